//! `dealbook review`: the marks of a book read against it (text, JSON or a Markdown report),
//! and `review mark` / `review unmark`, which write only the marks file.

use super::{CliError, out_err, table, write_json};
use crate::book::flows::{Cycle, Limits, find_cycles};
use crate::book::{Book, Record, diag};
use crate::review::report::{self, Row, Summary};
use crate::review::{self, Mark, Marks, key};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json as j;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const REVIEW_HELP: &str = "\
Marks live in a sidecar beside the book (deals.review.yaml for deals.yaml), or for the bundled
book in the data folder ($DEALBOOK_DATA_DIR, else ~/.local/share/dealbook/reviews). The book is
never written. A mark on a record edited since reads 'changed since reviewed'; a mark whose
record is gone is an orphan, kept and listed.

IDs: an entity, deal or source id ('openai'), a term as DEAL-ID#N (N from 0, as 'dealbook
search' prints it), or any mark key ('deal:ID/flow/FROM->TO/KIND'; docs/review.md).

Examples:
  dealbook review my-deals.yaml                     counts and every mark
  dealbook review my-deals.yaml --format md > r.md  a review report for a colleague
  dealbook review --book my-deals.yaml mark amd-openai --note 'checked the source'
  dealbook review --book my-deals.yaml mark amd-openai --flag
  dealbook review --book my-deals.yaml unmark amd-openai

Exit status: 0 success; 1 the book has errors; 2 usage or file problems, an unknown ID, or a
marks file that does not parse (reported as FILE:LINE:COL and left as it is).";

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The deal book (same as --book; default: the bundled book).
    #[arg(value_name = "BOOK")]
    pub book: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format: a table, or a Markdown review report.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,
    #[command(subcommand)]
    pub action: Option<ReviewAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Text,
    Md,
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Mark a record reviewed (with --flag: flag it instead), with an optional note.
    Mark {
        /// What to mark: an id, DEAL-ID#N for a term, or a mark key.
        id: String,
        /// Flag it (needs another look) rather than mark it reviewed.
        #[arg(long)]
        flag: bool,
        /// A one-line note kept with the mark (replaces the one it had).
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Remove a record's mark (an orphan's too, by its key).
    Unmark {
        /// An id, DEAL-ID#N for a term, or a mark key.
        id: String,
    },
}

