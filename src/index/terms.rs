//! Glossary matching: which concepts a query names, how, and how surely.
//!
//! Each term of each concept is compared with the query; the concept's hit is its best term's.
//!
//! | kind | when | score |
//! |---|---|---|
//! | `exact` | the query's match key is the concept's preferred term's (either language) | 100 |
//! | `variant` | … is another term's (a synonym, a spelling or word-order variant) | 96 |
//! | `acronym` | … is an acronym term's, or the initials of a term (JPoA ↔ Joint Plan of Action) | 96 / 85 |
//! | `inflection` | the words' lemma keys are the term's (Совместного плана действий) | 92 |
//! | `transliteration` | the names' transliteration keys are close (Mirziyoev, Мирзиёева ↔ Mirziyoyev) | 70–90 |
//! | `fuzzy` | the match keys are close by Damerau–Levenshtein (Joint Plan of Acton, UNCTO) | 72–97 |
//! | `partial` | the query is some of the term's words (Uzbekistan ↔ Republic of Uzbekistan) | 50–85 |
//! | `contained` | the term is in the query, in any form (a sentence naming the Joint Plan of Action) | 60–89 |
use super::word_key;
use crate::glossary::{Concept, TermType};
use crate::text::{key_similarity, match_key, translit_key};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::OnceLock;

/// Hits scoring below this are not reported.
pub const MIN_SCORE: u32 = 50;

/// How a query matched a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    Exact,
    Variant,
    Acronym,
    Inflection,
    Transliteration,
    Fuzzy,
    Partial,
    Contained,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Variant => "variant",
            MatchKind::Acronym => "acronym",
            MatchKind::Inflection => "inflection",
            MatchKind::Transliteration => "transliteration",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Partial => "partial",
            MatchKind::Contained => "contained",
        }
    }

    /// What the kind means, in a few words (the legend under a lookup's table).
    pub fn meaning(self) -> &'static str {
        match self {
            MatchKind::Exact => "the term itself",
            MatchKind::Variant => "a synonym or spelling variant of it",
            MatchKind::Acronym => "its acronym, or the full form of one",
            MatchKind::Inflection => "the term in another form",
            MatchKind::Transliteration => "the name in another script or spelling",
            MatchKind::Fuzzy => "the term with a typo",
            MatchKind::Partial => "part of a longer term",
            MatchKind::Contained => "a term inside the query",
        }
    }
}

/// A glossary hit.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryHit {
    /// 0..=100.
    pub score: u32,
    #[serde(rename = "match")]
    pub kind: MatchKind,
    pub id: String,
    /// English terms, preferred first.
    pub en: Vec<String>,
    /// Russian terms, preferred first.
    pub ru: Vec<String>,
    /// The term the query matched.
    pub term: String,
    /// For an entry awaiting its equivalent: the missing language ("en" or "ru").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<&'static str>,
    /// For such an entry: a likely equivalent and where it comes from, unchecked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// The score of the same words in another form (ru: совместного плана действий; en: plurals
/// the lemmas know); a typo scores below it.
const INFLECTION_SCORE: u32 = 92;

/// A glossary term found in a text ([`TermMatcher::spans`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermSpan {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The concept's id.
    pub concept: String,
    /// The glossary's term that stands there.
    pub term: String,
    /// The concept's terms in the other language (not deprecated), preferred first.
    pub equivalents: Vec<String>,
    /// None of `equivalents` stands in the paired text.
    pub missing: bool,
    /// The concept is a person's (accepted, or from a glossary file), not a candidate.
    pub approved: bool,
    /// The term standing here is marked deprecated.
    pub deprecated: bool,
}

/// One term, analysed once.
struct TermKeys {
    text: String,
    preferred: bool,
    /// Marked deprecated: a translation should not use it.
    deprecated: bool,
    /// Its words' Snowball stems: a second chance for words the dictionary does not know
    /// (names: Мажлис, Мажлиса), when a translation is checked for it.
    stems: Vec<String>,
    is_ru: bool,
    acronym: bool,
    keys: Keys,
}

