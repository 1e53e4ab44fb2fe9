//! The explorer on a synthetic book of 100,000 deals (`synth::book_yaml`): the time from a keystroke
//! in the search line to its results while typing "softbank 40" (each keystroke measured on its
//! own, after the keystrokes before it, through `App::update` as the event loop calls it), and
//! one full frame drawn at 200×60; then the pictures: opening the timeline, and a frame of the
//! timeline and of the money map at 200×60.
//!
//! `cargo bench --bench explorer`. Loading the book and building the app happen once, outside
//! the measurements (their times are printed).

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::load_str;
use dealbook::synth::book_yaml;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::{Duration, Instant};

const DEALS: usize = 100_000;
const QUERY: &str = "softbank 40";

fn app() -> App {
    let text = book_yaml(DEALS);
    let t = Instant::now();
    let book = load_str(&text).book.expect("synthetic book loads");
    eprintln!(
        "load {DEALS} deals ({} MB): {:?}",
        text.len() / 1_000_000,
        t.elapsed()
    );
    let t = Instant::now();
    let app = App::new(book, 200, 60);
    eprintln!(
        "App::new (flows, loops, totals, search index): {:?}",
        t.elapsed()
    );
    app
}

/// Reopens the search line, forgets the last search (an empty query does), and types `text`.
fn retype(app: &mut App, text: &str) {
    app.update(Action::SearchCancel);
    app.update(Action::StartSearch);
    app.update(Action::SearchInput('x'));
    app.update(Action::SearchBackspace);
    for c in text.chars() {
        app.update(Action::SearchInput(c));
    }
}

/// Types QUERY `rounds` times from an empty line and reports the median and the worst
/// keystroke over all of them (criterion below gives each keystroke's own distribution).
fn summary(app: &mut App, rounds: usize) {
    let mut times = Vec::new();
    let mut backspaces = Vec::new();
    for _ in 0..rounds {
        retype(app, "");
        for c in QUERY.chars() {
            let t = Instant::now();
            app.update(Action::SearchInput(c));
            times.push(t.elapsed());
        }
        // A backspace cannot narrow: it searches the whole index again.
        for _ in 0..3 {
            let t = Instant::now();
            app.update(Action::SearchBackspace);
            backspaces.push(t.elapsed());
        }
    }
    app.update(Action::SearchCancel);
    times.sort();
    backspaces.sort();
    eprintln!(
        "typing '{QUERY}' {rounds} times: median keystroke {:?}, worst {:?} ({} keystrokes); backspace median {:?}, worst {:?}",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len(),
        backspaces[backspaces.len() / 2],
        backspaces[backspaces.len() - 1]
    );
}

fn bench(c: &mut Criterion) {
    let mut app = app();
    summary(&mut app, 15);
    let mut g = c.benchmark_group(format!("explorer, {DEALS} deals"));
    g.sample_size(20).measurement_time(Duration::from_secs(4));
    for n in 1..=QUERY.chars().count() {
        let typed: String = QUERY.chars().take(n - 1).collect();
        let next = QUERY.chars().nth(n - 1).unwrap_or(' ');
        g.bench_function(format!("keystroke {n:>2} '{typed}{next}'"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    // Untimed: what came before this keystroke.
                    retype(&mut app, &typed);
                    let t = Instant::now();
                    app.update(Action::SearchInput(next));
                    total += t.elapsed();
                    black_box(app.search().map(|s| s.hits.len()));
                }
                total
            })
        });
    }
    app.update(Action::SearchCancel);
    // A busy screen: a deal open in Detail, the Flows pane in view.
    app.update(Action::Focus(Pane::Deals));
    app.update(Action::Down);
    app.update(Action::Open);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    g.bench_function("frame 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| dealbook::tui::ui::draw(f, black_box(&app)))
                .expect("draw");
        })
    });
    // The pictures (issue 12): opening the timeline places every deal once; a frame of each
    // picture draws only its visible rows.
    app.update(Action::Back);
    g.bench_function("open timeline (t)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                app.update(Action::ClearFilter);
                let t = Instant::now();
                app.update(Action::Timeline);
                total += t.elapsed();
                app.update(Action::Back);
            }
            total
        })
    });
    app.update(Action::Timeline);
    app.update(Action::Bottom);
    g.bench_function("frame 200x60 timeline", |b| {
        b.iter(|| {
            terminal
                .draw(|f| dealbook::tui::ui::draw(f, black_box(&app)))
                .expect("draw");
        })
    });
    app.update(Action::Back);
    app.update(Action::Focus(Pane::Entities));
    app.update(Action::Top);
    app.update(Action::MoneyMap);
    g.bench_function("frame 200x60 money map", |b| {
        b.iter(|| {
            terminal
                .draw(|f| dealbook::tui::ui::draw(f, black_box(&app)))
                .expect("draw");
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
