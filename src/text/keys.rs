//! Index keys: every translation unit's words as keys, `e:` or `r:` for the side, then the
//! word's lemma key (`r:совместный` for “Совместного”). The store keeps the units holding each
//! key (its postings); a lookup finds candidates by the keys of its query.
use super::{match_key, morph, tokens, Lang, TokenKind};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

thread_local! {
    static LEMMAS: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// Whether a text has Cyrillic letters.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// The lemma key of one word: its match key for non-Cyrillic words (without an English
/// possessive 's), else the morphological lemma key (cached: a memory has far fewer distinct
/// words than words).
pub fn word_key(word: &str) -> String {
    let k = match_key(word);
    if !has_cyrillic(&k) {
        // the English possessive is the word: Mirziyoyev's, Uzbekistan's
        return match k.strip_suffix("'s") {
            Some(w) if !w.is_empty() => w.to_string(),
            _ => k,
        };
    }
    LEMMAS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(v) = c.get(&k) {
            return v.clone();
        }
        let v = morph::lemma_key(&k);
        if c.len() > 500_000 {
            c.clear();
        }
        c.insert(k, v.clone());
        v
    })
}

/// The word tokens of a text (words and numbers, not punctuation), with byte ranges.
pub fn words(text: &str) -> Vec<(usize, usize, &str)> {
    tokens(text)
        .into_iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| (t.start, t.end, t.text))
        .collect()
}

/// The side prefix of index keys.
pub fn side_prefix(lang: Lang) -> &'static str {
    if lang == Lang::Ru {
        "r:"
    } else {
        "e:"
    }
}

/// The distinct index keys of one side of a unit.
pub fn text_keys(text: &str, lang: Lang) -> Vec<String> {
    let p = side_prefix(lang);
    let mut keys: Vec<String> = words(text)
        .into_iter()
        .map(|(_, _, w)| format!("{}{}", p, word_key(w)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_inflection_and_case() {
        assert_eq!(
            text_keys("Совместного плана действий", Lang::Ru),
            text_keys("совместный план действий", Lang::Ru)
        );
        assert_eq!(
            text_keys("The Plan, the plan.", Lang::En),
            vec!["e:plan".to_string(), "e:the".to_string()]
        );
        assert_eq!(word_key("Mirziyoyev’s"), "mirziyoyev");
        assert_eq!(word_key("'s"), "'s");
    }
}
