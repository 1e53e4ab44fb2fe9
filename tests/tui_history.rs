//! Search history: ↑/↓ on the search line recall earlier queries (the hits move with
//! Ctrl-n/Ctrl-p or Tab), and the history is kept across runs in the state folder.

mod support;

use dealbook::book::load_bundled;
use dealbook::tui::action::Action;
use dealbook::tui::app::App;
use support::pty::Session;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

fn search(a: &mut App, q: &str) {
    a.update(Action::StartSearch);
    for c in q.chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchOpen);
}

fn query(a: &App) -> String {
    a.search().map(|s| s.query.clone()).unwrap_or_default()
}

#[test]
fn up_and_down_walk_the_history_and_come_back_to_what_was_typed() {
    let mut a = app();
    search(&mut a, "nvidia");
    search(&mut a, "softbank");
    search(&mut a, "nvidia"); // once in the history, most recent first
    assert_eq!(a.search_history, ["nvidia", "softbank"]);
    a.update(Action::StartSearch);
    a.update(Action::SearchInput('a'));
    a.update(Action::SearchHistoryPrev);
    assert_eq!(query(&a), "nvidia");
    assert!(
        !a.search().expect("open").hits.is_empty(),
        "the recalled query is searched"
    );
    a.update(Action::SearchHistoryPrev);
    assert_eq!(query(&a), "softbank");
    a.update(Action::SearchHistoryPrev); // the oldest stays
    assert_eq!(query(&a), "softbank");
    a.update(Action::SearchHistoryNext);
    assert_eq!(query(&a), "nvidia");
    a.update(Action::SearchHistoryNext); // past the most recent: what was typed
    assert_eq!(query(&a), "a");
    // Editing a recalled query makes it a new one.
    a.update(Action::SearchHistoryPrev);
    a.update(Action::SearchInput('x'));
    assert_eq!(query(&a), "nvidiax");
    a.update(Action::SearchHistoryNext);
    assert!(a.message.as_deref() == Some("no earlier searches") || query(&a) == "nvidiax");
    assert_eq!(a.new_searches, ["softbank", "nvidia"]);
}

#[test]
fn the_history_is_kept_across_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().to_str().expect("utf-8").to_string();
    let env = [("DEALBOOK_STATE_DIR", state.as_str())];
    let mut s = Session::start_with(&[], 100, 30, &env);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    s.send("/coatue");
    s.wait_for(&["Coatue"]);
    s.send("\r");
    s.wait_for(&["Detail"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let saved = std::fs::read_to_string(dir.path().join("state.json")).expect("state.json");
    assert!(saved.contains("coatue"), "{saved}");
    let mut s = Session::start_with(&[], 100, 30, &env);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    s.send("/");
    s.send("\x1b[A"); // ↑
    s.wait_for(&["coatue"]);
    // Esc then q, apart: together they would read as Alt-q.
    s.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_explorer_comes_back_where_you_left_unless_fresh() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().to_str().expect("utf-8").to_string();
    let env = [("DEALBOOK_STATE_DIR", state.as_str())];
    let mut s = Session::start_with(&[], 100, 30, &env);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    // The Deals pane, its third deal: Nvidia's investment.
    s.send("2jj");
    s.wait_for(&["Nvidia invests up to $100B in OpenAI"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start_with(&[], 100, 30, &env);
    s.wait_for(&["back where you were: Nvidia invests up to $100B in OpenAI"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = Session::start_with(&["--fresh"], 100, 30, &env);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    assert!(
        !s.screen().contains("back where you were"),
        "{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
