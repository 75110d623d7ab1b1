//! Goroutine stacks: Go's contiguous, copying stacks (`runtime/stack.go`) for compiled
//! code, plus the M/g0 machinery they need (`run_goroutine`, `systemstack`,
//! `newstack`, `copystack`, `shrinkstack`) and the per-goroutine aggregate stack
//! (`morestackagg`). docs/stacks.md walks through a growth step by step.
//!
//! Not here: the assembly (`arch`), OS calls (`sys`), printing tracebacks
//! (`traceback`), the scheduler (a later milestone: `M`/`G` are shaped for it, one M
//! per OS thread, `curg` switching between many Gs).
//!
//! # Memory
//!
//! ```text
//!  goroutine stack (mmap, MAP_NORESERVE)                  g0 stack = the OS thread's
//!  lo-4K     lo        lo+StackGuard                hi    (SYSTEM_STACK_SIZE)
//!  +---------+-----------+---------------------------+    +--------------------------+
//!  | PROT_   |  guard    |      frames grow down <---|    | run_goroutine, mstart    |
//!  | NONE    |  area     |  sp                       |    | g0.sched.sp: newstack,   |
//!  +---------+-----------+---------------------------+    | systemstack callees ...  |
//!            ^stack_lo   ^stackguard0          stack_hi^   +--------------------------+
//!
//!  aggregate stack: chunks that never move, LIFO, cached per G
//!  chunk k: [base ........ limit)[index k]   g.agg_sp in the current chunk,
//!                                             g.agg_limit = its limit
//! ```
//!
//! # Invariants
//!
//! * Every compiled prologue guarantees `SP - F >= stackguard0 = stack_lo + STACK_GUARD`
//!   for its own frame F. The guard area below is for (a) Rust runtime code entered
//!   from compiled code without switching (proven small, see docs/stacks.md) and (b)
//!   the thin `extern "C"` wrappers + [`systemstack`]'s switch frame.
//! * **The goroutine stack holds no pointer into itself except saved frame pointers**
//!   (docs/abi.md "The aggregate stack": aggregates and everything address-taken live
//!   on the aggregate stack or the heap; the Rust wrappers that run on the goroutine
//!   stack store no stack addresses either). Saved frame pointers form one chain from
//!   the innermost frame to the goroutine's first frame (whose saved rbp is 0). So
//!   `copystack` adjusts *precisely*: the frame pointer it is handed, every `[fp]`
//!   along the chain, and the runtime records that point into the stack
//!   (`g.sched` — the context `systemstack` saved — and `g.morebuf.sp/bp`). Go says it
//!   as "can't copy stacks without precise stacks"; the debug verifier
//!   ([`find_unadjusted`]) checks after each copy that nothing else pointed into it.
//! * Nothing writes below a goroutine's SP on the goroutine stack except code running
//!   on it; `morestack_noctxt` saves registers into `g.morebuf`, not on the stack.
//! * `m.gcur` is the g whose stack RSP is on (Go's `getg()`): `curg` while compiled
//!   code runs, `g0` inside `newstack` and `systemstack` callees.

use std::cell::Cell;
use std::mem::{align_of, size_of};
use std::sync::OnceLock;

use crate::abi::G;
use crate::arch;
use crate::print::{append_hex, append_int, append_uint};
use crate::sys;

/// Initial (and minimum) goroutine stack: 2 KiB, as in Go 1.19 (`_StackMin`). Two
/// stacks share a page, so a parked goroutine costs about half a page of stack; half
/// of it is the guard area, leaving 1 KiB for compiled frames before the first growth.
pub const STACK_MIN: usize = 2048;

/// Bytes above `stack_lo` that compiled prologues keep free (Go's `_StackGuard` is
/// 928). The guard area holds whatever runs below a compiled frame without a check:
/// the runtime's `extern "C"` entry points (channel operations run here, the rest
/// switch to the system stack first) plus the `systemstack`/`mcall` switch frames
/// (the largest measured is a few hundred bytes, see the `entry_points_fit_the_guard`
/// test), Rust's 128-byte red zone, and frameless compiled leaves (16 bytes). The test
/// demands 2x headroom, so a compiler upgrade that fattens an entry point fails it
/// before it can overflow a stack.
pub const STACK_GUARD: usize = 1024;

/// Go's `maxstacksize` on 64-bit: a stack may not grow beyond 1 GB (so 512 MiB is the
/// largest stack: sizes are powers of two times [`STACK_MIN`]).
pub const MAX_STACK_SIZE: usize = 1_000_000_000;

/// `stackguard0` under `MORESTACKDEBUG=stackmove=1` (Go's `stackForceMove` idea): above
/// every real SP, so every checked prologue calls morestack, yet at most
/// 2^64 - 128 KiB so that `stackguard0 + F` (computed with wrapping for F < 32 KiB)
/// does not wrap around and pass.
pub const STACK_POISON_MOVE: usize = 0xFFFF_FFFF_FFFE_0000;

/// `stackguard0` when `sysmon` asks a goroutine to yield (Go's `stackPreempt`): like
/// [`STACK_POISON_MOVE`] above every SP without wrapping, and distinct from it.
pub const STACK_PREEMPT: usize = 0xFFFF_FFFF_FFFD_0000;

/// The inaccessible page below every goroutine stack bigger than [`POOL_MAX`]: a
/// last-resort tripwire (a SIGSEGV instead of silent corruption) should anything run
/// past the guard area. Smaller stacks are packed into shared spans without one, as
/// in Go (a page each would double the memory of a parked goroutine, and the mappings
/// would exceed the kernel's map count long before 100,000 goroutines).
const GUARD_PAGE: usize = 4096;

/// Stacks up to this size come from per-size free lists carved out of
/// [`POOL_SPAN`]-byte mappings and are never unmapped (Go's stack pool).
const POOL_MAX: usize = 32 << 10;
const POOL_SPAN: usize = 1 << 20;

/// The system (g0) stack: the OS thread's own stack. Runtime code (fmt, panics,
/// newstack) runs here; 64 MiB is far more than it needs, and untouched pages cost
/// nothing.
pub const SYSTEM_STACK_SIZE: usize = 64 << 20;

/// The stack of [`StackMode::Fixed`]: 1 GiB reserved (not committed), like the
/// pre-growable-stack runtime. Only for measuring what the stack check costs.
const FIXED_STACK_SIZE: usize = 1 << 30;

/// Size of an aggregate-stack chunk unless one aggregate needs more: big enough that
/// chunk switches are rare, small enough to be cheap to cache. A goroutine's first
/// chunks are smaller ([`AGG_FIRST_CHUNK`], then 4x each time up to this size), so
/// that 100,000 goroutines with a few aggregates each stay cheap.
pub const AGG_CHUNK_SIZE: usize = 64 << 10;
const AGG_FIRST_CHUNK: usize = 512;

