//! Units after a number: symbols ("51.4%", "-5°C", "5km"), words ("27,000 pounds",
//! "74 miles per hour"), hyphenated adjectives ("a 1,900-mile border", "a 30-year-old man"), currency
//! words ("40 dollars", "50 cents") and the conversion of a quantity between units.
//!
//! Ambiguous symbols (marked `?` in `units.tsv`: "in", "m") need a confirming context: the end of
//! the text, punctuation, or a dimension adjective ("2 1/2 in thick"). Clock times ("6pm",
//! "6 p.m.") are never units: "pm" is not read as picometres.

use std::borrow::Cow;

use crate::error::ConvertError;
use crate::lexicon::{CurrencyEntry, Lexicon, WordClass, is_word_char_at};
use crate::model::{Bound, Dimension, Kind, Quantity, Unit};
use crate::number::Number;
use crate::tokens::{kw, ws0};

/// What follows a numeral, as far as units go.
#[derive(Debug, Clone)]
pub(crate) enum UnitHit {
    /// A unit of measure.
    Measure(Unit),
    /// A currency, with the multiplier of the alias (0.01 for "cents").
    Money(Unit, Number),
    /// An age: "30-year-old", "five years old".
    Age(Unit),
}

impl UnitHit {
    /// The unit.
    pub fn unit(&self) -> &Unit {
        match self {
            UnitHit::Measure(u) | UnitHit::Money(u, _) | UnitHit::Age(u) => u,
        }
    }

    /// The unit, taken out of the hit.
    pub fn into_unit(self) -> Unit {
        match self {
            UnitHit::Measure(u) | UnitHit::Money(u, _) | UnitHit::Age(u) => u,
        }
    }

    /// The kind of quantity this unit makes.
    pub fn kind(&self) -> Kind {
        match self {
            UnitHit::Money(..) => Kind::Money,
            UnitHit::Age(_) => Kind::Age,
            UnitHit::Measure(u) if u.dimension == Dimension::Ratio => Kind::Percent,
            UnitHit::Measure(_) => Kind::Measure,
        }
    }

    /// The multiplier to apply to the number (cents: 0.01).
    pub fn factor(&self) -> Number {
        match self {
            UnitHit::Money(_, f) => *f,
            _ => Number::ONE,
        }
    }
}

