//! Headless commands: arguments (clap), loading the book they work on, and dispatch.

mod check;
mod dot;
mod export;
mod flows;
mod init;
pub mod json;
mod list;
pub mod review;
pub mod search;
mod svg;
mod table;
mod term;
mod timeline;

use crate::book::flows::StatusSet;
use crate::book::{self, Book, Diagnostic, Loaded, ReadError};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
Without a command, dealbook opens the explorer on the bundled book (or on BOOK).

Examples:
  dealbook                          explore the bundled book of 2025 AI deals
  dealbook my-deals.yaml            explore your own book
  dealbook check my-deals.yaml      report every problem as FILE:LINE:COL: error: …
  dealbook list deals               a table of deals
  dealbook show openai              one record and everything that refers to it
  dealbook search 10% amd           fuzzy search, best hits first
  dealbook term 'up to 10% of AMD'  how a term is read: ≤ 10% of AMD
  dealbook flows                    who pays whom, added up, largest first
  dealbook flows --cycles           loops of circular financing
  dealbook timeline                 the deals on a date axis
  dealbook export --format json     the whole book as JSON
  dealbook export --format dot      the flow graph for Graphviz
  dealbook review my-deals.yaml     review marks: reviewed, flagged, changed since, orphaned

Exit status: 0 success, 1 the book has errors, 2 usage or file problems.
The file format: docs/deal-book-format.md.";

#[derive(Debug, Parser)]
#[command(
    name = "dealbook",
    version,
    about = "Explore deal books: who financed whom, on what terms, and the circles the money makes.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Open this deal book instead of the bundled one (for every command).
    #[arg(long, global = true, value_name = "PATH")]
    pub book: Option<PathBuf>,

    /// The deal book to open (same as --book).
    #[arg(value_name = "BOOK")]
    pub positional: Option<PathBuf>,

    /// The explorer: start at the top, not on the record you were on when you last left this
    /// book.
    #[arg(long)]
    pub fresh: bool,

    /// The explorer: do not watch the book's file (`r` still reloads it by hand).
    #[arg(long)]
    pub no_watch: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check deal books and report every problem as PATH:LINE:COL: error|warning: MESSAGE.
    ///
    /// With no PATH, checks --book or the bundled book. Exit status: 0 when no book has errors
    /// (warnings allowed), 1 when one has errors, 2 when a file cannot be read.
    Check {
        /// Files to check.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the entities, deals or sources of the book as a table (or JSON records).
    List(ListArgs),
    /// Show one record (entity, deal or source) by id, with everything that refers to it.
    Show {
        /// The id of an entity, deal or source, e.g. 'openai'.
        id: String,
        /// Print JSON instead of text.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// text (the default), json, or md: the record's page as Markdown, with its figures,
        /// quotes and sources (what `Y` copies in the explorer).
        #[arg(long, value_enum)]
        format: Option<ShowFormat>,
    },
    /// Money flows added up per (from, to, kind), largest first; or, with --cycles, the loops of
    /// circular financing.
    #[command(after_help = FLOWS_HELP)]
    Flows(FlowsArgs),
    /// Export the whole book as JSON or CSV, or the flow graph as Graphviz DOT.
    Export(ExportArgs),
    /// Write the bundled book to PATH, with its sources' texts in sources/ beside it: a book of
    /// your own to edit and keep (the bundled one is read-only). Never overwrites a file.
    Init {
        /// Where to write the book, e.g. my-deals.yaml.
        path: PathBuf,
    },
    /// The deals on a date axis, each placed with its precision (a year spans its year, a day
    /// is a point), its status as a glyph; undated deals listed after, counted.
    Timeline(TimelineArgs),
    /// Fuzzy-search names, people, deal titles, tags, notes, terms and sources, best hits first.
    ///
    /// Each word of QUERY must match somewhere in a record (any field, any order); a word matches
    /// when its letters appear in that order, not necessarily together ('nvd' finds Nvidia).
    /// Lower-case words ignore case, a word with a capital letter respects it; accents are
    /// ignored. One line per hit: kind, id (a term is DEAL-ID#N, N counted from 0), title, and
    /// the field that matched with the matched letters [in brackets] (in colour on a terminal).
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Read one term or amount as dealbook does: "up to 10% of AMD" → ≤ 10% of AMD.
    ///
    /// Prints the human form, then bound, low and high (in base units: dollars, not billions),
    /// unit, per (the rate's denominator) and of (the entity a stake is of, resolved against the
    /// names and aliases of the open book). English and French: see docs/terms.md.
    #[command(after_help = TERM_HELP)]
    Term {
        /// The term; several words are joined with spaces (quote it for the shell).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        text: Vec<String>,
        /// Print JSON: {text, bound, low, high, unit, per, of, human}.
        #[arg(long)]
        json: bool,
    },
    /// List the review marks of a book (reviewed, flagged, changed since reviewed, orphaned),
    /// or mark and unmark records; only the marks file is written, never the book.
    #[command(after_help = review::REVIEW_HELP)]
    Review(review::ReviewArgs),
}

