//! The type checker: resolves identifiers, computes the type (and constant value) of
//! every expression, checks statements, and records the results in an [`Info`].
//!
//! Responsible for: Go's typing rules for the supported subset (as in the spec and
//! `go/types`, whose error wording it follows), untyped constants and their implicit
//! conversion, rejecting everything unsupported with `not supported yet: WHAT`,
//! escape/capture facts for closures and `&x`, and the package variable
//! initialisation order. Not responsible for: parsing, layout (types.rs), anything
//! about code generation.
//!
//! How it works, in the order `check_file` runs:
//! 1. the universe (predeclared objects) and the package scope are populated: every
//!    top-level name gets an [`Object`] whose type is not yet known;
//! 2. each package-level object is resolved *lazily* (`obj_decl`): its declaration is
//!    checked when first needed, so declarations may appear in any order; a path of
//!    objects being resolved detects cycles (`invalid recursive type`);
//! 3. in a file that imports "C", the `//export` lines are checked (cgo.rs); then
//!    function bodies are checked after all package-level declarations;
//! 4. the initialisation order of package variables is computed from the
//!    dependencies recorded while checking (`initorder.rs`);
//! 5. unused imports and a missing `main` are reported.
//!
//! Invariants of `Info` (see info.rs) are maintained as follows: every expression is
//! recorded when checked (`record`); an untyped expression is recorded with its
//! untyped type first and re-recorded, together with its untyped operands, when its
//! final type becomes known (`update_expr_type`, Go's `updateExprType`).
//!
//! Robustness: the checker never panics on any tree the parser produces. Recursion is
//! bounded by a nesting limit (`MAX_DEPTH`), and `check_file` runs on a thread with a
//! large stack so that the bounded recursion always fits.

mod call;
mod cgo;
mod expr;
mod exprstring;
mod initorder;
mod stmt;
mod typexpr;
mod unsafe_pkg;

#[cfg(test)]
mod cgo_tests;
#[cfg(test)]
mod concurrency_tests;
#[cfg(test)]
mod robust_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use syntax::ast::{self, Expr, ExprKind, NodeId};
use syntax::{Diagnostic, SourceFile, Span};

use crate::cgo::CgoDecls;
use crate::constant::{is_int_basic, ConstValue, Value};
use crate::info::{Builtin, Info, Mode, ObjId, ObjKind, Object, TypeAndValue};
use crate::packages::{self, PkgFunc};
use crate::types::{Basic, Signature, TypeId, TypeKind};

pub(crate) use exprstring::expr_string;

/// How deeply expressions and statements may nest before the checker gives up on a
/// subtree (with a diagnostic). Go programs never come close; the limit exists so that
/// adversarial input cannot overflow the stack.
const MAX_DEPTH: u32 = 3000;

/// Stack size of the checking thread: comfortably more than `MAX_DEPTH` nested
/// expressions need even in unoptimised builds (a few KiB per level).
const CHECK_STACK: usize = 256 << 20;

/// Type-checks one file of package `main` that does not use cgo (`import "C"` is
/// `not supported yet`).
pub fn check_file(file: &SourceFile, ast: &ast::File) -> (Info, Vec<Diagnostic>) {
    check_file_cgo(file, ast, None)
}

/// Type-checks one file of package `main`; `cgo`: the C declarations of its
/// preamble (docs/cgo.md), which make `import "C"` available.
pub fn check_file_cgo(file: &SourceFile, ast: &ast::File, cgo: Option<&CgoDecls>) -> (Info, Vec<Diagnostic>) {
    let run = || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_file_unguarded(file, ast, cgo))).unwrap_or_else(|_| {
            let diag = Diagnostic::new(ast.package.span, "internal compiler error: the type checker panicked");
            (Info::default(), vec![diag])
        })
    };
    std::thread::scope(|s| match std::thread::Builder::new().name("typecheck".into()).stack_size(CHECK_STACK).spawn_scoped(s, run) {
        Ok(handle) => handle.join().unwrap_or_else(|_| (Info::default(), vec![Diagnostic::new(ast.package.span, "internal compiler error")])),
        // No thread available: check on this one (the depth limit still applies).
        Err(_) => check_file_unguarded(file, ast, cgo),
    })
}

/// The checker without the safety net of a big stack and `catch_unwind`; tests use it
/// so that a panic is a test failure.
pub(crate) fn check_file_unguarded(file: &SourceFile, ast: &ast::File, cgo: Option<&CgoDecls>) -> (Info, Vec<Diagnostic>) {
    let mut c = Checker::new(file, ast, cgo);
    c.check();
    // The same error can be found twice (a type expression shared by several names).
    let mut seen = std::collections::HashSet::new();
    let diags = c.diags.into_iter().filter(|d| seen.insert((d.span.lo, d.message.clone()))).collect();
    (c.info, diags)
}

