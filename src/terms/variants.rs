//! Variants under one concept, each with its kind and evidence: case and spelling (JPOA/JPoA,
//! Centre/Center), word order (Joint Action Plan / Joint Plan of Action), transliteration of a
//! Russian acronym (ISMI ~ ИСМИ), likely typos of a known acronym (UNCTO ~ UNOCT), and other
//! long forms defined for the same acronym.
use super::candidates::{self, Cand};
use super::common::{words, AcronymGroup};
use super::stop;
use crate::align::anchors::fold;
use crate::glossary::{Concept, Context, Status, Term, TermType, VariantInfo};
use crate::text::{self, Lang};
use std::collections::{BTreeMap, BTreeSet};

fn has(list: &[Term], t: &str) -> bool {
    list.iter().any(|x| x.text == t)
}

fn variant(t: &str, tt: TermType, status: Status, kind: &str, evidence: String) -> Term {
    Term {
        text: t.to_string(),
        term_type: tt,
        pos: "noun".to_string(),
        status,
        variant_of: Some(VariantInfo {
            kind: kind.to_string(),
            evidence,
        }),
    }
}

/// Kind of difference between two spellings of one term.
fn kind_of(a: &str, b: &str, lang: Lang) -> &'static str {
    if a.to_lowercase() == b.to_lowercase() {
        return "case";
    }
    let norm = |s: &str| candidates::phrase_key(&words(s), lang);
    if norm(a) == norm(b) {
        return "spelling";
    }
    if content_set(a, lang) == content_set(b, lang) {
        return "wordOrder";
    }
    "synonym"
}

fn content_set(s: &str, lang: Lang) -> BTreeSet<String> {
    words(s)
        .into_iter()
        .filter(|w| !stop::is_stop(w, lang == Lang::Ru))
        .map(|w| match lang {
            // the words themselves, plural folded: a stem would make "national United" a
            // word-order variant of "United Nations"
            Lang::En => {
                let l = w.to_lowercase();
                l.strip_suffix('s').map(str::to_string).unwrap_or(l)
            }
            _ => candidates::word_key(w, lang),
        })
        .collect()
}

fn push(list: &mut Vec<Term>, t: Term) {
    if !has(list, &t.text) {
        list.push(t);
    }
}

/// Other short and long forms written for the same acronym.
pub fn from_group(c: &mut Concept, g: &AcronymGroup, lang: Lang) {
    let list = if lang == Lang::En {
        &mut c.en
    } else {
        &mut c.ru
    };
    let (short, long) = (g.short().to_string(), g.long().to_string());
    for s in g.shorts.keys().filter(|s| **s != short) {
        push(
            list,
            variant(
                s,
                TermType::Acronym,
                Status::Admitted,
                kind_of(s, &short, lang),
                format!("{} and {} are written for one acronym", s, short),
            ),
        );
    }
    if lang == Lang::En {
        for l in g.longs.keys().filter(|l| **l != long) {
            let k = kind_of(l, &long, lang);
            push(
                list,
                variant(
                    l,
                    TermType::Variant,
                    Status::Admitted,
                    k,
                    format!("also defined as the long form of {}", short),
                ),
            );
        }
    }
}

/// Spellings of a multiword term seen in the corpus (Centre/Center). Forms share a stem, which
/// also joins other words (Office, Officer): only those with the same light key (plural,
/// British and American spelling folded) are variants.
pub fn from_forms(c: &mut Concept, e: &Cand) {
    let pref = c.en[0].text.clone();
    let key = super::project::english_key(&pref);
    for f in e
        .forms
        .keys()
        .filter(|f| **f != pref && super::project::english_key(f) == key)
    {
        let k = kind_of(f, &pref, Lang::En);
        if k != "case" {
            push(
                &mut c.en,
                variant(
                    f,
                    TermType::Variant,
                    Status::Admitted,
                    k,
                    format!("{} and {} occur in the texts", f, pref),
                ),
            );
        }
    }
}

