//! `defer` and `recover` in compiled code (the runtime side is runtime/src/panic.rs;
//! the contract is docs/abi.md "Defer").
//!
//! Two ways to register a deferred call, chosen per function as Go 1.14+ does:
//! * **open-coded** (no `defer` inside a loop, no `goto`, at most [`MAX_OPEN`]): the
//!   function keeps its pending calls in a Cranelift stack slot of its own frame,
//!   keyed [`OPEN_DEFERS_KEY`], and links nothing anywhere:
//!
//!   ```text
//!   +0 bits (bit i: fns[i] pending)   +8 agg_sp   +16 fns[0]   +24 fns[1] ...
//!   ```
//!
//!   Entry clears `bits` and records `g.agg_sp` after the function's aggregate frame
//!   (what a recovery into the function restores; the runtime finds the matching
//!   limit from its chunks); `defer` stores the closure in `fns[i]` and sets bit `i`; the
//!   exit path tests the bits newest first, clears each before calling its closure
//!   directly. The slot is reached only through `stack_load`/`stack_store`, which
//!   x86-64 lowers to RSP-relative accesses, so no value anything reads holds its
//!   address and the stack copier needs to know nothing about it (crate::program
//!   checks the IR; Cranelift may still materialise a shared `stack_addr` into a
//!   register nothing reads, and the copy verifier of `MORESTACKDEBUG=stackmove=1`
//!   would report one kept across a call). A panic finds the slot from recorded
//!   metadata instead: the program's symbol table gives, per function, the slot's
//!   offset below the frame pointer (Cranelift's frame layout) and the number of
//!   closures, and the panic machinery walks the frame-pointer chain (Go's
//!   `FUNCDATA_OpenCodedDeferInfo`).
//! * **general** (`deferproc`): a `DeferFrame` record in the function's aggregate
//!   frame, linked into `g.defer` at entry:
//!
//!   ```text
//!   +0 link  +8 fp  +16 agg_sp  +24 agg_limit  +32 general
//!   ```
//!
//!   `defer` calls `runtime.deferproc(frame, fnv)`; the exit path pops with
//!   `runtime.deferpop(frame)` until empty, then unlinks the record.
//!
//! Every deferred call is a `func()` closure value, so running one is the same
//! everywhere: `fnv.code(g, fnv)`. A `defer f(args)` whose callee or arguments need
//! evaluating at the `defer` statement becomes a *thunk* (crate::thunks) whose code
//! calls `f` — as a tail call when `f` has no results, so that `f` itself is the
//! deferred call (`recover` in `f` then works; when `f` has results the runtime's
//! `recover` looks through the thunk's frame, which is named `main.g.deferwrapN`).
//!
//! Either way the function has one *exit block*: every `return` jumps there with its
//! results; the exit block runs the pending deferred calls and returns the results.
//! Every call in the function that may panic is a `try_call` whose exception edge is
//! the exit block too: that is where the runtime resumes the function after a deferred
//! call of it recovered a panic (SP, FP and PC restored; the `tail` convention's
//! try_call clobbers every register, so the block reads everything from memory or from
//! values Cranelift spilled, results in variables included).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::I64;
use cranelift_codegen::ir::{Block, InstBuilder, MemFlagsData, StackSlot, StackSlotData, StackSlotKey, StackSlotKind, Value};
use cranelift_frontend::Variable;
use syntax::ast::{Expr, Stmt, StmtKind};
use syntax::Span;

use crate::abi::{go_signature, PTR};
use crate::expr::R;
use crate::func::{Callee, FunctionTranslator, G_AGG_LIMIT, G_AGG_SP, G_DEFER};
use crate::thunks::{KnownCode, Suspend, Suspended};

/// Go's limit on open-coded defers per function.
pub const MAX_OPEN: usize = 8;

/// The key of an open-coded function's defer slot (crate::program reads its place in
/// the frame back from Cranelift's frame layout).
pub const OPEN_DEFERS_KEY: u64 = 0x6465_6665_7273; // "defers"

/// Offsets in the open-coded defer slot (the runtime's `symtab::OpenDefers` reads it).
const OPEN_BITS: i32 = 0;
const OPEN_AGG_SP: i32 = 8;
pub const OPEN_FNS: i32 = 16;

/// Offsets in the general path's `DeferFrame` record (runtime::abi::DeferFrame).
const REC_LINK: i32 = 0;
const REC_FP: i32 = 8;
const REC_AGG_SP: i32 = 16;
const REC_AGG_LIMIT: i32 = 24;
const REC_GENERAL: i32 = 32;
const REC_SIZE: u64 = 40;

/// How a function's defers are compiled.
#[derive(Clone, Copy, Debug)]
pub struct DeferPlan {
    /// `defer` statements in the body (not counting those of nested function literals).
    pub count: usize,
    pub open: bool,
}

/// Where a function keeps its pending deferred calls.
#[derive(Clone, Copy)]
pub(crate) enum Pending {
    /// Open-coded: the defer slot of its native frame, and a variable holding what
    /// its `bits` are on the paths the function takes itself (not through a landing
    /// pad: a panic clears bits), so that setting a bit needs no load.
    Open(StackSlot, Variable),
    /// General: the `DeferFrame` record's address.
    General(Value),
}

