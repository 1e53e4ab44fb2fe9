//! The deals and dated metrics of a book on one date axis, each placed with its precision: a
//! year-precision deal spans its year, a quarter its quarter, a month its month, a day is a
//! point. Undated records are kept apart and counted. The explorer's timeline (`t`) and
//! `dealbook timeline` draw the same rows; this module only places them.
//!
//! Positions are in months since year 0 (a day is a fraction of its month), so that a year, a
//! half, a quarter and a month are spans of 12, 6, 3 and 1, whatever the calendar.

use super::date::{Date, Precision};
use super::model::{Book, EntityIx, Record, Status};
use std::fmt::Write;

/// One dated record on the axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub record: Record,
    pub date: Date,
    /// Where it starts and ends, in months since year 0; `start == end` for a day.
    pub start: f64,
    pub end: f64,
}

/// The rows of a timeline: the dated records in date order, then the undated ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    pub items: Vec<Item>,
    /// Records with no date, in book order.
    pub undated: Vec<Record>,
    /// The first start and the last end of the items (months), found once so that drawing a
    /// frame costs only its visible rows.
    pub span: (f64, f64),
}

/// Where a date lies: `(start, end)` in months since year 0.
pub fn place(d: &Date) -> (f64, f64) {
    let year = f64::from(d.year) * 12.0;
    let month = |m: u8| year + f64::from(m) - 1.0;
    match d.precision {
        Precision::Year => (year, year + 12.0),
        Precision::Half => {
            let s = month((d.part - 1) * 6 + 1);
            (s, s + 6.0)
        }
        Precision::Quarter => {
            let s = month((d.part - 1) * 3 + 1);
            (s, s + 3.0)
        }
        Precision::Month => {
            let s = month(d.part);
            (s, s + 1.0)
        }
        Precision::Day => {
            let p = month(d.part) + (f64::from(d.day) - 0.5) / 31.0;
            (p, p)
        }
    }
}

impl Timeline {
    /// The deals (of `filter`'s entity, or all) and, with `metrics`, the metrics of the
    /// filter's entity (or of every entity), dated ones in date order (stable: book order
    /// breaks ties), undated after.
    pub fn build(book: &Book, filter: Option<EntityIx>, metrics: bool) -> Timeline {
        let mut t = Timeline::default();
        let mut push = |record: Record, date: Option<Date>| match date {
            Some(date) => {
                let (start, end) = place(&date);
                t.items.push(Item {
                    record,
                    date,
                    start,
                    end,
                });
            }
            None => t.undated.push(record),
        };
        let deals: Box<dyn Iterator<Item = usize>> = match filter {
            Some(e) => Box::new(book.deals_of.get(e).into_iter().flatten().copied()),
            None => Box::new(0..book.deals.len()),
        };
        for d in deals {
            push(Record::Deal(d), book.deals[d].date);
        }
        if metrics {
            let entities: Vec<EntityIx> = match filter {
                Some(e) => vec![e],
                None => (0..book.entities.len()).collect(),
            };
            for e in entities {
                for (m, metric) in book.entities[e].metrics.iter().enumerate() {
                    push(
                        Record::Metric {
                            entity: e,
                            metric: m,
                        },
                        metric.date,
                    );
                }
            }
        }
        t.items
            .sort_by(|a, b| (a.start.total_cmp(&b.start)).then(b.end.total_cmp(&a.end)));
        let from = t
            .items
            .iter()
            .map(|i| i.start)
            .fold(f64::INFINITY, f64::min);
        let to = t
            .items
            .iter()
            .map(|i| i.end)
            .fold(f64::NEG_INFINITY, f64::max);
        t.span = (from, to);
        t
    }

    /// Every row's record, dated first: the order the rows are shown in.
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        (self.items.iter().map(|i| i.record)).chain(self.undated.iter().copied())
    }

    pub fn len(&self) -> usize {
        self.items.len() + self.undated.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The axis that holds every dated item, `width` columns wide.
    pub fn axis(&self, width: usize) -> Axis {
        Axis::new(self.span.0, self.span.1, width)
    }
}

