//! Synthetic books load cleanly, read back as the book they were written from, and have the
//! sizes and shapes they promise.

use super::*;
use crate::book::{Book, load_bundled, load_str};

/// The records and indexes of two books are the same (`Book` has no `PartialEq`: its terms hold
/// floats; their debug forms are exact).
/// `book` without where its records were in a text (a book built in code has no text).
fn placeless(book: &Book) -> Book {
    use crate::book::diag::Pos;
    let mut b = book.clone();
    b.sources.iter_mut().for_each(|s| s.at = Pos::default());
    for e in &mut b.entities {
        e.at = Pos::default();
        e.metrics.iter_mut().for_each(|m| m.at = Pos::default());
    }
    for d in &mut b.deals {
        d.at = Pos::default();
        d.terms.iter_mut().for_each(|t| t.at = Pos::default());
        d.flows.iter_mut().for_each(|f| f.at = Pos::default());
    }
    b
}

/// The same book, wherever its records are written.
fn assert_same(a: &Book, b: &Book) {
    let (a, b) = (&placeless(a), &placeless(b));
    assert_eq!(a.title, b.title);
    assert_eq!(a.as_of, b.as_of);
    assert_eq!(format!("{:?}", a.sources), format!("{:?}", b.sources));
    assert_eq!(format!("{:?}", a.entities), format!("{:?}", b.entities));
    for (x, y) in a.deals.iter().zip(&b.deals) {
        assert_eq!(format!("{x:?}"), format!("{y:?}"));
    }
    assert_eq!(a.deals.len(), b.deals.len());
    assert_eq!(a.ids, b.ids);
    assert_eq!(a.names, b.names);
    assert_eq!(a.deals_of, b.deals_of);
    assert_eq!(a.children, b.children);
    assert_eq!(a.cited_by, b.cited_by);
}

/// Loads `text`, which must have no diagnostic at all.
fn load_clean(text: &str) -> Book {
    let loaded = load_str(text);
    let first: Vec<String> = (loaded.diagnostics.iter().take(3))
        .map(|d| d.render("synthetic"))
        .collect();
    assert!(loaded.diagnostics.is_empty(), "{first:#?}");
    loaded.book.expect("a book")
}

#[test]
fn every_shape_loads_without_a_diagnostic_as_the_book_it_was_written_from() {
    for shape in [Shape::News, Shape::Dense, Shape::Ring] {
        let synth = Synth::new(300).shape(shape);
        let built = synth.book();
        assert_same(&load_clean(&to_yaml(&built)), &built);
    }
}

#[test]
fn the_bundled_book_reads_back_from_its_yaml() {
    let bundled = load_bundled().book.expect("the bundled book loads");
    assert_same(&load_clean(&to_yaml(&bundled)), &bundled);
}

#[test]
fn default_sizes_follow_the_deals() {
    let news = Synth::new(2_000).book();
    assert_eq!(
        (news.deals.len(), news.entities.len(), news.sources.len()),
        (2_000, 100, 40)
    );
    let small = Synth::new(10).book();
    assert_eq!((small.entities.len(), small.sources.len()), (12, 1));
    let dense = Synth::new(1_000).shape(Shape::Dense).book();
    assert_eq!((dense.entities.len(), dense.sources.len()), (200, 1));
    let ring = Synth::new(70)
        .shape(Shape::Ring)
        .entities(50)
        .sources(3)
        .book();
    assert_eq!(
        (ring.deals.len(), ring.entities.len(), ring.sources.len()),
        (70, 50, 3)
    );
}

#[test]
fn the_same_knobs_build_the_same_book() {
    let a = Synth::new(500).book();
    assert_same(&a, &Synth::new(500).book());
}

#[test]
fn news_books_have_what_searches_and_flows_look_for() {
    let book = Synth::new(2_000).book();
    let softbank = (book.entities.iter())
        .filter(|e| e.name.starts_with("SoftBank"))
        .count();
    assert_eq!(softbank, 3);
    let forty = book.deals.iter().filter(|d| d.terms[0].term.text == "$40B");
    assert!(forty.count() >= 10);
    assert!(book.entities.iter().filter(|e| e.parent.is_some()).count() >= 8);
    for d in &book.deals {
        assert!((55..120).contains(&d.title.len()), "{}", d.title);
        let notes = d.notes.as_deref().unwrap_or_default().len();
        assert!((200..230).contains(&notes), "{notes}");
        assert_eq!((d.tags.len(), d.terms.len(), d.flows.len()), (3, 3, 2));
    }
    // Terms name entities, resolved as the loader would.
    let of = book.deals[0].terms[1].term.of.as_ref().expect("a stake");
    assert_eq!(
        of.entity.as_deref(),
        Some(&*book.entities[of_target(&book)].id)
    );
    // Every entity takes part in a deal.
    assert!(book.deals_of.iter().all(|d| !d.is_empty()));
}

/// The entity the second term of deal 0 is a stake in: its second party.
fn of_target(book: &Book) -> usize {
    book.deals[0].parties[1].entity
}

#[test]
fn a_ring_has_one_loop_of_four_per_chord() {
    use crate::book::flows::{Limits, find_cycles};
    let book = Synth::new(700).shape(Shape::Ring).book();
    let report = find_cycles(&book, &Limits::default());
    // Chords at deals 7, 14, …, 693.
    assert_eq!(report.cycles.len(), 99);
    assert!(report.cycles.iter().all(|c| c.entities.len() == 4));
    assert_eq!(report.truncated, None);
}

#[test]
fn a_dense_book_has_more_loops_than_a_report_lists() {
    use crate::book::flows::{Limits, Stop, find_cycles};
    let book = Synth::new(5_000).shape(Shape::Dense).book();
    let report = find_cycles(&book, &Limits::default());
    assert_eq!(report.truncated, Some(Stop::MaxCycles));
    // Every tenth entity is its neighbour's subsidiary.
    assert_eq!(book.entities[9].parent, Some(8));
    assert_eq!(book.children_of(8), [9]);
}
