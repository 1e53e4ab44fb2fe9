//! Reads the free-text terms and amounts of a deal book ("up to 10% of AMD", "$50–60B per
//! gigawatt", "au moins 50 milliards de dollars") into structured quantities.
//!
//! The grammar, written for the people who keep deal books, is `docs/terms.md`. The reader works
//! in two steps: a small tokenizer (numbers with their separators, folded words, symbols), then a
//! parser that looks for the first amount phrase among the tokens together with its bound, range,
//! rate and stake. It never panics and never returns a non-finite number, nor one above 10^30.
//!
//! One file per part: `term` (the model and its human form), `vocab` (the word tables),
//! `tokenizer`, and `grammar` (the parser: amounts, ranges and what makes a term unparsed), whose
//! `phrases` reads the words around a number (currencies, scales, nouns, bounds, rates, stakes).

mod grammar;
mod term;
mod tokenizer;
mod vocab;

pub use grammar::parse;
pub use term::{Bound, StakeOf, Term, format_amount, format_range};
