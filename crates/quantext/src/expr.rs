//! One quantity expression: qualifiers, the number or range, its unit, the counted thing, a rate
//! and a change.
//!
//! # Grammar
//! ```text
//! expression = change-pre? qualifier-pre? core qualifier-post? entity? qualifier-post? rate?
//!              change-post? reference?
//! core       = "between" amount "and" amount          between 3 and 5 percent
//!            | "from" amount ("to" | "through") amount
//!            | numeral ("in" | "out of") "every"? numeral      one in five (adults)
//!            | fraction                                 about half, two-thirds
//!            | multiple                                 nearly double, three times
//!            | ("aged" | "age" | "ages") amount         aged 36
//!            | amount (range-sep amount)?               20 to 30 million, $5-10 million
//!            | vague                                    hundreds of thousands of dollars
//! amount     = currency-prefix? numeral unit?           $1.2bn, 27,000 pounds, -5°C
//! range-sep  = "-" | "–" | "—" | "to" | "through" | "thru"
//! vague      = vague-word ("of" vague-plural)* scale? (unit | "of" unit | "of"? entity)?
//! rate       = "per" word | ("a" | "an" | "each" | "every") period | "/" word | "annually" ...
//! ```
//! The bounds each qualifier and vague word gives are listed in `docs/semantics.md`.

use crate::error::{Res, cut, fail};
use crate::lexicon::{
    ChangeRole, Effect, Lexicon, NumberClass, Position, Trie, WordClass, is_word_char_at,
};
use crate::memo::NumeralMemo;
use crate::model::{Bound, Change, Dimension, Direction, Kind, Quantity};
use crate::number::Number;
use crate::numeral::{Form, Numeral, is_plainly_writable, is_writable, numeral};
use crate::tokens::{kw, lookup, starts_digit, ws0};
use crate::unit::{After, UnitHit, currency_prefix, unit_after};

/// What the parsers may consult.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'x> {
    pub lex: &'x Lexicon,
    /// Counted things declared by the user ("pill presses"), matched before the heuristics.
    pub entities: Option<&'x Trie<()>>,
    /// The numeral memo of the expression being read (set by [`expression`]).
    pub memo: Option<&'x NumeralMemo>,
}

/// [`numeral`] through the expression's memo: the core's alternatives begin with the same
/// numeral, which is then parsed once.
fn numeral_at<'a>(ctx: Ctx<'_>, i: &'a str, abbreviations: bool) -> Res<'a, Numeral> {
    match ctx.memo {
        Some(memo) => memo.numeral(ctx.lex, i, abbreviations),
        None => numeral(ctx.lex, i, abbreviations),
    }
}

/// Facts about how an expression was written, for the scanner's filters (years, identifiers,
/// pronouns, bare multiples).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Meta {
    /// The single numeral of a plain (non-range) amount, when that is all the core was.
    pub numeral_form: Option<Form>,
    /// Any qualifier, change or currency before the number.
    pub prefixed: bool,
    /// Both numerals of a range, when the core was a range.
    pub range_forms: Option<(Form, Form)>,
    /// The core is a bare ratio word ("double", "half", "a quarter") whose reading depends on the
    /// words around it.
    pub bare_ratio_word: bool,
    /// A clock time follows the numeral ("6 pm"): not a quantity.
    pub time_of_day: bool,
    /// The numeral has an ordinal suffix ("19th").
    pub ordinal: bool,
    /// Where the core's first numeral starts (for look-behind checks).
    pub core_start: usize,
    /// A hedge inside a range ("between 2 g and about 7 g", "2 - ~7 litres").
    pub hedged_inside: bool,
}

/// A parsed expression: the quantity (without text and span) and how it was written.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub quantity: Quantity,
    pub meta: Meta,
}

/// The core's reading before qualifiers are applied.
#[derive(Debug, Clone)]
struct Core {
    value: Option<Number>,
    lower: Option<Bound>,
    upper: Option<Bound>,
    unit: Option<UnitHit>,
    ratio: bool,
    entity: Option<String>,
}

impl Core {
    fn single(value: Number, unit: Option<UnitHit>) -> Core {
        Core {
            value: Some(value),
            lower: Some(Bound::inclusive(value)),
            upper: Some(Bound::inclusive(value)),
            unit,
            ratio: false,
            entity: None,
        }
    }

    fn ratio(value: Number) -> Core {
        Core {
            ratio: true,
            ..Core::single(value, None)
        }
    }
}

/// A numeral with its unit.
#[derive(Debug, Clone)]
struct Amount {
    num: Numeral,
    unit: Option<UnitHit>,
    currency_first: bool,
}

fn offset_in(full: &str, rest: &str) -> usize {
    full.len() - rest.len()
}

/// An amount: optional currency prefix, numeral, optional unit.
fn amount<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Amount> {
    let lex = ctx.lex;
    let start = ws0(i);
    if let Some(prefix) = currency_prefix(lex, start) {
        let r = prefix.rest;
        if !prefix.number_follows {
            let symbol = !start.starts_with(|c: char| c.is_ascii_alphabetic());
            return if symbol {
                cut(r, "a number after the currency sign")
            } else {
                fail(start, "a number")
            };
        }
        let (r, num) = numeral(lex, r, true)?;
        // A currency word before the number ("ringgit 42") only before a number that is neither a
        // year ("the euro 2020 tournament") nor followed by a unit ("the dollar 2 percent"). A
        // numeral that took a full stop ("5 mil.") and a capital after it end a sentence: what
        // follows is no unit of this number ("Dollars 5 mil. Dollars 5 more").
        let sentence_ends = || {
            r.starts_with(char::is_whitespace)
                && start[..offset_in(start, r)].ends_with('.')
                && ws0(r).starts_with(|c: char| c.is_uppercase())
        };
        if prefix.word
            && (year_like(num.form)
                || !matches!(unit_after(lex, r), After::Nothing) && !sentence_ends())
        {
            return fail(start, "a number of the currency");
        }
        // "$5 million dollars" is rare; "$2.11 per gallon" is handled by the rate.
        return Ok((
            r,
            Amount {
                num,
                unit: Some(prefix.hit),
                currency_first: true,
            },
        ));
    }
    let (r, mut num) = numeral_at(ctx, start, false)?;
    // A fraction of a unit: "1/2 of a cup", "one and a quarter of an hour".
    let after = match unit_after(lex, r) {
        After::Nothing if matches!(num.form, Form::Fraction) && !num.value.is_integer() => {
            match kw("of").parse(r) {
                Ok((r2, _)) => {
                    let r3 = kw("an")
                        .parse(r2)
                        .or_else(|_| kw("a").parse(r2))
                        .map(|(r, _)| r)
                        .unwrap_or(r2);
                    match unit_after(lex, r3) {
                        a @ After::Unit(_, UnitHit::Measure(_)) => a,
                        _ => After::Nothing,
                    }
                }
                Err(_) => After::Nothing,
            }
        }
        // Quote marks are inches or feet after digits only: "one hundred and two"" is a quotation.
        After::Unit(..)
            if matches!(num.form, Form::Words { .. })
                && crate::unit::quote_unit(ws0(r)).is_some() =>
        {
            After::Nothing
        }
        a => a,
    };
    match after {
        After::Unit(mut r2, hit) => {
            // "75 USD million": a scale word after a currency code, but not after one that took
            // a full stop with a capital after it, which end a sentence ("0 rs. Billions").
            let sentence_ends = || {
                start[..offset_in(start, r2)].ends_with('.')
                    && ws0(r2).starts_with(char::is_uppercase)
            };
            if let UnitHit::Money(..) = hit
                && num.scale.is_none()
                && !sentence_ends()
                && let Ok((r3, Some(s))) = crate::numeral::scales(lex, r2, false)
                && ws0(r2).len() < r2.len()
                && let Ok(v) = num.value.checked_mul(s)
            {
                num.value = v;
                num.scale = Some(s);
                r2 = r3;
            }
            Ok((
                r2,
                Amount {
                    num,
                    unit: Some(hit),
                    currency_first: false,
                },
            ))
        }
        After::TimeOfDay => {
            meta.time_of_day = true;
            Ok((
                r,
                Amount {
                    num,
                    unit: None,
                    currency_first: false,
                },
            ))
        }
        After::Ordinal(r2) => {
            meta.ordinal = true;
            Ok((
                r2,
                Amount {
                    num,
                    unit: None,
                    currency_first: false,
                },
            ))
        }
        After::Nothing => Ok((
            r,
            Amount {
                num,
                unit: None,
                currency_first: false,
            },
        )),
    }
}

/// Four digits without grouping or decimals: possibly a year.
fn year_like(form: Form) -> bool {
    matches!(
        form,
        Form::Digits {
            int_len: 4,
            grouped: false,
            decimal: false
        }
    )
}

/// Why an amount has no value in its unit.
enum Unscalable {
    /// The product does not fit.
    Overflow,
    /// Minor units that give a value with no written form ("1/6 p" would be £1/600).
    NoWrittenForm,
}

/// The amount in its unit: minor units are converted ("43 cents" is $0.43).
fn scaled(a: &Amount) -> Result<Number, Unscalable> {
    match &a.unit {
        Some(u) => in_major_units(a.num.value, u.factor()),
        None => Ok(a.num.value),
    }
}

/// `v` minor units of factor `f` in major units, when that value can be printed and read back.
fn in_major_units(v: Number, f: Number) -> Result<Number, Unscalable> {
    let x = v.checked_mul(f).map_err(|_| Unscalable::Overflow)?;
    if f != Number::ONE && !crate::numeral::is_plainly_writable(x) {
        return Err(Unscalable::NoWrittenForm);
    }
    Ok(x)
}

fn overflow(at: &str) -> nom::Err<crate::error::Fail<'_>> {
    nom::Err::Failure(crate::error::Fail {
        at,
        expected: "a number small enough to represent exactly",
    })
}

/// Joins two amounts into a range: the scale and the unit of the second apply to the first
/// when the first has none ("20 to 30 million pills", "between 3 and 5 percent").
fn join_range(mut a: Amount, b: Amount) -> Option<(Number, Number, Option<UnitHit>)> {
    if a.num.scale.is_none()
        && let Some(s) = b.num.scale
        && a.num.base < b.num.base
    {
        a.num.value = a.num.base.checked_mul(s).ok()?;
    }
    let unit = match (&a.unit, &b.unit) {
        (Some(x), Some(y)) if x.unit() != y.unit() => return None,
        (Some(x), _) => Some(x.clone()),
        (None, Some(y)) => Some(y.clone()),
        (None, None) => None,
    };
    let factor = unit.as_ref().map_or(Number::ONE, UnitHit::factor);
    let lo = in_major_units(a.num.value, factor).ok()?;
    let hi = in_major_units(b.num.value, factor).ok()?;
    Some((lo, hi, unit))
}

