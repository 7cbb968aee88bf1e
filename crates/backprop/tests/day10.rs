//! Day 10's numbers (seed 003), computed by the crate.

use backprop::prelude::*;

#[track_caller]
fn close(name: &str, got: &[f64], want: &[f64]) {
    compare(name, got, want, 1e-12, 1e-15).assert_ok();
}

#[test]
fn single_neuron_numbers() {
    let neuron = Neuron::new(array![0.5], 0.0, Sigmoid);
    let x = array![2.0];
    let (pass, l, g) = neuron.forward_backward(&x, 1.0, Loss::Mse);
    assert_eq!(pass.z, 1.0);
    close("a", &[pass.a], &[0.7310585786300049]);
    assert_eq!(l, 0.07232948812851325);
    close("dL/da", &[g.dl_da], &[2.0 * (0.7310585786300049 - 1.0)]);
    close("da/dz", &[g.da_dz], &[0.7310585786300049 * (1.0 - 0.7310585786300049)]);
    assert_eq!(g.dl_dw[0], -0.21150837113706686);
    assert_eq!(g.dl_db, -0.10575418556853343);
    let mut updated = neuron.clone();
    updated.step(&g, 0.1);
    assert_eq!(updated.w[0], 0.5211508371137067);
    assert_eq!(updated.b, 0.010575418556853344);
    assert!(neuron.check_gradients(&x, 1.0, Loss::Mse).passed());
}

#[test]
fn two_layer_network_numbers() {
    let net = TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    let x = array![1.0, 2.0];
    let f = net.forward(&x, 3.0);
    close("Z1", f.z1.as_slice().unwrap(), &[1.1, -0.2]);
    close("A1", f.a1.as_slice().unwrap(), &[1.1, 0.0]);
    close("y_hat", &[f.y_hat], &[0.76]);
    assert_eq!(f.loss, 5.017600000000001);
    let g = net.backward(&x, &f, 3.0);
    close("dL/dW2", g.dl_dw2.as_slice().unwrap(), &[-4.928, 0.0]);
    close("dL/db2", &[g.dl_db2], &[-4.48]);
    close("dL/dA1", g.dl_da1.as_slice().unwrap(), &[-2.688, 0.896]);
    assert_eq!(g.relu_mask, array![1.0, 0.0]);
    close("dL/dZ1", g.dl_dz1.as_slice().unwrap(), &[-2.688, 0.0]);
    // The lesson's numbers, in the course's layout (one row per hidden unit): the
    // transpose of the table with one row per input, [[-2.688, 0], [-5.376, 0]].
    close("dL/dW1", g.dl_dw1.as_slice().unwrap(), &[-2.688, -5.376, 0.0, 0.0]);
    close("dL/db1", g.dl_db1.as_slice().unwrap(), &[-2.688, 0.0]);
    let mut new = net.clone();
    new.step(&g, 0.1);
    close("W1_new", new.w1.as_slice().unwrap(), &[0.7688, 0.8376, -0.4, 0.1]);
    close("b1_new", new.b1.as_slice().unwrap(), &[0.2688, 0.0]);
    close("W2_new", new.w2.as_slice().unwrap(), &[1.0928, -0.2]);
    close("b2_new", &[new.b2], &[0.548]);
    assert!(net.check_gradients(&x, 3.0).passed());
}

#[test]
#[should_panic(
    expected = "TwoLayerNet::forward: the length of x is 3 but must be 2 (input shape [3], expected shape [2])"
)]
fn network_names_the_shapes_of_a_wrong_input() {
    let net = TwoLayerNet::new(array![[0.5, 0.3], [-0.4, 0.1]], array![0.0, 0.0], array![0.6, -0.2], 0.1);
    net.forward(&array![1.0, 2.0, 3.0], 3.0);
}
