//! A living book, end to end in a pseudo-terminal: the explorer notices when its file is
//! replaced (by rename, as editors save) and keeps the selected record by id; a broken save
//! shows a banner and its problem while the last good book stays; `e` runs the editor at the
//! selected record's line and reloads after; review marks survive a restart and the book's
//! bytes never change.

mod support;

use std::path::{Path, PathBuf};
use support::pty::Session;

/// A copy of tests/fixtures/money (the book and the article its quotes come from) in a folder
/// of the test's own.
fn book_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["book.yaml", "article.txt"] {
        std::fs::copy(
            support::fixture(&format!("money/{name}")),
            dir.path().join(name),
        )
        .expect("copy the fixture");
    }
    let path = dir.path().join("book.yaml");
    (dir, path)
}

/// Replaces `path` the way vim and VS Code save: a new file written beside it, renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.tmp~");
    std::fs::write(&tmp, text).expect("write the new version");
    std::fs::rename(&tmp, path).expect("rename it over the book");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read the book")
}

const CLOUD: &str = "title: Nimbus buys cloud capacity from Acme";

/// A new deal inserted before `nimbus-cloud`, which moves it one row down.
const INSERTED: &str = "  - id: acme-new\n    title: Acme opens a new office\n    status: signed\n    parties: [acme]\n    sources: [src-article]\n\n  - id: nimbus-cloud\n";

/// The line (1-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the needle is in the text")
        + 1
}

/// Opens the explorer on `path` with Deals focused and `nimbus-cloud` (the second deal)
/// selected.
fn on_the_cloud_deal(path: &Path, env: &[(&str, &str)]) -> Session {
    let mut s = Session::start_with(&[path.to_str().expect("utf-8 path")], 120, 40, env);
    // The first screen is narrowed to the entity under the cursor; `x` shows every deal.
    s.wait_for(&["Deals (2) involving Acme"]);
    s.send("x");
    s.wait_for(&["Deals (4)"]);
    s.send("2");
    s.send("j");
    s.send("y");
    s.wait_for(&["copied: Nimbus buys cloud capacity"]);
    s
}

