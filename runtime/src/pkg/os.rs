//! Go's `os` package: only `os.Exit` so far.

use crate::sys;

/// `os.Exit(code)`: ends the program at once with `code` (deferred calls do not run).
/// As on Linux, only the low 8 bits reach the parent.
#[export_name = "os.Exit"]
pub extern "C" fn exit(code: i64) -> ! {
    crate::stack::systemstack_noreturn(move || sys::exit(code as i32))
}
