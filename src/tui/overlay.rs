//! What is open over the main screen — nothing, the search line or the help — as one value that
//! carries its own state, and the last search kept for n/N.

use super::keymap::Mode;
use super::nav::{ListPos, Nav};
use crate::book::EntityIx;
use crate::book::flows::map::MoneyMap;
use crate::book::timeline::Timeline;
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
    /// A picture over the whole body: the timeline, an entity's money map or its metric chart.
    Picture(PictureUi),
    /// The note line (`a`): the record the note is on, and the text being written.
    Note(NoteUi),
    /// The book's problems (`p`): the selected one, and the first line shown.
    Problems {
        selected: usize,
        offset: usize,
    },
}

/// The note being written on a record.
#[derive(Debug, Clone)]
pub struct NoteUi {
    pub record: crate::book::Record,
    /// What the record is called, for the line's title.
    pub title: String,
    pub input: tui_input::Input,
}

/// What a picture shows.
#[derive(Debug, Clone)]
pub enum Picture {
    /// The deals (of the entity filter, or all) on a date axis.
    Timeline(Timeline),
    /// Who pays an entity and whom it pays.
    Map(MoneyMap),
    /// An entity's metrics drawn over time.
    Chart(EntityIx),
}

/// A picture and where the user is in it.
#[derive(Debug, Clone)]
pub struct PictureUi {
    pub picture: Picture,
    /// The selected row (a timeline row, a map neighbour) and the first line shown.
    pub pos: ListPos,
    /// The map's earlier centres, most recent last, each with its selection: Esc goes back
    /// along them before it closes the map.
    pub trail: Vec<(EntityIx, ListPos)>,
}

impl PictureUi {
    pub fn new(picture: Picture) -> PictureUi {
        PictureUi {
            picture,
            pos: ListPos::default(),
            trail: Vec::new(),
        }
    }

    /// How many rows j/k move through.
    pub fn len(&self) -> usize {
        match &self.picture {
            Picture::Timeline(t) => t.len(),
            Picture::Map(m) => m.len(),
            Picture::Chart(_) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Overlay {
    /// Which keys apply.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Normal,
            Overlay::Search(_) => Mode::Search,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Picture(_) => Mode::Picture,
            Overlay::Note(_) => Mode::Note,
            Overlay::Problems { .. } => Mode::ProblemList,
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
    /// Which earlier query is shown (an index into the history, 0 the most recent), and what
    /// was typed before ↑ recalled it.
    pub recalled: Option<usize>,
    pub typed: String,
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
            recalled: None,
            typed: String::new(),
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
