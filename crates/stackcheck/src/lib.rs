//! Go's stack-check prologue for any Cranelift embedder: when a function is short of
//! stack it *calls* `morestack` and then re-runs its prologue, instead of trapping.
//!
//! Responsible for: setting `Function::stack_limit` to a load of the stack guard from
//! the `VMContext` parameter ([`StackCheck::prepare`]); compiling the function,
//! retargeting the check's trap branches to a per-function stub that calls `morestack`,
//! and defining the result in a [`Module`] ([`StackCheck::define_function`]); doing the
//! byte-level part alone for tests and other drivers ([`patch`]).
//! Not responsible for: `morestack` itself (the runtime implements it against the
//! contract below), which functions get no check (`//go:nosplit`: just don't call
//! [`StackCheck::prepare`]), stack maps, unwind info.
//!
//! x86-64 only; other targets get [`CodegenError::Unsupported`].
//!
//! # What Cranelift emits, and what this crate turns it into
//!
//! With `stack_limit` set, Cranelift 0.135's x86-64 prologue checks the stack right after
//! the frame-pointer setup, before the frame is allocated or any register is saved, and
//! branches to a `ud2` (a `STACK_OVERFLOW` trap site) when short. F is the number of
//! bytes the function will allocate below its frame pointer (its frame, its clobber save
//! area, its outgoing arguments, any growth of its incoming-argument area for tail
//! calls, plus 16 for a callee's return address and saved frame pointer if it makes
//! calls). Functions with no frame and no calls get no check at all.
//!
//! ```text
//!  entry:  push rbp                          entry:  push rbp
//!          mov  rbp, rsp                             mov  rbp, rsp
//!          mov  r10, [REG+guard_offset]              mov  r10, [REG+guard_offset]
//!        [ cmp  r10, rsp  ; F >= 32 KiB only ]     [ cmp  r10, rsp
//!        [ ja   ud2_1                        ]  ⇒    ja   stub ─────────────────┐ ]
//!          add  r10, F    ; absent if F == 0         add  r10, F                │
//!          cmp  r10, rsp                             cmp  r10, rsp              │
//!          ja   ud2_2                                ja   stub ─────────────────┤
//!  body:   sub  rsp, …                       body:   sub  rsp, … ◄──────────┐   │
//!          …                                         …                      │   │
//!  ud2_1:  ud2                                       (ud2s and constants    │   │
//!  ud2_2:  ud2                                        stay, now unreached)  │   │
//!          (constant pool)                           (int3 padding to 16)   │   │
//!                                            stub:   pop  rbp ◄─────────────┼───┘
//!                                                    mov  r11, REG          │
//!                                                    mov  eax, F            │
//!                                                    call [rip+slot] ──► morestack
//!                                            restart:jmp  entry             │
//!                                            resume: push rbp               │
//!                                                    mov  rbp, rsp          │
//!                                                    jmp  body ─────────────┘
//!                                                    (int3 padding to 8)
//!                                            slot:   .quad morestack   ; Abs8 relocation
//! ```
//!
//! REG is the register of the `VMContext` parameter, decoded from the load (rdi for the
//! first parameter; rsi when a return-area pointer took rdi). With
//! [`MorestackCall::Direct`] (used for `is_pic` code) the call is `call morestack` with a
//! PLT relocation and there is no slot; `restart` still follows the call.
//!
//! # The `morestack` contract
//!
//! The runtime's `morestack` (Go: `morestack_noctxt`) is entered by `call` from the stub:
//!
//! * `r11` = g, the `VMContext` value (the function's own, not re-loaded);
//! * `eax` = F, the bytes the check required (zero-extended into `rax`; 0 for a check
//!   without `add`). The check passes when `guard + F <= rsp` with rsp as at the check,
//!   i.e. 8 bytes below the rsp at function entry (and, for F >= 32 KiB, also
//!   `guard <= rsp`, so `guard + F` cannot wrap);
//! * every register except `rax`, `r10`, `r11`, `rsp` and the flags holds what it held
//!   at the function's entry: the argument registers (Tail and System V: rdi, rsi, rdx,
//!   rcx, r8, r9, xmm0–7) and the callee-saved ones (rbx, r12–r15, and rbp, which the
//!   stub's `pop rbp` restored to the caller's frame pointer); `rsp` is 8 below the
//!   entry rsp (the stub's `call`);
//! * the stack at entry, `rsp ≡ 0 (mod 16)` (System V code expects 8: realign before
//!   calling Rust):
//!
//! ```text
//!            ┌──────────────────────────────────┐  higher addresses
//!            │ the function's stack arguments   │  rsp+16 …  (if any)
//!            ├──────────────────────────────────┤
//!            │ return address into its caller  │  rsp+8     = rsp at the function's entry
//!            ├──────────────────────────────────┤
//!   rsp ───► │ address of `restart` in the stub │  rsp+0
//!            └──────────────────────────────────┘  lower addresses: the stack left
//! ```
//!
//! `morestack` may clobber `rax`, `r10`, `r11` and the flags; it must preserve every
//! other register (adjusting values that point into a stack it moved), and leave by
//! transferring control, with `rsp` = the address of the caller's return address (on
//! the new stack if it moved, with the stack arguments above it) and `rbp` likewise
//! adjusted, to one of:
//!
//! * `restart` = the address it was called from (`[rsp]`): a 5-byte `jmp` that re-runs
//!   the whole prologue, check included. A plain `ret` does this when nothing moved.
//!   If the guard still says "short", `morestack` is called again (this is how
//!   preemption via a poisoned guard works: yield, then retry).
//! * `resume` = `restart + 5` ([`RESUME_AFTER_RESTART`]): re-does the frame setup and
//!   continues *after* the check, for when `morestack` has made room for F bytes but
//!   the guard would still fail (e.g. a poisoned guard it must not clear).
//!   From the old stack: `add qword ptr [rsp], 5; ret`.
//!
//! `[rsp]` lies inside the function's own code (stub offset + 15, or + 14 with
//! [`MorestackCall::Direct`]), so `morestack` finds which function is growing, and with
//! it that function's argument pointer maps, by looking the address up in the embedder's
//! table of code ranges.
//!
//! The guard must sit far enough above the real end of the stack to also hold what
//! runs without a check: frameless leaves (they still push a return address and rbp),
//! `morestack`'s own call, and anything the runtime runs on the goroutine stack.
//! A Go-style poison value (`stackPreempt`) must stay `<= 2^64 - 32 KiB`: for frames
//! below 32 KiB `guard + F` is computed without an overflow check, and a larger poison
//! wraps and makes the check *pass*.
//!
//! # What the embedder keeps
//!
//! * `ctx.compiled_code()` still holds the compiled (unpatched) code: srclocs, stack
//!   maps, call sites and the frame layout are valid for the defined code once shifted
//!   by [`CheckedFunction::entry_padding`] (0 unless the embedder asked for padding, see
//!   [`EntryPadding`]). After the padding, the defined code's first `buffer.data().len()`
//!   bytes differ from the compiled ones only in the check branches' rel32 fields:
//!   [`patch`] on that buffer reproduces them exactly.
//! * The `STACK_OVERFLOW` trap sites listed in [`CheckedFunction::retargeted_traps`] are
//!   no longer reachable: drop them from trap tables.
//! * [`Module::define_function_bytes`] gets no unwind info: `ObjectModule` then writes
//!   no `.eh_frame` entry for the function (call `compiled_code.create_unwind_info` if
//!   needed, and shift its offsets by the entry padding; the stub has none either).
//!
//! # Example
//!
//! ```
//! # #[cfg(target_arch = "x86_64")] {
//! use cranelift_codegen::ir::{types::I64, AbiParam, ArgumentPurpose, InstBuilder, Signature};
//! use cranelift_codegen::ir::{StackSlotData, StackSlotKind};
//! use cranelift_codegen::isa::CallConv;
//! use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
//! use cranelift_jit::{JITBuilder, JITModule};
//! use cranelift_module::{default_libcall_names, Linkage, Module};
//! use stackcheck::StackCheck;
//!
//! /// Stands in for the runtime's assembly `morestack_noctxt`; never called here
//! /// because this example never runs the function.
//! extern "C" fn morestack_noctxt() {}
//!
//! let flags = [("preserve_frame_pointers", "true"), ("opt_level", "speed")];
//! let mut jit = JITBuilder::with_flags(&flags, default_libcall_names())?;
//! jit.symbol("morestack_noctxt", morestack_noctxt as *const u8);
//! let mut module = JITModule::new(jit);
//! let morestack = module.declare_function("morestack_noctxt", Linkage::Import, &Signature::new(CallConv::SystemV))?;
//!
//! // fn f(g, x) -> x, with a 100-byte local: g is the VMContext parameter.
//! let mut sig = Signature::new(CallConv::Tail);
//! sig.params.push(AbiParam::special(I64, ArgumentPurpose::VMContext));
//! sig.params.push(AbiParam::new(I64));
//! sig.returns.push(AbiParam::new(I64));
//! let f = module.declare_function("f", Linkage::Local, &sig)?;
//! let mut ctx = module.make_context();
//! ctx.func.signature = sig;
//! let mut fctx = FunctionBuilderContext::new();
//! let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
//! let block = b.create_block();
//! b.append_block_params_for_function_params(block);
//! b.switch_to_block(block);
//! let x = b.block_params(block)[1];
//! let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 100, 3));
//! b.ins().stack_store(I64, x, slot, 0); // (pointer type, value, slot, offset)
//! let y = b.ins().stack_load(I64, I64, slot, 0);
//! b.ins().return_(&[y]);
//! b.seal_all_blocks();
//! b.finalize(module.target_config());
//!
//! let check = StackCheck { guard_offset: 16 }; // g.stackguard0 is at g+16
//! check.prepare(&mut ctx.func);
//! let checked = check.define_function(&mut module, f, &mut ctx, morestack)?;
//! assert!(checked.frame_size.unwrap() >= 100);
//! assert_eq!(checked.retargeted_traps.len(), 1);
//! let srclocs = ctx.compiled_code().unwrap().buffer.get_srclocs_sorted(); // still there
//! # let _ = srclocs;
//! module.finalize_definitions()?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod x64;

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::immediates::Offset32;
use cranelift_codegen::ir::{ArgumentPurpose, Function, GlobalValueData, MemFlagsData};
use cranelift_codegen::{CodegenError, CompiledCode, Context};
use cranelift_module::{FuncId, Module, ModuleError, ModuleReloc, ModuleRelocTarget, ModuleResult};

