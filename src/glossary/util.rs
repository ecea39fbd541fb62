//! Helpers shared by the glossary formats: language tags, defaults for what a file does not say,
//! termtool's `key=value` annotations, ids that are valid XML, dates.
use super::{Concept, Context, Glossary, Origin, Status, Term, TermType, VariantInfo};

/// "en" or "ru" for a language tag (`en`, `en-US`, `EN_gb`, `eng`, `ru-RU`, `rus`), else None.
pub(crate) fn lang_side(tag: &str) -> Option<&'static str> {
    let t = tag.trim().to_ascii_lowercase();
    let primary = t.split(['-', '_']).next().unwrap_or("");
    match primary {
        "en" | "eng" => Some("en"),
        "ru" | "rus" => Some("ru"),
        _ => None,
    }
}

/// A term type for a term whose file does not give one: an acronym when it has at least two
/// letters and no lower-case letter ("UNOCT", "КТУ ООН"), else a full form.
pub(crate) fn guess_term_type(text: &str) -> TermType {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && !text.chars().any(|c| c.is_lowercase()) {
        TermType::Acronym
    } else {
        TermType::FullForm
    }
}

/// A term read from a file that says nothing but its text: the first of its language is
/// preferred, the others admitted.
pub(crate) fn plain_term(text: &str, first: bool) -> Term {
    Term {
        text: text.to_string(),
        term_type: guess_term_type(text),
        pos: String::new(),
        status: if first {
            Status::Preferred
        } else {
            Status::Admitted
        },
        variant_of: None,
    }
}

/// A concept read from a file that has no id, confidence or origin for it.
pub(crate) fn imported_concept(en: Vec<Term>, ru: Vec<Term>) -> Concept {
    let id = super::concept_id(
        en.first().map(|t| t.text.as_str()).unwrap_or(""),
        ru.first().map(|t| t.text.as_str()).unwrap_or(""),
    );
    Concept {
        id,
        en,
        ru,
        contexts: Vec::new(),
        confidence: 1.0,
        origin: Origin::Imported,
        note: None,
    }
}

/// The line where each id was first used in a file, to refuse an id used twice (the second
/// entry would silently replace the first).
#[derive(Default)]
pub(crate) struct SeenIds(std::collections::HashMap<String, usize>);

impl SeenIds {
    /// Note `id` at `line`; an error message when it was used before.
    pub(crate) fn check(&mut self, id: &str, line: usize) -> std::result::Result<(), String> {
        match self.0.insert(id.to_string(), line) {
            Some(first) => {
                self.0.insert(id.to_string(), first);
                Err(format!(
                    "id {:?} is used again (first at line {}); expected each entry's id once: give this entry another id, or merge the two",
                    id, first
                ))
            }
            None => Ok(()),
        }
    }
}

/// The terms a writer writes: those with text.
pub(crate) fn written_terms(terms: &[Term]) -> impl Iterator<Item = &Term> {
    terms.iter().filter(|t| !t.text.trim().is_empty())
}

/// Whether a concept has anything a writer can write (at least one term with text).
pub(crate) fn has_terms(c: &Concept) -> bool {
    written_terms(&c.en).next().is_some() || written_terms(&c.ru).next().is_some()
}

/// The prefix of termtool's own annotations in formats that have no field for them.
pub(crate) const ANNOTATION: &str = "termtool: ";

/// `termtool: key=value; key=value`, values with `%` and `;` percent-escaped.
pub(crate) fn annotation(pairs: &[(&str, &str)]) -> String {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", k, v.replace('%', "%25").replace(';', "%3B")))
        .collect();
    format!("{}{}", ANNOTATION, body.join("; "))
}

/// The pairs of a termtool annotation, or None when `s` is not one.
pub(crate) fn parse_annotation(s: &str) -> Option<Vec<(String, String)>> {
    let body = s.strip_prefix(ANNOTATION)?;
    let mut out = Vec::new();
    for part in body.split("; ") {
        let (k, v) = part.split_once('=')?;
        out.push((
            k.to_string(),
            v.replace("%3B", ";")
                .replace("%3b", ";")
                .replace("%25", "%"),
        ));
    }
    Some(out)
}

/// The value of `key` in parsed annotation pairs.
pub(crate) fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `confidence=0.93` anywhere in a free note (as other tools and hand-written files put it).
pub(crate) fn confidence_in_note(note: &str) -> Option<f64> {
    let i = note.find("confidence=")?;
    let rest = &note[i + "confidence=".len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end]
        .parse::<f64>()
        .ok()
        .filter(|v| (0.0..=1.0).contains(v))
}

/// Variant info from annotation pairs (`variant=kind; evidence=…`).
pub(crate) fn variant_from(pairs: &[(String, String)]) -> Option<VariantInfo> {
    let kind = get(pairs, "variant")?;
    Some(VariantInfo {
        kind: kind.to_string(),
        evidence: get(pairs, "evidence").unwrap_or("").to_string(),
    })
}

/// An id that is a valid XML `ID` (an NCName): characters not allowed become `_`, and a first
/// character that cannot start a name gets a `_` in front. Valid ids are left alone.
pub(crate) fn xml_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{B7}') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match out.chars().next() {
        None => out.push('_'),
        Some(c) if !(c.is_alphabetic() || c == '_') => out.insert(0, '_'),
        _ => {}
    }
    out
}

