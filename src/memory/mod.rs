//! Translation memories as files: units with their provenance, the documents they come from,
//! and the readers of TMX (`tmx`), TSV and CSV memories, with the sniffing that tells a
//! memory from a glossary or a decisions file. Nothing here knows the workspace: the store
//! keeps what these readers give.
pub mod tmx;
pub mod xliff;

use crate::digest::sha256_hex;
use crate::error::{Error, Result};
use crate::glossary::curated::{self, Decision};
use crate::glossary::{Concept, Origin};
use crate::text;
use std::path::{Path, PathBuf};

/// How a translation unit entered the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum UnitOrigin {
    /// Read from a memory file by `termtool import`.
    #[default]
    Import,
    /// Paired by `termtool align --save`.
    Align,
}

impl UnitOrigin {
    /// "import" or "align", as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitOrigin::Import => "import",
            UnitOrigin::Align => "align",
        }
    }
    /// Parse a stored origin.
    pub fn parse(s: &str) -> Option<UnitOrigin> {
        match s {
            "import" => Some(UnitOrigin::Import),
            "align" => Some(UnitOrigin::Align),
            _ => None,
        }
    }
}

/// A translation unit with its provenance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    pub en: String,
    pub ru: String,
    /// Where it came from: the imported file's name, or the aligned document's name.
    pub source: String,
    /// Alignment confidence when it came from `align --save` (or a scored TSV).
    pub score: Option<f64>,
    /// How it entered the workspace.
    pub origin: UnitOrigin,
}

impl Unit {
    /// An imported unit without a score.
    pub fn new(en: impl Into<String>, ru: impl Into<String>, source: impl Into<String>) -> Unit {
        Unit {
            en: en.into(),
            ru: ru.into(),
            source: source.into(),
            score: None,
            origin: UnitOrigin::Import,
        }
    }
}

/// What kind of file a stored document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A text that was aligned.
    Text,
    /// A translation memory that was imported (TMX, TSV, CSV).
    Memory,
    /// A glossary that was imported.
    Glossary,
}

impl DocKind {
    /// "text", "memory" or "glossary", as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Text => "text",
            DocKind::Memory => "memory",
            DocKind::Glossary => "glossary",
        }
    }
}

/// A source file as the workspace records it: identified by the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file name (without its directory).
    pub name: String,
    /// SHA-256 of the file's bytes, lower-case hex (as `sha256sum` prints it).
    pub sha256: String,
    /// The file's size in bytes.
    pub bytes: u64,
    pub kind: DocKind,
}

impl Document {
    /// A document from a path (only its file name is kept) and the file's bytes.
    pub fn from_bytes(path: &Path, kind: DocKind, bytes: &[u8]) -> Document {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        Document {
            name,
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
            kind,
        }
    }
    /// Read a file and describe it.
    pub fn from_file(path: &Path, kind: DocKind) -> Result<Document> {
        let bytes = crate::text::read::read_bytes(path)?;
        Ok(Document::from_bytes(path, kind, &bytes))
    }
}

/// What a file holds and how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Xliff,
    Tsv,
    Csv,
    /// A glossary: TBX, or CSV with `id`, `en` and `ru` columns.
    Glossary(&'static str),
    /// People's decisions: a CSV with the columns `action,id,en,ru,note`.
    Decisions,
}

impl Format {
    /// Its name in summaries: "tmx", "tsv", "csv", "tbx", "glossary-csv" or "decisions".
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Xliff => "xliff",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Glossary(n) => n,
            Format::Decisions => "decisions",
        }
    }
}

/// One file, read and checked, ready to be written.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub format: Format,
    pub doc: Document,
    /// The units of a memory.
    pub units: Vec<Unit>,
    /// The concepts of a glossary, marked as imported.
    pub concepts: Vec<Concept>,
    /// The decisions of a decisions file.
    pub decisions: Vec<Decision>,
    /// Pairs with an empty side, left out.
    pub empty: usize,
}

