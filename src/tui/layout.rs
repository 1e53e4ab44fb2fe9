//! Where everything goes on the screen. A pure function of the terminal size, shared by the
//! views (to draw) and by `update` (page sizes, mouse hit-testing), so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest terminal the explorer draws in; below it, a note says so.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub too_small: bool,
    pub title: Rect,
    pub entities: Rect,
    pub deals: Rect,
    pub flows: Rect,
    pub detail: Rect,
    pub footer: Rect,
    /// The search popup, its query line and its results.
    pub search: Rect,
    pub search_input: Rect,
    pub search_results: Rect,
    pub help: Rect,
}

/// A left column of the three lists stacked (as lazygit stacks its panes) and the Detail
/// pane on the right, with a title line above and the key hints below.
pub fn areas(screen: Rect) -> Areas {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let [title, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(screen);
    let [left, detail] =
        Layout::horizontal([Constraint::Percentage(46), Constraint::Percentage(54)]).areas(body);
    let [entities, deals, flows] = Layout::vertical([
        Constraint::Percentage(32),
        Constraint::Percentage(38),
        Constraint::Percentage(30),
    ])
    .areas(left);
    let search = centered(body, 90, 80);
    // Inside the popup's border: the query line, a rule, then the results.
    let inner = Rect::new(
        search.x + 1,
        search.y + 1,
        search.width.saturating_sub(2),
        search.height.saturating_sub(2),
    );
    let search_input = Rect::new(inner.x, inner.y, inner.width, 1);
    let search_results = Rect::new(
        inner.x,
        inner.y + 2,
        inner.width,
        inner.height.saturating_sub(2),
    );
    Areas {
        too_small: false,
        title,
        entities,
        deals,
        flows,
        detail,
        footer,
        search,
        search_input,
        search_results,
        help: centered(body, 80, 90),
    }
}

/// `areas` with one pane zoomed (`z`): it takes the whole body, the others none.
pub fn zoomed(screen: Rect, pane: super::action::Pane) -> Areas {
    use super::action::Pane;
    let mut a = areas(screen);
    if a.too_small {
        return a;
    }
    let body = Rect::new(
        screen.x,
        a.title.y + 1,
        screen.width,
        a.footer.y.saturating_sub(a.title.y + 1),
    );
    let none = Rect::new(body.x, body.y, 0, 0);
    (a.entities, a.deals, a.flows, a.detail) = match pane {
        Pane::Entities => (body, none, none, none),
        Pane::Deals => (none, body, none, none),
        Pane::Flows => (none, none, body, none),
        Pane::Detail => (none, none, none, body),
    };
    a
}

/// A rectangle of `pw`% by `ph`% centred in `r`.
fn centered(r: Rect, pw: u16, ph: u16) -> Rect {
    // In u32: a terminal may be wider than u16::MAX / 100 columns.
    let part = |len: u16, pct: u16| (u32::from(len) * u32::from(pct.min(100)) / 100) as u16;
    let (w, h) = (part(r.width, pw), part(r.height, ph));
    Rect::new(r.x + (r.width - w) / 2, r.y + (r.height - h) / 2, w, h)
}
