//! The book as a file that lives on: a watcher on its folder, and what the explorer knows of
//! the file — whether the book shown is its latest good version, what the last reload changed,
//! and what the user asked of the event loop (a reload, the editor at a line).
//!
//! The *folder* is watched, not the file: editors that save by writing a temporary file and
//! renaming it over the book (vim, VS Code, `sed -i`), a delete and recreate, a `git checkout`
//! all replace the file, and a watch on the old file would see none of them. Events are
//! debounced (an editor's save is several) and only those naming the book count.

use super::loader::{Index, Job, Outcome, Source};
use super::model::Model;
use crate::book::diag::Pos;
use crate::book::{Book, Record};
use crate::review::key::fingerprint_hash;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// How long a burst of file events is gathered before it counts as one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// A watch on the book's folder. Dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: Receiver<DebounceEventResult>,
    /// The book's file name, as given and (when it is a symlink) of its target.
    names: Vec<OsString>,
}

impl Watch {
    /// Watches the folder of `book` (and of its target, when it is a symlink elsewhere).
    pub fn start(book: &Path) -> Result<Watch, String> {
        let (tx, rx) = mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| e.to_string())?;
        let mut places = vec![book.to_path_buf()];
        if let Ok(real) = std::fs::canonicalize(book)
            && real.parent()
                != book
                    .parent()
                    .and_then(|p| std::fs::canonicalize(p).ok())
                    .as_deref()
        {
            places.push(real);
        }
        let mut names = Vec::new();
        for place in &places {
            let folder = match place.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            debouncer
                .watch(&folder, RecursiveMode::NonRecursive)
                .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
            names.extend(place.file_name().map(OsString::from));
        }
        Ok(Watch {
            _debouncer: debouncer,
            rx,
            names,
        })
    }

    /// Whether the book's file changed since the last call: written, created, renamed or
    /// removed — not read (the explorer's own reads are events too), and not another file of
    /// the folder (the review sidecar, an editor's swap file). Never blocks.
    pub fn changed(&self) -> bool {
        let mut changed = false;
        while let Ok(events) = self.rx.try_recv() {
            // An error of the watcher (a queue overflow) may hide a change: reload to be sure.
            changed |= events.is_err()
                || events.iter().flatten().any(|e| {
                    is_change(&e.kind)
                        && e.paths.iter().any(|p| {
                            p.file_name()
                                .is_some_and(|n| self.names.iter().any(|m| m == n))
                        })
                });
        }
        changed
    }
}

/// An event that may change what the file holds. Opening, reading and closing a file unwritten
/// are events too, and a change of its metadata alone (a `touch`) is not a change.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any | EventKind::Other => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
    }
}

/// What the explorer knows of the book's file.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// The book's file; `None` for the bundled book, which never changes.
    pub path: Option<PathBuf>,
    /// When the book shown was loaded (local time, "14:01:40").
    pub loaded_at: String,
    /// The latest reload failed (the book shown is the last good one): why.
    pub failed: Option<Failure>,
    /// The reload under way was asked for by hand (`r`): it says so even when nothing changed.
    pub by_hand: bool,
    /// What the last reload changed, for the title line until the next key.
    pub notice: Option<String>,
    /// A reload was asked for (`r`, a change on disk, the editor closed).
    pub reload_wanted: bool,
    /// The editor was asked for, at this file and place (`e`).
    pub edit: Option<(PathBuf, Pos)>,
}

/// Why the book shown is not its file's latest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The file was read and has this many errors.
    Errors(usize),
    /// The file could not be read (removed, unreadable): why, naming it.
    Unreadable(String),
}

impl Live {
    /// The title line while the book shown is not the file's latest:
    /// "deals.yaml: 2 errors — showing the version of 14:01:40 · p problems", or
    /// "deals.yaml: no such file — showing the version of 14:01:40 · r reloads".
    pub fn banner(&self, name: &str) -> Option<String> {
        let at = &self.loaded_at;
        Some(match self.failed.as_ref()? {
            Failure::Errors(n) => format!(
                "{name}: {n} error{} — showing the version of {at} · p problems",
                if *n == 1 { "" } else { "s" },
            ),
            Failure::Unreadable(why) => {
                format!("{why} — showing the version of {at} · r reloads")
            }
        })
    }
}

/// The records of one kind of a book, with their ids.
type Records = fn(&Book) -> Vec<(&str, Record)>;

