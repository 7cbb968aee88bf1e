//! `engine::nn` and `engine::optim`: layers, networks, training and SGD, with
//! sizes, shapes, learning rates and epochs of every kind.

use crate::support::*;
use backprop::nn::{Layer, Linear, Sequential};
use backprop::optim::Sgd;
use backprop::prelude::*;
use ndarray::{Array1, Array2};
use proptest::prelude::*;

fn hidden() -> impl Strategy<Value = Layer> {
    prop_oneof![
        Just(Layer::Relu),
        Just(Layer::Sigmoid),
        Just(Layer::Tanh),
        Just(Layer::Linear(Linear::from_weights(Array2::eye(2), Array1::zeros(2)))),
    ]
}

fn loss_kind() -> impl Strategy<Value = Loss> {
    prop_oneof![Just(Loss::Mse), Just(Loss::Bce)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn layers_check_sizes_and_inputs(i in size(), o in size(), w in any_matrix(), b in any_vector(), x in any_matrix()) {
        expect(outcome(|| Linear::new(i, o, &mut rng(0))), i > 0 && o > 0 && can_exist(&[i, o]), "nn::Linear::new", |l| {
            assert_eq!(l.weight.shape(), vec![o, i]);
        });
        let ok = !w.is_empty() && b.len() == w.nrows();
        expect(outcome(|| Linear::from_weights(w.clone(), b.clone())), ok, "nn::Linear::from_weights", |_| {});
        if !ok {
            return Ok(());
        }
        let layer = Linear::from_weights(w.clone(), b.clone());
        let fits = x.ncols() == w.ncols();
        let xs = format!("{:?}", x.shape());
        let t = Tensor::new(x.clone());
        expect(outcome(|| layer.forward(&t)), fits, "nn::Linear::forward", |y| {
            assert_same("x·Wᵀ + b", &y.value(), &(naive_product(&x, &w.t().to_owned()) + &b));
        });
        if !fits {
            refused(outcome(|| layer.forward(&t)), "nn::Linear::forward", &[&xs]);
        }
        let as_layer: Layer = layer.clone().into();
        expect(outcome(|| as_layer.forward(&t)), fits, "nn::Linear::forward", |_| {});
        for act in [Layer::Relu, Layer::Sigmoid, Layer::Tanh] {
            assert_eq!(act.forward(&t).shape(), x.shape());
        }
        // A layer whose bias was replaced by one that does not fit is named, not broadcast.
        let tampered = Linear { weight: layer.weight.clone(), bias: Tensor::param(Array1::zeros(w.nrows() + 1)) };
        refused(outcome(|| tampered.forward(&t)), "nn::Linear::forward", &["bias"]);
        refused(outcome(|| hidden_unit_spread(&Layer::Linear(tampered.clone()))), "hidden_unit_spread", &[]);
        let spread = hidden_unit_spread(&Layer::Linear(layer));
        let mut want = if w.iter().chain(&b).any(|v| v.is_nan()) { f64::NAN } else { 0.0 };
        for r in 1..w.nrows() {
            for d in std::iter::once(b[r] - b[0]).chain((0..w.ncols()).map(|c| w[[r, c]] - w[[0, c]])) {
                if d.is_nan() || d.abs() > want { want = d.abs(); }
            }
        }
        assert!(same(spread, want), "spread {spread}, expected {want}");
        assert_eq!(hidden_unit_spread(&Layer::Relu), 0.0);
    }

    #[test]
    fn networks_check_sizes_layers_and_names(sizes in proptest::collection::vec(size(), 0..4), hidden in hidden(), name in "[0-9]\\.(weight|bias|w)") {
        let small = sizes.windows(2).all(|p| can_exist(&[p[0], p[1]]));
        let ok = sizes.len() >= 2 && !sizes.contains(&0) && small && !matches!(hidden, Layer::Linear(_));
        let mut r = rng(1);
        expect(outcome(|| Sequential::mlp(&sizes, hidden.clone(), &mut r)), ok, "Sequential::mlp", |net| {
            assert_eq!(net.parameters().len(), 2 * (sizes.len() - 1));
            assert_eq!(net.named_parameters()[0].0, "0.weight");
            let found = net.named_parameters().iter().any(|(n, _)| *n == name);
            expect(outcome(|| net.param(&name)), found, "Sequential::param", |p| assert!(p.requires_grad()));
            let x = Tensor::new(Array2::zeros((2, sizes[0])));
            assert_eq!(net.forward(&x).shape(), vec![2, sizes[sizes.len() - 1]]);
            net.zero_grad();
            assert_eq!(net.grad_summary().0.len(), net.parameters().len());
            let longer = net.clone().then(Layer::Sigmoid);
            assert_eq!(longer.layers.len(), net.layers.len() + 1);
        });
        // Layers that do not chain are named when the network is built.
        let a = Linear::from_weights(Array2::zeros((3, 2)), Array1::zeros(3));
        let b = Linear::from_weights(Array2::zeros((1, 4)), Array1::zeros(1));
        refused(outcome(|| Sequential::new(vec![a.clone().into(), Layer::Relu, b.clone().into()])), "Sequential::new", &["[1, 4]", "[3, 2]"]);
        let pairs = vec![(Array2::zeros((3, 2)), Array1::zeros(3)), (Array2::zeros((1, 3)), Array1::zeros(usize::from(name.len() > 8)))];
        let ok = name.len() > 8 && !matches!(hidden, Layer::Linear(_));
        expect(outcome(|| Sequential::from_weights(pairs.clone(), hidden.clone())), ok, "Sequential::from_weights", |_| {});
        refused(outcome(|| Sequential::from_weights(Vec::new(), Layer::Relu)), "Sequential::from_weights", &[]);
    }

    #[test]
    fn walking_along_the_gradient_checks_shapes_and_puts_parameters_back(x in any_matrix(), distances in proptest::collection::vec(number(), 0..4)) {
        let net = Sequential::mlp(&[2, 3, 1], Layer::Tanh, &mut rng(2));
        let start: Vec<_> = net.parameters().iter().map(Tensor::value).collect();
        let y = Tensor::new(Array2::from_elem((x.nrows(), 1), 0.5));
        let fits = x.ncols() == 2;
        match outcome(|| net.mse_along_gradient(&Tensor::new(x.clone()), &y, &distances)) {
            Ok(losses) => {
                assert!(fits, "x of shape {:?} was taken", x.shape());
                assert_eq!(losses.len(), distances.len());
            }
            Err(message) => assert!(!fits || x.nrows() == 0 || message.contains("mse_along_gradient"), "{message}"),
        }
        let now: Vec<_> = net.parameters().iter().map(Tensor::value).collect();
        assert_eq!(now, start, "the parameters are put back");
        match outcome(|| net.mse_gradient_norm(&Tensor::new(x.clone()), &y)) {
            Ok(norm) => {
                assert!(fits, "x of shape {:?} was taken", x.shape());
                assert!(norm.is_nan() || norm >= 0.0, "a length is not negative: {norm}");
            }
            Err(message) => assert!(!fits || x.nrows() == 0, "{message}"),
        }
        assert!(net.parameters().iter().all(|p| p.grad().iter().all(|&g| g == 0.0)), "the gradients are left at zero");
    }

    #[test]
    fn fit_predict_and_accuracy_check_rates_epochs_and_shapes(
        (x, y) in (0..4usize, 1..3usize, 0..3usize).prop_flat_map(|(b, i, o)| (matrix(b, i), matrix(b, o))),
        lr in rate(), epochs in 0..4usize, loss in loss_kind(), val_rows in 0..3usize,
    ) {
        let net = Sequential::mlp(&[2, 3, 1], Layer::Tanh, &mut rng(2)).then(Layer::Sigmoid);
        let shape_ok = x.ncols() == 2 && y.shape() == [x.nrows(), 1];
        let fit = Fit { loss, lr, epochs, validation: None };
        let settings_ok = good_rate(lr) && epochs > 0;
        let targets_ok = loss != Loss::Bce || y.iter().all(|v| v.is_nan() || (0.0..=1.0).contains(v)) || x.nrows() == 0;
        let run = outcome(|| net.clone().fit(&x, &y, &fit));
        if !(settings_ok && shape_ok) {
            refused(run, "Sequential::fit", &[]);
        } else {
            // BCE takes any target, as PyTorch does; the record says why a run stopped.
            let _ = targets_ok;
            value_or_refused(run, "binary_cross_entropy", |h| {
                assert!(h.losses.iter().all(|l| l.is_finite()));
                assert!(h.stopped.is_some() || h.losses.len() == epochs, "{}", h.summary());
            });
        }
        let x_val = Array2::from_elem((val_rows, 2), 0.5);
        let y_val = Array2::from_elem((val_rows, 1), 1.0);
        expect(outcome(|| Fit::new(loss).validate(&x_val, &y_val)), val_rows > 0, "Fit::validate", |f| {
            let h = net.clone().fit(&Array2::zeros((2, 2)), &Array2::from_elem((2, 1), 0.5), &f.epochs(2));
            assert_eq!(h.val_losses.len(), h.losses.len());
        });
        let wrong_val = Fit::new(loss).validate(&Array2::zeros((1, 3)), &Array2::zeros((1, 1)));
        refused(outcome(|| net.fit(&Array2::zeros((2, 2)), &Array2::zeros((2, 1)), &wrong_val)), "Sequential::fit", &["x_val", "[1, 3]"]);
        expect(outcome(|| net.predict(&x)), x.ncols() == 2, "nn::Linear::forward", |p| assert_eq!(p.dim(), (x.nrows(), 1)));
        expect(outcome(|| net.accuracy(&x, &y)), shape_ok && x.nrows() > 0, "Sequential::accuracy", |a| {
            assert!((0.0..=1.0).contains(&a));
        });
        for (_, norm) in net.layer_grad_norms() {
            assert!(norm >= 0.0 || norm.is_nan());
        }
        let check = net.gradcheck(|n| n.forward(&Tensor::new(Array2::from_elem((1, 2), 0.3))).sum());
        assert!(check.passed(), "{}", check.verdict());
    }

    #[test]
    fn sgd_refuses_rates_and_empty_parameter_lists(lr in rate(), later in rate(), g in number()) {
        let p = Tensor::param(Array1::from_elem(3, 1.0));
        refused(outcome(|| Sgd::new(Vec::new(), 0.1)), "Sgd::new", &["empty"]);
        let made = outcome(|| Sgd::new(vec![p.clone()], lr));
        if !good_rate(lr) {
            refused(made, "Sgd::new", &[&format!("{lr}")]);
            return Ok(());
        }
        let mut opt = made.expect("a good rate");
        (&p * g).sum().backward();
        opt.lr = later;
        expect(outcome(|| opt.step()), good_rate(later), "Sgd::step", |()| {
            assert_same("p − lr·g", &p.value(), &Array1::from_elem(3, 1.0 - later * g).into_dyn());
        });
        opt.zero_grad();
        assert!(p.grad().iter().all(|&v| v == 0.0));
    }
}
