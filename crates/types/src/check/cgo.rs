//! The pseudo-package `C` (docs/cgo.md): what `C.name` denotes in a file that imports
//! "C", calls of C functions, and the functions the file exports to C.
//!
//! The Go side of every C declaration is the one cmd/cgo gives it on x86-64 Linux:
//! `C.int` is the named type `_Ctype_int` with underlying type `int32`, typedefs such
//! as `size_t` are aliases of those (`_Ctype_size_t = _Ctype_ulong`), `void *` is
//! `unsafe.Pointer`, and a C function has the Go signature made of these. Diagnostics
//! spell `C.name` as cgo rewrites it (`_Ctype_int`, `(_Cfunc_puts)`; exprstring.rs),
//! because that is what Go's type checker reports.

use syntax::ast::{self, Expr, ExprKind};
use syntax::Span;

use super::{Checker, OMode, Operand};
use crate::cgo::CType;
use crate::constant::quote;
use crate::info::{CgoFunc, Export, ObjId, ObjKind};
use crate::types::{Signature, TypeId, TypeKind};

/// C's arithmetic types by cgo's name after `C.`, with the underlying Go type of
/// their named type `_Ctype_NAME`.
const C_TYPES: &[(&str, TypeId)] = &[
    ("char", TypeId::INT8),
    ("schar", TypeId::INT8),
    ("uchar", TypeId::UINT8),
    ("short", TypeId::INT16),
    ("ushort", TypeId::UINT16),
    ("int", TypeId::INT32),
    ("uint", TypeId::UINT32),
    ("long", TypeId::INT64),
    ("ulong", TypeId::UINT64),
    ("longlong", TypeId::INT64),
    ("ulonglong", TypeId::UINT64),
    ("float", TypeId::FLOAT32),
    ("double", TypeId::FLOAT64),
];

/// Typedefs cgo declares as aliases of the types above (on x86-64 Linux).
const C_ALIASES: &[(&str, &str)] = &[
    ("size_t", "ulong"),
    ("ssize_t", "long"),
    ("uintptr_t", "ulong"),
    ("int8_t", "schar"),
    ("int16_t", "short"),
    ("int32_t", "int"),
    ("int64_t", "long"),
    ("uint8_t", "uchar"),
    ("uint16_t", "ushort"),
    ("uint32_t", "uint"),
    ("uint64_t", "ulong"),
];

/// Prefixes of C's tagged types, `C.struct_stat` (not supported yet).
const C_TAGGED: &[&str] = &["struct_", "union_", "enum_"];

/// Whether cgo takes `C.name` for a type (and spells it `_Ctype_name`).
pub(crate) fn is_c_type_name(name: &str) -> bool {
    C_TYPES.iter().any(|&(n, _)| n == name) || C_ALIASES.iter().any(|&(n, _)| n == name) || C_TAGGED.iter().any(|p| name.starts_with(p))
}

/// What `C.name` denotes.
enum CMember {
    Type(TypeId),
    Func(ObjId),
    /// Something cgo supports and this compiler does not (yet): what.
    Unsupported(String),
    /// Nothing the preamble declares (Go's `could not determine kind of name`).
    Unknown,
}

