//! `engine`: every `Tensor` operation with shapes that do and do not fit
//! (0-D to 3-D, empty ones included), NaN and ±∞, and the graph's own rules.

use crate::support::*;
use backprop::bce_with_logits;
use backprop::prelude::*;
use ndarray::{ArrayD, IxDyn};
use proptest::prelude::*;

/// A shape of 0 to 3 dimensions, each 0 to 3 long.
fn shape() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![3 => proptest::collection::vec(1..4usize, 0..3), 1 => proptest::collection::vec(0..4usize, 0..4)]
}

/// An array of any such shape, any numbers.
fn array() -> impl Strategy<Value = ArrayD<f64>> {
    shape().prop_flat_map(|s| {
        let n: usize = s.iter().product();
        proptest::collection::vec(number(), n)
            .prop_map(move |v| ArrayD::from_shape_vec(IxDyn(&s), v).expect("n values"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn add_sub_mul_and_their_operators_broadcast_or_name_both_shapes(a in array(), b in array()) {
        // The oracle: ndarray's own arithmetic, which broadcasts by NumPy's rules (and panics where they fail).
        let want = outcome(|| [&a + &b, &a - &b, &a * &b]);
        let fits = want.as_ref().ok().map(|w| w[0].shape().to_vec());
        let shapes = [format!("{:?}", a.shape()), format!("{:?}", b.shape())];
        let (ta, tb) = (Tensor::param(a.clone()), Tensor::param(b.clone()));
        let got = [("add", outcome(|| ta.add(&tb))), ("sub", outcome(|| ta.sub(&tb))), ("mul", outcome(|| ta.mul(&tb)))];
        for (k, (op, got)) in got.into_iter().enumerate() {
            match &want {
                Ok(w) => assert_same(op, &got.expect("shapes that broadcast").value(), &w[k]),
                Err(_) => refused(got, op, &[&shapes[0], &shapes[1]]),
            }
        }
        // The operators are the methods: &a + &b, a + b, a + &b, &a + b, and likewise for - and *.
        let sums = [outcome(|| &ta + &tb), outcome(|| ta.clone() + tb.clone()), outcome(|| ta.clone() + &tb), outcome(|| &ta + tb.clone())];
        let differences = [outcome(|| &ta - &tb), outcome(|| ta.clone() - tb.clone()), outcome(|| ta.clone() - &tb), outcome(|| &ta - tb.clone())];
        let products = [outcome(|| &ta * &tb), outcome(|| ta.clone() * tb.clone()), outcome(|| ta.clone() * &tb), outcome(|| &ta * tb.clone())];
        for (op, results) in [("add", sums), ("sub", differences), ("mul", products)] {
            for r in results {
                match &fits {
                    Some(s) => assert_eq!(r.expect("shapes that broadcast").shape(), *s),
                    None => refused(r, op, &[&shapes[0], &shapes[1]]),
                }
            }
        }
        if let Some(s) = fits {
            // Backward sums each gradient back down to its input's shape.
            let out = ta.add(&tb).sum();
            out.backward();
            let n: usize = s.iter().product();
            assert_eq!(ta.grad().shape(), a.shape());
            assert_eq!(tb.grad().shape(), b.shape());
            if !a.is_empty() {
                assert!(ta.grad().iter().all(|&g| g == (n / a.len()) as f64));
            }
        }
    }

    #[test]
    fn scalar_operators_scale_and_negate(a in array(), c in number()) {
        let t = Tensor::param(a.clone());
        for r in [&t * c, t.clone() * c, c * &t, t.scale(c)] {
            assert_same("c·x", &r.value(), &a.mapv(|v| v * c));
        }
        assert_same("−x", &(-&t).value(), &a.mapv(|v| -v));
        assert_same("−x", &t.neg().value(), &a.mapv(|v| -v));
    }

    #[test]
    fn matmul_transpose_and_reshape_name_the_shapes(a in array(), b in array(), new_shape in proptest::collection::vec(prop_oneof![0..5usize, Just(usize::MAX), Just(1usize << 62)], 0..3)) {
        let (ta, tb) = (Tensor::new(a.clone()), Tensor::new(b.clone()));
        let product = a.ndim() == 2 && b.ndim() == 2 && a.shape()[1] == b.shape()[0];
        expect(outcome(|| ta.matmul(&tb)), product, "matmul", |c| {
            assert_eq!(c.shape(), vec![a.shape()[0], b.shape()[1]]);
        });
        expect(outcome(|| ta.t()), a.ndim() == 2, "t", |t| {
            assert_same("xᵀ", &t.value(), &a.t().to_owned());
        });
        // ndarray takes any shape whose non-zero lengths multiply to at most isize::MAX.
        let addressable = new_shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d.max(1))).is_some_and(|n| n <= isize::MAX as usize);
        let fits = new_shape.iter().try_fold(1usize, |n, &d| n.checked_mul(d)) == Some(a.len()) && addressable;
        expect(outcome(|| ta.reshape(&new_shape)), fits, "reshape", |r| {
            assert_eq!(r.shape(), new_shape);
            assert_same("reshape keeps the numbers in order", &r.value(), &a);
        });
    }

    #[test]
    fn unary_ops_compute_or_carry_nan(a in array(), c in number(), p in number()) {
        let t = Tensor::param(a.clone());
        type Case = (&'static str, Tensor, fn(f64) -> f64);
        let cases: [Case; 7] = [
            ("square", t.square(), |v| v * v),
            ("relu", t.relu(), relu),
            ("sigmoid", t.sigmoid(), sigmoid),
            ("tanh", t.tanh(), f64::tanh),
            ("exp", t.exp(), f64::exp),
            ("log", t.log(), f64::ln),
            ("activate", t.activate(Relu), relu),
        ];
        for (op, got, f) in cases {
            assert_same(op, &got.value(), &a.mapv(f));
        }
        assert_same("powf", &t.powf(p).value(), &a.mapv(|v| v.powf(p)));
        assert_same("scale", &t.scale(c).value(), &a.mapv(|v| v * c));
        assert!(same(t.sum().item(), a.sum()));
        // The mean of nothing is NaN, as in PyTorch.
        assert!(same(t.mean().item(), a.sum() / a.len() as f64));
        assert_eq!(t.activate(Identity).id(), t.id());
        t.square().sum().backward();
        assert_same("d Σx² / dx", &t.grad(), &a.mapv(|v| 2.0 * v));
    }

    #[test]
    fn losses_as_graph_nodes_check_shapes_and_classes(
        pred in array(), target in array(), classes in proptest::collection::vec(0..4usize, 0..4),
    ) {
        let (p, y) = (Tensor::param(pred.clone()), Tensor::new(target.clone()));
        let same_shape = pred.shape() == target.shape();
        let shapes = [format!("{:?}", pred.shape()), format!("{:?}", target.shape())];
        expect(outcome(|| p.mse_loss(&y)), same_shape, "mse_loss", |l| assert!(same(l.item(), Loss::Mse.mean(&pred, &target))));
        expect(outcome(|| p.loss(Loss::HalfSquared, &y)), same_shape, "half_squared_loss", |_| {});
        let probabilities = pred.iter().all(|a| a.is_nan() || (0.0..=1.0).contains(a));
        let op = if same_shape { "binary_cross_entropy" } else { "bce_loss" };
        expect(outcome(|| p.bce_loss(&y)), same_shape && probabilities, op, |_| {});
        expect(outcome(|| p.bce_with_logits_loss(&y)), same_shape, "bce_with_logits_loss", |l| {
            let want = pred.iter().zip(&target).map(|(&z, &t)| bce_with_logits(z, t)).sum::<f64>() / pred.len() as f64;
            assert!(same(l.item(), want));
        });
        if !same_shape {
            refused(outcome(|| p.mse_loss(&y)), "mse_loss", &[&shapes[0], &shapes[1]]);
        }
        let s = pred.shape();
        let valid = s.len() == 2 && s[0] > 0 && classes.len() == s[0] && classes.iter().all(|&c| c < s[1]);
        expect(outcome(|| p.cross_entropy_loss(&classes)), valid, "cross_entropy_loss", |l| {
            let z = pred.clone().into_dimensionality::<ndarray::Ix2>().expect("2-D");
            assert!(same(l.item(), cross_entropy(&z, &classes)));
        });
    }

    #[test]
    fn the_graph_refuses_what_pytorch_refuses(a in array(), label in "[a-z]{0,4}") {
        let t = Tensor::param(a.clone()).with_label(&label);
        assert_eq!((t.label(), t.op(), t.requires_grad(), t.shape()), (label.clone(), "parameter", true, a.shape().to_vec()));
        assert_same("value", &t.value(), &a);
        assert_same("grad before backward", &t.grad(), &a.mapv(|_| 0.0));
        let c = Tensor::new(a.clone());
        assert!(!c.requires_grad() && c.op() == "input" && c.inputs().is_empty());
        assert_eq!(Tensor::from(a.clone()).shape(), a.shape());
        assert!(same(Tensor::scalar(a.sum()).item(), a.sum()));
        expect(outcome(|| t.item()), a.len() == 1, "item", |v| assert!(same(v, a.iter().next().copied().unwrap_or(f64::NAN))));
        let y = t.square();
        assert_eq!(y.inputs()[0].id(), t.id());
        assert_eq!(y.topological_order().len(), 2);
        expect(outcome(|| y.backward()), a.len() == 1, "backward", |()| {
            refused(outcome(|| y.backward()), "backward", &["already used"]);
        });
        t.square().sum().backward();
        let g = t.grad();
        // update sees a view: it can change every number, never the shape.
        t.update(|v, grad| v.zip_mut_with(grad, |x, &d| *x -= 0.5 * d));
        assert_same("x − ½·2x", &t.value(), &(&a - &(&g * 0.5)));
        t.zero_grad();
        assert!(t.grad().iter().all(|&g| g == 0.0));
    }

    #[test]
    fn linear_names_all_three_shapes(x in array(), w in array(), b in array()) {
        let (xs, ws, bs) = (x.shape(), w.shape(), b.shape());
        let fits = xs.len() == 2 && ws.len() == 2 && xs[1] == ws[1] && bs == [ws[0]];
        let parts = [format!("{xs:?}"), format!("{ws:?}"), format!("{bs:?}")];
        let got = outcome(|| Tensor::new(x.clone()).linear(&Tensor::param(w.clone()), &Tensor::param(b.clone())));
        if fits {
            let (x2, w2) = (x.clone().into_dimensionality().expect("2-D"), w.clone().into_dimensionality::<ndarray::Ix2>().expect("2-D"));
            let b1 = b.clone().into_dimensionality::<ndarray::Ix1>().expect("1-D");
            assert_same("x·Wᵀ + b", &got.expect("shapes that fit").value(), &(naive_product(&x2, &w2.t().to_owned()) + &b1));
        } else {
            refused(got, "linear", &[&parts[0], &parts[1], &parts[2]]);
        }
    }

    #[test]
    fn check_gradient_refuses_a_check_of_nothing_and_non_scalars(at in any_vector(), extra in 0..2usize, scalar in any::<bool>()) {
        let names: Vec<String> = (0..at.len() + extra).map(|i| format!("p{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let f = move |p: &Tensor| if scalar { p.square().sum() } else { p.square() };
        // cross_entropy_check: panics (never hangs) for a class outside the logits or logits not finite.
        let class = extra * at.len();
        let _ = std::panic::catch_unwind(|| cross_entropy_check(&at, class));
        let valid = extra == 0 && !at.is_empty() && (scalar || at.len() == 1);
        expect(outcome(|| check_gradient(&names, f, &at)), valid, "check_gradient", |c| {
            assert_same("d Σp² / dp", &c.analytic, &at.mapv(|v| 2.0 * v));
        });
    }
}
