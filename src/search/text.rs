//! Query words, text folding and the cheap subsequence test that decides whether a word matches.
//!
//! The fuzzy matcher (skim's algorithm, from `fuzzy-matcher`) accepts a choice exactly when the
//! pattern is an ordered subsequence of it, comparing characters with ASCII case folding. The
//! test here reproduces that acceptance on precomputed text, so *whether* a record matches is
//! decided without the matcher; the matcher only scores.

use super::query::{Clause, Mode, Query};
use memchr::memchr;

/// Queries are cut to this many characters: a longer word can only match a field at least as
/// long, and the scoring matrix grows with the product of the two lengths.
pub const MAX_QUERY_CHARS: usize = 256;

/// Fields are indexed up to this many bytes (cut on a character boundary). Real notes are far
/// shorter; a hostile book may hold a 50 MiB scalar, which must not make every keystroke slow.
pub const MAX_FIELD_BYTES: usize = 4096;

/// Folds one character for matching, always to exactly one character, so that a position in
/// the folded text is the same position in the original: Latin letters lose their diacritics
/// and keep their case ('É' → 'E', 'ç' → 'c'), typographic quotes and dashes become ASCII,
/// other capitals become lower case (so case matters only for ASCII letters, as in skim).
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let base = match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => return '\'',
        '\u{201C}' | '\u{201D}' => return '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => return '-',
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => return ' ',
        'À'..='Å' | 'à'..='å' | '\u{0100}'..='\u{0105}' => 'a',
        'Ç' | 'ç' | '\u{0106}'..='\u{010D}' => 'c',
        'Ð' | 'ð' | '\u{010E}'..='\u{0111}' => 'd',
        'È'..='Ë' | 'è'..='ë' | '\u{0112}'..='\u{011B}' => 'e',
        '\u{011C}'..='\u{0123}' => 'g',
        '\u{0124}'..='\u{0127}' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | '\u{0128}'..='\u{0131}' => 'i',
        '\u{0134}'..='\u{0135}' => 'j',
        '\u{0136}'..='\u{0137}' => 'k',
        '\u{0139}'..='\u{0142}' => 'l',
        'Ñ' | 'ñ' | '\u{0143}'..='\u{0148}' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | '\u{014C}'..='\u{0151}' => 'o',
        '\u{0154}'..='\u{0159}' => 'r',
        '\u{015A}'..='\u{0161}' => 's',
        '\u{0162}'..='\u{0167}' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | '\u{0168}'..='\u{0173}' => 'u',
        '\u{0174}'..='\u{0175}' => 'w',
        'Ý' | 'ý' | 'ÿ' | '\u{0176}'..='\u{0178}' => 'y',
        '\u{0179}'..='\u{017E}' => 'z',
        _ => {
            let mut lower = c.to_lowercase();
            return match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            };
        }
    };
    if c.is_uppercase() {
        base.to_ascii_uppercase()
    } else {
        base
    }
}

/// A text folded by [`fold`], character for character.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// `s` cut to at most `max` bytes on a character boundary.
pub fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// One word of a query, ready to test and score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// As typed (used to tell whether a later query extends this one).
    pub typed: String,
    /// Folded; lower-cased too unless the word is case-sensitive.
    pub pat: String,
    /// Smart case, as in fzf: a word with a capital letter matches case-sensitively.
    pub sensitive: bool,
    /// The characters of `pat`.
    pub pat_chars: Vec<char>,
    /// Whether `pat` is ASCII, when bytes can be tested as characters.
    pub ascii: bool,
    /// The [`char_bit`]s of `pat`'s characters, lower-cased: a field lacking one cannot match.
    pub mask: u64,
    /// Whether the mask alone decides a match: one lower-case letter or digit, whose bit no
    /// other character shares. The first keystroke then reads no text at all.
    pub mask_decides: bool,
    /// Fuzzy, or fzf's exact, prefix and suffix forms.
    pub mode: Mode,
}

impl Word {
    /// A fuzzy word.
    pub fn new(typed: &str) -> Word {
        Word::with_mode(typed, Mode::Fuzzy)
    }

