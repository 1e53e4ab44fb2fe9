//! dealbook: load, check and explore deal books — who financed whom, on what terms.
//!
//! - [`book`]: the file format, loading with diagnostics, the typed model, terms and flows.
//! - [`search`]: one fuzzy index over entities, deals, terms and sources; ranked hits.
//! - [`cli`]: the headless commands (check, list, show, search, export).

pub mod book;
pub mod cli;
pub mod search;
