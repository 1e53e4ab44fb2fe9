//! The three list panes: Entities, Deals, Flows (aggregated or circular financing).

use super::chrome::{fit_title, pane_block, scrollbar};
use crate::book::flows::interval::Totals;
use crate::book::flows::{LoopValue, Parts, StatusSet};
use crate::book::record::{ends_name, loop_title};
use crate::book::terms::format_amount;
use crate::book::{FlowKind, Record};
use crate::text::{bar, fit};
use crate::tui::action::Pane;
use crate::tui::nav::ListPos;
use crate::tui::view::View;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

/// Below this inner width, list rows drop their less important columns.
const NARROW: usize = 48;

/// A money column at least this wide (inside) writes amounts as Detail does ("≤ $100B", "≤ 10% of
/// AMD"); a narrower one drops the spaces in all of its cells ("≤$100B"), so that one column
/// never mixes the two.
const SPACED: usize = 9;

/// The largest currency's total ("≤ $100B", or "≤$100B" not `spaced`), with "+" when there
/// are others.
fn compact(t: &Totals, spaced: bool) -> String {
    let Some(top) = t.0.iter().max_by(|a, b| {
        a.interval()
            .largest_finite()
            .total_cmp(&b.interval().largest_finite())
    }) else {
        return "—".to_string();
    };
    let mut s = top.human();
    if !spaced {
        s = s.replace(' ', "");
    }
    if t.0.len() > 1 {
        s.push('+');
    }
    s
}

/// [`compact`] in at most `max` columns: a range too wide for them is shown by its upper bound
/// ("≤$154B" for "$14B–$154B"), which is still true; Detail has the whole.
fn compact_in(t: &Totals, max: usize, spaced: bool) -> String {
    let s = compact(t, spaced);
    if s.width() <= max {
        return s;
    }
    let Some(top) = t.0.iter().max_by(|a, b| {
        a.interval()
            .largest_finite()
            .total_cmp(&b.interval().largest_finite())
    }) else {
        return s;
    };
    let unit = Some(top.unit.as_str());
    let shown = top.shown();
    let space = if spaced { " " } else { "" };
    let bound = match shown.high {
        Some(h) => format!("≤{space}{}", format_amount(h, unit)),
        None => format!("≥{space}{}", format_amount(shown.low, unit)),
    };
    if bound.width() > max && spaced {
        return bound.replace(' ', "");
    }
    bound
}

/// Money in a column of `max` columns, by certainty: the committed money ("$14B"), with
/// "*" when there is in-talks money beside it ("$14B*"), or the in-talks (or, in the view of
/// all deals, cancelled) money alone in parentheses ("(≥ $50B)"). Empty when there is no money
/// in the view. Detail spells every part out.
fn money_cell(parts: &Parts, money: StatusSet, max: usize, spaced: bool) -> String {
    let p = parts.only(money);
    let (committed, talks) = (&p.committed.totals, &p.talks.totals);
    let inner = max.saturating_sub(2);
    match (committed.is_empty(), talks.is_empty()) {
        (false, true) => compact_in(committed, max, spaced),
        (false, false) => format!("{}*", compact_in(committed, max.saturating_sub(1), spaced)),
        (true, false) => format!("({})", compact_in(talks, inner, spaced)),
        (true, true) if !p.cancelled.totals.is_empty() => {
            format!("({})", compact_in(&p.cancelled.totals, inner, spaced))
        }
        (true, true) => String::new(),
    }
}

/// An entity's money in or out for its column: [`money_cell`], or for flows with no money
/// amount "stake" or "n/d" (not disclosed) — never the "—" of no flow at all.
fn entity_money_cell(parts: &Parts, money: StatusSet, max: usize, spaced: bool) -> String {
    let cell = money_cell(parts, money, max, spaced);
    if !cell.is_empty() {
        return cell;
    }
    let p = parts.only(money);
    let all = p.counted().merged(&p.cancelled);
    if all.flows == 0 {
        String::new()
    } else if all.stakes.is_empty() {
        "n/d".to_string()
    } else {
        "stake".to_string()
    }
}