pub use x64::{patch, MorestackCall, PatchError, Patched, StubReloc, RESUME_AFTER_RESTART};

/// The stack-check pass, configured for one runtime's `G` layout.
#[derive(Clone, Copy, Debug)]
pub struct StackCheck {
    /// Offset of the stack guard (Go: `g.stackguard0`) within the struct the
    /// `VMContext` parameter points to.
    pub guard_offset: i32,
}

/// What [`StackCheck::define_function`] (and [`patch`]) report about a function. Every
/// offset is one in the defined code, the entry padding included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFunction {
    /// NOP bytes before the prologue ([`EntryPadding`]): an offset in the compiled code
    /// plus this is the same instruction's offset in the defined code.
    pub entry_padding: u32,
    /// Size of the defined code, padding, stub and slot included.
    pub code_size: u32,
    /// F: the bytes the check requires below the frame pointer (what `morestack` gets in
    /// `eax`). `None`: the function has no check (frameless leaf, or no `stack_limit`).
    pub frame_size: Option<u32>,
    /// Offset of the stub (its `pop rbp`).
    pub stub_offset: Option<u32>,
    /// Offset of the first instruction after the last check branch, where `resume`
    /// continues.
    pub body_offset: Option<u32>,
    /// The `STACK_OVERFLOW` trap sites (offsets of `ud2`) whose branches now go to the
    /// stub. Nothing reaches them any more: drop them from trap tables.
    pub retargeted_traps: Vec<u32>,
}

