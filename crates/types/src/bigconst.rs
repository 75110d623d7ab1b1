//! Arbitrary-precision integers and rationals for the checker's exact constants.
//!
//! Go's untyped constants are exact: integers of at least 512 bits (go/types rejects
//! larger ones), floats as exact rationals while they stay of reasonable size (Go's
//! `go/constant` keeps a `big.Rat` and only falls back to a 512-bit `big.Float` for
//! enormous exponents). This module supplies exactly what that needs — no more:
//! [`BigInt`] (sign and magnitude) with the arithmetic, bitwise and shift operators
//! of Go integers, and [`BigRat`] (a normalised fraction) with the four operations,
//! exact conversion from `f64` and correctly rounded conversion to `f64` and `f32`.
//!
//! Not responsible for: what Go does with the values (constant.rs), diagnostics.
//! Speed is secondary: operands are at most a few thousand bits, so schoolbook
//! multiplication, bit-at-a-time long division and binary GCD are plenty.

use std::cmp::Ordering;
use std::fmt;

/// A signed integer of any size. Invariant: `mag` (little-endian 64-bit limbs) has no
/// high zero limbs, and zero is never negative — so derived equality is numeric.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct BigInt {
    neg: bool,
    mag: Vec<u64>,
}

// ----- magnitudes (little-endian limbs) -----

fn trim(mut v: Vec<u64>) -> Vec<u64> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

fn mag_cmp(a: &[u64], b: &[u64]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x.cmp(y);
        }
    }
    Ordering::Equal
}

fn mag_add(a: &[u64], b: &[u64]) -> Vec<u64> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in a.iter().enumerate() {
        let (s1, c1) = x.overflowing_add(b.get(i).copied().unwrap_or(0));
        let (s2, c2) = s1.overflowing_add(carry);
        out.push(s2);
        carry = (c1 as u64) + (c2 as u64);
    }
    if carry != 0 {
        out.push(carry);
    }
    out
}

/// `a - b` for `a >= b`.
fn mag_sub(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0u64;
    for (i, &x) in a.iter().enumerate() {
        let (d1, b1) = x.overflowing_sub(b.get(i).copied().unwrap_or(0));
        let (d2, b2) = d1.overflowing_sub(borrow);
        out.push(d2);
        borrow = (b1 as u64) + (b2 as u64);
    }
    debug_assert_eq!(borrow, 0, "mag_sub: a < b");
    trim(out)
}

fn mag_mul(a: &[u64], b: &[u64]) -> Vec<u64> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u64; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u128;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u128 * y as u128 + out[i + j] as u128 + carry;
            out[i + j] = t as u64;
            carry = t >> 64;
        }
        out[i + b.len()] = carry as u64;
    }
    trim(out)
}

fn mag_bit_len(a: &[u64]) -> u64 {
    match a.last() {
        None => 0,
        Some(&top) => (a.len() as u64 - 1) * 64 + (64 - top.leading_zeros() as u64),
    }
}

fn mag_bit(a: &[u64], i: u64) -> bool {
    a.get((i / 64) as usize).is_some_and(|&l| l >> (i % 64) & 1 == 1)
}

fn mag_shl(a: &[u64], s: u64) -> Vec<u64> {
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, bits) = ((s / 64) as usize, (s % 64) as u32);
    let mut out = vec![0u64; limbs];
    if bits == 0 {
        out.extend_from_slice(a);
    } else {
        let mut carry = 0u64;
        for &x in a {
            out.push(x << bits | carry);
            carry = x >> (64 - bits);
        }
        out.push(carry);
    }
    trim(out)
}

fn mag_shr(a: &[u64], s: u64) -> Vec<u64> {
    let limbs = (s / 64) as usize;
    if limbs >= a.len() {
        return Vec::new();
    }
    let bits = (s % 64) as u32;
    let src = &a[limbs..];
    let out = if bits == 0 {
        src.to_vec()
    } else {
        (0..src.len()).map(|i| src[i] >> bits | src.get(i + 1).map_or(0, |&h| h << (64 - bits))).collect()
    };
    trim(out)
}

