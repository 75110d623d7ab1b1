//! Go's `fmt` printing functions over `Eface` operands: `Print`, `Println`, `Printf`
//! and their `Sprint*` twins, with Go's exact output (a port of fmt/print.go's
//! `printArg`/`printValue`/`doPrintf` and fmt/format.go), walking values in memory by
//! their type descriptors.
//!
//! * `Print*` build the whole output, then make ONE `write` to fd 1 (no buffering across
//!   calls, so stdout and stderr interleave in program order).
//! * `Sprint*` return a fresh string allocated with `mallocgc`.
//!
//! Not here (yet): methods (`String()`, `Error()`, `Format`), maps, channels, complex
//! numbers, `Fprint*`/`Errorf`, and the return
//! values of `Printf` (byte count, error).

mod format;
mod value;

#[cfg(test)]
mod tests;

use crate::abi::{Eface, GoString, Kind};
use crate::strings::{bytes, decode_rune, new_gostring, push_rune};
use crate::sys;
use format::{Fmt, LDIGITS, UDIGITS};
use value::Value;

const COMMA_SPACE: &[u8] = b", ";
const NIL_ANGLE: &[u8] = b"<nil>";
const NIL_PAREN: &[u8] = b"(nil)";
const PERCENT_BANG: &[u8] = b"%!";
const MISSING: &[u8] = b"(MISSING)";
const BAD_INDEX: &[u8] = b"(BADINDEX)";
const EXTRA: &[u8] = b"%!(EXTRA ";
const BAD_WIDTH: &[u8] = b"%!(BADWIDTH)";
const BAD_PREC: &[u8] = b"%!(BADPREC)";
const NO_VERB: &[u8] = b"%!(NOVERB)";

/// The state of one `Print*` call (Go's `pp`).
#[derive(Default)]
pub(crate) struct Printer<'a> {
    fmt: Fmt,
    /// The operand being printed, for `%!verb(type=value)` messages (Go's `p.arg` /
    /// `p.value`, which print identically here since there are no methods).
    cur: Option<Value<'a>>,
    /// `%[n]` was used: no EXTRA complaint.
    reordered: bool,
    good_arg_num: bool,
}

