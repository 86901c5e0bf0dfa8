//! Render a Markdown page (front matter, headings, links, raw HTML) with
//! every link resolved against the small site.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let files = common::site(&[("docs/fuzz.md", text)]);
        riskbook::check_in_memory(&files, common::today());
    }
});
