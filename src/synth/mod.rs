//! Synthetic deal books of any size and shape, for benchmarks and scale tests: deterministic,
//! valid, as a built [`Book`] (indexed) or as the YAML text of the same book.
//!
//! ```
//! use dealbook::synth::{Shape, Synth};
//! let book = Synth::new(1_000).book(); // 1,000 deals, 50 entities, 20 sources
//! let ring = Synth::new(500).shape(Shape::Ring).yaml();
//! # assert_eq!(book.deals.len(), 1_000);
//! # assert!(ring.starts_with("book:"));
//! ```
//!
//! Every shape loads without a single diagnostic (provided there are at least as many deals as
//! entities, so that none is left out of every deal), so loading one measures the common path.

mod words;
mod yaml;

pub use yaml::to_yaml;

use crate::book::diag::Pos;
use crate::book::model::{
    Book, Deal, DealTerm, Entity, EntityIx, EntityKind, Flow, FlowKind, Party, Person, Source,
    Status, name_key,
};
use crate::book::{Date, index, terms};
use words::*;

/// What a synthetic book looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Like a real book, at scale. Entities with invented names ("Kalzen Labs"), notes of about
    /// 120 characters, people and sometimes an alias; every tenth after the first twelve a
    /// subsidiary. Deals between two random entities, with titles of about 60 characters,
    /// notes of about 200, three tags, three terms (half with a note of about 80 characters),
    /// a flow each way and one source. Three entities are SoftBank's, and every 200th deal is
    /// SoftBank's with a "$40B" term, for searches that have something to find.
    News,
    /// The flow graph of a big book and nothing else: deals of one flow between random
    /// entities (every kind, a mix of exact, bounded, stake and missing amounts), half of them
    /// with a payment back; every tenth entity a subsidiary of its neighbour. Random graphs
    /// this dense have far more short loops than any report lists.
    Dense,
    /// Sparse: entity `i` pays entity `i + 1` around a ring, and every seventh deal also
    /// invests three entities back, which closes a loop of four. About one loop per seven deals.
    Ring,
}

/// The knobs of a synthetic book: its size and shape. `Synth::new(deals)` gives the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synth {
    deals: usize,
    entities: Option<usize>,
    sources: Option<usize>,
    shape: Shape,
}

impl Synth {
    /// A [`Shape::News`] book of `deals` deals.
    pub fn new(deals: usize) -> Self {
        Synth {
            deals,
            entities: None,
            sources: None,
            shape: Shape::News,
        }
    }

    /// How many entities (at least 2). By default `deals / 20` (at least 12) for `News`,
    /// `deals / 5` for `Dense`, as many as deals for `Ring`.
    pub fn entities(mut self, n: usize) -> Self {
        self.entities = Some(n);
        self
    }

    /// How many sources (at least 1). By default `deals / 50` for `News`, 1 for the others.
    pub fn sources(mut self, n: usize) -> Self {
        self.sources = Some(n);
        self
    }

    pub fn shape(mut self, shape: Shape) -> Self {
        self.shape = shape;
        self
    }

    fn n_entities(&self) -> usize {
        let default = match self.shape {
            Shape::News => (self.deals / 20).max(12),
            Shape::Dense => self.deals / 5,
            Shape::Ring => self.deals,
        };
        self.entities.unwrap_or(default).max(2)
    }

    fn n_sources(&self) -> usize {
        let default = match self.shape {
            Shape::News => self.deals / 50,
            Shape::Dense | Shape::Ring => 1,
        };
        self.sources.unwrap_or(default).max(1)
    }

    /// The book, with its indexes built (as the loader would build them).
    pub fn book(&self) -> Book {
        let mut rng = Rng(0x5EED);
        let n = self.n_entities();
        let mut book = Book {
            title: Some("Synthetic book".into()),
            as_of: Date::parse("2025-12-31").ok(),
            ..Book::default()
        };
        book.sources = (0..self.n_sources())
            .map(|i| source(&mut rng, i, self.shape))
            .collect();
        book.entities = match self.shape {
            Shape::News => news_entities(&mut rng, n),
            Shape::Dense => (0..n)
                .map(|i| plain_entity(i, (i % 10 == 9).then(|| i - 1)))
                .collect(),
            Shape::Ring => (0..n).map(|i| plain_entity(i, None)).collect(),
        };
        // Terms name entities ("up to 10% of Kalzen Labs"), resolved as the loader resolves them.
        let names = index::names(&book.entities);
        let entities = &book.entities;
        let resolve = |words: &str| {
            let i = *names.get(&name_key(words))?;
            Some(entities[i].id.clone())
        };
        let term = |text: &str| terms::parse(text, &resolve);
        let sources = book.sources.len();
        book.deals = (0..self.deals)
            .map(|d| {
                let mut deal = match self.shape {
                    Shape::News => news_deal(&mut rng, d, entities, &term),
                    Shape::Dense => dense_deal(&mut rng, d, n, &term),
                    Shape::Ring => ring_deal(d, n),
                };
                deal.sources = vec![d % sources];
                deal
            })
            .collect();
        book.index();
        book
    }

