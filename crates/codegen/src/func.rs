//! Per-function state and the primitives every construct is built from: where each
//! variable lives, reading and writing places, calling the runtime, raising runtime
//! panics.
//!
//! Where a variable lives:
//! * a non-escaping scalar local is a set of Cranelift `Variable`s (SSA);
//! * a non-escaping aggregate local is memory in the function's aggregate frame;
//! * an escaping local (captured by a closure or address-taken) is a heap cell whose
//!   address is held in a `Variable`; a closure reaches the cells of the variables it
//!   captured through its closure object `{code, cell1, cell2, ...}`;
//! * a package variable is a zero-initialised data object.
//!
//! Arrays, structs and every other temporary that needs an address live in the
//! function's frame on the goroutine's *aggregate stack* (docs/abi.md), never in a
//! Cranelift stack slot. Invariant: generated code never materialises an address
//! inside the goroutine stack. Cranelift is free to keep an address in a callee-saved
//! register across a call, where no stack map describes it, so a stack slot address
//! would go stale when the stack is copied; aggregate-stack chunks never move. The one
//! stack slot, an open-coded function's defer slot (crate::defers), is only ever
//! accessed in place (`stack_load`/`stack_store`; crate::program checks it).

use std::collections::HashMap;

use ::types::types::Signature as GoSignature;
use ::types::{ConstValue, Info, ObjId, ObjKind, TypeId};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F32, F64, I64, I8};
use cranelift_codegen::ir::{
    AbiParam, Block, BlockArg, BlockCall, ExceptionTableData, ExceptionTableItem, FuncRef, Inst, InstBuilder, MemFlagsData, SigRef, Signature, SourceLoc, TrapCode, Type, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Variable};
use syntax::ast::{self, NodeId};
use syntax::{Diagnostic, Span};

use crate::abi::{abi_parts, is_memory, repr, scalar_offsets, Repr, PTR};
use crate::defers::DeferState;
use crate::program::Program;

/// Where a variable's value is stored.
#[derive(Clone, Debug)]
pub(crate) enum Storage {
    Ssa(Vec<Variable>),
    /// The variable's bytes are at this address (stack slot, heap cell, global).
    Addr(Variable),
}

/// An assignable location.
#[derive(Clone, Debug)]
pub(crate) enum Place {
    Ssa(Vec<Variable>),
    Mem(Value),
    /// `_`
    Blank,
}

/// Targets of `break` and `continue` for an enclosing loop, switch or labeled block.
pub(crate) struct JumpTarget {
    pub label: Option<String>,
    pub break_block: Block,
    pub continue_block: Option<Block>,
}

/// The most loads (and as many stores) an inline aggregate copy may use.
const INLINE_COPY_ACCESSES: u64 = 8;

/// Offsets in `G` (docs/abi.md, "Goroutine").
pub(crate) const G_AGG_SP: i32 = 32;
pub(crate) const G_AGG_LIMIT: i32 = 40;
pub(crate) const G_DEFER: i32 = 48;
pub(crate) const G_STACKGUARD0: i32 = 16;

/// `g.stackguard0` while the scheduler asks the goroutine to yield (docs/abi.md,
/// "Preemption").
const STACK_PREEMPT: i64 = 0xFFFF_FFFF_FFFD_0000_u64 as i64;

/// Runtime entry points that may panic (raise a Go panic, which can be recovered).
/// Every other entry point must never panic: calls to them are plain calls even in
/// functions with defers, where a panic must unwind only through `try_call`s.
const MAY_PANIC: &[&str] = &[
    "runtime.gopanic",
    "runtime.panicBounds",
    "runtime.panicdivide",
    "runtime.panicshift",
    "runtime.panicmem",
    "runtime.Goexit",
    "runtime.panicdottype",
    "runtime.efaceeq",
    "runtime.makeslice",
    "runtime.growslice",
    "strings.Repeat",
    "strconv.FormatInt",
    "runtime.makechan",
    "runtime.chansend1",
    "runtime.closechan",
    "runtime.selectgo",
    "sync.(*WaitGroup).Add",
    "sync.(*WaitGroup).Done",
    // A panic in a Go callback that a Go frame above the C call recovers unwinds
    // through it (runtime/src/cgo.rs).
    "runtime.cgocall",
];

/// What a call calls.
#[derive(Clone, Copy)]
pub(crate) enum Callee {
    Direct(FuncRef),
    Indirect(SigRef, Value),
}

