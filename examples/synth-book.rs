//! A synthetic deal book on stdout, for trying dealbook on a big book:
//! `cargo run --release --example synth-book 100000 > big.yaml`.

use std::io::Write;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let text = dealbook::synth::book_yaml(n);
    // A closed pipe (`| head`) ends the program quietly.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
