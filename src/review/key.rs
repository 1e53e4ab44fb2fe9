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
use crate::book::{Book, EntityIx, FlowKind, Record};
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

/// The record `k` names, `None` when it names nothing in the book (an orphaned mark): the
/// same answer as looking `k` up in [`index`], without keying every record of the book — a
/// key is found through its ids, and only the parts of one deal or entity (or the loops) are
/// keyed to compare. A mark counted on a 100,000-deal book takes this, not a second.
pub fn resolve(book: &Book, loops: &[Cycle], k: &str) -> Option<Record> {
    let is = |r: Record| (key(book, loops, r).as_deref() == Some(k)).then_some(r);
    let (kind, rest) = k.split_once(':')?;
    // Ids are `[a-z0-9][a-z0-9-]*`: the first '/' ends one.
    let (id, part) = match rest.split_once('/') {
        Some((id, part)) => (id, Some(part)),
        None => (rest, None),
    };
    match (kind, part) {
        ("source", None) => book.source(id).and_then(|s| is(Record::Source(s))),
        ("entity", None) => book.entity(id).and_then(|e| is(Record::Entity(e))),
        ("deal", None) => book.deal(id).and_then(|d| is(Record::Deal(d))),
        ("entity", Some(_)) => {
            let entity = book.entity(id)?;
            (0..book.entities[entity].metrics.len())
                .find_map(|metric| is(Record::Metric { entity, metric }))
        }
        ("deal", Some(part)) => {
            let deal = book.deal(id)?;
            let d = &book.deals[deal];
            if part.starts_with("term/") {
                (0..d.terms.len()).find_map(|term| is(Record::Term { deal, term }))
            } else {
                (0..d.flows.len()).find_map(|flow| is(Record::Flow { deal, flow }))
            }
        }
        ("flow", Some(kind)) => {
            let (from, to) = id.split_once("->")?;
            let (from, to) = (book.entity(from)?, book.entity(to)?);
            let kind = FlowKind::parse(kind)?;
            // An edge is in the book when a deal of its lead has such a flow, not a syndicate's.
            let there = book.deals_of.get(from)?.iter().any(|&d| {
                book.deals[d]
                    .flows
                    .iter()
                    .any(|f| !f.is_group() && (f.lead(), f.recipient(), f.kind) == (from, to, kind))
            });
            there.then(|| is(Record::Edge { from, to, kind }))?
        }
        ("loop", None) => (0..loops.len()).find_map(|i| is(Record::Loop(i))),
        _ => None,
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
    fingerprint_hash(book, loops, record).map(|h| format!("{h:016x}"))
}

/// An optional text, empty when it is not there.
fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// The hash [`fingerprint`] writes in hex, computed without building the text it hashes (a
/// reload compares every record of two books by it).
pub fn fingerprint_hash(book: &Book, loops: &[Cycle], record: Record) -> Option<u64> {
    let mut c = Content::default();
    let eid = |e: EntityIx| book.entities.get(e).map_or("", |x| x.id.as_str());
    let sid = |s: Option<usize>| {
        s.and_then(|s| book.sources.get(s))
            .map_or("", |x| x.id.as_str())
    };
    match record {
        Record::Source(s) => {
            let s = book.sources.get(s)?;
            c.put("title", &s.title);
            c.put("publisher", opt(&s.publisher));
            c.put_date("date", s.date.as_ref());
            c.put("lang", opt(&s.lang));
            c.put("url", opt(&s.url));
            c.put("ref", opt(&s.reference));
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
                c.put("role", opt(&p.role));
            }
            c.put("country", opt(&e.country));
            c.put("notes", opt(&e.notes));
            for m in &e.metrics {
                metric(&mut c, book, m);
            }
        }
        Record::Deal(d) => {
            let d = book.deals.get(d)?;
            c.put("title", &d.title);
            c.put_date("date", d.date.as_ref());
            c.put("status", d.status.as_str());
            for t in &d.tags {
                c.put("tag", t);
            }
            for p in &d.parties {
                c.put("party", eid(p.entity));
                c.put("role", opt(&p.role));
            }
            for t in &d.terms {
                term(&mut c, book, t);
            }
            for f in &d.flows {
                flow(&mut c, book, f.kind, f);
            }
            for &s in &d.sources {
                c.put("source", sid(Some(s)));
            }
            c.put("notes", opt(&d.notes));
            if d.reported {
                c.put("reported", "true");
            }
        }
        Record::Term { deal, term: i } => {
            let t = book.deals.get(deal)?.terms.get(i)?;
            term(&mut c, book, t);
        }
        Record::Flow { deal, flow: i } => {
            let f = book.deals.get(deal)?.flows.get(i)?;
            flow(&mut c, book, f.kind, f);
        }
        Record::Metric { entity, metric: i } => {
            let m = book.entities.get(entity)?.metrics.get(i)?;
            metric(&mut c, book, m);
        }
        Record::Edge { from, to, kind } => {
            // The flows it adds up, with their deals: a new deal on the edge changes it.
            for deal in &book.deals {
                for f in deal.flows.iter().filter(|f| {
                    !f.is_group() && (f.lead(), f.recipient(), f.kind) == (from, to, kind)
                }) {
                    c.put("deal", &deal.id);
                    flow(&mut c, book, f.kind, f);
                }
            }
        }
        Record::Loop(i) => {
            let l = loops.get(i)?;
            for &d in &l.deals {
                c.put("deal", book.deals.get(d).map_or("", |x| x.id.as_str()));
            }
            c.put("loop", &key(book, loops, record)?);
        }
    }
    Some(c.hash)
}

