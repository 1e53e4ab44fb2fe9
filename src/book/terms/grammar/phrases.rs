//! The phrases around a number that the grammar reads: currencies, scales, percent signs,
//! counted nouns, bound words, rates, the entity of a stake, and the words of an undisclosed term.

use super::Parser;
use crate::book::terms::term::{Bound, StakeOf};
use crate::book::terms::tokenizer::{Kind, Tok, fold};
use crate::book::terms::vocab::*;

impl Parser<'_> {
    /// "$", "€", "US$", "C$", "USD", "EUR"… before the number.
    pub(super) fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        match &self.toks.get(i)?.kind {
            Kind::Sym(c) => symbol_currency(*c).map(|code| (code, i + 1)),
            Kind::Word(w) => {
                if self.sym(i + 1) == Some('$') && self.glued(i + 1) {
                    let code = match (w.as_str(), self.raw(i)) {
                        ("us", _) => Some("USD"),
                        ("c" | "ca", _) => Some("CAD"),
                        ("au", _) | ("a", "A") => Some("AUD"),
                        ("hk", _) => Some("HKD"),
                        ("s", "S") => Some("SGD"),
                        _ => None,
                    };
                    if let Some(code) = code {
                        return Some((code, i + 2));
                    }
                }
                code_word(w).map(|code| (code, i + 1))
            }
            Kind::Num { .. } => None,
        }
    }

    /// A currency after the number: "$", "€" (also after "Md"/"M"), "dollars", "de dollars",
    /// "d'euros", "USD", "US dollars", "francs suisses"… The connector "de"/"d'"/"of" is only
    /// taken after a scale ("50 milliards de dollars").
    pub(super) fn currency_suffix(&self, i: usize, scaled: bool) -> Option<(&'static str, usize)> {
        if let Some(found) = self.currency_word(i) {
            return Some(found);
        }
        if scaled && self.is_any(i, &["de", "d'", "of"]) {
            return self.currency_word(i + 1);
        }
        None
    }

    pub(super) fn currency_word(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = match &self.toks.get(i)?.kind {
            Kind::Sym(c) => return symbol_currency(*c).map(|code| (code, i + 1)),
            Kind::Word(w) => w.as_str(),
            Kind::Num { .. } => return None,
        };
        let next = self.word(i + 1).unwrap_or("");
        let dollars = |w: &str| matches!(w, "dollar" | "dollars");
        Some(match w {
            "us" if dollars(next) => ("USD", i + 2),
            "canadian" if dollars(next) => ("CAD", i + 2),
            "australian" if dollars(next) => ("AUD", i + 2),
            "swiss" if matches!(next, "franc" | "francs") => ("CHF", i + 2),
            "dollar" | "dollars" => match next {
                "us" | "americain" | "americains" => ("USD", i + 2),
                "canadien" | "canadiens" => ("CAD", i + 2),
                "australien" | "australiens" => ("AUD", i + 2),
                _ => ("USD", i + 1),
            },
            "euro" | "euros" => ("EUR", i + 1),
            "pound" | "pounds" | "livre" | "livres" if next == "sterling" => ("GBP", i + 2),
            "pound" | "pounds" | "livre" | "livres" | "sterling" => ("GBP", i + 1),
            "yen" | "yens" => ("JPY", i + 1),
            "yuan" | "yuans" | "renminbi" => ("CNY", i + 1),
            "franc" | "francs" if matches!(next, "suisse" | "suisses") => ("CHF", i + 2),
            "rupee" | "rupees" | "roupie" | "roupies" => ("INR", i + 1),
            "dirham" | "dirhams" => ("AED", i + 1),
            "riyal" | "riyals" => ("SAR", i + 1),
            _ => (code_word(w)?, i + 1),
        })
    }

    /// A scale word at `i`, as a power of ten. Single letters that are also units elsewhere
    /// ("m" metres, "t" tonnes) are scales only when written upper-case or in a money context;
    /// "hundred"/"cent" only after a number word ("two hundred billion"), so "5 cents" stays.
    pub(super) fn scale_at(&self, i: usize, money: bool, after_number_word: bool) -> Option<i32> {
        let w = self.word(i)?;
        if let Some(p) = spelled_scale(w) {
            return (p != 2 || after_number_word).then_some(p);
        }
        let raw = self.raw(i);
        let in_money = || money || self.currency_suffix(i + 1, true).is_some();
        match w {
            "k" => Some(3),
            "m" => (raw == "M" || in_money()).then_some(6),
            "mm" => in_money().then_some(6),
            "mn" | "mln" | "mio" | "mil" => Some(6),
            "b" | "bn" | "bln" | "md" | "mds" | "mrd" | "mrds" => Some(9),
            // Quebec's "G$" (milliard de dollars).
            "g" => (self.glued(i + 1) && matches!(self.sym(i + 1), Some('$' | '€'))).then_some(9),
            "t" => (raw == "T" || in_money()).then_some(12),
            "tn" | "trn" => Some(12),
            _ => None,
        }
    }

    /// "%", "percent", "per cent", "pour cent": the number of tokens.
    pub(super) fn percent_at(&self, i: usize) -> Option<usize> {
        if self.is(i, "%") || self.is_any(i, &["percent", "pourcent", "pct"]) {
            Some(1)
        } else if self.seq(i, &["per", "cent"]) || self.seq(i, &["pour", "cent"]) {
            Some(2)
        } else {
            None
        }
    }

    /// The counted noun, as written: "shares", "TPUs", "GPU", "H100 GPUs". After a scale,
    /// "of"/"de"/"d'" may come first ("1 million de GPU", "160 millions d'actions").
    pub(super) fn noun_at(&self, i: usize, scaled: bool) -> Option<(String, usize)> {
        let j = if scaled && self.is_any(i, &["of", "de", "d'"]) {
            i + 1
        } else {
            i
        };
        let is_noun = |k: usize| {
            self.word(k).is_some_and(|w| {
                w.chars().count() > 1
                    && !w.ends_with('\'')
                    && !STOP.contains(&w)
                    && !NOT_NOUN.contains(&w)
                    && !UNDISCLOSED_WORDS.contains(&w)
                    && spelled_scale(w).is_none()
            })
        };
        // A counted noun stands apart from its number: glued letters are a suffix ("3rd", "10x")
        // or a misspelt scale ("160Mshares"), never a count.
        let glued_to_number = j > 0
            && self.glued(j)
            && matches!(
                self.toks.get(j - 1),
                Some(Tok {
                    kind: Kind::Num { .. },
                    ..
                })
            );
        if !is_noun(j) || glued_to_number {
            return None;
        }
        let (noun, next) = self.compound(j);
        // A model number names the thing together with the next word: "10 000 H100 GPUs".
        if noun.chars().any(|c| c.is_ascii_digit()) && is_noun(next) {
            let (more, next) = self.compound(next);
            return Some((format!("{noun} {more}"), next));
        }
        Some((noun, next))
    }

    /// A word as written, with glued hyphenated parts: "GPU-hours", "share".
    pub(super) fn compound(&self, i: usize) -> (String, usize) {
        let mut end = i + 1;
        while self.sym(end) == Some('-')
            && self.glued(end)
            && self.glued(end + 1)
            && self.word(end + 1).is_some()
        {
            end += 2;
        }
        let text = match (self.toks.get(i), self.toks.get(end - 1)) {
            (Some(a), Some(b)) => self.src.get(a.start..b.end).unwrap_or(""),
            _ => "",
        };
        (text.to_string(), end)
    }

    /// The bound phrase before the amount starting at token `start`, with an optional article
    /// between them: "avoisinant les", "around the", or the article contracted with the
    /// phrase's last word, "près des" (de + les), "jusqu'aux" (à + les).
    pub(super) fn prefix_bound(&self, start: usize) -> Option<Bound> {
        let last = start.checked_sub(1)?;
        // Every bound phrase ends in a word or one of these symbols: skip the table otherwise.
        match self.toks.get(last)?.kind {
            Kind::Word(_) | Kind::Sym('~' | '≈' | '≤' | '≥' | '<' | '>' | '=' | '.') => {}
            _ => return None,
        }
        if let Some(bound) = self.bound_ending(start, None) {
            return Some(bound);
        }
        match self.word(last)? {
            w if ARTICLES.contains(&w) => self.bound_ending(last, Some(&[])),
            "des" => self.bound_ending(start, Some(&["de", "d'"])),
            "aux" => self.bound_ending(start, Some(&["a"])),
            _ => None,
        }
    }

    /// The longest bound phrase whose tokens end right before token `end`. With `article`, the
    /// phrase is followed by an article, so one that takes none ("under") does not count; and
    /// when `article` lists words, the token before `end` is the article contracted with the
    /// phrase's last word, which must be one of them.
    fn bound_ending(&self, end: usize, article: Option<&[&str]>) -> Option<Bound> {
        // Plain loops: this runs once per candidate number, and long inputs have many.
        let mut best: Option<(usize, Bound)> = None;
        for (pat, bound) in PREFIX_BOUNDS {
            let n = pat.len();
            if best.is_some_and(|(m, _)| n <= m) || n > end {
                continue;
            }
            let (head, last) = pat.split_at(n - 1);
            let last_ok = match article {
                Some(contracted) if !contracted.is_empty() => contracted.contains(&last[0]),
                _ => self.is(end - 1, last[0]),
            };
            let takes_article = article.is_none() || !NO_ARTICLE_AFTER.contains(pat);
            if last_ok && takes_article && self.seq(end - n, head) {
                best = Some((n, *bound));
            }
        }
        best.map(|(_, b)| b)
    }

    /// The longest bound phrase starting at token `i`.
    pub(super) fn suffix_bound(&self, i: usize) -> Option<(Bound, usize)> {
        match self.toks.get(i)?.kind {
            Kind::Word(_) => {}
            Kind::Sym('-') if self.is(i + 1, "plus") => {}
            _ => return None,
        }
        let mut best: Option<(usize, Bound)> = None;
        for (pat, bound) in SUFFIX_BOUNDS {
            let n = pat.len();
            // "$5B-plus" is written glued; "$5B - plus" is something else.
            let glued = pat[0] != "-" || (self.glued(i) && self.glued(i + 1));
            if best.is_none_or(|(m, _)| n > m) && glued && self.seq(i, pat) {
                best = Some((n, *bound));
            }
        }
        best.map(|(n, b)| (b, i + n))
    }

    /// "per gigawatt", "/GW", "par an", "a year", "annually", "per <noun>".
    pub(super) fn rate(&self, i: usize) -> Option<(String, usize)> {
        if self.seq(i, &["p", ".", "a", "."]) {
            return Some(("year".to_string(), i + 4));
        }
        let adverb = match self.word(i) {
            Some("annually" | "yearly" | "annuellement") => Some("year"),
            Some("monthly" | "mensuellement") => Some("month"),
            Some("quarterly" | "trimestriellement") => Some("quarter"),
            Some("weekly") => Some("week"),
            Some("daily") => Some("day"),
            _ => None,
        };
        if let Some(per) = adverb {
            return Some((per.to_string(), i + 1));
        }
        let w = self.word(i + 1)?;
        if self.is_any(i, &["a", "an", "each", "every", "chaque"]) {
            // Time words and shares only: "$5B a year", "$30 a share", but not "$5B a deal".
            if matches!(w, "share" | "unit") {
                return Some((self.raw(i + 1).to_string(), i + 2));
            }
            return time_word(w).map(|t| (t.to_string(), i + 2));
        }
        if !(self.is(i, "/") || self.is_any(i, &["per", "par"])) {
            return None;
        }
        let per = if let Some(p) = power_word(w) {
            p.to_string()
        } else if let Some(t) = time_word(w) {
            t.to_string()
        } else if STOP.contains(&w) || w.ends_with('\'') {
            return None;
        } else {
            return Some(self.compound(i + 1));
        };
        Some((per, i + 2))
    }

    /// Where the entity words start after a percentage or a count: "of AMD", "du capital d'AMD",
    /// "stake in AMD", "de Nvidia". `stake` says a stake word was written before the number.
    pub(super) fn of_phrase(
        &self,
        i: usize,
        percent: bool,
        stake: bool,
        unit: Option<&str>,
    ) -> Option<usize> {
        let mut j = i;
        let mut stake = stake;
        if percent {
            // "10% equity stake in", "10 % de participation dans"
            for _ in 0..3 {
                if self.is_any(j, STAKE_WORDS) {
                    stake = true;
                    j += 1;
                } else if self.is_any(j, &["de", "d'"]) && self.is_any(j + 1, STAKE_WORDS) {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let shares = unit.is_some_and(|u| SHARE_WORDS.contains(&fold(u).as_str()));
        let in_ok = stake || shares;
        const CONNECTORS: &[&[&str]] = &[
            &["du", "capital", "de"],
            &["du", "capital", "d'"],
            &["du", "capital", "du"],
            &["au", "capital", "de"],
            &["au", "capital", "d'"],
            &["au", "capital", "du"],
            &["du", "capital"],
            &["au", "capital"],
            &["of"],
            &["de"],
            &["d'"],
            &["du"],
            &["in"],
            &["dans"],
        ];
        let conn = CONNECTORS
            .iter()
            .filter(|c| in_ok || !matches!(c[0], "in" | "dans"))
            .find(|c| self.seq(j, c))?;
        let from = j + conn.len();
        self.word(from).map(|_| from)
    }

    /// The entity named from token `from`: the longest run of words the resolver knows, else the
    /// words up to the first function word, as written.
    pub(super) fn entity(
        &self,
        from: usize,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<StakeOf> {
        let mut words = Vec::new();
        let mut k = from;
        while words.len() < 6 {
            if self.word(k).is_some() {
                words.push(k);
                if self.toks.get(k).is_some_and(|t| t.possessive) {
                    break;
                }
                k += 1;
            } else if matches!(self.sym(k), Some('&' | '-' | '.'))
                && self.glued(k)
                && self.glued(k + 1)
                && self.word(k + 1).is_some()
            {
                // "AT&T", "Micro-Devices"
                k += 1;
            } else {
                break;
            }
        }
        let phrase = |last: usize| -> String {
            let (Some(a), Some(b)) = (self.toks.get(from), self.toks.get(last)) else {
                return String::new();
            };
            let raw = self.src.get(a.start..b.end).unwrap_or("");
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        for &last in words.iter().rev() {
            let words = phrase(last);
            if let Some(id) = resolve(&words) {
                return Some(StakeOf {
                    words,
                    entity: Some(id),
                });
            }
        }
        let kept = words
            .iter()
            .take_while(|&&k| !self.is_any(k, ENTITY_STOP))
            .last()?;
        Some(StakeOf {
            words: phrase(*kept),
            entity: None,
        })
    }

    /// "undisclosed", "not disclosed", "unknown", "n/a", "non communiqué", "confidentiel"…
    pub(super) fn undisclosed(&self) -> bool {
        (0..self.toks.len()).any(|i| {
            let Some(w) = self.word(i) else {
                return false;
            };
            match w {
                "not" => {
                    let k = if self.is(i + 1, "publicly") {
                        i + 2
                    } else {
                        i + 1
                    };
                    self.is_any(
                        k,
                        &["disclosed", "specified", "announced", "public", "known"],
                    )
                }
                "non" => {
                    let k = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
                    self.word(k)
                        .is_some_and(|n| NON_STEMS.iter().any(|s| n.starts_with(s)))
                }
                // n/a, n/c (non communiqué), n/d (non disponible)
                "n" => self.is(i + 1, "/") && self.is_any(i + 2, &["a", "c", "d"]),
                w => UNDISCLOSED_WORDS.contains(&w),
            }
        })
    }
}
