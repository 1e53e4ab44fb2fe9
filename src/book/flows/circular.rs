//! Circular financing: loops of flows between top-level entities that include at least one
//! financing flow (investment, loan or equity).
//!
//! Entities are always rolled up to their top-level parent here, because a loop is as circular
//! when it closes through a subsidiary: Thrive Capital invests in OpenAI, and OpenAI takes a
//! stake in Thrive Holdings, a Thrive Capital subsidiary. Trade alone (payments and goods both
//! ways) is not financing, and a single investment is not a loop: the stake it buys is implied,
//! not a flow back.

use super::certainty::{Certainty, Parts, StatusSet};
use super::graph::{self, Limits, Stop};
use super::interval::{Contribution, Total, Totals, contribution};
use super::{FlowRef, all_flows, roots};
use crate::book::model::{Book, DealIx, EntityIx, Status};
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
    /// A sentence on why the list may be incomplete, and which bound or budget cut it short.
    pub fn note(&self) -> Option<String> {
        let l = &self.limits;
        self.truncated.map(|stop| match stop {
            Stop::MaxCycles => format!(
                "stopped after {} cycles; there are more (raise --max-cycles to see them)",
                l.max_cycles
            ),
            Stop::MaxWork => format!(
                "stopped after {} steps of search, its time budget; the book is too dense to list every loop (lower --max-length to search shorter loops)",
                l.max_work
            ),
            Stop::MaxFlows => format!(
                "stopped after {} cycles listing {} flows, the memory budget of a report; there are more (lower --max-cycles or --max-length for fewer)",
                self.cycles.len(),
                self.cycles.iter().map(Cycle::flow_count).sum::<usize>()
            ),
            Stop::MaxTime => format!(
                "stopped after {:?} of search, its time limit; there may be more loops (lower --max-length to search shorter loops)",
                l.max_time
            ),
        })
    }
}

impl Cycle {
    /// How many flows its steps list.
    pub fn flow_count(&self) -> usize {
        self.steps.iter().map(|s| s.flows.len()).sum()
    }

    /// Whether a flow of the loop is one the sources imply without stating.
    pub fn inferred(&self, book: &Book) -> bool {
        (self.steps.iter().flat_map(|s| &s.flows))
            .any(|f| book.deals[f.deal].flows[f.flow].inferred)
    }

    /// What at most goes round the loop: its smallest leg.
    pub fn value(&self, book: &Book) -> LoopValue {
        let legs: Vec<Parts> = self.steps.iter().map(|s| s.parts(book)).collect();
        let counted: Vec<_> = legs.iter().map(Parts::counted).collect();
        let money: Vec<Totals> = counted.iter().map(|a| a.totals.clone()).collect();
        let no_money = |a: &&super::Amounts| a.totals.is_empty();
        let stakes = counted
            .iter()
            .filter(no_money)
            .filter(|a| a.undisclosed == 0)
            .count();
        let undisclosed = counted.iter().filter(no_money).count() - stakes;
        if undisclosed + stakes > 0 {
            return LoopValue::Undisclosed {
                legs: undisclosed,
                stakes,
            };
        }
        let unit = &money[0].0[0].unit;
        if money.iter().any(|t| t.0.len() != 1 || &t.0[0].unit != unit) {
            return LoopValue::Currencies;
        }
        let low = money
            .iter()
            .map(|t| t.0[0].low)
            .fold(f64::INFINITY, f64::min);
        let high = (money.iter())
            .filter_map(|t| t.0[0].high)
            .fold(None, |m: Option<f64>, h| Some(m.map_or(h, |m| m.min(h))));
        LoopValue::Smallest(Total {
            unit: unit.clone(),
            low,
            high,
        })
    }
}

