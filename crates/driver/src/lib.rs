//! The compilation pipeline — read, parse, check, generate code — and the ways to
//! execute its result: with the JIT in this process ([`run_jit`], [`disassemble`]),
//! or as a native executable ([`build`], docs/aot.md). This is the only crate that
//! knows about JIT versus ahead-of-time compilation; everything before it is shared.

mod aot;
mod jit;

use std::fmt;
use std::path::Path;

use syntax::{Diagnostic, SourceFile};
use types::Info;

pub use aot::build;
pub use jit::{disassemble, func_info, run_jit};

/// How many diagnostics are printed before giving up, as Go's compiler does.
const MAX_DIAGNOSTICS: usize = 10;

/// Why a program could not be compiled or run.
#[derive(Debug)]
pub enum Error {
    /// The source file could not be read.
    Io(String),
    /// Diagnostics, already rendered (`file:line:col: message` + source + caret).
    Diagnostics(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(msg) => write!(f, "{msg}"),
            Error::Diagnostics(text) => write!(f, "{}", text.trim_end()),
        }
    }
}

/// A parsed and type-checked source file.
pub struct Checked {
    pub file: SourceFile,
    pub ast: syntax::ast::File,
    pub info: Info,
    /// The C side of a file that imports "C", built (docs/cgo.md).
    pub cgo: Option<cgo::Prepared>,
}

/// How many diagnostics `check` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// The first ten, then `too many errors` (as Go's compiler does by default).
    First10,
    /// All of them (Go's `-e`, which Go's own errorcheck tests use).
    All,
}

fn render(file: &SourceFile, diags: &[Diagnostic], report: Report) -> Error {
    let limit = if report == Report::All { usize::MAX } else { MAX_DIAGNOSTICS };
    let mut text = syntax::source::render(file, &diags[..diags.len().min(limit)]);
    if diags.len() > limit {
        text.push_str(&format!("{}: too many errors\n", file.name));
    }
    Error::Diagnostics(text)
}

/// Reads, parses and type-checks a Go file.
pub fn check(path: &Path, report: Report) -> Result<Checked, Error> {
    let text = std::fs::read(path).map_err(|e| Error::Io(format!("open {}: {}", path.display(), io_reason(&e))))?;
    let text = String::from_utf8(text).map_err(|_| Error::Io(format!("{}: invalid UTF-8 encoding", path.display())))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let (ast, mut diags) = syntax::parse_file(&file);
    if !diags.is_empty() {
        return Err(render(&file, &diags, report));
    }
    let cgo = cgo::prepare(&file, &ast).map_err(|d| render(&file, &d, report))?;
    let (info, check_diags) = types::check_file_cgo(&file, &ast, cgo.as_ref().map(|c| &c.decls));
    diags.extend(check_diags);
    if !diags.is_empty() {
        return Err(render(&file, &diags, report));
    }
    Ok(Checked { file, ast, info, cgo })
}

/// `no such file or directory`, as Go words it, rather than Rust's `(os error 2)`.
fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s,
    }
}

#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Print each function's Cranelift IR instead of running the program.
    pub emit_clif: bool,
    /// Compile without stack checks and run on one large fixed stack: only to measure
    /// what the checks cost.
    pub no_stack_check: bool,
    /// The program's `os.Args`: its name, then its arguments.
    pub args: Vec<String>,
}


/// The source file's path as tracebacks print it: absolute, as Go prints it.
fn source_path(checked: &Checked) -> String {
    std::fs::canonicalize(&checked.file.name).map_or_else(|_| checked.file.name.clone(), |p| p.display().to_string())
}
