//! A book written back as deal-book YAML, in the style of a hand-written one: plain scalars where
//! they read back as the same text, double quotes elsewhere, long notes folded.

use crate::book::model::{Book, Deal, Entity, Source};
use crate::book::terms::Term;
use std::fmt::Write;

/// The YAML text of `book`. Loading it gives the same records (a test checks it on the bundled
/// book and on every synthetic shape).
pub fn to_yaml(book: &Book) -> String {
    let mut y = Yaml(String::with_capacity(
        book.deals.len() * 900 + book.entities.len() * 250,
    ));
    y.0.push_str("book:\n");
    y.field(1, "title", book.title.as_deref());
    if let Some(d) = book.as_of {
        y.line(1, "as_of", &d.to_string());
    }
    y.0.push_str("sources:\n");
    for s in &book.sources {
        y.source(s);
    }
    y.0.push_str("entities:\n");
    for e in &book.entities {
        y.entity(book, e);
    }
    y.0.push_str("deals:\n");
    for d in &book.deals {
        y.deal(book, d);
    }
    y.0
}

struct Yaml(String);

impl Yaml {
    /// `key: value` at `depth` (two spaces each), the value written as is.
    fn line(&mut self, depth: usize, key: &str, value: &str) {
        let _ = writeln!(self.0, "{:w$}{key}: {value}", "", w = depth * 2);
    }

    /// `key: text`, quoted when it must be, folded when it is long; nothing for `None`.
    fn field(&mut self, depth: usize, key: &str, text: Option<&str>) {
        let Some(text) = text else { return };
        if text.len() > 100 && plain(text) {
            let pad = depth * 2 + 2;
            let _ = writeln!(
                self.0,
                "{:w$}{key}: >-\n{:pad$}{text}",
                "",
                "",
                w = depth * 2
            );
        } else {
            self.line(depth, key, &scalar(text));
        }
    }

