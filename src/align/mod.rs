//! The English–Russian aligner: paragraphs first, then sentences inside each paragraph bead.
//!
//! The search is a banded dynamic programme over beads 0-1, 1-0, 1-1, 1-2, 2-1, 2-2 and 1-n /
//! n-1 up to `MAX_MERGE`; the cost of a bead combines a length model calibrated on the document,
//! anchors that survive translation (numbers, Latin tokens, acronyms, transliterated names) and a
//! word-translation lexicon learned from the text itself (IBM Model 1 over confident beads).
pub mod anchors;
pub mod cost;
pub mod dp;
pub mod lexicon;

use crate::error::{Error, Result};
use crate::report::{Report, Silent};
use crate::text::{self, Lang, Paragraph};
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

/// The largest n in a 1-n or n-1 bead.
pub const MAX_MERGE: usize = 6;

/// What the units of alignment are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segments {
    /// Paragraphs, split by blank lines, bullets and list markers.
    Paragraphs,
    /// Every non-empty line is one unit (as hunalign and Vecalign take their input).
    Lines,
}

/// Options for `align`.
#[derive(Debug, Clone)]
pub struct Options {
    pub segments: Segments,
    /// Align sentences inside paragraph beads.
    pub sentences: bool,
    /// The cost model's weights (the defaults are tuned on the `tune` documents, docs/align.md).
    pub params: cost::Params,
    /// Add the built-in EN–RU lexicon to the one learned from the document (off only to measure
    /// what it brings).
    pub prior: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            segments: Segments::Paragraphs,
            sentences: true,
            params: cost::Params::default(),
            prior: true,
        }
    }
}

/// A unit that is in neither English nor Russian.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Skipped {
    /// Position among all units of its file, 0-based (for two files, the Russian file's units
    /// come after the English file's).
    pub index: usize,
    /// Detected language code ("tr", "de", "und", …).
    pub lang: String,
    pub text: String,
}

/// The two sides of a document, ready to align.
#[derive(Debug, Clone, Default)]
pub struct Sides {
    pub en: Vec<Paragraph>,
    pub ru: Vec<Paragraph>,
    pub skipped: Vec<Skipped>,
    /// Each English and Russian unit's position, numbered as [`Skipped::index`] is (so a
    /// skipped unit can be placed among them).
    pub en_index: Vec<usize>,
    pub ru_index: Vec<usize>,
}

/// A sentence bead inside a paragraph bead.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceBead {
    /// 0-based positions in the paragraph bead's list of English sentences.
    pub en: Vec<usize>,
    /// 0-based positions in the paragraph bead's list of Russian sentences.
    pub ru: Vec<usize>,
    pub en_text: String,
    pub ru_text: String,
    pub score: f64,
}

/// A paragraph (or line) bead.
#[derive(Debug, Clone, Serialize)]
pub struct Bead {
    /// 0-based positions in the list of English units.
    pub en: Vec<usize>,
    /// 0-based positions in the list of Russian units.
    pub ru: Vec<usize>,
    pub en_text: String,
    pub ru_text: String,
    /// Confidence in [0,1].
    pub score: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<SentenceBead>,
}

/// The result of aligning a document.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    pub beads: Vec<Bead>,
    pub skipped: Vec<Skipped>,
}

fn units(text: &str, seg: Segments) -> Vec<Paragraph> {
    match seg {
        Segments::Paragraphs => text::paragraphs(text),
        Segments::Lines => text::lines(text),
    }
}

/// Split one file holding both languages into its English, Russian and other units.
pub fn split_mixed(text: &str, seg: Segments) -> Sides {
    let mut sides = Sides::default();
    for (i, p) in units(text, seg).into_iter().enumerate() {
        let d = text::detect(&p.text);
        match d.lang {
            Lang::En => {
                sides.en.push(p);
                sides.en_index.push(i);
            }
            Lang::Ru => {
                sides.ru.push(p);
                sides.ru_index.push(i);
            }
            Lang::Other => sides.skipped.push(Skipped {
                index: i,
                lang: d.code.clone(),
                text: p.text,
            }),
        }
    }
    sides
}

/// How many units, evenly taken, tell a file's majority language: enough for any real
/// document, and detection no longer costs a tenth of a long file's alignment.
const MAJORITY_SAMPLE: usize = 1_000;

/// The majority language of a list of units, weighted by length.
fn majority(units: &[Paragraph]) -> Option<Lang> {
    let (mut en, mut ru) = (0usize, 0usize);
    let step = units.len().div_ceil(MAJORITY_SAMPLE).max(1);
    for p in units.iter().step_by(step) {
        match text::detect(&p.text).lang {
            Lang::En => en += p.text.len(),
            Lang::Ru => ru += p.text.len(),
            Lang::Other => {}
        }
    }
    if en == 0 && ru == 0 {
        None
    } else if en >= ru {
        Some(Lang::En)
    } else {
        Some(Lang::Ru)
    }
}

