//! Colours and emphasis. Only the 16 ANSI colours are used, which terminals map to their own
//! dark or light palettes; with NO_COLOR set, colour is dropped and emphasis (bold, reverse,
//! underline) carries the meaning alone.

use crate::book::{FlowKind, Status};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// The selected row of the focused pane.
    pub fn selected(self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A colour of a chart's series (none with NO_COLOR: the markers still tell them apart).
    pub fn colour(self, c: Color) -> Style {
        self.fg(c)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Headings in the terminal's own text colour, bold and underlined: yellow would fade on
    /// a light background.
    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn money(self) -> Style {
        self.fg(Color::Green)
    }

    /// Matched letters: magenta reads on dark and light backgrounds, and bold and underline
    /// carry it without colour.
    pub fn matched(self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Each status its own colour; "cancelled" is also crossed out so it reads without colour.
    pub fn status(self, s: Status) -> Style {
        let c = match s {
            Status::Rumored => Color::Magenta,
            Status::Negotiating => Color::Yellow,
            Status::Announced => Color::Cyan,
            Status::Signed => Color::Blue,
            Status::Closed => Color::Green,
            Status::Cancelled => Color::Red,
        };
        let style = self.fg(c);
        if s == Status::Cancelled {
            style.add_modifier(Modifier::CROSSED_OUT)
        } else {
            style
        }
    }

    pub fn flow_kind(self, k: FlowKind) -> Style {
        self.fg(match k {
            FlowKind::Investment => Color::Green,
            FlowKind::Loan => Color::Yellow,
            FlowKind::Payment => Color::Blue,
            FlowKind::Equity => Color::Magenta,
            FlowKind::InKind => Color::Cyan,
        })
    }

    pub fn bar(self) -> Style {
        self.fg(Color::Green)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_drops_colour_but_keeps_emphasis() {
        let plain = Theme { color: false };
        for s in Status::ALL {
            assert_eq!(plain.status(*s).fg, None, "{s}");
        }
        for k in FlowKind::ALL {
            assert_eq!(plain.flow_kind(*k).fg, None, "{k}");
        }
        assert_eq!(plain.border(true).fg, None);
        assert!(
            plain
                .selected(true)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(plain.matched().add_modifier.contains(Modifier::UNDERLINED));
        assert!(
            plain
                .status(Status::Cancelled)
                .add_modifier
                .contains(Modifier::CROSSED_OUT)
        );
        // With colour, each status has its own.
        let color = Theme { color: true };
        let colours: std::collections::HashSet<_> = Status::ALL
            .iter()
            .map(|s| format!("{:?}", color.status(*s).fg))
            .collect();
        assert_eq!(colours.len(), Status::ALL.len());
    }
}