fn range_core(lo: Number, hi: Number, unit: Option<UnitHit>) -> Core {
    Core {
        value: None,
        lower: Some(Bound::inclusive(lo)),
        upper: Some(Bound::inclusive(hi)),
        unit,
        ratio: false,
        entity: None,
    }
}

/// "between A and B" / "from A to B".
fn bracketed_range<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let (r, open) = kw("between").parse(i).or_else(|_| kw("from").parse(i))?;
    // "from A and B" only with a unit on both ends ("from 30 celsius and 40 celsius").
    let closing: &[&str] = if open.eq_ignore_ascii_case("between") {
        &["and", "to", "-", "–"]
    } else {
        &["to", "through", "thru", "-", "–", "and"]
    };
    meta.core_start = offset_in(i, ws0(r));
    let (mut r, mut a) = amount(ctx, r, meta)?;
    // "between 2 l and about 7 l": an ambiguous symbol on the first end, confirmed by the same
    // unit on the second.
    let mut pending = None;
    if a.unit.is_none()
        && let Some((len, (e, _))) = ctx.lex.units.find(ws0(r), |(_, rule)| rule.needs_context)
        && closing.iter().any(|c| kw(c).parse(&ws0(r)[len..]).is_ok())
    {
        pending = Some(e.unit.clone());
        r = &ws0(r)[len..];
    }
    let mut after = None;
    let mut from_and = false;
    for c in closing {
        if let Ok((r2, _)) = kw(c).parse(r) {
            after = Some(r2);
            from_and = *c == "and" && !open.eq_ignore_ascii_case("between");
            break;
        }
    }
    if from_and && a.unit.is_none() && pending.is_none() {
        return fail(ws0(r), "\"to\"");
    }
    let Some(r) = after else {
        return fail(
            ws0(r),
            if open.eq_ignore_ascii_case("between") {
                "\"and\""
            } else {
                "\"to\""
            },
        );
    };
    // "between 2 g and about 7 g": a hedge on the second end makes the range approximate.
    let r = match hedge(ctx, r) {
        Some(r2) => {
            meta.hedged_inside = true;
            r2
        }
        None => r,
    };
    let b_start = ws0(r);
    let (r, b) = match amount(ctx, r, meta) {
        Ok(ok) => ok,
        Err(nom::Err::Error(_)) => return cut(b_start, "a number"),
        Err(e) => return Err(e),
    };
    if from_and && b.unit.is_none() {
        return fail(b_start, "a unit on both ends of \"from A and B\"");
    }
    if let Some(u) = pending {
        if !matches!(&b.unit, Some(UnitHit::Measure(bu)) if *bu == u) {
            return fail(b_start, "the same unit on both ends of the range");
        }
        a.unit = Some(UnitHit::Measure(u));
    }
    let (fa, fb) = (a.num.form, b.num.form);
    let Some((mut lo, mut hi, unit)) = join_range(a, b) else {
        return fail(b_start, "the same unit on both ends of the range");
    };
    // "from -18 °C to -34 °C": two values below zero, the larger in magnitude second.
    if lo > hi && hi.is_negative() && unit.is_some() {
        std::mem::swap(&mut lo, &mut hi);
    }
    if lo > hi {
        return fail(b_start, "a range from low to high");
    }
    meta.range_forms = Some((fa, fb));
    meta.prefixed = true;
    Ok((r, range_core(lo, hi, unit)))
}

/// A hedge ("about", "around", "approximately", "~") before the second end of a range.
fn hedge<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<&'a str> {
    if let Some(r) = ws0(i).strip_prefix('~') {
        return Some(r);
    }
    match qualifier(ctx, i, Position::Pre) {
        Some((r, Effect::Approximate)) => Some(r),
        _ => None,
    }
}

/// An uncertainty after an amount: "±", "+/-" or "plus or minus" and a second amount in the same
/// unit (or none): "9.83e-3 +/- 1e-5 km/s2", "2,000.45±0.01 pounds", "$5 ± $1". The value as
/// written, with inclusive bounds that far either side of it.
#[inline(never)]
fn plus_minus<'a>(ctx: Ctx<'_>, a: &Amount, r: &'a str) -> Option<(&'a str, Core)> {
    let s = ws0(r);
    let after = match s.strip_prefix('±').or_else(|| s.strip_prefix("+/-")) {
        Some(after) => after,
        None => {
            let (r2, _) = kw("plus").parse(s).ok()?;
            let (r2, _) = kw("or").parse(r2).ok()?;
            kw("minus").parse(r2).ok()?.0
        }
    };
    if ws0(after).starts_with(['-', '−', '+']) {
        return None;
    }
    let (r2, b) = amount(ctx, after, &mut Meta::default()).ok()?;
    let unit = match (&a.unit, &b.unit) {
        (Some(UnitHit::Age(_)), _) | (_, Some(UnitHit::Age(_))) => return None,
        (Some(x), Some(y)) if x.unit() != y.unit() => return None,
        (Some(x), _) => Some(x.clone()),
        (None, y) => y.clone(),
    };
    // Each side in its own alias of the unit ("$5 ± 50 cents"), or in the shared one.
    let factor = |own: &Option<UnitHit>| {
        own.as_ref()
            .or(unit.as_ref())
            .map_or(Number::ONE, UnitHit::factor)
    };
    let v = in_major_units(a.num.value, factor(&a.unit)).ok()?;
    let d = in_major_units(b.num.value, factor(&b.unit)).ok()?;
    if d <= Number::ZERO || !crate::numeral::is_plainly_writable(d) {
        return None;
    }
    let lo = v.checked_add(-d).ok()?;
    let hi = v.checked_add(d).ok()?;
    Some((
        r2,
        Core {
            value: Some(v),
            lower: Some(Bound::inclusive(lo)),
            upper: Some(Bound::inclusive(hi)),
            unit,
            ratio: false,
            entity: None,
        },
    ))
}