impl<'a> Printer<'a> {
    pub fn new() -> Printer<'a> {
        Printer::default()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.fmt.buf
    }

    fn write_rune(&mut self, r: char) {
        push_rune(&mut self.fmt.buf, r as i64);
    }

    fn bad_verb(&mut self, verb: char) {
        self.fmt.buf.extend_from_slice(PERCENT_BANG);
        self.write_rune(verb);
        self.fmt.buf.push(b'(');
        match self.cur {
            Some(v) => {
                self.fmt.buf.extend_from_slice(&v.typ.type_string());
                self.fmt.buf.push(b'=');
                self.print_value(v, 'v', 0);
            }
            None => self.fmt.buf.extend_from_slice(NIL_ANGLE),
        }
        self.fmt.buf.push(b')');
    }

    fn fmt_bool(&mut self, v: bool, verb: char) {
        match verb {
            't' | 'v' => self.fmt.fmt_boolean(v),
            _ => self.bad_verb(verb),
        }
    }

    /// `v` in hex, with `0x` when `leading0x`, whatever `#` says.
    fn fmt_0x64(&mut self, v: u64, leading0x: bool) {
        let sharp = self.fmt.f.sharp;
        self.fmt.f.sharp = leading0x;
        self.fmt.fmt_integer(v, 16, false, 'v', LDIGITS);
        self.fmt.f.sharp = sharp;
    }

    fn fmt_integer(&mut self, v: u64, is_signed: bool, verb: char) {
        match verb {
            'v' => {
                if self.fmt.f.sharp_v && !is_signed {
                    self.fmt_0x64(v, true);
                } else {
                    self.fmt.fmt_integer(v, 10, is_signed, verb, LDIGITS);
                }
            }
            'd' => self.fmt.fmt_integer(v, 10, is_signed, verb, LDIGITS),
            'b' => self.fmt.fmt_integer(v, 2, is_signed, verb, LDIGITS),
            'o' | 'O' => self.fmt.fmt_integer(v, 8, is_signed, verb, LDIGITS),
            'x' => self.fmt.fmt_integer(v, 16, is_signed, verb, LDIGITS),
            'X' => self.fmt.fmt_integer(v, 16, is_signed, verb, UDIGITS),
            'c' => self.fmt.fmt_c(v),
            'q' => self.fmt.fmt_qc(v),
            'U' => self.fmt.fmt_unicode(v),
            _ => self.bad_verb(verb),
        }
    }

    fn fmt_float(&mut self, v: f64, size: u32, verb: char) {
        match verb {
            'v' => self.fmt.fmt_float(v, size, b'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => self.fmt.fmt_float(v, size, verb as u8, -1),
            'f' | 'e' | 'E' => self.fmt.fmt_float(v, size, verb as u8, 6),
            'F' => self.fmt.fmt_float(v, size, b'f', 6),
            _ => self.bad_verb(verb),
        }
    }

    fn fmt_string(&mut self, v: &[u8], verb: char) {
        match verb {
            'v' => {
                if self.fmt.f.sharp_v {
                    self.fmt.fmt_q(v);
                } else {
                    self.fmt.fmt_s(v);
                }
            }
            's' => self.fmt.fmt_s(v),
            'x' => self.fmt.fmt_sbx(v, LDIGITS),
            'X' => self.fmt.fmt_sbx(v, UDIGITS),
            'q' => self.fmt.fmt_q(v),
            _ => self.bad_verb(verb),
        }
    }

    /// `%s %q %x %X` of a byte slice or array (the only verbs that treat it as text).
    fn fmt_bytes(&mut self, v: &[u8], verb: char) {
        match verb {
            's' => self.fmt.fmt_s(v),
            'x' => self.fmt.fmt_sbx(v, LDIGITS),
            'X' => self.fmt.fmt_sbx(v, UDIGITS),
            _ => self.fmt.fmt_q(v),
        }
    }

    fn fmt_pointer(&mut self, v: Value<'a>, verb: char) {
        let u = match v.kind() {
            Kind::Func | Kind::Pointer | Kind::Slice | Kind::UnsafePointer | Kind::Chan => v.pointer() as u64,
            _ => {
                self.bad_verb(verb);
                return;
            }
        };
        match verb {
            'v' => {
                if self.fmt.f.sharp_v {
                    self.fmt.buf.push(b'(');
                    self.fmt.buf.extend_from_slice(&v.typ.type_string());
                    self.fmt.buf.extend_from_slice(b")(");
                    if u == 0 {
                        self.fmt.buf.extend_from_slice(b"nil");
                    } else {
                        self.fmt_0x64(u, true);
                    }
                    self.fmt.buf.push(b')');
                } else if u == 0 {
                    self.fmt.pad(NIL_ANGLE);
                } else {
                    let sharp = self.fmt.f.sharp;
                    self.fmt_0x64(u, !sharp);
                }
            }
            'p' => {
                let sharp = self.fmt.f.sharp;
                self.fmt_0x64(u, !sharp);
            }
            'b' | 'o' | 'd' | 'x' | 'X' => self.fmt_integer(u, false, verb),
            _ => self.bad_verb(verb),
        }
    }

    /// Go's `printArg`: one top-level operand.
    pub fn print_arg(&mut self, arg: Option<Value<'a>>, verb: char) {
        self.cur = arg;
        let Some(v) = arg else {
            match verb {
                'T' | 'v' => self.fmt.pad(NIL_ANGLE),
                _ => self.bad_verb(verb),
            }
            return;
        };
        match verb {
            'T' => {
                let t = v.typ.type_string();
                self.fmt.fmt_s(&t);
                return;
            }
            'p' => {
                self.fmt_pointer(v, 'p');
                return;
            }
            'v' | 's' | 'q' | 'x' | 'X' if !self.fmt.f.sharp_v && v.typ.error_fn.is_some() => {
                // Go's handleMethods: an error prints as its Error() text.
                let text = v.error_text().unwrap_or_default();
                self.fmt_string(&text, verb);
                return;
            }
            'v' | 'd' if self.fmt.f.sharp_v && is_unnamed_byte_slice(v.typ) => {
                // Go's type switch catches `[]byte` itself and says so in %#v.
                self.sharp_v_elements(b"[]byte", v, |p, e| p.fmt_0x64(e.uint(), true));
                return;
            }
            _ => {}
        }
        self.print_value(v, verb, 0);
    }

    /// `%#v` of a slice or array: `TYPE{e1, e2}`, or `TYPE(nil)` for a nil slice, each
    /// element printed by `elem`.
    fn sharp_v_elements(&mut self, type_name: &[u8], v: Value<'a>, mut elem: impl FnMut(&mut Self, Value<'a>)) {
        self.fmt.buf.extend_from_slice(type_name);
        if v.is_nil_slice() {
            self.fmt.buf.extend_from_slice(NIL_PAREN);
            return;
        }
        self.fmt.buf.push(b'{');
        for i in 0..v.len() {
            if i > 0 {
                self.fmt.buf.extend_from_slice(COMMA_SPACE);
            }
            if let Some(e) = v.index(i) {
                elem(self, e);
            }
        }
        self.fmt.buf.push(b'}');
    }

    /// Go's `printValue`: a value at nesting `depth` (0 = the operand itself).
    fn print_value(&mut self, v: Value<'a>, verb: char, depth: usize) {
        self.cur = Some(v);
        if matches!(verb, 'v' | 's' | 'q' | 'x' | 'X') && !self.fmt.f.sharp_v && v.typ.name() == Some(b"time.Duration".as_slice()) {
            // Go's handleMethods: a Stringer prints as its String().
            let text = crate::pkg::time::duration_string(v.int());
            self.fmt_string(&text, verb);
            return;
        }
        match v.kind() {
            Kind::Bool => self.fmt_bool(v.bool(), verb),
            k if k.is_signed_int() => self.fmt_integer(v.int() as u64, true, verb),
            k if k.is_unsigned_int() => self.fmt_integer(v.uint(), false, verb),
            Kind::Float32 => self.fmt_float(v.float(), 32, verb),
            Kind::Float64 => self.fmt_float(v.float(), 64, verb),
            Kind::String => self.fmt_string(v.string(), verb),
            Kind::Struct => {
                if self.fmt.f.sharp_v {
                    self.fmt.buf.extend_from_slice(&v.typ.type_string());
                }
                self.fmt.buf.push(b'{');
                let n = v.typ.fields().len();
                for i in 0..n {
                    let Some((name, f)) = v.field(i) else {
                        continue;
                    };
                    if i > 0 {
                        if self.fmt.f.sharp_v {
                            self.fmt.buf.extend_from_slice(COMMA_SPACE);
                        } else {
                            self.fmt.buf.push(b' ');
                        }
                    }
                    if (self.fmt.f.plus_v || self.fmt.f.sharp_v) && !name.is_empty() {
                        self.fmt.buf.extend_from_slice(name);
                        self.fmt.buf.push(b':');
                    }
                    self.print_value(f, verb, depth + 1);
                }
                self.fmt.buf.push(b'}');
            }
            Kind::Interface => match v.interface_elem() {
                None => {
                    if self.fmt.f.sharp_v {
                        self.fmt.buf.extend_from_slice(&v.typ.type_string());
                        self.fmt.buf.extend_from_slice(NIL_PAREN);
                    } else {
                        self.fmt.buf.extend_from_slice(NIL_ANGLE);
                    }
                }
                Some(e) => self.print_value(e, verb, depth + 1),
            },
            Kind::Array | Kind::Slice => {
                if matches!(verb, 's' | 'q' | 'x' | 'X')
                    && v.typ.elem().is_some_and(|e| e.kind() == Kind::Uint8)
                {
                    let n = v.len();
                    let b: Vec<u8> = (0..n)
                        .filter_map(|i| v.index(i))
                        .map(|e| e.uint() as u8)
                        .collect();
                    self.fmt_bytes(&b, verb);
                    return;
                }
                if self.fmt.f.sharp_v {
                    self.sharp_v_elements(&v.typ.type_string(), v, |p, e| p.print_value(e, verb, depth + 1));
                } else {
                    self.fmt.buf.push(b'[');
                    for i in 0..v.len() {
                        if i > 0 {
                            self.fmt.buf.push(b' ');
                        }
                        if let Some(e) = v.index(i) {
                            self.print_value(e, verb, depth + 1);
                        }
                    }
                    self.fmt.buf.push(b']');
                }
            }
            Kind::Pointer => {
                // A pointer to an array, slice or struct is shown as &value at the top
                // level only (deeper, an address: avoids loops).
                if depth == 0 {
                    if let Some(e) = v.deref() {
                        if matches!(e.kind(), Kind::Array | Kind::Slice | Kind::Struct) {
                            self.fmt.buf.push(b'&');
                            self.print_value(e, verb, depth + 1);
                            return;
                        }
                    }
                }
                self.fmt_pointer(v, verb);
            }
            Kind::Func | Kind::UnsafePointer | Kind::Chan => self.fmt_pointer(v, verb),
            _ => {
                self.fmt.buf.push(b'?');
                self.fmt.buf.extend_from_slice(&v.typ.type_string());
                self.fmt.buf.push(b'?');
            }
        }
    }

    /// Go's `doPrint`: spaces between operands when neither side is a string.
    pub fn do_print(&mut self, args: &[Option<Value<'a>>]) {
        let mut prev_string = false;
        for (i, &arg) in args.iter().enumerate() {
            let is_string = arg.is_some_and(|v| v.kind() == Kind::String);
            if i > 0 && !is_string && !prev_string {
                self.fmt.buf.push(b' ');
            }
            self.print_arg(arg, 'v');
            prev_string = is_string;
        }
    }

    /// Go's `doPrintln`: always spaces, then a newline.
    pub fn do_println(&mut self, args: &[Option<Value<'a>>]) {
        for (i, &arg) in args.iter().enumerate() {
            if i > 0 {
                self.fmt.buf.push(b' ');
            }
            self.print_arg(arg, 'v');
        }
        self.fmt.buf.push(b'\n');
    }

    /// `%[n]` at `format[i..]`: (new arg index, new i, found).
    fn arg_number(
        &mut self,
        arg_num: usize,
        format: &[u8],
        i: usize,
        num_args: usize,
    ) -> (usize, usize, bool) {
        if format.len() <= i || format[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok && 0 <= index && (index as usize) < num_args {
            return (index as usize, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    /// Go's `doPrintf`.
    pub fn do_printf(&mut self, format: &[u8], a: &[Option<Value<'a>>]) {
        let end = format.len();
        let mut arg_num = 0usize;
        let mut after_index;
        self.reordered = false;
        let mut i = 0usize;
        'format_loop: while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.fmt.buf.extend_from_slice(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1; // skip %
            self.fmt.clear_flags();
            // Flags, and the fast path for a simple verb.
            while i < end {
                let c = format[i];
                match c {
                    b'#' => self.fmt.f.sharp = true,
                    b'0' => self.fmt.f.zero = !self.fmt.f.minus,
                    b'+' => self.fmt.f.plus = true,
                    b'-' => {
                        self.fmt.f.minus = true;
                        self.fmt.f.zero = false;
                    }
                    b' ' => self.fmt.f.space = true,
                    _ => {
                        if c.is_ascii_lowercase() && arg_num < a.len() {
                            if c == b'v' {
                                self.fmt.f.sharp_v = self.fmt.f.sharp;
                                self.fmt.f.sharp = false;
                                self.fmt.f.plus_v = self.fmt.f.plus;
                                self.fmt.f.plus = false;
                            }
                            self.print_arg(a[arg_num], c as char);
                            arg_num += 1;
                            i += 1;
                            continue 'format_loop;
                        }
                        break;
                    }
                }
                i += 1;
            }

            // Argument index?
            (arg_num, i, after_index) = self.arg_number(arg_num, format, i, a.len());

            // Width.
            if i < end && format[i] == b'*' {
                i += 1;
                let (w, ok, n) = int_from_arg(a, arg_num);
                self.fmt.wid = w;
                self.fmt.f.wid_present = ok;
                arg_num = n;
                if !ok {
                    self.fmt.buf.extend_from_slice(BAD_WIDTH);
                }
                if self.fmt.wid < 0 {
                    self.fmt.wid = -self.fmt.wid;
                    self.fmt.f.minus = true;
                    self.fmt.f.zero = false;
                }
                after_index = false;
            } else {
                let (w, ok, ni) = parsenum(format, i, end);
                self.fmt.wid = w;
                self.fmt.f.wid_present = ok;
                i = ni;
                if after_index && self.fmt.f.wid_present {
                    self.good_arg_num = false;
                }
            }

            // Precision.
            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, format, i, a.len());
                if i < end && format[i] == b'*' {
                    i += 1;
                    let (p, ok, n) = int_from_arg(a, arg_num);
                    self.fmt.prec = p;
                    self.fmt.f.prec_present = ok;
                    arg_num = n;
                    if self.fmt.prec < 0 {
                        self.fmt.prec = 0;
                        self.fmt.f.prec_present = false;
                    }
                    if !self.fmt.f.prec_present {
                        self.fmt.buf.extend_from_slice(BAD_PREC);
                    }
                    after_index = false;
                } else {
                    let (p, ok, ni) = parsenum(format, i, end);
                    self.fmt.prec = p;
                    self.fmt.f.prec_present = ok;
                    i = ni;
                    if !self.fmt.f.prec_present {
                        self.fmt.prec = 0;
                        self.fmt.f.prec_present = true;
                    }
                }
            }

            if !after_index {
                (arg_num, i, after_index) = self.arg_number(arg_num, format, i, a.len());
            }
            let _ = after_index;

            if i >= end {
                self.fmt.buf.extend_from_slice(NO_VERB);
                break;
            }

            let (verb, size) = if format[i] < 0x80 {
                (format[i] as char, 1)
            } else {
                let (r, w) = decode_rune(&format[i..]);
                (char::from_u32(r).unwrap_or(char::REPLACEMENT_CHARACTER), w)
            };
            i += size;

            if verb == '%' {
                // Percent does not absorb operands and ignores width and precision.
                self.fmt.buf.push(b'%');
            } else if !self.good_arg_num {
                self.fmt.buf.extend_from_slice(PERCENT_BANG);
                self.write_rune(verb);
                self.fmt.buf.extend_from_slice(BAD_INDEX);
            } else if arg_num >= a.len() {
                self.fmt.buf.extend_from_slice(PERCENT_BANG);
                self.write_rune(verb);
                self.fmt.buf.extend_from_slice(MISSING);
            } else {
                if verb == 'v' {
                    self.fmt.f.sharp_v = self.fmt.f.sharp;
                    self.fmt.f.sharp = false;
                    self.fmt.f.plus_v = self.fmt.f.plus;
                    self.fmt.f.plus = false;
                }
                self.print_arg(a[arg_num], verb);
                arg_num += 1;
            }
        }

        // Check for extra arguments unless the call accessed the arguments out of order.
        if !self.reordered && arg_num < a.len() {
            self.fmt.clear_flags();
            self.fmt.buf.extend_from_slice(EXTRA);
            for (k, &arg) in a[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.fmt.buf.extend_from_slice(COMMA_SPACE);
                }
                match arg {
                    None => self.fmt.buf.extend_from_slice(NIL_ANGLE),
                    Some(v) => {
                        self.fmt.buf.extend_from_slice(&v.typ.type_string());
                        self.fmt.buf.push(b'=');
                        self.print_arg(Some(v), 'v');
                    }
                }
            }
            self.fmt.buf.push(b')');
        }
    }
}

/// `[]byte` (or `[]uint8`) as opposed to a named byte-slice type.
fn is_unnamed_byte_slice(t: &crate::abi::Type) -> bool {
    t.kind() == Kind::Slice
        && t.name().is_none()
        && t.elem()
            .is_some_and(|e| e.kind() == Kind::Uint8 && e.name().is_none())
}

/// Go's `tooLarge`: widths and precisions are capped at a million.
fn too_large(x: i64) -> bool {
    !(-1_000_000..=1_000_000).contains(&x)
}

/// Go's `parsenum`: a decimal number at `s[start..end]`: (value, found, new index).
fn parsenum(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0i64;
    let mut isnum = false;
    let mut newi = start;
    while newi < end && s[newi].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end);
        }
        num = num * 10 + (s[newi] - b'0') as i64;
        isnum = true;
        newi += 1;
    }
    (num, isnum, newi)
}

