//! Tracebacks: walks the frame-pointer chain from a runtime frame out into compiled Go
//! code and prints one `name(...)` / `\tfile:line +0xOFF` pair per compiled frame, as
//! Go does under a `goroutine N [running]:` header.
//!
//! ```text
//!   fp ──> [ saved fp ] ──> [ saved fp ] ──> ...        (each frame: [fp] = caller's fp,
//!          [ ret pc   ]     [ ret pc   ]                  [fp+8] = return address)
//!           runtime          compiled  <- first registered pc: start printing
//!           frames           frames    <- ... until the first unregistered pc
//! ```
//!
//! Rules: frames whose return address is not in a registered function are skipped until
//! the first registered one (those are runtime frames); after that the walk stops at
//! the first unregistered frame (whoever called the Go entry point). The line printed is
//! that of the call instruction (`pc - 1`), the offset `pc - entry`, as Go does. At most
//! 100 frames are printed (Go's `_TracebackMaxFrames`). With nothing registered (unit
//! tests) nothing is printed.
//!
//! The walk only follows frame pointers that stay inside the stacks the current
//! goroutine may have frames on, and that strictly increase within a stack, so a broken
//! chain ends the traceback instead of faulting. On a goroutine thread those are the
//! system stack (g0, where panics and fatal errors run, via `systemstack`) and the
//! goroutine's own stack: the walk may cross once, from g0 to the goroutine, where the
//! switch linked the chains (see `arch`). Elsewhere (unit tests) it is the thread's stack.
//!
//! Not here: symbol data (`symtab`), the panic header (`panic`).

use crate::print::{append_hex, append_uint};
use crate::symtab;

/// Go's `_TracebackMaxFrames`.
const MAX_FRAMES: usize = 100;
/// How many runtime frames may precede the first compiled one before we give up (the
/// runtime never nests deeper than this between compiled code and a panic).
const MAX_RUNTIME_FRAMES: usize = 64;

/// The id of the goroutine running on this thread (1 if none).
pub fn current_goid() -> i64 {
    crate::stack::traceback_stacks().map_or(1, |(goid, _, _)| goid)
}

/// Appends the traceback of the compiled frames found by walking up from frame `fp`.
pub fn append_traceback(out: &mut Vec<u8>, fp: usize) {
    walk(out, None, fp, &current_stacks());
}

/// Appends the traceback of a goroutine suspended at `pc` (0: unknown, in runtime
/// code) with frame pointer `fp`.
pub fn append_traceback_at(out: &mut Vec<u8>, pc: usize, fp: usize) {
    walk(out, (pc != 0).then_some(pc), fp, &current_stacks());
}

/// Appends the traceback of a goroutine that is not running: its saved frame pointer
/// `fp` on its stack `[lo, hi)`.
pub fn append_goroutine_traceback(out: &mut Vec<u8>, fp: usize, stack: (usize, usize)) {
    append_goroutine_traceback_at(out, 0, fp, stack);
}

/// Appends the traceback of a goroutine stopped at `pc` (0: in a call, at a frame
/// record) with frame pointer `fp` on its stack `[lo, hi)`. Allocates nothing beyond
/// `out`'s capacity for a short traceback (a fault handler calls it).
pub fn append_goroutine_traceback_at(out: &mut Vec<u8>, pc: usize, fp: usize, stack: (usize, usize)) {
    walk(out, (pc != 0).then_some(pc), fp, &[stack]);
}

/// The stacks a walk from the current thread may visit, in order.
fn current_stacks() -> Vec<(usize, usize)> {
    match crate::stack::traceback_stacks() {
        Some((_, g0, g)) => vec![g0, g],
        // Not a goroutine thread (a runtime function called from Rust): the thread's
        // own stack, or only the monotonicity check if even that is unknown.
        None => vec![crate::sys::thread_stack_bounds().unwrap_or((0, usize::MAX))],
    }
}

/// What printing one frame did.
enum Shown {
    Printed,
    /// A runtime frame, not shown.
    Hidden,
    /// Not a compiled function.
    Unknown,
    /// The frame limit was reached.
    Full,
}

