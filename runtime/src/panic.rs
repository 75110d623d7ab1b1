//! Panics, `defer` and `recover` with Go 1.19's semantics, and fatal errors.
//!
//! # The model (Go's runtime/panic.go, with records instead of stack scanning)
//!
//! * A function's pending deferred calls are `func()` closures, kept where Go 1.14+
//!   keeps them (crates/codegen's defers): an *open-coded* function (no defer in a
//!   loop) in a slot of its own native frame (a word of bits, then the closures), which
//!   nothing links anywhere: the symbol table records the slot's offset below the
//!   frame pointer (`symtab::OpenDefers`, Go's `FUNCDATA_OpenCodedDeferInfo`); any
//!   other function in a [`DeferFrame`] record in its aggregate-stack frame, linked
//!   into `g.defer` on entry and unlinked when it returns. On a normal return compiled
//!   code runs them itself, directly from the deferring frame (what Go's `jmpdefer`
//!   achieved).
//! * A panic enters through one of `arch`'s panic stubs (`runtime.gopanic`,
//!   `runtime.panicBounds`, ...), which record compiled code's SP/BP and switch to g0,
//!   or from runtime code via [`panic_value`] (the context is then that of the
//!   compiled function that called into the runtime, found on the frame-pointer chain
//!   above what `systemstack` saved: the runtime's frames are abandoned). [`gopanic_m`] pushes a [`Panic`] on `g.panic` and runs the
//!   pending deferred calls newest first *on the goroutine stack, below the panicking
//!   frames* (`arch::call_deferred`): they can see those frames, grow the stack and
//!   panic again. It finds them by walking the frame-pointer chain from the panicking
//!   frame outwards ([`next_deferred`]): each frame that is `g.defer`'s record, or an
//!   open-coded function's with bits set, has pending calls. Only Rust frames of the
//!   panic machinery live on g0.
//! * `recover()` is `runtime.gorecover(g, fp)`: effective only if the calling
//!   function's caller is the deferred-call frame record of the current panic (`argp`),
//!   i.e. it was called directly by the panic machinery, and the panic is not already
//!   recovered.
//! * After a deferred call returns with its panic recovered, [`recovery`] unwinds to the
//!   frame that deferred it: it finds that frame's active call site on the frame-pointer
//!   chain, looks up the call's exception landing pad (Cranelift `try_call`, registered
//!   in `symtab`), restores the aggregate stack to where the frame's prologue left it
//!   (recorded in its `DeferFrame`, or in an open-coded frame's defer slot, whose
//!   chunk limit [`crate::stack::agg_limit_for`] finds), and jumps there with
//!   SP = FP - frame_offset. Every call in a function with defers is a
//!   `try_call` to a `tail`-convention callee, which clobbers all registers, so SP, FP
//!   and PC are the whole state the landing pad needs. The landing pad runs the
//!   frame's remaining defers and returns its results normally.
//!
//! Invariants relied on:
//! * `g.defer` lists records innermost first, and every record belongs to a frame on
//!   the chain at or above the panic's scan cursor ([`Panic::scan_fp`]): frames below
//!   it have no pending calls left. The panic loop unlinks a record once it has no
//!   pending calls, so at a recovery the recovering frame's record (if any) is
//!   `g.defer`.
//! * Whoever runs a deferred call clears its bit or unlinks its node first, so a
//!   nested panic or a recovery never runs it twice.
//! * Records hold goroutine-stack addresses only in `DeferFrame::fp` and `Panic`'s
//!   `sp`/`fp`/`argp`/`scan_fp`; the stack copier adjusts exactly those
//!   ([`adjust_records`]); open-coded slots hold no stack addresses. Rust code on g0
//!   re-reads them after every deferred call.
//! * While a deferred call runs, `g0.sched` points below the panic's g0 frames, so
//!   nested switches to g0 cannot overwrite them; a recovery that abandons g0 frames
//!   restores `g0.sched` to what it was when the oldest abandoned panic began.
//!
//! An uncaught panic prints as Go 1.19 does (GOTRACEBACK=single, the default):
//!
//! ```text
//! panic: FIRST [recovered]             <- the chain of panics, oldest first
//! \tpanic: VALUE                       <- printany, or the error's Error()
//! [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x...]  <- nil deref
//!                                      <- blank line
//! goroutine 1 [running]:
//! main.f(...)                          <- traceback of the compiled frames
//!     /path/x.go:7 +0x1d               <- (a tab before the path)
//! ```
//!
//! then exit status 2. Fatal errors (`throw`) print `fatal error: MSG`, a blank line, the
//! goroutine header and traceback, and exit 2 as well; they are not recoverable.
//! Output goes to fd 2 unbuffered, in as few `write`s as possible.

use crate::abi::{DeferFrame, DeferNode, Eface, GoString, Kind, Type, G};
use crate::errors::{self, BoundsError};
use crate::print::{append_float, append_hex, append_int, append_uint};
use crate::stack::{current_m, Gobuf};
use crate::strings::bytes;
use crate::sys;
use crate::traceback;
use crate::{arch, symtab};

/// Exit status of a program that dies of a panic or a fatal error.
const EXIT_PANIC: i32 = 2;

