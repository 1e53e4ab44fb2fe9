//! Checks a raw book and builds the typed one, collecting every problem in one pass.
//!
//! Reads what `raw` produced (text as written, with positions) and reports to the same
//! [`Checker`]; the book's lookups are built by `book::index`, as for any book.

use super::checker::Checker;
use super::date::Date;
use super::diag::{Code, Diagnostic, Pos, clip, suggestion};
use super::index;
use super::model::{Book, Deal, Entity, EntityKind, Metric, Person, Record, Source, name_key};
use super::provenance::{self, Cited, Quotes};
use super::raw::{RawBook, RawEntity, RawSource, Text};
use super::terms::{self, Bound, Term};
use std::collections::HashMap;
use std::path::Path;

mod deal;
use deal::{deal, quote};

/// The id namespace: sources, entities and deals share it.
fn id_ok(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

fn id_hint(id: &str) -> String {
    let fixed: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let fixed = fixed
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    // A suggestion only for an id of a sensible length; a huge value gets none.
    if id_ok(&fixed) && fixed.len() <= 60 {
        format!(" (such as '{fixed}')")
    } else {
        String::new()
    }
}

/// The text of a field, or "" when it was missing (already reported).
fn text(t: Option<Text>) -> String {
    t.map(|t| t.text).unwrap_or_default()
}

fn s(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(Text::as_str)
}

/// Where a field is, or `or` when it is missing.
fn at(t: &Option<Text>, or: Pos) -> Pos {
    t.as_ref().map_or(or, |t| t.at)
}

/// Checks a raw book and builds the typed book. The book is `None` when there is any error,
/// here or among those the reader already reported to `ck`; the diagnostics come sorted by
/// position.
///
/// `base` is the folder of the book's file: the `file` of a source is read relative to it, and
/// the quotes citing that source are checked against it. A book that is not a file on disk
/// (the bundled one, a string) has no base, and its quotes are not checked.
pub fn validate(
    raw: RawBook,
    mut ck: Checker,
    base: Option<&Path>,
) -> (Option<Book>, Vec<Diagnostic>) {
    let mut quotes = Quotes::default();
    let book = check(&mut ck, raw, &mut quotes);
    if let Some(base) = base {
        provenance::check(&mut ck, base, &book.sources, &quotes);
    }
    let ok = !ck.has_errors();
    (ok.then_some(book), ck.finish())
}

fn check(ck: &mut Checker, raw: RawBook, quotes: &mut Quotes) -> Book {
    let RawBook {
        book: meta,
        sources: sources_raw,
        entities: entities_raw,
        deals: deals_raw,
        has,
        section_at,
        at: root_at,
    } = raw;
    for (i, name) in ["sources", "entities", "deals"].into_iter().enumerate() {
        if !has[i] {
            ck.warning(
                Code::EmptySection,
                section_at[i].or(root_at),
                format!("the book has no {name}"),
            );
        }
    }

    // Ids first: every later reference is checked against them. Of duplicates, the first
    // keeps the id (as `index::ids` has it).
    let mut ids: HashMap<String, Record> =
        HashMap::with_capacity(sources_raw.len() + entities_raw.len() + deals_raw.len());
    let id_at = |r: Record| match r {
        Record::Source(i) => at(&sources_raw[i].id, sources_raw[i].at),
        Record::Entity(i) => at(&entities_raw[i].id, entities_raw[i].at),
        Record::Deal(i) => at(&deals_raw[i].id, deals_raw[i].at),
        _ => Pos::default(),
    };
    let all = (sources_raw.iter().enumerate()).map(|(i, r)| (&r.id, Record::Source(i), "source"));
    let all = all.chain(
        (entities_raw.iter().enumerate()).map(|(i, r)| (&r.id, Record::Entity(i), "entity")),
    );
    let all =
        all.chain((deals_raw.iter().enumerate()).map(|(i, r)| (&r.id, Record::Deal(i), "deal")));
    for (id, record, what) in all {
        let Some(id) = id else { continue };
        if !id_ok(&id.text) {
            ck.error(
                Code::Value,
                id.at,
                format!(
                    "{what} id '{}' is not a valid id; ids use lower-case letters, digits and '-', starting with a letter or digit{}",
                    clip(&id.text, 60),
                    id_hint(&id.text)
                ),
            );
        }
        match ids.get(&id.text) {
            Some(&first) => {
                let first = id_at(first);
                ck.error(
                    Code::DuplicateId,
                    id.at,
                    format!(
                        "duplicate id '{}': already used at line {} column {}; ids are unique across sources, entities and deals",
                        clip(&id.text, 60),
                        first.line,
                        first.col
                    ),
                );
            }
            None => {
                ids.insert(id.text.clone(), record);
            }
        }
    }

    let title = meta.as_ref().and_then(|m| m.title.as_ref());
    if let Some(t) = title {
        ck.text(t.at, "title", &t.text);
    }
    let title = title.map(|t| t.text.clone());
    let as_of = (meta.as_ref())
        .and_then(|m| m.as_of.as_ref())
        .and_then(|d| ck.date(d.at, Date::parse(&d.text)));

    let sources: Vec<Source> = sources_raw.iter().map(|s| source(ck, s)).collect();
    quotes.files = sources_raw.iter().map(|s| s.file.clone()).collect();
    let cited = &mut quotes.cited;

    let mut entities: Vec<Entity> = entities_raw.iter().map(|e| entity(ck, e)).collect();
    let names = index::names(&entities);

    {
        let refs = Refs::new(&ids, &entities, &sources);
        let resolve = |words: &str| {
            let i = *names.get(&name_key(words))?;
            Some(entities[i].id.clone())
        };
        // Parents and metrics refer to entities and sources, so they come once all are read.
        let links: Vec<(Option<usize>, Vec<Metric>)> = entities_raw
            .iter()
            .map(|e| (parent(ck, &refs, e), metrics(ck, &refs, &resolve, cited, e)))
            .collect();
        for (e, (parent, metrics)) in entities.iter_mut().zip(links) {
            e.parent = parent;
            e.metrics = metrics;
        }
    }
    check_parent_cycles(ck, &entities, &entities_raw);

    // Entities named anywhere (as a party or a flow end, even in a flow with other mistakes),
    // so that one bad field does not also make its entities look unused.
    let mut mentioned = vec![false; entities.len()];
    let deals: Vec<Deal> = {
        let refs = Refs::new(&ids, &entities, &sources);
        let resolve = |words: &str| {
            let i = *names.get(&name_key(words))?;
            Some(entities[i].id.clone())
        };
        (deals_raw.into_iter())
            .map(|d| deal(ck, &refs, &resolve, &mut mentioned, cited, d))
            .collect()
    };

    let mut book = Book {
        title,
        as_of,
        deals_of: index::deals_of(entities.len(), &deals),
        children: index::children(&entities),
        cited_by: index::cited_by(sources.len(), &deals),
        sources,
        entities,
        deals,
        ids,
        names,
    };
    for (i, e) in entities_raw.iter().enumerate() {
        if let Some(id) = &e.id {
            if !mentioned[i] && book.children[i].is_empty() {
                ck.warning(
                    Code::UnusedEntity,
                    id.at,
                    format!("entity '{}' takes part in no deal", clip(&id.text, 60)),
                );
            }
        }
    }
    book.title = book.title.take();
    book
}

/// What references are checked against.
struct Refs<'a> {
    ids: &'a HashMap<String, Record>,
    entity_ids: Vec<&'a str>,
    source_ids: Vec<&'a str>,
    /// Folded names and aliases → entity id, to say "that is a name; use the id".
    names: HashMap<String, &'a str>,
}

