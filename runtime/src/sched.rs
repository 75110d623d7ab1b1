//! The M:N scheduler (Go's `runtime/proc.go`, in miniature): goroutines (G) run on OS
//! threads (M), each of which must hold a processor (P) to run Go code; there are
//! `GOMAXPROCS` Ps.
//!
//! ```text
//!   global run queue (SCHED.runq, under SCHED.lock)
//!        ▲  ▼ (every 61st schedule, when local queues are empty, preempted Gs)
//!   P0 [runnext][local runq]   P1 [runnext][local runq]  ...   idle Ps: SCHED.pidle
//!      │                          ▲ steal half
//!      M0 ── g0 stack: schedule() ─┘                            idle Ms: SCHED.midle,
//!       └─ curg: the G it runs                                  asleep on their note
//! ```
//!
//! * **Switching.** A running goroutine leaves its stack only through `arch::mcall`
//!   (park, yield, exit), the `morestack` preemption path, or `systemstack` (which
//!   returns to it on the same M). `mcall` saves the callee-saved registers on the
//!   goroutine stack and SP/BP/PC in `g.sched`; `arch::gogo` resumes from there on
//!   any M. So a parked goroutine is its stack plus `g.sched`: the stack copier adjusts
//!   `g.sched` like every other record (crate::stack).
//! * **Invariant: Rust code that parks keeps no goroutine-stack address across the
//!   park** (it may resume on another M after its stack was moved by a shrink). Wait
//!   records (`chan::Sudog`) live on the heap, and compiled code never passes the
//!   runtime a pointer into its stack (docs/abi.md "The aggregate stack"), so nothing
//!   the runtime holds while a goroutine sleeps points into that goroutine's stack.
//! * **Status.** `GSched::status` follows Go's `atomicstatus`: RUNNABLE → RUNNING
//!   (execute) → WAITING (park) / RUNNABLE (yield, preempt) / DEAD (exit). A waker
//!   moves WAITING → RUNNABLE with a CAS; a stack shrink of a goroutine that is not
//!   running claims it by moving WAITING/RUNNABLE → COPYSTACK, and everyone else spins
//!   until it is back.
//! * **Parking is race-free** because the waker can only find a goroutine through a
//!   wait queue protected by a lock that the parking goroutine holds until `park_m` has
//!   marked it WAITING on g0 (Go's `gopark` unlock function).
//! * **Locked goroutines.** While a deferred call runs during a panic, live Rust frames
//!   of the panic machinery sit on the M's g0 stack, so the goroutine must come back to
//!   that M: it is *locked* (`GSched::lockedm`). When it parks, the M hands its P off
//!   and sleeps; whoever schedules the goroutine hands a P to that M instead of running
//!   it (Go's `lockOSThread`/`startlockedm`). Locked goroutines are never preempted.
//! * **Idle Ms sleep** on their note (a futex), never spin. Like Go, at most one M
//!   "spins" looking for work to steal when new work appears (`wakep`); an M that
//!   finds nothing releases its P and sleeps.
//! * **Deadlock.** When the last running M goes idle while the main goroutine has not
//!   returned, nothing can ever wake anyone: `checkdead` prints Go's
//!   `fatal error: all goroutines are asleep - deadlock!` with every goroutine's
//!   traceback and exits 2.
//! * **Preemption** (seed 001's `StackPreempt`): the monitor thread (`sysmon`) poisons
//!   `stackguard0` of a goroutine that has run for 10 ms or more without a switch; its
//!   next prologue check fails, and `newstack` yields instead of growing the stack.
//!   Loops without calls have no prologue and are not preempted (docs/stacks.md).

use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

use crate::abi::G;
use crate::arch;
use crate::lock::{Lock, Note};
use crate::print::{append_hex, append_int};
use crate::stack::{self, current_m, Knobs, StackMode, M};
use crate::sys;

// Goroutine statuses (Go's `_Grunnable`...).
pub(crate) const G_RUNNABLE: u32 = 1;
pub(crate) const G_RUNNING: u32 = 2;
pub(crate) const G_WAITING: u32 = 4;
pub(crate) const G_DEAD: u32 = 6;
pub(crate) const G_COPYSTACK: u32 = 8;

/// The most Ps `GOMAXPROCS` may ask for.
const MAX_PROCS: usize = 256;

/// A P's local run queue holds at most this many goroutines (Go's `len(p.runq)`);
/// beyond it, half of them move to the global queue. The bound keeps a goroutine
/// that is pushed to the tail (a `runnext` displaced by a newer one) close to the
/// head: a program that starts 100,000 goroutines would otherwise queue the
/// goroutine they all wait for behind all of them.
const LOCAL_RUNQ_MAX: usize = 256;

/// How long a goroutine may run before `sysmon` asks it to yield (Go's
/// `forcePreemptNS`), and the longest `sysmon` sleeps.
const PREEMPT_AFTER_US: u32 = 10_000;

/// A goroutine's scheduling state (part of `G`).
#[derive(Debug)]
pub struct GSched {
    pub(crate) status: AtomicU32,
    /// The `func()` closure a new goroutine calls (read by `arch`'s gostart).
    pub(crate) startfn: usize,
    /// Return address of the `runtime.newproc` call that created it ("created by").
    pub(crate) gopc: usize,
    /// Goroutine id of its creator.
    pub(crate) parent_goid: i64,
    /// Non-null while the goroutine must run on this M only (see the module doc).
    pub(crate) lockedm: *mut M,
    /// Why it is parked (`chan receive`, ...), for tracebacks.
    pub(crate) waitreason: &'static str,
    /// Run on g0 once the goroutine is marked WAITING (releases the wait queue's
    /// lock); with its argument.
    park_commit: Option<unsafe fn(usize)>,
    park_arg: usize,
    /// Set by the waker: which wait record fired (`chan`).
    pub(crate) param: usize,
    /// The wait records of a blocked `select`, and the flag that lets exactly one of
    /// its cases fire.
    pub(crate) waiting: *mut crate::chan::Sudog,
    pub(crate) select_done: AtomicU32,
    /// `sysmon` asked it to yield at its next prologue check.
    pub(crate) preempt: AtomicBool,
    /// The main goroutine: tells `run_main`'s caller when it returns.
    main_done: *const Note,
    /// `o.Do(f)` calls whose `f` is running (`pkg::sync`): the once and the distance of
    /// the calling frame from the stack top (unchanged by stack moves).
    pub(crate) onces: Vec<(usize, usize)>,
}

impl Default for GSched {
    fn default() -> Self {
        GSched {
            status: AtomicU32::new(G_DEAD),
            startfn: 0,
            gopc: 0,
            parent_goid: 0,
            lockedm: std::ptr::null_mut(),
            waitreason: "",
            park_commit: None,
            park_arg: 0,
            param: 0,
            waiting: std::ptr::null_mut(),
            select_done: AtomicU32::new(0),
            preempt: AtomicBool::new(false),
            main_done: std::ptr::null(),
            onces: Vec::new(),
        }
    }
}

/// An M's scheduling state (part of `M`).
#[derive(Debug)]
pub struct MSched {
    /// The P held (null while idle or in the middle of handing it off).
    pub(crate) p: *mut P,
    /// The P left in `P_SYSCALL` while this M runs C code (see [`entersyscall`]).
    oldp: *mut P,
    /// The P handed over by whoever woke this M.
    nextp: *mut P,
    /// Looking for work to steal (counted in `SCHED.nmspinning`).
    spinning: bool,
    /// Where the M sleeps while idle.
    park: Note,
}

