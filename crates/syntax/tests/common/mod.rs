//! Test helpers: an S-expression rendering of the AST, compact enough to write
//! expectations by hand and canonical enough to compare with the same rendering of
//! Go's own `go/ast` (see `go_suite.rs`).

#![allow(dead_code)] // each test binary uses a different part

use syntax::ast::*;
use syntax::{parse_file, Diagnostic, SourceFile};

pub fn parse(text: &str) -> (File, Vec<Diagnostic>) {
    parse_file(&SourceFile::new("test.go", text))
}

/// Parses `text` and returns its rendering, failing on any diagnostic.
pub fn sexpr_of(text: &str) -> String {
    let (file, diagnostics) = parse(text);
    assert!(diagnostics.is_empty(), "{text}\n{diagnostics:?}");
    file_sexpr(&file)
}

pub fn messages(text: &str) -> Vec<String> {
    parse(text).1.into_iter().map(|d| d.message).collect()
}

pub fn file_sexpr(file: &File) -> String {
    let mut out = format!("(package {})\n", file.package.name);
    for import in &file.imports {
        let name = import.name.as_ref().map_or("_", |n| n.name.as_str());
        out.push_str(&format!("(import {name} {:?})\n", import.path));
    }
    for decl in &file.decls {
        out.push_str(&decl_sexpr(decl));
        out.push('\n');
    }
    out
}

pub fn decl_sexpr(decl: &Decl) -> String {
    match decl {
        Decl::Func(f) => {
            let recv = f.recv.as_ref().map_or("_".to_string(), |r| params_sexpr(r));
            let body = f.body.as_ref().map_or("_".to_string(), block_sexpr);
            format!("(func {} {recv} {} {body})", f.name.name, functype_sexpr(&f.sig))
        }
        Decl::Var(specs) => {
            let specs: Vec<String> = specs
                .iter()
                .map(|s| format!("(spec {} {} {})", idents(&s.names), opt_expr(&s.ty), exprs(&s.values)))
                .collect();
            format!("(var {})", specs.join(" "))
        }
        Decl::Const(specs) => {
            let specs: Vec<String> = specs
                .iter()
                .map(|s| {
                    format!("(spec {} {} {} {}{})", idents(&s.names), opt_expr(&s.ty), exprs(&s.values), s.iota, if s.implicit { " implicit" } else { "" })
                })
                .collect();
            format!("(const {})", specs.join(" "))
        }
        Decl::Type(specs) => {
            let specs: Vec<String> =
                specs.iter().map(|s| format!("(spec {}{} {})", s.name.name, if s.alias { " =" } else { "" }, expr_sexpr(&s.ty))).collect();
            format!("(type {})", specs.join(" "))
        }
    }
}

fn idents(names: &[Ident]) -> String {
    let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
    format!("({})", names.join(" "))
}

fn exprs(list: &[Expr]) -> String {
    let list: Vec<String> = list.iter().map(expr_sexpr).collect();
    format!("({})", list.join(" "))
}

fn opt_expr(e: &Option<Expr>) -> String {
    e.as_ref().map_or("_".to_string(), expr_sexpr)
}

fn opt_box(e: &Option<Box<Expr>>) -> String {
    e.as_ref().map_or("_".to_string(), |e| expr_sexpr(e))
}

fn params_sexpr(params: &[Param]) -> String {
    let list: Vec<String> = params
        .iter()
        .map(|p| {
            let name = p.name.as_ref().map_or("_", |n| n.name.as_str());
            format!("(param {name} {}{})", if p.variadic { "..." } else { "" }, expr_sexpr(&p.ty))
        })
        .collect();
    format!("({})", list.join(" "))
}

fn functype_sexpr(f: &FuncType) -> String {
    format!("(functype {} {})", params_sexpr(&f.params), params_sexpr(&f.results))
}

