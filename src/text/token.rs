//! Word tokens with byte offsets.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (may contain inner hyphens or apostrophes: counter-terrorism, state’s).
    Word,
    /// Digits, with inner separators (3.5, 1,000, 1 000 is two tokens here).
    Number,
    /// Any other non-space character.
    Punct,
}

/// A token: a slice of the input with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Split text into tokens.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokenKind::Punct {
            while let Some(&(j, d)) = it.peek() {
                let ok = match kind {
                    TokenKind::Word => d.is_alphanumeric(),
                    _ => d.is_ascii_digit(),
                };
                if !ok {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Token { text: &text[i..end], start: i, end, kind });
    }
    out
}