impl Default for MSched {
    fn default() -> Self {
        MSched {
            p: std::ptr::null_mut(),
            oldp: std::ptr::null_mut(),
            nextp: std::ptr::null_mut(),
            spinning: false,
            park: Note::new(),
        }
    }
}

/// A processor: the right to run Go code, with a local run queue.
pub(crate) struct P {
    id: usize,
    /// Guards `runq` (the owner and thieves take it).
    lock: Lock,
    runq: UnsafeCell<VecDeque<*mut G>>,
    /// The goroutine to run next (a goroutine just readied by the running one: the
    /// other end of a channel hand-off runs at once, as in Go).
    runnext: AtomicPtr<G>,
    /// Incremented by every `execute` (sysmon's measure of progress).
    schedtick: AtomicU64,
    /// The goroutine running on it (for sysmon), or null.
    curg: AtomicPtr<G>,
    /// Retired by a `GOMAXPROCS` decrease: in no list until it is raised again.
    retired: AtomicBool,
    /// `P_SYSCALL` while its M runs C code: `sysmon` may then take it away
    /// (claiming it with a CAS to `P_RUNNING`, which the returning M also tries).
    status: AtomicU32,
    /// Incremented by every [`entersyscall`] (sysmon's measure of a long C call).
    syscalltick: AtomicU64,
}

/// `P::status`: owned by an M running Go code, or idle.
const P_RUNNING: u32 = 0;
/// `P::status`: its M is in a C call (Go's `_Psyscall`).
const P_SYSCALL: u32 = 1;

/// The scheduler's shared state (under `Sched::lock`).
struct SchedData {
    /// The global run queue.
    runq: VecDeque<*mut G>,
    pidle: Vec<*mut P>,
    midle: Vec<*mut M>,
    /// Ms created; of them idle (in `midle`), and asleep for a locked goroutine.
    /// `nmidlelocked` is signed: the M that readies a locked goroutine may subtract
    /// before the locked M has added (see `stoplockedm`); a transient -1 only makes
    /// `checkdead` more conservative.
    mcount: usize,
    nmidle: usize,
    nmidlelocked: isize,
    /// Every goroutine ever created (dead ones are reused from `gfree`).
    allgs: Vec<*mut G>,
    gfree: Vec<*mut G>,
    /// Main goroutines whose `run_main` still waits (not returned; one that called
    /// `Goexit` counts until the program dies): while non-zero, a program is
    /// running and `checkdead` may declare a deadlock.
    main_live: usize,
    next_goid: i64,
    mode: StackMode,
    knobs: Knobs,
    /// Goroutines in `time.Sleep` not yet back on a run queue (`pkg::time`).
    sleepers: usize,
}

struct Sched {
    lock: Lock,
    data: UnsafeCell<SchedData>,
    allp: [AtomicPtr<P>; MAX_PROCS],
    gomaxprocs: AtomicUsize,
    npidle: AtomicUsize,
    nmspinning: AtomicUsize,
    /// Length of the global run queue (read without the lock as a hint).
    runqsize: AtomicUsize,
    /// Goroutines that are not dead (`runtime.NumGoroutine`).
    ngoroutines: AtomicI64,
    initialised: AtomicBool,
    /// Set by the first `go` statement (checked without the lock on every one).
    sysmon_started: AtomicBool,
    /// Threads C created may call into Go ([`expect_c_callers`]).
    c_callers: AtomicBool,
}

// SAFETY: `data` is only accessed with `lock` held (`with_sched`); everything else is
// atomic.
unsafe impl Sync for Sched {}

#[allow(clippy::declare_interior_mutable_const)]
const NO_P: AtomicPtr<P> = AtomicPtr::new(std::ptr::null_mut());

static SCHED: Sched = Sched {
    lock: Lock::new(),
    data: UnsafeCell::new(SchedData {
        runq: VecDeque::new(),
        pidle: Vec::new(),
        midle: Vec::new(),
        mcount: 0,
        nmidle: 0,
        nmidlelocked: 0,
        allgs: Vec::new(),
        gfree: Vec::new(),
        main_live: 0,
        next_goid: 1,
        mode: StackMode::Growable,
        knobs: Knobs {
            log: false,
            stackmove: false,
            verify: false,
            max_stack: stack::MAX_STACK_SIZE,
            max_system_stack: crate::cgo::MAX_SYSTEM_STACK,
        },
        sleepers: 0,
    }),
    allp: [NO_P; MAX_PROCS],
    gomaxprocs: AtomicUsize::new(0),
    npidle: AtomicUsize::new(0),
    nmspinning: AtomicUsize::new(0),
    runqsize: AtomicUsize::new(0),
    ngoroutines: AtomicI64::new(0),
    initialised: AtomicBool::new(false),
    sysmon_started: AtomicBool::new(false),
    c_callers: AtomicBool::new(false),
};

/// Runs `f` with the scheduler lock held.
fn with_sched<R>(f: impl FnOnce(&mut SchedData) -> R) -> R {
    SCHED.lock.lock();
    // SAFETY: the lock is held, so this is the only reference to the data.
    let r = f(unsafe { &mut *SCHED.data.get() });
    SCHED.lock.unlock();
    r
}

// ---------------------------------------------------------------------------------
// Starting the program
// ---------------------------------------------------------------------------------

