//! The explorer's state and its one `update`: every change of state goes through
//! [`App::update`], which is plain Rust, tested with sequences of actions and no terminal.

use super::action::{Action, Pane};
use super::detail;
use super::keymap::{self, Binding, Mode};
use super::layout::{self, Areas};
use super::theme::Theme;
use crate::book::flows::{self, CycleReport, Edge, EntityTotals, Limits};
use crate::book::{Book, DealIx, EntityIx, Record};
use crate::search::{Hit, Index, Searcher};
use std::borrow::Cow;
use std::sync::Arc;

/// A selection and the first visible row of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

impl ListPos {
    /// Moves the selection by `delta` within `len` rows and scrolls so it stays in the
    /// `height` visible rows.
    fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = ListPos::default();
            return;
        }
        let target = (self.selected as isize + delta).clamp(0, len as isize - 1);
        self.select(target as usize, len, height);
    }

    fn select(&mut self, row: usize, len: usize, height: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.follow(len, height);
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
}

/// The search line while it is open.
#[derive(Debug, Clone)]
pub struct SearchUi {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub offset: usize,
    /// Where the user was when the search opened, restored by Esc.
    pub before: Nav,
}

/// The last search that opened a hit, for n/N.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub current: usize,
}

/// How many hits the search keeps: more than a tall terminal shows, few enough that ranking
/// them stays cheap (benches/explorer.rs).
pub const SEARCH_LIMIT: usize = 100;

pub struct App {
    pub book: Arc<Book>,
    /// Aggregated flows (not rolled up), largest first.
    pub edges: Vec<Edge>,
    /// For each entity, the edges it is an end of.
    pub edges_of: Vec<Vec<usize>>,
    pub cycles: CycleReport,
    /// For each top-level entity, the cycles it is on.
    pub cycles_of: Vec<Vec<usize>>,
    pub totals: Vec<EntityTotals>,
    /// The largest edge size, for scaling the bars.
    pub max_edge: f64,
    pub keymap: Vec<Binding>,
    pub theme: Theme,
    pub nav: Nav,
    /// Back restores these, most recent last, with the breadcrumb label of each step taken.
    pub history: Vec<(Nav, String)>,
    pub mode: Mode,
    pub search: Option<SearchUi>,
    pub last_search: Option<LastSearch>,
    searcher: Searcher,
    /// When set, typing in the search line does not search until `flush_search` (the event
    /// loop sets it to coalesce a burst of keys into one search).
    pub defer_search: bool,
    search_dirty: bool,
    pub width: u16,
    pub height: u16,
    /// A one-line note shown in the footer until the next action ("no more hits").
    pub message: Option<String>,
    /// First line of the help overlay shown.
    pub help_offset: usize,
    pub quit: bool,
}

impl App {
    pub fn new(book: Book, width: u16, height: u16) -> App {
        let book = Arc::new(book);
        let edges = flows::aggregate(&book, false);
        let mut edges_of = vec![Vec::new(); book.entities.len()];
        for (i, e) in edges.iter().enumerate() {
            edges_of[e.from].push(i);
            if e.to != e.from {
                edges_of[e.to].push(i);
            }
        }
        let cycles = flows::find_cycles(&book, &Limits::default());
        let mut cycles_of = vec![Vec::new(); book.entities.len()];
        for (i, c) in cycles.cycles.iter().enumerate() {
            for &e in &c.entities {
                cycles_of[e].push(i);
            }
        }
        let max_edge = edges.iter().map(|e| e.totals.size()).fold(0.0, f64::max);
        let totals = flows::entity_totals(&book);
        let index = Arc::new(Index::new(&book));
        let detail = (!book.entities.is_empty()).then_some(Record::Entity(0));
        App {
            searcher: Searcher::new(index),
            edges,
            edges_of,
            cycles,
            cycles_of,
            totals,
            max_edge,
            keymap: keymap::bindings(),
            theme: Theme::from_env(),
            nav: Nav {
                focus: Pane::Entities,
                filter: None,
                entities: ListPos::default(),
                deals: ListPos::default(),
                flows: ListPos::default(),
                cycles: ListPos::default(),
                show_cycles: false,
                detail,
                detail_pos: ListPos::default(),
            },
            history: Vec::new(),
            mode: Mode::Normal,
            search: None,
            last_search: None,
            defer_search: false,
            search_dirty: false,
            width,
            height,
            message: None,
            help_offset: 0,
            quit: false,
            book,
        }
    }

