//! Property tests: on random shapes and values, the hand-written backward
//! passes agree with central finite differences.

use backprop::prelude::*;
use backprop::*;
use proptest::prelude::{prop_assert, prop_assume, prop_oneof, proptest, Just, ProptestConfig, Strategy};

fn act() -> impl Strategy<Value = Activation> {
    prop_oneof![Just(Identity), Just(Sigmoid), Just(Tanh)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn neuron_gradients(seed in 0u64..10_000, f in 1usize..6, act in act(), y in -1.0f64..1.0) {
        let mut r = rng(seed);
        let w = Array1::from_shape_fn(f, |_| r.gen_range(-1.0..1.0));
        let x = Array1::from_shape_fn(f, |_| r.gen_range(-2.0..2.0));
        let n = Neuron::new(w, r.gen_range(-1.0..1.0), act);
        for loss in [Loss::HalfSquared, Loss::Mse] {
            let check = n.check_gradients(&x, y, loss);
            prop_assert!(check.passed(), "{}", check.verdict());
        }
    }

    #[test]
    fn linear_layer_gradients(seed in 0u64..10_000, b in 1usize..5, i in 1usize..5, o in 1usize..4) {
        let mut r = rng(seed);
        let x = Array2::from_shape_fn((b, i), |_| r.gen_range(-2.0..2.0));
        let t = Array2::from_shape_fn((b, o), |_| r.gen_range(-2.0..2.0));
        let mut layer = Linear::new(i, o, &mut r);
        let mut mse = MseLoss::new();
        let pred = layer.forward(&x);
        mse.forward(&pred, &t);
        let dl_dx = layer.backward(&mse.backward());
        let (w, bias) = (layer.w.clone(), layer.b.clone());
        let loss_of = |x: &Array2<f64>, w: &Array2<f64>, bias: &Array1<f64>| MseLoss::new().forward(&linear_forward(x, w, bias), &t);
        let flat_w = Array1::from_iter(w.iter().copied());
        let num_w = numeric_gradient(|p| loss_of(&x, &p.clone().into_shape_with_order(w.raw_dim()).unwrap(), &bias), &flat_w, 1e-6);
        let num_b = numeric_gradient(|p| loss_of(&x, &w, p), &bias, 1e-6);
        let flat_x = Array1::from_iter(x.iter().copied());
        let num_x = numeric_gradient(|p| loss_of(&p.clone().into_shape_with_order(x.raw_dim()).unwrap(), &w, &bias), &flat_x, 1e-6);
        for c in [
            compare("dL/dw", &layer.dl_dw, &num_w, 1e-5, 1e-8),
            compare("dL/db", &layer.dl_db, &num_b, 1e-5, 1e-8),
            compare("dL/dx", &dl_dx, &num_x, 1e-5, 1e-8),
        ] {
            prop_assert!(c.passed(), "{}", c.report());
        }
    }

    #[test]
    fn two_layer_network_gradients(seed in 0u64..10_000, i in 1usize..4, h in 1usize..5, y in -2.0f64..2.0) {
        let mut r = rng(seed);
        let mut g = |n: usize| Array1::from_shape_fn(n, |_| r.gen_range(-1.0..1.0));
        let w1 = g(h * i).into_shape_with_order((h, i)).unwrap();
        let net = TwoLayerNet::new(w1, g(h), g(h), 0.3);
        let x = g(i);
        // Keep pre-activations away from ReLU's kink, where the derivative jumps.
        prop_assume!(net.forward(&x, y).z1.iter().all(|z| z.abs() > 1e-4));
        let check = net.check_gradients(&x, y);
        prop_assert!(check.passed(), "{}", check.verdict());
    }
}
