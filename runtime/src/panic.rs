//! Panics and fatal errors, as an uncaught panic looks in Go 1.19 (GOTRACEBACK=single,
//! the default):
//!
//! ```text
//! panic: VALUE                       <- printany (runtime/error.go), or the error text
//! [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x...]   <- panicmem only
//!                                    <- blank line
//! goroutine 1 [running]:
//! main.f(...)                        <- traceback of the compiled frames
//!     /path/x.go:7 +0x1d          <- (a tab before the path)
//! ```
//!
//! then exit status 2. Fatal errors (`throw`) print `fatal error: MSG`, a blank line, the
//! goroutine header and traceback, and exit 2 as well.
//!
//! Every entry point here prints and exits: there is no `defer`/`recover` yet (the next
//! milestone turns `gopanic` into Go's real unwinder; runtime errors then become
//! recoverable panics whose *value* is the error text built here).
//!
//! Output goes to fd 2 unbuffered, in as few `write`s as possible. Every entry point
//! switches to the system stack first (`crate::stack::systemstack`): it is called from
//! compiled code with only the guard area left below the caller's frame.

use crate::abi::{Kind, Type};
use crate::print::{append_float, append_hex, append_int, append_uint};
use crate::strings::bytes;
use crate::sys;
use crate::traceback;

/// Exit status of a program that dies of a panic or a fatal error.
const EXIT_PANIC: i32 = 2;

/// Prints the goroutine header and traceback after `head`, then exits with status 2.
/// Runs on the system stack (a no-op switch when already there), so a fatal error
/// raised on a nearly full goroutine stack still has room to print.
fn die(head: Vec<u8>) -> ! {
    crate::stack::systemstack_noreturn(move || {
        let mut head = head;
        head.extend_from_slice(b"\n");
        head.extend_from_slice(b"goroutine ");
        append_int(&mut head, traceback::current_goid());
        head.extend_from_slice(b" [running]:\n");
        traceback::append_traceback(&mut head, crate::arch::frame_pointer());
        sys::write_all(sys::STDERR, &head);
        sys::exit(EXIT_PANIC);
    })
}

/// A fatal error: `fatal error: MSG`, traceback, exit 2. Not recoverable.
pub fn throw(msg: &str) -> ! {
    let mut b = b"fatal error: ".to_vec();
    b.extend_from_slice(msg.as_bytes());
    b.push(b'\n');
    die(b)
}

/// A panic whose value is the plain string `msg` (what `panic("...")` in Go library
/// code does, e.g. `strings: negative Repeat count`).
pub fn panic_string(msg: &[u8]) -> ! {
    let mut b = b"panic: ".to_vec();
    b.extend_from_slice(msg);
    b.push(b'\n');
    die(b)
}

/// A run-time error panic: `panic: runtime error: MSG`.
pub fn panic_runtime_error(msg: &str) -> ! {
    let mut b = b"runtime error: ".to_vec();
    b.extend_from_slice(msg.as_bytes());
    panic_string(&b)
}

