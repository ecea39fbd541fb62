//! The dynamic programme.
use std::ops::Range;

/// A bead as ranges of unit positions, with a confidence.
#[derive(Debug, Clone)]
pub struct RawBead {
    pub en: Range<usize>,
    pub ru: Range<usize>,
    pub score: f64,
}

/// Align two lists of texts. STUB: 1-1 then leftovers.
pub fn align_texts(en: &[&str], ru: &[&str]) -> Vec<RawBead> {
    let n = en.len().min(ru.len());
    let mut out: Vec<RawBead> = (0..n).map(|i| RawBead { en: i..i + 1, ru: i..i + 1, score: 0.5 }).collect();
    for i in n..en.len() {
        out.push(RawBead { en: i..i + 1, ru: ru.len()..ru.len(), score: 0.5 });
    }
    for j in n..ru.len() {
        out.push(RawBead { en: en.len()..en.len(), ru: j..j + 1, score: 0.5 });
    }
    out
}
