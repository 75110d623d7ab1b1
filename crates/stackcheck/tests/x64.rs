//! Compiles functions of every frame class with Cranelift through
//! `StackCheck::define_function` into a JIT module, then
//! * disassembles what was defined (iced-x86) and asserts the prologue, the retargeted
//!   branches and the stub instruction by instruction;
//! * runs them (Tail functions, called through a System V trampoline built here) with
//!   the guard open, with a poisoned guard and a `morestack` test double that clears it
//!   and returns to `restart`, and with one that returns to `resume`.
//!
//! The test double must be assembly: it is entered with the stub's register contract
//! (r11 = g, eax = F, rsp ≡ 0 mod 16), not a Rust calling convention. It lives in the
//! `global_asm!` below, in this test file only.

#![cfg(target_arch = "x86_64")]

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::Mutex;

use cranelift_codegen::ir::{types::*, AbiParam, ArgumentPurpose, Function, InstBuilder, Signature, StackSlotData, StackSlotKind, TrapCode, Value};
use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::{Context, MachBufferFrameLayout};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, Mnemonic, Register};
use stackcheck::{CheckedFunction, EntryPadding, StackCheck, RESUME_AFTER_RESTART};

// ---------------------------------------------------------------------------------
// The morestack test double.

/// Times the double was entered.
static CALLS: AtomicU64 = AtomicU64::new(0);
/// r11, rax, [rsp] and rsp at its last entry.
static LAST_G: AtomicU64 = AtomicU64::new(0);
static LAST_F: AtomicU64 = AtomicU64::new(0);
static LAST_RET: AtomicU64 = AtomicU64::new(0);
static LAST_SP: AtomicU64 = AtomicU64::new(0);
/// 0: clear the guard and return to `restart`; otherwise return to `resume`.
static RESUME_MODE: AtomicU64 = AtomicU64::new(0);

std::arch::global_asm!(
    ".globl stackcheck_test_morestack",
    "stackcheck_test_morestack:",
    "lock inc qword ptr [rip + {calls}]",
    "mov qword ptr [rip + {g}], r11",        // g, as the stub passes it
    "mov qword ptr [rip + {f}], rax",        // F
    "mov r10, qword ptr [rsp]",              // return address = restart
    "mov qword ptr [rip + {ret}], r10",
    "mov qword ptr [rip + {sp}], rsp",       // for the alignment check
    "cmp qword ptr [rip + {resume}], 0",
    "jne 2f",
    "mov qword ptr [r11 + {guard}], 0",      // "grew the stack": open the guard…
    "ret",                                   // …and re-run the prologue
    "2:",
    "add qword ptr [rsp], {resume_off}",     // room made, guard left poisoned:
    "ret",                                   // continue after the check
    calls = sym CALLS, g = sym LAST_G, f = sym LAST_F, ret = sym LAST_RET, sp = sym LAST_SP,
    resume = sym RESUME_MODE, guard = const GUARD_OFFSET, resume_off = const RESUME_AFTER_RESTART,
);

extern "C" {
    fn stackcheck_test_morestack();
}

/// Where these tests keep the guard in their `G`.
const GUARD_OFFSET: i32 = 16;
/// A Go-`stackPreempt`-like guard: above every real rsp, and small enough that
/// `guard + F` does not wrap for frames below 32 KiB (see the crate doc).
const POISON: u64 = 0xffff_ffff_ffff_0000;
/// The double keeps global state: one JIT test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

// ---------------------------------------------------------------------------------
// Compiling.

struct Harness {
    module: JITModule,
    morestack: FuncId,
    fctx: FunctionBuilderContext,
    check: StackCheck,
    /// What `define` asks `define_function_padded` for.
    padding: EntryPadding,
}

/// One function as defined, with what the tests compare it against.
struct Defined {
    id: FuncId,
    sig: Signature,
    checked: CheckedFunction,
    /// `ctx.compiled_code()` after `define_function`: the unpatched code…
    compiled: Vec<u8>,
    overflow_traps: Vec<u32>,
    /// Byte ranges the module's relocations rewrite.
    relocated: Vec<std::ops::Range<usize>>,
    layout: MachBufferFrameLayout,
    calls: bool,
}

