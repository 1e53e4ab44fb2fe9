//! Finds where a value sits in the YAML text from its path (`deals[3].parties[1].entity`).
//!
//! serde_yaml gives positions only for the errors it raises itself. Problems found later
//! (unknown references, duplicate ids, bad dates) know the path of the value; this module maps
//! paths back to line and column with a second, event-level parse. That parse only runs when a
//! book has something to report, so a clean book pays nothing for it (see docs/architecture.md).

use saphyr_parser::{Event, Parser, Span};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One step of a path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
    /// The key itself (not its value) of a field, by name: where an unknown field is.
    FieldKey(String),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YamlPath(pub Vec<Seg>);

impl YamlPath {
    pub fn root() -> Self {
        YamlPath(Vec::new())
    }

    pub fn key(&self, key: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(key));
        p
    }

    /// The position of the key `name` in this mapping (rather than of its value).
    pub fn key_at(&self, name: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::FieldKey(name.to_string()));
        p
    }

    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
                // Keys are found under the path of their value with a '#' after it.
                Seg::FieldKey(k) if i == 0 => write!(f, "{k}#")?,
                Seg::FieldKey(k) => write!(f, ".{k}#")?,
            }
        }
        Ok(())
    }
}

/// 1-based line and column.
pub type Pos = (usize, usize);

fn pos(span: &Span) -> Pos {
    (span.start.line(), span.start.col() + 1)
}

/// Where each of `paths` is. A path that does not exist in the text (a missing field) gets the
/// position of its longest existing prefix; with no prefix at all, 1:1.
pub fn locate(text: &str, paths: &[YamlPath]) -> Vec<Pos> {
    let wanted: Vec<Vec<String>> = paths
        .iter()
        .map(|p| {
            (0..=p.0.len())
                .map(|n| YamlPath(p.0[..n].to_vec()).to_string())
                .collect()
        })
        .collect();
    let all: HashSet<&str> = wanted.iter().flatten().map(String::as_str).collect();
    let mut found: HashMap<String, Pos> = HashMap::new();
    walk(text, |path, node_pos, _| {
        if all.contains(path) {
            found.entry(path.to_string()).or_insert(node_pos);
        }
    });
    wanted
        .iter()
        .map(|prefixes| {
            prefixes
                .iter()
                .rev()
                .find_map(|p| found.get(p).copied())
                .unwrap_or((1, 1))
        })
        .collect()
}

/// Positions of the repeated occurrences of `key` inside one mapping (the second and later).
pub fn duplicate_keys(text: &str, key: &str) -> Vec<Pos> {
    let mut out = Vec::new();
    walk(text, |_, node_pos, dup_key| {
        if dup_key == Some(key) {
            out.push(node_pos);
        }
    });
    out
}

/// Where the second document of a stream starts, if there is one.
pub fn second_document(text: &str) -> Option<Pos> {
    let mut docs = 0;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            return None;
        };
        if let Event::DocumentStart(_) = event {
            docs += 1;
            if docs == 2 {
                return Some(pos(&span));
            }
        }
    }
    None
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        expect_key: bool,
        seen: HashSet<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
    /// Inside a complex (non-scalar) mapping key: nothing in it has a path.
    Skip(usize),
}

/// Calls `visit(path, position, repeated_key)` for every node of the first document: for values
/// with their path and `None`, and for a mapping key that repeats an earlier key of the same
/// mapping with the mapping's path and `Some(key)`. Stops quietly at a parse error.
fn walk(text: &str, mut visit: impl FnMut(&str, Pos, Option<&str>)) {
    let mut stack: Vec<Frame> = Vec::new();
    let mut in_document = false;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            return;
        };
        let at = pos(&span);
        let (is_start, is_end, scalar) = match &event {
            Event::DocumentStart(_) => {
                if in_document {
                    return;
                }
                in_document = true;
                continue;
            }
            Event::DocumentEnd | Event::StreamEnd => return,
            Event::Scalar(value, ..) => (false, false, Some(value.as_ref())),
            Event::Alias(_) => (false, false, None),
            Event::MappingStart(..) | Event::SequenceStart(..) => (true, false, None),
            Event::MappingEnd | Event::SequenceEnd => (false, true, None),
            _ => continue,
        };
        if is_end {
            match stack.last_mut() {
                Some(Frame::Skip(depth)) if *depth > 1 => *depth -= 1,
                _ => {
                    stack.pop();
                }
            }
            continue;
        }
        // The path of this node, or None when it is a mapping key (or inside one).
        let node_path: Option<String> = match stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Skip(depth)) => {
                if is_start {
                    *depth += 1;
                }
                continue;
            }
            Some(Frame::Map {
                path,
                key,
                expect_key,
                seen,
            }) => {
                if *expect_key {
                    *expect_key = false;
                    *key = scalar.map(str::to_string);
                    if let Some(k) = scalar {
                        if !seen.insert(k.to_string()) {
                            visit(path, at, Some(k));
                        }
                        let key_path = if path.is_empty() {
                            format!("{k}#")
                        } else {
                            format!("{path}.{k}#")
                        };
                        visit(&key_path, at, None);
                    }
                    if is_start {
                        stack.push(Frame::Skip(1));
                    }
                    continue;
                }
                *expect_key = true;
                let k = key.as_deref().unwrap_or("?");
                Some(if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                })
            }
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
        };
        let Some(node_path) = node_path else { continue };
        visit(&node_path, at, None);
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map {
                path: node_path,
                key: None,
                expect_key: true,
                seen: HashSet::new(),
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq {
                path: node_path,
                next: 0,
            }),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "\
entities:
  - id: nvidia
    name: Nvidia
deals:
  - id: d1
    parties: [nvidia, {entity: amd, role: vendor}]
    flows:
      - from: nvidia
        to: openai
";

    fn p(segs: &[Seg]) -> YamlPath {
        YamlPath(segs.to_vec())
    }

    #[test]
    fn finds_values_in_block_and_flow_style() {
        use Seg::*;
        let paths = [
            p(&[Key("deals"), Index(0), Key("flows"), Index(0), Key("to")]),
            p(&[
                Key("deals"),
                Index(0),
                Key("parties"),
                Index(1),
                Key("entity"),
            ]),
            p(&[Key("entities"), Index(0), Key("name")]),
            p(&[Key("deals"), Index(0), Key("parties"), Index(0)]),
        ];
        assert_eq!(locate(BOOK, &paths), [(9, 13), (6, 32), (3, 11), (6, 15)]);
    }

    #[test]
    fn missing_path_falls_back_to_nearest_existing_parent() {
        use Seg::*;
        let paths = [
            p(&[Key("deals"), Index(0), Key("status")]),
            p(&[Key("nope")]),
        ];
        assert_eq!(locate(BOOK, &paths), [(5, 5), (1, 1)]);
    }

    #[test]
    fn reports_repeated_keys_where_they_repeat() {
        let text = "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\na: 4\n";
        assert_eq!(duplicate_keys(text, "x"), [(5, 3)]);
        assert_eq!(duplicate_keys(text, "a"), [(6, 1)]);
    }

    #[test]
    fn finds_the_second_document() {
        assert_eq!(second_document("a: 1\n---\nb: 2\n"), Some((2, 1)));
        assert_eq!(second_document("a: 1\n"), None);
    }

    #[test]
    fn path_display_matches_serde_yaml() {
        use Seg::*;
        assert_eq!(
            p(&[Key("deals"), Index(3), Key("parties"), Index(1)]).to_string(),
            "deals[3].parties[1]"
        );
    }
}
