//! The deal book as written: a YAML value read into plain structs, every field optional and
//! every scalar kept as text, with each structural problem (unknown or missing field, wrong
//! type) reported — all of them, not just the first.
//!
//! serde_yaml parses the text into a `Value`; this module is the one definition of the
//! format's shape. Values that have a closed set (ids, dates, kinds, statuses) stay text here
//! and are checked in `validate`, so one run reports every mistake with its position.

use super::diag::{Code, clip, suggestion};
use super::locate::YamlPath;
use super::validate::Checker;
use serde_yaml::Value;

#[derive(Debug, Default)]
pub struct RawBook {
    pub book: Option<RawMeta>,
    pub sources: Vec<RawSource>,
    pub entities: Vec<RawEntity>,
    pub deals: Vec<RawDeal>,
    /// Which sections were present (an empty or missing one is a warning).
    pub has: [bool; 3],
}

#[derive(Debug, Default)]
pub struct RawMeta {
    pub title: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawSource {
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub reference: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawEntity {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub aliases: Vec<Option<String>>,
    pub parent: Option<String>,
    pub people: Vec<RawPerson>,
    pub country: Option<String>,
    pub notes: Option<String>,
    pub metrics: Vec<RawMetric>,
}

#[derive(Debug, Default)]
pub struct RawPerson {
    pub name: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawMetric {
    pub name: Option<String>,
    pub date: Option<String>,
    pub amount: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawDeal {
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub status: Option<String>,
    pub tags: Vec<Option<String>>,
    pub parties: Vec<RawParty>,
    pub terms: Vec<RawTerm>,
    pub flows: Vec<RawFlow>,
    /// `None` when the deal has no `sources` key at all.
    pub sources: Option<Vec<Option<String>>>,
    pub notes: Option<String>,
}

/// A party: an entity id, or `{entity, role}`.
#[derive(Debug, Default)]
pub struct RawParty {
    pub entity: Option<String>,
    pub role: Option<String>,
}

/// A term: a string, or `{text, note, source}`.
#[derive(Debug, Default)]
pub struct RawTerm {
    pub text: Option<String>,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Default)]
pub struct RawFlow {
    pub from: Option<String>,
    pub to: Option<String>,
    pub kind: Option<String>,
    pub amount: Option<String>,
    pub note: Option<String>,
}

/// How a value is named in "expected …, found …".
fn found(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".into(),
        Value::Bool(b) => format!("'{b}'"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text '{}'", clip(s, 60)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a mapping".into(),
        Value::Tagged(t) => found(&t.value),
    }
}

/// Tags (`!foo value`) carry no meaning in a deal book: the value under them is read.
fn untag(v: Value) -> Value {
    match v {
        Value::Tagged(t) => untag(t.value),
        v => v,
    }
}

/// "in deals[0].flows[0]: " — where a structural problem is, for the message.
fn context(path: &YamlPath) -> String {
    if path.0.is_empty() {
        String::new()
    } else {
        format!("in {path}: ")
    }
}

/// The fields of one mapping, taken one by one; what is left at the end is unknown.
struct Fields {
    path: YamlPath,
    entries: Vec<(String, Value)>,
}

impl Fields {
    fn take(&mut self, key: &str) -> Option<Value> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        let v = untag(self.entries.swap_remove(i).1);
        // `key:` with nothing after it is the same as leaving the key out.
        (!v.is_null()).then_some(v)
    }
}

/// Reads values into the raw structs, reporting problems to the checker.
pub struct Reader<'a> {
    pub ck: &'a mut Checker,
}

impl Reader<'_> {
    fn schema(&mut self, path: YamlPath, message: String) {
        self.ck.error(Code::Schema, path, message);
    }

    /// Opens a mapping whose keys must be among `allowed`; reports unknown keys (at the key)
    /// and a value that is not a mapping.
    fn fields(&mut self, v: Value, path: &YamlPath, allowed: &[&'static str]) -> Option<Fields> {
        let map = match untag(v) {
            Value::Mapping(m) => m,
            other => {
                self.schema(
                    path.clone(),
                    format!(
                        "{}expected a mapping, found {}",
                        context(path),
                        found(&other)
                    ),
                );
                return None;
            }
        };
        let mut entries = Vec::with_capacity(map.len());
        for (k, v) in map {
            let key = match untag(k) {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    self.schema(
                        path.clone(),
                        format!(
                            "{}a key must be a field name, found {}",
                            context(path),
                            found(&other)
                        ),
                    );
                    continue;
                }
            };
            match allowed.iter().find(|a| **a == key) {
                Some(_) => entries.push((key, v)),
                None => {
                    let expected: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
                    let at = path.key_at(&key);
                    self.schema(
                        at,
                        format!(
                            "{}unknown field '{}'{}; expected {}",
                            context(path),
                            clip(&key, 60),
                            suggestion(&key, allowed.iter().copied()),
                            expected.join(", ")
                        ),
                    );
                }
            }
        }
        Some(Fields {
            path: path.clone(),
            entries,
        })
    }