/// Go's `parseArgNumber`: `[n]` at the start of `s`: (zero-based index, bytes used, ok).
fn parse_arg_number(s: &[u8]) -> (i64, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s[i] == b']' {
            let (width, ok, newi) = parsenum(s, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (width - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

/// Go's `intFromArg`: operand `arg_num` as a `*` width or precision.
fn int_from_arg(a: &[Option<Value<'_>>], arg_num: usize) -> (i64, bool, usize) {
    let mut new_arg_num = arg_num;
    let mut num = 0i64;
    let mut is_int = false;
    if arg_num < a.len() {
        if let Some(v) = a[arg_num] {
            let k = v.kind();
            if k.is_signed_int() {
                num = v.int();
                is_int = true;
            } else if k.is_unsigned_int() {
                let n = v.uint();
                if (n as i64) >= 0 {
                    num = n as i64;
                    is_int = true;
                }
            }
        }
        new_arg_num = arg_num + 1;
        if too_large(num) {
            num = 0;
            is_int = false;
        }
    }
    (num, is_int, new_arg_num)
}

/// Views `n` operands.
///
/// # Safety
/// `args` must point at `n` `Eface`s whose values are valid for the call.
unsafe fn operands<'a>(args: *const Eface, n: i64) -> Vec<Option<Value<'a>>> {
    if n <= 0 || args.is_null() {
        return Vec::new();
    }
    // SAFETY: caller's contract.
    let efaces = unsafe { std::slice::from_raw_parts(args, n as usize) };
    // SAFETY: each Eface is valid for the call (caller's contract).
    efaces
        .iter()
        .map(|&e| unsafe { Value::from_eface(e) })
        .collect()
}

/// Formats like `fmt.Sprint` (used by other runtime modules and tests).
///
/// # Safety
/// As [`operands`].
unsafe fn sprint_bytes(args: *const Eface, n: i64) -> Vec<u8> {
    // SAFETY: caller's contract.
    let ops = unsafe { operands(args, n) };
    let mut p = Printer::new();
    p.do_print(&ops);
    p.into_bytes()
}

/// # Safety
/// As [`operands`].
unsafe fn sprintln_bytes(args: *const Eface, n: i64) -> Vec<u8> {
    // SAFETY: caller's contract.
    let ops = unsafe { operands(args, n) };
    let mut p = Printer::new();
    p.do_println(&ops);
    p.into_bytes()
}

/// # Safety
/// As [`operands`]; `fptr` valid for `flen` bytes.
unsafe fn sprintf_bytes(fptr: *const u8, flen: i64, args: *const Eface, n: i64) -> Vec<u8> {
    // SAFETY: caller's contract.
    let (format, ops) = unsafe { (bytes(fptr, flen), operands(args, n)) };
    let mut p = Printer::new();
    p.do_printf(format, &ops);
    p.into_bytes()
}

/// `fmt.Print(a...)`.
///
/// # Safety
/// `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Print"]
pub unsafe extern "C" fn print(args: *const Eface, n: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        sys::write_all(sys::STDOUT, &unsafe { sprint_bytes(args, n) });
    })
}

/// `fmt.Println(a...)`.
///
/// # Safety
/// `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Println"]
pub unsafe extern "C" fn println(args: *const Eface, n: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        sys::write_all(sys::STDOUT, &unsafe { sprintln_bytes(args, n) });
    })
}

/// `fmt.Printf(format, a...)`.
///
/// # Safety
/// `fptr` valid for `flen` bytes; `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Printf"]
pub unsafe extern "C" fn printf(fptr: *const u8, flen: i64, args: *const Eface, n: i64) {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        sys::write_all(sys::STDOUT, &unsafe { sprintf_bytes(fptr, flen, args, n) });
    })
}

