//! dealbook: load, check and explore deal books — who financed whom, on what terms.
//!
//! - [`book`]: the file format, loading with diagnostics, the typed model, terms and flows.
//! - [`search`]: one fuzzy index over entities, deals, terms and sources; ranked hits.
//! - [`cli`]: the headless commands (check, list, show, search, term, flows, export).
//! - [`fsutil`]: writing files whole (temporary file and rename), never over the book read.
//! - [`review`]: review marks on records (reviewed, flagged, notes) in a file beside the book.
//! - [`state`]: the explorer's last place per book and its search history.
//! - [`dirs`]: dealbook's data and state folders.
//! - [`tui`]: the terminal explorer.
//! - [`text`]: text measured in terminal columns (cut, pad, wrap, bars), for both front ends.

pub mod book;
pub mod cli;
pub mod dirs;
pub mod fsutil;
pub mod review;
pub mod search;
pub mod state;
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod tui;
