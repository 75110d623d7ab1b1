//! All x86-64 assembly of the runtime: reading the frame pointer, starting a goroutine
//! on its own stack (`mstart`), Go's `morestack_noctxt`, `systemstack`, and the panic
//! machinery's stack switches (entry stubs, deferred calls, resuming at a landing pad).
//!
//! Policy (sizes, copying, what to print) lives in `crate::stack`; this file only moves
//! registers and stack pointers. Field offsets come from `offset_of!` on the
//! `#[repr(C)]` structs, never from literals.
//!
//! Frame layout that every frame keeps (the workspace forces frame pointers in Rust;
//! Cranelift preserves them in compiled code):
//!
//! ```text
//!  higher addresses
//!  | caller's frame ...   |
//!  | return address       |  <- [rbp + 8]
//!  | caller's rbp         |  <- [rbp]      <- rbp
//!  | locals ...           |
//!  lower addresses
//! ```
//!
//! The switches keep that chain linked across stacks so tracebacks (and the stack
//! copier) can walk from system-stack (g0) frames into the goroutine's frames:
//!
//! ```text
//!  goroutine stack                          g0 stack (the OS thread's)
//!  | compiled frames      |                 | mstart frame (g0.sched.sp) |
//!  | Rust entry wrapper   |                 +----------------------------+
//!  | systemstack frame    | <-------------- | Rust frame: [fp] = that    |
//!  +----------------------+  g.sched.sp/bp  | rbp, so the chain crosses  |
//!
//!  morestack_noctxt builds two fake frame records on g0 for newstack:
//!  | B: [F's return addr][caller's rbp] |  -> caller's frames on the goroutine stack
//!  | A: [restart addr   ][&B          ] |  -> F itself (its stub is inside F's code)
//!  | newstack's frame: [A] ...          |
//! ```

use crate::abi::G;
use crate::stack::{MoreBuf, M};
use std::mem::offset_of;

/// The current frame pointer (RBP) of the function this is inlined into.
///
/// `#[inline(always)]` matters: the caller wants *its own* frame, not a frame of this
/// helper.
#[inline(always)]
pub fn frame_pointer() -> usize {
    let fp: usize;
    // SAFETY: copying RBP into a register reads no memory and changes no state.
    unsafe {
        // mov fp, rbp   ; the frame pointer of the enclosing (inlined-into) function
        std::arch::asm!("mov {}, rbp", out(reg) fp, options(nomem, nostack, preserves_flags));
    }
    fp
}

/// Length of the stub's `jmp entry` (E9 rel32) at `restart`: returning to
/// `restart + RESUME_OFFSET` lands on `resume` (docs/abi.md).
pub const RESUME_OFFSET: usize = 5;

// ---------------------------------------------------------------------------------
// mstart: run `f(args...)` with RSP at the top of a goroutine stack.
// ---------------------------------------------------------------------------------
// Aligned per-instruction comments: keep rustfmt away. (Only the stack machinery's
// unit tests run a goroutine without the scheduler.)
#[cfg(test)]
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl morestack_rt_mstart",
    ".type morestack_rt_mstart,@function",
    // extern "C" fn(g0: *mut G, stack_top: usize, f: usize, args: *const [usize; 6]) -> u128
    "morestack_rt_mstart:",
    "    push rbp",                         // frame record on the system stack
    "    mov rbp, rsp",
    "    push rbx",                         // save the callee-saved registers: the
    "    push r12",                         //   goroutine starts with them cleared
    "    push r13",
    "    push r14",
    "    push r15",
    "    sub rsp, 8",                       // RSP 16-aligned (entry 8 + 6 pushes + 8)
    "    mov rbx, rdi",                     // rbx = g0 across the call (a heap pointer)
    "    xor r12d, r12d",                   // no system-stack value (stack addresses
    "    xor r13d, r13d",                   //   of g0 frames, the goroutine's bounds)
    "    xor r14d, r14d",                   //   leaks into goroutine frames, where the
    "    xor r15d, r15d",                   //   copy verifier would take it for a bug
    "    mov [rdi + {g_sched_sp}], rsp",    // g0.sched.sp: where systemstack/morestack
    "    mov [rdi + {g_sched_bp}], rbp",    //   run their system-stack code from now on
    "    mov rax, rdx",                     // rax = f
    "    mov r10, rcx",                     // r10 = args
    "    mov rsp, rsi",                     // switch: RSP = goroutine stack top (16-aligned)
    "    xor ebp, ebp",                     // rbp = 0 ends the goroutine's frame chain
    "    mov rdi, [r10]",                   // the six integer arguments
    "    mov rsi, [r10 + 8]",
    "    mov rdx, [r10 + 16]",
    "    mov rcx, [r10 + 24]",
    "    mov r8, [r10 + 32]",
    "    mov r9, [r10 + 40]",
    "    movq xmm0, rdi",                   // and args[0]'s bits in xmm0 (float entries)
    "    call rax",                         // f(...) on the goroutine stack
    "    mov rsp, [rbx + {g_sched_sp}]",    // back to the system stack
    "    mov rbp, [rbx + {g_sched_bp}]",
    "    add rsp, 8",
    "    pop r15",
    "    pop r14",
    "    pop r13",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",                              // f's RAX:RDX pass through
    ".size morestack_rt_mstart, . - morestack_rt_mstart",
    g_sched_sp = const offset_of!(G, sched.sp),
    g_sched_bp = const offset_of!(G, sched.bp),
);

