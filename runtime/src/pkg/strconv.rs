//! Go's `strconv` package: the exported functions compiled code calls, and the
//! algorithms `fmt` shares (float formatting, quoting, integer formatting).
//!
//! Exported (strings are passed as `ptr, len`; results returned as `GoString`):
//!
//! | symbol | Go | signature |
//! |---|---|---|
//! | `strconv.Itoa` | `Itoa(i int) string` | `(i: i64) -> GoString` |
//! | `strconv.FormatInt` | `FormatInt(i int64, base int) string` | `(i: i64, base: i64) -> GoString` |
//! | `strconv.Quote` | `Quote(s string) string` | `(ptr, len) -> GoString` |
//!
//! Float formatting follows Go's `strconv/ftoa.go` structure (digits + decimal point
//! position, then `%e`/`%f`/`%g` layout) but gets its digits from Rust's formatter,
//! which is exact: shortest round-trip digits (`{:e}`) or correctly rounded (ties to
//! even on the exact binary value) fixed digits (`{:.N}`, `{:.Ne}`) — the same digits
//! Go's Ryu and big-decimal paths produce.
//!
//! `is_print` uses Rust's printable-character tables (Unicode's L, M, N, P, S plus
//! ASCII space: the same definition as Go's `strconv.IsPrint`, possibly a newer Unicode
//! version).
//!
//! Not here: parsing (`Atoi`, `ParseFloat`), not in the subset yet.

use crate::abi::GoString;
use crate::strings::{bytes, decode_rune, new_gostring, push_rune, valid_rune, RUNE_ERROR};

const LOWERHEX: &[u8; 16] = b"0123456789abcdef";

/// A decimal digit string `0.d1d2...dn × 10^dp` (Go's `decimalSlice`); no trailing
/// zeros; zero is `nd == 0`.
struct Decimal {
    d: Vec<u8>,
    dp: i64,
}

impl Decimal {
    /// Parses Rust's `{:e}` output of a non-negative finite number, e.g. `1.25e-7`.
    fn from_exp_string(s: &str) -> Decimal {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let exp: i64 = exp.parse().unwrap_or(0);
        let d: Vec<u8> = mant.bytes().filter(|c| c.is_ascii_digit()).collect();
        Decimal::normalise(d, exp + 1)
    }

    /// Parses Rust's `{:.N}` output of a non-negative finite number, e.g. `0.0012`.
    fn from_fixed_string(s: &str) -> Decimal {
        let (int, _) = s.split_once('.').unwrap_or((s, ""));
        let d: Vec<u8> = s.bytes().filter(|c| c.is_ascii_digit()).collect();
        Decimal::normalise(d, int.len() as i64)
    }

    fn normalise(mut d: Vec<u8>, mut dp: i64) -> Decimal {
        let lead = d.iter().take_while(|&&c| c == b'0').count();
        d.drain(..lead);
        dp -= lead as i64;
        while d.last() == Some(&b'0') {
            d.pop();
        }
        if d.is_empty() {
            dp = 0;
        }
        Decimal { d, dp }
    }

    fn nd(&self) -> i64 {
        self.d.len() as i64
    }
}

