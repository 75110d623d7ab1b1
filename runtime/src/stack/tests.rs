//! Stack tests: the growth policy and limit arithmetic, the copy verifier, aggregate
//! chunk reuse, and end-to-end growth/shrink/stress runs of a hand-assembled function
//! with the exact prologue + stub shape of compiled code (`arch::test_recurse`). Cases
//! that must end the process (stack overflow, morestack on g0, the verifier firing, the
//! dying entry points' stack use) run in a child process (this test binary re-run with
//! `MORESTACK_STACK_CASE=<case>`).

use super::*;
use crate::abi::testtypes;
use crate::abi::{Eface, GoSlice, GoString};

const CASE_VAR: &str = "MORESTACK_STACK_CASE";

fn knobs(stackmove: bool) -> Knobs {
    Knobs {
        log: false,
        stackmove,
        verify: true,
        max_stack: MAX_STACK_SIZE,
        max_system_stack: crate::cgo::MAX_SYSTEM_STACK,
    }
}

/// Expected result of `test_recurse(g, n, 1, 2, 3, 4, 5.9, 6.9)`.
fn expected(n: i64) -> i64 {
    n * (n + 1) / 2 + 1 + 2 + 3 + 4 + 5 + 6
}

/// Goroutine entry: `*out = test_recurse(g, n, ...)`.
unsafe extern "C" fn recurse_entry(g: *mut G, n: usize, out: *mut i64) {
    // SAFETY: `g` is the running goroutine; `out` points at the test's result slot.
    unsafe { *out = arch::test_recurse(g, n as i64, 1, 2, 3, 4, 5.9, 6.9) };
}

/// Runs `recurse_entry(n)` on a fresh goroutine; returns (result, final stack size).
fn run_recurse(k: Knobs, n: usize) -> (i64, usize) {
    on_new_m(StackMode::Growable, k, STACK_MIN, |g| {
        let mut out = 0i64;
        let args = [g as usize, n, &mut out as *mut i64 as usize, 0, 0, 0];
        // SAFETY: `g` is set up by on_new_m; recurse_entry takes three integer args.
        unsafe { goroutine_call(g, recurse_entry as *const () as usize, &args) };
        // SAFETY: `g` is live until on_new_m returns.
        (out, unsafe { (*g).stack_hi - (*g).stack_lo })
    })
}

#[test]
fn knobs_parse() {
    let k = parse_knobs("stack=1,stackmove=1");
    assert!(k.log && k.stackmove && k.verify);
    let k = parse_knobs("stack=1");
    assert!(k.log && !k.stackmove);
    assert!(!k.verify);
    let k = parse_knobs("stackverify=1,bogus=3");
    assert!(k.verify && !k.log && !k.stackmove);
    assert_eq!(parse_knobs(""), Knobs::default());
    assert_eq!(parse_knobs("stackmove=0"), Knobs::default());
}

#[test]
fn growth_policy() {
    let max = MAX_STACK_SIZE;
    // Plain doubling when the frame fits.
    assert_eq!(grow_size(8192, 5000, 64, false, max), Ok(16384));
    // Keep doubling until used + F + guard fits.
    assert_eq!(grow_size(8192, 5000, 40_000, false, max), Ok(65536));
    assert_eq!(
        grow_size(8192, 5000, 65536 - 5000 - STACK_GUARD, false, max),
        Ok(65536)
    );
    assert_eq!(
        grow_size(8192, 5000, 65536 - 5000 - STACK_GUARD + 1, false, max),
        Ok(131072)
    );
    // Forced move: same size when it fits, doubled only as needed.
    assert_eq!(grow_size(8192, 5000, 64, true, max), Ok(8192));
    assert_eq!(grow_size(8192, 8000, 64, true, max), Ok(16384));
}

