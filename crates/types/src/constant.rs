//! Values of constant expressions.
//!
//! Two representations, for two audiences:
//! * [`Value`] is the checker's *exact* value, as Go's untyped constants demand:
//!   integers of any size up to Go's limit of 512 bits ([`MAX_INT_BITS`]), floats as
//!   exact fractions ([`BigRat`]), so that `0.1 + 0.2 == 0.3` and
//!   `1e300 * 1e300 / 1e300 == 1e300` hold as they do in Go. A typed `float64`
//!   (`float32`) constant is rounded to the nearest `f64` (`f32`) after each
//!   operation, as in Go.
//! * [`ConstValue`] is what the checker records in `Info` for code generation: the
//!   final value converted to its expression's type (`Int(i128)` / `Float(f64)`),
//!   made by [`Value::recorded`].
//!
//! This module is the constant arithmetic of the checker: folding of every operator,
//! comparison, shifts, and conversion to (representability in) a basic type. It knows
//! nothing about expressions or diagnostics: operations return a [`ConstError`] that
//! the checker words Go's way.

use crate::bigconst::{BigInt, BigRat};
use crate::types::Basic;

/// A constant's value as recorded for code generation, already converted to the
/// expression's type. Rune constants are `Int`; the constant's type says it is a rune.
/// A `float32` constant is a `Float` holding its (already rounded) `f32` value exactly.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Bool(bool),
    Int(i128),
    Float(f64),
    /// A string constant's bytes (not necessarily UTF-8).
    String(Vec<u8>),
}

/// The checker's exact value of a constant (Go's `go/constant.Value`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(BigInt),
    /// An untyped float, or a typed float constant (then an exact `f64` value).
    Float(BigRat),
    String(Vec<u8>),
}

/// Go's limit on untyped integer constants: larger results are `constant overflow`.
pub const MAX_INT_BITS: u64 = 512;

/// Largest shift count of a constant shift (go/types' `shiftBound`: enough to express
/// the smallest float64, 2^-1074, as `1 >> 1074`-style values times 2^1074).
pub const MAX_SHIFT: u64 = 1023 - 1 + 52;

/// Size limit of an untyped float's numerator or denominator. Go switches to a
/// 512-bit float beyond 4096 bits; we stay exact up to this (about 10^±4900, the
/// range of an x87 long double) and call anything larger an overflow.
const MAX_RAT_BITS: u64 = 16384;

/// Why a constant operation has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstError {
    /// Division (or remainder) by zero.
    DivByZero,
    /// The exact result is beyond Go's (or our) constant limits.
    Overflow,
    /// The operation is not defined on these values (mismatched kinds).
    Invalid,
}

/// Why a constant is not representable in a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReprError {
    /// A numeric value out of the type's range.
    Overflows,
    /// A float with a fractional part converted to an integer type.
    Truncated,
    /// The kinds do not fit at all (a string as an int, ...).
    NotRepresentable,
}

