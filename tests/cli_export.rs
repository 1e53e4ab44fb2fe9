//! `dealbook export --out`: files are written whole, and never over the book being read, however
//! the two paths are spelled.

mod support;

use predicates::prelude::*;
use std::fs;
use std::path::Path;
use support::{dealbook, fixture};

/// A folder holding a copy of a valid book as `deals.yaml`, and the book's bytes.
fn folder() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = fs::read(fixture("valid/example.yaml")).expect("the fixture");
    fs::write(dir.path().join("deals.yaml"), &bytes).expect("the copy");
    (dir, bytes)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder")
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

/// `dealbook --book BOOK export --format FORMAT --out OUT`, run in `dir`, is refused with exit
/// status 2, and the book keeps its bytes.
fn refused(dir: &Path, book: &str, format: &str, out: &str, bytes: &[u8]) {
    dealbook()
        .current_dir(dir)
        .args(["--book", book, "export", "--format", format, "--out", out])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "dealbook: refusing to write {out}: it is the book being read ({book})"
        )));
    assert_eq!(
        fs::read(dir.join("deals.yaml")).expect("the book"),
        bytes,
        "{book} → {out}"
    );
}

#[test]
fn export_out_book_leaves_the_book_byte_identical() {
    let (dir, bytes) = folder();
    for format in ["json", "dot"] {
        refused(dir.path(), "deals.yaml", format, "deals.yaml", &bytes);
    }
    assert_eq!(names(dir.path()), ["deals.yaml"], "no temporary file left");
}

#[test]
fn other_spellings_of_the_book_are_refused() {
    let (dir, bytes) = folder();
    fs::create_dir(dir.path().join("sub")).expect("a sub-folder");
    let abs = dir.path().join("deals.yaml");
    let abs = abs.to_str().expect("a UTF-8 path");
    for out in ["./deals.yaml", "sub/../deals.yaml", abs] {
        refused(dir.path(), "deals.yaml", "json", out, &bytes);
    }
    refused(
        dir.path(),
        "./sub/../deals.yaml",
        "json",
        "deals.yaml",
        &bytes,
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_or_a_hard_link_to_the_book_is_refused() {
    let (dir, bytes) = folder();
    std::os::unix::fs::symlink("deals.yaml", dir.path().join("link.yaml")).expect("symlink");
    fs::hard_link(dir.path().join("deals.yaml"), dir.path().join("hard.yaml")).expect("link");
    refused(dir.path(), "deals.yaml", "json", "link.yaml", &bytes);
    refused(dir.path(), "link.yaml", "json", "deals.yaml", &bytes);
    refused(dir.path(), "deals.yaml", "json", "hard.yaml", &bytes);
    refused(dir.path(), "deals.yaml", "csv", "link.yaml", &bytes);
    assert!(fs::symlink_metadata(dir.path().join("link.yaml")).is_ok_and(|m| m.is_symlink()));
}

#[test]
fn a_csv_table_or_folder_over_the_book_is_refused() {
    let (dir, bytes) = folder();
    // One table written over the book.
    dealbook()
        .current_dir(dir.path())
        .args(["--book", "deals.yaml", "export", "--format", "csv"])
        .args(["--table", "deals", "--out", "./deals.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to write ./deals.yaml"));
    // The book is one of the files a folder export would write: nothing is written.
    fs::create_dir(dir.path().join("out")).expect("a folder");
    fs::write(dir.path().join("out/deals.csv"), &bytes).expect("a book named deals.csv");
    dealbook()
        .current_dir(dir.path())
        .args([
            "--book",
            "out/deals.csv",
            "export",
            "--format",
            "csv",
            "--out",
            "out",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "refusing to write out/deals.csv: it is the book being read (out/deals.csv)",
        ));
    assert_eq!(names(&dir.path().join("out")), ["deals.csv"]);
    assert_eq!(
        fs::read(dir.path().join("out/deals.csv")).expect("book"),
        bytes
    );
    // The book given as the folder itself.
    refused(dir.path(), "deals.yaml", "csv", "deals.yaml", &bytes);
}

#[test]
fn exports_replace_their_files_whole_and_leave_nothing_else() {
    let (dir, _) = folder();
    let out = dir.path().join("book.json");
    fs::write(&out, "an older export").expect("write");
    dealbook()
        .current_dir(dir.path())
        .args([
            "--book",
            "deals.yaml",
            "export",
            "--format",
            "json",
            "--out",
            "book.json",
        ])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(&out).expect("the export")).expect("JSON");
    assert!(json["deals"].is_array());
    dealbook()
        .current_dir(dir.path())
        .args([
            "--book",
            "deals.yaml",
            "export",
            "--format",
            "csv",
            "--out",
            "csv",
        ])
        .assert()
        .success();
    assert_eq!(
        names(&dir.path().join("csv")),
        [
            "deals.csv",
            "entities.csv",
            "flows.csv",
            "metrics.csv",
            "parties.csv",
            "people.csv",
            "sources.csv",
            "terms.csv"
        ]
    );
    assert_eq!(names(dir.path()), ["book.json", "csv", "deals.yaml"]);
}
