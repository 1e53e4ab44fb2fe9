//! What the explorer derives from a book, built once and then only read: the aggregated flows
//! and loops with their per-entity indexes, money totals, and the search index. One value, so a
//! reload can build the next one aside and swap it in whole.

use super::sorting::{DEAL_SORTS, ENTITY_SORTS, FLOW_SORTS};
use crate::book::flows::{self, CycleReport, Edge, EntityTotals, Limits, StatusSet};
use crate::book::{Book, EntityIx, FlowKind, LoopIx, Record};
use crate::search::Index;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Index of an aggregated flow in [`Model::edges`].
pub type EdgeIx = usize;

/// The edges one certainty view shows (`v` in the explorer): those with money of the view's
/// deals.
#[derive(Debug, Default)]
pub struct FlowView {
    /// Indices into [`Model::edges`], largest first.
    pub edges: Vec<EdgeIx>,
    /// For each entity, the edges of the view it is an end of.
    pub edges_of: Vec<Vec<EdgeIx>>,
}

/// Rows in an order of their own, built when first asked for: all of them, and each entity's.
#[derive(Debug, Default)]
pub struct Ordered {
    pub all: Vec<usize>,
    pub of: Vec<Vec<usize>>,
}

impl Ordered {
    /// `all` in the order `sort` puts them, and each of `of` in the same order.
    fn new(
        mut all: Vec<usize>,
        of: &[Vec<usize>],
        size: usize,
        sort: impl Fn(&mut [usize]),
    ) -> Ordered {
        sort(&mut all);
        let mut rank = vec![u32::MAX; size];
        for (r, &i) in all.iter().enumerate() {
            if let Some(x) = rank.get_mut(i) {
                *x = r as u32;
            }
        }
        let of = of
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v.sort_by_key(|&i| rank.get(i).copied().unwrap_or(u32::MAX));
                v
            })
            .collect();
        Ordered { all, of }
    }
}

/// The certainty views `v` cycles through, in order.
pub const VIEWS: [StatusSet; 3] = [StatusSet::COMMITTED, StatusSet::LIVE, StatusSet::ALL];