#[test]
fn limit_arithmetic() {
    let max = MAX_STACK_SIZE;
    let half_gib = 512 << 20;
    // 256 MiB -> 512 MiB is allowed (512 MiB <= 1e9) ...
    assert_eq!(
        grow_size(256 << 20, 200 << 20, 64, false, max),
        Ok(half_gib)
    );
    // ... 512 MiB -> 1 GiB is not (1073741824 > 1000000000): 512 MiB is the largest.
    assert_eq!(
        grow_size(half_gib, half_gib - 100, 64, false, max),
        Err(1 << 30)
    );
    // A forced move of a 512 MiB stack that still fits is fine.
    assert_eq!(grow_size(half_gib, 1000, 64, true, max), Ok(half_gib));
    // One enormous frame from a small stack.
    assert_eq!(grow_size(8192, 100, 999_999_000, false, max), Err(1 << 30));
    // No overflow of the arithmetic itself.
    assert!(grow_size(8192, usize::MAX - 10, usize::MAX, false, max).is_err());
}

#[test]
fn verifier_finds_unaccounted_pointers_only() {
    // The live old stack is [sp, hi) = [0x1f000, 0x20000); words[i] is at sp + 8i.
    let old = (0x10000usize, 0x20000usize);
    let sp = 0x1f000usize;
    let code = |v: usize| (0x400000..0x500000).contains(&v);
    let find = |w: &[usize]| find_unadjusted(w, sp, old, &code);
    // Clean: values outside the old stack, an adjusted (new-stack) frame pointer.
    assert_eq!(find(&[1, 0x7fff_0000_1000, 0x401234, 0x9999, 0]), None);
    // A pointer to a data word of the live stack (word 3 at sp+24) at word 2.
    assert_eq!(find(&[1, 2, 0x1f018, 0x5a5a, 0]), Some(16));
    // A pointer to the top edge is not inside; to sp itself it is.
    assert_eq!(find(&[0x20000, 7]), None);
    assert_eq!(find(&[0x1f000, 7]), Some(0));
    // Tolerated: pointers below sp (dead memory) ...
    assert_eq!(find(&[1, 0x18000, 3, 4]), None);
    // ... a stale frame record (old fp followed by a return address) ...
    assert_eq!(find(&[1, 0x1f000, 0x401000, 3]), None);
    // ... and a stale frame pointer whose target frame holds a return address
    // (word 1 points at word 2, and word 3 is a return address).
    assert_eq!(find(&[1, 0x1f010, 9, 0x401000, 5]), None);
    // Not at the very top, where no return address follows.
    assert_eq!(find(&[1, 0x1f018, 3, 4]), Some(8));
}

#[test]
fn agg_chunks_are_reused_lifo() {
    let mut g = G::new(7);
    let gp: *mut G = &mut g;
    // SAFETY: `gp` is a live G; no M on this thread, so everything runs directly.
    unsafe {
        let a = morestackagg(gp, 100);
        assert_eq!(a as usize % 16, 0);
        assert_eq!(g.agg_sp, a as usize + 112);
        let (sp0, lim0) = (g.agg_sp, g.agg_limit);
        assert_eq!(lim0 - a as usize, AGG_FIRST_CHUNK - AGG_HEADER);
        // Overflow chunk 0: a new chunk 1, big enough for one large aggregate.
        let b = morestackagg(gp, 100_000);
        assert!(g.agg_limit - b as usize >= 100_000);
        assert_eq!(g.agg.chunks.len(), 2);
        // Return from that frame (compiled code restores both words) ...
        g.agg_sp = sp0;
        g.agg_limit = lim0;
        // ... and enter a deeper one again: chunk 1 is reused, no new mapping.
        let c = morestackagg(gp, 64);
        assert_eq!(c, b);
        assert_eq!(g.agg.chunks.len(), 2);
        // A request chunk 1 cannot hold replaces it (it holds nothing live).
        g.agg_sp = sp0;
        g.agg_limit = lim0;
        let d = morestackagg(gp, 1 << 20);
        assert_eq!(g.agg.chunks.len(), 2);
        assert!(g.agg_limit - d as usize >= 1 << 20);
        // From chunk 1, the next is chunk 2.
        let e = morestackagg(gp, 16);
        assert_eq!(g.agg.chunks.len(), 3);
        assert_ne!(e, d);
        // The region is writable.
        e.write_bytes(0xab, 16);
        for ch in g.agg.chunks.drain(..) {
            sys::munmap(ch.base as *mut u8, ch.limit + AGG_HEADER - ch.base);
        }
    }
}

