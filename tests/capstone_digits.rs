//! The capstone on the real kernel: the digits, softmax cross-entropy checked
//! three ways, both training paths, a test accuracy of at least 95 %, at least
//! four pictures, and another seed and hidden size still above 90 %.

mod harness;

use backprop::prelude::*;
use harness::{expect, run_lesson};

/// The lesson's split, initial weights and engine training, recomputed here.
fn test_accuracy(seed: u64, hidden: usize, lr: f64, epochs: usize, batch: usize) -> f64 {
    let data = digits();
    let (train_idx, test_idx) = stratified_split(&data.labels, 0.2, &mut rng(seed));
    let x = data.scaled();
    let (x_train, x_test) = (select_rows(&x, &train_idx), select_rows(&x, &test_idx));
    let y_train: Vec<usize> = train_idx.iter().map(|&i| data.labels[i]).collect();
    let y_test: Vec<usize> = test_idx.iter().map(|&i| data.labels[i]).collect();
    let mut init = rng(seed + 1);
    let (w1, b1) = pytorch_init(64, hidden, &mut init);
    let (w2, b2) = pytorch_init(hidden, 10, &mut init);
    let model = nn::Sequential::from_weights(vec![(w1, b1), (w2, b2)], nn::Layer::Relu);
    let opt = optim::Sgd::new(model.parameters(), lr);
    let mut shuffle = rng(seed + 2);
    for _ in 0..epochs {
        for b in mini_batches(y_train.len(), batch, &mut shuffle) {
            let yb: Vec<usize> = b.iter().map(|&i| y_train[i]).collect();
            let loss = model.forward(&Tensor::from(select_rows(&x_train, &b))).cross_entropy_loss(&yb);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
    }
    class_accuracy(&y_test, &predicted_classes(&model.predict(&x_test)))
}

fn svg_outputs(run: &harness::report::Run) -> usize {
    run.0.iter().flat_map(|c| &c.outputs).filter_map(|o| o.svg()).filter(|h| h.contains("<svg")).count()
}

#[test]
fn capstone_digits() {
    let other = "let seed: u64 = 3;\nlet hidden: usize = 64;\nlet lr = 0.5;\nlet epochs: usize = 30;\nlet batch_size: usize = 32;";
    let report = run_lesson("capstone-digits", &[other]);
    let v = &report.fresh;
    let text = v.text();
    // The data and the split.
    expect(v, "images", &[1797.0, 64.0], 0.0);
    expect(v, "labels", &[1797.0], 0.0);
    let counts: Vec<f64> = digits().class_counts().iter().map(|&c| c as f64).collect();
    expect(v, "images per digit 0-9", &counts, 0.0);
    let (train_idx, test_idx) = stratified_split(&digits().labels, 0.2, &mut rng(0));
    assert_eq!(train_idx.len() + test_idx.len(), 1797);
    expect(v, "training images", &[train_idx.len() as f64], 0.0);
    expect(v, "test images", &[test_idx.len() as f64], 0.0);
    let test_counts: Vec<f64> = count_classes(&test_idx.iter().map(|&i| digits().labels[i]).collect::<Vec<_>>(), 10)
        .iter()
        .map(|&c| c as f64)
        .collect();
    expect(v, "test images per digit 0-9", &test_counts, 0.0);
    assert!(test_counts.iter().all(|&c| (35.0..=37.0).contains(&c)), "stratified: 20 % of each digit");
    // Softmax cross-entropy on [2, 1, 0.1], class 0.
    let z = array![[2.0, 1.0, 0.1]];
    expect(v, "softmax", softmax_rows(&z).as_slice().unwrap(), 0.0);
    expect(v, "L", &[cross_entropy(&z, &[0])], 0.0);
    expect(v, "dL/dz", cross_entropy_grad(&z, &[0]).as_slice().unwrap(), 0.0);
    assert!(text.contains("gradient check passed: 3 gradients agree"), "{text}");
    expect(v, "L at logits of +-1000, class 1", &[1000.0], 0.0);
    assert!(text.contains("e^1000 = inf"));
    // Training: the engine's accuracy, recomputed; both paths agree.
    let acc = test_accuracy(0, 32, 0.5, 30, 32);
    assert!(acc >= 0.95, "the capstone must reach 95 % test accuracy, reaches {acc}");
    expect(v, "test accuracy", &[acc], 0.0);
    assert!(v.value("largest difference from the engine's training losses")[0] <= 1e-12);
    assert!(text.contains("confusion matrix (rows: true class"), "{text}");
    assert!(text.contains("[images: every test image it got wrong"), "{text}");
    assert!(text.contains("[images: the first layer: each hidden unit's 64 weights (32 images"), "{text}");
    assert!(svg_outputs(v) >= 4, "at least four pictures: the digits, the curves, the mistakes, the hidden units");
    harness::expect_exercises(
        v,
        &[
            ("Exercise 6.1", "not attempted yet"),
            ("Exercise 6.2", "not attempted yet"),
            ("Exercise 6.3", "not attempted yet"),
        ],
    );
    // Another seed and a wider hidden layer: still above 90 %.
    let o = &report.overrides[0].cells;
    let acc3 = test_accuracy(3, 64, 0.5, 30, 32);
    expect(o, "test accuracy", &[acc3], 0.0);
    assert!(acc3 >= 0.9, "seed 3, 64 hidden units: {acc3}");
    assert!(o.text().contains("(64 images"), "the hidden-unit picture follows the hidden size");
    // How long the slowest cells took, for the log: speed is measured by
    // bench/latency.py, never asserted here (a busy machine is slower).
    let mut slowest: Vec<_> = v.0.iter().skip(3).map(|c| (c.seconds, c.index)).collect();
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = slowest.iter().take(3).map(|(s, i)| format!("cell {i}: {s:.2} s")).collect();
    eprintln!("capstone-digits: slowest cells {}", slowest.join(", "));
}
