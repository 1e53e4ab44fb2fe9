//! A read term (bound, low, high, unit, per, of) and its short human form.

use super::vocab::currency_symbol;
use serde::{Serialize, Serializer};
use std::fmt;

/// How a term bounds its quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// "$40B": low = high.
    Exact,
    /// "about $12.7B": low = high.
    About,
    /// "$50–60B": low < high.
    Range,
    /// "up to 10%": high only.
    AtMost,
    /// "at least $50B": low only.
    AtLeast,
    /// "undisclosed": no numbers.
    Undisclosed,
    /// No quantity could be read: no numbers, the text is kept.
    Unparsed,
}

impl Bound {
    /// The name used in JSON and CSV: `exact`, `about`, `range`, `at_most`, `at_least`,
    /// `undisclosed`, `unparsed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::About => "about",
            Bound::Range => "range",
            Bound::AtMost => "at_most",
            Bound::AtLeast => "at_least",
            Bound::Undisclosed => "undisclosed",
            Bound::Unparsed => "unparsed",
        }
    }
}

/// One deal term, read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// The input as written (trimmed).
    pub text: String,
    pub bound: Bound,
    /// In base units (dollars, not billions); None for at_most, undisclosed, unparsed.
    pub low: Option<f64>,
    /// None for at_least (unbounded), undisclosed, unparsed.
    pub high: Option<f64>,
    /// An ISO currency code, "%", "GW", "MW", or the counted noun as written ("shares", "TPUs").
    pub unit: Option<String>,
    /// The rate denominator: "GW", "MW", "year", "month", … or the noun as written.
    pub per: Option<String>,
    /// What a stake or a count is a part of ("10% of AMD").
    #[serde(serialize_with = "serialize_of")]
    pub of: Option<StakeOf>,
}

/// The entity a stake is taken in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StakeOf {
    /// As written, e.g. "AMD" (a possessive "'s" is dropped).
    pub words: String,
    /// The entity id the resolver gave, e.g. "amd".
    pub entity: Option<String>,
}

/// JSON consumers want one value: the entity id when known, else the words.
fn serialize_of<S: Serializer>(of: &Option<StakeOf>, s: S) -> Result<S::Ok, S::Error> {
    match of {
        Some(StakeOf {
            entity: Some(id), ..
        }) => s.serialize_str(id),
        Some(StakeOf { words, .. }) => s.serialize_str(words),
        None => s.serialize_none(),
    }
}

impl Term {
    /// The human form: "≤ 10% of AMD", "$50B–$60B per GW", "≥ $50B", "~$12.7B", "160M shares",
    /// "undisclosed", and for unparsed terms the text as written.
    pub fn human(&self) -> String {
        let unit = self.unit.as_deref();
        let amount = |v: f64| format_amount(v, unit);
        let mut out = match (self.bound, self.low, self.high) {
            (Bound::Undisclosed, _, _) => return "undisclosed".to_string(),
            (Bound::Exact, Some(v), _) | (Bound::Exact, None, Some(v)) => amount(v),
            (Bound::About, Some(v), _) | (Bound::About, None, Some(v)) => format!("~{}", amount(v)),
            (Bound::AtMost, _, Some(v)) => format!("≤ {}", amount(v)),
            (Bound::AtLeast, Some(v), _) => format!("≥ {}", amount(v)),
            (Bound::Range, Some(l), Some(h)) => format!("{}–{}", amount(l), amount(h)),
            // Unparsed, or fields that do not fit the bound (built by hand): show the text.
            _ => return self.text.clone(),
        };
        if let Some(per) = &self.per {
            out.push_str(" per ");
            out.push_str(per);
        }
        if let Some(of) = &self.of {
            out.push_str(" of ");
            out.push_str(&of.words);
        }
        out
    }

    /// True when bound is neither Undisclosed nor Unparsed.
    pub fn is_quantity(&self) -> bool {
        !matches!(self.bound, Bound::Undisclosed | Bound::Unparsed)
    }

    /// True when unit is a currency code.
    pub fn is_money(&self) -> bool {
        self.unit
            .as_deref()
            .is_some_and(|u| currency_symbol(u).is_some())
    }

    pub(super) fn without_quantity(text: &str, bound: Bound) -> Term {
        Term {
            text: text.to_string(),
            bound,
            low: None,
            high: None,
            unit: None,
            per: None,
            of: None,
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

/// Formats an amount in base units compactly with its unit, as `human` does: "$1.5T", "€300M",
/// "CHF 5M", "10%", "10 GW", "160M shares".
pub fn format_amount(value: f64, unit: Option<&str>) -> String {
    match unit {
        // Percentages and power are read as written, never scaled: "12.5%", "1.5 GW".
        Some("%") => format!("{}%", decimals(value)),
        Some(u @ ("GW" | "MW")) => format!("{} {u}", decimals(value)),
        Some(code) => match currency_symbol(code) {
            Some(sym) => {
                let sign = if value < 0.0 { "-" } else { "" };
                let number = compact(value.abs());
                match sym {
                    Some(sym) => format!("{sign}{sym}{number}"),
                    None => format!("{code} {sign}{number}"),
                }
            }
            None => format!("{} {code}", compact(value)),
        },
        None => compact(value),
    }
}

/// A number with at most three decimals, trailing zeros trimmed ("4.3", "12", "0.125").
fn decimals(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{v:.3}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    // "-0.0001" rounds to "-0": show it as "0".
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Scaled with K/M/B/T: "1.5T", "40B", "500".
fn compact(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    // Choose the scale on the rounded value, so 999_999.9996 shows as "1M", not "1000K".
    for (div, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")] {
        let scaled = a / div;
        if (scaled * 1000.0).round() / 1000.0 >= 1.0 {
            return format!("{sign}{}{suffix}", decimals(scaled));
        }
    }
    let plain = decimals(a);
    if plain == "0" {
        plain
    } else {
        format!("{sign}{plain}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_rounding() {
        assert_eq!(compact(999_999.999_6), "1M");
        assert_eq!(compact(4.3e9), "4.3B");
        assert_eq!(compact(0.0), "0");
        assert_eq!(format_amount(-5e9, Some("USD")), "-$5B");
        assert_eq!(format_amount(5e6, Some("CHF")), "CHF 5M");
    }
}
