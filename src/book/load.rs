//! From bytes to a validated book: decoding, safety guards, YAML parsing, then validation.
//!
//! serde_yaml 0.9 has measured weak spots (see ../shared/corpus/README.md, and
//! docs/architecture.md for how each is handled here): parse time quadratic in flow nesting,
//! syntax errors masked by schema errors or by "more than one document", missing positions,
//! BOMs and UTF-16/32, quoted values of any size in messages, silent acceptance of empty files,
//! and panics when a document after a failed one is read. Each guard below answers one of them.

use super::diag::{Code, Diagnostic, clip, line_col};
use super::locate;
use super::model::Book;
use super::progress::Progress;
use super::validate;
use serde::Deserialize;
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The bundled book, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../deals.yaml");
/// The name the bundled book goes by in messages.
pub const BUNDLED_NAME: &str = "deals.yaml (bundled)";

/// Files larger than this are refused before parsing.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;
/// Flow collections nested deeper than this are refused before parsing: serde_yaml's parse time
/// grows with the square of this depth, and it refuses more than 128 levels anyway.
pub const MAX_FLOW_DEPTH: usize = 128;

/// The outcome of reading a book: the book when it has no errors, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    pub book: Option<Book>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    fn failed(d: Diagnostic) -> Self {
        Loaded {
            book: None,
            diagnostics: vec![d],
        }
    }
}

/// A file that could not be read at all (as opposed to one that was read and has errors).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: no such file", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: is a directory, not a deal book file", .path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: too large ({} MiB; the limit is {} MiB)", .path.display(), .bytes / (1024 * 1024), MAX_BYTES / (1024 * 1024))]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Reads and loads the book at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, ReadError> {
    load_file_with(path, &Progress::new())
}

