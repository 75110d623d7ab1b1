//! Program-level code generation: declares every function and global, compiles the
//! function bodies (top-level functions, then the closures they contain), and owns
//! the read-only data the functions refer to: string literals, type descriptors and
//! the static closure objects of top-level functions used as values.

use std::collections::{HashMap, HashSet};

use ::types::packages::MethodCall;
use ::types::{ChanDir, Info, ObjId, ObjKind, TypeId, TypeKind};
use cranelift_codegen::ir::{types::I64, AbiParam, ArgumentPurpose, InstBuilder, Signature, SourceLoc, StackSlotKey, Type, UserFuncName};
use cranelift_codegen::FinalizedMachExceptionHandler;
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};
use syntax::ast::{self, Decl, NodeId};
use syntax::{Diagnostic, SourceFile};

use crate::abi::{go_signature, reflect_kind, PTR};
use crate::func::FunctionTranslator;
use crate::guards::Guard;
use crate::{Compiled, CompiledFunc, LandingPad, OpenDefers};

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keep each function's Cranelift IR text in [`CompiledFunc::clif`].
    pub keep_clif: bool,
    /// Omit the stack-check prologue (only to measure its cost: the program must then
    /// run on one large fixed stack).
    pub no_stack_check: bool,
    /// Import the package variables by their symbols (`main.NAME`) instead of
    /// defining them in the module: their storage lives elsewhere and outlives the
    /// module (the REPL keeps each one at a fixed address across inputs, docs/repl.md).
    pub extern_globals: bool,
    /// Name every type descriptor by its type (`go.type:` and `type_key`) and export
    /// it, importing instead those named here: descriptors defined by earlier modules,
    /// so that all modules share one descriptor per type, as interface comparisons and
    /// type assertions (by descriptor address) need (the REPL, docs/repl.md).
    pub shared_types: Option<HashSet<String>>,
}

/// The prefix of the symbols of shared type descriptors (`Options::shared_types`).
pub const SHARED_TYPE_PREFIX: &str = "go.type:";

/// `stackguard0`'s offset in `G` (docs/abi.md, "Goroutine").
const STACK_CHECK: stackcheck::StackCheck = stackcheck::StackCheck { guard_offset: 16 };

/// A function body waiting to be compiled.
pub(crate) struct PendingFunc<'a> {
    pub id: FuncId,
    pub name: String,
    pub kind: PendingKind<'a>,
}

pub(crate) enum PendingKind<'a> {
    /// A declared function or a function literal.
    Body {
        sig: &'a ast::FuncType,
        go_sig: ::types::types::Signature,
        body: &'a ast::Block,
        /// The literal's expression id for closures (its captures are in `Info`).
        lit: Option<NodeId>,
    },
    /// The code of a suspended call's closure (crate::thunks).
    Thunk { call: &'a ast::Expr, captured: Vec<Captured> },
    /// The code of a method value's closure (crate::goroutines) with `nparams`
    /// one-word parameters.
    MethodValue { call: MethodCall, nparams: usize },
}

/// A value a thunk's closure object holds: the expression it was evaluated
/// from, and its byte offset in the object.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Captured {
    pub node: NodeId,
    pub offset: i32,
}

