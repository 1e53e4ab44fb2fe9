//! Graph algorithms behind circular financing: strongly connected components and a bounded
//! search for elementary cycles. Plain `usize` nodes, no book: easy to test on any graph.
//!
//! Both are iterative (explicit stacks), so a chain of 100k entities cannot overflow the
//! call stack, and the cycle search is bounded in cycle length, cycle count, work and time, so
//! no book, however dense, makes it run away: the number of elementary cycles of a graph grows
//! exponentially with its size.

use std::time::{Duration, Instant};

/// Bounds on the cycle search: what it looks for (`max_len`), how much it reports
/// (`max_cycles`, and `max_flows` for memory) and how long it may take (`max_work` steps, and
/// `max_time` as a last guard on a slow machine). docs/flows.md gives the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most entities in a cycle. Longer loops exist in dense books but say little.
    pub max_len: usize,
    /// The most cycles reported.
    pub max_cycles: usize,
    /// The most search steps (edge visits, of the distance search and of the path search)
    /// before the search gives up: the time budget, deterministic. A guard against dense books
    /// in which few cycles pass the filter, and against long `max_len` on big ones.
    pub max_work: u64,
    /// The most flows listed over all reported cycles: the memory budget of a report (each
    /// cycle step lists at least one flow, so this bounds the steps and entities kept too).
    pub max_flows: usize,
    /// Wall-clock time after which the search stops, whatever its step count.
    pub max_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_len: 8,
            max_cycles: 1000,
            max_work: 50_000_000,
            max_flows: 250_000,
            max_time: Duration::from_secs(5),
        }
    }
}

/// Why a search stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// `max_cycles` were found and there were more.
    MaxCycles,
    /// `max_work` steps were spent.
    MaxWork,
    /// The next cycle would have taken the report over `max_flows` flows.
    MaxFlows,
    /// `max_time` went by.
    MaxTime,
}

/// The cycles found, each as its nodes in order (the edge back to the first is implied), and
/// why the search stopped early, if it did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub cycles: Vec<Vec<usize>>,
    pub truncated: Option<Stop>,
}

/// The work and time a search may still spend.
struct Budget {
    work: u64,
    max_work: u64,
    /// `None` when `max_time` is too far away to represent: no deadline.
    deadline: Option<Instant>,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Budget {
            work: 0,
            max_work: limits.max_work,
            deadline: Instant::now().checked_add(limits.max_time),
        }
    }

    /// Counts one step, and says which budget is spent, if one is. The clock is read on the
    /// first step and every 4096th after it: reading it costs more than a step.
    fn step(&mut self) -> Result<(), Stop> {
        self.work += 1;
        if self.work > self.max_work {
            return Err(Stop::MaxWork);
        }
        if self.work % 4096 == 1 && self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Stop::MaxTime);
        }
        Ok(())
    }
}

/// The strongly connected component of each node (Tarjan's algorithm). Components are numbered
/// from 0 in the order Tarjan completes them (reverse topological order).
pub fn components(adj: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = adj.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut stack = Vec::new();
    // The call stack of the recursive formulation: (node, next successor to look at).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next_index = 0;
    let mut next_comp = 0;
    for start in 0..n {
        if index[start] != UNSEEN {
            continue;
        }
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        calls.push((start, 0));
        while let Some(&(v, i)) = calls.last() {
            if let Some(&w) = adj[v].get(i) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// Every elementary cycle of at most `limits.max_len` nodes that `accept` keeps, each once,
/// starting at its smallest node, up to `limits.max_cycles` of them (see [`visit_cycles`]).
pub fn elementary_cycles(
    adj: &[Vec<usize>],
    limits: &Limits,
    mut accept: impl FnMut(&[usize]) -> bool,
) -> Found {
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    let truncated = visit_cycles(adj, limits, |path| {
        if !accept(path) {
            return Ok(());
        }
        if cycles.len() == limits.max_cycles {
            return Err(Stop::MaxCycles);
        }
        cycles.push(path.to_vec());
        Ok(())
    });
    Found { cycles, truncated }
}

/// Calls `visit` with every elementary cycle of at most `limits.max_len` nodes, each once,
/// starting at its smallest node; self-loops are ignored. `adj[v]` lists the successors of `v`
/// without duplicates. `visit` stops the search by returning why; the search also stops when
/// `max_work` or `max_time` is spent. Returns why it stopped early, if it did.
///
/// For each start `s`, in increasing order, a depth-first search follows simple paths through
/// nodes greater than `s` in the same strongly connected component, as in Johnson's algorithm,
/// so each cycle is found once, from its smallest node. Instead of Johnson's blocking (which
/// does not survive a length bound) the search is pruned by distance: a reverse breadth-first
/// search from `s` gives each node's distance back to `s`, and a path is only extended to nodes
/// close enough to close the loop within the bound. Every branch therefore leads to a cycle,
/// though perhaps one that `visit` passes over; `max_work` bounds that case, and counts the
/// steps of the reverse searches too (with a long `max_len` each covers its whole component).
pub fn visit_cycles(
    adj: &[Vec<usize>],
    limits: &Limits,
    mut visit: impl FnMut(&[usize]) -> Result<(), Stop>,
) -> Option<Stop> {
    search(adj, limits, &mut visit).err()
}

fn search(
    adj: &[Vec<usize>],
    limits: &Limits,
    visit: &mut dyn FnMut(&[usize]) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let n = adj.len();
    if limits.max_len < 2 {
        return Ok(());
    }
    let mut budget = Budget::new(limits);
    let comp = components(adj);
    let mut comp_size = vec![0usize; n];
    for &c in &comp {
        comp_size[c] += 1;
    }
    let mut radj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (v, succ) in adj.iter().enumerate() {
        for &w in succ {
            if w != v && comp[w] == comp[v] {
                radj[w].push(v);
            }
        }
    }

    // `seen[v] == s + 1` marks the nodes reached by the reverse search from `s`, so the arrays
    // are allocated once, not per start.
    let mut seen = vec![0usize; n];
    let mut dist = vec![0usize; n];
    let mut on_path = vec![false; n];
    let mut queue = std::collections::VecDeque::new();
    let mut path: Vec<usize> = Vec::new();
    let mut frames: Vec<(usize, usize)> = Vec::new();

    for s in 0..n {
        if comp_size[comp[s]] < 2 {
            continue;
        }
        let mark = s + 1;
        seen[s] = mark;
        dist[s] = 0;
        queue.clear();
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            // A node at distance max_len - 1 is as far as a cycle through `s` can reach.
            if dist[v] + 1 >= limits.max_len {
                continue;
            }
            for &u in &radj[v] {
                budget.step()?;
                if u > s && seen[u] != mark {
                    seen[u] = mark;
                    dist[u] = dist[v] + 1;
                    queue.push_back(u);
                }
            }
        }

        path.clear();
        path.push(s);
        on_path[s] = true;
        frames.clear();
        frames.push((s, 0));
        while let Some(&(v, i)) = frames.last() {
            let Some(&w) = adj[v].get(i) else {
                frames.pop();
                path.pop();
                on_path[v] = false;
                continue;
            };
            if let Some(top) = frames.last_mut() {
                top.1 += 1;
            }
            budget.step()?;
            if w == s {
                if path.len() >= 2 {
                    visit(&path)?;
                }
            } else if seen[w] == mark
                && w > s
                && !on_path[w]
                && path.len() + dist[w] <= limits.max_len
            {
                path.push(w);
                on_path[w] = true;
                frames.push((w, 0));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "graph_tests.rs"]
mod tests;
