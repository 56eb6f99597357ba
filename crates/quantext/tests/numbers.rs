//! Number forms read by the scanner in running text, and the traps next to them: one-letter
//! scales ("10k", "1.2M"), signs, spoken decimals.

use quantext::{Number, extract};

fn n(s: &str) -> Number {
    s.parse().unwrap()
}

/// Each text gives exactly these (text, value) pairs, and each quantity prints in a form that
/// parses back to the same value.
fn reads(cases: &[(&str, &[(&str, &str)])]) {
    for &(input, expected) in cases {
        let quantities = extract(input);
        for q in &quantities {
            let shown = q.to_string();
            let back = quantext::parse(&shown).unwrap_or_else(|e| panic!("{shown}: {e}"));
            assert_eq!(back.value, q.value, "{input}: printed {shown}");
        }
        let found: Vec<(String, Option<Number>)> =
            quantities.into_iter().map(|q| (q.text, q.value)).collect();
        let want: Vec<(String, Option<Number>)> = expected
            .iter()
            .map(|&(t, v)| (t.to_string(), Some(n(v))))
            .collect();
        assert_eq!(found, want, "{input}");
    }
}

#[test]
fn one_letter_scales() {
    reads(&[
        ("10k", &[("10k", "10000")]),
        ("100K", &[("100K", "100000")]),
        ("3M", &[("3M", "3000000")]),
        ("I can give you 10M.", &[("10M", "10000000")]),
        ("Sales reached 1.2M units.", &[("1.2M units", "1200000")]),
        ("-.0012G", &[("-.0012G", "-1200000")]),
        (" 2.33 k", &[("2.33 k", "2330")]),
    ]);
}

#[test]
fn one_letter_traps() {
    reads(&[
        ("3M is supporting five hubs.", &[("five hubs", "5")]),
        ("a partnership with 3M.", &[]),
        ("5G, cybersecurity and 6G technologies", &[]),
        ("He ran the 10K race with a 4K camera.", &[]),
        ("Save in your 401k.", &[]),
        ("Phase 2b trials", &[]),
        ("12 K-12 exercises", &[("12", "12")]),
        ("22 U.S.C. 2321k), I am", &[("22", "22")]),
    ]);
}

#[test]
fn minus_and_spaces_at_the_start_of_the_text() {
    reads(&[
        ("- 1 4/5", &[("- 1 4/5", "-1.8")]),
        ("- 1,200,000", &[("- 1,200,000", "-1200000")]),
        ("- 10  k", &[("- 10  k", "-10000")]),
        (" - 5 kg", &[("- 5 kg", "-5")]),
    ]);
}

#[test]
fn dashes_are_not_minus_signs() {
    reads(&[
        ("Items:\n- 5 apples", &[("5 apples", "5")]),
        ("It rose - 5 points - in a day", &[("5 points", "5")]),
        ("-- 5 apples", &[("5 apples", "5")]),
    ]);
}

#[test]
fn spoken_decimal_points() {
    reads(&[("1 point 1", &[("1 point 1", "1.1")])]);
    for text in [
        "a 10 point plan",
        "made 5 point 3-pointers",
        "the 2 point 0/1 ratio",
    ] {
        for q in extract(text) {
            assert!(
                q.value.is_none_or(|v| v.is_integer()),
                "{text}: {q:?} is no decimal"
            );
        }
    }
}

#[test]
fn a_dangling_than_ends_a_post_qualifier() {
    let found = extract("His score is 200 or greater than");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "200 or greater than");
    assert_eq!(
        found[0].lower.map(|b| (b.value, b.inclusive)),
        Some((n("200"), true))
    );
    assert_eq!(found[0].upper, None);
    // "or less than 6000" begins the next quantity.
    let found = extract("5000 or less than 6000");
    assert!(
        found.iter().all(|q| q.text != "5000 or less than"),
        "{found:?}"
    );
}

#[test]
fn number_words_after_a_label_are_names() {
    reads(&[
        ("we are releasing version two and a previous version", &[]),
        ("Phase three trials began", &[]),
        ("version 2 is out", &[]),
        ("two versions", &[("two versions", "2")]),
    ]);
}

#[test]
fn number_words_after_verbs_and_top_are_counts() {
    reads(&[
        ("one of the top five books", &[("five books", "5")]),
        ("order four free tests", &[("four free tests", "4")]),
    ]);
}

#[test]
fn one_alone_is_a_number() {
    reads(&[
        ("one", &[("one", "1")]),
        (" One\n", &[("One", "1")]),
        ("Let's try one last time", &[]),
        ("one of them", &[]),
        ("That one costs 3 dimes", &[("3 dimes", "0.3")]),
        ("when a loved one experiences a crisis", &[]),
        // A singular noun in -s (words.tsv, singular_s) is counted, not read as a verb.
        (
            "Scientists found one species of frog.",
            &[("one species", "1")],
        ),
        ("It is one series of events.", &[("one series", "1")]),
        ("one lab", &[("one lab", "1")]),
        ("this one project", &[("one project", "1")]),
        (
            "for one or more conditions",
            &[("one or more conditions", "1")],
        ),
    ]);
}