/// Bytes at the end of each aggregate chunk holding its index (so `morestackagg`
/// finds the current chunk from `g.agg_limit` in O(1)); 16 keeps `limit` aligned.
const AGG_HEADER: usize = 16;

/// `copystack` copies in chunks of this many bytes (a multiple of the page size)...
const COPY_CHUNK: usize = 4 << 20;
/// ...and gives the old stack's pages back chunk by chunk when it is at least this big
/// (smaller stacks go to the stack cache whole).
const RELEASE_WHILE_COPYING: usize = 32 << 20;

/// Bytes of `M.sysbuf`, where `systemstack` parks its closure and result.
const SYSBUF_SIZE: usize = 128;

/// A saved stack context (Go's `gobuf`, minus g). `systemstack` and the panic stubs
/// save only SP/BP (they return to their caller); the scheduler's `mcall` and
/// preemption also the pc `gogo` resumes at. Zero when not saved.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct Gobuf {
    pub(crate) sp: usize,
    pub(crate) bp: usize,
    /// Where `arch::gogo` resumes (only for contexts saved by the scheduler).
    pub(crate) pc: usize,
}

/// Where `morestack_noctxt` saves the function's registers and entry state (not on
/// the goroutine stack: nothing may be written there that the copier cannot find).
#[repr(C, align(16))]
#[derive(Debug, Default, Clone, Copy)]
pub struct MoreBuf {
    /// xmm0..xmm7, all 128 bits.
    pub(crate) xmm: [[u64; 2]; 8],
    /// rdi, rsi, rdx, rcx, r8, r9.
    pub(crate) regs: [usize; 6],
    /// rbx, r12, r13, r14, r15 (rbx is restored from here; all are verified).
    pub(crate) callee: [usize; 5],
    /// SP at morestack entry (`[sp]` = restart); adjusted by copystack.
    pub(crate) sp: usize,
    /// rbp at morestack entry (the caller's frame); adjusted by copystack.
    pub(crate) bp: usize,
    /// F from eax.
    pub(crate) framesize: usize,
}

/// The aggregate-stack chunks of one goroutine, in LIFO order.
#[derive(Debug, Default)]
pub struct AggStack {
    chunks: Vec<AggChunk>,
}

#[derive(Debug, Clone, Copy)]
struct AggChunk {
    base: usize,
    limit: usize,
}

impl AggChunk {
    /// The chunk's whole memory, header included.
    fn len(&self) -> usize {
        self.limit + AGG_HEADER - self.base
    }

    /// A zeroed chunk of `len` bytes (a multiple of 16): from the heap when smaller than
    /// [`AGG_CHUNK_SIZE`], else its own mapping (rounded up to pages).
    fn alloc(len: usize) -> AggChunk {
        let (base, len) = if len < AGG_CHUNK_SIZE {
            // SAFETY: a non-zero size with a valid power-of-two alignment.
            let p = unsafe { std::alloc::alloc_zeroed(std::alloc::Layout::from_size_align_unchecked(len, 16)) };
            (p, len)
        } else {
            let len = len.next_multiple_of(4096);
            (sys::mmap_anon(len), len)
        };
        if base.is_null() {
            crate::panic::throw("runtime: out of memory");
        }
        AggChunk {
            base: base as usize,
            limit: base as usize + len - AGG_HEADER,
        }
    }

    /// Frees a chunk made by [`AggChunk::alloc`].
    ///
    /// # Safety
    /// No live aggregate is in the chunk.
    unsafe fn free(self) {
        let len = self.len();
        // SAFETY: the same size decides the allocator as in `alloc`.
        unsafe {
            if len < AGG_CHUNK_SIZE {
                std::alloc::dealloc(self.base as *mut u8, std::alloc::Layout::from_size_align_unchecked(len, 16));
            } else {
                sys::munmap(self.base as *mut u8, len);
            }
        }
    }
}

/// Debug and stress knobs (`MORESTACKDEBUG`, parsed once; see docs/stacks.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Knobs {
    /// `stack=1`: one stderr line per growth/shrink/move.
    pub log: bool,
    /// `stackmove=1`: poison stackguard0 so every checked call moves the stack.
    pub stackmove: bool,
    /// Run the copy verifier (`stackverify=1`; always on with `stackmove=1`).
    pub verify: bool,
    /// Go's `maxstacksize` (tests lower it to reach the limit cheaply).
    pub max_stack: usize,
    /// `systemstackmax=BYTES`: the most system stack one M may use for nested C
    /// calls (`crate::cgo`).
    pub max_system_stack: usize,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            log: false,
            stackmove: false,
            verify: false,
            max_stack: MAX_STACK_SIZE,
            max_system_stack: crate::cgo::MAX_SYSTEM_STACK,
        }
    }
}

/// Parses a `MORESTACKDEBUG` value: comma-separated `name=value` pairs, unknown names
/// ignored (as `GODEBUG` does).
pub fn parse_knobs(s: &str) -> Knobs {
    let mut k = Knobs::default();
    for item in s.split(',') {
        let (name, val) = item.split_once('=').unwrap_or((item, "1"));
        let on = val.trim() != "0";
        match name.trim() {
            "stack" => k.log = on,
            "stackmove" => k.stackmove = on,
            "stackverify" => k.verify = on,
            "systemstackmax" => {
                if let Ok(n) = val.trim().parse() {
                    k.max_system_stack = n;
                }
            }
            _ => {}
        }
    }
    if k.stackmove {
        k.verify = true;
    }
    k
}

/// The knobs of this process, from `MORESTACKDEBUG` at the first call.
pub fn env_knobs() -> Knobs {
    static KNOBS: OnceLock<Knobs> = OnceLock::new();
    *KNOBS.get_or_init(|| parse_knobs(&std::env::var("MORESTACKDEBUG").unwrap_or_default()))
}

#[repr(C, align(16))]
struct SysBuf([u8; SYSBUF_SIZE]);

/// A machine: one OS thread. Its g0 is the thread's own stack; `curg` the goroutine it
/// runs. The asm reads `g0` and `gcur` (offsets from `offset_of!`).
#[repr(C)]
pub struct M {
    /// The system-stack goroutine (goid 0): its bounds are the thread's stack.
    pub(crate) g0: *mut G,
    /// The user goroutine assigned to this M (null when none).
    pub(crate) curg: *mut G,
    /// The g whose stack RSP is on right now (g0 or curg): Go's `getg()`.
    pub(crate) gcur: *mut G,
    pub(crate) knobs: Knobs,
    /// Whether curg's stack is the fixed one (never grown, never shrunk).
    pub(crate) fixed: bool,
    /// systemstack's mailbox: the closure going to g0, the result coming back.
    sysbuf: SysBuf,
    /// The scheduler's part (`crate::sched`): the P held, parking.
    pub(crate) sched: crate::sched::MSched,
    /// C calls in progress and extra system stack (`crate::cgo`).
    pub(crate) cgo: crate::cgo::MCgo,
}

