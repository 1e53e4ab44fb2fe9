//! Moving through the panes, opening records, and Back.

use super::App;
use crate::book::{DealIx, EntityIx, Record};
use crate::tui::action::Pane;
use crate::tui::detail;
use crate::tui::nav::ListPos;

impl App {
    /// Makes the Detail pane show what the focused list has selected.
    pub(super) fn follow_selection(&mut self) {
        let target = match self.nav.focus {
            Pane::Entities => self.selected_entity().map(Record::Entity),
            Pane::Deals => self.selected_deal().map(Record::Deal),
            Pane::Flows => self.selected_flow(),
            Pane::Detail => return,
        };
        if target != self.nav.detail {
            self.nav.detail = target;
            self.nav.detail_pos = ListPos::default();
        }
    }

    /// Puts the current place on the history before going to `to`, whose title labels the
    /// step in the breadcrumb.
    pub(super) fn push_history(&mut self, to: Record) {
        let label = self.title(to).into_owned();
        self.history.push((self.nav.clone(), label));
        self.search_step = None;
        // A very long walk keeps only its last steps: Back is for retracing, not an archive.
        if self.history.len() > 500 {
            self.history.remove(0);
        }
    }

    pub(super) fn step(&mut self, delta: isize) {
        let pane = self.nav.focus;
        if pane == Pane::Detail {
            self.step_detail(delta);
            return;
        }
        let (len, h) = (self.rows_len(pane), self.pane_height(pane));
        let before = self.nav.pos(pane).selected;
        self.nav.pos_mut(pane).step(delta, len, h);
        if self.nav.pos(pane).selected == before {
            return;
        }
        if pane == Pane::Entities {
            // Moving through entities narrows Deals and Flows to the one under the cursor.
            self.nav.set_filter(self.selected_entity());
        }
        self.drop_steps_from(pane);
        self.follow_selection();
    }

    /// The steps taken from `pane` (Enter pressed there) and after it no longer lead where
    /// the user is once its selection moved: they leave the breadcrumb, and Back goes to the
    /// step before them — as a file manager's path follows a move in a parent folder.
    pub(super) fn drop_steps_from(&mut self, pane: Pane) {
        if let Some(i) = self.history.iter().position(|(nav, _)| nav.focus == pane) {
            self.history.truncate(i);
        }
    }

    /// `x`: Deals and Flows show everything again, the selected deal and flow kept selected.
    pub(super) fn clear_filter(&mut self) {
        if self.nav.filter.is_none() {
            self.message = Some("no filter to clear".into());
            return;
        }
        let (deal, flow) = (self.selected_deal(), self.selected_flow());
        self.nav.set_filter(None);
        if let Some(row) = deal.and_then(|d| self.deal_rows().position(d)) {
            let (len, h) = (self.deal_rows().len(), self.pane_height(Pane::Deals));
            self.nav.deals.select(row, len, h);
        }
        if let Some(row) = flow.and_then(|f| self.flow_row_of(f)) {
            let (len, h) = (self.flow_rows().len(), self.pane_height(Pane::Flows));
            self.nav.pos_mut(Pane::Flows).select(row, len, h);
        }
        self.follow_selection();
    }

