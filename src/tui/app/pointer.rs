//! The mouse: a click focuses a pane and selects its row, the wheel scrolls the pane under it.

use super::App;
use crate::tui::action::Pane;
use crate::tui::detail;
use ratatui::layout::Rect;

impl App {
    /// The pane under a screen cell, if any.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let a = self.areas();
        let inside =
            |r: Rect| column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height;
        [
            (Pane::Entities, a.entities),
            (Pane::Deals, a.deals),
            (Pane::Flows, a.flows),
            (Pane::Detail, a.detail),
        ]
        .into_iter()
        .find(|(_, r)| inside(*r))
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some((pane, rect)) = self.pane_at(column, row) else {
            return;
        };
        self.nav.focus = pane;
        if row > rect.y && row + 1 < rect.y + rect.height {
            let line = usize::from(row - rect.y - 1);
            if pane == Pane::Detail {
                // Lines and items differ in the Detail pane: find the item on that line.
                let lines = self.detail_lines();
                if let Some(item) = detail::item_at_line(&lines, self.nav.detail_pos.offset + line)
                {
                    self.nav.detail_pos.selected = item;
                }
                return;
            } else {
                let target = self.nav.pos(pane).offset + line;
                if target < self.rows_len(pane) {
                    let delta = target as isize - self.nav.pos(pane).selected as isize;
                    self.step(delta);
                    return;
                }
            }
        }
        self.follow_selection();
    }

    pub(super) fn scroll(&mut self, column: u16, row: u16, lines: i16) {
        let Some((pane, _)) = self.pane_at(column, row) else {
            return;
        };
        let focus = self.nav.focus;
        self.nav.focus = pane;
        self.step(isize::from(lines));
        // The wheel scrolls the pane under the pointer without taking the focus from where
        // the user is typing keys.
        self.nav.focus = focus;
        if pane != focus {
            self.follow_selection();
        }
    }
}
