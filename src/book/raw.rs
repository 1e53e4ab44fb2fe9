//! The deal book as written: YAML nodes read into plain structs, every field optional and
//! every scalar kept as text as written, each with its position, and each structural problem
//! (unknown, repeated or missing field, wrong type) reported — all of them, not just the first.
//!
//! This module is the one definition of the format's shape. Values that have a closed set
//! (ids, dates, kinds, statuses) stay text here and are checked in `validate`, so one run
//! reports every mistake with its position. The top level is read from the event stream one
//! record at a time ([`Reader::book`]); each record is read from its [`Node`]. Deals, most of a
//! book, are handed to a [`DealSink`] as they are read rather than kept here, so that they can
//! be checked while the parser reads on.

use super::checker::Checker;
use super::diag::{Code, Pos, clip, suggestion};
use super::yaml::{Node, Stop, Stream, Style, Value, is_null_word, pos};
use saphyr_parser::Event;
use std::fmt::Write;

mod deal;

/// A text value as written, and where it is.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub at: Pos,
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

#[derive(Debug, Default)]
pub struct RawBook {
    pub book: Option<RawMeta>,
    pub sources: Vec<RawSource>,
    pub entities: Vec<RawEntity>,
    /// Which sections were present (an empty or missing one is a warning).
    pub has: [bool; 3],
    /// Where each section's value is (unknown when the section is missing).
    pub section_at: [Pos; 3],
    /// Where the book's mapping starts.
    pub at: Pos,
}

#[derive(Debug, Default)]
pub struct RawMeta {
    pub title: Option<Text>,
    pub as_of: Option<Text>,
}

#[derive(Debug, Default)]
pub struct RawSource {
    /// Where the record starts.
    pub at: Pos,
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub publisher: Option<Text>,
    pub date: Option<Text>,
    pub lang: Option<Text>,
    pub url: Option<Text>,
    pub reference: Option<Text>,
    /// A local text file of the source, relative to the book, that quotes are checked against.
    pub file: Option<Text>,
}

#[derive(Debug, Default)]
pub struct RawEntity {
    /// Where the record starts.
    pub at: Pos,
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub kind: Option<Text>,
    pub aliases: Vec<Option<Text>>,
    pub parent: Option<Text>,
    pub people: Vec<RawPerson>,
    pub country: Option<Text>,
    pub notes: Option<Text>,
    pub metrics: Vec<RawMetric>,
}

#[derive(Debug, Default)]
pub struct RawPerson {
    /// Where the record starts.
    pub at: Pos,
    pub name: Option<Text>,
    pub role: Option<Text>,
}

#[derive(Debug, Default)]
pub struct RawMetric {
    /// Where the record starts.
    pub at: Pos,
    pub name: Option<Text>,
    pub date: Option<Text>,
    pub amount: Option<Text>,
    pub source: Option<Text>,
    pub quote: Option<Text>,
    pub reported: Option<Flag>,
    pub note: Option<Text>,
}

/// A `true`/`false` field, and where it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flag {
    pub value: bool,
    pub at: Pos,
}

#[derive(Debug, Default)]
pub struct RawDeal {
    /// Where the record starts.
    pub at: Pos,
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub date: Option<Text>,
    pub status: Option<Text>,
    pub tags: Vec<Option<Text>>,
    pub parties: Vec<RawParty>,
    /// Where the `parties` value is (unknown when the key is absent).
    pub parties_at: Pos,
    pub terms: Vec<RawTerm>,
    pub flows: Vec<RawFlow>,
    /// `None` when the deal has no `sources` key at all.
    pub sources: Option<Vec<Option<Text>>>,
    pub reported: Option<Flag>,
    pub notes: Option<Text>,
}

/// A party: an entity id, or `{entity, role}`.
#[derive(Debug, Default)]
pub struct RawParty {
    /// Where the record starts.
    pub at: Pos,
    pub entity: Option<Text>,
    pub role: Option<Text>,
}

/// A term: a string, or `{text, note, source}`.
#[derive(Debug, Default)]
pub struct RawTerm {
    /// Where the record starts.
    pub at: Pos,
    pub text: Option<Text>,
    pub note: Option<Text>,
    pub source: Option<Text>,
    pub quote: Option<Text>,
}

