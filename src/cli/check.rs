//! `termtool check`: terminology QA of a translation against the glossary (`termtool::check`).
use super::output::emit;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::{Path, PathBuf};
use termtool::check::{self, Finding, Segment, Severity};
use termtool::error::{Error, Result};
use termtool::glossary::{self, Concept, Origin};
use termtool::memory;
use termtool::review;
use termtool::store;
use termtool::text::printable;

/// Check a translation against the glossary: English terms whose approved Russian equivalent
/// is missing (in any case or number), deprecated terms used, numbers that differ, acronyms and
/// names without a counterpart, one English segment translated in different ways.
///
/// Input: a bilingual file (TMX, or TSV/CSV of English and Russian), or a document holding both
/// languages, or the English document then the Russian one (aligned first). The glossary is the
/// workspace's (`--db`), or `--glossary FILE` (TBX, CSV, OmegaT TSV). Exit code 1 when findings
/// reach `--fail-on`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Check against this glossary file (every entry counts as approved) instead of the
    /// workspace's.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Only the workspace's entries a person approved (accepted, or imported from a glossary
    /// file), not the candidates of extraction.
    #[arg(long)]
    pub approved_only: bool,
    /// Exit 1 when a finding of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Print the findings as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write a self-contained HTML report of the segments with findings.
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

pub fn run(a: Args, ws: &store::Config) -> Result<i32> {
    let segments = segments(&a.files)?;
    let concepts = match &a.glossary {
        Some(g) => approved(glossary::read_any(g)?.concepts),
        None => super::sync::open_workspace(ws)?.glossary()?.concepts,
    };
    if concepts.is_empty() {
        eprintln!("termtool: note: the glossary is empty: only numbers, names and consistency are checked");
    }
    let findings = check::check(
        &segments,
        &concepts,
        check::Options {
            approved_only: a.approved_only,
        },
    );
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let out = if a.json {
        let mut s = serde_json::to_string_pretty(&serde_json::json!({
            "segments": segments.len(),
            "glossary_entries": concepts.len(),
            "errors": errors,
            "warnings": warnings,
            "findings": findings,
        }))
        .expect("findings serialise");
        s.push('\n');
        s
    } else {
        table(&findings)
    };
    if let Some(html) = &a.html {
        emit(
            Some(html),
            report(&a.files, &segments, &findings).as_bytes(),
        )?;
    }
    emit(None, out.as_bytes())?;
    eprintln!(
        "termtool: {} segments checked against {} glossary entries: {errors} errors, {warnings} warnings",
        segments.len(),
        concepts.len()
    );
    let fail = match a.fail_on {
        FailOn::Error => errors > 0,
        FailOn::Warning => errors + warnings > 0,
        FailOn::Never => false,
    };
    Ok(i32::from(fail))
}

/// A glossary file's entries, all approved (a person gave the file).
fn approved(mut concepts: Vec<Concept>) -> Vec<Concept> {
    for c in &mut concepts {
        if c.origin == Origin::Extracted {
            c.origin = Origin::Imported;
        }
    }
    concepts
}

/// The file extensions read as bilingual files rather than documents to align.
const BILINGUAL: [&str; 6] = ["tmx", "xlf", "xliff", "tsv", "csv", "tab"];

fn segments(files: &[PathBuf]) -> Result<Vec<Segment>> {
    let bilingual = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| BILINGUAL.contains(&e.to_ascii_lowercase().as_str()))
    };
    match files {
        [one] if bilingual(one) => {
            let loaded = memory::load(one)?;
            if loaded.units.is_empty() {
                return Err(Error::input(
                    one,
                    "no English–Russian segments found; expected a TMX, or TSV/CSV with an English and a Russian column",
                ));
            }
            Ok(loaded
                .units
                .into_iter()
                .enumerate()
                .map(|(i, u)| Segment {
                    en: u.en,
                    ru: u.ru,
                    place: format!("segment {}", i + 1),
                })
                .collect())
        }
        _ => {
            let flat = super::align::sentence_beads(files)?;
            let text = |list: &[review::Sentence], r: &std::ops::Range<usize>| {
                list[r.clone()]
                    .iter()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            Ok(flat
                .beads
                .iter()
                .filter(|(e, r, _)| !e.is_empty() && !r.is_empty())
                .map(|(e, r, _)| Segment {
                    en: text(&flat.en, e),
                    ru: text(&flat.ru, r),
                    place: format!("sentence {}", e.start + 1),
                })
                .collect())
        }
    }
}

/// One finding per line: place, severity, kind, message.
fn table(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        s.push_str(&format!(
            "{:<14} {:<7} {:<15} {}\n",
            f.place,
            f.severity.as_str(),
            f.kind,
            printable(&f.message)
        ));
    }
    s
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A self-contained HTML page: each segment with findings, its two sides and what was found.
fn report(files: &[PathBuf], segments: &[Segment], findings: &[Finding]) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|f| esc(&f.display().to_string()))
        .collect();
    let mut rows = String::new();
    let mut i = 0;
    while i < findings.len() {
        let seg = findings[i].segment;
        let s = &segments[seg];
        let mut items = String::new();
        while i < findings.len() && findings[i].segment == seg {
            let f = &findings[i];
            items.push_str(&format!(
                "<li class=\"{}\"><b>{}</b> {}</li>",
                f.severity.as_str(),
                f.kind,
                esc(&f.message)
            ));
            i += 1;
        }
        rows.push_str(&format!(
            "<tr><td>{}</td><td lang=\"en\">{}</td><td lang=\"ru\">{}</td><td><ul>{}</ul></td></tr>\n",
            esc(&s.place),
            esc(&s.en),
            esc(&s.ru),
            items
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>termtool check: {title}</title>\n<style>\
body{{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;margin:1.5rem}}table{{border-collapse:collapse;width:100%}}\
td,th{{border-top:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}}ul{{margin:0;padding-left:1rem}}\
li.error b{{color:#a40000}}li.warning b{{color:#7a4b00}}</style></head><body>\n\
<h1>termtool check: {title}</h1><p>{n} segments checked, {f} findings.</p>\n\
<table><thead><tr><th>Where</th><th>English</th><th>Russian</th><th>Findings</th></tr></thead><tbody>\n{rows}</tbody></table></body></html>\n",
        title = names.join(" + "),
        n = segments.len(),
        f = findings.len(),
    )
}
