//! The loader against hostile and invalid YAML: the official YAML test suite's cases, the
//! hand-written hostile files (tests/corpus, copied from the shared corpus) and the 50 MiB
//! inputs its make-big.sh describes (generated here). Every input must end in a book or in
//! diagnostics — never a panic, a hang or a runaway message — and inputs the corpus marks
//! as errors must be refused.

mod support;

use dealbook::book::{Code, Loaded, load_bytes};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use support::timeout;

/// Loads `bytes` on a thread and waits at most `timeout()`; a panic or a hang fails the test.
fn load_guarded(name: &str, bytes: Vec<u8>) -> Loaded {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(load_bytes(&bytes));
    });
    match rx.recv_timeout(timeout()) {
        Ok(loaded) => loaded,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no result within {:?}", timeout()),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            panic!("{name}: the loader panicked")
        }
    }
}

/// What every outcome must look like: errors come with a short, one-line message.
fn assert_clear(name: &str, loaded: &Loaded) {
    if loaded.book.is_none() {
        assert!(loaded.errors() > 0, "{name}: no book and no error");
    }
    for d in &loaded.diagnostics {
        assert!(!d.message.is_empty(), "{name}: empty message");
        assert!(
            d.message.chars().count() <= 600,
            "{name}: message of {} chars: {}…",
            d.message.len(),
            d.message.chars().take(200).collect::<String>()
        );
        assert!(!d.message.contains('\n'), "{name}: multi-line message");
        assert!(
            d.line >= 1 && d.column >= 1,
            "{name}: position {}:{}",
            d.line,
            d.column
        );
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Rows of a MANIFEST.tsv: (file name, expectation).
fn manifest(path: &Path, file_col: usize, expect_col: usize) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .expect("manifest")
        .lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[file_col].to_string(), cols[expect_col].to_string())
        })
        .collect()
}

#[test]
fn hostile_files_end_in_a_result_or_a_clear_error() {
    let dir = corpus().join("hostile");
    let rows = manifest(&dir.join("MANIFEST.tsv"), 0, 1);
    assert!(
        rows.len() >= 119,
        "the hostile corpus is incomplete: {}",
        rows.len()
    );
    for (file, expect) in rows {
        let bytes = std::fs::read(dir.join(&file)).expect("corpus file");
        let loaded = load_guarded(&file, bytes);
        assert_clear(&file, &loaded);
        match expect.as_str() {
            "error" => assert!(loaded.errors() > 0, "{file}: must be refused"),
            // Valid YAML: our own guards must not call it malformed. (The files are not deal
            // books, so a schema error is the right outcome for most.)
            "ok" => {
                for d in &loaded.diagnostics {
                    assert!(
                        !matches!(d.code, Code::Encoding | Code::Syntax | Code::Limit),
                        "{file}: valid YAML refused as {:?}: {}",
                        d.code,
                        d.message
                    );
                }
            }
            _ => {}
        }
    }
}

#[test]
fn yaml_test_suite_cases_never_panic_and_invalid_ones_are_refused() {
    let dir = corpus().join("yaml-test-suite");
    let rows = manifest(&dir.join("MANIFEST.tsv"), 0, 1);
    assert_eq!(rows.len(), 402);
    for (id, class) in rows {
        let path = dir.join(&class).join(format!("{id}.yaml"));
        let bytes = std::fs::read(&path).expect("suite file");
        let loaded = load_guarded(&id, bytes);
        assert_clear(&id, &loaded);
        if class == "invalid" {
            assert!(loaded.errors() > 0, "{id}: invalid YAML accepted");
        }
    }
}

/// The guards against serde_yaml's measured weak spots, one by one (../shared/corpus/README.md).
mod weak_spots {
    use super::*;

    /// The first error (warnings may come before it in position order).
    fn first(loaded: &Loaded) -> (&str, Code, usize, usize) {
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .expect("an error");
        (d.message.as_str(), d.code, d.line, d.column)
    }

