//! The data model: what a quantity mention is read as.
//!
//! Its serde form is the JSON contract shared by the CLI, the Python wheel and the golden files:
//!
//! ```json
//! {"text": "more than 27,000 pounds", "start": 0, "end": 23, "kind": "measure",
//!  "value": 27000.0, "lower": {"value": 27000.0, "inclusive": false}, "upper": null,
//!  "approximate": false,
//!  "unit": {"name": "pound", "dimension": "mass", "symbol": "lb", "si_unit": "kg",
//!           "si_factor": 0.45359237, "si_offset": 0.0},
//!  "entity": null, "per": null, "change": null}
//! ```

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::number::Number;

/// What sort of quantity a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A number of things, with or without the thing named: "738.5 million doses", "12".
    Count,
    /// A physical measure with a unit: "27,000 pounds", "74 mph", "-5°C".
    Measure,
    /// An amount of money: "$15 million", "£40".
    Money,
    /// A percentage or percentage points: "51.4%", "0.65 per cent".
    Percent,
    /// A ratio or multiple: "about half", "nearly double", "one in five".
    Ratio,
    /// The age of someone or something: "a 30-year-old man", "five years old".
    Age,
    /// A calendar year, reported only when [`crate::Extractor::include_years`] is on.
    Year,
    /// An ordinal ("19th", "third"), reported only when [`crate::Extractor::include_ordinals`] is on.
    Ordinal,
}

impl Kind {
    /// The lowercase name used in JSON ("count", "measure", ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Measure => "measure",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Ratio => "ratio",
            Kind::Age => "age",
            Kind::Year => "year",
            Kind::Ordinal => "ordinal",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The physical dimension of a unit. Units of one dimension convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// metre
    Length,
    /// square metre
    Area,
    /// cubic metre
    Volume,
    /// kilogram
    Mass,
    /// second
    Time,
    /// metre per second
    Speed,
    /// kelvin (with an offset for Celsius and Fahrenheit)
    Temperature,
    /// money; units are ISO 4217 codes and do not convert into each other
    Currency,
    /// a pure number: percent, per mille, basis points
    Ratio,
    /// bytes
    Information,
    /// bits per second
    DataRate,
    /// joule
    Energy,
    /// watt
    Power,
    /// pascal
    Pressure,
    /// radian
    Angle,
    /// hertz
    Frequency,
    /// metre per second squared
    Acceleration,
    /// kilogram per cubic metre
    Density,
    /// litre per 100 km or miles per gallon: not convertible by a factor
    FuelEconomy,
    /// newton
    Force,
    /// volt, ampere, ohm and friends
    Electric,
    /// decibel
    Loudness,
    /// any dimension without a variant of its own (radiation dose, action, mass flow, ...): a
    /// unit of it is one line in `units.tsv`, and its `si_unit` tells such units apart (two of
    /// them convert into each other only when their `si_unit` is the same)
    Other,
}

impl Dimension {
    /// The snake_case name used in JSON and in the lexicon tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Length => "length",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Mass => "mass",
            Dimension::Time => "time",
            Dimension::Speed => "speed",
            Dimension::Temperature => "temperature",
            Dimension::Currency => "currency",
            Dimension::Ratio => "ratio",
            Dimension::Information => "information",
            Dimension::DataRate => "data_rate",
            Dimension::Energy => "energy",
            Dimension::Power => "power",
            Dimension::Pressure => "pressure",
            Dimension::Angle => "angle",
            Dimension::Frequency => "frequency",
            Dimension::Acceleration => "acceleration",
            Dimension::Density => "density",
            Dimension::FuelEconomy => "fuel_economy",
            Dimension::Force => "force",
            Dimension::Electric => "electric",
            Dimension::Loudness => "loudness",
            Dimension::Other => "other",
        }
    }

    /// Every dimension, in declaration order.
    pub const ALL: [Dimension; 23] = [
        Dimension::Length,
        Dimension::Area,
        Dimension::Volume,
        Dimension::Mass,
        Dimension::Time,
        Dimension::Speed,
        Dimension::Temperature,
        Dimension::Currency,
        Dimension::Ratio,
        Dimension::Information,
        Dimension::DataRate,
        Dimension::Energy,
        Dimension::Power,
        Dimension::Pressure,
        Dimension::Angle,
        Dimension::Frequency,
        Dimension::Acceleration,
        Dimension::Density,
        Dimension::FuelEconomy,
        Dimension::Force,
        Dimension::Electric,
        Dimension::Loudness,
        Dimension::Other,
    ];

    /// Looks a dimension up by its JSON name.
    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A unit of measure or a currency.
///
/// Two units are equal when their `name` and `dimension` are equal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    /// Singular lowercase English name ("pound", "mile per hour"), or the ISO 4217 code of a
    /// currency ("USD").
    pub name: Cow<'static, str>,
    /// What the unit measures.
    pub dimension: Dimension,
    /// The short form used when printing ("lb", "mph", "$").
    pub symbol: Cow<'static, str>,
    /// The SI (or reference) unit of the dimension ("kg"); `None` for currencies.
    pub si_unit: Option<Cow<'static, str>>,
    /// How many SI units one of this unit is; `None` for currencies.
    pub si_factor: Option<f64>,
    /// Added after scaling to reach the SI unit: non-zero only for Celsius and Fahrenheit.
    #[serde(default)]
    pub si_offset: f64,
}

