//! The keymap: (mode, key) → action, each with its description. The footer, the help overlay
//! and docs/keys.md are all generated from this one table, so they cannot drift.

use super::action::{Action, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Which keys apply: the main screen, the search line, the help overlay, or the loading
/// screen (before the book is there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Help,
    /// A picture over the body: the timeline, a money map, a metric chart.
    Picture,
    /// The one-line note being written (`a`).
    Note,
    /// The Problems screen of a book with errors (it never loaded).
    Problems,
    /// The Problems list over the explorer (`p`).
    ProblemList,
    Loading,
}

/// A key as the keymap names it: a code and whether Ctrl is held (Shift is part of the
/// character, and Alt is not used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    k(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One binding: the keys that trigger an action in a mode, how the help names them, and
/// whether the footer shows it.
pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    /// How the help and the footer write the keys, e.g. "j/↓".
    pub label: &'static str,
    pub action: Action,
    pub description: &'static str,
    pub footer: bool,
}

macro_rules! bind {
    ($mode:ident, [$($key:expr),+], $label:literal, $action:expr, $desc:literal, $footer:literal) => {
        Binding { mode: Mode::$mode, keys: vec![$($key),+], label: $label, action: $action, description: $desc, footer: $footer }
    };
}

/// The keymap. Order matters for display: the footer and help list bindings in this order.
/// One line a binding, as a table (rustfmt would spread each over seven lines).
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind!(Normal, [ch('j'), k(Down)], "j/↓", Action::Down, "move down", false),
        bind!(Normal, [ch('k'), k(Up)], "k/↑", Action::Up, "move up", false),
        bind!(Normal, [ch('g'), k(Home)], "g/Home", Action::Top, "go to the first row", false),
        bind!(Normal, [ch('G'), k(End)], "G/End", Action::Bottom, "go to the last row", false),
        bind!(Normal, [k(PageDown)], "PgDn", Action::PageDown, "page down", false),
        bind!(Normal, [k(PageUp)], "PgUp", Action::PageUp, "page up", false),
        bind!(Normal, [ctrl('d')], "Ctrl-d", Action::HalfPageDown, "half a page down", false),
        bind!(Normal, [ctrl('u')], "Ctrl-u", Action::HalfPageUp, "half a page up", false),
        bind!(Normal, [k(Tab)], "Tab", Action::NextPane, "next pane", true),
        bind!(Normal, [k(BackTab)], "Shift-Tab", Action::PrevPane, "previous pane", false),
        bind!(Normal, [ch('1')], "1", Action::Focus(Pane::Entities), "focus Entities", false),
        bind!(Normal, [ch('2')], "2", Action::Focus(Pane::Deals), "focus Deals", false),
        bind!(Normal, [ch('3')], "3", Action::Focus(Pane::Flows), "focus Flows", false),
        bind!(Normal, [ch('4')], "4", Action::Focus(Pane::Detail), "focus Detail", false),
        bind!(Normal, [k(Enter), ch('l'), k(Right)], "Enter/l/→", Action::Open, "open: go deeper", true),
        bind!(Normal, [k(Esc), ch('h'), k(Left), k(Backspace)], "Esc/h/←/Backspace", Action::Back, "back", true),
        bind!(Normal, [ch('/')], "/", Action::StartSearch, "search", true),
        bind!(Normal, [ch('n')], "n", Action::NextHit, "next search hit", false),
        bind!(Normal, [ch('N')], "N", Action::PrevHit, "previous search hit", false),
        bind!(Normal, [ch('x')], "x", Action::ClearFilter, "show all (clear the entity filter on Deals and Flows)", true),
        bind!(Normal, [ch('c')], "c", Action::ToggleCycles, "loops ⇄ flows (circular financing or aggregated flows)", true),
        bind!(Normal, [ch('v')], "v", Action::CycleMoney, "money shown: committed → + in talks → all deals", true),
        bind!(Normal, [ch('t')], "t", Action::Timeline, "timeline: the deals on a date axis (of the entity filter, or all)", true),
        bind!(Normal, [ch('M')], "M", Action::MoneyMap, "money map of the selected entity: who pays it, whom it pays", false),
        bind!(Normal, [ch('m')], "m", Action::MetricChart, "chart of the selected entity's metrics over time", false),
        bind!(Normal, [ch(' ')], "Space", Action::ToggleReviewed, "mark reviewed (again: unmark)", false),
        bind!(Normal, [ch('f')], "f", Action::ToggleFlagged, "flag (again: unflag)", false),
        bind!(Normal, [ch('z')], "z", Action::Zoom, "zoom: the focused pane to the whole screen, and back", false),
        bind!(Normal, [ch('s')], "s", Action::SortNext, "sort the focused list by its next key or direction (Deals, Flows)", false),
        bind!(Normal, [ch('S')], "S", Action::SortPrev, "sort by the previous key or direction", false),
        bind!(Normal, [ch('y')], "y", Action::CopyLine, "copy the selected figure or record, one line with its source (OSC 52)", false),
        bind!(Normal, [ch('Y')], "Y", Action::CopyPage, "copy the page in Detail as Markdown (OSC 52)", false),
        bind!(Normal, [ch('p')], "p", Action::ShowProblems, "problems: the book's warnings, as dealbook check words them", false),
        bind!(Normal, [ch('e')], "e", Action::Edit, "edit: $VISUAL or $EDITOR at the selected record's line, then reload", false),
        bind!(Normal, [ch('r')], "r", Action::Reload, "reload the book from its file (it is also watched: --no-watch)", false),
        bind!(Normal, [ch('a')], "a", Action::EditNote, "add or edit a one-line note on the selected record", false),
        bind!(Normal, [ch(']')], "]", Action::NextUnreviewed, "next deal not reviewed", false),
        bind!(Normal, [ch('[')], "[", Action::PrevUnreviewed, "previous deal not reviewed", false),
        bind!(Normal, [ch('?')], "?", Action::ToggleHelp, "help", true),
        bind!(Normal, [ch('q')], "q", Action::Quit, "quit", true),
        bind!(Normal, [ctrl('c')], "Ctrl-c", Action::Quit, "quit, from anywhere", false),
        bind!(Search, [k(Enter)], "Enter", Action::SearchOpen, "open the hit in context", true),
        bind!(Search, [k(Esc)], "Esc", Action::SearchCancel, "close, back to where you were", true),
        bind!(Search, [ctrl('n'), ctrl('j'), k(Tab)], "Ctrl-n/Ctrl-j/Tab", Action::SearchDown, "next hit", true),
        bind!(Search, [ctrl('p'), ctrl('k'), k(BackTab)], "Ctrl-p/Ctrl-k/Shift-Tab", Action::SearchUp, "previous hit", false),
        bind!(Search, [k(Up)], "↑", Action::SearchHistoryPrev, "an earlier search (kept across runs)", true),
        bind!(Search, [k(Down)], "↓", Action::SearchHistoryNext, "a later search; past the last, what you typed", false),
        bind!(Search, [k(Backspace)], "Backspace", Action::SearchBackspace, "delete a character", false),
        bind!(Search, [ctrl('u')], "Ctrl-u", Action::SearchClearLine, "clear the query", false),
        bind!(Search, [ctrl('c')], "Ctrl-c", Action::Quit, "quit", false),
        bind!(Help, [k(Esc), ch('?'), ch('q')], "Esc/?/q", Action::ToggleHelp, "close the help", true),
        bind!(Help, [ch('j'), k(Down)], "j/↓", Action::Down, "scroll down", true),
        bind!(Help, [ch('k'), k(Up)], "k/↑", Action::Up, "scroll up", true),
        bind!(Help, [ch('g'), k(Home)], "g/Home", Action::Top, "to the top", false),
        bind!(Help, [ch('G'), k(End)], "G/End", Action::Bottom, "to the end", false),
        bind!(Help, [k(PageDown)], "PgDn", Action::PageDown, "page down", false),
        bind!(Help, [k(PageUp)], "PgUp", Action::PageUp, "page up", false),
        bind!(Help, [ctrl('d')], "Ctrl-d", Action::HalfPageDown, "half a page down", false),
        bind!(Help, [ctrl('u')], "Ctrl-u", Action::HalfPageUp, "half a page up", false),
        bind!(Help, [ctrl('c')], "Ctrl-c", Action::Quit, "quit", false),
        bind!(Picture, [ch('j'), k(Down)], "j/↓", Action::Down, "next row or neighbour", false),
        bind!(Picture, [ch('k'), k(Up)], "k/↑", Action::Up, "previous row or neighbour", false),
        bind!(Picture, [ch('g'), k(Home)], "g/Home", Action::Top, "first row", false),
        bind!(Picture, [ch('G'), k(End)], "G/End", Action::Bottom, "last row", false),
        bind!(Picture, [k(PageDown)], "PgDn", Action::PageDown, "page down", false),
        bind!(Picture, [k(PageUp)], "PgUp", Action::PageUp, "page up", false),
        bind!(Picture, [k(Enter), ch('l'), k(Right)], "Enter/l/→", Action::Open, "open (a timeline row) or re-centre (on a map neighbour)", true),
        bind!(Picture, [k(Esc), ch('h'), k(Left), k(Backspace)], "Esc/h/←/Backspace", Action::Back, "back: the map's earlier centre, else close", true),
        bind!(Picture, [ch('t')], "t", Action::Timeline, "timeline ⇄ main screen", false),
        bind!(Picture, [ch('M')], "M", Action::MoneyMap, "close the money map", false),
        bind!(Picture, [ch('v')], "v", Action::CycleMoney, "money shown: committed → + in talks → all deals", true),
        bind!(Picture, [ch('q')], "q", Action::Quit, "quit", true),
        bind!(Picture, [ctrl('c')], "Ctrl-c", Action::Quit, "quit", false),
        bind!(Note, [k(Enter)], "Enter", Action::NoteSave, "save the note (an empty one removes it)", true),
        bind!(Note, [k(Esc)], "Esc", Action::NoteCancel, "cancel", true),
        bind!(Note, [ctrl('c')], "Ctrl-c", Action::Quit, "quit", false),
        bind!(Problems, [ch('j'), k(Down)], "j/↓", Action::Down, "next problem", true),
        bind!(Problems, [ch('k'), k(Up)], "k/↑", Action::Up, "previous problem", true),
        bind!(Problems, [ch('g'), k(Home)], "g/Home", Action::Top, "to the first problem", false),
        bind!(Problems, [ch('G'), k(End)], "G/End", Action::Bottom, "to the last problem", false),
        bind!(Problems, [k(PageDown)], "PgDn", Action::PageDown, "page down", false),
        bind!(Problems, [k(PageUp)], "PgUp", Action::PageUp, "page up", false),
        bind!(Problems, [ch('e'), k(Enter)], "e/Enter", Action::Edit, "edit at the selected problem's line", true),
        bind!(Problems, [ch('r')], "r", Action::Reload, "read the book again", false),
        bind!(Problems, [ch('q'), k(Esc), ctrl('c')], "q/Esc/Ctrl-c", Action::Quit, "quit (the problems are printed again after)", true),
        bind!(ProblemList, [ch('j'), k(Down)], "j/↓", Action::Down, "next problem", true),
        bind!(ProblemList, [ch('k'), k(Up)], "k/↑", Action::Up, "previous problem", true),
        bind!(ProblemList, [ch('g'), k(Home)], "g/Home", Action::Top, "to the first problem", false),
        bind!(ProblemList, [ch('G'), k(End)], "G/End", Action::Bottom, "to the last problem", false),
        bind!(ProblemList, [k(PageDown)], "PgDn", Action::PageDown, "page down", false),
        bind!(ProblemList, [k(PageUp)], "PgUp", Action::PageUp, "page up", false),
        bind!(ProblemList, [ch('e'), k(Enter)], "e/Enter", Action::Edit, "edit at the selected problem's line", true),
        bind!(ProblemList, [ch('r')], "r", Action::Reload, "read the book again", false),
        bind!(ProblemList, [ch('q'), k(Esc), ch('p')], "q/Esc/p", Action::ShowProblems, "close the list", true),
        bind!(ProblemList, [ctrl('c')], "Ctrl-c", Action::Quit, "quit", false),
        bind!(Loading, [ch('q'), k(Esc), ctrl('c')], "q/Esc/Ctrl-c", Action::Quit, "quit (the load is abandoned)", true),
    ]
}

