//! The abstract syntax tree of a Go source file.
//!
//! The tree is what the parser saw, nothing more: no types, no resolution. Types are
//! expressions (as in Go's own `go/ast`), because the parser cannot tell `T(x)` (a
//! conversion) from `f(x)` (a call). Every expression carries an [`NodeId`] unique in
//! its file; the type checker hangs its results (types, constant values, what each
//! identifier refers to) on those ids instead of mutating the tree.
//!
//! The parser accepts all of Go's syntax that this tree can express, including forms
//! the compiler does not support yet (maps, channels, methods, ...): rejecting them is
//! the type checker's job, so that the error can say `not supported yet: maps` at the
//! right place.

use crate::source::Span;

/// Identity of an expression or a declaring identifier within one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

#[derive(Clone, Debug)]
pub struct File {
    pub package: Ident,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
}

#[derive(Clone, Debug)]
pub struct Import {
    /// `import f "fmt"`: the local name; `_` and `.` are kept as names.
    pub name: Option<Ident>,
    /// The import path, unquoted.
    pub path: String,
    pub span: Span,
    /// The comment group immediately above the import (no blank line between), or
    /// above a lone `import` declaration: cgo's preamble for `import "C"`. Its text as
    /// cgo reads it: each `//` comment without the `//`, plus a newline; each `/* */`
    /// comment's inside; carriage returns removed, as Go's scanner does.
    pub doc: Option<String>,
    /// The 1-based line on which `doc`'s text starts (its first comment's line), for
    /// `#line` directives in generated C; 0 when there is no doc.
    pub doc_line: u32,
}

