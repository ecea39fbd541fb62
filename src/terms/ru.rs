//! Russian forms for terms: match keys shared by all inflections (lemmas from the
//! morphological dictionary), and the dictionary form of a phrase for display.
use crate::text::morph;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    // Dictionary look-ups are the slowest step of extraction; corpora repeat words a lot.
    static KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    static VERBS: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
}

/// Whether a lower-case word's likeliest reading is a verb (finite, infinitive or gerund): a
/// term holds none ("определят конкретные задачи", "нарушил международные правила"). A
/// capitalised word is taken for a name: the dictionary's guesser reads unknown names as verbs
/// ("Мирела", "Хайянь").
pub fn is_verb(w: &str) -> bool {
    if w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if let Some(v) = VERBS.with(|m| m.borrow().get(w).copied()) {
        return v;
    }
    let v = morph::pos(w) == Some("verb");
    VERBS.with(|m| m.borrow_mut().insert(w.to_string(), v));
    v
}

/// Whether a phrase of two or more words starts with a lower-case active participle
/// ("обладающие ядерным оружием", "занимающихся вопросами"): such a participle governs what
/// follows and belongs to a noun before it, so the phrase is the tail of a longer term.
pub fn starts_with_active_participle(phrase: &str) -> bool {
    let mut ws = phrase.split_whitespace();
    let (Some(first), Some(_)) = (ws.next(), ws.next()) else {
        return false;
    };
    let w = first.to_lowercase();
    let w = w
        .strip_suffix("ся")
        .or_else(|| w.strip_suffix("сь"))
        .unwrap_or(&w);
    let stem_end = w.char_indices().rev().nth(2).map_or(0, |x| x.0);
    first.chars().next().is_some_and(char::is_lowercase)
        && matches!(morph::pos(first), Some("participle" | "adjective"))
        && ["ющ", "ящ", "ущ", "ащ", "вш"].iter().any(|s| {
            w[..]
                .get(stem_end.saturating_sub(4)..)
                .is_some_and(|t| t.contains(s))
        })
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

/// Whether an English term's head noun is singular: the last word before its first
/// preposition ("Ministry of Foreign Affairs" → Ministry), else its last word; plural when it
/// ends in -s (not -ss, -us, -is: "press", "status", "Majlis") or is an irregular plural.
pub fn en_head_singular(en: &str) -> bool {
    const PREP: [&str; 10] = [
        "of", "for", "on", "against", "in", "to", "at", "by", "with", "from",
    ];
    const IRREGULAR: [&str; 4] = ["women", "men", "children", "people"];
    let ws: Vec<&str> = en.split_whitespace().collect();
    let end = ws.iter().position(|w| PREP.contains(w)).unwrap_or(ws.len());
    let Some(head) = ws[..end].last() else {
        return true;
    };
    let h = head.to_lowercase();
    let plural = (h.len() > 3
        && h.ends_with('s')
        && !h.ends_with("ss")
        && !h.ends_with("us")
        && !h.ends_with("is"))
        || IRREGULAR.contains(&h.as_str());
    !plural
}

/// The dictionary form of the Russian side of a pair, from its forms in the text (most
/// frequent first) and the English term's forms (preferred first). The number is the text's,
/// except that a singular English term takes a singular Russian one when the text has the
/// Russian in the singular somewhere ("вооруженного конфликта" beside "вооруженных
/// конфликтов"), or when the English is seen in both numbers (armed conflict | armed
/// conflicts). A mass noun translated by a plural keeps it: "traditional knowledge" =
/// "традиционные знания".
pub fn dictionary_form_for(ru_forms: &[&str], en_forms: &[&str]) -> String {
    let split = |f: &str| f.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let as_text = |f: &str| {
        let w = split(f);
        morph::dictionary_form(&w.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let first = ru_forms.first().copied().unwrap_or("");
    if !en_forms.first().is_some_and(|e| en_head_singular(e)) {
        return as_text(first);
    }
    let singular = |f: &str| {
        let w = split(f);
        morph::dictionary_form_singular(&w.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // the most frequent form gives the structure; the evidence only allows the singular
    if ru_forms.iter().any(|f| as_text(f) == singular(f))
        || en_forms.iter().any(|e| !en_head_singular(e))
    {
        return singular(first);
    }
    as_text(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_active_participle_does_not_start_a_term() {
        assert!(starts_with_active_participle("обладающие ядерным оружием"));
        assert!(!starts_with_active_participle("вооруженный конфликт"));
        assert!(!starts_with_active_participle("Объединенные Нации"));
        assert!(!starts_with_active_participle(
            "государства, обладающие ядерным оружием"
        ));
    }

    #[test]
    fn english_head_number() {
        assert!(en_head_singular("armed conflict"));
        assert!(!en_head_singular("armed conflicts"));
        assert!(en_head_singular("Ministry of Foreign Affairs"));
        assert!(!en_head_singular("rural women"));
        assert!(en_head_singular("Oliy Majlis"));
    }

    #[test]
    fn russian_number_follows_a_singular_english_term_with_evidence() {
        let f = |ru: &[&str], en: &[&str]| dictionary_form_for(ru, en);
        // the Russian is seen in the singular too
        assert_eq!(
            f(
                &["вооруженных конфликтов", "вооруженного конфликта"],
                &["armed conflict"]
            ),
            "вооруженный конфликт"
        );
        // the English is seen in both numbers
        assert_eq!(
            f(
                &["вооруженных конфликтов"],
                &["armed conflict", "armed conflicts"]
            ),
            "вооруженный конфликт"
        );
        // a mass noun translated by a plural, and a plural English term, keep the text's number
        assert_eq!(
            f(&["традиционных знаний"], &["traditional knowledge"]),
            "традиционные знания"
        );
        assert_eq!(f(&["прав человека"], &["human rights"]), "права человека");
    }
}
