//! Exact numbers.
//!
//! Every value quantext reads is kept as an exact fraction of two 128-bit integers, reduced to lowest
//! terms: `738.5 million` is exactly `738500000`, `51.4` stays `51.4`, `one in three` is exactly `1/3`.
//! Arithmetic is checked: a value that does not fit (a number with 10,000 digits, `1e309`,
//! `999 trillion trillion trillion`) is an overflow, never `inf` or a silently wrong number.
//!
//! In JSON a [`Number`] is written as a float (the data contract), and read back from one.
//!
//! ```
//! use quantext::Number;
//! let n: Number = "738.5".parse().unwrap();
//! let million = Number::from(1_000_000);
//! assert_eq!(n.checked_mul(million).unwrap(), Number::from(738_500_000));
//! assert_eq!(Number::ratio(1, 5).unwrap().to_string(), "0.2");
//! assert_eq!(Number::ratio(1, 3).unwrap().to_string(), "1/3");
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// An exact rational number (numerator / denominator, reduced, denominator positive).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    num: i128,
    den: i128,
}

/// The error of an arithmetic step whose result does not fit in a [`Number`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("number too large to represent exactly")
    }
}

impl std::error::Error for Overflow {}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    // Most parts fit in 64 bits, where the remainder is one instruction rather than a call.
    if let (Ok(mut x), Ok(mut y)) = (u64::try_from(a), u64::try_from(b)) {
        while y != 0 {
            let t = x % y;
            x = y;
            y = t;
        }
        return i128::from(x);
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// `a / b` as i128 division gives it, through a 64-bit division when both fit (i128 division is a
/// library call) and without one when `b` is 1.
#[inline]
fn div(a: i128, b: i128) -> i128 {
    if b == 1 {
        return a;
    }
    if let (Ok(x), Ok(y)) = (i64::try_from(a), i64::try_from(b))
        && let Some(q) = x.checked_div(y)
    {
        return i128::from(q);
    }
    a / b
}

/// `a * b` as i128's checked product gives it, without the overflow-checking library call when
/// both fit in 64 bits (their product then always fits in 128).
#[inline]
fn mul(a: i128, b: i128) -> Option<i128> {
    if let (Ok(x), Ok(y)) = (i64::try_from(a), i64::try_from(b)) {
        return Some(i128::from(x) * i128::from(y));
    }
    a.checked_mul(b)
}

/// The largest magnitude quantext accepts for a numerator or denominator (10^36). Keeping well below
/// `i128::MAX` (about 1.7e38) leaves room for the cross-multiplications of comparison.
const LIMIT: i128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;

impl Number {
    /// Zero.
    pub const ZERO: Number = Number { num: 0, den: 1 };
    /// One.
    pub const ONE: Number = Number { num: 1, den: 1 };

    /// The fraction `num / den`, reduced. `None` if `den` is zero or a part exceeds 10^36.
    pub fn ratio(num: i128, den: i128) -> Option<Number> {
        // i128::MIN has no absolute value in i128 (it can only come of an arithmetic step far
        // beyond the limit).
        if den == 0 || num == i128::MIN || den == i128::MIN {
            return None;
        }
        if den == 1 {
            // Already reduced: no division.
            return (num.abs() <= LIMIT).then_some(Number { num, den: 1 });
        }
        let g = gcd(num, den).max(1);
        let (mut n, mut d) = (div(num, g), div(den, g));
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        if n.abs() > LIMIT || d > LIMIT {
            return None;
        }
        Some(Number { num: n, den: d })
    }

    /// `10^exp` for `exp` in 0..=36.
    pub fn pow10(exp: u32) -> Option<Number> {
        10i128.checked_pow(exp).and_then(|n| Number::ratio(n, 1))
    }

    /// The numerator (carries the sign).
    pub fn numer(&self) -> i128 {
        self.num
    }

    /// The denominator (always positive).
    pub fn denom(&self) -> i128 {
        self.den
    }

    /// True for whole numbers.
    pub fn is_integer(&self) -> bool {
        self.den == 1
    }

    /// True for negative numbers.
    pub fn is_negative(&self) -> bool {
        self.num < 0
    }

    /// The nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        if self.den == 1 {
            self.num as f64
        } else {
            self.num as f64 / self.den as f64
        }
    }

    /// The product, or [`Overflow`].
    pub fn checked_mul(self, other: Number) -> Result<Number, Overflow> {
        if self.den == 1 && other.den == 1 {
            // Two integers (the commonest case: a numeral times its scale).
            let num = mul(self.num, other.num).ok_or(Overflow)?;
            return Number::ratio(num, 1).ok_or(Overflow);
        }
        self.mul_reduced(other)
    }

    /// The product by the general formula: cross-reduce, multiply, reduce.
    fn mul_reduced(self, other: Number) -> Result<Number, Overflow> {
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = mul(div(self.num, g1), div(other.num, g2)).ok_or(Overflow)?;
        let den = mul(div(self.den, g2), div(other.den, g1)).ok_or(Overflow)?;
        Number::ratio(num, den).ok_or(Overflow)
    }

    /// The sum, or [`Overflow`].
    pub fn checked_add(self, other: Number) -> Result<Number, Overflow> {
        if self.den == 1 && other.den == 1 {
            let num = self.num.checked_add(other.num).ok_or(Overflow)?;
            return Number::ratio(num, 1).ok_or(Overflow);
        }
        self.add_reduced(other)
    }

    /// The sum by the general formula over the least common denominator.
    fn add_reduced(self, other: Number) -> Result<Number, Overflow> {
        let g = gcd(self.den, other.den).max(1);
        let left = mul(self.num, div(other.den, g)).ok_or(Overflow)?;
        let right = mul(other.num, div(self.den, g)).ok_or(Overflow)?;
        let num = left.checked_add(right).ok_or(Overflow)?;
        let den = mul(div(self.den, g), other.den).ok_or(Overflow)?;
        Number::ratio(num, den).ok_or(Overflow)
    }

    /// The quotient, or [`Overflow`] (also for division by zero).
    pub fn checked_div(self, other: Number) -> Result<Number, Overflow> {
        if other.num == 0 {
            return Err(Overflow);
        }
        self.checked_mul(Number {
            num: other.den * other.num.signum(),
            den: other.num.abs(),
        })
    }

    /// Converts an `f64` through its shortest decimal representation (`0.1` becomes exactly 1/10).
    /// `None` for NaN, infinities and magnitudes beyond 10^36.
    pub fn from_f64(value: f64) -> Option<Number> {
        if !value.is_finite() {
            return None;
        }
        format!("{value}").parse().ok()
    }

    /// The number of decimal places this number needs when written in decimal, or `None` when its
    /// denominator has a prime factor other than 2 and 5 (it then has no finite decimal form).
    fn decimal_places(&self) -> Option<u32> {
        let mut d = self.den;
        let (mut twos, mut fives) = (0u32, 0u32);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        (d == 1).then_some(twos.max(fives))
    }

    /// True when the number has a finite decimal form (its denominator has no prime factor other
    /// than 2 and 5).
    pub fn has_decimal_form(&self) -> bool {
        self.decimal_places().is_some()
    }

    /// Writes the number in decimal with `,` between groups of three integer digits
    /// (`27,000`, `738,500,000`, `0.65`), or as `n/d` when it has no finite decimal form.
    pub fn to_grouped_string(&self) -> String {
        let plain = self.to_string();
        if plain.contains('/') {
            return plain;
        }
        let (sign, rest) = match plain.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", plain.as_str()),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        let mut out = String::with_capacity(plain.len() + int.len() / 3);
        out.push_str(sign);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    }
}

