//! `dealbook export`: the whole book as JSON, as CSV tables (one file per table), or the flow
//! graph as Graphviz DOT.

use super::{CliError, ExportArgs, ExportFormat, dot, json, out_err};
use crate::book::Book;
use crate::book::terms::Term;
use crate::fsutil;
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The CSV tables: one per record type, and one per list inside a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    Sources,
    Entities,
    People,
    Metrics,
    Deals,
    Parties,
    Terms,
    Flows,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Sources => "sources",
            Table::Entities => "entities",
            Table::People => "people",
            Table::Metrics => "metrics",
            Table::Deals => "deals",
            Table::Parties => "parties",
            Table::Terms => "terms",
            Table::Flows => "flows",
        }
    }
}

/// Exports `book`, read from `book_path` (`None`: the bundled book), as `args` say.
pub fn run(
    book: &Book,
    book_path: Option<&Path>,
    args: &ExportArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    // With --where, the part of the book the query keeps, as a book of its own.
    let part;
    let book = match &args.filter {
        None => book,
        Some(expr) => {
            part = selected(book, book_path, expr)?;
            &part
        }
    };
    let to_file = |path: &Path, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| {
        write_file(book_path, path, write)
    };
    match args.format {
        ExportFormat::Json => {
            if args.table.is_some() {
                return Err(CliError::Usage(
                    "--table goes with --format csv; JSON exports the whole book".into(),
                ));
            }
            let v = json::book(book);
            let write = |w: &mut dyn Write| -> std::io::Result<()> {
                serde_json::to_writer_pretty(&mut *w, &v)?;
                writeln!(w)
            };
            match &args.out {
                Some(path) => to_file(path, &write)?,
                None => write(out).map_err(out_err)?,
            }
        }
        ExportFormat::Dot => {
            if args.table.is_some() {
                return Err(CliError::Usage(
                    "--table goes with --format csv; DOT exports the flow graph".into(),
                ));
            }
            match &args.out {
                Some(path) => to_file(path, &|w| dot::write(book, w))?,
                None => dot::write(book, out).map_err(out_err)?,
            }
        }
        ExportFormat::Svg => {
            let Some(id) = &args.entity else {
                return Err(CliError::Usage(
                    "--format svg draws one entity's money map: add --entity ID".into(),
                ));
            };
            let centre = match super::list::find(book, id)? {
                crate::book::Record::Entity(e) => e,
                other => {
                    return Err(CliError::Usage(format!(
                        "'{id}' is a {}, not an entity; --entity takes an entity's id or name",
                        other.kind()
                    )));
                }
            };
            let status = args.status;
            match &args.out {
                Some(path) => to_file(path, &|w| super::svg::write(book, centre, status, w))?,
                None => super::svg::write(book, centre, status, out).map_err(out_err)?,
            }
        }
        ExportFormat::Csv => match (args.table, &args.out) {
            (Some(t), None) => csv_table(book, t, out).map_err(out_err)?,
            (Some(t), Some(path)) => to_file(path, &|w| csv_table(book, t, w))?,
            (None, Some(dir)) => {
                // Every file is checked before the first is written: all or nothing.
                let files: Vec<(std::path::PathBuf, Table)> = (Table::value_variants().iter())
                    .map(|&t| (dir.join(format!("{}.csv", t.name())), t))
                    .collect();
                not_the_book(book_path, dir)?;
                for (path, _) in &files {
                    not_the_book(book_path, path)?;
                }
                std::fs::create_dir_all(dir).map_err(|e| {
                    CliError::Usage(format!("cannot create the folder {}: {e}", dir.display()))
                })?;
                for (path, t) in &files {
                    to_file(path, &|w| csv_table(book, *t, w))?;
                }
            }
            (None, None) => {
                return Err(CliError::Usage(
                    "a CSV export has one file per table: choose a folder with --out DIR, or one table with --table (sources, entities, people, metrics, deals, parties, terms, flows)".into(),
                ));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses `path` when it is the book being read, however either is spelled.
fn not_the_book(book_path: Option<&Path>, path: &Path) -> Result<(), CliError> {
    match book_path {
        Some(book) if fsutil::same_file(book, path) => Err(CliError::Usage(format!(
            "refusing to write {}: it is the book being read ({}); choose another --out",
            path.display(),
            book.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes `path` whole or not at all (see [`fsutil::write_atomic`]), never over the book.
fn write_file(
    book_path: Option<&Path>,
    path: &Path,
    write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    not_the_book(book_path, path)?;
    fsutil::write_atomic(path, write)
        .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", path.display())))
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The columns a parsed term contributes to a row.
const TERM_COLS: [&str; 8] = ["text", "human", "bound", "low", "high", "unit", "per", "of"];

fn term_cells(t: Option<&Term>) -> Vec<String> {
    let Some(t) = t else {
        return vec![
            String::new(),
            "undisclosed".into(),
            "undisclosed".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
    };
    let bound = t.bound.as_str().to_string();
    vec![
        t.text.clone(),
        t.human(),
        bound,
        num(t.low),
        num(t.high),
        t.unit.clone().unwrap_or_default(),
        t.per.clone().unwrap_or_default(),
        t.of.as_ref()
            .map(|o| o.entity.clone().unwrap_or_else(|| o.words.clone()))
            .unwrap_or_default(),
    ]
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn csv_table(book: &Book, table: Table, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let eid = |e: usize| book.entities[e].id.clone();
    let sid = |s: Option<usize>| s.map(|s| book.sources[s].id.clone()).unwrap_or_default();
    let with_term = |head: &[&str], tail: &[&str]| -> Vec<String> {
        head.iter()
            .chain(TERM_COLS.iter())
            .chain(tail.iter())
            .map(|s| s.to_string())
            .collect()
    };
    match table {
        Table::Sources => {
            w.write_record([
                "id",
                "title",
                "publisher",
                "date",
                "lang",
                "url",
                "ref",
                "file",
            ])?;
            for s in &book.sources {
                w.write_record([
                    s.id.clone(),
                    s.title.clone(),
                    opt(&s.publisher),
                    s.date.map(|d| d.to_string()).unwrap_or_default(),
                    opt(&s.lang),
                    opt(&s.url),
                    opt(&s.reference),
                    opt(&s.file),
                ])?;
            }
        }
        Table::Entities => {
            w.write_record([
                "id", "name", "kind", "aliases", "parent", "country", "notes",
            ])?;
            for e in &book.entities {
                w.write_record([
                    e.id.clone(),
                    e.name.clone(),
                    e.kind.to_string(),
                    e.aliases.join("; "),
                    e.parent.map(eid).unwrap_or_default(),
                    opt(&e.country),
                    opt(&e.notes),
                ])?;
            }
        }
        Table::People => {
            w.write_record(["entity", "name", "role"])?;
            for e in &book.entities {
                for p in &e.people {
                    w.write_record([e.id.clone(), p.name.clone(), opt(&p.role)])?;
                }
            }
        }
        Table::Metrics => {
            w.write_record(with_term(
                &["entity", "name", "date"],
                &["source", "quote", "reported", "note"],
            ))?;
            for e in &book.entities {
                for m in &e.metrics {
                    let date = m.date.map(|d| d.to_string()).unwrap_or_default();
                    let mut row = vec![e.id.clone(), m.name.clone(), date];
                    row.extend(term_cells(Some(&m.amount)));
                    row.extend([
                        sid(m.source),
                        opt(&m.quote),
                        m.reported.to_string(),
                        opt(&m.note),
                    ]);
                    w.write_record(row)?;
                }
            }
        }
        Table::Deals => {
            w.write_record([
                "id", "title", "date", "status", "tags", "sources", "reported", "notes",
            ])?;
            for d in &book.deals {
                w.write_record([
                    d.id.clone(),
                    d.title.clone(),
                    d.date.map(|x| x.to_string()).unwrap_or_default(),
                    d.status.to_string(),
                    d.tags.join("; "),
                    d.sources
                        .iter()
                        .map(|&s| book.sources[s].id.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    d.reported.to_string(),
                    opt(&d.notes),
                ])?;
            }
        }
        Table::Parties => {
            w.write_record(["deal", "entity", "role"])?;
            for d in &book.deals {
                for p in &d.parties {
                    w.write_record([d.id.clone(), eid(p.entity), opt(&p.role)])?;
                }
            }
        }
        Table::Terms => {
            w.write_record(with_term(&["deal"], &["source", "quote", "note"]))?;
            for d in &book.deals {
                for t in &d.terms {
                    let mut row = vec![d.id.clone()];
                    row.extend(term_cells(Some(&t.term)));
                    row.extend([sid(t.source), opt(&t.quote), opt(&t.note)]);
                    w.write_record(row)?;
                }
            }
        }
        Table::Flows => {
            w.write_record(with_term(
                &["deal", "from", "to", "kind"],
                &["source", "quote", "inferred", "note"],
            ))?;
            // A syndicate's members in one cell, "; " between them, as tags and aliases.
            let ids = |ends: &[usize]| ends.iter().map(|&e| eid(e)).collect::<Vec<_>>().join("; ");
            for d in &book.deals {
                for f in &d.flows {
                    let mut row = vec![d.id.clone(), ids(&f.from), ids(&f.to), f.kind.to_string()];
                    row.extend(term_cells(f.amount.as_ref()));
                    row.extend([
                        sid(f.source),
                        opt(&f.quote),
                        f.inferred.to_string(),
                        opt(&f.note),
                    ]);
                    w.write_record(row)?;
                }
            }
        }
    }
    w.flush()
}

/// The deals whose deal, term or flow the query matches, and the entities it matches, with all
/// they refer to (`Book::subset`).
fn selected(book: &Book, book_path: Option<&Path>, expr: &str) -> Result<Book, CliError> {
    let hits = super::select_where(book, book_path, expr)?;
    let mut deals = vec![false; book.deals.len()];
    let mut entities = vec![false; book.entities.len()];
    for r in hits {
        match r {
            crate::book::Record::Deal(d)
            | crate::book::Record::Term { deal: d, .. }
            | crate::book::Record::Flow { deal: d, .. } => deals[d] = true,
            crate::book::Record::Entity(e) | crate::book::Record::Metric { entity: e, .. } => {
                entities[e] = true
            }
            _ => {}
        }
    }
    Ok(book.subset(&|d| deals[d], &|e| entities[e]))
}