const TERM_HELP: &str = "\
Examples:
  dealbook term 'up to 10% of AMD'                    ≤ 10% of AMD
  dealbook term '$50–60B per gigawatt'                $50B–$60B per GW
  dealbook term 'au moins 50 milliards de dollars'    ≥ $50B
  dealbook term --json '4,3 milliards de dollars'";

const SEARCH_HELP: &str = "\
Examples:
  dealbook search kushner              finds Thrive Capital through its person Joshua Kushner
  dealbook search 10% amd              words in any order: the AMD deal and its term
  dealbook search gigawatt --json      JSON: [{kind, id, term?, title, score, field, matched, positions}]
  dealbook search -- -5%               a query starting with '-' goes after '--'

No hits is not an error: 'no hits for ...' goes to stderr (JSON prints []), exit status 0.
How matching and ranking work: docs/search.md.";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: one or more words (quoting them together is optional).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Print JSON, best hit first, instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Show at most N hits.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
}

const FLOWS_HELP: &str = "\
Each row adds up every flow of one kind (investment, loan, payment, equity, in_kind) from one
entity to another, over all deals. Amounts are often bounds, so totals are ranges per currency:
  $13B             exact amounts (and \"about\" amounts) added up
  ≤ $100B          \"up to $100B\": anything from zero to $100B
  ≥ $50B           \"at least $50B\": no upper bound
  $8B–$108B        a sum of several, e.g. $8B + up to $100B
  + 2 undisclosed  flows whose amount is not known
Stakes and counts (\"up to 10% of AMD\", shown ≤ 10% of AMD) are listed after a semicolon,
never added to money.

Money is kept apart by how certain it is, from its deal's status: committed (closed, signed,
announced) and in talks (negotiating, rumored): \"$14B committed · ≥ $50B in talks\". Cancelled
deals count nowhere. --status committed, talks, all, or a list of statuses picks the deals.
A flow from several investors (a syndicate round) is one row, \"SoftBank +4 → OpenAI\", its
amount counted once; each member's share is undisclosed.

--cycles lists loops like Nvidia → OpenAI → Nvidia: flows that come back to where they started
and include at least one investment, loan or equity flow. Subsidiaries always count as their
top-level parent there, so a loop through AWS is a loop through Amazon. Trade both ways alone is
not circular financing.

Examples:
  dealbook flows                     every flow, largest first
  dealbook flows --roll-up           subsidiaries counted in their top-level parent
  dealbook flows --status committed  only money of closed, signed or announced deals
  dealbook flows --cycles            loops of circular financing, with their deals
  dealbook flows --json | jq '.[0]'  the largest flow as JSON
More: docs/flows.md.";

fn parse_status_set(text: &str) -> Result<StatusSet, String> {
    StatusSet::parse(text)
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only the deals of this entity (an id, name or alias), and its metrics with --metrics.
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,
    /// Add the dated metrics (valuations, revenue…) as rows of their own (◆).
    #[arg(long)]
    pub metrics: bool,
    /// Columns of the date axis.
    #[arg(long, value_name = "N", default_value_t = 48)]
    pub width: usize,
}

#[derive(Debug, Args)]
pub struct FlowsArgs {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Count subsidiaries as their top-level parent; flows inside a group are then left out.
    #[arg(long)]
    pub roll_up: bool,
    /// Only the flows this query matches, in the search grammar (docs/search.md): field
    /// filters (from:nvidia, kind:investment, status:signed, amount:>10B, …) and words.
    #[arg(
        long = "where",
        value_name = "EXPR",
        allow_hyphen_values = true,
        conflicts_with = "cycles"
    )]
    pub filter: Option<String>,
    /// Which deals' money: committed (closed, signed, announced), talks (negotiating,
    /// rumored), all (cancelled too, shown apart), or statuses separated by commas. Default:
    /// committed and talks, each labelled.
    #[arg(long, value_name = "WHICH", value_parser = parse_status_set, default_value = "committed,talks")]
    pub status: StatusSet,
    /// List loops of circular financing instead of flows (always rolled up).
    #[arg(long)]
    pub cycles: bool,
    /// With --cycles: the most entities in a loop.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "cycles", value_parser = clap::builder::TypedValueParser::map(clap::value_parser!(u16).range(2..=64), usize::from))]
    pub max_length: usize,
    /// With --cycles: the most loops listed.
    #[arg(long, value_name = "N", default_value_t = 1000, requires = "cycles", value_parser = clap::builder::TypedValueParser::map(clap::value_parser!(u32).range(1..), |n| n as usize))]
    pub max_cycles: usize,
}