/// What at most goes round a loop.
#[derive(Debug, Clone, PartialEq)]
pub enum LoopValue {
    /// The smallest leg, as an interval: the least of the legs' lower and of their upper
    /// bounds.
    Smallest(Total),
    /// Some legs carry no money amount: `legs` are undisclosed, `stakes` carry only a stake
    /// (a share of a company, which is not money).
    Undisclosed { legs: usize, stakes: usize },
    /// The legs' money is in different currencies, which are never converted.
    Currencies,
}

impl LoopValue {
    /// "≤ $100B", "undisclosed (2 legs)", "legs in different currencies".
    pub fn text(&self) -> String {
        match self {
            LoopValue::Smallest(t) => t.human(),
            LoopValue::Undisclosed { legs, stakes } => {
                let n = |k: usize| {
                    if k == 1 {
                        "1 leg".to_string()
                    } else {
                        format!("{k} legs")
                    }
                };
                match (legs, stakes) {
                    (0, s) => format!("undisclosed ({} a stake, not money)", n(*s)),
                    (l, 0) => format!("undisclosed ({})", n(*l)),
                    (l, s) => format!("undisclosed ({}; {} a stake)", n(*l), n(*s)),
                }
            }
            LoopValue::Currencies => "legs in different currencies".into(),
        }
    }
}

impl Step {
    /// What the leg's flows add up to, by certainty. A syndicate member's share is
    /// undisclosed.
    pub fn parts(&self, book: &Book) -> Parts {
        let mut parts = Parts::default();
        for r in &self.flows {
            let deal = &book.deals[r.deal];
            let f = &deal.flows[r.flow];
            let c = if f.is_group() {
                Contribution::Undisclosed
            } else {
                contribution(f.amount.as_ref())
            };
            parts.add(Certainty::of(deal.status), &c);
        }
        parts
    }
}

/// What flows between two top-level entities, one way.
#[derive(Default)]
struct Between {
    flows: Vec<FlowRef>,
    financing: bool,
}

/// Every loop of at most `limits.max_len` top-level entities that contains a financing flow,
/// over the flows of committed and in-talks deals.
pub fn find_cycles(book: &Book, limits: &Limits) -> CycleReport {
    find_cycles_in(book, limits, StatusSet::LIVE)
}

