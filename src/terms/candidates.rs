//! Monolingual candidates: multiword terms (runs of content words bounded by stop words and
//! punctuation, ranked by C-value over the corpus), names (capitalised runs, which may hold
//! "of"/"for"/"and"), and acronyms, with their occurrences.
use super::acronym::is_acronym;
use super::{ru, stop, Corpus};
use crate::text::{self, morph, stem::stem, Lang, TokenKind};
use std::collections::{BTreeMap, BTreeSet};

/// Longest candidate, in words.
pub const MAX_WORDS: usize = 7;

/// Connectors allowed inside capitalised names.
const EN_CONNECT: &[&str] = &["of", "for", "on", "against", "in"];

/// A candidate term in one language, grouped over its inflected/cased forms.
#[derive(Debug, Clone, Default)]
pub struct Cand {
    /// Match key: word keys joined by spaces.
    pub key: String,
    /// Surface forms and their counts.
    pub forms: BTreeMap<String, usize>,
    /// Segments it occurs in.
    pub segs: BTreeSet<usize>,
    pub freq: usize,
    pub words: usize,
    /// Every content word capitalised (a name).
    pub name: bool,
    pub acronym: bool,
    /// C-value termhood.
    pub cvalue: f64,
    /// Occurrences that are a whole run of content words (not part of a longer run).
    pub whole: usize,
    /// (sentence, document) of the first occurrences.
    pub contexts: Vec<(String, String)>,
}

impl Cand {
    /// The most frequent surface form (ties: the first in order).
    pub fn surface(&self) -> &str {
        self.forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|x| x.0.as_str())
            .unwrap_or("")
    }
}

/// A lower-case English word that is only a verb or an adverb (not a participle or gerund,
/// which modify nouns: "organized crime", "drug trafficking"): it starts no term ("discuss
/// UNODC tools", "effectively support Member States").
fn verb_or_adverb(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && super::general::en_pos(w).is_some_and(|p| !p.contains('n') && !p.contains('a'))
}

/// An English word without its possessive ending ("Agency's" → "Agency", "States’" stays).
fn possessive_stem(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .filter(|s| !s.is_empty())
        .unwrap_or(w)
}

/// The key of one word.
pub fn word_key(w: &str, lang: Lang) -> String {
    if is_acronym(w) {
        return w.to_uppercase();
    }
    match lang {
        Lang::Ru => ru::word_key(w),
        _ => {
            let l = w.to_lowercase();
            // British and American spellings share a key
            let l = l
                .replace("centre", "center")
                .replace("organisation", "organization")
                .replace("programme", "program");
            stem(&l, Lang::En)
        }
    }
}

/// The key of a phrase (stop words inside names are kept as written, lower case).
pub fn phrase_key(words: &[&str], lang: Lang) -> String {
    words
        .iter()
        .map(|w| {
            if stop::is_stop(w, lang == Lang::Ru) {
                w.to_lowercase()
            } else {
                word_key(w, lang)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A hyphenated compound of two or more words (государства-члены, Secretary-General).
pub fn is_compound(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['-', '‐']).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() >= 2 && p.chars().all(char::is_alphabetic))
}

/// Words with their hyphenated compounds split into parts.
pub fn parts<'a>(ws: &[&'a str]) -> Vec<&'a str> {
    ws.iter()
        .flat_map(|w| w.split(['-', '‐']))
        .filter(|p| !p.is_empty())
        .collect()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Candidate spans (token index ranges) in one sentence.