impl M {
    /// An M for the current thread: g0 = the thread's stack (bounds from the OS), no
    /// goroutine yet.
    pub(crate) fn for_this_thread(knobs: Knobs, fixed: bool) -> *mut M {
        let (lo, hi) = sys::thread_stack_bounds().unwrap_or_else(|| {
            let hi = (arch::frame_pointer() + 4096) & !4095;
            (hi.saturating_sub(SYSTEM_STACK_SIZE), hi)
        });
        let g0 = Box::into_raw(Box::new(G::new(0)));
        let m = Box::into_raw(Box::new(M {
            g0,
            curg: std::ptr::null_mut(),
            gcur: g0,
            knobs,
            fixed,
            sysbuf: SysBuf([0; SYSBUF_SIZE]),
            sched: crate::sched::MSched::default(),
            cgo: crate::cgo::MCgo::default(),
        }));
        // SAFETY: both were just allocated and are owned here.
        unsafe {
            (*g0).stack_lo = lo;
            (*g0).stack_hi = hi;
            (*g0).stackguard0 = lo + STACK_GUARD;
            (*g0).m = m;
        }
        m
    }

    /// Makes `m` this thread's M.
    pub(crate) fn install(m: *mut M) {
        CURRENT_M.with(|c| c.set(m));
    }
}

thread_local! {
    /// This thread's M (null on threads that run no goroutine, e.g. unit tests).
    static CURRENT_M: Cell<*mut M> = const { Cell::new(std::ptr::null_mut()) };
}

/// This thread's M, or null. Never inlined: a goroutine may resume on another thread
/// after parking, so no caller may reuse a thread-local address computed before a
/// switch (the compiler would assume the thread cannot change within a function).
#[inline(never)]
pub(crate) fn current_m() -> *mut M {
    CURRENT_M.with(|c| c.get())
}

impl G {
    /// A goroutine header with no stack yet.
    pub fn new(goid: i64) -> G {
        G {
            stack_lo: 0,
            stack_hi: 0,
            stackguard0: 0,
            goid,
            agg_sp: 0,
            agg_limit: 0,
            defer: std::ptr::null_mut(),
            m: std::ptr::null_mut(),
            sched: Gobuf::default(),
            morebuf: MoreBuf::default(),
            agg: AggStack::default(),
            stress_skipped: 0,
            panic: std::ptr::null_mut(),
            panicbuf: Gobuf::default(),
            sigpc: 0,
            sched_state: crate::sched::GSched::default(),
            cgo: crate::cgo::GCgo::default(),
        }
    }
}

// ---------------------------------------------------------------------------------
// Stack memory
// ---------------------------------------------------------------------------------

/// Maps a stack of `size` bytes with an inaccessible guard page below it; returns
/// `(lo, hi)`. `MAP_NORESERVE`: only touched pages become resident.
pub(crate) fn stackalloc(size: usize) -> (usize, usize) {
    if size <= POOL_MAX {
        return pool_alloc(size);
    }
    {
        let mut cache = lock_stack_cache();
        if let Some(i) = cache.iter().position(|&(lo, hi)| hi - lo == size) {
            let (lo, hi) = cache.swap_remove(i);
            // A reused stack must look like a fresh (zeroed) mapping: stale words of
            // its earlier life could point into this very range, which the copy
            // verifier cannot tell from an unadjusted pointer.
            // SAFETY: [lo, hi) is a whole stack from the cache, used by nobody.
            unsafe { std::ptr::write_bytes(lo as *mut u8, 0, hi - lo) };
            return (lo, hi);
        }
    }
    // A stack of a huge page or more comes in huge pages (`lo` on a huge-page boundary,
    // the guard page below it): a growth into it faults 512x less often, and deep
    // recursion misses the TLB less.
    let base = sys::mmap_anon_huge(GUARD_PAGE, size);
    if base.is_null() {
        crate::panic::throw("runtime: cannot allocate goroutine stack");
    }
    // SAFETY: the first page of the fresh mapping is ours and unused.
    unsafe { sys::mprotect_none(base, GUARD_PAGE) };
    let lo = base as usize + GUARD_PAGE;
    (lo, lo + size)
}

/// Unmaps a stack from [`stackalloc`] (with its guard page).
///
/// # Safety
/// Nothing runs on or points into `[lo, hi)` any more.
unsafe fn stackfree(lo: usize, hi: usize) {
    if hi - lo <= POOL_MAX {
        // SAFETY: forwarded: a pooled stack, unused from now on.
        unsafe { pool_free(lo, hi) };
        return;
    }
    let (lo, hi) = if hi - lo <= STACK_CACHE_MAX_SIZE {
        // Keep the most recently freed stacks: evict the oldest when full.
        let mut cache = lock_stack_cache();
        cache.push((lo, hi));
        if cache.len() <= STACK_CACHE_ENTRIES {
            return;
        }
        cache.remove(0)
    } else {
        (lo, hi)
    };
    // SAFETY: `[lo - GUARD_PAGE, hi)` is exactly the mapping stackalloc made, and
    // nothing uses it any more (it was freed, or evicted from the cache).
    unsafe { sys::munmap((lo - GUARD_PAGE) as *mut u8, hi - lo + GUARD_PAGE) };
}

/// Freed stacks kept for reuse (Go's stack pool, in miniature): a stack move then
/// costs a copy, not an mmap, an mprotect and a munmap. Small stacks only, and few,
/// so the cache never pins more than `STACK_CACHE_ENTRIES * STACK_CACHE_MAX_SIZE`.
static STACK_CACHE: std::sync::Mutex<Vec<(usize, usize)>> = std::sync::Mutex::new(Vec::new());
const STACK_CACHE_ENTRIES: usize = 4;
const STACK_CACHE_MAX_SIZE: usize = 16 << 20;

fn lock_stack_cache() -> std::sync::MutexGuard<'static, Vec<(usize, usize)>> {
    STACK_CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Free pooled stacks per size class (`STACK_MIN << k`), as their `lo` addresses.
static STACK_POOL: std::sync::Mutex<[Vec<usize>; POOL_CLASSES]> = std::sync::Mutex::new([const { Vec::new() }; POOL_CLASSES]);
const POOL_CLASSES: usize = (POOL_MAX / STACK_MIN).trailing_zeros() as usize + 1;

