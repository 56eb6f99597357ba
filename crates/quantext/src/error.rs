//! Errors: what went wrong, where, and what was expected.
//!
//! [`ParseError`] is returned by [`crate::parse`]. It carries the byte offset of the problem, what the
//! parser expected there and what it found, and its `Display` shows the input with a caret:
//!
//! ```
//! let err = quantext::parse("more than pounds").unwrap_err();
//! assert_eq!(err.offset, 10);
//! assert_eq!(
//!     err.to_string(),
//!     "expected a number at byte 10, found \"pounds\"\n  more than pounds\n            ^"
//! );
//! ```

use std::borrow::Cow;
use std::fmt;

use nom::error::{ErrorKind, ParseError as NomParseError};

/// A quantity expression could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The whole input that was parsed.
    pub input: String,
    /// Byte offset of the problem in `input`.
    pub offset: usize,
    /// What the parser expected at `offset` ("a number", "end of input").
    pub expected: Cow<'static, str>,
    /// What it found there: the next word, or "end of input".
    pub found: String,
}

impl ParseError {
    /// Builds an error at `offset` of `input`, describing what stands there.
    pub fn new(input: &str, offset: usize, expected: impl Into<Cow<'static, str>>) -> ParseError {
        let offset = offset.min(input.len());
        let rest = input.get(offset..).unwrap_or("");
        let found = describe_found(rest);
        ParseError {
            input: input.to_string(),
            offset,
            expected: expected.into(),
            found,
        }
    }

    /// The 1-based character column of the offset (for editors and messages).
    pub fn column(&self) -> usize {
        self.input
            .get(..self.offset)
            .map_or(self.offset, |s| s.chars().count())
            + 1
    }
}

/// The next word (or punctuation mark) of `rest`, quoted, or "end of input".
fn describe_found(rest: &str) -> String {
    let rest = rest.trim_start();
    if rest.is_empty() {
        return "end of input".to_string();
    }
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() || (i > 0 && !c.is_alphanumeric() && c != '.' && c != '\'') {
            break;
        }
        end = i + c.len_utf8();
        if !c.is_alphanumeric() && i == 0 {
            break;
        }
        if end >= 40 {
            break;
        }
    }
    format!("{:?}", &rest[..end])
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expected {} at byte {}, found {}",
            self.expected, self.offset, self.found
        )?;
        // Show the input on one line (control characters made visible) with a caret under the
        // offending character. Long inputs are shown around the offset.
        let line: String = self
            .input
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let col = self.column() - 1;
        let (shown, caret_col) = if line.chars().count() > 100 {
            let start = col.saturating_sub(50);
            let s: String = line.chars().skip(start).take(100).collect();
            (format!("…{s}"), col - start + 1)
        } else {
            (line, col)
        };
        write!(f, "\n  {shown}\n  {}^", " ".repeat(caret_col))
    }
}

impl std::error::Error for ParseError {}

/// The error of [`crate::Quantity::to`]: a unit that is unknown, or of another dimension.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// The target unit is not in the lexicon.
    #[error("unknown unit {0:?}")]
    UnknownUnit(String),
    /// The quantity has no unit to convert from.
    #[error("a {0} has no unit to convert")]
    NoUnit(&'static str),
    /// The units measure different things.
    #[error("cannot convert {from} ({from_dimension}) to {to} ({to_dimension})")]
    Dimension {
        /// Source unit name.
        from: String,
        /// Source dimension.
        from_dimension: &'static str,
        /// Target unit name.
        to: String,
        /// Target dimension.
        to_dimension: &'static str,
    },
    /// One of the units has no fixed conversion factor (currencies, "degrees" without a scale).
    #[error("{0} has no fixed conversion factor")]
    NoFactor(String),
    /// The converted value does not fit.
    #[error("the converted value is too large")]
    Overflow,
}

/// The parsers' internal error: where parsing stopped and what was expected there. Converted into
/// a [`ParseError`] at the API boundary; nom types never leave the crate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fail<'a> {
    pub at: &'a str,
    pub expected: &'static str,
}

impl<'a> NomParseError<&'a str> for Fail<'a> {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        let expected = match kind {
            ErrorKind::Digit => "a digit",
            ErrorKind::Char | ErrorKind::Tag => "a word",
            ErrorKind::Eof => "end of input",
            _ => "a quantity",
        };
        Fail {
            at: input,
            expected,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two alternatives that failed, report the one that got further.
    fn or(self, other: Self) -> Self {
        if other.at.len() <= self.at.len() {
            other
        } else {
            self
        }
    }
}

/// The result type of the internal parsers.
pub(crate) type Res<'a, T> = nom::IResult<&'a str, T, Fail<'a>>;

/// A recoverable failure (`alt` tries the next branch) at `at`.
pub(crate) fn fail<'a, T>(at: &'a str, expected: &'static str) -> Res<'a, T> {
    Err(nom::Err::Error(Fail { at, expected }))
}

/// An unrecoverable failure (the input is definitely malformed here) at `at`.
pub(crate) fn cut<'a, T>(at: &'a str, expected: &'static str) -> Res<'a, T> {
    Err(nom::Err::Failure(Fail { at, expected }))
}
