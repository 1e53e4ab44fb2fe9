//! What every view reads: the model, the theme and where the user is — never the whole `App`.

use super::action::Pane;
use super::model::Model;
use super::nav::Nav;
use super::theme::Theme;
use crate::book::Record;
use crate::review::Marks;
use ratatui::text::Span;

#[derive(Clone, Copy)]
pub struct View<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
    pub nav: &'a Nav,
    /// The main screen has the keys (no overlay is open).
    pub keys: bool,
    pub marks: &'a Marks,
    /// "reviewed 7/12 · 2 flagged", when there are marks.
    pub progress: Option<&'a str>,
    /// Whose money the totals count (`v`).
    pub money: crate::book::flows::StatusSet,
    /// The orders of the Deals and Flows panes (`s`/`S`; see `tui::sorting`).
    pub deal_sort: usize,
    pub flow_sort: usize,
    pub entity_sort: usize,
}

impl View<'_> {
    /// A list row's first column: the record's review glyph (`✓`, `!`, `~`, `·`), or a space.
    pub fn mark_cell(&self, record: Record) -> Span<'static> {
        if self.marks.is_empty() {
            return Span::raw(" ");
        }
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        match self.marks.status(book, loops, record) {
            Some(s) if s.flagged || s.changed => {
                Span::styled(s.glyph().to_string(), self.theme.warning())
            }
            Some(s) => Span::styled(s.glyph().to_string(), self.theme.dim()),
            None => Span::raw(" "),
        }
    }

    /// Whether `pane` has the keys: focused, with no overlay over it.
    pub fn focused(&self, pane: Pane) -> bool {
        self.keys && self.nav.focus == pane
    }
}
