//! Running a program with Cranelift's JIT in this process: the runtime is this
//! process's own, linked by address ([`morestack_runtime::symbols`]); the C side of a
//! program that imports "C" is loaded with `dlopen`.

use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::default_libcall_names;

use crate::{render, source_path, Checked, Error, Report, RunOptions};

/// A program compiled into executable memory.
struct Jitted {
    module: JITModule,
    compiled: codegen::Compiled,
}

/// Loads the C side of `checked` (if any) into the process, for good: C threads the
/// program starts may run until the process exits, so it is never unloaded.
fn load_c(checked: &Checked) -> Result<Option<&'static cgo::Loaded>, Error> {
    let Some(prepared) = &checked.cgo else { return Ok(None) };
    let loaded = prepared.load().map_err(Error::Io)?;
    morestack_runtime::cgo::init();
    Ok(Some(Box::leak(Box::new(loaded))))
}

impl Jitted {
    /// Compiles and links `checked`; with `emit_clif`, prints the IR instead and
    /// returns `None`.
    fn new(checked: &Checked, opts: &RunOptions) -> Result<Option<Jitted>, Error> {
        let isa = codegen::build_isa();
        let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
        for (name, addr) in morestack_runtime::symbols() {
            builder.symbol(name, addr);
        }
        let c = if opts.emit_clif { None } else { load_c(checked)? };
        if let Some(c) = c {
            // The C call wrappers (`_cgo_w_NAME`) are the object's symbols.
            builder.symbol_lookup_fn(Box::new(move |name| c.symbol(name)));
        }
        let mut module = JITModule::new(builder);
        let cg_opts = codegen::Options { keep_clif: opts.emit_clif, no_stack_check: opts.no_stack_check, ..Default::default() };
        let compiled = codegen::compile(&mut module, &checked.file, &checked.ast, &checked.info, &cg_opts).map_err(|d| render(&checked.file, &d, Report::First10))?;
        if opts.emit_clif {
            for f in &compiled.funcs {
                println!("; {}\n{}", f.name, f.clif.as_deref().unwrap_or(""));
            }
            return Ok(None);
        }
        module.finalize_definitions().map_err(|e| Error::Io(format!("linking: {e}")))?;
        if let Some(c) = c.filter(|_| !compiled.exports.is_empty()) {
            // What the export stubs call: the runtime's callback entry, each export's
            // thunk.
            c.set_pointer("_cgo_runtime_cgocallback", morestack_runtime::cgo::cgocallback as *const () as usize).map_err(Error::Io)?;
            for (name, thunk) in &compiled.exports {
                c.set_pointer(&format!("_cgo_export_fn_{name}"), module.get_finalized_function(*thunk) as usize).map_err(Error::Io)?;
            }
        }
        Ok(Some(Jitted { module, compiled }))
    }

    /// The code of a compiled function.
    fn code(&self, f: &codegen::CompiledFunc) -> &[u8] {
        let entry = self.module.get_finalized_function(f.id);
        // SAFETY: the finalised module owns `code_size` bytes of code at `entry`
        // (codegen reports the defined size, including the stack-check stub), and
        // they stay mapped while `self.module` lives.
        unsafe { std::slice::from_raw_parts(entry, f.code_size as usize) }
    }
}

/// What the runtime's symbol table records of compiled function `f`, finalised at
/// `entry`, whose source is `file` with `lines` (code offset, line).
pub fn func_info(f: &codegen::CompiledFunc, entry: *const u8, file: String, lines: Vec<(u32, u32)>) -> morestack_runtime::symtab::FuncInfo {
    use morestack_runtime::symtab::{FuncInfo, LandingPad, OpenDefers};
    FuncInfo {
        entry: entry as usize,
        len: f.code_size as usize,
        name: f.name.clone(),
        file,
        lines,
        landing_pads: f.landing_pads.iter().map(|p| LandingPad { ret: p.ret, handler: p.handler, frame_offset: p.frame_offset }).collect(),
        open_defers: f.open_defers.map(|o| OpenDefers { fp_offset: o.fp_offset, count: o.count }),
    }
}

