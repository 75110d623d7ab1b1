//! Values of constant expressions, exact as Go's untyped constants demand within the
//! range the compiler supports (integers of up to 127 bits plus sign; floats as f64).
//!
//! This module is the constant arithmetic of the checker: folding of every operator,
//! comparison, shifts, and conversion to (representability in) a basic type. It knows
//! nothing about expressions or diagnostics: operations return a [`ConstError`] that
//! the checker words Go's way. Integer arithmetic is exact in `i128`; a result beyond
//! it is a [`ConstError::Overflow`] (Go's own limit is 512 bits, ours is smaller).

use crate::types::Basic;

/// A constant's value. Rune constants are `Int`; the constant's type says it is a rune.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    Bool(bool),
    Int(i128),
    Float(f64),
    /// A string constant's bytes (not necessarily UTF-8).
    String(Vec<u8>),
}

/// Why a constant operation has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstError {
    /// Division (or remainder) by zero.
    DivByZero,
    /// The exact result does not fit the compiler's constant representation.
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

/// The binary operators constants fold (comparison is [`ConstValue::compare`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstOp {
    Add,
    Sub,
    Mul,
    /// `/`; integer division when `int_div` is passed to [`ConstValue::binary`].
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

/// The largest float that still converts to an `i128` exactly (2^127 is beyond it).
const I128_FLOAT_LIMIT: f64 = 1.7014118346046923e38;

