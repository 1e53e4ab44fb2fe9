//! The lookups a `Book` keeps beside its records (ids, each entity's deals, names, subsidiaries,
//! citing deals), built in one place from the records alone.
//!
//! Indices in the records are trusted (the loader resolved them), but one out of range is skipped
//! rather than a panic, so a hand-built book in a test or a benchmark cannot crash here.

use super::model::{Book, Deal, DealIx, Entity, EntityIx, Record, Source, name_key};
use std::collections::HashMap;

impl Book {
    /// Fills `ids`, `deals_of`, `names`, `children` and `cited_by` from the records, replacing
    /// whatever they held.
    pub fn index(&mut self) {
        self.ids = ids(&self.sources, &self.entities, &self.deals);
        self.names = names(&self.entities);
        self.deals_of = deals_of(self.entities.len(), &self.deals);
        self.children = children(&self.entities);
        self.cited_by = cited_by(self.sources.len(), &self.deals);
    }
}

/// Every id and what it names: sources, then entities, then deals. Ids are unique in a valid
/// book; of duplicates, the first keeps the id (the loader reports the others).
pub fn ids(sources: &[Source], entities: &[Entity], deals: &[Deal]) -> HashMap<String, Record> {
    let mut ids = HashMap::with_capacity(sources.len() + entities.len() + deals.len());
    let all = (sources.iter().enumerate()).map(|(i, s)| (&s.id, Record::Source(i)));
    let all = all.chain((entities.iter().enumerate()).map(|(i, e)| (&e.id, Record::Entity(i))));
    let all = all.chain((deals.iter().enumerate()).map(|(i, d)| (&d.id, Record::Deal(i))));
    for (id, record) in all {
        ids.entry(id.clone()).or_insert(record);
    }
    ids
}

/// Each entity's id, name and aliases folded by [`name_key`]. A name two entities share belongs
/// to the first, in book order and, within an entity, id before name before aliases.
pub fn names(entities: &[Entity]) -> HashMap<String, EntityIx> {
    let mut names = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for n in [&e.id, &e.name].into_iter().chain(&e.aliases) {
            names.entry(name_key(n)).or_insert(i);
        }
    }
    names
}

/// For each of `entities` entities, the deals it takes part in (as a party or a flow end), in
/// book order, each once.
pub fn deals_of(entities: usize, deals: &[Deal]) -> Vec<Vec<DealIx>> {
    let mut deals_of: Vec<Vec<DealIx>> = vec![Vec::new(); entities];
    for (di, d) in deals.iter().enumerate() {
        let ends = d.parties.iter().map(|p| p.entity).chain(
            d.flows
                .iter()
                .flat_map(|f| f.from.iter().chain(&f.to).copied()),
        );
        for e in ends {
            // Deals are visited in order, so a repeat within one deal is the last entry.
            match deals_of.get_mut(e) {
                Some(list) if list.last() != Some(&di) => list.push(di),
                _ => {}
            }
        }
    }
    deals_of
}

/// For each entity, its direct subsidiaries (the entities whose `parent` it is), in book order.
pub fn children(entities: &[Entity]) -> Vec<Vec<EntityIx>> {
    let mut children: Vec<Vec<EntityIx>> = vec![Vec::new(); entities.len()];
    for (i, e) in entities.iter().enumerate() {
        if let Some(list) = e.parent.and_then(|p| children.get_mut(p)) {
            list.push(i);
        }
    }
    children
}

/// For each of `sources` sources, the deals that cite it, in book order, each once.
pub fn cited_by(sources: usize, deals: &[Deal]) -> Vec<Vec<DealIx>> {
    let mut cited_by: Vec<Vec<DealIx>> = vec![Vec::new(); sources];
    for (d, deal) in deals.iter().enumerate() {
        for &s in &deal.sources {
            match cited_by.get_mut(s) {
                Some(list) if list.last() != Some(&d) => list.push(d),
                _ => {}
            }
        }
    }
    cited_by
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::{EntityKind, Party, Status, load_bundled};

    fn entity(id: &str, name: &str, aliases: &[&str], parent: Option<EntityIx>) -> Entity {
        Entity {
            at: crate::book::diag::Pos::default(),
            id: id.into(),
            name: name.into(),
            kind: EntityKind::Company,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            parent,
            people: Vec::new(),
            country: None,
            notes: None,
            metrics: Vec::new(),
        }
    }

    fn deal(id: &str, parties: &[EntityIx], sources: &[usize]) -> Deal {
        Deal {
            at: crate::book::diag::Pos::default(),
            id: id.into(),
            title: id.into(),
            date: None,
            status: Status::Announced,
            tags: Vec::new(),
            parties: (parties.iter())
                .map(|&entity| Party { entity, role: None })
                .collect(),
            terms: Vec::new(),
            flows: Vec::new(),
            sources: sources.to_vec(),
            reported: false,
            notes: None,
        }
    }

    #[test]
    fn rebuilding_the_bundled_books_indexes_gives_the_loaders() {
        let loaded = load_bundled().book.expect("the bundled book loads");
        let mut rebuilt = Book {
            title: loaded.title.clone(),
            as_of: loaded.as_of,
            sources: loaded.sources.clone(),
            entities: loaded.entities.clone(),
            deals: loaded.deals.clone(),
            ..Book::default()
        };
        rebuilt.index();
        assert_eq!(rebuilt.ids, loaded.ids);
        assert_eq!(rebuilt.names, loaded.names);
        assert_eq!(rebuilt.deals_of, loaded.deals_of);
        assert_eq!(rebuilt.children, loaded.children);
        assert_eq!(rebuilt.cited_by, loaded.cited_by);
        // Not vacuous: the bundled book has subsidiaries, citations and shared deals.
        assert!(rebuilt.children.iter().any(|c| !c.is_empty()));
        assert!(rebuilt.cited_by.iter().all(|c| !c.is_empty()));
    }

    #[test]
    fn the_first_record_keeps_a_shared_name_or_id() {
        let entities = [
            entity("amazon", "Amazon", &["AWS"], None),
            // Its name is the first one's alias, and its alias the first one's id.
            entity("aws", "AWS", &["amazon"], Some(0)),
        ];
        let names = names(&entities);
        assert_eq!(names.get("aws"), Some(&0));
        assert_eq!(names.get("amazon"), Some(&0));
        let deals = [deal("amazon", &[1], &[])];
        let ids = ids(&[], &entities, &deals);
        assert_eq!(ids.get("amazon"), Some(&Record::Entity(0)));
        assert_eq!(ids.get("aws"), Some(&Record::Entity(1)));
    }

    #[test]
    fn each_deal_is_listed_once_per_entity_and_source() {
        let mut book = Book {
            sources: vec![Source {
                at: crate::book::diag::Pos::default(),
                id: "s".into(),
                title: "S".into(),
                publisher: None,
                date: None,
                lang: None,
                url: None,
                reference: None,
                file: None,
            }],
            entities: vec![entity("a", "A", &[], None), entity("b", "B", &[], Some(0))],
            // Deal 0 names `a` twice and cites `s` twice; deal 1 has an index out of range.
            deals: vec![deal("d0", &[0, 1, 0], &[0, 0]), deal("d1", &[1, 7], &[3])],
            ..Book::default()
        };
        book.index();
        assert_eq!(book.deals_of, [vec![0], vec![0, 1]]);
        assert_eq!(book.cited_by, [vec![0]]);
        assert_eq!(book.children, [vec![1], vec![]]);
        assert_eq!(book.entity("b"), Some(1));
        assert_eq!(book.resolve_name("the A"), Some(0));
    }
}
