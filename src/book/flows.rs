//! Money flows: the flows of every deal aggregated into edges with interval totals, money in
//! and out per entity, and the loops they make.

pub mod graph;
