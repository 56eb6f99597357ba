//! # quantext
//!
//! Find and parse the quantities in English text, news first. quantext turns phrases such as
//! "more than 27,000 pounds", "738.5 million doses", "$5-10 million", "hundreds of thousands of
//! dollars", "about three and a half hours" or "up 116% from 2020" into typed values: an exact
//! number, a lower and an upper bound (each inclusive or exclusive, or open), an approximation
//! flag, a unit with its dimension and SI factor, the counted thing, a rate, a change and the span
//! in the source.
//!
//! ```
//! let q = quantext::parse("more than 27,000 pounds").unwrap();
//! assert_eq!(q.value.unwrap().to_string(), "27000");
//! assert_eq!(q.lower.unwrap().inclusive, false);
//! assert!(q.upper.is_none());
//! assert_eq!(q.unit.as_ref().unwrap().name, "pound");
//!
//! let text = "Officials seized more than 27,000 pounds, about 4 million pills a day.";
//! let found = quantext::extract(text);
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[1].text, "about 4 million pills a day");
//! assert_eq!(found[1].entity.as_deref(), Some("pills"));
//! assert_eq!(found[1].per.as_deref(), Some("day"));
//! assert_eq!(&text[found[1].start..found[1].end], found[1].text);
//! ```
//!
//! ## Modules, one concern each
//! - [`model`]: the data model ([`Quantity`], [`Bound`], [`Unit`], ...) and its JSON contract.
//! - [`number`]: exact rational numbers ([`Number`]).
//! - `numeral`: numbers in digits and words ("1,900", "twenty-five", "half a million").
//! - [`lexicon`]: the data tables (units, currencies, number words, qualifiers) and their trie.
//! - `unit`: units after a number, and conversion ([`Quantity::to`]).
//! - `expr`: one quantity expression (qualifiers, bounds, ranges, entity, rate, change).
//! - `scan`: finding expressions in running text ([`Extractor`]).
//! - [`error`]: [`ParseError`] and [`ConvertError`].
//! - `display`: canonical English rendering (`impl Display for Quantity`).
//!
//! The bounds each qualifier gives are documented in `docs/semantics.md`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod classify;
mod display;
pub mod error;
mod expr;
pub mod lexicon;
mod memo;
pub mod model;
pub mod number;
mod numeral;
mod scan;
mod tokens;
mod unit;
mod work;

pub use error::{ConvertError, ParseError};
pub use model::{Bound, Change, Dimension, Direction, Kind, Quantity, Unit};
pub use number::Number;
pub use scan::{Extractor, Quantities, Step};

use std::sync::OnceLock;

fn default_extractor() -> &'static Extractor {
    static DEFAULT: OnceLock<Extractor> = OnceLock::new();
    DEFAULT.get_or_init(Extractor::new)
}

/// Parses `expr` as exactly one quantity expression (surrounding white space allowed).
///
/// ```
/// let q = quantext::parse("between 3 and 5 percent").unwrap();
/// assert_eq!(q.kind, quantext::Kind::Percent);
/// assert!(q.value.is_none());
/// assert_eq!(q.lower.unwrap().value.to_string(), "3");
/// assert_eq!(q.upper.unwrap().value.to_string(), "5");
///
/// let err = quantext::parse("between 3 and").unwrap_err();
/// assert_eq!(err.offset, 13);
/// ```
pub fn parse(expr: &str) -> Result<Quantity, ParseError> {
    default_extractor().parse(expr)
}

/// Every quantity mention in `text`, in order, non-overlapping, longest match, with byte spans
/// into `text`. Years, dates, clock times, ordinals and identifiers are left out; use an
/// [`Extractor`] to change that.
pub fn extract(text: &str) -> Vec<Quantity> {
    default_extractor().extract(text)
}

/// The lazy form of [`extract`].
///
/// ```
/// let first = quantext::extract_iter("He ran 5 km and 3 miles.").next().unwrap();
/// assert_eq!(first.text, "5 km");
/// ```
pub fn extract_iter(text: &str) -> Quantities<'static, '_> {
    default_extractor().iter(text)
}

impl std::str::FromStr for Quantity {
    type Err = ParseError;

    /// The same as [`parse`].
    fn from_str(s: &str) -> Result<Quantity, ParseError> {
        parse(s)
    }
}

/// Whether the fast paths (the scanner's shortcuts past the grammar and its memo of the word
/// before a number, the trie's jump over a first run of letters, `core_begins`'s first-letters
/// test, the expression's single look for a post qualifier) are on: always, except on a test
/// thread that turned them off to compare them with the long way round.
#[inline(always)]
pub(crate) fn fast_paths_on() -> bool {
    #[cfg(test)]
    if test_support::fast_paths_off() {
        return false;
    }
    true
}

#[cfg(test)]
mod test_support;
