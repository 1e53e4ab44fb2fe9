//! The loader worker: reads a book and builds the explorer's [`Model`] on a thread of its own,
//! so the UI thread draws from the first moment (a gauge fed by the shared [`Progress`]) and
//! answers keys throughout. The first load and every reload go through it.
//!
//! A job is never joined: when the user quits during a load, the job is dropped and the thread
//! finishes (or not) on its own; its result goes nowhere.

use super::model::Model;
use crate::book::{self, Diagnostic, Progress, ReadError, Reading};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// The worker threads' name (the panic hook keeps their messages off the screen).
pub const THREAD_NAME: &str = "dealbook-loader";

/// Where the book comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The book compiled into the binary (never changes, so never watched).
    Bundled,
    File(PathBuf),
}

impl Source {
    /// The name the book goes by in messages (the path as given).
    pub fn name(&self) -> String {
        match self {
            Source::Bundled => book::BUNDLED_NAME.to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// The file, for a book that has one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Bundled => None,
            Source::File(p) => Some(p),
        }
    }
}

/// What a load ended with.
pub enum Outcome {
    /// The book has no errors: its model, and its warnings.
    Ready {
        model: Arc<Model>,
        diagnostics: Vec<Diagnostic>,
        /// For a reload: what changed since the model it replaces ("2 deals changed"), worked
        /// out on the worker, as it reads every record of both.
        changes: Option<String>,
    },
    /// The book was read and has errors: every diagnostic (errors and warnings).
    Invalid { diagnostics: Vec<Diagnostic> },
    /// The file could not be read at all (missing, a directory, too large, unreadable).
    Unreadable(ReadError),
    /// The loader itself failed (a bug: it panicked); the message says so.
    Failed(String),
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ready { diagnostics, .. } => {
                write!(f, "Ready({} diagnostics)", diagnostics.len())
            }
            Outcome::Invalid { diagnostics } => write!(f, "Invalid({diagnostics:?})"),
            Outcome::Unreadable(e) => write!(f, "Unreadable({e})"),
            Outcome::Failed(m) => write!(f, "Failed({m})"),
        }
    }
}

/// When a job builds the model's search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// Before the outcome is sent: the model comes whole (tests, benchmarks).
    Before,
    /// After: the model is sent without it, and the worker goes on to build it (the first
    /// load and every reload: the explorer should not wait for the search to show the book).
    After,
}

/// Loads `source` and builds its model, on the calling thread: what a job runs.
pub fn load(source: &Source, progress: &Progress, index: Index) -> Outcome {
    load_against(source, progress, index, None)
}

/// [`load`], to replace `old`: the outcome also says what changed, counted while the model is
/// built.
pub fn load_against(
    source: &Source,
    progress: &Progress,
    index: Index,
    old: Option<&Model>,
) -> Outcome {
    let loaded = match source {
        Source::Bundled => book::load_bundled(),
        Source::File(p) => match book::load_file_with(p, progress) {
            Ok(l) => l,
            Err(e) => return Outcome::Unreadable(e),
        },
    };
    match loaded.book {
        Some(book) => {
            let (model, changes) = Model::without_index_beside(book, |new| {
                old.map(|old| super::live::changes(&old.book, new))
            });
            if index == Index::Before {
                model.build_index();
            }
            Outcome::Ready {
                model: Arc::new(model),
                diagnostics: loaded.diagnostics,
                changes,
            }
        }
        None => Outcome::Invalid {
            diagnostics: loaded.diagnostics,
        },
    }
}

/// A load running on a worker thread.
pub struct Job {
    progress: Arc<Progress>,
    started: Instant,
    rx: Receiver<Outcome>,
}

impl Job {
    /// Starts loading `source` on a new thread; `index` says when the search index is built.
    pub fn spawn(source: Source, index: Index) -> Job {
        Job::spawn_against(source, index, None)
    }

    /// Starts reading `source` again on a new thread, to replace `old`: the outcome says what
    /// changed.
    pub fn spawn_against(source: Source, index: Index, old: Option<Arc<Model>>) -> Job {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = mpsc::sync_channel(1);
        let shared = Arc::clone(&progress);
        // If no thread can be had, the closure (and its sender) is dropped: `try_take` then
        // reports the failure through the channel's disconnection.
        let _ = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || {
                hold_for_test(old.is_some());
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    load_against(&source, &shared, index, old.as_deref())
                }))
                .unwrap_or_else(|panic| Outcome::Failed(panic_message(&*panic)));
                let later = match (&outcome, index) {
                    (Outcome::Ready { model, .. }, Index::After) => Some(Arc::clone(model)),
                    _ => None,
                };
                // The receiver is gone when the user quit during the load: nothing to do.
                if tx.send(outcome).is_ok()
                    && let Some(model) = later
                {
                    // Already in the explorer's hands; the explorer picks the index up when
                    // it is there. A panic here leaves search empty, never the explorer down.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        model.build_index()
                    }));
                }
            });
        Job {
            progress,
            started: Instant::now(),
            rx,
        }
    }

    /// The outcome, once the worker is done (never blocks).
    pub fn try_take(&self) -> Option<Outcome> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Outcome::Failed(
                "the loader thread could not run".to_string(),
            )),
        }
    }

    /// Waits up to `timeout` for the outcome.
    pub fn wait(&self, timeout: Duration) -> Option<Outcome> {
        match self.rx.recv_timeout(timeout) {
            Ok(outcome) => Some(outcome),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Outcome::Failed(
                "the loader thread could not run".to_string(),
            )),
        }
    }

    /// How far the load has gone.
    pub fn reading(&self) -> Reading {
        self.progress.get()
    }

    /// Time since the job started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// Fault injection for the end-to-end tests: with `DEALBOOK_TEST_HOLD_LOAD=SECONDS`, the
/// worker waits that long before the first load (tests/pty_live.rs: quitting, resizing and
/// signals while a load is certainly under way); with `DEALBOOK_TEST_HOLD_RELOAD=SECONDS`,
/// before a reload (tests/pty_reload.rs: keys answered while a reload works).
fn hold_for_test(reload: bool) {
    let name = if reload {
        "DEALBOOK_TEST_HOLD_RELOAD"
    } else {
        "DEALBOOK_TEST_HOLD_LOAD"
    };
    if let Some(secs) = std::env::var(name)
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_secs(secs));
    }
}

/// The text of a panic's payload.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    format!("the loader failed: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_loads_the_bundled_book() {
        let job = Job::spawn(Source::Bundled, Index::After);
        let model = match job.wait(Duration::from_secs(60)) {
            Some(Outcome::Ready { model, .. }) => model,
            other => panic!("{other:?}"),
        };
        assert!(!model.book.deals.is_empty());
        // The index follows; building it here too waits for the same one.
        assert_eq!(
            model.build_index().len(),
            model.index().map_or(0, |i| i.len())
        );
    }

    #[test]
    fn a_missing_file_is_unreadable() {
        let job = Job::spawn(
            Source::File("/nonexistent/deals.yaml".into()),
            Index::Before,
        );
        match job.wait(Duration::from_secs(60)) {
            Some(Outcome::Unreadable(ReadError::NotFound { .. })) => {}
            other => panic!("{other:?}"),
        }
    }
}
