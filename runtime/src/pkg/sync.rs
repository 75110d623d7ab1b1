//! Go's `sync` package: `WaitGroup`, `Mutex`, `Once`. Their zero values are ready to
//! use; compiled code allocates them like any struct and passes their address.
//!
//! | type | bytes | layout |
//! |---|---|---|
//! | `WaitGroup` | 16 | counter `i64`, unused `u64` |
//! | `Mutex` | 8 | state `u32` (bit 0 locked, bits 1.. waiters), handoff tokens `u32` |
//! | `Once` | 16 | done `u32`, pad, `Mutex` |
//!
//! Blocking goes through `crate::sema` (goroutines park; threads never block). The
//! mutex hands the lock directly to the oldest waiter on unlock (no barging), which is
//! what Go's mutex does in starvation mode.
//!
//! `o.Do(f)` is compiled as `if begin(o) { f(); end(o) }`. Go's `Do` marks the once
//! done and unlocks it even when `f` panics or calls `Goexit` (its deferred calls do
//! it); here `begin` records the call on the goroutine, and the panic machinery
//! finishes every recorded call whose frame it abandons ([`finish_abandoned_onces`]).

use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use crate::abi::G;
use crate::sema::{wait_unless, wake};

#[repr(C)]
pub struct WaitGroup {
    counter: AtomicI64,
    _unused: u64,
}

#[repr(C)]
pub struct Mutex {
    state: AtomicU32,
    tokens: AtomicU32,
}

#[repr(C)]
pub struct Once {
    done: AtomicU32,
    _pad: u32,
    m: Mutex,
}

const _: () = assert!(std::mem::size_of::<WaitGroup>() == 16);
const _: () = assert!(std::mem::size_of::<Mutex>() == 8);
const _: () = assert!(std::mem::size_of::<Once>() == 16);

const LOCKED: u32 = 1;
const WAITER: u32 = 2;

/// `wg.Add(delta)`: when the counter reaches zero, every `Wait` returns.
///
/// # Safety
/// `g` is the calling goroutine; `wg` a live WaitGroup.
#[export_name = "sync.(*WaitGroup).Add"]
pub unsafe extern "C" fn waitgroup_add(_g: *mut G, wg: *mut WaitGroup, delta: i64) {
    // SAFETY: caller's contract.
    let v = unsafe { (*wg).counter.fetch_add(delta, Ordering::AcqRel) } + delta;
    if v < 0 {
        crate::panic::panic_string(b"sync: negative WaitGroup counter");
    }
    if v == 0 && delta != 0 {
        // SAFETY: called by a running goroutine.
        unsafe { wake(wg as usize, usize::MAX) };
    }
}

/// `wg.Done()`.
///
/// # Safety
/// As for `Add`.
#[export_name = "sync.(*WaitGroup).Done"]
pub unsafe extern "C" fn waitgroup_done(g: *mut G, wg: *mut WaitGroup) {
    // SAFETY: forwarded.
    unsafe { waitgroup_add(g, wg, -1) }
}

/// `wg.Wait()`: blocks until the counter is zero.
///
/// # Safety
/// As for `Add`.
#[export_name = "sync.(*WaitGroup).Wait"]
pub unsafe extern "C" fn waitgroup_wait(g: *mut G, wg: *mut WaitGroup) {
    let addr = wg as usize;
    // SAFETY: caller's contract; Add wakes every waiter after the counter hit zero,
    // and the check runs under the wait queue's lock.
    unsafe {
        while (*wg).counter.load(Ordering::Acquire) != 0 {
            wait_unless(g, addr, "semacquire", move || (*(addr as *const WaitGroup)).counter.load(Ordering::Acquire) == 0);
        }
    }
}

/// `m.Lock()`.
///
/// # Safety
/// `g` is the calling goroutine; `m` a live Mutex.
#[export_name = "sync.(*Mutex).Lock"]
pub unsafe extern "C" fn mutex_lock(g: *mut G, m: *mut Mutex) {
    // SAFETY: caller's contract.
    let mu = unsafe { &*m };
    loop {
        let s = mu.state.load(Ordering::Relaxed);
        if s & LOCKED == 0 {
            if mu.state.compare_exchange_weak(s, s | LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                return;
            }
        } else if mu.state.compare_exchange_weak(s, s + WAITER, Ordering::Relaxed, Ordering::Relaxed).is_ok() {
            break;
        }
    }
    // A registered waiter: Unlock hands the still-locked mutex over with a token.
    let addr = m as usize;
    let take_token = move || {
        // SAFETY: the mutex outlives its waiters.
        let tokens = unsafe { &(*(addr as *const Mutex)).tokens };
        tokens.fetch_update(Ordering::Acquire, Ordering::Relaxed, |t| t.checked_sub(1)).is_ok()
    };
    loop {
        // SAFETY: caller's contract.
        if !unsafe { wait_unless(g, addr, "semacquire", take_token) } {
            return; // took a token without parking
        }
        // Woken by a hand-off: normally the token is there now.
        if take_token() {
            return;
        }
    }
}

