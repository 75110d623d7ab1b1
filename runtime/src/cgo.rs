//! Calls between Go and C (Go's `runtime/cgocall.go`): `cgocall` runs a C function on
//! the M's system stack, `cgocallback` runs an exported Go function for C, on the
//! goroutine that called into C or, on a thread C created, on a fresh goroutine with a
//! fresh M (`needm`). docs/cgo.md has the whole picture.
//!
//! ```text
//!  goroutine stack                     g0 (system) stack of the M
//!  | main.main          |              | ... scheduler, g0.sched.sp        |
//!  | cgocall frame      | g.sched.sp   | cgo_enter, then C: f -> ... -> F  |
//!  | _cgoexp_F  <------ | ------------ | cgocallback: g0.sched.sp = here   |
//!  | main.F, may grow,  |              |   (runtime code that runs for the |
//!  |  park, panic ...   |              |    callback starts below the C    |
//!  |                    |              |    frames)                        |
//! ```
//!
//! # Invariants
//!
//! * **C runs only on a system stack**, never on a goroutine stack (C has no stack
//!   checks). Before entering C, `cgo_enter` makes sure at least [`C_ROOM`] bytes are
//!   left; if not, C runs on a new *segment* of system stack (`MCgo::segments`), so
//!   nested Go→C→Go→C… recursion is limited by `MORESTACKDEBUG=systemstackmax`
//!   (default 1 GiB per M), not by the thread's stack. Past the limit the program
//!   stops with a fatal error and a traceback.
//! * **While in C, the goroutine is pinned to its M** (the C frames are on that M's
//!   stack) and its P is in `P_SYSCALL`: `sysmon` may hand it to another M so other
//!   goroutines keep running (`sched::entersyscall`/`exitsyscall`).
//! * **A callback runs Go code on the goroutine's own stack, below the `cgocall`
//!   frame** (`g.sched.sp`), locked to the M; `g0.sched.sp` is moved below the live C
//!   frames for its duration, so everything the runtime runs on g0 meanwhile
//!   (`systemstack`, `mcall`, `newstack`, the panic machinery) stays clear of them.
//!   The stack copier sees one frame-pointer chain: the callback's frames link to the
//!   `cgocall` frame, which links to its Go caller.
//! * **Each callback leaves a [`Callback`] record** on its goroutine: a panic that is
//!   recovered by a Go frame *above* the C call abandons the C frames and the
//!   callback (Go's rule: C frames are skipped, no C cleanup runs); `unwind_callbacks`
//!   then restores the system-stack state the record saved.
//! * **Stack budgets** (seed 004): every routine that runs on a stack that cannot grow
//!   declares how much it may use and checks it on entry ([`check_budget`]).

use crate::abi::G;
use crate::arch;
use crate::print::{append_hex, append_uint};
use crate::sched;
use crate::stack::{current_m, Gobuf, M};
use crate::sys;

/// The least system stack C code gets (glibc's functions and typical C need far
/// less; an M's own thread stack is 64 MiB). Below it, C runs on a new segment.
pub const C_ROOM: usize = 1 << 20;

/// The first extra segment of system stack; each further one doubles.
const FIRST_SEGMENT: usize = 64 << 20;

/// Default of `MORESTACKDEBUG=systemstackmax`: the most system stack (thread stack
/// plus segments) one M may use for nested C calls.
pub const MAX_SYSTEM_STACK: usize = 1 << 30;

/// The alternate signal stack of every M: the fault handler runs there (its budget is
/// [`SIGNAL_BUDGET`]).
const SIGNAL_STACK: usize = 64 << 10;