pub fn run(
    book: &Book,
    path: Option<&Path>,
    args: &ReviewArgs,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let mut marks = Marks::open(path);
    let needs_loops = marks.iter().any(|(k, _)| k.starts_with("loop:"))
        || matches!(&args.action, Some(ReviewAction::Mark { id, .. } | ReviewAction::Unmark { id }) if id.starts_with("loop:"));
    let loops = if needs_loops {
        find_cycles(book, &Limits::default()).cycles
    } else {
        Vec::new()
    };
    match &args.action {
        None => {
            if let Some(why) = marks.problem() {
                return Err(CliError::Usage(why.to_string()));
            }
            let name = path.map_or(crate::book::BUNDLED_NAME.into(), |p| {
                p.display().to_string()
            });
            let (rows, summary) = report::rows(book, &loops, &marks);
            let unreviewed = report::unreviewed_deals(book, &loops, &marks);
            let file = marks.path().map(|p| p.display().to_string());
            if args.json {
                write_json(
                    out,
                    &as_json(book, &name, file, &rows, &summary, &unreviewed),
                )?;
            } else if args.format == ReviewFormat::Md {
                let md = markdown(book, &name, &rows, &summary, &unreviewed);
                out.write_all(md.as_bytes()).map_err(out_err)?;
            } else {
                text(out, file.as_deref(), &rows, &summary)?;
            }
        }
        Some(action) => {
            let (id, change) = match action {
                ReviewAction::Mark { id, flag, note } => (id, Some((*flag, note.clone()))),
                ReviewAction::Unmark { id } => (id, None),
            };
            let k = resolve(book, &loops, &marks, id)?;
            let mark = change.map(|(flag, note)| {
                let record = key::resolve(book, &loops, &k);
                new_mark(book, &loops, record, marks.get(&k), flag, note)
            });
            if mark.is_none() && marks.get(&k).is_none() {
                return Err(CliError::Usage(format!("'{k}' has no mark")));
            }
            marks
                .set(&k, mark.clone())
                .map_err(|e| CliError::Usage(e.to_string()))?;
            let file = marks
                .save()
                .map_err(|e| CliError::Usage(e.to_string()))?
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let what = match &mark {
                Some(m) if m.flagged && m.reviewed => "reviewed and flagged",
                Some(m) if m.flagged => "flagged",
                Some(_) => "reviewed",
                None => "unmarked",
            };
            writeln!(out, "{k}: {what} ({file})").map_err(out_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The mark key an id names: a mark key as it is (an orphan's included), an entity, deal or
/// source id, or DEAL-ID#N for a term.
fn resolve(book: &Book, loops: &[Cycle], marks: &Marks, id: &str) -> Result<String, CliError> {
    if key::resolve(book, loops, id).is_some() || marks.get(id).is_some() {
        return Ok(id.to_string());
    }
    let record = match id.split_once('#') {
        Some((deal, n)) => book
            .deal(deal)
            .zip(n.parse().ok())
            .map(|(deal, term)| Record::Term { deal, term }),
        None => book.ids.get(id).copied(),
    };
    record
        .and_then(|r| key(book, loops, r))
        .filter(|k| key::resolve(book, loops, k).is_some())
        .ok_or_else(|| {
            let hint = diag::suggestion(id, book.ids.keys().map(String::as_str));
            CliError::Usage(format!("no record '{id}' in this book{hint}"))
        })
}

fn new_mark(
    book: &Book,
    loops: &[Cycle],
    record: Option<Record>,
    old: Option<&Mark>,
    flag: bool,
    note: Option<String>,
) -> Mark {
    let now_fp = record.and_then(|r| key::fingerprint(book, loops, r));
    let mut m = old.cloned().unwrap_or(Mark {
        reviewed: false,
        flagged: false,
        note: None,
        title: None,
        at: String::new(),
        fingerprint: String::new(),
    });
    if flag {
        m.flagged = true;
    } else {
        m.reviewed = true;
    }
    // A review confirms the record as it is now; a flag alone keeps the review's fingerprint.
    if !flag || m.fingerprint.is_empty() {
        m.fingerprint = now_fp.unwrap_or(m.fingerprint);
    }
    if let Some(n) = note {
        m.note = Some(table::cell(&n)).filter(|n| !n.is_empty());
    }
    if let Some(r) = record {
        m.title = Some(r.title(book, loops).into_owned());
    }
    m.at = review::time::now();
    m
}

/// "reviewed", "changed since reviewed", "flagged", "orphaned", joined with ", ".
fn state_words(row: &Row) -> String {
    let s = row.status;
    let mut words = Vec::new();
    if row.is_orphan() {
        words.push("orphaned");
    }
    match (s.reviewed, s.changed) {
        (true, true) => words.push("changed since reviewed"),
        (true, false) => words.push("reviewed"),
        _ => {}
    }
    if s.flagged {
        words.push("flagged");
    }
    if words.is_empty() && s.noted {
        words.push("noted");
    }
    words.join(", ")
}

fn summary_line(s: &Summary) -> String {
    format!(
        "{} deal{}: {} reviewed, {} unreviewed · {} flagged · {} changed since reviewed · {} orphaned · {} mark{} in all",
        s.deals,
        if s.deals == 1 { "" } else { "s" },
        s.deals_reviewed,
        s.deals_unreviewed(),
        s.flagged,
        s.changed,
        s.orphaned,
        s.marks,
        if s.marks == 1 { "" } else { "s" },
    )
}

fn text(
    out: &mut dyn Write,
    file: Option<&str>,
    rows: &[Row],
    s: &Summary,
) -> Result<(), CliError> {
    writeln!(
        out,
        "marks: {}",
        file.unwrap_or("(nowhere: no data folder)")
    )
    .map_err(out_err)?;
    writeln!(out, "{}", summary_line(s)).map_err(out_err)?;
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out).map_err(out_err)?;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                state_words(r),
                r.key.to_string(),
                r.mark.at.clone(),
                table::cell(&r.title),
                r.mark.note.as_deref().map(table::cell).unwrap_or_default(),
            ]
        })
        .collect();
    table::write(
        out,
        &["STATE", "KEY", "MARKED", "TITLE", "NOTE"],
        &cells,
        None,
    )
    .map_err(out_err)
}

fn as_json(
    book: &Book,
    name: &str,
    file: Option<String>,
    rows: &[Row],
    s: &Summary,
    unreviewed: &[usize],
) -> serde_json::Value {
    j!({
        "book": name,
        "file": file,
        "summary": {
            "marks": s.marks,
            "deals": s.deals,
            "deals_reviewed": s.deals_reviewed,
            "deals_unreviewed": s.deals_unreviewed(),
            "reviewed": s.reviewed,
            "flagged": s.flagged,
            "noted": s.noted,
            "changed": s.changed,
            "orphaned": s.orphaned,
        },
        "marks": rows.iter().map(|r| j!({
            "key": r.key,
            "kind": r.record.map(Record::kind),
            "title": r.title,
            "reviewed": r.status.reviewed,
            "flagged": r.status.flagged,
            "note": r.mark.note,
            "at": r.mark.at,
            "changed": r.status.changed,
            "orphaned": r.is_orphan(),
        })).collect::<Vec<_>>(),
        "unreviewed_deals": unreviewed.iter().map(|&d| &book.deals[d].id).collect::<Vec<_>>(),
    })
}

/// A review report in Markdown: the counts, then flagged, changed, reviewed, orphaned marks and
/// the deals not yet reviewed.
fn markdown(book: &Book, name: &str, rows: &[Row], s: &Summary, unreviewed: &[usize]) -> String {
    let mut md = String::new();
    let title = book.title.as_deref().unwrap_or(name);
    md += &format!("# Review of {}\n\n", md_escape(title));
    md += &format!("Book: `{name}` · report of {}\n\n", review::time::now());
    md += &format!("{}\n", summary_line(s));
    let item = |r: &Row| {
        let note = r
            .mark
            .note
            .as_deref()
            .map(|n| format!(" — {}", md_escape(n)))
            .unwrap_or_default();
        format!(
            "- **{}** (`{}`){note} _({})_\n",
            md_escape(&r.title),
            r.key.replace('`', "'"),
            r.mark.at
        )
    };
    let sections: [Section; 5] = [
        ("Flagged", &|r| r.status.flagged && !r.is_orphan()),
        ("Changed since reviewed", &|r| {
            r.status.reviewed && r.status.changed && !r.is_orphan()
        }),
        ("Reviewed", &|r| {
            r.status.is_current_review() && !r.is_orphan()
        }),
        ("Noted", &|r| {
            r.status.noted && !r.status.reviewed && !r.status.flagged && !r.is_orphan()
        }),
        ("Orphaned (no longer in the book)", &|r| r.is_orphan()),
    ];
    for (heading, keep) in sections {
        let items: String = rows.iter().filter(|r| keep(r)).map(item).collect();
        if !items.is_empty() {
            md += &format!("\n## {heading}\n\n{items}");
        }
    }
    if !unreviewed.is_empty() {
        md += "\n## Deals not yet reviewed\n\n";
        for &d in unreviewed {
            let deal = &book.deals[d];
            md += &format!("- {} (`deal:{}`)\n", md_escape(&deal.title), deal.id);
        }
    }
    md
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in table::cell(s).chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '`'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown section of the report: its heading and which rows it holds.
type Section<'a> = (&'a str, &'a dyn Fn(&Row) -> bool);