/// State shared by all functions of the program.
pub(crate) struct Program<'a> {
    pub module: &'a mut dyn Module,
    pub info: &'a Info,
    pub file: &'a SourceFile,
    pub ast: &'a ast::File,
    pub funcs: HashMap<ObjId, FuncId>,
    /// The early-exit guards of top-level functions, inlined at their call sites.
    pub guards: HashMap<ObjId, Guard<'a>>,
    pub globals: HashMap<ObjId, DataId>,
    strings: HashMap<Vec<u8>, DataId>,
    type_descs: HashMap<TypeId, DataId>,
    func_values: HashMap<FuncId, DataId>,
    /// Adapters to compile: `(adapter, top-level function)` (see `func_value`).
    adapters: Vec<(FuncId, FuncId)>,
    /// `tail`-convention wrappers of runtime entry points, by symbol (see
    /// `runtime_wrapper`), and those still to compile.
    wrappers: HashMap<&'static str, FuncId>,
    pending_wrappers: Vec<(FuncId, &'static str, Vec<Type>, Vec<Type>)>,
    pub queue: Vec<PendingFunc<'a>>,
    /// `runtime.morestack_noctxt`, which every stack-check stub calls.
    morestack: FuncId,
    /// Per enclosing function name: how many closures were named after it.
    closure_counts: HashMap<String, u32>,
    /// Per enclosing function name and thunk kind: how many thunks were named
    /// after it.
    thunk_counts: HashMap<(String, &'static str), u32>,
    data_count: u32,
    shared_types: Option<&'a HashSet<String>>,
}

impl<'a> Program<'a> {
    fn next_data_name(&mut self, what: &str) -> String {
        self.data_count += 1;
        format!("{what}.{}", self.data_count)
    }

    fn define_data(&mut self, name: &str, mut desc: DataDescription) -> DataId {
        // Descriptors and closure objects are read as words by the runtime.
        desc.set_align(8);
        let id = self.module.declare_data(name, Linkage::Local, false, false).expect("fresh data name");
        self.module.define_data(id, &desc).expect("data defined once");
        id
    }

    /// Read-only bytes of a string literal (never empty, so the pointer is valid).
    pub fn string_data(&mut self, bytes: &[u8]) -> DataId {
        if let Some(&id) = self.strings.get(bytes) {
            return id;
        }
        let mut desc = DataDescription::new();
        let mut contents = bytes.to_vec();
        contents.push(0);
        desc.define(contents.into_boxed_slice());
        let name = self.next_data_name("go.string");
        let id = self.define_data(&name, desc);
        self.strings.insert(bytes.to_vec(), id);
        id
    }

    /// The runtime type descriptor of `ty` (docs/abi.md, "Type descriptors").
    pub fn type_desc(&mut self, ty: TypeId) -> DataId {
        let ty = self.info.types.default_type(ty);
        if let Some(&id) = self.type_descs.get(&ty) {
            return id;
        }
        // Declared before its contents are built, so recursive types refer to it.
        let (name, linkage) = match self.shared_types {
            Some(known) => {
                let name = format!("{SHARED_TYPE_PREFIX}{}", type_key(&self.info.types, ty));
                if known.contains(&name) {
                    let id = self.module.declare_data(&name, Linkage::Import, false, false).expect("a type's one name");
                    self.type_descs.insert(ty, id);
                    return id;
                }
                (name, Linkage::Export)
            }
            None => (self.next_data_name("go.type"), Linkage::Local),
        };
        let id = self.module.declare_data(&name, linkage, false, false).expect("fresh data name");
        self.type_descs.insert(ty, id);

        let types = &self.info.types;
        // The last word (the runtime's `error_fn`) stays null: compiled types have
        // no methods.
        let mut bytes = vec![0u8; 64];
        let mut desc = DataDescription::new();
        let put = |bytes: &mut Vec<u8>, off: usize, v: u64| bytes[off..off + 8].copy_from_slice(&v.to_le_bytes());
        put(&mut bytes, 0, reflect_kind(types, ty));
        put(&mut bytes, 8, types.size_of(ty));
        let mut relocs: Vec<(u32, DataId)> = Vec::new();
        match types.under(ty).clone() {
            TypeKind::Pointer(e) | TypeKind::Slice(e) => relocs.push((16, self.type_desc(e))),
            TypeKind::Chan { dir, elem } => {
                relocs.push((16, self.type_desc(elem)));
                // `len` holds reflect.ChanDir.
                put(&mut bytes, 24, match dir {
                    ChanDir::Recv => 1,
                    ChanDir::Send => 2,
                    ChanDir::Both => 3,
                });
            }
            TypeKind::Array { len, elem } => {
                relocs.push((16, self.type_desc(elem)));
                put(&mut bytes, 24, len);
            }
            TypeKind::Struct { fields } => {
                put(&mut bytes, 24, fields.len() as u64);
                let (offsets, _) = self.info.types.struct_layout(&fields);
                let mut fbytes = vec![0u8; 32 * fields.len().max(1)];
                let mut fdesc = DataDescription::new();
                let mut frelocs = Vec::new();
                for (i, f) in fields.iter().enumerate() {
                    let base = 32 * i;
                    frelocs.push((base as u32, self.string_data(f.name.as_bytes())));
                    put(&mut fbytes, base + 8, f.name.len() as u64);
                    frelocs.push((base as u32 + 16, self.type_desc(f.ty)));
                    put(&mut fbytes, base + 24, offsets[i]);
                }
                fdesc.define(fbytes.into_boxed_slice());
                for (off, target) in frelocs {
                    let gv = self.module.declare_data_in_data(target, &mut fdesc);
                    fdesc.write_data_addr(off, gv, 0);
                }
                let fname = self.next_data_name("go.fields");
                relocs.push((32, self.define_data(&fname, fdesc)));
            }
            _ => {}
        }
        if self.info.types.is_named(ty) {
            let name = self.info.types.runtime_name(ty);
            put(&mut bytes, 48, name.len() as u64);
            relocs.push((40, self.string_data(name.as_bytes())));
        }
        desc.define(bytes.into_boxed_slice());
        desc.set_align(8);
        for (off, target) in relocs {
            let gv = self.module.declare_data_in_data(target, &mut desc);
            desc.write_data_addr(off, gv, 0);
        }
        self.module.define_data(id, &desc).expect("type descriptor defined once");
        id
    }

    /// The static closure object `{code}` of a function with the closure signature
    /// (a function literal that captures nothing, or an adapter).
    pub fn static_closure(&mut self, code: FuncId) -> DataId {
        if let Some(&id) = self.func_values.get(&code) {
            return id;
        }
        let mut desc = DataDescription::new();
        desc.define(vec![0u8; 8].into_boxed_slice());
        let fref = self.module.declare_func_in_data(code, &mut desc);
        desc.write_function_addr(0, fref);
        let name = self.next_data_name("go.funcval");
        let id = self.define_data(&name, desc);
        self.func_values.insert(code, id);
        id
    }

    /// The closure object of top-level function `func` used as a value: it points at
    /// an adapter `NAME·f` with the closure signature that tail-calls `func` (so the
    /// adapter leaves no frame behind).
    pub fn func_value(&mut self, func: FuncId, go_sig: &::types::types::Signature) -> DataId {
        let name = format!("{}·f", self.module.declarations().get_function_decl(func).linkage_name(func));
        let adapter = match self.module.get_name(&name) {
            Some(cranelift_module::FuncOrDataId::Func(id)) => id,
            _ => {
                let sig = go_signature(&self.info.types, go_sig, true);
                let id = self.module.declare_function(&name, Linkage::Local, &sig).expect("fresh adapter name");
                self.adapters.push((id, func));
                id
            }
        };
        self.static_closure(adapter)
    }

    /// Declares a closure found inside function `parent`, named as Go names it
    /// (`main.main.func1`, nested: `main.main.func1.1`), and queues its body.
    pub fn queue_closure(&mut self, parent: &str, parent_is_closure: bool, lit: &'a ast::Expr) -> FuncId {
        let ast::ExprKind::FuncLit { sig, body } = &lit.kind else { unreachable!("queue_closure of a non-literal") };
        let go_sig = match self.info.types.kind(self.info.type_of(lit.id)) {
            TypeKind::Func(s) => s.clone(),
            other => unreachable!("function literal of type {other:?}"),
        };
        let count = self.closure_counts.entry(parent.to_string()).or_insert(0);
        *count += 1;
        let name = if parent_is_closure { format!("{parent}.{count}") } else { format!("{parent}.func{count}") };
        let clif_sig = go_signature(&self.info.types, &go_sig, true);
        let id = self.module.declare_function(&name, Linkage::Local, &clif_sig).expect("fresh closure name");
        self.queue.push(PendingFunc { id, name, kind: PendingKind::Body { sig, go_sig, body, lit: Some(lit.id) } });
        id
    }

    /// Declares the thunk of suspended call `call` (a closure with no parameters or
    /// results), `main.f.deferwrap1` or `main.f.gowrap1` (`kind`), and queues it.
    /// (Counted per kind: function literals keep Go's `funcN` numbering.)
    pub fn queue_thunk(&mut self, parent: &str, kind: &'static str, call: &'a ast::Expr, captured: Vec<Captured>) -> FuncId {
        let no_args = ::types::types::Signature { params: vec![], results: vec![], variadic: false };
        let count = self.thunk_counts.entry((parent.to_string(), kind)).or_insert(0);
        *count += 1;
        let name = format!("{parent}.{kind}{count}");
        let clif_sig = go_signature(&self.info.types, &no_args, true);
        let id = self.module.declare_function(&name, Linkage::Local, &clif_sig).expect("fresh thunk name");
        self.queue.push(PendingFunc { id, name, kind: PendingKind::Thunk { call, captured } });
        id
    }

    /// The code of method values whose method is called as `call` (closure
    /// signature `go_sig`), named `name` (`sync.(*WaitGroup).Done-fm`), queued on
    /// first use.
    pub fn method_value_code(&mut self, name: String, call: MethodCall, go_sig: &::types::types::Signature) -> FuncId {
        if let Some(cranelift_module::FuncOrDataId::Func(id)) = self.module.get_name(&name) {
            return id;
        }
        let sig = go_signature(&self.info.types, go_sig, true);
        let id = self.module.declare_function(&name, Linkage::Local, &sig).expect("fresh method value name");
        self.queue.push(PendingFunc { id, name, kind: PendingKind::MethodValue { call, nparams: go_sig.params.len() } });
        id
    }

    /// A `tail`-convention function `(g, params...) -> returns` that calls runtime entry
    /// point `symbol` (System V) with `params`: functions with defers call entry points
    /// that may panic through it, because a `try_call` needs a `tail` callee. Named
    /// `runtime.…`, so tracebacks hide it.
    pub fn runtime_wrapper(&mut self, symbol: &'static str, params: &[Type], returns: &[Type]) -> FuncId {
        if let Some(&id) = self.wrappers.get(symbol) {
            return id;
        }
        let mut sig = Signature::new(CallConv::Tail);
        sig.params.push(AbiParam::special(PTR, ArgumentPurpose::VMContext));
        sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
        sig.returns.extend(returns.iter().map(|&t| AbiParam::new(t)));
        crate::abi::pad_stack_args(&mut sig);
        let name = format!("runtime.tailwrap·{symbol}");
        let id = self.module.declare_function(&name, Linkage::Local, &sig).expect("fresh wrapper name");
        self.wrappers.insert(symbol, id);
        self.pending_wrappers.push((id, symbol, params.to_vec(), returns.to_vec()));
        id
    }

    pub fn line_of(&self, offset: u32) -> u32 {
        self.file.line(offset)
    }
}

/// Compiles the whole program into `module`.
pub fn compile(module: &mut dyn Module, file: &SourceFile, ast: &ast::File, info: &Info, opts: &Options) -> Result<Compiled, Vec<Diagnostic>> {
    // Its signature is never used: the stub calls it with its own register contract.
    let morestack = module.declare_function("runtime.morestack_noctxt", Linkage::Import, &Signature::new(CallConv::SystemV)).expect("runtime symbol");
    let mut p = Program {
        morestack,
        module,
        info,
        file,
        ast,
        funcs: HashMap::new(),
        guards: crate::guards::find_guards(info, &ast.decls),
        globals: HashMap::new(),
        strings: HashMap::new(),
        type_descs: HashMap::new(),
        func_values: HashMap::new(),
        adapters: Vec::new(),
        wrappers: HashMap::new(),
        pending_wrappers: Vec::new(),
        queue: Vec::new(),
        closure_counts: HashMap::new(),
        thunk_counts: HashMap::new(),
        data_count: 0,
        shared_types: opts.shared_types.as_ref(),
    };

    // Declarations first: bodies may refer to anything in the package.
    let no_args = ::types::types::Signature { params: vec![], results: vec![], variadic: false };
    let init_sig = go_signature(&info.types, &no_args, false);
    let mut init_funcs = Vec::new();
    for decl in &ast.decls {
        match decl {
            // `func init()`: any number of them, run in source order after the package
            // variables are initialised; they cannot be referred to.
            Decl::Func(fd) if fd.name.name == "init" && fd.recv.is_none() => {
                let name = format!("main.init.{}", init_funcs.len());
                let id = p.module.declare_function(&name, Linkage::Local, &init_sig).map_err(|e| vec![Diagnostic::new(fd.name.span, e.to_string())])?;
                init_funcs.push(id);
                if let Some(body) = &fd.body {
                    p.queue.push(PendingFunc { id, name, kind: PendingKind::Body { sig: &fd.sig, go_sig: no_args.clone(), body, lit: None } });
                }
            }
            Decl::Func(fd) => {
                let Some(obj) = info.def_of(fd.name.id) else { continue };
                let ObjKind::Func = info.object(obj).kind else { continue };
                let go_sig = match info.types.kind(info.object(obj).ty) {
                    TypeKind::Func(s) => s.clone(),
                    other => unreachable!("function of type {other:?}"),
                };
                let sig = go_signature(&info.types, &go_sig, false);
                let name = format!("main.{}", fd.name.name);
                let id = p.module.declare_function(&name, Linkage::Local, &sig).map_err(|e| vec![Diagnostic::new(fd.name.span, e.to_string())])?;
                p.funcs.insert(obj, id);
                if let Some(body) = &fd.body {
                    p.queue.push(PendingFunc { id, name, kind: PendingKind::Body { sig: &fd.sig, go_sig, body, lit: None } });
                }
            }
            Decl::Var(specs) => {
                for spec in specs {
                    for name in &spec.names {
                        let Some(obj) = info.def_of(name.id) else { continue };
                        let ty = info.object(obj).ty;
                        let symbol = format!("main.{}", name.name);
                        // Go's linker limit on one symbol (cmd/link: cutoff); the JIT also
                        // needs every global within a rel32 of the code.
                        let size = info.types.size_of(ty);
                        if size > MAX_SYMBOL_SIZE {
                            return Err(vec![Diagnostic::new(name.span, format!("{symbol}: symbol too large ({size} bytes > {MAX_SYMBOL_SIZE} bytes)"))]);
                        }
                        let linkage = if opts.extern_globals { Linkage::Import } else { Linkage::Local };
                        let data = p.module.declare_data(&symbol, linkage, true, false).map_err(|e| vec![Diagnostic::new(name.span, e.to_string())])?;
                        p.globals.insert(obj, data);
                        if opts.extern_globals {
                            continue;
                        }
                        let mut desc = DataDescription::new();
                        desc.define_zeroinit(info.types.size_of(ty).max(1) as usize);
                        desc.set_align(info.types.align_of(ty).max(1));
                        p.module.define_data(data, &desc).expect("global defined once");
                    }
                }
            }
            Decl::Const(_) | Decl::Type(_) => {}
        }
    }

    let mut ctx = Context::new();
    let mut fctx = FunctionBuilderContext::new();
    let mut out = Vec::new();

    // Package initialisation: `main.init` runs the variable initialisers in order,
    // then the `init` functions.
    let init_id = p.module.declare_function("main.init", Linkage::Local, &init_sig).expect("fresh name");
    ctx.func.signature = init_sig;
    ctx.func.name = UserFuncName::user(0, init_id.as_u32());
    let builder = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    FunctionTranslator::new(&mut p, builder, "main.glob.".to_string()).translate_package_init(&init_funcs)?;
    out.push(finish(&mut p, &mut ctx, init_id, "main.init".to_string(), opts)?);

    // Entry thunks of the functions exported to C.
    let mut exports = Vec::new();
    for export in &info.exports {
        let func = p.funcs[&export.func];
        let TypeKind::Func(go_sig) = info.types.kind(info.object(export.func).ty) else { unreachable!("exported non-function") };
        let (id, name) = crate::cgo::export_thunk(&mut p, &mut ctx, &mut fctx, &export.name, func, go_sig);
        out.push(finish(&mut p, &mut ctx, id, name, opts)?);
        exports.push((export.name.clone(), id));
    }

    loop {
        if let Some(pending) = p.queue.pop() {
            ctx.func.signature = p.module.declarations().get_function_decl(pending.id).signature.clone();
            ctx.func.name = UserFuncName::user(0, pending.id.as_u32());
            let builder = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let t = FunctionTranslator::new(&mut p, builder, pending.name.clone());
            match pending.kind {
                PendingKind::Body { sig, go_sig, body, lit } => t.translate_function(sig, &go_sig, body, lit)?,
                PendingKind::Thunk { call, captured } => t.translate_thunk(call, &captured)?,
                PendingKind::MethodValue { call, nparams } => t.translate_method_value(call, nparams)?,
            }
            out.push(finish(&mut p, &mut ctx, pending.id, pending.name, opts)?);
        } else if let Some((adapter, target)) = p.adapters.pop() {
            let name = translate_adapter(&mut p, &mut ctx, &mut fctx, adapter, target);
            out.push(finish(&mut p, &mut ctx, adapter, name, opts)?);
        } else if let Some((wrapper, symbol, params, returns)) = p.pending_wrappers.pop() {
            let name = translate_wrapper(&mut p, &mut ctx, &mut fctx, wrapper, symbol, &params, &returns);
            out.push(finish(&mut p, &mut ctx, wrapper, name, opts)?);
        } else {
            break;
        }
    }

    // The entry point the runtime calls with the System V convention.
    let main_obj = ast.decls.iter().find_map(|d| match d {
        Decl::Func(fd) if fd.name.name == "main" => info.def_of(fd.name.id),
        _ => None,
    });
    let main_id = main_obj.and_then(|o| p.funcs.get(&o).copied()).ok_or_else(|| vec![Diagnostic::new(ast.package.span, "function main is undeclared in the main package")])?;
    let mut entry_sig = Signature::new(CallConv::SystemV);
    entry_sig.params.push(AbiParam::special(I64, ArgumentPurpose::VMContext));
    let entry_id = p.module.declare_function("morestack.entry", Linkage::Local, &entry_sig).expect("fresh name");
    ctx.func.signature = entry_sig;
    ctx.func.name = UserFuncName::user(0, entry_id.as_u32());
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        b.seal_block(block);
        b.set_srcloc(SourceLoc::new(0));
        let g = b.block_params(block)[0];
        for id in [init_id, main_id] {
            let f = p.module.declare_func_in_func(id, b.func);
            b.ins().call(f, &[g]);
        }
        b.ins().return_(&[]);
        b.finalize(p.module.target_config());
    }
    out.push(finish(&mut p, &mut ctx, entry_id, "runtime.main".to_string(), opts)?);

    Ok(Compiled { funcs: out, entry: entry_id, exports })
}

