//! Money totals as intervals per currency: what the flows of an edge add up to, given that
//! many amounts are bounds ("up to $100B", "at least $50B") rather than figures.

use crate::book::terms::{Bound, Term, format_amount, format_range};
use serde::Serialize;

/// A closed interval of money, `[low, high]`; `high: None` means unbounded above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: Option<f64>,
}

impl Interval {
    pub const ZERO: Interval = Interval {
        low: 0.0,
        high: Some(0.0),
    };

    pub fn exact(v: f64) -> Self {
        Interval {
            low: v,
            high: Some(v),
        }
    }

    /// The largest finite bound: the upper bound when there is one, else the lower one. This is
    /// what "size" means when edges are sorted.
    pub fn largest_finite(self) -> f64 {
        self.high.unwrap_or(self.low)
    }
}

/// Interval addition: the bounds add, and anything plus "unbounded" is unbounded.
///
/// The sum never overflows to infinity (which would print as `$inf`): an upper bound too large
/// to hold becomes unbounded — still true, only less precise — and a lower bound stops at the
/// largest number held, which the true sum exceeds. Terms hold at most 10^30 each, so a book
/// cannot get there; this is for intervals built by hand.
impl std::ops::Add for Interval {
    type Output = Interval;

    fn add(self, other: Interval) -> Interval {
        let low = self.low + other.low;
        Interval {
            low: if low.is_finite() { low } else { f64::MAX },
            high: self
                .high
                .zip(other.high)
                .map(|(a, b)| a + b)
                .filter(|h| h.is_finite()),
        }
    }
}

/// What one flow's amount contributes to its edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Contribution<'a> {
    /// Money, added to the total of its currency.
    Money { unit: &'a str, interval: Interval },
    /// A quantity that is not a money total (a percent stake, a count, a rate "per" something):
    /// listed on the edge in its human form, never added to money.
    Listed(String),
    /// No amount, or one dealbook cannot read.
    Undisclosed,
}

/// How a flow's amount counts in totals. `None` (no `amount:` in the book) is undisclosed.
pub fn contribution(amount: Option<&Term>) -> Contribution<'_> {
    let Some(t) = amount else {
        return Contribution::Undisclosed;
    };
    if !t.is_quantity() {
        return Contribution::Undisclosed;
    }
    // A rate ("$50–60B per gigawatt") is money but not an amount that moved; adding it would
    // mix units of different things.
    let unit = match &t.unit {
        Some(u) if t.is_money() && t.per.is_none() => u,
        _ => return Contribution::Listed(t.human()),
    };
    match money_interval(t) {
        Some(interval) => Contribution::Money { unit, interval },
        // A money term without the figure its bound needs: nothing to add.
        None => Contribution::Undisclosed,
    }
}

/// The interval a money term stands for: exact and "about" X is [X, X], "up to" X is [0, X],
/// "at least" X is [X, ∞), a range is [low, high].
fn money_interval(t: &Term) -> Option<Interval> {
    let finite = |v: Option<f64>| v.filter(|x| x.is_finite() && *x >= 0.0);
    let (low, high) = (finite(t.low), finite(t.high));
    let iv = match t.bound {
        Bound::Exact | Bound::About => Interval::exact(low.or(high)?),
        Bound::Range => Interval {
            low: low?,
            high: Some(high?),
        },
        Bound::AtMost => Interval {
            low: 0.0,
            high: Some(high.or(low)?),
        },
        Bound::AtLeast => Interval {
            low: low.or(high)?,
            high: None,
        },
        Bound::Undisclosed | Bound::Unparsed => return None,
    };
    // A reversed range in the source would make a nonsense interval; treat it as unreadable.
    match iv.high {
        Some(h) if h < iv.low => None,
        _ => Some(iv),
    }
}

