//! The crate against PyTorch: every `neuron` and `linear_mse` case of
//! `tests/fixtures/torch-reference.json` (PyTorch 2.11, float64).

mod common;
use backprop::prelude::*;
use common::*;

fn activation(name: &str) -> Activation {
    match name {
        "sigmoid" => Sigmoid,
        "tanh" => Tanh,
        "relu" => Relu,
        "identity" => Identity,
        other => panic!("unknown activation {other}"),
    }
}

fn sample_loss(name: &str) -> Loss {
    match name {
        "half_sq" => Loss::HalfSquared,
        "sq" => Loss::Mse,
        "bce" => Loss::Bce,
        other => panic!("unknown loss {other}"),
    }
}

#[test]
fn neuron_cases_match_pytorch() {
    let cases = cases("neuron");
    assert_eq!(cases.len(), 6);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let neuron =
            Neuron::new(vec1(&c["w"]), c["b"].as_f64().unwrap(), activation(c["activation"].as_str().unwrap()));
        let x = vec1(&c["x"]);
        let y = c["y"].as_f64().unwrap();
        let (pass, l, g) = neuron.forward_backward(&x, y, sample_loss(c["loss"].as_str().unwrap()));
        assert_matches(&format!("{name} z"), &[pass.z], &[c["z"].as_f64().unwrap()]);
        assert_matches(&format!("{name} a"), &[pass.a], &[c["a"].as_f64().unwrap()]);
        assert_matches(&format!("{name} loss"), &[l], &[c["loss_value"].as_f64().unwrap()]);
        assert_matches(&format!("{name} grad_w"), g.dl_dw.as_slice().unwrap(), vec1(&c["grad_w"]).as_slice().unwrap());
        assert_matches(&format!("{name} grad_b"), &[g.dl_db], &[c["grad_b"].as_f64().unwrap()]);
    }
}

#[test]
fn linear_mse_cases_match_pytorch() {
    let cases = cases("linear_mse");
    assert_eq!(cases.len(), 3);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let mut layer = Linear::from_weights(mat(&c["w"]), vec1(&c["b"]));
        let mut mse = MseLoss::new();
        let pred = layer.forward(&mat(&c["x"]));
        let l = mse.forward(&pred, &mat(&c["y"]));
        let dl_dx = layer.backward(&mse.backward());
        let flat = |a: &Array2<f64>| a.iter().copied().collect::<Vec<_>>();
        assert_matches(&format!("{name} pred"), &flat(&pred), &flat(&mat(&c["pred"])));
        assert_matches(&format!("{name} loss"), &[l], &[c["loss_value"].as_f64().unwrap()]);
        assert_matches(&format!("{name} grad_w"), &flat(&layer.dl_dw), &flat(&mat(&c["grad_w"])));
        assert_matches(
            &format!("{name} grad_b"),
            layer.dl_db.as_slice().unwrap(),
            vec1(&c["grad_b"]).as_slice().unwrap(),
        );
        assert_matches(&format!("{name} grad_x"), &flat(&dl_dx), &flat(&mat(&c["grad_x"])));
    }
}
