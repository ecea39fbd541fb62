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
use crate::text::{match_key, translit_similarity};
use serde::Serialize;

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
}

/// One term, analysed once.
struct TermKeys {
    text: String,
    preferred: bool,
    is_ru: bool,
    acronym: bool,
    key: String,
    /// Lemma keys of its words.
    lemmas: Vec<String>,
    /// Initials of its words, all, and without short function words.
    initials: [String; 2],
}

/// The glossary, analysed for matching (build once, query many times).
pub struct TermMatcher {
    concepts: Vec<Analysed>,
}

/// A concept analysed: its id, English and Russian terms, and every term's keys.
type Analysed = (String, Vec<String>, Vec<String>, Vec<TermKeys>);

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

fn lemmas(text: &str) -> Vec<String> {
    super::words(text)
        .into_iter()
        .map(|(_, _, w)| word_key(w))
        .collect()
}

impl TermMatcher {
    pub fn new(concepts: &[Concept]) -> TermMatcher {
        let concepts = concepts
            .iter()
            .map(|c| {
                let mut terms = Vec::new();
                for (is_ru, list) in [(false, &c.en), (true, &c.ru)] {
                    for (rank, t) in list.iter().enumerate() {
                        let ws: Vec<&str> = super::words(&t.text)
                            .into_iter()
                            .map(|(_, _, w)| w)
                            .collect();
                        terms.push(TermKeys {
                            text: t.text.clone(),
                            preferred: rank == 0,
                            is_ru,
                            acronym: matches!(
                                t.term_type,
                                TermType::Acronym | TermType::Abbreviation
                            ) || is_acronym(&t.text),
                            key: match_key(&t.text),
                            lemmas: lemmas(&t.text),
                            initials: [initials(&ws, false), initials(&ws, true)],
                        });
                    }
                }
                let en = c.en.iter().map(|t| t.text.clone()).collect();
                let ru = c.ru.iter().map(|t| t.text.clone()).collect();
                (c.id.clone(), en, ru, terms)
            })
            .collect();
        TermMatcher { concepts }
    }

    /// The other-language terms (as lemma keys) of the concepts that have a term standing in
    /// `text` (in any inflection): what a translator expects to see in the translation.
    pub fn equivalents_in(&self, text: &str, other_is_ru: bool) -> Vec<Vec<String>> {
        let keys = lemmas(text);
        let mut out = Vec::new();
        for (_, _, _, terms) in &self.concepts {
            let ru_start = terms.iter().position(|t| t.is_ru).unwrap_or(terms.len());
            let (en, ru) = terms.split_at(ru_start);
            let (here, there) = if other_is_ru { (en, ru) } else { (ru, en) };
            let found = here.iter().any(|t| {
                let n = t.lemmas.len();
                n > 0 && keys.windows(n).any(|w| w == t.lemmas.as_slice())
            });
            if found {
                out.extend(
                    there
                        .iter()
                        .map(|t| t.lemmas.clone())
                        .filter(|l| !l.is_empty()),
                );
            }
        }
        out
    }

    /// The concepts matching `query`, best first (score, then preferred match, then id).
    pub fn find(&self, query: &str) -> Vec<GlossaryHit> {
        let q = Query::new(query);
        if q.key.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (id, en, ru, terms) in &self.concepts {
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
                        id: id.clone(),
                        en: en.clone(),
                        ru: ru.clone(),
                        term: t.text.clone(),
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
    key: String,
    lemmas: Vec<String>,
    acronym: bool,
    initials: [String; 2],
}

impl Query {
    fn new(text: &str) -> Query {
        let ws: Vec<&str> = super::words(text).into_iter().map(|(_, _, w)| w).collect();
        Query {
            key: match_key(text),
            lemmas: lemmas(text),
            acronym: is_acronym(text),
            initials: [initials(&ws, false), initials(&ws, true)],
        }
    }
}

/// The query's score and kind against one term, if it matches at all.
fn match_term(q: &Query, t: &TermKeys) -> Option<(u32, MatchKind)> {
    if q.key == t.key {
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
    if q.acronym && t.lemmas.len() >= 2 && t.initials.contains(&q.key) {
        offer(85, MatchKind::Acronym);
    }
    if t.acronym && q.lemmas.len() >= 2 && q.initials.contains(&t.key) {
        offer(85, MatchKind::Acronym);
    }
    // The same words in another form.
    if !q.lemmas.is_empty() && q.lemmas == t.lemmas {
        offer(92, MatchKind::Inflection);
    }
    // Typos: Damerau–Levenshtein on match keys (acronyms need a closer match).
    let dl = strsim::normalized_damerau_levenshtein(&q.key, &t.key);
    let floor = if q.key.chars().count() <= 6 {
        0.75
    } else {
        0.8
    };
    if dl >= floor {
        offer((100.0 * dl).round() as u32 - 3, MatchKind::Fuzzy);
    }
    // Names across scripts and spellings, word by word on lemmas.
    if q.lemmas.len() == t.lemmas.len() && !q.lemmas.is_empty() {
        let ts = translit_similarity(&q.lemmas.join(" "), &t.lemmas.join(" "));
        if ts >= 0.8 {
            offer((100.0 * ts).round() as u32 - 10, MatchKind::Transliteration);
        }
    }
    // The query is some of the term's words (in any form, or transliterated).
    if q.lemmas.len() < t.lemmas.len() && !q.lemmas.is_empty() && q.key.chars().count() >= 3 {
        let n = q.lemmas.len();
        let mut best_window: Option<(f64, bool)> = None;
        for w in t.lemmas.windows(n) {
            let mut sum = 0.0;
            let mut translit = false;
            let mut ok = true;
            for (a, b) in q.lemmas.iter().zip(w) {
                if a == b {
                    sum += 1.0;
                } else if a.chars().count() >= 4 {
                    let s = translit_similarity(a, b);
                    if s >= 0.85 {
                        sum += s;
                        translit = true;
                    } else {
                        ok = false;
                        break;
                    }
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
            let coverage = n as f64 / t.lemmas.len() as f64;
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
    let n = t.lemmas.len();
    if n > 0
        && q.lemmas.len() > n
        && (n > 1 || t.acronym || t.key.chars().count() >= 3)
        && q.lemmas.windows(n).any(|w| w == t.lemmas.as_slice())
    {
        let coverage = n as f64 / q.lemmas.len() as f64;
        offer(
            (60.0 + 30.0 * coverage).round() as u32,
            MatchKind::Contained,
        );
    }
    best
}
