//! Which public functions the property tests drive, and a test that fails
//! when the crate's public functions and this list differ.
//!
//! The real list is derived from the crate's source on every run (so it cannot
//! go stale silently): every `pub fn` at the top level of a file or inside an
//! inherent `impl` block, every `evcxr_display` that `shows_as!` gives a type,
//! and the operators (`binary_operator!`, `impl std::ops::… for …`) and `From`
//! conversions; not the files of a `pub(crate) mod`, nor `#[cfg(test)]`
//! modules, nor the bodies of `macro_rules!`. Each entry names the property
//! test that drives the function, and that test must mention it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (`file: item`, the property test that drives it), in the order of the source.
pub const COVERED: &[(&str, &str)] = &[
    ("by_hand/delta.rs: DeltaNet::new", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::forward", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::predict", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::loss", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::backward", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::backward_from", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::backward_from_delta", "delta_net_checks_layers_caches_and_updates"),
    ("views/delta_fit.rs: DeltaNet::accuracy", "delta_net_checks_layers_caches_and_updates"),
    ("views/delta_fit.rs: DeltaNet::decision_chart", "delta_net_checks_layers_caches_and_updates"),
    ("views/delta_fit.rs: DeltaNet::from_model", "delta_net_checks_layers_caches_and_updates"),
    ("views/delta_fit.rs: DeltaNet::record_bce", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/delta.rs: DeltaNet::step", "delta_net_checks_layers_caches_and_updates"),
    ("by_hand/linear.rs: linear_forward", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: linear_backward", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::from_weights", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::new", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::in_features", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::out_features", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::forward", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::backward", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/linear.rs: Linear::step", "linear_layer_checks_shapes_rates_and_gradients"),
    ("by_hand/mse.rs: MseLoss::new", "mse_loss_names_both_shapes_and_its_order"),
    ("by_hand/mse.rs: MseLoss::forward", "mse_loss_names_both_shapes_and_its_order"),
    ("by_hand/mse.rs: MseLoss::backward", "mse_loss_names_both_shapes_and_its_order"),
    ("by_hand/network.rs: TwoLayerNet::new", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::forward", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::backward", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::step", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::flatten", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::unflatten", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::check_gradients", "two_layer_net_checks_every_part"),
    ("by_hand/network.rs: TwoLayerNet::fit", "two_layer_net_checks_every_part"),
    ("by_hand/neuron.rs: Neuron::new", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::forward", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::backward", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::step", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::loss", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::forward_backward", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::check_gradients", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("by_hand/neuron.rs: Neuron::fit", "neuron_refuses_bad_inputs_rates_and_gradients"),
    ("data/batches.rs: mini_batches", "mini_batches_refuse_a_batch_of_nothing"),
    ("data/digits.rs: digits", "the_digits_load_and_count"),
    ("data/digits.rs: count_classes", "splits_keep_every_sample_once"),
    ("data/digits.rs: Digits::class_counts", "the_digits_load_and_count"),
    ("data/digits.rs: Digits::scaled", "the_digits_load_and_count"),
    ("data/split.rs: stratified_split", "splits_keep_every_sample_once"),
    ("data/split.rs: select_rows", "selections_name_the_row_that_does_not_exist"),
    ("engine/backward.rs: Tensor::topological_order", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/backward.rs: Tensor::backward", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/check.rs: check_gradient", "check_gradient_refuses_a_check_of_nothing_and_non_scalars"),
    ("engine/check.rs: cross_entropy_check", "check_gradient_refuses_a_check_of_nothing_and_non_scalars"),
    ("engine/fit.rs: Sequential::fit", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("engine/fit.rs: Sequential::predict", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("engine/fit.rs: Sequential::accuracy", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("engine/fit.rs: Sequential::layer_grad_norms", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("engine/fit.rs: Sequential::gradcheck", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("engine/fit.rs: hidden_unit_spread", "layers_check_sizes_and_inputs"),
    ("engine/linear.rs: Tensor::linear", "linear_names_all_three_shapes"),
    ("engine/loss.rs: Tensor::loss", "losses_as_graph_nodes_check_shapes_and_classes"),
    ("engine/loss.rs: Tensor::mse_loss", "losses_as_graph_nodes_check_shapes_and_classes"),
    ("engine/loss.rs: Tensor::bce_loss", "losses_as_graph_nodes_check_shapes_and_classes"),
    ("engine/loss.rs: Tensor::bce_with_logits_loss", "losses_as_graph_nodes_check_shapes_and_classes"),
    ("engine/loss.rs: Tensor::cross_entropy_loss", "losses_as_graph_nodes_check_shapes_and_classes"),
    ("engine/nn.rs: Linear::new", "layers_check_sizes_and_inputs"),
    ("engine/nn.rs: Linear::from_weights", "layers_check_sizes_and_inputs"),
    ("engine/nn.rs: Linear::forward", "layers_check_sizes_and_inputs"),
    ("engine/nn.rs: Layer::forward", "layers_check_sizes_and_inputs"),
    ("engine/nn.rs: impl From<Linear> for Layer", "layers_check_sizes_and_inputs"),
    ("engine/nn.rs: Sequential::new", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::mlp", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::from_weights", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::then", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::forward", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::param", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::parameters", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::named_parameters", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::zero_grad", "networks_check_sizes_layers_and_names"),
    ("engine/nn.rs: Sequential::grad_summary", "networks_check_sizes_layers_and_names"),
    (
        "engine/nn.rs: Sequential::mse_gradient_norm",
        "walking_along_the_gradient_checks_shapes_and_puts_parameters_back",
    ),
    ("maths/parabola.rs: StepParabola::through", "a_step_parabola_takes_any_losses_and_refuses_a_bad_spacing"),
    ("maths/parabola.rs: StepParabola::at", "a_step_parabola_takes_any_losses_and_refuses_a_bad_spacing"),
    ("maths/parabola.rs: StepParabola::distance", "a_step_parabola_takes_any_losses_and_refuses_a_bad_spacing"),
    ("maths/parabola.rs: StepParabola::step_change", "a_step_parabola_takes_any_losses_and_refuses_a_bad_spacing"),
    ("show/step_parabola.rs: step_parabola_chart", "the_step_parabola_chart_draws_any_curve"),
    (
        "engine/nn.rs: Sequential::mse_along_gradient",
        "walking_along_the_gradient_checks_shapes_and_puts_parameters_back",
    ),
    (
        "engine/operators.rs: binary_operator!(Add, add, add)",
        "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes",
    ),
    (
        "engine/operators.rs: binary_operator!(Sub, sub, sub)",
        "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes",
    ),
    (
        "engine/operators.rs: binary_operator!(Mul, mul, mul)",
        "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes",
    ),
    ("engine/operators.rs: impl std::ops::Mul<f64> for &Tensor", "scalar_operators_scale_and_negate"),
    ("engine/operators.rs: impl std::ops::Mul<f64> for Tensor", "scalar_operators_scale_and_negate"),
    ("engine/operators.rs: impl std::ops::Mul<&Tensor> for f64", "scalar_operators_scale_and_negate"),
    ("engine/operators.rs: impl std::ops::Neg for &Tensor", "scalar_operators_scale_and_negate"),
    ("engine/ops.rs: Tensor::matmul", "matmul_transpose_and_reshape_name_the_shapes"),
    ("engine/ops.rs: Tensor::t", "matmul_transpose_and_reshape_name_the_shapes"),
    ("engine/ops.rs: Tensor::reshape", "matmul_transpose_and_reshape_name_the_shapes"),
    ("engine/ops.rs: Tensor::add", "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes"),
    ("engine/ops.rs: Tensor::sub", "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes"),
    ("engine/ops.rs: Tensor::mul", "add_sub_mul_and_their_operators_broadcast_or_name_both_shapes"),
    ("engine/optim.rs: Sgd::new", "sgd_refuses_rates_and_empty_parameter_lists"),
    ("engine/optim.rs: Sgd::zero_grad", "sgd_refuses_rates_and_empty_parameter_lists"),
    ("engine/optim.rs: Sgd::step", "sgd_refuses_rates_and_empty_parameter_lists"),
    ("engine/tensor.rs: Tensor::new", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::param", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::scalar", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::with_label", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::value", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::grad", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::shape", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::item", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::op", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::label", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::requires_grad", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::inputs", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::id", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::zero_grad", "the_graph_refuses_what_pytorch_refuses"),
    ("engine/tensor.rs: Tensor::update", "the_graph_refuses_what_pytorch_refuses"),
    (
        "engine/tensor.rs: impl<D: Dimension> From<ndarray::Array<f64, D>> for Tensor",
        "the_graph_refuses_what_pytorch_refuses",
    ),
    ("engine/unary.rs: Tensor::scale", "scalar_operators_scale_and_negate"),
    ("engine/unary.rs: Tensor::powf", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::square", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::sum", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::mean", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::relu", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::sigmoid", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::tanh", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::exp", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::log", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::activate", "unary_ops_compute_or_carry_nan"),
    ("engine/unary.rs: Tensor::neg", "scalar_operators_scale_and_negate"),
    ("maths/activation.rs: sigmoid", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: sigmoid_derivative", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: relu", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: relu_derivative", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: tanh", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: tanh_derivative", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: Activation::forward", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: Activation::derivative", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: Activation::forward_array", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: Activation::derivative_array", "activations_compute_their_formula_or_carry_nan"),
    ("maths/activation.rs: Activation::name", "activations_compute_their_formula_or_carry_nan"),
    ("maths/compare.rs: Comparison::passed", "comparisons_refuse_lists_of_different_or_no_length"),
    ("maths/compare.rs: Comparison::report", "comparisons_refuse_lists_of_different_or_no_length"),
    ("maths/compare.rs: Comparison::assert_ok", "comparisons_refuse_lists_of_different_or_no_length"),
    ("maths/compare.rs: compare", "comparisons_refuse_lists_of_different_or_no_length"),
    ("maths/gradcheck.rs: central_difference", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: numeric_gradient", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: GradCheck::new", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: GradCheck::with_formula", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: GradCheck::passed", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: GradCheck::verdict", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/gradcheck.rs: check_activation", "gradient_checks_refuse_a_check_of_nothing"),
    ("maths/loss/formulas.rs: half_squared_error", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: half_squared_error_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: squared_error", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: squared_error_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: binary_cross_entropy", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: binary_cross_entropy_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: binary_cross_entropy_target_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: bce_with_logits", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: bce_with_logits_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/formulas.rs: bce_with_logits_target_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/mod.rs: Loss::value", "per_element_losses_compute_or_refuse"),
    ("maths/loss/mod.rs: Loss::grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/mod.rs: Loss::target_grad", "per_element_losses_compute_or_refuse"),
    ("maths/loss/mod.rs: Loss::name", "per_element_losses_compute_or_refuse"),
    ("maths/loss/mod.rs: Loss::mean", "batch_losses_refuse_mismatched_shapes"),
    ("maths/loss/mod.rs: Loss::mean_grad", "batch_losses_refuse_mismatched_shapes"),
    ("maths/loss/mod.rs: Loss::mean_target_grad", "batch_losses_refuse_mismatched_shapes"),
    ("maths/loss/softmax.rs: softmax", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: softmax_cross_entropy", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: softmax_cross_entropy_grad", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: softmax_rows", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: one_hot", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: cross_entropy", "softmax_and_cross_entropy_check_classes"),
    ("maths/loss/softmax.rs: cross_entropy_grad", "softmax_and_cross_entropy_check_classes"),
    ("maths/matmul.rs: by_loops", "matrix_products_name_both_shapes"),
    ("maths/matmul.rs: matmul", "matrix_products_name_both_shapes"),
    ("maths/matmul.rs: matmul_loops", "matrix_products_name_both_shapes"),
    ("maths/mod.rs: sgd_update", "sgd_update_is_its_formula"),
    ("maths/rng.rs: rng", "one_hot_and_random_matrices_refuse_sizes_that_cannot_exist"),
    ("maths/rng.rs: randn", "one_hot_and_random_matrices_refuse_sizes_that_cannot_exist"),
    ("maths/rng.rs: pytorch_init", "one_hot_and_random_matrices_refuse_sizes_that_cannot_exist"),
    ("maths/rng.rs: uniform", "one_hot_and_random_matrices_refuse_sizes_that_cannot_exist"),
    ("views/curves.rs: LossCurve::new", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: LossCurve::weight", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: LossCurve::range", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: LossCurve::chart", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: LossCurve::curve_with_tangent", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: activation_chart", "loss_curves_check_the_weight_and_the_input"),
    ("views/curves.rs: activation_shift_chart", "loss_curves_check_the_weight_and_the_input"),
    ("show/confusion.rs: ConfusionMatrix::to_text", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("show/confusion.rs: ConfusionMatrix::to_html", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("show/confusion.rs: ConfusionMatrix::output", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("show/confusion.rs: ConfusionMatrix::evcxr_display", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("show/figure.rs: Figure::single", "charts_draw_any_points"),
    ("show/figure.rs: Figure::row", "charts_draw_any_points"),
    ("show/figure.rs: Figure::grid", "charts_draw_any_points"),
    ("show/figure.rs: Figure::to_svg", "charts_draw_any_points"),
    ("show/figure.rs: Figure::to_text", "charts_draw_any_points"),
    ("show/figure.rs: Figure::output", "charts_draw_any_points"),
    ("show/figure.rs: Figure::evcxr_display", "charts_draw_any_points"),
    ("show/graph.rs: Tensor::graph", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: Graph::to_text", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: Graph::to_svg", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: Graph::output", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: Graph::evcxr_display", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: grad_table", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/graph.rs: draw_graph", "draw_graph_draws_any_numbers_and_refuses_an_edge_to_nowhere"),
    ("show/graph.rs: Tensor::evcxr_display", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/images.rs: ImageGrid::new", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::rows", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::image", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::columns", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::diverging", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::to_svg", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::to_text", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::output", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::evcxr_display", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::misclassified", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: ImageGrid::weights", "image_grids_check_sizes_and_counts"),
    ("show/images.rs: Digits::grid", "selections_name_the_row_that_does_not_exist"),
    ("show/probabilities.rs: ClassProbabilities::new", "class_probabilities_need_a_square_image_and_follow_nan"),
    (
        "show/probabilities.rs: ClassProbabilities::most_probable",
        "class_probabilities_need_a_square_image_and_follow_nan",
    ),
    ("show/probabilities.rs: ClassProbabilities::to_svg", "class_probabilities_need_a_square_image_and_follow_nan"),
    ("show/probabilities.rs: ClassProbabilities::to_text", "class_probabilities_need_a_square_image_and_follow_nan"),
    ("show/probabilities.rs: ClassProbabilities::output", "class_probabilities_need_a_square_image_and_follow_nan"),
    (
        "show/probabilities.rs: ClassProbabilities::evcxr_display",
        "class_probabilities_need_a_square_image_and_follow_nan",
    ),
    ("maths/local.rs: add", "local_derivatives_follow_their_formulas_and_carry_nan"),
    ("maths/local.rs: mul", "local_derivatives_follow_their_formulas_and_carry_nan"),
    ("maths/local.rs: tanh", "local_derivatives_follow_their_formulas_and_carry_nan"),
    ("maths/local.rs: pow", "local_derivatives_follow_their_formulas_and_carry_nan"),
    ("maths/local.rs: add_share", "local_derivatives_follow_their_formulas_and_carry_nan"),
    ("show/mod.rs: Output::drawing", "tables_show_every_row"),
    ("show/mod.rs: Output::emit", "tables_show_every_row"),
    ("show/mod.rs: Output::is_drawing", "tables_show_every_row"),
    ("show/mod.rs: Output::titled_drawing", "tables_show_every_row"),
    ("numbers.rs: fmt_f64", "numbers_print_as_the_course_prints_them"),
    ("numbers.rs: fmt_full", "numbers_print_as_the_course_prints_them"),
    ("numbers.rs: fmt_array", "numbers_print_as_the_course_prints_them"),
    ("numbers.rs: fmt_array_decimals", "numbers_print_as_the_course_prints_them"),
    ("numbers.rs: fmt_decimals", "numbers_print_as_the_course_prints_them"),
    ("numbers.rs: fmt_list", "numbers_print_as_the_course_prints_them"),
    ("show/panic.rs: show_panics", "show_panics_prints_the_message_to_stdout"),
    ("show/plot.rs: Chart::new", "charts_draw_any_points"),
    ("show/plot.rs: Chart::with_y_label", "charts_draw_any_points"),
    ("show/plot.rs: Chart::with", "charts_draw_any_points"),
    ("show/plot.rs: Chart::colour", "charts_draw_any_points"),
    ("show/plot.rs: Chart::line", "charts_draw_any_points"),
    ("show/plot.rs: Chart::dashed", "charts_draw_any_points"),
    ("show/plot.rs: Chart::markers", "charts_draw_any_points"),
    ("show/plot.rs: Chart::joined_dots", "charts_draw_any_points"),
    ("show/plot.rs: Chart::last_dashed", "charts_draw_any_points"),
    ("show/plot.rs: Chart::function", "charts_draw_any_points"),
    ("show/plot.rs: Chart::tangent", "charts_draw_any_points"),
    ("show/plot.rs: Chart::hline", "charts_draw_any_points"),
    ("show/plot.rs: Chart::log_x", "charts_draw_any_points"),
    ("show/plot.rs: Chart::whole_x", "charts_draw_any_points"),
    ("show/plot.rs: Chart::vline", "charts_draw_any_points"),
    ("show/plot.rs: Chart::y_range", "charts_draw_any_points"),
    ("show/plot.rs: xy_points", "charts_draw_any_points"),
    ("show/source.rs: source_excerpt", "source_excerpts_name_what_they_cannot_find"),
    ("show/source.rs: SourceExcerpt::evcxr_display", "source_excerpts_name_what_they_cannot_find"),
    ("views/delta_step.rs: DeltaNet::step_diagram", "delta_net_checks_layers_caches_and_updates"),
    ("show/step_diagram.rs: StepDiagram::to_text", "step_diagrams_draw_any_number_of_boxes"),
    ("show/step_diagram.rs: StepDiagram::to_svg", "step_diagrams_draw_any_number_of_boxes"),
    ("show/step_diagram.rs: StepDiagram::output", "step_diagrams_draw_any_number_of_boxes"),
    ("show/step_diagram.rs: StepDiagram::evcxr_display", "step_diagrams_draw_any_number_of_boxes"),
    ("show/table.rs: Table::new", "tables_show_every_row"),
    ("show/table.rs: Table::row", "tables_show_every_row"),
    ("show/table.rs: Table::row_note", "tables_show_every_row"),
    ("show/table.rs: Table::to_text", "tables_show_every_row"),
    ("show/table.rs: Table::to_html", "tables_show_every_row"),
    ("show/table.rs: Table::output", "tables_show_every_row"),
    ("show/table.rs: Table::evcxr_display", "tables_show_every_row"),
    ("show/tables.rs: Neuron::table", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NeuronPass::table", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NeuronGrads::table", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: TwoLayerNet::table", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NetPass::table", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NetGrads::table", "the_passes_show_their_numbers_nan_included"),
    ("views/delta_step.rs: DeltaNet::table", "delta_net_checks_layers_caches_and_updates"),
    ("show/tables.rs: Neuron::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NeuronPass::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NeuronGrads::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: TwoLayerNet::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NetPass::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: NetGrads::evcxr_display", "the_passes_show_their_numbers_nan_included"),
    ("show/tables.rs: GradCheck::to_text", "gradient_check_tables_refuse_columns_that_do_not_match"),
    ("show/tables.rs: GradCheck::output", "gradient_check_tables_refuse_columns_that_do_not_match"),
    ("show/tables.rs: GradCheck::evcxr_display", "gradient_check_tables_refuse_columns_that_do_not_match"),
    ("show/tables.rs: GradSummary::to_text", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/tables.rs: GradSummary::output", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/tables.rs: GradSummary::evcxr_display", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/tables.rs: Sequential::to_text", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/tables.rs: Sequential::output", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/tables.rs: Sequential::evcxr_display", "graphs_networks_and_summaries_show_what_they_hold"),
    ("show/train_charts.rs: History::points", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::chart_with", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::plot", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::log_chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::compare", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::grad_norm_chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::weight_chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: History::evcxr_display", "training_charts_draw_any_record"),
    ("views/fitted.rs: grad_norm_chart", "training_charts_draw_any_record"),
    ("views/fitted.rs: Sequential::fit_chart", "training_charts_draw_any_record"),
    ("views/fitted.rs: Sequential::decision_chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: ClassHistory::chart", "training_charts_draw_any_record"),
    ("show/train_charts.rs: ClassHistory::evcxr_display", "training_charts_draw_any_record"),
    ("train/class_history.rs: ClassHistory::new", "class_records_stop_on_a_loss_that_is_not_finite"),
    ("train/class_history.rs: ClassHistory::record", "class_records_stop_on_a_loss_that_is_not_finite"),
    ("train/class_history.rs: ClassHistory::score_epoch", "class_records_stop_on_a_loss_that_is_not_finite"),
    ("train/class_history.rs: ClassHistory::summary", "class_records_stop_on_a_loss_that_is_not_finite"),
    ("train/classes.rs: predicted_classes", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/classes.rs: score", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/classes.rs: class_accuracy", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/classes.rs: class_means", "class_means_and_the_nearest_mean_refuse_empty_classes_and_mismatched_shapes"),
    ("train/classes.rs: compare_mistakes", "compare_mistakes_refuses_mismatched_lists_and_unknown_classes"),
    (
        "train/classes.rs: nearest_mean_classes",
        "class_means_and_the_nearest_mean_refuse_empty_classes_and_mismatched_shapes",
    ),
    ("train/classes.rs: ConfusionMatrix::new", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/classes.rs: ConfusionMatrix::accuracy", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/classes.rs: ConfusionMatrix::top_confusions", "scoring_refuses_counts_of_nothing_and_classes_out_of_range"),
    ("train/fit.rs: Fit::new", "training_refuses_rates_and_epochs_it_cannot_use"),
    ("train/fit.rs: Fit::lr", "training_refuses_rates_and_epochs_it_cannot_use"),
    ("train/fit.rs: Fit::epochs", "training_refuses_rates_and_epochs_it_cannot_use"),
    ("train/fit.rs: Fit::validate", "fit_predict_and_accuracy_check_rates_epochs_and_shapes"),
    ("train/fit.rs: train", "training_refuses_rates_and_epochs_it_cannot_use"),
    ("train/history.rs: History::new", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::record", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::keep_going", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::stop", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::check_batch", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::push_to", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::last", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::last_n", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::lowest", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::fell_every_step", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::rises", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::lowest_val", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::solved_from", "the_record_names_every_cause_and_carries_nan"),
    ("train/history.rs: History::summary", "the_record_names_every_cause_and_carries_nan"),
];

/// The exercise checks, driven by the exercise tests (`exercises::*` checks,
/// issue 22) rather than here; the list still has to match the source.
/// The exercise checks are driven by the exercises' own tests (the verdict
/// matrix in `exercises/catalogue.rs` and each file's unit tests), not here:
/// each must be called there, besides its definition.
fn exercise_tests_call(item: &str) -> bool {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/exercises");
    fn read_all(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                read_all(&path, out);
            } else {
                out.push_str(&std::fs::read_to_string(&path).expect("an exercise file"));
            }
        }
    }
    let mut source = String::new();
    read_all(&dir, &mut source);
    let name = item.split_once(": ").map_or(item, |(_, i)| i).rsplit("::").next().unwrap_or(item);
    let called = |f: &str, besides: usize| {
        source.matches(&format!("{f}(")).count() > source.matches(&format!("fn {f}(")).count() + besides
    };
    // A number exercise's check wraps `<name>_exercise()` (or `<name>_parts()`), which the catalogue drives.
    called(name, 0) || called(&format!("{name}_exercise"), 1) || called(&format!("{name}_parts"), 1)
}

/// What a test must contain to drive an item whose name does not show in a call.
const NEEDLES: &[(&str, &str)] = &[
    ("binary_operator!(Add, add, add)", "&ta + &tb"),
    ("binary_operator!(Sub, sub, sub)", "&ta - &tb"),
    ("binary_operator!(Mul, mul, mul)", "&ta * &tb"),
    ("impl std::ops::Mul<f64> for &Tensor", "&t * c"),
    ("impl std::ops::Mul<f64> for Tensor", "t.clone() * c"),
    ("impl std::ops::Mul<&Tensor> for f64", "c * &t"),
    ("impl std::ops::Neg for &Tensor", "-&t"),
    ("impl From<Linear> for Layer", ".into()"),
    ("impl<D: Dimension> From<ndarray::Array<f64, D>> for Tensor", "Tensor::from("),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted, except those of `pub(crate) mod`s.
fn public_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut hidden = Vec::new();
    for parent in ["mod.rs", "lib.rs"] {
        if let Ok(text) = std::fs::read_to_string(dir.join(parent)) {
            for line in text.lines() {
                if let Some(name) = line.trim().strip_prefix("pub(crate) mod ").and_then(|l| l.strip_suffix(';')) {
                    hidden.extend([format!("{name}.rs"), name.to_string()]);
                }
            }
        }
    }
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("a source folder").map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if hidden.contains(&name) {
            continue;
        }
        if path.is_dir() {
            public_files(&path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

/// The last path segment of a type, without generics: `crate::train::ClassHistory<T>` → `ClassHistory`.
fn type_name(t: &str) -> String {
    let t = t.split('<').next().unwrap_or(t).trim();
    t.rsplit("::").next().unwrap_or(t).to_string()
}

/// The public items of one file, as `file: item`.
fn items(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).expect("under src").to_string_lossy().replace('\\', "/");
    let text = std::fs::read_to_string(file).expect("a source file");
    let (mut keys, mut inherent, mut in_macro) = (Vec::new(), None::<String>, false);
    for line in text.lines() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        if line.starts_with("macro_rules!") {
            in_macro = true;
        }
        if in_macro {
            in_macro = line != "}";
            continue;
        }
        if line == "}" {
            inherent = None;
        } else if line.starts_with("impl") {
            let head = line.trim_end_matches('{').trim();
            let body =
                if head.starts_with("impl<") { head.split_once("> ").map_or("", |(_, b)| b) } else { &head[4..] };
            inherent = None;
            match body.split_once(" for ") {
                Some((tr, _)) if ["Add", "Sub", "Mul", "Neg", "From"].contains(&type_name(tr).as_str()) => {
                    keys.push(format!("{rel}: {head}"));
                }
                Some(_) => {}
                None => inherent = Some(type_name(body.split(" where").next().unwrap_or(body))),
            }
        } else if line.starts_with("pub trait") {
            inherent = None;
        } else if let Some(rest) = trimmed.strip_prefix("pub fn ") {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            match (&inherent, line.starts_with("pub fn")) {
                (_, true) => keys.push(format!("{rel}: {name}")),
                (Some(t), false) => keys.push(format!("{rel}: {t}::{name}")),
                (None, false) => {}
            }
        } else if let Some(rest) = line.strip_prefix("shows_as!(") {
            keys.push(format!("{rel}: {}::evcxr_display", type_name(rest.split(',').next().unwrap_or(""))));
        } else if line.starts_with("binary_operator!(") {
            keys.push(format!("{rel}: {}", line.trim_end_matches(';')));
        }
    }
    keys
}

/// (items outside `exercises/`, items inside it), as derived from the source.
fn derived() -> (BTreeSet<String>, BTreeSet<String>) {
    let mut files = Vec::new();
    public_files(&src(), &mut files);
    let all: Vec<String> = files.iter().flat_map(|f| items(f)).collect();
    let (exercises, main): (Vec<String>, Vec<String>) = all.into_iter().partition(|k| k.starts_with("exercises/"));
    (main.into_iter().collect(), exercises.into_iter().collect())
}

/// The property tests' source, with each test's body findable by its name.
fn test_sources() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("tests/bad_inputs").map(|e| e.expect("an entry").path()).collect();
    files.sort();
    files
        .iter()
        .filter(|f| f.file_name() != Some("coverage.rs".as_ref()))
        .map(|f| std::fs::read_to_string(f).expect("a test file"))
        .collect()
}

#[test]
fn every_public_function_is_driven_by_a_property_test() {
    let (main, exercises) = derived();
    let listed: BTreeSet<String> = COVERED.iter().map(|(k, _)| k.to_string()).collect();
    let missing: Vec<&String> = main.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&main).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "public functions with no property test (add them to COVERED, with a test that drives them): {missing:#?}\n\
         listed but no longer in the crate: {stale:#?}"
    );
    assert_eq!(COVERED.len(), listed.len(), "an item is listed twice");
    let untested: Vec<&String> = exercises.iter().filter(|e| !exercise_tests_call(e)).collect();
    assert!(untested.is_empty(), "exercise checks that no exercise test calls: {untested:#?}");
    eprintln!(
        "{} public functions and methods driven by property tests; {} exercise checks listed apart",
        main.len(),
        exercises.len()
    );
}

#[test]
fn each_listed_test_exists_and_calls_what_it_covers() {
    let sources = test_sources();
    let mut problems = Vec::new();
    for (key, test) in COVERED {
        let Some(start) = sources.find(&format!("fn {test}(")) else {
            problems.push(format!("{key}: no test `{test}`"));
            continue;
        };
        let rest = &sources[start + 3..];
        let body = &rest[..rest.find("#[test]").unwrap_or(rest.len())];
        let item = key.split_once(": ").map_or(*key, |(_, item)| item);
        let needle = NEEDLES
            .iter()
            .find(|(k, _)| *k == item)
            .map_or_else(|| item.rsplit("::").next().unwrap_or(item), |(_, n)| *n);
        if !body.contains(needle) {
            problems.push(format!("{key}: `{test}` never mentions `{needle}`"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
