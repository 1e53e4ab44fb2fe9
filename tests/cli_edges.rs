//! Rough edges of the command line and the explorer found in review (issue 10): a mistyped
//! command, flags after a term, plurals, keys on a screen too small to draw.

mod support;

use dealbook::book::load_bundled;
use dealbook::tui::action::Action;
use dealbook::tui::app::App;
use support::dealbook;

#[test]
fn a_mistyped_command_gets_did_you_mean() {
    let out = dealbook().arg("lsit").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'lsit' is neither a file nor a command (did you mean 'list'?)"),
        "{err}"
    );
    // A book's name is not taken for a mistyped command, however close: no did-you-mean.
    let out = dealbook().arg("list.yaml").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("neither a file nor a command"));
}

#[test]
fn flags_after_a_term_are_flags() {
    let out = dealbook()
        .args(["term", "up to 10% of AMD", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v["text"], "up to 10% of AMD");
    assert_eq!(v["human"], "≤ 10% of AMD");
}

#[test]
fn keys_do_nothing_unseen_on_a_screen_too_small() {
    let mut a = App::new(load_bundled().book.expect("bundled"), 60, 20);
    let before = a.nav.clone();
    for action in [
        Action::Down,
        Action::Open,
        Action::StartSearch,
        Action::Timeline,
    ] {
        a.update(action);
    }
    assert_eq!(a.nav, before);
    assert!(a.search().is_none());
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    a.update(Action::StartSearch);
    a.update(Action::Resize {
        width: 60,
        height: 20,
    });
    // The search line is open, but q quits here: the screen says "press q to quit".
    a.update(Action::SearchInput('q'));
    assert!(a.quit);
}

#[test]
fn one_source_is_one_source() {
    let book = dealbook::book::load_file(&support::fixture("money/book.yaml"))
        .expect("readable")
        .book
        .expect("loads");
    let a = App::new(book, 120, 40);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("t");
    t.draw(|f| dealbook::tui::ui::draw(f, &a)).expect("draw");
    let top: String = (0..120)
        .map(|x| t.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(top.contains("6 entities · 4 deals · 1 source "), "{top}");
}

#[test]
fn z_zooms_the_focused_pane_and_tab_moves_the_zoom() {
    use dealbook::tui::action::Pane;
    let mut a = App::new(load_bundled().book.expect("bundled"), 80, 24);
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::Zoom);
    let areas = a.areas();
    assert_eq!(areas.deals.width, 80);
    assert_eq!(
        (areas.entities.width, areas.flows.width, areas.detail.width),
        (0, 0, 0)
    );
    // A zoomed list pages by its new height.
    assert_eq!(a.pane_height(Pane::Deals), 20);
    a.update(Action::NextPane);
    assert_eq!(a.areas().flows.width, 80);
    a.update(Action::Zoom);
    assert!(a.areas().entities.width > 0 && a.areas().detail.width > 0);
}

#[test]
fn the_help_pages_and_jumps() {
    let mut a = App::new(load_bundled().book.expect("bundled"), 80, 24);
    a.update(Action::ToggleHelp);
    a.update(Action::Bottom);
    let last = a.help_offset().expect("open");
    assert!(last > 0);
    a.update(Action::Top);
    assert_eq!(a.help_offset(), Some(0));
    a.update(Action::PageDown);
    let page = a.help_offset().expect("open");
    assert!(page > 1 && page <= last);
    a.update(Action::HalfPageUp);
    assert!(a.help_offset().expect("open") < page);
}
