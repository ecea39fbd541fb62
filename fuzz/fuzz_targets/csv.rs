//! CSV and OmegaT TSV glossary readers: any bytes give a glossary or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use termtool::glossary::{csv, tsv};

fuzz_target!(|data: &[u8]| {
    let _ = csv::read(data, Path::new("fuzz.csv"));
    let _ = tsv::read(data, Path::new("fuzz.tsv"));
});
