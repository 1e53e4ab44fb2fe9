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
            (Bound::Range, Some(l), Some(h)) => format_range(l, h, unit),
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
/// "CHF 5M", "10%", "10 GW", "160M shares", "$1.234567M". Nothing is rounded: read back, the text
/// gives the same number (the shortest decimal that does, as Rust prints floats). Never "inf"
/// or "NaN": a non-finite value is "unbounded", "-unbounded" or "?".
pub fn format_amount(value: f64, unit: Option<&str>) -> String {
    with_unit(value, unit, compact)
}

/// Formats the two ends of a range as `human` does: "$50B–$60B", "10%–15%". When only one end
/// would carry a scale letter, both are written in full ("$999–$1,500", not "$999–$1.5K"),
/// because the reader lends one end's scale to the other and would read "$999K–$1.5K".
pub fn format_range(low: f64, high: f64, unit: Option<&str>) -> String {
    let scaled = |v: f64| !is_measure(unit) && v.abs() >= 1e3;
    // A non-finite end is a word, which lends no scale.
    let words = !(low.is_finite() && high.is_finite());
    let number = if words || scaled(low) == scaled(high) {
        compact
    } else {
        full
    };
    format!(
        "{}–{}",
        with_unit(low, unit, number),
        with_unit(high, unit, number)
    )
}

/// Percentages and power are read as written, never scaled: "12.5%", "1.5 GW".
fn is_measure(unit: Option<&str>) -> bool {
    matches!(unit, Some("%" | "GW" | "MW"))
}

/// `value` written by `number` with its unit's symbol, code or noun. A value that is not a
/// number of any unit (only ever built by hand: the reader never returns one) is written as a
/// word and without its unit: infinity is "unbounded" ("-unbounded" below zero), NaN is "?".
/// Neither reads back as a quantity, which is right: none was there.
fn with_unit(value: f64, unit: Option<&str>, number: fn(f64) -> String) -> String {
    if value.is_nan() {
        return "?".to_string();
    }
    if value.is_infinite() {
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}unbounded");
    }
    match unit {
        Some("%") => format!("{}%", decimals(value)),
        Some(u @ ("GW" | "MW")) => format!("{} {u}", decimals(value)),
        Some(code) => match currency_symbol(code) {
            Some(sym) => {
                let sign = if value < 0.0 { "-" } else { "" };
                let number = number(value.abs());
                match sym {
                    Some(sym) => format!("{sign}{sym}{number}"),
                    None => format!("{code} {sign}{number}"),
                }
            }
            None => format!("{} {code}", number(value)),
        },
        None => number(value),
    }
}

