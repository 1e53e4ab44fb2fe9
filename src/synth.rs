//! Synthetic deal books of any size, for benchmarks and scale tests (deterministic, valid).

use std::fmt::Write;

const COMPANIES: [&str; 12] = [
    "SoftBank",
    "Nvidia",
    "OpenAI",
    "AMD",
    "Oracle",
    "CoreWeave",
    "Microsoft",
    "Amazon",
    "Anthropic",
    "Thrive",
    "Altimeter",
    "Coatue",
];
const WORDS: [&str; 16] = [
    "compute",
    "capacity",
    "round",
    "stake",
    "warrants",
    "cloud",
    "chips",
    "gigawatt",
    "partnership",
    "financing",
    "commitment",
    "datacenter",
    "equity",
    "loan",
    "supply",
    "model",
];
const TERMS: [&str; 8] = [
    "up to $100B",
    "$40B",
    "at least $50B",
    "$50–60B per gigawatt",
    "up to 10% of AMD",
    "about $12.7B",
    "$300B valuation",
    "undisclosed",
];
const STATUSES: [&str; 6] = [
    "rumored",
    "negotiating",
    "announced",
    "signed",
    "closed",
    "cancelled",
];
const KINDS: [&str; 5] = ["investment", "loan", "payment", "equity", "in_kind"];
/// Kinds for the flow back: an equity flow back to an investor would be a warning.
const BACK_KINDS: [&str; 3] = ["payment", "in_kind", "loan"];

/// A small deterministic generator (xorshift), so every run builds the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 1) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// The YAML text of a valid book with `deals` deals, `deals / 20` entities (at least 12) and
/// `deals / 50` sources (at least 1). Field lengths are realistic: titles of about 60
/// characters, notes of about 200, three terms, two flows and three tags per deal.
pub fn book_yaml(deals: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let n_entities = (deals / 20).max(12);
    let n_sources = (deals / 50).max(1);
    let mut y = String::with_capacity(deals * 700);
    y.push_str("book:\n  title: Synthetic book\n  as_of: 2025-12-31\nsources:\n");
    for s in 0..n_sources {
        let _ = writeln!(
            y,
            "  - id: src-{s}\n    title: Report {s} on {} and {}\n    publisher: Wire {}\n    date: 2025-{:02}",
            rng.pick(&COMPANIES),
            rng.pick(&WORDS),
            s % 7,
            s % 12 + 1
        );
    }
    y.push_str("entities:\n");
    for e in 0..n_entities {
        let base = COMPANIES[e % COMPANIES.len()];
        let _ = writeln!(
            y,
            "  - id: e{e}\n    name: {base} {e}\n    aliases: [{base} Group {e}]\n    people:\n      - name: Person {e} {}\n        role: CEO",
            rng.pick(&WORDS)
        );
        if e >= COMPANIES.len() && e % 10 == 0 {
            let _ = writeln!(y, "    parent: e{}", e % COMPANIES.len());
        }
    }
    y.push_str("deals:\n");
    for d in 0..deals {
        let a = rng.next() % n_entities;
        let b = (a + 1 + rng.next() % (n_entities - 1)) % n_entities;
        let (ca, cb) = (
            COMPANIES[a % COMPANIES.len()],
            COMPANIES[b % COMPANIES.len()],
        );
        let _ = writeln!(
            y,
            "  - id: d{d}\n    title: {ca} {a} and {cb} {b} agree a {} {} deal number {d}\n    date: 2025-{:02}\n    status: {}\n    tags: [{}, {}, {}]\n    parties:\n      - entity: e{a}\n        role: investor\n      - e{b}\n    terms:\n      - \"{}\"\n      - \"{}\"\n      - \"{}\"\n    flows:\n      - {{from: e{a}, to: e{b}, kind: {}, amount: \"{}\"}}\n      - {{from: e{b}, to: e{a}, kind: {}}}\n    sources: [src-{}]\n    notes: >-\n      {ca} and {cb} agreed on {} and {} terms; the {} follows earlier {} talks, with {} and {} to come, as reported by the wire in its {} coverage of the {} market.",
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            d % 12 + 1,
            rng.pick(&STATUSES),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&TERMS),
            rng.pick(&TERMS),
            rng.pick(&TERMS),
            rng.pick(&KINDS),
            rng.pick(&TERMS[..7]),
            rng.pick(&BACK_KINDS),
            d % n_sources,
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            rng.pick(&WORDS),
        );
    }
    y
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_synthetic_book_loads_without_errors() {
        let text = super::book_yaml(200);
        let loaded = crate::book::load_str(&text);
        // No diagnostics at all, so loading it measures the common path (no position pass).
        assert!(
            loaded.diagnostics.is_empty(),
            "{:?}",
            &loaded.diagnostics[..3.min(loaded.diagnostics.len())]
        );
        let book = loaded.book.expect("book");
        assert_eq!(book.deals.len(), 200);
        assert_eq!(book.entities.len(), 12);
    }
}