/// One active panic (Go's `_panic`), innermost first on `G::panic`. Heap-allocated;
/// freed when recovered.
#[derive(Debug)]
pub(crate) struct Panic {
    link: *mut Panic,
    arg: Eface,
    recovered: bool,
    /// `runtime.Goexit`, not a panic: recover returns nil, nothing is printed.
    goexit: bool,
    /// The goroutine's context when the panic began: the lowest live stack word, the
    /// frame pointer there, and the return address into the panicking function (0
    /// when runtime code panicked and no compiled caller was found).
    sp: usize,
    fp: usize,
    pc: usize,
    /// The frame record of the deferred call running now (`arch::call_deferred`
    /// builds it at `sp - 16`); 0 between calls.
    argp: usize,
    /// The scan cursor: the frame (frame pointer, a return address into its function)
    /// whose deferred calls run now; the frames below it have none left.
    scan_fp: usize,
    scan_pc: usize,
    /// `g0.sched` when this panic began.
    g0_sched: Gobuf,
    /// Its place among the records that save `g0.sched` (`cgo::next_g0_save`).
    g0_save: u64,
}

/// The panic entry stubs' kinds (`arch`): what `a1..a4` of [`panic_entry`] mean.
pub(crate) const PANIC_VALUE: usize = 0;
pub(crate) const PANIC_BOUNDS: usize = 1;
pub(crate) const PANIC_DIVIDE: usize = 2;
pub(crate) const PANIC_SHIFT: usize = 3;
pub(crate) const PANIC_MEM: usize = 4;
/// `runtime.Goexit` enters through the same stub.
pub(crate) const GOEXIT: usize = 5;
pub(crate) const PANIC_DOTTYPE: usize = 6;

/// The run-time type of a `string` panic value raised by runtime code.
static STRING_TYPE: Type = Type::leaf(Kind::String, 16, "", None);

/// Prints the goroutine header and traceback after `head`, then exits with status 2.
/// Runs on the system stack (a no-op switch when already there), so a fatal error
/// raised on a nearly full goroutine stack still has room to print.
fn die(head: Vec<u8>) -> ! {
    crate::stack::systemstack_noreturn(move || write_fatal(&fatal_report(head)))
}

/// `head`, then the running goroutine's header, traceback and `created by` lines, as a
/// fatal error prints them. On the system stack: the walk starts at this frame.
pub(crate) fn fatal_report(mut head: Vec<u8>) -> Vec<u8> {
    append_goroutine_header(&mut head);
    traceback::append_traceback(&mut head, crate::arch::frame_pointer());
    append_running_goroutine_tail(&mut head, 2);
    head
}

/// Writes a dying program's report and exits 2. Only the first goroutine to die
/// prints: a concurrent one blocks here until the process is gone (Go's `paniclk`).
fn write_fatal(b: &[u8]) -> ! {
    static DYING: crate::lock::Lock = crate::lock::Lock::new();
    DYING.lock();
    sys::write_all(sys::STDERR, b);
    sys::exit(EXIT_PANIC)
}

fn append_goroutine_header(b: &mut Vec<u8>) {
    b.extend_from_slice(b"\ngoroutine ");
    append_int(b, traceback::current_goid());
    b.extend_from_slice(b" [running]:\n");
}

/// After the running goroutine's frames: its `created by` lines and, when the
/// traceback level is at least `all_level` (2: GOTRACEBACK=all), every other
/// goroutine's traceback, as Go prints them.
fn append_running_goroutine_tail(b: &mut Vec<u8>, all_level: u8) {
    let m = current_m();
    // SAFETY: a non-null CURRENT_M is this thread's live M; its curg (if any) is
    // suspended while this runs on g0.
    let Some(g) = (unsafe { m.as_ref().and_then(|m| m.curg.as_ref()) }) else {
        return;
    };
    crate::sched::append_created_by(b, g);
    if gotraceback() >= all_level {
        for other in crate::sched::other_goroutines(g as *const G as *mut G) {
            // SAFETY: a goroutine that is not running keeps its stack and context
            // while the program dies (running ones are skipped by the walk's checks).
            unsafe { crate::sched::append_parked_traceback(b, other) };
        }
    }
}

/// A fatal error without a goroutine traceback (Go's deadlock report for a program
/// whose main goroutine called `runtime.Goexit`).
pub fn throw_no_traceback(msg: &str) -> ! {
    let mut b = b"fatal error: ".to_vec();
    b.extend_from_slice(msg.as_bytes());
    b.push(b'\n');
    write_fatal(&b)
}

/// A fatal error: `fatal error: MSG`, traceback, exit 2. Not recoverable.
pub fn throw(msg: &str) -> ! {
    die(fatal_head(msg))
}

fn fatal_head(msg: &str) -> Vec<u8> {
    let mut b = b"fatal error: ".to_vec();
    b.extend_from_slice(msg.as_bytes());
    b.push(b'\n');
    b
}

/// A fatal error of the running goroutine alone (a stack overflow): as [`throw`],
/// except in REPL mode, where it ends only that goroutine (`crate::repl`).
pub(crate) fn throw_goroutine(msg: &str) -> ! {
    if !crate::repl::enabled() {
        throw(msg)
    }
    let head = fatal_head(msg);
    crate::stack::systemstack_noreturn(move || {
        let report = fatal_report(head);
        // SAFETY: on g0 of this thread's M, whose curg (the goroutine that hit the
        // error) is suspended below us; it is abandoned here.
        unsafe { crate::repl::end_goroutine((*current_m()).curg, report, crate::repl::Outcome::Fatal) }
    })
}

/// A panic whose value is the string `msg` (what `panic("...")` in Go library code
/// does, e.g. `strings: negative Repeat count`).
pub fn panic_string(msg: &[u8]) -> ! {
    let data = crate::alloc::mallocgc(16) as *mut GoString;
    // SAFETY: a fresh 16-byte block holds the string header.
    unsafe { data.write(crate::strings::new_gostring(msg)) };
    panic_value(Eface {
        typ: &STRING_TYPE,
        data: data as *const u8,
    })
}

