//! Russian forms for terms: match keys shared by all inflections (lemmas from the
//! morphological dictionary), and the dictionary form of a phrase for display.
use crate::text::morph;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    // Dictionary look-ups are the slowest step of extraction; corpora repeat words a lot.
    static KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// A key shared by the inflected forms of a word.
pub fn word_key(w: &str) -> String {
    if let Some(k) = KEYS.with(|m| m.borrow().get(w).cloned()) {
        return k;
    }
    let k = morph::lemma_key(w);
    KEYS.with(|m| m.borrow_mut().insert(w.to_string(), k.clone()));
    k
}

/// A phrase as a dictionary lists it (head noun nominative, adjectives agreeing).
pub fn dictionary_form(words: &[&str]) -> String {
    morph::dictionary_form(words)
}
