//! The front end's syntax layer: source files and diagnostics, Go's lexer (with its
//! automatic semicolon insertion), the AST, and a recursive-descent parser.
//!
//! Nothing here knows about types or code generation.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod source;

pub use parser::parse_file;
pub use source::{Diagnostic, SourceFile, Span};