/// An amount, possibly followed by a range tail ("-10 million", " to $10").
fn amount_or_range<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let (r, a) = amount(ctx, i, meta)?;
    if meta.time_of_day || meta.ordinal {
        let v = a.num.value;
        meta.numeral_form = Some(a.num.form);
        return Ok((r, Core::single(v, None)));
    }
    // "9.83e-3 +/- 1e-5 km/s2": a measurement and its uncertainty.
    if {
        // No `ws0` here: this runs after every amount, and the sign follows one space or none.
        let s = r.as_bytes();
        let s = s.strip_prefix(b" ").unwrap_or(s);
        s.starts_with("±".as_bytes())
            || s.starts_with(b"+/-")
            || s.get(..5).is_some_and(|w| w.eq_ignore_ascii_case(b"plus "))
    } && let Some((r2, core)) = plus_minus(ctx, &a, r)
    {
        meta.numeral_form = Some(a.num.form);
        meta.prefixed |= a.currency_first;
        return Ok((r2, core));
    }
    // Range tail.
    let hyphen = r.strip_prefix(['-', '–', '—', '~']).filter(|r| {
        let r2 = ws0(r);
        starts_digit(r2) || r2.starts_with(['$', '€', '£'])
    });
    let spaced = ws0(r).strip_prefix(['–', '—', '-']).filter(|r2| {
        r.len() > ws0(r).len() && r2.starts_with([' ', '\u{a0}']) && {
            let r3 = ws0(r2);
            let r3 = r3.strip_prefix('~').unwrap_or(r3);
            starts_digit(r3) || r3.starts_with(['$', '€', '£'])
        }
    });
    // A suspended hyphen: "8- to 16-meter", "320- to 640-inch".
    let before_word = r
        .strip_prefix(['-', '‑'])
        .filter(|r2| r2.starts_with([' ', '\u{a0}']))
        .unwrap_or(r);
    let word_sep = ["to", "through", "thru"]
        .iter()
        .find_map(|w| kw(w).parse(before_word).ok().map(|(r2, _)| r2))
        .filter(|r2| {
            let r3 = hedge(ctx, r2).map_or(ws0(r2), ws0);
            starts_digit(r3)
                || currency_prefix(ctx.lex, r3).is_some_and(|c| c.number_follows)
                || numeral_at(ctx, r3, false).is_ok()
        });
    let is_hyphen = hyphen.is_some() || spaced.is_some();
    if let Some(after_sep) = hyphen.or(spaced).or(word_sep) {
        // "2 - ~7 litres", "3 to about 5 kg": a hedge on the second end.
        let (after_sep, hedged) = match hedge(ctx, after_sep) {
            Some(r2) => (r2, true),
            None => (after_sep, false),
        };
        let b_start = ws0(after_sep);
        let mut meta_b = Meta::default();
        if let Ok((r2, b)) = amount(ctx, after_sep, &mut meta_b) {
            // "1 to 2 pm", "9 to 10 o'clock": a span of clock times, no quantity (as "2 pm"
            // alone is none). Read as a range, the clock word became the counted thing.
            if meta_b.time_of_day {
                meta.time_of_day = true;
                meta.numeral_form = Some(a.num.form);
                return Ok((r2, Core::single(a.num.value, None)));
            }
            // "202-456-1111", "7-31-2024": not a range.
            if is_hyphen && r2.starts_with(['-', '/']) && starts_digit(&r2[1..]) {
                return cut(r2, "a range, not a phone number or a date");
            }
            let (fa, fb) = (a.num.form, b.num.form);
            let a_digits = matches!(fa, Form::Digits { .. });
            let b_digits = matches!(fb, Form::Digits { .. });
            if let Some((mut lo, mut hi, unit)) = join_range(a.clone(), b) {
                // "-18 °C to -34 °C": two values below zero, the larger in magnitude second.
                if lo > hi && hi.is_negative() && unit.is_some() && !is_hyphen {
                    std::mem::swap(&mut lo, &mut hi);
                }
                if lo < hi {
                    meta.range_forms = Some((fa, fb));
                    meta.hedged_inside |= hedged;
                    return Ok((r2, range_core(lo, hi, unit)));
                }
                if is_hyphen && a_digits && b_digits {
                    // "won 3-1", "2012-13", "a 50-50 split": a score or a year span.
                    return cut(b_start, "a range from low to high");
                }
            }
        }
    }
    // "around 2 -7 l", "75 -300mm": a dash glued to the second number is a range when that number
    // has a unit (not a temperature, which may be below zero) and the first has none.
    if a.unit.is_none()
        && !a.num.value.is_negative()
        && ws0(r).len() < r.len()
        && let Some(r2) = ws0(r).strip_prefix('-')
        && starts_digit(r2)
    {
        let mut meta_b = Meta::default();
        if let Ok((r3, b)) = amount(ctx, r2, &mut meta_b)
            && let Some(UnitHit::Measure(u)) = &b.unit
            && u.dimension != Dimension::Temperature
            && let Some((lo, hi, unit)) = join_range(a.clone(), b.clone())
            && lo < hi
        {
            meta.range_forms = Some((a.num.form, b.num.form));
            return Ok((r3, range_core(lo, hi, unit)));
        }
    }
    // A rate on both ends: "$350 per kg to $680 per kg". The second rate is left for the
    // expression to read.
    let may_be_rate = r.starts_with('/')
        || ws0(r)
            .as_bytes()
            .first()
            .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'p' | b'a' | b'e'));
    if may_be_rate
        && let Some((r_rate, per)) = rate(ctx, r)
        && let Some(after_sep) = kw("to")
            .parse(r_rate)
            .ok()
            .map(|(r2, _)| r2)
            .or_else(|| ws0(r_rate).strip_prefix(['-', '–']))
    {
        let mut meta_b = Meta::default();
        if let Ok((r2, b)) = amount(ctx, after_sep, &mut meta_b)
            && rate(ctx, r2).is_some_and(|(_, per2)| per2 == per)
            && let Some((lo, hi, unit)) = join_range(a.clone(), b.clone())
            && lo < hi
        {
            meta.range_forms = Some((a.num.form, b.num.form));
            return Ok((r2, range_core(lo, hi, unit)));
        }
    }
    meta.numeral_form = Some(a.num.form);
    if a.currency_first {
        meta.prefixed = true;
    }
    let v = match scaled(&a) {
        Ok(v) => v,
        Err(Unscalable::Overflow) => return Err(overflow(i)),
        Err(Unscalable::NoWrittenForm) => return fail(i, "an amount with a written form"),
    };
    // Compound amounts: "5 ft 2 in", "2 hours and 30 minutes", "20 dollars 43 cents". The sum is
    // given in the first unit, or in the second when only that writes it exactly ("1 hour 15
    // seconds" is 3,615 seconds, not 1 1/240 hours).
    // "2 degrees below zero", "15 below zero": a temperature under zero.
    if a.unit
        .as_ref()
        .is_none_or(|u| u.unit().dimension == Dimension::Temperature)
        && !v.is_negative()
        && let Ok((r2, _)) = kw("below").parse(r)
        && let Ok((r3, _)) = kw("zero").parse(r2)
        && let Some(unit) = a
            .unit
            .clone()
            .or_else(|| ctx.lex.find_unit("degree").map(UnitHit::Measure))
    {
        meta.numeral_form = None;
        return Ok((r3, Core::single(-v, Some(unit))));
    }
    // More parts may follow, each in a smaller unit: "2 yards, 7 feet and 10 inches".
    // The unit of the parts so far: `a`'s own until a part is taken (not cloned before).
    let mut total = (r, v, None::<UnitHit>);
    let mut parts = 0;
    while let Some(hit) = total.2.as_ref().or(a.unit.as_ref())
        && !matches!(hit, UnitHit::Age(_))
        && let Some((r2, n2, hit2, ratio)) =
            compound(ctx, total.0, hit, a.currency_first && parts == 0)
    {
        let v = total.1;
        let in_first = n2.checked_mul(ratio).and_then(|x| v.checked_add(x));
        let in_second = v.checked_div(ratio).and_then(|x| x.checked_add(n2));
        total = match (in_first, in_second) {
            (Ok(t), _) if is_plainly_writable(t) => (r2, t, Some(hit.clone())),
            (_, Ok(t)) if is_plainly_writable(t) => (r2, t, Some(hit2)),
            _ => break,
        };
        parts += 1;
    }
    if parts > 0 {
        meta.numeral_form = None;
        return Ok((total.0, Core::single(total.1, total.2)));
    }
    // "one hour and a half", "2 months and a quarter".
    if let Some(UnitHit::Measure(_)) = &a.unit
        && v.is_integer()
        && let Ok((r2, f)) = crate::numeral::and_a_fraction(ctx.lex, r)
        && let Ok(t) = v.checked_add(f)
    {
        meta.numeral_form = None;
        return Ok((r2, Core::single(t, a.unit)));
    }
    // "45 and 50 mg", "3 or 4 days": a bare number takes the unit of a larger next one after
    // "and" / "or" (not across scale words, and not for years: "2019 and 2020 dollars"; "between
    // 3 and 1 dollars" is no range).
    if a.unit.is_none()
        && a.num.scale.is_none()
        && !year_like(a.num.form)
        && let Ok((r2, _)) = kw("and").parse(r).or_else(|_| kw("or").parse(r))
        && let Ok((r3, n2)) = numeral(ctx.lex, r2, false)
        && n2.scale.is_none()
        && !year_like(n2.form)
        && a.num.value < n2.value
        && let After::Unit(_, hit) = unit_after(ctx.lex, r3)
        && !matches!(hit, UnitHit::Age(_))
    {
        let shared = Amount {
            unit: Some(hit),
            ..a.clone()
        };
        if let Ok(v) = scaled(&shared) {
            return Ok((r, Core::single(v, shared.unit)));
        }
    }
    // A proper fraction without a unit is a ratio, in digits as in words: "1/4 of", "½".
    if a.unit.is_none()
        && a.num.form == Form::Fraction
        && a.num.scale.is_none()
        && v > Number::ZERO
        && v < Number::ONE
    {
        return Ok((r, Core::ratio(v)));
    }
    Ok((r, Core::single(v, a.unit)))
}

/// The second part of a compound amount: its number (after the alias factor), its unit, and how
/// many of the first unit one of the second is. A number in a smaller unit of the same dimension
/// ("2 in" after "5 ft"; "43 cents" after "20 dollars"), or, after a currency word, a bare number
/// of minor units ("20 dollars 43").
fn compound<'a>(
    ctx: Ctx<'_>,
    i: &'a str,
    first: &UnitHit,
    currency_first: bool,
) -> Option<(&'a str, Number, UnitHit, Number)> {
    // A comma joins only measures: "7 feet, 10 inches", "2 years, 3 months".
    let (i, comma) = match ws0(i).strip_prefix(',') {
        Some(r) => (r, true),
        None => (i, false),
    };
    let (r, and) = match kw("and").parse(i) {
        Ok((r, _)) => (r, true),
        Err(_) => (i, false),
    };
    // Parts are spaced, except after a foot mark: 5'10".
    let after_foot_mark = matches!(first, UnitHit::Measure(u) if u.name == "foot")
        && !and
        && !comma
        && r.starts_with(|c: char| c.is_ascii_digit());
    if ws0(r).len() == r.len() && !after_foot_mark {
        return None;
    }
    let (r, n) = numeral(ctx.lex, r, false).ok()?;
    if n.value.is_negative() || n.scale.is_some() {
        return None;
    }
    let hundredth = Number::ratio(1, 100)?;
    let below_hundred = |n: &Numeral| {
        n.value.is_integer()
            && n.value < Number::from(100)
            && matches!(
                n.form,
                Form::Digits {
                    int_len: 1..=2,
                    grouped: false,
                    decimal: false,
                } | Form::Words { .. }
            )
    };
    // "$20 and 43c", "20 ringgit and 43c": an attached "c" is cents only as the second part of an
    // amount of money ("10 c" alone is not money).
    if let UnitHit::Money(u1, f1) = first
        && *f1 == Number::ONE
        && !comma
        && below_hundred(&n)
        && let Some(r2) = r.strip_prefix('c')
        && !is_word_char_at(r2, 0)
    {
        return Some((
            r2,
            n.value,
            UnitHit::Money(u1.clone(), Number::ONE),
            hundredth,
        ));
    }
    let after = unit_after(ctx.lex, r);
    if comma
        && !matches!((first, &after), (UnitHit::Measure(u), After::Unit(_, UnitHit::Measure(_)))
            if matches!(u.dimension, Dimension::Length | Dimension::Time | Dimension::Mass))
    {
        return None;
    }
    let part = match (first, after) {
        (UnitHit::Money(u1, f1), After::Unit(r2, UnitHit::Money(u2, f2)))
            if u1 == &u2 && f2 < *f1 =>
        {
            // In the currency's units: 43 cents are 0.43, one of the second alias is f2.
            let hit = UnitHit::Money(u2, Number::ONE);
            Some((r2, n.value, hit, f2.checked_div(*f1).ok()?))
        }
        // "3 CAD 3 cents", "3 CHF 4 cents": cents of the currency named first.
        (UnitHit::Money(u1, f1), After::Unit(r2, UnitHit::Money(u2, f2)))
            if u1 != &u2 && u2.name == "USD" && *f1 == Number::ONE && f2 == hundredth =>
        {
            Some((
                r2,
                n.value,
                UnitHit::Money(u1.clone(), Number::ONE),
                hundredth,
            ))
        }
        (UnitHit::Measure(u1), After::Unit(r2, UnitHit::Measure(u2)))
            if u1.same_dimension(&u2) && u1.si_offset == 0.0 && u2.si_offset == 0.0 =>
        {
            let f1 = Number::from_f64(u1.si_factor?)?;
            let f2 = Number::from_f64(u2.si_factor?)?;
            if f2 >= f1 {
                return None;
            }
            Some((r2, n.value, UnitHit::Measure(u2), f2.checked_div(f1).ok()?))
        }
        // "1 hour thirty", "2 hours and 10": minutes, when nothing follows the number.
        (UnitHit::Measure(u1), After::Nothing)
            if u1.name == "hour"
                && n.value.is_integer()
                && n.value > Number::ZERO
                && n.value < Number::from(60)
                && !matches!(n.form, Form::Digits { decimal: true, .. } | Form::Fraction)
                && !is_word_char_at(ws0(r), 0)
                && !ws0(r).starts_with(|c: char| c.is_ascii_digit() || c == '%' || c == '$') =>
        {
            let minute = ctx.lex.find_unit("minute")?;
            Some((r, n.value, UnitHit::Measure(minute), Number::ratio(1, 60)?))
        }
        // "20 dollars 43"; after a currency sign only two digits without "and" ("$20 43") or a
        // number in words after "and" ("US$3 and fourteen"), not "$3 and 14".
        (UnitHit::Money(u1, f1), After::Nothing)
            if *f1 == Number::ONE
                && below_hundred(&n)
                && (!currency_first
                    || if and {
                        matches!(n.form, Form::Words { .. })
                    } else {
                        matches!(n.form, Form::Digits { int_len: 2, .. })
                    })
                && !is_word_char_at(ws0(r), 0) =>
        {
            Some((
                r,
                n.value,
                UnitHit::Money(u1.clone(), Number::ONE),
                hundredth,
            ))
        }
        _ => None,
    };
    // After a comma the second part must be less than one of the first unit ("7 feet, 10
    // inches"), else it is a list ("5 kg, 3000 g").
    part.filter(|(_, n2, _, ratio)| !comma || n2.checked_mul(*ratio).is_ok_and(|x| x < Number::ONE))
}