/// NOPs placed before a function's prologue, and the boundary its first byte starts on:
/// with them an embedder puts a chosen instruction of the compiled code at a chosen
/// distance from an aligned address (codegen keeps a loop within as few cache lines as
/// it can this way). The NOPs run at every call; `morestack`'s restart skips them.
/// `bytes` must be a multiple of the compiled code's alignment
/// (`MachBufferFinalized::alignment`, which its constant pool sets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntryPadding {
    pub bytes: u32,
    /// A power of two, or 0 for the module's own minimum.
    pub align: u32,
}

impl StackCheck {
    /// Before compilation: sets `func.stack_limit` to `load.i64 (vmctx + guard_offset)`.
    ///
    /// # Panics
    /// If the signature has no parameter with [`ArgumentPurpose::VMContext`]: Cranelift
    /// finds the limit through it, and the stub passes it to `morestack`.
    pub fn prepare(&self, func: &mut Function) {
        assert!(
            func.signature.special_param_index(ArgumentPurpose::VMContext).is_some(),
            "stackcheck: {} has no VMContext parameter to load the stack guard from",
            func.name
        );
        let vmctx = match func.global_values.iter().find(|(_, gv)| matches!(gv, GlobalValueData::VMContext)) {
            Some((gv, _)) => gv,
            None => func.create_global_value(GlobalValueData::VMContext),
        };
        // Not readonly: the runtime rewrites the guard (preemption). Cranelift ignores
        // these flags for the prologue's load anyway.
        let flags = func.dfg.mem_flags.insert_unchecked(MemFlagsData::trusted());
        let limit = func.create_global_value(GlobalValueData::Load {
            base: vmctx,
            offset: Offset32::new(self.guard_offset),
            global_type: cranelift_codegen::ir::types::I64,
            flags,
        });
        func.stack_limit = Some(limit);
    }

