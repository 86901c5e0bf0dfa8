//! Render a Markdown page (front matter, headings, links, raw HTML) with
//! every link resolved against the small site.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_with("docs/fuzz.md", data));
