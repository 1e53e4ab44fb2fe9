//! Search speed on a synthetic book of 100k deals (5k entities, 2k sources): each keystroke of
//! "softbank 40" typed into the incremental `Searcher`, and the same query searched from scratch.
//!
//! Run with `cargo bench --bench search`. Before criterion's own report, a summary prints the
//! median of each keystroke, their median and the worst, for 20 hits and for 200.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dealbook::search::{Index, Searcher};
use dealbook::synth::Synth;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

const QUERY: &str = "softbank 40";
const LIMIT: usize = 20;

/// The searcher as it stands after typing `typed`, one character at a time.
fn typed(index: &Arc<Index>, typed: &str, limit: usize) -> Searcher {
    let mut s = Searcher::new(Arc::clone(index));
    for (i, c) in typed.char_indices() {
        s.search(&typed[..i + c.len_utf8()], limit);
    }
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn summary(index: &Arc<Index>, limit: usize) {
    let mut medians = Vec::new();
    eprintln!(
        "keystroke      median      max   hits  (limit {limit}, {} records)",
        index.len()
    );
    for n in 1..=QUERY.len() {
        let before = typed(index, &QUERY[..n - 1], limit);
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..15 {
            let mut s = before.clone();
            let t = Instant::now();
            hits = black_box(s.search(&QUERY[..n], limit)).len();
            times.push(t.elapsed());
        }
        let max = times.iter().max().copied().unwrap_or_default();
        let m = median(times);
        eprintln!(
            "{:<12} {:>8.2?} {:>8.2?} {hits:>6}",
            format!("{:?}", &QUERY[..n]),
            m,
            max
        );
        medians.push(m);
    }
    let worst = medians.iter().max().copied().unwrap_or_default();
    eprintln!(
        "median keystroke {:.2?}, worst keystroke (median of its runs) {:.2?}",
        median(medians),
        worst
    );
}

fn bench(c: &mut Criterion) {
    let book = Synth::new(100_000).entities(5_000).sources(2_000).book();
    let t = Instant::now();
    let index = Arc::new(Index::new(&book));
    eprintln!(
        "index of {} records built in {:.2?}",
        index.len(),
        t.elapsed()
    );
    summary(&index, LIMIT);
    // More hits lower the floor that prunes (the explorer keeps 100).
    summary(&index, 200);

    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    for n in 1..=QUERY.len() {
        let before = typed(&index, &QUERY[..n - 1], LIMIT);
        let query = &QUERY[..n];
        group.bench_function(format!("{n:02} {query:?}"), |b| {
            b.iter_batched_ref(
                || before.clone(),
                |s| s.search(query, LIMIT),
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();

    let mut group = c.benchmark_group("full");
    group.sample_size(20);
    group.bench_function("softbank 40", |b| b.iter(|| index.search(QUERY, LIMIT)));
    group.bench_function("s", |b| b.iter(|| index.search("s", LIMIT)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
