//! Upper bounds of skim's score, cheap enough to skip most calls to the matcher.
//!
//! The engine needs only the top `limit` records; a record whose bound cannot reach the
//! `limit`-th best score found so far is never scored. Both bounds follow the recurrence of
//! `SkimMatcherV2` (fuzzy-matcher 0.3, `skim.rs`), with its default scores: a matched character
//! scores 16; a gap costs 3 to open and 1 per character; a character gets a bonus by its role —
//! 8 at the head of a word (after a space, a bracket, a slash or the start), 7 after other
//! punctuation, 6 for a capital after a lower-case letter or digit, and the very first character
//! of the text twice its bonus. Property tests check both bounds against the matcher.

/// The bound that knows only the pattern's length and whether the text starts with the pattern's
/// first character: the first character scores at most 16 − 1 + 16 at the start (its bonus is
/// doubled there), else 16 − 1 + 8; each later one at most 16 plus a bonus of 8.
pub fn score_bound(chars: usize, at_start: bool) -> i64 {
    if chars == 0 {
        return 0;
    }
    let first = if at_start { 31 } else { 23 };
    first + 24 * (chars as i64 - 1)
}

/// Skim's character classes, as in its `CharType::of`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn class(c: char) -> Class {
    match c {
        '\0' => Class::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
        '0'..='9' => Class::Number,
        'A'..='Z' => Class::Upper,
        _ => Class::Lower,
    }
}

/// The bonus for a character of class `cur` after one of class `prev` (skim's `CharRole`).
fn bonus(prev: Class, cur: Class) -> i32 {
    match (prev, cur) {
        (Class::Empty | Class::HardSep, _) => 8,
        (Class::SoftSep, _) => 7,
        (Class::Lower | Class::Number, Class::Upper) => 6,
        _ => 0,
    }
}

/// Skim's minus infinity.
const NEG: i32 = i16::MIN as i32;

/// Buffers reused between calls of [`relaxed`].
#[derive(Default)]
pub struct Scratch {
    chars: Vec<char>,
    prev: Vec<(u32, i32)>,
    cur: Vec<(u32, i32)>,
}

/// An upper bound of skim's score of `pat` on `choice` (`None` if it does not match), comparing
/// characters as skim does (`sensitive`, or ASCII case folded). It is skim's recurrence as a
/// fresh `SkimMatcherV2` computes it with positions (`fuzzy_indices`), with columns counted from
/// 1 — M, the best score with the pattern's character at this column; P, with it earlier and a
/// gap since:
///
/// ```text
/// M[i][j] = 16 − case + max(M[i−1][j−1] + max(bonus[j], 4), P[i−1][j−1] + bonus[j])
/// P[i][j] = max(M[i][j−1] − 4, P[i][j−1] − 1)          (row −1: M = −∞, P = −1)
/// ```
///
/// leaving out only the case-mismatch penalty (`case`, 2), so it is the score itself for text
/// whose case matches, and a little above otherwise. M is finite only where the characters are
/// equal, and P unrolls to `max over k < j of (M[i][k] + k) − j − 3`, so each row is computed
/// at its matches only: a few dozen integer operations for a title, no allocation.
pub fn relaxed(choice: &str, pat: &[char], sensitive: bool, scratch: &mut Scratch) -> Option<i64> {
    run(choice, pat, sensitive, false, scratch)
}

/// [`relaxed`] with the case-mismatch penalty: skim's own score, to test this module against.
pub fn with_case_penalty(
    choice: &str,
    pat: &[char],
    sensitive: bool,
    scratch: &mut Scratch,
) -> Option<i64> {
    run(choice, pat, sensitive, true, scratch)
}

fn run(
    choice: &str,
    pat: &[char],
    sensitive: bool,
    case_penalty: bool,
    scratch: &mut Scratch,
) -> Option<i64> {
    let Scratch { chars, prev, cur } = scratch;
    if choice.is_ascii() {
        let text = Bytes(choice.as_bytes());
        rows(&text, pat, sensitive, case_penalty, prev, cur)
    } else {
        chars.clear();
        chars.extend(choice.chars());
        rows(&Chars(chars), pat, sensitive, case_penalty, prev, cur)
    }
}

/// Text as the recurrence reads it: characters by index, and the next match of one.
trait Text {
    fn at(&self, j: usize) -> char;
    /// The first index ≥ `from` holding `p` (either case unless `sensitive`).
    fn find(&self, from: usize, p: char, sensitive: bool) -> Option<usize>;
}

/// ASCII text, searched with `memchr`.
struct Bytes<'a>(&'a [u8]);

