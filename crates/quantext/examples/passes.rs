//! Extracts the quantities of one file N times over and prints how many were found: the harness
//! of `scripts/extraction_instructions.sh`, which counts the instructions of extraction proper as
//! the difference between two passes and one (lexicon loading and start-up cancel out).
//!
//! ```text
//! cargo run --release -p quantext --example passes -- 2 [FILE]
//! ```
//!
//! FILE defaults to the benchmark corpus, `bench/corpus/whitehouse-3mb.txt`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let passes: usize = match args.next().map(|s| s.parse()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("passes: the first argument is the number of passes: {e}");
            return ExitCode::from(2);
        }
    };
    let path = args.next().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../bench/corpus/whitehouse-3mb.txt"
        )
        .to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("passes: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let extractor = quantext::Extractor::new();
    // The lexicon is loaded here, before the passes.
    let _ = extractor.extract("warm 1 up");
    let found: usize = (0..passes).map(|_| extractor.extract(&text).len()).sum();
    println!("{found}");
    ExitCode::SUCCESS
}
