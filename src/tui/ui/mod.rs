//! Drawing: reads `&App`, draws a frame. Every list builds rows for its visible window only.

pub(crate) mod lists;
mod overlays;

use super::action::Pane;
use super::app::App;
use super::keymap::{self, Mode};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap,
};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    // The layout comes from the size the app knows; a frame of another size (a resize not yet
    // applied) would put panes outside the buffer. The event loop resizes the app before each
    // draw; this keeps a stray frame blank rather than wrong.
    if (area.width, area.height) != (app.width, app.height) {
        return;
    }
    let areas = app.areas();
    if areas.too_small {
        let text = format!(
            "Terminal too small: {}×{}. dealbook needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window, or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            Rect::new(
                0,
                area.height / 2 - area.height.min(2) / 2,
                area.width,
                area.height.min(2),
            ),
        );
        return;
    }
    title(frame, app, areas.title);
    lists::entities(frame, app, areas.entities);
    lists::deals(frame, app, areas.deals);
    lists::flows(frame, app, areas.flows);
    detail(frame, app, areas.detail);
    footer(frame, app, areas.footer);
    match app.mode {
        Mode::Search => overlays::search(frame, app, &areas),
        Mode::Help => overlays::help(frame, app, areas.help),
        Mode::Normal => {}
    }
}

/// A pane's frame: its number and title, highlighted when focused.
pub(super) fn pane_block(app: &App, pane: Pane, title: Vec<Span<'static>>) -> Block<'static> {
    let focused = app.nav.focus == pane && app.mode == Mode::Normal;
    let n = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) + 1;
    let mut spans = vec![Span::styled(
        format!(" {n} {} ", pane.title()),
        app.theme.title(),
    )];
    spans.extend(title);
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(focused))
        .title(Line::from(spans))
}

/// A scrollbar on the right border when a list is longer than its window.
pub(super) fn scrollbar(frame: &mut Frame, area: Rect, len: usize, offset: usize) {
    let height = usize::from(area.height.saturating_sub(2));
    if len <= height {
        return;
    }
    let mut state = ScrollbarState::new(len.saturating_sub(height)).position(offset);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("┃"),
        area.inner(ratatui::layout::Margin {
            vertical: 1,
            horizontal: 0,
        }),
        &mut state,
    );
}

/// The title line: the book's title and counts on the left, the breadcrumb (the steps taken,
/// ending where the user is) on the right; when space is short, the title gives way first.
fn title(frame: &mut Frame, app: &App, area: Rect) {
    let book = &app.book;
    let width = usize::from(area.width);
    let crumbs = app.breadcrumb();
    let counts = format!(
        "{} entities · {} deals · {} sources",
        book.entities.len(),
        book.deals.len(),
        book.sources.len()
    );
    let crumb_text = if crumbs.is_empty() {
        String::new()
    } else {
        let steps: Vec<String> = crumbs
            .iter()
            .map(|c| crate::text::fit(c, 24).trim_end().to_string())
            .collect();
        format!("⌂ › {} ", steps.join(" › "))
    };
    // The breadcrumb may take up to 60% of the line; its start is cut, its end kept.
    let crumb_room = if crumbs.is_empty() { 0 } else { width * 3 / 5 };
    let crumb_shown = if crumb_text.width() > crumb_room {
        let mut tail = String::new();
        for c in crumb_text.chars().rev() {
            if tail.width() + 2 > crumb_room {
                break;
            }
            tail.insert(0, c);
        }
        format!("…{tail}")
    } else {
        crumb_text
    };
    let head = " dealbook ";
    let left_room = width.saturating_sub(head.width() + crumb_shown.width() + 1);
    let counts_shown = if counts.width() + 12 <= left_room {
        counts
    } else {
        String::new()
    };
    let name_room = left_room.saturating_sub(counts_shown.width() + 2);
    let name = crate::text::fit(book.title.as_deref().unwrap_or("untitled book"), name_room);
    let name = name.trim_end().to_string();
    let used = head.width() + name.width() + 2 + counts_shown.width();
    let pad = width.saturating_sub(used + crumb_shown.width());
    let spans = vec![
        Span::styled(head, app.theme.key()),
        Span::styled(name, app.theme.title()),
        Span::raw("  "),
        Span::styled(counts_shown, app.theme.dim()),
        Span::raw(" ".repeat(pad)),
        Span::styled(crumb_shown, app.theme.heading()),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn detail(frame: &mut Frame, app: &App, area: Rect) {
    let lines = app.detail_lines();
    let focused = app.nav.focus == Pane::Detail && app.mode == Mode::Normal;
    let pos = app.nav.detail_pos;
    let height = usize::from(area.height.saturating_sub(2));
    let selected_line = super::detail::line_of_item(&lines, pos.selected);
    let visible: Vec<Line> = lines
        .iter()
        .enumerate()
        .skip(pos.offset)
        .take(height)
        .map(|(i, l)| {
            if Some(i) == selected_line && focused {
                l.line.clone().patch_style(app.theme.selected(true))
            } else {
                l.line.clone()
            }
        })
        .collect();
    let what = match app.nav.detail {
        Some(crate::book::Record::Loop(_)) => "circular financing",
        Some(r) => r.kind(),
        None => "",
    };
    let block = pane_block(
        app,
        Pane::Detail,
        vec![Span::styled(format!("{what} "), app.theme.dim())],
    );
    frame.render_widget(Paragraph::new(visible).block(block), area);
    scrollbar(frame, area, lines.len(), pos.offset);
}

fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let width = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(m) = &app.message {
        spans.push(Span::styled(format!(" {m} "), app.theme.warning()));
        spans.push(Span::raw(" "));
    }
    let hints = keymap::footer(&app.keymap, app.mode);
    // Hints in keymap order, as many as fit; the last two (help and quit, or close) always
    // stay, so the way to everything else is never cut off.
    let keep = hints.len().saturating_sub(2);
    let hint_width = |(keys, what): &(&str, &str)| keys.width() + what.width() + 3;
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let tail: usize = hints[keep..].iter().map(hint_width).sum();
    let mut room = width.saturating_sub(used + tail);
    let mut shown: Vec<(&str, &str)> = Vec::new();
    for h in &hints[..keep] {
        if hint_width(h) > room {
            break;
        }
        room -= hint_width(h);
        shown.push(*h);
    }
    shown.extend_from_slice(&hints[keep..]);
    for (keys, what) in shown {
        spans.push(Span::styled(format!(" {keys}"), app.theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
