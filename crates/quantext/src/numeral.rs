//! Numerals: the number part of a quantity, written in digits or in words.
//!
//! # Grammar
//! ```text
//! numeral   = sign? (digits | fraction | words | article-scale | fraction-of-scale) and-a-half? scale*
//! digits    = d{1,3} ("," d{3})+ ("." d+)?  |  d+ ("." d+)?  |  d+ " " d+ "/" d+  |  d+ vulgar?
//! fraction  = d+ "/" d+             (proper, with a denominator of 2, 3, 4, 5, 6, 8, 10, 16, 32, 100)
//! words     = "twenty-five", "one hundred and five", "three thousand two hundred", "five point three"
//! scale     = thousand | million | billion | trillion | dozen | hundred | lakh | crore
//!           | k | m | bn | ...  (abbreviations: only after a currency, or multi-letter)
//! ```
//! A thousands separator must be followed by exactly three digits: `1,2,3,4` is an error, not 1.

use nom::character::complete::digit1;

use crate::error::{Res, cut, fail};
use crate::lexicon::{Lexicon, NumberClass, NumberWord, is_word_char_at};
use crate::number::Number;
use crate::tokens::{kw, lookup, starts_digit, ws0};

/// How a numeral was written; the scanner uses this to tell years, identifiers and pronouns from
/// quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// Digits: how many integer digits, whether grouped with commas, whether a decimal point.
    Digits {
        int_len: usize,
        grouped: bool,
        decimal: bool,
    },
    /// A fraction in digits ("1/2", "2 1/2", "½").
    Fraction,
    /// Words; `lone_one` when the numeral is the single word "one".
    Words { lone_one: bool },
}

/// A parsed numeral.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Numeral {
    /// The value after scale words.
    pub value: Number,
    /// The value before scale words (for sharing a scale across a range: "20 to 30 million").
    pub base: Number,
    /// The product of the scale words, if any were written.
    pub scale: Option<Number>,
    /// How the number was written.
    pub form: Form,
}

/// True for the Unicode vulgar fraction characters ("½", "¾").
pub(crate) fn is_vulgar_fraction(c: char) -> bool {
    vulgar(c).is_some()
}

/// True when `n` can be written so that the numeral parser reads it back: a finite decimal of at
/// most 36 digits (an integer up to 10^36), or a fraction with a denominator up to 999 (printed as a mixed number, "0 1/21",
/// "5 1/6"). Readings that would give other values are not taken. [`is_plainly_writable`] is the
/// stricter test for values produced by unit conversions.
pub(crate) fn is_writable(n: Number) -> bool {
    if n.has_decimal_form() {
        // The numeral parser takes at most 36 digits (£0.977…25 in pence has 37 decimals);
        // beyond i128 the plain form falls back to "n/d" (0.5^44), which is no numeral either.
        let plain = n.to_string();
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        // An integer reads back up to the limit of `Number` (10^36, 37 digits).
        let digits = int.trim_start_matches(['-', '0']).len() + frac.len();
        return !plain.contains('/') && (digits <= 36 || frac.is_empty() && digits <= 37);
    }
    // Other denominators below 1000 print as a mixed number ("0 1/21", "232 1/30"), which reads
    // back; a lone "1/21" is a date.
    let whole = (n.numer() / n.denom()).unsigned_abs().to_string();
    n.denom() <= 999 && whole.len() <= 36
}

/// True when `n` has a finite decimal form or a usual denominator ("5 1/6"): the values that
/// conversions between units may give (`2 yards 7 ft 10 inches` is 166 inches, not 4 11/18 yards;
/// "1/6 p" is not £0 1/600).
pub(crate) fn is_plainly_writable(n: Number) -> bool {
    // The cheap denominator test first: `is_writable` formats the number to count its digits.
    (n.has_decimal_form() || is_usual_denominator(n.denom())) && is_writable(n)
}

/// True when `d` is a usual denominator of a fraction written alone ("1/3"); others are read
/// only after a whole number ("0 1/21", "232 1/30"): "1/21" alone is a date.
pub(crate) fn is_usual_denominator(d: i128) -> bool {
    FRACTION_DENOMINATORS.contains(&d)
}

const FRACTION_DENOMINATORS: [i128; 10] = [2, 3, 4, 5, 6, 8, 10, 16, 32, 100];

fn vulgar(c: char) -> Option<(i128, i128)> {
    Some(match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return None,
    })
}

/// Parses an integer from ASCII digits; a Failure located at `at` when it is beyond 10^36 (the
/// limit of [`Number`]; 10^36 itself has 37 digits).
fn integer<'a>(at: &'a str, digits: &str) -> Result<Number, nom::Err<crate::error::Fail<'a>>> {
    // Leading zeros change no value: up to 18 digits in all need no trimming.
    if let Some(n) = small_integer(digits.as_bytes()) {
        return Ok(Number::from(n));
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 37 {
        return Err(overflow_err(at));
    }
    let n: i128 = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().map_err(|_| overflow_err(at))?
    };
    Number::ratio(n, 1).ok_or_else(|| overflow_err(at))
}

/// The value of at most 18 ASCII digits (all below 10^18, so an `i64`), read without `str::parse`;
/// `None` for anything else (longer, empty or with another byte), left to the general path.
fn small_integer(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n = 0i64;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(b - b'0');
    }
    Some(n)
}

/// How a power's value is written back: as digits, or, without a finite decimal form ("3^-1" is
/// 1/3), as a fraction, so that it reads like "1/3" (a ratio) and prints as it reads back.
fn power_form(v: Number, digits: Form) -> Form {
    if v.has_decimal_form() {
        digits
    } else {
        Form::Fraction
    }
}

/// Digits with optional thousands groups, decimals, a mixed or simple fraction, or a vulgar
/// fraction character.
pub(crate) fn digits(i: &str) -> Res<'_, (Number, Form)> {
    if let Some(plain) = plain_integer(i) {
        return Ok(plain);
    }
    // A lone vulgar fraction: "½" (every vulgar fraction character is beyond ASCII).
    if i.as_bytes().first().is_some_and(|b| !b.is_ascii())
        && let Some(c) = i.chars().next()
        && let Some((n, d)) = vulgar(c)
    {
        let v = Number::ratio(n, d).unwrap_or(Number::ZERO);
        return Ok((&i[c.len_utf8()..], (v, Form::Fraction)));
    }
    // A leading decimal point: ".08", ".77".
    if let Some(after) = i.strip_prefix('.')
        && starts_digit(after)
    {
        let (r, frac) = digit1(after)?;
        let frac_trim = frac.trim_end_matches('0');
        let f = integer(after, if frac_trim.is_empty() { "0" } else { frac_trim })?;
        let scale = Number::pow10(frac_trim.len() as u32).ok_or_else(|| overflow_err(after))?;
        let value = f.checked_div(scale).map_err(|_| overflow_err(i))?;
        if r.starts_with('.') && starts_digit(&r[1..]) {
            return cut(r, "a single decimal point");
        }
        let form = Form::Digits {
            int_len: 1,
            grouped: false,
            decimal: true,
        };
        return match exponent(r, value) {
            Some((r, v)) => Ok((r, (v, power_form(v, form)))),
            None => Ok((r, (value, form))),
        };
    }
    // The run of digits, counted directly when there is one (`digit1` gives the error otherwise).
    let (mut rest, first) = match i.bytes().take_while(u8::is_ascii_digit).count() {
        0 => digit1(i)?,
        n => (&i[n..], &i[..n]),
    };
    // Borrowed until a group separator has to be left out.
    let mut int_digits = std::borrow::Cow::Borrowed(first);
    let mut grouped = false;
    // Indian grouping: "12,34,567", "1,00,00,000" (lakhs and crores).
    if let Some((len, digits)) = indian_grouping(i) {
        int_digits = digits.into();
        rest = &i[len..];
        grouped = true;
    } else if let Some((len, digits)) = space_grouping(i) {
        // "1 234 567", "40 000" with a no-break or thin space.
        int_digits = digits.into();
        rest = &i[len..];
        grouped = true;
    }
    // Thousands groups.
    while let Some(after) = rest.strip_prefix(',') {
        let group_len = after.bytes().take_while(u8::is_ascii_digit).count();
        if group_len == 0 {
            break;
        }
        if first.len() > 3 {
            // "2019,20": the comma is punctuation, not a separator.
            break;
        }
        if group_len != 3 {
            return cut(
                after,
                "a group of three digits after the thousands separator",
            );
        }
        int_digits.to_mut().push_str(&after[..3]);
        rest = &after[3..];
        grouped = true;
    }
    let mut value = integer(i, &int_digits)?;
    let mut decimal = false;
    // Decimals.
    if let Some(after) = rest.strip_prefix('.')
        && starts_digit(after)
    {
        let (r, frac) = digit1(after)?;
        let frac_trim = frac.trim_end_matches('0');
        let int_sig = int_digits.trim_start_matches('0').len();
        if int_sig + frac_trim.len() <= 36 {
            // Nothing can overflow: the value is the digits over 10^k, one reduction.
            value = decimal_value(value, frac_trim).ok_or_else(|| overflow_err(i))?;
        } else {
            let f = integer(after, if frac_trim.is_empty() { "0" } else { frac_trim })?;
            // At most 36 significant digits in all, so that the decimal form can be printed back.
            if int_sig + frac_trim.len() > 36 {
                return Err(overflow_err(i));
            }
            let scale = Number::pow10(frac_trim.len() as u32).ok_or_else(|| overflow_err(after))?;
            value = f
                .checked_div(scale)
                .and_then(|f| value.checked_add(f))
                .map_err(|_| overflow_err(i))?;
        }
        rest = r;
        decimal = true;
        if rest.starts_with('.') && starts_digit(&rest[1..]) {
            return cut(rest, "a single decimal point");
        }
        // "1.000,5" is a continental European decimal, not one thousandth followed by a comma.
        if frac.len() == 3 && rest.starts_with(',') && starts_digit(&rest[1..]) {
            return cut(rest, "an English number (\"1.000,5\" uses a decimal comma)");
        }
    }
    // Scientific notation and powers: "1e10", "-12e-1", "1.3x10^6", "1.1^23", "2.5^-1".
    if let Some((r, v)) = exponent(rest, value) {
        let form = Form::Digits {
            int_len: 1,
            grouped,
            decimal: true,
        };
        return Ok((r, (v, power_form(v, form))));
    }
    let int_len = int_digits.trim_start_matches('0').len().max(1);
    if !decimal {
        // A simple fraction "3/4" or a mixed one "2 1/2" / "833,333 1/3", or a vulgar "3½".
        // (Not grouped and no decimals: `rest` follows the first run of digits, which a fraction's
        // numerator is.)
        if !grouped
            && rest.starts_with('/')
            && let Some((r, (n, d))) = simple_fraction(i, false)
        {
            let v = Number::ratio(n, d).unwrap_or(Number::ZERO);
            return Ok((r, (v, Form::Fraction)));
        }
        if rest.as_bytes().first().is_some_and(|b| !b.is_ascii())
            && let Some(c) = rest.chars().next()
            && let Some((n, d)) = vulgar(c)
        {
            let v = Number::ratio(n, d)
                .and_then(|f| value.checked_add(f).ok())
                .unwrap_or(value);
            return Ok((&rest[c.len_utf8()..], (v, Form::Fraction)));
        }
        let after_space = ws0(rest);
        if after_space.len() < rest.len()
            && let Some((r, (n, d))) = simple_fraction(after_space, true)
            && n < d
        {
            let v = Number::ratio(n, d)
                .and_then(|f| value.checked_add(f).ok())
                .unwrap_or(value);
            return Ok((r, (v, Form::Fraction)));
        }
    }
    Ok((
        rest,
        (
            value,
            Form::Digits {
                int_len,
                grouped,
                decimal,
            },
        ),
    ))
}