impl std::ops::Neg for Number {
    type Output = Number;

    /// The negation (always representable: magnitudes are at most 10^36).
    fn neg(self) -> Number {
        Number {
            num: -self.num,
            den: self.den,
        }
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number {
            num: n as i128,
            den: 1,
        }
    }
}

impl From<i32> for Number {
    fn from(n: i32) -> Number {
        Number::from(n as i64)
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        match (mul(self.num, other.den), mul(other.num, self.den)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl fmt::Display for Number {
    /// Plain decimal (`738500000`, `51.4`, `-5`) or `n/d` when there is no finite decimal form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(places) = self.decimal_places() else {
            return write!(f, "{}/{}", self.num, self.den);
        };
        if places == 0 {
            return write!(f, "{}", self.num);
        }
        // num/den = num * (10^places / den) / 10^places; the scaled numerator can exceed i128 for
        // extreme values, so fall back to the fraction then.
        let scaled = 10i128
            .checked_pow(places)
            .and_then(|p| self.num.checked_mul(p / self.den));
        let Some(scaled) = scaled else {
            return write!(f, "{}/{}", self.num, self.den);
        };
        let digits = scaled.unsigned_abs().to_string();
        let places = places as usize;
        let padded = if digits.len() <= places {
            format!("{}{}", "0".repeat(places + 1 - digits.len()), digits)
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - places);
        let sign = if scaled < 0 { "-" } else { "" };
        write!(f, "{sign}{int}.{frac}")
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

/// The error of [`Number::from_str`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberSyntaxError;

impl fmt::Display for NumberSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a plain decimal such as -12.5, 1/3 or 4000000 (at most 36 digits)")
    }
}

impl std::error::Error for NumberSyntaxError {}

impl FromStr for Number {
    type Err = NumberSyntaxError;