#[test]
fn compiled_shape_recursion_grows_the_stack() {
    // 100k frames of 80 bytes: 8 MB of stack, grown from 8 KiB by doubling.
    let n = 100_000;
    let (r, size) = run_recurse(knobs(false), n);
    assert_eq!(r, expected(n as i64));
    assert_eq!(size, 8 << 20);
    // Shallow: no growth at all.
    let (r, size) = run_recurse(knobs(false), 10);
    assert_eq!(r, expected(10));
    assert_eq!(size, STACK_MIN);
}

#[test]
fn stackmove_stress_moves_at_every_check() {
    // Every call enters morestack and moves the stack (same size unless needed).
    let n = 3000;
    let (r, size) = run_recurse(knobs(true), n);
    assert_eq!(r, expected(n as i64));
    // 3000 * 80 = 240 KB live at the deepest point: grown only as needed.
    assert_eq!(size, 256 << 10);
}

/// Goroutine entry for the shrink test: recurse deep, then call `runtime.GC` a few
/// times recording the stack size after each, then recurse again.
unsafe extern "C" fn shrink_entry(g: *mut G, n: usize, out: *mut [usize; 16]) {
    let again = n.min(1000);
    // SAFETY: `g` is the running goroutine; `out` points at the test's array.
    unsafe {
        (*out)[0] = arch::test_recurse(g, n as i64, 1, 2, 3, 4, 5.9, 6.9) as usize;
        (*out)[1] = (*g).stack_hi - (*g).stack_lo;
        // (A while loop: this Rust stands in for compiled code, which never passes
        // addresses of its stack around, as a debug-build `Range::next(&mut it)` would.)
        let mut i = 0;
        while i < 12 {
            gc();
            (*out)[2 + i] = (*g).stack_hi - (*g).stack_lo;
            i += 1;
        }
        (*out)[14] = arch::test_recurse(g, again as i64, 1, 2, 3, 4, 5.9, 6.9) as usize;
        (*out)[15] = (*g).stack_hi - (*g).stack_lo;
    }
}

fn run_shrink(k: Knobs, n: usize) -> [usize; 16] {
    on_new_m(StackMode::Growable, k, STACK_MIN, |g| {
        let mut out = [0usize; 16];
        let args = [
            g as usize,
            n,
            &mut out as *mut [usize; 16] as usize,
            0,
            0,
            0,
        ];
        // SAFETY: as in run_recurse.
        unsafe { goroutine_call(g, shrink_entry as *const () as usize, &args) };
        out
    })
}

#[test]
fn gc_shrinks_by_halves_down_to_the_minimum() {
    let out = run_shrink(knobs(false), 50_000);
    assert_eq!(out[0] as i64, expected(50_000));
    // 50k frames * 80 bytes = 4,000,000 bytes live + guard: 4 MiB.
    assert_eq!(out[1], 4 << 20);
    // One halving per GC (less than a quarter used each time) down to STACK_MIN.
    let halvings: Vec<usize> = (0..12).map(|i| ((2 << 20) >> i).max(STACK_MIN)).collect();
    assert_eq!(&out[2..14], &halvings[..]);
    assert_eq!(&out[12..14], &[STACK_MIN; 2]);
    // And it grows again.
    assert_eq!(out[14] as i64, expected(1000));
    assert_eq!(out[15], 128 << 10);
}

#[test]
fn gc_shrinks_under_stress_too() {
    // Every call moves the stack, so keep it shallow (the copies are quadratic).
    let out = run_shrink(knobs(true), 5000);
    assert_eq!(out[0] as i64, expected(5000));
    // 5000 * 80 = 400 KB live: 512 KiB, then halved by each GC down to STACK_MIN.
    assert_eq!(out[1], 512 << 10);
    let halvings: Vec<usize> = (0..12).map(|i| ((256 << 10) >> i).max(STACK_MIN)).collect();
    assert_eq!(&out[2..14], &halvings[..]);
    assert_eq!(out[14] as i64, expected(1000));
}

#[test]
fn fixed_stack_never_moves() {
    let (r, size) = {
        let k = knobs(false);
        on_new_m(StackMode::Fixed, k, STACK_MIN, |g| {
            let mut out = 0i64;
            let args = [g as usize, 100_000, &mut out as *mut i64 as usize, 0, 0, 0];
            // SAFETY: as in run_recurse; stackguard0 = 0 never triggers morestack.
            unsafe { goroutine_call(g, recurse_entry as *const () as usize, &args) };
            // SAFETY: `g` is live until on_new_m returns.
            (out, unsafe { (*g).stack_hi - (*g).stack_lo })
        })
    };
    assert_eq!(r, expected(100_000));
    assert_eq!(size, FIXED_STACK_SIZE);
}

