//! A one-entry memo of the last numeral parsed while reading one expression.
//!
//! The alternatives of an expression's core ("one in five", "three times", "20 to 30 million")
//! all begin with the same numeral, and the expression parses it once more to choose among them:
//! without the memo the numeral at the core's start is parsed two to four times. The memo keeps
//! the last result with the position it was parsed at (the address and length of the input, a
//! suffix of the one text being read), so that the next parse at the same position is a copy.
//! Results are kept as lengths, not slices, and rebuilt against the input they are asked for.

use std::cell::Cell;

use crate::error::{Fail, Res};
use crate::lexicon::Lexicon;
use crate::numeral::{Numeral, numeral};

/// The last numeral parsed, keyed by position; see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct NumeralMemo {
    /// Where the last numeral was parsed: compared on its own, so that the outcome (much larger)
    /// is copied only when it is wanted.
    key: Cell<Option<Key>>,
    /// What the parse at `key` gave.
    outcome: Cell<Option<Outcome>>,
}

/// Where a numeral was parsed: the input's address and length, and whether abbreviated scales
/// ("5m") were allowed.
type Key = (usize, usize, bool);

/// A parse result without its slices: lengths of the rest of the input.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    /// The rest's length and the numeral.
    Parsed(usize, Numeral),
    /// A recoverable error (`failure` false) or a failure, its position as the length of the
    /// rest at that point, and what was expected.
    Failed {
        failure: bool,
        at_len: usize,
        expected: &'static str,
    },
}

fn key(i: &str, abbreviations: bool) -> Key {
    (i.as_ptr() as usize, i.len(), abbreviations)
}

impl NumeralMemo {
    /// [`numeral`] at the start of `i`, from the memo when the last parse was at the same
    /// position.
    pub(crate) fn numeral<'a>(
        &self,
        lex: &Lexicon,
        i: &'a str,
        abbreviations: bool,
    ) -> Res<'a, Numeral> {
        let k = key(i, abbreviations);
        if self.key.get() == Some(k)
            && let Some(outcome) = self.outcome.get()
        {
            return rebuild(i, outcome);
        }
        let result = numeral(lex, i, abbreviations);
        if let Some(outcome) = outcome_of(i, &result) {
            self.key.set(Some(k));
            self.outcome.set(Some(outcome));
        }
        result
    }
}

/// The result as lengths, when every slice in it is a suffix of `i` (always so for `numeral`;
/// anything else is not memoised).
fn outcome_of(i: &str, result: &Res<'_, Numeral>) -> Option<Outcome> {
    let is_suffix = |s: &str| {
        s.len() <= i.len() && s.as_ptr() as usize == i.as_ptr() as usize + (i.len() - s.len())
    };
    match result {
        Ok((rest, n)) if is_suffix(rest) => Some(Outcome::Parsed(rest.len(), *n)),
        Err(nom::Err::Error(f)) if is_suffix(f.at) => Some(Outcome::Failed {
            failure: false,
            at_len: f.at.len(),
            expected: f.expected,
        }),
        Err(nom::Err::Failure(f)) if is_suffix(f.at) => Some(Outcome::Failed {
            failure: true,
            at_len: f.at.len(),
            expected: f.expected,
        }),
        _ => None,
    }
}

fn rebuild(i: &str, outcome: Outcome) -> Res<'_, Numeral> {
    match outcome {
        Outcome::Parsed(rest_len, n) => Ok((&i[i.len() - rest_len..], n)),
        Outcome::Failed {
            failure,
            at_len,
            expected,
        } => {
            let f = Fail {
                at: &i[i.len() - at_len..],
                expected,
            };
            Err(if failure {
                nom::Err::Failure(f)
            } else {
                nom::Err::Error(f)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NumeralMemo;
    use crate::lexicon::Lexicon;
    use crate::numeral::numeral;

    /// A second parse at the same position gives what a fresh parse gives (value, form, rest and
    /// errors), and a parse elsewhere is not answered from the memo.
    #[test]
    fn memo_answers_like_a_fresh_parse() {
        let lex = Lexicon::builtin();
        let text = "twenty-five people, 1,900-mile and 3..5 and x 5m";
        let memo = NumeralMemo::default();
        for start in 0..text.len() {
            if !text.is_char_boundary(start) {
                continue;
            }
            let i = &text[start..];
            for abbreviations in [false, true] {
                let fresh = numeral(lex, i, abbreviations);
                for _ in 0..2 {
                    let got = memo.numeral(lex, i, abbreviations);
                    match (&fresh, &got) {
                        (Ok((r1, n1)), Ok((r2, n2))) => {
                            assert_eq!(r1.as_ptr(), r2.as_ptr(), "rest at {start}");
                            assert_eq!(r1.len(), r2.len());
                            assert_eq!(n1.value, n2.value);
                            assert_eq!(n1.base, n2.base);
                            assert_eq!(n1.scale, n2.scale);
                            assert_eq!(n1.form, n2.form);
                        }
                        (
                            Err(nom::Err::Error(a) | nom::Err::Failure(a)),
                            Err(nom::Err::Error(b) | nom::Err::Failure(b)),
                        ) => {
                            assert_eq!(
                                matches!(fresh, Err(nom::Err::Failure(_))),
                                matches!(got, Err(nom::Err::Failure(_)))
                            );
                            assert_eq!(a.at.as_ptr(), b.at.as_ptr(), "error at {start}");
                            assert_eq!(a.expected, b.expected);
                        }
                        _ => panic!("memo and fresh parse differ at {start}: {i:?}"),
                    }
                }
            }
        }
    }
}