/// The function's frame on the aggregate stack. Its size is known only once the body
/// is translated; until then the prologue carries a placeholder, and if the function
/// needed no aggregate memory at all the prologue and epilogues are removed again.
struct AggFrame {
    /// The frame's base address (a parameter of the first body block).
    base: Value,
    /// `iconst` of the frame size, rewritten when the body is done.
    size_inst: Inst,
    /// The prologue's overflow branch, rewritten to a plain jump for an empty frame.
    branch: Inst,
    body: Block,
    /// A zero to pass as the base when the frame is empty.
    zero: Value,
    /// Prologue and epilogue instructions that an empty frame does not need.
    removable: Vec<Inst>,
    /// Bytes allocated so far.
    size: u64,
    saved_sp: Value,
    saved_limit: Value,
}

pub(crate) struct FunctionTranslator<'p, 'a, 'f> {
    pub p: &'p mut Program<'a>,
    pub b: FunctionBuilder<'f>,
    pub info: &'a Info,
    pub name: String,
    /// This function is a closure (closures inside it are named `NAME.N`).
    pub is_closure: bool,
    pub vars: HashMap<ObjId, Storage>,
    pub g: Value,
    /// The closure context (closures only).
    pub ctx: Value,
    /// Result variables in order (named results, or anonymous slots).
    pub results: Vec<(TypeId, Storage)>,
    /// Hidden result pointers of aggregate results, by result index.
    pub result_ptrs: HashMap<usize, Value>,
    pub targets: Vec<JumpTarget>,
    /// Label of the statement being translated, handed to the loop/switch it labels.
    pub pending_label: Option<String>,
    /// The block each label starts, created at the label or at the first `goto`.
    pub label_blocks: HashMap<String, Block>,
    runtime_refs: HashMap<&'static str, FuncRef>,
    agg: Option<AggFrame>,
    /// Functions containing `defer`: their record and exit block (crate::defers).
    pub defers: Option<DeferState>,
    /// Defer thunks: expressions whose values come from the closure object, at these
    /// offsets (evaluated at the `defer` statement).
    pub thunk: Option<HashMap<NodeId, i32>>,
    /// The next Go call without results is the function's last act: make it a tail
    /// call (defer thunks).
    pub tail_call: bool,
    /// Calls emitted so far: a loop whose iteration made one gets a preemption poll
    /// ([`Self::preempt_poll`]).
    pub calls_emitted: u64,
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    pub fn new(p: &'p mut Program<'a>, b: FunctionBuilder<'f>, name: String) -> Self {
        let info = p.info;
        FunctionTranslator {
            p,
            b,
            info,
            name,
            is_closure: false,
            vars: HashMap::new(),
            g: Value::from_u32(0),
            ctx: Value::from_u32(0),
            results: Vec::new(),
            result_ptrs: HashMap::new(),
            targets: Vec::new(),
            pending_label: None,
            label_blocks: HashMap::new(),
            runtime_refs: HashMap::new(),
            agg: None,
            defers: None,
            thunk: None,
            tail_call: false,
            calls_emitted: 0,
        }
    }

    pub fn err(&self, span: Span, msg: impl Into<String>) -> Vec<Diagnostic> {
        vec![Diagnostic::new(span, msg)]
    }

    pub fn set_pos(&mut self, span: Span) {
        self.b.set_srcloc(SourceLoc::new(span.lo));
    }

    /// The position of a call instruction, as Go records it: the call's `(`. It is on
    /// the line where the called expression ends (a newline before `(` would insert a
    /// semicolon), so `func() {\n...\n}()` is attributed to its last line.
    pub fn set_call_pos(&mut self, call: &ast::Expr) {
        match &call.kind {
            ast::ExprKind::Call { func, .. } => self.set_pos(Span::new(func.span.hi.saturating_sub(1), func.span.hi)),
            _ => self.set_pos(call.span),
        }
    }

    /// Starts the entry block, binds `g` and the closure context, and allocates the
    /// frame on the aggregate stack (docs/abi.md, "The aggregate stack"):
    ///
    /// ```text
    /// entry: sp = g.agg_sp; limit = g.agg_limit; end = sp + SIZE
    ///        brif end > limit, grow, fast
    /// fast:  g.agg_sp = end; jump body(sp)
    /// grow:  base = runtime.morestackagg(g, SIZE); jump body(base)
    /// body(base): ...
    /// ```
    fn enter(&mut self, closure: bool) -> Vec<Value> {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        let params = self.b.block_params(entry).to_vec();
        self.g = params[0];
        let first_go_param = if closure {
            self.ctx = params[1];
            2
        } else {
            1
        };

        let flags = MemFlagsData::trusted();
        let zero = self.b.ins().iconst(PTR, 0);
        let saved_sp = self.b.ins().load(PTR, flags, self.g, G_AGG_SP);
        let saved_limit = self.b.ins().load(PTR, flags, self.g, G_AGG_LIMIT);
        let size = self.b.ins().iconst(I64, 0);
        let end = self.b.ins().iadd(saved_sp, size);
        let over = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, saved_limit);
        let fast = self.b.create_block();
        let grow = self.b.create_block();
        let body = self.b.create_block();
        self.b.append_block_param(body, PTR);
        self.b.set_cold_block(grow);
        self.b.ins().brif(over, grow, &[], fast, &[]);
        let branch = self.b.func.layout.last_inst(entry).expect("branch");
        self.b.switch_to_block(fast);
        self.b.seal_block(fast);
        let store = self.b.ins().store(flags, end, self.g, G_AGG_SP);
        self.b.ins().jump(body, &[saved_sp.into()]);
        self.b.switch_to_block(grow);
        self.b.seal_block(grow);
        let base = self.call_runtime("runtime.morestackagg", &[self.g, size], &[PTR])[0];
        self.b.ins().jump(body, &[base.into()]);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        let removable = [saved_sp, saved_limit].iter().map(|&v| self.b.func.dfg.value_def(v).unwrap_inst()).chain([store]).collect();
        self.agg = Some(AggFrame {
            base: self.b.block_params(body)[0],
            size_inst: self.b.func.dfg.value_def(size).unwrap_inst(),
            branch,
            body,
            zero,
            removable,
            size: 0,
            saved_sp,
            saved_limit,
        });
        params[first_go_param..].to_vec()
    }

    /// Restores the aggregate stack to what it was on entry (before every return).
    pub fn release_agg_frame(&mut self) {
        let agg = self.agg.as_ref().expect("frame allocated on entry");
        let (sp, limit) = (agg.saved_sp, agg.saved_limit);
        let flags = MemFlagsData::trusted();
        let a = self.b.ins().store(flags, sp, self.g, G_AGG_SP);
        let b = self.b.ins().store(flags, limit, self.g, G_AGG_LIMIT);
        self.agg.as_mut().expect("frame").removable.extend([a, b]);
    }

    /// Fixes the aggregate frame's size now that the body is translated; an empty
    /// frame loses its prologue and epilogues entirely.
    fn finish_agg_frame(&mut self) {
        let agg = self.agg.take().expect("frame allocated on entry");
        let size = agg.size.next_multiple_of(16);
        if size > 0 {
            self.b.func.replace(agg.size_inst).iconst(I64, size as i64);
            return;
        }
        self.b.func.replace(agg.branch).jump(agg.body, &[agg.zero.into()]);
        for inst in agg.removable {
            if self.b.func.dfg.has_results(inst) {
                // The entry loads: still referenced by the now unreachable fast path,
                // so they become dead constants instead of disappearing.
                self.b.func.replace(inst).iconst(PTR, 0);
            } else {
                self.b.func.layout.remove_inst(inst);
            }
        }
    }

    /// Translates `main.init`: package variable initialisers in dependency order, then
    /// calls of the package's `init` functions.
    pub fn translate_package_init(mut self, init_funcs: &[cranelift_module::FuncId]) -> Result<(), Vec<Diagnostic>> {
        self.enter(false);
        let ast = self.p.ast;
        for init in &self.info.init_order {
            let ast::Decl::Var(specs) = &ast.decls[init.decl] else { continue };
            let spec = &specs[init.spec];
            self.set_pos(spec.span);
            match init.value {
                Some(i) => {
                    let place = self.place_of_ident(&spec.names[i]);
                    let ty = self.def_type(&spec.names[i]);
                    let v = self.expr(&spec.values[i])?;
                    self.store(&place, ty, &v);
                }
                None => {
                    let places: Vec<(Place, TypeId)> = spec.names.iter().map(|n| (self.place_of_ident(n), self.def_type(n))).collect();
                    let vals = self.rhs_values(&spec.values, places.len())?.expect("a multi-value initialiser");
                    for ((place, ty), v) in places.iter().zip(vals) {
                        self.store(place, *ty, &v);
                    }
                }
            }
        }
        for &id in init_funcs {
            let f = self.p.module.declare_func_in_func(id, self.b.func);
            self.b.ins().call(f, &[self.g]);
        }
        self.release_agg_frame();
        self.b.ins().return_(&[]);
        self.finalize_body();
        Ok(())
    }

    /// Starts a closure without Go source (thunks, method values); returns its
    /// flattened Go parameters.
    pub fn enter_closure(&mut self) -> Vec<Value> {
        self.is_closure = true;
        self.enter(true)
    }

    /// Translates a function or closure body.
    /// `go_sig` is the function's Go signature (its variadic parameter is a slice).
    pub fn translate_function(mut self, sig: &'a ast::FuncType, go_sig: &GoSignature, body: &'a ast::Block, lit: Option<NodeId>) -> Result<(), Vec<Diagnostic>> {
        let mut params = self.enter(lit.is_some()).into_iter();
        if let Some(plan) = crate::defers::plan(&body.stmts) {
            self.begin_defers(plan);
        }
        self.set_pos(sig.span);
        self.is_closure = lit.is_some();
        if let Some(lit) = lit {
            let captures = self.info.captures.get(&lit).cloned().unwrap_or_default();
            for (i, obj) in captures.into_iter().enumerate() {
                let cell = self.b.ins().load(PTR, MemFlagsData::trusted(), self.ctx, 8 * (i as i32 + 1));
                let var = self.b.declare_var(PTR);
                self.b.def_var(var, cell);
                self.vars.insert(obj, Storage::Addr(var));
            }
        }
        // Hidden pointers of aggregate results come first.
        for (i, &ty) in go_sig.results.iter().enumerate() {
            if is_memory(&self.info.types, ty) {
                let ptr = params.next().expect("result pointer parameter");
                self.result_ptrs.insert(i, ptr);
            }
        }
        for (param, &ty) in sig.params.iter().zip(&go_sig.params) {
            let parts = abi_parts(&self.info.types, ty);
            let vals: Vec<Value> = parts.iter().map(|_| params.next().expect("parameter")).collect();
            let Some(obj) = param.name.as_ref().and_then(|n| self.info.def_of(n.id)) else { continue };
            self.declare_local(obj, ty, Some(&vals));
        }
        for (r, &ty) in sig.results.iter().zip(&go_sig.results) {
            let obj = r.name.as_ref().and_then(|n| self.info.def_of(n.id));
            let escapes = obj.is_some_and(|o| matches!(self.info.object(o).kind, ObjKind::Var { escapes: true, .. }));
            // With defers, the exit block is also the landing pad after a recovery:
            // results in variables reach it as Cranelift spills them across try_calls.
            let storage = self.new_storage(ty, escapes);
            if let Some(obj) = obj {
                self.vars.insert(obj, storage.clone());
            }
            self.results.push((ty, storage));
        }
        self.block(&body.stmts)?;
        let end = Span::new(body.span.hi.saturating_sub(1), body.span.hi);
        self.set_pos(end);
        if self.results.is_empty() {
            self.emit_return()?;
        } else {
            // Unreachable: the checker proved that every path of a function with
            // results ends in a terminating statement.
            self.b.ins().trap(TrapCode::unwrap_user(1));
        }
        if self.defers.is_some() {
            self.finish_defers(end);
        }
        self.finalize_body();
        Ok(())
    }

    /// Ends a translated function (public for the other translators).
    pub fn finalize(self) {
        self.finalize_body();
    }

    fn finalize_body(mut self) {
        self.finish_agg_frame();
        self.b.seal_all_blocks();
        let cfg = self.p.module.target_config();
        self.b.finalize(cfg);
    }

    pub fn def_type(&self, ident: &ast::Ident) -> TypeId {
        self.info.def_of(ident.id).map_or(TypeId::INVALID, |o| self.info.object(o).ty)
    }

    /// Fresh storage for a local of type `ty`, zero-initialised.
    pub fn new_storage(&mut self, ty: TypeId, escapes: bool) -> Storage {
        if escapes {
            let size = self.info.types.size_of(ty).max(1);
            let cell = self.alloc(size);
            let var = self.b.declare_var(PTR);
            self.b.def_var(var, cell);
            return Storage::Addr(var);
        }
        match repr(&self.info.types, ty) {
            Repr::Scalars(parts) => {
                let vars: Vec<Variable> = parts
                    .iter()
                    .map(|&t| {
                        let v = self.b.declare_var(t);
                        let zero = self.zero_scalar(t);
                        self.b.def_var(v, zero);
                        v
                    })
                    .collect();
                Storage::Ssa(vars)
            }
            Repr::Memory { size, align } => {
                let addr = self.stack_temp(size, align);
                self.zero_memory(addr, size, align);
                let var = self.b.declare_var(PTR);
                self.b.def_var(var, addr);
                Storage::Addr(var)
            }
        }
    }

    /// Declares local `obj`, initialised with `init` (or its zero value).
    pub fn declare_local(&mut self, obj: ObjId, ty: TypeId, init: Option<&[Value]>) {
        let escapes = matches!(self.info.object(obj).kind, ObjKind::Var { escapes: true, .. });
        let storage = self.new_storage(ty, escapes);
        self.vars.insert(obj, storage.clone());
        if let Some(vals) = init {
            let place = self.storage_place(&storage);
            self.store(&place, ty, vals);
        }
    }

    pub fn storage_place(&mut self, s: &Storage) -> Place {
        match s {
            Storage::Ssa(vars) => Place::Ssa(vars.clone()),
            Storage::Addr(var) => Place::Mem(self.b.use_var(*var)),
        }
    }

    /// The place a declaring identifier denotes (`_` is `Blank`).
    pub fn place_of_ident(&mut self, ident: &ast::Ident) -> Place {
        match self.info.def_of(ident.id) {
            Some(obj) => self.place_of_obj(obj),
            None => Place::Blank,
        }
    }

    pub fn place_of_obj(&mut self, obj: ObjId) -> Place {
        if let Some(s) = self.vars.get(&obj).cloned() {
            return self.storage_place(&s);
        }
        if let ObjKind::PkgVar { symbol } = self.info.object(obj).kind {
            // A package variable lives in the runtime (`os.Args`): imported data.
            let data = self.p.module.declare_data(symbol, cranelift_module::Linkage::Import, true, false).unwrap_or_else(|e| panic!("runtime variable {symbol}: {e}"));
            let gv = self.p.module.declare_data_in_func(data, self.b.func);
            return Place::Mem(self.b.ins().symbol_value(PTR, gv));
        }
        let data = *self.p.globals.get(&obj).unwrap_or_else(|| panic!("variable {} has no storage", self.info.object(obj).name));
        let gv = self.p.module.declare_data_in_func(data, self.b.func);
        Place::Mem(self.b.ins().symbol_value(PTR, gv))
    }

    /// Reads a value of type `ty` from a place.
    pub fn load(&mut self, place: &Place, ty: TypeId) -> Vec<Value> {
        match place {
            Place::Ssa(vars) => vars.iter().map(|&v| self.b.use_var(v)).collect(),
            Place::Mem(addr) => self.load_from(*addr, ty),
            Place::Blank => unreachable!("read of _"),
        }
    }

    pub fn load_from(&mut self, addr: Value, ty: TypeId) -> Vec<Value> {
        match repr(&self.info.types, ty) {
            Repr::Scalars(parts) => {
                let offs = scalar_offsets(&parts);
                parts.iter().zip(offs).map(|(&t, off)| self.b.ins().load(t, MemFlagsData::trusted(), addr, off)).collect()
            }
            Repr::Memory { .. } => vec![addr],
        }
    }

    /// Writes a value of type `ty` to a place (aggregates are copied).
    pub fn store(&mut self, place: &Place, ty: TypeId, vals: &[Value]) {
        match place {
            Place::Ssa(vars) => {
                for (&var, &v) in vars.iter().zip(vals) {
                    self.b.def_var(var, v);
                }
            }
            Place::Mem(addr) => self.store_to(*addr, ty, vals),
            Place::Blank => {}
        }
    }

    pub fn store_to(&mut self, addr: Value, ty: TypeId, vals: &[Value]) {
        match repr(&self.info.types, ty) {
            Repr::Scalars(parts) => {
                let offs = scalar_offsets(&parts);
                for (&v, off) in vals.iter().zip(offs) {
                    self.b.ins().store(MemFlagsData::trusted(), v, addr, off);
                }
            }
            Repr::Memory { size, align } => self.copy_memory(addr, vals[0], size, align),
        }
    }

    /// A value of `ty` that is safe to keep while other code runs: aggregates are
    /// copied into a fresh temporary.
    pub fn snapshot(&mut self, ty: TypeId, vals: Vec<Value>) -> Vec<Value> {
        match repr(&self.info.types, ty) {
            Repr::Memory { size, align } => {
                let tmp = self.stack_temp(size, align);
                self.copy_memory(tmp, vals[0], size, align);
                vec![tmp]
            }
            Repr::Scalars(_) => vals,
        }
    }

    /// Memory for a temporary or an aggregate local, in this function's frame on the
    /// aggregate stack (valid until the function returns).
    pub fn stack_temp(&mut self, size: u64, align: u64) -> Value {
        let agg = self.agg.as_mut().expect("frame allocated on entry");
        let offset = agg.size.next_multiple_of(align.clamp(1, 16));
        agg.size = offset + size.max(1);
        let base = agg.base;
        self.b.ins().iadd_imm_s(base, offset as i64)
    }

    /// Copies an aggregate of `size` bytes aligned to `align`. Small copies are inline
    /// loads and stores of the widest aligned access; larger ones call memmove (an
    /// inline copy loads everything before storing, so its values are all live at once
    /// and a long one overwhelms the register allocator).
    pub fn copy_memory(&mut self, dst: Value, src: Value, size: u64, align: u64) {
        if size == 0 {
            return;
        }
        let cfg = self.p.module.target_config();
        let access = align.clamp(1, 8);
        if size / access <= INLINE_COPY_ACCESSES {
            let a = access as u8;
            self.b.emit_small_memory_copy(cfg, dst, src, size, a, a, true, MemFlagsData::trusted());
        } else {
            let n = self.b.ins().iconst(I64, size as i64);
            self.b.call_memmove(cfg, dst, src, n);
        }
    }

    /// Zeroes an aggregate of `size` bytes aligned to `align` (inline when small).
    pub fn zero_memory(&mut self, dst: Value, size: u64, align: u64) {
        if size == 0 {
            return;
        }
        let cfg = self.p.module.target_config();
        let access = align.clamp(1, 8);
        if size / access <= 2 * INLINE_COPY_ACCESSES {
            self.b.emit_small_memset(cfg, dst, 0, size, access as u8, MemFlagsData::trusted());
        } else {
            let zero = self.b.ins().iconst(I8, 0);
            let n = self.b.ins().iconst(I64, size as i64);
            self.b.call_memset(cfg, dst, zero, n);
        }
    }

    pub fn zero_scalar(&mut self, t: Type) -> Value {
        if t.is_float() {
            self.float_const(t, 0.0)
        } else {
            self.b.ins().iconst(t, 0)
        }
    }

    /// The zero value of `ty`.
    pub fn zero_value(&mut self, ty: TypeId) -> Vec<Value> {
        match repr(&self.info.types, ty) {
            Repr::Scalars(parts) => parts.iter().map(|&t| self.zero_scalar(t)).collect(),
            Repr::Memory { size, align } => {
                let tmp = self.stack_temp(size, align);
                self.zero_memory(tmp, size, align);
                vec![tmp]
            }
        }
    }

    /// Imports a runtime entry point (System V) by its symbol (docs/abi.md).
    pub fn runtime_func(&mut self, symbol: &'static str, params: &[Type], returns: &[Type]) -> FuncRef {
        if let Some(&f) = self.runtime_refs.get(symbol) {
            return f;
        }
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
        sig.returns.extend(returns.iter().map(|&t| AbiParam::new(t)));
        let id = self.p.module.declare_function(symbol, cranelift_module::Linkage::Import, &sig).unwrap_or_else(|e| panic!("runtime symbol {symbol}: {e}"));
        let f = self.p.module.declare_func_in_func(id, self.b.func);
        self.runtime_refs.insert(symbol, f);
        f
    }

    /// Calls a runtime entry point and returns its results. In a function with
    /// defers an entry point that may panic is called through its `tail`-convention
    /// wrapper, with a `try_call`.
    pub fn call_runtime(&mut self, symbol: &'static str, args: &[Value], returns: &[Type]) -> Vec<Value> {
        let params: Vec<Type> = args.iter().map(|&a| self.b.func.dfg.value_type(a)).collect();
        if self.defers.is_some() && MAY_PANIC.contains(&symbol) {
            let id = self.p.runtime_wrapper(symbol, &params, returns);
            let f = self.p.module.declare_func_in_func(id, self.b.func);
            let mut wargs = vec![self.g];
            wargs.extend_from_slice(args);
            return self.emit_call(Callee::Direct(f), &wargs, true);
        }
        let f = self.runtime_func(symbol, &params, returns);
        self.emit_call(Callee::Direct(f), args, false)
    }

    /// `args` plus the zero for the padding parameter `abi::pad_stack_args` may have
    /// added to the callee's signature.
    pub fn complete_args(&mut self, callee: Callee, args: &[Value]) -> Vec<Value> {
        let sig = match callee {
            Callee::Direct(f) => self.b.func.dfg.ext_funcs[f].signature,
            Callee::Indirect(sig, _) => sig,
        };
        let mut all = args.to_vec();
        if self.b.func.dfg.signatures[sig].params.len() == args.len() + 1 {
            all.push(self.b.ins().iconst(I64, 0));
        }
        all
    }

    /// Emits a call. In a function with defers, a call that may panic (`may_unwind`)
    /// is a `try_call` whose exception edge is the exit block (crate::defers); its
    /// callee must use the `tail` convention.
    pub fn emit_call(&mut self, callee: Callee, args: &[Value], may_unwind: bool) -> Vec<Value> {
        self.calls_emitted += 1;
        let args = &self.complete_args(callee, args);
        let pad = self.defers.as_ref().filter(|_| may_unwind).map(|d| d.exit);
        let Some(pad) = pad else {
            let inst = match callee {
                Callee::Direct(f) => self.b.ins().call(f, args),
                Callee::Indirect(sig, code) => self.b.ins().call_indirect(sig, code, args),
            };
            return self.b.inst_results(inst).to_vec();
        };
        let sig = match callee {
            Callee::Direct(f) => self.b.func.dfg.ext_funcs[f].signature,
            Callee::Indirect(sig, _) => sig,
        };
        let returns: Vec<Type> = self.b.func.dfg.signatures[sig].returns.iter().map(|r| r.value_type).collect();
        let cont = self.b.create_block();
        let results: Vec<Value> = returns.iter().map(|&t| self.b.append_block_param(cont, t)).collect();
        let pool = &mut self.b.func.dfg.value_lists;
        let normal = BlockCall::new(cont, (0..returns.len() as u32).map(BlockArg::TryCallRet), pool);
        let landing = BlockCall::new(pad, [], pool);
        let table = self.b.func.dfg.exception_tables.push(ExceptionTableData::new(sig, normal, [ExceptionTableItem::Default(landing)]));
        match callee {
            Callee::Direct(f) => self.b.ins().try_call(f, args, table),
            Callee::Indirect(_, code) => self.b.ins().try_call_indirect(code, args, table),
        };
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
        results
    }

    /// A preemption point at a loop's back edge: if the scheduler poisoned
    /// `g.stackguard0` with `STACK_PREEMPT`, yield in `runtime.preemptcheck`. Loops
    /// whose iterations make calls get one, so that a loop calling only functions
    /// without a stack check (frameless leaves, the runtime) can still be preempted.
    /// Loops without calls get none: the load and compare cost 10-15% on a tight loop
    /// (bench/sieve.go: 37-40 ms -> 43 ms), so such loops are not preempted (Go 1.14+
    /// uses signals; docs/scheduler.md).
    pub fn preempt_poll(&mut self) {
        let guard = self.b.ins().load(I64, MemFlagsData::trusted(), self.g, G_STACKGUARD0);
        let poisoned = self.b.ins().icmp_imm_s(IntCC::Equal, guard, STACK_PREEMPT);
        let next = self.enter_cold_branch(poisoned);
        let g = self.g;
        self.call_runtime("runtime.preemptcheck", &[g], &[]);
        self.b.ins().jump(next, &[]);
        self.b.switch_to_block(next);
        self.b.seal_block(next);
    }

    /// Branches to a new cold block when `cond` is non-zero and continues there;
    /// returns the block the other path goes to, for the caller to switch to once the
    /// cold block is terminated.
    fn enter_cold_branch(&mut self, cond: Value) -> Block {
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        self.b.seal_block(cold);
        cont
    }

    pub fn alloc(&mut self, size: u64) -> Value {
        let n = self.b.ins().iconst(I64, size as i64);
        self.call_runtime("runtime.mallocgc", &[n], &[PTR])[0]
    }

    /// Calls a runtime function that never returns, ending the current block.
    pub fn call_noreturn(&mut self, symbol: &'static str, args: &[Value]) {
        self.call_runtime_noreturn(symbol, args);
        self.start_unreachable_block();
    }

    /// Calls a runtime function that never returns (a panic), ending the block. It
    /// does not count as a call for preemption polls: a loop whose only calls panic
    /// (bounds checks) loops without calls.
    fn call_runtime_noreturn(&mut self, symbol: &'static str, args: &[Value]) {
        let calls = self.calls_emitted;
        self.call_runtime(symbol, args, &[]);
        self.calls_emitted = calls;
        self.b.ins().trap(TrapCode::unwrap_user(2));
    }

    /// After a terminator: continue emitting into a block nothing jumps to.
    pub fn start_unreachable_block(&mut self) {
        let dead = self.b.create_block();
        self.b.switch_to_block(dead);
        self.b.seal_block(dead);
    }

    /// Branches to a cold block that calls the runtime function `symbol` (which never
    /// returns) when `cond` is non-zero.
    pub fn panic_if(&mut self, cond: Value, symbol: &'static str, args: &[Value]) {
        let cont = self.enter_cold_branch(cond);
        self.call_runtime_noreturn(symbol, args);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }

    /// Panics with a nil dereference when `ptr` is null.
    pub fn nil_check(&mut self, ptr: Value) {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, ptr, 0);
        self.panic_if(is_nil, "runtime.panicmem", &[self.g]);
    }

    /// Panics with Go's bounds error `code` unless `x < bound` (unsigned: negative
    /// indices fail too); `signed` says whether `x` came from a signed type.
    pub fn bounds_check(&mut self, cc: IntCC, x: Value, bound: Value, code: i64, signed: bool) {
        let bad = self.b.ins().icmp(cc, x, bound);
        let code = self.b.ins().iconst(I64, code);
        let signed = self.b.ins().iconst(I8, signed as i64);
        self.panic_if(bad, "runtime.panicBounds", &[self.g, code, x, bound, signed]);
    }

    /// Emits the value of a constant of type `ty`.
    pub fn const_value(&mut self, ty: TypeId, v: &ConstValue) -> Vec<Value> {
        let ty = self.info.types.default_type(ty);
        match (v, repr(&self.info.types, ty)) {
            (ConstValue::String(bytes), _) => self.string_const(bytes),
            (ConstValue::Bool(b), _) => vec![self.b.ins().iconst(I8, *b as i64)],
            (ConstValue::Int(i), Repr::Scalars(parts)) if parts[0].is_float() => vec![self.float_const(parts[0], *i as f64)],
            (ConstValue::Int(i), Repr::Scalars(parts)) => vec![self.b.ins().iconst(parts[0], *i as i64)],
            (ConstValue::Float(f), Repr::Scalars(parts)) if parts[0].is_float() => vec![self.float_const(parts[0], *f)],
            (ConstValue::Float(f), Repr::Scalars(parts)) => vec![self.b.ins().iconst(parts[0], *f as i64)],
            (_, Repr::Memory { .. }) => unreachable!("aggregate constant"),
        }
    }

    /// A float constant of Cranelift type `t` (F32 or F64). A float32 constant's value
    /// is exactly representable in f32 (the checker rounded it).
    pub fn float_const(&mut self, t: Type, v: f64) -> Value {
        if t == F32 {
            self.b.ins().f32const(v as f32)
        } else {
            debug_assert_eq!(t, F64);
            self.b.ins().f64const(v)
        }
    }

    pub fn string_const(&mut self, bytes: &[u8]) -> Vec<Value> {
        let data = self.p.string_data(bytes);
        let gv = self.p.module.declare_data_in_func(data, self.b.func);
        let ptr = self.b.ins().symbol_value(PTR, gv);
        let len = self.b.ins().iconst(I64, bytes.len() as i64);
        vec![ptr, len]
    }

    pub fn type_desc_addr(&mut self, ty: TypeId) -> Value {
        let data = self.p.type_desc(ty);
        let gv = self.p.module.declare_data_in_func(data, self.b.func);
        self.b.ins().symbol_value(PTR, gv)
    }

    /// Materialises a value in memory and returns its address (for `Eface` data).
    pub fn spill(&mut self, ty: TypeId, vals: &[Value]) -> Value {
        match repr(&self.info.types, ty) {
            Repr::Memory { .. } => vals[0],
            Repr::Scalars(_) => {
                let size = self.info.types.size_of(ty);
                let tmp = self.stack_temp(size, 8);
                self.store_to(tmp, ty, vals);
                tmp
            }
        }
    }

    /// Emits `return` of the current result variables (in a function with defers: a
    /// jump to the exit block, which runs them first).
    pub fn emit_return(&mut self) -> Result<(), Vec<Diagnostic>> {
        match self.defers.as_ref().map(|d| d.exit) {
            Some(exit) => {
                self.b.ins().jump(exit, &[]);
            }
            None => self.return_results(),
        }
        self.start_unreachable_block();
        Ok(())
    }

    /// Releases the aggregate frame and returns the result variables' values.
    pub fn return_results(&mut self) {
        let mut rets = Vec::new();
        for (i, (ty, storage)) in self.results.clone().into_iter().enumerate() {
            let place = self.storage_place(&storage);
            let vals = self.load(&place, ty);
            match self.result_ptrs.get(&i).copied() {
                Some(ptr) => self.store_to(ptr, ty, &vals),
                None => rets.extend(vals),
            }
        }
        self.release_agg_frame();
        self.b.ins().return_(&rets);
    }
}

