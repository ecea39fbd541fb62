//! Why a bead may be wrong, in words a reviewer reads: the length ratio, numbers that differ,
//! acronyms and Latin-script names with no counterpart, a sentence inside the bead with no
//! counterpart, 1-n merges, one-sided beads. Each reason is a check on the bead's text alone
//! (and the document's length ratio), so it can be shown for any bead, scored or changed.
use crate::align::anchors::{is_acronym, is_cyrillic, numbers};
use crate::align::lexicon;
use crate::text::{self, stem::stem, Lang, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::OnceLock;

/// A length ratio further than this factor from the document's is reported.
const LENGTH_FACTOR: f64 = 1.6;
/// Texts shorter than this (characters) are too short for a length ratio to mean anything.
const LENGTH_MIN_CHARS: usize = 25;
/// A sentence with fewer content words than this is too short to judge as unmatched.
const UNMATCHED_MIN_WORDS: usize = 4;
/// A sentence inside a bead is "unmatched" when at most this share of its words has a
/// translation (or anchor) on the other side...
const UNMATCHED_MAX_SHARE: f64 = 0.1;
/// ...while the bead's other sentences have at least this share.
const MATCHED_MIN_SHARE: f64 = 0.25;
/// Shorter words are left out of the count (mostly function words: of, by, на, и).
const CONTENT_MIN_CHARS: usize = 4;
/// Lexicon associations below this are too weak to count a word as translated.
const LEXICON_MIN_P: f32 = 0.05;

/// One reason, with a code a program can test and a sentence a person reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub text: String,
}

fn reason(code: &'static str, text: String) -> Reason {
    Reason { code, text }
}

/// The reasons to doubt a bead of `en` and `ru` sentences; `ratio` is the document's Russian
/// characters per English character.
pub fn reasons(en: &[&str], ru: &[&str], ratio: f64) -> Vec<Reason> {
    let mut out = Vec::new();
    match (en.is_empty(), ru.is_empty()) {
        (true, true) => return out,
        (false, true) => out.push(reason(
            "one-sided",
            format!(
                "{} with no Russian counterpart",
                count(en.len(), "English sentence")
            ),
        )),
        (true, false) => out.push(reason(
            "one-sided",
            format!(
                "{} with no English counterpart",
                count(ru.len(), "Russian sentence")
            ),
        )),
        (false, false) => {}
    }
    if en.is_empty() || ru.is_empty() {
        return out;
    }
    if en.len() > 1 || ru.len() > 1 {
        out.push(reason(
            "merge",
            format!(
                "{}-{} bead: {} against {}",
                en.len(),
                ru.len(),
                count(en.len(), "English sentence"),
                count(ru.len(), "Russian sentence")
            ),
        ));
    }
    let (en_all, ru_all) = (en.join(" "), ru.join(" "));
    out.extend(length(&en_all, &ru_all, ratio));
    out.extend(differing_numbers(&en_all, &ru_all));
    out.extend(names(&en_all, &ru_all));
    out.extend(unmatched(en, ru, "English", "Russian", Lang::En));
    out.extend(unmatched(ru, en, "Russian", "English", Lang::Ru));
    out
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("one {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn length(en: &str, ru: &str, ratio: f64) -> Option<Reason> {
    let (ne, nr) = (en.chars().count(), ru.chars().count());
    if ne.min(nr) < LENGTH_MIN_CHARS || ratio <= 0.0 {
        return None;
    }
    let k = nr as f64 / ne as f64 / ratio;
    (!(1.0 / LENGTH_FACTOR..=LENGTH_FACTOR).contains(&k)).then(|| {
        reason(
            "length",
            format!(
                "the Russian is {k:.1}× the length the English predicts ({nr} against {ne} characters)"
            ),
        )
    })
}

/// Numbers in one text and not the other (as multisets).
pub(crate) fn differing_numbers(en: &str, ru: &str) -> Option<Reason> {
    let (mut a, mut b) = (numbers(en, Lang::En), numbers(ru, Lang::Ru));
    a.sort();
    b.sort();
    // numbers are kept without leading zeros: "0" and "00" are the empty string
    let shown = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|n| if n.is_empty() { "0".into() } else { n })
            .collect()
    };
    let (only_en, only_ru) = separators_either_way(minus(&a, &b), minus(&b, &a));
    let (only_en, only_ru) = (shown(only_en), shown(only_ru));
    if only_en.is_empty() && only_ru.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !only_en.is_empty() {
        parts.push(format!("only in the English: {}", only_en.join(", ")));
    }
    if !only_ru.is_empty() {
        parts.push(format!("only in the Russian: {}", only_ru.join(", ")));
    }
    Some(reason(
        "numbers",
        format!("numbers differ, {}", parts.join("; ")),
    ))
}

