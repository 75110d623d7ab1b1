//! The pseudo-package `unsafe`: the type `unsafe.Pointer` and the builtins
//! `unsafe.Sizeof`, `unsafe.Alignof` and `unsafe.Offsetof`, whose calls are constants
//! of type `uintptr` (the layout is types.rs', which is gc's on x86-64).
//! `unsafe.Add` and `unsafe.Slice` are not supported yet.

use syntax::ast::{self, Expr, ExprKind};

use super::expr::unparen;
use super::{Checker, OMode, Operand};
use crate::constant::Value;
use crate::info::{Builtin, ObjKind};
use crate::types::{TypeId, TypeKind};

impl<'a> Checker<'a> {
    /// `unsafe.name` (the package name already recorded).
    pub(crate) fn unsafe_member(&mut self, e: &'a Expr, sel: &'a ast::Ident) -> Operand<'a> {
        let (name, builtin) = match sel.name.as_str() {
            "Pointer" => return Operand::new(OMode::TypeExpr, TypeId::UNSAFE_POINTER, e),
            "Sizeof" => ("Sizeof", Builtin::Sizeof),
            "Alignof" => ("Alignof", Builtin::Alignof),
            "Offsetof" => ("Offsetof", Builtin::Offsetof),
            "Add" => return Operand::new(OMode::Unsupported("unsafe.Add"), TypeId::INVALID, e),
            "Slice" => return Operand::new(OMode::Unsupported("unsafe.Slice"), TypeId::INVALID, e),
            _ => {
                self.error(e.span, format!("undefined: unsafe.{}", sel.name));
                return Operand::invalid(e);
            }
        };
        let obj = match self.pkg_func_objs.get(&("unsafe", name)) {
            Some(&o) => o,
            None => {
                let o = self.new_object(name, ObjKind::Builtin(builtin), TypeId::INVALID, sel.span);
                self.pkg_func_objs.insert(("unsafe", name), o);
                o
            }
        };
        self.info.uses.insert(e.id, obj);
        Operand::new(OMode::Builtin(builtin), TypeId::INVALID, e)
    }

    /// A call of `unsafe.Sizeof`, `Alignof` or `Offsetof` with its one argument (the
    /// count was checked): the constant, or an invalid operand after a diagnostic.
    pub(crate) fn unsafe_builtin(&mut self, e: &'a Expr, b: Builtin, arg: &'a Expr) -> Operand<'a> {
        let value = match b {
            Builtin::Offsetof => self.offsetof(arg),
            _ => {
                let mut x = self.expr(arg);
                let context = format!("argument to unsafe.{}", if b == Builtin::Sizeof { "Sizeof" } else { "Alignof" });
                if !self.default_untyped(&mut x, &context) {
                    return Operand::invalid(e);
                }
                let types = &self.info.types;
                Some(if b == Builtin::Sizeof { types.size_of(x.ty) } else { types.align_of(x.ty) })
            }
        };
        match value {
            Some(v) => Operand::constant(TypeId::UINTPTR, Value::int(v as i128), e),
            None => Operand::invalid(e),
        }
    }

    /// `unsafe.Offsetof(x.f)`: the offset of field `f` in the struct `x` (or `*x`)
    /// denotes.
    fn offsetof(&mut self, arg: &'a Expr) -> Option<u64> {
        let selector = unparen(arg);
        let x = self.expr(arg);
        if x.is_invalid() {
            return None;
        }
        let field = match &selector.kind {
            ExprKind::Selector { x: base, .. } => self.info.fields.get(&selector.id).map(|f| (base, f.index)),
            _ => None,
        };
        let Some((base, index)) = field else {
            let msg = if self.info.pkg_methods.contains_key(&selector.id) || self.info.methods.contains_key(&selector.id) {
                format!("invalid argument: {} is a method value", self.expr_str(arg))
            } else {
                format!("invalid argument: {} is not a selector expression", self.expr_str(arg))
            };
            self.error(arg.span, msg);
            return None;
        };
        let types = &self.info.types;
        let base_ty = self.info.type_of(base.id);
        let st = match *types.under(base_ty) {
            TypeKind::Pointer(to) => to,
            _ => base_ty,
        };
        Some(types.field_offset(st, index))
    }
}