pub fn expr_sexpr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(name) => name.clone(),
        ExprKind::IntLit(t) | ExprKind::FloatLit(t) | ExprKind::ImagLit(t) => t.clone(),
        ExprKind::CharLit(c) => format!("(char {c})"),
        ExprKind::StringLit(bytes) => format!("(str {})", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        ExprKind::CompositeLit { ty, elems } => {
            let mut out = format!("(lit {}", opt_box(ty));
            for el in elems {
                match &el.key {
                    Some(k) => out.push_str(&format!(" (kv {} {})", expr_sexpr(k), expr_sexpr(&el.value))),
                    None => out.push_str(&format!(" {}", expr_sexpr(&el.value))),
                }
            }
            out + ")"
        }
        ExprKind::FuncLit { sig, body } => format!("(funclit {} {})", functype_sexpr(sig), block_sexpr(body)),
        ExprKind::Paren(x) => format!("(paren {})", expr_sexpr(x)),
        ExprKind::Selector { x, sel } => format!("(sel {} {})", expr_sexpr(x), sel.name),
        ExprKind::Index { x, index } => format!("(index {} {})", expr_sexpr(x), expr_sexpr(index)),
        ExprKind::Slice { x, lo, hi, max, three } => {
            format!("(slice{} {} {} {} {})", if *three { "3" } else { "" }, expr_sexpr(x), opt_box(lo), opt_box(hi), opt_box(max))
        }
        ExprKind::TypeAssert { x, ty } => format!("(assert {} {})", expr_sexpr(x), ty.as_ref().map_or("type".to_string(), |t| expr_sexpr(t))),
        ExprKind::Call { func, args, ellipsis } => {
            let mut out = format!("(call {}", expr_sexpr(func));
            for a in args {
                out.push(' ');
                out.push_str(&expr_sexpr(a));
            }
            if *ellipsis {
                out.push_str(" ...");
            }
            out + ")"
        }
        ExprKind::Star(x) => format!("(star {})", expr_sexpr(x)),
        ExprKind::Unary { op, x } => format!("({} {})", op.as_str(), expr_sexpr(x)),
        ExprKind::Binary { op, x, y } => format!("({} {} {})", op.as_str(), expr_sexpr(x), expr_sexpr(y)),
        ExprKind::ArrayType { len, elem } => {
            format!("(array {} {})", len.as_ref().map_or("...".to_string(), |l| expr_sexpr(l)), expr_sexpr(elem))
        }
        ExprKind::SliceType(elem) => format!("(slicetype {})", expr_sexpr(elem)),
        ExprKind::StructType(fields) => {
            let mut out = "(struct".to_string();
            for f in fields {
                out.push_str(&format!(" (field {} {})", f.name.as_ref().map_or("_", |n| n.name.as_str()), expr_sexpr(&f.ty)));
            }
            out + ")"
        }
        ExprKind::FuncType(f) => functype_sexpr(f),
        ExprKind::MapType { key, value } => format!("(map {} {})", expr_sexpr(key), expr_sexpr(value)),
        ExprKind::ChanType { dir, elem } => {
            let dir = match dir {
                ChanDir::Both => "both",
                ChanDir::Send => "send",
                ChanDir::Recv => "recv",
            };
            format!("(chan {dir} {})", expr_sexpr(elem))
        }
        ExprKind::InterfaceType { elems } => format!("(interface {elems})"),
        ExprKind::Bad => "BAD".to_string(),
    }
}

pub fn block_sexpr(b: &Block) -> String {
    let mut out = "(block".to_string();
    for s in &b.stmts {
        out.push(' ');
        out.push_str(&stmt_sexpr(s));
    }
    out + ")"
}

fn opt_stmt(s: &Option<Box<Stmt>>) -> String {
    s.as_ref().map_or("_".to_string(), |s| stmt_sexpr(s))
}

fn stmts(list: &[Stmt]) -> String {
    list.iter().map(|s| format!(" {}", stmt_sexpr(s))).collect()
}

pub fn stmt_sexpr(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Decl(d) => decl_sexpr(d),
        StmtKind::Expr(x) => format!("(expr {})", expr_sexpr(x)),
        StmtKind::Send { chan, value } => format!("(send {} {})", expr_sexpr(chan), expr_sexpr(value)),
        StmtKind::IncDec { target, inc } => format!("({} {})", if *inc { "inc" } else { "dec" }, expr_sexpr(target)),
        StmtKind::Assign { lhs, op, rhs } => {
            let op = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Define => ":=".to_string(),
                AssignOp::Op(op) => format!("{}=", op.as_str()),
            };
            format!("(assign {op} {} {})", exprs(lhs), exprs(rhs))
        }
        StmtKind::Go(x) => format!("(go {})", expr_sexpr(x)),
        StmtKind::Defer(x) => format!("(defer {})", expr_sexpr(x)),
        StmtKind::Return(list) => format!("(return{})", list.iter().map(|e| format!(" {}", expr_sexpr(e))).collect::<String>()),
        StmtKind::Break(l) => format!("(break{})", l.as_ref().map_or(String::new(), |l| format!(" {}", l.name))),
        StmtKind::Continue(l) => format!("(continue{})", l.as_ref().map_or(String::new(), |l| format!(" {}", l.name))),
        StmtKind::Goto(l) => format!("(goto {})", l.name),
        StmtKind::Fallthrough => "(fallthrough)".to_string(),
        StmtKind::Block(b) => block_sexpr(b),
        StmtKind::If { init, cond, then, els } => {
            format!("(if {} {} {} {})", opt_stmt(init), expr_sexpr(cond), block_sexpr(then), opt_stmt(els))
        }
        StmtKind::Switch { init, tag, clauses, .. } => {
            let mut out = format!("(switch {} {}", opt_stmt(init), opt_expr(tag));
            for c in clauses {
                match &c.exprs {
                    Some(list) => out.push_str(&format!(" (case {}{})", exprs(list), stmts(&c.body))),
                    None => out.push_str(&format!(" (default{})", stmts(&c.body))),
                }
            }
            out + ")"
        }
        StmtKind::TypeSwitch { .. } => "(typeswitch)".to_string(),
        StmtKind::Select { clauses } => {
            let mut out = "(select".to_string();
            for c in clauses {
                out.push_str(&format!(" (comm {}{})", opt_stmt(&c.comm), stmts(&c.body)));
            }
            out + ")"
        }
        StmtKind::For { init, cond, post, body } => {
            format!("(for {} {} {} {})", opt_stmt(init), opt_expr(cond), opt_stmt(post), block_sexpr(body))
        }
        StmtKind::ForRange { key, value, define, x, body } => {
            format!("(range {} {} {} {} {})", opt_expr(key), opt_expr(value), if *define { ":=" } else { "=" }, expr_sexpr(x), block_sexpr(body))
        }
        StmtKind::Labeled { label, stmt } => format!("(label {} {})", label.name, stmt_sexpr(stmt)),
        StmtKind::Empty => "(empty)".to_string(),
    }
}
