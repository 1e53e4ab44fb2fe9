//! Reads the free-text terms and amounts of a deal book ("up to 10% of AMD", "$50–60B per
//! gigawatt", "au moins 50 milliards de dollars") into structured quantities.
//!
//! The grammar, written for the people who keep deal books, is `docs/terms.md`. The reader works
//! in two steps: a small tokenizer (numbers with their separators, folded words, symbols), then a
//! parser that looks for the first amount phrase among the tokens together with its bound, range,
//! rate and stake. It never panics and never returns a non-finite number.

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

    fn without_quantity(text: &str, bound: Bound) -> Term {
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

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// The currencies the reader knows: code, and the symbol `human` shows (None: show the code).
const CURRENCIES: &[(&str, Option<&str>)] = &[
    ("USD", Some("$")),
    ("EUR", Some("€")),
    ("GBP", Some("£")),
    ("JPY", Some("¥")),
    ("CNY", None),
    ("CHF", None),
    ("CAD", None),
    ("AUD", None),
    ("HKD", None),
    ("SGD", None),
    ("INR", None),
    ("KRW", None),
    ("AED", None),
    ("SAR", None),
];

/// Some(symbol) when `code` is a known currency code.
fn currency_symbol(code: &str) -> Option<Option<&'static str>> {
    CURRENCIES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s)
}

fn symbol_currency(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₩' => "KRW",
        _ => return None,
    })
}

/// A currency code written as a word ("USD", "eur"), folded.
fn code_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "hkd" => "HKD",
        "sgd" => "SGD",
        "inr" => "INR",
        "krw" => "KRW",
        "aed" => "AED",
        "sar" => "SAR",
        _ => return None,
    })
}

/// Scale words spelled out, as powers of ten. "billion" is the English 1e9: the old French
/// "billion" (1e12) is not supported, the press writes "milliard" and "trillion".
fn spelled_scale(w: &str) -> Option<i32> {
    Some(match w {
        "hundred" | "hundreds" | "cent" | "cents" => 2,
        "thousand" | "thousands" | "mille" | "millier" | "milliers" => 3,
        "million" | "millions" => 6,
        "billion" | "billions" | "milliard" | "milliards" => 9,
        "trillion" | "trillions" => 12,
        "lakh" | "lakhs" => 5,
        "crore" | "crores" => 7,
        _ => return None,
    })
}

/// Number words, read as a number only right before a spelled scale ("a billion", "un milliard",
/// "plus d'un trillion"), so that the article in "a 10% stake" stays an article.
fn number_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "a" | "an" | "one" | "un" | "une" => "1",
        "two" | "deux" => "2",
        "three" | "trois" => "3",
        "four" | "quatre" => "4",
        "five" | "cinq" => "5",
        "six" => "6",
        "seven" | "sept" => "7",
        "eight" | "huit" => "8",
        "nine" | "neuf" => "9",
        "ten" | "dix" => "10",
        "twenty" | "vingt" => "20",
        "cent" => "100",
        "mille" => "1000",
        _ => return None,
    })
}

fn power_word(w: &str) -> Option<&'static str> {
    match w {
        "gw" | "gigawatt" | "gigawatts" => Some("GW"),
        "mw" | "megawatt" | "megawatts" => Some("MW"),
        _ => None,
    }
}

/// Time words of a rate, normalised ("par an" → "year").
fn time_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "year" | "years" | "yr" | "yrs" | "y" | "annum" | "an" | "annee" => "year",
        "month" | "months" | "mo" | "mos" | "mois" => "month",
        "quarter" | "trimestre" => "quarter",
        "week" | "semaine" => "week",
        "day" | "jour" => "day",
        _ => return None,
    })
}

