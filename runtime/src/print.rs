//! The builtin `print`/`println` (Go's runtime/print.go): one entry point per operand
//! kind, each formatting exactly as Go's runtime does (`+1.500000e+000` floats,
//! `0x...` pointers, `[len/cap]0xptr` slices) and writing straight to fd 2.
//!
//! Output is unbuffered on purpose: every call is its own `write`, so that stderr and
//! stdout interleave in program order when both go to the same pipe. `println(a, b)` is
//! compiled to `printint(a); printsp(); printint(b); printnl()`.
//!
//! The `append_*` formatters are shared with `panic` (which prints values like print).
//! Not here: `fmt` (a different format altogether).

use crate::sys;

/// Appends `v` in decimal (Go's `printuint`).
pub fn append_uint(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `v` in decimal with a leading `-` when negative (Go's `printint`).
pub fn append_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    append_uint(out, v.unsigned_abs());
}

/// Appends `0x` and `v` in lower-case hex (Go's `printhex`).
pub fn append_hex(out: &mut Vec<u8>, mut v: u64) {
    const DIG: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 16];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIG[(v % 16) as usize];
        v /= 16;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(b"0x");
    out.extend_from_slice(&buf[i..]);
}

/// Appends `v` as Go's runtime prints floats: `NaN`, `±Inf`, or a sign, one digit, `.`,
/// six digits, `e`, a sign and three exponent digits (`+1.500000e+000`). This is Go's
/// own algorithm (repeated scaling by 10, then adding half an ulp of the 7th digit), so
/// the last digit matches Go's, including its imprecision.
pub fn append_float(out: &mut Vec<u8>, mut v: f64) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if v + v == v && v > 0.0 {
        out.extend_from_slice(b"+Inf");
        return;
    }
    if v + v == v && v < 0.0 {
        out.extend_from_slice(b"-Inf");
        return;
    }
    const N: usize = 7; // digits printed
    let mut buf = [0u8; N + 7];
    buf[0] = b'+';
    let mut e: i32 = 0;
    if v == 0.0 {
        if (1.0 / v) < 0.0 {
            buf[0] = b'-';
        }
    } else {
        if v < 0.0 {
            v = -v;
            buf[0] = b'-';
        }
        // normalize
        while v >= 10.0 {
            e += 1;
            v /= 10.0;
        }
        while v < 1.0 {
            e -= 1;
            v *= 10.0;
        }
        // round
        let mut h = 5.0;
        for _ in 0..N {
            h /= 10.0;
        }
        v += h;
        if v >= 10.0 {
            e += 1;
            v /= 10.0;
        }
    }
    // format +d.dddd+edd
    for i in 0..N {
        let s = v as i64;
        buf[i + 2] = (s as u8).wrapping_add(b'0');
        v -= s as f64;
        v *= 10.0;
    }
    buf[1] = buf[2];
    buf[2] = b'.';
    buf[N + 2] = b'e';
    buf[N + 3] = b'+';
    if e < 0 {
        e = -e;
        buf[N + 3] = b'-';
    }
    buf[N + 4] = (e / 100) as u8 + b'0';
    buf[N + 5] = ((e / 10) % 10) as u8 + b'0';
    buf[N + 6] = (e % 10) as u8 + b'0';
    out.extend_from_slice(&buf);
}

fn emit(b: &[u8]) {
    sys::write_all(sys::STDERR, b);
}

#[export_name = "runtime.printint"]
pub extern "C" fn printint(v: i64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(24);
        append_int(&mut b, v);
        emit(&b);
    })
}

#[export_name = "runtime.printuint"]
pub extern "C" fn printuint(v: u64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(24);
        append_uint(&mut b, v);
        emit(&b);
    })
}

#[export_name = "runtime.printfloat"]
pub extern "C" fn printfloat(v: f64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(16);
        append_float(&mut b, v);
        emit(&b);
    })
}

#[export_name = "runtime.printbool"]
pub extern "C" fn printbool(v: u8) {
    crate::stack::systemstack(move || {
        emit(if v != 0 { b"true" } else { b"false" });
    })
}

/// # Safety
/// `ptr` must be valid for `len` bytes.
#[export_name = "runtime.printstring"]
pub unsafe extern "C" fn printstring(ptr: *const u8, len: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        emit(unsafe { crate::strings::bytes(ptr, len) });
    })
}

#[export_name = "runtime.printpointer"]
pub extern "C" fn printpointer(p: u64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(18);
        append_hex(&mut b, p);
        emit(&b);
    })
}

/// `print(x)` for an interface: `(0xtype,0xdata)`.
#[export_name = "runtime.printeface"]
pub extern "C" fn printeface(typ: u64, data: u64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(40);
        b.push(b'(');
        append_hex(&mut b, typ);
        b.push(b',');
        append_hex(&mut b, data);
        b.push(b')');
        emit(&b);
    })
}

/// `print(s)` for a slice: `[len/cap]0xptr`.
#[export_name = "runtime.printslice"]
pub extern "C" fn printslice(ptr: u64, len: i64, cap: i64) {
    crate::stack::systemstack(move || {
        let mut b = Vec::with_capacity(48);
        append_slice(&mut b, ptr, len, cap);
        emit(&b);
    })
}

/// Appends `[len/cap]0xptr`.
pub fn append_slice(b: &mut Vec<u8>, ptr: u64, len: i64, cap: i64) {
    b.push(b'[');
    append_int(b, len);
    b.push(b'/');
    append_int(b, cap);
    b.push(b']');
    append_hex(b, ptr);
}

#[export_name = "runtime.printsp"]
pub extern "C" fn printsp() {
    crate::stack::systemstack(move || {
        emit(b" ");
    })
}

#[export_name = "runtime.printnl"]
pub extern "C" fn printnl() {
    crate::stack::systemstack(move || {
        emit(b"\n");
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f64) -> String {
        let mut b = Vec::new();
        append_float(&mut b, v);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn floats_like_go_print() {
        // Expectations printed by Go 1.19's println.
        assert_eq!(f(1.5), "+1.500000e+000");
        assert_eq!(f(0.0), "+0.000000e+000");
        assert_eq!(f(-0.0), "-0.000000e+000");
        assert_eq!(f(-2.0), "-2.000000e+000");
        assert_eq!(f(3.25159), "+3.251590e+000");
        assert_eq!(f(1e100), "+1.000000e+100");
        assert_eq!(f(1.0 / 3.0), "+3.333333e-001");
        assert_eq!(f(123456789.0), "+1.234568e+008");
        assert_eq!(f(0.1), "+1.000000e-001");
        assert_eq!(f(5e-324), "+4.940656e-324");
        assert_eq!(f(f64::MAX), "+1.797693e+308");
        assert_eq!(f(f64::INFINITY), "+Inf");
        assert_eq!(f(f64::NEG_INFINITY), "-Inf");
        assert_eq!(f(f64::NAN), "NaN");
        assert_eq!(f(9.9999999), "+1.000000e+001");
    }

    #[test]
    fn ints_hex_slices() {
        let mut b = Vec::new();
        append_int(&mut b, i64::MIN);
        b.push(b' ');
        append_uint(&mut b, u64::MAX);
        b.push(b' ');
        append_int(&mut b, 0);
        b.push(b' ');
        append_hex(&mut b, 0);
        b.push(b' ');
        append_hex(&mut b, 0xc000012345);
        b.push(b' ');
        append_slice(&mut b, 0xc00001c030, 3, 4);
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "-9223372036854775808 18446744073709551615 0 0x0 0xc000012345 [3/4]0xc00001c030"
        );
    }
}