/// What a tick of the axis marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    Year,
    Quarter,
    Month,
}

/// A date axis: months `[from, to)` drawn on `width` columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub from: f64,
    pub to: f64,
    pub width: usize,
    pub tick: Tick,
}

impl Axis {
    /// The axis over whole years (or quarters, or months) around `[from, to)`, ticked by what
    /// fits: years when the span is long, quarters, then months.
    pub fn new(from: f64, to: f64, width: usize) -> Axis {
        let width = width.max(1);
        if !from.is_finite() || !to.is_finite() {
            return Axis {
                from: 0.0,
                to: 12.0,
                width,
                tick: Tick::Year,
            };
        }
        let span = (to - from).max(1.0);
        // A label needs about 8 columns: pick the finest tick that leaves room for one.
        let per = |months: f64| span / months * 8.0 <= width as f64;
        let tick = if span <= 24.0 && per(1.0) {
            Tick::Month
        } else if span <= 96.0 && per(3.0) {
            Tick::Quarter
        } else {
            Tick::Year
        };
        let step = match tick {
            Tick::Year => 12.0,
            Tick::Quarter => 3.0,
            Tick::Month => 1.0,
        };
        let from = (from / step).floor() * step;
        let to = ((to / step).ceil() * step).max(from + step);
        Axis {
            from,
            to,
            width,
            tick,
        }
    }

    /// The column of a position in months.
    pub fn col(&self, months: f64) -> usize {
        let x = (months - self.from) / (self.to - self.from) * self.width as f64;
        (x.floor().max(0.0) as usize).min(self.width - 1)
    }

    /// The columns an item covers, first and last (one column at least).
    pub fn cols(&self, start: f64, end: f64) -> (usize, usize) {
        let a = self.col(start);
        if end <= start {
            return (a, a);
        }
        // The end is exclusive: the last column is the one before it.
        let b = self.col(end - 1e-9);
        (a, b.max(a))
    }

    /// The labels line: each tick's label at its column, as many as fit without overlapping.
    pub fn labels(&self) -> String {
        let mut line = vec![' '; self.width];
        let step = match self.tick {
            Tick::Year => 12.0,
            Tick::Quarter => 3.0,
            Tick::Month => 1.0,
        };
        let mut next_free = 0;
        let mut m = self.from;
        while m < self.to {
            let year = (m / 12.0).floor() as i64;
            let month = (m - year as f64 * 12.0).round() as i64 + 1;
            let label = match self.tick {
                Tick::Year => format!("{year}"),
                Tick::Quarter => format!("{year}-Q{}", (month - 1) / 3 + 1),
                Tick::Month => format!("{year}-{month:02}"),
            };
            let c = self.col(m);
            if c >= next_free && c + label.len() <= self.width {
                for (i, ch) in label.chars().enumerate() {
                    line[c + i] = ch;
                }
                next_free = c + label.len() + 1;
            }
            m += step;
        }
        line.into_iter().collect()
    }
}

/// The glyph a status is drawn with, so that it reads without colour (NO_COLOR, a pipe).
pub fn glyph(status: Option<Status>) -> char {
    match status {
        Some(Status::Closed) => '█',
        Some(Status::Signed) => '▓',
        Some(Status::Announced) => '▒',
        Some(Status::Negotiating) => '░',
        Some(Status::Rumored) => '·',
        Some(Status::Cancelled) => '×',
        // A metric: a value at a date.
        None => '◆',
    }
}

/// The bar of one item on `axis`: `width` characters, blank but for its columns.
pub fn bar(item: &Item, axis: &Axis, status: Option<Status>) -> String {
    let (a, b) = axis.cols(item.start, item.end);
    let g = glyph(status);
    let mark = if item.start == item.end && status.is_some() {
        '●'
    } else {
        g
    };
    (0..axis.width)
        .map(|c| if c >= a && c <= b { mark } else { ' ' })
        .collect()
}

/// The legend of the glyphs.
pub const LEGEND: &str =
    "█ closed  ▓ signed  ▒ announced  ░ negotiating  · rumored  × cancelled  ● a day  ◆ metric";

