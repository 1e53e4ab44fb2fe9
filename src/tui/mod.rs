//! The terminal explorer: the event loop and the terminal's care (raw mode, alternate screen,
//! mouse) — entered once, and left cleanly on quit, on error, on panic and on SIGTERM, SIGHUP,
//! SIGINT and SIGQUIT.
//!
//! The terminal is entered first: the book loads on the [`loader`] worker while the UI thread
//! draws the [`loading`] screen, then the explorer takes over.
//!
//! What the explorer shows is the read-only [`model`]; where the user is, [`nav`]; what is open
//! over the screen, [`overlay`]. [`app`] holds them and changes them in its one `update`; keys
//! become actions in [`keymap`]; drawing is [`ui`], reading a [`view`]. docs/architecture.md has
//! the module map.

pub mod action;
pub mod app;
pub mod detail;
pub mod editor;
pub mod keymap;
pub mod layout;
pub mod live;
pub mod loader;
pub mod loading;
pub mod model;
pub mod nav;
pub mod overlay;
pub mod pair;
pub mod problems;
pub mod session;
pub mod sorting;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod view;

pub use session::{Options, run};

use crate::book::{Diagnostic, ReadError};
use action::Action;
use app::App;
use crossterm::event::{self, Event, MouseEventKind};

/// Turns a terminal event into an action: keys through the keymap (which drops key releases
/// and folds Shift), the mouse into clicks and scrolls, a resize into its new size.
pub fn action_for_event(app: &App, ev: Event) -> Action {
    match ev {
        Event::Key(k) => keymap::action_for(&app.keymap, app.mode(), k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(event::MouseButton::Left) => Action::Click {
                column: m.column,
                row: m.row,
            },
            MouseEventKind::ScrollDown => Action::Scroll {
                column: m.column,
                row: m.row,
                lines: 3,
            },
            MouseEventKind::ScrollUp => Action::Scroll {
                column: m.column,
                row: m.row,
                lines: -3,
            },
            _ => Action::None,
        },
        Event::Resize(width, height) => Action::Resize { width, height },
        _ => Action::None,
    }
}

/// How the explorer ended.
#[derive(Debug)]
pub enum Ending {
    /// The user quit (q, Ctrl-c).
    Quit,
    /// A terminating signal, by number: the terminal was restored, and the process should end
    /// as a signal death does, with status 128 + N.
    Signal(i32),
    /// The book never loaded; the terminal was restored, and the caller says why.
    NotLoaded(NotLoaded),
}

/// Why the book did not open.
#[derive(Debug)]
pub enum NotLoaded {
    /// The file could not be read.
    Unreadable(ReadError),
    /// The book has errors: every diagnostic.
    Invalid(Vec<Diagnostic>),
    /// The loader failed (a bug).
    Failed(String),
}

impl Ending {
    /// The process exit status: 0 for a quit, 128 + N for signal N (130 for SIGINT); 1 for a
    /// book with errors, 2 for one that could not be read.
    pub fn exit_status(&self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => u8::try_from(128 + n).unwrap_or(255),
            Ending::NotLoaded(NotLoaded::Invalid(_)) => 1,
            Ending::NotLoaded(_) => 2,
        }
    }
}

/// The signals that end the explorer: each stops the loop like q does, so the terminal is
/// restored, instead of killing the process with the terminal raw, on the alternate screen and
/// reporting the mouse. (Ctrl-c in raw mode is a key, not SIGINT; these come from `kill` or a
/// closed terminal.)
pub(crate) const STOP_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];
