//! A synthetic deal book of DEALS deals (10,000 unless told) on standard output, to try the
//! explorer and the commands on a big book as the benchmarks see it:
//! `cargo run --release --example synth-book 100000 > /tmp/big.yaml && dealbook /tmp/big.yaml`.

use std::io::Write;

fn main() -> std::process::ExitCode {
    let deals = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 10_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("synth-book: DEALS must be a number of deals: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let text = dealbook::synth::book_yaml(deals);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth-book: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