// ---------------------------------------------------------------------------------
// systemstack: run `f(m)` on g0's stack, then come back.
// ---------------------------------------------------------------------------------
// Aligned per-instruction comments: keep rustfmt away.
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl morestack_rt_systemstack_switch",
    ".type morestack_rt_systemstack_switch,@function",
    // extern "C" fn(m: *mut M, f: unsafe extern "C" fn(*mut M))
    "morestack_rt_systemstack_switch:",
    "    push rbp",                         // frame record on the *current* stack: the
    "    mov rbp, rsp",                     //   g0 frames below link to it
    "    push rbx",                         // rbx = m across the call
    "    push r12",                         // r12 = the g we came from; RSP now 16-aligned
    "    mov rbx, rdi",
    "    mov r12, [rdi + {m_gcur}]",        // which g's stack are we on?
    "    mov rax, [rdi + {m_g0}]",
    "    cmp r12, rax",
    "    je 2f",                            // already on g0: plain call
    "    mov [r12 + {g_sched_sp}], rsp",    // save the goroutine's context (copystack
    "    mov [r12 + {g_sched_bp}], rbp",    //   adjusts it if it moves the stack)
    "    mov [rdi + {m_gcur}], rax",        // now running on g0
    "    mov rsp, [rax + {g_sched_sp}]",    // switch to the system stack
    "    and rsp, -16",                     // SysV: 16-aligned at the call
    "    call rsi",                         // f(m); its saved rbp links to our frame
    "    mov [rbx + {m_gcur}], r12",        // back on the goroutine
    "    mov rsp, [r12 + {g_sched_sp}]",    // its (possibly moved) stack
    "    mov rbp, [r12 + {g_sched_bp}]",
    "    xor eax, eax",
    "    mov [r12 + {g_sched_sp}], rax",    // clear the context: no stale stack pointer
    "    mov [r12 + {g_sched_bp}], rax",    //   stays in the G
    "    jmp 3f",
    "2:",
    "    call rsi",                         // on g0 already: f(m) right here
    "3:",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",
    ".size morestack_rt_systemstack_switch, . - morestack_rt_systemstack_switch",
    m_gcur = const offset_of!(M, gcur),
    m_g0 = const offset_of!(M, g0),
    g_sched_sp = const offset_of!(G, sched.sp),
    g_sched_bp = const offset_of!(G, sched.bp),
);

// ---------------------------------------------------------------------------------
// The scheduler's switches (crate::sched): m_run, mcall, gogo, gostart.
// ---------------------------------------------------------------------------------
// A goroutine that is not running is fully described by `g.sched` {sp, bp, pc}:
// gogo loads RSP and RBP and jumps to pc with rbx = g. The three kinds of pc are
// mcall's resume label (callee-saved registers were pushed on the goroutine stack),
// gostart (a new goroutine, sp = stack top) and morestack's preempt resume point
// (registers in g.morebuf).
// Aligned per-instruction comments: keep rustfmt away.
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    // extern "C" fn(g0, f: extern "C" fn(usize) -> !, arg) -> !: the system stack of a
    // new M: switches to g0 start right below this frame; runs f(arg) (the scheduler).
    ".globl morestack_rt_m_run",
    "morestack_rt_m_run:",
    "    push rbp",
    "    mov rbp, rsp",
    "    mov [rdi + {g_sched_sp}], rsp",
    "    mov [rdi + {g_sched_bp}], rbp",
    "    mov rdi, rdx",
    "    call rsi",
    "    ud2",

    // extern "C" fn(g, f: extern "C" fn(*mut G) -> !): on g's stack, saves g's
    // context in g.sched and calls f(g) on g.m's system stack. When gogo resumes g
    // (on any M), mcall returns.
    ".p2align 4",
    ".globl morestack_rt_mcall",
    "morestack_rt_mcall:",
    "    push rbp",                         // frame record on the goroutine stack
    "    mov rbp, rsp",
    "    push rbx",                         // the callee-saved registers, restored on
    "    push r12",                         //   resumption (values of the Rust caller:
    "    push r13",                         //   it keeps no stack address in them,
    "    push r14",                         //   crate::sched's invariant)
    "    push r15",
    "    push 0",                           // alignment; written, so that no stale
    "    mov [rdi + {g_sched_sp}], rsp",    //   word confuses the copy verifier
    "    mov [rdi + {g_sched_bp}], rbp",
    "    lea rax, [rip + 2f]",
    "    mov [rdi + {g_sched_pc}], rax",
    "    mov r10, [rdi + {g_m}]",
    "    mov rax, [r10 + {m_g0}]",
    "    mov [r10 + {m_gcur}], rax",        // now running on g0
    "    mov rsp, [rax + {g_sched_sp}]",    // its switch point
    "    and rsp, -16",
    "    call rsi",                         // f(g): never returns
    "    ud2",
    "2:",                                   // resumed by gogo
    "    add rsp, 8",
    "    pop r15",
    "    pop r14",
    "    pop r13",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",

    // extern "C" fn(g) -> !: on g0, runs g from its g.sched (cleared), rbx = g.
    ".p2align 4",
    ".globl morestack_rt_gogo",
    "morestack_rt_gogo:",
    "    mov rbx, rdi",
    "    mov r10, [rdi + {g_m}]",
    "    mov [r10 + {m_gcur}], rdi",        // running on g
    "    mov rsp, [rdi + {g_sched_sp}]",
    "    mov rbp, [rdi + {g_sched_bp}]",
    "    mov rax, [rdi + {g_sched_pc}]",
    "    xor ecx, ecx",                     // a running goroutine keeps no saved context
    "    mov [rdi + {g_sched_sp}], rcx",
    "    mov [rdi + {g_sched_bp}], rcx",
    "    mov [rdi + {g_sched_pc}], rcx",
    "    jmp rax",

    // A new goroutine's first pc: RSP = its stack top, RBP = 0 (the chain's end),
    // rbx = g. Calls its `func()` closure (tail convention: rdi = g, rsi = closure),
    // then ends the goroutine.
    ".p2align 4",
    ".globl morestack_rt_gostart",
    "morestack_rt_gostart:",
    "    mov rdi, rbx",
    "    mov rsi, [rbx + {g_startfn}]",
    "    call qword ptr [rsi]",
    "    mov rdi, rbx",                     // rbx survived the call (callee-saved)
    "    call {goexit1}",
    "    ud2",
    g_sched_sp = const offset_of!(G, sched.sp),
    g_sched_bp = const offset_of!(G, sched.bp),
    g_sched_pc = const offset_of!(G, sched.pc),
    g_m = const offset_of!(G, m),
    g_startfn = const offset_of!(G, sched_state.startfn),
    m_g0 = const offset_of!(M, g0),
    m_gcur = const offset_of!(M, gcur),
    goexit1 = sym crate::sched::goexit1,
);