fn pool_class(size: usize) -> usize {
    debug_assert!(size.is_power_of_two() && (STACK_MIN..=POOL_MAX).contains(&size));
    (size / STACK_MIN).trailing_zeros() as usize
}

/// A pooled stack of `size` bytes (a power of two between STACK_MIN and POOL_MAX),
/// reading as zero like a fresh mapping (see [`stackalloc`]).
fn pool_alloc(size: usize) -> (usize, usize) {
    let mut pool = STACK_POOL.lock().unwrap_or_else(|p| p.into_inner());
    let list = &mut pool[pool_class(size)];
    if let Some(lo) = list.pop() {
        drop(pool);
        // SAFETY: a free pooled stack, used by nobody (see stackalloc on zeroing).
        unsafe { std::ptr::write_bytes(lo as *mut u8, 0, size) };
        return (lo, lo + size);
    }
    let base = sys::mmap_anon(POOL_SPAN);
    if base.is_null() {
        crate::panic::throw("runtime: cannot allocate goroutine stack");
    }
    // A fresh span reads as zero: hand out its first stack, keep the rest.
    let base = base as usize;
    list.extend((1..POOL_SPAN / size).rev().map(|i| base + i * size));
    (base, base + size)
}

/// Returns a pooled stack.
///
/// # Safety
/// Nothing runs on or points into `[lo, hi)` any more.
unsafe fn pool_free(lo: usize, hi: usize) {
    let mut pool = STACK_POOL.lock().unwrap_or_else(|p| p.into_inner());
    pool[pool_class(hi - lo)].push(lo);
}

/// The stack a new goroutine starts with.
pub(crate) fn initial_stack_size(mode: StackMode) -> usize {
    match mode {
        StackMode::Growable => STACK_MIN,
        StackMode::Fixed => FIXED_STACK_SIZE,
    }
}

/// `stackguard0` of a goroutine with stack bottom `lo` that is not being preempted.
pub(crate) fn normal_guard(lo: usize, mode: StackMode, knobs: Knobs) -> usize {
    match mode {
        StackMode::Fixed => 0,
        StackMode::Growable if knobs.stackmove => STACK_POISON_MOVE,
        StackMode::Growable => lo + STACK_GUARD,
    }
}

/// Frees what a dead goroutine no longer needs before its G is reused: a stack grown
/// beyond the initial size (the next goroutine gets a fresh small one) and aggregate
/// chunks beyond the first.
///
/// # Safety
/// Nothing runs on `g`'s stack or uses its aggregates any more.
pub(crate) unsafe fn release_goroutine_memory(g: &mut G) {
    if g.stack_hi - g.stack_lo != STACK_MIN {
        // SAFETY: caller's contract.
        unsafe { stackfree(g.stack_lo, g.stack_hi) };
        g.stack_lo = 0;
        g.stack_hi = 0;
    }
    for c in g.agg.chunks.drain(g.agg.chunks.len().min(1)..) {
        // SAFETY: caller's contract: no aggregate lives in these chunks.
        unsafe { c.free() };
    }
    g.agg_sp = 0;
    g.agg_limit = 0;
}

// ---------------------------------------------------------------------------------
// Running a goroutine
// ---------------------------------------------------------------------------------

/// How the main goroutine's stack is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackMode {
    /// Go's contiguous stacks: [`STACK_MIN`] bytes, grown by copying.
    Growable,
    /// One 1 GiB reserved stack with `stackguard0 = 0`: prologue checks never fail.
    /// For measuring the check's cost (`--no-stack-check`); no 1 GB-limit report.
    Fixed,
}

/// Sets up an M on the current thread (g0 = this thread's stack) and goroutine 1 with
/// a stack per `mode` (initial size `size` when growable), runs `body(g)` on the
/// system stack, then frees the goroutine and the M. Without the scheduler: for unit
/// tests of the stack machinery in isolation.
#[cfg(test)]
pub(crate) fn on_new_m<R>(
    mode: StackMode,
    knobs: Knobs,
    size: usize,
    body: impl FnOnce(*mut G) -> R,
) -> R {
    let m = M::for_this_thread(knobs, mode == StackMode::Fixed);
    let g = Box::into_raw(Box::new(G::new(1)));
    let (slo, shi) = stackalloc(if mode == StackMode::Fixed {
        FIXED_STACK_SIZE
    } else {
        size
    });
    // SAFETY: `m` and `g` were just allocated and are owned here.
    unsafe {
        (*m).curg = g;
        (*g).stack_lo = slo;
        (*g).stack_hi = shi;
        (*g).stackguard0 = match mode {
            StackMode::Fixed => 0,
            StackMode::Growable if knobs.stackmove => STACK_POISON_MOVE,
            StackMode::Growable => slo + STACK_GUARD,
        };
        (*g).m = m;
    }
    let prev = CURRENT_M.with(|c| c.replace(m));
    let r = body(g);
    CURRENT_M.with(|c| c.set(prev));
    // SAFETY: the goroutine has returned; nothing runs on its stack or chunks, and the
    // three boxes are freed exactly once.
    unsafe {
        stackfree((*g).stack_lo, (*g).stack_hi);
        for c in (*g).agg.chunks.drain(..) {
            c.free();
        }
        drop(Box::from_raw(g));
        drop(Box::from_raw((*m).g0));
        drop(Box::from_raw(m));
    }
    r
}

/// Calls `f(args...)` on goroutine `g`'s stack (from the system stack of `g.m`).
///
/// # Safety
/// `g` was set up by [`on_new_m`] on this thread and is not running; `f` is a System V
/// function of at most six integer arguments.
#[cfg(test)]
pub(crate) unsafe fn goroutine_call(g: *mut G, f: usize, args: &[usize; 6]) {
    // SAFETY: caller's contract: `g` and its M are live and belong to this thread.
    unsafe {
        let m = (*g).m;
        (*m).gcur = g;
        arch::mstart((*m).g0, (*g).stack_hi, f, args);
        (*m).gcur = (*m).g0;
    }
}

// ---------------------------------------------------------------------------------
// systemstack
// ---------------------------------------------------------------------------------

