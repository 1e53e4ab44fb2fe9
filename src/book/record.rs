//! What a [`Record`] is called: its kind, its id and its one title, for lists, breadcrumbs,
//! search hits and the headless commands alike.
//!
//! The enum itself is in `model` (the book's id table holds records); its names are here, above
//! `flows`, because a loop's title needs the loops, which `flows` finds.

use super::flows::Cycle;
use super::model::{Book, EntityIx, Record};
use std::borrow::Cow;

impl Record {
    /// "entity", "deal", "term", "flow", "source", "metric" or "loop". An aggregated flow is a
    /// "flow" too: that is what the explorer's Flows pane calls its rows.
    pub fn kind(self) -> &'static str {
        match self {
            Record::Entity(_) => "entity",
            Record::Deal(_) => "deal",
            Record::Term { .. } => "term",
            Record::Flow { .. } | Record::Edge { .. } => "flow",
            Record::Source(_) => "source",
            Record::Metric { .. } => "metric",
            Record::Loop(_) => "loop",
        }
    }

    /// The id of the record or of the record it is part of (a term's or a flow's deal, a
    /// metric's entity); `None` for what the flows add up to, which has no id.
    pub fn id(self, book: &Book) -> Option<&str> {
        match self {
            Record::Entity(e) | Record::Metric { entity: e, .. } => {
                book.entities.get(e).map(|x| x.id.as_str())
            }
            Record::Deal(d) | Record::Term { deal: d, .. } | Record::Flow { deal: d, .. } => {
                book.deals.get(d).map(|x| x.id.as_str())
            }
            Record::Source(s) => book.sources.get(s).map(|x| x.id.as_str()),
            Record::Edge { .. } | Record::Loop(_) => None,
        }
    }

    /// The record whose page shows this one: a term's or a flow's deal, a metric's entity;
    /// the record itself otherwise.
    pub fn page(self) -> Record {
        match self {
            Record::Term { deal, .. } | Record::Flow { deal, .. } => Record::Deal(deal),
            Record::Metric { entity, .. } => Record::Entity(entity),
            r => r,
        }
    }

    /// What to call the record in a list, a breadcrumb or a search hit: a name, a title, a term
    /// as written, "Nvidia → OpenAI (investment)" for a flow, "OpenAI valuation (2025-10)" for
    /// a metric, "Nvidia → OpenAI → Nvidia" for a loop.
    ///
    /// A loop is not in the book: `flows::find_cycles` finds loops with limits its caller
    /// chooses (the explorer's defaults, `dealbook flows --max-length`), so the caller passes
    /// the loops its [`Record::Loop`] indices count in (`&[]` if it has none). Titling a loop
    /// from its own entities, not from a search the record type would run, keeps a title cheap
    /// and the same as the list it was picked from.
    pub fn title<'a>(self, book: &'a Book, loops: &[Cycle]) -> Cow<'a, str> {
        let name = |e: EntityIx| book.entities.get(e).map_or("?", |x| x.name.as_str());
        match self {
            Record::Entity(e) => Cow::Borrowed(name(e)),
            Record::Deal(d) => Cow::Borrowed(book.deals.get(d).map_or("", |x| x.title.as_str())),
            Record::Term { deal, term } => Cow::Borrowed(
                book.deals
                    .get(deal)
                    .and_then(|d| d.terms.get(term))
                    .map_or("", |t| t.term.text.as_str()),
            ),
            Record::Source(s) => {
                Cow::Borrowed(book.sources.get(s).map_or("", |x| x.title.as_str()))
            }
            Record::Flow { deal, flow } => {
                match book.deals.get(deal).and_then(|d| d.flows.get(flow)) {
                    Some(f) => Cow::Owned(format!(
                        "{} → {} ({})",
                        ends_name(book, &f.from),
                        ends_name(book, &f.to),
                        f.kind
                    )),
                    None => Cow::Borrowed(""),
                }
            }
            Record::Metric { entity, metric } => {
                match book
                    .entities
                    .get(entity)
                    .and_then(|e| e.metrics.get(metric))
                {
                    Some(m) => Cow::Owned(format!(
                        "{} {} ({})",
                        name(entity),
                        m.name.replace('_', " "),
                        m.date
                            .map_or_else(|| "undated".to_string(), |d| d.to_string())
                    )),
                    None => Cow::Borrowed(""),
                }
            }
            Record::Edge { from, to, kind } => {
                Cow::Owned(format!("{} → {} ({kind})", name(from), name(to)))
            }
            Record::Loop(i) => match loops.get(i) {
                Some(c) => Cow::Owned(loop_title(book, &c.entities)),
                None => Cow::Owned(format!("loop {}", i + 1)),
            },
        }
    }
}

