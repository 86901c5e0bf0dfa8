//! `riskbook import` of a Markdown document; what it writes must load.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let imported = riskbook::import::import(text, "fuzz");
        let files = common::site(&[("registers/imported.yaml", &imported.yaml)]);
        riskbook::check_in_memory(&files, common::today());
    }
});