    /// Compiles `ctx` for `module`'s ISA, patches the machine code with [`patch`] and
    /// defines it in `module` with [`Module::define_function_bytes`]. `morestack` is the
    /// (usually imported) function the stub calls. `ctx` keeps the compiled code.
    ///
    /// Errors: compilation errors as from [`Module::define_function`]; a target other
    /// than x86-64, or a prologue this crate does not recognise, as
    /// [`ModuleError::Compilation`]`(`[`CodegenError::Unsupported`]`)`.
    #[allow(clippy::result_large_err, reason = "the same result type as `Module::define_function`, which this replaces")]
    pub fn define_function(&self, module: &mut dyn Module, id: FuncId, ctx: &mut Context, morestack: FuncId) -> ModuleResult<CheckedFunction> {
        self.define_function_padded(module, id, ctx, morestack, |_| EntryPadding::default())
    }

    /// [`StackCheck::define_function`], with NOPs before the prologue that `padding`
    /// chooses from the compiled code.
    #[allow(clippy::result_large_err, reason = "the same result type as `Module::define_function`, which this replaces")]
    pub fn define_function_padded(
        &self,
        module: &mut dyn Module,
        id: FuncId,
        ctx: &mut Context,
        morestack: FuncId,
        padding: impl FnOnce(&CompiledCode) -> EntryPadding,
    ) -> ModuleResult<CheckedFunction> {
        let isa = module.isa();
        if isa.name() != "x64" {
            return Err(unsupported(module, id, format!("only x86-64 is supported, not {}", isa.name())));
        }
        let call = if isa.flags().is_pic() { MorestackCall::Direct } else { MorestackCall::Slot };
        let min_align = isa.function_alignment().minimum as u64;
        ctx.compile(isa, &mut ControlPlane::default()).map_err(ModuleError::from)?;

        let compiled = ctx.compiled_code().expect("just compiled");
        let pad = padding(compiled);
        let buffer = &compiled.buffer;
        // Cranelift aligned the constant pool relative to the function's first byte, and
        // may use a constant as an aligned memory operand.
        if !pad.bytes.is_multiple_of(buffer.alignment) {
            return Err(unsupported(module, id, format!("an entry padding of {} bytes would misalign the constant pool (aligned to {})", pad.bytes, buffer.alignment)));
        }
        let patched = patch(buffer.data(), buffer.traps(), self.guard_offset, call, pad.bytes).map_err(|e| unsupported(module, id, e.to_string()))?;
        // The code moved up by the padding: so do the compiled code's relocations, and
        // their targets within this same function.
        let mut relocs: Vec<ModuleReloc> = buffer
            .relocs()
            .iter()
            .map(|r| {
                let mut reloc = ModuleReloc::from_mach_reloc(r, &ctx.func, id);
                reloc.offset += pad.bytes;
                if let ModuleRelocTarget::FunctionOffset(f, offset) = &mut reloc.name {
                    if *f == id {
                        *offset += pad.bytes;
                    }
                }
                reloc
            })
            .collect();
        // The slot is read as one 8-byte load: keep it naturally aligned in memory too.
        let mut align = (buffer.alignment as u64).max(min_align).max(pad.align as u64);
        if let Some(r) = patched.reloc {
            // Function ids are namespace 0 of `ModuleRelocTarget::User`.
            relocs.push(ModuleReloc { offset: r.offset, kind: r.kind, name: ModuleRelocTarget::from(morestack), addend: r.addend });
            if call == MorestackCall::Slot {
                align = align.max(8);
            }
        }
        module.define_function_bytes(id, align, &patched.code, &relocs)?;
        Ok(patched.checked)
    }
}

fn unsupported(module: &dyn Module, id: FuncId, message: String) -> ModuleError {
    let name = module.declarations().get_function_decl(id).linkage_name(id).into_owned();
    ModuleError::Compilation(CodegenError::Unsupported(format!("stackcheck: {name}: {message}")))
}
