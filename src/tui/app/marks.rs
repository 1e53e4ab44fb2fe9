//! Review marks from the keyboard: Space and `f` on the selected record, `a` a note on it,
//! `]`/`[` through the deals not reviewed. Each change is saved at once (re-read, merged, written atomically by
//! `review::Marks::save`); a failure is said in the footer and the mark stays in memory.

use super::App;
use crate::book::Record;
use crate::review::{Status, Toggle, report, time};
use crate::tui::action::{Action, Pane};
use crate::tui::overlay::{NoteUi, Overlay};

impl App {
    /// The record a mark applies to: the focused pane's selection; in Detail, the selected
    /// item (a term, a flow, a party's entity), else the record shown.
    pub fn marked_record(&self) -> Option<Record> {
        match self.nav.focus {
            Pane::Entities => self.selected_entity().map(Record::Entity),
            Pane::Deals => self.selected_deal().map(Record::Deal),
            Pane::Flows => self.selected_flow(),
            Pane::Detail => (self
                .detail_items()
                .get(self.nav.detail_pos.selected)
                .copied())
            .or(self.nav.detail),
        }
    }

    pub(super) fn toggle_mark(&mut self, what: Toggle) {
        let Some(record) = self.marked_record() else {
            self.message = Some("nothing selected to mark".into());
            return;
        };
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        let title = self.model.title(record).into_owned();
        let result = self.marks.toggle(book, loops, record, what, &time::now());
        let mark = match result {
            Ok(mark) => mark,
            Err(e) => {
                self.message = Some(e.to_string());
                return;
            }
        };
        let state = match (what, &mark) {
            (Toggle::Reviewed, Some(m)) if m.reviewed => "reviewed",
            (Toggle::Reviewed, _) => "no longer reviewed",
            (Toggle::Flagged, Some(m)) if m.flagged => "flagged",
            (Toggle::Flagged, _) => "no longer flagged",
        };
        self.count_marks();
        self.message = Some(match self.marks.save() {
            Ok(_) => format!("{state}: {title}"),
            // Without a file (a test, or nowhere to write) the mark lives for the session.
            Err(crate::review::ReviewError::NoPlace) => format!("{state}: {title} (not saved)"),
            Err(e) => format!("{state}: {title} — not saved: {e}"),
        });
    }

    /// `a`: opens the note line on the selected record, with its note to edit.
    pub(super) fn edit_note(&mut self) {
        let Some(record) = self.marked_record() else {
            self.message = Some("nothing selected to note".into());
            return;
        };
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        let note = self
            .marks
            .note(book, loops, record)
            .unwrap_or_default()
            .to_string();
        self.overlay = Overlay::Note(NoteUi {
            record,
            title: self.model.title(record).into_owned(),
            input: tui_input::Input::new(note),
        });
    }

    /// A key while the note line is open.
    pub(super) fn update_note(&mut self, action: Action) {
        let Overlay::Note(ui) = &mut self.overlay else {
            return;
        };
        match action {
            Action::NoteEdit(req) => {
                ui.input.handle(req);
            }
            Action::NoteCancel => self.overlay = Overlay::None,
            Action::NoteSave => {
                let Overlay::Note(ui) = std::mem::take(&mut self.overlay) else {
                    return;
                };
                let (book, loops) = (&self.model.book, &self.model.loops.cycles);
                let text = ui.input.value().trim().to_string();
                let note = (!text.is_empty()).then_some(text.as_str());
                if let Err(e) = self
                    .marks
                    .set_note(book, loops, ui.record, note, &time::now())
                {
                    self.message = Some(e.to_string());
                    return;
                }
                let what = if note.is_some() {
                    "note saved"
                } else {
                    "note removed"
                };
                self.count_marks();
                self.message = Some(match self.marks.save() {
                    Ok(_) => format!("{what}: {}", ui.title),
                    Err(crate::review::ReviewError::NoPlace) => {
                        format!("{what}: {} (not saved)", ui.title)
                    }
                    Err(e) => format!("{what}: {} — not saved: {e}", ui.title),
                });
            }
            _ => {}
        }
    }

    /// Selects the next (`delta` 1) or previous (-1) deal of the Deals pane, from the selected
    /// one, that has no current review, wrapping around.
    pub(super) fn step_unreviewed(&mut self, delta: isize) {
        let (book, loops) = (&self.model.book, &self.model.loops.cycles);
        let unreviewed = |d| {
            !(self.marks.status(book, loops, Record::Deal(d)))
                .is_some_and(Status::is_current_review)
        };
        let rows = self.deal_rows();
        let n = rows.len();
        if n == 0 {
            return;
        }
        let here = self.nav.deals.selected;
        let next = (1..=n).find_map(|step| {
            let row = (here as isize + delta * step as isize).rem_euclid(n as isize) as usize;
            let d = rows.get(row)?;
            unreviewed(d).then_some(d)
        });
        match next {
            Some(d) => self.go_to_deal(d),
            None => self.message = Some("every deal listed is reviewed".into()),
        }
    }

    /// Counts the marks again for the title line (after a change, not every frame: it reads
    /// the whole book).
    pub fn count_marks(&mut self) {
        (self.review_progress, self.orphans) = self.progress_text();
    }

    /// "reviewed 7/12 · 2 flagged" (`None` before any mark), and a line for each mark whose
    /// record is gone (for the Problems list).
    fn progress_text(&self) -> (Option<String>, Vec<String>) {
        if self.marks.is_empty() {
            return (None, Vec::new());
        }
        let (rows, s) = report::rows(&self.model.book, &self.model.loops.cycles, &self.marks);
        let orphans = (rows.iter().filter(|r| r.is_orphan()))
            .map(|r| {
                let mut line = format!("orphaned mark: {} '{}'", r.key, r.title);
                if let Some(note) = &r.mark.note {
                    line += &format!(" — note: {note}");
                }
                line + " (its record is no longer in the book; kept in the sidecar, dealbook review lists it)"
            })
            .collect();
        let mut text = format!("reviewed {}/{}", s.deals_reviewed, s.deals);
        if s.flagged > 0 {
            text += &format!(" · {} flagged", s.flagged);
        }
        if s.changed > 0 {
            text += &format!(" · {} changed", s.changed);
        }
        if s.orphaned > 0 {
            text += &format!(" · {} orphaned (p)", s.orphaned);
        }
        (Some(text), orphans)
    }
}
