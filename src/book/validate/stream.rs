//! Deals checked while the parser reads: once a book's sources and entities are read (most
//! books list them first), each deal is checked on a second thread as soon as it is read, and
//! its raw record dropped, instead of every raw deal being kept until the end.
//!
//! A deal's check needs the ids of the sources and entities (final once both sections are
//! read: they come first in the id namespace) and the ids of the deals, which are final only
//! at the end. A reference found among the ids known so far is answered as it will be at the
//! end; a deal with a reference not found yet (a later deal's id, or a mistake) waits for the
//! end of the book and is checked then. Its diagnostics, quotes and record are put back in
//! book order, so what is reported is what one pass over the finished book reports.

use super::{Refs, aliases, at, claim_id, deal, entity, index, source};
use crate::book::checker::Checker;
use crate::book::diag::{Diagnostic, Pos};
use crate::book::model::{Deal, Entity, EntityIx, Record, Source, name_key};
use crate::book::provenance::Cited;
use crate::book::raw::{DealSink, RawDeal, RawEntity, RawSource, Text};
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread::{Builder, Scope, ScopedJoinHandle};

/// Deals per message to the checking thread: enough to make a message cheap, few enough to
/// keep the raw deals in flight to a few thousand.
const BATCH: usize = 256;
/// Batches in flight; when the checking thread falls behind, the parser waits.
const QUEUE: usize = 8;

/// What the parser sends the checking thread: the sources and entities, then deals.
enum Work {
    Start(Vec<RawSource>, Vec<RawEntity>),
    Deals(Vec<RawDeal>),
}

/// Where a book's deals go as they are read ([`DealSink`]): sent to a thread that checks them
/// meanwhile once the sources and entities are known, else kept until the book is read.
pub struct Deals<'scope, 'env> {
    scope: &'scope Scope<'scope, 'env>,
    state: State<'scope>,
}

enum State<'scope> {
    Kept(Vec<RawDeal>),
    Sent {
        to: SyncSender<Work>,
        /// The batches checked, with what their deals did not keep, to be dropped here.
        back: Receiver<Vec<RawDeal>>,
        batch: Vec<RawDeal>,
        worker: ScopedJoinHandle<'scope, Checked>,
    },
}

impl<'scope, 'env> Deals<'scope, 'env> {
    /// Deals checked on a thread of `scope` when the book allows it.
    pub fn new(scope: &'scope Scope<'scope, 'env>) -> Self {
        Deals {
            scope,
            state: State::Kept(Vec::new()),
        }
    }

    /// Every record checked: the deals still kept or queued, then those that waited for the
    /// end. `sources` and `entities` are the raw book's (empty when the sink took them).
    pub(super) fn finish(self, sources: Vec<RawSource>, entities: Vec<RawEntity>) -> Checked {
        match self.state {
            State::Kept(mut deals) => {
                let mut check = DealCheck::new(sources, entities);
                for d in &mut deals {
                    check.deal(d);
                }
                check.finish()
            }
            State::Sent {
                to,
                back,
                batch,
                worker,
            } => {
                if !batch.is_empty() {
                    // A send fails only when the thread is gone (a panic, resumed below).
                    let _ = to.send(Work::Deals(batch));
                }
                drop(to);
                let checked = worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                drop(back);
                checked
            }
        }
    }
}

impl DealSink for Deals<'_, '_> {
    fn begin(&mut self, sources: &mut Vec<RawSource>, entities: &mut Vec<RawEntity>) {
        let State::Kept(kept) = &self.state else {
            return;
        };
        if !kept.is_empty() {
            return;
        }
        let (to, from) = sync_channel(QUEUE);
        let (give_back, back) = channel();
        // Without a thread (the system refused one) the deals are kept, as for any book.
        let Ok(worker) = Builder::new()
            .name("dealbook-check".into())
            .spawn_scoped(self.scope, move || check_deals(from, give_back))
        else {
            return;
        };
        let start = Work::Start(std::mem::take(sources), std::mem::take(entities));
        // A send fails only when the thread is gone (a panic, resumed by `finish`).
        let _ = to.send(start);
        self.state = State::Sent {
            to,
            back,
            batch: Vec::with_capacity(BATCH),
            worker,
        };
    }