/// The commonest numerals, at most 18 integer digits (grouped in thousands with commas or not)
/// and optional decimals that nothing can continue ("5 people", "20%", "1.5 million", "27,000
/// pounds", "in 2019."), read without the tests of [`digits`] and group by group: `None` when
/// the byte after them could begin another group, a decimal, a fraction, a power or white space
/// other than one space before a letter or punctuation, or when the digits are too many for the
/// shortcut.
fn plain_integer(i: &str) -> Option<(&str, (Number, Form))> {
    let b = i.as_bytes();
    let digits_from = |p: usize| b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits_from(0);
    let mut int = small_integer(&b[..n])?;
    let (mut len, mut p, mut grouped) = (n, n, false);
    // Thousands groups after one to three digits: each exactly three digits, 18 digits in all.
    while n <= 3 && b.get(p) == Some(&b',') && b.get(p + 1).is_some_and(u8::is_ascii_digit) {
        if digits_from(p + 1) != 3 || len + 3 > 18 {
            return None;
        }
        int = int * 1000 + small_integer(&b[p + 1..p + 4])?;
        (len, p, grouped) = (len + 3, p + 4, true);
    }
    let (end, frac) = match b.get(p + 1) {
        Some(c) if b[p] == b'.' && c.is_ascii_digit() => {
            let f = digits_from(p + 1);
            (p + 1 + f, Some(&i[p + 1..p + 1 + f]))
        }
        _ => (p, None),
    };
    let plain = match b.get(end) {
        None => true,
        Some(b' ') => b.get(end + 1).is_some_and(|c| {
            c.is_ascii()
                && !c.is_ascii_digit()
                && !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'x' | b'*')
        }),
        Some(b',' | b'.') => !b.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(c) => {
            c.is_ascii()
                && !matches!(
                    c,
                    b'/' | b'e' | b'E' | b'^' | b'x' | b'*' | b'\t' | b'\n' | b'\r'
                )
        }
    };
    if !plain {
        return None;
    }
    let value = Number::from(int);
    // The digits without leading zeros: as many as the value has (none for zero).
    let int_sig = int.checked_ilog10().map_or(0, |l| l as usize + 1);
    let (value, decimal) = match frac {
        Some(frac) => {
            let frac = frac.trim_end_matches('0');
            if int_sig + frac.len() > 36 {
                return None;
            }
            (decimal_value(value, frac)?, true)
        }
        None => (value, false),
    };
    let form = Form::Digits {
        int_len: int_sig.max(1),
        grouped,
        decimal,
    };
    Some((&i[end..], (value, form)))
}

/// `int + 0.frac` for an integer `int` and fraction digits `frac` (no trailing zeros) of at most 36
/// significant digits together: `(int * 10^k + frac) / 10^k`, reduced once. What
/// `int + frac / 10^k` gives, without its two reductions.
fn decimal_value(int: Number, frac: &str) -> Option<Number> {
    if frac.is_empty() {
        return Some(int);
    }
    let f = match small_integer(frac.as_bytes()) {
        Some(f) => i128::from(f),
        None => frac.parse::<i128>().ok()?,
    };
    let p = 10i128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let num = int.numer().checked_mul(p)?.checked_add(f)?;
    Number::ratio(num, p)
}

/// Thousands grouped with spaces: a no-break, narrow no-break or thin space between groups of
/// three ("40 000"), or plain spaces when there are at least two such groups ("1 234 567"; one
/// plain space may just separate two numbers) or the group starts with 0 ("40 000", "5 050").
/// Returns the length and the digits.
fn space_grouping(i: &str) -> Option<(usize, String)> {
    let b = i.as_bytes();
    let first = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&first) {
        return None;
    }
    // Cheap test first (no allocation): a space of some kind right after the first group.
    if !matches!(b.get(first), Some(b' ' | 0xc2 | 0xe2)) {
        return None;
    }
    let mut p = first;
    let mut groups = 0;
    let mut plain_only = true;
    loop {
        let rest = &i[p..];
        let sep = [" ", "\u{a0}", "\u{202f}", "\u{2009}"]
            .into_iter()
            .find(|s| rest.starts_with(s));
        let Some(sep) = sep else { break };
        let after = &rest[sep.len()..];
        let n = after.bytes().take_while(u8::is_ascii_digit).count();
        if n != 3 {
            break;
        }
        p += sep.len() + 3;
        groups += 1;
        plain_only &= sep == " ";
    }
    // "40 000": a group that starts with 0 is no number of its own.
    let zero_group = i.as_bytes().get(first + 1) == Some(&b'0');
    let ok = groups >= 2 || groups == 1 && (!plain_only || zero_group);
    // "1 234 5": a group that is not three digits long ends nothing cleanly.
    let tail = &i[p..];
    let clean = !tail.starts_with(|c: char| c.is_ascii_digit())
        && !tail
            .strip_prefix([' ', '\u{a0}'])
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    // The digits are gathered only for a match ("5 kg", the common case, allocates nothing).
    (ok && clean).then(|| (p, i[..p].chars().filter(char::is_ascii_digit).collect()))
}

