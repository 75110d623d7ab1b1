//! Calls evaluated now and made later: the `func()` closures of `defer CALL` and
//! `go CALL`.
//!
//! The callee and the arguments are evaluated at the statement. A `func()` value
//! called without arguments is its own closure; any other call becomes a *thunk*: a
//! closure object holding the evaluated values, whose code (`NAME.deferwrapN`,
//! `NAME.gowrapN`) makes the call with them — as a tail call when the callee has no
//! results, so that the callee itself is the deferred call (`recover` works) or the
//! goroutine's first frame. Where the object lives decides how long it may be used:
//! the deferring function's aggregate frame (open-coded defers), a defer node
//! (general defers), or the heap (goroutines, which outlive their creator).

use cranelift_codegen::ir::types::I64;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use cranelift_module::FuncId;
use syntax::ast::{Expr, ExprKind};
use types::{Mode, ObjKind, TypeId, TypeKind};

use crate::abi::PTR;
use crate::expr::{strip_parens, R};
use crate::func::FunctionTranslator;
use crate::program::Captured;

/// The code of a suspended call's closure known at compile time: it can be called
/// directly (no nil check, no indirect call), as Go's open-coded defers do.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KnownCode {
    pub func: FuncId,
    /// The function takes the closure object as its context (closure signature);
    /// otherwise it is a top-level `func()` called with `g` alone.
    pub takes_closure: bool,
}

/// The statement suspending a call, which decides where a thunk lives.
#[derive(Clone, Copy)]
pub(crate) enum Suspend {
    /// An open-coded `defer`: in the function's aggregate frame (each such `defer`
    /// runs at most once per call, and the frame outlives its deferred calls).
    OpenDefer,
    /// A general `defer`: in a node `runtime.newdefer` pushes on this `DeferFrame`
    /// (reused once the call is made).
    GeneralDefer(Value),
    /// `go`: on the heap, for the new goroutine to keep.
    Go,
}

/// A suspended call's `func()` closure.
pub(crate) struct Suspended {
    pub fnv: Value,
    pub known: Option<KnownCode>,
    /// A thunk in a defer node, already linked into the frame's general list.
    pub linked: bool,
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    /// Evaluates the callee and arguments of `call` and returns the `func()` closure
    /// that makes the call.
    pub fn suspend(&mut self, call: &'a Expr, how: Suspend) -> R<Suspended> {
        let ExprKind::Call { func, args, .. } = &strip_parens(call).kind else { unreachable!("suspended non-call") };
        let callee = strip_parens(func);
        let go_sig = match self.info.types.under(self.info.type_of(callee.id)) {
            TypeKind::Func(s) => Some(s.clone()),
            _ => None,
        };
        let mode = self.info.exprs.get(&callee.id).map(|tv| tv.mode);
        let method = self.info.methods.contains_key(&callee.id) || self.info.pkg_methods.contains_key(&callee.id);
        let special = self.info.use_of(callee.id).is_some_and(|o| matches!(self.info.object(o).kind, ObjKind::Builtin(_) | ObjKind::PkgFunc(_) | ObjKind::Cgo(_))) || method;
        // A `func()` value called without arguments is the closure itself.
        if args.is_empty() && !special && mode != Some(Mode::TypeExpr) && go_sig.as_ref().is_some_and(|s| s.params.is_empty() && s.results.is_empty()) {
            if let ExprKind::FuncLit { .. } = callee.kind {
                let (fnv, func) = self.closure_object(callee)?;
                return Ok(Suspended { fnv, known: Some(KnownCode { func, takes_closure: true }), linked: false });
            }
            let top_level = self.info.use_of(callee.id).filter(|&o| matches!(self.info.object(o).kind, ObjKind::Func)).map(|o| self.p.funcs[&o]);
            let known = top_level.map(|func| KnownCode { func, takes_closure: false });
            return Ok(Suspended { fnv: self.expr(callee)?[0], known, linked: false });
        }
        if args.len() == 1 && matches!(self.info.types.kind(self.info.type_of(args[0].id)), TypeKind::Tuple(_)) {
            let what = if matches!(how, Suspend::Go) { "go" } else { "defer" };
            return Err(self.err(call.span, format!("not supported yet: {what} of a call with a multi-value argument")));
        }
        // A thunk: what the call needs, evaluated now, into its closure object: the
        // values of the callee (unless known statically) or of an interface method's
        // receiver, the address of a package type method's receiver (no type), and
        // the non-constant arguments.
        let mut held: Vec<(&'a Expr, Option<TypeId>, Vec<Value>)> = Vec::new();
        match (&callee.kind, self.info.pkg_methods.get(&callee.id).copied()) {
            (ExprKind::Selector { x, .. }, Some(sel)) => held.push((x, None, vec![self.receiver(x, sel.through_pointer)?])),
            (ExprKind::Selector { x, .. }, None) if method => held.push((x, Some(self.value_type(x)), self.expr(x)?)),
            _ if !special && self.info.use_of(callee.id).is_none_or(|o| !matches!(self.info.object(o).kind, ObjKind::Func)) => {
                held.push((callee, Some(self.value_type(callee)), self.expr(callee)?))
            }
            _ => {}
        }
        for a in args.iter().filter(|a| self.info.const_value(a.id).is_none()) {
            let ty = self.value_type(a);
            let v = self.expr(a)?;
            held.push((a, Some(ty), self.snapshot(ty, v)));
        }
        let mut captured = Vec::new();
        let mut size = 8u64;
        for (node, ty, _) in &held {
            size = size.next_multiple_of(8);
            captured.push(Captured { node: node.id, offset: size as i32 });
            size += ty.map_or(8, |t| self.info.types.size_of(t));
        }
        let size = size.next_multiple_of(8);
        let obj = match how {
            Suspend::OpenDefer => self.stack_temp(size, 8),
            Suspend::GeneralDefer(frame) => {
                let n = self.b.ins().iconst(I64, size as i64);
                self.call_runtime("runtime.newdefer", &[frame, n], &[PTR])[0]
            }
            Suspend::Go => self.alloc(size),
        };
        for ((_, ty, v), c) in held.into_iter().zip(&captured) {
            let at = self.b.ins().iadd_imm_s(obj, c.offset as i64);
            match ty {
                Some(ty) => self.store_to(at, ty, &v),
                None => {
                    self.b.ins().store(MemFlagsData::trusted(), v[0], at, 0);
                }
            }
        }
        let suffix = if matches!(how, Suspend::Go) { "gowrap" } else { "deferwrap" };
        let thunk = self.p.queue_thunk(&self.name.clone(), suffix, call, captured);
        let f = self.p.module.declare_func_in_func(thunk, self.b.func);
        let code = self.b.ins().func_addr(PTR, f);
        self.b.ins().store(MemFlagsData::trusted(), code, obj, 0);
        Ok(Suspended { fnv: obj, known: Some(KnownCode { func: thunk, takes_closure: true }), linked: matches!(how, Suspend::GeneralDefer(_)) })
    }

    /// The body of a thunk: the suspended call with its callee and arguments taken
    /// from the closure object (`captured`), as a tail call when possible.
    pub fn translate_thunk(mut self, call: &'a Expr, captured: &[Captured]) -> Result<(), Vec<syntax::Diagnostic>> {
        self.enter_closure();
        self.set_pos(call.span);
        self.thunk = Some(captured.iter().map(|c| (c.node, c.offset)).collect());
        self.tail_call = true;
        self.call(strip_parens(call))?;
        self.emit_return()?;
        self.finalize();
        Ok(())
    }
}
