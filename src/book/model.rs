//! The validated deal book: typed values, references resolved to indices, terms parsed.

use super::date::Date;
use super::diag::Pos;
use super::terms::Term;
use std::collections::HashMap;
use std::fmt;

/// Index of a source in `Book::sources`.
pub type SourceIx = usize;
/// Index of an entity in `Book::entities`.
pub type EntityIx = usize;
/// Index of a deal in `Book::deals`.
pub type DealIx = usize;

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// What sort of thing an entity is.
    EntityKind {
        Company => "company",
        Investor => "investor",
        Fund => "fund",
        Person => "person",
        Government => "government",
        Project => "project",
        Other => "other",
    }
);

named_enum!(
    /// How far along a deal is.
    Status {
        Rumored => "rumored",
        Negotiating => "negotiating",
        Announced => "announced",
        Signed => "signed",
        Closed => "closed",
        Cancelled => "cancelled",
    }
);

named_enum!(
    /// What moves in a flow.
    FlowKind {
        Investment => "investment",
        Loan => "loan",
        Payment => "payment",
        Equity => "equity",
        InKind => "in_kind",
    }
);

impl FlowKind {
    /// Financing edges make a loop "circular financing"; trade alone does not.
    pub fn is_financing(self) -> bool {
        matches!(
            self,
            FlowKind::Investment | FlowKind::Loan | FlowKind::Equity
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct Book {
    pub title: Option<String>,
    pub as_of: Option<Date>,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub deals: Vec<Deal>,
    /// Every id in the book and what it names.
    pub ids: HashMap<String, Record>,
    /// For each entity, the deals it takes part in (as a party or a flow end), in book order.
    pub deals_of: Vec<Vec<DealIx>>,
    /// Entity ids, names and aliases folded by [`name_key`], for resolving names in terms.
    pub names: HashMap<String, EntityIx>,
    /// For each entity, its direct subsidiaries (entities whose `parent` it is), in book order.
    /// Read it through [`Book::children_of`].
    pub children: Vec<Vec<EntityIx>>,
    /// For each source, the deals that cite it, in book order. Read it through
    /// [`Book::deals_citing`].
    pub cited_by: Vec<Vec<DealIx>>,
}

/// Index of a loop of circular financing in the list that found it
/// (`book::flows::CycleReport::cycles`).
pub type LoopIx = usize;

/// A record of the book: what an id names (a source, an entity, a deal), a part of one (a term,
/// a flow, a metric), or what the book's flows add up to (an aggregated flow, a loop). Search
/// hits, the explorer's Detail pane and its navigation, and the headless commands all point at
/// records with it; what each is called — its one title — is in `book::record`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Record {
    Source(SourceIx),
    Entity(EntityIx),
    Deal(DealIx),
    /// Term `term` (an index into `Deal::terms`) of deal `deal`.
    Term {
        deal: DealIx,
        term: usize,
    },
    /// Flow `flow` (an index into `Deal::flows`) of deal `deal`.
    Flow {
        deal: DealIx,
        flow: usize,
    },
    /// Metric `metric` (an index into `Entity::metrics`) of entity `entity`.
    Metric {
        entity: EntityIx,
        metric: usize,
    },
    /// Every flow of one kind from one entity to another, added up (`book::flows::aggregate`,
    /// not rolled up): named by its ends and kind, so it means the same whatever list holds it.
    Edge {
        from: EntityIx,
        to: EntityIx,
        kind: FlowKind,
    },
    /// A loop of circular financing.
    Loop(LoopIx),
}

#[derive(Debug, Clone)]
pub struct Source {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub reference: Option<String>,
    /// A local text file of the source, relative to the book (quotes citing the source are
    /// checked against it).
    pub file: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Entity {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub parent: Option<EntityIx>,
    pub people: Vec<Person>,
    pub country: Option<String>,
    pub notes: Option<String>,
    /// In chronological order (stable for equal dates).
    pub metrics: Vec<Metric>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Metric {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    pub name: String,
    /// `None`: no source dates it.
    pub date: Option<Date>,
    pub amount: Term,
    pub source: Option<SourceIx>,
    /// The words of the source that carry the figure, in the source's language.
    pub quote: Option<String>,
    /// A hedged report ("reportedly", "according to the WSJ").
    pub reported: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Deal {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    pub id: String,
    pub title: String,
    pub date: Option<Date>,
    pub status: Status,
    pub tags: Vec<String>,
    pub parties: Vec<Party>,
    pub terms: Vec<DealTerm>,
    pub flows: Vec<Flow>,
    pub sources: Vec<SourceIx>,
    /// A hedged report ("reportedly", "according to the WSJ").
    pub reported: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Party {
    pub entity: EntityIx,
    pub role: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DealTerm {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    pub term: Term,
    pub note: Option<String>,
    pub source: Option<SourceIx>,
    /// The words of the source that carry the figure, in the source's language.
    pub quote: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Flow {
    /// Where the record starts in the book's text (`Pos::default()` for a book built in code).
    pub at: Pos,
    /// Who sends: one entity, or several (a syndicate: one amount for all of them, each
    /// member's share undisclosed). Never empty; no entity twice.
    pub from: Vec<EntityIx>,
    /// Who receives: one entity, or several. Never empty, and never among `from`.
    pub to: Vec<EntityIx>,
    pub kind: FlowKind,
    /// `None`: undisclosed.
    pub amount: Option<Term>,
    pub source: Option<SourceIx>,
    /// The words of the source that carry the figure, in the source's language.
    pub quote: Option<String>,
    /// The sources imply the flow and do not state it.
    pub inferred: bool,
    pub note: Option<String>,
}

impl Flow {
    /// The first sender: the only one, or a syndicate's lead (the first listed).
    pub fn lead(&self) -> EntityIx {
        self.from[0]
    }

    /// The first recipient.
    pub fn recipient(&self) -> EntityIx {
        self.to[0]
    }

    /// Several senders or several recipients.
    pub fn is_group(&self) -> bool {
        self.from.len() > 1 || self.to.len() > 1
    }

    /// Every (sender, recipient) pair, for graphs and loops.
    pub fn pairs(&self) -> impl Iterator<Item = (EntityIx, EntityIx)> + '_ {
        self.from
            .iter()
            .flat_map(move |&a| self.to.iter().map(move |&b| (a, b)))
    }
}

impl Book {
    pub fn entity(&self, id: &str) -> Option<EntityIx> {
        match self.ids.get(id) {
            Some(Record::Entity(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn deal(&self, id: &str) -> Option<DealIx> {
        match self.ids.get(id) {
            Some(Record::Deal(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn source(&self, id: &str) -> Option<SourceIx> {
        match self.ids.get(id) {
            Some(Record::Source(i)) => Some(*i),
            _ => None,
        }
    }

    /// The direct subsidiaries of an entity.
    pub fn children_of(&self, e: EntityIx) -> &[EntityIx] {
        self.children.get(e).map_or(&[], Vec::as_slice)
    }

    /// The deals that cite a source.
    pub fn deals_citing(&self, s: SourceIx) -> &[DealIx] {
        self.cited_by.get(s).map_or(&[], Vec::as_slice)
    }

    /// The top-level parent of an entity (itself when it has none). Parent chains are checked
    /// for cycles when the book is loaded, so this ends.
    pub fn root(&self, mut e: EntityIx) -> EntityIx {
        let mut steps = 0;
        while let Some(p) = self.entities[e].parent {
            e = p;
            steps += 1;
            if steps > self.entities.len() {
                break;
            }
        }
        e
    }

    /// Finds the entity a phrase names: its id, name or one of its aliases, ignoring case,
    /// a leading article and a trailing possessive ("AMD's", "l'AMD").
    pub fn resolve_name(&self, words: &str) -> Option<EntityIx> {
        self.names.get(&name_key(words)).copied()
    }
}

/// A name folded for matching: lower case, no leading article, no possessive, single spaces.
pub fn name_key(words: &str) -> String {
    let mut s = words.trim().to_lowercase().replace('’', "'");
    for article in ["the ", "l'", "la ", "le ", "les "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest.to_string();
        }
    }
    if let Some(rest) = s.strip_suffix("'s") {
        s = rest.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