    #[test]
    fn quadratic_nesting_is_refused_before_parsing() {
        let text = "[a: ".repeat(24_000);
        let loaded = load_guarded("nesting", text.into_bytes());
        let (msg, code, line, col) = first(&loaded);
        assert_eq!(code, Code::Limit);
        assert!(msg.contains("more than 128 levels"), "{msg}");
        // saphyr-parser's own recursion guard meets it first, scanning ahead of the events.
        assert_eq!((line, col), (1, 1021));
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count_as_nesting() {
        let deep = "[".repeat(200);
        let text = format!(
            "book:\n  title: '{deep}'\n  # {deep}\nentities:\n  - id: a\n    name: \"{deep}\"\n    notes: x{deep}\n    aliases: [\"{deep}\", 'it''s {deep}']\n  - id: b\n    name: B\n    notes: |\n      {deep}\n\n      {deep}\n    country: >-\n      {deep}\n"
        );
        let loaded = load_bytes(text.as_bytes());
        assert!(
            loaded.diagnostics.iter().all(|d| d.code != Code::Limit),
            "{:?}",
            loaded.diagnostics
        );
    }

    #[test]
    fn a_syntax_error_is_not_masked_by_a_schema_error_before_it() {
        let loaded = load_bytes(b"nonsense: 1\ndeals: [\n");
        let (msg, code, ..) = first(&loaded);
        assert_eq!(code, Code::Syntax, "{msg}");
    }

    #[test]
    fn a_second_document_is_reported_where_it_starts() {
        let loaded = load_bytes(b"entities: []\n---\ndeals: []\n");
        let (msg, code, line, col) = first(&loaded);
        assert_eq!((code, line, col), (Code::Syntax, 2, 1));
        assert!(msg.contains("second YAML document"), "{msg}");
        // A syntax error inside the second document is shown as itself.
        let loaded = load_bytes(b"entities: []\n---\ndeals: [\n");
        let (msg, code, line, _) = first(&loaded);
        assert_eq!((code, line), (Code::Syntax, 3), "{msg}");
        assert!(msg.starts_with("invalid YAML"), "{msg}");
    }

    #[test]
    fn an_error_at_the_first_character_still_has_a_position() {
        let loaded = load_bytes(b"- a\n- b\n");
        let (msg, _, line, col) = first(&loaded);
        assert_eq!((line, col), (1, 1));
        assert!(msg.contains("expected a mapping"), "{msg}");
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_and_column() {
        let loaded = load_bytes(b"entities:\n  - id: caf\xe9\n");
        let (msg, code, line, col) = first(&loaded);
        assert_eq!((code, line, col), (Code::Encoding, 2, 12));
        assert!(msg.contains("0xE9"), "{msg}");
    }

    #[test]
    fn byte_order_marks_and_utf16_are_read() {
        let text = "entities:\n  - id: amd\n    name: AMD\ndeals:\n  - id: d\n    title: T\n    status: signed\n    parties: [amd]\n    sources: []\n";
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(text.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        for bytes in [utf8, utf16] {
            let loaded = load_bytes(&bytes);
            assert!(loaded.book.is_some(), "{:?}", loaded.diagnostics);
        }
        // A second BOM is content, which YAML does not allow there.
        let loaded = load_bytes("\u{FEFF}\u{FEFF}entities: []\n".as_bytes());
        assert_eq!(first(&loaded).1, Code::Encoding);
    }

    #[test]
    fn a_nul_byte_does_not_silently_end_the_file() {
        let loaded = load_bytes(b"entities: []\n\0deals: [\n");
        let (msg, code, line, col) = first(&loaded);
        assert_eq!((code, line, col), (Code::Encoding, 2, 1));
        assert!(msg.contains("U+0000"), "{msg}");
    }

    #[test]
    fn huge_values_are_clipped_in_messages() {
        let text = format!("deals: \"{}\"\n", "x".repeat(5_000_000));
        let loaded = load_bytes(text.as_bytes());
        let (msg, ..) = first(&loaded);
        assert!(msg.len() < 300, "{} bytes", msg.len());
        assert!(msg.contains('…'), "{msg}");
    }

    #[test]
    fn huge_values_in_any_field_give_short_messages() {
        let big = "Z".repeat(1_000_000);
        let text = format!(
            "sources:\n  - id: {big}\n    title: t\n    date: {big}\nentities:\n  - id: {big}\n    name: n\n    kind: {big}\n    parent: {big}\n    metrics:\n      - {{name: v, date: {big}, amount: {big}, source: {big}}}\ndeals:\n  - id: {big}\n    title: t\n    status: {big}\n    date: {big}\n    parties: [{big}]\n    flows:\n      - {{from: {big}, to: {big}, kind: {big}, amount: {big}}}\n    sources: [{big}]\n"
        );
        let loaded = load_guarded("huge values", text.into_bytes());
        assert!(loaded.errors() >= 10, "{}", loaded.errors());
        for d in &loaded.diagnostics {
            assert!(
                d.message.chars().count() < 600,
                "{} chars: {}…",
                d.message.len(),
                &d.message[..200]
            );
        }
    }

    #[test]
    fn empty_and_comment_only_files_are_not_silently_accepted() {
        for text in ["", "   \n", "# only a comment\n", "---\n...\n", "~\n"] {
            let loaded = load_bytes(text.as_bytes());
            assert!(loaded.errors() > 0, "{text:?} accepted");
        }
    }

    #[test]
    fn unknown_fields_are_refused_so_nothing_hides_under_them() {
        // An alias bomb under a field serde would otherwise skip unread.
        let text = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nentities: []\n";
        let loaded = load_bytes(text.as_bytes());
        let (msg, ..) = first(&loaded);
        assert!(msg.contains("unknown field 'a'"), "{msg}");
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_duplicate() {
        let loaded = load_bytes(b"entities: []\ndeals: []\nentities: []\n");
        let (msg, _, line, col) = first(&loaded);
        assert_eq!((line, col), (3, 1), "{msg}");
        assert!(msg.contains("key 'entities' appears twice"), "{msg}");
    }
}

/// The 50 MiB inputs of make-big.sh, generated into a temporary folder (not committed).
#[test]
fn fifty_mebibyte_inputs_end_in_a_clear_error() {
    const SIZE: usize = 50 * 1024 * 1024;
    let fill = |c: u8| vec![c; SIZE];
    let with = |head: &[u8], body: Vec<u8>, tail: &[u8]| {
        let mut v = head.to_vec();
        v.extend(body);
        v.extend_from_slice(tail);
        v
    };
    let line: Vec<u8> = std::iter::once(b' ')
        .chain(std::iter::once(b' '))
        .chain(std::iter::repeat_n(b'd', 79))
        .chain(std::iter::once(b'\n'))
        .collect();
    let literal: Vec<u8> = line.repeat(SIZE / 80);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "plain scalar",
            with(b"name: big\nnotes: ", fill(b'a'), b"\n"),
        ),
        ("bare scalar", fill(b'b')),
        ("double-quoted", with(b"name: \"", fill(b'c'), b"\"\n")),
        ("literal block", with(b"notes: |\n", literal, b"")),
        ("unterminated quote", with(b"name: \"", fill(b'e'), b"")),
        ("implicit key", with(b"", fill(b'f'), b": v\n")),
        ("flow pairs 100k", "[a: ".repeat(100_000).into_bytes()),
    ];
    for (name, bytes) in cases {
        let loaded = load_guarded(name, bytes);
        assert_clear(name, &loaded);
        assert!(loaded.errors() > 0, "{name}: accepted");
    }
}
