//! What the field filters read about each record (status, kinds, tags, parties, flow ends,
//! dates, amounts), kept in the index so that a search needs no book; and the filters and
//! negated words of a query, compiled against it.

use super::query::{AmountRange, Clause, Filter, Is, Query, QueryError, hint};
use super::text::{Word, fold_str};
use super::{Index, NO_CONTEXT};
use crate::book::flows::Cycle;
use crate::book::terms::Bound;
use crate::book::terms::Term;
use crate::book::{Book, Deal, EntityIx, EntityKind, FlowKind, Record, Status, name_key};
use std::collections::HashMap;

/// A run of entries in one of [`Facets`]' arenas.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    start: u32,
    len: u32,
}

impl Run {
    fn of<T>(arena: &[T], run: Run) -> &[T] {
        let start = run.start as usize;
        arena
            .get(start..start + run.len as usize)
            .unwrap_or_default()
    }
}

/// An amount as an interval: `None` ends are unbounded.
#[derive(Debug, Clone, Copy)]
struct Amount {
    low: Option<f64>,
    high: Option<f64>,
    unit: u32,
}

/// One record's facts.
#[derive(Debug, Clone, Copy, Default)]
struct Facet {
    status: Option<Status>,
    /// Bits by `FlowKind` index: the flow's kind, or the kinds of a deal's flows.
    flow_kinds: u8,
    entity_kind: Option<EntityKind>,
    undated: bool,
    undisclosed: bool,
    date: Option<(u32, u32)>,
    parties: Run,
    from: Run,
    to: Run,
    tags: Run,
    amounts: Run,
}

/// The facts of every record, in the index's record order.
#[derive(Debug, Default)]
pub(super) struct Facets {
    facets: Vec<Facet>,
    entities: Vec<u32>,
    tags: Vec<u32>,
    amounts: Vec<Amount>,
    /// Folded tags and their ids.
    tag_ids: HashMap<String, u32>,
    units: HashMap<String, u32>,
    /// Entity ids, names and aliases (`name_key`) → entity, and the words for a did-you-mean.
    names: HashMap<String, EntityIx>,
    name_words: Vec<String>,
}