/// Runs `f` on the system stack (Go's `systemstack`) and returns its result. Every
/// runtime entry point whose Rust code may need more than a small, proven bound of
/// stack calls this first (docs/stacks.md lists them). Directly calls `f` when already
/// on g0 or when this thread runs no goroutine.
///
/// `f` and its result travel through `M.sysbuf`, not the goroutine stack, so that no
/// pointer into the goroutine stack is left behind in it. Capture values (`move`),
/// not references to the wrapper's locals.
#[inline(always)]
pub fn systemstack<R, F: FnOnce() -> R>(f: F) -> R {
    let m = current_m();
    // SAFETY: a non-null CURRENT_M is this thread's live M.
    if m.is_null() || unsafe { (*m).gcur == (*m).g0 } {
        return f();
    }
    const {
        assert!(size_of::<F>() <= SYSBUF_SIZE && align_of::<F>() <= 16);
        assert!(size_of::<R>() <= SYSBUF_SIZE && align_of::<R>() <= 16);
    }
    // SAFETY: the mailbox is big and aligned enough (checked above) and free: it is
    // only used between here and the read below, and nested systemstack calls (on g0)
    // call directly. `trampoline::<F, R>` moves `f` out, runs it and writes an `R`.
    unsafe {
        let buf = std::ptr::addr_of_mut!((*m).sysbuf) as *mut u8;
        std::ptr::write(buf as *mut F, f);
        arch::systemstack_switch(m, trampoline::<F, R>);
        std::ptr::read(buf as *const R)
    }
}

/// [`systemstack`] for code that never returns (panics, fatal errors, exit).
#[inline(always)]
pub fn systemstack_noreturn(f: impl FnOnce()) -> ! {
    systemstack(f);
    // Unreachable: every caller's closure diverges. Exit like a fatal error if not.
    sys::exit(2)
}

/// Runs on g0: takes the closure out of the mailbox, runs it, stores the result.
unsafe extern "C" fn trampoline<F: FnOnce() -> R, R>(m: *mut M) {
    // SAFETY: systemstack wrote an `F` into the mailbox just before switching.
    let f = unsafe { std::ptr::read(std::ptr::addr_of!((*m).sysbuf) as *const F) };
    let r = f();
    // SAFETY: the mailbox is free again and holds an `R` (size/alignment checked).
    unsafe { std::ptr::write(std::ptr::addr_of_mut!((*m).sysbuf) as *mut R, r) };
}

// ---------------------------------------------------------------------------------
// newstack / copystack
// ---------------------------------------------------------------------------------

/// `(new sp, new bp)` returned to `morestack_noctxt` in RAX:RDX.
#[repr(C)]
pub struct SpBp {
    sp: usize,
    bp: usize,
}

/// The size to move a stack of `old` bytes to when `used` bytes are live and the
/// function needs `framesize` more (plus the guard): doubled (kept when
/// `force_move`) until it fits. `Err(size)` when that size exceeds `max`.
pub fn grow_size(
    old: usize,
    used: usize,
    framesize: usize,
    force_move: bool,
    max: usize,
) -> Result<usize, usize> {
    let needed = used.saturating_add(framesize).saturating_add(STACK_GUARD);
    let mut new = if force_move {
        old
    } else {
        old.saturating_mul(2)
    };
    while new < needed {
        new = new.saturating_mul(2);
    }
    if new > max {
        Err(new)
    } else {
        Ok(new)
    }
}

/// Called by `morestack_noctxt` on g0 when goroutine `gp`'s prologue check failed:
/// `sp` is the SP at morestack entry (`[sp]` = restart), `bp` the caller's frame
/// pointer, `framesize` F. Grows (or, under stackmove, moves) the stack and returns
/// where morestack resumes: the copied SP, whose `[sp]` is `restart`, or
/// `restart + 5` (`resume`) when F + guard bytes are already guaranteed.
///
/// # Safety
/// Called only from `morestack_noctxt` with `gp` = the M's curg, suspended.
pub(crate) unsafe extern "C" fn newstack(
    gp: *mut G,
    sp: usize,
    bp: usize,
    framesize: usize,
) -> SpBp {
    // SAFETY: on g0 in newstack, the goroutine suspended in morestack.
    unsafe { crate::repl::check_interrupt(gp) };
    // SAFETY: morestack passes the running goroutine, whose M is live.
    let (g, knobs) = unsafe { (&mut *gp, (*(*gp).m).knobs) };
    // A preemption request yields here when the frame fits (else the stack grows
    // and the request is dropped: sysmon asks again).
    if crate::sched::take_preempt_request(g) && sp.saturating_sub(framesize + STACK_GUARD) >= g.stack_lo {
        // SAFETY: on g0 inside newstack, g.morebuf holds the entry state; returns only
        // if the goroutine cannot yield here.
        unsafe { crate::sched::preempt_in_newstack(gp) };
        return SpBp { sp, bp };
    }
    if sp < g.stack_lo || sp >= g.stack_hi {
        let mut b = b"runtime: newstack sp=".to_vec();
        append_stack_range(&mut b, sp, g);
        sys::write_all(sys::STDERR, &b);
        crate::panic::throw("runtime: split stack overflow");
    }
    let old = g.stack_hi - g.stack_lo;
    let used = g.stack_hi - sp;
    let fits = sp.saturating_sub(framesize + STACK_GUARD) >= g.stack_lo;
    if knobs.stackmove && fits && !stress_move_due(&mut g.stress_skipped, used) {
        // SAFETY: [sp] is `restart`; the frame fits, so the function may resume past
        // its check on the same stack (the guard stays poisoned).
        unsafe { *(sp as *mut usize) += arch::RESUME_OFFSET };
        return SpBp { sp, bp };
    }
    let max = crate::repl::max_stack(knobs.max_stack);
    let newsize = match grow_size(old, used, framesize, knobs.stackmove, max.saturating_sub(agg_in_use(g))) {
        Ok(n) => n,
        Err(_) => {
            let mut detail = b"runtime: sp=".to_vec();
            append_stack_range(&mut detail, sp, g);
            stack_overflow(max, &detail)
        }
    };
    // Registers are not verified: argument registers beyond a function's parameters
    // hold dead values (a two-parameter function leaves rdx..r9 undefined) that can
    // look like old-stack addresses, and without per-function argument maps they
    // cannot be told apart. Codegen's invariant (docs/abi.md, "The aggregate stack")
    // is that no argument ever points into the goroutine stack.
    let verify = Verify::stack_if(knobs.verify);
    // SAFETY: the goroutine is suspended in morestack; [sp, hi) is its live stack and
    // bp its innermost saved-FP chain link.
    let started = std::time::Instant::now();
    let (nsp, nbp, frames) = unsafe { copystack(g, newsize, sp, bp, verify) };
    let took = started.elapsed();
    g.stackguard0 = if knobs.stackmove {
        STACK_POISON_MOVE
    } else {
        g.stack_lo + STACK_GUARD
    };
    // The entry state is consumed; leave no stale stack address in the G.
    g.morebuf.sp = 0;
    g.morebuf.bp = 0;
    if knobs.stackmove {
        // SAFETY: [nsp] is the copied return address `restart`; grow_size made room
        // for F + guard below it, so the function may skip the check.
        unsafe { *(nsp as *mut usize) += arch::RESUME_OFFSET };
    }
    if knobs.log {
        log_move(g.goid, old, newsize, used, frames, took);
    }
    SpBp { sp: nsp, bp: nbp }
}

