#![allow(clippy::inconsistent_digit_grouping)] // dates as YYYY_MM_DD read best
use super::*;

fn parse(q: &str) -> Vec<Clause> {
    Query::parse(q)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .clauses
}

fn filter(q: &str) -> (Filter, bool) {
    match parse(q).as_slice() {
        [
            Clause::Filter {
                filter, negated, ..
            },
        ] => (filter.clone(), *negated),
        other => panic!("{q}: {other:?}"),
    }
}

fn error(q: &str) -> QueryError {
    match Query::parse(q) {
        Err(e) => e,
        Ok(parsed) => panic!("{q} parsed: {parsed:?}"),
    }
}

fn word(text: &str, mode: Mode, at: usize) -> Pattern {
    Pattern {
        text: text.into(),
        mode,
        at,
    }
}

#[test]
fn words_and_fzf_forms() {
    assert_eq!(
        parse("nvd 'exact ^pre suf$ ^whole$"),
        [
            Clause::Word(word("nvd", Mode::Fuzzy, 0)),
            Clause::Word(word("exact", Mode::Exact, 5)),
            Clause::Word(word("pre", Mode::Prefix, 12)),
            Clause::Word(word("suf", Mode::Suffix, 16)),
            Clause::Word(word("whole", Mode::Equal, 22)),
        ]
    );
    // Lone markers are words; a quoted word is never a filter.
    assert_eq!(parse("-"), [Clause::Word(word("-", Mode::Fuzzy, 0))]);
    assert_eq!(parse("$"), [Clause::Word(word("$", Mode::Fuzzy, 0))]);
    assert_eq!(
        parse("'status:x"),
        [Clause::Word(word("status:x", Mode::Exact, 1))]
    );
    // Not a filter: the name is not letters only.
    assert_eq!(
        parse("10:30"),
        [Clause::Word(word("10:30", Mode::Fuzzy, 0))]
    );
    assert!(parse("  \t ").is_empty());
    assert_eq!(parse(" a  b")[1], Clause::Word(word("b", Mode::Fuzzy, 4)));
}

#[test]
fn negation_with_dash_or_bang_is_exact() {
    assert_eq!(
        parse("-nvidia"),
        [Clause::Not(word("nvidia", Mode::Exact, 1))]
    );
    assert_eq!(
        parse("!nvidia"),
        [Clause::Not(word("nvidia", Mode::Exact, 1))]
    );
    assert_eq!(parse("!^amd"), [Clause::Not(word("amd", Mode::Prefix, 2))]);
    assert_eq!(parse("-ai$"), [Clause::Not(word("ai", Mode::Suffix, 1))]);
    assert_eq!(
        filter("-status:signed"),
        (Filter::Status(vec![Status::Signed]), true)
    );
    assert_eq!(
        filter("!tag:chips"),
        (Filter::Tag(vec!["chips".into()]), true)
    );
    let q = Query::parse("amd -status:signed").expect("parses");
    assert!(q.restricts());
    assert_eq!(q.words().count(), 1);
}

#[test]
fn each_field() {
    assert_eq!(
        filter("status:negotiating,rumored").0,
        Filter::Status(vec![Status::Negotiating, Status::Rumored])
    );
    assert_eq!(
        filter("Status:SIGNED").0,
        Filter::Status(vec![Status::Signed])
    );
    assert_eq!(
        filter("kind:investment,fund,in-kind").0,
        Filter::Kind {
            flows: vec![FlowKind::Investment, FlowKind::InKind],
            entities: vec![EntityKind::Fund]
        }
    );
    assert_eq!(filter("tag:chips").0, Filter::Tag(vec!["chips".into()]));
    assert_eq!(
        filter("party:nvidia,OpenAI").0,
        Filter::Party(vec!["nvidia".into(), "OpenAI".into()])
    );
    assert_eq!(filter("from:amd").0, Filter::From(vec!["amd".into()]));
    assert_eq!(filter("to:amd").0, Filter::To(vec!["amd".into()]));
    assert_eq!(
        filter("is:loop,undated,undisclosed,metric").0,
        Filter::Is(vec![
            Is::Loop,
            Is::Undated,
            Is::Undisclosed,
            Is::Kind("metric")
        ])
    );
}

