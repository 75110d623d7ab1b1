//! Statements and declarations inside functions, labels and `break`/`continue`/
//! `fallthrough`/`goto` placement, and the spec's terminating-statement analysis (for
//! `missing return`).

use std::collections::{HashMap, HashSet};

use syntax::ast::{self, AssignOp, Expr, ExprKind, Stmt, StmtKind};
use syntax::Span;

use super::expr::unparen;
use super::{Checker, LabelInfo, OMode, Operand};
use crate::constant::{ConstValue, Value};
use crate::info::{Builtin, Mode, ObjId, ObjKind};
use crate::types::{Basic, ChanDir, TypeId, TypeKind};

/// What the statement being checked may be (go/types' `stmtContext`).
#[derive(Clone, Copy, Default)]
pub(crate) struct StmtCtx {
    break_ok: bool,
    continue_ok: bool,
    /// `fallthrough` is allowed (last statement of a non-final case clause).
    fallthrough_ok: bool,
    /// Last statement of the final case clause.
    final_case: bool,
}

/// A statement that encloses the one being checked and has a label.
struct Enclosing {
    label: String,
    is_loop: bool,
    breakable: bool,
}

/// Depth beyond which the (purely syntactic) terminating analysis gives up.
const MAX_STMT_WALK: u32 = 2000;

impl<'a> Checker<'a> {
    pub(crate) fn stmt_list(&mut self, stmts: &'a [Stmt], ctx: StmtCtx) {
        let inner = StmtCtx { fallthrough_ok: false, final_case: false, ..ctx };
        // Trailing empty statements do not count for `fallthrough` placement.
        let last = stmts.iter().rposition(|s| !matches!(s.kind, StmtKind::Empty));
        for (i, s) in stmts.iter().enumerate() {
            let c = if Some(i) == last { ctx } else { inner };
            self.stmt(s, c, &mut Vec::new());
        }
    }

    /// Registers the labels of a function body (not of nested function literals).
    pub(crate) fn collect_labels(&mut self, stmts: &'a [Stmt]) {
        fn walk(c: &mut Checker, s: &Stmt, depth: u32) {
            if depth > MAX_STMT_WALK {
                return;
            }
            let d = depth + 1;
            match &s.kind {
                StmtKind::Labeled { label, stmt } => {
                    if label.name != "_" {
                        if let Some(f) = c.funcs.last_mut() {
                            if f.labels.contains_key(&label.name) {
                                let msg = format!("label {} already defined", label.name);
                                c.error(label.span, msg);
                            } else {
                                f.labels.insert(label.name.clone(), LabelInfo { span: label.span, used: false });
                            }
                        }
                    }
                    walk(c, stmt, d);
                }
                StmtKind::Block(b) => b.stmts.iter().for_each(|s| walk(c, s, d)),
                StmtKind::If { then, els, .. } => {
                    then.stmts.iter().for_each(|s| walk(c, s, d));
                    if let Some(e) = els {
                        walk(c, e, d);
                    }
                }
                StmtKind::Switch { clauses, .. } => clauses.iter().for_each(|cl| cl.body.iter().for_each(|s| walk(c, s, d))),
                StmtKind::Select { clauses } => clauses.iter().for_each(|cl| cl.body.iter().for_each(|s| walk(c, s, d))),
                StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => body.stmts.iter().for_each(|s| walk(c, s, d)),
                _ => {}
            }
        }
        for s in stmts {
            walk(self, s, 0);
        }
    }

    fn stmt(&mut self, s: &'a Stmt, ctx: StmtCtx, enclosing_labels: &mut Vec<Enclosing>) {
        if !self.enter(s.span) {
            return;
        }
        self.stmt_inner(s, ctx, enclosing_labels);
        self.leave();
    }

