//! The Detail pane's content: for each kind of record, the lines to show and which of them are
//! items that Enter opens. Built for one record at a time, so its cost is that record's size.

use super::view::View;
use crate::book::record::{ends_name, ends_names, loop_title};
use crate::book::terms::{Bound, Term, format_amount};
use crate::book::{DealIx, EntityIx, FlowKind, Record, SourceIx};
use crate::text::{bar, wrap};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// One line of the Detail pane, and the item it opens, if any.
#[derive(Debug, Clone)]
pub struct DLine {
    pub line: Line<'static>,
    pub item: Option<Record>,
}

/// At most this many deals are listed in an entity's detail; the Deals pane has them all.
const MAX_LISTED: usize = 50;

/// What kind of quantity a term is, in a word: stake, money, rate, power, count.
pub fn term_kind(t: &Term) -> Option<&'static str> {
    if !t.is_quantity() {
        return None;
    }
    Some(if t.per.is_some() {
        "rate"
    } else if t.unit.as_deref() == Some("%") {
        "stake"
    } else if t.is_money() {
        "money"
    } else if matches!(t.unit.as_deref(), Some("GW" | "MW")) {
        "power"
    } else if t.unit.is_some() {
        "count"
    } else {
        "number"
    })
}

/// The human form with its kind: "≤ 10% of AMD (stake)".
pub fn term_meaning(t: &Term) -> String {
    match term_kind(t) {
        Some(kind) => format!("{} ({kind})", t.human()),
        None if t.bound == Bound::Undisclosed => "undisclosed".to_string(),
        None => "not read as a quantity".to_string(),
    }
}

/// Collects lines for one record.
struct Out<'a> {
    view: View<'a>,
    width: usize,
    lines: Vec<DLine>,
}

impl Out<'_> {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(DLine { line, item: None });
    }

    fn item(&mut self, item: Record, spans: Vec<Span<'static>>) {
        let mut all = vec![Span::raw(" ▸ ")];
        all.extend(spans);
        self.lines.push(DLine {
            line: Line::from(all),
            item: Some(item),
        });
    }

    /// A line that is an item as it is drawn, without the `▸` (a metric's value).
    fn item_line(&mut self, item: Record, line: Line<'static>) {
        self.lines.push(DLine {
            line,
            item: Some(item),
        });
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.line.width() > 0) {
            self.push(Line::default());
        }
    }

    fn heading(&mut self, text: impl Into<String>) {
        self.blank();
        self.push(Line::styled(text.into(), self.view.theme.heading()));
    }

    fn text(&mut self, text: &str, indent: usize, style: Style) {
        let pad = " ".repeat(indent);
        for l in wrap(text, self.width.saturating_sub(indent)) {
            self.push(Line::styled(format!("{pad}{l}"), style));
        }
    }

    /// "label  value", the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str) {
        let w = 8;
        let wrapped = wrap(value, self.width.saturating_sub(w + 1));
        for (i, l) in wrapped.into_iter().enumerate() {
            let head = if i == 0 { label } else { "" };
            self.push(Line::from(vec![
                Span::styled(format!("{head:<w$} "), self.view.theme.dim()),
                Span::raw(l),
            ]));
        }
    }

    /// `« the source's words »`, dim, under a figure that has a quote.
    fn quote(&mut self, quote: &Option<String>, indent: usize) {
        if let Some(q) = quote {
            self.text(&format!("« {q} »"), indent, self.view.theme.dim());
        }
    }

    fn entity_item(&mut self, e: EntityIx, suffix: String) {
        let name = self.view.model.book.entities[e].name.clone();
        self.item(
            Record::Entity(e),
            vec![
                Span::styled(name, self.view.theme.title()),
                Span::raw(suffix),
            ],
        );
    }

    fn deal_item(&mut self, d: DealIx, suffix: String) {
        let deal = &self.view.model.book.deals[d];
        let date = deal.date.map_or("—".to_string(), |x| x.to_string());
        self.item(
            Record::Deal(d),
            vec![
                Span::styled(format!("{date:<10} "), self.view.theme.dim()),
                Span::styled(
                    format!("{:<11} ", deal.status.as_str()),
                    self.view.theme.status(deal.status),
                ),
                Span::raw(deal.title.clone()),
                Span::styled(suffix, self.view.theme.dim()),
            ],
        );
    }

    fn source_item(&mut self, s: SourceIx) {
        let src = &self.view.model.book.sources[s];
        let mut extra = Vec::new();
        if let Some(p) = &src.publisher {
            extra.push(p.clone());
        }
        if let Some(d) = src.date {
            extra.push(d.to_string());
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" — {}", extra.join(", "))
        };
        self.item(
            Record::Source(s),
            vec![
                Span::raw(src.title.clone()),
                Span::styled(extra, self.view.theme.dim()),
            ],
        );
    }
}