/// The shortest decimal digits that read back as `a` (finite, ≥ 0), and the power of ten of the
/// first one: 1234567 is ("1234567", 6), 0.05 is ("5", -2), 0 is ("0", 0).
fn shortest_digits(a: f64) -> (String, i32) {
    // `{:e}` prints the shortest digits that round-trip, as "1.234567e6".
    let s = format!("{a:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `a` (finite, ≥ 0) divided by 10^`shift`, in positional notation with every digit it needs,
/// thousands grouped with commas when `group`: (1234567, 6) is "1.234567", (1500, 0) "1,500".
/// The digits are shifted as text, so no rounding happens.
fn positional(a: f64, shift: i32, group: bool) -> String {
    let (digits, exp) = shortest_digits(a);
    if digits.bytes().all(|b| b == b'0') {
        return "0".to_string();
    }
    let n = digits.len() as i64;
    // How many digits stand before the decimal point.
    let before = i64::from(exp) - i64::from(shift) + 1;
    let (int, frac) = if before <= 0 {
        let zeros = "0".repeat(usize::try_from(-before).unwrap_or(0));
        ("0".to_string(), format!("{zeros}{digits}"))
    } else if before >= n {
        let zeros = "0".repeat(usize::try_from(before - n).unwrap_or(0));
        (format!("{digits}{zeros}"), String::new())
    } else {
        let (i, f) = digits.split_at(usize::try_from(before).unwrap_or(0));
        (i.to_string(), f.to_string())
    };
    let int = if group { grouped(&int) } else { int };
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// "1234567" → "1,234,567": commas of thousands, as the reader takes them.
fn grouped(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A finite number as written, unscaled: "4.3", "12", "0.125", "12.3456".
fn decimals(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let plain = positional(v.abs(), 0, false);
    // -0 shows as "0".
    if plain == "0" {
        plain
    } else {
        format!("{sign}{plain}")
    }
}

/// A finite number scaled with K/M/B/T: "1.5T", "40B", "500", "1.234567M".
fn compact(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let (shift, suffix) = [(12, 1e12, "T"), (9, 1e9, "B"), (6, 1e6, "M"), (3, 1e3, "K")]
        .into_iter()
        .find(|&(_, div, _)| a >= div)
        .map_or((0, ""), |(p, _, suffix)| (p, suffix));
    let number = positional(a, shift, false);
    if number == "0" {
        number
    } else {
        format!("{sign}{number}{suffix}")
    }
}

/// A finite number unscaled with thousands grouped: "1,500", "999", "1,000,000,000.5".
fn full(v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let number = positional(v.abs(), 0, true);
    if number == "0" {
        number
    } else {
        format!("{sign}{number}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_rounding() {
        // Nothing is rounded away: the human form reads back as the same number.
        assert_eq!(compact(999_999.999_6), "999.9999996K");
        assert_eq!(compact(1e6), "1M");
        assert_eq!(compact(999.5), "999.5");
        assert_eq!(compact(1_234_567.0), "1.234567M");
        assert_eq!(compact(0.05), "0.05");
        assert_eq!(compact(1e-7), "0.0000001");
        assert_eq!(compact(1e15), "1000T");
        assert_eq!(compact(1.5e25), "15000000000000T");
        assert_eq!(compact(4.3e9), "4.3B");
        assert_eq!(compact(0.0), "0");
        assert_eq!(format_amount(-5e9, Some("USD")), "-$5B");
        assert_eq!(format_amount(5e6, Some("CHF")), "CHF 5M");
    }

    #[test]
    fn full_and_ranges() {
        assert_eq!(full(1500.0), "1,500");
        assert_eq!(full(999.0), "999");
        assert_eq!(full(1_000_000_000.5), "1,000,000,000.5");
        assert_eq!(full(123_456.0), "123,456");
        assert_eq!(decimals(-0.0), "0");
        assert_eq!(decimals(12.3456), "12.3456");
        assert_eq!(format_range(999.0, 1500.0, Some("USD")), "$999–$1,500");
        assert_eq!(
            format_range(500.0, 1e9, Some("CHF")),
            "CHF 500–CHF 1,000,000,000"
        );
        assert_eq!(format_range(50e9, 60e9, Some("USD")), "$50B–$60B");
        assert_eq!(format_range(5.0, 1500.0, Some("%")), "5%–1500%");
        assert_eq!(format_range(1.0, 1e3, None), "1–1,000");
        assert_eq!(format_range(1.0, 2.0, Some("shares")), "1 shares–2 shares");
    }

    /// Values no term holds, built by hand, never print "inf" or "NaN".
    #[test]
    fn non_finite_values_are_words() {
        for unit in [
            None,
            Some("USD"),
            Some("CHF"),
            Some("%"),
            Some("GW"),
            Some("shares"),
        ] {
            assert_eq!(format_amount(f64::INFINITY, unit), "unbounded", "{unit:?}");
            assert_eq!(format_amount(f64::NEG_INFINITY, unit), "-unbounded");
            assert_eq!(format_amount(f64::NAN, unit), "?");
            assert_eq!(format_amount(-f64::NAN, unit), "?");
        }
        assert_eq!(
            format_range(5e9, f64::INFINITY, Some("USD")),
            "$5B–unbounded"
        );
        assert_eq!(format_range(f64::NAN, 1e9, Some("EUR")), "?–€1B");
        let t = Term {
            text: "built by hand".to_string(),
            bound: Bound::AtLeast,
            low: Some(f64::INFINITY),
            high: None,
            unit: Some("USD".to_string()),
            per: None,
            of: None,
        };
        assert_eq!(t.human(), "≥ unbounded");
    }
}
