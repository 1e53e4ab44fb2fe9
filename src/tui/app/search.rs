//! The search line: typing, moving among hits, opening one in context; n/N after it.

use super::App;
use crate::book::Record;
use crate::search::Hit;
use crate::tui::action::Action;
use crate::tui::nav::ListPos;
use crate::tui::overlay::{LastSearch, Overlay, SEARCH_LIMIT};

impl App {
    /// An action while the search line has the keys.
    pub(super) fn update_search(&mut self, action: Action) {
        match action {
            Action::SearchInput(c) => self.edit_query(|q| q.push(c)),
            Action::SearchBackspace => self.edit_query(|q| {
                q.pop();
            }),
            Action::SearchClearLine => self.edit_query(String::clear),
            Action::SearchHistoryPrev => self.recall(1),
            Action::SearchHistoryNext => self.recall(-1),
            Action::SearchUp => self.move_hit(-1),
            Action::SearchDown => self.move_hit(1),
            Action::Scroll { lines, .. } => self.move_hit(isize::from(lines)),
            Action::SearchCancel => {
                if let Overlay::Search(s) = std::mem::take(&mut self.overlay) {
                    self.nav = s.before;
                }
            }
            Action::SearchOpen => self.search_open(),
            _ => {}
        }
    }

    /// ↑ (`step` 1) shows the query before the one shown, ↓ (`-1`) the one after, and past the
    /// most recent, what was typed before ↑.
    fn recall(&mut self, step: isize) {
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        let len = self.search_history.len() as isize;
        let next = s
            .recalled
            .map_or(if step > 0 { 0 } else { -1 }, |i| i as isize + step);
        if len == 0 || (s.recalled.is_none() && step < 0) {
            self.message = Some("no earlier searches".into());
            return;
        }
        if next < 0 {
            s.recalled = None;
            s.query = std::mem::take(&mut s.typed);
        } else {
            let i = next.min(len - 1) as usize;
            if s.recalled.is_none() {
                s.typed = s.query.clone();
            }
            s.recalled = Some(i);
            s.query = self.search_history[i].clone();
        }
        s.pos = ListPos::default();
        s.dirty = true;
        if !self.defer_search {
            self.flush_search();
        }
    }