// ---------------------------------------------------------------------------------
// C calls (crate::cgo): cgocall, cgocallback_switch
// ---------------------------------------------------------------------------------
// cgocall runs a C wrapper on the system stack; a callback from C re-enters the
// goroutine's stack right below cgocall's frame (g.sched), so the frame-pointer
// chain of the callback's Go frames continues into cgocall's frame and its caller:
//
//  goroutine stack                             system stack
//  | Go caller            |                    | cgo_enter / C wrapper / C ... |
//  | cgocall: rbp, 6 regs | <- g.sched.sp/bp   | cgocallback (Rust)            |
//  | _cgoexp_F (thunk)    |  [fp] = cgocall's  | cgocallback_switch: rbx, r12  |
//  | F ...                |                    |   <- g0.sched.sp during it    |
// Aligned per-instruction comments: keep rustfmt away.
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    // extern "C" fn(g, wrapper: extern "C" fn(*mut u64) -> u64, args) -> u64, called
    // by compiled code (docs/cgo.md).
    ".globl morestack_rt_cgocall",
    ".globl \"runtime.cgocall\"",           // its name for compiled code
    "morestack_rt_cgocall:",
    "\"runtime.cgocall\":",
    "    push rbp",                         // frame record on the goroutine stack
    "    mov rbp, rsp",
    "    push rbx",                         // the callee-saved registers we use
    "    push r12",
    "    push r13",
    "    push r14",
    "    push r15",
    "    push 0",                           // RSP 16-aligned (a callback's thunk
    "    mov rbx, rdi",                     //   starts right below)
    "    mov r12, rsi",                     // r12 = the C wrapper
    "    mov r13, rdx",                     // r13 = its argument block
    "    mov [rbx + {g_sched_sp}], rsp",    // g's context while in C: callbacks run
    "    mov [rbx + {g_sched_bp}], rbp",    //   below it (copystack adjusts it)
    "    mov r14, [rbx + {g_m}]",           // r14 = m: g is pinned to it while in C
    "    mov rax, [r14 + {m_g0}]",
    "    mov [r14 + {m_gcur}], rax",        // now running on g0
    "    mov rsi, [rax + {g_sched_sp}]",
    "    and rsi, -16",
    "    mov rsp, rsi",
    "    mov rdi, rbx",
    "    call {cgo_enter}",                 // (g, sp) -> where C runs (sp or a segment)
    "    mov rsp, rax",
    "    mov rdi, r13",
    "    call r12",                         // the wrapper: reads args, calls f
    "    mov r15, rax",                     // its result, across cgo_exit
    "    mov rdi, rbx",
    "    call {cgo_exit}",                  // holding a P again
    "    mov [r14 + {m_gcur}], rbx",        // back on the goroutine, whose stack a
    "    mov rsp, [rbx + {g_sched_sp}]",    //   callback may have moved
    "    mov rbp, [rbx + {g_sched_bp}]",
    "    xor ecx, ecx",                     // a running goroutine keeps no saved context
    "    mov [rbx + {g_sched_sp}], rcx",
    "    mov [rbx + {g_sched_bp}], rcx",
    "    mov rax, r15",
    "    add rsp, 8",
    "    pop r15",
    "    pop r14",
    "    pop r13",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",

    // extern "C" fn(g, thunk, frame): on g0 (below live C frames), runs the export
    // thunk `thunk(g, frame)` (tail convention) on g's stack at g.sched, then comes
    // back with g.sched = where it returned (the same frame, possibly moved).
    ".p2align 4",
    ".globl morestack_rt_cgocallback_switch",
    "morestack_rt_cgocallback_switch:",
    "    push rbp",
    "    mov rbp, rsp",
    "    push rbx",
    "    push r12",                         // RSP 16-aligned
    "    mov rbx, rdi",                     // rbx = g (callee-saved across the thunk)
    "    mov r12, [rdi + {g_m}]",
    "    mov rax, [r12 + {m_g0}]",
    "    mov [rax + {g_sched_sp}], rsp",    // runtime code on g0 during the callback
    "    mov [rax + {g_sched_bp}], rbp",    //   runs below here, clear of the C frames
    "    mov [r12 + {m_gcur}], rbx",        // running on g
    "    mov rax, rsi",
    "    mov rsi, rdx",                     // rdi = g, rsi = frame
    "    mov rsp, [rbx + {g_sched_sp}]",
    "    mov rbp, [rbx + {g_sched_bp}]",    // the thunk's frame links to cgocall's
    "    xor ecx, ecx",
    "    mov [rbx + {g_sched_sp}], rcx",
    "    mov [rbx + {g_sched_bp}], rcx",
    "    call rax",
    ".globl morestack_rt_cgocallback_return",
    "morestack_rt_cgocallback_return:",
    "    mov [rbx + {g_sched_sp}], rsp",    // cgocall's frame, where it is now
    "    mov [rbx + {g_sched_bp}], rbp",
    "    mov r12, [rbx + {g_m}]",           // the same M: g is locked to it
    "    mov rax, [r12 + {m_g0}]",
    "    mov [r12 + {m_gcur}], rax",
    "    mov rsp, [rax + {g_sched_sp}]",
    "    mov rbp, [rax + {g_sched_bp}]",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",
    g_sched_sp = const offset_of!(G, sched.sp),
    g_sched_bp = const offset_of!(G, sched.bp),
    g_m = const offset_of!(G, m),
    m_g0 = const offset_of!(M, g0),
    m_gcur = const offset_of!(M, gcur),
    cgo_enter = sym crate::cgo::cgo_enter,
    cgo_exit = sym crate::cgo::cgo_exit,
);