#[test]
fn a_book_replaced_by_rename_is_reloaded_with_the_same_deal_selected() {
    let (_dir, path) = book_copy();
    let mut s = on_the_cloud_deal(&path, &[]);
    let text = read(&path)
        .replace(CLOUD, "title: Nimbus rents cloud capacity from Acme")
        .replace("  - id: nimbus-cloud\n", INSERTED);
    save_by_rename(&path, &text);
    s.wait_for(&["Deals (5)", "reloaded", "1 deal changed, 1 deal added"]);
    // The selection followed the deal (now on the third row), not the row.
    s.send("y");
    s.wait_for(&["copied: Nimbus rents cloud capacity"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn keys_are_answered_while_a_reload_works() {
    let (_dir, path) = book_copy();
    // The reload's worker waits 3 s before it reads: the keys below come in the meantime.
    let mut s = on_the_cloud_deal(&path, &[("DEALBOOK_TEST_HOLD_RELOAD", "3")]);
    let text = read(&path).replace(CLOUD, "title: Nimbus rents cloud capacity from Acme");
    save_by_rename(&path, &text);
    // `r` as well as the watch: its notice says a reload is under way.
    s.send("r");
    s.wait_for(&["reloading…"]);
    s.send("k");
    s.send("y");
    s.wait_until("the row above copied", |screen| {
        screen.contains("copied: ") && !screen.contains("copied: Nimbus buys cloud")
    });
    assert!(
        !s.screen().contains("reloaded"),
        "the keys were answered before the reload ended:\n{}",
        s.screen()
    );
    s.wait_for(&["reloaded", "1 deal changed"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_broken_save_shows_a_banner_and_its_problem_until_the_next_good_one() {
    let (_dir, path) = book_copy();
    let good = read(&path);
    let mut s = on_the_cloud_deal(&path, &[]);
    let broken = good.replacen("status: signed", "status: sined", 1);
    let line = line_of(&broken, "status: sined");
    save_by_rename(&path, &broken);
    s.wait_for(&["book.yaml: 1 error — showing the version of", "p problems"]);
    // The last good book is still there, selection and all.
    s.send("y");
    s.wait_for(&["copied: Nimbus buys cloud capacity"]);
    s.send("p");
    s.wait_for(&[
        &format!("book.yaml:{line}:13: error: unknown status 'sined' (did you mean 'signed'?)"),
        "Problems · ",
    ]);
    s.send("q");
    save_by_rename(&path, &good);
    s.wait_until("the banner to go", |screen| {
        !screen.contains("showing the version of") && screen.contains("Deals (4)")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// An editor named `vim` (so it is given `+LINE FILE`) that records its arguments and edits
/// the book as a user would.
fn fake_vim(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    let vim = bin.join("vim");
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nsed -i 's/Nimbus buys cloud/Nimbus leases cloud/' \"$2\"\n",
        dir.join("args").display()
    );
    std::fs::write(&vim, script).expect("write the editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&vim, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    vim
}

#[test]
fn e_opens_the_editor_at_the_deal_and_reloads_after() {
    let (dir, path) = book_copy();
    let vim = fake_vim(dir.path());
    let vim = vim.to_str().expect("utf-8 path");
    let line = line_of(&read(&path), "- id: nimbus-cloud");
    let mut s = on_the_cloud_deal(&path, &[("VISUAL", vim), ("EDITOR", "nano")]);
    s.send("e");
    s.wait_for(&["Nimbus leases cloud capacity", "reloaded", "1 deal changed"]);
    let args = std::fs::read_to_string(dir.path().join("args")).expect("the editor ran");
    assert_eq!(args, format!("+{line}\n{}\n", path.display()));
    s.send("y");
    s.wait_for(&["copied: Nimbus leases cloud capacity"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_book_with_errors_is_fixed_in_the_editor_and_opens() {
    let (dir, path) = book_copy();
    let good = read(&path);
    std::fs::write(
        &path,
        good.replacen(CLOUD, "title: Nimbus buys cloud\n    status: wrong", 1),
    )
    .expect("break the book");
    // The fake editor puts the good book back.
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    std::fs::write(dir.path().join("good.yaml"), &good).expect("keep the good book");
    let vim = bin.join("vim");
    std::fs::write(
        &vim,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\ncp '{}' \"$2\"\n",
            dir.path().join("args").display(),
            dir.path().join("good.yaml").display()
        ),
    )
    .expect("write the editor");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&vim, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let vim = vim.to_str().expect("utf-8 path");
    let mut s = Session::start_with(
        &[path.to_str().expect("utf-8 path"), "--no-watch"],
        120,
        40,
        &[("VISUAL", vim)],
    );
    s.wait_for(&["Problems · ", "e edit"]);
    s.send("e");
    s.wait_for(&["Deals (2) involving Acme", "Entities"]);
    let args = std::fs::read_to_string(dir.path().join("args")).expect("the editor ran");
    assert!(args.starts_with('+'), "{args}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "the book loaded: q quits with 0");
    s.assert_restored();
}

#[test]
fn a_mark_survives_a_restart_and_the_book_is_never_written() {
    let (_dir, path) = book_copy();
    let before = std::fs::read(&path).expect("read");
    let mut s = on_the_cloud_deal(&path, &[]);
    s.send(" ");
    s.wait_for(&["reviewed: Nimbus buys cloud capacity"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start(&[path.to_str().expect("utf-8 path"), "--fresh"], 120, 40);
    s.wait_for(&["Deals (2) involving Acme", "reviewed 1/4"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the book's bytes"
    );
    assert!(
        path.with_file_name("book.review.yaml").exists(),
        "the sidecar"
    );
}
