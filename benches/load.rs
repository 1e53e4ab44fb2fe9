//! Loading a book: a clean book (no diagnostics, so no position pass) against the same book with
//! one semantic error (which adds the path-to-position pass), on synthetic books of 10k deals.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::load_str;
use dealbook::synth::book_yaml;
use std::hint::black_box;

fn load(c: &mut Criterion) {
    let clean = book_yaml(10_000);
    // One reference to an unknown entity in the last deal: the positions pass runs.
    let broken = format!(
        "{clean}  - id: extra\n    title: x\n    status: signed\n    parties: [nobody]\n    sources: [src-0]\n"
    );
    let mut g = c.benchmark_group("load 10k deals");
    g.sample_size(10);
    g.bench_function("clean", |b| {
        b.iter(|| {
            let l = load_str(black_box(&clean));
            assert!(l.book.is_some());
        })
    });
    g.bench_function("one error (adds the position pass)", |b| {
        b.iter(|| {
            let l = load_str(black_box(&broken));
            assert_eq!(l.errors(), 1);
        })
    });
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
