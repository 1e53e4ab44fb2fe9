//! `dealbook export --format dot`: the flow graph for Graphviz, with loops of circular
//! financing in red.

use super::flows::amount_text;
use crate::book::flows::{self, Limits};
use crate::book::{Book, EntityIx, FlowKind};
use std::collections::HashSet;
use std::io::{self, Write};

/// Text for inside a DOT string literal: quotes and backslashes escaped, line breaks as spaces
/// (labels add their own `\n` breaks).
fn escape(s: &str) -> String {
    let mut q = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' | '\r' | '\t' => q.push(' '),
            c => q.push(c),
        }
    }
    // Graphviz reads `\\"` as a backslash and an escaped quote, so a string ending in a
    // backslash would swallow its closing quote.
    if q.ends_with('\\') {
        q.push(' ');
    }
    q
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// Line style and colour of each kind: money that stays (investment) solid, money that comes
/// back (loan) dashed, trade dotted, ownership bold, goods and services grey.
fn style(kind: FlowKind) -> (&'static str, &'static str) {
    match kind {
        FlowKind::Investment => ("solid", "black"),
        FlowKind::Loan => ("dashed", "black"),
        FlowKind::Payment => ("dotted", "black"),
        FlowKind::Equity => ("bold", "black"),
        FlowKind::InKind => ("dashed", "grey50"),
    }
}

/// Writes the graph: every entity (subsidiaries boxed with their top-level parent), and every
/// aggregated flow as an edge labelled with its kind and amount. Edges that are part of a loop
/// found by `flows --cycles` (with the default bounds) are red and thick.
pub fn write(book: &Book, out: &mut dyn Write) -> io::Result<()> {
    let roots = flows::roots(book);
    let report = flows::find_cycles(book, &Limits::default());
    let in_loop: HashSet<(EntityIx, EntityIx)> = report
        .cycles
        .iter()
        .flat_map(|c| c.steps.iter().map(|s| (s.from, s.to)))
        .collect();
    let id = |e: EntityIx| quoted(&book.entities[e].id);

    writeln!(out, "digraph dealbook {{")?;
    writeln!(
        out,
        "  // Edges: investment solid, loan dashed, payment dotted, equity bold, in_kind grey dashed;\n  // red edges are in a loop of circular financing (dealbook flows --cycles)."
    )?;
    let title = book.title.as_deref().unwrap_or("deal book");
    writeln!(
        out,
        "  graph [rankdir=LR, labelloc=t, fontname=\"Helvetica\", label={}];",
        quoted(title)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;

    // A group (a parent and its subsidiaries) is drawn as a cluster, so a loop that closes
    // through a subsidiary can be seen to.
    let mut members: Vec<Vec<EntityIx>> = vec![Vec::new(); book.entities.len()];
    for (e, &r) in roots.iter().enumerate() {
        members[r].push(e);
    }
    for (r, group) in members.iter().enumerate() {
        let node = |e: EntityIx| format!("{} [label={}];", id(e), quoted(&book.entities[e].name));
        match group.as_slice() {
            [] => {}
            [only] => writeln!(out, "  {}", node(*only))?,
            _ => {
                writeln!(
                    out,
                    "  subgraph {} {{",
                    quoted(&format!("cluster_{}", book.entities[r].id))
                )?;
                writeln!(
                    out,
                    "    label={}; style=dashed; color=grey50; fontname=\"Helvetica\";",
                    quoted(&format!("{} group", book.entities[r].name))
                )?;
                for &e in group {
                    writeln!(out, "    {}", node(e))?;
                }
                writeln!(out, "  }}")?;
            }
        }
    }

    for edge in flows::aggregate(book, false) {
        let (line, mut colour) = style(edge.kind);
        let mut extra = String::new();
        if in_loop.contains(&(roots[edge.from], roots[edge.to])) {
            colour = "red";
            extra.push_str(", penwidth=2.5, fontcolor=red");
        }
        // The line break is DOT's own `\n` escape, added after escaping each part.
        let label = format!("{}\\n{}", edge.kind, escape(&amount_text(&edge)));
        writeln!(
            out,
            "  {} -> {} [label=\"{label}\", style={line}, color={colour}{extra}];",
            id(edge.from),
            id(edge.to),
        )?;
    }
    writeln!(out, "}}")
}
