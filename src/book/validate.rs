//! Checks a raw book and builds the typed one, collecting every problem in one pass.
//!
//! Reads what `raw` produced (text as written, with positions) and reports to the same
//! [`Checker`]; the book's lookups are built by `book::index`, as for any book.

use super::checker::Checker;
use super::date::Date;
use super::diag::{Code, Diagnostic, Pos, clip, suggestion};
use super::index;
use super::model::{Book, Entity, EntityIx, EntityKind, Metric, Person, Record, Source, name_key};
use super::provenance::{self, Cited, Quotes};
use super::raw::{RawBook, RawEntity, RawSource, Text};
use super::terms::{self, Bound, Term};
use std::collections::HashMap;
use std::path::Path;

mod deal;
mod stream;
use deal::{deal, quote};
use stream::Checked;
pub use stream::Deals;

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
/// position. `deals` holds the book's deals, checked while the parser read when they came
/// after the sources and entities ([`Deals`]).
///
/// `base` is the folder of the book's file: the `file` of a source is read relative to it, and
/// the quotes citing that source are checked against it. A book that is not a file on disk
/// (the bundled one, a string) has no base, and its quotes are not checked.
pub fn validate(
    raw: RawBook,
    mut ck: Checker,
    deals: Deals,
    base: Option<&Path>,
) -> (Option<Book>, Vec<Diagnostic>) {
    let RawBook {
        book: meta,
        sources,
        entities,
        has,
        section_at,
        at: root_at,
    } = raw;
    let checked = deals.finish(sources, entities);
    // Every diagnostic is added in the order of the checks below (the sort by position is
    // stable, so this order breaks ties): sections, ids, the book's title, sources and
    // entities, parents and metrics, parent loops, deals, unused entities, quotes.
    for (i, name) in ["sources", "entities", "deals"].into_iter().enumerate() {
        if !has[i] {
            ck.warning(
                Code::EmptySection,
                section_at[i].or(root_at),
                format!("the book has no {name}"),
            );
        }
    }
    let Checked {
        sources_raw,
        entities_raw,
        ids,
        ids_ck,
        records_ck,
        sources,
        mut entities,
        names,
        aliases,
        deals,
        deals_ck,
        mut mentioned,
        cited: deal_quotes,
    } = checked;
    ck.append(ids_ck);

    let title = meta.as_ref().and_then(|m| m.title.as_ref());
    if let Some(t) = title {
        ck.text(t.at, "title", &t.text);
    }
    let title = title.map(|t| t.text.clone());
    let as_of = (meta.as_ref())
        .and_then(|m| m.as_of.as_ref())
        .and_then(|d| ck.date(d.at, Date::parse(&d.text)));
    ck.append(records_ck);

    let mut quotes = Quotes {
        files: sources_raw.iter().map(|s| s.file.clone()).collect(),
        ..Quotes::default()
    };
    {
        let refs = Refs {
            ids: &ids,
            entities: &entities,
            sources: &sources,
            aliases: &aliases,
        };
        let resolve = |words: &str| {
            let i = *names.get(&name_key(words))?;
            Some(entities[i].id.clone())
        };
        // Parents and metrics refer to entities and sources, so they come once all are read.
        let links: Vec<(Option<usize>, Vec<Metric>)> = entities_raw
            .iter()
            .map(|e| {
                (
                    parent(&mut ck, &refs, e),
                    metrics(&mut ck, &refs, &resolve, &mut quotes.cited, e),
                )
            })
            .collect();
        for (e, (parent, metrics)) in entities.iter_mut().zip(links) {
            e.parent = parent;
            e.metrics = metrics;
        }
    }
    check_parent_cycles(&mut ck, &entities, &entities_raw);
    ck.append(deals_ck);
    quotes.cited.extend(deal_quotes);

    let book = Book {
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
    // Entities named anywhere (as a party or a flow end, even in a flow with other mistakes),
    // so that one bad field does not also make its entities look unused.
    mentioned.resize(book.entities.len(), false);
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
    if let Some(base) = base {
        provenance::check(&mut ck, base, &book.sources, &quotes);
    }
    let ok = !ck.has_errors();
    (ok.then_some(book), ck.finish())
}

/// Checks one record's id (valid, not taken) and gives it to the record unless an earlier one
/// has it: ids are unique across sources, entities and deals, and the first keeps the id (as
/// `index::ids` has it). `first_at` says where an id's first record has it.
fn claim_id(
    ck: &mut Checker,
    ids: &mut HashMap<String, Record>,
    id: &Text,
    record: Record,
    first_at: impl Fn(Record) -> Pos,
) {
    let what = match record {
        Record::Source(_) => "source",
        Record::Entity(_) => "entity",
        _ => "deal",
    };
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
            let first = first_at(first);
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

/// What references are checked against.
struct Refs<'a> {
    ids: &'a HashMap<String, Record>,
    entities: &'a [Entity],
    sources: &'a [Source],
    /// Folded names and aliases → entity, to say "that is a name; use the id" (see
    /// [`aliases`]).
    aliases: &'a HashMap<String, EntityIx>,
}

/// Each entity's folded name and aliases; of a name two entities share, the last one's.
fn aliases(entities: &[Entity]) -> HashMap<String, EntityIx> {
    entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            std::iter::once(&e.name)
                .chain(e.aliases.iter())
                .map(move |n| (name_key(n), i))
        })
        .collect()
}

impl Refs<'_> {
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
        let hint = match self.aliases.get(&name_key(id)) {
            Some(&real) => format!(
                "; '{}' is a name: refer to the entity by its id, '{}'",
                clip(id, 60),
                clip(&self.entities[real].id, 60)
            ),
            None => suggestion(id, self.entities.iter().map(|e| e.id.as_str())),
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
                        suggestion(id, self.sources.iter().map(|s| s.id.as_str()))
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
