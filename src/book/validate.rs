//! Checks a raw book and builds the typed one, collecting every problem in one pass.

use super::date::{Date, DateError};
use super::diag::{Code, Diagnostic, Severity, clip, suggestion};
use super::load::Loaded;
use super::locate::{self, YamlPath};
use super::model::{
    Book, Deal, DealTerm, Entity, EntityKind, Flow, FlowKind, Metric, Party, Person, Record,
    Source, Status, name_key,
};
use super::raw::{RawBook, RawDeal, RawEntity, RawSource, Reader};
use super::terms::{self, Bound, Term};
use std::collections::HashMap;

/// A problem whose position is not known yet: it is found from `path` once all are collected.
struct Pending {
    severity: Severity,
    code: Code,
    path: YamlPath,
    message: String,
    /// A second place the message refers to ("first used at line N"), written into the message
    /// where it says `{also}`.
    also: Option<YamlPath>,
}

/// Collects diagnostics by path while a book is read and checked.
pub struct Checker {
    pending: Vec<Pending>,
}

impl Checker {
    pub fn error(&mut self, code: Code, path: YamlPath, message: impl Into<String>) {
        self.push(Severity::Error, code, path, message.into(), None);
    }

    fn warning(&mut self, code: Code, path: YamlPath, message: impl Into<String>) {
        self.push(Severity::Warning, code, path, message.into(), None);
    }

    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        path: YamlPath,
        message: String,
        also: Option<YamlPath>,
    ) {
        self.pending.push(Pending {
            severity,
            code,
            path,
            message,
            also,
        });
    }

    /// Text fields are shown in a terminal: control characters (an escape sequence written as
    /// "\e[2J" in double quotes, say) would garble it, and bidirectional overrides would make
    /// it show something other than what is stored, so both are refused. Tabs and line breaks
    /// are text.
    fn text(&mut self, path: &YamlPath, field: &str, value: &str) {
        let bad = |c: &char| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(*c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        };
        if let Some(c) = value.chars().find(bad) {
            let what = if c.is_control() {
                "control character"
            } else {
                "bidirectional-text control"
            };
            self.error(
                Code::Value,
                path.clone(),
                format!(
                    "{field} contains the {what} U+{:04X}; deal books hold plain text",
                    u32::from(c)
                ),
            );
        }
    }

    fn opt_text(&mut self, path: &YamlPath, field: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.text(path, field, v);
        }
    }

    /// A required text field: `None` was already reported as missing.
    fn required_text(&mut self, path: &YamlPath, field: &str, value: &Option<String>) {
        match value {
            Some(v) if v.trim().is_empty() => {
                self.error(Code::Value, path.clone(), format!("{field} is empty"));
            }
            Some(v) => self.text(path, field, v),
            None => {}
        }
    }

    fn date(&mut self, path: YamlPath, parsed: Result<Date, DateError>) -> Option<Date> {
        match parsed {
            Ok(d) => Some(d),
            Err(DateError(msg)) => {
                self.error(Code::Value, path, msg);
                None
            }
        }
    }
}

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

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or_default()
}

/// Reads and validates a parsed document (`value`, from `text`) into a book, with every
/// diagnostic placed at its line.
pub fn validate(value: serde_yaml::Value, text: &str) -> Loaded {
    let mut ck = Checker {
        pending: Vec::new(),
    };
    let raw = Reader { ck: &mut ck }.book(value);
    let book = raw.map(|raw| check(&mut ck, raw));
    let diagnostics = place(ck.pending, text);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        book: book.filter(|_| !has_errors),
        diagnostics,
    }
}