/// The binary operators constants fold (comparison is [`Value::compare`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstOp {
    Add,
    Sub,
    Mul,
    /// `/`; integer division when `int_div` is passed to [`Value::binary`].
    Div,
    Rem,
    And,
    Or,
    Xor,
    AndNot,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Value {
    pub fn int(i: i128) -> Value {
        Value::Int(BigInt::from_i128(i))
    }

    /// The exact value of a finite float (`0` for NaN/infinities, which constants
    /// never hold).
    pub fn float(f: f64) -> Value {
        Value::Float(BigRat::from_f64(f).unwrap_or_else(|| BigRat::from_int(BigInt::zero())))
    }

    /// Parses an integer literal (`0x1F`, `1_000`, `0o17`, `017`, `0b101`); `None`
    /// if it is malformed or beyond [`MAX_INT_BITS`].
    pub fn from_int_literal(text: &str) -> Option<Value> {
        let t: String = text.chars().filter(|&c| c != '_').collect();
        let (digits, radix) = if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            (r, 16)
        } else if let Some(r) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
            (r, 2)
        } else if let Some(r) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
            (r, 8)
        } else if t.len() > 1 && t.starts_with('0') {
            (&t[1..], 8)
        } else {
            (t.as_str(), 10)
        };
        let i = BigInt::parse(digits, radix)?;
        (i.bit_len() <= MAX_INT_BITS).then_some(Value::Int(i))
    }

    /// Parses a float literal, decimal or hexadecimal (`0x1.8p3`), exactly; `None` if
    /// it is malformed or its exponent is beyond our limits.
    pub fn from_float_literal(text: &str) -> Option<Value> {
        let t: String = text.chars().filter(|&c| c != '_').collect();
        let (hex, body) = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            Some(r) => (true, r),
            None => (false, t.as_str()),
        };
        let exp_marks: &[char] = if hex { &['p', 'P'] } else { &['e', 'E'] };
        let (mant, exp) = match body.find(exp_marks) {
            Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{int_part}{frac_part}");
        let m = BigInt::parse(&digits, if hex { 16 } else { 10 })?;
        if m.is_zero() {
            return Some(Value::float(0.0));
        }
        let frac = frac_part.len() as i64;
        let r = if hex {
            // The value is m * 2^(exp - 4*frac).
            let e = exp.checked_sub(4 * frac)?;
            if e.unsigned_abs() > MAX_RAT_BITS {
                return None;
            }
            let one = BigInt::from_i128(1);
            if e >= 0 {
                BigRat::from_int(m.shl(e as u64))
            } else {
                BigRat::new(m, one.shl(e.unsigned_abs()))?
            }
        } else {
            // The value is m * 10^(exp - frac); 10^n has about 3.33 n bits.
            let e = exp.checked_sub(frac)?;
            if e.unsigned_abs() > MAX_RAT_BITS * 3 / 10 {
                return None;
            }
            let p = BigInt::pow10(e.unsigned_abs() as u32);
            if e >= 0 {
                BigRat::from_int(m.mul(&p))
            } else {
                BigRat::new(m, p)?
            }
        };
        Some(Value::Float(r))
    }

    /// The value as an exact integer (integers, and floats without a fractional
    /// part) if it fits an `i128`.
    pub fn as_int_exact(&self) -> Option<i128> {
        self.as_bigint().and_then(|i| i.to_i128())
    }

    /// The value as an exact integer: integers, and floats without a fractional part.
    pub fn as_bigint(&self) -> Option<BigInt> {
        match self {
            Value::Int(i) => Some(i.clone()),
            Value::Float(r) if r.is_int() => Some(r.num().clone()),
            _ => None,
        }
    }

    /// The value of a numeric constant as an exact fraction.
    pub fn as_rat(&self) -> Option<BigRat> {
        match self {
            Value::Int(i) => Some(BigRat::from_int(i.clone())),
            Value::Float(r) => Some(r.clone()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// A numeric zero (a divisor that Go rejects).
    pub fn is_zero(&self) -> bool {
        match self {
            Value::Int(i) => i.is_zero(),
            Value::Float(r) => r.is_zero(),
            _ => false,
        }
    }

    /// Folds `x op y`. `int_div` selects truncated integer division for `/` (the
    /// operands' type is an integer type); otherwise `/` of two `Int`s is exact
    /// (float) division.
    pub fn binary(&self, op: ConstOp, y: &Value, int_div: bool) -> Result<Value, ConstError> {
        use Value::*;
        match (self, y) {
            (String(a), String(b)) if op == ConstOp::Add => {
                let mut s = a.clone();
                s.extend_from_slice(b);
                Ok(String(s))
            }
            (Int(a), Int(b)) => int_op(op, a, b, int_div),
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                if int_div {
                    // An integer-typed operation on integral float values (`const c int = 2.0`).
                    return match (self.as_bigint(), y.as_bigint()) {
                        (Some(a), Some(b)) => int_op(op, &a, &b, true),
                        _ => Err(ConstError::Invalid),
                    };
                }
                let (Some(a), Some(b)) = (self.as_rat(), y.as_rat()) else { return Err(ConstError::Invalid) };
                let r = match op {
                    ConstOp::Add => a.add(&b),
                    ConstOp::Sub => a.sub(&b),
                    ConstOp::Mul => a.mul(&b),
                    ConstOp::Div => a.div(&b).ok_or(ConstError::DivByZero)?,
                    _ => return Err(ConstError::Invalid),
                };
                float_result(r)
            }
            _ => Err(ConstError::Invalid),
        }
    }

    /// Folds `x << s` / `x >> s` on an integer value (an integral float counts).
    pub fn shift(&self, left: bool, s: u64) -> Result<Value, ConstError> {
        let x = self.as_bigint().ok_or(ConstError::Invalid)?;
        if !left {
            return Ok(Value::Int(x.shr(s)));
        }
        if x.is_zero() {
            return Ok(Value::Int(x));
        }
        if s > MAX_SHIFT {
            return Err(ConstError::Overflow);
        }
        int_result(x.shl(s))
    }

    /// Folds unary minus.
    pub fn neg(&self) -> Result<Value, ConstError> {
        match self {
            Value::Int(i) => int_result(i.neg()),
            Value::Float(f) => Ok(Value::Float(f.neg())),
            _ => Err(ConstError::Invalid),
        }
    }

    /// Folds `^x`. `unsigned_bits` is the size of an unsigned typed operand, whose
    /// complement is taken within that many bits; otherwise `^x == -x - 1`.
    pub fn complement(&self, unsigned_bits: Option<u32>) -> Result<Value, ConstError> {
        let Value::Int(x) = self else { return Err(ConstError::Invalid) };
        match unsigned_bits {
            Some(bits) => {
                let mask = BigInt::from_i128(1).shl(bits as u64).sub(&BigInt::from_i128(1));
                Ok(Value::Int(x.xor(&mask)))
            }
            None => int_result(x.not()),
        }
    }

    /// Folds `!x`.
    pub fn not(&self) -> Result<Value, ConstError> {
        match *self {
            Value::Bool(b) => Ok(Value::Bool(!b)),
            _ => Err(ConstError::Invalid),
        }
    }

    /// Compares two constants of the same kind (ints and floats mix).
    pub fn compare(&self, op: CmpOp, y: &Value) -> Result<bool, ConstError> {
        use std::cmp::Ordering;
        let ord: Ordering = match (self, y) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => match (self.as_rat(), y.as_rat()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => return Err(ConstError::Invalid),
            },
            (Value::String(a), Value::String(b)) => a.cmp(b),
            (Value::Bool(a), Value::Bool(b)) => {
                return match op {
                    CmpOp::Eq => Ok(a == b),
                    CmpOp::Ne => Ok(a != b),
                    _ => Err(ConstError::Invalid),
                }
            }
            _ => return Err(ConstError::Invalid),
        };
        Ok(match op {
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        })
    }

    /// The value converted to (the representation of) basic type `b`, if it is
    /// representable there (Go's `representableConst`): integers for integer types
    /// (in range, no fraction), `float64` (`float32`) values rounded to the nearest
    /// `f64` (`f32`),
    /// unchanged strings and bools. Untyped numeric targets keep the value exact but
    /// move it to the target's kind (`UntypedFloat` turns an `Int` into a `Float`).
    pub fn represent(&self, b: Basic) -> Result<Value, ReprError> {
        use Basic::*;
        match b {
            Invalid => Ok(self.clone()),
            Bool | UntypedBool => match self {
                Value::Bool(_) => Ok(self.clone()),
                _ => Err(ReprError::NotRepresentable),
            },
            String | UntypedString => match self {
                Value::String(_) => Ok(self.clone()),
                _ => Err(ReprError::NotRepresentable),
            },
            UntypedFloat => self.as_rat().map(Value::Float).ok_or(ReprError::NotRepresentable),
            Float64 => {
                let r = self.as_rat().ok_or(ReprError::NotRepresentable)?;
                let f = r.to_f64();
                if f.is_finite() {
                    Ok(Value::float(f))
                } else {
                    Err(ReprError::Overflows)
                }
            }
            // go/types' roundFloat32: the nearest f32, kept exactly as an f64.
            Float32 => {
                let r = self.as_rat().ok_or(ReprError::NotRepresentable)?;
                let f = r.to_f32();
                if f.is_finite() {
                    Ok(Value::float(f as f64))
                } else {
                    Err(ReprError::Overflows)
                }
            }
            UntypedNil | UnsafePointer => Err(ReprError::NotRepresentable),
            UntypedInt | UntypedRune | Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr => {
                let i = match self {
                    Value::Int(i) => i.clone(),
                    Value::Float(r) if r.is_int() => r.num().clone(),
                    Value::Float(_) => return Err(ReprError::Truncated),
                    _ => return Err(ReprError::NotRepresentable),
                };
                if let Some((lo, hi)) = int_range(b) {
                    if i < BigInt::from_i128(lo) || i > BigInt::from_i128(hi) {
                        return Err(ReprError::Overflows);
                    }
                }
                Ok(Value::Int(i))
            }
        }
    }

    /// The value as recorded for code generation in an expression of basic type `b`
    /// (`None`: not a basic type; the value's own kind is kept): integer types get
    /// `Int`, float types `Float` (rounded to nearest). `None` if the value does not
    /// fit the recorded form — only possible for an untyped integer beyond `i128`,
    /// in a position whose value code generation never reads (an operand of a larger
    /// constant expression).
    pub fn recorded(&self, b: Option<Basic>) -> Option<ConstValue> {
        let want_float = matches!(b, Some(Basic::Float64 | Basic::UntypedFloat));
        let want_int = b.is_some_and(is_int_basic);
        match self {
            Value::Bool(v) => Some(ConstValue::Bool(*v)),
            Value::String(s) => Some(ConstValue::String(s.clone())),
            // The f64 that holds the f32 value exactly.
            _ if b == Some(Basic::Float32) => self.as_rat().and_then(|r| finite(r.to_f32() as f64)),
            Value::Int(i) if want_float => finite(i.to_f64()),
            Value::Int(i) => i.to_i128().map(ConstValue::Int),
            Value::Float(r) if want_int && r.is_int() => r.num().to_i128().map(ConstValue::Int),
            Value::Float(r) => finite(r.to_f64()),
        }
    }

    /// Go's `constant.Value.String()` spelling, as diagnostics print values: strings
    /// quoted (and shortened), floats like `%.6g`.
    pub fn go_string(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(r) => format_rat(r),
            Value::String(s) => {
                let q = quote(s);
                // go/constant shortens long strings to 72 characters.
                if q.chars().count() > 72 {
                    let head: std::string::String = q.chars().take(68).collect();
                    format!("{head}...\"")
                } else {
                    q
                }
            }
        }
    }
}

