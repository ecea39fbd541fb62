//! Transliteration keys: Мирзиёев ≈ Mirziyoyev, Гутерриш ≈ Guterres, РАТС ≈ RATS.

/// A Latin skeleton key of a word in either script, for comparing names across scripts.
pub fn translit_key(word: &str) -> String {
    // STUB
    deunicode::deunicode(word).to_lowercase()
}
