//! From a path or bytes to a validated book: the file is checked and read, decoded, guarded,
//! parsed once with saphyr-parser ([`yaml`](super::yaml)), read into raw records
//! ([`raw`](super::raw)) and validated ([`validate`](super::validate)).
//!
//! Guards that the parser does not provide itself come first: the file's type and size (a FIFO
//! or `/dev/zero` is never opened), UTF-8/16/32 with or without a BOM, and the characters YAML
//! forbids (a NUL, say). Nesting depth is guarded as the events arrive; aliases are refused
//! where they are read. Every input ends in a book or in diagnostics; none panics.

use super::checker::Checker;
use super::diag::{Code, Diagnostic, Lines, line_col};
use super::model::Book;
use super::progress::Progress;
use super::raw::Reader;
use super::validate::{Deals, validate};
use super::yaml::{Stop, Stream, is_null_word, pos};
use saphyr_parser::{Event, ScalarStyle};
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The bundled book, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../deals.yaml");
/// The name the bundled book goes by in messages.
pub const BUNDLED_NAME: &str = "deals.yaml (bundled)";

/// Files larger than this are refused before reading.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

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
    /// A FIFO, a socket, a character or block device: reading it could block forever or never
    /// end, so it is refused before it is opened.
    #[error("{}: is {what}, not a regular file; a deal book is a file on disk", .path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}: too many levels of symbolic links (a symlink loop?)", .path.display())]
    SymlinkLoop { path: PathBuf },
    #[error("{}: too large ({} MiB; the limit is {} MiB)", .path.display(), .bytes / (1024 * 1024), MAX_BYTES / (1024 * 1024))]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// ELOOP: too many levels of symbolic links (40 on Linux, 62 on macOS and the BSDs).
fn is_symlink_loop(e: &std::io::Error) -> bool {
    const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };
    cfg!(unix) && e.raw_os_error() == Some(ELOOP)
}

/// What a path that is not a regular file or a directory is, for the message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Reads and loads the book at `path`.
pub fn load_file(path: &Path) -> Result<Loaded, ReadError> {
    load_file_with(path, &Progress::new())
}

/// Reads and loads the book at `path`, advancing `progress` as it goes (for a gauge drawn by
/// another thread): bytes as the parser moves through the text, and one record per source,
/// entity and deal read.
pub fn load_file_with(path: &Path, progress: &Progress) -> Result<Loaded, ReadError> {
    let bytes = read_file(path)?;
    progress.set_total(bytes.len() as u64);
    // Sources' files are named relative to the book's folder.
    let base = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok(load_bytes_with(&bytes, progress, Some(base)))
}

