//! Lowers a type-checked Go file to Cranelift IR.
//!
//! This is the only crate that builds Cranelift IR and the only place that sets
//! Cranelift flags ([`build_isa`]). It is written once against `&mut dyn Module`, so the
//! JIT and the object-file (ahead-of-time) driver share it; [`define_startup`] adds
//! what only an executable needs: C `main` and the program table.
//!
//! Conventions every generated function follows (docs/abi.md states them in full):
//! * the `tail` calling convention;
//! * parameter 0 is the current goroutine `g` (`VMContext` purpose); closures take
//!   the closure context (a pointer to their closure object) next; then one hidden
//!   pointer per aggregate result, then the Go parameters flattened to scalars. A
//!   top-level function used as a value gets an adapter with the closure signature
//!   that tail-calls it, so direct calls (the common case) pass no context;
//! * scalar results are returned flattened; aggregate results are written through
//!   their hidden pointers;
//! * source positions are attached with `set_srcloc` as byte offsets into the file,
//!   which [`CompiledFunc::lines`] turns into the line table tracebacks use.

mod abi;
mod cgo;
#[cfg(test)]
mod cgo_tests;
mod defers;
mod expr;
mod func;
mod goroutines;
mod guards;
mod placement;
mod program;
mod startup;
mod stmt;
#[cfg(test)]
mod tests;
mod thunks;

use std::sync::Arc;

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_module::FuncId;

pub use program::{compile, Options, SHARED_TYPE_PREFIX};
pub use startup::{define_startup, Startup};

/// Every Cranelift setting the compiler uses, for the host machine.
pub fn build_isa() -> Arc<dyn TargetIsa> {
    let mut flags = settings::builder();
    // Tracebacks and (later) the stack copier walk the frame-pointer chain.
    flags.set("preserve_frame_pointers", "true").expect("known flag");
    flags.set("opt_level", "speed").expect("known flag");
    // The JIT places code anywhere in the address space; executables are linked
    // non-PIE (docs/aot.md), so absolute addresses in code are fine there too.
    flags.set("use_colocated_libcalls", "false").expect("known flag");
    flags.set("is_pic", "false").expect("known flag");
    // Block offsets and edges of the machine code, to find loops (crate::placement).
    flags.set("machine_code_cfg_info", "true").expect("known flag");
    let isa_builder = cranelift_native::builder().unwrap_or_else(|msg| panic!("host machine is not supported by Cranelift: {msg}"));
    isa_builder.finish(settings::Flags::new(flags)).expect("valid Cranelift settings")
}

/// One compiled function, as the driver needs it after the module is finalised.
pub struct CompiledFunc {
    pub id: FuncId,
    /// The Go-style symbol name (`main.fib`, `main.main.func1`).
    pub name: String,
    pub code_size: u32,
    /// NOP bytes before the prologue that place the function's innermost loop
    /// (crate::placement); every offset here already counts them.
    pub entry_padding: u32,
    /// Where the stack-check stub starts (`None`: no check, e.g. a frameless leaf).
    /// The stub ends with the 8-byte address of `morestack_noctxt`.
    pub stub_offset: Option<u32>,
    /// `(code offset, source line)` pairs sorted by offset: the line of the code from
    /// that offset up to the next entry.
    pub lines: Vec<(u32, u32)>,
    /// The exception landing pads of its `try_call`s (functions with defers), sorted
    /// by return address.
    pub landing_pads: Vec<LandingPad>,
    /// Where an open-coded function keeps its pending deferred calls.
    pub open_defers: Option<OpenDefers>,
    /// The function's Cranelift IR, when `Options::keep_clif` is set.
    pub clif: Option<String>,
}

/// A `try_call` site: its return address and landing pad (code offsets), and FP - SP
/// at the call, which the landing pad expects (docs/abi.md "Defer").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LandingPad {
    pub ret: u32,
    pub handler: u32,
    pub frame_offset: u32,
}

/// An open-coded function's defer slot (crate::defers): `bits` at `fp_offset` bytes
/// below the frame pointer, then the function's `g.agg_sp`, then `count` closure
/// pointers; what a panic reads to run the function's pending deferred calls and to
/// recover into it (docs/abi.md "Defer").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenDefers {
    pub fp_offset: u32,
    pub count: u32,
}

/// The result of compiling a program.
pub struct Compiled {
    pub funcs: Vec<CompiledFunc>,
    /// `extern "C" fn(g: *mut G)`: runs the package initialisers, then `main.main`.
    pub entry: FuncId,
    /// The functions exported to C (`types::Info::exports`), in source order: each
    /// one's C name and its entry thunk `runtime._cgoexp_NAME(g, frame)`, whose
    /// address the C side's stub hands to `runtime.cgocallback` (docs/cgo.md).
    pub exports: Vec<(String, FuncId)>,
}
