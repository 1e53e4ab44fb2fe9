//! A record as text to paste elsewhere, with where it comes from: one line with its source
//! (`y` in the explorer), or a record's page as Markdown (`Y`, `dealbook show ID --format md`).

use super::flows::{self, Cycle};
use super::model::{Book, Deal, Record, SourceIx};
use super::record::ends_names;
use std::fmt::Write;

/// "HyperAI, 2025": a source by its publisher (else its title) and its date, else `date`.
fn source_words(book: &Book, s: SourceIx, date: Option<String>) -> String {
    let src = &book.sources[s];
    let who = src.publisher.clone().unwrap_or_else(|| src.title.clone());
    match src.date.map(|d| d.to_string()).or(date) {
        Some(d) => format!("{who}, {d}"),
        None => who,
    }
}

/// The sources of a figure: its own, else its deal's, as " — HyperAI, 2025".
fn cited(book: &Book, own: Option<SourceIx>, deal: Option<&Deal>) -> String {
    let date = deal.and_then(|d| d.date).map(|d| d.to_string());
    let sources: Vec<SourceIx> = match (own, deal) {
        (Some(s), _) => vec![s],
        (None, Some(d)) => d.sources.clone(),
        (None, None) => Vec::new(),
    };
    let words: Vec<String> = sources
        .iter()
        .map(|&s| source_words(book, s, date.clone()))
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!(" — {}", words.join("; "))
    }
}

/// One line for a record, with its source: "up to $100B — Nvidia invests up to $100B in
/// OpenAI — HyperAI, 2025". Text only: no line breaks.
pub fn line(book: &Book, loops: &[Cycle], record: Record) -> String {
    let one = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = match record {
        Record::Term { deal, term } => {
            let (Some(d), Some(t)) = (
                book.deals.get(deal),
                book.deals.get(deal).and_then(|d| d.terms.get(term)),
            ) else {
                return String::new();
            };
            format!(
                "{} — {}{}",
                t.term.text,
                d.title,
                cited(book, t.source, Some(d))
            )
        }
        Record::Flow { deal, flow } => {
            let (Some(d), Some(f)) = (
                book.deals.get(deal),
                book.deals.get(deal).and_then(|d| d.flows.get(flow)),
            ) else {
                return String::new();
            };
            let amount = f
                .amount
                .as_ref()
                .map_or("undisclosed".into(), |a| a.text.clone());
            let inferred = if f.inferred { " (inferred)" } else { "" };
            format!(
                "{} → {} {} {amount}{inferred} — {}{}",
                ends_names(book, &f.from),
                ends_names(book, &f.to),
                f.kind,
                d.title,
                cited(book, f.source, Some(d))
            )
        }
        Record::Deal(d) => {
            let Some(deal) = book.deals.get(d) else {
                return String::new();
            };
            let reported = if deal.reported { ", reported" } else { "" };
            format!(
                "{} ({}{reported}){}",
                deal.title,
                deal.status,
                cited(book, None, Some(deal))
            )
        }
        Record::Metric { entity, metric } => {
            let Some(e) = book.entities.get(entity) else {
                return String::new();
            };
            let Some(m) = e.metrics.get(metric) else {
                return String::new();
            };
            let date = m.date.map_or("undated".to_string(), |d| d.to_string());
            format!(
                "{} {}: {} ({date}){}",
                e.name,
                m.name.replace('_', " "),
                m.amount.text,
                cited(book, m.source, None)
            )
        }
        Record::Source(s) => match book.sources.get(s) {
            Some(src) => format!("{} — {}", src.title, source_words(book, s, None)),
            None => String::new(),
        },
        Record::Entity(e) => match book.entities.get(e) {
            Some(ent) => format!("{} ({}, {})", ent.name, ent.kind, ent.id),
            None => String::new(),
        },
        Record::Edge { .. } | Record::Loop(_) => record.title(book, loops).into_owned(),
    };
    one(text)
}