/// The bytes of the regular file at `path`. The type is checked from the metadata (following
/// symlinks) before the file is opened, so a FIFO, a device or a socket is refused at once and
/// never read; a symlink loop is named as one.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let p = || path.to_path_buf();
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: p() },
        _ if is_symlink_loop(&source) => ReadError::SymlinkLoop { path: p() },
        _ => ReadError::Io { path: p(), source },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: p() });
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile {
            path: p(),
            what: file_kind(&meta),
        });
    }
    if meta.len() > MAX_BYTES as u64 {
        return Err(ReadError::TooLarge {
            path: p(),
            bytes: meta.len(),
        });
    }
    // The file may grow or be swapped between the check and the read: never read past the
    // limit whatever it has become.
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(ReadError::NotAFile {
            path: p(),
            what: "not a regular file",
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            path: p(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Loads the bundled book.
pub fn load_bundled() -> Loaded {
    load_bytes(BUNDLED.as_bytes())
}

/// Loads a book from bytes. Never panics: every input ends in a book or diagnostics.
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    load_bytes_with(bytes, &Progress::new(), None)
}

fn load_bytes_with(bytes: &[u8], progress: &Progress, base: Option<&Path>) -> Loaded {
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
    let loaded = match decode(bytes) {
        Ok(text) => load_text(&text, progress, bytes.len() as u64, base),
        Err(d) => Loaded::failed(d),
    };
    progress.advance_to(bytes.len() as u64);
    loaded
}

/// Loads a book from text.
pub fn load_str(text: &str) -> Loaded {
    load_text(text, &Progress::new(), text.len() as u64, None)
}

/// Loads a book from text that stands for `units` of `progress` (the file's bytes).
fn load_text(text: &str, progress: &Progress, units: u64, base: Option<&Path>) -> Loaded {
    let chars = match check_characters(text) {
        Ok(chars) => chars,
        Err(d) => return Loaded::failed(d),
    };
    // saphyr-parser is not known to panic on any input (the corpus runs through it); this is
    // the last line of defence, so that a bug there is an error, not a crash.
    let read = catch_unwind(AssertUnwindSafe(|| read(text, progress, units, chars, base)))
        .unwrap_or_else(|_| {
            Err(Stop(Diagnostic::error(
                Code::Syntax,
                (1, 1),
                "the YAML parser failed on this file (a bug in dealbook: please report it with the file)",
            )))
        });
    let (book, mut diagnostics) = match read {
        Ok(read) => read,
        Err(Stop(d)) => (None, vec![d]),
    };
    if !diagnostics.is_empty() {
        // Every position names a line and a column that exist.
        let lines = Lines::new(text);
        for d in &mut diagnostics {
            (d.line, d.column) = lines.clamp((d.line, d.column));
        }
    }
    Loaded { book, diagnostics }
}

/// One pass over the events: the single document read record by record, and validated —
/// its deals on a second thread while the parser reads on, when the book lists its sources
/// and entities first ([`Deals`]). A syntax error or a limit stops the read, and is then the
/// only diagnostic.
fn read(
    text: &str,
    progress: &Progress,
    units: u64,
    chars: usize,
    base: Option<&Path>,
) -> Result<(Option<Book>, Vec<Diagnostic>), Stop> {
    std::thread::scope(|scope| {
        let mut ck = Checker::new();
        let mut deals = Deals::new(scope);
        let raw = {
            let mut s = Stream::new(text, progress, units, chars);
            loop {
                match s.event()?.0 {
                    Event::StreamStart => {}
                    Event::DocumentStart(_) => break,
                    _ => return Err(Stop(empty_book())),
                }
            }
            if let Event::Scalar(t, ScalarStyle::Plain, ..) = s.peek()? {
                if is_null_word(t) {
                    return Err(Stop(empty_book()));
                }
            }
            let raw = Reader::new(&mut ck).book(&mut s, &mut deals)?;
            // A document after the first: report it (or the syntax error inside it) rather
            // than load half a file.
            loop {
                let (event, span) = s.event()?;
                match event {
                    Event::DocumentEnd => {}
                    Event::DocumentStart(_) => {
                        while !matches!(s.event()?.0, Event::StreamEnd) {}
                        return Err(Stop(Diagnostic::error(
                            Code::Syntax,
                            pos(&span).pair(),
                            "a second YAML document starts here; a deal book is one document (remove this '---' and what follows, or merge it into the first)",
                        )));
                    }
                    _ => break,
                }
            }
            raw
        };
        Ok(match raw {
            Some(raw) => validate(raw, ck, deals, base),
            None => (None, ck.finish()),
        })
    })
}

fn empty_book() -> Diagnostic {
    Diagnostic::error(
        Code::Syntax,
        (1, 1),
        "the file holds no deal book (it is empty, or only comments); a book is a mapping with 'sources', 'entities' and 'deals'",
    )
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

/// Whether each of the eight bytes of `w` is printable ASCII (0x20 to 0x7E): no high bit, no
/// byte below 0x20 and none equal to 0x7F (the tests for a byte below n and for a zero byte of
/// <https://graphics.stanford.edu/~seander/bithacks.html#HasLessInWord>, which never miss one).
fn printable_ascii(w: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    let del = w ^ (ONES * 0x7F);
    let has_del = del.wrapping_sub(ONES) & !del & HIGH;
    (w & HIGH) | below_space | has_del == 0
}

/// YAML allows only printable characters in a file (tab, line breaks and the printable Unicode
/// ranges); the parser does not check, so this does, before parsing. A byte-order mark is
/// allowed only as the first character (and is gone by now). Returns the number of
/// characters, which the parser's positions count in.
fn check_characters(text: &str) -> Result<usize, Diagnostic> {
    let bytes = text.as_bytes();
    let mut chars = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight printable ASCII characters at a time, most of a book; any other byte (a line
        // break, a tab, UTF-8) is looked at on its own below.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            if printable_ascii(u64::from_le_bytes(word)) {
                i += 8;
                chars += 8;
                continue;
            }
        }
        let b = bytes[i];
        if (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\r' || b == b'\t' {
            i += 1;
            chars += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\0');
        let ok = match c {
            '\u{85}' => true,
            '\u{FEFF}' => false,
            c => {
                let v = u32::from(c);
                (0xA0..=0xD7FF).contains(&v) || (0xE000..=0xFFFD).contains(&v) || v >= 0x10000
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
        i += c.len_utf8();
        chars += 1;
    }
    Ok(chars)
}
