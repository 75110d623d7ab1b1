//! Goroutines, channels, `select`, and the methods of package `sync`'s types.
//!
//! Every operation is a call of the runtime (docs/abi.md, "Goroutines, channels,
//! `select`, `sync`"). Many of them block, and a blocked goroutine's stack may be
//! copied, so every pointer they take — an element to send or receive into, the
//! `select` case array, a `sync` receiver — points into the aggregate stack, the heap
//! or a global, as every address compiled code makes does (crate::func).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I64, I8};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, TrapCode, Value};
use syntax::ast::{AssignOp, Block as AstBlock, CommClause, Expr, ExprKind, StmtKind, UnOp};
use syntax::Span;
use types::info::MethodSel;
use types::packages::MethodCall;
use types::{TypeId, TypeKind};

use crate::abi::PTR;
use crate::expr::{strip_parens, R};
use crate::func::{FunctionTranslator, JumpTarget, Place};
use crate::thunks::Suspend;

/// `scase` (`runtime.selectgo`'s case record): `{c, elem, dir}`.
const SCASE_SIZE: i32 = 24;
const SCASE_ELEM: i32 = 8;
const SCASE_DIR: i32 = 16;
const CASE_SEND: i64 = 1;
const CASE_RECV: i64 = 2;

/// The receive of a select case: the channel operand, and the targets of its value
/// and `ok` (`case v, ok := <-c`), if any.
struct RecvCase<'a> {
    chan: &'a Expr,
    lhs: &'a [Expr],
    define: bool,
    /// The receive expression (its value may be converted to an interface).
    expr: &'a Expr,
}

