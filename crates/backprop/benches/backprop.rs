//! Benchmarks of the numeric paths the lessons lean on: a hand-written Linear
//! layer's forward + backward, the delta rule, and one full autograd training
//! step (forward, loss, zero_grad, backward, step) for the essential-loop network.
//!
//! Also one full training epoch of each network bench/compare.py times, on
//! both paths (`epoch/<network>/engine` and `epoch/<network>/hand`).
//!
//! Run with `cargo bench -p backprop`.

#[path = "../examples/networks/mod.rs"]
mod networks;

use backprop::prelude::*;
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
        vec![randn(&mut r, 10, 16), randn(&mut r, 16, 1)],
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

criterion_group!(benches, linear_layer, delta_rule, engine_step, epochs);
criterion_main!(benches);
