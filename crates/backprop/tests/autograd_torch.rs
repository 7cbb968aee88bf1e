//! The autograd engine against PyTorch: every `mlp` case and the gradient
//! accumulation case of `tests/fixtures/torch-reference.json` — forward values,
//! every gradient, the SGD step and the loss after it, to 1e-12 relative.

mod common;
use backprop::prelude::*;
use common::*;
use serde_json::Value;

fn build(case: &Value) -> nn::Sequential {
    let params = case["params"].as_array().unwrap();
    let acts = case["activations"].as_array().unwrap();
    let mut layers: Vec<nn::Layer> = Vec::new();
    for (k, act) in acts.iter().enumerate() {
        layers.push(nn::Linear::from_weights(mat(&params[2 * k]), vec1(&params[2 * k + 1])).into());
        match act.as_str() {
            Some("relu") => layers.push(nn::Layer::Relu),
            Some("sigmoid") => layers.push(nn::Layer::Sigmoid),
            Some("tanh") => layers.push(nn::Layer::Tanh),
            None => {}
            Some(other) => panic!("unknown activation {other}"),
        }
    }
    nn::Sequential::new(layers)
}

fn loss_of(case: &Value, pred: &Tensor) -> Tensor {
    match case["loss"].as_str().unwrap() {
        "mse" => pred.mse_loss(&Tensor::new(mat(&case["y"]))),
        "bce" => pred.bce_loss(&Tensor::new(mat(&case["y"]))),
        "bce_logits" => pred.bce_with_logits_loss(&Tensor::new(mat(&case["y"]))),
        "cross_entropy" => {
            let classes: Vec<usize> =
                case["y"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap() as usize).collect();
            pred.cross_entropy_loss(&classes)
        }
        other => panic!("unknown loss {other}"),
    }
}

fn flat(v: &Value) -> Vec<f64> {
    match v {
        Value::Array(items) => items.iter().flat_map(flat).collect(),
        Value::Number(n) => vec![n.as_f64().unwrap()],
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn mlp_cases_match_pytorch() {
    let cases = cases("mlp");
    assert_eq!(cases.len(), 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let model = build(&case);
        let x = Tensor::new(mat(&case["x"]));
        let pred = model.forward(&x);
        assert_matches(
            &format!("{name} pred"),
            &pred.value().iter().copied().collect::<Vec<_>>(),
            &flat(&case["pred"]),
        );
        let loss = loss_of(&case, &pred);
        assert_matches(&format!("{name} loss"), &[loss.item()], &[case["loss_value"].as_f64().unwrap()]);
        let opt = optim::Sgd::new(model.parameters(), case["lr"].as_f64().unwrap());
        opt.zero_grad();
        loss.backward();
        for (k, p) in model.parameters().iter().enumerate() {
            let want = flat(&case["grads"][k]);
            assert_matches(&format!("{name} grad {k}"), &p.grad().iter().copied().collect::<Vec<_>>(), &want);
        }
        opt.step();
        for (k, p) in model.parameters().iter().enumerate() {
            let want = flat(&case["params_after_step"][k]);
            assert_matches(
                &format!("{name} param {k} after step"),
                &p.value().iter().copied().collect::<Vec<_>>(),
                &want,
            );
        }
        let after = loss_of(&case, &model.forward(&x)).item();
        assert_matches(&format!("{name} loss after step"), &[after], &[case["loss_after_step"].as_f64().unwrap()]);
    }
}

#[test]
fn gradients_accumulate_over_two_backward_calls() {
    let case = cases("accumulate").remove(0);
    let layer = nn::Linear::from_weights(mat(&case["w"]), vec1(&case["b"]));
    let (x, y) = (Tensor::new(mat(&case["x"])), Tensor::new(mat(&case["y"])));
    for _ in 0..2 {
        layer.forward(&x).mse_loss(&y).backward();
    }
    assert_matches(
        "grad_w after two",
        &layer.weight.grad().iter().copied().collect::<Vec<_>>(),
        &flat(&case["grad_w_after_two"]),
    );
    assert_matches(
        "grad_b after two",
        &layer.bias.grad().iter().copied().collect::<Vec<_>>(),
        &flat(&case["grad_b_after_two"]),
    );
    // And zero_grad resets them, so one more backward gives half of that.
    layer.weight.zero_grad();
    layer.forward(&x).mse_loss(&y).backward();
    let half: Vec<f64> = flat(&case["grad_w_after_two"]).iter().map(|g| g / 2.0).collect();
    assert_matches("grad_w after zero_grad", &layer.weight.grad().iter().copied().collect::<Vec<_>>(), &half);
}
