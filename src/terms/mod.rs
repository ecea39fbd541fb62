//! Term extraction: candidates in both languages (acronyms with their definitions, multiword
//! terms ranked by C-value, names), variants under one concept, and EN↔RU pairing over aligned
//! segments, scored by co-occurrence, a word-translation lexicon learned from the memory (IBM
//! Model 1, plus the shipped prior) and transliteration/cognate similarity.
pub mod acronym;
pub mod candidates;
pub mod common;
pub mod general;
pub mod pair;
pub mod pending;
pub mod project;
pub mod ru;
pub mod stop;
pub mod translate;
pub mod variants;
pub mod weights;

use crate::glossary::Glossary;

/// One aligned segment (a sentence or paragraph bead), or a monolingual one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The document it comes from (file name).
    pub doc: String,
    pub en: Option<String>,
    pub ru: Option<String>,
}

/// The text terms are extracted from.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub segments: Vec<Segment>,
}

impl Corpus {
    /// True when the segment has both languages.
    pub fn bilingual(&self, i: usize) -> bool {
        let s = &self.segments[i];
        s.en.is_some() && s.ru.is_some()
    }
}

/// Options for extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Explain, as notes to the report, why candidates whose text contains this were or were
    /// not kept and paired (for a terminologist asking "why is X missing?").
    pub explain: Option<String>,
}

/// Extract a bilingual glossary from a corpus.
pub fn extract(corpus: &Corpus) -> Glossary {
    pair::build(corpus, &Options::default(), &crate::report::Silent)
}

/// [`extract`] with options, telling `report` each step as it starts ("English candidates",
/// …) and the explanations asked for.
pub fn extract_with(
    corpus: &Corpus,
    opts: &Options,
    report: &dyn crate::report::Report,
) -> Glossary {
    pair::build(corpus, opts, report)
}
