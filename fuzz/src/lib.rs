//! Checks shared by the fuzz targets in `fuzz_targets/`. Each check panics with a message that
//! names the input and what is wrong, which libFuzzer reports as a crash.
//!
//! The same functions are used by the `cargo fuzz` targets and by the plain-binary replay
//! (`cargo build --release` in `fuzz/`, then `target/release/<target> DIR -runs=0`).

use quantext::Quantity;

/// The fuzz input as text: invalid UTF-8 is replaced (U+FFFD) rather than skipped, so that every
/// run exercises the library.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// `parse` never panics, and an `Ok` result satisfies the model's invariants.
pub fn check_parse(input: &str) {
    if let Ok(q) = quantext::parse(input)
        && let Err(e) = q.check_invariants()
    {
        panic!("parse({input:?}) broke an invariant: {e}\n{q:#?}");
    }
}

/// Spans on char boundaries, in `text`, non-empty, sorted and non-overlapping, equal to `q.text`;
/// every quantity satisfies the invariants.
pub fn check_spans(text: &str, found: &[Quantity]) {
    let mut prev_end = 0usize;
    for (i, q) in found.iter().enumerate() {
        assert!(
            q.start < q.end && q.end <= text.len(),
            "extract({text:?}): quantity {i} has span {}..{} (text is {} bytes)",
            q.start,
            q.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "extract({text:?}): quantity {i} span {}..{} is not on char boundaries",
            q.start,
            q.end
        );
        assert!(
            q.start >= prev_end,
            "extract({text:?}): quantity {i} at {}..{} overlaps or precedes the previous one (ended at {prev_end})",
            q.start,
            q.end
        );
        assert_eq!(
            &text[q.start..q.end],
            q.text,
            "extract({text:?}): quantity {i}: &text[start..end] != q.text"
        );
        if let Err(e) = q.check_invariants() {
            panic!(
                "extract({text:?}): quantity {i} ({:?}) broke an invariant: {e}\n{q:#?}",
                q.text
            );
        }
        prev_end = q.end;
    }
}

/// `extract` and the span checks of [`check_spans`].
pub fn check_extract(text: &str) -> Vec<Quantity> {
    let found = quantext::extract(text);
    check_spans(text, &found);
    found
}

/// For an `Ok` quantity from `parse`, its canonical rendering parses back to an equal quantity.
pub fn check_roundtrip(input: &str) {
    let Ok(q) = quantext::parse(input) else {
        return;
    };
    let shown = q.to_string();
    match quantext::parse(&shown) {
        Ok(back) => {
            if back != q {
                panic!(
                    "roundtrip mismatch: parse({input:?}) displays as {shown:?}, which parses to a different quantity\nfirst:  {q:?}\nsecond: {back:?}"
                );
            }
        }
        Err(e) => panic!(
            "roundtrip failure: parse({input:?}) displays as {shown:?}, which does not parse: {e}\nfirst: {q:?}"
        ),
    }
}

/// Byte offsets just after each sentence boundary: ". " followed by an uppercase letter, unless
/// the word before the full stop is an abbreviation with full stops of its own ("U.S. Dollars",
/// "a.m. Eastern") or a single capital (the initial of "J. Smith"), which end no sentence.
pub fn sentence_splits(text: &str) -> Vec<usize> {
    text.match_indices(". ")
        .filter(|&(i, _)| {
            let word = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            !word.contains('.') && !initial
        })
        .map(|(i, _)| i + 2)
        .filter(|&p| text[p..].chars().next().is_some_and(char::is_uppercase))
        .collect()
}

/// `extract(text)` against `extract` on each sentence piece (offsets moved back into `text`):
/// every quantity whose span does not cross a split point is found, identical, by both. Not
/// compared: near a quantity of the whole text that crosses a split point ("31 U.S. Dollars",
/// split after "U.S."), the pieces' quantities that overlap it, and whatever overlaps those on
/// either side, as far as the chain of overlaps goes (the piece reads "Dollars 5" where the whole
/// text, having used "Dollars", reads "5").
pub fn check_split(text: &str) {
    let splits = sentence_splits(text);
    if splits.is_empty() {
        return;
    }
    let whole = check_extract(text);
    let crosses = |s: usize, e: usize| splits.iter().any(|&p| s < p && p < e);

    let mut pieces = Vec::new();
    let mut from = 0;
    for &p in splits.iter().chain(std::iter::once(&text.len())) {
        let piece = &text[from..p];
        for mut q in check_extract(piece) {
            q.start += from;
            q.end += from;
            pieces.push(q);
        }
        from = p;
    }

    let crossing: Vec<(usize, usize)> = whole
        .iter()
        .filter(|q| crosses(q.start, q.end))
        .map(|q| (q.start, q.end))
        .collect();
    let overlaps = |spans: &[(usize, usize)], q: &Quantity| {
        spans.iter().any(|&(s, e)| q.start < e && s < q.end)
    };
    // The overlaps are followed as far as they go: a piece's reading that overlaps a crossing
    // quantity may itself overlap a different reading of the whole text, which may overlap a
    // further piece reading, and so on ("C. Minus 40 rs. Billions" in the whole text; "Billions of
    // ... Minus" in a piece; "Minus 40 dures" in the whole text; "40 dures" in the piece).
    let mut disputed = crossing.clone();
    loop {
        let grown: Vec<(usize, usize)> = whole
            .iter()
            .chain(&pieces)
            .filter(|q| !disputed.contains(&(q.start, q.end)) && overlaps(&disputed, q))
            .map(|q| (q.start, q.end))
            .collect();
        if grown.is_empty() {
            break;
        }
        disputed.extend(grown);
    }
    let a: Vec<&Quantity> = whole
        .iter()
        .filter(|q| !crosses(q.start, q.end) && !overlaps(&disputed, q))
        .collect();
    let b: Vec<&Quantity> = pieces.iter().filter(|q| !overlaps(&disputed, q)).collect();

    let same = a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x.start == y.start && x.end == y.end && x.text == y.text && *x == *y);
    if !same {
        let show = |v: &[&Quantity]| {
            v.iter()
                .map(|q| format!("  {}..{} {:?} => {}", q.start, q.end, q.text, q))
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "split mismatch on {text:?} (splits at {splits:?})\nwhole text:\n{}\nsentence by sentence:\n{}",
            show(&a),
            show(&b)
        );
    }
}