/// A declaring or referring identifier.
#[derive(Clone, Debug)]
pub struct Ident {
    pub id: NodeId,
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Decl {
    Func(FuncDecl),
    /// `var x, y int = 1, 2` — one spec per line of a grouped declaration.
    Var(Vec<VarSpec>),
    Const(Vec<ConstSpec>),
    Type(Vec<TypeSpec>),
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub name: Ident,
    /// A method receiver; not supported yet, kept to report it.
    pub recv: Option<Vec<Param>>,
    /// Type parameters `[T any]`; not supported, kept to report it.
    pub type_params: Option<Span>,
    pub sig: FuncType,
    /// `None` for a function declared without a body (assembly/external).
    pub body: Option<Block>,
    /// In source order: the `//go:...` directives in the comment lines right above
    /// `func` (`go:nosplit`), and cgo's `//export NAME` lines in its doc comment group
    /// (`export NAME`, the name trimmed, as cgo reads it).
    pub pragmas: Vec<String>,
    /// The span of each pragma's comment, parallel to `pragmas`.
    pub pragma_spans: Vec<Span>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct FuncType {
    pub params: Vec<Param>,
    pub results: Vec<Param>,
    pub span: Span,
}

/// One parameter or result. Grouped names (`a, b int`) are expanded by the parser into
/// one `Param` each, sharing a clone of the type expression.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: Option<Ident>,
    pub ty: Expr,
    /// `...T` (only valid for the last parameter).
    pub variadic: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct VarSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ConstSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    /// The value expressions. For a spec that omits them (implicit repetition inside a
    /// group), the parser fills in fresh-id clones of the previous spec's type and
    /// values and sets `implicit`.
    pub values: Vec<Expr>,
    pub implicit: bool,
    /// The value of `iota` for this spec (its index in the group).
    pub iota: u32,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub name: Ident,
    /// `type A = B`
    pub alias: bool,
    pub ty: Expr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` inclusive; `span.hi - 1` is the closing brace.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    /// A declaration inside a function body (`var`, `const`, `type`).
    Decl(Decl),
    Expr(Expr),
    /// `ch <- v`
    Send { chan: Expr, value: Expr },
    /// `x++` / `x--`
    IncDec { target: Expr, inc: bool },
    /// `a, b = c, d`, `x := 1`, `x += 2`.
    Assign { lhs: Vec<Expr>, op: AssignOp, rhs: Vec<Expr> },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Goto(Ident),
    Fallthrough,
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        /// Either another `If` statement or a `Block`.
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        clauses: Vec<CaseClause>,
        /// Span of the closing brace.
        rbrace: Span,
    },
    /// `switch x := y.(type) { ... }` — not supported yet; kept to report it.
    TypeSwitch { span: Span },
    Select { clauses: Vec<CommClause> },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for k, v := range x` / `for k, v = range x` / `for range x`.
    ForRange {
        key: Option<Expr>,
        value: Option<Expr>,
        /// `:=` (true) or `=` (false).
        define: bool,
        x: Expr,
        body: Block,
    },
    Labeled { label: Ident, stmt: Box<Stmt> },
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinOp),
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    /// `None` for `default:`.
    pub exprs: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    /// `None` for `default:`; otherwise a Send, an Expr (`<-c`) or an Assign with a
    /// receive on the right.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub id: NodeId,
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Ident(String),
    /// Integer literal text as written (`0x1F`, `1_000`, `0o17`, `017`, `0b101`).
    IntLit(String),
    /// Float literal text as written (`1.5e3`, `0x1p-2`, `.5`).
    FloatLit(String),
    /// Imaginary literal text (`2i`); not supported, kept to report it.
    ImagLit(String),
    /// A rune literal, already decoded.
    CharLit(u32),
    /// A string literal (interpreted or raw), already decoded to its bytes (may be
    /// invalid UTF-8, e.g. `"\xff"`).
    StringLit(Vec<u8>),
    /// `T{...}`; `ty` is `None` for an elided type inside another composite literal.
    CompositeLit { ty: Option<Box<Expr>>, elems: Vec<Element> },
    FuncLit { sig: FuncType, body: Block },
    Paren(Box<Expr>),
    /// `x.sel` — a package member, a field, or (later) a method.
    Selector { x: Box<Expr>, sel: Ident },
    /// `x[i]`; also generic instantiation syntax, which the checker rejects.
    Index { x: Box<Expr>, index: Box<Expr> },
    /// `x[lo:hi]` / `x[lo:hi:max]`
    Slice { x: Box<Expr>, lo: Option<Box<Expr>>, hi: Option<Box<Expr>>, max: Option<Box<Expr>>, three: bool },
    /// `x.(T)`; not supported yet, kept to report it.
    TypeAssert { x: Box<Expr>, ty: Option<Box<Expr>> },
    /// `f(args)`, `T(x)`, `make(T, n)`; `ellipsis` for `f(s...)`.
    Call { func: Box<Expr>, args: Vec<Expr>, ellipsis: bool },
    /// `*x`: a dereference, or a pointer type in type context.
    Star(Box<Expr>),
    /// `+x -x !x ^x &x <-x`
    Unary { op: UnOp, x: Box<Expr> },
    Binary { op: BinOp, x: Box<Expr>, y: Box<Expr> },
    /// `[N]T`; `len` is `None` for `[...]T`.
    ArrayType { len: Option<Box<Expr>>, elem: Box<Expr> },
    SliceType(Box<Expr>),
    StructType(Vec<FieldDecl>),
    FuncType(FuncType),
    MapType { key: Box<Expr>, value: Box<Expr> },
    ChanType { dir: ChanDir, elem: Box<Expr> },
    /// `interface{ ... }`: only the empty interface is representable for now; the
    /// number of elements is kept so a non-empty one can be rejected.
    InterfaceType { elems: usize },
    /// `...T` in a parameter list is carried by `Param::variadic`; this variant is for
    /// `[...]` never; reserved for a bare `...` where an expression was expected (error
    /// recovery).
    Bad,
}

#[derive(Clone, Debug)]
pub struct Element {
    /// `key: value` (field name, array index); `None` for positional elements.
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct FieldDecl {
    /// `None` for an embedded field.
    pub name: Option<Ident>,
    pub ty: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Plus,
    Neg,
    Not,
    /// `^x` bitwise complement
    Xor,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LAnd,
    LOr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinOp {
    /// Go's spelling of the operator.
    pub fn as_str(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LAnd => "&&",
            LOr => "||",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(self, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

impl UnOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Plus => "+",
            UnOp::Neg => "-",
            UnOp::Not => "!",
            UnOp::Xor => "^",
            UnOp::Addr => "&",
            UnOp::Recv => "<-",
        }
    }
}
