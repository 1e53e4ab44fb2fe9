//! `dealbook init PATH`: the bundled book written out to edit, with its sources beside it so
//! its quotes still check; never over an existing file.

mod support;

use predicates::prelude::PredicateBooleanExt;
use support::dealbook;

#[test]
fn init_writes_the_bundled_book_and_its_sources_and_it_checks_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("mine.yaml");
    dealbook()
        .args(["init", book.to_str().expect("utf-8")])
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote "));
    assert_eq!(
        std::fs::read_to_string(&book).expect("the book"),
        dealbook::book::BUNDLED
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("sources"))
            .expect("sources")
            .count(),
        5
    );
    // The copy checks as the bundled book does: its quotes are found in the copied sources.
    dealbook()
        .args(["check", book.to_str().expect("utf-8")])
        .assert()
        .success()
        .stderr(predicates::str::contains("cannot be read").not());
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("mine.yaml");
    std::fs::write(&book, "my own work\n").expect("write");
    dealbook()
        .args(["init", book.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&book).expect("read"),
        "my own work\n"
    );
    // A source file of the same name with other content stops it too, before anything is
    // written.
    let other = dir.path().join("other.yaml");
    std::fs::create_dir_all(dir.path().join("sources")).expect("mkdir");
    std::fs::write(
        dir.path().join("sources/000_aca06861cb94f5a1.txt"),
        "notes\n",
    )
    .expect("write");
    dealbook()
        .args(["init", other.to_str().expect("utf-8")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("other content"));
    assert!(!other.exists());
}