/// The numbers left on each side without those that are one number read with a dot either way:
/// "Law 26.659" is a decimal by English rules and 26659 by Russian ones ("26.659" and
/// "26659"), so the pair is the same number written alike.
fn separators_either_way(mut en: Vec<String>, mut ru: Vec<String>) -> (Vec<String>, Vec<String>) {
    // a dot before exactly three digits, the last ones: "26.659"
    let thousands_like = |n: &str| n.split_once('.').is_some_and(|(_, f)| f.len() == 3);
    let same = |x: &str, y: &str| {
        (thousands_like(x) && x.replace('.', "") == y)
            || (thousands_like(y) && y.replace('.', "") == x)
    };
    let mut i = 0;
    while i < en.len() {
        match ru.iter().position(|r| same(&en[i], r)) {
            Some(j) => {
                en.remove(i);
                ru.remove(j);
            }
            None => i += 1,
        }
    }
    (en, ru)
}

/// Sorted `a` without the items of sorted `b` (each item of `b` removes one).
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = 0;
    for x in a {
        while j < b.len() && b[j] < *x {
            j += 1;
        }
        if j < b.len() && b[j] == *x {
            j += 1;
        } else {
            out.push(x.clone());
        }
    }
    out
}

fn word_tokens(t: &str) -> Vec<&str> {
    text::tokens(t)
        .into_iter()
        .filter(|tk| tk.kind == TokenKind::Word)
        .map(|tk| tk.text)
        .collect()
}

/// Acronyms of one side when the other has none, and Latin-script words in the Russian that
/// the English does not have.
pub(crate) fn names(en: &str, ru: &str) -> Option<Reason> {
    let (ew, rw) = (word_tokens(en), word_tokens(ru));
    let acr = |ws: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ws
            .iter()
            .filter(|w| is_acronym(w))
            .map(|w| w.to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (ea, ra) = (acr(&ew), acr(&rw));
    let en_lower: FxHashSet<String> = ew.iter().map(|w| w.to_lowercase()).collect();
    let mut latin: Vec<String> = rw
        .iter()
        .filter(|w| !is_cyrillic(w) && w.chars().any(char::is_alphabetic))
        .filter(|w| !en_lower.contains(&w.to_lowercase()))
        .map(|w| w.to_string())
        .collect();
    latin.sort();
    latin.dedup();
    let mut parts = Vec::new();
    if !ea.is_empty() && ra.is_empty() {
        parts.push(format!(
            "{} in the English, none in the Russian",
            ea.join(", ")
        ));
    }
    if !ra.is_empty() && ea.is_empty() {
        parts.push(format!(
            "{} in the Russian, none in the English",
            ra.join(", ")
        ));
    }
    if !latin.is_empty() {
        parts.push(format!(
            "{} in the Russian, not in the English",
            latin.join(", ")
        ));
    }
    (!parts.is_empty()).then(|| {
        reason(
            "names",
            format!(
                "names or acronyms without a counterpart: {}",
                parts.join("; ")
            ),
        )
    })
}

/// The built-in lexicon as English stem → Russian stems (and the reverse).
fn lexicon_maps() -> &'static [FxHashMap<String, Vec<String>>; 2] {
    static M: OnceLock<[FxHashMap<String, Vec<String>>; 2]> = OnceLock::new();
    M.get_or_init(|| {
        let mut en_ru: FxHashMap<String, Vec<String>> = FxHashMap::default();
        let mut ru_en: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (e, r, p) in lexicon::builtin() {
            if *p >= LEXICON_MIN_P {
                en_ru.entry(e.clone()).or_default().push(r.clone());
                ru_en.entry(r.clone()).or_default().push(e.clone());
            }
        }
        [en_ru, ru_en]
    })
}