/// Appends the panic value as Go 1.19's `printany` does: nil, basic values as `print`
/// prints them, named basic types as `main.T(5)` / `main.S("x")` (raw string inside),
/// anything else as `(TYPE) 0xADDR`.
///
/// # Safety
/// `typ` is null or a descriptor; `data` points at a value of that type.
pub unsafe fn append_panic_value(out: &mut Vec<u8>, typ: *const Type, data: *const u8) {
    // SAFETY: null or a descriptor (caller's contract).
    let Some(t) = (unsafe { typ.as_ref() }) else {
        out.extend_from_slice(b"nil");
        return;
    };
    let kind = t.kind();
    let named = t.name();
    if kind.basic_name().is_none() || kind == Kind::UnsafePointer {
        // Not a basic type: `(T) 0x...`. Pointer-shaped values are the pointer itself
        // in Go's eface; other values are shown by address.
        out.push(b'(');
        out.extend_from_slice(&t.type_string());
        out.extend_from_slice(b") ");
        let word = match kind {
            // SAFETY: a pointer-shaped value is one machine word at `data`.
            Kind::Pointer | Kind::UnsafePointer | Kind::Func => unsafe {
                (data as *const u64).read_unaligned()
            },
            _ => data as u64,
        };
        append_hex(out, word);
        return;
    }
    if let Some(n) = named {
        out.extend_from_slice(n);
    }
    // SAFETY (all reads below): `data` points at a value of kind `kind` (caller's
    // contract); unaligned reads because codegen need not align copies.
    let read_u64 = |d: *const u8| unsafe { (d as *const u64).read_unaligned() };
    let mut scalar = Vec::new();
    match kind {
        Kind::Bool => scalar.extend_from_slice(
            // SAFETY: see above.
            if unsafe { data.read() } != 0 {
                b"true"
            } else {
                b"false"
            },
        ),
        Kind::Int | Kind::Int64 => append_int(&mut scalar, read_u64(data) as i64),
        // SAFETY: see above.
        Kind::Int8 => append_int(&mut scalar, unsafe { (data as *const i8).read() } as i64),
        // SAFETY: see above.
        Kind::Int16 => append_int(
            &mut scalar,
            unsafe { (data as *const i16).read_unaligned() } as i64,
        ),
        // SAFETY: see above.
        Kind::Int32 => append_int(
            &mut scalar,
            unsafe { (data as *const i32).read_unaligned() } as i64,
        ),
        Kind::Uint | Kind::Uint64 | Kind::Uintptr => append_uint(&mut scalar, read_u64(data)),
        // SAFETY: see above.
        Kind::Uint8 => append_uint(&mut scalar, unsafe { data.read() } as u64),
        // SAFETY: see above.
        Kind::Uint16 => append_uint(
            &mut scalar,
            unsafe { (data as *const u16).read_unaligned() } as u64,
        ),
        // SAFETY: see above.
        Kind::Uint32 => append_uint(
            &mut scalar,
            unsafe { (data as *const u32).read_unaligned() } as u64,
        ),
        // SAFETY: see above.
        Kind::Float32 => append_float(
            &mut scalar,
            unsafe { (data as *const f32).read_unaligned() } as f64,
        ),
        Kind::Float64 => append_float(&mut scalar, f64::from_bits(read_u64(data))),
        Kind::String => {
            // SAFETY: a string value is a header {ptr, len} of live bytes.
            let s = unsafe {
                let h = (data as *const crate::abi::GoString).read_unaligned();
                bytes(h.ptr, h.len)
            };
            if named.is_some() {
                out.extend_from_slice(b"(\"");
                out.extend_from_slice(s);
                out.extend_from_slice(b"\")");
            } else {
                out.extend_from_slice(s);
            }
            return;
        }
        _ => {} // every basic kind is handled above
    }
    if named.is_some() {
        out.push(b'(');
        out.extend_from_slice(&scalar);
        out.push(b')');
    } else {
        out.extend_from_slice(&scalar);
    }
}

/// `panic(v)`: prints `panic: ` and the value, the traceback, exits 2.
///
/// # Safety
/// `typ` is null (nil interface) or a descriptor, and `data` points at a value of it.
#[export_name = "runtime.gopanic"]
pub unsafe extern "C" fn gopanic(typ: *const Type, data: *const u8) -> ! {
    crate::stack::systemstack_noreturn(move || {
        let mut b = b"panic: ".to_vec();
        // SAFETY: caller's contract.
        unsafe { append_panic_value(&mut b, typ, data) };
        b.push(b'\n');
        die(b)
    })
}

/// Go's `boundsErrorFmts`, indexed by `boundsErrorCode`.
const BOUNDS_FMTS: [&str; 9] = [
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to pointer to array with length %x",
];

/// Go's `boundsNegErrorFmts`: the same when `x` is negative (y is then irrelevant).
const BOUNDS_NEG_FMTS: [&str; 8] = [
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
];

/// The text of Go's `boundsError` (without the `runtime error: ` prefix).
pub fn bounds_error_text(code: i64, x: i64, y: i64, signed: bool) -> String {
    let code = code.clamp(0, BOUNDS_FMTS.len() as i64 - 1) as usize;
    let fmt = if signed && x < 0 && code < BOUNDS_NEG_FMTS.len() {
        BOUNDS_NEG_FMTS[code]
    } else {
        BOUNDS_FMTS[code]
    };
    let x_text = if signed {
        x.to_string()
    } else {
        (x as u64).to_string()
    };
    fmt.replace("%x", &x_text).replace("%y", &y.to_string())
}

/// A failed index or slice bounds check. `code` is Go's `boundsErrorCode` (0 index,
/// 1 sliceAlen, 2 sliceAcap, 3 sliceB, 4 slice3Alen, 5 slice3Acap, 6 slice3B,
/// 7 slice3C); `signed` says whether `x` came from a signed integer.
#[export_name = "runtime.panicBounds"]
pub extern "C" fn panic_bounds(code: i64, x: i64, y: i64, signed: u8) -> ! {
    crate::stack::systemstack_noreturn(move || {
        panic_runtime_error(&bounds_error_text(code, x, y, signed != 0))
    })
}

/// Integer division (or remainder) by zero.
#[export_name = "runtime.panicdivide"]
pub extern "C" fn panicdivide() -> ! {
    crate::stack::systemstack_noreturn(move || panic_runtime_error("integer divide by zero"))
}