/// Function words: never a counted noun, a rate noun, or the start of an entity name.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "to", "of", "in", "on", "at", "by", "for", "from", "with",
    "over", "under", "per", "via", "as", "than", "into", "through", "until", "during", "after",
    "before", "plus", "each", "every", "up", "about", "around", "between", "worth", "valued",
    "led", "is", "was", "were", "be", "will", "would", "which", "that", "de", "d'", "du", "des",
    "la", "le", "les", "l'", "et", "ou", "en", "par", "pour", "avec", "sur", "sous", "dans",
    "au", "aux", "entre", "dont", "qui", "que", "qu'", "jusqu'", "contre", "soit", "pendant",
    "apres", "avant", "chaque",
];

/// Words that end an unresolved entity name: "10% of AMD in warrants" keeps "AMD".
#[rustfmt::skip]
const ENTITY_STOP: &[&str] = &[
    "in", "through", "via", "for", "with", "by", "at", "over", "under", "from", "on", "as",
    "and", "or", "to", "per", "which", "that", "worth", "valued", "plus", "after", "before",
    "during", "until", "a", "an", "en", "par", "pour", "avec", "sous", "et", "ou", "sur", "au",
    "aux", "dont", "qui", "que", "contre", "soit", "pendant", "apres", "avant", "jusqu'",
];

/// Words after a bare number that are context, not the thing counted ("300 round").
#[rustfmt::skip]
const NOT_NOUN: &[&str] = &[
    "minimum", "maximum", "max", "min", "environ", "approximately", "approx", "roughly", "tops",
    "annually", "yearly", "monthly", "quarterly", "annuellement", "mensuellement", "upfront",
    "valuation", "valorisation", "round", "deal", "investment", "investissement", "commitment",
    "engagement", "campus", "contract", "contrat", "loan", "facility", "funding", "financement",
    "capex", "revenue", "revenues", "stake", "participation", "equity", "capacity", "capacite",
    "total",
];

/// Nouns naming a stake: "a 10% stake in AMD", "une participation de 10 % dans AMD".
#[rustfmt::skip]
const STAKE_WORDS: &[&str] = &[
    "stake", "equity", "ownership", "interest", "holding", "shareholding", "participation",
    "position",
];

/// Counted nouns after which "in" names the company: "1M shares in AMD".
const SHARE_WORDS: &[&str] = &["share", "shares", "stock", "warrants", "action", "actions"];

