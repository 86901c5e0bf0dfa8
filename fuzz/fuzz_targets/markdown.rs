//! Render a Markdown page (front matter, headings, links, raw HTML) with
//! every link resolved against the small site; and where rendering skips
//! the sanitizer, check that it would have changed nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_with("docs/fuzz.md", data);
    // Where rendering skips the sanitizer, it would have changed nothing.
    if let Ok(text) = std::str::from_utf8(data) {
        let agrees = riskbook::validate::sanitizer_agrees::sanitizer_agrees(text);
        assert_ne!(agrees, Some(false), "{text:?}");
    }
});