    fn deal(&mut self, deal: RawDeal) {
        match &mut self.state {
            State::Kept(deals) => deals.push(deal),
            State::Sent {
                to, back, batch, ..
            } => {
                batch.push(deal);
                if batch.len() == BATCH {
                    // What the checked deals left is dropped on this thread, which allocated
                    // it: freed on the other, each block went back through a lock on this
                    // thread's heap, and the two threads spent more time waiting for it than
                    // checking (300,000 futex calls on the 100k-deal book).
                    let mut next = None;
                    while let Ok(mut done) = back.try_recv() {
                        done.clear();
                        next = Some(done);
                    }
                    let next = next.unwrap_or_else(|| Vec::with_capacity(BATCH));
                    let full = std::mem::replace(batch, next);
                    let _ = to.send(Work::Deals(full));
                }
            }
        }
    }
}

/// The checking thread: the sources and entities, then each deal as it comes, each batch
/// given back once checked.
fn check_deals(from: Receiver<Work>, give_back: Sender<Vec<RawDeal>>) -> Checked {
    let mut check = None;
    for work in from {
        match work {
            Work::Start(sources, entities) => check = Some(DealCheck::new(sources, entities)),
            Work::Deals(mut deals) => {
                let check = check.get_or_insert_with(|| DealCheck::new(Vec::new(), Vec::new()));
                for d in &mut deals {
                    check.deal(d);
                }
                // Gone only when the parser's side is (it stopped on an error).
                let _ = give_back.send(deals);
            }
        }
    }
    check
        .unwrap_or_else(|| DealCheck::new(Vec::new(), Vec::new()))
        .finish()
}

/// The records checked, with what the rest of the check needs: every diagnostic kept apart
/// by the check that found it, so that they can be put in the order one pass would find them.
pub(super) struct Checked {
    pub sources_raw: Vec<RawSource>,
    pub entities_raw: Vec<RawEntity>,
    pub ids: HashMap<String, Record>,
    /// Bad and repeated ids: sources', entities', then deals'.
    pub ids_ck: Checker,
    /// The sources' and the entities' own fields.
    pub records_ck: Checker,
    pub sources: Vec<Source>,
    /// Without their parents and metrics, which are checked once every id is known.
    pub entities: Vec<Entity>,
    pub names: HashMap<String, EntityIx>,
    pub aliases: HashMap<String, EntityIx>,
    pub deals: Vec<Deal>,
    /// The deals', in book order.
    pub deals_ck: Checker,
    /// Entities named by a deal.
    pub mentioned: Vec<bool>,
    /// The deals' quotes, in book order.
    pub cited: Vec<Cited>,
}

/// The check of a book's sources and entities, then of its deals one at a time.
struct DealCheck {
    c: Checked,
    /// Where each deal read so far has its id (or starts), for "already used at".
    deal_id_at: Vec<Pos>,
    /// The diagnostics of each deal that has some, by deal index.
    found: Vec<(usize, Vec<Diagnostic>)>,
    /// The quotes of each deal, by deal index.
    cited: Vec<(usize, Cited)>,
    /// Deals with a reference to an id not known when they were read, by deal index.
    waiting: Vec<(usize, RawDeal)>,
}

/// Where the record that has an id has it.
fn first_at(sources: &[RawSource], entities: &[RawEntity], deals: &[Pos], r: Record) -> Pos {
    match r {
        Record::Source(i) => sources.get(i).map_or(Pos::default(), |s| at(&s.id, s.at)),
        Record::Entity(i) => entities.get(i).map_or(Pos::default(), |e| at(&e.id, e.at)),
        Record::Deal(i) => deals.get(i).copied().unwrap_or_default(),
        _ => Pos::default(),
    }
}

/// Whether every id a deal refers to is among `ids`, so that its check says now what it
/// would say once every id is known.
fn resolved(ids: &HashMap<String, Record>, d: &RawDeal) -> bool {
    let known = |t: &Option<Text>| t.as_ref().is_none_or(|t| ids.contains_key(&t.text));
    d.sources.iter().flatten().all(known)
        && d.parties.iter().all(|p| known(&p.entity))
        && d.terms.iter().all(|t| known(&t.source))
        && d.flows.iter().all(|f| {
            known(&f.source)
                && [&f.from, &f.to]
                    .into_iter()
                    .flatten()
                    .all(|e| e.ids.iter().all(known))
        })
}

