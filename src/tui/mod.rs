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
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod loading;
pub mod model;
pub mod nav;
pub mod overlay;
pub mod problems;
pub mod sorting;
pub mod theme;
pub mod ui;
pub mod view;

use crate::book::{Diagnostic, ReadError};
use action::Action;
use app::App;
use crossterm::event::{self, Event, MouseEventKind};
use crossterm::{cursor, execute, terminal};
use loader::{Index, Job, Outcome, Source};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Puts the terminal back as it was: mouse off, main screen, cooked mode, cursor shown.
/// Safe to call more than once, and from the panic hook.
fn restore() {
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
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalGuard {
    fn enter() -> io::Result<Self> {
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
const STOP_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How often the loading screen is drawn again (the gauge and the time move).
const LOADING_TICK: Duration = Duration::from_millis(50);

/// Runs the explorer on the book of `source` until the user quits or a signal asks it to stop.
/// The terminal is entered at once and the book loads on a worker thread meanwhile.
/// The explorer on `source`, until it ends; `fresh`: do not go back to where the user was.
pub fn run(source: Source, fresh: bool) -> io::Result<Ending> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in STOP_SIGNALS {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let stopped = || match signal.load(Ordering::Relaxed) {
        0 => None,
        n => Some(Ending::Signal(n as i32)),
    };
    let job = Job::spawn(source.clone(), Index::After);
    let mut guard = TerminalGuard::enter()?;
    let keymap = keymap::bindings();
    let theme = theme::Theme::from_env();
    let name = source.name();
    let outcome = loop {
        if let Some(ending) = stopped() {
            return Ok(ending);
        }
        if let Some(outcome) = job.try_take() {
            break outcome;
        }
        // `draw` fits the frame to the terminal's size first, so a resize redraws whole.
        guard.terminal.draw(|f| {
            loading::draw(
                f,
                &loading::Screen {
                    name: &name,
                    reading: job.reading(),
                    elapsed: job.elapsed(),
                    theme: &theme,
                    keymap: &keymap,
                },
            )
        })?;
        // A small book is there in milliseconds: look often at first, so it is not held back.
        let tick = if job.elapsed() < LOADING_TICK * 4 {
            LOADING_TICK / 10
        } else {
            LOADING_TICK
        };
        while event::poll(tick)? {
            if let Event::Key(k) = event::read()?
                && keymap::action_for(&keymap, keymap::Mode::Loading, k) == Action::Quit
            {
                // The worker is left to itself: joining it could take seconds.
                return Ok(Ending::Quit);
            }
        }
    };
    let (model, warnings) = match outcome {
        Outcome::Ready { model, diagnostics } => (model, diagnostics),
        Outcome::Invalid { diagnostics } => {
            // The book opens on its problems; after q they are printed as `check` prints
            // them, and the exit status says the book has errors.
            if let Some(ending) =
                problems_screen(&mut guard, &name, &diagnostics, &keymap, &theme, &stopped)?
            {
                return Ok(ending);
            }
            drop(guard);
            return Ok(Ending::NotLoaded(NotLoaded::Invalid(diagnostics)));
        }
        Outcome::Unreadable(e) => {
            drop(guard);
            return Ok(Ending::NotLoaded(NotLoaded::Unreadable(e)));
        }
        Outcome::Failed(m) => {
            drop(guard);
            return Ok(Ending::NotLoaded(NotLoaded::Failed(m)));
        }
    };
    let (width, height) = guard
        .terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let mut app = App::with_model(model, width, height);
    app.defer_search = true;
    if !warnings.is_empty() {
        app.message = Some(format!(
            "{} warning{} · p lists them",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        ));
    }
    app.problems = warnings;
    app.book_name = name.clone();
    // Review marks beside the book (the bundled book's in the data folder): docs/review.md.
    app.marks = crate::review::Marks::open(match &source {
        Source::File(p) => Some(p.as_path()),
        Source::Bundled => None,
    });
    if let Some(why) = app.marks.problem() {
        app.message = Some(format!("review marks are read-only: {why}"));
    }
    app.count_marks();
    // Earlier searches, for ↑/↓ on the search line, and where the user was in this book;
    // this session's are saved at the end.
    let mut state = crate::state::State::load();
    app.search_history = state.history();
    let book_name = crate::state::book_name(match &source {
        Source::File(p) => Some(p.as_path()),
        Source::Bundled => None,
    });
    if !fresh {
        restore_place(
            &mut app,
            state.place(&book_name).and_then(|p| p.selected.clone()),
        );
    }
    let ending = explore(&mut guard, &mut app, &stopped);
    drop(guard);
    for q in &app.new_searches {
        state.push_search(q);
    }
    let here = app
        .marked_record()
        .and_then(|r| crate::review::key::key(&app.model.book, &app.model.loops.cycles, r));
    state.set_place(&book_name, here, crate::review::time::now());
    // Losing the history is a nuisance, never a reason to fail the exit.
    let _ = state.save();
    // The process ends now: freeing a big book would only delay the shell's prompt.
    std::mem::forget(app);
    ending
}

/// Goes back to the record the user was on (its review key), if the book still has it.
fn restore_place(app: &mut App, key: Option<String>) {
    let Some(key) = key else { return };
    let book = &app.model.book;
    // A record with an id of its own is found by it; only a part of one (a term, a flow, a
    // metric) or what flows add up to needs every record's key.
    let by_id = (key.split_once(':'))
        .filter(|(kind, id)| matches!(*kind, "entity" | "deal" | "source") && !id.contains('/'))
        .and_then(|(kind, id)| book.ids.get(id).copied().filter(|r| r.kind() == kind));
    let found = by_id.or_else(|| {
        crate::review::key::index(book, &app.model.loops.cycles)
            .get(&key)
            .copied()
    });
    match found {
        Some(record) => {
            app.show_record(record);
            app.message = Some(format!(
                "back where you were: {} (--fresh starts at the top)",
                app.model.title(record)
            ));
        }
        None => {
            app.message =
                Some("the record you were on when you left is no longer in the book".into());
        }
    }
}

/// The Problems screen of a book that did not load, until q; `Some` when a signal ended it.
fn problems_screen(
    guard: &mut TerminalGuard,
    name: &str,
    diagnostics: &[crate::book::Diagnostic],
    keymap: &[keymap::Binding],
    theme: &theme::Theme,
    stopped: &dyn Fn() -> Option<Ending>,
) -> io::Result<Option<Ending>> {
    let mut offset = 0usize;
    loop {
        if let Some(ending) = stopped() {
            return Ok(Some(ending));
        }
        let mut height = 1;
        guard.terminal.draw(|f| {
            let area = f.area();
            height = usize::from(area.height.saturating_sub(2)).max(1);
            let hints: Vec<String> = keymap::footer(keymap, keymap::Mode::Problems)
                .iter()
                .map(|(k, w)| format!("{k} {w}"))
                .collect();
            problems::draw(f, area, name, diagnostics, offset, theme, &hints.join("  "));
        })?;
        let last = problems::last_offset(diagnostics, height);
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        if let Event::Key(k) = event::read()? {
            match keymap::action_for(keymap, keymap::Mode::Problems, k) {
                Action::Quit => return Ok(None),
                Action::Down => offset = (offset + 1).min(last),
                Action::Up => offset = offset.saturating_sub(1),
                Action::Top => offset = 0,
                Action::Bottom => offset = last,
                Action::PageDown => offset = (offset + height).min(last),
                Action::PageUp => offset = offset.saturating_sub(height),
                _ => {}
            }
        }
    }
}

/// The explorer's event loop, once the book is loaded.
fn explore(
    guard: &mut TerminalGuard,
    app: &mut App,
    stopped: &dyn Fn() -> Option<Ending>,
) -> io::Result<Ending> {
    // Fault injection for the end-to-end test of the panic path (tests/pty.rs): the terminal
    // must be restored and the message readable after it.
    let panic_for_test = std::env::var_os("DEALBOOK_TEST_PANIC").is_some();
    while !app.quit {
        if let Some(ending) = stopped() {
            return Ok(ending);
        }
        // A resize can arrive between reading events and drawing: draw at the real size.
        if let Ok(size) = guard.terminal.size()
            && (size.width, size.height) != (app.width, app.height)
        {
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        guard.terminal.draw(|f| ui::draw(f, app))?;
        if panic_for_test {
            panic!("DEALBOOK_TEST_PANIC is set: panicking after the first frame");
        }
        // Wait for input, waking now and then to notice a signal (and, more often, the
        // search index the loader is still building).
        let wake = if app.search_ready() { 250 } else { 50 };
        if !event::poll(Duration::from_millis(wake))? {
            app.update(Action::None);
            continue;
        }
        // Apply every event already waiting before drawing or searching again, so a burst of
        // typing costs one search and one frame, and input never queues behind work.
        loop {
            let ev = event::read()?;
            let action = action_for_event(app, ev);
            app.update(action);
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        app.flush_search();
        // What y/Y copied goes to the terminal's clipboard (OSC 52: over ssh and tmux too).
        if let Some(text) = app.clipboard.take() {
            let _ = execute!(
                io::stdout(),
                crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
            );
        }
    }
    Ok(Ending::Quit)
}
