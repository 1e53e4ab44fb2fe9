//! Search while typing: [`Searcher`] narrows each query to the records the previous one
//! matched, and [`SearchWorker`] runs one on its own thread, dropping queries typed over.

use super::engine;
use super::facet::Restrict;
use super::query::{Clause, Mode, Pattern, Query, QueryError};
use super::text::{self, Word};
use super::{Hit, Index};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Incremental search for typing. When a query only extends the previous one — characters
/// added to any of its words, or new words after them — every record it matches was matched by
/// the previous query, so only those are searched. Anything else (a backspace, an edit in the
/// middle) searches the whole index. Results are always exactly those of [`Index::search`].
#[derive(Clone)]
pub struct Searcher {
    index: Arc<Index>,
    last: Option<Last>,
}

/// What the previous search found.
#[derive(Clone)]
struct Last {
    words: Vec<Word>,
    /// Its filters and negated words, without their positions.
    restrictions: Vec<Clause>,
    /// Records where every word matches somewhere (see `engine::Outcome::pool`).
    pool: Vec<u32>,
    limit: usize,
    hits: Vec<Hit>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Self {
        Searcher { index, last: None }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// The best `limit` hits for `query`, best first, as [`Index::search`] gives them.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_or_cancel(query, limit, &|| false)
            .unwrap_or_default()
    }

    /// Like [`Searcher::search`], but gives up, returning `None`, as soon as `cancelled`
    /// returns true (it is asked every few thousand records). A cancelled search leaves the
    /// searcher as it was.
    pub fn search_or_cancel(
        &mut self,
        query: &str,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        self.find_or_cancel(query, limit, cancelled)
            .map(Result::unwrap_or_default)
    }

    /// [`Searcher::search`], or why the query cannot be searched (which leaves the searcher
    /// as it was).
    pub fn find(&mut self, query: &str, limit: usize) -> Result<Vec<Hit>, QueryError> {
        self.find_or_cancel(query, limit, &|| false)
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    fn find_or_cancel(
        &mut self,
        query: &str,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Result<Vec<Hit>, QueryError>> {
        let parsed = match Query::parse(text::cut(query)) {
            Ok(q) => q,
            Err(e) => return Some(Err(e)),
        };
        let restrict = match Restrict::compile(&self.index, &parsed) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        };
        let words = text::query_words(&parsed);
        let restrictions: Vec<Clause> = parsed.restrictions().map(unplaced).collect();
        if words.is_empty() && restrictions.is_empty() {
            self.last = None;
            return Some(Ok(Vec::new()));
        }
        if let Some(last) = &self.last {
            // A space typed after a word changes nothing.
            if last.words == words && last.restrictions == restrictions && last.limit == limit {
                return Some(Ok(last.hits.clone()));
            }
        }
        let within = self
            .last
            .as_ref()
            .filter(|last| {
                extends(&last.words, &words) && restrictions.starts_with(&last.restrictions)
            })
            .map(|last| last.pool.as_slice());
        let outcome = engine::run(&self.index, &words, &restrict, within, limit, cancelled)?;
        self.last = Some(Last {
            words,
            restrictions,
            pool: outcome.pool,
            limit,
            hits: outcome.hits.clone(),
        });
        Some(Ok(outcome.hits))
    }
}

/// A restricting clause without its place in the query, to compare two queries' restrictions.
fn unplaced(c: &Clause) -> Clause {
    match c {
        Clause::Word(p) => Clause::Word(Pattern { at: 0, ..p.clone() }),
        Clause::Not(p) => Clause::Not(Pattern { at: 0, ..p.clone() }),
        Clause::Filter {
            filter, negated, ..
        } => Clause::Filter {
            filter: filter.clone(),
            negated: *negated,
            at: 0,
        },
    }
}

/// Whether every record matching `new` also matches `old`: each old word is a prefix of the
/// new word in its place, matched the same way (a longer subsequence or substring implies the
/// shorter; a capital added makes the word case-sensitive, which only matches less; a suffix
/// or a whole field must stay the same), and new words may follow. The caller checks that the
/// restrictions only grew.
fn extends(old: &[Word], new: &[Word]) -> bool {
    new.len() >= old.len()
        && old.iter().zip(new).all(|(o, n)| {
            o.mode == n.mode
                && match o.mode {
                    Mode::Suffix | Mode::Equal => n.typed == o.typed,
                    _ => n.typed.starts_with(&o.typed),
                }
        })
}

/// How many hits a [`SearchWorker`] returns unless told otherwise.
pub const WORKER_LIMIT: usize = 200;

type Request = (u64, String);
type Reply = (u64, Vec<Hit>);

/// A background thread running a [`Searcher`], so that a UI never blocks on a search.
///
/// [`submit`](Self::submit) each query as typed; it returns the query's generation. The thread
/// always takes the newest query waiting, skips older ones, and abandons a search in progress as
/// soon as a newer query is submitted. Poll [`try_recv`](Self::try_recv) (e.g. once per frame):
/// it returns the newest finished result, whose generation tells whether it answers the latest
/// query or an earlier one still worth showing meanwhile. Dropping the worker stops the thread.
pub struct SearchWorker {
    requests: Option<Sender<Request>>,
    results: Receiver<Reply>,
    /// The generation of the newest query submitted; the thread's searches check it to stop.
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
    /// Used only if the thread could not be started: searches then run in `submit`.
    inline: Option<(Mutex<Searcher>, Sender<Reply>, usize)>,
}

impl SearchWorker {
    /// Starts a worker returning up to [`WORKER_LIMIT`] hits per query.
    pub fn spawn(index: Arc<Index>) -> Self {
        Self::with_limit(index, WORKER_LIMIT)
    }

