//! Provenance: each quote of the book (the words of a source that carry a figure) checked
//! against the source's own text, when the source names a local `file`.
//!
//! The comparison ignores case, whitespace, typographic quotes and apostrophes, so
//! `« 13,5 milliards »` matches `13,5 milliards` and `jusqu’à` matches `jusqu'à`. An ellipsis
//! (`…` or `...`) in a quote stands for words left out: the parts around it must appear in the
//! file in that order.

use super::checker::Checker;
use super::diag::{Code, clip};
use super::load::read_file;
use super::model::{Source, SourceIx};
use super::raw::Text;
use std::path::Path;

/// A quote and the sources it may come from (its own, or its deal's).
#[derive(Debug, Clone)]
pub struct Cited {
    pub quote: Text,
    pub sources: Vec<SourceIx>,
}

/// What the check needs from the book as written: every quote, and where each source's
/// `file` is (`None` for a source without one).
#[derive(Debug, Default)]
pub struct Quotes {
    pub cited: Vec<Cited>,
    pub files: Vec<Option<Text>>,
}

/// Text folded for comparison: lower case, no whitespace, no quotation marks, one apostrophe.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if c.is_whitespace() => {}
            '"' | '«' | '»' | '“' | '”' | '„' | '‹' | '›' => {}
            '’' | '‘' | 'ʼ' | '´' | '`' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether `quote` is in `folded` (a text already [`fold`]ed), the parts between ellipses in
/// order.
pub fn appears_in(quote: &str, folded: &str) -> bool {
    let quote = quote.replace("...", "…");
    let mut rest = folded;
    let mut any = false;
    for part in quote.split('…').map(fold).filter(|p| !p.is_empty()) {
        any = true;
        match rest.find(&part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    any
}

/// Reads each source's `file` (relative to `base`, the book's folder) and reports each quote
/// that appears in none of its sources' files, at the quote. A file that cannot be read is a
/// warning at its `file` value: the quotes citing it are not checked. A quote whose sources
/// have no file is not checked.
pub fn check(ck: &mut Checker, base: &Path, sources: &[Source], quotes: &Quotes) {
    let texts: Vec<Option<String>> = (quotes.files.iter())
        .map(|file| {
            let file = file.as_ref()?;
            match read_file(&base.join(&file.text)) {
                Ok(bytes) => Some(fold(&String::from_utf8_lossy(&bytes))),
                Err(e) => {
                    let why = e.to_string();
                    let why = why.rsplit(": ").next().unwrap_or(&why).to_string();
                    ck.warning(
                        Code::Value,
                        file.at,
                        format!(
                            "source file '{}' cannot be read ({why}); the quotes citing it are not checked",
                            clip(&file.text, 80)
                        ),
                    );
                    None
                }
            }
        })
        .collect();
    for c in &quotes.cited {
        let files: Vec<(SourceIx, &str)> = (c.sources.iter())
            .filter_map(|&s| Some((s, texts.get(s)?.as_deref()?)))
            .collect();
        if files.is_empty() || files.iter().any(|(_, t)| appears_in(&c.quote.text, t)) {
            continue;
        }
        let named: Vec<String> = (files.iter())
            .map(|(s, _)| {
                let file = quotes.files[*s].as_ref().map_or("", |f| f.as_str());
                format!(
                    "'{}' (source '{}')",
                    clip(file, 60),
                    clip(&sources[*s].id, 40)
                )
            })
            .collect();
        ck.error(
            Code::Value,
            c.quote.at,
            format!(
                "quote '{}' is not in {}; quote the source's own words (case, spaces and quotation marks are ignored; '…' skips words)",
                clip(&c.quote.text, 80),
                named.join(" or ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_space_and_typographic_marks() {
        let text = fold("Il a investi « jusqu’à 100\u{a0}milliards de dollars » dans OpenAI.");
        assert!(appears_in("jusqu'à 100 milliards", &text));
        assert!(appears_in("« Jusqu’à 100 MILLIARDS »", &text));
        assert!(appears_in("a investi … dans OpenAI", &text));
        assert!(appears_in("a investi ... dans openai", &text));
        assert!(
            !appears_in("dans OpenAI … a investi", &text),
            "order counts"
        );
        assert!(!appears_in("jusqu'à 200 milliards", &text));
        assert!(!appears_in(" … ", &text), "an empty quote matches nothing");
    }
}
