//! The explorer's state and its one `update`: every change of state goes through
//! [`App::update`], which is plain Rust, tested with sequences of actions and no terminal.
//!
//! `App` holds where the user is and what is open; what it shows is the read-only [`Model`].
//! The work of `update` is split by concern, each file an `impl App` block: [`navigate`]
//! (moving, opening, Back), [`search`] (the search line, n/N), [`pointer`] (the mouse),
//! [`marks`] (review marks).

mod edit;
pub use edit::BUNDLED_READ_ONLY;
mod marks;
mod navigate;
mod pictures;
mod place;
mod pointer;
mod reload;
mod search;

use super::action::{Action, Pane};
use super::detail::{self, DLine};
use super::keymap::{self, Binding, Mode};
use super::layout::{self, Areas};
use super::live::Live;
use super::model::{Model, Rows};
use super::nav::Nav;
use super::overlay::{LastSearch, Overlay, SearchUi};
use super::theme::Theme;
use super::view::View;
use crate::book::flows::StatusSet;
use crate::book::{Book, DealIx, EntityIx, Record};
use crate::review::{Marks, Toggle};
use crate::search::{Index, Searcher};
use std::borrow::Cow;
use std::sync::Arc;

pub struct App {
    /// The book and what is derived from it; replaced whole, never edited.
    pub model: Arc<Model>,
    pub keymap: Vec<Binding>,
    pub theme: Theme,
    pub nav: Nav,
    /// Back restores these, most recent last, with the breadcrumb label of each step taken.
    pub history: Vec<(Nav, String)>,
    pub overlay: Overlay,
    pub last_search: Option<LastSearch>,
    /// The history's length just after a search hit was opened (Enter, n, N): while it is the
    /// last step, n/N move that step to the next hit instead of taking one more.
    search_step: Option<usize>,
    searcher: Searcher,
    /// When set, typing in the search line does not search until `flush_search` (the event
    /// loop sets it to coalesce a burst of keys into one search).
    pub defer_search: bool,
    pub width: u16,
    pub height: u16,
    /// A one-line note shown in the footer until the next action ("no more hits").
    pub message: Option<String>,
    /// Review marks (docs/review.md): kept in memory unless `tui::run` opened the book's file.
    pub marks: Marks,
    /// "reviewed 7/12 · 2 flagged" for the title line, counted when marks change.
    pub review_progress: Option<String>,
    /// Whose money the totals and the Flows pane count (`v`): committed, committed and in
    /// talks (the default), or every deal, cancelled ones too.
    pub money: StatusSet,
    /// Earlier searches, most recent first, each once (↑/↓ on the search line).
    pub search_history: Vec<String>,
    /// Searches opened in this session, oldest first, for the state file.
    pub new_searches: Vec<String>,
    /// The book's warnings when it loaded (`p` lists them), and its name for their lines.
    pub problems: Vec<crate::book::Diagnostic>,
    pub book_name: String,
    /// A line for each review mark whose record is gone, listed after the problems (`p`).
    pub orphans: Vec<String>,
    /// The book's file: watched or not, the last reload, what the user asked of the event
    /// loop (`e`, `r`).
    pub live: Live,
    /// The order of the Deals and the Flows panes: an index into `sorting::DEAL_SORTS` and
    /// `sorting::FLOW_SORTS` (`s`/`S`).
    pub deal_sort: usize,
    pub flow_sort: usize,
    /// The Entities pane's order, an index into `sorting::ENTITY_SORTS`.
    pub entity_sort: usize,
    /// The focused pane takes the whole screen (`z`).
    pub zoom: bool,
    /// Text `y`/`Y` copied, for the event loop to send to the terminal's clipboard (OSC 52).
    pub clipboard: Option<String>,
    pub quit: bool,
}

impl App {
    pub fn new(book: Book, width: u16, height: u16) -> App {
        App::with_model(Arc::new(Model::new(book)), width, height)
    }

