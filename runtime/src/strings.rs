//! Runtime string operations that compiled code calls (concatenation, comparison,
//! conversions between strings, byte slices and rune slices, `for range` decoding) and
//! the UTF-8 helpers the rest of the runtime shares, with Go's exact decoding rules:
//! an invalid or truncated sequence, an overlong form or a surrogate decodes to U+FFFD
//! with width 1.
//!
//! Not here: the `strings` *package* (`pkg::strings`), formatting (`fmt`).
//!
//! Go strings are arbitrary bytes, so everything here works on `&[u8]`, never `&str`.
//! New strings and slices are allocated with `mallocgc` and never mutated afterwards.

use crate::abi::{GoSlice, GoString};
use crate::alloc::{mallocgc, roundupsize};

/// U+FFFD, what invalid UTF-8 and invalid runes decode or encode to.
pub const RUNE_ERROR: u32 = 0xFFFD;
/// The largest valid code point.
pub const MAX_RUNE: u32 = 0x10FFFF;

/// Views `len` bytes at `ptr`, tolerating the null pointer of empty strings.
///
/// # Safety
/// When `len > 0`, `ptr` must point at `len` readable bytes that live for `'a` and are
/// not mutated meanwhile.
pub unsafe fn bytes<'a>(ptr: *const u8, len: i64) -> &'a [u8] {
    if len <= 0 || ptr.is_null() {
        return &[];
    }
    // SAFETY: forwarded to the caller's contract; len > 0 and ptr non-null here.
    unsafe { std::slice::from_raw_parts(ptr, len as usize) }
}

/// Copies `b` into a fresh heap block and returns it as a Go string.
pub fn new_gostring(b: &[u8]) -> GoString {
    if b.is_empty() {
        return GoString::EMPTY;
    }
    let p = mallocgc(b.len() as u64);
    // SAFETY: `p` is a fresh block of `b.len()` bytes, distinct from `b`.
    unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
    GoString {
        ptr: p,
        len: b.len() as i64,
    }
}

