//! Stable names for records (`deal:ID`, `deal:ID/term/TEXT`, …) and fingerprints of what they
//! say, so a review mark finds its record again after unrelated edits and notices when the
//! record itself changed.
//!
//! A key names a record by ids and content, never by position in the file: reordering deals,
//! adding a term or a flow, or editing another deal leaves every other key as it was.
//!
//! | record | key |
//! | --- | --- |
//! | entity, deal, source | `entity:ID`, `deal:ID`, `source:ID` |
//! | a deal's term | `deal:ID/term/TEXT` (the term as written) |
//! | a deal's flow | `deal:ID/flow/FROM->TO/KIND` (entity ids) |
//! | an entity's metric | `entity:ID/metric/NAME@DATE` |
//! | flows added up (the Flows pane) | `flow:FROM->TO/KIND` |
//! | a loop of circular financing | `loop:A->B->C` (starting at the smallest id) |
//!
//! Two parts of one record that would get the same key (the same term written twice in a deal)
//! are told apart by a suffix counting them in book order: `…#2`, `#3`.

use crate::book::flows::Cycle;
use crate::book::{Book, DealIx, EntityIx, FlowKind, Record};
use std::collections::{BTreeSet, HashMap};

/// The key of a record, `None` for an index that points nowhere.
pub fn key(book: &Book, loops: &[Cycle], record: Record) -> Option<String> {
    let eid = |e: EntityIx| book.entities.get(e).map(|x| x.id.as_str());
    Some(match record {
        Record::Entity(e) => format!("entity:{}", eid(e)?),
        Record::Deal(d) => format!("deal:{}", book.deals.get(d)?.id),
        Record::Source(s) => format!("source:{}", book.sources.get(s)?.id),
        Record::Term { deal, term } => {
            let d = book.deals.get(deal)?;
            let text = &d.terms.get(term)?.term.text;
            let n = d.terms[..term]
                .iter()
                .filter(|t| &t.term.text == text)
                .count();
            format!("deal:{}/term/{text}{}", d.id, nth(n))
        }
        Record::Flow { deal, flow } => {
            let d = book.deals.get(deal)?;
            let f = d.flows.get(flow)?;
            let n = d.flows[..flow]
                .iter()
                .filter(|g| (&g.from, &g.to, g.kind) == (&f.from, &f.to, f.kind))
                .count();
            // A syndicate's members joined with '+': "softbank+microsoft->openai".
            let ids = |ends: &[usize]| {
                ends.iter()
                    .map(|&e| eid(e))
                    .collect::<Option<Vec<&str>>>()
                    .map(|v| v.join("+"))
            };
            format!(
                "deal:{}/flow/{}->{}/{}{}",
                d.id,
                ids(&f.from)?,
                ids(&f.to)?,
                f.kind,
                nth(n)
            )
        }
        Record::Metric { entity, metric } => {
            let e = book.entities.get(entity)?;
            let m = e.metrics.get(metric)?;
            let n = e.metrics[..metric]
                .iter()
                .filter(|x| x.name == m.name && x.date == m.date)
                .count();
            let date = m
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            format!("entity:{}/metric/{}@{date}{}", e.id, m.name, nth(n))
        }
        Record::Edge { from, to, kind } => format!("flow:{}->{}/{kind}", eid(from)?, eid(to)?),
        Record::Loop(i) => {
            let ids: Vec<&str> = loops
                .get(i)?
                .entities
                .iter()
                .map(|&e| eid(e))
                .collect::<Option<_>>()?;
            let start = (0..ids.len()).min_by_key(|&j| ids[j]).unwrap_or(0);
            let rotated: Vec<&str> = ids[start..].iter().chain(&ids[..start]).copied().collect();
            format!("loop:{}", rotated.join("->"))
        }
    })
}

fn nth(earlier: usize) -> String {
    if earlier == 0 {
        String::new()
    } else {
        format!("#{}", earlier + 1)
    }
}

/// Every record of the book that can carry a mark, by key: what `dealbook review` looks keys up
/// in (orphans are the keys not in it).
pub fn index(book: &Book, loops: &[Cycle]) -> HashMap<String, Record> {
    let mut records = Vec::new();
    records.extend((0..book.sources.len()).map(Record::Source));
    for (e, entity) in book.entities.iter().enumerate() {
        records.push(Record::Entity(e));
        records
            .extend((0..entity.metrics.len()).map(|metric| Record::Metric { entity: e, metric }));
    }
    let mut edges = BTreeSet::new();
    for (d, deal) in book.deals.iter().enumerate() {
        records.push(Record::Deal(d));
        records.extend((0..deal.terms.len()).map(|term| Record::Term { deal: d, term }));
        records.extend((0..deal.flows.len()).map(|flow| Record::Flow { deal: d, flow }));
        edges.extend(
            (deal.flows.iter())
                .filter(|f| !f.is_group())
                .map(|f| (f.lead(), f.recipient(), f.kind)),
        );
    }
    records.extend(
        edges
            .into_iter()
            .map(|(from, to, kind)| Record::Edge { from, to, kind }),
    );
    records.extend((0..loops.len()).map(Record::Loop));
    records
        .into_iter()
        .filter_map(|r| Some((key(book, loops, r)?, r)))
        .collect()
}

