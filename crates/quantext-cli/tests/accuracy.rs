//! The accuracy ratchet: `quantext eval` over the converted peer suites must score at least the
//! figures recorded in `tests/data/external/baseline.json` (see docs/accuracy.md). Figures may only
//! go up; record improvements with `scripts/accuracy_report.py --record`.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

#[test]
fn scores_do_not_drop_below_the_baseline() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let baseline: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/data/external/baseline.json"))
            .expect("baseline.json"),
    )
    .unwrap();
    let files: Vec<&String> = baseline.as_object().unwrap().keys().collect();
    assert!(!files.is_empty());
    let out = Command::new(env!("CARGO_BIN_EXE_quantext"))
        .current_dir(&root)
        .arg("eval")
        .arg("--json")
        .args(&files)
        .output()
        .expect("run quantext eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut drops = Vec::new();
    for f in report["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        for (metric, floor) in baseline[path].as_object().unwrap() {
            let got = f["scores"][metric]["f1"].as_f64().unwrap();
            let floor = floor.as_f64().unwrap();
            // Baseline figures are rounded to 4 places.
            if got + 5e-5 < floor {
                drops.push(format!("{path} {metric}: {got:.4} < {floor:.4}"));
            }
        }
    }
    assert!(drops.is_empty(), "accuracy dropped:\n{}", drops.join("\n"));
}
