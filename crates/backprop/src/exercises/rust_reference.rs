//! Checks of the Rust reference page (`notebooks/rust-reference.ipynb`):
//! Exercises 0.5 to 0.8, the fold-start prediction and the update line, with
//! the helpers its ReLU cells use. They continue Start here's numbering 0.1–0.4,
//! so they are written in [`super::start_here`]; this module gives them the
//! page's own name, and the page calls them `exercises::rust_reference::…`.
//! The names under `exercises::start_here::` keep working too.

pub use super::start_here::{
    fold_start, largest, layer_wx, mean, relu_function, relu_yours_or_stand_in, update_step, whose_relu,
};

#[cfg(test)]
mod tests {
    use ndarray::Array1;

    #[test]
    fn the_page_names_reach_the_same_checks() {
        assert!(super::layer_wx([Some(-1.5), Some(2.0), Some(3.0)]).passed());
        assert!(super::relu_function(|z: f64| z.max(0.0)).passed());
        assert!(super::largest(|x: &Array1<f64>| x.iter().copied().fold(f64::NEG_INFINITY, f64::max)).passed());
        assert_eq!(super::whose_relu(|_: f64| todo!()), super::super::start_here::whose_relu(|_: f64| todo!()));
    }
}