impl Text for Bytes<'_> {
    fn at(&self, j: usize) -> char {
        char::from(self.0[j])
    }
    fn find(&self, from: usize, p: char, sensitive: bool) -> Option<usize> {
        let p = u8::try_from(p).ok().filter(u8::is_ascii)?;
        let rest = self.0.get(from..)?;
        let found = if sensitive || !p.is_ascii_alphabetic() {
            memchr::memchr(p, rest)
        } else {
            memchr::memchr2(p.to_ascii_lowercase(), p.to_ascii_uppercase(), rest)
        };
        found.map(|i| from + i)
    }
}

/// Any other text, decoded.
struct Chars<'a>(&'a [char]);

impl Text for Chars<'_> {
    fn at(&self, j: usize) -> char {
        self.0[j]
    }
    fn find(&self, from: usize, p: char, sensitive: bool) -> Option<usize> {
        let rest = self.0.get(from..)?;
        let found = if sensitive {
            rest.iter().position(|&c| c == p)
        } else {
            rest.iter().position(|c| c.eq_ignore_ascii_case(&p))
        };
        found.map(|i| from + i)
    }
}

/// The recurrence over `text` (bytes of ASCII text, or characters), row by row, each row the
/// (column, M) of the pattern character's matches.
fn rows(
    text: &impl Text,
    pat: &[char],
    sensitive: bool,
    case_penalty: bool,
    prev: &mut Vec<(u32, i32)>,
    cur: &mut Vec<(u32, i32)>,
) -> Option<i64> {
    // The bonus of the character at column `col` (≥ 1).
    let bonus_at = |col: usize| {
        let before = if col >= 2 {
            class(text.at(col - 2))
        } else {
            Class::Empty
        };
        let b = bonus(before, class(text.at(col - 1)));
        if col == 1 { 2 * b } else { b }
    };
    let score = |c: char, p: char| {
        if case_penalty && !sensitive && c != p {
            14
        } else {
            16
        }
    };
    let (&p0, rest) = pat.split_first()?;
    prev.clear();
    let mut from = 0;
    while let Some(j) = text.find(from, p0, sensitive) {
        // Row −1 has P = −1 everywhere.
        let col = j + 1;
        prev.push((col as u32, score(text.at(j), p0) - 1 + bonus_at(col)));
        from = j + 1;
    }
    for &p in rest {
        cur.clear();
        let mut k = 0;
        let mut reach = NEG; // max of M + column over the previous row's entries up to col − 2
        // This character comes after the previous one's first match (at index `col − 1`).
        let mut from = prev.first()?.0 as usize;
        while let Some(j) = text.find(from, p, sensitive) {
            from = j + 1;
            let c = text.at(j);
            let col = j + 1;
            while k < prev.len() && prev[k].0 as usize + 2 <= col {
                reach = reach.max(prev[k].1 + prev[k].0 as i32);
                k += 1;
            }
            let b = bonus_at(col);
            let consecutive = match prev.get(k) {
                Some(&(at, m)) if at as usize + 1 == col => m + b.max(4),
                _ => NEG,
            };
            let gap = if reach > NEG {
                reach - col as i32 + 1 - 3 + b
            } else {
                NEG
            };
            let m = score(c, p) + consecutive.max(gap);
            if m > NEG / 2 {
                cur.push((col as u32, m));
            }
        }
        std::mem::swap(prev, cur);
    }
    prev.iter().map(|&(_, m)| i64::from(m)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn relaxed_bound_is_near_an_exact_match() {
        let mut s = Scratch::default();
        let b = relaxed("SoftBank", &chars("softbank"), false, &mut s);
        let exact = with_case_penalty("SoftBank", &chars("softbank"), false, &mut s);
        assert!(b.is_some_and(|b| exact.is_some_and(|e| e < b && b <= score_bound(8, true))));
        assert_eq!(relaxed("SoftBank", &chars("sbx"), false, &mut s), None);
        assert_eq!(relaxed("", &chars("a"), false, &mut s), None);
        assert_eq!(relaxed("abc", &[], false, &mut s), None);
    }

    #[test]
    fn scattered_letters_get_a_low_bound() {
        let mut s = Scratch::default();
        let scattered = relaxed("Labs invest in Norvex of", &chars("sof"), false, &mut s);
        let whole = relaxed("Labs invest in SoftBank", &chars("sof"), false, &mut s);
        assert!(scattered < whole, "{scattered:?} {whole:?}");
        assert!(scattered.is_some_and(|b| b < score_bound(3, false)));
    }
}