    /// Detail reads like a page with links: j/k move from item to item while the selected
    /// item is on screen, and scroll the text by lines while it is not (long notes, a term's
    /// breakdown), selecting the first item that comes into view. `detail_pos.offset` is a line.
    fn step_detail(&mut self, delta: isize) {
        let lines = self.detail_lines();
        let h = self.pane_height(Pane::Detail);
        let max_offset = lines.len().saturating_sub(h);
        let item_lines: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.item.is_some())
            .map(|(i, _)| i)
            .collect();
        let pos = &mut self.nav.detail_pos;
        let visible = |offset: usize, line: usize| line >= offset && line < offset + h;
        let selected_line = item_lines.get(pos.selected).copied();
        match selected_line {
            Some(line) if visible(pos.offset, line) || delta.unsigned_abs() > 1 => {
                pos.selected = (pos.selected as isize + delta)
                    .clamp(0, item_lines.len() as isize - 1)
                    as usize;
                let line = item_lines[pos.selected];
                if pos.selected == 0 && delta < 0 {
                    // Back at the first item: show the heading lines above it too.
                    pos.offset = 0;
                }
                if line < pos.offset {
                    pos.offset = line;
                } else if line >= pos.offset + h {
                    pos.offset = line + 1 - h;
                }
                if pos.selected + 1 == item_lines.len() && delta > 0 {
                    // At the last item: show what follows it (notes), as far as it fits.
                    pos.offset = pos.offset.max(max_offset.min(line));
                }
            }
            _ => {
                pos.offset = (pos.offset as isize + delta).clamp(0, max_offset as isize) as usize;
                let in_view = item_lines.iter().position(|&l| visible(pos.offset, l));
                let last_in_view = item_lines.iter().rposition(|&l| visible(pos.offset, l));
                if let Some(i) = if delta < 0 { last_in_view } else { in_view } {
                    pos.selected = i;
                }
            }
        }
        pos.offset = pos.offset.min(max_offset);
    }

    pub(super) fn focus(&mut self, pane: Pane) {
        self.nav.focus = pane;
        let shown = self.nav.detail;
        self.follow_selection();
        // Detail now shows this pane's selection: the steps taken from here on are behind.
        if self.nav.detail != shown {
            self.drop_steps_from(pane);
        }
    }

    /// Enter: one level deeper from the focused pane's selection.
    pub(super) fn open(&mut self) {
        match self.nav.focus {
            Pane::Entities => {
                let Some(e) = self.selected_entity() else {
                    return;
                };
                self.push_history(Record::Entity(e));
                self.nav.set_filter(Some(e));
                self.nav.focus = Pane::Deals;
                self.follow_selection();
            }
            Pane::Deals => {
                let Some(d) = self.selected_deal() else {
                    return;
                };
                self.push_history(Record::Deal(d));
                self.show_in_detail(Record::Deal(d), 0);
            }
            Pane::Flows => {
                let Some(flow) = self.selected_flow() else {
                    return;
                };
                self.push_history(flow);
                self.show_in_detail(flow, 0);
            }
            Pane::Detail => {
                let items = self.detail_items();
                let Some(item) = items.get(self.nav.detail_pos.selected).copied() else {
                    return;
                };
                self.open_item(item);
            }
        }
    }

    pub(super) fn show_in_detail(&mut self, record: Record, item: usize) {
        self.nav.focus = Pane::Detail;
        self.nav.detail = Some(record);
        self.nav.detail_pos = ListPos::default();
        self.select_detail_item(item);
    }

    /// Selects item `item` of the Detail pane and scrolls it into view.
    fn select_detail_item(&mut self, item: usize) {
        let lines = self.detail_lines();
        let h = self.pane_height(Pane::Detail);
        let items = lines.iter().filter(|l| l.item.is_some()).count();
        let pos = &mut self.nav.detail_pos;
        pos.selected = item.min(items.saturating_sub(1));
        if let Some(line) = detail::line_of_item(&lines, pos.selected)
            && line >= pos.offset + h
        {
            pos.offset = (line + 1).saturating_sub(h);
        }
    }

    /// Opens an item of the Detail pane: an entity in Entities, a deal in Deals and Detail,
    /// anything else in Detail.
    pub(super) fn open_item(&mut self, item: Record) {
        let item = match item {
            // A flow opens its far end: the end that is not the current filter.
            Record::Flow { deal, flow } => {
                let Some(f) = self
                    .model
                    .book
                    .deals
                    .get(deal)
                    .and_then(|d| d.flows.get(flow))
                else {
                    return;
                };
                Record::Entity(match self.nav.filter {
                    Some(e) if f.from.contains(&e) => f.recipient(),
                    _ => f.lead(),
                })
            }
            // A metric's value draws the entity's metrics over time.
            Record::Metric { entity, .. } => {
                self.overlay =
                    crate::tui::overlay::Overlay::Picture(crate::tui::overlay::PictureUi::new(
                        crate::tui::overlay::Picture::Chart(entity),
                    ));
                return;
            }
            other => other,
        };
        self.push_history(item);
        match item {
            Record::Entity(e) => self.go_to_entity(e),
            Record::Deal(d) => {
                self.go_to_deal(d);
                self.show_in_detail(item, 0);
            }
            _ => self.show_in_detail(item, 0),
        }
    }

    /// Selects an entity in the Entities pane, narrows to it and shows it.
    pub(super) fn go_to_entity(&mut self, e: EntityIx) {
        self.nav.focus = Pane::Entities;
        let row = self.entity_rows().position(e).unwrap_or(0);
        let (len, h) = (self.entity_rows().len(), self.pane_height(Pane::Entities));
        self.nav.entities.select(row, len, h);
        self.nav.set_filter(Some(e));
        self.follow_selection();
    }

    /// Selects a deal in the Deals pane, dropping the filter if it hides the deal.
    pub(super) fn go_to_deal(&mut self, d: DealIx) {
        if self.deal_rows().position(d).is_none() {
            self.nav.set_filter(None);
        }
        let row = self.deal_rows().position(d).unwrap_or(0);
        let (len, h) = (self.deal_rows().len(), self.pane_height(Pane::Deals));
        self.nav.deals.select(row, len, h);
        self.nav.focus = Pane::Deals;
        self.follow_selection();
    }

    pub(super) fn back(&mut self) {
        self.search_step = None;
        match self.history.pop() {
            Some((nav, _)) => self.nav = nav,
            None => {
                self.message = Some("already at the start (q quits)".into());
            }
        }
        // The window may have changed size since that step was taken.
        let (w, h) = (self.width, self.height);
        self.resize(w, h);
    }
}
