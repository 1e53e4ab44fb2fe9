//! `dealbook check`: every problem in a book, one line each, like a compiler.

use super::{CliError, Opened, open, out_err};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(
    book: Option<&PathBuf>,
    paths: &[PathBuf],
    out: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let targets: Vec<Option<&PathBuf>> = if paths.is_empty() {
        vec![book]
    } else {
        paths.iter().map(Some).collect()
    };
    let mut worst = 0u8;
    for target in targets {
        let Opened { name, loaded } = match open(target) {
            Ok(o) => o,
            Err(e) => {
                // One unreadable file does not stop the others from being checked.
                eprintln!("dealbook: {e}");
                worst = worst.max(e.exit_code());
                continue;
            }
        };
        for d in &loaded.diagnostics {
            writeln!(out, "{}", d.render(&name)).map_err(out_err)?;
        }
        let (errors, warnings) = (loaded.errors(), loaded.warnings());
        let summary = match &loaded.book {
            Some(b) => format!(
                "{name}: ok — {} entities, {} deals, {} sources{}",
                b.entities.len(),
                b.deals.len(),
                b.sources.len(),
                plural_suffix(", ", warnings, "warning")
            ),
            None => format!(
                "{name}: {}{}",
                plural_suffix("", errors, "error"),
                plural_suffix(", ", warnings, "warning")
            ),
        };
        eprintln!("{summary}");
        if errors > 0 {
            worst = worst.max(1);
        }
    }
    Ok(ExitCode::from(worst))
}

fn plural_suffix(sep: &str, n: usize, word: &str) -> String {
    match n {
        0 if sep.is_empty() => format!("no {word}s"),
        0 => String::new(),
        1 => format!("{sep}1 {word}"),
        n => format!("{sep}{n} {word}s"),
    }
}
