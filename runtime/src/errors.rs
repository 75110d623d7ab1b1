//! Error values: the dynamic types behind Go's `error` interface that the runtime
//! creates — `errors.New` / `fmt.Errorf` results and run-time errors (`runtime.Error`).
//!
//! An `error` is an interface value, laid out as an [`Eface`]: the dynamic type's
//! descriptor and a pointer at the value. The descriptors here are the only ones with
//! an `error_fn` (the `Error() string` method); everything that needs an error's text
//! (`err.Error()`, `fmt`'s `%v`, an uncaught panic) calls it through the descriptor.
//! Values live on the heap and are never mutated, so the `Eface` may be kept forever.

use crate::abi::{Eface, GoString, Kind, Type};
use crate::alloc::mallocgc;
use crate::strings::{bytes, new_gostring as new_string};

/// A descriptor for a runtime error type `name` whose values are `size` bytes.
const fn error_type(name: &'static str, size: u64, error_fn: crate::abi::ErrorFn) -> Type {
    Type::leaf(Kind::Struct, size, name, Some(error_fn))
}

/// `*errors.errorString`: the value is the message (a `GoString`).
pub static ERROR_STRING: Type = error_type("*errors.errorString", 16, error_string_error);
/// `runtime.errorString` (divide by zero, nil dereference, ...): `runtime error: MSG`.
pub static RUNTIME_ERROR: Type = error_type("runtime.errorString", 16, runtime_error_error);
/// `*runtime.TypeAssertionError`: the value is the whole message.
pub static TYPE_ASSERTION_ERROR: Type = error_type("*runtime.TypeAssertionError", 16, error_string_error);
/// `runtime.plainError` (send on closed channel, ...): a run-time error printed
/// without the `runtime error: ` prefix.
pub static PLAIN_ERROR: Type = error_type("runtime.plainError", 16, error_string_error);
/// `runtime.boundsError`: the value is a [`BoundsError`].
pub static BOUNDS_ERROR: Type = error_type("runtime.boundsError", 24, bounds_error_error);

/// Go's `boundsError`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct BoundsError {
    pub x: i64,
    pub y: i64,
    /// Go's `boundsErrorCode`.
    pub code: u8,
    /// Whether `x` came from a signed integer.
    pub signed: bool,
}

/// Copies `v` to a fresh heap object (values inside interfaces are never freed).
fn boxed<T: Copy>(v: T) -> *const u8 {
    let p = mallocgc(std::mem::size_of::<T>() as u64) as *mut T;
    // SAFETY: mallocgc returns a zeroed, 8-aligned block of the requested size.
    unsafe { p.write(v) };
    p as *const u8
}

/// An error value of type `typ` whose value is the string `msg` (copied).
fn string_error(typ: &'static Type, msg: &[u8]) -> Eface {
    Eface {
        typ,
        data: boxed(new_string(msg)),
    }
}

/// `errors.New(text)`.
pub fn new_error(msg: &[u8]) -> Eface {
    string_error(&ERROR_STRING, msg)
}

/// A run-time error with message `msg` (without the `runtime error: ` prefix).
pub fn runtime_error(msg: &[u8]) -> Eface {
    string_error(&RUNTIME_ERROR, msg)
}

/// A run-time error printed as just `msg` (Go's `plainError`).
pub fn plain_error(msg: &[u8]) -> Eface {
    string_error(&PLAIN_ERROR, msg)
}

/// A failed type assertion `x.(want)` of interface type `iface` holding `have`.
pub fn type_assertion_error(have: Option<&Type>, want: &Type, iface: &Type) -> Eface {
    let mut msg = b"interface conversion: ".to_vec();
    match have {
        None => {
            msg.extend_from_slice(&iface.type_string());
            msg.extend_from_slice(b" is nil, not ");
            msg.extend_from_slice(&want.type_string());
        }
        Some(h) if want.kind() == Kind::Interface => {
            msg.extend_from_slice(&h.type_string());
            msg.extend_from_slice(b" is not ");
            msg.extend_from_slice(&want.type_string());
            msg.extend_from_slice(b": missing method Error");
        }
        Some(h) => {
            msg.extend_from_slice(&iface.type_string());
            msg.extend_from_slice(b" is ");
            msg.extend_from_slice(&h.type_string());
            msg.extend_from_slice(b", not ");
            msg.extend_from_slice(&want.type_string());
        }
    }
    string_error(&TYPE_ASSERTION_ERROR, &msg)
}

