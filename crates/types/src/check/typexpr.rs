//! Type expressions: `[]T`, `*T`, `struct{...}`, `func(...)`, named types and type
//! declarations (with the check that a type does not contain itself by value).

use std::collections::HashSet;

use syntax::ast::{self, Expr, ExprKind};
use syntax::Span;

use super::{Checker, OMode, Operand};
use crate::info::ObjKind;
use crate::types::{ChanDir, Field, Signature, TypeId, TypeKind};

/// The largest value size the compiler accepts: 2^50 bytes, beyond any address space
/// an x86-64 process can map (48 bits of user space).
const MAX_TYPE_SIZE: u64 = 1 << 50;

fn span_of_fields(decls: &[ast::FieldDecl]) -> Span {
    decls.iter().map(|d| d.span).reduce(Span::to).unwrap_or_default()
}

impl<'a> Checker<'a> {
    /// The type an expression denotes; `INVALID` (after a diagnostic) if it is not one.
    pub(crate) fn typ(&mut self, e: &'a Expr) -> TypeId {
        if !self.enter(e.span) {
            return TypeId::INVALID;
        }
        let t = self.typ_inner(e);
        self.leave();
        if t != TypeId::INVALID {
            self.record(&Operand::new(OMode::TypeExpr, t, e));
        }
        t
    }

    fn typ_inner(&mut self, e: &'a Expr) -> TypeId {
        match &e.kind {
            ExprKind::Ident(_) | ExprKind::Selector { .. } => {
                let x = self.expr_or_type(e);
                match x.mode {
                    OMode::TypeExpr => x.ty,
                    OMode::Invalid => TypeId::INVALID,
                    _ => {
                        let msg = format!("{} is not a type", self.expr_str(e));
                        self.error(e.span, msg);
                        TypeId::INVALID
                    }
                }
            }
            ExprKind::Paren(x) => self.typ(x),
            ExprKind::Star(x) => {
                let base = self.typ(x);
                if base == TypeId::INVALID {
                    return TypeId::INVALID;
                }
                self.info.types.pointer(base)
            }
            ExprKind::ArrayType { len: None, elem } => {
                self.typ(elem);
                self.error(e.span, "invalid use of [...] array (outside a composite literal)");
                TypeId::INVALID
            }
            ExprKind::ArrayType { len: Some(len), elem } => {
                let n = self.array_length(len);
                let elem = self.typ(elem);
                match n {
                    Some(n) if elem != TypeId::INVALID => {
                        let t = self.info.types.intern(TypeKind::Array { len: n, elem });
                        self.check_size(e.span, t)
                    }
                    _ => TypeId::INVALID,
                }
            }
            ExprKind::SliceType(elem) => {
                let elem = self.typ(elem);
                if elem == TypeId::INVALID {
                    return TypeId::INVALID;
                }
                self.info.types.slice(elem)
            }
            ExprKind::StructType(fields) => self.struct_type(fields),
            ExprKind::FuncType(ft) => self.signature(ft),
            ExprKind::MapType { key, value } => {
                self.unsupported(e.span, "maps");
                let _ = (key, value);
                TypeId::INVALID
            }
            ExprKind::ChanType { dir, elem } => {
                let elem = self.typ(elem);
                if elem == TypeId::INVALID {
                    return TypeId::INVALID;
                }
                // gc's limit (its channels hold the element size in 16 bits).
                if self.info.types.size_of(elem) >= 1 << 16 {
                    self.error(e.span, "channel element type too large (>64kB)");
                    return TypeId::INVALID;
                }
                let dir = match dir {
                    ast::ChanDir::Both => ChanDir::Both,
                    ast::ChanDir::Send => ChanDir::Send,
                    ast::ChanDir::Recv => ChanDir::Recv,
                };
                self.info.types.intern(TypeKind::Chan { dir, elem })
            }
            ExprKind::InterfaceType { elems: 0 } => TypeId::EMPTY_INTERFACE,
            ExprKind::InterfaceType { .. } => {
                self.unsupported(e.span, "interfaces with methods");
                TypeId::INVALID
            }
            ExprKind::Index { .. } => {
                self.unsupported(e.span, "generics");
                TypeId::INVALID
            }
            ExprKind::Bad => TypeId::INVALID,
            _ => {
                // Evaluate for its errors, then complain that it is no type.
                let x = self.raw_expr(e);
                if !x.is_invalid() {
                    let msg = format!("{} is not a type", self.expr_str(e));
                    self.error(e.span, msg);
                }
                TypeId::INVALID
            }
        }
    }

    /// The constant length of an array type.
    fn array_length(&mut self, e: &'a Expr) -> Option<u64> {
        let mut x = self.raw_expr(e);
        if x.is_invalid() {
            return None;
        }
        if x.mode != OMode::Constant {
            let msg = format!("array length {} must be constant", self.describe(&x));
            self.error(e.span, msg);
            return None;
        }
        if self.info.types.is_untyped(x.ty) {
            if !self.convert_untyped(&mut x, TypeId::INT) {
                return None;
            }
        } else if !self.info.types.is_integer(x.ty) {
            let msg = format!("array length {} must be integer", self.describe(&x));
            self.error(e.span, msg);
            return None;
        }
        match x.val.as_ref().and_then(|v| v.as_int_exact()) {
            Some(n) if n >= 0 && n <= i64::MAX as i128 => Some(n as u64),
            _ => {
                let msg = format!("invalid array length {}", self.expr_str(e));
                self.error(e.span, msg);
                None
            }
        }
    }

