//! A reload as `App::update` and `App::replace_model` see it: the new model swapped in whole,
//! the place kept by id (focus, selection, Detail, history, sorts), a record that is gone
//! leaving the selection on its neighbour with a message; a failed reload keeps the book under
//! a banner; `e` asks for the editor at the selected record's place, `r` for a reload.

mod support;

use dealbook::book::{Book, Record, load_bundled, load_str};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::model::Model;
use std::sync::Arc;

const BOOK: &str = include_str!("fixtures/money/book.yaml");

fn book(text: &str) -> Book {
    let loaded = load_str(text);
    loaded
        .book
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

fn app() -> App {
    let mut a = App::new(book(BOOK), 120, 40);
    a.live.path = Some("book.yaml".into());
    a
}

fn selected_deal_id(a: &App) -> String {
    let d = a.selected_deal().expect("a deal is selected");
    a.model.book.deals[d].id.clone()
}

/// The app with Deals focused and `nimbus-cloud` (the second deal) selected.
fn on_cloud() -> App {
    let mut a = app();
    // Every deal listed, so that the cloud deal has neighbours on both sides.
    a.update(Action::ClearFilter);
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::Down);
    assert_eq!(selected_deal_id(&a), "nimbus-cloud");
    a
}

/// The book without its `nimbus-cloud` deal.
fn without_cloud() -> String {
    let start = BOOK.find("  - id: nimbus-cloud").expect("the deal");
    let end = BOOK.find("  - id: orbit-talks").expect("the next deal");
    format!("{}{}", &BOOK[..start], &BOOK[end..])
}

const INSERTED: &str = "  - id: acme-new\n    title: Acme opens a new office\n    status: signed\n    parties: [acme]\n    sources: [src-article]\n\n  - id: nimbus-cloud\n";

#[test]
fn the_selected_deal_is_kept_by_id_when_a_deal_is_inserted_above_it() {
    let mut a = on_cloud();
    let text = BOOK
        .replace("  - id: nimbus-cloud\n", INSERTED)
        .replace("Nimbus buys cloud", "Nimbus rents cloud");
    a.replace_model(Arc::new(Model::new(book(&text))), Vec::new());
    assert_eq!(selected_deal_id(&a), "nimbus-cloud");
    assert_eq!(a.nav.deals.selected, 2, "one row further down");
    assert_eq!(a.nav.focus, Pane::Deals);
    let notice = a.live.notice.clone().expect("a notice");
    assert!(
        notice.starts_with("reloaded ") && notice.ends_with("1 deal changed, 1 deal added"),
        "{notice}"
    );
    assert_eq!(a.message, None, "nothing is gone");
}

#[test]
fn a_deal_that_is_gone_leaves_its_neighbour_selected_and_says_so() {
    let mut a = on_cloud();
    let text = without_cloud();
    a.replace_model(Arc::new(Model::new(book(&text))), Vec::new());
    assert_eq!(
        selected_deal_id(&a),
        "orbit-talks",
        "the same row: its neighbour"
    );
    let message = a.message.clone().expect("a message");
    assert!(
        message.starts_with("deal 'Nimbus buys cloud capacity") && message.contains("is gone"),
        "{message}"
    );
    assert!(
        a.live
            .notice
            .as_deref()
            .is_some_and(|n| n.ends_with("1 deal removed")),
        "{:?}",
        a.live.notice
    );
}

#[test]
fn detail_history_and_sort_survive_a_reload() {
    let mut a = on_cloud();
    a.update(Action::SortNext);
    let sort = a.deal_sort;
    a.update(Action::Open);
    let detail = a.nav.detail;
    let steps = a.history.len();
    assert!(steps > 0, "Open took a step");
    a.replace_model(Arc::new(Model::new(book(BOOK))), Vec::new());
    assert_eq!(a.nav.detail, detail);
    assert_eq!(a.history.len(), steps);
    assert_eq!(a.deal_sort, sort);
    assert_eq!(
        a.live.notice, None,
        "a read that changes nothing is news only when asked for"
    );
    a.update(Action::Reload);
    assert_eq!(a.live.notice.as_deref(), Some("reloading…"));
    a.replace_model(Arc::new(Model::new(book(BOOK))), Vec::new());
    assert!(
        (a.live.notice.as_deref()).is_some_and(|n| n.ends_with("no record changed")),
        "{:?}",
        a.live.notice
    );
}

#[test]
fn a_failed_reload_keeps_the_book_under_a_banner_until_a_good_one() {
    let mut a = on_cloud();
    a.book_name = "book.yaml".into();
    a.live.loaded_at = "14:01:40".into();
    let broken = load_str(&BOOK.replacen("status: signed", "status: sined", 1));
    assert!(broken.book.is_none());
    a.reload_failed(broken.diagnostics);
    assert_eq!(
        a.live.banner(&a.book_name).as_deref(),
        Some("book.yaml: 1 error — showing the version of 14:01:40 · p problems")
    );
    assert_eq!(
        selected_deal_id(&a),
        "nimbus-cloud",
        "the last good book stays"
    );
    assert!(a.problems.iter().any(|d| d.message.contains("'sined'")));
    a.replace_model(Arc::new(Model::new(book(BOOK))), Vec::new());
    assert_eq!(a.live.banner(&a.book_name), None);
    assert!(a.problems.is_empty());
}

