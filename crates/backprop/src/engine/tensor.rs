//! The tensor handle: one node of the computation graph.
//!
//! A [`Tensor`] is a shared handle to a node of the computation graph: its
//! value, its accumulated gradient dL/dvalue, the operation that made it, the
//! inputs of that operation, and a closure that turns the output's gradient into
//! the inputs' gradients (the chain rule for that one operation).

use crate::maths::shape::zip_assign;
use ndarray::{ArrayD, ArrayViewMutD, Dimension};
use std::cell::{Ref, RefCell};
use std::rc::Rc;

/// Given dL/dout, the input values, the output value and which inputs need a
/// gradient, returns dL/dinput for each input that needs one (`None` for the
/// others, such as data and targets, so no work is spent on them).
pub(crate) type BackwardFn =
    Box<dyn Fn(&ArrayD<f64>, &[&ArrayD<f64>], &ArrayD<f64>, &[bool]) -> Vec<Option<ArrayD<f64>>>>;

/// The most inputs one operation takes (`linear`: x, W and b).
pub(crate) const MAX_INPUTS: usize = 3;

pub(crate) struct Node {
    pub(crate) value: ArrayD<f64>,
    /// dL/dvalue, accumulated by backward passes; `None` until one reaches this node.
    pub(crate) grad: Option<ArrayD<f64>>,
    pub(crate) op: &'static str,
    pub(crate) label: String,
    pub(crate) inputs: Vec<Tensor>,
    pub(crate) backward: Option<BackwardFn>,
    pub(crate) requires_grad: bool,
    /// Set once a backward pass has gone through this node (see [`Tensor::backward`]).
    pub(crate) used_by_backward: bool,
}

/// A value in the computation graph (any shape, `f64`), with its gradient.
///
/// Cloning a `Tensor` clones the handle, not the data: both refer to the same node.
///
/// # Shapes
/// any number of dimensions (`ArrayD`); a loss is 0-dimensional.
#[derive(Clone)]
pub struct Tensor(pub(crate) Rc<RefCell<Node>>);

impl Tensor {
    fn make(
        value: ArrayD<f64>,
        op: &'static str,
        inputs: Vec<Tensor>,
        backward: Option<BackwardFn>,
        requires_grad: bool,
    ) -> Self {
        Tensor(Rc::new(RefCell::new(Node {
            value,
            grad: None,
            op,
            label: String::new(),
            inputs,
            backward,
            requires_grad,
            used_by_backward: false,
        })))
    }

    /// A constant (an input or a target): no gradient is tracked for it.
    ///
    /// # Shapes
    /// any.
    pub fn new<D: Dimension>(value: ndarray::Array<f64, D>) -> Self {
        Tensor::make(value.into_dyn(), "input", Vec::new(), None, false)
    }

    /// A trainable parameter: backward accumulates dL/dvalue into its `grad`.
    ///
    /// # Shapes
    /// any.
    pub fn param<D: Dimension>(value: ndarray::Array<f64, D>) -> Self {
        Tensor::make(value.into_dyn(), "parameter", Vec::new(), None, true)
    }

    /// A 0-dimensional constant.
    pub fn scalar(v: f64) -> Self {
        Tensor::new(ndarray::arr0(v))
    }

    /// The result of an operation: used by the ops, each of which passes the
    /// closure holding its own chain rule.
    pub(crate) fn from_op(op: &'static str, value: ArrayD<f64>, inputs: Vec<Tensor>, backward: BackwardFn) -> Self {
        assert!(inputs.len() <= MAX_INPUTS, "{op}: an operation takes at most {MAX_INPUTS} inputs");
        let requires_grad = inputs.iter().any(Tensor::requires_grad);
        Tensor::make(value, op, inputs, Some(backward), requires_grad)
    }

    /// Names this tensor (shown in the graph), and returns it.
    pub fn with_label(self, label: &str) -> Self {
        self.0.borrow_mut().label = label.to_string();
        self
    }