fn kind_bit(k: FlowKind) -> u8 {
    1 << FlowKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

fn ix32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Facets {
    pub(super) fn new(book: &Book) -> Facets {
        let mut f = Facets {
            names: book.names.clone(),
            ..Facets::default()
        };
        for e in &book.entities {
            f.name_words.push(e.id.clone());
            f.name_words.push(e.name.clone());
            f.name_words.extend(e.aliases.iter().cloned());
        }
        f
    }

    fn run_entities(&mut self, es: impl IntoIterator<Item = EntityIx>) -> Run {
        let start = ix32(self.entities.len());
        self.entities.extend(es.into_iter().map(ix32));
        Run {
            start,
            len: ix32(self.entities.len()) - start,
        }
    }

    fn run_tags(&mut self, tags: &[String]) -> Run {
        let start = ix32(self.tags.len());
        for t in tags {
            let key = fold_str(t).to_lowercase();
            let next = ix32(self.tag_ids.len());
            let id = *self.tag_ids.entry(key).or_insert(next);
            self.tags.push(id);
        }
        Run {
            start,
            len: ix32(self.tags.len()) - start,
        }
    }

    fn run_amounts<'a>(&mut self, terms: impl IntoIterator<Item = &'a Term>) -> Run {
        let start = ix32(self.amounts.len());
        for t in terms {
            if !t.is_quantity() {
                continue;
            }
            let Some(unit) = &t.unit else { continue };
            let next = ix32(self.units.len());
            let unit = *self.units.entry(unit.clone()).or_insert(next);
            self.amounts.push(Amount {
                low: t.low,
                high: t.high,
                unit,
            });
        }
        Run {
            start,
            len: ix32(self.amounts.len()) - start,
        }
    }

    /// A deal's facts, which its terms and flows start from.
    fn deal_facet(&mut self, deal: &Deal) -> Facet {
        let mut ends: Vec<EntityIx> = deal.parties.iter().map(|p| p.entity).collect();
        ends.extend(
            deal.flows
                .iter()
                .flat_map(|f| f.from.iter().chain(&f.to).copied()),
        );
        ends.sort_unstable();
        ends.dedup();
        let undisclosed = deal.flows.iter().any(|f| {
            f.amount
                .as_ref()
                .is_none_or(|a| a.bound == Bound::Undisclosed)
        }) || deal
            .terms
            .iter()
            .any(|t| t.term.bound == Bound::Undisclosed);
        Facet {
            status: Some(deal.status),
            flow_kinds: deal.flows.iter().fold(0, |m, f| m | kind_bit(f.kind)),
            entity_kind: None,
            undated: deal.date.is_none(),
            undisclosed,
            date: deal.date.map(|d| d.span()),
            parties: self.run_entities(ends),
            from: self.run_entities(deal.flows.iter().flat_map(|f| f.from.iter().copied())),
            to: self.run_entities(deal.flows.iter().flat_map(|f| f.to.iter().copied())),
            tags: self.run_tags(&deal.tags),
            amounts: self.run_amounts(
                deal.flows
                    .iter()
                    .filter_map(|f| f.amount.as_ref())
                    .chain(deal.terms.iter().map(|t| &t.term)),
            ),
        }
    }

    /// Records the facts of `record` (called in the index's record order).
    pub(super) fn push(&mut self, book: &Book, record: Record, loops: &[Cycle]) {
        let facet = match record {
            Record::Entity(e) => Facet {
                entity_kind: book.entities.get(e).map(|x| x.kind),
                parties: self.run_entities([e]),
                ..Facet::default()
            },
            Record::Deal(d) => match book.deals.get(d) {
                Some(deal) => self.deal_facet(deal),
                None => Facet::default(),
            },
            Record::Term { deal, term } => match book.deals.get(deal) {
                Some(dl) => {
                    let mut f = self.deal_facet(dl);
                    let t = dl.terms.get(term).map(|t| &t.term);
                    f.undisclosed = t.is_some_and(|t| t.bound == Bound::Undisclosed);
                    f.amounts = self.run_amounts(t);
                    f
                }
                None => Facet::default(),
            },
            Record::Flow { deal, flow } => match book.deals.get(deal) {
                Some(dl) => {
                    let mut f = self.deal_facet(dl);
                    if let Some(fl) = dl.flows.get(flow) {
                        f.flow_kinds = kind_bit(fl.kind);
                        f.parties = self.run_entities(fl.from.iter().chain(&fl.to).copied());
                        f.from = self.run_entities(fl.from.iter().copied());
                        f.to = self.run_entities(fl.to.iter().copied());
                        f.undisclosed = fl
                            .amount
                            .as_ref()
                            .is_none_or(|a| a.bound == Bound::Undisclosed);
                        f.amounts = self.run_amounts(fl.amount.as_ref());
                    }
                    f
                }
                None => Facet::default(),
            },
            Record::Metric { entity, metric } => {
                match book
                    .entities
                    .get(entity)
                    .and_then(|e| e.metrics.get(metric))
                {
                    Some(m) => Facet {
                        date: m.date.map(|d| d.span()),
                        undated: m.date.is_none(),
                        parties: self.run_entities([entity]),
                        amounts: self.run_amounts([&m.amount]),
                        ..Facet::default()
                    },
                    None => Facet::default(),
                }
            }
            Record::Loop(l) => match loops.get(l) {
                Some(c) => Facet {
                    parties: self.run_entities(c.entities.iter().copied()),
                    flow_kinds: c
                        .steps
                        .iter()
                        .flat_map(|s| &s.flows)
                        .filter_map(|r| {
                            book.deals
                                .get(r.deal)
                                .and_then(|d| d.flows.get(r.flow))
                                .map(|f| kind_bit(f.kind))
                        })
                        .fold(0, |m, b| m | b),
                    ..Facet::default()
                },
                None => Facet::default(),
            },
            Record::Source(s) => {
                let date = book.sources.get(s).and_then(|x| x.date);
                Facet {
                    undated: date.is_none(),
                    date: date.map(|d| d.span()),
                    ..Facet::default()
                }
            }
            Record::Edge { .. } => Facet::default(),
        };
        self.facets.push(facet);
    }

    fn entity(&self, at: usize, name: &str) -> Result<u32, QueryError> {
        self.names
            .get(&name_key(name))
            .map(|&e| ix32(e))
            .ok_or_else(|| QueryError::UnknownEntity {
                at,
                value: crate::book::diag::clip(name, 40),
                hint: hint(name, self.name_words.iter().map(String::as_str)),
            })
    }
}

/// A filter with its names resolved.
#[derive(Debug, Clone)]
enum Test {
    Status(Vec<Status>),
    Kind {
        flows: u8,
        entities: Vec<EntityKind>,
    },
    Tag(Vec<u32>),
    Party(Vec<u32>),
    From(Vec<u32>),
    To(Vec<u32>),
    Date(u32, u32),
    Amount(AmountRange, Option<u32>),
    Is(Vec<Is>),
    /// A negated word, with how it is matched.
    Not(Word),
}

/// The restricting clauses of a query — field filters and negated words — ready to test
/// records with. A record passes when every test holds (a negated filter when it does not).
#[derive(Debug, Clone, Default)]
pub(super) struct Restrict {
    tests: Vec<(Test, bool)>,
}