#[derive(Debug, Args)]
#[command(after_help = LIST_HELP)]
pub struct ListArgs {
    /// What to list.
    pub what: ListWhat,
    /// Print JSON records instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Only the records this query matches, in the search grammar: field filters
    /// (status:signed, tag:chips, party:nvidia, date:2025, amount:>10B, is:undated, …) and
    /// words (docs/search.md).
    #[arg(long = "where", value_name = "EXPR", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// Sort by KEY, or KEY:desc for the reverse: deals by date, amount, status, title, book;
    /// entities by name, in, out, deals; sources by date, title. Undated and undisclosed last.
    #[arg(long, value_name = "KEY[:desc]")]
    pub sort: Option<String>,
}

const LIST_HELP: &str = "\
Examples:
  dealbook list deals --sort date:desc                   newest first, undated last
  dealbook list deals --where 'status:signed,closed'     signed or closed deals
  dealbook list deals --where 'amount:>10B party:nvidia' Nvidia's deals over $10B
  dealbook list entities --sort in:desc                  most money received first
  dealbook list deals --where 'date:2025-03..2025-09' --json";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Entities,
    Deals,
    Sources,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// For CSV: export only this table, to standard output (or to --out as a file).
    #[arg(long, value_enum)]
    pub table: Option<export::Table>,
    /// Only the deals (and entities) this query matches, in the search grammar
    /// (docs/search.md), with what they refer to: `--where 'party:nvidia status:signed'`.
    #[arg(long = "where", value_name = "EXPR", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// For SVG: the entity whose money map is drawn (an id, name or alias).
    #[arg(long, value_name = "ID")]
    pub entity: Option<String>,
    /// For SVG: which deals' money (as `flows --status`).
    #[arg(long, value_name = "WHICH", value_parser = parse_status_set, default_value = "committed,talks")]
    pub status: StatusSet,
    /// Write here instead of standard output: a file for JSON or one table, a folder (created if
    /// missing) for every CSV table.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    /// The flow graph for Graphviz: `dealbook export --format dot | dot -Tsvg > flows.svg`.
    Dot,
    /// One entity's money map as an SVG picture (with --entity): `--format svg --entity openai`.
    Svg,
}

