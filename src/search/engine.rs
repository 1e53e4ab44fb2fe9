//! The search proper: decide cheaply which records match, score with the fuzzy matcher only
//! those that can still reach the top `limit`, and compute highlight positions for the hits
//! returned.
//!
//! Whether a word matches a field is the matcher's own subsequence test, run here on
//! precomputed folded text (see `text.rs`), so the set of matching records is exact without
//! scoring anything. Candidates are then scored best upper bound first; once the `limit`-th best
//! score beats every remaining bound, the rest cannot enter the top and are never scored. The
//! result is the exact top `limit` under (score, book order), whatever records were looked at —
//! which is what lets [`super::Searcher`] narrow to the previous query's records.

use super::text::{Word, score_bound};
use super::{CONTEXT_WEIGHT, Hit, Index, Slot};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::OnceLock;

/// Below this many records one thread is faster than starting a second.
const PARALLEL_FROM: usize = 32_768;
/// How many records are checked between two looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// What a search produced.
pub(super) struct Outcome {
    pub hits: Vec<Hit>,
    /// The records in which every word matches some field, own or context, in book order: a
    /// superset of the matches of any query that extends this one.
    pub pool: Vec<u32>,
}

/// A scored record, ordered worst first: lower score, then later in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ranked {
    score: i64,
    rec: u32,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other.score.cmp(&self.score).then(self.rec.cmp(&other.rec))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The two matchers a query needs: smart case is decided per word, not per query.
struct Matchers {
    ignore: SkimMatcherV2,
    respect: SkimMatcherV2,
}

impl Matchers {
    fn new() -> Self {
        Matchers {
            ignore: SkimMatcherV2::default().ignore_case(),
            respect: SkimMatcherV2::default().respect_case(),
        }
    }

    fn get(&self, word: &Word) -> &SkimMatcherV2 {
        if word.sensitive {
            &self.respect
        } else {
            &self.ignore
        }
    }
}

fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Searches `within` (records in book order) or, when `None`, the whole index. `None` when
/// `cancelled` said so before the end.
pub(super) fn run(
    ix: &Index,
    words: &[Word],
    within: Option<&[u32]>,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    if words.is_empty() {
        return Some(Outcome {
            hits: Vec::new(),
            pool: Vec::new(),
        });
    }
    let count = within.map_or(ix.recs.len(), <[u32]>::len);
    let part = |from: usize, to: usize| match within {
        Some(recs) => scan(ix, words, recs[from..to].iter().copied(), limit, cancelled),
        None => scan(ix, words, from as u32..to as u32, limit, cancelled),
    };
    let (pool, mut top) = if count >= PARALLEL_FROM && cores() > 1 {
        // Two halves, each with its own top `limit`: the overall top is within their union.
        let mid = count / 2;
        let (a, b) = std::thread::scope(|s| {
            let second = s.spawn(|| part(mid, count));
            let first = part(0, mid);
            (first, second.join().ok().flatten())
        });
        let (mut pool, mut top) = a?;
        let (pool_b, top_b) = b?;
        pool.extend(pool_b);
        top.extend(top_b);
        (pool, top)
    } else {
        part(0, count)?
    };
    top.sort_unstable();
    top.truncate(limit);
    let matchers = Matchers::new();
    let hits = top
        .iter()
        .map(|r| describe(ix, words, r, &matchers))
        .collect();
    Some(Outcome { hits, pool })
}

/// What a record does with the query's words.
enum Verdict {
    /// Some word matches none of its fields.
    Miss,
    /// Every word matches, but only in the context (a term's deal title): not a hit, but a
    /// longer query may add a word that matches the term itself.
    ContextOnly,
    /// A hit, whose score is at most this.
    Match(i64),
}

/// Both phases over one run of records: the pool, and the top `limit` scored records, unsorted.
fn scan(
    ix: &Index,
    words: &[Word],
    recs: impl Iterator<Item = u32>,
    limit: usize,
    cancelled: &dyn Fn() -> bool,
) -> Option<(Vec<u32>, Vec<Ranked>)> {
    let mut pool = Vec::new();
    let mut candidates = Vec::new();
    for (n, r) in recs.enumerate() {
        if n % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        match check(ix, words, r) {
            Verdict::Miss => {}
            Verdict::ContextOnly => pool.push(r),
            Verdict::Match(bound) => {
                pool.push(r);
                candidates.push(Ranked {
                    score: bound,
                    rec: r,
                });
            }
        }
    }
    // A huge limit (from a command line) must not become a huge allocation.
    let limit = limit.min(candidates.len());
    if limit == 0 {
        return Some((pool, Vec::new()));
    }
    // Highest bound first, so that the top fills with good hits early and stops the rest.
    candidates.sort_unstable();
    let matchers = Matchers::new();
    let mut top: BinaryHeap<Ranked> = BinaryHeap::with_capacity(limit + 1);
    for (n, bound) in candidates.iter().enumerate() {
        if n % (CANCEL_EVERY / 4) == 0 && cancelled() {
            return None;
        }
        if top.len() == limit {
            let Some(worst) = top.peek() else { break };
            if bound.score < worst.score {
                break; // every later bound is lower still
            }
            if bound >= worst {
                continue; // even at its bound it would rank after the worst kept
            }
        }
        let Some(score) = score(ix, words, bound.rec, &matchers) else {
            continue;
        };
        debug_assert!(
            score <= bound.score,
            "score bound broken: {score} > {bound:?}"
        );
        let ranked = Ranked {
            score,
            rec: bound.rec,
        };
        if top.len() < limit {
            top.push(ranked);
        } else if top.peek().is_some_and(|worst| ranked < *worst) {
            top.pop();
            top.push(ranked);
        }
    }
    Some((pool, top.into_vec()))
}

