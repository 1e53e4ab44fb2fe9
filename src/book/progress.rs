//! How far a load has gone, shared between the thread that loads a book and the one that draws
//! it: bytes read out of the file's size, and records (entities, deals, sources) read so far.
//!
//! The loader advances it as it reads; the explorer polls [`Progress::get`] to draw a gauge.
//! Every counter is an atomic, so reading it never blocks the loader.

use std::sync::atomic::{AtomicU64, Ordering};

/// Load progress: monotone counters, written by one loader and read by anyone.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicU64,
    done: AtomicU64,
    records: AtomicU64,
}

/// One reading of a [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reading {
    /// Bytes of the book read so far.
    pub done: u64,
    /// The book's size in bytes (0 while unknown).
    pub total: u64,
    /// Records read so far.
    pub records: u64,
}

impl Reading {
    /// The share read, 0.0 to 1.0 (0.0 while the size is unknown).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.done.min(self.total) as f64) / (self.total as f64)
        }
    }
}

impl Progress {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the book's size in bytes.
    pub fn set_total(&self, bytes: u64) {
        self.total.store(bytes, Ordering::Relaxed);
    }

    /// Records that the first `bytes` bytes have been read (never moves backwards).
    pub fn advance_to(&self, bytes: u64) {
        self.done.fetch_max(bytes, Ordering::Relaxed);
    }

    /// Counts one more record read.
    pub fn add_record(&self) {
        self.records.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters as they are now.
    pub fn get(&self) -> Reading {
        Reading {
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            records: self.records.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_never_moves_backwards_and_ratio_is_bounded() {
        let p = Progress::new();
        assert_eq!(p.get().ratio(), 0.0);
        p.set_total(100);
        p.advance_to(60);
        p.advance_to(40);
        p.add_record();
        assert_eq!(
            p.get(),
            Reading {
                done: 60,
                total: 100,
                records: 1
            }
        );
        p.advance_to(500);
        assert_eq!(p.get().ratio(), 1.0);
    }
}
