//! The start of an ahead-of-time executable (docs/aot.md): C `main`, which calls
//! `runtime.rt0_go(argc, argv, &program)`, and the program table it passes: every
//! compiled function's code range, name, line table and landing pads (what the JIT
//! driver registers for tracebacks and recovery), the entry point, the source file,
//! and the C side's pointer variables to fill in. The layout is `Program` in
//! `runtime/src/aot.rs`; change both together.

#![allow(clippy::result_large_err, reason = "the result type of the `Module` calls these functions make")]

use cranelift_codegen::ir::types::I32;
use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature, UserFuncName};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module, ModuleResult};

use crate::Compiled;

/// What the start-up needs to know besides the compiled functions.
pub struct Startup<'a> {
    /// The source file as tracebacks print it (the JIT prints the absolute path).
    pub file: &'a str,
    /// The program imports "C": its C side is linked in, and its export stubs'
    /// pointer variables are filled in at start-up.
    pub cgo: bool,
}

/// Defines C `main` and the program table in `module` (an object file: this is the
/// only code that gives a symbol global linkage).
pub fn define_startup(module: &mut dyn Module, compiled: &Compiled, startup: &Startup) -> ModuleResult<()> {
    // The byte arrays the table points into, each function's part at an offset.
    let mut names = startup.file.as_bytes().to_vec();
    let mut lines = Vec::new();
    let mut pads = Vec::new();
    let mut parts = Vec::new();
    for f in &compiled.funcs {
        parts.push((names.len(), lines.len(), pads.len()));
        names.extend_from_slice(f.name.as_bytes());
        for &(offset, line) in &f.lines {
            lines.extend([offset, line].iter().flat_map(|v| v.to_le_bytes()));
        }
        for p in &f.landing_pads {
            pads.extend([p.ret, p.handler, p.frame_offset].iter().flat_map(|v| v.to_le_bytes()));
        }
    }
    let names = bytes(module, "go.names", names)?;
    let lines = bytes(module, "go.lines", lines)?;
    let pads = bytes(module, "go.pads", pads)?;

    // runtime::aot::Func, one per function.
    let mut funcs = Words::default();
    for (f, &(name_at, lines_at, pads_at)) in compiled.funcs.iter().zip(&parts) {
        funcs.func(f.id);
        funcs.word(u64::from(f.code_size));
        funcs.addr(names, name_at);
        funcs.word(f.name.len() as u64);
        funcs.addr(lines, lines_at);
        funcs.word(f.lines.len() as u64);
        funcs.addr(pads, pads_at);
        funcs.word(f.landing_pads.len() as u64);
        funcs.word(f.open_defers.map_or(0, |o| u64::from(o.fp_offset) << 32 | u64::from(o.count)));
    }
    let funcs = funcs.define(module, "go.functab")?;

    // runtime::aot::Export, one per `//export` (the C side exists only with cgo).
    let exports = if startup.cgo { compiled.exports.as_slice() } else { &[] };
    let mut export_table = Words::default();
    for (name, thunk) in exports {
        export_table.import(module, &format!("_cgo_export_fn_{name}"))?;
        export_table.func(*thunk);
    }
    let export_table = export_table.define(module, "go.exports")?;

    // runtime::aot::Program.
    let mut program = Words::default();
    program.func(compiled.entry);
    program.addr(funcs, 0);
    program.word(compiled.funcs.len() as u64);
    program.addr(names, 0);
    program.word(startup.file.len() as u64);
    program.word(u64::from(startup.cgo));
    if exports.is_empty() {
        // The C side declares no callback entry without exports.
        program.word(0);
    } else {
        program.import(module, "_cgo_runtime_cgocallback")?;
    }
    program.addr(export_table, 0);
    program.word(exports.len() as u64);
    let program = program.define(module, "go.program")?.expect("the table is never empty");

    define_main(module, program)
}

/// `int main(int argc, char **argv) { return runtime.rt0_go(argc, argv, &program); }`
fn define_main(module: &mut dyn Module, program: DataId) -> ModuleResult<()> {
    let ptr = module.target_config().pointer_type();
    let mut main_sig = Signature::new(CallConv::SystemV);
    main_sig.params.extend([AbiParam::new(I32), AbiParam::new(ptr)]);
    main_sig.returns.push(AbiParam::new(I32));
    let mut rt0_sig = main_sig.clone();
    rt0_sig.params.push(AbiParam::new(ptr));
    let main = module.declare_function("main", Linkage::Export, &main_sig)?;
    let rt0 = module.declare_function("runtime.rt0_go", Linkage::Import, &rt0_sig)?;

    let mut ctx = module.make_context();
    ctx.func.signature = main_sig;
    ctx.func.name = UserFuncName::user(0, main.as_u32());
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let (argc, argv) = (b.block_params(block)[0], b.block_params(block)[1]);
    let table = module.declare_data_in_func(program, b.func);
    let table = b.ins().symbol_value(ptr, table);
    let rt0 = module.declare_func_in_func(rt0, b.func);
    let call = b.ins().call(rt0, &[argc, argv, table]);
    let status = b.inst_results(call)[0];
    b.ins().return_(&[status]);
    b.finalize(module.target_config());
    module.define_function(main, &mut ctx)
}

/// A read-only byte array (`None` when empty: its pointers in the table are null).
fn bytes(module: &mut dyn Module, name: &str, contents: Vec<u8>) -> ModuleResult<Option<DataId>> {
    if contents.is_empty() {
        return Ok(None);
    }
    let mut desc = DataDescription::new();
    desc.define(contents.into_boxed_slice());
    desc.set_align(8);
    let id = module.declare_data(name, Linkage::Local, false, false)?;
    module.define_data(id, &desc)?;
    Ok(Some(id))
}

/// A table of 8-byte words, some of them addresses (relocations).
#[derive(Default)]
struct Words {
    words: Vec<u64>,
    funcs: Vec<(usize, FuncId)>,
    data: Vec<(usize, DataId, usize)>,
}

impl Words {
    fn word(&mut self, value: u64) {
        self.words.push(value);
    }

    /// The address of function `id`.
    fn func(&mut self, id: FuncId) {
        self.funcs.push((self.words.len(), id));
        self.word(0);
    }

    /// The address of byte `offset` of `data`; null when there is no data.
    fn addr(&mut self, data: Option<DataId>, offset: usize) {
        if let Some(id) = data {
            self.data.push((self.words.len(), id, offset));
        }
        self.word(0);
    }

    /// The address of `symbol`, a variable of the C side.
    fn import(&mut self, module: &mut dyn Module, symbol: &str) -> ModuleResult<()> {
        let id = module.declare_data(symbol, Linkage::Import, true, false)?;
        self.addr(Some(id), 0);
        Ok(())
    }

    fn define(self, module: &mut dyn Module, name: &str) -> ModuleResult<Option<DataId>> {
        if self.words.is_empty() {
            return Ok(None);
        }
        let mut desc = DataDescription::new();
        desc.define(self.words.iter().flat_map(|w| w.to_le_bytes()).collect());
        desc.set_align(8);
        for (at, id) in self.funcs {
            let f = module.declare_func_in_data(id, &mut desc);
            desc.write_function_addr(8 * at as u32, f);
        }
        for (at, id, offset) in self.data {
            let d = module.declare_data_in_data(id, &mut desc);
            desc.write_data_addr(8 * at as u32, d, offset as i64);
        }
        let id = module.declare_data(name, Linkage::Local, false, false)?;
        module.define_data(id, &desc)?;
        Ok(Some(id))
    }
}
