//! What surrounds the panes: each pane's frame and scrollbar, the title line with the
//! breadcrumb, and the footer of key hints.

use crate::tui::action::Pane;
use crate::tui::keymap::{self, Binding, Mode};
use crate::tui::view::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use unicode_width::UnicodeWidthStr;

/// A pane's frame: its number and title, highlighted when focused.
pub fn pane_block(view: &View, pane: Pane, title: Vec<Span<'static>>) -> Block<'static> {
    let focused = view.focused(pane);
    let n = Pane::ALL.iter().position(|p| *p == pane).unwrap_or(0) + 1;
    let mut spans = vec![Span::styled(
        format!(" {n} {} ", pane.title()),
        view.theme.title(),
    )];
    spans.extend(title);
    Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(focused))
        .title(Line::from(spans))
}

/// A list pane's title parts made to fit a frame `width` wide: key hints (parts that start
/// with `· `) go first, from the last, then "involving NAME" becomes "· NAME"; what still
/// does not fit is cut by the border.
pub fn fit_title(pane: Pane, mut title: Vec<Span<'static>>, width: u16) -> Vec<Span<'static>> {
    // The frame's corners, and the pane's own " N Name " in front.
    let room = usize::from(width.saturating_sub(2));
    let head = pane.title().width() + 4;
    let wide = |t: &[Span]| head + t.iter().map(|s| s.content.width()).sum::<usize>();
    while wide(&title) > room {
        let Some(hint) = title.iter().rposition(|s| s.content.starts_with("· ")) else {
            break;
        };
        title.remove(hint);
    }
    if wide(&title) > room {
        for span in &mut title {
            if let Some(name) = span.content.strip_prefix("involving ") {
                span.content = format!("· {name}").into();
            }
        }
    }
    title
}

/// A scrollbar on the right border when a list is longer than its window.
pub fn scrollbar(frame: &mut Frame, area: Rect, len: usize, offset: usize) {
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
/// The title line while the book shown is not its file's latest (a reload found errors): the
/// banner alone, in the warning style, so it cannot be missed.
pub fn banner(frame: &mut Frame, view: &View, text: &str, area: Rect) {
    let text = crate::text::fit(&format!(" {text}"), usize::from(area.width));
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            text,
            view.theme.warning().add_modifier(Modifier::REVERSED),
        ))),
        area,
    );
}

/// The title line: the book's name and counts (or `notice`, what a reload changed, in their
/// place), review progress, and the breadcrumb on the right.
pub fn title(frame: &mut Frame, view: &View, crumbs: &[&str], notice: Option<&str>, area: Rect) {
    let book = &view.model.book;
    let width = usize::from(area.width);
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let counts = format!(
        "{} · {} · {}",
        n(book.entities.len(), "entity", "entities"),
        n(book.deals.len(), "deal", "deals"),
        n(book.sources.len(), "source", "sources")
    );
    // Review progress comes first when there is not room for both.
    let progress = view.progress.map(str::to_string);
    let counts = notice.map_or(counts, str::to_string);
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
    let fits = |t: &String| t.width() + 12 <= left_room;
    let both = progress.as_ref().map(|p| format!("{counts} · {p}"));
    // A reload's notice is news: it comes before the review progress when only one fits.
    let order = if notice.is_some() {
        [both, Some(counts), progress]
    } else {
        [both, progress, Some(counts)]
    };
    let counts_shown = order.into_iter().flatten().find(fits).unwrap_or_default();
    let name_room = left_room.saturating_sub(counts_shown.width() + 2);
    let name = crate::text::fit(book.title.as_deref().unwrap_or("untitled book"), name_room);
    let name = name.trim_end().to_string();
    let used = head.width() + name.width() + 2 + counts_shown.width();
    let pad = width.saturating_sub(used + crumb_shown.width());
    let spans = vec![
        Span::styled(head, view.theme.key()),
        Span::styled(name, view.theme.title()),
        Span::raw("  "),
        Span::styled(counts_shown, view.theme.dim()),
        Span::raw(" ".repeat(pad)),
        Span::styled(crumb_shown, view.theme.heading()),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key hints of `mode`, after the message if there is one.
pub fn footer(
    frame: &mut Frame,
    view: &View,
    (keymap, mode): (&[Binding], Mode),
    message: Option<&str>,
    area: Rect,
) {
    let width = usize::from(area.width);
    let mut spans: Vec<Span> = Vec::new();
    if let Some(m) = message {
        spans.push(Span::styled(format!(" {m} "), view.theme.warning()));
        spans.push(Span::raw(" "));
    }
    let hints = keymap::footer(keymap, mode);
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
        spans.push(Span::styled(format!(" {keys}"), view.theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(width: u16) -> String {
        // As the Flows pane writes its title.
        let title = ["(14) ", "involving OpenAI ", "committed ", "· v c "]
            .map(Span::raw)
            .to_vec();
        let title = fit_title(Pane::Flows, title, width);
        title.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_title_drops_its_hints_then_shortens_the_filter() {
        // " 3 Flows " and the two corners take 11 columns; the parts 38.
        assert_eq!(fitted(49), "(14) involving OpenAI committed · v c ");
        assert_eq!(fitted(48), "(14) involving OpenAI committed ");
        assert_eq!(fitted(43), "(14) involving OpenAI committed ");
        assert_eq!(fitted(42), "(14) · OpenAI committed ");
        // Nothing left to shorten: the border cuts what is left.
        assert_eq!(fitted(12), "(14) · OpenAI committed ");
    }
}
