//! A synthetic deal book of any size, for the search benchmark and the tests that need a big
//! book: field lengths like the bundled book's (titles ~60 characters, notes ~200, three tags
//! and three terms per deal), deterministic, with a sprinkle of SoftBank deals and $40B terms.

use dealbook::book::terms;
use dealbook::book::{Book, Deal, DealTerm, Entity, EntityKind, Person, Source, Status};

/// splitmix64: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
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
const SYLLABLES: &[&str] = &[
    "ar", "bel", "cor", "dan", "el", "fin", "gal", "hel", "ix", "jor", "kal", "lum", "mer",
    "nov", "or", "pax", "quin", "ral", "sil", "tor", "ul", "ven", "wex", "xar", "yel", "zen",
];

#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "Labs", "Capital", "Partners", "AI", "Systems", "Holdings", "Ventures", "Cloud", "Group",
    "Technologies", "Networks", "Fund",
];

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
    "Kenji", "Laura", "Marc", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Martin", "Schmidt", "Tanaka", "Rossi", "Dubois", "Kowalski", "Okafor", "Silva", "Nguyen",
    "Larsen", "Haddad", "Moreau", "Fischer", "Ivanova", "Costa", "Berg", "Walsh", "Sato",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "chips", "compute", "cloud", "funding-round", "investment", "circular", "equity", "debt",
    "energy", "data-centre", "licensing", "governance", "model-access", "sovereign",
    "acquisition", "joint-venture", "supply", "gpu", "talent", "research",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "invests", "leads", "joins", "backs", "lends", "pays", "licenses", "acquires", "signs with",
];

#[rustfmt::skip]
const PUBLISHERS: &[&str] = &[
    "Financial Times", "Reuters", "Bloomberg", "Les Echos", "Le Monde", "The Information",
    "Wall Street Journal", "Nikkei", "HyperAI",
];

fn sentence(rng: &mut Rng, chars: usize) -> String {
    let mut s = String::new();
    while s.len() < chars {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    s
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn entity_name(rng: &mut Rng) -> String {
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(rng.pick(SYLLABLES));
    }
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{} {}", chars.as_str(), rng.pick(SUFFIXES))
}

fn amount(rng: &mut Rng) -> u64 {
    [1, 2, 4, 5, 8, 10, 13, 20, 25, 30, 50, 100][rng.below(12)]
}

/// A book with `deals` deals, `entities` entities (a few of them SoftBank's) and `sources`
/// sources.
pub fn book(deals: usize, entities: usize, sources: usize) -> Book {
    let mut rng = Rng(0x5EED);
    let mut book = Book::default();
    let softbank = ["SoftBank", "SoftBank Vision Fund", "SoftBank Corp."];
    let softbank_at = [entities / 5, entities / 2, entities * 4 / 5];
    for i in 0..entities {
        let name = match softbank_at.iter().position(|&j| j == i) {
            Some(k) => softbank[k].to_string(),
            None => entity_name(&mut rng),
        };
        let aliases = if rng.chance(20) {
            vec![format!("{} Inc.", name.split(' ').next().unwrap_or("X"))]
        } else {
            Vec::new()
        };
        let people = (0..rng.below(3))
            .map(|_| Person {
                name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                role: Some("CEO".into()),
            })
            .collect();
        book.entities.push(Entity {
            id: format!("{}-{i}", slug(&name)),
            notes: Some(sentence(&mut rng, 120)),
            name,
            kind: EntityKind::Company,
            aliases,
            parent: None,
            people,
            country: None,
            metrics: Vec::new(),
        });
    }
    let names: Vec<String> = book.entities.iter().map(|e| e.name.clone()).collect();
    let name = |rng: &mut Rng| names[rng.below(names.len())].clone();
    for i in 0..deals {
        let with_softbank = i % 200 == 7;
        let (a, b) = (name(&mut rng), name(&mut rng));
        let a = if with_softbank {
            "SoftBank".to_string()
        } else {
            a
        };
        let n = amount(&mut rng);
        let mut title = format!("{a} {} ${n}B in {b}", rng.pick(VERBS));
        if title.len() < 60 {
            let pad = sentence(&mut rng, 60 - title.len());
            title = format!("{title} {pad}");
        }
        let mut terms_text = [
            format!("${n}B"),
            format!("up to {}% of {b}", 1 + rng.below(20)),
            format!("${}–{}B per gigawatt", n, n + 10),
        ];
        if with_softbank {
            terms_text[0] = "$40B".to_string();
        }
        let terms = terms_text
            .iter()
            .map(|t| DealTerm {
                term: terms::parse(t, &|_| None),
                note: rng.chance(50).then(|| sentence(&mut rng, 80)),
                source: None,
            })
            .collect();
        let tags = (0..3).map(|_| rng.pick(TAGS).to_string()).collect();
        book.deals.push(Deal {
            id: format!("{}-{i}", slug(&title).chars().take(40).collect::<String>()),
            title,
            date: None,
            status: Status::Announced,
            tags,
            parties: Vec::new(),
            terms,
            flows: Vec::new(),
            sources: Vec::new(),
            notes: Some(sentence(&mut rng, 200)),
        });
    }
    for i in 0..sources {
        let title = sentence(&mut rng, 60);
        book.sources.push(Source {
            id: format!("src-{i}"),
            title,
            publisher: Some(rng.pick(PUBLISHERS).to_string()),
            date: None,
            lang: None,
            url: None,
            reference: None,
        });
    }
    book.deals_of = vec![Vec::new(); book.entities.len()];
    book
}
