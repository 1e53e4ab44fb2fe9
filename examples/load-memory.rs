//! Where loading memory goes on a synthetic book: `cargo run --release --example load-memory
//! [DEALS]`. Counts the heap through a wrapping allocator: the text, the peak while loading
//! and what the book keeps, each beside the text's size (`check`'s peak RSS is about the file,
//! its text, and this peak).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        BLOCKS.fetch_add(1, Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(n: usize) -> f64 {
    n as f64 / 1e6
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let text = dealbook::synth::book_yaml(n);
    let size = text.len();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let blocks = BLOCKS.load(Relaxed);
    let loaded = dealbook::book::load_str(&text);
    let peak = PEAK.load(Relaxed) - before;
    let kept = LIVE.load(Relaxed) - before;
    println!("{n} deals, {:.1} MB of YAML", mb(size));
    println!(
        "heap while loading, above the text: peak {:.1} MB ({:.2}× the text)",
        mb(peak),
        peak as f64 / size as f64
    );
    println!(
        "kept by the book: {:.1} MB ({:.2}× the text) in {} blocks",
        mb(kept),
        kept as f64 / size as f64,
        BLOCKS.load(Relaxed) - blocks
    );
    assert!(loaded.book.is_some());
}
