//! Where the user is: the focused pane, the entity filter, every list's selection and scroll,
//! and the record in Detail — one value, so a history of them makes Back exact.

use super::action::{Action, Pane};
use crate::book::{EntityIx, Record};

/// A selection and the first visible row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

impl ListPos {
    /// Moves the selection by `delta` within `len` rows and scrolls so it stays in the
    /// `height` visible rows.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = ListPos::default();
            return;
        }
        let target = (self.selected as isize + delta).clamp(0, len as isize - 1);
        self.select(target as usize, len, height);
    }

    /// Selects row `row` (or the last) and scrolls it into view.
    pub fn select(&mut self, row: usize, len: usize, height: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.follow(len, height);
    }

    /// Moves the selection as a list's movement `action` asks (j/k, g/G, PgUp/PgDn) within
    /// `len` rows, `height` of them visible; `false` for any other action.
    pub fn move_by(&mut self, action: &Action, len: usize, height: usize) -> bool {
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::PageDown => height as isize,
            Action::PageUp => -(height as isize),
            _ => return false,
        };
        self.step(delta, len, height);
        true
    }

    /// Keeps the selection visible and the window within the list.
    pub fn follow(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// Where the user is: everything Back restores.
#[derive(Debug, Clone, PartialEq)]
pub struct Nav {
    pub focus: Pane,
    /// The entity that Deals and Flows are narrowed to.
    pub filter: Option<EntityIx>,
    pub entities: ListPos,
    pub deals: ListPos,
    pub flows: ListPos,
    pub cycles: ListPos,
    /// Flows pane shows circular financing instead of aggregated flows.
    pub show_cycles: bool,
    /// The record the Detail pane shows.
    pub detail: Option<Record>,
    /// The selected item (and scroll) of the Detail pane.
    pub detail_pos: ListPos,
    /// The Detail line a search hit landed on, for the record it was found in: highlighted
    /// while Detail shows that record.
    pub found: Option<(Record, usize)>,
}

impl Nav {
    /// The start: Entities focused, nothing narrowed, `detail` in Detail.
    pub fn start(detail: Option<Record>) -> Nav {
        Nav {
            focus: Pane::Entities,
            filter: None,
            entities: ListPos::default(),
            deals: ListPos::default(),
            flows: ListPos::default(),
            cycles: ListPos::default(),
            show_cycles: false,
            detail,
            detail_pos: ListPos::default(),
            found: None,
        }
    }

    /// The position of a pane's list (for Flows, of the list it shows).
    pub fn pos(&self, pane: Pane) -> ListPos {
        match pane {
            Pane::Entities => self.entities,
            Pane::Deals => self.deals,
            Pane::Flows if self.show_cycles => self.cycles,
            Pane::Flows => self.flows,
            Pane::Detail => self.detail_pos,
        }
    }

    pub fn pos_mut(&mut self, pane: Pane) -> &mut ListPos {
        match pane {
            Pane::Entities => &mut self.entities,
            Pane::Deals => &mut self.deals,
            Pane::Flows if self.show_cycles => &mut self.cycles,
            Pane::Flows => &mut self.flows,
            Pane::Detail => &mut self.detail_pos,
        }
    }

    /// Narrows Deals and Flows to an entity (or to nothing), their lists back at the top.
    pub fn set_filter(&mut self, filter: Option<EntityIx>) {
        if self.filter == filter {
            return;
        }
        self.filter = filter;
        self.deals = ListPos::default();
        self.flows = ListPos::default();
        self.cycles = ListPos::default();
    }
}