/// Digits grouped the Indian way, two by two before the last three ("12,34,567"): the length of
/// the integer part and its digits.
fn indian_grouping(i: &str) -> Option<(usize, String)> {
    let b = i.as_bytes();
    let digits_at = |p: usize| {
        b[p.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let first = digits_at(0);
    if !(1..=2).contains(&first) {
        return None;
    }
    // Cheap test first (no allocation): a comma and exactly two digits after the first group.
    if b.get(first) != Some(&b',') || digits_at(first + 1) != 2 {
        return None;
    }
    let mut p = first;
    let mut out = String::from(&i[..first]);
    let mut pairs = 0;
    while b.get(p) == Some(&b',') {
        let n = digits_at(p + 1);
        match n {
            2 => {
                out.push_str(&i[p + 1..p + 3]);
                p += 3;
                pairs += 1;
            }
            3 if pairs > 0 => {
                out.push_str(&i[p + 1..p + 4]);
                p += 4;
                // The last group: nothing grouped may follow.
                let more = b.get(p) == Some(&b',') && b.get(p + 1).is_some_and(u8::is_ascii_digit);
                return (!more).then_some((p, out));
            }
            _ => return None,
        }
    }
    None
}

/// An exponent after a number's digits: "e10", "E+14", "e-1", "x10^6", "×10^-4", "×10−5", "^23",
/// "^-1", "x2^10".
/// Returns the rest and the value raised; `None` (nothing consumed) when the exponent is not
/// there, is not followed by a word boundary, or the result is not exact and writable.
#[inline]
fn exponent(i: &str, mantissa: Number) -> Option<(&str, Number)> {
    // Cheap test first: "e", "E", "^", or "x", "*", "×" (0xC3 0x97) after optional white space.
    if !matches!(i.as_bytes().first(), Some(b'e' | b'E' | b'^'))
        && !matches!(ws0(i).as_bytes().first(), Some(b'x' | b'*' | 0xC3))
    {
        return None;
    }
    exponent_at(i, mantissa)
}

/// [`exponent`] without its cheap first test (not inlined, so that the test is).
#[inline(never)]
fn exponent_at(i: &str, mantissa: Number) -> Option<(&str, Number)> {
    let (after, base) = if let Some(r) = i.strip_prefix(['e', 'E']) {
        (r, Number::from(10))
    } else if let Some(r) = i.strip_prefix('^') {
        (r, mantissa)
    } else {
        let r = ws0(i);
        let r = ws0(r.strip_prefix(['x', '×', '*'])?);
        // "10^-4", "2^10" (a base of one or two digits), or "10−5" with a minus sign (U+2212)
        // standing for a lost superscript.
        let b_len = r.bytes().take_while(u8::is_ascii_digit).count();
        let base: i64 = r.get(..b_len).filter(|_| b_len <= 2)?.parse().ok()?;
        let r = &r[b_len..];
        let r = r
            .strip_prefix('^')
            .or_else(|| (base == 10 && r.starts_with('−')).then_some(r))?;
        if base < 2 {
            return None;
        }
        (r, Number::from(base))
    };
    let (negative, after) = if let Some(r) = after.strip_prefix("--").filter(|_| i.starts_with('^'))
    {
        // "1.1^--23": two minus signs cancel.
        (false, r)
    } else if let Some(r) = after.strip_prefix(['-', '−']) {
        (true, r)
    } else {
        (false, after.strip_prefix('+').unwrap_or(after))
    };
    let len = after.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0
        || len > 2
        || is_word_char_at(after, len)
        || after[len..].starts_with(['.', ',']) && starts_digit(&after[len + 1..])
    {
        return None;
    }
    let exp: u32 = after[..len].parse().ok()?;
    let mut power = Number::ONE;
    for _ in 0..exp {
        power = power.checked_mul(base).ok()?;
    }
    if negative {
        power = Number::ONE.checked_div(power).ok()?;
    }
    let v = if i.starts_with('^') {
        power
    } else {
        mantissa.checked_mul(power).ok()?
    };
    // Powers keep to finite decimals and the usual denominators ("7^-1" would print "0 1/7", a
    // ratio).
    is_plainly_writable(v).then_some((&after[len..], v))
}

/// "3/4": digits, a slash, digits, with a usual denominator (any from 2 to 999 when `mixed`, after
/// a whole number: "0 1/21") and not part of a date ("7/31/2024").
fn simple_fraction(i: &str, mixed: bool) -> Option<(&str, (i128, i128))> {
    let n_len = i.bytes().take_while(u8::is_ascii_digit).count();
    if n_len == 0 || n_len > 3 || i.as_bytes().get(n_len) != Some(&b'/') {
        return None;
    }
    let after = &i[n_len + 1..];
    let d_len = after.bytes().take_while(u8::is_ascii_digit).count();
    if d_len == 0 || d_len > 3 {
        return None;
    }
    let rest = &after[d_len..];
    if rest.starts_with('/') || is_word_char_at(rest, 0) {
        return None;
    }
    let n: i128 = i[..n_len].parse().ok()?;
    let d: i128 = after[..d_len].parse().ok()?;
    // A denominator above 31 is no day or month: "1/40", "3/64" are fractions when they have a
    // finite decimal form (printed "0.025", which reads back); "7/31", "9/11" stay dates.
    let usual = is_usual_denominator(d)
        || mixed && d >= 2
        || d > 31 && Number::ratio(1, d).is_some_and(|f| f.has_decimal_form());
    (usual && n > 0 && n < d).then_some((rest, (n, d)))
}

fn number_word<'a, 'l>(
    lex: &'l Lexicon,
    i: &'a str,
    classes: &[NumberClass],
) -> Res<'a, &'l NumberWord> {
    lookup(
        &lex.numbers,
        i,
        |w| classes.contains(&w.class),
        "a number word",
    )
}

/// How spelled-out words ended, for a fraction that follows them ("one hundred and three
/// quarters", "one million and a half").
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    /// The value before the last "and", and the scale word right before that "and" if any:
    /// "two million and three" gives (2,000,000, million).
    and_prefix: Option<(Number, Option<Number>)>,
    /// The scale word the numeral ends with ("one million").
    end_scale: Option<Number>,
}

/// Spelled-out whole numbers: "twenty-five", "one hundred and five", "a thousand", "two dozen",
/// with an optional spoken decimal part ("five point three three").
pub(crate) fn words<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, (Number, Form)> {
    words_tail(lex, i).map(|(r, (n, f, _))| (r, (n, f)))
}

/// Groups of number words, a comma between them: "three million, two hundred & forty" is
/// 3,000,240. The group after a comma that follows a scale word of a thousand or more joins when
/// it has a hundred at least and is smaller than that scale ("one million, two million" is a
/// list; "three million, two of them" two numbers).
fn words_tail<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, (Number, Form, Tail)> {
    let (mut rest, (mut value, mut form, mut tail)) = words_group(lex, i)?;
    while let Some(scale) = tail.end_scale.filter(|s| *s >= Number::from(1000))
        && let Some(group) = rest.strip_prefix(", ")
        && let Ok((r, (v, _, t))) = words_group(lex, group)
        && v >= Number::from(100)
        && v < scale
    {
        let before = value;
        value = value.checked_add(v).map_err(|_| overflow_err(group))?;
        tail = Tail {
            and_prefix: t
                .and_prefix
                .and_then(|(b, s)| before.checked_add(b).ok().map(|b| (b, s))),
            end_scale: t.end_scale,
        };
        form = Form::Words { lone_one: false };
        rest = r;
    }
    Ok((rest, (value, form, tail)))
}

/// One group of spelled-out words: "twenty-five", "two hundred and forty", "three million".
/// Inlined into its two call sites in `words_tail`: a call would cost the scanner more
/// instructions than the comma rule itself (`scripts/count_instructions.sh`).
#[inline(always)]
fn words_group<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, (Number, Form, Tail)> {
    use NumberClass::*;
    let mut tail = Tail::default();
    let mut total = Number::ZERO;
    let mut current = Number::ZERO;
    let mut last: Option<NumberClass> = None;
    let mut last_scale: Option<Number> = None;
    let mut rest = i;
    let mut count = 0usize;
    let mut lone_one = false;
    let mut hundreds_before_and: Option<Number> = None;
    // "a hundred", "a million", "a dozen": the article stands for one.
    if let Ok((r, _)) = kw("a").parse(i)
        && let Ok((_, w)) = number_word(lex, r, &[Hundred, Scale])
    {
        let _ = w;
        current = Number::ONE;
        last = Some(Unit);
        rest = r;
    }
    loop {
        // Separators between words: a space, a hyphen, or "and" after a hundred or a scale.
        let mut candidate = rest;
        let mut after_and = false;
        if last.is_some() {
            let after_ws = ws0(rest);
            candidate = if let Some(r) = after_ws.strip_prefix('-') {
                r
            } else if matches!(last, Some(Hundred | Scale))
                && let Ok((r, _)) = kw("and").parse(after_ws)
            {
                after_and = true;
                r
            } else if matches!(last, Some(Hundred | Scale))
                && let Some(r) = after_ws.strip_prefix("& ")
            {
                // "two hundred & forty"
                after_and = true;
                r
            } else {
                after_ws
            };
        }
        let Ok((r, w)) = number_word(lex, candidate, &[Unit, Teen, Tens, Hundred, Scale]) else {
            break;
        };
        let ok = match (w.class, last) {
            (Unit, None | Some(Tens | Hundred | Scale)) => {
                // "twenty five" but not "twenty twenty"; "one two" is two numbers.
                !(last == Some(Tens) && w.value == Number::ZERO)
            }
            // "one hundred thirty fifths", "one hundred thirty-fifths": the tens word after a
            // hundred (no "and") starts a compound denominator (100/35) when it is plural ("the
            // one hundred twenty-fifth anniversary" is an ordinal).
            (Tens, Some(Hundred))
                if !after_and
                    && compound_denominator(lex, rest).is_some_and(|(r2, _)| {
                        rest[..rest.len() - r2.len()].ends_with(['s', 'S'])
                    }) =>
            {
                false
            }
            (Teen | Tens, None | Some(Hundred | Scale)) => true,
            (Hundred, Some(Unit | Teen | Tens)) => true,
            // "hundred thousand dollars": a bare "hundred" before a larger scale stands for one
            // hundred (alone, "hundred" is no number).
            (Hundred, None)
                if ws0(r).len() < r.len()
                    && number_word(lex, ws0(r), &[Scale])
                        .is_ok_and(|(_, s)| s.value >= Number::from(1000)) =>
            {
                current = Number::ONE;
                true
            }
            // "one twenty two" (122): a unit, a tens and a unit word, the hundred unsaid.
            (Tens, Some(Unit))
                if count == 1
                    && current > Number::ZERO
                    && !after_and
                    && rest.starts_with(' ')
                    && !ws0(rest).starts_with('-')
                    && unit_follows(lex, r) =>
            {
                current = current
                    .checked_mul(Number::from(100))
                    .map_err(|_| overflow_err(candidate))?;
                true
            }
            (Scale, Some(Unit | Teen | Tens | Hundred)) => last_scale.is_none_or(|s| w.value < s),
            _ => false,
        };
        if !ok {
            break;
        }
        if after_and {
            let before = total
                .checked_add(current)
                .map_err(|_| overflow_err(candidate))?;
            tail.and_prefix = Some((before, last_scale.filter(|_| last == Some(Scale))));
            if last == Some(Hundred) {
                hundreds_before_and = Some(current);
            }
        }
        match w.class {
            Unit | Teen | Tens => {
                current = current
                    .checked_add(w.value)
                    .map_err(|_| overflow_err(candidate))?;
            }
            Hundred => {
                current = current
                    .checked_mul(w.value)
                    .map_err(|_| overflow_err(candidate))?;
            }
            Scale => {
                // "three hundred and two dozens": a dozen scales the part after "and" (324).
                let part = match hundreds_before_and.take() {
                    Some(h) if w.value < Number::from(100) => current
                        .checked_add(-h)
                        .and_then(|n| n.checked_mul(w.value))
                        .and_then(|n| n.checked_add(h)),
                    _ => current.checked_mul(w.value),
                }
                .map_err(|_| overflow_err(candidate))?;
                total = total
                    .checked_add(part)
                    .map_err(|_| overflow_err(candidate))?;
                current = Number::ZERO;
                last_scale = Some(w.value);
            }
            _ => unreachable!("filtered by number_word"),
        }
        count += 1;
        lone_one = count == 1 && w.class == Unit && w.value == Number::ONE;
        last = Some(w.class);
        rest = r;
    }
    if last.is_none() {
        return fail(ws0(i), "a number");
    }
    if count > 1 {
        lone_one = false;
    }
    let mut value = total.checked_add(current).map_err(|_| overflow_err(i))?;
    if last == Some(Scale) {
        tail.end_scale = last_scale;
    }
    // "five point three three"
    if matches!(last, Some(Unit | Teen | Tens | Hundred))
        && let Ok((r, _)) = kw("point").parse(rest)
    {
        // Spoken decimals: "point three three", "point seventy-one", "point fifteen".
        let mut digits = String::new();
        let mut r2 = r;
        while let Ok((r3, w)) = number_word(lex, r2, &[Unit, Teen, Tens]) {
            let d = w.value.to_string();
            r2 = r3;
            if w.class == Tens {
                let after = ws0(r2);
                let after = after.strip_prefix('-').unwrap_or(after);
                match number_word(lex, after, &[Unit]) {
                    Ok((r4, u)) if u.value != Number::ZERO => {
                        digits.push_str(
                            &(w.value.checked_add(u.value).unwrap_or(w.value)).to_string(),
                        );
                        r2 = r4;
                    }
                    _ => digits.push_str(&d),
                }
            } else {
                digits.push_str(&d);
            }
        }
        if !digits.is_empty() && digits.len() <= 30 {
            let f = integer(r, &digits)?;
            let p = Number::pow10(digits.len() as u32).unwrap_or(Number::ONE);
            if let Ok(v) = f.checked_div(p).and_then(|f| value.checked_add(f)) {
                value = v;
                rest = r2;
                lone_one = false;
                tail = Tail::default();
            }
        }
    }
    Ok((rest, (value, Form::Words { lone_one }, tail)))
}

fn overflow_err(at: &str) -> nom::Err<crate::error::Fail<'_>> {
    nom::Err::Failure(crate::error::Fail {
        at,
        expected: "a number small enough to represent exactly",
    })
}

