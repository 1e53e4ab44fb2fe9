//! Money you can trust, end to end (docs/flows.md, docs/deal-book-format.md): totals by
//! certainty and `--status`, a flow from several investors, quotes checked against their
//! source's file, inferred and reported marks, loops with their value. The fixture books are in
//! tests/fixtures/money.

mod support;

use serde_json::Value;
use support::{dealbook, fixture};

fn book(name: &str) -> String {
    fixture(&format!("money/{name}.yaml")).display().to_string()
}

fn stdout(args: &[&str]) -> String {
    let out = dealbook()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

fn flows(args: &[&str]) -> Value {
    let b = book("book");
    let mut all = vec!["--book", b.as_str(), "flows", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&all)).expect("JSON")
}

fn row<'a>(edges: &'a Value, from: &str) -> Option<&'a Value> {
    edges.as_array()?.iter().find(|e| e["from"] == from)
}

#[test]
fn the_default_keeps_committed_and_in_talks_apart_and_leaves_cancelled_out() {
    let edges = flows(&[]);
    let orbit = row(&edges, "orbit").expect("the in-talks flow is listed");
    assert_eq!(orbit["amount"], "≥ $1B in talks");
    assert_eq!(orbit["committed"], Value::Null);
    assert_eq!(orbit["talks"]["totals"][0]["low"], 1e9);
    assert!(
        row(&edges, "zephyr").is_none(),
        "a cancelled deal counts nowhere"
    );
    let text = stdout(&["--book", &book("book"), "flows"]);
    assert!(text.contains("≥ $1B in talks"), "{text}");
    assert!(
        text.contains("negotiating"),
        "each row says its deal's status: {text}"
    );
}

#[test]
fn status_picks_the_deals_counted() {
    let committed = flows(&["--status", "committed"]);
    assert!(row(&committed, "orbit").is_none());
    assert!(row(&committed, "acme").is_some());
    let talks = flows(&["--status", "talks"]);
    assert_eq!(talks.as_array().map(Vec::len), Some(1));
    let all = flows(&["--status", "all"]);
    let zephyr = row(&all, "zephyr").expect("all shows cancelled deals");
    assert_eq!(
        zephyr["amount"], "$2B cancelled",
        "shown apart, never as committed"
    );
    let listed = flows(&["--status", "negotiating,cancelled"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    dealbook()
        .args(["--book", &book("book"), "flows", "--status", "maybe"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown status 'maybe'"));
}

#[test]
fn a_syndicate_is_one_row_counted_once_for_its_recipient() {
    let edges = flows(&[]);
    let round = row(&edges, "acme").expect("the round");
    assert_eq!(
        round["senders"],
        serde_json::json!(["acme", "harbor", "delta"])
    );
    assert_eq!(round["amount"], "$3B");
    let text = stdout(&["--book", &book("book"), "flows"]);
    assert!(text.contains("Acme +2  Nimbus"), "{text}");
    // The recipient gets $3B once; each member's share is undisclosed, never $1B.
    let nimbus = stdout(&["--book", &book("book"), "show", "nimbus"]);
    assert!(
        nimbus.contains("in   $3B committed · ≥ $1B in talks"),
        "{nimbus}"
    );
    let harbor = stdout(&["--book", &book("book"), "show", "harbor"]);
    assert!(harbor.contains("out  1 undisclosed"), "{harbor}");
    assert!(
        harbor.contains("Acme, Harbor Fund, Delta Capital → Nimbus"),
        "{harbor}"
    );
}

#[test]
fn a_loop_through_a_member_counts_and_says_what_it_rests_on() {
    let text = stdout(&["--book", &book("book"), "flows", "--cycles"]);
    assert!(text.contains("Acme → Nimbus → Acme"), "{text}");
    assert!(text.contains("share undisclosed (of $3B)"), "{text}");
    assert!(text.contains("rests on an inferred flow"), "{text}");
    let b = book("book");
    let json: Value = serde_json::from_str(&stdout(&["--book", &b, "flows", "--cycles", "--json"]))
        .expect("JSON");
    assert_eq!(json["cycles"][0]["inferred"], true);
    assert_eq!(json["cycles"][0]["value"], "undisclosed (2 legs)");
}

#[test]
fn show_carries_quotes_and_marks() {
    let text = stdout(&["--book", &book("book"), "show", "orbit-talks"]);
    assert!(text.contains("negotiating · reported"), "{text}");
    assert!(text.contains("« Orbit pourrait apporter"), "{text}");
    let cloud = stdout(&["--book", &book("book"), "show", "nimbus-cloud"]);
    assert!(cloud.contains("signed · inferred"), "{cloud}");
    let nimbus = stdout(&["--book", &book("book"), "show", "nimbus"]);
    assert!(
        nimbus.contains("undated"),
        "an undated metric says so: {nimbus}"
    );
    assert!(nimbus.contains("· reported"), "{nimbus}");
}

#[test]
fn a_quote_not_in_its_file_is_an_error_at_the_quote() {
    let assert = dealbook()
        .args(["check", &book("bad-quote")])
        .assert()
        .code(1);
    let err = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("bad-quote.yaml:"))
        .collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].ends_with("7:11: warning: source file 'missing.txt' cannot be read (no such file); the quotes citing it are not checked"),
        "{err}"
    );
    assert!(
        lines[1]
            .contains("20:16: error: quote 'lève 4 milliards de dollars' is not in 'article.txt'"),
        "{err}"
    );
    // Case, typographic marks and an ellipsis are forgiven (line 23 is not reported).
}

#[test]
fn syndicates_are_validated() {
    let assert = dealbook()
        .args(["check", &book("bad-syndicate")])
        .assert()
        .code(1);
    let err = String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8");
    let expect = [
        "17:22: error: flow source 'harbr' is not an entity in this book (did you mean 'harbor'?)",
        "20:30: error: flow source 'acme' is listed twice; list each entity once",
        "24:13: error: 'nimbus' is both a sender and a recipient of this flow",
        "26:15: error: a flow needs at least one sender; this list is empty",
        "32:19: error: in deals[0].flows[4].inferred: expected true or false, found the text 'maybe'",
    ];
    for e in expect {
        assert!(err.contains(e), "missing «{e}» in:\n{err}");
    }
}

#[test]
fn the_fixture_book_is_clean() {
    dealbook()
        .args(["check", &book("book")])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "ok — 6 entities, 4 deals, 1 source",
        ));
}