/// What a list pane shows around its rows.
struct ListFrame<'a> {
    pane: Pane,
    area: Rect,
    title: Vec<Span<'static>>,
    len: usize,
    /// Shown when there are no rows.
    empty: &'a str,
    /// The columns' names, drawn in the bottom border under their columns.
    columns: Line<'static>,
}

/// The bottom border naming the columns: each `(width, name, right-aligned)` in turn, from the
/// first column inside the border (the marks' column is skipped), the rest of the line drawn
/// as border.
fn columns(view: &View, cols: &[(usize, &str, bool)]) -> Line<'static> {
    let mut text = String::from("─");
    let mut prev_right = false;
    for &(w, name, right) in cols {
        // A name keeps one border character from the next one: left-aligned after itself,
        // right-aligned before itself when the column before ends flush too.
        let room = if !right || prev_right {
            w.saturating_sub(1)
        } else {
            w
        };
        prev_right = right;
        let name = crate::text::clip(name, room);
        let fill = "─".repeat(w.saturating_sub(name.width()));
        if right {
            text += &format!("{fill}{name}");
        } else {
            text += &format!("{name}{fill}");
        }
    }
    Line::styled(text, view.theme.dim())
}

/// Draws rows `[offset, offset + height)` built by `row`, with the selection highlighted.
fn draw_rows(
    frame: &mut Frame,
    view: &View,
    list: ListFrame,
    row: impl Fn(usize, usize) -> Line<'static>,
) {
    let ListFrame {
        pane,
        area,
        title,
        len,
        empty,
        columns,
    } = list;
    let pos: ListPos = view.nav.pos(pane);
    let focused = view.focused(pane);
    let height = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(3));
    let lines: Vec<Line> = if len == 0 {
        vec![Line::styled(format!(" {empty}"), view.theme.dim())]
    } else {
        (pos.offset..len.min(pos.offset + height))
            .map(|i| {
                let line = row(i, width);
                if i == pos.selected {
                    line.patch_style(view.theme.selected(focused))
                } else {
                    line
                }
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).block(
            pane_block(view, pane, fit_title(pane, title, area.width)).title_bottom(columns),
        ),
        area,
    );
    scrollbar(frame, area, len, pos.offset);
}

