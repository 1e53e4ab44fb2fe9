//! Notes on records (`a`): a one-line input (tui-input: cursor, Home/End, word moves), saved
//! with the review marks; the note shows in Detail with the mark, and Esc leaves it as it was.

mod support;

use support::frame;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dealbook::book::{Record, load_bundled};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::keymap::{self, Mode};
use support::pty::Session;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

/// Keys as the terminal sends them, through the keymap of the note line.
fn keys(app: &mut App, events: &[(KeyCode, KeyModifiers)]) {
    for &(code, m) in events {
        let action = keymap::action_for(&app.keymap, app.mode(), KeyEvent::new(code, m));
        app.update(action);
    }
}

fn typed(app: &mut App, text: &str) {
    let events: Vec<_> = text
        .chars()
        .map(|c| (KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    keys(app, &events);
}

fn note(app: &App, r: Record) -> Option<String> {
    app.marks
        .note(&app.model.book, &app.model.loops.cycles, r)
        .map(str::to_string)
}

#[test]
fn a_writes_a_note_with_a_real_input_line() {
    let mut a = app();
    a.update(Action::Focus(Pane::Deals));
    let d = a.selected_deal().expect("a deal");
    a.update(Action::EditNote);
    assert_eq!(a.mode(), Mode::Note);
    typed(&mut a, "check the date");
    // Home, a word forward, Ctrl-w on it: "check " is gone; End, then more text.
    keys(
        &mut a,
        &[
            (KeyCode::Home, KeyModifiers::NONE),
            (KeyCode::Right, KeyModifiers::CONTROL),
            (KeyCode::Char('w'), KeyModifiers::CONTROL),
            (KeyCode::End, KeyModifiers::NONE),
        ],
    );
    typed(&mut a, " again");
    assert!(
        frame(&a).contains("Note on OpenAI takes a stake"),
        "{}",
        frame(&a)
    );
    keys(&mut a, &[(KeyCode::Enter, KeyModifiers::NONE)]);
    assert_eq!(a.mode(), Mode::Normal);
    let saved = note(&a, Record::Deal(d)).expect("a note");
    assert!(saved.ends_with("the date again"), "{saved}");
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("note saved"))
    );
    // Detail shows it under the title.
    a.update(Action::Open);
    assert!(
        frame(&a).contains(&format!("note: {saved}")),
        "{}",
        frame(&a)
    );
    // `a` again edits it; Esc leaves it as it was; an empty note removes it.
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::EditNote);
    typed(&mut a, "xyz");
    keys(&mut a, &[(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(note(&a, Record::Deal(d)).as_deref(), Some(saved.as_str()));
    a.update(Action::EditNote);
    keys(
        &mut a,
        &[
            (KeyCode::Char('u'), KeyModifiers::CONTROL),
            (KeyCode::Enter, KeyModifiers::NONE),
        ],
    );
    assert_eq!(note(&a, Record::Deal(d)), None);
    assert!(a.marks.is_empty(), "a mark with nothing set is removed");
}

#[test]
fn a_note_is_written_to_the_sidecar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("deals.yaml");
    std::fs::write(&book, dealbook::book::BUNDLED).expect("write the book");
    let path = book.to_str().expect("utf-8").to_string();
    let mut s = Session::start(&[path.as_str()], 100, 30);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    s.send("a");
    s.wait_for(&["Note on OpenAI"]);
    s.send("to verify\r");
    s.wait_for(&["note saved: OpenAI"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let sidecar = std::fs::read_to_string(dir.path().join("deals.review.yaml")).expect("sidecar");
    assert!(sidecar.contains("note: to verify"), "{sidecar}");
}

#[test]
fn p_lists_the_warnings_of_the_book_loaded() {
    let loaded = dealbook::book::load_file(&support::fixture("valid/warnings.yaml")).expect("read");
    let warnings = loaded.diagnostics.clone();
    assert!(!warnings.is_empty());
    let mut a = App::new(loaded.book.expect("a book with warnings loads"), 100, 30);
    a.problems = warnings;
    a.book_name = "warnings.yaml".into();
    a.update(Action::ShowProblems);
    assert_eq!(a.mode(), Mode::ProblemList);
    let shown = frame(&a);
    assert!(
        shown.contains("Problems · warnings.yaml: 0 errors"),
        "{shown}"
    );
    assert!(
        shown.contains("warnings.yaml:") && shown.contains(": warning: "),
        "{shown}"
    );
    keys(&mut a, &[(KeyCode::Char('q'), KeyModifiers::NONE)]);
    assert_eq!(a.mode(), Mode::Normal);
    assert!(!a.quit, "q closes the list, it does not quit");
}