/// A run-time error panic (`runtime error: MSG`).
pub fn panic_runtime_error(msg: &str) -> ! {
    panic_value(errors::runtime_error(msg.as_bytes()))
}

/// Raises a panic from runtime code called by compiled code. On a thread without a
/// goroutine (unit tests) it prints the panic and exits.
pub fn panic_value(arg: Eface) -> ! {
    let m = current_m();
    // SAFETY: a non-null CURRENT_M is this thread's live M.
    if m.is_null() || unsafe { (*m).curg.is_null() } {
        let mut b = b"panic: ".to_vec();
        // SAFETY: `arg` is a valid interface value.
        unsafe { append_panic_value(&mut b, arg.typ, arg.data) };
        b.push(b'\n');
        die(b)
    }
    crate::stack::systemstack_noreturn(move || {
        // SAFETY: on g0 of a live M whose curg is suspended in this systemstack call;
        // `g.sched` holds its context (saved by the switch, or by an outer one).
        unsafe {
            let g = (*m).curg;
            let (sp, fp) = ((*g).sched.sp, (*g).sched.bp);
            let (sp, fp, pc) = compiled_caller(&*g, sp, fp).unwrap_or((sp, fp, 0));
            gopanic_m(g, arg, sp, fp, pc)
        }
    })
}

/// The context of the compiled function whose call into the runtime raised a panic:
/// walking the frame-pointer chain up from the runtime's frames at (`sp`, `fp`) to the
/// first frame whose return address is compiled code, `(its caller's SP after the
/// call, its caller's frame pointer, that return address)`. The panic then starts
/// there: the runtime frames below it are abandoned (they never run again), so the
/// deferred calls overwrite them and the stack copier never scans them, whatever
/// addresses of their own locals they hold. `None` if no such frame is found.
///
/// # Safety
/// `g` is suspended; (`sp`, `fp`) lie on its stack with an intact chain above.
unsafe fn compiled_caller(g: &G, sp: usize, fp: usize) -> Option<(usize, usize, usize)> {
    let mut cur = fp;
    while cur >= sp && cur + 16 <= g.stack_hi && cur.is_multiple_of(8) {
        // SAFETY: `cur` lies in the live part of the goroutine stack (checked).
        let (next, ret) = unsafe { ((cur as *const usize).read(), ((cur + 8) as *const usize).read()) };
        if symtab::with_func(ret, |_| ()).is_some() {
            return Some((cur + 16, next, ret));
        }
        if next <= cur {
            return None;
        }
        cur = next;
    }
    None
}

/// Called (on g0) by `arch`'s panic entry stubs, which saved compiled code's SP and BP
/// in `g.panicbuf`: builds the panic value for `kind` and panics.
///
/// # Safety
/// `g` is the M's curg, suspended at the stub; `a1..a4` are the stub's arguments.
pub(crate) unsafe extern "C" fn panic_entry(
    g: *mut G,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    kind: usize,
) -> ! {
    // SAFETY: caller's contract; `[sp]` is the return address the call pushed.
    unsafe {
        let (sp, fp) = ((*g).panicbuf.sp, (*g).panicbuf.bp);
        (*g).panicbuf = Gobuf::default();
        let pc = (sp as *const usize).read();
        if kind == GOEXIT {
            goexit_m(g, sp, fp, pc);
        }
        let arg = match kind {
            PANIC_VALUE => Eface {
                typ: a1 as *const Type,
                data: a2 as *const u8,
            },
            PANIC_BOUNDS => errors::bounds_error(BoundsError {
                code: a1 as u8,
                x: a2 as i64,
                y: a3 as i64,
                signed: a4 as u8 != 0,
            }),
            PANIC_DIVIDE => errors::runtime_error(b"integer divide by zero"),
            PANIC_SHIFT => errors::runtime_error(b"negative shift amount"),
            PANIC_DOTTYPE => errors::type_assertion_error(
                (a1 as *const Type).as_ref(),
                &*(a2 as *const Type),
                &*(a3 as *const Type),
            ),
            _ => {
                (*g).sigpc = pc;
                errors::runtime_error(b"invalid memory address or nil pointer dereference")
            }
        };
        gopanic_m(g, arg, sp, fp, pc)
    }
}

/// A frame with a pending deferred call, found by [`next_deferred`] (which leaves the
/// panic's scan cursor on it).
#[derive(Clone, Copy)]
enum Deferring {
    /// An open-coded function's frame.
    Open,
    /// A frame on the general path: `g.defer`.
    General(*mut DeferFrame),
}