/// Compiles a checked program with the JIT and runs it; returns its exit status.
pub fn run_jit(checked: &Checked, opts: &RunOptions) -> Result<i32, Error> {
    let Some(jit) = Jitted::new(checked, opts)? else { return Ok(0) };
    // Never freed: when main.main returns, other goroutines still run the code and
    // use the module's data until the process exits (as in Go).
    let jit: &'static Jitted = Box::leak(Box::new(jit));
    let file_name = source_path(checked);
    for f in &jit.compiled.funcs {
        morestack_runtime::symtab::register(func_info(f, jit.module.get_finalized_function(f.id), file_name.clone(), f.lines.clone()));
    }
    let (module, compiled) = (&jit.module, &jit.compiled);
    let entry = module.get_finalized_function(compiled.entry);
    // SAFETY: `compiled.entry` was declared with the System V signature
    // `fn(g: *mut G)` (codegen::program), and the module is finalised, so the pointer is
    // executable code of exactly that type. The module is never freed.
    let entry: unsafe extern "C" fn(*mut morestack_runtime::abi::G) = unsafe { std::mem::transmute(entry) };
    morestack_runtime::pkg::os::set_args(&opts.args);
    Ok(if opts.no_stack_check { morestack_runtime::run_main_fixed_stack(entry) } else { morestack_runtime::run_main(entry) })
}

/// The machine code of the program's functions (or only those named `func`, with or
/// without the `main.` prefix), disassembled, with each source line shown before the
/// instructions compiled from it and call targets named.
pub fn disassemble(checked: &Checked, func: Option<&str>, opts: &RunOptions) -> Result<String, Error> {
    use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, SymbolResolver, SymbolResult};
    use std::collections::HashMap;
    use std::fmt::Write as _;

    let Some(jit) = Jitted::new(checked, &RunOptions { emit_clif: false, ..opts.clone() })? else { unreachable!("emit_clif is off") };
    let mut names: HashMap<u64, String> = morestack_runtime::symbols().into_iter().map(|(n, a)| (a as u64, n.to_string())).collect();
    for f in &jit.compiled.funcs {
        names.insert(jit.module.get_finalized_function(f.id) as u64, f.name.clone());
    }
    struct Names(HashMap<u64, String>);
    impl SymbolResolver for Names {
        fn symbol(&mut self, _: &Instruction, _: u32, _: Option<u32>, address: u64, _: u32) -> Option<SymbolResult<'_>> {
            self.0.get(&address).map(|n| SymbolResult::with_str(address, n.as_str()))
        }
    }
    let mut formatter = IntelFormatter::with_options(Some(Box::new(Names(names))), None);
    let wanted = |name: &str| func.is_none_or(|f| name == f || name.strip_prefix("main.") == Some(f));
    let mut out = String::new();
    let mut found = false;
    for f in jit.compiled.funcs.iter().filter(|f| wanted(&f.name)) {
        found = true;
        let code = jit.code(f);
        let base = code.as_ptr() as u64;
        let _ = writeln!(out, "TEXT {} ({} bytes) at {:#x}", f.name, code.len(), base);
        // The stub's last 8 bytes are the address of morestack_noctxt, not code.
        let code_end = if f.stub_offset.is_some() { code.len() - 8 } else { code.len() };
        let mut decoder = Decoder::with_ip(64, &code[..code_end], base, DecoderOptions::NONE);
        let mut line = None;
        let mut text = String::new();
        while decoder.can_decode() {
            let inst = decoder.decode();
            let off = (inst.ip() - base) as u32;
            let here = f.lines.iter().take_while(|&&(o, _)| o <= off).last().map(|&(_, l)| l);
            if off == 0 && f.entry_padding > 0 {
                let _ = writeln!(out, "  entry padding: {} bytes of NOPs keep the innermost loop within as few 64-byte lines as it needs", f.entry_padding);
            }
            if f.stub_offset == Some(off) {
                let _ = writeln!(out, "  stack-check stub: call morestack_noctxt (r11 = g, eax = frame size), then restart; resume = restart+5");
            }
            if f.landing_pads.iter().any(|p| p.handler == off) {
                let _ = writeln!(out, "  exit block: runs the deferred calls and returns; landing pad of every try_call (a recovery resumes here)");
            }
            if here != line && here.is_some() && f.stub_offset.is_none_or(|s| off < s) {
                line = here;
                let l = here.unwrap_or(0);
                let _ = writeln!(out, "  {}:{}  {}", checked.file.name, l, checked.file.line_text(l).trim());
            }
            text.clear();
            formatter.format(&inst, &mut text);
            let bytes: String = code[off as usize..off as usize + inst.len()].iter().map(|b| format!("{b:02x}")).collect();
            let next = off + inst.len() as u32;
            let note = if f.landing_pads.iter().any(|p| p.ret == next) { "    ; try_call" } else { "" };
            let _ = writeln!(out, "    {off:#06x}  {bytes:<24} {text}{note}");
        }
        out.push('\n');
    }
    if !found {
        return Err(Error::Io(format!("{}: no function {}", checked.file.name, func.unwrap_or(""))));
    }
    Ok(out)
}
