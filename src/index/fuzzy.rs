//! Fuzzy match scores as CAT tools show them: an integer percentage on word tokens.
//!
//! `score = round(100 × (1 − d / max(len_q, len_s)))` where `d` is the word-level Levenshtein
//! distance between the query's and the segment's words (match keys: case, ё/е, quotes and
//! dashes folded; punctuation is not a word). 100 only when the two texts have the same match
//! key; a segment differing only in punctuation gets 99.
use super::words;
use crate::text::match_key;
use rustc_hash::FxHashMap;

/// The words of a text as match keys.
pub fn word_keys(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(|(_, _, w)| match_key(w))
        .collect()
}

/// Word-level Levenshtein distance.
pub fn word_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
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

/// A query, ready to be scored against many segments: its words become numbers, and a
/// segment's words are only looked up (a word the query lacks is [`OTHER`]), so scoring a
/// segment allocates nothing per word.
pub struct WordScorer {
    key: String,
    ids: FxHashMap<String, u32>,
    query: Vec<u32>,
}

/// A segment word the query does not have.
const OTHER: u32 = u32::MAX;

impl WordScorer {
    pub fn new(query: &str) -> WordScorer {
        let mut ids = FxHashMap::default();
        let words = word_keys(query)
            .into_iter()
            .map(|w| {
                let n = ids.len() as u32;
                *ids.entry(w).or_insert(n)
            })
            .collect();
        WordScorer {
            key: match_key(query),
            ids,
            query: words,
        }
    }

    /// The segment's words as the query's numbers.
    fn ids(&self, segment: &str, buf: &mut String) -> Vec<u32> {
        words(segment)
            .into_iter()
            .map(|(_, _, w)| {
                let id = if w.bytes().all(|b| b.is_ascii() && b != b'`') {
                    // an ASCII word's match key is its lower case
                    buf.clear();
                    buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                    self.ids.get(buf.as_str())
                } else {
                    self.ids.get(&match_key(w))
                };
                id.copied().unwrap_or(OTHER)
            })
            .collect()
    }

    /// The highest [`WordScorer::score`] a segment can have when `absent` of the query's
    /// distinct words (as lemma keys) are not in it: each such word costs at least one edit,
    /// `d ≥ absent`, and as `d ≥ |len_q − len_s|` too, the best case is a segment of
    /// `len_q + absent` words: `len_q / (len_q + absent)`.
    pub fn bound(&self, absent: usize) -> u32 {
        if absent == 0 {
            return 100;
        }
        let q = self.query.len() as f64;
        ((100.0 * q / (q + absent as f64)).round() as u32).min(99)
    }

    /// The fuzzy score (0..=100) of a segment for the query.
    pub fn score(&self, segment: &str) -> u32 {
        let s = self.ids(segment, &mut String::new());
        if s == self.query && self.key == match_key(segment) {
            return 100;
        }
        let n = self.query.len().max(s.len());
        if n == 0 {
            return 0;
        }
        let d = word_distance(&self.query, &s);
        let s = (100.0 * (1.0 - d as f64 / n as f64)).round() as u32;
        s.min(99)
    }
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
        let scorer = WordScorer::new(q);
        assert_eq!(scorer.score(s), 89);
        assert_eq!(scorer.score(q), 100);
        assert_eq!(scorer.score(&q.to_uppercase()), 100);
        assert_eq!(
            scorer.score("The Joint Plan of Action was adopted in 2011"),
            99
        );
        // words the query lacks never match each other
        assert_eq!(WordScorer::new("a b").score("c d"), 0);
        assert_eq!(
            WordScorer::new("Совместного плана").score("совместного ПЛАНА"),
            100
        );
        // on characters (as RapidFuzz's fuzz.ratio: 89.9)
        assert_eq!(char_score(q, &match_key(q), s), 90);
        assert_eq!(char_score(q, &match_key(q), &q.to_uppercase()), 100);
    }
}
