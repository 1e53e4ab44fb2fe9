//! Plain-text tables for the headless commands: aligned columns, no colour, no terminal codes.

use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Writes `rows` under `header`, columns padded to their widest cell. When `width` is given (a
/// terminal), cells of the last column are clipped with '…' to fit it.
pub fn write(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    width: Option<usize>,
) -> io::Result<()> {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cols {
                let used = s.width();
                let cell = match width {
                    Some(w) if used + cell.width() > w => {
                        crate::text::clip(cell, w.saturating_sub(used).max(8))
                    }
                    _ => (*cell).to_string(),
                };
                s.push_str(&cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// One line of free text for a table cell: line breaks and tabs become spaces.
pub fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
