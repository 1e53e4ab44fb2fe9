//! The deal book exactly as written in YAML: serde types, every scalar kept as text.
//!
//! Scalars that have a closed set of values (ids, dates, kinds, statuses) are read as strings
//! here and checked in `validate`, so that one run reports every such mistake with its position
//! instead of stopping at the first one, as serde would.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBook {
    pub book: Option<RawMeta>,
    pub sources: Option<Vec<RawSource>>,
    pub entities: Option<Vec<RawEntity>>,
    pub deals: Option<Vec<RawDeal>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub title: Option<String>,
    pub as_of: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub url: Option<String>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub aliases: Option<Vec<String>>,
    pub parent: Option<String>,
    pub people: Option<Vec<RawPerson>>,
    pub country: Option<String>,
    pub notes: Option<String>,
    pub metrics: Option<Vec<RawMetric>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMetric {
    pub name: String,
    pub date: String,
    pub amount: String,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeal {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub status: String,
    pub tags: Option<Vec<String>>,
    pub parties: Vec<RawParty>,
    pub terms: Option<Vec<RawTerm>>,
    pub flows: Option<Vec<RawFlow>>,
    pub sources: Option<Vec<String>>,
    pub notes: Option<String>,
}

/// A party: an entity id, or `{entity, role}`.
#[derive(Debug)]
pub struct RawParty {
    pub entity: String,
    pub role: Option<String>,
}

/// A term: a string, or `{text, note, source}`.
#[derive(Debug)]
pub struct RawTerm {
    pub text: String,
    pub note: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlow {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub amount: Option<String>,
    pub note: Option<String>,
}

/// The mapping forms of the two "string or mapping" items.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartyMap {
    entity: String,
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermMap {
    text: String,
    note: Option<String>,
    source: Option<String>,
}

impl From<PartyMap> for RawParty {
    fn from(m: PartyMap) -> Self {
        RawParty {
            entity: m.entity,
            role: m.role,
        }
    }
}

impl From<String> for RawParty {
    fn from(entity: String) -> Self {
        RawParty { entity, role: None }
    }
}

impl From<TermMap> for RawTerm {
    fn from(m: TermMap) -> Self {
        RawTerm {
            text: m.text,
            note: m.note,
            source: m.source,
        }
    }
}

impl From<String> for RawTerm {
    fn from(text: String) -> Self {
        RawTerm {
            text,
            note: None,
            source: None,
        }
    }
}

/// Reads an item that is either a scalar (`nvidia`) or a mapping, without serde's untagged
/// enums, whose only error is "data did not match any variant" with no hint of what was wrong:
/// here a bad field inside the mapping form is reported as such, with its position.
macro_rules! scalar_or_map {
    ($ty:ident, $map:ident, $expecting:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        Ok(v.to_owned().into())
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        Ok(v.to_string().into())
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        Ok(v.to_string().into())
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        Ok(v.to_string().into())
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $map::deserialize(de::value::MapAccessDeserializer::new(map))
                            .map(Into::into)
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

scalar_or_map!(
    RawParty,
    PartyMap,
    "an entity id or a mapping {entity, role}"
);
scalar_or_map!(
    RawTerm,
    TermMap,
    "a term string or a mapping {text, note, source}"
);
