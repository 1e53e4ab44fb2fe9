//! Benchmarks of flow aggregation and the loop search on a synthetic book of 100k deals.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::flows::{self, Limits};
use dealbook::book::terms;
use dealbook::book::{Book, Deal, Entity, EntityKind, Flow, FlowKind, Party, Status};
use std::hint::black_box;

const ENTITIES: usize = 20_000;
const DEALS: usize = 100_000;

/// A small deterministic generator (64-bit LCG), so every run benches the same book.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// An entity named after its index.
fn entity(i: usize, parent: Option<usize>) -> Entity {
    Entity {
        id: format!("e{i}"),
        name: format!("Entity {i}"),
        kind: EntityKind::Company,
        aliases: Vec::new(),
        parent,
        people: Vec::new(),
        country: None,
        notes: None,
        metrics: Vec::new(),
    }
}

/// Deal `d` between parties `a` and `b`, with `flows`.
fn deal(d: usize, a: usize, b: usize, flows: Vec<Flow>) -> Deal {
    Deal {
        id: format!("d{d}"),
        title: format!("Deal {d}"),
        date: None,
        status: Status::Announced,
        tags: Vec::new(),
        parties: [a, b]
            .into_iter()
            .map(|entity| Party { entity, role: None })
            .collect(),
        terms: Vec::new(),
        flows,
        sources: Vec::new(),
        notes: None,
    }
}

/// A book of `entities` and `deals`, with each entity's deals (parties and flow ends) indexed.
fn book(entities: Vec<Entity>, deals: Vec<Deal>) -> Book {
    let mut deals_of: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for (d, deal) in deals.iter().enumerate() {
        let ends = deal.parties.iter().map(|p| p.entity);
        for e in ends.chain(deal.flows.iter().flat_map(|f| [f.from, f.to])) {
            if deals_of[e].last() != Some(&d) {
                deals_of[e].push(d);
            }
        }
    }
    Book {
        entities,
        deals,
        deals_of,
        ..Book::default()
    }
}

/// 20k entities (every tenth a subsidiary of its neighbour) and 100k deals of one or two flows
/// between random entities, with a mix of kinds and of exact, bounded, stake and missing
/// amounts. Random graphs this dense have far more short loops than the report bound.
fn synthetic_book() -> Book {
    let amounts: Vec<Option<terms::Term>> = [
        "$2B",
        "up to $100M",
        "at least $50M",
        "€30M",
        "$1–2B",
        "up to 10% of X",
    ]
    .iter()
    .map(|t| Some(terms::parse(t, &|_| None)))
    .chain([None])
    .collect();
    let entities: Vec<Entity> = (0..ENTITIES)
        .map(|i| entity(i, (i % 10 == 9).then(|| i - 1)))
        .collect();
    let mut rng = Lcg(42);
    let deals: Vec<Deal> = (0..DEALS)
        .map(|d| {
            let a = rng.below(ENTITIES);
            let b = (a + 1 + rng.below(ENTITIES - 1)) % ENTITIES;
            let kind = FlowKind::ALL[rng.below(FlowKind::ALL.len())];
            let mut flows = vec![Flow {
                from: a,
                to: b,
                kind,
                amount: amounts[rng.below(amounts.len())].clone(),
                note: None,
            }];
            if rng.below(2) == 0 {
                flows.push(Flow {
                    from: b,
                    to: a,
                    kind: FlowKind::Payment,
                    amount: amounts[rng.below(amounts.len())].clone(),
                    note: None,
                });
            }
            deal(d, a, b, flows)
        })
        .collect();
    book(entities, deals)
}

/// A sparse book of 100k deals: 100k entities in a ring of payments, and every seventh deal
/// also has an investment back three steps, which closes a 4-entity loop: about 14k loops, all
/// of which the search lists when the count bound is lifted.
fn ring_book() -> Book {
    let n = DEALS;
    let entities: Vec<Entity> = (0..n).map(|i| entity(i, None)).collect();
    let deals: Vec<Deal> = (0..n)
        .map(|d| {
            let (a, b) = (d, (d + 1) % n);
            let mut flows = vec![Flow {
                from: a,
                to: b,
                kind: FlowKind::Payment,
                amount: None,
                note: None,
            }];
            if d % 7 == 0 && d >= 3 {
                flows.push(Flow {
                    from: d,
                    to: d - 3,
                    kind: FlowKind::Investment,
                    amount: None,
                    note: None,
                });
            }
            deal(d, a, b, flows)
        })
        .collect();
    book(entities, deals)
}

fn bench(c: &mut Criterion) {
    let book = synthetic_book();
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
    let ring = ring_book();
    let all = Limits {
        max_cycles: usize::MAX,
        ..Limits::default()
    };
    g.bench_function("cycles_sparse_all", |b| {
        b.iter(|| flows::find_cycles(black_box(&ring), &all))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