/// "aged 36", "ages 18 to 24".
fn aged<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let (r, _) = kw("aged")
        .parse(i)
        .or_else(|_| kw("ages").parse(i))
        .or_else(|_| kw("age").parse(i))?;
    let (r, mut core) = amount_or_range(ctx, r, meta)?;
    if core.unit.is_some() {
        return fail(r, "an age in years");
    }
    // "aged 2/5" is an age of 2/5 of a year, as "2/5 yo" is: the fraction alone would be a ratio.
    core.ratio = false;
    core.unit = ctx.lex.find_unit("year").map(UnitHit::Age);
    meta.prefixed = true;
    Ok((r, core))
}

/// "one in five", "1 out of every 4"; a spoken fraction "one over three", "2000 over 3".
fn one_in_n<'a>(ctx: Ctx<'_>, i: &'a str, _meta: &mut Meta) -> Res<'a, Core> {
    let (r, a) = numeral_at(ctx, i, false)?;
    let (r, over) = match kw("over").parse(r) {
        Ok((r, _)) => (r, true),
        Err(_) => {
            let (r, _) = kw("in").parse(r).or_else(|_| {
                let (r, _) = kw("out").parse(r)?;
                kw("of").parse(r)
            })?;
            (kw("every").parse(r).map(|(r, _)| r).unwrap_or(r), false)
        }
    };
    let (r, b) = numeral(ctx.lex, r, false)?;
    let year_like = matches!(
        b.form,
        Form::Digits {
            int_len: 4,
            grouped: false,
            decimal: false
        }
    );
    let not_a_ratio = if over {
        // "5 over 10 years", "one over par": "over" is a fraction bar only between two bare
        // numbers, and the result must be exact.
        a.scale.is_some()
            || b.value <= Number::ZERO
            || !matches!(unit_after(ctx.lex, r), After::Nothing)
            || entity(ctx, r, true).is_some()
            || !a.value.checked_div(b.value).is_ok_and(is_writable)
    } else {
        b.value <= a.value
    };
    // "negative one over 20": a spoken fraction may be negative, "one in five" may not.
    if year_like || not_a_ratio || a.value < Number::ZERO && !over || a.value == Number::ZERO {
        return fail(i, "a ratio such as \"one in five\"");
    }
    let v = a.value.checked_div(b.value).map_err(|_| overflow(i))?;
    Ok((r, Core::ratio(v)))
}

/// "about half", "two-thirds", "a quarter", "three quarters".
fn fraction<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let lex = ctx.lex;
    let start = ws0(i);
    let (r, numerator, bare) = if let Ok((r, _)) = kw("a").parse(start) {
        (r, Number::ONE, true)
    } else if let Ok((r, w)) = lookup(&lex.numbers, start, |w| w.class == NumberClass::Unit, "") {
        (r, w.value, false)
    } else {
        (start, Number::ONE, true)
    };
    // "a twenty-first", "a thirty-second of the budget": a compound denominator after "a", at
    // the end of a phrase or before "of" (not "a twenty-first century").
    if bare
        && start.len() > r.len()
        && let Some((r2, f)) = crate::numeral::compound_denominator(lex, r)
        && (kw("of").parse(r2).is_ok()
            || !ws0(r2).starts_with(|c: char| c.is_alphanumeric() || c == '-'))
    {
        meta.bare_ratio_word = true;
        return Ok((r2, Core::ratio(f)));
    }
    let r = ws0(r);
    let r = r.strip_prefix('-').unwrap_or(r);
    let (r2, f) = lookup(
        &lex.numbers,
        r,
        |w| w.class == NumberClass::Fraction,
        "a fraction",
    )?;
    let word = &r[..r.len() - r2.len()];
    // "third" alone is an ordinal; a fraction only before a unit ("tenth of a gallon",
    // "quarter-litre").
    let ordinal_unless_unit = numerator == Number::ONE
        && bare
        && start.len() == r.len()
        && !word.to_ascii_lowercase().starts_with("half");
    // "half a million" is a number, not a ratio.
    let after_a = kw("a")
        .parse(r2)
        .or_else(|_| kw("of").parse(r2).and_then(|(r, _)| kw("a").parse(r)))
        .map(|(r, _)| r)
        .unwrap_or(r2);
    if lookup(&lex.numbers, after_a, |w| w.class == NumberClass::Scale, "").is_ok() {
        return fail(start, "a fraction");
    }
    let v = numerator.checked_mul(f.value).map_err(|_| overflow(i))?;
    // "zero half" is no fraction.
    if v > Number::ONE || v <= Number::ZERO {
        return fail(start, "a fraction");
    }
    // "half an hour", "one-half miles", "three quarters of an hour", "a tenth of a gallon",
    // "half-litre": a fraction of a unit.
    // Hyphenated only after "half" and "quarter": "a third-year student" is an ordinal.
    // `word` may begin with the white space the look-up skipped ("two-\u{a0}eightieth"): `get`,
    // not an index, which could fall inside a character.
    let begins = |p: &str| {
        word.get(..p.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(p))
    };
    let hyphen = r2
        .strip_prefix('-')
        .filter(|r| r.starts_with(|c: char| c.is_alphabetic()))
        .filter(|_| begins("half") || begins("quarter"));
    let r2_of = kw("of").parse(r2).map(|(r, _)| r).unwrap_or(r2);
    let r3 = kw("an")
        .parse(r2_of)
        .or_else(|_| kw("a").parse(r2_of))
        .map(|(r, _)| r)
        .unwrap_or(r2_of);
    let r3 = if hyphen.is_some() { r2 } else { r3 };
    // A bare ordinal-like word needs "of" or a hyphen: "the third hour" is no fraction.
    let of_or_hyphen = hyphen.is_some() || r2_of.len() < r2.len();
    // "a ninth straight year", "a tenth consecutive month": an ordinal before an adjective.
    let ordinal_adjective = !begins("half")
        && !begins("quarter")
        && lex
            .word_class(ws0(r3), crate::lexicon::WordClass::UnitAdjective)
            .is_some();
    if (ws0(r3).len() < r3.len() || hyphen.is_some())
        && (!ordinal_unless_unit || of_or_hyphen)
        && !ordinal_adjective
        && crate::numeral::is_writable(v)
        && let After::Unit(r4, hit) = unit_after(lex, r3)
        && !matches!(hit, UnitHit::Age(_))
    {
        return Ok((r4, Core::single(v, Some(hit))));
    }
    if ordinal_unless_unit {
        return fail(start, "a fraction");
    }
    meta.bare_ratio_word = true;
    Ok((r2, Core::ratio(v)))
}

/// "a kilogram", "a liter", "a dime": one of a unit; for time, only "an hour and a half".
fn article_unit<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let lex = ctx.lex;
    let (r, _) = kw("an").parse(i).or_else(|_| kw("a").parse(i))?;
    if lex.word_class(ws0(r), WordClass::ArticleUnit).is_none() {
        return fail(i, "a unit after \"a\"");
    }
    let After::Unit(r2, hit) = unit_after(lex, r) else {
        return fail(i, "a unit after \"a\"");
    };
    // "a grand." but not "a grand, old house": an ambiguous word after "a" only at the end of a
    // sentence.
    if lex
        .currencies
        .longest(ws0(r))
        .is_some_and(|m| m.first().needs_context)
    {
        let after = ws0(r2);
        let ends = after.is_empty()
            || after.starts_with(['.', '!', '?', ';'])
                && after[1..].chars().next().is_none_or(char::is_whitespace);
        if !ends {
            return fail(i, "the end of a sentence after \"a grand\"");
        }
    }
    let one = Number::ONE
        .checked_mul(hit.factor())
        .map_err(|_| overflow(i))?;
    match &hit {
        UnitHit::Measure(u) if u.dimension == Dimension::Time => {
            let (r3, f) = crate::numeral::and_a_fraction(lex, r2)?;
            let v = one.checked_add(f).map_err(|_| overflow(i))?;
            meta.prefixed = true;
            Ok((r3, Core::single(v, Some(hit))))
        }
        // "a dollar" is $1 only before punctuation, the end or a function word ("a dollar a day",
        // not "a dollar store"); its cents may follow ("a dollar and 42 cents").
        UnitHit::Money(_, f) if *f == Number::ONE => {
            if let Some((r3, n2, _, ratio)) = compound(ctx, r2, &hit, false)
                && let Ok(v) = n2.checked_mul(ratio).and_then(|x| one.checked_add(x))
            {
                meta.prefixed = true;
                return Ok((r3, Core::single(v, Some(hit))));
            }
            if !ends_phrase(lex, r2) {
                return fail(i, "\"a dollar\" as an amount");
            }
            meta.prefixed = true;
            Ok((r2, Core::single(one, Some(hit))))
        }
        UnitHit::Measure(_) | UnitHit::Money(..) => {
            meta.prefixed = true;
            Ok((r2, Core::single(one, Some(hit))))
        }
        UnitHit::Age(_) => fail(i, "a unit after \"a\""),
    }
}

/// Whether a phrase ends before `r`: at punctuation, the end of the text or a function word, not
/// before a hyphen or another word ("a dollar a day" but not "a dollar store" or "dollar-store").
fn ends_phrase(lex: &Lexicon, r: &str) -> bool {
    let next = ws0(r);
    !(r.starts_with(['-', '‑'])
        || is_word_char_at(next, 0) && lex.word_class(next, WordClass::Stop).is_none())
}

/// "absolute zero": 0 kelvin.
fn absolute_zero<'a>(ctx: Ctx<'_>, i: &'a str, _meta: &mut Meta) -> Res<'a, Core> {
    let (r, _) = kw("absolute").parse(i)?;
    let (r, _) = kw("zero").parse(r)?;
    // Not "absolute zero tolerance": only before punctuation, the end or a function word.
    if !ends_phrase(ctx.lex, r) {
        return fail(i, "\"absolute zero\" as a temperature");
    }
    let Some(kelvin) = ctx.lex.find_unit("kelvin") else {
        return fail(i, "a unit");
    };
    Ok((
        r,
        Core::single(Number::ZERO, Some(UnitHit::Measure(kelvin))),
    ))
}