/// Prints the frame whose return address (or current pc) is `pc`.
fn show_frame(out: &mut Vec<u8>, pc: usize, printed: usize) -> Shown {
    if printed == MAX_FRAMES {
        out.extend_from_slice(b"...additional frames elided...\n");
        return Shown::Full;
    }
    if pc == crate::arch::deferred_return_pc() {
        // The panic machinery's deferred-call frame: Go shows its gopanic here.
        out.extend_from_slice(b"panic(...)\n\truntime/panic.go:884\n");
        return Shown::Printed;
    }
    if pc == crate::arch::cgocallback_return_pc() {
        // A callback from C: the frames above are those of the C call's Go caller.
        return Shown::Hidden;
    }
    let shown = symtab::with_func(pc, |f| {
        // Go hides the runtime's own frames (the entry trampoline is
        // `runtime.main`) unless GOTRACEBACK=system asks for them, and has no `go`
        // thunks.
        if f.name.starts_with("runtime.") || f.is_go_thunk() {
            return Shown::Hidden;
        }
        let off = pc - f.entry;
        let line = f.line_at(off.saturating_sub(1) as u32);
        out.extend_from_slice(f.name.as_bytes());
        out.extend_from_slice(b"(...)\n\t");
        out.extend_from_slice(f.file.as_bytes());
        out.push(b':');
        append_uint(out, line as u64);
        out.extend_from_slice(b" +");
        append_hex(out, off as u64);
        out.push(b'\n');
        Shown::Printed
    });
    shown.unwrap_or(Shown::Unknown)
}

/// Walks from frame `fp` through `stacks` (in the order the chain may cross them).
fn walk(out: &mut Vec<u8>, first_pc: Option<usize>, fp: usize, stacks: &[(usize, usize)]) {
    if symtab::is_empty() {
        return;
    }
    let inside = |i: usize, fp: usize| {
        let (lo, hi) = stacks[i];
        fp != 0 && fp.is_multiple_of(8) && fp >= lo && fp <= hi.saturating_sub(16)
    };
    let Some(mut region) = (0..stacks.len()).find(|&i| inside(i, fp)) else {
        return;
    };
    let mut fp = fp;
    let mut printed = 0usize;
    let mut skipped = 0usize;
    let mut pending = first_pc;
    loop {
        // The frame at `fp` is suspended at `first_pc`, if given; every other frame's
        // return address is at [fp+8].
        let (next, pc) = match pending.take() {
            Some(pc) => (fp, pc),
            // SAFETY: `fp` lies inside one of this thread's stacks (checked above or
            // below), 8-aligned with 16 bytes before the stack's end; every frame
            // stores the caller's fp at [fp] and the return address at [fp+8].
            None => unsafe {
                (
                    (fp as *const usize).read(),
                    ((fp + 8) as *const usize).read(),
                )
            },
        };
        match show_frame(out, pc, printed) {
            Shown::Printed => printed += 1,
            Shown::Full => break,
            Shown::Hidden => {}
            Shown::Unknown if printed > 0 => break,
            Shown::Unknown => {
                skipped += 1;
                if skipped > MAX_RUNTIME_FRAMES {
                    break;
                }
            }
        }
        if next == fp {
            continue;
        }
        if inside(region, next) && next > fp {
            fp = next;
        } else if region + 1 < stacks.len() && inside(region + 1, next) {
            // g0 -> goroutine: the one crossing a systemstack/morestack switch makes.
            region += 1;
            fp = next;
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symtab::{register, FuncInfo};

    #[test]
    fn walks_a_synthetic_chain() {
        // Code addresses that no real function has.
        let base = 0x7ffe_0000_0000usize;
        register(FuncInfo {
            entry: base,
            len: 0x100,
            name: "main.f".into(),
            file: "/tmp/x.go".into(),
            lines: vec![(0, 5), (0x10, 6), (0x20, 7)],
            landing_pads: Vec::new(),
            open_defers: None,
        });
        register(FuncInfo {
            entry: base + 0x100,
            len: 0x100,
            name: "main.main".into(),
            file: "/tmp/x.go".into(),
            lines: vec![(0, 10), (0x1c, 12)],
            landing_pads: Vec::new(),
            open_defers: None,
        });
        // A fake stack: runtime frame -> main.f -> main.main -> unregistered caller.
        let mut stack = [0usize; 16];
        let at = |i: usize, s: &[usize; 16]| s.as_ptr() as usize + i * 8;
        let (rt, f, m, top) = (0, 4, 8, 12);
        stack[rt] = at(f, &stack);
        stack[rt + 1] = 0x1234; // return address inside the runtime: skipped
        stack[f] = at(m, &stack);
        stack[f + 1] = base + 0x21; // returns into main.f after a call on line 7
        stack[m] = at(top, &stack);
        stack[m + 1] = base + 0x100 + 0x1d; // returns into main.main, call on line 12
        stack[top] = 0;
        stack[top + 1] = 0x5678; // unregistered: stop
        let mut out = Vec::new();
        append_traceback(&mut out, at(rt, &stack));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "main.f(...)\n\t/tmp/x.go:7 +0x21\nmain.main(...)\n\t/tmp/x.go:12 +0x1d\n"
        );
    }
}
