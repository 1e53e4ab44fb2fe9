//! Tests of flow aggregation, interval totals, entity totals and loops on fixture books.

use super::interval::{Contribution, Interval, Totals, contribution};
use super::*;
use crate::book::load_str;
use crate::book::terms::{Bound, Term};

fn book(yaml: &str) -> Book {
    let loaded = load_str(yaml);
    assert!(
        loaded.diagnostics.is_empty(),
        "fixture has diagnostics: {:?}",
        loaded.diagnostics
    );
    loaded.book.expect("fixture loads")
}

macro_rules! fixture {
    ($name:literal) => {
        book(include_str!(concat!(
            "../../../tests/fixtures/flows/",
            $name,
            ".yaml"
        )))
    };
}

fn id(book: &Book, e: EntityIx) -> &str {
    &book.entities[e].id
}

fn deal_ids(book: &Book, deals: &[DealIx]) -> Vec<String> {
    deals.iter().map(|&d| book.deals[d].id.clone()).collect()
}

/// Edges as "from>to:kind", in order.
fn edge_keys(book: &Book, edges: &[Edge]) -> Vec<String> {
    edges
        .iter()
        .map(|e| format!("{}>{}:{}", id(book, e.from), id(book, e.to), e.kind))
        .collect()
}

/// Loops as "a>b>a".
fn loop_keys(book: &Book, report: &CycleReport) -> Vec<String> {
    report
        .cycles
        .iter()
        .map(|c| {
            let mut ids: Vec<&str> = c.entities.iter().map(|&e| id(book, e)).collect();
            ids.push(ids[0]);
            ids.join(">")
        })
        .collect()
}

const B: f64 = 1e9;

fn iv(low: f64, high: Option<f64>) -> Interval {
    Interval { low, high }
}

#[test]
fn interval_sums() {
    let up_to = iv(0.0, Some(100.0 * B));
    let at_least = iv(50.0 * B, None);
    let exact = Interval::exact(8.0 * B);
    assert_eq!(up_to + exact, iv(8.0 * B, Some(108.0 * B)));
    assert_eq!(up_to + at_least, iv(50.0 * B, None));
    assert_eq!(up_to + at_least + exact, iv(58.0 * B, None));
    assert_eq!(Interval::ZERO + exact, exact);
}

#[test]
fn totals_keep_currencies_apart() {
    let mut t = Totals::default();
    t.add("USD", Interval::exact(8.0 * B));
    t.add("EUR", Interval::exact(2.0 * B));
    t.add("USD", iv(0.0, Some(100.0 * B)));
    let units: Vec<&str> = t.0.iter().map(|x| x.unit.as_str()).collect();
    assert_eq!(units, ["EUR", "USD"]);
    assert_eq!(t.0[1].interval(), iv(8.0 * B, Some(108.0 * B)));
    assert_eq!(t.size(), 108.0 * B);
    t.add("USD", iv(50.0 * B, None));
    // Unbounded above: the largest finite bound is the lower one.
    assert_eq!(t.size(), 58.0 * B);
    assert_eq!(Totals::default().size(), 0.0);
}

fn term(bound: Bound, low: Option<f64>, high: Option<f64>, unit: Option<&str>) -> Term {
    Term {
        text: String::new(),
        bound,
        low,
        high,
        unit: unit.map(str::to_string),
        per: None,
        of: None,
    }
}

fn parsed(text: &str) -> Term {
    crate::book::terms::parse(text, &|_| None)
}

