//! Where loading time goes on a synthetic book: `cargo run --release --example load-profile [DEALS]`.

use serde::Deserialize;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let text = dealbook::synth::book_yaml(n);
    println!("{n} deals, {} MB of YAML", text.len() / 1_000_000);
    let t = Instant::now();
    let v =
        serde_yaml::Value::deserialize(serde_yaml::Deserializer::from_str(&text)).expect("yaml");
    println!("serde_yaml → Value: {:?}", t.elapsed());
    drop(v);
    let t = Instant::now();
    let _ = serde::de::IgnoredAny::deserialize(serde_yaml::Deserializer::from_str(&text))
        .expect("yaml");
    println!("serde_yaml parse only (IgnoredAny): {:?}", t.elapsed());
    let t = Instant::now();
    let loaded = dealbook::book::load_str(&text);
    println!(
        "load_str (all): {:?}, {} diagnostics",
        t.elapsed(),
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
}
