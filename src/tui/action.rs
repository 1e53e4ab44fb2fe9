//! What a user can ask the explorer to do, named by intent rather than by key.

/// The panes of the main screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Entities,
    Deals,
    Flows,
    Detail,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Entities, Pane::Deals, Pane::Flows, Pane::Detail];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Entities => "Entities",
            Pane::Deals => "Deals",
            Pane::Flows => "Flows",
            Pane::Detail => "Detail",
        }
    }

    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    NextPane,
    PrevPane,
    Focus(Pane),
    /// Go deeper: entity → its deals, deal → its items, term → its breakdown, party → entity.
    Open,
    /// Go back one step along the history.
    Back,
    /// Clear the entity filter on Deals and Flows.
    ClearFilter,
    /// Switch the Flows pane between aggregated flows and circular financing.
    ToggleCycles,
    /// Cycle whose money the totals count: committed → committed + in talks → all deals.
    CycleMoney,
    /// Open (or close) the timeline; the money map and the metric chart of the selected entity.
    Timeline,
    MoneyMap,
    MetricChart,
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchClearLine,
    /// Recall an earlier (`Prev`) or a later (`Next`) query of the search history.
    SearchHistoryPrev,
    SearchHistoryNext,
    /// Move the selection in the search results.
    SearchUp,
    SearchDown,
    /// Open the selected hit in context and close the search.
    SearchOpen,
    /// Close the search and restore the view it was opened from.
    SearchCancel,
    /// Open the next / previous hit of the last search.
    NextHit,
    PrevHit,
    ToggleHelp,
    /// Flip *reviewed* / *flagged* on the selected record (docs/review.md).
    ToggleReviewed,
    ToggleFlagged,
    /// Copy the selected record as one line with its source (`y`), or its page as Markdown
    /// (`Y`), to the clipboard through OSC 52.
    CopyLine,
    CopyPage,
    /// The focused list's next / previous order (key and direction).
    SortNext,
    SortPrev,
    /// The focused pane to the whole screen, and back.
    Zoom,
    /// Add or edit the note on the selected record (`a`); in the note line, an edit, Enter
    /// saves, Esc cancels.
    EditNote,
    /// The book's problems (its warnings, once it loaded).
    ShowProblems,
    /// `$EDITOR` at the selected record's (or problem's) line in the book's file.
    Edit,
    /// Read the book's file again.
    Reload,
    NoteEdit(tui_input::InputRequest),
    NoteSave,
    NoteCancel,
    /// Go to the next / previous deal not reviewed (or changed since).
    NextUnreviewed,
    PrevUnreviewed,
    Quit,
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel over a screen cell: positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Nothing: a key with no meaning here.
    None,
}
