//! Sorting the Deals and Flows panes with `s`/`S`: each order a key and a direction shown in
//! the pane's title, undated and undisclosed last either way, the selected record kept.

mod support;

use support::frame;

use dealbook::book::load_bundled;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

fn deal_ids(app: &App) -> Vec<String> {
    let rows = app.deal_rows();
    (0..rows.len())
        .filter_map(|r| rows.get(r))
        .map(|d| app.model.book.deals[d].id.clone())
        .collect()
}

#[test]
fn s_sorts_deals_by_date_newest_first_with_the_undated_last() {
    let mut a = app();
    a.update(Action::ClearFilter);
    a.update(Action::Focus(Pane::Deals));
    // Select the 2019 deal, to see it stay selected.
    let d2019 = a.model.book.deal("microsoft-openai-2019").expect("deal");
    let row = a.deal_rows().position(d2019).expect("row");
    for _ in 0..row {
        a.update(Action::Down);
    }
    a.update(Action::SortNext);
    assert_eq!(a.message.as_deref(), Some("deals by date ↓"));
    let ids = deal_ids(&a);
    let dated: Vec<&str> = ids.iter().map(String::as_str).take(6).collect();
    assert_eq!(
        dated.last(),
        Some(&"microsoft-openai-2019"),
        "2025s first, then 2019: {ids:?}"
    );
    let undated = &ids[6..];
    assert!(undated.iter().all(|id| {
        a.model.book.deals[a.model.book.deal(id).expect("id")]
            .date
            .is_none()
    }));
    assert_eq!(
        a.selected_deal(),
        Some(d2019),
        "the selected deal stays selected"
    );
    assert!(frame(&a).contains("Deals (14) by date ↓"));
    // Ascending: 2019 first, the undated still last.
    a.update(Action::SortNext);
    let ids = deal_ids(&a);
    assert_eq!(ids[0], "microsoft-openai-2019");
    assert!(
        a.model.book.deals[a.model.book.deal(&ids[13]).expect("id")]
            .date
            .is_none()
    );
    // S goes back; round the cycle to book order.
    a.update(Action::SortPrev);
    a.update(Action::SortPrev);
    assert_eq!(a.deal_sort, 0);
    assert!(!frame(&a).contains("Deals (14) by"));
}

#[test]
fn a_sort_applies_to_the_entity_filter_too() {
    let mut a = app();
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::SortNext); // date ↓
    a.update(Action::Focus(Pane::Entities));
    a.update(Action::Down);
    a.update(Action::Up); // OpenAI selected: Deals narrowed to its deals
    let ids = deal_ids(&a);
    assert_eq!(ids.len(), a.model.book.deals_of[0].len());
    let first_undated = ids
        .iter()
        .position(|id| {
            a.model.book.deals[a.model.book.deal(id).expect("id")]
                .date
                .is_none()
        })
        .expect("an undated deal");
    assert!(ids[first_undated..].iter().all(|id| {
        a.model.book.deals[a.model.book.deal(id).expect("id")]
            .date
            .is_none()
    }));
}

#[test]
fn s_sorts_flows_by_from_and_keeps_the_selection() {
    let mut a = app();
    a.update(Action::ClearFilter);
    a.update(Action::Focus(Pane::Flows));
    a.update(Action::Down);
    let before = a
        .model
        .edge_record(a.flow_rows().get(a.nav.flows.selected).expect("row"));
    a.update(Action::SortNext); // amount ↑
    a.update(Action::SortNext); // from ↑
    assert_eq!(a.message.as_deref(), Some("flows by from ↑"));
    let rows = a.flow_rows();
    let names: Vec<String> = (0..rows.len())
        .filter_map(|r| rows.get(r))
        .map(|i| {
            a.model.book.entities[a.model.edges[i].from]
                .name
                .to_lowercase()
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let after = a
        .model
        .edge_record(a.flow_rows().get(a.nav.flows.selected).expect("row"));
    assert_eq!(before, after);
    assert!(frame(&a).contains("by from ↑"), "{}", frame(&a));
    // Amount ↑: undisclosed last, as in ↓.
    a.update(Action::SortPrev);
    let rows = a.flow_rows();
    let last = a.model.edges[rows.get(rows.len() - 1).expect("last")]
        .parts
        .counted();
    assert!(last.totals.is_empty(), "undisclosed last");
}

#[test]
fn s_sorts_entities_by_name_and_by_money_and_the_filter_follows() {
    let mut a = app();
    let openai = a.model.book.entity("openai").expect("openai");
    a.update(Action::SortNext); // name ↑
    assert_eq!(a.message.as_deref(), Some("entities by name ↑"));
    assert_eq!(
        a.selected_entity(),
        Some(openai),
        "the selected entity stays selected"
    );
    let rows = a.entity_rows();
    let names: Vec<String> = (0..rows.len())
        .filter_map(|r| rows.get(r))
        .map(|e| a.model.book.entities[e].name.to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // The first row is Altimeter: j/k narrow Deals to the entity of the row, not of the index.
    a.update(Action::Top);
    let altimeter = a.model.book.entity("altimeter").expect("altimeter");
    assert_eq!(a.selected_entity(), Some(altimeter));
    assert_eq!(a.nav.filter, Some(altimeter));
    assert!(
        frame(&a).contains("Entities (17) by name ↑"),
        "{}",
        frame(&a)
    );
    a.update(Action::SortNext); // name ↓
    a.update(Action::SortNext); // money in ↓: OpenAI receives the most
    a.update(Action::Top);
    assert_eq!(a.selected_entity(), Some(openai));
}
