//! Money flows: the flows of every deal aggregated into edges with interval totals, money in
//! and out per entity, and the loops they make (circular financing, in [`circular`]).
//!
//! Amounts are often bounds ("up to $100B"), so totals are intervals per currency: see
//! [`interval`] and docs/flows.md.

pub mod certainty;
pub mod circular;
pub mod graph;
pub mod interval;
pub mod map;

use super::model::{Book, DealIx, EntityIx, FlowKind, Record, Status};
use interval::{Contribution, Totals, contribution};
use std::collections::HashMap;

pub use certainty::{Amounts, Certainty, Parts, StatusSet};
pub use circular::{Cycle, CycleReport, LoopValue, Step, find_cycles, find_cycles_in};
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

/// The flows of one kind from one entity to another, added up; or one flow from (or to)
/// several entities at once, a syndicate, which is an edge of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The sender, or a syndicate's lead (its first member).
    pub from: EntityIx,
    /// The recipient, or the first of several.
    pub to: EntityIx,
    pub kind: FlowKind,
    /// Every sender: `[from]`, or a syndicate's members.
    pub senders: Vec<EntityIx>,
    /// Every recipient: `[to]`, or several.
    pub recipients: Vec<EntityIx>,
    /// The flows that make the edge, in book order (one for a syndicate).
    pub flows: Vec<FlowRef>,
    /// The deals those flows belong to, in book order, each once.
    pub deals: Vec<DealIx>,
    /// What the flows add up to, kept apart by certainty.
    pub parts: Parts,
}

impl Edge {
    /// What the edge amounts to, in words: "$14B", "$14B committed · ≥ $50B in talks" (see
    /// [`Parts::text`]).
    pub fn amount_text(&self) -> String {
        self.parts.text()
    }

    /// Several senders or recipients: one flow of a syndicate.
    pub fn is_group(&self) -> bool {
        self.senders.len() > 1 || self.recipients.len() > 1
    }

    /// The record the edge stands for: the added-up edge, or a syndicate's one flow.
    pub fn record(&self) -> Record {
        match (self.is_group(), self.flows.first()) {
            (true, Some(f)) => Record::Flow {
                deal: f.deal,
                flow: f.flow,
            },
            _ => Record::Edge {
                from: self.from,
                to: self.to,
                kind: self.kind,
            },
        }
    }

    /// Committed and in-talks money together, for sizes and bars.
    pub fn size(&self) -> f64 {
        self.parts.counted().totals.size()
    }

    /// Whether one of its flows is one the sources imply without stating.
    pub fn inferred(&self, book: &Book) -> bool {
        (self.flows.iter()).any(|f| book.deals[f.deal].flows[f.flow].inferred)
    }