// ---------------------------------------------------------------------------------
// morestack_noctxt (docs/abi.md "The stack check and morestack_noctxt")
// ---------------------------------------------------------------------------------
// Aligned per-instruction comments: keep rustfmt away.
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl \"runtime.morestack_noctxt\"",
    ".type \"runtime.morestack_noctxt\",@function",
    // In: r11 = g, eax = F, [rsp] = restart, [rsp+8] = F's return address; every
    // argument and callee-saved register holds F's values. rax, r10, r11 are free.
    "\"runtime.morestack_noctxt\":",
    "    mov [r11 + {mb_regs}], rdi",       // save F's integer argument registers
    "    mov [r11 + {mb_regs} + 8], rsi",
    "    mov [r11 + {mb_regs} + 16], rdx",
    "    mov [r11 + {mb_regs} + 24], rcx",
    "    mov [r11 + {mb_regs} + 32], r8",
    "    mov [r11 + {mb_regs} + 40], r9",
    "    movdqu [r11 + {mb_xmm}], xmm0",    // and all 128 bits of the float ones
    "    movdqu [r11 + {mb_xmm} + 16], xmm1",
    "    movdqu [r11 + {mb_xmm} + 32], xmm2",
    "    movdqu [r11 + {mb_xmm} + 48], xmm3",
    "    movdqu [r11 + {mb_xmm} + 64], xmm4",
    "    movdqu [r11 + {mb_xmm} + 80], xmm5",
    "    movdqu [r11 + {mb_xmm} + 96], xmm6",
    "    movdqu [r11 + {mb_xmm} + 112], xmm7",
    "    mov [r11 + {mb_callee}], rbx",     // callee-saved: rbx because we use it, the
    "    mov [r11 + {mb_callee} + 8], r12", //   rest so the verifier can check them
    "    mov [r11 + {mb_callee} + 16], r13",
    "    mov [r11 + {mb_callee} + 24], r14",
    "    mov [r11 + {mb_callee} + 32], r15",
    "    mov [r11 + {mb_sp}], rsp",         // SP at entry ([sp] = restart)
    "    mov [r11 + {mb_bp}], rbp",         // F's caller's frame pointer
    "    mov eax, eax",                     // F, zero-extended
    "    mov [r11 + {mb_f}], rax",
    "    mov rbx, r11",                     // rbx = g from here on
    "    mov r10, [rbx + {g_m}]",           // r10 = g.m
    "    test r10, r10",
    "    jz 8f",                            // a G without an M: fatal
    "    mov rax, [r10 + {m_g0}]",          // rax = g0
    "    cmp rax, [r10 + {m_gcur}]",
    "    je 9f",                            // running on g0: Go's badmorestackg0
    "    mov [r10 + {m_gcur}], rax",        // now running on g0
    "    mov rsp, [rax + {g_sched_sp}]",    // switch to the system stack
    "    and rsp, -16",
    "    mov rax, [rbx + {mb_sp}]",         // rax = entry SP
    "    push qword ptr [rax + 8]",         // fake frame B: F's return address
    "    push rbp",                         //   and the caller's rbp
    "    mov rcx, rsp",                     // rcx = &B
    "    push qword ptr [rax]",             // fake frame A: restart (inside F)
    "    push rcx",                         //   linked to B
    "    mov rbp, rsp",                     // newstack's saved rbp = &A; RSP 16-aligned
    "    mov rdi, rbx",                     // newstack(g,
    "    mov rsi, rax",                     //   sp,
    "    mov rdx, [rbx + {mb_bp}]",         //   bp,
    "    mov rcx, [rbx + {mb_f}]",          //   framesize) -> (new sp, new bp)
    "    call {newstack}",
    "    mov rcx, [rbx + {g_m}]",
    "    mov [rcx + {m_gcur}], rbx",        // running on g again
    "    mov rsp, rax",                     // switch to the (new) goroutine stack:
    "    mov rbp, rdx",                     //   [rsp] = restart or resume
    // A goroutine preempted in newstack is resumed here by gogo (possibly on another
    // M), with rbx = g and RSP/RBP as above.
    ".globl morestack_rt_preempt_resume",
    "morestack_rt_preempt_resume:",
    "    mov rdi, [rbx + {mb_regs}]",       // restore F's argument registers
    "    mov rsi, [rbx + {mb_regs} + 8]",
    "    mov rdx, [rbx + {mb_regs} + 16]",
    "    mov rcx, [rbx + {mb_regs} + 24]",
    "    mov r8, [rbx + {mb_regs} + 32]",
    "    mov r9, [rbx + {mb_regs} + 40]",
    "    movdqu xmm0, [rbx + {mb_xmm}]",
    "    movdqu xmm1, [rbx + {mb_xmm} + 16]",
    "    movdqu xmm2, [rbx + {mb_xmm} + 32]",
    "    movdqu xmm3, [rbx + {mb_xmm} + 48]",
    "    movdqu xmm4, [rbx + {mb_xmm} + 64]",
    "    movdqu xmm5, [rbx + {mb_xmm} + 80]",
    "    movdqu xmm6, [rbx + {mb_xmm} + 96]",
    "    movdqu xmm7, [rbx + {mb_xmm} + 112]",
    "    mov r12, [rbx + {mb_callee} + 8]", // the callee-saved ones (newstack preserved
    "    mov r13, [rbx + {mb_callee} + 16]",//   them, but a preempted goroutine resumes
    "    mov r14, [rbx + {mb_callee} + 24]",//   on whichever M runs it next)
    "    mov r15, [rbx + {mb_callee} + 32]",
    "    mov rbx, [rbx + {mb_callee}]",     // rbx last
    "    ret",                              // to restart (recheck) or resume
    "8:",
    "    xor edi, edi",                     // kind 0: no M
    "    jmp 7f",
    "9:",
    "    mov edi, 1",                       // kind 1: morestack on g0
    "7:",
    "    mov rax, [rbx + {mb_sp}]",         // same fake frames, on the current stack
    "    and rsp, -16",
    "    push qword ptr [rax + 8]",
    "    push rbp",
    "    mov rcx, rsp",
    "    push qword ptr [rax]",
    "    push rcx",
    "    mov rbp, rsp",
    "    mov rsi, rbx",                     // badmorestack(kind, g): never returns
    "    call {badmorestack}",
    "    ud2",
    ".size \"runtime.morestack_noctxt\", . - \"runtime.morestack_noctxt\"",
    mb_regs = const offset_of!(G, morebuf) + offset_of!(MoreBuf, regs),
    mb_xmm = const offset_of!(G, morebuf) + offset_of!(MoreBuf, xmm),
    mb_callee = const offset_of!(G, morebuf) + offset_of!(MoreBuf, callee),
    mb_sp = const offset_of!(G, morebuf) + offset_of!(MoreBuf, sp),
    mb_bp = const offset_of!(G, morebuf) + offset_of!(MoreBuf, bp),
    mb_f = const offset_of!(G, morebuf) + offset_of!(MoreBuf, framesize),
    g_m = const offset_of!(G, m),
    m_g0 = const offset_of!(M, g0),
    m_gcur = const offset_of!(M, gcur),
    g_sched_sp = const offset_of!(G, sched.sp),
    newstack = sym crate::stack::newstack,
    badmorestack = sym crate::stack::badmorestack,
);

