//! `dealbook list` and `dealbook show`: records as tables, text or JSON.

use super::{CliError, ListWhat, json, out_err, table, write_json};
use crate::book::diag::suggestion;
use crate::book::record::ends_names;
use crate::book::{Book, Deal, EntityIx, Record, Source, sort};
use serde_json::json as j;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// The terminal width when stdout is a terminal, for clipping long cells; none for a pipe.
pub(super) fn width() -> Option<usize> {
    std::io::stdout()
        .is_terminal()
        .then(|| {
            crossterm::terminal::size()
                .ok()
                .map(|(w, _)| usize::from(w))
        })
        .flatten()
}

fn date_or_dash(d: Option<crate::book::Date>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

/// The rows `list` shows, in the order shown: those `--where` keeps, sorted by `--sort`
/// (book order without it).
fn rows_of(
    book: &Book,
    book_path: Option<&std::path::Path>,
    what: ListWhat,
    filter: Option<&str>,
    sort_spec: Option<&str>,
) -> Result<Vec<usize>, CliError> {
    let count = match what {
        ListWhat::Entities => book.entities.len(),
        ListWhat::Deals => book.deals.len(),
        ListWhat::Sources => book.sources.len(),
    };
    let mut rows: Vec<usize> = match filter {
        None => (0..count).collect(),
        Some(expr) => {
            let kept = super::select_where(book, book_path, expr)?;
            (0..count)
                .filter(|&i| {
                    kept.contains(&match what {
                        ListWhat::Entities => Record::Entity(i),
                        ListWhat::Deals => Record::Deal(i),
                        ListWhat::Sources => Record::Source(i),
                    })
                })
                .collect()
        }
    };
    let usage = |e: sort::SortError| CliError::Usage(e.to_string());
    if let Some(spec) = sort_spec {
        match what {
            ListWhat::Deals => {
                let (key, dir) = sort::DealKey::parse(spec).map_err(usage)?;
                sort::deals(book, &mut rows, key, dir);
            }
            ListWhat::Entities => {
                let (key, dir) = sort::EntityKey::parse(spec).map_err(usage)?;
                let totals = crate::book::flows::entity_totals(book);
                sort::entities(book, &totals, &mut rows, key, dir);
            }
            ListWhat::Sources => {
                let (key, dir) = sort::SourceKey::parse(spec).map_err(usage)?;
                sort::sources(book, &mut rows, key, dir);
            }
        }
    }
    Ok(rows)
}

pub fn list(
    book: &Book,
    book_path: Option<&std::path::Path>,
    what: ListWhat,
    (filter, sort_spec): (Option<&str>, Option<&str>),
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let order = rows_of(book, book_path, what, filter, sort_spec)?;
    if as_json {
        let records: Vec<serde_json::Value> = match what {
            ListWhat::Entities => order
                .iter()
                .map(|&i| json::entity(book, &book.entities[i]))
                .collect(),
            ListWhat::Deals => order
                .iter()
                .map(|&i| json::deal(book, &book.deals[i]))
                .collect(),
            ListWhat::Sources => order
                .iter()
                .map(|&i| json::source(book, &book.sources[i]))
                .collect(),
        };
        write_json(out, &serde_json::Value::Array(records))?;
        return Ok(ExitCode::SUCCESS);
    }
    let (header, rows): (&[&str], Vec<Vec<String>>) = match what {
        ListWhat::Entities => (
            &["ID", "KIND", "DEALS", "PARENT", "NAME"],
            order
                .iter()
                .map(|&i| {
                    let e = &book.entities[i];
                    vec![
                        e.id.clone(),
                        e.kind.to_string(),
                        book.deals_of[i].len().to_string(),
                        e.parent.map_or("—".into(), |p| book.entities[p].id.clone()),
                        table::cell(&e.name),
                    ]
                })
                .collect(),
        ),
        ListWhat::Deals => (
            &["ID", "DATE", "STATUS", "PARTIES", "TITLE"],
            order
                .iter()
                .map(|&i| {
                    let d = &book.deals[i];
                    vec![
                        d.id.clone(),
                        date_or_dash(d.date),
                        d.status.to_string(),
                        d.parties.len().to_string(),
                        table::cell(&d.title),
                    ]
                })
                .collect(),
        ),
        ListWhat::Sources => (
            &["ID", "DATE", "PUBLISHER", "TITLE"],
            order
                .iter()
                .map(|&i| {
                    let s = &book.sources[i];
                    vec![
                        s.id.clone(),
                        date_or_dash(s.date),
                        s.publisher.as_deref().map_or("—".into(), table::cell),
                        table::cell(&s.title),
                    ]
                })
                .collect(),
        ),
    };
    table::write(out, header, &rows, width()).map_err(out_err)?;
    Ok(ExitCode::SUCCESS)
}

/// Finds a record by id, or an entity by name or alias ("show OpenAI").
pub(super) fn find(book: &Book, id: &str) -> Result<Record, CliError> {
    if let Some(r) = book.ids.get(id) {
        return Ok(*r);
    }
    if let Some(e) = book.resolve_name(id) {
        return Ok(Record::Entity(e));
    }
    Err(CliError::Usage(format!(
        "no entity, deal or source has the id '{id}'{} (see 'dealbook list entities|deals|sources')",
        suggestion(id, book.ids.keys().map(String::as_str))
    )))
}

pub fn show(
    book: &Book,
    id: &str,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let record = find(book, id)?;
    if as_json {
        write_json(out, &show_json(book, record)?)?;
    } else {
        let text = match record.page() {
            Record::Entity(e) => entity_text(book, e),
            Record::Deal(d) => deal_text(book, &book.deals[d]),
            Record::Source(s) => source_text(book, s),
            other => return Err(no_page(other)),
        };
        out.write_all(text.as_bytes()).map_err(out_err)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `dealbook show ID --format md`: the record's page as Markdown (`book::cite::markdown`).
pub fn show_markdown(book: &Book, id: &str, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let record = find(book, id)?;
    if !matches!(
        record.page(),
        Record::Entity(_) | Record::Deal(_) | Record::Source(_)
    ) {
        return Err(no_page(record));
    }
    out.write_all(crate::book::cite::markdown(book, record).as_bytes())
        .map_err(out_err)?;
    Ok(ExitCode::SUCCESS)
}

fn flow_json(book: &Book, deal: &Deal, f: &crate::book::Flow) -> serde_json::Value {
    let mut v = json::flow(book, f);
    if let serde_json::Value::Object(map) = &mut v {
        map.insert("deal".into(), j!(deal.id));
        map.insert("status".into(), j!(deal.status));
    }
    v
}

/// Ids name entities, deals and sources; what the flows add up to has no id, hence no page.
fn no_page(record: Record) -> CliError {
    CliError::Usage(format!(
        "a {} has no page of its own; see 'dealbook flows'",
        record.kind()
    ))
}

fn show_json(book: &Book, record: Record) -> Result<serde_json::Value, CliError> {
    Ok(match record.page() {
        Record::Entity(e) => {
            let ent = &book.entities[e];
            let deals = &book.deals_of[e];
            let flows: Vec<_> = deals
                .iter()
                .flat_map(|&d| {
                    let deal = &book.deals[d];
                    deal.flows
                        .iter()
                        .filter(move |f| f.from.contains(&e) || f.to.contains(&e))
                        .map(move |f| flow_json(book, deal, f))
                })
                .collect();
            let stakes: Vec<_> = book
                .deals
                .iter()
                .flat_map(|d| d.terms.iter().map(move |t| (d, t)))
                .filter(|(_, t)| {
                    t.term.of.as_ref().and_then(|o| o.entity.as_deref()) == Some(&ent.id)
                })
                .map(|(d, t)| j!({"deal": d.id, "term": json::term(&t.term)}))
                .collect();
            j!({
                "type": "entity",
                "record": json::entity(book, ent),
                "subsidiaries": subsidiaries(book, e).iter().map(|&s| &book.entities[s].id).collect::<Vec<_>>(),
                "deals": deals.iter().map(|&d| j!({
                    "id": book.deals[d].id,
                    "title": book.deals[d].title,
                    "roles": book.deals[d].parties.iter().filter(|p| p.entity == e).map(|p| &p.role).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "flows": flows,
                "stakes_in_it": stakes,
            })
        }
        Record::Deal(d) => j!({ "type": "deal", "record": json::deal(book, &book.deals[d]) }),
        Record::Source(s) => {
            let id = &book.sources[s].id;
            let (deals, terms, metrics) = citations(book, s);
            j!({
                "type": "source",
                "record": json::source(book, &book.sources[s]),
                "cited_by_deals": deals.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
                "cited_by_terms": terms.iter().map(|&(d, t)| j!({"deal": book.deals[d].id, "text": book.deals[d].terms[t].term.text})).collect::<Vec<_>>(),
                "cited_by_metrics": metrics.iter().map(|&(e, m)| j!({"entity": book.entities[e].id, "name": book.entities[e].metrics[m].name, "date": book.entities[e].metrics[m].date})).collect::<Vec<_>>(),
                "id": id,
            })
        }
        other => return Err(no_page(other)),
    })
}

fn subsidiaries(book: &Book, e: EntityIx) -> Vec<EntityIx> {
    book.children_of(e).to_vec()
}

type Citations = (Vec<usize>, Vec<(usize, usize)>, Vec<(usize, usize)>);

/// The deals, deal terms and metrics that cite source `s`.
fn citations(book: &Book, s: usize) -> Citations {
    let deals = book.deals_citing(s).to_vec();
    let terms = book
        .deals
        .iter()
        .enumerate()
        .flat_map(|(d, deal)| {
            deal.terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.source == Some(s))
                .map(move |(t, _)| (d, t))
        })
        .collect();
    let metrics = book
        .entities
        .iter()
        .enumerate()
        .flat_map(|(e, ent)| {
            ent.metrics
                .iter()
                .enumerate()
                .filter(|(_, m)| m.source == Some(s))
                .map(move |(m, _)| (e, m))
        })
        .collect();
    (deals, terms, metrics)
}

fn name(book: &Book, e: EntityIx) -> &str {
    &book.entities[e].name
}

fn amount_text(t: Option<&crate::book::terms::Term>) -> String {
    t.map_or_else(|| "undisclosed".to_string(), |t| t.human())
}

/// One flow on a line: "SoftBank, Microsoft → OpenAI  investment  $40B  announced · inferred".
fn flow_line(book: &Book, deal: &Deal, f: &crate::book::Flow) -> String {
    let mut marks = vec![deal.status.to_string()];
    if f.inferred {
        marks.push("inferred".into());
    }
    if deal.reported {
        marks.push("reported".into());
    }
    format!(
        "  {} → {}  {}  {}  {}",
        table::cell(&ends_names(book, &f.from)),
        table::cell(&ends_names(book, &f.to)),
        f.kind,
        amount_text(f.amount.as_ref()),
        marks.join(" · ")
    )
}

/// `      « the source's words »` under a figure, when it has a quote.
fn quote_line(quote: &Option<String>) -> String {
    quote
        .as_ref()
        .map(|q| format!("      « {} »\n", table::cell(q)))
        .unwrap_or_default()
}

fn entity_text(book: &Book, e: EntityIx) -> String {
    let ent = &book.entities[e];
    let mut s = format!("{}\n", ent.name);
    let mut facts = vec![format!("id {}", ent.id), ent.kind.to_string()];
    if let Some(c) = &ent.country {
        facts.push(c.clone());
    }
    s += &format!("  {}\n", facts.join(" · "));
    if !ent.aliases.is_empty() {
        s += &format!("  also known as: {}\n", ent.aliases.join(", "));
    }
    if let Some(p) = ent.parent {
        s += &format!("  part of: {} ({})\n", name(book, p), book.entities[p].id);
    }
    let subs = subsidiaries(book, e);
    if !subs.is_empty() {
        let names: Vec<String> = subs
            .iter()
            .map(|&c| format!("{} ({})", name(book, c), book.entities[c].id))
            .collect();
        s += &format!("  subsidiaries: {}\n", names.join(", "));
    }
    for p in &ent.people {
        s += &format!(
            "  person: {}{}\n",
            p.name,
            p.role
                .as_ref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default()
        );
    }
    if let Some(n) = &ent.notes {
        s += &format!("\nNotes\n  {}\n", table::cell(n));
    }
    if !ent.metrics.is_empty() {
        // One small table per series (metric name), dated values in date order, then the
        // undated ones, listed as undated.
        s += "\nMetrics\n";
        let mut names: Vec<&str> = Vec::new();
        for m in &ent.metrics {
            if !names.contains(&m.name.as_str()) {
                names.push(&m.name);
            }
        }
        for name in names {
            s += &format!("  {}\n", name.replace('_', " "));
            for m in ent.metrics.iter().filter(|m| m.name == name) {
                s += &format!(
                    "    {:<10} {:<14}{}{}\n",
                    m.date
                        .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                    m.amount.human(),
                    m.source
                        .map(|x| format!(" [{}]", book.sources[x].id))
                        .unwrap_or_default(),
                    if m.reported { " · reported" } else { "" }
                );
                s += &quote_line(&m.quote).replacen("      ", "        ", 1);
            }
        }
    }
    let totals = &crate::book::flows::totals_of(book, e);
    if !totals.inn.is_empty() || !totals.out.is_empty() {
        s += &format!(
            "\nMoney\n  in   {}\n  out  {}\n",
            table::cell(&totals.inn.text()),
            table::cell(&totals.out.text())
        );
    }
    let deals = &book.deals_of[e];
    s += &format!("\nDeals ({})\n", deals.len());
    for &d in deals {
        let deal = &book.deals[d];
        let roles: Vec<&str> = deal
            .parties
            .iter()
            .filter(|p| p.entity == e)
            .filter_map(|p| p.role.as_deref())
            .collect();
        s += &format!(
            "  {:<32} {:<10} {:<12} {}{}\n",
            deal.id,
            date_or_dash(deal.date),
            deal.status.to_string(),
            table::cell(&deal.title),
            if roles.is_empty() {
                String::new()
            } else {
                format!(" — as {}", roles.join(", "))
            }
        );
    }
    let flows: Vec<String> = deals
        .iter()
        .flat_map(|&d| book.deals[d].flows.iter().map(move |f| (d, f)))
        .filter(|(_, f)| f.from.contains(&e) || f.to.contains(&e))
        .map(|(d, f)| {
            format!(
                "{}  ({})\n{}",
                flow_line(book, &book.deals[d], f),
                book.deals[d].id,
                quote_line(&f.quote)
            )
        })
        .collect();
    if !flows.is_empty() {
        s += &format!("\nFlows ({})\n{}", flows.len(), flows.concat());
    }
    s
}

fn deal_text(book: &Book, d: &Deal) -> String {
    let mut s = format!("{}\n", table::cell(&d.title));
    s += &format!(
        "  id {} · {} · {}{}\n",
        d.id,
        d.date
            .map_or("date undisclosed".to_string(), |x| x.to_string()),
        d.status,
        if d.reported { " · reported" } else { "" }
    );
    if !d.tags.is_empty() {
        s += &format!("  tags: {}\n", d.tags.join(", "));
    }
    s += "\nParties\n";
    for p in &d.parties {
        s += &format!(
            "  {} ({}){}\n",
            name(book, p.entity),
            book.entities[p.entity].id,
            p.role
                .as_ref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default()
        );
    }
    if !d.terms.is_empty() {
        s += "\nTerms\n";
        for t in &d.terms {
            s += &format!("  {:<40} → {}\n", t.term.text, t.term.human());
            s += &quote_line(&t.quote);
            if let Some(n) = &t.note {
                s += &format!("      {}\n", table::cell(n));
            }
        }
    }
    if !d.flows.is_empty() {
        s += "\nFlows\n";
        for f in &d.flows {
            s += &format!("{}\n", flow_line(book, d, f));
            s += &quote_line(&f.quote);
            if let Some(n) = &f.note {
                s += &format!("      {}\n", table::cell(n));
            }
        }
    }
    if !d.sources.is_empty() {
        s += "\nSources\n";
        for &x in &d.sources {
            s += &format!("  {}\n", source_line(&book.sources[x]));
        }
    }
    if let Some(n) = &d.notes {
        s += &format!("\nNotes\n  {}\n", table::cell(n));
    }
    s
}

fn source_line(src: &Source) -> String {
    let mut parts = vec![table::cell(&src.title)];
    if let Some(p) = &src.publisher {
        parts.push(p.clone());
    }
    if let Some(d) = src.date {
        parts.push(d.to_string());
    }
    parts.join(" — ")
}

fn source_text(book: &Book, s: usize) -> String {
    let src = &book.sources[s];
    let mut out = format!("{}\n  id {}", table::cell(&src.title), src.id);
    for (label, v) in [
        ("publisher", &src.publisher),
        ("lang", &src.lang),
        ("url", &src.url),
        ("ref", &src.reference),
    ] {
        if let Some(v) = v {
            out += &format!(" · {label} {v}");
        }
    }
    if let Some(d) = src.date {
        out += &format!(" · {}", d);
    }
    out.push('\n');
    let (deals, terms, metrics) = citations(book, s);
    out += &format!("\nCited by deals ({})\n", deals.len());
    for d in deals {
        out += &format!(
            "  {:<32} {}\n",
            book.deals[d].id,
            table::cell(&book.deals[d].title)
        );
    }
    if !terms.is_empty() {
        out += "\nCited by terms\n";
        for (d, t) in terms {
            out += &format!(
                "  {}: {}\n",
                book.deals[d].id, book.deals[d].terms[t].term.text
            );
        }
    }
    if !metrics.is_empty() {
        out += "\nCited by metrics\n";
        for (e, m) in metrics {
            let m = &book.entities[e].metrics[m];
            out += &format!(
                "  {}: {} {} {}\n",
                book.entities[e].id,
                m.name,
                m.date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string()),
                m.amount.human()
            );
        }
    }
    out
}