    fn stmt_inner(&mut self, s: &'a Stmt, ctx: StmtCtx, _labels: &mut Vec<Enclosing>) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Send { chan, value } => self.send_stmt(s.span, chan, value),
            StmtKind::IncDec { target, inc } => {
                let x = self.expr(target);
                if x.is_invalid() {
                    return;
                }
                if !self.info.types.is_numeric(x.ty) {
                    let op = if *inc { "++" } else { "--" };
                    let msg = format!("invalid operation: {}{op} (non-numeric type {})", self.expr_str(target), self.type_str(x.ty));
                    self.error(s.span, msg);
                    return;
                }
                self.check_assignable_lhs(&x);
            }
            StmtKind::Assign { lhs, op, rhs } => match op {
                AssignOp::Define => self.short_var_decl(s.span, lhs, rhs),
                AssignOp::Assign => self.assign(lhs, rhs),
                AssignOp::Op(bop) => {
                    if lhs.len() != 1 || rhs.len() != 1 {
                        let msg = format!("assignment operation {}= requires single-valued expressions", bop.as_str());
                        self.error(s.span, msg);
                        for e in lhs.iter().chain(rhs) {
                            self.raw_expr(e);
                        }
                        return;
                    }
                    let x = self.expr(&lhs[0]);
                    let y = self.expr(&rhs[0]);
                    if x.is_invalid() || y.is_invalid() {
                        return;
                    }
                    let text = format!("{} {}= {}", self.expr_str(&lhs[0]), bop.as_str(), self.expr_str(&rhs[0]));
                    let lhs_op = x.clone();
                    let r = self.binary_operands(&lhs[0], *bop, x, y, Some(&text));
                    if r.is_invalid() {
                        return;
                    }
                    if self.check_assignable_lhs(&lhs_op) {
                        let mut r = Operand { expr: &rhs[0], ..r };
                        // The result has the type of x already; nothing untyped remains.
                        if self.info.types.is_untyped(r.ty) {
                            self.assignment(&mut r, lhs_op.ty, "assignment");
                        }
                    }
                }
            },
            StmtKind::Go(e) => self.suspended_call(e, "go"),
            StmtKind::Defer(e) => self.suspended_call(e, "defer"),
            StmtKind::Return(exprs) => self.return_stmt(s.span, exprs),
            StmtKind::Break(label) => self.branch(s.span, label.as_ref(), true, ctx),
            StmtKind::Continue(label) => self.branch(s.span, label.as_ref(), false, ctx),
            StmtKind::Goto(label) => self.goto_stmt(label),
            StmtKind::Fallthrough => {
                if !ctx.fallthrough_ok {
                    let msg = if ctx.final_case { "cannot fallthrough final case in switch" } else { "fallthrough statement out of place" };
                    self.error(s.span, msg);
                }
            }
            StmtKind::Block(b) => {
                self.open_scope();
                self.stmt_list(&b.stmts, StmtCtx { fallthrough_ok: false, final_case: false, ..ctx });
                self.close_scope();
            }
            StmtKind::If { init, cond, then, els } => {
                self.open_scope();
                if let Some(init) = init {
                    self.simple_stmt(init);
                }
                self.condition(cond, "if statement");
                let inner = StmtCtx { fallthrough_ok: false, final_case: false, ..ctx };
                self.open_scope();
                self.stmt_list(&then.stmts, inner);
                self.close_scope();
                if let Some(els) = els {
                    self.stmt(els, inner, &mut Vec::new());
                }
                self.close_scope();
            }
            StmtKind::Switch { init, tag, clauses, .. } => self.switch_stmt(init.as_deref(), tag.as_ref(), clauses, ctx),
            StmtKind::TypeSwitch { span } => self.unsupported(*span, "type switches"),
            StmtKind::Select { clauses } => self.select_stmt(clauses, ctx),
            StmtKind::For { init, cond, post, body } => {
                self.open_scope();
                if let Some(init) = init {
                    self.simple_stmt(init);
                }
                if let Some(cond) = cond {
                    self.condition(cond, "for statement");
                }
                if let Some(post) = post {
                    if let StmtKind::Assign { op: AssignOp::Define, .. } = post.kind {
                        self.error(post.span, "cannot declare in post statement of for loop");
                    } else {
                        self.simple_stmt(post);
                    }
                }
                self.loop_body(body, ctx);
                self.close_scope();
            }
            StmtKind::ForRange { key, value, define, x, body } => self.range_stmt(s, key.as_ref(), value.as_ref(), *define, x, body, ctx),
            StmtKind::Labeled { label, stmt } => {
                let (is_loop, breakable) = match stmt.kind {
                    StmtKind::For { .. } | StmtKind::ForRange { .. } => (true, true),
                    StmtKind::Switch { .. } | StmtKind::TypeSwitch { .. } | StmtKind::Select { .. } => (false, true),
                    _ => (false, false),
                };
                self.enclosing_push(Enclosing { label: label.name.clone(), is_loop, breakable });
                self.stmt(stmt, ctx, &mut Vec::new());
                self.enclosing_pop();
            }
        }
    }

    fn enclosing_push(&mut self, e: Enclosing) {
        self.enclosing.push((e.label, e.is_loop, e.breakable, self.funcs.len()));
    }

    fn enclosing_pop(&mut self) {
        self.enclosing.pop();
    }

    fn loop_body(&mut self, body: &'a ast::Block, ctx: StmtCtx) {
        let inner = StmtCtx { break_ok: true, continue_ok: true, fallthrough_ok: false, final_case: false };
        let _ = ctx;
        self.open_scope();
        self.stmt_list(&body.stmts, inner);
        self.close_scope();
    }

    /// A statement in the header of `if`, `for` or `switch`.
    fn simple_stmt(&mut self, s: &'a Stmt) {
        self.stmt(s, StmtCtx::default(), &mut Vec::new());
    }

    fn condition(&mut self, cond: &'a Expr, what: &str) {
        let mut x = self.expr(cond);
        if x.is_invalid() {
            return;
        }
        if !self.info.types.is_boolean(x.ty) {
            self.error(cond.span, format!("non-boolean condition in {what}"));
            return;
        }
        self.default_untyped(&mut x, what);
    }

    fn branch(&mut self, span: Span, label: Option<&ast::Ident>, is_break: bool, ctx: StmtCtx) {
        let Some(label) = label else {
            if is_break && !ctx.break_ok {
                self.error(span, "break is not in a loop, switch, or select");
            } else if !is_break && !ctx.continue_ok {
                self.error(span, "continue is not in a loop");
            }
            return;
        };
        let depth = self.funcs.len();
        let target = self.enclosing.iter().rev().take_while(|e| e.3 == depth).find(|e| e.0 == label.name).map(|e| (e.1, e.2));
        let declared = self.funcs.last().is_some_and(|f| f.labels.contains_key(&label.name));
        if let Some(f) = self.funcs.last_mut() {
            if let Some(l) = f.labels.get_mut(&label.name) {
                l.used = true;
            }
        }
        let valid = match target {
            Some((is_loop, breakable)) => {
                if is_break {
                    breakable
                } else {
                    is_loop
                }
            }
            None => false,
        };
        if !valid {
            let msg = if !declared {
                format!("{} label not defined: {}", if is_break { "break" } else { "continue" }, label.name)
            } else if is_break {
                format!("invalid break label {}", label.name)
            } else {
                format!("invalid continue label {}", label.name)
            };
            self.error(label.span, msg);
        }
    }

    /// `goto L`: the label must exist in the function; naming it uses it. Where the
    /// jump may go is checked once the whole body is known (`check_gotos`).
    fn goto_stmt(&mut self, label: &ast::Ident) {
        match self.funcs.last_mut().and_then(|f| f.labels.get_mut(&label.name)) {
            Some(l) => l.used = true,
            None => {
                let msg = format!("label {} not defined", label.name);
                self.error(label.span, msg);
            }
        }
    }

    /// The spec's rules for `goto` in a function body (run after `collect_labels`):
    /// a jump may not go into a block from outside it, nor forward over a variable
    /// declaration of the label's block. The analysis is gc's (`syntax/branches.go`):
    /// each block returns the gotos it could not resolve to a label of its own or of
    /// an enclosing block; a block remembers, at each variable declaration, which
    /// pending gotos jump over it. A goto left unresolved at the top names a label
    /// inside some block it is not in.
    pub(crate) fn check_gotos(&mut self, body: &'a ast::Block) {
        let mut scan = GotoScan { blocks: Vec::new(), label_block: HashMap::new(), over_decl: Vec::new(), gotos: Vec::new() };
        let unresolved = scan.block(None, body.span.lo, &body.stmts, 0);
        // Gotos in statements the walk of `stmt` skips (the body of an invalid
        // `select` case) still use their labels.
        if let Some(f) = self.funcs.last_mut() {
            for name in &scan.gotos {
                if let Some(l) = f.labels.get_mut(*name) {
                    l.used = true;
                }
            }
        }
        for (goto, decl) in scan.over_decl {
            let msg = format!("goto {} jumps over variable declaration at line {}", goto.name, self.file.line(decl));
            self.error(goto.span, msg);
        }
        for goto in unresolved {
            // A goto to an undeclared label was reported by `goto_stmt`.
            let Some(&b) = scan.label_block.get(goto.name.as_str()) else { continue };
            let (line, col) = self.file.line_col(scan.blocks[b].start);
            let msg = format!("goto {} jumps into block starting at {}:{line}:{col}", goto.name, self.file.name);
            self.error(goto.span, msg);
        }
    }

    /// `go CALL` / `defer CALL` (`keyword`): any call that may stand as a
    /// statement, except conversions.
    fn suspended_call(&mut self, e: &'a Expr, keyword: &str) {
        let x = self.raw_expr(e);
        if x.is_invalid() {
            return;
        }
        let ExprKind::Call { func, .. } = &unparen(e).kind else { return };
        let what = match self.info.exprs.get(&unparen(func).id).map(|tv| tv.mode) {
            Some(Mode::TypeExpr) => "requires function call, not conversion",
            Some(Mode::Builtin) if !self.is_statement_builtin(func) => "discards result of",
            _ => return,
        };
        let msg = format!("{keyword} {what} {}", self.describe(&x));
        self.error(e.span, msg);
    }

    /// Whether callee `func` is a builtin that may be called as a statement.
    fn is_statement_builtin(&self, func: &Expr) -> bool {
        let b = self.info.uses.get(&unparen(func).id).map(|&o| &self.info.objects[o.0 as usize].kind);
        matches!(b, Some(ObjKind::Builtin(Builtin::Close | Builtin::Copy | Builtin::Panic | Builtin::Print | Builtin::Println | Builtin::Recover)))
    }

    /// `c <- v`.
    fn send_stmt(&mut self, span: Span, chan: &'a Expr, value: &'a Expr) {
        let c = self.expr(chan);
        let mut v = self.expr(value);
        if c.is_invalid() || v.is_invalid() {
            return;
        }
        let why = match *self.info.types.under(c.ty) {
            TypeKind::Chan { dir: ChanDir::Recv, .. } => "receive-only channel",
            TypeKind::Chan { elem, .. } => {
                self.assignment(&mut v, elem, "send");
                return;
            }
            _ => "non-channel",
        };
        let msg = format!("invalid operation: cannot send to {why} {}", self.describe(&c));
        self.error(span, msg);
    }

    /// `select { case ...: }`: each case is a send, a receive, or a receive assigned
    /// or declared (in the case's scope).
    fn select_stmt(&mut self, clauses: &'a [ast::CommClause], ctx: StmtCtx) {
        let defaults: Vec<Span> = clauses.iter().filter(|c| c.comm.is_none()).map(|c| c.span).collect();
        if let [first, rest @ ..] = &defaults[..] {
            let (line, col) = self.file.line_col(first.lo);
            for d in rest {
                let msg = format!("multiple defaults (first at {}:{line}:{col})", self.file.name);
                self.error(*d, msg);
            }
        }
        let is_recv = |e: &Expr| matches!(unparen(e).kind, ExprKind::Unary { op: ast::UnOp::Recv, .. });
        let inner = StmtCtx { break_ok: true, continue_ok: ctx.continue_ok, fallthrough_ok: false, final_case: false };
        for clause in clauses {
            if let Some(comm) = &clause.comm {
                let valid = match &comm.kind {
                    StmtKind::Send { .. } => true,
                    StmtKind::Expr(e) => is_recv(e),
                    StmtKind::Assign { op: AssignOp::Assign | AssignOp::Define, rhs, .. } => matches!(&rhs[..], [r] if is_recv(r)),
                    _ => false,
                };
                if !valid {
                    self.error(comm.span, "select case must be send or receive (possibly with assignment)");
                    continue;
                }
            }
            self.open_scope();
            if let Some(comm) = &clause.comm {
                self.simple_stmt(comm);
            }
            self.stmt_list(&clause.body, inner);
            self.close_scope();
        }
    }

    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.raw_expr(e);
        if x.is_invalid() && x.mode == OMode::Invalid {
            return;
        }
        match x.mode {
            OMode::NoValue => return,
            OMode::Invalid => return,
            _ => {}
        }
        let inner = unparen(e);
        let used = match &inner.kind {
            ExprKind::Call { func, .. } => {
                let callee = unparen(func);
                match self.info.exprs.get(&callee.id).map(|tv| tv.mode) {
                    Some(Mode::TypeExpr) => false,
                    Some(Mode::Builtin) => self.is_statement_builtin(callee),
                    _ => true,
                }
            }
            ExprKind::Unary { op: ast::UnOp::Recv, .. } => true,
            _ => false,
        };
        if !used {
            let x = self.single_value(x);
            if x.is_invalid() {
                return;
            }
            let msg = format!("{} is not used", self.describe(&x));
            self.error(e.span, msg);
        }
    }

    /// Checks that `x` denotes an assignable location; reports otherwise.
    fn check_assignable_lhs(&mut self, x: &Operand<'a>) -> bool {
        match x.mode {
            OMode::Invalid => false,
            OMode::Variable => true,
            _ => {
                let msg = format!("cannot assign to {} (neither addressable nor a map index expression)", self.expr_str(x.expr));
                self.error(x.expr.span, msg);
                false
            }
        }
    }

    /// The left side of `=`: its type, `None` for `_`, `INVALID` after errors.
    fn lhs_var(&mut self, l: &'a Expr) -> Option<TypeId> {
        let inner = unparen(l);
        if let ExprKind::Ident(name) = &inner.kind {
            if name == "_" {
                return None;
            }
            // Assigning to a variable is not a use of it.
            let x = self.ident(inner, name, false);
            self.record(&x);
            if !std::ptr::eq(inner, l) {
                self.record(&Operand { expr: l, ..x.clone() });
            }
            if !self.check_assignable_lhs(&Operand { expr: l, ..x.clone() }) {
                return Some(TypeId::INVALID);
            }
            return Some(x.ty);
        }
        let x = self.expr(l);
        if !self.check_assignable_lhs(&x) {
            return Some(TypeId::INVALID);
        }
        Some(x.ty)
    }

    /// The values of the right side for `n` targets: one per target, or `None` after
    /// a mismatch error.
    fn rhs_values(&mut self, n: usize, rhs: &'a [Expr]) -> Option<Vec<Operand<'a>>> {
        // A single right-hand side may be a multi-value call even for one target
        // (`x := pair()` is an assignment mismatch, as in Go).
        if rhs.len() == n && n != 1 {
            return Some(rhs.iter().map(|r| self.expr(r)).collect());
        }
        if rhs.len() == 1 && n == 2 {
            if let ExprKind::TypeAssert { ty: Some(_), .. } | ExprKind::Unary { op: ast::UnOp::Recv, .. } = &unparen(&rhs[0]).kind {
                // `v, ok := x.(T)`, `v, ok := <-c`
                let v = self.expr(&rhs[0]);
                if v.is_invalid() {
                    return None;
                }
                self.info.comma_ok.insert(unparen(&rhs[0]).id);
                // Untyped: assignable to any boolean type.
                let ok = Operand::new(OMode::Value, TypeId::UNTYPED_BOOL, &rhs[0]);
                return Some(vec![v, ok]);
            }
        }
        if rhs.len() == 1 {
            let vals = self.multi_expr(&rhs[0]);
            if vals.iter().any(|v| v.is_invalid()) {
                return None;
            }
            if vals.len() != n {
                self.assign_mismatch(n, vals.len(), rhs);
                return None;
            }
            return Some(vals);
        }
        for r in rhs {
            self.raw_expr(r);
        }
        self.assign_mismatch(n, rhs.len(), rhs);
        None
    }

    fn assign_mismatch(&mut self, vars: usize, vals: usize, rhs: &'a [Expr]) {
        let plural = |n: usize, w: &str| if n == 1 { format!("1 {w}") } else { format!("{n} {w}s") };
        let (v, r) = (plural(vars, "variable"), plural(vals, "value"));
        let span = rhs.first().map_or(Span::default(), |e| e.span);
        let msg = match rhs {
            [one] if vars == 2 && vals == 1 && self.is_c_call(one) => {
                // cgo's `r, err := C.f()`, with errno as an error.
                let msg = format!("the errno result of a C call ({} returns 1 value)", self.expr_str(one));
                self.unsupported(span, &msg);
                return;
            }
            [one] => match &unparen(one).kind {
                ExprKind::Call { func, .. } => format!("assignment mismatch: {v} but {} returns {r}", self.expr_str(func)),
                _ => format!("assignment mismatch: {v} but {r}"),
            },
            _ => format!("assignment mismatch: {v} but {r}"),
        };
        self.error(span, msg);
    }

    fn assign(&mut self, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let targets: Vec<Option<TypeId>> = lhs.iter().map(|l| self.lhs_var(l)).collect();
        let Some(vals) = self.rhs_values(lhs.len(), rhs) else { return };
        for (t, mut x) in targets.into_iter().zip(vals) {
            match t {
                None => {
                    self.default_untyped(&mut x, "assignment");
                }
                Some(t) => {
                    self.assignment(&mut x, t, "assignment");
                }
            }
        }
    }

    fn short_var_decl(&mut self, span: Span, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let vals = self.rhs_values(lhs.len(), rhs);
        let mut seen = HashSet::new();
        let mut new_vars: Vec<(ObjId, &'a Expr, String)> = Vec::new();
        let mut any_new = false;
        let mut ok = true;
        for (i, l) in lhs.iter().enumerate() {
            let mut x = vals.as_ref().and_then(|v| v.get(i).cloned());
            let ExprKind::Ident(name) = &l.kind else {
                let msg = format!("non-name {} on left side of :=", self.expr_str(l));
                self.error(l.span, msg);
                ok = false;
                continue;
            };
            if name == "_" {
                any_new |= false;
                if let Some(x) = &mut x {
                    self.default_untyped(x, "assignment");
                }
                continue;
            }
            if !seen.insert(name.clone()) {
                self.error(l.span, format!("{name} repeated on left side of :="));
                ok = false;
                continue;
            }
            let existing = self.scopes.last().and_then(|s| s.names.get(name).copied());
            if let Some(obj) = existing.filter(|o| matches!(self.info.objects[o.0 as usize].kind, ObjKind::Var { .. })) {
                // Redeclaration: plain assignment to the existing variable.
                self.info.uses.insert(l.id, obj);
                self.note_use(obj, false);
                let t = self.info.objects[obj.0 as usize].ty;
                self.record(&Operand::new(OMode::Variable, t, l));
                if let Some(mut x) = x {
                    self.assignment(&mut x, t, "assignment");
                }
                continue;
            }
            any_new = true;
            let t = match x {
                Some(mut x) if !x.is_invalid() => {
                    if self.default_untyped(&mut x, "assignment") {
                        x.ty
                    } else {
                        TypeId::INVALID
                    }
                }
                _ => TypeId::INVALID,
            };
            let obj = self.new_local_var(name, t, l.span);
            self.info.defs.insert(l.id, obj);
            self.record(&Operand::new(OMode::Variable, t, l));
            if t == TypeId::INVALID {
                // Do not complain about unused variables of erroneous declarations.
                self.extra[obj.0 as usize].used = true;
            }
            new_vars.push((obj, l, name.clone()));
        }
        if !any_new && ok {
            self.error(span, "no new variables on left side of :=");
        }
        for (obj, l, name) in new_vars {
            self.declare_local(&name, l.span, obj);
        }
    }

    fn return_stmt(&mut self, span: Span, exprs: &'a [Expr]) {
        let Some(f) = self.funcs.last() else { return };
        let results = f.results.clone();
        let named = f.named_results;
        if exprs.is_empty() {
            if !results.is_empty() && !named {
                let want = self.tuple_string(&results);
                self.error(span, format!("not enough return values\n\thave ()\n\twant {want}"));
            }
            return;
        }
        let vals: Vec<Operand<'a>> = if exprs.len() == 1 && results.len() != 1 { self.multi_expr(&exprs[0]) } else { exprs.iter().map(|e| self.expr(e)).collect() };
        if vals.iter().any(|v| v.is_invalid()) {
            return;
        }
        if vals.len() != results.len() {
            let have: Vec<TypeId> = vals.iter().map(|v| v.ty).collect();
            let have = self.tuple_string(&have);
            let want = self.tuple_string(&results);
            if vals.len() < results.len() {
                self.error(exprs[0].span, format!("not enough return values\n\thave {have}\n\twant {want}"));
            } else {
                let at = exprs.get(results.len()).unwrap_or(&exprs[0]).span;
                self.error(at, format!("too many return values\n\thave {have}\n\twant {want}"));
            }
            return;
        }
        for (mut x, t) in vals.into_iter().zip(results) {
            self.assignment(&mut x, t, "return statement");
        }
    }

    fn tuple_string(&self, ts: &[TypeId]) -> String {
        let parts: Vec<String> = ts
            .iter()
            .map(|&t| if self.info.types.is_untyped(t) && self.info.types.is_numeric(t) { "number".to_string() } else { self.type_str(t) })
            .collect();
        format!("({})", parts.join(", "))
    }

    fn switch_stmt(&mut self, init: Option<&'a Stmt>, tag: Option<&'a Expr>, clauses: &'a [ast::CaseClause], ctx: StmtCtx) {
        self.open_scope();
        if let Some(init) = init {
            self.simple_stmt(init);
        }
        let tag_op: Option<Operand<'a>> = tag.map(|t| {
            let mut x = self.expr(t);
            if !x.is_invalid() {
                self.default_untyped(&mut x, "switch expression");
                // Types with nil may be switched on (`case nil` is their only case).
                if !x.is_invalid() && !self.comparable(x.ty) && !self.info.types.has_nil(x.ty) {
                    let msg = format!("cannot switch on {} ({} is not comparable)", self.describe(&x), self.type_str(x.ty));
                    self.error(t.span, msg);
                    x = Operand::invalid(t);
                }
            }
            x
        });
        let mut default_seen = false;
        let mut seen_consts: Vec<(Value, TypeId)> = Vec::new();
        let n = clauses.len();
        for (ci, clause) in clauses.iter().enumerate() {
            match &clause.exprs {
                None => {
                    if default_seen {
                        self.error(clause.span, "multiple defaults in switch");
                    }
                    default_seen = true;
                }
                Some(exprs) => {
                    for ce in exprs {
                        self.case_expr(ce, tag_op.as_ref(), &mut seen_consts);
                    }
                }
            }
            let inner = StmtCtx { break_ok: true, continue_ok: ctx.continue_ok, fallthrough_ok: ci + 1 < n, final_case: ci + 1 == n };
            self.open_scope();
            self.stmt_list(&clause.body, inner);
            self.close_scope();
        }
        self.close_scope();
    }

    fn case_expr(&mut self, ce: &'a Expr, tag: Option<&Operand<'a>>, seen: &mut Vec<(Value, TypeId)>) {
        let mut x = self.expr(ce);
        if x.is_invalid() {
            return;
        }
        match tag {
            Some(t) if t.is_invalid() => {}
            Some(t) => {
                let mut y = t.clone();
                let was_nil = x.is_nil();
                self.match_types(&mut x, &mut y);
                if x.is_invalid() {
                    return;
                }
                let ok = (x.ty == t.ty || self.assignable_types(x.ty, t.ty) || self.assignable_types(t.ty, x.ty)) && (was_nil && !self.comparable(t.ty) || self.comparable(x.ty));
                if !ok {
                    let msg = format!("invalid case {} in switch on {} (mismatched types {} and {})", self.expr_str(ce), self.expr_str(t.expr), self.type_str(x.ty), self.type_str(t.ty));
                    self.error(ce.span, msg);
                    return;
                }
                if self.info.types.is_untyped(x.ty) {
                    let d = self.info.types.default_type(x.ty);
                    self.update_expr_type(ce, d);
                }
                if let (OMode::Constant, Some(v)) = (x.mode, &x.val) {
                    if seen.iter().any(|(w, ty)| w == v && *ty == x.ty) {
                        let msg = format!("duplicate case {} in expression switch", self.describe(&x));
                        self.error(ce.span, msg);
                    } else {
                        seen.push((v.clone(), x.ty));
                    }
                }
            }
            None => {
                if !self.info.types.is_boolean(x.ty) {
                    let msg = format!("invalid case {} in switch (mismatched types {} and bool)", self.expr_str(ce), self.type_str(x.ty));
                    self.error(ce.span, msg);
                    return;
                }
                self.convert_untyped(&mut x, TypeId::BOOL);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(&mut self, s: &'a Stmt, key: Option<&'a Expr>, value: Option<&'a Expr>, define: bool, xe: &'a Expr, body: &'a ast::Block, ctx: StmtCtx) {
        self.open_scope();
        let mut x = self.expr(xe);
        let mut types_kv: Option<(TypeId, Option<TypeId>)> = None;
        if !x.is_invalid() {
            if x.mode == OMode::Constant && self.info.types.is_untyped(x.ty) {
                self.default_untyped(&mut x, "range clause");
            }
            let t = &self.info.types;
            types_kv = match t.under(x.ty).clone() {
                TypeKind::Basic(Basic::String) => Some((TypeId::INT, Some(TypeId::RUNE))),
                TypeKind::Basic(_) if t.is_integer(x.ty) => Some((x.ty, None)),
                TypeKind::Array { elem, .. } | TypeKind::Slice(elem) => Some((TypeId::INT, Some(elem))),
                TypeKind::Chan { dir: ChanDir::Send, .. } => {
                    let msg = format!("cannot range over {} (receive from send-only channel)", self.describe(&x));
                    self.error(xe.span, msg);
                    x = Operand::invalid(xe);
                    None
                }
                TypeKind::Chan { elem, .. } => Some((elem, None)),
                TypeKind::Pointer(base) => match t.under(base).clone() {
                    TypeKind::Array { elem, .. } => Some((TypeId::INT, Some(elem))),
                    _ => None,
                },
                _ => None,
            };
            if types_kv.is_none() && !x.is_invalid() {
                let msg = format!("cannot range over {}", self.describe(&x));
                self.error(xe.span, msg);
            }
        }
        if let (Some((_, None)), Some(v)) = (types_kv, value) {
            let msg = format!("range over {} permits only one iteration variable", self.describe(&x));
            self.error(v.span, msg);
        }
        let (kt, vt) = match types_kv {
            Some((k, v)) => (k, v.unwrap_or(TypeId::INVALID)),
            None => (TypeId::INVALID, TypeId::INVALID),
        };
        let vars = [(key, kt), (value, vt)];
        if define {
            let mut new_vars = Vec::new();
            for (e, t) in vars {
                let Some(e) = e else { continue };
                let ExprKind::Ident(name) = &e.kind else {
                    let msg = format!("non-name {} on left side of :=", self.expr_str(e));
                    self.error(e.span, msg);
                    continue;
                };
                if name == "_" {
                    continue;
                }
                let obj = self.new_local_var(name, t, e.span);
                if t == TypeId::INVALID {
                    self.extra[obj.0 as usize].used = true;
                }
                self.info.defs.insert(e.id, obj);
                self.record(&Operand::new(OMode::Variable, t, e));
                new_vars.push((name.clone(), e.span, obj));
            }
            for (name, span, obj) in new_vars {
                self.declare_local(&name, span, obj);
            }
        } else {
            for (e, t) in vars {
                let Some(e) = e else { continue };
                let Some(lt) = self.lhs_var(e) else { continue };
                if lt != TypeId::INVALID && t != TypeId::INVALID && !self.assignable_types(t, lt) {
                    let msg = format!("cannot use {} (value of type {}) as {} value in range clause", self.expr_str(e), self.type_str(t), self.type_str(lt));
                    self.error(e.span, msg);
                }
            }
        }
        let _ = s;
        self.loop_body(body, ctx);
        self.close_scope();
    }

    // ----- declarations -----

    fn local_decl(&mut self, d: &'a ast::Decl) {
        match d {
            ast::Decl::Var(specs) => {
                for spec in specs {
                    let types = self.var_spec_types(spec, None, None);
                    let objs: Vec<(ObjId, &ast::Ident)> = spec
                        .names
                        .iter()
                        .zip(types)
                        .map(|(n, t)| {
                            let obj = self.new_local_var(&n.name, t, n.span);
                            if n.name != "_" {
                                self.info.defs.insert(n.id, obj);
                            }
                            if t == TypeId::INVALID {
                                self.extra[obj.0 as usize].used = true;
                            }
                            (obj, n)
                        })
                        .collect();
                    for (obj, n) in objs {
                        self.declare_local(&n.name, n.span, obj);
                    }
                }
            }
            ast::Decl::Const(specs) => {
                for spec in specs {
                    let objs: Vec<(ObjId, &ast::Ident)> = (0..spec.names.len())
                        .map(|i| {
                            let n = &spec.names[i];
                            let obj = self.new_object(&n.name, ObjKind::Const(ConstValue::Int(0)), TypeId::INVALID, n.span);
                            self.const_spec_one(spec, i, obj);
                            if n.name != "_" {
                                self.info.defs.insert(n.id, obj);
                            }
                            (obj, n)
                        })
                        .collect();
                    for (obj, n) in objs {
                        self.declare_local(&n.name, n.span, obj);
                    }
                }
            }
            ast::Decl::Type(specs) => {
                for spec in specs {
                    self.local_type_decl(spec);
                }
            }
            ast::Decl::Func(fd) => self.error(fd.span, "function declaration inside a function"),
        }
    }

    /// Checks the values of a `var` spec; returns each name's type. `global_objs`:
    /// the package-level objects (dependencies are recorded per name); `only`:
    /// check just that name's value (an n:n package-level spec).
    pub(crate) fn var_spec_types(&mut self, spec: &'a ast::VarSpec, global_objs: Option<&[ObjId]>, only: Option<usize>) -> Vec<TypeId> {
        let n = spec.names.len();
        let declared = spec.ty.as_ref().map(|t| self.typ(t));
        let mut types = vec![declared.unwrap_or(TypeId::INVALID); n];
        let context = "variable declaration";
        if spec.values.is_empty() {
            if declared.is_none() {
                self.error(spec.span, "missing type or init expr");
            }
            return types;
        }
        let saved = self.cur_decl;
        // One name and one value go through `rhs_values` too: the value may be a
        // multi-value call.
        if spec.values.len() == n && n > 1 {
            #[allow(clippy::needless_range_loop)]
            for i in 0..n {
                if only.is_some_and(|o| o != i) {
                    continue;
                }
                if let Some(objs) = global_objs {
                    self.cur_decl = objs.get(i).copied().or(saved);
                }
                let mut x = self.expr(&spec.values[i]);
                types[i] = self.var_init_type(&mut x, declared, context);
            }
        } else {
            if let Some(objs) = global_objs {
                self.cur_decl = objs.first().copied().or(saved);
            }
            match self.rhs_values(n, &spec.values) {
                Some(vals) => {
                    for (i, mut x) in vals.into_iter().enumerate() {
                        types[i] = self.var_init_type(&mut x, declared, context);
                    }
                }
                None => types = vec![declared.unwrap_or(TypeId::INVALID); n],
            }
            // All names depend on what the shared initialiser depends on.
            if let Some(objs) = global_objs {
                if let Some(&first) = objs.first() {
                    let d = self.deps.get(&first).cloned().unwrap_or_default();
                    for &o in &objs[1..] {
                        self.deps.insert(o, d.clone());
                    }
                }
            }
        }
        self.cur_decl = saved;
        types
    }

    fn var_init_type(&mut self, x: &mut Operand<'a>, declared: Option<TypeId>, context: &str) -> TypeId {
        match declared {
            Some(t) => {
                self.assignment(x, t, context);
                t
            }
            None => {
                if x.is_invalid() || !self.default_untyped(x, context) {
                    TypeId::INVALID
                } else {
                    x.ty
                }
            }
        }
    }

    /// Computes the constant `spec.names[index]` and stores it in `obj`.
    pub(crate) fn const_spec_one(&mut self, spec: &'a ast::ConstSpec, index: usize, obj: ObjId) {
        let saved_iota = self.iota.replace(spec.iota as i128);
        let declared = spec.ty.as_ref().map(|t| self.typ(t));
        if let Some(t) = declared {
            let ok = t == TypeId::INVALID || matches!(self.info.types.basic(t), Some(b) if b != Basic::Invalid);
            if !ok {
                let msg = format!("invalid constant type {}", self.type_str(t));
                if let Some(te) = &spec.ty {
                    self.error(te.span, msg);
                }
                self.iota = saved_iota;
                return;
            }
        }
        let Some(value) = spec.values.get(index) else {
            let span = spec.names.get(index).map_or(spec.span, |n| n.span);
            self.error(span, "missing init expr for const declaration");
            self.iota = saved_iota;
            return;
        };
        if index + 1 == spec.names.len() && spec.values.len() > spec.names.len() {
            let extra = &spec.values[spec.names.len()];
            self.error(extra.span, "extra init expr");
        }
        let mut x = self.expr(value);
        self.iota = saved_iota;
        if x.is_invalid() {
            return;
        }
        if x.mode != OMode::Constant {
            let msg = format!("{} is not constant", self.describe(&x));
            self.error(value.span, msg);
            return;
        }
        if let Some(t) = declared {
            if !self.assignment(&mut x, t, "constant declaration") {
                return;
            }
        }
        let v = x.val.unwrap_or(Value::int(0));
        let b = self.info.types.basic(x.ty);
        // An untyped integer beyond i128 has no recorded form; its float
        // approximation stands in (only the exact value is ever used).
        let recorded = v.recorded(b).or_else(|| v.recorded(Some(crate::types::Basic::Float64))).unwrap_or(ConstValue::Int(0));
        self.extra[obj.0 as usize].value = Some(v);
        let o = &mut self.info.objects[obj.0 as usize];
        o.ty = x.ty;
        o.kind = ObjKind::Const(recorded);
    }

    // ----- terminating statements -----

    pub(crate) fn is_terminating_list(&self, stmts: &[Stmt], label: &str) -> bool {
        self.is_terminating_list_d(stmts, label, 0)
    }

    fn is_terminating_list_d(&self, stmts: &[Stmt], label: &str, d: u32) -> bool {
        match stmts.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty)) {
            Some(s) => self.is_terminating(s, label, d + 1),
            None => false,
        }
    }

    fn is_terminating(&self, s: &Stmt, label: &str, d: u32) -> bool {
        if d > MAX_STMT_WALK {
            return true;
        }
        match &s.kind {
            StmtKind::Return(_) | StmtKind::Goto(_) => true,
            StmtKind::Expr(e) => self.is_panic_call(e),
            StmtKind::Block(b) => self.is_terminating_list_d(&b.stmts, "", d),
            StmtKind::If { then, els: Some(els), .. } => self.is_terminating_list_d(&then.stmts, "", d) && self.is_terminating(els, "", d + 1),
            StmtKind::Switch { clauses, .. } => {
                let mut has_default = false;
                for c in clauses {
                    if c.exprs.is_none() {
                        has_default = true;
                    }
                    let last = c.body.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty));
                    let ok = matches!(last.map(|s| &s.kind), Some(StmtKind::Fallthrough)) || self.is_terminating_list_d(&c.body, "", d);
                    if !ok || has_break_list(&c.body, label, true, d) {
                        return false;
                    }
                }
                has_default
            }
            StmtKind::Select { clauses } => clauses.iter().all(|c| self.is_terminating_list_d(&c.body, "", d) && !has_break_list(&c.body, label, true, d)),
            StmtKind::For { cond: None, body, .. } => !has_break_list(&body.stmts, label, true, d),
            StmtKind::Labeled { label, stmt } => self.is_terminating(stmt, &label.name, d + 1),
            _ => false,
        }
    }

    fn is_panic_call(&self, e: &Expr) -> bool {
        let ExprKind::Call { func, .. } = &unparen(e).kind else { return false };
        let callee = unparen(func);
        match self.info.uses.get(&callee.id) {
            Some(&o) => matches!(self.info.objects[o.0 as usize].kind, ObjKind::Builtin(Builtin::Panic)) && self.extra[o.0 as usize].unsupported.is_none(),
            None => false,
        }
    }
}