/// The lines for `record`, wrapped to `width`. A flow and a metric are shown on their deal's
/// and their entity's page.
pub fn build(view: &View, record: Option<Record>, width: usize) -> Vec<DLine> {
    let mut out = Out {
        view: *view,
        width,
        lines: Vec::new(),
    };
    match record {
        None => out.push(Line::styled("Nothing selected.", view.theme.dim())),
        Some(Record::Entity(e) | Record::Metric { entity: e, .. }) => entity(&mut out, e),
        Some(Record::Deal(d) | Record::Flow { deal: d, .. }) => deal(&mut out, d),
        Some(Record::Term { deal, term }) => term_breakdown(&mut out, deal, term),
        Some(Record::Edge { from, to, kind }) => edge(&mut out, from, to, kind),
        Some(Record::Loop(i)) => cycle(&mut out, i),
        Some(Record::Source(s)) => source(&mut out, s),
    }
    // The page's review mark and note, under its title.
    if let Some(r) = record {
        let at = out.lines.len().min(1);
        let marks = view.mark_lines(r.page(), width);
        out.lines.splice(
            at..at,
            marks.into_iter().map(|line| DLine { line, item: None }),
        );
    }
    out.lines
}

/// "1 deal", "3 deals".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn entity(out: &mut Out, e: EntityIx) {
    let v = out.view;
    let book = &v.model.book;
    let ent = &book.entities[e];
    out.push(Line::styled(ent.name.clone(), v.theme.title()));
    let mut facts = vec![ent.kind.to_string()];
    if let Some(c) = &ent.country {
        facts.push(c.clone());
    }
    facts.push(format!("id {}", ent.id));
    out.push(Line::styled(facts.join(" · "), v.theme.dim()));
    if !ent.aliases.is_empty() {
        out.field("aka", &ent.aliases.join(", "));
    }
    if let Some(p) = ent.parent {
        out.entity_item(p, " (parent)".into());
    }
    for &c in book.children_of(e) {
        out.entity_item(c, " (subsidiary)".into());
    }
    if !ent.people.is_empty() {
        out.heading("People");
        for p in &ent.people {
            let role = p
                .role
                .as_ref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default();
            out.push(Line::raw(format!("  {}{role}", p.name)));
        }
    }
    if let Some(t) = v.model.totals.get(e) {
        out.heading(format!("Money ({})", v.money.name()));
        out.field("in", &t.inn.only(v.money).text());
        out.field("out", &t.out.only(v.money).text());
    }
    metrics(out, e);
    let deals = &book.deals_of[e];
    out.heading(format!("Deals ({})", deals.len()));
    for &d in deals.iter().take(MAX_LISTED) {
        let roles: Vec<&str> = book.deals[d]
            .parties
            .iter()
            .filter(|p| p.entity == e)
            .filter_map(|p| p.role.as_deref())
            .collect();
        let suffix = if roles.is_empty() {
            String::new()
        } else {
            format!(" — {}", roles.join(", "))
        };
        out.deal_item(d, suffix);
    }
    if deals.len() > MAX_LISTED {
        out.push(Line::styled(
            format!("   … {} more in the Deals pane", deals.len() - MAX_LISTED),
            v.theme.dim(),
        ));
    }
    if let Some(n) = &ent.notes {
        out.heading("Notes");
        out.text(n, 2, Style::new());
    }
}