/// What [`unit_after`] found right after a numeral.
#[derive(Debug, Clone)]
pub(crate) enum After<'a> {
    /// A unit, and the rest of the input after it.
    Unit(&'a str, UnitHit),
    /// A clock time ("6 pm", "12:01 a.m."): the numeral is not a quantity.
    TimeOfDay,
    /// An ordinal suffix ("19th", "1st"): the numeral is an ordinal.
    Ordinal(&'a str),
    /// Nothing unit-like.
    Nothing,
}

const AGE_SUFFIXES: [(&str, &str); 4] = [
    ("year-old", "year"),
    ("month-old", "month"),
    ("week-old", "week"),
    ("day-old", "day"),
];

fn age_unit(lex: &Lexicon, name: &str) -> Option<Unit> {
    lex.find_unit(name)
}

/// True when an ambiguous unit symbol is confirmed by what follows it.
fn context_confirms(lex: &Lexicon, rest: &str) -> bool {
    let r = ws0(rest);
    match r.chars().next() {
        None => true,
        Some(c) if !c.is_alphanumeric() && c != '$' && c != '(' => true,
        Some(_) => {
            lex.word_class(r, WordClass::DimensionAdjective).is_some() && {
                // "2 in thick", not "2 in the": the adjective list also holds "in"/"of", which
                // confirm only when followed by a dimension word ("in diameter").
                let (len, _) = lex
                    .words
                    .find(r, |c| *c == WordClass::DimensionAdjective)
                    .unwrap_or((0, &WordClass::Stop));
                !matches!(
                    &r[..len].to_ascii_lowercase()[..],
                    "in" | "of" | "on" | "to" | "from"
                )
            }
        }
    }
}

/// A quote mark used as a unit right at the start of `r`: its length and the unit's name. Not
/// before a letter (`5 "experts"`, "5's"), nor before a digit except feet (`5'10"`).
pub(crate) fn quote_unit(r: &str) -> Option<(usize, &'static str)> {
    let (len, name) = if r.starts_with("''") {
        (2, "inch")
    } else if r.starts_with('"') {
        (1, "inch")
    } else if r.starts_with('\'') {
        (1, "foot")
    } else {
        return None;
    };
    let next = r[len..].chars().next();
    match next {
        Some(c) if c.is_ascii_digit() => (name == "foot").then_some((len, name)),
        Some(c) if c.is_alphanumeric() || c == '\'' || c == '"' || c == '_' => None,
        _ => Some((len, name)),
    }
}

/// Whether the quote mark at byte `pos` of `text` closes a quotation opened earlier in its
/// sentence on its line (`"Apollo 11"`, `'Top 10'`) rather than being a unit. The look-back stops
/// at a sentence end (". " before a capital letter), so a sentence reads the same alone as in
/// its text.
pub(crate) fn closes_quotation(text: &str, pos: usize) -> bool {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let sentence_start = text[line_start..pos]
        .rmatch_indices(". ")
        .map(|(i, _)| line_start + i + 2)
        .find(|&p| text[p..].starts_with(char::is_uppercase))
        .unwrap_or(line_start);
    let line = &text[sentence_start..pos];
    let b = line.as_bytes();
    if text.as_bytes()[pos] == b'"' {
        return b.iter().filter(|&&c| c == b'"').count() % 2 == 1;
    }
    // Single quotes: an opening one follows white space and precedes a letter or digit; a
    // closing one follows a letter or digit and precedes no letter (apostrophes are inside words).
    let mut open = 0usize;
    for (i, &c) in b.iter().enumerate() {
        if c != b'\'' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| b[j]);
        let after = b.get(i + 1).copied();
        if before.is_none_or(|x| x.is_ascii_whitespace() || x == b'(')
            && after.is_some_and(|x| x.is_ascii_alphanumeric())
        {
            open += 1;
        } else if before.is_some_and(|x| x.is_ascii_alphanumeric())
            && !after.is_some_and(|x| x.is_ascii_alphanumeric())
        {
            open = open.saturating_sub(1);
        }
    }
    open > 0
}

/// Whether the next number repeats the ambiguous symbol `sym`, directly or after "x", "×" or
/// "by": "1 m x 1 m", "2 m by 3 m", "1 m 1 m".
fn symbol_repeats(rest: &str, sym: &str) -> bool {
    let mut r = ws0(rest);
    if r.len() == rest.len() {
        return false;
    }
    for sep in ["x ", "× ", "by "] {
        if let Some(r2) = r.strip_prefix(sep) {
            r = ws0(r2);
            break;
        }
    }
    let digits = r
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        .count();
    if digits == 0 || !r.as_bytes()[0].is_ascii_digit() {
        return false;
    }
    let r = ws0(&r[digits..]);
    r.starts_with(sym) && !is_word_char_at(r, sym.len())
}