/// Decodes the rune at the start of `s` like Go's `utf8.DecodeRune`: `(rune, width)`;
/// `(RUNE_ERROR, 1)` for an invalid sequence, `(RUNE_ERROR, 0)` for empty input.
pub fn decode_rune(s: &[u8]) -> (u32, usize) {
    let Some(&b0) = s.first() else {
        return (RUNE_ERROR, 0);
    };
    if b0 < 0x80 {
        return (b0 as u32, 1);
    }
    // (length, accepted range of the second byte) by first byte, as Go's `first` and
    // `acceptRanges` tables; the range excludes overlong forms and surrogates.
    let (n, lo, hi) = match b0 {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (RUNE_ERROR, 1),
    };
    if s.len() < n {
        return (RUNE_ERROR, 1);
    }
    let b1 = s[1];
    if b1 < lo || b1 > hi {
        return (RUNE_ERROR, 1);
    }
    if n == 2 {
        return (((b0 as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F), 2);
    }
    let b2 = s[2];
    if !(0x80..=0xBF).contains(&b2) {
        return (RUNE_ERROR, 1);
    }
    if n == 3 {
        return (
            ((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F),
            3,
        );
    }
    let b3 = s[3];
    if !(0x80..=0xBF).contains(&b3) {
        return (RUNE_ERROR, 1);
    }
    (
        ((b0 as u32 & 0x07) << 18)
            | ((b1 as u32 & 0x3F) << 12)
            | ((b2 as u32 & 0x3F) << 6)
            | (b3 as u32 & 0x3F),
        4,
    )
}

/// Whether `r` is a valid Unicode scalar value (Go's `utf8.ValidRune`).
pub fn valid_rune(r: i64) -> bool {
    (0..0xD800).contains(&r) || (0xE000..=MAX_RUNE as i64).contains(&r)
}

/// Appends the UTF-8 encoding of `r` (U+FFFD if invalid), like Go's `utf8.AppendRune`.
pub fn push_rune(out: &mut Vec<u8>, r: i64) {
    let c = if valid_rune(r) { r as u32 } else { RUNE_ERROR };
    let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// The number of runes in `s` (Go's `utf8.RuneCount`).
pub fn rune_count(s: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < s.len() {
        i += if s[i] < 0x80 {
            1
        } else {
            decode_rune(&s[i..]).1
        };
        n += 1;
    }
    n
}

/// `a + b + ...`: one new string holding all parts (a single non-empty part is returned
/// as is: strings are immutable).
///
/// # Safety
/// `parts` must point at `n` valid string headers.
#[export_name = "runtime.concatstrings"]
pub unsafe extern "C" fn concatstrings(parts: *const GoString, n: i64) -> GoString {
    // Runs on the goroutine stack (docs/stacks.md): `mallocgc` switches when it must,
    // and the copies are libc `memcpy`, a leaf.
    if n <= 0 || parts.is_null() {
        return GoString::EMPTY;
    }
    // SAFETY: the caller guarantees `n` headers at `parts`.
    let parts = unsafe { std::slice::from_raw_parts(parts, n as usize) };
    let total: i64 = parts.iter().map(|s| s.len.max(0)).sum();
    let nonempty = parts.iter().filter(|s| s.len > 0).count();
    if total == 0 {
        return GoString::EMPTY;
    }
    if nonempty == 1 {
        return *parts.iter().find(|s| s.len > 0).unwrap_or(&GoString::EMPTY);
    }
    let p = mallocgc(total as u64);
    let mut off = 0usize;
    for s in parts {
        // SAFETY: each header describes a valid string (caller's contract).
        let b = unsafe { s.as_bytes() };
        // SAFETY: `p` has `total` bytes and the parts' lengths sum to `total`.
        unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p.add(off), b.len()) };
        off += b.len();
    }
    GoString { ptr: p, len: total }
}

/// Compares two strings bytewise: -1, 0 or 1.
///
/// # Safety
/// Both pointers must be valid for their lengths.
#[export_name = "runtime.cmpstring"]
pub unsafe extern "C" fn cmpstring(aptr: *const u8, alen: i64, bptr: *const u8, blen: i64) -> i64 {
    // SAFETY: caller's contract.
    let (a, b) = unsafe { (bytes(aptr, alen), bytes(bptr, blen)) };
    match a.cmp(b) {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// `string(rune(r))`: the UTF-8 encoding of `r`, `"\uFFFD"` when `r` is not a valid
/// code point (negative, a surrogate, above U+10FFFF, or beyond 32 bits).
#[export_name = "runtime.intstring"]
pub extern "C" fn intstring(r: i64) -> GoString {
    crate::stack::systemstack(move || {
        let mut out = Vec::with_capacity(4);
        push_rune(&mut out, r);
        new_gostring(&out)
    })
}

/// `string(b)` for a byte slice: a copy.
///
/// # Safety
/// `ptr` must be valid for `len` bytes.
#[export_name = "runtime.slicebytetostring"]
pub unsafe extern "C" fn slicebytetostring(ptr: *const u8, len: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        new_gostring(unsafe { bytes(ptr, len) })
    })
}

/// `string(rs)` for a rune slice: each rune encoded, invalid ones as U+FFFD.
///
/// # Safety
/// `ptr` must be valid for `len` runes.
#[export_name = "runtime.slicerunetostring"]
pub unsafe extern "C" fn slicerunetostring(ptr: *const i32, len: i64) -> GoString {
    crate::stack::systemstack(move || {
        if len <= 0 || ptr.is_null() {
            return GoString::EMPTY;
        }
        // SAFETY: caller's contract.
        let rs = unsafe { std::slice::from_raw_parts(ptr, len as usize) };
        let mut out = Vec::with_capacity(rs.len());
        for &r in rs {
            push_rune(&mut out, r as i64);
        }
        new_gostring(&out)
    })
}

/// `[]byte(s)`: a fresh copy whose capacity is the allocation's size class (Go's
/// `rawbyteslice`), e.g. `cap([]byte("hello")) == 8`.
///
/// # Safety
/// `out` must be writable; `ptr` valid for `len` bytes.
#[export_name = "runtime.stringtoslicebyte"]
pub unsafe extern "C" fn stringtoslicebyte(out: *mut GoSlice, ptr: *const u8, len: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        let s = unsafe { bytes(ptr, len) };
        let cap = roundupsize(s.len() as u64);
        let p = mallocgc(cap);
        // SAFETY: `p` has `cap >= s.len()` bytes and is fresh.
        unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len()) };
        // SAFETY: caller's contract.
        unsafe {
            out.write(GoSlice {
                ptr: p,
                len: s.len() as i64,
                cap: cap as i64,
            })
        };
    })
}