impl Restrict {
    pub(super) fn compile(ix: &Index, query: &Query) -> Result<Restrict, QueryError> {
        let f = &ix.facets;
        let entities = |names: &[String], at: usize| -> Result<Vec<u32>, QueryError> {
            let mut pos = at;
            names
                .iter()
                .map(|n| {
                    let r = f.entity(pos, n);
                    pos += n.len() + 1;
                    r
                })
                .collect()
        };
        let mut tests = Vec::new();
        for clause in query.restrictions() {
            match clause {
                Clause::Not(p) => tests.push((Test::Not(Word::with_mode(&p.text, p.mode)), false)),
                Clause::Filter {
                    filter,
                    negated,
                    at,
                } => {
                    // Values start after the field's name and colon (and a `-`/`!`).
                    let value_at = |name: &str| at + usize::from(*negated) + name.len() + 1;
                    let test = match filter {
                        Filter::Status(s) => Test::Status(s.clone()),
                        Filter::Kind { flows, entities } => Test::Kind {
                            flows: flows.iter().fold(0, |m, k| m | kind_bit(*k)),
                            entities: entities.clone(),
                        },
                        Filter::Tag(tags) => {
                            let mut pos = value_at("tag");
                            let mut ids = Vec::new();
                            for t in tags {
                                let key = fold_str(t).to_lowercase();
                                match f.tag_ids.get(&key) {
                                    Some(id) => ids.push(*id),
                                    None => {
                                        return Err(QueryError::UnknownTag {
                                            at: pos,
                                            value: crate::book::diag::clip(t, 40),
                                            hint: hint(&key, f.tag_ids.keys().map(String::as_str)),
                                        });
                                    }
                                }
                                pos += t.len() + 1;
                            }
                            Test::Tag(ids)
                        }
                        Filter::Party(n) => Test::Party(entities(n, value_at("party"))?),
                        Filter::From(n) => Test::From(entities(n, value_at("from"))?),
                        Filter::To(n) => Test::To(entities(n, value_at("to"))?),
                        Filter::Date { from, to } => Test::Date(*from, *to),
                        Filter::Amount(r) => Test::Amount(r.clone(), f.units.get(&r.unit).copied()),
                        Filter::Is(v) => Test::Is(v.clone()),
                    };
                    tests.push((test, *negated));
                }
                Clause::Word(_) => {}
            }
        }
        Ok(Restrict { tests })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.tests.is_empty()
    }

    /// Whether record `rec` passes every test.
    pub(super) fn accepts(&self, ix: &Index, rec: u32) -> bool {
        self.tests
            .iter()
            .all(|(test, negated)| holds(ix, rec, test) != *negated)
    }
}

fn holds(ix: &Index, rec: u32, test: &Test) -> bool {
    let f = &ix.facets;
    let Some(facet) = f.facets.get(rec as usize) else {
        return false;
    };
    let any_in =
        |run: Run, wanted: &[u32]| Run::of(&f.entities, run).iter().any(|e| wanted.contains(e));
    match test {
        Test::Status(s) => facet.status.is_some_and(|x| s.contains(&x)),
        Test::Kind { flows, entities } => {
            facet.flow_kinds & flows != 0
                || facet.entity_kind.is_some_and(|k| entities.contains(&k))
        }
        Test::Tag(ids) => Run::of(&f.tags, facet.tags).iter().any(|t| ids.contains(t)),
        Test::Party(e) => any_in(facet.parties, e),
        Test::From(e) => any_in(facet.from, e),
        Test::To(e) => any_in(facet.to, e),
        Test::Date(from, to) => facet.date.is_some_and(|(a, b)| a <= *to && b >= *from),
        Test::Amount(range, unit) => unit.is_some_and(|u| {
            Run::of(&f.amounts, facet.amounts)
                .iter()
                .any(|a| a.unit == u && range.overlaps(Some(&range.unit), a.low, a.high))
        }),
        Test::Is(v) => v.iter().any(|is| match is {
            Is::Loop => matches!(ix.records.get(rec as usize), Some(Record::Loop(_))),
            Is::Undated => facet.undated,
            Is::Undisclosed => facet.undisclosed,
            Is::Kind(k) => ix.records.get(rec as usize).is_some_and(|r| r.kind() == *k),
        }),
        Test::Not(word) => {
            let r = ix.recs[rec as usize];
            let context = (r.context != NO_CONTEXT).then_some(r.context as usize);
            (r.start as usize..r.end as usize)
                .chain(context)
                .filter_map(|s| ix.slots.get(s))
                .any(|slot| word.accepts_hay(ix.hay(slot, word.sensitive)))
        }
    }
}
