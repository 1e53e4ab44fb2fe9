//! One run of the explorer, from the loading screen to the end: the first load, the Problems
//! screen of a book that does not load (until it does), the explorer's event loop, and what
//! it does for the app between frames — reloads when the file changes or `r` asks, the editor
//! at a line for `e`, the clipboard for `y`.

use super::action::Action;
use super::app::App;
use super::editor;
use super::live::{Live, Reloader};
use super::loader::{Index, Job, Outcome, Source};
use super::terminal::TerminalGuard;
use super::{Ending, NotLoaded, STOP_SIGNALS, action_for_event, keymap, loading, problems, theme};
use crate::book::Diagnostic;
use crate::book::diag::Pos;
use crossterm::event::{self, Event};
use crossterm::execute;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How often the loading screen is drawn again (the gauge and the time move).
const LOADING_TICK: Duration = Duration::from_millis(50);

/// The signals a terminal sends its foreground process group on keys (Ctrl-c, Ctrl-\): while
/// the editor runs they are the editor's, not a request to quit the explorer.
const KEY_SIGNALS: [i32; 2] = [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT];

/// What the explorer was started with.
pub struct Options {
    /// Do not go back to where the user was in this book.
    pub fresh: bool,
    /// Watch the book's file and reload when it changes.
    pub watch: bool,
}

