//! The terminal's care: raw mode, the alternate screen and mouse reporting, entered once and
//! left cleanly on quit, on error, on panic and on every terminating signal — and handed over
//! for a while to the user's editor (`e`), then taken back.

use super::loader;
use crossterm::{cursor, event, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};

/// Puts the terminal back as it was: mouse off, main screen, cooked mode, cursor shown.
/// Safe to call more than once, and from the panic hook.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Owns the terminal while the explorer runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        // Restore before the panic message is printed, so it is readable on the main screen
        // (the default hook prints it; ours runs first).
        // Only a panic on this (the UI) thread ends the explorer; one on a helper thread (the
        // search's second thread) is caught by its join and must not tear the screen down.
        let ui_thread = std::thread::current().id();
        let previous = std::panic::take_hook();
        // A panic of the loader worker is caught there and reported after the terminal is
        // restored; printed now, it would land in the middle of the screen.
        std::panic::set_hook(Box::new(move |info| {
            let current = std::thread::current();
            if current.id() == ui_thread {
                restore();
            } else if current.name() == Some(loader::THREAD_NAME) {
                return;
            }
            previous(info);
        }));
        terminal::enable_raw_mode()?;
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            terminal::EnterAlternateScreen,
            event::EnableMouseCapture,
            cursor::Hide
        ) {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        // While panicking, the hook has restored already (and printed the message after).
        if !std::thread::panicking() {
            restore();
        }
    }
}

impl TerminalGuard {
    /// Runs `f` (the editor) on the main screen in cooked mode, then takes the terminal back
    /// and clears it; a new `Terminal` (its buffers empty) draws the next frame whole.
    /// (`Terminal::clear` would ask the terminal where its cursor is, and a terminal that
    /// does not answer would end the explorer.)
    pub fn suspend<T>(&mut self, f: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let out = f();
        terminal::enable_raw_mode()?;
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            event::EnableMouseCapture,
            cursor::Hide,
            terminal::Clear(terminal::ClearType::All)
        )?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(out)
    }
}