impl RecvCase<'_> {
    /// The received value is assigned (not discarded or assigned to `_`).
    fn keeps_value(&self) -> bool {
        self.lhs.first().is_some_and(|e| !matches!(&e.kind, ExprKind::Ident(n) if n == "_"))
    }
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    /// `go CALL` (statement `span`): the call's closure, holding the callee and
    /// arguments evaluated now, becomes a new goroutine.
    pub fn go_stmt(&mut self, span: Span, call: &'a Expr) -> R<()> {
        let fnv = self.suspend(call, Suspend::Go)?.fnv;
        // The goroutine's `created by` line.
        self.set_pos(span);
        self.call_runtime("runtime.newproc", &[self.g, fnv], &[]);
        Ok(())
    }

    /// The element type of a channel type.
    fn chan_elem(&self, chan_ty: TypeId) -> TypeId {
        match *self.info.types.under(chan_ty) {
            TypeKind::Chan { elem, .. } => elem,
            ref other => unreachable!("channel operation on {other:?}"),
        }
    }

    /// `make(chan T)`, `make(chan T, size)`.
    pub fn make_chan(&mut self, chan_ty: TypeId, size: Option<&'a Expr>) -> R<Value> {
        let elem = self.chan_elem(chan_ty);
        let size = match size {
            Some(s) => self.index_value(s)?.0,
            None => self.b.ins().iconst(I64, 0),
        };
        let es = self.b.ins().iconst(I64, self.info.types.size_of(elem) as i64);
        Ok(self.call_runtime("runtime.makechan", &[self.g, es, size], &[PTR])[0])
    }

    /// A fresh temporary holding a copy of a value of type `ty`.
    fn temp_copy(&mut self, ty: TypeId, vals: &[Value]) -> Value {
        let tmp = self.stack_temp(self.info.types.size_of(ty), self.info.types.align_of(ty));
        self.store_to(tmp, ty, vals);
        tmp
    }

    /// A temporary to receive an element of type `elem` into, or null when the
    /// value is discarded.
    fn recv_buffer(&mut self, elem: TypeId, keep: bool) -> Value {
        if keep {
            self.stack_temp(self.info.types.size_of(elem), self.info.types.align_of(elem))
        } else {
            self.b.ins().iconst(PTR, 0)
        }
    }

    /// `c <- v`: the channel, then the value, are evaluated first.
    pub fn send(&mut self, chan: &'a Expr, value: &'a Expr) -> R<()> {
        let elem = self.chan_elem(self.info.type_of(chan.id));
        let c = self.expr(chan)?[0];
        let v = self.expr(value)?;
        let p = self.temp_copy(elem, &v);
        self.call_runtime("runtime.chansend1", &[self.g, c, p], &[]);
        Ok(())
    }

    /// `<-c`: the received value (nothing unless `keep`) and, with `comma_ok`,
    /// whether it came from a send rather than a closed channel.
    pub fn recv(&mut self, chan: &'a Expr, keep: bool, comma_ok: bool) -> R<(Vec<Value>, Option<Value>)> {
        let elem = self.chan_elem(self.info.type_of(chan.id));
        let c = self.expr(chan)?[0];
        let buf = self.recv_buffer(elem, keep);
        let ok = if comma_ok {
            Some(self.call_runtime("runtime.chanrecv2", &[self.g, c, buf], &[I8])[0])
        } else {
            self.call_runtime("runtime.chanrecv1", &[self.g, c, buf], &[]);
            None
        };
        Ok((if keep { self.load_from(buf, elem) } else { Vec::new() }, ok))
    }

    /// `for v := range c` / `for range c`: receives until the channel is closed and
    /// drained.
    pub fn range_chan(&mut self, label: Option<String>, key: Option<&'a Expr>, define: bool, x: &'a Expr, body: &'a AstBlock) -> R<()> {
        let elem = self.chan_elem(self.info.type_of(x.id));
        let c = self.expr(x)?[0];
        let key = key.filter(|k| !matches!(&k.kind, ExprKind::Ident(n) if n == "_"));
        // A variable declared by `:=` exists once for the whole loop (Go 1.19).
        let declared = match key {
            Some(k) if define => Some(self.target(k, true)?),
            _ => None,
        };
        let buf = self.recv_buffer(elem, key.is_some());
        let header = self.b.create_block();
        let body_b = self.b.create_block();
        let cont = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let ok = self.call_runtime("runtime.chanrecv2", &[self.g, c, buf], &[I8])[0];
        self.b.ins().brif(ok, body_b, &[], exit, &[]);
        self.b.switch_to_block(body_b);
        self.b.seal_block(body_b);
        if let Some(k) = key {
            let v = self.load_from(buf, elem);
            let (place, ty) = match declared.clone() {
                Some(pt) => pt,
                None => self.target(k, false)?,
            };
            let v = if self.info.types.is_interface(ty) && !self.info.types.is_interface(elem) { self.convert_to_interface(elem, v) } else { v };
            self.store(&place, ty, &v);
        }
        self.loop_body(label, &body.stmts, exit, cont)?;
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
        self.preempt_poll();
        self.b.ins().jump(header, &[]);
        self.b.seal_block(header);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        Ok(())
    }

    /// `select`: the channels and values to send are evaluated in source order into
    /// an array of `scase`s; `runtime.selectgo` picks a ready case (blocking unless
    /// there is a `default`) and performs it; the chosen case's receive assignments
    /// and body run.
    pub fn select(&mut self, span: Span, label: Option<String>, clauses: &'a [CommClause]) -> R<()> {
        let default = clauses.iter().position(|c| c.comm.is_none());
        let cases: Vec<usize> = (0..clauses.len()).filter(|&i| Some(i) != default).collect();
        let bodies: Vec<_> = clauses.iter().map(|_| self.b.create_block()).collect();
        let end = self.b.create_block();
        // Per clause: a receive's case, buffer and element type.
        let mut recvs: Vec<Option<(RecvCase<'a>, Value, TypeId)>> = clauses.iter().map(|_| None).collect();
        // Whether the chosen receive got a sent value (`selectgo`'s second result).
        let mut recv_ok = None;
        if let (true, Some(d)) = (cases.is_empty(), default) {
            // Only a default: nothing to wait for.
            self.b.ins().jump(bodies[d], &[]);
        } else {
            let array = if cases.is_empty() { self.b.ins().iconst(PTR, 0) } else { self.stack_temp(SCASE_SIZE as u64 * cases.len() as u64, 8) };
            for (k, &ci) in cases.iter().enumerate() {
                let comm = clauses[ci].comm.as_deref().expect("a non-default case has a communication");
                self.set_pos(comm.span);
                let (c, elem_ptr, dir) = match &comm.kind {
                    StmtKind::Send { chan, value } => {
                        let elem = self.chan_elem(self.info.type_of(chan.id));
                        let c = self.expr(chan)?[0];
                        let v = self.expr(value)?;
                        (c, self.temp_copy(elem, &v), CASE_SEND)
                    }
                    _ => {
                        let rc = recv_case(&comm.kind);
                        let elem = self.chan_elem(self.info.type_of(rc.chan.id));
                        let c = self.expr(rc.chan)?[0];
                        let buf = self.recv_buffer(elem, rc.keeps_value());
                        recvs[ci] = Some((rc, buf, elem));
                        (c, buf, CASE_RECV)
                    }
                };
                let flags = MemFlagsData::trusted();
                let at = SCASE_SIZE * k as i32;
                self.b.ins().store(flags, c, array, at);
                self.b.ins().store(flags, elem_ptr, array, at + SCASE_ELEM);
                let dir = self.b.ins().iconst(I64, dir);
                self.b.ins().store(flags, dir, array, at + SCASE_DIR);
            }
            // A goroutine blocked here is at the `select` (tracebacks).
            self.set_pos(span);
            let n = self.b.ins().iconst(I64, cases.len() as i64);
            let block = self.b.ins().iconst(I8, default.is_none() as i64);
            let res = self.call_runtime("runtime.selectgo", &[self.g, array, n, block], &[I64, I64]);
            recv_ok = Some(res[1]);
            if cases.is_empty() {
                // `select {}` blocks forever.
                self.b.ins().trap(TrapCode::unwrap_user(2));
            }
            // `chosen` is the case's index, or -1 for the default.
            for (k, &ci) in cases.iter().enumerate() {
                if k + 1 == cases.len() && default.is_none() {
                    self.b.ins().jump(bodies[ci], &[]);
                    break;
                }
                let hit = self.b.ins().icmp_imm_s(IntCC::Equal, res[0], k as i64);
                let next = self.b.create_block();
                self.b.ins().brif(hit, bodies[ci], &[], next, &[]);
                self.b.switch_to_block(next);
                self.b.seal_block(next);
            }
            if let Some(d) = default {
                self.b.ins().jump(bodies[d], &[]);
            }
        }
        self.targets.push(JumpTarget { label, break_block: end, continue_block: None });
        for ((clause, &body), recv) in clauses.iter().zip(&bodies).zip(recvs) {
            self.b.switch_to_block(body);
            let r = self.select_assign(recv, recv_ok).and_then(|()| self.block(&clause.body));
            if let Err(e) = r {
                self.targets.pop();
                return Err(e);
            }
            self.b.ins().jump(end, &[]);
        }
        self.end_branches(&bodies, end);
        Ok(())
    }

    /// The assignments of a chosen receive case (`case v, ok := <-c`), if any.
    fn select_assign(&mut self, recv: Option<(RecvCase<'a>, Value, TypeId)>, recv_ok: Option<Value>) -> R<()> {
        let Some((rc, buf, elem)) = recv else { return Ok(()) };
        if rc.lhs.is_empty() {
            return Ok(());
        }
        let v = if rc.keeps_value() { self.load_from(buf, elem) } else { Vec::new() };
        let v = self.converted(rc.expr, elem, v);
        let ok = self.b.ins().ireduce(I8, recv_ok.expect("a receive case has selectgo's results"));
        for (e, vals) in rc.lhs.iter().zip([v, vec![ok]]) {
            let (place, ty) = self.target(e, rc.define)?;
            self.store(&place, ty, &vals);
        }
        Ok(())
    }

    /// The address a method of a package type receives: `x` itself when it is a
    /// pointer, else the address of the addressable `x`.
    pub fn receiver(&mut self, x: &'a Expr, through_pointer: bool) -> R<Value> {
        if let Some(&off) = self.thunk.as_ref().and_then(|t| t.get(&x.id)) {
            // Evaluated at the `defer`/`go` statement.
            return Ok(self.b.ins().load(PTR, MemFlagsData::trusted(), self.ctx, off));
        }
        if through_pointer {
            return Ok(self.expr(x)?[0]);
        }
        match self.place(x)? {
            Place::Mem(addr) => Ok(addr),
            _ => Err(self.err(x.span, "internal compiler error: method receiver in registers")),
        }
    }

    /// `x.M(args)` of a package type's method (`wg.Add(1)`, `once.Do(f)`).
    pub fn method_call(&mut self, e: &'a Expr, callee: &'a Expr, sel: MethodSel, args: &'a [Expr]) -> R<Vec<Vec<Value>>> {
        let ExprKind::Selector { x, .. } = &callee.kind else { unreachable!("method call of a non-selector") };
        let recv = self.receiver(x, sel.through_pointer)?;
        let mut vals = Vec::new();
        for (&p, a) in sel.method.params.iter().zip(args) {
            vals.extend(self.pkg_arg(p, a)?);
        }
        self.set_pos(e.span);
        self.emit_method(sel.method.call, recv, &vals);
        Ok(vec![])
    }

    /// Calls a method on receiver address `recv` (nil: Go's nil-dereference panic)
    /// with its flattened arguments.
    fn emit_method(&mut self, call: MethodCall, recv: Value, args: &[Value]) {
        self.nil_check(recv);
        match call {
            MethodCall::Runtime(symbol) => {
                let mut call_args = vec![self.g, recv];
                call_args.extend_from_slice(args);
                self.call_runtime(symbol, &call_args, &[]);
            }
            // The runtime finishes the once if `f` panics or exits the goroutine.
            MethodCall::Once { begin, end } => {
                let first = self.call_runtime(begin, &[self.g, recv], &[I8])[0];
                let run = self.b.create_block();
                let done = self.b.create_block();
                self.b.ins().brif(first, run, &[], done, &[]);
                self.b.switch_to_block(run);
                self.b.seal_block(run);
                self.call_func0(args[0], None, true);
                self.call_runtime(end, &[self.g, recv], &[]);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
                self.b.seal_block(done);
            }
        }
    }

    /// Method value `x.M` of a package type's method: a closure `{code, &x}` whose
    /// code, `pkg.(*T).M-fm`, calls the method on the bound receiver.
    pub fn method_value(&mut self, e: &'a Expr, sel: MethodSel) -> R<Vec<Value>> {
        let ExprKind::Selector { x, sel: name } = &e.kind else { unreachable!("method value of a non-selector") };
        let recv = self.receiver(x, sel.through_pointer)?;
        let t = &self.info.types;
        let xt = self.info.type_of(x.id);
        let named = match *t.under(xt) {
            TypeKind::Pointer(base) if sel.through_pointer => base,
            _ => xt,
        };
        let TypeKind::Named { name: tname, pkg: Some(pkg), .. } = t.kind(named) else { unreachable!("method of a non-package type") };
        let TypeKind::Func(go_sig) = t.kind(self.info.type_of(e.id)).clone() else { unreachable!("method of non-function type") };
        let code = self.p.method_value_code(format!("{pkg}.(*{tname}).{}-fm", name.name), sel.method.call, &go_sig);
        let obj = self.alloc(16);
        let f = self.p.module.declare_func_in_func(code, self.b.func);
        let code = self.b.ins().func_addr(PTR, f);
        self.b.ins().store(MemFlagsData::trusted(), code, obj, 0);
        self.b.ins().store(MemFlagsData::trusted(), recv, obj, 8);
        Ok(vec![obj])
    }

    /// The body of a method value's code: the method called on the receiver the
    /// closure object holds, with the function's `nparams` arguments.
    pub fn translate_method_value(mut self, call: MethodCall, nparams: usize) -> Result<(), Vec<syntax::Diagnostic>> {
        let args = self.enter_closure();
        let recv = self.b.ins().load(PTR, MemFlagsData::trusted(), self.ctx, 8);
        self.emit_method(call, recv, &args[..nparams]);
        self.emit_return()?;
        self.finalize();
        Ok(())
    }
}

/// The receive of a select case's communication (checked to be one).
fn recv_case(comm: &StmtKind) -> RecvCase<'_> {
    let (expr, lhs, define) = match comm {
        StmtKind::Expr(e) => (e, &[][..], false),
        StmtKind::Assign { lhs, op, rhs } => (&rhs[0], &lhs[..], *op == AssignOp::Define),
        other => unreachable!("select case {other:?}"),
    };
    let ExprKind::Unary { op: UnOp::Recv, x } = &strip_parens(expr).kind else { unreachable!("select case without a receive") };
    RecvCase { chan: x, lhs, define, expr }
}