/// Runs the explorer on the book of `source` until the user quits or a signal asks it to stop.
/// The terminal is entered at once and the book loads on a worker thread meanwhile.
pub fn run(source: Source, options: Options) -> io::Result<Ending> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in STOP_SIGNALS {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    // Watching starts before the first load, so a save during it is not missed.
    let (mut reloader, watch_problem) = Reloader::new(&source, options.watch);
    let job = Job::spawn(source.clone(), Index::After);
    let mut guard = TerminalGuard::enter()?;
    let keymap = keymap::bindings();
    let theme = theme::Theme::from_env();
    let name = source.name();
    let outcome = loop {
        if let Some(ending) = stopped(&signal) {
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
    let mut outcome = outcome;
    let (model, warnings) = loop {
        match outcome {
            Outcome::Ready {
                model, diagnostics, ..
            } => break (model, diagnostics),
            Outcome::Invalid { diagnostics } => {
                // The book opens on its problems, until it loads (an edit, a save) or the
                // user quits; after q they are printed as `check` prints them.
                let screen = ProblemsScreen {
                    name: &name,
                    path: source.path().map(PathBuf::from),
                    keymap: &keymap,
                    theme: &theme,
                };
                match screen.run(&mut guard, diagnostics, &mut reloader, &signal)? {
                    Next::Ended(ending) => return Ok(ending),
                    Next::Quit(diagnostics) => {
                        drop(guard);
                        return Ok(Ending::NotLoaded(NotLoaded::Invalid(diagnostics)));
                    }
                    Next::Loaded(next) => outcome = next,
                }
            }
            Outcome::Unreadable(e) => {
                drop(guard);
                return Ok(Ending::NotLoaded(NotLoaded::Unreadable(e)));
            }
            Outcome::Failed(m) => {
                drop(guard);
                return Ok(Ending::NotLoaded(NotLoaded::Failed(m)));
            }
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
    app.live = Live {
        path: source.path().map(PathBuf::from),
        loaded_at: crate::review::time::clock(),
        ..Live::default()
    };
    if let Some(why) = watch_problem {
        app.message = Some(format!("not watching the book: {why} (r reloads)"));
    }
    // Review marks beside the book (the bundled book's in the data folder): docs/review.md.
    app.marks = crate::review::Marks::open(source.path());
    if let Some(why) = app.marks.problem() {
        app.message = Some(format!("review marks are read-only: {why}"));
    }
    app.count_marks();
    // Earlier searches, for ↑/↓ on the search line, and where the user was in this book;
    // this session's are saved at the end.
    let mut state = crate::state::State::load();
    app.search_history = state.history();
    let book_name = crate::state::book_name(source.path());
    if !options.fresh
        && let Some(place) = state.place(&book_name).cloned()
    {
        app.restore_place(&place);
    }
    let ending = explore(&mut guard, &mut app, &mut reloader, &signal);
    drop(guard);
    for q in &app.new_searches {
        state.push_search(q);
    }
    state.set_place(&book_name, app.place(crate::review::time::now()));
    // Losing the history is a nuisance, never a reason to fail the exit.
    let _ = state.save();
    // The process ends now: freeing a big book would only delay the shell's prompt.
    std::mem::forget(app);
    ending
}

/// A signal that ends the explorer, if one came.
fn stopped(signal: &AtomicUsize) -> Option<Ending> {
    match signal.load(Ordering::Relaxed) {
        0 => None,
        n => Some(Ending::Signal(n as i32)),
    }
}

/// Runs the editor at `at` in `path` with the terminal handed over; what went wrong, if
/// anything. Ctrl-c and Ctrl-\ typed in the editor are the editor's: they do not end the
/// explorer after it.
fn run_editor(
    guard: &mut TerminalGuard,
    signal: &AtomicUsize,
    path: &std::path::Path,
    at: Pos,
) -> io::Result<Result<(), String>> {
    let command = editor::command(&editor::from_env(), path, at.line as usize, at.col as usize);
    let before = signal.load(Ordering::Relaxed);
    let result = guard.suspend(|| editor::run(&command))?;
    let now = signal.load(Ordering::Relaxed);
    if now != before && KEY_SIGNALS.contains(&(now as i32)) {
        signal.store(before, Ordering::Relaxed);
    }
    Ok(result)
}

/// How the Problems screen of a book that did not load ended.
enum Next {
    /// A signal.
    Ended(Ending),
    /// The user quit: the latest diagnostics, to print.
    Quit(Vec<Diagnostic>),
    /// The book was read again (it changed, or the editor closed) and loaded.
    Loaded(Outcome),
}

/// The Problems screen of a book that never loaded: the whole screen, until q, a signal, or
/// a reload (after `e`, `r`, or a save) that loads.
struct ProblemsScreen<'a> {
    name: &'a str,
    path: Option<PathBuf>,
    keymap: &'a [keymap::Binding],
    theme: &'a theme::Theme,
}

impl ProblemsScreen<'_> {
    fn run(
        &self,
        guard: &mut TerminalGuard,
        mut diagnostics: Vec<Diagnostic>,
        reloader: &mut Reloader,
        signal: &AtomicUsize,
    ) -> io::Result<Next> {
        let mut pos = super::nav::ListPos::default();
        let mut note: Option<String> = None;
        let mut wanted = false;
        loop {
            if let Some(ending) = stopped(signal) {
                return Ok(Next::Ended(ending));
            }
            match reloader.poll(std::mem::take(&mut wanted), None) {
                Some(Outcome::Invalid { diagnostics: d }) => {
                    diagnostics = d;
                    pos = super::nav::ListPos::default();
                    note = Some(format!("read again at {}", crate::review::time::clock()));
                }
                Some(Outcome::Unreadable(e)) => note = Some(format!("not read again: {e}")),
                Some(Outcome::Failed(m)) => note = Some(m),
                Some(ready @ Outcome::Ready { .. }) => return Ok(Next::Loaded(ready)),
                None => {}
            }
            let mut height = 1;
            guard.terminal.draw(|f| {
                let area = f.area();
                height = problems::list_rows(usize::from(area.height.saturating_sub(2)));
                let mut hints: Vec<String> = keymap::footer(self.keymap, keymap::Mode::Problems)
                    .iter()
                    .map(|(k, w)| format!("{k} {w}"))
                    .collect();
                if let Some(n) = &note {
                    hints.insert(0, n.clone());
                }
                problems::draw(
                    f,
                    area,
                    &problems::Listing {
                        name: self.name,
                        diagnostics: &diagnostics,
                        orphans: &[],
                    },
                    pos,
                    self.theme,
                    &hints.join("  "),
                );
            })?;
            let len = diagnostics.len();
            let wait = if reloader.busy() { 50 } else { 100 };
            if !event::poll(Duration::from_millis(wait))? {
                continue;
            }
            let Event::Key(k) = event::read()? else {
                continue;
            };
            let action = keymap::action_for(self.keymap, keymap::Mode::Problems, k);
            if pos.move_by(&action, len, height) {
                continue;
            }
            match action {
                Action::Quit => return Ok(Next::Quit(diagnostics)),
                Action::Reload => wanted = true,
                Action::Edit => {
                    let Some(path) = &self.path else {
                        note = Some(super::app::BUNDLED_READ_ONLY.into());
                        continue;
                    };
                    let at = (problems::ordered(&diagnostics).get(pos.selected))
                        .map_or(Pos::new(1, 1), |d| Pos::new(d.line, d.column));
                    note = run_editor(guard, signal, path, at)?.err();
                    wanted = true;
                }
                _ => {}
            }
        }
    }
}

/// The explorer's event loop, once the book is loaded.
fn explore(
    guard: &mut TerminalGuard,
    app: &mut App,
    reloader: &mut Reloader,
    signal: &AtomicUsize,
) -> io::Result<Ending> {
    // Fault injection for the end-to-end test of the panic path (tests/pty.rs): the terminal
    // must be restored and the message readable after it.
    let panic_for_test = std::env::var_os("DEALBOOK_TEST_PANIC").is_some();
    while !app.quit {
        if let Some(ending) = stopped(signal) {
            return Ok(ending);
        }
        between_frames(guard, app, reloader, signal)?;
        // A resize can arrive between reading events and drawing: draw at the real size.
        if let Ok(size) = guard.terminal.size()
            && (size.width, size.height) != (app.width, app.height)
        {
            app.update(Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        guard.terminal.draw(|f| super::ui::draw(f, app))?;
        if panic_for_test {
            panic!("DEALBOOK_TEST_PANIC is set: panicking after the first frame");
        }
        // Wait for input, waking now and then to notice a signal, a change of the file (and,
        // more often, the search index the loader is still building, or a reload).
        let wake = if !app.search_ready() || reloader.busy() {
            50
        } else if reloader.watching() {
            100
        } else {
            250
        };
        if !event::poll(Duration::from_millis(wake))? {
            app.update(Action::None);
            continue;
        }
        // Apply every event already waiting before drawing or searching again, so a burst of
        // typing costs one search and one frame, and input never queues behind work.
        loop {
            let ev = event::read()?;
            let action = action_for_event(app, ev);
            if !matches!(action, Action::None | Action::Resize { .. }) {
                app.live.notice = None;
            }
            app.update(action);
            if app.quit || app.live.edit.is_some() || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        app.flush_search();
    }
    Ok(Ending::Quit)
}

/// What the event loop does for the app between frames: the clipboard (OSC 52: over ssh and
/// tmux too), the editor, a reload started or finished.
fn between_frames(
    guard: &mut TerminalGuard,
    app: &mut App,
    reloader: &mut Reloader,
    signal: &AtomicUsize,
) -> io::Result<()> {
    if let Some(text) = app.clipboard.take() {
        let _ = execute!(
            io::stdout(),
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        );
    }
    if let Some((path, at)) = app.live.edit.take() {
        match run_editor(guard, signal, &path, at)? {
            // Whether or not the file was saved: reading it again costs little, and a watch
            // may be off (--no-watch).
            Ok(()) => app.live.reload_wanted = true,
            Err(why) => app.message = Some(why),
        }
    }
    let shown = Arc::clone(&app.model);
    match reloader.poll(std::mem::take(&mut app.live.reload_wanted), Some(shown)) {
        Some(Outcome::Ready {
            model,
            diagnostics,
            changes,
        }) => app.replace_model_with(model, diagnostics, changes),
        Some(Outcome::Invalid { diagnostics }) => app.reload_failed(diagnostics),
        Some(Outcome::Unreadable(e)) => app.reload_unreadable(e.to_string()),
        Some(Outcome::Failed(m)) => app.reload_unreadable(m),
        None => {}
    }
    Ok(())
}
