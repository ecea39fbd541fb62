//! The text pipeline: decoding, paragraphs, sentences and language of any bytes, never a panic;
//! paragraphs lie inside the text, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use termtool::text;

fuzz_target!(|data: &[u8]| {
    let Ok(d) = text::decode(data, Path::new("fuzz.txt")) else {
        return;
    };
    let mut at = 0;
    for p in text::paragraphs(&d.text) {
        assert!(p.start >= at && p.start <= d.text.len());
        at = p.start;
        for lang in [text::Lang::En, text::Lang::Ru] {
            for r in text::sentences(&p.text, lang) {
                assert!(r.start <= r.end && r.end <= p.text.len());
            }
        }
        let _ = text::detect(&p.text);
    }
});