impl Harness {
    fn new() -> Harness {
        // The flags codegen::build_isa sets (the JIT forces is_pic=false itself).
        let flags = [("preserve_frame_pointers", "true"), ("opt_level", "speed"), ("use_colocated_libcalls", "false")];
        let mut jb = JITBuilder::with_flags(&flags, default_libcall_names()).unwrap();
        jb.symbol("morestack_noctxt", stackcheck_test_morestack as *const u8);
        let mut module = JITModule::new(jb);
        let morestack = module.declare_function("morestack_noctxt", Linkage::Import, &Signature::new(CallConv::SystemV)).unwrap();
        Harness { module, morestack, fctx: FunctionBuilderContext::new(), check: StackCheck { guard_offset: GUARD_OFFSET }, padding: EntryPadding::default() }
    }

    /// Declares and builds one Tail function, with `body(builder, module, params)`
    /// returning the results; not yet prepared or defined.
    fn build(&mut self, name: &str, sig: &Signature, body: impl FnOnce(&mut FunctionBuilder, &mut JITModule, &[Value]) -> Vec<Value>) -> (FuncId, Context) {
        let id = self.module.declare_function(name, Linkage::Local, sig).unwrap();
        let mut ctx = self.module.make_context();
        ctx.func = Function::with_name_signature(cranelift_codegen::ir::UserFuncName::user(0, id.as_u32()), sig.clone());
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut self.fctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        let params = b.block_params(block).to_vec();
        let results = body(&mut b, &mut self.module, &params);
        b.ins().return_(&results);
        b.seal_all_blocks();
        b.finalize(self.module.target_config());
        (id, ctx)
    }

    /// [`Harness::build`]s, prepares and defines one Tail function.
    fn define(&mut self, name: &str, sig: Signature, body: impl FnOnce(&mut FunctionBuilder, &mut JITModule, &[Value]) -> Vec<Value>) -> Defined {
        let (id, mut ctx) = self.build(name, &sig, body);
        self.check.prepare(&mut ctx.func);
        let padding = self.padding;
        let checked = self.check.define_function_padded(&mut self.module, id, &mut ctx, self.morestack, |_| padding).unwrap();
        let cc = ctx.compiled_code().expect("ctx keeps the compiled code");
        let buffer = &cc.buffer;
        let calls = buffer.call_sites().next().is_some();
        Defined {
            id,
            sig,
            compiled: buffer.data().to_vec(),
            overflow_traps: buffer.traps().iter().filter(|t| t.code == TrapCode::STACK_OVERFLOW).map(|t| t.offset).collect(),
            relocated: buffer.relocs().iter().map(|r| r.offset as usize..r.offset as usize + if r.kind == Reloc::Abs8 { 8 } else { 4 }).collect(),
            layout: buffer.frame_layout().expect("frame layout").clone(),
            calls,
            checked,
        }
    }

    /// Finalizes the module and returns each function's defined bytes and address.
    fn finalize(&mut self, funcs: &[&Defined]) -> Vec<(Vec<u8>, u64)> {
        self.module.finalize_definitions().unwrap();
        funcs
            .iter()
            .map(|d| {
                let p = self.module.get_finalized_function(d.id);
                // SAFETY: the JIT placed `code_size` bytes of code (stub included) at `p`,
                // readable and never freed while the module lives.
                let bytes = unsafe { std::slice::from_raw_parts(p, d.checked.code_size as usize) }.to_vec();
                (bytes, p as u64)
            })
            .collect()
    }
}

fn tail_sig(params: usize, vmctx_at: usize, returns: usize) -> Signature {
    let mut s = Signature::new(CallConv::Tail);
    for i in 0..params {
        s.params.push(if i == vmctx_at { AbiParam::special(I64, ArgumentPurpose::VMContext) } else { AbiParam::new(I64) });
    }
    s.returns.extend((0..returns).map(|_| AbiParam::new(I64)));
    s
}

/// A function whose frame holds one `size`-byte slot: stores x, loads it back, adds 1.
fn with_slot(size: u32) -> impl FnOnce(&mut FunctionBuilder, &mut JITModule, &[Value]) -> Vec<Value> {
    move |b, _, p| {
        let ss = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size, 3));
        b.ins().stack_store(I64, p[1], ss, (size - 8) as i32);
        let v = b.ins().stack_load(I64, I64, ss, (size - 8) as i32);
        vec![b.ins().iadd_imm_s(v, 1)]
    }
}

