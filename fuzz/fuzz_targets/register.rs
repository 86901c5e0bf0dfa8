//! Load, validate and render a register beside a small site.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let files = common::site(&[("registers/fuzz.yaml", text)]);
        riskbook::check_in_memory(&files, common::today());
    }
});
