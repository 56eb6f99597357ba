#![no_main]
//! Fuzz target `roundtrip`: see `quantext_fuzz::check_roundtrip` and docs/robustness.md.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = quantext_fuzz::text(data);
    quantext_fuzz::check_roundtrip(&text);
});