    /// The statuses of its deals, in the format's order, each once.
    pub fn statuses(&self, book: &Book) -> Vec<Status> {
        let mut out: Vec<Status> = self.deals.iter().map(|&d| book.deals[d].status).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn new(senders: Vec<EntityIx>, recipients: Vec<EntityIx>, kind: FlowKind) -> Self {
        Edge {
            from: senders[0],
            to: recipients[0],
            kind,
            senders,
            recipients,
            flows: Vec::new(),
            deals: Vec::new(),
            parts: Parts::default(),
        }
    }

    fn add(&mut self, book: &Book, at: FlowRef) {
        self.flows.push(at);
        if self.deals.last() != Some(&at.deal) {
            self.deals.push(at.deal);
        }
        let deal = &book.deals[at.deal];
        let amount = deal.flows[at.flow].amount.as_ref();
        self.parts
            .add(Certainty::of(deal.status), &contribution(amount));
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

/// [`aggregate`] over the flows `keep` accepts only (`dealbook flows --where`, a certainty
/// view).
pub fn aggregate_where(book: &Book, roll_up: bool, keep: &dyn Fn(FlowRef) -> bool) -> Vec<Edge> {
    let root = if roll_up { roots(book) } else { Vec::new() };
    let end = |e: EntityIx| if roll_up { root[e] } else { e };
    let ends = |list: &[EntityIx]| {
        let mut out: Vec<EntityIx> = Vec::with_capacity(list.len());
        for &e in list {
            let e = end(e);
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    };
    let mut at: HashMap<(EntityIx, EntityIx, FlowKind), usize> = HashMap::new();
    let mut edges: Vec<Edge> = Vec::new();
    for (r, f) in all_flows(book).filter(|(r, _)| keep(*r)) {
        if f.is_group() {
            // A syndicate is one amount: its own edge, never merged with its members' flows.
            let mut senders = ends(&f.from);
            let recipients = ends(&f.to);
            senders.retain(|e| !recipients.contains(e));
            if senders.is_empty() {
                continue;
            }
            let mut edge = Edge::new(senders, recipients, f.kind);
            edge.add(book, r);
            edges.push(edge);
            continue;
        }
        let (from, to) = (end(f.lead()), end(f.recipient()));
        if from == to {
            continue;
        }
        let i = *at.entry((from, to, f.kind)).or_insert_with(|| {
            edges.push(Edge::new(vec![from], vec![to], f.kind));
            edges.len() - 1
        });
        edges[i].add(book, r);
    }
    let sizes: Vec<f64> = edges.iter().map(Edge::size).collect();
    let mut order: Vec<usize> = (0..edges.len()).collect();
    // The last keys, the edge's own (from, to, kind) and its first flow, are unique.
    order.sort_unstable_by(|&a, &b| {
        let (ea, eb) = (&edges[a], &edges[b]);
        sizes[b]
            .total_cmp(&sizes[a])
            .then(eb.deals.len().cmp(&ea.deals.len()))
            .then((ea.from, ea.to, ea.kind).cmp(&(eb.from, eb.to, eb.kind)))
            .then(ea.flows.first().cmp(&eb.flows.first()))
    });
    let mut slots: Vec<Option<Edge>> = edges.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Money in and out of one entity, over its flows (not rolled up), kept apart by certainty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityTotals {
    pub entity: EntityIx,
    /// What it receives. A syndicate's amount counts once, in full, for its one recipient.
    pub inn: Parts,
    /// What it sends. A syndicate member's share is undisclosed (never a division).
    pub out: Parts,
    /// Deals the entity takes part in, as a party or a flow end.
    pub deals: usize,
}

/// For each entity, in book order, its money in and out and its counts, over every flow.
pub fn entity_totals(book: &Book) -> Vec<EntityTotals> {
    let mut all: Vec<EntityTotals> = (0..book.entities.len())
        .map(|e| EntityTotals {
            entity: e,
            deals: book.deals_of.get(e).map_or(0, Vec::len),
            ..EntityTotals::default()
        })
        .collect();
    for (r, f) in all_flows(book) {
        let certainty = Certainty::of(book.deals[r.deal].status);
        for &e in f.from.iter().chain(&f.to) {
            add_flow(&mut all[e], e, f, certainty);
        }
    }
    all
}

/// One entity's money in and out, from its own deals only (what `dealbook show` and the
/// explorer's copy need, without adding up the whole book).
pub fn totals_of(book: &Book, e: EntityIx) -> EntityTotals {
    let mut t = EntityTotals {
        entity: e,
        deals: book.deals_of.get(e).map_or(0, Vec::len),
        ..EntityTotals::default()
    };
    for &d in book.deals_of.get(e).into_iter().flatten() {
        let deal = &book.deals[d];
        for f in &deal.flows {
            add_flow(&mut t, e, f, Certainty::of(deal.status));
        }
    }
    t
}

/// What flow `f` adds to the totals of `e`, one of its ends (nothing if it is neither). A
/// syndicate's amount counts in full for a lone recipient; each member's share (or each of
/// several recipients') is undisclosed, never a division.
fn add_flow(t: &mut EntityTotals, e: EntityIx, f: &super::model::Flow, certainty: Certainty) {
    let share = |n: usize| {
        if n > 1 {
            Contribution::Undisclosed
        } else {
            contribution(f.amount.as_ref())
        }
    };
    if f.from.contains(&e) {
        t.out.add(certainty, &share(f.from.len()));
    }
    if f.to.contains(&e) {
        t.inn.add(certainty, &share(f.to.len()));
    }
}

#[cfg(test)]
mod tests;
