//! What every view reads: the model, the theme and where the user is — never the whole `App`.

use super::action::Pane;
use super::model::Model;
use super::nav::Nav;
use super::theme::Theme;

#[derive(Clone, Copy)]
pub struct View<'a> {
    pub model: &'a Model,
    pub theme: &'a Theme,
    pub nav: &'a Nav,
    /// The main screen has the keys (no overlay is open).
    pub keys: bool,
}

impl View<'_> {
    /// Whether `pane` has the keys: focused, with no overlay over it.
    pub fn focused(&self, pane: Pane) -> bool {
        self.keys && self.nav.focus == pane
    }
}