fn check(ck: &mut Checker, raw: RawBook) -> Book {
    let root = YamlPath::root();
    for (i, name) in ["sources", "entities", "deals"].into_iter().enumerate() {
        if !raw.has[i] {
            ck.warning(
                Code::EmptySection,
                root.key(name),
                format!("the book has no {name}"),
            );
        }
    }
    let (sources_raw, entities_raw, deals_raw) = (&raw.sources, &raw.entities, &raw.deals);

    // Ids first: every later reference is checked against them.
    let mut ids: HashMap<String, Record> = HashMap::new();
    let mut id_paths: HashMap<String, YamlPath> = HashMap::new();
    let mut claim = |ck: &mut Checker,
                     id: &Option<String>,
                     path: YamlPath,
                     record: Record,
                     what: &str| {
        let Some(id) = id else { return };
        if !id_ok(id) {
            ck.error(
                Code::Value,
                path.clone(),
                format!(
                    "{what} id '{}' is not a valid id; ids use lower-case letters, digits and '-', starting with a letter or digit{}",
                    clip(id, 60),
                    id_hint(id)
                ),
            );
        }
        if let Some(first) = id_paths.get(id) {
            let msg = format!(
                "duplicate id '{}': already used at {{also}}; ids are unique across sources, entities and deals",
                clip(id, 60)
            );
            ck.push(
                Severity::Error,
                Code::DuplicateId,
                path,
                msg,
                Some(first.clone()),
            );
        } else {
            ids.insert(id.clone(), record);
            id_paths.insert(id.clone(), path);
        }
    };
    for (i, s) in sources_raw.iter().enumerate() {
        claim(
            ck,
            &s.id,
            root.key("sources").index(i).key("id"),
            Record::Source(i),
            "source",
        );
    }
    for (i, e) in entities_raw.iter().enumerate() {
        claim(
            ck,
            &e.id,
            root.key("entities").index(i).key("id"),
            Record::Entity(i),
            "entity",
        );
    }
    for (i, d) in deals_raw.iter().enumerate() {
        claim(
            ck,
            &d.id,
            root.key("deals").index(i).key("id"),
            Record::Deal(i),
            "deal",
        );
    }

    let refs = Refs {
        ids: &ids,
        entity_ids: entities_raw
            .iter()
            .filter_map(|e| e.id.as_deref())
            .collect(),
        source_ids: sources_raw.iter().filter_map(|s| s.id.as_deref()).collect(),
        names: entities_raw
            .iter()
            .filter_map(|e| Some((e, e.id.as_deref()?)))
            .flat_map(|(e, id)| {
                e.name
                    .iter()
                    .chain(e.aliases.iter().flatten())
                    .map(move |n| (name_key(n), id))
            })
            .collect(),
    };

    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities_raw.iter().enumerate() {
        for n in
            e.id.iter()
                .chain(e.name.iter())
                .chain(e.aliases.iter().flatten())
        {
            names.entry(name_key(n)).or_insert(i);
        }
    }
    let resolve = |words: &str| {
        names
            .get(&name_key(words))
            .and_then(|&i| entities_raw[i].id.clone())
    };

    let title = raw.book.as_ref().and_then(|m| m.title.clone());
    if let Some(t) = &title {
        ck.text(&root.key("book").key("title"), "title", t);
    }
    let as_of = raw
        .book
        .as_ref()
        .and_then(|m| m.as_of.as_ref())
        .and_then(|d| ck.date(root.key("book").key("as_of"), Date::parse(d)));

    let sources: Vec<Source> = sources_raw
        .iter()
        .enumerate()
        .map(|(i, s)| source(ck, root.key("sources").index(i), s))
        .collect();
    // Entities named anywhere (as a party or a flow end, even in a flow with other mistakes),
    // so that one bad field does not also make its entities look unused.
    let mut mentioned = vec![false; entities_raw.len()];
    let entities: Vec<Entity> = entities_raw
        .iter()
        .enumerate()
        .map(|(i, e)| entity(ck, &refs, &resolve, root.key("entities").index(i), e))
        .collect();
    check_parent_cycles(ck, &entities, &root);
    let deals: Vec<Deal> = deals_raw
        .iter()
        .enumerate()
        .map(|(i, d)| {
            deal(
                ck,
                &refs,
                &resolve,
                &mut mentioned,
                root.key("deals").index(i),
                d,
            )
        })
        .collect();

    let mut deals_of: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for (di, d) in deals.iter().enumerate() {
        let ends = d
            .parties
            .iter()
            .map(|p| p.entity)
            .chain(d.flows.iter().flat_map(|f| [f.from, f.to]));
        for e in ends {
            // Deals are visited in order, so a repeat within one deal is the last entry.
            if deals_of[e].last() != Some(&di) {
                deals_of[e].push(di);
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for (i, e) in entities.iter().enumerate() {
        if let Some(p) = e.parent {
            children[p].push(i);
        }
    }
    let mut cited_by: Vec<Vec<usize>> = vec![Vec::new(); sources.len()];
    for (d, deal) in deals.iter().enumerate() {
        for &s in &deal.sources {
            if cited_by[s].last() != Some(&d) {
                cited_by[s].push(d);
            }
        }
    }
    for (i, e) in entities.iter().enumerate() {
        if !mentioned[i] && children[i].is_empty() && entities_raw[i].id.is_some() {
            ck.warning(
                Code::UnusedEntity,
                root.key("entities").index(i).key("id"),
                format!("entity '{}' takes part in no deal", clip(&e.id, 60)),
            );
        }
    }

    Book {
        title,
        as_of,
        sources,
        entities,
        deals,
        ids,
        deals_of,
        names,
        children,
        cited_by,
    }
}

/// Finds the position of every pending diagnostic in one pass over the text, and sorts them.
fn place(pending: Vec<Pending>, text: &str) -> Vec<Diagnostic> {
    if pending.is_empty() {
        return Vec::new();
    }
    let mut paths: Vec<YamlPath> = Vec::with_capacity(pending.len());
    for p in &pending {
        paths.push(p.path.clone());
        if let Some(a) = &p.also {
            paths.push(a.clone());
        }
    }
    let mut positions = locate::locate(text, &paths).into_iter();
    let mut out: Vec<Diagnostic> = pending
        .into_iter()
        .map(|p| {
            let at = positions.next().unwrap_or((1, 1));
            let mut message = p.message;
            if p.also.is_some() {
                let (l, c) = positions.next().unwrap_or((1, 1));
                message = message.replace("{also}", &format!("line {l} column {c}"));
            }
            Diagnostic {
                severity: p.severity,
                code: p.code,
                line: at.0,
                column: at.1,
                message,
            }
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// What references are checked against.
struct Refs<'a> {
    ids: &'a HashMap<String, Record>,
    entity_ids: Vec<&'a str>,
    source_ids: Vec<&'a str>,
    /// Folded names and aliases → entity id, to say "that is a name; use the id".
    names: HashMap<String, &'a str>,
}

impl Refs<'_> {
    fn entity(&self, ck: &mut Checker, path: YamlPath, what: &str, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Record::Entity(i)) => return Some(*i),
            Some(other) => {
                let kind = match other {
                    Record::Source(_) => "a source",
                    _ => "a deal",
                };
                ck.error(
                    Code::UnknownRef,
                    path,
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
            path,
            format!(
                "{what} '{}' is not an entity in this book{hint}",
                clip(id, 60)
            ),
        );
        None
    }

    fn source(&self, ck: &mut Checker, path: YamlPath, what: &str, id: &str) -> Option<usize> {
        match self.ids.get(id) {
            Some(Record::Source(i)) => Some(*i),
            Some(_) => {
                ck.error(
                    Code::UnknownRef,
                    path,
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
                    path,
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

fn enum_error(ck: &mut Checker, path: YamlPath, what: &str, value: &str, names: &[&str]) {
    ck.error(
        Code::Value,
        path,
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
    path: YamlPath,
    what: &str,
    text: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Term {
    ck.required_text(&path, what, &Some(text.to_string()));
    let term = terms::parse(text, resolve);
    if term.bound == Bound::Unparsed && !text.trim().is_empty() {
        ck.warning(
            Code::UnparsedTerm,
            path,
            format!(
                "{what} '{}' has no quantity dealbook can read; it is kept as text (see docs/terms.md for the forms it reads)",
                clip(text, 80)
            ),
        );
    }
    term
}

fn source(ck: &mut Checker, path: YamlPath, s: &RawSource) -> Source {
    ck.required_text(&path.key("title"), "title", &s.title);
    ck.opt_text(&path.key("publisher"), "publisher", &s.publisher);
    ck.opt_text(&path.key("lang"), "lang", &s.lang);
    ck.opt_text(&path.key("url"), "url", &s.url);
    ck.opt_text(&path.key("ref"), "ref", &s.reference);
    Source {
        id: opt(&s.id).to_string(),
        title: opt(&s.title).to_string(),
        publisher: s.publisher.clone(),
        date: s
            .date
            .as_ref()
            .and_then(|d| ck.date(path.key("date"), Date::parse(d))),
        lang: s.lang.clone(),
        url: s.url.clone(),
        reference: s.reference.clone(),
    }
}

fn entity(
    ck: &mut Checker,
    refs: &Refs,
    resolve: &dyn Fn(&str) -> Option<String>,
    path: YamlPath,
    e: &RawEntity,
) -> Entity {
    ck.required_text(&path.key("name"), "name", &e.name);
    ck.opt_text(&path.key("country"), "country", &e.country);
    ck.opt_text(&path.key("notes"), "notes", &e.notes);
    let kind = match e.kind.as_deref() {
        None => EntityKind::Company,
        Some(k) => EntityKind::parse(k).unwrap_or_else(|| {
            enum_error(ck, path.key("kind"), "entity kind", k, EntityKind::NAMES);
            EntityKind::Other
        }),
    };
    for (i, a) in e.aliases.iter().enumerate() {
        ck.required_text(&path.key("aliases").index(i), "alias", a);
    }
    let parent = e.parent.as_ref().and_then(|p| {
        let at = path.key("parent");
        if Some(p) == e.id.as_ref() {
            ck.error(
                Code::UnknownRef,
                at,
                format!("entity '{}' cannot be its own parent", clip(p, 60)),
            );
            return None;
        }
        refs.entity(ck, at, "parent", p)
    });
    let people = e
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let pp = path.key("people").index(i);
            ck.required_text(&pp.key("name"), "name", &p.name);
            ck.opt_text(&pp.key("role"), "role", &p.role);
            Person {
                name: opt(&p.name).to_string(),
                role: p.role.clone(),
            }
        })
        .collect();
    let mut metrics: Vec<Metric> = e
        .metrics
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let mp = path.key("metrics").index(i);
            ck.required_text(&mp.key("name"), "name", &m.name);
            ck.opt_text(&mp.key("note"), "note", &m.note);
            let date = m
                .date
                .as_ref()
                .and_then(|d| ck.date(mp.key("date"), Date::parse_metric(d)));
            let amount = m
                .amount
                .as_ref()
                .map(|a| parse_term(ck, mp.key("amount"), "amount", a, resolve));
            let source = m
                .source
                .as_ref()
                .and_then(|s| refs.source(ck, mp.key("source"), "source", s));
            Some(Metric {
                name: opt(&m.name).to_string(),
                date: date?,
                amount: amount?,
                source,
                note: m.note.clone(),
            })
        })
        .collect();
    metrics.sort_by_key(|m| m.date.sort_key());
    Entity {
        id: opt(&e.id).to_string(),
        name: opt(&e.name).to_string(),
        kind,
        aliases: e.aliases.iter().flatten().cloned().collect(),
        parent,
        people,
        country: e.country.clone(),
        notes: e.notes.clone(),
        metrics,
    }
}

/// A parent chain that loops (a → b → a) has no top level to roll up into.
fn check_parent_cycles(ck: &mut Checker, entities: &[Entity], root: &YamlPath) {
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
                    root.key("entities").index(i).key("parent"),
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

fn deal(
    ck: &mut Checker,
    refs: &Refs,
    resolve: &dyn Fn(&str) -> Option<String>,
    mentioned: &mut [bool],
    path: YamlPath,
    d: &RawDeal,
) -> Deal {
    ck.required_text(&path.key("title"), "title", &d.title);
    ck.opt_text(&path.key("notes"), "notes", &d.notes);
    let status = match d.status.as_deref() {
        Some(s) => Status::parse(s).unwrap_or_else(|| {
            enum_error(ck, path.key("status"), "status", s, Status::NAMES);
            Status::Announced
        }),
        None => Status::Announced,
    };
    let date = d
        .date
        .as_ref()
        .and_then(|t| ck.date(path.key("date"), Date::parse(t)));
    for (i, t) in d.tags.iter().enumerate() {
        ck.required_text(&path.key("tags").index(i), "tag", t);
    }
    if d.parties.is_empty() {
        ck.error(
            Code::Value,
            path.key("parties"),
            "a deal needs at least one party",
        );
    }
    let mut entity_ref = |ck: &mut Checker, at: YamlPath, what: &str, id: &Option<String>| {
        let e = refs.entity(ck, at, what, id.as_deref()?);
        if let Some(e) = e {
            mentioned[e] = true;
        }
        e
    };
    let parties = d
        .parties
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let pp = path.key("parties").index(i);
            ck.opt_text(&pp.key("role"), "role", &p.role);
            let entity = entity_ref(ck, pp.key("entity"), "party", &p.entity)?;
            Some(Party {
                entity,
                role: p.role.clone(),
            })
        })
        .collect();
    let terms = d
        .terms
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let tp = path.key("terms").index(i);
            ck.opt_text(&tp.key("note"), "note", &t.note);
            let term = parse_term(ck, tp.key("text"), "term", t.text.as_ref()?, resolve);
            let source = t
                .source
                .as_ref()
                .and_then(|s| refs.source(ck, tp.key("source"), "source", s));
            Some(DealTerm {
                term,
                note: t.note.clone(),
                source,
            })
        })
        .collect();
    let flows: Vec<Flow> = d
        .flows
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let fp = path.key("flows").index(i);
            ck.opt_text(&fp.key("note"), "note", &f.note);
            let kind = f.kind.as_deref().and_then(|k| {
                let kind = FlowKind::parse(k);
                if kind.is_none() {
                    enum_error(ck, fp.key("kind"), "flow kind", k, FlowKind::NAMES);
                }
                kind
            });
            let from = entity_ref(ck, fp.key("from"), "flow source", &f.from);
            let to = entity_ref(ck, fp.key("to"), "flow destination", &f.to);
            if from.is_some() && from == to {
                ck.error(
                    Code::Value,
                    fp.key("to"),
                    format!("flow goes from '{}' to itself", clip(opt(&f.from), 60)),
                );
            }
            let amount = f
                .amount
                .as_ref()
                .map(|a| parse_term(ck, fp.key("amount"), "amount", a, resolve));
            Some(Flow {
                from: from?,
                to: to?,
                kind: kind?,
                amount,
                note: f.note.clone(),
            })
        })
        .collect();
    // The format's convention: an investment implies the stake it buys.
    for (i, f) in flows.iter().enumerate() {
        if f.kind == FlowKind::Equity
            && flows
                .iter()
                .any(|g| g.kind == FlowKind::Investment && g.from == f.to && g.to == f.from)
        {
            ck.warning(
                Code::Value,
                path.key("flows").index(i).key("kind"),
                "an equity flow back to an investor of the same deal: an investment already implies the stake it buys (use 'equity' only for shares granted without cash)",
            );
        }
    }
    let sources: Vec<usize> = d
        .sources
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, s)| refs.source(ck, path.key("sources").index(i), "source", s.as_deref()?))
        .collect();
    if d.sources.as_ref().is_none_or(Vec::is_empty) && d.id.is_some() {
        ck.warning(
            Code::NoSource,
            path.key("id"),
            format!(
                "deal '{}' cites no source; add 'sources: [source-id]'",
                clip(opt(&d.id), 60)
            ),
        );
    }
    Deal {
        id: opt(&d.id).to_string(),
        title: opt(&d.title).to_string(),
        date,
        status,
        tags: d.tags.iter().flatten().cloned().collect(),
        parties,
        terms,
        flows,
        sources,
        notes: d.notes.clone(),
    }
}