/// Whether any of the low `s` bits of `a` is set.
fn mag_low_bits_set(a: &[u64], s: u64) -> bool {
    let limbs = (s / 64) as usize;
    if a.iter().take(limbs).any(|&l| l != 0) {
        return true;
    }
    let bits = s % 64;
    bits != 0 && a.get(limbs).is_some_and(|&l| l & ((1u64 << bits) - 1) != 0)
}

/// Quotient and remainder of magnitudes; `b` is not zero.
fn mag_divrem(a: &[u64], b: &[u64]) -> (Vec<u64>, Vec<u64>) {
    if mag_cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let d = b[0] as u128;
        let mut q = vec![0u64; a.len()];
        let mut r = 0u128;
        for i in (0..a.len()).rev() {
            let cur = r << 64 | a[i] as u128;
            q[i] = (cur / d) as u64;
            r = cur % d;
        }
        return (trim(q), trim(vec![r as u64]));
    }
    // Bit-at-a-time long division: operands are small (see the module doc).
    let n = mag_bit_len(a);
    let mut q = vec![0u64; a.len()];
    let mut r: Vec<u64> = Vec::with_capacity(b.len() + 1);
    for i in (0..n).rev() {
        r = mag_shl(&r, 1);
        if mag_bit(a, i) {
            if r.is_empty() {
                r.push(1);
            } else {
                r[0] |= 1;
            }
        }
        if mag_cmp(&r, b) != Ordering::Less {
            r = mag_sub(&r, b);
            q[(i / 64) as usize] |= 1 << (i % 64);
        }
    }
    (trim(q), r)
}

fn mag_trailing_zeros(a: &[u64]) -> u64 {
    let mut n = 0;
    for &l in a {
        if l == 0 {
            n += 64;
        } else {
            return n + l.trailing_zeros() as u64;
        }
    }
    n
}

/// Binary GCD of magnitudes.
fn mag_gcd(a: &[u64], b: &[u64]) -> Vec<u64> {
    if a.is_empty() {
        return b.to_vec();
    }
    if b.is_empty() {
        return a.to_vec();
    }
    let (za, zb) = (mag_trailing_zeros(a), mag_trailing_zeros(b));
    let k = za.min(zb);
    let mut u = mag_shr(a, za);
    let mut v = mag_shr(b, zb);
    loop {
        // u and v are odd.
        match mag_cmp(&u, &v) {
            Ordering::Equal => break,
            Ordering::Greater => std::mem::swap(&mut u, &mut v),
            Ordering::Less => {}
        }
        v = mag_sub(&v, &u);
        let z = mag_trailing_zeros(&v);
        v = mag_shr(&v, z);
    }
    mag_shl(&u, k)
}

/// Two's complement of `x` in `n` limbs (`n` large enough for the sign).
fn to_twos(x: &BigInt, n: usize) -> Vec<u64> {
    let mut v = x.mag.clone();
    v.resize(n, 0);
    if x.neg {
        let mut carry = true;
        for l in v.iter_mut() {
            *l = !*l;
            if carry {
                let (s, c) = l.overflowing_add(1);
                *l = s;
                carry = c;
            }
        }
    }
    v
}

fn from_twos(mut v: Vec<u64>) -> BigInt {
    let neg = v.last().is_some_and(|&t| t >> 63 == 1);
    if neg {
        let mut carry = true;
        for l in v.iter_mut() {
            *l = !*l;
            if carry {
                let (s, c) = l.overflowing_add(1);
                *l = s;
                carry = c;
            }
        }
    }
    BigInt::from_parts(neg, v)
}

impl BigInt {
    fn from_parts(neg: bool, mag: Vec<u64>) -> BigInt {
        let mag = trim(mag);
        BigInt { neg: neg && !mag.is_empty(), mag }
    }

    pub fn zero() -> BigInt {
        BigInt::default()
    }

