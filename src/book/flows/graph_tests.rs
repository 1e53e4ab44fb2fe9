//! Tests of the component and cycle search on small and large synthetic graphs.

use super::*;
use std::collections::BTreeSet;

fn graph(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut adj = vec![Vec::new(); n];
    for &(a, b) in edges {
        adj[a].push(b);
    }
    adj
}

fn complete(n: usize) -> Vec<Vec<usize>> {
    (0..n)
        .map(|v| (0..n).filter(|&w| w != v).collect())
        .collect()
}

fn all(adj: &[Vec<usize>], limits: &Limits) -> Found {
    elementary_cycles(adj, limits, |_| true)
}

fn set(found: &Found) -> BTreeSet<Vec<usize>> {
    found.cycles.iter().cloned().collect()
}

#[test]
fn components_of_two_loops_joined_one_way() {
    // 0 ⇄ 1 → 2 ⇄ 3, and 4 alone.
    let adj = graph(5, &[(0, 1), (1, 0), (1, 2), (2, 3), (3, 2)]);
    let c = components(&adj);
    assert_eq!(c[0], c[1]);
    assert_eq!(c[2], c[3]);
    assert_ne!(c[0], c[2]);
    assert_ne!(c[4], c[0]);
    assert_ne!(c[4], c[2]);
    // Reverse topological order: the sink component {2, 3} completes first.
    assert!(c[2] < c[0]);
}

#[test]
fn components_of_a_long_chain_do_not_overflow_the_stack() {
    let n = 200_000;
    let mut adj: Vec<Vec<usize>> = (0..n).map(|v| vec![v + 1]).collect();
    adj[n - 1] = vec![0];
    let c = components(&adj);
    assert!(c.iter().all(|&x| x == c[0]));
}

#[test]
fn every_cycle_of_a_complete_graph_once() {
    // K4: 6 two-cycles, 4 triangles × 2 directions, 3! four-cycles = 20.
    let found = all(&complete(4), &Limits::default());
    assert_eq!(found.cycles.len(), 20);
    assert_eq!(set(&found).len(), 20, "a cycle was reported twice");
    assert_eq!(found.truncated, None);
    for c in &found.cycles {
        assert_eq!(
            c.iter().min(),
            Some(&c[0]),
            "{c:?} does not start at its smallest node"
        );
    }
}

#[test]
fn overlapping_cycles() {
    // Two triangles sharing the edge 1 → 2, and a 2-cycle on 2 ⇄ 3 that shares node 2.
    let adj = graph(5, &[(0, 1), (1, 2), (2, 0), (2, 4), (4, 1), (2, 3), (3, 2)]);
    let found = all(&adj, &Limits::default());
    let expected: BTreeSet<Vec<usize>> = [vec![0, 1, 2], vec![1, 2, 4], vec![2, 3]]
        .into_iter()
        .collect();
    assert_eq!(set(&found), expected);
}

#[test]
fn the_length_bound_drops_long_cycles() {
    let limits = Limits {
        max_len: 3,
        ..Limits::default()
    };
    // K4 without its six 4-cycles.
    assert_eq!(all(&complete(4), &limits).cycles.len(), 14);
    // A ring of 4 has no cycle of 3 nodes or fewer.
    let ring = graph(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
    assert!(all(&ring, &limits).cycles.is_empty());
}

#[test]
fn self_loops_are_not_cycles() {
    let adj = graph(2, &[(0, 0), (0, 1), (1, 1), (1, 0)]);
    assert_eq!(set(&all(&adj, &Limits::default())), [vec![0, 1]].into());
}

#[test]
fn the_filter_rejects_cycles_without_stopping_the_search() {
    let found = elementary_cycles(&complete(4), &Limits::default(), |c| c.contains(&3));
    // Cycles through node 3: 3 two-cycles, 3 pairs of other nodes × 2 directions, 6 four-cycles.
    assert_eq!(found.cycles.len(), 15);
}

#[test]
fn the_count_bound_truncates() {
    let limits = Limits {
        max_cycles: 5,
        ..Limits::default()
    };
    let found = all(&complete(4), &limits);
    assert_eq!(found.cycles.len(), 5);
    assert_eq!(found.truncated, Some(Stop::MaxCycles));
    // Exactly as many cycles as the bound is not truncated.
    let limits = Limits {
        max_cycles: 20,
        ..Limits::default()
    };
    assert_eq!(all(&complete(4), &limits).truncated, None);
}

#[test]
fn the_work_bound_stops_a_dense_search() {
    // K12 has billions of elementary cycles; none passes the filter.
    let limits = Limits {
        max_work: 100_000,
        ..Limits::default()
    };
    let found = elementary_cycles(&complete(12), &limits, |_| false);
    assert!(found.cycles.is_empty());
    assert_eq!(found.truncated, Some(Stop::MaxWork));
}

#[test]
fn a_large_ring_with_chords_terminates() {
    // 20k nodes in a ring, and every 7th node has a chord back 3 steps: each chord closes one
    // 4-node cycle; the ring itself is far longer than the bound.
    let n = 20_000;
    let mut adj: Vec<Vec<usize>> = (0..n).map(|v| vec![(v + 1) % n]).collect();
    let chords: Vec<usize> = (7..n).step_by(7).collect();
    for &c in &chords {
        adj[c].push(c - 3);
    }
    let limits = Limits {
        max_cycles: 10_000,
        ..Limits::default()
    };
    let found = all(&adj, &limits);
    assert_eq!(found.truncated, None);
    assert_eq!(found.cycles.len(), chords.len());
    assert!(found.cycles.iter().all(|c| c.len() == 4));
    assert!(found.cycles.contains(&vec![4, 5, 6, 7]));
}

#[test]
fn the_work_bound_counts_the_distance_search() {
    // A ring of 10k, each node pointing to the one before, has no cycle within the length
    // bound: only the reverse searches work, and with a long bound each goes 63 nodes up the
    // ring, 630k steps in all.
    let n = 10_000;
    let ring: Vec<Vec<usize>> = (0..n).map(|v| vec![(v + n - 1) % n]).collect();
    let limits = Limits {
        max_len: 64,
        max_work: 100_000,
        ..Limits::default()
    };
    let found = all(&ring, &limits);
    assert!(found.cycles.is_empty());
    assert_eq!(found.truncated, Some(Stop::MaxWork));
    let roomy = Limits {
        max_work: 10_000_000,
        ..limits
    };
    assert_eq!(all(&ring, &roomy).truncated, None);
}

#[test]
fn the_time_limit_stops_the_search() {
    let limits = Limits {
        max_time: std::time::Duration::ZERO,
        ..Limits::default()
    };
    let found = all(&complete(4), &limits);
    assert!(found.cycles.is_empty());
    assert_eq!(found.truncated, Some(Stop::MaxTime));
    // A time limit too far away to represent is none.
    let forever = Limits {
        max_time: std::time::Duration::MAX,
        ..Limits::default()
    };
    assert_eq!(all(&complete(4), &forever).cycles.len(), 20);
}

#[test]
fn the_visitor_stops_the_search_with_its_reason() {
    let mut seen = 0;
    let stop = visit_cycles(&complete(5), &Limits::default(), |_| {
        seen += 1;
        if seen == 3 {
            Err(Stop::MaxFlows)
        } else {
            Ok(())
        }
    });
    assert_eq!((stop, seen), (Some(Stop::MaxFlows), 3));
}