/// `GOMAXPROCS` from the environment, else the number of CPUs.
fn initial_procs() -> usize {
    std::env::var("GOMAXPROCS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(MAX_PROCS)
}

/// Sets up the Ps once per process (the first caller's stack mode and knobs apply).
fn init(mode: StackMode, knobs: Knobs) {
    with_sched(|s| {
        if SCHED.initialised.load(Ordering::Relaxed) {
            return;
        }
        s.mode = mode;
        s.knobs = knobs;
        let n = initial_procs();
        SCHED.gomaxprocs.store(n, Ordering::Relaxed);
        for i in 0..n {
            s.pidle.push(new_p(i));
        }
        SCHED.npidle.store(n, Ordering::Relaxed);
        SCHED.initialised.store(true, Ordering::Release);
    });
}

fn new_p(id: usize) -> *mut P {
    let p = Box::into_raw(Box::new(P {
        id,
        lock: Lock::new(),
        runq: UnsafeCell::new(VecDeque::new()),
        runnext: AtomicPtr::new(std::ptr::null_mut()),
        schedtick: AtomicU64::new(0),
        curg: AtomicPtr::new(std::ptr::null_mut()),
        retired: AtomicBool::new(false),
        status: AtomicU32::new(P_RUNNING),
        syscalltick: AtomicU64::new(0),
    }));
    SCHED.allp[id].store(p, Ordering::Release);
    p
}

/// Runs `entry(g)` as a main goroutine on the scheduler and waits until it returns
/// (panics, fatal errors and `os.Exit` end the process themselves). Returns 0.
pub fn run_main(entry: unsafe extern "C" fn(*mut G), mode: StackMode, knobs: Knobs) -> i32 {
    init(mode, knobs);
    // The closure object of `entry`: a System V function of g alone is also a valid
    // tail-convention closure body (it ignores the closure argument).
    let fnv = Box::leak(Box::new(entry as usize)) as *mut usize as usize;
    let done = Note::new();
    let g = new_goroutine(fnv, 0, 0);
    // SAFETY: `g` is fresh and not yet visible to any M.
    unsafe { (*g).sched_state.main_done = &done };
    with_sched(|s| {
        s.main_live += 1;
        globrunqput(s, g);
    });
    startm(std::ptr::null_mut(), false);
    done.sleep();
    0
}

// ---------------------------------------------------------------------------------
// Creating and ending goroutines
// ---------------------------------------------------------------------------------

/// A runnable goroutine that will call closure `fnv`: a dead G from the free list or
/// a new one, whose stack is allocated when it first runs ([`execute`]). A program
/// that starts goroutines faster than they run thus queues G headers, not stacks.
fn new_goroutine(fnv: usize, gopc: usize, parent: i64) -> *mut G {
    let g = with_sched(|s| {
        let goid = s.next_goid;
        s.next_goid += 1;
        let g = s.gfree.pop().unwrap_or_else(|| {
            let g = Box::into_raw(Box::new(G::new(0)));
            s.allgs.push(g);
            g
        });
        // SAFETY: a dead or new G belongs to nobody else.
        unsafe { (*g).goid = goid };
        g
    });
    // SAFETY: as above; the G is not yet in any queue.
    unsafe {
        let gr = &mut *g;
        // sp = the stack top (set by execute if there is no stack yet).
        gr.sched = stack::Gobuf {
            sp: gr.stack_hi,
            bp: 0,
            pc: arch::gostart_pc(),
        };
        let st = &mut gr.sched_state;
        st.startfn = fnv;
        st.gopc = gopc;
        st.parent_goid = parent;
        st.status.store(G_RUNNABLE, Ordering::Release);
    }
    SCHED.ngoroutines.fetch_add(1, Ordering::Relaxed);
    g
}

/// `go f(...)`: compiled code passes the `func()` closure that makes the call
/// (docs/abi.md "Goroutines"); nil is Go's fatal `go of nil func value`.
///
/// # Safety
/// `g` is the calling goroutine; `fnv` null or a closure object (heap or static) that
/// is never freed.
#[export_name = "runtime.newproc"]
pub unsafe extern "C" fn newproc(g: *mut G, fnv: usize) {
    if fnv == 0 {
        crate::panic::throw("go of nil func value");
    }
    // SAFETY: this function has a frame record (frame pointers are forced): [fp + 8]
    // is the return address into the `go` statement's code.
    let pc = unsafe { ((arch::frame_pointer() + 8) as *const usize).read() };
    // SAFETY: caller's contract.
    let parent = unsafe { (*g).goid };
    stack::systemstack(move || {
        let newg = new_goroutine(fnv, pc, parent);
        let m = current_m();
        // SAFETY: on g0 of this thread's live M, which holds a P while its goroutine
        // runs.
        unsafe { runqput((*m).sched.p, newg, true) };
        start_sysmon();
        wakep();
    })
}

/// Called by `arch`'s gostart when a goroutine's function returns: ends it.
///
/// # Safety
/// On the goroutine's stack, `g` the running goroutine.
pub(crate) unsafe extern "C" fn goexit1(g: *mut G) -> ! {
    // SAFETY: caller's contract; goexit0 never returns to this stack.
    unsafe { arch::mcall(g, goexit0) };
    unreachable!("a dead goroutine was resumed")
}

unsafe extern "C" fn goexit0(g: *mut G) -> ! {
    // SAFETY: on g0; `g` has finished (nothing runs on its stack). Once it is on the
    // free list another M may reuse it: read what we need first.
    unsafe {
        let (m, main_done) = ((*g).m, (*g).sched_state.main_done);
        end_goroutine(g);
        if !main_done.is_null() {
            // main.main returned: the program is over (the caller of run_main exits).
            with_sched(|s| s.main_live -= 1);
            (*main_done).wakeup();
        }
        schedule(m)
    }
}

/// Marks `g` dead and returns it to the free list, its stack to the stack pool.
///
/// # Safety
/// On g0 of `g.m`, which was running `g`; nothing uses `g`'s stack any more.
pub(crate) unsafe fn end_goroutine(g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        let m = (*g).m;
        drop_curg(m);
        let gr = &mut *g;
        gr.sched_state.status.store(G_DEAD, Ordering::Release);
        gr.sched_state.main_done = std::ptr::null();
        gr.sched_state.lockedm = std::ptr::null_mut();
        gr.sched_state.preempt.store(false, Ordering::Relaxed);
        gr.defer = std::ptr::null_mut();
        gr.panic = std::ptr::null_mut();
        gr.sigpc = 0;
        gr.sched = stack::Gobuf::default();
        stack::release_goroutine_memory(gr);
        SCHED.ngoroutines.fetch_sub(1, Ordering::Relaxed);
        with_sched(|s| s.gfree.push(g));
    }
}

/// Clears `m.curg` (and its P's) once its goroutine has left it.
///
/// # Safety
/// `m` is this thread's M, on g0.
unsafe fn drop_curg(m: *mut M) {
    // SAFETY: caller's contract.
    unsafe {
        (*m).curg = std::ptr::null_mut();
        if let Some(p) = (*m).sched.p.as_ref() {
            p.curg.store(std::ptr::null_mut(), Ordering::Relaxed);
        }
    }
}

// ---------------------------------------------------------------------------------
// Parking and waking
// ---------------------------------------------------------------------------------

/// Parks the running goroutine `g` (Go's `gopark`): it stops running until someone
/// calls [`goready`] on it. `commit(arg)` runs on g0 once `g` is marked WAITING; it
/// must release the lock under which `g` made itself findable (its wait queue).
///
/// # Safety
/// `g` is the running goroutine; the caller holds no goroutine-stack address across
/// the call (see the module doc) and `commit(arg)` is sound to run on any thread.
pub(crate) unsafe fn gopark(g: *mut G, reason: &'static str, commit: unsafe fn(usize), arg: usize) {
    // SAFETY: caller's contract.
    unsafe {
        let st = &mut (*g).sched_state;
        st.waitreason = reason;
        st.park_commit = Some(commit);
        st.park_arg = arg;
        arch::mcall(g, park_m);
    }
}

/// [`gopark`] for a goroutine that can never be woken (`select {}`, nil channels).
///
/// # Safety
/// As for `gopark`.
pub(crate) unsafe fn park_forever(g: *mut G, reason: &'static str) -> ! {
    unsafe fn nothing(_: usize) {}
    // SAFETY: forwarded.
    unsafe { gopark(g, reason, nothing, 0) };
    unreachable!("a goroutine parked forever was woken")
}

unsafe extern "C" fn park_m(g: *mut G) -> ! {
    // SAFETY: on g0 of `g.m`, `g` has just left its stack. Once the commit has run, a
    // waker may make it run on another M: nothing of it is read after that.
    unsafe {
        let m = (*g).m;
        let st = &mut (*g).sched_state;
        let locked = !st.lockedm.is_null();
        let (commit, arg) = (st.park_commit.take(), st.park_arg);
        st.status.store(G_WAITING, Ordering::Release);
        drop_curg(m);
        if let Some(commit) = commit {
            commit(arg);
        }
        if locked {
            stoplockedm(m);
            execute(m, g, false);
        }
        schedule(m)
    }
}

/// Makes parked goroutine `gp` runnable (Go's `goready`): it runs next on this P.
///
/// # Safety
/// `gp` is parked (WAITING) and was just taken off its wait queue by the caller; called
/// by a running goroutine (its M holds a P).
pub(crate) unsafe fn goready(gp: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        cas_status(gp, G_WAITING, G_RUNNABLE);
        runqput((*current_m()).sched.p, gp, true);
    }
    wakep();
}

/// A goroutine is about to sleep (`time.Sleep`): no deadlock while it does.
pub(crate) fn sleeper_added() {
    with_sched(|s| s.sleepers += 1);
}