/// Starts the one-block body of glue function `id` (an adapter, a wrapper, an export
/// thunk): its name, a builder positioned in the entry block, and the parameters.
pub(crate) fn begin_glue<'c>(p: &Program, ctx: &'c mut Context, fctx: &'c mut FunctionBuilderContext, id: FuncId) -> (String, FunctionBuilder<'c>, Vec<cranelift_codegen::ir::Value>) {
    let decl = p.module.declarations().get_function_decl(id);
    let name = decl.linkage_name(id).into_owned();
    ctx.func.signature = decl.signature.clone();
    ctx.func.name = UserFuncName::user(0, id.as_u32());
    let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    b.seal_block(block);
    let params = b.block_params(block).to_vec();
    (name, b, params)
}

/// Builds adapter `adapter` (closure signature) that tail-calls `target` without the
/// closure context; returns its name.
fn translate_adapter(p: &mut Program, ctx: &mut Context, fctx: &mut FunctionBuilderContext, adapter: FuncId, target: FuncId) -> String {
    let (name, mut b, params) = begin_glue(p, ctx, fctx, adapter);
    // Everything but the closure context (parameter 1); the two signatures may differ
    // in their padding parameter (`abi::pad_stack_args`).
    let mut args: Vec<_> = params.iter().enumerate().filter(|&(i, _)| i != 1).map(|(_, &v)| v).collect();
    let callee = p.module.declare_func_in_func(target, b.func);
    let want = b.func.dfg.signatures[b.func.dfg.ext_funcs[callee].signature].params.len();
    args.truncate(want);
    while args.len() < want {
        let zero = b.ins().iconst(I64, 0);
        args.push(zero);
    }
    b.ins().return_call(callee, &args);
    b.finalize(p.module.target_config());
    name
}

