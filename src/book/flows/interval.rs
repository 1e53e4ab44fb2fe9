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

    /// "$13B", "≤ $100B" for [0, 100B], "≥ $50B" for [50B, ∞), "$8B–$108B": the signs the
    /// term parser's human forms use, so a total of one amount reads like that amount, and
    /// every total reads back, through `terms::parse`, as the same interval.
    pub fn human(&self) -> String {
        let unit = Some(self.unit.as_str());
        let amount = |v: f64| format_amount(v, unit);
        match self.high {
            Some(h) if h == self.low => amount(h),
            Some(h) if self.low == 0.0 => format!("≤ {}", amount(h)),
            Some(h) => format_range(self.low, h, unit),
            None => format!("≥ {}", amount(self.low)),
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

    proptest::proptest! {
        /// Any sum of amounts, shown as a total, reads back as the same interval.
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
            proptest::prop_assert_eq!(read_back(total), Some(total.interval()), "{}", total.human());
        }
    }
}