/// What a term and a query are compared by, computed once for each.
struct Keys {
    key: String,
    /// Characters in `key`, and their counts in 32 hashed buckets: a lower bound on the edit
    /// distance of two keys, which rules most terms out before any distance is computed.
    chars: usize,
    bag: [u16; 32],
    /// Lemma keys of its words, their lengths in characters, and their numbers in the
    /// matcher's table (a query's lemma that no term has gets a number no term has).
    lemmas: Vec<String>,
    lemma_chars: Vec<usize>,
    ids: Vec<u32>,
    /// Transliteration keys with their lengths, of the lemmas joined and of each lemma,
    /// computed when first asked for (most terms never are, for a query).
    translit: OnceLock<(String, usize)>,
    word_translit: OnceLock<Vec<(String, usize)>>,
    /// Initials of its words, all, and without short function words.
    initials: [String; 2],
}

impl Keys {
    fn new(text: &str, mut id: impl FnMut(&str) -> u32) -> Keys {
        let ws: Vec<&str> = super::words(text).into_iter().map(|(_, _, w)| w).collect();
        let key = match_key(text);
        let mut bag = [0u16; 32];
        for c in key.chars() {
            let b = &mut bag[c as usize % 32];
            *b = b.saturating_add(1);
        }
        let lemmas: Vec<String> = ws.iter().map(|w| word_key(w)).collect();
        Keys {
            chars: key.chars().count(),
            bag,
            lemma_chars: lemmas.iter().map(|l| l.chars().count()).collect(),
            ids: lemmas.iter().map(|l| id(l)).collect(),
            translit: OnceLock::new(),
            word_translit: OnceLock::new(),
            initials: [initials(&ws, false), initials(&ws, true)],
            key,
            lemmas,
        }
    }

    fn translit(&self) -> &(String, usize) {
        self.translit
            .get_or_init(|| with_len(translit_key(&self.lemmas.join(" "))))
    }

    fn word_translit(&self, i: usize) -> &(String, usize) {
        &self.word_translit.get_or_init(|| {
            self.lemmas
                .iter()
                .map(|l| with_len(translit_key(l)))
                .collect()
        })[i]
    }
}

/// The Snowball stems of a text's words.
fn stems(text: &str, is_ru: bool) -> Vec<String> {
    let lang = if is_ru {
        crate::text::Lang::Ru
    } else {
        crate::text::Lang::En
    };
    crate::text::stem::stems(text, lang)
}

/// Whether `words` has `term` as consecutive words (`term` not empty).
fn holds<T: PartialEq>(words: &[T], term: &[T]) -> bool {
    words
        .windows(term.len())
        .any(|w| w[0] == term[0] && w == term)
}

/// A key with its length in characters.
fn with_len(k: String) -> (String, usize) {
    let n = k.chars().count();
    (k, n)
}

/// A lower bound on the edit distance of two keys: their bags' difference.
fn bag_distance(a: &[u16; 32], b: &[u16; 32]) -> usize {
    let (mut more, mut less) = (0, 0);
    for (x, y) in a.iter().zip(b) {
        if x > y {
            more += (x - y) as usize;
        } else {
            less += (y - x) as usize;
        }
    }
    more.max(less)
}

/// [`crate::text::translit_similarity`] from transliteration keys; 0 when their lengths alone
/// put it under `floor`.
fn translit_sim(a: &(String, usize), b: &(String, usize), floor: f64) -> f64 {
    let longer = a.1.max(b.1) as f64;
    if 1.0 - a.1.abs_diff(b.1) as f64 / longer < floor {
        return 0.0;
    }
    key_similarity(&a.0, &b.0)
}

/// The glossary, analysed for matching (build once, query many times).
pub struct TermMatcher {
    concepts: Vec<Analysed>,
    /// The terms' lemma keys, numbered.
    lemma_ids: FxHashMap<String, u32>,
}

