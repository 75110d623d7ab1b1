//! The morestack runtime: everything compiled Go code calls into, per the contract in
//! `docs/abi.md`.
//!
//! | module | responsible for |
//! |---|---|
//! | [`abi`] | the `#[repr(C)]` types shared with compiled code |
//! | [`alloc`] | `mallocgc` (no GC yet), `makeslice`, `growslice` |
//! | [`strings`] | runtime string operations, UTF-8 |
//! | [`print`] | builtin `print`/`println` |
//! | [`fmt`] | `fmt.Print*`/`Sprint*` |
//! | [`pkg`] | `strings`, `strconv`, `os` package functions |
//! | [`panic`] | panics, run-time errors, fatal errors |
//! | [`symtab`], [`traceback`] | compiled-function table, frame-pointer tracebacks |
//! | `arch` | all assembly (only module with `asm!`) |
//! | `sys` | all OS calls (only module calling libc) |
//!
//! Entry points are `extern "C"` functions exported under their Go names
//! (`#[export_name = "runtime.mallocgc"]`, `fmt.Println`, ...) and are ordinary `pub`
//! Rust functions as well; [`symbols`] lists them all for the JIT's import resolution.
//!
//! Not here yet: goroutines and the scheduler, growable stacks (`morestack`),
//! defer/recover, GC.

pub mod abi;
pub mod alloc;
mod arch;
pub mod fmt;
pub mod panic;
pub mod pkg;
pub mod print;
pub mod strings;
pub mod symtab;
mod sys;
pub mod traceback;

pub use abi::G;
pub use symtab::{register, FuncInfo};

/// Stack size of the thread that runs `main.main`: Go's maximum goroutine stack (1 GB),
/// reserved up front. Only touched pages cost memory. The growable goroutine stacks of
/// the next milestone (small stacks, `morestack`, copying) replace this.
const MAIN_STACK_SIZE: usize = 1 << 30;

/// A `*mut G` that may move to the main goroutine's thread (the G is owned by
/// `run_main` and outlives the thread, which is joined before the G is freed).
struct GPtr(*mut G);
// SAFETY: only the spawned thread uses the G while it runs; `run_main` frees it after
// joining that thread.
unsafe impl Send for GPtr {}

impl GPtr {
    fn get(&self) -> *mut G {
        self.0
    }
}

/// Runs a compiled program's entry point (`runtime.main` / `main.main`) as goroutine 1
/// on a fresh thread with a 1 GiB stack, waits for it, and returns the exit status (0;
/// panics and `os.Exit` end the process themselves).
pub fn run_main(entry: unsafe extern "C" fn(*mut G)) -> i32 {
    let g = Box::into_raw(Box::new(G {
        stack_lo: 0,
        stack_hi: usize::MAX,
        stackguard0: 0,
        goid: 1,
    }));
    let gp = GPtr(g);
    let thread = std::thread::Builder::new()
        .name("goroutine 1".into())
        .stack_size(MAIN_STACK_SIZE)
        .spawn(move || {
            let g = gp.get();
            // The thread's real stack; if the OS cannot tell, approximate it from just
            // above this frame down by the requested size.
            let (lo, hi) = sys::thread_stack_bounds().unwrap_or_else(|| {
                let hi = (arch::frame_pointer() + 4096) & !4095;
                (hi.saturating_sub(MAIN_STACK_SIZE), hi)
            });
            // SAFETY: `g` is a live, exclusively owned G (see `GPtr`).
            unsafe {
                (*g).stack_lo = lo;
                (*g).stack_hi = hi;
                // 0: the prologue check `SP > stackguard0 + frame` never fails.
                (*g).stackguard0 = 0;
            }
            traceback::set_current_goroutine(1, lo, hi);
            // SAFETY: `entry` is compiled Go code following docs/abi.md; it receives a
            // valid G.
            unsafe { entry(g) };
        });
    let status = match thread {
        Ok(t) => {
            if t.join().is_ok() {
                0
            } else {
                2
            }
        }
        Err(_) => panic::throw("runtime: cannot create the main goroutine's thread"),
    };
    // SAFETY: the thread that used `g` has been joined (or never started).
    drop(unsafe { Box::from_raw(g) });
    status
}