/// Read one file completely, so that every error comes before anything is written.
pub fn load(path: &Path) -> Result<Loaded> {
    let bytes = crate::text::read::read_bytes(path)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let loaded = |format: Format, kind: DocKind| Loaded {
        path: path.to_path_buf(),
        format,
        doc: Document::from_bytes(path, kind, &bytes),
        units: Vec::new(),
        concepts: Vec::new(),
        decisions: Vec::new(),
        empty: 0,
    };
    let sniffed = match ext.as_str() {
        "tmx" => Some(Format::Tmx),
        "xlf" | "xliff" => Some(Format::Xliff),
        "tbx" => Some(Format::Glossary("tbx")),
        "xlsx" => Some(Format::Glossary("xlsx")),
        _ => sniff_xml(&bytes),
    };
    match sniffed {
        Some(Format::Tmx) => {
            let mut l = loaded(Format::Tmx, DocKind::Memory);
            let pairs = crate::memory::tmx::read_tmx(&bytes, path)?;
            l.empty = keep_pairs(
                pairs.into_iter().map(|(en, ru)| (en, ru, None)),
                &source,
                &mut l.units,
            );
            Ok(l)
        }
        Some(Format::Xliff) => {
            let mut l = loaded(Format::Xliff, DocKind::Memory);
            let pairs = xliff::read(&bytes, path)?;
            l.empty = keep_pairs(
                pairs.into_iter().map(|p| (p.en, p.ru, None)),
                &source,
                &mut l.units,
            );
            Ok(l)
        }
        Some(Format::Glossary(name)) => {
            let mut l = loaded(Format::Glossary(name), DocKind::Glossary);
            l.concepts = read_glossary(path)?;
            Ok(l)
        }
        _ => {
            let text = text::decode(&bytes, path)?.text;
            let delim = match ext.as_str() {
                "csv" => b',',
                "tsv" | "tab" => b'\t',
                _ => sniff_delimiter(path, &text)?,
            };
            // an OmegaT glossary (as `export --format tsv` writes it): its header line says so
            if delim == b'\t'
                && text
                    .trim_start_matches('\u{feff}')
                    .starts_with(crate::glossary::tsv::MAGIC)
            {
                let mut l = loaded(Format::Glossary("omegat-tsv"), DocKind::Glossary);
                l.concepts = read_glossary(path)?;
                return Ok(l);
            }
            if has_columns(&text, delim, &["action", "en", "ru"]) {
                let mut l = loaded(Format::Decisions, DocKind::Glossary);
                l.decisions = curated::read(path)?;
                return Ok(l);
            }
            if has_columns(&text, delim, &["id", "en", "ru"]) {
                let mut l = loaded(Format::Glossary("glossary-csv"), DocKind::Glossary);
                l.concepts = read_glossary(path)?;
                return Ok(l);
            }
            let format = if delim == b'\t' {
                Format::Tsv
            } else {
                Format::Csv
            };
            let mut l = loaded(format, DocKind::Memory);
            let rows = read_delimited(path, &text, delim)?;
            l.empty = keep_pairs(rows.into_iter(), &source, &mut l.units);
            Ok(l)
        }
    }
}

/// Keep the pairs with both sides non-empty as units; returns how many were left out.
fn keep_pairs(
    pairs: impl Iterator<Item = (String, String, Option<f64>)>,
    source: &str,
    out: &mut Vec<Unit>,
) -> usize {
    let mut empty = 0;
    for (en, ru, score) in pairs {
        let (en, ru) = (en.trim(), ru.trim());
        // a side of only zero-width or format characters is as empty as a blank one
        let blank = |s: &str| crate::text::match_key(s).is_empty();
        if blank(en) || blank(ru) {
            empty += 1;
            continue;
        }
        let mut u = Unit::new(en, ru, source);
        u.score = score;
        out.push(u);
    }
    empty
}

/// TMX or TBX by the root element, for files whose name does not say.
fn sniff_xml(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(4096)];
    // UTF-16 puts a NUL beside every ASCII byte; drop them to look for the tag names.
    let ascii: Vec<u8> = head.iter().copied().filter(|&b| b != 0).collect();
    let head = String::from_utf8_lossy(&ascii);
    if !head
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('<')
    {
        return None;
    }
    if head.contains("<tmx") {
        Some(Format::Tmx)
    } else if head.contains("<xliff") {
        Some(Format::Xliff)
    } else if head.contains("<martif") || head.contains("<tbx") {
        Some(Format::Glossary("tbx"))
    } else {
        None
    }
}

