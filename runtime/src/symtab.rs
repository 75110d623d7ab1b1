//! The table of compiled functions: for each one its code range, Go name, source file
//! and a code-offset → line table. The driver registers every function after JIT
//! finalisation, an executable's `runtime.rt0_go` (crate::aot) before its program
//! starts; tracebacks look program counters up here.
//!
//! Invariants: functions do not overlap; `lines` is sorted by code offset. Registration
//! may happen from any thread at any time; lookups sort the table once (lazily, after
//! the last registration) and then binary-search it. What the panic machinery asks of
//! every frame it walks (open-coded defers, landing pads) is also kept in per-thread
//! caches keyed by program counter, valid while no function is registered
//! ([`GENERATION`]).
//!
//! Not here: walking stacks (`traceback`), runtime (Rust) functions, which are never
//! registered and therefore never shown.

use std::cell::{Cell, OnceCell};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};

/// One compiled function.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    /// Address of the first instruction.
    pub entry: usize,
    /// Code size in bytes.
    pub len: usize,
    /// Go-qualified name as tracebacks print it, e.g. `main.main`.
    pub name: String,
    /// Source file path.
    pub file: String,
    /// `(code offset, line)` pairs sorted by offset: the instruction at an offset and
    /// those after it (up to the next pair) belong to that line.
    pub lines: Vec<(u32, u32)>,
    /// The exception landing pads of its `try_call`s, sorted by `ret` (functions with
    /// defers only): where a recovery resumes it.
    pub landing_pads: Vec<LandingPad>,
    /// Open-coded functions: where their pending deferred calls wait.
    pub open_defers: Option<OpenDefers>,
}

/// One `try_call` site (Cranelift's call-site table): the call's return address, its
/// landing pad, and FP - SP at the call, all as code offsets / bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LandingPad {
    pub ret: u32,
    pub handler: u32,
    pub frame_offset: u32,
}

/// An open-coded function's defer slot in its native frame (crates/codegen's
/// defers): at `fp - fp_offset` a word of bits (bit i: closure i pending), the
/// function's `g.agg_sp` after its aggregate frame, then `count` `func()` closure
/// pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenDefers {
    pub fp_offset: u32,
    pub count: u32,
}

impl OpenDefers {
    /// The address of the bits word of the frame whose frame pointer is `fp`.
    pub fn bits(&self, fp: usize) -> usize {
        fp - self.fp_offset as usize
    }

    /// The address of the recorded `g.agg_sp`.
    pub fn agg_sp(&self, fp: usize) -> usize {
        self.bits(fp) + 8
    }

    /// The address of closure `i`.
    pub fn closure(&self, fp: usize, i: usize) -> usize {
        self.bits(fp) + 16 + 8 * i
    }
}

impl FuncInfo {
    /// Whether this is a defer thunk (`main.f.deferwrap1`, crates/codegen's defers).
    pub fn is_defer_thunk(&self) -> bool {
        self.name.rsplit('.').next().is_some_and(|last| last.starts_with("deferwrap"))
    }

    /// Whether this is a `go` statement's thunk (`main.main.gowrap1`), which calls the
    /// goroutine's function with the arguments evaluated at the `go` statement. Go
    /// passes those arguments without a wrapper, so tracebacks hide it.
    pub fn is_go_thunk(&self) -> bool {
        self.name.rsplit('.').next().is_some_and(|last| last.starts_with("gowrap"))
    }

    /// The source line of the instruction at code offset `off` (0 if unknown).
    pub fn line_at(&self, off: u32) -> u32 {
        let i = self.lines.partition_point(|&(o, _)| o <= off);
        if i == 0 {
            self.lines.first().map_or(0, |&(_, l)| l)
        } else {
            self.lines[i - 1].1
        }
    }
}

struct Table {
    funcs: Vec<FuncInfo>,
    sorted: bool,
}

static TABLE: RwLock<Table> = RwLock::new(Table {
    funcs: Vec::new(),
    sorted: true,
});

/// Counts registrations: a cached lookup made under another count is stale.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// Registers a compiled function (thread-safe).
pub fn register(f: FuncInfo) {
    let mut t = TABLE.write().unwrap_or_else(PoisonError::into_inner);
    t.funcs.push(f);
    t.sorted = false;
    GENERATION.fetch_add(1, Ordering::Release);
}

/// A direct-mapped cache of a lookup by program counter.
struct PcCache<V: Copy>(Box<[Cell<PcEntry<V>>]>);

/// `(pc, generation, value)`.
type PcEntry<V> = (usize, u64, Option<V>);

const PC_CACHE_SIZE: usize = 256;

impl<V: Copy> PcCache<V> {
    fn new() -> Self {
        PcCache((0..PC_CACHE_SIZE).map(|_| Cell::new((0, 0, None))).collect())
    }

