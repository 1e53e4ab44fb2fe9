//! The marks of a book read against the book: each mark with its record (or none: an orphan),
//! whether the record changed since, and the counts `dealbook review` and the explorer show.

use super::{Mark, Marks, Status, key, status_of};
use crate::book::flows::Cycle;
use crate::book::{Book, DealIx, Record};

/// One mark, read against the book.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub key: &'a str,
    pub mark: &'a Mark,
    /// `None`: the record is no longer in the book (an orphan, kept and listed).
    pub record: Option<Record>,
    /// The record's title now, or the one it had when marked for an orphan.
    pub title: String,
    pub status: Status,
}

impl Row<'_> {
    pub fn is_orphan(&self) -> bool {
        self.record.is_none()
    }
}

/// How far the review is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub marks: usize,
    /// Marks reviewed on a record that has not changed since.
    pub reviewed: usize,
    pub flagged: usize,
    pub noted: usize,
    /// Marks on a record changed since it was marked.
    pub changed: usize,
    /// Marks whose record is gone.
    pub orphaned: usize,
    pub deals: usize,
    /// Deals with a current review.
    pub deals_reviewed: usize,
}

impl Summary {
    /// Deals not reviewed, or changed since they were.
    pub fn deals_unreviewed(&self) -> usize {
        self.deals - self.deals_reviewed
    }
}

/// Every mark read against the book (in key order), and the counts.
pub fn rows<'a>(book: &Book, loops: &[Cycle], marks: &'a Marks) -> (Vec<Row<'a>>, Summary) {
    let mut s = Summary {
        deals: book.deals.len(),
        ..Summary::default()
    };
    let rows: Vec<Row> = marks
        .iter()
        .map(|(k, mark)| {
            let record = key::resolve(book, loops, k);
            let fp = record.and_then(|r| key::fingerprint(book, loops, r));
            let status = status_of(mark, fp.as_deref());
            let title = match record {
                Some(r) => r.title(book, loops).into_owned(),
                None => mark.title.clone().unwrap_or_default(),
            };
            s.marks += 1;
            s.flagged += usize::from(status.flagged);
            s.noted += usize::from(status.noted);
            if record.is_none() {
                s.orphaned += 1;
            } else if status.changed {
                s.changed += 1;
            } else if status.reviewed {
                s.reviewed += 1;
                s.deals_reviewed += usize::from(matches!(record, Some(Record::Deal(_))));
            }
            Row {
                key: k,
                mark,
                record,
                title,
                status,
            }
        })
        .collect();
    (rows, s)
}

/// The deals without a current review, in book order.
pub fn unreviewed_deals(book: &Book, loops: &[Cycle], marks: &Marks) -> Vec<DealIx> {
    (0..book.deals.len())
        .filter(|&d| {
            !marks
                .status(book, loops, Record::Deal(d))
                .is_some_and(Status::is_current_review)
        })
        .collect()
}
