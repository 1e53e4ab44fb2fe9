//! Copy with citation: `y` copies the selected figure or record as one line with its source,
//! `Y` the page in Detail as Markdown (the text of `dealbook show ID --format md`); in a real
//! terminal the text goes out as an OSC 52 sequence.

mod support;

use dealbook::book::{Record, load_bundled};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use support::pty::Session;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

#[test]
fn y_copies_a_term_with_its_deal_and_source() {
    let mut a = app();
    let d = a.model.book.deal("nvidia-openai-investment").expect("deal");
    a.update(Action::Focus(Pane::Deals));
    let row = a.deal_rows().position(d).expect("row");
    for _ in 0..row {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    // Detail lists the deal's parties, then its term: select the term.
    let items = a.detail_items();
    let at = items
        .iter()
        .position(|i| *i == Record::Term { deal: d, term: 0 })
        .expect("the term is an item");
    a.update(Action::Top);
    for _ in 0..at {
        a.update(Action::Down);
    }
    a.update(Action::CopyLine);
    assert_eq!(
        a.clipboard.as_deref(),
        Some("up to $100B — Nvidia invests up to $100B in OpenAI — HyperAI, 2025")
    );
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("copied: up to $100B"))
    );
    a.update(Action::CopyPage);
    let md = a.clipboard.clone().expect("markdown");
    assert!(
        md.starts_with("# Nvidia invests up to $100B in OpenAI"),
        "{md}"
    );
    assert!(md.contains("## Flows"), "{md}");
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("as Markdown"))
    );
}

#[test]
fn y_in_a_real_terminal_writes_osc_52() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for(&["Entities", "Deals", "Flows"]);
    s.send("y");
    // OpenAI is selected: "OpenAI (company, openai)", base64-encoded in the sequence.
    let expected = format!("\x1b]52;c;{}", base64("OpenAI (company, openai)"));
    s.wait_written(expected.as_bytes());
    s.wait_for(&["copied: OpenAI (company, openai)"]);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Standard base64 with padding, as OSC 52 carries it.
fn base64(text: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = text.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn show_format_md_prints_what_y_copies() {
    let out = support::dealbook()
        .args(["show", "nvidia-openai-investment", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).expect("UTF-8");
    let book = load_bundled().book.expect("bundled");
    let d = book.deal("nvidia-openai-investment").expect("deal");
    assert_eq!(md, dealbook::book::cite::markdown(&book, Record::Deal(d)));
    assert!(
        md.contains("  > a investi jusqu’à 100 milliards de dollars dans OpenAI"),
        "{md}"
    );
    let entity = support::dealbook()
        .args(["show", "openai", "--format", "md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let entity = String::from_utf8(entity).expect("UTF-8");
    assert!(
        entity.contains("| valuation | undated | $260B |"),
        "{entity}"
    );
    support::dealbook()
        .args(["show", "openai", "--format", "md", "--json"])
        .assert()
        .code(2);
}
