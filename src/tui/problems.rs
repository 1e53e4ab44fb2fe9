//! The Problems view: every diagnostic of the book as `file:line:col: error|warning: message`
//! (the words of `dealbook check`), errors first. A book with errors opens on it — the screen
//! is this list until q — and in the explorer `p` shows the warnings of the book loaded.

use super::nav::ListPos;
use super::theme::Theme;
use crate::book::Diagnostic;
use crate::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
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
    usize::from(screen_height.saturating_sub(4)).max(1)
}

/// Draws the list in `area`, from line `pos.offset`, `pos.selected` highlighted; `hint` is
/// the bottom border's text.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    name: &str,
    diagnostics: &[Diagnostic],
    pos: ListPos,
    theme: &Theme,
    hint: &str,
) {
    frame.render_widget(Clear, area);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let title = format!(
        " Problems · {name}: {}, {} ",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::styled(title, theme.title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let list = ordered(diagnostics);
    let offset = pos.offset.min(list.len().saturating_sub(height));
    let mut lines: Vec<Line> = (list.iter().enumerate())
        .skip(offset)
        .take(height)
        .map(|(i, d)| {
            let style = if d.is_error() {
                theme.warning()
            } else {
                theme.dim()
            };
            let style = if i == pos.selected {
                style.patch(theme.selected(true))
            } else {
                style
            };
            Line::from(Span::styled(fit(&d.render(name), width), style))
        })
        .collect();
    if list.is_empty() {
        lines.push(Line::styled("No problems: the book is clean.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The first line of the last page, for scrolling.
pub fn last_offset(diagnostics: &[Diagnostic], height: usize) -> usize {
    diagnostics.len().saturating_sub(height)
}