#[test]
fn crore_abbreviated() {
    reads(&[
        ("three hundred Cr", &[("three hundred Cr", "3000000000")]),
        ("the 2022 CR Award", &[]),
    ]);
}

#[test]
fn house_numbers_are_not_counts() {
    reads(&[
        ("Jane Doe, 123 Random Street, Cloud City", &[]),
        ("at 42 Elm Ave. today", &[]),
        ("5 Main Street shops", &[("5 Main Street shops", "5")]),
        (
            "3 Democrats and 2 Republicans",
            &[("3 Democrats", "3"), ("2 Republicans", "2")],
        ),
        ("He named 2 Street Fighters", &[("2 Street Fighters", "2")]),
    ]);
}

#[test]
fn numbers_after_a_model_code_are_names() {
    reads(&[
        (
            "Intel Core i7 860 Processor 2.80 GHz",
            &[("2.80 GHz", "2.8")],
        ),
        ("the i7 3 times faster", &[("3 times", "3")]),
    ]);
}

#[test]
fn negative_spoken_fractions() {
    reads(&[
        (
            "The answer is negative one over 20",
            &[("negative one over 20", "-0.05")],
        ),
        ("minus 1 over 4", &[("minus 1 over 4", "-0.25")]),
    ]);
}

#[test]
fn bakers_dozen() {
    reads(&[
        ("A baker's dozen", &[("A baker's dozen", "13")]),
        (
            "a dozen eggs and a baker's dozen rolls",
            &[("a dozen eggs", "12"), ("a baker's dozen rolls", "13")],
        ),
        ("two baker’s dozens", &[("two baker’s dozens", "26")]),
    ]);
}

#[test]
fn fractions_without_a_decimal_form() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("a twenty-first", &[("a twenty-first", "1/21")]),
        ("three twenty-firsts", &[("three twenty-firsts", "1/7")]),
        ("three twenty firsts", &[("three twenty firsts", "1/7")]),
        ("one thirty-second", &[("one thirty-second", "1/32")]),
        ("1 over twenty-one", &[("1 over twenty-one", "1/21")]),
        (
            "We spent nine million and five ninths",
            &[("nine million and five ninths", "86000000/9")],
        ),
        (
            "a value of two hundred thirty two and a thirtieth",
            &[("two hundred thirty two and a thirtieth", "6961/30")],
        ),
        (
            "It weighs 0 1/21 lb, or 232 1/30 kg, or so",
            &[("0 1/21 lb", "1/21"), ("232 1/30 kg", "6961/30")],
        ),
        ("a fifteenth of the budget", &[("a fifteenth", "1/15")]),
        // After "hundred" without "and", a tens word and a plural ordinal are the denominator.
        (
            "one hundred thirty fifths",
            &[("one hundred thirty fifths", "20/7")],
        ),
        (
            "one hundred thirty-fifths",
            &[("one hundred thirty-fifths", "20/7")],
        ),
        (
            "one hundred and thirty fifths",
            &[("one hundred and thirty fifths", "26")],
        ),
        (
            "minus one hundred thirty fifths",
            &[("minus one hundred thirty fifths", "-20/7")],
        ),
    ];
    reads(cases);
    // The whole quantity prints back, not just its value: "1 in 21", "0 1/21 lb", "232 1/30 kg".
    for (input, _) in cases {
        for q in extract(input) {
            let shown = q.to_string();
            assert_eq!(
                quantext::parse(&shown).ok(),
                Some(q.clone()),
                "{input}: {shown}"
            );
        }
    }
}

#[test]
fn fraction_traps() {
    reads(&[
        // Dates, ordinals before an adjective, a duration.
        ("They met on 1/21 and 3/15.", &[]),
        ("about 1/40 of the wavelength", &[("about 1/40", "0.025")]),
        ("open 24/7, and 9/11 and 7/31", &[]),
        ("for a ninth straight year", &[]),
        ("a twentieth consecutive month", &[]),
        ("a twentieth anniversary", &[]),
        ("one twenty seconds later", &[("twenty seconds", "20")]),
    ]);
    // "twenty-first" here is an ordinal, never 1/21 (the "twenty" read alone is another matter).
    for input in [
        "a twenty-first century economy",
        "A twenty-first-century plan",
        "one twenty-first-century idea",
    ] {
        let values: Vec<_> = extract(input).into_iter().map(|q| q.value).collect();
        assert!(!values.contains(&Some(n("1/21"))), "{input}: {values:?}");
    }
}
