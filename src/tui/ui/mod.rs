//! Drawing: [`draw`] reads `&App` once and hands each view what it shows — the [`View`] (model,
//! theme, navigation) and, for the title line, footer and overlays, their own pieces. One file
//! per pane or overlay; every list builds rows for its visible window only.

mod chrome;
mod detail;
mod lists;
mod overlays;
mod pictures;

use super::app::App;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::overlay::Overlay;
use super::view::View;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

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
        too_small(frame, area);
        return;
    }
    let view: View = app.view();
    match app.live.banner(&app.book_name) {
        Some(banner) => chrome::banner(frame, &view, &banner, areas.title),
        None => chrome::title(
            frame,
            &view,
            &app.breadcrumb(),
            app.live.notice.as_deref(),
            areas.title,
        ),
    }
    lists::entities(frame, &view, areas.entities);
    lists::deals(frame, &view, areas.deals);
    lists::flows(frame, &view, areas.flows);
    detail::draw(frame, &view, areas.detail);
    chrome::footer(
        frame,
        &view,
        (&app.keymap, app.mode()),
        app.message.as_deref().or_else(|| {
            (app.search().is_some() && !app.search_ready()).then_some("building the search index…")
        }),
        areas.footer,
    );
    match &app.overlay {
        Overlay::Search(s) => overlays::search(frame, &view, s, &areas),
        Overlay::Help { offset } => overlays::help(frame, &view, &app.keymap, *offset, areas.help),
        Overlay::Note(ui) => overlays::note(frame, &view, ui, area),
        Overlay::Problems { selected, offset } => {
            let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
            crate::tui::problems::draw(
                frame,
                body,
                &crate::tui::problems::Listing {
                    name: &app.book_name,
                    diagnostics: &app.problems,
                    orphans: &app.orphans,
                },
                crate::tui::nav::ListPos {
                    selected: *selected,
                    offset: *offset,
                },
                &app.theme,
                "j/k move · e edit at the line · r reload · q, Esc or p close",
            );
        }
        Overlay::Picture(ui) => {
            let body = Rect::new(0, 1, area.width, area.height.saturating_sub(2));
            pictures::draw(frame, &view, ui, body);
        }
        Overlay::None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
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
}