    /// Starts a worker returning up to `limit` hits per query.
    pub fn with_limit(index: Arc<Index>, limit: usize) -> Self {
        let (req_tx, req_rx) = mpsc::channel::<Request>();
        let (res_tx, res_rx) = mpsc::channel::<Reply>();
        let latest = Arc::new(AtomicU64::new(0));
        let mut searcher = Searcher::new(Arc::clone(&index));
        let thread_latest = Arc::clone(&latest);
        let thread_results = res_tx.clone();
        let spawned = std::thread::Builder::new()
            .name("dealbook-search".into())
            .spawn(move || {
                while let Ok(mut request) = req_rx.recv() {
                    // Only the newest query waiting matters.
                    while let Ok(newer) = req_rx.try_recv() {
                        request = newer;
                    }
                    let (generation, query) = request;
                    let stale = || thread_latest.load(Ordering::Acquire) != generation;
                    if stale() {
                        continue;
                    }
                    if let Some(hits) = searcher.search_or_cancel(&query, limit, &stale) {
                        if thread_results.send((generation, hits)).is_err() {
                            break;
                        }
                    }
                }
            });
        match spawned {
            Ok(thread) => SearchWorker {
                requests: Some(req_tx),
                results: res_rx,
                latest,
                thread: Some(thread),
                inline: None,
            },
            Err(_) => SearchWorker {
                requests: None,
                results: res_rx,
                latest,
                thread: None,
                inline: Some((Mutex::new(Searcher::new(index)), res_tx, limit)),
            },
        }
    }

    /// Queues `query` and returns its generation (1, 2, 3, …), which its result will carry.
    pub fn submit(&self, query: String) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(requests) = &self.requests {
            let _ = requests.send((generation, query));
        } else if let Some((searcher, results, limit)) = &self.inline {
            if let Ok(mut searcher) = searcher.lock() {
                let _ = results.send((generation, searcher.search(&query, *limit)));
            }
        }
        generation
    }

    /// The generation of the newest query submitted (0 before any).
    pub fn latest(&self) -> u64 {
        self.latest.load(Ordering::Acquire)
    }

    /// The newest result ready, if any, discarding older ones. Never blocks.
    pub fn try_recv(&self) -> Option<(u64, Vec<Hit>)> {
        let mut newest = None;
        while let Ok(reply) = self.results.try_recv() {
            newest = Some(reply);
        }
        newest
    }

    /// Waits up to `timeout` for the next result (for tests and headless callers).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<(u64, Vec<Hit>)> {
        self.results.recv_timeout(timeout).ok()
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; bumping the generation abandons the
        // search it may be in, so joining does not wait for it.
        self.requests = None;
        self.latest.fetch_add(1, Ordering::AcqRel);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