/// The timer thread (which has no M) wakes a sleeping goroutine: it goes on the global
/// run queue, in the same critical section that stops counting it as a sleeper.
///
/// # Safety
/// `gp` is parked in `time.Sleep` and in no queue.
pub(crate) unsafe fn ready_sleeper(gp: *mut G) {
    // SAFETY: caller's contract.
    unsafe { cas_status(gp, G_WAITING, G_RUNNABLE) };
    with_sched(|s| {
        s.sleepers -= 1;
        globrunqput(s, gp);
    });
    // A spinning M that misses it re-checks the global queue before sleeping.
    wakep();
}

/// Moves `gp`'s status from `from` to `to`, waiting while a stack shrink owns it.
///
/// # Safety
/// `gp` is a live G.
unsafe fn cas_status(gp: *mut G, from: u32, to: u32) {
    // SAFETY: caller's contract.
    let status = unsafe { &(*gp).sched_state.status };
    loop {
        match status.compare_exchange(from, to, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => return,
            Err(G_COPYSTACK) => std::hint::spin_loop(),
            Err(_) => crate::panic::throw("runtime: bad goroutine status"),
        }
    }
}

/// `runtime.Gosched`: puts the calling goroutine on the global run queue and runs
/// another one. A no-op for a locked goroutine (see the module doc).
///
/// # Safety
/// `g` is the running goroutine.
#[export_name = "runtime.Gosched"]
pub unsafe extern "C" fn gosched(g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        if (*g).sched_state.lockedm.is_null() {
            arch::mcall(g, gosched_m);
        }
    }
}

unsafe extern "C" fn gosched_m(g: *mut G) -> ! {
    // SAFETY: on g0 of `g.m`; `g` has just left its stack.
    unsafe {
        let m = (*g).m;
        cas_status(g, G_RUNNING, G_RUNNABLE);
        drop_curg(m);
        with_sched(|s| globrunqput(s, g));
        schedule(m)
    }
}

/// Called by `newstack` (on g0) when `g`'s prologue check failed because sysmon asked
/// it to yield: it resumes at morestack's register restore, whose `ret` re-runs the
/// check. Returns without yielding when `g` cannot be rescheduled elsewhere.
///
/// # Safety
/// On g0 inside `newstack`; `g.morebuf` holds its entry state.
pub(crate) unsafe fn preempt_in_newstack(g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        let m = (*g).m;
        if !(*g).sched_state.lockedm.is_null() || (*m).sched.p.is_null() {
            return;
        }
        (*g).sched = stack::Gobuf {
            sp: (*g).morebuf.sp,
            bp: (*g).morebuf.bp,
            pc: arch::preempt_resume_pc(),
        };
        cas_status(g, G_RUNNING, G_RUNNABLE);
        drop_curg(m);
        with_sched(|s| globrunqput(s, g));
        schedule(m)
    }
}

// ---------------------------------------------------------------------------------
// Run queues
// ---------------------------------------------------------------------------------

fn globrunqput(s: &mut SchedData, g: *mut G) {
    s.runq.push_back(g);
    SCHED.runqsize.store(s.runq.len(), Ordering::Relaxed);
}

fn globrunqget(s: &mut SchedData) -> Option<*mut G> {
    let g = s.runq.pop_front();
    SCHED.runqsize.store(s.runq.len(), Ordering::Relaxed);
    g
}

/// Queues `g` on P `p` (as `runnext` when `next`: the previous `runnext` moves to the
/// local queue's tail).
///
/// # Safety
/// `p` is a live P, held by the caller's M.
unsafe fn runqput(p: *mut P, g: *mut G, next: bool) {
    // SAFETY: caller's contract.
    let p = unsafe { &*p };
    let g = if next {
        let old = p.runnext.swap(g, Ordering::AcqRel);
        if old.is_null() {
            return;
        }
        old
    } else {
        g
    };
    p.lock.lock();
    // SAFETY: the P's lock is held.
    let q = unsafe { &mut *p.runq.get() };
    if q.len() < LOCAL_RUNQ_MAX {
        q.push_back(g);
        p.lock.unlock();
        return;
    }
    // Full: the older half and `g` go to the global queue (Go's `runqputslow`).
    let mut batch: Vec<*mut G> = q.drain(..LOCAL_RUNQ_MAX / 2).collect();
    p.lock.unlock();
    batch.push(g);
    with_sched(|s| {
        for g in batch {
            globrunqput(s, g);
        }
    });
}

/// The next goroutine of P `p`'s own queues, and whether it came from `runnext`: such
/// a goroutine inherits the current time slice (Go's `inheritTime`), so that two
/// goroutines handing off to each other through `runnext` still let sysmon see a P
/// that has not rescheduled for 10 ms, and get preempted, instead of starving the rest
/// of the local queue.
fn runqget(p: &P) -> Option<(*mut G, bool)> {
    let next = p.runnext.swap(std::ptr::null_mut(), Ordering::AcqRel);
    if !next.is_null() {
        return Some((next, true));
    }
    p.lock.lock();
    // SAFETY: the P's lock is held.
    let g = unsafe { (*p.runq.get()).pop_front() };
    p.lock.unlock();
    g.map(|g| (g, false))
}

/// Whether P `p` has queued goroutines (a racy hint).
fn runq_nonempty(p: &P) -> bool {
    if !p.runnext.load(Ordering::Acquire).is_null() {
        return true;
    }
    p.lock.lock();
    // SAFETY: the P's lock is held.
    let n = unsafe { (*p.runq.get()).len() };
    p.lock.unlock();
    n > 0
}

/// Steals half of `victim`'s local queue (or its `runnext`) into `p`'s; returns one
/// goroutine to run.
fn runqsteal(p: &P, victim: &P) -> Option<*mut G> {
    victim.lock.lock();
    // SAFETY: the victim's lock is held.
    let vq = unsafe { &mut *victim.runq.get() };
    let n = vq.len().div_ceil(2);
    let stolen: Vec<*mut G> = vq.drain(..n).collect();
    victim.lock.unlock();
    let mut it = stolen.into_iter();
    let Some(first) = it.next() else {
        let next = victim.runnext.swap(std::ptr::null_mut(), Ordering::AcqRel);
        return (!next.is_null()).then_some(next);
    };
    p.lock.lock();
    // SAFETY: the thief's lock is held.
    unsafe { (*p.runq.get()).extend(it) };
    p.lock.unlock();
    Some(first)
}

fn nprocs() -> usize {
    SCHED.gomaxprocs.load(Ordering::Relaxed)
}

fn allp(i: usize) -> Option<&'static P> {
    // SAFETY: Ps are never freed.
    unsafe { SCHED.allp[i].load(Ordering::Acquire).as_ref() }
}

/// Whether any run queue (global or any P's) has a goroutine: a racy hint.
fn any_work() -> bool {
    SCHED.runqsize.load(Ordering::Relaxed) > 0 || (0..nprocs()).filter_map(allp).any(runq_nonempty)
}

// ---------------------------------------------------------------------------------
// Ps and Ms
// ---------------------------------------------------------------------------------

/// Takes an idle P (skipping ones a `GOMAXPROCS` decrease retired).
fn pidleget(s: &mut SchedData) -> *mut P {
    while let Some(p) = s.pidle.pop() {
        SCHED.npidle.fetch_sub(1, Ordering::Relaxed);
        // SAFETY: Ps are never freed.
        let pr = unsafe { &*p };
        if pr.id < nprocs() {
            return p;
        }
        pr.retired.store(true, Ordering::Relaxed);
    }
    std::ptr::null_mut()
}

fn pidleput(s: &mut SchedData, p: *mut P) {
    // SAFETY: Ps are never freed.
    let pr = unsafe { &*p };
    if pr.id >= nprocs() {
        retire(s, pr);
        return;
    }
    s.pidle.push(p);
    SCHED.npidle.fetch_add(1, Ordering::Relaxed);
}

