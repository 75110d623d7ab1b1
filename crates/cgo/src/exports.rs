//! `//export NAME` functions: their C prototypes, derived from the Go signature
//! syntactically as cmd/cgo does, and `_cgo_export.h`.

use std::fmt::Write as _;

use syntax::ast::{self, Decl, Expr, ExprKind, FuncDecl};
use syntax::{Diagnostic, SourceFile};

use crate::names;

/// An exported Go function as C sees it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Export {
    pub name: String,
    /// The C spelling of each parameter's type.
    pub params: Vec<String>,
    /// The C spelling of the result type; `None` for `void`.
    pub result: Option<String>,
}

impl Export {
    /// `R NAME(P0 p0, P1 *p1)`, the parameters named by position as cmd/cgo does for
    /// unnamed ones.
    pub fn prototype(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .enumerate()
            .map(|(i, t)| if t.ends_with('*') { format!("{t}p{i}") } else { format!("{t} p{i}") })
            .collect();
        let params = if params.is_empty() { "void".to_string() } else { params.join(", ") };
        format!("{} {}({params})", self.result.as_deref().unwrap_or("void"), self.name)
    }
}

/// The `//export` functions of the file, in source order.
pub(crate) fn collect(file: &SourceFile, ast: &ast::File) -> Result<Vec<Export>, Vec<Diagnostic>> {
    let unsafe_name =
        ast.imports.iter().find(|i| i.path == "unsafe").map(|i| i.name.as_ref().map_or("unsafe", |n| n.name.as_str()));
    let mut exports = Vec::new();
    let mut errors = Vec::new();
    for decl in &ast.decls {
        let Decl::Func(func) = decl else { continue };
        // cmd/cgo takes a function's first `//export` line only.
        let Some((pragma, &span)) =
            func.pragmas.iter().zip(&func.pragma_spans).find_map(|(p, s)| Some((p.strip_prefix("export ")?, s)))
        else {
            continue;
        };
        if pragma.is_empty() {
            errors.push(Diagnostic::new(span, "export missing name"));
        } else if pragma != func.name.name {
            let message = format!("export comment has wrong name {pragma:?}, want {:?}", func.name.name);
            errors.push(Diagnostic::new(span, message));
        } else {
            match export(file, func, unsafe_name) {
                Ok(export) => exports.push(export),
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() {
        Ok(exports)
    } else {
        Err(errors)
    }
}

fn export(file: &SourceFile, func: &FuncDecl, unsafe_name: Option<&str>) -> Result<Export, Diagnostic> {
    let unsupported =
        |span: syntax::Span, what: String| Diagnostic::new(span, format!("not supported yet: //export of {what}"));
    if func.recv.is_some() {
        return Err(unsupported(func.name.span, "a method".into()));
    }
    let source = |x: &Expr| &file.text[x.span.lo as usize..x.span.hi as usize];
    let mut params = Vec::new();
    for param in &func.sig.params {
        if param.variadic {
            return Err(unsupported(param.span, "a variadic function".into()));
        }
        let c = c_type(&param.ty, unsafe_name);
        params.push(c.ok_or_else(|| {
            unsupported(param.ty.span, format!("a function with a parameter of type {}", source(&param.ty)))
        })?);
    }
    let result = match &func.sig.results[..] {
        [] => None,
        [r] => Some(
            c_type(&r.ty, unsafe_name)
                .ok_or_else(|| unsupported(r.ty.span, format!("a function with a result of type {}", source(&r.ty))))?,
        ),
        [_, second, ..] => return Err(unsupported(second.span, "a function with more than one result".into())),
    };
    Ok(Export { name: func.name.name.clone(), params, result })
}

/// The C spelling of a Go type in an exported signature (cmd/cgo's `cgoType`):
/// `C.uint` is `unsigned int`, `*T` is `T *`, `int` is `GoInt`; `None` if the
/// type cannot be exported (yet).
fn c_type(ty: &Expr, unsafe_name: Option<&str>) -> Option<String> {
    match &ty.kind {
        ExprKind::Paren(inner) => c_type(inner, unsafe_name),
        ExprKind::Star(inner) => Some(names::pointer_to(&c_type(inner, unsafe_name)?)),
        ExprKind::Selector { x, sel } => match &x.kind {
            ExprKind::Ident(package) if package == "C" => names::spelling(&sel.name).map(str::to_string),
            ExprKind::Ident(package) if Some(package.as_str()) == unsafe_name && sel.name == "Pointer" => {
                Some("void *".to_string())
            }
            _ => None,
        },
        ExprKind::Ident(name) => {
            let go = match name.as_str() {
                "int" => "GoInt",
                "int8" => "GoInt8",
                "int16" => "GoInt16",
                "int32" | "rune" => "GoInt32",
                "int64" => "GoInt64",
                "uint" => "GoUint",
                "uint8" | "byte" | "bool" => "GoUint8",
                "uint16" => "GoUint16",
                "uint32" => "GoUint32",
                "uint64" => "GoUint64",
                "uintptr" => "GoUintptr",
                "float64" => "GoFloat64",
                _ => return None,
            };
            Some(go.to_string())
        }
        _ => None,
    }
}

/// `_cgo_export.h`: Go's scalar types for C, then one prototype per export. The
/// guard lets the preamble `#include` it although the generated C starts with it.
pub(crate) fn header(exports: &[Export]) -> String {
    let mut h = String::from(
        "/* Code generated by morestack; DO NOT EDIT. */\n\
         \n\
         #ifndef MORESTACK_CGO_EXPORT_H\n\
         #define MORESTACK_CGO_EXPORT_H\n\
         \n\
         #include <stddef.h>\n\
         \n\
         typedef signed char GoInt8;\n\
         typedef unsigned char GoUint8;\n\
         typedef short GoInt16;\n\
         typedef unsigned short GoUint16;\n\
         typedef int GoInt32;\n\
         typedef unsigned int GoUint32;\n\
         typedef long long GoInt64;\n\
         typedef unsigned long long GoUint64;\n\
         typedef GoInt64 GoInt;\n\
         typedef GoUint64 GoUint;\n\
         typedef size_t GoUintptr;\n\
         typedef double GoFloat64;\n\
         \n",
    );
    for export in exports {
        let _ = writeln!(h, "extern {};", export.prototype());
    }
    h.push_str("\n#endif\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exports(src: &str) -> Result<Vec<Export>, Vec<String>> {
        let file = SourceFile::new("a.go", src);
        let (ast, diags) = syntax::parse_file(&file);
        assert!(diags.is_empty(), "{diags:?}");
        collect(&file, &ast).map_err(|errors| {
            errors
                .iter()
                .map(|d| {
                    let (line, col) = file.line_col(d.span.lo);
                    format!("{line}:{col}: {}", d.message)
                })
                .collect()
        })
    }

    #[test]
    fn prototypes_follow_cgo() {
        let src = r#"package main

import "C"
import u "unsafe"

//export goIncrease
func goIncrease(a C.int) C.int { return a }

// A comment line.
//export all
func all(a C.uint, b *C.char, c u.Pointer, d int, e uint8, f uintptr, g float64, h bool, i **C.int, j C.size_t, k C.ulonglong, l C.schar) {}

func notExported() {}
"#;
        let got = exports(src).unwrap();
        let protos: Vec<String> = got.iter().map(Export::prototype).collect();
        assert_eq!(
            protos,
            [
                "int goIncrease(int p0)",
                "void all(unsigned int p0, char *p1, void *p2, GoInt p3, GoUint8 p4, GoUintptr p5, GoFloat64 p6, GoUint8 p7, int **p8, size_t p9, unsigned long long p10, signed char p11)",
            ]
        );
        let header = header(&got);
        assert!(header.contains("typedef GoInt64 GoInt;\n"), "{header}");
        assert!(header.contains("typedef size_t GoUintptr;\n"), "{header}");
        assert!(header.contains("\nextern int goIncrease(int p0);\nextern void all(unsigned int p0, "), "{header}");
    }

    #[test]
    fn wrong_names_and_unsupported_signatures() {
        let src = r#"package main

import "C"

//export g
func g2() {}

//export s
func s(x string) {}

//export two
func two() (C.int, C.int) { return 1, 2 }

//export v
func v(xs ...C.int) {}
"#;
        assert_eq!(
            exports(src).unwrap_err(),
            [
                "5:1: export comment has wrong name \"g\", want \"g2\"",
                "9:10: not supported yet: //export of a function with a parameter of type string",
                "12:20: not supported yet: //export of a function with more than one result",
                "15:8: not supported yet: //export of a variadic function",
            ]
        );
    }
}
