//! `termtool align`: pair English and Russian paragraphs and sentences.
use super::output::emit;
use super::progress::Progress;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use termtool::align::{self, cost, Alignment, Options, Segments};
use termtool::error::{Error, Result};
use termtool::store;
use termtool::text;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// One file holding both languages, or the English file followed by the Russian file.
    #[arg(required = true, num_args = 1..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Shorthand for --format json.
    #[arg(long)]
    pub json: bool,
    /// Output level: paragraphs (with their sentences in json), or sentences only.
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// Units of alignment: paragraphs (default) or every non-empty line.
    #[arg(long, value_enum, default_value_t = SegmentsArg::Paragraphs)]
    pub segments: SegmentsArg,
    /// Write to this file instead of stdout (written atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also store the documents, paragraphs, beads and the paired sentences (as translation
    /// units) in the workspace (`--db`); saving the same alignment again changes nothing.
    #[arg(long)]
    pub save: bool,
    /// Cost-model weights for tuning experiments, e.g. "k_sim=3,skip=2" (docs/align.md).
    #[arg(long, value_name = "NAME=NUMBER,…", hide = true, value_parser = parse_weights)]
    pub weights: Option<cost::Params>,
    /// Leave out the built-in EN–RU lexicon (to measure what it brings).
    #[arg(long, hide = true)]
    pub no_prior: bool,
}

fn parse_weights(spec: &str) -> std::result::Result<cost::Params, String> {
    cost::Params::parse(spec)
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Tsv,
    Json,
    Tmx,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Paragraph,
    Sentence,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentsArg {
    Paragraphs,
    Lines,
}

pub fn run(args: Args, ws: &store::Config) -> Result<i32> {
    let segments = match args.segments {
        SegmentsArg::Paragraphs => Segments::Paragraphs,
        SegmentsArg::Lines => Segments::Lines,
    };
    let format = if args.json { Format::Json } else { args.format };
    let sides = sides(&args.files, segments)?;
    let opts = Options {
        segments,
        params: args.weights.clone().unwrap_or_default(),
        prior: !args.no_prior,
        ..Options::default()
    };
    // The beads' indices point into the sides, which `align` consumes: keep them to save.
    let kept = if args.save { Some(sides.clone()) } else { None };
    let progress = Progress::new("aligning");
    progress.step(&format!(
        "{} English and {} Russian units",
        sides.en.len(),
        sides.ru.len()
    ));
    let al = align::align_with(sides, &opts, &progress);
    progress.done();
    if let Some(sides) = &kept {
        save(&args.files, segments, sides, &al, ws)?;
    }
    let level = args.level.unwrap_or(Level::Paragraph);
    let out = render(&al, format, level, segments);
    emit(args.output.as_deref(), out.as_bytes())?;
    Ok(0)
}

/// The English and Russian units of one file holding both languages, or of an English file
/// and a Russian file.
pub fn sides(files: &[PathBuf], segments: Segments) -> Result<align::Sides> {
    Ok(match files {
        [one] => {
            let d = read(one)?;
            let sides = align::split_mixed(&d.text, segments);
            if sides.en.is_empty() || sides.ru.is_empty() {
                let missing = if sides.en.is_empty() {
                    "English"
                } else {
                    "Russian"
                };
                return Err(Error::input(
                    one,
                    format!("no {} text found; give a file holding both languages, or two files (English, then Russian)", missing),
                ));
            }
            sides
        }
        [en, ru] => {
            let de = read(en)?;
            let dr = read(ru)?;
            align::split_pair(en, &de.text, ru, &dr.text, segments)?
        }
        _ => unreachable!("clap allows one or two files"),
    })
}

/// Align documents as `termtool align` does (paragraphs, then sentences), with progress on
/// stderr, flattened to sentence beads (for `review` and `check`).
pub fn sentence_beads(files: &[PathBuf]) -> Result<termtool::review::Flat> {
    let sides = sides(files, Segments::Paragraphs)?;
    let progress = Progress::new("aligning");
    let al = align::align_with(sides.clone(), &Options::default(), &progress);
    progress.done();
    Ok(termtool::review::flatten(&sides, &al))
}

/// `--save`: store the alignment in the workspace, in one transaction, and say so on stderr.
fn save(
    files: &[PathBuf],
    segments: Segments,
    sides: &align::Sides,
    al: &Alignment,
    ws: &store::Config,
) -> Result<()> {
    use termtool::store::{AlignmentRecord, DocKind, Document, Store};
    let docs = files
        .iter()
        .map(|f| Document::from_file(f, DocKind::Text))
        .collect::<Result<Vec<_>>>()?;
    let mut store = Store::open_with(ws)?;
    let saved = store.save_alignment(&AlignmentRecord {
        en_doc: &docs[0],
        ru_doc: docs.get(1),
        segments,
        sides,
        alignment: al,
    })?;
    eprintln!(
        "termtool: saved {} beads and {} units ({} new) to {}",
        saved.beads,
        saved.units,
        saved.added,
        ws.path.display()
    );
    Ok(())
}

fn read(path: &std::path::Path) -> Result<text::Decoded> {
    let d = text::read_file(path)?;
    if let Some(kind) = bilingual_xml(&d.text) {
        return Err(Error::input(
            path,
            format!("this is a {kind} file, not a document to align; expected text, DOCX, ODT, HTML or PDF (a TMX or XLIFF goes to `termtool import`, `extract` or `check`, a TBX to `termtool import`)"),
        ));
    }
    if d.encoding != "utf-8" && d.encoding != "utf-8-bom" {
        eprintln!("termtool: {}: read as {}", path.display(), d.encoding);
    }
    Ok(d)
}

/// The kind of a TMX, XLIFF or TBX file's text (by its root near the start), if it is one.
fn bilingual_xml(text: &str) -> Option<&'static str> {
    let head: String = text.chars().take(4096).collect();
    if !head.trim_start().starts_with('<') {
        return None;
    }
    [
        ("<tmx", "TMX"),
        ("<xliff", "XLIFF"),
        ("<martif", "TBX"),
        ("<tbx", "TBX"),
    ]
    .into_iter()
    .find(|(tag, _)| head.contains(tag))
    .map(|(_, kind)| kind)
}