/// Looks for a unit right after a numeral. `i` is the input just after the numeral.
pub(crate) fn unit_after<'a>(lex: &Lexicon, i: &'a str) -> After<'a> {
    // Ordinal suffixes: "19th", "1st", "22nd", "3rd".
    for suffix in ["st", "nd", "rd", "th"] {
        if i.len() >= 2
            && i.as_bytes()[..2].eq_ignore_ascii_case(suffix.as_bytes())
            && !is_word_char_at(i, 2)
        {
            return After::Ordinal(&i[2..]);
        }
    }
    // Hyphenated adjectives: "30-year-old", "1,900-mile", "10-day".
    if let Some(r) = i.strip_prefix(['-', '‑'])
        && r.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        for (suffix, name) in AGE_SUFFIXES {
            if r.len() >= suffix.len()
                && r.as_bytes()[..suffix.len()].eq_ignore_ascii_case(suffix.as_bytes())
                && !is_word_char_at(r, suffix.len())
                && let Some(u) = age_unit(lex, name)
            {
                return After::Unit(&r[suffix.len()..], UnitHit::Age(u));
            }
        }
        if let Some((len, (entry, rule))) = lex.units.find(r, |(_, rule)| !rule.needs_context) {
            let _ = rule;
            return After::Unit(&r[len..], UnitHit::Measure(entry.unit.clone()));
        }
        if let Some((len, c)) = lex.currencies.find(r, |c| !c.prefix) {
            return After::Unit(&r[len..], UnitHit::Money(c.unit.clone(), c.factor));
        }
        return After::Nothing;
    }
    let r = ws0(i);
    // Clock times: "6pm", "6 p.m.", "9 o'clock".
    // The cheap test of the first letters first: the word class is a trie walk.
    let is_pm_am = match r.as_bytes() {
        [a, b, ..] => matches!(
            (a.to_ascii_lowercase(), b.to_ascii_lowercase()),
            (b'p' | b'a', b'm' | b'.') | (b'o', b'\'')
        ),
        _ => false,
    } || r.starts_with("o’")
        || r.starts_with("O’");
    if is_pm_am && lex.word_class(r, WordClass::TimeOfDay).is_some() {
        return After::TimeOfDay;
    }
    // Quote marks: 5" and 5'' are inches, 5' is feet (and 5'10" five feet ten inches). The
    // scanner drops the reading when the mark closes a quotation ("Apollo 11").
    if let Some((len, name)) = quote_unit(r)
        && let Some(u) = lex.find_unit(name)
    {
        return After::Unit(&r[len..], UnitHit::Measure(u));
    }
    // Plain and ambiguous aliases in one walk.
    let (plain, ambiguous) = lex.units.find_pair(
        r,
        |(_, rule)| !rule.needs_context,
        |(_, rule)| rule.needs_context,
    );
    let unit = plain.map(|(len, (e, _))| (len, e));
    let ambiguous = ambiguous
        .filter(|(len, _)| {
            context_confirms(lex, &r[*len..]) || symbol_repeats(&r[*len..], &r[..*len])
        })
        .map(|(len, (e, _))| (len, e));
    let money = lex
        .currencies
        .longest(r)
        .filter(|m| !m.first().needs_context || context_confirms(lex, &r[m.len..]))
        .map(|m| (m.len, m.first()));
    // The longest reading; on a tie money, then an ambiguous unit, then a plain one. Only the
    // winner's unit is cloned.
    let longest = [
        unit.map(|u| u.0),
        ambiguous.map(|a| a.0),
        money.map(|m| m.0),
    ]
    .into_iter()
    .flatten()
    .max();
    let best = match (longest, unit, ambiguous, money) {
        (None, ..) => None,
        (Some(n), _, _, Some((len, c))) if len == n => {
            Some((len, UnitHit::Money(c.unit.clone(), c.factor)))
        }
        (Some(n), _, Some((len, e)), _) if len == n => {
            Some((len, UnitHit::Measure(e.unit.clone())))
        }
        (_, Some((len, e)), _, _) => Some((len, UnitHit::Measure(e.unit.clone()))),
        (Some(_), None, _, _) => None,
    };
    let Some((len, hit)) = best else {
        // "20 (kg)", "20 [kg]": a unit symbol in brackets right after the number.
        if let Some((_, close)) = [('(', ')'), ('[', ']'), ('{', '}'), ('<', '>')]
            .into_iter()
            .find(|(o, _)| r.starts_with(*o))
            && let Some((ulen, (e, _))) = lex.units.find(&r[1..], |(_, rule)| !rule.needs_context)
            && r[1 + ulen..].starts_with(close)
        {
            return After::Unit(&r[2 + ulen..], UnitHit::Measure(e.unit.clone()));
        }
        // "5 straight days", "2 extra minutes", "3 additional pounds": an adjective between the
        // number and a unit word.
        if r.as_bytes()
            .first()
            .is_some_and(|b| lex.may_be_unit_adjective(*b))
            && let Some(alen) = lex.word_class(r, WordClass::UnitAdjective)
            && !is_word_char_at(r, alen)
            && ws0(&r[alen..]).len() < r[alen..].len()
            && let After::Unit(rest, hit) = unit_after(lex, &r[alen..])
            && !matches!(hit, UnitHit::Age(_))
        {
            return After::Unit(rest, hit);
        }
        return After::Nothing;
    };
    // Words need white space before them ("5 pounds"); symbols may be attached ("5kg", "51.4%").
    let rest = &r[len..];
    // Ages: "five years old", "29 years of age".
    if let UnitHit::Measure(u) = &hit
        && u.dimension == Dimension::Time
    {
        if let Ok((r2, _)) = kw("old").parse(rest) {
            return After::Unit(r2, UnitHit::Age(u.clone()));
        }
        // "87 yo", "87 y.o.", "87 y/o": years old.
        if ["yo", "y.o.", "y/o"]
            .iter()
            .any(|a| r[..len].eq_ignore_ascii_case(a))
        {
            return After::Unit(rest, UnitHit::Age(u.clone()));
        }
        if let Ok((r2, _)) = kw("of").parse(rest)
            && let Ok((r3, _)) = kw("age").parse(r2)
        {
            return After::Unit(r3, UnitHit::Age(u.clone()));
        }
    }
    // "a 45 degrees angle", "a 90° angle": degrees of arc, not a temperature.
    if let UnitHit::Measure(u) = &hit
        && u.name == "degree"
        && kw("angle").parse(rest).is_ok()
        && let Some(arc) = lex.find_unit("degree of arc")
    {
        return After::Unit(rest, UnitHit::Measure(arc));
    }
    // "−273.15° on the Celsius scale": the scale named right after the degrees, a word of a
    // temperature unit in units.tsv.
    if let UnitHit::Measure(u) = &hit
        && u.name == "degree"
        && let Ok((r2, _)) = kw("on").parse(rest)
        && let Ok((r3, _)) = kw("the").parse(r2)
        && let r3 = ws0(r3)
        && let Some((len, (scale, _))) = lex.units.find(r3, |(e, rule)| {
            !rule.needs_context
                && e.unit.dimension == Dimension::Temperature
                && e.unit.name != u.name
        })
        && !is_word_char_at(r3, len)
        && kw("scale").parse(&r3[len..]).is_ok()
    {
        return After::Unit(rest, UnitHit::Measure(scale.unit.clone()));
    }
    After::Unit(rest, hit)
}