    pub fn areas(&self) -> Areas {
        layout::areas(ratatui::layout::Rect::new(0, 0, self.width, self.height))
    }

    /// Rows of the Deals pane: all deals, or those of the filter entity.
    pub fn deal_rows(&self) -> Rows<'_> {
        match self.nav.filter {
            Some(e) => Rows::Subset(&self.book.deals_of[e]),
            None => Rows::All(self.book.deals.len()),
        }
    }

    /// Rows of the Flows pane (edges or cycles).
    pub fn flow_rows(&self) -> Rows<'_> {
        match (self.nav.filter, self.nav.show_cycles) {
            (Some(e), false) => Rows::Subset(&self.edges_of[e]),
            (None, false) => Rows::All(self.edges.len()),
            (Some(e), true) => Rows::Subset(&self.cycles_of[self.book.root(e)]),
            (None, true) => Rows::All(self.cycles.cycles.len()),
        }
    }

    fn rows_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Entities => self.book.entities.len(),
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

    fn pos_mut(&mut self, pane: Pane) -> &mut ListPos {
        match pane {
            Pane::Entities => &mut self.nav.entities,
            Pane::Deals => &mut self.nav.deals,
            Pane::Flows if self.nav.show_cycles => &mut self.nav.cycles,
            Pane::Flows => &mut self.nav.flows,
            Pane::Detail => &mut self.nav.detail_pos,
        }
    }

    pub fn pos(&self, pane: Pane) -> ListPos {
        match pane {
            Pane::Entities => self.nav.entities,
            Pane::Deals => self.nav.deals,
            Pane::Flows if self.nav.show_cycles => self.nav.cycles,
            Pane::Flows => self.nav.flows,
            Pane::Detail => self.nav.detail_pos,
        }
    }

    /// The lines of the Detail pane for its current target, and the items among them.
    pub fn detail_lines(&self) -> Vec<detail::DLine> {
        detail::build(self, self.nav.detail, self.detail_width())
    }

    pub fn detail_items(&self) -> Vec<Record> {
        self.detail_lines()
            .into_iter()
            .filter_map(|l| l.item)
            .collect()
    }

    pub fn selected_entity(&self) -> Option<EntityIx> {
        (!self.book.entities.is_empty()).then_some(self.nav.entities.selected)
    }

    pub fn selected_deal(&self) -> Option<DealIx> {
        self.deal_rows().get(self.nav.deals.selected)
    }

    /// The aggregated flow or the loop selected in the Flows pane.
    fn selected_flow(&self) -> Option<Record> {
        let i = self.flow_rows().get(self.pos(Pane::Flows).selected)?;
        if self.nav.show_cycles {
            return Some(Record::Loop(i));
        }
        let e = self.edges.get(i)?;
        Some(Record::Edge {
            from: e.from,
            to: e.to,
            kind: e.kind,
        })
    }

    /// What a record is called, in the breadcrumb and the search results.
    pub fn title(&self, record: Record) -> Cow<'_, str> {
        record.title(&self.book, &self.cycles.cycles)
    }

    /// The breadcrumb: the steps taken since the start.
    pub fn breadcrumb(&self) -> Vec<&str> {
        self.history
            .iter()
            .map(|(_, label)| label.as_str())
            .collect()
    }

    /// Makes the Detail pane show what the focused list has selected.
    fn follow_selection(&mut self) {
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

    /// Narrows Deals and Flows to an entity (or to nothing), keeping their selections valid.
    fn set_filter(&mut self, filter: Option<EntityIx>) {
        if self.nav.filter == filter {
            return;
        }
        self.nav.filter = filter;
        self.nav.deals = ListPos::default();
        self.nav.flows = ListPos::default();
        self.nav.cycles = ListPos::default();
    }

    /// Puts the current place on the history before going to `to`, whose title labels the
    /// step in the breadcrumb.
    fn push_history(&mut self, to: Record) {
        let label = self.title(to).into_owned();
        self.history.push((self.nav.clone(), label));
        // A very long walk keeps only its last steps: Back is for retracing, not an archive.
        if self.history.len() > 500 {
            self.history.remove(0);
        }
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::None | Action::Resize { .. }) {
            self.message = None;
        }
        if self.mode == Mode::Help {
            match action {
                Action::Up => self.help_offset = self.help_offset.saturating_sub(1),
                Action::Down => {
                    let visible = usize::from(self.areas().help.height.saturating_sub(2));
                    let last = keymap::help_len(&self.keymap).saturating_sub(visible);
                    self.help_offset = (self.help_offset + 1).min(last);
                }
                _ => {}
            }
        }
        match action {
            Action::None => {}
            Action::Up | Action::Down if self.mode == Mode::Help => {}
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => self.resize(width, height),
            Action::ToggleHelp => {
                self.help_offset = 0;
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
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
            Action::ClearFilter => {
                if self.nav.filter.is_some() {
                    self.set_filter(None);
                    self.follow_selection();
                } else {
                    self.message = Some("no filter to clear".into());
                }
            }
            Action::ToggleCycles => {
                self.nav.show_cycles = !self.nav.show_cycles;
                if self.nav.focus == Pane::Flows {
                    self.follow_selection();
                }
            }
            Action::StartSearch => {
                self.mode = Mode::Search;
                self.search = Some(SearchUi {
                    query: String::new(),
                    hits: Vec::new(),
                    selected: 0,
                    offset: 0,
                    before: self.nav.clone(),
                });
            }
            Action::SearchInput(c) => self.edit_query(|q| q.push(c)),
            Action::SearchBackspace => self.edit_query(|q| {
                q.pop();
            }),
            Action::SearchClearLine => self.edit_query(String::clear),
            Action::SearchUp => self.move_hit(-1),
            Action::SearchDown => self.move_hit(1),
            Action::SearchCancel => {
                if let Some(s) = self.search.take() {
                    self.nav = s.before;
                }
                self.mode = Mode::Normal;
            }
            Action::SearchOpen => self.search_open(),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, lines } => self.scroll(column, row, lines),
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        for pane in [Pane::Entities, Pane::Deals, Pane::Flows] {
            let (len, h) = (self.rows_len(pane), self.pane_height(pane));
            self.pos_mut(pane).follow(len, h);
        }
        // The Detail pane keeps its place; only the end of the text must stay in view.
        let max_offset = self
            .detail_lines()
            .len()
            .saturating_sub(self.pane_height(Pane::Detail));
        self.nav.detail_pos.offset = self.nav.detail_pos.offset.min(max_offset);
        let h = self.search_height();
        if let Some(s) = &mut self.search {
            let mut pos = ListPos {
                selected: s.selected,
                offset: s.offset,
            };
            pos.follow(s.hits.len(), h);
            s.offset = pos.offset;
        }
    }

    fn step(&mut self, delta: isize) {
        let pane = self.nav.focus;
        if pane == Pane::Detail {
            self.step_detail(delta);
            return;
        }
        let (len, h) = (self.rows_len(pane), self.pane_height(pane));
        self.pos_mut(pane).step(delta, len, h);
        if pane == Pane::Entities {
            // Moving through entities narrows Deals and Flows to the one under the cursor.
            self.set_filter(self.selected_entity());
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

    fn focus(&mut self, pane: Pane) {
        self.nav.focus = pane;
        self.follow_selection();
    }

    /// Enter: one level deeper from the focused pane's selection.
    fn open(&mut self) {
        match self.nav.focus {
            Pane::Entities => {
                let Some(e) = self.selected_entity() else {
                    return;
                };
                self.push_history(Record::Entity(e));
                self.set_filter(Some(e));
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

    fn show_in_detail(&mut self, record: Record, item: usize) {
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
    fn open_item(&mut self, item: Record) {
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
    fn go_to_entity(&mut self, e: EntityIx) {
        self.nav.focus = Pane::Entities;
        let (len, h) = (self.book.entities.len(), self.pane_height(Pane::Entities));
        self.nav.entities.select(e, len, h);
        self.set_filter(Some(e));
        self.follow_selection();
    }

    /// Selects a deal in the Deals pane, dropping the filter if it hides the deal.
    fn go_to_deal(&mut self, d: DealIx) {
        if self.deal_rows().position(d).is_none() {
            self.set_filter(None);
        }
        let row = self.deal_rows().position(d).unwrap_or(0);
        let (len, h) = (self.deal_rows().len(), self.pane_height(Pane::Deals));
        self.nav.deals.select(row, len, h);
        self.nav.focus = Pane::Deals;
        self.follow_selection();
    }

    fn back(&mut self) {
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

    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(s) = &mut self.search else { return };
        edit(&mut s.query);
        self.search_dirty = true;
        if !self.defer_search {
            self.flush_search();
        }
    }

    /// Runs the pending search, if the query changed since the last one.
    pub fn flush_search(&mut self) {
        if !self.search_dirty {
            return;
        }
        self.search_dirty = false;
        let Some(s) = &mut self.search else { return };
        s.hits = self.searcher.search(&s.query, SEARCH_LIMIT);
        s.selected = 0;
        s.offset = 0;
    }

    /// Rows of the search results list.
    pub fn search_height(&self) -> usize {
        usize::from(self.areas().search_results.height).max(1)
    }

    fn move_hit(&mut self, delta: isize) {
        let h = self.search_height();
        let Some(s) = &mut self.search else { return };
        if s.hits.is_empty() {
            return;
        }
        let mut pos = ListPos {
            selected: s.selected,
            offset: s.offset,
        };
        pos.step(delta, s.hits.len(), h);
        s.selected = pos.selected;
        s.offset = pos.offset;
    }

    fn search_open(&mut self) {
        let Some(s) = self.search.take() else { return };
        self.mode = Mode::Normal;
        let Some(hit) = s.hits.get(s.selected).cloned() else {
            self.nav = s.before;
            self.message = Some(if s.query.trim().is_empty() {
                "type something to search for".into()
            } else {
                format!("no hits for '{}'", s.query.trim())
            });
            return;
        };
        self.nav = s.before;
        self.last_search = Some(LastSearch {
            query: s.query,
            hits: s.hits,
            current: s.selected,
        });
        self.open_hit(&hit);
    }

    /// Opens a search hit in context: an entity in Entities, a deal in Deals, a term in its
    /// deal with the term selected, anything else in Detail.
    fn open_hit(&mut self, hit: &Hit) {
        self.push_history(hit.record);
        match hit.record {
            Record::Entity(e) => self.go_to_entity(e),
            Record::Deal(d) => self.go_to_deal(d),
            Record::Term { deal, .. } => {
                self.go_to_deal(deal);
                let item = self
                    .detail_items()
                    .iter()
                    .position(|i| *i == hit.record)
                    .unwrap_or(0);
                self.show_in_detail(Record::Deal(deal), item);
            }
            other => self.show_in_detail(other.page(), 0),
        }
    }

    fn step_hit(&mut self, delta: isize) {
        let Some(last) = &mut self.last_search else {
            self.message = Some("no search yet: / searches".into());
            return;
        };
        let n = last.hits.len() as isize;
        if n == 0 {
            return;
        }
        last.current = (last.current as isize + delta).rem_euclid(n) as usize;
        let hit = last.hits[last.current].clone();
        let more = if last.hits.len() >= SEARCH_LIMIT {
            "+"
        } else {
            ""
        };
        let note = format!("hit {} of {n}{more} for '{}'", last.current + 1, last.query);
        self.open_hit(&hit);
        self.message = Some(note);
    }

    /// The pane under a screen cell, if any.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, ratatui::layout::Rect)> {
        let a = self.areas();
        let inside = |r: ratatui::layout::Rect| {
            column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
        };
        [
            (Pane::Entities, a.entities),
            (Pane::Deals, a.deals),
            (Pane::Flows, a.flows),
            (Pane::Detail, a.detail),
        ]
        .into_iter()
        .find(|(_, r)| inside(*r))
    }

    fn click(&mut self, column: u16, row: u16) {
        if self.mode != Mode::Normal {
            return;
        }
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
                let target = self.pos(pane).offset + line;
                if target < self.rows_len(pane) {
                    let delta = target as isize - self.pos(pane).selected as isize;
                    self.step(delta);
                    return;
                }
            }
        }
        self.follow_selection();
    }

    fn scroll(&mut self, column: u16, row: u16, lines: i16) {
        if self.mode == Mode::Search {
            self.move_hit(isize::from(lines));
            return;
        }
        if self.mode != Mode::Normal {
            return;
        }
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

/// The rows of a list pane: all of something (no list is built), or a subset by index.
#[derive(Debug, Clone, Copy)]
pub enum Rows<'a> {
    All(usize),
    Subset(&'a [usize]),
}

impl Rows<'_> {
    pub fn len(&self) -> usize {
        match self {
            Rows::All(n) => *n,
            Rows::Subset(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, row: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (row < *n).then_some(row),
            Rows::Subset(v) => v.get(row).copied(),
        }
    }

    pub fn position(&self, ix: usize) -> Option<usize> {
        match self {
            Rows::All(n) => (ix < *n).then_some(ix),
            Rows::Subset(v) => v.iter().position(|&x| x == ix),
        }
    }
}
