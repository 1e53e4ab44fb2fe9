//! The query language, one grammar for the explorer's `/`, `dealbook search` and `--where`:
//! fuzzy words, fzf's `'exact`, `^prefix` and `suffix$`, negation with `-` or `!`, and field
//! filters such as `status:signed`, `date:2025-03..2025-09` or `amount:>10B`. docs/search.md
//! describes it; errors carry the byte position of what is wrong and a did-you-mean.

use crate::book::diag::{clip, did_you_mean};
use crate::book::terms::{self, Bound};
use crate::book::{Date, EntityKind, FlowKind, Status};
use std::fmt;

/// A parsed query: its clauses in the order written. Every clause must hold for a record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// Text the record must contain (scored and highlighted).
    Word(Pattern),
    /// Text none of the record's fields may contain (`-word`, `!word`): matched exactly, as
    /// fzf's inverse terms are.
    Not(Pattern),
    /// A field filter; `negated` for `-status:signed`.
    Filter {
        filter: Filter,
        negated: bool,
        /// Where the clause starts in the query, in bytes.
        at: usize,
    },
}

/// How a word is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Its letters in order, not necessarily together.
    Fuzzy,
    /// `'word`: together, anywhere.
    Exact,
    /// `^word`: at the start of a field.
    Prefix,
    /// `word$`: at the end of a field.
    Suffix,
    /// `^word$`: the whole field.
    Equal,
}

/// A word and how it is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Without its markers (`'`, `^`, `$`, `-`, `!`).
    pub text: String,
    pub mode: Mode,
    /// Where the word starts in the query, in bytes.
    pub at: usize,
}

/// What a field filter keeps.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Deals (and their terms and flows) in one of these statuses.
    Status(Vec<Status>),
    /// Flows of one of these kinds (and deals with such a flow), entities of one of these kinds.
    Kind {
        flows: Vec<FlowKind>,
        entities: Vec<EntityKind>,
    },
    /// Deals with one of these tags (and their terms and flows); compared folded.
    Tag(Vec<String>),
    /// Records an entity takes part in, by id, name or alias (resolved when searching).
    Party(Vec<String>),
    /// Flows from the entity, and deals with such a flow.
    From(Vec<String>),
    /// Flows to the entity, and deals with such a flow.
    To(Vec<String>),
    /// Records whose date overlaps these days (`YYYYMMDD`, both included).
    Date { from: u32, to: u32 },
    /// Records with an amount overlapping this interval, in base units of `unit`.
    Amount(AmountRange),
    /// Records of one of these sorts.
    Is(Vec<Is>),
}

/// An interval of amounts; an open end is infinite. `open_low`/`open_high` exclude the end
/// itself (`>10B`).
#[derive(Debug, Clone, PartialEq)]
pub struct AmountRange {
    pub low: f64,
    pub high: f64,
    pub open_low: bool,
    pub open_high: bool,
    /// "USD", "EUR", "%", … as the term reader names units.
    pub unit: String,
}

impl AmountRange {
    /// Whether the amounts from `low` to `high` (`None`: unbounded) in `unit` overlap this one.
    pub fn overlaps(&self, unit: Option<&str>, low: Option<f64>, high: Option<f64>) -> bool {
        if unit != Some(self.unit.as_str()) {
            return false;
        }
        let low = low.unwrap_or(0.0);
        let high = high.unwrap_or(f64::INFINITY);
        let above = if self.open_low {
            high > self.low
        } else {
            high >= self.low
        };
        let below = if self.open_high {
            low < self.high
        } else {
            low <= self.high
        };
        above && below
    }
}

/// What `is:` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Is {
    Loop,
    /// Deals and sources without a date, and the terms and flows of such deals.
    Undated,
    /// Flows without an amount, terms read as undisclosed, and the deals that have one.
    Undisclosed,
    /// Records of one kind: `is:entity`, `is:deal`, … (`Record::kind`).
    Kind(&'static str),
}

const IS_NAMES: &[&str] = &[
    "loop",
    "undated",
    "undisclosed",
    "entity",
    "deal",
    "term",
    "flow",
    "metric",
    "source",
    // The review filters, answered by the marks (`review::filter` takes them out of a query
    // before it gets here): listed so that a mistyped one is named in the message.
    "reviewed",
    "unreviewed",
    "flagged",
    "noted",
];

/// The fields a filter can name.
pub const FIELDS: &[&str] = &[
    "status", "kind", "tag", "party", "from", "to", "date", "amount", "is",
];

