//! General-language reference data compiled into the binary: word frequencies of English and
//! Russian (wordfreq, CC BY-SA 4.0) for termhood, and the parts of speech an English word form
//! can take (LemmInflect, MIT) for noun-phrase patterns. `benches/build_wordlists.py` makes them.
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Zipf frequency (log10 of occurrences per billion words) given to a word the list lacks: rarer
/// than the 60,000th word of either list.
pub const UNLISTED_ZIPF: f64 = 2.0;

fn table(text: &'static str) -> FxHashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn freq_en() -> &'static FxHashMap<&'static str, &'static str> {
    static T: OnceLock<FxHashMap<&str, &str>> = OnceLock::new();
    T.get_or_init(|| table(include_str!("../../data/freq.en.tsv")))
}

fn freq_ru() -> &'static FxHashMap<&'static str, &'static str> {
    static T: OnceLock<FxHashMap<&str, &str>> = OnceLock::new();
    T.get_or_init(|| table(include_str!("../../data/freq.ru.tsv")))
}

fn pos_en() -> &'static FxHashMap<&'static str, &'static str> {
    static T: OnceLock<FxHashMap<&str, &str>> = OnceLock::new();
    T.get_or_init(|| table(include_str!("../../data/pos.en.tsv")))
}

/// The Zipf frequency of a word (any case) in general English (`ru` false) or Russian: about 7
/// for "the", 5 for "information", 3 for "verification", [`UNLISTED_ZIPF`] when unlisted.
pub fn zipf(word: &str, ru: bool) -> f64 {
    let w = word.to_lowercase().replace('ё', "е");
    let t = if ru { freq_ru() } else { freq_en() };
    t.get(w.as_str())
        .and_then(|z| z.parse::<f64>().ok())
        .map_or(UNLISTED_ZIPF, |z| z / 10.0)
}

/// The most frequent general-Russian word with Snowball stem `stem` ("систем" →
/// "системы"), to write out a stem of the translation lexicon; `None` when no listed word has it.
pub fn ru_word_of_stem(stem: &str) -> Option<&'static str> {
    static T: OnceLock<FxHashMap<String, (&'static str, f64)>> = OnceLock::new();
    let t = T.get_or_init(|| {
        let mut m: FxHashMap<String, (&'static str, f64)> = FxHashMap::default();
        for (&w, z) in freq_ru() {
            let z = z.parse::<f64>().unwrap_or(0.0);
            let e = m
                .entry(crate::text::stem::stem(w, crate::text::Lang::Ru))
                .or_insert((w, z));
            // the most frequent; among equals, the first in order (a total order)
            if z > e.1 || (z == e.1 && w < e.0) {
                *e = (w, z);
            }
        }
        m
    });
    t.get(stem).map(|x| x.0)
}

/// The parts of speech an English word form can take, as letters: `n` noun, `v` verb, `a`
/// adjective, `r` adverb, `x` other; `None` for a word the lexicon lacks.
pub fn en_pos(word: &str) -> Option<&'static str> {
    pos_en().get(word.to_lowercase().as_str()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_and_parts_of_speech() {
        assert!(zipf("the", false) > 7.0);
        assert!(zipf("information", false) > zipf("verification", false));
        assert!(zipf("информация", true) > zipf("верификация", true));
        assert_eq!(zipf("xqzzyv", false), UNLISTED_ZIPF);
        assert!(en_pos("weapon").unwrap().contains('n'));
        assert!(en_pos("nuclear").unwrap().contains('a'));
        assert!(en_pos("wishes").unwrap().contains('v'));
        assert_eq!(en_pos("xqzzyv"), None);
        // the most frequent form of the stem
        assert_eq!(ru_word_of_stem("систем"), Some("системы"));
        assert_eq!(ru_word_of_stem("xqzzyv"), None);
    }
}