    /// An explorer on a model already built (on another thread, say).
    pub fn with_model(model: Arc<Model>, width: u16, height: u16) -> App {
        let detail = (!model.book.entities.is_empty()).then_some(Record::Entity(0));
        let mut app = App {
            searcher: searcher_for(&model),
            model,
            keymap: keymap::bindings(),
            theme: Theme::from_env(),
            nav: Nav::start(detail),
            history: Vec::new(),
            overlay: Overlay::None,
            last_search: None,
            search_step: None,
            defer_search: false,
            width,
            height,
            message: None,
            marks: Marks::at(None, None, None),
            review_progress: None,
            money: StatusSet::LIVE,
            clipboard: None,
            problems: Vec::new(),
            book_name: String::new(),
            orphans: Vec::new(),
            live: Live::default(),
            deal_sort: 0,
            flow_sort: 0,
            entity_sort: 0,
            zoom: false,
            search_history: Vec::new(),
            new_searches: Vec::new(),
            quit: false,
        };
        // The first screen is what the cursor says: Deals and Flows narrowed to the entity it
        // is on, as they are after any move in Entities (`x` shows everything).
        app.nav.filter = app.selected_entity();
        app
    }

    /// Whether search is ready (a big book's search index is built after its first frame).
    pub fn search_ready(&self) -> bool {
        self.model.index().is_some()
    }

    /// Takes up the model's search index once the loader has built it, and searches again
    /// what was typed before it was there.
    fn sync_index(&mut self) {
        let Some(index) = self.model.index() else {
            return;
        };
        if Arc::ptr_eq(index, self.searcher.index()) {
            return;
        }
        self.searcher = Searcher::new(Arc::clone(index));
        if let Overlay::Search(s) = &mut self.overlay {
            s.dirty = true;
        }
        if !self.defer_search {
            self.flush_search();
        }
    }