/// The action for a key event in a mode. Key releases are dropped (Windows sends them), and
/// Shift is folded into the character, so 'G' is 'G' whatever the terminal reports.
pub fn action_for(bindings: &[Binding], mode: Mode, event: KeyEvent) -> Action {
    if event.kind == KeyEventKind::Release {
        return Action::None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    let code = match event.code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        // Some terminals report 'g' with Shift rather than 'G'.
        KeyCode::Char(c) if shift && c.is_ascii_lowercase() => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        // Some terminals send Shift-Tab as Tab with Shift.
        KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        c => c,
    };
    let key = Key { code, ctrl };
    if let Some(b) = bindings
        .iter()
        .find(|b| b.mode == mode && b.keys.contains(&key))
    {
        return b.action.clone();
    }
    // In the search line, any other printable character is typed.
    match (mode, code) {
        (Mode::Search, KeyCode::Char(c)) if !ctrl && !c.is_control() => Action::SearchInput(c),
        (Mode::Note, code) => note_edit(code, ctrl).map_or(Action::None, Action::NoteEdit),
        _ => Action::None,
    }
}

/// An editing key of the note line, as tui-input's request: characters, Backspace/Delete,
/// ←/→ (with Ctrl: by word), Home/End (Ctrl-a/Ctrl-e), Ctrl-w a word back, Ctrl-u to the start,
/// Ctrl-k to the end.
fn note_edit(code: KeyCode, ctrl: bool) -> Option<tui_input::InputRequest> {
    use tui_input::InputRequest as R;
    Some(match (code, ctrl) {
        (KeyCode::Char('a'), true) | (KeyCode::Home, _) => R::GoToStart,
        (KeyCode::Char('e'), true) | (KeyCode::End, _) => R::GoToEnd,
        (KeyCode::Char('w'), true) => R::DeletePrevWord,
        (KeyCode::Char('u'), true) => R::DeleteFromStart,
        (KeyCode::Char('k'), true) => R::DeleteTillEnd,
        (KeyCode::Char(c), false) if !c.is_control() => R::InsertChar(c),
        (KeyCode::Backspace, _) => R::DeletePrevChar,
        (KeyCode::Delete, _) => R::DeleteNextChar,
        (KeyCode::Left, true) => R::GoToPrevWord,
        (KeyCode::Right, true) => R::GoToNextWord,
        (KeyCode::Left, false) => R::GoToPrevChar,
        (KeyCode::Right, false) => R::GoToNextChar,
        _ => return None,
    })
}