// ---------------------------------------------------------------------------------
// Disassembly.

struct Listing(Vec<Instruction>);

impl Listing {
    /// Decodes `code` as if loaded at address 0, so branch targets read as offsets.
    fn new(code: &[u8]) -> Listing {
        Listing::range(code, 0, code.len())
    }

    /// Decodes `code[from..to]` only: linear decoding cannot step over a constant pool.
    fn range(code: &[u8], from: usize, to: usize) -> Listing {
        Listing(Decoder::with_ip(64, &code[from..to], from as u64, DecoderOptions::NONE).into_iter().collect())
    }

    fn text(i: &Instruction) -> String {
        let mut f = IntelFormatter::new();
        f.options_mut().set_hex_prefix("0x");
        f.options_mut().set_hex_suffix("");
        f.options_mut().set_uppercase_hex(false);
        f.options_mut().set_space_after_operand_separator(true);
        f.options_mut().set_branch_leading_zeros(false);
        f.options_mut().set_small_hex_numbers_in_decimal(false);
        let mut s = String::new();
        f.format(i, &mut s);
        s
    }

    fn at(&self, offset: u32) -> &Instruction {
        self.0.iter().find(|i| i.ip() == offset as u64).unwrap_or_else(|| panic!("no instruction starts at {offset:#x}:\n{self}"))
    }

    /// The text of the instructions from `offset` on, `n` of them.
    fn texts(&self, offset: u32, n: usize) -> Vec<String> {
        let start = self.0.iter().position(|i| i.ip() == offset as u64).unwrap_or_else(|| panic!("no instruction at {offset:#x}:\n{self}"));
        self.0[start..start + n].iter().map(Self::text).collect()
    }
}

impl std::fmt::Display for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for i in &self.0 {
            writeln!(f, "{:4x}: {}", i.ip(), Self::text(i))?;
        }
        Ok(())
    }
}