/// Takes a P out of service (its id is beyond `GOMAXPROCS`): its queue moves to the
/// global one.
fn retire(s: &mut SchedData, p: &P) {
    while let Some((g, _)) = runqget(p) {
        globrunqput(s, g);
    }
    p.retired.store(true, Ordering::Relaxed);
}

/// Detaches `m`'s P.
///
/// # Safety
/// `m` is this thread's M.
unsafe fn releasep(m: *mut M) -> *mut P {
    // SAFETY: caller's contract.
    unsafe { std::mem::replace(&mut (*m).sched.p, std::ptr::null_mut()) }
}

/// Wakes an idle M (or starts one) to run P `p` (an idle P when null). `spinning`:
/// it should look for work to steal (the caller counted it in `nmspinning`).
fn startm(p: *mut P, spinning: bool) {
    let claimed = with_sched(|s| {
        let p = if p.is_null() { pidleget(s) } else { p };
        if p.is_null() {
            return None;
        }
        let m = s.midle.pop();
        if m.is_some() {
            s.nmidle -= 1;
        } else {
            s.mcount += 1;
        }
        Some((p, m))
    });
    let Some((p, m)) = claimed else {
        if spinning {
            SCHED.nmspinning.fetch_sub(1, Ordering::Relaxed);
        }
        return;
    };
    match m {
        // SAFETY: an idle M sleeps on its note and reads nextp when woken.
        Some(m) => unsafe {
            (*m).sched.nextp = p;
            (*m).sched.spinning = spinning;
            (*m).sched.park.wakeup();
        },
        // Spawning a thread needs far more stack than a goroutine's guard area.
        None => stack::systemstack(move || newm(p, spinning)),
    }
}

/// Raw pointers moved into a new M's thread.
struct Handoff(*mut P, bool);
// SAFETY: the P is handed to the new thread, which alone uses it from then on.
unsafe impl Send for Handoff {}

/// Starts a new M (an OS thread with a [`stack::SYSTEM_STACK_SIZE`] stack as its g0)
/// that runs P `p`. (Counted in `mcount` by the caller.)
fn newm(p: *mut P, spinning: bool) {
    let h = Handoff(p, spinning);
    let knobs = with_sched(|s| (s.knobs, s.mode == StackMode::Fixed));
    let t = std::thread::Builder::new()
        .name("morestack M".into())
        .stack_size(stack::SYSTEM_STACK_SIZE)
        .spawn(move || {
            let h = h;
            let m = M::for_this_thread(knobs.0, knobs.1);
            M::install(m);
            crate::cgo::init_m();
            // SAFETY: `m` is this thread's fresh M; `m_run` puts g0's switch point
            // below this frame and runs the scheduler there, never returning.
            unsafe {
                (*m).sched.nextp = h.0;
                (*m).sched.spinning = h.1;
                arch::m_run((*m).g0, mstart, m as usize)
            }
        });
    if t.is_err() {
        crate::panic::throw("runtime: cannot create a new OS thread");
    }
}

extern "C" fn mstart(m: usize) -> ! {
    let m = m as *mut M;
    // SAFETY: `m` is this thread's M, handed its first P by `newm`.
    unsafe {
        (*m).sched.p = std::mem::replace(&mut (*m).sched.nextp, std::ptr::null_mut());
        schedule(m)
    }
}

/// Puts `m` to sleep until [`startm`] hands it a P (Go's `stopm`); returns with it.
///
/// # Safety
/// `m` is this thread's M, on g0, holding no P.
unsafe fn stopm(m: *mut M) {
    // SAFETY: caller's contract.
    unsafe {
        // A sleeping M is not looking for work.
        if std::mem::replace(&mut (*m).sched.spinning, false) {
            SCHED.nmspinning.fetch_sub(1, Ordering::AcqRel);
        }
    }
    with_sched(|s| {
        s.midle.push(m);
        s.nmidle += 1;
        checkdead(s);
    });
    // SAFETY: caller's contract; startm wrote nextp before the wakeup.
    unsafe {
        (*m).sched.park.sleep();
        (*m).sched.park.clear();
        (*m).sched.p = std::mem::replace(&mut (*m).sched.nextp, std::ptr::null_mut());
    }
}

/// Wakes an M to look for work if there is an idle P and nobody is looking already.
pub(crate) fn wakep() {
    if SCHED.npidle.load(Ordering::Relaxed) == 0 {
        return;
    }
    if SCHED.nmspinning.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Relaxed).is_err() {
        return;
    }
    startm(std::ptr::null_mut(), true);
}

/// Gives away P `p` of an M that blocks for a locked goroutine: to a new M if there
/// is work, else to the idle list.
fn handoffp(p: *mut P) {
    if any_work() {
        startm(p, false);
        return;
    }
    with_sched(|s| pidleput(s, p));
}

/// A locked goroutine parked: its M sleeps without a P until the goroutine is
/// scheduled (by [`startlockedm`]); returns with a P.
///
/// # Safety
/// `m` is this thread's M, on g0.
unsafe fn stoplockedm(m: *mut M) {
    // SAFETY: caller's contract.
    unsafe {
        handoffp(releasep(m));
        with_sched(|s| {
            s.nmidlelocked += 1;
            checkdead(s);
        });
        // (startlockedm stopped counting us as idle when it handed us a P.)
        (*m).sched.park.sleep();
        (*m).sched.park.clear();
        (*m).sched.p = std::mem::replace(&mut (*m).sched.nextp, std::ptr::null_mut());
    }
}

/// `g` (runnable, taken off a queue by `m`) is locked to another M: hands `m`'s P to
/// that M, which runs `g`, and puts `m` to sleep.
///
/// # Safety
/// `m` is this thread's M, on g0, holding a P.
unsafe fn startlockedm(m: *mut M, g: *mut G) {
    // SAFETY: caller's contract; the locked M sleeps in stoplockedm.
    unsafe {
        let lm = (*g).sched_state.lockedm;
        (*lm).sched.nextp = releasep(m);
        // Running again from now on, before this M counts itself idle in stopm (else
        // checkdead could see every M idle in between).
        with_sched(|s| s.nmidlelocked -= 1);
        (*lm).sched.park.wakeup();
        stopm(m);
    }
}

// ---------------------------------------------------------------------------------
// C calls (crate::cgo): entersyscall / exitsyscall, Ms for threads C created
// ---------------------------------------------------------------------------------

/// The running goroutine of `m` is about to run C code (Go's `entersyscall`): its P
/// stays attached but may be taken by `sysmon` (`P_SYSCALL`), and the goroutine is
/// no longer preempted.
///
/// # Safety
/// `m` is this thread's M, holding a P, on g0.
pub(crate) unsafe fn entersyscall(m: *mut M) {
    // SAFETY: caller's contract; Ps are never freed.
    unsafe {
        let p = releasep(m);
        (*m).sched.oldp = p;
        let p = &*p;
        p.curg.store(std::ptr::null_mut(), Ordering::Relaxed);
        p.syscalltick.fetch_add(1, Ordering::Relaxed);
        p.status.store(P_SYSCALL, Ordering::Release);
    }
}

/// `m`'s goroutine `g` is back from C (Go's `exitsyscall`): reattaches the P it left
/// unless `sysmon` took it; then takes an idle P; else waits for one.
///
/// # Safety
/// `m` is this thread's M, on g0, after [`entersyscall`]; `g` its goroutine.
pub(crate) unsafe fn exitsyscall(m: *mut M, g: *mut G) {
    // SAFETY: caller's contract; Ps are never freed.
    unsafe {
        let p = std::mem::replace(&mut (*m).sched.oldp, std::ptr::null_mut());
        if (*p).status.compare_exchange(P_SYSCALL, P_RUNNING, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            (*m).sched.p = p;
            (*p).curg.store(g, Ordering::Relaxed);
            return;
        }
        acquirep_for(m, g);
    }
}