/// Every exported entry point: (symbol name as in docs/abi.md, address). The JIT
/// resolves compiled code's imports from this list.
pub fn symbols() -> Vec<(&'static str, *const u8)> {
    vec![
        // Memory and slices
        ("runtime.mallocgc", alloc::mallocgc as *const u8),
        ("runtime.makeslice", alloc::makeslice as *const u8),
        ("runtime.growslice", alloc::growslice as *const u8),
        // Strings
        ("runtime.concatstrings", strings::concatstrings as *const u8),
        ("runtime.cmpstring", strings::cmpstring as *const u8),
        ("runtime.intstring", strings::intstring as *const u8),
        (
            "runtime.slicebytetostring",
            strings::slicebytetostring as *const u8,
        ),
        (
            "runtime.slicerunetostring",
            strings::slicerunetostring as *const u8,
        ),
        (
            "runtime.stringtoslicebyte",
            strings::stringtoslicebyte as *const u8,
        ),
        (
            "runtime.stringtoslicerune",
            strings::stringtoslicerune as *const u8,
        ),
        ("runtime.decoderune", strings::decoderune as *const u8),
        // print/println
        ("runtime.printint", print::printint as *const u8),
        ("runtime.printuint", print::printuint as *const u8),
        ("runtime.printfloat", print::printfloat as *const u8),
        ("runtime.printbool", print::printbool as *const u8),
        ("runtime.printstring", print::printstring as *const u8),
        ("runtime.printpointer", print::printpointer as *const u8),
        ("runtime.printslice", print::printslice as *const u8),
        ("runtime.printsp", print::printsp as *const u8),
        ("runtime.printnl", print::printnl as *const u8),
        // fmt
        ("fmt.Print", fmt::print as *const u8),
        ("fmt.Println", fmt::println as *const u8),
        ("fmt.Printf", fmt::printf as *const u8),
        ("fmt.Sprint", fmt::sprint as *const u8),
        ("fmt.Sprintln", fmt::sprintln as *const u8),
        ("fmt.Sprintf", fmt::sprintf as *const u8),
        // Panics
        ("runtime.gopanic", panic::gopanic as *const u8),
        ("runtime.panicBounds", panic::panic_bounds as *const u8),
        ("runtime.panicdivide", panic::panicdivide as *const u8),
        ("runtime.panicshift", panic::panicshift as *const u8),
        ("runtime.panicmem", panic::panicmem as *const u8),
        // Packages
        ("os.Exit", pkg::os::exit as *const u8),
        ("strconv.Itoa", pkg::strconv::itoa as *const u8),
        ("strconv.FormatInt", pkg::strconv::format_int as *const u8),
        ("strconv.Quote", pkg::strconv::quote as *const u8),
        ("strings.Contains", pkg::strings::contains as *const u8),
        ("strings.HasPrefix", pkg::strings::has_prefix as *const u8),
        ("strings.HasSuffix", pkg::strings::has_suffix as *const u8),
        ("strings.Index", pkg::strings::index_of as *const u8),
        ("strings.Count", pkg::strings::count_of as *const u8),
        ("strings.Repeat", pkg::strings::repeat as *const u8),
        ("strings.ToUpper", pkg::strings::to_upper as *const u8),
        ("strings.ToLower", pkg::strings::to_lower as *const u8),
        ("strings.TrimSpace", pkg::strings::trim_space as *const u8),
        ("strings.Split", pkg::strings::split as *const u8),
        ("strings.Fields", pkg::strings::fields as *const u8),
        ("strings.Join", pkg::strings::join as *const u8),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_unique_and_non_null() {
        let syms = symbols();
        let mut names: Vec<_> = syms.iter().map(|s| s.0).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), syms.len());
        assert!(syms.iter().all(|s| !s.1.is_null()));
    }

    unsafe extern "C" fn entry(g: *mut G) {
        // SAFETY: run_main passes a valid G.
        let g = unsafe { &*g };
        assert_eq!(g.goid, 1);
        assert_eq!(g.stackguard0, 0);
        let here = arch::frame_pointer();
        assert!(g.stack_lo < here && here < g.stack_hi);
        assert!(g.stack_hi - g.stack_lo >= MAIN_STACK_SIZE);
    }

    #[test]
    fn run_main_runs_entry() {
        assert_eq!(run_main(entry), 0);
    }
}
