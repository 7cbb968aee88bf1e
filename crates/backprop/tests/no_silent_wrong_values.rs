//! Every input that once produced a silently wrong value now gets either
//! PyTorch's behaviour or a clear panic naming the operation, the shapes or
//! values, and the fix. One test per case (the first pass, then issue 25).

use backprop::prelude::*;
use backprop::train::Stop;
use backprop::{binary_cross_entropy, by_hand::NeuronGrads, relu};

#[test]
fn bce_of_nan_is_nan_on_both_paths() {
    assert!(binary_cross_entropy(f64::NAN, 1.0).is_nan());
    let engine = Tensor::new(array![f64::NAN]).bce_loss(&Tensor::new(array![1.0]));
    assert!(engine.item().is_nan());
}

#[test]
#[should_panic(expected = "binary_cross_entropy: the prediction 1.5 is outside [0, 1]")]
fn bce_refuses_a_prediction_above_one_as_pytorch_does() {
    Tensor::new(array![1.5]).bce_loss(&Tensor::new(array![1.0]));
}

#[test]
fn the_two_bce_paths_agree_at_a_saturated_prediction() {
    // torch.nn.BCELoss()(tensor([0.]), tensor([1.])) = 100 (each log clamped at −100)
    let engine = Tensor::new(array![0.0]).bce_loss(&Tensor::new(array![1.0])).item();
    assert_eq!((binary_cross_entropy(0.0, 1.0), engine), (100.0, 100.0));
    assert_eq!(Loss::Bce.mean(&array![0.0], &array![1.0]), 100.0);
}

#[test]
fn relu_of_nan_is_nan() {
    assert!(relu(f64::NAN).is_nan());
    assert!(Tensor::new(array![f64::NAN]).relu().item().is_nan());
}

#[test]
fn the_bce_target_gets_its_gradient() {
    // dL/dy = (ln(1 − a) − ln a) / N, as PyTorch computes it.
    let (a, y) = (array![0.2, 0.7], array![1.0, 0.0]);
    let target = Tensor::param(y.clone());
    Tensor::new(a.clone()).bce_loss(&target).backward();
    let want: Vec<f64> = a.iter().map(|&a: &f64| ((1.0 - a).ln() - a.ln()) / 2.0).collect();
    compare("dL/dy", &target.grad(), &want, 1e-12, 1e-15).assert_ok();
    let numeric = central_difference(|v| Loss::Bce.mean(&a, &array![v, 0.0]), 1.0, 1e-6);
    assert!((target.grad()[0] - numeric).abs() < 1e-8);
}

#[test]
#[should_panic(expected = "DeltaNet::backward: y has shape [1, 2] but the output y_hat has shape [1, 1]")]
fn delta_net_refuses_a_wrongly_shaped_target() {
    let net = DeltaNet::new(
        vec![array![[0.1, 0.3], [0.2, 0.4]], array![[0.5, 0.6]]],
        vec![array![0.0, 0.0], array![0.0]],
        vec![Relu, Identity],
    );
    let x = array![[1.0, 2.0]];
    net.backward(&net.forward(&x), &array![[1.0, 2.0]]);
}

#[test]
#[should_panic(expected = "TwoLayerNet::backward: the length of x is 3 but must be 2")]
fn two_layer_net_backward_checks_x() {
    let net = TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    let pass = net.forward(&array![1.0, 2.0], 3.0);
    net.backward(&array![1.0, 2.0, 3.0], &pass, 3.0);
}

#[test]
#[should_panic(expected = "Sequential::fit: the network has no parameters to train; add an nn::Linear layer")]
fn fit_without_a_linear_layer_says_what_is_missing() {
    let net = nn::Sequential::new(vec![nn::Layer::Relu]);
    net.fit(&array![[1.0]], &array![[1.0]], &Fit::new(Loss::Mse));
}

#[test]
fn an_empty_batch_gives_nan_on_both_paths_and_training_says_why() {
    let empty = Array2::<f64>::zeros((0, 1));
    assert!(MseLoss::new().forward(&empty, &empty).is_nan());
    assert!(Tensor::new(empty.clone()).mse_loss(&Tensor::new(empty.clone())).item().is_nan());
    let net = nn::Sequential::new(vec![nn::Linear::from_weights(array![[1.0]], array![0.0]).into()]);
    let run = net.fit(&empty, &empty, &Fit::new(Loss::Mse));
    assert_eq!(run.stopped, Some((0, Stop::EmptyBatch)));
    assert!(run.summary().contains("the batch is empty"), "{}", run.summary());
}

#[test]
#[should_panic(expected = "nn::Linear::from_weights: the number of biases is 3 but must be 2")]
fn engine_linear_refuses_a_bias_of_the_wrong_length() {
    nn::Linear::from_weights(array![[1.0], [2.0]], array![0.0, 0.0, 0.0]);
}