/// `[]rune(s)`: the decoded runes; capacity rounded to the size class (Go's
/// `rawruneslice`), e.g. `cap([]rune("hello")) == 6`.
///
/// # Safety
/// `out` must be writable; `ptr` valid for `len` bytes.
#[export_name = "runtime.stringtoslicerune"]
pub unsafe extern "C" fn stringtoslicerune(out: *mut GoSlice, ptr: *const u8, len: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        let s = unsafe { bytes(ptr, len) };
        let mut runes = Vec::new();
        let mut i = 0;
        while i < s.len() {
            let (r, w) = decode_rune(&s[i..]);
            runes.push(r as i32);
            i += w;
        }
        let mem = roundupsize(runes.len() as u64 * 4);
        let p = mallocgc(mem);
        // SAFETY: `p` is fresh, 8-aligned and holds `mem >= 4 * runes.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(runes.as_ptr(), p as *mut i32, runes.len()) };
        // SAFETY: caller's contract.
        unsafe {
            out.write(GoSlice {
                ptr: p,
                len: runes.len() as i64,
                cap: (mem / 4) as i64,
            })
        };
    })
}

/// Two words returned in RAX:RDX.
#[repr(C)]
#[derive(Debug, PartialEq, Eq)]
pub struct RunePos {
    pub rune: i64,
    pub next: i64,
}