/// Reads and loads the book at `path`, advancing `progress` as it goes (for a gauge drawn by
/// another thread).
pub fn load_file_with(path: &Path, progress: &Progress) -> Result<Loaded, ReadError> {
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound {
            path: path.to_path_buf(),
        },
        _ => ReadError::Io {
            path: path.to_path_buf(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_BYTES as u64 {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }
    progress.set_total(meta.len());
    let bytes = std::fs::read(path).map_err(io)?;
    let loaded = load_bytes(&bytes);
    progress.advance_to(bytes.len() as u64);
    Ok(loaded)
}

/// Loads the bundled book.
pub fn load_bundled() -> Loaded {
    load_bytes(BUNDLED.as_bytes())
}

/// Loads a book from bytes. Never panics: every input ends in a book or diagnostics.
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    if bytes.len() > MAX_BYTES {
        return Loaded::failed(Diagnostic::error(
            Code::Limit,
            (1, 1),
            format!(
                "the file is too large ({} MiB; the limit is {} MiB)",
                bytes.len() / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(d) => return Loaded::failed(d),
    };
    load_str(&text)
}

/// Loads a book from text.
pub fn load_str(text: &str) -> Loaded {
    if let Err(d) = check_characters(text).and_then(|()| check_flow_depth(text)) {
        return Loaded::failed(d);
    }
    // serde_yaml has panicking paths (an alias to an anchor of an earlier document, a document
    // read after a failed one). The guards above and the single-document rule keep us off
    // them; this is the last line of defence, so that a bug there is an error, not a crash.
    let parsed = catch_unwind(AssertUnwindSafe(|| parse_yaml(text))).unwrap_or_else(|_| {
        Err(Diagnostic::error(
            Code::Syntax,
            (1, 1),
            "the YAML parser failed on this file (a bug in dealbook: please report it with the file)",
        ))
    });
    match parsed {
        Ok(raw) => validate::validate(raw, text),
        Err(d) => Loaded::failed(d),
    }
}

/// Decodes the encodings YAML allows (UTF-8, UTF-16 and UTF-32, with or without a byte-order
/// mark) into text without its BOM.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Diagnostic> {
    enum Enc {
        Utf16 { be: bool },
        Utf32 { be: bool },
    }
    let (enc, body) = match bytes {
        [0, 0, 0xFE, 0xFF, rest @ ..] => (Enc::Utf32 { be: true }, rest),
        [0xFF, 0xFE, 0, 0, rest @ ..] => (Enc::Utf32 { be: false }, rest),
        [0xFE, 0xFF, rest @ ..] => (Enc::Utf16 { be: true }, rest),
        [0xFF, 0xFE, rest @ ..] => (Enc::Utf16 { be: false }, rest),
        [0xEF, 0xBB, 0xBF, rest @ ..] => return utf8(rest),
        // Without a BOM, YAML tells the encoding from where the NULs of the first character are.
        [0, 0, 0, b, ..] if *b != 0 => (Enc::Utf32 { be: true }, bytes),
        [a, 0, 0, 0, ..] if *a != 0 => (Enc::Utf32 { be: false }, bytes),
        [0, b, ..] if *b != 0 => (Enc::Utf16 { be: true }, bytes),
        [a, 0, ..] if *a != 0 => (Enc::Utf16 { be: false }, bytes),
        _ => return utf8(bytes),
    };
    let mut out = String::with_capacity(body.len());
    let bad = |out: &str, what: String| {
        let (line, col) = line_col(out, out.len());
        Diagnostic::error(
            Code::Encoding,
            (line, col),
            format!("{what}; save the file as UTF-8"),
        )
    };
    match enc {
        Enc::Utf16 { be } => {
            let units = body.chunks(2).map(|c| match c {
                [a, b] if be => Ok(u16::from_be_bytes([*a, *b])),
                [a, b] => Ok(u16::from_le_bytes([*a, *b])),
                _ => Err(()),
            });
            let mut units_ok = Vec::with_capacity(body.len() / 2);
            for u in units {
                match u {
                    Ok(u) => units_ok.push(u),
                    Err(()) => {
                        let text: String = char::decode_utf16(units_ok.iter().copied())
                            .map(|c| c.unwrap_or('\u{FFFD}'))
                            .collect();
                        return Err(bad(
                            &text,
                            "invalid UTF-16: a dangling odd byte at the end of the file".into(),
                        ));
                    }
                }
            }
            for c in char::decode_utf16(units_ok) {
                match c {
                    Ok(c) => out.push(c),
                    Err(e) => {
                        return Err(bad(
                            &out,
                            format!(
                                "invalid UTF-16: unpaired surrogate 0x{:04X}",
                                e.unpaired_surrogate()
                            ),
                        ));
                    }
                }
            }
        }
        Enc::Utf32 { be } => {
            for c in body.chunks(4) {
                let [a, b, c2, d] = c else {
                    return Err(bad(
                        &out,
                        "invalid UTF-32: the file length is not a multiple of 4 bytes".into(),
                    ));
                };
                let v = if be {
                    u32::from_be_bytes([*a, *b, *c2, *d])
                } else {
                    u32::from_le_bytes([*a, *b, *c2, *d])
                };
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(bad(
                            &out,
                            format!("invalid UTF-32: 0x{v:08X} is not a character"),
                        ));
                    }
                }
            }
        }
    }
    Ok(Cow::Owned(
        out.strip_prefix('\u{FEFF}')
            .map(str::to_string)
            .unwrap_or(out),
    ))
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            let good = e.valid_up_to();
            // Valid up to `good` by construction.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let (line, col) = line_col(prefix, good);
            let shown: Vec<String> = bytes[good..]
                .iter()
                .take(e.error_len().unwrap_or(bytes.len() - good).min(4))
                .map(|b| format!("0x{b:02X}"))
                .collect();
            Err(Diagnostic::error(
                Code::Encoding,
                (line, col),
                format!(
                    "invalid UTF-8 (byte {}); save the file as UTF-8",
                    shown.join(" ")
                ),
            ))
        }
    }
}

/// YAML allows only printable characters in a file (tab, line breaks and the printable Unicode
/// ranges). libyaml stops reading at a NUL, silently ignoring the rest of the file, so this is
/// checked before parsing. A byte-order mark is allowed only as the first character.
fn check_characters(text: &str) -> Result<(), Diagnostic> {
    for (i, c) in text.char_indices() {
        let ok = match c {
            '\t' | '\n' | '\r' | '\u{85}' => true,
            '\u{FEFF}' => false,
            c => {
                let v = u32::from(c);
                (0x20..=0x7E).contains(&v)
                    || (0xA0..=0xD7FF).contains(&v)
                    || (0xE000..=0xFFFD).contains(&v)
                    || v >= 0x10000
            }
        };
        if !ok {
            let what = if c == '\u{FEFF}' {
                "a byte-order mark (U+FEFF) is only allowed at the very start of the file"
                    .to_string()
            } else {
                format!(
                    "character U+{:04X} is not allowed in YAML; remove it (inside double quotes, write it as an escape such as \"\\x{:02X}\")",
                    u32::from(c),
                    u32::from(c).min(0xFF)
                )
            };
            return Err(Diagnostic::error(Code::Encoding, line_col(text, i), what));
        }
    }
    Ok(())
}

