//! Diagnostics: what is wrong with a book, where (line and column), and how bad.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem a diagnostic reports, so tools and tests can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Not text YAML can read: invalid UTF-8/16/32, a forbidden control character.
    Encoding,
    /// Not well-formed YAML, or not a single document.
    Syntax,
    /// Beyond a safety limit: nesting depth, file size, alias expansion.
    Limit,
    /// A value of the wrong type, a missing or unknown field.
    Schema,
    /// A value outside its allowed set: kind, status, date, id format, text with control codes.
    Value,
    /// Two records with the same id.
    DuplicateId,
    /// A reference to an id that does not exist.
    UnknownRef,
    /// A deal that cites no source.
    NoSource,
    /// An entity that takes part in no deal.
    UnusedEntity,
    /// A section of the book with nothing in it.
    EmptySection,
    /// A term or amount the term parser could not read.
    UnparsedTerm,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: Code, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            line,
            column,
            message: message.into(),
        }
    }

    pub fn warning(code: Code, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, (line, column), message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `PATH:LINE:COL: error: MESSAGE`, the form compilers use, so editors can jump to it.
    pub fn render(&self, path: &str) -> String {
        format!("{path}:{self}")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}: {sev}: {}", self.line, self.column, self.message)
    }
}

/// A 1-based line and column (in characters) in the text of a book; `Pos::default()` (0:0)
/// stands for "not known", so a caller falls back to an enclosing position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Pos {
            line: narrow(line),
            col: narrow(col),
        }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }

    /// This position, or `other` when this one is not known.
    pub fn or(self, other: Pos) -> Pos {
        if self.is_known() { self } else { other }
    }

    pub fn pair(self) -> (usize, usize) {
        (self.line as usize, self.col as usize)
    }
}

impl From<(usize, usize)> for Pos {
    fn from((line, col): (usize, usize)) -> Self {
        Pos::new(line, col)
    }
}

/// Line and column (both 1-based, column in characters) of a byte offset in `text`.
/// An offset past the end or inside a character is clamped to the nearest boundary before it.
/// Lines end at `\n`, `\r\n` or `\r` (YAML 1.2's line breaks, and the parser's); U+2028,
/// U+2029 and U+0085 are ordinary characters.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let bytes = before.as_bytes();
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // A CR followed by LF is one break, counted at the LF.
        if b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, before[line_start..].chars().count() + 1)
}

/// The lines of a text and their lengths in characters, to keep every reported position on a
/// line and column that exist.
pub struct Lines {
    /// Characters on each line, without its break.
    lengths: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut lengths = Vec::new();
        let mut rest = text;
        loop {
            match rest.find(['\n', '\r']) {
                Some(i) => {
                    lengths.push(rest[..i].chars().count());
                    let brk = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                    rest = &rest[i + brk..];
                }
                None => {
                    // The text after the last break is a line only if it holds something (a
                    // file ending in a line break has no empty line after it), or if the file
                    // is empty.
                    if !rest.is_empty() || lengths.is_empty() {
                        lengths.push(rest.chars().count());
                    }
                    break;
                }
            }
        }
        Lines { lengths }
    }

    /// The nearest existing position at or before `(line, col)`: a line past the end becomes
    /// the end of the last line, a column past the end of its line the end of that line.
    pub fn clamp(&self, (line, col): (usize, usize)) -> (usize, usize) {
        let last = self.lengths.len().max(1);
        if line > last {
            return (last, self.lengths.get(last - 1).map_or(1, |n| n + 1));
        }
        let line = line.max(1);
        let max_col = self.lengths.get(line - 1).map_or(1, |n| n + 1);
        (line, col.clamp(1, max_col))
    }
}

/// Shortens a value quoted in a message: a 50 MB scalar must not become a 50 MB message.
pub fn clip(value: &str, max_chars: usize) -> String {
    let mut out: String = value.chars().take(max_chars).collect();
    if value.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    // A message is one line: show line breaks and control characters rather than emit them.
    out.chars()
        .flat_map(|c| match c {
            '\n' => vec!['\\', 'n'],
            '\r' => vec!['\\', 'r'],
            '\t' => vec!['\\', 't'],
            c if c.is_control() || is_invisible_control(c) => {
                format!("\\u{{{:x}}}", u32::from(c)).chars().collect()
            }
            c => vec![c],
        })
        .collect()
}

/// Characters that are not control characters but would still mislead a terminal reader if
/// printed: bidirectional-text controls (they reorder what follows), line and paragraph
/// separators (some terminals break the line), and the zero-width marks.
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// The closest of `candidates` to `word`, if it is close enough to be what was meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// " (did you mean 'x'?)" or nothing.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(word, candidates)
        .map(|c| format!(" (did you mean '{}'?)", clip(c, 60)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\nnom: «é»x\n";
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 9));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 10_000), (3, 1));
        // CR, CRLF and LF end a line; U+2028, U+2029 and U+0085 do not.
        let text = "a\rb\r\nc\u{2028}\u{2029}\u{85}x";
        assert_eq!(line_col(text, text.find('x').unwrap()), (3, 5));
    }

    #[test]
    fn positions_are_clamped_to_lines_that_exist() {
        let lines = Lines::new("ab\ncde\n");
        assert_eq!(lines.clamp((3, 1)), (2, 4));
        assert_eq!(lines.clamp((1, 9)), (1, 3));
        assert_eq!(lines.clamp((2, 2)), (2, 2));
        assert_eq!(Lines::new("").clamp((2, 1)), (1, 1));
        assert_eq!(Lines::new("a\rb").clamp((3, 1)), (2, 2));
    }

    #[test]
    fn clip_bounds_and_flattens() {
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("a\nb\u{1b}", 10), "a\\nb\\u{1b}");
        // Bidi controls and line separators are shown, not obeyed.
        assert_eq!(
            clip("a\u{202E}b\u{2028}c\u{85}d\u{2066}", 10),
            "a\\u{202e}b\\u{2028}c\\u{85}d\\u{2066}"
        );
    }

    #[test]
    fn suggests_only_near_words() {
        assert_eq!(
            did_you_mean("nvdia", ["nvidia", "amd", "openai"]),
            Some("nvidia")
        );
        assert_eq!(did_you_mean("zzz", ["nvidia", "amd"]), None);
    }
}
