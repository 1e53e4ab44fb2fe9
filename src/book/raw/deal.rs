//! The deals of a book as written: a deal, its parties, terms and flows (one entity id or a
//! list of them at each end).

use super::{Node, RawDeal, RawFlow, RawParty, RawTerm, Reader, Value};

impl Reader<'_> {
    pub(super) fn deal(&mut self, v: Node) -> Option<RawDeal> {
        let at = v.at;
        let mut f = self.fields(
            v,
            &[
                "id", "title", "date", "status", "tags", "parties", "terms", "flows", "sources",
                "reported", "notes",
            ],
        )?;
        let id = self.req_text(&mut f, "id");
        let title = self.req_text(&mut f, "title");
        let date = self.opt_text(&mut f, "date");
        let status = self.req_text(&mut f, "status");
        let tags = self.texts(&mut f, "tags").unwrap_or_default();
        let parties_at = f.pos("parties");
        let parties = match self.list(&mut f, "parties", Self::party) {
            Some(p) => p,
            None => {
                self.missing(&f, "parties");
                Vec::new()
            }
        };
        let terms = self.list(&mut f, "terms", Self::term).unwrap_or_default();
        let flows = self
            .list(&mut f, "flows", |r, v| {
                let at = v.at;
                let mut m = r.fields(
                    v,
                    &[
                        "from", "to", "kind", "amount", "source", "quote", "inferred", "note",
                    ],
                )?;
                let from = r.ends(&mut m, "from");
                if from.is_none() {
                    r.missing(&m, "from");
                }
                let to = r.ends(&mut m, "to");
                if to.is_none() {
                    r.missing(&m, "to");
                }
                Some(RawFlow {
                    at,
                    from,
                    to,
                    kind: r.req_text(&mut m, "kind"),
                    amount: r.opt_text(&mut m, "amount"),
                    source: r.opt_text(&mut m, "source"),
                    quote: r.opt_text(&mut m, "quote"),
                    inferred: r.flag(&mut m, "inferred"),
                    note: r.opt_text(&mut m, "note"),
                })
            })
            .unwrap_or_default();
        let sources = self.texts(&mut f, "sources");
        let reported = self.flag(&mut f, "reported");
        let notes = self.opt_text(&mut f, "notes");
        Some(RawDeal {
            at,
            id,
            title,
            date,
            status,
            tags,
            parties,
            parties_at,
            terms,
            flows,
            sources,
            reported,
            notes,
        })
    }

    fn party(&mut self, v: Node) -> Option<RawParty> {
        let at = v.at;
        if let Value::Map(_) = v.value {
            let mut m = self.fields(v, &["entity", "role"])?;
            return Some(RawParty {
                at,
                entity: self.req_text(&mut m, "entity"),
                role: self.opt_text(&mut m, "role"),
            });
        }
        Some(RawParty {
            at,
            entity: Some(self.scalar_item(v, "an entity id or a mapping {entity, role}")?),
            role: None,
        })
    }

    fn term(&mut self, v: Node) -> Option<RawTerm> {
        let at = v.at;
        if let Value::Map(_) = v.value {
            let mut m = self.fields(v, &["text", "note", "source", "quote"])?;
            return Some(RawTerm {
                at,
                text: self.req_text(&mut m, "text"),
                note: self.opt_text(&mut m, "note"),
                source: self.opt_text(&mut m, "source"),
                quote: self.opt_text(&mut m, "quote"),
            });
        }
        Some(RawTerm {
            at,
            text: Some(self.scalar_item(v, "a term or a mapping {text, note, source, quote}")?),
            ..RawTerm::default()
        })
    }
}
