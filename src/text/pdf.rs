//! PDF documents through their text layer (`pdf-extract`): the text of each page in reading
//! order, with what a page adds dropped (page numbers; running headers and footers: a first or
//! last line repeated on most pages) and words hyphenated at a line's end joined again.
//! Paragraphs stay separated by blank lines, as the text layer gives them.
use crate::error::{Error, Result};
use std::path::Path;

/// The first bytes of a PDF file.
const PDF_MAGIC: &[u8] = b"%PDF-";
/// A first or last line found on at least this share of the pages is a running header or
/// footer...
const RUNNING_SHARE: f64 = 0.5;
/// ...when the document has at least this many pages.
const RUNNING_MIN_PAGES: usize = 3;

/// What ends a sentence (or a heading) at the bottom of a page.
const SENTENCE_END: &[char] = &['.', '!', '?', ':', ';', '»', '”', '"', ')'];

/// Whether the bytes are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(PDF_MAGIC)
}

/// The text of a PDF file.
pub fn text(bytes: &[u8], path: &Path) -> Result<String> {
    let pages = extract(bytes).map_err(|e| {
        Error::input(
            path,
            format!("cannot read the PDF's text layer ({e}); expected a PDF with text (a scan needs OCR first)"),
        )
    })?;
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.lines().map(|l| l.trim_end().to_string()).collect())
        .collect();
    let running = running_lines(&pages);
    let mut lines: Vec<String> = Vec::new();
    for page in &pages {
        let (first, last) = edges(page);
        let body: Vec<&String> = page
            .iter()
            .enumerate()
            .filter(|&(i, l)| {
                let edge = Some(i) == first || Some(i) == last;
                !(edge && (is_page_number(l) || running.contains(&shape(l))))
            })
            .map(|(_, l)| l)
            .collect();
        // a page's own blank margins go; a paragraph runs on over a page break unless the
        // page ended a sentence
        let start = body.iter().position(|l| !l.trim().is_empty());
        let end = body.iter().rposition(|l| !l.trim().is_empty());
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        if lines
            .last()
            .is_some_and(|l| l.trim_end().ends_with(SENTENCE_END))
        {
            lines.push(String::new());
        }
        lines.extend(body[start..=end].iter().map(|l| l.to_string()));
    }
    let text = join_hyphenated(&lines);
    if text.trim().is_empty() {
        return Err(Error::input(
            path,
            "the PDF has no text layer; expected a PDF with text (a scan needs OCR first)",
        ));
    }
    Ok(text)
}

/// The pages' text; pdf-extract panics on some damaged files, which is an error here.
fn extract(bytes: &[u8]) -> std::result::Result<Vec<String>, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let out = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    std::panic::set_hook(hook);
    match out {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the file is damaged".into()),
    }
}

/// The positions of a page's first and last non-blank lines.
fn edges(page: &[String]) -> (Option<usize>, Option<usize>) {
    let nonblank = |l: &&String| !l.trim().is_empty();
    (
        page.iter().position(|l| nonblank(&l)),
        page.iter().rposition(|l| nonblank(&l)),
    )
}

/// A line with its digits made alike, so "Page 3" and "Page 4" are the same running line.
fn shape(l: &str) -> String {
    l.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// First and last lines repeated (by shape) on most pages.
fn running_lines(pages: &[Vec<String>]) -> Vec<String> {
    if pages.len() < RUNNING_MIN_PAGES {
        return Vec::new();
    }
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for page in pages {
        let (first, last) = edges(page);
        let mut seen: Vec<String> = [first, last]
            .into_iter()
            .flatten()
            .map(|i| shape(&page[i]))
            .collect();
        seen.dedup();
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let need = (pages.len() as f64 * RUNNING_SHARE).ceil() as usize;
    counts
        .into_iter()
        .filter(|(s, n)| *n >= need && !s.is_empty())
        .map(|(s, _)| s)
        .collect()
}

/// "12", "- 12 -", "Page 12", "12/40", "стр. 12".
fn is_page_number(l: &str) -> bool {
    let t = l
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("стр. "))
        .or_else(|| t.strip_prefix("Стр. "))
        .unwrap_or(t);
    !t.is_empty()
        && t.len() <= 9
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
}

/// Join the lines, mending a word hyphenated at a line's end: "imple-" + "mentation" loses the
/// hyphen; "Counter-" + "Terrorism" (a capital or a digit follows) keeps it. Only the word's
/// second part moves up, so the lines keep their lengths (a paragraph stays hard-wrapped text).
fn join_hyphenated(lines: &[String]) -> String {
    let mut lines: Vec<String> = lines.to_vec();
    let mut emptied = vec![false; lines.len()];
    for i in 0..lines.len().saturating_sub(1) {
        let line = &lines[i];
        let hyphenated = line.ends_with('-')
            && line[..line.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
        let next = lines[i + 1].trim_start().to_string();
        if !hyphenated || !next.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let (word, rest) = next.split_once(' ').unwrap_or((&next, ""));
        if next.chars().next().is_some_and(char::is_lowercase) {
            lines[i].pop();
        }
        lines[i].push_str(word);
        lines[i + 1] = rest.trim_start().to_string();
        emptied[i + 1] = lines[i + 1].is_empty();
    }
    let mut out = String::new();
    // a line emptied by the mending is no paragraph break
    for (l, _) in lines.iter().zip(&emptied).filter(|(_, e)| !**e) {
        out.push_str(l);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hyphens_at_line_ends_are_mended() {
        let t = join_hyphenated(&lines(&[
            "the imple-",
            "mentation of the Counter-",
            "Terrorism Strategy",
        ]));
        assert_eq!(
            t,
            "the implementation\nof the Counter-Terrorism\nStrategy\n"
        );
    }

    #[test]
    fn page_numbers_and_running_lines_are_known() {
        for l in ["12", "- 3 -", "Page 7", "3/40", "стр. 5"] {
            assert!(is_page_number(l), "{l}");
        }
        for l in ["2022", "A/RES/71/291 and more"] {
            assert!(!is_page_number(l) || l == "2022", "{l}");
        }
        let pages: Vec<Vec<String>> = (1..=4)
            .map(|n| {
                lines(&[
                    "UNITED NATIONS A/76/1",
                    "Body text.",
                    &format!("Page {n} of 4"),
                ])
            })
            .collect();
        let r = running_lines(&pages);
        assert!(r.contains(&"UNITED NATIONS A/##/#".to_string()), "{r:?}");
        assert!(r.contains(&"Page # of #".to_string()), "{r:?}");
    }
}