// ---------------------------------------------------------------------------------
// Child-process cases
// ---------------------------------------------------------------------------------

fn child(case: &str) -> (String, String, Option<i32>) {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "stack::tests::child_entry",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CASE_VAR, case)
        .env_remove("MORESTACKDEBUG")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// Not a test of its own: the child side of the cases below.
#[test]
fn child_entry() {
    let Ok(case) = std::env::var(CASE_VAR) else {
        return;
    };
    let (entry, end) = arch::test_recurse_range();
    crate::symtab::register(crate::symtab::FuncInfo {
        entry,
        len: end - entry,
        name: "main.recurse".into(),
        file: "/tmp/r.go".into(),
        lines: vec![(0, 3)],
        landing_pads: Vec::new(),
        open_defers: None,
    });
    match case.as_str() {
        "overflow" => {
            let k = Knobs {
                max_stack: 1 << 20,
                ..knobs(false)
            };
            run_recurse(k, 100_000);
        }
        "log" => {
            let k = Knobs {
                log: true,
                ..knobs(false)
            };
            run_recurse(k, 300);
            let k = Knobs {
                log: true,
                ..knobs(false)
            };
            run_shrink(k, 50_000);
        }
        "g0" => {
            on_new_m(StackMode::Growable, knobs(false), STACK_MIN, |g| {
                let args = [g as usize, 0, 0, 0, 0, 0];
                // SAFETY: as in run_recurse.
                unsafe { goroutine_call(g, morestack_on_g0_entry as *const () as usize, &args) };
            });
        }
        "unadjusted" => {
            on_new_m(StackMode::Growable, knobs(false), STACK_MIN, |g| {
                let args = [g as usize, 0, 0, 0, 0, 0];
                // SAFETY: as in run_recurse.
                unsafe { goroutine_call(g, unadjusted_entry as *const () as usize, &args) };
            });
        }
        "measure" => measure_all(),
        c if c.starts_with("measure_exit:") => measure_exit(&c["measure_exit:".len()..]),
        _ => panic!("unknown case {case}"),
    }
}

/// Calls the test function on g0 with a poisoned guard: morestack finds itself on g0.
unsafe extern "C" fn morestack_on_g0_entry(g: *mut G) {
    let g = g as usize;
    systemstack(move || {
        let g = g as *mut G;
        // SAFETY: `g` is the (suspended) goroutine; the call is the bug being tested.
        unsafe {
            (*g).stackguard0 = STACK_POISON_MOVE;
            arch::test_recurse(g, 3, 1, 2, 3, 4, 5.9, 6.9);
        }
    });
}

/// Keeps a pointer to its own stack frame in its frame, then grows the stack: the
/// verifier must report it (what a codegen bug would look like).
unsafe extern "C" fn unadjusted_entry(g: *mut G) {
    let x = 7u64;
    let p = std::hint::black_box(&x as *const u64);
    let slot = [p as usize, 0x5a5a];
    std::hint::black_box(&slot);
    // SAFETY: `g` is the running goroutine.
    unsafe { arch::test_recurse(g, 1000, 1, 2, 3, 4, 5.9, 6.9) };
    std::hint::black_box(&slot);
}

#[test]
fn stack_overflow_reports_the_limit_and_a_traceback() {
    let (_, err, code) = child("overflow");
    assert_eq!(code, Some(2), "{err}");
    let head = "runtime: goroutine stack exceeds 1048576-byte limit\nruntime: sp=0x";
    assert!(err.starts_with(head), "{err}");
    let tail = err.split_once("fatal error: stack overflow\n\ngoroutine 1 [running]:\n");
    let (_, frames) = tail.unwrap_or_else(|| panic!("{err}"));
    assert!(
        frames.starts_with("main.recurse(...)\n\t/tmp/r.go:3 +0x"),
        "{frames}"
    );
    assert_eq!(frames.matches("main.recurse(...)").count(), 100, "{frames}");
    assert!(
        frames.ends_with("...additional frames elided...\n"),
        "{frames}"
    );
}

