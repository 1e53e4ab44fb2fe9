//! The fuzzy search over the bundled book and a synthetic big one: what it finds, how it ranks,
//! and that typing (the incremental `Searcher`, the `SearchWorker`) gives exactly what a fresh
//! search gives.

mod support;

use dealbook::book::{Book, Record, load_bundled};
use dealbook::search::bound::{Scratch, relaxed, score_bound, with_case_penalty};
use dealbook::search::{Field, Hit, Index, SearchWorker, Searcher};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use proptest::prelude::*;
use std::sync::{Arc, LazyLock};

static BOOK: LazyLock<Book> = LazyLock::new(|| load_bundled().book.expect("bundled book loads"));
static INDEX: LazyLock<Arc<Index>> = LazyLock::new(|| Arc::new(Index::new(&BOOK)));

fn search(query: &str) -> Vec<Hit> {
    INDEX.search(query, 20)
}

fn deal(id: &str) -> usize {
    BOOK.deal(id).expect("deal in the bundled book")
}

fn entity(id: &str) -> usize {
    BOOK.entity(id).expect("entity in the bundled book")
}

#[test]
fn a_person_finds_their_entity() {
    let hits = search("kushner");
    let first = &hits[0];
    assert_eq!(first.record, Record::Entity(entity("thrive-capital")));
    assert_eq!(first.field, Field::Person);
    assert_eq!(first.matched, "Joshua Kushner");
    assert_eq!(first.positions, (7..14).collect::<Vec<_>>());
}

#[test]
fn words_match_in_any_order_and_in_different_fields() {
    let a = search("amd 10%");
    let b = search("10% amd");
    assert_eq!(a, b);
    let amd = deal("amd-openai-gpu-stake");
    assert!(
        matches!(a[0].record, Record::Deal(d) | Record::Term { deal: d, .. } if d == amd),
        "{:?}",
        a[0]
    );
    assert!(
        a.iter()
            .any(|h| h.record == Record::Term { deal: amd, term: 0 })
    );
    // "thrive" in a name, "kushner" in a person of the same entity.
    assert_eq!(
        search("thrive kushner")[0].record,
        Record::Entity(entity("thrive-capital"))
    );
}

#[test]
fn a_term_hit_names_its_deal_and_index() {
    let hits = search("upfront");
    let round = deal("openai-40b-round");
    assert_eq!(
        hits[0].record,
        Record::Term {
            deal: round,
            term: 2
        }
    );
    assert_eq!(hits[0].field, Field::Text);
    assert_eq!(hits[0].record.id(&BOOK), Some("openai-40b-round"));
    // The deal's title counts as context for its terms.
    assert_eq!(
        search("softbank upfront")[0].record,
        Record::Term {
            deal: round,
            term: 2
        }
    );
}

#[test]
fn nothing_matches_nonsense_or_nothing() {
    for q in [
        "",
        "   ",
        "\t\n",
        "qqqqzzzz",
        "kushner qqqq",
        "\u{1F980}\u{1F980}",
    ] {
        assert!(search(q).is_empty(), "{q:?}");
    }
}

#[test]
fn positions_point_at_the_matched_characters() {
    let hits = search("nvd");
    assert_eq!(hits[0].record, Record::Entity(entity("nvidia")));
    assert_eq!(hits[0].field, Field::Name);
    assert_eq!(hits[0].positions, [0, 1, 3]);
    for hit in search("openai 40b") {
        let chars: Vec<char> = hit.matched.chars().collect();
        assert!(!hit.positions.is_empty(), "{hit:?}");
        assert!(hit.positions.iter().all(|&p| p < chars.len()), "{hit:?}");
        assert!(hit.positions.windows(2).all(|w| w[0] < w[1]), "{hit:?}");
    }
}

#[test]
fn a_name_outranks_a_mention_in_notes() {
    let hits = search("softbank");
    assert_eq!(hits[0].record, Record::Entity(entity("softbank")));
    assert_eq!(hits[0].field, Field::Name);
    let renegotiation = Record::Deal(deal("microsoft-openai-renegotiation"));
    let mention = hits
        .iter()
        .find(|h| h.record == renegotiation)
        .expect("the renegotiation deal mentions SoftBank in its notes");
    assert_eq!(mention.field, Field::Notes);
    assert!(mention.score < hits[0].score);
}