/// Stack budgets (bytes) of the runtime routines that run on stacks that cannot grow.
/// Each is checked on entry; docs/cgo.md lists them.
///
/// `cgo_enter` + `entersyscall` on g0 before C runs (C itself gets [`C_ROOM`]).
pub const ENTER_BUDGET: usize = 16 << 10;
/// `cgocallback` on the caller's C stack: `exitsyscall` (which may sleep waiting for
/// a P), the switch, `entersyscall`.
pub const CALLBACK_BUDGET: usize = 32 << 10;
/// A callback on a thread C created: `needm` (allocating an M, a G and its stack),
/// the callback, `dropm`, on that thread's stack.
pub const NEEDM_BUDGET: usize = 64 << 10;
/// The fault handler, printing the report and tracebacks on the signal stack.
pub const SIGNAL_BUDGET: usize = 48 << 10;

/// A callback in progress on a goroutine (see the module doc).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Callback {
    /// `stack_hi - sp` of the `cgocall` frame it returns into: unchanged by stack moves.
    from_top: usize,
    /// `g0.sched` before the callback moved it below the C frames.
    g0_sched: Gobuf,
    /// `MCgo::depth` of the C call it came from.
    depth: usize,
    /// Its place among the records that save `g0.sched` ([`next_g0_save`]).
    g0_save: u64,
}

/// A goroutine's part (in `G`).
#[derive(Debug, Default)]
pub struct GCgo {
    callbacks: Vec<Callback>,
    /// Counts the records that save `g0.sched` (callbacks here, panics in
    /// `crate::panic`), so that unwinding both kinds at once restores the oldest's.
    g0_saves: u64,
}

/// Stamps a new record that saves `g0.sched`: later records get larger stamps.
pub(crate) fn next_g0_save(g: &mut G) -> u64 {
    g.cgo.g0_saves += 1;
    g.cgo.g0_saves
}

/// An extra system-stack segment (see the module doc).
#[derive(Clone, Copy, Debug)]
struct Segment {
    lo: usize,
    hi: usize,
    /// `MCgo::depth` of the C call that moved onto it.
    depth: usize,
    /// g0's bounds before.
    prev: (usize, usize),
}

/// An M's part (in `M`).
#[derive(Debug, Default)]
pub struct MCgo {
    /// C calls in progress on this M (nested through callbacks).
    depth: usize,
    segments: Vec<Segment>,
    /// Segments no longer in use, kept for the next deep recursion.
    spare: Vec<(usize, usize)>,
    /// An M made for a thread C created (`needm`): each callback gets a new goroutine.
    extra: bool,
}

/// Whether `g` is running a callback from C (it is then locked to its M).
pub(crate) fn in_callback(g: &G) -> bool {
    !g.cgo.callbacks.is_empty()
}

/// Enables C calls in this process: the fault handler reports crashes in C code, and
/// every M gets a signal stack (called by the loader of a program's C code).
pub fn init() {
    // SAFETY: before the handler is installed, nothing else uses the buffer.
    unsafe { *FAULT_BUFFER.0.get() = Vec::with_capacity(FAULT_BUFFER_SIZE) };
    ENABLED.store(true, std::sync::atomic::Ordering::Release);
    sched::expect_c_callers();
    sys::install_fault_handler(fault_handler);
    sys::install_signal_stack(SIGNAL_STACK);
}

/// Set by [`init`]: the program calls C.
static ENABLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether the program calls C.
pub(crate) fn enabled() -> bool {
    ENABLED.load(std::sync::atomic::Ordering::Acquire)
}

/// Gives a new M's thread what C calls need (its signal stack), if the program calls C.
pub(crate) fn init_m() {
    if enabled() {
        sys::install_signal_stack(SIGNAL_STACK);
    }
}

/// The current stack pointer (approximately: this function's frame).
#[inline(always)]
fn sp() -> usize {
    arch::frame_pointer()
}

/// Checks that `budget` bytes are left on the stack `[lo, _)` the caller runs on:
/// a routine that cannot grow its stack must not start without them.
pub fn check_budget(name: &str, budget: usize, lo: usize) {
    let here = sp();
    if here < lo || here - lo < budget {
        let mut b = b"runtime: ".to_vec();
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(b" needs ");
        append_uint(&mut b, budget as u64);
        b.extend_from_slice(b" bytes of system stack, ");
        append_uint(&mut b, here.saturating_sub(lo) as u64);
        b.extend_from_slice(b" left\n");
        sys::write_all(sys::STDERR, &b);
        crate::panic::throw("morestack on g0");
    }
}

