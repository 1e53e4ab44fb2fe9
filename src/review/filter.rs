//! The search grammar's review filters — `is:reviewed`, `is:unreviewed`, `is:flagged`,
//! `is:noted` (negated with `-` or `!`, several values with commas) — which the search index
//! cannot answer (marks are not in the book). [`split`] takes them out of a query, leaving
//! spaces so that positions in messages stay right, and [`MarkFilter::keeps`] tests a hit.

use super::Marks;
use crate::book::Book;
use crate::book::Record;
use crate::book::flows::Cycle;

/// What a review filter asks of a record's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkIs {
    /// Reviewed, and not changed since.
    Reviewed,
    Unreviewed,
    Flagged,
    Noted,
}

const NAMES: [(&str, MarkIs); 4] = [
    ("reviewed", MarkIs::Reviewed),
    ("unreviewed", MarkIs::Unreviewed),
    ("flagged", MarkIs::Flagged),
    ("noted", MarkIs::Noted),
];

/// The review filters of a query: each a set of values (any holds) and whether it is negated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkFilter {
    tests: Vec<(Vec<MarkIs>, bool)>,
}

/// Every record kind, for a query left with no words or filters once its review filters are
/// taken out: it then lists every record the review filters keep.
const EVERY_KIND: &str = " is:entity,deal,term,flow,metric,loop,source";

/// The query without its review filters (blanked, so positions stay), and the filters.
pub fn split(query: &str) -> (String, MarkFilter) {
    let mut out = String::with_capacity(query.len());
    let mut filter = MarkFilter::default();
    let mut rest = query;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        match parse(word) {
            Some(test) => {
                filter.tests.push(test);
                out.extend(std::iter::repeat_n(' ', word.chars().count()));
            }
            None => out.push_str(word),
        }
        rest = &rest[end..];
    }
    if !filter.tests.is_empty() && out.trim().is_empty() {
        out.push_str(EVERY_KIND);
    }
    (out, filter)
}

fn parse(word: &str) -> Option<(Vec<MarkIs>, bool)> {
    let (negated, body) = match word.strip_prefix(['-', '!']) {
        Some(b) => (true, b),
        None => (false, word),
    };
    let values = body.strip_prefix("is:")?;
    let wanted: Option<Vec<MarkIs>> = values
        .split(',')
        .map(|v| NAMES.iter().find(|(n, _)| *n == v).map(|(_, m)| *m))
        .collect();
    Some((wanted.filter(|w| !w.is_empty())?, negated))
}

impl MarkFilter {
    pub fn is_empty(&self) -> bool {
        self.tests.is_empty()
    }

    /// Whether `record`'s mark passes every review filter.
    pub fn keeps(&self, marks: &Marks, book: &Book, loops: &[Cycle], record: Record) -> bool {
        let status = marks.status(book, loops, record);
        let has = |m: MarkIs| match m {
            MarkIs::Reviewed => status.is_some_and(|s| s.is_current_review()),
            MarkIs::Unreviewed => !status.is_some_and(|s| s.is_current_review()),
            MarkIs::Flagged => status.is_some_and(|s| s.flagged),
            MarkIs::Noted => status.is_some_and(|s| s.noted),
        };
        self.tests
            .iter()
            .all(|(any, negated)| any.iter().any(|m| has(*m)) != *negated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_filters_come_out_and_positions_stay() {
        let query = "nvidia is:flagged -is:reviewed status:signed";
        let (q, f) = split(query);
        assert_eq!(q.len(), query.len(), "blanked, so positions stay");
        assert_eq!(
            q.split_whitespace().collect::<Vec<_>>(),
            ["nvidia", "status:signed"]
        );
        assert_eq!(q.find("status"), query.find("status"));
        assert_eq!(
            f.tests,
            [
                (vec![MarkIs::Flagged], false),
                (vec![MarkIs::Reviewed], true)
            ]
        );
        // Other is: values are the index's; a review filter alone lists every kind.
        assert_eq!(split("is:loop").0, "is:loop");
        assert!(split("is:noted,flagged").0.contains("is:entity,deal"));
        assert!(
            split("is:flaged").1.is_empty(),
            "a typo is left to the grammar's message"
        );
    }
}
