//! What the explorer derives from a book, built once and then only read: the aggregated flows
//! and loops with their per-entity indexes, money totals, and the search index. One value, so a
//! reload can build the next one aside and swap it in whole.

use crate::book::flows::{self, CycleReport, Edge, EntityTotals, Limits};
use crate::book::{Book, EntityIx, FlowKind, LoopIx, Record};
use crate::search::Index;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Index of an aggregated flow in [`Model::edges`].
pub type EdgeIx = usize;

pub struct Model {
    pub book: Book,
    /// Aggregated flows (not rolled up), largest first.
    pub edges: Vec<Edge>,
    /// For each entity, the edges it is an end of.
    pub edges_of: Vec<Vec<EdgeIx>>,
    /// Loops of circular financing, with the default limits.
    pub loops: CycleReport,
    /// For each top-level entity, the loops it is on.
    pub loops_of: Vec<Vec<LoopIx>>,
    pub totals: Vec<EntityTotals>,
    /// The largest edge size, for scaling the bars.
    pub max_edge: f64,
    /// The search index, shared with the search (which may run it on another thread). Set
    /// once: by `new`, or later by `build_index` on the loader's thread, so that the first
    /// usable frame of a big book does not wait for it (docs/architecture.md has the figures).
    index: OnceLock<Arc<Index>>,
}

impl Model {
    /// The model with everything built, the search index included.
    pub fn new(book: Book) -> Model {
        let model = Model::without_index(book);
        model.build_index();
        model
    }

    /// The model without its search index yet (`build_index` adds it, from any thread).
    pub fn without_index(book: Book) -> Model {
        let edges = flows::aggregate(&book, false);
        let mut edges_of = vec![Vec::new(); book.entities.len()];
        for (i, e) in edges.iter().enumerate() {
            edges_of[e.from].push(i);
            if e.to != e.from {
                edges_of[e.to].push(i);
            }
        }
        let loops = flows::find_cycles(&book, &Limits::default());
        let mut loops_of = vec![Vec::new(); book.entities.len()];
        for (i, c) in loops.cycles.iter().enumerate() {
            for &e in &c.entities {
                loops_of[e].push(i);
            }
        }
        let max_edge = edges.iter().map(|e| e.totals.size()).fold(0.0, f64::max);
        let totals = flows::entity_totals(&book);
        Model {
            book,
            edges,
            edges_of,
            loops,
            loops_of,
            totals,
            max_edge,
            index: OnceLock::new(),
        }
    }

    /// The search index, once it is built.
    pub fn index(&self) -> Option<&Arc<Index>> {
        self.index.get()
    }

    /// Builds the search index if it is not built yet, and returns it.
    pub fn build_index(&self) -> Arc<Index> {
        Arc::clone(
            self.index
                .get_or_init(|| Arc::new(Index::with_loops(&self.book, &self.loops.cycles))),
        )
    }

    /// What a record is called (in the breadcrumb, the search results, Detail).
    pub fn title(&self, record: Record) -> Cow<'_, str> {
        record.title(&self.book, &self.loops.cycles)
    }

    /// The aggregated flow of `kind` from `from` to `to`.
    pub fn edge(&self, from: EntityIx, to: EntityIx, kind: FlowKind) -> Option<&Edge> {
        self.edges_of
            .get(from)?
            .iter()
            .filter_map(|&i| self.edges.get(i))
            .find(|e| e.from == from && e.to == to && e.kind == kind)
    }

    /// The record for edge `i`.
    pub fn edge_record(&self, i: EdgeIx) -> Option<Record> {
        let e = self.edges.get(i)?;
        Some(Record::Edge {
            from: e.from,
            to: e.to,
            kind: e.kind,
        })
    }

    /// Rows of the Deals pane: all deals, or those of the filter entity.
    pub fn deal_rows(&self, filter: Option<EntityIx>) -> Rows<'_> {
        match filter {
            Some(e) => Rows::Subset(self.book.deals_of.get(e).map_or(&[], Vec::as_slice)),
            None => Rows::All(self.book.deals.len()),
        }
    }

    /// Rows of the Flows pane: edges, or loops (a loop is on an entity's top-level parent).
    pub fn flow_rows(&self, filter: Option<EntityIx>, loops: bool) -> Rows<'_> {
        match (filter, loops) {
            (Some(e), false) => Rows::Subset(subset(&self.edges_of, e)),
            (None, false) => Rows::All(self.edges.len()),
            (Some(e), true) => Rows::Subset(subset(&self.loops_of, self.book.root(e))),
            (None, true) => Rows::All(self.loops.cycles.len()),
        }
    }
}

/// Entry `e` of a per-entity index, empty if there is none.
fn subset(of: &[Vec<usize>], e: EntityIx) -> &[usize] {
    of.get(e).map_or(&[], Vec::as_slice)
}

/// The rows of a list pane: all of something (no list is built), or a subset by index.
#[derive(Debug, Clone, Copy)]
pub enum Rows<'a> {
    All(usize),
    Subset(&'a [usize]),
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self {
            Rows::All(n) => *n,
            Rows::Subset(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, row: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (row < *n).then_some(row),
            Rows::Subset(v) => v.get(row).copied(),
        }
    }

    pub fn position(&self, ix: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (ix < *n).then_some(ix),
            Rows::Subset(v) => v.iter().position(|&x| x == ix),
        }
    }
}
