//! A new model for the same book (a reload): swapped in whole, keeping the user's place — the
//! focused pane, the filter, each list's selected record by id, the record in Detail, the
//! history, the search, the sorts and the money view — with scroll clamped to the new lists.
//! A record that is gone leaves the selection on its neighbour (the same row) and the message
//! says so.

use super::{App, searcher_for};
use crate::book::{Diagnostic, Record};
use crate::tui::action::Pane;
use crate::tui::live::Failure;
use crate::tui::model::Model;
use crate::tui::nav::{ListPos, Nav};
use crate::tui::overlay::{Overlay, Picture};
use std::sync::Arc;

impl App {
    /// Replaces the model with `model` (the same book, read again) and its warnings, keeping
    /// the user's place; the title line says what changed.
    pub fn replace_model(&mut self, model: Arc<Model>, warnings: Vec<Diagnostic>) {
        let changes = crate::tui::live::changes(&self.model.book, &model.book);
        self.replace_model_with(model, warnings, Some(changes));
    }

    /// As [`App::replace_model`], with what changed already worked out (by the loader's
    /// worker; `None`: not known).
    pub fn replace_model_with(
        &mut self,
        model: Arc<Model>,
        warnings: Vec<Diagnostic>,
        changes: Option<String>,
    ) {
        let old = std::mem::replace(&mut self.model, model);
        self.searcher = searcher_for(&self.model);
        let mut gone = Vec::new();
        self.nav = self.remap_nav(&old, &self.nav.clone(), &mut gone);
        let history = std::mem::take(&mut self.history);
        self.history = (history.into_iter())
            .map(|(nav, label)| (self.remap_nav(&old, &nav, &mut Vec::new()), label))
            .collect();
        let (items, lines) = (self.detail_items().len(), self.detail_lines().len());
        let height = self.pane_height(Pane::Detail);
        let pos = &mut self.nav.detail_pos;
        pos.selected = pos.selected.min(items.saturating_sub(1));
        pos.offset = pos.offset.min(lines.saturating_sub(height));
        self.remap_overlay(&old, &mut gone);
        // The last search's hits name records of the old book: n/N finds them again in the
        // new one when next pressed (searching now would hold the swap up).
        if let Some(last) = &mut self.last_search {
            last.hits.clear();
        }
        if !self.defer_search {
            self.flush_search();
        }
        self.problems = warnings;
        self.count_marks();
        self.live.failed = None;
        self.live.loaded_at = crate::review::time::clock();
        let at = &self.live.loaded_at;
        // A read that changes nothing says so only when asked for by hand: a save is often
        // seen twice (the editor closed, then the watcher), and the second must not hide
        // what the first one said.
        match changes.as_deref() {
            Some("") if !std::mem::take(&mut self.live.by_hand) => {}
            Some("") => self.live.notice = Some(format!("reloaded {at} · no record changed")),
            Some(what) => self.live.notice = Some(format!("reloaded {at} · {what}")),
            None => self.live.notice = Some(format!("reloaded {at}")),
        }
        self.live.by_hand = false;
        // A record is named once, though both its list and Detail lost it.
        let mut named_once = Vec::new();
        gone.retain(|g| {
            let first = !named_once.contains(g);
            named_once.push(g.clone());
            first
        });
        if let Some(first) = gone.first() {
            let more = match gone.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.message = Some(format!("{first} is gone{more}: showing its neighbour"));
        }
    }

    /// A reload found errors: the last good book stays on screen under a banner, and `p`
    /// lists the new problems, until the next good load.
    pub fn reload_failed(&mut self, diagnostics: Vec<Diagnostic>) {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        self.live.failed = Some(Failure::Errors(errors));
        self.live.notice = None;
        self.live.by_hand = false;
        self.problems = diagnostics;
    }

    /// A reload could not read the file (removed, unreadable): the book stays, under a
    /// banner that says why, until the file can be read again.
    pub fn reload_unreadable(&mut self, why: String) {
        self.live.failed = Some(Failure::Unreadable(why));
        self.live.notice = None;
        self.live.by_hand = false;
    }