pub struct Model {
    pub book: Book,
    /// Aggregated flows (not rolled up) of every deal, cancelled ones too, largest first; each
    /// keeps its money apart by certainty.
    pub edges: Vec<Edge>,
    /// For each entity, the edges it is an end of (a syndicate's every member).
    pub edges_of: Vec<Vec<EdgeIx>>,
    /// The edges of each of [`VIEWS`], built when first asked for.
    views: [OnceLock<FlowView>; 3],
    /// The entities in each order of `sorting::ENTITY_SORTS` but the first (book order).
    entity_orders: [OnceLock<Vec<usize>>; ENTITY_SORTS.len()],
    /// The deals in each order of `sorting::DEAL_SORTS` but the first (book order).
    deal_orders: [OnceLock<Ordered>; DEAL_SORTS.len()],
    /// The edges of each view in each order of `sorting::FLOW_SORTS` but the first.
    flow_orders: [[OnceLock<Ordered>; FLOW_SORTS.len()]; 3],
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
        Model::without_index_beside(book, |_| ()).0
    }

    /// [`Model::without_index`], and `beside` run on the book meanwhile: a reload counts what
    /// changed this way. The loops (and `beside`) are worked out on a second thread while this
    /// one adds up the flows (`pair::both`).
    pub fn without_index_beside<T: Send>(
        book: Book,
        beside: impl Fn(&Book) -> T + Sync,
    ) -> (Model, T) {
        let ((loops, t), (edges, totals)) = super::pair::both(
            || (flows::find_cycles(&book, &Limits::default()), beside(&book)),
            || (flows::aggregate(&book, false), flows::entity_totals(&book)),
        );
        let edges_of = ends_index(book.entities.len(), &edges, 0..edges.len());
        let mut loops_of = vec![Vec::new(); book.entities.len()];
        for (i, c) in loops.cycles.iter().enumerate() {
            for &e in &c.entities {
                loops_of[e].push(i);
            }
        }
        let max_edge = edges.iter().map(Edge::size).fold(0.0, f64::max);
        let model = Model {
            book,
            edges,
            edges_of,
            views: Default::default(),
            deal_orders: Default::default(),
            entity_orders: Default::default(),
            flow_orders: Default::default(),
            loops,
            loops_of,
            totals,
            max_edge,
            index: OnceLock::new(),
        };
        (model, t)
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

    /// The aggregated flow of `kind` from `from` to `to` (never a syndicate's).
    pub fn edge(&self, from: EntityIx, to: EntityIx, kind: FlowKind) -> Option<&Edge> {
        self.edges_of
            .get(from)?
            .iter()
            .filter_map(|&i| self.edges.get(i))
            .find(|e| !e.is_group() && e.from == from && e.to == to && e.kind == kind)
    }

    /// The record for edge `i`: the added-up edge, or a syndicate's one flow.
    pub fn edge_record(&self, i: EdgeIx) -> Option<Record> {
        Some(self.edges.get(i)?.record())
    }

    /// Where `record` is in the book's text, for `e`: its own place, or for an edge the first
    /// flow that makes it, for a loop the first flow of its first step.
    pub fn position(&self, record: Record) -> Option<crate::book::diag::Pos> {
        let first_flow = |e: &Edge| {
            let f = e.flows.first()?;
            self.book.position(Record::Flow {
                deal: f.deal,
                flow: f.flow,
            })
        };
        match record {
            Record::Edge { from, to, kind } => first_flow(self.edge(from, to, kind)?),
            Record::Loop(l) => {
                let f = self.loops.cycles.get(l)?.steps.first()?.flows.first()?;
                self.book.position(Record::Flow {
                    deal: f.deal,
                    flow: f.flow,
                })
            }
            r => self.book.position(r),
        }
    }

    /// The edges of a certainty view (one of [`VIEWS`]; any other set reads as the default).
    pub fn flow_view(&self, money: StatusSet) -> &FlowView {
        let v = VIEWS.iter().position(|s| *s == money).unwrap_or(1);
        self.views[v].get_or_init(|| {
            let money = VIEWS[v];
            let kept =
                (0..self.edges.len()).filter(|&i| !self.edges[i].parts.only(money).is_empty());
            let edges: Vec<EdgeIx> = kept.collect();
            let edges_of = ends_index(self.book.entities.len(), &self.edges, edges.iter().copied());
            FlowView { edges, edges_of }
        })
    }

    /// Rows of the Deals pane: all deals, or those of the filter entity.
    pub fn deal_rows(&self, filter: Option<EntityIx>) -> Rows<'_> {
        match filter {
            Some(e) => Rows::Subset(self.book.deals_of.get(e).map_or(&[], Vec::as_slice)),
            None => Rows::All(self.book.deals.len()),
        }
    }

    /// Rows of the Entities pane in order `sort` of `sorting::ENTITY_SORTS` (0: book order).
    pub fn entity_rows(&self, sort: usize) -> Rows<'_> {
        let Some(&Some((key, dir))) = ENTITY_SORTS.get(sort) else {
            return Rows::All(self.book.entities.len());
        };
        Rows::Subset(self.entity_orders[sort].get_or_init(|| {
            let mut all: Vec<usize> = (0..self.book.entities.len()).collect();
            crate::book::sort::entities(&self.book, &self.totals, &mut all, key, dir);
            all
        }))
    }

    /// Rows of the Deals pane in order `sort` of `sorting::DEAL_SORTS` (0: book order).
    pub fn deal_rows_sorted(&self, filter: Option<EntityIx>, sort: usize) -> Rows<'_> {
        let Some(&(key, dir)) = DEAL_SORTS.get(sort).filter(|_| sort != 0) else {
            return self.deal_rows(filter);
        };
        let o = self.deal_orders[sort].get_or_init(|| {
            let book = &self.book;
            let all: Vec<usize> = (0..book.deals.len()).collect();
            Ordered::new(all, &book.deals_of, book.deals.len(), |items| {
                crate::book::sort::deals(book, items, key, dir)
            })
        });
        match filter {
            Some(e) => Rows::Subset(subset(&o.of, e)),
            None => Rows::Subset(&o.all),
        }
    }

    /// Rows of the Flows pane: the view's edges in order `sort` of `sorting::FLOW_SORTS` (0:
    /// largest first), or loops (a loop is on an entity's top-level parent).
    pub fn flow_rows(
        &self,
        filter: Option<EntityIx>,
        loops: bool,
        money: StatusSet,
        sort: usize,
    ) -> Rows<'_> {
        if !loops && sort != 0 {
            if let Some(&(key, dir)) = FLOW_SORTS.get(sort) {
                let v = VIEWS.iter().position(|s| *s == money).unwrap_or(1);
                let o = self.flow_orders[v][sort].get_or_init(|| {
                    let view = self.flow_view(money);
                    Ordered::new(
                        view.edges.clone(),
                        &view.edges_of,
                        self.edges.len(),
                        |items| crate::book::sort::edges(&self.book, &self.edges, items, key, dir),
                    )
                });
                return match filter {
                    Some(e) => Rows::Subset(subset(&o.of, e)),
                    None => Rows::Subset(&o.all),
                };
            }
        }
        match (filter, loops) {
            (Some(e), false) => Rows::Subset(subset(&self.flow_view(money).edges_of, e)),
            (None, false) => Rows::Subset(&self.flow_view(money).edges),
            (Some(e), true) => Rows::Subset(subset(&self.loops_of, self.book.root(e))),
            (None, true) => Rows::All(self.loops.cycles.len()),
        }
    }
}

/// For each entity, the edges among `kept` it is an end of, in their order.
fn ends_index(
    entities: usize,
    edges: &[Edge],
    kept: impl Iterator<Item = EdgeIx>,
) -> Vec<Vec<EdgeIx>> {
    let mut of = vec![Vec::new(); entities];
    for i in kept {
        let e = &edges[i];
        for &x in e.senders.iter().chain(&e.recipients) {
            if of[x].last() != Some(&i) {
                of[x].push(i);
            }
        }
    }
    of
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
