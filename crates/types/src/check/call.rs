//! Calls (of functions, closures and package functions), conversions `T(x)`, the
//! builtins, and the assignability / implicit-conversion rules they share with
//! assignments.

use syntax::ast::{Expr, ExprKind};
use syntax::Span;

use super::expr::unparen;
use super::{Checker, OMode, Operand};
use crate::constant::Value;
use crate::info::Builtin;
use crate::packages::{PkgFunc, PkgType};
use crate::types::{Basic, ChanDir, Signature, TypeId, TypeKind};

impl<'a> Checker<'a> {
    pub(crate) fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let f = self.expr_or_type(func);
        match f.mode {
            OMode::Invalid => {
                self.args_unchecked(args);
                Operand::invalid(e)
            }
            OMode::TypeExpr => {
                let r = self.conversion_call(e, f.ty, args, ellipsis);
                Operand { spelled: f.spelled, ..r }
            }
            OMode::Builtin(b) => self.builtin(e, func, b, args, ellipsis),
            OMode::Unsupported(what) => {
                self.unsupported(func.span, what);
                self.args_unchecked(args);
                Operand::invalid(e)
            }
            OMode::PkgFunc(pf) => self.pkg_call(e, pf, args, ellipsis),
            // A C function (or cgo's `C.CString`...): called like a Go function of
            // the signature cgo gives it.
            OMode::Cgo(_) => match self.info.types.kind(f.ty).clone() {
                TypeKind::Func(sig) => self.signature_call(e, func, &sig, args, ellipsis),
                other => unreachable!("C function of type {other:?}"),
            },
            _ => {
                let f = self.single_value(f);
                if f.is_invalid() {
                    self.args_unchecked(args);
                    return Operand::invalid(e);
                }
                let sig = match self.info.types.under(f.ty) {
                    TypeKind::Func(s) => s.clone(),
                    _ => {
                        let msg = format!("invalid operation: cannot call non-function {}", self.describe(&f));
                        self.error(e.span, msg);
                        self.args_unchecked(args);
                        return Operand::invalid(e);
                    }
                };
                self.signature_call(e, func, &sig, args, ellipsis)
            }
        }
    }

    /// A call of `func`, a function of signature `sig`: checks the arguments, and
    /// the result is the function's.
    fn signature_call(&mut self, e: &'a Expr, func: &'a Expr, sig: &Signature, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let name = self.expr_str(func);
        let argv = self.arguments(args);
        self.check_args(e, &name, sig, &argv, args, ellipsis);
        match sig.results.len() {
            0 => Operand::new(OMode::NoValue, TypeId::INVALID, e),
            1 => Operand::new(OMode::Value, sig.results[0], e),
            _ => {
                let t = self.info.types.intern(TypeKind::Tuple(sig.results.clone()));
                Operand::new(OMode::Value, t, e)
            }
        }
    }

    /// Evaluates arguments for their errors only.
    fn args_unchecked(&mut self, args: &'a [Expr]) {
        for a in args {
            self.raw_expr(a);
        }
    }

    /// The argument values: a single multi-value call spreads into its results.
    fn arguments(&mut self, args: &'a [Expr]) -> Vec<Operand<'a>> {
        if args.len() == 1 {
            return self.multi_expr(&args[0]);
        }
        args.iter().map(|a| self.expr(a)).collect()
    }

    fn have_string(&self, argv: &[Operand<'a>]) -> String {
        let parts: Vec<String> = argv
            .iter()
            .map(|x| {
                if self.info.types.is_untyped(x.ty) && self.info.types.is_numeric(x.ty) && x.mode == OMode::Constant {
                    "number".to_string()
                } else {
                    self.type_str(x.ty)
                }
            })
            .collect();
        format!("({})", parts.join(", "))
    }

    /// Checks the arguments of a call of a function with signature `sig`.
    fn check_args(&mut self, e: &'a Expr, name: &str, sig: &Signature, argv: &[Operand<'a>], args: &'a [Expr], ellipsis: bool) {
        if argv.iter().any(|x| x.is_invalid()) {
            return;
        }
        let n = sig.params.len();
        if ellipsis && !sig.variadic {
            let msg = format!("have (...) cannot use ... in call to non-variadic {name}");
            self.error(args.last().map_or(e.span, |a| a.span), msg.trim_start_matches("have (...) ").to_string());
            return;
        }
        let count_ok = if sig.variadic && !ellipsis { argv.len() + 1 >= n } else { argv.len() == n };
        if !count_ok {
            let want = self.info.types.signature_string(&Signature { params: sig.params.clone(), results: vec![], variadic: sig.variadic });
            let have = self.have_string(argv);
            let too_many = argv.len() > n;
            let (msg, span) = if too_many {
                let idx = if args.len() == argv.len() { n.min(args.len().saturating_sub(1)) } else { 0 };
                (format!("too many arguments in call to {name}\n\thave {have}\n\twant {want}"), args.get(idx).map_or(e.span, |a| a.span))
            } else {
                (format!("not enough arguments in call to {name}\n\thave {have}\n\twant {want}"), Span::new(e.span.hi.saturating_sub(1), e.span.hi))
            };
            self.error(span, msg);
            return;
        }
        let context = format!("argument to {name}");
        for (i, x) in argv.iter().enumerate() {
            let mut x = x.clone();
            let t = if sig.variadic && !ellipsis && i + 1 >= n {
                match self.info.types.kind(sig.params[n - 1]) {
                    TypeKind::Slice(elem) => *elem,
                    _ => TypeId::INVALID,
                }
            } else {
                sig.params[i]
            };
            self.assignment(&mut x, t, &context);
        }
    }

    pub(crate) fn pkg_type(&mut self, t: PkgType) -> TypeId {
        match t {
            PkgType::Int => TypeId::INT,
            PkgType::Int64 => TypeId::INT64,
            PkgType::Bool => TypeId::BOOL,
            PkgType::String => TypeId::STRING,
            PkgType::StringSlice => self.info.types.slice(TypeId::STRING),
            PkgType::Error => TypeId::ERROR,
            PkgType::Func => self.info.types.intern(TypeKind::Func(Signature { params: vec![], results: vec![], variadic: false })),
            PkgType::VariadicAny => TypeId::INVALID,
            PkgType::Duration => self.pkg_int_type("time", "Duration"),
        }
    }

    fn pkg_call(&mut self, e: &'a Expr, pf: &'static PkgFunc, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let name = format!("{}.{}", pf.package, pf.name);
        let argv = self.arguments(args);
        let variadic = pf.params.last() == Some(&PkgType::VariadicAny);
        let fixed: Vec<TypeId> = pf.params.iter().filter(|p| **p != PkgType::VariadicAny).map(|&p| self.pkg_type(p)).collect();
        let any_slice = self.info.types.slice(TypeId::EMPTY_INTERFACE);
        if ellipsis {
            // `fmt.Sprint(v...)`: the fixed arguments, then a []interface{} (or []any).
            let n = fixed.len();
            if !variadic || argv.len() != n + 1 {
                self.unsupported(args.last().map_or(e.span, |a| a.span), &format!("... arguments to {name}"));
            } else {
                let context = format!("argument to {name}");
                for (i, x) in argv.iter().enumerate() {
                    let mut x = x.clone();
                    let want = if i < n { fixed[i] } else { any_slice };
                    self.assignment(&mut x, want, &context);
                }
            }
        } else if !argv.iter().any(|x| x.is_invalid()) {
            let n = fixed.len();
            let count_ok = if variadic { argv.len() >= n } else { argv.len() == n };
            if !count_ok {
                let have = self.have_string(&argv);
                let mut want: Vec<String> = fixed.iter().map(|&t| self.type_str(t)).collect();
                if variadic {
                    want.push("...any".to_string());
                }
                let want = format!("({})", want.join(", "));
                if argv.len() > n {
                    let span = args.get(n).map_or(e.span, |a| a.span);
                    self.error(span, format!("too many arguments in call to {name}\n\thave {have}\n\twant {want}"));
                } else {
                    self.error(Span::new(e.span.hi.saturating_sub(1), e.span.hi), format!("not enough arguments in call to {name}\n\thave {have}\n\twant {want}"));
                }
            } else {
                let context = format!("argument to {name}");
                for (i, x) in argv.iter().enumerate() {
                    let mut x = x.clone();
                    if i < n {
                        self.assignment(&mut x, fixed[i], &context);
                    } else if !x.is_nil() {
                        // Passed as `any`: untyped values take their default type.
                        self.default_untyped(&mut x, &context);
                    }
                }
            }
        }
        if pf.unmodelled_results {
            return Operand { unmodelled: true, ..Operand::new(OMode::NoValue, TypeId::INVALID, e) };
        }
        let results: Vec<TypeId> = pf.results.iter().map(|&t| self.pkg_type(t)).collect();
        match results.len() {
            0 => Operand::new(OMode::NoValue, TypeId::INVALID, e),
            1 => Operand::new(OMode::Value, results[0], e),
            _ => {
                let t = self.info.types.intern(TypeKind::Tuple(results));
                Operand::new(OMode::Value, t, e)
            }
        }
    }

    // ----- conversions -----

    fn conversion_call(&mut self, e: &'a Expr, t: TypeId, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let tname = self.type_str(t);
        if args.len() != 1 {
            let msg = if args.is_empty() { format!("missing argument in conversion to {tname}") } else { format!("too many arguments in conversion to {tname}") };
            self.error(args.get(1).map_or(e.span, |a| a.span), msg);
            self.args_unchecked(args);
            return Operand::invalid(e);
        }
        if ellipsis {
            self.error(args[0].span, format!("invalid use of ... in conversion to {tname}"));
        }
        let x = self.expr(&args[0]);
        if x.is_invalid() || t == TypeId::INVALID {
            return Operand::invalid(e);
        }
        self.conversion(e, x, t)
    }

    /// `T(x)`.
    pub(crate) fn conversion(&mut self, e: &'a Expr, mut x: Operand<'a>, t: TypeId) -> Operand<'a> {
        let types = &self.info.types;
        let tb = match types.basic(t) {
            Some(b) if b != Basic::Invalid && !types.is_untyped(t) => Some(b),
            _ => None,
        };
        if x.mode == OMode::Constant {
            if let Some(b) = tb {
                let v = x.val.clone().unwrap_or(Value::int(0));
                let (xi, xs, xn, xb) = (types.is_integer(x.ty), types.is_string(x.ty), types.is_numeric(x.ty), types.is_boolean(x.ty));
                let (ti, ts, tn, tbool) = (types.is_integer(t), types.is_string(t), types.is_numeric(t), types.is_boolean(t));
                let result = if xi && ts {
                    // int -> string: the UTF-8 encoding of the code point.
                    let c = v.as_int_exact().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32).unwrap_or('\u{FFFD}');
                    let d = self.info.types.default_type(x.ty);
                    self.update_expr_type(x.expr, d);
                    Some(Value::String(c.to_string().into_bytes()))
                } else if xn && tn {
                    match v.represent(b) {
                        Ok(v) => {
                            self.update_expr_type(x.expr, t);
                            Some(v)
                        }
                        Err(_) => {
                            // Go 1.19 gives no reason; its operand shows the value as
                            // an integer when the target is one and the value integral
                            // (go/types' representableConst rounds it first).
                            if ti {
                                if let Some(i) = v.as_bigint() {
                                    x.val = Some(Value::Int(i));
                                }
                            }
                            let msg = format!("cannot convert {} to type {}", self.describe(&x), self.type_str(t));
                            self.error(x.expr.span, msg);
                            return Operand::invalid(e);
                        }
                    }
                } else if (xs && ts) || (xb && tbool) {
                    self.update_expr_type(x.expr, t);
                    Some(v)
                } else {
                    None
                };
                return match result {
                    Some(v) => Operand::constant(t, v, e),
                    None => {
                        let msg = format!("cannot convert {} to type {}", self.describe(&x), self.type_str(t));
                        self.error(x.expr.span, msg);
                        Operand::invalid(e)
                    }
                };
            }
        }
        if !self.convertible(&x, t) {
            let msg = format!("cannot convert {} to type {}", self.describe(&x), self.type_str(t));
            self.error(x.expr.span, msg);
            return Operand::invalid(e);
        }
        if self.info.types.is_untyped(x.ty) {
            let final_t = if x.is_nil() {
                t
            } else if x.mode == OMode::Constant || tb.is_none() {
                self.info.types.default_type(x.ty)
            } else {
                t
            };
            self.update_expr_type(x.expr, final_t);
            x.ty = final_t;
        }
        if self.info.types.is_interface(t) && !self.info.types.is_interface(x.ty) && !x.is_nil() {
            self.info.iface_conversions.insert(x.expr.id, t);
        }
        Operand::new(OMode::Value, t, e)
    }

    fn convertible(&self, x: &Operand<'a>, t: TypeId) -> bool {
        let types = &self.info.types;
        if x.is_nil() {
            return types.has_nil(t);
        }
        let v = if types.is_untyped(x.ty) { types.default_type(x.ty) } else { x.ty };
        if self.info.types.is_untyped(x.ty) && x.mode != OMode::Constant {
            // Untyped bools (comparisons) and untyped shifts.
            let tb = types.basic(t);
            if types.is_boolean(x.ty) {
                return tb == Some(Basic::Bool);
            }
            return types.is_numeric(t);
        }
        if self.assignable_types(v, t) {
            return true;
        }
        let (vu, tu) = (types.underlying(v), types.underlying(t));
        if vu == tu {
            return true;
        }
        if let (TypeKind::Pointer(a), TypeKind::Pointer(b)) = (types.kind(v), types.kind(t)) {
            if types.underlying(*a) == types.underlying(*b) {
                return true;
            }
        }
        if types.is_numeric(v) && types.is_numeric(t) {
            return true;
        }
        // unsafe.Pointer from and to any pointer type and uintptr.
        let pointer_or_uintptr = |x: TypeId| matches!(types.under(x), TypeKind::Pointer(_) | TypeKind::Basic(Basic::Uintptr));
        let unsafe_pointer = |x: TypeId| types.basic(x) == Some(Basic::UnsafePointer);
        if (pointer_or_uintptr(v) && unsafe_pointer(t)) || (unsafe_pointer(v) && pointer_or_uintptr(t)) {
            return true;
        }
        let bytes_or_runes = |s: TypeId| match types.under(s) {
            TypeKind::Slice(elem) => matches!(types.basic(*elem), Some(Basic::Uint8 | Basic::Int32)),
            _ => false,
        };
        if types.is_string(t) && (types.is_integer(v) || bytes_or_runes(v)) {
            return true;
        }
        if types.is_string(v) && bytes_or_runes(t) {
            return true;
        }
        // A slice to a pointer to an array of the same element type (Go 1.17).
        if let (TypeKind::Slice(se), TypeKind::Pointer(p)) = (types.under(v), types.under(t)) {
            if let TypeKind::Array { elem, .. } = types.under(*p) {
                return se == elem;
            }
        }
        false
    }

    // ----- assignability -----

    /// Whether a value of (typed) type `v` is assignable to type `t`.
    pub(crate) fn assignable_types(&self, v: TypeId, t: TypeId) -> bool {
        if v == t || v == TypeId::INVALID || t == TypeId::INVALID {
            return true;
        }
        let types = &self.info.types;
        let named = |x: TypeId| matches!(types.kind(x), TypeKind::Named { .. } | TypeKind::Basic(_));
        if types.underlying(v) == types.underlying(t) && (!named(v) || !named(t)) {
            return true;
        }
        if v == TypeId::UNTYPED_NIL {
            return types.has_nil(t);
        }
        // A bidirectional channel is assignable to a channel type with the same
        // element type, unless both types are named.
        if let (TypeKind::Chan { dir: ChanDir::Both, elem: ve }, TypeKind::Chan { elem: te, .. }) = (types.under(v), types.under(t)) {
            if ve == te && (!named(v) || !named(t)) {
                return true;
            }
        }
        // Every type implements `interface{}`; only `error` itself implements `error`
        // (there are no methods to implement it with).
        types.underlying(t) == TypeId::EMPTY_INTERFACE
    }

    /// Checks that `x` can be assigned to a variable of type `t` (converting an
    /// untyped `x` to `t`); reports `cannot use x as T value in CONTEXT`.
    pub(crate) fn assignment(&mut self, x: &mut Operand<'a>, t: TypeId, context: &str) -> bool {
        if x.is_invalid() || t == TypeId::INVALID {
            return false;
        }
        if self.info.types.is_untyped(x.ty) && !self.convert_untyped_ctx(x, t, Some(context)) {
            return false;
        }
        if !self.assignable_types(x.ty, t) {
            let msg = format!("cannot use {} as {} value in {context}", self.describe(x), self.type_str(t));
            self.error(x.expr.span, msg);
            return false;
        }
        let types = &self.info.types;
        if types.is_interface(t) && !types.is_interface(x.ty) && !x.is_nil() {
            self.info.iface_conversions.insert(x.expr.id, t);
        }
        true
    }

    /// Gives an untyped operand its default type (a context without a type: `x :=
    /// 1`, an argument of `println`); `nil` is an error there.
    pub(crate) fn default_untyped(&mut self, x: &mut Operand<'a>, context: &str) -> bool {
        if x.is_invalid() || !self.info.types.is_untyped(x.ty) {
            return !x.is_invalid();
        }
        if x.is_nil() {
            self.error(x.expr.span, format!("use of untyped nil in {context}"));
            *x = Operand::invalid(x.expr);
            return false;
        }
        let d = self.info.types.default_type(x.ty);
        self.convert_untyped(x, d)
    }

    /// Go's implicit conversion of an untyped operand to `target` (an operand of a
    /// binary operation, an index...), with conversion wording in errors.
    pub(crate) fn convert_untyped(&mut self, x: &mut Operand<'a>, target: TypeId) -> bool {
        self.convert_untyped_ctx(x, target, None)
    }

    fn convert_untyped_ctx(&mut self, x: &mut Operand<'a>, target: TypeId, context: Option<&str>) -> bool {
        let types = &self.info.types;
        if target == TypeId::INVALID || x.is_invalid() || !types.is_untyped(x.ty) {
            return true;
        }
        if types.is_untyped(target) {
            // Both untyped: numeric kinds widen (int -> rune -> float).
            let rank = |t: TypeId| match t {
                TypeId::UNTYPED_INT => 0,
                TypeId::UNTYPED_RUNE => 1,
                TypeId::UNTYPED_FLOAT => 2,
                _ => -1,
            };
            if rank(x.ty) >= 0 && rank(target) > rank(x.ty) {
                if let (Some(v), Some(b)) = (&x.val, types.basic(target)) {
                    x.val = Some(super::convert_kind(v, b));
                }
                x.ty = target;
                self.update_expr_type(x.expr, target);
            }
            return true;
        }
        let fail = |c: &mut Self, x: &mut Operand<'a>, suffix: &str| {
            let msg = match context {
                Some(ctx) => {
                    if x.is_nil() {
                        format!("cannot use nil as {} value in {ctx}", c.type_str(target))
                    } else {
                        format!("cannot use {} as {} value in {ctx}{suffix}", c.describe(x), c.type_str(target))
                    }
                }
                None => match suffix {
                    " (overflows)" => format!("{} overflows {}", c.describe(x), c.type_str(target)),
                    " (truncated)" => format!("{} truncated to {}", c.describe(x), c.type_str(target)),
                    _ if x.is_nil() => format!("cannot convert nil to type {}", c.type_str(target)),
                    _ => format!("cannot convert {} to type {}", c.describe(x), c.type_str(target)),
                },
            };
            c.error(x.expr.span, msg);
            *x = Operand::invalid(x.expr);
            false
        };
        if x.is_nil() {
            if types.has_nil(target) {
                x.ty = target;
                self.update_expr_type(x.expr, target);
                return true;
            }
            return fail(self, x, "");
        }
        if types.underlying(target) == TypeId::EMPTY_INTERFACE {
            // An untyped value stored in an interface takes its default type.
            let d = types.default_type(x.ty);
            return self.convert_untyped_ctx(x, d, context);
        }
        let tb = match types.basic(target) {
            Some(b) if b != Basic::Invalid => b,
            _ => return fail(self, x, ""),
        };
        if x.mode == OMode::Constant {
            let v = x.val.clone().unwrap_or(Value::int(0));
            match v.represent(tb) {
                Ok(v) => {
                    x.val = Some(v);
                    x.ty = target;
                    self.update_expr_type(x.expr, target);
                    true
                }
                Err(_) => {
                    // go/types words the failure by the types, not the value: a
                    // float constant for an integer type is `truncated` even when
                    // it is integral but too large.
                    let types = &self.info.types;
                    let suffix = if !(types.is_numeric(x.ty) && types.is_numeric(target)) {
                        ""
                    } else if !types.is_integer(x.ty) && types.is_integer(target) {
                        " (truncated)"
                    } else {
                        " (overflows)"
                    };
                    fail(self, x, suffix)
                }
            }
        } else {
            // Untyped non-constant: a comparison result or a `1 << s`.
            let ok = if types.is_boolean(x.ty) { types.is_boolean(target) } else { types.is_numeric(target) };
            if !ok {
                return fail(self, x, "");
            }
            x.ty = target;
            self.update_expr_type(x.expr, target);
            true
        }
    }

    // ----- builtins -----

    fn builtin(&mut self, e: &'a Expr, func: &'a Expr, b: Builtin, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let name = self.expr_str(func);
        let (min, max): (usize, Option<usize>) = match b {
            Builtin::Len | Builtin::Cap | Builtin::Close | Builtin::New | Builtin::Panic | Builtin::Sizeof | Builtin::Alignof | Builtin::Offsetof => (1, Some(1)),
            Builtin::Copy => (2, Some(2)),
            Builtin::Make => (1, Some(3)),
            Builtin::Append => (1, None),
            Builtin::Print | Builtin::Println => (0, None),
            Builtin::Recover => (0, Some(0)),
        };
        if ellipsis && b != Builtin::Append {
            let msg = format!("invalid operation: invalid use of ... with built-in {name}");
            self.error(e.span, msg);
            self.args_unchecked(args);
            return Operand::invalid(e);
        }
        let n = args.len();
        if n < min || max.is_some_and(|m| n > m) {
            // A single multi-value argument cannot satisfy these arities anyway.
            let (word, expected) = if n < min { ("not enough", min) } else { ("too many", max.unwrap_or(min)) };
            let msg = format!("{word} arguments for {} (expected {expected}, found {n})", self.expr_str(e));
            let span = if n < min { Span::new(e.span.hi.saturating_sub(1), e.span.hi) } else { args.get(expected).map_or(e.span, |a| a.span) };
            self.error(span, msg);
            self.args_unchecked(args);
            return Operand::invalid(e);
        }
        match b {
            Builtin::Len | Builtin::Cap => {
                let mut x = self.expr(&args[0]);
                if x.is_invalid() {
                    return Operand::invalid(e);
                }
                let types = &self.info.types;
                let (ok, constant) = match types.under(x.ty).clone() {
                    TypeKind::Basic(Basic::String | Basic::UntypedString) if b == Builtin::Len => {
                        let c = match &x.val {
                            Some(Value::String(s)) if x.mode == OMode::Constant => Some(s.len() as i128),
                            _ => None,
                        };
                        (true, c)
                    }
                    TypeKind::Array { len, .. } => (true, (!self.has_call(&args[0])).then_some(len as i128)),
                    TypeKind::Pointer(base) => match types.under(base) {
                        TypeKind::Array { len, .. } => (true, (!self.has_call(&args[0])).then_some(*len as i128)),
                        _ => (false, None),
                    },
                    TypeKind::Slice(_) | TypeKind::Chan { .. } => (true, None),
                    _ => (false, None),
                };
                if !ok {
                    let msg = format!("invalid argument: {} for built-in {name}", self.describe(&x));
                    self.error(args[0].span, msg);
                    return Operand::invalid(e);
                }
                if self.info.types.is_untyped(x.ty) {
                    self.convert_untyped(&mut x, TypeId::STRING);
                }
                match constant {
                    Some(v) => Operand::constant(TypeId::INT, Value::int(v), e),
                    None => Operand::new(OMode::Value, TypeId::INT, e),
                }
            }
            Builtin::Close => {
                let x = self.expr(&args[0]);
                if x.is_invalid() {
                    return Operand::invalid(e);
                }
                match self.info.types.under(x.ty) {
                    TypeKind::Chan { dir: ChanDir::Recv, .. } => {
                        let msg = format!("invalid operation: cannot close receive-only channel {}", self.describe(&x));
                        self.error(args[0].span, msg);
                    }
                    TypeKind::Chan { .. } => {}
                    _ => {
                        let msg = format!("invalid operation: cannot close non-channel {}", self.describe(&x));
                        self.error(args[0].span, msg);
                    }
                }
                Operand::new(OMode::NoValue, TypeId::INVALID, e)
            }
            Builtin::Append => {
                let s = self.expr(&args[0]);
                if s.is_invalid() {
                    self.args_unchecked(&args[1..]);
                    return Operand::invalid(e);
                }
                if s.is_nil() {
                    self.error(args[0].span, "first argument to append must be a typed slice; found untyped nil");
                    self.args_unchecked(&args[1..]);
                    return Operand::invalid(e);
                }
                let elem = match self.info.types.under(s.ty) {
                    TypeKind::Slice(elem) => *elem,
                    _ => {
                        let msg = format!("invalid argument: {} is not a slice", self.describe(&s));
                        self.error(args[0].span, msg);
                        self.args_unchecked(&args[1..]);
                        return Operand::invalid(e);
                    }
                };
                if ellipsis {
                    if n != 2 {
                        let msg = format!("can only use ... with final argument in list (found {n} arguments)");
                        self.error(e.span, msg);
                        self.args_unchecked(&args[1..]);
                        return Operand::invalid(e);
                    }
                    let mut x = self.expr(&args[1]);
                    if x.is_invalid() {
                        return Operand::new(OMode::Value, s.ty, e);
                    }
                    // `append([]byte, string...)`
                    if self.info.types.basic(elem) == Some(Basic::Uint8) && self.info.types.is_string(x.ty) {
                        self.default_untyped(&mut x, "argument to append");
                        return Operand::new(OMode::Value, s.ty, e);
                    }
                    let st = self.info.types.slice(elem);
                    self.assignment(&mut x, st, "argument to append");
                } else {
                    for a in &args[1..] {
                        let mut x = self.expr(a);
                        self.assignment(&mut x, elem, "argument to append");
                    }
                }
                Operand::new(OMode::Value, s.ty, e)
            }
            Builtin::Copy => {
                let dst = self.expr(&args[0]);
                let mut src = self.expr(&args[1]);
                if dst.is_invalid() || src.is_invalid() {
                    return Operand::invalid(e);
                }
                let types = &self.info.types;
                let de = match types.under(dst.ty) {
                    TypeKind::Slice(el) => Some(*el),
                    _ => None,
                };
                let se = match types.under(src.ty) {
                    TypeKind::Slice(el) => Some(*el),
                    TypeKind::Basic(Basic::String | Basic::UntypedString) => Some(TypeId::BYTE),
                    _ => None,
                };
                let (Some(de), Some(se)) = (de, se) else {
                    let msg = format!("invalid argument: copy expects slice arguments; found {} and {}", self.describe(&dst), self.describe(&src));
                    self.error(e.span, msg);
                    return Operand::invalid(e);
                };
                if de != se {
                    let msg = format!(
                        "invalid argument: arguments to copy {} and {} have different element types {} and {}",
                        self.describe(&dst),
                        self.describe(&src),
                        self.type_str(de),
                        self.type_str(se)
                    );
                    self.error(e.span, msg);
                    return Operand::invalid(e);
                }
                self.default_untyped(&mut src, "argument to copy");
                Operand::new(OMode::Value, TypeId::INT, e)
            }
            Builtin::Make => {
                let t = self.typ(&args[0]);
                if t == TypeId::INVALID {
                    self.args_unchecked(&args[1..]);
                    return Operand::invalid(e);
                }
                // (fewest, most) arguments.
                let arity = match self.info.types.under(t) {
                    TypeKind::Slice(_) => (2, 3),
                    TypeKind::Chan { .. } => (1, 2),
                    _ => {
                        let msg = format!("invalid argument: cannot make {}; type must be slice, map, or channel", self.expr_str(&args[0]));
                        self.error(args[0].span, msg);
                        self.args_unchecked(&args[1..]);
                        return Operand::invalid(e);
                    }
                };
                if n < arity.0 || n > arity.1 {
                    let msg = format!("invalid operation: {} expects {} or {} arguments; found {n}", self.expr_str(e), arity.0, arity.1);
                    self.error(e.span, msg);
                    self.args_unchecked(&args[1..]);
                    return Operand::invalid(e);
                }
                let mut sizes = Vec::new();
                for a in &args[1..] {
                    if let Some(v) = self.index_value(a, "index", None) {
                        sizes.push(v);
                    }
                }
                if let [Some(l), Some(c)] = sizes[..] {
                    if l > c {
                        self.error(args[1].span, "invalid argument: length and capacity swapped");
                    }
                }
                Operand::new(OMode::Value, t, e)
            }
            Builtin::New => {
                let t = self.typ(&args[0]);
                if t == TypeId::INVALID {
                    return Operand::invalid(e);
                }
                let p = self.info.types.pointer(t);
                Operand::new(OMode::Value, p, e)
            }
            Builtin::Panic => {
                let mut x = self.expr(&args[0]);
                self.assignment(&mut x, TypeId::EMPTY_INTERFACE, "argument to panic");
                Operand::new(OMode::NoValue, TypeId::INVALID, e)
            }
            Builtin::Recover => Operand::new(OMode::Value, TypeId::EMPTY_INTERFACE, e),
            Builtin::Sizeof | Builtin::Alignof | Builtin::Offsetof => self.unsafe_builtin(e, b, &args[0]),
            Builtin::Print | Builtin::Println => {
                let argv = self.arguments(args);
                let context = format!("argument to built-in {name}");
                for mut x in argv {
                    self.default_untyped(&mut x, &context);
                }
                Operand::new(OMode::NoValue, TypeId::INVALID, e)
            }
        }
    }

    /// Whether evaluating `e` involves a (non-constant) function call, which makes
    /// `len` of an array non-constant.
    fn has_call(&self, e: &Expr) -> bool {
        fn walk(c: &Checker, e: &Expr, depth: u32) -> bool {
            if depth > 1000 {
                return true;
            }
            let d = depth + 1;
            match &e.kind {
                ExprKind::Call { func, args, .. } => {
                    let constant = c.info.exprs.get(&e.id).is_some_and(|tv| tv.value.is_some());
                    let conversion = c.info.exprs.get(&unparen(func).id).is_some_and(|tv| tv.mode == crate::info::Mode::TypeExpr);
                    if !constant && !conversion {
                        return true;
                    }
                    args.iter().any(|a| walk(c, a, d))
                }
                ExprKind::Unary { op: syntax::ast::UnOp::Recv, .. } => true,
                ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } | ExprKind::Selector { x, .. } => walk(c, x, d),
                ExprKind::Binary { x, y, .. } => walk(c, x, d) || walk(c, y, d),
                ExprKind::Index { x, index } => walk(c, x, d) || walk(c, index, d),
                ExprKind::Slice { x, lo, hi, max, .. } => walk(c, x, d) || [lo, hi, max].iter().any(|i| i.as_ref().is_some_and(|i| walk(c, i, d))),
                ExprKind::CompositeLit { elems, .. } => elems.iter().any(|el| walk(c, &el.value, d) || el.key.as_ref().is_some_and(|k| walk(c, k, d))),
                _ => false,
            }
        }
        walk(self, e, 0)
    }
}
