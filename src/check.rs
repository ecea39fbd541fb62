//! Terminology QA of a translation (`termtool check`), as Xbench and Verifika do it but aware
//! of Russian inflection: for each English–Russian segment, the glossary terms of the English
//! whose equivalents are missing from the Russian in any case or number, deprecated terms used
//! in the Russian, numbers that differ, acronyms and Latin names without a counterpart, and one
//! English segment translated in different ways.
use crate::glossary::Concept;
use crate::index::terms::TermMatcher;
use crate::review::reasons::{differing_numbers, names};
use crate::text::match_key;
use serde::Serialize;
use std::collections::BTreeMap;

/// One segment of a translation: the English source, the Russian target, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub en: String,
    pub ru: String,
    /// Where a person finds it ("tu 12", "line 30"), as a report shows it.
    pub place: String,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What was found in one segment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The segment's position in the input (0-based).
    pub segment: usize,
    pub place: String,
    /// `missing-term`, `deprecated-term`, `numbers`, `names` or `inconsistent`.
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The term concerned (the English term for a missing equivalent, the Russian one used for
    /// a deprecated term).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// What the glossary expects instead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expected: Vec<String>,
}

/// What to check against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Only entries a person approved (accepted, or from a glossary file), not candidates of
    /// extraction.
    pub approved_only: bool,
}

/// Check every segment; findings by segment, then kind, then message.
pub fn check(segments: &[Segment], glossary: &[Concept], opts: Options) -> Vec<Finding> {
    let matcher = TermMatcher::new(glossary);
    let mut out = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let finding = |kind, severity, message: String| Finding {
            segment: i,
            place: s.place.clone(),
            kind,
            severity,
            message,
            term: None,
            expected: Vec::new(),
        };
        let en_terms = matcher.spans(&s.en, false, Some(&s.ru));
        for t in &en_terms {
            if t.missing && !t.equivalents.is_empty() && (t.approved || !opts.approved_only) {
                out.push(Finding {
                    term: Some(t.term.clone()),
                    expected: t.equivalents.clone(),
                    ..finding(
                        "missing-term",
                        Severity::Error,
                        format!(
                            "“{}” is not translated as the glossary says: expected {}",
                            t.term,
                            quoted(&t.equivalents)
                        ),
                    )
                });
            }
        }
        for t in matcher.spans(&s.ru, true, None) {
            // a deprecated Russian term counts where its English stands in the source
            let in_source = en_terms.iter().any(|e| e.concept == t.concept);
            if t.deprecated && in_source && (t.approved || !opts.approved_only) {
                let used = &s.ru[t.start..t.end];
                let preferred: Vec<String> = glossary
                    .iter()
                    .find(|c| c.id == t.concept)
                    .map(|c| {
                        c.ru.iter()
                            .filter(|x| x.status != crate::glossary::Status::Deprecated)
                            .map(|x| x.text.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                // a deprecated spelling that is only an inflection of an allowed term is that term
                let stems = |t: &str| crate::text::stem::stems(t, crate::text::Lang::Ru);
                if preferred.iter().any(|p| stems(p) == stems(used)) {
                    continue;
                }
                out.push(Finding {
                    term: Some(used.to_string()),
                    expected: preferred.clone(),
                    ..finding(
                        "deprecated-term",
                        Severity::Error,
                        format!(
                            "“{used}” is deprecated in the glossary{}",
                            if preferred.is_empty() {
                                String::new()
                            } else {
                                format!(": use {}", quoted(&preferred))
                            }
                        ),
                    )
                });
            }
        }
        if let Some(r) = differing_numbers(&s.en, &s.ru) {
            out.push(finding("numbers", Severity::Error, r.text));
        }
        if let Some(r) = names(&s.en, &s.ru) {
            out.push(finding("names", Severity::Warning, r.text));
        }
    }
    out.extend(inconsistent(segments));
    out.sort_by(|a, b| (a.segment, a.kind, &a.message).cmp(&(b.segment, b.kind, &b.message)));
    out
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|x| format!("“{x}”"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// A text's words, matched loosely (case, punctuation and spacing aside).
fn words_key(t: &str) -> String {
    let words: Vec<&str> = crate::text::keys::words(t)
        .into_iter()
        .map(|w| w.2)
        .collect();
    match_key(&words.join(" "))
}

/// Segments whose English is the same (by words) and whose Russian is not.
fn inconsistent(segments: &[Segment]) -> Vec<Finding> {
    let mut by_source: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in segments.iter().enumerate() {
        let k = words_key(&s.en);
        if !k.is_empty() {
            by_source.entry(k).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for group in by_source.values().filter(|g| g.len() > 1) {
        let mut targets: Vec<String> = group.iter().map(|&i| words_key(&segments[i].ru)).collect();
        targets.sort();
        targets.dedup();
        if targets.len() < 2 {
            continue;
        }
        let places: Vec<&str> = group.iter().map(|&i| segments[i].place.as_str()).collect();
        for &i in group {
            out.push(Finding {
                segment: i,
                place: segments[i].place.clone(),
                kind: "inconsistent",
                severity: Severity::Warning,
                message: format!(
                    "the same English is translated in {} ways ({})",
                    targets.len(),
                    places.join(", ")
                ),
                term: None,
                expected: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Origin, Status, Term, TermType};

    fn term(text: &str, status: Status) -> Term {
        Term {
            text: text.into(),
            term_type: TermType::FullForm,
            pos: "noun".into(),
            status,
            variant_of: None,
        }
    }

    fn glossary() -> Vec<Concept> {
        vec![Concept {
            id: "c1".into(),
            en: vec![term("Joint Plan of Action", Status::Preferred)],
            ru: vec![
                term("совместный план действий", Status::Preferred),
                term("общий план мероприятий", Status::Deprecated),
            ],
            contexts: Vec::new(),
            confidence: 1.0,
            origin: Origin::Curated,
            note: None,
        }]
    }

    fn seg(en: &str, ru: &str) -> Segment {
        Segment {
            en: en.into(),
            ru: ru.into(),
            place: "tu 1".into(),
        }
    }

    fn kinds(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|x| x.kind).collect()
    }

    #[test]
    fn an_inflected_equivalent_is_no_finding_a_missing_one_is() {
        let g = glossary();
        let ok = check(
            &[
                seg(
                    "They adopted the Joint Plan of Action in 2011.",
                    "Они приняли Совместный план действий в 2011 году.",
                ),
                seg(
                    "The Joint Plan of Action was updated.",
                    "В Совместном плане действий произошли изменения.",
                ),
            ],
            &g,
            Options::default(),
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = check(
            &[seg(
                "They adopted the Joint Plan of Action in 2011.",
                "Они приняли общий план мероприятий в 2012 году.",
            )],
            &g,
            Options::default(),
        );
        assert_eq!(
            kinds(&bad),
            ["deprecated-term", "missing-term", "numbers"],
            "{bad:?}"
        );
        assert_eq!(bad[1].expected, ["совместный план действий"]);
    }

    #[test]
    fn one_source_translated_two_ways_is_inconsistent() {
        let f = check(
            &[
                seg("Thank you.", "Спасибо."),
                seg("Thank you.", "Благодарю вас."),
                seg("Thank you.", "Спасибо!"),
            ],
            &[],
            Options::default(),
        );
        assert_eq!(kinds(&f), ["inconsistent"; 3]);
        assert!(f[0].message.contains("2 ways"), "{}", f[0].message);
    }
}
