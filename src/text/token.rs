//! Word tokens with byte offsets.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (may contain digits and inner hyphens or apostrophes: counter-terrorism,
    /// state’s, онлайн-подключением, 10-летия, COVID-19).
    Word,
    /// Digits, with inner separators (3.5, 1,000; 1 000 is two tokens here).
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

/// Letters, digits and combining marks make up words.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_russian_letter(c) || c.is_alphanumeric() || is_mark(c)
}

/// The letters of the Russian alphabet: the common case, answered before Unicode's tables.
fn is_russian_letter(c: char) -> bool {
    matches!(c, 'А'..='я' | 'ё' | 'Ё')
}

/// `char::is_numeric`, answered at once for ASCII and Russian letters.
fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !is_russian_letter(c) && c.is_numeric()
    }
}

/// Combining marks (accents left decomposed in non-NFC input).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Joiners kept inside a word when letters or digits are on both sides.
fn is_word_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '\'' | '’' | 'ʼ')
}

/// Separators kept inside a number when digits are on both sides.
fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',')
}

/// Split text into tokens.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            out.push(Token {
                text: &text[start..start + c.len_utf8()],
                start,
                end: start + c.len_utf8(),
                kind: TokenKind::Punct,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_letter = !is_numeric(c);
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                has_letter |= !is_numeric(d);
                end = j + d.len_utf8();
                it.next();
                continue;
            }
            // A joiner stays only between two word characters: "state’s" yes, "states’ " no.
            let next = text[j + d.len_utf8()..].chars().next();
            let prev_digit = text[..j]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit());
            let joins = match next {
                // "3-4" is a range of two numbers; "10-летия" and "COVID-19" are words.
                Some(n) if is_word_joiner(d) => is_word_char(n) && (has_letter || !is_numeric(n)),
                // 3.5 and 1,000 but not "2022." or "3, 4".
                Some(n) if is_number_joiner(d) => prev_digit && n.is_ascii_digit() && !has_letter,
                _ => false,
            };
            if !joins {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        out.push(Token {
            text: &text[start..end],
            start,
            end,
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn toks(t: &str) -> Vec<(&str, TokenKind)> {
        tokens(t).into_iter().map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        assert_eq!(
            toks("counter-terrorism state’s don't онлайн-подключением"),
            [
                ("counter-terrorism", Word),
                ("state’s", Word),
                ("don't", Word),
                ("онлайн-подключением", Word)
            ]
        );
        assert_eq!(
            toks("states’ -x- 'quoted'"),
            [
                ("states", Word),
                ("’", Punct),
                ("-", Punct),
                ("x", Word),
                ("-", Punct),
                ("'", Punct),
                ("quoted", Word),
                ("'", Punct)
            ]
        );
        assert_eq!(
            toks("10-летия COVID-19 75th"),
            [("10-летия", Word), ("COVID-19", Word), ("75th", Word)]
        );
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            toks("3.5 1,000 1 000 2022. 3, 4 A/64/L.69"),
            [
                ("3.5", Number),
                ("1,000", Number),
                ("1", Number),
                ("000", Number),
                ("2022", Number),
                (".", Punct),
                ("3", Number),
                (",", Punct),
                ("4", Number),
                ("A", Word),
                ("/", Punct),
                ("64", Number),
                ("/", Punct),
                ("L", Word),
                (".", Punct),
                ("69", Number)
            ]
        );
        assert_eq!(toks("3-4"), [("3", Number), ("-", Punct), ("4", Number)]);
    }

    #[test]
    fn offsets_are_byte_ranges() {
        let t = "«Ташкент», 2022 г.";
        for tok in tokens(t) {
            assert_eq!(&t[tok.start..tok.end], tok.text);
        }
        let v = toks(t);
        assert_eq!(
            v,
            [
                ("«", Punct),
                ("Ташкент", Word),
                ("»", Punct),
                (",", Punct),
                ("2022", Number),
                ("г", Word),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn decomposed_accents_stay_in_the_word() {
        assert_eq!(toks("Anto\u{301}nio"), [("Anto\u{301}nio", Word)]);
        assert!(tokens("  \u{00A0} ").is_empty());
    }
}
