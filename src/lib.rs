//! dealbook: load, check and explore deal books — who financed whom, on what terms.
//!
//! - [`book`]: the file format, loading with diagnostics, the typed model, terms and flows.
//! - [`cli`]: the headless commands (check, list, show, flows, export).

pub mod book;
pub mod cli;
#[doc(hidden)]
pub mod synth;
