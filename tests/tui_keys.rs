//! The explorer's keys: every key maps to a named action in its mode, none is bound twice, and
//! the footer, the `?` help and docs/keys.md all come from the one keymap.

use dealbook::book::load_bundled;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::keymap::{self, Mode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let book = load_bundled().book.expect("bundled book");
    App::new(book, width, height)
}

fn frame(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    terminal
        .draw(|f| dealbook::tui::ui::draw(f, app))
        .expect("draw");
    terminal.backend().to_string()
}

mod keys {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_to_named_actions_by_mode() {
        let b = keymap::bindings();
        let a = |mode, code, mods| keymap::action_for(&b, mode, key(code, mods));
        let none = KeyModifiers::NONE;
        assert_eq!(a(Mode::Normal, KeyCode::Char('j'), none), Action::Down);
        assert_eq!(a(Mode::Normal, KeyCode::Down, none), Action::Down);
        assert_eq!(
            a(Mode::Normal, KeyCode::Char('G'), KeyModifiers::SHIFT),
            Action::Bottom
        );
        // Some terminals send the lower-case letter with Shift.
        assert_eq!(
            a(Mode::Normal, KeyCode::Char('g'), KeyModifiers::SHIFT),
            Action::Bottom
        );
        assert_eq!(
            a(Mode::Normal, KeyCode::Char('n'), KeyModifiers::SHIFT),
            Action::PrevHit
        );
        assert_eq!(
            a(Mode::Normal, KeyCode::Char('3'), none),
            Action::Focus(Pane::Flows)
        );
        assert_eq!(
            a(Mode::Normal, KeyCode::Tab, KeyModifiers::SHIFT),
            Action::PrevPane
        );
        assert_eq!(
            a(Mode::Normal, KeyCode::Char('d'), KeyModifiers::CONTROL),
            Action::HalfPageDown
        );
        // In the search line, letters are typed, even those that are keys elsewhere.
        assert_eq!(
            a(Mode::Search, KeyCode::Char('q'), none),
            Action::SearchInput('q')
        );
        assert_eq!(
            a(Mode::Search, KeyCode::Char('j'), none),
            Action::SearchInput('j')
        );
        // Ctrl-c quits from every mode.
        for mode in [Mode::Normal, Mode::Search, Mode::Help] {
            assert_eq!(
                a(mode, KeyCode::Char('c'), KeyModifiers::CONTROL),
                Action::Quit,
                "{mode:?}"
            );
        }
        // Key releases (Windows sends them) do nothing.
        let mut release = key(KeyCode::Char('q'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(keymap::action_for(&b, Mode::Normal, release), Action::None);
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let b = keymap::bindings();
        for (i, x) in b.iter().enumerate() {
            for y in &b[i + 1..] {
                if x.mode == y.mode {
                    for k in &x.keys {
                        assert!(
                            !y.keys.contains(k),
                            "{:?} bound to both {:?} and {:?}",
                            k,
                            x.action,
                            y.action
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn docs_keys_md_is_the_keymap() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md"))
            .expect("docs/keys.md");
        let generated = keymap::markdown(&keymap::bindings());
        assert_eq!(
            doc, generated,
            "docs/keys.md is out of date: regenerate it with `cargo run --example keys-doc > docs/keys.md`"
        );
    }

    #[test]
    fn the_footer_and_help_come_from_the_keymap() {
        let app = app(120, 40);
        let screen = frame(&app);
        for (keys, what) in keymap::footer(&app.keymap, Mode::Normal) {
            assert!(
                screen.contains(&format!("{keys} {what}")),
                "footer lacks '{keys} {what}'"
            );
        }
        let mut app = app;
        app.update(Action::ToggleHelp);
        let screen = frame(&app);
        for b in app
            .keymap
            .iter()
            .filter(|b| b.mode == Mode::Normal)
            .take(10)
        {
            assert!(
                screen.contains(b.description),
                "help lacks '{}'",
                b.description
            );
        }
    }
}
