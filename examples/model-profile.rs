//! Where the explorer's start-up time goes on a synthetic book:
//! `cargo run --release --example model-profile [DEALS]` — the load, then each part of
//! `tui::model::Model::new` (flows, loops, totals, search index) on its own.

use dealbook::book::flows::{self, Limits};
use dealbook::search::Index;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let text = dealbook::synth::book_yaml(n);
    println!("{n} deals, {} MB of YAML", text.len() / 1_000_000);
    let t = Instant::now();
    let book = dealbook::book::load_str(&text)
        .book
        .expect("synthetic book loads");
    println!("load_str: {:?}", t.elapsed());
    let t = Instant::now();
    let edges = flows::aggregate(&book, false);
    println!(
        "flows::aggregate ({} edges): {:?}",
        edges.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let loops = flows::find_cycles(&book, &Limits::default());
    println!(
        "flows::find_cycles ({} loops): {:?}",
        loops.cycles.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let totals = flows::entity_totals(&book);
    println!("flows::entity_totals ({}): {:?}", totals.len(), t.elapsed());
    let t = Instant::now();
    let index = Index::new(&book);
    println!(
        "search::Index::new ({} entries): {:?}",
        index.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let model = dealbook::tui::model::Model::new(book);
    println!("Model::new (all of it): {:?}", t.elapsed());
    drop(model);
}