#[test]
fn a_word_whole_in_notes_beats_its_letters_strewn_over_a_title() {
    // "États-Unis" is only in Oracle's notes; the letters e-t-a-t-s are in many titles.
    let hits = search("etats");
    assert_eq!(hits[0].record, Record::Entity(entity("oracle")), "{hits:?}");
    assert_eq!(hits[0].field, Field::Notes);
}

#[test]
fn smart_case_and_accents() {
    assert!(!search("openai").is_empty());
    assert!(
        search("OPENAI").is_empty(),
        "a capital makes the word case-sensitive"
    );
    assert_eq!(search("OpenAI")[0].record, Record::Entity(entity("openai")));
    // Accents are ignored either way round.
    let altman = Record::Source(BOOK.source("src-altman-deals").expect("source"));
    assert_eq!(search("revele")[0].record, altman);
    assert_eq!(search("révèle")[0].record, altman);
    assert!(
        search("Révèle").iter().all(|h| h.record != altman),
        "'R' is case-sensitive; the title has 'r'"
    );
}

#[test]
fn limit_is_respected() {
    assert_eq!(INDEX.search("a", 3).len(), 3);
    assert!(INDEX.search("a", 0).is_empty());
    assert_eq!(
        INDEX.search("a", usize::MAX).len(),
        INDEX.search("a", 10_000).len()
    );
}

#[test]
fn hostile_queries_do_not_panic() {
    let long = "a".repeat(100_000);
    let words = "x ".repeat(10_000);
    for q in [
        &long,
        &words,
        "\u{0}\u{1b}[31m",
        "İ̇ßẞ",
        "\u{FFFF}\u{10FFFF}",
        "％ １０",
    ] {
        let fresh = INDEX.search(q, 20);
        assert!(fresh.len() <= 20, "{q:?}");
        let typed = Searcher::new(Arc::clone(&INDEX)).search(q, 20);
        assert_eq!(typed, fresh, "{q:?}: the incremental searcher disagrees");
    }
}

/// Types `queries` one after another into one searcher, comparing every step with a fresh
/// search.
fn check_typing(index: &Arc<Index>, steps: &[String], limit: usize) -> Result<(), TestCaseError> {
    let mut searcher = Searcher::new(Arc::clone(index));
    for q in steps {
        let typed = searcher.search(q, limit);
        let fresh = index.search(q, limit);
        prop_assert_eq!(typed, fresh, "query {:?}", q);
    }
    Ok(())
}

/// Every prefix of `a`, then backspaces down to `keep` characters, then `b` typed after them.
fn typing(a: &str, keep: usize, b: &str) -> Vec<String> {
    let chars: Vec<char> = a.chars().collect();
    let mut steps: Vec<String> = (1..=chars.len())
        .map(|n| chars[..n].iter().collect())
        .collect();
    let keep = keep.min(chars.len());
    for n in (keep..chars.len()).rev() {
        steps.push(chars[..n].iter().collect());
    }
    let base: String = chars[..keep].iter().collect();
    let mut s = base;
    for c in b.chars() {
        s.push(c);
        steps.push(s.clone());
    }
    steps
}

