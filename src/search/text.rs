//! Query words, text folding and the cheap subsequence test that decides whether a word matches.
//!
//! The fuzzy matcher (skim's algorithm, from `fuzzy-matcher`) accepts a choice exactly when the
//! pattern is an ordered subsequence of it, comparing characters with ASCII case folding. The
//! test here reproduces that acceptance on precomputed text, so *whether* a record matches is
//! decided without the matcher; the matcher only scores.

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
    /// Characters in `pat`.
    pub chars: usize,
}

impl Word {
    fn new(typed: &str) -> Word {
        let sensitive = typed.chars().any(char::is_uppercase);
        let mut pat = fold_str(typed);
        if !sensitive {
            pat.make_ascii_lowercase();
        }
        Word {
            typed: typed.to_string(),
            chars: pat.chars().count(),
            pat,
            sensitive,
        }
    }

    /// Whether this word is a subsequence of a field, given the field folded (`folded`) and
    /// folded then ASCII-lower-cased (`lower`). Exactly the matcher's own acceptance test.
    pub fn accepts(&self, folded: &str, lower: &str) -> bool {
        let hay = if self.sensitive { folded } else { lower };
        if self.pat.is_ascii() {
            // ASCII bytes never occur inside a multi-byte character, so bytes are characters here.
            bytes_subsequence(hay.as_bytes(), self.pat.as_bytes())
        } else {
            chars_subsequence(hay, &self.pat)
        }
    }

    /// The highest score the matcher can give this word on a field whose text starts with
    /// `first` (folded, lower-cased when the word is not case-sensitive). See [`score_bound`].
    pub fn bound(&self, first: Option<char>) -> i64 {
        let at_start = first.is_some() && first == self.pat.chars().next();
        score_bound(self.chars, at_start)
    }
}

/// An upper bound of `SkimMatcherV2`'s score for a pattern of `chars` characters. From its
/// recurrence (fuzzy-matcher 0.3, `skim.rs`): the first pattern character scores at most
/// 16 − 1 + 16 when it can sit on the choice's first character (whose bonus is doubled), else
/// 16 − 1 + 8; every later character at most 16 plus a bonus of 8 (head of a word), since the
/// doubled bonus is only reachable from the first row. Checked by a property test.
pub fn score_bound(chars: usize, at_start: bool) -> i64 {
    if chars == 0 {
        return 0;
    }
    let first = if at_start { 31 } else { 23 };
    first + 24 * (chars as i64 - 1)
}

/// The words of a query: split on white space, cut to [`MAX_QUERY_CHARS`].
pub fn words(query: &str) -> Vec<Word> {
    let end = query
        .char_indices()
        .nth(MAX_QUERY_CHARS)
        .map_or(query.len(), |(i, _)| i);
    query[..end].split_whitespace().map(Word::new).collect()
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
    fn odd_queries_give_sane_words() {
        assert!(words("").is_empty());
        assert!(words("   \t ").is_empty());
        assert_eq!(words(&"x".repeat(10_000))[0].chars, MAX_QUERY_CHARS);
        assert_eq!(clip("aé", 2), "a");
    }
}