impl<'a> Refs<'a> {
    fn new(
        ids: &'a HashMap<String, Record>,
        entities: &'a [Entity],
        sources: &'a [Source],
    ) -> Self {
        Refs {
            ids,
            entity_ids: entities.iter().map(|e| e.id.as_str()).collect(),
            source_ids: sources.iter().map(|s| s.id.as_str()).collect(),
            names: entities
                .iter()
                .flat_map(|e| {
                    std::iter::once(&e.name)
                        .chain(e.aliases.iter())
                        .map(move |n| (name_key(n), e.id.as_str()))
                })
                .collect(),
        }
    }

    fn entity(&self, ck: &mut Checker, at: Pos, what: &str, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Record::Entity(i)) => return Some(*i),
            Some(other) => {
                let kind = match other {
                    Record::Source(_) => "a source",
                    _ => "a deal",
                };
                ck.error(
                    Code::UnknownRef,
                    at,
                    format!("{what} '{}' is {kind}, not an entity", clip(id, 60)),
                );
                return None;
            }
            None => {}
        }
        let hint = match self.names.get(&name_key(id)) {
            Some(real) => format!(
                "; '{}' is a name: refer to the entity by its id, '{}'",
                clip(id, 60),
                clip(real, 60)
            ),
            None => suggestion(id, self.entity_ids.iter().copied()),
        };
        ck.error(
            Code::UnknownRef,
            at,
            format!(
                "{what} '{}' is not an entity in this book{hint}",
                clip(id, 60)
            ),
        );
        None
    }

    fn source(&self, ck: &mut Checker, at: Pos, what: &str, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Record::Source(i)) => Some(*i),
            Some(_) => {
                ck.error(
                    Code::UnknownRef,
                    at,
                    format!(
                        "{what} '{}' is not a source (it names an entity or a deal)",
                        clip(id, 60)
                    ),
                );
                None
            }
            None => {
                ck.error(
                    Code::UnknownRef,
                    at,
                    format!(
                        "{what} '{}' is not a source in this book{}",
                        clip(id, 60),
                        suggestion(id, self.source_ids.iter().copied())
                    ),
                );
                None
            }
        }
    }
}

