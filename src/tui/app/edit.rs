//! `e` and `r`: the editor at the selected record's line (or the selected problem's), and a
//! reload by hand. The app only asks (`live.edit`, `live.reload_wanted`); the event loop runs
//! the editor with the terminal handed over, and the loader reads the book again.

use super::App;
use crate::book::diag::Pos;
use crate::tui::overlay::Overlay;
use crate::tui::problems;

/// What the bundled book says to `e`: it is compiled in, so a copy is what one edits.
pub const BUNDLED_READ_ONLY: &str =
    "the bundled book is read-only: `dealbook init my-deals.yaml` writes a copy to edit";

impl App {
    /// `e`: asks for the editor at the selected problem (on the Problems list) or record.
    pub(super) fn edit(&mut self) {
        let Some(path) = self.live.path.clone() else {
            self.message = Some(BUNDLED_READ_ONLY.into());
            return;
        };
        let at = match &self.overlay {
            Overlay::Problems { selected, .. } if *selected >= self.problems.len() => {
                self.message = Some("an orphaned mark has no place in the book".into());
                return;
            }
            Overlay::Problems { selected, .. } => problems::ordered(&self.problems)
                .get(*selected)
                .map(|d| Pos::new(d.line, d.column)),
            _ => self.marked_record().and_then(|r| self.model.position(r)),
        };
        // Without a place (nothing selected, an empty book), the file opens at its top.
        self.live.edit = Some((path, at.unwrap_or(Pos::new(1, 1))));
    }

    /// `r`: asks the event loop to read the book again.
    pub(super) fn reload(&mut self) {
        if self.live.path.is_none() {
            self.message = Some("the bundled book never changes: nothing to reload".into());
            return;
        }
        self.live.reload_wanted = true;
        self.live.by_hand = true;
        self.live.notice = Some("reloading…".into());
    }
}