/// A fingerprint of what the record says (16 hex digits of a 64-bit FNV-1a hash of its fields,
/// references written as ids): it changes when the record is edited, not when other records
/// are, or when the file is reformatted or reordered. A deal's covers its terms and flows too.
pub fn fingerprint(book: &Book, loops: &[Cycle], record: Record) -> Option<String> {
    let mut c = Content::default();
    let eid = |e: EntityIx| book.entities.get(e).map_or("", |x| x.id.as_str());
    let sid = |s: Option<usize>| {
        s.and_then(|s| book.sources.get(s))
            .map_or("", |x| x.id.as_str())
    };
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    match record {
        Record::Source(s) => {
            let s = book.sources.get(s)?;
            c.put("title", &s.title);
            c.put("publisher", &opt(&s.publisher));
            c.put("date", &s.date.map(|d| d.to_string()).unwrap_or_default());
            c.put("lang", &opt(&s.lang));
            c.put("url", &opt(&s.url));
            c.put("ref", &opt(&s.reference));
            c.put_some("file", &s.file);
        }
        Record::Entity(e) => {
            let e = book.entities.get(e)?;
            c.put("name", &e.name);
            c.put("kind", e.kind.as_str());
            for a in &e.aliases {
                c.put("alias", a);
            }
            c.put("parent", e.parent.map_or("", eid));
            for p in &e.people {
                c.put("person", &p.name);
                c.put("role", &opt(&p.role));
            }
            c.put("country", &opt(&e.country));
            c.put("notes", &opt(&e.notes));
            for m in &e.metrics {
                c.put("metric", &m.name);
                c.put("date", &m.date.map(|d| d.to_string()).unwrap_or_default());
                c.put_some("quote", &m.quote);
                if m.reported {
                    c.put("reported", "true");
                }
                c.put("amount", &m.amount.text);
                c.put("source", sid(m.source));
                c.put("note", &opt(&m.note));
            }
        }
        Record::Deal(d) => {
            let d = book.deals.get(d)?;
            c.put("title", &d.title);
            c.put("date", &d.date.map(|d| d.to_string()).unwrap_or_default());
            c.put("status", d.status.as_str());
            for t in &d.tags {
                c.put("tag", t);
            }
            for p in &d.parties {
                c.put("party", eid(p.entity));
                c.put("role", &opt(&p.role));
            }
            for t in &d.terms {
                c.put("term", &t.term.text);
                c.put("note", &opt(&t.note));
                c.put("source", sid(t.source));
                c.put_some("quote", &t.quote);
            }
            for f in &d.flows {
                flow(&mut c, book, f.kind, f);
            }
            for &s in &d.sources {
                c.put("source", sid(Some(s)));
            }
            c.put("notes", &opt(&d.notes));
            if d.reported {
                c.put("reported", "true");
            }
        }
        Record::Term { deal, term } => {
            let t = book.deals.get(deal)?.terms.get(term)?;
            c.put("term", &t.term.text);
            c.put("note", &opt(&t.note));
            c.put("source", sid(t.source));
            c.put_some("quote", &t.quote);
        }
        Record::Flow { deal, flow: i } => {
            let f = book.deals.get(deal)?.flows.get(i)?;
            flow(&mut c, book, f.kind, f);
        }
        Record::Metric { entity, metric } => {
            let m = book.entities.get(entity)?.metrics.get(metric)?;
            c.put("metric", &m.name);
            c.put("date", &m.date.map(|d| d.to_string()).unwrap_or_default());
            c.put_some("quote", &m.quote);
            if m.reported {
                c.put("reported", "true");
            }
            c.put("amount", &m.amount.text);
            c.put("source", sid(m.source));
            c.put("note", &opt(&m.note));
        }
        Record::Edge { from, to, kind } => {
            // The flows it adds up, with their deals: a new deal on the edge changes it.
            for (d, deal) in book.deals.iter().enumerate() {
                for f in deal.flows.iter().filter(|f| {
                    !f.is_group() && (f.lead(), f.recipient(), f.kind) == (from, to, kind)
                }) {
                    c.put("deal", &edge_deal(book, d));
                    flow(&mut c, book, f.kind, f);
                }
            }
        }
        Record::Loop(i) => {
            let l = loops.get(i)?;
            for &d in &l.deals {
                c.put("deal", &edge_deal(book, d));
            }
            c.put("loop", &key(book, loops, record)?);
        }
    }
    Some(format!("{:016x}", fnv1a64(c.0.as_bytes())))
}

fn edge_deal(book: &Book, d: DealIx) -> String {
    book.deals.get(d).map_or_else(String::new, |x| x.id.clone())
}

fn flow(c: &mut Content, book: &Book, kind: FlowKind, f: &crate::book::Flow) {
    let eid = |e: &EntityIx| book.entities.get(*e).map_or("", |x| x.id.as_str());
    let ids = |ends: &[EntityIx]| ends.iter().map(eid).collect::<Vec<_>>().join("+");
    c.put("from", &ids(&f.from));
    c.put("to", &ids(&f.to));
    c.put("kind", kind.as_str());
    c.put("amount", f.amount.as_ref().map_or("", |a| a.text.as_str()));
    c.put("note", f.note.as_deref().unwrap_or(""));
    // Fields added later are written only when set, so older fingerprints still match.
    if let Some(s) = f.source.and_then(|s| book.sources.get(s)) {
        c.put("source", &s.id);
    }
    c.put_some("quote", &f.quote);
    if f.inferred {
        c.put("inferred", "true");
    }
}

/// Fields written with their length, so no two different records write the same text.
#[derive(Default)]
struct Content(String);

impl Content {
    fn put(&mut self, name: &str, value: &str) {
        use std::fmt::Write;
        let _ = write!(self.0, "{name}={}:{value};", value.len());
    }

    fn put_some(&mut self, name: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.put(name, v);
        }
    }
}

/// 64-bit FNV-1a: tiny, and the same on every platform and Rust version (std's hasher is not
/// promised to be), so fingerprints written today still compare tomorrow.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