/// Checks everything about a checked function's defined code. `reg` is the VMContext
/// register the prologue must load from; `branches` how many checks it must have.
fn assert_checked(d: &Defined, code: &[u8], base: u64, reg: &str, branches: usize) {
    let c = &d.checked;
    let f = c.frame_size.expect("a check");
    let (stub, body) = (c.stub_offset.unwrap(), c.body_offset.unwrap());
    // The entry padding, then the function as compiled (its tail, past the ud2s, may be
    // a constant pool), then the stub up to the slot.
    let pad = c.entry_padding;
    let padding = Listing::range(code, 0, pad as usize);
    let l = Listing::range(code, pad as usize, pad as usize + d.compiled.len());
    let sl = Listing::range(code, stub as usize, code.len() - 8);
    let ctx = format!("{}\npadding:\n{padding}{l}stub:\n{sl}", d.sig);

    assert!(padding.0.iter().all(|i| i.mnemonic() == Mnemonic::Nop), "the padding is NOPs\n{ctx}");
    let align = if pad > 0 { 64 } else { 16 };
    assert_eq!(base % align, 0, "the function starts on its boundary");

    // F is what Cranelift's prologue checks (machinst/abi.rs gen_prologue): everything
    // below FP, plus the 16-byte setup area of a callee if the function calls.
    assert_eq!(f, d.layout.frame_to_fp_offset + if d.calls { 16 } else { 0 }, "{ctx}");

    // After the padding, the defined code is the compiled code with only the branches'
    // rel32s (and what relocations wrote) changed, then the stub; the stub starts after
    // the traps and the constant pool.
    assert_eq!(code.len(), c.code_size as usize);
    assert!(stub >= pad + d.compiled.len() as u32 && stub % 16 == 0, "{ctx}");
    let branch_rel32s: Vec<usize> = l.0.iter().filter(|i| i.mnemonic() == Mnemonic::Ja && i.ip() < body as u64).map(|i| i.ip() as usize + 2).collect();
    for (k, (a, b)) in d.compiled.iter().zip(&code[pad as usize..]).enumerate() {
        if a != b && !d.relocated.iter().any(|r| r.contains(&k)) {
            assert!(branch_rel32s.iter().any(|&r| (r..r + 4).contains(&(pad as usize + k))), "byte {k:#x} changed outside a check branch\n{ctx}");
        }
    }
    let moved: Vec<u32> = d.overflow_traps.iter().map(|t| t + pad).collect();
    assert_eq!(c.retargeted_traps, moved, "every STACK_OVERFLOW site was a check's");

    // The prologue.
    assert_eq!(l.texts(pad, 3), ["push rbp", "mov rbp, rsp", &format!("mov r10, [{reg}+0x10]")], "{ctx}");
    let mut expect = Vec::new();
    if branches == 2 {
        expect.extend(["cmp r10, rsp".to_string(), format!("ja {stub:#x}")]);
    }
    if f != 0 {
        expect.push(format!("add r10, {f:#x}"));
    }
    expect.extend(["cmp r10, rsp".to_string(), format!("ja {stub:#x}")]);
    let load_at = pad + 4;
    let load_len = l.at(load_at).len() as u32;
    assert_eq!(l.texts(load_at + load_len, expect.len()), expect, "{ctx}");
    let last_ja = l.0.iter().filter(|i| i.mnemonic() == Mnemonic::Ja && i.ip() < body as u64).count();
    assert_eq!(last_ja, branches, "{ctx}");
    assert_eq!(l.0.iter().find(|i| i.ip() >= (load_at + load_len) as u64 && i.mnemonic() == Mnemonic::Ja && i.ip() + 6 == body as u64).map(|i| i.near_branch_target()), Some(stub as u64), "body follows the last ja\n{ctx}");
    l.at(body); // an instruction boundary

    // The stub.
    let s = sl.texts(stub, 8);
    let call = sl.at(stub + 1 + 3 + 5);
    let slot = call.ip_rel_memory_address() as u32;
    let restart = stub + 15;
    assert_eq!(
        s,
        [
            "pop rbp".to_string(),
            format!("mov r11, {reg}"),
            format!("mov eax, {f:#x}"),
            format!("call qword ptr [{slot:#x}]"),
            format!("jmp {pad:#x}"),
            "push rbp".to_string(),
            "mov rbp, rsp".to_string(),
            format!("jmp {body:#x}"),
        ],
        "{ctx}"
    );
    assert!(call.is_ip_rel_memory_operand() && call.memory_base() == Register::RIP);
    assert_eq!(call.next_ip() as u32, restart);
    assert_eq!(sl.at(restart + RESUME_AFTER_RESTART).mnemonic(), Mnemonic::Push, "resume = restart + 5");
    assert_eq!(slot % 8, 0);
    assert_eq!(slot + 8, c.code_size, "the slot ends the code");
    let target = u64::from_le_bytes(code[slot as usize..slot as usize + 8].try_into().unwrap());
    assert_eq!(target, stackcheck_test_morestack as *const u8 as u64, "the slot holds morestack");
    assert_eq!((base + slot as u64) % 8, 0, "the slot is aligned in memory");
}

// ---------------------------------------------------------------------------------
// Running.

/// A System V `fn(code, g, x) -> i64` that calls the Tail function `callee` with g at
/// its VMContext position and `x + i` as its i-th other parameter, and returns the sum
/// of its results.
fn trampoline(h: &mut Harness, callee: &Signature) -> FuncId {
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.extend([AbiParam::new(I64), AbiParam::new(I64), AbiParam::new(I64)]);
    sig.returns.push(AbiParam::new(I64));
    let id = h.module.declare_anonymous_function(&sig).unwrap();
    let mut ctx = h.module.make_context();
    ctx.func.signature = sig;
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut h.fctx);
    let block = b.create_block();
    b.append_block_params_for_function_params(block);
    b.switch_to_block(block);
    let (code, g, x) = (b.block_params(block)[0], b.block_params(block)[1], b.block_params(block)[2]);
    let args: Vec<Value> = callee.params.iter().enumerate().map(|(i, p)| if p.purpose == ArgumentPurpose::VMContext { g } else { b.ins().iadd_imm_s(x, i as i64) }).collect();
    let sref = b.import_signature(callee.clone());
    let call = b.ins().call_indirect(sref, code, &args);
    let results = b.inst_results(call).to_vec();
    let sum = results.into_iter().reduce(|a, r| b.ins().iadd(a, r)).expect("a result");
    b.ins().return_(&[sum]);
    b.seal_all_blocks();
    b.finalize(h.module.target_config());
    h.module.define_function(id, &mut ctx).unwrap();
    id
}