    /// Reads a plain decimal (`-12.5`, `4000000`, `1e6`) or a fraction `n/d`. No separators, words
    /// or units: for those use [`crate::parse`].
    fn from_str(s: &str) -> Result<Number, NumberSyntaxError> {
        if let Some((n, d)) = s.split_once('/') {
            let n: i128 = n.trim().parse().map_err(|_| NumberSyntaxError)?;
            let d: i128 = d.trim().parse().map_err(|_| NumberSyntaxError)?;
            return Number::ratio(n, d).ok_or(NumberSyntaxError);
        }
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => {
                let e: i32 = s[i + 1..].parse().map_err(|_| NumberSyntaxError)?;
                (&s[..i], e)
            }
            None => (s, 0),
        };
        let (neg, body) = match mantissa.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(NumberSyntaxError);
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        if int.len() + frac.len() > 36 {
            return Err(NumberSyntaxError);
        }
        // At most 36 ASCII digits (tested above): their value fits, read without a `String`.
        let mut num: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            num = num * 10 + i128::from(b - b'0');
        }
        if neg {
            num = -num;
        }
        let scale = exp - frac.len() as i32;
        let n = Number::ratio(num, 1).ok_or(NumberSyntaxError)?;
        let p = Number::pow10(scale.unsigned_abs()).ok_or(NumberSyntaxError)?;
        if scale >= 0 {
            n.checked_mul(p).map_err(|_| NumberSyntaxError)
        } else {
            n.checked_div(p).map_err(|_| NumberSyntaxError)
        }
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        let v = f64::deserialize(d)?;
        Number::from_f64(v)
            .ok_or_else(|| serde::de::Error::custom(format!("{v} is not a representable number")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts for integers and 64-bit parts give what the general formulas give, at the
    /// limit, past it, at zero, with signs and with i128's extremes.
    #[test]
    fn integer_shortcuts_agree_with_the_formulas() {
        let parts: [i128; 14] = [
            0,
            1,
            -1,
            2,
            7,
            -12,
            1_000,
            u64::MAX as i128,
            (u64::MAX as i128) + 1,
            LIMIT,
            -LIMIT,
            LIMIT - 1,
            1 << 119,
            -(1 << 119),
        ];
        let mut numbers = Vec::new();
        for &n in &parts {
            for d in [1, 2, 3, 1_000, u64::MAX as i128, LIMIT] {
                if let Some(x) = Number::ratio(n, d) {
                    numbers.push(x);
                }
            }
        }
        for &a in &numbers {
            for &b in &numbers {
                assert_eq!(a.checked_mul(b), a.mul_reduced(b), "{a:?} * {b:?}");
                assert_eq!(a.checked_add(b), a.add_reduced(b), "{a:?} + {b:?}");
            }
        }
        for (x, y) in [
            (12i128, 18i128),
            (0, 5),
            (5, 0),
            (-12, 18),
            (LIMIT, 1 << 100),
        ] {
            let mut a = x.abs();
            let mut b = y.abs();
            while b != 0 {
                let t = a % b;
                a = b;
                b = t;
            }
            assert_eq!(gcd(x, y), a, "gcd({x}, {y})");
        }
        assert_eq!(Number::ratio(i128::MIN, 2), None);
        assert_eq!(Number::ratio(LIMIT + 1, 1), None);
        assert_eq!(
            Number::ratio(-LIMIT, 1),
            Some(Number {
                num: -LIMIT,
                den: 1
            })
        );
    }

    /// The 64-bit shortcuts of division and multiplication give what i128's operators give,
    /// around the limits of i64, u64 and i128, with every sign.
    #[test]
    fn sixty_four_bit_shortcuts_agree_with_i128() {
        let mut values: Vec<i128> = Vec::new();
        for base in [
            0i128,
            1,
            2,
            3,
            7,
            10,
            1_000_000,
            i32::MAX as i128,
            i64::MAX as i128,
            i64::MIN as i128,
            u64::MAX as i128,
            1 << 64,
            LIMIT,
            i128::MAX,
            i128::MIN + 1,
        ] {
            for d in [-2i128, -1, 0, 1, 2] {
                if let Some(v) = base.checked_add(d) {
                    values.push(v);
                    if let Some(n) = v.checked_neg() {
                        values.push(n);
                    }
                }
            }
        }
        values.push(i128::MIN);
        for &a in &values {
            for &b in &values {
                assert_eq!(mul(a, b), a.checked_mul(b), "{a} * {b}");
                if b != 0 && !(a == i128::MIN && b == -1) {
                    assert_eq!(div(a, b), a / b, "{a} / {b}");
                }
            }
        }
    }

    /// `from_str` as it was, through a `String` of the digits and `str::parse`.
    fn from_str_reference(s: &str) -> Result<Number, NumberSyntaxError> {
        if let Some((n, d)) = s.split_once('/') {
            let n: i128 = n.trim().parse().map_err(|_| NumberSyntaxError)?;
            let d: i128 = d.trim().parse().map_err(|_| NumberSyntaxError)?;
            return Number::ratio(n, d).ok_or(NumberSyntaxError);
        }
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => {
                let e: i32 = s[i + 1..].parse().map_err(|_| NumberSyntaxError)?;
                (&s[..i], e)
            }
            None => (s, 0),
        };
        let (neg, body) = match mantissa.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(NumberSyntaxError);
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        if int.len() + frac.len() > 36 {
            return Err(NumberSyntaxError);
        }
        let digits = format!("{int}{frac}");
        let mut num: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| NumberSyntaxError)?
        };
        if neg {
            num = -num;
        }
        let scale = exp - frac.len() as i32;
        let n = Number::ratio(num, 1).ok_or(NumberSyntaxError)?;
        let p = Number::pow10(scale.unsigned_abs()).ok_or(NumberSyntaxError)?;
        if scale >= 0 {
            n.checked_mul(p).map_err(|_| NumberSyntaxError)
        } else {
            n.checked_div(p).map_err(|_| NumberSyntaxError)
        }
    }

    /// Reading the digits without a `String` gives what the general path gives: signs, leading and
    /// trailing zeros, 36 and 37 digits, exponents, fractions and malformed input.
    #[test]
    fn from_str_agrees_with_the_general_path() {
        let mut inputs: Vec<String> = [
            "",
            ".",
            "-",
            "+",
            "0",
            "-0",
            "0.0",
            "00.00",
            "1.000",
            "1,234.5",
            "1.5.5",
            "e5",
            "5e",
            "5e+3",
            "5E-3",
            "2.5e-1",
            "1e36",
            "1e37",
            "1e-36",
            "1e-37",
            "-12.5",
            "+7",
            "1/3",
            "2/4",
            "-1/3",
            " 1 / 2 ",
            "1/0",
            "0.45359237",
            "00012.3400",
            "\u{661}",
            "1.",
            ".5",
            "1e",
            "1e1.5",
            "--1",
            "1-",
            " 1",
            "1 ",
        ]
        .map(String::from)
        .to_vec();
        for n in [17, 18, 19, 35, 36, 37, 38, 40] {
            let nines = "9".repeat(n);
            inputs.push(nines.clone());
            inputs.push(format!("-{nines}"));
            inputs.push(format!("0.{nines}"));
            inputs.push(format!("{nines}.5"));
            inputs.push(format!("1{}", "0".repeat(n)));
            inputs.push(format!("000{nines}000"));
            inputs.push(format!("{nines}e-5"));
            inputs.push(format!("1.{}1", "0".repeat(n)));
        }
        for s in &inputs {
            assert_eq!(s.parse::<Number>(), from_str_reference(s), "{s:?}");
        }
    }

    fn n(s: &str) -> Number {
        s.parse().unwrap()
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(
            n("738.5").checked_mul(n("1000000")).unwrap(),
            n("738500000")
        );
        assert_eq!(n("51.4").to_string(), "51.4");
        assert_eq!(n("0.65").to_string(), "0.65");
        assert_eq!(n("-5").to_string(), "-5");
        assert_eq!(n("0.1").checked_add(n("0.2")).unwrap(), n("0.3"));
        assert_eq!(n("1e6"), Number::from(1_000_000));
        assert_eq!(n("2.5e-1").to_string(), "0.25");
    }

    #[test]
    fn fractions_without_decimal_form() {
        let third = Number::ratio(1, 3).unwrap();
        assert_eq!(third.to_string(), "1/3");
        assert_eq!(n("1/3"), third);
        assert_eq!(n("2/4").to_string(), "0.5");
    }

    #[test]
    fn grouped() {
        assert_eq!(n("27000").to_grouped_string(), "27,000");
        assert_eq!(n("738500000").to_grouped_string(), "738,500,000");
        assert_eq!(n("-1234.5").to_grouped_string(), "-1,234.5");
        assert_eq!(n("100").to_grouped_string(), "100");
        assert_eq!(n("0.001").to_grouped_string(), "0.001");
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Number::pow10(30).unwrap();
        assert_eq!(big.checked_mul(big), Err(Overflow));
        assert!("1e309".parse::<Number>().is_err());
        assert!("1".repeat(40).parse::<Number>().is_err());
        assert!(Number::from_f64(f64::INFINITY).is_none());
    }

    #[test]
    fn ordering_and_f64() {
        assert!(n("0.2") < n("1/3"));
        assert_eq!(Number::from_f64(27000.0), Some(n("27000")));
        assert_eq!(Number::from_f64(0.45359237), Some(n("0.45359237")));
        assert_eq!(n("2.11").to_f64(), 2.11);
    }
}
