//! `by_hand`: the neuron, the layer, the MSE loss, Day 10's network and the
//! delta rule, with inputs, gradients and learning rates of the wrong kind.

use crate::support::*;
use backprop::prelude::*;
use backprop::{linear_forward, NetGrads};
use ndarray::{Array1, Array2};
use proptest::prelude::*;

fn activation() -> impl Strategy<Value = Activation> {
    prop_oneof![Just(Identity), Just(Sigmoid), Just(Relu), Just(Tanh)]
}

fn loss_kind() -> impl Strategy<Value = Loss> {
    prop_oneof![Just(Loss::HalfSquared), Just(Loss::Mse), Just(Loss::Bce)]
}

/// A `Fit` with any learning rate and any number of epochs (set directly, as a learner may).
fn fit_with(loss: Loss, lr: f64, epochs: usize) -> Fit {
    Fit { loss, lr, epochs, validation: None }
}

/// The first op a bad `Fit` is named by, or None when the fit is good.
fn fit_ok(lr: f64, epochs: usize) -> bool {
    good_rate(lr) && epochs > 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn neuron_refuses_bad_inputs_rates_and_gradients(
        (w, x) in (dim(), dim()).prop_flat_map(|(f, g)| (vector(f), vector(g))),
        b in number(), y in number(), lr in rate(), epochs in 0..4usize, act in activation(), loss in loss_kind(),
    ) {
        let n = Neuron::new(w.clone(), b, act);
        let fits = x.len() == w.len();
        let shapes = [&format!("[{}]", x.len())[..], &format!("[{}]", w.len())];
        expect(outcome(|| n.forward(&x)), fits, "Neuron::forward", |p| {
            let z = w.dot(&x) + b;
            assert!(same(p.z, z) && same(p.a, act.forward(z)));
        });
        if !fits {
            refused(outcome(|| n.forward(&x)), "Neuron::forward", &shapes);
            for (op, r) in [
                ("Neuron::loss", outcome(|| { n.loss(&x, y, loss); })),
                ("Neuron::forward_backward", outcome(|| { n.forward_backward(&x, y, loss); })),
                ("Neuron::check_gradients", outcome(|| { n.check_gradients(&x, y, loss); })),
                ("Neuron::fit", outcome(|| { n.clone().fit(&x, y, &fit_with(loss, 0.1, 1)); })),
            ] {
                refused(r, op, &shapes);
            }
            return Ok(());
        }
        let pass = n.forward(&x);
        let bce_ok = loss != Loss::Bce || pass.a.is_nan() || (0.0..=1.0).contains(&pass.a);
        let op = if bce_ok { "" } else { "binary_cross_entropy" };
        expect(outcome(|| n.loss(&x, y, loss)), bce_ok, op, |l| assert!(same(l, loss.value(pass.a, y))));
        let dl_da = if bce_ok { loss.grad(pass.a, y) } else { 1.0 };
        let g = n.backward(&x, &pass, dl_da);
        assert!(same(g.dl_dz, dl_da * act.derivative(pass.z)));
        assert_same("dL/dw", &g.dl_dw, &x.mapv(|v| g.dl_dz * v));
        expect(outcome(|| n.forward_backward(&x, y, loss)), bce_ok, op, |(_, l, g2)| {
            assert!(same(l, loss.value(pass.a, y)) && same(g2.dl_db, g.dl_db));
        });
        // Central differences nudge a prediction of exactly 0 or 1 out of BCE's range: a value or BCE's refusal.
        value_or_refused(outcome(|| n.check_gradients(&x, y, loss)), "binary_cross_entropy", |c| {
            assert_eq!(c.names.len(), w.len() + 1);
        });
        let mut stepped = n.clone();
        expect(outcome(|| stepped.step(&g, lr)), good_rate(lr), "Neuron::step", |()| {
            assert!(same(stepped.b, b - lr * g.dl_db));
        });
        let mut other = g.clone();
        other.dl_dw = Array1::zeros(w.len() + 1);
        refused(outcome(|| n.clone().step(&other, 0.1)), "Neuron::step", &[&format!("[{}]", w.len() + 1)]);
        let fit = fit_with(loss, lr, epochs);
        let trained = |h: History| {
            assert!(h.losses.iter().all(|l| l.is_finite()));
            assert!(h.stopped.is_some() || h.losses.len() == epochs, "{h:?}");
        };
        if !fit_ok(lr, epochs) {
            refused(outcome(|| n.clone().fit(&x, y, &fit)), "Neuron::fit", &[]);
        } else if loss == Loss::Bce && act != Sigmoid {
            // Without a sigmoid, training can carry the output out of [0, 1]: BCE then refuses it.
            value_or_refused(outcome(|| n.clone().fit(&x, y, &fit)), "binary_cross_entropy", trained);
        } else {
            expect(outcome(|| n.clone().fit(&x, y, &fit)), true, "Neuron::fit", trained);
        }
    }

    #[test]
    fn linear_layer_checks_shapes_rates_and_gradients(
        w in any_matrix(), b in any_vector(), x in any_matrix(), g in any_matrix(), lr in rate(), sizes in (size(), size()),
    ) {
        let layer_ok = !w.is_empty() && b.len() == w.nrows();
        expect(outcome(|| Linear::from_weights(w.clone(), b.clone())), layer_ok, "Linear::from_weights", |_| {});
        expect(outcome(|| linear_forward(&x, &w, &b)), layer_ok && x.ncols() == w.ncols(), "linear_forward", |y| {
            let want = naive_product(&x, &w.t().to_owned()) + &b;
            assert_same("y", &y, &want);
        });
        let backward_ok = x.ncols() == w.ncols() && g.shape() == [x.nrows(), w.nrows()];
        expect(outcome(|| linear_backward(&g, &x, &w)), backward_ok, "linear_backward", |(gx, gw, gb)| {
            assert_same("dL/dx", &gx, &naive_product(&g, &w));
            assert_same("dL/dW", &gw, &naive_product(&g.t().to_owned(), &x));
            assert_same("dL/db", &gb, &g.sum_axis(ndarray::Axis(0)));
        });
        let (i, o) = sizes;
        expect(outcome(|| Linear::new(i, o, &mut rng(0))), i > 0 && o > 0 && can_exist(&[i, o]), "Linear::new", |l| {
            assert_eq!((l.in_features(), l.out_features()), (i, o));
        });
        if !layer_ok {
            return Ok(());
        }
        let mut layer = Linear::from_weights(w.clone(), b.clone());
        refused(outcome(|| layer.clone().backward(&g)), "Linear::backward", &["before forward"]);
        let fits = x.ncols() == layer.in_features();
        expect(outcome(|| layer.forward(&x)), fits, "Linear::forward", |_| {});
        if !fits {
            return Ok(());
        }
        expect(outcome(|| layer.backward(&g)), g.shape() == [x.nrows(), w.nrows()], "Linear::backward", |gx| {
            assert_eq!(gx.shape(), x.shape());
        });
        let before = layer.clone();
        expect(outcome(|| layer.step(lr)), good_rate(lr), "Linear::step", |()| {
            assert_same("w", &layer.w, &(&before.w - &(&before.dl_dw * lr)));
        });
        let mut one_bias_gradient = before.clone();
        one_bias_gradient.dl_db = Array1::zeros(1 + b.len());
        refused(outcome(|| one_bias_gradient.step(0.1)), "Linear::step", &["dl_db", &format!("[{}]", b.len())]);
    }

    #[test]
    fn mse_loss_names_both_shapes_and_its_order(pred in any_matrix(), target in any_matrix()) {
        let mut mse = MseLoss::new();
        refused(outcome(|| mse.backward()), "MseLoss::backward", &["before forward"]);
        let ok = pred.shape() == target.shape();
        expect(outcome(|| mse.forward(&pred, &target)), ok, "mse_loss", |l| assert!(same(l, Loss::Mse.mean(&pred, &target))));
        if ok {
            assert_same("dL/dpred", &mse.backward(), &Loss::Mse.mean_grad(&pred, &target));
        } else {
            refused(outcome(|| mse.forward(&pred, &target)), "mse_loss", &[&format!("{:?}", pred.shape()), &format!("{:?}", target.shape())]);
        }
    }

    #[test]
    fn two_layer_net_checks_every_part(
        (w1, b1, w2, x) in (0..3usize, 1..3usize, 0..3usize, 0..3usize, 0..3usize)
            .prop_flat_map(|(i, h, hb, hw, xi)| (matrix(i, h), vector(hb), vector(hw), vector(xi))),
        b2 in number(), y in number(), lr in rate(), epochs in 0..3usize, loss in prop_oneof![Just(Loss::Mse), Just(Loss::Bce)],
    ) {
        let h = w1.nrows();
        let ok = b1.len() == h && w2.len() == h;
        expect(outcome(|| TwoLayerNet::new(w1.clone(), b1.clone(), w2.clone(), b2)), ok, "TwoLayerNet::new", |_| {});
        if !ok {
            let tampered = TwoLayerNet { w1: w1.clone(), b1: b1.clone(), w2: w2.clone(), b2 };
            refused(outcome(|| tampered.forward(&x, y)), "TwoLayerNet::forward", &[]);
            return Ok(());
        }
        let net = TwoLayerNet::new(w1.clone(), b1.clone(), w2.clone(), b2);
        let fits = x.len() == w1.ncols();
        expect(outcome(|| net.forward(&x, y)), fits, "TwoLayerNet::forward", |p| {
            let z1 = w1.dot(&x) + &b1;
            assert_same("Z1", &p.z1, &z1);
            assert!(same(p.y_hat, w2.dot(&z1.mapv(relu)) + b2));
        });
        let theta = net.flatten();
        assert_eq!(theta.len(), w1.len() + 2 * h + 1);
        assert_same("theta", &net.unflatten(&theta).flatten(), &theta);
        refused(outcome(|| net.unflatten(&Array1::zeros(theta.len() + 1))), "TwoLayerNet::unflatten", &[]);
        expect(outcome(|| net.check_gradients(&x, y)), fits, "TwoLayerNet::check_gradients", |c| assert_eq!(c.names.len(), theta.len()));
        let fit = Fit { loss, lr, epochs, validation: None };
        expect(outcome(|| net.clone().fit(&x, y, &fit)), fit_ok(lr, epochs) && fits && loss == Loss::Mse, "TwoLayerNet::fit", |h| {
            assert!(h.losses.iter().all(|l| l.is_finite()));
        });
        if !fits {
            refused(outcome(|| net.backward(&x, &net.forward(&Array1::zeros(w1.ncols()), y), y)), "TwoLayerNet::backward", &[]);
            return Ok(());
        }
        let pass = net.forward(&x, y);
        let grads = net.backward(&x, &pass, y);
        let mut stepped = net.clone();
        expect(outcome(|| stepped.step(&grads, lr)), good_rate(lr), "TwoLayerNet::step", |()| {
            assert!(same(stepped.b2, b2 - lr * grads.dl_db2));
        });
        // A one-element bias gradient is refused, never spread over every bias.
        let wrong = NetGrads { dl_db1: Array1::zeros(h + 1), ..grads.clone() };
        refused(outcome(|| net.clone().step(&wrong, 0.1)), "TwoLayerNet::step", &["dl_db1", &format!("[{}]", h + 1)]);
        let wrong = NetGrads { dl_dw2: Array1::zeros(h + 1), ..grads };
        refused(outcome(|| net.clone().step(&wrong, 0.1)), "TwoLayerNet::step", &["dl_dw2"]);
    }

    #[test]
    fn delta_net_checks_layers_caches_and_updates(
        widths in proptest::collection::vec(0..3usize, 0..4), bad_bias in any::<bool>(), batch in 0..3usize,
        lr in rate(), y_cols in 0..3usize, acts in proptest::collection::vec(prop_oneof![Just(Identity), Just(Relu), Just(Tanh)], 0..4),
    ) {
        let layers = widths.len().saturating_sub(1);
        let weights: Vec<Array2<f64>> = widths.windows(2).map(|p| Array2::from_elem((p[1], p[0]), 0.3)).collect();
        let mut biases: Vec<Array1<f64>> = widths.windows(2).map(|p| Array1::from_elem(p[1], 0.1)).collect();
        if bad_bias && layers > 0 {
            biases[0] = Array1::zeros(1 + biases[0].len());
        }
        let acts: Vec<Activation> = acts.into_iter().chain(std::iter::repeat(Identity)).take(if bad_bias { layers + 1 } else { layers }).collect();
        let ok = layers > 0 && !bad_bias;
        expect(outcome(|| DeltaNet::new(weights.clone(), biases.clone(), acts.clone())), ok, "DeltaNet::new", |_| {});
        if !ok {
            let tampered = DeltaNet { weights, biases, activations: acts };
            refused(outcome(|| tampered.forward(&Array2::zeros((1, 1)))), "DeltaNet::forward", &[]);
            return Ok(());
        }
        let net = DeltaNet::new(weights.clone(), biases, acts);
        let (i, o) = (widths[0], widths[widths.len() - 1]);
        let x = Array2::from_elem((batch, i), 0.5);
        let caches = net.forward(&x);
        assert_eq!(caches.len(), layers);
        assert_same("y_hat", &net.predict(&x), &caches[layers - 1].a);
        let y = Array2::from_elem((batch, y_cols), 1.0);
        let fits = y_cols == o;
        expect(outcome(|| net.loss(&caches, &y)), fits, "DeltaNet::loss", |l| assert!(l.is_finite()));
        expect(outcome(|| net.backward(&caches, &y)), fits, "DeltaNet::backward", |g| assert_eq!(g.len(), layers));
        expect(outcome(|| net.backward_from(&caches, &y)), fits, "DeltaNet::backward_from", |_| {});
        expect(outcome(|| net.backward_from_delta(&caches, &y)), fits, "DeltaNet::backward_from_delta", |g| assert_eq!(g.len(), layers));
        expect(outcome(|| net.accuracy(&x, &y)), fits && !y.is_empty(), "DeltaNet::accuracy", |a| assert!((0.0..=1.0).contains(&a)));
        // The same layers with a sigmoid output: the log of one BCE epoch (an empty batch's or output's loss is NaN: nothing recorded).
        let mut sig_acts = net.activations.clone();
        sig_acts[layers - 1] = Sigmoid;
        let sig = DeltaNet::new(net.weights.clone(), net.biases.clone(), sig_acts);
        expect(outcome(|| sig.record_bce(&mut History::new(0.1), &x, &y)), fits, "DeltaNet::record_bce", |going| assert_eq!(going, !y.is_empty()));
        let xy = (Array2::from_elem((batch, 2), 0.5), Array2::from_elem((batch, 1), 1.0));
        let two_to_one = i == 2 && o == 1 && widths.iter().all(|&w| w > 0);
        expect(outcome(|| sig.decision_chart("t", &xy.0, &xy.1, 0.0, 1.0, 3)), two_to_one, "DeltaNet::decision_chart", |c| assert!(!c.series.is_empty()));
        if widths.iter().all(|&w| w > 0) {
            let pairs: Vec<(Array2<f64>, Array1<f64>)> = net.weights.iter().cloned().zip(net.biases.iter().cloned()).collect();
            let model = nn::Sequential::from_weights(pairs, nn::Layer::Tanh).then(nn::Layer::Sigmoid);
            let back = DeltaNet::from_model(&model);
            assert_eq!(back.weights, net.weights);
            assert_eq!(back.activations.last(), Some(&Sigmoid));
        }
        refused(outcome(|| DeltaNet::from_model(&nn::Sequential::new(vec![nn::Layer::Tanh]))), "DeltaNet::from_model", &["Linear"]);
        expect(outcome(|| net.table(&caches, &y)), fits, "DeltaNet::backward", |t| assert!(t.to_text().starts_with("L = ")));
        expect(outcome(|| net.step_diagram(&x, &y)), fits, "DeltaNet::backward", |d| assert_eq!(d.forward.len(), layers + 2));
        refused(outcome(|| net.backward(&caches[1..], &y)), "DeltaNet::backward", &["caches"]);
        let wide = DeltaNet::new(vec![Array2::zeros((1, i + 1))], vec![Array1::zeros(1)], vec![Identity]);
        refused(outcome(|| wide.forward(&x)), "DeltaNet::forward", &[&format!("{:?}", x.shape())]);
        refused(outcome(|| wide.backward(&caches, &y)), "DeltaNet::backward", &[]);
        if !fits {
            return Ok(());
        }
        let grads = net.backward(&caches, &y);
        let mut stepped = net.clone();
        expect(outcome(|| stepped.step(&grads, lr)), good_rate(lr), "DeltaNet::step", |()| {
            assert_same("W1", &stepped.weights[0], &(&weights[0] - &(&grads[0].dl_dw * lr)));
        });
        // One bias gradient of one element: refused, never spread over the layer's biases (ndarray would broadcast it).
        let mut wrong = grads.clone();
        wrong[0].dl_db = Array1::zeros(1);
        let spread = widths[1] != 1;
        expect(outcome(|| net.clone().step(&wrong, 0.1)), !spread, "DeltaNet::step", |()| {});
        refused(outcome(|| net.clone().step(&grads[1..], 0.1)), "DeltaNet::step", &[]);
    }
}