type Tramp = extern "C" fn(u64, *mut u64, i64) -> i64;

/// Runs `f` through `tramp` three ways and checks the result and the double's records.
fn run_all_ways(tramp: Tramp, f: u64, checked: &CheckedFunction, x: i64, expect: i64) {
    let mut g = [0u64; 8];
    let g_ptr = g.as_mut_ptr();
    let gi = GUARD_OFFSET as usize / 8;
    let runs = |guard: u64, resume: bool, g: &mut [u64; 8]| {
        g[gi] = guard;
        RESUME_MODE.store(resume as u64, SeqCst);
        let before = CALLS.load(SeqCst);
        let r = tramp(f, g.as_mut_ptr(), x);
        (r, CALLS.load(SeqCst) - before)
    };

    // Guard open: the check passes, morestack is never called.
    assert_eq!(runs(0, false, &mut g), (expect, 0));

    let checked_calls = checked.frame_size.is_some() as u64;
    for resume in [false, true] {
        let (r, calls) = runs(POISON, resume, &mut g);
        assert_eq!((r, calls), (expect, checked_calls), "resume mode {resume}: result and morestack calls");
        if checked_calls == 1 {
            assert_eq!(LAST_G.load(SeqCst), g_ptr as u64, "r11 = g");
            assert_eq!(LAST_F.load(SeqCst), checked.frame_size.unwrap() as u64, "eax = F");
            assert_eq!(LAST_RET.load(SeqCst), f + checked.stub_offset.unwrap() as u64 + 15, "[rsp] = restart");
            assert_eq!(LAST_SP.load(SeqCst) % 16, 0, "rsp ≡ 0 (mod 16) at morestack entry");
            // Restart mode "grew" (cleared the guard); resume mode left it poisoned.
            assert_eq!(g[gi], if resume { POISON } else { 0 });
        }
    }
}

fn run(h: &mut Harness, d: &Defined, x: i64, expect: i64) {
    let t = trampoline(h, &d.sig);
    let out = h.finalize(&[d]);
    // SAFETY: `t` was built above with exactly this System V signature.
    let tramp: Tramp = unsafe { std::mem::transmute(h.module.get_finalized_function(t)) };
    run_all_ways(tramp, out[0].1, &d.checked, x, expect);
}

// ---------------------------------------------------------------------------------
// The frame classes.

#[test]
fn frameless_leaf_has_no_check_and_is_not_patched() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    let d = h.define("leaf", tail_sig(2, 0, 1), |b, _, p| vec![b.ins().iadd_imm_s(p[1], 1)]);
    assert_eq!(d.checked, CheckedFunction { entry_padding: 0, code_size: d.compiled.len() as u32, frame_size: None, stub_offset: None, body_offset: None, retargeted_traps: vec![] });
    assert!(d.overflow_traps.is_empty());
    let out = h.finalize(&[&d]);
    assert_eq!(out[0].0, d.compiled, "defined unchanged");
    let l = Listing::new(&out[0].0);
    assert!(!l.0.iter().any(|i| i.op0_register() == Register::R10 || i.mnemonic() == Mnemonic::Ja), "no check:\n{l}");
    run(&mut h, &d, 41, 42 + 1); // the trampoline passes x+1 as parameter 1
}

#[test]
fn small_frame() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    let d = h.define("small", tail_sig(2, 0, 1), with_slot(64));
    let out = h.finalize(&[&d]);
    assert!(d.checked.frame_size.unwrap() >= 64);
    assert!(d.checked.frame_size.unwrap() < 128, "imm8 form");
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
    run(&mut h, &d, 10, 12);
}

#[test]
fn medium_frame() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    let d = h.define("medium", tail_sig(2, 0, 1), with_slot(4096));
    let out = h.finalize(&[&d]);
    assert!(d.checked.frame_size.unwrap() >= 4096, "imm32 form");
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
    run(&mut h, &d, 10, 12);
}

#[test]
fn big_frame_has_two_checks_both_retargeted() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    let d = h.define("big", tail_sig(2, 0, 1), with_slot(40000));
    let out = h.finalize(&[&d]);
    assert_eq!(d.checked.frame_size, Some(40000));
    assert_eq!(d.checked.retargeted_traps.len(), 2, "one ud2 per check");
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 2);
    run(&mut h, &d, 10, 12);
}