/// Under the stress knob, whether this check (whose frame fits) moves the stack.
///
/// Moving at every check copies the whole used stack per call: quadratic in the
/// recursion depth, hours for a million-deep recursion. So every check moves while
/// at most `STRESS_EVERY_CHECK` bytes are in use, and beyond that one check in
/// `used / STRESS_BYTES_PER_CHECK` does: copying stays at most that many bytes per
/// check on average, and moves still happen throughout every deep recursion.
fn stress_move_due(skipped: &mut usize, used: usize) -> bool {
    const STRESS_EVERY_CHECK: usize = 64 << 10;
    const STRESS_BYTES_PER_CHECK: usize = 4 << 10;
    *skipped += 1;
    if used <= STRESS_EVERY_CHECK || *skipped >= used / STRESS_BYTES_PER_CHECK {
        *skipped = 0;
        true
    } else {
        false
    }
}

/// Go's stack-overflow report: `runtime: goroutine stack exceeds N-byte limit`, a
/// `detail` line, then `fatal error: stack overflow` and the traceback; exit 2.
fn stack_overflow(max: usize, detail: &[u8]) -> ! {
    let mut b = b"runtime: goroutine stack exceeds ".to_vec();
    append_uint(&mut b, max as u64);
    b.extend_from_slice(b"-byte limit\n");
    b.extend_from_slice(detail);
    sys::write_all(sys::STDERR, &b);
    crate::panic::throw_goroutine("stack overflow")
}

/// Appends `0xSP stack=[0xLO, 0xHI]\n` as Go's stack messages do.
fn append_stack_range(b: &mut Vec<u8>, sp: usize, g: &G) {
    append_hex(b, sp as u64);
    b.extend_from_slice(b" stack=[");
    append_hex(b, g.stack_lo as u64);
    b.extend_from_slice(b", ");
    append_hex(b, g.stack_hi as u64);
    b.extend_from_slice(b"]\n");
}

/// `MORESTACKDEBUG=stack=1`'s line for one copy.
fn log_move(goid: i64, old: usize, new: usize, copied: usize, frames: usize, took: std::time::Duration) {
    let mut b = b"runtime: goroutine ".to_vec();
    append_int(&mut b, goid);
    b.extend_from_slice(match new.cmp(&old) {
        std::cmp::Ordering::Greater => b" stack grow ",
        std::cmp::Ordering::Equal => b" stack move ",
        std::cmp::Ordering::Less => b" stack shrink ",
    });
    append_uint(&mut b, old as u64);
    b.extend_from_slice(b" -> ");
    append_uint(&mut b, new as u64);
    b.extend_from_slice(b" bytes, copied ");
    append_uint(&mut b, copied as u64);
    b.extend_from_slice(b" bytes, ");
    append_uint(&mut b, frames as u64);
    b.extend_from_slice(b" frames adjusted, in ");
    let ns = took.as_nanos().max(1) as u64;
    append_uint(&mut b, ns / 1000);
    // Copier throughput: bytes copied per nanosecond = GB/s (two decimals).
    b.extend_from_slice(b" us, ");
    let centi_gbps = copied as u64 * 100 / ns;
    append_uint(&mut b, centi_gbps / 100);
    b.push(b'.');
    b.push(b'0' + (centi_gbps / 10 % 10) as u8);
    b.push(b'0' + (centi_gbps % 10) as u8);
    b.extend_from_slice(b" GB/s\n");
    sys::write_all(sys::STDERR, &b);
}

/// What [`copystack`]'s debug verifier checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verify {
    Off,
    /// Every word of the copied stack. (Not the saved registers: see `newstack`.)
    Stack,
}

impl Verify {
    fn stack_if(on: bool) -> Verify {
        if on {
            Verify::Stack
        } else {
            Verify::Off
        }
    }
}

/// Moves `g`'s stack to a fresh one of `newsize` bytes: copies the live part
/// `[sp, hi)` to the top of the new stack, adjusts the frame pointer `bp`, every saved
/// frame pointer along its chain and the runtime records pointing into the stack
/// (`g.sched`, `g.morebuf.sp/bp`), frees the old stack, and (when `verify`) checks
/// that no other word or saved register still points into the old one. Returns the
/// new sp, the new bp and the number of frame pointers adjusted. Does not touch
/// `stackguard0`.
///
/// # Safety
/// `g` is suspended (not running on its stack), `[sp, hi)` is its live stack, `bp` the
/// innermost frame pointer of its chain (or any value outside the stack).
pub(crate) unsafe fn copystack(
    g: &mut G,
    newsize: usize,
    sp: usize,
    bp: usize,
    verify: Verify,
) -> (usize, usize, usize) {
    let (old_lo, old_hi) = (g.stack_lo, g.stack_hi);
    let used = old_hi - sp;
    let (new_lo, new_hi) = stackalloc(newsize);
    let delta = new_hi.wrapping_sub(old_hi);
    let in_old = |v: usize| (old_lo..old_hi).contains(&v);
    let adj = |v: usize| if in_old(v) { v.wrapping_add(delta) } else { v };
    // Copy from the top down in chunks; a big stack gives each copied chunk's pages
    // back at once, so the old and the new stack are never both fully resident (the
    // peak RSS of a growth is about the new stack, not twice the old one).
    let mut top = old_hi;
    while top > sp {
        let bottom = top.saturating_sub(COPY_CHUNK).max(sp);
        // SAFETY: [bottom, top) is part of the live old stack [sp, old_hi); its copy
        // lands inside the fresh mapping's top `used` bytes (newsize >= used by
        // grow_size/shrink policy); they do not overlap.
        unsafe { std::ptr::copy_nonoverlapping(bottom as *const u8, bottom.wrapping_add(delta) as *mut u8, top - bottom) };
        if old_hi - old_lo >= RELEASE_WHILE_COPYING && (top - bottom) == COPY_CHUNK {
            // SAFETY: page-aligned (old_hi and COPY_CHUNK are), already copied; from
            // here on only the copy is read.
            unsafe { sys::release_pages(bottom, COPY_CHUNK) };
        }
        top = bottom;
    }

    // The frame-pointer chain: each [fp] that points into the old stack is a saved
    // frame pointer (the invariant of this module); rewrite it in the copy and follow.
    let mut frames = 0;
    if in_old(bp) {
        frames += 1;
    }
    let mut fp = bp;
    while fp >= sp && fp + 16 <= old_hi && fp.is_multiple_of(8) {
        // SAFETY: `fp` lies in the live old stack (checked), 8-aligned; its copy at
        // fp + delta is initialised (the old page may have been given back).
        let next = unsafe { (fp.wrapping_add(delta) as *const usize).read() };
        if !in_old(next) || next <= fp {
            break; // the chain's end (0, or a frame of another stack)
        }
        // SAFETY: fp + delta is the copy of `fp`, inside the new stack's used part.
        unsafe { ((fp.wrapping_add(delta)) as *mut usize).write(next.wrapping_add(delta)) };
        frames += 1;
        fp = next;
    }
    g.sched.sp = adj(g.sched.sp);
    g.sched.bp = adj(g.sched.bp);
    g.morebuf.sp = adj(g.morebuf.sp);
    g.morebuf.bp = adj(g.morebuf.bp);
    g.panicbuf.sp = adj(g.panicbuf.sp);
    g.panicbuf.bp = adj(g.panicbuf.bp);
    // SAFETY: the defer and panic records of a suspended goroutine are live and
    // exclusively ours while it is suspended.
    unsafe { crate::panic::adjust_records(g, &adj) };
    g.stack_lo = new_lo;
    g.stack_hi = new_hi;
    let (nsp, nbp) = (sp.wrapping_add(delta), adj(bp));

    if verify != Verify::Off {
        // SAFETY: [nsp, new_hi) was just written (the copy); readable words.
        let words = unsafe { std::slice::from_raw_parts(nsp as *const usize, used / 8) };
        if let Some(off) = find_unadjusted(words, sp, (old_lo, old_hi), &is_code_address) {
            let mut b = b"runtime: copystack: word at sp+".to_vec();
            append_hex(&mut b, off as u64);
            b.extend_from_slice(b" = ");
            append_hex(&mut b, words[off / 8] as u64);
            b.extend_from_slice(b", old stack=[");
            append_hex(&mut b, old_lo as u64);
            b.extend_from_slice(b", ");
            append_hex(&mut b, old_hi as u64);
            b.extend_from_slice(b"), sp was ");
            append_hex(&mut b, sp as u64);
            b.push(b'\n');
            sys::write_all(sys::STDERR, &b);
            let mut b = b"unadjusted pointer into old stack at sp+".to_vec();
            append_hex(&mut b, off as u64);
            crate::panic::throw(std::str::from_utf8(&b).unwrap_or("?"));
        }
    }
    // SAFETY: the goroutine's live data has been copied; nothing refers to the old
    // stack any more (the chain and records were adjusted above).
    unsafe { stackfree(old_lo, old_hi) };
    (nsp, nbp, frames)
}

