//! Where loading time goes on a synthetic book: `cargo run --release --example load-profile [DEALS]`.
//! Compares the full load with its floor, saphyr-parser's event scan, on the same text.

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let text = dealbook::synth::book_yaml(n);
    println!("{n} deals, {} MB of YAML", text.len() / 1_000_000);
    let t = Instant::now();
    let events = saphyr_parser::Parser::new_from_str(&text)
        .map_while(Result::ok)
        .count();
    let floor = t.elapsed();
    println!("saphyr-parser event scan (the floor): {floor:?}, {events} events");
    let t = Instant::now();
    let loaded = dealbook::book::load_str(&text);
    let all = t.elapsed();
    println!(
        "load_str (all): {all:?}, {:.2}× the floor, {} diagnostics",
        all.as_secs_f64() / floor.as_secs_f64(),
        loaded.diagnostics.len()
    );
    for d in loaded.diagnostics.iter().take(3) {
        println!("  {d}");
    }
    let t = Instant::now();
    let mut terms = 0;
    for d in loaded.book.iter().flat_map(|b| &b.deals) {
        for term in &d.terms {
            let _ = dealbook::book::terms::parse(&term.term.text, &|_| None);
            terms += 1;
        }
    }
    println!("re-parsing {terms} terms: {:?}", t.elapsed());
    let t = Instant::now();
    drop(loaded);
    println!("dropping the book: {:?}", t.elapsed());
}
