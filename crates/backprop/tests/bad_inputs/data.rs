//! `data`: the digits, splits, selections, counts and mini-batches, with
//! sizes, fractions and indices of every kind.

use crate::support::*;
use backprop::prelude::*;
use proptest::prelude::*;
use std::sync::OnceLock;

/// The digits, loaded once for all the cases.
fn the_digits() -> &'static Digits {
    static DIGITS: OnceLock<Digits> = OnceLock::new();
    DIGITS.get_or_init(digits)
}

/// Labels that may be huge (a class id of 10¹² must not make the split loop over 10¹² classes).
fn labels() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(prop_oneof![4 => 0..4usize, 1 => Just(usize::MAX), 1 => Just(1usize << 40)], 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn mini_batches_refuse_a_batch_of_nothing(n in size(), batch_size in size(), seed in any::<u64>()) {
        let valid = batch_size > 0 && can_exist(&[n]);
        expect(outcome(|| mini_batches(n, batch_size, &mut rng(seed))), valid, "mini_batches", |batches| {
            let mut all: Vec<usize> = batches.concat();
            all.sort_unstable();
            assert_eq!(all, (0..n).collect::<Vec<_>>());
            assert!(batches.iter().all(|b| !b.is_empty() && b.len() <= batch_size));
        });
    }

    #[test]
    fn splits_keep_every_sample_once(labels in labels(), fraction in number(), seed in any::<u64>()) {
        let valid = (0.0..=1.0).contains(&fraction);
        expect(outcome(|| stratified_split(&labels, fraction, &mut rng(seed))), valid, "stratified_split", |(train, test)| {
            let mut all: Vec<usize> = train.iter().chain(&test).copied().collect();
            all.sort_unstable();
            assert_eq!(all, (0..labels.len()).collect::<Vec<_>>());
        });
        let classes = labels.iter().map(|&l| l.saturating_add(1)).max().unwrap_or(0);
        let fits = labels.iter().all(|&l| l < 4);
        expect(outcome(|| count_classes(&labels, 4)), fits, "count_classes", |counts| {
            assert_eq!(counts.iter().sum::<usize>(), labels.len());
        });
        let room = labels.iter().all(|&l| l < classes) && can_exist(&[classes]);
        expect(outcome(|| count_classes(&labels, classes)), room, "count_classes", |counts| assert_eq!(counts.len(), classes));
    }

    #[test]
    fn selections_name_the_row_that_does_not_exist(x in any_matrix(), indices in proptest::collection::vec(prop_oneof![0..4usize, Just(usize::MAX)], 0..5)) {
        let valid = indices.iter().all(|&i| i < x.nrows());
        expect(outcome(|| select_rows(&x, &indices)), valid, "select_rows", |s| {
            assert_eq!(s.dim(), (indices.len(), x.ncols()));
            for (k, &i) in indices.iter().enumerate() {
                assert_same("row", s.row(k), x.row(i));
            }
        });
        let d = the_digits();
        let mut shifted = indices.clone();
        shifted.iter_mut().for_each(|i| *i = i.saturating_mul(600));
        let exists = shifted.iter().all(|&i| i < d.labels.len());
        expect(outcome(|| d.grid("digits", &shifted)), exists, "Digits::grid", |g| {
            assert_eq!(g.images.len(), shifted.len());
            assert!(g.to_svg().starts_with("<svg"));
        });
    }
}

#[test]
fn the_digits_load_and_count() {
    let d = the_digits();
    assert_eq!(d.images.dim(), (1797, 64));
    assert_eq!(d.class_counts().iter().sum::<usize>(), 1797);
    let scaled = d.scaled();
    assert!(scaled.iter().all(|v| (0.0..=1.0).contains(v)));
    let fresh = digits();
    assert_eq!(fresh.labels, d.labels);
}