/// One block of the goto analysis: a statement list (a `{...}` block, a case
/// clause, an `else` branch) and the block it is nested in.
struct GotoBlock {
    parent: Option<usize>,
    /// Where the block starts (its `{`, `case`, or `else if`), for diagnostics.
    start: u32,
}

/// State of [`Checker::check_gotos`].
struct GotoScan<'a> {
    blocks: Vec<GotoBlock>,
    /// The block of each label declared so far (the first declaration of a name).
    label_block: HashMap<&'a str, usize>,
    /// Gotos that jump forward over a variable declaration, with its position.
    over_decl: Vec<(&'a ast::Ident, u32)>,
    /// The label of every goto seen.
    gotos: Vec<&'a str>,
}

impl<'a> GotoScan<'a> {
    /// Scans the statement list of a new block; returns the gotos it leaves
    /// unresolved (forward jumps out of it, or jumps into other blocks).
    fn block(&mut self, parent: Option<usize>, start: u32, stmts: &'a [Stmt], depth: u32) -> Vec<&'a ast::Ident> {
        let b = self.blocks.len();
        self.blocks.push(GotoBlock { parent, start });
        if depth > MAX_STMT_WALK {
            return Vec::new();
        }
        let d = depth + 1;
        let mut fwd: Vec<&'a ast::Ident> = Vec::new();
        // The last variable declaration of this block, and the gotos pending at it.
        let mut last_decl: Option<(u32, Vec<&'a ast::Ident>)> = None;
        for stmt in stmts {
            let mut s = stmt;
            while let StmtKind::Labeled { label, stmt: inner } = &s.kind {
                if label.name != "_" {
                    self.label_block.entry(label.name.as_str()).or_insert(b);
                    let (hits, rest): (Vec<_>, Vec<_>) = fwd.into_iter().partition(|g| g.name == label.name);
                    fwd = rest;
                    if let Some((pos, over)) = &last_decl {
                        for g in hits.into_iter().filter(|g| over.iter().any(|o| std::ptr::eq(*o, *g))) {
                            self.over_decl.push((g, *pos));
                        }
                    }
                }
                s = inner;
            }
            match &s.kind {
                StmtKind::Decl(ast::Decl::Var(_)) | StmtKind::Assign { op: AssignOp::Define, .. } => last_decl = Some((s.span.lo, fwd.clone())),
                StmtKind::Goto(label) => {
                    self.gotos.push(&label.name);
                    if !self.in_scope(b, &label.name) {
                        fwd.push(label);
                    }
                }
                StmtKind::Block(blk) => fwd.extend(self.block(Some(b), blk.span.lo, &blk.stmts, d)),
                StmtKind::If { then, els, .. } => {
                    fwd.extend(self.block(Some(b), then.span.lo, &then.stmts, d));
                    if let Some(els) = els {
                        fwd.extend(self.block(Some(b), els.span.lo, std::slice::from_ref(&**els), d));
                    }
                }
                StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => fwd.extend(self.block(Some(b), body.span.lo, &body.stmts, d)),
                StmtKind::Switch { clauses, .. } => {
                    for cl in clauses {
                        fwd.extend(self.block(Some(b), cl.span.lo, &cl.body, d));
                    }
                }
                StmtKind::Select { clauses } => {
                    for cl in clauses {
                        fwd.extend(self.block(Some(b), cl.span.lo, &cl.body, d));
                    }
                }
                _ => {}
            }
        }
        fwd
    }

    /// Whether label `name` is already declared in block `b` or an enclosing one (a
    /// backward jump to it is valid).
    fn in_scope(&self, mut b: usize, name: &str) -> bool {
        let Some(&lb) = self.label_block.get(name) else { return false };
        loop {
            if b == lb {
                return true;
            }
            match self.blocks[b].parent {
                Some(p) => b = p,
                None => return false,
            }
        }
    }
}

fn has_break_list(stmts: &[Stmt], label: &str, implicit: bool, d: u32) -> bool {
    stmts.iter().any(|s| has_break(s, label, implicit, d + 1))
}

/// Whether `s` contains a `break` that refers to the enclosing statement: an
/// unlabeled one not nested in another breakable statement (`implicit`), or one with
/// the statement's `label`.
fn has_break(s: &Stmt, label: &str, implicit: bool, d: u32) -> bool {
    if d > MAX_STMT_WALK {
        return true;
    }
    match &s.kind {
        StmtKind::Break(None) => implicit,
        StmtKind::Break(Some(l)) => !label.is_empty() && l.name == label,
        StmtKind::Block(b) => has_break_list(&b.stmts, label, implicit, d),
        StmtKind::Labeled { stmt, .. } => has_break(stmt, label, implicit, d + 1),
        StmtKind::If { then, els, .. } => has_break_list(&then.stmts, label, implicit, d) || els.as_ref().is_some_and(|e| has_break(e, label, implicit, d + 1)),
        StmtKind::Switch { clauses, .. } => !label.is_empty() && clauses.iter().any(|c| has_break_list(&c.body, label, false, d)),
        StmtKind::Select { clauses } => !label.is_empty() && clauses.iter().any(|c| has_break_list(&c.body, label, false, d)),
        StmtKind::For { body, .. } | StmtKind::ForRange { body, .. } => !label.is_empty() && has_break_list(&body.stmts, label, false, d),
        _ => false,
    }
}