/// Builds `tail`-convention wrapper `wrapper` of runtime entry point `symbol` (see
/// `Program::runtime_wrapper`); returns its name.
fn translate_wrapper(p: &mut Program, ctx: &mut Context, fctx: &mut FunctionBuilderContext, wrapper: FuncId, symbol: &str, params: &[Type], returns: &[Type]) -> String {
    let (name, mut b, all) = begin_glue(p, ctx, fctx, wrapper);
    // After `g`; without the padding parameter, if any.
    let args = all[1..=params.len()].to_vec();
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    sig.returns.extend(returns.iter().map(|&t| AbiParam::new(t)));
    let id = p.module.declare_function(symbol, Linkage::Import, &sig).unwrap_or_else(|e| panic!("runtime symbol {symbol}: {e}"));
    let callee = p.module.declare_func_in_func(id, b.func);
    let call = b.ins().call(callee, &args);
    let results = b.inst_results(call).to_vec();
    b.ins().return_(&results);
    b.finalize(p.module.target_config());
    name
}

/// Compiles the function in `ctx` into the module — Go functions (the `tail`
/// convention) with the stack-check prologue — and records its metadata.
fn finish(p: &mut Program, ctx: &mut Context, id: FuncId, name: String, opts: &Options) -> Result<CompiledFunc, Vec<Diagnostic>> {
    let checked = !opts.no_stack_check && ctx.func.signature.call_conv == CallConv::Tail;
    if checked {
        STACK_CHECK.prepare(&mut ctx.func);
    }
    let clif = opts.keep_clif.then(|| ctx.func.display().to_string());
    if let Err(inst) = stack_addresses_stay_operands(&ctx.func) {
        return Err(vec![Diagnostic::new(Default::default(), format!("internal compiler error in {name}: a native stack address escapes: {}", ctx.func.dfg.display_inst(inst)))]);
    }
    let result = if checked {
        STACK_CHECK.define_function_padded(p.module, id, ctx, p.morestack, crate::placement::entry_padding).map(Some)
    } else {
        p.module.define_function(id, ctx).map(|_| None)
    };
    let checked = match result {
        Ok(size) => size,
        Err(e) => {
        let detail = match &e {
            cranelift_module::ModuleError::Compilation(cranelift_codegen::CodegenError::Verifier(errs)) => {
                cranelift_codegen::print_errors::pretty_verifier_error(&ctx.func, None, errs.clone())
            }
            other => format!("{other:?}"),
            };
            return Err(vec![Diagnostic::new(Default::default(), format!("internal compiler error in {name}: {detail}"))]);
        }
    };
    let code = ctx.compiled_code().expect("just compiled");
    // Offsets in `code` plus `entry_padding` are offsets in the defined code
    // (crate::placement).
    let (code_size, stub_offset, entry_padding) = match checked {
        Some(c) => (c.code_size, c.stub_offset, c.entry_padding),
        None => (code.code_info().total_size, None, 0),
    };
    let mut lines: Vec<(u32, u32)> = Vec::new();
    for loc in code.buffer.get_srclocs_sorted() {
        if loc.loc.is_default() {
            continue;
        }
        let line = p.line_of(loc.loc.bits());
        if lines.last().map(|&(_, l)| l) != Some(line) {
            lines.push((entry_padding + loc.start, line));
        }
    }
    // Where a recovery resumes the function (crate::defers): each try_call's
    // landing pad and the FP - SP it expects.
    let landing_pads = code
        .buffer
        .call_sites()
        .filter_map(|site| {
            let handler = site.exception_handlers.iter().find_map(|h| match h {
                FinalizedMachExceptionHandler::Default(off) => Some(*off),
                _ => None,
            })?;
            Some(LandingPad { ret: entry_padding + site.ret_addr, handler: entry_padding + handler, frame_offset: site.frame_offset.expect("x64 try_call sites record the frame offset") })
        })
        .collect();
    // Where the pending deferred calls of an open-coded function wait, from the frame
    // layout Cranelift chose.
    let open_defers = code.buffer.frame_layout().and_then(|layout| {
        let (slot, placed) = layout.stackslots.iter().find(|(_, s)| s.key == Some(StackSlotKey::new(crate::defers::OPEN_DEFERS_KEY)))?;
        let size = ctx.func.sized_stack_slots[slot].size;
        Some(OpenDefers { fp_offset: layout.frame_to_fp_offset - placed.offset, count: (size - crate::defers::OPEN_FNS as u32) / 8 })
    });
    ctx.clear();
    Ok(CompiledFunc { id, name, code_size, entry_padding, stub_offset, lines, landing_pads, open_defers, clif })
}