/// The next pending deferred call for panic `p`, unlinked: walks the frame-pointer
/// chain from the scan cursor outwards to the first frame with one, and leaves the
/// cursor there. `Some((frame, closure))` (closure 0: a deferred nil func), `None` when
/// no frame has any left.
///
/// # Safety
/// On g0; `g` is suspended in `p`'s context, its chain intact from the cursor up.
unsafe fn next_deferred(g: *mut G, p: *mut Panic) -> Option<(Deferring, usize)> {
    // SAFETY: caller's contract: every frame pointer on the chain is a live frame of
    // `g`'s stack, below `stack_hi` (checked), and `[fp + 8]` is its return address;
    // an open-coded function's slot lies where its metadata says.
    unsafe {
        let (mut fp, mut pc) = ((*p).scan_fp, (*p).scan_pc);
        while fp != 0 && fp.is_multiple_of(8) && fp + 16 <= (*g).stack_hi {
            if let Some(d) = (*g).defer.as_mut() {
                if d.fp < fp {
                    throw("panic: a defer record below the frames being scanned");
                }
                if d.fp == fp {
                    match pop_general(d) {
                        Some(fnv) => {
                            ((*p).scan_fp, (*p).scan_pc) = (fp, pc);
                            return Some((Deferring::General(d), fnv));
                        }
                        None => {
                            (*g).defer = d.link;
                            continue;
                        }
                    }
                }
            }
            if let Some(open) = symtab::open_defers(pc) {
                let bits = (open.bits(fp) as *const u64).read();
                if bits != 0 {
                    let i = 63 - bits.leading_zeros() as usize;
                    if i >= open.count as usize {
                        throw("panic: open-coded defer bits out of range");
                    }
                    (open.bits(fp) as *mut u64).write(bits & !(1u64 << i));
                    let fnv = (open.closure(fp, i) as *const usize).read();
                    ((*p).scan_fp, (*p).scan_pc) = (fp, pc);
                    return Some((Deferring::Open, fnv));
                }
            }
            let next = (fp as *const usize).read();
            pc = ((fp + 8) as *const usize).read();
            if next <= fp {
                break;
            }
            fp = next;
        }
        ((*p).scan_fp, (*p).scan_pc) = (0, 0);
        None
    }
}

/// Closure bytes a general defer node carries, per size class; class 0 carries none
/// (`deferproc` of an existing closure).
const NODE_CLASSES: [usize; 5] = [0, 32, 64, 128, 256];

thread_local! {
    /// Free general-defer nodes of this thread, per size class (reused, never freed).
    static FREE_NODES: [std::cell::Cell<*mut DeferNode>; 5] = const {
        [const { std::cell::Cell::new(std::ptr::null_mut()) }; 5]
    };
}

/// Unlinks the newest general defer of `d`, returns its node to the free list and
/// returns its closure. A closure inside the node stays intact until the next
/// `newdefer` on this thread: the caller reads what it needs before then (a thunk
/// loads its values, and callees copy aggregate arguments, before anything defers).
///
/// # Safety
/// `d` is a live frame record.
unsafe fn pop_general(d: *mut DeferFrame) -> Option<usize> {
    // SAFETY: caller's contract; nodes in the list are live and owned by it.
    unsafe {
        let node = (*d).general;
        if node.is_null() {
            return None;
        }
        (*d).general = (*node).next;
        let fnv = (*node).fnv;
        FREE_NODES.with(|f| {
            let list = &f[(*node).class];
            (*node).next = list.get();
            list.set(node);
        });
        Some(fnv)
    }
}

/// A free node of size class `class` (fresh or reused).
fn alloc_node(class: usize) -> *mut DeferNode {
    let node = FREE_NODES.with(|f| {
        let n = f[class].get();
        if !n.is_null() {
            // SAFETY: a node on the free list is owned by it.
            f[class].set(unsafe { (*n).next });
        }
        n
    });
    if !node.is_null() {
        return node;
    }
    let size = std::mem::size_of::<DeferNode>() + NODE_CLASSES[class];
    crate::alloc::mallocgc(size as u64) as *mut DeferNode
}

/// Links `node` (class `class`) holding closure `fnv` as frame `d`'s newest defer.
///
/// # Safety
/// `d` is a live frame record; `node` a free node.
unsafe fn push_node(d: *mut DeferFrame, node: *mut DeferNode, class: usize, fnv: usize) {
    // SAFETY: caller's contract.
    unsafe {
        node.write(DeferNode {
            fnv,
            next: (*d).general,
            class,
        });
        (*d).general = node;
    }
}

/// `defer` on the general path of an existing closure `fnv`.
///
/// # Safety
/// `d` is the calling function's live frame record.
#[export_name = "runtime.deferproc"]
pub unsafe extern "C" fn deferproc(d: *mut DeferFrame, fnv: usize) {
    // SAFETY: caller's contract; a fresh node.
    unsafe { push_node(d, alloc_node(0), 0, fnv) }
}

/// `defer` on the general path of a thunk: links a node with room for a closure
/// object of `size` bytes and returns that room (the closure, which compiled code
/// then fills in). The room is reused after the call is popped.
///
/// # Safety
/// `d` is the calling function's live frame record.
#[export_name = "runtime.newdefer"]
pub unsafe extern "C" fn newdefer(d: *mut DeferFrame, size: u64) -> *mut u8 {
    let size = size as usize;
    let Some(class) = NODE_CLASSES.iter().position(|&c| c >= size) else {
        // Bigger than every class: a closure of its own (not reused).
        let fnv = crate::alloc::mallocgc(size as u64);
        // SAFETY: caller's contract; a fresh node.
        unsafe { push_node(d, alloc_node(0), 0, fnv as usize) };
        return fnv;
    };
    let node = alloc_node(class);
    // SAFETY: the node has NODE_CLASSES[class] >= size bytes after its header.
    unsafe {
        let room = (node as *mut u8).add(std::mem::size_of::<DeferNode>());
        push_node(d, node, class, room as usize);
        room
    }
}

/// The result of [`deferpop`] (RAX, RDX).
#[repr(C)]
pub struct Popped {
    /// 1 if a call was popped.
    pub some: u64,
    /// Its closure (0: a deferred nil func).
    pub fnv: usize,
}

