//! Deals: parties, terms and flows — one entity or a syndicate at each end — checked against
//! the book's entities and sources, and each quote kept for the check against its source's
//! file (`provenance`).

use super::{Refs, at, enum_error, parse_term, s};
use crate::book::checker::Checker;
use crate::book::date::Date;
use crate::book::diag::{Code, Pos, clip};
use crate::book::model::{Deal, DealTerm, Flow, FlowKind, Party, Status};
use crate::book::provenance::Cited;
use crate::book::raw::{Ends, RawDeal, Text};

/// A quote's text, checked as text and kept for the check against its sources' files.
pub(super) fn quote(
    ck: &mut Checker,
    cited: &mut Vec<Cited>,
    quote: &Option<Text>,
    sources: Vec<usize>,
) -> Option<String> {
    let q = quote.as_ref()?;
    ck.required_text(q.at, "quote", Some(&q.text));
    cited.push(Cited {
        quote: q.clone(),
        sources,
    });
    Some(q.text.clone())
}

/// A text's copy, of its own length (`String::clone` allocates what the text needs).
fn copy(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.text.clone())
}

/// The items in a vector with room for `n`, the raw list's length. `collect` from the raw
/// list's `into_iter` would reuse its allocation, made for the larger raw records: the 100k-deal
/// book kept 90 MB of room its flows, terms and parties did not use.
fn exact<T>(n: usize, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::with_capacity(n);
    out.extend(items);
    out
}

/// Resolves one entity reference (reporting a bad one), as `deal` does for parties and ends.
type EntityRef<'r> = dyn FnMut(&mut Checker, &str, &Option<Text>) -> Option<usize> + 'r;