impl<'a> Checker<'a> {
    /// `C.name` (the package name already recorded).
    pub(crate) fn cgo_member(&mut self, e: &'a Expr, sel: &'a ast::Ident) -> Operand<'a> {
        match self.c_member(&sel.name) {
            CMember::Type(t) => Operand::new(OMode::TypeExpr, t, e),
            CMember::Func(obj) => {
                self.info.uses.insert(e.id, obj);
                Operand::new(OMode::Cgo(obj), self.info.objects[obj.0 as usize].ty, e)
            }
            CMember::Unsupported(what) => {
                self.unsupported(e.span, &what);
                Operand::invalid(e)
            }
            CMember::Unknown => {
                self.error(e.span, format!("could not determine kind of name for C.{}", sel.name));
                Operand::invalid(e)
            }
        }
    }

    fn c_member(&mut self, name: &str) -> CMember {
        if let Some(t) = self.c_type(name) {
            return CMember::Type(t);
        }
        if let Some(prefix) = C_TAGGED.iter().find(|p| name.starts_with(*p)) {
            return CMember::Unsupported(format!("C {} types (C.{name})", prefix.trim_end_matches('_')));
        }
        if let Some(&obj) = self.c_funcs.get(name) {
            return CMember::Func(obj);
        }
        let char_ptr = |c: &mut Self| {
            let char = c.c_type("char").unwrap_or(TypeId::INVALID);
            c.info.types.pointer(char)
        };
        let (kind, params, results) = match name {
            "CString" => (CgoFunc::CString, vec![TypeId::STRING], vec![char_ptr(self)]),
            "GoString" => (CgoFunc::GoString, vec![char_ptr(self)], vec![TypeId::STRING]),
            "GoStringN" => {
                let int = self.c_type("int").unwrap_or(TypeId::INVALID);
                (CgoFunc::GoStringN, vec![char_ptr(self), int], vec![TypeId::STRING])
            }
            "GoBytes" | "CBytes" => return CMember::Unsupported(format!("C.{name}")),
            _ => {
                let Some(f) = self.cgo.and_then(|decls| decls.func(name)) else { return CMember::Unknown };
                if f.variadic {
                    return CMember::Unsupported(format!("calling variadic C function {name}"));
                }
                let mut params = Vec::new();
                for p in &f.params {
                    match self.c_go_type(p) {
                        Ok(t) => params.push(t),
                        Err(c) => return CMember::Unsupported(format!("C type {c} (in C.{name})")),
                    }
                }
                let results = match &f.result {
                    CType::Void => vec![],
                    r => match self.c_go_type(r) {
                        Ok(t) => vec![t],
                        Err(c) => return CMember::Unsupported(format!("C type {c} (in C.{name})")),
                    },
                };
                (CgoFunc::C { wrapper: f.wrapper.clone() }, params, results)
            }
        };
        let ty = self.info.types.intern(TypeKind::Func(Signature { params, results, variadic: false }));
        let obj = self.new_object(name, ObjKind::Cgo(kind), ty, Span::default());
        self.c_funcs.insert(name.to_string(), obj);
        CMember::Func(obj)
    }

    /// The named type of C type `C.name` (an alias: the type it names), created on
    /// first use.
    fn c_type(&mut self, name: &str) -> Option<TypeId> {
        let base = C_ALIASES.iter().find(|&&(alias, _)| alias == name).map_or(name, |&(_, base)| base);
        let &(base, underlying) = C_TYPES.iter().find(|&&(n, _)| n == base)?;
        if let Some(&t) = self.c_types.get(base) {
            return Some(t);
        }
        let t = self.info.types.new_named(format!("_Ctype_{base}"));
        self.info.types.set_underlying(t, underlying);
        self.c_types.insert(base, t);
        Some(t)
    }

    /// The Go type of a C parameter or result type; `Err`: the C spelling of what
    /// has none here.
    fn c_go_type(&mut self, t: &CType) -> Result<TypeId, String> {
        match t {
            CType::Int(name) if !matches!(*name, "float" | "double") => self.c_type(name).ok_or_else(|| name.to_string()),
            CType::Float => Ok(self.c_type("float").unwrap_or(TypeId::INVALID)),
            CType::Double => Ok(self.c_type("double").unwrap_or(TypeId::INVALID)),
            CType::Pointer(to) if **to == CType::Void => Ok(TypeId::UNSAFE_POINTER),
            CType::Pointer(to) => {
                let to = self.c_go_type(to).map_err(|c| format!("{c} *"))?;
                Ok(self.info.types.pointer(to))
            }
            CType::Int(name) => Err(name.to_string()),
            CType::Void => Err("void".to_string()),
            CType::Unsupported(c) => Err(c.clone()),
        }
    }

    /// Whether `t` is one of the C types (`_Ctype_int`, ...).
    fn is_c_type(&self, t: TypeId) -> bool {
        self.c_types.values().any(|&c| c == t)
    }

    /// `r, err := C.f()` (cgo's errno form): Go accepts it, the compiler does not yet.
    pub(crate) fn is_c_call(&self, e: &Expr) -> bool {
        let ExprKind::Call { func, .. } = &super::expr::unparen(e).kind else { return false };
        let callee = super::expr::unparen(func);
        self.info.use_of(callee.id).is_some_and(|o| matches!(self.info.object(o).kind, ObjKind::Cgo(CgoFunc::C { .. })))
    }

    /// Checks the `//export NAME` pragmas of a file that imports "C" and records the
    /// exports in `Info::exports`.
    pub(crate) fn exports(&mut self) {
        let ast = self.ast;
        for fd in ast.decls.iter().filter_map(|d| match d {
            ast::Decl::Func(fd) => Some(fd),
            _ => None,
        }) {
            for (pragma, &span) in fd.pragmas.iter().zip(&fd.pragma_spans) {
                let Some(name) = pragma.strip_prefix("export ") else { continue };
                // cmd/cgo's checks, in its words.
                if name.is_empty() {
                    self.error(span, "export missing name");
                }
                if name != fd.name.name {
                    let msg = format!("export comment has wrong name {}, want {}", quote(name.as_bytes()), quote(fd.name.name.as_bytes()));
                    self.error(span, msg);
                    continue;
                }
                if let Some(func) = self.exportable(fd, span) {
                    if !self.info.exports.iter().any(|x| x.name == name) {
                        self.info.exports.push(Export { name: name.to_string(), func });
                    }
                }
            }
        }
    }

    /// The object of a function `//export` may export (else reports why not, in
    /// crates/cgo's words): a top-level function whose parameters and result (at
    /// most one) are scalars the generated C stub can pass in one 8-byte slot each.
    fn exportable(&mut self, fd: &'a ast::FuncDecl, span: Span) -> Option<ObjId> {
        if fd.recv.is_some() || fd.type_params.is_some() || fd.body.is_none() {
            // Reported already (methods, generics, functions without a body).
            return None;
        }
        let obj = self.info.def_of(fd.name.id).filter(|o| self.pkg_scope.get(&fd.name.name) == Some(o));
        let Some(obj) = obj else {
            self.unsupported(span, &format!("//export of {}", fd.name.name));
            return None;
        };
        let TypeKind::Func(sig) = self.info.types.kind(self.info.objects[obj.0 as usize].ty).clone() else { return None };
        let mut ok = true;
        let params = fd.sig.params.iter().zip(&sig.params).map(|p| (p, "parameter"));
        let results = fd.sig.results.iter().zip(&sig.results).map(|r| (r, "result"));
        for ((p, &t), what) in params.chain(results) {
            if p.variadic {
                self.unsupported(p.span, "//export of a variadic function");
                ok = false;
            } else if t != TypeId::INVALID && !self.exportable_type(t) {
                let spelled = self.file.text.get(p.ty.span.lo as usize..p.ty.span.hi as usize).unwrap_or_default();
                self.unsupported(p.ty.span, &format!("//export of a function with a {what} of type {spelled}"));
                ok = false;
            }
        }
        if let Some(second) = fd.sig.results.get(1) {
            self.unsupported(second.span, "//export of a function with more than one result");
            ok = false;
        }
        ok.then_some(obj)
    }

    /// A type an exported function may take or return: C's arithmetic types, Go's
    /// integers, `float64` and `bool`, `unsafe.Pointer`, and pointers to these.
    fn exportable_type(&self, t: TypeId) -> bool {
        const SCALARS: &[TypeId] = &[
            TypeId::BOOL,
            TypeId::INT,
            TypeId::INT8,
            TypeId::INT16,
            TypeId::INT32,
            TypeId::INT64,
            TypeId::UINT,
            TypeId::UINT8,
            TypeId::UINT16,
            TypeId::UINT32,
            TypeId::UINT64,
            TypeId::UINTPTR,
            TypeId::FLOAT64,
            TypeId::UNSAFE_POINTER,
        ];
        match *self.info.types.kind(t) {
            TypeKind::Pointer(to) => self.exportable_type(to),
            _ => SCALARS.contains(&t) || self.is_c_type(t),
        }
    }
}
