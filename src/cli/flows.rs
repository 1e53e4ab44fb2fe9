//! `dealbook flows`: the money flows added up per edge, or the loops of circular financing
//! (`--cycles`), as text or JSON.

use super::{CliError, FlowsArgs, json, out_err, table, write_json};
use crate::book::flows::{self, CycleReport, Edge, FlowRef, Limits};
use crate::book::{Book, EntityIx};
use crate::text::pad;
use serde_json::{Value, json as j};
use std::io::Write;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

pub fn run(book: &Book, args: &FlowsArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    if args.cycles {
        let limits = Limits {
            max_len: args.max_length,
            max_cycles: args.max_cycles,
            ..Limits::default()
        };
        let report = flows::find_cycles(book, &limits);
        if args.json {
            write_json(out, &cycles_json(book, &report))?;
        } else {
            out.write_all(cycles_text(book, &report).as_bytes())
                .map_err(out_err)?;
        }
    } else {
        let edges = flows::aggregate(book, args.roll_up);
        if args.json {
            let v = Value::Array(edges.iter().map(|e| edge_json(book, e)).collect());
            write_json(out, &v)?;
        } else {
            edges_table(book, &edges, out).map_err(out_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn name(book: &Book, e: EntityIx) -> String {
    table::cell(&book.entities[e].name)
}

/// What an edge amounts to in words, one line for a table cell.
pub fn amount_text(edge: &Edge) -> String {
    table::cell(&edge.amount_text())
}

fn edges_table(book: &Book, edges: &[Edge], out: &mut dyn Write) -> std::io::Result<()> {
    if edges.is_empty() {
        return writeln!(out, "The book has no flows.");
    }
    let rows: Vec<Vec<String>> = edges
        .iter()
        .map(|e| {
            vec![
                name(book, e.from),
                name(book, e.to),
                e.kind.to_string(),
                amount_text(e),
                e.deals
                    .iter()
                    .map(|&d| book.deals[d].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    table::write(
        out,
        &["FROM", "TO", "KIND", "AMOUNT", "DEALS"],
        &rows,
        super::list::width(),
    )
}

fn edge_json(book: &Book, e: &Edge) -> Value {
    let entity = |i: EntityIx| &book.entities[i];
    j!({
        "from": entity(e.from).id,
        "to": entity(e.to).id,
        "from_name": entity(e.from).name,
        "to_name": entity(e.to).name,
        "kind": e.kind,
        "deals": e.deals.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
        "totals": e.totals,
        "undisclosed": e.undisclosed,
        "stakes": e.stakes,
        "amount": amount_text(e),
    })
}

fn flow_json(book: &Book, r: FlowRef) -> Value {
    let f = &book.deals[r.deal].flows[r.flow];
    j!({
        "deal": book.deals[r.deal].id,
        "kind": f.kind,
        "from": book.entities[f.from].id,
        "to": book.entities[f.to].id,
        "amount": f.amount.as_ref().map(json::term),
    })
}

fn cycles_json(book: &Book, report: &CycleReport) -> Value {
    let id = |e: EntityIx| book.entities[e].id.as_str();
    let cycles: Vec<Value> = report
        .cycles
        .iter()
        .map(|c| {
            j!({
                "entities": c.entities.iter().map(|&e| id(e)).collect::<Vec<_>>(),
                "names": c.entities.iter().map(|&e| &book.entities[e].name).collect::<Vec<_>>(),
                "steps": c.steps.iter().map(|s| j!({
                    "from": id(s.from),
                    "to": id(s.to),
                    "flows": s.flows.iter().map(|&r| flow_json(book, r)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "deals": c.deals.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
            })
        })
        .collect();
    j!({
        "cycles": cycles,
        "truncated": report.truncated.is_some(),
        "stopped_by": report.truncated,
        "note": report.note(),
        "max_length": report.limits.max_len,
        "max_cycles": report.limits.max_cycles,
    })
}

/// "AWS (Amazon)" for a subsidiary seen through its top-level parent, else the name.
fn end_name(book: &Book, actual: EntityIx, top: EntityIx) -> String {
    if actual == top {
        name(book, actual)
    } else {
        format!("{} ({})", name(book, actual), name(book, top))
    }
}

/// Each loop as "AMD → OpenAI → AMD", then one line per flow of each step, then its deals.
fn cycles_text(book: &Book, report: &CycleReport) -> String {
    let max = report.limits.max_len;
    let mut s = String::new();
    if report.cycles.is_empty() && report.truncated.is_none() {
        s.push_str(&format!(
            "No circular financing: no loop of at most {max} top-level entities includes an investment, loan or equity flow.\n"
        ));
    } else {
        let n = report.cycles.len();
        s.push_str(&format!(
            "{n} loop{} of circular financing (subsidiaries rolled up to their top-level parent; at most {max} entities per loop):\n",
            if n == 1 { "" } else { "s" },
        ));
    }
    for c in &report.cycles {
        let mut names: Vec<String> = c.entities.iter().map(|&e| name(book, e)).collect();
        if let Some(first) = names.first().cloned() {
            names.push(first);
        }
        s.push_str(&format!("\n{}\n", names.join(" → ")));
        let rows: Vec<[String; 4]> = c
            .steps
            .iter()
            .flat_map(|step| step.flows.iter().map(move |&r| (step, r)))
            .map(|(step, r)| {
                let f = &book.deals[r.deal].flows[r.flow];
                [
                    format!(
                        "{} → {}",
                        end_name(book, f.from, step.from),
                        end_name(book, f.to, step.to)
                    ),
                    f.kind.to_string(),
                    f.amount
                        .as_ref()
                        .map_or_else(|| "undisclosed".into(), |t| table::cell(&t.human())),
                    book.deals[r.deal].id.clone(),
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..3)
            .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
            .collect();
        for r in &rows {
            s.push_str(&format!(
                "  {}  {}  {}  {}\n",
                pad(&r[0], widths[0]),
                pad(&r[1], widths[1]),
                pad(&r[2], widths[2]),
                r[3]
            ));
        }
        let deals: Vec<&str> = c.deals.iter().map(|&d| book.deals[d].id.as_str()).collect();
        s.push_str(&format!("  deals: {}\n", deals.join(", ")));
    }
    if let Some(note) = report.note() {
        s.push_str(&format!("\nnote: {note}\n"));
    }
    s
}
