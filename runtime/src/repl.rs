//! REPL mode (`morestack repl`, docs/repl.md): the runtime starts once and runs each
//! input of a session as a main goroutine of its own ([`run`]), while goroutines that
//! earlier inputs started keep running. What would end the process for one goroutine
//! ends only that goroutine:
//!
//! * an uncaught panic (its deferred calls have run) prints Go's report;
//! * a stack overflow (beyond the limit [`run`] sets, `:stack`) prints Go's report;
//! * `runtime.Goexit` in an input ends the input;
//! * Ctrl-C ends the running input at its next stack check with `interrupted` and its
//!   traceback.
//!
//! Ending a goroutine where it stands ([`end_goroutine`]) restarts it as a goroutine
//! whose function returns at once: `gostart` then ends it through the ordinary exit
//! path, which also wakes the input's waiter. Its frames, defer and panic records are
//! abandoned (the panic machinery's g0 frames too).
//!
//! Ctrl-C: `SIGINT` is blocked in every thread ([`start`] blocks it before the runtime
//! starts any), so no handler ever runs on a goroutine stack; a watcher thread takes
//! it with `sigwait`, marks the request and poisons the input goroutine's
//! `stackguard0` with [`STACK_INTERRUPT`] until the input ends. `newstack` calls
//! [`check_interrupt`] first. A loop's back-edge poll only reacts to `STACK_PREEMPT`,
//! so the distinct poison is left for the next prologue check, and the request
//! survives a reschedule (which restores the guard: the watcher poisons again).
//!
//! The input goroutine is the one no `go` statement created (`gopc == 0`): inputs run
//! one at a time, and a REPL session has no C callbacks (`import "C"` is not available
//! there), whose goroutines are the only others without a creator.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

use crate::abi::G;
use crate::lock::Lock;
use crate::sched::{G_RUNNING, G_WAITING};
use crate::stack::Gobuf;
use crate::{arch, sys};

/// How an input ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Outcome {
    /// Its function returned.
    Completed,
    /// It called `runtime.Goexit` (its deferred calls ran).
    Goexit,
    /// An uncaught panic (reported).
    Panicked,
    /// A fatal error of the goroutine: a stack overflow (reported).
    Fatal,
    /// Ctrl-C (reported).
    Interrupted,
    /// Blocked for good with every other goroutine: Go's deadlock report was printed
    /// and the input's goroutine stays parked (it can never run again).
    Deadlocked,
}

/// `stackguard0` of the input when Ctrl-C asks it to stop: above every SP without
/// wrapping (like `STACK_PREEMPT`, see crate::stack) and distinct from the other
/// poisons, so that only a prologue check reacts to it.
const STACK_INTERRUPT: usize = 0xFFFF_FFFF_FFFC_0000;

/// How often the watcher poisons the input's guard again while a Ctrl-C is pending.
const REPOISON_US: u32 = 5_000;

static ENABLED: AtomicBool = AtomicBool::new(false);
/// The stack limit for goroutines (0: the `max_stack` knob).
static MAX_STACK: AtomicUsize = AtomicUsize::new(0);
/// Ctrl-C asked the running input to stop; cleared when it does, or by the next [`run`].
static INTERRUPT: AtomicBool = AtomicBool::new(false);
/// How the running input ended (an [`Outcome`]), set before it is woken.
static OUTCOME: AtomicU8 = AtomicU8::new(Outcome::Completed as u8);
/// Keeps the reports of goroutines dying together apart.
static REPORT_LOCK: Lock = Lock::new();

/// Whether the runtime is in REPL mode.
pub(crate) fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The stack limit in force: `knob` unless [`run`] set one.
pub(crate) fn max_stack(knob: usize) -> usize {
    match MAX_STACK.load(Ordering::Relaxed) {
        0 => knob,
        n => n,
    }
}

/// Enters REPL mode. Call once, before anything else of the runtime, on the thread
/// that will call [`run`]: every thread the runtime starts inherits its signal mask.
pub fn start() {
    sys::block_sigint();
    ENABLED.store(true, Ordering::Relaxed);
    let watcher = std::thread::Builder::new().name("morestack interrupts".into()).spawn(watch_interrupts);
    if watcher.is_err() {
        crate::panic::throw("runtime: cannot create the interrupt watcher thread");
    }
}

