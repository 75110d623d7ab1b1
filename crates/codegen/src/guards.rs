//! Partial inlining of early-exit guards (what GCC calls function splitting): a
//! function whose body begins
//!
//! ```go
//! func fib(n int) int {
//!     if n < 2 {
//!         return n
//!     }
//!     ...
//! ```
//!
//! has its guard evaluated at each direct call site, on the argument values: when it
//! holds, the caller takes the guard's results without calling; otherwise it makes the
//! call as usual (the callee tests the guard again, which costs a compare).
//!
//! Why: compiled functions use the `tail` convention, whose callee-saved registers
//! Cranelift saves in the prologue, before the guard, and restores in every epilogue
//! (it does no shrink-wrapping), so a recursive function's base-case calls, usually
//! most of its calls, each pay for saves their path never needed.
//!
//! Invisible to the program: a guard qualifies only when it cannot panic, call or
//! have effects — its condition and results are made of the function's parameters,
//! constants, and operators that cannot fail (no division, no shifts) on integers,
//! floats, booleans and pointers — so no traceback, panic, recover or stack growth can
//! observe the missing frame. Its parameters and results are each one scalar, and
//! every result has exactly its result's type (no conversion to an interface).
//! `defer`/`go` thunks' tail calls are left alone.

use std::collections::HashMap;

use ::types::{Info, ObjId, ObjKind, TypeId};
use cranelift_codegen::ir::{Block, InstBuilder, Value};
use syntax::ast::{self, BinOp, Expr, ExprKind, StmtKind, UnOp};

use crate::abi::abi_parts;
use crate::expr::R;
use crate::func::{FunctionTranslator, Storage};

/// A function's early-exit guard: `if cond { return results }` as its first statement.
#[derive(Clone)]
pub(crate) struct Guard<'a> {
    /// The function's parameters, one per argument value.
    params: Vec<(ObjId, TypeId)>,
    cond: &'a Expr,
    results: &'a [Expr],
    /// The function's result types.
    result_types: Vec<TypeId>,
}

/// The guards of the top-level functions in `decls` that have one, by function.
pub(crate) fn find_guards<'a>(info: &Info, decls: &'a [ast::Decl]) -> HashMap<ObjId, Guard<'a>> {
    decls
        .iter()
        .filter_map(|d| match d {
            ast::Decl::Func(fd) => Some(fd),
            _ => None,
        })
        .filter_map(|fd| {
            let obj = info.def_of(fd.name.id)?;
            Some((obj, guard_of(info, obj, fd)?))
        })
        .collect()
}

fn guard_of<'a>(info: &Info, obj: ObjId, fd: &'a ast::FuncDecl) -> Option<Guard<'a>> {
    if fd.recv.is_some() || fd.type_params.is_some() || !matches!(info.object(obj).kind, ObjKind::Func) {
        return None;
    }
    let ::types::TypeKind::Func(sig) = info.types.kind(info.object(obj).ty) else { return None };
    if sig.variadic {
        return None;
    }
    let one_scalar = |t: TypeId| abi_parts(&info.types, t).len() == 1;
    let mut params = Vec::new();
    for (p, &ty) in fd.sig.params.iter().zip(&sig.params) {
        let param = info.def_of(p.name.as_ref()?.id)?;
        if !one_scalar(ty) {
            return None;
        }
        params.push((param, ty));
    }
    let first = fd.body.as_ref()?.stmts.first()?;
    let StmtKind::If { init: None, cond, then, els: None } = &first.kind else { return None };
    let [ret] = then.stmts.as_slice() else { return None };
    let StmtKind::Return(results) = &ret.kind else { return None };
    if results.len() != sig.results.len() {
        return None;
    }
    let names: Vec<ObjId> = params.iter().map(|&(p, _)| p).collect();
    let pure = |e: &Expr| is_pure(info, &names, e);
    let typed = results.iter().zip(&sig.results).all(|(e, &t)| one_scalar(t) && info.type_of(e.id) == t && !info.iface_conversions.contains_key(&e.id));
    (typed && pure(cond) && results.iter().all(pure)).then(|| Guard { params, cond, results, result_types: sig.results.clone() })
}