#[derive(Debug, Default)]
pub struct RawFlow {
    /// Where the record starts.
    pub at: Pos,
    /// One entity id, or several (a syndicate); `None` when the field is missing.
    pub from: Option<Ends>,
    pub to: Option<Ends>,
    pub kind: Option<Text>,
    pub amount: Option<Text>,
    pub source: Option<Text>,
    pub quote: Option<Text>,
    pub inferred: Option<Flag>,
    pub note: Option<Text>,
}

/// The end of a flow as written: one id, or a list of them (each kept in place, unreadable
/// ones as `None`).
#[derive(Debug, Default)]
pub struct Ends {
    pub ids: Vec<Option<Text>>,
    /// Where the value is.
    pub at: Pos,
    /// Written as a list (even of one).
    pub list: bool,
}

/// Where the deals go as [`Reader::book`] reads them, in book order.
pub trait DealSink {
    /// The deals section starts and the sources and entities sections were both read before
    /// it, so no source or entity comes after this: the sink may take them (whoever reads the
    /// book then gets them back from it). Not called when a deal may precede a source or an
    /// entity.
    fn begin(&mut self, sources: &mut Vec<RawSource>, entities: &mut Vec<RawEntity>);
    /// One deal (an unreadable one as a default `RawDeal` at its position, keeping its place).
    fn deal(&mut self, deal: RawDeal);
}

/// Keeps every deal.
impl DealSink for Vec<RawDeal> {
    fn begin(&mut self, _: &mut Vec<RawSource>, _: &mut Vec<RawEntity>) {}

    fn deal(&mut self, deal: RawDeal) {
        self.push(deal);
    }
}

/// How a value is named in "expected …, found …".
fn found(v: &Node) -> String {
    match &v.value {
        Value::Scalar(t, Style::Plain) if is_null_word(t) => "nothing (null)".into(),
        Value::Scalar(t, Style::Plain)
            if matches!(
                t.as_ref(),
                "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
            ) =>
        {
            format!("'{t}'")
        }
        Value::Scalar(t, Style::Plain) if looks_numeric(t) => {
            format!("the number {}", clip(t, 60))
        }
        Value::Scalar(t, _) => format!("the text '{}'", clip(t, 60)),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        Value::Alias => {
            "an alias (*name); a deal book does not use aliases: write the value out".into()
        }
    }
}

/// Whether a plain scalar is what YAML's core schema would read as a number.
fn looks_numeric(t: &str) -> bool {
    let digits = t.trim_start_matches(['+', '-']);
    if let Some(hex) = digits.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = digits.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    t.bytes().any(|b| b.is_ascii_digit()) && t.parse::<f64>().is_ok()
}

/// One step of the way to a value, for "in deals[0].flows[0]: " in messages.
#[derive(Debug, Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index(usize),
}

/// The fields of one mapping, taken one by one; what is left at the end is unknown.
struct Fields<'a> {
    at: Pos,
    entries: Vec<(&'static str, Node<'a>)>,
}

impl<'a> Fields<'a> {
    fn take(&mut self, key: &str) -> Option<Node<'a>> {
        let i = self.entries.iter().position(|(k, _)| *k == key)?;
        let v = self.entries.swap_remove(i).1;
        // `key:` with nothing after it is the same as leaving the key out.
        (!v.is_null()).then_some(v)
    }

    /// Where the value of `key` is, if the key is there.
    fn pos(&self, key: &str) -> Pos {
        (self.entries.iter())
            .find(|(k, _)| *k == key)
            .map_or(Pos::default(), |(_, v)| v.at)
    }
}

/// Reads nodes into the raw structs, reporting problems to the checker.
pub struct Reader<'c> {
    pub ck: &'c mut Checker,
    /// The way from the top of the document to the value being read.
    path: Vec<Seg>,
}

const TOP: [&str; 4] = ["book", "sources", "entities", "deals"];

impl<'c> Reader<'c> {
    pub fn new(ck: &'c mut Checker) -> Self {
        Reader {
            ck,
            path: Vec::with_capacity(8),
        }
    }

    /// "in deals[0].flows[0]: " — where a structural problem is, for the message.
    fn context(&self) -> String {
        let mut out = String::new();
        for (i, seg) in self.path.iter().enumerate() {
            let _ = match seg {
                Seg::Key(k) if i == 0 => write!(out, "{k}"),
                Seg::Key(k) => write!(out, ".{k}"),
                Seg::Index(n) => write!(out, "[{n}]"),
            };
        }
        if out.is_empty() {
            out
        } else {
            format!("in {out}: ")
        }
    }

