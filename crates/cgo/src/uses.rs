//! Which names a file uses from the pseudo-package `C`: every `C.name` selector in
//! declarations, signatures, statements and type expressions, found syntactically as
//! cmd/cgo finds them (a local variable called `C` would fool both).

use std::collections::HashMap;

use syntax::ast::{Block, Decl, Expr, ExprKind, FuncType, Stmt, StmtKind};
use syntax::{ast, Span};

/// A name used as `C.name`, with the span of its first use (the whole selector, so
/// diagnostics point at the `C` as Go's do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Use {
    pub name: String,
    pub span: Span,
}

/// Every `C.name` of the file, once each, in the order of first use.
pub(crate) fn c_names(file: &ast::File) -> Vec<Use> {
    let mut walker = Walker::default();
    for decl in &file.decls {
        walker.decl(decl);
    }
    let mut uses: Vec<Use> = walker.first.into_iter().map(|(name, span)| Use { name, span }).collect();
    uses.sort_by_key(|u| u.span.lo);
    uses
}

/// Visits the tree in any order: `first` keeps the earliest span of each name.
#[derive(Default)]
struct Walker {
    first: HashMap<String, Span>,
}

impl Walker {
    fn decl(&mut self, decl: &Decl) {
        match decl {
            Decl::Func(func) => {
                for param in func.recv.iter().flatten() {
                    self.expr(&param.ty);
                }
                self.func_type(&func.sig);
                if let Some(body) = &func.body {
                    self.block(body);
                }
            }
            Decl::Var(specs) => {
                for spec in specs {
                    self.exprs(spec.ty.iter().chain(&spec.values));
                }
            }
            Decl::Const(specs) => {
                for spec in specs {
                    self.exprs(spec.ty.iter().chain(&spec.values));
                }
            }
            Decl::Type(specs) => {
                for spec in specs {
                    self.expr(&spec.ty);
                }
            }
        }
    }

    fn func_type(&mut self, sig: &FuncType) {
        for param in sig.params.iter().chain(&sig.results) {
            self.expr(&param.ty);
        }
    }

    fn block(&mut self, block: &Block) {
        self.stmts(&block.stmts);
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn opt_stmt(&mut self, stmt: &Option<Box<Stmt>>) {
        if let Some(stmt) = stmt {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Decl(decl) => self.decl(decl),
            StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => self.expr(x),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::IncDec { target, .. } => self.expr(target),
            StmtKind::Assign { lhs, rhs, .. } => self.exprs(lhs.iter().chain(rhs)),
            StmtKind::Return(values) => self.exprs(values),
            StmtKind::Block(block) => self.block(block),
            StmtKind::If { init, cond, then, els } => {
                self.opt_stmt(init);
                self.expr(cond);
                self.block(then);
                self.opt_stmt(els);
            }
            StmtKind::Switch { init, tag, clauses, .. } => {
                self.opt_stmt(init);
                self.exprs(tag);
                for clause in clauses {
                    self.exprs(clause.exprs.iter().flatten());
                    self.stmts(&clause.body);
                }
            }
            StmtKind::Select { clauses } => {
                for clause in clauses {
                    self.opt_stmt(&clause.comm);
                    self.stmts(&clause.body);
                }
            }
            StmtKind::For { init, cond, post, body } => {
                self.opt_stmt(init);
                self.exprs(cond);
                self.opt_stmt(post);
                self.block(body);
            }
            StmtKind::ForRange { key, value, x, body, .. } => {
                self.exprs(key.iter().chain(value).chain([x]));
                self.block(body);
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            // A type switch's body is not kept (the checker rejects it).
            StmtKind::TypeSwitch { .. }
            | StmtKind::Break(_)
            | StmtKind::Continue(_)
            | StmtKind::Goto(_)
            | StmtKind::Fallthrough
            | StmtKind::Empty => {}
        }
    }

    fn exprs<'a>(&mut self, exprs: impl IntoIterator<Item = &'a Expr>) {
        for x in exprs {
            self.expr(x);
        }
    }

    fn opt_expr(&mut self, x: &Option<Box<Expr>>) {
        if let Some(x) = x {
            self.expr(x);
        }
    }

    fn expr(&mut self, x: &Expr) {
        match &x.kind {
            ExprKind::Selector { x: package, sel } => match &package.kind {
                ExprKind::Ident(name) if name == "C" => {
                    let first = self.first.entry(sel.name.clone()).or_insert(x.span);
                    if x.span.lo < first.lo {
                        *first = x.span;
                    }
                }
                _ => self.expr(package),
            },
            ExprKind::CompositeLit { ty, elems } => {
                self.opt_expr(ty);
                for elem in elems {
                    self.exprs(elem.key.iter().chain([&elem.value]));
                }
            }
            ExprKind::FuncLit { sig, body } => {
                self.func_type(sig);
                self.block(body);
            }
            ExprKind::Paren(inner) | ExprKind::Star(inner) | ExprKind::SliceType(inner) => self.expr(inner),
            ExprKind::Unary { x: inner, .. } => self.expr(inner),
            ExprKind::Index { x: base, index } => {
                self.expr(base);
                self.expr(index);
            }
            ExprKind::Slice { x: base, lo, hi, max, .. } => {
                self.expr(base);
                self.opt_expr(lo);
                self.opt_expr(hi);
                self.opt_expr(max);
            }
            ExprKind::TypeAssert { x: inner, ty } => {
                self.expr(inner);
                self.opt_expr(ty);
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                self.exprs(args);
            }
            ExprKind::Binary { x: left, y: right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::ArrayType { len, elem } => {
                self.opt_expr(len);
                self.expr(elem);
            }
            ExprKind::StructType(fields) => self.exprs(fields.iter().map(|f| &f.ty)),
            ExprKind::FuncType(sig) => self.func_type(sig),
            ExprKind::MapType { key, value } => {
                self.expr(key);
                self.expr(value);
            }
            ExprKind::ChanType { elem, .. } => self.expr(elem),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntax::SourceFile;

    fn names(src: &str) -> Vec<(String, String)> {
        let file = SourceFile::new("a.go", src);
        let (ast, diags) = syntax::parse_file(&file);
        assert!(diags.is_empty(), "{diags:?}");
        c_names(&ast)
            .into_iter()
            .map(|u| (u.name, file.text[u.span.lo as usize..u.span.hi as usize].to_string()))
            .collect()
    }

    #[test]
    fn every_c_name_once_in_first_use_order() {
        let src = r#"package main

import "C"

type T struct{ p *C.char }

var v = C.abs(-1)

func f(a C.int) C.long {
	defer C.free(nil)
	for i := C.int(0); i < C.limit(); i++ {
		go func() { _ = [2]C.double{C.sqrt(2)} }()
	}
	x := C.abs(C.int(2))
	return C.long(x)
}
"#;
        let got = names(src);
        let want = ["char", "abs", "int", "long", "free", "limit", "double", "sqrt"];
        assert_eq!(got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), want);
        assert!(got.iter().all(|(n, text)| *text == format!("C.{n}")), "{got:?}");
    }

    #[test]
    fn other_selectors_are_not_c_names() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(x.C, C2.f) }\n";
        assert!(names(src).is_empty());
    }
}
