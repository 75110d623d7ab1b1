//! What the checker records about a program: [`Info`], keyed by AST node ids.
//!
//! Invariants code generation relies on (the checker guarantees them for programs
//! without diagnostics):
//! * every expression that produces a value has an entry in `Info::exprs`; its `ty` is
//!   the type the value has *in its context* — an untyped constant that was converted
//!   implicitly (`var x float64 = 1`) is recorded with the target type (`float64`), and
//!   only constants in contexts that keep them untyped (a shift count, an operand of a
//!   comparison whose result is itself untyped) keep an untyped type;
//! * every expression with a constant value carries it in `value`, already converted
//!   to (and representable in) `ty`: code generation emits it and never looks inside;
//! * every identifier expression that names something has an entry in `Info::uses`,
//!   every declaring identifier (other than `_`) one in `Info::defs`;
//! * a selector `pkg.Name` of a function has an entry in `uses` for the selector
//!   expression's id (also `C.name` of a C function: an `ObjKind::Cgo`); a field
//!   selector `x.f` has one in `Info::fields`, a method selector one in
//!   `Info::methods` or `Info::pkg_methods`.

use std::collections::HashMap;

use syntax::ast::NodeId;
use syntax::Span;

use crate::constant::ConstValue;
use crate::packages::{PkgFunc, PkgMethod};
use crate::types::{TypeId, Types};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(pub u32);

/// How an expression may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A call of a function without results.
    NoValue,
    /// A value that is not addressable.
    Value,
    /// An addressable location (a variable, `*p`, `a[i]` of an addressable array or a
    /// slice, `x.f` of an addressable struct or through a pointer).
    Variable,
    /// A constant; `TypeAndValue::value` holds it.
    Constant,
    /// The expression denotes a type (conversion callee, composite literal type).
    TypeExpr,
    /// A builtin function name (the callee of a builtin call).
    Builtin,
    /// A package name or a package member function (`fmt`, `fmt.Println`).
    Package,
}

#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub ty: TypeId,
    pub value: Option<ConstValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Append,
    Cap,
    Close,
    Copy,
    Len,
    Make,
    New,
    Panic,
    Print,
    Println,
    Recover,
    /// `unsafe.Sizeof`, `unsafe.Alignof`, `unsafe.Offsetof`: their calls are always
    /// constants.
    Sizeof,
    Alignof,
    Offsetof,
}

/// A function of the pseudo-package `C` (docs/cgo.md). Its object's type is the Go
/// signature cgo gives it (`C.puts` is `func(*C.char) C.int`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CgoFunc {
    /// A C function: calls go through `runtime.cgocall` to this generated wrapper
    /// (`types::cgo::CFunc::wrapper`).
    C { wrapper: String },
    /// `C.CString(string) *C.char`
    CString,
    /// `C.GoString(*C.char) string`
    GoString,
    /// `C.GoStringN(*C.char, C.int) string`
    GoStringN,
}

/// A top-level function exported to C by a `//export NAME` line (docs/cgo.md).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    /// The C name (cgo requires it to be the function's own name).
    pub name: String,
    /// The function (an `ObjKind::Func`); its parameters and result are scalars of
    /// the types cgo can pass (C types, pointers to them, `unsafe.Pointer`, Go's
    /// integers, floats and `bool`).
    pub func: ObjId,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    /// A variable: local, parameter, named result or package-level.
    Var {
        global: bool,
        /// Captured by a closure or address-taken (`&x`, `x[:]` of an array, `&x.f`):
        /// the variable lives in a heap cell, not in registers or a stack slot.
        escapes: bool,
    },
    Const(ConstValue),
    TypeName,
    /// A top-level function declared in the file.
    Func,
    Builtin(Builtin),
    /// An imported package (`fmt`).
    Package { path: String },
    /// A function of an imported package (`fmt.Println`).
    PkgFunc(&'static PkgFunc),
    /// A variable of an imported package (`os.Args`): `symbol` names its storage in
    /// the runtime (docs/abi.md).
    PkgVar { symbol: &'static str },
    /// A function of the pseudo-package `C`, only ever called (`C.puts(s)`).
    Cgo(CgoFunc),
    /// The predeclared `nil`.
    Nil,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    /// The object's type (for `TypeName`: the type it names; `INVALID` where
    /// meaningless: packages, builtins).
    pub ty: TypeId,
    /// Where it was declared (the whole file for predeclared objects).
    pub span: Span,
}

/// The field a selector `x.f` selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSel {
    /// Index of the field in the struct type.
    pub index: usize,
    /// `x` is a pointer to the struct (Go's implicit `(*x).f`).
    pub through_pointer: bool,
}