    /// Keeps an opened search at the front of the history.
    fn remember(&mut self, query: &str) {
        let q = query.trim();
        if q.is_empty() {
            return;
        }
        self.search_history.retain(|h| h != q);
        self.search_history.insert(0, q.to_string());
        self.search_history.truncate(crate::state::HISTORY_CAP);
        self.new_searches.retain(|h| h != q);
        self.new_searches.push(q.to_string());
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut String)) {
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        // Editing a recalled query makes it the query typed.
        s.recalled = None;
        edit(&mut s.query);
        s.dirty = true;
        if !self.defer_search {
            self.flush_search();
        }
    }

    /// Runs the pending search, if the query changed since the last one.
    pub fn flush_search(&mut self) {
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        if !s.dirty {
            return;
        }
        s.dirty = false;
        let query = s.query.clone();
        let found = self.hits_for(&query);
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        match found {
            Ok(hits) => {
                s.hits = hits;
                s.error = None;
            }
            Err(e) => {
                // Never an empty list without a word: the error says what is wrong, and the
                // hits of the last query that parsed stay until the query parses again.
                s.error = Some(e);
            }
        }
        s.pos = ListPos::default();
    }

    /// The best hits of `query`. Review filters (is:reviewed, is:flagged…) are the marks',
    /// not the index's: the index finds the rest, then the marks keep their hits.
    fn hits_for(&mut self, query: &str) -> Result<Vec<Hit>, crate::search::QueryError> {
        let (query, marked) = crate::review::filter::split(query);
        let limit = if marked.is_empty() {
            SEARCH_LIMIT
        } else {
            usize::MAX
        };
        let mut hits = self.searcher.find(&query, limit)?;
        if !marked.is_empty() {
            let (book, loops) = (&self.model.book, &self.model.loops.cycles);
            hits.retain(|h| marked.keeps(&self.marks, book, loops, h.record));
            hits.truncate(SEARCH_LIMIT);
        }
        Ok(hits)
    }

    /// Rows of the search results list.
    pub fn search_height(&self) -> usize {
        usize::from(self.areas().search_results.height).max(1)
    }

    fn move_hit(&mut self, delta: isize) {
        let h = self.search_height();
        let Overlay::Search(s) = &mut self.overlay else {
            return;
        };
        if s.hits.is_empty() {
            return;
        }
        let len = s.hits.len();
        s.pos.step(delta, len, h);
    }

    fn search_open(&mut self) {
        // Keys typed in the same burst as Enter have not been searched yet.
        self.flush_search();
        let Overlay::Search(s) = std::mem::take(&mut self.overlay) else {
            return;
        };
        self.nav = s.before;
        if let Some(e) = &s.error {
            self.message = Some(e.to_string());
            return;
        }
        let Some(hit) = s.hits.get(s.pos.selected).cloned() else {
            self.message = Some(if s.query.trim().is_empty() {
                "type something to search for".into()
            } else {
                format!("no hits for '{}'", s.query.trim())
            });
            return;
        };
        self.remember(&s.query);
        self.last_search = Some(LastSearch {
            query: s.query,
            hits: s.hits,
            current: s.pos.selected,
        });
        self.open_hit(&hit);
        self.search_step = Some(self.history.len());
    }

    /// Shows `page` in Detail with `item` selected (the first line when it is not listed).
    fn show_item(&mut self, page: Record, item: Record) {
        let at = self
            .detail_items()
            .iter()
            .position(|i| *i == item)
            .unwrap_or(0);
        self.show_in_detail(page, at);
    }

    /// Opens a search hit in context: an entity in Entities, a deal in Deals, a term or a flow
    /// in its deal and a metric in its entity with that line selected, anything else in Detail.
    fn open_hit(&mut self, hit: &Hit) {
        self.push_history(hit.record);
        self.show_record(hit.record);
        self.bring_match_into_view(hit);
    }

    /// Shows a record in context, as a search hit opens: an entity in Entities, a deal in
    /// Deals, a term or a flow in its deal and a metric in its entity with that line selected,
    /// anything else in Detail. No history step (the explorer's start uses it too).
    pub fn show_record(&mut self, record: Record) {
        match record {
            Record::Entity(e) => self.go_to_entity(e),
            Record::Deal(d) => self.go_to_deal(d),
            Record::Term { deal, .. } | Record::Flow { deal, .. } => {
                self.go_to_deal(deal);
                self.show_item(Record::Deal(deal), record);
            }
            Record::Metric { entity, .. } => {
                self.go_to_entity(entity);
                self.show_item(Record::Entity(entity), record);
            }
            other => self.show_in_detail(other.page(), 0),
        }
    }

    /// Scrolls Detail to the line that holds the hit's match (a word of long notes, say) and
    /// marks it, when the record shown is the hit's own and the match is a word of its text.
    fn bring_match_into_view(&mut self, hit: &Hit) {
        self.nav.found = None;
        let Some(shown) = self.nav.detail else {
            return;
        };
        let Some(word) = matched_word(hit) else {
            return;
        };
        let lines = self.detail_lines();
        let text = |l: &crate::tui::detail::DLine| -> String {
            l.line.spans.iter().map(|s| s.content.as_ref()).collect()
        };
        // The selected item's own line, if it holds the word; else the first line that does.
        let selected = crate::tui::detail::line_of_item(&lines, self.nav.detail_pos.selected);
        let at = selected
            .filter(|&i| lines.get(i).is_some_and(|l| text(l).contains(&word)))
            .or_else(|| lines.iter().position(|l| text(l).contains(&word)));
        let Some(at) = at else {
            return;
        };
        let h = self.pane_height(crate::tui::action::Pane::Detail).max(1);
        let pos = &mut self.nav.detail_pos;
        if at < pos.offset || at >= pos.offset + h {
            // A third of the pane above it, for context.
            pos.offset = at.saturating_sub(h / 3).min(lines.len().saturating_sub(h));
        }
        self.nav.found = Some((shown, at));
    }

    pub(super) fn step_hit(&mut self, delta: isize) {
        let Some(query) = self.last_search.as_ref().map(|l| l.query.clone()) else {
            self.message = Some("no search yet: / searches".into());
            return;
        };
        // A reload leaves the hits to be found again, in the new book, when first needed.
        if self.last_search.as_ref().is_some_and(|l| l.hits.is_empty()) {
            let hits = self.hits_for(&query).unwrap_or_default();
            if let Some(last) = &mut self.last_search {
                last.hits = hits;
            }
        }
        let Some(last) = &mut self.last_search else {
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
        if self
            .search_step
            .is_some_and(|s| s == self.history.len() && s > 0)
        {
            // The last step is the search's: it moves to this hit (Back still goes to where
            // the user was before the search).
            self.show_record(hit.record);
            self.bring_match_into_view(&hit);
            let label = self.title(hit.record).into_owned();
            if let Some(last) = self.history.last_mut() {
                last.1 = label;
            }
        } else {
            self.open_hit(&hit);
            self.search_step = Some(self.history.len());
        }
        self.message = Some(note);
    }
}

/// The word of the hit's field that holds its first matched character ("profitable" in
/// OpenAI's notes), as it is written there; `None` when nothing was matched.
fn matched_word(hit: &Hit) -> Option<String> {
    let chars: Vec<char> = hit.matched.chars().collect();
    let first = *hit.positions.first()?;
    if first >= chars.len() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '$' | '%' | '.' | '\'' | '-');
    let start = (0..=first)
        .rev()
        .take_while(|&i| is_word(chars[i]))
        .last()?;
    let end = (first..chars.len())
        .take_while(|&i| is_word(chars[i]))
        .last()?
        + 1;
    let word: String = chars[start..end].iter().collect();
    (!word.is_empty()).then_some(word)
}
