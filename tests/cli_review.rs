//! `dealbook review`: marks go to their own file, never into the book; a marks file that cannot
//! be read is reported with its position and left as it is.

mod support;

use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use support::{dealbook, fixture};

/// A folder holding a copy of a valid book as `deals.yaml`, and the book's bytes.
fn folder() -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = fs::read(fixture("valid/example.yaml")).expect("the fixture");
    fs::write(dir.path().join("deals.yaml"), &bytes).expect("the copy");
    (dir, bytes)
}

/// `dealbook review BOOK ARGS…` with dealbook's own folders inside `dir`.
fn review(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    let book: PathBuf = dir.join("deals.yaml");
    dealbook()
        .env("DEALBOOK_DATA_DIR", dir.join("data"))
        .env("DEALBOOK_STATE_DIR", dir.join("state"))
        .arg("review")
        .arg(&book)
        .args(args)
        .assert()
}

fn first_entity(dir: &Path) -> String {
    let text = fs::read_to_string(dir.join("deals.yaml")).expect("the book");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("- id:"))
        .expect("an id");
    line.trim_start()
        .trim_start_matches("- id:")
        .trim()
        .to_string()
}

#[test]
fn marking_writes_the_sidecar_and_leaves_the_book_byte_identical() {
    let (dir, bytes) = folder();
    let id = first_entity(dir.path());
    review(dir.path(), &["mark", &id, "--note", "checked"]).success();
    assert_eq!(
        fs::read(dir.path().join("deals.yaml")).expect("book"),
        bytes
    );
    let sidecar = fs::read_to_string(dir.path().join("deals.review.yaml")).expect("sidecar");
    assert!(sidecar.contains("reviewed: true"), "{sidecar}");
    assert!(sidecar.contains("note: checked"), "{sidecar}");
    review(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("1 mark in all"))
        .stdout(predicate::str::contains("checked"));
}

#[test]
fn each_run_adds_to_the_marks_already_written() {
    // (Two sessions writing at once are merged: src/review/tests.rs.)
    let (dir, _) = folder();
    review(dir.path(), &["mark", "acme-chips"]).success();
    review(dir.path(), &["mark", "nimbus-ai", "--flag"]).success();
    review(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("entity:acme-chips"))
        .stdout(predicate::str::contains("entity:nimbus-ai"))
        .stdout(predicate::str::contains("2 marks in all"));
}

#[test]
fn unknown_records_are_refused_with_exit_2() {
    let (dir, _) = folder();
    review(dir.path(), &["mark", "no-such-record"])
        .code(2)
        .stderr(predicate::str::contains("no record 'no-such-record'"));
    assert!(!dir.path().join("deals.review.yaml").exists());
}

#[test]
fn a_corrupt_marks_file_is_reported_with_its_position_and_left_untouched() {
    let (dir, _) = folder();
    let sidecar = dir.path().join("deals.review.yaml");
    fs::write(&sidecar, "marks: [\n").expect("write");
    let id = first_entity(dir.path());
    review(dir.path(), &["mark", &id])
        .code(2)
        .stderr(predicate::str::contains("deals.review.yaml:"))
        .stderr(predicate::str::contains("left as it is"));
    assert_eq!(fs::read_to_string(&sidecar).expect("read"), "marks: [\n");
}

#[test]
fn the_markdown_report_lists_what_is_not_yet_reviewed() {
    let (dir, _) = folder();
    review(dir.path(), &["--format", "md"])
        .success()
        .stdout(predicate::str::starts_with("# Review of"))
        .stdout(predicate::str::contains("not yet reviewed"));
}