/// Called by `arch`'s cgocall on g0 (at `sp`, the g0 switch point) before C runs:
/// enters the system call state and returns the stack pointer to run C on — `sp`, or
/// the top of a new segment when fewer than [`C_ROOM`] bytes are left.
///
/// # Safety
/// `g` is the goroutine that called into C; on g0 of its M, which holds a P.
pub(crate) unsafe extern "C" fn cgo_enter(g: *mut G, sp: usize) -> usize {
    // SAFETY: caller's contract.
    unsafe {
        let m = (*g).m;
        let g0 = (*m).g0;
        check_budget("cgocall", ENTER_BUDGET, (*g0).stack_lo);
        let mc = &mut (*m).cgo;
        mc.depth += 1;
        let sp = if sp - (*g0).stack_lo >= C_ROOM + ENTER_BUDGET { sp } else { push_segment(m) };
        sched::entersyscall(m);
        sp
    }
}

/// Called by `arch`'s cgocall on the system stack when C returned: leaves the system
/// call state (possibly waiting for a P) and gives back a segment this call added.
///
/// # Safety
/// After [`cgo_enter`] for the same `g`, on g0 of its M.
pub(crate) unsafe extern "C" fn cgo_exit(g: *mut G) {
    // SAFETY: caller's contract.
    unsafe {
        let m = (*g).m;
        sched::exitsyscall(m, g);
        let mc = &mut (*m).cgo;
        mc.depth -= 1;
        pop_segments(m, mc.depth);
    }
}

/// Moves g0 onto a new segment (the top of which is returned); fatal beyond the
/// system-stack limit.
unsafe fn push_segment(m: *mut M) -> usize {
    // SAFETY: `m` is this thread's M, on g0.
    unsafe {
        let g0 = (*m).g0;
        let mc = &mut (*m).cgo;
        // In use: the thread's own stack (g0's bounds before the first segment) and
        // the segments.
        let (lo, hi) = mc.segments.first().map_or(((*g0).stack_lo, (*g0).stack_hi), |s| s.prev);
        let in_use = hi - lo + mc.segments.iter().map(|s| s.hi - s.lo).sum::<usize>();
        let size = mc.segments.last().map_or(FIRST_SEGMENT, |s| (s.hi - s.lo) * 2);
        let max = (*m).knobs.max_system_stack;
        if in_use + size > max {
            let mut b = b"runtime: system stack exceeds ".to_vec();
            append_uint(&mut b, max as u64);
            b.extend_from_slice(b"-byte limit (");
            append_uint(&mut b, mc.depth as u64);
            b.extend_from_slice(b" nested C calls)\n");
            sys::write_all(sys::STDERR, &b);
            crate::panic::throw("stack overflow");
        }
        let (lo, hi) = match mc.spare.iter().position(|&(lo, hi)| hi - lo == size) {
            Some(i) => mc.spare.swap_remove(i),
            None => sys::map_system_stack(size).unwrap_or_else(|| crate::panic::throw("runtime: cannot allocate system stack")),
        };
        mc.segments.push(Segment { lo, hi, depth: mc.depth, prev: ((*g0).stack_lo, (*g0).stack_hi) });
        (*g0).stack_lo = lo;
        (*g0).stack_hi = hi;
        (*g0).stackguard0 = lo + crate::stack::STACK_GUARD;
        hi
    }
}

/// Leaves the segments of C calls deeper than `depth` (kept as spares: the code
/// that pops may still be running on one).
unsafe fn pop_segments(m: *mut M, depth: usize) {
    // SAFETY: `m` is this thread's M, on g0.
    unsafe {
        let g0 = (*m).g0;
        let mc = &mut (*m).cgo;
        while mc.segments.last().is_some_and(|s| s.depth > depth) {
            let s = mc.segments.pop().expect("checked");
            mc.spare.push((s.lo, s.hi));
            ((*g0).stack_lo, (*g0).stack_hi) = s.prev;
            (*g0).stackguard0 = s.prev.0 + crate::stack::STACK_GUARD;
        }
    }
}