/// Why a query cannot be searched. `at` is a byte offset into the query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("unknown field '{field}'{hint}; fields are {}", FIELDS.join(", "))]
    UnknownField {
        at: usize,
        field: String,
        hint: String,
    },
    #[error("'{field}:' needs a value, e.g. {example}")]
    MissingValue {
        at: usize,
        field: &'static str,
        example: &'static str,
    },
    #[error("unknown {field} '{value}'{hint}; one of: {choices}")]
    UnknownValue {
        at: usize,
        field: &'static str,
        value: String,
        hint: String,
        choices: String,
    },
    #[error(
        "'{value}' is not a date: write 2025, 2025-03, 2025-03-15, 2025-H1, 2025-Q3, or a range 2025-03..2025-09"
    )]
    BadDate { at: usize, value: String },
    #[error(
        "'{value}' is not an amount: write 10B, $1.5B, 500M, 10%, >10B, <=5B or a range 1B..5B"
    )]
    BadAmount { at: usize, value: String },
    #[error("no entity has the id, name or alias '{value}'{hint}")]
    UnknownEntity {
        at: usize,
        value: String,
        hint: String,
    },
    #[error("no deal has the tag '{value}'{hint}")]
    UnknownTag {
        at: usize,
        value: String,
        hint: String,
    },
}

impl QueryError {
    /// Where in the query the problem is, in bytes.
    pub fn at(&self) -> usize {
        match self {
            QueryError::UnknownField { at, .. }
            | QueryError::MissingValue { at, .. }
            | QueryError::UnknownValue { at, .. }
            | QueryError::BadDate { at, .. }
            | QueryError::BadAmount { at, .. }
            | QueryError::UnknownEntity { at, .. }
            | QueryError::UnknownTag { at, .. } => *at,
        }
    }

    /// Where in the query the problem is, in characters (for drawing a caret under it).
    pub fn column(&self, query: &str) -> usize {
        query.get(..self.at()).map_or(0, |s| s.chars().count())
    }

    /// The message, then the query with a caret under the place: for a terminal.
    pub fn render(&self, query: &str) -> String {
        format!(
            "{self} (at character {})\n  {query}\n  {}^",
            self.column(query) + 1,
            " ".repeat(self.column(query))
        )
    }
}

/// " (did you mean 'x'?)" for a near candidate, or nothing.
pub(super) fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean '{}'?)", clip(c, 60)))
        .unwrap_or_default()
}

impl Query {
    /// Parses a query. Words are separated by white space; a word `name:value` whose name is
    /// letters only is a filter (start it with `'` to search for such text).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut clauses = Vec::new();
        for (at, word) in words(text) {
            clauses.push(clause(at, word)?);
        }
        Ok(Query { clauses })
    }

    /// The words to find (not negated), in order.
    pub fn words(&self) -> impl Iterator<Item = &Pattern> {
        self.clauses.iter().filter_map(|c| match c {
            Clause::Word(p) => Some(p),
            _ => None,
        })
    }

    /// Whether the query holds field filters or negated words, which restrict without scoring.
    pub fn restricts(&self) -> bool {
        self.clauses.iter().any(|c| !matches!(c, Clause::Word(_)))
    }

    /// Whether the query has nothing in it.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The clauses that restrict (filters and negated words), in order.
    pub fn restrictions(&self) -> impl Iterator<Item = &Clause> {
        self.clauses
            .iter()
            .filter(|c| !matches!(c, Clause::Word(_)))
    }
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len()
                + text[at + w.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn clause(at: usize, word: &str) -> Result<Clause, QueryError> {
    // A lone marker is a word of its own ("-" finds dashes).
    if word.chars().count() == 1 {
        return Ok(Clause::Word(Pattern {
            text: word.to_string(),
            mode: Mode::Fuzzy,
            at,
        }));
    }
    let (negated, body, body_at) = match word.strip_prefix(['-', '!']) {
        Some(rest) => (true, rest, at + 1),
        None => (false, word, at),
    };
    if let Some((name, value)) = body.split_once(':') {
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic()) {
            let filter = filter(body_at, name, body_at + name.len() + 1, value)?;
            return Ok(Clause::Filter {
                filter,
                negated,
                at,
            });
        }
    }
    let pattern = pattern(body_at, body);
    Ok(if negated {
        // fzf's inverse terms match exactly: `!fire` drops what contains "fire".
        let mode = match pattern.mode {
            Mode::Fuzzy => Mode::Exact,
            m => m,
        };
        Clause::Not(Pattern { mode, ..pattern })
    } else {
        Clause::Word(pattern)
    })
}