fn query() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        3 => "[a-z]{1,6}",
        1 => "[A-Za-z0-9%$ ]{1,6}",
        1 => "[éèàç’–ı«]{1,2}",
        3 => prop::sample::select(vec![
            "kushner", "thrive", "amd", "10%", "nvidia", "gigawatt", "softbank", "$40B",
            "OpenAI", "etats", "révèle", "Microsoft", "round", "stake",
        ]).prop_map(str::to_string),
    ];
    prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn typing_gives_what_a_fresh_search_gives(
        a in query(), keep in 0usize..12, b in query(), limit in prop::sample::select(vec![1usize, 3, 20]),
    ) {
        check_typing(&INDEX, &typing(&a, keep, &b), limit)?;
    }

    #[test]
    fn the_top_few_are_the_first_of_all(q in query(), limit in 1usize..8) {
        // `usize::MAX` scores every match, with no pruning at all.
        let all = INDEX.search(&q, usize::MAX);
        let top = INDEX.search(&q, limit);
        prop_assert_eq!(&all[..limit.min(all.len())], &top[..]);
    }

    #[test]
    fn any_query_is_safe(q in any::<String>()) {
        let _ = INDEX.search(&q, 5);
        check_typing(&INDEX, &[q.clone(), format!("{q}x"), format!("{q} y")], 5)?;
    }

    #[test]
    fn the_score_bounds_hold(
        choice in "[A-Za-z0-9 ./_()«é-]{1,60}",
        pat in "[abAB0 .-]{1,6}",
    ) {
        // The engine skips what its bounds say cannot reach the top; a score above its bound
        // would silently drop a hit. The alphabet is small so that patterns do match.
        let mut scratch = Scratch::default();
        for sensitive in [false, true] {
            let pat = if sensitive { pat.clone() } else { pat.to_ascii_lowercase() };
            let matcher = if sensitive {
                SkimMatcherV2::default().respect_case()
            } else {
                SkimMatcherV2::default().ignore_case()
            };
            let chars: Vec<char> = pat.chars().collect();
            let tight = relaxed(&choice, &chars, sensitive, &mut scratch);
            let exact = with_case_penalty(&choice, &chars, sensitive, &mut scratch);
            // The engine scores with a fresh matcher's `fuzzy_indices`; `bound` follows its
            // recurrence exactly (with the case penalty) and bounds it (without).
            prop_assert_eq!(exact, matcher.fuzzy_indices(&choice, &pat).map(|(s, _)| s));
            match matcher.fuzzy_indices(&choice, &pat).map(|(s, _)| s) {
                Some(score) => {
                    let first = choice.chars().next();
                    let at_start = if sensitive {
                        first == chars.first().copied()
                    } else {
                        first.map(|c| c.to_ascii_lowercase()) == chars.first().copied()
                    };
                    prop_assert!(score <= score_bound(chars.len(), at_start));
                    prop_assert!(tight.is_some_and(|t| score <= t), "{} > {:?}", score, tight);
                }
                None => prop_assert_eq!(tight, None),
            }
        }
    }
}

#[test]
fn a_big_book_is_searched_in_two_halves_with_the_same_results() {
    // 15k deals with 3 terms each: over the size where the search splits over two threads.
    let book = dealbook::synth::Synth::new(15_000)
        .entities(800)
        .sources(200)
        .book();
    let index = Arc::new(Index::new(&book));
    assert!(index.len() > 60_000);
    let softbank = index.search("softbank", 5);
    assert!(
        softbank.iter().all(|h| h.matched.contains("SoftBank")),
        "{softbank:?}"
    );
    for q in ["s", "softbank 4", "gigawatt", "zen labs", "Kal"] {
        let all = index.search(q, usize::MAX);
        let top = index.search(q, 20);
        assert_eq!(&all[..20.min(all.len())], &top[..], "{q}");
    }
    let steps: Vec<String> = (1..="softbank 40".len())
        .map(|n| "softbank 40"[..n].to_string())
        .collect();
    check_typing(&index, &steps, 20)
        .map_err(|e| e.to_string())
        .unwrap();
}

#[test]
fn the_worker_answers_the_latest_query() {
    let worker = SearchWorker::spawn(Arc::clone(&INDEX));
    let mut last = 0;
    for q in ["k", "ku", "kus", "kush", "kushner"] {
        last = worker.submit(q.to_string());
    }
    let deadline = std::time::Instant::now() + support::timeout();
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let (generation, hits) = worker
            .recv_timeout(left)
            .expect("the worker answers before the timeout");
        assert!(generation <= last);
        if generation == last {
            assert_eq!(hits, INDEX.search("kushner", 200));
            break;
        }
    }
    assert_eq!(worker.latest(), last);
}