    pub fn from_i128(i: i128) -> BigInt {
        let m = i.unsigned_abs();
        BigInt::from_parts(i < 0, vec![m as u64, (m >> 64) as u64])
    }

    pub fn from_u128(m: u128) -> BigInt {
        BigInt::from_parts(false, vec![m as u64, (m >> 64) as u64])
    }

    /// The value as an `i128`, if it fits.
    pub fn to_i128(&self) -> Option<i128> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self.mag.first().copied().unwrap_or(0) as u128 | (self.mag.get(1).copied().unwrap_or(0) as u128) << 64;
        if self.neg {
            if m <= i128::MAX as u128 + 1 {
                Some((m as i128).wrapping_neg())
            } else {
                None
            }
        } else {
            i128::try_from(m).ok()
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Bits of the magnitude (Go's `big.Int.BitLen`).
    pub fn bit_len(&self) -> u64 {
        mag_bit_len(&self.mag)
    }

    /// Parses unsigned digits in `radix` (2..=16); `None` on an invalid digit or
    /// no digits.
    pub fn parse(digits: &str, radix: u32) -> Option<BigInt> {
        if digits.is_empty() {
            return None;
        }
        let mut mag: Vec<u64> = Vec::new();
        for c in digits.chars() {
            let d = c.to_digit(radix)? as u64;
            // mag = mag * radix + d
            let mut carry = d as u128;
            for l in mag.iter_mut() {
                let t = *l as u128 * radix as u128 + carry;
                *l = t as u64;
                carry = t >> 64;
            }
            if carry != 0 {
                mag.push(carry as u64);
            }
        }
        Some(BigInt::from_parts(false, mag))
    }

    pub fn pow10(n: u32) -> BigInt {
        let mut r = BigInt::from_i128(1);
        let mut base = BigInt::from_i128(10);
        let mut n = n;
        while n > 0 {
            if n & 1 == 1 {
                r = r.mul(&base);
            }
            n >>= 1;
            if n > 0 {
                base = base.mul(&base);
            }
        }
        r
    }

    pub fn neg(&self) -> BigInt {
        BigInt::from_parts(!self.neg, self.mag.clone())
    }

    pub fn abs(&self) -> BigInt {
        BigInt::from_parts(false, self.mag.clone())
    }

    pub fn add(&self, y: &BigInt) -> BigInt {
        if self.neg == y.neg {
            return BigInt::from_parts(self.neg, mag_add(&self.mag, &y.mag));
        }
        match mag_cmp(&self.mag, &y.mag) {
            Ordering::Less => BigInt::from_parts(y.neg, mag_sub(&y.mag, &self.mag)),
            _ => BigInt::from_parts(self.neg, mag_sub(&self.mag, &y.mag)),
        }
    }

    pub fn sub(&self, y: &BigInt) -> BigInt {
        self.add(&y.neg())
    }

    pub fn mul(&self, y: &BigInt) -> BigInt {
        BigInt::from_parts(self.neg != y.neg, mag_mul(&self.mag, &y.mag))
    }

    /// Truncated division and remainder (Go's `/` and `%`); `None` for a zero divisor.
    pub fn div_rem(&self, y: &BigInt) -> Option<(BigInt, BigInt)> {
        if y.is_zero() {
            return None;
        }
        let (q, r) = mag_divrem(&self.mag, &y.mag);
        Some((BigInt::from_parts(self.neg != y.neg, q), BigInt::from_parts(self.neg, r)))
    }

    pub fn shl(&self, s: u64) -> BigInt {
        BigInt::from_parts(self.neg, mag_shl(&self.mag, s))
    }

    /// Arithmetic shift right (rounds towards negative infinity, as Go's `>>`).
    pub fn shr(&self, s: u64) -> BigInt {
        let q = BigInt::from_parts(self.neg, mag_shr(&self.mag, s));
        if self.neg && mag_low_bits_set(&self.mag, s) {
            q.sub(&BigInt::from_i128(1))
        } else {
            q
        }
    }

    fn bitwise(&self, y: &BigInt, f: impl Fn(u64, u64) -> u64) -> BigInt {
        let n = self.mag.len().max(y.mag.len()) + 1;
        let (a, b) = (to_twos(self, n), to_twos(y, n));
        from_twos(a.iter().zip(&b).map(|(&x, &y)| f(x, y)).collect())
    }

    pub fn and(&self, y: &BigInt) -> BigInt {
        self.bitwise(y, |a, b| a & b)
    }

    pub fn or(&self, y: &BigInt) -> BigInt {
        self.bitwise(y, |a, b| a | b)
    }

    pub fn xor(&self, y: &BigInt) -> BigInt {
        self.bitwise(y, |a, b| a ^ b)
    }

    pub fn and_not(&self, y: &BigInt) -> BigInt {
        self.bitwise(y, |a, b| a & !b)
    }

    /// `^x` of an unbounded integer: `-x - 1`.
    pub fn not(&self) -> BigInt {
        self.neg().sub(&BigInt::from_i128(1))
    }

    fn gcd(&self, y: &BigInt) -> BigInt {
        BigInt::from_parts(false, mag_gcd(&self.mag, &y.mag))
    }

    pub fn to_f64(&self) -> f64 {
        BigRat::from_int(self.clone()).to_f64()
    }
}

impl Ord for BigInt {
    fn cmp(&self, y: &BigInt) -> Ordering {
        match (self.neg, y.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => mag_cmp(&self.mag, &y.mag),
            (true, true) => mag_cmp(&y.mag, &self.mag),
        }
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, y: &BigInt) -> Option<Ordering> {
        Some(self.cmp(y))
    }
}

impl fmt::Display for BigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        // Peel off 19 decimal digits at a time.
        const CHUNK: u64 = 10_000_000_000_000_000_000;
        let mut chunks = Vec::new();
        let mut m = self.mag.clone();
        while !m.is_empty() {
            let (q, r) = mag_divrem(&m, &[CHUNK]);
            chunks.push(r.first().copied().unwrap_or(0));
            m = q;
        }
        let mut s = String::new();
        if self.neg {
            s.push('-');
        }
        s.push_str(&chunks.last().copied().unwrap_or(0).to_string());
        for c in chunks.iter().rev().skip(1) {
            s.push_str(&format!("{c:019}"));
        }
        f.write_str(&s)
    }
}

