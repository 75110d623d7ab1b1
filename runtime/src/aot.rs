//! The start of an ahead-of-time executable (docs/aot.md). The object file that
//! `morestack build` emits defines C `main`, which calls [`rt0_go`] with `argc`, `argv`
//! and the program's table ([`Program`], laid out by crates/codegen's `startup`
//! module): every compiled function with its line table and landing pads, the entry
//! point, and what the C side of a program that imports "C" needs. From there the
//! program runs exactly as under the JIT driver: the same registrations, then
//! [`crate::run_main`].

use std::ffi::{c_char, CStr};

use crate::abi::G;
use crate::symtab::{self, FuncInfo, LandingPad, OpenDefers};

/// A compiled program, as its object file lays it out (all pointers are relocations,
/// filled in by the linker; a pointer with a zero count may be null).
#[repr(C)]
pub struct Program {
    /// `runtime.main`: runs the package initialisers, then `main.main`.
    pub entry: unsafe extern "C" fn(*mut G),
    pub funcs: *const Func,
    pub nfuncs: u64,
    /// The absolute path of the Go source file, as tracebacks print it.
    pub file: *const u8,
    pub file_len: u64,
    /// Non-zero when the program imports "C": C calls need [`crate::cgo::init`].
    pub cgo: u64,
    /// The C side's `_cgo_runtime_cgocallback` (null when nothing is exported).
    pub cgocallback_slot: *mut usize,
    pub exports: *const Export,
    pub nexports: u64,
}

/// One compiled function: what the JIT driver registers with [`symtab::register`].
#[repr(C)]
pub struct Func {
    pub entry: usize,
    pub len: u64,
    pub name: *const u8,
    pub name_len: u64,
    /// `(code offset, line)` pairs, sorted by offset.
    pub lines: *const [u32; 2],
    pub nlines: u64,
    /// `(return address, landing pad, FP - SP)` of each `try_call`, sorted by return
    /// address.
    pub pads: *const [u32; 3],
    pub npads: u64,
    /// Open-coded functions: their defer slot's `fp_offset << 32 | count`; 0 for
    /// others.
    pub open_defers: u64,
}

/// An `//export`ed function: the C stub's pointer variable `_cgo_export_fn_F` and the
/// compiled entry thunk it must hold.
#[repr(C)]
pub struct Export {
    pub slot: *mut usize,
    pub thunk: usize,
}

/// Runs the program described by `prog` with `os.Args` = `argv[..argc]`; returns its
/// exit status (for C `main` to return).
///
/// # Safety
/// Called once, from C `main`, before any Go code runs; `argv` holds `argc` C strings;
/// `prog` is a table laid out as [`Program`] whose code pointers are compiled
/// functions of the signatures codegen gives them.
#[export_name = "runtime.rt0_go"]
pub unsafe extern "C" fn rt0_go(argc: i32, argv: *const *const c_char, prog: *const Program) -> i32 {
    // SAFETY: the caller's contract: `prog` is a valid, immutable table.
    let prog = unsafe { &*prog };
    // SAFETY (this and each `table` below): the object file holds `count` elements at
    // `ptr`, never written.
    let file = String::from_utf8_lossy(unsafe { table(prog.file, prog.file_len) }).into_owned();
    // SAFETY: see above.
    for f in unsafe { table(prog.funcs, prog.nfuncs) } {
        symtab::register(FuncInfo {
            entry: f.entry,
            len: f.len as usize,
            // SAFETY: see above.
            name: String::from_utf8_lossy(unsafe { table(f.name, f.name_len) }).into_owned(),
            file: file.clone(),
            // SAFETY: see above.
            lines: unsafe { table(f.lines, f.nlines) }.iter().map(|&[off, line]| (off, line)).collect(),
            // SAFETY: see above.
            landing_pads: unsafe { table(f.pads, f.npads) }
                .iter()
                .map(|&[ret, handler, frame_offset]| LandingPad { ret, handler, frame_offset })
                .collect(),
            open_defers: (f.open_defers != 0).then_some(OpenDefers { fp_offset: (f.open_defers >> 32) as u32, count: f.open_defers as u32 }),
        });
    }
    if prog.cgo != 0 {
        // What the export stubs call: the runtime's callback entry, each export's thunk.
        if !prog.cgocallback_slot.is_null() {
            // SAFETY: the C side's pointer variable (aligned, writable); no C code calls
            // an export before Go code runs, so nothing reads it yet.
            unsafe { prog.cgocallback_slot.write(crate::cgo::cgocallback as *const () as usize) };
        }
        // SAFETY: see above.
        for e in unsafe { table(prog.exports, prog.nexports) } {
            // SAFETY: as for the callback slot.
            unsafe { e.slot.write(e.thunk) };
        }
        crate::cgo::init();
    }
    let args: Vec<&[u8]> = (0..usize::try_from(argc).unwrap_or(0))
        // SAFETY: the caller's contract: `argv[i]` is a C string for `i < argc`.
        .map(|i| unsafe { CStr::from_ptr(*argv.add(i)) }.to_bytes())
        .collect();
    crate::pkg::os::set_args(&args);
    crate::run_main(prog.entry)
}

/// `count` elements at `ptr`.
///
/// # Safety
/// When `count > 0`, `ptr` points at `count` initialised elements that are never
/// written.
unsafe fn table<'a, T>(ptr: *const T, count: u64) -> &'a [T] {
    if count == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { std::slice::from_raw_parts(ptr, count as usize) }
    }
}
