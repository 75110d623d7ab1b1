//! Goroutine wait queues keyed by address (Go's `sema.go` semaphore table), under
//! package `sync`: a goroutine parks on an address until another wakes it.
//!
//! A fixed table of buckets, each a lock and a FIFO of `(address, goroutine)`
//! waiters; an address always hashes to the same bucket. Invariant: a goroutine is in
//! a bucket's list only while it is parked (or about to park with that bucket's lock
//! held), and a waker removes it before readying it.

use std::collections::VecDeque;

use crate::abi::G;
use crate::lock::Lock;
use crate::sched::{gopark, goready};
use crate::stack::systemstack;

const BUCKETS: usize = 251;

struct Bucket {
    lock: Lock,
    waiters: std::cell::UnsafeCell<VecDeque<(usize, *mut G)>>,
}

// SAFETY: `waiters` is only touched with `lock` held.
unsafe impl Sync for Bucket {}

static TABLE: [Bucket; BUCKETS] = [const {
    Bucket {
        lock: Lock::new(),
        waiters: std::cell::UnsafeCell::new(VecDeque::new()),
    }
}; BUCKETS];

fn bucket(addr: usize) -> &'static Bucket {
    &TABLE[(addr >> 3) % BUCKETS]
}

unsafe fn unlock_bucket(addr: usize) {
    bucket(addr).lock.unlock();
}

/// Parks the calling goroutine `g` on `addr` unless `ready()` (checked with the
/// bucket locked, so a concurrent [`wake`] cannot be missed) says there is nothing to
/// wait for. Returns whether it parked (and was woken).
///
/// # Safety
/// `g` is the calling goroutine; `ready` is safe to run on the system stack.
pub(crate) unsafe fn wait_unless(g: *mut G, addr: usize, reason: &'static str, ready: impl FnOnce() -> bool + Send) -> bool {
    let gs = g as usize;
    let park = systemstack(move || {
        let b = bucket(addr);
        b.lock.lock();
        if ready() {
            b.lock.unlock();
            return false;
        }
        // SAFETY: the bucket lock is held.
        unsafe { (*b.waiters.get()).push_back((addr, gs as *mut G)) };
        true
    });
    if park {
        // SAFETY: caller's contract; the commit releases the bucket lock.
        unsafe { gopark(g, reason, unlock_bucket, addr) };
    }
    park
}

/// Wakes up to `n` goroutines parked on `addr`, oldest first; returns how many.
///
/// # Safety
/// Called by a running goroutine.
pub(crate) unsafe fn wake(addr: usize, n: usize) -> usize {
    systemstack(move || {
        let b = bucket(addr);
        b.lock.lock();
        let mut woken = Vec::new();
        // SAFETY: the bucket lock is held.
        let q = unsafe { &mut *b.waiters.get() };
        let mut i = 0;
        while i < q.len() && woken.len() < n {
            if q[i].0 == addr {
                woken.push(q.remove(i).map_or(std::ptr::null_mut(), |w| w.1));
            } else {
                i += 1;
            }
        }
        b.lock.unlock();
        for &g in &woken {
            // SAFETY: `g` was parked on `addr` and is now in no queue.
            unsafe { goready(g) };
        }
        woken.len()
    })
}