/// How many significant digits a total is shown with. A float sum is exact only to about 16
/// digits, so "$0.1 + $0.2" adds up to 0.30000000000000004. Amounts in a deal book are written
/// with a few digits each, so unless they lie eight or more powers of ten apart their true sum
/// has at most 12 digits: rounding to 12 gives it back exactly and drops the float's error.
pub const SHOWN_DIGITS: usize = 12;

/// The largest relative difference between a total and what its human form reads back as:
/// half a unit in the twelfth significant digit.
pub const SHOWN_TOLERANCE: f64 = 5e-12;

/// `v` rounded to `SHOWN_DIGITS` significant digits (correctly, from its exact binary value);
/// 0 and non-finite values unchanged.
fn round_shown(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    // `{:.11e}` writes 12 digits; the nearest float to them prints back in at most 12.
    format!("{v:.prec$e}", prec = SHOWN_DIGITS - 1)
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite())
        .unwrap_or(v)
}

/// One currency's total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    pub unit: String,
    pub low: f64,
    /// `None` (JSON `null`): unbounded, because an "at least" amount is in the sum.
    pub high: Option<f64>,
}

impl Total {
    pub fn interval(&self) -> Interval {
        Interval {
            low: self.low,
            high: self.high,
        }
    }

    /// The interval the human form shows: both bounds rounded to `SHOWN_DIGITS` significant
    /// digits, and an upper bound that is not finite (only in a total built by hand) unbounded.
    pub fn shown(&self) -> Interval {
        Interval {
            low: round_shown(self.low),
            high: self.high.filter(|h| h.is_finite()).map(round_shown),
        }
    }

    /// "$13B", "≤ $100B" for [0, 100B], "≥ $50B" for [50B, ∞), "$8B–$108B": the signs the
    /// term parser's human forms use, so a total of one amount reads like that amount. The
    /// bounds are `shown`, rounded to `SHOWN_DIGITS` significant digits, so that the float
    /// error of a sum never shows ("$0.3", not "$0.30000000000000004"); read back through
    /// `terms::parse`, a total gives its interval within a relative `SHOWN_TOLERANCE`.
    pub fn human(&self) -> String {
        let unit = Some(self.unit.as_str());
        let amount = |v: f64| format_amount(v, unit);
        let Interval { low, high } = self.shown();
        match high {
            Some(h) if h == low => amount(h),
            Some(h) if low == 0.0 => format!("≤ {}", amount(h)),
            Some(h) => format_range(low, h, unit),
            None => format!("≥ {}", amount(low)),
        }
    }
}

/// Totals in several currencies, kept sorted by currency code. Currencies are never converted
/// into one another.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Totals(pub Vec<Total>);

