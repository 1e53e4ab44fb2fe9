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

    /// A record's review mark and note in words — "✓ reviewed · ! flagged · note: …" —
    /// wrapped to `width`, for Detail under the page's title; nothing when it has no mark.
    pub fn mark_lines(&self, record: Record, width: usize) -> Vec<ratatui::text::Line<'static>> {
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        let Some(s) = self.marks.status(book, loops, record) else {
            return Vec::new();
        };
        let mut words = Vec::new();
        if s.reviewed {
            words.push(
                if s.changed {
                    "changed since reviewed"
                } else {
                    "✓ reviewed"
                }
                .to_string(),
            );
        }
        if s.flagged {
            words.push("! flagged".to_string());
        }
        if let Some(n) = self.marks.note(book, loops, record) {
            words.push(format!("note: {n}"));
        }
        if words.is_empty() {
            return Vec::new();
        }
        let style = if s.flagged || s.changed {
            self.theme.warning()
        } else {
            self.theme.dim()
        };
        crate::text::wrap(&words.join(" · "), width)
            .into_iter()
            .map(|l| ratatui::text::Line::styled(l, style))
            .collect()
    }
}