// ---------------------------------------------------------------------------------
// Panics: entry stubs, running a deferred call, resuming at a landing pad
// (crate::panic explains the model).
// ---------------------------------------------------------------------------------
// Aligned per-instruction comments: keep rustfmt away.
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    // The entry points compiled code calls (System V, g first): each loads its kind.
    ".globl \"runtime.gopanic\"",         // (g, typ, data)
    "\"runtime.gopanic\":",
    "    mov eax, {k_value}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.panicBounds\"",     // (g, code, x, y, signed)
    "\"runtime.panicBounds\":",
    "    mov eax, {k_bounds}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.panicdivide\"",     // (g)
    "\"runtime.panicdivide\":",
    "    mov eax, {k_divide}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.panicshift\"",      // (g)
    "\"runtime.panicshift\":",
    "    mov eax, {k_shift}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.panicdottype\"",    // (g, have, want, iface)
    "\"runtime.panicdottype\":",
    "    mov eax, {k_dottype}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.Goexit\"",          // (g)
    "\"runtime.Goexit\":",
    "    mov eax, {k_goexit}",
    "    jmp morestack_rt_panic",
    ".globl \"runtime.panicmem\"",        // (g)
    "\"runtime.panicmem\":",
    "    mov eax, {k_mem}",
    // In: rdi = g, rsi/rdx/rcx/r8 = arguments, eax = kind, [rsp] = return address
    // into the panicking function, rbp = its frame pointer.
    "morestack_rt_panic:",
    "    mov [rdi + {g_pb_sp}], rsp",       // the goroutine's context, for panic_entry
    "    mov [rdi + {g_pb_bp}], rbp",
    "    mov r10, [rdi + {g_m}]",
    "    mov r11, [r10 + {m_g0}]",
    "    mov [r10 + {m_gcur}], r11",        // now running on g0
    "    mov r9d, eax",                     // kind: sixth argument
    "    mov rax, rsp",
    "    mov rsp, [r11 + {g_sched_sp}]",    // switch to the system stack
    "    and rsp, -16",
    "    push qword ptr [rax]",             // fake frame record [rbp][pc] so the chain
    "    push rbp",                         //   crosses into the goroutine's frames
    "    mov rbp, rsp",
    "    call {panic_entry}",               // never returns
    "    ud2",
    ".size morestack_rt_panic, . - \"runtime.gopanic\"",

    // extern "C" fn(g, fnv, sp, fp, pc): on g0, calls the deferred closure `fnv` on
    // g's stack below `sp`, under a frame record [fp][pc] at sp - 16 (the panic's
    // argp), then comes back to g0.
    ".p2align 4",
    ".globl morestack_rt_call_deferred",
    "morestack_rt_call_deferred:",
    "    push rbp",
    "    mov rbp, rsp",
    "    push rbx",                         // callee-saved, and rbx = g across the call
    "    push r12",
    "    push r13",
    "    push r14",
    "    push r15",
    "    sub rsp, 8",
    "    mov rbx, rdi",
    "    mov r12, [rdi + {g_m}]",
    "    mov r13, [r12 + {m_g0}]",
    "    push qword ptr [r13 + {g_sched_sp}]", // g0's switch point, restored on return
    "    push qword ptr [r13 + {g_sched_bp}]",
    "    mov [r13 + {g_sched_sp}], rsp",    // g0 switches now start below this frame
    "    mov [r13 + {g_sched_bp}], rbp",
    "    mov [r12 + {m_gcur}], rdi",        // running on g
    "    mov rsp, rdx",                     // the goroutine stack below the panic
    "    push r8",                          // frame record: [fp][pc]
    "    push rcx",
    "    mov rbp, rsp",
    "    and rsp, -16",
    "    call qword ptr [rsi]",             // fnv.code(g = rdi, ctx = rsi): tail conv.
    ".globl morestack_rt_deferred_return",
    "morestack_rt_deferred_return:",
    "    mov r12, [rbx + {g_m}]",           // the stack may have moved: nothing of it
    "    mov r13, [r12 + {m_g0}]",          //   is used from here on
    "    mov [r12 + {m_gcur}], r13",        // running on g0 again
    "    mov rsp, [r13 + {g_sched_sp}]",
    "    mov rbp, [r13 + {g_sched_bp}]",
    "    pop qword ptr [r13 + {g_sched_bp}]",
    "    pop qword ptr [r13 + {g_sched_sp}]",
    "    add rsp, 8",
    "    pop r15",
    "    pop r14",
    "    pop r13",
    "    pop r12",
    "    pop rbx",
    "    pop rbp",
    "    ret",
    ".size morestack_rt_call_deferred, . - morestack_rt_call_deferred",

    // extern "C" fn(g, sp, fp, pc) -> !: resume compiled code at a landing pad.
    ".p2align 4",
    ".globl morestack_rt_resume",
    "morestack_rt_resume:",
    "    mov rax, [rdi + {g_m}]",
    "    mov [rax + {m_gcur}], rdi",        // running on g
    "    mov rsp, rsi",
    "    mov rbp, rdx",
    "    xor eax, eax",                     // no exception payload
    "    xor edx, edx",
    "    jmp rcx",
    ".size morestack_rt_resume, . - morestack_rt_resume",

    // The code of the closure the panic loop runs for a deferred nil func (tail
    // convention, rdi = g): a nil dereference inside the deferred call, as in Go.
    ".p2align 4",
    ".globl morestack_rt_nil_func",
    "morestack_rt_nil_func:",
    "    push rbp",
    "    mov rbp, rsp",
    "    call \"runtime.panicmem\"",
    "    ud2",
    ".size morestack_rt_nil_func, . - morestack_rt_nil_func",
    k_value = const crate::panic::PANIC_VALUE,
    k_bounds = const crate::panic::PANIC_BOUNDS,
    k_divide = const crate::panic::PANIC_DIVIDE,
    k_shift = const crate::panic::PANIC_SHIFT,
    k_mem = const crate::panic::PANIC_MEM,
    k_goexit = const crate::panic::GOEXIT,
    k_dottype = const crate::panic::PANIC_DOTTYPE,
    g_pb_sp = const offset_of!(G, panicbuf.sp),
    g_pb_bp = const offset_of!(G, panicbuf.bp),
    g_m = const offset_of!(G, m),
    m_g0 = const offset_of!(M, g0),
    m_gcur = const offset_of!(M, gcur),
    g_sched_sp = const offset_of!(G, sched.sp),
    g_sched_bp = const offset_of!(G, sched.bp),
    panic_entry = sym crate::panic::panic_entry,
);

