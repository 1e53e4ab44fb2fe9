//! Orders for lists of deals, entities and sources, shared by `dealbook list --sort` and the
//! explorer: a key, a direction, and what has no value for the key (an undated deal, an
//! undisclosed amount) last in both directions. Ties keep book order.

use super::diag::suggestion;
use super::flows::{Edge, EntityTotals};
use super::model::{Book, DealIx, EntityIx, SourceIx, Status};
use std::cmp::Ordering;

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dir {
    #[default]
    Asc,
    Desc,
}

/// What deals are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealKey {
    Date,
    /// The largest money amount of the deal's flows and terms.
    Amount,
    /// In the order a deal moves through: rumored … closed, cancelled.
    Status,
    Title,
    Book,
}

/// What entities are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKey {
    Name,
    /// Money in, by the largest finite bound of its total.
    In,
    /// Money out, likewise.
    Out,
    /// How many deals it takes part in.
    Deals,
}

/// What aggregated flows (edges) are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKey {
    /// Committed and in-talks money together, by the largest finite bound.
    Amount,
    /// The sender's name (a syndicate's lead).
    From,
    /// The recipient's name.
    To,
    /// The status of its deals (the earliest in a deal's life, if several).
    Status,
}

/// What sources are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKey {
    Date,
    Title,
}

pub const DEAL_KEYS: &[&str] = &["date", "amount", "status", "title", "book"];
pub const ENTITY_KEYS: &[&str] = &["name", "in", "out", "deals"];
pub const SOURCE_KEYS: &[&str] = &["date", "title"];

/// A `--sort` value that names no key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown sort key '{key}' for {what}{hint}; keys: {keys} (add ':desc' to reverse)")]
pub struct SortError {
    pub key: String,
    pub what: &'static str,
    pub hint: String,
    pub keys: String,
}

/// Splits `KEY`, `KEY:asc` or `KEY:desc` and finds KEY among `keys` (case ignored).
fn parse<'a>(
    spec: &str,
    what: &'static str,
    keys: &[&'a str],
) -> Result<(&'a str, Dir), SortError> {
    let (key, dir) = match spec.rsplit_once(':') {
        Some((k, d)) if d.eq_ignore_ascii_case("desc") => (k, Dir::Desc),
        Some((k, d)) if d.eq_ignore_ascii_case("asc") => (k, Dir::Asc),
        _ => (spec, Dir::Asc),
    };
    let lower = key.trim().to_ascii_lowercase();
    match keys.iter().find(|k| **k == lower) {
        Some(k) => Ok((k, dir)),
        None => Err(SortError {
            key: super::diag::clip(key, 40),
            what,
            hint: suggestion(key, keys.iter().copied()),
            keys: keys.join(", "),
        }),
    }
}

impl DealKey {
    pub fn parse(spec: &str) -> Result<(DealKey, Dir), SortError> {
        let (k, dir) = parse(spec, "deals", DEAL_KEYS)?;
        let key = match k {
            "date" => DealKey::Date,
            "amount" => DealKey::Amount,
            "status" => DealKey::Status,
            "title" => DealKey::Title,
            _ => DealKey::Book,
        };
        Ok((key, dir))
    }
}

impl EntityKey {
    pub fn parse(spec: &str) -> Result<(EntityKey, Dir), SortError> {
        let (k, dir) = parse(spec, "entities", ENTITY_KEYS)?;
        let key = match k {
            "name" => EntityKey::Name,
            "in" => EntityKey::In,
            "out" => EntityKey::Out,
            _ => EntityKey::Deals,
        };
        Ok((key, dir))
    }
}

impl SourceKey {
    pub fn parse(spec: &str) -> Result<(SourceKey, Dir), SortError> {
        let (k, dir) = parse(spec, "sources", SOURCE_KEYS)?;
        Ok((
            if k == "date" {
                SourceKey::Date
            } else {
                SourceKey::Title
            },
            dir,
        ))
    }
}

impl DealKey {
    pub fn name(self) -> &'static str {
        match self {
            DealKey::Date => "date",
            DealKey::Amount => "amount",
            DealKey::Status => "status",
            DealKey::Title => "title",
            DealKey::Book => "book",
        }
    }
}