/// Bound words before an amount, as token sequences (folded words or single symbols).
const PREFIX_BOUNDS: &[(&[&str], Bound)] = &[
    (&["up", "to"], Bound::AtMost),
    (&["as", "much", "as"], Bound::AtMost),
    (&["as", "many", "as"], Bound::AtMost),
    (&["no", "more", "than"], Bound::AtMost),
    (&["not", "more", "than"], Bound::AtMost),
    (&["at", "most"], Bound::AtMost),
    (&["jusqu'", "a"], Bound::AtMost),
    (&["au", "plus"], Bound::AtMost),
    (&["maximum"], Bound::AtMost),
    (&["maximum", "of"], Bound::AtMost),
    (&["maximum", "de"], Bound::AtMost),
    (&["maximum", "d'"], Bound::AtMost),
    (&["max"], Bound::AtMost),
    (&["less", "than"], Bound::AtMost),
    (&["fewer", "than"], Bound::AtMost),
    (&["under"], Bound::AtMost),
    (&["below"], Bound::AtMost),
    (&["moins", "de"], Bound::AtMost),
    (&["moins", "d'"], Bound::AtMost),
    (&["capped", "at"], Bound::AtMost),
    (&["≤"], Bound::AtMost),
    (&["<"], Bound::AtMost),
    (&["<", "="], Bound::AtMost),
    (&["at", "least"], Bound::AtLeast),
    (&["more", "than"], Bound::AtLeast),
    (&["over"], Bound::AtLeast),
    (&["in", "excess", "of"], Bound::AtLeast),
    (&["au", "moins"], Bound::AtLeast),
    (&["plus", "de"], Bound::AtLeast),
    (&["plus", "d'"], Bound::AtLeast),
    (&["minimum"], Bound::AtLeast),
    (&["minimum", "of"], Bound::AtLeast),
    (&["minimum", "de"], Bound::AtLeast),
    (&["minimum", "d'"], Bound::AtLeast),
    (&["upwards", "of"], Bound::AtLeast),
    (&["upward", "of"], Bound::AtLeast),
    (&["north", "of"], Bound::AtLeast),
    (&["above"], Bound::AtLeast),
    (&["greater", "than"], Bound::AtLeast),
    (&["no", "less", "than"], Bound::AtLeast),
    (&["not", "less", "than"], Bound::AtLeast),
    (&["no", "fewer", "than"], Bound::AtLeast),
    (&["au", "-", "dela", "de"], Bound::AtLeast),
    (&["au", "-", "dela", "d'"], Bound::AtLeast),
    (&["au", "dela", "de"], Bound::AtLeast),
    (&["au", "dela", "d'"], Bound::AtLeast),
    (&["superieur", "a"], Bound::AtLeast),
    (&["superieure", "a"], Bound::AtLeast),
    (&["≥"], Bound::AtLeast),
    (&[">"], Bound::AtLeast),
    (&[">", "="], Bound::AtLeast),
    (&["about"], Bound::About),
    (&["around"], Bound::About),
    (&["approximately"], Bound::About),
    (&["approx"], Bound::About),
    (&["approx", "."], Bound::About),
    (&["roughly"], Bound::About),
    (&["nearly"], Bound::About),
    (&["almost"], Bound::About),
    (&["some"], Bound::About),
    (&["circa"], Bound::About),
    (&["ca", "."], Bound::About),
    (&["est", "."], Bound::About),
    (&["estimated"], Bound::About),
    (&["estimated", "at"], Bound::About),
    (&["close", "to"], Bound::About),
    (&["~"], Bound::About),
    (&["≈"], Bound::About),
    (&["environ"], Bound::About),
    (&["pres", "de"], Bound::About),
    (&["pres", "d'"], Bound::About),
    (&["autour", "de"], Bound::About),
    (&["autour", "d'"], Bound::About),
    (&["quelque"], Bound::About),
    (&["avoisinant"], Bound::About),
    (&["approximativement"], Bound::About),
    (&["presque"], Bound::About),
    (&["quasiment"], Bound::About),
    (&["a", "peu", "pres"], Bound::About),
    (&["estime", "a"], Bound::About),
    (&["estimee", "a"], Bound::About),
];

/// Bound words after an amount ("$10B or more", "10 % maximum"). A glued "+" is read by the
/// amount itself.
const SUFFIX_BOUNDS: &[(&[&str], Bound)] = &[
    (&["-", "plus"], Bound::AtLeast),
    (&["or", "more"], Bound::AtLeast),
    (&["or", "above"], Bound::AtLeast),
    (&["or", "higher"], Bound::AtLeast),
    (&["or", "greater"], Bound::AtLeast),
    (&["and", "up"], Bound::AtLeast),
    (&["ou", "plus"], Bound::AtLeast),
    (&["et", "plus"], Bound::AtLeast),
    (&["at", "least"], Bound::AtLeast),
    (&["au", "moins"], Bound::AtLeast),
    (&["minimum"], Bound::AtLeast),
    (&["min"], Bound::AtLeast),
    (&["au", "minimum"], Bound::AtLeast),
    (&["at", "minimum"], Bound::AtLeast),
    (&["at", "a", "minimum"], Bound::AtLeast),
    (&["or", "less"], Bound::AtMost),
    (&["or", "fewer"], Bound::AtMost),
    (&["or", "lower"], Bound::AtMost),
    (&["ou", "moins"], Bound::AtMost),
    (&["at", "most"], Bound::AtMost),
    (&["at", "the", "most"], Bound::AtMost),
    (&["au", "plus"], Bound::AtMost),
    (&["maximum"], Bound::AtMost),
    (&["max"], Bound::AtMost),
    (&["au", "maximum"], Bound::AtMost),
    (&["at", "a", "maximum"], Bound::AtMost),
    (&["tops"], Bound::AtMost),
    (&["or", "so"], Bound::About),
    (&["or", "thereabouts"], Bound::About),
    (&["environ"], Bound::About),
    (&["approximately"], Bound::About),
    (&["approx"], Bound::About),
    (&["roughly"], Bound::About),
];