/// "double", "twice", "triple", "three times", "2.5 times", "tenfold".
fn multiple<'a>(ctx: Ctx<'_>, i: &'a str, meta: &mut Meta) -> Res<'a, Core> {
    let lex = ctx.lex;
    if let Ok((r, w)) = lookup(&lex.numbers, i, |w| w.class == NumberClass::Multiple, "") {
        meta.bare_ratio_word = true;
        return Ok((r, Core::ratio(w.value)));
    }
    let (r, n) = numeral_at(ctx, i, false)?;
    if let Some(r2) = r.strip_prefix("-fold").filter(|r2| !is_word_char_at(r2, 0)) {
        return Ok((r2, Core::ratio(n.value)));
    }
    let (r2, _) = kw("times").parse(r)?;
    if !times_is_multiple(ctx, r2) {
        return fail(i, "a multiple");
    }
    Ok((r2, Core::ratio(n.value)))
}

/// Whether "times" followed by `after` makes a multiple (a ratio) rather than a count of times:
/// "three times as many", "2.5 times higher", "grew 3 times." are ratios, but "three times a day"
/// and "3 times in a row" count occurrences, as does "3 times/day" (a rate). The rule is the same
/// wherever the number stands, so "3 or more times." is a ratio like "3 times.", and it looks past
/// a qualifier after "times": "3 times or less." is a ratio ("up to 3 times"), "3 times or more a
/// day" a count.
fn times_is_multiple(ctx: Ctx<'_>, after: &str) -> bool {
    let mut next = ws0(after);
    if let Some((r, _)) = qualifier(ctx, next, Position::Post) {
        next = ws0(r);
    }
    if next.starts_with('/') {
        return false;
    }
    let comparative = [
        "as", "more", "higher", "larger", "greater", "faster", "bigger", "less", "lower",
        "smaller", "the", "that", "what", "its", "their", "over", "since", "than",
    ];
    next.is_empty()
        || next.starts_with(|c: char| !c.is_alphanumeric())
        || comparative.iter().any(|w| kw(w).parse(next).is_ok())
}

/// A vague magnitude: "hundreds of thousands of dollars", "a few hundred", "dozens of people",
/// "several checkpoints".
fn vague<'a>(ctx: Ctx<'_>, i: &'a str, _meta: &mut Meta) -> Res<'a, Core> {
    let lex = ctx.lex;
    let (mut r, v) = lookup(&lex.vague, i, |_| true, "a vague magnitude")?;
    let (mut lo, mut hi) = (v.lower, v.upper);
    let mut followed = false;
    // "hundreds of thousands", "tens of millions"
    while let Ok((r2, _)) = kw("of").parse(r) {
        let Ok((r3, v2)) = lookup(&lex.vague, r2, |v| v.scale.is_some() && !v.needs_follow, "")
        else {
            break;
        };
        let s = v2.scale.unwrap_or(Number::ONE);
        lo = lo.checked_mul(s).map_err(|_| overflow(r2))?;
        hi = hi.checked_mul(s).map_err(|_| overflow(r2))?;
        r = r3;
        followed = true;
    }
    // "a few hundred", "several thousand"
    if v.needs_follow {
        while let Ok((r2, w)) = lookup(
            &lex.numbers,
            r,
            |w| matches!(w.class, NumberClass::Scale | NumberClass::Hundred),
            "",
        ) {
            lo = lo.checked_mul(w.value).map_err(|_| overflow(r))?;
            hi = hi.checked_mul(w.value).map_err(|_| overflow(r))?;
            r = r2;
            followed = true;
        }
    }
    let mut core = Core {
        value: None,
        lower: Some(Bound::inclusive(lo)),
        upper: Some(Bound::exclusive(hi)),
        unit: None,
        ratio: false,
        entity: None,
    };
    // The unit: "a few hundred dollars", "thousands of pounds", "billions of dollars".
    let (r_of, has_of) = match kw("of").parse(r) {
        Ok((r2, _)) => (r2, true),
        Err(_) => (r, false),
    };
    if !r_of.starts_with('-') {
        match unit_after(lex, r_of) {
            After::Unit(r2, hit) if !matches!(hit, UnitHit::Age(_)) => {
                if !has_of && r_of.len() == r.len() && !r.starts_with(char::is_whitespace) {
                    // attached symbols after a vague word make no sense ("hundreds%")
                } else {
                    let f = hit.factor();
                    core.lower = Some(Bound::inclusive(
                        lo.checked_mul(f).map_err(|_| overflow(r))?,
                    ));
                    core.upper = Some(Bound::exclusive(
                        hi.checked_mul(f).map_err(|_| overflow(r))?,
                    ));
                    core.unit = Some(hit);
                    return Ok((r2, core));
                }
            }
            _ => {}
        }
        // "several times.", "hundreds of times faster": a multiple, as "3 times." is (so the
        // text it prints as, "at least 3 and less than 10 times", reads back the same).
        if let Ok((r2, _)) = kw("times").parse(r_of)
            && times_is_multiple(ctx, r2)
        {
            core.ratio = true;
            return Ok((r2, core));
        }
        if let Some((r2, e)) = entity(ctx, r_of, true) {
            core.entity = Some(e);
            return Ok((r2, core));
        }
    }
    if v.needs_follow && !followed {
        return fail(ws0(r), "a unit or a counted thing after a vague number");
    }
    Ok((r, core))
}

/// The counted thing after a number: the run of content words up to the first plural noun
/// ("overdose deaths", "low-value shipments", "pill presses"), or a user-declared entity.
/// A single singular noun counts only when `singular_ok` (the number is one, or after "of").
pub(crate) fn entity<'a>(ctx: Ctx<'_>, i: &'a str, singular_ok: bool) -> Option<(&'a str, String)> {
    entity_after(ctx, i, singular_ok, false)
}

/// [`entity`], told by `no_post_qualifier` that `qualifier(ctx, i, Position::Post)` found
/// nothing (the expression asked just before), so that the same look-up is not made again.
fn entity_after<'a>(
    ctx: Ctx<'_>,
    i: &'a str,
    singular_ok: bool,
    no_post_qualifier: bool,
) -> Option<(&'a str, String)> {
    let start = ws0(i);
    if start.len() == i.len() && !i.is_empty() {
        return None; // must be separated from the number
    }
    if let Some(trie) = ctx.entities
        && let Some(m) = trie.longest(start)
    {
        return Some((&start[m.len..], start[..m.len].to_string()));
    }
    // A post qualifier is not a counted thing: "tens plus" is at least 20, not 20 "plus"es.
    // (`qualifier` skips white space first: at `start` it reads what it read at `i` unless more
    // white space follows, a second line break.)
    let asked = no_post_qualifier && ws0(start).len() == start.len() && crate::fast_paths_on();
    if !asked && qualifier(ctx, start, Position::Post).is_some() {
        return None;
    }
    let lex = ctx.lex;
    // The first word's start and end offsets in `start` (no list of words: this runs after
    // most numbers of the text). `taken` counts the words taken so far, at most four.
    let mut first_word: Option<(usize, usize)> = None;
    let mut pos = 0usize;
    let mut plural_end: Option<usize> = None;
    for taken in 0..4 {
        let at = if taken == 0 {
            pos
        } else {
            let r = &start[pos..];
            let r2 = ws0(r);
            if r2.len() == r.len() {
                break;
            }
            pos + (r.len() - r2.len())
        };
        let rest = &start[at..];
        // A measure used as an adjective may open the phrase: "8-ounce bottles".
        let lead_digits = if taken == 0 {
            let d = rest
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'.')
                .count();
            // Not with a leading zero ("2 011-RMB..." printed with one space reads as 2,011).
            let leading_zero =
                rest.starts_with('0') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
            if d > 0
                && !leading_zero
                && rest[d..].starts_with('-')
                && rest[d + 1..].starts_with(|c: char| c.is_alphabetic())
            {
                d + 1
            } else {
                0
            }
        } else {
            0
        };
        let len = lead_digits + word_len(&rest[lead_digits..]);
        if lead_digits > 0 && len == lead_digits {
            break;
        }
        if len == 0 || is_word_char_at(rest, len) {
            break;
        }
        let w = &rest[..len];
        let w = w.trim_end_matches(['-', '\'', '’']);
        let len = w.len();
        if len == 0 {
            break;
        }
        // One look-up of the whole word for its classes (stop word, month, irregular plural).
        let entry = lex.words.longest(w).filter(|m| m.len == len);
        let class_is = |class: WordClass| {
            entry
                .as_ref()
                .is_some_and(|m| m.values().any(|c| *c == class))
        };
        let is_stop = class_is(WordClass::Stop) || class_is(WordClass::Month);
        if is_stop || ends_with_ignore_case(w, "ly") {
            break;
        }
        // A number word ends the phrase too, and a unit (even an ambiguous symbol such as "l")
        // cannot open it: "one l and more" has no counted thing, or its printed form would read
        // as litres. Later in the phrase a unit word is a noun: "13 furlough days".
        // (Also when the word only begins with one before a hyphen: "thousand-s".)
        // ("thou'sr": "100 thou" reads as 100,000.)
        let whole_or_hyphen = |l: usize| l == len || w[l..].starts_with(['-', '\'', '’']);
        if lex
            .numbers
            .find(w, |_| true)
            .is_some_and(|(l, _)| whole_or_hyphen(l))
            || (taken == 0
                && (lex
                    .units
                    .find(w, |_| true)
                    .is_some_and(|(l, _)| whole_or_hyphen(l))
                    // Likewise a currency word that needs context ("one grand twenty"), and a
                    // clock-time word ("10 plus pm people" would print as "at least 10 pm
                    // people", a clock time).
                    || lex
                        .currencies
                        .find(w, |c| c.needs_context)
                        .is_some_and(|(l, _)| whole_or_hyphen(l))
                    || lex
                        .words
                        .find(w, |c| *c == WordClass::TimeOfDay)
                        .is_some_and(|(l, _)| whole_or_hyphen(l))))
        {
            break;
        }
        let verb_like = ends_with_ignore_case(w, "ed") || ends_with_ignore_case(w, "ing");
        if verb_like && taken > 0 {
            break;
        }
        if taken == 0 {
            first_word = Some((at, at + len));
        }
        pos = at + len;
        let irregular = class_is(WordClass::PluralNoun);
        let plural = irregular
            || (ends_with_ignore_case(w, "s")
                && !ends_with_ignore_case(w, "ss")
                && !ends_with_ignore_case(w, "us")
                && !ends_with_ignore_case(w, "is")
                && len > 2);
        if plural {
            plural_end = Some(at + len);
            break;
        }
    }
    let end = match plural_end {
        Some(e) => e,
        None if singular_ok && let Some((s, e)) = first_word => {
            let w = &start[s..e];
            if ends_with_ignore_case(w, "ed") || ends_with_ignore_case(w, "ing") {
                return None;
            }
            e
        }
        None => return None,
    };
    let text = start[..end].to_string();
    Some((&start[end..], text))
}