    fn schema(&mut self, at: Pos, message: String) {
        self.ck.error(Code::Schema, at, message);
    }

    /// `message` with the context of the value under `key` of the current mapping.
    fn schema_at_key(&mut self, key: &'static str, at: Pos, message: &str) {
        self.path.push(Seg::Key(key));
        let context = self.context();
        self.path.pop();
        self.schema(at, format!("{context}{message}"));
    }

    /// The field a mapping key names, among `allowed`; an unknown, repeated or unreadable key
    /// is reported (at the key) and gives `None`.
    fn field_name(
        &mut self,
        key: &Node,
        allowed: &[&'static str],
        seen: impl Fn(&'static str) -> bool,
    ) -> Option<&'static str> {
        let name = match &key.value {
            Value::Scalar(t, style) if !(*style == Style::Plain && is_null_word(t)) => t,
            _ => {
                let message = format!(
                    "{}a key must be a field name, found {}",
                    self.context(),
                    found(key)
                );
                self.schema(key.at, message);
                return None;
            }
        };
        match allowed.iter().find(|a| **a == name.as_ref()) {
            Some(&field) if seen(field) => {
                self.ck.error(
                    Code::Syntax,
                    key.at,
                    format!(
                        "key '{}' appears twice in the same mapping; keep one",
                        clip(field, 60)
                    ),
                );
                None
            }
            Some(&field) => Some(field),
            None => {
                let expected: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
                let message = format!(
                    "{}unknown field '{}'{}; expected {}",
                    self.context(),
                    clip(name, 60),
                    suggestion(name, allowed.iter().copied()),
                    expected.join(", ")
                );
                self.schema(key.at, message);
                None
            }
        }
    }

    /// Opens a mapping whose keys must be among `allowed`; reports unknown keys (at the key)
    /// and a value that is not a mapping.
    fn fields<'a>(&mut self, v: Node<'a>, allowed: &[&'static str]) -> Option<Fields<'a>> {
        let at = v.at;
        let map = match v.value {
            Value::Map(m) => m,
            value => {
                let message = format!(
                    "{}expected a mapping, found {}",
                    self.context(),
                    found(&Node { value, at })
                );
                self.schema(at, message);
                return None;
            }
        };
        let mut entries: Vec<(&'static str, Node<'a>)> = Vec::with_capacity(map.len());
        for (k, v) in map {
            let seen = |name| entries.iter().any(|(n, _)| *n == name);
            if let Some(name) = self.field_name(&k, allowed, seen) {
                entries.push((name, v));
            }
        }
        Some(Fields { at, entries })
    }

    fn missing(&mut self, f: &Fields, key: &str) {
        let message = format!(
            "{}missing field '{key}', which is required here",
            self.context()
        );
        self.schema(f.at, message);
    }

    /// A scalar read as text, exactly as written: `1.10` is `1.10`, `true` is `true`. A
    /// null in a list is an error here (a null field never gets here: it reads as absent).
    fn text_value(&mut self, v: Node, key: Option<&'static str>) -> Option<Text> {
        match v.value {
            Value::Scalar(t, style) if !(style == Style::Plain && is_null_word(&t)) => Some(Text {
                text: t.into_owned(),
                at: v.at,
            }),
            value => {
                let message = format!("expected text, found {}", found(&Node { value, at: v.at }));
                match key {
                    Some(key) => self.schema_at_key(key, v.at, &message),
                    None => {
                        let context = self.context();
                        self.schema(v.at, format!("{context}{message}"));
                    }
                }
                None
            }
        }
    }

    fn opt_text(&mut self, f: &mut Fields, key: &'static str) -> Option<Text> {
        let v = f.take(key)?;
        self.text_value(v, Some(key))
    }

    fn req_text(&mut self, f: &mut Fields, key: &'static str) -> Option<Text> {
        match f.take(key) {
            Some(v) => self.text_value(v, Some(key)),
            None => {
                self.missing(f, key);
                None
            }
        }
    }

    /// A list under `key`, each item read by `item`; `None` when the key is absent. An item
    /// that cannot be read (reported) stays in the list as an empty one, so that the items
    /// after it keep their index — and their positions in later messages.
    fn list<'a, T: Default>(
        &mut self,
        f: &mut Fields<'a>,
        key: &'static str,
        mut item: impl FnMut(&mut Self, Node<'a>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let v = f.take(key)?;
        self.path.push(Seg::Key(key));
        let out = match v.value {
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.into_iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    out.push(item(self, v).unwrap_or_default());
                    self.path.pop();
                }
                out
            }
            value => {
                let message = format!(
                    "{}expected a list, found {}",
                    self.context(),
                    found(&Node { value, at: v.at })
                );
                self.schema(v.at, message);
                // One unreadable item stands for the list, so that nothing downstream also
                // reports it as empty ("a deal needs at least one party").
                vec![T::default()]
            }
        };
        self.path.pop();
        Some(out)
    }

