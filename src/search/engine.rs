//! The search proper: decide cheaply which records match, score with the fuzzy matcher only
//! those that can still reach the top `limit`, and compute highlight positions for the hits
//! returned.
//!
//! Whether a word matches a field is the matcher's own subsequence test, run here on
//! precomputed folded text (see `text.rs`), so the set of matching records is exact without
//! scoring anything. Candidates are then taken best coarse bound first; a candidate, or one of
//! its fields, is scored only if its bound (see `bound.rs`) can still beat the `limit`-th best
//! score found so far. The result is the exact top `limit` under (score, book order), whatever
//! records were looked at — which is what lets [`super::Searcher`] narrow to the previous
//! query's records.

use super::bound::{self, Scratch, score_bound};
use super::facet::Restrict;
use super::text::{self, Word};
use super::{CONTEXT_WEIGHT, Field, Hit, Index, NO_CONTEXT, Slot};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering as Atomic};

/// What one step of [`text::tier`] is worth: more than any sum of weighted matcher scores (at
/// most 12 × 6,150 per word, 256 characters in all), so the tiers decide first and the matcher's
/// score only orders records within a tier. Sums over a query's words stay inside 31 bits.
pub(super) const TIER: i64 = 1 << 20;

/// The highest tier `word` can reach: a single character is never a whole word.
fn max_tier(word: &Word) -> i64 {
    if word.pat_chars.len() == 1 {
        2
    } else {
        i64::from(text::WHOLE)
    }
}

/// `word`'s tier in a slot, with the byte offset of the occurrence that reaches it.
fn slot_tier(ix: &Index, word: &Word, slot: &Slot) -> (i64, Option<usize>) {
    let (t, at) = text::tier(ix.hay(slot, word.sensitive), ix.folded(slot), &word.pat);
    (i64::from(t), at)
}

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

impl Ranked {
    /// As one number, larger for better, for sharing a floor between threads. Scores stay far
    /// inside 32 bits (fields are capped at 4 KiB, queries at 256 characters).
    fn pack(self) -> Option<u64> {
        let score = i32::try_from(self.score).ok()?;
        Some((u64::from(score as u32 ^ 0x8000_0000) << 32) | u64::from(u32::MAX - self.rec))
    }

    fn unpack(packed: u64) -> Option<Ranked> {
        (packed != 0).then(|| Ranked {
            score: i64::from(((packed >> 32) as u32 ^ 0x8000_0000) as i32),
            rec: u32::MAX - packed as u32,
        })
    }
}

/// The better (higher) of two floors: both are worsts of a full top, so a record must beat both.
fn higher(a: Option<Ranked>, b: Option<Ranked>) -> Option<Ranked> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether record `rec` with score `score` would rank before `floor` (the worst of a full top).
fn beats(score: i64, rec: u32, floor: Option<Ranked>) -> bool {
    floor.is_none_or(|worst| Ranked { score, rec } < worst)
}