/// The largest package variable, as Go's linker allows (`cmd/link/internal/ld`'s
/// `cutoff`).
const MAX_SYMBOL_SIZE: u64 = 2_000_000_000;

/// Checks the invariant that lets the runtime copy goroutine stacks without stack
/// maps for native frames: no value holds an address in the function's own frame
/// (docs/stacks.md, "Invariants"). The only stack slot compiled code has is an
/// open-coded function's defer slot (crate::defers), and its `stack_addr`s may only be
/// the address operand of a load or store, which x86-64 lowers to an RSP-relative
/// access (`to_amode` matches the `stack_addr`), so the address never lives in a
/// register or spill slot a call could see. `Err` names an instruction that uses one
/// otherwise.
fn stack_addresses_stay_operands(func: &cranelift_codegen::ir::Function) -> Result<(), cranelift_codegen::ir::Inst> {
    use cranelift_codegen::ir::{InstructionData, Opcode};
    let dfg = &func.dfg;
    let is_stack_addr = |v| dfg.value_def(v).inst().is_some_and(|i| dfg.insts[i].opcode() == Opcode::StackAddr);
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            let ok = match dfg.insts[inst] {
                InstructionData::Load { .. } => true,
                InstructionData::Store { args: [value, _], .. } => !is_stack_addr(value),
                _ => !dfg.inst_args(inst).iter().any(|&v| is_stack_addr(v)),
            };
            if !ok {
                return Err(inst);
            }
        }
    }
    Ok(())
}

