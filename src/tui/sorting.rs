//! The orders `s`/`S` cycle through in the Deals and Flows panes, each a key and a direction;
//! the first of each is the pane's own order (book order for deals, largest first for flows).

use crate::book::sort::{DealKey, Dir, EntityKey, FlowKey};

/// The Entities pane's orders; `None` is book order (subsidiaries under their parents).
pub const ENTITY_SORTS: [Option<(EntityKey, Dir)>; 9] = [
    None,
    Some((EntityKey::Name, Dir::Asc)),
    Some((EntityKey::Name, Dir::Desc)),
    Some((EntityKey::In, Dir::Desc)),
    Some((EntityKey::In, Dir::Asc)),
    Some((EntityKey::Out, Dir::Desc)),
    Some((EntityKey::Out, Dir::Asc)),
    Some((EntityKey::Deals, Dir::Desc)),
    Some((EntityKey::Deals, Dir::Asc)),
];

/// The title label of an entities order, `None` for book order.
pub fn entity_label(sort: usize) -> Option<String> {
    let (key, dir) = (*ENTITY_SORTS.get(sort)?)?;
    let name = match key {
        EntityKey::Name => "name",
        EntityKey::In => "money in",
        EntityKey::Out => "money out",
        EntityKey::Deals => "deals",
    };
    Some(label(name, dir))
}

pub const DEAL_SORTS: [(DealKey, Dir); 9] = [
    (DealKey::Book, Dir::Asc),
    (DealKey::Date, Dir::Desc),
    (DealKey::Date, Dir::Asc),
    (DealKey::Amount, Dir::Desc),
    (DealKey::Amount, Dir::Asc),
    (DealKey::Status, Dir::Asc),
    (DealKey::Status, Dir::Desc),
    (DealKey::Title, Dir::Asc),
    (DealKey::Title, Dir::Desc),
];

pub const FLOW_SORTS: [(FlowKey, Dir); 8] = [
    (FlowKey::Amount, Dir::Desc),
    (FlowKey::Amount, Dir::Asc),
    (FlowKey::From, Dir::Asc),
    (FlowKey::From, Dir::Desc),
    (FlowKey::To, Dir::Asc),
    (FlowKey::To, Dir::Desc),
    (FlowKey::Status, Dir::Asc),
    (FlowKey::Status, Dir::Desc),
];

/// "date ↓": a key and its direction, for the pane title.
pub fn label(key: &str, dir: Dir) -> String {
    let arrow = match dir {
        Dir::Asc => '↑',
        Dir::Desc => '↓',
    };
    format!("{key} {arrow}")
}

/// The title label of a deals order, `None` for book order.
pub fn deal_label(sort: usize) -> Option<String> {
    let (key, dir) = *DEAL_SORTS.get(sort)?;
    (sort != 0).then(|| label(key.name(), dir))
}

/// The title label of a flows order (the default too: it is an order of its own).
pub fn flow_label(sort: usize) -> String {
    let (key, dir) = FLOW_SORTS.get(sort).copied().unwrap_or(FLOW_SORTS[0]);
    label(key.name(), dir)
}

/// The next (`step` 1) or previous (`-1`) of `len` orders after `at`.
pub fn cycle(at: usize, len: usize, step: isize) -> usize {
    (at as isize + step).rem_euclid(len as isize) as usize
}