/// Valid and distinct XML ids for the concepts' ids, in order: a repeated id gets `-2`, `-3`, ….
pub(crate) fn unique_xml_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let base: Vec<String> = ids.map(xml_id).collect();
    let all: std::collections::HashSet<&str> = base.iter().map(|s| s.as_str()).collect();
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(base.len());
    for b in &base {
        let mut id = b.clone();
        let mut n = 2;
        while used.contains(&id) || (id != *b && all.contains(id.as_str())) {
            id = format!("{}-{}", b, n);
            n += 1;
        }
        used.insert(id.clone());
        out.push(id);
    }
    out
}

/// Unix seconds as a calendar date, `YYYY-MM-DD` (UTC).
pub(crate) fn iso_date(secs: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(secs).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// The export date from `SOURCE_DATE_EPOCH` (seconds), when it is set to a number.
pub(crate) fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
}

/// A confidence as writers write it: in [0, 1] (NaN as 0), shortest form that reads back exactly.
pub(crate) fn confidence_str(c: f64) -> String {
    let c = if c.is_nan() { 0.0 } else { c.clamp(0.0, 1.0) };
    format!("{}", c)
}

/// Text as writers write it: NFC (what readers give back).
pub(crate) fn nfc(s: &str) -> String {
    crate::text::nfc(s)
}

/// Text as every writer writes it and every reader gives it back: characters XML 1.0 forbids
/// (C0 controls other than tab and line feed, U+FFFE, U+FFFF) dropped, CRLF and CR as LF, NFC.
pub(crate) fn clean(s: &str) -> String {
    let kept: String = s
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        .collect();
    nfc(&kept)
}

/// The glossary as the writers write it, so that reading a written file gives back exactly what
/// was written: all text [`clean`]; terms without text, contexts without text and concepts
/// without terms left out; an empty note is no note; the confidence in [0, 1]; a blank id
/// replaced by the computed one.
pub(crate) fn canonical(g: &Glossary) -> Glossary {
    let term = |t: &Term| Term {
        text: clean(&t.text),
        term_type: t.term_type,
        pos: clean(&t.pos),
        status: t.status,
        variant_of: t.variant_of.as_ref().map(|v| VariantInfo {
            kind: clean(&v.kind),
            evidence: clean(&v.evidence),
        }),
    };
    let terms = |ts: &[Term]| -> Vec<Term> {
        ts.iter()
            .map(term)
            .filter(|t| !t.text.trim().is_empty())
            .collect()
    };
    let concepts = g
        .concepts
        .iter()
        .map(|c| {
            let (en, ru) = (terms(&c.en), terms(&c.ru));
            let mut id = clean(&c.id);
            if id.trim().is_empty() {
                id = super::concept_id(
                    en.first().map_or("", |t| t.text.as_str()),
                    ru.first().map_or("", |t| t.text.as_str()),
                );
            }
            Concept {
                id,
                en,
                ru,
                contexts: c
                    .contexts
                    .iter()
                    .map(|x| Context {
                        lang: clean(&x.lang),
                        text: clean(&x.text),
                        doc: clean(&x.doc),
                    })
                    .filter(|x| !x.text.is_empty())
                    .collect(),
                confidence: if c.confidence.is_nan() {
                    0.0
                } else {
                    c.confidence.clamp(0.0, 1.0)
                },
                origin: c.origin,
                note: c.note.as_deref().map(clean).filter(|n| !n.is_empty()),
            }
        })
        .filter(|c| !c.en.is_empty() || !c.ru.is_empty())
        .collect();
    Glossary { concepts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        for (t, s) in [
            ("en", Some("en")),
            ("en-US", Some("en")),
            ("EN_gb", Some("en")),
            ("eng", Some("en")),
            ("ru-RU", Some("ru")),
            ("rus", Some("ru")),
            ("fr", None),
            ("", None),
        ] {
            assert_eq!(lang_side(t), s, "{t}");
        }
    }

    #[test]
    fn annotations_round_trip() {
        let a = annotation(&[
            ("variant", "typo"),
            ("evidence", "UNCTO ~ UNOCT; 100% sure"),
        ]);
        assert_eq!(
            a,
            "termtool: variant=typo; evidence=UNCTO ~ UNOCT%3B 100%25 sure"
        );
        let p = parse_annotation(&a).unwrap();
        assert_eq!(get(&p, "evidence"), Some("UNCTO ~ UNOCT; 100% sure"));
        assert!(parse_annotation("a note").is_none());
        assert_eq!(
            confidence_in_note("confidence=0.93; aligned pairs=7"),
            Some(0.93)
        );
    }

    #[test]
    fn ids() {
        assert_eq!(xml_id("c0123456789ab"), "c0123456789ab");
        assert_eq!(xml_id("12 a"), "_12_a");
        assert_eq!(xml_id(&xml_id("12 a")), "_12_a");
        assert_eq!(
            unique_xml_ids(["a", "a-2", "a", "a"].into_iter()),
            ["a", "a-2", "a-3", "a-4"]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(1_646_352_000), "2022-03-04");
        assert_eq!(guess_term_type("КТУ ООН"), TermType::Acronym);
        assert_eq!(guess_term_type("Centre"), TermType::FullForm);
    }
}