    fn texts(&mut self, f: &mut Fields, key: &'static str) -> Option<Vec<Option<Text>>> {
        self.list(f, key, |r, v| Some(r.text_value(v, None)))
    }

    /// `true` or `false` (YAML's spellings of them); anything else is reported.
    fn flag(&mut self, f: &mut Fields, key: &'static str) -> Option<Flag> {
        let v = f.take(key)?;
        let at = v.at;
        if let Value::Scalar(t, Style::Plain) = &v.value {
            match t.as_ref() {
                "true" | "True" | "TRUE" => return Some(Flag { value: true, at }),
                "false" | "False" | "FALSE" => return Some(Flag { value: false, at }),
                _ => {}
            }
        }
        let message = format!("expected true or false, found {}", found(&v));
        self.schema_at_key(key, at, &message);
        None
    }

    /// A flow's end: an entity id, or a list of ids; `None` when the key is absent.
    fn ends(&mut self, f: &mut Fields, key: &'static str) -> Option<Ends> {
        let at = f.pos(key);
        if matches!(f.entries.iter().find(|(k, _)| *k == key), Some((_, v)) if matches!(v.value, Value::Seq(_)))
        {
            let ids = self.texts(f, key)?;
            return Some(Ends {
                ids,
                at,
                list: true,
            });
        }
        let v = f.take(key)?;
        let one = self.text_value(v, Some(key));
        Some(Ends {
            ids: vec![one],
            at,
            list: false,
        })
    }

    /// The whole book, read from the stream one record at a time (the document's first event
    /// is next), its deals handed to `deals`. `Ok(None)` means the document is not a mapping
    /// (reported).
    pub fn book(
        &mut self,
        s: &mut Stream<'_, '_>,
        deals: &mut dyn DealSink,
    ) -> Result<Option<RawBook>, Stop> {
        let first = s.event()?;
        if !matches!(first.0, Event::MappingStart(..)) {
            let v = s.node(first)?;
            let message = format!(
                "expected a mapping at the top of the file ('sources', 'entities', 'deals'), found {}",
                found(&v)
            );
            self.schema(v.at, message);
            return Ok(None);
        }
        let mut raw = RawBook {
            at: pos(&first.1),
            ..RawBook::default()
        };
        let mut seen: Vec<&'static str> = Vec::with_capacity(4);
        loop {
            let ev = s.event()?;
            if matches!(ev.0, Event::MappingEnd) {
                break;
            }
            let key = s.node(ev)?;
            let value = s.event()?;
            let Some(name) = self.field_name(&key, &TOP, |name| seen.contains(&name)) else {
                s.skip(value)?;
                continue;
            };
            seen.push(name);
            if name == "book" {
                let v = s.node(value)?;
                if !v.is_null() {
                    self.path.push(Seg::Key("book"));
                    raw.book = self.fields(v, &["title", "as_of"]).map(|mut m| RawMeta {
                        title: self.opt_text(&mut m, "title"),
                        as_of: self.opt_text(&mut m, "as_of"),
                    });
                    self.path.pop();
                }
                continue;
            }
            let section = TOP.iter().position(|t| *t == name).unwrap_or(1) - 1;
            raw.section_at[section] = pos(&value.1);
            self.path.push(Seg::Key(name));
            if matches!(value.0, Event::SequenceStart(..)) {
                if section == 2 && seen.contains(&"sources") && seen.contains(&"entities") {
                    deals.begin(&mut raw.sources, &mut raw.entities);
                }
                let mut n = 0;
                loop {
                    let ev = s.event()?;
                    if matches!(ev.0, Event::SequenceEnd) {
                        break;
                    }
                    let item = s.node(ev)?;
                    let at = item.at;
                    self.path.push(Seg::Index(n));
                    // An unreadable record (reported) keeps its place and its position.
                    match section {
                        0 => raw
                            .sources
                            .push(self.source(item).unwrap_or_else(|| RawSource {
                                at,
                                ..RawSource::default()
                            })),
                        1 => raw
                            .entities
                            .push(self.entity(item).unwrap_or_else(|| RawEntity {
                                at,
                                ..RawEntity::default()
                            })),
                        _ => deals.deal(self.deal(item).unwrap_or_else(|| RawDeal {
                            at,
                            ..RawDeal::default()
                        })),
                    }
                    self.path.pop();
                    s.record();
                    n += 1;
                }
                raw.has[section] = n > 0;
            } else {
                let v = s.node(value)?;
                if !v.is_null() {
                    let message = format!("{}expected a list, found {}", self.context(), found(&v));
                    self.schema(v.at, message);
                    // One unreadable record stands for the section, as in `list`.
                    let at = v.at;
                    match section {
                        0 => raw.sources.push(RawSource {
                            at,
                            ..RawSource::default()
                        }),
                        1 => raw.entities.push(RawEntity {
                            at,
                            ..RawEntity::default()
                        }),
                        _ => deals.deal(RawDeal {
                            at,
                            ..RawDeal::default()
                        }),
                    }
                    raw.has[section] = true;
                }
            }
            self.path.pop();
        }
        Ok(Some(raw))
    }

