//! `termtool import`: read translation memories (TMX, TSV, CSV) and glossaries into the
//! workspace, all files in one transaction.
use super::progress::Progress;
use clap::Args as ClapArgs;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use termtool::error::{Error, Result};
use termtool::glossary::curated::{self, Decision};
use termtool::glossary::{Concept, Origin};
use termtool::store;
use termtool::store::{DocKind, Document, Store, Unit};
use termtool::text;

/// Import translation memories and glossaries into the workspace (`--db`, `$TERMTOOL_DB` or
/// `.termtool/workspace.sqlite`).
///
/// A memory is a TMX file (1.1–1.4b; the English and Russian variants of each unit), or a
/// two-column English/Russian TSV or CSV file with an optional header line `en<TAB>ru` /
/// `en,ru` (a third column of scores between 0 and 1 is kept). The same unit is never stored
/// twice: importing a file again adds nothing. A glossary (`.tbx`, or a CSV whose header has
/// `id`, `en` and `ru` columns) is stored as imported concepts. A decisions file (a CSV with
/// the columns `action,id,en,ru,note`, like `glossary/curated.csv`) is recorded in the
/// workspace: it is applied to the stored glossary now and to every later extraction, so a
/// rejected pair never comes back. All files go in one transaction: if one file cannot be
/// read, nothing is imported.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Memory files (.tmx, .tsv, .tab, .csv), glossaries (.tbx, .csv with an id column) and
    /// decisions (.csv with an action column); other names are recognised by their content.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What a file holds and how to read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Tmx,
    Tsv,
    Csv,
    /// A glossary: TBX, or CSV with `id`, `en` and `ru` columns.
    Glossary(&'static str),
    /// People's decisions: a CSV with the columns `action,id,en,ru,note`.
    Decisions,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Glossary(n) => n,
            Format::Decisions => "decisions",
        }
    }
}

/// One file, read and checked, ready to be written.
struct Loaded {
    path: PathBuf,
    format: Format,
    doc: Document,
    units: Vec<Unit>,
    concepts: Vec<Concept>,
    decisions: Vec<Decision>,
    /// Pairs with an empty side, left out.
    empty: usize,
}

/// One file's line of the summary (`--json`: an element of `files`).
#[derive(Serialize)]
struct FileSummary {
    path: String,
    /// "tmx", "tsv", "csv"; for glossaries "tbx" or "glossary-csv"; "decisions".
    format: &'static str,
    /// "memory" (counts are translation units), "glossary" (counts are concepts) or
    /// "decisions" (counts are decisions).
    kind: &'static str,
    /// EN–RU units (concepts, for a glossary) read.
    read: usize,
    /// Of those, how many were written to the workspace.
    added: usize,
    /// Read but not written: already in the workspace or earlier in the same import (for a
    /// glossary: held by a curated entry).
    duplicates: usize,
    /// Pairs with an empty English or Russian side, left out.
    empty: usize,
}

/// The summary (`--json`).
#[derive(Serialize)]
struct Summary {
    files: Vec<FileSummary>,
    /// Translation units read from the memory files.
    read: usize,
    /// Translation units added.
    added: usize,
    duplicates: usize,
    /// Concepts read from the glossary files, and how many were written.
    concepts_read: usize,
    concepts_added: usize,
    /// Decisions read from decision files, and how many were new to the workspace.
    decisions_read: usize,
    decisions_added: usize,
    /// Stored concepts changed by applying the workspace's decisions (a rejected pair
    /// removed, an accepted, edited or added one made curated).
    concepts_changed: usize,
    /// What the workspace holds afterwards.
    units: usize,
    concepts: usize,
    workspace: String,
}

