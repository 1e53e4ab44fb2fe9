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
            if Some(i) == selected_line && focused {
                l.line.clone().patch_style(view.theme.selected(true))
            } else if Some(i) == found {
                l.line.clone().patch_style(view.theme.matched())
            } else {
                l.line.clone()
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
