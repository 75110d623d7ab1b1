//! The runtime's two blocking primitives, both on a futex word (Go's `lock_futex.go`):
//!
//! * [`Lock`]: a mutex for runtime data (channels, semaphores, the scheduler). Unlike
//!   `std::sync::Mutex` it has no guard: the scheduler takes a channel's lock on a
//!   goroutine's stack and releases it on g0 after the goroutine is parked (`gopark`'s
//!   unlock-after-switch), which a guard cannot express.
//! * [`Note`]: a one-shot sleep/wakeup for an M (an OS thread) with nothing to run.
//!
//! Both block the *thread*; goroutines block by parking (`crate::sched::gopark`).
//! Neither allocates or uses more than a few words of stack, so both may run on a
//! goroutine stack's guard area.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::sys;

const UNLOCKED: u32 = 0;
const LOCKED: u32 = 1;
/// Locked, and a thread may be sleeping on the word: unlock must wake one.
const SLEEPING: u32 = 2;

/// A futex mutex. Critical sections are short, so `lock` spins briefly first.
#[derive(Debug, Default)]
pub(crate) struct Lock(AtomicU32);

impl Lock {
    pub(crate) const fn new() -> Lock {
        Lock(AtomicU32::new(UNLOCKED))
    }

    pub(crate) fn lock(&self) {
        if self.0.compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok() {
            return;
        }
        self.lock_slow();
    }

    #[cold]
    #[inline(never)]
    fn lock_slow(&self) {
        for _ in 0..100 {
            std::hint::spin_loop();
            if self.0.load(Ordering::Relaxed) == UNLOCKED
                && self.0.compare_exchange(UNLOCKED, LOCKED, Ordering::Acquire, Ordering::Relaxed).is_ok()
            {
                return;
            }
        }
        // Announce a sleeper; whoever unlocks next wakes us. We may take the lock in
        // the SLEEPING state, which only costs one spurious wake.
        while self.0.swap(SLEEPING, Ordering::Acquire) != UNLOCKED {
            sys::futex_wait(&self.0, SLEEPING, None);
        }
    }

    pub(crate) fn unlock(&self) {
        if self.0.swap(UNLOCKED, Ordering::Release) == SLEEPING {
            sys::futex_wake(&self.0, 1);
        }
    }
}

/// A sleep/wakeup event for one thread (Go's `note`): `sleep` returns once `wakeup`
/// has been called (before or after), then `clear` rearms it.
#[derive(Debug, Default)]
pub(crate) struct Note(AtomicU32);

impl Note {
    pub(crate) const fn new() -> Note {
        Note(AtomicU32::new(0))
    }

    pub(crate) fn sleep(&self) {
        while self.0.load(Ordering::Acquire) == 0 {
            sys::futex_wait(&self.0, 0, None);
        }
    }

    pub(crate) fn wakeup(&self) {
        self.0.store(1, Ordering::Release);
        sys::futex_wake(&self.0, 1);
    }

    pub(crate) fn clear(&self) {
        self.0.store(0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn lock_excludes_and_note_wakes() {
        struct Shared {
            lock: Lock,
            count: std::cell::UnsafeCell<u64>,
            done: Note,
        }
        // SAFETY: `count` is only touched with `lock` held.
        unsafe impl Sync for Shared {}
        let s = Arc::new(Shared { lock: Lock::new(), count: 0.into(), done: Note::new() });
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let s = s.clone();
                std::thread::spawn(move || {
                    for _ in 0..100_000 {
                        s.lock.lock();
                        // SAFETY: the lock is held.
                        unsafe { *s.count.get() += 1 };
                        s.lock.unlock();
                    }
                })
            })
            .collect();
        let waker = {
            let s = s.clone();
            std::thread::spawn(move || s.done.wakeup())
        };
        s.done.sleep();
        for t in threads {
            t.join().unwrap();
        }
        waker.join().unwrap();
        // SAFETY: every writer has been joined.
        assert_eq!(unsafe { *s.count.get() }, 400_000);
    }
}