    fn source(&mut self, v: Node) -> Option<RawSource> {
        let at = v.at;
        let mut f = self.fields(
            v,
            &[
                "id",
                "title",
                "publisher",
                "date",
                "lang",
                "url",
                "ref",
                "file",
            ],
        )?;
        Some(RawSource {
            at,
            id: self.req_text(&mut f, "id"),
            title: self.req_text(&mut f, "title"),
            publisher: self.opt_text(&mut f, "publisher"),
            date: self.opt_text(&mut f, "date"),
            lang: self.opt_text(&mut f, "lang"),
            url: self.opt_text(&mut f, "url"),
            reference: self.opt_text(&mut f, "ref"),
            file: self.opt_text(&mut f, "file"),
        })
    }

    fn entity(&mut self, v: Node) -> Option<RawEntity> {
        let at = v.at;
        let mut f = self.fields(
            v,
            &[
                "id", "name", "kind", "aliases", "parent", "people", "country", "notes", "metrics",
            ],
        )?;
        Some(RawEntity {
            at,
            id: self.req_text(&mut f, "id"),
            name: self.req_text(&mut f, "name"),
            kind: self.opt_text(&mut f, "kind"),
            aliases: self.texts(&mut f, "aliases").unwrap_or_default(),
            parent: self.opt_text(&mut f, "parent"),
            people: self
                .list(&mut f, "people", |r, v| {
                    let at = v.at;
                    let mut m = r.fields(v, &["name", "role"])?;
                    Some(RawPerson {
                        at,
                        name: r.req_text(&mut m, "name"),
                        role: r.opt_text(&mut m, "role"),
                    })
                })
                .unwrap_or_default(),
            country: self.opt_text(&mut f, "country"),
            notes: self.opt_text(&mut f, "notes"),
            metrics: self
                .list(&mut f, "metrics", |r, v| {
                    let at = v.at;
                    let mut m = r.fields(
                        v,
                        &[
                            "name", "date", "amount", "source", "quote", "reported", "note",
                        ],
                    )?;
                    Some(RawMetric {
                        at,
                        name: r.req_text(&mut m, "name"),
                        date: r.opt_text(&mut m, "date"),
                        amount: r.req_text(&mut m, "amount"),
                        source: r.opt_text(&mut m, "source"),
                        quote: r.opt_text(&mut m, "quote"),
                        reported: r.flag(&mut m, "reported"),
                        note: r.opt_text(&mut m, "note"),
                    })
                })
                .unwrap_or_default(),
        })
    }

    /// The bare form of a "string or mapping" item.
    fn scalar_item(&mut self, v: Node, expected: &str) -> Option<Text> {
        match v.value {
            Value::Scalar(t, style) if !(style == Style::Plain && is_null_word(&t)) => Some(Text {
                text: t.into_owned(),
                at: v.at,
            }),
            value => {
                let message = format!(
                    "{}expected {expected}, found {}",
                    self.context(),
                    found(&Node { value, at: v.at })
                );
                self.schema(v.at, message);
                None
            }
        }
    }
}
