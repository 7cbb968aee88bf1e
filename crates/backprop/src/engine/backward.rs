//! The reverse pass: from the loss back to every parameter, each node handing
//! its gradient to its inputs through its own operation's chain rule.

use super::tensor::{Node, Tensor, MAX_INPUTS};
use ndarray::{ArrayD, Dimension};
use std::array::from_fn;
use std::cell::Ref;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes a node's id (its address) with one multiplication: the ids are
/// distinct already, so the general-purpose hasher's work is wasted here.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3));
    }
    fn write_usize(&mut self, id: usize) {
        self.0 = (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl Tensor {
    /// Every node this tensor depends on, inputs before the results computed
    /// from them (a topological order), found without recursion.
    ///
    /// # Shapes
    /// any; every node is returned once.
    pub fn topological_order(&self) -> Vec<Tensor> {
        let mut order = Vec::with_capacity(32);
        let mut seen: HashSet<usize, BuildHasherDefault<IdHasher>> =
            HashSet::with_capacity_and_hasher(32, Default::default());
        let mut stack = Vec::with_capacity(32);
        stack.push((self.clone(), false));
        while let Some((t, inputs_done)) = stack.pop() {
            if inputs_done {
                order.push(t);
                continue;
            }
            if !seen.insert(t.id()) {
                continue;
            }
            stack.push((t.clone(), true));
            for input in t.node().inputs.iter().rev() {
                if !seen.contains(&input.id()) {
                    stack.push((input.clone(), false));
                }
            }
        }
        order
    }

    /// The reverse pass: dL/dL = 1 at this (scalar) tensor, then each node, from
    /// the output back to the leaves, hands its gradient to its inputs through
    /// its operation's chain rule. Gradients are **added** to every node's `grad`,
    /// so two backward passes without `zero_grad` accumulate, as in PyTorch.
    ///
    /// A graph serves one backward pass: as in PyTorch, a second `backward()`
    /// through the same operations is refused, because it would silently add
    /// the same gradients again. Build the loss anew (a new forward pass) instead.
    ///
    /// # Panics
    /// If this tensor is not a single number, or a backward pass has already
    /// gone through its graph.
    #[track_caller]
    pub fn backward(&self) {
        let shape = self.node().value.raw_dim();
        assert!(
            shape.size() == 1,
            "backward: the output has shape {:?}, but backward needs a single number (a loss); reduce it with .sum() or .mean() first",
            shape.slice()
        );
        let order = self.topological_order();
        if let Some(used) = order.iter().find(|t| {
            let n = t.node();
            n.backward.is_some() && n.requires_grad && n.used_by_backward
        }) {
            panic!(
                "backward: the graph was already used by a backward pass (at its `{}` node); a second pass would add \
                 the same gradients again. Run the forward pass again to build a new graph, then call backward",
                used.op()
            );
        }
        self.accumulate(ArrayD::ones(shape)); // dL/dL = 1
        for t in order.iter().rev() {
            let node = t.node();
            let (Some(backward), Some(g)) = (node.backward.as_ref(), node.grad.as_ref()) else {
                continue; // a leaf (its gradient stays), or no gradient reached this node
            };
            if !node.requires_grad {
                continue;
            }
            // Borrow the inputs' values rather than copying them.
            let inputs: Vec<Ref<'_, Node>> = node.inputs.iter().map(|t| t.0.borrow()).collect();
            // Fixed-size arrays (no allocation); only the first `inputs.len()` entries are passed on.
            let values: [&ArrayD<f64>; MAX_INPUTS] = from_fn(|i| inputs.get(i).map_or(&node.value, |n| &n.value));
            let needs: [bool; MAX_INPUTS] = from_fn(|i| inputs.get(i).is_some_and(|n| n.requires_grad));
            let n = inputs.len();
            let input_grads = backward(g, &values[..n], &node.value, &needs[..n]);
            drop(inputs);
            for (input, gi) in node.inputs.iter().zip(input_grads) {
                if let Some(gi) = gi.filter(|_| input.requires_grad()) {
                    input.accumulate(gi); // a node used twice collects a share from each use
                }
            }
            drop(node);
            t.0.borrow_mut().used_by_backward = true;
        }
    }
}