#[test]
fn stack_debug_log_lines() {
    let (_, err, code) = child("log");
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("runtime: goroutine 1 stack"))
        .collect();
    // 300 frames of 80 bytes + guard: 2 KiB -> 4 KiB -> ... -> 32 KiB.
    let sizes = [2048, 4096, 8192, 16384, 32768];
    for (line, pair) in lines.iter().zip(sizes.windows(2)) {
        let want = format!("runtime: goroutine 1 stack grow {} -> {} bytes, copied ", pair[0], pair[1]);
        assert!(line.starts_with(&want), "{err}");
        assert!(line.contains(" frames adjusted, in ") && line.ends_with(" GB/s"), "{err}");
    }
    assert!(
        err.contains("stack shrink 4194304 -> 2097152 bytes"),
        "{err}"
    );
}

#[test]
fn morestack_on_g0_is_fatal() {
    let (_, err, code) = child("g0");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.starts_with("fatal: morestack on g0\n\nruntime stack:\nmain.recurse(...)\n"),
        "{err}"
    );
}

#[test]
fn verifier_reports_an_unadjusted_pointer() {
    let (_, err, code) = child("unadjusted");
    assert_eq!(code, Some(2), "{err}");
    // (Optimised, the frame's address is also kept in a callee-saved register across
    // the call, so the register check, which runs first, reports it.)
    assert!(err.starts_with("runtime: copystack: "), "{err}");
    assert!(
        err.contains("\nfatal error: unadjusted pointer into old stack "),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------
// Stack use of every entry point on the goroutine stack
// ---------------------------------------------------------------------------------

const PAINT: usize = 0x5a5a_5a5a_5a5a_5a5a;
const MEASURE_STACK: usize = 64 << 10;

fn leak<T>(v: T) -> usize {
    Box::leak(Box::new(v)) as *mut T as usize
}

fn gostr(s: &'static str) -> GoString {
    GoString {
        ptr: s.as_ptr(),
        len: s.len() as i64,
    }
}

/// Arguments for each entry point (valid data, leaked).
fn entry_args(name: &str, g: usize) -> [usize; 6] {
    let s = "héllo, wörld";
    let (sp, sl) = (s.as_ptr() as usize, s.len());
    let (tp, tl) = ("o".as_ptr() as usize, 1);
    let n = leak(42i64);
    let st = leak(gostr("x"));
    let efaces = leak([
        Eface {
            typ: testtypes::int(),
            data: n as *const u8,
        },
        Eface {
            typ: testtypes::string(),
            data: st as *const u8,
        },
    ]);
    let parts = leak([gostr("ab"), gostr("cd"), gostr("ef")]);
    let out = leak(GoSlice {
        ptr: std::ptr::null_mut(),
        len: 0,
        cap: 0,
    });
    let fmt = "%d %q\n";
    let runes = leak([0x48i32, 0x2603, 0x1f600]);
    let backing = leak([1u64, 2, 3, 4]);
    let frame = leak([0usize; 8]);
    // Channels in states where no operation blocks: room in the buffer, or closed.
    // SAFETY: the channel entry points run without a scheduler as long as they need
    // not park or ready anyone.
    let chan = |close: bool| unsafe {
        let c = crate::chan::makechan(g as *mut G, 8, 4);
        if close {
            crate::chan::closechan(g as *mut G, c);
        }
        c as usize
    };
    let elem = leak(7u64);
    let closed_case = leak([chan(true), 0, 2]);
    let sync_words = |first: u64| leak([first, 0u64]);
    match name {
        "runtime.makechan" => [g, 8, 4, 0, 0, 0],
        "runtime.chansend1" => [g, chan(false), elem, 0, 0, 0],
        "runtime.chanrecv1" | "runtime.chanrecv2" => [g, chan(true), elem, 0, 0, 0],
        "runtime.closechan" => [g, chan(false), 0, 0, 0, 0],
        "runtime.chanlen" | "runtime.chancap" => [chan(false), 0, 0, 0, 0, 0],
        "runtime.selectgo" => [g, closed_case, 1, 1, 0, 0],
        "runtime.NumGoroutine" => [0; 6],
        // Not asked to yield: returns at once.
        "runtime.preemptcheck" => [g, 0, 0, 0, 0, 0],
        "time.Sleep" => [g, 0, 0, 0, 0, 0],
        "runtime.GOMAXPROCS" => [0; 6],
        "sync.(*WaitGroup).Add" => [g, sync_words(0), 0, 0, 0, 0],
        "sync.(*WaitGroup).Done" => [g, sync_words(1), 0, 0, 0, 0],
        "sync.(*WaitGroup).Wait" | "sync.(*Mutex).Lock" | "sync.(*Once).begin" => [g, sync_words(0), 0, 0, 0, 0],
        // Locked, no waiters (state bit 0); a once whose mutex (at +8) is locked.
        "sync.(*Mutex).Unlock" => [g, sync_words(1), 0, 0, 0, 0],
        "sync.(*Once).end" => [g, leak([0u64, 1u64]), 0, 0, 0, 0],
        "runtime.morestackagg" => [g, 200_000, 0, 0, 0, 0],
        "runtime.GC" => [0; 6],
        "runtime.mallocgc" => [24, 0, 0, 0, 0, 0],
        "runtime.makeslice" => [8, 4, 10, 0, 0, 0],
        "runtime.growslice" => [out, 8, backing, 4, 4, 5],
        "runtime.concatstrings" => [parts, 3, 0, 0, 0, 0],
        "runtime.cmpstring" => [sp, sl, tp, tl, 0, 0],
        "runtime.intstring" => [0x2603, 0, 0, 0, 0, 0],
        "runtime.slicebytetostring" => [sp, sl, 0, 0, 0, 0],
        "runtime.slicerunetostring" => [runes, 3, 0, 0, 0, 0],
        "runtime.stringtoslicebyte" | "runtime.stringtoslicerune" => [out, sp, sl, 0, 0, 0],
        "runtime.decoderune" => [sp, sl, 1, 0, 0, 0],
        "runtime.printint" | "runtime.printuint" | "runtime.printpointer" => [12345, 0, 0, 0, 0, 0],
        "runtime.printfloat" => [1.5f64.to_bits() as usize, 0, 0, 0, 0, 0],
        "runtime.printbool" => [1, 0, 0, 0, 0, 0],
        "runtime.printstring" => [sp, sl, 0, 0, 0, 0],
        "runtime.printslice" => [backing, 4, 4, 0, 0, 0],
        "runtime.printsp" | "runtime.printnl" => [0; 6],
        "fmt.Print" | "fmt.Println" | "fmt.Sprint" | "fmt.Sprintln" => [efaces, 2, 0, 0, 0, 0],
        "fmt.Printf" | "fmt.Sprintf" => [fmt.as_ptr() as usize, fmt.len(), efaces, 2, 0, 0],
        "runtime.gopanic" => [g, testtypes::int() as *const _ as usize, n, 0, 0, 0],
        "runtime.panicBounds" => [g, 0, 5, 3, 1, 0],
        "runtime.panicdivide" | "runtime.panicshift" | "runtime.panicmem" | "runtime.Goexit" => [g, 0, 0, 0, 0, 0],
        "runtime.panicdottype" => [g, 0, testtypes::int() as *const _ as usize, testtypes::int() as *const _ as usize, 0, 0],
        "runtime.efaceeq" => [testtypes::int() as *const _ as usize, n, testtypes::int() as *const _ as usize, n, 0, 0],
        // A frame record with one pending general defer (pushed, then popped).
        "runtime.deferproc" => [frame, 0x1234, 0, 0, 0, 0],
        "runtime.newdefer" => [frame, 40, 0, 0, 0, 0],
        "runtime.deferpop" => [frame, 0, 0, 0, 0, 0],
        // Not panicking: recover returns nil without reading the frame.
        "runtime.gorecover" => [g, 0, 0, 0, 0, 0],
        "runtime.errorText" => [&crate::errors::ERROR_STRING as *const _ as usize, st, 0, 0, 0, 0],
        "runtime.printeface" => [efaces, n, 0, 0, 0, 0],
        "errors.New" => [sp, sl, 0, 0, 0, 0],
        "fmt.Errorf" => [fmt.as_ptr() as usize, fmt.len(), efaces, 2, 0, 0],
        "os.Exit" => [0; 6],
        "strconv.Atoi" => [out, sp, sl, 0, 0, 0],
        "strconv.Itoa" => [(-12345i64) as usize, 0, 0, 0, 0, 0],
        "strconv.FormatInt" => [255, 16, 0, 0, 0, 0],
        "strconv.Quote" => [sp, sl, 0, 0, 0, 0],
        "strings.Contains" | "strings.HasPrefix" | "strings.HasSuffix" | "strings.Index"
        | "strings.Count" => [sp, sl, tp, tl, 0, 0],
        "strings.Repeat" => [sp, sl, 3, 0, 0, 0],
        "strings.ToUpper" | "strings.ToLower" | "strings.TrimSpace" => [sp, sl, 0, 0, 0, 0],
        "strings.Split" => [out, sp, sl, tp, tl, 0],
        "strings.Fields" => [out, sp, sl, 0, 0, 0],
        "strings.Join" => [parts, 3, 3, tp, tl, 0],
        "runtime.cgo_cstring" => [sp, sl, 0, 0, 0, 0],
        "runtime.cgo_gostring" => [c"hello".as_ptr() as usize, 0, 0, 0, 0, 0],
        "runtime.cgo_gostringn" => [sp, sl, 0, 0, 0, 0],
        _ => panic!("no arguments for entry point {name}"),
    }
}

/// Entry points not measured: `morestack_noctxt` (it is the stack check), Breakpoint
/// (a lone `int3`: it dies of SIGTRAP), and the ones that need the scheduler:
/// `newproc` does its work in `systemstack`, `Gosched` in `mcall` (both only push a
/// frame record and the callee-saved registers), and `Goexit` is the panic stub that
/// `runtime.gopanic` is (measured below), ending in the scheduler instead of an exit.
/// `os.Args` is data, not code. `cgocall` needs the scheduler (a P to hand off); it
/// pushes a frame record and six registers (64 bytes), then switches to g0.
const NOT_MEASURED: [&str; 7] = ["runtime.morestack_noctxt", "runtime.Breakpoint", "runtime.newproc", "runtime.Gosched", "runtime.Goexit", "os.Args", "runtime.cgocall"];

/// Entry points that never return (measured from the exit hook).
const NORETURN: [&str; 7] = [
    "runtime.panicdottype",
    "runtime.gopanic",
    "runtime.panicBounds",
    "runtime.panicdivide",
    "runtime.panicshift",
    "runtime.panicmem",
    "os.Exit",
];

/// Bytes of the painted goroutine stack `[lo, hi)` that were written.
fn painted_use(lo: usize, hi: usize) -> usize {
    let mut a = lo;
    // SAFETY: [lo, hi) is the mapped, painted goroutine stack.
    while a < hi && unsafe { (a as *const usize).read() } == PAINT {
        a += 8;
    }
    hi - a
}

/// Runs entry point `name` as the first frame of a fresh, painted goroutine stack;
/// returns the bytes of goroutine stack it used.
fn measure_one(name: &str, addr: usize) -> usize {
    on_new_m(StackMode::Growable, knobs(false), MEASURE_STACK, |g| {
        // SAFETY: `g` is set up and not running; its stack [lo, hi) is mapped.
        unsafe {
            let (lo, hi) = ((*g).stack_lo, (*g).stack_hi);
            let words = std::slice::from_raw_parts_mut(lo as *mut usize, (hi - lo) / 8);
            words.fill(PAINT);
            // No shrinking under runtime.GC: the painted stack must stay put.
            (*(*g).m).fixed = true;
            let args = entry_args(name, g as usize);
            goroutine_call(g, addr, &args);
            painted_use(lo, hi)
        }
    })
}

fn measure_all() {
    for (name, addr) in crate::symbols() {
        // Breakpoint is a lone `int3` (it dies of SIGTRAP): no stack to measure.
        if NOT_MEASURED.contains(&name) || NORETURN.contains(&name) {
            continue;
        }
        // Twice: the first call may take a slow path (a fresh allocator chunk).
        let used = measure_one(name, addr as usize).max(measure_one(name, addr as usize));
        println!("stackuse {name} {used}");
    }
}

fn report_use_at_exit() {
    let m = current_m();
    // SAFETY: the dying entry point runs on this thread's M; its curg is painted.
    let used = unsafe { painted_use((*(*m).curg).stack_lo, (*(*m).curg).stack_hi) };
    let mut b = b"stackuse ".to_vec();
    append_uint(&mut b, used as u64);
    b.push(b'\n');
    sys::write_all(sys::STDOUT, &b);
}

fn measure_exit(name: &str) {
    sys::BEFORE_EXIT.store(
        report_use_at_exit as fn() as usize,
        std::sync::atomic::Ordering::Relaxed,
    );
    let addr = crate::symbols()
        .into_iter()
        .find(|s| s.0 == name)
        .unwrap()
        .1;
    measure_one(name, addr as usize);
}

/// Every entry point called from compiled code either switches to the system stack
/// or fits the guard area with 2x headroom (docs/stacks.md's table comes from this).
#[test]
fn entry_points_fit_the_guard() {
    let mut uses: Vec<(String, usize)> = Vec::new();
    let (out, err, code) = child("measure");
    assert_eq!(code, Some(0), "{err}");
    // (The harness's "test ... " prefix may share the first line.)
    for l in out
        .lines()
        .filter_map(|l| l.split_once("stackuse ").map(|p| p.1))
    {
        let (n, u) = l.split_once(' ').unwrap();
        uses.push((n.to_string(), u.parse().unwrap()));
    }
    for name in NORETURN {
        let (out, err, _) = child(&format!("measure_exit:{name}"));
        let u = out
            .lines()
            .find_map(|l| l.split_once("stackuse ").map(|p| p.1));
        let u = u.unwrap_or_else(|| panic!("{name}: {err}"));
        uses.push((name.to_string(), u.trim().parse().unwrap()));
    }
    for (name, _) in crate::symbols() {
        if !NOT_MEASURED.contains(&name) {
            assert!(uses.iter().any(|u| u.0 == name), "{name} not measured");
        }
    }
    let max = uses.iter().map(|u| u.1).max().unwrap();
    eprintln!("goroutine-stack use per entry point (bytes): {uses:?}; max {max}");
    // 2x headroom (the workspace optimises the runtime in debug builds too).
    let limit = STACK_GUARD / 2;
    for (name, used) in &uses {
        assert!(
            *used <= limit,
            "{name} uses {used} bytes of goroutine stack (limit {limit})"
        );
    }
}

/// Kilobytes of `[lo, hi)` the kernel backs with huge pages, per /proc/self/smaps.
fn anon_huge_kib(lo: usize, hi: usize) -> u64 {
    let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
    let mut inside = false;
    let mut kib = 0;
    for line in smaps.lines() {
        if let Some((range, _)) = line.split_once(' ').filter(|(r, _)| r.contains('-') && !r.ends_with(':')) {
            let (a, b) = range.split_once('-').expect("range");
            let (a, b) = (usize::from_str_radix(a, 16).unwrap_or(0), usize::from_str_radix(b, 16).unwrap_or(0));
            inside = a < hi && lo < b;
        } else if let Some(v) = line.strip_prefix("AnonHugePages:").filter(|_| inside) {
            kib += v.trim().trim_end_matches(" kB").trim().parse::<u64>().expect("a number");
        }
    }
    kib
}

#[test]
fn stacks_of_a_huge_page_and_more_start_on_one_above_their_guard() {
    let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled").unwrap_or_default();
    for size in [sys::HUGE_PAGE, 2 * sys::HUGE_PAGE, 8 * sys::HUGE_PAGE] {
        let (lo, hi) = stackalloc(size);
        assert_eq!((lo % sys::HUGE_PAGE, hi - lo), (0, size), "lo on a huge page");
        // SAFETY: [lo, hi) is a fresh stack nobody else uses.
        let stack = unsafe { std::slice::from_raw_parts_mut(lo as *mut u8, size) };
        assert!(stack.iter().step_by(4096).all(|&b| b == 0), "fresh stacks read as zero");
        stack.fill(1);
        if thp.contains("[always]") || thp.contains("[madvise]") {
            // All of it in huge pages (when the kernel has them to give).
            let huge = anon_huge_kib(lo, hi);
            assert!(huge == 0 || huge == size as u64 / 1024, "{huge} KiB of {size} bytes in huge pages");
        }
        // SAFETY: the stack is unused from here on.
        unsafe { stackfree(lo, hi) };
    }
}