fn finite(f: f64) -> Option<ConstValue> {
    f.is_finite().then_some(ConstValue::Float(f))
}

fn int_result(i: BigInt) -> Result<Value, ConstError> {
    if i.bit_len() > MAX_INT_BITS {
        Err(ConstError::Overflow)
    } else {
        Ok(Value::Int(i))
    }
}

fn float_result(r: BigRat) -> Result<Value, ConstError> {
    if r.bit_len() > MAX_RAT_BITS {
        Err(ConstError::Overflow)
    } else {
        Ok(Value::Float(r))
    }
}

fn int_op(op: ConstOp, a: &BigInt, b: &BigInt, int_div: bool) -> Result<Value, ConstError> {
    let r = match op {
        ConstOp::Add => a.add(b),
        ConstOp::Sub => a.sub(b),
        ConstOp::Mul => a.mul(b),
        ConstOp::Div if !int_div => {
            let r = BigRat::new(a.clone(), b.clone()).ok_or(ConstError::DivByZero)?;
            return float_result(r);
        }
        ConstOp::Div => a.div_rem(b).ok_or(ConstError::DivByZero)?.0,
        ConstOp::Rem => a.div_rem(b).ok_or(ConstError::DivByZero)?.1,
        ConstOp::And => a.and(b),
        ConstOp::Or => a.or(b),
        ConstOp::Xor => a.xor(b),
        ConstOp::AndNot => a.and_not(b),
    };
    int_result(r)
}