    /// `nav` (a place in `old`) as the same place in the current model; each record not found
    /// is named in `gone`.
    fn remap_nav(&self, old: &Model, nav: &Nav, gone: &mut Vec<String>) -> Nav {
        let new = &*self.model;
        let mut out = nav.clone();
        out.filter = nav.filter.and_then(|e| entity(old, new, e));
        if nav.filter.is_some() && out.filter.is_none() {
            gone.push(named(old, Record::Entity(nav.filter.unwrap_or(0))));
        }
        let height = |p: Pane| self.pane_height(p);
        // Entities: the same entity.
        let (before, after) = (
            old.entity_rows(self.entity_sort),
            new.entity_rows(self.entity_sort),
        );
        let found = before.get(nav.entities.selected).map(|e| {
            let n = entity(old, new, e);
            (n.and_then(|n| after.position(n)), Record::Entity(e))
        });
        out.entities = keep(
            nav.entities,
            after.len(),
            height(Pane::Entities),
            found,
            old,
            gone,
        );
        // Deals: the same deal among the new rows.
        let before = old.deal_rows_sorted(nav.filter, self.deal_sort);
        let after = new.deal_rows_sorted(out.filter, self.deal_sort);
        let found = before.get(nav.deals.selected).map(|d| {
            let n = new.book.ids.get(&old.book.deals[d].id).copied();
            let row = match n {
                Some(Record::Deal(n)) => after.position(n),
                _ => None,
            };
            (row, Record::Deal(d))
        });
        let deals = if out.filter == nav.filter {
            nav.deals
        } else {
            ListPos::default()
        };
        out.deals = keep(deals, after.len(), height(Pane::Deals), found, old, gone);
        // Flows and loops: the same ends and kind, the same entities in the same order.
        for cycles in [false, true] {
            let before = old.flow_rows(nav.filter, cycles, self.money, self.flow_sort);
            let after = new.flow_rows(out.filter, cycles, self.money, self.flow_sort);
            let pos = if cycles { nav.cycles } else { nav.flows };
            let record = |m: &Model, i: usize| {
                if cycles {
                    Some(Record::Loop(i))
                } else {
                    m.edge_record(i)
                }
            };
            let found = (before.get(pos.selected))
                .and_then(|i| record(old, i))
                .map(|r| {
                    let mapped = remap(old, new, r);
                    let row = mapped.and_then(|m| {
                        (0..after.len())
                            .find(|&row| after.get(row).and_then(|i| record(new, i)) == Some(m))
                    });
                    (row, r)
                });
            let pos = if out.filter == nav.filter {
                pos
            } else {
                ListPos::default()
            };
            let kept = keep(pos, after.len(), height(Pane::Flows), found, old, gone);
            if cycles {
                out.cycles = kept;
            } else {
                out.flows = kept;
            }
        }
        out.detail = nav.detail.and_then(|r| {
            let mapped = remap(old, new, r);
            if mapped.is_none() {
                gone.push(named(old, r));
            }
            mapped
        });
        if nav.detail.is_some() && out.detail.is_none() {
            // Detail shows what is selected now, as it does after a move.
            out.detail_pos = ListPos::default();
            out.detail = self.selection_in(new, &out);
        }
        out.found = nav
            .found
            .and_then(|(r, line)| Some((remap(old, new, r)?, line)));
        out
    }

    /// The record selected in `nav`'s focused list of `new` (its selected entity when Detail
    /// has the focus).
    fn selection_in(&self, new: &Model, nav: &Nav) -> Option<Record> {
        let entity = || {
            (new.entity_rows(self.entity_sort))
                .get(nav.entities.selected)
                .map(Record::Entity)
        };
        match nav.focus {
            Pane::Deals => (new.deal_rows_sorted(nav.filter, self.deal_sort))
                .get(nav.deals.selected)
                .map(Record::Deal),
            Pane::Flows => {
                let rows = new.flow_rows(nav.filter, nav.show_cycles, self.money, self.flow_sort);
                let i = rows.get(nav.pos(Pane::Flows).selected)?;
                if nav.show_cycles {
                    Some(Record::Loop(i))
                } else {
                    new.edge_record(i)
                }
            }
            Pane::Entities | Pane::Detail => entity(),
        }
    }