    /// A word matched as `mode` says (`typed` without its markers).
    pub fn with_mode(typed: &str, mode: Mode) -> Word {
        let sensitive = typed.chars().any(char::is_uppercase);
        let mut pat = fold_str(typed);
        if !sensitive {
            pat.make_ascii_lowercase();
        }
        Word {
            typed: typed.to_string(),
            pat_chars: pat.chars().collect(),
            ascii: pat.is_ascii(),
            mask: mask(&pat.to_ascii_lowercase()),
            mask_decides: mode == Mode::Fuzzy
                && !sensitive
                && pat.len() == 1
                && pat
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            pat,
            sensitive,
            mode,
        }
    }

    /// Whether this word is a subsequence of a field, given the field folded (`folded`) and
    /// folded then ASCII-lower-cased (`lower`). Exactly the matcher's own acceptance test.
    pub fn accepts(&self, folded: &str, lower: &str) -> bool {
        self.accepts_hay(if self.sensitive { folded } else { lower })
    }

    /// [`Word::accepts`] given the right one of the two texts.
    pub fn accepts_hay(&self, hay: &str) -> bool {
        let pat = self.pat.as_str();
        match self.mode {
            Mode::Fuzzy => {}
            Mode::Exact => return memchr::memmem::find(hay.as_bytes(), pat.as_bytes()).is_some(),
            Mode::Prefix => return hay.starts_with(pat),
            Mode::Suffix => return hay.ends_with(pat),
            Mode::Equal => return hay == pat,
        }
        if self.ascii {
            // ASCII bytes never occur inside a multi-byte character, so bytes are characters here.
            bytes_subsequence(hay.as_bytes(), self.pat.as_bytes())
        } else {
            chars_subsequence(hay, &self.pat)
        }
    }
}

/// One bit standing for a character (several characters share some bits): letters and digits
/// have their own, other ASCII characters share 27, everything else one.
pub fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ if c.is_ascii() => 1 << (36 + c as u32 % 27),
        _ => 1 << 63,
    }
}

/// The [`char_bit`]s of every character of a lower-cased text.
pub fn mask(lower: &str) -> u64 {
    lower.chars().fold(0, |m, c| m | char_bit(c))
}

/// A query cut to [`MAX_QUERY_CHARS`].
pub fn cut(query: &str) -> &str {
    let end = query
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(query.len(), |(i, _)| i);
    &query[..end]
}

/// The words to find of a parsed query (not the negated ones).
pub fn query_words(query: &Query) -> Vec<Word> {
    query
        .clauses
        .iter()
        .filter_map(|c| match c {
            Clause::Word(p) => Some(Word::with_mode(&p.text, p.mode)),
            _ => None,
        })
        .collect()
}

/// The words of a query: split on white space, cut to [`MAX_QUERY_CHARS`], all fuzzy.
pub fn words(query: &str) -> Vec<Word> {
    cut(query).split_whitespace().map(Word::new).collect()
}

/// How a word sits in a field, the first key of the ranking: its letters scattered (0),
/// together inside a word (1), together from the start of a word (2), or a whole word (3).
/// Word starts are those fzf gives a bonus to: after a non-alphanumeric character or the
/// start, a capital after a lower-case letter, a digit after a non-digit; a whole word also
/// ends at the text's end, before a non-alphanumeric, before a capital after lower case, or
/// between a digit and a letter ("40" is whole in "$40B"). A one-character word is at most 2.
pub const WHOLE: u8 = 3;

/// The [`WHOLE`]-style tier of `pat` in a field — `hay` is the field as the word is tested on
/// (folded, lower-cased unless the word is case-sensitive), `folded` the field folded, at the
/// same byte offsets — with the byte offset of the best occurrence (`None`: not contiguous).
pub fn tier(hay: &str, folded: &str, pat: &str) -> (u8, Option<usize>) {
    if pat.is_empty() {
        return (0, None);
    }
    let single = pat.chars().nth(1).is_none();
    let mut best = (0, None);
    for at in memchr::memmem::find_iter(hay.as_bytes(), pat.as_bytes()) {
        let end = at + pat.len();
        let (Some(before), Some(after)) = (folded.get(..at), folded.get(end..)) else {
            continue;
        };
        let first = folded.get(at..).and_then(|s| s.chars().next());
        let last = folded.get(..end).and_then(|s| s.chars().next_back());
        let starts = starts_word(before.chars().next_back(), first);
        let t = match (starts, ends_word(last, after.chars().next())) {
            (true, true) if !single => 3,
            (true, _) => 2,
            _ => 1,
        };
        if t > best.0 {
            best = (t, Some(at));
            if t == 3 || (single && t == 2) {
                break;
            }
        }
    }
    best
}