/// `m.Unlock()`: a fatal error when not locked (as in Go).
///
/// # Safety
/// As for `Lock`.
#[export_name = "sync.(*Mutex).Unlock"]
pub unsafe extern "C" fn mutex_unlock(_g: *mut G, m: *mut Mutex) {
    // SAFETY: caller's contract.
    let mu = unsafe { &*m };
    loop {
        let s = mu.state.load(Ordering::Relaxed);
        if s & LOCKED == 0 {
            crate::panic::throw("sync: unlock of unlocked mutex");
        }
        if s >= WAITER {
            // Hand off: stays locked, one waiter fewer, and that waiter gets a token.
            if mu.state.compare_exchange_weak(s, s - WAITER, Ordering::Release, Ordering::Relaxed).is_ok() {
                mu.tokens.fetch_add(1, Ordering::Release);
                // SAFETY: called by a running goroutine.
                unsafe { wake(m as usize, 1) };
                return;
            }
        } else if mu.state.compare_exchange_weak(s, s & !LOCKED, Ordering::Release, Ordering::Relaxed).is_ok() {
            return;
        }
    }
}

/// The first half of `o.Do(f)`: false when `f` already ran (or is running and has now
/// finished); true when the caller must run `f` and then call [`once_end`] (it holds
/// the once's mutex meanwhile, so concurrent callers wait for `f`).
///
/// # Safety
/// `g` is the calling goroutine; `o` a live Once.
#[export_name = "sync.(*Once).begin"]
pub unsafe extern "C" fn once_begin(g: *mut G, o: *mut Once) -> bool {
    // SAFETY: caller's contract.
    unsafe {
        if (*o).done.load(Ordering::Acquire) != 0 {
            return false;
        }
        let m = std::ptr::addr_of_mut!((*o).m);
        mutex_lock(g, m);
        if (*o).done.load(Ordering::Acquire) != 0 {
            mutex_unlock(g, m);
            return false;
        }
        // The calling frame's distance from the stack top (stable across moves),
        // recorded on the system stack (the push may allocate).
        let caller_fp = (crate::arch::frame_pointer() as *const usize).read();
        let (gs, rec) = (g as usize, (o as usize, (*g).stack_hi - caller_fp));
        crate::stack::systemstack(move || (*(gs as *mut G)).sched_state.onces.push(rec));
        true
    }
}

/// Completes the `o.Do(f)` calls in progress in frames at or below the frame whose
/// pointer is `fp` (all of them when `fp` is 0): the panic machinery is about to
/// abandon them (a recovery into `fp`'s frame, or the end of the goroutine).
///
/// # Safety
/// `g` is suspended on its M's g0; the recorded onces are live.
pub(crate) unsafe fn finish_abandoned_onces(g: *mut G, fp: usize) {
    // SAFETY: caller's contract.
    unsafe {
        let depth = if fp == 0 { 0 } else { (*g).stack_hi - fp };
        while let Some(&(o, d)) = (*g).sched_state.onces.last() {
            if d < depth {
                break;
            }
            (*g).sched_state.onces.pop();
            once_finish(g, o as *mut Once);
        }
    }
}

/// Marks `o` done and releases its mutex.
///
/// # Safety
/// `o` is a live Once whose mutex this goroutine holds (its `begin` returned true).
unsafe fn once_finish(g: *mut G, o: *mut Once) {
    // SAFETY: caller's contract.
    unsafe {
        (*o).done.store(1, Ordering::Release);
        mutex_unlock(g, std::ptr::addr_of_mut!((*o).m));
    }
}

/// The second half of `o.Do(f)`, after `f` returned.
///
/// # Safety
/// As for `once_begin`, which returned true.
#[export_name = "sync.(*Once).end"]
pub unsafe extern "C" fn once_end(g: *mut G, o: *mut Once) {
    // SAFETY: caller's contract.
    unsafe {
        (*g).sched_state.onces.pop();
        once_finish(g, o);
    }
}
