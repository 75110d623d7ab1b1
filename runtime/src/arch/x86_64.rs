//! All x86-64 assembly of the runtime. For now this is a single instruction: reading
//! the frame pointer so that tracebacks can walk the frame-pointer chain. (The stack
//! switching code of the next milestones, `morestack_noctxt`, `gogo`, `systemstack`,
//! will live here too.)
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