/// Metrics as horizontal bar charts, one per metric name, in date order.
fn metrics(out: &mut Out, e: EntityIx) {
    let v = out.view;
    let ms = &v.model.book.entities[e].metrics;
    if ms.is_empty() {
        return;
    }
    out.heading("Metrics");
    let mut names: Vec<&str> = Vec::new();
    for m in ms {
        if !names.contains(&m.name.as_str()) {
            names.push(&m.name);
        }
    }
    for name in names {
        let group: Vec<_> = (ms.iter().enumerate())
            .filter(|(_, m)| m.name == name)
            .collect();
        let values: Vec<f64> = (group.iter().map(|(_, m)| m))
            .filter(|m| m.amount.is_money())
            .filter_map(|m| m.amount.high.or(m.amount.low))
            .collect();
        // A chart only where there is something to compare: two or more amounts in money.
        let chart = values.len() >= 2;
        let max = values.iter().copied().fold(0.0, f64::max);
        out.push(Line::styled(
            format!("  {}", name.replace('_', " ")),
            v.theme.title(),
        ));
        let bar_room = out.width.saturating_sub(2 + 9 + 14 + 2).clamp(4, 30);
        for (i, m) in group {
            let bar = match m.amount.high.or(m.amount.low) {
                Some(v) if chart && max > 0.0 && m.amount.is_money() => {
                    bar((v / max * bar_room as f64 * 8.0).round() as usize)
                }
                _ => String::new(),
            };
            let date = m
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let mut spans = vec![
                Span::styled(format!("    {date:<9}"), v.theme.dim()),
                Span::styled(format!("{:<14}", m.amount.human()), v.theme.money()),
                Span::styled(bar, v.theme.bar()),
            ];
            if m.reported {
                spans.push(Span::styled(" reported", v.theme.warning()));
            }
            // Selectable (to mark it, copy it, edit it with `e`); Enter draws the chart.
            out.item_line(
                Record::Metric {
                    entity: e,
                    metric: i,
                },
                Line::from(spans),
            );
            out.quote(&m.quote, 6);
        }
    }
}

/// "… N more" under a list cut at [`MAX_LISTED`].
fn more(out: &mut Out, len: usize) {
    if len > MAX_LISTED {
        out.push(Line::styled(
            format!("   … {} more", len - MAX_LISTED),
            out.view.theme.dim(),
        ));
    }
}

