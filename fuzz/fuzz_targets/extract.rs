#![no_main]
//! Fuzz target `extract`: see `quantext_fuzz::check_extract` and docs/robustness.md.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = quantext_fuzz::text(data);
    let _ = quantext_fuzz::check_extract(&text);
});
