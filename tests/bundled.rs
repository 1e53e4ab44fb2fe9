//! The bundled book is true to its sources: every figure carries the French words it comes
//! from (« … » in its note), those words say the same quantity, and — where the source articles
//! are at hand (sources/ in the repository, ../shared/seeds, or DEALBOOK_SEEDS) — the words are in
//! the cited article; on CI (`CI` set) their absence is a failure.

use dealbook::book::terms::{self, Term};
use dealbook::book::{Book, load_bundled};
use std::path::PathBuf;

fn book() -> Book {
    let loaded = load_bundled();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.book.expect("the bundled book loads")
}

/// The text between « and » in a note.
fn quotes(note: &str) -> Vec<String> {
    note.split('«')
        .skip(1)
        .filter_map(|s| s.split_once('»').map(|(q, _)| q.trim().to_string()))
        .collect()
}

fn same_numbers(a: &Term, b: &Term) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    a.bound == b.bound && close(a.low, b.low) && close(a.high, b.high)
}

/// A figure, where it is in the book, and the note that must carry its source words.
struct Figure {
    place: String,
    term: Term,
    note: Option<String>,
    sources: Vec<String>,
}

fn figures(book: &Book) -> Vec<Figure> {
    let mut out = Vec::new();
    for e in &book.entities {
        for m in &e.metrics {
            out.push(Figure {
                place: format!("{} metric {} {}", e.id, m.name, m.date),
                term: m.amount.clone(),
                note: m.note.clone(),
                sources: m
                    .source
                    .iter()
                    .map(|&s| book.sources[s].reference.clone().unwrap_or_default())
                    .collect(),
            });
        }
    }
    for d in &book.deals {
        for t in &d.terms {
            out.push(Figure {
                place: format!("{} term '{}'", d.id, t.term.text),
                term: t.term.clone(),
                note: t.note.clone(),
                sources: d
                    .sources
                    .iter()
                    .map(|&s| book.sources[s].reference.clone().unwrap_or_default())
                    .collect(),
            });
        }
    }
    out.into_iter()
        .filter(|f| f.term.low.is_some() || f.term.high.is_some())
        .collect()
}

#[test]
fn every_figure_quotes_source_words_that_say_the_same_quantity() {
    let book = book();
    let figures = figures(&book);
    assert!(figures.len() >= 20, "only {} figures", figures.len());
    for f in &figures {
        // "$0 paid" is the article's "sans débourser aucun centime": no number to compare.
        if f.term.low == Some(0.0) && f.term.high == Some(0.0) {
            assert!(
                f.note
                    .as_deref()
                    .is_some_and(|n| n.contains("aucun centime")),
                "{}",
                f.place
            );
            continue;
        }
        let note = f
            .note
            .as_deref()
            .unwrap_or_else(|| panic!("{}: no note quoting the source", f.place));
        let quoted = quotes(note);
        assert!(
            !quoted.is_empty(),
            "{}: the note quotes no source words: {note}",
            f.place
        );
        let matches = quoted.iter().any(|q| {
            let parsed = terms::parse(q, &|_| None);
            same_numbers(&parsed, &f.term)
                // The French words may state the bare amount where the term adds a bound the
                // sentence gives elsewhere: the number itself must still agree.
                || (parsed.low == f.term.low.or(f.term.high) && parsed.low.is_some())
        });
        assert!(
            matches,
            "{}: '{}' is not what the quoted words say: {quoted:?}",
            f.place,
            f.term.human()
        );
    }
}

#[test]
fn flow_amounts_repeat_a_term_of_their_deal() {
    let book = book();
    for d in &book.deals {
        for f in d.flows.iter().filter_map(|f| f.amount.as_ref()) {
            assert!(
                d.terms.iter().any(|t| same_numbers(&t.term, f)),
                "{}: flow amount '{}' is in none of the deal's terms",
                d.id,
                f.text
            );
        }
    }
}

/// The source articles: `DEALBOOK_SEEDS`, else the copy kept in the repository (`sources/`),
/// else ../shared/seeds.
fn seeds() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = match std::env::var_os("DEALBOOK_SEEDS") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => vec![root.join("sources"), root.join("../shared/seeds")],
    };
    candidates.into_iter().find(|d| d.is_dir())
}

/// Folds the typographic variants the notes and the articles may differ by.
fn fold(s: &str) -> String {
    s.replace(['’', '\''], "'")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn quoted_words_are_in_the_cited_article() {
    let Some(dir) = seeds() else {
        // On CI the articles must be there (they are in the repository): never pass unchecked.
        assert!(
            std::env::var_os("CI").is_none(),
            "source articles not found (sources/, ../shared/seeds or DEALBOOK_SEEDS) on CI"
        );
        eprintln!(
            "source articles not found (sources/, ../shared/seeds or DEALBOOK_SEEDS): only the book's own consistency was checked"
        );
        return;
    };
    let book = book();
    for src in &book.sources {
        let file = src
            .reference
            .as_deref()
            .expect("every bundled source names its article file");
        assert!(dir.join(file).is_file(), "{}: no article {file}", src.id);
    }
    for f in figures(&book) {
        let Some(note) = &f.note else { continue };
        for q in quotes(note) {
            // "…" in a quote marks words left out: each piece must be in the article.
            let pieces: Vec<String> = q
                .split("...")
                .chain(std::iter::empty())
                .flat_map(|p| p.split('…').map(str::to_string).collect::<Vec<_>>())
                .map(|p| fold(p.trim_matches(|c: char| c == '.' || c.is_whitespace())))
                .filter(|p| !p.is_empty())
                .collect();
            let found = f.sources.iter().any(|file| {
                let text = fold(&std::fs::read_to_string(dir.join(file)).unwrap_or_default());
                pieces.iter().all(|p| text.contains(p.as_str()))
            });
            assert!(found, "{}: «{q}» is not in {:?}", f.place, f.sources);
        }
    }
}
