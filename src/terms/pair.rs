//! EN↔RU pairing and concept assembly.
use super::acronym;
use super::candidates::{self, Cand};
use super::common::{ctx, ends_in_modifier, forms_by_count, ru_display, term, words, AcronymGroup};
use super::translate::{latin_key, Translator};
use super::weights::{Weights, WEIGHTS};
use super::{general, ru, stop, variants, Corpus};
use crate::glossary::{concept_id, Concept, Glossary, Origin, Status, Term, TermType};
use crate::report::Report;
use crate::text::{self, Lang};
use std::collections::{BTreeMap, BTreeSet};

/// Pairs below this score are not proposed ([`Weights::min_score`]).
pub const MIN_SCORE: f64 = WEIGHTS.min_score;

fn content(ws: &[&str], ru: bool) -> usize {
    candidates::parts(ws)
        .iter()
        .filter(|w| !stop::is_stop(w, ru))
        .count()
}

/// Record the proper sub-phrases of phrase key `key` as covered by a term seen `n` times.
fn cover(covered: &mut BTreeMap<String, usize>, key: &str, n: usize) {
    let ws: Vec<&str> = key.split(' ').collect();
    for s in 0..ws.len() {
        for e in s + 1..=ws.len() {
            if e - s < ws.len() {
                let v = covered.entry(ws[s..e].join(" ")).or_insert(0);
                *v = (*v).max(n);
            }
        }
    }
}

/// True when a term holding `key` was kept and `key` is seen at most once more than it.
fn is_covered(covered: &BTreeMap<String, usize>, key: &str, freq: usize) -> bool {
    covered.get(key).is_some_and(|&n| n + 1 >= freq)
}

fn most(m: &BTreeMap<String, usize>) -> &str {
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|x| x.0.as_str())
        .unwrap_or("")
}

impl AcronymGroup {
    /// The most frequent short form.
    pub fn short(&self) -> &str {
        most(&self.shorts)
    }
    /// The most frequent long form.
    pub fn long(&self) -> &str {
        most(&self.longs)
    }
}

/// Acronym definitions of one language, grouped by upper-cased short form.
pub fn acronym_groups(
    corpus: &Corpus,
    lang: Lang,
    cands: &BTreeMap<String, Cand>,
) -> BTreeMap<String, AcronymGroup> {
    let mut groups: BTreeMap<String, AcronymGroup> = BTreeMap::new();
    for (si, seg) in corpus.segments.iter().enumerate() {
        let Some(t) = (if lang == Lang::Ru {
            seg.ru.as_deref()
        } else {
            seg.en.as_deref()
        }) else {
            continue;
        };
        for (k, d) in acronym::definitions(t, lang).into_iter().enumerate() {
            let g = groups.entry(d.short.to_uppercase()).or_default();
            g.defined_at.entry(si).or_insert(k);
            *g.shorts.entry(d.short.clone()).or_insert(0) += 1;
            *g.longs.entry(d.long.clone()).or_insert(0) += 1;
            g.segs.insert(si);
            if g.contexts.len() < 2 {
                let sent = text::sentences(t, lang)
                    .into_iter()
                    .find(|r| r.start <= d.long_span.0 && d.short_span.1 <= r.end)
                    .map(|r| t[r].to_string())
                    .unwrap_or_else(|| t.to_string());
                if !g.contexts.iter().any(|c| c.0 == sent) {
                    g.contexts.push((sent, seg.doc.clone()));
                }
            }
        }
    }
    // every segment where the short form is used, defined or not
    for (k, g) in groups.iter_mut() {
        let key = candidates::phrase_key(&k.split(' ').collect::<Vec<_>>(), lang);
        if let Some(c) = cands.get(&key) {
            g.segs.extend(c.segs.iter().copied());
        }
    }
    groups
}

/// The share of the segments defining both acronyms where they are defined in the same order
/// (the second definition of an English sentence pairs with the second of its translation).
fn same_order(e: &AcronymGroup, r: &AcronymGroup) -> f64 {
    let (mut both, mut same) = (0, 0);
    for (s, i) in &e.defined_at {
        if let Some(j) = r.defined_at.get(s) {
            both += 1;
            same += usize::from(i == j);
        }
    }
    if both == 0 {
        0.0
    } else {
        same as f64 / both as f64
    }
}

fn dice(a: &BTreeSet<usize>, b: &BTreeSet<usize>, corpus: &Corpus) -> f64 {
    let ab: Vec<&usize> = a.iter().filter(|i| corpus.bilingual(**i)).collect();
    let bb: Vec<&usize> = b.iter().filter(|i| corpus.bilingual(**i)).collect();
    if ab.is_empty() || bb.is_empty() {
        return 0.0;
    }
    let both = ab.iter().filter(|i| b.contains(i)).count();
    2.0 * both as f64 / (ab.len() + bb.len()) as f64
}