/// An operand's mode: [`Mode`] plus the states that are never recorded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OMode {
    /// An erroneous operand; errors about it were already reported.
    Invalid,
    NoValue,
    Value,
    Variable,
    Constant,
    TypeExpr,
    Builtin(Builtin),
    /// A package name.
    Package,
    PkgFunc(&'static PkgFunc),
    /// A function of the pseudo-package `C` (an `ObjKind::Cgo`): it can only be called.
    Cgo(ObjId),
    /// A builtin the compiler does not support (`recover`): the name of the feature.
    Unsupported(&'static str),
}

impl PartialEq for OMode {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (OMode::Builtin(a), OMode::Builtin(b)) => a == b,
            (OMode::PkgFunc(a), OMode::PkgFunc(b)) => std::ptr::eq(*a, *b),
            (OMode::Cgo(a), OMode::Cgo(b)) => a == b,
            (OMode::Unsupported(a), OMode::Unsupported(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// The result of checking an expression.
#[derive(Clone, Debug)]
pub(crate) struct Operand<'a> {
    pub mode: OMode,
    pub ty: TypeId,
    /// A constant's exact value (`mode` is `Constant`).
    pub val: Option<Value>,
    pub expr: &'a Expr,
    /// A call of a package function whose results are not modelled (`fmt.Println`).
    pub unmodelled: bool,
    /// How the operand's type was spelled when it is `byte` or `rune` (aliases our
    /// types cannot tell from `uint8`/`int32`), for diagnostics.
    pub spelled: Option<&'static str>,
}

impl<'a> Operand<'a> {
    fn invalid(expr: &'a Expr) -> Self {
        Operand { mode: OMode::Invalid, ty: TypeId::INVALID, val: None, expr, unmodelled: false, spelled: None }
    }
    fn new(mode: OMode, ty: TypeId, expr: &'a Expr) -> Self {
        Operand { mode, ty, val: None, expr, unmodelled: false, spelled: None }
    }
    fn constant(ty: TypeId, val: Value, expr: &'a Expr) -> Self {
        Operand { mode: OMode::Constant, ty, val: Some(val), expr, unmodelled: false, spelled: None }
    }
    pub fn is_invalid(&self) -> bool {
        self.mode == OMode::Invalid || self.ty == TypeId::INVALID && !matches!(self.mode, OMode::Builtin(_) | OMode::Package | OMode::PkgFunc(_) | OMode::NoValue | OMode::Unsupported(_))
    }
    fn is_nil(&self) -> bool {
        self.mode == OMode::Value && self.ty == TypeId::UNTYPED_NIL
    }
}

/// Where a package-level object is declared.
#[derive(Clone, Copy, Debug)]
enum PkgDecl {
    Var { decl: usize, spec: usize },
    Const { decl: usize, spec: usize, index: usize },
    Type { decl: usize, spec: usize },
    Func { decl: usize },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Resolve {
    Todo,
    InProgress,
    Done,
}

/// What the checker knows about an object beyond what `Info` records.
#[derive(Clone, Debug)]
struct ObjExtra {
    decl: Option<PkgDecl>,
    state: Resolve,
    /// Nesting depth of the function that declares a local (1 = a top-level
    /// function's body); 0 for package-level and predeclared objects.
    func_depth: usize,
    used: bool,
    /// A predeclared name the compiler does not support (`complex64`, `recover`).
    unsupported: Option<&'static str>,
    /// `iota`.
    is_iota: bool,
    /// A constant's exact value (`ObjKind::Const` holds the recorded form).
    value: Option<Value>,
}

/// A lexical block.
struct Scope {
    names: HashMap<String, ObjId>,
    /// Variables declared here, in order, for `declared and not used`.
    vars: Vec<ObjId>,
}

/// A label of the function being checked.
struct LabelInfo {
    span: Span,
    used: bool,
}

/// The function (declaration or literal) whose body is being checked.
struct FuncCtx {
    results: Vec<TypeId>,
    /// The function has named results (a bare `return` is allowed).
    named_results: bool,
    /// The literal's expression id; `None` for a declared function.
    lit: Option<NodeId>,
    captures: Vec<ObjId>,
    labels: HashMap<String, LabelInfo>,
}

pub(crate) struct Checker<'a> {
    file: &'a SourceFile,
    ast: &'a ast::File,
    /// The C declarations of the file's preamble, when cgo is available.
    cgo: Option<&'a CgoDecls>,
    /// The file imports "C": `C.name` means the pseudo-package, and diagnostics
    /// spell it as cgo rewrites it.
    cgo_names: bool,
    /// The named types of the C types used, by cgo's base name (`int`, `ulong`).
    c_types: HashMap<&'static str, TypeId>,
    /// The objects of the C functions (and cgo's `C.CString`...) used, by name.
    c_funcs: HashMap<String, ObjId>,
    pub info: Info,
    pub diags: Vec<Diagnostic>,
    extra: Vec<ObjExtra>,
    universe: HashMap<String, ObjId>,
    pkg_scope: HashMap<String, ObjId>,
    scopes: Vec<Scope>,
    funcs: Vec<FuncCtx>,
    /// Package-level objects being resolved (innermost last), for cycle detection.
    path: Vec<ObjId>,
    /// The package-level object whose declaration or body is being checked: uses of
    /// package-level variables, constants and functions are its dependencies.
    cur_decl: Option<ObjId>,
    deps: HashMap<ObjId, Vec<ObjId>>,
    /// Package-level objects in source order (vars, consts, funcs) for init order.
    pkg_objs: Vec<ObjId>,
    /// The objects of each package-level `var` spec's names, `_` included (by decl
    /// and spec index).
    spec_objs: HashMap<(usize, usize), Vec<ObjId>>,
    /// Objects of imported packages: (object, import index).
    imports: Vec<(ObjId, usize)>,
    /// The value of `iota` inside a constant declaration.
    iota: Option<i128>,
    /// Names of the (unsupported) methods the file declares: selecting one is not
    /// reported again as an undefined field.
    method_names: std::collections::HashSet<String>,
    /// The exact value of every constant expression recorded in `info.exprs`.
    exact: HashMap<NodeId, Value>,
    /// Objects for package functions and the builtins of `unsafe`, created on first
    /// use.
    pkg_func_objs: HashMap<(&'static str, &'static str), ObjId>,
    /// The objects of package variables used, by runtime symbol (`os.Args`).
    pkg_var_objs: HashMap<&'static str, ObjId>,
    /// The named types of package types (`sync.Mutex`), created on first use.
    pkg_types: HashMap<(&'static str, &'static str), TypeId>,
    /// Labeled statements enclosing the one being checked: (label, is a loop, is
    /// breakable, function depth).
    enclosing: Vec<(String, bool, bool, usize)>,
    depth: u32,
    /// A diagnostic about excessive nesting was reported.
    too_deep: bool,
}

impl<'a> Checker<'a> {
    fn new(file: &'a SourceFile, ast: &'a ast::File, cgo: Option<&'a CgoDecls>) -> Self {
        let mut c = Checker {
            file,
            ast,
            cgo,
            cgo_names: false,
            c_types: HashMap::new(),
            c_funcs: HashMap::new(),
            info: Info::default(),
            diags: Vec::new(),
            extra: Vec::new(),
            universe: HashMap::new(),
            pkg_scope: HashMap::new(),
            scopes: Vec::new(),
            funcs: Vec::new(),
            path: Vec::new(),
            cur_decl: None,
            deps: HashMap::new(),
            pkg_objs: Vec::new(),
            spec_objs: HashMap::new(),
            imports: Vec::new(),
            iota: None,
            exact: HashMap::new(),
            method_names: Default::default(),
            pkg_func_objs: HashMap::new(),
            pkg_var_objs: HashMap::new(),
            pkg_types: HashMap::new(),
            enclosing: Vec::new(),
            depth: 0,
            too_deep: false,
        };
        c.populate_universe();
        c
    }

    // ----- diagnostics -----

    pub(crate) fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(span, msg));
    }

    pub(crate) fn unsupported(&mut self, span: Span, what: &str) {
        self.error(span, format!("not supported yet: {what}"));
    }

    /// Enters one level of nesting; false (after a diagnostic, once) when too deep.
    fn enter(&mut self, span: Span) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.error(span, "program too complex: nesting too deep");
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// `x (variable of type int)`: Go's description of an operand in diagnostics.
    pub(crate) fn describe(&self, x: &Operand) -> String {
        let t = &self.info.types;
        if x.is_nil() {
            return "nil".to_string();
        }
        let expr = self.expr_str(x.expr);
        let mut s = format!("{expr} (");
        let mut has_type = false;
        match x.mode {
            OMode::Invalid | OMode::NoValue | OMode::Builtin(_) | OMode::TypeExpr | OMode::Unsupported(_) => {}
            _ => {
                if t.is_untyped(x.ty) {
                    s.push_str(&t.type_string(x.ty));
                    s.push(' ');
                } else {
                    has_type = true;
                }
            }
        }
        s.push_str(match x.mode {
            OMode::Invalid => "invalid operand",
            OMode::NoValue => "no value",
            OMode::Builtin(_) | OMode::Unsupported(_) => "built-in",
            OMode::TypeExpr => "type",
            OMode::Constant => "constant",
            OMode::Variable => "variable",
            OMode::Value | OMode::PkgFunc(_) | OMode::Cgo(_) => "value",
            OMode::Package => "package",
        });
        if let (OMode::Constant, Some(v)) = (x.mode, &x.val) {
            let vs = v.go_string();
            if vs != expr {
                s.push(' ');
                s.push_str(&vs);
            }
        }
        if has_type {
            if x.ty == TypeId::INVALID {
                s.push_str(" with invalid type");
            } else {
                s.push_str(" of type ");
                match x.spelled {
                    Some(name) => s.push_str(name),
                    None => s.push_str(&t.type_string(x.ty)),
                }
            }
        }
        s.push(')');
        s
    }

    /// Go's spelling of an expression in diagnostics (exprstring.rs).
    pub(crate) fn expr_str(&self, e: &Expr) -> String {
        expr_string(e, self.cgo_names)
    }

    pub(crate) fn type_str(&self, t: TypeId) -> String {
        self.info.types.type_string(t)
    }

    // ----- objects and scopes -----

    fn new_object(&mut self, name: &str, kind: ObjKind, ty: TypeId, span: Span) -> ObjId {
        let id = ObjId(self.info.objects.len() as u32);
        self.info.objects.push(Object { name: name.to_string(), kind, ty, span });
        self.extra.push(ObjExtra { decl: None, state: Resolve::Done, func_depth: self.funcs.len(), used: false, unsupported: None, is_iota: false, value: None });
        id
    }

    fn populate_universe(&mut self) {
        let whole = Span::new(0, self.file.text.len() as u32);
        let types: &[(&str, TypeId)] = &[
            ("bool", TypeId::BOOL),
            ("int", TypeId::INT),
            ("int8", TypeId::INT8),
            ("int16", TypeId::INT16),
            ("int32", TypeId::INT32),
            ("int64", TypeId::INT64),
            ("uint", TypeId::UINT),
            ("uint8", TypeId::UINT8),
            ("uint16", TypeId::UINT16),
            ("uint32", TypeId::UINT32),
            ("uint64", TypeId::UINT64),
            ("uintptr", TypeId::UINTPTR),
            ("float32", TypeId::FLOAT32),
            ("float64", TypeId::FLOAT64),
            ("string", TypeId::STRING),
            ("byte", TypeId::BYTE),
            ("rune", TypeId::RUNE),
            ("any", TypeId::EMPTY_INTERFACE),
            ("error", TypeId::ERROR),
        ];
        for &(name, ty) in types {
            let id = self.new_object(name, ObjKind::TypeName, ty, whole);
            self.universe.insert(name.to_string(), id);
        }
        let unsupported_types: &[(&str, &str)] = &[
            ("complex64", "complex numbers"),
            ("complex128", "complex numbers"),
            ("comparable", "generics"),
        ];
        for &(name, what) in unsupported_types {
            let id = self.new_object(name, ObjKind::TypeName, TypeId::INVALID, whole);
            self.extra[id.0 as usize].unsupported = Some(what);
            self.universe.insert(name.to_string(), id);
        }
        let builtins: &[(&str, Builtin)] = &[
            ("append", Builtin::Append),
            ("cap", Builtin::Cap),
            ("close", Builtin::Close),
            ("copy", Builtin::Copy),
            ("len", Builtin::Len),
            ("make", Builtin::Make),
            ("new", Builtin::New),
            ("panic", Builtin::Panic),
            ("print", Builtin::Print),
            ("println", Builtin::Println),
            ("recover", Builtin::Recover),
        ];
        for &(name, b) in builtins {
            let id = self.new_object(name, ObjKind::Builtin(b), TypeId::INVALID, whole);
            self.universe.insert(name.to_string(), id);
        }
        let unsupported_funcs: &[(&str, &str)] = &[
            ("delete", "maps"),
            ("complex", "complex numbers"),
            ("real", "complex numbers"),
            ("imag", "complex numbers"),
            ("min", "min"),
            ("max", "max"),
            ("clear", "clear"),
        ];
        for &(name, what) in unsupported_funcs {
            // Not a real builtin of ours: the kind is a placeholder, `unsupported` rules.
            let id = self.new_object(name, ObjKind::Builtin(Builtin::Panic), TypeId::INVALID, whole);
            self.extra[id.0 as usize].unsupported = Some(what);
            self.universe.insert(name.to_string(), id);
        }
        for (name, v) in [("true", true), ("false", false)] {
            let id = self.new_object(name, ObjKind::Const(ConstValue::Bool(v)), TypeId::UNTYPED_BOOL, whole);
            self.extra[id.0 as usize].value = Some(Value::Bool(v));
            self.universe.insert(name.to_string(), id);
        }
        let iota = self.new_object("iota", ObjKind::Const(ConstValue::Int(0)), TypeId::UNTYPED_INT, whole);
        self.extra[iota.0 as usize].is_iota = true;
        self.universe.insert("iota".to_string(), iota);
        let nil = self.new_object("nil", ObjKind::Nil, TypeId::UNTYPED_NIL, whole);
        self.universe.insert("nil".to_string(), nil);
    }

    /// Looks a name up from the innermost scope outwards.
    fn lookup(&self, name: &str) -> Option<ObjId> {
        for s in self.scopes.iter().rev() {
            if let Some(&id) = s.names.get(name) {
                return Some(id);
            }
        }
        self.pkg_scope.get(name).or_else(|| self.universe.get(name)).copied()
    }

    fn open_scope(&mut self) {
        self.scopes.push(Scope { names: HashMap::new(), vars: Vec::new() });
    }

    /// Closes the innermost scope, reporting its unused variables.
    fn close_scope(&mut self) {
        let Some(scope) = self.scopes.pop() else { return };
        for v in scope.vars {
            if !self.extra[v.0 as usize].used {
                let o = &self.info.objects[v.0 as usize];
                let msg = format!("declared and not used: {}", o.name);
                let span = o.span;
                self.error(span, msg);
            }
        }
    }

    /// Declares a local object in the innermost scope (or reports a redeclaration).
    /// `_` is never declared.
    fn declare_local(&mut self, ident_name: &str, span: Span, obj: ObjId) {
        if ident_name == "_" {
            return;
        }
        let Some(scope) = self.scopes.last_mut() else { return };
        if scope.names.contains_key(ident_name) {
            self.error(span, format!("{ident_name} redeclared in this block"));
            return;
        }
        scope.names.insert(ident_name.to_string(), obj);
        if matches!(self.info.objects[obj.0 as usize].kind, ObjKind::Var { .. }) && self.funcs.last().is_some() {
            scope.vars.push(obj);
        }
    }

    /// A new local variable (not yet in any scope).
    fn new_local_var(&mut self, name: &str, ty: TypeId, span: Span) -> ObjId {
        self.new_object(name, ObjKind::Var { global: false, escapes: false }, ty, span)
    }

    fn mark_escapes(&mut self, obj: ObjId) {
        if let ObjKind::Var { global: false, escapes } = &mut self.info.objects[obj.0 as usize].kind {
            *escapes = true;
        }
    }

    /// Records a use of `obj` by an identifier: marks it used (unless it is only
    /// assigned to), records captures and package-level dependencies.
    fn note_use(&mut self, obj: ObjId, mark_used: bool) {
        let ex = &mut self.extra[obj.0 as usize];
        if mark_used {
            ex.used = true;
        }
        let depth = ex.func_depth;
        let kind = &self.info.objects[obj.0 as usize].kind;
        match kind {
            // A variable of an enclosing function: every literal between its function
            // and this one captures it.
            ObjKind::Var { global: false, .. } if depth >= 1 && depth < self.funcs.len() => {
                for f in &mut self.funcs[depth..] {
                    if f.lit.is_some() && !f.captures.contains(&obj) {
                        f.captures.push(obj);
                    }
                }
                self.mark_escapes(obj);
            }
            ObjKind::Var { global: true, .. } | ObjKind::Func | ObjKind::Const(_) if depth == 0 && self.extra[obj.0 as usize].decl.is_some() => {
                if let Some(cur) = self.cur_decl {
                    let deps = self.deps.entry(cur).or_default();
                    if !deps.contains(&obj) {
                        deps.push(obj);
                    }
                }
            }
            _ => {}
        }
    }

    // ----- recording -----

    /// Records an operand's type and value for its expression: the value in the
    /// recorded form of its type in `Info`, the exact one in `exact`.
    pub(crate) fn record(&mut self, x: &Operand) {
        let mode = match x.mode {
            OMode::Invalid => Mode::Value,
            OMode::NoValue => Mode::NoValue,
            OMode::Value => Mode::Value,
            OMode::Variable => Mode::Variable,
            OMode::Constant => Mode::Constant,
            OMode::TypeExpr => Mode::TypeExpr,
            OMode::Builtin(_) | OMode::Unsupported(_) => Mode::Builtin,
            OMode::Package | OMode::PkgFunc(_) | OMode::Cgo(_) => Mode::Package,
        };
        let value = match (&x.val, x.mode) {
            (Some(v), OMode::Constant) => {
                let b = self.info.types.basic(x.ty);
                self.exact.insert(x.expr.id, v.clone());
                v.recorded(b)
            }
            _ => {
                self.exact.remove(&x.expr.id);
                None
            }
        };
        self.info.exprs.insert(x.expr.id, TypeAndValue { mode, ty: x.ty, value });
    }

    /// Gives an untyped expression (and its untyped operands) its final type `target`,
    /// converting recorded constant values (Go's `updateExprType`).
    pub(crate) fn update_expr_type(&mut self, e: &Expr, target: TypeId) {
        if target == TypeId::INVALID {
            return;
        }
        let Some(tv) = self.info.exprs.get(&e.id) else { return };
        if !self.info.types.is_untyped(tv.ty) {
            return;
        }
        let (mode, old_ty) = (tv.mode, tv.ty);
        match &e.kind {
            ExprKind::Paren(x) => self.update_expr_type(x, target),
            ExprKind::Unary { op: ast::UnOp::Plus | ast::UnOp::Neg | ast::UnOp::Xor | ast::UnOp::Not, x } => self.update_expr_type(x, target),
            ExprKind::Binary { op, x, y } => {
                if op.is_comparison() {
                    // The operands keep their own types; the result is a bool.
                } else if matches!(op, ast::BinOp::Shl | ast::BinOp::Shr) {
                    if mode != Mode::Constant && !self.info.types.is_untyped(target) && !self.info.types.is_integer(target) {
                        let msg = format!("invalid operation: shifted operand {} (type {}) must be integer", self.expr_str(x), self.type_str(target));
                        self.error(e.span, msg);
                        return;
                    }
                    self.update_expr_type(x, target);
                } else {
                    self.update_expr_type(x, target);
                    self.update_expr_type(y, target);
                }
            }
            _ => {}
        }
        let _ = old_ty;
        let basic = self.info.types.basic(target);
        let exact = match (self.exact.get(&e.id), basic) {
            (Some(v), Some(b)) => Some(convert_kind(v, b)),
            (v, _) => v.cloned(),
        };
        if let Some(tv) = self.info.exprs.get_mut(&e.id) {
            tv.ty = target;
            if let Some(v) = &exact {
                tv.value = v.recorded(basic);
            }
        }
        if let Some(v) = exact {
            self.exact.insert(e.id, v);
        }
    }

    // ----- driver -----

    fn check(&mut self) {
        let ast = self.ast;
        if ast.package.name != "main" && !ast.package.name.is_empty() {
            let msg = format!("not supported yet: package {} (only package main)", ast.package.name);
            self.error(ast.package.span, msg);
        }
        self.collect_imports();
        self.collect_decls();
        // Resolve every package-level object.
        let objs: Vec<ObjId> = self.pkg_scope.values().copied().collect();
        let mut objs = objs;
        objs.sort();
        for obj in objs {
            self.obj_decl(obj);
        }
        for &obj in &self.pkg_objs.clone() {
            self.obj_decl(obj);
        }
        if self.cgo_names {
            self.exports();
        }
        // Function bodies.
        for (i, d) in ast.decls.iter().enumerate() {
            if let ast::Decl::Func(fd) = d {
                if let Some(&obj) = self.info.defs.get(&fd.name.id) {
                    self.func_body(i, fd, obj);
                } else if fd.recv.is_none() && fd.type_params.is_none() && fd.body.is_some() && matches!(fd.name.name.as_str(), "_" | "init") {
                    // `func _() {...}` and `func init() {...}` are checked but never
                    // callable: their objects are in no scope.
                    let name = fd.name.name.as_str();
                    let obj = self.new_object(name, ObjKind::Func, TypeId::INVALID, fd.name.span);
                    let ty = self.signature(&fd.sig);
                    self.info.objects[obj.0 as usize].ty = ty;
                    if name == "init" {
                        self.info.defs.insert(fd.name.id, obj);
                        if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                            self.error(fd.name.span, "func init must have no arguments and no return values");
                        }
                    }
                    self.func_body(i, fd, obj);
                }
            }
        }
        self.init_order();
        self.unused_imports();
        let is_main = ast.package.name == "main" || ast.package.name.is_empty();
        if is_main && !self.pkg_scope.get("main").is_some_and(|&m| matches!(self.info.objects[m.0 as usize].kind, ObjKind::Func)) {
            let span = ast.package.span;
            self.error(span, "function main is undeclared in the main package");
        }
    }

    fn collect_imports(&mut self) {
        for (i, imp) in self.ast.imports.iter().enumerate() {
            let path = imp.path.as_str();
            if path == "C" {
                self.import_c(imp);
                continue;
            }
            if !packages::PACKAGES.contains(&path) {
                self.unsupported(imp.span, &format!("package {:?}", path));
                continue;
            }
            let name = match &imp.name {
                Some(n) if n.name == "." => {
                    self.unsupported(n.span, "dot imports");
                    continue;
                }
                Some(n) if n.name == "_" => continue,
                Some(n) => n.name.clone(),
                None => path.rsplit('/').next().unwrap_or(path).to_string(),
            };
            let span = imp.name.as_ref().map_or(imp.span, |n| n.span);
            let obj = self.new_object(&name, ObjKind::Package { path: path.to_string() }, TypeId::INVALID, span);
            if let Some(n) = &imp.name {
                self.info.defs.insert(n.id, obj);
            }
            if self.pkg_scope.contains_key(&name) {
                self.error(span, format!("{name} redeclared in this block"));
                continue;
            }
            self.pkg_scope.insert(name, obj);
            self.imports.push((obj, i));
        }
    }

    /// `import "C"`: declares the pseudo-package `C` when cgo is available. It counts
    /// as used (cmd/cgo removes it from the file).
    fn import_c(&mut self, imp: &ast::Import) {
        if self.cgo.is_none() {
            self.unsupported(imp.span, "cgo");
            return;
        }
        self.cgo_names = true;
        if imp.name.is_some() {
            // At the path, `"C"`, as cmd/cgo reports it.
            let path = Span::new(imp.span.hi.saturating_sub(3), imp.span.hi);
            self.error(path, "cannot rename import \"C\"");
            return;
        }
        if self.pkg_scope.contains_key("C") {
            // Another `import "C"`: the same pseudo-package.
            return;
        }
        let obj = self.new_object("C", ObjKind::Package { path: "C".to_string() }, TypeId::INVALID, imp.span);
        self.extra[obj.0 as usize].used = true;
        self.pkg_scope.insert("C".to_string(), obj);
    }

    fn unused_imports(&mut self) {
        for &(obj, i) in &self.imports.clone() {
            if self.extra[obj.0 as usize].used {
                continue;
            }
            let imp = &self.ast.imports[i];
            let name = &self.info.objects[obj.0 as usize].name;
            let default = imp.path.rsplit('/').next().unwrap_or(&imp.path);
            let msg = if imp.name.is_some() && name != default {
                format!("{:?} imported as {} and not used", imp.path, name)
            } else {
                format!("{:?} imported and not used", imp.path)
            };
            self.error(imp.span, msg);
        }
    }

    fn declare_pkg(&mut self, ident: &ast::Ident, obj: ObjId) {
        if ident.name == "_" {
            return;
        }
        self.info.defs.insert(ident.id, obj);
        if ident.name == "init" && !matches!(self.info.objects[obj.0 as usize].kind, ObjKind::Func) {
            self.error(ident.span, "cannot declare init - must be func");
            return;
        }
        if let Some(&other) = self.pkg_scope.get(&ident.name) {
            if matches!(self.info.objects[other.0 as usize].kind, ObjKind::Package { .. }) {
                let msg = format!("{} already declared through import of package", ident.name);
                self.error(ident.span, msg);
            } else {
                self.error(ident.span, format!("{} redeclared in this block", ident.name));
            }
            return;
        }
        self.pkg_scope.insert(ident.name.clone(), obj);
    }

    fn collect_decls(&mut self) {
        let ast = self.ast;
        for (di, d) in ast.decls.iter().enumerate() {
            match d {
                ast::Decl::Func(fd) => {
                    if fd.recv.is_some() {
                        self.unsupported(fd.name.span, "methods");
                        self.method_names.insert(fd.name.name.clone());
                        continue;
                    }
                    if let Some(span) = fd.type_params {
                        self.unsupported(span, "generics");
                        continue;
                    }
                    if fd.body.is_none() {
                        self.unsupported(fd.name.span, "functions without a body");
                        continue;
                    }
                    // `init` and `_` are not declared: the spec makes `init`
                    // unreferenceable, so any number of them may exist. Their
                    // bodies are checked with the other bodies (`check`).
                    if fd.name.name == "_" || fd.name.name == "init" {
                        continue;
                    }
                    let obj = self.new_object(&fd.name.name, ObjKind::Func, TypeId::INVALID, fd.name.span);
                    self.extra[obj.0 as usize].decl = Some(PkgDecl::Func { decl: di });
                    self.extra[obj.0 as usize].state = Resolve::Todo;
                    self.declare_pkg(&fd.name, obj);
                    self.pkg_objs.push(obj);
                }
                ast::Decl::Var(specs) => {
                    for (si, spec) in specs.iter().enumerate() {
                        let mut objs = Vec::new();
                        for name in &spec.names {
                            let obj = self.new_object(&name.name, ObjKind::Var { global: true, escapes: false }, TypeId::INVALID, name.span);
                            self.extra[obj.0 as usize].decl = Some(PkgDecl::Var { decl: di, spec: si });
                            self.extra[obj.0 as usize].state = Resolve::Todo;
                            self.declare_pkg(name, obj);
                            self.pkg_objs.push(obj);
                            objs.push(obj);
                        }
                        self.spec_objs.insert((di, si), objs);
                    }
                }
                ast::Decl::Const(specs) => {
                    for (si, spec) in specs.iter().enumerate() {
                        for (ni, name) in spec.names.iter().enumerate() {
                            let obj = self.new_object(&name.name, ObjKind::Const(ConstValue::Int(0)), TypeId::INVALID, name.span);
                            self.extra[obj.0 as usize].decl = Some(PkgDecl::Const { decl: di, spec: si, index: ni });
                            self.extra[obj.0 as usize].state = Resolve::Todo;
                            self.declare_pkg(name, obj);
                            self.pkg_objs.push(obj);
                        }
                    }
                }
                ast::Decl::Type(specs) => {
                    for (si, spec) in specs.iter().enumerate() {
                        let obj = self.new_object(&spec.name.name, ObjKind::TypeName, TypeId::INVALID, spec.name.span);
                        self.extra[obj.0 as usize].decl = Some(PkgDecl::Type { decl: di, spec: si });
                        self.extra[obj.0 as usize].state = Resolve::Todo;
                        self.declare_pkg(&spec.name, obj);
                        self.pkg_objs.push(obj);
                    }
                }
            }
        }
    }

    /// Resolves a package-level object: checks its declaration unless done already.
    fn obj_decl(&mut self, obj: ObjId) {
        let ex = &self.extra[obj.0 as usize];
        let Some(decl) = ex.decl else { return };
        match ex.state {
            Resolve::Done => return,
            Resolve::InProgress => {
                self.cycle(obj);
                return;
            }
            Resolve::Todo => {}
        }
        self.extra[obj.0 as usize].state = Resolve::InProgress;
        self.path.push(obj);
        // Package-level declarations are checked outside of any function.
        let saved_scopes = std::mem::take(&mut self.scopes);
        let saved_funcs = std::mem::take(&mut self.funcs);
        let saved_iota = self.iota.take();
        let saved_decl = self.cur_decl.replace(obj);
        let saved_depth = std::mem::replace(&mut self.depth, 0);
        let ast = self.ast;
        match decl {
            PkgDecl::Func { decl } => {
                if let Some(ast::Decl::Func(fd)) = ast.decls.get(decl) {
                    // As in go/types: while its signature is checked, the function is a
                    // `func()`, so its name used in there is an error of its own (`leaf
                    // is not a type`) rather than a silently invalid parameter type.
                    let placeholder = self.info.types.intern(TypeKind::Func(Signature { params: Vec::new(), results: Vec::new(), variadic: false }));
                    self.info.objects[obj.0 as usize].ty = placeholder;
                    let ty = self.signature(&fd.sig);
                    self.info.objects[obj.0 as usize].ty = ty;
                    if fd.name.name == "main" {
                        let sig_ok = matches!(self.info.types.kind(ty), TypeKind::Func(s) if s.params.is_empty() && s.results.is_empty());
                        if !sig_ok {
                            self.error(fd.name.span, "func main must have no arguments and no return values");
                        }
                    }
                }
            }
            PkgDecl::Var { decl, spec: si } => {
                if let Some(ast::Decl::Var(specs)) = ast.decls.get(decl) {
                    if let Some(spec) = specs.get(si) {
                        let objs = self.spec_objs.get(&(decl, si)).cloned().unwrap_or_default();
                        let n = spec.names.len();
                        if spec.values.len() == n && n > 1 {
                            // `var a, b = x, y`: each name is resolved on its own.
                            let i = objs.iter().position(|&o| o == obj).unwrap_or(0);
                            let types = self.var_spec_types(spec, Some(&objs), Some(i));
                            if let Some(&ty) = types.get(i) {
                                self.info.objects[obj.0 as usize].ty = ty;
                            }
                        } else {
                            // All names of the spec are resolved together.
                            for o in &objs {
                                self.extra[o.0 as usize].state = Resolve::InProgress;
                            }
                            let types = self.var_spec_types(spec, Some(&objs), None);
                            for (o, ty) in objs.iter().zip(types) {
                                self.info.objects[o.0 as usize].ty = ty;
                                self.extra[o.0 as usize].state = Resolve::Done;
                            }
                        }
                    }
                }
            }
            PkgDecl::Const { decl, spec, index } => {
                if let Some(ast::Decl::Const(specs)) = ast.decls.get(decl) {
                    if let Some(spec) = specs.get(spec) {
                        self.const_spec_one(spec, index, obj);
                    }
                }
            }
            PkgDecl::Type { decl, spec } => {
                if let Some(ast::Decl::Type(specs)) = ast.decls.get(decl) {
                    if let Some(spec) = specs.get(spec) {
                        self.type_spec(spec, obj);
                    }
                }
            }
        }
        self.scopes = saved_scopes;
        self.funcs = saved_funcs;
        self.iota = saved_iota;
        self.cur_decl = saved_decl;
        self.depth = saved_depth;
        self.path.pop();
        self.extra[obj.0 as usize].state = Resolve::Done;
    }

    /// An object was needed while its own declaration is being checked.
    fn cycle(&mut self, obj: ObjId) {
        let o = &self.info.objects[obj.0 as usize];
        match o.kind {
            // A named type may refer to itself (through pointers etc.): its id exists
            // already. Only a cycle through aliases (no type yet) is invalid here;
            // cycles through underlying types are caught in type_spec.
            ObjKind::TypeName if o.ty == TypeId::INVALID => {
                let (name, span) = (o.name.clone(), o.span);
                self.error(span, format!("invalid recursive type {name}"));
                self.report_cycle_path(obj);
            }
            ObjKind::Const(_) => {
                let (name, span) = (o.name.clone(), o.span);
                self.error(span, format!("initialization cycle for {name}"));
                self.report_cycle_path(obj);
            }
            // Variable cycles are reported by the initialisation order analysis; the
            // variable's type is still unknown, which makes the use invalid silently.
            _ => {}
        }
    }

    /// Appends `\tA refers to B` lines for the cycle ending in `obj` to the last
    /// diagnostic.
    fn report_cycle_path(&mut self, obj: ObjId) {
        let Some(start) = self.path.iter().position(|&o| o == obj) else { return };
        let names: Vec<String> = self.path[start..].iter().map(|&o| self.info.objects[o.0 as usize].name.clone()).collect();
        let mut s = String::new();
        for (i, n) in names.iter().enumerate() {
            let next = names.get(i + 1).unwrap_or(&names[0]);
            s.push_str(&format!("\n\t{n} refers to {next}"));
        }
        if let Some(d) = self.diags.last_mut() {
            d.message.push_str(&s);
        }
    }

    /// Checks a function body (declared function).
    fn func_body(&mut self, _decl: usize, fd: &'a ast::FuncDecl, obj: ObjId) {
        let Some(body) = &fd.body else { return };
        let sig = match self.info.types.kind(self.info.objects[obj.0 as usize].ty) {
            TypeKind::Func(s) => s.clone(),
            _ => Signature { params: vec![], results: vec![], variadic: false },
        };
        let saved = self.cur_decl.replace(obj);
        self.depth = 0;
        self.func_literal_body(&fd.sig, &sig, body, None);
        self.cur_decl = saved;
    }

    /// Checks the body of a function (declared or literal) with signature `sig`;
    /// returns the captured variables.
    fn func_literal_body(&mut self, ft: &'a ast::FuncType, sig: &Signature, body: &'a ast::Block, lit: Option<NodeId>) -> Vec<ObjId> {
        let named_results = ft.results.iter().any(|r| r.name.is_some());
        self.funcs.push(FuncCtx { results: sig.results.clone(), named_results, lit, captures: Vec::new(), labels: HashMap::new() });
        self.open_scope();
        for (p, &ty) in ft.params.iter().zip(&sig.params).chain(ft.results.iter().zip(&sig.results)) {
            if let Some(name) = &p.name {
                let obj = self.new_local_var(&name.name, ty, name.span);
                if name.name != "_" {
                    self.info.defs.insert(name.id, obj);
                }
                self.extra[obj.0 as usize].used = true;
                self.declare_local(&name.name, name.span, obj);
            }
        }
        self.collect_labels(&body.stmts);
        self.stmt_list(&body.stmts, stmt::StmtCtx::default());
        self.check_gotos(body);
        if !sig.results.is_empty() && !self.is_terminating_list(&body.stmts, "") {
            self.error(Span::new(body.span.hi.saturating_sub(1), body.span.hi), "missing return");
        }
        self.close_scope();
        let f = self.funcs.pop();
        let Some(f) = f else { return Vec::new() };
        let mut labels: Vec<(&String, &LabelInfo)> = f.labels.iter().filter(|(_, l)| !l.used).collect();
        labels.sort_by_key(|(_, l)| l.span.lo);
        let msgs: Vec<(Span, String)> = labels.iter().map(|(n, l)| (l.span, format!("label {n} defined and not used"))).collect();
        for (span, msg) in msgs {
            self.error(span, msg);
        }
        f.captures
    }
}

/// Converts a constant value to the kind of basic type `b` without range checks (for
/// operands of constant expressions, whose own values codegen never uses).
pub(crate) fn convert_kind(v: &Value, b: Basic) -> Value {
    match v.represent(b) {
        Ok(v) => v,
        Err(_) => match (v, b) {
            (Value::Float(r), _) if is_int_basic(b) => Value::Int(r.trunc()),
            _ => v.clone(),
        },
    }
}