#[test]
fn dates_are_intervals() {
    let date = |q: &str| match filter(q).0 {
        Filter::Date { from, to } => (from, to),
        other => panic!("{other:?}"),
    };
    assert_eq!(date("date:2025"), (2025_01_01, 2025_12_31));
    assert_eq!(date("date:2025-03..2025-09"), (2025_03_01, 2025_09_31));
    assert_eq!(date("date:2025-H1"), (2025_01_01, 2025_06_31));
    assert_eq!(date("date:2025-10-06"), (2025_10_06, 2025_10_06));
    assert_eq!(date("date:2025.."), (2025_01_01, u32::MAX));
    assert_eq!(date("date:..2024"), (0, 2024_12_31));
    // Keys are YYYYMMDD; day 32 is "after the month's last day", as day 00 is "before its first".
    assert_eq!(date("date:>2024"), (20_241_232, u32::MAX));
    assert_eq!(date("date:<2025-06"), (0, 2025_06_00));
    assert_eq!(date("date:<=2025-06"), (0, 2025_06_31));
}

#[test]
fn amounts_are_intervals_read_as_terms() {
    let amount = |q: &str| match filter(q).0 {
        Filter::Amount(r) => r,
        other => panic!("{other:?}"),
    };
    let over = amount("amount:>50B");
    assert_eq!(
        (over.low, over.high, over.open_low),
        (50e9, f64::INFINITY, true)
    );
    assert_eq!(over.unit, "USD");
    // "up to $100B" is [0, 100B]: it overlaps "more than 50B".
    assert!(over.overlaps(Some("USD"), None, Some(100e9)));
    assert!(
        !over.overlaps(Some("USD"), Some(50e9), Some(50e9)),
        "open end"
    );
    assert!(
        !over.overlaps(Some("EUR"), Some(60e9), Some(60e9)),
        "another unit"
    );
    let between = amount("amount:1B..5B");
    assert_eq!((between.low, between.high), (1e9, 5e9));
    assert!(
        between.overlaps(Some("USD"), Some(4e9), None),
        "at least $4B"
    );
    assert!(!between.overlaps(Some("USD"), Some(6e9), Some(7e9)));
    assert_eq!(amount("amount:$1.5B").low, 1.5e9);
    assert_eq!(amount("amount:10%").unit, "%");
    assert_eq!(amount("amount:<=5B").high, 5e9);
    assert_eq!(amount("amount:€300M").unit, "EUR");
}

#[test]
fn errors_say_where_and_what_was_meant() {
    let e = error("openai stauts:signed");
    assert_eq!(e.at(), 7);
    assert!(
        e.to_string()
            .starts_with("unknown field 'stauts' (did you mean 'status'?)"),
        "{e}"
    );
    let e = error("status:signd");
    assert_eq!(e.at(), 7);
    assert!(e.to_string().contains("(did you mean 'signed'?)"), "{e}");
    let e = error("status:signed,,closed");
    assert_eq!(e.at(), 14);
    let e = error("-status:");
    assert!(matches!(e, QueryError::MissingValue { at: 8, .. }), "{e:?}");
    let e = error("x date:2025-13");
    assert!(matches!(e, QueryError::BadDate { at: 7, .. }), "{e:?}");
    let e = error("date:2025..20x");
    assert!(matches!(e, QueryError::BadDate { at: 11, .. }), "{e:?}");
    let e = error("date:2026..2025");
    assert!(matches!(e, QueryError::BadDate { .. }), "{e:?}");
    let e = error("amount:>lots");
    assert!(matches!(e, QueryError::BadAmount { at: 8, .. }), "{e:?}");
    let e = error("amount:5B..1B");
    assert!(matches!(e, QueryError::BadAmount { .. }), "{e:?}");
    let e = error("kind:investmnt");
    assert!(e.to_string().contains("did you mean 'investment'"), "{e}");
    let e = error("is:lop");
    assert!(e.to_string().contains("did you mean 'loop'"), "{e}");
    // Positions count bytes; the caret counts characters.
    let e = error("état stauts:x");
    assert_eq!((e.at(), e.column("état stauts:x")), (6, 5));
    assert!(
        e.render("état stauts:x")
            .ends_with("\n  état stauts:x\n       ^")
    );
}

#[test]
fn hostile_queries_parse_or_fail_cleanly() {
    for q in [
        ":",
        "::",
        "a:",
        ":b",
        "-:",
        "!!",
        "--x",
        "'",
        "''",
        "^$",
        "x$$",
        "date:..",
        "amount:..",
        "amount:>",
        "date:>",
        "status:,",
        "\u{0}:\u{0}",
        "é:x",
        "tag:💥",
    ] {
        let _ = Query::parse(q);
    }
    assert!(
        Query::parse("date:..").is_ok(),
        "an open interval on both ends is everything"
    );
}
