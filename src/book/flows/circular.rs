//! Circular financing: loops of flows between top-level entities that include at least one
//! financing flow (investment, loan or equity).
//!
//! Entities are always rolled up to their top-level parent here, because a loop is as circular
//! when it closes through a subsidiary: Thrive Capital invests in OpenAI, and OpenAI takes a
//! stake in Thrive Holdings, a Thrive Capital subsidiary. Trade alone (payments and goods both
//! ways) is not financing, and a single investment is not a loop: the stake it buys is implied,
//! not a flow back.

use super::graph::{self, Limits, Stop};
use super::{FlowRef, all_flows, roots};
use crate::book::model::{Book, DealIx, EntityIx};
use std::collections::HashMap;

/// One step of a loop: every flow between two top-level entities, in this direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: EntityIx,
    pub to: EntityIx,
    /// In book order; their ends may be subsidiaries of `from` and `to`.
    pub flows: Vec<FlowRef>,
}

/// An elementary loop of top-level entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// In order; the last one flows back to the first. The first is where financing leaves:
    /// the source of a financing step (the earliest in the book if several are).
    pub entities: Vec<EntityIx>,
    /// `steps[i]` goes from `entities[i]` to the next one.
    pub steps: Vec<Step>,
    /// Every deal with a flow in the loop, in the order the steps meet them.
    pub deals: Vec<DealIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CycleReport {
    /// Shortest first, then in book order of their entities.
    pub cycles: Vec<Cycle>,
    /// Set when a bound stopped the search: there may be loops not listed.
    pub truncated: Option<Stop>,
    pub limits: Limits,
}

impl CycleReport {
    /// A sentence on why the list may be incomplete, when it may be.
    pub fn note(&self) -> Option<String> {
        self.truncated.map(|stop| match stop {
            Stop::MaxCycles => format!(
                "stopped after {} cycles; there are more (raise --max-cycles to see them)",
                self.limits.max_cycles
            ),
            Stop::MaxWork => format!(
                "stopped after {} steps of search; the book is too dense to list every loop (lower --max-length to search shorter loops)",
                self.limits.max_work
            ),
        })
    }
}

/// What flows between two top-level entities, one way.
#[derive(Default)]
struct Between {
    flows: Vec<FlowRef>,
    financing: bool,
}

/// Every loop of at most `limits.max_len` top-level entities that contains a financing flow.
pub fn find_cycles(book: &Book, limits: &Limits) -> CycleReport {
    let root = roots(book);
    let mut between: HashMap<(EntityIx, EntityIx), Between> = HashMap::new();
    for (r, f) in all_flows(book) {
        let (a, b) = (root[f.from], root[f.to]);
        // A flow inside a group (AWS → Amazon) is not between two parties.
        if a == b {
            continue;
        }
        let step = between.entry((a, b)).or_default();
        step.flows.push(r);
        step.financing |= f.kind.is_financing();
    }
    let mut adj: Vec<Vec<EntityIx>> = vec![Vec::new(); book.entities.len()];
    for &(a, b) in between.keys() {
        adj[a].push(b);
    }
    // Sorted successors make the search, and so a truncated result, independent of hashing.
    for succ in &mut adj {
        succ.sort_unstable();
    }
    let financing = |a: EntityIx, b: EntityIx| between.get(&(a, b)).is_some_and(|s| s.financing);
    let found = graph::elementary_cycles(&adj, limits, |path| {
        (0..path.len()).any(|i| financing(path[i], path[(i + 1) % path.len()]))
    });

    let mut cycles: Vec<Cycle> = found
        .cycles
        .into_iter()
        .map(|mut path| {
            let n = path.len();
            let start = (0..n)
                .filter(|&i| financing(path[i], path[(i + 1) % n]))
                .min_by_key(|&i| path[i])
                .unwrap_or(0);
            path.rotate_left(start);
            let steps: Vec<Step> = (0..n)
                .map(|i| {
                    let (from, to) = (path[i], path[(i + 1) % n]);
                    Step {
                        from,
                        to,
                        flows: between
                            .get(&(from, to))
                            .map(|s| s.flows.clone())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            let mut deals: Vec<DealIx> = Vec::new();
            for f in steps.iter().flat_map(|s| &s.flows) {
                if !deals.contains(&f.deal) {
                    deals.push(f.deal);
                }
            }
            Cycle {
                entities: path,
                steps,
                deals,
            }
        })
        .collect();
    cycles.sort_by(|a, b| (a.entities.len(), &a.entities).cmp(&(b.entities.len(), &b.entities)));
    CycleReport {
        cycles,
        truncated: found.truncated,
        limits: *limits,
    }
}
