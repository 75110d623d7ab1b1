//! Statements: declarations, assignments, control flow, loops (including `range`),
//! `switch`, `break`/`continue` with labels, and `return`.

use ::types::{ObjId, TypeId, TypeKind};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::types::{I32, I64, I8};
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value};
use syntax::ast::{AssignOp, BinOp, Block as AstBlock, CaseClause, Decl, Expr, ExprKind, Stmt, StmtKind, UnOp};
use syntax::Diagnostic;

use crate::expr::strip_parens;
use crate::func::{FunctionTranslator, JumpTarget, Place};

type R<T> = Result<T, Vec<Diagnostic>>;

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    pub fn block(&mut self, stmts: &'a [Stmt]) -> R<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R<()> {
        self.set_pos(s.span);
        let label = self.pending_label.take();
        match &s.kind {
            StmtKind::Empty => Ok(()),
            StmtKind::Decl(Decl::Var(specs)) => {
                for spec in specs {
                    let ids: Vec<(Option<ObjId>, TypeId)> = spec.names.iter().map(|n| (self.info.def_of(n.id), self.def_type(n))).collect();
                    let vals = self.rhs_values(&spec.values, ids.len())?;
                    for (i, (obj, ty)) in ids.into_iter().enumerate() {
                        if let Some(obj) = obj {
                            self.declare_local(obj, ty, vals.as_ref().map(|v| v[i].as_slice()));
                        }
                    }
                }
                Ok(())
            }
            StmtKind::Decl(_) => Ok(()),
            StmtKind::Expr(e) => {
                match &strip_parens(e).kind {
                    ExprKind::Call { .. } => {
                        self.call(strip_parens(e))?;
                    }
                    // The received value is discarded by the runtime.
                    ExprKind::Unary { op: UnOp::Recv, x } => {
                        self.recv(x, false, false)?;
                    }
                    _ => {
                        self.expr(e)?;
                    }
                }
                Ok(())
            }
            StmtKind::IncDec { target, inc } => {
                let ty = self.info.type_of(target.id);
                let place = self.place(target)?;
                let v = self.load(&place, ty)[0];
                let r = if self.info.types.is_float(ty) {
                    let one = self.float_const(self.b.func.dfg.value_type(v), 1.0);
                    if *inc {
                        self.b.ins().fadd(v, one)
                    } else {
                        self.b.ins().fsub(v, one)
                    }
                } else {
                    self.b.ins().iadd_imm_s(v, if *inc { 1 } else { -1 })
                };
                self.store(&place, ty, &[r]);
                Ok(())
            }
            StmtKind::Assign { lhs, op, rhs } => self.assign(lhs, *op, rhs),
            StmtKind::Return(exprs) => self.return_stmt(exprs),
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::If { init, cond, then, els } => {
                if let Some(init) = init {
                    self.stmt(init)?;
                }
                let c = self.expr(cond)?[0];
                let then_b = self.b.create_block();
                let else_b = self.b.create_block();
                let end = self.b.create_block();
                self.b.ins().brif(c, then_b, &[], else_b, &[]);
                self.b.switch_to_block(then_b);
                self.b.seal_block(then_b);
                self.block(&then.stmts)?;
                self.jump_to(end);
                self.b.switch_to_block(else_b);
                self.b.seal_block(else_b);
                if let Some(els) = els {
                    self.stmt(els)?;
                }
                self.jump_to(end);
                self.b.switch_to_block(end);
                self.b.seal_block(end);
                Ok(())
            }
            StmtKind::For { init, cond, post, body } => {
                if let Some(init) = init {
                    self.stmt(init)?;
                }
                // Rotated: the condition is tested before the first iteration and
                // again after each `post`, so an iteration costs one branch, not a
                // branch and a jump back to a header.
                let body_b = self.b.create_block();
                let cont = self.b.create_block();
                let exit = self.b.create_block();
                let calls = self.calls_emitted;
                self.loop_test(cond.as_ref(), body_b, exit)?;
                self.b.switch_to_block(body_b);
                self.loop_body(label, &body.stmts, exit, cont)?;
                self.b.switch_to_block(cont);
                self.b.seal_block(cont);
                if let Some(post) = post {
                    self.stmt(post)?;
                }
                if self.calls_emitted != calls {
                    self.preempt_poll();
                }
                self.loop_test(cond.as_ref(), body_b, exit)?;
                self.b.seal_block(body_b);
                self.b.switch_to_block(exit);
                self.b.seal_block(exit);
                Ok(())
            }
            StmtKind::ForRange { key, value, define, x, body } => self.range(label, key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Switch { init, tag, clauses, .. } => self.switch(label, init.as_deref(), tag.as_ref(), clauses),
            StmtKind::Labeled { label, stmt } => {
                // A label starts a block, so that `goto` can reach it.
                let block = self.label_block(&label.name);
                self.b.ins().jump(block, &[]);
                self.b.switch_to_block(block);
                self.pending_label = Some(label.name.clone());
                self.stmt(stmt)
            }
            StmtKind::Goto(label) => {
                let block = self.label_block(&label.name);
                self.b.ins().jump(block, &[]);
                self.start_unreachable_block();
                Ok(())
            }
            StmtKind::Break(l) | StmtKind::Continue(l) => {
                let is_break = matches!(s.kind, StmtKind::Break(_));
                let name = l.as_ref().map(|l| l.name.as_str());
                let target = self
                    .targets
                    .iter()
                    .rev()
                    .filter(|t| name.is_none() || t.label.as_deref() == name)
                    .find_map(|t| if is_break { Some(t.break_block) } else { t.continue_block })
                    .ok_or_else(|| self.err(s.span, "internal compiler error: no target for break/continue"))?;
                self.b.ins().jump(target, &[]);
                self.start_unreachable_block();
                Ok(())
            }
            StmtKind::Fallthrough => Err(self.err(s.span, "fallthrough statement out of place")),
            StmtKind::Go(call) => self.go_stmt(s.span, call),
            StmtKind::Defer(call) => self.defer_stmt(call),
            StmtKind::Send { chan, value } => self.send(chan, value),
            StmtKind::Select { clauses } => self.select(s.span, label, clauses),
            StmtKind::TypeSwitch { .. } => Err(self.err(s.span, "not supported yet: type switches")),
        }
    }

    /// The block a label starts (sealed with all blocks at the end of the function,
    /// since a backward `goto` may add predecessors later).
    fn label_block(&mut self, name: &str) -> cranelift_codegen::ir::Block {
        if let Some(&b) = self.label_blocks.get(name) {
            return b;
        }
        let b = self.b.create_block();
        self.label_blocks.insert(name.to_string(), b);
        b
    }

    /// Ends the current block with a jump. (After a `return`, `break` or panic the
    /// current block is a fresh unreachable one, which still needs its terminator.)
    fn jump_to(&mut self, target: cranelift_codegen::ir::Block) {
        self.b.ins().jump(target, &[]);
    }

    /// Branches to `body` if the loop condition holds (always, without one), else
    /// to `exit`.
    fn loop_test(&mut self, cond: Option<&'a Expr>, body: cranelift_codegen::ir::Block, exit: cranelift_codegen::ir::Block) -> R<()> {
        match cond {
            Some(c) => {
                self.set_pos(c.span);
                let v = self.expr(c)?[0];
                self.b.ins().brif(v, body, &[], exit, &[]);
            }
            None => {
                self.b.ins().jump(body, &[]);
            }
        }
        Ok(())
    }

    /// The body of a loop, with `break` going to `exit` and `continue` to `cont`.
    pub(crate) fn loop_body(&mut self, label: Option<String>, stmts: &'a [Stmt], exit: cranelift_codegen::ir::Block, cont: cranelift_codegen::ir::Block) -> R<()> {
        self.targets.push(JumpTarget { label, break_block: exit, continue_block: Some(cont) });
        let r = self.block(stmts);
        self.targets.pop();
        r?;
        self.jump_to(cont);
        Ok(())
    }

    /// The values of the right-hand side of a declaration or assignment with `n`
    /// targets: one expression per target, or one call with `n` results. `None` when
    /// there is no right-hand side. Aggregates are snapshotted, so targets can be
    /// assigned in any order afterwards.
    pub(crate) fn rhs_values(&mut self, values: &'a [Expr], n: usize) -> R<Option<Vec<Vec<Value>>>> {
        if values.is_empty() {
            return Ok(None);
        }
        if values.len() == 1 && n > 1 {
            let v = strip_parens(&values[0]);
            if self.info.comma_ok.contains(&v.id) {
                match &v.kind {
                    ExprKind::TypeAssert { x, .. } => return Ok(Some(self.type_assert(v, x, true)?)),
                    ExprKind::Unary { op: UnOp::Recv, x } => {
                        let (val, ok) = self.recv(x, true, true)?;
                        let val = self.converted(&values[0], self.info.type_of(v.id), val);
                        return Ok(Some(vec![val, vec![ok.expect("comma-ok receive")]]));
                    }
                    _ => {}
                }
            }
            return Ok(Some(self.call_multi(&values[0])?));
        }
        let mut out = Vec::new();
        for v in values {
            let ty = self.info.type_of(v.id);
            let vals = self.expr(v)?;
            out.push(if values.len() > 1 { self.snapshot(ty, vals) } else { vals });
        }
        Ok(Some(out))
    }

    /// The place an assignment target denotes, declaring it first if `:=` introduces
    /// it. Returns the place and the target's type.
    pub(crate) fn target(&mut self, e: &'a Expr, define: bool) -> R<(Place, TypeId)> {
        if let ExprKind::Ident(name) = &e.kind {
            if name == "_" {
                return Ok((Place::Blank, TypeId::INVALID));
            }
            if define {
                if let Some(obj) = self.info.def_of(e.id) {
                    let ty = self.info.object(obj).ty;
                    self.declare_local(obj, ty, None);
                    return Ok((self.place_of_obj(obj), ty));
                }
            }
        }
        let ty = self.info.type_of(e.id);
        Ok((self.place(e)?, ty))
    }

    fn assign(&mut self, lhs: &'a [Expr], op: AssignOp, rhs: &'a [Expr]) -> R<()> {
        if let AssignOp::Op(bin) = op {
            let ty = self.info.type_of(lhs[0].id);
            let place = self.place(&lhs[0])?;
            let cur = self.load(&place, ty);
            let v = self.binary_values(bin, ty, cur, &rhs[0])?;
            self.store(&place, ty, &v);
            return Ok(());
        }
        let define = op == AssignOp::Define;
        if lhs.len() == 1 {
            // Operands of the target first, then the value (Go's order of evaluation).
            if define {
                let vals = self.expr(&rhs[0])?;
                let (place, ty) = self.target(&lhs[0], true)?;
                self.store(&place, ty, &vals);
            } else {
                let (place, ty) = self.target(&lhs[0], false)?;
                let vals = self.expr(&rhs[0])?;
                self.store(&place, ty, &vals);
            }
            return Ok(());
        }
        let mut places = Vec::new();
        if !define {
            for e in lhs {
                places.push(self.target(e, false)?);
            }
        }
        let vals = self.rhs_values(rhs, lhs.len())?.expect("assignment has values");
        if define {
            for e in lhs {
                places.push(self.target(e, true)?);
            }
        }
        for ((place, ty), v) in places.iter().zip(vals) {
            self.store(place, *ty, &v);
        }
        Ok(())
    }

    fn return_stmt(&mut self, exprs: &'a [Expr]) -> R<()> {
        if !exprs.is_empty() {
            let n = self.results.len();
            let vals = self.rhs_values(exprs, n)?.expect("return values");
            for (i, v) in vals.into_iter().enumerate() {
                let (ty, storage) = self.results[i].clone();
                let place = self.storage_place(&storage);
                self.store(&place, ty, &v);
            }
        }
        self.emit_return()
    }

    fn switch(&mut self, label: Option<String>, init: Option<&'a Stmt>, tag: Option<&'a Expr>, clauses: &'a [CaseClause]) -> R<()> {
        if let Some(init) = init {
            self.stmt(init)?;
        }
        let tag = match tag {
            Some(t) => {
                let ty = self.info.type_of(t.id);
                let v = self.expr(t)?;
                Some((ty, self.snapshot(ty, v)))
            }
            None => None,
        };
        let end = self.b.create_block();
        let bodies: Vec<_> = clauses.iter().map(|_| self.b.create_block()).collect();
        // The tests, in source order; `default` is taken when none matches.
        for (i, clause) in clauses.iter().enumerate() {
            let Some(exprs) = &clause.exprs else { continue };
            for e in exprs {
                self.set_pos(e.span);
                let hit = match &tag {
                    Some((ty, tv)) => {
                        let v = self.expr(e)?;
                        self.compare(BinOp::Eq, *ty, tv, &v)?
                    }
                    None => self.expr(e)?[0],
                };
                let next = self.b.create_block();
                self.b.ins().brif(hit, bodies[i], &[], next, &[]);
                self.b.switch_to_block(next);
                self.b.seal_block(next);
            }
        }
        let default = clauses.iter().position(|c| c.exprs.is_none()).map_or(end, |i| bodies[i]);
        self.b.ins().jump(default, &[]);
        self.targets.push(JumpTarget { label, break_block: end, continue_block: None });
        for (i, clause) in clauses.iter().enumerate() {
            self.b.switch_to_block(bodies[i]);
            let falls = matches!(clause.body.last().map(|s| &s.kind), Some(StmtKind::Fallthrough));
            let stmts = if falls { &clause.body[..clause.body.len() - 1] } else { &clause.body[..] };
            if let Err(e) = self.block(stmts) {
                self.targets.pop();
                return Err(e);
            }
            let next = if falls { bodies.get(i + 1).copied().unwrap_or(end) } else { end };
            self.jump_to(next);
        }
        self.end_branches(&bodies, end);
        Ok(())
    }

    /// After the case bodies of a `switch` or `select` (which pushed the `break` target
    /// `end`): pops the target, seals the bodies and continues at `end`.
    pub(crate) fn end_branches(&mut self, bodies: &[cranelift_codegen::ir::Block], end: cranelift_codegen::ir::Block) {
        self.targets.pop();
        for &b in bodies {
            self.b.seal_block(b);
        }
        self.b.switch_to_block(end);
        self.b.seal_block(end);
    }

    /// `for key, value := range x` over integers, strings, arrays, pointers to arrays
    /// and slices. The range expression is evaluated once; an array is copied first
    /// when its elements are read, as Go specifies.
    fn range(&mut self, label: Option<String>, key: Option<&'a Expr>, value: Option<&'a Expr>, define: bool, x: &'a Expr, body: &'a AstBlock) -> R<()> {
        let xt = self.info.type_of(x.id);
        let t = &self.info.types;
        if let TypeKind::Chan { .. } = t.under(xt) {
            return self.range_chan(label, key, define, x, body);
        }
        let is_string = t.is_string(xt);
        let is_int = t.is_integer(xt);
        let value_used = value.is_some_and(|v| !matches!(&v.kind, ExprKind::Ident(n) if n == "_"));
        // (base address, length, element type)
        let (base, len, elem): (Option<Value>, Value, Option<TypeId>) = match t.under(xt).clone() {
            _ if is_string => {
                let s = self.expr(x)?;
                (Some(s[0]), s[1], None)
            }
            _ if is_int => {
                let n = self.expr(x)?[0];
                let n = self.int_convert(n, I64, !self.info.types.is_unsigned(xt));
                (None, n, None)
            }
            TypeKind::Slice(elem) => {
                let s = self.expr(x)?;
                (Some(s[0]), s[1], Some(elem))
            }
            TypeKind::Array { len, elem } => {
                let base = if value_used {
                    let v = self.expr(x)?;
                    Some(self.snapshot(xt, v)[0])
                } else {
                    None
                };
                (base, self.b.ins().iconst(I64, len as i64), Some(elem))
            }
            TypeKind::Pointer(arr) => {
                let TypeKind::Array { len, elem } = *self.info.types.under(arr) else { unreachable!("range over pointer to non-array") };
                let p = self.expr(x)?[0];
                if value_used {
                    self.nil_check(p);
                }
                (Some(p), self.b.ins().iconst(I64, len as i64), Some(elem))
            }
            other => return Err(self.err(x.span, format!("not supported yet: range over {other:?}"))),
        };
        let is_blank = |e: &Expr| matches!(&e.kind, ExprKind::Ident(n) if n == "_");
        let key = key.filter(|k| !is_blank(k));
        let value = value.filter(|v| !is_blank(v));
        let key_ty = key.map(|k| if define { self.info.def_of(k.id).map_or(TypeId::INT, |o| self.info.object(o).ty) } else { self.info.type_of(k.id) });
        // Loop variables declared by `:=` exist once for the whole loop (Go 1.19).
        let mut declared = Vec::new();
        if define {
            for e in [key, value].into_iter().flatten() {
                declared.push(Some(self.target(e, true)?));
            }
        }

        let index = self.b.declare_var(I64);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.def_var(index, zero);
        let header = self.b.create_block();
        let body_b = self.b.create_block();
        let cont = self.b.create_block();
        let exit = self.b.create_block();
        // For strings, the index of the next rune (set in the body).
        let next_index = self.b.declare_var(I64);
        self.b.def_var(next_index, zero);
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        let i = self.b.use_var(index);
        let more = self.b.ins().icmp(IntCC::SignedLessThan, i, len);
        self.b.ins().brif(more, body_b, &[], exit, &[]);
        self.b.switch_to_block(body_b);
        self.b.seal_block(body_b);

        let i = self.b.use_var(index);
        let mut item: Option<(Vec<Value>, TypeId)> = None;
        if is_string {
            let (r, next) = self.decode_rune(base.expect("string base"), len, i);
            self.b.def_var(next_index, next);
            item = Some((vec![r], TypeId::RUNE));
        } else if let (true, Some(elem), Some(base)) = (value_used, elem, base) {
            let off = self.b.ins().imul_imm_s(i, self.info.types.size_of(elem) as i64);
            let addr = self.b.ins().iadd(base, off);
            item = Some((self.load_from(addr, elem), elem));
        }
        let key_val = match key_ty {
            Some(kt) => {
                let ir = crate::abi::abi_parts(&self.info.types, kt)[0];
                Some(self.int_convert(i, ir, true))
            }
            None => None,
        };
        let mut assigns: Vec<(Option<&'a Expr>, Vec<Value>)> = Vec::new();
        if let Some(k) = key {
            assigns.push((Some(k), vec![key_val.expect("key value")]));
        }
        if let (Some(v), Some((vals, _))) = (value, item) {
            if value_used {
                assigns.push((Some(v), vals));
            }
        }
        for (n, (e, vals)) in assigns.into_iter().enumerate() {
            let e = e.expect("range target");
            let (place, ty) = match declared.get(n).cloned().flatten() {
                Some(pt) => pt,
                None => self.target(e, false)?,
            };
            self.store(&place, ty, &vals);
        }
        let calls = self.calls_emitted;
        self.loop_body(label, &body.stmts, exit, cont)?;
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
        if self.calls_emitted != calls {
            self.preempt_poll();
        }
        let i = self.b.use_var(index);
        let next = if is_string { self.b.use_var(next_index) } else { self.b.ins().iadd_imm_s(i, 1) };
        self.b.def_var(index, next);
        self.b.ins().jump(header, &[]);
        self.b.seal_block(header);
        self.b.switch_to_block(exit);
        self.b.seal_block(exit);
        Ok(())
    }

    /// Decodes the rune at byte `i` of a string: ASCII inline, the rest through
    /// `runtime.decoderune`. Returns the rune (i32) and the index after it.
    fn decode_rune(&mut self, ptr: Value, len: Value, i: Value) -> (Value, Value) {
        let addr = self.b.ins().iadd(ptr, i);
        let byte = self.b.ins().load(I8, MemFlagsData::trusted(), addr, 0);
        let ascii = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, byte, 0x80);
        let slow = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, I32);
        self.b.append_block_param(done, I64);
        let r = self.b.ins().uextend(I32, byte);
        let next = self.b.ins().iadd_imm_s(i, 1);
        self.b.ins().brif(ascii, done, &[r.into(), next.into()], slow, &[]);
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let res = self.call_runtime("runtime.decoderune", &[ptr, len, i], &[I64, I64]);
        let r = self.b.ins().ireduce(I32, res[0]);
        self.b.ins().jump(done, &[r.into(), res[1].into()]);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        let p = self.b.block_params(done);
        (p[0], p[1])
    }
}
