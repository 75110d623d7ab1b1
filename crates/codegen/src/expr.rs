//! Expressions: values, places (addressable expressions), calls, builtins,
//! conversions, composite literals and closures.
//!
//! A value is the `Vec<Value>` of its flattened scalars, or the one address of an
//! aggregate (see `abi.rs`). Reading an aggregate yields the address of its bytes
//! without copying; every write copies, and the few places where a later write could
//! change a value still in use (call arguments, tuple assignment) take a snapshot.

use ::types::info::{Builtin, Mode};
use ::types::packages::{PkgFunc, PkgType};
use ::types::types::Signature as GoSignature;
use ::types::{Basic, ObjKind, TypeId, TypeKind};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::types::{F64, I64, I8};
use cranelift_codegen::ir::{BlockArg, InstBuilder, MemFlagsData, Type, Value};
use syntax::ast::{BinOp, Expr, ExprKind, UnOp};
use cranelift_module::FuncId;
use syntax::Diagnostic;

use crate::abi::{abi_parts, go_signature, repr, Repr, PTR};
use crate::func::{Callee, FunctionTranslator, Place, Storage};

pub(crate) type R<T> = Result<T, Vec<Diagnostic>>;

/// Offset of `error_fn` in a type descriptor (docs/abi.md "Type descriptors").
const TYPE_ERROR_FN: i32 = 56;

/// Go's `boundsErrorCode`s (runtime/error.go), as `runtime.panicBounds` takes them.
const BOUNDS_INDEX: i64 = 0;
const BOUNDS_SLICE_ALEN: i64 = 1;
const BOUNDS_SLICE_ACAP: i64 = 2;
const BOUNDS_SLICE_B: i64 = 3;
const BOUNDS_SLICE3_ACAP: i64 = 5;
const BOUNDS_SLICE3_B: i64 = 6;
const BOUNDS_SLICE3_C: i64 = 7;
const BOUNDS_CONVERT: i64 = 8;

/// Arrays up to this length compare element by element inline; longer ones in a loop.
const UNROLLED_ARRAY_COMPARE: u64 = 4;

