//! Canonical English rendering of a [`Quantity`], which [`crate::parse`] reads back to an equal
//! quantity.
//!
//! ```
//! let q = quantext::parse("more than 27,000 pounds").unwrap();
//! assert_eq!(q.to_string(), "more than 27,000 lb");
//! assert_eq!(quantext::parse(&q.to_string()).unwrap(), q);
//!
//! let q = quantext::parse("hundreds of thousands of dollars").unwrap();
//! assert_eq!(q.to_string(), "at least $200,000 and less than $1,000,000");
//! ```
//!
//! | reading | printed as |
//! |---|---|
//! | exact value | `27,000 lb` |
//! | lower bound, exclusive / inclusive | `more than V` / `at least V` |
//! | upper bound, exclusive / inclusive | `less than V` / `up to V` |
//! | approximate, at the value / below / above | `about V` / `nearly V` / `just over V` |
//! | range, both ends inclusive | `between A and B` |
//! | other two-sided intervals | `at least A and less than B` (and the like) |
//! | ratio | `half`, `2 times`, `1 in 5`, `3-fold` (with a rate) |
//! | age | `aged 30` |

use std::fmt;

use crate::lexicon::Lexicon;
use crate::model::{Bound, Kind, Quantity, Unit};
use crate::number::Number;

/// Writes a number so that the numeral parser reads it back exactly: grouped digits
/// ("27,000"), decimals ("0.65"), or a fraction ("2 1/3", "1/3", "0 1/21") when it has no decimal
/// form.
fn number(n: Number) -> String {
    let plain = n.to_string();
    if !plain.contains('/') {
        return n.to_grouped_string();
    }
    let (num, den) = (n.numer(), n.denom());
    let whole = num / den;
    let rem = (num % den).abs();
    if whole == 0 && !crate::numeral::is_usual_denominator(den) {
        // "0 1/21": a lone "1/21" would read as a date.
        format!("{}0 {rem}/{den}", if num < 0 { "-" } else { "" })
    } else if whole == 0 {
        format!("{}{rem}/{den}", if num < 0 { "-" } else { "" })
    } else {
        format!(
            "{} {rem}/{den}",
            Number::ratio(whole, 1)
                .unwrap_or(Number::ZERO)
                .to_grouped_string()
        )
    }
}

/// The printed form of a unit: its symbol when the symbol reads back as this unit, else its name.
fn unit_label(u: &Unit) -> String {
    let lex = Lexicon::builtin();
    let symbol_ok = lex
        .units
        .find(&u.symbol, |(_, rule)| !rule.needs_context)
        .is_some_and(|(len, (e, _))| len == u.symbol.len() && e.unit == *u);
    if symbol_ok {
        u.symbol.to_string()
    } else {
        u.name.to_string()
    }
}

/// An amount with its unit: "$27,000", "27,000 lb", "51.4%", "-5 °C".
fn amount(q: &Quantity, v: Number) -> String {
    let Some(u) = &q.unit else {
        return number(v);
    };
    match q.kind {
        Kind::Money => match Lexicon::builtin().currency_forms.get(u.name.as_ref()) {
            // "$27,000", "SAR 1" (a code needs a space), "1 german marks".
            Some((prefix, true)) if prefix.ends_with(|c: char| c.is_alphanumeric() || c == '.') => {
                format!("{prefix} {}", number(v))
            }
            Some((prefix, true)) => format!("{prefix}{}", number(v)),
            Some((word, false)) => format!("{} {word}", number(v)),
            None => format!("{} {}", number(v), u.name),
        },
        Kind::Age => number(v),
        _ => {
            let label = unit_label(u);
            if label == "%" {
                format!("{}%", number(v))
            } else {
                format!("{} {label}", number(v))
            }
        }
    }
}

fn ratio(v: Number) -> String {
    if v == Number::ratio(1, 2).unwrap_or(Number::ONE) {
        return "half".to_string();
    }
    // A proper fraction reads back as "n in d" ("one in five adults" is printed "1 in 5 adults").
    if v.numer() > 0 && v.numer() < v.denom() {
        return format!(
            "{} in {}",
            number(Number::ratio(v.numer(), 1).unwrap_or(Number::ZERO)),
            number(Number::ratio(v.denom(), 1).unwrap_or(Number::ZERO))
        );
    }
    format!("{} times", number(v))
}

fn core(q: &Quantity, v: Number) -> String {
    match q.kind {
        // "3 times per day" would read as a count of times: a ratio with a rate is "3-fold".
        // So are zero and negative ratios ("0 times per f", "-2 times per f" are counts too);
        // proper fractions print "1 in 5".
        Kind::Ratio if q.per.is_some() && !(v > Number::ZERO && v < Number::ONE) => {
            format!("{}-fold", number(v))
        }
        Kind::Ratio => ratio(v),
        Kind::Age => format!("aged {}", number(v)),
        _ => amount(q, v),
    }
}

fn lower_phrase(b: Bound) -> &'static str {
    if b.inclusive { "at least" } else { "more than" }
}

fn upper_phrase(b: Bound) -> &'static str {
    if b.inclusive { "up to" } else { "less than" }
}

