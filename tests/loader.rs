//! The loader's one parse: text kept as written, positions on lines that exist (line breaks
//! are `\n`, `\r\n` and `\r` only), aliases refused, messages safe to print, progress counted.

mod support;

use dealbook::book::{Code, Loaded, Progress, load_bytes, load_file, load_file_with, load_str};
use support::fixture;

/// Every diagnostic as `LINE:COL: severity: message`.
fn lines(loaded: &Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(|d| d.to_string()).collect()
}

fn load_fixture(name: &str) -> Loaded {
    load_file(&fixture(name)).expect("fixture")
}

#[test]
fn text_is_kept_as_written() {
    let loaded = load_fixture("valid/as-written.yaml");
    let book = loaded.book.expect("the book loads");
    assert_eq!(book.title.as_deref(), Some("1.10"));
    assert_eq!(book.sources[0].title, "2025");
    assert_eq!(book.sources[0].publisher.as_deref(), Some("1e3"));
    let amd = &book.entities[0];
    assert_eq!(amd.country.as_deref(), Some("0x1F"));
    assert_eq!(amd.notes.as_deref(), Some("1e3"));
    let openai = &book.entities[1];
    assert_eq!(openai.name, "1.50");
    assert_eq!(openai.aliases, ["007", "true"]);
    let deal = &book.deals[0];
    assert_eq!(deal.title, "1.10");
    assert_eq!(deal.parties[1].role.as_deref(), Some("0.5"));
    assert_eq!(deal.terms[0].term.text, "1.50");
}

#[test]
fn ids_and_dates_written_as_numbers_are_reported_as_written() {
    let loaded = load_fixture("invalid/numbers.yaml");
    assert_eq!(
        lines(&loaded),
        [
            "3:9: error: source id '1.50' is not a valid id; ids use lower-case letters, digits and '-', starting with a letter or digit (such as '1-50')",
            "5:11: error: '2025.10' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (metrics also take YYYY-Qn and YYYY-Hn)",
            "10:9: error: deal id '0x1F' is not a valid id; ids use lower-case letters, digits and '-', starting with a letter or digit (such as '0x1f')",
            "12:11: error: '20251001' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (metrics also take YYYY-Qn and YYYY-Hn)",
        ]
    );
}

#[test]
fn line_separators_are_content_and_never_shift_a_position() {
    let loaded = load_fixture("valid/line-separators.yaml");
    assert_eq!(
        lines(&loaded),
        [
            "10:9: warning: entity 'lonely' takes part in no deal",
            // The separator is kept in the term, and shown escaped in the message.
            "17:13: warning: term 'a\\u{2028}handshake' has no quantity dealbook can read; it is kept as text (see docs/terms.md for the forms it reads)",
        ]
    );
    let book = loaded.book.expect("warnings only");
    assert_eq!(book.entities[0].name, "AMD\u{2028}Inc");
    assert_eq!(book.entities[0].notes.as_deref(), Some("plain\u{2029}text"));
    assert_eq!(book.entities[1].name, "Open\u{85}AI");
    assert_eq!(book.deals[0].title, "Two\u{2028}lines");
    assert_eq!(book.deals[0].terms[0].term.text, "a\u{2028}handshake");
}

#[test]
fn errors_after_a_multi_line_quoted_scalar_keep_their_position() {
    let loaded = load_fixture("invalid/multiline-quoted.yaml");
    assert_eq!(
        lines(&loaded),
        ["15:20: error: party 'nvdia' is not an entity in this book"]
    );
    // A continuation line no deeper than its key is not YAML (saphyr-parser follows the
    // spec here); it is one syntax error, with the fix in the message.
    let loaded = load_str("sources:\n  - id: a\n    title: \"two\n    lines\"\n");
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code, Code::Syntax, "{d}");
    assert!(d.message.contains("indented deeper than its key"), "{d}");
    assert_eq!((d.line, d.column), (3, 12), "{d}");
    assert_eq!(loaded.diagnostics.len(), 1);
}

#[test]
fn cr_crlf_and_lf_each_end_one_line() {
    for brk in ["\n", "\r\n", "\r"] {
        let text = "entities:|  - id: Bad|    name: B|deals: []|".replace('|', brk);
        let loaded = load_str(&text);
        let first = &loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .expect("error");
        assert_eq!((first.line, first.column), (2, 9), "{brk:?}: {first}");
    }
}

#[test]
fn a_syntax_error_at_the_end_of_the_file_is_on_its_last_line() {
    for (text, at) in [
        ("deals: [a, b\n", (1, 13)),
        ("deals: [a, b", (1, 13)),
        ("entities:\n  - name: \"AMD\n\n\n", (2, 11)),
    ] {
        let loaded = load_str(text);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, Code::Syntax, "{text:?}: {d}");
        assert_eq!((d.line, d.column), at, "{text:?}: {d}");
    }
}

#[test]
fn aliases_are_refused_where_they_are_read_and_never_expanded() {
    let text = "entities:\n  - id: a\n    name: A\n    aliases: &x [x, x]\n  - id: b\n    name: B\n    aliases: [*x, *x]\n  - *x\n";
    let loaded = load_str(text);
    assert_eq!(
        lines(&loaded),
        [
            "1:1: warning: the book has no sources",
            "1:1: warning: the book has no deals",
            "2:9: warning: entity 'a' takes part in no deal",
            "5:9: warning: entity 'b' takes part in no deal",
            "7:15: error: in entities[1].aliases[0]: expected text, found an alias (*name); a deal book does not use aliases: write the value out",
            "7:19: error: in entities[1].aliases[1]: expected text, found an alias (*name); a deal book does not use aliases: write the value out",
            "8:5: error: in entities[2]: expected a mapping, found an alias (*name); a deal book does not use aliases: write the value out",
        ]
    );
    // A billion laughs: nine levels of nine aliases each, read at once.
    let mut bomb = String::from(
        "deals:\n  - id: d\n    title: t\n    status: signed\n    parties: [p]\n    tags: &l0 [lol]\n",
    );
    for i in 1..=9 {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("    notes: &l{i} [{refs}]\n"));
    }
    let loaded = load_bytes(bomb.as_bytes());
    assert!(loaded.book.is_none());
    assert!(loaded.diagnostics.len() < 20, "{:?}", lines(&loaded));
}

