//! Loading a book against its floor, on the same text in the same run: saphyr-parser's event
//! scan (every event read, nothing kept) is the least any loader built on it can cost; the full
//! load (`load_str`: characters checked, parsed, read, validated, indexed) should stay within
//! 1.5× of it (docs/architecture.md has the figures). Synthetic books of 10,000 and 100,000
//! deals; a book with one error adds nothing but that error's message.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::load_str;
use dealbook::synth::book_yaml;
use std::hint::black_box;
use std::time::Duration;

/// The floor: every event of the text, read and dropped.
fn scan(text: &str) -> usize {
    let mut n = 0;
    for event in saphyr_parser::Parser::new_from_str(text) {
        let _ = black_box(event.expect("the synthetic book parses"));
        n += 1;
    }
    n
}

fn load(c: &mut Criterion) {
    for (deals, samples, secs) in [(10_000, 10, 8), (100_000, 10, 30)] {
        let clean = book_yaml(deals);
        let mut g = c.benchmark_group(format!("load {}k deals", deals / 1000));
        g.sample_size(samples);
        g.measurement_time(Duration::from_secs(secs));
        g.warm_up_time(Duration::from_secs(1));
        g.bench_function("floor: saphyr-parser event scan", |b| {
            b.iter(|| scan(black_box(&clean)))
        });
        g.bench_function("load_str (check)", |b| {
            // As in `dealbook check`, freeing the book is not part of it (dropped untimed).
            b.iter_with_large_drop(|| {
                let l = load_str(black_box(&clean));
                assert!(l.book.is_some());
                l
            })
        });
        if deals == 10_000 {
            // One reference to an unknown entity in the last deal.
            let broken = format!(
                "{clean}  - id: extra\n    title: x\n    status: signed\n    parties: [nobody]\n    sources: [src-0]\n"
            );
            g.bench_function("load_str, one error", |b| {
                b.iter_with_large_drop(|| {
                    let l = load_str(black_box(&broken));
                    assert_eq!(l.errors(), 1);
                    l
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, load);
criterion_main!(benches);
