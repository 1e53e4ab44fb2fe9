//! Review marks from the explorer's keys: Space and `f` on the selected record, `]`/`[`
//! through the deals not reviewed, the glyph column and the title line's progress; and, in a
//! real terminal, a mark made in the explorer is in the sidecar file `dealbook review` reads.

mod support;

use support::frame;

use dealbook::book::{Record, load_bundled};
use dealbook::review::Marks;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use support::pty::Session;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 100, 30)
}

fn status(app: &App, r: Record) -> Option<dealbook::review::Status> {
    app.marks
        .status(&app.model.book, &app.model.loops.cycles, r)
}

#[test]
fn space_and_f_toggle_the_selected_deal_and_show_in_its_row_and_the_title() {
    let mut a = app();
    a.update(Action::Focus(Pane::Deals));
    let d = a.selected_deal().expect("a deal");
    a.update(Action::ToggleReviewed);
    assert!(status(&a, Record::Deal(d)).expect("marked").reviewed);
    let total = a.model.book.deals.len();
    assert_eq!(
        a.review_progress.as_deref(),
        Some(format!("reviewed 1/{total}").as_str())
    );
    let screen = frame(&a);
    assert!(screen.contains(&format!("reviewed 1/{total}")), "{screen}");
    let title = &a.model.book.deals[d].title;
    let row = screen
        .lines()
        .find(|l| l.contains(&title[..20]) && l.contains('✓'))
        .unwrap_or_else(|| panic!("no ✓ row for {title}:\n{screen}"));
    assert!(row.contains('✓'));
    a.update(Action::ToggleFlagged);
    let s = status(&a, Record::Deal(d)).expect("marked");
    assert!(s.reviewed && s.flagged);
    assert!(
        a.review_progress
            .as_deref()
            .is_some_and(|p| p.ends_with("· 1 flagged"))
    );
    // Again: unmarked; a mark with nothing set is gone.
    a.update(Action::ToggleReviewed);
    a.update(Action::ToggleFlagged);
    assert_eq!(status(&a, Record::Deal(d)), None);
    assert!(a.marks.is_empty());
    assert_eq!(a.review_progress, None);
}

#[test]
fn marks_go_on_what_the_focused_pane_selects() {
    let mut a = app();
    a.update(Action::Focus(Pane::Entities));
    a.update(Action::ToggleFlagged);
    assert!(
        status(&a, Record::Entity(0))
            .expect("entity marked")
            .flagged
    );
    // In Detail, the selected item: the first deal listed for the entity.
    a.update(Action::Focus(Pane::Detail));
    let item = a.marked_record().expect("an item");
    assert_ne!(item, Record::Entity(0));
    a.update(Action::ToggleReviewed);
    assert!(status(&a, item).expect("item marked").reviewed);
}

#[test]
fn brackets_go_through_the_deals_not_yet_reviewed() {
    let mut a = app();
    a.update(Action::ClearFilter);
    a.update(Action::Focus(Pane::Deals));
    let n = a.deal_rows().len();
    // Review every deal but the last two rows.
    for _ in 0..n - 2 {
        a.update(Action::ToggleReviewed);
        a.update(Action::Down);
    }
    let rows: Vec<usize> = (0..n).filter_map(|i| a.deal_rows().get(i)).collect();
    a.update(Action::Top);
    a.update(Action::NextUnreviewed);
    assert_eq!(a.selected_deal(), Some(rows[n - 2]));
    a.update(Action::NextUnreviewed);
    assert_eq!(a.selected_deal(), Some(rows[n - 1]));
    // Wraps around to the first unreviewed again.
    a.update(Action::NextUnreviewed);
    assert_eq!(a.selected_deal(), Some(rows[n - 2]));
    a.update(Action::PrevUnreviewed);
    assert_eq!(a.selected_deal(), Some(rows[n - 1]));
    // All reviewed: it says so and stays.
    a.update(Action::ToggleReviewed);
    a.update(Action::PrevUnreviewed);
    a.update(Action::ToggleReviewed);
    a.update(Action::NextUnreviewed);
    assert_eq!(a.message.as_deref(), Some("every deal listed is reviewed"));
}

#[test]
fn a_mark_made_in_the_explorer_is_in_the_sidecar_that_dealbook_review_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("deals.yaml");
    std::fs::write(&book, dealbook::book::BUNDLED).expect("write the book");
    let before = std::fs::read(&book).expect("read");
    let data = dir.path().join("data");
    let env = [("DEALBOOK_DATA_DIR", data.to_str().expect("utf-8"))];
    let mut s = Session::start_with(&[book.to_str().expect("utf-8")], 100, 30, &env);
    s.wait_for(&["Entities", "Deals"]);
    // Deals, first row: reviewed.
    s.send("2 ");
    s.wait_for(&["reviewed 1/"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let sidecar = dir.path().join("deals.review.yaml");
    let text = std::fs::read_to_string(&sidecar).expect("the sidecar is written");
    assert!(text.contains("reviewed: true"), "{text}");
    assert_eq!(
        std::fs::read(&book).expect("read"),
        before,
        "the book is never written"
    );
    let marks = Marks::open(Some(&book));
    assert_eq!(marks.len(), 1);
}
