//! Go's spelling of an expression in diagnostics (go/types' `ExprString`): normalised
//! spacing (`x + y`), composite literal bodies elided (`T{…}`, or `T{}` when empty).
//! In a file that imports "C", `C.name` is spelled as cmd/cgo rewrites it before Go
//! type-checks the file: `_Ctype_int` for a C type, `(_Cfunc_puts)` for a function.

use std::fmt::Write as _;

use syntax::ast::{ChanDir, Expr, ExprKind, FuncType};

use crate::constant::quote;

/// Nesting beyond which subexpressions print as `…`.
const MAX_PRINT_DEPTH: u32 = 64;

/// `e` as Go spells it; `cgo`: in a file that imports "C".
pub(crate) fn expr_string(e: &Expr, cgo: bool) -> String {
    let mut s = String::new();
    write_expr(&mut s, e, 0, cgo);
    s
}

fn write_expr(s: &mut String, e: &Expr, depth: u32, cgo: bool) {
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
                write_expr(s, t, d, cgo);
            }
            // go/types elides the elements, and marks only that there are some.
            s.push_str(if elems.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit { sig, .. } => {
            s.push_str("(func");
            write_sig(s, sig, d, cgo);
            s.push_str(" literal)");
        }
        ExprKind::Paren(x) => {
            s.push('(');
            write_expr(s, x, d, cgo);
            s.push(')');
        }
        ExprKind::Selector { x, sel } if cgo && matches!(&x.kind, ExprKind::Ident(c) if c == "C") => {
            if super::cgo::is_c_type_name(&sel.name) {
                let _ = write!(s, "_Ctype_{}", sel.name);
            } else {
                let _ = write!(s, "(_Cfunc_{})", sel.name);
            }
        }
        ExprKind::Selector { x, sel } => {
            write_expr(s, x, d, cgo);
            s.push('.');
            s.push_str(&sel.name);
        }
        ExprKind::Index { x, index } => {
            write_expr(s, x, d, cgo);
            s.push('[');
            write_expr(s, index, d, cgo);
            s.push(']');
        }
        ExprKind::Slice { x, lo, hi, max, three } => {
            write_expr(s, x, d, cgo);
            s.push('[');
            if let Some(lo) = lo {
                write_expr(s, lo, d, cgo);
            }
            s.push(':');
            if let Some(hi) = hi {
                write_expr(s, hi, d, cgo);
            }
            if *three {
                s.push(':');
                if let Some(m) = max {
                    write_expr(s, m, d, cgo);
                }
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, ty } => {
            write_expr(s, x, d, cgo);
            s.push_str(".(");
            match ty {
                Some(t) => write_expr(s, t, d, cgo),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        ExprKind::Call { func, args, ellipsis } => {
            write_expr(s, func, d, cgo);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a, d, cgo);
            }
            if *ellipsis {
                s.push_str("...");
            }
            s.push(')');
        }
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(s, x, d, cgo);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(op.as_str());
            write_expr(s, x, d, cgo);
        }
        ExprKind::Binary { op, x, y } => {
            write_expr(s, x, d, cgo);
            let _ = write!(s, " {} ", op.as_str());
            write_expr(s, y, d, cgo);
        }
        ExprKind::ArrayType { len, elem } => {
            s.push('[');
            match len {
                Some(l) => write_expr(s, l, d, cgo),
                None => s.push_str("..."),
            }
            s.push(']');
            write_expr(s, elem, d, cgo);
        }
        ExprKind::SliceType(elem) => {
            s.push_str("[]");
            write_expr(s, elem, d, cgo);
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
                write_expr(s, &f.ty, d, cgo);
            }
            s.push('}');
        }
        ExprKind::FuncType(ft) => {
            s.push_str("func");
            write_sig(s, ft, d, cgo);
        }
        ExprKind::MapType { key, value } => {
            s.push_str("map[");
            write_expr(s, key, d, cgo);
            s.push(']');
            write_expr(s, value, d, cgo);
        }
        ExprKind::ChanType { dir, elem } => {
            s.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write_expr(s, elem, d, cgo);
        }
        ExprKind::InterfaceType { elems } => s.push_str(if *elems == 0 { "interface{}" } else { "interface{…}" }),
        ExprKind::Bad => s.push_str("BadExpr"),
    }
}

fn write_sig(s: &mut String, ft: &FuncType, d: u32, cgo: bool) {
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
        write_expr(s, &p.ty, d, cgo);
    }
    s.push(')');
    match ft.results.len() {
        0 => {}
        1 if ft.results[0].name.is_none() => {
            s.push(' ');
            write_expr(s, &ft.results[0].ty, d, cgo);
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
                write_expr(s, &r.ty, d, cgo);
            }
            s.push(')');
        }
    }
}
