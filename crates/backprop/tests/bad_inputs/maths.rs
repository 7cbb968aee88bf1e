//! `maths`: activations, losses, softmax, products, randomness, comparisons and
//! gradient checks, with bad numbers and bad shapes.

use crate::support::*;
use backprop::maths::Rng;
use backprop::maths::*;
use ndarray::{Array1, Array2};
use proptest::prelude::*;

const ACTIVATIONS: [Activation; 4] = [Activation::Identity, Activation::Sigmoid, Activation::Relu, Activation::Tanh];

fn loss_kind() -> impl Strategy<Value = Loss> {
    prop_oneof![Just(Loss::HalfSquared), Just(Loss::Mse), Just(Loss::Bce)]
}

/// Whether BCE takes this prediction: a probability, or NaN (which it carries through).
fn probability(a: f64) -> bool {
    a.is_nan() || (0.0..=1.0).contains(&a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_step_parabola_takes_any_losses_and_refuses_a_bad_spacing(h in number(), l in (number(), number(), number()), lr in number()) {
        match outcome(|| StepParabola::through(h, [l.0, l.1, l.2])) {
            Ok(p) => {
                assert!(h > 0.0 && h.is_finite(), "spacing {h} was taken");
                assert!(same(p.l0, l.1) && same(p.distance(lr), lr * p.grad_norm));
                let small = [h, l.0, l.1, l.2, lr].iter().all(|v| v.abs() < 1e6) && h > 1e-3;
                if small {
                    let by_points = p.at(p.distance(lr)) - p.at(0.0);
                    assert!((p.step_change(lr) - by_points).abs() <= 1e-6 * (1.0 + by_points.abs()), "{p:?} {lr}");
                }
            }
            Err(message) => {
                assert!(!(h > 0.0 && h.is_finite()), "{message}");
                assert_own(&message, "StepParabola::through");
            }
        }
    }

    #[test]
    fn activations_compute_their_formula_or_carry_nan(z in number()) {
        let s = 1.0 / (1.0 + (-z).exp());
        assert!(same(sigmoid(z), s) || (z < -700.0 && sigmoid(z) < 1e-300), "sigmoid({z}) = {}", sigmoid(z));
        assert!(same(sigmoid_derivative(z), sigmoid(z) * (1.0 - sigmoid(z))));
        assert!(same(relu(z), if z.is_nan() { z } else { z.max(0.0) }));
        assert!(same(relu_derivative(z), if z.is_nan() { z } else if z > 0.0 { 1.0 } else { 0.0 }));
        assert!(same(tanh(z), z.tanh()) && same(tanh_derivative(z), 1.0 - z.tanh() * z.tanh()));
        for act in ACTIVATIONS {
            let (a, d) = (act.forward(z), act.derivative(z));
            assert_eq!(z.is_nan(), a.is_nan(), "{}({z}) = {a}", act.name());
            assert_eq!(z.is_nan(), d.is_nan(), "{}'({z}) = {d}", act.name());
            let zs = Array2::from_elem((2, 3), z);
            assert_same(act.name(), &act.forward_array(&zs), &Array2::from_elem((2, 3), a));
            assert_same(act.name(), &act.derivative_array(&zs), &Array2::from_elem((2, 3), d));
        }
    }

    #[test]
    fn per_element_losses_compute_or_refuse(a in number(), y in number(), loss in loss_kind()) {
        assert!(same(half_squared_error(a, y), 0.5 * (a - y) * (a - y)));
        assert!(same(half_squared_error_grad(a, y), a - y));
        assert!(same(squared_error(a, y), (a - y) * (a - y)));
        assert!(same(squared_error_grad(a, y), 2.0 * (a - y)));
        let ok = probability(a);
        expect(outcome(|| binary_cross_entropy(a, y)), ok, "binary_cross_entropy", |l| {
            if a.is_nan() || y.is_nan() { assert!(l.is_nan(), "BCE({a}, {y}) = {l}"); }
            if a.is_finite() && y.is_finite() { assert!(l.is_finite(), "BCE({a}, {y}) = {l}"); }
        });
        expect(outcome(|| binary_cross_entropy_grad(a, y)), ok, "binary_cross_entropy", |_| {});
        expect(outcome(|| binary_cross_entropy_target_grad(a)), ok, "binary_cross_entropy", |g| {
            assert_eq!(g.is_nan(), a.is_nan());
        });
        let stable = z_max(a) - a * y + (-a.abs()).exp().ln_1p();
        assert!(same(bce_with_logits(a, y), stable));
        assert!(same(bce_with_logits_grad(a, y), sigmoid(a) - y));
        assert!(same(bce_with_logits_target_grad(a), -a));
        let valid = loss != Loss::Bce || ok;
        expect(outcome(|| loss.value(a, y)), valid, "binary_cross_entropy", |v| {
            if loss != Loss::Bce { assert!(same(v, if loss == Loss::Mse { squared_error(a, y) } else { half_squared_error(a, y) })); }
        });
        expect(outcome(|| loss.grad(a, y)), valid, "binary_cross_entropy", |_| {});
        expect(outcome(|| loss.target_grad(a, y)), valid, "binary_cross_entropy", |_| {});
        assert!(!loss.name().is_empty());
    }

    #[test]
    fn batch_losses_refuse_mismatched_shapes(pred in any_matrix(), target in any_matrix(), loss in loss_kind()) {
        let op = match loss { Loss::HalfSquared => "half_squared_loss", Loss::Mse => "mse_loss", Loss::Bce => "bce_loss" };
        let shapes = pred.shape() == target.shape();
        let valid = shapes && (loss != Loss::Bce || pred.iter().all(|&a| probability(a)));
        let op = if shapes { if valid { op } else { "binary_cross_entropy" } } else { op };
        expect(outcome(|| loss.mean(&pred, &target)), valid, op, |m| {
            let n = pred.len() as f64;
            let want = pred.iter().zip(&target).map(|(&a, &y)| loss.value(a, y)).sum::<f64>() / n;
            assert!(same(m, want), "mean {m}, expected {want}");
        });
        expect(outcome(|| loss.mean_grad(&pred, &target)), valid, op, |g| {
            let want: Vec<f64> = pred.iter().zip(&target).map(|(&a, &y)| loss.grad(a, y) / pred.len() as f64).collect();
            assert_same("mean_grad", &g, &want);
        });
        expect(outcome(|| loss.mean_target_grad(&pred, &target)), valid, op, |g| assert_eq!(g.shape(), pred.shape()));
        if !shapes {
            refused(outcome(|| loss.mean(&pred, &target)), op, &[&format!("{:?}", pred.shape()), &format!("{:?}", target.shape())]);
        }
    }

    #[test]
    fn softmax_and_cross_entropy_check_classes(logits in any_matrix(), labels in proptest::collection::vec(0..5usize, 0..4), class in 0..5usize) {
        let c = logits.ncols();
        if let Some(row) = logits.rows().into_iter().next() {
            let row = row.to_owned();
            let p = softmax(&row);
            let finite = row.iter().all(|v| v.is_finite());
            if finite && c > 0 { assert!((p.sum() - 1.0).abs() < 1e-9, "softmax sums to {}", p.sum()); }
            if row.iter().any(|v| v.is_nan()) { assert!(p.iter().all(|v| v.is_nan())); }
            expect(outcome(|| softmax_cross_entropy(&row, class)), class < c, "softmax_cross_entropy", |l| {
                if finite { assert!(same(l, -(p[class].ln())) || p[class] < 1e-300); } else if row.iter().any(|v| v.is_nan()) { assert!(l.is_nan()); }
            });
            expect(outcome(|| softmax_cross_entropy_grad(&row, class)), class < c, "softmax_cross_entropy", |g| {
                let mut want = p.clone();
                want[class] -= 1.0;
                assert_same("dL/dz", &g, &want);
            });
        }
        let rows = softmax_rows(&logits);
        assert_eq!(rows.shape(), logits.shape());
        let fits = labels.iter().all(|&l| l < c);
        expect(outcome(|| one_hot(&labels, c)), fits, "one_hot", |y| {
            assert_eq!(y.shape(), &[labels.len(), c]);
            assert!(labels.iter().enumerate().all(|(b, &l)| y[[b, l]] == 1.0 && y.row(b).sum() == 1.0));
        });
        let valid = !labels.is_empty() && labels.len() == logits.nrows() && fits;
        expect(outcome(|| cross_entropy(&logits, &labels)), valid, "cross_entropy", |l| {
            let want: f64 = logits.rows().into_iter().zip(&labels).map(|(z, &k)| softmax_cross_entropy(&z.to_owned(), k)).sum::<f64>() / labels.len() as f64;
            assert!(same(l, want));
        });
        expect(outcome(|| cross_entropy_grad(&logits, &labels)), valid, "cross_entropy_grad", |g| assert_eq!(g.shape(), logits.shape()));
    }

    #[test]
    fn one_hot_and_random_matrices_refuse_sizes_that_cannot_exist(rows in size(), cols in size(), lo in number(), hi in number(), seed in any::<u64>()) {
        expect(outcome(|| one_hot(&[0, 1], cols)), cols >= 2 && can_exist(&[2, cols]), "one_hot", |y| assert_eq!(y.sum(), 2.0));
        let fits = can_exist(&[rows, cols]);
        let mut r = rng(seed);
        expect(outcome(|| randn(&mut r, rows, cols)), fits, "randn", |z| {
            assert_eq!(z.dim(), (rows, cols));
            assert!(z.iter().all(|v| v.is_finite()));
        });
        let range = lo.is_finite() && hi.is_finite() && lo < hi;
        expect(outcome(|| uniform(&mut r, rows, cols, lo, hi)), fits && range, "uniform", |u| {
            assert!(u.iter().all(|&v| lo <= v && v < hi));
        });
        expect(outcome(|| pytorch_init(rows, cols, &mut r)), fits && rows > 0 && cols > 0, "pytorch_init", |(w, b)| {
            let bound = 1.0 / (rows as f64).sqrt();
            assert_eq!((w.dim(), b.len()), ((cols, rows), cols));
            assert!(w.iter().chain(&b).all(|v| v.abs() <= bound));
        });
        let first: f64 = rng(seed).gen();
        prop_assert_eq!(first, rng(seed).gen::<f64>());
    }

    #[test]
    fn matrix_products_name_both_shapes(m in dim(), k in dim(), k2 in dim(), n in dim(), huge in size()) {
        let a = Array2::from_shape_fn((m, k), |(i, j)| (i as f64) - 0.5 * j as f64);
        let b = Array2::from_shape_fn((k2, n), |(i, j)| 0.25 * i as f64 + j as f64);
        let ok = k == k2;
        let shapes = [format!("{:?}", a.shape()), format!("{:?}", b.shape())];
        for (op, got) in [("matmul", outcome(|| matmul(a.view(), b.view()))), ("matmul_loops", outcome(|| matmul_loops(a.view(), b.view())))] {
            if ok {
                let c = got.expect("a valid product");
                assert_same(op, &c, &naive_product(&a, &b));
            } else {
                refused(got, op, &[&shapes[0], &shapes[1]]);
            }
        }
        // NaN in a row of A reaches every entry of that row of C.
        if ok && m > 0 && k > 0 && n > 0 {
            let mut with_nan = a.clone();
            with_nan[[0, 0]] = f64::NAN;
            assert!(matmul(with_nan.view(), b.view()).row(0).iter().all(|v| v.is_nan()));
        }
        let by = by_loops(huge, huge, m);
        assert_eq!(by, huge.saturating_mul(huge).saturating_mul(m) <= SMALL_PRODUCT || huge.min(m) == 1);
    }

    #[test]
    fn sgd_update_is_its_formula(theta in number(), grad in number(), lr in number()) {
        assert!(same(sgd_update(theta, grad, lr), theta - lr * grad));
    }

    #[test]
    fn comparisons_refuse_lists_of_different_or_no_length(got in any_vector(), want in any_vector(), rtol in number(), atol in number()) {
        let valid = got.len() == want.len() && !got.is_empty();
        expect(outcome(|| compare("w", &got, &want, rtol, atol)), valid, "compare", |c| {
            let bad = got.iter().zip(&want).filter(|(g, e)| ((*g - *e).abs() <= atol + rtol * e.abs()).then_some(()).is_none()).count();
            assert_eq!(c.mismatches.len(), bad);
            assert_eq!(c.passed(), bad == 0);
            assert!(c.report().starts_with("w: "));
            match outcome(|| c.assert_ok()) {
                Ok(()) => assert!(c.passed()),
                Err(m) => { assert!(!c.passed()); assert_own(&m, "w: "); }
            }
        });
    }

    #[test]
    fn gradient_checks_refuse_a_check_of_nothing(theta in any_vector(), h in number(), extra in 0..2usize, points in proptest::collection::vec(number(), 0..3)) {
        let f = |t: &Array1<f64>| t.iter().map(|v| v * v).sum::<f64>();
        let x = theta.first().copied().unwrap_or(1.0);
        assert!(same(central_difference(|v| v * v, x, h), ((x + h) * (x + h) - (x - h) * (x - h)) / (2.0 * h)));
        let numeric = numeric_gradient(f, &theta, 1e-6);
        assert_eq!(numeric.len(), theta.len());
        let names: Vec<String> = (0..theta.len() + extra).map(|i| format!("d{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let analytic = theta.mapv(|v| 2.0 * v);
        let valid = extra == 0 && !theta.is_empty();
        expect(outcome(|| GradCheck::new(&names, analytic.clone(), f, &theta)), valid, "GradCheck::new", |check| {
            let finite = theta.iter().all(|v| v.abs() < 1e3);
            if finite { assert!(check.passed(), "{}", check.verdict()); }
            if theta.iter().any(|v| v.is_nan()) { assert!(!check.passed()); }
            assert!(check.verdict().starts_with("gradient check"));
            expect(outcome(|| check.clone().with_formula(analytic.clone())), true, "GradCheck::with_formula", |c| {
                assert_eq!(c.passed(), check.passed());
            });
            refused(outcome(|| check.clone().with_formula(Array1::zeros(theta.len() + 1))), "GradCheck::with_formula", &[]);
        });
        let act = ACTIVATIONS[extra + 1];
        expect(outcome(|| check_activation(act, &points)), !points.is_empty(), "check_activation", |c| {
            assert_eq!(c.names.len(), points.len());
        });
    }
}

/// max(z, 0) as `bce_with_logits` writes it (f64::max drops a NaN, as there).
fn z_max(z: f64) -> f64 {
    z.max(0.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn local_derivatives_follow_their_formulas_and_carry_nan(a in number(), b in number(), n in -3.0..3.0f64) {
        assert_eq!(local::add(a, b), (1.0, 1.0));
        let (da, db) = local::mul(a, b);
        assert!(same(da, b) && same(db, a));
        let t = a.tanh();
        assert!(same(local::tanh(t), 1.0 - t * t));
        assert_eq!(local::tanh(a).is_nan(), a.is_nan());
        assert!(same(local::pow(a, n), n * a.powf(n - 1.0)));
        assert!(same(local::add_share(a, b, n), a + b * n));
        if a.is_finite() && a > 0.1 && a < 100.0 {
            let h = 1e-6 * a;
            let numeric = ((a + h).powf(n) - (a - h).powf(n)) / (2.0 * h);
            assert!((local::pow(a, n) - numeric).abs() <= 1e-5 * (1.0 + numeric.abs()), "pow({a}, {n})");
        }
    }
}
