//! Paragraph splitting.

/// A paragraph (or line unit) of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, trimmed, inner line breaks kept as spaces.
    pub text: String,
    /// 1-based line number where it starts in the input.
    pub line: usize,
    /// Byte offset where it starts in the input.
    pub start: usize,
}

/// Split text into paragraphs: blank lines separate paragraphs; a line that starts with a
/// bullet (•, -, *, ·, ▪) or a list marker (`1)`, `1.`, `a)`, `i)`) starts its own paragraph.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    // STUB: blank-line separated only.
    lines(text)
}

/// Every non-empty line is one unit (for `--segments lines`).
pub fn lines(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut off = 0;
    for (i, l) in text.split('\n').enumerate() {
        let t = l.trim();
        if !t.is_empty() {
            out.push(Paragraph { text: t.to_string(), line: i + 1, start: off });
        }
        off += l.len() + 1;
    }
    out
}