/// Go's `strconv.AppendFloat(dst, v, fmt, prec, bit_size)` for `fmt` in `e E f g G b x X`
/// (others give `%` + fmt, as Go). `prec < 0` means the shortest representation that
/// round-trips at `bit_size` (32 or 64).
pub fn append_float(dst: &mut Vec<u8>, v: f64, fmt: u8, prec: i64, bit_size: u32) {
    if v.is_nan() {
        dst.extend_from_slice(b"NaN");
        return;
    }
    if v.is_infinite() {
        dst.extend_from_slice(if v > 0.0 { b"+Inf" } else { b"-Inf" });
        return;
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    if fmt == b'b' {
        fmt_b(dst, v, bit_size);
        return;
    }
    if fmt == b'x' || fmt == b'X' {
        fmt_x(dst, v, prec, fmt, bit_size);
        return;
    }
    let shortest = prec < 0;
    let mut prec = prec;
    let digs;
    if shortest {
        let s = if bit_size == 32 {
            format!("{:e}", a as f32)
        } else {
            format!("{:e}", a)
        };
        digs = Decimal::from_exp_string(&s);
        prec = match fmt {
            b'e' | b'E' => (digs.nd() - 1).max(0),
            b'f' => (digs.nd() - digs.dp).max(0),
            b'g' | b'G' => digs.nd(),
            _ => prec,
        };
    } else if fmt == b'f' {
        digs = Decimal::from_fixed_string(&format!("{:.*}", prec as usize, a));
    } else {
        let digits = match fmt {
            b'e' | b'E' => prec + 1,
            b'g' | b'G' => {
                if prec == 0 {
                    prec = 1;
                }
                prec
            }
            _ => 1,
        };
        digs = Decimal::from_exp_string(&format!("{:.*e}", (digits - 1).max(0) as usize, a));
    }
    format_digits(dst, shortest, neg, &digs, prec, fmt);
}

fn format_digits(dst: &mut Vec<u8>, shortest: bool, neg: bool, digs: &Decimal, prec: i64, fmt: u8) {
    match fmt {
        b'e' | b'E' => fmt_e(dst, neg, digs, prec, fmt),
        b'f' => fmt_f(dst, neg, digs, prec),
        b'g' | b'G' => {
            let mut eprec = prec;
            if eprec > digs.nd() && digs.nd() >= digs.dp {
                eprec = digs.nd();
            }
            // %e is used if the exponent from the conversion is less than -4 or greater
            // than or equal to the precision. If precision was the shortest possible,
            // use precision 6 for this decision.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            let mut prec = prec;
            if exp < -4 || exp >= eprec {
                if prec > digs.nd() {
                    prec = digs.nd();
                }
                fmt_e(dst, neg, digs, prec - 1, fmt + b'e' - b'g');
                return;
            }
            if prec > digs.dp {
                prec = digs.nd();
            }
            fmt_f(dst, neg, digs, (prec - digs.dp).max(0));
        }
        _ => {
            dst.push(b'%');
            dst.push(fmt);
        }
    }
}

/// `-d.ddddde±dd`
fn fmt_e(dst: &mut Vec<u8>, neg: bool, d: &Decimal, prec: i64, fmt: u8) {
    if neg {
        dst.push(b'-');
    }
    dst.push(if d.nd() != 0 { d.d[0] } else { b'0' });
    if prec > 0 {
        dst.push(b'.');
        let mut i = 1;
        let m = d.nd().min(prec + 1);
        if i < m {
            dst.extend_from_slice(&d.d[i as usize..m as usize]);
            i = m;
        }
        while i <= prec {
            dst.push(b'0');
            i += 1;
        }
    }
    dst.push(fmt);
    let mut exp = d.dp - 1;
    if d.nd() == 0 {
        exp = 0;
    }
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 10 {
        dst.push(b'0');
        dst.push(b'0' + exp as u8);
    } else if exp < 100 {
        dst.push(b'0' + (exp / 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    } else {
        dst.push(b'0' + (exp / 100) as u8);
        dst.push(b'0' + ((exp / 10) % 10) as u8);
        dst.push(b'0' + (exp % 10) as u8);
    }
}

/// `-ddddd.dddd`
fn fmt_f(dst: &mut Vec<u8>, neg: bool, d: &Decimal, prec: i64) {
    if neg {
        dst.push(b'-');
    }
    if d.dp > 0 {
        let m = d.nd().min(d.dp);
        dst.extend_from_slice(&d.d[..m as usize]);
        for _ in m..d.dp {
            dst.push(b'0');
        }
    } else {
        dst.push(b'0');
    }
    if prec > 0 {
        dst.push(b'.');
        for i in 0..prec {
            let j = d.dp + i;
            dst.push(if 0 <= j && j < d.nd() {
                d.d[j as usize]
            } else {
                b'0'
            });
        }
    }
}

/// The raw parts of a float: (negative, mantissa with the implicit bit, binary exponent
/// of the mantissa's top bit position, mantissa bits), as Go's `genericFtoa` computes
/// them before the `%b` and `%x` formats.
fn decompose(v: f64, bit_size: u32) -> (bool, u64, i64, u32) {
    let (mantbits, expbits, bias) = if bit_size == 32 {
        (23u32, 8u32, -127i64)
    } else {
        (52, 11, -1023)
    };
    let bits = if bit_size == 32 {
        (v as f32).to_bits() as u64
    } else {
        v.to_bits()
    };
    let neg = bits >> (expbits + mantbits) != 0;
    let mut exp = ((bits >> mantbits) & ((1 << expbits) - 1)) as i64;
    let mut mant = bits & ((1u64 << mantbits) - 1);
    if exp == 0 {
        exp += 1; // denormal
    } else {
        mant |= 1 << mantbits; // implicit top bit
    }
    (neg, mant, exp + bias, mantbits)
}

/// `-ddddp±ddd`: binary exponent format.
fn fmt_b(dst: &mut Vec<u8>, v: f64, bit_size: u32) {
    let (neg, mant, exp, mantbits) = decompose(v, bit_size);
    let exp = exp - mantbits as i64;
    if neg {
        dst.push(b'-');
    }
    crate::print::append_uint(dst, mant);
    dst.push(b'p');
    if exp >= 0 {
        dst.push(b'+');
    }
    crate::print::append_int(dst, exp);
}

/// `-0x1.yyyyyyp±dd`: hexadecimal mantissa, binary exponent (`%x`, `%X`).
fn fmt_x(dst: &mut Vec<u8>, v: f64, prec: i64, fmt: u8, bit_size: u32) {
    let (neg, mut mant, mut exp, mantbits) = decompose(v, bit_size);
    if mant == 0 {
        exp = 0;
    }
    // Shift digits so the leading 1 (if any) is at bit 1<<60.
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    // Round if requested.
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            // Wrapped around.
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == b'X' {
        b"0123456789ABCDEF"
    } else {
        LOWERHEX
    };
    if neg {
        dst.push(b'-');
    }
    dst.extend_from_slice(&[b'0', fmt, b'0' + ((mant >> 60) & 1) as u8]);
    mant <<= 4; // remove leading 0 or 1
    if prec < 0 && mant != 0 {
        dst.push(b'.');
        while mant != 0 {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        dst.push(b'.');
        for _ in 0..prec {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    dst.push(if fmt == b'X' { b'P' } else { b'p' });
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 100 {
        dst.extend_from_slice(&[b'0' + (exp / 10) as u8, b'0' + (exp % 10) as u8]);
    } else if exp < 1000 {
        dst.extend_from_slice(&[
            b'0' + (exp / 100) as u8,
            b'0' + ((exp / 10) % 10) as u8,
            b'0' + (exp % 10) as u8,
        ]);
    } else {
        dst.extend_from_slice(&[
            b'0' + (exp / 1000) as u8,
            b'0' + ((exp / 100) % 10) as u8,
            b'0' + ((exp / 10) % 10) as u8,
            b'0' + (exp % 10) as u8,
        ]);
    }
}

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII
/// space.
pub fn is_print(r: u32) -> bool {
    if r < 0x80 {
        return (0x20..0x7F).contains(&r);
    }
    let Some(c) = char::from_u32(r) else {
        return false;
    };
    // Rust's `escape_debug` leaves exactly the printable characters alone (Rust's
    // tables use Go's definition); it also escapes grapheme extenders when they come
    // first, so put a base character in front.
    let mut s = String::with_capacity(8);
    s.push('a');
    s.push(c);
    s.escape_debug().eq(s.chars())
}

/// Appends `r` escaped as inside a Go quoted literal delimited by `quote`.
fn append_escaped_rune(dst: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    if r == quote as u32 || r == '\\' as u32 {
        dst.push(b'\\');
        dst.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            dst.push(r as u8);
            return;
        }
    } else if is_print(r) {
        push_rune(dst, r as i64);
        return;
    }
    match r {
        0x07 => dst.extend_from_slice(b"\\a"),
        0x08 => dst.extend_from_slice(b"\\b"),
        0x0C => dst.extend_from_slice(b"\\f"),
        0x0A => dst.extend_from_slice(b"\\n"),
        0x0D => dst.extend_from_slice(b"\\r"),
        0x09 => dst.extend_from_slice(b"\\t"),
        0x0B => dst.extend_from_slice(b"\\v"),
        _ => {
            if r < b' ' as u32 || r == 0x7F {
                dst.extend_from_slice(b"\\x");
                dst.push(LOWERHEX[(r >> 4) as usize & 0xF]);
                dst.push(LOWERHEX[r as usize & 0xF]);
            } else {
                let r = if valid_rune(r as i64) { r } else { RUNE_ERROR };
                if r < 0x10000 {
                    dst.extend_from_slice(b"\\u");
                    for s in (0..=12).rev().step_by(4) {
                        dst.push(LOWERHEX[(r >> s) as usize & 0xF]);
                    }
                } else {
                    dst.extend_from_slice(b"\\U");
                    for s in (0..=28).rev().step_by(4) {
                        dst.push(LOWERHEX[(r >> s) as usize & 0xF]);
                    }
                }
            }
        }
    }
}

/// Go's `strconv.AppendQuote` (`ascii_only`: `AppendQuoteToASCII`): a double-quoted
/// Go literal; invalid UTF-8 bytes become `\xNN`.
pub fn append_quote(dst: &mut Vec<u8>, s: &[u8], ascii_only: bool) {
    dst.push(b'"');
    let mut i = 0;
    while i < s.len() {
        let (r, w) = if s[i] < 0x80 {
            (s[i] as u32, 1)
        } else {
            decode_rune(&s[i..])
        };
        if w == 1 && r == RUNE_ERROR {
            dst.extend_from_slice(b"\\x");
            dst.push(LOWERHEX[(s[i] >> 4) as usize]);
            dst.push(LOWERHEX[(s[i] & 0xF) as usize]);
            i += 1;
            continue;
        }
        append_escaped_rune(dst, r, b'"', ascii_only);
        i += w;
    }
    dst.push(b'"');
}

/// Go's `strconv.AppendQuoteRune` (`ascii_only`: `...ToASCII`): a single-quoted rune
/// literal; an invalid rune is quoted as U+FFFD.
pub fn append_quote_rune(dst: &mut Vec<u8>, r: i64, ascii_only: bool) {
    dst.push(b'\'');
    let r = if valid_rune(r) { r as u32 } else { RUNE_ERROR };
    append_escaped_rune(dst, r, b'\'', ascii_only);
    dst.push(b'\'');
}

/// Go's `strconv.CanBackquote`: `s` can be a raw string literal unchanged.
pub fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        i += w;
        if w > 1 {
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == RUNE_ERROR {
            return false;
        }
        if (r < b' ' as u32 && r != b'\t' as u32) || r == b'`' as u32 || r == 0x7F {
            return false;
        }
    }
    true
}

/// Appends `v` in `base` 2..=36, lower-case digits.
pub fn append_int_base(dst: &mut Vec<u8>, v: i64, base: u32) {
    dst.extend_from_slice(format_int_base(&mut [0; 65], v, base));
}

/// Formats `v` in `base` 2..=36, lower-case digits, at the end of `buf` (65 bytes
/// hold `i64::MIN` in base 2); returns the digits.
fn format_int_base(buf: &mut [u8; 65], v: i64, base: u32) -> &[u8] {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut u = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(u % base as u64) as usize];
        u /= base as u64;
        if u == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

/// `strconv.Atoi`'s results (written through the out pointer: docs/abi.md).
#[repr(C)]
pub struct AtoiResult {
    pub n: i64,
    pub err: crate::abi::Eface,
}

/// Go's `strconv.Atoi` on `s`: the value (clamped to the int range when out of
/// range) and the error text, if any.
pub fn parse_int(s: &[u8]) -> (i64, Option<&'static str>) {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return (0, Some("invalid syntax"));
    }
    let mut v: u64 = 0;
    let limit = if neg { 1u64 << 63 } else { (1u64 << 63) - 1 };
    for &d in digits {
        match v.checked_mul(10).and_then(|x| x.checked_add((d - b'0') as u64)) {
            Some(x) if x <= limit => v = x,
            _ => return (if neg { i64::MIN } else { i64::MAX }, Some("value out of range")),
        }
    }
    (if neg { (v as i64).wrapping_neg() } else { v as i64 }, None)
}

/// `strconv.Atoi(s) (int, error)`; errors read `strconv.Atoi: parsing "s": REASON`.
///
/// # Safety
/// `out` is writable; `ptr` points at `len` bytes.
#[export_name = "strconv.Atoi"]
pub unsafe extern "C" fn atoi(out: *mut AtoiResult, ptr: *const u8, len: i64) {
    let (out, ptr) = (out as usize, ptr as usize);
    // SAFETY: forwarded (the arguments are heap or aggregate-stack addresses).
    crate::stack::systemstack(move || unsafe { atoi_on_system_stack(out as *mut AtoiResult, ptr as *const u8, len) })
}

/// The body of [`atoi`] (formatting the error needs more stack than the guard area).
///
/// # Safety
/// As for `atoi`.
unsafe fn atoi_on_system_stack(out: *mut AtoiResult, ptr: *const u8, len: i64) {
    // SAFETY: caller's contract.
    let s = unsafe { crate::strings::bytes(ptr, len) };
    let (n, reason) = parse_int(s);
    let err = match reason {
        None => crate::abi::Eface {
            typ: std::ptr::null(),
            data: std::ptr::null(),
        },
        Some(reason) => {
            let mut msg = b"strconv.Atoi: parsing ".to_vec();
            append_quote(&mut msg, s, false);
            msg.extend_from_slice(b": ");
            msg.extend_from_slice(reason.as_bytes());
            crate::errors::new_error(&msg)
        }
    };
    // SAFETY: caller's contract.
    unsafe { out.write(AtoiResult { n, err }) };
}

/// `strconv.Itoa(i)`. Runs on the goroutine stack (docs/stacks.md): the digits go to
/// a buffer on it and `new_gostring` allocates with `mallocgc`, which switches when it
/// must.
#[export_name = "strconv.Itoa"]
pub extern "C" fn itoa(i: i64) -> GoString {
    new_gostring(format_int_base(&mut [0; 65], i, 10))
}

/// `strconv.FormatInt(i, base)`; panics like Go for a base outside 2..=36.
#[export_name = "strconv.FormatInt"]
pub extern "C" fn format_int(i: i64, base: i64) -> GoString {
    crate::stack::systemstack(move || {
        if !(2..=36).contains(&base) {
            crate::panic::panic_string(b"strconv: illegal AppendInt/FormatInt base");
        }
        new_gostring(format_int_base(&mut [0; 65], i, base as u32))
    })
}

/// `strconv.Quote(s)`.
///
/// # Safety
/// `ptr` must be valid for `len` bytes.
#[export_name = "strconv.Quote"]
pub unsafe extern "C" fn quote(ptr: *const u8, len: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        let s = unsafe { bytes(ptr, len) };
        let mut b = Vec::with_capacity(s.len() + 2);
        append_quote(&mut b, s, false);
        new_gostring(&b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ff(v: f64, fmt: u8, prec: i64, bits: u32) -> String {
        let mut b = Vec::new();
        append_float(&mut b, v, fmt, prec, bits);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn format_float_like_go() {
        // strconv.FormatFloat results from Go 1.19.
        assert_eq!(ff(1.5, b'g', -1, 64), "1.5");
        assert_eq!(ff(1e20, b'g', -1, 64), "1e+20");
        assert_eq!(ff(1e21, b'g', -1, 64), "1e+21");
        assert_eq!(ff(123456789.0, b'g', -1, 64), "1.23456789e+08");
        assert_eq!(ff(100000.0, b'g', -1, 64), "100000");
        assert_eq!(ff(1e6, b'g', -1, 64), "1e+06");
        assert_eq!(ff(0.0001, b'g', -1, 64), "0.0001");
        assert_eq!(ff(0.00001, b'g', -1, 64), "1e-05");
        assert_eq!(ff(0.1, b'g', -1, 32), "0.1");
        assert_eq!(ff(0.0, b'g', -1, 64), "0");
        assert_eq!(ff(-0.0, b'g', -1, 64), "-0");
        assert_eq!(ff(3.14259, b'f', 2, 64), "3.14");
        assert_eq!(ff(0.125, b'f', 2, 64), "0.12");
        assert_eq!(ff(2.5, b'f', 0, 64), "2");
        assert_eq!(ff(1.125, b'e', 2, 64), "1.12e+00");
        assert_eq!(ff(1.0, b'e', 6, 64), "1.000000e+00");
        assert_eq!(ff(0.0, b'e', 3, 64), "0.000e+00");
        assert_eq!(ff(1234.5678, b'g', 3, 64), "1.23e+03");
        assert_eq!(ff(1.0, b'g', 3, 64), "1");
        assert_eq!(ff(0.000012345, b'g', 2, 64), "1.2e-05");
        assert_eq!(ff(123.0, b'g', 0, 64), "1e+02");
        assert_eq!(ff(1e300, b'e', -1, 64), "1e+300");
        assert_eq!(ff(1.5, b'E', -1, 64), "1.5E+00");
        assert_eq!(ff(1.0, b'b', -1, 64), "4503599627370496p-52");
        assert_eq!(ff(f64::NAN, b'g', -1, 64), "NaN");
        assert_eq!(ff(f64::NEG_INFINITY, b'g', -1, 64), "-Inf");
        assert_eq!(ff(0.01, b'f', 1, 64), "0.0");
        assert_eq!(ff(123456.0, b'f', -1, 64), "123456");
        assert_eq!(ff(1e23, b'g', -1, 64), "1e+23");
    }

    fn q(s: &[u8], ascii: bool) -> String {
        let mut b = Vec::new();
        append_quote(&mut b, s, ascii);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn quote_like_go() {
        assert_eq!(q(b"hi", false), r#""hi""#);
        assert_eq!(
            q("a\"b\\c\n\t\x07\x00".as_bytes(), false),
            r#""a\"b\\c\n\t\a\x00""#
        );
        assert_eq!(q("héllo☺".as_bytes(), false), "\"héllo☺\"");
        assert_eq!(q("héllo☺".as_bytes(), true), r#""h\u00e9llo\u263a""#);
        assert_eq!(q("😀".as_bytes(), true), r#""\U0001f600""#);
        assert_eq!(q(b"\xff\xfe", false), r#""\xff\xfe""#);
        assert_eq!(
            q("\u{a0}\u{7f}\u{200b}".as_bytes(), false),
            r#""\u00a0\x7f\u200b""#
        );
        assert_eq!(q("e\u{301}".as_bytes(), false), "\"e\u{301}\"");
        let mut b = Vec::new();
        append_quote_rune(&mut b, 'x' as i64, false);
        append_quote_rune(&mut b, '\'' as i64, false);
        append_quote_rune(&mut b, -1, false);
        append_quote_rune(&mut b, 0x263a, true);
        assert_eq!(String::from_utf8(b).unwrap(), r"'x''\'''�''\u263a'");
        assert!(can_backquote(b"a\tb"));
        assert!(!can_backquote(b"a`b"));
        assert!(!can_backquote(b"a\nb"));
        assert!(!can_backquote(b"\xff"));
    }

    #[test]
    fn parse_int_like_atoi() {
        assert_eq!(parse_int(b"12"), (12, None));
        assert_eq!(parse_int(b"-4"), (-4, None));
        assert_eq!(parse_int(b"+7"), (7, None));
        assert_eq!(parse_int(b""), (0, Some("invalid syntax")));
        assert_eq!(parse_int(b"x9"), (0, Some("invalid syntax")));
        assert_eq!(parse_int(b"-"), (0, Some("invalid syntax")));
        assert_eq!(parse_int(b"-9223372036854775808"), (i64::MIN, None));
        assert_eq!(parse_int(b"9223372036854775808"), (i64::MAX, Some("value out of range")));
    }

    #[test]
    fn itoa_and_format_int() {
        let s = |g: GoString| {
            // SAFETY: allocated by the runtime.
            String::from_utf8(unsafe { g.as_bytes() }.to_vec()).unwrap()
        };
        assert_eq!(s(itoa(-42)), "-42");
        assert_eq!(s(itoa(i64::MIN)), "-9223372036854775808");
        assert_eq!(s(format_int(255, 16)), "ff");
        assert_eq!(s(format_int(-255, 2)), "-11111111");
        assert_eq!(s(format_int(35, 36)), "z");
        // SAFETY: literal is live.
        assert_eq!(s(unsafe { quote("a\n".as_ptr(), 2) }), "\"a\\n\"");
    }
}
