//! Load and validate a site.yaml (scales, scoring, levels, grid, statuses)
//! under which the small site's register is rated and rendered.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let files = common::site(&[("site.yaml", text)]);
        riskbook::check_in_memory(&files, common::today());
    }
});
