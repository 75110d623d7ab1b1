//! A few functions of Go's `strings` package, over Go strings (arbitrary bytes), with
//! Go's semantics (including invalid UTF-8 handling and Unicode white space).
//!
//! Calling convention (docs/abi.md): a `string` argument is two scalars `ptr, len`; a
//! `[]string` argument three, `ptr, len, cap`; `bool` results are 0/1 in AL; `string`
//! results are returned in RAX:RDX; `[]string` results are written through a leading
//! `out: *mut GoSlice`. Results may share bytes with the arguments (strings are
//! immutable); new backing arrays come from `mallocgc`.
//!
//! | symbol | Go signature | Rust signature |
//! |---|---|---|
//! | `strings.Contains` | `Contains(s, substr string) bool` | `(sp, sl, tp, tl) -> bool` |
//! | `strings.HasPrefix` | `HasPrefix(s, prefix string) bool` | `(sp, sl, tp, tl) -> bool` |
//! | `strings.HasSuffix` | `HasSuffix(s, suffix string) bool` | `(sp, sl, tp, tl) -> bool` |
//! | `strings.Index` | `Index(s, substr string) int` | `(sp, sl, tp, tl) -> i64` |
//! | `strings.Count` | `Count(s, substr string) int` | `(sp, sl, tp, tl) -> i64` |
//! | `strings.Repeat` | `Repeat(s string, count int) string` | `(sp, sl, count) -> GoString` |
//! | `strings.ToUpper` | `ToUpper(s string) string` | `(sp, sl) -> GoString` |
//! | `strings.ToLower` | `ToLower(s string) string` | `(sp, sl) -> GoString` |
//! | `strings.TrimSpace` | `TrimSpace(s string) string` | `(sp, sl) -> GoString` |
//! | `strings.Split` | `Split(s, sep string) []string` | `(out, sp, sl, tp, tl)` |
//! | `strings.Fields` | `Fields(s string) []string` | `(out, sp, sl)` |
//! | `strings.Join` | `Join(elems []string, sep string) string` | `(ep, el, ec, tp, tl) -> GoString` |
//!
//! Not here: the rest of the package (Builder, Replacer, EqualFold, ...).

use crate::abi::{GoSlice, GoString};
use crate::alloc::mallocgc;
use crate::strings::{bytes, decode_rune, new_gostring, push_rune, rune_count, RUNE_ERROR};

/// Byte index of the first `needle` in `hay` (Go's `strings.Index`).
fn index(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Non-overlapping occurrences (Go's `strings.Count`).
fn count(s: &[u8], sep: &[u8]) -> usize {
    if sep.is_empty() {
        return rune_count(s) + 1;
    }
    let mut n = 0;
    let mut rest = s;
    while let Some(i) = index(rest, sep) {
        n += 1;
        rest = &rest[i + sep.len()..];
    }
    n
}

/// Go's `unicode.IsSpace` (Rust's `is_whitespace` is the same White_Space property).
fn is_space(r: u32) -> bool {
    char::from_u32(r).is_some_and(char::is_whitespace)
}

/// A substring of a string argument as a Go string (no copy).
fn sub(s: &[u8]) -> GoString {
    GoString {
        ptr: s.as_ptr(),
        len: s.len() as i64,
    }
}

/// Allocates a `[]string` holding `parts` (len == cap, like Go's `make`).
fn new_string_slice(parts: &[&[u8]]) -> GoSlice {
    let n = parts.len();
    let p = mallocgc((n * std::mem::size_of::<GoString>()) as u64) as *mut GoString;
    for (i, part) in parts.iter().enumerate() {
        // SAFETY: `p` holds `n` string headers (16-aligned when n >= 1) and `i < n`.
        unsafe { p.add(i).write(sub(part)) };
    }
    GoSlice {
        ptr: p as *mut u8,
        len: n as i64,
        cap: n as i64,
    }
}

/// Go's `strings.Map` with a one-to-one rune mapping: invalid UTF-8 becomes U+FFFD.
fn map_runes(s: &[u8], f: impl Fn(char) -> char) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let (r, w) = decode_rune(&s[i..]);
        let c = char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER);
        push_rune(
            &mut out,
            if r == RUNE_ERROR {
                r as i64
            } else {
                f(c) as i64
            },
        );
        i += w;
    }
    out
}