impl DealCheck {
    /// The sources' and entities' ids and fields checked.
    fn new(sources_raw: Vec<RawSource>, entities_raw: Vec<RawEntity>) -> Self {
        let mut ids_ck = Checker::new();
        let mut ids: HashMap<String, Record> =
            HashMap::with_capacity(sources_raw.len() + entities_raw.len());
        let all = (sources_raw.iter().enumerate()).map(|(i, r)| (&r.id, Record::Source(i)));
        let all =
            all.chain((entities_raw.iter().enumerate()).map(|(i, r)| (&r.id, Record::Entity(i))));
        for (id, record) in all {
            if let Some(id) = id {
                claim_id(&mut ids_ck, &mut ids, id, record, |r| {
                    first_at(&sources_raw, &entities_raw, &[], r)
                });
            }
        }
        let mut records_ck = Checker::new();
        let sources: Vec<Source> = (sources_raw.iter())
            .map(|s| source(&mut records_ck, s))
            .collect();
        let entities: Vec<Entity> = (entities_raw.iter())
            .map(|e| entity(&mut records_ck, e))
            .collect();
        DealCheck {
            c: Checked {
                ids,
                ids_ck,
                records_ck,
                names: index::names(&entities),
                aliases: aliases(&entities),
                mentioned: vec![false; entities.len()],
                sources,
                entities,
                sources_raw,
                entities_raw,
                deals: Vec::new(),
                deals_ck: Checker::new(),
                cited: Vec::new(),
            },
            deal_id_at: Vec::new(),
            found: Vec::new(),
            cited: Vec::new(),
            waiting: Vec::new(),
        }
    }

    /// The next deal of the book: its id claimed, then checked now, or at the end if it
    /// refers to an id not known yet (then it is taken out of `d`).
    fn deal(&mut self, d: &mut RawDeal) {
        let i = self.deal_id_at.len();
        self.deal_id_at.push(at(&d.id, d.at));
        if let Some(id) = &d.id {
            let c = &mut self.c;
            let (sources, entities, deals) = (&c.sources_raw, &c.entities_raw, &self.deal_id_at);
            claim_id(&mut c.ids_ck, &mut c.ids, id, Record::Deal(i), |r| {
                first_at(sources, entities, deals, r)
            });
        }
        if resolved(&self.c.ids, d) {
            let deal = self.check(i, d);
            self.c.deals.push(deal);
        } else {
            self.waiting.push((i, std::mem::take(d)));
        }
    }

    fn check(&mut self, i: usize, d: &RawDeal) -> Deal {
        let c = &mut self.c;
        let refs = Refs {
            ids: &c.ids,
            entities: &c.entities,
            sources: &c.sources,
            aliases: &c.aliases,
        };
        let (names, entities) = (&c.names, &c.entities);
        let resolve = |words: &str| {
            let e = *names.get(&name_key(words))?;
            Some(entities[e].id.clone())
        };
        let mut ck = Checker::new();
        let mut cited = Vec::new();
        let deal = deal(&mut ck, &refs, &resolve, &mut c.mentioned, &mut cited, d);
        let found = ck.take();
        if !found.is_empty() {
            self.found.push((i, found));
        }
        self.cited.extend(cited.into_iter().map(|q| (i, q)));
        deal
    }

    /// Every id is known: the deals that waited are checked, and everything is put in book
    /// order.
    fn finish(mut self) -> Checked {
        if !self.waiting.is_empty() {
            let waiting = std::mem::take(&mut self.waiting);
            let late: Vec<(usize, Deal)> = (waiting.into_iter())
                .map(|(i, d)| (i, self.check(i, &d)))
                .collect();
            let early = std::mem::take(&mut self.c.deals);
            let mut deals = Vec::with_capacity(early.len() + late.len());
            let mut early = early.into_iter();
            let mut late = late.into_iter().peekable();
            for i in 0..self.deal_id_at.len() {
                let next = match late.next_if(|(j, _)| *j == i) {
                    Some((_, d)) => Some(d),
                    None => early.next(),
                };
                deals.extend(next);
            }
            self.c.deals = deals;
            // Stable: each deal's own order is kept.
            self.found.sort_by_key(|(i, _)| *i);
            self.cited.sort_by_key(|(i, _)| *i);
        }
        let mut c = self.c;
        c.deals_ck
            .extend(self.found.into_iter().flat_map(|(_, found)| found));
        c.cited = self.cited.into_iter().map(|(_, q)| q).collect();
        c
    }
}
