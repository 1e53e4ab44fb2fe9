//! What is open over the main screen — nothing, the search line or the help — as one value that
//! carries its own state, and the last search kept for n/N.

use super::keymap::Mode;
use super::nav::{ListPos, Nav};
use crate::search::{Hit, QueryError};

/// How many hits the search keeps: more than a tall terminal shows, few enough that ranking
/// them stays cheap (benches/explorer.rs).
pub const SEARCH_LIMIT: usize = 100;

// One overlay value lives in the app at a time: boxing the search would only add a pointer.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Default)]
pub enum Overlay {
    #[default]
    None,
    Search(SearchUi),
    Help {
        /// The first line shown.
        offset: usize,
    },
}

impl Overlay {
    /// Which keys apply.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Normal,
            Overlay::Search(_) => Mode::Search,
            Overlay::Help { .. } => Mode::Help,
        }
    }
}

/// The search line while it is open.
#[derive(Debug, Clone)]
pub struct SearchUi {
    pub query: String,
    pub hits: Vec<Hit>,
    /// The selected hit and the first one shown.
    pub pos: ListPos,
    /// Where the user was when the search opened, restored by Esc.
    pub before: Nav,
    /// The query changed since `hits` were found (the event loop searches once per burst).
    pub dirty: bool,
    /// Why the query cannot be searched, shown in place of the hits.
    pub error: Option<QueryError>,
}

impl SearchUi {
    pub fn new(before: Nav) -> SearchUi {
        SearchUi {
            query: String::new(),
            hits: Vec::new(),
            pos: ListPos::default(),
            before,
            dirty: false,
            error: None,
        }
    }
}

/// The last search that opened a hit, for n/N.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: String,
    pub hits: Vec<Hit>,
    pub current: usize,
}
