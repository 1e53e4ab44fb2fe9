//! Term parsing on long, repetitive inputs (about 10k and 100k bytes): each must stay linear.
//!
//! Run with `cargo bench --bench terms`. The floor is a scan of the same text that lowercases
//! each character (what the tokenizer must do at the least); a summary printed before
//! criterion's report gives each input's median beside its floor and the ratio, and the ratio
//! of the 100k time to ten times the 10k time (about 1 when parsing is linear).

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::terms::parse;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn inputs(bytes: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(bytes / unit.len());
    vec![
        ("digits", rep("9")),
        ("numbers", rep("1 ")),
        ("dollars", rep("$")),
        ("bound words", rep("up to ")),
        ("grouped digits", rep("1 000 ")),
        ("accents", rep("é")),
        ("stakes", rep("10% of ")),
        ("scale words", rep("million ")),
        ("minus signs", rep("-1")),
    ]
}

fn resolve(words: &str) -> Option<String> {
    (words == "amd").then(|| "amd".to_string())
}

fn floor(text: &str) -> usize {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .count()
}

fn median_of(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn summary() {
    println!(
        "input            10k parse  100k parse  100k floor  ratio to floor  100k / (10 × 10k)"
    );
    for ((name, small), (_, big)) in inputs(10_000).into_iter().zip(inputs(100_000)) {
        let s = median_of(|| {
            black_box(parse(black_box(&small), &resolve));
        });
        let b = median_of(|| {
            black_box(parse(black_box(&big), &resolve));
        });
        let f = median_of(|| {
            black_box(floor(black_box(&big)));
        });
        println!(
            "{name:<16} {s:>9.2?} {b:>11.2?} {f:>11.2?} {:>15.1} {:>18.2}",
            b.as_secs_f64() / f.as_secs_f64().max(1e-9),
            b.as_secs_f64() / (10.0 * s.as_secs_f64()).max(1e-9)
        );
    }
}

fn bench(c: &mut Criterion) {
    summary();
    let mut group = c.benchmark_group("long terms (100k bytes)");
    for (name, text) in inputs(100_000) {
        group.bench_function(format!("parse {name}"), |b| {
            b.iter(|| parse(black_box(&text), &resolve))
        });
        group.bench_function(format!("floor {name}"), |b| {
            b.iter(|| floor(black_box(&text)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