/// The timeline as plain text for a pipe (`dealbook timeline`): a label column, the axis
/// `axis_width` wide, then each record's title.
pub fn render(book: &Book, t: &Timeline, axis_width: usize) -> String {
    let axis = t.axis(axis_width);
    let mut out = String::new();
    let label_w = 10;
    let _ = writeln!(out, "{:label_w$} {}", "", axis.labels().trim_end());
    for item in &t.items {
        let (status, title) = describe(book, item.record);
        let _ = writeln!(
            out,
            "{:<label_w$} {} {title}",
            item.date.to_string(),
            bar(item, &axis, status)
        );
    }
    if !t.undated.is_empty() {
        let _ = writeln!(out, "\nundated ({}):", t.undated.len());
        for &r in &t.undated {
            let (_, title) = describe(book, r);
            let _ = writeln!(out, "  {title}");
        }
    }
    let _ = writeln!(out, "\n{LEGEND}");
    out
}

/// A row's status (a deal's; `None` for a metric) and its title with its status or amount.
pub fn describe(book: &Book, r: Record) -> (Option<Status>, String) {
    match r {
        Record::Deal(d) => {
            let deal = &book.deals[d];
            (
                Some(deal.status),
                format!("{} ({})", deal.title, deal.status),
            )
        }
        Record::Metric { entity, metric } => {
            let e = &book.entities[entity];
            let m = &e.metrics[metric];
            (
                None,
                format!(
                    "{} {} {}",
                    e.name,
                    m.name.replace('_', " "),
                    m.amount.human()
                ),
            )
        }
        other => (None, other.title(book, &[]).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse_metric(s).expect(s)
    }

    #[test]
    fn dates_are_placed_with_their_precision() {
        assert_eq!(place(&date("2025")), (2025.0 * 12.0, 2026.0 * 12.0));
        assert_eq!(place(&date("2025-H2")).1 - place(&date("2025-H2")).0, 6.0);
        assert_eq!(place(&date("2025-Q4")).0, 2025.0 * 12.0 + 9.0);
        assert_eq!(
            place(&date("2025-10")),
            (2025.0 * 12.0 + 9.0, 2025.0 * 12.0 + 10.0)
        );
        let (a, b) = place(&date("2025-10-06"));
        assert_eq!(a, b, "a day is a point");
    }

    #[test]
    fn the_axis_ticks_by_what_fits() {
        let y = |y: f64| y * 12.0;
        assert_eq!(Axis::new(y(2019.0), y(2026.0), 60).tick, Tick::Year);
        assert_eq!(
            Axis::new(y(2025.0), y(2026.0) + 6.0, 60).tick,
            Tick::Quarter
        );
        assert_eq!(Axis::new(y(2025.0), y(2025.0) + 6.0, 60).tick, Tick::Month);
        let a = Axis::new(y(2019.0), y(2026.0), 70);
        assert!(a.labels().starts_with("2019"), "{}", a.labels());
        assert!(a.labels().contains("2025"), "{}", a.labels());
        // A year spans its share of the axis; a day is one column.
        let year = Item {
            record: Record::Deal(0),
            date: date("2025"),
            start: y(2025.0),
            end: y(2026.0),
        };
        let (s, e) = a.cols(year.start, year.end);
        assert_eq!(e - s + 1, 10, "7 years on 70 columns: 10 a year");
        let drawn = bar(&year, &a, Some(Status::Closed));
        assert_eq!(drawn.chars().filter(|c| *c == '█').count(), 10);
    }

    #[test]
    fn an_axis_of_nothing_or_one_point_is_still_an_axis() {
        let a = Axis::new(f64::INFINITY, f64::NEG_INFINITY, 40);
        assert!(a.to > a.from);
        let p = 2025.0 * 12.0 + 3.2;
        let b = Axis::new(p, p, 40);
        assert!(b.to > b.from);
        assert!(b.col(p) < 40);
        let tiny = Axis::new(p, p + 1.0, 0);
        assert_eq!(tiny.width, 1);
        assert_eq!(tiny.col(p), 0);
    }
}