/// [`find_cycles`] over the flows of deals of these statuses; cancelled deals never count.
pub fn find_cycles_in(book: &Book, limits: &Limits, statuses: StatusSet) -> CycleReport {
    let root = roots(book);
    let mut between: HashMap<(EntityIx, EntityIx), Between> = HashMap::new();
    for (r, f) in all_flows(book) {
        // Cancelled money goes round nothing.
        let status = book.deals[r.deal].status;
        if status == Status::Cancelled || !statuses.contains(status) {
            continue;
        }
        // Each member of a syndicate is a way round.
        for (a, b) in f.pairs() {
            let (a, b) = (root[a], root[b]);
            // A flow inside a group (AWS → Amazon) is not between two parties.
            if a == b {
                continue;
            }
            let step = between.entry((a, b)).or_default();
            if step.flows.last() != Some(&r) {
                step.flows.push(r);
            }
            step.financing |= f.kind.is_financing();
        }
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
    let mut cycles: Vec<Cycle> = Vec::new();
    let mut flows = 0;
    let truncated = graph::visit_cycles(&adj, limits, |path| {
        let n = path.len();
        let Some(start) = (0..n)
            .filter(|&i| financing(path[i], path[(i + 1) % n]))
            .min_by_key(|&i| path[i])
        else {
            return Ok(());
        };
        if cycles.len() == limits.max_cycles {
            return Err(Stop::MaxCycles);
        }
        let cycle = cycle(&between, path, start);
        flows += cycle.flow_count();
        if flows > limits.max_flows {
            return Err(Stop::MaxFlows);
        }
        cycles.push(cycle);
        Ok(())
    });
    cycles.sort_by(|a, b| (a.entities.len(), &a.entities).cmp(&(b.entities.len(), &b.entities)));
    CycleReport {
        cycles,
        truncated,
        limits: *limits,
    }
}

/// The loop through `path`, rotated to begin at `start`, with its flows and deals.
fn cycle(
    between: &HashMap<(EntityIx, EntityIx), Between>,
    path: &[EntityIx],
    start: usize,
) -> Cycle {
    let mut path = path.to_vec();
    let n = path.len();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{Shape, Synth};
    use std::time::Duration;

    /// A dense book of 2,000 deals between 400 entities: thousands of loops of up to 8.
    fn dense() -> Book {
        Synth::new(2_000).shape(Shape::Dense).book()
    }

    /// Everything a user can ask for: loops of up to 64 entities, a million of them.
    fn loose() -> Limits {
        Limits {
            max_len: 64,
            max_cycles: 1_000_000,
            ..Limits::default()
        }
    }

    fn note(report: &CycleReport) -> String {
        report.note().unwrap_or_default()
    }

    #[test]
    fn the_memory_budget_caps_the_flows_listed() {
        let limits = Limits {
            max_len: 8,
            max_flows: 500,
            ..loose()
        };
        let report = find_cycles(&dense(), &limits);
        assert_eq!(report.truncated, Some(Stop::MaxFlows));
        let flows: usize = report.cycles.iter().map(Cycle::flow_count).sum();
        assert!((480..=500).contains(&flows), "{flows}");
        let n = report.cycles.len();
        assert_eq!(
            note(&report),
            format!(
                "stopped after {n} cycles listing {flows} flows, the memory budget of a report; there are more (lower --max-cycles or --max-length for fewer)"
            )
        );
    }

    #[test]
    fn the_work_budget_stops_a_long_search() {
        let limits = Limits {
            max_work: 20_000,
            ..loose()
        };
        let report = find_cycles(&dense(), &limits);
        assert_eq!(report.truncated, Some(Stop::MaxWork));
        assert!(
            note(&report).starts_with(
                "stopped after 20000 steps of search, its time budget; the book is too dense"
            ),
            "{}",
            note(&report)
        );
    }

    #[test]
    fn the_time_limit_is_the_last_guard() {
        let limits = Limits {
            max_time: Duration::ZERO,
            ..loose()
        };
        let report = find_cycles(&dense(), &limits);
        assert_eq!(report.truncated, Some(Stop::MaxTime));
        assert!(report.cycles.is_empty());
        assert_eq!(
            note(&report),
            "stopped after 0ns of search, its time limit; there may be more loops (lower --max-length to search shorter loops)"
        );
    }

    #[test]
    fn the_default_budgets_bound_the_loosest_search_on_a_big_book() {
        // 100k deals between 20k entities, as in benches/flows.rs: the work budget ends it (the
        // bench times it).
        let book = Synth::new(100_000)
            .shape(Shape::Dense)
            .entities(20_000)
            .book();
        let report = find_cycles(&book, &loose());
        assert!(
            matches!(report.truncated, Some(Stop::MaxWork | Stop::MaxFlows)),
            "{:?}",
            report.truncated
        );
        let flows: usize = report.cycles.iter().map(Cycle::flow_count).sum();
        assert!(flows <= Limits::default().max_flows);
    }

    #[test]
    fn json_names_each_budget() {
        let names: Vec<serde_json::Value> = [
            Stop::MaxCycles,
            Stop::MaxWork,
            Stop::MaxFlows,
            Stop::MaxTime,
        ]
        .iter()
        .map(|s| serde_json::to_value(s).unwrap_or_default())
        .collect();
        assert_eq!(names, ["max_cycles", "max_work", "max_flows", "max_time"]);
    }

    #[test]
    fn a_ring_is_listed_whole_within_the_budgets() {
        let book = Synth::new(7_000).shape(Shape::Ring).book();
        let report = find_cycles(&book, &loose());
        assert_eq!(report.truncated, None);
        assert_eq!(report.cycles.len(), 999);
        assert_eq!(report.note(), None);
    }
}