#[test]
fn e_asks_for_the_editor_at_the_selected_deal_and_r_for_a_reload() {
    let mut a = on_cloud();
    a.update(Action::Edit);
    let (path, at) = a.live.edit.take().expect("the editor was asked for");
    let line = BOOK
        .lines()
        .position(|l| l.contains("- id: nimbus-cloud"))
        .expect("line")
        + 1;
    assert_eq!(
        (path.to_str(), at.line as usize, at.col),
        (Some("book.yaml"), line, 5)
    );
    a.update(Action::Reload);
    assert!(a.live.reload_wanted);
}

#[test]
fn e_on_the_problems_list_opens_at_the_selected_problem() {
    let mut a = on_cloud();
    let broken = load_str(
        &BOOK
            .replacen("status: signed", "status: sined", 1)
            .replacen("status: negotiating", "status: talks", 1),
    );
    a.reload_failed(broken.diagnostics);
    a.update(Action::ShowProblems);
    a.update(Action::Down);
    a.update(Action::Edit);
    let (_, at) = a.live.edit.take().expect("the editor was asked for");
    let second = dealbook::tui::problems::ordered(&a.problems)[1];
    assert_eq!(
        (at.line as usize, at.col as usize),
        (second.line, second.column)
    );
}

#[test]
fn the_bundled_book_is_not_edited_nor_reloaded() {
    let mut a = App::new(load_bundled().book.expect("bundled"), 120, 40);
    a.update(Action::Edit);
    assert_eq!(a.live.edit, None);
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("dealbook init")),
        "{:?}",
        a.message
    );
    a.update(Action::Reload);
    assert!(!a.live.reload_wanted);
}

#[test]
fn a_mark_whose_deal_is_gone_is_listed_as_orphaned_in_problems() {
    let mut a = on_cloud();
    a.update(Action::ToggleReviewed);
    a.update(Action::EditNote);
    for c in "ask Acme".chars() {
        a.update(Action::NoteEdit(tui_input::InputRequest::InsertChar(c)));
    }
    a.update(Action::NoteSave);
    a.replace_model(Arc::new(Model::new(book(&without_cloud()))), Vec::new());
    assert_eq!(a.orphans.len(), 1, "{:?}", a.orphans);
    assert!(
        a.orphans[0].starts_with("orphaned mark: deal:nimbus-cloud 'Nimbus buys cloud capacity")
            && a.orphans[0].contains("note: ask Acme"),
        "{}",
        a.orphans[0]
    );
    assert!(
        a.review_progress
            .as_deref()
            .is_some_and(|p| p.ends_with("1 orphaned (p)")),
        "{:?}",
        a.review_progress
    );
    a.update(Action::ShowProblems);
    a.update(Action::Edit);
    assert_eq!(a.live.edit, None, "an orphan has no line to edit");
}

#[test]
fn the_banner_and_the_problems_of_a_failed_reload_at_80x24() {
    let mut a = App::new(book(BOOK), 80, 24);
    a.live.path = Some("book.yaml".into());
    a.book_name = "book.yaml".into();
    a.live.loaded_at = "14:01:40".into();
    a.reload_failed(load_str(&BOOK.replacen("status: signed", "status: sined", 1)).diagnostics);
    insta::assert_snapshot!("banner_80x24", support::frame(&a));
    a.update(Action::ShowProblems);
    insta::assert_snapshot!("problems_after_a_failed_reload_80x24", support::frame(&a));
}

#[test]
fn a_book_that_cannot_be_read_keeps_the_last_good_one_under_a_banner() {
    let mut a = on_cloud();
    a.book_name = "book.yaml".into();
    a.live.loaded_at = "14:01:40".into();
    a.reload_unreadable("book.yaml: no such file".into());
    assert_eq!(
        a.live.banner(&a.book_name).as_deref(),
        Some("book.yaml: no such file — showing the version of 14:01:40 · r reloads")
    );
    assert_eq!(selected_deal_id(&a), "nimbus-cloud");
    a.replace_model(Arc::new(Model::new(book(BOOK))), Vec::new());
    assert_eq!(a.live.banner(&a.book_name), None, "the file is back");
}

#[test]
fn detail_follows_the_selection_when_its_deal_is_gone() {
    let mut a = on_cloud();
    a.replace_model(Arc::new(Model::new(book(&without_cloud()))), Vec::new());
    let d = a.selected_deal().expect("a deal");
    assert_eq!(
        a.nav.detail,
        Some(Record::Deal(d)),
        "Detail shows the deal now selected"
    );
    let message = a.message.clone().unwrap_or_default();
    assert!(
        !message.contains("more"),
        "the deal is named once: {message}"
    );
}

#[test]
fn a_reloaded_book_is_shown_before_its_search_index_is_built_and_search_follows() {
    let mut a = on_cloud();
    a.update(Action::StartSearch);
    for c in "cloud".chars() {
        a.update(Action::SearchInput(c));
    }
    let model = Arc::new(Model::without_index(book(BOOK)));
    a.replace_model(Arc::clone(&model), Vec::new());
    assert!(!a.search_ready(), "the new book is there before its index");
    assert_eq!(selected_deal_id(&a), "nimbus-cloud");
    model.build_index();
    a.update(Action::None);
    assert!(a.search_ready());
    let hits = &a.search().expect("the search line stays open").hits;
    assert!(
        !hits.is_empty(),
        "the query is searched again in the new book"
    );
}