/// The method a selector `x.M` selects on a value of a package type (`wg.Add`).
#[derive(Clone, Copy, Debug)]
pub struct MethodSel {
    pub method: &'static PkgMethod,
    /// `x` is a pointer to the type; otherwise `x` is addressable and the method
    /// receives its address (Go's implicit `(&x).M`).
    pub through_pointer: bool,
}

/// One package-level variable initialisation, in execution order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobalInit {
    /// Index into `File::decls` of the `var` declaration.
    pub decl: usize,
    /// Index of the spec within that declaration.
    pub spec: usize,
    /// `Some(i)`: the spec's `i`-th name takes its `i`-th value. `None`: all names take
    /// the results of the spec's single multi-value call.
    pub value: Option<usize>,
}

#[derive(Default)]
pub struct Info {
    pub types: Types,
    pub objects: Vec<Object>,
    pub exprs: HashMap<NodeId, TypeAndValue>,
    pub defs: HashMap<NodeId, ObjId>,
    pub uses: HashMap<NodeId, ObjId>,
    pub fields: HashMap<NodeId, FieldSel>,
    /// A method selector `x.M` on an interface value `x` (only `error`'s `Error`):
    /// the index of the method in the interface.
    pub methods: HashMap<NodeId, usize>,
    /// A method selector `x.M` on a value of a package type: the callee of a call,
    /// or a method value (a `func` bound to the receiver's address).
    pub pkg_methods: HashMap<NodeId, MethodSel>,
    /// Expressions of a concrete type used where an interface is expected (assigned,
    /// passed, returned, panicked): the interface type their value is converted to.
    pub iface_conversions: HashMap<NodeId, TypeId>,
    /// Type assertions and receives in the comma-ok form (`v, ok := x.(T)`,
    /// `v, ok := <-c`).
    pub comma_ok: std::collections::HashSet<NodeId>,
    /// For each function literal (by its expression id): the variables of enclosing
    /// functions it refers to, in first-use order. Each of them `escapes`.
    pub captures: HashMap<NodeId, Vec<ObjId>>,
    /// Package-level variable initialisations in Go's dependency order.
    pub init_order: Vec<GlobalInit>,
    /// The functions exported to C, in source order (files that import "C" only).
    pub exports: Vec<Export>,
}

impl Info {
    pub fn object(&self, id: ObjId) -> &Object {
        &self.objects[id.0 as usize]
    }

    /// The type and value recorded for an expression. Panics if the checker recorded
    /// none, which is a checker bug for programs without diagnostics.
    pub fn expr(&self, id: NodeId) -> &TypeAndValue {
        self.exprs.get(&id).unwrap_or_else(|| panic!("no type recorded for expression {id:?}"))
    }

    pub fn type_of(&self, id: NodeId) -> TypeId {
        self.expr(id).ty
    }

    pub fn const_value(&self, id: NodeId) -> Option<&ConstValue> {
        self.exprs.get(&id).and_then(|tv| tv.value.as_ref())
    }

    /// The object an identifier (or `pkg.Name` selector) expression refers to.
    pub fn use_of(&self, id: NodeId) -> Option<ObjId> {
        self.uses.get(&id).copied()
    }

    /// The object a declaring identifier declares.
    pub fn def_of(&self, id: NodeId) -> Option<ObjId> {
        self.defs.get(&id).copied()
    }
}