impl Unit {
    /// Whether the two units measure the same thing: the same dimension, and for
    /// [`Dimension::Other`] also the same `si_unit` (a milligray is no ton per day).
    pub(crate) fn same_dimension(&self, other: &Unit) -> bool {
        self.dimension == other.dimension
            && (self.dimension != Dimension::Other || self.si_unit == other.si_unit)
    }
}

impl PartialEq for Unit {
    fn eq(&self, other: &Unit) -> bool {
        self.name == other.name && self.dimension == other.dimension
    }
}

impl Eq for Unit {}

impl Hash for Unit {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.dimension.hash(state);
    }
}

/// One end of the interval a quantity may lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bound {
    /// The end point, in the quantity's unit.
    pub value: Number,
    /// Whether the end point itself is included ("at least" yes, "more than" no).
    pub inclusive: bool,
}

impl Bound {
    /// An inclusive bound.
    pub fn inclusive(value: Number) -> Bound {
        Bound {
            value,
            inclusive: true,
        }
    }

    /// An exclusive bound.
    pub fn exclusive(value: Number) -> Bound {
        Bound {
            value,
            inclusive: false,
        }
    }
}

/// The direction of a reported change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// "up", "rose", "increased"
    Up,
    /// "down", "fell", "declined"
    Down,
}

impl Direction {
    /// "up" or "down", as in the JSON contract.
    pub fn as_str(&self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// A change: "up 116% from 2020" is a change up with reference "2020".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    /// Up or down.
    pub direction: Direction,
    /// What the change is measured against, as written ("2020", "last year"), if said.
    pub reference: Option<String>,
}

/// The columns of a quantity flattened into one table row, in order: the CSV output of the CLI
/// (after `source` and `line`) and the DataFrames of the Python package (after `doc`).
pub const FLAT_COLUMNS: [&str; 17] = [
    "start",
    "end",
    "text",
    "kind",
    "value",
    "lower",
    "lower_inclusive",
    "upper",
    "upper_inclusive",
    "approximate",
    "unit",
    "dimension",
    "si_factor",
    "entity",
    "per",
    "change_direction",
    "change_reference",
];

/// A quantity as the cells of [`FLAT_COLUMNS`] after `start` and `end` (which each output gives
/// in its own unit: bytes in the CLI, code points in Python). Numbers are `f64`; `None` is an
/// empty cell. Every flat output (CSV, DataFrames, Arrow) is built from this one mapping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatRow<'q> {
    /// `text`: the mention as written.
    pub text: &'q str,
    /// `kind`.
    pub kind: &'static str,
    /// `value`.
    pub value: Option<f64>,
    /// `lower`: the lower bound's value.
    pub lower: Option<f64>,
    /// `lower_inclusive`.
    pub lower_inclusive: Option<bool>,
    /// `upper`: the upper bound's value.
    pub upper: Option<f64>,
    /// `upper_inclusive`.
    pub upper_inclusive: Option<bool>,
    /// `approximate`.
    pub approximate: bool,
    /// `unit`: the unit's name.
    pub unit: Option<&'q str>,
    /// `dimension`.
    pub dimension: Option<&'static str>,
    /// `si_factor`.
    pub si_factor: Option<f64>,
    /// `entity`.
    pub entity: Option<&'q str>,
    /// `per`.
    pub per: Option<&'q str>,
    /// `change_direction`: "up" or "down".
    pub change_direction: Option<&'static str>,
    /// `change_reference`.
    pub change_reference: Option<&'q str>,
}

/// One quantity mention and how it reads.
///
/// Equality (`==`) and hashing compare the *reading* (kind, value, bounds, approximation, unit,
/// entity, rate and change), not where it was found: `text`, `start` and `end` are ignored, so that
/// `parse(&q.to_string()) == q` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quantity {
    /// The mention as written in the source.
    pub text: String,
    /// Byte offset of the mention's first byte in the source.
    pub start: usize,
    /// Byte offset just past the mention's last byte.
    pub end: usize,
    /// What sort of quantity this is.
    pub kind: Kind,
    /// The stated number after scaling (`738.5 million` is 738500000); `None` for a range or a
    /// vague magnitude ("hundreds of thousands").
    pub value: Option<Number>,
    /// The lower end of the interval the quantity lies in; `None` when unbounded below.
    pub lower: Option<Bound>,
    /// The upper end of the interval the quantity lies in; `None` when unbounded above.
    pub upper: Option<Bound>,
    /// Whether the text hedges the number ("about", "nearly", "roughly").
    pub approximate: bool,
    /// The unit or currency, if any.
    pub unit: Option<Unit>,
    /// The counted thing, as written ("doses", "overdose deaths").
    pub entity: Option<String>,
    /// The denominator of a rate, as written ("day", "gallon").
    pub per: Option<String>,
    /// A reported change ("up ... from 2020").
    pub change: Option<Change>,
}