/// Of a sentence's words the lexicon knows, how many have a translation among `other`'s stems
/// (numbers and Latin words count when they stand there as they are). `None` when too few
/// words are known to judge.
fn share_translated(sentence: &str, lang: Lang, other: &FxHashSet<String>) -> Option<f64> {
    let map = &lexicon_maps()[usize::from(lang == Lang::Ru)];
    let (mut known, mut found) = (0usize, 0usize);
    for w in word_tokens(sentence) {
        if w.chars().count() < CONTENT_MIN_CHARS {
            continue; // function words translate into function words anywhere
        }
        let s = stem(w, lang);
        let here = other.contains(&s);
        match map.get(&s) {
            Some(tr) => {
                known += 1;
                found += usize::from(here || tr.iter().any(|t| other.contains(t)));
            }
            None if here => {
                known += 1;
                found += 1;
            }
            None => {}
        }
    }
    (known >= UNMATCHED_MIN_WORDS).then(|| found as f64 / known as f64)
}

/// Sentences of `side` (of two or more) that seem to have no counterpart in `other`.
fn unmatched(
    side: &[&str],
    other: &[&str],
    name: &str,
    other_name: &str,
    lang: Lang,
) -> Option<Reason> {
    if side.len() < 2 {
        return None;
    }
    let other_lang = if lang == Lang::En { Lang::Ru } else { Lang::En };
    let stems: FxHashSet<String> = other
        .iter()
        .flat_map(|s| word_tokens(s))
        .map(|w| stem(w, other_lang))
        .collect();
    let shares: Vec<Option<f64>> = side
        .iter()
        .map(|s| share_translated(s, lang, &stems))
        .collect();
    let lonely: Vec<usize> = (0..side.len())
        .filter(|&i| shares[i].is_some_and(|x| x <= UNMATCHED_MAX_SHARE))
        .filter(|&i| {
            shares
                .iter()
                .enumerate()
                .any(|(j, x)| j != i && x.is_some_and(|x| x >= MATCHED_MIN_SHARE))
        })
        .collect();
    (!lonely.is_empty()).then(|| {
        let which: Vec<String> = lonely.iter().map(|i| (i + 1).to_string()).collect();
        reason(
            "unmatched",
            format!(
                "{name} sentence {} of {} seems to have no counterpart in the {other_name}",
                which.join(", "),
                side.len()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: &[Reason]) -> Vec<&str> {
        r.iter().map(|x| x.code).collect()
    }

    #[test]
    fn a_clean_pair_has_no_reason() {
        let r = reasons(
            &["The conference will be held in Tashkent on 3 March 2022."],
            &["Конференция пройдет в Ташкенте 3 марта 2022 года."],
            1.1,
        );
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn numbers_names_length_and_merges_are_spelled_out() {
        let r = reasons(
            &["The UNOCT office opened in 2021."],
            &[
                "Офис открылся в 2020 году.",
                "Зарубежные участники могут связаться с организаторами по телефону или электронной почте.",
            ],
            1.1,
        );
        let c = codes(&r);
        for want in ["merge", "numbers", "names", "length"] {
            assert!(c.contains(&want), "{want} missing from {r:?}");
        }
        assert!(r
            .iter()
            .any(|x| x.text.contains("2021") && x.text.contains("2020")));
        let one = reasons(&[], &["Поделиться"], 1.1);
        assert_eq!(codes(&one), ["one-sided"]);
    }

    #[test]
    fn a_sentence_without_counterpart_inside_a_bead_is_named() {
        let r = reasons(
            &["The Secretary-General welcomed the adoption of the resolution by the General Assembly."],
            &[
                "Генеральный секретарь приветствовал принятие резолюции Генеральной Ассамблеей.",
                "Прогноз погоды на завтра обещает сильный дождь, ветер и похолодание.",
            ],
            1.1,
        );
        let u = r.iter().find(|x| x.code == "unmatched");
        assert!(
            u.is_some_and(|u| u.text.starts_with("Russian sentence 2 of 2")),
            "{r:?}"
        );
    }

    #[test]
    fn a_dot_read_either_way_is_one_number() {
        assert!(differing_numbers("Law 26.659 of 2011", "Закон 26.659 2011 года").is_none());
        assert!(differing_numbers("$8,787,700", "8 787 700 долл.").is_none());
        // a decimal is not a thousands group: 3.5 is not 35
        assert!(differing_numbers("3.5 per cent", "35 процентов").is_some());
    }
}