#[test]
fn progress_counts_the_bytes_and_every_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.yaml");
    std::fs::write(&path, dealbook::synth::book_yaml(2_000)).expect("write");
    let progress = Progress::new();
    let loaded = load_file_with(&path, &progress).expect("read");
    let book = loaded.book.expect("the synthetic book loads");
    let r = progress.get();
    assert_eq!(r.done, r.total);
    assert_eq!(r.total, std::fs::metadata(&path).expect("meta").len());
    let records = book.sources.len() + book.entities.len() + book.deals.len();
    assert_eq!(r.records, records as u64);
}

/// A book of `deals` deals (more than the loader checks in one batch on its second thread),
/// with its sections in the given order; deal 0 names the last deal as a party, deal 300 an
/// entity as its source and the last deal an entity that does not exist.
fn many_deals(deals: usize, order: [&str; 3]) -> String {
    let mut sections = std::collections::HashMap::new();
    sections.insert(
        "sources",
        "sources:\n  - id: src-0\n    title: A source\n".to_string(),
    );
    sections.insert(
        "entities",
        "entities:\n  - id: e-0\n    name: Entity Zero\n  - id: e-1\n    name: Entity One\n"
            .to_string(),
    );
    let mut d = String::from("deals:\n");
    for i in 0..deals {
        let parties = match i {
            0 => format!("deal-{}, e-1", deals - 1),
            i if i == deals - 1 => "e-0, nobody".to_string(),
            _ => "e-0, e-1".to_string(),
        };
        let source = if i == 300 { "e-0" } else { "src-0" };
        d.push_str(&format!(
            "  - id: deal-{i}\n    title: Deal {i}\n    status: signed\n    parties: [{parties}]\n    sources: [{source}]\n"
        ));
    }
    sections.insert("deals", d);
    order.iter().map(|s| sections[s].as_str()).collect()
}

#[test]
fn deals_checked_beside_the_parser_report_what_one_pass_would() {
    // Sources and entities first: the deals are checked while the parser reads, and a
    // reference to a deal not read yet waits for the end of the book.
    let loaded = load_str(&many_deals(600, ["sources", "entities", "deals"]));
    assert_eq!(
        lines(&loaded),
        [
            "13:15: error: party 'deal-599' is a deal, not an entity",
            "1514:15: error: source 'e-0' is not a source (it names an entity or a deal)",
            "3008:20: error: party 'nobody' is not an entity in this book",
        ]
    );
    // Deals first: they are kept until the book is read, and say the same.
    let reordered = load_str(&many_deals(600, ["deals", "sources", "entities"]));
    let messages =
        |l: &Loaded| -> Vec<String> { l.diagnostics.iter().map(|d| d.message.clone()).collect() };
    assert_eq!(messages(&reordered), messages(&loaded));
    // And a clean book of as many deals loads whole, in order.
    let clean = many_deals(600, ["sources", "entities", "deals"])
        .replace("deal-599, e-1", "e-0, e-1")
        .replace("[e-0]", "[src-0]")
        .replace("e-0, nobody", "e-0, e-1");
    let book = load_str(&clean).book.expect("the book loads");
    assert_eq!(book.deals.len(), 600);
    assert!(
        book.deals
            .iter()
            .enumerate()
            .all(|(i, d)| d.id == format!("deal-{i}"))
    );
    assert_eq!(book.deals_of[0].len(), 600);
}

/// The character guard reads eight printable ASCII bytes at a time: a forbidden character is
/// found, at its column, wherever it falls in such a run, and DEL (0x7F, printable-looking
/// but a control character) is one of them.
#[test]
fn a_forbidden_character_is_found_at_any_offset() {
    for bad in ['\u{7}', '\u{7f}', '\u{1b}'] {
        for k in 0..20 {
            let text = format!("book:\n  title: {}{bad}tail\n", "a".repeat(k));
            let loaded = load_str(&text);
            let want = format!(
                "2:{}: error: character U+{:04X} is not allowed in YAML",
                10 + k,
                u32::from(bad)
            );
            assert!(
                lines(&loaded).iter().any(|l| l.starts_with(&want)),
                "{k} {bad:?}: {:?}",
                lines(&loaded)
            );
        }
    }
}

/// Text fields are checked for control characters written as escapes; the check reads ASCII
/// bytes directly, and DEL and a carriage return are control characters there too.
#[test]
fn escaped_control_characters_in_ascii_text_are_refused() {
    for (escape, code) in [("\\x7F", "007F"), ("\\r", "000D"), ("\\x01", "0001")] {
        let text = format!("book:\n  title: \"plain {escape} text\"\n");
        let loaded = load_str(&text);
        let want = format!("title contains the control character U+{code}");
        assert!(
            lines(&loaded).iter().any(|l| l.contains(&want)),
            "{escape}: {:?}",
            lines(&loaded)
        );
    }
    let loaded = load_str("book:\n  title: \"tab\\tand\\nline\"\n");
    assert!(
        !lines(&loaded)
            .iter()
            .any(|l| l.contains("control character")),
        "{:?}",
        lines(&loaded)
    );
}
