//! Normalisation: NFC for storage, match keys for comparison.
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC-normalise a string.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        return s.to_string();
    }
    nfc_by_line(s)
}

/// NFC-normalise an owned string, without copying it when it is already NFC.
pub(crate) fn nfc_owned(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        nfc_by_line(&s)
    }
}

/// Whether a character is NFC wherever it stands and composes with nothing before it: all
/// below the combining diacritics (U+0300), and the Cyrillic letters (not the combining titlo
/// and the other marks U+0483–U+0489).
fn always_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2FF | 0x400..=0x482 | 0x48A..=0x4FF)
}

/// Whether `s` is NFC: a scan for the common characters first, the Unicode quick check (which
/// answers "maybe" for any combining mark, such as a Russian stress accent) only when needed.
fn is_nfc(s: &str) -> bool {
    s.chars().all(always_nfc) || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// NFC line by line: a line break composes with nothing, so lines normalise apart, and a long
/// text with a few stress accents is rebuilt only where they are.
fn nfc_by_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        if is_nfc(line) {
            out.push_str(line);
        } else {
            out.extend(line.nfc());
        }
    }
    out
}

/// How one character is folded in a match key.
enum Fold {
    Keep(char),
    To(char),
    Space,
    Drop,
}

/// Fold typographic variants (quotes, dashes, special spaces) to their plain forms.
fn fold_char(c: char) -> Fold {
    match c {
        '“' | '”' | '„' | '«' | '»' | '″' | '‟' | '〃' => Fold::To('"'),
        '‘' | '’' | '‚' | '‹' | '›' | '`' | '´' | '′' | '‛' => Fold::To('\''),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '﹣' | '－' => Fold::To('-'),
        'ё' => Fold::To('е'),
        // Soft hyphens, zero-width characters and stray BOMs are invisible: drop them.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        // `char::is_whitespace` covers no-break, thin, ideographic and other Unicode spaces.
        c if c.is_whitespace() => Fold::Space,
        c => Fold::Keep(c),
    }
}

/// A key for comparing text: NFC, lower case, ё→е, quotes/dashes/no-break spaces folded,
/// runs of white space collapsed to one space, trimmed.
pub fn match_key(s: &str) -> String {
    if s.bytes()
        .all(|b| b.is_ascii_graphic() && b != b'`' || b == b' ')
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
    {
        // The common case (a word, or a plain ASCII sentence): only lower case changes it.
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut push = |c: char| {
        let c = match fold_char(c) {
            Fold::Drop => return,
            Fold::Space => {
                pending_space = true;
                return;
            }
            Fold::Keep(c) | Fold::To(c) => c,
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    };
    for c in nfc(s).chars() {
        if c.is_ascii() {
            // The common case, without the general lower-casing tables.
            push(c.to_ascii_lowercase());
        } else {
            // Lower-casing can produce several characters (İ → i̇), so fold after it.
            c.to_lowercase().for_each(&mut push);
        }
    }
    // Lower-casing can leave decomposed sequences (İ → i + U+0307); re-compose them.
    nfc_owned(out)
}

/// Whether XML 1.0 forbids `c` in a document, even as a character reference: the C0 controls
/// other than tab, line feed and carriage return, and U+FFFE, U+FFFF.
pub fn xml_forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A control character that must not reach a terminal raw (ESC can retitle or clear it, BEL
/// rings it): the C0 controls but tab and line feed, DEL and the C1 controls.
pub fn is_terminal_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n')
}

/// `s` with every [`is_terminal_control`] character shown as its code (`<U+001B>`), for output
/// meant for a person's terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_terminal_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_terminal_control(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("e\u{301}"), "é");
        assert_eq!(nfc("е\u{308}"), "ё");
        assert_eq!(nfc("plain"), "plain");
    }

    #[test]
    fn nfc_by_line_equals_nfc_of_the_whole() {
        let text = "a\u{301}\nплан\n\u{301}x\nУдаре\u{301}ние\r\nи\u{306}\n\u{483}\nÅ\u{30A}";
        let whole: String = text.nfc().collect();
        assert_eq!(nfc(text), whole);
        assert_eq!(nfc_owned(text.to_string()), whole);
        assert!(nfc(text).contains("й"));
    }

    #[test]
    fn match_key_folds_case_yo_and_spaces() {
        assert_eq!(match_key("  Ёлка\u{00A0}и\tЕЛЬ  "), "елка и ель");
        assert_eq!(match_key("ПРИВЁТ"), "привет");
        assert_eq!(match_key("е\u{308}ж"), "еж");
        assert_eq!(match_key("a\u{2009}b\u{202F}c\u{3000}d\n\ne"), "a b c d e");
    }

    #[test]
    fn match_key_folds_quotes_and_dashes() {
        assert_eq!(
            match_key("«Узбекистан» — “UN” ‘x’ „y“ `z´"),
            "\"узбекистан\" - \"un\" 'x' \"y\" 'z'"
        );
        assert_eq!(
            match_key("counter‐terrorism–co‑operation−1―2‒3"),
            "counter-terrorism-co-operation-1-2-3"
        );
        assert_eq!(match_key("10″ 5′"), "10\" 5'");
    }

    #[test]
    fn match_key_drops_invisible_chars() {
        assert_eq!(match_key("\u{FEFF}coun\u{00AD}ter\u{200B}"), "counter");
        assert_eq!(
            printable("a\x1b]0;pwned\x07b\tc"),
            "a<U+001B>]0;pwned<U+0007>b\tc"
        );
        assert!(xml_forbidden('\x1b') && xml_forbidden('\0') && !xml_forbidden('\n'));
        assert_eq!(match_key(""), "");
        assert_eq!(match_key(" \u{00A0} "), "");
    }

    #[test]
    fn match_key_equal_for_variants() {
        assert_eq!(match_key("Шавкат Мирзиёев"), match_key("ШАВКАТ  МИРЗИЕЕВ"));
        assert_eq!(match_key("state’s"), match_key("STATE'S"));
    }
}
