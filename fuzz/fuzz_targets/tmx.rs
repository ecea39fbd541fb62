//! TMX reader: any bytes give translation units or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(pairs) = termtool::memory::tmx::read_tmx(data, Path::new("fuzz.tmx")) {
        for (en, ru) in &pairs {
            assert!(!en.chars().any(termtool::text::xml_forbidden));
            assert!(!ru.chars().any(termtool::text::xml_forbidden));
        }
    }
});
