//! The front end's syntax layer: source files and diagnostics, Go's lexer (with its
//! automatic semicolon insertion), the AST, a recursive-descent parser, and a walk
//! over a file's expressions.
//!
//! Nothing here knows about types or code generation.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod source;
pub mod walk;

pub use parser::parse_file;
pub use source::{Diagnostic, SourceFile, Span};
