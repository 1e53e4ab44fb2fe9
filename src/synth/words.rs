//! The vocabulary synthetic books are written in: words, name parts, tags, verbs, publishers.

#[rustfmt::skip]
pub const WORDS: &[&str] = &[
    "the", "a", "of", "in", "and", "to", "for", "with", "its", "on", "by", "as", "at", "from",
    "investment", "round", "capital", "funding", "stake", "shares", "valuation", "revenue",
    "compute", "chips", "data", "centre", "cloud", "contract", "partnership", "model", "models",
    "training", "inference", "infrastructure", "power", "energy", "market", "investors", "lead",
    "board", "agreement", "commitment", "supply", "demand", "billion", "million", "percent",
    "company", "start-up", "lab", "research", "customers", "revenue", "growth", "losses",
    "regulators", "antitrust", "review", "approval", "expected", "announced", "reported",
    "according", "people", "familiar", "matter", "sources", "said", "would", "could", "plans",
    "expansion", "capacity", "gigawatts", "servers", "accelerators", "memory", "networking",
    "sovereign", "fund", "bank", "debt", "loan", "bonds", "equity", "warrants", "options",
    "exclusive", "licence", "access", "usage", "credits", "discount", "payment", "years",
    "quarter", "fiscal", "guidance", "circular", "financing", "vendor", "customer", "supplier",
];

#[rustfmt::skip]
pub const SYLLABLES: &[&str] = &[
    "ar", "bel", "cor", "dan", "el", "fin", "gal", "hel", "ix", "jor", "kal", "lum", "mer",
    "nov", "or", "pax", "quin", "ral", "sil", "tor", "ul", "ven", "wex", "xar", "yel", "zen",
];

#[rustfmt::skip]
pub const SUFFIXES: &[&str] = &[
    "Labs", "Capital", "Partners", "AI", "Systems", "Holdings", "Ventures", "Cloud", "Group",
    "Technologies", "Networks", "Fund",
];

#[rustfmt::skip]
pub const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kenji", "Laura", "Marc", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara",
];

#[rustfmt::skip]
pub const LAST: &[&str] = &[
    "Martin", "Schmidt", "Tanaka", "Rossi", "Dubois", "Kowalski", "Okafor", "Silva", "Nguyen",
    "Larsen", "Haddad", "Moreau", "Fischer", "Ivanova", "Costa", "Berg", "Walsh", "Sato",
];

#[rustfmt::skip]
pub const TAGS: &[&str] = &[
    "chips", "compute", "cloud", "funding-round", "investment", "circular", "equity", "debt",
    "energy", "data-centre", "licensing", "governance", "model-access", "sovereign",
    "acquisition", "joint-venture", "supply", "gpu", "talent", "research",
];

#[rustfmt::skip]
pub const VERBS: &[&str] = &[
    "invests", "leads", "joins", "backs", "lends", "pays", "licenses", "acquires", "signs with",
];

#[rustfmt::skip]
pub const PUBLISHERS: &[&str] = &[
    "Financial Times", "Reuters", "Bloomberg", "Les Echos", "Le Monde", "The Information",
    "Wall Street Journal", "Nikkei", "HyperAI",
];

/// Amounts of the flow-graph shapes: exact, bounded, other currencies, ranges and a stake.
pub const AMOUNTS: &[&str] = &[
    "$2B",
    "up to $100M",
    "at least $50M",
    "€30M",
    "$1–2B",
    "up to 10% of X",
];
