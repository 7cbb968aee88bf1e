//! Benchmarks of the numeric paths the lessons lean on: a hand-written Linear
//! layer's forward + backward, the delta rule, and one full autograd training
//! step (forward, loss, zero_grad, backward, step) for the essential-loop network.
//!
//! Also one full training epoch of each network bench/compare.py times, on
//! both paths (`epoch/<network>/engine` and `epoch/<network>/hand`), the
//! five matrix products of one epoch of the biggest (`products/big/…`), and the
//! lessons' products through `matmul`, its plain loops and ndarray's `dot`
//! (`products/<M>×<K>·<K>×<N>/…`), which is how `matmul` picks its way.
//!
//! Run with `cargo bench -p backprop`.

#[path = "../examples/networks/mod.rs"]
mod networks;

use backprop::prelude::*;
use backprop::{by_loops, matmul, matmul_loops};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn linear_layer(c: &mut Criterion) {
    let mut r = rng(0);
    let x = randn(&mut r, 64, 10);
    let y = randn(&mut r, 64, 5);
    let mut layer = Linear::new(10, 5, &mut r);
    let mut mse = MseLoss::new();
    c.bench_function("Linear 64x10->5 forward+backward+MSE", |b| {
        b.iter(|| {
            let pred = layer.forward(black_box(&x));
            mse.forward(&pred, &y);
            black_box(layer.backward(&mse.backward()))
        })
    });
}

fn delta_rule(c: &mut Criterion) {
    let mut r = rng(1);
    let net = DeltaNet::new(
        vec![randn(&mut r, 16, 10), randn(&mut r, 1, 16)],
        vec![Array1::zeros(16), Array1::zeros(1)],
        vec![Relu, Identity],
    );
    let x = randn(&mut r, 64, 10);
    let y = randn(&mut r, 64, 1);
    c.bench_function("delta rule 64x10->16->1", |b| {
        b.iter(|| {
            let caches = net.forward(black_box(&x));
            black_box(net.backward(&caches, &y))
        })
    });
}

/// One full training step of `model` on (x, y): forward, loss, zero_grad, backward, step.
fn bench_training_step(c: &mut Criterion, name: &str, model: &nn::Sequential, x: &Tensor, y: &Tensor) {
    let opt = optim::Sgd::new(model.parameters(), 1e-4);
    c.bench_function(name, |b| {
        b.iter(|| {
            let loss = model.forward(x).mse_loss(y);
            opt.zero_grad();
            loss.backward();
            opt.step();
            black_box(loss.item())
        })
    });
}

fn engine_step(c: &mut Criterion) {
    let mut r = rng(2);
    let essential = nn::Sequential::mlp(&[10, 5, 1], nn::Layer::Relu, &mut r);
    let (x, y) = (Tensor::new(randn(&mut r, 64, 10)), Tensor::new(randn(&mut r, 64, 1)));
    bench_training_step(c, "autograd step 64x10->5->1 (essential loop)", &essential, &x, &y);
    let wide = nn::Sequential::mlp(&[1, 64, 64, 1], nn::Layer::Tanh, &mut r);
    let (xs, ys) = (Tensor::new(randn(&mut r, 12, 1)), Tensor::new(randn(&mut r, 12, 1)));
    bench_training_step(c, "autograd step 12x1->64->64->1 (overfitting demo)", &wide, &xs, &ys);
}

/// One epoch (forward, loss, zero_grad, backward, step) of each comparison network, on both paths.
fn epochs(c: &mut Criterion) {
    for case in networks::cases() {
        let engine = networks::Engine::new(&case);
        c.bench_function(&format!("epoch/{}/engine", case.name), |b| b.iter(|| black_box(engine.epoch())));
        let mut hand = networks::Hand::new(&case);
        c.bench_function(&format!("epoch/{}/hand", case.name), |b| b.iter(|| black_box(hand.epoch())));
    }
}

/// The five matrix products of one epoch of the 64 → 256 → 10 network on 256
/// samples (the `big` case), each alone: where that epoch's time goes.
fn big_products(c: &mut Criterion) {
    let grid = |r: usize, k: usize| Array2::from_shape_fn((r, k), |(i, j)| ((i * 7 + j * 3) % 13) as f64 / 13.0 - 0.5);
    let (x, w1, w2) = (grid(256, 64), grid(64, 256), grid(256, 10));
    let (a1, delta2, delta1) = (grid(256, 256), grid(256, 10), grid(256, 256));
    c.bench_function("products/big/x·W1 (256×64·64×256)", |b| b.iter(|| black_box(x.dot(&w1))));
    c.bench_function("products/big/a1·W2 (256×256·256×10)", |b| b.iter(|| black_box(a1.dot(&w2))));
    c.bench_function("products/big/δ2·W2ᵀ (256×10·10×256)", |b| b.iter(|| black_box(delta2.dot(&w2.t()))));
    c.bench_function("products/big/a1ᵀ·δ2 (256×256·256×10)", |b| b.iter(|| black_box(a1.t().dot(&delta2))));
    c.bench_function("products/big/xᵀ·δ1 (64×256·256×256)", |b| b.iter(|| black_box(x.t().dot(&delta1))));
}

/// The lessons' matrix products (the essential loop's five, the line's two)
/// and three small squares, through `matmul`, its plain loops and ndarray's `dot`:
/// where plain loops beat `matrixmultiply` and where they do not.
fn lesson_products(c: &mut Criterion) {
    let shapes = [(64, 10, 5), (64, 5, 1), (64, 1, 5), (1, 64, 5), (5, 64, 10), (100, 1, 1), (1, 100, 1)];
    let squares = [(8, 8, 8), (16, 16, 16), (32, 32, 32)];
    let mut r = rng(1);
    for (m, k, n) in shapes.into_iter().chain(squares) {
        let (a, b) = (randn(&mut r, m, k), randn(&mut r, k, n));
        let way = if by_loops(m, k, n) { "loops" } else { "dot" };
        let name = format!("products/{m}×{k}·{k}×{n}");
        c.bench_function(&format!("{name}/matmul (takes {way})"), |t| t.iter(|| black_box(matmul(a.view(), b.view()))));
        c.bench_function(&format!("{name}/loops"), |t| t.iter(|| black_box(matmul_loops(a.view(), b.view()))));
        c.bench_function(&format!("{name}/dot"), |t| t.iter(|| black_box(a.dot(&b))));
    }
}

criterion_group!(benches, linear_layer, delta_rule, engine_step, epochs, big_products, lesson_products);
criterion_main!(benches);