    /// What is open over the screen, for the new model: the search's place and hits, the note's
    /// record, a picture rebuilt.
    fn remap_overlay(&mut self, old: &Model, gone: &mut Vec<String>) {
        match std::mem::take(&mut self.overlay) {
            Overlay::Search(mut s) => {
                s.before = self.remap_nav(old, &s.before, &mut Vec::new());
                s.dirty = true;
                s.hits.clear();
                self.overlay = Overlay::Search(s);
            }
            Overlay::Note(mut ui) => match remap(old, &self.model, ui.record) {
                Some(r) => {
                    ui.record = r;
                    self.overlay = Overlay::Note(ui);
                }
                None => {
                    gone.push(named(old, ui.record));
                    self.message = Some(format!(
                        "the record of your note is gone; the note was not saved: {}",
                        ui.input.value()
                    ));
                }
            },
            Overlay::Picture(ui) => {
                // The picture is drawn again from the new book, around the same selection.
                match ui.picture {
                    Picture::Timeline(_) => self.open_timeline(),
                    Picture::Map(_) => self.open_map(),
                    Picture::Chart(_) => self.open_chart(),
                }
            }
            other => self.overlay = other,
        }
    }
}

/// A list position kept across a reload: the row the selected record is on now, or — the
/// record gone (named in `gone`) — the same row, its neighbour; scrolled to keep it in view.
fn keep(
    pos: ListPos,
    len: usize,
    height: usize,
    found: Option<(Option<usize>, Record)>,
    old: &Model,
    gone: &mut Vec<String>,
) -> ListPos {
    if len == 0 {
        return ListPos::default();
    }
    let mut out = pos;
    out.selected = match found {
        Some((Some(row), _)) => row,
        Some((None, record)) => {
            gone.push(named(old, record));
            pos.selected
        }
        None => pos.selected,
    }
    .min(len - 1);
    out.follow(len, height);
    out
}

/// "deal 'Nvidia invests…'": a record of the old model, for the message.
fn named(old: &Model, r: Record) -> String {
    format!(
        "{} '{}'",
        r.kind(),
        crate::text::fit(&old.title(r), 40).trim_end()
    )
}

fn entity(old: &Model, new: &Model, e: usize) -> Option<usize> {
    match new.book.ids.get(&old.book.entities.get(e)?.id)? {
        Record::Entity(n) => Some(*n),
        _ => None,
    }
}

/// The record of `new` that is `r` of `old`, found by ids (a term, a flow or a metric by its
/// place in its deal or entity; a loop by its entities in order).
pub fn remap(old: &Model, new: &Model, r: Record) -> Option<Record> {
    let deal = |d: usize| match new.book.ids.get(&old.book.deals.get(d)?.id)? {
        Record::Deal(n) => Some(*n),
        _ => None,
    };
    Some(match r {
        Record::Entity(e) => Record::Entity(entity(old, new, e)?),
        Record::Deal(d) => Record::Deal(deal(d)?),
        Record::Source(s) => match new.book.ids.get(&old.book.sources.get(s)?.id)? {
            Record::Source(n) => Record::Source(*n),
            _ => return None,
        },
        Record::Term { deal: d, term } => {
            let d = deal(d)?;
            (term < new.book.deals[d].terms.len()).then_some(Record::Term { deal: d, term })?
        }
        Record::Flow { deal: d, flow } => {
            let d = deal(d)?;
            (flow < new.book.deals[d].flows.len()).then_some(Record::Flow { deal: d, flow })?
        }
        Record::Metric { entity: e, metric } => {
            let e = entity(old, new, e)?;
            (metric < new.book.entities[e].metrics.len())
                .then_some(Record::Metric { entity: e, metric })?
        }
        Record::Edge { from, to, kind } => {
            let (from, to) = (entity(old, new, from)?, entity(old, new, to)?);
            new.edge(from, to, kind)?;
            Record::Edge { from, to, kind }
        }
        Record::Loop(l) => {
            let ids: Vec<&str> = (old.loops.cycles.get(l)?.entities.iter())
                .map(|&e| old.book.entities[e].id.as_str())
                .collect();
            let ix = new.loops.cycles.iter().position(|c| {
                c.entities.len() == ids.len()
                    && (c.entities.iter().zip(&ids)).all(|(&e, id)| new.book.entities[e].id == *id)
            })?;
            Record::Loop(ix)
        }
    })
}
