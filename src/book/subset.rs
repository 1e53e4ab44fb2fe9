//! A part of a book, as a book: the deals (and entities) a query kept, with everything they
//! refer to, so that `dealbook export --where` writes a book that stands on its own.

use super::model::{Book, Deal, DealIx, Entity, EntityIx, SourceIx};

impl Book {
    /// The book of the deals and entities `keep_deal` and `keep_entity` accept, with the
    /// entities those deals name (parties and flow ends), every parent up their chains, and the
    /// sources cited by the deals, their terms and flows and the kept entities' metrics. Records
    /// keep their book order; indices are remapped and the lookups rebuilt.
    pub fn subset(
        &self,
        keep_deal: &dyn Fn(DealIx) -> bool,
        keep_entity: &dyn Fn(EntityIx) -> bool,
    ) -> Book {
        let deals: Vec<DealIx> = (0..self.deals.len()).filter(|&d| keep_deal(d)).collect();
        let mut entity_kept = vec![false; self.entities.len()];
        let mut source_kept = vec![false; self.sources.len()];
        for (e, kept) in entity_kept.iter_mut().enumerate() {
            *kept = keep_entity(e);
        }
        for &d in &deals {
            let deal = &self.deals[d];
            for p in &deal.parties {
                entity_kept[p.entity] = true;
            }
            for f in &deal.flows {
                for &e in f.from.iter().chain(&f.to) {
                    entity_kept[e] = true;
                }
                if let Some(s) = f.source {
                    source_kept[s] = true;
                }
            }
            for t in &deal.terms {
                if let Some(s) = t.source {
                    source_kept[s] = true;
                }
            }
            for &s in &deal.sources {
                source_kept[s] = true;
            }
        }
        // A kept entity's parents are kept: a subsidiary still rolls up into its group.
        for e in 0..self.entities.len() {
            if entity_kept[e] {
                let mut p = self.entities[e].parent;
                let mut steps = 0;
                while let Some(up) = p {
                    entity_kept[up] = true;
                    p = self.entities[up].parent;
                    steps += 1;
                    if steps > self.entities.len() {
                        break;
                    }
                }
            }
        }
        for (e, ent) in self.entities.iter().enumerate() {
            if entity_kept[e] {
                for m in &ent.metrics {
                    if let Some(s) = m.source {
                        source_kept[s] = true;
                    }
                }
            }
        }
        let renumber = |kept: &[bool]| {
            let mut next = 0;
            kept.iter()
                .map(|&k| {
                    k.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect::<Vec<Option<usize>>>()
        };
        let (ent_ix, src_ix) = (renumber(&entity_kept), renumber(&source_kept));
        // Every index below is of a kept record, so the maps have it.
        let e_of = |e: EntityIx| ent_ix[e].unwrap_or_default();
        let s_of = |s: SourceIx| src_ix[s];
        let entities: Vec<Entity> = (self.entities.iter().enumerate())
            .filter(|(e, _)| entity_kept[*e])
            .map(|(_, ent)| {
                let mut ent = ent.clone();
                ent.parent = ent.parent.map(e_of);
                for m in &mut ent.metrics {
                    m.source = m.source.and_then(s_of);
                }
                ent
            })
            .collect();
        let deals: Vec<Deal> = deals
            .iter()
            .map(|&d| {
                let mut deal = self.deals[d].clone();
                for p in &mut deal.parties {
                    p.entity = e_of(p.entity);
                }
                for t in &mut deal.terms {
                    t.source = t.source.and_then(s_of);
                }
                for f in &mut deal.flows {
                    f.from.iter_mut().for_each(|e| *e = e_of(*e));
                    f.to.iter_mut().for_each(|e| *e = e_of(*e));
                    f.source = f.source.and_then(s_of);
                }
                deal.sources = deal.sources.iter().filter_map(|&s| s_of(s)).collect();
                deal
            })
            .collect();
        let sources = (self.sources.iter().enumerate())
            .filter(|(s, _)| source_kept[*s])
            .map(|(_, s)| s.clone())
            .collect();
        let mut book = Book {
            title: self.title.clone(),
            as_of: self.as_of,
            sources,
            entities,
            deals,
            ..Book::default()
        };
        book.index();
        book
    }
}

#[cfg(test)]
mod tests {
    use crate::book::load_bundled;

    #[test]
    fn a_subset_stands_on_its_own() {
        let book = load_bundled().book.expect("bundled");
        let aws_deal = book.deal("aws-anthropic-cloud").expect("deal");
        let sub = book.subset(&|d| d == aws_deal, &|_| false);
        assert_eq!(sub.deals.len(), 1);
        // AWS, Anthropic, Amazon (a party, and AWS's parent); one source.
        let ids: Vec<&str> = sub.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["amazon", "aws", "anthropic"]);
        assert_eq!(sub.sources.len(), 1);
        let aws = sub.entity("aws").expect("aws");
        assert_eq!(sub.entities[aws].parent, sub.entity("amazon"));
        let f = &sub.deals[0].flows[0];
        assert_eq!(sub.entities[f.from[0]].id, "anthropic");
        assert_eq!(sub.deals_of[aws], [0]);
        // An entity kept on its own brings its metrics' sources.
        let openai = book.entity("openai").expect("openai");
        let alone = book.subset(&|_| false, &|e| e == openai);
        assert_eq!(alone.entities.len(), 1);
        assert!(alone.entities[0].metrics.iter().all(|m| m.source.is_some()));
        assert_eq!(alone.sources.len(), 4);
    }
}
