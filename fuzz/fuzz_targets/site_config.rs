//! Load and validate a site.yaml (scales, scoring, levels, grid, statuses)
//! under which the small site's register is rated and rendered.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_with("site.yaml", data));