/// The length of the word at the start of `s` as `entity` takes it: letters, and after the first
/// one also hyphens and apostrophes ("year-old", "children's"). ASCII bytes are counted directly;
/// at the first other byte the characters are decoded.
fn word_len(s: &str) -> usize {
    let b = s.as_bytes();
    let ascii = b
        .iter()
        .enumerate()
        .take_while(|&(k, c)| c.is_ascii_alphabetic() || k > 0 && matches!(c, b'-' | b'\''))
        .count();
    if b.get(ascii).is_none_or(u8::is_ascii) {
        return ascii;
    }
    word_len_by_chars(s)
}

/// [`word_len`] character by character.
fn word_len_by_chars(s: &str) -> usize {
    s.char_indices()
        .take_while(|(k, c)| c.is_alphabetic() || (*k > 0 && matches!(c, '-' | '\'' | '’')))
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// Whether `w` ends with the ASCII `suffix`, ignoring ASCII case.
fn ends_with_ignore_case(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The words before a period that make a rate: "a day", "every week".
const RATE_ARTICLES: [&str; 4] = ["a", "an", "each", "every"];

/// Adverbs that are rates, with their period: "annually" is per year.
const RATE_ADVERBS: [(&str, &str); 9] = [
    ("annually", "year"),
    ("yearly", "year"),
    ("per annum", "year"),
    ("daily", "day"),
    ("weekly", "week"),
    ("monthly", "month"),
    ("hourly", "hour"),
    ("nightly", "night"),
    ("quarterly", "quarter"),
];

/// The first letters of "per", [`RATE_ARTICLES`] and [`RATE_ADVERBS`], as bits (bit 0 for "a"):
/// a word with another first letter begins no rate, which most words after an amount do not.
const RATE_INITIALS: u32 = {
    const fn bit(w: &str) -> u32 {
        1 << (w.as_bytes()[0] - b'a')
    }
    let mut bits = bit("per");
    let mut k = 0;
    while k < RATE_ARTICLES.len() {
        bits |= bit(RATE_ARTICLES[k]);
        k += 1;
    }
    let mut k = 0;
    while k < RATE_ADVERBS.len() {
        bits |= bit(RATE_ADVERBS[k].0);
        k += 1;
    }
    bits
};

/// The rate after a quantity: "per gallon", "a day", "every day", "/day", "annually".
fn rate<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<(&'a str, String)> {
    let lex = ctx.lex;
    if let Some(r) = i.strip_prefix('/') {
        let len = r
            .char_indices()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        // The same words as after "per": "$5/gallon", not "6/a".
        let stop = lex
            .words
            .find(&r[..len], |c| *c == WordClass::Stop)
            .is_some_and(|(l, _)| l == len);
        if len > 0 && !stop {
            return Some((&r[len..], r[..len].to_string()));
        }
        return None;
    }
    let start = ws0(i);
    if start.len() == i.len() {
        return None;
    }
    // A keyword matches only at its own first letter (`kw` compares it first): a word whose first
    // letter begins none of them, as most words after an amount, is no rate; otherwise only the
    // words with its first letter are tried, in the order of the lists ("per", the articles, the
    // adverbs).
    let first = start.bytes().next().map(|b| b.to_ascii_lowercase())?;
    if !first.is_ascii_lowercase() || RATE_INITIALS & (1 << (first - b'a')) == 0 {
        return None;
    }
    let begins = |w: &str| w.as_bytes().first() == Some(&first);
    if begins("per")
        && let Ok((r, _)) = kw("per").parse(start)
    {
        let r = ws0(r);
        // The units of "$3 a gallon", some of them two words: "3 per metric ton", as "3 a metric
        // ton" (which prints so).
        if let Some(len) = lex.word_class(r, WordClass::ArticleUnit)
            && !is_word_char_at(r, len)
        {
            return Some((&r[len..], r[..len].to_string()));
        }
        let len = r
            .char_indices()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        if len == 0 || is_word_char_at(r, len) {
            return None;
        }
        let w = &r[..len];
        if lex
            .words
            .find(w, |c| *c == WordClass::Stop)
            .is_some_and(|(l, _)| l == len)
        {
            return None;
        }
        return Some((&r[len..], w.to_string()));
    }
    for &article in RATE_ARTICLES.iter().filter(|w| begins(w)) {
        if let Ok((r, _)) = kw(article).parse(start) {
            let r = ws0(r);
            if let Some((len, _)) = lex.words.find(r, |c| *c == WordClass::RatePeriod)
                && matches!(lex.word_class(r, WordClass::RatePeriod), Some(l) if l == len)
                && [
                    "day",
                    "week",
                    "month",
                    "year",
                    "hour",
                    "minute",
                    "second",
                    "night",
                    "decade",
                    "quarter",
                    "season",
                    "semester",
                    "shift",
                    "session",
                    "weekend",
                    "lifetime",
                    "century",
                    "fortnight",
                    "term",
                ]
                .iter()
                .any(|p| {
                    r[..len].eq_ignore_ascii_case(p)
                        || r[..len].to_ascii_lowercase().strip_suffix('s') == Some(p)
                })
            {
                return Some((&r[len..], r[..len].to_ascii_lowercase()));
            }
            // A price or a ratio per unit: "$3 a gallon", "$5 a kilo".
            if matches!(article, "a" | "an")
                && let Some(len) = lex.word_class(r, WordClass::ArticleUnit)
                && !is_word_char_at(r, len)
            {
                return Some((&r[len..], r[..len].to_ascii_lowercase()));
            }
            return None;
        }
    }
    for &(adv, period) in RATE_ADVERBS.iter().filter(|(w, _)| begins(w)) {
        if let Ok((r, _)) = kw(adv).parse(start) {
            return Some((r, period.to_string()));
        }
    }
    None
}

/// A change phrase before the amount ("up", "rose by"), returning the direction.
fn change_pre<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<(&'a str, Direction)> {
    let start = ws0(i);
    let (len, role) = ctx
        .lex
        .changes
        .find(start, |r| matches!(r, ChangeRole::Pre(_)))?;
    let ChangeRole::Pre(dir) = *role else {
        return None;
    };
    let r = &start[len..];
    let r = kw("by").parse(r).map(|(r, _)| r).unwrap_or(r);
    Some((r, dir))
}

/// A reference after a change: "from 2020", "since last year", "compared with a year earlier".
fn reference<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<(&'a str, String)> {
    let lex = ctx.lex;
    let start = ws0(i);
    // Stand-alone references: "year over year".
    for w in [
        "year over year",
        "year-over-year",
        "year on year",
        "year-on-year",
    ] {
        if let Ok((r, m)) = kw(w).parse(start) {
            return Some((r, m.to_string()));
        }
    }
    let (len, _) = lex.changes.find(start, |r| *r == ChangeRole::Prep)?;
    let r = ws0(&start[len..]);
    // A year: "from 2020", "since FY2019".
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 && !is_word_char_at(r, 4) && !r[4..].starts_with([',', '.'])
        || digits == 4
            && r[4..].starts_with([',', '.'])
            && !r[5..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((&r[4..], r[..4].to_string()));
    }
    let (len, _) = lex.changes.find(r, |role| *role == ChangeRole::Reference)?;
    Some((&r[len..], r[..len].to_string()))
}

/// The second side of a two-sided interval: "and less than 1,000", "but up to $10",
/// "and at least 20".
fn second_side<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<(&'a str, Effect, Number, Option<UnitHit>)> {
    let (r, _) = kw("and")
        .parse(i)
        .or_else(|_| kw("but").parse(i))
        .or_else(|_| kw(",").parse(i))
        .ok()?;
    let (r, effect) = qualifier(ctx, r, Position::Pre)?;
    if !matches!(
        effect,
        Effect::UpperExclusive
            | Effect::UpperInclusive
            | Effect::LowerExclusive
            | Effect::LowerInclusive
    ) {
        return None;
    }
    let mut meta = Meta::default();
    match amount(ctx, r, &mut meta) {
        Ok((r, a)) => {
            let v = scaled(&a).ok()?;
            Some((r, effect, v, a.unit))
        }
        // "above one quarter and below a half"
        Err(_) => {
            let (r, core) = fraction(ctx, r, &mut meta).ok()?;
            Some((r, effect, core.value?, core.unit))
        }
    }
}

/// "fewer" or "more" right after a count ("800 fewer officers"), not "more than".
fn count_change<'a>(ctx: Ctx<'_>, i: &'a str) -> Option<(&'a str, Direction)> {
    let _ = ctx;
    let (r, d) = if let Ok((r, _)) = kw("fewer").parse(i) {
        (r, Direction::Down)
    } else if let Ok((r, _)) = kw("more").parse(i) {
        (r, Direction::Up)
    } else {
        return None;
    };
    if kw("than").parse(r).is_ok() {
        return None;
    }
    Some((r, d))
}

/// True when `core` is "from" or "between" followed by nothing that can begin an amount ("from
/// the", "between them", the commonest failed candidates of running text). Every alternative
/// of the core then fails near its start, so the expression fails as [`expression`] reports
/// it: "a number" where the core starts. The test is kept to where that report is certain: the
/// deepest point any alternative can reach ("from a" and its spaces) is within the 12 bytes
/// after which [`expression`] would report the alternative's own error instead.
fn opener_without_amount(ctx: Ctx<'_>, core: &str) -> bool {
    let Some(after) = crate::lexicon::RANGE_OPENERS
        .iter()
        .find_map(|w| kw(w).parse(core).ok().map(|(r, _)| r))
    else {
        return false;
    };
    let next = ws0(after);
    if !matches!(core_begins(ctx, next), Begins::Nothing) {
        return false;
    }
    let deepest = kw("a").parse(next).map_or(next, |(r, _)| ws0(r));
    core.len() - deepest.len() <= 12
}

/// What a core can begin with, judged from its first characters.
enum Begins {
    /// A digit, a sign and a digit, a vulgar fraction or a currency prefix.
    Digits,
    /// A word that begins some expression ("twenty", "half", "hundreds", "between").
    Words,
    /// Nothing a quantity can begin with.
    Nothing,
}

fn core_begins(ctx: Ctx<'_>, s: &str) -> Begins {
    let b = s.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    match b.first() {
        None => Begins::Nothing,
        Some(c) if c.is_ascii_digit() => Begins::Digits,
        Some(b'-' | b'+' | b'.') if digit_at(1) => Begins::Digits,
        Some(b'-' | b'+') if b.get(1) == Some(&b'.') && digit_at(2) => Begins::Digits,
        Some(c) if c.is_ascii_alphabetic() => {
            // Every look-up below finds a trigger, a currency prefix or a currency word, all of
            // whose first letters the scanner's table holds: a word it turns away begins
            // nothing ("about the", "up it"), without four walks.
            if !crate::lexicon::has_initials(ctx.lex.trigger_initials(), b)
                && crate::fast_paths_on()
            {
                Begins::Nothing
            } else if ctx.lex.currencies.find(s, |c| c.prefix).is_some()
                || crate::unit::attached_code(ctx.lex, s).is_some()
            {
                Begins::Digits
            } else if let Some(m) = ctx.lex.triggers.longest(s) {
                // "malaysian ringgit 42": a currency phrase before a number.
                if b.get(m.len) == Some(&b' ')
                    && digit_at(m.len + 1)
                    && crate::unit::currency_word_before(ctx.lex, s).is_some()
                {
                    Begins::Digits
                } else {
                    Begins::Words
                }
            } else if crate::unit::currency_word_before(ctx.lex, s).is_some() {
                // "ringgit 42", "dollar 22.5 million".
                Begins::Digits
            } else {
                Begins::Nothing
            }
        }
        Some(_) => {
            let c = s.chars().next().unwrap_or(' ');
            if c == '−' && s[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
                || crate::numeral::is_vulgar_fraction(c)
                || ctx.lex.currencies.find(s, |c| c.prefix).is_some()
            {
                Begins::Digits
            } else {
                Begins::Nothing
            }
        }
    }
}

/// Applies a qualifier's effect to the core's bounds.
fn apply(effect: Effect, q: &mut Quantity) {
    let Some(v) = q.value else {
        // Ranges and vague magnitudes keep their bounds; only the hedge carries over.
        if matches!(
            effect,
            Effect::Approximate | Effect::ApproximateAbove | Effect::ApproximateBelow
        ) {
            q.approximate = true;
        }
        return;
    };
    match effect {
        Effect::LowerExclusive => {
            q.lower = Some(Bound::exclusive(v));
            q.upper = None;
        }
        Effect::LowerInclusive => {
            q.lower = Some(Bound::inclusive(v));
            q.upper = None;
        }
        Effect::UpperExclusive => {
            q.lower = None;
            q.upper = Some(Bound::exclusive(v));
        }
        Effect::UpperInclusive => {
            q.lower = None;
            q.upper = Some(Bound::inclusive(v));
        }
        Effect::Approximate => q.approximate = true,
        Effect::ApproximateBelow => {
            q.approximate = true;
            q.lower = None;
            q.upper = Some(Bound::exclusive(v));
        }
        Effect::ApproximateAbove => {
            q.approximate = true;
            q.lower = Some(Bound::exclusive(v));
            q.upper = None;
        }
        Effect::Exact => {}
    }
}

fn qualifier<'a>(ctx: Ctx<'_>, i: &'a str, pos: Position) -> Option<(&'a str, Effect)> {
    let start = ws0(i);
    let (len, (_, effect)) = ctx.lex.qualifiers.find(start, |(p, _)| *p == pos)?;
    let rest = &start[len..];
    // A post qualifier ends the quantity: "5 or more", but not "5000 or less than 6000" or
    // "above one quarter and below a half", where it begins the next one.
    if pos == Position::Post {
        let next = ws0(rest);
        // "200 or greater than" at the end of a sentence: the dangling "than" is part of it.
        if let Ok((r, _)) = kw("than").parse(next) {
            let end = ws0(r);
            let ends = end.is_empty() || end.starts_with(['.', ',', ';', '!', '?', ')']);
            return ends.then_some((r, *effect));
        }
        if starts_digit(next) || numeral(ctx.lex, next, false).is_ok() {
            return None;
        }
        // "plus or minus 2" is a tolerance, not "N plus" (at least N).
        if start[..len].eq_ignore_ascii_case("plus")
            && kw("or")
                .parse(next)
                .and_then(|(r, _)| kw("minus").parse(r))
                .is_ok()
        {
            return None;
        }
    }
    Some((rest, *effect))
}

/// Parses one expression at the start of `i` (after optional white space). Returns the rest of
/// the input and the reading; the quantity's `text`, `start` and `end` are left for the caller.
pub(crate) fn expression<'a>(ctx: Ctx<'_>, i: &'a str) -> Res<'a, (Parsed, &'a str)> {
    crate::work::count();
    let memo = NumeralMemo::default();
    let ctx = Ctx {
        memo: Some(&memo),
        ..ctx
    };
    let start = ws0(i);
    let mut meta = Meta::default();
    let mut r = start;
    // Change before: "up 116%", "rose by 5%". A qualifier that is longer wins ("up to").
    // Qualifier and change phrases begin with a letter, "~", "<" or ">" (not a digit or "$").
    let may_be_phrase = r
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'~' | b'<' | b'>') || *b >= 0x80);
    let qual = may_be_phrase
        .then(|| qualifier(ctx, r, Position::Pre))
        .flatten();
    let change = may_be_phrase.then(|| change_pre(ctx, r)).flatten();
    let mut direction = None;
    let mut pre_effect = None;
    let mut hedged = false;
    let mut take_qualifier = |r: &mut &'a str, first: Option<(&'a str, Effect)>| {
        let Some((rq, e)) = first else { return };
        pre_effect = Some(e);
        *r = rq;
        // "about at least 20 and less than 100": a hedge before another qualifier.
        if e == Effect::Approximate
            && let Some((r2, e2)) = qualifier(ctx, rq, Position::Pre)
            && e2 != Effect::Approximate
        {
            hedged = true;
            pre_effect = Some(e2);
            *r = r2;
        }
    };
    match (change, qual) {
        (Some((rc, d)), Some((rq, _))) if rc.len() < rq.len() => {
            direction = Some(d);
            r = rc;
            take_qualifier(&mut r, qualifier(ctx, rc, Position::Pre));
        }
        (Some((rc, d)), None) => {
            direction = Some(d);
            r = rc;
            take_qualifier(&mut r, qualifier(ctx, rc, Position::Pre));
        }
        (_, q @ Some(_)) => take_qualifier(&mut r, q),
        (None, None) => {}
    }
    if direction.is_some() || pre_effect.is_some() {
        meta.prefixed = true;
        if r.len() == start.len() {
            return fail(start, "a quantity");
        }
    }
    let core_at = ws0(r);
    meta.core_start = start.len() - core_at.len();
    // The core, trying the alternatives in order (bracketed_range, aged, one_in_n, fraction,
    // multiple, amount_or_range, vague); the first that succeeds wins, a Failure (malformed
    // number) stops the search. Which alternatives can apply is decided from the first
    // character, so that "about the" or "over a" fail at once (this runs at every qualifier word
    // of running text).
    type Alt = for<'b, 'c> fn(Ctx<'c>, &'b str, &mut Meta) -> Res<'b, Core>;
    let mut chosen: [Option<Alt>; 8] = [None; 8];
    // "from" and "between" with no amount after them, the commonest failed candidates of running
    // text: no numeral begins with these words, so none is parsed. Asked before `core_begins`,
    // whose answer for a core that begins with one of these words is always `Words` (they are
    // triggers, and no currency is written with them).
    if opener_without_amount(ctx, core_at) {
        return fail(core_at, "a number");
    }
    match core_begins(ctx, core_at) {
        Begins::Nothing => return fail(core_at, "a number"),
        Begins::Words => {
            // As for digits: one numeral parse tells which alternatives can apply.
            let num = numeral_at(ctx, core_at, false);
            if let Err(nom::Err::Failure(f)) = num {
                return Err(nom::Err::Failure(f));
            }
            let num = num.ok();
            chosen[0] = Some(bracketed_range);
            chosen[1] = Some(aged);
            if let Some((rest, n)) = num {
                if kw("in").parse(rest).is_ok()
                    || kw("out").parse(rest).is_ok()
                    || kw("over").parse(rest).is_ok()
                {
                    chosen[2] = Some(one_in_n);
                }
                // "two-thirds", "one third", "a quarter": small numerators may start a fraction.
                if n.form == Form::Fraction || n.value <= Number::from(9) {
                    chosen[3] = Some(fraction);
                }
                if rest.starts_with("-fold") || kw("times").parse(rest).is_ok() {
                    chosen[4] = Some(multiple);
                }
                chosen[5] = Some(amount_or_range);
            } else {
                chosen[3] = Some(fraction);
                chosen[4] = Some(multiple);
                chosen[5] = Some(article_unit);
            }
            chosen[6] = Some(vague);
            chosen[7] = Some(absolute_zero);
        }
        Begins::Digits => {
            // One numeral parse tells which digit-led alternatives can apply.
            match numeral_at(ctx, core_at, false) {
                Ok((rest, _)) => {
                    if kw("in").parse(rest).is_ok()
                        || kw("out").parse(rest).is_ok()
                        || kw("over").parse(rest).is_ok()
                    {
                        chosen[0] = Some(one_in_n);
                    }
                    if rest.starts_with("-fold") || kw("times").parse(rest).is_ok() {
                        chosen[1] = Some(multiple);
                    }
                }
                Err(nom::Err::Failure(f)) => return Err(nom::Err::Failure(f)),
                Err(_) => {}
            }
            chosen[2] = Some(amount_or_range);
        }
    }
    let alternatives = chosen.into_iter().flatten();
    let mut best_err: Option<crate::error::Fail<'a>> = None;
    let mut found = None;
    for alt in alternatives {
        let mut m = meta;
        match alt(ctx, core_at, &mut m) {
            Ok((rest, core)) => {
                found = Some((rest, core));
                meta = m;
                break;
            }
            Err(nom::Err::Error(e)) => {
                if best_err.is_none_or(|b| e.at.len() < b.at.len()) {
                    best_err = Some(e);
                }
            }
            Err(e) => return Err(e),
        }
    }
    let Some((mut r, core)) = found else {
        let e = best_err.unwrap_or(crate::error::Fail {
            at: core_at,
            expected: "a number",
        });
        // Report "expected a number" where the core should start when no alternative got
        // beyond its first word.
        let e = if e.at.len() + 12 >= core_at.len()
            && e.expected != "\"and\""
            && e.expected != "\"to\""
        {
            crate::error::Fail {
                at: core_at,
                expected: "a number",
            }
        } else {
            e
        };
        return Err(nom::Err::Error(e));
    };
    let mut core = core;
    // Two-sided intervals: "at least 200 and less than 1,000", "at most 100 and at least 20".
    if let Some(first) = pre_effect
        && let Some(v1) = core.value
        && let Some((r2, second, v2, unit2)) = second_side(ctx, r)
        && (core.unit.is_none()
            || unit2.is_none()
            || core.unit.as_ref().map(UnitHit::unit) == unit2.as_ref().map(UnitHit::unit))
    {
        let is_lower = |e: Effect| matches!(e, Effect::LowerExclusive | Effect::LowerInclusive);
        let is_upper = |e: Effect| matches!(e, Effect::UpperExclusive | Effect::UpperInclusive);
        let sides = if is_lower(first) && is_upper(second) {
            Some(((v1, first), (v2, second)))
        } else if is_upper(first) && is_lower(second) {
            Some(((v2, second), (v1, first)))
        } else {
            None
        };
        if let Some(((lo, lo_e), (hi, hi_e))) = sides
            && lo < hi
        {
            core.value = None;
            core.lower = Some(Bound {
                value: lo,
                inclusive: lo_e == Effect::LowerInclusive,
            });
            core.upper = Some(Bound {
                value: hi,
                inclusive: hi_e == Effect::UpperInclusive,
            });
            if core.unit.is_none() {
                core.unit = unit2;
            }
            pre_effect = None;
            r = r2;
        }
    }
    let kind = if core.ratio {
        Kind::Ratio
    } else {
        core.unit.as_ref().map_or(Kind::Count, UnitHit::kind)
    };
    let mut q = Quantity {
        text: String::new(),
        start: 0,
        end: 0,
        kind,
        value: core.value,
        lower: core.lower,
        upper: core.upper,
        approximate: false,
        unit: core.unit.map(UnitHit::into_unit),
        entity: core.entity,
        per: None,
        change: None,
    };
    if meta.time_of_day || meta.ordinal {
        return Ok((r, (Parsed { quantity: q, meta }, start)));
    }
    // Post qualifier, the counted thing, post qualifier again: "100 or more people",
    // "100 people or more".
    let mut post_effect = None;
    // Where a post qualifier was looked for and none found (as the length of the rest): the same
    // look-up there gives the same answer, and is not made again.
    let mut no_post_at = None;
    if let Some((r2, e)) = qualifier(ctx, r, Position::Post) {
        post_effect = Some(e);
        r = r2;
        // "5 or more kg": the unit may follow the post qualifier.
        if q.kind == Kind::Count
            && q.entity.is_none()
            && let After::Unit(r3, hit) = unit_after(ctx.lex, r)
            && !matches!(hit, UnitHit::Age(_))
            && r3.len() < r.len()
            && ws0(r).len() < r.len()
        {
            let f = hit.factor();
            if f != Number::ONE {
                let scale = |b: Option<Bound>| {
                    b.map(|b| b.value.checked_mul(f).map(|value| Bound { value, ..b }))
                        .transpose()
                };
                q.value = q
                    .value
                    .map(|v| v.checked_mul(f))
                    .transpose()
                    .map_err(|_| overflow(r))?;
                q.lower = scale(q.lower).map_err(|_| overflow(r))?;
                q.upper = scale(q.upper).map_err(|_| overflow(r))?;
            }
            q.kind = hit.kind();
            q.unit = Some(hit.into_unit());
            r = r3;
        }
    } else if crate::fast_paths_on() {
        no_post_at = Some(r.len());
    }
    // "800 fewer officers", "5 more judges", "11,000 fewer miles": a change in a count.
    if direction.is_none()
        && kind == Kind::Count
        && q.value.is_some()
        && let Some((r2, d)) = count_change(ctx, r)
    {
        direction = Some(d);
        r = r2;
        if let After::Unit(r3, hit) = unit_after(ctx.lex, r)
            && !matches!(hit, UnitHit::Age(_))
        {
            q.kind = hit.kind();
            q.unit = Some(hit.into_unit());
            r = r3;
        }
    }
    let proper_ratio =
        q.kind == Kind::Ratio && q.value.is_some_and(|v| v > Number::ZERO && v < Number::ONE);
    if q.entity.is_none() && (q.kind == Kind::Count || proper_ratio) {
        // A singular noun is the counted thing after "one" and after a range or vague magnitude
        // ("hundreds of rs" prints as "at least 200 and less than 1,000 rs").
        let singular_ok = q.value.is_none_or(|v| v == Number::ONE);
        if q.kind == Kind::Count
            && let Ok((r2, _)) = kw("times").parse(r)
            && times_is_multiple(ctx, r2)
        {
            // "3 or more times.", "hundreds of times faster": a multiple, as "3 times." is.
            q.kind = Kind::Ratio;
            r = r2;
        } else if let Some((r2, e)) = entity_after(ctx, r, singular_ok, no_post_at == Some(r.len()))
        {
            q.entity = Some(e);
            r = r2;
        }
    }
    if post_effect.is_none()
        && no_post_at != Some(r.len())
        && let Some((r2, e)) = qualifier(ctx, r, Position::Post)
    {
        post_effect = Some(e);
        r = r2;
    }
    if hedged || meta.hedged_inside {
        q.approximate = true;
    }
    if let Some(e) = pre_effect {
        apply(e, &mut q);
    }
    if let Some(e) = post_effect {
        apply(e, &mut q);
    }
    if let Some((r2, per)) = rate(ctx, r) {
        q.per = Some(per);
        r = r2;
    }
    // Change after: "a 5% increase".
    if direction.is_none()
        && matches!(kind, Kind::Percent | Kind::Money | Kind::Measure)
        && let Some((len, ChangeRole::Post(d))) = {
            let s = ws0(r);
            (s.len() < r.len())
                .then(|| {
                    ctx.lex
                        .changes
                        .find(s, |role| matches!(role, ChangeRole::Post(_)))
                })
                .flatten()
                .map(|(l, role)| (l + (r.len() - s.len()), *role))
        }
    {
        direction = Some(d);
        r = &r[len..];
    }
    if let Some(d) = direction {
        let mut change = Change {
            direction: d,
            reference: None,
        };
        if let Some((r2, reference)) = reference(ctx, r) {
            change.reference = Some(reference);
            r = r2;
        }
        q.change = Some(change);
    }
    // "more than 5000 or equal to", "less than 5000 or equal": the bound becomes inclusive.
    if matches!(
        pre_effect,
        Some(Effect::LowerExclusive | Effect::UpperExclusive)
    ) && post_effect.is_none()
        && let Ok((r2, _)) = kw("or").parse(r)
        && let Ok((r3, _)) = kw("equal").parse(r2)
    {
        let r4 = kw("to").parse(r3).map(|(r, _)| r).unwrap_or(r3);
        let next = ws0(r4);
        if !starts_digit(next) && numeral(ctx.lex, next, false).is_err() {
            for b in [&mut q.lower, &mut q.upper].into_iter().flatten() {
                b.inclusive = true;
            }
            r = r4;
        }
    }
    Ok((r, (Parsed { quantity: q, meta }, start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `word_len` counts what the character loop counts, at every character of news (in three
    /// cases) and of words with non-ASCII letters, apostrophes and hyphens.
    #[test]
    fn word_len_agrees_with_the_character_loop() {
        let words = "naïve café-goers' children’s -x 'tis year-old Ünter ß ab’ a-é x1 é’s";
        for text in crate::test_support::news_in_three_cases(40_000)
            .into_iter()
            .chain([words.to_string()])
        {
            for (p, _) in text.char_indices() {
                let at = &text[p..];
                let context: String = at.chars().take(30).collect();
                assert_eq!(word_len(at), word_len_by_chars(at), "{context:?}");
            }
        }
    }

    /// `core_begins` turns away a word whose first letters begin no trigger, currency prefix or
    /// currency word without looking it up: it answers as the four look-ups do at every word of
    /// news (in three cases) and at every alias of the lexicon's tables, written alone, before
    /// " 42" and before "42". The scanner's `Lexicon::begins_no_core` (for the word after "from",
    /// "about", "up") says "nothing" where the look-ups do, on these texts (it may not for a word
    /// longer than eight letters whose first eight are a currency word's: see its doc).
    #[test]
    fn core_begins_turns_away_what_the_lookups_turn_away() {
        let lex = Lexicon::builtin();
        let ctx = Ctx {
            lex,
            entities: None,
            memo: None,
        };
        let tables = [
            include_str!("../data/units.tsv"),
            include_str!("../data/currencies.tsv"),
            include_str!("../data/numbers.tsv"),
            include_str!("../data/vague.tsv"),
            include_str!("../data/qualifiers.tsv"),
            include_str!("../data/changes.tsv"),
            include_str!("../data/words.tsv"),
        ];
        let mut aliases = String::new();
        for alias in tables
            .iter()
            .flat_map(|t| t.split(['\t', '\n', '|']))
            .map(str::trim)
            .filter(|a| !a.is_empty() && !a.starts_with('#'))
        {
            for variant in [alias.to_string(), alias.to_uppercase()] {
                aliases.push_str(&format!("{variant} . {variant} 42 . {variant}42 . "));
            }
        }
        let [news, upper, capitalised] = crate::test_support::news_in_three_cases(40_000);
        let mut answers = [0usize; 3];
        for text in [news, upper, capitalised, aliases] {
            for (p, c) in text.char_indices() {
                if !c.is_ascii_alphabetic() {
                    continue;
                }
                let at = &text[p..];
                let fast = core_begins(ctx, at);
                let slow = crate::test_support::without_fast_paths(|| core_begins(ctx, at));
                let context: String = at.chars().take(30).collect();
                assert_eq!(
                    lex.begins_no_core(at),
                    matches!(slow, Begins::Nothing),
                    "{context:?}"
                );
                assert_eq!(
                    std::mem::discriminant(&fast),
                    std::mem::discriminant(&slow),
                    "{context:?}"
                );
                answers[match fast {
                    Begins::Digits => 0,
                    Begins::Words => 1,
                    Begins::Nothing => 2,
                }] += 1;
            }
        }
        // Every answer was given many times: the comparison saw each kind of word.
        assert!(answers.iter().all(|&n| n > 100), "{answers:?}");
    }
}