unsafe extern "C" {
    #[cfg(test)]
    #[link_name = "morestack_rt_mstart"]
    // Pointers to the runtime's structs travel as plain addresses: the assembly only
    // uses the `offset_of!` offsets above.
    fn morestack_rt_mstart(g0: usize, stack_top: usize, f: usize, args: *const [usize; 6]);
    #[link_name = "morestack_rt_systemstack_switch"]
    fn morestack_rt_systemstack_switch(m: usize, f: usize);
    #[link_name = "runtime.morestack_noctxt"]
    fn morestack_noctxt();
    #[link_name = "morestack_rt_call_deferred"]
    fn morestack_rt_call_deferred(g: usize, fnv: usize, sp: usize, fp: usize, pc: usize);
    #[link_name = "morestack_rt_deferred_return"]
    fn morestack_rt_deferred_return();
    #[link_name = "morestack_rt_resume"]
    fn morestack_rt_resume(g: usize, sp: usize, fp: usize, pc: usize) -> !;
    #[link_name = "morestack_rt_m_run"]
    fn morestack_rt_m_run(g0: usize, f: usize, arg: usize) -> !;
    #[link_name = "morestack_rt_mcall"]
    fn morestack_rt_mcall(g: usize, f: usize);
    #[link_name = "morestack_rt_gogo"]
    fn morestack_rt_gogo(g: usize) -> !;
    #[link_name = "morestack_rt_gostart"]
    fn morestack_rt_gostart();
    #[link_name = "morestack_rt_preempt_resume"]
    fn morestack_rt_preempt_resume();
    #[link_name = "morestack_rt_cgocall"]
    fn morestack_rt_cgocall();
    #[link_name = "morestack_rt_cgocallback_switch"]
    fn morestack_rt_cgocallback_switch(g: usize, thunk: usize, frame: usize);
    #[link_name = "morestack_rt_cgocallback_return"]
    fn morestack_rt_cgocallback_return();
    #[link_name = "morestack_rt_nil_func"]
    pub fn nil_func_code();
    #[link_name = "runtime.gopanic"]
    fn gopanic();
    #[link_name = "runtime.panicBounds"]
    fn panic_bounds();
    #[link_name = "runtime.panicdivide"]
    fn panicdivide();
    #[link_name = "runtime.panicshift"]
    fn panicshift();
    #[link_name = "runtime.panicmem"]
    fn panicmem();
    #[link_name = "runtime.Goexit"]
    fn goexit();
    #[link_name = "runtime.panicdottype"]
    fn panicdottype();
}

