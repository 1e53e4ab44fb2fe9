//! Where loading time goes on a synthetic book: `cargo run --release --example load-profile [DEALS]`.
//! Compares the full load and its stages with their floor, saphyr-parser's event scan, on the
//! same text in the same run.

use dealbook::book::checker::Checker;
use dealbook::book::progress::Progress;
use dealbook::book::raw::Reader;
use dealbook::book::yaml::Stream;
use std::time::{Duration, Instant};

fn ratio(t: Duration, floor: Duration) -> f64 {
    t.as_secs_f64() / floor.as_secs_f64()
}

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

    // Events through `Stream`, each record built into a node and dropped.
    let t = Instant::now();
    let progress = Progress::new();
    let mut s = Stream::new(&text, &progress, text.len() as u64, text.chars().count());
    let mut depth = 0;
    let mut nodes = 0;
    while let Ok(ev) = s.event() {
        match ev.0 {
            saphyr_parser::Event::StreamEnd => break,
            saphyr_parser::Event::MappingStart(..) | saphyr_parser::Event::SequenceStart(..)
                if depth == 2 =>
            {
                let _ = std::hint::black_box(s.node(ev));
                nodes += 1;
            }
            saphyr_parser::Event::MappingStart(..) | saphyr_parser::Event::SequenceStart(..) => {
                depth += 1
            }
            saphyr_parser::Event::MappingEnd | saphyr_parser::Event::SequenceEnd => depth -= 1,
            _ => {}
        }
    }
    let built = t.elapsed();
    println!(
        "parse and build {nodes} record nodes: {built:?}, {:.2}× the floor",
        ratio(built, floor)
    );

    // The parser's part as the loader drives it: events through `Stream`, records read into
    // raw structs, nothing validated.
    let t = Instant::now();
    let progress = Progress::new();
    let mut s = Stream::new(&text, &progress, text.len() as u64, text.chars().count());
    let mut ck = Checker::new();
    while !matches!(
        s.peek(),
        Ok(saphyr_parser::Event::MappingStart(..)) | Err(_)
    ) {
        let _ = s.event();
    }
    let mut deals: Vec<dealbook::book::raw::RawDeal> = Vec::new();
    let raw = Reader::new(&mut ck).book(&mut s, &mut deals);
    let read = t.elapsed();
    println!(
        "parse and read into raw records: {read:?}, {:.2}× the floor",
        ratio(read, floor)
    );
    let t = Instant::now();
    drop((raw, deals));
    println!("dropping the raw records: {:?}", t.elapsed());

    let t = Instant::now();
    let loaded = dealbook::book::load_str(&text);
    let all = t.elapsed();
    println!(
        "load_str (all): {all:?}, {:.2}× the floor, {} diagnostics",
        ratio(all, floor),
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
