//! Review marks on the records of a book — reviewed, flagged, a note, when, and a fingerprint of
//! what the record said then — kept in a file of their own, never in the book (docs/review.md).
//!
//! [`Marks`] is one session's view of a marks file: what was read, plus this session's changes.
//! Saving re-reads the file and applies only those changes, so two explorers on one book keep
//! each other's marks; a file that does not parse is never written over.

pub mod filter;
pub mod key;
pub mod report;
mod store;
#[cfg(test)]
mod tests;
pub mod time;

pub use key::{fingerprint, key};
pub use store::{bundled_path, fallback_path, sidecar_path};

use crate::book::flows::Cycle;
use crate::book::{Book, Record};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One record's mark, as the marks file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// Checked, and found right.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reviewed: bool,
    /// Needs another look.
    #[serde(default, skip_serializing_if = "is_false")]
    pub flagged: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the record was called when it was marked, so an orphan still says what it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When it was last marked, RFC 3339 in UTC.
    pub at: String,
    /// [`key::fingerprint`] of the record when it was marked reviewed (or first marked).
    pub fingerprint: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a mark says of its record in the book as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub reviewed: bool,
    pub flagged: bool,
    pub noted: bool,
    /// The record was edited since it was marked: a review of it no longer counts.
    pub changed: bool,
}

impl Status {
    /// Reviewed, and the record is as it was then.
    pub fn is_current_review(self) -> bool {
        self.reviewed && !self.changed
    }

    /// One character for a list's mark column: `!` flagged, `~` changed since reviewed, `✓`
    /// reviewed, `·` a note only.
    pub fn glyph(self) -> char {
        if self.flagged {
            '!'
        } else if self.changed {
            '~'
        } else if self.reviewed {
            '✓'
        } else {
            '·'
        }
    }
}

/// Which part of a mark to flip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Reviewed,
    Flagged,
}

/// Why marks could not be read or kept.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The marks file does not parse (or is of a newer version): it is left as it is.
    #[error(
        "{path}:{line}:{column}: {message}; the marks file was left as it is, and marks are read-only until it is fixed",
        path = .path.display()
    )]
    Unreadable {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The marks file would be the book itself (a book named like its own sidecar).
    #[error("{} is the book itself; dealbook never writes the book", .0.display())]
    IsBook(PathBuf),
    #[error("no folder to keep marks in (no home folder); set DEALBOOK_DATA_DIR")]
    NoPlace,
    /// A change was asked for while the marks file is unreadable.
    #[error("marks are read-only: {0}")]
    ReadOnly(String),
}

/// One session's marks on one book.
#[derive(Debug)]
pub struct Marks {
    /// The file read, and written unless it falls back.
    file: Option<PathBuf>,
    /// Where to write instead when `file` (a sidecar not yet created) cannot be written.
    fallback: Option<PathBuf>,
    /// The user's book, never to be written.
    book: Option<PathBuf>,
    /// The marks as read, with this session's changes applied.
    marks: BTreeMap<String, Mark>,
    /// This session's changes not yet saved: a new mark, or `None` for one removed.
    pending: BTreeMap<String, Option<Mark>>,
    /// Why the file is read-only (it did not parse), as reported.
    broken: Option<String>,
}

impl Marks {
    /// The marks of the book at `book` (the bundled book for `None`), from the file
    /// [`store::locate`] picks. Never fails: a file that cannot be read leaves the marks empty
    /// and read-only, with [`Marks::problem`] saying why.
    pub fn open(book: Option<&Path>) -> Marks {
        let (file, fallback) = store::locate(book);
        Marks::at(file, fallback, book.map(Path::to_path_buf))
    }

    /// The marks in `file` (no file: nowhere to keep them), falling back to `fallback` for
    /// writing, for the book at `book`.
    pub fn at(file: Option<PathBuf>, fallback: Option<PathBuf>, book: Option<PathBuf>) -> Marks {
        let mut m = Marks {
            file,
            fallback,
            book,
            marks: BTreeMap::new(),
            pending: BTreeMap::new(),
            broken: None,
        };
        if let Err(e) = m.reload() {
            m.broken = Some(e.to_string());
        }
        m
    }

    /// Reads the file again (another session may have written it), keeping this session's
    /// unsaved changes on top.
    pub fn reload(&mut self) -> Result<(), ReviewError> {
        let Some(path) = &self.file else {
            return Ok(());
        };
        // A marks path that is the book itself is never read as marks (nor written: see
        // `write_merged`).
        if let Some(book) = &self.book
            && crate::fsutil::same_file(path, book)
        {
            return Ok(());
        }
        let mut marks = store::read(path)?;
        apply(&mut marks, &self.pending);
        self.marks = marks;
        self.broken = None;
        Ok(())
    }