/// `fmt.Sprint(a...)`.
///
/// # Safety
/// `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Sprint"]
pub unsafe extern "C" fn sprint(args: *const Eface, n: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        new_gostring(&unsafe { sprint_bytes(args, n) })
    })
}

/// `fmt.Sprintln(a...)`.
///
/// # Safety
/// `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Sprintln"]
pub unsafe extern "C" fn sprintln(args: *const Eface, n: i64) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        new_gostring(&unsafe { sprintln_bytes(args, n) })
    })
}

/// `fmt.Sprintf(format, a...)`.
///
/// # Safety
/// `fptr` valid for `flen` bytes; `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Sprintf"]
pub unsafe extern "C" fn sprintf(
    fptr: *const u8,
    flen: i64,
    args: *const Eface,
    n: i64,
) -> GoString {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        new_gostring(&unsafe { sprintf_bytes(fptr, flen, args, n) })
    })
}

/// `fmt.Errorf(format, a...)` (without `%w`: an `errors.New` of the text).
///
/// # Safety
/// `fptr` valid for `flen` bytes; `args` must point at `n` valid `Eface`s.
#[export_name = "fmt.Errorf"]
pub unsafe extern "C" fn errorf(fptr: *const u8, flen: i64, args: *const Eface, n: i64) -> Eface {
    crate::stack::systemstack(move || {
        // SAFETY: caller's contract.
        crate::errors::new_error(&unsafe { sprintf_bytes(fptr, flen, args, n) })
    })
}
