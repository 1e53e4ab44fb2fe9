//! The pictures drawn over the body: the timeline, an entity's money map, its metric chart.
//! Each draws only the rows that fit; what is where comes from `book::timeline` and
//! `book::flows::map`.

use crate::book::flows::map::{MoneyMap, Side};
use crate::book::record::ends_name;
use crate::book::terms::format_amount;
use crate::book::timeline::{self, Timeline};
use crate::book::{EntityIx, Record};
use crate::text::fit;
use crate::tui::overlay::{Picture, PictureUi};
use crate::tui::view::View;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Clear, Dataset, GraphType, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, view: &View, ui: &PictureUi, area: Rect) {
    frame.render_widget(Clear, area);
    match &ui.picture {
        Picture::Timeline(t) => draw_timeline(frame, view, t, ui, area),
        Picture::Map(m) => draw_map(frame, view, m, ui, area),
        Picture::Chart(e) => draw_chart(frame, view, *e, area),
    }
}

fn block(view: &View, title: String, bottom: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(view.theme.border(true))
        .title(Line::styled(title, view.theme.title()))
        .title_bottom(Line::styled(bottom.to_string(), view.theme.dim()))
}

fn draw_timeline(frame: &mut Frame, view: &View, t: &Timeline, ui: &PictureUi, area: Rect) {
    let book = &view.model.book;
    let involving = view
        .nav
        .filter
        .map(|e| format!(" involving {}", book.entities[e].name))
        .unwrap_or_default();
    let title = format!(
        " Timeline{involving} · {} dated · {} undated · Enter opens, Esc back ",
        t.items.len(),
        t.undated.len()
    );
    let legend = if area.width >= 100 {
        format!(" {} ", timeline::LEGEND)
    } else {
        " █ closed ▓ signed ▒ announced ░ negotiating · rumored × cancelled ● a day ".to_string()
    };
    let b = block(view, title, &legend);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = usize::from(inner.width);
    let label_w = 9;
    let title_w = (w * 2 / 5).max(20);
    let axis_w = w.saturating_sub(label_w + title_w + 2).max(8);
    let axis = t.axis(axis_w);
    let height = usize::from(inner.height.saturating_sub(1));
    let mut lines = vec![Line::styled(
        format!("{:label_w$} {}", "", axis.labels()),
        view.theme.dim(),
    )];
    let offset = ui.pos.offset.min(t.len().saturating_sub(height));
    for row in offset..t.len().min(offset + height) {
        let (label, bar, record) = match t.items.get(row) {
            Some(item) => {
                let status = status_of(view, item.record);
                (
                    item.date.to_string(),
                    Span::styled(
                        timeline::bar(item, &axis, status),
                        status.map_or(view.theme.money(), |s| view.theme.status(s)),
                    ),
                    item.record,
                )
            }
            None => {
                let r = t.undated[row - t.items.len()];
                ("undated".to_string(), Span::raw(" ".repeat(axis_w)), r)
            }
        };
        let (status, text) = timeline::describe(book, record);
        let mut line = Line::from(vec![
            Span::styled(fit(&label, label_w), view.theme.dim()),
            Span::raw(" "),
            bar,
            Span::raw(" "),
            Span::styled(
                fit(&text, title_w),
                status.map_or(Style::new(), |s| view.theme.status(s)),
            ),
        ]);
        if row == ui.pos.selected {
            line = line.patch_style(view.theme.selected(true));
        }
        lines.push(line);
    }
    if t.is_empty() {
        lines.push(Line::styled("no deals", view.theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn status_of(view: &View, r: Record) -> Option<crate::book::Status> {
    match r {
        Record::Deal(d) => view.model.book.deals.get(d).map(|x| x.status),
        _ => None,
    }
}

/// One neighbour on a line: "Nvidia  investment ≤ $100B announced".
fn side_text(view: &View, side: &Side) -> String {
    let book = &view.model.book;
    let e = &view.model.edges[side.edge];
    let statuses: Vec<&str> = e.statuses(book).iter().map(|s| s.as_str()).collect();
    let amount = e.parts.only(view.money).text();
    let amount = if amount.is_empty() {
        "no flow".to_string()
    } else {
        amount
    };
    let lead = ends_name(book, &side.far);
    // The loop mark first, so that a narrow column keeps it.
    let loop_mark = if side.in_loop { "↻ " } else { "" };
    format!(
        "{loop_mark}{lead} · {} {amount} · {}",
        e.kind,
        statuses.join(", ")
    )
}

fn draw_map(frame: &mut Frame, view: &View, m: &MoneyMap, ui: &PictureUi, area: Rect) {
    let book = &view.model.book;
    let name = &book.entities[m.centre].name;
    let title = format!(
        " Money map · {name} · {} · Enter re-centres, Esc back ",
        view.money.name()
    );
    let b = block(
        view,
        title,
        " ↻ on a loop of circular financing · v money shown · t timeline ",
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = usize::from(inner.width);
    let centre_w = (name.width() + 4).clamp(12, 28).min(w / 3);
    let side_w = w.saturating_sub(centre_w) / 2;
    let height = usize::from(inner.height.saturating_sub(1));
    let rows = m.senders.len().max(m.recipients.len());
    // The selected neighbour's line stays in view; its column is highlighted.
    let (sel_row, sel_right) = if ui.pos.selected < m.senders.len() {
        (ui.pos.selected, false)
    } else {
        (ui.pos.selected - m.senders.len(), true)
    };
    let offset = (sel_row + 1).saturating_sub(height);
    let head = |s: &str, w: usize| fit(s, w);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            head(&format!("who pays {name} ({})", m.senders.len()), side_w),
            view.theme.heading(),
        ),
        Span::styled(
            format!("{:^centre_w$}", fit(name, centre_w)),
            view.theme.title(),
        ),
        Span::styled(
            head(
                &format!("whom {name} pays ({})", m.recipients.len()),
                side_w,
            ),
            view.theme.heading(),
        ),
    ])];
    let cell_style = |side: &Side, selected: bool| {
        let s = if side.in_loop {
            view.theme.warning()
        } else {
            Style::new()
        };
        if selected {
            s.patch(view.theme.selected(true))
        } else {
            s
        }
    };
    for row in offset..rows.min(offset + height) {
        let left = m.senders.get(row).map_or_else(
            || Span::raw(" ".repeat(side_w)),
            |s| {
                let text = fit(&side_text(view, s), side_w.saturating_sub(3));
                let pad = side_w.saturating_sub(text.width() + 3);
                Span::styled(
                    format!("{}{text} ─▶", " ".repeat(pad)),
                    cell_style(s, !sel_right && row == sel_row),
                )
            },
        );
        let middle = if row == offset {
            "┤ ● ├".to_string()
        } else {
            "│   │".to_string()
        };
        let right = m.recipients.get(row).map_or_else(
            || Span::raw(String::new()),
            |s| {
                let text = fit(&side_text(view, s), side_w.saturating_sub(3));
                Span::styled(
                    format!("─▶ {text}"),
                    cell_style(s, sel_right && row == sel_row),
                )
            },
        );
        lines.push(Line::from(vec![
            left,
            Span::styled(format!("{middle:^centre_w$}"), view.theme.dim()),
            right,
        ]));
    }
    if m.is_empty() {
        lines.push(Line::styled(
            format!("{name} has no flows in this view (v shows other deals)"),
            view.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One series of the chart: its name, whether its values are exact, and its points (year,
/// log10 of the amount).
type Series = (String, bool, Vec<(f64, f64)>);

/// An entity's metrics on a date axis with ratatui's Chart: one series per metric name, points
/// only where dated, exact values as dots and bounds ("≥", "≈", ranges) as blocks; undated
/// values listed beside.
fn draw_chart(frame: &mut Frame, view: &View, e: EntityIx, area: Rect) {
    let ent = &view.model.book.entities[e];
    let b = block(
        view,
        format!(" Metrics of {} · Esc back ", ent.name),
        " • exact value  █ a bound (≥, ≤, ≈, a range): its largest stated value · log scale ",
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let [chart_area, list_area] =
        Layout::horizontal([Constraint::Percentage(68), Constraint::Percentage(32)]).areas(inner);
    let mut names: Vec<&str> = Vec::new();
    for m in &ent.metrics {
        if !names.contains(&m.name.as_str()) {
            names.push(&m.name);
        }
    }
    // Money metrics only, in the largest unit among them (the chart's y axis is one scale).
    let value = |m: &crate::book::Metric| {
        (m.amount.is_money() && m.amount.per.is_none())
            .then(|| m.amount.high.or(m.amount.low))
            .flatten()
    };
    let mut series: Vec<Series> = Vec::new();
    let mut undated: Vec<String> = Vec::new();
    for name in &names {
        let mut exact = Vec::new();
        let mut bound = Vec::new();
        for m in ent.metrics.iter().filter(|m| m.name == *name) {
            match (m.date, value(m)) {
                (Some(d), Some(v)) => {
                    let (s, end) = timeline::place(&d);
                    let x = (s + end) / 2.0 / 12.0;
                    // A log scale: revenue in billions and commitments in trillions both read.
                    let y = v.max(1.0).log10();
                    if m.amount.bound == crate::book::terms::Bound::Exact {
                        exact.push((x, y));
                    } else {
                        bound.push((x, y));
                    }
                }
                _ => undated.push(format!(
                    "{} {}{}",
                    name.replace('_', " "),
                    m.amount.human(),
                    m.date.map_or(String::new(), |d| format!(" ({d})"))
                )),
            }
        }
        if !exact.is_empty() {
            series.push((name.replace('_', " "), true, exact));
        }
        if !bound.is_empty() {
            series.push((format!("{} (bound)", name.replace('_', " ")), false, bound));
        }
    }
    let points = series.iter().flat_map(|s| s.2.iter());
    let (mut x0, mut x1, mut y0, mut y1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if series.is_empty() {
        x0 = 0.0;
        x1 = 1.0;
    }
    let (x0, x1) = (x0.floor(), (x1.ceil()).max(x0.floor() + 1.0));
    // Whole powers of ten around the values: $1B, $10B, $100B, $1T.
    let (y0, y1) = if y1.is_finite() {
        (y0.floor(), y1.ceil().max(y0.floor() + 1.0))
    } else {
        (0.0, 1.0)
    };
    let colours = [
        ratatui::style::Color::Cyan,
        ratatui::style::Color::Green,
        ratatui::style::Color::Yellow,
        ratatui::style::Color::Magenta,
        ratatui::style::Color::Blue,
        ratatui::style::Color::Red,
    ];
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, (name, exact, data))| {
            Dataset::default()
                .name(name.clone())
                .marker(if *exact { Marker::Dot } else { Marker::Block })
                .graph_type(GraphType::Scatter)
                .style(view.theme.colour(colours[i % colours.len()]))
                .data(data)
        })
        .collect();
    let unit = ent
        .metrics
        .iter()
        .find_map(|m| m.amount.unit.clone())
        .unwrap_or_else(|| "USD".into());
    let y_label = |p: f64| format_amount(10f64.powf(p), Some(&unit));
    let y_labels: Vec<String> = (y0 as i32..=y1 as i32)
        .map(|p| y_label(f64::from(p)))
        .collect();
    let chart = Chart::new(datasets)
        .hidden_legend_constraints((Constraint::Ratio(2, 3), Constraint::Ratio(2, 3)))
        .x_axis(
            Axis::default()
                .bounds([x0, x1])
                .labels(
                    (x0 as i32..=x1 as i32)
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>(),
                )
                .style(view.theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([y0, y1])
                .labels(y_labels)
                .style(view.theme.dim()),
        );
    frame.render_widget(chart, chart_area);
    let mut lines = vec![Line::styled("Undated (not plotted)", view.theme.heading())];
    lines.extend(
        undated
            .iter()
            .map(|u| Line::raw(fit(&format!("  {u}"), usize::from(list_area.width)))),
    );
    if undated.is_empty() {
        lines.push(Line::styled("  none", view.theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
}
