//! `dealbook flows`: the money flows added up per edge, or the loops of circular financing
//! (`--cycles`), as text or JSON.

use super::{CliError, FlowsArgs, json, out_err, table, write_json};
use crate::book::flows::{self, Amounts, CycleReport, Edge, FlowRef, Limits};
use crate::book::record::ends_name;
use crate::book::{Book, EntityIx, Record};
use crate::text::pad;
use serde_json::{Value, json as j};
use std::io::Write;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

pub fn run(
    book: &Book,
    book_path: Option<&std::path::Path>,
    args: &FlowsArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    if args.cycles {
        let limits = Limits {
            max_len: args.max_length,
            max_cycles: args.max_cycles,
            ..Limits::default()
        };
        let report = flows::find_cycles_in(book, &limits, args.status);
        // Both are written a loop at a time: a report of the largest size the budget allows
        // holds a few hundred thousand flows, and their text or JSON would be many times that.
        if args.json {
            let report = CyclesJson { book, report };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| out_err(e.into()))?;
            writeln!(out).map_err(out_err)?;
        } else {
            write_cycles(book, &report, out).map_err(out_err)?;
        }
    } else {
        let statuses = args.status;
        let in_view = |r: FlowRef| statuses.contains(book.deals[r.deal].status);
        let edges = match &args.filter {
            None => flows::aggregate_where(book, args.roll_up, &in_view),
            Some(expr) => {
                let kept = super::select_where(book, book_path, expr)?;
                let keep = |r: FlowRef| {
                    in_view(r)
                        && kept.contains(&Record::Flow {
                            deal: r.deal,
                            flow: r.flow,
                        })
                };
                flows::aggregate_where(book, args.roll_up, &keep)
            }
        };
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

/// The statuses of an edge's deals: "signed", "announced, negotiating".
pub fn statuses_text(book: &Book, edge: &Edge) -> String {
    (edge.statuses(book).iter())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an edge amounts to in words, one line for a table cell.
pub fn amount_text(edge: &Edge) -> String {
    table::cell(&edge.amount_text())
}

fn edges_table(book: &Book, edges: &[Edge], out: &mut dyn Write) -> std::io::Result<()> {
    if edges.is_empty() {
        return writeln!(out, "No flows (in the deals of this status).");
    }
    let rows: Vec<Vec<String>> = edges
        .iter()
        .map(|e| {
            vec![
                table::cell(&ends_name(book, &e.senders)),
                table::cell(&ends_name(book, &e.recipients)),
                e.kind.to_string(),
                amount_text(e),
                if e.inferred(book) {
                    format!("{} · inferred", statuses_text(book, e))
                } else {
                    statuses_text(book, e)
                },
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
        &["FROM", "TO", "KIND", "AMOUNT", "STATUS", "DEALS"],
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
        "senders": e.senders.iter().map(|&i| &entity(i).id).collect::<Vec<_>>(),
        "recipients": e.recipients.iter().map(|&i| &entity(i).id).collect::<Vec<_>>(),
        "kind": e.kind,
        "deals": e.deals.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
        "statuses": e.statuses(book),
        "committed": amounts_json(&e.parts.committed),
        "talks": amounts_json(&e.parts.talks),
        "cancelled": amounts_json(&e.parts.cancelled),
        "amount": amount_text(e),
        "inferred": e.inferred(book),
    })
}

/// `{totals, undisclosed, stakes, flows}` of one certainty; `null` when it has no flow.
fn amounts_json(a: &Amounts) -> Value {
    if a.is_empty() {
        return Value::Null;
    }
    j!({
        "totals": a.totals,
        "undisclosed": a.undisclosed,
        "stakes": a.stakes,
        "flows": a.flows,
    })
}

fn flow_json(book: &Book, r: FlowRef) -> Value {
    let deal = &book.deals[r.deal];
    let f = &deal.flows[r.flow];
    j!({
        "deal": deal.id,
        "status": deal.status,
        "kind": f.kind,
        "from": json::ends(book, &f.from),
        "to": json::ends(book, &f.to),
        "amount": f.amount.as_ref().map(json::term),
        "inferred": f.inferred,
    })
}

fn cycle_json(book: &Book, c: &flows::Cycle) -> Value {
    let id = |e: EntityIx| book.entities[e].id.as_str();
    j!({
        "entities": c.entities.iter().map(|&e| id(e)).collect::<Vec<_>>(),
        "names": c.entities.iter().map(|&e| &book.entities[e].name).collect::<Vec<_>>(),
        "steps": c.steps.iter().map(|s| j!({
            "from": id(s.from),
            "to": id(s.to),
            "flows": s.flows.iter().map(|&r| flow_json(book, r)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "deals": c.deals.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
        "value": c.value(book).text(),
        "inferred": c.inferred(book),
    })
}

/// `{cycles, truncated, stopped_by, note, max_length, max_cycles}`, each cycle built as a JSON
/// value only while it is written.
struct CyclesJson<'a> {
    book: &'a Book,
    report: CycleReport,
}

impl serde::Serialize for CyclesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let r = &self.report;
        let cycles = r.cycles.iter().map(|c| cycle_json(self.book, c));
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("cycles", &Lazy(std::cell::Cell::new(Some(cycles))))?;
        m.serialize_entry("truncated", &r.truncated.is_some())?;
        m.serialize_entry("stopped_by", &r.truncated)?;
        m.serialize_entry("note", &r.note())?;
        m.serialize_entry("max_length", &r.limits.max_len)?;
        m.serialize_entry("max_cycles", &r.limits.max_cycles)?;
        m.end()
    }
}

/// A sequence serialized from an iterator, without collecting it first.
struct Lazy<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = Value>> serde::Serialize for Lazy<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// "AWS (Amazon)" for a subsidiary seen through its top-level parent, else the name; a
/// syndicate member "Microsoft (of SoftBank +4)".
fn end_name(book: &Book, ends: &[EntityIx], top: EntityIx) -> String {
    let roots = |e: &&EntityIx| book.root(**e) == top;
    let actual = ends.iter().find(roots).copied().unwrap_or(top);
    let one = if actual == top {
        name(book, actual)
    } else {
        format!("{} ({})", name(book, actual), name(book, top))
    };
    if ends.len() > 1 {
        format!("{one} (of {})", table::cell(&ends_name(book, ends)))
    } else {
        one
    }
}

/// Each loop as "AMD → OpenAI → AMD", then one line per flow of each step, then its deals.
fn write_cycles(book: &Book, report: &CycleReport, out: &mut dyn Write) -> std::io::Result<()> {
    let max = report.limits.max_len;
    if report.cycles.is_empty() && report.truncated.is_none() {
        writeln!(
            out,
            "No circular financing: no loop of at most {max} top-level entities includes an investment, loan or equity flow."
        )?;
    } else {
        let n = report.cycles.len();
        writeln!(
            out,
            "{n} loop{} of circular financing (subsidiaries rolled up to their top-level parent; at most {max} entities per loop):",
            if n == 1 { "" } else { "s" },
        )?;
    }
    for c in &report.cycles {
        let mut names: Vec<String> = c.entities.iter().map(|&e| name(book, e)).collect();
        if let Some(first) = names.first().cloned() {
            names.push(first);
        }
        writeln!(out, "\n{}", names.join(" → "))?;
        let inferred = if c.inferred(book) {
            " (rests on an inferred flow)"
        } else {
            ""
        };
        writeln!(out, "  at most: {}{inferred}", c.value(book).text())?;
        let rows: Vec<[String; 5]> = c
            .steps
            .iter()
            .flat_map(|step| step.flows.iter().map(move |&r| (step, r)))
            .map(|(step, r)| {
                let deal = &book.deals[r.deal];
                let f = &deal.flows[r.flow];
                let whole = f
                    .amount
                    .as_ref()
                    .map_or_else(|| "undisclosed".into(), |t| table::cell(&t.human()));
                // A syndicate member's own share is not known, only the round's amount.
                let mut amount = if f.is_group() {
                    format!("share undisclosed (of {whole})")
                } else {
                    whole
                };
                if f.inferred {
                    amount += " (inferred)";
                }
                [
                    format!(
                        "{} → {}",
                        end_name(book, &f.from, step.from),
                        end_name(book, &f.to, step.to)
                    ),
                    f.kind.to_string(),
                    amount,
                    deal.status.to_string(),
                    deal.id.clone(),
                ]
            })
            .collect();
        let widths: Vec<usize> = (0..4)
            .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
            .collect();
        for r in &rows {
            writeln!(
                out,
                "  {}  {}  {}  {}  {}",
                pad(&r[0], widths[0]),
                pad(&r[1], widths[1]),
                pad(&r[2], widths[2]),
                pad(&r[3], widths[3]),
                r[4]
            )?;
        }
        let deals: Vec<&str> = c.deals.iter().map(|&d| book.deals[d].id.as_str()).collect();
        writeln!(out, "  deals: {}", deals.join(", "))?;
    }
    if let Some(note) = report.note() {
        writeln!(out, "\nnote: {note}")?;
    }
    Ok(())
}
