//! `dealbook flows` and `dealbook export --format dot` end to end: fixture books in
//! tests/fixtures/flows, and the bundled book.

mod support;

use serde_json::{Value, json};
use support::{dealbook, fixture};

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    dealbook().args(args).assert()
}

fn stdout(args: &[&str]) -> String {
    let out = run(args).success().get_output().stdout.clone();
    String::from_utf8(out).expect("output is UTF-8")
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("output is JSON")
}

/// The path of tests/fixtures/flows/NAME.yaml.
fn book(name: &str) -> String {
    fixture(&format!("flows/{name}.yaml")).display().to_string()
}

/// `dealbook --book FIXTURE ARGS…` as JSON.
fn on(name: &str, args: &[&str]) -> Value {
    let book = book(name);
    let mut all = vec!["--book", book.as_str()];
    all.extend_from_slice(args);
    json_of(&all)
}

/// The edge from → to of a kind, from `flows --json`.
fn edge<'a>(edges: &'a Value, from: &str, to: &str, kind: &str) -> &'a Value {
    edges
        .as_array()
        .expect("an array of edges")
        .iter()
        .find(|e| e["from"] == from && e["to"] == to && e["kind"] == kind)
        .unwrap_or_else(|| panic!("no {from} → {to} {kind} edge in {edges:#}"))
}