/// Dunning's log-likelihood ratio G² of the co-occurrence of two candidates over the `n`
/// bilingual segments: `both` together, `a` and `b` segments each. 10.83 is p < 0.001.
pub fn llr(both: usize, a: usize, b: usize, n: usize) -> f64 {
    let k = [
        both as f64,
        a.saturating_sub(both) as f64,
        b.saturating_sub(both) as f64,
        n.saturating_sub(a + b - both.min(a + b)) as f64,
    ];
    let n = k.iter().sum::<f64>();
    if n == 0.0 {
        return 0.0;
    }
    let (r1, r2) = (k[0] + k[1], k[2] + k[3]);
    let (c1, c2) = (k[0] + k[2], k[1] + k[3]);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (term(k[0], r1 * c1 / n)
        + term(k[1], r1 * c2 / n)
        + term(k[2], r2 * c1 / n)
        + term(k[3], r2 * c2 / n))
}

/// Russian candidates by the candidate one word shorter that starts them (the key without its
/// last word), to widen a fragment to the term it is almost always part of: "операции по
/// поддержанию" → "операции по поддержанию мира".
struct Extensions<'a> {
    by_sub: BTreeMap<&'a str, Vec<&'a Cand>>,
}

impl<'a> Extensions<'a> {
    fn new(cands: &'a BTreeMap<String, Cand>) -> Extensions<'a> {
        let mut by_sub: BTreeMap<&str, Vec<&Cand>> = BTreeMap::new();
        for c in cands.values().filter(|c| c.words >= 2 && !c.acronym) {
            let k = c.key.as_str();
            // only to the right: a word added on the left is a new head ("пространство
            // Республики Кипр")
            if let Some((sub, _)) = k.rsplit_once(' ') {
                by_sub.entry(sub).or_default().push(c);
            }
        }
        Extensions { by_sub }
    }

    /// `r`, or the longer candidate holding it in at least 3 of its 4 (and 3 or more) occurrences
    /// (repeatedly, up to two words), when the English still covers it as well: an extra
    /// Russian word that the English term implies ("мира" in "операции по поддержанию мира",
    /// "дня" in "Предварительная повестка дня") costs the word-by-word score more than it
    /// should.
    fn widest(
        &self,
        r: &'a Cand,
        en: &[&str],
        tr: &Translator,
        w: &Weights,
        taken: &mut BTreeSet<&'a str>,
    ) -> &'a Cand {
        let mut cur = r;
        let base = tr.phrase(en, &words(r.surface()));
        for _ in 0..w.widen_max_words {
            let Some(next) = self.by_sub.get(cur.key.as_str()).and_then(|v| {
                v.iter()
                    .filter(|c| {
                        cur.freq >= w.widen_min_freq
                            && 4 * c.freq >= w.widen_share_quarters * cur.freq
                            && !taken.contains(c.key.as_str())
                    })
                    .max_by(|a, b| a.freq.cmp(&b.freq).then(b.key.cmp(&a.key)))
            }) else {
                break;
            };
            // the added word translates a word of the English ("мира" in peacekeeping), and
            // is no dangling adjective ("Международная конференция высокого")
            let last = words(next.surface()).last().copied().unwrap_or("");
            let linked = en.iter().any(|e| tr.word(e, last) >= w.widen_min_link);
            if !linked
                || ends_in_modifier(next.surface())
                || ru::is_verb(last)
                || tr.phrase(en, &words(next.surface())) < base - w.widen_max_drop
            {
                break;
            }
            taken.insert(next.key.as_str());
            cur = next;
        }
        cur
    }
}

/// Build the glossary: acronym concepts, then multiword terms and names, then variants.
/// `report` is told the name of each step as it starts (for progress), and the explanations
/// `opts.explain` asks for. The stages' thresholds and weights are [`WEIGHTS`].
pub fn build(corpus: &Corpus, opts: &super::Options, report: &dyn Report) -> Glossary {
    let w = &WEIGHTS;
    report.step("learning word translations");
    let mut tr = Translator::new(corpus);
    report.step("English candidates");
    let en_c = candidates::extract(corpus, Lang::En);
    report.step("Russian candidates");
    let ru_c = candidates::extract(corpus, Lang::Ru);
    report.step("acronym definitions");
    let en_a = acronym_groups(corpus, Lang::En, &en_c);
    let ru_a = acronym_groups(corpus, Lang::Ru, &ru_c);
    let found = Found {
        en_c,
        ru_c,
        en_a,
        ru_a,
        en_lower: english_lower_case_words(corpus),
    };
    let mut made = pair_defined_acronyms(corpus, &tr, &found, w);
    report.step("acronyms by co-occurrence");
    pair_acronyms_by_cooccurrence(corpus, &mut tr, &found, w, &mut made);
    report.step("pairing terms");
    pair_terms(corpus, &tr, &found, w, opts, report, &mut made);
    report.step("terms by word alignment");
    let mut concepts = made.concepts;
    let explain = opts.explain.as_deref().map(|t| (t, report));
    let projections = super::project::add(corpus, &tr, &mut concepts, explain);
    drop_titles_glued_to_names(&mut concepts);
    concepts
        .iter_mut()
        .for_each(|c| lower_sentence_capital(c, &found.en_lower));
    report.step("variants");
    add_variants_and_pending(corpus, &tr, &found, &projections, &mut concepts);
    let mut g = Glossary { concepts };
    g.normalize();
    g
}