/// A currency code written with letters and attached to the digits after it: "USD115", "GBP3.01",
/// "Rs20". Returns the code's length and the currency.
pub(crate) fn attached_code<'l>(lex: &'l Lexicon, s: &str) -> Option<(usize, &'l CurrencyEntry)> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters < 2 || !s.as_bytes().get(letters).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    lex.currencies
        .find(&s[..letters], |c| c.prefix)
        .filter(|(len, _)| *len == letters)
}

/// A currency word before a number, with white space between ("ringgit 42", "dollar 22.5
/// million"): the `currency_before` words of `words.tsv`. Returns the word's length and the
/// currency.
#[inline(never)]
pub(crate) fn currency_word_before<'l>(
    lex: &'l Lexicon,
    s: &str,
) -> Option<(usize, &'l CurrencyEntry)> {
    // A cheap test first (this runs at every word that may begin a quantity): a digit after at
    // most two words.
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut p = 0;
    let mut digit_follows = false;
    for _ in 0..2 {
        let word = b[p..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if word == 0 || b.get(p + word) != Some(&b' ') {
            break;
        }
        p += word + 1;
        if b.get(p).is_some_and(u8::is_ascii_digit) {
            digit_follows = true;
            break;
        }
    }
    if !digit_follows {
        return None;
    }
    let len = lex.word_class(s, WordClass::CurrencyBefore)?;
    if !s[len..].starts_with([' ', '\u{a0}']) {
        return None;
    }
    let m = lex.currencies.longest(&s[..len])?;
    let c = m.first();
    (m.len == len && c.factor == Number::ONE && !c.needs_context).then_some((len, c))
}

/// A currency written before a number, as [`currency_prefix`] finds it.
pub(crate) struct CurrencyPrefix<'a> {
    /// The text after the prefix, white space skipped.
    pub rest: &'a str,
    /// The currency and its factor.
    pub hit: UnitHit,
    /// Whether a number follows the prefix.
    pub number_follows: bool,
    /// Whether the prefix is a currency word ("ringgit 42") rather than a symbol or a code.
    pub word: bool,
}