fn enum_error(ck: &mut Checker, at: Pos, what: &str, value: &str, names: &[&str]) {
    ck.error(
        Code::Value,
        at,
        format!(
            "unknown {what} '{}'{}; expected one of: {}",
            clip(value, 60),
            suggestion(value, names.iter().copied()),
            names.join(", ")
        ),
    );
}

fn parse_term(
    ck: &mut Checker,
    at: Pos,
    what: &str,
    text: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Term {
    ck.required_text(at, what, Some(text));
    let term = terms::parse(text, resolve);
    if term.bound == Bound::Unparsed && !text.trim().is_empty() {
        ck.warning(
            Code::UnparsedTerm,
            at,
            format!(
                "{what} '{}' has no quantity dealbook can read; it is kept as text (see docs/terms.md for the forms it reads)",
                clip(text, 80)
            ),
        );
    }
    term
}

fn source(ck: &mut Checker, s: &RawSource) -> Source {
    ck.required_text(at(&s.title, s.at), "title", self::s(&s.title));
    for (field, value) in [
        ("publisher", &s.publisher),
        ("lang", &s.lang),
        ("url", &s.url),
        ("ref", &s.reference),
        ("file", &s.file),
    ] {
        if let Some(v) = value {
            ck.text(v.at, field, &v.text);
        }
    }
    Source {
        at: s.at,
        id: text(s.id.clone()),
        title: text(s.title.clone()),
        publisher: s.publisher.clone().map(|t| t.text),
        date: s
            .date
            .as_ref()
            .and_then(|d| ck.date(d.at, Date::parse(&d.text))),
        lang: s.lang.clone().map(|t| t.text),
        url: s.url.clone().map(|t| t.text),
        reference: s.reference.clone().map(|t| t.text),
        file: s.file.clone().map(|t| t.text),
    }
}

/// An entity without its parent and metrics, which refer to other records.
fn entity(ck: &mut Checker, e: &RawEntity) -> Entity {
    ck.required_text(at(&e.name, e.at), "name", s(&e.name));
    if let Some(c) = &e.country {
        ck.text(c.at, "country", &c.text);
    }
    if let Some(n) = &e.notes {
        ck.text(n.at, "notes", &n.text);
    }
    let kind = match &e.kind {
        None => EntityKind::Company,
        Some(k) => EntityKind::parse(&k.text).unwrap_or_else(|| {
            enum_error(ck, k.at, "entity kind", &k.text, EntityKind::NAMES);
            EntityKind::Other
        }),
    };
    for a in e.aliases.iter().flatten() {
        ck.required_text(a.at, "alias", Some(&a.text));
    }
    let people = e
        .people
        .iter()
        .map(|p| {
            ck.required_text(at(&p.name, p.at), "name", s(&p.name));
            if let Some(r) = &p.role {
                ck.text(r.at, "role", &r.text);
            }
            Person {
                name: text(p.name.clone()),
                role: p.role.clone().map(|t| t.text),
            }
        })
        .collect();
    Entity {
        at: e.at,
        id: text(e.id.clone()),
        name: text(e.name.clone()),
        kind,
        aliases: e.aliases.iter().flatten().map(|a| a.text.clone()).collect(),
        parent: None,
        people,
        country: e.country.clone().map(|t| t.text),
        notes: e.notes.clone().map(|t| t.text),
        metrics: Vec::new(),
    }
}

fn parent(ck: &mut Checker, refs: &Refs, e: &RawEntity) -> Option<usize> {
    let p = e.parent.as_ref()?;
    if Some(&p.text) == e.id.as_ref().map(|t| &t.text) {
        ck.error(
            Code::UnknownRef,
            p.at,
            format!("entity '{}' cannot be its own parent", clip(&p.text, 60)),
        );
        return None;
    }
    refs.entity(ck, p.at, "parent", &p.text)
}

fn metrics(
    ck: &mut Checker,
    refs: &Refs,
    resolve: &dyn Fn(&str) -> Option<String>,
    cited: &mut Vec<Cited>,
    e: &RawEntity,
) -> Vec<Metric> {
    let mut metrics: Vec<Metric> = e
        .metrics
        .iter()
        .filter_map(|m| {
            ck.required_text(at(&m.name, m.at), "name", s(&m.name));
            if let Some(n) = &m.note {
                ck.text(n.at, "note", &n.text);
            }
            let date = (m.date.as_ref()).and_then(|d| ck.date(d.at, Date::parse_metric(&d.text)));
            let amount =
                (m.amount.as_ref()).map(|a| parse_term(ck, a.at, "amount", &a.text, resolve));
            let source = (m.source.as_ref()).and_then(|s| refs.source(ck, s.at, "source", &s.text));
            let quote = quote(ck, cited, &m.quote, source.into_iter().collect());
            if m.date.is_some() && date.is_none() {
                return None; // A bad date, reported.
            }
            Some(Metric {
                at: m.at,
                name: text(m.name.clone()),
                date,
                amount: amount?,
                source,
                quote,
                reported: m.reported.is_some_and(|f| f.value),
                note: m.note.clone().map(|t| t.text),
            })
        })
        .collect();
    // Dated values in date order, then the undated ones in book order.
    metrics.sort_by_key(|m| m.date.as_ref().map_or((u16::MAX, 0, 0, 0), Date::sort_key));
    metrics
}

/// A parent chain that loops (a → b → a) has no top level to roll up into.
fn check_parent_cycles(ck: &mut Checker, entities: &[Entity], raw: &[RawEntity]) {
    for (i, e) in entities.iter().enumerate() {
        let mut seen = vec![i];
        let mut cur = e.parent;
        while let Some(p) = cur {
            if p == i {
                let chain: Vec<String> = seen
                    .iter()
                    .map(|&s| clip(&entities[s].id, 40))
                    .chain(std::iter::once(clip(&e.id, 40)))
                    .take(12)
                    .collect();
                ck.error(
                    Code::UnknownRef,
                    at(&raw[i].parent, raw[i].at),
                    format!("parent chain loops: {}", chain.join(" → ")),
                );
                break;
            }
            if seen.contains(&p) {
                break; // A loop further up, reported at its own entity.
            }
            seen.push(p);
            cur = entities[p].parent;
        }
    }
}
