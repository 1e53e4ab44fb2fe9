//! The Detail pane: the lines `tui::detail` built for one record, scrolled and highlighted.

use super::chrome::{pane_block, scrollbar};
use crate::book::Record;
use crate::tui::action::Pane;
use crate::tui::detail::{self, line_of_item};
use crate::tui::view::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Draws the record's lines from the pane's scroll position, the selected item highlighted.
pub fn draw(frame: &mut Frame, view: &View, area: Rect) {
    // The same width as `App::detail_width`, from the same layout: `update` and the drawing
    // see the same lines.
    let width = usize::from(area.width.saturating_sub(2)).max(10);
    let lines = detail::build(view, view.nav.detail, width);
    let lines = lines.as_slice();
    let focused = view.focused(Pane::Detail);
    let pos = view.nav.detail_pos;
    let height = usize::from(area.height.saturating_sub(2));
    let selected_line = line_of_item(lines, pos.selected);
    let found = (view.nav.found)
        .filter(|(r, _)| view.nav.detail == Some(*r))
        .map(|(_, line)| line);
    let visible: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(pos.offset)
        .take(height)
        .map(|(i, l)| {
            // A line too long for the pane ends in '…' rather than stopping mid-word.
            let line = clip_line(&l.line, width);
            if Some(i) == selected_line && focused {
                line.patch_style(view.theme.selected(true))
            } else if Some(i) == found {
                line.patch_style(view.theme.matched())
            } else {
                line
            }
        })
        .collect();
    let what = match view.nav.detail {
        Some(Record::Loop(_)) => "circular financing",
        Some(r) => r.kind(),
        None => "",
    };
    let block = pane_block(
        view,
        Pane::Detail,
        vec![Span::styled(format!("{what} "), view.theme.dim())],
    );
    frame.render_widget(Paragraph::new(visible).block(block), area);
    scrollbar(frame, area, lines.len(), pos.offset);
}

/// `line` cut to `width` columns, its last visible character replaced by '…' when cut; each
/// span keeps its style.
fn clip_line(line: &Line<'static>, width: usize) -> Line<'static> {
    // Trailing blanks (padding) are not content: a line that fits without them is whole.
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if text.trim_end().width() <= width {
        return line.clone();
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in &line.spans {
        let w = span.content.width();
        if used + w < width {
            out.push(span.clone());
            used += w;
            continue;
        }
        let text = crate::text::clip(&span.content, width - used);
        // `clip` ends a cut text in '…'; a span that fills the line exactly gets one too.
        let text = if text.ends_with('…') {
            text
        } else {
            crate::text::clip(&format!("{text}…"), width - used)
        };
        out.push(Span::styled(text, span.style));
        break;
    }
    Line::from(out).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    #[test]
    fn a_long_line_ends_in_an_ellipsis_and_keeps_its_styles() {
        let red = Style::default().fg(Color::Red);
        let line = Line::from(vec![
            Span::raw(" ▸ "),
            Span::styled("Thrive Capital — parent", red),
        ]);
        let cut = clip_line(&line, 12);
        assert_eq!(cut.width(), 12);
        let text: String = cut.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, " ▸ Thrive C…");
        assert_eq!(cut.spans[1].style, red);
        assert_eq!(clip_line(&line, 80), line, "a line that fits is left alone");
        let padded = Line::from(vec![Span::raw("term  →"), Span::raw("    ")]);
        assert_eq!(
            clip_line(&padded, 7),
            padded,
            "padding past the edge is not cut"
        );
    }
}
