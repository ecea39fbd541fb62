//! The whole pipeline on a set of documents: read, split by language, align the bilingual
//! ones, and build the corpus that terms are extracted from.
use crate::align::{self, Alignment, Options, Segments};
use crate::error::{Error, Result};
use crate::glossary::{curated, io, Glossary};
use crate::memory::tmx;
use crate::report::Report;
use crate::terms::{self, Corpus, Segment};
use crate::text::{self, Lang};
use std::path::{Path, PathBuf};

/// One document after reading and alignment.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name (without directories), used as the document's name.
    pub name: String,
    pub path: PathBuf,
    /// The alignment, for documents that hold both languages.
    pub alignment: Option<Alignment>,
}

/// The text files of a directory (`.txt`, `.md`), sorted by name.
pub fn documents_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    v.sort();
    if v.is_empty() {
        return Err(Error::input(
            dir,
            "no documents (.txt) found; expected a folder of English and/or Russian texts",
        ));
    }
    Ok(v)
}

fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Read documents, align the bilingual ones, and build the corpus: one segment per sentence
/// bead (paragraph bead when it has no sentence beads), one per unpaired paragraph, and one
/// per paragraph of a monolingual document.
pub fn read_corpus(paths: &[PathBuf]) -> Result<(Corpus, Vec<Document>)> {
    let mut corpus = Corpus::default();
    let mut docs = Vec::new();
    for p in paths {
        let name = name_of(p);
        if is_bilingual(p) {
            // aligned already: each unit is a segment
            let loaded = crate::memory::load(p)?;
            corpus
                .segments
                .extend(loaded.units.into_iter().map(|u| Segment {
                    doc: name.clone(),
                    en: Some(u.en),
                    ru: Some(u.ru),
                }));
            docs.push(Document {
                name,
                path: p.clone(),
                alignment: None,
            });
            continue;
        }
        let d = text::read_file(p)?;
        let sides = align::split_mixed(&d.text, Segments::Paragraphs);
        let mut doc = Document {
            name: name.clone(),
            path: p.clone(),
            alignment: None,
        };
        if !sides.en.is_empty() && !sides.ru.is_empty() {
            let al = align::align(sides, &Options::default());
            for b in &al.beads {
                let seg = |en: &str, ru: &str| Segment {
                    doc: name.clone(),
                    en: (!en.is_empty()).then(|| en.to_string()),
                    ru: (!ru.is_empty()).then(|| ru.to_string()),
                };
                if b.sentences.is_empty() {
                    corpus.segments.push(seg(&b.en_text, &b.ru_text));
                } else {
                    corpus
                        .segments
                        .extend(b.sentences.iter().map(|s| seg(&s.en_text, &s.ru_text)));
                }
            }
            doc.alignment = Some(al);
        } else {
            for para in sides.en.iter().chain(sides.ru.iter()) {
                let ru = text::detect(&para.text).lang == Lang::Ru;
                corpus.segments.push(Segment {
                    doc: name.clone(),
                    en: (!ru).then(|| para.text.clone()),
                    ru: ru.then(|| para.text.clone()),
                });
            }
        }
        docs.push(doc);
    }
    Ok((corpus, docs))
}

/// Whether a file is bilingual (XLIFF, TMX) by its extension: its units are pairs already.
fn is_bilingual(p: &std::path::Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlf" | "xliff" | "tmx"))
}

/// The glossary files `build` writes, by name (beside them, `memory.tmx`).
pub const GLOSSARY_FILES: [(&str, io::Format); 4] = [
    ("termtool.tbx", io::Format::Tbx),
    ("termtool.2019.tbx", io::Format::Tbx2019),
    ("termtool.csv", io::Format::Csv),
    ("termtool.omegat.tsv", io::Format::Tsv),
];

/// The name of the aligned memory `build` writes.
pub const MEMORY_FILE: &str = "memory.tmx";

/// What `build` makes of a folder of documents.
#[derive(Debug, Clone)]
pub struct Built {
    /// The glossary extracted, with the curated decisions applied.
    pub glossary: Glossary,
    /// The aligned sentence pairs (English, Russian).
    pub pairs: Vec<(String, String)>,
}

impl Built {
    /// The files to write, as (name, bytes): the glossary in every format of
    /// [`GLOSSARY_FILES`], and the aligned memory as TMX.
    pub fn files(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut out: Vec<(&'static str, Vec<u8>)> = GLOSSARY_FILES
            .iter()
            .map(|(name, fmt)| (*name, io::write(&self.glossary, *fmt).into_bytes()))
            .collect();
        let header = tmx::Header::new(tmx::SegType::Sentence);
        out.push((
            MEMORY_FILE,
            tmx::write_pairs_with(&self.pairs, &header).into_bytes(),
        ));
        out
    }
}

/// The whole pipeline on the documents of `dir`: read, align, extract, then apply the curated
/// decisions of `curated_path` when given. `report` is told each step.
pub fn build(dir: &Path, curated_path: Option<&Path>, report: &dyn Report) -> Result<Built> {
    report.step("reading and aligning the documents");
    let paths = documents_in(dir)?;
    let (corpus, _) = read_corpus(&paths)?;
    let mut glossary = terms::extract_with(&corpus, &terms::Options::default(), report);
    if let Some(p) = curated_path {
        curated::apply(&mut glossary, &curated::read(p)?);
    }
    let pairs = corpus
        .segments
        .iter()
        .filter_map(|s| Some((s.en.clone()?, s.ru.clone()?)))
        .collect();
    Ok(Built { glossary, pairs })
}
