//! What Detail's items are: a flow of a deal is the flow itself (Space, `y` and `e` act on it;
//! Enter opens its far end), a metric's value is the metric (Enter draws the chart), and a
//! search hit opens with that very item selected, so the keys act on what was found.

use dealbook::book::{Record, load_bundled};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::overlay::Overlay;

fn app() -> App {
    let mut a = App::new(load_bundled().book.expect("bundled book"), 120, 40);
    a.live.path = Some("deals.yaml".into());
    a
}

fn search(a: &mut App, text: &str) {
    a.update(Action::StartSearch);
    for c in text.chars() {
        a.update(Action::SearchInput(c));
    }
}

/// The bundled deal `id` in Detail, focused.
fn deal_page(id: &str) -> App {
    let mut a = app();
    let d = a.model.book.deal(id).expect("deal");
    a.update(Action::Focus(Pane::Deals));
    let row = a.deal_rows().position(d).expect("row");
    for _ in 0..row {
        a.update(Action::Down);
    }
    a.update(Action::Focus(Pane::Detail));
    a
}

#[test]
fn a_flow_in_a_deal_is_the_flow_and_enter_opens_its_far_end() {
    let mut a = deal_page("amd-openai-gpu-stake");
    let d = a.model.book.deal("amd-openai-gpu-stake").expect("deal");
    let flow = (0..20).find_map(|_| {
        a.update(Action::Down);
        a.marked_record()
            .filter(|r| matches!(r, Record::Flow { .. }))
    });
    let Some(Record::Flow { deal, flow }) = flow else {
        panic!("no flow item in the AMD deal's page");
    };
    assert_eq!(deal, d);
    // `e` goes to the flow's own line, not to an entity's.
    a.update(Action::Edit);
    let (_, at) = a.live.edit.take().expect("edit asked");
    let want = a.model.book.deals[d].flows[flow].at;
    assert_eq!(at, want);
    // Space marks the flow.
    a.update(Action::ToggleReviewed);
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.starts_with("reviewed: ") && msg.contains('→'), "{msg}");
    // Enter opens the far end, an entity, and the breadcrumb names it.
    a.update(Action::Open);
    assert_eq!(a.nav.focus, Pane::Entities);
    let f = &a.model.book.deals[d].flows[flow];
    assert_eq!(a.selected_entity(), Some(f.lead()));
    assert_eq!(
        a.breadcrumb().last().copied(),
        Some(a.model.book.entities[f.lead()].name.as_str())
    );
}

#[test]
fn a_flow_found_by_search_is_the_item_selected() {
    let mut a = app();
    search(&mut a, "payment amd");
    let hit = a
        .search()
        .expect("search open")
        .hits
        .first()
        .cloned()
        .expect("a hit");
    assert!(
        matches!(hit.record, Record::Flow { .. }),
        "{:?}",
        hit.record
    );
    a.update(Action::SearchOpen);
    assert_eq!(a.nav.focus, Pane::Detail);
    assert_eq!(a.marked_record(), Some(hit.record));
}

#[test]
fn a_metric_found_by_search_is_the_item_selected_and_enter_draws_its_chart() {
    let mut a = app();
    search(&mut a, "net loss");
    let hit = (a.search().expect("search open").hits.iter())
        .find(|h| matches!(h.record, Record::Metric { .. }))
        .cloned()
        .expect("a metric hit");
    // Open the metric hit, wherever it ranks.
    let rank = (a.search().expect("open").hits.iter())
        .position(|h| h.record == hit.record)
        .expect("rank");
    for _ in 0..rank {
        a.update(Action::SearchDown);
    }
    a.update(Action::SearchOpen);
    assert_eq!(a.marked_record(), Some(hit.record));
    let Record::Metric { entity, .. } = hit.record else {
        unreachable!()
    };
    a.update(Action::Open);
    assert!(
        matches!(&a.overlay, Overlay::Picture(p) if matches!(p.picture, dealbook::tui::overlay::Picture::Chart(e) if e == entity)),
        "Enter on a metric opens its entity's chart"
    );
}
