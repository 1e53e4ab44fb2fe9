//! Splits a term into numbers (with their separators), folded words and symbols.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// A number: its digits with '.' as decimal point ("4.3", "1000"), the power of ten written
    /// after an 'e', and whether it looks like a year. Kept as text so that scaling stays
    /// correctly rounded ("4.3e9" is parsed once, not computed as 4.3 × 1e9).
    Num {
        mantissa: String,
        exp: i32,
        year: bool,
    },
    /// A word, lower-cased with accents folded ("près" → "pres"); a French elision keeps its
    /// apostrophe ("d'", "jusqu'").
    Word(String),
    /// Any other character; dashes are folded to '-' and apostrophes to '\''.
    Sym(char),
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    /// Byte range in the trimmed text, always on char boundaries.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whitespace before this token: "$5B+" (at least) and "$5B + warrants" differ.
    pub(super) spaced: bool,
    /// The word was followed by "'s", which is not part of the token ("AMD's" → "AMD").
    pub(super) possessive: bool,
}

/// French elided words: "d'AMD", "jusqu'à", "l'entreprise".
#[rustfmt::skip]
const ELISIONS: &[&str] = &[
    "d", "l", "qu", "jusqu", "lorsqu", "puisqu", "quelqu", "presqu", "n", "s", "c", "j", "m",
    "t",
];

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Folds the many dashes, apostrophes and full-width signs onto one character each.
fn fold_sym(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{FF04}' => '$',
        '\u{FFE5}' => '¥',
        '\u{FF05}' | '\u{FE6A}' => '%',
        '\u{FF5E}' | '\u{223C}' => '~',
        c => c,
    }
}

/// Lower-cases and strips French (and common Latin) accents, so that "jusqu'a" and "jusqu'à",
/// "precise" and "précisé" read alike.
pub(super) fn fold(s: &str) -> String {
    // ASCII has no accents to strip: lower-casing is all (and needs no decoding).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if is_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits the text into tokens. Works on a vector of (byte offset, char) so that lookahead is
/// by char and every slice falls on a char boundary.
pub(super) fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let digit = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());

    let mut toks = Vec::new();
    let mut spaced = false;
    let mut i = 0;
    while let Some(c) = ch(i) {
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let begin = i;
        let mut end_char;
        let mut possessive = false;
        let kind = if c.is_ascii_digit() || (c == '.' && digit(i + 1)) {
            let (kind, next) = lex_number(&chars, i);
            i = next;
            end_char = i;
            kind
        } else if c.is_alphabetic() {
            i += 1;
            while ch(i).is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit() || is_mark(c)) {
                i += 1;
            }
            end_char = i;
            let mut word = fold(&s[off(begin)..off(i)]);
            if ch(i).is_some_and(|c| fold_sym(c) == '\'') {
                let after = ch(i + 1);
                if matches!(after, Some('s' | 'S'))
                    && !ch(i + 2).is_some_and(|c| c.is_alphanumeric())
                {
                    possessive = true;
                    i += 2;
                } else if after.is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit())
                    && ELISIONS.contains(&word.as_str())
                {
                    word.push('\'');
                    i += 1;
                    end_char = i;
                }
            }
            Kind::Word(word)
        } else {
            i += 1;
            end_char = i;
            Kind::Sym(fold_sym(c))
        };
        toks.push(Tok {
            kind,
            start: off(begin),
            end: off(end_char),
            spaced,
            possessive,
        });
        spaced = false;
    }
    toks
}

