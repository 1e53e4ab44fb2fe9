//! `dealbook search` from the outside: JSON shape, ranking on the bundled book, limits, exit
//! statuses and plain output to a pipe.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use support::dealbook;

fn json_hits(args: &[&str]) -> Vec<Value> {
    let out = dealbook()
        .arg("search")
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    match serde_json::from_slice(&out) {
        Ok(Value::Array(hits)) => hits,
        other => panic!("expected a JSON array, got {other:?}"),
    }
}

#[test]
fn kushner_finds_thrive_capital_first() {
    let hits = json_hits(&["kushner"]);
    assert_eq!(hits[0]["kind"], "entity");
    assert_eq!(hits[0]["id"], "thrive-capital");
    assert_eq!(hits[0]["title"], "Thrive Capital");
    assert_eq!(hits[0]["field"], "person");
    assert_eq!(hits[0]["matched"], "Joshua Kushner");
    assert!(hits[0]["score"].as_i64().is_some());
    assert!(hits[0].get("term").is_none());
}

#[test]
fn words_in_any_order_find_the_amd_deal() {
    for args in [&["10%", "amd"][..], &["amd 10%"][..]] {
        let hits = json_hits(args);
        assert!(
            hits.iter().any(|h| h["id"] == "amd-openai-gpu-stake"),
            "{args:?}: {hits:?}"
        );
        assert_eq!(hits[0]["id"], "amd-openai-gpu-stake");
    }
}

#[test]
fn a_term_hit_carries_its_index() {
    let hits = json_hits(&["upfront"]);
    assert_eq!(hits[0]["kind"], "term");
    assert_eq!(hits[0]["id"], "openai-40b-round");
    assert_eq!(hits[0]["term"], 2);
}

#[test]
fn limit_caps_the_hits() {
    assert_eq!(json_hits(&["openai", "--limit", "1"]).len(), 1);
    assert_eq!(json_hits(&["openai", "--limit", "3"]).len(), 3);
}

#[test]
fn piped_output_is_plain_with_brackets() {
    let out = dealbook()
        .args(["search", "kushner"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b), "escape bytes in piped output");
    let text = String::from_utf8(out).expect("UTF-8 output");
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("entity"), "{first}");
    assert!(first.contains("thrive-capital"), "{first}");
    assert!(first.contains("person: Joshua [Kushner]"), "{first}");
}

#[test]
fn no_hits_is_not_an_error() {
    dealbook()
        .args(["search", "qqqqzzzz"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no hits for 'qqqqzzzz'"));
    dealbook()
        .args(["search", "qqqqzzzz", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn an_empty_query_is_a_usage_error() {
    dealbook()
        .args(["search", "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("query is empty"));
    dealbook().arg("search").assert().code(2);
}

#[test]
fn help_explains_the_command() {
    dealbook()
        .args(["search", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("dealbook search 10% amd"))
        .stdout(predicate::str::contains("--limit"));
}
