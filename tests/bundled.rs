//! The bundled book is true to its sources: every figure carries a `quote`, the French words of
//! its article that state it; those words say the same quantity; and each quote is in the
//! article's text, which the repository keeps in sources/ (each source's `file`). The loader
//! checks the quotes against those files when the book is read from disk: here it must find
//! every file and report nothing. Where ../shared/seeds (or DEALBOOK_SEEDS) is at hand, the
//! repository's copies must be the articles themselves. Then the corrections of the money
//! issue: dates only where an article gives one, the $40B round as one syndicate flow, hedged
//! reports and inferred flows marked, no invented headline.

use dealbook::book::flows::{self, Limits};
use dealbook::book::provenance::{appears_in, fold};
use dealbook::book::terms::{self, Term};
use dealbook::book::{Book, Status, load_bundled, load_file};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn book() -> Book {
    let loaded = load_bundled();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.book.expect("the bundled book loads")
}

fn same_numbers(a: &Term, b: &Term) -> bool {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
        (None, None) => true,
        _ => false,
    };
    a.bound == b.bound && close(a.low, b.low) && close(a.high, b.high)
}

/// A figure of the book, where it is, its quote, and the files of the sources it may cite.
struct Figure {
    place: String,
    term: Option<Term>,
    quote: Option<String>,
    files: Vec<String>,
}

fn files(book: &Book, sources: impl IntoIterator<Item = usize>) -> Vec<String> {
    (sources.into_iter())
        .map(|s| {
            book.sources[s]
                .file
                .clone()
                .expect("every source has a file")
        })
        .collect()
}

/// Every term, metric and flow of the book.
fn figures(book: &Book) -> Vec<Figure> {
    let mut out = Vec::new();
    for e in &book.entities {
        for m in &e.metrics {
            out.push(Figure {
                place: format!("{} metric {}", e.id, m.name),
                term: Some(m.amount.clone()),
                quote: m.quote.clone(),
                files: files(book, m.source),
            });
        }
    }
    for d in &book.deals {
        for t in &d.terms {
            out.push(Figure {
                place: format!("{} term '{}'", d.id, t.term.text),
                term: Some(t.term.clone()),
                quote: t.quote.clone(),
                files: files(book, t.source.map_or(d.sources.clone(), |s| vec![s])),
            });
        }
        for (i, f) in d.flows.iter().enumerate() {
            out.push(Figure {
                place: format!("{} flow {i}", d.id),
                term: f.amount.clone(),
                quote: f.quote.clone(),
                files: files(book, f.source.map_or(d.sources.clone(), |s| vec![s])),
            });
        }
    }
    out
}

#[test]
fn every_figure_has_a_quote_that_says_the_same_quantity() {
    let book = book();
    let figures = figures(&book);
    assert!(figures.len() >= 40, "only {} figures", figures.len());
    let mut numbers = 0;
    for f in &figures {
        let quote = (f.quote.as_deref()).unwrap_or_else(|| panic!("{}: no quote", f.place));
        let Some(term) = f
            .term
            .as_ref()
            .filter(|t| t.low.is_some() || t.high.is_some())
        else {
            continue;
        };
        numbers += 1;
        // "$0 paid" is the article's "sans débourser aucun centime": no number to compare.
        if term.low == Some(0.0) && term.high == Some(0.0) {
            assert!(quote.contains("aucun centime"), "{}", f.place);
            continue;
        }
        // The quote states the number; the bound ("up to", "at least") may come from the
        // book's reading of the sentence, so the number alone is compared when the whole
        // does not match.
        let said = terms::parse(quote, &|_| None);
        let number = term.low.or(term.high);
        let numbers_in_quote = [said.low, said.high];
        assert!(
            same_numbers(&said, term) || numbers_in_quote.contains(&number),
            "{}: '{}' is not what the quote says: «{quote}» reads {}",
            f.place,
            term.human(),
            said.human()
        );
    }
    assert!(numbers >= 20, "only {numbers} figures with a number");
}

#[test]
fn read_from_disk_every_quote_is_found_in_its_article() {
    let path = root().join("deals.yaml");
    let loaded = load_file(&path).expect("deals.yaml is readable");
    // The loader reads each source's file and reports a quote it does not find, or a file it
    // cannot read: nothing may be reported.
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let book = loaded.book.expect("the book loads from disk");
    for s in &book.sources {
        let file = s.file.as_deref().expect("every source names its file");
        assert!(root().join(file).is_file(), "{}: no file {file}", s.id);
    }
    // The same check, outside the loader, so that a loader that checked nothing fails here.
    for f in figures(&book) {
        let Some(quote) = &f.quote else { continue };
        let found = f.files.iter().any(|file| {
            let text = std::fs::read_to_string(root().join(file)).unwrap_or_default();
            appears_in(quote, &fold(&text))
        });
        assert!(found, "{}: «{quote}» is not in {:?}", f.place, f.files);
    }
}

/// The articles as given to the project: `DEALBOOK_SEEDS`, else ../shared/seeds.
fn seeds() -> Option<PathBuf> {
    match std::env::var_os("DEALBOOK_SEEDS") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => Some(root().join("../shared/seeds")).filter(|d| d.is_dir()),
    }
}

#[test]
fn the_repositorys_articles_are_the_seeds() {
    let ours = root().join("sources");
    // The copies are part of the repository: on CI or anywhere, they must be there.
    assert!(ours.is_dir(), "sources/ is missing from the repository");
    let Some(seeds) = seeds() else {
        eprintln!("../shared/seeds not found: the copies in sources/ were not compared");
        return;
    };
    for s in &book().sources {
        let name = Path::new(s.file.as_deref().expect("file"))
            .file_name()
            .expect("name");
        let mine = std::fs::read(ours.join(name)).expect("our copy");
        let theirs = std::fs::read(seeds.join(name)).expect("the seed");
        assert_eq!(mine, theirs, "{}: sources/ differs from the seed", s.id);
    }
}