/// Build the sides from an English file and a Russian file. With `Segments::Lines` every line
/// is kept (test sets are scored on all lines); with paragraphs, units in a third language are
/// skipped.
pub fn split_pair(
    en_path: &Path,
    en: &str,
    ru_path: &Path,
    ru: &str,
    seg: Segments,
) -> Result<Sides> {
    let eu = units(en, seg);
    let ruu = units(ru, seg);
    for (p, u, want) in [(en_path, &eu, Lang::En), (ru_path, &ruu, Lang::Ru)] {
        if u.is_empty() {
            return Err(Error::input(
                p,
                "the file has no text; expected a document to align",
            ));
        }
        match majority(u) {
            Some(l) if l != want => {
                return Err(Error::input(
                    p,
                    format!(
                        "this file is mostly {}, expected {}; give the English file first, then the Russian one",
                        name(l),
                        name(want)
                    ),
                ))
            }
            None => return Err(Error::input(p, format!("no {} text found in this file", name(want)))),
            _ => {}
        }
    }
    let mut sides = Sides::default();
    let n_en = eu.len();
    for (side, list, base) in [(Lang::En, eu, 0usize), (Lang::Ru, ruu, n_en)] {
        for (i, p) in list.into_iter().enumerate() {
            let keep = seg == Segments::Lines || {
                let d = text::detect(&p.text);
                if d.lang == Lang::Other && d.confidence >= 0.5 {
                    sides.skipped.push(Skipped {
                        index: base + i,
                        lang: d.code.clone(),
                        text: p.text.clone(),
                    });
                    false
                } else {
                    true
                }
            };
            if keep {
                match side {
                    Lang::En => {
                        sides.en.push(p);
                        sides.en_index.push(base + i);
                    }
                    _ => {
                        sides.ru.push(p);
                        sides.ru_index.push(base + i);
                    }
                }
            }
        }
    }
    Ok(sides)
}

fn name(l: Lang) -> &'static str {
    match l {
        Lang::En => "English",
        Lang::Ru => "Russian",
        Lang::Other => "another language",
    }
}

fn join(units: &[&str], range: Range<usize>, sep: &str) -> String {
    units[range].join(sep)
}

/// Align the two sides.
pub fn align(sides: Sides, opts: &Options) -> Alignment {
    align_with(sides, opts, &Silent)
}

/// [`align`], telling `report` each phase as it starts.
pub fn align_with(sides: Sides, opts: &Options, report: &dyn Report) -> Alignment {
    let en: Vec<&str> = sides.en.iter().map(|p| p.text.as_str()).collect();
    let ru: Vec<&str> = sides.ru.iter().map(|p| p.text.as_str()).collect();
    let learned = dp::align_document(&en, &ru, opts, report);
    let mut beads = Vec::with_capacity(learned.beads.len());
    for rb in learned.beads.iter().cloned() {
        let mut bead = Bead {
            en: rb.en.clone().collect(),
            ru: rb.ru.clone().collect(),
            en_text: join(&en, rb.en.clone(), "\n"),
            ru_text: join(&ru, rb.ru.clone(), "\n"),
            score: round3(rb.score),
            sentences: Vec::new(),
        };
        if opts.sentences
            && opts.segments == Segments::Paragraphs
            && !rb.en.is_empty()
            && !rb.ru.is_empty()
        {
            bead.sentences = align_sentences(&en[rb.en.clone()], &ru[rb.ru.clone()], &learned);
        }
        beads.push(bead);
    }
    Alignment {
        beads,
        skipped: sides.skipped,
    }
}

fn sentence_list<'a>(paras: &[&'a str], lang: Lang) -> Vec<&'a str> {
    paras
        .iter()
        .flat_map(|p| text::sentences(p, lang).into_iter().map(move |r| &p[r]))
        .collect()
}

/// Align the sentences of one paragraph bead.
fn align_sentences(en: &[&str], ru: &[&str], doc: &dp::Learned) -> Vec<SentenceBead> {
    let es = sentence_list(en, Lang::En);
    let rs = sentence_list(ru, Lang::Ru);
    dp::align_within(&es, &rs, doc)
        .into_iter()
        .map(|rb| SentenceBead {
            en: rb.en.clone().collect(),
            ru: rb.ru.clone().collect(),
            en_text: join(&es, rb.en, " "),
            ru_text: join(&rs, rb.ru, " "),
            score: round3(rb.score),
        })
        .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