/// The inclusive value range of an integer basic type; `None` for untyped ones
/// (unbounded here; [`MAX_INT_BITS`] limits them).
pub fn int_range(b: Basic) -> Option<(i128, i128)> {
    use Basic::*;
    Some(match b {
        Int8 => (i8::MIN as i128, i8::MAX as i128),
        Int16 => (i16::MIN as i128, i16::MAX as i128),
        Int32 => (i32::MIN as i128, i32::MAX as i128),
        Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
        Uint8 => (0, u8::MAX as i128),
        Uint16 => (0, u16::MAX as i128),
        Uint32 => (0, u32::MAX as i128),
        Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
        _ => return None,
    })
}

/// Size in bits of an integer basic type (untyped: `None`).
pub fn int_bits(b: Basic) -> Option<u32> {
    use Basic::*;
    match b {
        Int8 | Uint8 => Some(8),
        Int16 | Uint16 => Some(16),
        Int32 | Uint32 => Some(32),
        Int | Int64 | Uint | Uint64 | Uintptr => Some(64),
        _ => None,
    }
}

pub fn is_int_basic(b: Basic) -> bool {
    use Basic::*;
    matches!(b, Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr | UntypedInt | UntypedRune)
}

/// go/constant's spelling of a float: `%.6g` of the nearest `f64` when that is
/// finite (and zero only for zero), otherwise an approximate `%.6ge%+d`.
fn format_rat(r: &BigRat) -> String {
    let f = r.to_f64();
    if f.is_finite() && (f == 0.0) == r.is_zero() {
        return format_g6(f);
    }
    // Out of f64 range: find d with 1 <= |r| / 10^d < 10, from the bit lengths.
    let bits = r.num().bit_len() as i64 - r.den().bit_len() as i64;
    let mut d = (bits as f64 * std::f64::consts::LOG10_2) as i64;
    let scaled = |d: i64| {
        let p = BigRat::from_int(BigInt::pow10(d.unsigned_abs() as u32));
        let m = if d >= 0 { r.div(&p) } else { Some(r.mul(&p)) };
        m.map_or(0.0, |m| m.to_f64())
    };
    let mut m = scaled(d);
    while m.abs() >= 10.0 {
        d += 1;
        m = scaled(d);
    }
    while m.abs() < 1.0 - 0.5e-6 && m != 0.0 {
        d -= 1;
        m = scaled(d);
    }
    format!("{}e{:+}", format_g6(m), d)
}