impl ConstValue {
    /// The value as a float, for arithmetic with float operands.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            ConstValue::Int(i) => Some(i as f64),
            ConstValue::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The value as an exact integer: integers, and floats without a fractional part.
    pub fn as_int_exact(&self) -> Option<i128> {
        match *self {
            ConstValue::Int(i) => Some(i),
            ConstValue::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < I128_FLOAT_LIMIT => Some(f as i128),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            ConstValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Folds `x op y`. `int_div` selects truncated integer division for `/` (the
    /// operands' type is an integer type); otherwise `/` on integers is exact float
    /// division only if both are untyped floats, which the caller expresses by
    /// passing `Float` values.
    pub fn binary(&self, op: ConstOp, y: &ConstValue, int_div: bool) -> Result<ConstValue, ConstError> {
        use ConstValue::*;
        match (self, y) {
            (String(a), String(b)) if op == ConstOp::Add => {
                let mut s = a.clone();
                s.extend_from_slice(b);
                Ok(String(s))
            }
            (Int(a), Int(b)) => int_op(op, *a, *b, int_div),
            (Int(_) | Float(_), Int(_) | Float(_)) => {
                if int_div {
                    // An integer-typed operation on integral float values (`const c int = 2.0`).
                    match (self.as_int_exact(), y.as_int_exact()) {
                        (Some(a), Some(b)) => return int_op(op, a, b, true),
                        _ => return Err(ConstError::Invalid),
                    }
                }
                let (a, b) = (self.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
                let r = match op {
                    ConstOp::Add => a + b,
                    ConstOp::Sub => a - b,
                    ConstOp::Mul => a * b,
                    ConstOp::Div => {
                        if b == 0.0 {
                            return Err(ConstError::DivByZero);
                        }
                        a / b
                    }
                    _ => return Err(ConstError::Invalid),
                };
                if r.is_finite() {
                    Ok(Float(r))
                } else {
                    Err(ConstError::Overflow)
                }
            }
            _ => Err(ConstError::Invalid),
        }
    }

    /// Folds `x << s` / `x >> s` on an integer value.
    pub fn shift(&self, left: bool, s: u64) -> Result<ConstValue, ConstError> {
        let x = self.as_int_exact().ok_or(ConstError::Invalid)?;
        if left {
            if x == 0 {
                return Ok(ConstValue::Int(0));
            }
            if s >= 127 {
                return Err(ConstError::Overflow);
            }
            let r = x.checked_shl(s as u32).ok_or(ConstError::Overflow)?;
            if r >> s != x {
                return Err(ConstError::Overflow);
            }
            Ok(ConstValue::Int(r))
        } else {
            Ok(ConstValue::Int(if s >= 127 { if x < 0 { -1 } else { 0 } } else { x >> s }))
        }
    }

    /// Folds unary minus.
    pub fn neg(&self) -> Result<ConstValue, ConstError> {
        match *self {
            ConstValue::Int(i) => i.checked_neg().map(ConstValue::Int).ok_or(ConstError::Overflow),
            ConstValue::Float(f) => Ok(ConstValue::Float(-f)),
            _ => Err(ConstError::Invalid),
        }
    }

    /// Folds `^x`. `unsigned_bits` is the size of an unsigned typed operand, whose
    /// complement is taken within that many bits; otherwise `^x == -x - 1`.
    pub fn complement(&self, unsigned_bits: Option<u32>) -> Result<ConstValue, ConstError> {
        let x = match *self {
            ConstValue::Int(i) => i,
            _ => return Err(ConstError::Invalid),
        };
        match unsigned_bits {
            Some(bits) if bits < 127 => {
                let mask = (1i128 << bits) - 1;
                Ok(ConstValue::Int(!x & mask))
            }
            _ => Ok(ConstValue::Int(!x)),
        }
    }

    /// Folds `!x`.
    pub fn not(&self) -> Result<ConstValue, ConstError> {
        match *self {
            ConstValue::Bool(b) => Ok(ConstValue::Bool(!b)),
            _ => Err(ConstError::Invalid),
        }
    }

    /// Compares two constants of the same kind (ints and floats mix).
    pub fn compare(&self, op: CmpOp, y: &ConstValue) -> Result<bool, ConstError> {
        use std::cmp::Ordering;
        let ord: Option<Ordering> = match (self, y) {
            (ConstValue::Int(a), ConstValue::Int(b)) => Some(a.cmp(b)),
            (ConstValue::Int(_) | ConstValue::Float(_), ConstValue::Int(_) | ConstValue::Float(_)) => {
                self.as_f64().unwrap_or(0.0).partial_cmp(&y.as_f64().unwrap_or(0.0))
            }
            (ConstValue::String(a), ConstValue::String(b)) => Some(a.cmp(b)),
            (ConstValue::Bool(a), ConstValue::Bool(b)) => {
                return match op {
                    CmpOp::Eq => Ok(a == b),
                    CmpOp::Ne => Ok(a != b),
                    _ => Err(ConstError::Invalid),
                }
            }
            _ => return Err(ConstError::Invalid),
        };
        let Some(ord) = ord else { return Ok(op == CmpOp::Ne) };
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
    /// representable there: integers for integer types (in range, no fraction),
    /// `Float` for float types, unchanged strings and bools. Untyped targets keep
    /// the value's kind but ints/floats move to the target's kind (`UntypedFloat`
    /// turns an `Int` into a `Float`).
    pub fn represent(&self, b: Basic) -> Result<ConstValue, ReprError> {
        use Basic::*;
        match b {
            Invalid => Ok(self.clone()),
            Bool | UntypedBool => match self {
                ConstValue::Bool(_) => Ok(self.clone()),
                _ => Err(ReprError::NotRepresentable),
            },
            String | UntypedString => match self {
                ConstValue::String(_) => Ok(self.clone()),
                _ => Err(ReprError::NotRepresentable),
            },
            Float64 | UntypedFloat => match *self {
                ConstValue::Int(i) => Ok(ConstValue::Float(i as f64)),
                ConstValue::Float(f) if f.is_finite() => Ok(ConstValue::Float(f)),
                ConstValue::Float(_) => Err(ReprError::Overflows),
                _ => Err(ReprError::NotRepresentable),
            },
            UntypedNil => Err(ReprError::NotRepresentable),
            UntypedInt | UntypedRune | Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr => {
                let i = match *self {
                    ConstValue::Int(i) => i,
                    ConstValue::Float(f) => {
                        if !f.is_finite() || f.abs() >= I128_FLOAT_LIMIT {
                            return Err(ReprError::Overflows);
                        }
                        if f.fract() != 0.0 {
                            return Err(ReprError::Truncated);
                        }
                        f as i128
                    }
                    _ => return Err(ReprError::NotRepresentable),
                };
                let (lo, hi) = int_range(b);
                if i < lo || i > hi {
                    return Err(ReprError::Overflows);
                }
                Ok(ConstValue::Int(i))
            }
        }
    }

    /// Go's `constant.Value.String()` spelling, as diagnostics print values: strings
    /// quoted (and shortened), floats in the shortest form.
    pub fn go_string(&self) -> String {
        match self {
            ConstValue::Bool(b) => b.to_string(),
            ConstValue::Int(i) => i.to_string(),
            ConstValue::Float(f) => format_float(*f),
            ConstValue::String(s) => {
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

/// The inclusive value range of an integer basic type (untyped: the i128 range).
pub fn int_range(b: Basic) -> (i128, i128) {
    use Basic::*;
    match b {
        Int8 => (i8::MIN as i128, i8::MAX as i128),
        Int16 => (i16::MIN as i128, i16::MAX as i128),
        Int32 => (i32::MIN as i128, i32::MAX as i128),
        Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
        Uint8 => (0, u8::MAX as i128),
        Uint16 => (0, u16::MAX as i128),
        Uint32 => (0, u32::MAX as i128),
        Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
        _ => (i128::MIN, i128::MAX),
    }
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

fn int_op(op: ConstOp, a: i128, b: i128, int_div: bool) -> Result<ConstValue, ConstError> {
    let r = match op {
        ConstOp::Add => a.checked_add(b),
        ConstOp::Sub => a.checked_sub(b),
        ConstOp::Mul => a.checked_mul(b),
        ConstOp::Div => {
            if b == 0 {
                return Err(ConstError::DivByZero);
            }
            if !int_div {
                return Ok(ConstValue::Float(a as f64 / b as f64));
            }
            a.checked_div(b)
        }
        ConstOp::Rem => {
            if b == 0 {
                return Err(ConstError::DivByZero);
            }
            a.checked_rem(b)
        }
        ConstOp::And => Some(a & b),
        ConstOp::Or => Some(a | b),
        ConstOp::Xor => Some(a ^ b),
        ConstOp::AndNot => Some(a & !b),
    };
    r.map(ConstValue::Int).ok_or(ConstError::Overflow)
}

fn format_float(f: f64) -> String {
    if f == f.trunc() && f.abs() < 1e21 {
        // go/constant prints integral floats without a fraction (`2`, `1e+06` only
        // for large ones).
        let s = format!("{f}");
        if f.abs() >= 1e6 && s.trim_start_matches('-').len() > 7 {
            return format_exp(f);
        }
        return s;
    }
    let s = format!("{f}");
    if s.len() > 12 || f.abs() >= 1e21 || (f != 0.0 && f.abs() < 1e-4) {
        format_exp(f)
    } else {
        s
    }
}

fn format_exp(f: f64) -> String {
    // Go: `%.6g` for large/small floats — mantissa with up to 6 significant digits.
    let s = format!("{f:.5e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
    let exp: i32 = exp.parse().unwrap_or(0);
    format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
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

    #[test]
    fn integer_arithmetic_is_exact_and_checked() {
        let a = ConstValue::Int(7);
        let b = ConstValue::Int(2);
        assert_eq!(a.binary(ConstOp::Div, &b, true), Ok(ConstValue::Int(3)));
        assert_eq!(a.binary(ConstOp::Div, &b, false), Ok(ConstValue::Float(3.5)));
        assert_eq!(a.binary(ConstOp::Rem, &ConstValue::Int(0), true), Err(ConstError::DivByZero));
        assert_eq!(ConstValue::Int(i128::MAX).binary(ConstOp::Add, &b, true), Err(ConstError::Overflow));
        assert_eq!(ConstValue::Int(1).shift(true, 100), Ok(ConstValue::Int(1 << 100)));
        assert_eq!(ConstValue::Int(1).shift(true, 127), Err(ConstError::Overflow));
    }

    #[test]
    fn representability() {
        assert_eq!(ConstValue::Int(300).represent(Basic::Int8), Err(ReprError::Overflows));
        assert_eq!(ConstValue::Float(2.5).represent(Basic::Int), Err(ReprError::Truncated));
        assert_eq!(ConstValue::Float(2.0).represent(Basic::Int), Ok(ConstValue::Int(2)));
        assert_eq!(ConstValue::Int(3).represent(Basic::Float64), Ok(ConstValue::Float(3.0)));
        assert_eq!(ConstValue::Int(255).complement(Some(8)), Ok(ConstValue::Int(0)));
        assert_eq!(ConstValue::Int(0).complement(None), Ok(ConstValue::Int(-1)));
    }

    #[test]
    fn go_spelling_of_values() {
        assert_eq!(ConstValue::Float(2.5).go_string(), "2.5");
        assert_eq!(ConstValue::Float(1e100).go_string(), "1e+100");
        assert_eq!(ConstValue::String(b"a\n".to_vec()).go_string(), "\"a\\n\"");
    }
}
