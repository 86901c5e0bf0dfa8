//! Load, validate and render a register beside a small site.
#![no_main]
use libfuzzer_sys::fuzz_target;
#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_with("registers/fuzz.yaml", data));