pub fn run(args: Args, ws: &store::Config) -> Result<i32> {
    let progress = Progress::new("importing");
    let mut loaded = Vec::with_capacity(args.files.len());
    for (i, path) in args.files.iter().enumerate() {
        progress.step(&format!(
            "reading {} [{}/{}]",
            path.display(),
            i + 1,
            args.files.len()
        ));
        loaded.push(load(path)?);
    }
    progress.step(&format!(
        "writing {} units to the workspace",
        loaded.iter().map(|l| l.units.len()).sum::<usize>()
    ));

    let mut store = Store::open_with(ws)?;
    let mut files = Vec::with_capacity(loaded.len());
    let mut batch = store.batch()?;
    for l in &loaded {
        let doc = batch.add_document(&l.doc)?;
        let (kind, read, added) = match l.format {
            Format::Glossary(_) => (
                "glossary",
                l.concepts.len(),
                batch.put_concepts(&l.concepts)?,
            ),
            Format::Decisions => (
                "decisions",
                l.decisions.len(),
                batch.add_decisions(&l.decisions, &l.doc.name)?,
            ),
            _ => (
                "memory",
                l.units.len(),
                batch.add_units(&l.units, Some(doc))?,
            ),
        };
        files.push(FileSummary {
            path: l.path.display().to_string(),
            format: l.format.name(),
            kind,
            read,
            added,
            duplicates: read - added,
            empty: l.empty,
        });
    }
    // what a person decided holds over every glossary, the one just imported too
    let changed = if loaded
        .iter()
        .any(|l| matches!(l.format, Format::Glossary(_) | Format::Decisions))
    {
        batch.apply_decisions()?
    } else {
        0
    };
    // The report is written before the commit: a report that cannot be written (stdout on a
    // full device, a closed pipe) or a count that fails leaves the workspace as it was, so that
    // exit 2 always means nothing was stored.
    let counts = batch.counts()?;
    let sum = |kind: &str, f: fn(&FileSummary) -> usize| {
        files
            .iter()
            .filter(|x| x.kind == kind)
            .map(f)
            .sum::<usize>()
    };
    let (read, added) = (sum("memory", |f| f.read), sum("memory", |f| f.added));
    let summary = Summary {
        read,
        added,
        duplicates: read - added,
        concepts_read: sum("glossary", |f| f.read),
        concepts_added: sum("glossary", |f| f.added),
        decisions_read: sum("decisions", |f| f.read),
        decisions_added: sum("decisions", |f| f.added),
        concepts_changed: changed,
        units: counts.units,
        concepts: counts.concepts,
        workspace: ws.path.display().to_string(),
        files,
    };
    let out = if args.json {
        let mut s = serde_json::to_string_pretty(&summary).expect("the summary serialises");
        s.push('\n');
        s
    } else {
        render(&summary)
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| Error::io("<stdout>", e))?;
    batch.commit()?;
    progress.done();
    Ok(0)
}

fn render(s: &Summary) -> String {
    let mut out = String::new();
    for f in &s.files {
        let what = match f.kind {
            "glossary" => "concepts",
            "decisions" => "decisions",
            _ => "units",
        };
        out.push_str(&format!(
            "{}: {}, {} {} read, {} added",
            f.path, f.format, f.read, what, f.added
        ));
        if f.read == 0 && f.format == "tmx" {
            out.push_str(" (no units with both English and Russian)");
        }
        if f.duplicates > 0 {
            out.push_str(&format!(", {} duplicates", f.duplicates));
        }
        if f.empty > 0 {
            out.push_str(&format!(", {} with an empty side left out", f.empty));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "imported {} file{}: {} units read, {} added, {} duplicates",
        s.files.len(),
        if s.files.len() == 1 { "" } else { "s" },
        s.read,
        s.added,
        s.duplicates
    ));
    if s.files.iter().any(|f| f.kind == "glossary") {
        out.push_str(&format!(
            "; {} concepts read, {} added",
            s.concepts_read, s.concepts_added
        ));
    }
    if s.files.iter().any(|f| f.kind == "decisions") {
        out.push_str(&format!(
            "; {} decisions read, {} new",
            s.decisions_read, s.decisions_added
        ));
    }
    if s.concepts_changed > 0 {
        out.push_str(&format!(
            "; decisions changed {} stored concepts",
            s.concepts_changed
        ));
    }
    out.push_str(&format!(
        "; the workspace {} holds {} units and {} concepts\n",
        s.workspace, s.units, s.concepts
    ));
    out
}

/// Read one file completely, so that every error comes before anything is written.
fn load(path: &Path) -> Result<Loaded> {
    let bytes = termtool::text::read::read_bytes(path)?;
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
        "tbx" => Some(Format::Glossary("tbx")),
        _ => sniff_xml(&bytes),
    };
    match sniffed {
        Some(Format::Tmx) => {
            let mut l = loaded(Format::Tmx, DocKind::Memory);
            let pairs = termtool::tm::tmx::read_tmx(&bytes, path)?;
            l.empty = keep_pairs(
                pairs.into_iter().map(|(en, ru)| (en, ru, None)),
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
        let blank = |s: &str| termtool::text::match_key(s).is_empty();
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
        termtool::glossary::csv::check_quotes(text, delim, path)?;
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
    let mut g = termtool::glossary::io::read_any(path)?;
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