/// Gives `m` a P to run `g` on: an idle one, or else the next P the scheduler has
/// for `g`. Waiting works like a locked goroutine's: `g` is queued RUNNABLE, locked to
/// `m`, and whichever M schedules it hands its P to `m` ([`startlockedm`]); `m`'s C
/// frames below stay where they are.
///
/// # Safety
/// `m` is this thread's M, holding no P, on g0; `g` is `m.curg`, RUNNING, on no queue.
pub(crate) unsafe fn acquirep_for(m: *mut M, g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        // One critical section: a P that goes idle after we looked would otherwise
        // miss `g` on the queue (find_runnable checks the queue under the lock). `g`
        // is only marked RUNNABLE (and locked to `m`, so that no stack shrink claims
        // it) when it is queued.
        let mut lockedm = std::ptr::null_mut();
        let p = with_sched(|s| {
            let p = pidleget(s);
            if p.is_null() {
                let st = &mut (*g).sched_state;
                lockedm = std::mem::replace(&mut st.lockedm, m);
                st.status.store(G_RUNNABLE, Ordering::Release);
                globrunqput(s, g);
                s.nmidlelocked += 1;
            }
            p
        });
        if !p.is_null() {
            (*m).sched.p = p;
            (*p).curg.store(g, Ordering::Relaxed);
            (*p).schedtick.fetch_add(1, Ordering::Relaxed);
            return;
        }
        (*m).sched.park.sleep();
        (*m).sched.park.clear();
        let p = std::mem::replace(&mut (*m).sched.nextp, std::ptr::null_mut());
        (*m).sched.p = p;
        cas_status(g, G_RUNNABLE, G_RUNNING);
        (*g).sched_state.lockedm = lockedm;
        (*p).curg.store(g, Ordering::Relaxed);
        (*p).schedtick.fetch_add(1, Ordering::Relaxed);
    }
}

/// Makes `m` (a new M for a thread C created, Go's `needm`) run goroutine `g` (a fresh
/// one from [`new_goroutine`] with a stack) for a callback; returns holding a P.
///
/// # Safety
/// `m` is this thread's new M, on its g0 (the thread's stack); `g` is fresh, RUNNABLE.
pub(crate) unsafe fn needm(m: *mut M, g: *mut G) {
    with_sched(|s| s.mcount += 1);
    start_sysmon();
    // SAFETY: caller's contract.
    unsafe {
        let mode = if (*m).fixed { StackMode::Fixed } else { StackMode::Growable };
        let (lo, hi) = stack::stackalloc(stack::initial_stack_size(mode));
        (*g).stack_lo = lo;
        (*g).stack_hi = hi;
        (*g).stackguard0 = stack::normal_guard(lo, mode, (*m).knobs);
        (*g).sched = stack::Gobuf { sp: hi, bp: 0, pc: 0 };
        (*g).m = m;
        (*m).curg = g;
        cas_status(g, G_RUNNABLE, G_RUNNING);
        acquirep_for(m, g);
    }
}

/// The callback of a [`needm`] M returned: its goroutine ends and its P goes back
/// (Go's `dropm`). The M stays with its thread for the next callback.
///
/// # Safety
/// `m` is this thread's M, on g0, holding a P; `g` its finished goroutine.
pub(crate) unsafe fn dropm(m: *mut M, g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        end_goroutine(g);
        handoffp(releasep(m));
        with_sched(|s| s.mcount -= 1);
    }
}

/// The program calls C: from now on deadlocks are not reported, since a thread C
/// created may call into Go at any time (Go's `checkdead` likewise counts the extra M
/// of a cgo program as running, and a blocked cgo program hangs).
pub(crate) fn expect_c_callers() {
    SCHED.c_callers.store(true, Ordering::Relaxed);
}

/// An M for the calling thread, which C created (see [`needm`]).
pub(crate) fn new_extra_m() -> *mut M {
    let (knobs, fixed) = with_sched(|s| (s.knobs, s.mode == StackMode::Fixed));
    M::for_this_thread(knobs, fixed)
}

/// Creates a goroutine header for [`needm`] (no stack yet, not queued).
pub(crate) fn new_callback_goroutine() -> *mut G {
    new_goroutine(0, 0, 0)
}

/// Recomputes whether `g` must stay on its M: while a panic's deferred call or a C
/// callback has frames on the M's system stack (see the module doc).
///
/// # Safety
/// `g` is the running goroutine, not running Go code right now (on g0).
pub(crate) unsafe fn relock(g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        let locked = !(*g).panic.is_null() || crate::cgo::in_callback(&*g);
        (*g).sched_state.lockedm = if locked { (*g).m } else { std::ptr::null_mut() };
    }
}

// ---------------------------------------------------------------------------------
// The scheduler loop
// ---------------------------------------------------------------------------------

/// Finds a goroutine and runs it (Go's `schedule`). Never returns.
///
/// # Safety
/// On g0 of this thread's M `m`, which holds a P.
pub(crate) unsafe fn schedule(m: *mut M) -> ! {
    loop {
        // SAFETY: caller's contract.
        unsafe {
            let (g, inherit) = find_runnable(m);
            if (*m).sched.spinning {
                (*m).sched.spinning = false;
                if SCHED.nmspinning.fetch_sub(1, Ordering::AcqRel) == 1 {
                    wakep();
                }
            }
            let lm = (*g).sched_state.lockedm;
            if !lm.is_null() && lm != m {
                startlockedm(m, g);
                continue;
            }
            execute(m, g, inherit);
        }
    }
}

/// Runs `g` on `m` (Go's `execute`); `inherit`: in the current time slice (no new
/// schedule tick). Never returns.
///
/// # Safety
/// On g0 of `m`, which holds a P; `g` is RUNNABLE and in no queue.
unsafe fn execute(m: *mut M, g: *mut G, inherit: bool) -> ! {
    // SAFETY: caller's contract.
    unsafe {
        cas_status(g, G_RUNNABLE, G_RUNNING);
        (*g).m = m;
        (*m).curg = g;
        let p = &*(*m).sched.p;
        p.curg.store(g, Ordering::Relaxed);
        if !inherit {
            p.schedtick.fetch_add(1, Ordering::Relaxed);
        }
        let mode = if (*m).fixed { StackMode::Fixed } else { StackMode::Growable };
        if (*g).stack_hi == 0 {
            // First run of a goroutine created without a stack (new_goroutine).
            let (lo, hi) = stack::stackalloc(stack::initial_stack_size(mode));
            (*g).stack_lo = lo;
            (*g).stack_hi = hi;
            (*g).sched.sp = hi;
        }
        (*g).stackguard0 = stack::normal_guard((*g).stack_lo, mode, (*m).knobs);
        arch::gogo(g)
    }
}

