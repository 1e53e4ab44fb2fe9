//! The money map of one entity: who sends it money or equity (on the left) and whom it pays
//! (on the right), one row per edge, a syndicate as one group, and the edges that lie on a loop
//! of circular financing marked. The explorer draws it (`M`) and `dealbook export --format svg`
//! writes it; this module only decides what is where.

use super::{CycleReport, Edge};
use crate::book::model::{Book, EntityIx};
use std::collections::HashSet;

/// One neighbour of the centre: an edge, and who is at its far end.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// Index into the edges the map was built from.
    pub edge: usize,
    /// The far end: the edge's senders (left) or recipients (right); several for a syndicate.
    pub far: Vec<EntityIx>,
    /// The edge is a step of a loop of circular financing.
    pub in_loop: bool,
}

impl Side {
    /// The entity Enter re-centres on: the far end's first (a syndicate's lead).
    pub fn entity(&self) -> EntityIx {
        self.far[0]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMap {
    pub centre: EntityIx,
    /// Edges into the centre, largest first.
    pub senders: Vec<Side>,
    /// Edges out of the centre, largest first.
    pub recipients: Vec<Side>,
}

impl MoneyMap {
    /// The map of `centre` over `edges` (all of them, or those of a certainty view: `kept`
    /// are the indices to consider, largest first), with the loops of `loops` marked.
    pub fn new(
        book: &Book,
        edges: &[Edge],
        kept: impl IntoIterator<Item = usize>,
        centre: EntityIx,
        loops: &CycleReport,
    ) -> MoneyMap {
        // Loops are between top-level entities: an edge is on one when its rolled-up ends are a
        // step of it.
        let steps: HashSet<(EntityIx, EntityIx)> = (loops.cycles.iter())
            .flat_map(|c| c.steps.iter().map(|s| (s.from, s.to)))
            .collect();
        let on_loop = |e: &Edge| {
            e.senders.iter().any(|&a| {
                (e.recipients.iter()).any(|&b| steps.contains(&(book.root(a), book.root(b))))
            })
        };
        let mut map = MoneyMap {
            centre,
            senders: Vec::new(),
            recipients: Vec::new(),
        };
        for i in kept {
            let Some(e) = edges.get(i) else { continue };
            if e.recipients.contains(&centre) {
                map.senders.push(Side {
                    edge: i,
                    far: e.senders.clone(),
                    in_loop: on_loop(e),
                });
            } else if e.senders.contains(&centre) {
                map.recipients.push(Side {
                    edge: i,
                    far: e.recipients.clone(),
                    in_loop: on_loop(e),
                });
            }
        }
        map
    }

    /// Every neighbour, senders first: the order j/k move through.
    pub fn sides(&self) -> impl Iterator<Item = &Side> {
        self.senders.iter().chain(&self.recipients)
    }

    pub fn len(&self) -> usize {
        self.senders.len() + self.recipients.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th neighbour in j/k order.
    pub fn side(&self, i: usize) -> Option<&Side> {
        self.sides().nth(i)
    }
}