/// The return path of a function on the general path: unlinks its newest deferred
/// call, which compiled code then calls.
///
/// # Safety
/// `d` is the calling function's live frame record.
#[export_name = "runtime.deferpop"]
pub unsafe extern "C" fn deferpop(d: *mut DeferFrame) -> Popped {
    // SAFETY: caller's contract.
    match unsafe { pop_general(d) } {
        Some(fnv) => Popped { some: 1, fnv },
        None => Popped { some: 0, fnv: 0 },
    }
}

/// A closure object `{code}` whose code raises Go's nil-dereference panic: what the
/// panic loop calls for a deferred nil func.
static NIL_FUNC: [unsafe extern "C" fn(); 1] = [arch::nil_func_code];

/// Runs the pending deferred calls of `g` for a new panic with value `arg`; recovers
/// or dies. `sp`/`fp`/`pc` are the goroutine's context (see [`Panic`]).
///
/// # Safety
/// On g0; `g` is the M's curg, suspended with that context.
unsafe fn gopanic_m(g: *mut G, arg: Eface, sp: usize, fp: usize, pc: usize) -> ! {
    // SAFETY: caller's contract. `g`'s records are only touched by compiled code while
    // a deferred call runs, and re-read here after each call.
    unsafe {
        let p = new_panic(g, arg, false, sp, fp, pc);
        run_deferred_calls(g, p);
        fatalpanic(g)
    }
}

/// `runtime.Goexit`: runs every pending deferred call (recover returns nil in them),
/// then ends the goroutine. For the main goroutine the program goes on until the
/// other goroutines are done, then stops with Go's "no goroutines" deadlock error
/// (the scheduler's `checkdead`).
///
/// # Safety
/// As [`gopanic_m`].
unsafe fn goexit_m(g: *mut G, sp: usize, fp: usize, pc: usize) -> ! {
    let nil = Eface {
        typ: std::ptr::null(),
        data: std::ptr::null(),
    };
    // SAFETY: caller's contract.
    unsafe {
        crate::cgo::check_goexit(&*g);
        let p = new_panic(g, nil, true, sp, fp, pc);
        finish_goexit(g, p)
    }
}

/// Runs the deferred calls left for Goexit record `p` (`g`'s innermost), then ends the
/// goroutine.
///
/// # Safety
/// As [`run_deferred_calls`].
unsafe fn finish_goexit(g: *mut G, p: *mut Panic) -> ! {
    // SAFETY: caller's contract.
    unsafe {
        run_deferred_calls(g, p);
        if crate::repl::enabled() {
            // An input that calls Goexit ends there; its waiter must hear of it.
            crate::repl::end_goroutine(g, Vec::new(), crate::repl::Outcome::Goexit)
        }
        let m = (*g).m;
        abandon_records(g);
        crate::sched::end_goroutine(g);
        crate::sched::schedule(m)
    }
}

/// Drops `g`'s panic records once its frames are abandoned for good (it ends where it
/// stands), putting g0's switch point back where the oldest panic found it (the g0
/// frames of the panic machinery are abandoned too), and finishes the `sync.Once`
/// calls in progress.
///
/// # Safety
/// On g0 of `g.m` with `g` suspended; nothing on its stack is used any more.
pub(crate) unsafe fn abandon_records(g: *mut G) {
    // SAFETY: caller's contract; the records are live and owned by `g`.
    unsafe {
        let m = (*g).m;
        let mut q = (*g).panic;
        while let Some(r) = q.as_ref() {
            (*(*m).g0).sched = r.g0_sched;
            q = r.link;
            drop(Box::from_raw(r as *const Panic as *mut Panic));
        }
        (*g).panic = std::ptr::null_mut();
        crate::pkg::sync::finish_abandoned_onces(g, 0);
    }
}

/// Pushes a new panic (or Goexit) record on `g.panic`.
///
/// # Safety
/// On g0; `g` is the M's curg.
unsafe fn new_panic(g: *mut G, arg: Eface, goexit: bool, sp: usize, fp: usize, pc: usize) -> *mut Panic {
    // SAFETY: caller's contract.
    unsafe {
        let g0 = (*(*g).m).g0;
        let p = Box::into_raw(Box::new(Panic {
            link: (*g).panic,
            arg,
            recovered: false,
            goexit,
            sp,
            fp,
            pc,
            argp: 0,
            scan_fp: fp,
            scan_pc: pc,
            g0_sched: (*g0).sched,
            g0_save: crate::cgo::next_g0_save(&mut *g),
        }));
        (*g).panic = p;
        p
    }
}

/// Runs `g`'s pending deferred calls for panic `p`, newest first, until none is left
/// (then returns) or one recovers `p` (then resumes the deferring function).
///
/// # Safety
/// On g0; `p` is `g`'s innermost panic, `g` suspended in the context `p` records.
unsafe fn run_deferred_calls(g: *mut G, p: *mut Panic) {
    // SAFETY: caller's contract. `g`'s records are only touched by compiled code while
    // a deferred call runs, and re-read here after each call.
    unsafe {
        while let Some((frame, fnv)) = next_deferred(g, p) {
            let fnv = if fnv == 0 { NIL_FUNC.as_ptr() as usize } else { fnv };
            (*p).argp = (*p).sp - 16;
            // This M's g0 holds our frames while the call runs: should it park, the
            // goroutine must come back to this M (crate::sched, "Locked goroutines").
            let outer = std::mem::replace(&mut (*g).sched_state.lockedm, (*g).m);
            arch::call_deferred(g, fnv, (*p).sp, (*p).fp, (*p).pc);
            (*g).sched_state.lockedm = outer;
            (*p).argp = 0;
            if (*p).recovered {
                recovery(g, p, frame);
            }
        }
    }
}

