//! PLACEHOLDER until the term parser lands: parses nothing.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    About,
    Range,
    AtMost,
    AtLeast,
    Undisclosed,
    Unparsed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StakeOf {
    pub words: String,
    pub entity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub text: String,
    pub bound: Bound,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub per: Option<String>,
    #[serde(skip)]
    pub of: Option<StakeOf>,
}

pub fn parse(text: &str, _resolve: &dyn Fn(&str) -> Option<String>) -> Term {
    Term {
        text: text.trim().to_string(),
        bound: Bound::Unparsed,
        low: None,
        high: None,
        unit: None,
        per: None,
        of: None,
    }
}

impl Term {
    pub fn human(&self) -> String {
        self.text.clone()
    }
    pub fn is_quantity(&self) -> bool {
        !matches!(self.bound, Bound::Undisclosed | Bound::Unparsed)
    }
    pub fn is_money(&self) -> bool {
        false
    }
}

pub fn format_amount(value: f64, unit: Option<&str>) -> String {
    format!("{value} {}", unit.unwrap_or(""))
}
