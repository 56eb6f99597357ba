//! Inputs found by the fuzz targets (fuzz/regressions/<target>/), replayed on every `cargo test`:
//! `parse` never panics and its results keep the invariants; the canonical form of every parsed
//! quantity parses back to an equal quantity; `extract` spans are valid; and the `split` inputs
//! read the same whole and sentence by sentence. The checks are the fuzz targets' own
//! (`fuzz/src/lib.rs`, compiled in here as a module), so a regression fails here as it would
//! crash the fuzzer.

use std::path::PathBuf;

#[path = "../../../fuzz/src/lib.rs"]
#[allow(dead_code, missing_docs)]
mod checks;

fn inputs(target: &str) -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/regressions")
        .join(target);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.map(|e| {
                let p = e.unwrap().path();
                let bytes = std::fs::read(&p).unwrap();
                (
                    p.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Runs `check` on each input of `fuzz/regressions/<target>/`, naming the file when it panics.
fn replay(target: &str, check: impl Fn(&str)) {
    let cases = inputs(target);
    assert!(!cases.is_empty(), "no {target} regressions found");
    for (file, input) in cases {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input)));
        assert!(
            outcome.is_ok(),
            "{file}: the {target} check failed (message above)"
        );
    }
}

#[test]
fn roundtrip_regressions() {
    replay("roundtrip", |input| {
        checks::check_parse(input);
        checks::check_roundtrip(input);
    });
}

#[test]
fn parse_and_extract_regressions() {
    for target in ["parse", "extract", "split"] {
        replay(target, |input| {
            checks::check_parse(input);
            checks::check_extract(input);
        });
    }
}

#[test]
fn split_regressions() {
    replay("split", checks::check_split);
}