/// Panic `p` was recovered by a call deferred by `frame`, where `p`'s scan cursor
/// stands: discards `p` (and older panics whose deferred calls ran inside the frames
/// being unwound) and resumes the frame's function at the landing pad of its active
/// call.
///
/// # Safety
/// On g0, right after `p`'s deferred call returned.
unsafe fn recovery(g: *mut G, p: *mut Panic, frame: Deferring) -> ! {
    // SAFETY: caller's contract; the frame chain from the deferred-call record up to
    // the deferring frame is intact (nothing between has returned).
    unsafe {
        // The cursor (adjusted if the deferred call moved the stack).
        let target = (*p).scan_fp;
        let in_order = match frame {
            Deferring::General(d) => (*g).defer == d && (*d).fp == target,
            Deferring::Open => (*g).defer.as_ref().is_none_or(|d| d.fp > target),
        };
        if !in_order {
            throw("recovery: defer records out of order");
        }
        let mut cur = (*p).sp - 16;
        let mut g0_sched = ((*p).g0_sched, (*p).g0_save);
        (*g).panic = (*p).link;
        drop(Box::from_raw(p));
        // A recovery does not cancel a Goexit whose deferred call panicked (Go's
        // "bypassed recovery"): the Goexit goes on with the calls left, from its scan
        // cursor, and ends the goroutine.
        let goexit = (*g).panic;
        if goexit.as_ref().is_some_and(|q| q.goexit && q.argp != 0) {
            (*goexit).argp = 0;
            (*g).sigpc = 0;
            finish_goexit(g, goexit);
        }
        while let Some(q) = (*g).panic.as_mut() {
            if q.argp == 0 || q.argp > target {
                break;
            }
            g0_sched = (q.g0_sched, q.g0_save);
            (*g).panic = q.link;
            drop(Box::from_raw(q));
        }
        let ret = loop {
            let next = (cur as *const usize).read();
            if next == target {
                break ((cur + 8) as *const usize).read();
            }
            if next <= cur || next >= (*g).stack_hi {
                throw("recovery: the deferring frame is not on the stack");
            }
            cur = next;
        };
        let Some((pad, frame_offset)) = symtab::landing_pad(ret) else {
            throw("recovery: no landing pad at the deferring function's call");
        };
        match frame {
            Deferring::General(d) => {
                (*g).agg_sp = (*d).agg_sp;
                (*g).agg_limit = (*d).agg_limit;
            }
            Deferring::Open => {
                let Some(open) = symtab::open_defers(ret) else {
                    throw("recovery: the deferring frame has no open-coded defers");
                };
                let agg_sp = (open.agg_sp(target) as *const usize).read();
                (*g).agg_limit = crate::stack::agg_limit_for(&*g, agg_sp);
                (*g).agg_sp = agg_sp;
            }
        }
        // A recovered nil dereference no longer reports its signal.
        (*g).sigpc = 0;
        crate::pkg::sync::finish_abandoned_onces(g, target);
        // Callbacks from C whose C call is below the target are abandoned with it; g0's
        // switch point goes back to where the oldest abandoned record found it.
        let g0_sched = match crate::cgo::unwind_callbacks(g, target) {
            Some(cb) if cb.1 < g0_sched.1 => cb.0,
            _ => g0_sched.0,
        };
        // Still locked to this M while an outer panic's deferred call (or a callback)
        // is running.
        crate::sched::relock(g);
        (*(*(*g).m).g0).sched = g0_sched;
        arch::resume(g, target - frame_offset as usize, target, pad)
    }
}

/// `recover()`, called directly by compiled code: effective when the calling
/// function (`frames_up` = 0), or its caller (1: `defer recover()`), was called by the
/// panic machinery for the current panic, i.e. its frame's caller link is the
/// deferred-call record `argp`.
///
/// # Safety
/// `g` is the running goroutine; called from compiled code, whose frame-pointer
/// chain is intact.
#[export_name = "runtime.gorecover"]
pub unsafe extern "C" fn gorecover(g: *mut G, frames_up: u64) -> Eface {
    const NIL: Eface = Eface {
        typ: std::ptr::null(),
        data: std::ptr::null(),
    };
    // SAFETY: caller's contract: this function's frame links to the compiled
    // caller's frame, whose `[fp]` is its caller's frame pointer, and so on.
    unsafe {
        let Some(p) = (*g).panic.as_mut() else {
            return NIL;
        };
        let mut fp = (crate::arch::frame_pointer() as *const usize).read();
        for _ in 0..frames_up {
            fp = (fp as *const usize).read();
        }
        // A deferred function with results is called by its defer thunk (which
        // cannot tail-call it): the thunk's frame stands between it and the machinery.
        let ret = ((fp + 8) as *const usize).read();
        if crate::stack::systemstack(move || symtab::in_defer_thunk(ret)) == Some(true) {
            fp = (fp as *const usize).read();
        }
        if p.recovered || p.goexit || p.argp == 0 || (fp as *const usize).read() != p.argp {
            return NIL;
        }
        p.recovered = true;
        p.arg
    }
}

/// Adjusts the goroutine-stack addresses in `g`'s defer and panic records after its
/// stack moved (`adj` maps an old address to the new one, other values to themselves).
///
/// # Safety
/// `g` is suspended; its records are live.
pub(crate) unsafe fn adjust_records(g: &mut G, adj: &dyn Fn(usize) -> usize) {
    // SAFETY: caller's contract.
    unsafe {
        let mut d = g.defer;
        while let Some(r) = d.as_mut() {
            r.fp = adj(r.fp);
            d = r.link;
        }
        let mut p = g.panic;
        while let Some(r) = p.as_mut() {
            r.sp = adj(r.sp);
            r.fp = adj(r.fp);
            r.argp = adj(r.argp);
            r.scan_fp = adj(r.scan_fp);
            p = r.link;
        }
    }
}