fn keys(edges: &Value) -> Vec<String> {
    edges
        .as_array()
        .expect("an array of edges")
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{}",
                e["from"].as_str().unwrap_or("?"),
                e["to"].as_str().unwrap_or("?"),
                e["kind"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

fn cycle_ids(report: &Value) -> Vec<Vec<String>> {
    report["cycles"]
        .as_array()
        .expect("a list of cycles")
        .iter()
        .map(|c| {
            c["entities"]
                .as_array()
                .expect("entities")
                .iter()
                .map(|e| e.as_str().unwrap_or("?").to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_plain_investment_is_one_edge() {
    let edges = on("plain-investment", &["flows", "--json"]);
    assert_eq!(keys(&edges), ["fund>startup:investment"]);
    let e = &edges[0];
    assert_eq!(e["from_name"], "Fund");
    assert_eq!(e["to_name"], "Startup");
    assert_eq!(e["deals"], json!(["fund-invests"]));
    assert_eq!(
        e["committed"]["totals"],
        json!([{"unit": "USD", "low": 2e9, "high": 2e9}])
    );
    assert_eq!(e["committed"]["undisclosed"], 0);
    assert_eq!(e["committed"]["stakes"], json!([]));
}

#[test]
fn a_plain_investment_is_no_loop() {
    let report = on("plain-investment", &["flows", "--cycles", "--json"]);
    assert_eq!(report["cycles"], json!([]));
    assert_eq!(report["truncated"], false);
    let text = stdout(&["--book", &book("plain-investment"), "flows", "--cycles"]);
    assert!(text.starts_with("No circular financing"), "{text}");
}

#[test]
fn vendor_financing_across_two_deals_is_one_loop() {
    let report = on("vendor-loop", &["flows", "--cycles", "--json"]);
    assert_eq!(cycle_ids(&report), [["chipco", "labco"]]);
    let c = &report["cycles"][0];
    assert_eq!(c["names"], json!(["ChipCo", "LabCo"]));
    assert_eq!(c["deals"], json!(["chipco-invests", "labco-buys-chips"]));
    let first = &c["steps"][0];
    assert_eq!(
        (&first["from"], &first["to"]),
        (&json!("chipco"), &json!("labco"))
    );
    assert_eq!(first["flows"][0]["deal"], "chipco-invests");
    assert_eq!(first["flows"][0]["kind"], "investment");
    assert_eq!(first["flows"][0]["amount"]["high"], 10e9);
    let back = &c["steps"][1]["flows"][0];
    assert_eq!(
        (&back["deal"], &back["kind"]),
        (&json!("labco-buys-chips"), &json!("payment"))
    );

    let text = stdout(&["--book", &book("vendor-loop"), "flows", "--cycles"]);
    assert!(text.contains("\nChipCo → LabCo → ChipCo\n"), "{text}");
    assert!(
        text.contains("deals: chipco-invests, labco-buys-chips"),
        "{text}"
    );
}

#[test]
fn a_subsidiary_is_its_own_end_unless_rolled_up() {
    let edges = on("subsidiary-loop", &["flows", "--json"]);
    assert_eq!(
        keys(&edges),
        [
            "bigco>startup:investment",
            "startup>bigco-cloud:payment",
            "bigco>bigco-cloud:investment",
        ]
    );

    let rolled = on("subsidiary-loop", &["flows", "--roll-up", "--json"]);
    // The payment now ends at the parent, and BigCo's injection into its own subsidiary is
    // internal, so gone.
    assert_eq!(
        keys(&rolled),
        ["bigco>startup:investment", "startup>bigco:payment"]
    );
    let pay = edge(&rolled, "startup", "bigco", "payment");
    assert_eq!(pay["to_name"], "BigCo");
    assert_eq!(pay["deals"], json!(["startup-cloud"]));
    assert_eq!(
        pay["committed"]["totals"],
        json!([{"unit": "USD", "low": 1e9, "high": 1e9}])
    );
}

#[test]
fn a_loop_through_a_subsidiary_is_found() {
    let report = on("subsidiary-loop", &["flows", "--cycles", "--json"]);
    assert_eq!(cycle_ids(&report), [["bigco", "startup"]]);
    let back = &report["cycles"][0]["steps"][1];
    assert_eq!(
        (&back["from"], &back["to"]),
        (&json!("startup"), &json!("bigco"))
    );
    assert_eq!(back["flows"][0]["to"], "bigco-cloud");

    let text = stdout(&["--book", &book("subsidiary-loop"), "flows", "--cycles"]);
    assert!(text.contains("BigCo → Startup → BigCo"), "{text}");
    assert!(text.contains("Startup → BigCo Cloud (BigCo)"), "{text}");
}

#[test]
fn trade_both_ways_is_not_circular_financing() {
    let edges = on("trade-both-ways", &["flows", "--json"]);
    assert_eq!(edges.as_array().map(Vec::len), Some(3));
    let report = on("trade-both-ways", &["flows", "--cycles", "--json"]);
    assert_eq!(report["cycles"], json!([]));
}

#[test]
fn bounds_add_up_as_intervals_per_currency() {
    let edges = on("intervals", &["flows", "--json"]);
    // Largest first: the loan's largest finite bound is $58B, the investments' $5B.
    assert_eq!(
        keys(&edges),
        [
            "lender>borrower:loan",
            "lender>borrower:investment",
            "borrower>lender:equity",
        ]
    );
    let loan = &edges[0];
    // up to $100B + at least $50B + $8B = [$58B, ∞); euros apart; two undisclosed.
    assert_eq!(
        loan["committed"]["totals"],
        json!([
            {"unit": "EUR", "low": 2e9, "high": 2e9},
            {"unit": "USD", "low": 58e9, "high": null},
        ])
    );
    assert_eq!(loan["committed"]["undisclosed"], 2);
    assert_eq!(
        loan["deals"],
        json!(["loan-up-to", "loan-at-least", "loan-exact"])
    );

    let inv = &edges[1];
    // about $3B + $1–2B.
    assert_eq!(
        inv["committed"]["totals"],
        json!([{"unit": "USD", "low": 4e9, "high": 5e9}])
    );

    let stake = &edges[2];
    assert_eq!(
        stake["committed"]["totals"],
        json!([]),
        "a percent stake is not money"
    );
    assert_eq!(stake["committed"]["undisclosed"], 0);
    let stakes = stake["committed"]["stakes"].as_array().expect("stakes");
    assert_eq!(stakes.len(), 1);
    assert!(
        stakes[0].as_str().is_some_and(|s| s.contains("10%")),
        "{stakes:?}"
    );
}

#[test]
fn flows_as_a_table() {
    let text = stdout(&["--book", &book("intervals"), "flows"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("FROM"), "{text}");
    assert!(lines[1].starts_with("Lender"), "{text}");
    assert!(lines[1].contains("2 undisclosed"), "{text}");
    assert!(!text.contains('\x1b'), "colour codes in piped output");
}

#[test]
fn the_bundled_book_has_its_known_loops() {
    let text = stdout(&["flows", "--cycles"]);
    for expected in [
        "AMD → OpenAI → AMD",
        "Thrive Capital → OpenAI → Thrive Capital",
        "Amazon → Anthropic → Amazon",
        "Anthropic → AWS (Amazon)",
        "OpenAI → Thrive Holdings (Thrive Capital)",
    ] {
        assert!(text.contains(expected), "'{expected}' not in:\n{text}");
    }
    assert!(!text.contains('\x1b'));

    let report = json_of(&["flows", "--cycles", "--json"]);
    let cycles = report["cycles"].as_array().expect("cycles");
    let find = |ids: &[&str]| {
        cycles
            .iter()
            .find(|c| c["entities"] == json!(ids))
            .unwrap_or_else(|| panic!("no loop {ids:?} in {report:#}"))
    };
    let amd = find(&["amd", "openai"]);
    assert_eq!(amd["deals"], json!(["amd-openai-gpu-stake"]));
    assert_eq!(amd["steps"][0]["flows"][0]["kind"], "equity");
    let thrive = find(&["thrive-capital", "openai"]);
    assert_eq!(
        thrive["deals"],
        json!(["openai-thrive-holdings", "openai-40b-round"])
    );
    let amazon = find(&["amazon", "anthropic"]);
    assert_eq!(
        amazon["deals"],
        json!(["amazon-anthropic-investment", "aws-anthropic-cloud"])
    );
    // Microsoft only invests: no loop.
    assert!(
        cycles
            .iter()
            .all(|c| !c["entities"].to_string().contains("microsoft"))
    );
}

#[test]
fn export_dot_highlights_loops() {
    let dot = stdout(&["export", "--format", "dot"]);
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert!(
        dot.lines()
            .any(|l| l.contains("\"amd\" -> \"openai\"") && l.contains("color=red")),
        "{dot}"
    );
    // Not every edge is red: OpenAI → Oracle is in no loop.
    assert!(
        dot.lines()
            .any(|l| l.contains("\"openai\" -> \"oracle\"") && !l.contains("red")),
        "{dot}"
    );
    assert!(dot.contains("subgraph \"cluster_amazon\""), "{dot}");
}

#[test]
fn dot_labels_escape_quotes_and_backslashes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("quotes.yaml");
    let book = std::fs::read_to_string(book("vendor-loop"))
        .expect("fixture")
        .replace("name: ChipCo", r#"name: 'Chip "The Best" Co \'"#);
    std::fs::write(&path, book).expect("write");
    let dot = stdout(&[
        "--book",
        path.to_str().expect("path"),
        "export",
        "--format",
        "dot",
    ]);
    assert!(
        dot.contains(r#"[label="Chip \"The Best\" Co \\ "]"#),
        "{dot}"
    );
}

#[test]
fn exit_codes() {
    // Usage: an option that needs --cycles, an unknown option.
    run(&["flows", "--max-length", "4"]).code(2);
    run(&["flows", "--bogus"]).code(2);
    // A book with errors.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.yaml");
    let book = std::fs::read_to_string(book("vendor-loop"))
        .expect("fixture")
        .replace("to: chipco", "to: nobody");
    std::fs::write(&path, book).expect("write");
    run(&["--book", path.to_str().expect("path"), "flows"]).code(1);
    run(&["--book", path.to_str().expect("path"), "flows", "--cycles"]).code(1);
}

#[test]
fn help_explains_the_command() {
    let help = stdout(&["flows", "--help"]);
    for words in [
        "--roll-up",
        "--cycles",
        "up to $100B",
        "undisclosed",
        "circular financing",
    ] {
        assert!(help.contains(words), "'{words}' not in:\n{help}");
    }
}

/// A book of `n` entities where every entity has `per_pair` deals with one flow of `kind` to
/// every other: a complete graph, with more loops than any report can list. (The work and time
/// budgets are tested in src/book/flows, with limits small enough to trip the same way on any
/// machine.)
fn complete_book(n: usize, per_pair: usize, kind: &str) -> String {
    let mut y = String::from("sources:\n  - id: s\n    title: S\nentities:\n");
    for e in 0..n {
        y.push_str(&format!("  - id: e{e}\n    name: E{e}\n"));
    }
    y.push_str("deals:\n");
    for a in 0..n {
        for b in (0..n).filter(|&b| b != a) {
            for k in 0..per_pair {
                y.push_str(&format!(
                    "  - id: d{a}-{b}-{k}\n    title: D\n    status: signed\n    parties: [e{a}, e{b}]\n    flows: [{{from: e{a}, to: e{b}, kind: {kind}, amount: \"$1B\"}}]\n    sources: [s]\n"
                ));
            }
        }
    }
    y
}

#[test]
fn the_memory_budget_cuts_a_million_loops_short_and_says_so() {
    // K7 with 30 investments per pair: 2,365 loops listing 410,760 flows, over the 250,000 a
    // report holds. (Text only: the same report as JSON is 100 MB.)
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("complete.yaml");
    std::fs::write(&path, complete_book(7, 30, "investment")).expect("write");
    let path = path.to_str().expect("path");
    let text = stdout(&[
        "--book",
        path,
        "flows",
        "--cycles",
        "--max-cycles",
        "1000000",
    ]);
    // A loop is a line "E0 → E1 → E0", each of its flows a line "  E0 → E1  investment  $1B  d…".
    let loops = text.lines().filter(|l| l.starts_with('E')).count();
    let listed = text.lines().filter(|l| l.starts_with("  E")).count();
    assert!((245_000..=250_000).contains(&listed), "{listed}");
    assert!(text.starts_with(&format!("{loops} loops of circular financing")));
    assert_eq!(
        text.lines().last(),
        Some(format!(
            "note: stopped after {loops} cycles listing {listed} flows, the memory budget of a report; there are more (lower --max-cycles or --max-length for fewer)"
        ).as_str())
    );
}