#[test]
fn titles_are_the_articles_headlines_or_say_there_is_none() {
    let book = book();
    for s in &book.sources {
        let text = std::fs::read_to_string(root().join(s.file.as_deref().expect("file")))
            .expect("the article");
        if s.title.starts_with("[no headline]") {
            continue;
        }
        assert!(
            text.lines().any(|l| l.trim() == s.title),
            "{}: '{}' is not a line of its article; bracket a description instead",
            s.id,
            s.title
        );
    }
    let bracketed = book
        .sources
        .iter()
        .filter(|s| s.title.starts_with('['))
        .count();
    assert_eq!(bracketed, 3, "articles 000, 003 and 004 show no headline");
}

#[test]
fn only_dates_the_articles_give() {
    let book = book();
    let undated_sources = [
        "src-100b-raise",
        "src-microsoft-renegotiation",
        "src-softbank-round",
    ];
    for d in &book.deals {
        let cites = |id: &str| d.sources.iter().any(|&s| book.sources[s].id == id);
        if d.id == "microsoft-openai-2019" {
            assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2019"));
        } else if undated_sources.iter().any(|s| cites(s)) && !cites("src-altman-deals") {
            assert!(d.date.is_none(), "{}: no article dates it", d.id);
        }
    }
    // The Thrive deal: the article is dated, the announcement is not.
    let thrive = &book.deals[book.deal("openai-thrive-holdings").expect("deal")];
    assert!(thrive.date.is_none());
    let openai = &book.entities[book.entity("openai").expect("openai")];
    for m in &openai.metrics {
        if m.name.contains("valuation") {
            assert!(
                m.date.is_none(),
                "no article dates the valuation {}",
                m.amount.text
            );
        }
    }
    // Dated values first, in date order, then the undated ones.
    let dated: Vec<bool> = openai.metrics.iter().map(|m| m.date.is_some()).collect();
    assert!(dated.windows(2).all(|w| w[0] || !w[1]), "{dated:?}");
}

#[test]
fn the_40b_round_is_one_flow_from_its_five_investors() {
    let book = book();
    let round = &book.deals[book.deal("openai-40b-round").expect("round")];
    assert_eq!(round.flows.len(), 1);
    let f = &round.flows[0];
    let ids: Vec<&str> = f
        .from
        .iter()
        .map(|&e| book.entities[e].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "softbank",
            "microsoft",
            "altimeter",
            "thrive-capital",
            "coatue"
        ]
    );
    assert_eq!(
        f.amount.as_ref().map(Term::human).as_deref(),
        Some("≤ $40B")
    );
    // Counted once in OpenAI's money in: $40B once, not five times, and no share divided.
    let openai = book.entity("openai").expect("openai");
    let t = &flows::entity_totals(&book)[openai];
    let high = t.inn.committed.totals.0[0].high.expect("bounded");
    assert_eq!(
        high,
        14e9 + 100e9 + 40e9,
        "Microsoft's $14B, Nvidia's ≤ $100B, the round"
    );
    let softbank = book.entity("softbank").expect("softbank");
    assert!(
        flows::entity_totals(&book)[softbank]
            .out
            .committed
            .totals
            .is_empty()
    );
}

#[test]
fn hedged_reports_and_inferred_flows_are_marked() {
    let book = book();
    let deal = |id: &str| &book.deals[book.deal(id).expect(id)];
    for id in ["openai-100b-raise", "microsoft-openai-renegotiation"] {
        assert!(deal(id).reported, "{id} is a hedged report");
    }
    let raise = deal("openai-100b-raise");
    assert_eq!(
        raise.status,
        Status::Negotiating,
        "Amazon's $50B is in talks"
    );
    let inferred: Vec<String> = (book.deals.iter())
        .flat_map(|d| d.flows.iter().filter(|f| f.inferred).map(|_| d.id.clone()))
        .collect();
    assert_eq!(
        inferred,
        ["nvidia-openai-investment", "aws-anthropic-cloud"]
    );
    // Two loops rest on them, and say so.
    let loops = flows::find_cycles(&book, &Limits::default());
    let on_inferred = loops.cycles.iter().filter(|c| c.inferred(&book)).count();
    assert_eq!(on_inferred, 2);
}

#[test]
fn what_the_audit_found_missing_is_there() {
    let book = book();
    // The per-gigawatt cost is Huang's estimate of the infrastructure, not a term of the
    // Nvidia investment.
    let nvidia = &book.deals[book.deal("nvidia-openai-investment").expect("deal")];
    assert!(nvidia.terms.iter().all(|t| t.term.per.is_none()));
    let openai = &book.entities[book.entity("openai").expect("openai")];
    assert!(
        openai
            .metrics
            .iter()
            .any(|m| m.amount.per.as_deref() == Some("GW"))
    );
    for id in ["stargate", "other-tech-giants"] {
        let e = book.entity(id).unwrap_or_else(|| panic!("{id}"));
        assert!(!book.deals_of[e].is_empty(), "{id} takes part in a deal");
    }
    let reno = &book.deals[book.deal("microsoft-openai-renegotiation").expect("deal")];
    assert!(
        reno.terms
            .iter()
            .any(|t| t.term.text.contains("stake reduction"))
    );
    assert!(
        reno.terms
            .iter()
            .any(|t| t.term.text.contains("beyond 2030"))
    );
}
