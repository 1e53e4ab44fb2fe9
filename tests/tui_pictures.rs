//! The pictures in the explorer: the timeline (`t`), the money map (`M`) and the metric chart
//! (`m`) through `App::update`, and snapshots of each at 80×24 and 120×40 on the bundled book.

mod support;

use support::frame;

use dealbook::book::{Record, load_bundled};
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::overlay::{Overlay, Picture};

fn app(width: u16, height: u16) -> App {
    App::new(load_bundled().book.expect("bundled book"), width, height)
}

fn centre(app: &App) -> Option<usize> {
    match &app.overlay {
        Overlay::Picture(ui) => match &ui.picture {
            Picture::Map(m) => Some(m.centre),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn the_timeline_opens_a_deal_and_esc_comes_back() {
    let mut a = app(120, 40);
    // The whole book's timeline: no entity filter.
    a.update(Action::ClearFilter);
    let before = a.nav.clone();
    a.update(Action::Timeline);
    assert!(
        matches!(&a.overlay, Overlay::Picture(ui) if matches!(ui.picture, Picture::Timeline(_)))
    );
    // Rows in date order: the 2019 contract first, undated deals last.
    let Overlay::Picture(ui) = &a.overlay else {
        unreachable!()
    };
    let Picture::Timeline(t) = &ui.picture else {
        unreachable!()
    };
    let first = t.records().next();
    let microsoft_2019 = a.model.book.deal("microsoft-openai-2019").expect("deal");
    assert_eq!(first, Some(Record::Deal(microsoft_2019)));
    assert_eq!(t.undated.len(), 8 + 6, "8 deals and 6 metrics undated");
    // j to the AMD deal (second), Enter: the deal opens in the main screen.
    a.update(Action::Down);
    a.update(Action::Open);
    let amd = a.model.book.deal("amd-openai-gpu-stake").expect("deal");
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.nav.detail, Some(Record::Deal(amd)));
    // Esc goes back to where the timeline was opened from.
    a.update(Action::Back);
    assert_eq!(a.nav, before);
    // t twice: open and close; Esc closes too.
    a.update(Action::Timeline);
    a.update(Action::Timeline);
    assert!(matches!(a.overlay, Overlay::None));
    a.update(Action::Timeline);
    a.update(Action::Back);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn the_timeline_follows_the_entity_filter() {
    let mut a = app(120, 40);
    let amd = a.model.book.entity("amd").expect("amd");
    for _ in 0..amd {
        a.update(Action::Down);
    }
    a.update(Action::Timeline);
    let Overlay::Picture(ui) = &a.overlay else {
        panic!("no picture")
    };
    assert_eq!(ui.len(), 1, "AMD takes part in one deal and has no metrics");
}

#[test]
fn the_money_map_recentres_and_goes_back_along_the_way() {
    let mut a = app(120, 40);
    let openai = a.model.book.entity("openai").expect("openai");
    let softbank = a.model.book.entity("softbank").expect("softbank");
    a.update(Action::MoneyMap);
    assert_eq!(centre(&a), Some(openai));
    // The third sender is the $40B round, led by SoftBank.
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(centre(&a), Some(softbank));
    // SoftBank's only neighbour is OpenAI: Enter goes back there as a new step.
    a.update(Action::Open);
    assert_eq!(centre(&a), Some(openai));
    a.update(Action::Back);
    assert_eq!(centre(&a), Some(softbank));
    a.update(Action::Back);
    assert_eq!(centre(&a), Some(openai));
    let Overlay::Picture(ui) = &a.overlay else {
        panic!("no picture")
    };
    assert_eq!(ui.pos.selected, 2, "the selection where it was");
    a.update(Action::Back);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn the_money_map_counts_the_money_shown() {
    let mut a = app(120, 40);
    a.update(Action::MoneyMap);
    let shown = frame(&a);
    assert!(
        shown.contains("Amazon · investment ≥ $50B in talks"),
        "{shown}"
    );
    a.update(Action::CycleMoney); // all deals
    a.update(Action::CycleMoney); // committed
    let shown = frame(&a);
    assert!(shown.contains("Money map · OpenAI · committed"), "{shown}");
    assert!(!shown.contains("Amazon · investment"), "{shown}");
}

#[test]
fn a_chart_needs_metrics() {
    let mut a = app(120, 40);
    a.update(Action::MetricChart);
    assert!(matches!(&a.overlay, Overlay::Picture(ui) if matches!(ui.picture, Picture::Chart(_))));
    a.update(Action::Back);
    a.update(Action::Focus(Pane::Entities));
    a.update(Action::Down); // Stargate: no metrics
    a.update(Action::MetricChart);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.message.as_deref(), Some("Stargate has no metrics"));
}

#[test]
fn snapshots_of_each_picture() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        a.update(Action::Timeline);
        insta::assert_snapshot!(format!("timeline_{w}x{h}"), frame(&a));
        a.update(Action::Back);
        a.update(Action::MoneyMap);
        insta::assert_snapshot!(format!("map_openai_{w}x{h}"), frame(&a));
        a.update(Action::Back);
        a.update(Action::MetricChart);
        insta::assert_snapshot!(format!("chart_openai_{w}x{h}"), frame(&a));
    }
}

/// README shows the timeline and the money map at 80×24: they must be what the explorer draws.
#[test]
fn the_readme_captures_are_current() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let mut a = app(80, 24);
    for open in [Action::Timeline, Action::MoneyMap] {
        a.update(open);
        let drawn: Vec<String> = frame(&a)
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        assert!(
            readme.contains(&drawn.join("\n")),
            "README.md's capture is out of date; the explorer now draws:\n{}",
            drawn.join("\n")
        );
        a.update(Action::Back);
    }
}