/// Words that say a quantity exists but is not public; see `Parser::undisclosed`.
#[rustfmt::skip]
const UNDISCLOSED_WORDS: &[&str] = &[
    "undisclosed", "nondisclosed", "unknown", "unspecified", "unannounced", "undetermined",
    "confidential", "confidentiel", "confidentielle", "inconnu", "inconnue", "tbd",
];

/// French participles after "non" ("non communiqué", "non-divulguée", "non précisé"…).
#[rustfmt::skip]
const NON_STEMS: &[&str] = &[
    "communiqu", "divulgu", "precis", "publi", "revel", "connu", "disclos", "annonc", "chiffr",
];

// ---------------------------------------------------------------------------------------------
// Tokenizer

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A number: its digits with '.' as decimal point ("4.3", "1000"), the power of ten written
    /// after an 'e', and whether it looks like a year. Kept as text so that scaling stays
    /// correctly rounded ("4.3e9" is parsed once, not computed as 4.3 × 1e9).
    Num {
        mantissa: String,
        exp: i32,
        year: bool,
    },
    /// A word, lower-cased with accents folded ("près" → "pres"); a French elision keeps its
    /// apostrophe ("d'", "jusqu'").
    Word(String),
    /// Any other character; dashes are folded to '-' and apostrophes to '\''.
    Sym(char),
}

#[derive(Debug, Clone)]
struct Tok {
    kind: Kind,
    /// Byte range in the trimmed text, always on char boundaries.
    start: usize,
    end: usize,
    /// Whitespace before this token: "$5B+" (at least) and "$5B + warrants" differ.
    spaced: bool,
    /// The word was followed by "'s", which is not part of the token ("AMD's" → "AMD").
    possessive: bool,
}

/// French elided words: "d'AMD", "jusqu'à", "l'entreprise".
#[rustfmt::skip]
const ELISIONS: &[&str] = &[
    "d", "l", "qu", "jusqu", "lorsqu", "puisqu", "quelqu", "presqu", "n", "s", "c", "j", "m",
    "t",
];

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Folds the many dashes, apostrophes and full-width signs onto one character each.
fn fold_sym(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{FF04}' => '$',
        '\u{FFE5}' => '¥',
        '\u{FF05}' | '\u{FE6A}' => '%',
        '\u{FF5E}' | '\u{223C}' => '~',
        c => c,
    }
}

/// Lower-cases and strips French (and common Latin) accents, so that "jusqu'a" and "jusqu'à",
/// "precise" and "précisé" read alike.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if is_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits the text into tokens. Works on a vector of (byte offset, char) so that lookahead is
/// by char and every slice falls on a char boundary.
fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(s.len(), |&(b, _)| b);
    let digit = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());

    let mut toks = Vec::new();
    let mut spaced = false;
    let mut i = 0;
    while let Some(c) = ch(i) {
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        let begin = i;
        let mut end_char;
        let mut possessive = false;
        let kind = if c.is_ascii_digit() || (c == '.' && digit(i + 1)) {
            let (kind, next) = lex_number(&chars, i);
            i = next;
            end_char = i;
            kind
        } else if c.is_alphabetic() {
            i += 1;
            while ch(i).is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit() || is_mark(c)) {
                i += 1;
            }
            end_char = i;
            let mut word = fold(&s[off(begin)..off(i)]);
            if ch(i).is_some_and(|c| fold_sym(c) == '\'') {
                let after = ch(i + 1);
                if matches!(after, Some('s' | 'S'))
                    && !ch(i + 2).is_some_and(|c| c.is_alphanumeric())
                {
                    possessive = true;
                    i += 2;
                } else if after.is_some_and(|c| c.is_alphabetic() || c.is_ascii_digit())
                    && ELISIONS.contains(&word.as_str())
                {
                    word.push('\'');
                    i += 1;
                    end_char = i;
                }
            }
            Kind::Word(word)
        } else {
            i += 1;
            end_char = i;
            Kind::Sym(fold_sym(c))
        };
        toks.push(Tok {
            kind,
            start: off(begin),
            end: off(end_char),
            spaced,
            possessive,
        });
        spaced = false;
    }
    toks
}

