//! One fuzzy index over every record of a book (entities, deals, terms, flows, metrics, loops,
//! sources): ranked hits with the
//! field that matched and the positions to highlight.
//!
//! Matching follows fzf: the query is split into words, and a record matches when every word is
//! an ordered subsequence of one of its fields (each word may match a different field). Words
//! with a capital letter match case-sensitively; diacritics are ignored on both sides. Each word
//! is scored by skim's algorithm (`fuzzy_matcher::skim::SkimMatcherV2`) times the weight of the
//! field it matched best; a record's score is the sum over its words. See docs/search.md.
//!
//! - [`Index::search`]: one query, from scratch.
//! - [`Searcher`]: the same results while typing, narrowing the previous query's records.
//! - [`SearchWorker`]: a thread that runs a `Searcher` so a UI never waits for it.

pub mod bound;
mod build;
mod engine;
mod facet;
mod incremental;
pub mod query;
pub mod text;

pub use incremental::{SearchWorker, Searcher};
pub use query::{Query, QueryError};

use crate::book::Record;
use serde::Serialize;
use std::fmt;

/// Which field of a record a word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// An entity's name.
    Name,
    /// One of an entity's aliases.
    Alias,
    /// The name of one of an entity's people.
    Person,
    /// A deal's or a source's title.
    Title,
    /// One of a deal's tags.
    Tag,
    /// Notes of an entity, a deal or a term.
    Notes,
    /// A term as written in the book.
    Text,
    /// A term as dealbook reads it back (`Term::human`), when that differs from the text.
    Human,
    /// A source's publisher.
    Publisher,
    /// The record's id.
    Id,
    /// A person's role at an entity, or a party's role in a deal.
    Role,
    /// An entity's country.
    Country,
    /// A flow's ends: "Nvidia → OpenAI".
    Ends,
    /// A flow's kind ("investment"), or "loop" for a loop.
    Kind,
    /// A flow's or a metric's amount as written ("undisclosed" when a flow has none).
    Amount,
    /// A metric's or a source's date.
    Date,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Alias => "alias",
            Field::Person => "person",
            Field::Title => "title",
            Field::Tag => "tag",
            Field::Notes => "notes",
            Field::Text => "text",
            Field::Human => "human",
            Field::Publisher => "publisher",
            Field::Id => "id",
            Field::Role => "role",
            Field::Country => "country",
            Field::Ends => "ends",
            Field::Kind => "kind",
            Field::Amount => "amount",
            Field::Date => "date",
        }
    }

    /// How much a match in this field counts (a multiplier of the matcher's score). Names and
    /// titles say what a record *is*; notes only mention things, so a word there counts for
    /// less — but only a little less: a word found whole in notes (skim scores it about a third
    /// higher than the same letters scattered) should still beat its letters strewn over a title.
    fn weight(self) -> i64 {
        match self {
            Field::Name => 12,
            Field::Alias | Field::Person | Field::Title | Field::Text | Field::Ends => 11,
            Field::Tag
            | Field::Human
            | Field::Publisher
            | Field::Kind
            | Field::Amount
            | Field::Date
            | Field::Role => 10,
            Field::Id | Field::Notes | Field::Country => 9,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deal's title also counts, at this weight, for the words of a query about one of its
/// terms or flows ("nvidia gigawatt" finds the Nvidia deal's per-gigawatt term), and an
/// entity's name for its metrics ("openai revenue"), provided at least one word matches the
/// record itself.
const CONTEXT_WEIGHT: i64 = 8;

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub record: Record,
    /// Higher is better; comparable only within one query.
    pub score: i64,
    /// The field shown for the hit: the one where the query's words scored most.
    pub field: Field,
    /// That field's text (cut to 4 KiB).
    pub matched: String,
    /// Character indices into `matched` of the matched characters, ascending.
    pub positions: Vec<usize>,
}

/// Byte range in one of the index's text arenas.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

/// One searchable field, as the search loop reads it: 16 bytes, since every keystroke reads
/// hundreds of thousands of them. Its original text's place is in `Index::texts`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The characters in the text (`text::mask`), to skip fields that lack one of a word's.
    mask: u64,
    /// Where the folded text starts in `Index::folded`, and its ASCII lower case at the same
    /// place in `Index::lower` (lower-casing ASCII keeps byte lengths).
    start: u32,
    /// Its length in bytes (fields are cut to 4 KiB; folding at most doubles a length).
    len: u16,
    field: Field,
    /// The first byte of the lower-cased text (0 if empty), for bounds that need it without
    /// reading the text.
    first: u8,
}