fn term(c: &mut Content, book: &Book, t: &crate::book::DealTerm) {
    c.put("term", &t.term.text);
    c.put("note", t.note.as_deref().unwrap_or(""));
    c.put("source", source_id(book, t.source));
    c.put_some("quote", &t.quote);
}

fn metric(c: &mut Content, book: &Book, m: &crate::book::Metric) {
    c.put("metric", &m.name);
    c.put_date("date", m.date.as_ref());
    c.put_some("quote", &m.quote);
    if m.reported {
        c.put("reported", "true");
    }
    c.put("amount", &m.amount.text);
    c.put("source", source_id(book, m.source));
    c.put("note", m.note.as_deref().unwrap_or(""));
}

fn source_id(book: &Book, s: Option<usize>) -> &str {
    s.and_then(|s| book.sources.get(s))
        .map_or("", |x| x.id.as_str())
}

fn flow(c: &mut Content, book: &Book, kind: FlowKind, f: &crate::book::Flow) {
    let eid = |e: &EntityIx| book.entities.get(*e).map_or("", |x| x.id.as_str());
    c.put_joined("from", f.from.iter().map(eid));
    c.put_joined("to", f.to.iter().map(eid));
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

/// The FNV-1a hash of the record's fields, each written `name=LEN:value;` with the length of
/// its value, so no two different records write the same text. The text is hashed as it is
/// written, never built.
struct Content {
    hash: u64,
    /// For a value that has to be formatted first (a date).
    scratch: String,
}

impl Default for Content {
    fn default() -> Self {
        Content {
            hash: FNV_OFFSET,
            scratch: String::new(),
        }
    }
}

impl Content {
    fn bytes(&mut self, bytes: &[u8]) {
        self.hash = fnv1a64_from(self.hash, bytes);
    }

    /// Writes `name=LEN:`: what comes before a value of `len` bytes.
    fn head(&mut self, name: &str, len: usize) {
        self.bytes(name.as_bytes());
        self.bytes(b"=");
        // The length in decimal, without allocating: 20 digits hold any usize.
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = len;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes(&digits[at..]);
        self.bytes(b":");
    }

    fn put(&mut self, name: &str, value: &str) {
        self.head(name, value.len());
        self.bytes(value.as_bytes());
        self.bytes(b";");
    }

    fn put_some(&mut self, name: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.put(name, v);
        }
    }

    /// A date as it is displayed, or an empty value.
    fn put_date(&mut self, name: &str, date: Option<&crate::book::Date>) {
        use std::fmt::Write;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        if let Some(d) = date {
            let _ = write!(text, "{d}");
        }
        self.put(name, &text);
        self.scratch = text;
    }

    /// Parts joined with '+' (a syndicate's members), as one value.
    fn put_joined<'a>(&mut self, name: &str, parts: impl Iterator<Item = &'a str> + Clone) {
        let (n, len) = parts
            .clone()
            .fold((0, 0), |(n, len), p| (n + 1, len + p.len()));
        self.head(name, len + n.max(1) - 1);
        for (i, p) in parts.enumerate() {
            if i > 0 {
                self.bytes(b"+");
            }
            self.bytes(p.as_bytes());
        }
        self.bytes(b";");
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// [`fnv1a64`] of more bytes after those that gave `h`.
fn fnv1a64_from(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// 64-bit FNV-1a: tiny, and the same on every platform and Rust version (std's hasher is not
/// promised to be), so fingerprints written today still compare tomorrow.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_from(FNV_OFFSET, bytes)
}
