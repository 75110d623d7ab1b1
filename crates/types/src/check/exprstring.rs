//! Go's spelling of an expression in diagnostics (go/types' `ExprString`): normalised
//! spacing (`x + y`), composite literal bodies elided (`T{…}`, or `T{}` when empty).

use std::fmt::Write as _;

use syntax::ast::{ChanDir, Expr, ExprKind, FuncType};

use crate::constant::quote;

/// Nesting beyond which subexpressions print as `…`.
const MAX_PRINT_DEPTH: u32 = 64;

pub(crate) fn expr_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, 0);
    s
}

fn write_expr(s: &mut String, e: &Expr, depth: u32) {
    if depth > MAX_PRINT_DEPTH {
        s.push('…');
        return;
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::Ident(n) => s.push_str(n),
        ExprKind::IntLit(t) | ExprKind::FloatLit(t) | ExprKind::ImagLit(t) => s.push_str(t),
        ExprKind::CharLit(c) => match char::from_u32(*c) {
            Some('\'') => s.push_str("'\\''"),
            Some('\\') => s.push_str("'\\\\'"),
            Some('\n') => s.push_str("'\\n'"),
            Some('\t') => s.push_str("'\\t'"),
            Some(ch) if !ch.is_control() => {
                let _ = write!(s, "'{ch}'");
            }
            _ => {
                let _ = write!(s, "'\\x{:02x}'", c);
            }
        },
        ExprKind::StringLit(b) => s.push_str(&quote(b)),
        ExprKind::CompositeLit { ty, elems } => {
            if let Some(t) = ty {
                write_expr(s, t, d);
            }
            // go/types elides the elements, and marks only that there are some.
            s.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit { sig, .. } => {
            s.push_str("(func");
            write_sig(s, sig, d);
            s.push_str(" literal)");
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x, d);
            s.push(')');
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x, d);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, index } => {
            write_expr(s, x, d);
            s.push('[');
            write_expr(s, index, d);
            s.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, three } => {
            write_expr(s, x, d);
            s.push('[');
            if let Some(lo) = lo {
                write_expr(s, lo, d);
            }
            s.push(':');
            if let Some(hi) = hi {
                write_expr(s, hi, d);
            }
            if *three {
                s.push(':');
                if let Some(m) = max {
                    write_expr(s, m, d);
                }
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, ty } => {
            write_expr(s, x, d);
            s.push_str(".(");
            match ty {
                Some(t) => write_expr(s, t, d),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call { func, args, ellipsis } => {
            write_expr(s, func, d);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a, d);
            }
            if *ellipsis {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x, d);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(op.as_str());
            write_expr(s, x, d);
        }
        ExprKind::Binary { op, x, y } => {
            write_expr(s, x, d);
            let _ = write!(s, " {} ", op.as_str());
            write_expr(s, y, d);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            match len {
                Some(l) => write_expr(s, l, d),
                None => s.push_str("..."),
            }
            s.push(']');
            write_expr(s, elem, d);
        }
        ExprKind::SliceType(elem) => {
            s.push_str("[]");
            write_expr(s, elem, d);
        }
        ExprKind::StructType(fields) => {
            s.push_str("struct{");
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                if let Some(n) = &f.name {
                    s.push_str(&n.name);
                    s.push(' ');
                }
                write_expr(s, &f.ty, d);
            }
            s.push('}');
        }
        ExprKind::FuncType(ft) => {
            s.push_str("func");
            write_sig(s, ft, d);
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key, d);
            s.push(']');
            write_expr(s, value, d);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write_expr(s, elem, d);
        }
        ExprKind::InterfaceType { elems } => s.push_str(if *elems == 0 { "interface{}" } else { "interface{…}" }),
        ExprKind::Bad => s.push_str("BadExpr"),
    }
}

fn write_sig(s: &mut String, ft: &FuncType, d: u32) {
    s.push('(');
    for (i, p) in ft.params.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if let Some(n) = &p.name {
            s.push_str(&n.name);
            s.push(' ');
        }
        if p.variadic {
            s.push_str("...");
        }
        write_expr(s, &p.ty, d);
    }
    s.push(')');
    match ft.results.len() {
        0 => {}
        1 if ft.results[0].name.is_none() => {
            s.push(' ');
            write_expr(s, &ft.results[0].ty, d);
        }
        _ => {
            s.push_str(" (");
            for (i, r) in ft.results.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                if let Some(n) = &r.name {
                    s.push_str(&n.name);
                    s.push(' ');
                }
                write_expr(s, &r.ty, d);
            }
            s.push(')');
        }
    }
}
