//! `termtool lookup`: the glossary's and the memory's answers to one query.
use super::fuzzy;
use super::terms::{GlossaryHit, MatchKind, TermMatcher};
use super::{candidates, side_prefix, word_key, words, MAX_CANDIDATES};
use crate::error::Result;
use crate::store::{Store, Unit};
use crate::text::{detect, match_key, Lang};
use serde::Serialize;
use std::sync::Arc;

/// What to look up and how much to give back.
#[derive(Debug, Clone)]
pub struct Options {
    /// The query's language; detected when `None`.
    pub lang: Option<Lang>,
    /// At most this many hits per section.
    pub limit: usize,
    /// The memory's fuzzy threshold (0..=100).
    pub min_score: u32,
    /// Also list the units containing the term in any inflection.
    pub concordance: bool,
    /// How memory hits are scored.
    pub fuzzy: Fuzzy,
}

/// How memory hits are scored (see [`fuzzy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fuzzy {
    /// On word tokens, as OmegaT shows it (the default).
    #[default]
    Words,
    /// On characters as written (normalised Indel similarity, RapidFuzz's `fuzz.ratio`), as
    /// character-based CAT tools show it.
    Characters,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            lang: None,
            limit: 10,
            min_score: 70,
            concordance: false,
            fuzzy: Fuzzy::Words,
        }
    }
}

/// A translation-memory hit.
#[derive(Debug, Clone, Serialize)]
pub struct TmHit {
    /// Fuzzy score, 0..=100 (see [`fuzzy::WordScorer`]).
    pub score: u32,
    pub en: String,
    pub ru: String,
    /// The file the unit came from.
    pub origin: String,
    /// How it entered the workspace: "import" or "align".
    pub added_by: &'static str,
    /// The language of the side `highlight` points into (the other language than the query's).
    pub highlight_lang: &'static str,
    /// Byte ranges `[start, end)` in that side where the glossary equivalent of the query stands.
    pub highlight: Vec<[usize; 2]>,
    /// What differs from the query, as CAT tools mark a fuzzy match: byte ranges of the words in
    /// the hit's side in the query's language that the query does not have…
    pub differs: Vec<[usize; 2]>,
    /// …and the query's words the hit lacks.
    pub missing: Vec<String>,
}

/// A concordance line: a unit containing the term (or the top concept's terms) in some form.
#[derive(Debug, Clone, Serialize)]
pub struct ConcordanceHit {
    pub en: String,
    pub ru: String,
    pub origin: String,
    /// Byte ranges of the occurrences in the English side.
    pub en_matches: Vec<[usize; 2]>,
    /// Byte ranges of the occurrences in the Russian side.
    pub ru_matches: Vec<[usize; 2]>,
}

/// The answer to one query.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub query: String,
    pub lang: &'static str,
    pub glossary: Vec<GlossaryHit>,
    pub tm: Vec<TmHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concordance: Option<Vec<ConcordanceHit>>,
}

impl Answer {
    /// Whether anything was found.
    pub fn found(&self) -> bool {
        !self.glossary.is_empty()
            || !self.tm.is_empty()
            || self.concordance.as_ref().is_some_and(|c| !c.is_empty())
    }
}

/// The query's language: `Lang::Ru` when detection says so or it has Cyrillic letters, else English.
pub fn query_lang(query: &str) -> Lang {
    if detect(query).lang == Lang::Ru || query.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
    {
        Lang::Ru
    } else {
        Lang::En
    }
}

