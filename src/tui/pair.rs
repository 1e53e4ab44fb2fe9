//! Two pieces of work at once, on the calling thread and a second one, for the worker's part
//! of a load (the model's flows beside its loops, the count of what changed): with a core
//! free, the swap waits for the longer of the two instead of their sum.

use super::loader::THREAD_NAME;

/// `a` on a second thread and `b` on this one, at the same time; both on this one when no
/// thread can be had (`a` is `Fn` so that it can still run here). A panic in `a` goes on in
/// the caller, as if it had run here.
pub fn both<A: Send, B>(a: impl Fn() -> A + Sync, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        // Named as the loader is, so the explorer's panic hook keeps a message off the screen.
        let other = std::thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn_scoped(s, &a);
        let b = b();
        let a = match other {
            Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(_) => a(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_run_and_a_panic_goes_on_in_the_caller() {
        let v: Vec<u64> = (0..1000).collect();
        assert_eq!(both(|| v.iter().sum::<u64>(), || v.len()), (499_500, 1000));
        let caught = std::panic::catch_unwind(|| both(|| -> u8 { panic!("in a") }, || 1));
        assert!(caught.is_err());
    }
}
