//! Helpers shared by the integration tests: the binary as a command, fixture paths, and how
//! long a test waits before it calls something a hang.
//!
//! Each test file includes this with `mod support;` and uses what it needs.
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;
use std::time::Duration;

/// `dealbook` as a command to run, with `NO_COLOR` removed so that a developer's setting does
/// not change what the tests see (output to a pipe is plain either way).
pub fn dealbook() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("dealbook");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A file under tests/fixtures, e.g. `fixture("invalid/dangling-party.yaml")`.
pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// How long a test waits for something (a screen, an exit, a load, a search) before failing:
/// `DEALBOOK_TEST_TIMEOUT` seconds, 60 by default. A hang guard, not a speed claim (speed is
/// measured in benches/); raise it on a slow or loaded machine.
pub fn timeout() -> Duration {
    let secs = std::env::var("DEALBOOK_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// The explorer's frame as text, one line per row: what the tests look for on screen and what
/// their snapshots hold.
pub fn frame(app: &dealbook::tui::app::App) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut t = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    t.draw(|f| dealbook::tui::ui::draw(f, app)).expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}