    /// What the views read.
    pub fn view(&self) -> View<'_> {
        View {
            model: &self.model,
            theme: &self.theme,
            nav: &self.nav,
            keys: matches!(self.overlay, Overlay::None),
            marks: &self.marks,
            progress: self.review_progress.as_deref(),
            money: self.money,
            deal_sort: self.deal_sort,
            flow_sort: self.flow_sort,
            entity_sort: self.entity_sort,
        }
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        self.overlay.mode()
    }

    /// The search line, when it is open.
    pub fn search(&self) -> Option<&SearchUi> {
        match &self.overlay {
            Overlay::Search(s) => Some(s),
            _ => None,
        }
    }

    /// The first line of the help shown, when the help is open.
    pub fn help_offset(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Help { offset } => Some(offset),
            _ => None,
        }
    }

    pub fn areas(&self) -> Areas {
        let screen = ratatui::layout::Rect::new(0, 0, self.width, self.height);
        if self.zoom {
            layout::zoomed(screen, self.nav.focus)
        } else {
            layout::areas(screen)
        }
    }

    /// Rows of the Entities pane, in the order `s` chose.
    pub fn entity_rows(&self) -> Rows<'_> {
        self.model.entity_rows(self.entity_sort)
    }

    /// Rows of the Deals pane: all deals, or those of the filter entity.
    pub fn deal_rows(&self) -> Rows<'_> {
        self.model.deal_rows_sorted(self.nav.filter, self.deal_sort)
    }

    /// Rows of the Flows pane (edges or loops).
    pub fn flow_rows(&self) -> Rows<'_> {
        self.model.flow_rows(
            self.nav.filter,
            self.nav.show_cycles,
            self.money,
            self.flow_sort,
        )
    }

    fn rows_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Entities => self.entity_rows().len(),
            Pane::Deals => self.deal_rows().len(),
            Pane::Flows => self.flow_rows().len(),
            Pane::Detail => self.detail_items().len(),
        }
    }

    /// The visible rows of a pane (its inner height).
    pub fn pane_height(&self, pane: Pane) -> usize {
        let a = self.areas();
        let r = match pane {
            Pane::Entities => a.entities,
            Pane::Deals => a.deals,
            Pane::Flows => a.flows,
            Pane::Detail => a.detail,
        };
        usize::from(r.height.saturating_sub(2)).max(1)
    }

    /// Inner width of the Detail pane, for wrapping its text.
    pub fn detail_width(&self) -> usize {
        usize::from(self.areas().detail.width.saturating_sub(2)).max(10)
    }

    /// The lines of the Detail pane for its current record, and the items among them.
    pub fn detail_lines(&self) -> Vec<DLine> {
        detail::build(&self.view(), self.nav.detail, self.detail_width())
    }

    pub fn detail_items(&self) -> Vec<Record> {
        self.detail_lines()
            .into_iter()
            .filter_map(|l| l.item)
            .collect()
    }

    pub fn selected_entity(&self) -> Option<EntityIx> {
        self.entity_rows().get(self.nav.entities.selected)
    }

    pub fn selected_deal(&self) -> Option<DealIx> {
        self.deal_rows().get(self.nav.deals.selected)
    }

    /// The aggregated flow or the loop selected in the Flows pane.
    pub(super) fn selected_flow(&self) -> Option<Record> {
        let i = self.flow_rows().get(self.nav.pos(Pane::Flows).selected)?;
        if self.nav.show_cycles {
            Some(Record::Loop(i))
        } else {
            self.model.edge_record(i)
        }
    }

    /// `s`/`S`: the focused pane's next or previous order, the selected record kept selected.
    fn cycle_sort(&mut self, step: isize) {
        use super::sorting::{
            DEAL_SORTS, ENTITY_SORTS, FLOW_SORTS, cycle, deal_label, entity_label, flow_label,
        };
        match self.nav.focus {
            Pane::Entities => {
                let before = self.selected_entity();
                self.entity_sort = cycle(self.entity_sort, ENTITY_SORTS.len(), step);
                let row = before
                    .and_then(|e| self.entity_rows().position(e))
                    .unwrap_or(0);
                let (len, h) = (self.entity_rows().len(), self.pane_height(Pane::Entities));
                self.nav.entities.select(row, len, h);
                self.message = Some(format!(
                    "entities by {}",
                    entity_label(self.entity_sort).unwrap_or_else(|| "book order".into())
                ));
            }
            Pane::Deals => {
                let before = self.selected_deal();
                self.deal_sort = cycle(self.deal_sort, DEAL_SORTS.len(), step);
                let row = before
                    .and_then(|d| self.deal_rows().position(d))
                    .unwrap_or(0);
                let (len, h) = (self.deal_rows().len(), self.pane_height(Pane::Deals));
                self.nav.deals.select(row, len, h);
                self.message = Some(format!(
                    "deals by {}",
                    deal_label(self.deal_sort).unwrap_or_else(|| "book order".into())
                ));
            }
            Pane::Flows if !self.nav.show_cycles => {
                let before = self.flow_rows().get(self.nav.flows.selected);
                self.flow_sort = cycle(self.flow_sort, FLOW_SORTS.len(), step);
                let row = before
                    .and_then(|i| self.flow_rows().position(i))
                    .unwrap_or(0);
                let (len, h) = (self.flow_rows().len(), self.pane_height(Pane::Flows));
                self.nav.flows.select(row, len, h);
                self.message = Some(format!("flows by {}", flow_label(self.flow_sort)));
            }
            _ => {
                self.message = Some("s sorts the Entities, Deals and Flows panes".into());
            }
        }
    }

    /// `y`: the selected record as one line with its source; `Y`: the page in Detail (or of the
    /// selection) as Markdown. The text waits in `clipboard` for the event loop.
    fn copy(&mut self, page: bool) {
        let record = if page {
            self.nav.detail.or_else(|| self.marked_record())
        } else {
            self.marked_record()
        };
        let Some(record) = record else {
            self.message = Some("nothing selected to copy".into());
            return;
        };
        let book = &self.model.book;
        let text = if page {
            crate::book::cite::markdown(book, record)
        } else {
            crate::book::cite::line(book, &self.model.loops.cycles, record)
        };
        self.message = Some(if page {
            format!(
                "copied {} as Markdown ({} lines)",
                self.model.title(record.page()),
                text.lines().count()
            )
        } else {
            format!("copied: {}", crate::text::fit(&text, 60).trim_end())
        });
        self.clipboard = Some(text);
    }

    /// The row of the Flows pane (its aggregated flows, or its loops) that shows `record`,
    /// if it is there.
    pub(super) fn flow_row_of(&self, record: Record) -> Option<usize> {
        let rows = self.flow_rows();
        (0..rows.len()).find(|&row| {
            let shown = rows.get(row).and_then(|i| {
                if self.nav.show_cycles {
                    Some(Record::Loop(i))
                } else {
                    self.model.edge_record(i)
                }
            });
            shown == Some(record)
        })
    }

    /// What a record is called, in the breadcrumb and the search results.
    pub fn title(&self, record: Record) -> Cow<'_, str> {
        self.model.title(record)
    }

    /// The breadcrumb: the steps taken since the start.
    pub fn breadcrumb(&self) -> Vec<&str> {
        self.history
            .iter()
            .map(|(_, label)| label.as_str())
            .collect()
    }

    /// The one place state changes. Quit and Resize apply whatever is open; every other action
    /// goes to what has the keys: the help, the search line or the main screen.
    pub fn update(&mut self, action: Action) {
        self.sync_index();
        if !matches!(action, Action::None | Action::Resize { .. }) {
            self.message = None;
        }
        // On a screen too small to draw, keys would act unseen: only quitting and resizing do
        // anything, and q quits whatever has the keys (the screen says so).
        if self.areas().too_small {
            match action {
                Action::Quit | Action::SearchInput('q') => self.quit = true,
                Action::Resize { width, height } => self.resize(width, height),
                _ => {}
            }
            return;
        }
        match action {
            Action::None => {}
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            action => match self.overlay {
                Overlay::Help { .. } => self.update_help(action),
                Overlay::Picture(_) => self.update_picture(action),
                Overlay::Note(_) => self.update_note(action),
                Overlay::Problems { .. } => self.update_problems(action),
                Overlay::Search(_) => self.update_search(action),
                Overlay::None => self.update_main(action),
            },
        }
    }

    fn update_main(&mut self, action: Action) {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::PageUp => self.step(-(self.pane_height(self.nav.focus) as isize)),
            Action::PageDown => self.step(self.pane_height(self.nav.focus) as isize),
            Action::HalfPageUp => {
                self.step(-(self.pane_height(self.nav.focus) as isize / 2).max(1))
            }
            Action::HalfPageDown => {
                self.step((self.pane_height(self.nav.focus) as isize / 2).max(1))
            }
            Action::NextPane => self.focus(self.nav.focus.next()),
            Action::PrevPane => self.focus(self.nav.focus.prev()),
            Action::Focus(p) => self.focus(p),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::ClearFilter => self.clear_filter(),
            Action::ToggleReviewed => self.toggle_mark(Toggle::Reviewed),
            Action::ToggleFlagged => self.toggle_mark(Toggle::Flagged),
            Action::EditNote => self.edit_note(),
            Action::ShowProblems => {
                self.overlay = Overlay::Problems {
                    selected: 0,
                    offset: 0,
                }
            }
            Action::Edit => self.edit(),
            Action::Reload => self.reload(),
            Action::NextUnreviewed => self.step_unreviewed(1),
            Action::PrevUnreviewed => self.step_unreviewed(-1),
            Action::ToggleCycles => {
                self.nav.show_cycles = !self.nav.show_cycles;
                if self.nav.focus == Pane::Flows {
                    self.follow_selection();
                }
            }
            Action::CycleMoney => {
                // The selected edge stays selected when the new view has it.
                let before = self.selected_flow();
                self.money = self.money.next_view();
                if let Some(row) =
                    (before.and_then(|r| self.flow_row_of(r))).filter(|_| !self.nav.show_cycles)
                {
                    self.nav.flows.selected = row;
                }
                let (len, height) = (self.flow_rows().len(), self.pane_height(Pane::Flows));
                self.nav.flows.follow(len, height);
                if self.nav.flows.selected >= len {
                    self.nav.flows.select(len.saturating_sub(1), len, height);
                }
                self.message = Some(format!("money: {}", self.money.name()));
            }
            Action::Zoom => {
                self.zoom = !self.zoom;
                // The focused list's page is another height now: keep its selection in view.
                let p = self.nav.focus;
                let (len, h) = (self.rows_len(p), self.pane_height(p));
                self.nav.pos_mut(p).follow(len, h);
            }
            Action::SortNext => self.cycle_sort(1),
            Action::SortPrev => self.cycle_sort(-1),
            Action::CopyLine => self.copy(false),
            Action::CopyPage => self.copy(true),
            Action::Timeline => self.open_timeline(),
            Action::MoneyMap => self.open_map(),
            Action::MetricChart => self.open_chart(),
            Action::StartSearch => self.overlay = Overlay::Search(SearchUi::new(self.nav.clone())),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::ToggleHelp => self.overlay = Overlay::Help { offset: 0 },
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, lines } => self.scroll(column, row, lines),
            _ => {}
        }
    }

    /// Keys on the Problems list: move the selection; `e` edits at it, `r` reloads; q or Esc
    /// (or p) closes it.
    fn update_problems(&mut self, action: Action) {
        let height = crate::tui::problems::height(self.height);
        let len = self.problems.len() + self.orphans.len();
        let Overlay::Problems { selected, offset } = &mut self.overlay else {
            return;
        };
        let mut pos = crate::tui::nav::ListPos {
            selected: *selected,
            offset: *offset,
        };
        if pos.move_by(&action, len, height) {
            (*selected, *offset) = (pos.selected, pos.offset);
            return;
        }
        match action {
            Action::ShowProblems => self.overlay = Overlay::None,
            Action::Edit => self.edit(),
            Action::Reload => self.reload(),
            _ => {}
        }
    }

    fn update_help(&mut self, action: Action) {
        let visible = usize::from(self.areas().help.height.saturating_sub(2));
        let last = keymap::help_len(&self.keymap).saturating_sub(visible);
        let Overlay::Help { offset } = &mut self.overlay else {
            return;
        };
        let page = visible.max(1);
        match action {
            Action::Up => *offset = offset.saturating_sub(1),
            Action::Down => *offset = (*offset + 1).min(last),
            Action::Top => *offset = 0,
            Action::Bottom => *offset = last,
            Action::PageDown => *offset = (*offset + page).min(last),
            Action::PageUp => *offset = offset.saturating_sub(page),
            Action::HalfPageDown => *offset = (*offset + page / 2).min(last),
            Action::HalfPageUp => *offset = offset.saturating_sub(page / 2),
            Action::ToggleHelp => self.overlay = Overlay::None,
            _ => {}
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        // Detail keeps its place in the text, not its line number: wrapped to another width,
        // the same words stay at the top, and a selected item in view stays in view.
        // A screen too small to draw panes keeps the place it had before.
        let pos = self.nav.detail_pos;
        let seen = (!self.areas().too_small).then(|| {
            let before = self.detail_lines();
            let h = self.pane_height(Pane::Detail);
            let item_seen = detail::line_of_item(&before, pos.selected)
                .is_some_and(|l| l >= pos.offset && l < pos.offset + h);
            (detail::text_before(&before, pos.offset), item_seen)
        });
        self.width = width;
        self.height = height;
        for pane in [Pane::Entities, Pane::Deals, Pane::Flows] {
            let (len, h) = (self.rows_len(pane), self.pane_height(pane));
            self.nav.pos_mut(pane).follow(len, h);
        }
        if self.areas().too_small {
            return self.follow_search();
        }
        let after = self.detail_lines();
        let h = self.pane_height(Pane::Detail);
        let mut offset = pos.offset;
        if let Some((place, item_seen)) = seen {
            offset = detail::line_at_text(&after, place);
            if item_seen && let Some(line) = detail::line_of_item(&after, pos.selected) {
                offset = offset.min(line).max((line + 1).saturating_sub(h));
            }
        }
        self.nav.detail_pos.offset = offset.min(after.len().saturating_sub(h));
        self.follow_search();
    }

    /// The search's selection kept in its window after a resize.
    fn follow_search(&mut self) {
        let h = self.search_height();
        if let Overlay::Search(s) = &mut self.overlay {
            let len = s.hits.len();
            s.pos.follow(len, h);
        }
    }
}

/// A searcher over the model's index, or over nothing while the index is being built.
fn searcher_for(model: &Model) -> Searcher {
    Searcher::new(match model.index() {
        Some(index) => Arc::clone(index),
        None => Arc::new(Index::new(&Book::default())),
    })
}
