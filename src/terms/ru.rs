//! Russian forms for terms: match keys shared by all inflections (lemmas from the
//! morphological dictionary), and the dictionary form of a phrase for display.
use crate::text::morph;

/// A key shared by the inflected forms of a word.
pub fn word_key(w: &str) -> String {
    morph::lemma_key(w)
}

/// A phrase as a dictionary lists it (head noun nominative, adjectives agreeing).
pub fn dictionary_form(words: &[&str]) -> String {
    morph::dictionary_form(words)
}
