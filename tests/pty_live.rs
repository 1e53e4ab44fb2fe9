//! The explorer's life around its book, end to end in a pseudo-terminal: the loading screen
//! while a big book loads on the worker thread, quitting, resizing and signals during the load.

mod support;

use std::path::PathBuf;
use support::pty::Session;

/// A synthetic book of `deals` deals written to a temporary folder (kept while the test runs).
fn synthetic_book(deals: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, dealbook::synth::book_yaml(deals)).expect("write the book");
    (dir, path)
}

/// A small book, held on the loading screen for an hour: whatever the test does happens while
/// the load is certainly under way.
fn held(args: &[&str], cols: u16, rows: u16) -> Session {
    let s = Session::start_with(args, cols, rows, &[("DEALBOOK_TEST_HOLD_LOAD", "3600")]);
    s.wait_for(&["Loading…", "records read", "q quit"]);
    s
}

/// About 14 MB of YAML: the loading screen comes first, then the explorer on the whole book.
#[test]
fn a_big_book_shows_the_loading_screen_then_the_explorer() {
    let (_dir, path) = synthetic_book(20_000);
    let path = path.to_str().expect("utf-8 path");
    let mut s = Session::start_watching(&[path], 100, 30, &[], &["records read"]);
    s.wait_for(&["Entities", "Deals (", "involving", "Flows"]);
    assert!(
        s.was_seen("records read"),
        "the loading screen never showed"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn q_during_the_load_quits_at_once_and_restores_the_terminal() {
    let mut s = held(&[], 100, 30);
    assert!(s.parser.lock().expect("parser").screen().alternate_screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "q quits with 0, the load abandoned");
    s.assert_restored();
}

#[test]
fn esc_and_ctrl_c_quit_during_the_load() {
    for key in ["\x1b", "\x03"] {
        let mut s = held(&[], 100, 30);
        s.send(key);
        assert_eq!(s.wait_exit(), 0, "{key:?}");
        s.assert_restored();
    }
}

#[test]
fn a_resize_during_the_load_redraws_the_loading_screen() {
    let mut s = held(&[], 100, 30);
    s.resize(60, 16);
    // The box is drawn again in the middle of the new size: its top border starts at the left.
    s.wait_until("the loading box redrawn to fit 60 columns", |screen| {
        screen.contains("Loading…")
            && screen
                .lines()
                .find(|l| l.contains("dealbook"))
                .is_some_and(|top| top.starts_with('┌'))
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_during_the_load_restores_the_terminal() {
    let mut s = held(&[], 100, 30);
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    assert_eq!(s.wait_exit(), 128 + 15);
    s.assert_restored();
}