    /// The same book as YAML text, as a person would write it.
    pub fn yaml(&self) -> String {
        to_yaml(&self.book())
    }
}

/// The YAML text of a [`Shape::News`] book of `deals` deals, with the default counts.
pub fn book_yaml(deals: usize) -> String {
    Synth::new(deals).yaml()
}

/// splitmix64: deterministic and dependency-free, so every run builds the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Another entity than `a`, of `n`.
    fn other(&mut self, a: usize, n: usize) -> usize {
        (a + 1 + self.below(n - 1)) % n
    }
}

/// Words of the vocabulary until the text is at least `chars` long.
fn sentence(rng: &mut Rng, chars: usize) -> String {
    let mut s = String::new();
    while s.len() < chars {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(rng.word(WORDS));
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

fn month(m: usize) -> Option<Date> {
    Date::parse(&format!("2025-{:02}", m % 12 + 1)).ok()
}

fn source(rng: &mut Rng, i: usize, shape: Shape) -> Source {
    let (title, publisher) = match shape {
        Shape::News => (sentence(rng, 60), Some(rng.word(PUBLISHERS).to_string())),
        Shape::Dense | Shape::Ring => (format!("Source {i}"), None),
    };
    Source {
        at: Pos::default(),
        id: format!("src-{i}"),
        title,
        publisher,
        date: month(i),
        lang: None,
        url: None,
        reference: None,
        file: None,
    }
}

/// "Entity 7" (`e7`), for the flow-graph shapes.
fn plain_entity(i: usize, parent: Option<EntityIx>) -> Entity {
    Entity {
        at: Pos::default(),
        id: format!("e{i}"),
        name: format!("Entity {i}"),
        kind: EntityKind::Company,
        aliases: Vec::new(),
        parent,
        people: Vec::new(),
        country: None,
        notes: None,
        metrics: Vec::new(),
    }
}

/// Where the SoftBank entities of a `News` book of `n` entities are.
fn softbank_at(n: usize) -> [usize; 3] {
    [n / 5, n / 2, n * 4 / 5]
}

fn news_entities(rng: &mut Rng, n: usize) -> Vec<Entity> {
    const SOFTBANK: [&str; 3] = ["SoftBank", "SoftBank Vision Fund", "SoftBank Corp."];
    let softbank = softbank_at(n);
    (0..n)
        .map(|i| {
            let name = match softbank.iter().position(|&j| j == i) {
                Some(k) => SOFTBANK[k].to_string(),
                None => invented_name(rng),
            };
            let aliases = if rng.chance(20) {
                vec![format!(
                    "{} Inc.",
                    name.split(' ').next().unwrap_or_default()
                )]
            } else {
                Vec::new()
            };
            let people = (0..rng.below(3))
                .map(|_| Person {
                    name: format!("{} {}", rng.word(FIRST), rng.word(LAST)),
                    role: Some("CEO".into()),
                })
                .collect();
            // The first word only: ids are repeated in every party and flow.
            let first = name.split(' ').next().unwrap_or_default();
            Entity {
                at: Pos::default(),
                id: format!("{}-{i}", slug(first)),
                notes: Some(sentence(rng, 120)),
                name,
                kind: EntityKind::Company,
                aliases,
                // Subsidiaries of the first twelve, which have no parent: no chain is deep.
                parent: (i >= 12 && i % 10 == 0).then_some(i % 12),
                people,
                country: None,
                metrics: Vec::new(),
            }
        })
        .collect()
}

fn invented_name(rng: &mut Rng) -> String {
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(rng.word(SYLLABLES));
    }
    let mut chars = name.chars();
    let first = chars.next().map_or('X', |c| c.to_ascii_uppercase());
    format!("{first}{} {}", chars.as_str(), rng.word(SUFFIXES))
}

fn deal(d: usize, title: String, parties: [Party; 2], flows: Vec<Flow>) -> Deal {
    Deal {
        at: Pos::default(),
        id: format!("d{d}"),
        title,
        date: None,
        status: Status::Announced,
        tags: Vec::new(),
        parties: parties.into(),
        terms: Vec::new(),
        flows,
        sources: Vec::new(),
        reported: false,
        notes: None,
    }
}

fn party(entity: EntityIx) -> Party {
    Party { entity, role: None }
}

fn flow(from: EntityIx, to: EntityIx, kind: FlowKind, amount: Option<terms::Term>) -> Flow {
    Flow {
        at: Pos::default(),
        from: vec![from],
        to: vec![to],
        kind,
        amount,
        source: None,
        quote: None,
        inferred: false,
        note: None,
    }
}

fn news_deal(
    rng: &mut Rng,
    d: usize,
    entities: &[Entity],
    term: &dyn Fn(&str) -> terms::Term,
) -> Deal {
    const KINDS: [FlowKind; 5] = [
        FlowKind::Investment,
        FlowKind::Loan,
        FlowKind::Payment,
        FlowKind::Equity,
        FlowKind::InKind,
    ];
    // The flow back is never equity: equity back to an investor is a warning.
    const BACK: [FlowKind; 3] = [FlowKind::Payment, FlowKind::InKind, FlowKind::Loan];
    let n = entities.len();
    let with_softbank = d % 200 == 7;
    // Each entity is in at least one deal when there are enough deals, so none is unused.
    let a = match (with_softbank, d < n) {
        (true, _) => softbank_at(n)[0],
        (false, true) => d,
        (false, false) => rng.below(n),
    };
    let b = rng.other(a, n);
    let (na, nb) = (&entities[a].name, &entities[b].name);
    let amount = [1, 2, 4, 5, 8, 10, 13, 20, 25, 30, 50, 100][rng.below(12)];
    let mut title = format!("{na} {} ${amount}B in {nb}", rng.word(VERBS));
    if title.len() < 60 {
        let pad = sentence(rng, 60 - title.len());
        title = format!("{title} {pad}");
    }
    let first = if with_softbank {
        "$40B".to_string()
    } else {
        format!("${amount}B")
    };
    let texts = [
        first,
        format!("up to {}% of {nb}", 1 + rng.below(20)),
        format!("${amount}–{}B per gigawatt", amount + 10),
    ];
    let terms = texts
        .iter()
        .map(|t| DealTerm {
            at: Pos::default(),
            term: term(t),
            note: rng.chance(50).then(|| sentence(rng, 80)),
            source: None,
            quote: None,
        })
        .collect();
    let tags = (0..3).map(|_| rng.word(TAGS).to_string()).collect();
    let flows = vec![
        flow(a, b, *rng.pick(&KINDS), Some(term(&texts[0]))),
        flow(b, a, *rng.pick(&BACK), None),
    ];
    let investor = Party {
        entity: a,
        role: Some("investor".into()),
    };
    Deal {
        id: format!("{}-{d}", slug(&title).chars().take(40).collect::<String>()),
        date: month(d),
        status: *rng.pick(Status::ALL),
        tags,
        terms,
        notes: Some(sentence(rng, 200)),
        ..deal(d, title, [investor, party(b)], flows)
    }
}

fn dense_deal(rng: &mut Rng, d: usize, n: usize, term: &dyn Fn(&str) -> terms::Term) -> Deal {
    // One in seven flows has no amount.
    let amount = |rng: &mut Rng| AMOUNTS.get(rng.below(AMOUNTS.len() + 1)).map(|t| term(t));
    let a = rng.below(n);
    let b = rng.other(a, n);
    let mut flows = vec![flow(a, b, *rng.pick(FlowKind::ALL), amount(rng))];
    if rng.chance(50) {
        flows.push(flow(b, a, FlowKind::Payment, amount(rng)));
    }
    deal(d, format!("Deal {d}"), [party(a), party(b)], flows)
}

fn ring_deal(d: usize, n: usize) -> Deal {
    let (a, b) = (d % n, (d + 1) % n);
    let mut flows = vec![flow(a, b, FlowKind::Payment, None)];
    let back = (d + n - (3 % n)) % n;
    if d % 7 == 0 && d >= 3 && back != a {
        flows.push(flow(a, back, FlowKind::Investment, None));
    }
    deal(d, format!("Deal {d}"), [party(a), party(b)], flows)
}

#[cfg(test)]
mod tests;
