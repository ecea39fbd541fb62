//! Glossary files in any supported format: pick the reader by extension (or content), and one
//! entry point for writing.
use super::{csv, tbx, tsv, xlsx, Glossary};
use crate::error::{Error, Result};
use std::path::Path;

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TBX-Basic 2008 (`<martif>`), the TBX OmegaT and translate-toolkit read.
    Tbx,
    /// TBX-Basic ISO 30042:2019, DCA style (`<tbx>`).
    Tbx2019,
    /// termtool's CSV: one row per concept, everything kept.
    Csv,
    /// OmegaT's tab-separated glossary: one row per English–Russian pair.
    Tsv,
}

impl Format {
    /// All formats, in the order the CLI lists them.
    pub const ALL: [Format; 4] = [Format::Tbx, Format::Tbx2019, Format::Csv, Format::Tsv];

    /// The name used on the command line: "tbx", "tbx2019", "csv", "tsv".
    pub fn name(self) -> &'static str {
        match self {
            Format::Tbx => "tbx",
            Format::Tbx2019 => "tbx2019",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }

    /// Parse a command-line name (see [`Format::name`]).
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tbx | Format::Tbx2019 => "tbx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

/// Write a glossary in `format`. TBX is dated only when `SOURCE_DATE_EPOCH` is set, so the same
/// glossary always gives the same bytes.
pub fn write(g: &Glossary, format: Format) -> String {
    match format {
        Format::Tbx => tbx::write(g, tbx::Version::V2008),
        Format::Tbx2019 => tbx::write(g, tbx::Version::V2019),
        Format::Csv => csv::write(g),
        Format::Tsv => tsv::write(g),
    }
}

/// Read a glossary file, choosing the reader by extension: `.tbx` (TBX 2008 or 2019, by the
/// root element), `.csv` (termtool's CSV, or OmegaT's headerless CSV), `.tsv`, `.tab`, `.txt`,
/// `.utf8` (OmegaT's tab-separated glossary). Other extensions are recognized by content.
pub fn read_any(path: &Path) -> Result<Glossary> {
    let bytes = crate::text::read::read_bytes(path)?;
    read_bytes(&bytes, path)
}

/// Like [`read_any`] for bytes already read; `path` gives the extension and error messages.
pub fn read_bytes(bytes: &[u8], path: &Path) -> Result<Glossary> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "tbx" => tbx::read(bytes, path),
        "xlsx" => xlsx::read(bytes, path),
        "csv" => csv::read(bytes, path),
        "tsv" | "tab" | "txt" | "utf8" => tsv::read(bytes, path),
        _ => match sniff(bytes) {
            Some(Format::Tbx | Format::Tbx2019) => tbx::read(bytes, path),
            Some(Format::Csv) => csv::read(bytes, path),
            Some(Format::Tsv) => tsv::read(bytes, path),
            None => Err(Error::input(
                path,
                "cannot tell the glossary format; expected a .tbx, .xlsx, .csv, .tsv, .txt or .utf8 file (TBX, Excel, termtool CSV or OmegaT tab-separated)",
            )),
        },
    }
}

/// The format of glossary bytes by their content: XML with `<martif>`/`<tbx>`, a line with a tab,
/// or a header line with commas.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    if let Some(v) = tbx::sniff(bytes) {
        return Some(match v {
            tbx::Version::V2008 => Format::Tbx,
            tbx::Version::V2019 => Format::Tbx2019,
        });
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).replace('\0', "");
    let first = head
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))?;
    if first.contains('\t') || head.starts_with(tsv::MAGIC) {
        Some(Format::Tsv)
    } else if first.contains(',') {
        Some(Format::Csv)
    } else {
        None
    }
}
