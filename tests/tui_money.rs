//! Money by certainty in the explorer: `v` cycles committed → committed + in talks → all
//! deals, the Flows pane's title and rows follow, Detail says which money it counts, and a
//! loop's detail lists each leg with kind, amount and status. On tests/fixtures/money/book.yaml
//! (one deal of each certainty, a syndicate, an inferred flow) and on the bundled book.

mod support;

use support::frame;

use dealbook::book::flows::StatusSet;
use dealbook::book::{Record, load_bundled, load_file};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use support::fixture;

fn money_app(width: u16, height: u16) -> App {
    let loaded = load_file(&fixture("money/book.yaml")).expect("readable");
    App::new(loaded.book.expect("the fixture loads"), width, height)
}

/// The rows of the Flows pane as their records.
fn flow_records(app: &App) -> Vec<Record> {
    let rows = app.flow_rows();
    (0..rows.len())
        .filter_map(|r| app.model.edge_record(rows.get(r)?))
        .collect()
}

#[test]
fn v_cycles_the_money_counted_and_keeps_the_selected_flow() {
    let mut app = money_app(120, 40);
    // Every flow of the book, not only the first entity's.
    app.update(Action::ClearFilter);
    assert_eq!(
        app.money,
        StatusSet::LIVE,
        "the default: committed and in talks"
    );
    assert_eq!(
        app.flow_rows().len(),
        3,
        "the cancelled deal's flow is not shown"
    );
    // Select the round (a syndicate: its record is its one flow).
    app.update(Action::Focus(Pane::Flows));
    let round = app.model.book.deal("nimbus-round").expect("round");
    let at = flow_records(&app)
        .iter()
        .position(|r| {
            *r == Record::Flow {
                deal: round,
                flow: 0,
            }
        })
        .expect("the round is a row");
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::CycleMoney);
    assert_eq!(app.money, StatusSet::ALL);
    assert_eq!(app.flow_rows().len(), 4, "all deals: the cancelled one too");
    assert_eq!(app.message.as_deref(), Some("money: all deals"));
    let selected = app.flow_rows().get(app.nav.flows.selected);
    assert_eq!(
        selected.and_then(|i| app.model.edge_record(i)),
        Some(Record::Flow {
            deal: round,
            flow: 0
        }),
        "the selected flow stays selected"
    );
    app.update(Action::CycleMoney);
    assert_eq!(app.money, StatusSet::COMMITTED);
    assert_eq!(app.flow_rows().len(), 2, "the in-talks flow is gone");
    app.update(Action::CycleMoney);
    assert_eq!(app.money, StatusSet::LIVE);
}

#[test]
fn the_flows_pane_in_each_view() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = money_app(w, h);
        let nimbus = app.model.book.entity("nimbus").expect("nimbus");
        for _ in 0..nimbus {
            app.update(Action::Down);
        }
        for name in ["live", "all", "committed"] {
            insta::assert_snapshot!(format!("money_flows_{name}_{w}x{h}"), frame(&app));
            app.update(Action::CycleMoney);
        }
    }
}

#[test]
fn a_loop_shows_each_leg_with_kind_amount_and_status() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(load_bundled().book.expect("bundled"), w, h);
        app.update(Action::ToggleCycles);
        app.update(Action::Focus(Pane::Flows));
        // The Nvidia loop rests on an inferred flow.
        let nvidia = app.model.book.entity("nvidia").expect("nvidia");
        let at = (app.model.loops.cycles.iter())
            .position(|c| c.entities.contains(&nvidia))
            .expect("the Nvidia loop");
        for _ in 0..at {
            app.update(Action::Down);
        }
        let shown = frame(&app);
        assert!(shown.contains("inferred"), "{shown}");
        insta::assert_snapshot!(format!("money_loop_nvidia_{w}x{h}"), shown);
    }
}