/// Whether `e` is computed from `params` and constants by operators that cannot fail,
/// on operands whose values are single machine words or floats.
fn is_pure(info: &Info, params: &[ObjId], e: &Expr) -> bool {
    if info.const_value(e.id).is_some() {
        return true;
    }
    if matches!(e.kind, ExprKind::Ident(_)) && info.use_of(e.id).is_some_and(|o| matches!(info.object(o).kind, ObjKind::Nil)) {
        return true;
    }
    let t = &info.types;
    let ty = info.type_of(e.id);
    let plain = t.is_integer(ty) || t.is_float(ty) || t.is_boolean(ty) || matches!(t.under(ty), ::types::TypeKind::Pointer(_));
    if !plain {
        return false;
    }
    match &e.kind {
        ExprKind::Ident(_) => info.use_of(e.id).is_some_and(|o| params.contains(&o)),
        ExprKind::Paren(x) => is_pure(info, params, x),
        ExprKind::Unary { op: UnOp::Plus | UnOp::Neg | UnOp::Not | UnOp::Xor, x } => is_pure(info, params, x),
        ExprKind::Binary { op, x, y } => {
            use BinOp::*;
            let total = matches!(op, Add | Sub | Mul | And | Or | Xor | AndNot | LAnd | LOr | Eq | Ne | Lt | Le | Gt | Ge);
            total && is_pure(info, params, x) && is_pure(info, params, y)
        }
        _ => false,
    }
}

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    /// At a direct call of a function with a guard, on its argument values: evaluates
    /// the guard and, when it holds, its results, and returns the merge block: the
    /// caller emits the call in the current block and jumps to the merge block with
    /// the call's results, which its parameters then are either way.
    pub fn inline_guard(&mut self, guard: &Guard<'a>, args: &[Value]) -> R<Block> {
        // The callee's parameters name the argument values while its guard is
        // translated (they may be the caller's own, in a recursive call).
        let mut shadowed = Vec::new();
        for (&(param, ty), &v) in guard.params.iter().zip(args) {
            let var = self.b.declare_var(abi_parts(&self.info.types, ty)[0]);
            self.b.def_var(var, v);
            shadowed.push((param, self.vars.insert(param, Storage::Ssa(vec![var]))));
        }
        let translated = self.translate_guard(guard);
        for (param, old) in shadowed {
            match old {
                Some(s) => self.vars.insert(param, s),
                None => self.vars.remove(&param),
            };
        }
        translated
    }

    fn translate_guard(&mut self, guard: &Guard<'a>) -> R<Block> {
        let merge = self.b.create_block();
        for &t in &guard.result_types {
            self.b.append_block_param(merge, abi_parts(&self.info.types, t)[0]);
        }
        let taken = self.b.create_block();
        let call = self.b.create_block();
        let cond = self.expr(guard.cond)?[0];
        self.b.ins().brif(cond, taken, &[], call, &[]);
        self.b.switch_to_block(taken);
        self.b.seal_block(taken);
        let mut results = Vec::new();
        for e in guard.results {
            results.push(self.expr(e)?[0].into());
        }
        self.b.ins().jump(merge, &results);
        self.b.switch_to_block(call);
        self.b.seal_block(call);
        Ok(merge)
    }
}

#[cfg(test)]
mod tests {
    use syntax::{parse_file, SourceFile};

    /// The names of the functions of `src` that get a guard.
    fn guarded(src: &str) -> Vec<String> {
        let file = SourceFile::new("t.go", src);
        let (ast, diags) = parse_file(&file);
        assert!(diags.is_empty(), "{diags:?}");
        let (info, diags) = types::check_file(&file, &ast);
        assert!(diags.is_empty(), "{}", syntax::source::render(&file, &diags));
        let mut names: Vec<String> = super::find_guards(&info, &ast.decls).keys().map(|&o| info.object(o).name.clone()).collect();
        names.sort();
        names
    }

    #[test]
    fn guards_that_cannot_fail_qualify() {
        let src = r#"package main

type node struct{ next *node }

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func walk(p *node) {
	if p == nil {
		return
	}
	walk(p.next)
}

func pair(a, b int, f float64) (int, bool) {
	if a > b && !(f < 0.5) || a == -b {
		return a*b - 1, true
	}
	return 0, false
}

func main() {}
"#;
        assert_eq!(guarded(src), ["fib", "pair", "walk"]);
    }

    #[test]
    fn guards_that_could_fail_or_convert_do_not() {
        let src = r#"package main

var g int

func div(a, b int) int {
	if a/b > 1 {
		return 1
	}
	return div(a, b-1)
}

func shift(a uint) uint {
	if a<<a > 1 {
		return 1
	}
	return 0
}

func global(a int) int {
	if a < g {
		return a
	}
	return 0
}

func call(a int) int {
	if a < len("x") {
		return call(a)
	}
	return 0
}

func iface(a int) interface{} {
	if a < 0 {
		return a
	}
	return nil
}

func str(s string) string {
	if s == "" {
		return s
	}
	return "x"
}

func later(a int) int {
	a++
	if a < 0 {
		return a
	}
	return 0
}

func variadic(a ...int) int {
	if a == nil {
		return 0
	}
	return 1
}

func main() {}
"#;
        assert_eq!(guarded(src), Vec::<String>::new());
    }
}
