//! The deal book: the model, loading it from YAML with diagnostics, terms and money flows.
//!
//! Data flows one way: bytes → `load` (file checks, decoding, guards) → `yaml` (saphyr-parser's
//! events, nodes with positions) → `raw` (records as written) → `validate` (the typed
//! `model::Book`, indexed by `index`), with `checker` collecting diagnostics on the way;
//! `terms` and `flows` enrich the book.

pub mod checker;
pub mod cite;
pub mod date;
pub mod diag;
pub mod flows;
pub mod index;
pub mod load;
pub mod model;
pub mod progress;
pub mod provenance;
pub mod raw;
pub mod record;
pub mod sort;
pub mod subset;
pub mod terms;
pub mod timeline;
pub mod validate;
pub mod yaml;

pub use date::{Date, Precision};
pub use diag::{Code, Diagnostic, Severity};
pub use load::{
    BUNDLED, BUNDLED_NAME, Loaded, ReadError, load_bundled, load_bytes, load_file, load_file_with,
    load_str,
};
pub use model::*;
pub use progress::{Progress, Reading};