fn deal(out: &mut Out, d: DealIx) {
    let v = out.view;
    let book = &v.model.book;
    let deal = &book.deals[d];
    out.text(&deal.title, 0, v.theme.title());
    let date = deal
        .date
        .map_or("date undisclosed".to_string(), |x| x.to_string());
    let mut head = vec![
        Span::styled(date, v.theme.dim()),
        Span::raw(" · "),
        Span::styled(
            deal.status.as_str().to_string(),
            v.theme.status(deal.status),
        ),
    ];
    if deal.reported {
        head.push(Span::raw(" · "));
        head.push(Span::styled("reported", v.theme.warning()));
    }
    out.push(Line::from(head));
    if !deal.tags.is_empty() {
        out.text(&format!("tags: {}", deal.tags.join(", ")), 0, v.theme.dim());
    }
    out.heading("Parties");
    for p in &deal.parties {
        let role = p
            .role
            .as_ref()
            .map(|r| format!(" — {r}"))
            .unwrap_or_default();
        out.entity_item(p.entity, role);
    }
    if !deal.terms.is_empty() {
        out.heading("Terms");
        let texts: Vec<&str> = deal.terms.iter().map(|t| t.term.text.as_str()).collect();
        let column = column_width(&texts, out.width);
        for (i, t) in deal.terms.iter().enumerate() {
            out.item(
                Record::Term { deal: d, term: i },
                vec![
                    Span::raw(padded(&t.term.text, column)),
                    Span::styled("  → ", v.theme.dim()),
                    Span::styled(term_meaning(&t.term), v.theme.money()),
                ],
            );
            out.quote(&t.quote, 5);
        }
    }
    if !deal.flows.is_empty() {
        out.heading("Flows");
        let ends: Vec<String> = deal
            .flows
            .iter()
            .map(|f| {
                format!(
                    "{} → {}",
                    ends_names(book, &f.from),
                    ends_names(book, &f.to)
                )
            })
            .collect();
        let ends_column = column_width(&ends, out.width);
        let kinds: Vec<&str> = deal.flows.iter().map(|f| f.kind.as_str()).collect();
        let kind_column = column_width(&kinds, out.width);
        for (i, f) in deal.flows.iter().enumerate() {
            let amount = f
                .amount
                .as_ref()
                .map_or("undisclosed".to_string(), Term::human);
            let mut spans = vec![
                Span::raw(format!("{}  ", padded(&ends[i], ends_column))),
                Span::styled(
                    format!("{} ", padded(kinds[i], kind_column)),
                    v.theme.flow_kind(f.kind),
                ),
                Span::styled(amount, v.theme.money()),
            ];
            if f.inferred {
                spans.push(Span::styled(" inferred", v.theme.warning()));
            }
            if f.is_group() && f.from.len() > 1 {
                spans.push(Span::styled(
                    " (one amount; shares undisclosed)",
                    v.theme.dim(),
                ));
            }
            // The flow itself is the item (marks, `y`, `e` act on it); Enter opens its far end.
            out.item(Record::Flow { deal: d, flow: i }, spans);
            out.quote(&f.quote, 5);
            if let Some(n) = &f.note {
                out.text(n, 5, v.theme.dim());
            }
        }
    }
    if !deal.sources.is_empty() {
        out.heading("Sources");
        for &s in &deal.sources {
            out.source_item(s);
        }
    }
    if let Some(n) = &deal.notes {
        out.heading("Notes");
        out.text(n, 2, Style::new());
    }
}

/// The width a column of `texts` is padded to, so that what follows them lines up: the widest,
/// unless that is more than a third of the pane (`width`); a longer text then runs on unpadded.
fn column_width(texts: &[impl AsRef<str>], width: usize) -> usize {
    let widest = texts.iter().map(|t| t.as_ref().width()).max().unwrap_or(0);
    widest.min(width / 3)
}

/// `text` followed by spaces up to `column` columns.
fn padded(text: &str, column: usize) -> String {
    let pad = column.saturating_sub(text.width());
    format!("{text}{:pad$}", "")
}

fn number(v: Option<f64>, unit: Option<&str>) -> String {
    match v {
        None => "—".to_string(),
        Some(x) => format!("{} ({})", plain_number(x), format_amount(x, unit)),
    }
}

/// 100000000000 → "100,000,000,000"; fractions keep up to three decimals.
fn plain_number(x: f64) -> String {
    if x.fract() != 0.0 || x.abs() >= 1e18 {
        return format!("{x}");
    }
    let digits = format!("{}", x.abs() as u64);
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
    }
    if x < 0.0 { format!("-{s}") } else { s }
}

