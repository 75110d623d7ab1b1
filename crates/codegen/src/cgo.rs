//! The Go side of C interop (docs/cgo.md, "The Go side"): calls of C functions and
//! of cgo's string helpers, and the entry thunks of functions exported to C.
//!
//! A call `C.f(x, y)` stores its arguments into an *argument block*, one 8-byte slot
//! each (a value in the low bytes of its slot, stored with its own width), and calls
//! `runtime.cgocall(g, &WRAPPER, block) -> u64` (System V), where `WRAPPER` is the
//! C function's generated wrapper in the shared object; the low bits of the result
//! are the C result. The block lives in the caller's aggregate frame, like every
//! address compiled code makes (crate::func): a callback from C into Go may move the
//! goroutine stack while the C function runs, and Cranelift may keep a block address
//! in a register across the call (or hoist it out of a loop), where no stack copy
//! could fix it.
//!
//! An exported function `F` gets the thunk `runtime._cgoexp_F(g, frame)`, a compiled
//! function like any other (`tail` convention, stack check) that the runtime's
//! `cgocallback` runs: it loads `F`'s parameters from the 8-byte slots of `frame`,
//! calls `F`, and stores its result into the slot after them. Its name starts with
//! `runtime.`, so tracebacks hide it (runtime/src/traceback.rs) as they hide the
//! other glue (`runtime.tailwrap·…`): a callback's traceback goes from `F` to the Go
//! caller of the C function.

use cranelift_codegen::ir::types::{F32, F64, I32, I64};
use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, InstBuilder, MemFlagsData, Signature, Value};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_module::{FuncId, Linkage, Module};
use syntax::ast::Expr;
use types::info::CgoFunc;
use types::types::Signature as GoSignature;
use types::{TypeId, TypeKind};

use crate::abi::{abi_parts, PTR};
use crate::expr::R;
use crate::func::FunctionTranslator;
use crate::program::{begin_glue, Program};

/// Bytes per value in an argument block or an export frame (docs/cgo.md).
const SLOT: i32 = 8;

impl<'p, 'a, 'f> FunctionTranslator<'p, 'a, 'f> {
    /// A call `e` of `C.NAME` (`f`, a function of Go signature `sig`) with
    /// arguments `args`: every result's values (none for a C function returning
    /// `void`).
    pub fn cgo_call(&mut self, e: &'a Expr, f: &CgoFunc, sig: &GoSignature, args: &'a [Expr]) -> R<Vec<Vec<Value>>> {
        let values = self.cgo_arguments(sig, args)?;
        self.set_call_pos(e);
        let string = [PTR, I64];
        Ok(match f {
            CgoFunc::C { wrapper } => self.call_c(wrapper, sig, &values).into_iter().collect(),
            CgoFunc::CString => vec![self.call_runtime("runtime.cgo_cstring", &values[0], &[PTR])],
            CgoFunc::GoString => vec![self.call_runtime("runtime.cgo_gostring", &values[0], &string)],
            CgoFunc::GoStringN => {
                // `C.int` widened to the runtime's i64.
                let n = self.b.ins().sextend(I64, values[1][0]);
                vec![self.call_runtime("runtime.cgo_gostringn", &[values[0][0], n], &string)]
            }
        })
    }

    /// The values of a C call's arguments, one per parameter (`C.f(g())` spreads
    /// the results of `g`).
    fn cgo_arguments(&mut self, sig: &GoSignature, args: &'a [Expr]) -> R<Vec<Vec<Value>>> {
        if let [arg] = args {
            if sig.params.len() > 1 && matches!(self.info.types.kind(self.info.type_of(arg.id)), TypeKind::Tuple(_)) {
                return self.call(arg);
            }
        }
        args.iter().map(|a| self.expr(a)).collect()
    }

    /// `runtime.cgocall(g, &wrapper, block)` with the arguments in a fresh block;
    /// the C function's result, if it has one.
    fn call_c(&mut self, wrapper: &str, sig: &GoSignature, values: &[Vec<Value>]) -> Option<Vec<Value>> {
        let flags = MemFlagsData::trusted();
        let block = if values.is_empty() {
            self.b.ins().iconst(PTR, 0)
        } else {
            let block = self.stack_temp(SLOT as u64 * values.len() as u64, SLOT as u64);
            for (i, v) in values.iter().enumerate() {
                // Each parameter is a scalar: one value, stored with its own width.
                self.b.ins().store(flags, v[0], block, SLOT * i as i32);
            }
            block
        };
        let mut wsig = Signature::new(CallConv::SystemV);
        wsig.params.push(AbiParam::new(PTR));
        wsig.returns.push(AbiParam::new(I64));
        let id = self.p.module.declare_function(wrapper, Linkage::Import, &wsig).unwrap_or_else(|e| panic!("C wrapper {wrapper}: {e}"));
        let fref = self.p.module.declare_func_in_func(id, self.b.func);
        let code = self.b.ins().func_addr(PTR, fref);
        let g = self.g;
        let raw = self.call_runtime("runtime.cgocall", &[g, code, block], &[I64])[0];
        let &result = sig.results.first()?;
        Some(vec![self.slot_value(raw, result)])
    }

    /// The value of type `ty` in the low bits of `raw`, an 8-byte slot's contents.
    fn slot_value(&mut self, raw: Value, ty: TypeId) -> Value {
        let part = abi_parts(&self.info.types, ty)[0];
        let flags = MemFlagsData::new();
        match part {
            F64 => self.b.ins().bitcast(F64, flags, raw),
            F32 => {
                let bits = self.b.ins().ireduce(I32, raw);
                self.b.ins().bitcast(F32, flags, bits)
            }
            I64 => raw,
            narrow => self.b.ins().ireduce(narrow, raw),
        }
    }
}

/// Declares the entry thunk of exported function `func` (of Go signature `sig`),
/// `runtime._cgoexp_NAME(g, frame)`, and builds it (module doc); returns it and its
/// name.
pub(crate) fn export_thunk(p: &mut Program, ctx: &mut Context, fctx: &mut FunctionBuilderContext, export: &str, func: FuncId, sig: &GoSignature) -> (FuncId, String) {
    let mut tsig = Signature::new(CallConv::Tail);
    tsig.params.push(AbiParam::special(PTR, ArgumentPurpose::VMContext));
    tsig.params.push(AbiParam::new(PTR));
    let id = p.module.declare_function(&format!("runtime._cgoexp_{export}"), Linkage::Local, &tsig).expect("one thunk per exported function");
    let (name, mut b, params) = begin_glue(p, ctx, fctx, id);
    let (g, frame) = (params[0], params[1]);
    let flags = MemFlagsData::trusted();
    let mut args = vec![g];
    for (i, &t) in sig.params.iter().enumerate() {
        // The checker admits only scalars of one value each (types::info::Export).
        let part = abi_parts(&p.info.types, t)[0];
        args.push(b.ins().load(part, flags, frame, SLOT * i as i32));
    }
    let callee = p.module.declare_func_in_func(func, b.func);
    // The padding parameter `abi::pad_stack_args` may have added.
    let want = b.func.dfg.signatures[b.func.dfg.ext_funcs[callee].signature].params.len();
    while args.len() < want {
        args.push(b.ins().iconst(I64, 0));
    }
    let call = b.ins().call(callee, &args);
    if let Some(&result) = b.inst_results(call).first() {
        b.ins().store(flags, result, frame, SLOT * sig.params.len() as i32);
    }
    b.ins().return_(&[]);
    b.finalize(p.module.target_config());
    (id, name)
}