/// `runtime.Breakpoint`: a trap instruction (SIGTRAP, as in Go).
#[export_name = "runtime.Breakpoint"]
pub extern "C" fn breakpoint() {
    // SAFETY: `int3` only raises SIGTRAP; it reads and writes no memory.
    unsafe { std::arch::asm!("int3", options(nomem, nostack)) }
}

/// The panic entry points (docs/abi.md "Panics"), for the JIT's symbol table.
pub fn panic_entry_points() -> [(&'static str, *const u8); 7] {
    [
        ("runtime.gopanic", gopanic as *const u8),
        ("runtime.panicBounds", panic_bounds as *const u8),
        ("runtime.panicdivide", panicdivide as *const u8),
        ("runtime.panicshift", panicshift as *const u8),
        ("runtime.panicmem", panicmem as *const u8),
        ("runtime.Goexit", goexit as *const u8),
        ("runtime.panicdottype", panicdottype as *const u8),
    ]
}

/// The return address of a deferred call made by [`call_deferred`]: tracebacks show
/// that frame as Go's `panic(...)`.
pub fn deferred_return_pc() -> usize {
    morestack_rt_deferred_return as *const () as usize
}

/// Calls closure `fnv` (a `func()`, tail convention) on `g`'s stack below `sp`, under
/// a frame record `[fp][pc]` at `sp - 16`, and returns on g0 when it returns.
///
/// # Safety
/// On g0 of `g`'s M with `g` suspended; `[sp, stack_hi)` is g's live stack with room
/// below `sp` for the record (the guard area); `fnv` is a closure object.
pub unsafe fn call_deferred(g: *mut G, fnv: usize, sp: usize, fp: usize, pc: usize) {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_call_deferred(g as usize, fnv, sp, fp, pc) }
}

/// Continues compiled code at `pc` with RSP = `sp`, RBP = `fp`, running on `g`.
///
/// # Safety
/// `pc` is a landing pad expecting exactly that SP and FP on `g`'s stack; whatever
/// ran below `sp` (and the calling g0 frames) is abandoned.
pub unsafe fn resume(g: *mut G, sp: usize, fp: usize, pc: usize) -> ! {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_resume(g as usize, sp, fp, pc) }
}

/// Runs `f(arg)` on the current (system) stack of a new M whose g0 is `g0`, with
/// `g0.sched` set right below this frame, where later switches to g0 start.
///
/// # Safety
/// Called once, at the base of an M's thread, with that M's g0; `f` never returns.
pub unsafe fn m_run(g0: *mut G, f: extern "C" fn(usize) -> !, arg: usize) -> ! {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_m_run(g0 as usize, f as usize, arg) }
}

/// Saves `g`'s context (callee-saved registers pushed on its stack, SP/BP/PC in
/// `g.sched`) and runs `f(g)` on `g.m`'s system stack. Returns when the scheduler
/// resumes `g` with [`gogo`], on whichever M that runs on.
///
/// # Safety
/// Called on `g`'s stack with `g` the M's running goroutine; the caller keeps no
/// goroutine-stack address in a register or its frame across the call (the stack may
/// be moved while `g` is parked).
pub unsafe fn mcall(g: *mut G, f: unsafe extern "C" fn(*mut G) -> !) {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_mcall(g as usize, f as usize) }
}

/// Resumes `g` from `g.sched` on the current M (whose `gcur` becomes `g`).
///
/// # Safety
/// On g0 of `g.m`; `g.sched` holds a context saved by [`mcall`], set up by the
/// scheduler for a new goroutine ([`gostart_pc`]) or for a preempted one
/// ([`preempt_resume_pc`]); nothing on g0 below `g0.sched.sp` is needed any more.
pub unsafe fn gogo(g: *mut G) -> ! {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_gogo(g as usize) }
}

/// The pc a new goroutine starts at (`g.sched.pc`, with `sp` = its stack top, `bp` = 0).
pub fn gostart_pc() -> usize {
    morestack_rt_gostart as *const () as usize
}

/// The pc a goroutine preempted in `newstack` resumes at: `morestack_noctxt`'s
/// register restore, with `g.sched` = `g.morebuf`'s SP/BP.
pub fn preempt_resume_pc() -> usize {
    morestack_rt_preempt_resume as *const () as usize
}

/// Address of `runtime.cgocall` (docs/cgo.md), for the JIT's symbol table.
pub fn cgocall_addr() -> *const u8 {
    morestack_rt_cgocall as *const u8
}

/// Runs export thunk `thunk(g, frame)` on `g`'s stack at `g.sched` (below its
/// `cgocall` frame, or at the top of a fresh stack); on return `g.sched` holds the
/// same point of the possibly moved stack. Sets `g0.sched` below this frame meanwhile.
///
/// # Safety
/// On g0 of `g.m`, `g.m.curg == g`, `g` locked to this M and not running; the caller
/// restores `g0.sched` afterwards.
pub unsafe fn cgocallback_switch(g: *mut G, thunk: usize, frame: usize) {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_cgocallback_switch(g as usize, thunk, frame) }
}

