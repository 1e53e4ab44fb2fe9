//! The headless commands as a user runs them: arguments, output, exit status.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;
use support::{dealbook, fixture};

/// Runs `dealbook check` on an invalid fixture and returns (stdout with the path shortened, code).
fn check(name: &str) -> (String, i32) {
    let path = fixture(name);
    let out = dealbook().arg("check").arg(&path).output().expect("run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let short = stdout.replace(&format!("{}:", path.display()), &format!("{name}:"));
    (short, out.status.code().unwrap_or(-1))
}

fn json(args: &[&str]) -> Value {
    let out = dealbook().args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

mod check {
    use super::*;

    #[test]
    fn the_bundled_book_checks_clean() {
        dealbook()
            .arg("check")
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("deals.yaml (bundled): ok"));
    }

    #[test]
    fn the_format_example_checks_clean() {
        dealbook()
            .arg("check")
            .arg(fixture("valid/example.yaml"))
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains(
                "ok — 4 entities, 2 deals, 2 sources\n",
            ));
    }

    #[test]
    fn warnings_alone_exit_zero() {
        let (out, code) = check("valid/warnings.yaml");
        assert_eq!(code, 0);
        assert_eq!(
            out,
            "\
valid/warnings.yaml:2:1: warning: the book has no sources
valid/warnings.yaml:5:9: warning: entity 'lonely' takes part in no deal
valid/warnings.yaml:8:9: warning: deal 'amd-deal' cites no source; add 'sources: [source-id]'
valid/warnings.yaml:13:9: warning: term 'a handshake' has no quantity dealbook can read; it is kept as text (see docs/terms.md for the forms it reads)
"
        );
    }

    /// Each invalid fixture: the exact lines, positions and words of its diagnostics.
    #[test]
    fn unknown_references_point_at_the_value_and_suggest() {
        let (out, code) = check("invalid/unknown-entity.yaml");
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "\
invalid/unknown-entity.yaml:13:15: error: party 'nvdia' is not an entity in this book (did you mean 'nvidia'?)
invalid/unknown-entity.yaml:16:13: error: flow destination 'OpenAI' is not an entity in this book; 'OpenAI' is a name: refer to the entity by its id, 'openai'
"
        );
    }

    #[test]
    fn bad_values_are_all_reported_in_one_run() {
        let (out, code) = check("invalid/bad-values.yaml");
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "\
invalid/bad-values.yaml:4:11: error: '2025-13' has month 13; months run from 01 to 12
invalid/bad-values.yaml:6:9: error: entity id 'OpenAI Inc' is not a valid id; ids use lower-case letters, digits and '-', starting with a letter or digit (such as 'openai-inc')
invalid/bad-values.yaml:6:9: warning: entity 'OpenAI Inc' takes part in no deal
invalid/bad-values.yaml:8:11: error: unknown entity kind 'startup'; expected one of: company, investor, fund, person, government, project, other
invalid/bad-values.yaml:14:11: error: '2025-02-30' has day 30; 2025-02 has days 01 to 28
invalid/bad-values.yaml:15:13: error: unknown status 'anounced' (did you mean 'announced'?); expected one of: rumored, negotiating, announced, signed, closed, cancelled
invalid/bad-values.yaml:16:20: error: party 'openai-inc' is not an entity in this book (did you mean 'OpenAI Inc'?)
invalid/bad-values.yaml:19:13: error: flow goes from 'amd' to itself
invalid/bad-values.yaml:20:15: error: unknown flow kind 'equity-grant' (did you mean 'equity'?); expected one of: investment, loan, payment, equity, in_kind
"
        );
    }

    #[test]
    fn duplicate_ids_name_the_first_use() {
        let (out, code) = check("invalid/duplicate-id.yaml");
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "\
invalid/duplicate-id.yaml:5:9: error: duplicate id 'amd': already used at line 2 column 9; ids are unique across sources, entities and deals
invalid/duplicate-id.yaml:5:9: warning: entity 'amd' takes part in no deal
invalid/duplicate-id.yaml:13:15: error: party 'amd' is a source, not an entity
invalid/duplicate-id.yaml:15:9: error: duplicate id 'amd-openai': already used at line 10 column 9; ids are unique across sources, entities and deals
invalid/duplicate-id.yaml:18:15: error: party 'amd' is a source, not an entity
"
        );
    }

    #[test]
    fn references_to_sources_and_parents_are_checked() {
        let (out, code) = check("invalid/refs.yaml");
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "\
invalid/refs.yaml:7:13: error: parent chain loops: amazon → aws → amazon
invalid/refs.yaml:10:15: error: '2025-Q5' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (metrics also take YYYY-Qn and YYYY-Hn)
invalid/refs.yaml:12:17: error: source 'src-b' is not a source in this book (did you mean 'src-a'?)
invalid/refs.yaml:15:13: error: parent chain loops: aws → amazon → aws
invalid/refs.yaml:23:17: error: party 'Amazon' is not an entity in this book; 'Amazon' is a name: refer to the entity by its id, 'amazon'
invalid/refs.yaml:26:17: error: source 'src-aa' is not a source in this book (did you mean 'src-a'?)
invalid/refs.yaml:27:22: error: source 'aws' is not a source (it names an entity or a deal)
"
        );
    }

    #[test]
    fn schema_errors_name_the_field_and_what_was_expected() {
        for (name, expected) in [
            (
                "invalid/unknown-field.yaml",
                "invalid/unknown-field.yaml:18:9: error: in deals[0].flows[0]: unknown field 'amout' (did you mean 'amount'?); expected 'from', 'to', 'kind', 'amount', 'source', 'quote', 'inferred', 'note'\n",
            ),
            (
                "invalid/wrong-type.yaml",
                "invalid/wrong-type.yaml:1:1: warning: the book has no sources\n\
                 invalid/wrong-type.yaml:2:9: warning: entity 'amd' takes part in no deal\n\
                 invalid/wrong-type.yaml:5:9: warning: deal 'amd-deal' cites no source; add 'sources: [source-id]'\n\
                 invalid/wrong-type.yaml:8:14: error: in deals[0].parties: expected a list, found the text 'amd'\n",
            ),
            (
                "invalid/missing-field.yaml",
                "invalid/missing-field.yaml:1:1: warning: the book has no sources\n\
                 invalid/missing-field.yaml:5:5: error: in deals[0]: missing field 'status', which is required here\n\
                 invalid/missing-field.yaml:5:9: warning: deal 'amd-deal' cites no source; add 'sources: [source-id]'\n",
            ),
            (
                "invalid/syntax.yaml",
                "invalid/syntax.yaml:9:10: error: invalid YAML: illegal placement of ':' indicator (a '[' or '{' above may be left unclosed)\n",
            ),
            (
                "invalid/duplicate-key.yaml",
                "invalid/duplicate-key.yaml:1:1: warning: the book has no sources\n\
                 invalid/duplicate-key.yaml:5:9: warning: deal 'amd-deal' cites no source; add 'sources: [source-id]'\n\
                 invalid/duplicate-key.yaml:9:1: error: key 'entities' appears twice in the same mapping; keep one\n",
            ),
            (
                "invalid/two-documents.yaml",
                "invalid/two-documents.yaml:4:1: error: a second YAML document starts here; a deal book is one document (remove this '---' and what follows, or merge it into the first)\n",
            ),
        ] {
            let (out, code) = check(name);
            assert_eq!((out.as_str(), code), (expected, 1), "{name}");
        }
    }

    #[test]
    fn structural_and_semantic_errors_are_all_reported_in_one_run() {
        let (out, code) = check("invalid/many.yaml");
        assert_eq!(code, 1);
        assert_eq!(
            out,
            "\
invalid/many.yaml:3:5: error: in sources[0]: missing field 'title', which is required here
invalid/many.yaml:4:5: error: in sources[0]: unknown field 'titel' (did you mean 'title'?); expected 'id', 'title', 'publisher', 'date', 'lang', 'url', 'ref', 'file'
invalid/many.yaml:8:14: error: in entities[0].aliases: expected a list, found the text 'AMD Inc'
invalid/many.yaml:15:20: error: party 'openia' is not an entity in this book (did you mean 'openai'?)
invalid/many.yaml:20:17: error: in deals[0].flows[0].amount: expected text, found a list
invalid/many.yaml:22:5: error: in deals[1]: missing field 'id', which is required here
"
        );
    }

    #[test]
    fn text_that_would_garble_a_terminal_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("garble.yaml");
        std::fs::write(
            &path,
            "entities:\n  - id: a\n    name: \"A \\u202E B\"\n    notes: \"\\e[2J\"\ndeals:\n  - {id: d, title: t, status: signed, parties: [a], sources: []}\n",
        )
        .expect("write");
        let out = dealbook().arg("check").arg(&path).output().expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text.contains(":3:11: error: name contains the bidirectional-text control U+202E"),
            "{text}"
        );
        assert!(
            text.contains(":4:12: error: notes contains the control character U+001B"),
            "{text}"
        );
    }

    #[test]
    fn summary_goes_to_stderr() {
        dealbook()
            .arg("check")
            .arg(fixture("invalid/bad-values.yaml"))
            .assert()
            .code(1)
            .stderr(predicate::str::ends_with(
                "bad-values.yaml: 8 errors, 1 warning\n",
            ));
    }

    #[test]
    fn unreadable_paths_exit_two_and_do_not_stop_the_others() {
        let dir = tempfile::tempdir().expect("tempdir");
        dealbook()
            .arg("check")
            .arg(dir.path().join("missing.yaml"))
            .arg(dir.path())
            .arg(fixture("valid/example.yaml"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("missing.yaml: no such file"))
            .stderr(predicate::str::contains(
                "is a directory, not a deal book file",
            ))
            .stderr(predicate::str::contains("example.yaml: ok"));
    }

    /// Runs `dealbook check PATH` and `dealbook list deals --book PATH` and checks both end at
    /// once with status 2 and `message` (the hang guard is the test timeout).
    fn refused(path: &Path, message: &str) {
        for args in [&["check"][..], &["list", "deals", "--book"]] {
            dealbook()
                .args(args)
                .arg(path)
                .timeout(support::timeout())
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "{}: {message}",
                    path.display()
                )));
        }
    }

    #[test]
    fn character_devices_are_refused_unread() {
        for dev in ["/dev/zero", "/dev/urandom"] {
            if Path::new(dev).exists() {
                refused(
                    Path::new(dev),
                    "is a character device, not a regular file; a deal book is a file on disk",
                );
            }
        }
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("book.yaml");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(s) if s.success() => {}
            _ => {
                eprintln!("skipped: mkfifo is not available");
                return;
            }
        }
        refused(&fifo, "is a named pipe (FIFO), not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_and_a_symlink_loop_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sock = dir.path().join("book.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
        refused(&sock, "is a socket, not a regular file");
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::os::unix::fs::symlink(&b, &a).expect("symlink");
        std::os::unix::fs::symlink(&a, &b).expect("symlink");
        refused(&a, "too many levels of symbolic links (a symlink loop?)");
    }

    #[test]
    fn book_errors_exit_one_for_every_command() {
        for args in [
            &["list", "deals"][..],
            &["show", "amd"],
            &["export", "--format", "json"],
        ] {
            dealbook()
                .arg("--book")
                .arg(fixture("invalid/unknown-entity.yaml"))
                .args(args)
                .assert()
                .code(1)
                .stdout("")
                .stderr(predicate::str::contains("13:15: error: party 'nvdia'"));
        }
    }
}