/// Why a command failed, and so its exit status.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The book was read but has errors; the diagnostics are already rendered.
    #[error("{name}: {count} error{s}", s = if *.count == 1 { "" } else { "s" })]
    Invalid { name: String, count: usize },
    #[error("{0}")]
    Usage(String),
    /// The explorer was asked for without a terminal to run on.
    #[error(
        "the explorer needs a terminal (standard input and output are not one); for scripts and pipes use the headless commands: dealbook list deals, dealbook show ID, dealbook search QUERY, dealbook export --format json (dealbook --help lists them all)"
    )]
    NoTerminal,
    /// The terminal failed while the explorer ran on it.
    #[error("terminal error: {0}")]
    Terminal(#[source] io::Error),
    /// Something went wrong inside dealbook (a bug); the message says what.
    #[error("{0}")]
    Internal(String),
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Invalid { .. } => 1,
            _ => 2,
        }
    }
}

/// Writes `v` as pretty JSON and a final newline.
pub(crate) fn write_json(out: &mut dyn Write, v: &serde_json::Value) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, v).map_err(|e| out_err(e.into()))?;
    writeln!(out).map_err(out_err)
}

/// An error writing the output. (`main` ends quietly when it is a closed pipe, as with
/// `dealbook list deals | head`.)
pub(crate) fn out_err(e: io::Error) -> CliError {
    CliError::Output(e)
}

/// A loaded book and the name to use for it in messages.
pub struct Opened {
    pub name: String,
    pub loaded: Loaded,
}

/// Reads the book named by `--book` (or the bundled one).
pub fn open(path: Option<&PathBuf>) -> Result<Opened, CliError> {
    Ok(match path {
        Some(p) => Opened {
            name: p.display().to_string(),
            loaded: book::load_file(p)?,
        },
        None => Opened {
            name: book::BUNDLED_NAME.to_string(),
            loaded: book::load_bundled(),
        },
    })
}

/// Reads a book that a command needs whole: its errors go to stderr and end the command.
/// Warnings are left to `check`.
pub fn open_valid(path: Option<&PathBuf>) -> Result<Book, CliError> {
    let Opened { name, loaded } = open(path)?;
    match loaded.book {
        Some(book) => Ok(book),
        None => Err(report_invalid(name, &loaded.diagnostics)),
    }
}

/// Prints the errors of a book that did not load to stderr, with a pointer to `check`, and
/// returns the error that ends the command with status 1.
fn report_invalid(name: String, diagnostics: &[Diagnostic]) -> CliError {
    let mut err = io::stderr().lock();
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    for d in &errors {
        let _ = writeln!(err, "{}", d.render(&name));
    }
    let _ = writeln!(
        err,
        "{name}: the book has errors; run 'dealbook check {name}' for all problems"
    );
    CliError::Invalid {
        name,
        count: errors.len(),
    }
}

/// The records a `--where` query keeps (of `list`, `flows` and `export`): the search grammar,
/// its review filters (`is:reviewed`, `is:flagged`…) answered by the marks of the book at
/// `book_path` (docs/review.md), as `dealbook search` and the explorer answer them.
pub(crate) fn select_where(
    book: &crate::book::Book,
    book_path: Option<&std::path::Path>,
    expr: &str,
) -> Result<std::collections::HashSet<crate::book::Record>, CliError> {
    let (words, marked) = crate::review::filter::split(expr);
    let mut kept = crate::search::Index::new(book)
        .select(&words)
        .map_err(|e| CliError::Usage(e.render(expr)))?;
    if !marked.is_empty() {
        let marks = crate::review::Marks::open(book_path);
        kept.retain(|r| marked.keeps(&marks, book, &[], *r));
    }
    Ok(kept.into_iter().collect())
}

