//! The shortcuts taken for speed (docs/performance-log.md, "Seventh session") answer as the full
//! grammar does: the same quantities, and the same parse errors at the same offsets.

use quantext::{extract, parse};

/// "from" and "between" with no amount after them fail as "a number" where they stand, and,
/// where an alternative of the grammar gets further than 12 bytes ("from        a new"), with
/// that alternative's own error, as before the shortcut.
#[test]
fn range_openers_without_an_amount() {
    for (input, offset, expected) in [
        ("from the", 0, "a number"),
        ("From the start", 0, "a number"),
        ("between them", 0, "a number"),
        ("from a", 0, "a number"),
        ("from   a new", 0, "a number"),
        ("from\n\nthe", 0, "a number"),
        ("from        a new idea", 14, "a number word"),
        ("between           the", 18, "a number word"),
        ("from 5 to", 9, "a number"),
    ] {
        let err = parse(input).expect_err(input);
        assert_eq!(
            (err.offset, &*err.expected),
            (offset, expected),
            "{input:?}"
        );
    }
    let found = extract("Data from the agency, up from 5 to 10 percent, between them 3 kg today.");
    let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["up from 5 to 10 percent", "3 kg"]);
}

/// The numeral memo: alternatives that begin with the same numeral read it alike whichever of
/// them succeeds.
#[test]
fn one_numeral_many_alternatives() {
    for (input, value) in [
        ("one in five adults", Some(0.2)),
        ("three times", Some(3.0)),
        ("two-thirds", Some(2.0 / 3.0)),
        ("twenty-five kilograms", Some(25.0)),
        ("20 to 30 million pills", None),
        ("1 out of every 4", Some(0.25)),
        ("2.5-fold", Some(2.5)),
    ] {
        let q = parse(input).expect(input);
        assert_eq!(q.value.map(|v| v.to_f64()), value, "{input:?}");
    }
    let q = parse("20 to 30 million pills").unwrap();
    assert_eq!(q.lower.unwrap().value.to_f64(), 20e6);
    assert_eq!(q.upper.unwrap().value.to_f64(), 30e6);
}

/// The rate's first-letter test lets every rate through: "per", the articles and the adverbs,
/// in any case.
#[test]
fn every_rate_form_still_reads() {
    for (input, per) in [
        ("$5 per gallon", Some("gallon")),
        ("3 times a day", Some("day")),
        ("2 pills each week", Some("week")),
        ("4 visits every month", Some("month")),
        ("$100 annually", Some("year")),
        ("$3 per annum", Some("annum")),
        ("$5 Daily", Some("day")),
        ("10 tons Weekly", Some("week")),
        ("$7 monthly", Some("month")),
        ("$9 hourly", Some("hour")),
        ("$20 nightly", Some("night")),
        ("$4 quarterly", Some("quarter")),
        ("$50 yearly", Some("year")),
        ("$3 a gallon", Some("gallon")),
        ("$3 an hour", Some("hour")),
        ("5 kg", None),
    ] {
        let q = parse(input).expect(input);
        assert_eq!(q.per.as_deref(), per, "{input:?}");
    }
}