/// The uncertainty `d` of a value `v` with inclusive bounds `v - d` and `v + d` (`d > 0`), for the
/// kinds that print it ("5 kg ± 1 kg"; a ratio or an age has no such form).
fn uncertainty(kind: Kind, v: Number, l: Bound, u: Bound) -> Option<Number> {
    if matches!(kind, Kind::Ratio | Kind::Age) || !l.inclusive || !u.inclusive {
        return None;
    }
    let d = u.value.checked_add(-v).ok()?;
    (d > Number::ZERO && v.checked_add(-d).ok() == Some(l.value)).then_some(d)
}

impl fmt::Display for Quantity {
    /// Canonical English: "more than 27,000 lb", "about 4,000,000 low-value shipments per day",
    /// "between 3% and 5%", "up 116% from 2020".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.change {
            write!(f, "{} ", c.direction.as_str())?;
        }
        let mut post = "";
        let mut pm_printed = false;
        match (self.value, self.lower, self.upper) {
            (Some(v), Some(l), Some(u)) if let Some(d) = uncertainty(self.kind, v, l, u) => {
                pm_printed = true;
                // "0.00983 km/s² ± 0.00001": inclusive bounds the same way either side (the
                // bare uncertainty takes the unit before it; "1 ton per day" would be a unit).
                let about = if self.approximate { "about " } else { "" };
                write!(f, "{about}{} ± {}", core(self, v), number(d))?;
            }
            (Some(v), l, u) => {
                let at_v = |b: Option<Bound>| b.is_some_and(|b| b.value == v);
                let (prefix, suffix) = match (l, u) {
                    (Some(l), None) if at_v(Some(l)) && !l.inclusive => (
                        if self.approximate {
                            "just over "
                        } else {
                            "more than "
                        },
                        "",
                    ),
                    (Some(l), None) if at_v(Some(l)) => {
                        if self.approximate {
                            ("about ", " or more")
                        } else {
                            ("at least ", "")
                        }
                    }
                    (None, Some(u)) if at_v(Some(u)) && !u.inclusive => (
                        if self.approximate {
                            "nearly "
                        } else {
                            "less than "
                        },
                        "",
                    ),
                    (None, Some(u)) if at_v(Some(u)) => {
                        if self.approximate {
                            ("about ", " or less")
                        } else {
                            ("up to ", "")
                        }
                    }
                    _ => (if self.approximate { "about " } else { "" }, ""),
                };
                let shown = core(self, v);
                match shown.strip_suffix(" times") {
                    // "about 3 or more times": "about 3 times or more" reads as 3 or more "times".
                    Some(multiple) if !suffix.is_empty() => {
                        write!(f, "{prefix}{multiple}{suffix} times")?;
                    }
                    _ => {
                        post = suffix;
                        write!(f, "{prefix}{shown}")?;
                    }
                }
            }
            (None, Some(l), Some(u)) => {
                if self.approximate {
                    f.write_str("about ")?;
                }
                // An age range reads "between 5 and 10 yr old" ("between aged 5 and aged 10"
                // does not parse), a range of multiples "between 3 and 10 times" (not "between 3
                // times and 10 times").
                let times_range = self.kind == Kind::Ratio && self.per.is_none();
                let end = |v: Number| {
                    if self.kind == Kind::Age || times_range {
                        number(v)
                    } else {
                        core(self, v)
                    }
                };
                if l.inclusive && u.inclusive {
                    write!(f, "between {} and {}", end(l.value), end(u.value))?;
                } else {
                    write!(
                        f,
                        "{} {} and {} {}",
                        lower_phrase(l),
                        end(l.value),
                        upper_phrase(u),
                        end(u.value)
                    )?;
                }
                if times_range {
                    f.write_str(" times")?;
                }
                if self.kind == Kind::Age {
                    match &self.unit {
                        Some(unit) => write!(f, " {} old", unit_label(unit))?,
                        None => f.write_str(" years old")?,
                    }
                }
            }
            (None, Some(l), None) => write!(f, "{} {}", lower_phrase(l), core(self, l.value))?,
            (None, None, Some(u)) => write!(f, "{} {}", upper_phrase(u), core(self, u.value))?,
            (None, None, None) => f.write_str("an unknown quantity")?,
        }
        if let Some(e) = &self.entity {
            write!(f, " {e}")?;
        }
        f.write_str(post)?;
        if let Some(p) = &self.per {
            // "3/mil": "3 per mil" would read as a unit (per mille); "5 ton/day": "5 ton per day"
            // would read as the unit "ton per day".
            let phrase = format!("per {p}");
            let reads_as_unit = |s: &str| {
                Lexicon::builtin()
                    .units
                    .find(s, |_| true)
                    .is_some_and(|(len, _)| len == s.len())
            };
            let joins_unit = |u: &Unit| {
                let label = unit_label(u);
                reads_as_unit(&format!("{label} {phrase}"))
                    && !reads_as_unit(&format!("{label}/{p}"))
            };
            let ends_with_unit = self.kind == Kind::Measure
                && self.entity.is_none()
                && post.is_empty()
                && !pm_printed;
            if reads_as_unit(&phrase)
                || ends_with_unit && self.unit.as_ref().is_some_and(joins_unit)
            {
                write!(f, "/{p}")?;
            } else {
                write!(f, " {phrase}")?;
            }
        }
        if let Some(c) = &self.change
            && let Some(r) = &c.reference
        {
            let standalone = r.to_ascii_lowercase().starts_with("year");
            if standalone {
                write!(f, " {r}")?;
            } else {
                write!(f, " from {r}")?;
            }
        }
        Ok(())
    }
}