fn money(unit: &'static str, low: f64, high: Option<f64>) -> Contribution<'static> {
    Contribution::Money {
        unit,
        interval: iv(low, high),
    }
}

#[rstest::rstest]
#[case("$8B", money("USD", 8.0 * B, Some(8.0 * B)))]
#[case("about $3B", money("USD", 3.0 * B, Some(3.0 * B)))]
#[case("$1–2B", money("USD", B, Some(2.0 * B)))]
#[case("up to $100B", money("USD", 0.0, Some(100.0 * B)))]
#[case("at least $50B", money("USD", 50.0 * B, None))]
#[case("au moins 50 milliards de dollars", money("USD", 50.0 * B, None))]
#[case("€2B", money("EUR", 2.0 * B, Some(2.0 * B)))]
#[case("up to 10% of AMD", Contribution::Listed("≤ 10% of AMD".into()))]
#[case("$50–60B per gigawatt", Contribution::Listed("$50B–$60B per GW".into()))]
#[case("160 million shares", Contribution::Listed("160M shares".into()))]
#[case("undisclosed", Contribution::Undisclosed)]
#[case("significant stake", Contribution::Undisclosed)]
fn what_an_amount_adds(#[case] text: &str, #[case] expected: Contribution) {
    assert_eq!(contribution(Some(&parsed(text))), expected);
}

#[test]
fn totals_read_like_amounts() {
    let total = |parts: &[&str]| {
        let mut t = Totals::default();
        for p in parts {
            let term = parsed(p);
            if let Contribution::Money { unit, interval } = contribution(Some(&term)) {
                t.add(unit, interval);
            }
        }
        t.human()
    };
    assert_eq!(total(&["$1B", "$13B"]), "$14B");
    assert_eq!(total(&["up to $100B"]), "≤ $100B");
    assert_eq!(total(&["at least $8B"]), "≥ $8B");
    assert_eq!(total(&["$8B", "up to $100B"]), "$8B–$108B");
    assert_eq!(total(&["$8B", "up to $100B", "at least $50B"]), "≥ $58B");
    assert_eq!(total(&["$8B", "€2B"]), "€2B + $8B");
    assert_eq!(total(&[]), "");
}

#[test]
fn no_amount_and_unread_amounts_are_undisclosed() {
    assert_eq!(contribution(None), Contribution::Undisclosed);
    for bound in [Bound::Undisclosed, Bound::Unparsed] {
        let t = term(bound, None, None, None);
        assert_eq!(contribution(Some(&t)), Contribution::Undisclosed);
    }
}

#[test]
fn flows_by_kind_and_ends() {
    let b = fixture!("subsidiary-loop");
    let edges = aggregate(&b, false);
    assert_eq!(
        edge_keys(&b, &edges),
        [
            "bigco>startup:investment",
            "startup>bigco-cloud:payment",
            "bigco>bigco-cloud:investment",
        ]
    );
    assert_eq!(deal_ids(&b, &edges[1].deals), ["startup-cloud"]);
}

#[test]
fn roll_up_merges_subsidiaries_and_drops_internal_flows() {
    let b = fixture!("subsidiary-loop");
    let edges = aggregate(&b, true);
    assert_eq!(
        edge_keys(&b, &edges),
        ["bigco>startup:investment", "startup>bigco:payment"]
    );
    assert_eq!(deal_ids(&b, &edges[1].deals), ["startup-cloud"]);
}

#[test]
fn one_edge_holds_every_flow_of_its_kind() {
    let b = fixture!("intervals");
    let edges = aggregate(&b, false);
    let loan = edges
        .iter()
        .find(|e| e.kind == FlowKind::Loan)
        .expect("a loan edge");
    assert_eq!(loan.flows.len(), 6);
    // Two flows of one deal: the deal is listed once.
    assert_eq!(
        deal_ids(&b, &loan.deals),
        ["loan-up-to", "loan-at-least", "loan-exact"]
    );
}

#[test]
fn an_edge_adds_bounds_per_currency() {
    let b = fixture!("intervals");
    let edges = aggregate(&b, false);
    assert_eq!(
        edge_keys(&b, &edges),
        [
            "lender>borrower:loan",
            "lender>borrower:investment",
            "borrower>lender:equity",
        ]
    );
    // Every deal of the fixture is committed: nothing is in talks.
    assert!(edges.iter().all(|e| e.parts.talks.is_empty()));
    let loan = &edges[0].parts.committed;
    assert_eq!(loan.totals.human(), "€2B + ≥ $58B");
    assert_eq!(loan.undisclosed, 2);
    assert!(loan.stakes.is_empty());
    assert_eq!(edges[1].parts.committed.totals.human(), "$4B–$5B");
    assert!(edges[2].parts.committed.totals.is_empty());
    assert_eq!(edges[2].parts.committed.stakes, ["≤ 10% of Borrower"]);
}

#[test]
fn entity_totals_add_money_in_and_out() {
    let b = fixture!("intervals");
    let totals = entity_totals(&b);
    let lender = &totals[b.entity("lender").expect("lender")];
    // Loans [58B, ∞) and investments [4B, 5B] in dollars, €2B.
    let out = &lender.out.committed;
    assert_eq!(out.totals.human(), "€2B + ≥ $62B");
    assert_eq!((out.flows, out.undisclosed), (8, 2));
    assert_eq!(lender.inn.committed.stakes, ["≤ 10% of Borrower"]);
    let borrower = &totals[b.entity("borrower").expect("borrower")];
    assert_eq!(borrower.inn.committed.totals, out.totals);
    assert!(borrower.out.committed.totals.is_empty());
}

#[test]
fn entity_totals_count_flows_in_and_out() {
    let b = fixture!("trade-both-ways");
    let totals = entity_totals(&b);
    let mill = b.entity("mill").expect("mill");
    let t = &totals[mill];
    assert_eq!(t.entity, mill);
    assert_eq!((t.inn.flows(), t.out.flows()), (2, 1));
    assert_eq!(t.deals, 2);
}

#[test]
fn a_plain_investment_is_no_loop() {
    let b = fixture!("plain-investment");
    assert!(find_cycles(&b, &Limits::default()).cycles.is_empty());
}

#[test]
fn vendor_financing_across_two_deals_is_a_loop() {
    let b = fixture!("vendor-loop");
    let report = find_cycles(&b, &Limits::default());
    assert_eq!(loop_keys(&b, &report), ["chipco>labco>chipco"]);
    let c = &report.cycles[0];
    assert_eq!(
        deal_ids(&b, &c.deals),
        ["chipco-invests", "labco-buys-chips"]
    );
    assert_eq!(c.steps.len(), 2);
    assert_eq!(c.steps[0].flows, [FlowRef { deal: 0, flow: 0 }]);
    assert_eq!(report.truncated, None);
}

#[test]
fn a_loop_through_a_subsidiary_is_rolled_up() {
    let b = fixture!("subsidiary-loop");
    let report = find_cycles(&b, &Limits::default());
    // The internal injection BigCo → BigCo Cloud is a self-loop once rolled up: not a cycle.
    assert_eq!(loop_keys(&b, &report), ["bigco>startup>bigco"]);
    let back = &report.cycles[0].steps[1];
    let flow = &b.deals[back.flows[0].deal].flows[back.flows[0].flow];
    assert_eq!(id(&b, flow.recipient()), "bigco-cloud");
}

#[test]
fn trade_both_ways_is_not_circular_financing() {
    let b = fixture!("trade-both-ways");
    assert!(find_cycles(&b, &Limits::default()).cycles.is_empty());
}

#[test]
fn a_loop_starts_where_financing_leaves() {
    // OpenAI is first in the bundled book, but the AMD loop starts at AMD, whose equity is the
    // financing step.
    let b = crate::book::load_bundled()
        .book
        .expect("bundled book loads");
    let keys = loop_keys(&b, &find_cycles(&b, &Limits::default()));
    for expected in [
        "amd>openai>amd",
        "nvidia>openai>nvidia",
        "thrive-capital>openai>thrive-capital",
        "amazon>anthropic>amazon",
    ] {
        assert!(
            keys.contains(&expected.to_string()),
            "{expected} not in {keys:?}"
        );
    }
}

#[test]
fn one_entitys_totals_are_its_share_of_the_books() {
    let b = crate::book::load_bundled().book.expect("bundled");
    let all = entity_totals(&b);
    for (e, t) in all.iter().enumerate() {
        assert_eq!(&super::totals_of(&b, e), t, "{}", b.entities[e].id);
    }
}