/// A concept analysed: its id, English and Russian terms, every term's keys, and for an entry
/// awaiting its equivalent the missing language and the suggestion.
struct Analysed {
    id: String,
    en: Vec<String>,
    ru: Vec<String>,
    terms: Vec<TermKeys>,
    missing: Option<&'static str>,
    suggestion: Option<String>,
    /// A person accepted it, or it came from a glossary file (not a candidate of extraction).
    approved: bool,
}

const FUNCTION_WORDS: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "to", "по", "и", "для", "в", "на",
];

fn initials(words: &[&str], skip_function: bool) -> String {
    words
        .iter()
        .filter(|w| !(skip_function && FUNCTION_WORDS.contains(&w.to_lowercase().as_str())))
        .filter_map(|w| w.chars().next())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Looks like an acronym: one word, 2–10 letters, at least two capitals.
fn is_acronym(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    !s.contains(' ') && (2..=10).contains(&n) && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

impl TermMatcher {
    pub fn new(concepts: &[Concept]) -> TermMatcher {
        let mut lemma_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut id = |l: &str| {
            let n = lemma_ids.len() as u32;
            *lemma_ids.entry(l.to_string()).or_insert(n)
        };
        let concepts = concepts
            .iter()
            .map(|c| {
                let mut terms = Vec::new();
                for (is_ru, list) in [(false, &c.en), (true, &c.ru)] {
                    for (rank, t) in list.iter().enumerate() {
                        terms.push(TermKeys {
                            text: t.text.clone(),
                            preferred: rank == 0,
                            deprecated: t.status == crate::glossary::Status::Deprecated,
                            stems: stems(&t.text, is_ru),
                            is_ru,
                            acronym: matches!(
                                t.term_type,
                                TermType::Acronym | TermType::Abbreviation
                            ) || is_acronym(&t.text),
                            keys: Keys::new(&t.text, &mut id),
                        });
                    }
                }
                Analysed {
                    id: c.id.clone(),
                    en: c.en.iter().map(|t| t.text.clone()).collect(),
                    ru: c.ru.iter().map(|t| t.text.clone()).collect(),
                    terms,
                    missing: c.missing(),
                    suggestion: c.suggestion().map(str::to_string),
                    approved: c.origin != crate::glossary::Origin::Extracted,
                }
            })
            .collect();
        TermMatcher {
            concepts,
            lemma_ids,
        }
    }

    /// A text's keys, its lemmas numbered as the terms' are.
    fn keys(&self, text: &str) -> Keys {
        let mut unknown = u32::MAX;
        Keys::new(text, |l| {
            self.lemma_ids.get(l).copied().unwrap_or_else(|| {
                unknown -= 1;
                unknown
            })
        })
    }

    /// The other-language terms (as lemma keys) of the concepts that have a term standing in
    /// `text` (in any inflection): what a translator expects to see in the translation.
    pub fn equivalents_in(&self, text: &str, other_is_ru: bool) -> Vec<Vec<String>> {
        let q = self.keys(text);
        let mut out = Vec::new();
        for Analysed { terms, .. } in &self.concepts {
            let ru_start = terms.iter().position(|t| t.is_ru).unwrap_or(terms.len());
            let (en, ru) = terms.split_at(ru_start);
            let (here, there) = if other_is_ru { (en, ru) } else { (ru, en) };
            let found = here.iter().any(|t| {
                let n = t.keys.ids.len();
                n > 0 && holds(&q.ids, &t.keys.ids)
            });
            if found {
                out.extend(
                    there
                        .iter()
                        .map(|t| t.keys.lemmas.clone())
                        .filter(|l| !l.is_empty()),
                );
            }
        }
        out
    }

    /// The glossary terms standing in `text` (in any inflection), leftmost and longest first,
    /// not overlapping; `text_is_ru` says its language. With `other` (the paired text), a term is
    /// marked `missing` when none of its concept's (not deprecated) terms in the other language
    /// stands there.
    pub fn spans(&self, text: &str, text_is_ru: bool, other: Option<&str>) -> Vec<TermSpan> {
        let words = crate::text::keys::words(text);
        let ids: Vec<u32> = self.keys(text).ids;
        if ids.len() != words.len() {
            return Vec::new();
        }
        let other_ids = other.map(|o| (self.keys(o).ids, stems(o, !text_is_ru)));
        let text_stems = stems(text, text_is_ru);
        // the longest term starting at each word: the same lemmas, or the same stems (English
        // plurals, names the dictionary does not know); an acronym only in its own capitals
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; ids.len()];
        for (ci, a) in self.concepts.iter().enumerate() {
            for (ti, t) in a.terms.iter().enumerate() {
                let n = t.keys.ids.len();
                if t.is_ru != text_is_ru || n == 0 || n > ids.len() || t.stems.len() != n {
                    continue;
                }
                for start in 0..=ids.len() - n {
                    let same = ids[start..start + n] == t.keys.ids[..]
                        || text_stems[start..start + n] == t.stems[..];
                    let cased =
                        !t.acronym || text[words[start].0..words[start + n - 1].1] == t.text;
                    if same && cased && best[start].is_none_or(|b| b.0 < n) {
                        best[start] = Some((n, ci, ti));
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            let Some((n, ci, ti)) = best[i] else {
                i += 1;
                continue;
            };
            let a = &self.concepts[ci];
            let there: Vec<&TermKeys> = a
                .terms
                .iter()
                .filter(|t| t.is_ru != text_is_ru && !t.deprecated)
                .collect();
            let missing = other_ids.as_ref().is_some_and(|o| {
                !there.is_empty()
                    && !there.iter().any(|t| {
                        (!t.keys.ids.is_empty() && holds(&o.0, &t.keys.ids))
                            || (!t.stems.is_empty() && holds(&o.1, &t.stems))
                    })
            });
            out.push(TermSpan {
                start: words[i].0,
                end: words[i + n - 1].1,
                concept: a.id.clone(),
                term: a.terms[ti].text.clone(),
                equivalents: there.iter().map(|t| t.text.clone()).collect(),
                missing,
                approved: a.approved,
                deprecated: a.terms[ti].deprecated,
            });
            i += n;
        }
        out
    }

    /// The concepts matching `query`, best first (score, then preferred match, then id).
    pub fn find(&self, query: &str) -> Vec<GlossaryHit> {
        let q = Query {
            keys: self.keys(query),
            acronym: is_acronym(query),
        };
        if q.keys.key.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for a in &self.concepts {
            let terms = &a.terms;
            let best = terms
                .iter()
                .filter_map(|t| match_term(&q, t).map(|(s, k)| (s, k, t)))
                .max_by(|a, b| {
                    a.0.cmp(&b.0)
                        .then(b.1.cmp(&a.1))
                        .then(a.2.preferred.cmp(&b.2.preferred))
                });
            if let Some((score, kind, t)) = best {
                if score >= MIN_SCORE {
                    hits.push(GlossaryHit {
                        score,
                        kind,
                        id: a.id.clone(),
                        en: a.en.clone(),
                        ru: a.ru.clone(),
                        term: t.text.clone(),
                        missing: a.missing,
                        suggestion: a.suggestion.clone(),
                    });
                }
            }
        }
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.id.cmp(&b.id))
        });
        hits
    }
}

struct Query {
    keys: Keys,
    acronym: bool,
}

/// The query's score and kind against one term, if it matches at all.
fn match_term(q: &Query, t: &TermKeys) -> Option<(u32, MatchKind)> {
    let (qk, tk) = (&q.keys, &t.keys);
    if qk.key == tk.key {
        return Some(if t.preferred {
            (100, MatchKind::Exact)
        } else if t.acronym {
            (96, MatchKind::Acronym)
        } else {
            (96, MatchKind::Variant)
        });
    }
    let mut best: Option<(u32, MatchKind)> = None;
    let mut offer = |s: u32, k: MatchKind| {
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, k));
        }
    };
    // Acronym ↔ full form, by initials.
    if q.acronym && tk.ids.len() >= 2 && tk.initials.contains(&qk.key) {
        offer(85, MatchKind::Acronym);
    }
    if t.acronym && qk.ids.len() >= 2 && qk.initials.contains(&tk.key) {
        offer(85, MatchKind::Acronym);
    }
    // The same words in another form.
    if !qk.ids.is_empty() && qk.ids == tk.ids {
        offer(INFLECTION_SCORE, MatchKind::Inflection);
    }
    // Typos: Damerau–Levenshtein on match keys (acronyms need a closer match), computed only
    // when the lengths and the bags allow it.
    let floor = if qk.chars <= 6 { 0.75 } else { 0.8 };
    let longer = qk.chars.max(tk.chars) as f64;
    let within = |d: usize| 1.0 - d as f64 / longer >= floor;
    if within(qk.chars.abs_diff(tk.chars)) && within(bag_distance(&qk.bag, &tk.bag)) {
        let dl = strsim::normalized_damerau_levenshtein(&qk.key, &tk.key);
        if dl >= floor {
            // a typo never outranks the term itself in another form
            let score = ((100.0 * dl).round() as u32 - 3).min(INFLECTION_SCORE - 1);
            offer(score, MatchKind::Fuzzy);
        }
    }
    // Names across scripts and spellings, word by word on lemmas.
    if qk.ids.len() == tk.ids.len() && !qk.ids.is_empty() {
        let ts = translit_sim(qk.translit(), tk.translit(), 0.8);
        if ts >= 0.8 {
            offer((100.0 * ts).round() as u32 - 10, MatchKind::Transliteration);
        }
    }
    // The query is some of the term's words (in any form, or transliterated).
    let n = qk.ids.len();
    if n < tk.ids.len() && n > 0 && qk.chars >= 3 {
        let mut best_window: Option<(f64, bool)> = None;
        for start in 0..=tk.ids.len() - n {
            let mut sum = 0.0;
            let mut translit = false;
            let mut ok = true;
            for i in 0..n {
                let j = start + i;
                if qk.ids[i] == tk.ids[j] {
                    sum += 1.0;
                    continue;
                }
                let s = if qk.lemma_chars[i] >= 4 {
                    translit_sim(qk.word_translit(i), tk.word_translit(j), 0.85)
                } else {
                    0.0
                };
                if s >= 0.85 {
                    sum += s;
                    translit = true;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok {
                let sim = sum / n as f64;
                if best_window.is_none_or(|(b, _)| sim > b) {
                    best_window = Some((sim, translit));
                }
            }
        }
        if let Some((sim, translit)) = best_window {
            let coverage = n as f64 / tk.ids.len() as f64;
            let s = (sim * (55.0 + 30.0 * coverage)).round() as u32;
            offer(
                s,
                if translit {
                    MatchKind::Transliteration
                } else {
                    MatchKind::Partial
                },
            );
        }
    }
    // The term is in the query (a sentence being translated), in any form: more of the query
    // it covers, the higher.
    let n = tk.ids.len();
    if n > 0 && qk.ids.len() > n && (n > 1 || t.acronym || tk.chars >= 3) && holds(&qk.ids, &tk.ids)
    {
        let coverage = n as f64 / qk.ids.len() as f64;
        offer(
            (60.0 + 30.0 * coverage).round() as u32,
            MatchKind::Contained,
        );
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Origin, Status, Term};

    fn concept(id: &str, en: &str, ru: &str) -> Concept {
        let t = |text: &str| Term {
            text: text.to_string(),
            term_type: TermType::FullForm,
            pos: "noun".to_string(),
            status: Status::Preferred,
            variant_of: None,
        };
        Concept {
            id: id.to_string(),
            en: vec![t(en)],
            ru: vec![t(ru)],
            contexts: Vec::new(),
            confidence: 1.0,
            origin: Origin::Curated,
            note: None,
        }
    }

    #[test]
    fn an_inflected_term_scores_above_a_typo() {
        let m = TermMatcher::new(&[concept(
            "c1",
            "Joint Plan of Action",
            "совместный план действий",
        )]);
        let inflected = m.find("совместного плана действий");
        let typo = m.find("совместный плн действий");
        assert_eq!(inflected[0].kind, MatchKind::Inflection);
        assert!(
            typo[0].score < inflected[0].score,
            "{typo:?} vs {inflected:?}"
        );
    }

    #[test]
    fn terms_are_found_in_any_inflection_and_missing_equivalents_flagged() {
        let mut candidate = concept("c2", "rule of law", "верховенство права");
        candidate.origin = Origin::Extracted;
        let m = TermMatcher::new(&[
            concept("c1", "Joint Plan of Action", "совместный план действий"),
            candidate,
        ]);
        let en = "The Joint Plan of Action and the rule of law.";
        let found = m.spans(en, false, Some("План и верховенство права."));
        let terms: Vec<&str> = found.iter().map(|s| &en[s.start..s.end]).collect();
        assert_eq!(terms, ["Joint Plan of Action", "rule of law"]);
        assert!(
            found[0].missing,
            "the approved term's equivalent is not there"
        );
        assert!(found[0].approved && !found[1].approved);
        let ok = m.spans(en, false, Some("Совместного плана действий и права."));
        assert!(!ok[0].missing, "an inflected equivalent counts");
        let ru = "в рамках Совместного плана действий";
        let found = m.spans(ru, true, None);
        assert_eq!(
            &ru[found[0].start..found[0].end],
            "Совместного плана действий"
        );
        assert_eq!(found[0].equivalents, ["Joint Plan of Action"]);
    }

    #[test]
    fn the_bag_bound_never_exceeds_the_distance() {
        let words = [
            "joint plan of action",
            "joint plan of acton",
            "jpoa",
            "совместный план действий",
            "совместного плана действий",
            "мирзиёев",
            "mirziyoyev",
            "",
        ];
        let bag = |s: &str| Keys::new(s, |_| 0).bag;
        for a in words {
            for b in words {
                let d = strsim::damerau_levenshtein(&match_key(a), &match_key(b));
                assert!(bag_distance(&bag(a), &bag(b)) <= d, "{} / {}", a, b);
            }
        }
    }

    #[test]
    fn kinds_of_match() {
        let m = TermMatcher::new(&[
            concept("c1", "Joint Plan of Action", "Совместный план действий"),
            concept("c2", "Central Asia", "Центральная Азия"),
        ]);
        let first = |q: &str| {
            let h = m.find(q);
            h.first().map(|h| (h.id.clone(), h.kind))
        };
        assert_eq!(
            first("Joint Plan of Action"),
            Some(("c1".into(), MatchKind::Exact))
        );
        assert_eq!(
            first("Joint Plan of Acton"),
            Some(("c1".into(), MatchKind::Fuzzy))
        );
        assert_eq!(
            first("Совместного плана действий"),
            Some(("c1".into(), MatchKind::Inflection))
        );
        assert_eq!(first("Joint Plan"), Some(("c1".into(), MatchKind::Partial)));
        let s = m.find("Совместный план действий для Центральной Азии обновлён");
        let kinds: Vec<_> = s.iter().map(|h| (h.id.as_str(), h.kind)).collect();
        assert!(kinds.contains(&("c1", MatchKind::Contained)), "{:?}", kinds);
        assert!(kinds.contains(&("c2", MatchKind::Contained)), "{:?}", kinds);
        assert!(m.find("nothing of the kind").is_empty());
    }
}