/// A function's defer state while it is translated.
pub(crate) struct DeferState {
    pub pending: Pending,
    /// Open-coded: the closures handed out so far (statement order), with the deferred
    /// call's code when it is known at compile time.
    pub slots: Vec<Option<KnownCode>>,
    /// The exit block: runs the deferred calls and returns; also every try_call's
    /// landing pad.
    pub exit: Block,
}

/// Whether the statements contain `defer`, and how to compile it.
pub fn plan(stmts: &[Stmt]) -> Option<DeferPlan> {
    #[derive(Default)]
    struct Scan {
        count: usize,
        in_loop: bool,
        goto: bool,
    }
    fn walk(s: &Stmt, loops: u32, scan: &mut Scan) {
        match &s.kind {
            StmtKind::Defer(_) => {
                scan.count += 1;
                scan.in_loop |= loops > 0;
            }
            StmtKind::Goto(_) => scan.goto = true,
            StmtKind::Block(b) => b.stmts.iter().for_each(|s| walk(s, loops, scan)),
            StmtKind::If { then, els, .. } => {
                then.stmts.iter().for_each(|s| walk(s, loops, scan));
                if let Some(e) = els {
                    walk(e, loops, scan);
                }
            }
            StmtKind::Switch { clauses, .. } => clauses.iter().flat_map(|c| &c.body).for_each(|s| walk(s, loops, scan)),
            StmtKind::Select { clauses } => clauses.iter().flat_map(|c| &c.body).for_each(|s| walk(s, loops, scan)),
            StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => body.stmts.iter().for_each(|s| walk(s, loops + 1, scan)),
            StmtKind::Labeled { stmt, .. } => walk(stmt, loops, scan),
            _ => {}
        }
    }
    let mut scan = Scan::default();
    stmts.iter().for_each(|s| walk(s, 0, &mut scan));
    (scan.count > 0).then_some(DeferPlan { count: scan.count, open: !scan.in_loop && !scan.goto && scan.count <= MAX_OPEN })
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    /// Sets up where the function's deferred calls wait (at entry, after the
    /// aggregate frame is allocated) and creates the exit block.
    pub fn begin_defers(&mut self, plan: DeferPlan) {
        let flags = MemFlagsData::trusted();
        let pending = if plan.open {
            let size = OPEN_FNS as u32 + 8 * plan.count as u32;
            let slot = self.b.create_sized_stack_slot(StackSlotData::new_with_key(StackSlotKind::ExplicitSlot, size, 3, StackSlotKey::new(OPEN_DEFERS_KEY)));
            let zero = self.b.ins().iconst(I64, 0);
            self.b.ins().stack_store(PTR, zero, slot, OPEN_BITS);
            let agg_sp = self.b.ins().load(PTR, flags, self.g, G_AGG_SP);
            self.b.ins().stack_store(PTR, agg_sp, slot, OPEN_AGG_SP);
            let bits = self.b.declare_var(I64);
            self.b.def_var(bits, zero);
            Pending::Open(slot, bits)
        } else {
            let frame = self.stack_temp(REC_SIZE, 8);
            let link = self.b.ins().load(PTR, flags, self.g, G_DEFER);
            let fp = self.b.ins().get_frame_pointer(PTR);
            let agg_sp = self.b.ins().load(PTR, flags, self.g, G_AGG_SP);
            let agg_limit = self.b.ins().load(PTR, flags, self.g, G_AGG_LIMIT);
            let zero = self.b.ins().iconst(I64, 0);
            for (off, v) in [(REC_LINK, link), (REC_FP, fp), (REC_AGG_SP, agg_sp), (REC_AGG_LIMIT, agg_limit), (REC_GENERAL, zero)] {
                self.b.ins().store(flags, v, frame, off);
            }
            self.b.ins().store(flags, frame, self.g, G_DEFER);
            Pending::General(frame)
        };
        let exit = self.b.create_block();
        self.defers = Some(DeferState { pending, slots: Vec::new(), exit });
    }

    /// `defer CALL`: evaluates the deferred closure now and registers it.
    pub fn defer_stmt(&mut self, call: &'a Expr) -> R<()> {
        let pending = self.defers.as_ref().expect("a function with defer has its defer state").pending;
        let how = match pending {
            Pending::Open(..) => Suspend::OpenDefer,
            Pending::General(frame) => Suspend::GeneralDefer(frame),
        };
        let Suspended { fnv, known, linked } = self.suspend(call, how)?;
        match pending {
            // `runtime.newdefer` pushed it already.
            Pending::General(_) if linked => {}
            Pending::General(frame) => {
                self.call_runtime("runtime.deferproc", &[frame, fnv], &[]);
            }
            Pending::Open(slot, bits_var) => {
                let state = self.defers.as_mut().expect("defer state");
                let i = state.slots.len();
                state.slots.push(known);
                self.b.ins().stack_store(PTR, fnv, slot, OPEN_FNS + 8 * i as i32);
                let bits = self.b.use_var(bits_var);
                let bits = self.b.ins().bor_imm_s(bits, 1i64 << i);
                self.b.def_var(bits_var, bits);
                self.b.ins().stack_store(PTR, bits, slot, OPEN_BITS);
            }
        }
        Ok(())
    }

    /// Emits a call of `func()` closure `fnv` (nil: Go's nil-dereference panic),
    /// directly when its code is known. `may_unwind`: a panic in it may end in a
    /// recovery in this function (see `emit_call`).
    pub fn call_func0(&mut self, fnv: Value, known: Option<KnownCode>, may_unwind: bool) {
        if let Some(k) = known {
            let f = self.p.module.declare_func_in_func(k.func, self.b.func);
            let args: &[Value] = if k.takes_closure { &[self.g, fnv] } else { &[self.g] };
            self.emit_call(Callee::Direct(f), args, may_unwind);
            return;
        }
        self.nil_check(fnv);
        let code = self.b.ins().load(PTR, MemFlagsData::trusted(), fnv, 0);
        let no_args = types::types::Signature { params: vec![], results: vec![], variadic: false };
        let sig = go_signature(&self.info.types, &no_args, true);
        let sigref = self.b.import_signature(sig);
        self.emit_call(Callee::Indirect(sigref, code), &[self.g, fnv], may_unwind);
    }

    /// Fills the exit block: runs the pending deferred calls (newest first), unlinks
    /// a general record, returns the results. `end` is the function's closing brace,
    /// the position Go reports for deferred calls made at exit.
    pub fn finish_defers(&mut self, end: Span) {
        let state = self.defers.as_ref().expect("defer state");
        let (pending, exit, slots) = (state.pending, state.exit, state.slots.clone());
        self.b.switch_to_block(exit);
        self.set_pos(end);
        match pending {
            Pending::Open(open, _) => self.run_open_defers(open, slots),
            Pending::General(frame) => {
                self.run_general_defers(frame);
                let flags = MemFlagsData::trusted();
                let link = self.b.ins().load(PTR, flags, frame, REC_LINK);
                self.b.ins().store(flags, link, self.g, G_DEFER);
            }
        }
        self.return_results();
        self.b.seal_block(exit);
    }

    /// The exit path of open-coded defers: each pending closure, newest first, its bit
    /// cleared before it is called.
    fn run_open_defers(&mut self, open: StackSlot, slots: Vec<Option<KnownCode>>) {
        for (slot, known) in slots.into_iter().enumerate().rev() {
            let bits = self.b.ins().stack_load(PTR, I64, open, OPEN_BITS);
            let bit = self.b.ins().band_imm_s(bits, 1i64 << slot);
            let run = self.b.create_block();
            let next = self.b.create_block();
            self.b.ins().brif(bit, run, &[], next, &[]);
            self.b.switch_to_block(run);
            self.b.seal_block(run);
            let cleared = self.b.ins().band_imm_s(bits, !(1i64 << slot));
            self.b.ins().stack_store(PTR, cleared, open, OPEN_BITS);
            let fnv = match known {
                // A known callee that takes no closure: the slot's value is not needed.
                Some(k) if !k.takes_closure => self.b.ins().iconst(PTR, 0),
                _ => self.b.ins().stack_load(PTR, PTR, open, OPEN_FNS + 8 * slot as i32),
            };
            // Slot 0 runs last: with every bit cleared, none of this function's
            // deferred calls is left to recover a panic in it, so this frame is no
            // recovery target there and a plain call does (a try_call makes the
            // whole function save every callee-saved register).
            self.call_func0(fnv, known, slot != 0);
            self.b.ins().jump(next, &[]);
            self.b.switch_to_block(next);
            self.b.seal_block(next);
        }
    }

    /// The exit path of general defers: pops and calls until the record's list is
    /// empty.
    fn run_general_defers(&mut self, frame: Value) {
        let head = self.b.create_block();
        let run = self.b.create_block();
        let done = self.b.create_block();
        self.b.ins().jump(head, &[]);
        self.b.switch_to_block(head);
        let popped = self.call_runtime("runtime.deferpop", &[frame], &[I64, PTR]);
        let some = self.b.ins().icmp_imm_s(IntCC::NotEqual, popped[0], 0);
        self.b.ins().brif(some, run, &[], done, &[]);
        self.b.switch_to_block(run);
        self.b.seal_block(run);
        self.call_func0(popped[1], None, true);
        self.b.ins().jump(head, &[]);
        self.b.seal_block(head);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
    }

    /// `recover()`: the runtime decides from the frame-pointer chain at the call
    /// whether this function was called directly by the panic machinery (it reads the
    /// chain itself: a frame pointer computed here could be kept across a call that
    /// moves the stack). `defer recover()` (a thunk) acts as if its caller called
    /// `recover` (Go's defer wrappers do the same): effective when a function that was
    /// itself called by the panic machinery returns and runs it, a no-op when the
    /// panic machinery runs it directly.
    pub fn recover(&mut self) -> Vec<Value> {
        let frames_up = self.b.ins().iconst(I64, self.thunk.is_some() as i64);
        self.call_runtime("runtime.gorecover", &[self.g, frames_up], &[PTR, PTR])
    }
}
