//! `--where` and `--sort` on `list`, and query errors in `dealbook search`: one grammar, errors
//! with a position, a caret and a did-you-mean, exit status 2 (docs/search.md).

mod support;

use support::dealbook;

fn stdout(args: &[&str]) -> String {
    let out = dealbook().args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The first column of a table, header left out.
fn ids(table: &str) -> Vec<String> {
    table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn where_keeps_only_the_matching_deals() {
    let all = ids(&stdout(&["list", "deals"]));
    let signed = ids(&stdout(&[
        "list",
        "deals",
        "--where",
        "status:signed,closed",
    ]));
    assert!(!signed.is_empty() && signed.len() < all.len(), "{signed:?}");
    let json = stdout(&["list", "deals", "--where", "status:signed,closed", "--json"]);
    let deals: serde_json::Value = serde_json::from_str(&json).expect("json");
    for d in deals.as_array().expect("array") {
        let status = d["status"].as_str().expect("status");
        assert!(matches!(status, "signed" | "closed"), "{d}");
    }
    // Negation keeps exactly the others.
    let others = ids(&stdout(&[
        "list",
        "deals",
        "--where",
        "-status:signed,closed",
    ]));
    assert_eq!(signed.len() + others.len(), all.len());
    assert!(others.iter().all(|id| !signed.contains(id)));
}

#[test]
fn sort_by_date_puts_undated_last_both_ways() {
    let table = stdout(&["list", "deals", "--sort", "date:desc"]);
    let dates: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    let dated: Vec<&str> = dates.iter().copied().filter(|d| *d != "—").collect();
    let mut sorted = dated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dated, sorted, "newest first");
    let first_undated = dates
        .iter()
        .position(|d| *d == "—")
        .expect("an undated deal");
    assert!(
        dates[first_undated..].iter().all(|d| *d == "—"),
        "{dates:?}"
    );
    let asc = stdout(&["list", "deals", "--sort", "date"]);
    assert!(
        asc.lines().last().expect("rows").contains('—'),
        "undated last ascending too"
    );
}

#[test]
fn a_query_error_names_the_place_and_the_likely_word() {
    let out = dealbook()
        .args(["search", "nvidia stauts:signed"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("unknown field 'stauts' (did you mean 'status'?)"),
        "{err}"
    );
    // The caret sits under the 's' of 'stauts', after "nvidia ".
    let lines: Vec<&str> = err.lines().collect();
    let query = lines
        .iter()
        .position(|l| l.trim() == "nvidia stauts:signed")
        .expect("query line");
    let caret = lines[query + 1];
    assert_eq!(caret.find('^'), lines[query].find("stauts"), "{err}");
    // The same words in --where are the same error.
    let out = dealbook()
        .args(["list", "deals", "--where", "stauts:signed"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'status'"));
}

#[test]
fn an_unknown_sort_key_lists_the_keys() {
    let out = dealbook()
        .args(["list", "deals", "--sort", "nope"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("keys: date, amount, status, title, book"),
        "{err}"
    );
}

#[test]
fn flows_where_adds_up_only_the_flows_kept() {
    let all = stdout(&["flows", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&all).expect("json");
    let kept = stdout(&["flows", "--where", "from:nvidia", "--json"]);
    let kept: serde_json::Value = serde_json::from_str(&kept).expect("json");
    let kept = kept.as_array().expect("array");
    assert!(!kept.is_empty() && kept.len() < all.as_array().expect("array").len());
    for e in kept {
        assert_eq!(e["from"], "nvidia", "{e}");
    }
    // Per flow, not per edge: Microsoft's 2019 $1B is left out of `amount:>10B`, its $13B kept.
    let big = stdout(&["flows", "--where", "from:microsoft amount:>10B"]);
    assert!(big.contains("$13B") && !big.contains("$14B"), "{big}");
    let out = dealbook()
        .args(["flows", "--where", "form:x"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'from'"));
}

#[test]
fn export_where_writes_the_part_of_the_book_the_query_keeps() {
    let json = stdout(&["export", "--format", "json", "--where", "party:nvidia"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .expect(key)
            .iter()
            .map(|x| x["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(
        ids("deals"),
        ["nvidia-openai-investment", "openai-100b-raise"]
    );
    // Everything the kept deals refer to is there, so the part is a book of its own.
    let entities = ids("entities");
    for id in ["nvidia", "openai", "amazon", "middle-east-sovereign-funds"] {
        assert!(entities.contains(&id.to_string()), "{id} in {entities:?}");
    }
    assert!(!entities.contains(&"anthropic".to_string()), "{entities:?}");
    let sources = ids("sources");
    assert!(
        sources.contains(&"src-altman-deals".to_string()),
        "{sources:?}"
    );
    // CSV tables and DOT take it too.
    let csv = stdout(&[
        "export",
        "--format",
        "csv",
        "--table",
        "deals",
        "--where",
        "status:closed",
    ]);
    assert_eq!(csv.lines().count(), 1 + 3, "{csv}");
    let dot = stdout(&["export", "--format", "dot", "--where", "party:amd"]);
    assert!(dot.contains("AMD") && !dot.contains("Anthropic"), "{dot}");
    // A query error is a usage error with its position.
    let out = dealbook()
        .args(["export", "--format", "json", "--where", "stauts:closed"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'status'"));
}

/// `--where` answers the review filters from the book's marks, as `search` does.
#[test]
fn where_takes_review_filters_in_list_flows_and_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["book.yaml", "article.txt"] {
        std::fs::copy(
            support::fixture(&format!("money/{name}")),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let book = dir.path().join("book.yaml");
    let book = book.to_str().expect("utf-8");
    dealbook()
        .args(["review", book, "mark", "nimbus-cloud"])
        .assert()
        .success();
    let out = dealbook()
        .args(["list", "deals", "--book", book, "--where", "is:reviewed"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(ids, ["nimbus-cloud"], "{text}");
    let out = dealbook()
        .args(["list", "deals", "--book", book, "--where", "-is:reviewed"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().count(),
        4,
        "the header and the three others: {text}"
    );
    assert!(!text.contains("nimbus-cloud"), "{text}");
    let out = dealbook()
        .args([
            "export",
            "--format",
            "json",
            "--book",
            book,
            "--where",
            "is:reviewed",
        ])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let deals: Vec<&str> = (json["deals"].as_array().expect("deals").iter())
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert_eq!(deals, ["nimbus-cloud"]);
    // No flow is marked itself: flows --where is:reviewed keeps none, and says nothing wrong.
    dealbook()
        .args(["flows", "--book", book, "--where", "is:flagged"])
        .assert()
        .success();
}