/// Skim's score of `word` on `choice`, with the matched positions.
///
/// fuzzy-matcher 0.3's `SkimMatcherV2` keeps its scoring matrix between calls (per thread) and
/// reads cells it has not cleared, so a reused matcher's score can depend on the calls before it
/// (about one call in 500 on random text, in our measurements); `use_cache(false)` panics
/// ("RefCell already borrowed"); and without positions (`fuzzy_match`) it reuses rows within a
/// call, with the same effect. A fresh matcher asked for positions computes exactly the
/// recurrence that `bound::relaxed` follows, so scores are a function of text and word — which
/// the bounds and the incremental search's equality with a fresh search rely on. The bounds
/// leave few calls, so their cost does not matter.
fn skim(word: &Word, choice: &str) -> Option<(i64, Vec<usize>)> {
    let matcher = if word.sensitive {
        SkimMatcherV2::default().respect_case()
    } else {
        SkimMatcherV2::default().ignore_case()
    };
    matcher.fuzzy_indices(choice, &word.pat)
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
    restrict: &Restrict,
    within: Option<&[u32]>,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    if words.is_empty() && restrict.is_empty() {
        return Some(Outcome {
            hits: Vec::new(),
            pool: Vec::new(),
        });
    }
    let count = within.map_or(ix.recs.len(), <[u32]>::len);
    // The best floor either half has found: a record that cannot beat the other half's
    // `limit`-th best cannot make the overall top either.
    let shared = AtomicU64::new(0);
    let part = |from: usize, to: usize| match within {
        Some(recs) => scan(
            ix,
            (words, restrict),
            recs[from..to].iter().copied(),
            limit,
            &shared,
            cancelled,
        ),
        None => scan(
            ix,
            (words, restrict),
            from as u32..to as u32,
            limit,
            &shared,
            cancelled,
        ),
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
    let hits = top.iter().map(|r| describe(ix, words, r)).collect();
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
    (words, restrict): (&[Word], &Restrict),
    recs: impl Iterator<Item = u32>,
    limit: usize,
    shared: &AtomicU64,
    cancelled: &dyn Fn() -> bool,
) -> Option<(Vec<u32>, Vec<Ranked>)> {
    let (low, high) = recs.size_hint();
    let mut pool = Vec::with_capacity(high.unwrap_or(low));
    let mut candidates = Vec::with_capacity(high.unwrap_or(low));
    for (n, r) in recs.enumerate() {
        if n % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let verdict = match check(ix, words, r) {
            Verdict::Miss => Verdict::Miss,
            _ if !restrict.is_empty() && !restrict.accepts(ix, r) => Verdict::Miss,
            v => v,
        };
        match verdict {
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
    if words.is_empty() {
        // Filters alone: every record scores 0, so the first ones in index order are the top.
        candidates.truncate(limit);
        return Some((pool, candidates));
    }
    // Highest bound first, so that the top fills with good hits early and stops the rest.
    sort_by_bound(&mut candidates);
    let mut scratch = Scratch::default();
    let mut top: BinaryHeap<Ranked> = BinaryHeap::with_capacity(limit + 1);
    for (n, bound) in candidates.iter().enumerate() {
        if n % CANCEL_EVERY == 0 && cancelled() {
            return None;
        }
        let own = (top.len() == limit).then(|| top.peek().copied()).flatten();
        let floor = higher(own, Ranked::unpack(shared.load(Atomic::Relaxed)));
        if let Some(worst) = floor {
            if bound.score < worst.score {
                break; // every later bound is lower still
            }
        }
        let Some(score) = score(ix, words, *bound, floor, &mut scratch) else {
            continue;
        };
        debug_assert!(score <= bound.score, "bound broken: {score} > {bound:?}");
        top.push(Ranked {
            score,
            rec: bound.rec,
        });
        if top.len() > limit {
            top.pop();
        }
        if top.len() == limit {
            if let Some(packed) = top.peek().and_then(|w| w.pack()) {
                shared.fetch_max(packed, Atomic::Relaxed);
            }
        }
    }
    Some((pool, top.into_vec()))
}

/// Sorts candidates best bound first, then in book order. Bounds take few distinct values, so a
/// counting sort (stable: candidates come in book order) beats a comparison sort.
fn sort_by_bound(candidates: &mut Vec<Ranked>) {
    const MAX_BUCKETS: i64 = 1 << 20;
    let (lo, hi) = candidates.iter().fold((i64::MAX, i64::MIN), |(lo, hi), c| {
        (lo.min(c.score), hi.max(c.score))
    });
    if hi.saturating_sub(lo) >= MAX_BUCKETS {
        candidates.sort_unstable();
        return;
    }
    let bucket = |c: &Ranked| (hi - c.score) as usize;
    let mut starts = vec![0usize; (hi - lo) as usize + 2];
    for c in candidates.iter() {
        starts[bucket(c) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = vec![Ranked { score: 0, rec: 0 }; candidates.len()];
    for c in candidates.iter() {
        let at = &mut starts[bucket(c)];
        sorted[*at] = *c;
        *at += 1;
    }
    *candidates = sorted;
}

/// The slots of a record, own ones first (best weight first), then its context.
fn slots(ix: &Index, rec: u32) -> impl Iterator<Item = (&Slot, i64, bool)> {
    let r = ix.recs[rec as usize];
    let own = ix.slots[r.start as usize..r.end as usize]
        .iter()
        .map(|s| (s, s.field.weight(), true));
    let context = (r.context != NO_CONTEXT)
        .then(|| ix.slots.get(r.context as usize))
        .flatten()
        .map(|s| (s, CONTEXT_WEIGHT, false));
    own.chain(context)
}

fn accepts(ix: &Index, word: &Word, slot: &Slot) -> bool {
    slot.mask & word.mask == word.mask && word.accepts_hay(ix.hay(slot, word.sensitive))
}

/// The most `word` can add to record `rec`'s score, from the subsequence test alone: over the
/// slots it matches, the slot's weight times [`score_bound`] (which knows whether the slot starts
/// with the word's first character); `None` if it matches no slot. Also whether the best slot
/// found is the record's own (not its context).
fn coarse(ix: &Index, word: &Word, rec: u32) -> Option<(i64, bool)> {
    let len = word.pat_chars.len();
    let most = score_bound(len, true);
    // The first byte, lower-cased, compared with the slot's: exact for an ASCII character,
    // and on the high side otherwise (a non-ASCII character is never one byte).
    let first = word.pat.as_bytes().first().map(u8::to_ascii_lowercase);
    let top_tier = max_tier(word) * TIER;
    let mut best: Option<(i64, bool)> = None;
    for (slot, weight, own) in slots(ix, rec) {
        if best.is_some_and(|(b, _)| top_tier + weight * most <= b) {
            break; // slots come in falling weight: no later one can do better
        }
        if slot.mask & word.mask != word.mask {
            continue;
        }
        // A word the mask decides (one letter or digit) is not read at all: its tier is
        // bounded by the highest a single character can have.
        let tier = if word.mask_decides {
            top_tier
        } else if word.accepts_hay(ix.hay(slot, word.sensitive)) {
            slot_tier(ix, word, slot).0 * TIER
        } else {
            continue;
        };
        let at_start = first.is_none_or(|f| f >= 0x80 || f == slot.first);
        let b = tier + weight * score_bound(len, at_start);
        if best.is_none_or(|(x, _)| b > x) {
            best = Some((b, own));
        }
    }
    best
}

/// Phase one: subsequence tests only, one per word in the best case.
fn check(ix: &Index, words: &[Word], rec: u32) -> Verdict {
    if words.is_empty() {
        return Verdict::Match(0);
    }
    let mask = ix.recs[rec as usize].mask;
    if words.iter().any(|w| mask & w.mask != w.mask) {
        return Verdict::Miss;
    }
    let mut total = 0;
    let mut own_match = false;
    for word in words {
        match coarse(ix, word, rec) {
            Some((bound, own)) => {
                total += bound;
                own_match |= own;
            }
            None => return Verdict::Miss,
        }
    }
    if own_match {
        Verdict::Match(total)
    } else {
        Verdict::ContextOnly
    }
}

/// Phase two: the record's score — the sum over words of their best weighted score — or `None`
/// when it cannot rank before `floor`. Fields whose bound cannot make a difference are skipped.
fn score(
    ix: &Index,
    words: &[Word],
    candidate: Ranked,
    floor: Option<Ranked>,
    scratch: &mut Scratch,
) -> Option<i64> {
    let rec = candidate.rec;
    // Bounds per word, replaced by exact scores as words are scored. With one word, phase
    // one's bound is that word's.
    let mut bounds = Vec::with_capacity(words.len());
    if words.len() == 1 {
        bounds.push(candidate.score);
    } else {
        for word in words {
            bounds.push(coarse(ix, word, rec)?.0);
        }
    }
    let mut total: i64 = bounds.iter().sum();
    for (word, bound) in words.iter().zip(&bounds) {
        let most = score_bound(word.pat_chars.len(), true);
        let top_tier = max_tier(word) * TIER;
        let rest = total - bound;
        let mut best: Option<i64> = None;
        for (slot, weight, _) in slots(ix, rec) {
            let top = top_tier + weight * most;
            if !beats(rest + top, rec, floor) || best.is_some_and(|b| top <= b) {
                break; // slots come in falling weight: no later one can do better
            }
            if !accepts(ix, word, slot) {
                continue;
            }
            let tier = slot_tier(ix, word, slot).0 * TIER;
            let folded = ix.folded(slot);
            let Some(tight) = bound::relaxed(folded, &word.pat_chars, word.sensitive, scratch)
            else {
                continue;
            };
            let tight = tier + tight * weight;
            if !beats(rest + tight, rec, floor) || best.is_some_and(|b| tight <= b) {
                continue;
            }
            if let Some((s, _)) = skim(word, folded) {
                let s = tier + s * weight;
                debug_assert!(s <= tight, "relaxed bound broken on {folded:?}");
                best = Some(best.map_or(s, |b| b.max(s)));
            }
        }
        // No slot scored: none could have lifted the record above the floor.
        total = rest + best?;
        if !beats(total, rec, floor) {
            return None;
        }
    }
    Some(total)
}

/// A hit for a record of the final top: the own field where the words scored most, and the
/// positions of every word that scored best there.
fn describe(ix: &Index, words: &[Word], ranked: &Ranked) -> Hit {
    let r = ix.recs[ranked.rec as usize];
    let own = &ix.slots[r.start as usize..r.end as usize];
    // For each word, its best own slot: (index in `own`, weighted score, positions).
    let best: Vec<Option<(usize, i64, Vec<usize>)>> = words
        .iter()
        .map(|word| {
            own.iter()
                .enumerate()
                .filter(|(_, slot)| accepts(ix, word, slot))
                .filter_map(|(i, slot)| {
                    let (s, positions) = skim(word, ix.folded(slot))?;
                    let (tier, at) = slot_tier(ix, word, slot);
                    // A word found together is highlighted where it is together, whatever
                    // letters the matcher's alignment picked.
                    let positions = match at {
                        Some(at) => {
                            let from = ix.folded(slot).get(..at).map_or(0, |s| s.chars().count());
                            (from..from + word.pat_chars.len()).collect()
                        }
                        None => positions,
                    };
                    Some((i, tier * TIER + s * slot.field.weight(), positions))
                })
                .fold(
                    None,
                    |acc: Option<(usize, i64, Vec<usize>)>, next| match acc {
                        Some((_, a, _)) if a >= next.1 => acc,
                        _ => Some(next),
                    },
                )
        })
        .collect();
    let mut sums = vec![0i64; own.len()];
    let mut used = vec![false; own.len()];
    for (i, s, _) in best.iter().flatten() {
        sums[*i] += s;
        used[*i] = true;
    }
    let chosen = (0..own.len())
        .filter(|&i| used[i])
        .max_by(|&a, &b| sums[a].cmp(&sums[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut positions: Vec<usize> = best
        .into_iter()
        .flatten()
        .filter(|(i, _, _)| *i == chosen)
        .flat_map(|(_, _, p)| p)
        .collect();
    let slot = own.get(chosen);
    positions.sort_unstable();
    positions.dedup();
    Hit {
        record: ix.records[ranked.rec as usize],
        score: ranked.score,
        field: slot.map_or(Field::Id, |s| s.field),
        matched: ix.original(r.start as usize + chosen).to_string(),
        positions,
    }
}