/// "half a million", "a quarter of a million", "three quarters of a billion", "half a dozen".
fn fraction_of_scale<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, (Number, Form, Tail)> {
    // The numerator in words is parsed once, and kept when no fraction of a scale follows.
    let (r, numerator, plain) = match words_tail(lex, i) {
        Ok((r, (n, form, tail))) => {
            if n > Number::from(9) || n <= Number::ZERO {
                return Ok((r, (n, form, tail)));
            }
            (r, n, Some((r, (n, form, tail))))
        }
        Err(nom::Err::Failure(f)) => return Err(nom::Err::Failure(f)),
        Err(_) => match kw("a").parse(i) {
            Ok((r, _)) => (r, Number::ONE, None),
            Err(_) => (i, Number::ONE, None),
        },
    };
    match scale_fraction(lex, r, numerator) {
        Ok((r, v)) => Ok((r, (v, Form::Words { lone_one: false }, Tail::default()))),
        Err(e) => plain.ok_or(e),
    }
}

/// "quarter of a million" after its numerator: the fraction word, "of a" or "a", a scale word.
fn scale_fraction<'a>(lex: &Lexicon, r: &'a str, numerator: Number) -> Res<'a, Number> {
    let at = ws0(r);
    let r = at.strip_prefix('-').unwrap_or(at);
    let (r, frac) = number_word(lex, r, &[NumberClass::Fraction])?;
    let r = match (kw("of").parse(r), kw("a").parse(r)) {
        (Ok((r1, _)), _) => kw("a").parse(r1).map(|(r, _)| r).unwrap_or(r1),
        (_, Ok((r1, _))) => r1,
        _ => r,
    };
    let (r, scale) = number_word(lex, r, &[NumberClass::Scale])?;
    let v = numerator
        .checked_mul(frac.value)
        .and_then(|v| v.checked_mul(scale.value))
        .map_err(|_| overflow_err(r))?;
    // "a thirteenth dozen" (12/13) is no number: below one and without a finite decimal form it
    // would print "0 12/13", which reads as a ratio. "a seventh dozen" (1 5/7), "a fifth dozen"
    // (2.4) are numbers.
    if v < Number::ONE && !v.has_decimal_form() {
        return fail(
            at,
            "a fraction of a scale that is a whole number or a decimal",
        );
    }
    Ok((r, v))
}

/// Scale words after a numeral: "million", "thousand", "dozen"; abbreviations ("m", "bn", "k") when
/// `abbreviations` is set (after a currency), except the unambiguous "bn", "mn", "tn" family which
/// are always accepted when attached or spaced.
pub(crate) fn scales<'a>(
    lex: &Lexicon,
    i: &'a str,
    abbreviations: bool,
) -> Res<'a, Option<Number>> {
    let mut rest = i;
    let mut product: Option<Number> = None;
    loop {
        // Abbreviations may be attached ("$3.5m", "5bn") or spaced ("$5 bn").
        let attached = lex
            .numbers
            .find(rest, |w| w.class == NumberClass::ScaleAbbr);
        if let Some((len, w)) = attached {
            let word = &rest[..len];
            if abbreviations || word.len() >= 2 && !word.eq_ignore_ascii_case("mm") {
                product = Some(mul(product, w.value).map_err(|_| overflow_err(rest))?);
                rest = &rest[len..];
                continue;
            }
        }
        let spaced = ws0(rest);
        if spaced.len() == rest.len() && !rest.is_empty() && !rest.starts_with('-') {
            // Words need a space before them ("4 million"), or a hyphen ("4-million").
            break;
        }
        let spaced = spaced.strip_prefix('-').unwrap_or(spaced);
        // One look-up for scale words and spaced abbreviations: "5 bn", "10 bln", "5 mln" always;
        // "MM", "mil" and "tr" only after a currency; one letter never.
        if let Some((len, w)) = lex.numbers.find(spaced, |w| {
            matches!(
                w.class,
                NumberClass::Scale | NumberClass::Hundred | NumberClass::ScaleAbbr
            )
        }) && (w.class != NumberClass::ScaleAbbr
            || len >= 2
                && (abbreviations || !matches!(&spaced[..len], "MM" | "mil" | "mil." | "tr")))
        {
            product = Some(mul(product, w.value).map_err(|_| overflow_err(spaced))?);
            rest = &spaced[len..];
            continue;
        }
        break;
    }
    Ok((rest, product))
}

/// A one-letter scale after digits where no currency came before: "10k", "100K", "1.2M",
/// ".0012G", "1.2b", "I can give you 10M.", and spaced ("2.33 k", "1,674.5 G") only at the end
/// of the text. One letter after a number is often a name or a model ("3M", "5G", "4K video",
/// "401k", "10K race", "Phase 2b"), so the letter must be followed by no word (the end of the
/// text, punctuation, a currency sign or the hyphen of a range "5k-20k"; after a decimal point
/// also a space), and:
/// - k or K: any digits, but not 401, 403 or 457 (retirement plans);
/// - M, G, B, T: a decimal point ("1.2M people"), or two integer digits or more ("10M."), or
///   the end of the text ("3M" alone);
/// - b: a decimal point ("1.2b").
fn letter_scale<'a>(
    lex: &Lexicon,
    rest: &'a str,
    base: Number,
    int_len: usize,
    decimal: bool,
) -> Option<(&'a str, Number)> {
    // Cheap test first: most numbers are followed by a space and a word, or punctuation.
    let first = *rest.as_bytes().first()?;
    if !matches!(first, b' ' | b'k' | b'K' | b'M' | b'G' | b'B' | b'b' | b'T') {
        return None;
    }
    let spaced = ws0(rest);
    let letter = *spaced.as_bytes().first()?;
    if !matches!(letter, b'k' | b'K' | b'M' | b'G' | b'B' | b'b' | b'T') {
        return None;
    }
    let after = &spaced[1..];
    let at_end = after.trim().is_empty();
    let gap = spaced.len() < rest.len();
    if gap && !at_end || is_word_char_at(after, 0) {
        return None;
    }
    let (len, w) = lex
        .numbers
        .find(spaced, |w| w.class == NumberClass::ScaleAbbr)?;
    if len != 1 {
        return None;
    }
    if gap {
        // "2.33 k", "- 10  k", "1,674.5 G": spaced only when nothing follows.
        return (at_end && (decimal || letter == b'k')).then_some((after, w.value));
    }
    // No word after: the end, punctuation, a currency sign ("100k€") or a range ("5k-20k");
    // with a decimal point also a space ("1.2M people").
    let range = after.strip_prefix(['-', '–']).is_some_and(starts_digit);
    let free = at_end
        || range
        || after.starts_with([',', ';', ':', '!', '?', '"', '”', '€', '£', '¥', '₹', '$'])
        || after.starts_with('.') && !is_word_char_at(after, 1)
        || decimal && after.starts_with([' ', '\n', '\t']);
    if !free {
        return None;
    }
    let ok = match letter {
        b'k' | b'K' => ![401, 403, 457].map(Number::from).contains(&base),
        b'b' => decimal,
        _ => decimal || at_end || int_len >= 2,
    };
    ok.then_some((after, w.value))
}

/// "1 point 1": a whole number in digits, the word "point" and more digits (a spoken decimal).
/// The digits after "point" must end the number ("a 10 point plan", "5 point 3-pointers" are not
/// decimals).
fn spoken_point(rest: &str, int: Number, form: Form) -> Option<(&str, Number, Form)> {
    let Form::Digits {
        int_len,
        grouped: false,
        decimal: false,
    } = form
    else {
        return None;
    };
    // Cheap test first: " point" or " Point".
    if !(rest.starts_with(' ') && matches!(rest.as_bytes().get(1), Some(b'p' | b'P'))) {
        return None;
    }
    let (after, _) = kw("point").parse(rest).ok()?;
    let r = ws0(after);
    let len = r.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0
        || len > 30
        || r.len() == after.len()
        || is_word_char_at(r, len)
        || r[len..].starts_with(['-', '/'])
        || r[len..].starts_with(['.', ',']) && starts_digit(&r[len + 1..])
    {
        return None;
    }
    let frac = integer(r, &r[..len]).ok()?;
    let p = Number::pow10(len as u32)?;
    let v = frac.checked_div(p).and_then(|f| int.checked_add(f)).ok()?;
    let form = Form::Digits {
        int_len,
        grouped: false,
        decimal: true,
    };
    Some((&r[len..], v, form))
}

/// After the tens word of "one twenty two": a space or hyphen and a non-zero unit word that ends
/// the number ("at one twenty" may be a time, "one twenty-two-year-old" an age).
fn unit_follows(lex: &Lexicon, r: &str) -> bool {
    let Some(r) = r.strip_prefix([' ', '-']) else {
        return false;
    };
    matches!(number_word(lex, r, &[NumberClass::Unit]),
        Ok((r2, u)) if u.value != Number::ZERO && !r2.starts_with('-'))
}

/// A compound ordinal denominator after a numerator in words: "twenty-fifth" in "one
/// twenty-fifth" (1/25), "twenty fifths" in "twenty twenty fifths". Returns the rest and 1/25.
pub(crate) fn compound_denominator<'a>(lex: &Lexicon, rest: &'a str) -> Option<(&'a str, Number)> {
    // Cheap test first: a space and a tens word's initial.
    if !(rest.starts_with(' ')
        && rest
            .as_bytes()
            .get(1)
            .is_some_and(|b| b"tfsenTFSEN".contains(b)))
    {
        return None;
    }
    let r = ws0(rest);
    let (r, tens) = number_word(lex, r, &[NumberClass::Tens]).ok()?;
    let (r, hyphen) = match r.strip_prefix('-') {
        Some(r) => (r, true),
        None if r.starts_with(' ') => (ws0(r), false),
        None => return None,
    };
    // "twenty-first", "twenty firsts", "thirty-seconds" (1/21, 1/32; "twenty seconds" is a
    // duration): "first" and "second" are no fraction words alone.
    let lower = |w: &str| r.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    for (word, unit, spaced) in [
        ("firsts", 1, true),
        ("first", 1, true),
        ("seconds", 2, false),
        ("second", 2, false),
    ] {
        // Not "twenty-first-century".
        if lower(word)
            && (hyphen || spaced)
            && !is_word_char_at(r, word.len())
            && !r[word.len()..].starts_with('-')
        {
            let d = tens.value.checked_add(Number::from(unit)).ok()?;
            return Some((&r[word.len()..], Number::ONE.checked_div(d).ok()?));
        }
    }
    let (r, f) = number_word(lex, r, &[NumberClass::Fraction]).ok()?;
    // A unit ordinal: third (1/3) to ninth (1/9), not "half" or "quarter".
    let unit = Number::ONE.checked_div(f.value).ok()?;
    if !unit.is_integer() || unit < Number::from(3) || unit > Number::from(9) {
        return None;
    }
    let start = ws0(rest);
    let word = &start.as_bytes()[..start.len() - r.len()];
    if ["half", "halves", "quarter", "quarters"].iter().any(|w| {
        word.len() >= w.len() && word[word.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    }) {
        return None;
    }
    let d = tens.value.checked_add(unit).ok()?;
    Some((r, Number::ONE.checked_div(d).ok()?))
}

/// Million and larger: the scales whose "and a half" is a fraction of the scale.
fn is_large_scale(s: Number) -> bool {
    s >= Number::from(1_000_000)
}

/// After "and a half" that follows `scale`: a smaller scale word written after the fraction ("one
/// billion and a half million") and the rest after it, else `scale` itself.
fn scale_below<'a>(lex: &Lexicon, r: &'a str, scale: Option<Number>) -> (&'a str, Number) {
    let scale = scale.unwrap_or(Number::ONE);
    match number_word(lex, r, &[NumberClass::Scale]) {
        Ok((r2, w)) if w.value < scale && is_large_scale(w.value) => (r2, w.value),
        _ => (r, scale),
    }
}

