//! The `dealbook` binary: parses arguments, runs a headless command or the explorer, and turns
//! the outcome into an exit status (0 ok, 1 the book has errors, 2 usage or file problems).

use clap::Parser;
use dealbook::cli::{Cli, CliError};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let book = match (&cli.book, &cli.positional) {
        (Some(a), Some(b)) if a != b => {
            eprintln!(
                "dealbook: two books given ({} and {}); give one, with --book or as BOOK",
                a.display(),
                b.display()
            );
            return ExitCode::from(2);
        }
        (a, b) => a.as_ref().or(b.as_ref()),
    };
    let result = match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let r = dealbook::cli::run(book, command, &mut out);
            match out.flush() {
                Err(e) if r.is_ok() => Err(CliError::Output(e)),
                _ => r,
            }
        }
        None => dealbook::cli::explore(
            book,
            dealbook::tui::Options {
                fresh: cli.fresh,
                watch: !cli.no_watch,
            },
        ),
    };
    match result {
        Ok(code) => code,
        // `dealbook list deals | head`: the reader left; that is not an error.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Invalid { .. }) => ExitCode::from(1),
        Err(e) => {
            eprintln!("dealbook: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