fn term_breakdown(out: &mut Out, d: DealIx, i: usize) {
    let v = out.view;
    let book = &v.model.book;
    let deal = &book.deals[d];
    let Some(dt) = deal.terms.get(i) else { return };
    let t = &dt.term;
    out.text(&t.text, 0, v.theme.title());
    out.push(Line::from(vec![
        Span::styled("reads    ", v.theme.dim()),
        Span::styled(term_meaning(t), v.theme.money()),
    ]));
    out.heading("Breakdown");
    let bound = match t.bound {
        Bound::Exact => "exact",
        Bound::About => "about (~)",
        Bound::Range => "range (low–high)",
        Bound::AtMost => "at most (≤)",
        Bound::AtLeast => "at least (≥)",
        Bound::Undisclosed => "undisclosed",
        Bound::Unparsed => "not read (kept as text)",
    };
    out.field("bound", bound);
    out.field("low", &number(t.low, t.unit.as_deref()));
    out.field("high", &number(t.high, t.unit.as_deref()));
    out.field("unit", t.unit.as_deref().unwrap_or("—"));
    out.field("per", t.per.as_deref().unwrap_or("—"));
    match &t.of {
        Some(of) => match of.entity.as_deref().and_then(|id| book.entity(id)) {
            Some(e) => {
                out.entity_item(e, format!(" (of: the stake is in {})", book.entities[e].id))
            }
            None => out.field("of", &format!("{} (not an entity of this book)", of.words)),
        },
        None => out.field("of", "—"),
    }
    if let Some(n) = &dt.note {
        out.heading("Note");
        out.text(n, 2, Style::new());
    }
    out.heading("Source");
    match dt.source {
        Some(s) => out.source_item(s),
        None if deal.sources.is_empty() => out.push(Line::styled("  none given", v.theme.dim())),
        None => {
            out.push(Line::styled("  from the deal's sources:", v.theme.dim()));
            for &s in &deal.sources {
                out.source_item(s);
            }
        }
    }
    out.heading("Deal");
    out.deal_item(d, String::new());
}

fn edge(out: &mut Out, from: EntityIx, to: EntityIx, kind: FlowKind) {
    let v = out.view;
    let book = &v.model.book;
    let Some(e) = v.model.edge(from, to, kind) else {
        return;
    };
    out.push(Line::from(vec![
        Span::styled(
            format!(
                "{} → {}  ",
                ends_name(book, &e.senders),
                ends_name(book, &e.recipients)
            ),
            v.theme.title(),
        ),
        Span::styled(e.kind.to_string(), v.theme.flow_kind(e.kind)),
    ]));
    out.field("total", &e.parts.only(v.money).text());
    out.field("counted", &v.money.name());
    out.field(
        "flows",
        &format!(
            "{} in {}",
            plural(e.flows.len(), "flow"),
            plural(e.deals.len(), "deal")
        ),
    );
    out.heading("Ends");
    out.entity_item(e.from, " (from)".into());
    out.entity_item(e.to, " (to)".into());
    out.heading("Deals");
    for fr in e.flows.iter().take(MAX_LISTED) {
        let f = &book.deals[fr.deal].flows[fr.flow];
        let amount = f
            .amount
            .as_ref()
            .map_or("undisclosed".to_string(), Term::human);
        let inferred = if f.inferred { " (inferred)" } else { "" };
        out.deal_item(fr.deal, format!(" — {amount}{inferred}"));
        out.quote(&f.quote, 5);
    }
    more(out, e.flows.len());
}

