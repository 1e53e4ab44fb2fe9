//! One fuzzy index over a book's entities, deals, terms and sources: ranked hits with the
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
mod engine;
mod incremental;
pub mod text;

pub use incremental::{SearchWorker, Searcher};

use crate::book::{Book, Record};
use serde::Serialize;
use std::fmt;
use text::{MAX_FIELD_BYTES, clip, fold_str};

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
        }
    }

    /// How much a match in this field counts (a multiplier of the matcher's score). Names and
    /// titles say what a record *is*; notes only mention things, so a word there counts for
    /// less — but only a little less: a word found whole in notes (skim scores it about a third
    /// higher than the same letters scattered) should still beat its letters strewn over a title.
    fn weight(self) -> i64 {
        match self {
            Field::Name => 12,
            Field::Alias | Field::Person | Field::Title | Field::Text => 11,
            Field::Tag | Field::Human | Field::Publisher => 10,
            Field::Id | Field::Notes => 9,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A deal's title also counts, at this weight, for the words of a query about one of its
/// terms ("nvidia gigawatt" finds the Nvidia deal's per-gigawatt term), provided at least one
/// word matches the term itself.
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
}

impl Index {
    /// Indexes entities (name, aliases, people, id, notes), deals (title, tags, id, notes),
    /// their terms (text, human form, note; the deal's title as context) and sources (title,
    /// publisher, id).
    pub fn new(book: &Book) -> Index {
        let mut ix = Index::default();
        for (e, ent) in book.entities.iter().enumerate() {
            let mut fields = vec![(Field::Name, ent.name.as_str()), (Field::Id, &ent.id)];
            fields.extend(ent.aliases.iter().map(|a| (Field::Alias, a.as_str())));
            fields.extend(ent.people.iter().map(|p| (Field::Person, p.name.as_str())));
            fields.extend(ent.notes.as_deref().map(|n| (Field::Notes, n)));
            ix.push(Record::Entity(e), &fields, None);
        }
        for (d, deal) in book.deals.iter().enumerate() {
            let mut fields = vec![(Field::Title, deal.title.as_str()), (Field::Id, &deal.id)];
            fields.extend(deal.tags.iter().map(|t| (Field::Tag, t.as_str())));
            fields.extend(deal.notes.as_deref().map(|n| (Field::Notes, n)));
            let title_slot = ix.push(Record::Deal(d), &fields, None);
            for (t, dt) in deal.terms.iter().enumerate() {
                let human = dt.term.human();
                let mut fields = vec![(Field::Text, dt.term.text.as_str())];
                if human != dt.term.text {
                    fields.push((Field::Human, &human));
                }
                fields.extend(dt.note.as_deref().map(|n| (Field::Notes, n)));
                ix.push(Record::Term { deal: d, term: t }, &fields, title_slot);
            }
        }
        for (s, src) in book.sources.iter().enumerate() {
            let mut fields = vec![(Field::Title, src.title.as_str()), (Field::Id, &src.id)];
            fields.extend(src.publisher.as_deref().map(|p| (Field::Publisher, p)));
            ix.push(Record::Source(s), &fields, None);
        }
        ix
    }

    /// Adds a record; returns the slot of its first field (for use as another's context).
    fn push(
        &mut self,
        record: Record,
        fields: &[(Field, &str)],
        context: Option<u32>,
    ) -> Option<u32> {
        let start = u32::try_from(self.slots.len()).ok()?;
        let mut slots: Vec<(Slot, Span)> = fields
            .iter()
            .filter(|(_, s)| !s.trim().is_empty())
            .filter_map(|&(field, s)| self.slot(field, s))
            .collect();
        // Best weight first: the search stops looking at a record's slots once the remaining
        // weights cannot beat what it has.
        slots.sort_by_key(|(s, _)| std::cmp::Reverse(s.field.weight()));
        let first = slots
            .iter()
            .position(|(s, _)| s.field == fields.first().map_or(Field::Id, |f| f.0))
            .and_then(|i| u32::try_from(i).ok())
            .map(|i| start + i);
        let context_mask = context
            .and_then(|c| self.slots.get(c as usize))
            .map_or(0, |c| c.mask);
        let mask = slots.iter().fold(context_mask, |m, (s, _)| m | s.mask);
        for (slot, text) in slots {
            self.slots.push(slot);
            self.texts.push(text);
        }
        let end = u32::try_from(self.slots.len()).ok()?;
        self.records.push(record);
        self.recs.push(Rec {
            mask,
            start,
            end,
            context: context.unwrap_or(NO_CONTEXT),
        });
        first
    }

    /// Stores a field's text; `None` once the arenas would outgrow 32-bit offsets (a book of
    /// several gigabytes), after which further fields are not searchable.
    fn slot(&mut self, field: Field, s: &str) -> Option<(Slot, Span)> {
        let s = clip(s, MAX_FIELD_BYTES);
        let folded = fold_str(s);
        let text = Span {
            start: u32::try_from(self.text.len()).ok()?,
            len: u32::try_from(s.len()).ok()?,
        };
        let start = u32::try_from(self.folded.len()).ok()?;
        let len = u16::try_from(folded.len()).ok()?;
        u32::try_from(self.text.len() + s.len()).ok()?;
        u32::try_from(self.folded.len() + folded.len()).ok()?;
        let lower = folded.to_ascii_lowercase();
        let mask = text::mask(&lower);
        self.text.push_str(s);
        self.lower.push_str(&lower);
        self.folded.push_str(&folded);
        let slot = Slot {
            mask,
            start,
            len,
            field,
            first: lower.as_bytes().first().copied().unwrap_or(0),
        };
        Some((slot, text))
    }

    /// The number of records (entities, deals, terms and sources).
    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    /// The best `limit` hits for `query`, best first (ties in book order: entities, then each
    /// deal followed by its terms, then sources). An empty or blank query gives no hits.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = text::words(query);
        engine::run(self, &words, None, limit, &|| false)
            .map(|r| r.hits)
            .unwrap_or_default()
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
