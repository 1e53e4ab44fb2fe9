//! dealbook: load, check and explore deal books — who financed whom, on what terms.
//!
//! - [`book`]: the file format, loading with diagnostics, the typed model, terms and flows.
//! - [`search`]: one fuzzy index over entities, deals, terms and sources; ranked hits.
//! - [`cli`]: the headless commands (check, list, show, search, term, flows, export).
//! - [`fsutil`]: writing files whole (temporary file and rename), never over the book read.
//! - [`tui`]: the terminal explorer.
//! - [`text`]: text measured in terminal columns (cut, pad, wrap, bars), for both front ends.

pub mod book;
pub mod cli;
pub mod fsutil;
pub mod search;
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod tui;
