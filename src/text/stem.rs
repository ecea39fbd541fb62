//! Stems for match keys (Snowball English and Russian); never for display.
use super::Lang;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn stemmer(lang: Lang) -> &'static Stemmer {
    static EN: OnceLock<Stemmer> = OnceLock::new();
    static RU: OnceLock<Stemmer> = OnceLock::new();
    match lang {
        Lang::Ru => RU.get_or_init(|| Stemmer::create(Algorithm::Russian)),
        _ => EN.get_or_init(|| Stemmer::create(Algorithm::English)),
    }
}

/// The stem of a lower-cased word.
pub fn stem(word: &str, lang: Lang) -> String {
    let w = word.to_lowercase().replace('ё', "е");
    stemmer(lang).stem(&w).into_owned()
}

/// The stems of a text's words (words and numbers, as [`super::keys::words`] finds them).
pub fn stems(text: &str, lang: Lang) -> Vec<String> {
    super::keys::words(text)
        .into_iter()
        .map(|(_, _, w)| stem(w, lang))
        .collect()
}
