//! Sentence splitting for English and Russian.
use super::Lang;
use std::ops::Range;

/// Split a paragraph into sentences; returns byte ranges into `text`, trimmed, in order.
pub fn sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    // STUB
    let _ = lang;
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        if (b[i] == b'.' || b[i] == b'!' || b[i] == b'?') && (i + 1 == b.len() || b[i + 1] == b' ') {
            out.push(start..i + 1);
            start = i + 1;
            while start < b.len() && b[start] == b' ' {
                start += 1;
            }
        }
    }
    if start < b.len() {
        out.push(start..text.trim_end().len().max(start));
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}