/// Reads one number starting at char `start`. Separators:
/// - a comma followed by exactly three digits then a non-digit groups thousands ("1,000");
///   any other comma before digits is a French decimal comma ("4,3", "12,75");
/// - a space (also U+00A0, U+202F) groups thousands after a first group of 1–3 digits ("1 000");
/// - a dot is a decimal point, unless it repeats as "1.000.000";
/// - "e" with digits right after is an exponent ("1e9", "1e3B"); "1e999" is too big and ends
///   unparsed.
fn lex_number(chars: &[(usize, char)], start: usize) -> (Kind, usize) {
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let digit = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());
    let group = |i: usize| digit(i) && digit(i + 1) && digit(i + 2) && !digit(i + 3);

    let mut mantissa = String::new();
    let mut i = start;
    while let Some(c) = ch(i).filter(char::is_ascii_digit) {
        mantissa.push(c);
        i += 1;
    }
    let int_len = i - start;

    let mut sep: Option<char> = None;
    while let Some(c) = ch(i) {
        let class = match c {
            ',' | '.' => c,
            c if c.is_whitespace() => ' ',
            _ => break,
        };
        if int_len == 0 || sep.is_some_and(|s| s != class) || !group(i + 1) {
            break;
        }
        let first = sep.is_none();
        let ok = match class {
            ' ' => !first || int_len <= 3,
            '.' => !first || (int_len <= 3 && ch(i + 4) == Some('.') && group(i + 5)),
            _ => true,
        };
        if !ok {
            break;
        }
        for k in 1..=3 {
            if let Some(d) = ch(i + k) {
                mantissa.push(d);
            }
        }
        i += 4;
        sep = Some(class);
    }

    let mut decimal = false;
    if let Some(c @ ('.' | ',')) = ch(i) {
        if sep != Some(c) && digit(i + 1) {
            if mantissa.is_empty() {
                mantissa.push('0');
            }
            mantissa.push('.');
            i += 1;
            decimal = true;
            while let Some(d) = ch(i).filter(char::is_ascii_digit) {
                mantissa.push(d);
                i += 1;
            }
        }
    }

    let mut exp = 0i32;
    let mut sci = false;
    if matches!(ch(i), Some('e' | 'E')) {
        let mut k = i + 1;
        let negative = match ch(k) {
            Some('-') => {
                k += 1;
                true
            }
            Some('+') => {
                k += 1;
                false
            }
            _ => false,
        };
        if digit(k) {
            let mut e: i32 = 0;
            while let Some(d) = ch(k).and_then(|c| c.to_digit(10)) {
                // Saturate: anything past this is infinite or zero anyway.
                e = e.saturating_mul(10).saturating_add(d as i32).min(1_000_000);
                k += 1;
            }
            // Letters right after the exponent are a token of their own, so that a scale reads
            // ("$1e3B" is 1e12, never $1 followed by a word "e3b"); the grammar refuses any other
            // glued word ("5e3x").
            exp = if negative { -e } else { e };
            i = k;
            sci = true;
        }
    }

    let year = !sci
        && !decimal
        && sep.is_none()
        && int_len == 4
        && mantissa
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    (
        Kind::Num {
            mantissa,
            exp,
            year,
        },
        i,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .filter_map(|t| match t.kind {
                Kind::Num { mantissa, exp, .. } => Some(format!("{mantissa}e{exp}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn number_separators() {
        assert_eq!(nums("1,000"), ["1000e0"]);
        assert_eq!(nums("4,3"), ["4.3e0"]);
        assert_eq!(nums("12,75"), ["12.75e0"]);
        assert_eq!(nums("1\u{202f}000\u{a0}000,5"), ["1000000.5e0"]);
        assert_eq!(nums("1.000.000"), ["1000000e0"]);
        assert_eq!(nums("1,000.25"), ["1000.25e0"]);
        assert_eq!(nums("2e3"), ["2e3"]);
        assert_eq!(nums("12345 678"), ["12345e0", "678e0"]);
        assert_eq!(nums(".5"), ["0.5e0"]);
        assert_eq!(nums("1e3B"), ["1e3"]);
        assert_eq!(nums("5e3x"), ["5e3"]);
        assert_eq!(nums("2.5e-3M"), ["2.5e-3"]);
        assert_eq!(nums("2e tranche"), ["2e0"]);
    }

    #[test]
    fn words_fold_and_elide() {
        let words: Vec<_> = tokenize("Jusqu’à d'AMD AMD's Près")
            .into_iter()
            .filter_map(|t| match t.kind {
                Kind::Word(w) => Some(w),
                _ => None,
            })
            .collect();
        assert_eq!(words, ["jusqu'", "a", "d'", "amd", "amd", "pres"]);
    }
}