fn cycle(out: &mut Out, i: usize) {
    let v = out.view;
    let book = &v.model.book;
    let Some(c) = v.model.loops.cycles.get(i) else {
        return;
    };
    out.push(Line::styled("Circular financing", v.theme.heading()));
    out.text(&loop_title(book, &c.entities), 0, v.theme.title());
    out.text(
        "Money or stakes leave an entity and come back to it through the others; at least one step is financing (investment, loan or equity). Subsidiaries count as their parent.",
        0,
        v.theme.dim(),
    );
    out.field("at most", &c.value(book).text());
    if c.inferred(book) {
        out.text(
            "Rests on a flow the sources imply but do not state (marked inferred).",
            0,
            v.theme.warning(),
        );
    }
    out.heading("Steps");
    for step in &c.steps {
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {} → {}  ",
                book.entities[step.from].name, book.entities[step.to].name
            )),
            Span::styled(step.parts(book).text(), v.theme.money()),
        ]));
        for fr in step.flows.iter().take(MAX_LISTED) {
            let deal = &book.deals[fr.deal];
            let f = &deal.flows[fr.flow];
            let amount = if f.is_group() {
                let whole = f
                    .amount
                    .as_ref()
                    .map_or("undisclosed".to_string(), Term::human);
                format!("share undisclosed (of {whole})")
            } else {
                f.amount
                    .as_ref()
                    .map_or("undisclosed".to_string(), Term::human)
            };
            let direct = f.lead() == step.from && f.recipient() == step.to && !f.is_group();
            let via = if direct {
                String::new()
            } else {
                format!(
                    " ({} → {})",
                    ends_name(book, &f.from),
                    ends_name(book, &f.to)
                )
            };
            // Each leg: kind, amount, status and marks first, then the deal it is in.
            let mut spans = vec![
                v.mark_cell(Record::Flow {
                    deal: fr.deal,
                    flow: fr.flow,
                }),
                Span::styled(format!("{} ", f.kind), v.theme.flow_kind(f.kind)),
                Span::styled(amount, v.theme.money()),
                Span::raw(" · "),
                Span::styled(
                    deal.status.as_str().to_string(),
                    v.theme.status(deal.status),
                ),
            ];
            if f.inferred {
                spans.push(Span::styled(" · inferred", v.theme.warning()));
            }
            spans.push(Span::styled(
                format!("{via} — {}", deal.title),
                v.theme.dim(),
            ));
            out.item(Record::Deal(fr.deal), spans);
        }
        more(out, step.flows.len());
    }
    out.heading("Entities");
    for &e in &c.entities {
        out.entity_item(e, String::new());
    }
}

fn source(out: &mut Out, s: SourceIx) {
    let v = out.view;
    let book = &v.model.book;
    let src = &book.sources[s];
    out.text(&src.title, 0, v.theme.title());
    out.field("id", &src.id);
    for (label, v) in [
        ("publisher", src.publisher.clone()),
        ("date", src.date.map(|d| d.to_string())),
        ("lang", src.lang.clone()),
        ("url", src.url.clone()),
        ("ref", src.reference.clone()),
    ] {
        if let Some(v) = v {
            out.field(label, &v);
        }
    }
    let citing = book.deals_citing(s);
    out.heading(format!("Cited by ({})", plural(citing.len(), "deal")));
    for &d in citing.iter().take(MAX_LISTED) {
        out.deal_item(d, String::new());
    }
    if citing.len() > MAX_LISTED {
        out.push(Line::styled(
            format!("   … {} more", citing.len() - MAX_LISTED),
            v.theme.dim(),
        ));
    }
}

/// The index (among items) of the item on line `line`, if that line is an item.
pub fn item_at_line(lines: &[DLine], line: usize) -> Option<usize> {
    lines.get(line)?.item?;
    Some(lines[..line].iter().filter(|l| l.item.is_some()).count())
}

/// The line that item number `item` is on.
/// How much text (letters, not spaces) the first `n` lines hold: a place in the page that
/// wrapping to another width does not move.
pub fn text_before(lines: &[DLine], n: usize) -> usize {
    lines.iter().take(n).map(text_in).sum()
}

/// The line that holds the place [`text_before`] gave, in `lines` wrapped to another width:
/// the line with the next letter after that much text (blank lines before it skipped).
pub fn line_at_text(lines: &[DLine], place: usize) -> usize {
    if place == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        seen += text_in(l);
        if seen > place {
            return i;
        }
    }
    lines.len()
}

fn text_in(l: &DLine) -> usize {
    l.line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .filter(|c| !c.is_whitespace() && *c != '…')
        .count()
}

pub fn line_of_item(lines: &[DLine], item: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.item.is_some())
        .nth(item)
        .map(|(i, _)| i)
}
