//! `dealbook term`: how dealbook reads one term or amount, with names resolved in the book.

use super::{CliError, json, out_err};
use crate::book::Book;
use crate::book::terms::{self, Bound, format_amount};
use std::io::Write;
use std::process::ExitCode;

pub fn run(
    book: &Book,
    text: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let resolve = |words: &str| {
        book.resolve_name(words)
            .map(|e| book.entities[e].id.clone())
    };
    let term = terms::parse(text, &resolve);
    if as_json {
        serde_json::to_writer_pretty(&mut *out, &json::term(&term))
            .map_err(|e| out_err(e.into()))?;
        writeln!(out).map_err(out_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let bound = match term.bound {
        Bound::Unparsed => "unparsed (kept as written; see docs/terms.md for the forms read)",
        b => b.as_str(),
    };
    let number = |v: Option<f64>| {
        v.map_or("—".to_string(), |x| {
            format!("{x} ({})", format_amount(x, term.unit.as_deref()))
        })
    };
    let of = term
        .of
        .as_ref()
        .map_or("—".to_string(), |o| match &o.entity {
            Some(id) => format!("{id} (entity of this book)"),
            None => format!("'{}' (not an entity of this book)", o.words),
        });
    let lines = [
        term.human(),
        format!("  bound  {bound}"),
        format!("  low    {}", number(term.low)),
        format!("  high   {}", number(term.high)),
        format!("  unit   {}", term.unit.as_deref().unwrap_or("—")),
        format!("  per    {}", term.per.as_deref().unwrap_or("—")),
        format!("  of     {of}"),
    ];
    for l in lines {
        writeln!(out, "{l}").map_err(out_err)?;
    }
    Ok(ExitCode::SUCCESS)
}
