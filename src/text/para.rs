//! Paragraph splitting: blank-line separated blocks, with bullets and list items split out.

/// A paragraph (or line unit) of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, trimmed, inner line breaks kept as spaces.
    pub text: String,
    /// 1-based line number where it starts in the input.
    pub line: usize,
    /// Byte offset where it starts in the input (its first non-blank character).
    pub start: usize,
}

/// Blank for our purposes: Unicode white space (incl. no-break spaces) and invisible
/// zero-width characters that editors leave on "empty" lines.
fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Trim blank characters; returns the trimmed slice and its offset within `s`.
fn trim_blank(s: &str) -> (&str, usize) {
    let t = s.trim_start_matches(is_blank_char);
    let off = s.len() - t.len();
    (t.trim_end_matches(is_blank_char), off)
}

/// Lines of `text` with their byte offsets; a trailing '\r' is not part of a line.
fn raw_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    text.split('\n').map(move |l| {
        let start = off;
        off += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// Whether `s` is a Roman numeral of the small kind used for list items (i … xxxix).
pub(crate) fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 6
        && (s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
            || s.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

/// Whether a list-item label (the part before `)` or `.`) is a number, a single letter or a
/// Roman numeral.
fn is_label(s: &str, dot: bool) -> bool {
    let digits = !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if dot {
        // "1." is a list item, but "A." is more often an initial ("B. Mustafayev").
        return digits;
    }
    let mut cs = s.chars();
    let single_letter = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic());
    digits || single_letter || is_roman(s)
}

/// Whether a trimmed line starts with a bullet or a list marker followed by white space
/// (or the end of the line).
pub fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let after = |rest: &str| rest.is_empty() || rest.starts_with(is_blank_char);
    match first {
        // Typographic bullets need no following space.
        '•' | '·' | '▪' | '‣' | '◦' | '●' | '■' | '►' | '▸' => return true,
        // Hyphen, asterisk and en dash are bullets only before a space ("-5 °C", "*emphasis*").
        '-' | '*' | '–' | '—' => return after(chars.as_str()),
        _ => {}
    }
    // "(a)", "(iv)", "(1)"
    if let Some(rest) = line.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            return is_label(&rest[..close], false) && after(&rest[close + 1..]);
        }
        return false;
    }
    // "1)", "a)", "iv)", "1."
    let end = line
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(line.len());
    let (label, rest) = line.split_at(end);
    match rest.chars().next() {
        Some(')') => is_label(label, false) && after(&rest[1..]),
        Some('.') => is_label(label, true) && after(&rest[1..]),
        _ => false,
    }
}

/// Lines longer than this (in characters) are not hard-wrapped: nobody wraps prose this wide,
/// so a block holding such a line has one paragraph per line (web pages saved as text).
pub const MAX_WRAP_WIDTH: usize = 150;

/// One non-blank line of a block: its trimmed text, 1-based line number and start offset.
struct Line<'a> {
    text: &'a str,
    line: usize,
    start: usize,
}

/// Split text into paragraphs: blank lines separate paragraphs; a line that starts with a
/// bullet (•, ·, ▪, ‣, -, *, –) or a list marker (`1)`, `1.`, `a)`, `(a)`, `i)`, `(iv)`)
/// starts its own paragraph; other line breaks join lines with a space, so hard-wrapped
/// text stays one paragraph. A block with a line longer than [`MAX_WRAP_WIDTH`] is not
/// hard-wrapped text, and each of its lines is a paragraph.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for (i, (off, raw)) in raw_lines(text).enumerate() {
        let (line, lead) = trim_blank(raw);
        if line.is_empty() {
            flush_block(&mut block, &mut out);
        } else {
            block.push(Line {
                text: line,
                line: i + 1,
                start: off + lead,
            });
        }
    }
    flush_block(&mut block, &mut out);
    out
}

/// Turn one blank-line separated block into paragraphs.
fn flush_block(block: &mut Vec<Line>, out: &mut Vec<Paragraph>) {
    let wrapped = block
        .iter()
        .all(|l| l.text.len() <= MAX_WRAP_WIDTH || l.text.chars().count() <= MAX_WRAP_WIDTH);
    let mut cur: Option<Paragraph> = None;
    for l in block.drain(..) {
        match cur.as_mut() {
            Some(p) if wrapped && !starts_list_item(l.text) => {
                p.text.push(' ');
                p.text.push_str(l.text);
            }
            _ => {
                out.extend(cur.take());
                cur = Some(Paragraph {
                    text: l.text.to_string(),
                    line: l.line,
                    start: l.start,
                });
            }
        }
    }
    out.extend(cur);
}