/// Runs `entry(g)` (a compiled program's entry point) as a new main goroutine with
/// goroutine stacks limited to `max_stack` bytes, and waits until it ends.
pub fn run(entry: unsafe extern "C" fn(*mut G), max_stack: usize) -> Outcome {
    MAX_STACK.store(max_stack, Ordering::Relaxed);
    OUTCOME.store(Outcome::Completed as u8, Ordering::Relaxed);
    INTERRUPT.store(false, Ordering::Relaxed);
    crate::run_main(entry);
    INTERRUPT.store(false, Ordering::Relaxed);
    match OUTCOME.load(Ordering::Acquire) {
        x if x == Outcome::Goexit as u8 => Outcome::Goexit,
        x if x == Outcome::Panicked as u8 => Outcome::Panicked,
        x if x == Outcome::Fatal as u8 => Outcome::Fatal,
        x if x == Outcome::Interrupted as u8 => Outcome::Interrupted,
        x if x == Outcome::Deadlocked as u8 => Outcome::Deadlocked,
        _ => Outcome::Completed,
    }
}

/// The watcher thread: takes each Ctrl-C and keeps poisoning the input goroutine's
/// guard until the input has seen the request or ended. A parked input has no stack
/// check to run: it stops when it runs again, and the user is told so.
fn watch_interrupts() {
    loop {
        sys::wait_sigint();
        INTERRUPT.store(true, Ordering::Release);
        let mut told = false;
        while INTERRUPT.load(Ordering::Acquire) {
            let Some(g) = input_goroutine() else { break };
            // SAFETY: Gs are never freed; an aligned word store that the goroutine's
            // prologue reads (as sysmon's). Should the input end and its G be reused
            // meanwhile, the poison costs that goroutine one needless stack growth.
            unsafe {
                match (*g).sched_state.status.load(Ordering::Acquire) {
                    G_RUNNING => AtomicUsize::from_ptr(std::ptr::addr_of_mut!((*g).stackguard0)).store(STACK_INTERRUPT, Ordering::Release),
                    G_WAITING if !told => {
                        told = true;
                        let note = format!("interrupt: the input is blocked ({}); it stops when it runs again (Ctrl-\\ quits)\n", (*g).sched_state.waitreason);
                        sys::write_all(sys::STDERR, note.as_bytes());
                    }
                    _ => {}
                }
            }
            sys::usleep(REPOISON_US);
        }
    }
}

/// The running input's goroutine, if any (see the module doc).
fn input_goroutine() -> Option<*mut G> {
    // SAFETY (the filter): Gs are never freed.
    crate::sched::other_goroutines(std::ptr::null_mut()).into_iter().find(|&g| unsafe { (*g).sched_state.gopc } == 0)
}

/// Called by `newstack` first: if Ctrl-C asked `g`, the input, to stop, reports
/// `interrupted` with its traceback and ends it.
///
/// # Safety
/// On g0 inside `newstack`, `g` the M's curg suspended in morestack.
pub(crate) unsafe fn check_interrupt(g: *mut G) {
    // SAFETY: caller's contract.
    if !INTERRUPT.load(Ordering::Acquire) || unsafe { (*g).sched_state.gopc } != 0 {
        return;
    }
    if INTERRUPT.swap(false, Ordering::AcqRel) {
        let report = crate::panic::fatal_report(b"interrupted\n".to_vec());
        // SAFETY: caller's contract.
        unsafe { end_goroutine(g, report, Outcome::Interrupted) }
    }
}

/// The code of [`RETURN_AT_ONCE`]: a `func()` that returns (a System V function of no
/// arguments is also a valid tail-convention closure body that ignores `g` and its
/// context).
extern "C" fn return_at_once() {}

/// The closure object `{code}` a goroutine restarts with to end (see the module doc).
static RETURN_AT_ONCE: [extern "C" fn(); 1] = [return_at_once];

/// Writes `report` and ends goroutine `g` where it stands; an input's waiter learns
/// `outcome`.
///
/// The scheduler found every goroutine blocked for good while an input waits (its
/// report printed): the input ends as [`Outcome::Deadlocked`], its goroutine parked
/// for ever, and the session goes on.
pub(crate) fn deadlocked() {
    OUTCOME.store(Outcome::Deadlocked as u8, Ordering::Release);
}

/// # Safety
/// On g0 of `g.m`, `g` its curg and suspended; nothing of `g`'s stack, nor of this g0
/// stack below the switch point that `g`'s oldest panic found, is used any more.
pub(crate) unsafe fn end_goroutine(g: *mut G, report: Vec<u8>, outcome: Outcome) -> ! {
    REPORT_LOCK.lock();
    sys::write_all(sys::STDERR, &report);
    REPORT_LOCK.unlock();
    drop(report);
    // SAFETY: caller's contract. The restart is a new goroutine's start state
    // (crate::sched's `new_goroutine`) on the same stack, all of it free again.
    unsafe {
        if (*g).sched_state.gopc == 0 {
            OUTCOME.store(outcome as u8, Ordering::Release);
        }
        crate::panic::abandon_records(g);
        (*g).sched_state.startfn = RETURN_AT_ONCE.as_ptr() as usize;
        (*g).sched = Gobuf { sp: (*g).stack_hi, bp: 0, pc: arch::gostart_pc() };
        arch::gogo(g)
    }
}
