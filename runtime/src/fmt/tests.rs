//! fmt tests. The `printf`/`sprint`/`sprintln` expectation lines in `go_cases` were
//! produced by running the same calls through Go 1.19's fmt (a generator program that
//! prints one Rust line per call); the argument constructors below build by hand the
//! values and type descriptors codegen would emit for the same Go values.

use super::*;
use crate::abi::testtypes::{self as tt, leak};
use crate::abi::{GoSlice, Type};

/// Leaks `size` zeroed, 8-aligned bytes.
fn blob(size: usize) -> *mut u8 {
    Box::leak(vec![0u64; size.div_ceil(8).max(1)].into_boxed_slice()).as_mut_ptr() as *mut u8
}

fn put<T>(p: *mut u8, off: usize, v: T) {
    // SAFETY: tests only write inside blobs sized for the value being built.
    unsafe { (p.add(off) as *mut T).write_unaligned(v) }
}

fn ef(typ: &'static Type, data: *const u8) -> Eface {
    Eface { typ, data }
}

fn scalar<T>(typ: &'static Type, v: T) -> Eface {
    let p = blob(std::mem::size_of::<T>());
    put(p, 0, v);
    ef(typ, p)
}

fn gostr(v: &[u8]) -> GoString {
    let b: &'static [u8] = Box::leak(v.to_vec().into_boxed_slice());
    GoString {
        ptr: b.as_ptr(),
        len: b.len() as i64,
    }
}

fn i(v: i64) -> Eface {
    scalar(tt::int(), v)
}
fn i8(v: i8) -> Eface {
    scalar(tt::basic(Kind::Int8, 1), v)
}
fn i16(v: i16) -> Eface {
    scalar(tt::basic(Kind::Int16, 2), v)
}
fn i32(v: i32) -> Eface {
    scalar(tt::int32(), v)
}
fn u(v: u64) -> Eface {
    scalar(tt::basic(Kind::Uint, 8), v)
}
fn u8(v: u8) -> Eface {
    scalar(tt::uint8(), v)
}
fn u16(v: u16) -> Eface {
    scalar(tt::basic(Kind::Uint16, 2), v)
}
fn u32(v: u32) -> Eface {
    scalar(tt::basic(Kind::Uint32, 4), v)
}
fn f(v: f64) -> Eface {
    scalar(tt::float64(), v)
}
fn f32(v: f32) -> Eface {
    scalar(tt::basic(Kind::Float32, 4), v)
}
fn inf() -> f64 {
    f64::INFINITY
}
fn nan() -> f64 {
    f64::NAN
}
fn b(v: bool) -> Eface {
    scalar(tt::boolean(), v as u8)
}
fn s<T: AsRef<[u8]> + ?Sized>(v: &T) -> Eface {
    scalar(tt::string(), gostr(v.as_ref()))
}
fn nil() -> Eface {
    Eface {
        typ: std::ptr::null(),
        data: std::ptr::null(),
    }
}
fn named_int(name: &'static str, v: i64) -> Eface {
    scalar(tt::named(Kind::Int, 8, name), v)
}
fn named_f64(name: &'static str, v: f64) -> Eface {
    scalar(tt::named(Kind::Float64, 8, name), v)
}
fn named_str(name: &'static str, v: &str) -> Eface {
    scalar(tt::named(Kind::String, 16, name), gostr(v.as_bytes()))
}

fn named_slice(elem: &'static Type, name: &'static str) -> &'static Type {
    leak(Type {
        kind: Kind::Slice as u64,
        size: 24,
        elem,
        len: 0,
        fields: std::ptr::null(),
        name_ptr: name.as_ptr(),
        name_len: name.len() as u64,
        error_fn: None,
    })
}

/// A slice header over a leaked copy of `elems` (each `elem_size` bytes, written by
/// `write`).
fn slice_of<T: Copy>(elems: &[T]) -> GoSlice {
    let p = blob(std::mem::size_of_val(elems));
    for (k, &e) in elems.iter().enumerate() {
        put(p, k * std::mem::size_of::<T>(), e);
    }
    GoSlice {
        ptr: p,
        len: elems.len() as i64,
        cap: elems.len() as i64,
    }
}

fn bs(v: &[u8]) -> Eface {
    scalar(tt::slice_of(tt::uint8()), slice_of(v))
}
fn named_bytes(name: &'static str, v: &[u8]) -> Eface {
    scalar(named_slice(tt::uint8(), name), slice_of(v))
}
fn sl_i(v: &[i64]) -> Eface {
    scalar(tt::slice_of(tt::int()), slice_of(v))
}
fn nil_sl_i() -> Eface {
    scalar(
        tt::slice_of(tt::int()),
        GoSlice {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        },
    )
}
fn sl_f(v: &[f64]) -> Eface {
    scalar(tt::slice_of(tt::float64()), slice_of(v))
}
fn strs(v: &[&str]) -> GoSlice {
    let hs: Vec<GoString> = v.iter().map(|x| gostr(x.as_bytes())).collect();
    slice_of(&hs)
}
fn sl_s(v: &[&str]) -> Eface {
    scalar(tt::slice_of(tt::string()), strs(v))
}
fn arr_i(v: &[i64]) -> Eface {
    let t = tt::array_of(tt::int(), v.len() as u64);
    ef(t, slice_of(v).ptr)
}
fn sl_sl_i() -> Eface {
    // [][]int{{1, 2}, {}, nil, {3}}
    let inner = [
        slice_of(&[1i64, 2]),
        GoSlice {
            ptr: crate::alloc::zerobase(),
            len: 0,
            cap: 0,
        },
        GoSlice {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        },
        slice_of(&[3i64]),
    ];
    scalar(tt::slice_of(tt::slice_of(tt::int())), slice_of(&inner))
}

