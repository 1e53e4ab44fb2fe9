//! Building the index: which fields of which records are searched, in which order the records
//! are kept (their order breaks ties), and the per-record facts the field filters read.

use super::facet::Facets;
use super::text::{self, MAX_FIELD_BYTES, clip, fold_str};
use super::{Field, Index, Rec, Slot, Span};
use crate::book::flows::Cycle;
use crate::book::record::ends_names;
use crate::book::terms::Term;
use crate::book::{Book, Record};

/// A term's or an amount's searchable forms: as written, and as dealbook reads it back when that
/// differs ("up to 10% of AMD" and "≤ 10% of AMD").
fn amount_fields<'a>(term: &'a Term, human: &'a str, written: Field) -> Vec<(Field, &'a str)> {
    let mut fields = vec![(written, term.text.as_str())];
    if human != term.text {
        fields.push((Field::Human, human));
    }
    fields
}

impl Index {
    /// Indexes every record of the book except loops (see [`Index::with_loops`]).
    pub fn new(book: &Book) -> Index {
        Index::with_loops(book, &[])
    }

    /// Indexes every record: entities (name, aliases, people and their roles, country, id,
    /// notes), deals (title, tags, parties' roles, id, notes), terms (text, human form, note;
    /// the deal's title as context), flows (ends, kind, amount, note; the deal's title as
    /// context), metrics (name, date, amount, note; the entity's name as context), the loops
    /// given (their entities, "loop"), and sources (title, publisher, date, id).
    ///
    /// Records are kept by kind — entities, deals, terms, flows, metrics, loops, sources — then
    /// in book order, which is how equal scores are ordered. `Record::Loop(i)` is an index
    /// into `loops`.
    pub fn with_loops(book: &Book, loops: &[Cycle]) -> Index {
        let mut ix = Index {
            facets: Facets::new(book),
            ..Index::default()
        };
        let mut name_slots = Vec::with_capacity(book.entities.len());
        for (e, ent) in book.entities.iter().enumerate() {
            let mut fields = vec![(Field::Name, ent.name.as_str()), (Field::Id, &ent.id)];
            fields.extend(ent.aliases.iter().map(|a| (Field::Alias, a.as_str())));
            fields.extend(ent.people.iter().map(|p| (Field::Person, p.name.as_str())));
            fields.extend(
                ent.people
                    .iter()
                    .filter_map(|p| p.role.as_deref())
                    .map(|r| (Field::Role, r)),
            );
            fields.extend(ent.country.as_deref().map(|c| (Field::Country, c)));
            fields.extend(ent.notes.as_deref().map(|n| (Field::Notes, n)));
            name_slots.push(ix.push(Record::Entity(e), &fields, None));
        }
        let mut title_slots = Vec::with_capacity(book.deals.len());
        for (d, deal) in book.deals.iter().enumerate() {
            let mut fields = vec![(Field::Title, deal.title.as_str()), (Field::Id, &deal.id)];
            fields.extend(deal.tags.iter().map(|t| (Field::Tag, t.as_str())));
            fields.extend(
                deal.parties
                    .iter()
                    .filter_map(|p| p.role.as_deref())
                    .map(|r| (Field::Role, r)),
            );
            fields.extend(deal.notes.as_deref().map(|n| (Field::Notes, n)));
            title_slots.push(ix.push(Record::Deal(d), &fields, None));
        }
        for (d, deal) in book.deals.iter().enumerate() {
            for (t, dt) in deal.terms.iter().enumerate() {
                let human = dt.term.human();
                let mut fields = amount_fields(&dt.term, &human, Field::Text);
                fields.extend(dt.note.as_deref().map(|n| (Field::Notes, n)));
                fields.extend(dt.quote.as_deref().map(|q| (Field::Notes, q)));
                ix.push(Record::Term { deal: d, term: t }, &fields, title_slots[d]);
            }
        }
        for (d, deal) in book.deals.iter().enumerate() {
            for (f, flow) in deal.flows.iter().enumerate() {
                let ends = format!(
                    "{} → {}",
                    ends_names(book, &flow.from),
                    ends_names(book, &flow.to)
                );
                let human = flow.amount.as_ref().map(Term::human);
                let mut fields = vec![
                    (Field::Ends, ends.as_str()),
                    (Field::Kind, flow.kind.as_str()),
                ];
                match (&flow.amount, &human) {
                    (Some(term), Some(human)) => {
                        fields.extend(amount_fields(term, human, Field::Amount));
                    }
                    _ => fields.push((Field::Amount, "undisclosed")),
                }
                fields.extend(flow.note.as_deref().map(|n| (Field::Notes, n)));
                fields.extend(flow.quote.as_deref().map(|q| (Field::Notes, q)));
                ix.push(Record::Flow { deal: d, flow: f }, &fields, title_slots[d]);
            }
        }
        for (e, ent) in book.entities.iter().enumerate() {
            for (m, metric) in ent.metrics.iter().enumerate() {
                let metric_name = metric.name.replace('_', " ");
                let date = metric
                    .date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string());
                let human = metric.amount.human();
                let mut fields = vec![(Field::Name, metric_name.as_str()), (Field::Date, &date)];
                fields.extend(amount_fields(&metric.amount, &human, Field::Amount));
                fields.extend(metric.note.as_deref().map(|n| (Field::Notes, n)));
                fields.extend(metric.quote.as_deref().map(|q| (Field::Notes, q)));
                ix.push(
                    Record::Metric {
                        entity: e,
                        metric: m,
                    },
                    &fields,
                    name_slots[e],
                );
            }
        }
        for (l, cycle) in loops.iter().enumerate() {
            let title = crate::book::record::loop_title(book, &cycle.entities);
            let fields = [(Field::Title, title.as_str()), (Field::Kind, "loop")];
            ix.push(Record::Loop(l), &fields, None);
        }
        for (s, src) in book.sources.iter().enumerate() {
            let date = src.date.map(|d| d.to_string());
            let mut fields = vec![(Field::Title, src.title.as_str()), (Field::Id, &src.id)];
            fields.extend(src.publisher.as_deref().map(|p| (Field::Publisher, p)));
            fields.extend(date.as_deref().map(|d| (Field::Date, d)));
            ix.push(Record::Source(s), &fields, None);
        }
        for r in 0..ix.records.len() {
            let record = ix.records[r];
            ix.facets.push(book, record, loops);
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
            context: context.unwrap_or(super::NO_CONTEXT),
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
}
