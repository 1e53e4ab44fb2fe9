//! The marks file: where it is, reading it (with the position of what does not parse), and
//! writing it whole.

use super::key::fnv1a64;
use super::{Mark, ReviewError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The format's version; a file of a later version is not read (nor written over).
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkFile {
    version: u32,
    /// The book's file name, for a reader of the file (not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    book: Option<String>,
    #[serde(default)]
    marks: BTreeMap<String, Mark>,
}

/// The sidecar of a book: `deals.review.yaml` beside `deals.yaml` (or `deals.yml`, or `deals`).
pub fn sidecar_path(book: &Path) -> PathBuf {
    let stem = book
        .file_stem()
        .map_or_else(|| "book".into(), |s| s.to_string_lossy().into_owned());
    book.with_file_name(format!("{stem}.review.yaml"))
}

/// Where the marks of a book whose folder cannot be written go: `reviews/STEM-HASH.review.yaml`
/// in the data folder, the hash being of the book's absolute path (two `deals.yaml` in two
/// folders keep two files).
pub fn fallback_path(book: &Path) -> Option<PathBuf> {
    let absolute = std::fs::canonicalize(book)
        .or_else(|_| std::path::absolute(book))
        .unwrap_or_else(|_| book.to_path_buf());
    let stem = book
        .file_stem()
        .map_or_else(|| "book".into(), |s| s.to_string_lossy().into_owned());
    let hash = fnv1a64(absolute.to_string_lossy().as_bytes());
    Some(
        crate::dirs::data_dir()?
            .join("reviews")
            .join(format!("{stem}-{:08x}.review.yaml", hash >> 32)),
    )
}

/// Where the marks of the bundled book go: `reviews/bundled.review.yaml` in the data folder.
pub fn bundled_path() -> Option<PathBuf> {
    Some(
        crate::dirs::data_dir()?
            .join("reviews")
            .join("bundled.review.yaml"),
    )
}

/// The file to read a book's marks from, and where to write them if it cannot be created: the
/// sidecar if it exists; else the data folder's file if that exists; else the sidecar, falling
/// back to the data folder's file. The bundled book's marks are in the data folder.
pub(super) fn locate(book: Option<&Path>) -> (Option<PathBuf>, Option<PathBuf>) {
    let Some(book) = book else {
        return (bundled_path(), None);
    };
    let sidecar = sidecar_path(book);
    let fallback = fallback_path(book);
    if sidecar.exists() {
        return (Some(sidecar), None);
    }
    match fallback {
        Some(f) if f.exists() => (Some(f), None),
        f => (Some(sidecar), f),
    }
}

/// Whether a write failed because the folder cannot take a new file (so the data folder should).
pub(super) fn cannot_create(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The marks in `path`: none if it does not exist or holds only comments.
pub(super) fn read(path: &Path) -> Result<BTreeMap<String, Mark>, ReviewError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => {
            return Err(ReviewError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let text = String::from_utf8(text).map_err(|e| {
        let (line, column) = line_col(e.as_bytes(), e.utf8_error().valid_up_to());
        unreadable(
            path,
            line,
            column,
            "the marks file is not UTF-8 text".into(),
        )
    })?;
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(BTreeMap::new());
    }
    // serde_yaml may panic on some malformed input (docs/architecture.md); a marks file must
    // never take the explorer down.
    let parsed = std::panic::catch_unwind(|| serde_yaml::from_str::<MarkFile>(&text));
    let file = match parsed {
        Ok(Ok(f)) => f,
        Ok(Err(e)) => {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let mut message = e.to_string();
            if let Some(l) = e.location() {
                message = message.replacen(
                    &format!(" at line {} column {}", l.line(), l.column()),
                    "",
                    1,
                );
            }
            return Err(unreadable(path, line, column, message));
        }
        Err(_) => return Err(unreadable(path, 1, 1, "the YAML parser failed".into())),
    };
    if file.version != VERSION {
        let (line, column) = version_position(&text);
        return Err(unreadable(
            path,
            line,
            column,
            format!(
                "version {} is not one this dealbook reads (it reads version {VERSION})",
                file.version
            ),
        ));
    }
    Ok(file.marks)
}

fn unreadable(path: &Path, line: usize, column: usize, message: String) -> ReviewError {
    ReviewError::Unreadable {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// Where the `version:` value is, for the message about it.
fn version_position(text: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.strip_prefix("version:")
                .map(|rest| (i + 1, 9 + rest.len() - rest.trim_start().len()))
        })
        .unwrap_or((1, 1))
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

/// Writes `marks` to `path` whole (temporary file beside it, synced, renamed over it),
/// creating the folder when it is dealbook's own (the data folder).
pub(super) fn write(
    path: &Path,
    book: Option<String>,
    marks: &BTreeMap<String, Mark>,
) -> Result<(), ReviewError> {
    let err = |source| ReviewError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
        && crate::dirs::data_dir().is_some_and(|d| dir.starts_with(d))
    {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let file = MarkFile {
        version: VERSION,
        book,
        marks: marks.clone(),
    };
    let yaml = serde_yaml::to_string(&file).map_err(|e| err(io::Error::other(e)))?;
    crate::fsutil::write_atomic(path, |w: &mut dyn Write| {
        w.write_all(b"# Review marks written by dealbook: one per record key (docs/review.md).\n")?;
        w.write_all(yaml.as_bytes())
    })
    .map_err(err)
}