impl FlowKey {
    pub fn name(self) -> &'static str {
        match self {
            FlowKey::Amount => "amount",
            FlowKey::From => "from",
            FlowKey::To => "to",
            FlowKey::Status => "status",
        }
    }
}

/// Sorts edge indices (into `edges`) in place. An edge with no money has no amount: last
/// either way.
pub fn edges(book: &Book, edges: &[Edge], items: &mut [usize], key: FlowKey, dir: Dir) {
    let edge = |i: usize| edges.get(i);
    let name = |e: usize| book.entities.get(e).map(|x| text_key(&x.name));
    match key {
        FlowKey::Amount => by(
            items,
            dir,
            |i| {
                let e = edge(i)?;
                let money = e.parts.counted().totals;
                (!money.is_empty()).then(|| money.size())
            },
            f64::total_cmp,
        ),
        FlowKey::From => by(items, dir, |i| name(edge(i)?.from), Ord::cmp),
        FlowKey::To => by(items, dir, |i| name(edge(i)?.to), Ord::cmp),
        FlowKey::Status => by(
            items,
            dir,
            |i| edge(i)?.statuses(book).first().map(|s| status_rank(*s)),
            Ord::cmp,
        ),
    }
}

/// Sorts `items` by `key` (`None`: no value, last either way), stable, in `dir`.
fn by<T: Copy, K>(
    items: &mut [T],
    dir: Dir,
    key: impl Fn(T) -> Option<K>,
    cmp: impl Fn(&K, &K) -> Ordering,
) {
    items.sort_by(|&a, &b| match (key(a), key(b)) {
        (Some(x), Some(y)) => match dir {
            Dir::Asc => cmp(&x, &y),
            Dir::Desc => cmp(&y, &x),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

/// Text compared without case.
fn text_key(s: &str) -> String {
    s.to_lowercase()
}

/// The largest money amount among a deal's flows and terms, at face value whatever the
/// currency (a rough order, as the Flows pane's); `None` when none is disclosed.
pub fn deal_amount(book: &Book, d: DealIx) -> Option<f64> {
    let deal = book.deals.get(d)?;
    deal.flows
        .iter()
        .filter_map(|f| f.amount.as_ref())
        .chain(deal.terms.iter().map(|t| &t.term))
        .filter(|t| t.is_money())
        .filter_map(|t| t.high.or(t.low))
        .filter(|v| v.is_finite())
        .reduce(f64::max)
}

fn status_rank(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Sorts deal indices (all of a book's, or a subset) in place.
pub fn deals(book: &Book, items: &mut [DealIx], key: DealKey, dir: Dir) {
    let deal = |d: DealIx| book.deals.get(d);
    match key {
        DealKey::Date => by(
            items,
            dir,
            |d| deal(d)?.date.map(|x| x.sort_key()),
            Ord::cmp,
        ),
        DealKey::Amount => by(items, dir, |d| deal_amount(book, d), f64::total_cmp),
        DealKey::Status => by(
            items,
            dir,
            |d| deal(d).map(|x| status_rank(x.status)),
            Ord::cmp,
        ),
        DealKey::Title => by(
            items,
            dir,
            |d| deal(d).map(|x| text_key(&x.title)),
            Ord::cmp,
        ),
        DealKey::Book => by(items, dir, Some, Ord::cmp),
    }
}

/// Sorts entity indices in place; `totals` is `flows::entity_totals(book)`.
pub fn entities(
    book: &Book,
    totals: &[EntityTotals],
    items: &mut [EntityIx],
    key: EntityKey,
    dir: Dir,
) {
    let money = |e: EntityIx, incoming: bool| {
        let t = totals.get(e)?;
        let m = if incoming { &t.inn } else { &t.out }.counted().totals;
        (!m.is_empty()).then(|| m.size())
    };
    match key {
        EntityKey::Name => by(
            items,
            dir,
            |e| book.entities.get(e).map(|x| text_key(&x.name)),
            Ord::cmp,
        ),
        EntityKey::In => by(items, dir, |e| money(e, true), f64::total_cmp),
        EntityKey::Out => by(items, dir, |e| money(e, false), f64::total_cmp),
        EntityKey::Deals => by(items, dir, |e| book.deals_of.get(e).map(Vec::len), Ord::cmp),
    }
}

/// Sorts source indices in place.
pub fn sources(book: &Book, items: &mut [SourceIx], key: SourceKey, dir: Dir) {
    let source = |s: SourceIx| book.sources.get(s);
    match key {
        SourceKey::Date => by(
            items,
            dir,
            |s| source(s)?.date.map(|x| x.sort_key()),
            Ord::cmp,
        ),
        SourceKey::Title => by(
            items,
            dir,
            |s| source(s).map(|x| text_key(&x.title)),
            Ord::cmp,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{flows, load_bundled};

    fn ids(book: &Book, v: &[DealIx]) -> Vec<String> {
        v.iter().map(|&d| book.deals[d].id.clone()).collect()
    }

    #[test]
    fn undated_and_undisclosed_come_last_both_ways() {
        let book = load_bundled().book.expect("bundled");
        let all: Vec<DealIx> = (0..book.deals.len()).collect();
        for dir in [Dir::Asc, Dir::Desc] {
            let mut v = all.clone();
            deals(&book, &mut v, DealKey::Date, dir);
            let dated = v
                .iter()
                .take_while(|&&d| book.deals[d].date.is_some())
                .count();
            assert!(
                v[dated..].iter().all(|&d| book.deals[d].date.is_none()),
                "{dir:?}"
            );
            let keys: Vec<_> = v[..dated]
                .iter()
                .map(|&d| book.deals[d].date.unwrap().sort_key())
                .collect();
            let mut sorted = keys.clone();
            sorted.sort();
            if dir == Dir::Desc {
                sorted.reverse();
            }
            assert_eq!(keys, sorted, "{dir:?}");
            let mut v = all.clone();
            deals(&book, &mut v, DealKey::Amount, dir);
            let known = v
                .iter()
                .take_while(|&&d| deal_amount(&book, d).is_some())
                .count();
            assert!(known > 2 && known < v.len(), "the bundled book has both");
            assert!(v[known..].iter().all(|&d| deal_amount(&book, d).is_none()));
        }
        let mut v = all.clone();
        deals(&book, &mut v, DealKey::Amount, Dir::Desc);
        assert_eq!(
            ids(&book, &v)[0],
            "openai-100b-raise",
            "{:?}",
            ids(&book, &v)
        );
        let mut v = all.clone();
        deals(&book, &mut v, DealKey::Book, Dir::Desc);
        assert_eq!(v, all.iter().rev().copied().collect::<Vec<_>>());
    }

    #[test]
    fn entities_by_money_and_count() {
        let book = load_bundled().book.expect("bundled");
        let totals = flows::entity_totals(&book);
        let mut v: Vec<EntityIx> = (0..book.entities.len()).collect();
        entities(&book, &totals, &mut v, EntityKey::In, Dir::Desc);
        assert_eq!(book.entities[v[0]].id, "openai");
        entities(&book, &totals, &mut v, EntityKey::Deals, Dir::Desc);
        assert_eq!(book.entities[v[0]].id, "openai");
        entities(&book, &totals, &mut v, EntityKey::Name, Dir::Asc);
        assert_eq!(book.entities[v[0]].name, "Altimeter");
    }

    #[test]
    fn keys_parse_with_a_direction_and_a_hint() {
        assert_eq!(DealKey::parse("date"), Ok((DealKey::Date, Dir::Asc)));
        assert_eq!(
            DealKey::parse("Amount:DESC"),
            Ok((DealKey::Amount, Dir::Desc))
        );
        assert_eq!(EntityKey::parse("in:asc"), Ok((EntityKey::In, Dir::Asc)));
        assert_eq!(SourceKey::parse("title"), Ok((SourceKey::Title, Dir::Asc)));
        let e = DealKey::parse("dat:desc").expect_err("no such key");
        assert_eq!(
            e.to_string(),
            "unknown sort key 'dat' for deals (did you mean 'date'?); keys: date, amount, status, title, book (add ':desc' to reverse)"
        );
        assert!(EntityKey::parse("date").is_err());
    }
}