/// An exact fraction. Invariant: `den > 0` and `gcd(num, den) == 1`, so derived
/// equality is numeric.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigRat {
    num: BigInt,
    den: BigInt,
}

impl BigRat {
    /// `num / den`; `None` if `den` is zero.
    pub fn new(num: BigInt, den: BigInt) -> Option<BigRat> {
        if den.is_zero() {
            return None;
        }
        let (num, den) = if den.neg { (num.neg(), den.neg()) } else { (num, den) };
        let g = num.gcd(&den);
        if g.mag == [1] || num.is_zero() {
            let den = if num.is_zero() { BigInt::from_i128(1) } else { den };
            return Some(BigRat { num, den });
        }
        let (n, _) = num.div_rem(&g)?;
        let (d, _) = den.div_rem(&g)?;
        Some(BigRat { num: n, den: d })
    }

    pub fn from_int(i: BigInt) -> BigRat {
        BigRat { num: i, den: BigInt::from_i128(1) }
    }

    pub fn num(&self) -> &BigInt {
        &self.num
    }

    pub fn den(&self) -> &BigInt {
        &self.den
    }

    pub fn is_int(&self) -> bool {
        self.den.mag == [1]
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.num.neg
    }

    /// The larger of the bit lengths of numerator and denominator: a measure of the
    /// value's size for limits.
    pub fn bit_len(&self) -> u64 {
        self.num.bit_len().max(self.den.bit_len())
    }

