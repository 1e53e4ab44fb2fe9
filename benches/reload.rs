//! A reload of a 10,000-deal book (`synth::book_yaml`), as the explorer does it when the file
//! changes: the worker's part before the swap (read the file, check it, build the model with
//! its flows and loops, count what changed — off the UI thread, the old book on screen
//! meanwhile), its part after (the search index, while the new book is already shown), and
//! the UI thread's part (`App::replace_model`: the place kept by id, the search run again, the marks
//! counted). Beside them, the floor of the same run: saphyr-parser's event scan of the same text.
//!
//! `cargo bench --bench reload`. The goal (issue 11): the worker's part before the swap under
//! 300 ms, and the UI thread's part well under a frame (16 ms), so keys are answered
//! throughout.

use criterion::{Criterion, criterion_group, criterion_main};
use dealbook::book::{Progress, load_file_with, load_str};
use dealbook::synth::book_yaml;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::live::changes;
use dealbook::tui::loader::{Index, Outcome, Source, load, load_against};
use dealbook::tui::model::Model;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

const DEALS: usize = 10_000;

fn scan(text: &str) -> usize {
    let mut n = 0;
    for event in saphyr_parser::Parser::new_from_str(text) {
        let _ = black_box(event.expect("the synthetic book parses"));
        n += 1;
    }
    n
}

fn bench(c: &mut Criterion) {
    let text = book_yaml(DEALS);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.yaml");
    std::fs::write(&path, &text).expect("write the book");
    let source = Source::File(path);
    let mut g = c.benchmark_group(format!("reload {}k deals", DEALS / 1000));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.warm_up_time(Duration::from_secs(1));
    g.bench_function("floor: saphyr-parser event scan", |b| {
        b.iter(|| scan(black_box(&text)))
    });
    // The UI thread's part, on an explorer with a place to keep: Deals focused, a deal deep
    // in the list selected, a search kept for n/N.
    let model = match load(&source, &Progress::new(), Index::Before) {
        Outcome::Ready { model, .. } => model,
        other => panic!("{other:?}"),
    };
    let book = load_str(&text).book.expect("the book loads");
    let mut app = App::new(book, 200, 60);
    app.update(Action::Focus(Pane::Deals));
    for _ in 0..500 {
        app.update(Action::Down);
    }
    app.update(Action::StartSearch);
    for ch in "softbank".chars() {
        app.update(Action::SearchInput(ch));
    }
    app.update(Action::SearchOpen);
    g.bench_function(
        "worker, before the swap: read, check, model, what changed",
        |b| {
            b.iter_with_large_drop(|| {
                match load_against(&source, &Progress::new(), Index::After, Some(&model)) {
                    Outcome::Ready {
                        model: new,
                        changes,
                        ..
                    } => (new, changes),
                    other => panic!("{other:?}"),
                }
            })
        },
    );
    // The worker's part before the swap, piece by piece: where its time goes.
    g.bench_function("worker part: read and check the file", |b| {
        b.iter_with_large_drop(|| {
            match source.path().map(|p| load_file_with(p, &Progress::new())) {
                Some(Ok(loaded)) => loaded,
                other => panic!("{other:?}"),
            }
        })
    });
    g.bench_function("worker part: Model::without_index", |b| {
        b.iter_batched(
            || load_str(&text).book.expect("the book loads"),
            Model::without_index,
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("worker part: what changed", |b| {
        b.iter(|| black_box(changes(&model.book, &model.book)))
    });
    g.bench_function("worker, after the swap: search index", |b| {
        b.iter_batched(
            || match load(&source, &Progress::new(), Index::After) {
                Outcome::Ready { model, .. } => model,
                other => panic!("{other:?}"),
            },
            |new| {
                black_box(new.build_index());
                new
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("UI thread: App::replace_model", |b| {
        b.iter(|| app.replace_model_with(Arc::clone(&model), Vec::new(), None))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
