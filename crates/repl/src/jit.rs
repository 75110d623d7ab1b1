//! Compiling a synthesized file into a fresh JIT module and running it on the
//! runtime's scheduler.
//!
//! Every module is kept for the rest of the process: goroutines an input started may
//! still run its code, function values stored in variables point into it, and its
//! type descriptors and strings are referenced by the values it created. Package
//! variables are not the module's: codegen imports them by symbol (`main.NAME`), and
//! each symbol resolves to the variable's storage, allocated once when the variable
//! is declared and never freed or moved. Type descriptors are shared the same way: a
//! module imports the descriptors earlier modules defined (by a name that spells the
//! type), so a value keeps its dynamic type across inputs (`==` and type assertions
//! compare descriptors by address).

use std::collections::{HashMap, HashSet};

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_runtime::symtab;
use syntax::ast::File;
use syntax::SourceFile;
use types::Info;

use crate::source::SourceMap;

/// A synthesized file, checked.
pub struct Checked {
    pub file: SourceFile,
    pub ast: File,
    pub info: Info,
    pub map: SourceMap,
}

/// Zeroed storage of `size` bytes for a package variable, 8-byte aligned (Go's
/// largest alignment), never freed.
pub fn alloc_var(size: u64) -> usize {
    let words = (size as usize).div_ceil(8).max(1);
    Box::leak(vec![0u64; words].into_boxed_slice()).as_mut_ptr() as usize
}

/// The type descriptors of the modules run so far, by symbol: every later module uses
/// these.
#[derive(Default)]
pub struct TypeDescs(HashMap<String, usize>);

/// A new module with the runtime's entry points, the variables `vars` (name,
/// address) and the shared type descriptors resolvable by symbol.
fn module(vars: &[(String, usize)], types: &TypeDescs) -> JITModule {
    let mut builder = JITBuilder::with_isa(codegen::build_isa(), default_libcall_names());
    for (name, addr) in morestack_runtime::symbols() {
        builder.symbol(name, addr);
    }
    for (name, addr) in vars {
        builder.symbol(format!("main.{name}"), *addr as *const u8);
    }
    for (name, addr) in &types.0 {
        builder.symbol(name, *addr as *const u8);
    }
    JITModule::new(builder)
}

fn options(keep_clif: bool, types: &TypeDescs) -> codegen::Options {
    let shared: HashSet<String> = types.0.keys().cloned().collect();
    codegen::Options { keep_clif, extern_globals: true, shared_types: Some(shared), ..Default::default() }
}

/// Compiles `program` and runs its entry point (package initialisers, then `main`)
/// as a new goroutine, with goroutine stacks limited to `max_stack` bytes. The
/// type descriptors the module defines join `types`.
pub fn run(program: &Checked, vars: &[(String, usize)], types: &mut TypeDescs, max_stack: usize) -> Result<morestack_runtime::repl::Outcome, String> {
    let mut module = module(vars, types);
    let compiled = codegen::compile(&mut module, &program.file, &program.ast, &program.info, &options(false, types)).map_err(|d| program.map.render(&d))?;
    module.finalize_definitions().map_err(|e| format!("linking: {e}"))?;
    let module: &'static JITModule = Box::leak(Box::new(module));
    for (id, decl) in module.declarations().get_data_objects() {
        if let (Linkage::Export, Some(name)) = (decl.linkage, &decl.name) {
            if name.starts_with(codegen::SHARED_TYPE_PREFIX) {
                types.0.insert(name.clone(), module.get_finalized_data(id).0 as usize);
            }
        }
    }
    for f in &compiled.funcs {
        // A function comes from one input: its file is that input, its lines that
        // input's lines.
        let mut file = None;
        let lines = f
            .lines
            .iter()
            .map(|&(off, line)| {
                let (input, line) = program.map.line(line);
                file.get_or_insert_with(|| input.file.name.clone());
                (off, line)
            })
            .collect();
        symtab::register(driver::func_info(f, module.get_finalized_function(f.id), file.unwrap_or_default(), lines));
    }
    let entry = module.get_finalized_function(compiled.entry);
    // SAFETY: `compiled.entry` was declared with the System V signature
    // `fn(g: *mut G)` (codegen::program) and the module is finalised, so the pointer is
    // executable code of exactly that type. The module is never freed.
    let entry: unsafe extern "C" fn(*mut morestack_runtime::G) = unsafe { std::mem::transmute(entry) };
    Ok(morestack_runtime::repl::run(entry, max_stack))
}

/// The Cranelift IR of the functions named `main.NAME` or nested in it (closures,
/// thunks), compiled from `program`.
pub fn clif(program: &Checked, name: &str) -> Result<String, String> {
    let types = TypeDescs::default();
    let mut module = module(&[], &types);
    let compiled = codegen::compile(&mut module, &program.file, &program.ast, &program.info, &options(true, &types)).map_err(|d| program.map.render(&d))?;
    let full = format!("main.{name}");
    let nested = format!("{full}.");
    Ok(compiled
        .funcs
        .iter()
        .filter(|f| f.name == full || f.name.starts_with(&nested))
        .map(|f| format!("; {}\n{}\n", f.name, f.clif.as_deref().unwrap_or("")))
        .collect())
}

/// The machine code of function `main.NAME` compiled from `program` (the driver's
/// disassembler: source lines are those of the synthesized file).
pub fn asm(program: Checked, name: &str) -> Result<String, String> {
    let checked = driver::Checked { file: program.file, ast: program.ast, info: program.info, cgo: None };
    driver::disassemble(&checked, Some(name), &driver::RunOptions::default()).map_err(|e| e.to_string())
}
