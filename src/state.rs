//! What the explorer remembers between runs — the last place in each book (the selected record,
//! by its review key) and the search history — in `state.json` in the state folder
//! ([`crate::dirs::state_dir`]). Written whole and merged with what another explorer wrote; a
//! file that cannot be read is ignored (and replaced at the next save): losing one's place is
//! a nuisance, never a reason to fail.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The most searches remembered, most recent first.
pub const HISTORY_CAP: usize = 100;
/// The most books whose place is remembered (the least recently used are forgotten).
pub const BOOKS_CAP: usize = 200;

/// Where the user was in one book.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The selected record's key (`deal:ID`, see `review::key`).
    pub selected: Option<String>,
    /// The focused pane ("entities", "deals", "flows", "detail").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The entity Deals and Flows were narrowed to, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// The money counted (`v`: "committed", "committed + in talks", "all deals").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money: Option<String>,
    /// Flows showed the loops of circular financing (`c`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loops: bool,
    /// The orders of the Entities, Deals and Flows panes (`s`), as positions in their lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sorts: Option<[usize; 3]>,
    /// When it was saved, RFC 3339 in UTC (to forget the oldest first).
    pub at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    books: BTreeMap<String, Place>,
    #[serde(default)]
    search_history: Vec<String>,
}

/// The explorer's remembered state, and this session's changes to it.
#[derive(Debug)]
pub struct State {
    path: Option<PathBuf>,
    file: StateFile,
    /// Places set in this session, by book.
    places: BTreeMap<String, Place>,
    /// Searches made in this session, oldest first.
    searches: Vec<String>,
}

/// The name a book's place is kept under: its absolute path, or `bundled`.
pub fn book_name(book: Option<&Path>) -> String {
    match book {
        None => "bundled".into(),
        Some(p) => std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
            .to_string_lossy()
            .into_owned(),
    }
}

impl State {
    /// The state in the state folder (empty if there is none, or it cannot be read).
    pub fn load() -> State {
        State::at(crate::dirs::state_dir().map(|d| d.join("state.json")))
    }

    /// The state in `path` (`None`: remembered for this session only).
    pub fn at(path: Option<PathBuf>) -> State {
        let file = path.as_deref().map(read).unwrap_or_default();
        State {
            path,
            file,
            places: BTreeMap::new(),
            searches: Vec::new(),
        }
    }

    /// Where the user was in `book` (a [`book_name`]).
    pub fn place(&self, book: &str) -> Option<&Place> {
        self.places.get(book).or_else(|| self.file.books.get(book))
    }

    /// Remembers where the user is in `book`.
    pub fn set_place(&mut self, book: &str, place: Place) {
        self.places.insert(book.to_string(), place);
    }

    /// Remembers a search (blank ones are not).
    pub fn push_search(&mut self, query: &str) {
        let q = query.trim();
        if !q.is_empty() {
            self.searches.retain(|s| s != q);
            self.searches.push(q.to_string());
        }
    }

    /// Past searches, most recent first, each once.
    pub fn history(&self) -> Vec<String> {
        merge_history(&self.file.search_history, &self.searches)
    }

    /// Writes the state: re-reads the file, applies this session's places and searches, and
    /// writes it whole. Nothing is written when nothing changed.
    pub fn save(&mut self) -> io::Result<()> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.places.is_empty() && self.searches.is_empty() {
            return Ok(());
        }
        let mut file = read(&path);
        file.books.extend(self.places.clone());
        if file.books.len() > BOOKS_CAP {
            let mut by_age: Vec<(String, String)> = file
                .books
                .iter()
                .map(|(k, p)| (p.at.clone(), k.clone()))
                .collect();
            by_age.sort();
            for (_, k) in by_age.iter().take(file.books.len() - BOOKS_CAP) {
                file.books.remove(k);
            }
        }
        file.search_history = merge_history(&file.search_history, &self.searches);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
        crate::fsutil::write_atomic(&path, |w| w.write_all(&json))?;
        self.file = file;
        self.places.clear();
        self.searches.clear();
        Ok(())
    }
}

/// `session` (oldest first) in front of `saved` (most recent first), each once, capped.
fn merge_history(saved: &[String], session: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in session.iter().rev().chain(saved) {
        if !out.contains(q) {
            out.push(q.clone());
        }
        if out.len() == HISTORY_CAP {
            break;
        }
    }
    out
}

fn read(path: &Path) -> StateFile {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().expect("a temporary folder");
        let p = d.path().join("state/state.json");
        (d, p)
    }

    #[test]
    fn places_and_searches_come_back() {
        let (_d, path) = temp();
        let mut s = State::at(Some(path.clone()));
        assert!(s.place("bundled").is_none());
        let place = Place {
            selected: Some("deal:x".into()),
            focus: Some("deals".into()),
            filter: Some("openai".into()),
            money: Some("all deals".into()),
            loops: true,
            sorts: Some([1, 2, 3]),
            at: "2026-12-02T08:00:00Z".into(),
        };
        s.set_place("bundled", place.clone());
        s.push_search("nvidia");
        s.push_search("amd");
        s.push_search("nvidia");
        s.save().expect("saved");
        let s = State::at(Some(path));
        assert_eq!(s.place("bundled"), Some(&place));
        assert_eq!(s.history(), ["nvidia", "amd"]);
    }

    #[test]
    fn two_sessions_merge_and_the_history_is_capped() {
        let (_d, path) = temp();
        let mut one = State::at(Some(path.clone()));
        let mut two = State::at(Some(path.clone()));
        let place = |selected: Option<&str>, at: &str| Place {
            selected: selected.map(String::from),
            at: at.into(),
            ..Place::default()
        };
        one.set_place("/a.yaml", place(Some("deal:a"), "1"));
        for i in 0..150 {
            one.push_search(&format!("q{i}"));
        }
        one.save().expect("one saves");
        two.set_place("/b.yaml", place(None, "2"));
        two.push_search("q3");
        two.save().expect("two saves");
        let s = State::at(Some(path));
        assert!(s.place("/a.yaml").is_some() && s.place("/b.yaml").is_some());
        let h = s.history();
        assert_eq!(h.len(), HISTORY_CAP);
        assert_eq!(&h[..2], ["q3", "q149"]);
    }

    #[test]
    fn a_corrupt_file_starts_fresh() {
        let (_d, path) = temp();
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(&path, b"{\"books\": [1, 2").expect("write");
        let mut s = State::at(Some(path.clone()));
        assert!(s.history().is_empty());
        s.push_search("x");
        s.save().expect("replaced");
        assert_eq!(State::at(Some(path)).history(), ["x"]);
    }
}