/// The byte ranges where a term (as lemma keys) stands in `text`, in any inflection.
pub fn find_term(text: &str, term: &[String]) -> Vec<[usize; 2]> {
    let n = term.len();
    if n == 0 {
        return Vec::new();
    }
    let ws = words(text);
    let keys: Vec<String> = ws.iter().map(|(_, _, w)| word_key(w)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + n <= keys.len() {
        if keys[i..i + n] == *term {
            out.push([ws[i].0, ws[i + n - 1].1]);
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

fn term_lemmas(term: &str) -> Vec<String> {
    words(term)
        .into_iter()
        .map(|(_, _, w)| word_key(w))
        .collect()
}

fn merge(mut v: Vec<[usize; 2]>) -> Vec<[usize; 2]> {
    v.sort_unstable();
    let mut out: Vec<[usize; 2]> = Vec::new();
    for r in v {
        match out.last_mut() {
            Some(last) if r[0] <= last[1] => last[1] = last[1].max(r[1]),
            _ => out.push(r),
        }
    }
    out
}

/// The words of `hit` the query lacks (byte ranges, adjacent ones merged) and the words of the
/// query `hit` lacks, compared by the stems of their word keys (inflection and case aside).
fn difference(query: &str, hit: &str) -> (Vec<[usize; 2]>, Vec<String>) {
    let keys = |t: &str| -> Vec<(usize, usize, String, String)> {
        words(t)
            .into_iter()
            .map(|(a, b, w)| {
                let lang = if crate::text::keys::has_cyrillic(w) {
                    Lang::Ru
                } else {
                    Lang::En
                };
                let key = crate::text::stem::stem(&word_key(w), lang);
                (a, b, w.to_string(), key)
            })
            .collect()
    };
    let (q, h) = (keys(query), keys(hit));
    let in_query: std::collections::HashSet<&str> = q.iter().map(|w| w.3.as_str()).collect();
    let in_hit: std::collections::HashSet<&str> = h.iter().map(|w| w.3.as_str()).collect();
    let mut differs: Vec<[usize; 2]> = Vec::new();
    for (a, b, _, k) in &h {
        if in_query.contains(k.as_str()) {
            continue;
        }
        // words apart only by spaces or punctuation join into one range
        match differs.last_mut() {
            Some(last) if hit[last[1]..*a].chars().all(|c| !c.is_alphanumeric()) => last[1] = *b,
            _ => differs.push([*a, *b]),
        }
    }
    let missing = q
        .iter()
        .filter(|w| !in_hit.contains(w.3.as_str()))
        .map(|w| w.2.clone())
        .collect();
    (differs, missing)
}

/// Candidates are read and scored this many at a time (between two batches the search may
/// stop: see [`Lookup::run`]).
const CANDIDATE_CHUNK: usize = 50;

/// The workspace's glossary, analysed for matching.
pub fn matcher(store: &Store) -> Result<TermMatcher> {
    Ok(TermMatcher::new(&store.glossary()?.concepts))
}

/// Looks queries up in one workspace (the glossary is analysed once, for many queries).
pub struct Lookup<'a> {
    store: &'a Store,
    matcher: Arc<TermMatcher>,
}

impl<'a> Lookup<'a> {
    pub fn new(store: &'a Store) -> Result<Lookup<'a>> {
        Ok(Lookup::with_matcher(store, Arc::new(matcher(store)?)))
    }

    /// A lookup over `store` with its glossary already analysed (a server shares one
    /// [`TermMatcher`] among all its connections).
    pub fn with_matcher(store: &'a Store, matcher: Arc<TermMatcher>) -> Lookup<'a> {
        Lookup { store, matcher }
    }

    /// The workspace this lookup reads.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// The glossary, analysed.
    pub fn matcher(&self) -> &TermMatcher {
        &self.matcher
    }

    /// Answer one query, from one snapshot of the workspace (a read transaction: an import
    /// running meanwhile is seen whole or not at all, and the file is locked once, not once per
    /// statement).
    pub fn run(&self, query: &str, opt: &Options) -> Result<Answer> {
        self.store.snapshot(|| self.answer(query, opt))
    }

    fn answer(&self, query: &str, opt: &Options) -> Result<Answer> {
        let lang = opt.lang.unwrap_or_else(|| query_lang(query));
        let mut glossary = self.matcher.find(query);
        let other = if lang == Lang::Ru { Lang::En } else { Lang::Ru };
        // The glossary equivalents of the query in the other language: of the best hit when the
        // query names a concept, else of every term the query holds.
        let equivalents: Vec<Vec<String>> = glossary
            .first()
            .filter(|h| h.score >= 70 && h.kind != MatchKind::Contained)
            .map(|h| if other == Lang::Ru { &h.ru } else { &h.en })
            .map(|ts| {
                ts.iter()
                    .map(|t| term_lemmas(t))
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_else(|| self.matcher.equivalents_in(query, other == Lang::Ru));
        let tm = self.tm(query, lang, other, &equivalents, opt)?;
        let concordance = if opt.concordance {
            Some(self.concordance(query, lang, glossary.first(), opt.limit)?)
        } else {
            None
        };
        glossary.truncate(opt.limit);
        Ok(Answer {
            query: query.to_string(),
            lang: lang.code(),
            glossary,
            tm,
            concordance,
        })
    }

    fn tm(
        &self,
        query: &str,
        lang: Lang,
        other: Lang,
        equivalents: &[Vec<String>],
        opt: &Options,
    ) -> Result<Vec<TmHit>> {
        let keys = super::text_keys(query, lang);
        let (cands, unused) = candidates(self.store, &keys, MAX_CANDIDATES)?;
        let (scorer, qk) = (fuzzy::WordScorer::new(query), match_key(query));
        // (score, character similarity, unit id, unit)
        let mut hits: Vec<(u32, f64, i64, Unit)> = Vec::new();
        // candidates come with more shared keys first: on words, once even the best score a
        // candidate could have (see `fuzzy::WordScorer::bound`) cannot make the list, no later
        // one can, and the rest are neither read nor scored
        let mut scores: Vec<u32> = Vec::new();
        for chunk in cands.chunks(CANDIDATE_CHUNK) {
            let threshold = |scores: &mut Vec<u32>| {
                let kth = if opt.limit > 0 && scores.len() >= opt.limit {
                    *scores
                        .select_nth_unstable_by(opt.limit - 1, |a, b| b.cmp(a))
                        .1
                } else {
                    0
                };
                kth.max(opt.min_score)
            };
            let bound = |shared: usize| scorer.bound(keys.len().saturating_sub(shared + unused));
            if opt.fuzzy == Fuzzy::Words && bound(chunk[0].1) < threshold(&mut scores) {
                break;
            }
            let ids: Vec<i64> = chunk.iter().map(|c| c.0).collect();
            for (id, u) in self.store.units_by_ids(&ids)? {
                let side = if lang == Lang::Ru { &u.ru } else { &u.en };
                let s = match opt.fuzzy {
                    Fuzzy::Words => scorer.score(side),
                    Fuzzy::Characters => fuzzy::char_score(query, &qk, side),
                };
                if s >= opt.min_score {
                    scores.push(s);
                    hits.push((s, 0.0, id, u));
                }
            }
        }
        // equal percentages: the closer in characters first ("as old as" before "as lucky as"
        // for "as new as"), then the older unit; the similarity is only needed from the
        // lowest percentage that can still make the list
        let mut by_score: Vec<u32> = hits.iter().map(|h| h.0).collect();
        let floor = if by_score.len() > opt.limit && opt.limit > 0 {
            *by_score
                .select_nth_unstable_by(opt.limit - 1, |a, b| b.cmp(a))
                .1
        } else {
            0
        };
        for h in hits.iter_mut().filter(|h| h.0 >= floor) {
            let side = if lang == Lang::Ru { &h.3.ru } else { &h.3.en };
            h.1 = fuzzy::char_similarity(query, side);
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        hits.truncate(opt.limit);
        Ok(hits
            .into_iter()
            .map(|(score, _, _, u)| {
                let target = if other == Lang::Ru { &u.ru } else { &u.en };
                let source = if other == Lang::Ru { &u.en } else { &u.ru };
                let (differs, missing) = difference(query, source);
                let highlight = merge(
                    equivalents
                        .iter()
                        .flat_map(|t| find_term(target, t))
                        .collect(),
                );
                TmHit {
                    score,
                    added_by: u.origin.as_str(),
                    origin: u.source,
                    highlight_lang: other.code(),
                    highlight,
                    differs,
                    missing,
                    en: u.en,
                    ru: u.ru,
                }
            })
            .collect())
    }

    /// Units holding the query, or a term of the best glossary hit, in any inflection.
    fn concordance(
        &self,
        query: &str,
        lang: Lang,
        top: Option<&GlossaryHit>,
        limit: usize,
    ) -> Result<Vec<ConcordanceHit>> {
        let mut searches: Vec<(Lang, Vec<String>)> = vec![(lang, term_lemmas(query))];
        if let Some(h) = top.filter(|h| h.score >= 70) {
            searches.extend(h.en.iter().map(|t| (Lang::En, term_lemmas(t))));
            searches.extend(h.ru.iter().map(|t| (Lang::Ru, term_lemmas(t))));
        }
        searches.retain(|(_, l)| !l.is_empty());
        searches.sort();
        searches.dedup();
        // Candidates: the units holding each search's rarest word.
        let mut ids: Vec<i64> = Vec::new();
        for (l, lemmas) in &searches {
            let mut best: Option<(i64, String)> = None;
            for w in lemmas {
                let k = format!("{}{}", side_prefix(*l), w);
                let n = self.store.df(&k)?;
                if best.as_ref().is_none_or(|(b, _)| n < *b) {
                    best = Some((n, k));
                }
            }
            if let Some((n, k)) = best {
                if n > 0 {
                    let mut p = self.store.postings(&k)?;
                    p.truncate(5_000);
                    ids.extend(p);
                }
            }
        }
        let mut out = Vec::new();
        for (_, u) in self.store.units_by_ids(&ids)? {
            let mut en_m = Vec::new();
            let mut ru_m = Vec::new();
            for (l, lemmas) in &searches {
                if *l == Lang::Ru {
                    ru_m.extend(find_term(&u.ru, lemmas));
                } else {
                    en_m.extend(find_term(&u.en, lemmas));
                }
            }
            if en_m.is_empty() && ru_m.is_empty() {
                continue;
            }
            out.push(ConcordanceHit {
                en: u.en,
                ru: u.ru,
                origin: u.source,
                en_matches: merge(en_m),
                ru_matches: merge(ru_m),
            });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }
}