#[test]
fn non_leaf_without_slots_checks_the_callees_setup_area() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    let leaf = h.define("leaf", tail_sig(2, 0, 1), |b, _, p| vec![b.ins().iadd_imm_s(p[1], 100)]);
    let d = h.define("nonleaf", tail_sig(2, 0, 1), move |b, m, p| {
        let callee = m.declare_func_in_func(leaf.id, b.func);
        let call = b.ins().call(callee, &[p[0], p[1]]);
        vec![b.inst_results(call)[0]]
    });
    let out = h.finalize(&[&d]);
    assert!(d.calls);
    assert_eq!(d.layout.frame_to_fp_offset, 0, "no slots, no clobbers");
    assert_eq!(d.checked.frame_size, Some(16));
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
    // The callee has no check: one morestack call per run, from nonleaf.
    run(&mut h, &d, 10, 111);
}

#[test]
fn vmctx_in_another_register_is_passed_from_that_register() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    // f(a, b, g, c) with g third: rdx.
    let d = h.define("vmctx_rdx", tail_sig(4, 2, 1), |b, _, p| {
        let ss = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 32, 3));
        b.ins().stack_store(I64, p[0], ss, 0);
        let a = b.ins().stack_load(I64, I64, ss, 0);
        let ab = b.ins().imul(a, p[1]);
        vec![b.ins().iadd(ab, p[3])]
    });
    let out = h.finalize(&[&d]);
    assert_checked(&d, &out[0].0, out[0].1, "rdx", 1);
    // x=5: a=5, b=6, c=8 → 38.
    run(&mut h, &d, 5, 38);
}

#[test]
fn stack_arguments_multiple_results_and_a_constant_pool_survive_a_restart() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    // g plus 9 integer parameters (4 of them on the stack), an f64 constant (constant
    // pool after the traps), 3 results, and a frame.
    let d = h.define("many", tail_sig(10, 0, 3), |b, _, p| {
        let ss = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 256, 3));
        b.ins().stack_store(I64, p[9], ss, 128);
        let last = b.ins().stack_load(I64, I64, ss, 128);
        let sum = p[1..9].iter().fold(last, |acc, &v| b.ins().iadd(acc, v));
        let f = b.ins().fcvt_from_sint(F64, p[1]);
        let k = b.ins().f64const(0.5);
        let scaled = b.ins().fmul(f, k);
        let half = b.ins().fcvt_to_sint(I64, scaled);
        vec![sum, half, p[5]]
    });
    let out = h.finalize(&[&d]);
    let compiled_len = d.compiled.len() as u32;
    assert!(d.checked.stub_offset.unwrap() >= compiled_len, "stub after the constant pool");
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
    // x=10: params 1..9 are 11..19 → sum 135; 11*0.5 → 5; p5 = 15.
    run(&mut h, &d, 10, 135 + 5 + 15);
}

#[test]
fn entry_padding_moves_the_whole_function_and_the_stub_still_restarts_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Every residue mod 8 (the slot's alignment) and the largest padding placement asks
    // for. The padded function calls another (a relocation that must move with the
    // code) and has stack arguments; the leaf it calls is padded too and has no check.
    for bytes in [1, 2, 3, 4, 5, 6, 7, 8, 19, 63] {
        let mut h = Harness::new();
        h.padding = EntryPadding { bytes, align: 64 };
        let leaf = h.define("padded_leaf", tail_sig(2, 0, 1), |b, _, p| vec![b.ins().iadd_imm_s(p[1], 1)]);
        let d = h.define("padded", tail_sig(10, 0, 2), move |b, m, p| {
            let ss = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 128, 3));
            b.ins().stack_store(I64, p[9], ss, 64);
            let last = b.ins().stack_load(I64, I64, ss, 64);
            let callee = m.declare_func_in_func(leaf.id, b.func);
            let call = b.ins().call(callee, &[p[0], p[1]]);
            vec![last, b.inst_results(call)[0]]
        });
        assert!(!d.relocated.is_empty(), "the call is relocated");
        let out = h.finalize(&[&d, &leaf]);
        assert_eq!(d.checked.entry_padding, bytes);
        assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
        // x=10: p9 = 19; leaf(p1 = 11) = 12.
        run(&mut h, &d, 10, 19 + 12);
        assert_eq!(leaf.checked.frame_size, None);
        assert_eq!(&out[1].0[bytes as usize..], &leaf.compiled[..], "the leaf, after its padding");
        assert_eq!(out[1].1 % 64, 0);
        run(&mut h, &leaf, 41, 43);
    }
}

