//! TBX (2008 and 2019) reader: any bytes give a glossary or an error, never a panic; what it
//! reads writes back and reads again to the same glossary.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use termtool::glossary::{io, tbx};

fuzz_target!(|data: &[u8]| {
    if let Ok(g) = tbx::read(data, Path::new("fuzz.tbx")) {
        let out = io::write(&g, io::Format::Tbx);
        let back = tbx::read(out.as_bytes(), Path::new("again.tbx")).expect("our TBX reads back");
        assert_eq!(io::write(&back, io::Format::Tbx), out);
    }
});