/// Tab or comma, from the first non-blank line.
fn sniff_delimiter(path: &Path, text: &str) -> Result<u8> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') || first.is_empty() {
        Ok(b'\t')
    } else if first.contains(',') {
        Ok(b',')
    } else {
        Err(Error::at_line(
            path,
            1,
            "cannot tell the format: expected TMX, or English and Russian separated by a tab (TSV) or a comma (CSV); name the file .tmx, .tsv or .csv",
        ))
    }
}

fn reader(text: &str, delim: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        // TSV memories are not quoted: a segment may well start with a quotation mark.
        .quoting(delim != b'\t')
        .from_reader(text.as_bytes())
}

fn header_names(rec: &csv::StringRecord) -> Vec<String> {
    rec.iter()
        .map(|f| f.trim().trim_start_matches('\u{FEFF}').to_lowercase())
        .collect()
}

/// True when the header line has all these columns: `action,en,ru` make a decisions file,
/// `id,en,ru` a glossary; other files are memories.
fn has_columns(text: &str, delim: u8, cols: &[&str]) -> bool {
    match reader(text, delim).records().next() {
        Some(Ok(rec)) => {
            let h = header_names(&rec);
            cols.iter().all(|c| h.iter().any(|x| x == c))
        }
        _ => false,
    }
}

/// A score column value: a number in [0, 1].
fn parse_score(s: &str) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| (0.0..=1.0).contains(x))
}

/// Rows of a two-column (en, ru) or three-column (en, ru, score) file; an optional header
/// `en, ru[, score]`. Every row must have as many fields as the first.
fn read_delimited(
    path: &Path,
    text: &str,
    delim: u8,
) -> Result<Vec<(String, String, Option<f64>)>> {
    if delim != b'\t' {
        crate::glossary::csv::check_quotes(text, delim, path)?;
    }
    let mut rdr = reader(text, delim);
    let mut width: Option<usize> = None;
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(1);
            Error::at_line(path, line, format!("cannot read this row: {}", e))
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(i + 1);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if width.is_none() {
            let h = header_names(&rec);
            if h == ["en", "ru"] || h == ["en", "ru", "score"] {
                width = Some(h.len());
                continue;
            }
            width = Some(if rec.len() == 3 && parse_score(&rec[2]).is_some() {
                3
            } else {
                2
            });
        }
        let w = width.unwrap_or(2);
        if rec.len() != w {
            let names = if w == 3 { "en, ru, score" } else { "en, ru" };
            return Err(Error::at_line(
                path,
                line,
                format!("expected {} fields ({}), found {}", w, names, rec.len()),
            ));
        }
        let score = if w == 3 {
            Some(parse_score(&rec[2]).ok_or_else(|| {
                Error::at_line(
                    path,
                    line,
                    format!(
                        "expected a score between 0 and 1 in the third field, found {:?}",
                        &rec[2]
                    ),
                )
            })?)
        } else {
            None
        };
        rows.push((rec[0].to_string(), rec[1].to_string(), score));
    }
    Ok(rows)
}

/// The concepts of a glossary file (TBX, or CSV with `id`, `en` and `ru` columns), marked as
/// imported so that a rebuild of the extracted glossary keeps them.
fn read_glossary(path: &Path) -> Result<Vec<Concept>> {
    let mut g = crate::glossary::io::read_any(path)?;
    for c in &mut g.concepts {
        c.origin = Origin::Imported;
    }
    Ok(g.concepts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimited_rows_headers_and_scores() {
        let p = Path::new("m.tsv");
        let rows = read_delimited(
            p,
            "en\tru\n\"Hello\" he said.\t«Привет», — сказал он.\n\nb\tб\n",
            b'\t',
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0, "\"Hello\" he said.");
        let rows = read_delimited(p, "a\tа\t0.5\nb\tб\t1\n", b'\t').unwrap();
        assert_eq!(rows[1].2, Some(1.0));
        let e = read_delimited(p, "a\tа\nb\tб\tx\n", b'\t')
            .unwrap_err()
            .to_string();
        assert_eq!(e, "m.tsv:2: expected 2 fields (en, ru), found 3");
        let rows = read_delimited(Path::new("m.csv"), "en,ru\n\"a, b\",\"а, б\"\n", b',').unwrap();
        assert_eq!(rows, vec![("a, b".to_string(), "а, б".to_string(), None)]);
        let glossary = ["id", "en", "ru"];
        assert!(has_columns("id,en,ru,status\n", b',', &glossary));
        assert!(!has_columns("en,ru\n", b',', &glossary));
    }
}