/// Go's `GOTRACEBACK` level: 0 none, 1 single (default), 2 all/system/crash.
fn gotraceback() -> u8 {
    match std::env::var("GOTRACEBACK").as_deref() {
        Ok("none") | Ok("0") => 0,
        Ok("all") | Ok("1") | Ok("system") | Ok("2") | Ok("crash") => 2,
        _ => 1,
    }
}

/// No deferred call recovered: prints the panics and the traceback, exits 2.
///
/// # Safety
/// On g0; `g.panic` is non-null.
unsafe fn fatalpanic(g: *mut G) -> ! {
    // SAFETY: caller's contract; the panic records are live.
    unsafe {
        let mut b = Vec::new();
        print_panics(&mut b, (*g).panic);
        if (*g).sigpc != 0 {
            b.extend_from_slice(b"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=");
            append_hex(&mut b, (*g).sigpc as u64);
            b.extend_from_slice(b"]\n");
        }
        if gotraceback() > 0 {
            append_goroutine_header(&mut b);
            let p = &*(*g).panic;
            traceback::append_traceback_at(&mut b, p.pc, p.fp);
            append_running_goroutine_tail(&mut b, 2);
        }
        if crate::repl::enabled() {
            crate::repl::end_goroutine(g, b, crate::repl::Outcome::Panicked)
        }
        write_fatal(&b)
    }
}

/// Go's `printpanics`: the chain oldest first, nested ones indented.
///
/// # Safety
/// `p` is a live panic record.
unsafe fn print_panics(b: &mut Vec<u8>, p: *mut Panic) {
    // SAFETY: caller's contract.
    unsafe {
        let p = &*p;
        if !p.link.is_null() {
            print_panics(b, p.link);
            if !(*p.link).goexit {
                b.push(b'\t');
            }
        }
        if p.goexit {
            return;
        }
        b.extend_from_slice(b"panic: ");
        append_panic_value(b, p.arg.typ, p.arg.data);
        if p.recovered {
            b.extend_from_slice(b" [recovered]");
        }
        b.push(b'\n');
    }
}

/// Appends the panic value as Go 1.19's `printany` does: nil, basic values as `print`
/// prints them, named basic types as `main.T(5)` / `main.S("x")` (raw string inside),
/// anything else as `(TYPE) 0xADDR`.
///
/// # Safety
/// `typ` is null or a descriptor; `data` points at a value of that type.
pub unsafe fn append_panic_value(out: &mut Vec<u8>, typ: *const Type, data: *const u8) {
    // SAFETY: null or a descriptor (caller's contract).
    let Some(t) = (unsafe { typ.as_ref() }) else {
        out.extend_from_slice(b"nil");
        return;
    };
    // SAFETY: `data` points at a value of `t` (caller's contract).
    if let Some(text) = unsafe { errors::error_text(typ, data) } {
        out.extend_from_slice(&text);
        return;
    }
    let kind = t.kind();
    let named = t.name();
    if kind.basic_name().is_none() || kind == Kind::UnsafePointer {
        // Not a basic type: `(T) 0x...`. Pointer-shaped values are the pointer itself
        // in Go's eface; other values are shown by address.
        out.push(b'(');
        out.extend_from_slice(&t.type_string());
        out.extend_from_slice(b") ");
        let word = match kind {
            // SAFETY: a pointer-shaped value is one machine word at `data`.
            Kind::Pointer | Kind::UnsafePointer | Kind::Func | Kind::Chan => unsafe {
                (data as *const u64).read_unaligned()
            },
            _ => data as u64,
        };
        append_hex(out, word);
        return;
    }
    if let Some(n) = named {
        out.extend_from_slice(n);
    }
    // SAFETY (all reads below): `data` points at a value of kind `kind` (caller's
    // contract); unaligned reads because codegen need not align copies.
    let read_u64 = |d: *const u8| unsafe { (d as *const u64).read_unaligned() };
    let mut scalar = Vec::new();
    match kind {
        Kind::Bool => scalar.extend_from_slice(
            // SAFETY: see above.
            if unsafe { data.read() } != 0 {
                b"true"
            } else {
                b"false"
            },
        ),
        Kind::Int | Kind::Int64 => append_int(&mut scalar, read_u64(data) as i64),
        // SAFETY: see above.
        Kind::Int8 => append_int(&mut scalar, unsafe { (data as *const i8).read() } as i64),
        // SAFETY: see above.
        Kind::Int16 => append_int(
            &mut scalar,
            unsafe { (data as *const i16).read_unaligned() } as i64,
        ),
        // SAFETY: see above.
        Kind::Int32 => append_int(
            &mut scalar,
            unsafe { (data as *const i32).read_unaligned() } as i64,
        ),
        Kind::Uint | Kind::Uint64 | Kind::Uintptr => append_uint(&mut scalar, read_u64(data)),
        // SAFETY: see above.
        Kind::Uint8 => append_uint(&mut scalar, unsafe { data.read() } as u64),
        // SAFETY: see above.
        Kind::Uint16 => append_uint(
            &mut scalar,
            unsafe { (data as *const u16).read_unaligned() } as u64,
        ),
        // SAFETY: see above.
        Kind::Uint32 => append_uint(
            &mut scalar,
            unsafe { (data as *const u32).read_unaligned() } as u64,
        ),
        // SAFETY: see above.
        Kind::Float32 => append_float(
            &mut scalar,
            unsafe { (data as *const f32).read_unaligned() } as f64,
        ),
        Kind::Float64 => append_float(&mut scalar, f64::from_bits(read_u64(data))),
        Kind::String => {
            // SAFETY: a string value is a header {ptr, len} of live bytes.
            let s = unsafe {
                let h = (data as *const crate::abi::GoString).read_unaligned();
                bytes(h.ptr, h.len)
            };
            if named.is_some() {
                out.extend_from_slice(b"(\"");
                out.extend_from_slice(s);
                out.extend_from_slice(b"\")");
            } else {
                out.extend_from_slice(s);
            }
            return;
        }
        _ => {} // every basic kind is handled above
    }
    if named.is_some() {
        out.push(b'(');
        out.extend_from_slice(&scalar);
        out.push(b')');
    } else {
        out.extend_from_slice(&scalar);
    }
}

