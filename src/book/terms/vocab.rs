//! The reader's vocabulary: currencies, scales, number words, bound phrases and the small words
//! that end a name or a counted noun.

use super::term::Bound;

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
pub(super) fn currency_symbol(code: &str) -> Option<Option<&'static str>> {
    CURRENCIES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s)
}

pub(super) fn symbol_currency(c: char) -> Option<&'static str> {
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
pub(super) fn code_word(w: &str) -> Option<&'static str> {
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
pub(super) fn spelled_scale(w: &str) -> Option<i32> {
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
pub(super) fn number_word(w: &str) -> Option<&'static str> {
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

pub(super) fn power_word(w: &str) -> Option<&'static str> {
    match w {
        "gw" | "gigawatt" | "gigawatts" => Some("GW"),
        "mw" | "megawatt" | "megawatts" => Some("MW"),
        _ => None,
    }
}

/// Time words of a rate, normalised ("par an" → "year").
pub(super) fn time_word(w: &str) -> Option<&'static str> {
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
pub(super) const STOP: &[&str] = &[
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
pub(super) const ENTITY_STOP: &[&str] = &[
    "in", "through", "via", "for", "with", "by", "at", "over", "under", "from", "on", "as",
    "and", "or", "to", "per", "which", "that", "worth", "valued", "plus", "after", "before",
    "during", "until", "a", "an", "en", "par", "pour", "avec", "sous", "et", "ou", "sur", "au",
    "aux", "dont", "qui", "que", "contre", "soit", "pendant", "apres", "avant", "jusqu'",
];

/// Words after a bare number that are context, not the thing counted ("300 round").
#[rustfmt::skip]
pub(super) const NOT_NOUN: &[&str] = &[
    "minimum", "maximum", "max", "min", "environ", "approximately", "approx", "roughly", "tops",
    "annually", "yearly", "monthly", "quarterly", "annuellement", "mensuellement", "upfront",
    "valuation", "valorisation", "round", "deal", "investment", "investissement", "commitment",
    "engagement", "campus", "contract", "contrat", "loan", "facility", "funding", "financement",
    "capex", "revenue", "revenues", "stake", "participation", "equity", "capacity", "capacite",
    "total",
];

/// Nouns naming a stake: "a 10% stake in AMD", "une participation de 10 % dans AMD".
#[rustfmt::skip]
pub(super) const STAKE_WORDS: &[&str] = &[
    "stake", "equity", "ownership", "interest", "holding", "shareholding", "participation",
    "position",
];

/// Counted nouns after which "in" names the company: "1M shares in AMD".
pub(super) const SHARE_WORDS: &[&str] =
    &["share", "shares", "stock", "warrants", "action", "actions"];

/// Bound words before an amount, as token sequences (folded words or single symbols).
pub(super) const PREFIX_BOUNDS: &[(&[&str], Bound)] = &[
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

/// Articles that may stand between a bound phrase and its amount: "avoisinant les 12,7
/// milliards", "around the $12.7B". French "des" (de + les) and "aux" (à + les) are read as
/// the phrase's last word with the article.
pub(super) const ARTICLES: &[&str] = &["the", "les"];

/// Bound phrases that an article does not follow: the article starts another phrase, as in
/// "under the $5B deal" (by its terms), "over the 10 years", "a dispute about the $5B loan".
pub(super) const NO_ARTICLE_AFTER: &[&[&str]] = &[&["under"], &["over"], &["about"]];

/// Bound words after an amount ("$10B or more", "10 % maximum"). A glued "+" is read by the
/// amount itself.
pub(super) const SUFFIX_BOUNDS: &[(&[&str], Bound)] = &[
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
pub(super) const UNDISCLOSED_WORDS: &[&str] = &[
    "undisclosed", "nondisclosed", "unknown", "unspecified", "unannounced", "undetermined",
    "confidential", "confidentiel", "confidentielle", "inconnu", "inconnue", "tbd",
];

/// French participles after "non" ("non communiqué", "non-divulguée", "non précisé"…).
#[rustfmt::skip]
pub(super) const NON_STEMS: &[&str] = &[
    "communiqu", "divulgu", "precis", "publi", "revel", "connu", "disclos", "annonc", "chiffr",
];