mod list_show_export {
    use super::*;

    #[test]
    fn list_deals_is_a_plain_table() {
        let out = dealbook().args(["list", "deals"]).output().expect("run");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let mut lines = text.lines();
        assert_eq!(
            lines
                .next()
                .map(|h| h.split_whitespace().collect::<Vec<_>>()),
            Some(vec!["ID", "DATE", "STATUS", "PARTIES", "TITLE"])
        );
        assert!(text.contains("amd-openai-gpu-stake"));
        assert_eq!(text.lines().count(), 1 + 14);
        assert!(!text.contains('\x1b'), "escape codes in piped output");
    }

    #[test]
    fn list_json_records_are_normalised() {
        let deals = json(&["list", "deals", "--json"]);
        let deals = deals.as_array().expect("array");
        assert_eq!(deals.len(), 14);
        for d in deals {
            for p in d["parties"].as_array().expect("parties") {
                assert!(p["entity"].is_string(), "party without entity: {p}");
                assert!(p.get("role").is_some(), "party without role key: {p}");
            }
            for t in d["terms"].as_array().expect("terms") {
                assert!(
                    t["text"].is_string() && t.get("bound").is_some(),
                    "term: {t}"
                );
            }
        }
        let entities = json(&["list", "entities", "--json"]);
        let aws = entities
            .as_array()
            .and_then(|a| a.iter().find(|e| e["id"] == "aws"))
            .expect("aws");
        assert_eq!(aws["parent"], "amazon");
        let sources = json(&["list", "sources", "--json"]);
        assert_eq!(sources.as_array().map(Vec::len), Some(5));
        assert!(sources[0].get("ref").is_some());
    }