/// A string that identifies a type across separately checked files: its spelling with
/// every defined type followed by its underlying type (`main.P{struct{X int}}`), so
/// that two types share a key only if they have the same name and the same layout.
fn type_key(types: &::types::Types, ty: TypeId) -> String {
    fn key(types: &::types::Types, ty: TypeId, named: &mut Vec<TypeId>) -> String {
        let list = |ts: &[TypeId], named: &mut Vec<TypeId>| ts.iter().map(|&t| key(types, t, named)).collect::<Vec<_>>().join(",");
        match types.kind(ty) {
            TypeKind::Named { underlying, .. } => {
                let name = types.runtime_name(ty);
                match underlying {
                    // Inside its own definition, a type is its name.
                    Some(u) if !named.contains(&ty) => {
                        named.push(ty);
                        let inner = key(types, *u, named);
                        named.pop();
                        format!("{name}{{{inner}}}")
                    }
                    _ => name,
                }
            }
            TypeKind::Pointer(e) => format!("*{}", key(types, *e, named)),
            TypeKind::Slice(e) => format!("[]{}", key(types, *e, named)),
            TypeKind::Array { len, elem } => format!("[{len}]{}", key(types, *elem, named)),
            TypeKind::Chan { dir, elem } => format!("chan{dir:?} {}", key(types, *elem, named)),
            TypeKind::Struct { fields } => {
                let fs: Vec<String> = fields.iter().map(|f| format!("{} {}", f.name, key(types, f.ty, named))).collect();
                format!("struct{{{}}}", fs.join(";"))
            }
            TypeKind::Func(sig) => format!("func({}{}) ({})", list(&sig.params, named), if sig.variadic { "..." } else { "" }, list(&sig.results, named)),
            TypeKind::Tuple(ts) => format!("({})", list(ts, named)),
            TypeKind::Interface { .. } | TypeKind::Basic(_) => types.type_string(ty),
        }
    }
    key(types, ty, &mut Vec::new())
}