/// An exported Go function called by C (through the stub `crates/cgo` generates):
/// runs `thunk(g, frame)` on a goroutine (Go's `cgocallback`).
///
/// # Safety
/// `thunk` is a compiled export thunk (tail convention `fn(g, frame)`), `frame` its
/// argument/result slots; called by C code.
pub unsafe extern "C" fn cgocallback(thunk: usize, frame: usize) {
    let m = current_m();
    // SAFETY: a non-null CURRENT_M is this thread's live M. (An extra M already in a
    // callback that called C takes the ordinary path below.)
    if m.is_null() || unsafe { (*m).cgo.extra && (*m).cgo.depth == 0 } {
        // SAFETY: forwarded.
        return unsafe { callback_on_c_thread(m, thunk, frame) };
    }
    // SAFETY: this thread's M; in C (checked), so its curg is suspended in cgocall
    // and we run on its g0 (or a segment).
    unsafe {
        let g = (*m).curg;
        let g0 = (*m).g0;
        if g.is_null() || (*m).cgo.depth == 0 || (*m).gcur != g0 {
            crate::panic::throw("cgo callback on a thread that is not in a C call");
        }
        check_budget("cgocallback", CALLBACK_BUDGET, (*g0).stack_lo);
        let saved = (*g0).sched;
        sched::exitsyscall(m, g);
        run_callback(m, g, thunk, frame);
        sched::entersyscall(m);
        (*g0).sched = saved;
    }
}

/// Runs the callback on `g` (holding a P), under a [`Callback`] record that keeps `g`
/// locked to `m` while it runs.
///
/// # Safety
/// On g0 of `m`, which is this thread's M running `g`; `g.sched` is where the
/// callback's frames go.
unsafe fn run_callback(m: *mut M, g: *mut G, thunk: usize, frame: usize) {
    // SAFETY: caller's contract.
    unsafe {
        let record = Callback {
            from_top: (*g).stack_hi - (*g).sched.sp,
            g0_sched: (*(*m).g0).sched,
            depth: (*m).cgo.depth,
            g0_save: next_g0_save(&mut *g),
        };
        (*g).cgo.callbacks.push(record);
        (*g).sched_state.lockedm = m;
        arch::cgocallback_switch(g, thunk, frame);
        (*g).cgo.callbacks.pop();
        sched::relock(g);
    }
}

/// A callback on a thread without an M (C created it): gives the thread an M (kept
/// for later callbacks), runs the callback on a fresh goroutine once a P is free, and
/// lets the M go idle again (Go's `needm`/`dropm`).
unsafe fn callback_on_c_thread(m: *mut M, thunk: usize, frame: usize) {
    // SAFETY: a fresh M is installed for this thread only; the goroutine is ours.
    unsafe {
        let m = if m.is_null() {
            let m = sched::new_extra_m();
            (*m).cgo.extra = true;
            M::install(m);
            init_m();
            m
        } else {
            m
        };
        check_budget("needm", NEEDM_BUDGET, (*(*m).g0).stack_lo);
        let g = sched::new_callback_goroutine();
        sched::needm(m, g);
        run_callback(m, g, thunk, frame);
        sched::dropm(m, g);
    }
}