/// How close (in [0,1]) each word of a Russian name must be to the English one's
/// transliteration for the pair to count as a transliterated name.
const NAME_TRANSLIT: f64 = 0.6;

/// Drop the concepts that are a title glued to a person's name, both concepts of their own
/// ("OSCE Secretary General Helga Maria Schmid" beside "OSCE Secretary General" and "Helga
/// Maria Schmid"): the name is a transliterated pair, word for word, of words that are no
/// English words ("General Assembly" = "Генеральная Ассамблея" is no name).
fn drop_titles_glued_to_names(concepts: &mut Vec<Concept>) {
    let preferred = |c: &Concept| {
        (
            c.en.first().map_or("", |t| t.text.as_str()).to_string(),
            c.ru.first().map_or("", |t| t.text.as_str()).to_string(),
        )
    };
    let transliterated = |en: &str, ru: &str| {
        let (e, r): (Vec<&str>, Vec<&str>) = (
            en.split_whitespace().collect(),
            ru.split_whitespace().collect(),
        );
        e.len() == r.len()
            && e.iter().zip(&r).all(|(a, b)| {
                a.chars().next().is_some_and(char::is_uppercase)
                    && general::en_pos(a).is_none()
                    && text::translit_similarity(a, b) >= NAME_TRANSLIT
            })
    };
    let names: BTreeSet<String> = concepts
        .iter()
        .map(preferred)
        .filter(|(e, r)| transliterated(e, r))
        .map(|(e, _)| e)
        .collect();
    // titles: terms translated, not transliterated ("OSCE Secretary General", not "Bryan")
    let titles: BTreeSet<String> = concepts
        .iter()
        .map(preferred)
        .filter(|(e, r)| text::translit_similarity(e, r) < NAME_TRANSLIT)
        .map(|(e, _)| e)
        .collect();
    concepts.retain(|c| {
        let en = preferred(c).0;
        let ws: Vec<&str> = en.split_whitespace().collect();
        c.origin != Origin::Extracted
            || !(1..ws.len())
                .any(|k| titles.contains(&ws[..k].join(" ")) && names.contains(&ws[k..].join(" ")))
    });
}

/// A term written with a capital only because a sentence starts with it ("Law enforcement",
/// "Administrative controls"): two words or more, the first a common word that the English
/// text also writes in lower case (not "German"), the others in lower case. A glossary lists it
/// in lower case, and its Russian likewise.
fn lower_sentence_capital(c: &mut Concept, lower_case_words: &BTreeSet<String>) {
    let capital_only_first = |t: &str, ru: bool| {
        let ws: Vec<&str> = t.split_whitespace().collect();
        let first = ws.first().copied().unwrap_or("");
        let mut cs = first.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|ch| !ch.is_uppercase())
            && general::zipf(first, ru) > general::UNLISTED_ZIPF
            && (ru || ws.len() > 1)
            && ws[1..]
                .iter()
                .all(|w| !w.chars().next().is_some_and(char::is_uppercase))
    };
    let seen_lower = |t: &str| {
        let first = t.split_whitespace().next().unwrap_or("");
        lower_case_words.contains(&first.to_lowercase())
    };
    if c.origin != Origin::Extracted
        || !c
            .en
            .first()
            .is_some_and(|t| capital_only_first(&t.text, false) && seen_lower(&t.text))
    {
        return;
    }
    let lower_first = |t: &mut Term| {
        t.text = super::common::lower_initial(&t.text);
        t.pos = "noun".to_string();
    };
    lower_first(&mut c.en[0]);
    if let Some(r) =
        c.ru.first_mut()
            .filter(|r| capital_only_first(&r.text, true))
    {
        lower_first(r);
    }
    c.id = concept_id(&c.en[0].text, c.ru.first().map_or("", |r| r.text.as_str()));
}

/// The candidates and acronym groups of both languages, which the pairing stages read.
struct Found {
    en_c: BTreeMap<String, Cand>,
    ru_c: BTreeMap<String, Cand>,
    en_a: BTreeMap<String, AcronymGroup>,
    ru_a: BTreeMap<String, AcronymGroup>,
    /// Every word the English text writes in lower case.
    en_lower: BTreeSet<String>,
}

/// What the pairing stages have made so far.
#[derive(Default)]
struct Made {
    concepts: Vec<Concept>,
    /// Keys of the English terms already in concepts, with how often they were written.
    used_en: BTreeMap<String, usize>,
    /// The same for Russian.
    used_ru: BTreeMap<String, usize>,
}

