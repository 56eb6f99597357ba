//! Replays inputs through the fuzz targets' checks without libFuzzer, reporting every failure
//! (not only the first) with its message. Built as a plain binary on stable Rust:
//!
//! ```text
//! cd fuzz && cargo run --release --example replay -- [TARGET|all] [FILE|DIR ...]
//! ```
//!
//! With no paths it replays `regressions/<target>/` and `corpus/<target>/`. Each line of a
//! `*.txt` file under `seeds/` is one input when such a file is named. Exits 1 if any input fails.

use std::path::{Path, PathBuf};

const TARGETS: [&str; 4] = ["parse", "extract", "roundtrip", "split"];

fn check(target: &str, data: &[u8]) {
    let text = quantext_fuzz::text(data);
    match target {
        "parse" => quantext_fuzz::check_parse(&text),
        "extract" => {
            quantext_fuzz::check_extract(&text);
        }
        "roundtrip" => quantext_fuzz::check_roundtrip(&text),
        "split" => quantext_fuzz::check_split(&text),
        other => panic!("unknown target {other}"),
    }
}

fn inputs(path: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for p in entries {
            inputs(&p, out);
        }
    } else if path.extension().is_some_and(|e| e == "txt") {
        let body = std::fs::read_to_string(path).unwrap_or_default();
        for (i, line) in body.lines().enumerate() {
            if !line.trim().is_empty() && !line.starts_with('#') {
                out.push((
                    format!("{}:{}", path.display(), i + 1),
                    line.as_bytes().to_vec(),
                ));
            }
        }
    } else if let Ok(data) = std::fs::read(path) {
        out.push((path.display().to_string(), data));
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "all".into());
    let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let targets: Vec<&str> = if which == "all" {
        TARGETS.to_vec()
    } else {
        vec![
            TARGETS
                .iter()
                .copied()
                .find(|t| *t == which)
                .expect("target: parse|extract|roundtrip|split|all"),
        ]
    };
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = 0;
    let mut total = 0;
    for t in targets {
        let mut items = Vec::new();
        if paths.is_empty() {
            inputs(Path::new(&format!("regressions/{t}")), &mut items);
            inputs(Path::new(&format!("corpus/{t}")), &mut items);
        } else {
            for p in &paths {
                inputs(p, &mut items);
            }
        }
        for (name, data) in items {
            total += 1;
            if let Err(e) = std::panic::catch_unwind(|| check(t, &data)) {
                failures += 1;
                let msg = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                println!("FAIL [{t}] {name}\n{msg}\n");
            }
        }
    }
    println!("replay: {} passed, {failures} failed", total - failures);
    std::process::exit(if failures > 0 { 1 } else { 0 });
}