/// A recovered panic resumes Go code at the frame whose frame pointer is `target`:
/// callbacks whose C call lies below it are abandoned with their C frames. Restores
/// the M's C-call depth and segments to what they were before the outermost of them
/// entered C and returns the g0 switch point that callback saved, with its stamp;
/// `None` when no callback is abandoned.
///
/// # Safety
/// On g0 of `g`'s M, with `g` suspended by the panic machinery.
pub(crate) unsafe fn unwind_callbacks(g: *mut G, target: usize) -> Option<(Gobuf, u64)> {
    // SAFETY: caller's contract.
    unsafe {
        let hi = (*g).stack_hi;
        let mut outermost = None;
        while let Some(cb) = (*g).cgo.callbacks.last().copied() {
            if hi - cb.from_top >= target {
                break;
            }
            (*g).cgo.callbacks.pop();
            outermost = Some(cb);
        }
        let cb = outermost?;
        let m = (*g).m;
        (*m).cgo.depth = cb.depth - 1;
        pop_segments(m, cb.depth - 1);
        Some((cb.g0_sched, cb.g0_save))
    }
}

/// Whether `g` may end with `runtime.Goexit`: not while C frames wait for a callback
/// to return.
pub(crate) fn check_goexit(g: &G) {
    if in_callback(g) {
        crate::panic::throw("runtime.Goexit called in a cgo callback");
    }
}

// ---------------------------------------------------------------------------------
// C.CString, C.GoString, C.GoStringN
// ---------------------------------------------------------------------------------

/// `C.CString(s)`: a `malloc`ed, NUL-terminated copy (the program frees it).
///
/// # Safety
/// `ptr` has `len` readable bytes (a Go string).
#[export_name = "runtime.cgo_cstring"]
pub unsafe extern "C" fn cgo_cstring(ptr: *const u8, len: i64) -> *mut u8 {
    crate::stack::systemstack(move || {
        let len = len as usize;
        let p = sys::c_malloc(len + 1);
        // SAFETY: `p` has len + 1 bytes; `ptr` has `len` readable bytes (caller's
        // contract).
        unsafe {
            std::ptr::copy_nonoverlapping(ptr, p, len);
            p.add(len).write(0);
        }
        p
    })
}

/// `C.GoString(p)`: the bytes up to the NUL as a Go string ("" for nil).
///
/// # Safety
/// `p` is null or a NUL-terminated C string.
#[export_name = "runtime.cgo_gostring"]
pub unsafe extern "C" fn cgo_gostring(p: *const u8) -> crate::abi::GoString {
    crate::stack::systemstack(move || {
        if p.is_null() {
            return crate::strings::new_gostring(b"");
        }
        // SAFETY: caller's contract.
        let bytes = unsafe { std::ffi::CStr::from_ptr(p.cast()) }.to_bytes();
        crate::strings::new_gostring(bytes)
    })
}

/// `C.GoStringN(p, n)`: `n` bytes at `p` as a Go string.
///
/// # Safety
/// `p` has `n` readable bytes (or `n` <= 0).
#[export_name = "runtime.cgo_gostringn"]
pub unsafe extern "C" fn cgo_gostringn(p: *const u8, n: i64) -> crate::abi::GoString {
    crate::stack::systemstack(move || {
        if p.is_null() || n <= 0 {
            return crate::strings::new_gostring(b"");
        }
        // SAFETY: caller's contract.
        crate::strings::new_gostring(unsafe { std::slice::from_raw_parts(p, n as usize) })
    })
}

// ---------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------