fn spans(words: &[(&str, usize, usize, bool)], lang: Lang) -> Vec<(usize, usize)> {
    let ru = lang == Lang::Ru;
    let mut out = Vec::new();
    let n = words.len();
    let mut i = 0;
    while i < n {
        let ok = |k: usize| {
            words[k].3 && !stop::is_stop(words[k].0, ru) && words[k].0.chars().count() > 1
        };
        if !ok(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < n && ok(j) && words[j - 1].2 + 2 >= words[j].1 {
                j += 1;
                continue;
            }
            // a connector inside a capitalised name: "Joint Plan of Action", "Institute for …"
            if !ru
                && j + 1 < n
                && capitalised(words[j - 1].0)
                && EN_CONNECT.contains(&words[j].0.to_lowercase().as_str())
                && ok(j + 1)
                && capitalised(words[j + 1].0)
            {
                j += 2;
                continue;
            }
            // "and" between two words of a name that goes on: Economic and Social Council,
            // Institute for Strategic and Regional Studies (not "France and Germany")
            if !ru
                && j + 2 < n
                && words[j].0 == "and"
                && capitalised(words[j - 1].0)
                && ok(j + 1)
                && capitalised(words[j + 1].0)
                && ok(j + 2)
                && capitalised(words[j + 2].0)
            {
                j += 3;
                continue;
            }
            // Russian "и" between two adjectives before their noun: Экономический и
            // Социальный Совет, стратегических и межрегиональных исследований
            if ru
                && j + 2 < n
                && words[j].0 == "и"
                && ok(j + 1)
                && ok(j + 2)
                && morph::is_adjective(words[j - 1].0)
                && morph::is_adjective(words[j + 1].0)
            {
                j += 3;
                continue;
            }
            // Russian "по" between a noun and its complement: Совет по правам человека,
            // операции по поддержанию мира
            if ru
                && j + 1 < n
                && words[j].0 == "по"
                && ok(j + 1)
                && words[j - 1].2 + 2 >= words[j].1
            {
                j += 2;
                continue;
            }
            break;
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Extract candidates of one language from the corpus.
pub fn extract(corpus: &Corpus, lang: Lang) -> BTreeMap<String, Cand> {
    // hashed while counting (every sub-run of every sentence is looked up), ordered at the end
    let mut cands: rustc_hash::FxHashMap<String, Cand> = Default::default();
    // sentence-initial capitalised single words: (key, surface, segment, whole run)
    let mut initial: Vec<(String, String, usize, bool)> = Vec::new();
    let ru = lang == Lang::Ru;
    for (si, seg) in corpus.segments.iter().enumerate() {
        let Some(t) = (if ru {
            seg.ru.as_deref()
        } else {
            seg.en.as_deref()
        }) else {
            continue;
        };
        for r in text::sentences(t, lang) {
            let sent = &t[r.clone()];
            let toks: Vec<(&str, usize, usize, bool)> = text::tokens(sent)
                .into_iter()
                .filter(|tk| tk.kind != TokenKind::Punct || !matches!(tk.text, "-" | "‐"))
                .map(|tk| {
                    // a possessive is no part of a term: "the Agency's" holds "Agency"
                    let text = possessive_stem(tk.text);
                    let end = tk.end - (tk.text.len() - text.len());
                    (text, tk.start, end, tk.kind == TokenKind::Word)
                })
                .collect();
            for (a, b) in spans(&toks, lang) {
                for s in a..b {
                    for e in s + 1..=(s + MAX_WORDS).min(b) {
                        let ws: Vec<&str> = toks[s..e].iter().map(|x| x.0).collect();
                        // no candidate starts or ends with a connector, nor ends with a word
                        // that is only an adjective before a noun
                        let last = ws[ws.len() - 1];
                        if stop::is_stop(ws[0], ru)
                            || stop::is_stop(last, ru)
                            || (!ru && (stop::not_last(last) || verb_or_adverb(ws[0])))
                        {
                            continue;
                        }
                        let content: Vec<&&str> =
                            ws.iter().filter(|w| !stop::is_stop(w, ru)).collect();
                        let name = content.iter().all(|w| capitalised(w));
                        let acronym = ws.len() == 1 && is_acronym(ws[0]);
                        // single words only for names, acronyms and compounds (государства-члены);
                        // a capital at sentence start is no evidence of a name, so such an
                        // occurrence only counts for a name seen elsewhere (below)
                        let surface = &sent[toks[s].1..toks[e - 1].2];
                        let key = phrase_key(&ws, lang);
                        if ws.len() == 1 && name && s == 0 && !acronym && !is_compound(ws[0]) {
                            // (English only: a Russian sentence-initial capital is as often
                            // a common noun read as a name elsewhere: "Пункт")
                            if !ru {
                                initial.push((key, surface.to_string(), si, e == b));
                            }
                            continue;
                        }
                        if ws.len() == 1 && !(acronym || name || is_compound(ws[0])) {
                            continue;
                        }
                        let c = cands.entry(key.clone()).or_default();
                        c.key = key;
                        *c.forms.entry(surface.to_string()).or_insert(0) += 1;
                        c.segs.insert(si);
                        c.freq += 1;
                        c.words = ws.len();
                        c.name |= name;
                        c.acronym |= acronym;
                        if s == a && e == b {
                            c.whole += 1;
                        }
                        if c.contexts.len() < 2 && !c.contexts.iter().any(|x| x.0 == sent) {
                            c.contexts.push((sent.to_string(), seg.doc.clone()));
                        }
                    }
                }
            }
        }
    }
    for (key, surface, si, whole) in initial {
        if let Some(c) = cands.get_mut(&key) {
            *c.forms.entry(surface).or_insert(0) += 1;
            c.segs.insert(si);
            c.freq += 1;
            c.whole += usize::from(whole);
        }
    }
    let mut cands: BTreeMap<String, Cand> = cands.into_iter().collect();
    cvalue(&mut cands);
    cands
}

/// C-value (Frantzi et al. 2000): log2(|a|+1)·(f(a) − mean f of longer candidates holding a).
fn cvalue(cands: &mut BTreeMap<String, Cand>) {
    // hashed look-ups: this runs over every sub-phrase of every candidate
    let known: rustc_hash::FxHashSet<&str> = cands.keys().map(String::as_str).collect();
    let mut nested: rustc_hash::FxHashMap<String, (usize, usize)> = Default::default();
    for (k, c) in cands.iter() {
        let ws: Vec<&str> = k.split(' ').collect();
        for s in 0..ws.len() {
            for e in s + 1..=ws.len() {
                if e - s == ws.len() {
                    continue;
                }
                let sub = ws[s..e].join(" ");
                if known.contains(sub.as_str()) {
                    let ent = nested.entry(sub).or_insert((0, 0));
                    ent.0 += c.freq;
                    ent.1 += 1;
                }
            }
        }
    }
    for (k, c) in cands.iter_mut() {
        let w = ((c.words + 1) as f64).log2();
        c.cvalue = match nested.get(k) {
            Some(&(sum, n)) => w * (c.freq as f64 - sum as f64 / n as f64),
            None => w * c.freq as f64,
        };
    }
}
