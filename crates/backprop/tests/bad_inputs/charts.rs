//! `show`'s charts and figures: any points (NaN, ±∞, ±1e300 included), any
//! number of series, charts and columns, and the training charts.

use crate::support::*;
use backprop::nn::{Layer, Sequential};
use backprop::prelude::*;
use backprop::show::Style;
use backprop::train::Stop;
use ndarray::Array2;
use proptest::prelude::*;

fn points() -> impl Strategy<Value = Vec<(f64, f64)>> {
    proptest::collection::vec((number(), number()), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn the_step_parabola_chart_draws_any_curve(curve in points(), l in (number(), number(), number()), landings in proptest::collection::vec((number(), number(), number()), 0..3)) {
        let p = StepParabola::through(0.1, [l.0, l.1, l.2]);
        match outcome(|| step_parabola_chart(&p, 0.1, &curve, &landings)) {
            Ok(c) => {
                assert!(!curve.is_empty());
                assert_eq!(c.series.len(), 3 + landings.len());
                assert_eq!(c.series[0].points.len(), curve.len());
            }
            Err(message) => {
                assert!(curve.is_empty(), "{message}");
                assert_own(&message, "step_parabola_chart");
            }
        }
    }

    #[test]
    fn charts_draw_any_points(series in proptest::collection::vec(points(), 0..5), many in 0..40usize, y in number(), n in size(), lo in number(), hi in number(), cols in size()) {
        let mut chart = Chart::new("t", "x", "y").with_y_label("loss");
        for (k, pts) in series.iter().enumerate() {
            chart = match k % 4 {
                0 => chart.line("line", pts.clone()),
                1 => chart.dashed("dashed", pts.clone()),
                2 => chart.markers("markers", pts.clone()),
                _ => chart.joined_dots("joined dots", pts.clone()),
            };
        }
        chart = chart.hline("level", y).tangent("tangent", lo, y, hi, 1.0).vline("mark", lo);
        if many % 2 == 1 {
            chart = chart.log_x(); // points at x <= 0 are skipped; the chart still draws
        }
        if many % 3 == 1 {
            chart = chart.whole_x(); // ticks on whole numbers only, at any x range; a log axis keeps its own
        }
        // Chart::y_range: kept only when it is a finite, non-empty range; the chart draws either way.
        chart = chart.y_range(lo, hi);
        assert_eq!(chart.y_range, (lo.is_finite() && hi.is_finite() && lo < hi).then_some((lo, hi)));
        // A chart of many series keeps its plot (the legend takes at most half the height).
        for k in 0..many {
            chart = chart.with(&format!("series number {k}"), vec![(k as f64, y)], Style::Dots);
        }
        // Chart::colour: any palette number (it wraps round), on the last series only; none on empty axes.
        chart = chart.colour(many * 7);
        assert_eq!(chart.series.last().map(|s| s.colour), if chart.series.is_empty() { None } else { Some(Some(many * 7)) });
        assert!(Chart::new("e", "x", "y").colour(3).series.is_empty());
        // Chart::last_dashed: the last series only, dashed, its points kept; nothing on empty axes.
        let before = chart.series.len();
        let dashed = chart.clone().last_dashed();
        assert_eq!(dashed.series.len(), before);
        let bits = |s: &backprop::show::Series| s.points.iter().map(|p| (p.0.to_bits(), p.1.to_bits())).collect::<Vec<_>>();
        assert_eq!(dashed.series.last().map(|s| (s.style, bits(s))), chart.series.last().map(|s| (Style::Dashed, bits(s))));
        assert!(Figure::single(dashed).to_svg().starts_with("<svg"));
        assert!(Chart::new("e", "x", "y").last_dashed().series.is_empty());
        let small = can_exist(&[n, 2]);
        expect(outcome(|| chart.clone().function("f", |x| x * x, lo, hi, n)), small, "Chart::function", |c| {
            assert_eq!(c.series.last().map(|s| s.points.len()), Some(n));
        });
        let figure = Figure::grid(vec![chart.clone(), chart.clone()], cols);
        let svg = figure.to_svg();
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        assert!(figure.to_text().starts_with("[figure: t ("));
        assert!(Figure::single(chart.clone()).output().html.contains("<svg"));
        assert!(Figure::row(vec![chart.clone()]).to_svg().starts_with("<svg"));
        Figure::row(Vec::new()).evcxr_display();
        let xs: Vec<f64> = series.concat().iter().map(|p| p.0).collect();
        let ys: Vec<f64> = series.concat().iter().map(|p| p.1).take(xs.len().saturating_sub(usize::from(many % 2 == 1))).collect();
        expect(outcome(|| xy_points(&xs, &ys)), xs.len() == ys.len(), "xy_points", |p| assert_eq!(p.len(), xs.len()));
    }

    #[test]
    fn loss_curves_check_the_weight_and_the_input(w in any_vector(), x in any_vector(), weight in size(), lo in number(), hi in number(), b in number()) {
        let n = Neuron::new(w.clone(), 0.0, Sigmoid);
        let curve = LossCurve::new(&n, &x, 1.0, Loss::HalfSquared).weight(weight).range(lo, hi);
        assert_eq!((curve.weight, curve.range.0.to_bits(), curve.range.1.to_bits()), (weight, lo.to_bits(), hi.to_bits()));
        let valid = weight < w.len() && x.len() == w.len();
        expect(outcome(|| curve.chart()), valid, "LossCurve::chart", |c| {
            assert_eq!(c.series.len(), 3);
            assert!(Figure::single(c).to_svg().starts_with("<svg"));
        });
        expect(outcome(|| curve.curve_with_tangent()), valid, "LossCurve::curve_with_tangent", |c| {
            assert_eq!(c.series.len(), 3);
            assert!(!c.series[1].label.contains("slope"), "{}", c.series[1].label);
        });
        for act in [Identity, Sigmoid, Relu, Tanh] {
            assert_eq!(activation_chart(act, lo, hi).series.len(), 2);
            assert_eq!(activation_shift_chart(act, b, &[lo, hi], -1.0, 1.0).series.len(), 2);
        }
    }

    #[test]
    fn training_charts_draw_any_record(losses in proptest::collection::vec(number(), 0..5), grid in size(), rows in 0..3usize, cols in 1..4usize) {
        let mut h = History::new(0.1);
        for &l in &losses {
            if !h.record(l) { break; }
        }
        h.val_losses = losses.clone();
        h.grad_norms = vec![("0.weight".into(), losses.clone())];
        h.weights = (0..8).map(|k| (format!("0.weight[{k}][0]"), losses.clone())).collect();
        assert_eq!(h.points().len(), h.losses.len());
        for chart in [h.chart("c"), h.chart_with("c", "epoch"), h.log_chart("c", "epoch"), h.grad_norm_chart("g"), h.weight_chart("w"), History::compare("runs", &[h.clone(), History::new(0.5)])] {
            assert!(Figure::single(chart).to_svg().starts_with("<svg"));
        }
        let mut stopped = h.clone();
        stopped.stop(1, Stop::LossGrew);
        assert!(History::compare("runs", &[stopped]).series[0].label.contains("diverged at step 1"));
        assert!(h.plot().to_svg().starts_with("<svg"));
        h.evcxr_display();
        let mut classes = ClassHistory::new();
        for &l in &losses {
            classes.record(l, l, 0.5, 0.5);
        }
        assert!(classes.chart().to_svg().starts_with("<svg"));
        classes.evcxr_display();
        let net = Sequential::mlp(&[2, 3, 1], Layer::Tanh, &mut rng(4)).then(Layer::Sigmoid);
        let x = Array2::from_elem((rows, 2), 0.5);
        let y = Array2::from_elem((rows, cols), 1.0);
        expect(outcome(|| net.decision_chart("d", &x, &y, -1.0, 1.0, grid)), cols == 1 && can_exist(&[grid, grid, 2]), "Sequential::decision_chart", |c| {
            assert_eq!(c.series[0].points.len() + c.series[1].points.len(), grid * grid);
            // One hue per class: predicted 1 and data labelled 1 share one, predicted 0 and data labelled 0 the other.
            let colours: Vec<Option<usize>> = c.series.iter().map(|s| s.colour).collect();
            assert_eq!(colours, [Some(0), Some(1), Some(0), Some(1)]);
        });
        let one = Sequential::mlp(&[1, 2, 1], Layer::Relu, &mut rng(5));
        let (x1, y1) = (Array2::from_elem((rows, cols), 0.5), Array2::from_elem((rows, 1), 0.5));
        expect(outcome(|| one.fit_chart("f", &x1, &y1, -1.0, 1.0)), cols == 1, "Sequential::fit_chart", |c| assert_eq!(c.series.len(), 2));
        let runs = [("a", &net), ("b", &one)];
        assert_eq!(grad_norm_chart("norms", &runs).series.len(), 2);
    }
}