/// A currency symbol, code or word before a number: "$", "US$", "€", "USD ", "Rs.", "ringgit 42",
/// or `None` when no currency prefix stands at `i`. `number_follows` is false when the prefix is
/// there but no number follows it.
pub(crate) fn currency_prefix<'a>(lex: &Lexicon, i: &'a str) -> Option<CurrencyPrefix<'a>> {
    let start = ws0(i);
    let ((len, c), word) = match lex
        .currencies
        .find(start, |c| c.prefix)
        .or_else(|| attached_code(lex, start))
    {
        Some(found) => (found, false),
        None => {
            let found = start
                .starts_with(|c: char| c.is_ascii_alphabetic())
                .then(|| currency_word_before(lex, start))
                .flatten()?;
            (found, true)
        }
    };
    let rest = ws0(&start[len..]);
    let b = rest.as_bytes();
    let number_follows = b.first().is_some_and(u8::is_ascii_digit)
        || (matches!(b.first(), Some(b'.' | b'-')) && b.get(1).is_some_and(u8::is_ascii_digit));
    Some(CurrencyPrefix {
        rest,
        hit: UnitHit::Money(c.unit.clone(), c.factor),
        number_follows,
        word,
    })
}

impl Quantity {
    /// The quantity in another unit of the same dimension, bounds converted too.
    ///
    /// `unit` is a unit name, symbol or alias from the built-in lexicon ("kg", "kilogram"). The
    /// result is exact where the conversion factors are (pounds to kilograms is exact).
    ///
    /// ```
    /// let q = quantext::parse("more than 27,000 pounds").unwrap();
    /// let kg = q.to("kg").unwrap();
    /// assert_eq!(kg.unit.as_ref().unwrap().name, "kilogram");
    /// assert_eq!(kg.lower.unwrap().value.to_string(), "12246.99399");
    /// assert!(q.to("hour").is_err());
    /// ```
    pub fn to(&self, unit: &str) -> Result<Quantity, ConvertError> {
        let lex = Lexicon::builtin();
        let target = lex
            .find_unit(unit)
            .ok_or_else(|| ConvertError::UnknownUnit(unit.to_string()))?;
        self.convert(&target)
    }

    /// Like [`Quantity::to`] with a [`Unit`] value.
    pub fn convert(&self, target: &Unit) -> Result<Quantity, ConvertError> {
        let from = self
            .unit
            .as_ref()
            .ok_or(ConvertError::NoUnit(self.kind.as_str()))?;
        if !from.same_dimension(target) {
            return Err(ConvertError::Dimension {
                from: from.name.to_string(),
                from_dimension: from.dimension.as_str(),
                to: target.name.to_string(),
                to_dimension: target.dimension.as_str(),
            });
        }
        if from == target {
            return Ok(self.clone());
        }
        let factor = |u: &Unit| -> Result<(Number, Number), ConvertError> {
            let f = u
                .si_factor
                .and_then(Number::from_f64)
                .ok_or_else(|| ConvertError::NoFactor(u.name.to_string()))?;
            let o = Number::from_f64(u.si_offset).ok_or(ConvertError::Overflow)?;
            Ok((f, o))
        };
        let (f1, o1) = factor(from)?;
        let (f2, o2) = factor(target)?;
        // si = v * f1 + o1; v2 = (si - o2) / f2
        let conv = |v: Number| -> Result<Number, ConvertError> {
            v.checked_mul(f1)
                .and_then(|s| s.checked_add(o1))
                .and_then(|s| s.checked_add(-o2))
                .and_then(|s| s.checked_div(f2))
                .map_err(|_| ConvertError::Overflow)
        };
        let bound = |b: Option<Bound>| -> Result<Option<Bound>, ConvertError> {
            b.map(|b| {
                Ok(Bound {
                    value: conv(b.value)?,
                    inclusive: b.inclusive,
                })
            })
            .transpose()
        };
        let mut out = self.clone();
        out.value = self.value.map(conv).transpose()?;
        out.lower = bound(self.lower)?;
        out.upper = bound(self.upper)?;
        out.unit = Some(Unit {
            name: Cow::Owned(target.name.to_string()),
            ..target.clone()
        });
        Ok(out)
    }
}