/// Reads one number starting at char `start`. Separators:
/// - a comma followed by exactly three digits then a non-digit groups thousands ("1,000");
///   any other comma before digits is a French decimal comma ("4,3", "12,75");
/// - a space (also U+00A0, U+202F) groups thousands after a first group of 1–3 digits ("1 000");
/// - a dot is a decimal point, unless it repeats as "1.000.000";
/// - "e" with digits right after is an exponent ("1e9"); "1e999" is too big and ends unparsed.
fn lex_number(chars: &[(usize, char)], start: usize) -> (Kind, usize) {
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c);
    let digit = |i: usize| ch(i).is_some_and(|c| c.is_ascii_digit());
    let group = |i: usize| digit(i) && digit(i + 1) && digit(i + 2) && !digit(i + 3);

    let mut mantissa = String::new();
    let mut i = start;
    while let Some(c) = ch(i).filter(char::is_ascii_digit) {
        mantissa.push(c);
        i += 1;
    }
    let int_len = i - start;

    let mut sep: Option<char> = None;
    while let Some(c) = ch(i) {
        let class = match c {
            ',' | '.' => c,
            c if c.is_whitespace() => ' ',
            _ => break,
        };
        if int_len == 0 || sep.is_some_and(|s| s != class) || !group(i + 1) {
            break;
        }
        let first = sep.is_none();
        let ok = match class {
            ' ' => !first || int_len <= 3,
            '.' => !first || (int_len <= 3 && ch(i + 4) == Some('.') && group(i + 5)),
            _ => true,
        };
        if !ok {
            break;
        }
        for k in 1..=3 {
            if let Some(d) = ch(i + k) {
                mantissa.push(d);
            }
        }
        i += 4;
        sep = Some(class);
    }

    let mut decimal = false;
    if let Some(c @ ('.' | ',')) = ch(i) {
        if sep != Some(c) && digit(i + 1) {
            if mantissa.is_empty() {
                mantissa.push('0');
            }
            mantissa.push('.');
            i += 1;
            decimal = true;
            while let Some(d) = ch(i).filter(char::is_ascii_digit) {
                mantissa.push(d);
                i += 1;
            }
        }
    }

    let mut exp = 0i32;
    let mut sci = false;
    if matches!(ch(i), Some('e' | 'E')) {
        let mut k = i + 1;
        let negative = match ch(k) {
            Some('-') => {
                k += 1;
                true
            }
            Some('+') => {
                k += 1;
                false
            }
            _ => false,
        };
        if digit(k) {
            let mut e: i32 = 0;
            while let Some(d) = ch(k).and_then(|c| c.to_digit(10)) {
                // Saturate: anything past this is infinite or zero anyway.
                e = e.saturating_mul(10).saturating_add(d as i32).min(1_000_000);
                k += 1;
            }
            // "5e3x" is not a number in scientific notation.
            if !ch(k).is_some_and(char::is_alphabetic) {
                exp = if negative { -e } else { e };
                i = k;
                sci = true;
            }
        }
    }

    let year = !sci
        && !decimal
        && sep.is_none()
        && int_len == 4
        && mantissa
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    (
        Kind::Num {
            mantissa,
            exp,
            year,
        },
        i,
    )
}

