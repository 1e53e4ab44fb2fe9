//! Where the user is, kept between runs (`state::Place`, docs/review.md): the focused pane, the
//! selected record by its review key, the entity filter by id, the money view, loops or flows,
//! and the panes' orders. Saved at quit; restored at start unless `--fresh`.

use super::App;
use crate::book::Record;
use crate::state::Place;
use crate::tui::action::Pane;
use crate::tui::model::VIEWS;
use crate::tui::sorting::{DEAL_SORTS, ENTITY_SORTS, FLOW_SORTS};

fn pane_name(p: Pane) -> &'static str {
    match p {
        Pane::Entities => "entities",
        Pane::Deals => "deals",
        Pane::Flows => "flows",
        Pane::Detail => "detail",
    }
}

impl App {
    /// Where the user is now, stamped `at`.
    pub fn place(&self, at: String) -> Place {
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        Place {
            selected: (self.marked_record()).and_then(|r| crate::review::key::key(book, loops, r)),
            focus: Some(pane_name(self.nav.focus).to_string()),
            filter: (self.nav.filter).and_then(|e| Some(book.entities.get(e)?.id.clone())),
            money: Some(self.money.name()),
            loops: self.nav.show_cycles,
            sorts: Some([self.entity_sort, self.deal_sort, self.flow_sort]),
            at,
        }
    }

    /// Goes back to `place`, as far as the book still has it; the footer says so.
    pub fn restore_place(&mut self, place: &Place) {
        if let Some(view) =
            (place.money.as_deref()).and_then(|m| VIEWS.iter().find(|v| v.name() == m))
        {
            self.money = *view;
        }
        if let Some([e, d, f]) = place.sorts {
            self.entity_sort = e.min(ENTITY_SORTS.len() - 1);
            self.deal_sort = d.min(DEAL_SORTS.len() - 1);
            self.flow_sort = f.min(FLOW_SORTS.len() - 1);
        }
        self.nav.show_cycles = place.loops;
        let Some(key) = &place.selected else { return };
        let Some(record) = self.record_of_key(key) else {
            self.message =
                Some("the record you were on when you left is no longer in the book".into());
            return;
        };
        let filter = (place.filter.as_deref()).and_then(|id| match self.model.book.ids.get(id) {
            Some(Record::Entity(e)) => Some(*e),
            _ => None,
        });
        let focus = Pane::ALL
            .into_iter()
            .find(|p| Some(pane_name(*p)) == place.focus.as_deref());
        if !self.select_in(focus, filter, record) {
            self.show_record(record);
            if focus == Some(Pane::Detail) {
                self.nav.focus = Pane::Detail;
            }
        }
        self.message = Some(format!(
            "back where you were: {} (--fresh starts at the top)",
            self.model.title(record)
        ));
    }

    /// The record a review key names, if the book has it.
    fn record_of_key(&self, key: &str) -> Option<Record> {
        crate::review::key::resolve(&self.model.book, &self.model.loops.cycles, key)
    }

    /// Selects `record` in the list of pane `focus`, narrowed to `filter`, as the user left
    /// it; `false` when that list does not show it (then the caller opens it in context).
    fn select_in(&mut self, focus: Option<Pane>, filter: Option<usize>, record: Record) -> bool {
        let Some(pane) = focus.filter(|p| *p != Pane::Detail) else {
            return false;
        };
        self.nav.set_filter(filter);
        let row = match (pane, record) {
            (Pane::Entities, Record::Entity(e)) => self.entity_rows().position(e),
            (Pane::Deals, Record::Deal(d)) => self.deal_rows().position(d),
            (Pane::Flows, r) => self.flow_row_of(r),
            _ => None,
        };
        let Some(row) = row else {
            self.nav.set_filter(None);
            return false;
        };
        let (len, height) = (self.rows_len(pane), self.pane_height(pane));
        self.nav.focus = pane;
        self.nav.pos_mut(pane).select(row, len, height);
        if pane == Pane::Entities {
            self.nav.set_filter(self.selected_entity());
        }
        self.follow_selection();
        true
    }
}