    /// The marks file, if there is a place for one.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Why the marks are read-only, when they are.
    pub fn problem(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    pub fn get(&self, key: &str) -> Option<&Mark> {
        self.marks.get(key)
    }

    /// Every mark, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Mark)> {
        self.marks.iter().map(|(k, m)| (k.as_str(), m))
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Whether there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Sets (or, with `None`, removes) the mark of `key`, to be saved by [`Marks::save`].
    pub fn set(&mut self, key: &str, mark: Option<Mark>) -> Result<(), ReviewError> {
        if let Some(why) = &self.broken {
            return Err(ReviewError::ReadOnly(why.clone()));
        }
        match &mark {
            Some(m) => self.marks.insert(key.to_string(), m.clone()),
            None => self.marks.remove(key),
        };
        self.pending.insert(key.to_string(), mark);
        Ok(())
    }

    /// What the mark of `record` says of the book as it is now, `None` when it has none.
    pub fn status(&self, book: &Book, loops: &[Cycle], record: Record) -> Option<Status> {
        let mark = self.marks.get(&key(book, loops, record)?)?;
        Some(status_of(mark, fingerprint(book, loops, record).as_deref()))
    }

    /// Flips reviewed or flagged on `record`, marked at `at`. Marking reviewed records the
    /// record's fingerprint now (so reviewing a record changed since its review confirms it
    /// again); a mark left with nothing set is removed. Returns the record's mark after.
    pub fn toggle(
        &mut self,
        book: &Book,
        loops: &[Cycle],
        record: Record,
        what: Toggle,
        at: &str,
    ) -> Result<Option<Mark>, ReviewError> {
        let (Some(k), Some(fp)) = (key(book, loops, record), fingerprint(book, loops, record))
        else {
            return Ok(None);
        };
        let old = self.marks.get(&k).cloned();
        let mut m = old.clone().unwrap_or_else(|| Mark {
            reviewed: false,
            flagged: false,
            note: None,
            title: None,
            at: String::new(),
            fingerprint: fp.clone(),
        });
        match what {
            Toggle::Reviewed => {
                let current = m.reviewed && m.fingerprint == fp;
                m.reviewed = !current;
                if m.reviewed {
                    m.fingerprint = fp;
                }
            }
            Toggle::Flagged => m.flagged = !m.flagged,
        }
        m.at = at.to_string();
        m.title = Some(record.title(book, loops).into_owned());
        let new = (m.reviewed || m.flagged || m.note.is_some()).then_some(m);
        self.set(&k, new.clone())?;
        Ok(new)
    }

    /// Sets (or, with `None` or blank text, removes) the note on `record`, marked at `at`; a
    /// mark left with nothing set is removed. The note is one line. Returns the mark after.
    pub fn set_note(
        &mut self,
        book: &Book,
        loops: &[Cycle],
        record: Record,
        note: Option<&str>,
        at: &str,
    ) -> Result<Option<Mark>, ReviewError> {
        let (Some(k), Some(fp)) = (key(book, loops, record), fingerprint(book, loops, record))
        else {
            return Ok(None);
        };
        let mut m = self.marks.get(&k).cloned().unwrap_or(Mark {
            reviewed: false,
            flagged: false,
            note: None,
            title: None,
            at: String::new(),
            fingerprint: fp,
        });
        m.note = note
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty());
        m.at = at.to_string();
        m.title = Some(record.title(book, loops).into_owned());
        let new = (m.reviewed || m.flagged || m.note.is_some()).then_some(m);
        self.set(&k, new.clone())?;
        Ok(new)
    }

    /// The note on `record`, if it has one.
    pub fn note(&self, book: &Book, loops: &[Cycle], record: Record) -> Option<&str> {
        self.marks.get(&key(book, loops, record)?)?.note.as_deref()
    }

    /// Writes this session's changes: re-reads the file, applies only them, and writes it whole
    /// (temporary file and rename). A file that does not parse is left as it is and the marks
    /// become read-only. A sidecar that cannot be created (a read-only folder) falls back to
    /// the data folder. Returns the file written, `None` when there was nothing to write.
    pub fn save(&mut self) -> Result<Option<PathBuf>, ReviewError> {
        if let Some(why) = &self.broken {
            return Err(ReviewError::ReadOnly(why.clone()));
        }
        if self.pending.is_empty() {
            return Ok(None);
        }
        let path = self.file.clone().ok_or(ReviewError::NoPlace)?;
        let written = match self.write_merged(&path) {
            Err(ReviewError::Write { source, .. })
                if store::cannot_create(&source) && !path.exists() && self.fallback.is_some() =>
            {
                let fallback = self.fallback.take().ok_or(ReviewError::NoPlace)?;
                self.write_merged(&fallback)?;
                self.file = Some(fallback.clone());
                fallback
            }
            r => {
                r?;
                path
            }
        };
        Ok(Some(written))
    }

    fn write_merged(&mut self, path: &Path) -> Result<(), ReviewError> {
        if let Some(book) = &self.book
            && crate::fsutil::same_file(path, book)
        {
            return Err(ReviewError::IsBook(path.to_path_buf()));
        }
        let mut marks = match store::read(path) {
            Ok(m) => m,
            Err(e @ ReviewError::Unreadable { .. }) => {
                self.broken = Some(e.to_string());
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        apply(&mut marks, &self.pending);
        let book_name = self
            .book
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        store::write(path, book_name, &marks)?;
        self.marks = marks;
        self.pending.clear();
        Ok(())
    }
}

fn apply(marks: &mut BTreeMap<String, Mark>, changes: &BTreeMap<String, Option<Mark>>) {
    for (k, change) in changes {
        match change {
            Some(m) => marks.insert(k.clone(), m.clone()),
            None => marks.remove(k),
        };
    }
}

/// What `mark` says of a record whose fingerprint is now `now` (`None`: the record is gone).
pub fn status_of(mark: &Mark, now: Option<&str>) -> Status {
    Status {
        reviewed: mark.reviewed,
        flagged: mark.flagged,
        noted: mark.note.is_some(),
        changed: now.is_some_and(|fp| fp != mark.fingerprint),
    }
}