    /// `key: [a, b]`, nothing when empty.
    fn list(&mut self, depth: usize, key: &str, items: &[&str]) {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|s| scalar(s)).collect();
            self.line(depth, key, &format!("[{}]", items.join(", ")));
        }
    }

    fn source(&mut self, s: &Source) {
        self.line(1, "- id", &scalar(&s.id));
        self.field(2, "title", Some(&s.title));
        self.field(2, "publisher", s.publisher.as_deref());
        if let Some(d) = s.date {
            self.line(2, "date", &d.to_string());
        }
        self.field(2, "lang", s.lang.as_deref());
        self.field(2, "url", s.url.as_deref());
        self.field(2, "ref", s.reference.as_deref());
        self.field(2, "file", s.file.as_deref());
    }

    fn entity(&mut self, book: &Book, e: &Entity) {
        self.line(1, "- id", &scalar(&e.id));
        self.field(2, "name", Some(&e.name));
        if e.kind != crate::book::EntityKind::Company {
            self.line(2, "kind", e.kind.as_str());
        }
        let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
        self.list(2, "aliases", &aliases);
        if let Some(p) = e.parent {
            self.line(2, "parent", &scalar(&book.entities[p].id));
        }
        self.field(2, "country", e.country.as_deref());
        if !e.people.is_empty() {
            self.0.push_str("    people:\n");
            for p in &e.people {
                self.line(3, "- name", &scalar(&p.name));
                self.field(4, "role", p.role.as_deref());
            }
        }
        if !e.metrics.is_empty() {
            self.0.push_str("    metrics:\n");
            for m in &e.metrics {
                self.line(3, "- name", &scalar(&m.name));
                if let Some(d) = m.date {
                    self.line(4, "date", &d.to_string());
                }
                self.line(4, "amount", &term(&m.amount));
                if let Some(s) = m.source {
                    self.line(4, "source", &scalar(&book.sources[s].id));
                }
                self.field(4, "quote", m.quote.as_deref());
                if m.reported {
                    self.line(4, "reported", "true");
                }
                self.field(4, "note", m.note.as_deref());
            }
        }
        self.field(2, "notes", e.notes.as_deref());
    }

    fn deal(&mut self, book: &Book, d: &Deal) {
        let id = |e: usize| scalar(&book.entities[e].id);
        let ends = |list: &[usize]| match list {
            [one] => id(*one),
            many => format!(
                "[{}]",
                many.iter().map(|&e| id(e)).collect::<Vec<_>>().join(", ")
            ),
        };
        self.line(1, "- id", &scalar(&d.id));
        self.field(2, "title", Some(&d.title));
        if let Some(date) = d.date {
            self.line(2, "date", &date.to_string());
        }
        self.line(2, "status", d.status.as_str());
        if d.reported {
            self.line(2, "reported", "true");
        }
        let tags: Vec<&str> = d.tags.iter().map(String::as_str).collect();
        self.list(2, "tags", &tags);
        self.0.push_str("    parties:\n");
        for p in &d.parties {
            match &p.role {
                Some(role) => {
                    self.line(3, "- entity", &id(p.entity));
                    self.line(4, "role", &scalar(role));
                }
                None => {
                    let _ = writeln!(self.0, "      - {}", id(p.entity));
                }
            }
        }
        if !d.terms.is_empty() {
            self.0.push_str("    terms:\n");
            for t in &d.terms {
                if t.note.is_none() && t.source.is_none() && t.quote.is_none() {
                    let _ = writeln!(self.0, "      - {}", term(&t.term));
                    continue;
                }
                self.line(3, "- text", &term(&t.term));
                self.field(4, "note", t.note.as_deref());
                if let Some(s) = t.source {
                    self.line(4, "source", &scalar(&book.sources[s].id));
                }
                self.field(4, "quote", t.quote.as_deref());
            }
        }
        if !d.flows.is_empty() {
            self.0.push_str("    flows:\n");
            for f in &d.flows {
                let mut m = format!(
                    "{{from: {}, to: {}, kind: {}",
                    ends(&f.from),
                    ends(&f.to),
                    f.kind.as_str()
                );
                if let Some(a) = &f.amount {
                    let _ = write!(m, ", amount: {}", term(a));
                }
                if let Some(s) = f.source {
                    let _ = write!(m, ", source: {}", scalar(&book.sources[s].id));
                }
                if let Some(q) = &f.quote {
                    let _ = write!(m, ", quote: {}", scalar(q));
                }
                if f.inferred {
                    m.push_str(", inferred: true");
                }
                if let Some(n) = &f.note {
                    let _ = write!(m, ", note: {}", scalar(n));
                }
                let _ = writeln!(self.0, "      - {m}}}");
            }
        }
        let sources: Vec<&str> = d.sources.iter().map(|&s| &*book.sources[s].id).collect();
        self.list(2, "sources", &sources);
        self.field(2, "notes", d.notes.as_deref());
    }
}

/// A term as written, always quoted as hand-written books quote them ("$40B", "up to 10%").
fn term(t: &Term) -> String {
    quoted(&t.text)
}

/// `text` as a YAML scalar that reads back as the same text.
fn scalar(text: &str) -> String {
    if plain(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Whether `text` reads back unchanged as a plain scalar, in a block or in a flow collection:
/// it starts with a letter, holds only letters, digits, spaces and `-.$%()/'`, does not end
/// with a space, and is not a word YAML reads as a boolean or null.
fn plain(text: &str) -> bool {
    const KEYWORDS: [&str; 10] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan",
    ];
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " -.$%()/'".contains(c))
        && !KEYWORDS.contains(&text.to_ascii_lowercase().as_str())
}

/// A double-quoted scalar. JSON's escapes are YAML's; the characters some YAML parsers take
/// for line breaks (U+0085, U+2028, U+2029) and the byte-order mark are escaped too.
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_only_when_it_reads_back_the_same() {
        for s in ["Kalzen Labs", "SoftBank Corp.", "up to 10% of X", "d12-x"] {
            assert!(plain(s), "{s}");
        }
        for s in [
            "", "12", "No", "null", "a: b", "a #b", "[x]", "x,y", "x ", " x", "é", "-x", "a  b",
        ] {
            assert!(!plain(s), "{s}");
        }
        assert_eq!(quoted("a\u{2028}\"b"), "\"a\\u2028\\\"b\"");
    }
}
