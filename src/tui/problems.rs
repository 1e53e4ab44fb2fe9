//! The Problems view: every diagnostic of the book as `file:line:col: error|warning: message`
//! (the words of `dealbook check`), errors first. A book with errors opens on it — the screen
//! is this list until q — and in the explorer `p` shows the warnings of the book loaded.

use super::nav::ListPos;
use super::theme::Theme;
use crate::book::Diagnostic;
use crate::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The diagnostics in the order the view lists them: errors first, each group by position.
pub fn ordered(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut out: Vec<&Diagnostic> = diagnostics.iter().collect();
    out.sort_by_key(|d| (!d.is_error(), d.line, d.column));
    out
}

/// The rows of the list in the explorer (`p`), on a screen `screen_height` tall: the body
/// between the title line and the footer, less its borders.
pub fn height(screen_height: u16) -> usize {
    list_rows(usize::from(screen_height.saturating_sub(4)))
}

/// Lines under the list for the selected problem in full (a rule and its wrapped text), when
/// the list is tall enough to spare them.
const FULL_ROWS: usize = 4;

/// The rows of the list in a box `inner` rows tall: less the selected problem's full text
/// when there is room for both.
pub fn list_rows(inner: usize) -> usize {
    if inner >= 10 {
        inner - FULL_ROWS
    } else {
        inner.max(1)
    }
}

/// What the list shows: the book's diagnostics, then the review marks whose record is gone.
pub struct Listing<'a> {
    /// The book's name, as its lines give it.
    pub name: &'a str,
    pub diagnostics: &'a [Diagnostic],
    pub orphans: &'a [String],
}

/// Draws the list in `area`, from line `pos.offset`, `pos.selected` highlighted; `hint` is
/// the bottom border's text.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    list: &Listing,
    pos: ListPos,
    theme: &Theme,
    hint: &str,
) {
    frame.render_widget(Clear, area);
    let errors = list.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = list.diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let mut title = format!(
        " Problems · {}: {}, {}",
        list.name,
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if !list.orphans.is_empty() {
        title += &format!(", {}", plural(list.orphans.len(), "orphaned mark"));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::styled(title + " ", theme.title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let height = list_rows(usize::from(inner.height));
    let rows: Vec<(String, Style)> = (ordered(list.diagnostics).into_iter())
        .map(|d| {
            let style = if d.is_error() {
                theme.warning()
            } else {
                theme.dim()
            };
            (d.render(list.name), style)
        })
        .chain(list.orphans.iter().map(|o| (o.clone(), theme.dim())))
        .collect();
    let offset = pos.offset.min(rows.len().saturating_sub(height));
    let mut lines: Vec<Line> = (rows.iter().enumerate())
        .skip(offset)
        .take(height)
        .map(|(i, (text, style))| {
            let style = if i == pos.selected {
                style.patch(theme.selected(true))
            } else {
                *style
            };
            Line::from(Span::styled(fit(text, width), style))
        })
        .collect();
    if rows.is_empty() {
        lines.push(Line::styled("No problems: the book is clean.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // The selected problem whole, wrapped, under the list: the list cuts long messages.
    if height < usize::from(inner.height)
        && let Some((text, style)) = rows.get(pos.selected)
    {
        let mut full = vec![Line::styled("─".repeat(width), theme.dim())];
        full.extend(
            (crate::text::wrap(text, width).into_iter())
                .take(FULL_ROWS - 1)
                .map(|l| Line::styled(l, *style)),
        );
        let area = Rect::new(
            inner.x,
            inner.y + height as u16,
            inner.width,
            inner.height - height as u16,
        );
        frame.render_widget(Paragraph::new(full), area);
    }
}