    #[test]
    fn show_an_entity_with_what_refers_to_it() {
        let out = dealbook().args(["show", "openai"]).output().expect("run");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(text.starts_with("OpenAI\n"), "{text}");
        assert!(text.contains("person: Sam Altman, CEO"), "{text}");
        assert!(text.contains("amd-openai-gpu-stake"), "{text}");
        assert!(text.contains("AMD → OpenAI  equity"), "{text}");
        let v = json(&["show", "thrive-capital", "--json"]);
        assert_eq!(v["type"], "entity");
        assert_eq!(v["record"]["people"][0]["name"], "Joshua Kushner");
        assert_eq!(v["subsidiaries"][0], "thrive-holdings");
    }

    #[test]
    fn show_a_source_lists_the_deals_citing_it() {
        let v = json(&["show", "src-thrive-holdings", "--json"]);
        assert_eq!(v["type"], "source");
        assert_eq!(v["cited_by_deals"][0], "openai-thrive-holdings");
    }

    #[test]
    fn show_accepts_a_name_and_suggests_an_id() {
        dealbook()
            .args(["show", "Anthropic"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Anthropic\n"));
        dealbook()
            .args(["show", "openia"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "no entity, deal or source has the id 'openia' (did you mean 'openai'?)",
            ));
    }

    #[test]
    fn export_json_is_the_whole_book() {
        let v = json(&["export", "--format", "json"]);
        assert_eq!(v["deals"].as_array().map(Vec::len), Some(14));
        assert_eq!(v["entities"].as_array().map(Vec::len), Some(17));
        assert_eq!(v["book"]["as_of"], "2025-12-02");
        // Dates keep their precision.
        let d = v["deals"]
            .as_array()
            .and_then(|a| a.iter().find(|d| d["id"] == "microsoft-openai-2019"))
            .expect("deal");
        assert_eq!(d["date"], "2019");
    }

    #[test]
    fn export_csv_one_table_or_a_folder_of_them() {
        let out = dealbook()
            .args(["export", "--format", "csv", "--table", "parties"])
            .output()
            .expect("run");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert!(text.starts_with("deal,entity,role\n"), "{text}");
        assert!(text.contains("amd-openai-gpu-stake,amd,vendor\n"), "{text}");

        let dir = tempfile::tempdir().expect("tempdir");
        let out_dir = dir.path().join("csv");
        dealbook()
            .args(["export", "--format", "csv", "--out"])
            .arg(&out_dir)
            .assert()
            .success();
        for t in [
            "sources", "entities", "people", "metrics", "deals", "parties", "terms", "flows",
        ] {
            let body = std::fs::read_to_string(out_dir.join(format!("{t}.csv"))).expect(t);
            assert!(body.lines().count() > 1, "{t}.csv is empty");
        }
        dealbook()
            .args(["export", "--format", "csv"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--out DIR"));
    }

    #[test]
    fn the_format_example_loads_lists_and_exports() {
        let book = fixture("valid/example.yaml");
        let book = book.to_str().expect("path");
        let v = json(&["--book", book, "export", "--format", "json"]);
        assert_eq!(v["book"]["title"], "Example deal book");
        assert_eq!(
            v["deals"][0]["parties"][2],
            serde_json::json!({"entity": "harbor-fund", "role": null})
        );
        assert_eq!(v["entities"][1]["parent"], "acme-chips");
        // Metrics come in date order: H2 2025 starts before Q4 2025.
        assert_eq!(v["entities"][2]["metrics"][0]["date"], "2025-H2");
        assert_eq!(v["entities"][2]["metrics"][1]["date"], "2025-Q4");
        let list = json(&["--book", book, "list", "entities", "--json"]);
        assert_eq!(list.as_array().map(Vec::len), Some(4));
        // A positional BOOK works for commands too.
        dealbook()
            .args([book, "show", "acme"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("Acme Chips\n"));
    }

    #[test]
    fn the_format_doc_shows_the_example_verbatim() {
        let doc = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deal-book-format.md"),
        )
        .expect("doc");
        let example = std::fs::read_to_string(fixture("valid/example.yaml")).expect("example");
        assert!(
            doc.contains(&format!("```yaml\n{example}```")),
            "docs/deal-book-format.md and tests/fixtures/valid/example.yaml differ"
        );
    }

    #[test]
    fn term_reads_one_term_against_the_books_names() {
        dealbook()
            .args(["term", "up", "to", "10%", "of", "AMD"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("≤ 10% of AMD\n"))
            .stdout(predicate::str::contains(
                "  of     amd (entity of this book)\n",
            ));
        let v = json(&["term", "--json", "10 % du capital d'AMD"]);
        assert_eq!(v["text"], "10 % du capital d'AMD");
        assert_eq!(
            (v["bound"].as_str(), v["low"].as_f64(), v["high"].as_f64()),
            (Some("exact"), Some(10.0), Some(10.0))
        );
        assert_eq!(
            (v["unit"].as_str(), v["of"].as_str()),
            (Some("%"), Some("amd"))
        );
        let v = json(&["term", "--json", "$50–60B per gigawatt"]);
        assert_eq!(
            (v["low"].as_f64(), v["high"].as_f64()),
            (Some(50e9), Some(60e9))
        );
        assert_eq!(
            (v["unit"].as_str(), v["per"].as_str(), v["human"].as_str()),
            (Some("USD"), Some("GW"), Some("$50B–$60B per GW"))
        );
        let v = json(&["term", "--json", "au moins 50 milliards de dollars"]);
        assert_eq!(
            (v["bound"].as_str(), v["low"].as_f64(), v["high"].as_f64()),
            (Some("at_least"), Some(50e9), None)
        );
        // A name the book does not know stays as words.
        let v = json(&["term", "--json", "up to 5% of Acme"]);
        assert_eq!(v["of"], "Acme");
        // Text with no quantity is kept, not refused.
        let v = json(&["term", "--json", "significant stake"]);
        assert_eq!(v["bound"], "unparsed");
    }

    #[test]
    fn two_different_books_is_a_usage_error() {
        dealbook()
            .arg("--book")
            .arg(fixture("valid/example.yaml"))
            .arg(fixture("valid/warnings.yaml"))
            .arg("check")
            .assert()
            .code(2);
    }

    #[test]
    fn the_explorer_needs_a_terminal_and_says_what_to_use_instead() {
        dealbook()
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the explorer needs a terminal"))
            .stderr(predicate::str::contains("dealbook list deals"));
    }

    #[test]
    fn help_lists_every_command() {
        let assert = dealbook().arg("--help").assert().success();
        let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
        for cmd in ["check", "list", "show", "export"] {
            assert!(
                out.contains(&format!("  {cmd}")),
                "--help lacks {cmd}: {out}"
            );
        }
    }
}