/// (en_text, ru_text, score) rows at the chosen level.
fn rows(al: &Alignment, level: Level, segments: Segments) -> Vec<(String, String, f64)> {
    let mut v = Vec::new();
    for b in &al.beads {
        if level == Level::Sentence && segments == Segments::Paragraphs && !b.sentences.is_empty() {
            for s in &b.sentences {
                v.push((s.en_text.clone(), s.ru_text.clone(), s.score));
            }
        } else {
            v.push((b.en_text.clone(), b.ru_text.clone(), b.score));
        }
    }
    v
}

fn render(al: &Alignment, format: Format, level: Level, segments: Segments) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(al).expect("alignment serialises");
            s.push('\n');
            s
        }
        Format::Tsv => {
            let mut s = String::new();
            for (e, r, sc) in rows(al, level, segments) {
                s.push_str(&format!(
                    "{}\t{}\t{:.3}\n",
                    tsv_field(&e),
                    tsv_field(&r),
                    sc
                ));
            }
            s
        }
        Format::Tmx => {
            let pairs: Vec<(String, String)> = rows(al, level, segments)
                .into_iter()
                .filter(|(e, r, _)| !e.is_empty() && !r.is_empty())
                .map(|(e, r, _)| (e, r))
                .collect();
            use termtool::memory::tmx::{write_pairs_with, Header, SegType};
            let segtype = if level == Level::Sentence || segments == Segments::Lines {
                SegType::Sentence
            } else {
                SegType::Paragraph
            };
            write_pairs_with(&pairs, &Header::new(segtype))
        }
        Format::Text => render_text(&rows(al, level, segments), &al.skipped),
    }
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n'], " ")
}

/// Side by side, wrapped to the terminal's width (80 columns when not a terminal).
fn render_text(rows: &[(String, String, f64)], skipped: &[align::Skipped]) -> String {
    let width = 38usize;
    let mut s = String::new();
    for (e, r, sc) in rows {
        let le = wrap(e, width);
        let lr = wrap(r, width);
        let n = le.len().max(lr.len()).max(1);
        s.push_str(&format!("── {:.2} {}\n", sc, "─".repeat(width * 2 - 3)));
        for i in 0..n {
            let a = le.get(i).map(String::as_str).unwrap_or("");
            let b = lr.get(i).map(String::as_str).unwrap_or("");
            let pad = width.saturating_sub(a.chars().count());
            s.push_str(&format!("{}{} │ {}\n", a, " ".repeat(pad), b));
        }
    }
    for k in skipped {
        s.push_str(&format!("── skipped ({}) {}\n", k.lang, k.text));
    }
    s
}

fn wrap(t: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in t.split('\n') {
        let mut cur = String::new();
        for w in para.split_whitespace() {
            if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
                lines.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            if w.chars().count() > width {
                let chars: Vec<char> = w.chars().collect();
                for chunk in chars.chunks(width) {
                    if !cur.is_empty() {
                        lines.push(std::mem::take(&mut cur));
                    }
                    cur = chunk.iter().collect();
                }
            } else {
                cur.push_str(w);
            }
        }
        lines.push(cur);
    }
    lines
}