/// The return address of an export thunk's frame (tracebacks skip it and continue
/// into the `cgocall` frame above).
pub fn cgocallback_return_pc() -> usize {
    morestack_rt_cgocallback_return as *const () as usize
}

/// Address of `runtime.morestack_noctxt`, for the JIT's symbol table.
pub fn morestack_noctxt_addr() -> *const u8 {
    morestack_noctxt as *const u8
}

/// Saves the system stack's SP/BP in `g0.sched`, switches RSP to `stack_top` (16-aligned)
/// with RBP = 0, calls `f(args[0], ..., args[5])` (System V; `args[0]`'s bits also in
/// XMM0) and switches back when it returns.
///
/// # Safety
/// `g0` is the running thread's g0; `stack_top` is the 16-aligned top of a mapped stack
/// nothing else uses; `f` is a System V function taking at most those arguments; the
/// M's `gcur` says which g runs (the caller sets it around this call).
#[cfg(test)]
pub unsafe fn mstart(g0: *mut G, stack_top: usize, f: usize, args: &[usize; 6]) {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_mstart(g0 as usize, stack_top, f, args) }
}

/// Runs `f(m)` on `m`'s g0 stack (directly when already there), keeping the
/// frame-pointer chain linked; see `crate::stack::systemstack`.
///
/// # Safety
/// `m` is this thread's M and `m.gcur` is the g whose stack RSP is on; `g0.sched.sp` was
/// set by [`mstart`].
pub unsafe fn systemstack_switch(m: *mut M, f: unsafe extern "C" fn(*mut M)) {
    // SAFETY: forwarded to the caller's contract.
    unsafe { morestack_rt_systemstack_switch(m as usize, f as usize) }
}

// ---------------------------------------------------------------------------------
// Test-only code with the exact prologue + stub shape the stackcheck pass emits.
// ---------------------------------------------------------------------------------
#[cfg(test)]
#[rustfmt::skip]
core::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl morestack_rt_test_recurse",
    ".type morestack_rt_test_recurse,@function",
    // fn(g: rdi, n: rsi, k: rdx, a: rcx, b: r8, c: r9, x0: xmm0, ..., x7: xmm7) -> i64
    //   = n + (n-1) + ... + 1 + k + a + b + c + trunc(x0) + trunc(x7)
    // A 64-byte, pointer-free frame holding n; recursion through the stack check.
    "morestack_rt_test_recurse:",
    "10:",                                  // entry
    "    push rbp",
    "    mov rbp, rsp",
    "    mov r10, [rdi + 16]",              // g.stackguard0
    "    add r10, 64",                      // + F
    "    cmp r10, rsp",
    "    ja 13f",                           // -> stub
    "11:",                                  // body
    "    sub rsp, 64",
    "    mov [rsp], rsi",                   // n lives in the frame across the call
    "    mov qword ptr [rsp + 8], 0x5a5a",  // pointer-free filler
    "    test rsi, rsi",
    "    jz 12f",
    "    dec rsi",
    "    call 10b",                         // recurse
    "    add rax, [rsp]",                   // + n (read back after possible moves)
    "    mov rsp, rbp",
    "    pop rbp",
    "    ret",
    "12:",                                  // base case: fold the pass-through args
    "    lea rax, [rdx + rcx]",
    "    add rax, r8",
    "    add rax, r9",
    "    cvttsd2si r10, xmm0",
    "    add rax, r10",
    "    cvttsd2si r10, xmm7",
    "    add rax, r10",
    "    mov rsp, rbp",
    "    pop rbp",
    "    ret",
    "13:",                                  // stub
    "    pop rbp",
    "    mov r11, rdi",
    "    mov eax, 64",
    "    call \"runtime.morestack_noctxt\"",
    "    .byte 0xe9",                       // restart: jmp entry, forced rel32 (5 bytes)
    "    .long 10b - (. + 4)",
    "    push rbp",                         // resume
    "    mov rbp, rsp",
    "    jmp 11b",
    ".globl morestack_rt_test_recurse_end",
    "morestack_rt_test_recurse_end:",
    ".size morestack_rt_test_recurse, . - morestack_rt_test_recurse",
);

#[cfg(test)]
unsafe extern "C" {
    #[link_name = "morestack_rt_test_recurse"]
    fn morestack_rt_test_recurse(
        g: usize,
        n: i64,
        k: i64,
        a: i64,
        b: i64,
        c: i64,
        x0: f64,
        x1: f64,
        x2: f64,
        x3: f64,
        x4: f64,
        x5: f64,
        x6: f64,
        x7: f64,
    ) -> i64;
    #[link_name = "morestack_rt_test_recurse_end"]
    fn morestack_rt_test_recurse_end();
}

/// The code range of [`test_recurse`] (for registering it as a compiled function).
#[cfg(test)]
pub fn test_recurse_range() -> (usize, usize) {
    (
        morestack_rt_test_recurse as *const () as usize,
        morestack_rt_test_recurse_end as *const () as usize,
    )
}

/// The hand-assembled test function: recurses `n` deep through the real prologue/stub
/// shape; returns `n(n+1)/2 + k + a + b + c + trunc(x0) + trunc(x7)`.
///
/// # Safety
/// `g` is the running goroutine (or a G whose `stackguard0` never triggers).
#[cfg(test)]
#[allow(clippy::too_many_arguments)]
pub unsafe fn test_recurse(
    g: *mut G,
    n: i64,
    k: i64,
    a: i64,
    b: i64,
    c: i64,
    x0: f64,
    x7: f64,
) -> i64 {
    // SAFETY: forwarded; the function follows docs/abi.md's prologue contract.
    unsafe {
        morestack_rt_test_recurse(
            g as usize, n, k, a, b, c, x0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, x7,
        )
    }
}
