//! Golden tests: every document of `tests/golden/*.jsonl` (at the workspace root) is extracted and
//! the result must equal the reviewed expectation exactly (text, span and reading). The same files
//! are read by the Python tests. To propose new expectations run `scripts/update_golden.py` and
//! review `git diff tests/golden` line by line.

use std::path::PathBuf;

use serde_json::Value;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

#[test]
fn golden_files_match() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files found");
    let mut failures = Vec::new();
    let mut documents = 0;
    let mut quantities = 0;
    for file in &files {
        let content = std::fs::read_to_string(file).unwrap();
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let doc: Value = serde_json::from_str(line).unwrap();
            let text = doc["text"].as_str().unwrap();
            let expected = doc["quantities"].as_array().unwrap();
            let got: Vec<Value> = quantext::extract(text)
                .iter()
                .map(|q| serde_json::to_value(q).unwrap())
                .collect();
            documents += 1;
            quantities += expected.len();
            if &got != expected {
                failures.push(format!(
                    "{}:{} {}\n  expected: {}\n  got:      {}",
                    file.file_name().unwrap().to_string_lossy(),
                    i + 1,
                    doc["source"],
                    serde_json::to_string(expected).unwrap(),
                    serde_json::to_string(&got).unwrap()
                ));
            }
        }
    }
    assert!(documents > 0);
    assert!(
        failures.is_empty(),
        "{} of {documents} golden documents ({quantities} quantities) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