/// The slots of a record, own ones first (best weight first), then its context.
fn slots(ix: &Index, rec: u32) -> impl Iterator<Item = (&Slot, i64, bool)> {
    let r = ix.recs[rec as usize];
    let own = ix.slots[r.start as usize..r.end as usize]
        .iter()
        .map(|s| (s, s.field.weight(), true));
    let context = r
        .context
        .and_then(|c| ix.slots.get(c as usize))
        .map(|s| (s, CONTEXT_WEIGHT, false));
    own.chain(context)
}

/// Whether `word` matches `slot`, and if so the best score the matcher could give it there.
fn bound(ix: &Index, word: &Word, slot: &Slot) -> Option<i64> {
    let (folded, lower) = ix.folded(slot.fold);
    if !word.accepts(folded, lower) {
        return None;
    }
    let hay = if word.sensitive { folded } else { lower };
    Some(word.bound(hay.chars().next()))
}

/// Phase one: no matcher, only subsequence tests and bounds.
fn check(ix: &Index, words: &[Word], rec: u32) -> Verdict {
    let mut total = 0;
    let mut own_match = false;
    for word in words {
        let most = score_bound(word.chars, true);
        let mut best: Option<i64> = None;
        for (slot, weight, own) in slots(ix, rec) {
            if best.is_some_and(|b| weight * most <= b) {
                break; // slots come in falling weight, so none can do better
            }
            if let Some(b) = bound(ix, word, slot) {
                best = Some(best.map_or(weight * b, |x| x.max(weight * b)));
                own_match |= own;
            }
        }
        match best {
            Some(b) => total += b,
            None => return Verdict::Miss,
        }
    }
    if own_match {
        Verdict::Match(total)
    } else {
        Verdict::ContextOnly
    }
}

/// Phase two: the record's score, the sum over words of their best weighted score.
fn score(ix: &Index, words: &[Word], rec: u32, matchers: &Matchers) -> Option<i64> {
    let mut total = 0;
    for word in words {
        let most = score_bound(word.chars, true);
        let mut best: Option<i64> = None;
        for (slot, weight, _) in slots(ix, rec) {
            if best.is_some_and(|b| weight * most <= b) {
                break;
            }
            let Some(b) = bound(ix, word, slot) else {
                continue;
            };
            if best.is_some_and(|x| weight * b <= x) {
                continue;
            }
            let (folded, _) = ix.folded(slot.fold);
            if let Some(s) = matchers.get(word).fuzzy_match(folded, &word.pat) {
                best = Some(best.map_or(weight * s, |x| x.max(weight * s)));
            }
        }
        total += best?;
    }
    Some(total)
}

/// A hit for a record of the final top: the own field where the words scored most, and the
/// positions of every word that scored best there.
fn describe(ix: &Index, words: &[Word], ranked: &Ranked, matchers: &Matchers) -> Hit {
    let r = ix.recs[ranked.rec as usize];
    let own = &ix.slots[r.start as usize..r.end as usize];
    // For each word, its best own slot: (index in `own`, weighted score).
    let best: Vec<Option<(usize, i64)>> = words
        .iter()
        .map(|word| {
            own.iter()
                .enumerate()
                .filter(|(_, slot)| bound(ix, word, slot).is_some())
                .filter_map(|(i, slot)| {
                    let (folded, _) = ix.folded(slot.fold);
                    let s = matchers.get(word).fuzzy_match(folded, &word.pat)?;
                    Some((i, s * slot.field.weight()))
                })
                .fold(None, |acc: Option<(usize, i64)>, (i, s)| match acc {
                    Some((_, a)) if a >= s => acc,
                    _ => Some((i, s)),
                })
        })
        .collect();
    let mut sums = vec![0i64; own.len()];
    let mut used = vec![false; own.len()];
    for &(i, s) in best.iter().flatten() {
        sums[i] += s;
        used[i] = true;
    }
    let chosen = (0..own.len())
        .filter(|&i| used[i])
        .max_by(|&a, &b| sums[a].cmp(&sums[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut positions = Vec::new();
    let slot = own.get(chosen);
    if let Some(slot) = slot {
        let (folded, _) = ix.folded(slot.fold);
        for (word, b) in words.iter().zip(&best) {
            if b.is_some_and(|(i, _)| i == chosen) {
                if let Some((_, p)) = matchers.get(word).fuzzy_indices(folded, &word.pat) {
                    positions.extend(p);
                }
            }
        }
    }
    positions.sort_unstable();
    positions.dedup();
    Hit {
        target: ix.targets[ranked.rec as usize],
        score: ranked.score,
        field: slot.map_or(super::Field::Id, |s| s.field),
        matched: slot.map_or_else(String::new, |s| ix.original(s.text).to_string()),
        positions,
    }
}