    /// The exact value of a finite `f64`; `None` for infinities and NaN.
    pub fn from_f64(f: f64) -> Option<BigRat> {
        if !f.is_finite() {
            return None;
        }
        let bits = f.to_bits();
        let neg = bits >> 63 == 1;
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
        let m = BigInt::from_parts(neg, vec![mant]);
        if e >= 0 {
            Some(BigRat::from_int(m.shl(e as u64)))
        } else {
            BigRat::new(m, BigInt::from_i128(1).shl((-e) as u64))
        }
    }

    pub fn neg(&self) -> BigRat {
        BigRat { num: self.num.neg(), den: self.den.clone() }
    }

    pub fn add(&self, y: &BigRat) -> BigRat {
        let n = self.num.mul(&y.den).add(&y.num.mul(&self.den));
        BigRat::new(n, self.den.mul(&y.den)).expect("nonzero denominators")
    }

    pub fn sub(&self, y: &BigRat) -> BigRat {
        self.add(&y.neg())
    }

    pub fn mul(&self, y: &BigRat) -> BigRat {
        BigRat::new(self.num.mul(&y.num), self.den.mul(&y.den)).expect("nonzero denominators")
    }

    /// `None` when dividing by zero.
    pub fn div(&self, y: &BigRat) -> Option<BigRat> {
        BigRat::new(self.num.mul(&y.den), self.den.mul(&y.num))
    }

    /// The integer part, truncated towards zero.
    pub fn trunc(&self) -> BigInt {
        self.num.div_rem(&self.den).map(|(q, _)| q).unwrap_or_default()
    }

    /// The nearest `f64` (ties to even); infinite when beyond `f64`'s range.
    pub fn to_f64(&self) -> f64 {
        // `None` rounds to infinity: all exponent bits set, mantissa zero.
        let bits = self.round_binary(&F64_FORMAT).unwrap_or(0x7ff << 52);
        let f = f64::from_bits(bits);
        if self.num.neg {
            -f
        } else {
            f
        }
    }

    /// The nearest `f32` (ties to even, rounded once from the exact value, as Go's
    /// `big.Rat.Float32` does); infinite when beyond `f32`'s range.
    pub fn to_f32(&self) -> f32 {
        let bits = self.round_binary(&F32_FORMAT).map_or(0xff << 23, |b| b as u32);
        let f = f32::from_bits(bits);
        if self.num.neg {
            -f
        } else {
            f
        }
    }

    /// The IEEE bit pattern (without sign) of `|self|` correctly rounded to format
    /// `fmt`; `None` if it rounds beyond the largest finite value.
    fn round_binary(&self, fmt: &FloatFormat) -> Option<u64> {
        if self.num.is_zero() {
            return Some(0);
        }
        let prec = fmt.mant_bits as i64 + 1;
        let (p, q) = (&self.num.mag, &self.den.mag);
        // Scale so that the integer quotient has at least prec + 13 bits: the
        // mantissa plus room for rounding; the remainder is the sticky bit.
        let e = mag_bit_len(p) as i64 - mag_bit_len(q) as i64;
        let k = prec + 13 - e;
        let (quot, rem) = if k >= 0 { mag_divrem(&mag_shl(p, k as u64), q) } else { mag_divrem(p, &mag_shl(q, (-k) as u64)) };
        let sticky = !rem.is_empty();
        let n = mag_bit_len(&quot) as i64;
        // value = (quot + frac) * 2^-k, its top bit has weight 2^(n-1-k).
        let top = n - 1 - k;
        if top > fmt.max_exp {
            return None;
        }
        // The weight of the last mantissa bit: `prec` bits for normal numbers, fewer
        // for subnormals (whose last bit always weighs 2^min_ulp).
        let ulp = (top - (prec - 1)).max(fmt.min_ulp);
        let shift = (ulp + k) as u64; // >= 13 as n >= prec + 13
        let mut m = mag_shr(&quot, shift);
        let half = mag_bit(&quot, shift - 1);
        let rest = sticky || mag_low_bits_set(&quot, shift - 1);
        let odd = mag_bit(&m, 0);
        if half && (rest || odd) {
            m = mag_add(&m, &[1]);
        }
        let mut m = m.first().copied().unwrap_or(0);
        let mut ulp = ulp;
        if m == 1 << prec {
            m >>= 1;
            ulp += 1;
        }
        let hidden = 1u64 << fmt.mant_bits;
        if m < hidden {
            // Subnormal (ulp is min_ulp) or zero.
            return Some(m);
        }
        let biased = ulp + fmt.mant_bits as i64 + fmt.max_exp;
        // The all-ones exponent (2 * bias + 1) encodes infinity.
        if biased > 2 * fmt.max_exp {
            return None;
        }
        Some((biased as u64) << fmt.mant_bits | (m & (hidden - 1)))
    }
}