fn pattern(at: usize, body: &str) -> Pattern {
    let (exact, body, at) = match body.strip_prefix('\'') {
        Some(rest) if !rest.is_empty() => (true, rest, at + 1),
        _ => (false, body, at),
    };
    let (prefix, body, at) = match body.strip_prefix('^') {
        Some(rest) if !exact && !rest.is_empty() => (true, rest, at + 1),
        _ => (false, body, at),
    };
    let (suffix, body) = match body.strip_suffix('$') {
        Some(rest) if !exact && !rest.is_empty() => (true, rest),
        _ => (false, body),
    };
    let mode = match (exact, prefix, suffix) {
        (true, _, _) => Mode::Exact,
        (_, true, true) => Mode::Equal,
        (_, true, false) => Mode::Prefix,
        (_, false, true) => Mode::Suffix,
        _ => Mode::Fuzzy,
    };
    Pattern {
        text: body.to_string(),
        mode,
        at,
    }
}

/// The comma-separated values of a filter, with their byte offsets; empty ones are errors.
fn values<'a>(
    at: usize,
    field: &'static str,
    example: &'static str,
    value: &'a str,
) -> Result<Vec<(usize, &'a str)>, QueryError> {
    let mut out = Vec::new();
    let mut pos = at;
    for v in value.split(',') {
        if v.is_empty() {
            return Err(QueryError::MissingValue {
                at: pos,
                field,
                example,
            });
        }
        out.push((pos, v));
        pos += v.len() + 1;
    }
    Ok(out)
}