pub fn entities(frame: &mut Frame, view: &View, area: Rect) {
    let book = &view.model.book;
    let rows = view.model.entity_rows(view.entity_sort);
    let mut title = vec![Span::styled(
        format!("({}) ", book.entities.len()),
        view.theme.dim(),
    )];
    if let Some(order) = crate::tui::sorting::entity_label(view.entity_sort) {
        title.push(Span::styled(format!("by {order} "), view.theme.heading()));
    }
    // Fixed columns on the right (kind, deals, and when there is room money in and out); the
    // name takes the rest.
    let w = usize::from(area.width.saturating_sub(3));
    let (deals_w, kind_w) = (4, 4);
    let money_w = if w >= 60 { 13 } else { 9 };
    let wide = w >= NARROW;
    // Narrow: money in and out share one column, showing only the directions that have money
    // ("↓≥$64B", "↑$14B", "↓$1B↑$2B").
    let money_cols = if wide { 2 * money_w } else { 11 };
    let name_w = w.saturating_sub(money_cols + deals_w + kind_w + 1).max(6);
    let head = if wide {
        vec![
            (name_w, "entity", false),
            (kind_w, "kind", true),
            (deals_w, "#", true),
            (money_w, "↓ in", true),
            (money_w, "↑ out", true),
        ]
    } else {
        vec![
            (name_w, "entity", false),
            (kind_w, "kind", true),
            (deals_w, "#", true),
            (money_cols, "↓in ↑out", true),
        ]
    };
    draw_rows(
        frame,
        view,
        ListFrame {
            pane: Pane::Entities,
            area,
            title,
            len: rows.len(),
            empty: "no entities",
            columns: columns(view, &head),
        },
        |row, _| {
            let Some(i) = rows.get(row) else {
                return Line::default();
            };
            let e = &book.entities[i];
            let t = &view.model.totals[i];
            // The subsidiary mark only where book order puts it under its parent.
            let indent = if e.parent.is_some() && view.entity_sort == 0 {
                "└"
            } else {
                ""
            };
            let kind = &e.kind.as_str()[..3.min(e.kind.as_str().len())];
            let mut spans = vec![
                view.mark_cell(Record::Entity(i)),
                Span::raw(fit(&format!("{indent}{}", e.name), name_w)),
                Span::styled(format!("{kind:>kind_w$}"), view.theme.dim()),
                Span::raw(format!("{:>deals_w$}", book.deals_of[i].len())),
            ];
            // One column each when wide; narrow, both share 10 columns.
            let cell = if wide { money_w - 2 } else { 9 };
            let spaced = wide && cell >= SPACED;
            let money_in = entity_money_cell(&t.inn, view.money, cell, spaced);
            let money_out = entity_money_cell(&t.out, view.money, cell, spaced);
            let or_dash = |s: &str| {
                if s.is_empty() {
                    "—".to_string()
                } else {
                    s.to_string()
                }
            };
            if wide {
                let (money_in, money_out) = (or_dash(&money_in), or_dash(&money_out));
                spans.push(Span::styled(
                    format!("{:>money_w$}", format!("↓{money_in}")),
                    view.theme.money(),
                ));
                spans.push(Span::styled(
                    format!("{:>money_w$}", format!("↑{money_out}")),
                    view.theme.money(),
                ));
            } else {
                let mut both = String::new();
                if !money_in.is_empty() {
                    both += &format!("↓{money_in}");
                }
                if !money_out.is_empty() {
                    both += &format!("↑{money_out}");
                }
                let shown = if both.is_empty() {
                    "—".to_string()
                } else {
                    both
                };
                spans.push(Span::styled(
                    format!(" {:>10}", fit(&shown, 10).trim_end()),
                    view.theme.money(),
                ));
            }
            Line::from(spans)
        },
    );
}

pub fn deals(frame: &mut Frame, view: &View, area: Rect) {
    let book = &view.model.book;
    let rows = view.model.deal_rows_sorted(view.nav.filter, view.deal_sort);
    let mut title = vec![Span::styled(format!("({}) ", rows.len()), view.theme.dim())];
    if let Some(order) = crate::tui::sorting::deal_label(view.deal_sort) {
        title.push(Span::styled(format!("by {order} "), view.theme.heading()));
    }
    if let Some(e) = view.nav.filter {
        title.push(Span::styled(
            format!("involving {} ", book.entities[e].name),
            view.theme.heading(),
        ));
        title.push(Span::styled("· x: all ", view.theme.dim()));
    }
    // Titles cut to the same text on screen would hide which deal is which ("OpenAI
    // infrastructure contr…" twice): those are cut in the middle, so their ends show.
    let w = usize::from(area.width.saturating_sub(3));
    let (date_w, status_w) = if w >= NARROW { (11, 12) } else { (8, 4) };
    let title_w = w.saturating_sub(date_w + status_w + 1);
    let pos = view.nav.pos(Pane::Deals);
    let visible = pos.offset..rows.len().min(pos.offset + usize::from(area.height));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for i in visible.clone() {
        if let Some(d) = rows.get(i) {
            *seen.entry(fit(&book.deals[d].title, title_w)).or_default() += 1;
        }
    }
    let ambiguous = |title: &str| {
        let cut = fit(title, title_w);
        cut.trim_end().ends_with('…') && seen.get(&cut).is_some_and(|&n| n > 1)
    };
    draw_rows(
        frame,
        view,
        ListFrame {
            pane: Pane::Deals,
            area,
            title,
            len: rows.len(),
            empty: "no deals",
            columns: columns(
                view,
                &[
                    (date_w, "date", false),
                    (status_w, if status_w > 5 { "status" } else { "sts" }, false),
                    (title_w, "title", false),
                ],
            ),
        },
        |i, _| {
            let Some(d) = rows.get(i) else {
                return Line::default();
            };
            let deal = &book.deals[d];
            let date = deal.date.map_or("—".to_string(), |x| x.to_string());
            // Narrow: the status as its first three letters, still in its colour.
            let status = &deal.status.as_str()[..(status_w - 1).min(deal.status.as_str().len())];
            let title = if ambiguous(&deal.title) {
                crate::text::fit_middle(&deal.title, title_w)
            } else {
                fit(&deal.title, title_w)
            };
            Line::from(vec![
                view.mark_cell(Record::Deal(d)),
                Span::styled(fit(&date, date_w), view.theme.dim()),
                Span::styled(fit(status, status_w), view.theme.status(deal.status)),
                Span::raw(title),
            ])
        },
    );
}

