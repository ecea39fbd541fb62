//! Word processor documents as text: DOCX (Office Open XML) and ODT (OpenDocument), both ZIP
//! archives of XML. Each paragraph (table cells' paragraphs included, in reading order) becomes
//! a paragraph of the text, separated by blank lines; footnotes and endnotes follow the body, as
//! paragraphs too. Deleted tracked changes and field codes are left out. Entities other than
//! XML's own are never resolved (quick-xml does not), and each part is read up to the input
//! limit, so a ZIP bomb stops with an error.
use crate::error::{Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use std::path::Path;

/// The first bytes of a ZIP archive.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Whether the bytes are a ZIP archive (a DOCX or ODT file, or another kind of archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
}

/// The most spaces one `<text:s text:c="N"/>` gives (a crafted N must not fill memory).
const MAX_SPACES: usize = 64;

/// How a format's XML marks text.
struct Dialect {
    /// The XML parts holding text, in reading order (missing ones are skipped).
    parts: &'static [&'static str],
    /// Elements that are paragraphs.
    paragraph: &'static [&'static str],
    /// Elements whose text is taken.
    text: &'static [&'static str],
    /// Elements that stand for a space (tabs, line breaks, ODF's `<text:s/>`).
    space: &'static [&'static str],
    /// Elements whose content is left out.
    skip: &'static [&'static str],
}

const DOCX: Dialect = Dialect {
    parts: &[
        "word/document.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
    ],
    paragraph: &["w:p"],
    text: &["w:t"],
    space: &["w:tab", "w:br", "w:cr"],
    skip: &["w:del", "w:instrText", "w:delText"],
};

const ODT: Dialect = Dialect {
    parts: &["content.xml"],
    paragraph: &["text:p", "text:h"],
    // ODF keeps text directly in paragraphs and spans
    text: &[],
    space: &["text:s", "text:tab", "text:line-break"],
    skip: &["text:tracked-changes", "office:annotation"],
};

/// The text of a DOCX or ODT file: paragraphs separated by blank lines, and the format's name.
pub fn text(bytes: &[u8], path: &Path, limit: u64) -> Result<(String, &'static str)> {
    let bad = |what: String| Error::input(path, what);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        bad(format!(
            "a damaged ZIP archive ({e}); expected a DOCX or ODT document"
        ))
    })?;
    let (dialect, name) = if zip.index_for_name("word/document.xml").is_some() {
        (&DOCX, "docx")
    } else if zip.index_for_name("content.xml").is_some() {
        (&ODT, "odt")
    } else {
        return Err(bad(
            "a ZIP archive that is no DOCX or ODT document; expected text, DOCX, ODT, TMX, XLIFF or TBX".into(),
        ));
    };
    let mut paragraphs = Vec::new();
    for part in dialect.parts {
        let Some(i) = zip.index_for_name(part) else {
            continue;
        };
        let mut xml = Vec::new();
        zip.by_index(i)
            .map_err(|e| bad(format!("{part}: {e}")))?
            .take(limit + 1)
            .read_to_end(&mut xml)
            .map_err(|e| bad(format!("{part}: {e}")))?;
        if xml.len() as u64 > limit {
            return Err(bad(format!(
                "{part} unpacks to more than {} MiB; expected a smaller document (set TERMTOOL_MAX_INPUT_MB to raise the limit)",
                limit >> 20
            )));
        }
        paragraphs.extend(part_paragraphs(&xml, dialect).map_err(|e| bad(format!("{part}: {e}")))?);
    }
    Ok((paragraphs.join("\n\n"), name))
}

/// The non-empty paragraphs of one XML part.
fn part_paragraphs(xml: &[u8], d: &Dialect) -> std::result::Result<Vec<String>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    // paragraphs being read (a note's paragraphs sit inside another in ODT)
    let mut open: Vec<String> = Vec::new();
    let (mut in_text, mut skipping) = (0usize, 0usize);
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let n = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if skipping > 0 || d.skip.contains(&n) {
                    skipping += 1;
                } else if d.paragraph.contains(&n) {
                    open.push(String::new());
                } else if d.text.contains(&n) {
                    in_text += 1;
                } else if d.space.contains(&n) {
                    if let Some(p) = open.last_mut() {
                        p.push(' ');
                    }
                }
            }
            Event::Empty(e) => {
                let name = e.name();
                let n = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if skipping == 0 && d.space.contains(&n) {
                    // ODF writes a run of spaces as <text:s text:c="N"/>
                    let count = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(MAX_SPACES);
                    if let Some(p) = open.last_mut() {
                        p.extend(std::iter::repeat_n(' ', count));
                    }
                }
            }
            Event::End(e) => {
                let name = e.name();
                let n = std::str::from_utf8(name.as_ref()).unwrap_or("");
                if skipping > 0 {
                    skipping -= 1;
                } else if d.paragraph.contains(&n) {
                    if let Some(p) = open.pop() {
                        let p = p.trim();
                        if !p.is_empty() {
                            out.push(p.to_string());
                        }
                    }
                } else if d.text.contains(&n) {
                    in_text = in_text.saturating_sub(1);
                }
            }
            Event::Text(t) => {
                let takes = skipping == 0 && (d.text.is_empty() || in_text > 0);
                if let (true, Some(p)) = (takes, open.last_mut()) {
                    let s = t.unescape().map_err(|e| format!("bad text: {e}"))?;
                    p.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}