/// An IEEE 754 binary format, as [`BigRat::round_binary`] needs it.
struct FloatFormat {
    /// Stored mantissa bits (the leading 1 of normal numbers is implicit).
    mant_bits: u32,
    /// Largest exponent of a finite value (also the exponent bias).
    max_exp: i64,
    /// The exponent of the smallest subnormal.
    min_ulp: i64,
}

const F64_FORMAT: FloatFormat = FloatFormat { mant_bits: 52, max_exp: 1023, min_ulp: -1074 };
const F32_FORMAT: FloatFormat = FloatFormat { mant_bits: 23, max_exp: 127, min_ulp: -149 };

impl Ord for BigRat {
    fn cmp(&self, y: &BigRat) -> Ordering {
        self.num.mul(&y.den).cmp(&y.num.mul(&self.den))
    }
}

impl PartialOrd for BigRat {
    fn partial_cmp(&self, y: &BigRat) -> Option<Ordering> {
        Some(self.cmp(y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i128) -> BigInt {
        BigInt::from_i128(i)
    }

    fn rat(n: i128, d: i128) -> BigRat {
        BigRat::new(int(n), int(d)).unwrap()
    }

    #[test]
    fn integer_arithmetic_matches_i128() {
        let vals = [0i128, 1, -1, 7, -7, 1 << 64, -(1 << 64) + 3, i64::MAX as i128, i64::MIN as i128, 123456789012345678901234567];
        for &a in &vals {
            assert_eq!(int(a).to_i128(), Some(a));
            assert_eq!(int(a).to_string(), a.to_string());
            for &b in &vals {
                let (x, y) = (int(a), int(b));
                if let Some(s) = a.checked_add(b) {
                    assert_eq!(x.add(&y), int(s), "{a}+{b}");
                }
                if let Some(s) = a.checked_sub(b) {
                    assert_eq!(x.sub(&y), int(s), "{a}-{b}");
                }
                if let Some(s) = a.checked_mul(b) {
                    assert_eq!(x.mul(&y), int(s), "{a}*{b}");
                }
                if b != 0 {
                    assert_eq!(x.div_rem(&y), Some((int(a / b), int(a % b))), "{a}/{b}");
                }
                assert_eq!(x.and(&y), int(a & b), "{a}&{b}");
                assert_eq!(x.or(&y), int(a | b), "{a}|{b}");
                assert_eq!(x.xor(&y), int(a ^ b), "{a}^{b}");
                assert_eq!(x.and_not(&y), int(a & !b), "{a}&^{b}");
                assert_eq!(x.cmp(&y), a.cmp(&b));
            }
            for s in [0u64, 1, 5, 63, 64, 65, 100] {
                assert_eq!(int(a).shr(s), int(a >> s.min(127)), "{a}>>{s}");
            }
        }
    }

    #[test]
    fn big_values() {
        let big = int(1).shl(200);
        assert_eq!(big.bit_len(), 201);
        assert_eq!(big.shr(198), int(4));
        assert_eq!(big.to_i128(), None);
        let (q, r) = big.sub(&int(1)).div_rem(&int(10)).unwrap();
        assert_eq!(r, int(5));
        assert_eq!(q.mul(&int(10)).add(&r), big.sub(&int(1)));
        let (q, r) = big.div_rem(&int(1).shl(130).add(&int(12345))).unwrap();
        assert_eq!(q.mul(&int(1).shl(130).add(&int(12345))).add(&r), big);
        assert_eq!(big.to_string(), "1606938044258990275541962092341162602522202993782792835301376");
        assert_eq!(BigInt::parse("1606938044258990275541962092341162602522202993782792835301376", 10), Some(big.clone()));
        assert_eq!(big.to_f64(), 2f64.powi(200));
        assert_eq!(BigInt::pow10(25).to_string(), "10000000000000000000000000");
    }

    #[test]
    fn rationals_round_correctly() {
        assert_eq!(rat(1, 10).add(&rat(2, 10)), rat(3, 10));
        assert_eq!(rat(3, 10).to_f64(), 0.3);
        assert_eq!(rat(1, 3).to_f64(), 1.0 / 3.0);
        assert_eq!(rat(-2, 4), rat(1, -2));
        for f in [0.1, 1e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -3.75, 123456.789e-200] {
            assert_eq!(BigRat::from_f64(f).unwrap().to_f64(), f);
        }
        // 2^-1075 is exactly half the smallest subnormal: ties to even gives 0.
        let tiny = BigRat::new(int(1), int(1).shl(1075)).unwrap();
        assert_eq!(tiny.to_f64(), 0.0);
        let e300 = BigRat::from_int(BigInt::pow10(300));
        assert_eq!(e300.mul(&e300).div(&e300).unwrap().to_f64(), 1e300);
        assert_eq!(e300.mul(&e300).to_f64(), f64::INFINITY);
        // 2^53 + 1 rounds to even (down), 2^53 + 3 up.
        assert_eq!(BigRat::from_int(int((1 << 53) + 1)).to_f64(), 9007199254740992.0);
        assert_eq!(BigRat::from_int(int((1 << 53) + 3)).to_f64(), 9007199254740996.0);
    }

    #[test]
    fn rationals_round_correctly_to_f32() {
        assert_eq!(rat(1, 10).to_f32(), 0.1f32);
        assert_eq!(rat(1, 10).to_f32() as f64, 0.10000000149011612);
        assert_eq!(rat(-1, 3).to_f32(), -1.0f32 / 3.0);
        for f in [f32::MAX, f32::MIN_POSITIVE, 1e-45, 1.5e-40, -3.75, 16777216.0, 0.0] {
            assert_eq!(BigRat::from_f64(f as f64).unwrap().to_f32(), f);
        }
        // Half an ulp above f32::MAX still rounds down (ties to even: MAX is odd,
        // so exactly half way goes up to infinity); anything larger overflows.
        let max = BigRat::from_f64(f32::MAX as f64).unwrap();
        let half_ulp = BigRat::from_int(int(1).shl(103));
        assert_eq!(max.add(&half_ulp).sub(&rat(1, 1)).to_f32(), f32::MAX);
        assert_eq!(max.add(&half_ulp).to_f32(), f32::INFINITY);
        assert_eq!(BigRat::from_int(BigInt::pow10(39)).neg().to_f32(), f32::NEG_INFINITY);
        // 2^-150 is half the smallest subnormal: ties to even gives 0.
        assert_eq!(BigRat::new(int(1), int(1).shl(150)).unwrap().to_f32(), 0.0);
        assert_eq!(BigRat::new(int(3), int(1).shl(151)).unwrap().to_f32(), 1e-45);
        // Rounding once, not via f64: 1 + 2^-24 + 2^-60 is just above the half-way
        // point between two f32s, but rounds to f64 as exactly that half-way point.
        let x = BigRat::from_int(int(1)).add(&BigRat::new(int(1), int(1).shl(24)).unwrap()).add(&BigRat::new(int(1), int(1).shl(60)).unwrap());
        assert_eq!(x.to_f64() as f32, 1.0);
        assert_eq!(x.to_f32(), 1.0 + f32::EPSILON);
    }
}