fn mul(a: Option<Number>, b: Number) -> Result<Number, crate::number::Overflow> {
    match a {
        Some(a) => a.checked_mul(b),
        None => Ok(b),
    }
}

/// "and a half", "and a quarter", "and three quarters" after a whole number.
#[inline(always)]
pub(crate) fn and_a_fraction<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, Number> {
    // Cheap test first, with the error of `kw`: most numbers are followed by no "and".
    let s = ws0(i);
    if !s
        .as_bytes()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"and"))
    {
        return fail(s, "a word");
    }
    and_a_fraction_at(lex, i)
}

/// [`and_a_fraction`] without its cheap first test (not inlined, so that the test is).
#[inline(never)]
fn and_a_fraction_at<'a>(lex: &Lexicon, i: &'a str) -> Res<'a, Number> {
    let (r, _) = kw("and").parse(i)?;
    // "and a half", "and an half", "and half", "and three quarters"
    let (r, numerator) = match kw("a").parse(r).or_else(|_| kw("an").parse(r)) {
        Ok((r, _)) => (r, Number::ONE),
        // "and three quarters", "and fifty-four hundredths"
        Err(_) => match words(lex, r) {
            Ok((r, (n, _))) if n < Number::from(100) => (r, n),
            Ok(_) => return fail(r, "a fraction"),
            // Only half, quarter and third go without an article ("five and half", "one and
            // quarter"), not "one hundred and fifth".
            Err(_)
                if ["half", "quarter", "third"]
                    .iter()
                    .any(|w| kw(w).parse(r).is_ok()) =>
            {
                (r, Number::ONE)
            }
            Err(e) => return Err(e),
        },
    };
    // "and a half", "and three quarters", "and one-half"
    let r = r.strip_prefix('-').unwrap_or(r);
    let (r, frac) = number_word(lex, r, &[NumberClass::Fraction])?;
    let v = numerator
        .checked_mul(frac.value)
        .map_err(|_| overflow_err(i))?;
    if v >= Number::ONE {
        return fail(i, "a fraction");
    }
    Ok((r, v))
}

/// A numeral with its scale words. `abbreviations` allows "m", "k", "b" scales (after a currency).
pub(crate) fn numeral<'a>(lex: &Lexicon, i: &'a str, abbreviations: bool) -> Res<'a, Numeral> {
    let start = ws0(i);
    // Sign: "-5", "−5", "minus 40", "negative 3".
    let starts_number = |r: &str| starts_digit(r) || r.starts_with('.') && starts_digit(&r[1..]);
    let (body, negative) = if let Some(r) = start.strip_prefix(['-', '−'])
        && starts_number(r)
    {
        (r, true)
    } else if let Some(r) = start.strip_prefix('+')
        && starts_number(r)
    {
        (r, false)
    } else if may_begin_sign_word(start)
        && let Ok((r, _)) = kw("minus")
            .parse(start)
            .or_else(|_| kw("negative").parse(start))
    {
        // "negative-5": a hyphen between the word and the digits.
        let r = r.strip_prefix('-').filter(|d| starts_digit(d)).unwrap_or(r);
        (ws0(r), true)
    } else {
        (start, false)
    };
    let (rest, (base, form, tail)) =
        if starts_number(body) || body.starts_with(|c: char| vulgar(c).is_some()) {
            let (r, (b, f)) = digits(body)?;
            let (r, b, f) = spoken_point(r, b, f).unwrap_or((r, b, f));
            // Most numerals in digits end here ("5 people", "20%", "2019."): then none of the
            // steps below applies, and the numeral is the digits.
            if crate::fast_paths_on() && nothing_continues_digits(lex, r) {
                let value = if negative { -b } else { b };
                return Ok((
                    r,
                    Numeral {
                        value,
                        base: value,
                        scale: None,
                        form: f,
                    },
                ));
            }
            (r, (b, f, Tail::default()))
        } else if cannot_begin_words(lex, body) {
            // What `fraction_of_scale` gives there: no fraction word.
            return fail(body, "a number word");
        } else {
            // Words ("twenty-five"), or a fraction of a scale ("half a million").
            fraction_of_scale(lex, body)?
        };
    // "three and a half", "2 and a half"; after million and up the fraction is of the scale:
    // "one million and a half", "one billion and a half million".
    let mut scaled_fraction = false;
    let (rest, base, form) = match (form, and_a_fraction(lex, rest)) {
        (Form::Words { .. }, Ok((r, f))) if tail.end_scale.is_some_and(is_large_scale) => {
            let (r, of) = scale_below(lex, r, tail.end_scale);
            let v = f
                .checked_mul(of)
                .and_then(|f| base.checked_add(f))
                .map_err(|_| overflow_err(body))?;
            scaled_fraction = true;
            (r, v, form)
        }
        (Form::Digits { decimal: false, .. } | Form::Words { .. }, Ok((r, f))) => {
            let v = base.checked_add(f).map_err(|_| overflow_err(body))?;
            (r, v, Form::Fraction)
        }
        _ => (rest, base, form),
    };
    // "three fifths", "twenty-three fifths", "a hundred trillionths": a numerator in words. After
    // "and" only the words after it are the numerator: "one hundred and three quarters" is
    // 100 3/4, "two million and three fifths" 2.6 million.
    let (rest, base, form) = match form {
        Form::Words { .. } => match compound_denominator(lex, rest).or_else(|| {
            match number_word(lex, rest, &[NumberClass::Fraction]) {
                Ok((r, f)) if ws0(rest).len() < rest.len() || rest.starts_with('-') => {
                    Some((r, f.value))
                }
                _ => None,
            }
        }) {
            Some((r, f)) => {
                let (r, v) = match tail.and_prefix {
                    Some((prefix, Some(s))) if is_large_scale(s) => {
                        // "two million and three fifths", "one billion and three quarters million"
                        let (r, of) = scale_below(lex, r, Some(s));
                        scaled_fraction = true;
                        let v = base
                            .checked_add(-prefix)
                            .and_then(|n| n.checked_mul(f))
                            .and_then(|n| n.checked_mul(of))
                            .and_then(|n| n.checked_add(prefix));
                        (r, v)
                    }
                    Some((prefix, _)) => {
                        // A proper fraction after "and" is added ("one hundred and three
                        // quarters"); an improper one takes the whole number as its numerator
                        // ("one hundred and thirty-two fifths" is 132/5).
                        let part = base.checked_add(-prefix).and_then(|n| n.checked_mul(f));
                        let v = match part {
                            Ok(p) if p < Number::ONE => p.checked_add(prefix),
                            _ => base.checked_mul(f),
                        };
                        (r, v)
                    }
                    None => (r, base.checked_mul(f)),
                };
                match v {
                    Ok(v) if is_writable(v) => (r, v, Form::Fraction),
                    _ => {
                        scaled_fraction = false;
                        (rest, base, form)
                    }
                }
            }
            _ => (rest, base, form),
        },
        _ => (rest, base, form),
    };
    let (rest, scale) = if scaled_fraction {
        (rest, None)
    } else {
        scales(lex, rest, abbreviations)?
    };
    // "10k", "1.2M", ".0012G": a one-letter scale after digits without a currency.
    let (rest, mut scale) = match (scale, form) {
        (
            None,
            Form::Digits {
                int_len, decimal, ..
            },
        ) if !abbreviations => match letter_scale(lex, rest, base, int_len, decimal) {
            Some((r, s)) => (r, Some(s)),
            None => (rest, None),
        },
        _ => (rest, scale),
    };
    let value = match scale {
        Some(s) => base.checked_mul(s).map_err(|_| overflow_err(body))?,
        None => base,
    };
    let mut base = base;
    // "3 million and a half", "3 million and a quarter": a fraction of the scale.
    let (rest, value) = match scale {
        Some(s) if is_large_scale(s) && !matches!(form, Form::Fraction) => {
            match and_a_fraction(lex, rest) {
                Ok((r, f)) => {
                    let (r, of) = scale_below(lex, r, Some(s));
                    match f.checked_mul(of).and_then(|f| value.checked_add(f)) {
                        Ok(v) => {
                            // The fraction is part of the value, not of a shared scale.
                            base = v;
                            scale = None;
                            (r, v)
                        }
                        Err(_) => (rest, value),
                    }
                }
                Err(_) => (rest, value),
            }
        }
        _ => (rest, value),
    };
    let mut value = value;
    let mut rest = rest;
    let mut form = form;
    // Digits with a scale word continued by a smaller part: "3 hundred and 21", "4 thousand 3
    // hundred", "6 crore and two hundred".
    if !negative
        && let Form::Digits { .. } = form
        && let Some(s) = scale
        && let Some((r, part)) = scale_continuation(lex, rest, s)
        && let Ok(v) = value.checked_add(part)
    {
        value = v;
        base = v;
        scale = None;
        rest = r;
        form = Form::Words { lone_one: false };
    }
    // The same number restated in brackets: "thirty (30) days", "45 (forty-five)".
    if let Some(r) = restated(lex, rest, value) {
        rest = r;
        if let Form::Words { lone_one: true } = form {
            form = Form::Words { lone_one: false };
        }
    }
    if negative {
        value = -value;
        base = -base;
        // "minus one" is a number, not the pronoun.
        if let Form::Words { lone_one: true } = form {
            form = Form::Words { lone_one: false };
        }
    }
    Ok((
        rest,
        Numeral {
            value,
            base,
            scale,
            form,
        },
    ))
}

