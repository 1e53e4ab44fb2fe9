//! Collects the diagnostics of one book while it is read (`raw`) and checked (`validate`),
//! each at the position of the value it is about, and the checks on text every field shares.

use super::date::{Date, DateError};
use super::diag::{Code, Diagnostic, Pos, Severity};

/// The diagnostics found so far.
#[derive(Debug, Default)]
pub struct Checker {
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, code: Code, at: Pos, message: impl Into<String>) {
        self.push(Severity::Error, code, at, message.into());
    }

    pub fn warning(&mut self, code: Code, at: Pos, message: impl Into<String>) {
        self.push(Severity::Warning, code, at, message.into());
    }

    fn push(&mut self, severity: Severity, code: Code, at: Pos, message: String) {
        // A position is always known by the time a problem is found; 1:1 is the last resort.
        let (line, column) = at.or(Pos::new(1, 1)).pair();
        self.diagnostics.push(Diagnostic {
            severity,
            code,
            line,
            column,
            message,
        });
    }

    /// Adds `other`'s diagnostics after these (a part of the book checked on its own, or on
    /// another thread).
    pub fn append(&mut self, other: Checker) {
        self.diagnostics.extend(other.diagnostics);
    }

    /// Adds diagnostics after these.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// The diagnostics in the order they were found (not sorted), leaving none.
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic, in the order of their positions (stable, so the order of finding
    /// breaks ties).
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.diagnostics;
        out.sort_by_key(|d| (d.line, d.column));
        out
    }

    /// Text fields are shown in a terminal: control characters (an escape sequence written as
    /// "\e[2J" in double quotes, say) would garble it, and bidirectional overrides would make
    /// it show something other than what is stored, so both are refused. Tabs and line breaks
    /// are text; so are U+2028, U+2029 and U+0085 (content in YAML 1.2), which messages and
    /// the explorer show escaped.
    pub fn text(&mut self, at: Pos, field: &str, value: &str) {
        let bad = |c: &char| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\u{85}'))
                || matches!(*c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        };
        // Most text is ASCII, where a control character is a byte below 0x20 (tab and line feed
        // allowed) or 0x7F, and there is no bidi control.
        if (value.bytes()).all(|b| (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\t') {
            return;
        }
        if let Some(c) = value.chars().find(bad) {
            let what = if c.is_control() {
                "control character"
            } else {
                "bidirectional-text control"
            };
            self.error(
                Code::Value,
                at,
                format!(
                    "{field} contains the {what} U+{:04X}; deal books hold plain text",
                    u32::from(c)
                ),
            );
        }
    }

    pub fn opt_text(&mut self, at: Pos, field: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(at, field, v);
        }
    }

    /// A required text field: `None` was already reported as missing.
    pub fn required_text(&mut self, at: Pos, field: &str, value: Option<&str>) {
        match value {
            Some(v) if v.trim().is_empty() => {
                self.error(Code::Value, at, format!("{field} is empty"));
            }
            Some(v) => self.text(at, field, v),
            None => {}
        }
    }

    pub fn date(&mut self, at: Pos, parsed: Result<Date, DateError>) -> Option<Date> {
        match parsed {
            Ok(d) => Some(d),
            Err(DateError(msg)) => {
                self.error(Code::Value, at, msg);
                None
            }
        }
    }
}