/// The footer's hints for a mode: the first key of each binding marked for the footer and the
/// first words of its description ("Tab next pane", "Enter open", …); `?` lists the rest.
pub fn footer(bindings: &[Binding], mode: Mode) -> Vec<(&'static str, &'static str)> {
    bindings
        .iter()
        .filter(|b| b.mode == mode && b.footer)
        .map(|b| {
            let first = match b.label.split_once('/') {
                Some((first, _)) if !first.is_empty() => first,
                _ => b.label,
            };
            (first, short(b.description))
        })
        .collect()
}

/// The first words of a description, for the footer.
fn short(description: &'static str) -> &'static str {
    let cut = description
        .find([':', '(', ','])
        .unwrap_or(description.len());
    description[..cut].trim_end()
}

/// The modes the help overlay lists, with their headings (the loading screen shows its own keys).
pub const HELP_MODES: [(Mode, &str); 6] = [
    (Mode::Normal, "Main screen"),
    (Mode::Search, "Search line ( / )"),
    (Mode::Picture, "Timeline, money map, chart ( t M m )"),
    (
        Mode::Note,
        "Note line ( a ): also ←/→, Ctrl-←/→, Home/End, Ctrl-w/u/k",
    ),
    (Mode::ProblemList, "Problems list ( p )"),
    (Mode::Help, "This help"),
];

/// How many lines the help overlay has (a heading, the bindings and a blank per mode, and the
/// mouse line), for scrolling it.
pub fn help_len(bindings: &[Binding]) -> usize {
    let listed = bindings
        .iter()
        .filter(|b| HELP_MODES.iter().any(|(m, _)| *m == b.mode))
        .count();
    listed + HELP_MODES.len() * 2 + 1
}

/// The keymap as a Markdown document (docs/keys.md is this text; a test keeps them equal).
pub fn markdown(bindings: &[Binding]) -> String {
    let mut s = String::from(
        "# Keys\n\nGenerated from the explorer's keymap (`src/tui/keymap.rs`); `?` shows the same list in the app.\n",
    );
    for (mode, title) in [
        (Mode::Normal, "Main screen"),
        (Mode::Search, "Search line (`/`)"),
        (
            Mode::Picture,
            "Timeline, money map and chart (`t`, `M`, `m`)",
        ),
        (Mode::Help, "Help overlay (`?`)"),
        (
            Mode::Note,
            "Note line (`a`): also ←/→ (Ctrl: by word), Home/End, Ctrl-w, Ctrl-u, Ctrl-k",
        ),
        (Mode::ProblemList, "Problems list (`p`)"),
        (Mode::Problems, "Problems screen (a book with errors)"),
        (Mode::Loading, "Loading screen (while the book loads)"),
    ] {
        s += &format!("\n## {title}\n\n| keys | action |\n| --- | --- |\n");
        for b in bindings.iter().filter(|b| b.mode == mode) {
            s += &format!("| {} | {} |\n", b.label.replace('|', "\\|"), b.description);
        }
        if mode == Mode::Search {
            s += "| any other character | type it into the query |\n";
        }
    }
    s += "\n## Mouse\n\n| | action |\n| --- | --- |\n| click | focus the pane and select the row |\n| wheel | scroll the pane under the pointer |\n";
    s
}