#[test]
#[should_panic(expected = "Neuron::step: dL/dw has shape [1] but w has shape [2]")]
fn a_neuron_refuses_another_neurons_gradients() {
    let one = Neuron::new(array![1.0], 0.0, Relu);
    let (_, _, grads): (_, _, NeuronGrads) = one.forward_backward(&array![1.0], 0.0, Loss::Mse);
    Neuron::new(array![1.0, 2.0], 0.0, Relu).step(&grads, 0.1);
}

#[test]
#[should_panic(expected = "Linear::new: in_features = 0 and out_features = 3 must both be at least 1")]
fn a_layer_without_inputs_is_refused() {
    Linear::new(0, 3, &mut rng(0));
}

#[test]
#[should_panic(expected = "backward: the graph was already used by a backward pass")]
fn a_second_backward_through_one_graph_is_refused() {
    let w = Tensor::param(array![2.0]);
    let loss = (&w * &Tensor::new(array![3.0])).sum();
    loss.backward();
    loss.backward();
}

#[test]
fn divergence_reports_name_the_real_cause() {
    let net = || nn::Sequential::new(vec![nn::Linear::from_weights(array![[0.5]], array![0.0]).into()]);
    let (x, y) = (array![[1.0], [2.0]], array![[2.0], [4.0]]);
    let cause = |x: &Array2<f64>, y: &Array2<f64>, lr: f64| net().fit(x, y, &Fit::new(Loss::Mse).lr(lr)).stopped;
    assert_eq!(cause(&array![[f64::NAN], [2.0]], &y, 0.1), Some((0, Stop::DataNotFinite)));
    assert_eq!(cause(&x, &array![[f64::INFINITY], [4.0]], 0.1), Some((0, Stop::TargetsNotFinite)));
    // A NaN learning rate is refused where it is set, as every rate that is not finite and above 0.
    let refused = std::panic::catch_unwind(|| Fit::new(Loss::Mse).lr(f64::NAN)).expect_err("a NaN rate is refused");
    let message = refused.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.starts_with("Fit::lr: the learning rate lr is NaN"), "{message}");
    assert!(matches!(cause(&x, &y, 10.0), Some((_, Stop::LossGrew))));
    assert_eq!(cause(&x, &y, 0.1), None);
    // A hand-written loop with NaN in the data: the loss is NaN before any update.
    let mut history = History::new(0.1);
    assert!(!history.record(Loss::Mse.mean(&array![f64::NAN], &array![1.0])));
    assert!(history.summary().contains("before any update"), "{}", history.summary());
}

#[test]
#[should_panic(expected = "Fit::lr: the learning rate lr is -0.1, but it must be a finite number above 0")]
fn a_negative_learning_rate_is_refused_as_pytorch_refuses_it() {
    Fit::new(Loss::Mse).lr(-0.1);
}

#[test]
#[should_panic(expected = "Sequential::fit: epochs is 0, so nothing would be trained")]
fn a_run_of_zero_epochs_is_refused() {
    let net = nn::Sequential::new(vec![nn::Linear::from_weights(array![[1.0]], array![0.0]).into()]);
    net.fit(&array![[1.0]], &array![[1.0]], &Fit { epochs: 0, ..Fit::new(Loss::Mse) });
}

#[test]
#[should_panic(expected = "DeltaNet::step: b has shape [2] but dL/db has shape [1]")]
fn a_one_element_bias_gradient_is_not_spread_over_every_bias() {
    let mut net = DeltaNet::new(vec![array![[0.1], [0.2]]], vec![array![0.0, 0.0]], vec![Identity]);
    let mut grads = net.backward(&net.forward(&array![[1.0]]), &array![[1.0, 0.0]]);
    grads[0].dl_db = array![0.5];
    net.step(&grads, 0.1);
}

#[test]
#[should_panic(expected = "TwoLayerNet::step: dl_db1 has shape [1] but b1 has shape [2]")]
fn a_wrongly_shaped_gradient_is_named_by_the_update_not_by_ndarray() {
    let mut net = TwoLayerNet::new(array![[0.5, -0.4], [0.3, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    let x = array![1.0, 2.0];
    let mut grads = net.backward(&x, &net.forward(&x, 3.0), 3.0);
    grads.dl_db1 = array![0.5];
    net.step(&grads, 0.1);
}

#[test]
#[should_panic(expected = "ConfusionMatrix::accuracy: the matrix (shape [3, 3]) counts 0 samples")]
fn an_accuracy_of_no_samples_is_refused_as_class_accuracy_refuses_it() {
    ConfusionMatrix::new(&[], &[], 3).accuracy();
}