    /// `lookup(pc)`, from the cache when it was made since the last registration.
    fn get(&self, pc: usize, lookup: impl FnOnce(usize) -> Option<V>) -> Option<V> {
        let generation = GENERATION.load(Ordering::Acquire);
        let entry = &self.0[(pc >> 2) % PC_CACHE_SIZE];
        match entry.get() {
            (p, g, v) if p == pc && g == generation => v,
            _ => {
                let v = lookup(pc);
                entry.set((pc, generation, v));
                v
            }
        }
    }
}

/// A thread's caches, allocated at its first lookup: thread-local storage comes out
/// of each thread's stack (C-created threads' too), so it holds only the pointer.
struct Caches {
    landing_pads: PcCache<(usize, u32)>,
    open_defers: PcCache<OpenDefers>,
    defer_thunks: PcCache<bool>,
}

thread_local! {
    static CACHES: OnceCell<Box<Caches>> = const { OnceCell::new() };
}

fn with_caches<R>(f: impl FnOnce(&Caches) -> R) -> R {
    CACHES.with(|c| {
        f(c.get_or_init(|| {
            Box::new(Caches {
                landing_pads: PcCache::new(),
                open_defers: PcCache::new(),
                defer_thunks: PcCache::new(),
            })
        }))
    })
}

/// Whether no function is registered (unit tests, or before the driver ran).
pub fn is_empty() -> bool {
    TABLE
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .funcs
        .is_empty()
}

/// Calls `f` with the function containing `pc`, if any.
pub fn with_func<R>(pc: usize, f: impl FnOnce(&FuncInfo) -> R) -> Option<R> {
    {
        let t = TABLE.read().unwrap_or_else(PoisonError::into_inner);
        if t.sorted {
            return find(&t.funcs, pc).map(f);
        }
    }
    let mut t = TABLE.write().unwrap_or_else(PoisonError::into_inner);
    if !t.sorted {
        t.funcs.sort_by_key(|f| f.entry);
        t.sorted = true;
    }
    find(&t.funcs, pc).map(f)
}

/// The landing pad of the `try_call` whose return address is `ret`: `(pad address,
/// FP - SP the pad expects)`.
pub fn landing_pad(ret: usize) -> Option<(usize, u32)> {
    with_caches(|c| {
        c.landing_pads.get(ret, |ret| {
            with_func(ret, |f| {
                let off = (ret - f.entry) as u32;
                let i = f.landing_pads.binary_search_by_key(&off, |p| p.ret).ok()?;
                let p = f.landing_pads[i];
                Some((f.entry + p.handler as usize, p.frame_offset))
            })
            .flatten()
        })
    })
}

/// Whether the call returning to `ret` was made by a defer thunk
/// ([`FuncInfo::is_defer_thunk`]); `None` outside compiled code.
pub fn in_defer_thunk(ret: usize) -> Option<bool> {
    with_caches(|c| c.defer_thunks.get(ret, |ret| with_func(ret, |f| f.is_defer_thunk())))
}

/// The defer slot of the open-coded function whose call returns to `ret`, if it is
/// one.
pub fn open_defers(ret: usize) -> Option<OpenDefers> {
    with_caches(|c| c.open_defers.get(ret, |ret| with_func(ret.saturating_sub(1), |f| f.open_defers).flatten()))
}

fn find(funcs: &[FuncInfo], pc: usize) -> Option<&FuncInfo> {
    let i = funcs.partition_point(|f| f.entry <= pc);
    let f = funcs.get(i.checked_sub(1)?)?;
    (pc < f.entry + f.len).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_and_lines() {
        // Addresses far from anything real so other tests' registrations can't clash.
        let base = 0x7fff_0000_0000usize;
        register(FuncInfo {
            entry: base + 0x100,
            len: 0x40,
            name: "main.g".into(),
            file: "/t/x.go".into(),
            lines: vec![(0, 10), (8, 11), (0x20, 12)],
            landing_pads: vec![LandingPad { ret: 0x10, handler: 0x30, frame_offset: 32 }],
            open_defers: None,
        });
        register(FuncInfo {
            entry: base,
            len: 0x80,
            name: "main.f".into(),
            file: "/t/x.go".into(),
            lines: vec![(0, 3)],
            landing_pads: Vec::new(),
            open_defers: None,
        });
        assert_eq!(
            with_func(base + 0x10, |f| f.name.clone()),
            Some("main.f".into())
        );
        assert_eq!(with_func(base + 0x90, |f| f.name.clone()), None);
        assert_eq!(
            with_func(base + 0x13f, |f| f.name.clone()),
            Some("main.g".into())
        );
        assert_eq!(with_func(base + 0x140, |f| f.name.clone()), None);
        let line = |off| with_func(base + 0x100, |f| f.line_at(off)).unwrap();
        assert_eq!(
            (line(0), line(7), line(8), line(0x1f), line(0x30)),
            (10, 10, 11, 11, 12)
        );
        assert_eq!(landing_pad(base + 0x110), Some((base + 0x130, 32)));
        assert_eq!(landing_pad(base + 0x111), None);
        assert_eq!(landing_pad(base + 0x10), None);
    }
}