/// A flow's senders or recipients: each id resolved, none twice, at least one.
fn ends(
    ck: &mut Checker,
    entity_ref: &mut EntityRef,
    what: &str,
    ends: &Option<Ends>,
) -> Option<Vec<usize>> {
    let ends = ends.as_ref()?;
    if ends.ids.is_empty() {
        ck.error(
            Code::Value,
            ends.at,
            format!(
                "a flow needs at least one {}; this list is empty",
                if what.ends_with("source") {
                    "sender"
                } else {
                    "recipient"
                }
            ),
        );
        return None;
    }
    let mut out: Vec<usize> = Vec::with_capacity(ends.ids.len());
    let mut ok = true;
    for id in &ends.ids {
        match entity_ref(ck, what, id) {
            Some(e) if out.contains(&e) => {
                ck.error(
                    Code::Value,
                    id.as_ref().map_or(ends.at, |t| t.at),
                    format!(
                        "{what} '{}' is listed twice; list each entity once",
                        clip(s(id).unwrap_or_default(), 60)
                    ),
                );
                ok = false;
            }
            Some(e) => out.push(e),
            None => ok = false,
        }
    }
    ok.then_some(out)
}
/// Checks a deal and builds it. Its texts are copied, not moved: a copy has the room its text
/// needs (the parser gives each plain scalar 129 bytes or more), and the raw deal goes back to
/// be dropped by the thread that allocated it (validate/stream.rs).
pub(super) fn deal(
    ck: &mut Checker,
    refs: &Refs,
    resolve: &dyn Fn(&str) -> Option<String>,
    mentioned: &mut [bool],
    quotes: &mut Vec<Cited>,
    d: &RawDeal,
) -> Deal {
    let RawDeal {
        at: deal_at,
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
    } = d;
    let deal_at = *deal_at;
    let cited: Vec<usize> = exact(
        sources.as_ref().map_or(0, Vec::len),
        (sources.iter().flatten().flatten())
            .filter_map(|s| refs.source(ck, s.at, "source", &s.text)),
    );
    // A figure's quote is checked against its own source, else against the deal's.
    let or_deal = |own: Option<usize>| own.map_or_else(|| cited.clone(), |s| vec![s]);
    ck.required_text(at(title, deal_at), "title", s(title));
    if let Some(n) = &notes {
        ck.text(n.at, "notes", &n.text);
    }
    let status = match &status {
        Some(t) => Status::parse(&t.text).unwrap_or_else(|| {
            enum_error(ck, t.at, "status", &t.text, Status::NAMES);
            Status::Announced
        }),
        None => Status::Announced,
    };
    let date = (date.as_ref()).and_then(|t| ck.date(t.at, Date::parse(&t.text)));
    for t in tags.iter().flatten() {
        ck.required_text(t.at, "tag", Some(&t.text));
    }
    // No `parties` key at all was reported as a missing field by `raw`.
    if parties.is_empty() && parties_at.is_known() {
        ck.error(
            Code::Value,
            parties_at.or(deal_at),
            "a deal needs at least one party",
        );
    }
    let mut entity_ref = |ck: &mut Checker, what: &str, id: &Option<Text>| {
        let id = id.as_ref()?;
        let e = refs.entity(ck, id.at, what, &id.text);
        if let Some(e) = e {
            mentioned[e] = true;
        }
        e
    };
    let parties = exact(
        parties.len(),
        parties.iter().filter_map(|p| {
            if let Some(r) = &p.role {
                ck.text(r.at, "role", &r.text);
            }
            let entity = entity_ref(ck, "party", &p.entity)?;
            Some(Party {
                entity,
                role: copy(&p.role),
            })
        }),
    );
    let terms = exact(
        terms.len(),
        terms.iter().filter_map(|t| {
            if let Some(n) = &t.note {
                ck.text(n.at, "note", &n.text);
            }
            let text = t.text.as_ref()?;
            let term = parse_term(ck, text.at, "term", &text.text, resolve);
            let source = (t.source.as_ref()).and_then(|s| refs.source(ck, s.at, "source", &s.text));
            let quote = quote(ck, quotes, &t.quote, or_deal(source));
            Some(DealTerm {
                at: t.at,
                term,
                note: copy(&t.note),
                source,
                quote,
            })
        }),
    );
    let mut kinds_at: Vec<Pos> = Vec::with_capacity(flows.len());
    let flows: Vec<Flow> = exact(
        flows.len(),
        flows.iter().filter_map(|f| {
            if let Some(n) = &f.note {
                ck.text(n.at, "note", &n.text);
            }
            let kind = f.kind.as_ref().and_then(|k| {
                let kind = FlowKind::parse(&k.text);
                if kind.is_none() {
                    enum_error(ck, k.at, "flow kind", &k.text, FlowKind::NAMES);
                }
                kind
            });
            let from = ends(ck, &mut entity_ref, "flow source", &f.from);
            let to = ends(ck, &mut entity_ref, "flow destination", &f.to);
            if let (Some(from), Some(to)) = (&from, &to) {
                if let Some(both) = to.iter().position(|e| from.contains(e)) {
                    let id =
                        f.to.as_ref()
                            .and_then(|t| t.ids.get(both))
                            .and_then(Option::as_ref);
                    let message = if from.len() == 1 && to.len() == 1 {
                        format!(
                            "flow goes from '{}' to itself",
                            clip(id.map_or("", |t| t.as_str()), 60)
                        )
                    } else {
                        format!(
                            "'{}' is both a sender and a recipient of this flow",
                            clip(id.map_or("", |t| t.as_str()), 60)
                        )
                    };
                    let pos = id.map_or(f.at, |t| t.at);
                    ck.error(Code::Value, pos, message);
                }
            }
            let amount =
                (f.amount.as_ref()).map(|a| parse_term(ck, a.at, "amount", &a.text, resolve));
            let source = (f.source.as_ref()).and_then(|s| refs.source(ck, s.at, "source", &s.text));
            let quote = quote(ck, quotes, &f.quote, or_deal(source));
            let flow = Flow {
                at: f.at,
                from: from?,
                to: to?,
                kind: kind?,
                amount,
                source,
                quote,
                inferred: f.inferred.is_some_and(|f| f.value),
                note: copy(&f.note),
            };
            kinds_at.push(at(&f.kind, f.at));
            Some(flow)
        }),
    );
    // The format's convention: an investment implies the stake it buys.
    for (f, &kind_at) in flows.iter().zip(&kinds_at) {
        if f.kind == FlowKind::Equity
            && flows.iter().any(|g| {
                g.kind == FlowKind::Investment
                    && g.from.iter().any(|e| f.to.contains(e))
                    && g.to.iter().any(|e| f.from.contains(e))
            })
        {
            ck.warning(
                Code::Value,
                kind_at,
                "an equity flow back to an investor of the same deal: an investment already implies the stake it buys (use 'equity' only for shares granted without cash)",
            );
        }
    }
    if let Some(id) = id {
        if sources.as_ref().is_none_or(Vec::is_empty) {
            ck.warning(
                Code::NoSource,
                id.at,
                format!(
                    "deal '{}' cites no source; add 'sources: [source-id]'",
                    clip(&id.text, 60)
                ),
            );
        }
    }
    Deal {
        at: deal_at,
        id: copy(id).unwrap_or_default(),
        title: copy(title).unwrap_or_default(),
        date,
        status,
        tags: exact(tags.len(), tags.iter().flatten().map(|t| t.text.clone())),
        parties,
        terms,
        flows,
        sources: cited,
        reported: reported.is_some_and(|f| f.value),
        notes: copy(notes),
    }
}
