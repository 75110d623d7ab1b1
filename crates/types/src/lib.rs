//! The type checker and the facts it establishes about a program.
//!
//! Like Go's `go/types`, the checker does not rewrite the syntax tree: it records its
//! findings in an [`Info`] keyed by the AST's [`syntax::ast::NodeId`]s — the type of
//! every expression (after untyped constants took their final type), the value of
//! every constant expression, which object each identifier denotes, which variables
//! escape to the heap, what each closure captures, and the order in which package
//! variables are initialised. Code generation reads the tree and the `Info` together.
//!
//! Everything the compiler does not support yet is rejected here with
//! `not supported yet: WHAT`, so later stages only ever see the supported subset.

pub mod bigconst;
pub mod cgo;
pub mod check;
pub mod constant;
pub mod info;
pub mod packages;
pub mod types;

pub use check::{check_file, check_file_cgo};
pub use constant::ConstValue;
pub use info::{Info, Mode, ObjId, ObjKind, Object, TypeAndValue};
pub use types::{Basic, ChanDir, TypeId, TypeKind, Types};