/// Every non-blank line is one unit (for `--segments lines`).
pub fn lines(text: &str) -> Vec<Paragraph> {
    raw_lines(text)
        .enumerate()
        .filter_map(|(i, (off, raw))| {
            let (t, lead) = trim_blank(raw);
            (!t.is_empty()).then(|| Paragraph {
                text: t.to_string(),
                line: i + 1,
                start: off + lead,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ps: &[Paragraph]) -> Vec<&str> {
        ps.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn blank_lines_separate_and_wrapped_lines_join() {
        let t = "First line\nwrapped here.\n\n\nSecond para.\n";
        let ps = paragraphs(t);
        assert_eq!(texts(&ps), ["First line wrapped here.", "Second para."]);
        assert_eq!((ps[0].line, ps[0].start), (1, 0));
        assert_eq!((ps[1].line, ps[1].start), (5, t.find("Second").unwrap()));
    }

    #[test]
    fn whitespace_and_nbsp_lines_are_blank() {
        let ps = paragraphs("  One  \n \u{00A0}\t\u{200B}\n\tTwo\r\n\r\nThree");
        assert_eq!(texts(&ps), ["One", "Two", "Three"]);
        assert_eq!(ps[1].start, "  One  \n \u{00A0}\t\u{200B}\n\t".len());
        assert_eq!(ps[1].line, 3);
    }

    #[test]
    fn bullets_and_list_markers_start_paragraphs() {
        let t = "For more information:\n• visit the website;\n• contact us;\n- a dash item\n* star item\n– en dash item\nwrapped tail\n1) first\n2. second\na) third\n(b) fourth\ni) fifth\n(iv) sixth\n▪ seventh\n‣ eighth\n· ninth";
        let ps = paragraphs(t);
        assert_eq!(
            texts(&ps),
            [
                "For more information:",
                "• visit the website;",
                "• contact us;",
                "- a dash item",
                "* star item",
                "– en dash item wrapped tail",
                "1) first",
                "2. second",
                "a) third",
                "(b) fourth",
                "i) fifth",
                "(iv) sixth",
                "▪ seventh",
                "‣ eighth",
                "· ninth",
            ]
        );
        assert_eq!(ps[6].line, 8);
    }

    #[test]
    fn non_markers_do_not_split() {
        let t = "Temperatures fell to\n-5 degrees and\nB. Mustafayev said\n2022. It was\n(see above) and\n*emphasis* here\n1000) is not a label";
        assert_eq!(paragraphs(t).len(), 1);
    }

    #[test]
    fn marker_detection() {
        for s in [
            "1)",
            "12) x",
            "1. x",
            "a) x",
            "(a) x",
            "i) x",
            "(iv) x",
            "(IV) x",
            "б) пункт",
            "• x",
            "•x",
            "- x",
        ] {
            assert!(starts_list_item(s), "{s}");
        }
        for s in [
            "",
            "1.5 million",
            "A. Smith",
            "(UNRCCA) and",
            "-5",
            "word) x",
            "1234) x",
            "U.S. policy",
        ] {
            assert!(!starts_list_item(s), "{s}");
        }
    }

    #[test]
    fn lines_keeps_every_non_blank_line() {
        let ps = lines("a\n\n b \r\n\u{00A0}\nc");
        assert_eq!(texts(&ps), ["a", "b", "c"]);
        assert_eq!((ps[1].line, ps[1].start), (3, 4));
        assert_eq!(ps[2].line, 5);
    }

    #[test]
    fn long_lines_are_not_hard_wrapped() {
        let long = "Uzbekistan is a participant in numerous international conventions and protocols related to the fight against terrorism, and it supports the resolutions.";
        assert!(long.chars().count() > MAX_WRAP_WIDTH);
        let t = format!("UZBEKISTAN AND THE UNITED NATIONS\n{long}\n{long}\n\nwrapped\ntext");
        let ps = paragraphs(&t);
        assert_eq!(
            texts(&ps),
            [
                "UZBEKISTAN AND THE UNITED NATIONS",
                long,
                long,
                "wrapped text"
            ]
        );
        assert_eq!(ps.iter().map(|p| p.line).collect::<Vec<_>>(), [1, 2, 3, 5]);
    }

    #[test]
    fn empty_input() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \n").is_empty());
        assert!(lines("").is_empty());
    }
}