// ---------------------------------------------------------------------------------------------
// Parser

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
    /// Token range.
    start: usize,
    end: usize,
}

impl Amount {
    fn value(&self) -> f64 {
        let e = i64::from(self.exp) + i64::from(self.scale.unwrap_or(0));
        // Parsing "4.3e9" rounds once, where 4.3 * 1e9 could round twice. A failed parse cannot
        // happen for our own digits, but would read as non-finite and end unparsed.
        format!("{}e{e}", self.mantissa)
            .parse::<f64>()
            .unwrap_or(f64::NAN)
    }

    /// A year ("2030") is not a quantity: nothing but the number was written.
    fn is_year(&self) -> bool {
        self.year && self.scale.is_none() && self.currency.is_none() && !self.has_measure()
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
        let Some(found) = self.find() else {
            let bound = if self.undisclosed() {
                Bound::Undisclosed
            } else {
                Bound::Unparsed
            };
            return Term::without_quantity(self.src, bound);
        };
        if !found.low.is_finite() || !found.high.is_finite() {
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
    /// adversarial input (100 KB of "x 1 x 1…") cheap.
    fn find(&self) -> Option<Found> {
        const MAX_BARE: usize = 256;
        let mut weak = None;
        let mut bare = 0;
        let mut i = 0;
        while i < self.toks.len() && bare < MAX_BARE {
            match self.quantity_at(i) {
                Some(found) if found.strong => return Some(found),
                Some(found) => {
                    bare += 1;
                    i = found.end.max(i + 1);
                    weak.get_or_insert(found);
                }
                None => i += 1,
            }
        }
        weak
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

    fn quantity_at(&self, i: usize) -> Option<Found> {
        if self.inside_name(i) {
            return None;
        }
        let a1 = self.amount(i, None)?;
        let between = a1
            .start
            .checked_sub(1)
            .is_some_and(|k| self.is_any(k, &["between", "entre"]));

        let (mut bound, mut low, mut high, unit, currency, scaled, mut j);
        if let Some((lo, hi)) = self.range_after(&a1, between) {
            // Two bare years ("2024–2030") are a period, not a quantity.
            if lo.is_year() && hi.is_year() {
                return None;
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
                return None;
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
        Some(Found {
            bound,
            low,
            high,
            unit: currency.map(str::to_string).or(unit),
            per,
            of_from,
            strong,
            end: j,
        })
    }

    /// "$50", "50 milliards de dollars", "US$ 5bn", "un milliard", "10 %", "6 GW",
    /// "160 million shares". `ctx` is the other end of a range, whose money context carries over.
    fn amount(&self, i: usize, ctx: Option<&Amount>) -> Option<Amount> {
        let (mut currency, mut j) = match self.currency_prefix(i) {
            Some((code, next)) => (Some(code), next),
            None => (None, i),
        };
        let spelled_number;
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
            start: i,
            end: j,
        })
    }

    /// "$", "€", "US$", "C$", "USD", "EUR"… before the number.
    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
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
    fn currency_suffix(&self, i: usize, scaled: bool) -> Option<(&'static str, usize)> {
        if let Some(found) = self.currency_word(i) {
            return Some(found);
        }
        if scaled && self.is_any(i, &["de", "d'", "of"]) {
            return self.currency_word(i + 1);
        }
        None
    }

    fn currency_word(&self, i: usize) -> Option<(&'static str, usize)> {
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
    fn scale_at(&self, i: usize, money: bool, after_number_word: bool) -> Option<i32> {
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
    fn percent_at(&self, i: usize) -> Option<usize> {
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
    fn noun_at(&self, i: usize, scaled: bool) -> Option<(String, usize)> {
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
        if !is_noun(j) {
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
    fn compound(&self, i: usize) -> (String, usize) {
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

    /// The longest bound phrase ending right before token `start`.
    fn prefix_bound(&self, start: usize) -> Option<Bound> {
        let last = start.checked_sub(1)?;
        // Every bound phrase ends in a word or one of these symbols: skip the table otherwise.
        match self.toks.get(last)?.kind {
            Kind::Word(_) | Kind::Sym('~' | '≈' | '≤' | '≥' | '<' | '>' | '=' | '.') => {}
            _ => return None,
        }
        // Plain loops: this runs once per candidate number, and long inputs have many.
        let mut best: Option<(usize, Bound)> = None;
        for (pat, bound) in PREFIX_BOUNDS {
            let n = pat.len();
            let longer = best.is_none_or(|(m, _)| n > m);
            if longer && n <= start && self.is(last, pat[n - 1]) && self.seq(start - n, pat) {
                best = Some((n, *bound));
            }
        }
        best.map(|(_, b)| b)
    }

    /// The longest bound phrase starting at token `i`.
    fn suffix_bound(&self, i: usize) -> Option<(Bound, usize)> {
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

    /// "- 60B", "to $10B", "à 60 milliards", "and $50 billion" (after "between"), then the other
    /// end. Returns both ends with scale, currency and unit shared, in written order.
    fn range_after(&self, a1: &Amount, between: bool) -> Option<(Amount, Amount)> {
        let j = a1.end;
        let sep = if self.is(j, "-") || self.is(j, "to") || (self.is(j, "a") && self.raw(j) != "A")
        {
            1
        } else if self.seq(j, &["up", "to"]) || self.seq(j, &["jusqu'", "a"]) {
            2
        } else if between && self.is_any(j, &["and", "et"]) {
            1
        } else {
            return None;
        };
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

    /// "per gigawatt", "/GW", "par an", "a year", "annually", "per <noun>".
    fn rate(&self, i: usize) -> Option<(String, usize)> {
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
    fn of_phrase(&self, i: usize, percent: bool, stake: bool, unit: Option<&str>) -> Option<usize> {
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
    fn entity(&self, from: usize, resolve: &dyn Fn(&str) -> Option<String>) -> Option<StakeOf> {
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
    fn undisclosed(&self) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .filter_map(|t| match t.kind {
                Kind::Num { mantissa, exp, .. } => Some(format!("{mantissa}e{exp}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn number_separators() {
        assert_eq!(nums("1,000"), ["1000e0"]);
        assert_eq!(nums("4,3"), ["4.3e0"]);
        assert_eq!(nums("12,75"), ["12.75e0"]);
        assert_eq!(nums("1\u{202f}000\u{a0}000,5"), ["1000000.5e0"]);
        assert_eq!(nums("1.000.000"), ["1000000e0"]);
        assert_eq!(nums("1,000.25"), ["1000.25e0"]);
        assert_eq!(nums("2e3"), ["2e3"]);
        assert_eq!(nums("12345 678"), ["12345e0", "678e0"]);
        assert_eq!(nums(".5"), ["0.5e0"]);
    }

    #[test]
    fn words_fold_and_elide() {
        let words: Vec<_> = tokenize("Jusqu’à d'AMD AMD's Près")
            .into_iter()
            .filter_map(|t| match t.kind {
                Kind::Word(w) => Some(w),
                _ => None,
            })
            .collect();
        assert_eq!(words, ["jusqu'", "a", "d'", "amd", "amd", "pres"]);
    }

    #[test]
    fn compact_rounding() {
        assert_eq!(compact(999_999.999_6), "1M");
        assert_eq!(compact(4.3e9), "4.3B");
        assert_eq!(compact(0.0), "0");
        assert_eq!(format_amount(-5e9, Some("USD")), "-$5B");
        assert_eq!(format_amount(5e6, Some("CHF")), "CHF 5M");
    }
}