/// True when nothing at the start of `rest`, right after a numeral in digits, can continue it in
/// [`numeral`]: no "and a half", no scale word or abbreviation (attached or spaced, one-letter
/// scales included: they are number words too) and no number restated in brackets. So: the end
/// of the text; a byte of punctuation that begins no number word (not a hyphen or an opening
/// bracket); or one space and a word that does not begin with "and" and that no number word can
/// begin (the number-word table's own first test, [`crate::lexicon::Trie::may_start`]; no number
/// word begins with the space itself, as phrases are stored trimmed, so `scales` finds nothing
/// attached there). Anything else (a second space, a line break, a letter attached, non-ASCII) is
/// left to the full path.
fn nothing_continues_digits(lex: &Lexicon, rest: &str) -> bool {
    let b = rest.as_bytes();
    match b.first() {
        None => true,
        Some(&c) if c.is_ascii_punctuation() => {
            !matches!(c, b'-' | b'(') && !lex.numbers.may_begin_with(c)
        }
        Some(b' ') => {
            let Some(&letter) = b.get(1) else {
                return false;
            };
            letter.is_ascii_alphabetic()
                && !b[1..]
                    .get(..3)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"and"))
                && !lex.numbers.may_start(&rest[1..])
        }
        Some(_) => false,
    }
}

/// False when neither "minus" nor "negative" can begin `i`: its first byte is none of their
/// initials and no white space that [`kw`] would skip.
fn may_begin_sign_word(i: &str) -> bool {
    matches!(
        i.as_bytes().first(),
        Some(b'm' | b'M' | b'n' | b'N' | b' ' | b'\t' | b'\n' | b'\r' | 0xC2 | 0xE2)
    )
}

/// True when no number word (of any class) begins `body`, nor the article "a", nor white space
/// or a hyphen that the words' parsers would skip: numerals in words then fail at once (the
/// common case: "people", "about", "$5"), with the error of their last try, the fraction word
/// of [`scale_fraction`].
fn cannot_begin_words(lex: &Lexicon, body: &str) -> bool {
    let Some(&first) = body.as_bytes().first() else {
        return false;
    };
    !matches!(first, b' ' | b'\t' | b'\n' | b'\r' | 0xC2 | 0xE2 | b'-')
        && (!first.eq_ignore_ascii_case(&b'a') || is_word_char_at(body, 1))
        && lex.numbers.find(body, |_| true).is_none()
}

/// After a numeral, the same value again in brackets, in digits or in words ("thirty (30)"): the
/// rest after the closing bracket.
fn restated<'a>(lex: &Lexicon, i: &'a str, value: Number) -> Option<&'a str> {
    let r = ws0(i).strip_prefix('(')?;
    let r = ws0(r);
    let (r2, n) = if starts_digit(r) {
        digits(r).ok().map(|(r2, (n, _))| (r2, n))?
    } else {
        words(lex, r).ok().map(|(r2, (n, _))| (r2, n))?
    };
    let r2 = ws0(r2).strip_prefix(')')?;
    (n == value).then_some(r2)
}

