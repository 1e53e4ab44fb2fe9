//! The search grammar's review filters: `is:reviewed`, `is:unreviewed`, `is:flagged`,
//! `is:noted`, in the explorer's search line and in `dealbook search`.

mod support;

use dealbook::book::{Record, load_bundled};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use support::dealbook;

fn search(a: &mut App, q: &str) -> Vec<Record> {
    a.update(Action::StartSearch);
    for c in q.chars() {
        a.update(Action::SearchInput(c));
    }
    let hits = a
        .search()
        .map(|s| s.hits.iter().map(|h| h.record).collect())
        .unwrap_or_default();
    a.update(Action::SearchCancel);
    hits
}

#[test]
fn the_search_line_filters_by_review_marks() {
    let mut a = App::new(load_bundled().book.expect("bundled"), 120, 40);
    a.update(Action::Focus(Pane::Deals));
    let first = a.selected_deal().expect("deal");
    a.update(Action::ToggleReviewed);
    a.update(Action::Down);
    let second = a.selected_deal().expect("deal");
    a.update(Action::ToggleFlagged);
    assert_eq!(search(&mut a, "is:reviewed"), [Record::Deal(first)]);
    assert_eq!(search(&mut a, "is:flagged"), [Record::Deal(second)]);
    assert_eq!(search(&mut a, "is:reviewed,flagged").len(), 2);
    // With words and other filters; negated.
    let unreviewed = search(&mut a, "openai is:deal -is:reviewed");
    assert!(!unreviewed.is_empty() && !unreviewed.contains(&Record::Deal(first)));
    assert!(unreviewed.iter().all(|r| matches!(r, Record::Deal(_))));
    assert!(search(&mut a, "is:noted").is_empty());
}

#[test]
fn dealbook_search_reads_the_sidecar_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("deals.yaml");
    std::fs::write(&book, dealbook::book::BUNDLED).expect("write");
    let path = book.to_str().expect("utf-8");
    dealbook()
        .args([
            "--book",
            path,
            "review",
            "mark",
            "amd-openai-gpu-stake",
            "--flag",
        ])
        .assert()
        .success();
    let out = dealbook()
        .args(["--book", path, "search", "is:flagged", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let hits: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let ids: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert_eq!(ids, ["amd-openai-gpu-stake"]);
}