/// Go's `boundsErrorFmts`, indexed by `boundsErrorCode`.
const BOUNDS_FMTS: [&str; 9] = [
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to pointer to array with length %x",
];

/// Go's `boundsNegErrorFmts`: the same when `x` is negative (y is then irrelevant).
const BOUNDS_NEG_FMTS: [&str; 8] = [
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
];

/// The text of Go's `boundsError` (without the `runtime error: ` prefix).
pub fn bounds_error_text(code: i64, x: i64, y: i64, signed: bool) -> String {
    let code = code.clamp(0, BOUNDS_FMTS.len() as i64 - 1) as usize;
    let fmt = if signed && x < 0 && code < BOUNDS_NEG_FMTS.len() {
        BOUNDS_NEG_FMTS[code]
    } else {
        BOUNDS_FMTS[code]
    };
    let x_text = if signed {
        x.to_string()
    } else {
        (x as u64).to_string()
    };
    fmt.replace("%x", &x_text).replace("%y", &y.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::testtypes::*;
    use crate::abi::GoString;

    #[test]
    fn bounds_texts_match_go() {
        // Texts from Go 1.19 programs that trip each check.
        let t = bounds_error_text;
        assert_eq!(t(0, 5, 3, true), "index out of range [5] with length 3");
        assert_eq!(t(0, -1, 3, true), "index out of range [-1]");
        assert_eq!(
            t(0, -1, 3, false),
            "index out of range [18446744073709551615] with length 3"
        );
        assert_eq!(
            t(1, 4, 3, true),
            "slice bounds out of range [:4] with length 3"
        );
        assert_eq!(
            t(2, 9, 8, true),
            "slice bounds out of range [:9] with capacity 8"
        );
        assert_eq!(t(3, 3, 2, true), "slice bounds out of range [3:2]");
        assert_eq!(t(3, -1, 2, true), "slice bounds out of range [-1:]");
        assert_eq!(
            t(4, 5, 4, true),
            "slice bounds out of range [::5] with length 4"
        );
        assert_eq!(
            t(5, 5, 4, true),
            "slice bounds out of range [::5] with capacity 4"
        );
        assert_eq!(t(6, 3, 2, true), "slice bounds out of range [:3:2]");
        assert_eq!(t(7, 3, 2, true), "slice bounds out of range [3:2:]");
        assert_eq!(t(7, -2, 2, true), "slice bounds out of range [-2::]");
    }

    fn pv(typ: &'static Type, data: *const u8) -> String {
        let mut b = Vec::new();
        // SAFETY: `data` points at a value of `typ` in each test.
        unsafe { append_panic_value(&mut b, typ, data) };
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn panic_values_like_go() {
        let five = 5i64;
        let f = 1.5f64;
        let s = "x\ny";
        let gs = GoString {
            ptr: s.as_ptr(),
            len: s.len() as i64,
        };
        let b = 1u8;
        let u = 3u8;
        assert_eq!(
            pv(
                named(Kind::Int, 8, "main.T"),
                &five as *const i64 as *const u8
            ),
            "main.T(5)"
        );
        assert_eq!(pv(int(), &five as *const i64 as *const u8), "5");
        assert_eq!(
            pv(
                named(Kind::String, 16, "main.S"),
                &gs as *const GoString as *const u8
            ),
            "main.S(\"x\ny\")"
        );
        assert_eq!(pv(string(), &gs as *const GoString as *const u8), "x\ny");
        assert_eq!(
            pv(
                named(Kind::Float64, 8, "main.F"),
                &f as *const f64 as *const u8
            ),
            "main.F(+1.500000e+000)"
        );
        assert_eq!(
            pv(float64(), &f as *const f64 as *const u8),
            "+1.500000e+000"
        );
        assert_eq!(pv(boolean(), &b), "true");
        assert_eq!(pv(uint8(), &u), "3");
        let pair = [1i64, 2];
        let p = struct_of(Some("main.P"), 16, &[("X", int(), 0), ("Y", int(), 8)]);
        let text = pv(p, pair.as_ptr() as *const u8);
        assert_eq!(text, format!("(main.P) {:#x}", pair.as_ptr() as usize));
        let pp = pair.as_ptr() as usize;
        let text = pv(ptr_to(p), &pp as *const usize as *const u8);
        assert_eq!(text, format!("(*main.P) {:#x}", pp));
        let mut out = Vec::new();
        // SAFETY: a null type is the nil interface.
        unsafe { append_panic_value(&mut out, std::ptr::null(), std::ptr::null()) };
        assert_eq!(out, b"nil");
    }
}