/// A failed bounds check.
pub fn bounds_error(e: BoundsError) -> Eface {
    Eface {
        typ: &BOUNDS_ERROR,
        data: boxed(e),
    }
}

/// The text of an error value: its `Error()`. `None` when the type has no `Error`
/// method (not an error).
///
/// # Safety
/// `typ` is null or a descriptor and `data` points at a value of it.
pub unsafe fn error_text(typ: *const Type, data: *const u8) -> Option<Vec<u8>> {
    // SAFETY: caller's contract.
    let f = unsafe { typ.as_ref() }?.error_fn?;
    // SAFETY: `f` is the Error method of `typ`, whose value is at `data`; the result
    // is a string header of live bytes.
    Some(unsafe { bytes_of(f(data)) }.to_vec())
}

/// # Safety
/// `s` is a live Go string.
unsafe fn bytes_of<'a>(s: GoString) -> &'a [u8] {
    // SAFETY: caller's contract.
    unsafe { bytes(s.ptr, s.len) }
}

unsafe extern "C" fn error_string_error(data: *const u8) -> GoString {
    // SAFETY: an ERROR_STRING value is a string header.
    unsafe { (data as *const GoString).read() }
}

unsafe extern "C" fn runtime_error_error(data: *const u8) -> GoString {
    // SAFETY: a RUNTIME_ERROR value is a string header of live bytes.
    let msg = unsafe { bytes_of((data as *const GoString).read()) };
    let mut b = b"runtime error: ".to_vec();
    b.extend_from_slice(msg);
    new_string(&b)
}

unsafe extern "C" fn bounds_error_error(data: *const u8) -> GoString {
    // SAFETY: a BOUNDS_ERROR value is a BoundsError.
    let e = unsafe { (data as *const BoundsError).read() };
    let text = crate::panic::bounds_error_text(e.code as i64, e.x, e.y, e.signed);
    let mut b = b"runtime error: ".to_vec();
    b.extend_from_slice(text.as_bytes());
    new_string(&b)
}

/// `errors.New(text string) error`.
///
/// # Safety
/// `ptr` points at `len` bytes.
#[export_name = "errors.New"]
pub unsafe extern "C" fn errors_new(ptr: *const u8, len: i64) -> Eface {
    // SAFETY: caller's contract.
    new_error(unsafe { bytes(ptr, len) })
}

/// `err.Error()` for an interface value: the dynamic type's `Error` method. Compiled
/// code checks for a nil interface first (that is a nil dereference panic).
///
/// # Safety
/// `typ` is an error type's descriptor and `data` points at its value.
#[export_name = "runtime.errorText"]
pub unsafe extern "C" fn error_method(typ: *const Type, data: *const u8) -> GoString {
    // SAFETY: caller's contract; a non-error type yields the empty string.
    match unsafe { typ.as_ref() }.and_then(|t| t.error_fn) {
        // SAFETY: `f` is the Error method of `typ`, whose value is at `data`.
        Some(f) => unsafe { f(data) },
        None => GoString::EMPTY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(e: Eface) -> String {
        // SAFETY: `e` was built by this module.
        String::from_utf8(unsafe { error_text(e.typ, e.data) }.unwrap()).unwrap()
    }

    #[test]
    fn error_values_print_their_error_text() {
        assert_eq!(text(new_error(b"boom")), "boom");
        assert_eq!(
            text(runtime_error(b"integer divide by zero")),
            "runtime error: integer divide by zero"
        );
        let e = BoundsError {
            x: 5,
            y: 3,
            code: 0,
            signed: true,
        };
        assert_eq!(
            text(bounds_error(e)),
            "runtime error: index out of range [5] with length 3"
        );
    }

    #[test]
    fn non_error_types_have_no_text() {
        let t = crate::abi::testtypes::int();
        let v = 5i64;
        // SAFETY: `v` is an int.
        assert!(unsafe { error_text(t, &v as *const i64 as *const u8) }.is_none());
    }
}
