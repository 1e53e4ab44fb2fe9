//! Benchmarks of flow aggregation and the loop search on synthetic books of 100k deals
//! (`synth`): a dense one (20k entities, random flows), a sparse ring, and the dense one searched
//! with bounds so loose that only the search's budgets stop it.
//!
//! The budgeted worst case is stated as a ratio to the default search on the same book, measured
//! in the same run: `cargo bench --bench flows -- cycles`.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::flows::{self, Limits};
use dealbook::synth::{Shape, Synth};
use std::hint::black_box;

const DEALS: usize = 100_000;

fn bench(c: &mut Criterion) {
    // 20k entities (every tenth a subsidiary of its neighbour) and 100k deals of one or two
    // flows: random graphs this dense have far more short loops than the report bound.
    let book = Synth::new(DEALS)
        .shape(Shape::Dense)
        .entities(20_000)
        .book();
    let mut g = c.benchmark_group("flows_100k_deals");
    g.sample_size(20);
    g.bench_function("aggregate", |b| {
        b.iter(|| flows::aggregate(black_box(&book), false))
    });
    g.bench_function("aggregate_roll_up", |b| {
        b.iter(|| flows::aggregate(black_box(&book), true))
    });
    g.bench_function("entity_totals", |b| {
        b.iter(|| flows::entity_totals(black_box(&book)))
    });
    g.bench_function("cycles", |b| {
        b.iter(|| flows::find_cycles(black_box(&book), &Limits::default()))
    });
    // 100k entities in a ring of payments, a 4-entity loop every seventh deal: about 14k
    // loops, all listed when the count bound is lifted.
    let ring = Synth::new(DEALS).shape(Shape::Ring).book();
    let all = Limits {
        max_cycles: usize::MAX,
        ..Limits::default()
    };
    g.bench_function("cycles_sparse_all", |b| {
        b.iter(|| flows::find_cycles(black_box(&ring), &all))
    });
    // The worst a user can ask for: every loop of up to 64 entities, a million of them. The
    // memory budget (max_flows) or the work budget (max_work) stops it, whichever comes first.
    let worst = Limits {
        max_len: 64,
        max_cycles: 1_000_000,
        ..Limits::default()
    };
    let report = flows::find_cycles(&book, &worst);
    eprintln!(
        "budgeted worst case: {} loops, stopped by {:?}",
        report.cycles.len(),
        report.truncated
    );
    g.sample_size(10);
    g.bench_function("cycles_budgeted_worst_case", |b| {
        b.iter(|| flows::find_cycles(black_box(&book), &worst))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
