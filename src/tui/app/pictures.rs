//! The pictures over the body: the timeline (`t`), an entity's money map (`M`) and its metric
//! chart (`m`). Each is an overlay with a selection; Enter opens a timeline row in the main
//! screen or re-centres the map on a neighbour, and Esc goes back along the map's centres
//! before it closes.

use super::App;
use crate::book::flows::map::MoneyMap;
use crate::book::timeline::Timeline;
use crate::book::{EntityIx, Record};
use crate::tui::action::{Action, Pane};
use crate::tui::nav::ListPos;
use crate::tui::overlay::{Overlay, Picture, PictureUi};

impl App {
    /// The entity `M` and `m` are about: the one Detail shows, else the one selected.
    pub(super) fn entity_in_focus(&self) -> Option<EntityIx> {
        match self.nav.detail {
            Some(Record::Entity(e) | Record::Metric { entity: e, .. }) => Some(e),
            _ => self.selected_entity(),
        }
    }

    /// Rows a picture shows at once: the body less its border and its header lines.
    pub fn picture_height(&self) -> usize {
        usize::from(self.height.saturating_sub(2 + 2 + 2)).max(1)
    }

    /// The money map of `centre` over the edges of the certainty view shown.
    fn map_of(&self, centre: EntityIx) -> MoneyMap {
        let view = self.model.flow_view(self.money);
        let kept = view.edges_of.get(centre).cloned().unwrap_or_default();
        MoneyMap::new(
            &self.model.book,
            &self.model.edges,
            kept,
            centre,
            &self.model.loops,
        )
    }

    pub(super) fn open_timeline(&mut self) {
        let t = Timeline::build(&self.model.book, self.nav.filter, true);
        // From the Deals pane, its selected deal stays selected; else the earliest is.
        let at = (self.nav.focus == Pane::Deals)
            .then(|| self.selected_deal())
            .flatten()
            .and_then(|d| t.records().position(|r| r == Record::Deal(d)));
        let mut ui = PictureUi::new(Picture::Timeline(t));
        if let Some(row) = at {
            ui.pos.select(row, ui.len(), self.picture_height());
        }
        self.overlay = Overlay::Picture(ui);
    }

    pub(super) fn open_map(&mut self) {
        match self.entity_in_focus() {
            Some(e) => {
                self.overlay = Overlay::Picture(PictureUi::new(Picture::Map(self.map_of(e))))
            }
            None => self.message = Some("no entity selected".into()),
        }
    }

    pub(super) fn open_chart(&mut self) {
        match self.entity_in_focus() {
            Some(e) if !self.model.book.entities[e].metrics.is_empty() => {
                self.overlay = Overlay::Picture(PictureUi::new(Picture::Chart(e)));
            }
            Some(e) => {
                self.message = Some(format!(
                    "{} has no metrics",
                    self.model.book.entities[e].name
                ));
            }
            None => self.message = Some("no entity selected".into()),
        }
    }

    pub(super) fn update_picture(&mut self, action: Action) {
        let height = self.picture_height();
        let Overlay::Picture(ui) = &mut self.overlay else {
            return;
        };
        let len = ui.len();
        match action {
            Action::Down => ui.pos.step(1, len, height),
            Action::Up => ui.pos.step(-1, len, height),
            Action::Top => ui.pos.select(0, len, height),
            Action::Bottom => ui.pos.select(len.saturating_sub(1), len, height),
            Action::PageDown => ui.pos.step(height as isize, len, height),
            Action::PageUp => ui.pos.step(-(height as isize), len, height),
            Action::Open => self.picture_open(),
            Action::Back => self.picture_back(),
            Action::Timeline => match ui.picture {
                Picture::Timeline(_) => self.overlay = Overlay::None,
                _ => self.open_timeline(),
            },
            Action::MoneyMap => self.overlay = Overlay::None,
            Action::CycleMoney => {
                self.money = self.money.next_view();
                self.message = Some(format!("money: {}", self.money.name()));
                let Overlay::Picture(ui) = &self.overlay else {
                    return;
                };
                if let Picture::Map(m) = &ui.picture {
                    let (centre, pos) = (m.centre, ui.pos);
                    self.recentre(centre, pos);
                }
            }
            _ => {}
        }
    }

    /// Shows the map of `centre` with `pos` (kept within the new map).
    fn recentre(&mut self, centre: EntityIx, mut pos: ListPos) {
        let map = self.map_of(centre);
        let height = self.picture_height();
        pos.follow(map.len(), height);
        pos.selected = pos.selected.min(map.len().saturating_sub(1));
        if let Overlay::Picture(ui) = &mut self.overlay {
            ui.picture = Picture::Map(map);
            ui.pos = pos;
        }
    }

    fn picture_open(&mut self) {
        let Overlay::Picture(ui) = &mut self.overlay else {
            return;
        };
        let row = ui.pos.selected;
        match &ui.picture {
            Picture::Timeline(t) => {
                let Some(record) = t.records().nth(row) else {
                    return;
                };
                self.overlay = Overlay::None;
                match record {
                    Record::Metric { entity, .. } => {
                        self.push_history(record);
                        self.go_to_entity(entity);
                        self.show_in_detail(Record::Entity(entity), 0);
                    }
                    r => self.open_item(r),
                }
            }
            Picture::Map(m) => {
                let Some(next) = m.side(row).map(|s| s.entity()) else {
                    return;
                };
                let from = (m.centre, ui.pos);
                ui.trail.push(from);
                self.recentre(next, ListPos::default());
            }
            Picture::Chart(_) => {}
        }
    }

    fn picture_back(&mut self) {
        let Overlay::Picture(ui) = &mut self.overlay else {
            return;
        };
        match ui.trail.pop() {
            Some((centre, pos)) => self.recentre(centre, pos),
            None => {
                self.overlay = Overlay::None;
                if self.nav.focus == Pane::Detail {
                    self.follow_selection();
                }
            }
        }
    }
}
