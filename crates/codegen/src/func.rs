//! Per-function state and the primitives every construct is built from: where each
//! variable lives, reading and writing places, calling the runtime, raising runtime
//! panics.
//!
//! Where a variable lives:
//! * a non-escaping scalar local is a set of Cranelift `Variable`s (SSA);
//! * a non-escaping aggregate local is a stack slot;
//! * an escaping local (captured by a closure or address-taken) is a heap cell whose
//!   address is held in a `Variable`; a closure reaches the cells of the variables it
//!   captured through its closure object `{code, cell1, cell2, ...}`;
//! * a package variable is a zero-initialised data object.

use std::collections::HashMap;

use ::types::types::Signature as GoSignature;
use ::types::{ConstValue, Info, ObjId, ObjKind, TypeId};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{F32, F64, I64, I8};
use cranelift_codegen::ir::{AbiParam, Block, FuncRef, InstBuilder, MemFlagsData, Signature, SourceLoc, StackSlotData, StackSlotKind, TrapCode, Type, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Variable};
use syntax::ast::{self, NodeId};
use syntax::{Diagnostic, Span};

use crate::abi::{abi_parts, is_memory, repr, scalar_offsets, Repr, PTR};
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

pub(crate) struct FunctionTranslator<'p, 'a, 'f> {
    pub p: &'p mut Program<'a>,
    pub b: FunctionBuilder<'f>,
    pub info: &'a Info,
    pub name: String,
    /// This function is a closure (closures inside it are named `NAME.N`).
    pub is_closure: bool,
    pub vars: HashMap<ObjId, Storage>,
    pub g: Value,
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
        }
    }

    pub fn err(&self, span: Span, msg: impl Into<String>) -> Vec<Diagnostic> {
        vec![Diagnostic::new(span, msg)]
    }

    pub fn set_pos(&mut self, span: Span) {
        self.b.set_srcloc(SourceLoc::new(span.lo));
    }

    /// Starts the entry block and binds `g` and the closure context.
    fn enter(&mut self) -> Vec<Value> {
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        self.b.seal_block(entry);
        let params = self.b.block_params(entry).to_vec();
        self.g = params[0];
        self.ctx = params[1];
        params[2..].to_vec()
    }

    /// Translates `main.init`: package variable initialisers in dependency order, then
    /// calls of the package's `init` functions.
    pub fn translate_package_init(mut self, init_funcs: &[cranelift_module::FuncId]) -> Result<(), Vec<Diagnostic>> {
        self.enter();
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
                    let vals = self.call_multi(&spec.values[0])?;
                    for ((place, ty), v) in places.iter().zip(vals) {
                        self.store(place, *ty, &v);
                    }
                }
            }
        }
        let null = self.b.ins().iconst(PTR, 0);
        for &id in init_funcs {
            let f = self.p.module.declare_func_in_func(id, self.b.func);
            self.b.ins().call(f, &[self.g, null]);
        }
        self.b.ins().return_(&[]);
        self.finalize_body();
        Ok(())
    }

    /// Translates a function or closure body.
    /// `go_sig` is the function's Go signature (its variadic parameter is a slice).
    pub fn translate_function(mut self, sig: &'a ast::FuncType, go_sig: &GoSignature, body: &'a ast::Block, lit: Option<NodeId>) -> Result<(), Vec<Diagnostic>> {
        let mut params = self.enter().into_iter();
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
            let storage = match r.name.as_ref().and_then(|n| self.info.def_of(n.id)) {
                Some(obj) => {
                    self.declare_local(obj, ty, None);
                    self.vars[&obj].clone()
                }
                None => self.new_storage(ty, false),
            };
            self.results.push((ty, storage));
        }
        self.block(&body.stmts)?;
        self.set_pos(Span::new(body.span.hi.saturating_sub(1), body.span.hi));
        if self.results.is_empty() {
            self.emit_return()?;
        } else {
            // Unreachable: the checker proved that every path of a function with
            // results ends in a terminating statement.
            self.b.ins().trap(TrapCode::unwrap_user(1));
        }
        self.finalize_body();
        Ok(())
    }

    fn finalize_body(mut self) {
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
                self.zero_memory(addr, size);
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
            Repr::Memory { size, .. } => self.copy_memory(addr, vals[0], size),
        }
    }

    /// A value of `ty` that is safe to keep while other code runs: aggregates are
    /// copied into a fresh temporary.
    pub fn snapshot(&mut self, ty: TypeId, vals: Vec<Value>) -> Vec<Value> {
        match repr(&self.info.types, ty) {
            Repr::Memory { size, align } => {
                let tmp = self.stack_temp(size, align);
                self.copy_memory(tmp, vals[0], size);
                vec![tmp]
            }
            Repr::Scalars(_) => vals,
        }
    }

    pub fn stack_temp(&mut self, size: u64, align: u64) -> Value {
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size.max(1) as u32, align.max(1).trailing_zeros() as u8));
        self.b.ins().stack_addr(PTR, slot, 0)
    }

    pub fn copy_memory(&mut self, dst: Value, src: Value, size: u64) {
        if size == 0 {
            return;
        }
        let cfg = self.p.module.target_config();
        if size <= 128 {
            self.b.emit_small_memory_copy(cfg, dst, src, size, 1, 1, true, MemFlagsData::trusted());
        } else {
            let n = self.b.ins().iconst(I64, size as i64);
            self.b.call_memmove(cfg, dst, src, n);
        }
    }

    pub fn zero_memory(&mut self, dst: Value, size: u64) {
        if size == 0 {
            return;
        }
        let cfg = self.p.module.target_config();
        if size <= 128 {
            self.b.emit_small_memset(cfg, dst, 0, size, 1, MemFlagsData::trusted());
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
                self.zero_memory(tmp, size);
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

    /// Calls a runtime entry point and returns its results.
    pub fn call_runtime(&mut self, symbol: &'static str, args: &[Value], returns: &[Type]) -> Vec<Value> {
        let params: Vec<Type> = args.iter().map(|&a| self.b.func.dfg.value_type(a)).collect();
        let f = self.runtime_func(symbol, &params, returns);
        let call = self.b.ins().call(f, args);
        self.b.inst_results(call).to_vec()
    }

    pub fn alloc(&mut self, size: u64) -> Value {
        let n = self.b.ins().iconst(I64, size as i64);
        self.call_runtime("runtime.mallocgc", &[n], &[PTR])[0]
    }

    /// Calls a runtime function that never returns, ending the current block.
    pub fn call_noreturn(&mut self, symbol: &'static str, args: &[Value]) {
        self.call_runtime(symbol, args, &[]);
        self.b.ins().trap(TrapCode::unwrap_user(2));
        self.start_unreachable_block();
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
        let cold = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(cold);
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        self.b.seal_block(cold);
        self.call_runtime(symbol, args, &[]);
        self.b.ins().trap(TrapCode::unwrap_user(2));
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }

    /// Panics with a nil dereference when `ptr` is null.
    pub fn nil_check(&mut self, ptr: Value) {
        let is_nil = self.b.ins().icmp_imm_s(IntCC::Equal, ptr, 0);
        self.panic_if(is_nil, "runtime.panicmem", &[]);
    }

    /// Panics with Go's bounds error `code` unless `x < bound` (unsigned: negative
    /// indices fail too); `signed` says whether `x` came from a signed type.
    pub fn bounds_check(&mut self, cc: IntCC, x: Value, bound: Value, code: i64, signed: bool) {
        let bad = self.b.ins().icmp(cc, x, bound);
        let code = self.b.ins().iconst(I64, code);
        let signed = self.b.ins().iconst(I8, signed as i64);
        self.panic_if(bad, "runtime.panicBounds", &[code, x, bound, signed]);
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

    /// Emits `return` of the current result variables.
    pub fn emit_return(&mut self) -> Result<(), Vec<Diagnostic>> {
        let mut rets = Vec::new();
        for (i, (ty, storage)) in self.results.clone().into_iter().enumerate() {
            let place = self.storage_place(&storage);
            let vals = self.load(&place, ty);
            match self.result_ptrs.get(&i).copied() {
                Some(ptr) => self.store_to(ptr, ty, &vals),
                None => rets.extend(vals),
            }
        }
        self.b.ins().return_(&rets);
        self.start_unreachable_block();
        Ok(())
    }
}