/// No context slot.
const NO_CONTEXT: u32 = u32::MAX;

/// A record: its own slots, best weight first, and an optional context slot.
#[derive(Debug, Clone, Copy)]
struct Rec {
    /// The union of its slots' masks, context included.
    mask: u64,
    start: u32,
    end: u32,
    /// A slot of another record, or [`NO_CONTEXT`].
    context: u32,
}

/// The searchable text of a book, built once; shareable between threads (`Send + Sync`).
///
/// An index belongs to the book it was built from: its hits hold that book's indices.
#[derive(Debug, Default)]
pub struct Index {
    records: Vec<Record>,
    recs: Vec<Rec>,
    slots: Vec<Slot>,
    /// For each slot, its original text in `text`.
    texts: Vec<Span>,
    text: String,
    folded: String,
    lower: String,
    /// What the field filters read, per record.
    facets: facet::Facets,
}

impl Index {
    /// The number of records.
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// The best `limit` hits for `query`, best first (ties by kind — entity, deal, term, flow,
    /// metric, loop, source — then in book order). An empty or blank query gives no hits.
    ///
    /// The query is in the grammar of [`query`]; a query that does not parse gives no hits
    /// (see [`Index::find`] for the error).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.find(query, limit).unwrap_or_default()
    }

    /// [`Index::search`], or why the query cannot be searched.
    pub fn find(&self, query: &str, limit: usize) -> Result<Vec<Hit>, QueryError> {
        let (words, restrict) = self.prepare(query)?;
        Ok(engine::run(self, &words, &restrict, None, limit, &|| false)
            .map(|r| r.hits)
            .unwrap_or_default())
    }

    /// Every record the query matches, best first: what `--where` keeps.
    pub fn select(&self, query: &str) -> Result<Vec<Record>, QueryError> {
        Ok(self
            .find(query, usize::MAX)?
            .into_iter()
            .map(|h| h.record)
            .collect())
    }

    /// A query's words to find and its restrictions, compiled against this index.
    fn prepare(&self, query: &str) -> Result<(Vec<text::Word>, facet::Restrict), QueryError> {
        let parsed = Query::parse(text::cut(query))?;
        let restrict = facet::Restrict::compile(self, &parsed)?;
        Ok((text::query_words(&parsed), restrict))
    }

    /// The original text of slot number `slot`.
    fn original(&self, slot: usize) -> &str {
        self.texts.get(slot).map_or("", |span| {
            let start = span.start as usize;
            self.text
                .get(start..start + span.len as usize)
                .unwrap_or_default()
        })
    }

    /// The text a word is tested on: folded, and lower-cased unless the word is case-sensitive.
    fn hay(&self, slot: &Slot, sensitive: bool) -> &str {
        let range = slot.start as usize..slot.start as usize + slot.len as usize;
        if sensitive {
            self.folded.get(range).unwrap_or_default()
        } else {
            self.lower.get(range).unwrap_or_default()
        }
    }

    /// The folded text of a slot, as the matcher is given it.
    fn folded(&self, slot: &Slot) -> &str {
        let range = slot.start as usize..slot.start as usize + slot.len as usize;
        self.folded.get(range).unwrap_or_default()
    }
}