#[test]
fn a_padding_that_would_misalign_the_constant_pool_is_refused() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // A 16-byte vector constant: Cranelift aligns the pool to 16 from the first byte.
    // (And a frame, so that the function has a check.)
    let vector_constant = |b: &mut FunctionBuilder, _: &mut JITModule, p: &[Value]| {
        let k = b.func.dfg.constants.insert(vec![1u8; 16].into());
        let v = b.ins().vconst(I8X16, k);
        let ss = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 64, 3));
        b.ins().stack_store(I64, p[1], ss, 0);
        let stored = b.ins().stack_load(I64, I64, ss, 0);
        let byte = b.ins().ireduce(I8, stored);
        let x = b.ins().splat(I8X16, byte);
        let sum = b.ins().iadd(v, x);
        let lane = b.ins().extractlane(sum, 0);
        vec![b.ins().uextend(I64, lane)]
    };
    let mut h = Harness::new();
    let (id, mut ctx) = h.build("misaligned", &tail_sig(2, 0, 1), vector_constant);
    h.check.prepare(&mut ctx.func);
    let err = h.check.define_function_padded(&mut h.module, id, &mut ctx, h.morestack, |_| EntryPadding { bytes: 8, align: 64 }).unwrap_err().to_string();
    assert!(err.contains("would misalign the constant pool (aligned to 16)"), "{err}");
    // A multiple of the pool's alignment is accepted, and the code runs.
    h.padding = EntryPadding { bytes: 16, align: 64 };
    let d = h.define("aligned", tail_sig(2, 0, 1), vector_constant);
    let out = h.finalize(&[&d]);
    assert_checked(&d, &out[0].0, out[0].1, "rdi", 1);
    // Each byte lane is 1 + (x+1) = 12 for x = 10.
    run(&mut h, &d, 10, 12);
}

#[test]
fn a_guard_offset_needing_disp32() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    h.check = StackCheck { guard_offset: 0x1000 };
    let d = h.define("far_guard", tail_sig(2, 0, 1), with_slot(64));
    let out = h.finalize(&[&d]);
    let l = Listing::new(&out[0].0);
    assert_eq!(l.texts(4, 1), ["mov r10, [rdi+0x1000]"], "{l}");
    assert_eq!(d.checked.retargeted_traps.len(), 1);
}

#[test]
fn a_function_without_stack_limit_is_defined_unchanged() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    // As an embedder does for `//go:nosplit`: no `prepare`.
    let (id, mut ctx) = h.build("nosplit", &tail_sig(2, 0, 1), with_slot(64));
    let checked = h.check.define_function(&mut h.module, id, &mut ctx, h.morestack).unwrap();
    assert_eq!(checked.frame_size, None);
    assert_eq!(checked.code_size as usize, ctx.compiled_code().unwrap().buffer.data().len());
}

#[test]
#[should_panic(expected = "no VMContext parameter")]
fn prepare_requires_a_vmctx_parameter() {
    let mut f = Function::with_name_signature(Default::default(), Signature::new(CallConv::Tail));
    StackCheck { guard_offset: 16 }.prepare(&mut f);
}

#[test]
fn a_foreign_stack_overflow_trap_is_refused_not_patched() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut h = Harness::new();
    // A frameless leaf (no check) that traps with STACK_OVERFLOW itself: there is no
    // prologue to patch, so define_function must say so rather than guess.
    let (id, mut ctx) = h.build("own_trap", &tail_sig(2, 0, 1), |b, _, p| {
        b.ins().trapz(p[1], TrapCode::STACK_OVERFLOW);
        vec![p[1]]
    });
    h.check.prepare(&mut ctx.func);
    let err = h.check.define_function(&mut h.module, id, &mut ctx, h.morestack).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("stackcheck: own_trap: unrecognised stack-check prologue"), "{msg}");
}
