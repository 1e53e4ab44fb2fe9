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

/// Line and column (both 1-based, column in characters) of a byte offset in `text`.
/// An offset past the end or inside a character is clamped to the nearest boundary before it.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    let before = &text[..byte];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
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
            c if c.is_control() => format!("\\u{{{:x}}}", u32::from(c)).chars().collect(),
            c => vec![c],
        })
        .collect()
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
    }

    #[test]
    fn clip_bounds_and_flattens() {
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("a\nb\u{1b}", 10), "a\\nb\\u{1b}");
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
