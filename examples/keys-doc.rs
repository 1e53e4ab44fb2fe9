//! Prints docs/keys.md from the explorer's keymap: `cargo run --example keys-doc > docs/keys.md`.

fn main() {
    print!(
        "{}",
        dealbook::tui::keymap::markdown(&dealbook::tui::keymap::bindings())
    );
}
