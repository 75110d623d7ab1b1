//! The compilation pipeline — read, parse, check, generate code — and the ways to
//! execute its result. This is the only crate that knows about JIT versus ahead-of-time
//! compilation; everything before it is shared.

use std::fmt;
use std::path::Path;

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;
use syntax::{Diagnostic, SourceFile};
use types::Info;

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
}

fn render(file: &SourceFile, diags: &[Diagnostic]) -> Error {
    let mut text = syntax::source::render(file, &diags[..diags.len().min(MAX_DIAGNOSTICS)]);
    if diags.len() > MAX_DIAGNOSTICS {
        text.push_str(&format!("{}: too many errors\n", file.name));
    }
    Error::Diagnostics(text)
}

/// Reads, parses and type-checks a Go file.
pub fn check(path: &Path) -> Result<Checked, Error> {
    let text = std::fs::read(path).map_err(|e| Error::Io(format!("open {}: {}", path.display(), io_reason(&e))))?;
    let text = String::from_utf8(text).map_err(|_| Error::Io(format!("{}: invalid UTF-8 encoding", path.display())))?;
    let file = SourceFile::new(path.display().to_string(), text);
    let (ast, mut diags) = syntax::parse_file(&file);
    if !diags.is_empty() {
        return Err(render(&file, &diags));
    }
    let (info, check_diags) = types::check_file(&file, &ast);
    diags.extend(check_diags);
    if !diags.is_empty() {
        return Err(render(&file, &diags));
    }
    Ok(Checked { file, ast, info })
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
}

/// Compiles a checked program with the JIT and runs it; returns its exit status.
pub fn run_jit(checked: &Checked, opts: &RunOptions) -> Result<i32, Error> {
    let isa = codegen::build_isa();
    let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
    for (name, addr) in morestack_runtime::symbols() {
        builder.symbol(name, addr);
    }
    let mut module = JITModule::new(builder);
    let cg_opts = codegen::Options { keep_clif: opts.emit_clif, no_stack_check: opts.no_stack_check };
    let compiled = codegen::compile(&mut module, &checked.file, &checked.ast, &checked.info, &cg_opts).map_err(|d| render(&checked.file, &d))?;
    if opts.emit_clif {
        for f in &compiled.funcs {
            println!("; {}\n{}", f.name, f.clif.as_deref().unwrap_or(""));
        }
        return Ok(0);
    }
    module.finalize_definitions().map_err(|e| Error::Io(format!("linking: {e}")))?;
    let file_name = std::fs::canonicalize(&checked.file.name).map_or_else(|_| checked.file.name.clone(), |p| p.display().to_string());
    for f in &compiled.funcs {
        morestack_runtime::symtab::register(morestack_runtime::symtab::FuncInfo {
            entry: module.get_finalized_function(f.id) as usize,
            len: f.code_size as usize,
            name: f.name.clone(),
            file: file_name.clone(),
            lines: f.lines.clone(),
        });
    }
    let entry = module.get_finalized_function(compiled.entry);
    // SAFETY: `compiled.entry` was declared with the System V signature
    // `fn(g: *mut G)` (codegen::program), and the module is finalised, so the pointer is
    // executable code of exactly that type. The module stays alive for the call.
    let entry: unsafe extern "C" fn(*mut morestack_runtime::abi::G) = unsafe { std::mem::transmute(entry) };
    Ok(if opts.no_stack_check { morestack_runtime::run_main_fixed_stack(entry) } else { morestack_runtime::run_main(entry) })
}
