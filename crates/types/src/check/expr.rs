//! Expressions: identifiers, literals, operators (with constant folding and Go's
//! untyped-constant rules), selectors, indexing, slicing, composite and function
//! literals. Calls, conversions and builtins are in call.rs.

use std::collections::HashSet;

use syntax::ast::{self, BinOp, Expr, ExprKind, UnOp};

use super::{Checker, OMode, Operand};
use crate::constant::{int_bits, CmpOp, ConstError, ConstOp, ReprError, Value, MAX_SHIFT};
use crate::info::{CgoFunc, FieldSel, MethodSel, ObjKind};
use crate::packages::{PkgMethod, PkgTypeDef};
use crate::types::{Basic, ChanDir, Field, Signature, TypeId, TypeKind};

impl<'a> Checker<'a> {
    /// Checks an expression and records it; the result may be anything (a type, a
    /// tuple, no value...). Callers check what they accept.
    pub(crate) fn raw_expr(&mut self, e: &'a Expr) -> Operand<'a> {
        if !self.enter(e.span) {
            return Operand::invalid(e);
        }
        let x = self.expr_kind(e);
        self.leave();
        self.record(&x);
        x
    }

    /// An expression or a type (the callee of a call, the operand of `*`).
    pub(crate) fn expr_or_type(&mut self, e: &'a Expr) -> Operand<'a> {
        self.raw_expr(e)
    }

    /// A single value (or constant).
    pub(crate) fn expr(&mut self, e: &'a Expr) -> Operand<'a> {
        let x = self.raw_expr(e);
        self.single_value(x)
    }

    /// Reports operands that are not a single value.
    pub(crate) fn single_value(&mut self, x: Operand<'a>) -> Operand<'a> {
        let e = x.expr;
        let msg = match x.mode {
            OMode::Invalid => return x,
            OMode::NoValue if x.unmodelled => {
                let name = match &call_callee(e).map(|f| &f.kind) {
                    Some(ExprKind::Selector { x: p, sel }) => format!("{}.{}", self.expr_str(p), sel.name),
                    _ => self.expr_str(e),
                };
                format!("not supported yet: using the results of {name}")
            }
            OMode::NoValue => format!("{} (no value) used as value", self.expr_str(e)),
            OMode::TypeExpr => format!("{} (type) is not an expression", self.expr_str(e)),
            OMode::Builtin(_) => format!("{} (built-in) must be called", self.expr_str(e)),
            OMode::Unsupported(what) => format!("not supported yet: {what}"),
            OMode::Package => format!("use of package {} without selector", self.expr_str(e)),
            OMode::PkgFunc(_) => "not supported yet: package functions as values".to_string(),
            OMode::Cgo(obj) => match &self.info.objects[obj.0 as usize].kind {
                // cmd/cgo's words.
                ObjKind::Cgo(CgoFunc::CString | CgoFunc::GoString | CgoFunc::GoStringN) => {
                    format!("use of builtin '{}' not in function call", self.info.objects[obj.0 as usize].name)
                }
                _ => "not supported yet: C functions as values".to_string(),
            },
            _ => {
                if let TypeKind::Tuple(ts) = self.info.types.kind(x.ty) {
                    let n = ts.len();
                    format!("multiple-value {} (value of type {}) in single-value context", self.expr_str(e), self.type_str(x.ty)).replace("%n", &n.to_string())
                } else {
                    return x;
                }
            }
        };
        self.error(e.span, msg);
        Operand::invalid(e)
    }

    /// The values of an expression that may produce several (a call): one operand
    /// per result. Anything else yields one single-value operand.
    pub(crate) fn multi_expr(&mut self, e: &'a Expr) -> Vec<Operand<'a>> {
        let x = self.raw_expr(e);
        if x.mode == OMode::Value {
            if let TypeKind::Tuple(ts) = self.info.types.kind(x.ty) {
                return ts.clone().into_iter().map(|t| Operand::new(OMode::Value, t, e)).collect();
            }
        }
        if x.mode == OMode::NoValue && !x.unmodelled {
            // A call without results is no values at all; callers count.
            let x = self.single_value(x);
            return vec![x];
        }
        vec![self.single_value(x)]
    }

    fn expr_kind(&mut self, e: &'a Expr) -> Operand<'a> {
        match &e.kind {
            ExprKind::Ident(name) => self.ident(e, name, true),
            ExprKind::IntLit(text) => match Value::from_int_literal(text) {
                Some(v) => Operand::constant(TypeId::UNTYPED_INT, v, e),
                None => {
                    self.error(e.span, "constant overflow");
                    Operand::invalid(e)
                }
            },
            ExprKind::FloatLit(text) => match Value::from_float_literal(text) {
                Some(v) => Operand::constant(TypeId::UNTYPED_FLOAT, v, e),
                _ => {
                    let msg = format!("malformed constant: {text}");
                    self.error(e.span, msg);
                    Operand::invalid(e)
                }
            },
            ExprKind::ImagLit(_) => {
                self.unsupported(e.span, "complex numbers");
                Operand::invalid(e)
            }
            ExprKind::CharLit(c) => Operand::constant(TypeId::UNTYPED_RUNE, Value::int(*c as i128), e),
            ExprKind::StringLit(s) => Operand::constant(TypeId::UNTYPED_STRING, Value::String(s.clone()), e),
            ExprKind::CompositeLit { ty, elems } => self.composite_lit(e, ty.as_deref(), elems, None),
            ExprKind::FuncLit { sig, body } => {
                let ty = self.signature(sig);
                let s = match self.info.types.kind(ty) {
                    TypeKind::Func(s) => s.clone(),
                    _ => return Operand::invalid(e),
                };
                let saved_iota = self.iota.take();
                let saved_depth = self.depth;
                let captures = self.func_literal_body(sig, &s, body, Some(e.id));
                self.depth = saved_depth;
                self.iota = saved_iota;
                self.info.captures.insert(e.id, captures);
                Operand::new(OMode::Value, ty, e)
            }
            ExprKind::Paren(x) => {
                let mut x = self.raw_expr(x);
                x.expr = e;
                x
            }
            ExprKind::Selector { x, sel } => self.selector(e, x, sel),
            ExprKind::Index { x, index } => self.index_expr(e, x, index),
            ExprKind::Slice { x, lo, hi, max, three } => self.slice_expr(e, x, lo.as_deref(), hi.as_deref(), max.as_deref(), *three),
            ExprKind::TypeAssert { x, ty } => self.type_assert(e, x, ty.as_deref()),
            ExprKind::Call { func, args, ellipsis } => self.call(e, func, args, *ellipsis),
            ExprKind::Star(inner) => {
                let x = self.expr_or_type(inner);
                match x.mode {
                    OMode::Invalid => Operand::invalid(e),
                    OMode::TypeExpr => {
                        let t = self.info.types.pointer(x.ty);
                        Operand::new(OMode::TypeExpr, t, e)
                    }
                    _ => {
                        let x = self.single_value(x);
                        if x.is_invalid() {
                            return Operand::invalid(e);
                        }
                        if x.is_nil() {
                            self.error(e.span, "invalid operation: cannot indirect nil");
                            return Operand::invalid(e);
                        }
                        match *self.info.types.under(x.ty) {
                            TypeKind::Pointer(base) => Operand::new(OMode::Variable, base, e),
                            _ => {
                                let msg = format!("invalid operation: cannot indirect {}", self.describe(&x));
                                self.error(e.span, msg);
                                Operand::invalid(e)
                            }
                        }
                    }
                }
            }
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y } => self.binary(e, *op, x, y),
            ExprKind::ArrayType { .. } | ExprKind::SliceType(_) | ExprKind::StructType(_) | ExprKind::FuncType(_) | ExprKind::MapType { .. } | ExprKind::ChanType { .. } | ExprKind::InterfaceType { .. } => {
                let t = self.typ_inner_for_expr(e);
                if t == TypeId::INVALID {
                    Operand::invalid(e)
                } else {
                    Operand::new(OMode::TypeExpr, t, e)
                }
            }
            ExprKind::Bad => Operand::invalid(e),
        }
    }

    /// A type literal in expression position (`[]int(x)`, `struct{}{}`).
    fn typ_inner_for_expr(&mut self, e: &'a Expr) -> TypeId {
        // `typ` records the expression itself; raw_expr records it again, identically.
        self.depth = self.depth.saturating_sub(1);
        let t = self.typ(e);
        self.depth += 1;
        t
    }

    /// An identifier in expression position. `mark_used` is false for the plain
    /// variable on the left of an assignment.
    pub(crate) fn ident(&mut self, e: &'a Expr, name: &str, mark_used: bool) -> Operand<'a> {
        if name == "_" {
            self.error(e.span, "cannot use _ as value");
            return Operand::invalid(e);
        }
        let Some(obj) = self.lookup(name) else {
            self.error(e.span, format!("undefined: {name}"));
            return Operand::invalid(e);
        };
        self.info.uses.insert(e.id, obj);
        if self.extra[obj.0 as usize].decl.is_some() {
            self.obj_decl(obj);
        }
        self.note_use(obj, mark_used);
        let ex = &self.extra[obj.0 as usize];
        if let Some(what) = ex.unsupported {
            if matches!(self.info.objects[obj.0 as usize].kind, ObjKind::TypeName) {
                self.unsupported(e.span, what);
                return Operand::invalid(e);
            }
            return Operand::new(OMode::Unsupported(what), TypeId::INVALID, e);
        }
        if ex.is_iota {
            return match self.iota {
                Some(v) => Operand::constant(TypeId::UNTYPED_INT, Value::int(v), e),
                None => {
                    self.error(e.span, "cannot use iota outside constant declaration");
                    Operand::invalid(e)
                }
            };
        }
        let o = &self.info.objects[obj.0 as usize];
        let ty = o.ty;
        match &o.kind {
            ObjKind::Var { .. } => {
                if ty == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                Operand::new(OMode::Variable, ty, e)
            }
            ObjKind::Const(_) => {
                if ty == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                let v = self.extra[obj.0 as usize].value.clone().unwrap_or(Value::int(0));
                Operand::constant(ty, v, e)
            }
            ObjKind::TypeName => {
                if ty == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                let spelled = match name {
                    "byte" if self.universe.get(name) == Some(&obj) => Some("byte"),
                    "rune" if self.universe.get(name) == Some(&obj) => Some("rune"),
                    _ => None,
                };
                Operand { spelled, ..Operand::new(OMode::TypeExpr, ty, e) }
            }
            ObjKind::Func => {
                if ty == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                Operand::new(OMode::Value, ty, e)
            }
            ObjKind::Builtin(b) => Operand::new(OMode::Builtin(*b), TypeId::INVALID, e),
            ObjKind::Package { .. } => Operand::new(OMode::Package, TypeId::INVALID, e),
            ObjKind::PkgFunc(f) => Operand::new(OMode::PkgFunc(f), TypeId::INVALID, e),
            // (Only reachable through a selector, `os.Args`, `C.puts`.)
            ObjKind::PkgVar { .. } => Operand::new(OMode::Variable, ty, e),
            ObjKind::Cgo(_) => Operand::new(OMode::Cgo(obj), ty, e),
            ObjKind::Nil => Operand::new(OMode::Value, TypeId::UNTYPED_NIL, e),
        }
    }

    fn selector(&mut self, e: &'a Expr, x: &'a Expr, sel: &'a ast::Ident) -> Operand<'a> {
        // A package member?
        if let ExprKind::Ident(pname) = &x.kind {
            if let Some(obj) = self.lookup(pname) {
                if let ObjKind::Package { path } = &self.info.objects[obj.0 as usize].kind {
                    let path = path.clone();
                    self.info.uses.insert(x.id, obj);
                    self.extra[obj.0 as usize].used = true;
                    self.record(&Operand::new(OMode::Package, TypeId::INVALID, x));
                    match path.as_str() {
                        "C" => return self.cgo_member(e, sel),
                        "unsafe" => return self.unsafe_member(e, sel),
                        _ => {}
                    }
                    if let Some(v) = crate::packages::lookup_const(&path, &sel.name) {
                        return Operand::constant(TypeId::UNTYPED_STRING, Value::String(v.as_bytes().to_vec()), e);
                    }
                    if let Some(def) = crate::packages::lookup_type(&path, &sel.name) {
                        let t = self.pkg_named_type(def);
                        return Operand::new(OMode::TypeExpr, t, e);
                    }
                    if let Some((t, symbol)) = crate::packages::lookup_var(&path, &sel.name) {
                        let ty = self.pkg_type(t);
                        let vobj = match self.pkg_var_objs.get(symbol) {
                            Some(&o) => o,
                            None => {
                                let o = self.new_object(&sel.name, ObjKind::PkgVar { symbol }, ty, sel.span);
                                self.pkg_var_objs.insert(symbol, o);
                                o
                            }
                        };
                        self.info.uses.insert(e.id, vobj);
                        return Operand::new(OMode::Variable, ty, e);
                    }
                    if let Some((pkg, name)) = crate::packages::lookup_int_type(&path, &sel.name) {
                        let t = self.pkg_int_type(pkg, name);
                        return Operand::new(OMode::TypeExpr, t, e);
                    }
                    if let Some((tname, v)) = crate::packages::lookup_int_const(&path, &sel.name) {
                        let (pkg, name) = crate::packages::lookup_int_type(&path, tname).expect("a constant's type is in PACKAGE_INT_TYPES");
                        let t = self.pkg_int_type(pkg, name);
                        return Operand::constant(t, Value::Int(crate::bigconst::BigInt::from_i128(v as i128)), e);
                    }
                    let Some(f) = crate::packages::lookup(&path, &sel.name) else {
                        let msg = format!("undefined: {pname}.{}", sel.name);
                        self.error(e.span, msg);
                        return Operand::invalid(e);
                    };
                    let key = (f.package, f.name);
                    let fobj = match self.pkg_func_objs.get(&key) {
                        Some(&o) => o,
                        None => {
                            let o = self.new_object(f.name, ObjKind::PkgFunc(f), TypeId::INVALID, sel.span);
                            self.pkg_func_objs.insert(key, o);
                            o
                        }
                    };
                    self.info.uses.insert(e.id, fobj);
                    return Operand::new(OMode::PkgFunc(f), TypeId::INVALID, e);
                }
            }
        }
        let xo = self.expr_or_type(x);
        if xo.is_invalid() {
            return Operand::invalid(e);
        }
        if xo.mode == OMode::TypeExpr {
            self.unsupported(e.span, "method expressions");
            return Operand::invalid(e);
        }
        let xo = self.single_value(xo);
        if xo.is_invalid() {
            return Operand::invalid(e);
        }
        let types = &self.info.types;
        let (st, through_pointer) = match types.under(xo.ty) {
            TypeKind::Pointer(base) => (*base, true),
            _ => (xo.ty, false),
        };
        // The fields of package types are unexported.
        if let (TypeKind::Struct { fields }, None) = (types.under(st), types.package_of(st)) {
            if sel.name != "_" {
                if let Some((index, f)) = fields.iter().enumerate().find(|(_, f)| f.name == sel.name) {
                    let fty = f.ty;
                    self.info.fields.insert(e.id, FieldSel { index, through_pointer });
                    let mode = if through_pointer || xo.mode == OMode::Variable { OMode::Variable } else { OMode::Value };
                    return Operand::new(mode, fty, e);
                }
            }
        }
        if let TypeKind::Interface { methods } = types.under(xo.ty) {
            if let Some((index, m)) = methods.iter().enumerate().find(|(_, m)| m.name == sel.name) {
                let mty = m.ty;
                self.info.methods.insert(e.id, index);
                return Operand::new(OMode::Value, mty, e);
            }
        }
        if let Some(m) = self.pkg_method(st, &sel.name) {
            if !through_pointer && xo.mode != OMode::Variable {
                let msg = format!("cannot call pointer method {} on {}", sel.name, self.type_str(xo.ty));
                self.error(sel.span, msg);
                return Operand::invalid(e);
            }
            if !through_pointer {
                // `x.M()` is `(&x).M()`.
                self.mark_root_escapes(x);
            }
            self.info.pkg_methods.insert(e.id, MethodSel { method: m, through_pointer });
            let params = m.params.iter().map(|&p| self.pkg_type(p)).collect();
            let ty = self.info.types.intern(TypeKind::Func(Signature { params, results: vec![], variadic: false }));
            return Operand::new(OMode::Value, ty, e);
        }
        if self.method_names.contains(&sel.name) {
            // A method call: `not supported yet: methods` was reported at the method.
            return Operand::invalid(e);
        }
        let msg = format!("{}.{} undefined (type {} has no field or method {})", self.expr_str(x), sel.name, self.type_str(xo.ty), sel.name);
        self.error(sel.span, msg);
        Operand::invalid(e)
    }

    /// The named type of a package type: a struct of its words, created on first use.
    fn pkg_named_type(&mut self, def: &'static PkgTypeDef) -> TypeId {
        if let Some(&t) = self.pkg_types.get(&(def.package, def.name)) {
            return t;
        }
        let named = self.info.types.new_named_in(Some(def.package), def.name);
        let fields = def.words.iter().map(|w| Field { name: w.to_string(), ty: TypeId::UINT64 }).collect();
        let st = self.info.types.intern(TypeKind::Struct { fields });
        self.info.types.set_underlying(named, st);
        self.pkg_types.insert((def.package, def.name), named);
        named
    }

    /// The named `int64` type of a package (`time.Duration`), created on first use.
    pub(crate) fn pkg_int_type(&mut self, package: &'static str, name: &'static str) -> TypeId {
        if let Some(&t) = self.pkg_types.get(&(package, name)) {
            return t;
        }
        let named = self.info.types.new_named_in(Some(package), name);
        self.info.types.set_underlying(named, TypeId::INT64);
        self.pkg_types.insert((package, name), named);
        named
    }

    /// Method `name` of type `t` if `t` is a package type (methods belong to the
    /// named type itself: `type T sync.Mutex` has none).
    fn pkg_method(&self, t: TypeId, name: &str) -> Option<&'static PkgMethod> {
        let TypeKind::Named { name: tname, pkg: Some(pkg), .. } = self.info.types.kind(t) else { return None };
        crate::packages::lookup_type(pkg, tname)?.methods.iter().find(|m| m.name == name)
    }

    /// Checks an index operand; returns its constant value if it has one. `max` is
    /// the exclusive bound for constant indices (array/string length).
    pub(crate) fn index_value(&mut self, e: &'a Expr, what: &str, max: Option<i128>) -> Option<Option<i128>> {
        let mut x = self.expr(e);
        if x.is_invalid() {
            return None;
        }
        if self.info.types.is_untyped(x.ty) && x.mode == OMode::Constant {
            if !self.convert_untyped(&mut x, TypeId::INT) {
                return None;
            }
        } else if self.info.types.is_untyped(x.ty) {
            self.convert_untyped(&mut x, TypeId::INT);
        }
        if !self.info.types.is_integer(x.ty) {
            let msg = format!("invalid argument: {what} {} must be integer", self.describe(&x));
            self.error(e.span, msg);
            return None;
        }
        if x.mode == OMode::Constant {
            let v = x.val.as_ref().and_then(|v| v.as_int_exact()).unwrap_or(0);
            if v < 0 {
                let msg = format!("invalid argument: {what} {} must not be negative", self.describe(&x));
                self.error(e.span, msg);
                return None;
            }
            if let Some(max) = max {
                if v >= max {
                    let msg = format!("invalid argument: {what} {} out of bounds [0:{max}]", self.expr_str(e));
                    self.error(e.span, msg);
                    return None;
                }
            }
            return Some(Some(v));
        }
        Some(None)
    }

    fn index_expr(&mut self, e: &'a Expr, x: &'a Expr, index: &'a Expr) -> Operand<'a> {
        let xo = self.expr_or_type(x);
        if xo.mode == OMode::TypeExpr {
            self.unsupported(e.span, "generics");
            return Operand::invalid(e);
        }
        if matches!(xo.mode, OMode::Value) && matches!(self.info.types.under(xo.ty), TypeKind::Func(_)) {
            self.unsupported(e.span, "generics");
            return Operand::invalid(e);
        }
        let xo = self.single_value(xo);
        if xo.is_invalid() {
            self.raw_expr(index);
            return Operand::invalid(e);
        }
        let types = &self.info.types;
        let (elem, mode, len) = match types.under(xo.ty).clone() {
            TypeKind::Basic(Basic::String | Basic::UntypedString) => {
                let len = match &xo.val {
                    Some(Value::String(s)) => Some(s.len() as i128),
                    _ => None,
                };
                (TypeId::BYTE, OMode::Value, len)
            }
            TypeKind::Array { len, elem } => (elem, if xo.mode == OMode::Variable { OMode::Variable } else { OMode::Value }, Some(len as i128)),
            TypeKind::Pointer(base) => match types.under(base).clone() {
                TypeKind::Array { len, elem } => (elem, OMode::Variable, Some(len as i128)),
                _ => return self.cannot_index(e, &xo, index),
            },
            TypeKind::Slice(elem) => (elem, OMode::Variable, None),
            _ => return self.cannot_index(e, &xo, index),
        };
        if self.info.types.is_untyped(xo.ty) {
            let mut xo = xo.clone();
            self.convert_untyped(&mut xo, TypeId::STRING);
        }
        if self.index_value(index, "index", len).is_none() {
            return Operand::new(mode, elem, e);
        }
        Operand::new(mode, elem, e)
    }

    fn cannot_index(&mut self, e: &'a Expr, xo: &Operand<'a>, index: &'a Expr) -> Operand<'a> {
        self.raw_expr(index);
        let msg = format!("invalid operation: cannot index {}", self.describe(xo));
        self.error(e.span, msg);
        Operand::invalid(e)
    }

    fn slice_expr(&mut self, e: &'a Expr, x: &'a Expr, lo: Option<&'a Expr>, hi: Option<&'a Expr>, max: Option<&'a Expr>, three: bool) -> Operand<'a> {
        let mut xo = self.expr(x);
        if xo.is_invalid() {
            for i in [lo, hi, max].into_iter().flatten() {
                self.raw_expr(i);
            }
            return Operand::invalid(e);
        }
        let (result, len) = match self.info.types.under(xo.ty).clone() {
            TypeKind::Basic(Basic::String | Basic::UntypedString) => {
                if three {
                    self.error(e.span, "invalid operation: 3-index slice of string");
                    return Operand::invalid(e);
                }
                let len = match &xo.val {
                    Some(Value::String(s)) => Some(s.len() as i128),
                    _ => None,
                };
                if self.info.types.is_untyped(xo.ty) {
                    self.convert_untyped(&mut xo, TypeId::STRING);
                }
                (xo.ty, len)
            }
            TypeKind::Array { len, elem } => {
                if xo.mode != OMode::Variable {
                    let msg = format!("invalid operation: {} (slice of unaddressable value)", self.describe(&xo));
                    self.error(e.span, msg);
                    return Operand::invalid(e);
                }
                self.mark_root_escapes(x);
                (self.info.types.slice(elem), Some(len as i128))
            }
            TypeKind::Pointer(base) => match self.info.types.under(base).clone() {
                TypeKind::Array { len, elem } => (self.info.types.slice(elem), Some(len as i128)),
                _ => return self.cannot_slice(e, &xo),
            },
            TypeKind::Slice(_) => (xo.ty, None),
            _ => return self.cannot_slice(e, &xo),
        };
        if three && (hi.is_none() || max.is_none()) {
            self.error(e.span, "middle index required in 3-index slice");
        }
        // Constant indices must be in range (`len` inclusive) and non-decreasing.
        let bound = len.map(|l| l + 1);
        let mut consts: Vec<(i128, &Expr)> = Vec::new();
        for i in [lo, hi, max].into_iter().flatten() {
            if let Some(Some(v)) = self.index_value(i, "index", bound) {
                consts.push((v, i));
            }
        }
        for w in consts.windows(2) {
            if w[1].0 < w[0].0 {
                let msg = format!("invalid slice indices: {} < {}", w[1].0, w[0].0);
                self.error(w[1].1.span, msg);
            }
        }
        Operand::new(OMode::Value, result, e)
    }

    fn cannot_slice(&mut self, e: &'a Expr, xo: &Operand<'a>) -> Operand<'a> {
        let msg = format!("cannot slice {}", self.describe(xo));
        self.error(e.span, msg);
        Operand::invalid(e)
    }

    /// `&x` / `x[:]` of an addressable operand: the local variable it is rooted at
    /// (through field selections and array indexing) lives on the heap.
    pub(crate) fn mark_root_escapes(&mut self, e: &Expr) {
        let mut e = e;
        loop {
            match &e.kind {
                ExprKind::Paren(x) => e = x,
                ExprKind::Selector { x, .. } => match self.info.fields.get(&e.id) {
                    Some(f) if !f.through_pointer => e = x,
                    _ => return,
                },
                ExprKind::Index { x, .. } => match self.info.exprs.get(&x.id) {
                    Some(tv) if matches!(self.info.types.under(tv.ty), TypeKind::Array { .. }) => e = x,
                    _ => return,
                },
                ExprKind::Ident(_) => {
                    if let Some(&obj) = self.info.uses.get(&e.id) {
                        self.mark_escapes(obj);
                    }
                    return;
                }
                _ => return,
            }
        }
    }

    // ----- composite literals -----

    /// `T{...}`; `hint` is the element type for an elided `{...}` inside another
    /// literal (a pointer type `*T` stands for `&T{...}`).
    pub(crate) fn composite_lit(&mut self, e: &'a Expr, ty: Option<&'a Expr>, elems: &'a [ast::Element], hint: Option<TypeId>) -> Operand<'a> {
        let (typ, base) = match (ty, hint) {
            (Some(t), _) => {
                if let ExprKind::ArrayType { len: None, elem } = &t.kind {
                    // `[...]T{...}`: the length comes from the elements.
                    let elem_t = self.typ(elem);
                    if elem_t == TypeId::INVALID {
                        self.lit_elems_unchecked(elems);
                        return Operand::invalid(e);
                    }
                    let n = self.array_elems(elems, elem_t, None);
                    let at = self.info.types.intern(TypeKind::Array { len: n, elem: elem_t });
                    self.record(&Operand::new(OMode::TypeExpr, at, t));
                    return Operand::new(OMode::Value, at, e);
                }
                let t = self.typ(t);
                (t, t)
            }
            (None, Some(h)) => {
                let base = match *self.info.types.under(h) {
                    TypeKind::Pointer(b) => b,
                    _ => h,
                };
                (h, base)
            }
            (None, None) => {
                self.error(e.span, "invalid composite literal type: missing type");
                self.lit_elems_unchecked(elems);
                return Operand::invalid(e);
            }
        };
        if base == TypeId::INVALID {
            self.lit_elems_unchecked(elems);
            return Operand::invalid(e);
        }
        match self.info.types.under(base).clone() {
            TypeKind::Struct { fields } => self.struct_lit(e, base, &fields, elems),
            TypeKind::Array { len, elem } => {
                self.array_elems(elems, elem, Some(len));
            }
            TypeKind::Slice(elem) => {
                self.array_elems(elems, elem, None);
            }
            _ => {
                let msg = format!("invalid composite literal type {}", self.type_str(typ));
                self.error(e.span, msg);
                self.lit_elems_unchecked(elems);
                return Operand::invalid(e);
            }
        }
        Operand::new(OMode::Value, typ, e)
    }

    fn lit_elems_unchecked(&mut self, elems: &'a [ast::Element]) {
        for el in elems {
            if let ExprKind::CompositeLit { ty: None, elems: inner } = &el.value.kind {
                self.lit_elems_unchecked(inner);
            } else {
                self.raw_expr(&el.value);
            }
        }
    }

    /// An element value of a literal whose element type is `elem`.
    fn lit_value(&mut self, v: &'a Expr, elem: TypeId, context: &str) {
        if let ExprKind::CompositeLit { ty: None, elems } = &v.kind {
            if !self.enter(v.span) {
                return;
            }
            let x = self.composite_lit(v, None, elems, Some(elem));
            self.leave();
            self.record(&x);
            return;
        }
        let mut x = self.expr(v);
        self.assignment(&mut x, elem, context);
    }

    fn struct_lit(&mut self, e: &'a Expr, st: TypeId, fields: &[crate::types::Field], elems: &'a [ast::Element]) {
        if elems.is_empty() {
            return;
        }
        let tname = self.type_str(st);
        if self.info.types.package_of(st).is_some() {
            // Only the zero value can be written: the fields are unexported.
            for (i, el) in elems.iter().enumerate() {
                let (span, msg) = match (&el.key, fields.get(i)) {
                    (Some(k), _) => (k.span, format!("unknown field '{}' in struct literal of type {tname}", self.expr_str(k))),
                    (None, Some(f)) => (el.value.span, format!("implicit assignment to unexported field {} in {tname} literal", f.name)),
                    (None, None) => (el.value.span, format!("too many values in {}", self.expr_str(e))),
                };
                self.error(span, msg);
                self.raw_expr(&el.value);
            }
            return;
        }
        if elems[0].key.is_some() {
            let mut seen = HashSet::new();
            for el in elems {
                let Some(key) = &el.key else {
                    self.error(el.value.span, "mixture of field:value and value elements in struct literal");
                    self.raw_expr(&el.value);
                    continue;
                };
                let ExprKind::Ident(name) = &key.kind else {
                    let msg = format!("invalid field name {} in struct literal", self.expr_str(key));
                    self.error(key.span, msg);
                    self.raw_expr(&el.value);
                    continue;
                };
                let Some(i) = fields.iter().position(|f| &f.name == name && name != "_") else {
                    let msg = format!("unknown field {name} in struct literal of type {tname}");
                    self.error(key.span, msg);
                    self.raw_expr(&el.value);
                    continue;
                };
                self.info.fields.insert(key.id, FieldSel { index: i, through_pointer: false });
                if !seen.insert(i) {
                    let msg = format!("duplicate field name {name} in struct literal");
                    self.error(key.span, msg);
                }
                self.lit_value(&el.value, fields[i].ty, "struct literal");
            }
        } else {
            for (i, el) in elems.iter().enumerate() {
                if let Some(key) = &el.key {
                    self.error(key.span, "mixture of field:value and value elements in struct literal");
                    self.raw_expr(&el.value);
                    continue;
                }
                if i >= fields.len() {
                    let msg = format!("too many values in struct literal of type {tname}");
                    self.error(el.value.span, msg);
                    for el in &elems[i..] {
                        self.raw_expr(&el.value);
                    }
                    return;
                }
                self.lit_value(&el.value, fields[i].ty, "struct literal");
            }
            if elems.len() < fields.len() {
                let msg = format!("too few values in struct literal of type {tname}");
                self.error(Span::new(e.span.hi.saturating_sub(1), e.span.hi), msg);
            }
        }
    }

    /// Elements of an array or slice literal; returns the length (max index + 1).
    fn array_elems(&mut self, elems: &'a [ast::Element], elem: TypeId, len: Option<u64>) -> u64 {
        let mut index: i128 = 0;
        let mut max: i128 = 0;
        let mut seen = HashSet::new();
        for el in elems {
            let mut valid_index = true;
            if let Some(k) = &el.key {
                let mut x = self.expr(k);
                valid_index = false;
                if !x.is_invalid() {
                    if x.mode == OMode::Constant && self.info.types.is_untyped(x.ty) {
                        self.convert_untyped(&mut x, TypeId::INT);
                    }
                    match (&x.mode, x.val.as_ref().and_then(|v| v.as_int_exact())) {
                        (OMode::Constant, Some(v)) if self.info.types.is_integer(x.ty) => {
                            if v < 0 {
                                let msg = format!("index {} must be non-negative integer constant", self.expr_str(k));
                                self.error(k.span, msg);
                            } else {
                                index = v;
                                valid_index = true;
                            }
                        }
                        _ => {
                            let msg = format!("index {} must be integer constant", self.expr_str(k));
                            self.error(k.span, msg);
                        }
                    }
                }
            }
            if valid_index {
                if let Some(n) = len {
                    if index >= n as i128 {
                        let msg = format!("invalid argument: index {index} out of bounds [0:{n}]");
                        self.error(el.key.as_ref().map_or(el.value.span, |k| k.span), msg);
                    }
                }
                if !seen.insert(index) {
                    let msg = format!("duplicate index {index} in array or slice literal");
                    self.error(el.key.as_ref().map_or(el.value.span, |k| k.span), msg);
                }
            }
            self.lit_value(&el.value, elem, "array or slice literal");
            index += 1;
            max = max.max(index);
        }
        max.clamp(0, i64::MAX as i128) as u64
    }

    // ----- operators -----

    fn unary(&mut self, e: &'a Expr, op: UnOp, xe: &'a Expr) -> Operand<'a> {
        if op == UnOp::Addr {
            let inner = unparen(xe);
            if let ExprKind::CompositeLit { ty, elems } = &inner.kind {
                if ty.is_some() {
                    let x = self.raw_expr(xe);
                    if x.is_invalid() {
                        return Operand::invalid(e);
                    }
                    let t = self.info.types.pointer(x.ty);
                    return Operand::new(OMode::Value, t, e);
                }
                let _ = elems;
            }
            let x = self.expr(xe);
            if x.is_invalid() {
                return Operand::invalid(e);
            }
            if x.mode != OMode::Variable {
                let msg = format!("invalid operation: cannot take address of {}", self.describe(&x));
                self.error(e.span, msg);
                return Operand::invalid(e);
            }
            self.mark_root_escapes(xe);
            let t = self.info.types.pointer(x.ty);
            return Operand::new(OMode::Value, t, e);
        }
        if op == UnOp::Recv {
            let x = self.expr(xe);
            if x.is_invalid() {
                return Operand::invalid(e);
            }
            let why = match *self.info.types.under(x.ty) {
                TypeKind::Chan { dir: ChanDir::Send, .. } => "send-only channel",
                TypeKind::Chan { elem, .. } => return Operand::new(OMode::Value, elem, e),
                _ => "non-channel",
            };
            let msg = format!("invalid operation: cannot receive from {why} {}", self.describe(&x));
            self.error(xe.span, msg);
            return Operand::invalid(e);
        }
        let x = self.expr(xe);
        if x.is_invalid() {
            return Operand::invalid(e);
        }
        let types = &self.info.types;
        let ok = match op {
            UnOp::Plus | UnOp::Neg => types.is_numeric(x.ty),
            UnOp::Xor => types.is_integer(x.ty),
            UnOp::Not => types.is_boolean(x.ty),
            _ => false,
        };
        if !ok {
            let msg = format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(&x));
            self.error(e.span, msg);
            return Operand::invalid(e);
        }
        if x.mode == OMode::Constant {
            let v = x.val.clone().unwrap_or(Value::int(0));
            let unsigned_bits = if self.info.types.is_unsigned(x.ty) { self.info.types.basic(x.ty).and_then(int_bits) } else { None };
            let r = match op {
                UnOp::Plus => Ok(v),
                UnOp::Neg => v.neg(),
                UnOp::Xor => v.complement(unsigned_bits),
                _ => v.not(),
            };
            return match r {
                Ok(v) => {
                    let r = Operand::constant(x.ty, v, e);
                    self.check_const_overflow(r)
                }
                Err(_) => {
                    let msg = if op == UnOp::Xor { "constant bitwise complement overflow" } else { "constant overflow" };
                    self.error(e.span, msg);
                    Operand::invalid(e)
                }
            };
        }
        Operand::new(OMode::Value, x.ty, e)
    }

    /// Where the operator of binary expression `e` is (go/types reports constant
    /// overflow there); the whole expression if it cannot be found.
    fn op_span(&self, e: &Expr) -> Span {
        let ExprKind::Binary { op, x, y } = &e.kind else { return e.span };
        let (lo, hi) = (x.span.hi as usize, y.span.lo as usize);
        let tok = op.as_str();
        match self.file.text.get(lo..hi).and_then(|between| between.find(tok)) {
            Some(i) => Span::new((lo + i) as u32, (lo + i + tok.len()) as u32),
            None => e.span,
        }
    }

    /// A typed constant must be representable in its type after each operation.
    pub(crate) fn check_const_overflow(&mut self, x: Operand<'a>) -> Operand<'a> {
        if x.mode != OMode::Constant || self.info.types.is_untyped(x.ty) {
            return x;
        }
        let Some(b) = self.info.types.basic(x.ty) else { return x };
        let Some(v) = &x.val else { return x };
        match v.represent(b) {
            Ok(v) => Operand { val: Some(v), ..x },
            Err(_) => {
                // go/types describes the result (with its value) and the type.
                let t = x.spelled.map_or_else(|| self.type_str(x.ty), str::to_string);
                let msg = format!("{} overflows {t}", self.describe(&x));
                self.error(x.expr.span, msg);
                Operand::invalid(x.expr)
            }
        }
    }

    fn binary(&mut self, e: &'a Expr, op: BinOp, xe: &'a Expr, ye: &'a Expr) -> Operand<'a> {
        let x = self.expr(xe);
        let y = self.expr(ye);
        self.binary_operands(e, op, x, y, None)
    }

    /// `x op y` on checked operands; `e` is the expression the result belongs to and
    /// `text` overrides its spelling in diagnostics (`x += y`).
    pub(crate) fn binary_operands(&mut self, e: &'a Expr, op: BinOp, mut x: Operand<'a>, mut y: Operand<'a>, text: Option<&str>) -> Operand<'a> {
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            return self.shift(e, op, x, y);
        }
        let ye = y.expr;
        let cgo_names = self.cgo_names;
        let etext = || text.map_or_else(|| super::expr_string(e, cgo_names), str::to_string);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        let nils = (x.is_nil(), y.is_nil());
        self.match_types(&mut x, &mut y);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        if op.is_comparison() {
            return self.comparison(e, op, x, y, nils);
        }
        if x.ty != y.ty {
            let msg = format!("invalid operation: {} (mismatched types {} and {})", etext(), self.type_str(x.ty), self.type_str(y.ty));
            self.error(e.span, msg);
            return Operand::invalid(e);
        }
        let types = &self.info.types;
        let ok = match op {
            BinOp::Add => types.is_numeric(x.ty) || types.is_string(x.ty),
            BinOp::Sub | BinOp::Mul | BinOp::Div => types.is_numeric(x.ty),
            BinOp::Rem | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => types.is_integer(x.ty),
            BinOp::LAnd | BinOp::LOr => types.is_boolean(x.ty),
            _ => false,
        };
        if !ok {
            let msg = format!("invalid operation: operator {} not defined on {}", op.as_str(), self.describe(&x));
            self.error(e.span, msg);
            return Operand::invalid(e);
        }
        if matches!(op, BinOp::Div | BinOp::Rem) && (x.mode == OMode::Constant || self.info.types.is_integer(x.ty)) && y.mode == OMode::Constant {
            let zero = y.val.as_ref().is_some_and(Value::is_zero);
            if zero {
                self.error(ye.span, "invalid operation: division by zero");
                return Operand::invalid(e);
            }
        }
        if x.mode == OMode::Constant && y.mode == OMode::Constant {
            let (a, b) = (x.val.clone().unwrap_or(Value::int(0)), y.val.clone().unwrap_or(Value::int(0)));
            let r = match op {
                BinOp::LAnd => Ok(Value::Bool(a.as_bool().unwrap_or(false) && b.as_bool().unwrap_or(false))),
                BinOp::LOr => Ok(Value::Bool(a.as_bool().unwrap_or(false) || b.as_bool().unwrap_or(false))),
                _ => {
                    let cop = match op {
                        BinOp::Add => ConstOp::Add,
                        BinOp::Sub => ConstOp::Sub,
                        BinOp::Mul => ConstOp::Mul,
                        BinOp::Div => ConstOp::Div,
                        BinOp::Rem => ConstOp::Rem,
                        BinOp::And => ConstOp::And,
                        BinOp::Or => ConstOp::Or,
                        BinOp::Xor => ConstOp::Xor,
                        _ => ConstOp::AndNot,
                    };
                    let int_div = self.info.types.is_integer(x.ty);
                    // Untyped float arithmetic on integral values stays float.
                    let (a, b) = if self.info.types.is_float(x.ty) {
                        (a.as_rat().map_or(a.clone(), Value::Float), b.as_rat().map_or(b.clone(), Value::Float))
                    } else {
                        (a, b)
                    };
                    a.binary(cop, &b, int_div)
                }
            };
            let spelled = x.spelled.or(y.spelled);
            return match r {
                Ok(v) => self.check_const_overflow(Operand { spelled, ..Operand::constant(x.ty, v, e) }),
                Err(ConstError::DivByZero) => {
                    self.error(ye.span, "invalid operation: division by zero");
                    Operand::invalid(e)
                }
                Err(_) => {
                    let msg = format!("constant {} overflow", op_name(op));
                    let span = self.op_span(e);
                    self.error(span, msg.replace("  ", " "));
                    Operand::invalid(e)
                }
            };
        }
        Operand::new(OMode::Value, x.ty, e)
    }

    /// Go's implicit conversion of untyped operands of a binary operation.
    pub(crate) fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) {
        let types = &self.info.types;
        let (xu, yu) = (types.is_untyped(x.ty), types.is_untyped(y.ty));
        if !xu && !yu {
            return;
        }
        let may_convert = {
            let basic = |t| matches!(types.under(t), TypeKind::Basic(_));
            if (basic(x.ty) != basic(y.ty) && !(x.is_nil() || y.is_nil())) || types.is_boolean(x.ty) != types.is_boolean(y.ty) || types.is_string(x.ty) != types.is_string(y.ty) {
                false
            } else if x.is_nil() {
                types.has_nil(y.ty)
            } else if y.is_nil() {
                types.has_nil(x.ty)
            } else {
                !matches!(types.under(x.ty), TypeKind::Pointer(_)) && !matches!(types.under(y.ty), TypeKind::Pointer(_))
            }
        };
        if !may_convert {
            return;
        }
        if xu && yu {
            // Both untyped: the "larger" numeric kind wins.
            if let Some(m) = max_untyped(x.ty, y.ty) {
                if x.ty != m {
                    self.convert_untyped(x, m);
                }
                if y.ty != m {
                    self.convert_untyped(y, m);
                }
            }
            return;
        }
        if xu {
            let t = y.ty;
            self.convert_untyped(x, t);
        } else {
            let t = x.ty;
            self.convert_untyped(y, t);
        }
    }

    /// `x op y` for a comparison operator; `nils` says which operand was `nil` before
    /// it took the type of the other side.
    fn comparison(&mut self, e: &'a Expr, op: BinOp, x: Operand<'a>, y: Operand<'a>, nils: (bool, bool)) -> Operand<'a> {
        let types = &self.info.types;
        let (xnil, ynil) = nils;
        let mut cause: Option<String> = None;
        let ok = if !(x.ty == y.ty || (xnil && types.has_nil(y.ty)) || (ynil && types.has_nil(x.ty)) || self.assignable_types(x.ty, y.ty) || self.assignable_types(y.ty, x.ty)) {
            cause = Some(format!("mismatched types {} and {}", self.type_str(x.ty), self.type_str(y.ty)));
            false
        } else if matches!(op, BinOp::Eq | BinOp::Ne) {
            if xnil && ynil {
                cause = Some("operator == not defined on nil".replace("==", op.as_str()));
                false
            } else if xnil || ynil {
                let other = if xnil { &y } else { &x };
                if types.has_nil(other.ty) {
                    true
                } else {
                    cause = Some(format!("mismatched types {} and untyped nil", self.type_str(other.ty)));
                    false
                }
            } else if types.is_interface(x.ty) != types.is_interface(y.ty) {
                // Interface against concrete: the concrete operand is converted.
                let (iface, other) = if types.is_interface(x.ty) { (&x, &y) } else { (&y, &x) };
                if !self.comparable(other.ty) {
                    cause = Some(self.incomparable_cause(other.ty));
                    false
                } else {
                    let target = iface.ty;
                    let id = other.expr.id;
                    if self.info.types.is_untyped(other.ty) {
                        let d = self.info.types.default_type(other.ty);
                        self.update_expr_type(other.expr, d);
                    }
                    self.info.iface_conversions.insert(id, target);
                    true
                }
            } else if !self.comparable(x.ty) {
                cause = Some(self.incomparable_cause(x.ty));
                false
            } else if !self.comparable(y.ty) {
                cause = Some(self.incomparable_cause(y.ty));
                false
            } else {
                true
            }
        } else if !self.is_ordered(x.ty) {
            cause = Some(format!("operator {} not defined on {}", op.as_str(), self.describe(&x)));
            false
        } else if !self.is_ordered(y.ty) {
            cause = Some(format!("operator {} not defined on {}", op.as_str(), self.describe(&y)));
            false
        } else {
            true
        };
        if !ok {
            let msg = format!("invalid operation: {} ({})", self.expr_str(e), cause.unwrap_or_default());
            self.error(e.span, msg);
            return Operand::invalid(e);
        }
        if x.mode == OMode::Constant && y.mode == OMode::Constant {
            let cop = match op {
                BinOp::Eq => CmpOp::Eq,
                BinOp::Ne => CmpOp::Ne,
                BinOp::Lt => CmpOp::Lt,
                BinOp::Le => CmpOp::Le,
                BinOp::Gt => CmpOp::Gt,
                _ => CmpOp::Ge,
            };
            let (a, b) = (x.val.clone().unwrap_or(Value::int(0)), y.val.clone().unwrap_or(Value::int(0)));
            let r = a.compare(cop, &b).unwrap_or(false);
            return Operand::constant(TypeId::UNTYPED_BOOL, Value::Bool(r), e);
        }
        // The operands are materialised: untyped ones take their default type, nil
        // the type of the other side.
        for (a, b, nil) in [(&x, &y, xnil), (&y, &x, ynil)] {
            if nil {
                if !self.info.types.is_untyped(b.ty) {
                    self.update_expr_type(a.expr, b.ty);
                }
            } else if self.info.types.is_untyped(a.ty) {
                let d = self.info.types.default_type(a.ty);
                self.update_expr_type(a.expr, d);
            }
        }
        Operand::new(OMode::Value, TypeId::UNTYPED_BOOL, e)
    }

    /// `x.(T)`: `x` an interface value, `T` a type that could be in it.
    fn type_assert(&mut self, e: &'a Expr, x: &'a Expr, ty: Option<&'a Expr>) -> Operand<'a> {
        let Some(ty) = ty else {
            self.raw_expr(x);
            self.error(e.span, "use of .(type) outside type switch");
            return Operand::invalid(e);
        };
        let xo = self.expr(x);
        let t = self.typ(ty);
        if xo.is_invalid() || t == TypeId::INVALID {
            return Operand::invalid(e);
        }
        let types = &self.info.types;
        if !types.is_interface(xo.ty) {
            let msg = format!("invalid operation: {} is not an interface", self.describe(&xo));
            self.error(x.span, msg);
            return Operand::invalid(e);
        }
        // Only `error` has a method, and no concrete type has methods yet.
        if types.underlying(xo.ty) == TypeId::ERROR_INTERFACE && !types.is_interface(t) {
            let msg = format!("impossible type assertion: {}\n\t{} does not implement {} (missing method Error)", self.expr_str(e), self.type_str(t), self.type_str(xo.ty));
            self.error(ty.span, msg);
            return Operand::invalid(e);
        }
        Operand::new(OMode::Value, t, e)
    }

    fn incomparable_cause(&self, t: TypeId) -> String {
        let types = &self.info.types;
        match types.under(t) {
            TypeKind::Slice(_) => "slice can only be compared to nil".to_string(),
            TypeKind::Func(_) => "func can only be compared to nil".to_string(),
            TypeKind::Struct { .. } | TypeKind::Array { .. } => format!("{} cannot be compared", self.type_str(t)),
            _ => format!("operator == not defined on {}", self.type_str(t)),
        }
    }

    pub(crate) fn comparable(&self, t: TypeId) -> bool {
        self.comparable_depth(t, 0)
    }

    fn comparable_depth(&self, t: TypeId, depth: u32) -> bool {
        if depth > 200 {
            return true;
        }
        let types = &self.info.types;
        match types.under(t) {
            TypeKind::Basic(b) => *b != Basic::UntypedNil,
            TypeKind::Pointer(_) | TypeKind::Interface { .. } | TypeKind::Chan { .. } => true,
            TypeKind::Array { elem, .. } => self.comparable_depth(*elem, depth + 1),
            TypeKind::Struct { fields } => fields.iter().all(|f| self.comparable_depth(f.ty, depth + 1)),
            _ => false,
        }
    }

    fn is_ordered(&self, t: TypeId) -> bool {
        let types = &self.info.types;
        types.is_numeric(t) || types.is_string(t)
    }

    fn shift(&mut self, e: &'a Expr, op: BinOp, mut x: Operand<'a>, mut y: Operand<'a>) -> Operand<'a> {
        let (xe, ye) = (x.expr, y.expr);
        if x.is_invalid() || y.is_invalid() {
            return Operand::invalid(e);
        }
        // The shifted operand must be an integer (or an untyped constant
        // representable as one).
        if x.mode == OMode::Constant && self.info.types.is_untyped(x.ty) {
            match x.val.as_ref().and_then(|v| v.as_bigint()) {
                Some(i) if self.info.types.is_numeric(x.ty) => {
                    if !self.info.types.is_integer(x.ty) {
                        x.val = Some(Value::Int(i));
                        x.ty = TypeId::UNTYPED_INT;
                        self.update_expr_type(xe, TypeId::UNTYPED_INT);
                    }
                }
                _ => {
                    let msg = format!("invalid operation: shifted operand {} must be integer", self.describe(&x));
                    self.error(xe.span, msg);
                    return Operand::invalid(e);
                }
            }
        } else if !(self.info.types.is_integer(x.ty) || (self.info.types.is_untyped(x.ty) && self.info.types.is_numeric(x.ty))) {
            let msg = format!("invalid operation: shifted operand {} must be integer", self.describe(&x));
            self.error(xe.span, msg);
            return Operand::invalid(e);
        }
        // The count: any integer type, or an untyped constant representable as a
        // uint (go/types' order of checks and wording).
        let mut count: Option<u64> = None;
        let ydesc = self.describe(&y);
        if y.mode == OMode::Constant {
            let yint = y.val.as_ref().and_then(|v| v.as_bigint());
            if yint.as_ref().is_some_and(|v| v.is_negative()) {
                let msg = format!("invalid operation: negative shift count {ydesc}");
                self.error(ye.span, msg);
                return Operand::invalid(e);
            }
            if self.info.types.is_untyped(y.ty) {
                let repr = y.val.as_ref().map(|v| v.represent(Basic::Uint));
                if let Some(Err(err)) = repr {
                    let msg = match err {
                        ReprError::NotRepresentable => format!("cannot convert {ydesc} to type uint"),
                        _ if !self.info.types.is_integer(y.ty) => format!("{ydesc} truncated to uint"),
                        _ => format!("{ydesc} overflows uint"),
                    };
                    self.error(ye.span, msg);
                    return Operand::invalid(e);
                }
                self.convert_untyped(&mut y, TypeId::UINT);
                if y.is_invalid() {
                    return Operand::invalid(e);
                }
            } else if !self.info.types.is_integer(y.ty) {
                let msg = format!("invalid operation: shift count {ydesc} must be integer");
                self.error(ye.span, msg);
                return Operand::invalid(e);
            }
            count = yint.map(|v| v.to_i128().map_or(u64::MAX, |v| v.min(u64::MAX as i128) as u64));
        } else if self.info.types.is_untyped(y.ty) {
            // An untyped non-constant count (`1 << s` as a count): default it.
            self.convert_untyped(&mut y, TypeId::UINT);
        } else if !self.info.types.is_integer(y.ty) {
            let msg = format!("invalid operation: shift count {ydesc} must be integer");
            self.error(ye.span, msg);
            return Operand::invalid(e);
        }
        if x.mode == OMode::Constant {
            if let Some(s) = count {
                if s > MAX_SHIFT {
                    let msg = format!("invalid operation: invalid shift count {ydesc}");
                    self.error(ye.span, msg);
                    return Operand::invalid(e);
                }
                let v = x.val.clone().unwrap_or(Value::int(0));
                return match v.shift(op == BinOp::Shl, s) {
                    Ok(v) => {
                        let r = Operand::constant(x.ty, v, e);
                        self.check_const_overflow(r)
                    }
                    Err(_) => {
                        let span = self.op_span(e);
                        self.error(span, "constant shift overflow");
                        Operand::invalid(e)
                    }
                };
            }
            if self.info.types.is_untyped(x.ty) {
                // `1 << s`: non-constant, and the type comes from the context
                // (update_expr_type checks it is an integer type then).
                return Operand::new(OMode::Value, x.ty, e);
            }
        }
        Operand::new(OMode::Value, x.ty, e)
    }
}

/// The larger of two untyped numeric kinds (int < rune < float); `None` if either is
/// not numeric or they differ otherwise.
fn max_untyped(a: TypeId, b: TypeId) -> Option<TypeId> {
    let rank = |t: TypeId| match t {
        TypeId::UNTYPED_INT => Some(0),
        TypeId::UNTYPED_RUNE => Some(1),
        TypeId::UNTYPED_FLOAT => Some(2),
        _ => None,
    };
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) => Some(if x >= y { a } else { b }),
        _ => None,
    }
}

fn op_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "addition",
        BinOp::Sub => "subtraction",
        BinOp::Mul => "multiplication",
        BinOp::Shl => "shift",
        BinOp::Xor => "bitwise XOR",
        _ => "",
    }
}

pub(crate) fn unparen(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(x) = &e.kind {
        e = x;
    }
    e
}

fn call_callee(e: &Expr) -> Option<&Expr> {
    match &unparen(e).kind {
        ExprKind::Call { func, .. } => Some(unparen(func)),
        _ => None,
    }
}

use syntax::Span;

