//! `dealbook init PATH`: the bundled book written out as a book of one's own to edit, with the
//! text of its sources beside it (in `sources/`, where the book's `file` fields point), so
//! `dealbook check PATH` still checks every quote. Nothing is ever overwritten.

use super::CliError;
use crate::book::BUNDLED;
use crate::fsutil::write_atomic;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The bundled book's source texts, by the path its `file` fields give (relative to the book).
const SOURCES: [(&str, &str); 5] = [
    (
        "sources/000_aca06861cb94f5a1.txt",
        include_str!("../../sources/000_aca06861cb94f5a1.txt"),
    ),
    (
        "sources/001_f25b7b4576884278.txt",
        include_str!("../../sources/001_f25b7b4576884278.txt"),
    ),
    (
        "sources/002_2d2386cd97b7db17.txt",
        include_str!("../../sources/002_2d2386cd97b7db17.txt"),
    ),
    (
        "sources/003_3d3eea1584c81bb5.txt",
        include_str!("../../sources/003_3d3eea1584c81bb5.txt"),
    ),
    (
        "sources/004_5ffeae91a7527f99.txt",
        include_str!("../../sources/004_5ffeae91a7527f99.txt"),
    ),
];

/// Writes the bundled book to `path` and its sources beside it. Refuses (exit 2, nothing
/// written) when `path` exists, or a source file exists with other content.
pub fn run(path: &Path, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if path.symlink_metadata().is_ok() {
        return Err(CliError::Usage(format!(
            "{}: already exists; init never overwrites a file (choose another name)",
            path.display()
        )));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(CliError::Usage(format!(
            "{}: no such folder to write the book in",
            folder.display()
        )));
    }
    let mut to_write = Vec::new();
    for (name, text) in SOURCES {
        let file = folder.join(name);
        match std::fs::read(&file) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => {
                return Err(CliError::Usage(format!(
                    "{}: already exists with other content; init never overwrites a file (choose another folder)",
                    file.display()
                )));
            }
            Err(_) => to_write.push((file, text)),
        }
    }
    let failed = |p: &Path, e: std::io::Error| {
        CliError::Usage(format!("{}: cannot write: {e}", p.display()))
    };
    if !to_write.is_empty() {
        let dir = folder.join("sources");
        std::fs::create_dir_all(&dir).map_err(|e| failed(&dir, e))?;
    }
    for (file, text) in &to_write {
        write_atomic(file, |w| w.write_all(text.as_bytes())).map_err(|e| failed(file, e))?;
    }
    write_atomic(path, |w| w.write_all(BUNDLED.as_bytes())).map_err(|e| failed(path, e))?;
    writeln!(
        out,
        "wrote {} (the bundled book, {} deals) and its {} source texts in {}; open it with: dealbook {}",
        path.display(),
        crate::book::load_bundled().book.map_or(0, |b| b.deals.len()),
        SOURCES.len(),
        folder.join("sources").display(),
        path.display()
    )
    .map_err(CliError::Output)?;
    Ok(ExitCode::SUCCESS)
}