    pub(crate) fn node(&self) -> Ref<'_, Node> {
        self.0.borrow()
    }

    /// The value (a copy).
    ///
    /// # Shapes
    /// the tensor's shape.
    pub fn value(&self) -> ArrayD<f64> {
        self.node().value.clone()
    }

    /// The accumulated gradient dL/dvalue (a copy); zeros before any backward.
    ///
    /// # Shapes
    /// the tensor's shape.
    pub fn grad(&self) -> ArrayD<f64> {
        let n = self.node();
        n.grad.clone().unwrap_or_else(|| ArrayD::zeros(n.value.raw_dim()))
    }

    /// Adds `g` to this node's gradient (taking it as the gradient if there was none).
    pub(crate) fn accumulate(&self, g: ArrayD<f64>) {
        let mut n = self.0.borrow_mut();
        match &mut n.grad {
            Some(acc) => zip_assign(("backward", "a gradient", "the gradient added to it"), acc, &g, |a, g| a + g),
            None => n.grad = Some(g),
        }
    }

    /// The shape of the value.
    pub fn shape(&self) -> Vec<usize> {
        self.node().value.shape().to_vec()
    }

    /// The single number held by a one-element tensor (such as a loss).
    ///
    /// # Panics
    /// If the tensor holds more than one number.
    #[track_caller]
    pub fn item(&self) -> f64 {
        let n = self.node();
        assert!(n.value.len() == 1, "item: the tensor has shape {:?}, not a single number", n.value.shape());
        n.value.iter().next().copied().unwrap_or(f64::NAN)
    }

    /// The operation that produced this tensor (`input` or `parameter` for leaves).
    pub fn op(&self) -> &'static str {
        self.node().op
    }

    /// The label given with [`Tensor::with_label`] (empty if none).
    pub fn label(&self) -> String {
        self.node().label.clone()
    }

    /// Whether gradients flow to this tensor.
    pub fn requires_grad(&self) -> bool {
        self.node().requires_grad
    }

    /// The tensors this one was computed from.
    ///
    /// # Shapes
    /// each input has its own shape.
    pub fn inputs(&self) -> Vec<Tensor> {
        self.node().inputs.clone()
    }

    /// A number that identifies this node while it is alive (its address).
    ///
    /// Not a global counter: in a notebook every cell links its own copy of the
    /// crate's statics, so a counter would restart and two nodes could share an id.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// Sets the gradient back to zeros (as `tensor.grad.zero_()` in PyTorch).
    pub fn zero_grad(&self) {
        if let Some(g) = &mut self.0.borrow_mut().grad {
            g.fill(0.0);
        }
    }

    /// Changes the value in place through `f(value, grad)` (used by optimisers).
    /// `f` sees the value as a mutable view, so it can change every number but
    /// never the shape.
    ///
    /// # Shapes
    /// value and grad: the tensor's shape.
    pub fn update(&self, f: impl FnOnce(&mut ArrayViewMutD<'_, f64>, &ArrayD<f64>)) {
        self.update_arrays(|value, grad| f(&mut value.view_mut(), grad));
    }

    /// [`Tensor::update`] on the stored arrays themselves, for the crate's own
    /// optimisers, which keep the shape (it saves building a view on every step).
    pub(crate) fn update_arrays(&self, f: impl FnOnce(&mut ArrayD<f64>, &ArrayD<f64>)) {
        let mut n = self.0.borrow_mut();
        let Node { value, grad, .. } = &mut *n;
        let zeros;
        let grad = match grad {
            Some(grad) => &*grad,
            None => {
                zeros = ArrayD::zeros(value.raw_dim());
                &zeros
            }
        };
        f(value, grad);
    }
}

impl<D: Dimension> From<ndarray::Array<f64, D>> for Tensor {
    /// A constant tensor (an input or a target) from an array: `Tensor::from(x.clone())`.
    fn from(value: ndarray::Array<f64, D>) -> Self {
        Tensor::new(value)
    }
}

impl Drop for Node {
    /// Frees a long chain of nodes with a loop instead of recursion, so a deep
    /// graph (say 100 000 operations) cannot overflow the stack when dropped.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.inputs);
        while let Some(t) = stack.pop() {
            if let Ok(cell) = Rc::try_unwrap(t.0) {
                stack.append(&mut cell.borrow_mut().inputs);
            }
        }
    }
}

impl std::fmt::Debug for Tensor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.node();
        let grad = n.grad.clone().unwrap_or_else(|| ArrayD::zeros(n.value.raw_dim()));
        write!(f, "Tensor({} {:?}, value={}, grad={})", n.op, n.value.shape(), n.value, grad)
    }
}
