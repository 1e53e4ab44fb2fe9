//! The explorer around its book, without a terminal: the loading screen's frame (a snapshot
//! drawn from a fixed reading).

use dealbook::book::Reading;
use dealbook::tui::keymap;
use dealbook::tui::loading::{self, Screen};
use dealbook::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

fn loading_frame(width: u16, height: u16, reading: Reading) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = Theme::from_env();
    let keymap = keymap::bindings();
    terminal
        .draw(|f| {
            loading::draw(
                f,
                &Screen {
                    name: "big.yaml",
                    reading,
                    elapsed: Duration::from_millis(1_530),
                    theme: &theme,
                    keymap: &keymap,
                },
            )
        })
        .expect("draw");
    terminal.backend().to_string()
}

#[test]
fn loading_screen_80x24() {
    let reading = Reading {
        done: 7_340_032,
        total: 14_680_064,
        records: 10_250,
    };
    insta::assert_snapshot!(loading_frame(80, 24, reading));
}

#[test]
fn loading_screen_once_read_says_it_prepares_the_explorer() {
    let reading = Reading {
        done: 14_680_064,
        total: 14_680_064,
        records: 20_812,
    };
    let frame = loading_frame(80, 24, reading);
    assert!(frame.contains("Preparing the explorer"), "{frame}");
    assert!(frame.contains("14.7 MB of 14.7 MB"), "{frame}");
}

#[test]
fn loading_screen_fits_a_tiny_terminal() {
    // Nothing to assert but that it draws: no panic, no area outside the buffer.
    let frame = loading_frame(10, 3, Reading::default());
    assert!(frame.contains("dealb"), "{frame}");
}