/// A shift by a negative (signed, non-constant) count.
#[export_name = "runtime.panicshift"]
pub extern "C" fn panicshift() -> ! {
    crate::stack::systemstack_noreturn(move || panic_runtime_error("negative shift amount"))
}

/// A nil pointer dereference detected by compiled code. Prints Go's signal line with
/// `pc` = the return address into the compiled caller.
#[export_name = "runtime.panicmem"]
pub extern "C" fn panicmem() -> ! {
    let fp = crate::arch::frame_pointer();
    // SAFETY: with frame pointers, `fp` is this function's frame and `[fp+8]` holds the
    // return address pushed by the caller's `call` (read before switching stacks).
    let pc = unsafe { ((fp + 8) as *const usize).read() };
    crate::stack::systemstack_noreturn(move || {
        let mut b =
            b"panic: runtime error: invalid memory address or nil pointer dereference\n".to_vec();
        b.extend_from_slice(b"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=");
        append_hex(&mut b, pc as u64);
        b.extend_from_slice(b"]\n");
        die(b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::testtypes::*;
    use crate::abi::GoString;

    #[test]
    fn bounds_texts_match_go() {
        // Texts from Go 1.19 programs that trip each check.
        let t = bounds_error_text;
        assert_eq!(t(0, 5, 3, true), "index out of range [5] with length 3");
        assert_eq!(t(0, -1, 3, true), "index out of range [-1]");
        assert_eq!(
            t(0, -1, 3, false),
            "index out of range [18446744073709551615] with length 3"
        );
        assert_eq!(
            t(1, 4, 3, true),
            "slice bounds out of range [:4] with length 3"
        );
        assert_eq!(
            t(2, 9, 8, true),
            "slice bounds out of range [:9] with capacity 8"
        );
        assert_eq!(t(3, 3, 2, true), "slice bounds out of range [3:2]");
        assert_eq!(t(3, -1, 2, true), "slice bounds out of range [-1:]");
        assert_eq!(
            t(4, 5, 4, true),
            "slice bounds out of range [::5] with length 4"
        );
        assert_eq!(
            t(5, 5, 4, true),
            "slice bounds out of range [::5] with capacity 4"
        );
        assert_eq!(t(6, 3, 2, true), "slice bounds out of range [:3:2]");
        assert_eq!(t(7, 3, 2, true), "slice bounds out of range [3:2:]");
        assert_eq!(t(7, -2, 2, true), "slice bounds out of range [-2::]");
    }

    fn pv(typ: &'static Type, data: *const u8) -> String {
        let mut b = Vec::new();
        // SAFETY: `data` points at a value of `typ` in each test.
        unsafe { append_panic_value(&mut b, typ, data) };
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn panic_values_like_go() {
        let five = 5i64;
        let f = 1.5f64;
        let s = "x\ny";
        let gs = GoString {
            ptr: s.as_ptr(),
            len: s.len() as i64,
        };
        let b = 1u8;
        let u = 3u8;
        assert_eq!(
            pv(
                named(Kind::Int, 8, "main.T"),
                &five as *const i64 as *const u8
            ),
            "main.T(5)"
        );
        assert_eq!(pv(int(), &five as *const i64 as *const u8), "5");
        assert_eq!(
            pv(
                named(Kind::String, 16, "main.S"),
                &gs as *const GoString as *const u8
            ),
            "main.S(\"x\ny\")"
        );
        assert_eq!(pv(string(), &gs as *const GoString as *const u8), "x\ny");
        assert_eq!(
            pv(
                named(Kind::Float64, 8, "main.F"),
                &f as *const f64 as *const u8
            ),
            "main.F(+1.500000e+000)"
        );
        assert_eq!(
            pv(float64(), &f as *const f64 as *const u8),
            "+1.500000e+000"
        );
        assert_eq!(pv(boolean(), &b), "true");
        assert_eq!(pv(uint8(), &u), "3");
        let pair = [1i64, 2];
        let p = struct_of(Some("main.P"), 16, &[("X", int(), 0), ("Y", int(), 8)]);
        let text = pv(p, pair.as_ptr() as *const u8);
        assert_eq!(text, format!("(main.P) {:#x}", pair.as_ptr() as usize));
        let pp = pair.as_ptr() as usize;
        let text = pv(ptr_to(p), &pp as *const usize as *const u8);
        assert_eq!(text, format!("(*main.P) {:#x}", pp));
        let mut out = Vec::new();
        // SAFETY: a null type is the nil interface.
        unsafe { append_panic_value(&mut out, std::ptr::null(), std::ptr::null()) };
        assert_eq!(out, b"nil");
    }
}