/// Refuses flow collections (`[…]`, `{…}`) nested deeper than [`MAX_FLOW_DEPTH`], before the
/// parser sees them. A light scan, not a YAML parser: it follows quotes, comments, plain scalars
/// and block scalars so that brackets inside text do not count. Where it could still be fooled
/// (a multi-line plain scalar with unbalanced brackets), it can only over-count, which matters
/// past the limit, far beyond any real book.
fn check_flow_depth(text: &str) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    // Inside a block scalar (`|` or `>`): lines indented more than this are its content.
    let mut block_scalar_parent: Option<usize> = None;
    let mut offset = 0;
    let mut quote: Option<char> = None;
    for line in text.split_inclusive(['\n', '\r']) {
        let line_start = offset;
        offset += line.len();
        let indent = line.chars().take_while(|&c| c == ' ').count();
        if let Some(parent) = block_scalar_parent {
            if quote.is_none() && (line.trim().is_empty() || indent > parent) {
                continue;
            }
            block_scalar_parent = None;
        }
        // Whether the next character starts a node (after an indicator or a separator).
        let mut at_node_start = true;
        let mut in_plain = false;
        let mut chars = line.char_indices().peekable();
        let mut prev = ' ';
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map_or('\n', |&(_, n)| n);
            if let Some(q) = quote {
                match c {
                    '\\' if q == '"' => {
                        chars.next();
                    }
                    '\'' if q == '\'' && next == '\'' => {
                        chars.next();
                    }
                    c if c == q => {
                        quote = None;
                        at_node_start = false;
                    }
                    _ => {}
                }
                prev = c;
                continue;
            }
            if c == '#' && (prev == ' ' || prev == '\t' || i == 0) {
                break;
            }
            if in_plain {
                // A block-context plain scalar runs to ": " or the end of the line; in a flow
                // it ends at a flow indicator.
                if c == ':' && next.is_whitespace() {
                    in_plain = false;
                    at_node_start = true;
                } else if depth > 0 && matches!(c, ',' | ']' | '}') {
                    in_plain = false;
                } else {
                    prev = c;
                    continue;
                }
            }
            match c {
                ' ' | '\t' | '\n' | '\r' => {}
                '[' | '{' if at_node_start || depth > 0 => {
                    depth += 1;
                    at_node_start = true;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(Diagnostic::error(
                            Code::Limit,
                            line_col(text, line_start + i),
                            format!(
                                "collections nested more than {MAX_FLOW_DEPTH} levels deep; a deal book needs a handful"
                            ),
                        ));
                    }
                }
                ']' | '}' if depth > 0 => {
                    depth -= 1;
                    at_node_start = false;
                }
                ',' if depth > 0 => at_node_start = true,
                '-' | '?' | ':' if next.is_whitespace() => at_node_start = true,
                '\'' | '"' if at_node_start => quote = Some(c),
                '|' | '>' if at_node_start && depth == 0 => {
                    block_scalar_parent = Some(indent);
                    break;
                }
                '&' | '!' if at_node_start => {
                    // An anchor or tag: skip its name; the node follows.
                    while chars.peek().is_some_and(|&(_, n)| !n.is_whitespace()) {
                        chars.next();
                    }
                }
                _ => {
                    in_plain = true;
                    at_node_start = false;
                }
            }
            prev = c;
        }
    }
    Ok(())
}