/// A value from a closed list, folded to lower case.
fn one_of<T: Copy>(
    field: &'static str,
    (at, v): (usize, &str),
    names: &[&'static str],
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, QueryError> {
    parse(&v.to_lowercase()).ok_or_else(|| QueryError::UnknownValue {
        at,
        field,
        value: clip(v, 40),
        hint: hint(v, names.iter().copied()),
        choices: names.join(", "),
    })
}

fn filter(name_at: usize, name: &str, at: usize, value: &str) -> Result<Filter, QueryError> {
    let lower = name.to_ascii_lowercase();
    let Some(&field) = FIELDS.iter().find(|f| **f == lower) else {
        return Err(QueryError::UnknownField {
            at: name_at,
            field: clip(name, 40),
            hint: hint(name, FIELDS.iter().copied()),
        });
    };
    let example = match field {
        "status" => "status:signed or status:negotiating,rumored",
        "kind" => "kind:investment or kind:fund",
        "tag" => "tag:chips",
        "party" | "from" | "to" => "party:nvidia (an id, a name or an alias)",
        "date" => "date:2025 or date:2025-03..2025-09",
        "amount" => "amount:>10B or amount:1B..5B",
        _ => "is:loop, is:undated or is:undisclosed",
    };
    if value.is_empty() {
        return Err(QueryError::MissingValue { at, field, example });
    }
    let strings = |at| -> Result<Vec<String>, QueryError> {
        Ok(values(at, field, example, value)?
            .into_iter()
            .map(|(_, v)| v.to_string())
            .collect())
    };
    Ok(match field {
        "status" => Filter::Status(
            values(at, field, example, value)?
                .into_iter()
                .map(|v| one_of(field, v, Status::NAMES, Status::parse))
                .collect::<Result<_, _>>()?,
        ),
        "kind" => {
            let mut flows = Vec::new();
            let mut entities = Vec::new();
            let names: Vec<&'static str> = FlowKind::NAMES
                .iter()
                .chain(EntityKind::NAMES)
                .copied()
                .collect();
            for v in values(at, field, example, value)? {
                let lower = v.1.to_lowercase().replace('-', "_");
                match (FlowKind::parse(&lower), EntityKind::parse(&lower)) {
                    (Some(f), _) => flows.push(f),
                    (None, Some(e)) => entities.push(e),
                    (None, None) => {
                        one_of::<()>(field, v, &names, |_| None)?;
                    }
                }
            }
            Filter::Kind { flows, entities }
        }
        "tag" => Filter::Tag(strings(at)?),
        "party" => Filter::Party(strings(at)?),
        "from" => Filter::From(strings(at)?),
        "to" => Filter::To(strings(at)?),
        "date" => date_filter(at, value)?,
        "amount" => Filter::Amount(amount_filter(at, value)?),
        _ => Filter::Is(
            values(at, field, example, value)?
                .into_iter()
                .map(|v| {
                    one_of(field, v, IS_NAMES, |s| match s {
                        "loop" => Some(Is::Loop),
                        "undated" => Some(Is::Undated),
                        "undisclosed" => Some(Is::Undisclosed),
                        // The record kinds; the review filters after them are not the index's.
                        _ => IS_NAMES
                            .iter()
                            .skip(3)
                            .take(7)
                            .find(|n| **n == s)
                            .map(|n| Is::Kind(n)),
                    })
                })
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// A comparison written before a value: `>`, `>=`, `<`, `<=`, `=`, or none.
fn comparison(value: &str) -> (&str, &str) {
    for op in [">=", "<=", ">", "<", "="] {
        if let Some(rest) = value.strip_prefix(op) {
            return (op, rest);
        }
    }
    ("", value)
}

fn date_filter(at: usize, value: &str) -> Result<Filter, QueryError> {
    let bad = |at: usize, v: &str| QueryError::BadDate {
        at,
        value: clip(v, 40),
    };
    let day = |at: usize, v: &str| {
        Date::parse_metric(v)
            .map(|d| d.span())
            .map_err(|_| bad(at, v))
    };
    if let Some((a, b)) = value.split_once("..") {
        let from = if a.is_empty() { 0 } else { day(at, a)?.0 };
        let b_at = at + a.len() + 2;
        let to = if b.is_empty() {
            u32::MAX
        } else {
            day(b_at, b)?.1
        };
        if from > to {
            return Err(bad(at, value));
        }
        return Ok(Filter::Date { from, to });
    }
    let (op, rest) = comparison(value);
    let (first, last) = day(at + op.len(), rest)?;
    let (from, to) = match op {
        ">" => (last.saturating_add(1), u32::MAX),
        ">=" => (first, u32::MAX),
        "<" => (0, first.saturating_sub(1)),
        "<=" => (0, last),
        _ => (first, last),
    };
    Ok(Filter::Date { from, to })
}

/// One amount: read as a term ("10B", "$1.5B", "10%"); money without a currency sign is in
/// dollars. Only exact amounts are values.
fn amount(at: usize, v: &str) -> Result<(f64, String), QueryError> {
    let bad = || QueryError::BadAmount {
        at,
        value: clip(v, 40),
    };
    if v.is_empty() {
        return Err(bad());
    }
    let read = |text: &str| {
        let t = terms::parse(text, &|_| None);
        match (t.bound, t.low, t.unit) {
            (Bound::Exact | Bound::About, Some(low), Some(unit)) => Some((low, unit)),
            _ => None,
        }
    };
    read(v).or_else(|| read(&format!("${v}"))).ok_or_else(bad)
}

fn amount_filter(at: usize, value: &str) -> Result<AmountRange, QueryError> {
    if let Some((a, b)) = value.split_once("..") {
        let b_at = at + a.len() + 2;
        let (low, unit_a) = if a.is_empty() {
            (0.0, None)
        } else {
            let (v, u) = amount(at, a)?;
            (v, Some(u))
        };
        let (high, unit_b) = if b.is_empty() {
            (f64::INFINITY, None)
        } else {
            let (v, u) = amount(b_at, b)?;
            (v, Some(u))
        };
        let unit = match (unit_a, unit_b) {
            (Some(a), Some(b)) if a != b => {
                return Err(QueryError::BadAmount {
                    at,
                    value: clip(value, 40),
                });
            }
            (a, b) => a.or(b).unwrap_or_else(|| "USD".into()),
        };
        if low > high {
            return Err(QueryError::BadAmount {
                at,
                value: clip(value, 40),
            });
        }
        return Ok(AmountRange {
            low,
            high,
            open_low: false,
            open_high: false,
            unit,
        });
    }
    let (op, rest) = comparison(value);
    let (v, unit) = amount(at + op.len(), rest)?;
    let (low, high, open_low, open_high) = match op {
        ">" => (v, f64::INFINITY, true, false),
        ">=" => (v, f64::INFINITY, false, false),
        "<" => (0.0, v, false, true),
        "<=" => (0.0, v, false, false),
        _ => (v, v, false, false),
    };
    Ok(AmountRange {
        low,
        high,
        open_low,
        open_high,
        unit,
    })
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Fuzzy => "fuzzy",
            Mode::Exact => "exact",
            Mode::Prefix => "prefix",
            Mode::Suffix => "suffix",
            Mode::Equal => "equal",
        })
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