/// Go's `fmt.Sprintf("%.6g", f)` (strconv's `'g'` format with precision 6).
fn format_g6(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Six significant digits, correctly rounded: `d.ddddde±x`.
    let s = format!("{:.5e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let nd = digits.len() as i64;
    let dp = exp + 1; // position of the decimal point relative to the digits
    let mut eprec = 6;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    let sign = if f < 0.0 { "-" } else { "" };
    if exp < -4 || exp >= eprec {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        return format!("{sign}{first}{frac}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    // Fixed notation with max(nd - dp, 0) decimals.
    let s = if dp <= 0 {
        format!("0.{}{digits}", "0".repeat((-dp) as usize))
    } else if dp >= nd {
        format!("{digits}{}", "0".repeat((dp - nd) as usize))
    } else {
        format!("{}.{}", &digits[..dp as usize], &digits[dp as usize..])
    };
    format!("{sign}{s}")
}

/// Go's `strconv.Quote` of a byte string.
pub fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let text = String::from_utf8_lossy(s);
    let valid = std::str::from_utf8(s).is_ok();
    if !valid {
        for &b in s {
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\t' => out.push_str("\\t"),
                0x20..=0x7e => out.push(b as char),
                _ => out.push_str(&format!("\\x{b:02x}")),
            }
        }
    } else {
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Value {
        Value::from_float_literal(s).unwrap()
    }

    #[test]
    fn integer_arithmetic_is_exact_and_checked() {
        let a = Value::int(7);
        let b = Value::int(2);
        assert_eq!(a.binary(ConstOp::Div, &b, true), Ok(Value::int(3)));
        assert_eq!(a.binary(ConstOp::Div, &b, false), Ok(Value::float(3.5)));
        assert_eq!(a.binary(ConstOp::Rem, &Value::int(0), true), Err(ConstError::DivByZero));
        assert_eq!(Value::int(1).shift(true, 100), Ok(Value::int(1 << 100)));
        assert_eq!(Value::int(1).shift(true, 200).unwrap().shift(false, 198), Ok(Value::int(4)));
        assert_eq!(Value::int(1).shift(true, 512), Err(ConstError::Overflow));
        assert_eq!(Value::int(-5).shift(false, 1), Ok(Value::int(-3)));
    }

    #[test]
    fn floats_are_exact() {
        let sum = lit("0.1").binary(ConstOp::Add, &lit("0.2"), false).unwrap();
        assert_eq!(sum.compare(CmpOp::Eq, &lit("0.3")), Ok(true));
        assert_eq!(sum.recorded(Some(Basic::Float64)), Some(ConstValue::Float(0.3)));
        let e300 = lit("1e300");
        let big = e300.binary(ConstOp::Mul, &e300, false).unwrap().binary(ConstOp::Div, &e300, false).unwrap();
        assert_eq!(big.recorded(Some(Basic::Float64)), Some(ConstValue::Float(1e300)));
        let q = lit("1e25").binary(ConstOp::Div, &lit("1e10"), false).unwrap();
        assert_eq!(q.represent(Basic::Int64), Ok(Value::int(1_000_000_000_000_000)));
        assert_eq!(lit("0x1.8p3").recorded(None), Some(ConstValue::Float(12.0)));
    }

    #[test]
    fn representability() {
        assert_eq!(Value::int(300).represent(Basic::Int8), Err(ReprError::Overflows));
        assert_eq!(Value::float(2.5).represent(Basic::Int), Err(ReprError::Truncated));
        assert_eq!(Value::float(2.0).represent(Basic::Int), Ok(Value::int(2)));
        assert_eq!(Value::int(3).represent(Basic::Float64), Ok(Value::float(3.0)));
        assert_eq!(lit("1e309").represent(Basic::Float64), Err(ReprError::Overflows));
        assert_eq!(lit("0.1").represent(Basic::Float64), Ok(Value::float(0.1)));
        assert_eq!(lit("0.1").represent(Basic::Float32), Ok(Value::float(0.1f32 as f64)));
        assert_eq!(lit("3.4028235e38").represent(Basic::Float32), Ok(Value::float(f32::MAX as f64)));
        assert_eq!(lit("3.5e38").represent(Basic::Float32), Err(ReprError::Overflows));
        assert_eq!(lit("1e39").represent(Basic::Float32), Err(ReprError::Overflows));
        assert_eq!(lit("1e-50").represent(Basic::Float32), Ok(Value::float(0.0)));
        assert_eq!(Value::int(16777217).represent(Basic::Float32), Ok(Value::float(16777216.0)));
        assert_eq!(lit("0.1").recorded(Some(Basic::Float32)), Some(ConstValue::Float(0.10000000149011612)));
        assert_eq!(Value::int(3).recorded(Some(Basic::Float32)), Some(ConstValue::Float(3.0)));
        assert_eq!(Value::int(255).complement(Some(8)), Ok(Value::int(0)));
        assert_eq!(Value::int(0).complement(None), Ok(Value::int(-1)));
    }

    #[test]
    fn go_spelling_of_values() {
        assert_eq!(Value::float(2.5).go_string(), "2.5");
        assert_eq!(Value::float(1e100).go_string(), "1e+100");
        assert_eq!(Value::float(1e6).go_string(), "1e+06");
        assert_eq!(Value::float(100000.0).go_string(), "100000");
        assert_eq!(Value::float(123456789.0).go_string(), "1.23457e+08");
        assert_eq!(Value::float(0.0001).go_string(), "0.0001");
        assert_eq!(Value::float(0.00001).go_string(), "1e-05");
        assert_eq!(lit("0.1").binary(ConstOp::Add, &lit("0.2"), false).unwrap().go_string(), "0.3");
        assert_eq!(lit("1e300").binary(ConstOp::Mul, &lit("1e300"), false).unwrap().go_string(), "1e+600");
        assert_eq!(Value::int(1).shift(true, 100).unwrap().go_string(), "1267650600228229401496703205376");
        assert_eq!(Value::String(b"a\n".to_vec()).go_string(), "\"a\\n\"");
    }
}