/// Two acronyms with the same letters in another order, or one edit apart.
fn typo_of(a: &str, b: &str) -> bool {
    if a == b || a.len() < 4 || b.len() < 4 {
        return false;
    }
    let mut x: Vec<char> = a.chars().collect();
    let mut y: Vec<char> = b.chars().collect();
    // the same letters in another order (UNCTO ~ UNOCT); one letter changed is as often
    // another body (MINUSCA, MINUSMA), so it is not taken as a typo
    x.sort_unstable();
    y.sort_unstable();
    x == y && strsim::damerau_levenshtein(a, b) <= 2
}

/// Attach English acronyms and phrases of the whole corpus to the concepts they vary.
pub fn attach(
    concepts: &mut [Concept],
    en: &BTreeMap<String, Cand>,
    defs: &BTreeMap<String, AcronymGroup>,
) {
    // concepts by the content words of their preferred English term, for word-order variants
    let mut by_set: BTreeMap<BTreeSet<String>, Vec<usize>> = BTreeMap::new();
    for (k, c) in concepts.iter().enumerate() {
        by_set
            .entry(content_set(&c.en[0].text, Lang::En))
            .or_default()
            .push(k);
    }
    let with_acronym: Vec<usize> = (0..concepts.len())
        .filter(|&k| {
            concepts[k]
                .en
                .iter()
                .any(|t| t.term_type == TermType::Acronym && t.variant_of.is_none())
        })
        .collect();
    for cand in en.values() {
        let surface = cand.surface().to_string();
        if cand.acronym {
            let up = surface.to_uppercase();
            for &k in &with_acronym {
                let c = &mut concepts[k];
                let Some(sf) =
                    c.en.iter()
                        .find(|t| t.term_type == TermType::Acronym && t.variant_of.is_none())
                        .map(|t| t.text.to_uppercase())
                else {
                    continue;
                };
                if has(&c.en, &surface) || c.en.iter().any(|t| t.text.to_uppercase() == up) {
                    continue;
                }
                let ru_sf: Vec<String> =
                    c.ru.iter()
                        .filter(|t| t.term_type == TermType::Acronym)
                        .map(|t| t.text.clone())
                        .collect();
                let translit = ru_sf.iter().find(|r| {
                    fold(&text::translit_key(&r.to_lowercase())) == fold(&up.to_lowercase())
                });
                let v = if let Some(r) = translit {
                    Some(variant(
                        &surface,
                        TermType::Acronym,
                        Status::Admitted,
                        "transliteration",
                        format!("{} is {} transliterated", surface, r),
                    ))
                } else if typo_of(&up, &sf) {
                    Some(variant(
                        &surface,
                        TermType::Acronym,
                        Status::Deprecated,
                        "typo",
                        format!("{} has the letters of {} in another order", surface, sf),
                    ))
                } else {
                    None
                };
                if let Some(v) = v {
                    c.en.push(v);
                    for (sent, doc) in &cand.contexts {
                        c.contexts.push(Context {
                            lang: "en".into(),
                            text: sent.clone(),
                            doc: doc.clone(),
                        });
                    }
                    // a long form defined with the variant joins too
                    if let Some(g) = defs.get(&up) {
                        for l in g.longs.keys() {
                            if !has(&c.en, l) {
                                let pref = c.en[0].text.clone();
                                let k = kind_of(l, &pref, Lang::En);
                                c.en.push(variant(
                                    l,
                                    TermType::Variant,
                                    Status::Admitted,
                                    k,
                                    format!("defined as the long form of {}", surface),
                                ));
                            }
                        }
                    }
                    break;
                }
            }
        } else if cand.words >= 2 {
            // word-order variants: the same content words in another order
            let set = content_set(&surface, Lang::En);
            if set.len() < 2 {
                continue;
            }
            for &k in by_set.get(&set).map(Vec::as_slice).unwrap_or(&[]) {
                let c = &mut concepts[k];
                let pref = c.en[0].text.clone();
                if has(&c.en, &surface) {
                    continue;
                }
                if kind_of(&surface, &pref, Lang::En) == "wordOrder" {
                    c.en.push(variant(
                        &surface,
                        TermType::Variant,
                        Status::Admitted,
                        "wordOrder",
                        format!("{} and {} have the same words", surface, pref),
                    ));
                    if let Some((sent, doc)) = cand.contexts.first() {
                        c.contexts.push(Context {
                            lang: "en".into(),
                            text: sent.clone(),
                            doc: doc.clone(),
                        });
                    }
                }
            }
        }
    }
}
