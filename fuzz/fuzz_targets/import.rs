//! `riskbook import` of a Markdown document and of CSV; what it writes must load.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(imported) = riskbook::import::import(text, "fuzz") {
            common::check_with("registers/imported.yaml", imported.yaml.as_bytes());
        }
        if let Ok(imported) = riskbook::import::import_csv(text, "fuzz") {
            common::check_with("registers/imported.yaml", imported.yaml.as_bytes());
        }
    }
});