    fn struct_type(&mut self, decls: &'a [ast::FieldDecl]) -> TypeId {
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = HashSet::new();
        let mut ok = true;
        for f in decls {
            let ty = self.typ(&f.ty);
            let Some(name) = &f.name else {
                self.unsupported(f.span, "embedded fields");
                ok = false;
                continue;
            };
            if name.name != "_" && !seen.insert(name.name.clone()) {
                self.error(name.span, format!("{} redeclared", name.name));
                continue;
            }
            if ty == TypeId::INVALID {
                ok = false;
            }
            fields.push(Field { name: name.name.clone(), ty });
        }
        if !ok {
            return TypeId::INVALID;
        }
        let t = self.info.types.intern(TypeKind::Struct { fields });
        self.check_size(span_of_fields(decls), t)
    }

    /// Rejects a type whose values could not fit in memory, as gc does (go/types
    /// accepts them; gc reports `type T larger than address space`).
    fn check_size(&mut self, span: Span, t: TypeId) -> TypeId {
        match self.info.types.layout(t) {
            Some((size, _)) if size <= MAX_TYPE_SIZE => t,
            _ => {
                let name = self.info.types.type_string(t);
                self.error(span, format!("type {name} larger than address space"));
                TypeId::INVALID
            }
        }
    }

    /// The function type of a signature; variadic `...T` becomes `[]T`.
    pub(crate) fn signature(&mut self, ft: &'a ast::FuncType) -> TypeId {
        let mut params = Vec::new();
        let mut variadic = false;
        let n = ft.params.len();
        let mut ok = true;
        for (i, p) in ft.params.iter().enumerate() {
            let mut t = self.typ(&p.ty);
            if p.variadic {
                if i + 1 != n {
                    self.error(p.span, "can only use ... with final parameter in list");
                    ok = false;
                } else {
                    variadic = true;
                }
                if t != TypeId::INVALID {
                    t = self.info.types.slice(t);
                }
            }
            ok &= t != TypeId::INVALID;
            params.push(t);
        }
        let mut results = Vec::new();
        for r in &ft.results {
            if r.variadic {
                self.error(r.span, "can only use ... with final parameter in list");
            }
            let t = self.typ(&r.ty);
            ok &= t != TypeId::INVALID;
            results.push(t);
        }
        let _ = ok;
        self.info.types.intern(TypeKind::Func(Signature { params, results, variadic }))
    }

    /// Checks `type Name U` / `type Name = U` for the object `obj` (already created).
    pub(crate) fn type_spec(&mut self, spec: &'a ast::TypeSpec, obj: crate::info::ObjId) {
        if spec.alias {
            let t = self.typ(&spec.ty);
            self.info.objects[obj.0 as usize].ty = t;
            return;
        }
        let named = self.info.types.new_named(spec.name.name.clone());
        self.info.objects[obj.0 as usize].ty = named;
        let rhs = self.typ(&spec.ty);
        if rhs == TypeId::INVALID {
            // An erroneous or unsupported type (reported already): the name denotes
            // an invalid type, so its uses raise no follow-on errors.
            self.info.types.set_underlying(named, TypeId::INVALID);
            self.info.objects[obj.0 as usize].ty = TypeId::INVALID;
            return;
        }
        if let TypeKind::Named { underlying: None, .. } = self.info.types.kind(rhs) {
            // `type A B; type B A`: B's underlying type is what is being computed.
            let msg = format!("invalid recursive type {}", spec.name.name);
            self.error(spec.name.span, msg);
            self.info.types.set_underlying(named, TypeId::INVALID);
            return;
        }
        self.info.types.set_underlying(named, rhs);
        let under = self.info.types.underlying(named);
        let mut visited = HashSet::new();
        if self.contains_by_value(under, named, &mut visited) {
            let msg = format!("invalid recursive type {}\n\t{} refers to {}", spec.name.name, spec.name.name, spec.name.name);
            self.error(spec.name.span, msg);
            self.info.types.set_underlying(named, TypeId::INVALID);
        }
    }

    /// Whether a value of type `t` contains a value of named type `target` (arrays and
    /// struct fields, not through pointers, slices or functions).
    fn contains_by_value(&self, t: TypeId, target: TypeId, visited: &mut HashSet<TypeId>) -> bool {
        if t == target {
            return true;
        }
        if !visited.insert(t) {
            return false;
        }
        match self.info.types.kind(t) {
            TypeKind::Named { underlying: Some(u), .. } => self.contains_by_value(*u, target, visited),
            TypeKind::Array { elem, .. } => self.contains_by_value(*elem, target, visited),
            TypeKind::Struct { fields } => fields.iter().any(|f| self.contains_by_value(f.ty, target, visited)),
            _ => false,
        }
    }

    /// Declares a type inside a function.
    pub(crate) fn local_type_decl(&mut self, spec: &'a ast::TypeSpec) {
        let obj = self.new_object(&spec.name.name, ObjKind::TypeName, crate::types::TypeId::INVALID, spec.name.span);
        if spec.name.name != "_" {
            self.info.defs.insert(spec.name.id, obj);
        }
        // The scope of a type name starts at its identifier (recursive types).
        self.declare_local(&spec.name.name, spec.name.span, obj);
        self.type_spec(spec, obj);
    }
}