/// Go's `unicode.ToUpper`/`ToLower` are simple (one rune to one rune) case mappings:
/// where Rust's full mapping expands (ß -> SS), Go keeps the rune.
fn simple(mut it: impl Iterator<Item = char>, c: char) -> char {
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// `strings.Contains`.
///
/// # Safety
/// This and every entry point below: each `(ptr, len)` pair must describe a live
/// string; `out` must be writable; a `[]string` argument must point at `len` string
/// headers.
#[export_name = "strings.Contains"]
pub unsafe extern "C" fn contains(sp: *const u8, sl: i64, tp: *const u8, tl: i64) -> bool {
    crate::stack::systemstack(move || {
        // SAFETY: see the contract above.
        let (s, t) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        index(s, t).is_some()
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.HasPrefix"]
pub unsafe extern "C" fn has_prefix(sp: *const u8, sl: i64, tp: *const u8, tl: i64) -> bool {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let (s, t) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        s.starts_with(t)
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.HasSuffix"]
pub unsafe extern "C" fn has_suffix(sp: *const u8, sl: i64, tp: *const u8, tl: i64) -> bool {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let (s, t) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        s.ends_with(t)
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Index"]
pub unsafe extern "C" fn index_of(sp: *const u8, sl: i64, tp: *const u8, tl: i64) -> i64 {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let (s, t) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        index(s, t).map_or(-1, |i| i as i64)
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Count"]
pub unsafe extern "C" fn count_of(sp: *const u8, sl: i64, tp: *const u8, tl: i64) -> i64 {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let (s, t) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        count(s, t) as i64
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Repeat"]
pub unsafe extern "C" fn repeat(sp: *const u8, sl: i64, n: i64) -> GoString {
    crate::stack::systemstack(move || {
        if n < 0 {
            crate::panic::panic_string(b"strings: negative Repeat count");
        }
        // SAFETY: see `contains`.
        let s = unsafe { bytes(sp, sl) };
        let total = (s.len() as u64).checked_mul(n as u64);
        if total.is_none_or(|t| t > i64::MAX as u64) {
            crate::panic::panic_string(b"strings: Repeat count causes overflow");
        }
        let total = total.unwrap_or(0) as usize;
        if total == 0 {
            return GoString::EMPTY;
        }
        let p = mallocgc(total as u64);
        for i in 0..n as usize {
            // SAFETY: `p` has `total = n * s.len()` bytes.
            unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p.add(i * s.len()), s.len()) };
        }
        GoString {
            ptr: p,
            len: total as i64,
        }
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.ToUpper"]
pub unsafe extern "C" fn to_upper(sp: *const u8, sl: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let s = unsafe { bytes(sp, sl) };
        if s.is_ascii() {
            if !s.iter().any(u8::is_ascii_lowercase) {
                return sub(s);
            }
            return new_gostring(&s.to_ascii_uppercase());
        }
        new_gostring(&map_runes(s, |c| simple(c.to_uppercase(), c)))
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.ToLower"]
pub unsafe extern "C" fn to_lower(sp: *const u8, sl: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let s = unsafe { bytes(sp, sl) };
        if s.is_ascii() {
            if !s.iter().any(u8::is_ascii_uppercase) {
                return sub(s);
            }
            return new_gostring(&s.to_ascii_lowercase());
        }
        new_gostring(&map_runes(s, |c| simple(c.to_lowercase(), c)))
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.TrimSpace"]
pub unsafe extern "C" fn trim_space(sp: *const u8, sl: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let s = unsafe { bytes(sp, sl) };
        let mut start = 0;
        while start < s.len() {
            let (r, w) = decode_rune(&s[start..]);
            if !is_space(r) {
                break;
            }
            start += w;
        }
        let mut end = s.len();
        while end > start {
            // Find the start of the last rune in s[start..end].
            let mut k = end - 1;
            while k > start && end - k < 4 && (s[k] & 0xC0) == 0x80 {
                k -= 1;
            }
            let (r, w) = decode_rune(&s[k..end]);
            let (r, w) = if k + w == end {
                (r, w)
            } else {
                (RUNE_ERROR, 1)
            };
            if !is_space(r) {
                break;
            }
            end -= w;
        }
        if start == end {
            return GoString::EMPTY;
        }
        sub(&s[start..end])
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Split"]
pub unsafe extern "C" fn split(out: *mut GoSlice, sp: *const u8, sl: i64, tp: *const u8, tl: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let (s, sep) = unsafe { (bytes(sp, sl), bytes(tp, tl)) };
        let mut parts: Vec<&[u8]> = Vec::new();
        if sep.is_empty() {
            // explode: one element per UTF-8 sequence (invalid bytes kept as they are).
            let mut i = 0;
            while i < s.len() {
                let w = decode_rune(&s[i..]).1;
                parts.push(&s[i..i + w]);
                i += w;
            }
        } else {
            let mut rest = s;
            while let Some(i) = index(rest, sep) {
                parts.push(&rest[..i]);
                rest = &rest[i + sep.len()..];
            }
            parts.push(rest);
        }
        // SAFETY: see `contains`.
        unsafe { out.write(new_string_slice(&parts)) };
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Fields"]
pub unsafe extern "C" fn fields(out: *mut GoSlice, sp: *const u8, sl: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: see `contains`.
        let s = unsafe { bytes(sp, sl) };
        let mut parts: Vec<&[u8]> = Vec::new();
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < s.len() {
            let (r, w) = decode_rune(&s[i..]);
            if is_space(r) {
                if let Some(st) = start.take() {
                    parts.push(&s[st..i]);
                }
            } else if start.is_none() {
                start = Some(i);
            }
            i += w;
        }
        if let Some(st) = start {
            parts.push(&s[st..]);
        }
        // SAFETY: see `contains`.
        unsafe { out.write(new_string_slice(&parts)) };
    })
}

/// # Safety
/// As [`contains`].
#[export_name = "strings.Join"]
pub unsafe extern "C" fn join(
    ep: *const GoString,
    el: i64,
    _ec: i64,
    tp: *const u8,
    tl: i64,
) -> GoString {
    crate::stack::systemstack(move || {
        let elems: &[GoString] = if el <= 0 || ep.is_null() {
            &[]
        } else {
            // SAFETY: see `contains`.
            unsafe { std::slice::from_raw_parts(ep, el as usize) }
        };
        match elems.len() {
            0 => return GoString::EMPTY,
            1 => return elems[0],
            _ => {}
        }
        // SAFETY: see `contains`.
        let sep = unsafe { bytes(tp, tl) };
        let mut b = Vec::new();
        for (i, e) in elems.iter().enumerate() {
            if i > 0 {
                b.extend_from_slice(sep);
            }
            // SAFETY: each element is a live string.
            b.extend_from_slice(unsafe { e.as_bytes() });
        }
        new_gostring(&b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(g: GoString) -> String {
        // SAFETY: runtime-allocated or a live literal.
        String::from_utf8_lossy(unsafe { g.as_bytes() }).into_owned()
    }

    fn list(g: GoSlice) -> Vec<String> {
        // SAFETY: a []string written by the functions above.
        let hs = unsafe { std::slice::from_raw_parts(g.ptr as *const GoString, g.len as usize) };
        hs.iter().map(|&h| s(h)).collect()
    }

    macro_rules! a {
        ($e:expr) => {
            ($e.as_ptr(), $e.len() as i64)
        };
    }

    #[test]
    fn predicates_and_counts() {
        // SAFETY: all arguments are live literals.
        unsafe {
            let (hp, hl) = a!("chicken");
            let (kp, kl) = a!("ken");
            assert!(contains(hp, hl, kp, kl));
            assert!(contains(hp, hl, std::ptr::null(), 0));
            assert!(!has_prefix(hp, hl, kp, kl));
            assert!(has_suffix(hp, hl, kp, kl));
            assert_eq!(index_of(hp, hl, kp, kl), 4);
            let (dp, dl) = a!("dmr");
            assert_eq!(index_of(hp, hl, dp, dl), -1);
            let (cp, cl) = a!("cheese");
            let (ep, el) = a!("e");
            assert_eq!(count_of(cp, cl, ep, el), 3);
            let (fp, fl) = a!("five");
            assert_eq!(count_of(fp, fl, std::ptr::null(), 0), 5);
        }
    }

    #[test]
    fn transforms() {
        // SAFETY: all arguments are live literals.
        unsafe {
            let (p, l) = a!("na");
            assert_eq!(s(repeat(p, l, 3)), "nanana");
            assert_eq!(s(repeat(p, l, 0)), "");
            let (p, l) = a!("Hello, Wörld ß");
            assert_eq!(s(to_upper(p, l)), "HELLO, WÖRLD ß");
            assert_eq!(s(to_lower(p, l)), "hello, wörld ß");
            let (p, l) = a!("a\u{85}\u{a0}");
            assert_eq!(s(trim_space(p, l)), "a");
            let (p, l) = a!(" \t\n Hello, Gophers \n\t\r\n");
            assert_eq!(s(trim_space(p, l)), "Hello, Gophers");
            let (p, l) = a!("   ");
            assert_eq!(s(trim_space(p, l)), "");
        }
    }

    #[test]
    fn split_fields_join() {
        let mut out = GoSlice {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        // SAFETY: live literals, writable `out`.
        unsafe {
            let (p, l) = a!("a,b,c");
            let (q, m) = a!(",");
            split(&mut out, p, l, q, m);
            assert_eq!(list(out), ["a", "b", "c"]);
            split(&mut out, std::ptr::null(), 0, q, m);
            assert_eq!(list(out), [""]);
            let (p, l) = a!("héy");
            split(&mut out, p, l, std::ptr::null(), 0);
            assert_eq!(list(out), ["h", "é", "y"]);
            let (p, l) = a!("  foo bar\u{a0} baz   ");
            fields(&mut out, p, l);
            assert_eq!(list(out), ["foo", "bar", "baz"]);
            assert_eq!(out.cap, 3);
            let (q, m) = a!("-");
            assert_eq!(
                s(join(out.ptr as *const GoString, out.len, out.cap, q, m)),
                "foo-bar-baz"
            );
            assert_eq!(s(join(std::ptr::null(), 0, 0, q, m)), "");
        }
    }
}
