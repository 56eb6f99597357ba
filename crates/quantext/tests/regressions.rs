//! Inputs found by the fuzz targets (fuzz/regressions/<target>/), replayed on every `cargo test`:
//! `parse` never panics and its results keep the invariants; the canonical form of every parsed
//! quantity parses back to an equal quantity; `extract` spans are valid.

use std::path::PathBuf;

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

#[test]
fn roundtrip_regressions() {
    let cases = inputs("roundtrip");
    assert!(!cases.is_empty(), "no roundtrip regressions found");
    for (file, input) in cases {
        let Ok(q) = quantext::parse(&input) else {
            continue;
        };
        q.check_invariants()
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let shown = q.to_string();
        let back = quantext::parse(&shown)
            .unwrap_or_else(|e| panic!("{file}: {input:?} printed as {shown:?}:\n{e}"));
        assert_eq!(back, q, "{file}: {input:?} printed as {shown:?}");
    }
}

#[test]
fn extract_and_parse_regressions() {
    for target in ["parse", "extract", "split"] {
        for (file, input) in inputs(target) {
            if let Ok(q) = quantext::parse(&input) {
                q.check_invariants()
                    .unwrap_or_else(|e| panic!("{file}: {e}"));
            }
            let mut last = 0;
            for q in quantext::extract(&input) {
                assert!(q.start >= last && input[q.start..q.end] == q.text, "{file}");
                last = q.end;
            }
        }
    }
}
