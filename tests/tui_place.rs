//! Where the user was, kept between runs (`App::place` saved at quit, `App::restore_place` at
//! start): the focused pane, the selected record, the entity filter, the money view, loops or
//! flows, the panes' orders.

use dealbook::book::load_bundled;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

fn deal_id(a: &App) -> Option<String> {
    a.selected_deal().map(|d| a.model.book.deals[d].id.clone())
}

#[test]
fn the_pane_the_filter_the_deal_the_money_and_the_sort_come_back() {
    let mut a = app();
    // OpenAI's deals, the third one, sorted, with every deal's money counted.
    let openai = a.model.book.entity("openai").expect("openai");
    let row = a.entity_rows().position(openai).expect("row");
    for _ in 0..row {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    a.update(Action::SortNext);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::CycleMoney);
    let (focus, filter, deal) = (a.nav.focus, a.nav.filter, deal_id(&a));
    assert_eq!((focus, filter), (Pane::Deals, Some(openai)));
    let place = a.place("2026-12-03T10:00:00Z".into());
    assert_eq!(place.focus.as_deref(), Some("deals"));
    assert_eq!(place.filter.as_deref(), Some("openai"));

    let mut b = app();
    b.restore_place(&place);
    assert_eq!(
        (b.nav.focus, b.nav.filter, deal_id(&b)),
        (focus, filter, deal)
    );
    assert_eq!((b.money, b.deal_sort), (a.money, a.deal_sort));
    assert_eq!(b.nav.detail, a.nav.detail, "Detail shows the same deal");
    assert!(
        b.message
            .as_deref()
            .is_some_and(|m| m.starts_with("back where you were")),
        "{:?}",
        b.message
    );
}

#[test]
fn a_loop_in_flows_and_a_term_in_detail_come_back() {
    let mut a = app();
    a.update(Action::ToggleCycles);
    a.update(Action::Focus(Pane::Flows));
    a.update(Action::Down);
    let place = a.place("t".into());
    assert!(
        place.loops
            && place
                .selected
                .as_deref()
                .is_some_and(|k| k.starts_with("loop:"))
    );
    let mut b = app();
    b.restore_place(&place);
    assert_eq!((b.nav.focus, b.nav.show_cycles), (Pane::Flows, true));
    assert_eq!(b.nav.cycles.selected, a.nav.cycles.selected);

    // A term selected in Detail: the deal's page, the term selected.
    let mut a = app();
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::Focus(Pane::Detail));
    let term = (0..20).find_map(|_| {
        a.update(Action::Down);
        a.marked_record().filter(|r| r.kind() == "term")
    });
    let term = term.expect("a deal with a term");
    let place = a.place("t".into());
    let mut b = app();
    b.restore_place(&place);
    assert_eq!(b.nav.focus, Pane::Detail);
    assert_eq!(b.marked_record(), Some(term));
}

#[test]
fn a_place_whose_record_is_gone_says_so_and_starts_at_the_top() {
    let mut b = app();
    let place = dealbook::state::Place {
        selected: Some("deal:no-such-deal".into()),
        focus: Some("deals".into()),
        ..Default::default()
    };
    b.restore_place(&place);
    assert_eq!(b.nav.focus, Pane::Entities);
    assert_eq!(
        b.message.as_deref(),
        Some("the record you were on when you left is no longer in the book")
    );
}
