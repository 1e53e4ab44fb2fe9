//! The explorer without a terminal: sequences of actions through `App::update`, and snapshots of
//! the frames they draw (ratatui's TestBackend; reviewed with `cargo insta review`).

use dealbook::book::Record;
use dealbook::book::load_bundled;
use dealbook::tui::action::{Action, Pane};
use dealbook::tui::app::App;
use dealbook::tui::keymap::Mode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let book = load_bundled().book.expect("bundled book");
    App::new(book, width, height)
}

fn entity(app: &App, id: &str) -> usize {
    app.model.book.entity(id).expect(id)
}

fn deal(app: &App, id: &str) -> usize {
    app.model.book.deal(id).expect(id)
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn type_query(app: &mut App, text: &str) {
    app.update(Action::StartSearch);
    for c in text.chars() {
        app.update(Action::SearchInput(c));
    }
}

/// Selects the Detail item `item`, moving there with j/k as a user would.
fn select_item(app: &mut App, item: Record) {
    let items = app.detail_items();
    let target = items
        .iter()
        .position(|i| *i == item)
        .expect("item in detail");
    run(app, [Action::Focus(Pane::Detail), Action::Top]);
    for _ in 0..target {
        app.update(Action::Down);
    }
    assert_eq!(app.detail_items()[app.nav.detail_pos.selected], item);
}

fn frame(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    terminal
        .draw(|f| dealbook::tui::ui::draw(f, app))
        .expect("draw");
    terminal.backend().to_string()
}

mod update {
    use super::*;

    #[test]
    fn starts_on_entities_with_the_first_entity_in_detail() {
        let app = app(120, 40);
        assert_eq!(app.nav.focus, Pane::Entities);
        assert_eq!(app.nav.detail, Some(Record::Entity(0)));
        // The first screen is what the cursor says: narrowed to the entity it is on.
        assert_eq!(app.nav.filter, Some(0));
        assert_eq!(app.selected_entity(), Some(0));
        let openai = app.deal_rows().len();
        assert!(
            openai > 0 && openai < app.model.book.deals.len(),
            "{openai}"
        );
    }

    #[test]
    fn moving_through_entities_narrows_deals_and_flows_and_x_clears_it() {
        let mut app = app(120, 40);
        let thrive = entity(&app, "thrive-capital");
        for _ in 0..thrive {
            app.update(Action::Down);
        }
        assert_eq!(app.nav.filter, Some(thrive));
        assert_eq!(app.deal_rows().len(), app.model.book.deals_of[thrive].len());
        assert!(app.flow_rows().len() < app.model.edges.len());
        app.update(Action::ClearFilter);
        assert_eq!(app.nav.filter, None);
        assert_eq!(app.deal_rows().len(), app.model.book.deals.len());
        assert_eq!(app.flow_rows().len(), app.model.edges.len());
    }

    #[test]
    fn drilling_down_three_levels_and_back_restores_each_step() {
        let mut app = app(120, 40);
        // Level 0: AMD selected in Entities.
        let amd = entity(&app, "amd");
        for _ in 0..amd {
            app.update(Action::Down);
        }
        let at_entities = app.nav.clone();
        // Level 1: Enter on AMD → its deals, focused.
        app.update(Action::Open);
        assert_eq!((app.nav.focus, app.nav.filter), (Pane::Deals, Some(amd)));
        let at_deals = app.nav.clone();
        // Level 2: Enter on its deal → the deal in Detail.
        app.update(Action::Open);
        let d = deal(&app, "amd-openai-gpu-stake");
        assert_eq!(
            (app.nav.focus, app.nav.detail),
            (Pane::Detail, Some(Record::Deal(d)))
        );
        select_item(&mut app, Record::Term { deal: d, term: 0 });
        let at_deal = app.nav.clone();
        // Level 3: Enter on the term → its breakdown.
        app.update(Action::Open);
        assert_eq!(app.nav.detail, Some(Record::Term { deal: d, term: 0 }));
        assert_eq!(app.breadcrumb().len(), 3);
        assert_eq!(app.breadcrumb()[2], "up to 10% of AMD");
        // And back, one step at a time, each place exactly as it was.
        app.update(Action::Back);
        assert_eq!(app.nav, at_deal);
        app.update(Action::Back);
        assert_eq!(app.nav, at_deals);
        app.update(Action::Back);
        assert_eq!(app.nav, at_entities);
        assert!(app.breadcrumb().is_empty());
        app.update(Action::Back);
        assert_eq!(app.nav, at_entities, "Back at the start changes nothing");
        assert!(app.message.is_some());
    }

    #[test]
    fn a_terms_stake_and_a_party_lead_to_their_entity() {
        let mut app = app(120, 40);
        let d = deal(&app, "amd-openai-gpu-stake");
        let amd = entity(&app, "amd");
        app.update(Action::Focus(Pane::Deals));
        for _ in 0..app.deal_rows().position(d).expect("row") {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        select_item(&mut app, Record::Term { deal: d, term: 0 });
        app.update(Action::Open);
        // The breakdown's "of" line opens AMD.
        select_item(&mut app, Record::Entity(amd));
        app.update(Action::Open);
        assert_eq!(app.nav.focus, Pane::Entities);
        assert_eq!(app.nav.entities.selected, amd);
        assert_eq!(app.nav.detail, Some(Record::Entity(amd)));
        // Back to the term, then to the deal, and a party opens its entity too.
        run(&mut app, [Action::Back, Action::Back]);
        assert_eq!(app.nav.detail, Some(Record::Deal(d)));
        let openai = entity(&app, "openai");
        select_item(&mut app, Record::Entity(openai));
        app.update(Action::Open);
        assert_eq!(app.nav.detail, Some(Record::Entity(openai)));
    }

    #[test]
    fn search_then_esc_restores_the_view() {
        let mut app = app(120, 40);
        run(
            &mut app,
            [
                Action::Down,
                Action::Down,
                Action::Focus(Pane::Deals),
                Action::Down,
            ],
        );
        let before = app.nav.clone();
        type_query(&mut app, "amd");
        assert_eq!(app.mode(), Mode::Search);
        assert!(!app.search().expect("search open").hits.is_empty());
        run(
            &mut app,
            [Action::SearchDown, Action::SearchDown, Action::SearchCancel],
        );
        assert_eq!(app.mode(), Mode::Normal);
        assert!(app.search().is_none());
        assert_eq!(app.nav, before);
        assert!(
            app.history.is_empty(),
            "a cancelled search leaves no step behind"
        );
    }

    #[test]
    fn searching_kushner_opens_thrive_capital_in_context() {
        let mut app = app(120, 40);
        type_query(&mut app, "kushner");
        app.update(Action::SearchOpen);
        let thrive = entity(&app, "thrive-capital");
        assert_eq!(app.mode(), Mode::Normal);
        assert_eq!(app.nav.detail, Some(Record::Entity(thrive)));
        assert_eq!(app.nav.entities.selected, thrive);
        assert_eq!(app.nav.filter, Some(thrive));
        // Back returns to where the search started.
        app.update(Action::Back);
        assert_eq!(app.nav.detail, Some(Record::Entity(0)));
    }

    #[test]
    fn enter_scrolls_the_matched_line_of_long_notes_into_view_and_marks_it() {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = app(w, h);
            type_query(&mut app, "profitable");
            app.update(Action::SearchOpen);
            let openai = entity(&app, "openai");
            assert_eq!(app.nav.detail, Some(Record::Entity(openai)), "{w}x{h}");
            let (record, line) = app.nav.found.expect("the matched line is marked");
            assert_eq!(record, Record::Entity(openai));
            let lines = app.detail_lines();
            let text: String = lines[line]
                .line
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect();
            assert!(text.contains("profitable"), "{w}x{h}: {text}");
            let (offset, rows) = (app.nav.detail_pos.offset, app.pane_height(Pane::Detail));
            assert!(
                (offset..offset + rows).contains(&line),
                "{w}x{h}: line {line} not in {offset}..{}",
                offset + rows
            );
            // Another record in Detail: the mark is not carried to it.
            app.update(Action::Down);
            assert_ne!(app.nav.detail, Some(Record::Entity(openai)));
        }
        let mut app = app(80, 24);
        type_query(&mut app, "profitable");
        app.update(Action::SearchOpen);
        insta::assert_snapshot!("search_profitable_80x24", frame(&app));
    }

    #[test]
    fn a_term_hit_opens_its_deal_with_the_term_selected() {
        let mut app = app(120, 40);
        type_query(&mut app, "upfront");
        app.update(Action::SearchOpen);
        let d = deal(&app, "openai-40b-round");
        assert_eq!(app.nav.focus, Pane::Detail);
        assert_eq!(app.nav.detail, Some(Record::Deal(d)));
        let selected = app.detail_items()[app.nav.detail_pos.selected];
        assert_eq!(selected, Record::Term { deal: d, term: 2 });
        assert_eq!(app.model.book.deals[d].terms[2].term.text, "$10B upfront");
    }

    #[test]
    fn words_match_in_any_order() {
        let mut a = app(120, 40);
        type_query(&mut a, "10% amd");
        let first = a.search().expect("search").hits[0].record;
        let mut b = app(120, 40);
        type_query(&mut b, "amd 10%");
        assert_eq!(b.search().expect("search").hits[0].record, first);
    }

    #[test]
    fn n_and_shift_n_step_through_the_last_searchs_hits() {
        let mut app = app(120, 40);
        type_query(&mut app, "openai");
        let hits: Vec<_> = app
            .search()
            .expect("search")
            .hits
            .iter()
            .map(|h| h.record)
            .collect();
        assert!(hits.len() >= 3);
        app.update(Action::SearchOpen);
        app.update(Action::NextHit);
        assert_eq!(app.last_search.as_ref().map(|l| l.current), Some(1));
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("hit 2 of"))
        );
        run(&mut app, [Action::PrevHit, Action::PrevHit]);
        assert_eq!(
            app.last_search.as_ref().map(|l| l.current),
            Some(hits.len() - 1),
            "N wraps around"
        );
    }

    #[test]
    fn enter_on_a_search_with_no_hits_says_so() {
        let mut app = app(120, 40);
        let before = app.nav.clone();
        type_query(&mut app, "zzzzqqqq");
        app.update(Action::SearchOpen);
        assert_eq!(app.nav, before);
        assert_eq!(app.message.as_deref(), Some("no hits for 'zzzzqqqq'"));
    }

    #[test]
    fn the_flows_pane_toggles_to_circular_financing() {
        let mut app = app(120, 40);
        run(
            &mut app,
            [
                Action::ClearFilter,
                Action::Focus(Pane::Flows),
                Action::ToggleCycles,
            ],
        );
        assert!(app.nav.show_cycles);
        assert_eq!(app.flow_rows().len(), app.model.loops.cycles.len());
        assert!(matches!(app.nav.detail, Some(Record::Loop(_))));
        let names: Vec<String> = app
            .model
            .loops
            .cycles
            .iter()
            .map(|c| dealbook::book::record::loop_title(&app.model.book, &c.entities))
            .collect();
        assert!(
            names.contains(&"AMD → OpenAI → AMD".to_string()),
            "{names:?}"
        );
        assert!(
            names.contains(&"Nvidia → OpenAI → Nvidia".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn paging_and_jumps_stay_within_the_list() {
        let mut app = app(80, 24);
        app.update(Action::ClearFilter);
        app.update(Action::Focus(Pane::Deals));
        app.update(Action::Bottom);
        let last = app.model.book.deals.len() - 1;
        assert_eq!(app.nav.deals.selected, last);
        let h = app.pane_height(Pane::Deals);
        assert_eq!(
            app.nav.deals.offset,
            last + 1 - h,
            "the last row is at the bottom"
        );
        run(&mut app, [Action::PageUp, Action::PageUp, Action::PageUp]);
        assert_eq!((app.nav.deals.selected, app.nav.deals.offset), (0, 0));
        app.update(Action::HalfPageDown);
        assert_eq!(app.nav.deals.selected, (h / 2).max(1));
    }

    #[test]
    fn a_click_focuses_the_pane_and_selects_the_row() {
        let mut app = app(120, 40);
        let deals = app.areas().deals;
        app.update(Action::Click {
            column: deals.x + 3,
            row: deals.y + 1 + 2,
        });
        assert_eq!(app.nav.focus, Pane::Deals);
        assert_eq!(app.nav.deals.selected, 2);
        assert_eq!(app.nav.detail, Some(Record::Deal(2)));
        // The wheel scrolls the pane under the pointer without moving the focus.
        let entities = app.areas().entities;
        app.update(Action::Scroll {
            column: entities.x + 2,
            row: entities.y + 2,
            lines: 3,
        });
        assert_eq!(app.nav.focus, Pane::Deals);
        assert_eq!(app.nav.entities.selected, 3);
    }

    #[test]
    fn resizing_keeps_the_selection_visible() {
        let mut app = app(120, 40);
        app.update(Action::Focus(Pane::Deals));
        app.update(Action::Bottom);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let pos = app.nav.deals;
        let h = app.pane_height(Pane::Deals);
        assert!(pos.selected >= pos.offset && pos.selected < pos.offset + h);
        // Too small, then back: nothing lost.
        app.update(Action::Resize {
            width: 40,
            height: 10,
        });
        assert!(app.areas().too_small);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        assert_eq!(app.nav.deals.selected, pos.selected);
    }

    /// The text of Detail's line `i`.
    fn detail_line(app: &App, i: usize) -> String {
        app.detail_lines()
            .get(i)
            .map(|l| l.line.spans.iter().map(|s| s.content.as_ref()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn resizing_keeps_the_words_at_the_top_of_detail() {
        let mut app = app(80, 24);
        let d = deal(&app, "amd-openai-gpu-stake");
        app.update(Action::Focus(Pane::Deals));
        for _ in 0..d {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        // Scrolled so that the deal's flows start at the top of the pane.
        let flows = (0..app.detail_lines().len())
            .find(|&i| detail_line(&app, i) == "Flows")
            .expect("a Flows heading");
        app.nav.detail_pos.offset = flows;
        // Wider, the lines above wrap to fewer lines; the same words stay on top.
        for (w, h) in [(100, 24), (90, 26), (80, 24)] {
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            let offset = app.nav.detail_pos.offset;
            let shown = detail_line(&app, offset);
            assert_eq!(shown, "Flows", "{w}x{h}: line {offset}");
        }
    }

    #[test]
    fn resizing_keeps_the_selected_item_of_detail_in_view() {
        let mut app = app(120, 40);
        let d = deal(&app, "amd-openai-gpu-stake");
        app.update(Action::Focus(Pane::Deals));
        for _ in 0..d {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        app.update(Action::Focus(Pane::Detail));
        app.update(Action::Bottom);
        let selected = app.nav.detail_pos.selected;
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let lines = app.detail_lines();
        let line = dealbook::tui::detail::line_of_item(&lines, selected).expect("the item");
        let (offset, h) = (app.nav.detail_pos.offset, app.pane_height(Pane::Detail));
        assert!(
            line >= offset && line < offset + h,
            "item at line {line}, window {offset}..{}",
            offset + h
        );
    }

    #[test]
    fn a_frame_of_another_size_than_the_app_knows_is_drawn_blank_not_out_of_bounds() {
        let app = app(120, 40);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        terminal
            .draw(|f| dealbook::tui::ui::draw(f, &app))
            .expect("draw");
        let text = terminal.backend().to_string();
        assert!(
            text.chars().all(|c| matches!(c, '"' | ' ' | '\n')),
            "{text}"
        );
    }

    #[test]
    fn very_wide_and_very_small_terminals_draw() {
        for (w, h) in [(2000, 60), (729, 24), (80, 24), (79, 23), (1, 1)] {
            let mut app = app(w, h);
            type_query(&mut app, "amd");
            let _ = frame(&app);
            app.update(Action::SearchCancel);
            app.update(Action::ToggleHelp);
            let _ = frame(&app);
        }
    }

    #[test]
    fn the_search_selection_stays_visible_when_the_window_shrinks() {
        let mut app = app(120, 40);
        type_query(&mut app, "o");
        let n = app.search().expect("search").hits.len();
        assert!(n > 20, "{n} hits");
        for _ in 0..n {
            app.update(Action::SearchDown);
        }
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let s = app.search().expect("search");
        let h = app.search_height();
        assert!(
            s.pos.selected >= s.pos.offset && s.pos.selected < s.pos.offset + h,
            "selected {} offset {} height {h}",
            s.pos.selected,
            s.pos.offset
        );
    }

    #[test]
    fn help_scrolls_back_at_once_from_its_end() {
        let mut app = app(80, 24);
        app.update(Action::ToggleHelp);
        for _ in 0..200 {
            app.update(Action::Down);
        }
        let end = app.help_offset().expect("help open");
        assert!(end > 0);
        app.update(Action::Up);
        assert_eq!(
            app.help_offset(),
            Some(end - 1),
            "one k after the end scrolls one line up"
        );
    }

    #[test]
    fn help_opens_and_closes_and_quit_quits() {
        let mut app = app(80, 24);
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), Mode::Help);
        app.update(Action::Down);
        assert_eq!(app.help_offset(), Some(1));
        app.update(Action::ToggleHelp);
        assert_eq!(app.mode(), Mode::Normal);
        app.update(Action::Quit);
        assert!(app.quit);
    }
}

/// Frames, as text. A change to any of these is a visible change: review it like code.
mod snapshots {
    use super::*;

    fn both(name: &str, setup: impl Fn(&mut App)) {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = app(w, h);
            setup(&mut app);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), frame(&app));
        }
    }

    #[test]
    fn start() {
        both("start", |_| {});
    }

    #[test]
    fn entity_with_its_deals() {
        both("entity_deals", |app| {
            let openai = entity(app, "openai");
            for _ in 0..openai {
                app.update(Action::Down);
            }
            app.update(Action::Open);
        });
    }

    #[test]
    fn deal_detail() {
        both("deal_detail", |app| {
            let d = deal(app, "amd-openai-gpu-stake");
            app.update(Action::Focus(Pane::Deals));
            for _ in 0..d {
                app.update(Action::Down);
            }
            app.update(Action::Open);
        });
    }

    #[test]
    fn term_breakdown() {
        both("term_breakdown", |app| {
            let d = deal(app, "amd-openai-gpu-stake");
            app.update(Action::Focus(Pane::Deals));
            for _ in 0..d {
                app.update(Action::Down);
            }
            app.update(Action::Open);
            select_item(app, Record::Term { deal: d, term: 0 });
            app.update(Action::Open);
        });
    }

    #[test]
    fn circular_financing() {
        both("cycles", |app| {
            run(
                app,
                [
                    Action::Focus(Pane::Flows),
                    Action::ToggleCycles,
                    Action::Down,
                ],
            );
        });
    }

    #[test]
    fn flows_of_an_entity() {
        both("flows_amazon", |app| {
            let amazon = entity(app, "amazon");
            for _ in 0..amazon {
                app.update(Action::Down);
            }
            app.update(Action::Focus(Pane::Flows));
        });
    }

    #[test]
    fn search_results() {
        both("search_kushner", |app| type_query(app, "kushner"));
    }

    #[test]
    fn help_overlay() {
        both("help", |app| app.update(Action::ToggleHelp));
    }

    /// Text snapshots do not see styles: these do, at known cells.
    #[test]
    fn the_selection_status_colours_and_matches_are_styled() {
        use ratatui::style::{Color, Modifier};
        let mut app = app(120, 40);
        app.theme = dealbook::tui::theme::Theme { color: true };
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let draw = |terminal: &mut Terminal<TestBackend>, app: &App| {
            terminal
                .draw(|f| dealbook::tui::ui::draw(f, app))
                .expect("draw");
            terminal.backend().buffer().clone()
        };
        let buf = draw(&mut terminal, &app);
        let a = app.areas();
        // The focused pane's selected row (OpenAI, the first entity) is reversed.
        let cell = &buf[(a.entities.x + 2, a.entities.y + 1)];
        assert_eq!(cell.symbol(), "O");
        assert!(cell.modifier.contains(Modifier::REVERSED));
        // A deal's status is in its colour: the first deal is announced (cyan).
        let row = a.deals.y + 1;
        let status_x = (a.deals.x..a.deals.x + a.deals.width)
            .find(|&x| buf[(x, row)].symbol() == "a" && buf[(x + 1, row)].symbol() == "n")
            .expect("status on the first deal row");
        assert_eq!(buf[(status_x, row)].fg, Color::Cyan);
        // Search: the matched letters are highlighted.
        type_query(&mut app, "kushner");
        let buf = draw(&mut terminal, &app);
        let r = a.search_results;
        let k = (r.x..r.x + r.width)
            .find(|&x| buf[(x, r.y)].symbol() == "K")
            .expect("Kushner on the first hit");
        assert!(buf[(k, r.y)].modifier.contains(Modifier::UNDERLINED));
        // With NO_COLOR, no cell has a colour.
        app.theme = dealbook::tui::theme::Theme { color: false };
        app.update(Action::SearchCancel);
        let buf = draw(&mut terminal, &app);
        assert!(
            buf.content().iter().all(|c| c.fg == Color::Reset),
            "a coloured cell with NO_COLOR"
        );
    }

    /// The README shows this screen; it must be what the explorer draws.
    #[test]
    fn the_readme_capture_is_current() {
        let mut app = app(120, 40);
        let d = deal(&app, "amd-openai-gpu-stake");
        app.update(Action::Focus(Pane::Deals));
        for _ in 0..d {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        let drawn: Vec<String> = frame(&app)
            .lines()
            .map(|l| l.trim_matches('"').trim_end().to_string())
            .collect();
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README");
        assert!(
            readme.contains(&drawn.join("\n")),
            "README.md's screen capture is out of date; the explorer now draws:\n{}",
            drawn.join("\n")
        );
    }

    #[test]
    fn too_small() {
        let app = app(60, 20);
        insta::assert_snapshot!("too_small_60x20", frame(&app));
    }
}
