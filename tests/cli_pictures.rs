//! The pictures from the command line: `dealbook timeline` to a pipe, and the money map as SVG
//! (`export --format svg --entity ID`), parsed as XML.

mod support;

use support::dealbook;

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

#[test]
fn the_timeline_places_deals_by_precision_and_counts_the_undated() {
    let text = stdout(&["timeline"]);
    let lines: Vec<&str> = text.lines().collect();
    // The axis: years from the earliest deal (2019) to the latest (2025).
    assert!(lines[0].trim_start().starts_with("2019"), "{text}");
    assert!(lines[0].contains("2025"), "{text}");
    // The 2019 deal first, closed (█); the 2025 ones after, each its year wide.
    assert!(
        lines[1].starts_with("2019") && lines[1].contains('█'),
        "{text}"
    );
    assert!(lines[1].contains("Microsoft's initial $1B contract with OpenAI (closed)"));
    let amd = lines
        .iter()
        .find(|l| l.contains("AMD grants"))
        .expect("AMD's deal");
    assert!(
        amd.starts_with("2025") && amd.contains('▒'),
        "announced is ▒: {amd}"
    );
    // A year on a 48-column axis of 7 years is about 7 columns.
    let width = amd.chars().filter(|c| *c == '▒').count();
    assert!(
        (6..=8).contains(&width),
        "{width} columns for a year: {amd}"
    );
    assert!(text.contains("undated (8):"), "{text}");
    assert!(text.contains("█ closed"), "the legend: {text}");
    // No colour and no terminal codes in a pipe.
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn the_timeline_of_one_entity_with_its_metrics() {
    let text = stdout(&[
        "timeline",
        "--entity",
        "openai",
        "--metrics",
        "--width",
        "30",
    ]);
    assert!(text.contains("◆"), "metrics are rows: {text}");
    assert!(text.contains("OpenAI revenue $4.3B"), "{text}");
    assert!(text.contains("2025-H1"), "{text}");
    assert!(
        !text.contains("Amazon invests at least $8B in Anthropic"),
        "{text}"
    );
    let amd = stdout(&["timeline", "--entity", "AMD"]);
    assert_eq!(
        amd.lines().filter(|l| l.contains("(announced)")).count(),
        1,
        "{amd}"
    );
    dealbook()
        .args(["timeline", "--entity", "nope"])
        .assert()
        .code(2);
}

#[test]
fn the_money_map_svg_is_xml_and_names_every_neighbour() {
    let svg = stdout(&["export", "--format", "svg", "--entity", "openai"]);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for name in [
        "Nvidia",
        "Amazon",
        "SoftBank, Microsoft, Altimeter, Thrive Capital, Coatue",
        "Microsoft",
        "Thrive Holdings",
        "AMD",
        "Middle-East sovereign funds",
        "Oracle",
        "CoreWeave",
        "Other tech giants",
    ] {
        assert!(texts.contains(&name), "{name} is not in the map: {texts:?}");
    }
    let groups = doc.descendants().filter(|n| n.has_tag_name("g")).count();
    assert_eq!(groups, 14, "8 senders and 6 recipients");
    // Loop edges are red.
    assert!(svg.contains("#c00"));
    dealbook()
        .args(["export", "--format", "svg"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("add --entity ID"));
    // DOT keeps working.
    assert!(stdout(&["export", "--format", "dot"]).starts_with("digraph"));
}
