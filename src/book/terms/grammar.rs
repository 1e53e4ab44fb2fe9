//! Finds the first amount phrase among the tokens, with its bound, range, rate and stake.

use super::term::{Bound, Term};
use super::tokenizer::{Kind, Tok, tokenize};
use super::vocab::*;

mod phrases;

/// Parse one term. `resolve` maps words naming an entity ("AMD") to its id ("amd"); it is only
/// called on the words after "of", "in" (after "stake"), "du capital de", "de", "d'" following a
/// percentage or a count, longest phrase first. Never panics, on any input.
pub fn parse(text: &str, resolve: &dyn Fn(&str) -> Option<String>) -> Term {
    let text = text.trim();
    // A negative amount ("-$5B", "−13.5 milliards") is not read: reading it without its sign
    // would turn a loss into a gain, so it is kept as written (and `check` says so).
    if is_negative(text) {
        return Term {
            text: text.to_string(),
            bound: Bound::Unparsed,
            low: None,
            high: None,
            unit: None,
            per: None,
            of: None,
        };
    }
    let parser = Parser {
        src: text,
        toks: tokenize(text),
    };
    parser.term(resolve)
}

/// Whether a term starts with a minus sign before its amount: "-5%", "- $5B", "−€3M".
fn is_negative(text: &str) -> bool {
    let mut rest = text.trim_start();
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !matches!(first, '-' | '−') {
        return false;
    }
    rest = rest[first.len_utf8()..].trim_start();
    for symbol in ["US$", "$", "€", "£", "¥"] {
        if let Some(r) = rest.strip_prefix(symbol) {
            rest = r.trim_start();
            break;
        }
    }
    rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The largest quantity read: 10^30. No amount of money, count or power comes near it (the
/// world's yearly product is about 10^14 dollars, a large training run 10^26 FLOPs), and below it
/// no sum of a book's amounts can overflow. Larger values ("1e308", "$999999999999999999999T")
/// are unparsed rather than read as a number no one wrote or added up to infinity.
const MAX_QUANTITY: f64 = 1e30;

/// A value a term may hold: finite and at most `MAX_QUANTITY` (values are never negative).
fn readable(v: f64) -> bool {
    v.is_finite() && v <= MAX_QUANTITY
}

/// One number with what is written around it: "$50", "60B", "10 %", "160 million shares".
#[derive(Debug, Clone)]
struct Amount {
    mantissa: String,
    /// Power of ten from scientific notation.
    exp: i32,
    /// Power of ten from scale words ("billion" = 9); None when none was written, so that a
    /// range can lend one end's scale to the other.
    scale: Option<i32>,
    currency: Option<&'static str>,
    /// "%", "GW", "MW" or a counted noun as written.
    unit: Option<String>,
    /// A glued "+" ("$50B+").
    plus: bool,
    /// A bare four-digit number that reads as a year.
    year: bool,
    /// The number is glued to more digits or to letters not read with it ("1.5.6", "$5Bx"):
    /// a malformed number, never read as the part that looks right.
    garbled: bool,
    /// Token range.
    start: usize,
    end: usize,
}

impl Amount {
    fn value(&self) -> f64 {
        let e = i64::from(self.exp) + i64::from(self.scale.unwrap_or(0));
        // Parsing "4.3e9" rounds once, where 4.3 * 1e9 could round twice. A failed parse cannot
        // happen for our own digits, but would read as non-finite and end unparsed.
        let v = format!("{}e{e}", self.mantissa)
            .parse::<f64>()
            .unwrap_or(f64::NAN);
        // "1e-400" underflows to 0: reading it as zero would be wrong, so it ends unparsed too.
        if v == 0.0 && self.mantissa.bytes().any(|b| matches!(b, b'1'..=b'9')) {
            return f64::NAN;
        }
        v
    }

    /// A year ("2030") is not a quantity: nothing but the number was written.
    fn is_year(&self) -> bool {
        self.year && self.scale.is_none() && self.currency.is_none() && !self.has_measure()
    }

    /// A currency, scale or unit was written with the number.
    fn qualified(&self) -> bool {
        self.currency.is_some() || self.scale.is_some() || self.unit.is_some()
    }

    /// A percentage or power: units that make even a year-like number a quantity.
    fn has_measure(&self) -> bool {
        matches!(self.unit.as_deref(), Some("%" | "GW" | "MW"))
    }
}

/// A quantity found in the text, before its entity is resolved.
struct Found {
    bound: Bound,
    low: f64,
    high: f64,
    unit: Option<String>,
    per: Option<String>,
    /// First token of the words naming what a stake is of.
    of_from: Option<usize>,
    /// Anything more than a bare number: a unit, scale, bound or rate.
    strong: bool,
    end: usize,
}

/// A term whose amount is malformed or half of a longer phrase ("$1.5.6B", "50–60–70B"): it is
/// left unparsed rather than read in part.
struct Garbled;

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Tok>,
}

impl Parser<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        match &self.toks.get(i)?.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    fn sym(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Sym(c) => Some(c),
            _ => None,
        }
    }

    /// The token is the folded word `s`, or the single symbol `s`.
    fn is(&self, i: usize, s: &str) -> bool {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Word(w)) => w == s,
            Some(Kind::Sym(c)) => {
                let mut cs = s.chars();
                cs.next() == Some(*c) && cs.next().is_none()
            }
            _ => false,
        }
    }

    fn seq(&self, i: usize, pat: &[&str]) -> bool {
        (i..).zip(pat).all(|(k, p)| self.is(k, p))
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.word(i).is_some_and(|w| words.contains(&w))
    }

    /// No whitespace before token `i` (and the token exists).
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.spaced)
    }

    /// The token as written.
    fn raw(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.src.get(t.start..t.end))
            .unwrap_or("")
    }

    fn term(&self, resolve: &dyn Fn(&str) -> Option<String>) -> Term {
        let Ok(found) = self.find() else {
            return Term::without_quantity(self.src, Bound::Unparsed);
        };
        let Some(found) = found else {
            let bound = if self.undisclosed() {
                Bound::Undisclosed
            } else {
                Bound::Unparsed
            };
            return Term::without_quantity(self.src, bound);
        };
        if !readable(found.low) || !readable(found.high) {
            return Term::without_quantity(self.src, Bound::Unparsed);
        }
        let (low, high) = match found.bound {
            Bound::AtMost => (None, Some(found.high)),
            Bound::AtLeast => (Some(found.low), None),
            _ => (Some(found.low), Some(found.high)),
        };
        Term {
            text: self.src.to_string(),
            bound: found.bound,
            low,
            high,
            unit: found.unit,
            per: found.per,
            of: found.of_from.and_then(|k| self.entity(k, resolve)),
        }
    }

    /// The first quantity with a unit, scale, bound or rate; failing that, the first bare number.
    /// Past `MAX_BARE` bare numbers the search stops: no real term has that many, and it keeps
    /// adversarial input (100 KB of "x 1 x 1…") cheap. A garbled amount met on the way makes the
    /// whole term garbled, so that a later amount is not read in its place.
    fn find(&self) -> Result<Option<Found>, Garbled> {
        const MAX_BARE: usize = 256;
        let mut weak = None;
        let mut bare = 0;
        let mut i = 0;
        while i < self.toks.len() && bare < MAX_BARE {
            match self.quantity_at(i)? {
                Some(found) if found.strong => return Ok(Some(found)),
                Some(found) => {
                    bare += 1;
                    i = found.end.max(i + 1);
                    weak.get_or_insert(found);
                }
                None => i += 1,
            }
        }
        Ok(weak)
    }

    /// A number glued to a word by a hyphen is part of a name: "GPT-5", "Llama-3".
    fn inside_name(&self, i: usize) -> bool {
        i >= 2
            && self.glued(i)
            && self.sym(i - 1) == Some('-')
            && self.glued(i - 1)
            && self
                .word(i - 2)
                .is_some_and(|_| self.scale_at(i - 2, true, false).is_none())
    }

    /// The quantity whose first amount starts at token `i`, if any. A malformed bare number
    /// ("3rd", "12.03.2025") is skipped; a malformed amount with a currency, scale or unit, a
    /// malformed second end, or a range followed by a third end ("50–60–70B") is `Garbled`.
    fn quantity_at(&self, i: usize) -> Result<Option<Found>, Garbled> {
        if self.inside_name(i) {
            return Ok(None);
        }
        let Some(a1) = self.amount(i, None) else {
            return Ok(None);
        };
        if a1.garbled {
            return if a1.qualified() {
                Err(Garbled)
            } else {
                Ok(None)
            };
        }
        // "between", "entre", also with an article: "entre les 40 et 50 milliards".
        let between = a1.start.checked_sub(1).is_some_and(|k| {
            let k = match k.checked_sub(1) {
                Some(before) if self.is_any(k, ARTICLES) => before,
                _ => k,
            };
            self.is_any(k, &["between", "entre"])
        });

        let (mut bound, mut low, mut high, unit, currency, scaled, mut j);
        if let Some((lo, hi)) = self.range_after(&a1, between) {
            // Two bare years ("2024–2030") are a period, not a quantity.
            if lo.is_year() && hi.is_year() {
                return Ok(None);
            }
            if hi.garbled || self.third_end(&hi) {
                return Err(Garbled);
            }
            (low, high) = (lo.value(), hi.value());
            if low > high {
                std::mem::swap(&mut low, &mut high);
            }
            bound = if low == high {
                Bound::Exact
            } else {
                Bound::Range
            };
            (unit, currency) = (lo.unit.clone(), lo.currency);
            scaled = lo.scale.is_some();
            j = hi.end;
        } else {
            if a1.is_year() {
                return Ok(None);
            }
            let v = a1.value();
            (low, high) = (v, v);
            bound = match self.prefix_bound(a1.start) {
                Some(b) => b,
                None if a1.plus => Bound::AtLeast,
                None => Bound::Exact,
            };
            (unit, currency) = (a1.unit.clone(), a1.currency);
            scaled = a1.scale.is_some();
            j = a1.end;
        }

        // Suffix bounds and a rate, in either order: "$5B a year at least", "10 GW minimum".
        let mut per = None;
        for _ in 0..2 {
            if bound == Bound::Exact {
                if let Some((b, next)) = self.suffix_bound(j) {
                    bound = b;
                    j = next;
                }
            }
            if per.is_none() {
                if let Some((p, next)) = self.rate(j) {
                    per = Some(p);
                    j = next;
                }
            }
        }

        // Only stakes and counts are "of" something: "$10B of Nvidia chips" names no stake.
        let counted =
            currency.is_none() && unit.is_some() && !matches!(unit.as_deref(), Some("GW" | "MW"));
        let of_from = if counted {
            let stake_before =
                (a1.start.saturating_sub(4)..a1.start).any(|k| self.is_any(k, STAKE_WORDS));
            self.of_phrase(
                j,
                unit.as_deref() == Some("%"),
                stake_before,
                unit.as_deref(),
            )
        } else {
            None
        };

        let strong = currency.is_some()
            || unit.is_some()
            || scaled
            || bound != Bound::Exact
            || per.is_some();
        Ok(Some(Found {
            bound,
            low,
            high,
            unit: currency.map(str::to_string).or(unit),
            per,
            of_from,
            strong,
            end: j,
        }))
    }

    /// "$50", "50 milliards de dollars", "US$ 5bn", "un milliard", "10 %", "6 GW",
    /// "160 million shares". `ctx` is the other end of a range, whose money context carries over.
    fn amount(&self, i: usize, ctx: Option<&Amount>) -> Option<Amount> {
        let (mut currency, mut j) = match self.currency_prefix(i) {
            Some((code, next)) => (Some(code), next),
            None => (None, i),
        };
        let spelled_number;
        let number_at = j;
        let (mantissa, exp, year) = match &self.toks.get(j)?.kind {
            Kind::Num {
                mantissa,
                exp,
                year,
            } => {
                spelled_number = false;
                (mantissa.clone(), *exp, *year)
            }
            Kind::Word(w) => {
                let n = number_word(w)?;
                // "a billion", "un milliard": a number word counts only before a spelled scale.
                self.word(j + 1).and_then(spelled_scale)?;
                // "half a billion", "a quarter of a billion": fractions are not read, and
                // reading "a billion" alone would be wrong.
                const FRACTIONS: &[&str] = &["half", "quarter", "third", "thirds", "fraction"];
                let before = |k: usize| j.checked_sub(k).and_then(|k| self.word(k));
                if before(1).is_some_and(|w| FRACTIONS.contains(&w) || w == "demi")
                    || (before(1) == Some("of")
                        && before(2).is_some_and(|w| FRACTIONS.contains(&w)))
                {
                    return None;
                }
                spelled_number = true;
                (n.to_string(), 0, false)
            }
            Kind::Sym(_) => return None,
        };
        j += 1;

        let money = currency.is_some() || ctx.is_some_and(|c| c.currency.is_some());
        let mut scale: Option<i32> = None;
        // Bounded so a long run of scale words stays cheap; the value is infinite long before.
        for _ in 0..8 {
            match self.scale_at(j, money, spelled_number) {
                Some(p) => {
                    scale = Some(scale.unwrap_or(0).saturating_add(p));
                    j += 1;
                }
                None => break,
            }
        }

        let mut unit = None;
        if currency.is_none() {
            if let Some(n) = self.percent_at(j) {
                unit = Some("%".to_string());
                j += n;
            } else if let Some((code, next)) = self.currency_suffix(j, scale.is_some()) {
                currency = Some(code);
                j = next;
            } else if let Some(p) = self.word(j).and_then(power_word) {
                unit = Some(p.to_string());
                j += 1;
            } else if !ctx.is_some_and(|c| c.currency.is_some() || c.has_measure()) {
                if let Some((noun, next)) = self.noun_at(j, scale.is_some()) {
                    unit = Some(noun);
                    j = next;
                }
            }
        } else if let Some((code, next)) = self.currency_suffix(j, scale.is_some()) {
            // "US$5 billion USD": the code repeated.
            if Some(code) == currency {
                j = next;
            }
        }

        let plus = self.is(j, "+") && self.glued(j);
        if plus {
            j += 1;
        }
        Some(Amount {
            mantissa,
            exp,
            scale,
            currency,
            unit,
            plus,
            year,
            garbled: !spelled_number && self.malformed(number_at, j),
            start: i,
            end: j,
        })
    }

    /// Whether the number at token `n`, in an amount ending before token `end`, is glued to
    /// more of a number ("1.5.6", "10,20,30", "1..5") or to letters the amount did not read
    /// ("$5Bx", "5e3x", "3rd"): then what it says is unclear, and reading the part that looks
    /// like a number would lie.
    fn malformed(&self, n: usize, end: usize) -> bool {
        let number = |k: usize| {
            matches!(
                self.toks.get(k),
                Some(Tok {
                    kind: Kind::Num { .. },
                    ..
                })
            )
        };
        let point = |k: usize| matches!(self.sym(k), Some('.' | ','));
        let before = n >= 1
            && self.glued(n)
            && (number(n - 1) || (n >= 2 && point(n - 1) && self.glued(n - 1) && number(n - 2)));
        let k = n + 1;
        let after = self.glued(k)
            && (number(k)
                || (point(k) && self.glued(k + 1) && number(k + 1))
                || (self.word(k).is_some() && end <= k));
        before || after
    }

    /// A range separator at token `j` ("-", "to", "à", "up to", "jusqu'à"; "and", "et" after
    /// "between"): how many tokens it takes.
    fn range_sep(&self, j: usize, between: bool) -> Option<usize> {
        if self.is(j, "-") || self.is(j, "to") || (self.is(j, "a") && self.raw(j) != "A") {
            Some(1)
        } else if self.seq(j, &["up", "to"]) || self.seq(j, &["jusqu'", "a"]) {
            Some(2)
        } else if between && self.is_any(j, &["and", "et"]) {
            Some(1)
        } else {
            None
        }
    }

    /// A third end after the range ending with `hi`: "50–60–70B", "$1B to $2B to $3B". A year
    /// after it ("$10B–$20B to 2030") ends a period and is fine.
    fn third_end(&self, hi: &Amount) -> bool {
        self.range_sep(hi.end, false)
            .and_then(|sep| self.amount(hi.end + sep, Some(hi)))
            .is_some_and(|a3| !a3.is_year())
    }

    /// "- 60B", "to $10B", "à 60 milliards", "and $50 billion" (after "between"), then the other
    /// end. Returns both ends with scale, currency and unit shared, in written order.
    fn range_after(&self, a1: &Amount, between: bool) -> Option<(Amount, Amount)> {
        let j = a1.end;
        let sep = self.range_sep(j, between)?;
        let a2 = self.amount(j + sep, Some(a1))?;
        // "$10B to 2030": a year after "to" ends a period, not a range.
        if a2.is_year() && !a1.is_year() {
            return None;
        }
        let mut lo = a1.clone();
        let mut hi = a2;
        match (lo.currency, hi.currency) {
            (Some(x), Some(y)) if x != y => return None,
            (x, y) => {
                lo.currency = x.or(y);
                hi.currency = lo.currency;
            }
        }
        match (&lo.unit, &hi.unit) {
            (Some(x), Some(y)) if x != y => return None,
            (x, y) => {
                let unit = x.clone().or_else(|| y.clone());
                lo.unit.clone_from(&unit);
                hi.unit = unit;
            }
        }
        if lo.currency.is_some() && lo.unit.is_some() {
            return None;
        }
        // The scale written on one end applies to the other: "$50–60B", "between $40 and $50 billion".
        if lo.scale.is_none() {
            lo.scale = hi.scale;
        }
        if hi.scale.is_none() {
            hi.scale = lo.scale;
        }
        Some((lo, hi))
    }
}
