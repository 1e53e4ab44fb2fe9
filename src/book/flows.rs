//! Money flows: the flows of every deal aggregated into edges with interval totals, money in
//! and out per entity, and the loops they make (circular financing, in [`circular`]).
//!
//! Amounts are often bounds ("up to $100B"), so totals are intervals per currency: see
//! [`interval`] and docs/flows.md.

pub mod circular;
pub mod graph;
pub mod interval;

use super::model::{Book, DealIx, EntityIx, FlowKind};
use interval::{Contribution, Totals, contribution};
use std::collections::HashMap;

pub use circular::{Cycle, CycleReport, Step, find_cycles};
pub use graph::{Limits, Stop};
pub use interval::{Interval, Total};

/// One flow of the book: `book.deals[deal].flows[flow]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowRef {
    pub deal: DealIx,
    pub flow: usize,
}

/// Amounts in words: "$14B + 1 undisclosed; ≤ 10% of AMD". Money totals and undisclosed
/// flows add up; stakes and other quantities are listed after a semicolon. Empty when there
/// is nothing at all. The CLI and the explorer both show edges and entities this way.
pub fn amounts_text(totals: &Totals, undisclosed: usize, stakes: &[String]) -> String {
    let mut sum: Vec<String> = Vec::new();
    if !totals.is_empty() {
        sum.push(totals.human());
    }
    if undisclosed > 0 {
        sum.push(format!("{undisclosed} undisclosed"));
    }
    let mut parts: Vec<String> = Vec::new();
    if !sum.is_empty() {
        parts.push(sum.join(" + "));
    }
    parts.extend(stakes.iter().cloned());
    parts.join("; ")
}

/// The flows of one kind from one entity to another, added up.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: EntityIx,
    pub to: EntityIx,
    pub kind: FlowKind,
    /// The flows that make the edge, in book order.
    pub flows: Vec<FlowRef>,
    /// The deals those flows belong to, in book order, each once.
    pub deals: Vec<DealIx>,
    /// Money, per currency.
    pub totals: Totals,
    /// Flows with no amount or one that cannot be read.
    pub undisclosed: usize,
    /// Quantities that are not money totals (stakes, counts, rates), in their human form.
    pub stakes: Vec<String>,
}

impl Edge {
    /// What the edge amounts to, in words (see [`amounts_text`]).
    pub fn amount_text(&self) -> String {
        amounts_text(&self.totals, self.undisclosed, &self.stakes)
    }

    fn new(from: EntityIx, to: EntityIx, kind: FlowKind) -> Self {
        Edge {
            from,
            to,
            kind,
            flows: Vec::new(),
            deals: Vec::new(),
            totals: Totals::default(),
            undisclosed: 0,
            stakes: Vec::new(),
        }
    }

    fn add(&mut self, book: &Book, at: FlowRef) {
        self.flows.push(at);
        if self.deals.last() != Some(&at.deal) {
            self.deals.push(at.deal);
        }
        let amount = book.deals[at.deal].flows[at.flow].amount.as_ref();
        match contribution(amount) {
            Contribution::Money { unit, interval } => self.totals.add(unit, interval),
            Contribution::Listed(text) => self.stakes.push(text),
            Contribution::Undisclosed => self.undisclosed += 1,
        }
    }
}

/// Every flow of the book with where it is.
pub fn all_flows(book: &Book) -> impl Iterator<Item = (FlowRef, &super::model::Flow)> {
    book.deals.iter().enumerate().flat_map(|(deal, d)| {
        d.flows
            .iter()
            .enumerate()
            .map(move |(flow, f)| (FlowRef { deal, flow }, f))
    })
}

/// The top-level parent of every entity, computed once.
pub fn roots(book: &Book) -> Vec<EntityIx> {
    (0..book.entities.len()).map(|e| book.root(e)).collect()
}

/// The flows aggregated by (from, to, kind), largest first.
///
/// With `roll_up`, both ends are replaced by their top-level parent (`Book::root`) and flows
/// that then begin and end at the same entity are dropped as internal.
///
/// Size order: the largest finite bound of any money total (so "at least $50B" counts as $50B
/// and "up to $100B" as $100B; currencies compared at face value), then the number of deals,
/// then book order of the ends and the kind, so the order is stable.
pub fn aggregate(book: &Book, roll_up: bool) -> Vec<Edge> {
    aggregate_where(book, roll_up, &|_| true)
}

/// [`aggregate`] over the flows `keep` accepts only (`dealbook flows --where`).
pub fn aggregate_where(book: &Book, roll_up: bool, keep: &dyn Fn(FlowRef) -> bool) -> Vec<Edge> {
    let root = if roll_up { roots(book) } else { Vec::new() };
    let end = |e: EntityIx| if roll_up { root[e] } else { e };
    let mut at: HashMap<(EntityIx, EntityIx, FlowKind), usize> = HashMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    for (r, f) in all_flows(book).filter(|(r, _)| keep(*r)) {
        let (from, to) = (end(f.from), end(f.to));
        if from == to {
            continue;
        }
        let i = *at.entry((from, to, f.kind)).or_insert_with(|| {
            edges.push(Edge::new(from, to, f.kind));
            edges.len() - 1
        });
        edges[i].add(book, r);
    }
    let sizes: Vec<f64> = edges.iter().map(|e| e.totals.size()).collect();
    let mut order: Vec<usize> = (0..edges.len()).collect();
    // Unstable is fine: the last key, the edge's own (from, to, kind), is unique.
    order.sort_unstable_by(|&a, &b| {
        let (ea, eb) = (&edges[a], &edges[b]);
        sizes[b]
            .total_cmp(&sizes[a])
            .then(eb.deals.len().cmp(&ea.deals.len()))
            .then((ea.from, ea.to, ea.kind).cmp(&(eb.from, eb.to, eb.kind)))
    });
    let mut slots: Vec<Option<Edge>> = edges.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Money in and out of one entity, over all its flows (not rolled up).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityTotals {
    pub entity: EntityIx,
    pub money_in: Totals,
    pub money_out: Totals,
    pub flows_in: usize,
    pub flows_out: usize,
    /// Incoming and outgoing flows whose amount is undisclosed.
    pub undisclosed_in: usize,
    pub undisclosed_out: usize,
    /// Incoming and outgoing quantities that are not money (stakes, counts, rates).
    pub stakes_in: Vec<String>,
    pub stakes_out: Vec<String>,
    /// Deals the entity takes part in, as a party or a flow end.
    pub deals: usize,
}

/// For each entity, in book order, its money in and out and its counts.
pub fn entity_totals(book: &Book) -> Vec<EntityTotals> {
    let mut all: Vec<EntityTotals> = (0..book.entities.len())
        .map(|e| EntityTotals {
            entity: e,
            deals: book.deals_of.get(e).map_or(0, Vec::len),
            ..EntityTotals::default()
        })
        .collect();
    for (_, f) in all_flows(book) {
        let c = contribution(f.amount.as_ref());
        let out = &mut all[f.from];
        out.flows_out += 1;
        match &c {
            Contribution::Money { unit, interval } => out.money_out.add(unit, *interval),
            Contribution::Listed(text) => out.stakes_out.push(text.clone()),
            Contribution::Undisclosed => out.undisclosed_out += 1,
        }
        let inn = &mut all[f.to];
        inn.flows_in += 1;
        match c {
            Contribution::Money { unit, interval } => inn.money_in.add(unit, interval),
            Contribution::Listed(text) => inn.stakes_in.push(text),
            Contribution::Undisclosed => inn.undisclosed_in += 1,
        }
    }
    all
}

#[cfg(test)]
mod tests;