/// A record's page as Markdown: an entity, a deal or a source (a term, flow or metric gives its
/// page's), with its figures, their quotes and sources.
pub fn markdown(book: &Book, record: Record) -> String {
    let mut s = String::new();
    match record.page() {
        Record::Entity(e) => {
            let Some(ent) = book.entities.get(e) else {
                return s;
            };
            let _ = writeln!(s, "# {}\n\n{} · id `{}`\n", ent.name, ent.kind, ent.id);
            if let Some(n) = &ent.notes {
                let _ = writeln!(s, "{}\n", n.trim());
            }
            {
                let t = flows::totals_of(book, e);
                let _ = writeln!(
                    s,
                    "## Money\n\n- in: {}\n- out: {}\n",
                    t.inn.text(),
                    t.out.text()
                );
            }
            if !ent.metrics.is_empty() {
                let _ = writeln!(
                    s,
                    "## Metrics\n\n| metric | date | amount | source |\n| --- | --- | --- | --- |"
                );
                for m in &ent.metrics {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} |",
                        m.name.replace('_', " "),
                        m.date.map_or("undated".to_string(), |d| d.to_string()),
                        cell(&m.amount.human()),
                        m.source
                            .map_or(String::new(), |x| cell(&source_words(book, x, None)))
                    );
                }
                s.push('\n');
            }
            let _ = writeln!(s, "## Deals\n");
            for &d in book.deals_of.get(e).into_iter().flatten() {
                let _ = writeln!(s, "- {}", line(book, &[], Record::Deal(d)));
            }
        }
        Record::Deal(d) => {
            let Some(deal) = book.deals.get(d) else {
                return s;
            };
            let date = deal
                .date
                .map_or("date undisclosed".to_string(), |x| x.to_string());
            let reported = if deal.reported { " · reported" } else { "" };
            let _ = writeln!(
                s,
                "# {}\n\n{date} · {}{reported} · id `{}`\n",
                deal.title, deal.status, deal.id
            );
            let _ = writeln!(s, "## Parties\n");
            for p in &deal.parties {
                let role = p
                    .role
                    .as_ref()
                    .map(|r| format!(" — {r}"))
                    .unwrap_or_default();
                let _ = writeln!(s, "- {}{role}", book.entities[p.entity].name);
            }
            if !deal.terms.is_empty() {
                let _ = writeln!(s, "\n## Terms\n");
                for t in &deal.terms {
                    let _ = writeln!(s, "- {} (reads {})", t.term.text, t.term.human());
                    if let Some(q) = &t.quote {
                        let _ = writeln!(s, "  > {q}");
                    }
                }
            }
            if !deal.flows.is_empty() {
                let _ = writeln!(s, "\n## Flows\n");
                for f in &deal.flows {
                    let amount = f
                        .amount
                        .as_ref()
                        .map_or("undisclosed".into(), |a| a.human());
                    let inferred = if f.inferred { " (inferred)" } else { "" };
                    let _ = writeln!(
                        s,
                        "- {} → {}: {} {amount}{inferred}",
                        ends_names(book, &f.from),
                        ends_names(book, &f.to),
                        f.kind
                    );
                    if let Some(q) = &f.quote {
                        let _ = writeln!(s, "  > {q}");
                    }
                }
            }
            if !deal.sources.is_empty() {
                let _ = writeln!(s, "\n## Sources\n");
                for &x in &deal.sources {
                    let _ = writeln!(s, "- {}", line(book, &[], Record::Source(x)));
                }
            }
            if let Some(n) = &deal.notes {
                let _ = writeln!(s, "\n## Notes\n\n{}", n.trim());
            }
        }
        Record::Source(x) => {
            let Some(src) = book.sources.get(x) else {
                return s;
            };
            let _ = writeln!(s, "# {}\n\n{}\n", src.title, source_words(book, x, None));
            let _ = writeln!(s, "## Cited by\n");
            for &d in book.deals_citing(x) {
                let _ = writeln!(s, "- {}", line(book, &[], Record::Deal(d)));
            }
        }
        other => {
            let _ = writeln!(s, "{}", line(book, &[], other));
        }
    }
    s
}

/// Text for a Markdown table cell: no line break, no bare `|`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::load_bundled;

    #[test]
    fn a_term_reads_with_its_deal_and_source() {
        let book = load_bundled().book.expect("bundled");
        let d = book.deal("nvidia-openai-investment").expect("deal");
        assert_eq!(
            line(&book, &[], Record::Term { deal: d, term: 0 }),
            "up to $100B — Nvidia invests up to $100B in OpenAI — HyperAI, 2025"
        );
        let md = markdown(&book, Record::Deal(d));
        assert!(
            md.starts_with("# Nvidia invests up to $100B in OpenAI\n"),
            "{md}"
        );
        assert!(
            md.contains("> a investi jusqu’à 100 milliards de dollars dans OpenAI"),
            "{md}"
        );
        assert!(md.contains("(inferred)"), "{md}");
    }
}
