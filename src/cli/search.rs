//! `dealbook search`: the explorer's fuzzy search without the explorer — hits as lines or JSON.

use super::{CliError, out_err};
use crate::book::flows::{Cycle, Limits, find_cycles};
use crate::book::{Book, Record};
use crate::search::{Hit, Index};
use crossterm::style::Stylize;
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Characters of a matched field shown around its first match.
const SNIPPET_CHARS: usize = 72;
/// Titles longer than this many columns are cut with '…'.
const TITLE_COLUMNS: usize = 48;

/// How matched characters are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `[brackets]`: for pipes, files and `NO_COLOR`.
    Brackets,
    /// Bold yellow, for a terminal.
    Colour,
}

impl Marks {
    /// Colour only on a terminal, and not when `NO_COLOR` is set (<https://no-color.org>).
    pub fn for_stdout() -> Marks {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stdout().is_terminal() && !no_color {
            Marks::Colour
        } else {
            Marks::Brackets
        }
    }
}

pub fn run(
    book: &Book,
    query: &str,
    limit: usize,
    as_json: bool,
    marks: Marks,
    review: &crate::review::Marks,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if query.trim().is_empty() {
        return Err(CliError::Usage(
            "the search query is empty; give a word to look for, e.g. 'dealbook search kushner'"
                .into(),
        ));
    }
    // Loops with the explorer's limits, so that both find the same loops.
    let loops = find_cycles(book, &Limits::default()).cycles;
    let index = Index::with_loops(book, &loops);
    // Review filters (is:reviewed, is:flagged…) are answered by the review marks.
    let (words, marked) = crate::review::filter::split(query);
    let mut hits = index
        .find(&words, if marked.is_empty() { limit } else { usize::MAX })
        .map_err(|e| CliError::Usage(e.render(query)))?;
    if !marked.is_empty() {
        hits.retain(|h| marked.keeps(review, book, &loops, h.record));
        hits.truncate(limit);
    }
    if as_json {
        let records: Vec<serde_json::Value> =
            hits.iter().map(|h| hit_json(book, &loops, h)).collect();
        serde_json::to_writer_pretty(&mut *out, &records).map_err(|e| out_err(e.into()))?;
        writeln!(out).map_err(out_err)?;
    } else if hits.is_empty() {
        // Not an error: a script gets exit status 0 and no lines (or `[]` with --json).
        eprintln!("no hits for '{}'", query.trim());
    } else {
        write_lines(book, &loops, &hits, marks, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A hit as JSON: kind, id, term (a term's index in its deal, for terms only), flow, metric
/// and loop likewise, title, figure (its date or amount, or null), score, field, matched,
/// positions — in that order.
fn hit_json(book: &Book, loops: &[Cycle], hit: &Hit) -> serde_json::Value {
    let mut v = serde_json::Map::new();
    v.insert("kind".into(), json!(hit.record.kind()));
    v.insert("id".into(), json!(hit.record.id(book)));
    match hit.record {
        Record::Term { term, .. } => {
            v.insert("term".into(), json!(term));
        }
        Record::Flow { flow, .. } => {
            v.insert("flow".into(), json!(flow));
        }
        Record::Metric { metric, .. } => {
            v.insert("metric".into(), json!(metric));
        }
        Record::Loop(l) => {
            v.insert("loop".into(), json!(l));
        }
        _ => {}
    }
    v.insert("title".into(), json!(hit.record.title(book, loops)));
    v.insert("figure".into(), json!(hit.record.figure(book)));
    v.insert("score".into(), json!(hit.score));
    v.insert("field".into(), json!(hit.field));
    v.insert("matched".into(), json!(hit.matched));
    v.insert("positions".into(), json!(hit.positions));
    serde_json::Value::Object(v)
}

/// The id shown for a hit: a term is its deal's id and its index in the deal's terms (a flow
/// `DEAL-ID/flow N`, a metric `ENTITY-ID/metric N`, counted from 0); a loop has none.
fn shown_id(book: &Book, record: Record) -> String {
    let id = record.id(book).unwrap_or("—");
    match record {
        Record::Term { term, .. } => format!("{id}#{term}"),
        Record::Flow { flow, .. } => format!("{id}/flow{flow}"),
        Record::Metric { metric, .. } => format!("{id}/metric{metric}"),
        _ => id.to_string(),
    }
}

fn write_lines(
    book: &Book,
    loops: &[Cycle],
    hits: &[Hit],
    marks: Marks,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let rows: Vec<[String; 4]> = hits
        .iter()
        .map(|h| {
            [
                h.record.kind().to_string(),
                shown_id(book, h.record),
                crate::text::clip(&one_line(&h.record.title(book, loops)), TITLE_COLUMNS),
                h.record
                    .figure(book)
                    .map_or_else(|| "—".to_string(), |f| one_line(&f)),
            ]
        })
        .collect();
    let mut widths = [0; 4];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    for (row, hit) in rows.iter().zip(hits) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(cell);
            let pad = w - unicode_width::UnicodeWidthStr::width(cell.as_str()) + 2;
            line.push_str(&" ".repeat(pad));
        }
        line.push_str(hit.field.as_str());
        line.push_str(": ");
        line.push_str(&snippet(&hit.matched, &hit.positions, marks));
        writeln!(out, "{line}").map_err(out_err)?;
    }
    Ok(())
}

/// Free text on one line, with nothing a terminal would interpret: line breaks, tabs and other
/// control characters (a book may hold an escape character) become spaces, one for one, so
/// that character positions still hold.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Up to [`SNIPPET_CHARS`] characters of `text` around its first marked position, with the
/// marked characters marked, and '…' where text was left out.
pub fn snippet(text: &str, positions: &[usize], marks: Marks) -> String {
    let chars: Vec<char> = one_line(text).chars().collect();
    let first = positions.first().copied().unwrap_or(0);
    let start = if chars.len() <= SNIPPET_CHARS {
        0
    } else {
        first
            .saturating_sub(SNIPPET_CHARS / 4)
            .min(chars.len() - SNIPPET_CHARS)
    };
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut i = start;
    while i < end {
        let marked = positions.binary_search(&i).is_ok();
        let mut j = i + 1;
        while j < end && positions.binary_search(&j).is_ok() == marked {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        match (marked, marks) {
            (false, _) => out.push_str(&run),
            (true, Marks::Brackets) => {
                out.push('[');
                out.push_str(&run);
                out.push(']');
            }
            (true, Marks::Colour) => out.push_str(&run.bold().yellow().to_string()),
        }
        i = j;
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_runs_of_matched_characters() {
        assert_eq!(
            snippet(
                "Joshua Kushner",
                &[7, 8, 9, 10, 11, 12, 13],
                Marks::Brackets
            ),
            "Joshua [Kushner]"
        );
        assert_eq!(snippet("Nvidia", &[0, 1, 3], Marks::Brackets), "[Nv]i[d]ia");
    }

    #[test]
    fn snippet_of_long_text_is_cut_around_the_match() {
        let text = format!("{}needle{}", "a".repeat(200), "b".repeat(200));
        let s = snippet(&text, &[200, 201, 202, 203, 204, 205], Marks::Brackets);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("[needle]"), "{s}");
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 4);
    }

    #[test]
    fn snippet_has_no_control_characters() {
        let s = snippet("a\u{1b}[31mb\nc", &[0], Marks::Brackets);
        assert!(!s.chars().any(char::is_control), "{s:?}");
    }
}