/// Blocks until a goroutine is runnable and returns it (and whether it inherits the
/// time slice, see [`runqget`]), `m` holding a P (possibly a different one).
///
/// # Safety
/// On g0 of this thread's M `m`, which holds a P.
unsafe fn find_runnable(m: *mut M) -> (*mut G, bool) {
    // SAFETY: caller's contract; Ps are never freed.
    unsafe {
        loop {
            let p = &*(*m).sched.p;
            if p.id >= nprocs() {
                with_sched(|s| retire(s, p));
                releasep(m);
                let np = with_sched(pidleget);
                if np.is_null() {
                    stopm(m);
                } else {
                    (*m).sched.p = np;
                }
                continue;
            }
            // Fairness: now and then the global queue first.
            if p.schedtick.load(Ordering::Relaxed).is_multiple_of(61) && SCHED.runqsize.load(Ordering::Relaxed) > 0 {
                if let Some(g) = with_sched(globrunqget) {
                    return (g, false);
                }
            }
            if let Some(found) = runqget(p) {
                return found;
            }
            if SCHED.runqsize.load(Ordering::Relaxed) > 0 {
                if let Some(g) = with_sched(globrunqget) {
                    return (g, false);
                }
            }
            // Steal, as one of at most half as many spinning Ms as busy Ps.
            let n = nprocs();
            let busy = n.saturating_sub(SCHED.npidle.load(Ordering::Relaxed));
            if !(*m).sched.spinning && 2 * SCHED.nmspinning.load(Ordering::Relaxed) < busy.max(1) {
                (*m).sched.spinning = true;
                SCHED.nmspinning.fetch_add(1, Ordering::AcqRel);
            }
            if (*m).sched.spinning {
                let start = p.schedtick.load(Ordering::Relaxed) as usize;
                for k in 0..n {
                    let i = (start + k) % n;
                    if i == p.id {
                        continue;
                    }
                    if let Some(victim) = allp(i) {
                        if let Some(g) = runqsteal(p, victim) {
                            return (g, false);
                        }
                    }
                }
            }
            // Nothing: give the P back and sleep.
            let p_ptr = (*m).sched.p;
            let g = with_sched(|s| {
                if let Some(g) = globrunqget(s) {
                    return Some(g);
                }
                releasep(m);
                pidleput(s, p_ptr);
                None
            });
            if let Some(g) = g {
                return (g, false);
            }
            if (*m).sched.spinning {
                (*m).sched.spinning = false;
                SCHED.nmspinning.fetch_sub(1, Ordering::AcqRel);
                // A goroutine readied while we were spinning did not wake anyone
                // (wakep saw us spinning): look once more before sleeping.
                if any_work() {
                    let np = with_sched(pidleget);
                    if !np.is_null() {
                        (*m).sched.p = np;
                        (*m).sched.spinning = true;
                        SCHED.nmspinning.fetch_add(1, Ordering::AcqRel);
                        continue;
                    }
                }
            }
            stopm(m);
        }
    }
}

// ---------------------------------------------------------------------------------
// Deadlock detection
// ---------------------------------------------------------------------------------

/// Called with the lock held when an M goes idle: if no M is running while a main
/// goroutine has not returned, every goroutine is blocked for good (Go's `checkdead`).
fn checkdead(s: &mut SchedData) {
    if SCHED.c_callers.load(Ordering::Relaxed) || s.main_live == 0 || s.mcount as isize > s.nmidle as isize + s.nmidlelocked || s.sleepers > 0 {
        return;
    }
    if !s.runq.is_empty() || (0..nprocs()).filter_map(allp).any(runq_nonempty) {
        return; // an M is on its way (startm was called for it)
    }
    let waiting: Vec<*mut G> = s
        .allgs
        .iter()
        .copied()
        // SAFETY: Gs are never freed.
        .filter(|&g| unsafe { (*g).sched_state.status.load(Ordering::Acquire) } == G_WAITING)
        .collect();
    if waiting.is_empty() {
        crate::panic::throw_no_traceback("no goroutines (main called runtime.Goexit) - deadlock!");
    }
    let mut b = b"fatal error: all goroutines are asleep - deadlock!\n".to_vec();
    let mut sorted = waiting;
    // SAFETY: as above.
    sorted.sort_by_key(|&g| unsafe { (*g).goid });
    for &g in &sorted {
        // SAFETY: a WAITING goroutine's stack and `sched` are stable: nothing runs it.
        unsafe { append_parked_traceback(&mut b, g) };
    }
    sys::write_all(sys::STDERR, &b);
    if crate::repl::enabled() {
        // Only the input ends: its waiter is woken, its goroutine stays parked.
        for g in sorted {
            // SAFETY: as above; `main_done` is only read by whoever ends the goroutine,
            // which can no longer happen.
            let done = unsafe { std::mem::replace(&mut (*g).sched_state.main_done, std::ptr::null()) };
            if !done.is_null() {
                s.main_live -= 1;
                crate::repl::deadlocked();
                // SAFETY: the waiter's note lives until it is woken.
                unsafe { (*done).wakeup() };
            }
        }
        return;
    }
    sys::exit(2)
}

/// `\ngoroutine N [REASON]:\n` and the traceback of a goroutine that is not running.
///
/// # Safety
/// `g` is parked or runnable, and stays so while this runs.
pub(crate) unsafe fn append_parked_traceback(b: &mut Vec<u8>, g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        let gr = &*g;
        b.extend_from_slice(b"\ngoroutine ");
        append_int(b, gr.goid);
        b.extend_from_slice(b" [");
        let reason = if gr.sched_state.status.load(Ordering::Acquire) == G_RUNNABLE {
            "runnable"
        } else {
            gr.sched_state.waitreason
        };
        b.extend_from_slice(reason.as_bytes());
        b.extend_from_slice(b"]:\n");
        crate::traceback::append_goroutine_traceback(b, gr.sched.bp, (gr.stack_lo, gr.stack_hi));
        append_created_by(b, gr);
    }
}

/// Go's `created by main.main` / `\tFILE:LINE +0xOFF` lines (none for main).
pub(crate) fn append_created_by(b: &mut Vec<u8>, g: &G) {
    let pc = g.sched_state.gopc;
    if pc == 0 {
        return;
    }
    let found = crate::symtab::with_func(pc, |f| {
        let off = pc - f.entry;
        let line = f.line_at(off.saturating_sub(1) as u32);
        b.extend_from_slice(b"created by ");
        b.extend_from_slice(f.name.as_bytes());
        b.extend_from_slice(b"\n\t");
        b.extend_from_slice(f.file.as_bytes());
        b.push(b':');
        crate::print::append_uint(b, line as u64);
        b.extend_from_slice(b" +");
        append_hex(b, off as u64);
        b.push(b'\n');
    });
    let _ = found;
}

/// Every goroutine that is not dead, except `skip` (for GOTRACEBACK=all).
pub(crate) fn other_goroutines(skip: *mut G) -> Vec<*mut G> {
    with_sched(|s| {
        s.allgs
            .iter()
            .copied()
            // SAFETY: Gs are never freed.
            .filter(|&g| g != skip && unsafe { (*g).sched_state.status.load(Ordering::Acquire) } != G_DEAD)
            .collect()
    })
}

// ---------------------------------------------------------------------------------
// sysmon: preemption
// ---------------------------------------------------------------------------------

pub(crate) fn start_sysmon() {
    if SCHED.sysmon_started.swap(true, Ordering::AcqRel) {
        return;
    }
    // With one fixed stack nothing may be preempted, but C calls still need their Ps
    // retaken.
    if with_sched(|s| s.mode != StackMode::Fixed) || crate::cgo::enabled() {
        let ok = std::thread::Builder::new().name("morestack sysmon".into()).spawn(sysmon);
        if ok.is_err() {
            crate::panic::throw("runtime: cannot create the sysmon thread");
        }
    }
}

/// What `sysmon` last saw of one P.
#[derive(Clone, Copy)]
struct PWatch {
    schedtick: u64,
    /// When `schedtick` last changed (ns).
    tick_since: u64,
    syscalltick: u64,
    /// When `syscalltick` last changed (ns).
    syscall_since: u64,
}

