//! Go's `time` package: `time.Sleep`, on the runtime's timers, and the text of a
//! `time.Duration` (`Duration` itself and its constants are the compiler's).
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
        sys::futex_wait(&TIMERS.seq, seq, next.map(|w| w.saturating_sub(sys::nanotime()).max(1)));
    }
}

/// Go's `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `2µs`, `0s`. `fmt` prints a
/// `time.Duration` with it, as Go's does through the `Stringer` method.
pub fn duration_string(d: i64) -> Vec<u8> {
    // Built backwards, as Go does.
    fn frac(out: &mut Vec<u8>, mut v: u64, prec: u32) -> u64 {
        let mut print = false;
        for _ in 0..prec {
            let digit = (v % 10) as u8;
            print |= digit != 0;
            if print {
                out.push(b'0' + digit);
            }
            v /= 10;
        }
        if print {
            out.push(b'.');
        }
        v
    }
    fn int(out: &mut Vec<u8>, mut v: u64) {
        if v == 0 {
            out.push(b'0');
        }
        while v > 0 {
            out.push(b'0' + (v % 10) as u8);
            v /= 10;
        }
    }
    const SECOND: u64 = 1_000_000_000;
    let mut u = d.unsigned_abs();
    if u == 0 {
        return b"0s".to_vec();
    }
    let mut out = vec![b's'];
    if u < SECOND {
        let prec = if u < 1_000 {
            out.push(b'n');
            0
        } else if u < 1_000_000 {
            out.extend("µ".bytes().rev());
            3
        } else {
            out.push(b'm');
            6
        };
        u = frac(&mut out, u, prec);
        int(&mut out, u);
    } else {
        u = frac(&mut out, u, 9);
        int(&mut out, u % 60);
        u /= 60;
        if u > 0 {
            out.push(b'm');
            int(&mut out, u % 60);
            u /= 60;
            if u > 0 {
                out.push(b'h');
                int(&mut out, u);
            }
        }
    }
    if d < 0 {
        out.push(b'-');
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::duration_string;

    #[test]
    fn durations_print_like_go() {
        let cases: [(i64, &str); 12] = [
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (4 * 60_000_000_000 + 5_000_000_000, "4m5s"),
            (4 * 60_000_000_000 + 5_001_000_000, "4m5.001s"),
            (5 * 3_600_000_000_000 + 6 * 60_000_000_000 + 7_001_000_000, "5h6m7.001s"),
            (8 * 60_000_000_000 + 1, "8m0.000000001s"),
            (-1_500_000, "-1.5ms"),
            (10_000_000, "10ms"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (d, want) in cases {
            assert_eq!(String::from_utf8(duration_string(d)).unwrap(), want, "{d}");
        }
    }
}
