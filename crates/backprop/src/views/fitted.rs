//! What a trained network has learned, computed on a grid and handed to
//! `show`: its curve for 1-D data, its decision regions for 2-D data, and the
//! size of each layer's weight gradient.

use crate::engine::nn::Sequential;
use crate::show::{Chart, Style};
use ndarray::Array2;

impl Sequential {
    /// For a network with one input and one output: the data as markers and the
    /// network's curve over [lo, hi], to see what function it has learned.
    ///
    /// # Shapes
    /// x and y: N × 1.
    ///
    /// # Panics
    /// If `x` and `y` are not single columns of equal length.
    #[track_caller]
    pub fn fit_chart(&self, title: &str, x: &Array2<f64>, y: &Array2<f64>, lo: f64, hi: f64) -> Chart {
        assert!(
            x.ncols() == 1 && y.ncols() == 1 && x.nrows() == y.nrows(),
            "Sequential::fit_chart: need x and y as [N, 1] columns, got {:?} and {:?}",
            x.shape(),
            y.shape()
        );
        let grid = Array2::from_shape_fn((200, 1), |(i, _)| lo + (hi - lo) * i as f64 / 199.0);
        let curve = self.predict(&grid);
        Chart::new(title, "x", "y")
            .markers("data", x.iter().copied().zip(y.iter().copied()).collect())
            .line("network", grid.iter().copied().zip(curve.iter().copied()).collect())
    }

    /// For a network with two inputs and one output in (0, 1): the square
    /// [lo, hi]² coloured by predicted class on an n × n grid, with the data on top:
    /// one hue per class (blue for 1, red for 0), pale for the prediction and
    /// full for the data.
    ///
    /// # Shapes
    /// x: N × 2, y: N × 1 with 0/1 targets.
    ///
    /// # Panics
    /// If `x` is not N × 2 and `y` N × 1, or an n × n grid does not fit in memory.
    #[track_caller]
    pub fn decision_chart(&self, title: &str, x: &Array2<f64>, y: &Array2<f64>, lo: f64, hi: f64, n: usize) -> Chart {
        assert!(
            x.ncols() == 2 && y.ncols() == 1 && x.nrows() == y.nrows(),
            "Sequential::decision_chart: need x as [N, 2] and y as [N, 1], got {:?} and {:?}",
            x.shape(),
            y.shape()
        );
        let step = (hi - lo) / (n.max(2) - 1) as f64;
        let points = crate::maths::shape::element_count("Sequential::decision_chart", "the grid", &[n, n, 2]) / 2;
        let grid = crate::maths::shape::matrix_of("Sequential::decision_chart", "the grid", (points, 2), |k, j| {
            lo + step * if j == 0 { k % n } else { k / n } as f64
        });
        let pred = self.predict(&grid);
        let (mut one, mut zero) = (Vec::new(), Vec::new());
        for (k, p) in pred.iter().enumerate() {
            let pt = (grid[[k, 0]], grid[[k, 1]]);
            if *p > 0.5 {
                one.push(pt)
            } else {
                zero.push(pt)
            }
        }
        let data = |class: f64| -> Vec<(f64, f64)> {
            (0..x.nrows()).filter(|&r| y[[r, 0]] == class).map(|r| (x[[r, 0]], x[[r, 1]])).collect()
        };
        // One hue per class: pale dots for the prediction, full markers for the data; the legend says which is which.
        Chart::new(title, "x1", "x2")
            .with("pale dots: predicted 1", one, Style::Dots)
            .colour(0)
            .with("pale dots: predicted 0", zero, Style::Dots)
            .colour(1)
            .markers("large dots: data labelled 1", data(1.0))
            .colour(0)
            .markers("large dots: data labelled 0", data(0.0))
            .colour(1)
    }
}

/// ‖dL/dW‖ per layer for several networks, on a log scale (log10), so that
/// gradients that shrink by a constant factor per layer show as a straight line.
/// The x axis numbers the weight layers from 1, nearest the input (the
/// parameters `0.weight`, `2.weight`, … in the network's own names).
pub fn grad_norm_chart(title: &str, runs: &[(&str, &Sequential)]) -> Chart {
    let x_label = "weight layer (1 = nearest the input)";
    runs.iter().fold(Chart::new(title, x_label, "log10 ‖dL/dW‖"), |chart, (name, net)| {
        let points =
            net.layer_grad_norms().into_iter().enumerate().map(|(i, (_, norm))| ((i + 1) as f64, norm.log10()));
        chart.line(name, points.collect())
    })
}
