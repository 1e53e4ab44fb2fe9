//! The loading screen, drawn while the loader worker reads the book: the book's name, a gauge
//! of bytes read out of the file's size, the records read, the time since the start, and how
//! to quit. It reads one [`Screen`] value, so a frame is a pure function of it.

use super::keymap::{self, Binding, Mode};
use super::theme::Theme;
use crate::book::Reading;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};
use std::time::Duration;

/// What the loading screen shows.
pub struct Screen<'a> {
    /// The book's name, as given.
    pub name: &'a str,
    pub reading: Reading,
    pub elapsed: Duration,
    pub theme: &'a Theme,
    pub keymap: &'a [Binding],
}

/// Draws the loading screen over the whole frame.
pub fn draw(frame: &mut Frame, screen: &Screen) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let width = area.width.clamp(1, 72);
    let height = area.height.min(7);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(screen.theme.border(true))
        .title(Line::styled(" dealbook ", screen.theme.title()));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let r = screen.reading;
    let what = if r.total > 0 && r.done >= r.total {
        "Preparing the explorer (flows, loops, search)…"
    } else {
        "Loading…"
    };
    let rows = [
        Line::from(vec![
            Span::styled(what, screen.theme.heading()),
            Span::raw(" "),
            Span::raw(screen.name.to_string()),
        ]),
        Line::default(),
        Line::default(),
        Line::styled(
            format!(
                "{} records read · {:.1} s",
                thousands(r.records),
                screen.elapsed.as_secs_f64()
            ),
            screen.theme.dim(),
        ),
        hints(screen),
    ];
    for (i, line) in rows.into_iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let row = Rect::new(inner.x + 1, y, inner.width.saturating_sub(2), 1);
        if i == 2 {
            let label = if r.total == 0 {
                "…".to_string()
            } else {
                format!(
                    "{} of {}",
                    megabytes(r.done.min(r.total)),
                    megabytes(r.total)
                )
            };
            // The label beside the bar, not over it: over the filled part it would not read.
            let label_w = (label.chars().count() as u16 + 1).min(row.width / 2);
            let bar = Rect::new(row.x, row.y, row.width.saturating_sub(label_w), 1);
            let text = Rect::new(bar.right(), row.y, label_w, 1);
            frame.render_widget(
                Gauge::default()
                    .ratio(r.ratio())
                    .label("")
                    .gauge_style(screen.theme.key())
                    .use_unicode(true),
                bar,
            );
            frame.render_widget(
                Paragraph::new(format!(" {label}")).style(screen.theme.dim()),
                text,
            );
        } else {
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Left), row);
        }
    }
}

/// The keys of the loading screen, from the keymap.
fn hints(screen: &Screen) -> Line<'static> {
    let mut spans = Vec::new();
    for (keys, what) in keymap::footer(screen.keymap, Mode::Loading) {
        spans.push(Span::styled(keys.to_string(), screen.theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

/// Bytes as megabytes with one decimal, "12.3 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// 41234 → "41,234".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