/// One end of a flow in a title: "OpenAI", or a syndicate by its lead and the count of the
/// others, "SoftBank +4".
pub fn ends_name(book: &Book, ends: &[EntityIx]) -> String {
    let name = |e: EntityIx| book.entities.get(e).map_or("?", |x| x.name.as_str());
    match ends {
        [] => "?".into(),
        [one] => name(*one).into(),
        [lead, rest @ ..] => format!("{} +{}", name(*lead), rest.len()),
    }
}

/// Every entity of a flow's end, named: "SoftBank, Microsoft, Altimeter".
pub fn ends_names(book: &Book, ends: &[EntityIx]) -> String {
    (ends.iter())
        .map(|&e| book.entities.get(e).map_or("?", |x| x.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Record {
    /// The date or amount shown beside the record's title in a list of hits: a deal's or a
    /// source's date, a term's value, a flow's amount ("undisclosed" when it has none), a
    /// metric's amount; `None` for what has neither (entities, loops, aggregated flows).
    pub fn figure(self, book: &Book) -> Option<String> {
        match self {
            Record::Deal(d) => book.deals.get(d)?.date.map(|d| d.to_string()),
            Record::Source(s) => book.sources.get(s)?.date.map(|d| d.to_string()),
            Record::Term { deal, term } => {
                let t = &book.deals.get(deal)?.terms.get(term)?.term;
                t.is_quantity().then(|| t.human())
            }
            Record::Flow { deal, flow } => Some(
                book.deals
                    .get(deal)?
                    .flows
                    .get(flow)?
                    .amount
                    .as_ref()
                    .map_or_else(|| "undisclosed".to_string(), |a| a.human()),
            ),
            Record::Metric { entity, metric } => Some(
                book.entities
                    .get(entity)?
                    .metrics
                    .get(metric)?
                    .amount
                    .human(),
            ),
            Record::Entity(_) | Record::Edge { .. } | Record::Loop(_) => None,
        }
    }
}

/// A loop through `entities`, back to the first: "Nvidia → OpenAI → Nvidia".
pub fn loop_title(book: &Book, entities: &[EntityIx]) -> String {
    entities
        .iter()
        .chain(entities.first())
        .map(|&e| book.entities.get(e).map_or("?", |x| x.name.as_str()))
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod tests {
    use crate::book::flows::{Limits, find_cycles};
    use crate::book::{FlowKind, Record, load_bundled};

    #[test]
    fn every_kind_of_record_has_a_title_and_the_book_records_an_id() {
        let book = load_bundled().book.expect("bundled book");
        let loops = find_cycles(&book, &Limits::default()).cycles;
        let openai = book.entity("openai").expect("openai");
        let nvidia = book.entity("nvidia").expect("nvidia");
        let d = book.deal("amd-openai-gpu-stake").expect("deal");
        let t = |r: Record| r.title(&book, &loops).into_owned();
        assert_eq!(t(Record::Entity(openai)), "OpenAI");
        assert_eq!(t(Record::Term { deal: d, term: 0 }), "up to 10% of AMD");
        assert_eq!(
            t(Record::Edge {
                from: nvidia,
                to: openai,
                kind: FlowKind::Investment
            }),
            "Nvidia → OpenAI (investment)"
        );
        assert!(
            (0..loops.len()).any(|i| t(Record::Loop(i)) == "Nvidia → OpenAI → Nvidia"),
            "no Nvidia loop"
        );
        assert_eq!(
            Record::Term { deal: d, term: 0 }.id(&book),
            Some("amd-openai-gpu-stake")
        );
        assert_eq!(Record::Loop(0).id(&book), None);
        let flow = Record::Flow { deal: d, flow: 0 };
        assert!(t(flow).contains(" → "), "{}", t(flow));
        let metric = (0..book.entities.len())
            .find(|&e| !book.entities[e].metrics.is_empty())
            .map(|e| Record::Metric {
                entity: e,
                metric: 0,
            })
            .expect("a metric");
        assert!(!t(metric).is_empty());
        // Indices that point nowhere never panic.
        assert_eq!(t(Record::Deal(usize::MAX)), "");
        assert_eq!(Record::Loop(7).title(&book, &[]), "loop 8");
        assert_eq!(
            Record::Term { deal: d, term: 0 }.figure(&book).as_deref(),
            Some("≤ 10% of AMD")
        );
        assert_eq!(Record::Entity(openai).figure(&book), None);
        assert!(metric.figure(&book).is_some());
        assert_eq!(
            Record::Flow {
                deal: usize::MAX,
                flow: 0
            }
            .figure(&book),
            None
        );
    }
}

impl Book {
    /// Where `record` starts in the book's text: a source, an entity, a deal or a part of one
    /// (a term, a flow, a metric). What the flows add up to (an edge, a loop) has no place of
    /// its own — the explorer finds it through the flows that make it — and a book built in
    /// code has none either: `None`.
    pub fn position(&self, record: Record) -> Option<super::diag::Pos> {
        let at = match record {
            Record::Source(s) => self.sources.get(s)?.at,
            Record::Entity(e) => self.entities.get(e)?.at,
            Record::Deal(d) => self.deals.get(d)?.at,
            Record::Term { deal, term } => self.deals.get(deal)?.terms.get(term)?.at,
            Record::Flow { deal, flow } => self.deals.get(deal)?.flows.get(flow)?.at,
            Record::Metric { entity, metric } => self.entities.get(entity)?.metrics.get(metric)?.at,
            Record::Edge { .. } | Record::Loop(_) => return None,
        };
        at.is_known().then_some(at)
    }
}

#[cfg(test)]
mod position_tests {
    use super::*;
    use crate::book::load_str;

    #[test]
    fn each_record_knows_where_it_starts() {
        let text = "entities:\n  - id: a\n    name: A\n    metrics:\n      - name: revenue\n        amount: $1B\n  - id: b\n    name: B\ndeals:\n  - id: d\n    title: D\n    status: signed\n    parties: [a, b]\n    terms:\n      - text: $2B\n    flows:\n      - {from: a, to: b, kind: investment, amount: $2B}\n";
        let loaded = load_str(text);
        let book = loaded
            .book
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        let at = |r| book.position(r).map(|p| (p.line, p.col));
        assert_eq!(at(Record::Entity(1)), Some((7, 5)));
        assert_eq!(
            at(Record::Metric {
                entity: 0,
                metric: 0
            }),
            Some((5, 9))
        );
        assert_eq!(at(Record::Deal(0)), Some((10, 5)));
        assert_eq!(at(Record::Term { deal: 0, term: 0 }), Some((15, 9)));
        assert_eq!(at(Record::Flow { deal: 0, flow: 0 }), Some((17, 9)));
        assert_eq!(at(Record::Loop(0)), None);
        assert_eq!(Book::default().position(Record::Deal(0)), None);
    }
}
