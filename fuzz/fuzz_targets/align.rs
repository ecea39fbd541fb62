//! Alignment of random mixed text: never a panic, and every unit of each side is in exactly
//! one bead, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termtool::align::{self, Options, Segments};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sides = align::split_mixed(&text, Segments::Paragraphs);
    let (n, m) = (sides.en.len(), sides.ru.len());
    if n == 0 || m == 0 {
        return;
    }
    let al = align::align(
        sides,
        &Options {
            segments: Segments::Paragraphs,
            ..Options::default()
        },
    );
    let en: Vec<usize> = al.beads.iter().flat_map(|b| b.en.iter().copied()).collect();
    let ru: Vec<usize> = al.beads.iter().flat_map(|b| b.ru.iter().copied()).collect();
    assert_eq!(en, (0..n).collect::<Vec<_>>());
    assert_eq!(ru, (0..m).collect::<Vec<_>>());
});