impl Quantity {
    /// The quantity as one flat row (the cells of [`FLAT_COLUMNS`] after `start` and `end`).
    pub fn flat(&self) -> FlatRow<'_> {
        let unit = self.unit.as_ref();
        let change = self.change.as_ref();
        FlatRow {
            text: &self.text,
            kind: self.kind.as_str(),
            value: self.value.map(|v| v.to_f64()),
            lower: self.lower.map(|b| b.value.to_f64()),
            lower_inclusive: self.lower.map(|b| b.inclusive),
            upper: self.upper.map(|b| b.value.to_f64()),
            upper_inclusive: self.upper.map(|b| b.inclusive),
            approximate: self.approximate,
            unit: unit.map(|u| u.name.as_ref()),
            dimension: unit.map(|u| u.dimension.as_str()),
            si_factor: unit.and_then(|u| u.si_factor),
            entity: self.entity.as_deref(),
            per: self.per.as_deref(),
            change_direction: change.map(|c| c.direction.as_str()),
            change_reference: change.and_then(|c| c.reference.as_deref()),
        }
    }

    /// A plain quantity of `value` with no unit, bounds equal to the value and no span.
    pub fn new(kind: Kind, value: Number) -> Quantity {
        Quantity {
            text: String::new(),
            start: 0,
            end: 0,
            kind,
            value: Some(value),
            lower: Some(Bound::inclusive(value)),
            upper: Some(Bound::inclusive(value)),
            approximate: false,
            unit: None,
            entity: None,
            per: None,
            change: None,
        }
    }

    /// The byte range of the mention in its source.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// True when the quantity is one exact number (both bounds inclusive and equal to the value).
    pub fn is_exact(&self) -> bool {
        match (self.value, self.lower, self.upper) {
            (Some(v), Some(l), Some(u)) => {
                !self.approximate && l.inclusive && u.inclusive && l.value == v && u.value == v
            }
            _ => false,
        }
    }

    /// Checks the model's invariants: `lower <= value <= upper` where present, `lower <= upper`
    /// (strictly when either end is exclusive), `start <= end`. Returns what is wrong, if anything.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.start > self.end {
            return Err(format!("start {} > end {}", self.start, self.end));
        }
        if let (Some(v), Some(l)) = (self.value, self.lower)
            && l.value > v
        {
            return Err(format!("lower {} > value {}", l.value, v));
        }
        if let (Some(v), Some(u)) = (self.value, self.upper)
            && u.value < v
        {
            return Err(format!("upper {} < value {}", u.value, v));
        }
        if let (Some(l), Some(u)) = (self.lower, self.upper) {
            let ok = if l.inclusive && u.inclusive {
                l.value <= u.value
            } else {
                l.value < u.value
            };
            if !ok {
                return Err(format!("empty interval: lower {:?} upper {:?}", l, u));
            }
        }
        if self.value.is_none() && self.lower.is_none() && self.upper.is_none() {
            return Err("no value and no bounds".into());
        }
        Ok(())
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.kind == other.kind
            && self.value == other.value
            && self.lower == other.lower
            && self.upper == other.upper
            && self.approximate == other.approximate
            && self.unit == other.unit
            && self.entity == other.entity
            && self.per == other.per
            && self.change == other.change
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.value.hash(state);
        self.lower.hash(state);
        self.upper.hash(state);
        self.approximate.hash(state);
        self.unit.hash(state);
        self.entity.hash(state);
        self.per.hash(state);
        self.change.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_row_cells() {
        let q = crate::parse("up more than 116% from 2020").unwrap();
        let row = q.flat();
        assert_eq!(row.text, "up more than 116% from 2020");
        assert_eq!(row.kind, "percent");
        assert_eq!(
            (row.value, row.lower, row.lower_inclusive),
            (Some(116.0), Some(116.0), Some(false))
        );
        assert_eq!((row.upper, row.upper_inclusive), (None, None));
        assert_eq!(
            (row.unit, row.dimension, row.si_factor),
            (Some("percent"), Some("ratio"), Some(0.01))
        );
        assert_eq!(
            (row.change_direction, row.change_reference),
            (Some("up"), Some("2020"))
        );
        assert_eq!((row.entity, row.per, row.approximate), (None, None, false));
        let pills = crate::parse("about 4 million pills a day").unwrap();
        let bare = pills.flat();
        assert_eq!(
            (bare.unit, bare.dimension, bare.si_factor),
            (None, None, None)
        );
        assert_eq!(
            (bare.entity, bare.per, bare.approximate),
            (Some("pills"), Some("day"), true)
        );
        assert_eq!(bare.change_direction, None);
    }

    #[test]
    fn direction_names_are_the_json_ones() {
        for d in [Direction::Up, Direction::Down] {
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{}\"", d.as_str())
            );
        }
    }
}