/// `for i, r := range s` slow path: decodes the rune at byte `k` of `s` (called when
/// `s[k] >= 0x80`) and returns it with the index after it; `(U+FFFD, k+1)` for invalid
/// UTF-8 or `k` out of range, as Go's `runtime.decoderune`.
///
/// # Safety
/// `ptr` must be valid for `len` bytes.
#[export_name = "runtime.decoderune"]
pub unsafe extern "C" fn decoderune(ptr: *const u8, len: i64, k: i64) -> RunePos {
    // SAFETY: caller's contract.
    let s = unsafe { bytes(ptr, len) };
    if k < 0 || k as usize >= s.len() {
        return RunePos {
            rune: RUNE_ERROR as i64,
            next: k + 1,
        };
    }
    let (r, w) = decode_rune(&s[k as usize..]);
    RunePos {
        rune: r as i64,
        next: k + w as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gs(s: &[u8]) -> GoString {
        GoString {
            ptr: s.as_ptr(),
            len: s.len() as i64,
        }
    }
    fn get(s: GoString) -> Vec<u8> {
        // SAFETY: test strings come from the runtime allocator or live literals.
        unsafe { s.as_bytes() }.to_vec()
    }

    #[test]
    fn decode_rune_go_rules() {
        assert_eq!(decode_rune(b"a"), (97, 1));
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune("€x".as_bytes()), (0x20AC, 3));
        assert_eq!(decode_rune("😀".as_bytes()), (0x1F600, 4));
        assert_eq!(decode_rune(b"\xff"), (RUNE_ERROR, 1));
        assert_eq!(decode_rune(b"\xc0\x80"), (RUNE_ERROR, 1)); // overlong
        assert_eq!(decode_rune(b"\xed\xa0\x80"), (RUNE_ERROR, 1)); // surrogate
        assert_eq!(decode_rune(b"\xe2\x82"), (RUNE_ERROR, 1)); // truncated
        assert_eq!(decode_rune(b"\xf4\x90\x80\x80"), (RUNE_ERROR, 1)); // > U+10FFFF
        assert_eq!(decode_rune(b""), (RUNE_ERROR, 0));
        assert_eq!(rune_count(b"h\xc3\xa9llo\xff"), 6);
    }

    #[test]
    fn decoderune_entry() {
        let s = b"a\xc3\xa9\xffz";
        // SAFETY: `s` is live.
        unsafe {
            assert_eq!(
                decoderune(s.as_ptr(), s.len() as i64, 1),
                RunePos {
                    rune: 0xE9,
                    next: 3
                }
            );
            assert_eq!(
                decoderune(s.as_ptr(), s.len() as i64, 3),
                RunePos {
                    rune: 0xFFFD,
                    next: 4
                }
            );
            assert_eq!(
                decoderune(s.as_ptr(), s.len() as i64, 9),
                RunePos {
                    rune: 0xFFFD,
                    next: 10
                }
            );
        }
    }

    #[test]
    fn concat_and_compare() {
        let parts = [gs(b"foo"), gs(b""), gs(b"bar")];
        // SAFETY: `parts` holds 3 valid headers.
        let s = unsafe { concatstrings(parts.as_ptr(), 3) };
        assert_eq!(get(s), b"foobar");
        // SAFETY: as above.
        let one = unsafe { concatstrings(parts.as_ptr(), 2) };
        assert_eq!(get(one), b"foo");
        // SAFETY: live literals.
        unsafe {
            assert_eq!(cmpstring(b"a".as_ptr(), 1, b"b".as_ptr(), 1), -1);
            assert_eq!(cmpstring(b"ab".as_ptr(), 2, b"a".as_ptr(), 1), 1);
            assert_eq!(cmpstring(std::ptr::null(), 0, std::ptr::null(), 0), 0);
        }
    }

    #[test]
    fn conversions() {
        assert_eq!(get(intstring(0x41)), b"A");
        assert_eq!(get(intstring(0x20AC)), "€".as_bytes());
        assert_eq!(get(intstring(-1)), "\u{FFFD}".as_bytes());
        assert_eq!(get(intstring(0xD800)), "\u{FFFD}".as_bytes());
        assert_eq!(get(intstring(1 << 40)), "\u{FFFD}".as_bytes());
        let runes = [0x68i32, 0xE9, -5, 0x1F600];
        // SAFETY: `runes` is live.
        let s = unsafe { slicerunetostring(runes.as_ptr(), 4) };
        assert_eq!(get(s), "hé\u{FFFD}😀".as_bytes());

        let mut out = GoSlice {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        // SAFETY: `out` writable, literal live.
        unsafe { stringtoslicebyte(&mut out, b"hello".as_ptr(), 5) };
        assert_eq!((out.len, out.cap), (5, 8));
        // SAFETY: `out` writable, literal live.
        unsafe { stringtoslicerune(&mut out, "héllo".as_ptr(), 6) };
        assert_eq!((out.len, out.cap), (5, 6));
        // SAFETY: 5 runes were written.
        let rs = unsafe { std::slice::from_raw_parts(out.ptr as *const i32, 5) };
        assert_eq!(rs, [0x68, 0xE9, 0x6C, 0x6C, 0x6F]);
        // SAFETY: `out` writable, long literal live.
        let long = b"0123456789012345678901234567890123456789";
        unsafe { stringtoslicebyte(&mut out, long.as_ptr(), 40) };
        assert_eq!(out.cap, 48);
        // SAFETY: as above.
        unsafe { stringtoslicerune(&mut out, long.as_ptr(), 40) };
        assert_eq!(out.cap, 40);
        // SAFETY: as above.
        unsafe { stringtoslicebyte(&mut out, std::ptr::null(), 0) };
        assert_eq!((out.len, out.cap), (0, 0));
    }
}
