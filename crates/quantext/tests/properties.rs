//! Property tests (proptest): parse never panics; extract spans are valid, sorted, non-overlapping
//! and match the text; printed quantities parse back equal; bounds are ordered.

use proptest::prelude::*;
use quantext::{Quantity, extract, parse};

/// Phrases assembled from the grammar's parts, so that most of them are quantities.
fn phrase() -> impl Strategy<Value = String> {
    let qualifier = prop::sample::select(vec![
        "",
        "more than ",
        "at least ",
        "fewer than ",
        "up to ",
        "about ",
        "nearly ",
        "roughly ",
        "just over ",
        "as many as ",
        "under ",
        "almost ",
        "up ",
        "down ",
        "rose ",
    ]);
    let number = prop_oneof![
        (0u32..100_000).prop_map(|n| n.to_string()),
        (1u32..999, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u32..999).prop_map(|n| format!("{n},{:03}", n % 1000)),
        prop::sample::select(vec![
            "twenty-five",
            "three and a half",
            "a dozen",
            "half a million",
            "one hundred and five",
            "two",
            "seven",
            "a million",
            "1/2",
            "2 1/2",
        ])
        .prop_map(str::to_string),
    ];
    let scale = prop::sample::select(vec!["", " million", " billion", " thousand"]);
    let unit = prop::sample::select(vec![
        "",
        " pounds",
        " kg",
        "%",
        " percent",
        " miles",
        " mph",
        " hours",
        " doses",
        " people",
        " tons",
        "°C",
        " degrees Fahrenheit",
        " square feet",
        " gallons",
        " years",
    ]);
    let money = prop::sample::select(vec!["", "$", "€", "£"]);
    let rate = prop::sample::select(vec!["", " per day", " a year", " every week"]);
    let uncertainty =
        prop::sample::select(vec!["", "", "", " ± 1", " +/- 0.5", " plus or minus 2"]);
    (qualifier, money, number, scale, unit, uncertainty, rate).prop_map(|(q, m, n, s, u, pm, r)| {
        let unit = if m.is_empty() { u } else { "" };
        format!("{q}{m}{n}{s}{unit}{pm}{r}")
    })
}

fn check_bounds(q: &Quantity) -> Result<(), TestCaseError> {
    q.check_invariants()
        .map_err(|e| TestCaseError::fail(format!("{:?}: {e}", q.text)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// (1) parse never panics, on any string.
    #[test]
    fn parse_never_panics(s in "\\PC{0,60}") {
        let _ = parse(&s);
    }

    /// (1') nor on strings made of the grammar's own tokens.
    #[test]
    fn parse_never_panics_on_tokens(parts in prop::collection::vec(prop::sample::select(vec![
        "more", "than", "between", "and", "1", "2,000", "-", "$", "%", "million", "of", "half",
        "a", "few", "hundreds", "per", "day", "up", "to", "from", "2020", "°C", "minus", ".", ",",
        "one", "in", "five", "times", "nearly", "or", "more", "/", "½", "£", "bn", "m",
    ]), 0..12)) {
        let s = parts.join(" ");
        let _ = parse(&s);
        let _ = extract(&s);
    }

    /// (2) extract spans are on char boundaries, sorted, non-overlapping and equal to `text`.
    #[test]
    fn extract_spans_are_valid(prefix in "\\PC{0,30}", p in phrase(), suffix in "\\PC{0,30}") {
        let text = format!("{prefix} {p} {suffix}");
        let mut last_end = 0;
        for q in extract(&text) {
            prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            prop_assert!(q.start >= last_end, "overlap at {} in {text:?}", q.start);
            prop_assert!(q.start < q.end);
            prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
            last_end = q.end;
            check_bounds(&q)?;
        }
    }

    /// (3) for generated quantities, parse(q.to_string()) == q.
    #[test]
    fn display_round_trips(p in phrase()) {
        if let Ok(q) = parse(&p) {
            let printed = q.to_string();
            let again = parse(&printed)
                .map_err(|e| TestCaseError::fail(format!("{p:?} printed as {printed:?}: {e}")))?;
            prop_assert_eq!(&again, &q, "{:?} printed as {:?}", p, printed);
        }
    }

    /// (4) lower <= value <= upper whenever present.
    #[test]
    fn bounds_are_ordered(p in phrase()) {
        if let Ok(q) = parse(&p) {
            check_bounds(&q)?;
        }
    }
}