    fn missing(&mut self, f: &Fields, key: &str) {
        self.schema(
            f.path.clone(),
            format!(
                "{}missing field '{key}', which is required here",
                context(&f.path)
            ),
        );
    }

    /// A scalar read as text: strings as they are, numbers and booleans as written.
    fn text_value(&mut self, v: Value, path: YamlPath) -> Option<String> {
        match untag(v) {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.schema(
                    path.clone(),
                    format!("{}expected text, found {}", context(&path), found(&other)),
                );
                None
            }
        }
    }

    fn opt_text(&mut self, f: &mut Fields, key: &'static str) -> Option<String> {
        let v = f.take(key)?;
        self.text_value(v, f.path.key(key))
    }

    fn req_text(&mut self, f: &mut Fields, key: &'static str) -> Option<String> {
        match f.take(key) {
            Some(v) => self.text_value(v, f.path.key(key)),
            None => {
                self.missing(f, key);
                None
            }
        }
    }

    /// A list under `key`, each item read by `item`; `None` when the key is absent. An item
    /// that cannot be read (reported) stays in the list as an empty one, so that the items
    /// after it keep their index — and their positions in later messages.
    fn list<T: Default>(
        &mut self,
        f: &mut Fields,
        key: &'static str,
        mut item: impl FnMut(&mut Self, Value, YamlPath) -> Option<T>,
    ) -> Option<Vec<T>> {
        let v = f.take(key)?;
        let path = f.path.key(key);
        match v {
            Value::Sequence(items) => Some(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| item(self, untag(v), path.index(i)).unwrap_or_default())
                    .collect(),
            ),
            other => {
                self.schema(
                    path.clone(),
                    format!("{}expected a list, found {}", context(&path), found(&other)),
                );
                // One unreadable item stands for the list, so that nothing downstream also
                // reports it as empty ("a deal needs at least one party").
                Some(vec![T::default()])
            }
        }
    }

    fn texts(&mut self, f: &mut Fields, key: &'static str) -> Option<Vec<Option<String>>> {
        self.list(f, key, |r, v, p| Some(r.text_value(v, p)))
    }

    /// The whole book. `v` is the document; `None` means it is not a mapping (reported).
    pub fn book(&mut self, v: Value) -> Option<RawBook> {
        let root = YamlPath::root();
        let mut top = &v;
        while let Value::Tagged(t) = top {
            top = &t.value;
        }
        if !matches!(top, Value::Mapping(_)) {
            self.schema(
                root,
                format!(
                    "expected a mapping at the top of the file ('sources', 'entities', 'deals'), found {}",
                    found(&v)
                ),
            );
            return None;
        }
        let mut f = self.fields(v, &root, &["book", "sources", "entities", "deals"])?;
        let book = f.take("book").and_then(|v| {
            let path = root.key("book");
            let mut m = self.fields(v, &path, &["title", "as_of"])?;
            Some(RawMeta {
                title: self.opt_text(&mut m, "title"),
                as_of: self.opt_text(&mut m, "as_of"),
            })
        });
        let sources = self.list(&mut f, "sources", Self::source);
        let entities = self.list(&mut f, "entities", Self::entity);
        let deals = self.list(&mut f, "deals", Self::deal);
        Some(RawBook {
            book,
            has: [
                sources.as_ref().is_some_and(|s| !s.is_empty()),
                entities.as_ref().is_some_and(|s| !s.is_empty()),
                deals.as_ref().is_some_and(|s| !s.is_empty()),
            ],
            sources: sources.unwrap_or_default(),
            entities: entities.unwrap_or_default(),
            deals: deals.unwrap_or_default(),
        })
    }

    fn source(&mut self, v: Value, path: YamlPath) -> Option<RawSource> {
        let mut f = self.fields(
            v,
            &path,
            &["id", "title", "publisher", "date", "lang", "url", "ref"],
        )?;
        Some(RawSource {
            id: self.req_text(&mut f, "id"),
            title: self.req_text(&mut f, "title"),
            publisher: self.opt_text(&mut f, "publisher"),
            date: self.opt_text(&mut f, "date"),
            lang: self.opt_text(&mut f, "lang"),
            url: self.opt_text(&mut f, "url"),
            reference: self.opt_text(&mut f, "ref"),
        })
    }

    fn entity(&mut self, v: Value, path: YamlPath) -> Option<RawEntity> {
        let mut f = self.fields(
            v,
            &path,
            &[
                "id", "name", "kind", "aliases", "parent", "people", "country", "notes", "metrics",
            ],
        )?;
        Some(RawEntity {
            id: self.req_text(&mut f, "id"),
            name: self.req_text(&mut f, "name"),
            kind: self.opt_text(&mut f, "kind"),
            aliases: self.texts(&mut f, "aliases").unwrap_or_default(),
            parent: self.opt_text(&mut f, "parent"),
            people: self
                .list(&mut f, "people", |r, v, p| {
                    let mut m = r.fields(v, &p, &["name", "role"])?;
                    Some(RawPerson {
                        name: r.req_text(&mut m, "name"),
                        role: r.opt_text(&mut m, "role"),
                    })
                })
                .unwrap_or_default(),
            country: self.opt_text(&mut f, "country"),
            notes: self.opt_text(&mut f, "notes"),
            metrics: self
                .list(&mut f, "metrics", |r, v, p| {
                    let mut m = r.fields(v, &p, &["name", "date", "amount", "source", "note"])?;
                    Some(RawMetric {
                        name: r.req_text(&mut m, "name"),
                        date: r.req_text(&mut m, "date"),
                        amount: r.req_text(&mut m, "amount"),
                        source: r.opt_text(&mut m, "source"),
                        note: r.opt_text(&mut m, "note"),
                    })
                })
                .unwrap_or_default(),
        })
    }

    fn deal(&mut self, v: Value, path: YamlPath) -> Option<RawDeal> {
        let mut f = self.fields(
            v,
            &path,
            &[
                "id", "title", "date", "status", "tags", "parties", "terms", "flows", "sources",
                "notes",
            ],
        )?;
        let id = self.req_text(&mut f, "id");
        let title = self.req_text(&mut f, "title");
        let date = self.opt_text(&mut f, "date");
        let status = self.req_text(&mut f, "status");
        let tags = self.texts(&mut f, "tags").unwrap_or_default();
        let parties = match self.list(&mut f, "parties", Self::party) {
            Some(p) => p,
            None => {
                self.missing(&f, "parties");
                Vec::new()
            }
        };
        let terms = self.list(&mut f, "terms", Self::term).unwrap_or_default();
        let flows = self
            .list(&mut f, "flows", |r, v, p| {
                let mut m = r.fields(v, &p, &["from", "to", "kind", "amount", "note"])?;
                Some(RawFlow {
                    from: r.req_text(&mut m, "from"),
                    to: r.req_text(&mut m, "to"),
                    kind: r.req_text(&mut m, "kind"),
                    amount: r.opt_text(&mut m, "amount"),
                    note: r.opt_text(&mut m, "note"),
                })
            })
            .unwrap_or_default();
        let sources = self.texts(&mut f, "sources");
        let notes = self.opt_text(&mut f, "notes");
        Some(RawDeal {
            id,
            title,
            date,
            status,
            tags,
            parties,
            terms,
            flows,
            sources,
            notes,
        })
    }

    fn party(&mut self, v: Value, path: YamlPath) -> Option<RawParty> {
        if let Value::Mapping(_) = v {
            let mut m = self.fields(v, &path, &["entity", "role"])?;
            return Some(RawParty {
                entity: self.req_text(&mut m, "entity"),
                role: self.opt_text(&mut m, "role"),
            });
        }
        Some(RawParty {
            entity: Some(self.scalar_item(v, path, "an entity id or a mapping {entity, role}")?),
            role: None,
        })
    }

    fn term(&mut self, v: Value, path: YamlPath) -> Option<RawTerm> {
        if let Value::Mapping(_) = v {
            let mut m = self.fields(v, &path, &["text", "note", "source"])?;
            return Some(RawTerm {
                text: self.req_text(&mut m, "text"),
                note: self.opt_text(&mut m, "note"),
                source: self.opt_text(&mut m, "source"),
            });
        }
        Some(RawTerm {
            text: Some(self.scalar_item(v, path, "a term or a mapping {text, note, source}")?),
            ..RawTerm::default()
        })
    }

    /// The bare form of a "string or mapping" item.
    fn scalar_item(&mut self, v: Value, path: YamlPath, expected: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            other => {
                self.schema(
                    path.clone(),
                    format!(
                        "{}expected {expected}, found {}",
                        context(&path),
                        found(&other)
                    ),
                );
                None
            }
        }
    }
}
