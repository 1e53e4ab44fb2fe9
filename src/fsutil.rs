//! Writing files safely: never over the file being read, and never half (write aside, rename).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether `a` and `b` name the same file: the same device and inode when both exist (which
/// sees through symlinks, other spellings and hard links), the same canonical path otherwise.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => same_inode(&x, &y).unwrap_or_else(|| canonical(a) == canonical(b)),
        _ => canonical(a) == canonical(b),
    }
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> Option<bool> {
    use std::os::unix::fs::MetadataExt;
    Some(a.dev() == b.dev() && a.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> Option<bool> {
    None
}

/// The absolute path of `p` with symlinks resolved as far as the path exists, and `.` and `..`
/// removed from the rest.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = fs::canonicalize(p) {
        return c;
    }
    let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // The longest existing ancestor, resolved, then the missing rest lexically.
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        if let Ok(c) = fs::canonicalize(existing) {
            let mut out = c;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// Writes a file whole or not at all: `write` fills a new file beside `path` (same folder, so
/// the same file system), which is flushed to disk and then renamed over `path`. If anything
/// fails, `path` is left as it was and the temporary file is removed. A `path` that is a
/// symlink is written through: the file it points to is replaced, the link stays.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let (tmp, file) = create_temp(&dir, &name.to_string_lossy())?;
    let result =
        fill(file, write, fs::metadata(&target).ok()).and_then(|()| fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    // The rename is durable once the folder is synced; a failure to sync it is not an error of
    // the write (the file is complete either way).
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new, empty file named `.NAME.PID.N.tmp` in `dir`, created exclusively (never an existing
/// file or a link planted there).
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

fn fill(
    file: File,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    old: Option<fs::Metadata>,
) -> io::Result<()> {
    let mut w = BufWriter::new(file);
    write(&mut w)?;
    let file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
    // The new file keeps the permissions of the one it replaces.
    if let Some(old) = old {
        file.set_permissions(old.permissions())?;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().expect("a temporary folder")
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read the folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let d = dir();
        let p = d.path().join("out.json");
        fs::write(&p, "old").expect("write");
        write_atomic(&p, |w| w.write_all(b"new")).expect("written");
        assert_eq!(fs::read_to_string(&p).expect("read"), "new");
        assert_eq!(entries(d.path()), ["out.json"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let d = dir();
        let p = d.path().join("out.json");
        fs::write(&p, "old").expect("write");
        // The fault: the writer fails half-way, as a full disk or an interrupted export would.
        let err = write_atomic(&p, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("disk full"))
        })
        .expect_err("the write fails");
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&p).expect("read"), "old");
        assert_eq!(entries(d.path()), ["out.json"]);
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_and_creates_nothing() {
        let d = dir();
        let p = d.path().join("missing/out.json");
        assert!(write_atomic(&p, |w| w.write_all(b"x")).is_err());
        assert!(entries(d.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let d = dir();
        let real = d.path().join("real.csv");
        let link = d.path().join("link.csv");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, |w| w.write_all(b"new")).expect("written");
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
        assert!(fs::symlink_metadata(&link).expect("link").is_symlink());
    }

    #[test]
    fn the_same_file_under_other_names() {
        let d = dir();
        let book = d.path().join("deals.yaml");
        fs::write(&book, "book:").expect("write");
        fs::create_dir(d.path().join("sub")).expect("mkdir");
        let other = d.path().join("other.yaml");
        fs::write(&other, "book:").expect("write");
        assert!(same_file(&book, &d.path().join("sub/../deals.yaml")));
        assert!(same_file(&book, &d.path().join("./deals.yaml")));
        assert!(!same_file(&book, &other));
        // Missing files compare by their canonical path.
        let missing = d.path().join("new.json");
        assert!(same_file(&missing, &d.path().join("sub/../new.json")));
        assert!(!same_file(&missing, &book));
        #[cfg(unix)]
        {
            let link = d.path().join("link.yaml");
            std::os::unix::fs::symlink(&book, &link).expect("symlink");
            assert!(same_file(&book, &link));
            let hard = d.path().join("hard.yaml");
            fs::hard_link(&book, &hard).expect("hard link");
            assert!(same_file(&book, &hard));
        }
    }
}