pub fn flows(frame: &mut Frame, view: &View, area: Rect) {
    let book = &view.model.book;
    let rows = view.model.flow_rows(
        view.nav.filter,
        view.nav.show_cycles,
        view.money,
        view.flow_sort,
    );
    let shown = if view.nav.show_cycles { "loops " } else { "" };
    let mut title = vec![Span::styled(
        format!("{shown}({}) ", rows.len()),
        view.theme.dim(),
    )];
    if let Some(e) = view.nav.filter {
        title.push(Span::styled(
            format!("involving {} ", book.entities[e].name),
            view.theme.heading(),
        ));
    }
    if !view.nav.show_cycles && view.flow_sort != 0 {
        title.push(Span::styled(
            format!("by {} ", crate::tui::sorting::flow_label(view.flow_sort)),
            view.theme.heading(),
        ));
    }
    if !view.nav.show_cycles {
        title.push(Span::styled(
            format!("{} ", view.money.name().replace(" + ", "+")),
            view.theme.heading(),
        ));
    }
    title.push(Span::styled(
        if view.nav.show_cycles {
            "· c: all flows "
        } else {
            "· v c "
        },
        view.theme.dim(),
    ));
    let w = usize::from(area.width.saturating_sub(3));
    let wide = w >= NARROW;
    let (bar_w, amount_w, kind_w, status_w): (usize, usize, usize, usize) =
        if wide { (4, 12, 11, 4) } else { (0, 10, 5, 4) };
    let ends_w = w.saturating_sub(bar_w + amount_w + kind_w + status_w + 2);
    let head = if view.nav.show_cycles {
        let right = "smallest leg · deals".width().min(w / 2);
        vec![
            (w - right, "loop", false),
            (right, "smallest leg · deals", true),
        ]
    } else {
        vec![
            (ends_w + 1, "from → to", false),
            (kind_w, "kind", false),
            (amount_w, "amount", false),
            (status_w + 1, "sts", false),
        ]
    };
    let list = ListFrame {
        pane: Pane::Flows,
        area,
        title,
        len: rows.len(),
        empty: if view.nav.show_cycles {
            "no circular financing"
        } else {
            "no money flows"
        },
        columns: columns(view, &head),
    };
    if view.nav.show_cycles {
        draw_rows(frame, view, list, |i, w| {
            let Some(c) = rows.get(i).and_then(|c| view.model.loops.cycles.get(c)) else {
                return Line::default();
            };
            let inferred = if c.inferred(book) { " inferred" } else { "" };
            // What at most goes round: the smallest leg, or n/d (not disclosed).
            let value = match c.value(book) {
                LoopValue::Smallest(t) => t.human(),
                LoopValue::Undisclosed { .. } => "n/d".to_string(),
                LoopValue::Currencies => "mixed".to_string(),
            };
            let deals = format!(
                " {value}{inferred} · {} deal{}",
                c.deals.len(),
                if c.deals.len() == 1 { "" } else { "s" }
            );
            let text_w = w.saturating_sub(deals.width() + 1);
            Line::from(vec![
                Span::raw(" "),
                Span::raw(fit(&loop_title(book, &c.entities), text_w)),
                Span::styled(deals, view.theme.dim()),
            ])
        });
        return;
    }
    draw_rows(frame, view, list, |i, w| {
        let Some(edge) = rows.get(i).and_then(|e| view.model.edges.get(e)) else {
            return Line::default();
        };
        let spaced = amount_w > SPACED;
        let money = money_cell(&edge.parts, view.money, amount_w - 1, spaced);
        let amount = if !money.is_empty() {
            money
        } else {
            let p = edge.parts.only(view.money);
            let stakes: Vec<&str> = (p.committed.stakes.iter())
                .chain(&p.talks.stakes)
                .chain(&p.cancelled.stakes)
                .map(String::as_str)
                .collect();
            if stakes.is_empty() {
                // "n/d", not disclosed, where the column is narrow.
                if w >= NARROW { "undisclosed" } else { "n/d" }.to_string()
            } else if spaced {
                stakes.join(", ")
            } else {
                // As the money beside them in a narrow column: no space after a bound's sign.
                stakes.join(",").replace("≤ ", "≤").replace("≥ ", "≥")
            }
        };
        // The deal's status in three letters, in its colour ("mix" for an edge whose deals
        // differ); Detail spells it out.
        let statuses = edge.statuses(book);
        let status = match statuses.as_slice() {
            [one] => one.as_str().to_string(),
            _ => "mixed".to_string(),
        };
        let status_style = match statuses.as_slice() {
            [one] => view.theme.status(*one),
            _ => view.theme.dim(),
        };
        let status = status[..(status_w.saturating_sub(1)).min(status.len())].to_string();
        let kind = if wide {
            edge.kind.as_str()
        } else {
            match edge.kind {
                FlowKind::Investment => "inv",
                FlowKind::Loan => "loan",
                FlowKind::Payment => "pay",
                FlowKind::Equity => "eqty",
                FlowKind::InKind => "kind",
            }
        };
        let mut ends = format!(
            "{} → {}",
            ends_name(book, &edge.senders),
            ends_name(book, &edge.recipients)
        );
        // An inferred flow says so ("(inf)"; Detail spells it out), its ends cut first.
        if edge.inferred(book) {
            ends = format!("{} (inf)", fit(&ends, ends_w.saturating_sub(6)).trim_end());
        }
        let size = edge.parts.only(view.money).counted().totals.size();
        let eighths = if view.model.max_edge > 0.0 {
            (size / view.model.max_edge * (bar_w * 8) as f64).round() as usize
        } else {
            0
        };
        let mut spans = vec![
            view.mark_cell(edge.record()),
            Span::raw(fit(&ends, ends_w)),
            Span::raw(" "),
            Span::styled(fit(kind, kind_w), view.theme.flow_kind(edge.kind)),
            Span::styled(fit(&amount, amount_w - 1), view.theme.money()),
            Span::raw(" "),
            Span::styled(fit(&status, status_w), status_style),
        ];
        if bar_w > 0 {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(bar(eighths.min(bar_w * 8)), view.theme.bar()));
        }
        Line::from(spans)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::flows::interval::Interval;

    fn totals(low: f64, high: Option<f64>) -> Totals {
        let mut t = Totals::default();
        t.add("USD", Interval { low, high });
        t
    }

    #[test]
    fn a_column_writes_amounts_as_detail_does_or_drops_the_spaces_in_all_its_cells() {
        let up_to = totals(0.0, Some(100e9));
        assert_eq!(compact_in(&up_to, 9, true), "≤ $100B");
        assert_eq!(compact_in(&up_to, 9, false), "≤$100B");
        // A range too wide shows its upper bound, spaced if that fits, else not.
        let range = totals(14e9, Some(154e9));
        assert_eq!(compact_in(&range, 7, true), "≤ $154B");
        assert_eq!(compact_in(&range, 6, true), "≤$154B");
        assert_eq!(compact_in(&range, 6, false), "≤$154B");
        assert_eq!(compact_in(&range, 12, true), "$14B–$154B");
    }
}