/// The part after a number written with digits and a scale word: after a hundred, "and" and a
/// number below 100 ("3 hundred and 21"); after a larger scale, a number with its own smaller
/// scale ("4 thousand 3 hundred", "6 crore and two hundred"). A bare number after "thousand" or
/// "million" is not a part ("$2 million and 500 jobs").
fn scale_continuation<'a>(lex: &Lexicon, i: &'a str, scale: Number) -> Option<(&'a str, Number)> {
    let hundred = Number::from(100);
    if scale == hundred {
        let (r, _) = kw("and").parse(i).ok()?;
        let (r, n) = numeral(lex, r, false).ok()?;
        let small = n.scale.is_none()
            && n.value > Number::ZERO
            && n.value < hundred
            && n.value.is_integer()
            && !matches!(n.form, Form::Fraction);
        return small.then_some((r, n.value));
    }
    if scale < Number::from(1000) {
        return None;
    }
    let r = kw("and").parse(i).map(|(r, _)| r).unwrap_or(i);
    if ws0(r).len() == r.len() {
        return None;
    }
    let (r, n) = numeral(lex, r, false).ok()?;
    let scaled = n.scale.is_some() || matches!(n.form, Form::Words { .. }) && n.value >= hundred;
    (scaled && n.value > Number::ZERO && n.value < scale && n.value.is_integer())
        .then_some((r, n.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::builtin()
    }

    fn val(s: &str) -> (String, &str) {
        let (rest, n) = numeral(lex(), s, true).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (n.value.to_string(), rest)
    }

    #[test]
    fn digit_numerals() {
        assert_eq!(val("27,000 pounds"), ("27000".into(), " pounds"));
        assert_eq!(val("738.5 million doses"), ("738500000".into(), " doses"));
        assert_eq!(val("51.4%"), ("51.4".into(), "%"));
        assert_eq!(val("2 1/2 in"), ("2.5".into(), " in"));
        assert_eq!(val("3½"), ("3.5".into(), ""));
        assert_eq!(val("-5°C"), ("-5".into(), "°C"));
        assert_eq!(val("1.2bn"), ("1200000000".into(), ""));
        assert_eq!(val("3.5m"), ("3500000".into(), ""));
        assert_eq!(
            val("999 trillion trillion"),
            ("999000000000000000000000000".into(), "")
        );
    }

    #[test]
    fn word_numerals() {
        assert_eq!(val("twenty-five kilograms").0, "25");
        assert_eq!(val("three and a half hours").0, "3.5");
        assert_eq!(val("one hundred and five").0, "105");
        assert_eq!(val("a dozen eggs").0, "12");
        assert_eq!(val("half a million people").0, "500000");
        assert_eq!(val("a quarter of a million").0, "250000");
        assert_eq!(val("forty five minutes").0, "45");
        assert_eq!(val("five point three three thousand").0, "5330");
        assert_eq!(val("two thousand three hundred").0, "2300");
        assert_eq!(val("minus 40 degrees").0, "-40");
        assert_eq!(val("one and a half million").0, "1500000");
        assert_eq!(val("a million pills").0, "1000000");
    }

    #[test]
    fn malformed_digits_are_errors() {
        assert!(matches!(
            numeral(lex(), "1,2,3,4", false),
            Err(nom::Err::Failure(_))
        ));
        assert!(matches!(
            numeral(lex(), "1.2.3", false),
            Err(nom::Err::Failure(_))
        ));
        let long = "9".repeat(10_000);
        assert!(matches!(
            numeral(lex(), &long, false),
            Err(nom::Err::Failure(_))
        ));
        assert!(matches!(
            numeral(lex(), "999 trillion trillion trillion", false),
            Err(nom::Err::Failure(_))
        ));
    }

    fn bare(s: &str) -> (String, &str) {
        let (rest, n) = numeral(lex(), s, false).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (n.value.to_string(), rest)
    }

    #[test]
    fn one_letter_scales_without_a_currency() {
        assert_eq!(bare("10k"), ("10000".into(), ""));
        assert_eq!(bare("100K"), ("100000".into(), ""));
        assert_eq!(bare("3000K"), ("3000000".into(), ""));
        assert_eq!(bare("1.2M people"), ("1200000".into(), " people"));
        assert_eq!(bare(".0012G"), ("1200000".into(), ""));
        assert_eq!(bare("-1.2M"), ("-1200000".into(), ""));
        assert_eq!(bare("1.2b"), ("1200000000".into(), ""));
        assert_eq!(bare("10G"), ("10000000000".into(), ""));
        assert_eq!(bare("3M"), ("3000000".into(), ""));
        assert_eq!(bare("10M. Then"), ("10000000".into(), ". Then"));
        assert_eq!(bare("2.33 k"), ("2330".into(), ""));
        assert_eq!(bare("1,674.5 G"), ("1674500000000".into(), ""));
        assert_eq!(bare("5k-20k"), ("5000".into(), "-20k"));
        assert_eq!(bare("100k€"), ("100000".into(), "€"));
        assert_eq!(bare("5k–20k"), ("5000".into(), "–20k"));
        assert_eq!(bare("5k–"), ("5".into(), "k–"));
    }

    #[test]
    fn one_letter_traps_are_not_scales() {
        // Companies, networks, video, retirement plans, races, trials, grades, models.
        for s in [
            "3M is",
            "3M.",
            "5G network",
            "5G, and",
            "4K video",
            "401k plan",
            "401k",
            "403b",
            "10K race",
            "2b trials",
            "2b.",
            "12 K-12",
            "600M+",
            "4K-resolution",
            "10k)",
            "10 M people",
            "10 k people",
            "10 G",
        ] {
            let (value, _) = bare(s);
            assert!(!value.ends_with("000"), "{s}: read with a scale as {value}");
        }
    }

    #[test]
    fn spoken_decimal_points_after_digits() {
        assert_eq!(bare("1 point 1"), ("1.1".into(), ""));
        assert_eq!(bare("3 point 25 percent"), ("3.25".into(), " percent"));
    }

    #[test]
    fn bare_hundred_before_a_scale() {
        assert_eq!(bare("hundred thousand dollars").0, "100000");
        assert_eq!(bare("Hundred million").0, "100000000");
        assert!(numeral(lex(), "hundred dollars", false).is_err());
        assert!(numeral(lex(), "hundred", false).is_err());
    }

    #[test]
    fn powers_of_a_small_base() {
        assert_eq!(bare("8x2^10 bits"), ("8192".into(), " bits"));
        assert_eq!(bare("3 × 16^2"), ("768".into(), ""));
        // A base of two digits at most, not 0 or 1; a lost superscript minus only after 10.
        assert_eq!(bare("4x100^2"), ("4".into(), "x100^2"));
        assert_eq!(bare("5x1^3"), ("5".into(), "x1^3"));
        assert_eq!(bare("3x2−5"), ("3".into(), "x2−5"));
        assert_eq!(bare("2.48×10−5").0, "0.0000248");
    }

    #[test]
    fn comma_and_ampersand_inside_number_words() {
        assert_eq!(
            bare("three million, two hundred & forty, you say?"),
            ("3000240".into(), ", you say?")
        );
        assert_eq!(bare("two hundred & five"), ("205".into(), ""));
        assert_eq!(
            bare("one million, two hundred thousand and five"),
            ("1200005".into(), "")
        );
        // A list, a small count after the comma, a group as large as the scale: no join.
        assert_eq!(
            bare("one million, two million and three million"),
            ("1000000".into(), ", two million and three million")
        );
        assert_eq!(
            bare("three million, two of them"),
            ("3000000".into(), ", two of them")
        );
        assert_eq!(
            bare("two dozen, three hundred"),
            ("24".into(), ", three hundred")
        );
        assert_eq!(
            bare("five thousand, six thousand"),
            ("5000".into(), ", six thousand")
        );
    }

    #[test]
    fn negative_hyphen_digits() {
        assert_eq!(bare("negative-5").0, "-5");
        assert_eq!(bare("minus 40").0, "-40");
    }

    #[test]
    fn mixed_numbers_take_any_denominator() {
        assert_eq!(bare("0 1/21"), ("1/21".into(), ""));
        assert_eq!(bare("232 1/30 kg"), ("6961/30".into(), " kg"));
        assert_eq!(bare("-0 5/9"), ("-5/9".into(), ""));
        // Alone, "1/21" is a date: only the usual denominators.
        assert_eq!(bare("1/21"), ("1".into(), "/21"));
        assert_eq!(bare("2/3"), ("2/3".into(), ""));
        // Above 31 no day or month: a fraction with a finite decimal form.
        assert_eq!(bare("1/40"), ("0.025".into(), ""));
        assert_eq!(bare("3/64"), ("0.046875".into(), ""));
        assert_eq!(bare("7/31"), ("7".into(), "/31"));
        assert_eq!(bare("1/48"), ("1".into(), "/48"));
        // Up to 999, so that the printed form reads back.
        assert_eq!(bare("0 1/1001"), ("0".into(), " 1/1001"));
        // A power keeps to the usual denominators: 1/7 would print "0 1/7", a ratio.
        assert_eq!(bare("7^-1"), ("7".into(), "^-1"));
        assert_eq!(bare("3^-1"), ("1/3".into(), ""));
        // Without a finite decimal form it is read, and printed, as a fraction: a ratio like "1/3".
        let q = crate::parse("3^-1").expect("a power");
        assert_eq!(q.kind, crate::Kind::Ratio);
        assert_eq!(crate::parse(&q.to_string()), Ok(q));
        assert_eq!(crate::parse("2^-1").map(|q| q.kind), Ok(crate::Kind::Count));
    }

    #[test]
    fn compound_ordinal_denominators() {
        assert_eq!(bare("one twenty-fifth").0, "0.04");
        assert_eq!(bare("twenty twenty fifths").0, "0.8");
        assert_eq!(bare("three twenty-fifths of it").0, "0.12");
        // No finite decimal: printed "0 1/21", which reads back.
        assert_eq!(bare("one twenty-first").0, "1/21");
        assert_eq!(bare("three twenty firsts").0, "1/7");
        assert_eq!(bare("one thirty-seconds").0, "0.03125");
        // "twenty seconds" is a duration; "twenty-first-century" an ordinal.
        assert_eq!(bare("one twenty seconds"), ("1".into(), " twenty seconds"));
        assert_eq!(bare("one twenty-first-century").0, "1");
        // "twenty-fourth" is 1/24, not a quarter.
        assert_eq!(bare("one twenty-fourth").0, "1/24");
    }

    #[test]
    fn dozens_after_hundred_and() {
        assert_eq!(bare("three hundred and two dozens").0, "324");
        assert_eq!(bare("two dozen").0, "24");
        assert_eq!(bare("three hundred and two thousand").0, "302000");
    }

    #[test]
    fn spoken_hundreds_without_the_word() {
        assert_eq!(bare("one twenty two").0, "122");
        assert_eq!(bare("ONE TwentY tWO").0, "122");
        assert_eq!(bare("one twenty").0, "1");
        assert_eq!(bare("one twenty-two-year-old").0, "1");
        assert_eq!(bare("one twenty-minute session").0, "1");
    }

    #[test]
    fn one_plain_space_group_starting_with_zero() {
        assert_eq!(bare("40 000 is").0, "40000");
        assert_eq!(bare("5 050 people").0, "5050");
        assert_eq!(bare("40 120 people").0, "40");
        assert_eq!(bare("40 0000").0, "40");
    }

    #[test]
    fn double_minus_in_a_power() {
        assert_eq!(bare("-1.1^--2").0, "-1.21");
        assert_eq!(bare("2^-1").0, "0.5");
        assert_eq!(bare("2e--1").0, "2");
    }

    /// The limit of `Number`, 10^36, has 37 digits: it reads as digits too, so that it prints
    /// and reads back ("1trn trn trn"); one more is too large.
    #[test]
    fn ten_to_the_thirty_sixth_reads_back() {
        let limit = "1,000,000,000,000,000,000,000,000,000,000,000,000";
        assert_eq!(bare(limit).0, format!("1{}", "0".repeat(36)));
        assert_eq!(bare("1trn trn trn").0, format!("1{}", "0".repeat(36)));
        assert!(
            numeral(
                lex(),
                "1,000,000,000,000,000,000,000,000,000,000,000,001",
                false
            )
            .is_err()
        );
        assert!(
            numeral(
                lex(),
                "10,000,000,000,000,000,000,000,000,000,000,000,000",
                false
            )
            .is_err()
        );
    }

    #[test]
    fn digits_hundred_and_one() {
        assert_eq!(bare("3 hundred and one is").0, "301");
        assert_eq!(bare("3 hundred and 21").0, "321");
    }

    /// The same result: the same rest (position and length) and value, or the same error (kind,
    /// position and what was expected).
    fn same<T: PartialEq + std::fmt::Debug>(a: &Res<'_, T>, b: &Res<'_, T>) -> bool {
        match (a, b) {
            (Ok((r1, v1)), Ok((r2, v2))) => {
                r1.as_ptr() == r2.as_ptr() && r1.len() == r2.len() && v1 == v2
            }
            (Err(nom::Err::Error(f1)), Err(nom::Err::Error(f2)))
            | (Err(nom::Err::Failure(f1)), Err(nom::Err::Failure(f2))) => {
                f1.at.as_ptr() == f2.at.as_ptr()
                    && f1.at.len() == f2.at.len()
                    && f1.expected == f2.expected
            }
            _ => false,
        }
    }

    /// Inputs for the fast paths: digit runs around the limits (18/19 digits for 64 bits, 36/37
    /// for `Number`, i128's extremes), leading zeros, followed by decimals, groups, fractions,
    /// powers, words, punctuation and non-ASCII text, one or two such tails.
    fn digit_inputs() -> Vec<String> {
        let mut heads: Vec<String> = [
            "0", "00", "000", "1", "7", "12", "123", "1234", "007", "0001", "40", "100", "999",
        ]
        .map(String::from)
        .to_vec();
        for n in [17, 18, 19, 20, 35, 36, 37, 38, 39, 40, 60] {
            heads.push("9".repeat(n));
            heads.push(format!("1{}", "0".repeat(n - 1)));
            heads.push(format!("{}1", "0".repeat(n - 1)));
            heads.push("123456789".repeat(7)[..n].to_string());
        }
        heads.push(i128::MAX.to_string());
        heads.push((i128::MAX as u128 + 1).to_string());
        heads.push(u64::MAX.to_string());
        heads.push(i64::MAX.to_string());
        let tails = [
            "",
            ".",
            ".0",
            ".00",
            ".5",
            ".50",
            ".05",
            ".000",
            ".123",
            ".1234",
            ".999999999999999999",
            ".0000000000000000001",
            ".123456789012345678901234567890123456",
            ".1234567890123456789012345678901234567",
            ",",
            ",000",
            ",5",
            ",50",
            ",5000",
            ",00",
            ",34,567",
            " 000",
            "\u{a0}000",
            "\u{202f}000 000",
            " 234 567",
            "/2",
            "/3",
            "/21",
            "/40",
            " 1/2",
            " 5/9",
            "½",
            "¾ kg",
            "e5",
            "E-3",
            "e99",
            "x10^6",
            " × 10^3",
            "*2^10",
            "^2",
            "^-1",
            "^--2",
            "..5",
            ".5.5",
            "é",
            "€",
            " kg",
            " million",
            "m",
            "k",
            "-",
            " point 5",
            "%",
            ")",
            ":",
            " (",
            " x 2",
            " *2",
            " 1",
            "\tkg",
            " \u{a0}",
            "  kg",
            " \nkg",
            "\u{2009}kg",
            " é",
            " \r\n1/2",
            " \n1/2",
            " \t1/2",
            " \r\nx10^2",
            "\r\n1/2",
            ", and",
            ",x",
            ", 5",
            ". The",
            ".)",
            ".,",
            "..",
            ".5,",
            ".5.",
            ".5, and",
            ".5 kg",
            ".5 5",
            ".25 x 10^2",
            ".000,5",
            ".0005,5",
            ",000,000,000,000,000",
            ",000,000,000,000,000,000",
            ",000,000,000,000,000.5",
            ",999,999,999,999,999,999 kg",
            ",000.",
            ",001,",
            ",000.000,5",
        ];
        let mut out = Vec::new();
        for h in &heads {
            for t in &tails {
                out.push(format!("{h}{t}"));
                out.push(format!(".{h}{t}"));
                for t2 in [".5", ",000", " 1/2", "e2", "½", "x", ".", ","] {
                    out.push(format!("{h}{t}{t2}"));
                }
            }
        }
        out.extend(["", ".", "½", "⅞5", "x", ".x"].map(String::from));
        out
    }

    /// `integer` as it was, all through `str::parse`.
    fn integer_reference<'a>(
        at: &'a str,
        digits: &str,
    ) -> Result<Number, nom::Err<crate::error::Fail<'a>>> {
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() > 37 {
            return Err(overflow_err(at));
        }
        let n: i128 = if trimmed.is_empty() {
            0
        } else {
            trimmed.parse().map_err(|_| overflow_err(at))?
        };
        Number::ratio(n, 1).ok_or_else(|| overflow_err(at))
    }

    /// `digits` as it was: no cheap tests, decimals as `int + frac / 10^k`.
    fn digits_reference(i: &str) -> Res<'_, (Number, Form)> {
        if let Some(c) = i.chars().next()
            && let Some((n, d)) = vulgar(c)
        {
            let v = Number::ratio(n, d).unwrap_or(Number::ZERO);
            return Ok((&i[c.len_utf8()..], (v, Form::Fraction)));
        }
        if let Some(after) = i.strip_prefix('.')
            && starts_digit(after)
        {
            let (r, frac) = digit1(after)?;
            let frac_trim = frac.trim_end_matches('0');
            let f = integer_reference(after, if frac_trim.is_empty() { "0" } else { frac_trim })?;
            let scale = Number::pow10(frac_trim.len() as u32).ok_or_else(|| overflow_err(after))?;
            let value = f.checked_div(scale).map_err(|_| overflow_err(i))?;
            if r.starts_with('.') && starts_digit(&r[1..]) {
                return cut(r, "a single decimal point");
            }
            let form = Form::Digits {
                int_len: 1,
                grouped: false,
                decimal: true,
            };
            return match exponent_at(r, value) {
                Some((r, v)) => Ok((r, (v, power_form(v, form)))),
                None => Ok((r, (value, form))),
            };
        }
        let (mut rest, first) = digit1(i)?;
        let mut int_digits = std::borrow::Cow::Borrowed(first);
        let mut grouped = false;
        if let Some((len, digits)) = indian_grouping(i) {
            int_digits = digits.into();
            rest = &i[len..];
            grouped = true;
        } else if let Some((len, digits)) = space_grouping(i) {
            int_digits = digits.into();
            rest = &i[len..];
            grouped = true;
        }
        while let Some(after) = rest.strip_prefix(',') {
            let group_len = after.bytes().take_while(u8::is_ascii_digit).count();
            if group_len == 0 {
                break;
            }
            if first.len() > 3 {
                break;
            }
            if group_len != 3 {
                return cut(
                    after,
                    "a group of three digits after the thousands separator",
                );
            }
            int_digits.to_mut().push_str(&after[..3]);
            rest = &after[3..];
            grouped = true;
        }
        let mut value = integer_reference(i, &int_digits)?;
        let mut decimal = false;
        if let Some(after) = rest.strip_prefix('.')
            && starts_digit(after)
        {
            let (r, frac) = digit1(after)?;
            let frac_trim = frac.trim_end_matches('0');
            let f = integer_reference(after, if frac_trim.is_empty() { "0" } else { frac_trim })?;
            if int_digits.trim_start_matches('0').len() + frac_trim.len() > 36 {
                return Err(overflow_err(i));
            }
            let scale = Number::pow10(frac_trim.len() as u32).ok_or_else(|| overflow_err(after))?;
            value = f
                .checked_div(scale)
                .and_then(|f| value.checked_add(f))
                .map_err(|_| overflow_err(i))?;
            rest = r;
            decimal = true;
            if rest.starts_with('.') && starts_digit(&rest[1..]) {
                return cut(rest, "a single decimal point");
            }
            if frac.len() == 3 && rest.starts_with(',') && starts_digit(&rest[1..]) {
                return cut(rest, "an English number (\"1.000,5\" uses a decimal comma)");
            }
        }
        if let Some((r, v)) = exponent_at(rest, value) {
            let form = Form::Digits {
                int_len: 1,
                grouped,
                decimal: true,
            };
            return Ok((r, (v, power_form(v, form))));
        }
        let int_len = int_digits.trim_start_matches('0').len().max(1);
        if !decimal {
            if !grouped && let Some((r, (n, d))) = simple_fraction(i, false) {
                let v = Number::ratio(n, d).unwrap_or(Number::ZERO);
                return Ok((r, (v, Form::Fraction)));
            }
            if let Some(c) = rest.chars().next()
                && let Some((n, d)) = vulgar(c)
            {
                let v = Number::ratio(n, d)
                    .and_then(|f| value.checked_add(f).ok())
                    .unwrap_or(value);
                return Ok((&rest[c.len_utf8()..], (v, Form::Fraction)));
            }
            let after_space = ws0(rest);
            if after_space.len() < rest.len()
                && let Some((r, (n, d))) = simple_fraction(after_space, true)
                && n < d
            {
                let v = Number::ratio(n, d)
                    .and_then(|f| value.checked_add(f).ok())
                    .unwrap_or(value);
                return Ok((r, (v, Form::Fraction)));
            }
        }
        Ok((
            rest,
            (
                value,
                Form::Digits {
                    int_len,
                    grouped,
                    decimal,
                },
            ),
        ))
    }

    /// The fast paths of digits (hand-read integers, decimals built in one step, the cheap tests
    /// before exponents, fractions and vulgar fractions) give what the general path gives.
    #[test]
    fn digit_fast_paths_agree_with_the_general_path() {
        let inputs = digit_inputs();
        let mut parsed = 0;
        for s in &inputs {
            let (fast, general) = (digits(s), digits_reference(s));
            assert!(same(&fast, &general), "{s:?}: {fast:?} vs {general:?}");
            parsed += usize::from(fast.is_ok());
            for at in [0, 1] {
                let Some(d) = s.get(at..) else { continue };
                let (fast, general) = (integer(s, d), integer_reference(s, d));
                let agree = match (&fast, &general) {
                    (Ok(a), Ok(b)) => a == b,
                    (Err(nom::Err::Failure(a)), Err(nom::Err::Failure(b))) => {
                        a.at.as_ptr() == b.at.as_ptr() && a.expected == b.expected
                    }
                    _ => false,
                };
                assert!(agree, "integer {d:?}: {fast:?} vs {general:?}");
            }
            for m in [
                Number::ONE,
                Number::from(7),
                Number::ratio(3, 2).unwrap_or(Number::ONE),
            ] {
                for at in 0..s.len().min(24) {
                    if let Some(r) = s.get(at..) {
                        assert_eq!(exponent(r, m), exponent_at(r, m), "exponent {r:?}");
                    }
                }
            }
        }
        assert!(parsed > inputs.len() / 2, "too few inputs parse: {parsed}");
    }

    /// The cheap first tests of the words, of "and a half" and of "minus"/"negative" give the
    /// errors of the parsers they skip, on running text.
    #[test]
    fn cheap_word_tests_agree_with_the_parsers() {
        let text = "About 5 people, a dozen and a half: $3 or one-half of a million; \
            Minus 4, negative-2, Negative 3, an hour and three quarters. Half a million, \
            A Hundred, ab a, 'two' (three) -five \u{a0}six\u{2009}seven — “eight” nine\n\nten Twelve \
            andante and, AND a half, mint, never, zero, none; 5½, ⅞ - -a - and";
        let lex = lex();
        let mut skipped = 0;
        for start in 0..text.len() {
            let Some(i) = text.get(start..) else { continue };
            if cannot_begin_words(lex, i) {
                skipped += 1;
                let general = fraction_of_scale(lex, i).map(|(r, (n, _, _))| (r, n));
                assert!(
                    same(&fail(i, "a number word"), &general),
                    "words at {i:?}: {general:?}"
                );
            }
            assert!(
                same(&and_a_fraction(lex, i), &and_a_fraction_at(lex, i)),
                "and at {i:?}"
            );
            if !may_begin_sign_word(i) {
                assert!(kw("minus").parse(i).is_err() && kw("negative").parse(i).is_err());
            }
        }
        assert!(skipped > 50, "too few inputs skipped: {skipped}");
    }

    /// A numeral in digits that [`nothing_continues_digits`] ends at once reads as the full path
    /// reads it (value, scale, form, rest and errors): numbers followed by every number word of
    /// the lexicon (spaced, attached, after a hyphen, in three casings), "and" phrases, one-letter
    /// scales, brackets, punctuation, white space and ordinary words. The shortcut must also
    /// apply often, or it saves nothing.
    #[test]
    fn digits_that_nothing_continues_read_as_the_full_path_reads_them() {
        let lex = lex();
        let mut tails: Vec<String> = [
            "",
            " people",
            " percent",
            " point 5",
            " point five",
            " pm",
            " and a half",
            " and",
            " andrew",
            " And three quarters",
            " k",
            " K",
            "k",
            "K.",
            "M",
            " M people",
            " b",
            " by",
            " Bn",
            " T",
            " G",
            " tons",
            " Medicare",
            "  people",
            "\npeople",
            "\u{a0}people",
            "%",
            ".",
            ". Then",
            ",",
            ", and",
            ")",
            "(5)",
            " (5)",
            " (five)",
            "-fold",
            "-",
            "/",
            "/4",
            "²",
            " ½",
            "½",
            ":",
            ";",
            "!",
            "?",
            "\"",
            "'",
            "$",
            "€",
            "°C",
            " °F",
            "x10^3",
            "e6",
            ".5",
            ",000",
            " 000",
            " 1/2",
            "th",
            "st",
            " people and 3",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for line in include_str!("../data/numbers.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            for word in line.split('\t').next().unwrap_or("").split('|') {
                let word = word.trim();
                for w in [word.to_string(), word.to_uppercase(), {
                    let mut c = word.chars();
                    c.next()
                        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                        .unwrap_or_default()
                }] {
                    tails.extend([
                        format!(" {w}"),
                        w.clone(),
                        format!("-{w}"),
                        format!(" {w} people"),
                    ]);
                }
            }
        }
        let mut shortcut = 0;
        for number in [
            "5", "27,000", "1.5", "2019", "3/4", "2 1/2", "401", "10", "0.25", "1e3",
        ] {
            for tail in &tails {
                let text = format!("{number}{tail}");
                for input in [text.clone(), format!(" {text}"), format!("-{text}")] {
                    for abbreviations in [false, true] {
                        let fast = numeral(lex, &input, abbreviations);
                        let full = crate::test_support::without_fast_paths(|| {
                            numeral(lex, &input, abbreviations)
                        });
                        // Whether the shortcut was taken: the test `numeral` makes after the digits.
                        if let Ok((r, (b, f))) = digits(input.trim_start_matches([' ', '-']))
                            && let (r, _, _) = spoken_point(r, b, f).unwrap_or((r, b, f))
                            && nothing_continues_digits(lex, r)
                        {
                            shortcut += 1;
                        }
                        let agree = match (&fast, &full) {
                            (Ok((r1, a)), Ok((r2, b))) => {
                                r1.len() == r2.len()
                                    && a.value == b.value
                                    && a.base == b.base
                                    && a.scale == b.scale
                                    && a.form == b.form
                            }
                            (
                                Err(nom::Err::Error(a) | nom::Err::Failure(a)),
                                Err(nom::Err::Error(b) | nom::Err::Failure(b)),
                            ) => {
                                matches!(fast, Err(nom::Err::Failure(_)))
                                    == matches!(full, Err(nom::Err::Failure(_)))
                                    && a.at.len() == b.at.len()
                                    && a.expected == b.expected
                            }
                            _ => false,
                        };
                        assert!(
                            agree,
                            "{input:?} ({abbreviations}): {fast:?} against {full:?}"
                        );
                    }
                }
            }
        }
        assert!(
            shortcut > 1000,
            "the shortcut applied only {shortcut} times"
        );
    }

    #[test]
    fn twenty_twenty_is_not_forty() {
        let (rest, n) = numeral(lex(), "one two", false).unwrap();
        assert_eq!(n.value.to_string(), "1");
        assert_eq!(rest, " two");
    }
}
