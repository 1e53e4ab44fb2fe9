//! The search popup and the help overlay.

use crate::text::fit;
use crate::tui::keymap;
use crate::tui::keymap::Binding;
use crate::tui::layout::Areas;
use crate::tui::overlay::SearchUi;
use crate::tui::view::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Columns for a hit's date or amount ("2025-10", "≤ $100B", "$50B–$60B per GW").
const FIGURE_COLUMNS: usize = 11;

pub fn search(frame: &mut Frame, view: &View, s: &SearchUi, areas: &Areas) {
    frame.render_widget(Clear, areas.search);
    let count = if s.error.is_some() {
        "query error".to_string()
    } else if s.query.trim().is_empty() {
        "type to search every record: entities, deals, terms, flows, metrics, loops, sources"
            .to_string()
    } else {
        format!(
            "{} hit{}",
            s.hits.len(),
            if s.hits.len() == 1 { "" } else { "s" }
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Line::from(vec![
            Span::styled(" Search ", view.theme.title()),
            Span::styled(format!("{count} "), view.theme.dim()),
        ]));
    frame.render_widget(block, areas.search);
    let input = Line::from(vec![
        Span::styled(" / ", view.theme.key()),
        Span::raw(s.query.clone()),
        Span::styled("▏", view.theme.key()),
    ]);
    frame.render_widget(Paragraph::new(input), areas.search_input);
    let rule = Rect::new(
        areas.search_input.x,
        areas.search_input.y + 1,
        areas.search_input.width,
        1,
    );
    let area = areas.search_results;
    if let Some(e) = &s.error {
        // A caret under the place in the query, the message below it.
        let before = s.query.get(..e.at()).unwrap_or_default().width();
        let caret = Line::from(vec![
            Span::raw(" ".repeat(3 + before)),
            Span::styled("^", view.theme.warning()),
        ]);
        frame.render_widget(Paragraph::new(caret), rule);
        let message = crate::text::wrap(&e.to_string(), usize::from(area.width).saturating_sub(2));
        let lines: Vec<Line> = message
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), view.theme.warning()))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            "─".repeat(usize::from(rule.width)),
            view.theme.dim(),
        )),
        rule,
    );
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(s.pos.offset)
        .take(height)
        .map(|(i, hit)| {
            let kind = fit(hit.record.kind(), 7);
            let title = view.model.title(hit.record);
            let title_w = (width / 3).max(12);
            let figure = hit.record.figure(&view.model.book).unwrap_or_default();
            let mut spans = vec![
                Span::styled(format!(" {kind}"), view.theme.dim()),
                Span::styled(fit(&title, title_w), view.theme.title()),
                Span::styled(
                    format!(" {}", fit(&figure, FIGURE_COLUMNS)),
                    view.theme.dim(),
                ),
                Span::styled(format!(" {}: ", hit.field.as_str()), view.theme.dim()),
            ];
            let room = width
                .saturating_sub(8 + title_w + 1 + FIGURE_COLUMNS + hit.field.as_str().width() + 3);
            spans.extend(highlighted(view, &hit.matched, &hit.positions, room));
            let line = Line::from(spans);
            if i == s.pos.selected {
                line.patch_style(view.theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    let lines = if lines.is_empty() && !s.query.trim().is_empty() {
        vec![Line::styled(" no hits", view.theme.dim())]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` with the characters at `positions` highlighted, cut to `room` columns around the
/// first match so the match is visible in long notes.
fn highlighted(view: &View, text: &str, positions: &[usize], room: usize) -> Vec<Span<'static>> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let first = positions.first().copied().unwrap_or(0);
    // Start a little before the first match when the text is longer than the room.
    let start = if chars.len() > room && first > room / 3 {
        first - room / 3
    } else {
        0
    };
    let mut spans = Vec::new();
    let mut used = 0;
    if start > 0 {
        spans.push(Span::styled("…", view.theme.dim()));
        used += 1;
    }
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        let style = if positions.binary_search(&i).is_ok() {
            view.theme.matched()
        } else {
            Style::new()
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    spans
}

pub fn help(frame: &mut Frame, view: &View, keymap: &[Binding], offset: usize, area: Rect) {
    frame.render_widget(Clear, area);
    let mut lines = Vec::new();
    // The key column fits the longest label ("Esc/h/←/Backspace"), so none runs into its text.
    // (at most 19 columns: a longer label is followed by one space).
    let key_w = (keymap.iter().map(|b| b.label.width()).max().unwrap_or(0) + 1).min(19);
    for (mode, heading) in keymap::HELP_MODES {
        lines.push(Line::styled(heading, view.theme.heading()));
        for b in keymap.iter().filter(|b| b.mode == mode) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "  {}{}",
                        b.label,
                        " ".repeat(key_w.saturating_sub(b.label.width()).max(1))
                    ),
                    view.theme.key(),
                ),
                Span::raw(b.description),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "Mouse: click selects and focuses a pane; the wheel scrolls the pane under the pointer.",
        view.theme.dim(),
    ));
    let height = usize::from(area.height.saturating_sub(2));
    let offset = offset.min(lines.len().saturating_sub(height));
    let more = if lines.len() > height {
        " — j/k scroll"
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Line::styled(
            format!(" Keys{more} — Esc closes "),
            view.theme.title(),
        ));
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

/// The note line (`a`): a one-line input over the bottom of the body, the cursor in it.
pub fn note(frame: &mut Frame, view: &View, ui: &crate::tui::overlay::NoteUi, screen: Rect) {
    let width = screen.width.saturating_sub(4).max(10);
    let area = Rect::new(2, screen.height.saturating_sub(5), width, 3);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Line::styled(
            format!(
                " Note on {} · Enter saves, Esc cancels ",
                crate::text::fit(&ui.title, usize::from(width).saturating_sub(34)).trim_end()
            ),
            view.theme.title(),
        ));
    let inner = block.inner(area);
    let w = usize::from(inner.width.max(1));
    let scroll = ui.input.visual_scroll(w.saturating_sub(1));
    let text: String = ui.input.value().chars().skip(scroll).collect();
    frame.render_widget(Paragraph::new(text).block(block), area);
    let x = ui.input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((inner.x + x.min(inner.width.saturating_sub(1)), inner.y));
}