/// Stage "acronym definitions" (docs/terms.md, pairing step 1): acronyms defined on both
/// sides, one concept per pair of groups, assigned greedily, one to one.
fn pair_defined_acronyms(corpus: &Corpus, tr: &Translator, found: &Found, w: &Weights) -> Made {
    let (en_a, ru_a) = (&found.en_a, &found.ru_a);
    let mut made = Made::default();
    let mut taken_e = BTreeSet::new();
    let mut taken_r = BTreeSet::new();
    for (s, ek, rk) in defined_acronym_pairs(corpus, tr, found, w) {
        if taken_e.contains(&ek) || taken_r.contains(&rk) {
            continue;
        }
        taken_e.insert(ek.clone());
        taken_r.insert(rk.clone());
        let (eg, rg) = (&en_a[&ek], &ru_a[&rk]);
        let en_long = eg.long().to_string();
        let ru_long = ru_display(rg.long());
        let mut c = Concept {
            id: concept_id(&en_long, &ru_long),
            en: vec![
                term(&en_long, TermType::FullForm, "noun", Status::Preferred),
                term(eg.short(), TermType::Acronym, "noun", Status::Admitted),
            ],
            ru: vec![
                term(&ru_long, TermType::FullForm, "noun", Status::Preferred),
                term(rg.short(), TermType::Acronym, "noun", Status::Admitted),
            ],
            contexts: [ctx(&eg.contexts, "en"), ctx(&rg.contexts, "ru")].concat(),
            confidence: (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            origin: Origin::Extracted,
            note: None,
        };
        variants::from_group(&mut c, eg, Lang::En);
        variants::from_group(&mut c, rg, Lang::Ru);
        for (g, lang) in [(eg, Lang::En), (rg, Lang::Ru)] {
            let used = if lang == Lang::En {
                &mut made.used_en
            } else {
                &mut made.used_ru
            };
            for (l, n) in g.longs.iter().chain(g.shorts.iter()) {
                *used
                    .entry(candidates::phrase_key(&words(l), lang))
                    .or_insert(0) += n;
            }
        }
        for t in c.en.iter() {
            made.used_en
                .entry(candidates::phrase_key(&words(&t.text), Lang::En))
                .or_insert(1);
        }
        for t in c.ru.iter() {
            made.used_ru
                .entry(candidates::phrase_key(&words(&t.text), Lang::Ru))
                .or_insert(1);
        }
        made.concepts.push(c);
    }
    made
}

/// Every English and Russian acronym group that may pair, with its score in [0.5, 1] (by
/// default), the best first (ties: by key).
fn defined_acronym_pairs(
    corpus: &Corpus,
    tr: &Translator,
    found: &Found,
    w: &Weights,
) -> Vec<(f64, String, String)> {
    let mut scored: Vec<(f64, String, String)> = Vec::new();
    for (ek, eg) in &found.en_a {
        for (rk, rg) in &found.ru_a {
            let lf = tr.phrase(&words(eg.long()), &words(rg.long()));
            let sf = if ek == rk || latin_key(ek) == latin_key(rk) {
                1.0
            } else {
                0.0
            };
            let d = dice(&eg.segs, &rg.segs, corpus);
            let ord = same_order(eg, rg);
            // the order of definitions inside a bead is a weak hint (a translation may
            // define one acronym more or less): a bonus, never a requirement
            let s = (w.defined_long_form * lf
                + w.defined_dice * d
                + w.defined_short_form * sf
                + w.defined_order * ord)
                .min(1.0);
            if s >= w.defined_min_score && (d > 0.0 || sf > 0.0 || lf > w.defined_long_forms_alone)
            {
                // definitions on both sides are strong evidence: scale into [floor, 1]
                let floor = w.defined_floor;
                scored.push((floor + s * (1.0 - floor), ek.clone(), rk.clone()));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored
}

/// Stage "acronyms by co-occurrence" (pairing step 2): acronyms that are not defined on both
/// sides, paired by co-occurrence (SCO = ШОС). Each pair becomes known to the word scorer, and
/// a concept unless the acronym already has one.
fn pair_acronyms_by_cooccurrence(
    corpus: &Corpus,
    tr: &mut Translator,
    found: &Found,
    w: &Weights,
    made: &mut Made,
) {
    let en_ac = bilingual_acronyms(corpus, &found.en_c);
    let ru_ac = bilingual_acronyms(corpus, &found.ru_c);
    let (mut te, mut trr) = (BTreeSet::new(), BTreeSet::new());
    for (s, i, j) in cooccurring_acronym_pairs(corpus, &en_ac, &ru_ac, w) {
        // `|`, not `||`: both sides are marked taken, even when the other already was
        if s < w.cooc_min_score || !te.insert(i) | !trr.insert(j) {
            continue;
        }
        let (e, r) = (en_ac[i].surface(), ru_ac[j].surface());
        tr.add_acronym_pair(e, r);
        // a concept unless the acronym already has one, also as the head of a known acronym
        // (the last word in English, the first in Russian: GCTS in UN GCTS, ГКТС in ГКТС ООН);
        // the qualifier (UN, ООН; SCO in SCO RATS) names a body of its own
        let known = made.concepts.iter().any(|c| {
            c.en.iter()
                .any(|t| t.text.split_whitespace().last() == Some(e))
                || c.ru
                    .iter()
                    .any(|t| t.text.split_whitespace().next() == Some(r))
        });
        if known {
            continue;
        }
        let mut en_terms = Vec::new();
        if let Some(g) = found.en_a.get(&e.to_uppercase()) {
            en_terms.push(term(
                g.long(),
                TermType::FullForm,
                "noun",
                Status::Preferred,
            ));
        }
        en_terms.push(term(
            e,
            TermType::Acronym,
            "noun",
            if en_terms.is_empty() {
                Status::Preferred
            } else {
                Status::Admitted
            },
        ));
        let both = en_ac[i]
            .segs
            .iter()
            .filter(|x| ru_ac[j].segs.contains(x))
            .count() as i32;
        made.concepts.push(Concept {
            id: concept_id(&en_terms[0].text, r),
            en: en_terms,
            ru: vec![term(r, TermType::Acronym, "noun", Status::Preferred)],
            contexts: [ctx(&en_ac[i].contexts, "en"), ctx(&ru_ac[j].contexts, "ru")].concat(),
            confidence: ((s.min(1.0) * (1.0 - w.evidence_decay.powi(both))) * 1000.0).round()
                / 1000.0,
            origin: Origin::Extracted,
            note: None,
        });
        made.used_en
            .entry(candidates::phrase_key(&[e], Lang::En))
            .or_insert(1);
        made.used_ru
            .entry(candidates::phrase_key(&[r], Lang::Ru))
            .or_insert(1);
    }
}

/// The acronyms among the candidates of one language that occur in a bilingual segment.
fn bilingual_acronyms<'a>(corpus: &Corpus, m: &'a BTreeMap<String, Cand>) -> Vec<&'a Cand> {
    m.values()
        .filter(|c| c.acronym && c.segs.iter().any(|&i| corpus.bilingual(i)))
        .collect()
}

/// The acronyms (numbers in `en_ac` and `ru_ac`) seen together often enough, with their score
/// (Dice, plus a bonus when they are the same or transliterated), the best first.
fn cooccurring_acronym_pairs(
    corpus: &Corpus,
    en_ac: &[&Cand],
    ru_ac: &[&Cand],
    w: &Weights,
) -> Vec<(f64, usize, usize)> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (i, e) in en_ac.iter().enumerate() {
        for (j, r) in ru_ac.iter().enumerate() {
            let both = e
                .segs
                .iter()
                .filter(|x| r.segs.contains(x) && corpus.bilingual(**x))
                .count();
            let same = latin_key(e.surface()) == latin_key(r.surface())
                || e.surface().to_uppercase() == r.surface().to_uppercase();
            if both >= w.cooc_min_shared || (both >= w.cooc_min_shared_same && same) {
                scored.push((
                    dice(&e.segs, &r.segs, corpus) + if same { w.cooc_same_bonus } else { 0.0 },
                    i,
                    j,
                ));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    scored
}

/// Stage "pairing terms" (pairing step 3): multiword terms and names. The candidates left
/// over by the acronym concepts are scored pair by pair, assigned greedily, one to one, and
/// the accepted Russian terms widened to the right.
fn pair_terms(
    corpus: &Corpus,
    tr: &Translator,
    found: &Found,
    w: &Weights,
    opts: &super::Options,
    report: &dyn Report,
    made: &mut Made,
) {
    let explain = opts.explain.as_deref();
    let mut en_l = pairable(corpus, &found.en_c, &made.used_en, Lang::En, w);
    // a capitalised single word that is also written in lower case is not a name
    en_l.retain(|c| !(c.words == 1 && found.en_lower.contains(&c.surface().to_lowercase())));
    let ru_l = pairable(corpus, &found.ru_c, &made.used_ru, Lang::Ru, w);
    if let Some(t) = explain {
        explain_candidates(t, found, made, &en_l, &ru_l, report);
    }
    let scorer = Scorer {
        corpus,
        tr,
        w,
        n_bilingual: (0..corpus.segments.len())
            .filter(|&i| corpus.bilingual(i))
            .count(),
        explain,
        report,
    };
    let scored = scorer.score_all(&en_l, &ru_l);
    let accepted = assign_one_to_one(scored, &en_l, &ru_l);
    add_term_concepts(
        accepted,
        &en_l,
        &ru_l,
        &found.ru_c,
        tr,
        w,
        &mut made.concepts,
    );
}

/// Every word of the English text that starts with a lower-case letter.
fn english_lower_case_words(corpus: &Corpus) -> BTreeSet<String> {
    corpus
        .segments
        .iter()
        .filter_map(|s| s.en.as_deref())
        .flat_map(|t| {
            words(t)
                .into_iter()
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Sub-phrases of the terms already used, as covered by them (see [`cover`]).
fn covered_by(
    used: &BTreeMap<String, usize>,
    m: &BTreeMap<String, Cand>,
) -> BTreeMap<String, usize> {
    let mut cov = BTreeMap::new();
    for (u, n) in used {
        cover(&mut cov, u, m.get(u).map_or(*n, |x| x.freq.max(*n)));
    }
    cov
}

/// The candidates of one language that may be paired, the best by C-value first: not used by
/// a concept yet, seen in a bilingual segment, and passing the tests of a term.
fn pairable(
    corpus: &Corpus,
    m: &BTreeMap<String, Cand>,
    used: &BTreeMap<String, usize>,
    lang: Lang,
    w: &Weights,
) -> Vec<Cand> {
    let covered = covered_by(used, m);
    let mut v: Vec<&Cand> = m
        .values()
        .filter(|c| {
            !used.contains_key(&c.key) && !c.acronym && c.segs.iter().any(|&i| corpus.bilingual(i))
        })
        // Russian runs of content words are long (no chunker), so C-value, which gives a
        // part of a longer run with the same frequency 0, only ranks them there
        .filter(|c| {
            (c.cvalue > 0.0 || lang == Lang::Ru || (c.name && c.whole > 0))
                && (c.words >= 2 || c.name)
        })
        // a name is used on its own somewhere, not only inside a longer name
        .filter(|c| lang == Lang::Ru || !c.name || c.whole > 0)
        // nothing already covered by a longer term it never occurs without
        .filter(|c| !is_covered(&covered, &c.key, c.freq))
        .collect();
    v.sort_by(|a, b| b.cvalue.total_cmp(&a.cvalue).then(a.key.cmp(&b.key)));
    // the dictionary's tests last, on the best-ranked only
    v.into_iter()
        // a Russian term ends with its noun, not with an adjective or participle
        // waiting for one ("международные правила воздушного")
        .filter(|c| lang == Lang::En || c.words == 1 || !ends_in_modifier(c.surface()))
        // nor holds a verb ("определят конкретные задачи"), nor starts with an active
        // participle that governs what follows: "обладающие ядерным оружием" is the
        // end of "государства, обладающие ядерным оружием" (issue 9)
        .filter(|c| lang == Lang::En || !words(c.surface()).iter().any(|x| ru::is_verb(x)))
        .filter(|c| lang == Lang::En || !ru::starts_with_active_participle(c.surface()))
        .take(w.max_cands)
        .cloned()
        .collect()
}

/// Tell `report` why a candidate written `t` (English or Russian) is or is not considered.
fn explain_candidates(
    t: &str,
    found: &Found,
    made: &Made,
    en_l: &[Cand],
    ru_l: &[Cand],
    report: &dyn Report,
) {
    for (cands, used, kept) in [
        (&found.en_c, &made.used_en, en_l),
        (&found.ru_c, &made.used_ru, ru_l),
    ] {
        for c in cands.values().filter(|c| c.surface() == t) {
            report.note(&format!(
                "explain: candidate {}: freq {}, words {}, c-value {:.1}, whole {}, used {}, kept {}",
                t,
                c.freq,
                c.words,
                c.cvalue,
                c.whole,
                used.contains_key(&c.key),
                kept.iter().any(|x| x.key == c.key)
            ));
        }
    }
}

/// Scores English and Russian candidates as a pair of terms.
struct Scorer<'a> {
    corpus: &'a Corpus,
    tr: &'a Translator,
    w: &'a Weights,
    /// The number of bilingual segments.
    n_bilingual: usize,
    /// Explain the pairs of English candidates holding this.
    explain: Option<&'a str>,
    report: &'a dyn Report,
}

impl Scorer<'_> {
    /// Every pair (English number in `en_l`, Russian number in `ru_l`) that may be proposed,
    /// with its confidence, the best first.
    fn score_all(&self, en_l: &[Cand], ru_l: &[Cand]) -> Vec<(f64, usize, usize)> {
        let corpus = self.corpus;
        // Russian candidates by segment, to pair only what co-occurs
        let mut by_seg: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, c) in ru_l.iter().enumerate() {
            for &s in &c.segs {
                by_seg.entry(s).or_default().push(k);
            }
        }
        let ru_bilingual: Vec<usize> = ru_l
            .iter()
            .map(|c| c.segs.iter().filter(|&&s| corpus.bilingual(s)).count())
            .collect();
        let mut scored: Vec<(f64, usize, usize)> = Vec::new();
        for (i, e) in en_l.iter().enumerate() {
            let ew = words(e.surface());
            for j in self.compared_with(e, ru_l, &by_seg, &ru_bilingual) {
                if let Some(s) = self.score(e, &ew, &ru_l[j]) {
                    scored.push((s, i, j));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        scored
    }

    /// The Russian candidates (numbers in `ru_l`) that English candidate `e` is compared with:
    /// those sharing a bilingual segment with it; for a frequent term only those that follow
    /// it, and rare ones seen with it in enough of theirs (cheap counting first).
    fn compared_with(
        &self,
        e: &Cand,
        ru_l: &[Cand],
        by_seg: &BTreeMap<usize, Vec<usize>>,
        ru_bilingual: &[usize],
    ) -> Vec<usize> {
        let w = self.w;
        // Russian candidates by how often they share a segment with this one
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut n_e = 0;
        for s in e.segs.iter().filter(|&&s| self.corpus.bilingual(s)) {
            n_e += 1;
            for &j in by_seg.get(s).map(Vec::as_slice).unwrap_or(&[]) {
                *counts.entry(j).or_insert(0) += 1;
            }
        }
        let mut order: Vec<(usize, usize)> = counts.into_iter().collect();
        if n_e > w.frequent_segments {
            // the 60 seen with it most often, in 30% of its segments at least; and the rare
            // ones (3 segments at most) seen with it in half of theirs: a rare Russian form of
            // a frequent English name (Tashkent, "в Ташкенте") (the numbers are the default
            // weights)
            let floor = (n_e * w.frequent_share_tenths / 10).max(w.frequent_min_shared);
            let mut rare: Vec<(usize, usize)> = order
                .iter()
                .copied()
                .filter(|&(j, n)| {
                    n < floor
                        && ru_bilingual[j] <= w.rare_max_segments
                        && w.rare_one_in * n >= ru_bilingual[j]
                })
                .collect();
            // the closest in length first (a one-word name for a one-word name)
            rare.sort_by_key(|&(j, _)| (ru_l[j].words.abs_diff(e.words), j));
            rare.truncate(w.rare_max_compared);
            order.retain(|x| x.1 >= floor);
            order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            order.truncate(w.frequent_max_compared);
            order.extend(rare);
        }
        order.into_iter().map(|(j, _)| j).collect()
    }

    /// The confidence of pairing English candidate `e` (words `ew`) with Russian `r`, if they
    /// may pair.
    fn score(&self, e: &Cand, ew: &[&str], r: &Cand) -> Option<f64> {
        let (corpus, tr, w) = (self.corpus, self.tr, self.w);
        if e.words.abs_diff(r.words) > w.max_word_diff {
            return None;
        }
        let rw = words(r.surface());
        // a single English name pairs with a Russian noun (Tashkent = Ташкент, not Ташкентская)
        if ew.len() == 1 && rw.len() == 1 && !crate::text::morph::is_noun(rw[0]) {
            return None;
        }
        let (ne, nr) = (content(ew, false), content(&rw, true));
        if self.explain.is_some_and(|t| e.surface().contains(t)) {
            let (p, u) = tr.phrase_cover(ew, &rw);
            self.report.note(&format!(
                "explain: {} = {}: phrase {:.2}, uncovered {}, dice {:.2}",
                e.surface(),
                r.surface(),
                p,
                u,
                dice(&e.segs, &r.segs, corpus)
            ));
        }
        if ne.abs_diff(nr) > w.max_content_diff {
            return None;
        }
        let (p, uncovered) = tr.phrase_cover(ew, &rw);
        let d = dice(&e.segs, &r.segs, corpus);
        // the words must translate, or (one word short at most) the two must go
        // together over the memory far beyond chance: seen together 3 times or more,
        // in at least half of their segments, with G² ≥ 15.1 (p < 0.0001)
        let words_ok = p >= w.words_min_phrase
            && uncovered
                <= (ne.max(nr).saturating_sub(w.words_all_translated_up_to))
                    / w.words_one_missing_per;
        let assoc_ok = p >= w.assoc_min_phrase
            && uncovered <= w.assoc_max_uncovered
            && d >= w.assoc_min_dice
            && {
                let bi = |c: &Cand| c.segs.iter().filter(|&&x| corpus.bilingual(x)).count();
                let both = e.segs.iter().filter(|x| r.segs.contains(x)).count();
                both >= w.assoc_min_together
                    && llr(both, bi(e), bi(r), self.n_bilingual) >= w.assoc_min_llr
            };
        if !(words_ok || assoc_ok) {
            return None;
        }
        // association alone is less sure than translated words: those pairs come first
        let s = (w.score_phrase * p + w.score_dice * d
            - if ne == nr { 0.0 } else { w.score_count_diff })
            * if words_ok { 1.0 } else { w.score_assoc_only };
        if s >= w.min_score {
            // confidence grows with the evidence: seen together once is half as sure
            let both = e.segs.iter().filter(|x| r.segs.contains(x)).count() as i32;
            Some(s * (1.0 - w.evidence_decay.powi(both)))
        } else {
            None
        }
    }
}

/// The scored pairs accepted, best first, one to one: neither candidate taken yet, and
/// neither a sub-term that never occurs outside an accepted longer term (it adds nothing).
fn assign_one_to_one(
    scored: Vec<(f64, usize, usize)>,
    en_l: &[Cand],
    ru_l: &[Cand],
) -> Vec<(f64, usize, usize)> {
    let mut taken_e: BTreeSet<usize> = BTreeSet::new();
    let mut taken_r: BTreeSet<usize> = BTreeSet::new();
    let mut accepted: Vec<(f64, usize, usize)> = Vec::new();
    let (mut cov_e, mut cov_r) = (BTreeMap::new(), BTreeMap::new());
    for (s, i, j) in scored {
        if taken_e.contains(&i) || taken_r.contains(&j) {
            continue;
        }
        if is_covered(&cov_e, &en_l[i].key, en_l[i].freq)
            || is_covered(&cov_r, &ru_l[j].key, ru_l[j].freq)
        {
            continue;
        }
        cover(&mut cov_e, &en_l[i].key, en_l[i].freq);
        cover(&mut cov_r, &ru_l[j].key, ru_l[j].freq);
        taken_e.insert(i);
        taken_r.insert(j);
        accepted.push((s, i, j));
    }
    accepted
}

/// One concept per accepted pair, its Russian term widened to the right (see
/// [`Extensions::widest`]) and in dictionary form, with the variants of its forms.
fn add_term_concepts(
    accepted: Vec<(f64, usize, usize)>,
    en_l: &[Cand],
    ru_l: &[Cand],
    ru_c: &BTreeMap<String, Cand>,
    tr: &Translator,
    w: &Weights,
    concepts: &mut Vec<Concept>,
) {
    let ext = Extensions::new(ru_c);
    let mut ru_taken: BTreeSet<&str> = accepted.iter().map(|a| ru_l[a.2].key.as_str()).collect();
    for (s, i, j) in accepted {
        let e = &en_l[i];
        let r = ext.widest(&ru_l[j], &words(e.surface()), tr, w, &mut ru_taken);
        let en_t = e.surface().to_string();
        // a foreign name by its transliteration ("Питкэрне" → "Питкэрн", which the dictionary's
        // guesser would make "Питкэрна"), else the dictionary form
        let ru_t = super::project::name_nominative(&en_t, r.surface()).unwrap_or_else(|| {
            if r.name && r.words == 1 {
                ru::dictionary_form(&[r.surface()])
            } else {
                ru::dictionary_form_for(&forms_by_count(r), &forms_by_count(e))
            }
        });
        let pos = if e.name { "properNoun" } else { "noun" };
        let mut c = Concept {
            id: concept_id(&en_t, &ru_t),
            en: vec![term(&en_t, TermType::FullForm, pos, Status::Preferred)],
            ru: vec![term(&ru_t, TermType::FullForm, pos, Status::Preferred)],
            contexts: [ctx(&e.contexts, "en"), ctx(&r.contexts, "ru")].concat(),
            confidence: (s.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
            origin: Origin::Extracted,
            note: None,
        };
        variants::from_forms(&mut c, e);
        concepts.push(c);
    }
}

/// Stage "variants": variants from the whole corpus (English-only documents too), then the
/// terms of one-language documents, awaiting an equivalent.
fn add_variants_and_pending(
    corpus: &Corpus,
    tr: &Translator,
    found: &Found,
    projections: &super::project::Projections,
    concepts: &mut Vec<Concept>,
) {
    variants::attach(concepts, &found.en_c, &found.en_a);
    super::pending::add(corpus, tr, projections, &found.en_a, &found.ru_c, concepts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::Segment;

    fn concept(en: &str, ru: &str) -> Concept {
        Concept {
            id: concept_id(en, ru),
            en: vec![term(en, TermType::FullForm, "noun", Status::Preferred)],
            ru: vec![term(ru, TermType::FullForm, "noun", Status::Preferred)],
            contexts: Vec::new(),
            confidence: 0.5,
            origin: Origin::Extracted,
            note: None,
        }
    }

    #[test]
    fn a_title_glued_to_a_name_goes_and_the_name_and_title_stay() {
        let mut cs = vec![
            concept(
                "European Commissioner Helga Gertrud",
                "еврокомиссар Хельги Гертруд",
            ),
            concept("European Commissioner", "еврокомиссар"),
            concept("Helga Gertrud", "Хельга Гертруд"),
            // words of the language are no name: "UN General Assembly" stays
            concept("UN General Assembly", "Генеральная Ассамблея ООН"),
            concept("UN", "ООН"),
            concept("General Assembly", "Генеральная Ассамблея"),
        ];
        drop_titles_glued_to_names(&mut cs);
        let left: Vec<&str> = cs.iter().map(|c| c.en[0].text.as_str()).collect();
        assert_eq!(
            left,
            [
                "European Commissioner",
                "Helga Gertrud",
                "UN General Assembly",
                "UN",
                "General Assembly"
            ]
        );
    }

    #[test]
    fn numbers_must_agree() {
        let tr = Translator::new(&Corpus::default());
        let p = |e: &str, r: &str| tr.phrase(&words(e), &words(r));
        assert!(
            p(
                "Security Council resolution 2178",
                "резолюция 2178 Совета Безопасности"
            ) > 0.5
        );
        assert_eq!(
            p(
                "Security Council resolution 2178",
                "резолюция 2170 Совета Безопасности"
            ),
            0.0
        );
    }

    #[test]
    fn acronyms_defined_in_one_bead_pair_in_the_order_of_their_definitions() {
        // no word of the long forms translates or transliterates the other side's, so only the
        // order can tell (and the tie-break alone would pair AAX with ББЖ)
        let seg = Segment {
            doc: "t".into(),
            en: Some("The Amber Axle Xenon (AAX) met the Bold Bison Xylem (BBX).".into()),
            ru: Some("Ящик Ясный Жёлудь (ЯЯЖ) встретил Бублик Буйный Жмых (ББЖ).".into()),
        };
        let corpus = Corpus {
            segments: vec![seg],
        };
        let g = crate::terms::extract(&corpus);
        let pair = |en: &str| {
            g.concepts
                .iter()
                .find(|c| c.en.iter().any(|t| t.text == en))
                .and_then(|c| c.ru.iter().find(|t| t.term_type == TermType::Acronym))
                .map(|t| t.text.clone())
        };
        assert_eq!(pair("AAX").as_deref(), Some("ЯЯЖ"));
        assert_eq!(pair("BBX").as_deref(), Some("ББЖ"));
    }
}
