//! The search popup and the help overlay.

use crate::text::fit;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Areas;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn search(frame: &mut Frame, app: &App, areas: &Areas) {
    let Some(s) = &app.search else { return };
    frame.render_widget(Clear, areas.search);
    let count = if s.query.trim().is_empty() {
        "type to search entities, people, deals, terms and sources".to_string()
    } else {
        format!(
            "{} hit{}",
            s.hits.len(),
            if s.hits.len() == 1 { "" } else { "s" }
        )
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(Line::from(vec![
            Span::styled(" Search ", app.theme.title()),
            Span::styled(format!("{count} "), app.theme.dim()),
        ]));
    frame.render_widget(block, areas.search);
    let input = Line::from(vec![
        Span::styled(" / ", app.theme.key()),
        Span::raw(s.query.clone()),
        Span::styled("▏", app.theme.key()),
    ]);
    frame.render_widget(Paragraph::new(input), areas.search_input);
    let rule = Rect::new(
        areas.search_input.x,
        areas.search_input.y + 1,
        areas.search_input.width,
        1,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            "─".repeat(usize::from(rule.width)),
            app.theme.dim(),
        )),
        rule,
    );
    let area = areas.search_results;
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(s.offset)
        .take(height)
        .map(|(i, hit)| {
            let kind = fit(hit.record.kind(), 7);
            let title = app.title(hit.record);
            let title_w = (width / 3).max(12);
            let mut spans = vec![
                Span::styled(format!(" {kind}"), app.theme.dim()),
                Span::styled(fit(&title, title_w), app.theme.title()),
                Span::styled(format!(" {}: ", hit.field.as_str()), app.theme.dim()),
            ];
            let room = width.saturating_sub(8 + title_w + hit.field.as_str().width() + 3);
            spans.extend(highlighted(app, &hit.matched, &hit.positions, room));
            let line = Line::from(spans);
            if i == s.selected {
                line.patch_style(app.theme.selected(true))
            } else {
                line
            }
        })
        .collect();
    let lines = if lines.is_empty() && !s.query.trim().is_empty() {
        vec![Line::styled(" no hits", app.theme.dim())]
    } else {
        lines
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` with the characters at `positions` highlighted, cut to `room` columns around the
/// first match so the match is visible in long notes.
fn highlighted(app: &App, text: &str, positions: &[usize], room: usize) -> Vec<Span<'static>> {
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
        spans.push(Span::styled("…", app.theme.dim()));
        used += 1;
    }
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        let style = if positions.binary_search(&i).is_ok() {
            app.theme.matched()
        } else {
            Style::new()
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    spans
}

pub fn help(frame: &mut Frame, app: &App, area: Rect) {
    frame.render_widget(Clear, area);
    let mut lines = Vec::new();
    for (mode, heading) in [
        (Mode::Normal, "Main screen"),
        (Mode::Search, "Search line ( / )"),
        (Mode::Help, "This help"),
    ] {
        lines.push(Line::styled(heading, app.theme.heading()));
        for b in app.keymap.iter().filter(|b| b.mode == mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", b.label), app.theme.key()),
                Span::raw(b.description),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        "Mouse: click selects and focuses a pane; the wheel scrolls the pane under the pointer.",
        app.theme.dim(),
    ));
    let height = usize::from(area.height.saturating_sub(2));
    let offset = app.help_offset.min(lines.len().saturating_sub(height));
    let more = if lines.len() > height {
        " — j/k scroll"
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(Line::styled(
            format!(" Keys{more} — Esc closes "),
            app.theme.title(),
        ));
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}