/// Runs a headless command, writing to `out`.
pub fn run(
    book_path: Option<&PathBuf>,
    command: Command,
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    match command {
        Command::Check { paths } => check::run(book_path, &paths, out),
        Command::List(args) => {
            let book = open_valid(book_path)?;
            list::list(
                &book,
                book_path.map(PathBuf::as_path),
                args.what,
                (args.filter.as_deref(), args.sort.as_deref()),
                args.json,
                out,
            )
        }
        Command::Show { id, json, format } => {
            let book = open_valid(book_path)?;
            match format {
                Some(ShowFormat::Md) => list::show_markdown(&book, &id, out),
                Some(ShowFormat::Json) => list::show(&book, &id, true, out),
                Some(ShowFormat::Text) | None => list::show(&book, &id, json, out),
            }
        }
        Command::Flows(args) => {
            let book = open_valid(book_path)?;
            flows::run(&book, book_path.map(PathBuf::as_path), &args, out)
        }
        Command::Timeline(args) => {
            let book = open_valid(book_path)?;
            timeline::run(&book, &args, out)
        }
        Command::Init { path } => init::run(&path, out),
        Command::Export(args) => {
            let book = open_valid(book_path)?;
            export::run(&book, book_path.map(PathBuf::as_path), &args, out)
        }
        Command::Term { mut text, mut json } => {
            // Flags typed after the term, as people type them, are flags, not words of it.
            if text.iter().any(|t| t == "--json") {
                text.retain(|t| t != "--json");
                json = true;
            }
            if text.is_empty() {
                return Err(CliError::Usage(
                    "dealbook term needs the term's text".into(),
                ));
            }
            let book = open_valid(book_path)?;
            term::run(&book, &text.join(" "), json, out)
        }
        Command::Search(args) => {
            let book = open_valid(book_path)?;
            let query = args.query.join(" ");
            let marks = search::Marks::for_stdout();
            let review = crate::review::Marks::open(book_path.map(PathBuf::as_path));
            search::run(&book, &query, args.limit, args.json, marks, &review, out)
        }
        Command::Review(args) => {
            let path = match (book_path, &args.book) {
                (Some(a), Some(b)) if a != b => {
                    return Err(CliError::Usage(format!(
                        "two books given ({} and {}); give one, with --book or as BOOK",
                        a.display(),
                        b.display()
                    )));
                }
                (a, b) => a.or(b.as_ref()),
            };
            let book = open_valid(path)?;
            review::run(&book, path.map(PathBuf::as_path), &args, out)
        }
    }
}

/// The commands' names, for "did you mean" on a mistyped one.
const COMMANDS: &[&str] = &[
    "check", "list", "show", "flows", "timeline", "export", "init", "search", "term", "review",
];

/// Opens the explorer on a book, when standard input and output are a terminal. The book loads
/// inside the explorer (a loading screen first); if it cannot be read or has errors, the
/// terminal is restored and they are reported as any command reports them.
pub fn explore(path: Option<&PathBuf>, options: crate::tui::Options) -> Result<ExitCode, CliError> {
    use crate::tui::{Ending, NotLoaded, loader::Source};
    use std::io::IsTerminal;
    // `dealbook lsit`: a word near a command's name that is no file is a typo, not a book.
    if let Some(p) = path
        && !p.exists()
        && p.components().count() == 1
        && p.extension().is_none()
    {
        let word = p.to_string_lossy();
        let hint = crate::book::diag::suggestion(&word, COMMANDS.iter().copied());
        if !hint.is_empty() {
            return Err(CliError::Usage(format!(
                "'{word}' is neither a file nor a command{hint}; 'dealbook --help' lists the commands"
            )));
        }
    }
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(CliError::NoTerminal);
    }
    let source = match path {
        Some(p) => Source::File(p.clone()),
        None => Source::Bundled,
    };
    let name = source.name();
    match crate::tui::run(source, options).map_err(CliError::Terminal)? {
        Ending::NotLoaded(NotLoaded::Unreadable(e)) => Err(e.into()),
        Ending::NotLoaded(NotLoaded::Invalid(diagnostics)) => {
            Err(report_invalid(name, &diagnostics))
        }
        Ending::NotLoaded(NotLoaded::Failed(message)) => Err(CliError::Internal(message)),
        ending => Ok(ExitCode::from(ending.exit_status())),
    }
}