/// Whether `pc` may be a return address: inside a registered compiled function or in
/// executable memory (the runtime's own code).
fn is_code_address(pc: usize) -> bool {
    crate::symtab::with_func(pc, |_| ()).is_some() || sys::is_executable(pc)
}

/// The copy verifier: the byte offset of the first word of `words` (the live stack,
/// from `sp` up to the old stack's top `old.1`) whose value points into the live part
/// of the old stack `[sp, hi)` and is not a frame pointer — a pointer into the stack
/// that nobody adjusted. Without stack maps, dead words inside live frames (padding,
/// spill slots not yet written) cannot be told from live ones, and they can hold saved
/// frame pointers of returned calls. So these are tolerated:
/// * values below `sp`: they point into dead memory, so nothing can use them;
/// * frame records: a value followed by a return address (`is_code(next word)`);
/// * frame pointers: a value `v` whose target frame's return-address slot
///   (`v + 8`) holds a return address.
///
/// A codegen bug (the address of a spill or stack slot kept across a call) points at
/// data, not at a frame base, and is reported.
pub fn find_unadjusted(
    words: &[usize],
    sp: usize,
    old: (usize, usize),
    is_code: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let lo = sp.max(old.0);
    for (i, &v) in words.iter().enumerate() {
        if v < lo || v >= old.1 {
            continue;
        }
        let frame_record = words.get(i + 1).is_some_and(|&ret| is_code(ret));
        let frame_pointer =
            v.is_multiple_of(8) && words.get((v - sp) / 8 + 1).is_some_and(|&ret| is_code(ret));
        if !frame_record && !frame_pointer {
            return Some(i * 8);
        }
    }
    None
}

/// `morestack_noctxt` found no M (kind 0) or found itself on g0 (kind 1): Go's
/// `badmorestackg0` prints `fatal: morestack on g0` and crashes; we add the traceback
/// and exit 2.
pub(crate) unsafe extern "C" fn badmorestack(kind: usize, _g: *mut G) -> ! {
    if kind == 0 {
        crate::panic::throw("morestack on a goroutine without an M");
    }
    let mut b = b"fatal: morestack on g0\n\nruntime stack:\n".to_vec();
    crate::traceback::append_traceback(&mut b, arch::frame_pointer());
    sys::write_all(sys::STDERR, &b);
    sys::exit(2)
}

// ---------------------------------------------------------------------------------
// Shrinking
// ---------------------------------------------------------------------------------

/// Halves `gp`'s stack when less than a quarter of it is used (Go's `shrinkstack`,
/// counting half the guard as used), never below [`STACK_MIN`]; same precise copy as
/// growth. Returns whether it moved the stack.
///
/// Safe point: `gp` must be suspended in [`systemstack`] entered directly from
/// compiled code, or parked by the scheduler (`g.sched` holds its SP/BP either way),
/// with no runtime frame in between that keeps stack addresses; `runtime.GC` and a
/// parked goroutine are such points (crate::sched's invariant).
///
/// # Safety
/// Runs on g0; `gp` is a live, suspended goroutine of this M.
pub unsafe fn shrinkstack(gp: *mut G) -> bool {
    // SAFETY: caller's contract.
    let g = unsafe { &mut *gp };
    // SAFETY: a goroutine's M outlives it.
    let Some(m) = (unsafe { g.m.as_ref() }) else {
        return false;
    };
    if m.fixed || g.sched.sp == 0 || m.gcur == gp {
        return false;
    }
    let old = g.stack_hi - g.stack_lo;
    let new = old / 2;
    if new < STACK_MIN {
        return false;
    }
    // Go's rule (used < a quarter, counting part of the guard as used): the shrunk
    // stack keeps at least half of itself free above the guard.
    let used = g.stack_hi - g.sched.sp;
    if used + STACK_GUARD / 2 >= old / 4 {
        return false;
    }
    let knobs = m.knobs;
    let started = std::time::Instant::now();
    // SAFETY: suspended in systemstack: [sched.sp, hi) is live, sched.bp the chain.
    let (_, _, frames) = unsafe {
        copystack(
            g,
            new,
            g.sched.sp,
            g.sched.bp,
            Verify::stack_if(knobs.verify),
        )
    };
    g.stackguard0 = if knobs.stackmove {
        STACK_POISON_MOVE
    } else {
        g.stack_lo + STACK_GUARD
    };
    if knobs.log {
        log_move(g.goid, old, new, used, frames, started.elapsed());
    }
    true
}

