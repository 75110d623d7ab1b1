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
//! | [`pkg`] | `strings`, `strconv`, `os`, `sync`, `time` package functions |
//! | [`panic`] | defer, panic, recover, fatal errors |
//! | [`errors`] | error values: `errors.New`, run-time errors |
//! | [`stack`] | M/g0, goroutine stacks: `morestack`/`newstack`/copying, `systemstack`, shrinking, the aggregate stack |
//! | [`sched`] | the M:N scheduler: G/M/P, run queues, parking, preemption, deadlock detection |
//! | [`chan`] | channels and `select` |
//! | [`cgo`] | calls into C on the system stack, callbacks from C, C's faults |
//! | `sema`, `lock` | goroutine wait queues by address (for `sync`), the futex lock and note |
//! | [`symtab`], [`traceback`] | compiled-function table, frame-pointer tracebacks |
//! | [`repl`] | REPL mode: each input a main goroutine; a panic, stack overflow or Ctrl-C ends only its goroutine |
//! | [`aot`] | the start of an ahead-of-time executable (`runtime.rt0_go`) |
//! | `arch` | all assembly (only module with `asm!`) |
//! | `sys` | all OS calls (only module calling libc) |
//!
//! Entry points are `extern "C"` functions exported under their Go names
//! (`#[export_name = "runtime.mallocgc"]`, `fmt.Println`, ...) and are ordinary `pub`
//! Rust functions as well; [`symbols`] lists them all for the JIT's import resolution,
//! and ahead-of-time executables link them by the same names from this crate built
//! as a static library (docs/aot.md).
//!
//! Not here yet: a garbage collector.

pub mod abi;
pub mod alloc;
pub mod aot;
mod arch;
pub mod cgo;
pub mod chan;
mod eface;
pub mod errors;
pub mod fmt;
mod lock;
pub mod panic;
pub mod pkg;
pub mod print;
pub mod repl;
pub mod sched;
mod sema;
pub mod stack;
pub mod strings;
pub mod symtab;
mod sys;
pub mod traceback;

pub use abi::G;
pub use symtab::{register, FuncInfo};

/// Runs a compiled program's entry point (`runtime.main` / `main.main`) as the main
/// goroutine on the scheduler (`GOMAXPROCS` Ms, each an OS thread whose own stack is
/// its system stack g0), with Go's growable stacks: 2 KiB to start, grown by copying
/// (docs/stacks.md). `MORESTACKDEBUG` knobs are read here. Waits for the main
/// goroutine and returns the exit status (0; panics, fatal errors and `os.Exit` end
/// the process themselves); other goroutines may still be running, as in Go, where
/// the process exits when main returns.
pub fn run_main(entry: unsafe extern "C" fn(*mut G)) -> i32 {
    sched::run_main(entry, stack::StackMode::Growable, stack::env_knobs())
}

/// Like [`run_main`], but on one fixed 1 GiB (reserved, not committed) stack with
/// `stackguard0 = 0`, so no prologue check ever fails and nothing is copied. Only for
/// measuring what the stack check costs (the driver's `--no-stack-check`): deep
/// recursion ends in a SIGSEGV on the guard page instead of Go's 1 GB-limit report.
pub fn run_main_fixed_stack(entry: unsafe extern "C" fn(*mut G)) -> i32 {
    sched::run_main(entry, stack::StackMode::Fixed, stack::env_knobs())
}

/// Every exported symbol: (name as in docs/abi.md, address) of the entry points and
/// of `os.Args`, the one data symbol. The JIT resolves compiled code's imports from
/// this list.
pub fn symbols() -> Vec<(&'static str, *const u8)> {
    let mut syms = vec![
        // Stacks
        ("runtime.morestack_noctxt", arch::morestack_noctxt_addr()),
        ("runtime.morestackagg", stack::morestackagg as *const u8),
        ("runtime.GC", stack::gc as *const u8),
        // C calls (docs/cgo.md)
        ("runtime.cgocall", arch::cgocall_addr()),
        ("runtime.cgo_cstring", cgo::cgo_cstring as *const u8),
        ("runtime.cgo_gostring", cgo::cgo_gostring as *const u8),
        ("runtime.cgo_gostringn", cgo::cgo_gostringn as *const u8),
        // Goroutines and channels
        ("runtime.newproc", sched::newproc as *const u8),
        ("runtime.Gosched", sched::gosched as *const u8),
        ("runtime.preemptcheck", sched::preemptcheck as *const u8),
        ("runtime.NumGoroutine", sched::num_goroutine as *const u8),
        ("runtime.GOMAXPROCS", sched::gomaxprocs as *const u8),
        ("runtime.makechan", chan::makechan as *const u8),
        ("runtime.chansend1", chan::chansend1 as *const u8),
        ("runtime.chanrecv1", chan::chanrecv1 as *const u8),
        ("runtime.chanrecv2", chan::chanrecv2 as *const u8),
        ("runtime.closechan", chan::closechan as *const u8),
        ("runtime.chanlen", chan::chanlen as *const u8),
        ("runtime.chancap", chan::chancap as *const u8),
        ("runtime.selectgo", chan::selectgo as *const u8),
        ("sync.(*WaitGroup).Add", pkg::sync::waitgroup_add as *const u8),
        ("sync.(*WaitGroup).Done", pkg::sync::waitgroup_done as *const u8),
        ("sync.(*WaitGroup).Wait", pkg::sync::waitgroup_wait as *const u8),
        ("sync.(*Mutex).Lock", pkg::sync::mutex_lock as *const u8),
        ("sync.(*Mutex).Unlock", pkg::sync::mutex_unlock as *const u8),
        ("sync.(*Once).begin", pkg::sync::once_begin as *const u8),
        ("sync.(*Once).end", pkg::sync::once_end as *const u8),
        ("time.Sleep", pkg::time::sleep as *const u8),
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
        ("runtime.deferproc", panic::deferproc as *const u8),
        ("runtime.newdefer", panic::newdefer as *const u8),
        ("runtime.deferpop", panic::deferpop as *const u8),
        ("runtime.gorecover", panic::gorecover as *const u8),
        ("runtime.errorText", errors::error_method as *const u8),
        ("runtime.efaceeq", eface::efaceeq as *const u8),
        ("runtime.Breakpoint", arch::breakpoint as *const u8),
        ("runtime.printeface", print::printeface as *const u8),
        ("errors.New", errors::errors_new as *const u8),
        ("fmt.Errorf", fmt::errorf as *const u8),
        // Packages
        ("os.Exit", pkg::os::exit as *const u8),
        ("os.Args", std::ptr::addr_of!(pkg::os::ARGS) as *const u8),
        ("strconv.Itoa", pkg::strconv::itoa as *const u8),
        ("strconv.Atoi", pkg::strconv::atoi as *const u8),
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
    ];
    syms.extend(arch::panic_entry_points());
    syms
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
        // (STACK_POISON_MOVE when the suite runs under MORESTACKDEBUG=stackmove=1.)
        let guard = g.stackguard0;
        assert!(guard == g.stack_lo + stack::STACK_GUARD || guard == stack::STACK_POISON_MOVE);
        let here = arch::frame_pointer();
        assert!(g.stack_lo < here && here < g.stack_hi);
        assert_eq!(g.stack_hi - g.stack_lo, stack::STACK_MIN);
    }

    #[test]
    fn run_main_runs_entry() {
        assert_eq!(run_main(entry), 0);
    }
}
