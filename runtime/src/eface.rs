//! Comparing interface values (Go's `efaceeq`): equal when they hold the same dynamic
//! type and equal values; comparing values of an uncomparable type panics.

use crate::abi::{Eface, GoString, Kind, Type};
use crate::strings::bytes;

/// Whether the values at `a` and `b`, both of type `t`, are equal; `Err(t)` names the
/// uncomparable type that was met.
///
/// # Safety
/// `a` and `b` point at valid values of `t`.
unsafe fn equal(t: &Type, a: *const u8, b: *const u8) -> Result<bool, Vec<u8>> {
    // SAFETY (every read below): `a` and `b` point at values of `t` (caller's
    // contract); fields and elements lie inside them as the descriptor says.
    unsafe {
        Ok(match t.kind() {
            Kind::Float32 => (a as *const f32).read_unaligned() == (b as *const f32).read_unaligned(),
            Kind::Float64 => (a as *const f64).read_unaligned() == (b as *const f64).read_unaligned(),
            Kind::String => {
                let (x, y) = ((a as *const GoString).read_unaligned(), (b as *const GoString).read_unaligned());
                bytes(x.ptr, x.len) == bytes(y.ptr, y.len)
            }
            Kind::Interface => eface_equal((a as *const Eface).read_unaligned(), (b as *const Eface).read_unaligned())?,
            Kind::Array => {
                let Some(elem) = t.elem() else { return Ok(true) };
                for i in 0..t.len as usize {
                    let off = i * elem.size as usize;
                    if !equal(elem, a.add(off), b.add(off))? {
                        return Ok(false);
                    }
                }
                true
            }
            Kind::Struct => {
                for f in t.fields() {
                    let Some(ft) = f.typ() else { continue };
                    if f.name() != b"_" && !equal(ft, a.add(f.offset as usize), b.add(f.offset as usize))? {
                        return Ok(false);
                    }
                }
                true
            }
            Kind::Slice | Kind::Func | Kind::Invalid => return Err(t.type_string()),
            _ => bytes(a, t.size as i64) == bytes(b, t.size as i64),
        })
    }
}

/// # Safety
/// Both are valid interface values.
unsafe fn eface_equal(x: Eface, y: Eface) -> Result<bool, Vec<u8>> {
    if x.typ != y.typ {
        return Ok(false);
    }
    // SAFETY: a non-null `typ` is a descriptor of the value at `data`.
    match unsafe { x.typ.as_ref() } {
        None => Ok(true),
        // SAFETY: as above, for both values (same type).
        Some(t) => unsafe { equal(t, x.data, y.data) },
    }
}

/// `x == y` for interface values; panics (`comparing uncomparable type T`) when both
/// hold the same uncomparable type. Runs on the system stack: the comparison recurses
/// as deep as the type nests, and a panic must leave no Rust frame with addresses of
/// its own locals on the goroutine stack (the copier would find them while deferred
/// calls run).
///
/// # Safety
/// Both are valid interface values.
#[export_name = "runtime.efaceeq"]
pub unsafe extern "C" fn efaceeq(xt: *const Type, xd: *const u8, yt: *const Type, yd: *const u8) -> u8 {
    let (xt, xd, yt, yd) = (xt as usize, xd as usize, yt as usize, yd as usize);
    crate::stack::systemstack(move || {
        let (x, y) = (Eface { typ: xt as *const Type, data: xd as *const u8 }, Eface { typ: yt as *const Type, data: yd as *const u8 });
        // SAFETY: caller's contract.
        match unsafe { eface_equal(x, y) } {
            Ok(eq) => eq as u8,
            Err(name) => {
                let mut msg = b"comparing uncomparable type ".to_vec();
                msg.extend_from_slice(&name);
                crate::panic::panic_runtime_error(std::str::from_utf8(&msg).unwrap_or("?"))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::testtypes::*;

    fn eface<T>(t: &'static Type, v: &T) -> Eface {
        Eface { typ: t, data: v as *const T as *const u8 }
    }

    #[test]
    fn same_type_and_value() {
        // One descriptor per type, as codegen emits them.
        let (int, float64, string) = (int(), float64(), string());
        let (a, b, c) = (5i64, 5i64, 6i64);
        // SAFETY: each Eface points at a value of its type.
        unsafe {
            assert_eq!(eface_equal(eface(int, &a), eface(int, &b)), Ok(true));
            assert_eq!(eface_equal(eface(int, &a), eface(int, &c)), Ok(false));
            let f = 5.0f64;
            assert_eq!(eface_equal(eface(int, &a), eface(float64, &f)), Ok(false));
            let (s1, s2) = (GoString { ptr: b"ab".as_ptr(), len: 2 }, GoString { ptr: b"xab".as_ptr().add(1), len: 2 });
            assert_eq!(eface_equal(eface(string, &s1), eface(string, &s2)), Ok(true));
            let nil = Eface { typ: std::ptr::null(), data: std::ptr::null() };
            assert_eq!(eface_equal(nil, nil), Ok(true));
            assert_eq!(eface_equal(nil, eface(int, &a)), Ok(false));
            let nan = f64::NAN;
            assert_eq!(eface_equal(eface(float64, &nan), eface(float64, &nan)), Ok(false));
        }
    }

    #[test]
    fn uncomparable_types_are_reported() {
        let s = [0u64; 3];
        let t = slice_of(int());
        // SAFETY: a zeroed slice header is a valid (nil) slice.
        let r = unsafe { eface_equal(eface(t, &s), eface(t, &s)) };
        assert_eq!(r, Err(b"[]int".to_vec()));
    }
}