/// `runtime.GC()`: there is no collector yet; the call is the safe point where
/// goroutine stacks shrink (Go shrinks stacks during GC): the caller's, and those of
/// every goroutine that is parked or runnable.
#[export_name = "runtime.GC"]
pub extern "C" fn gc() {
    systemstack(|| {
        let m = current_m();
        // SAFETY: on g0 of a live M; curg is suspended in this systemstack call.
        unsafe {
            if !m.is_null() && !(*m).curg.is_null() {
                shrinkstack((*m).curg);
            }
        }
        crate::sched::shrink_idle_stacks();
    })
}

// ---------------------------------------------------------------------------------
// The aggregate stack
// ---------------------------------------------------------------------------------

/// `runtime.morestackagg(g, size)`: a 16-aligned region of `size` bytes in the chunk
/// after the current one (reused from the cache when big enough); sets `g.agg_sp` to
/// its end and `g.agg_limit` to the chunk's limit (docs/abi.md "The aggregate stack").
///
/// # Safety
/// `g` is the calling goroutine; `g.agg_limit` is 0 or a limit this function set.
#[export_name = "runtime.morestackagg"]
pub unsafe extern "C" fn morestackagg(g: *mut G, size: u64) -> *mut u8 {
    // SAFETY: caller's contract; the G outlives the call.
    systemstack(move || unsafe { agg_grow(&mut *g, size) })
}

/// The body of [`morestackagg`].
///
/// # Safety
/// As for `morestackagg`.
unsafe fn agg_grow(g: &mut G, size: u64) -> *mut u8 {
    if size > (1 << 40) {
        crate::panic::throw("runtime: out of memory");
    }
    let size = (size as usize + 15) & !15;
    // Chunks are used LIFO: the current one (holding agg_limit) and those before it
    // hold live aggregates, those after it are free cache.
    let next = if g.agg_limit == 0 {
        0
    } else {
        // SAFETY: a non-zero agg_limit is a chunk limit; its header holds the index.
        unsafe { (g.agg_limit as *const usize).read() + 1 }
    };
    let chunks = &mut g.agg.chunks;
    let fits = |c: &AggChunk| c.limit - c.base >= size;
    if next >= chunks.len() || !fits(&chunks[next]) {
        let usual = (AGG_FIRST_CHUNK << (2 * next.min(8))).min(AGG_CHUNK_SIZE);
        let c = AggChunk::alloc((size + AGG_HEADER).max(usual));
        // SAFETY: the header word lies inside the fresh chunk.
        unsafe { (c.limit as *mut usize).write(next) };
        if next < chunks.len() {
            let old = std::mem::replace(&mut chunks[next], c);
            // SAFETY: chunk `next` is after the current one: no live aggregate in it.
            unsafe { old.free() };
        } else {
            chunks.push(c);
        }
    }
    // Aggregates are part of the goroutine's stack as Go counts it (Go keeps arrays
    // and structs in frames): together with the goroutine stack they are subject to
    // the same 1 GB limit, so unbounded recursion with big locals still ends in
    // `fatal error: stack overflow` rather than exhausting memory.
    // SAFETY: a non-null M is live while its goroutine runs (a G without one exists
    // only in unit tests).
    let max = if g.m.is_null() { MAX_STACK_SIZE } else { crate::repl::max_stack(unsafe { (*g.m).knobs.max_stack }) };
    // A fixed stack (stackguard0 == 0, `--no-stack-check`) is reserved whole and not
    // subject to the limit; only its aggregates count.
    let stack = if g.stackguard0 == 0 { 0 } else { g.stack_hi - g.stack_lo };
    let in_use: usize = chunks[..=next].iter().map(AggChunk::len).sum::<usize>() + stack;
    if in_use > max {
        let mut detail = b"runtime: aggregate stack ".to_vec();
        append_uint(&mut detail, (in_use - stack) as u64);
        detail.extend_from_slice(b" bytes, stack=[");
        append_hex(&mut detail, g.stack_lo as u64);
        detail.extend_from_slice(b", ");
        append_hex(&mut detail, g.stack_hi as u64);
        detail.extend_from_slice(b"]\n");
        stack_overflow(max, &detail);
    }
    let c = chunks[next];
    g.agg_sp = c.base + size;
    g.agg_limit = c.limit;
    c.base as *mut u8
}

/// The `g.agg_limit` that goes with `sp`, an `agg_sp` the goroutine had earlier
/// (what an open-coded frame recorded; a recovery into it restores both): the limit
/// of the newest chunk in use that holds `sp` (0 for 0, before any chunk). Chunks
/// are used LIFO, so that chunk was current when `sp` was; where a full chunk ends
/// at the next one's base, either limit is consistent with `sp`.
pub(crate) fn agg_limit_for(g: &G, sp: usize) -> usize {
    if sp == 0 || g.agg_limit == 0 {
        return 0;
    }
    // SAFETY: a non-zero agg_limit is a chunk limit; its header holds the index.
    let current = unsafe { (g.agg_limit as *const usize).read() };
    match g.agg.chunks[..=current].iter().rev().find(|c| c.base <= sp && sp <= c.limit) {
        Some(c) => c.limit,
        None => crate::panic::throw("runtime: an aggregate-stack pointer outside the chunks in use"),
    }
}

/// Bytes of aggregate stack in use: the chunks up to and including the current one.
fn agg_in_use(g: &G) -> usize {
    if g.agg_limit == 0 {
        return 0;
    }
    // SAFETY: a non-zero agg_limit is a chunk limit; its header holds the index.
    let current = unsafe { (g.agg_limit as *const usize).read() };
    g.agg.chunks[..=current].iter().map(AggChunk::len).sum()
}

// ---------------------------------------------------------------------------------
// For tracebacks
// ---------------------------------------------------------------------------------

/// `(goid, g0's [lo, hi), the user goroutine's [lo, hi))`.
pub(crate) type TracebackStacks = (i64, (usize, usize), (usize, usize));

/// The stacks a traceback may walk on this thread, or None on a thread without an M.
pub(crate) fn traceback_stacks() -> Option<TracebackStacks> {
    let m = current_m();
    if m.is_null() {
        return None;
    }
    // SAFETY: this thread's live M and its Gs.
    unsafe {
        let g0 = &*(*m).g0;
        let g = (*m).curg.as_ref()?;
        Some((g.goid, (g0.stack_lo, g0.stack_hi), (g.stack_lo, g.stack_hi)))
    }
}

#[cfg(test)]
mod tests;
