//! A review as the review pages read it (docs/review.md): each bead with its sentences'
//! indices, the reasons to doubt it and the glossary terms standing in it.
use super::reasons::{reasons, Reason};
use super::{Aside, Review, Sentence, Status};
use crate::index::terms::{TermMatcher, TermSpan};
use serde::Serialize;

/// The JSON of `GET /api/reviews/{id}`.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub id: i64,
    pub name: String,
    pub version: i64,
    pub en: Vec<Sentence>,
    pub ru: Vec<Sentence>,
    pub beads: Vec<BeadView>,
    pub skipped: Vec<Aside>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BeadView {
    pub id: i64,
    pub version: i64,
    pub en: Vec<usize>,
    pub ru: Vec<usize>,
    pub score: Option<f64>,
    pub status: Status,
    pub reasons: Vec<Reason>,
    pub terms: Terms,
}

/// Glossary terms in each side of a bead; `start`/`end` count UTF-16 code units (JavaScript
/// string indices) in the side's sentences joined with single spaces.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Terms {
    pub en: Vec<TermSpan>,
    pub ru: Vec<TermSpan>,
}

/// The review with reasons and, given a glossary, its terms.
pub fn view(rv: &Review, glossary: Option<&TermMatcher>) -> ReviewView {
    let ratio = rv.length_ratio();
    let beads = rv
        .beads
        .iter()
        .map(|b| {
            let (en, ru) = rv.texts(b);
            let (en_text, ru_text) = (en.join(" "), ru.join(" "));
            let terms = glossary.map_or_else(Terms::default, |m| Terms {
                en: spans(
                    m,
                    &en_text,
                    false,
                    (!ru_text.is_empty()).then_some(ru_text.as_str()),
                ),
                // the source is English: its terms' equivalents are looked for in the Russian
                ru: spans(m, &ru_text, true, None),
            });
            BeadView {
                id: b.id,
                version: b.version,
                en: b.en.clone().collect(),
                ru: b.ru.clone().collect(),
                score: b.score,
                status: b.status,
                reasons: reasons(&en, &ru, ratio)
                    .into_iter()
                    .chain(set_aside(rv, b))
                    .collect(),
                terms,
            }
        })
        .collect();
    ReviewView {
        id: rv.id,
        name: rv.name.clone(),
        version: rv.version,
        en: rv.en.clone(),
        ru: rv.ru.clone(),
        beads,
        skipped: rv.skipped.clone(),
    }
}

/// The units in another language set aside next to a bead, as a reason.
fn set_aside(rv: &Review, b: &super::Bead) -> Option<Reason> {
    let near: Vec<&Aside> = rv.skipped.iter().filter(|s| s.next_to(b)).collect();
    let first = near.first()?;
    let mut langs: Vec<&str> = near.iter().map(|s| s.lang.as_str()).collect();
    langs.sort_unstable();
    langs.dedup();
    let excerpt: String = first.text.chars().take(EXCERPT_CHARS).collect();
    Some(Reason {
        code: "skipped",
        text: format!(
            "{} in another language ({}) set aside next to it, e.g. “{}{}”",
            if near.len() == 1 {
                "a paragraph".to_string()
            } else {
                format!("{} paragraphs", near.len())
            },
            langs.join(", "),
            excerpt,
            if first.text.chars().count() > EXCERPT_CHARS {
                "…"
            } else {
                ""
            }
        ),
    })
}

/// How much of a set-aside paragraph a reason quotes.
const EXCERPT_CHARS: usize = 60;

fn spans(m: &TermMatcher, text: &str, is_ru: bool, other: Option<&str>) -> Vec<TermSpan> {
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    m.spans(text, is_ru, other)
        .into_iter()
        .map(|s| TermSpan {
            start: utf16(s.start),
            end: utf16(s.end),
            // flagged only for an approved entry: candidates are not yet the glossary
            missing: s.missing && s.approved,
            ..s
        })
        .collect()
}