/// The fault handler's report buffer, allocated by [`init`]: the handler must not
/// allocate (the fault may have happened inside `malloc`, holding its lock), so it
/// only appends within this capacity.
struct FaultBuffer(std::cell::UnsafeCell<Vec<u8>>);
// SAFETY: only the one thread that wins `FAULTING` touches it (after `init`).
unsafe impl Sync for FaultBuffer {}
static FAULT_BUFFER: FaultBuffer = FaultBuffer(std::cell::UnsafeCell::new(Vec::new()));
const FAULT_BUFFER_SIZE: usize = 32 << 10;
/// Set by the first fault: a second one (on another thread, or inside the handler)
/// waits for the first report to end the process.
static FAULTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// SIGSEGV/SIGBUS: Go's `fatal error: unexpected signal during runtime execution`,
/// with the C frames (when the fault is in C) and the goroutine's traceback; exit 2.
/// Runs on the M's signal stack; allocates nothing.
extern "C" fn fault_handler(sig: i32, info: *mut libc::siginfo_t, uctx: *mut libc::c_void) {
    if FAULTING.swap(true, std::sync::atomic::Ordering::AcqRel) {
        loop {
            sys::usleep(1_000_000);
        }
    }
    // SAFETY: the kernel's arguments to an SA_SIGINFO handler.
    let f = unsafe { sys::fault(info, uctx) };
    if let Some((lo, hi)) = sys::signal_stack() {
        if (lo..hi).contains(&sp()) {
            check_budget("the fault handler", SIGNAL_BUDGET, lo);
        }
    }
    // SAFETY: we won FAULTING: nobody else uses the buffer.
    let b = unsafe { &mut *FAULT_BUFFER.0.get() };
    b.clear();
    let name = sys::FAULT_SIGNALS.iter().find(|s| s.0 == sig).map_or("signal", |s| s.1);
    b.extend_from_slice(b"fatal error: unexpected signal during runtime execution\n[signal ");
    b.extend_from_slice(name.as_bytes());
    b.extend_from_slice(b" code=");
    append_hex(b, f.code as u64);
    b.extend_from_slice(b" addr=");
    append_hex(b, f.addr as u64);
    b.extend_from_slice(b" pc=");
    append_hex(b, f.pc as u64);
    b.extend_from_slice(b"]\n");
    let m = current_m();
    // SAFETY: a non-null CURRENT_M is this thread's M; the interrupted code is stopped.
    let in_c = !m.is_null() && unsafe { (*m).cgo.depth > 0 && (*m).gcur == (*m).g0 };
    if in_c {
        b.extend_from_slice(b"signal arrived during cgo execution\n\nC stack:\n");
        // SAFETY: as above.
        let g0 = unsafe { &*(*m).g0 };
        append_c_frames(b, f.pc, f.fp, (g0.stack_lo, g0.stack_hi));
    }
    // SAFETY: as above.
    let g = if m.is_null() { std::ptr::null_mut() } else { unsafe { (*m).curg } };
    if !g.is_null() {
        b.extend_from_slice(b"\ngoroutine ");
        // SAFETY: `g` is this M's goroutine, stopped (in C, or at the fault).
        unsafe {
            append_uint(b, (*g).goid as u64);
            b.extend_from_slice(if in_c { b" [syscall, locked to thread]:\n" } else { b" [running]:\n" });
            let stack = ((*g).stack_lo, (*g).stack_hi);
            let fp = if in_c { (*g).sched.bp } else { f.fp };
            crate::traceback::append_goroutine_traceback_at(b, if in_c { 0 } else { f.pc }, fp, stack);
        }
    }
    sys::write_all(sys::STDERR, b);
    sys::exit(2)
}

/// One line per C frame from `pc`/`fp` up the frame-pointer chain (the generated
/// code keeps frame pointers; the walk stays inside the system stack `g0`):
/// `symbol+0xOFF (file)` where `dladdr` names it.
fn append_c_frames(b: &mut Vec<u8>, pc: usize, fp: usize, g0: (usize, usize)) {
    let (mut pc, mut fp) = (pc, fp);
    for _ in 0..32 {
        if crate::symtab::with_func(pc, |_| ()).is_some() {
            break; // back in compiled Go code
        }
        let Some(sym) = sys::symbolize(pc) else { break };
        b.extend_from_slice(sym.name.unwrap_or(b"?"));
        b.extend_from_slice(b"+");
        append_hex(b, sym.offset as u64);
        b.extend_from_slice(b" (");
        b.extend_from_slice(sym.file);
        b.extend_from_slice(b")\n");
        if !fp.is_multiple_of(8) || fp < g0.0 || fp + 16 > g0.1 {
            break;
        }
        // SAFETY: inside the M's system stack (checked just above).
        let (next, ret) = unsafe { ((fp as *const usize).read(), ((fp + 8) as *const usize).read()) };
        if next <= fp {
            break;
        }
        (pc, fp) = (ret, next);
    }
}