/// The monitor thread (Go's `sysmon`): asks goroutines that ran for 10 ms without a
/// switch to yield, and takes Ps away from Ms that are stuck in C calls so that other
/// goroutines keep running. Looks every 20 µs while it finds something to do, backing
/// off to every 10 ms when idle (as Go's does).
fn sysmon() {
    const MIN_DELAY_US: u32 = 20;
    let mut watch = vec![PWatch { schedtick: u64::MAX, tick_since: 0, syscalltick: u64::MAX, syscall_since: 0 }; MAX_PROCS];
    let (mut delay, mut idle_rounds) = (MIN_DELAY_US, 0u32);
    let preempt = with_sched(|s| s.mode != StackMode::Fixed);
    loop {
        sys::usleep(delay);
        let now = sys::nanotime();
        let mut acted = false;
        for (i, w) in watch.iter_mut().enumerate().take(nprocs()) {
            let Some(p) = allp(i) else { continue };
            let tick = p.schedtick.load(Ordering::Relaxed);
            if tick != w.schedtick {
                (w.schedtick, w.tick_since) = (tick, now);
            }
            let g = p.curg.load(Ordering::Relaxed);
            if preempt && !g.is_null() && now - w.tick_since >= PREEMPT_AFTER_US as u64 * 1000 {
                // SAFETY: Gs are never freed; the store is an aligned word write that
                // the goroutine's prologue reads (a stale read only delays the yield).
                unsafe {
                    (*g).sched_state.preempt.store(true, Ordering::Release);
                    AtomicUsize::from_ptr(std::ptr::addr_of_mut!((*g).stackguard0)).store(stack::STACK_PREEMPT, Ordering::Release);
                }
                w.tick_since = now;
            }
            // Only retaking keeps the pace up (as in Go): a goroutine preempted every
            // 10 ms is no reason to look every 20 µs.
            acted |= retake_syscall_p(p, w, now);
        }
        if acted {
            (delay, idle_rounds) = (MIN_DELAY_US, 0);
        } else {
            idle_rounds += 1;
            if idle_rounds > 50 {
                delay = (delay * 2).min(PREEMPT_AFTER_US);
            }
        }
    }
}

/// Takes `p` from an M that has been in one C call since sysmon's previous look when
/// other goroutines are waiting for a P, or for 10 ms in any case (Go's `retake`).
fn retake_syscall_p(p: &P, w: &mut PWatch, now: u64) -> bool {
    let tick = p.syscalltick.load(Ordering::Relaxed);
    if tick != w.syscalltick {
        (w.syscalltick, w.syscall_since) = (tick, now);
        return false;
    }
    if p.status.load(Ordering::Acquire) != P_SYSCALL {
        return false;
    }
    let waiting = runq_nonempty(p) || SCHED.runqsize.load(Ordering::Relaxed) > 0;
    if !waiting && now - w.syscall_since < PREEMPT_AFTER_US as u64 * 1000 {
        return false;
    }
    if p.status.compare_exchange(P_SYSCALL, P_RUNNING, Ordering::AcqRel, Ordering::Relaxed).is_err() {
        return false; // its M came back first
    }
    handoffp(p as *const P as *mut P);
    true
}

/// A cheap per-thread pseudo-random number (Go's `fastrand`: xorshift), for `select`'s
/// case order.
pub(crate) fn fastrand() -> u32 {
    thread_local! {
        static STATE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    STATE.with(|s| {
        let mut x = s.get();
        if x == 0 {
            x = sys::nanotime() | 1;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.set(x);
        (x >> 32) as u32
    })
}

// ---------------------------------------------------------------------------------
// runtime package functions
// ---------------------------------------------------------------------------------

/// `runtime.NumGoroutine()`.
#[export_name = "runtime.NumGoroutine"]
pub extern "C" fn num_goroutine() -> i64 {
    SCHED.ngoroutines.load(Ordering::Relaxed)
}

/// `runtime.GOMAXPROCS(n)`: returns the previous setting; `n >= 1` changes it. Ps
/// beyond a lowered setting retire when their M next schedules (their goroutines are
/// asked to yield); a raised setting starts Ms for the new Ps as work appears.
#[export_name = "runtime.GOMAXPROCS"]
pub extern "C" fn gomaxprocs(n: i64) -> i64 {
    stack::systemstack(move || {
        let old = nprocs();
        if n < 1 || n as usize == old {
            return old as i64;
        }
        let n = (n as usize).min(MAX_PROCS);
        with_sched(|s| {
            SCHED.gomaxprocs.store(n, Ordering::Release);
            for i in old..n {
                match allp(i) {
                    None => pidleput(s, new_p(i)),
                    Some(p) if p.retired.swap(false, Ordering::Relaxed) => pidleput(s, p as *const P as *mut P),
                    Some(_) => {}
                }
            }
            for i in n..old {
                let Some(p) = allp(i) else { continue };
                let g = p.curg.load(Ordering::Relaxed);
                if !g.is_null() {
                    // SAFETY: Gs are never freed (see sysmon).
                    unsafe {
                        (*g).sched_state.preempt.store(true, Ordering::Release);
                        AtomicUsize::from_ptr(std::ptr::addr_of_mut!((*g).stackguard0)).store(stack::STACK_PREEMPT, Ordering::Release);
                    }
                }
            }
        });
        wakep();
        old as i64
    })
}

/// Halves the stacks of goroutines that are parked or runnable and less than a quarter
/// used (`runtime.GC`'s part for goroutines other than the caller). Each one is
/// claimed with the COPYSTACK status so that nobody resumes it meanwhile.
pub(crate) fn shrink_idle_stacks() {
    let gs = with_sched(|s| s.allgs.clone());
    for g in gs {
        // SAFETY: Gs are never freed.
        let st = unsafe { &(*g).sched_state };
        for from in [G_WAITING, G_RUNNABLE] {
            if st.status.compare_exchange(from, G_COPYSTACK, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                // SAFETY: claimed: not running and not resumable until restored; its
                // context is in `g.sched`. Locked ones keep their stack (g0 frames
                // of the panic machinery refer to its records by re-reading them,
                // but stay conservative).
                unsafe {
                    if st.lockedm.is_null() && (*g).sched.pc != arch::gostart_pc() {
                        stack::shrinkstack(g);
                    }
                }
                st.status.store(from, Ordering::Release);
                break;
            }
        }
    }
}

/// Whether sysmon asked running goroutine `g` to yield — its flag, or its poisoned
/// guard alone (sysmon stores the flag, then the guard; a growth in between consumes
/// the flag and leaves the guard poisoned) — and if so, consumes the request and
/// restores the guard.
pub(crate) fn take_preempt_request(g: &mut G) -> bool {
    let asked = g.sched_state.preempt.swap(false, Ordering::AcqRel);
    if !asked && g.stackguard0 != stack::STACK_PREEMPT {
        return false;
    }
    // SAFETY: a running goroutine's M is live.
    let m = unsafe { &*g.m };
    let mode = if m.fixed { StackMode::Fixed } else { StackMode::Growable };
    g.stackguard0 = stack::normal_guard(g.stack_lo, mode, m.knobs);
    true
}

/// `runtime.preemptcheck(g)`: called at a loop's back edge when `g.stackguard0` is
/// `STACK_PREEMPT` (docs/abi.md "Preemption"): yields like `Gosched` if sysmon asked
/// this goroutine to, restoring its guard first.
///
/// # Safety
/// `g` is the calling goroutine.
#[export_name = "runtime.preemptcheck"]
pub unsafe extern "C" fn preemptcheck(g: *mut G) {
    // SAFETY: caller's contract; a goroutine's M is live while it runs.
    unsafe {
        if take_preempt_request(&mut *g) {
            gosched(g);
        }
    }
}
