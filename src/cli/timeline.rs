//! `dealbook timeline`: the deals (and, with --metrics, the dated metrics) on one date axis, in
//! plain text (book::timeline places them; this prints them).

use super::{CliError, TimelineArgs, list, out_err};
use crate::book::timeline::{self, Timeline};
use crate::book::{Book, Record};
use std::io::Write;
use std::process::ExitCode;

pub fn run(book: &Book, args: &TimelineArgs, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    let filter = match &args.entity {
        None => None,
        Some(id) => match list::find(book, id)? {
            Record::Entity(e) => Some(e),
            other => {
                return Err(CliError::Usage(format!(
                    "'{id}' is a {}, not an entity; --entity takes an entity's id or name",
                    other.kind()
                )));
            }
        },
    };
    let t = Timeline::build(book, filter, args.metrics);
    if t.is_empty() {
        writeln!(out, "Nothing to draw: no deal here.").map_err(out_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = args.width.clamp(20, 400);
    out.write_all(timeline::render(book, &t, width).as_bytes())
        .map_err(out_err)?;
    Ok(ExitCode::SUCCESS)
}