impl Totals {
    pub fn add(&mut self, unit: &str, interval: Interval) {
        match self.0.binary_search_by(|t| t.unit.as_str().cmp(unit)) {
            Ok(i) => {
                let sum = self.0[i].interval() + interval;
                self.0[i].low = sum.low;
                self.0[i].high = sum.high;
            }
            Err(i) => self.0.insert(
                i,
                Total {
                    unit: unit.to_string(),
                    low: interval.low,
                    high: interval.high,
                },
            ),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The largest finite bound of any currency's total (0 when there is no money). Currencies
    /// are compared at face value: a rough order for sorting, not a conversion.
    pub fn size(&self) -> f64 {
        self.0
            .iter()
            .map(|t| t.interval().largest_finite())
            .fold(0.0, f64::max)
    }

    /// Every currency's total joined with " + "; empty when there is no money.
    pub fn human(&self) -> String {
        self.0
            .iter()
            .map(Total::human)
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums that would overflow stay finite, and no total ever reads "inf".
    #[test]
    fn overflowing_sums_saturate() {
        let huge = Interval::exact(f64::MAX);
        let sum = huge + huge;
        assert_eq!(
            sum,
            Interval {
                low: f64::MAX,
                high: None
            }
        );

        let mut t = Totals::default();
        for _ in 0..3 {
            t.add("USD", huge);
        }
        t.add(
            "EUR",
            Interval {
                low: 1e300,
                high: Some(f64::MAX),
            },
        );
        t.add(
            "EUR",
            Interval {
                low: 1e300,
                high: Some(f64::MAX),
            },
        );
        assert_eq!(
            t.0[0].high, None,
            "EUR: the upper bound overflowed, so it is unbounded"
        );
        assert_eq!(t.0[0].low, 2e300);
        assert_eq!(t.0[1].low, f64::MAX);
        let text = t.human();
        assert!(
            text.starts_with("≥ €2") && text.contains(" + ≥ $"),
            "{text}"
        );
        assert!(!text.contains("inf") && !text.contains("NaN"), "{text}");
        assert!(t.size().is_finite());
    }

    /// The interval a total's human form reads back as, through the term reader.
    fn read_back(total: &Total) -> Option<Interval> {
        let term = crate::book::terms::parse(&total.human(), &|_| None);
        assert_eq!(term.unit.as_deref(), Some(total.unit.as_str()), "{term:?}");
        money_interval(&term)
    }

    #[test]
    fn totals_read_back_as_themselves() {
        let cases = [
            (13e9, Some(13e9)),
            (0.0, Some(100e9)),
            (50e9, None),
            (8e9, Some(108e9)),
            (999.0, Some(1500.0)),
            (1_234_567.0, Some(9_876_543_210.5)),
            (0.0, Some(0.0)),
            (0.5, Some(2.5)),
        ];
        for (low, high) in cases {
            for unit in ["USD", "EUR", "CHF", "JPY"] {
                let total = Total {
                    unit: unit.to_string(),
                    low,
                    high,
                };
                assert_eq!(
                    read_back(&total),
                    Some(total.interval()),
                    "{}",
                    total.human()
                );
            }
        }
    }

    /// The significant digits of each number in a human form: "$8.25B–$108B" has 3 and 3.
    fn significant_digits(text: &str) -> Vec<usize> {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .filter(|run| run.chars().any(|c| c.is_ascii_digit()))
            .map(|run| {
                let digits: String = run.chars().filter(char::is_ascii_digit).collect();
                digits.trim_matches('0').len()
            })
            .collect()
    }

    /// Whether `shown` is within `SHOWN_TOLERANCE` of `exact`, bound by bound.
    fn close(shown: Interval, exact: Interval) -> bool {
        let near = |a: f64, b: f64| (a - b).abs() <= SHOWN_TOLERANCE * b.abs();
        near(shown.low, exact.low)
            && match (shown.high, exact.high) {
                (Some(a), Some(b)) => near(a, b),
                (a, b) => a == b,
            }
    }

    /// The total of terms as written, one currency, in its human form.
    fn total_of(terms: &[&str]) -> String {
        let mut totals = Totals::default();
        for text in terms {
            let term = crate::book::terms::parse(text, &|_| None);
            match contribution(Some(&term)) {
                Contribution::Money { unit, interval } => totals.add(unit, interval),
                other => panic!("{text:?} is not money: {other:?}"),
            }
        }
        totals.human()
    }

    /// Sums of decimal amounts print as the decimal sum, never with a float's last-digit error.
    #[test]
    fn sums_print_without_float_noise() {
        let cases: &[(&[&str], &str)] = &[
            (&["$4.3B", "$13.5B", "$0.1B"], "$17.9B"),
            (&["$0.1", "$0.2"], "$0.3"),
            (&["$1.1", "$2.2"], "$3.3"),
            (&["€0.7", "€0.1"], "€0.8"),
            (&["$10.10", "$20.20", "$0.07"], "$30.37"),
            (&["$0.0000000011B", "$0.0000000022B"], "$3.3"),
            (&["up to $0.1", "$0.2"], "$0.2–$0.3"),
            (&["at least $0.1", "$0.2", "up to $5"], "≥ $0.3"),
            (&["$0.1", "$0.2", "up to $0.3"], "$0.3–$0.6"),
            (&["CHF 0.1", "CHF 0.2"], "CHF 0.3"),
            (&["$1.234567M", "$0.000001M"], "$1.234568M"),
        ];
        for (terms, expected) in cases {
            assert_eq!(total_of(terms), *expected, "{terms:?}");
        }
        // The float sum itself is not the decimal one; only what is shown is rounded.
        assert_ne!(0.1 + 0.2, 0.3);
    }

    /// A total built by hand with bounds no sum reaches still prints words, never "inf"/"NaN".
    #[test]
    fn non_finite_totals_print_words() {
        let total = |low: f64, high: Option<f64>| Total {
            unit: "USD".to_string(),
            low,
            high,
        };
        assert_eq!(total(5e9, Some(f64::INFINITY)).human(), "≥ $5B");
        assert_eq!(total(0.0, Some(f64::NAN)).human(), "≥ $0");
        assert_eq!(total(f64::INFINITY, None).human(), "≥ unbounded");
        assert_eq!(total(f64::NAN, Some(1e9)).human(), "?–$1B");
    }

    proptest::proptest! {
        /// Sums of short decimal amounts (up to four digits, from cents to tens of billions,
        /// within six powers of ten of each other) read back as their decimal sum exactly.
        #[test]
        fn short_decimal_sums_print_as_decimals(
            base in -2i32..10,
            amounts in proptest::collection::vec((1u64..10_000, 0i32..6, 0u8..3), 1..8)
        ) {
            let mut totals = Totals::default();
            // The exact sums, in hundredths of base units.
            let (mut low, mut high) = (0u128, Some(0u128));
            for (m, off, kind) in amounts {
                let e = base + off;
                let v = format!("{m}e{e}").parse::<f64>().unwrap_or(0.0);
                let hundredths = u128::from(m) * 10u128.pow(u32::try_from(e + 2).unwrap_or(0));
                let iv = match kind {
                    0 => {
                        low += hundredths;
                        high = high.map(|h| h + hundredths);
                        Interval::exact(v)
                    }
                    1 => {
                        high = high.map(|h| h + hundredths);
                        Interval { low: 0.0, high: Some(v) }
                    }
                    _ => {
                        low += hundredths;
                        high = None;
                        Interval { low: v, high: None }
                    }
                };
                totals.add("USD", iv);
            }
            let total = &totals.0[0];
            let text = total.human();
            let decimal = |h: u128| format!("{h}e-2").parse::<f64>().unwrap_or(f64::NAN);
            let exact = Interval { low: decimal(low), high: high.map(decimal) };
            proptest::prop_assert_eq!(read_back(total), Some(exact), "{}", text);
            proptest::prop_assert!(
                significant_digits(&text).iter().all(|&n| n <= 10),
                "{}", text
            );
        }

        /// Any sum of amounts of up to 12 digits, at magnitudes 12 powers of ten apart, shows
        /// at most `SHOWN_DIGITS` significant digits per bound and reads back as what it shows,
        /// within `SHOWN_TOLERANCE` of the sum.
        #[test]
        fn summed_totals_read_back(
            amounts in proptest::collection::vec((0u64..1_000_000_000_000, -6i32..6, 0u8..3), 1..6)
        ) {
            let mut totals = Totals::default();
            for (m, e, kind) in amounts {
                let v = format!("{m}e{e}").parse::<f64>().unwrap_or(0.0);
                let iv = match kind {
                    0 => Interval::exact(v),
                    1 => Interval { low: 0.0, high: Some(v) },
                    _ => Interval { low: v, high: None },
                };
                totals.add("USD", iv);
            }
            let total = &totals.0[0];
            let text = total.human();
            proptest::prop_assert_eq!(read_back(total), Some(total.shown()), "{}", text);
            proptest::prop_assert!(close(total.shown(), total.interval()), "{}", text);
            proptest::prop_assert!(
                significant_digits(&text).iter().all(|&n| n <= SHOWN_DIGITS),
                "{}", text
            );
        }
    }
}
