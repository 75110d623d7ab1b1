//! Go's `os` package: `os.Exit` and `os.Args`.

use crate::abi::{GoSlice, GoString};
use crate::sys;

/// `os.Args`: a `[]string` that compiled code reads and writes in place (docs/abi.md);
/// set once by [`set_args`] before the program starts.
#[export_name = "os.Args"]
pub static mut ARGS: GoSlice = GoSlice {
    ptr: std::ptr::null_mut(),
    len: 0,
    cap: 0,
};

/// Sets `os.Args` (the program name, then its arguments: Go strings are bytes, not
/// necessarily UTF-8). Call before the program runs; the strings are never freed.
pub fn set_args<A: AsRef<[u8]>>(args: &[A]) {
    let strs: Vec<GoString> = args.iter().map(|a| crate::strings::new_gostring(a.as_ref())).collect();
    let strs: &'static mut [GoString] = Vec::leak(strs);
    // SAFETY: called before any goroutine runs, so nothing reads ARGS concurrently.
    unsafe {
        std::ptr::addr_of_mut!(ARGS).write(GoSlice {
            ptr: strs.as_mut_ptr() as *mut u8,
            len: strs.len() as i64,
            cap: strs.len() as i64,
        })
    };
}

/// `os.Exit(code)`: ends the program at once with `code` (deferred calls do not run).
/// As on Linux, only the low 8 bits reach the parent.
#[export_name = "os.Exit"]
pub extern "C" fn exit(code: i64) -> ! {
    crate::stack::systemstack_noreturn(move || sys::exit(code as i32))
}
