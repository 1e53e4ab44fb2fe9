//! JSON records of a book. Field names follow the YAML's, normalised: a party is always
//! `{entity, role}`, a term always `{text, bound, low, high, unit, per, of, …}`, references
//! are ids, and absent optional fields are `null` (lists are `[]`).

use crate::book::terms::Term;
use crate::book::{Book, Deal, Entity, EntityIx, Flow, Source};
use serde_json::{Value, json};

/// A flow's end as the book writes it: an entity id, or a list of ids for a syndicate.
pub fn ends(book: &Book, ends: &[EntityIx]) -> Value {
    match ends {
        [one] => json!(book.entities[*one].id),
        many => json!(
            many.iter()
                .map(|&e| &book.entities[e].id)
                .collect::<Vec<_>>()
        ),
    }
}

/// A flow, as in the book: `{from, to, kind, amount, source, quote, inferred, note}`.
pub fn flow(book: &Book, f: &Flow) -> Value {
    json!({
        "from": ends(book, &f.from),
        "to": ends(book, &f.to),
        "kind": f.kind,
        "amount": f.amount.as_ref().map(term),
        "source": f.source.map(|s| &book.sources[s].id),
        "quote": f.quote,
        "inferred": f.inferred,
        "note": f.note,
    })
}

/// A parsed term or amount, with the human form beside the structure.
pub fn term(t: &Term) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("human".into(), Value::String(t.human()));
    }
    v
}

pub fn source(_book: &Book, s: &Source) -> Value {
    json!({
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher,
        "date": s.date,
        "lang": s.lang,
        "url": s.url,
        "ref": s.reference,
        "file": s.file,
    })
}

pub fn entity(book: &Book, e: &Entity) -> Value {
    json!({
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": e.aliases,
        "parent": e.parent.map(|p| &book.entities[p].id),
        "people": e.people.iter().map(|p| json!({"name": p.name, "role": p.role})).collect::<Vec<_>>(),
        "country": e.country,
        "notes": e.notes,
        "metrics": e.metrics.iter().map(|m| json!({
            "name": m.name,
            "date": m.date,
            "amount": term(&m.amount),
            "source": m.source.map(|s| &book.sources[s].id),
            "quote": m.quote,
            "reported": m.reported,
            "note": m.note,
        })).collect::<Vec<_>>(),
    })
}

pub fn deal(book: &Book, d: &Deal) -> Value {
    json!({
        "id": d.id,
        "title": d.title,
        "date": d.date,
        "status": d.status,
        "tags": d.tags,
        "parties": d.parties.iter().map(|p| json!({
            "entity": book.entities[p.entity].id,
            "role": p.role,
        })).collect::<Vec<_>>(),
        "terms": d.terms.iter().map(|t| {
            let mut v = term(&t.term);
            if let Value::Object(map) = &mut v {
                map.insert("note".into(), json!(t.note));
                map.insert("source".into(), json!(t.source.map(|s| &book.sources[s].id)));
                map.insert("quote".into(), json!(t.quote));
            }
            v
        }).collect::<Vec<_>>(),
        "flows": d.flows.iter().map(|f| flow(book, f)).collect::<Vec<_>>(),
        "sources": d.sources.iter().map(|&s| &book.sources[s].id).collect::<Vec<_>>(),
        "reported": d.reported,
        "notes": d.notes,
    })
}

/// The whole book.
pub fn book(book: &Book) -> Value {
    json!({
        "book": { "title": book.title, "as_of": book.as_of },
        "sources": book.sources.iter().map(|s| source(book, s)).collect::<Vec<_>>(),
        "entities": book.entities.iter().map(|e| entity(book, e)).collect::<Vec<_>>(),
        "deals": book.deals.iter().map(|d| deal(book, d)).collect::<Vec<_>>(),
    })
}
