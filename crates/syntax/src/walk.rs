//! A walk over every expression of a file (value and type expressions alike), for
//! passes that only look: cgo's search for `C.name` uses, the checker's tests.

use crate::ast::{Block, Decl, Expr, ExprKind, File, FuncType, Stmt, StmtKind};

/// Calls `f` for every expression of `file`, parents before children, in source
/// order within each declaration. A type switch's body is not kept by the parser,
/// so it is not visited.
pub fn walk_exprs<'t>(file: &'t File, f: &mut dyn FnMut(&'t Expr)) {
    for d in &file.decls {
        decl(d, f);
    }
}

fn decl<'t>(d: &'t Decl, f: &mut dyn FnMut(&'t Expr)) {
    match d {
        Decl::Func(func) => {
            func.recv.iter().flatten().for_each(|p| expr(&p.ty, f));
            func_type(&func.sig, f);
            if let Some(body) = &func.body {
                block(body, f);
            }
        }
        Decl::Var(specs) => specs.iter().for_each(|s| s.ty.iter().chain(&s.values).for_each(|e| expr(e, f))),
        Decl::Const(specs) => specs.iter().for_each(|s| s.ty.iter().chain(&s.values).for_each(|e| expr(e, f))),
        Decl::Type(specs) => specs.iter().for_each(|s| expr(&s.ty, f)),
    }
}

fn func_type<'t>(sig: &'t FuncType, f: &mut dyn FnMut(&'t Expr)) {
    sig.params.iter().chain(&sig.results).for_each(|p| expr(&p.ty, f));
}

fn block<'t>(b: &'t Block, f: &mut dyn FnMut(&'t Expr)) {
    b.stmts.iter().for_each(|s| stmt(s, f));
}

fn opt_stmt<'t>(s: &'t Option<Box<Stmt>>, f: &mut dyn FnMut(&'t Expr)) {
    s.iter().for_each(|s| stmt(s, f));
}

fn stmt<'t>(s: &'t Stmt, f: &mut dyn FnMut(&'t Expr)) {
    match &s.kind {
        StmtKind::Decl(d) => decl(d, f),
        StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => expr(x, f),
        StmtKind::Send { chan, value } => {
            expr(chan, f);
            expr(value, f);
        }
        StmtKind::IncDec { target, .. } => expr(target, f),
        StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|e| expr(e, f)),
        StmtKind::Return(values) => values.iter().for_each(|e| expr(e, f)),
        StmtKind::Block(b) => block(b, f),
        StmtKind::If { init, cond, then, els } => {
            opt_stmt(init, f);
            expr(cond, f);
            block(then, f);
            opt_stmt(els, f);
        }
        StmtKind::Switch { init, tag, clauses, .. } => {
            opt_stmt(init, f);
            tag.iter().for_each(|e| expr(e, f));
            for c in clauses {
                c.exprs.iter().flatten().for_each(|e| expr(e, f));
                c.body.iter().for_each(|s| stmt(s, f));
            }
        }
        StmtKind::Select { clauses } => {
            for c in clauses {
                opt_stmt(&c.comm, f);
                c.body.iter().for_each(|s| stmt(s, f));
            }
        }
        StmtKind::For { init, cond, post, body } => {
            opt_stmt(init, f);
            cond.iter().for_each(|e| expr(e, f));
            opt_stmt(post, f);
            block(body, f);
        }
        StmtKind::ForRange { key, value, x, body, .. } => {
            key.iter().chain(value).chain([x]).for_each(|e| expr(e, f));
            block(body, f);
        }
        StmtKind::Labeled { stmt: s, .. } => stmt(s, f),
        StmtKind::TypeSwitch { .. }
        | StmtKind::Break(_)
        | StmtKind::Continue(_)
        | StmtKind::Goto(_)
        | StmtKind::Fallthrough
        | StmtKind::Empty => {}
    }
}

fn expr<'t>(e: &'t Expr, f: &mut dyn FnMut(&'t Expr)) {
    f(e);
    match &e.kind {
        ExprKind::CompositeLit { ty, elems } => {
            ty.iter().for_each(|t| expr(t, f));
            elems.iter().for_each(|el| el.key.iter().chain([&el.value]).for_each(|e| expr(e, f)));
        }
        ExprKind::FuncLit { sig, body } => {
            func_type(sig, f);
            block(body, f);
        }
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::SliceType(x) | ExprKind::Unary { x, .. } | ExprKind::Selector { x, .. } => expr(x, f),
        ExprKind::Index { x, index } => {
            expr(x, f);
            expr(index, f);
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            expr(x, f);
            [lo, hi, max].into_iter().flatten().for_each(|i| expr(i, f));
        }
        ExprKind::TypeAssert { x, ty } => {
            expr(x, f);
            ty.iter().for_each(|t| expr(t, f));
        }
        ExprKind::Call { func, args, .. } => {
            expr(func, f);
            args.iter().for_each(|a| expr(a, f));
        }
        ExprKind::Binary { x, y, .. } => {
            expr(x, f);
            expr(y, f);
        }
        ExprKind::ArrayType { len, elem } => {
            len.iter().for_each(|l| expr(l, f));
            expr(elem, f);
        }
        ExprKind::StructType(fields) => fields.iter().for_each(|fd| expr(&fd.ty, f)),
        ExprKind::FuncType(sig) => func_type(sig, f),
        ExprKind::MapType { key, value } => {
            expr(key, f);
            expr(value, f);
        }
        ExprKind::ChanType { elem, .. } => expr(elem, f),
        ExprKind::Ident(_)
        | ExprKind::IntLit(_)
        | ExprKind::FloatLit(_)
        | ExprKind::ImagLit(_)
        | ExprKind::CharLit(_)
        | ExprKind::StringLit(_)
        | ExprKind::InterfaceType { .. }
        | ExprKind::Bad => {}
    }
}
