//! The breadcrumb and Back follow the user: a move in a pane drops the steps taken from it
//! (they no longer lead where the user is), `x` keeps the selected deal, and n/N move the
//! search's step to the next hit instead of taking one more each.

use dealbook::book::load_bundled;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;

fn app() -> App {
    App::new(load_bundled().book.expect("bundled book"), 120, 40)
}

#[test]
fn moving_through_entities_after_enter_leaves_a_breadcrumb_that_is_true() {
    let mut a = app();
    a.update(Action::Open); // OpenAI → its deals
    assert_eq!(a.breadcrumb(), ["OpenAI"]);
    a.update(Action::Focus(Pane::Entities));
    a.update(Action::Down); // another entity: OpenAI's step no longer holds
    assert!(a.breadcrumb().is_empty(), "{:?}", a.breadcrumb());
    assert_ne!(a.nav.filter, a.model.book.entity("openai"));
    a.update(Action::Back);
    assert_eq!(a.message.as_deref(), Some("already at the start (q quits)"));
}

#[test]
fn moving_in_deals_keeps_the_entity_step_and_drops_the_deal_step() {
    let mut a = app();
    a.update(Action::Open); // OpenAI → Deals
    a.update(Action::Open); // its first deal → Detail
    assert_eq!(a.breadcrumb().len(), 2);
    a.update(Action::Focus(Pane::Deals));
    a.update(Action::Down);
    assert_eq!(
        a.breadcrumb(),
        ["OpenAI"],
        "the deal step is behind the user now"
    );
    // Back goes to the step that still holds: before OpenAI was opened.
    a.update(Action::Back);
    assert_eq!(a.nav.focus, Pane::Entities);
}

#[test]
fn x_keeps_the_selected_deal_selected() {
    let mut a = app();
    a.update(Action::Open); // OpenAI's deals
    a.update(Action::Down);
    a.update(Action::Down);
    let d = a.selected_deal().expect("a deal");
    a.update(Action::ClearFilter);
    assert_eq!(a.nav.filter, None);
    assert_eq!(
        a.selected_deal(),
        Some(d),
        "the same deal, in the whole list"
    );
    assert_eq!(a.nav.detail, Some(dealbook::book::Record::Deal(d)));
}

#[test]
fn n_and_n_move_the_search_step_and_back_returns_to_before_the_search() {
    let mut a = app();
    a.update(Action::StartSearch);
    for c in "openai".chars() {
        a.update(Action::SearchInput(c));
    }
    a.update(Action::SearchOpen);
    assert_eq!(a.history.len(), 1);
    let first = a.breadcrumb()[0].to_string();
    a.update(Action::NextHit);
    a.update(Action::NextHit);
    assert_eq!(a.history.len(), 1, "n took no step of its own");
    let label = a.breadcrumb()[0].to_string();
    assert_ne!(label, first, "the step names the hit shown");
    a.update(Action::Back);
    assert!(a.history.is_empty());
    assert_eq!(a.nav.focus, Pane::Entities, "back where the search started");
}