pub(crate) fn strip_parens(mut e: &Expr) -> &Expr {
    while let ExprKind::Paren(x) = &e.kind {
        e = x;
    }
    e
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    fn ty(&self, e: &Expr) -> TypeId {
        self.info.type_of(e.id)
    }

    /// The value of a single-valued expression (converted to an interface where the
    /// checker recorded an implicit conversion).
    pub fn expr(&mut self, e: &'a Expr) -> R<Vec<Value>> {
        if let Some(&off) = self.thunk.as_ref().and_then(|t| t.get(&e.id)) {
            // Evaluated at the `defer` statement (conversions included).
            let addr = self.b.ins().iadd_imm_s(self.ctx, off as i64);
            let ty = self.value_type(e);
            return Ok(self.load_from(addr, ty));
        }
        let v = self.expr_unconverted(e)?;
        Ok(self.converted(e, self.info.type_of(e.id), v))
    }

    /// Value `v` of `e`, of type `ty`, converted to the interface the checker
    /// recorded for `e`, if any.
    pub fn converted(&mut self, e: &Expr, ty: TypeId, v: Vec<Value>) -> Vec<Value> {
        match self.info.iface_conversions.get(&e.id) {
            Some(_) => self.convert_to_interface(ty, v),
            None => v,
        }
    }

    /// The type of the value `expr(e)` produces: the interface it is converted to, if
    /// any, else its own.
    pub fn value_type(&self, e: &Expr) -> TypeId {
        self.info.iface_conversions.get(&e.id).copied().unwrap_or_else(|| self.info.type_of(e.id))
    }

    /// A value of concrete type `ty` as an interface value: its descriptor and a heap
    /// copy of it.
    pub fn convert_to_interface(&mut self, ty: TypeId, v: Vec<Value>) -> Vec<Value> {
        let ty = self.info.types.default_type(ty);
        let size = self.info.types.size_of(ty);
        let data = self.alloc(size);
        self.store_to(data, ty, &v);
        vec![self.type_desc_addr(ty), data]
    }

    fn expr_unconverted(&mut self, e: &'a Expr) -> R<Vec<Value>> {
        if let Some(v) = self.info.const_value(e.id) {
            let v = v.clone();
            return Ok(self.const_value(self.ty(e), &v));
        }
        let ty = self.ty(e);
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Ident(_) => {
                let obj = self.info.use_of(e.id).ok_or_else(|| self.err(e.span, "internal compiler error: unresolved identifier"))?;
                match &self.info.object(obj).kind {
                    ObjKind::Var { .. } => {
                        let place = self.place_of_obj(obj);
                        Ok(self.load(&place, ty))
                    }
                    ObjKind::Nil => Ok(self.zero_value(ty)),
                    ObjKind::Func => {
                        let id = self.p.funcs[&obj];
                        let TypeKind::Func(go_sig) = self.info.types.under(ty).clone() else { unreachable!("function of non-function type") };
                        let data = self.p.func_value(id, &go_sig);
                        let gv = self.p.module.declare_data_in_func(data, self.b.func);
                        Ok(vec![self.b.ins().symbol_value(PTR, gv)])
                    }
                    other => Err(self.err(e.span, format!("not supported yet: {other:?} as a value"))),
                }
            }
            ExprKind::FuncLit { .. } => self.closure(e),
            ExprKind::CompositeLit { .. } => self.composite(e, ty),
            ExprKind::Selector { x, .. } => {
                if let Some(obj) = self.info.use_of(e.id) {
                    if !matches!(self.info.object(obj).kind, ObjKind::PkgVar { .. }) {
                        return Err(self.err(e.span, "not supported yet: package functions as values"));
                    }
                    let place = self.place_of_obj(obj);
                    return Ok(self.load(&place, ty));
                }
                if let Some(&sel) = self.info.pkg_methods.get(&e.id) {
                    return self.method_value(e, sel);
                }
                let addr = self.field_addr(e, x)?;
                Ok(self.load_from(addr, ty))
            }
            ExprKind::Index { x, index } => {
                if self.info.types.is_string(self.ty(x)) {
                    let s = self.expr(x)?;
                    let (i, signed) = self.index_value(index)?;
                    if !self.is_const(index) || self.info.const_value(x.id).is_none() {
                        self.bounds_check(IntCC::UnsignedGreaterThanOrEqual, i, s[1], BOUNDS_INDEX, signed);
                    }
                    let addr = self.b.ins().iadd(s[0], i);
                    return Ok(vec![self.b.ins().load(I8, MemFlagsData::trusted(), addr, 0)]);
                }
                let addr = self.element_addr(x, index)?;
                Ok(self.load_from(addr, ty))
            }
            ExprKind::Slice { x, lo, hi, max, .. } => self.slice_expr(x, lo.as_deref(), hi.as_deref(), max.as_deref()),
            ExprKind::Call { .. } => {
                let mut results = self.call(e)?;
                Ok(if results.is_empty() { Vec::new() } else { results.swap_remove(0) })
            }
            ExprKind::Star(x) => {
                let p = self.expr(x)?[0];
                self.nil_check(p);
                Ok(self.load_from(p, ty))
            }
            ExprKind::Unary { op, x } => self.unary(*op, x, ty),
            ExprKind::TypeAssert { x, .. } => Ok(self.type_assert(e, x, false)?.swap_remove(0)),
            ExprKind::Binary { op, x, y } => self.binary(*op, x, y, ty),
            _ => Err(self.err(e.span, "not supported yet: this expression")),
        }
    }

    fn is_const(&self, e: &Expr) -> bool {
        self.info.const_value(e.id).is_some()
    }

    /// The location an addressable expression denotes.
    pub fn place(&mut self, e: &'a Expr) -> R<Place> {
        match &e.kind {
            ExprKind::Paren(x) => self.place(x),
            ExprKind::Ident(name) => match self.info.use_of(e.id) {
                Some(obj) => Ok(self.place_of_obj(obj)),
                None if name == "_" => Ok(Place::Blank),
                None => Err(self.err(e.span, "internal compiler error: unresolved identifier")),
            },
            ExprKind::Star(x) => {
                let p = self.expr(x)?[0];
                self.nil_check(p);
                Ok(Place::Mem(p))
            }
            ExprKind::Index { x, index } => Ok(Place::Mem(self.element_addr(x, index)?)),
            ExprKind::Selector { .. } if self.info.use_of(e.id).is_some() => Ok(self.place_of_obj(self.info.use_of(e.id).expect("checked"))),
            ExprKind::Selector { x, .. } => Ok(Place::Mem(self.field_addr(e, x)?)),
            _ => Err(self.err(e.span, "internal compiler error: not addressable")),
        }
    }

    /// The address of an addressable expression (`&x`, method-less `x.f`, `a[i]`).
    fn address(&mut self, e: &'a Expr) -> R<Value> {
        match self.place(e)? {
            Place::Mem(addr) => Ok(addr),
            _ => Err(self.err(e.span, "internal compiler error: address of a register variable")),
        }
    }

    /// The address of an aggregate-typed operand: its storage if addressable, else a
    /// temporary holding the value (a call result, a composite literal).
    fn aggregate_base(&mut self, x: &'a Expr) -> R<Value> {
        Ok(self.expr(x)?[0])
    }

    fn field_addr(&mut self, sel: &'a Expr, x: &'a Expr) -> R<Value> {
        let fs = *self.info.fields.get(&sel.id).ok_or_else(|| self.err(sel.span, "internal compiler error: unresolved selector"))?;
        let xt = self.ty(x);
        let (base, struct_ty) = if fs.through_pointer {
            let p = self.expr(x)?[0];
            self.nil_check(p);
            let TypeKind::Pointer(s) = *self.info.types.under(xt) else { unreachable!("field through non-pointer") };
            (p, s)
        } else {
            (self.aggregate_base(x)?, xt)
        };
        let off = self.info.types.field_offset(struct_ty, fs.index);
        Ok(self.b.ins().iadd_imm_s(base, off as i64))
    }

    /// An index operand as i64, and whether its type is signed.
    pub fn index_value(&mut self, index: &'a Expr) -> R<(Value, bool)> {
        let it = self.ty(index);
        let v = self.expr(index)?[0];
        let signed = !self.info.types.is_unsigned(it);
        Ok((self.extend_to_i64(v, signed), signed))
    }

    fn extend_to_i64(&mut self, v: Value, signed: bool) -> Value {
        let t = self.b.func.dfg.value_type(v);
        if t == I64 {
            v
        } else if signed {
            self.b.ins().sextend(I64, v)
        } else {
            self.b.ins().uextend(I64, v)
        }
    }

    /// Address of `x[index]` for arrays, pointers to arrays and slices, bounds-checked.
    fn element_addr(&mut self, x: &'a Expr, index: &'a Expr) -> R<Value> {
        let xt = self.ty(x);
        let (base, len, elem) = match self.info.types.under(xt).clone() {
            TypeKind::Slice(elem) => {
                let s = self.expr(x)?;
                (s[0], s[1], elem)
            }
            TypeKind::Array { len, elem } => {
                let base = self.aggregate_base(x)?;
                (base, self.b.ins().iconst(I64, len as i64), elem)
            }
            TypeKind::Pointer(arr) => {
                let p = self.expr(x)?[0];
                self.nil_check(p);
                let TypeKind::Array { len, elem } = *self.info.types.under(arr) else { unreachable!("index through pointer to non-array") };
                (p, self.b.ins().iconst(I64, len as i64), elem)
            }
            other => return Err(self.err(x.span, format!("internal compiler error: index of {other:?}"))),
        };
        let (i, signed) = self.index_value(index)?;
        self.bounds_check(IntCC::UnsignedGreaterThanOrEqual, i, len, BOUNDS_INDEX, signed);
        let size = self.info.types.size_of(elem) as i64;
        let off = self.b.ins().imul_imm_s(i, size);
        Ok(self.b.ins().iadd(base, off))
    }

    /// `x[lo:hi]` and `x[lo:hi:max]` of strings, slices, arrays and pointers to arrays.
    fn slice_expr(&mut self, x: &'a Expr, lo: Option<&'a Expr>, hi: Option<&'a Expr>, max: Option<&'a Expr>) -> R<Vec<Value>> {
        let xt = self.ty(x);
        let is_string = self.info.types.is_string(xt);
        // (base pointer, length, capacity, element size)
        let (base, len, cap, esize) = if is_string {
            let s = self.expr(x)?;
            (s[0], s[1], s[1], 1)
        } else {
            match self.info.types.under(xt).clone() {
                TypeKind::Slice(elem) => {
                    let s = self.expr(x)?;
                    (s[0], s[1], s[2], self.info.types.size_of(elem))
                }
                TypeKind::Array { len, elem } => {
                    let base = self.address(x)?;
                    let n = self.b.ins().iconst(I64, len as i64);
                    (base, n, n, self.info.types.size_of(elem))
                }
                TypeKind::Pointer(arr) => {
                    let p = self.expr(x)?[0];
                    self.nil_check(p);
                    let TypeKind::Array { len, elem } = *self.info.types.under(arr) else { unreachable!("slice of pointer to non-array") };
                    let n = self.b.ins().iconst(I64, len as i64);
                    (p, n, n, self.info.types.size_of(elem))
                }
                other => return Err(self.err(x.span, format!("internal compiler error: slice of {other:?}"))),
            }
        };
        let operand = |t: &mut Self, e: Option<&'a Expr>| -> R<Option<(Value, bool)>> { e.map(|e| t.index_value(e)).transpose() };
        let lo = operand(self, lo)?;
        let hi = operand(self, hi)?;
        let max = operand(self, max)?;
        let (lo_v, lo_signed) = lo.unwrap_or_else(|| (self.b.ins().iconst(I64, 0), false));
        let new_cap_end;
        let hi_v;
        if let Some((m, m_signed)) = max {
            let (h, hs) = hi.expect("3-index slice has hi");
            self.bounds_check(IntCC::UnsignedGreaterThan, m, cap, BOUNDS_SLICE3_ACAP, m_signed);
            self.bounds_check(IntCC::UnsignedGreaterThan, h, m, BOUNDS_SLICE3_B, hs);
            self.bounds_check(IntCC::UnsignedGreaterThan, lo_v, h, BOUNDS_SLICE3_C, lo_signed);
            new_cap_end = m;
            hi_v = h;
        } else {
            let hi_signed;
            (hi_v, hi_signed) = hi.unwrap_or((len, false));
            let code = if is_string || matches!(self.info.types.under(xt), TypeKind::Array { .. } | TypeKind::Pointer(_)) { BOUNDS_SLICE_ALEN } else { BOUNDS_SLICE_ACAP };
            let bound = if is_string { len } else { cap };
            self.bounds_check(IntCC::UnsignedGreaterThan, hi_v, bound, code, hi_signed);
            self.bounds_check(IntCC::UnsignedGreaterThan, lo_v, hi_v, BOUNDS_SLICE_B, lo_signed);
            new_cap_end = cap;
        }
        let off = self.b.ins().imul_imm_s(lo_v, esize as i64);
        let ptr = self.b.ins().iadd(base, off);
        let new_len = self.b.ins().isub(hi_v, lo_v);
        if is_string {
            return Ok(vec![ptr, new_len]);
        }
        let new_cap = self.b.ins().isub(new_cap_end, lo_v);
        Ok(vec![ptr, new_len, new_cap])
    }

    fn unary(&mut self, op: UnOp, x: &'a Expr, ty: TypeId) -> R<Vec<Value>> {
        match op {
            UnOp::Addr => {
                if let ExprKind::CompositeLit { .. } = &strip_parens(x).kind {
                    let xt = self.ty(x);
                    let v = self.expr(x)?;
                    let size = self.info.types.size_of(xt);
                    let cell = self.alloc(size);
                    self.store_to(cell, xt, &v);
                    return Ok(vec![cell]);
                }
                Ok(vec![self.address(x)?])
            }
            UnOp::Plus => self.expr(x),
            UnOp::Neg => {
                let v = self.expr(x)?[0];
                Ok(vec![if self.info.types.is_float(ty) { self.b.ins().fneg(v) } else { self.b.ins().ineg(v) }])
            }
            UnOp::Xor => {
                let v = self.expr(x)?[0];
                Ok(vec![self.b.ins().bnot(v)])
            }
            UnOp::Not => {
                let v = self.expr(x)?[0];
                Ok(vec![self.b.ins().bxor_imm_s(v, 1)])
            }
            UnOp::Recv => Ok(self.recv(x, true, false)?.0),
        }
    }

    fn binary(&mut self, op: BinOp, x: &'a Expr, y: &'a Expr, ty: TypeId) -> R<Vec<Value>> {
        match op {
            BinOp::LAnd | BinOp::LOr => Ok(vec![self.short_circuit(op, x, y)?]),
            _ if op.is_comparison() => {
                let mut ot = self.value_type(x);
                if matches!(self.info.types.basic(ot), Some(Basic::UntypedNil)) || self.info.types.is_interface(self.value_type(y)) {
                    ot = self.value_type(y);
                }
                let xv = self.expr(x)?;
                let yv = self.expr(y)?;
                Ok(vec![self.compare(op, ot, &xv, &yv)?])
            }
            BinOp::Add if self.info.types.is_string(ty) => {
                let mut parts = Vec::new();
                self.concat_operands(x, &mut parts);
                self.concat_operands(y, &mut parts);
                let mut vals = Vec::new();
                for part in parts {
                    vals.push(self.expr(part)?);
                }
                Ok(self.concat(&vals))
            }
            _ => {
                let a = self.expr(x)?;
                self.binary_values(op, ty, a, y)
            }
        }
    }

    /// `a op y` for an arithmetic, bitwise or shift operator with result type `ty`,
    /// where the left operand is already evaluated (also used by `op=`).
    pub fn binary_values(&mut self, op: BinOp, ty: TypeId, a: Vec<Value>, y: &'a Expr) -> R<Vec<Value>> {
        if op == BinOp::Add && self.info.types.is_string(ty) {
            let b = self.expr(y)?;
            return Ok(self.concat(&[a, b]));
        }
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            return Ok(vec![self.shift(op, a[0], y, ty)?]);
        }
        let (a, b) = (a[0], self.expr(y)?[0]);
        let t = &self.info.types;
        let v = if t.is_float(ty) {
            match op {
                BinOp::Add => self.b.ins().fadd(a, b),
                BinOp::Sub => self.b.ins().fsub(a, b),
                BinOp::Mul => self.b.ins().fmul(a, b),
                BinOp::Div => self.b.ins().fdiv(a, b),
                _ => return Err(self.err(y.span, format!("internal compiler error: float operator {}", op.as_str()))),
            }
        } else {
            let unsigned = t.is_unsigned(ty);
            match op {
                BinOp::Add => self.b.ins().iadd(a, b),
                BinOp::Sub => self.b.ins().isub(a, b),
                BinOp::Mul => self.b.ins().imul(a, b),
                BinOp::Div | BinOp::Rem => self.divide(op, a, b, unsigned),
                BinOp::And => self.b.ins().band(a, b),
                BinOp::Or => self.b.ins().bor(a, b),
                BinOp::Xor => self.b.ins().bxor(a, b),
                BinOp::AndNot => self.b.ins().band_not(a, b),
                _ => return Err(self.err(y.span, format!("internal compiler error: operator {}", op.as_str()))),
            }
        };
        Ok(vec![v])
    }

    /// Integer `/` and `%` with Go's rules: division by zero panics; `MinInt / -1` is
    /// `MinInt` and `MinInt % -1` is 0 (the hardware would trap).
    pub fn divide(&mut self, op: BinOp, a: Value, b: Value, unsigned: bool) -> Value {
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        self.panic_if(zero, "runtime.panicdivide", &[self.g]);
        if unsigned {
            return if op == BinOp::Div { self.b.ins().udiv(a, b) } else { self.b.ins().urem(a, b) };
        }
        let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
        let t = self.b.func.dfg.value_type(b);
        let one = self.b.ins().iconst(t, 1);
        let safe_b = self.b.ins().select(minus_one, one, b);
        if op == BinOp::Rem {
            // x % 1 == 0 == x % -1.
            return self.b.ins().srem(a, safe_b);
        }
        let q = self.b.ins().sdiv(a, safe_b);
        let neg = self.b.ins().ineg(a);
        self.b.ins().select(minus_one, neg, q)
    }

    /// `x << y` / `x >> y` with Go's rules: counts at or beyond the width give 0 (or
    /// the sign for signed `>>`); a negative signed count panics.
    fn shift(&mut self, op: BinOp, a: Value, y: &'a Expr, ty: TypeId) -> R<Value> {
        let ct = self.ty(y);
        let count_signed = !self.info.types.is_unsigned(ct);
        let c = self.expr(y)?[0];
        let c = self.extend_to_i64(c, count_signed);
        if count_signed && !self.is_const(y) {
            let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, c, 0);
            self.panic_if(neg, "runtime.panicshift", &[self.g]);
        }
        let t = self.b.func.dfg.value_type(a);
        let width = t.bits() as i64;
        let big = self.b.ins().icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, c, width);
        let unsigned = self.info.types.is_unsigned(ty);
        Ok(match op {
            BinOp::Shl => {
                let s = self.b.ins().ishl(a, c);
                let zero = self.b.ins().iconst(t, 0);
                self.b.ins().select(big, zero, s)
            }
            _ if unsigned => {
                let s = self.b.ins().ushr(a, c);
                let zero = self.b.ins().iconst(t, 0);
                self.b.ins().select(big, zero, s)
            }
            _ => {
                let max = self.b.ins().iconst(I64, width - 1);
                let c = self.b.ins().select(big, max, c);
                self.b.ins().sshr(a, c)
            }
        })
    }

    fn short_circuit(&mut self, op: BinOp, x: &'a Expr, y: &'a Expr) -> R<Value> {
        let a = self.expr(x)?[0];
        let rhs = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, I8);
        if op == BinOp::LAnd {
            self.b.ins().brif(a, rhs, &[], done, &[BlockArg::Value(a)]);
        } else {
            self.b.ins().brif(a, done, &[BlockArg::Value(a)], rhs, &[]);
        }
        self.b.switch_to_block(rhs);
        self.b.seal_block(rhs);
        let b = self.expr(y)?[0];
        self.b.ins().jump(done, &[BlockArg::Value(b)]);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        Ok(self.b.block_params(done)[0])
    }

    /// Flattens a left-nested chain of string `+` into its operands.
    fn concat_operands(&self, e: &'a Expr, out: &mut Vec<&'a Expr>) {
        match &e.kind {
            ExprKind::Binary { op: BinOp::Add, x, y } if !self.is_const(e) && self.info.types.is_string(self.ty(e)) => {
                self.concat_operands(x, out);
                self.concat_operands(y, out);
            }
            ExprKind::Paren(x) if !self.is_const(e) => self.concat_operands(x, out),
            _ => out.push(e),
        }
    }

    /// Concatenates evaluated strings through `runtime.concatstrings`.
    fn concat(&mut self, parts: &[Vec<Value>]) -> Vec<Value> {
        let buf = self.stack_temp(16 * parts.len() as u64, 8);
        for (i, v) in parts.iter().enumerate() {
            self.b.ins().store(MemFlagsData::trusted(), v[0], buf, 16 * i as i32);
            self.b.ins().store(MemFlagsData::trusted(), v[1], buf, 16 * i as i32 + 8);
        }
        let n = self.b.ins().iconst(I64, parts.len() as i64);
        self.call_runtime("runtime.concatstrings", &[buf, n], &[PTR, I64])
    }

    /// `x op y` for a comparison operator on operands of type `ty`; an i8 0/1.
    pub fn compare(&mut self, op: BinOp, ty: TypeId, x: &[Value], y: &[Value]) -> R<Value> {
        let t = &self.info.types;
        let int_cc = |signed: bool| match (op, signed) {
            (BinOp::Eq, _) => IntCC::Equal,
            (BinOp::Ne, _) => IntCC::NotEqual,
            (BinOp::Lt, true) => IntCC::SignedLessThan,
            (BinOp::Le, true) => IntCC::SignedLessThanOrEqual,
            (BinOp::Gt, true) => IntCC::SignedGreaterThan,
            (BinOp::Ge, true) => IntCC::SignedGreaterThanOrEqual,
            (BinOp::Lt, false) => IntCC::UnsignedLessThan,
            (BinOp::Le, false) => IntCC::UnsignedLessThanOrEqual,
            (BinOp::Gt, false) => IntCC::UnsignedGreaterThan,
            _ => IntCC::UnsignedGreaterThanOrEqual,
        };
        if t.is_float(ty) {
            let cc = match op {
                BinOp::Eq => FloatCC::Equal,
                BinOp::Ne => FloatCC::NotEqual,
                BinOp::Lt => FloatCC::LessThan,
                BinOp::Le => FloatCC::LessThanOrEqual,
                BinOp::Gt => FloatCC::GreaterThan,
                _ => FloatCC::GreaterThanOrEqual,
            };
            return Ok(self.b.ins().fcmp(cc, x[0], y[0]));
        }
        if t.is_string(ty) {
            let c = self.call_runtime("runtime.cmpstring", &[x[0], x[1], y[0], y[1]], &[I64])[0];
            return Ok(self.b.ins().icmp_imm_s(int_cc(true), c, 0));
        }
        if t.is_interface(ty) {
            // Same dynamic type and equal values (panics on uncomparable types).
            let eq = self.call_runtime("runtime.efaceeq", &[x[0], x[1], y[0], y[1]], &[I8])[0];
            return Ok(if op == BinOp::Ne { self.b.ins().bxor_imm_s(eq, 1) } else { eq });
        }
        match t.under(ty).clone() {
            TypeKind::Struct { fields } => {
                let (offsets, _) = t.struct_layout(&fields);
                let parts: Vec<(TypeId, u64)> = fields.iter().map(|f| f.ty).zip(offsets).collect();
                self.compare_memory(op, &parts, x[0], y[0])
            }
            TypeKind::Array { len, elem } if len <= UNROLLED_ARRAY_COMPARE => {
                let size = t.size_of(elem);
                let parts: Vec<(TypeId, u64)> = (0..len).map(|i| (elem, i * size)).collect();
                self.compare_memory(op, &parts, x[0], y[0])
            }
            TypeKind::Array { len, elem } => {
                let eq = self.compare_array_loop(len, elem, x[0], y[0])?;
                Ok(if op == BinOp::Ne { self.b.ins().bxor_imm_s(eq, 1) } else { eq })
            }
            // Integers, booleans, pointers, and slices/functions against nil: the
            // first word decides.
            _ => Ok(self.b.ins().icmp(int_cc(!t.is_unsigned(ty)), x[0], y[0])),
        }
    }

    /// `==` of two arrays of `len` elements, as a loop that stops at the first
    /// difference (unrolling every element of nested arrays can produce tens of
    /// thousands of comparisons in one function).
    fn compare_array_loop(&mut self, len: u64, elem: TypeId, xa: Value, ya: Value) -> R<Value> {
        let size = self.info.types.size_of(elem) as i64;
        let header = self.b.create_block();
        let body = self.b.create_block();
        let next = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(header, I64);
        self.b.append_block_param(next, I64);
        self.b.append_block_param(done, I8);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.ins().jump(header, &[BlockArg::Value(zero)]);
        self.b.switch_to_block(header);
        let i = self.b.block_params(header)[0];
        let more = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, i, len as i64);
        let equal = self.b.ins().iconst(I8, 1);
        self.b.ins().brif(more, body, &[], done, &[BlockArg::Value(equal)]);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        let off = self.b.ins().imul_imm_s(i, size);
        let xp = self.b.ins().iadd(xa, off);
        let yp = self.b.ins().iadd(ya, off);
        let xv = self.load_from(xp, elem);
        let yv = self.load_from(yp, elem);
        let eq = self.compare(BinOp::Eq, elem, &xv, &yv)?;
        let i1 = self.b.ins().iadd_imm_s(i, 1);
        let differ = self.b.ins().iconst(I8, 0);
        self.b.ins().brif(eq, next, &[BlockArg::Value(i1)], done, &[BlockArg::Value(differ)]);
        self.b.switch_to_block(next);
        self.b.seal_block(next);
        let n = self.b.block_params(next)[0];
        self.b.ins().jump(header, &[BlockArg::Value(n)]);
        self.b.seal_block(header);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        Ok(self.b.block_params(done)[0])
    }

    /// `==`/`!=` of two aggregates, member by member.
    fn compare_memory(&mut self, op: BinOp, parts: &[(TypeId, u64)], xa: Value, ya: Value) -> R<Value> {
        let mut all = self.b.ins().iconst(I8, 1);
        for &(ty, off) in parts {
            let xp = self.b.ins().iadd_imm_s(xa, off as i64);
            let yp = self.b.ins().iadd_imm_s(ya, off as i64);
            let xv = self.load_from(xp, ty);
            let yv = self.load_from(yp, ty);
            let eq = self.compare(BinOp::Eq, ty, &xv, &yv)?;
            all = self.b.ins().band(all, eq);
        }
        Ok(if op == BinOp::Ne { self.b.ins().bxor_imm_s(all, 1) } else { all })
    }

    /// A call expression: every result's values (empty for a call without results).
    pub fn call(&mut self, e: &'a Expr) -> R<Vec<Vec<Value>>> {
        let ExprKind::Call { func, args, ellipsis } = &e.kind else { unreachable!("call of non-call") };
        let tail = std::mem::take(&mut self.tail_call);
        let callee = strip_parens(func);
        let mode = self.info.exprs.get(&callee.id).map(|tv| tv.mode);
        self.set_pos(e.span);
        if mode == Some(Mode::TypeExpr) {
            let to = self.ty(callee);
            return Ok(vec![self.conversion(&args[0], to)?]);
        }
        if let Some(obj) = self.info.use_of(callee.id) {
            match self.info.object(obj).kind.clone() {
                ObjKind::Builtin(b) => return self.builtin(e, b, args, *ellipsis),
                ObjKind::PkgFunc(f) => return self.package_call(e, f, args, *ellipsis),
                ObjKind::Cgo(f) => {
                    let TypeKind::Func(sig) = self.info.types.kind(self.info.object(obj).ty).clone() else { unreachable!("C function of non-function type") };
                    return self.cgo_call(e, &f, &sig, args);
                }
                _ => {}
            }
        }
        if self.info.methods.contains_key(&callee.id) {
            return self.error_method_call(callee);
        }
        if let Some(&sel) = self.info.pkg_methods.get(&callee.id) {
            return self.method_call(e, callee, sel, args);
        }
        let go_sig = match self.info.types.under(self.ty(callee)) {
            TypeKind::Func(s) => s.clone(),
            other => return Err(self.err(callee.span, format!("internal compiler error: call of {other:?}"))),
        };
        let direct_obj = self.info.use_of(callee.id).filter(|&o| matches!(self.info.object(o).kind, ObjKind::Func));
        let direct = direct_obj.map(|o| self.p.funcs[&o]);
        let closure = match direct {
            Some(_) => None,
            None => {
                let fv = self.expr(callee)?[0];
                self.nil_check(fv);
                Some(fv)
            }
        };
        // Hidden result pointers, then the arguments.
        let mut call_args = vec![self.g];
        call_args.extend(closure);
        let mut result_temps = Vec::new();
        for &r in &go_sig.results {
            if let Repr::Memory { size, align } = repr(&self.info.types, r) {
                let tmp = self.stack_temp(size, align);
                call_args.push(tmp);
                result_temps.push(Some(tmp));
            } else {
                result_temps.push(None);
            }
        }
        let arg_values = self.call_arguments(&go_sig, args, *ellipsis)?;
        call_args.extend(&arg_values);
        self.set_call_pos(e);
        let target = match (direct, closure) {
            (Some(id), _) => Callee::Direct(self.p.module.declare_func_in_func(id, self.b.func)),
            (None, Some(fv)) => {
                let code = self.b.ins().load(PTR, MemFlagsData::trusted(), fv, 0);
                let sig = go_signature(&self.info.types, &go_sig, true);
                Callee::Indirect(self.b.import_signature(sig), code)
            }
            (None, None) => unreachable!("call without callee"),
        };
        if tail && go_sig.results.is_empty() {
            // A defer thunk's call: the callee replaces the thunk's frame.
            self.release_agg_frame();
            let call_args = self.complete_args(target, &call_args);
            match target {
                Callee::Direct(f) => self.b.ins().return_call(f, &call_args),
                Callee::Indirect(sig, code) => self.b.ins().return_call_indirect(sig, code, &call_args),
            };
            self.start_unreachable_block();
            return Ok(vec![]);
        }
        // The callee's early-exit guard, evaluated here (crate::guards).
        let guard = direct_obj.and_then(|o| self.p.guards.get(&o)).cloned();
        let guarded = match guard {
            Some(guard) => {
                let merge = self.inline_guard(&guard, &arg_values)?;
                self.set_call_pos(e);
                Some(merge)
            }
            None => None,
        };
        let mut rets = self.emit_call(target, &call_args, true);
        if let Some(merge) = guarded {
            let args: Vec<BlockArg> = rets.iter().map(|&v| v.into()).collect();
            self.b.ins().jump(merge, &args);
            self.b.switch_to_block(merge);
            self.b.seal_block(merge);
            rets = self.b.block_params(merge).to_vec();
        }
        let mut rets = rets.into_iter();
        Ok(go_sig
            .results
            .iter()
            .zip(result_temps)
            .map(|(&r, tmp)| match tmp {
                Some(t) => vec![t],
                None => abi_parts(&self.info.types, r).iter().map(|_| rets.next().expect("result value")).collect(),
            })
            .collect())
    }

    /// The flattened argument values of a call of a function with signature `sig`,
    /// packing variadic arguments into a slice.
    fn call_arguments(&mut self, sig: &GoSignature, args: &'a [Expr], ellipsis: bool) -> R<Vec<Value>> {
        let mut out = Vec::new();
        // f(g()) where g returns several values.
        if args.len() == 1 && matches!(self.info.types.kind(self.ty(&args[0])), TypeKind::Tuple(_)) && sig.params.len() > 1 {
            let results = self.call(&args[0])?;
            for (v, &pt) in results.into_iter().zip(&sig.params) {
                out.extend(self.snapshot(pt, v));
            }
            return Ok(out);
        }
        let fixed = if sig.variadic { sig.params.len() - 1 } else { sig.params.len() };
        for (arg, &pt) in args.iter().zip(&sig.params).take(fixed) {
            let v = self.expr(arg)?;
            // A thunk's captured aggregates are its own heap copies already (and a
            // tail call must not pass the thunk's frame memory).
            out.extend(if self.thunk.is_some() { v } else { self.snapshot(pt, v) });
        }
        if sig.variadic {
            let slice_ty = *sig.params.last().expect("variadic parameter");
            if ellipsis {
                out.extend(self.expr(&args[fixed])?);
            } else {
                let TypeKind::Slice(elem) = *self.info.types.under(slice_ty) else { unreachable!("variadic non-slice") };
                out.extend(self.build_slice(elem, &args[fixed..])?);
            }
        }
        Ok(out)
    }

    /// A new slice holding the values of `elems`; nil when there are none.
    fn build_slice(&mut self, elem: TypeId, elems: &'a [Expr]) -> R<Vec<Value>> {
        let n = elems.len() as i64;
        if n == 0 {
            return Ok(self.zero_value_slice());
        }
        let size = self.info.types.size_of(elem);
        let ptr = self.alloc(size * n as u64);
        for (i, e) in elems.iter().enumerate() {
            let v = self.expr(e)?;
            let addr = self.b.ins().iadd_imm_s(ptr, (i as u64 * size) as i64);
            self.store_to(addr, elem, &v);
        }
        let len = self.b.ins().iconst(I64, n);
        Ok(vec![ptr, len, len])
    }

    fn zero_value_slice(&mut self) -> Vec<Value> {
        let z = self.b.ins().iconst(I64, 0);
        vec![z, z, z]
    }

    /// A call of a multi-valued expression used where several values are expected.
    pub fn call_multi(&mut self, e: &'a Expr) -> R<Vec<Vec<Value>>> {
        match &strip_parens(e).kind {
            ExprKind::Call { .. } => self.call(strip_parens(e)),
            _ => Err(self.err(e.span, "internal compiler error: multi-value expression is not a call")),
        }
    }

    /// `T(x)`.
    fn conversion(&mut self, x: &'a Expr, to: TypeId) -> R<Vec<Value>> {
        let from = self.ty(x);
        let v = self.expr(x)?;
        let t = &self.info.types;
        let to_under = t.under(to).clone();
        let from_under = t.under(from).clone();
        if t.is_integer(from) && t.is_integer(to) {
            let signed = !t.is_unsigned(from);
            let to_ir = abi_parts(t, to)[0];
            return Ok(vec![self.int_convert(v[0], to_ir, signed)]);
        }
        if t.is_integer(from) && t.is_float(to) {
            let signed = !t.is_unsigned(from);
            let wide = self.extend_to_i64(v[0], signed);
            let to_ir = abi_parts(t, to)[0];
            return Ok(vec![if signed { self.b.ins().fcvt_from_sint(to_ir, wide) } else { self.b.ins().fcvt_from_uint(to_ir, wide) }]);
        }
        if t.is_float(from) && t.is_float(to) {
            let (from_ir, to_ir) = (abi_parts(t, from)[0], abi_parts(t, to)[0]);
            return Ok(vec![match (from_ir == F64, to_ir == F64) {
                (true, false) => self.b.ins().fdemote(to_ir, v[0]),
                (false, true) => self.b.ins().fpromote(to_ir, v[0]),
                _ => v[0],
            }]);
        }
        if t.is_float(from) && t.is_integer(to) {
            let to_ir = abi_parts(t, to)[0];
            let wide = if t.is_unsigned(to) { self.b.ins().fcvt_to_uint_sat(I64, v[0]) } else { self.b.ins().fcvt_to_sint_sat(I64, v[0]) };
            return Ok(vec![if to_ir == I64 { wide } else { self.b.ins().ireduce(to_ir, wide) }]);
        }
        if t.is_string(to) && t.is_integer(from) {
            let wide = self.extend_to_i64(v[0], !t.is_unsigned(from));
            return Ok(self.call_runtime("runtime.intstring", &[wide], &[PTR, I64]));
        }
        let byte_or_rune = |k: &TypeKind| match k {
            TypeKind::Slice(e) => match t.basic(*e) {
                Some(Basic::Uint8) => Some(true),
                Some(Basic::Int32) => Some(false),
                _ => None,
            },
            _ => None,
        };
        if t.is_string(to) {
            if let Some(bytes) = byte_or_rune(&from_under) {
                let f = if bytes { "runtime.slicebytetostring" } else { "runtime.slicerunetostring" };
                return Ok(self.call_runtime(f, &[v[0], v[1]], &[PTR, I64]));
            }
            return Ok(v);
        }
        if t.is_string(from) {
            if let Some(bytes) = byte_or_rune(&to_under) {
                let f = if bytes { "runtime.stringtoslicebyte" } else { "runtime.stringtoslicerune" };
                let out = self.stack_temp(24, 8);
                self.call_runtime(f, &[out, v[0], v[1]], &[]);
                return Ok(self.load_from(out, to));
            }
        }
        if let (TypeKind::Slice(_), TypeKind::Pointer(p)) = (&from_under, &to_under) {
            // `(*[N]T)(s)`: panics unless len(s) >= N; the array is s's backing store.
            let TypeKind::Array { len, .. } = *t.under(*p) else { unreachable!("slice to a pointer to a non-array") };
            let n = self.b.ins().iconst(I64, len as i64);
            let short = self.b.ins().icmp(IntCC::SignedLessThan, v[1], n);
            let code = self.b.ins().iconst(I64, BOUNDS_CONVERT);
            let signed = self.b.ins().iconst(I8, 1);
            self.panic_if(short, "runtime.panicBounds", &[self.g, code, n, v[1], signed]);
            return Ok(vec![v[0]]);
        }
        // Identical underlying types, pointer conversions, float64 to float64: the
        // representation does not change.
        Ok(v)
    }

    pub fn int_convert(&mut self, v: Value, to: Type, signed: bool) -> Value {
        let from = self.b.func.dfg.value_type(v);
        if from.bits() == to.bits() {
            v
        } else if from.bits() > to.bits() {
            self.b.ins().ireduce(to, v)
        } else if signed {
            self.b.ins().sextend(to, v)
        } else {
            self.b.ins().uextend(to, v)
        }
    }

    fn builtin(&mut self, e: &'a Expr, b: Builtin, args: &'a [Expr], ellipsis: bool) -> R<Vec<Vec<Value>>> {
        let result_ty = self.info.exprs.get(&e.id).map(|tv| tv.ty);
        match b {
            Builtin::Len | Builtin::Cap => {
                let x = &args[0];
                let xt = self.ty(x);
                let v = self.expr(x)?;
                let t = &self.info.types;
                let n = match t.under(xt).clone() {
                    _ if t.is_string(xt) => v[1],
                    TypeKind::Slice(_) => v[if b == Builtin::Len { 1 } else { 2 }],
                    TypeKind::Chan { .. } => {
                        let f = if b == Builtin::Len { "runtime.chanlen" } else { "runtime.chancap" };
                        self.call_runtime(f, &[v[0]], &[I64])[0]
                    }
                    TypeKind::Array { len, .. } => self.b.ins().iconst(I64, len as i64),
                    TypeKind::Pointer(arr) => {
                        let TypeKind::Array { len, .. } = *t.under(arr) else { unreachable!("len of pointer to non-array") };
                        self.b.ins().iconst(I64, len as i64)
                    }
                    other => return Err(self.err(e.span, format!("internal compiler error: len of {other:?}"))),
                };
                Ok(vec![vec![n]])
            }
            Builtin::New => {
                let TypeKind::Pointer(elem) = *self.info.types.under(result_ty.expect("new has a type")) else { unreachable!("new of non-pointer") };
                let size = self.info.types.size_of(elem);
                Ok(vec![vec![self.alloc(size)]])
            }
            Builtin::Make => {
                let st = result_ty.expect("make has a type");
                if let TypeKind::Chan { .. } = self.info.types.under(st) {
                    return Ok(vec![vec![self.make_chan(st, args.get(1))?]]);
                }
                let TypeKind::Slice(elem) = *self.info.types.under(st) else {
                    return Err(self.err(e.span, "not supported yet: make of this type"));
                };
                let (len, _) = self.index_value(&args[1])?;
                let cap = if args.len() > 2 { self.index_value(&args[2])?.0 } else { len };
                let es = self.b.ins().iconst(I64, self.info.types.size_of(elem) as i64);
                let ptr = self.call_runtime("runtime.makeslice", &[es, len, cap], &[PTR])[0];
                Ok(vec![vec![ptr, len, cap]])
            }
            Builtin::Append => Ok(vec![self.append(e, args, ellipsis)?]),
            Builtin::Copy => {
                let dt = self.ty(&args[0]);
                let TypeKind::Slice(elem) = *self.info.types.under(dt) else { unreachable!("copy into non-slice") };
                let d = self.expr(&args[0])?;
                let s = self.expr(&args[1])?;
                let lt = self.b.ins().icmp(IntCC::SignedLessThan, d[1], s[1]);
                let n = self.b.ins().select(lt, d[1], s[1]);
                let bytes = self.b.ins().imul_imm_s(n, self.info.types.size_of(elem) as i64);
                let cfg = self.p.module.target_config();
                self.b.call_memmove(cfg, d[0], s[0], bytes);
                Ok(vec![vec![n]])
            }
            Builtin::Panic => {
                // The checker converted the argument to interface{} (a heap copy).
                let v = self.expr(&args[0])?;
                self.call_noreturn("runtime.gopanic", &[self.g, v[0], v[1]]);
                Ok(vec![])
            }
            Builtin::Recover => Ok(vec![self.recover()]),
            Builtin::Close => {
                let c = self.expr(&args[0])?[0];
                self.call_runtime("runtime.closechan", &[self.g, c], &[]);
                Ok(vec![])
            }
            Builtin::Print | Builtin::Println => {
                for (i, a) in args.iter().enumerate() {
                    if b == Builtin::Println && i > 0 {
                        self.call_runtime("runtime.printsp", &[], &[]);
                    }
                    self.print_value(a)?;
                }
                if b == Builtin::Println {
                    self.call_runtime("runtime.printnl", &[], &[]);
                }
                Ok(vec![])
            }
            // Constants: `expr` emits their values without calling.
            Builtin::Sizeof | Builtin::Alignof | Builtin::Offsetof => unreachable!("unsafe.{b:?} is a constant"),
        }
    }

    fn print_value(&mut self, a: &'a Expr) -> R<()> {
        let ty = self.ty(a);
        let v = self.expr(a)?;
        let t = &self.info.types;
        let (f, args): (&'static str, Vec<Value>) = match t.under(ty) {
            _ if t.is_boolean(ty) => ("runtime.printbool", v),
            _ if t.is_float(ty) => {
                let f = if self.b.func.dfg.value_type(v[0]) == F64 { v[0] } else { self.b.ins().fpromote(F64, v[0]) };
                ("runtime.printfloat", vec![f])
            }
            _ if t.is_string(ty) => ("runtime.printstring", v),
            _ if t.is_integer(ty) => {
                let signed = !t.is_unsigned(ty);
                let w = self.extend_to_i64(v[0], signed);
                (if signed { "runtime.printint" } else { "runtime.printuint" }, vec![w])
            }
            TypeKind::Pointer(_) | TypeKind::Func(_) | TypeKind::Chan { .. } | TypeKind::Basic(Basic::UnsafePointer) => ("runtime.printpointer", v),
            TypeKind::Slice(_) => ("runtime.printslice", v),
            TypeKind::Interface { .. } => ("runtime.printeface", v),
            _ => return Err(self.err(a.span, format!("illegal types for operand: print\n\t{}", t.type_string(ty)))),
        };
        self.call_runtime(f, &args, &[]);
        Ok(())
    }

    /// `append(s, x...)`: grows through the runtime when the capacity is short.
    fn append(&mut self, e: &'a Expr, args: &'a [Expr], ellipsis: bool) -> R<Vec<Value>> {
        let st = self.ty(e);
        let TypeKind::Slice(elem) = *self.info.types.under(st) else { unreachable!("append to non-slice") };
        let es = self.info.types.size_of(elem);
        let s = self.expr(&args[0])?;
        // What to add: (source pointer, count) for `t...`, or the individual values.
        enum Extra {
            Spread(Value, Value),
            Values(Vec<Vec<Value>>),
        }
        let extra = if ellipsis {
            let t = self.expr(&args[1])?;
            Extra::Spread(t[0], t[1])
        } else {
            let mut vals = Vec::new();
            for a in &args[1..] {
                let v = self.expr(a)?;
                vals.push(self.snapshot(elem, v));
            }
            Extra::Values(vals)
        };
        let n = match &extra {
            Extra::Spread(_, n) => *n,
            Extra::Values(v) => self.b.ins().iconst(I64, v.len() as i64),
        };
        let new_len = self.b.ins().iadd(s[1], n);
        let short = self.b.ins().icmp(IntCC::UnsignedGreaterThan, new_len, s[2]);
        let grow = self.b.create_block();
        let done = self.b.create_block();
        self.b.append_block_param(done, PTR);
        self.b.append_block_param(done, I64);
        self.b.set_cold_block(grow);
        self.b.ins().brif(short, grow, &[], done, &[BlockArg::Value(s[0]), BlockArg::Value(s[2])]);
        self.b.switch_to_block(grow);
        self.b.seal_block(grow);
        let out = self.stack_temp(24, 8);
        let es_v = self.b.ins().iconst(I64, es as i64);
        self.call_runtime("runtime.growslice", &[out, es_v, s[0], s[1], s[2], new_len], &[]);
        let p = self.b.ins().load(PTR, MemFlagsData::trusted(), out, 0);
        let c = self.b.ins().load(I64, MemFlagsData::trusted(), out, 16);
        self.b.ins().jump(done, &[BlockArg::Value(p), BlockArg::Value(c)]);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        let ptr = self.b.block_params(done)[0];
        let cap = self.b.block_params(done)[1];
        let off = self.b.ins().imul_imm_s(s[1], es as i64);
        let dst = self.b.ins().iadd(ptr, off);
        match extra {
            Extra::Spread(src, n) => {
                let bytes = self.b.ins().imul_imm_s(n, es as i64);
                let cfg = self.p.module.target_config();
                self.b.call_memmove(cfg, dst, src, bytes);
            }
            Extra::Values(vals) => {
                for (i, v) in vals.iter().enumerate() {
                    let a = self.b.ins().iadd_imm_s(dst, (i as u64 * es) as i64);
                    self.store_to(a, elem, v);
                }
            }
        }
        Ok(vec![ptr, new_len, cap])
    }

    /// The `(type descriptor, data address)` pair of a value passed as `any`.
    fn eface(&mut self, a: &'a Expr) -> R<(Value, Value)> {
        let ty = self.ty(a);
        if matches!(self.info.types.basic(ty), Some(Basic::UntypedNil)) {
            let z = self.b.ins().iconst(PTR, 0);
            return Ok((z, z));
        }
        let ty = self.info.types.default_type(ty);
        let v = self.expr(a)?;
        if self.info.types.is_interface(ty) {
            // Already an (type, data) pair: passed as is (nil stays nil).
            return Ok((v[0], v[1]));
        }
        let data = self.spill(ty, &v);
        Ok((self.type_desc_addr(ty), data))
    }

    /// `x.(T)`: the value (and, for the comma-ok form, whether it holds); a failed
    /// single-value assertion panics with Go's `interface conversion` error.
    pub fn type_assert(&mut self, e: &'a Expr, x: &'a Expr, comma_ok: bool) -> R<Vec<Vec<Value>>> {
        let t = self.ty(e);
        let iface_ty = self.ty(x);
        let v = self.expr(x)?;
        let (typ, data) = (v[0], v[1]);
        let types = &self.info.types;
        let target_iface = types.is_interface(t);
        let parts: Vec<Type> = abi_parts(types, t);
        let have = self.b.ins().icmp_imm_s(IntCC::NotEqual, typ, 0);
        let want = self.type_desc_addr(t);
        let ok = if !target_iface {
            self.b.ins().icmp(IntCC::Equal, typ, want)
        } else if types.underlying(t) == TypeId::EMPTY_INTERFACE {
            have
        } else {
            // `error`: a non-nil dynamic type with an Error method (`error_fn`).
            let check = self.b.create_block();
            let join = self.b.create_block();
            self.b.append_block_param(join, I8);
            let no = self.b.ins().iconst(I8, 0);
            self.b.ins().brif(have, check, &[], join, &[BlockArg::Value(no)]);
            self.b.switch_to_block(check);
            self.b.seal_block(check);
            let f = self.b.ins().load(PTR, MemFlagsData::trusted(), typ, TYPE_ERROR_FN);
            let has = self.b.ins().icmp_imm_s(IntCC::NotEqual, f, 0);
            self.b.ins().jump(join, &[BlockArg::Value(has)]);
            self.b.switch_to_block(join);
            self.b.seal_block(join);
            self.b.block_params(join)[0]
        };
        let yes = self.b.create_block();
        let no = self.b.create_block();
        let done = self.b.create_block();
        for &p in &parts {
            self.b.append_block_param(done, p);
        }
        self.b.ins().brif(ok, yes, &[], no, &[]);
        self.b.switch_to_block(yes);
        self.b.seal_block(yes);
        let val = if target_iface { vec![typ, data] } else { self.load_from(data, t) };
        let args: Vec<BlockArg> = val.iter().map(|&v| BlockArg::Value(v)).collect();
        self.b.ins().jump(done, &args);
        self.b.switch_to_block(no);
        self.b.seal_block(no);
        if !comma_ok {
            let iface = self.type_desc_addr(iface_ty);
            self.call_noreturn("runtime.panicdottype", &[self.g, typ, want, iface]);
        }
        let zero = self.zero_value(t);
        let args: Vec<BlockArg> = zero.iter().map(|&v| BlockArg::Value(v)).collect();
        self.b.ins().jump(done, &args);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        let result = self.b.block_params(done).to_vec();
        Ok(if comma_ok { vec![result, vec![ok]] } else { vec![result] })
    }

    /// `x.Error()` on an error interface value (the only interface method so far).
    fn error_method_call(&mut self, sel: &'a Expr) -> R<Vec<Vec<Value>>> {
        let ExprKind::Selector { x, .. } = &sel.kind else { unreachable!("method call of a non-selector") };
        let v = self.expr(x)?;
        self.nil_check(v[0]);
        Ok(vec![self.call_runtime("runtime.errorText", &[v[0], v[1]], &[PTR, I64])])
    }

    /// The `Eface`s of the arguments passed as `...any`: one per argument, or one per
    /// result of a single multi-valued call (`fmt.Println(f())`).
    fn variadic_efaces(&mut self, args: &'a [Expr]) -> R<Vec<(Value, Value)>> {
        if let [only] = args {
            if let TypeKind::Tuple(types) = self.info.types.kind(self.ty(only)).clone() {
                let results = self.call_multi(only)?;
                let mut out = Vec::new();
                for (ty, vals) in types.into_iter().zip(results) {
                    let data = self.spill(ty, &vals);
                    out.push((self.type_desc_addr(ty), data));
                }
                return Ok(out);
            }
        }
        args.iter().map(|a| self.eface(a)).collect()
    }

    /// A call of a package function (docs/abi.md: strings as two words, `[]string`
    /// results through an out pointer, `...any` as an `Eface` array and a count).
    fn package_call(&mut self, e: &'a Expr, f: &'static PkgFunc, args: &'a [Expr], ellipsis: bool) -> R<Vec<Vec<Value>>> {
        let mut call_args = Vec::new();
        if f.takes_g {
            call_args.push(self.g);
        }
        // `[]string` and several results come back through an out pointer.
        let mem_out = f.results.first() == Some(&PkgType::StringSlice) || f.results.len() > 1;
        let out = if mem_out {
            let o = self.stack_temp(self.info.types.size_of(self.ty(e)), 8);
            call_args.push(o);
            Some(o)
        } else {
            None
        };
        for (i, p) in f.params.iter().enumerate() {
            if *p == PkgType::VariadicAny && ellipsis {
                // A []interface{} is an array of Efaces already.
                let s = self.expr(&args[i])?;
                call_args.extend([s[0], s[1]]);
                break;
            }
            if *p == PkgType::VariadicAny {
                let efaces = self.variadic_efaces(&args[i.min(args.len())..])?;
                let buf = self.stack_temp(16 * efaces.len().max(1) as u64, 8);
                for (j, (typ, data)) in efaces.iter().enumerate() {
                    self.b.ins().store(MemFlagsData::trusted(), *typ, buf, 16 * j as i32);
                    self.b.ins().store(MemFlagsData::trusted(), *data, buf, 16 * j as i32 + 8);
                }
                let n = self.b.ins().iconst(I64, efaces.len() as i64);
                call_args.extend([buf, n]);
                break;
            }
            call_args.extend(self.pkg_arg(*p, &args[i])?);
        }
        let returns: Vec<Type> = match f.results.first() {
            Some(PkgType::String) => vec![PTR, I64],
            Some(PkgType::Int | PkgType::Int64) => vec![I64],
            Some(PkgType::Bool) => vec![I8],
            Some(PkgType::Error) => vec![PTR, PTR],
            _ => vec![],
        };
        self.set_call_pos(e);
        if f.noreturn {
            self.call_noreturn(f.symbol, &call_args);
            return Ok(vec![]);
        }
        let rets = self.call_runtime(f.symbol, &call_args, &returns);
        Ok(match (out, f.results.first()) {
            (Some(o), _) if f.results.len() > 1 => {
                // Consecutive, naturally aligned words (docs/abi.md).
                let TypeKind::Tuple(types) = self.info.types.kind(self.ty(e)).clone() else { unreachable!("several results without a tuple") };
                let mut off = 0u64;
                let mut vals = Vec::new();
                for t in types {
                    off = off.next_multiple_of(self.info.types.align_of(t));
                    let at = self.b.ins().iadd_imm_s(o, off as i64);
                    vals.push(self.load_from(at, t));
                    off += self.info.types.size_of(t);
                }
                vals
            }
            (Some(o), _) => vec![self.load_from(o, self.ty(e))],
            (None, Some(_)) => vec![rets],
            (None, None) => vec![],
        })
    }

    /// A fixed (not `...any`) argument of a package function or method as the
    /// runtime takes it: integers widened to 64 bits.
    pub fn pkg_arg(&mut self, p: PkgType, arg: &'a Expr) -> R<Vec<Value>> {
        let v = self.expr(arg)?;
        Ok(match p {
            PkgType::Int | PkgType::Int64 => {
                let signed = !self.info.types.is_unsigned(self.ty(arg));
                vec![self.extend_to_i64(v[0], signed)]
            }
            _ => v,
        })
    }

    /// A composite literal of type `ty`.
    fn composite(&mut self, e: &'a Expr, ty: TypeId) -> R<Vec<Value>> {
        let ExprKind::CompositeLit { elems, .. } = &e.kind else { unreachable!("composite of non-literal") };
        let t = &self.info.types;
        match t.under(ty).clone() {
            TypeKind::Struct { fields } => {
                let (size, align) = (t.size_of(ty), t.align_of(ty));
                let (offsets, _) = t.struct_layout(&fields);
                let base = self.stack_temp(size, align);
                self.zero_memory(base, size, align);
                for (i, el) in elems.iter().enumerate() {
                    let index = match &el.key {
                        Some(k) => match &k.kind {
                            ExprKind::Ident(name) => fields.iter().position(|f| &f.name == name).ok_or_else(|| self.err(k.span, format!("unknown field {name}")))?,
                            _ => return Err(self.err(k.span, "internal compiler error: bad field key")),
                        },
                        None => i,
                    };
                    let v = self.expr(&el.value)?;
                    let addr = self.b.ins().iadd_imm_s(base, offsets[index] as i64);
                    self.store_to(addr, fields[index].ty, &v);
                }
                Ok(vec![base])
            }
            TypeKind::Array { len, elem } => {
                let es = t.size_of(elem);
                let (size, align) = (t.size_of(ty), t.align_of(ty));
                let base = self.stack_temp(size, align);
                self.zero_memory(base, size, align);
                self.store_elements(base, elem, es, elems, len)?;
                Ok(vec![base])
            }
            TypeKind::Slice(elem) => {
                let es = t.size_of(elem);
                let n = self.literal_length(elems);
                if n == 0 {
                    // `[]T{}` is an empty, non-nil slice.
                    let ptr = self.alloc(0);
                    let z = self.b.ins().iconst(I64, 0);
                    return Ok(vec![ptr, z, z]);
                }
                let ptr = self.alloc(es * n);
                self.store_elements(ptr, elem, es, elems, n)?;
                let len = self.b.ins().iconst(I64, n as i64);
                Ok(vec![ptr, len, len])
            }
            other => Err(self.err(e.span, format!("not supported yet: composite literal of {other:?}"))),
        }
    }

    /// The number of elements an array or slice literal defines (keys may skip ahead).
    fn literal_length(&self, elems: &[syntax::ast::Element]) -> u64 {
        let mut next = 0u64;
        let mut max = 0u64;
        for el in elems {
            if let Some(k) = &el.key {
                if let Some(::types::ConstValue::Int(i)) = self.info.const_value(k.id) {
                    next = *i as u64;
                }
            }
            next += 1;
            max = max.max(next);
        }
        max
    }

    fn store_elements(&mut self, base: Value, elem: TypeId, es: u64, elems: &'a [syntax::ast::Element], _len: u64) -> R<()> {
        let mut index = 0u64;
        for el in elems {
            if let Some(k) = &el.key {
                if let Some(::types::ConstValue::Int(i)) = self.info.const_value(k.id) {
                    index = *i as u64;
                }
            }
            let v = self.expr(&el.value)?;
            let addr = self.b.ins().iadd_imm_s(base, (index * es) as i64);
            self.store_to(addr, elem, &v);
            index += 1;
        }
        Ok(())
    }

    /// A function literal: a closure object `{code, cells of captured variables...}`.
    fn closure(&mut self, e: &'a Expr) -> R<Vec<Value>> {
        Ok(vec![self.closure_object(e)?.0])
    }

    /// A function literal's closure object and its code.
    pub fn closure_object(&mut self, e: &'a Expr) -> R<(Value, FuncId)> {
        let parent = self.name.clone();
        let id = self.p.queue_closure(&parent, self.is_closure, e);
        let captures = self.info.captures.get(&e.id).cloned().unwrap_or_default();
        if captures.is_empty() {
            let data = self.p.static_closure(id);
            let gv = self.p.module.declare_data_in_func(data, self.b.func);
            return Ok((self.b.ins().symbol_value(PTR, gv), id));
        }
        let obj = self.alloc(8 * (captures.len() as u64 + 1));
        let f = self.p.module.declare_func_in_func(id, self.b.func);
        let code = self.b.ins().func_addr(PTR, f);
        self.b.ins().store(MemFlagsData::trusted(), code, obj, 0);
        for (i, var) in captures.iter().enumerate() {
            let cell = match self.vars.get(var).cloned() {
                Some(Storage::Addr(v)) => self.b.use_var(v),
                _ => return Err(self.err(e.span, format!("internal compiler error: captured variable {} is not in a heap cell", self.info.object(*var).name))),
            };
            self.b.ins().store(MemFlagsData::trusted(), cell, obj, 8 * (i as i32 + 1));
        }
        Ok((obj, id))
    }
}
