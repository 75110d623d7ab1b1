//! Go's `time` package: `time.Sleep`, on the runtime's timers.
//!
//! A sleeping goroutine parks ("sleep"); its wake-up time goes into one heap of timers
//! served by a timer thread (started by the first `Sleep`), which sleeps on a futex
//! until the earliest deadline and then makes the due goroutines runnable on the
//! global run queue. Invariant: `sched`'s count of pending sleepers includes every
//! goroutine from the start of its `Sleep` until it is on a run queue, so the deadlock
//! detector never mistakes a sleeping program for a deadlocked one.

use std::cell::UnsafeCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::abi::G;
use crate::lock::Lock;
use crate::sys;

struct Timers {
    lock: Lock,
    /// (deadline in `nanotime` ns, goroutine), earliest first.
    heap: UnsafeCell<BinaryHeap<Reverse<(u64, usize)>>>,
    /// Bumped to wake the timer thread early (a new earliest deadline).
    seq: AtomicU32,
    started: AtomicBool,
}

// SAFETY: `heap` is only touched with `lock` held; the rest is atomic.
unsafe impl Sync for Timers {}

static TIMERS: Timers = Timers {
    lock: Lock::new(),
    heap: UnsafeCell::new(BinaryHeap::new()),
    seq: AtomicU32::new(0),
    started: AtomicBool::new(false),
};

/// `time.Sleep(d)`: parks the goroutine for at least `d` nanoseconds (none if `d <= 0`).
///
/// # Safety
/// `g` is the calling goroutine.
#[export_name = "time.Sleep"]
pub unsafe extern "C" fn sleep(g: *mut G, d: i64) {
    if d <= 0 {
        return;
    }
    let when = sys::nanotime().saturating_add(d as u64);
    crate::stack::systemstack(move || {
        if !TIMERS.started.swap(true, Ordering::AcqRel) {
            let ok = std::thread::Builder::new().name("morestack timers".into()).spawn(timer_thread);
            if ok.is_err() {
                crate::panic::throw("runtime: cannot create the timer thread");
            }
        }
        crate::sched::sleeper_added();
    });
    // SAFETY: caller's contract; the deadline travels in the G (`param`), read by the
    // commit on g0 once the goroutine is parked.
    unsafe {
        (*g).sched_state.param = when as usize;
        crate::sched::gopark(g, "sleep", add_timer, g as usize);
    }
}

/// The park commit of `Sleep`: queue the timer (the goroutine is parked, so the timer
/// thread may ready it at once).
unsafe fn add_timer(g: usize) {
    // SAFETY: `g` is the parked goroutine; its `param` holds the deadline.
    let when = unsafe { (*(g as *mut G)).sched_state.param as u64 };
    TIMERS.lock.lock();
    // SAFETY: the timers' lock is held.
    let heap = unsafe { &mut *TIMERS.heap.get() };
    let earliest = heap.peek().is_none_or(|Reverse((w, _))| when < *w);
    heap.push(Reverse((when, g)));
    TIMERS.lock.unlock();
    if earliest {
        TIMERS.seq.fetch_add(1, Ordering::Release);
        sys::futex_wake(&TIMERS.seq, 1);
    }
}

fn timer_thread() {
    loop {
        let seq = TIMERS.seq.load(Ordering::Acquire);
        let now = sys::nanotime();
        let mut due = Vec::new();
        TIMERS.lock.lock();
        // SAFETY: the timers' lock is held.
        let heap = unsafe { &mut *TIMERS.heap.get() };
        while let Some(&Reverse((when, g))) = heap.peek() {
            if when > now {
                break;
            }
            heap.pop();
            due.push(g as *mut G);
        }
        let next = heap.peek().map(|Reverse((w, _))| *w);
        TIMERS.lock.unlock();
        for g in due {
            // SAFETY: a sleeping goroutine, parked, taken off the heap.
            unsafe { crate::sched::ready_sleeper(g) };
        }
        match next {
            Some(w) => sys::futex_wait_timeout(&TIMERS.seq, seq, w.saturating_sub(sys::nanotime()).max(1)),
            None => sys::futex_wait(&TIMERS.seq, seq),
        }
    }
}