fn point_type() -> &'static Type {
    tt::struct_of(
        Some("main.Point"),
        16,
        &[("X", tt::int(), 0), ("Y", tt::int(), 8)],
    )
}
fn pt_data(x: i64, y: i64) -> *mut u8 {
    let p = blob(16);
    put(p, 0, x);
    put(p, 8, y);
    p
}
fn pt(x: i64, y: i64) -> Eface {
    ef(point_type(), pt_data(x, y))
}
fn ptr_pt(x: i64, y: i64) -> Eface {
    scalar(tt::ptr_to(point_type()), pt_data(x, y))
}
fn nil_ptr_pt() -> Eface {
    scalar(tt::ptr_to(point_type()), 0usize)
}
fn ptr_sl_i(v: &[i64]) -> Eface {
    let sl = blob(24);
    put(sl, 0, slice_of(v));
    scalar(tt::ptr_to(tt::slice_of(tt::int())), sl)
}
fn ptr_arr_i(v: &[i64]) -> Eface {
    let t = tt::array_of(tt::int(), v.len() as u64);
    scalar(tt::ptr_to(t), slice_of(v).ptr)
}

/// main.T{Name: "bob", Tags: []string{"x", "y"}, P: Point{3, 4}, F: 0.5, B: true}
fn tt() -> Eface {
    let t = tt::struct_of(
        Some("main.T"),
        72,
        &[
            ("Name", tt::string(), 0),
            ("Tags", tt::slice_of(tt::string()), 16),
            ("P", point_type(), 40),
            ("F", tt::float64(), 56),
            ("B", tt::boolean(), 64),
        ],
    );
    let p = blob(72);
    put(p, 0, gostr(b"bob"));
    put(p, 16, strs(&["x", "y"]));
    put(p, 40, 3i64);
    put(p, 48, 4i64);
    put(p, 56, 0.5f64);
    put(p, 64, 1u8);
    ef(t, p)
}

/// struct { A int; B string }{1, "x"}
fn anon() -> Eface {
    let t = tt::struct_of(None, 24, &[("A", tt::int(), 0), ("B", tt::string(), 8)]);
    let p = blob(24);
    put(p, 0, 1i64);
    put(p, 8, gostr(b"x"));
    ef(t, p)
}

fn w_type() -> &'static Type {
    let any = tt::basic(Kind::Interface, 16);
    tt::struct_of(
        Some("main.W"),
        24,
        &[("V", any, 0), ("N", tt::basic(Kind::Int8, 1), 16)],
    )
}
fn ww_nil(n: i8) -> Eface {
    let p = blob(24);
    put(p, 16, n);
    ef(w_type(), p)
}
fn ww_int(v: i64, n: i8) -> Eface {
    let p = blob(24);
    put(p, 0, i(v));
    put(p, 16, n);
    ef(w_type(), p)
}

#[track_caller]
fn check(got: Vec<u8>, want: &[u8], what: &str) {
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(want),
        "{what}: raw got {got:?}"
    );
    assert_eq!(got, want, "{what}");
}

#[track_caller]
fn printf<W: AsRef<[u8]> + ?Sized, F: AsRef<[u8]> + ?Sized>(format: &F, args: &[Eface], want: &W) {
    let fm = format.as_ref();
    // SAFETY: every Eface built above points at a leaked, valid value.
    let got = unsafe {
        sprintf_bytes(
            fm.as_ptr(),
            fm.len() as i64,
            args.as_ptr(),
            args.len() as i64,
        )
    };
    check(
        got,
        want.as_ref(),
        &format!("Sprintf({:?})", String::from_utf8_lossy(fm)),
    );
}

#[track_caller]
fn sprint<W: AsRef<[u8]> + ?Sized>(args: &[Eface], want: &W) {
    // SAFETY: as above.
    let got = unsafe { sprint_bytes(args.as_ptr(), args.len() as i64) };
    check(got, want.as_ref(), "Sprint");
}

#[track_caller]
fn sprintln<W: AsRef<[u8]> + ?Sized>(args: &[Eface], want: &W) {
    // SAFETY: as above.
    let got = unsafe { sprintln_bytes(args.as_ptr(), args.len() as i64) };
    check(got, want.as_ref(), "Sprintln");
}

#[test]
#[allow(clippy::approx_constant)] // 3.14159 is a test value, not an attempt at PI
fn go_cases() {
    include!("tests_go_cases.rs");
}

#[test]
fn pointers_print_addresses() {
    // A pointer below the top level prints as an address; %p of a pointer and of a
    // slice print the address; a nil pointer prints <nil>.
    let pp = ptr_pt(1, 2);
    // SAFETY: `pp.data` holds the pointer word.
    let addr = unsafe { (pp.data as *const usize).read() };
    let want = format!("[{:#x}]", addr);
    // []*main.Point{p}
    let slice_of_ptrs = scalar(tt::slice_of(tt::ptr_to(point_type())), slice_of(&[addr]));
    printf("%v", &[slice_of_ptrs], want.as_bytes());
    printf("%p", &[pp], format!("{:#x}", addr).as_bytes());
    printf("%#p", &[pp], format!("{:x}", addr).as_bytes());
    let v = sl_i(&[1]);
    // SAFETY: `v.data` holds a slice header.
    let arr = unsafe { (v.data as *const GoSlice).read() }.ptr as usize;
    printf("%p", &[v], format!("{:#x}", arr).as_bytes());
    printf("%p", &[i(1)], "%!p(int=1)");
    printf("%v", &[nil_ptr_pt()], "<nil>");
    printf("%p", &[nil_ptr_pt()], "0x0");
    printf("%#v", &[pp], "&main.Point{X:1, Y:2}");
}