/// Parses the single YAML document of a book into a YAML value.
fn parse_yaml(text: &str) -> Result<serde_yaml::Value, Diagnostic> {
    let mut docs = serde_yaml::Deserializer::from_str(text);
    let Some(first) = docs.next() else {
        return Err(empty_book());
    };
    let value = serde_yaml::Value::deserialize(first).map_err(|e| from_serde(text, &e))?;
    if value.is_null() {
        return Err(empty_book());
    }
    // A document after the first: report it (with the error inside it, if any) rather than
    // load half a file. Only read after a document that parsed cleanly: serde_yaml panics on
    // what follows a failed one.
    if let Some(second) = docs.next() {
        return Err(match serde::de::IgnoredAny::deserialize(second) {
            Err(e) => from_serde(text, &e),
            Ok(_) => Diagnostic::error(
                Code::Syntax,
                locate::second_document(text).unwrap_or((1, 1)),
                "a second YAML document starts here; a deal book is one document (remove this '---' and what follows, or merge it into the first)",
            ),
        });
    }
    Ok(value)
}

fn empty_book() -> Diagnostic {
    Diagnostic::error(
        Code::Syntax,
        (1, 1),
        "the file holds no deal book (it is empty, or only comments); a book is a mapping with 'sources', 'entities' and 'deals'",
    )
}

/// Turns a serde_yaml error into a diagnostic: its position (converted from a byte offset
/// where serde_yaml gives one), a message without serde's Rust-flavoured quoting, clipped.
fn from_serde(text: &str, e: &serde_yaml::Error) -> Diagnostic {
    let mut msg = e.to_string();
    if let Some(loc) = e.location() {
        let needle = format!(" at line {} column {}", loc.line(), loc.column());
        msg = msg.replacen(&needle, "", 1);
    }
    let mut at = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    // Control-character errors carry a byte offset instead of a line and column.
    if let Some(rest) = msg.strip_prefix("control characters are not allowed at position ") {
        if let Ok(off) = rest.trim().parse::<usize>() {
            at = line_col(text, off);
        }
        msg = "control characters are not allowed in YAML".into();
    }
    let (code, body) = if let Some((_, rest)) = msg.split_once("duplicate entry with key ") {
        let key = rest.trim_matches('"');
        if let Some(p) = locate::duplicate_keys(text, key)
            .into_iter()
            .find(|p| *p >= at)
        {
            at = p;
        }
        (
            Code::Syntax,
            format!(
                "key '{}' appears twice in the same mapping; keep one",
                clip(key, 60)
            ),
        )
    } else if msg.contains("recursion limit exceeded") {
        (
            Code::Limit,
            "collections nested more than 128 levels deep; a deal book needs a handful".to_string(),
        )
    } else if msg.contains("repetition limit exceeded") {
        (
            Code::Limit,
            "aliases expand to too much data (an alias bomb?); write the values out instead"
                .to_string(),
        )
    } else {
        let hint =
            if msg.contains("found character that cannot start any token") && tab_at(text, at) {
                " (a tab: YAML indents with spaces only)".to_string()
            } else if msg.contains("mapping values are not allowed") {
                " (a value holding ': ' needs quotes, or the line is indented too far)".to_string()
            } else {
                unclosed_quote(text, &msg, at.0)
                    .map(|l| format!(" (line {l} opens a quote that is not closed on that line)"))
                    .unwrap_or_default()
            };
        (
            Code::Syntax,
            format!("invalid YAML: {}{hint}", clip(&msg, 300)),
        )
    };
    Diagnostic::error(code, at, body)
}

/// libyaml reports an unclosed quote where the parse finally fails, often many lines later.
/// When its message names the construct it was parsing ("… at line N"), look between there
/// and the error for a line whose quoted value does not close.
fn unclosed_quote(text: &str, msg: &str, error_line: usize) -> Option<usize> {
    let start: usize = msg
        .rsplit_once(" at line ")?
        .1
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    text.lines()
        .enumerate()
        .skip(start.saturating_sub(1))
        .take(error_line.saturating_sub(start) + 1)
        .find(|(_, line)| {
            let value = line
                .split_once(": ")
                .map_or(line.trim_start().trim_start_matches("- "), |(_, v)| v)
                .trim();
            (value.starts_with('"')
                && (value.len() < 2 || !value.ends_with('"') || value.ends_with("\\\"")))
                || (value.starts_with('\'') && (value.len() < 2 || !value.ends_with('\'')))
        })
        .map(|(i, _)| i + 1)
}

/// Whether the character at a 1-based line and column is a tab.
fn tab_at(text: &str, (line, col): (usize, usize)) -> bool {
    text.lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().nth(col.saturating_sub(1)))
        == Some('\t')
}