/// Whether a word starts at `cur` after `prev` (`None`: the start of the text).
fn starts_word(prev: Option<char>, cur: Option<char>) -> bool {
    let (Some(p), Some(c)) = (prev, cur) else {
        return true;
    };
    !p.is_alphanumeric()
        || (p.is_lowercase() && c.is_uppercase())
        || (!p.is_numeric() && c.is_numeric())
}

/// Whether a word ends after `last`, before `next` (`None`: the end of the text).
fn ends_word(last: Option<char>, next: Option<char>) -> bool {
    let (Some(l), Some(n)) = (last, next) else {
        return true;
    };
    !n.is_alphanumeric()
        || (l.is_lowercase() && n.is_uppercase())
        || (l.is_numeric() != n.is_numeric())
}

/// Whether `pat` occurs in `hay` in order, not necessarily contiguously.
pub fn bytes_subsequence(hay: &[u8], pat: &[u8]) -> bool {
    let mut at = 0;
    for &b in pat {
        match hay.get(at..).and_then(|rest| memchr(b, rest)) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

fn chars_subsequence(hay: &str, pat: &str) -> bool {
    let mut hay = hay.chars();
    pat.chars().all(|p| hay.any(|c| c == p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_char_for_one() {
        for s in [
            "États-Unis",
            "levée",
            "AMD’s",
            "50–60",
            "İstanbul",
            "ßœ",
            "Σίσυφος",
            "日本",
        ] {
            assert_eq!(fold_str(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold_str("États-Unis"), "Etats-Unis");
        assert_eq!(fold_str("AMD’s 50–60"), "AMD's 50-60");
        assert_eq!(fold_str("Łódź"), "Lodz");
    }

    #[test]
    fn smart_case() {
        let w = words("amd Nvidia éTAT");
        assert_eq!(
            w.iter()
                .map(|w| (w.pat.as_str(), w.sensitive))
                .collect::<Vec<_>>(),
            [("amd", false), ("Nvidia", true), ("eTAT", true)]
        );
    }

    #[test]
    fn subsequence() {
        assert!(bytes_subsequence(b"nvidia", b"nvd"));
        assert!(!bytes_subsequence(b"nvidia", b"dvn"));
        assert!(bytes_subsequence(b"x", b""));
        assert!(chars_subsequence("日本語", "日語"));
        assert!(!chars_subsequence("日本語", "語日"));
    }

    #[test]
    fn tiers_tell_words_from_scattered_letters() {
        let t = |hay: &str, pat: &str| tier(&hay.to_ascii_lowercase(), hay, pat).0;
        assert_eq!(t("revenues rise", "revenue"), 2);
        assert_eq!(t("Altman revele de nouveaux", "revenue"), 0);
        assert_eq!(t("its revenue, 2025", "revenue"), 3);
        assert_eq!(t("SoftBank", "bank"), 3, "a camelCase hump starts a word");
        assert_eq!(t("OpenAI", "ai"), 3);
        assert_eq!(t("Altimeter", "ai"), 0);
        assert_eq!(t("$40B round", "40"), 3);
        assert_eq!(t("1400", "40"), 1);
        assert_eq!(t("staff", "ff"), 1);
        assert_eq!(t("s", "s"), 2, "one character is at most a word start");
        assert_eq!(t("bank of banks", "bank"), 3, "the best occurrence counts");
        assert_eq!(tier("Etats", "Etats", "tats"), (1, Some(1)));
        assert_eq!(tier("x", "x", ""), (0, None));
    }

    #[test]
    fn odd_queries_give_sane_words() {
        assert!(words("").is_empty());
        assert!(words("   \t ").is_empty());
        assert_eq!(
            words(&"x".repeat(10_000))[0].pat_chars.len(),
            MAX_QUERY_CHARS
        );
        assert_eq!(clip("aé", 2), "a");
    }
}
