//! `dealbook export --format svg --entity ID`: the entity's money map as an SVG file — the
//! entity in the centre, who pays it on the left, whom it pays on the right, each edge labelled
//! with kind, amount and status, loop edges in red. A small writer of our own: the picture is
//! boxes, lines and text, and every string is escaped for XML.

use crate::book::flows::map::MoneyMap;
use crate::book::flows::{self, Limits, StatusSet};
use crate::book::record::ends_names;
use crate::book::{Book, EntityIx};
use std::fmt::Write as _;
use std::io::Write;

/// Text escaped for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow (a book refuses controls; this is a last guard).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

const ROW: i64 = 44;
const SIDE_W: i64 = 360;
const CENTRE_W: i64 = 220;
const GAP: i64 = 120;

/// Writes the money map of `centre`, counting the money of `money`'s deals.
pub fn write(
    book: &Book,
    centre: EntityIx,
    money: StatusSet,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let edges = flows::aggregate_where(book, false, &|r| money.contains(book.deals[r.deal].status));
    let loops = flows::find_cycles_in(book, &Limits::default(), money);
    let map = MoneyMap::new(book, &edges, 0..edges.len(), centre, &loops);
    let rows = map.senders.len().max(map.recipients.len()).max(1) as i64;
    let width = 2 * SIDE_W + 2 * GAP + CENTRE_W + 40;
    let height = 90 + rows * ROW + 40;
    let cx = 20 + SIDE_W + GAP;
    let cy = 90 + (rows * ROW) / 2 - 30;
    let name = &book.entities[centre].name;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">
<title>Money map of {}</title>
<rect width="100%" height="100%" fill="white"/>
<text x="20" y="30" font-size="18" font-weight="bold">Money map: {}</text>
<text x="20" y="52" fill="#555">money counted: {} · red: on a loop of circular financing</text>
<text x="20" y="80" font-weight="bold">Who pays {}</text>
<text x="{}" y="80" font-weight="bold">Whom {} pays</text>
<rect x="{cx}" y="{cy}" width="{CENTRE_W}" height="60" rx="8" fill="#eef" stroke="#335"/>
<text x="{}" y="{}" text-anchor="middle" font-size="16" font-weight="bold">{}</text>"##,
        esc(name),
        esc(name),
        esc(&money.name()),
        esc(name),
        cx + CENTRE_W + GAP,
        esc(name),
        cx + CENTRE_W / 2,
        cy + 35,
        esc(name),
    );
    let label = |i: usize| {
        let e = &edges[i];
        let statuses: Vec<&str> = e.statuses(book).iter().map(|x| x.as_str()).collect();
        format!("{} {} · {}", e.kind, e.parts.text(), statuses.join(", "))
    };
    for (row, side) in map.senders.iter().enumerate() {
        let y = 90 + row as i64 * ROW + 20;
        let colour = if side.in_loop { "#c00" } else { "#333" };
        let _ = writeln!(
            s,
            r##"<g class="sender"><text x="20" y="{y}" font-weight="bold">{}</text><text x="20" y="{}" fill="#555" font-size="11">{}</text><line x1="{}" y1="{}" x2="{cx}" y2="{}" stroke="{colour}" stroke-width="1.5" marker-end="url(#arrow)"/></g>"##,
            esc(&ends_names(book, &side.far)),
            y + 15,
            esc(&label(side.edge)),
            20 + SIDE_W,
            y - 4,
            cy + 30,
        );
    }
    for (row, side) in map.recipients.iter().enumerate() {
        let y = 90 + row as i64 * ROW + 20;
        let x = cx + CENTRE_W + GAP;
        let colour = if side.in_loop { "#c00" } else { "#333" };
        let _ = writeln!(
            s,
            r##"<g class="recipient"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="1.5" marker-end="url(#arrow)"/><text x="{x}" y="{y}" font-weight="bold">{}</text><text x="{x}" y="{}" fill="#555" font-size="11">{}</text></g>"##,
            cx + CENTRE_W,
            cy + 30,
            x - 6,
            y - 4,
            esc(&ends_names(book, &side.far)),
            y + 15,
            esc(&label(side.edge)),
        );
    }
    s.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>
</svg>
"##,
    );
    out.write_all(s.as_bytes())
}
