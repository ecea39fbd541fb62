//! What the pairing stages share: the words of a phrase, acronym groups, and the making of
//! terms and contexts for concepts.
use super::candidates::Cand;
use super::ru;
use crate::glossary::{Context, Status, Term, TermType};
use crate::text::{self, TokenKind};
use std::collections::{BTreeMap, BTreeSet};

/// Words of a phrase.
pub fn words(t: &str) -> Vec<&str> {
    text::tokens(t)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word || t.kind == TokenKind::Number)
        .map(|t| t.text)
        .collect()
}

/// An acronym with its definitions in one language.
#[derive(Debug, Clone, Default)]
pub struct AcronymGroup {
    /// Short forms as written, with counts (JPOA, JPoA).
    pub shorts: BTreeMap<String, usize>,
    /// Long forms as written, with counts.
    pub longs: BTreeMap<String, usize>,
    pub segs: BTreeSet<usize>,
    /// Where it is defined: segment → the definition's position among the segment's
    /// definitions (0 for the first).
    pub defined_at: BTreeMap<usize, usize>,
    /// (sentence, document) contexts of the definitions.
    pub contexts: Vec<(String, String)>,
}

pub fn ctx(list: &[(String, String)], lang: &str) -> Vec<Context> {
    list.iter()
        .map(|(t, d)| Context {
            lang: lang.to_string(),
            text: t.clone(),
            doc: d.clone(),
        })
        .collect()
}

pub fn term(text: &str, tt: TermType, pos: &str, status: Status) -> Term {
    Term {
        text: text.to_string(),
        term_type: tt,
        pos: pos.to_string(),
        status,
        variant_of: None,
    }
}

/// The Russian dictionary form of a phrase as written.
pub fn ru_display(t: &str) -> String {
    let ws: Vec<&str> = t.split_whitespace().collect();
    ru::dictionary_form(&ws)
}

/// A candidate's surface forms, the most frequent first (ties: in order).
pub fn forms_by_count(c: &Cand) -> Vec<&str> {
    let mut v: Vec<(&String, &usize)> = c.forms.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|x| x.0.as_str()).collect()
}

/// Whether a Russian phrase ends with an adjective or a participle (which wait for a noun), or
/// an adverb ("Армения решительно").
pub fn ends_in_modifier(t: &str) -> bool {
    words(t)
        .last()
        .and_then(|w| crate::text::morph::pos(w))
        .is_some_and(|p| matches!(p, "adjective" | "participle" | "adverb"))
}

/// A text with its first letter in lower case ("Law enforcement" → "law enforcement").
pub fn lower_initial(t: &str) -> String {
    let mut cs = t.chars();
    match cs.next() {
        Some(f) => f.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}
