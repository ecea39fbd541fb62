//! Fuzzy match scores as CAT tools show them: an integer percentage on word tokens.
//!
//! `score = round(100 × (1 − d / max(len_q, len_s)))` where `d` is the word-level Levenshtein
//! distance between the query's and the segment's words (match keys: case, ё/е, quotes and
//! dashes folded; punctuation is not a word). 100 only when the two texts have the same match
//! key; a segment differing only in punctuation gets 99.
use super::words;
use crate::text::match_key;

/// The words of a text as match keys.
pub fn word_keys(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, _, w)| match_key(w))
        .collect()
}

/// Word-level Levenshtein distance.
pub fn word_distance(a: &[String], b: &[String]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The fuzzy score (0..=100) of a segment for a query, given their word keys and match keys
/// (the segment's match key is only asked for when the words are the same).
pub fn score(
    q_words: &[String],
    q_key: &str,
    s_words: &[String],
    s_key: impl FnOnce() -> String,
) -> u32 {
    if q_words == s_words && q_key == s_key() {
        return 100;
    }
    let n = q_words.len().max(s_words.len());
    if n == 0 {
        return 0;
    }
    let d = word_distance(q_words, s_words);
    let s = (100.0 * (1.0 - d as f64 / n as f64)).round() as u32;
    s.min(99)
}

/// Character-level similarity of two texts as written, in [0, 1]: the normalised Indel
/// similarity (what RapidFuzz's `fuzz.ratio` computes). It orders hits with the same
/// percentage.
pub fn char_similarity(a: &str, b: &str) -> f64 {
    rapidfuzz::fuzz::ratio(a.chars(), b.chars())
}

/// The character-based score (0..=100) of a segment for a query: 100 when their match keys
/// are the same, else the rounded [`char_similarity`], at most 99.
pub fn char_score(query: &str, q_key: &str, segment: &str) -> u32 {
    if q_key == match_key(segment) {
        return 100;
    }
    ((100.0 * char_similarity(query, segment)).round() as u32).min(99)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_like_a_cat_tool() {
        let q = "The Joint Plan of Action was adopted in 2011.";
        let s = "The Joint Plan of Action was signed in 2011.";
        let (qw, sw) = (word_keys(q), word_keys(s));
        assert_eq!(score(&qw, &match_key(q), &sw, || match_key(s)), 89);
        assert_eq!(score(&qw, &match_key(q), &qw, || match_key(q)), 100);
        let p = "The Joint Plan of Action was adopted in 2011";
        assert_eq!(
            score(&qw, &match_key(q), &word_keys(p), || match_key(p)),
            99
        );
        // on characters (as RapidFuzz's fuzz.ratio: 89.9)
        assert_eq!(char_score(q, &match_key(q), s), 90);
        assert_eq!(char_score(q, &match_key(q), &q.to_uppercase()), 100);
    }
}