/// What changed between two versions of a book, by id: "2 deals changed, 1 added". Empty when
/// nothing did (a save without changes, a reformatted file). A record's content is its review
/// fingerprint (`review::key::fingerprint`): references by id, positions left out.
pub fn changes(old: &Book, new: &Book) -> String {
    let mut parts = Vec::new();
    let kinds: [(&str, &str, Records); 3] = [
        ("deal", "deals", |b| {
            (b.deals.iter().enumerate())
                .map(|(i, d)| (d.id.as_str(), Record::Deal(i)))
                .collect()
        }),
        ("entity", "entities", |b| {
            (b.entities.iter().enumerate())
                .map(|(i, e)| (e.id.as_str(), Record::Entity(i)))
                .collect()
        }),
        ("source", "sources", |b| {
            (b.sources.iter().enumerate())
                .map(|(i, s)| (s.id.as_str(), Record::Source(i)))
                .collect()
        }),
    ];
    for (what, many, records) in kinds {
        let print = |b: &Book, r| fingerprint_hash(b, &[], r);
        let before: HashMap<&str, Record> = records(old).into_iter().collect();
        let after = records(new);
        let mut changed = 0;
        let mut added = 0;
        for (id, r) in &after {
            match before.get(id) {
                Some(&o) => changed += usize::from(print(old, o) != print(new, *r)),
                None => added += 1,
            }
        }
        let kept = after
            .iter()
            .filter(|(id, _)| before.contains_key(id))
            .count();
        let removed = before.len() - kept.min(before.len());
        let noun = |n: usize| if n == 1 { what } else { many };
        for (n, verb) in [(changed, "changed"), (added, "added"), (removed, "removed")] {
            if n > 0 {
                parts.push(format!("{n} {} {verb}", noun(n)));
            }
        }
    }
    parts.join(", ")
}

/// Reloads on the worker thread: started when the file changed (the watch) or was asked for,
/// one at a time; a change during a reload starts another after it, so the last save wins.
pub struct Reloader {
    source: Source,
    watch: Option<Watch>,
    job: Option<Job>,
    pending: bool,
}

impl Reloader {
    /// For `source`, watched when `watch` is set and it is a file; `Err` says why the watch
    /// could not start (the reloader still reloads on `r`).
    pub fn new(source: &Source, watch: bool) -> (Reloader, Option<String>) {
        let (watch, why) = match (source.path(), watch) {
            (Some(path), true) => match Watch::start(path) {
                Ok(w) => (Some(w), None),
                Err(e) => (None, Some(e)),
            },
            _ => (None, None),
        };
        let reloader = Reloader {
            source: source.clone(),
            watch,
            job: None,
            pending: false,
        };
        (reloader, why)
    }

    pub fn watching(&self) -> bool {
        self.watch.is_some()
    }

    /// A reload is running or waiting.
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.pending
    }

    /// Notes a change on disk or a reload asked for (`wanted`), starts a reload (of the book
    /// that replaces `shown`, if one is shown) when none is running, and hands back a
    /// finished one's outcome. Never blocks.
    pub fn poll(&mut self, wanted: bool, shown: Option<Arc<Model>>) -> Option<Outcome> {
        self.pending |= wanted || self.watch.as_ref().is_some_and(Watch::changed);
        let done = self.job.as_ref().and_then(Job::try_take);
        if done.is_some() {
            self.job = None;
        }
        if self.pending && self.job.is_none() && self.source.path().is_some() {
            self.pending = false;
            // The new model is handed over before its search index is built (as at the
            // first load): the swap waits for the book, not for search.
            self.job = Some(Job::spawn_against(self.source.clone(), Index::After, shown));
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// Whether the watch reports a change within a few seconds (a hang guard, not a speed
    /// claim: the debounce alone is 150 ms).
    fn sees_change(w: &Watch) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if w.changed() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn the_watch_sees_saves_by_rename_and_in_place_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("deals.yaml");
        std::fs::write(&book, "deals: []\n").expect("write");
        let w = Watch::start(&book).expect("watch");
        // Reading the book, and writing another file of the folder, are not changes.
        let _ = std::fs::read(&book).expect("read");
        std::fs::write(dir.path().join("deals.review.yaml"), "{}\n").expect("sidecar");
        std::thread::sleep(DEBOUNCE * 4);
        assert!(!w.changed(), "a read or another file is not a change");
        // Saved as vim and VS Code do: a new file renamed over the book.
        let tmp = dir.path().join(".deals.yaml.swp");
        std::fs::write(&tmp, "deals: [1]\n").expect("write");
        std::fs::rename(&tmp, &book).expect("rename");
        assert!(sees_change(&w), "a rename over the book");
        // Written in place.
        std::fs::write(&book, "deals: [2]\n").expect("write");
        assert!(sees_change(&w), "a write in place");
        // Removed, then created again (a git checkout).
        std::fs::remove_file(&book).expect("remove");
        std::fs::write(&book, "deals: [3]\n").expect("write");
        assert!(sees_change(&w), "a delete and recreate");
    }

    #[test]
    fn changes_are_counted_by_id() {
        let a = crate::book::load_str(
            "entities:\n  - {id: a, name: A}\ndeals:\n  - {id: d, title: D, status: signed, parties: [a]}\n  - {id: e, title: E, status: signed, parties: [a]}\n",
        );
        let b = crate::book::load_str(
            "entities:\n  - {id: a, name: A}\n  - {id: b, name: B}\ndeals:\n  - {id: d, title: D2, status: signed, parties: [a]}\n  - {id: f, title: F, status: signed, parties: [b]}\n",
        );
        let (a, b) = (a.book.expect("a"), b.book.expect("b"));
        assert_eq!(
            changes(&a, &b),
            "1 deal changed, 1 deal added, 1 deal removed, 1 entity added"
        );
        assert_eq!(changes(&a, &a), "");
    }
}
