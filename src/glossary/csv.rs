//! CSV glossaries: termtool's own (UTF-8, a header, one row per concept, everything kept), and
//! OmegaT's headerless `source,target,comment` CSV on input.
//!
//! termtool's columns ([`COLUMNS`]):
//!
//! | column | holds |
//! |---|---|
//! | `id` | the concept id (computed from the preferred terms when empty) |
//! | `en`, `ru` | the preferred (first) term |
//! | `en_synonyms`, `ru_synonyms` | the other terms, separated by ` \| ` |
//! | `en_type`, `ru_type` | term types of all terms, preferred first, separated by ` \| ` |
//! | `en_pos`, `ru_pos` | parts of speech of all terms (empty: all unknown) |
//! | `en_status`, `ru_status` | `preferred`, `admitted` or `deprecated` for all terms |
//! | `en_variant`, `ru_variant` | `kind: evidence` for the terms that are variants, else empty |
//! | `confidence` | 0 to 1 (empty: 1) |
//! | `origin` | `extracted`, `curated` or `imported` (empty: imported) |
//! | `contexts` | one context per line: `lang \| doc \| sentence` |
//! | `note` | free text |
//!
//! In ` | `-separated lists a `|` inside an item is written `\|`, a backslash `\\` and a line
//! break `\n`. Only `en` and `ru` are required when reading; missing columns take the defaults
//! above and unknown columns are ignored. A file whose first row does not name `en` and `ru` is
//! read as OmegaT's CSV glossary: `source,target[,comment]` rows, English then Russian.
use super::util::{self, nfc};
use super::{Context, Glossary, Origin, Status, Term, TermType, VariantInfo};
use crate::error::{Error, Result};
use std::path::Path;

/// The header termtool writes.
pub const COLUMNS: [&str; 17] = [
    "id",
    "en",
    "ru",
    "en_synonyms",
    "ru_synonyms",
    "en_type",
    "ru_type",
    "en_pos",
    "ru_pos",
    "en_status",
    "ru_status",
    "en_variant",
    "ru_variant",
    "confidence",
    "origin",
    "contexts",
    "note",
];

/// Write a glossary as termtool CSV, concepts in the order given (concepts without terms are
/// left out). Text is written in NFC with LF line breaks, so that reading gives it back.
pub fn write(g: &Glossary) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; the expects document that.
    let ok = "writing CSV to memory";
    w.write_record(COLUMNS).expect(ok);
    let g = &util::canonical(g);
    for c in g.concepts.iter().filter(|c| util::has_terms(c)) {
        let en: Vec<&Term> = util::written_terms(&c.en).collect();
        let ru: Vec<&Term> = util::written_terms(&c.ru).collect();
        let first = |ts: &[&Term]| ts.first().map(|t| clean(&t.text)).unwrap_or_default();
        let syn = |ts: &[&Term]| list(ts.iter().skip(1).map(|t| clean(&t.text)));
        let types = |ts: &[&Term]| list(ts.iter().map(|t| t.term_type.as_str().to_string()));
        let pos = |ts: &[&Term]| all_or_nothing(ts.iter().map(|t| clean(&t.pos)));
        let status = |ts: &[&Term]| list(ts.iter().map(|t| t.status.as_str().to_string()));
        let variant = |ts: &[&Term]| {
            all_or_nothing(
                ts.iter()
                    .map(|t| t.variant_of.as_ref().map(variant_item).unwrap_or_default()),
            )
        };
        let contexts: Vec<String> = c
            .contexts
            .iter()
            .map(|x| list([clean(&x.lang), clean(&x.doc), clean(&x.text)].into_iter()))
            .collect();
        let row = [
            clean(&c.id),
            first(&en),
            first(&ru),
            syn(&en),
            syn(&ru),
            types(&en),
            types(&ru),
            pos(&en),
            pos(&ru),
            status(&en),
            status(&ru),
            variant(&en),
            variant(&ru),
            util::confidence_str(c.confidence),
            c.origin.as_str().to_string(),
            contexts.join("\n"),
            clean(c.note.as_deref().unwrap_or("")),
        ];
        w.write_record(&row).expect(ok);
    }
    String::from_utf8(w.into_inner().expect(ok))
        .expect("the CSV writer writes the UTF-8 it is given")
}

/// NFC with LF line breaks (what `text::decode` gives back when reading).
fn clean(s: &str) -> String {
    nfc(&s.replace("\r\n", "\n").replace('\r', "\n"))
}

fn variant_item(v: &VariantInfo) -> String {
    if v.evidence.is_empty() {
        clean(&v.kind)
    } else {
        format!("{}: {}", clean(&v.kind), clean(&v.evidence))
    }
}

/// Items joined by ` | `, each escaped.
fn list(items: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = items
        .map(|s| {
            s.replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace('\n', "\\n")
        })
        .collect();
    v.join(" | ")
}

/// A list, or "" when every item is empty.
fn all_or_nothing(items: impl Iterator<Item = String>) -> String {
    let v: Vec<String> = items.collect();
    if v.iter().all(|s| s.is_empty()) {
        String::new()
    } else {
        list(v.into_iter())
    }
}

/// The items of a ` | `-separated cell ("" has none). A bare `|` separates too.
fn parse_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => items.last_mut().expect("one item").push('\n'),
                Some(x) => items.last_mut().expect("one item").push(x),
                None => items.last_mut().expect("one item").push('\\'),
            },
            '|' => items.push(String::new()),
            _ => items.last_mut().expect("one item").push(c),
        }
    }
    let n = items.len();
    for (i, it) in items.iter_mut().enumerate() {
        if i + 1 < n && it.ends_with(' ') {
            it.pop();
        }
        if i > 0 && it.starts_with(' ') {
            it.remove(0);
        }
    }
    items
}

/// Refuse a CSV text whose last quoted field is never closed: the csv reader takes the rest of
/// the file as that field, so a file cut off inside quotes would be accepted with its text cut.
/// Quotes open a field only at its start (RFC 4180); `""` inside a quoted field is a quote.
pub fn check_quotes(text: &str, delim: u8, path: &Path) -> Result<()> {
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let delim = delim as char;
    let (mut at, mut line, mut opened) = (At::FieldStart, 1usize, 0usize);
    for c in text.chars() {
        at = match (at, c) {
            (At::FieldStart, '"') => {
                opened = line;
                At::Quoted
            }
            (At::Quoted, '"') => At::QuoteInQuoted,
            (At::QuoteInQuoted, '"') => At::Quoted,
            (At::Quoted, _) => At::Quoted,
            (_, c) if c == delim || c == '\n' => At::FieldStart,
            _ => At::Unquoted,
        };
        line += usize::from(c == '\n');
    }
    if at == At::Quoted {
        return Err(Error::at_line(
            path,
            opened,
            "a quoted field is never closed; expected a closing \" (is the file cut off?)",
        ));
    }
    Ok(())
}

/// Read a CSV glossary file (see [`read`]).
pub fn read_file(path: &Path) -> Result<Glossary> {
    let bytes = crate::text::read::read_bytes(path)?;
    read(&bytes, path)
}

/// Read a CSV glossary: termtool's (a header naming at least `en` and `ru`) or OmegaT's
/// (`source,target[,comment]`, no header). Any encoding `text::decode` knows. Errors name the
/// file and line and return nothing of the file.
pub fn read(bytes: &[u8], path: &Path) -> Result<Glossary> {
    let text = crate::text::decode(bytes, path)?.text;
    check_quotes(&text, b',', path)?;
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| csv_error(path, e))?;
        let line = r.position().map_or(0, |p| p.line() as usize);
        records.push((line, r));
    }
    let Some((_, head)) = records.first() else {
        return Ok(Glossary::default());
    };
    let names: Vec<String> = head.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let col = |n: &str| names.iter().position(|h| h == n);
    let (Some(_), Some(_)) = (col("en"), col("ru")) else {
        // OmegaT's CSV glossary: source, target, comment.
        let rows = records
            .iter()
            .filter_map(|(line, r)| {
                let f = |i: usize| r.get(i).unwrap_or("").trim().to_string();
                let (en, ru) = (f(0), f(1));
                (!en.is_empty() && !ru.is_empty()).then(|| super::tsv::Row {
                    line: *line,
                    en,
                    ru,
                    comment: f(2),
                })
            })
            .collect();
        return Ok(Glossary {
            concepts: super::tsv::concepts_from_rows(rows),
        });
    };
    let mut g = Glossary::default();
    let mut ids = util::SeenIds::default();
    for (line, r) in records.iter().skip(1) {
        let get = |n: &str| col(n).and_then(|i| r.get(i)).unwrap_or("");
        if r.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let err = |msg: String| Error::at_line(path, *line, msg);
        let en = terms(
            "en",
            get("en"),
            get("en_synonyms"),
            get("en_type"),
            get("en_pos"),
            get("en_status"),
            get("en_variant"),
        )
        .map_err(err)?;
        let ru = terms(
            "ru",
            get("ru"),
            get("ru_synonyms"),
            get("ru_type"),
            get("ru_pos"),
            get("ru_status"),
            get("ru_variant"),
        )
        .map_err(err)?;
        if en.is_empty() && ru.is_empty() {
            return Err(err(
                "a row without terms; expected an English term in `en` or a Russian one in `ru`"
                    .to_string(),
            ));
        }
        let mut c = util::imported_concept(en, ru);
        if !get("id").is_empty() {
            c.id = get("id").to_string();
            ids.check(&c.id, *line).map_err(err)?;
        }
        let conf = get("confidence").trim();
        if !conf.is_empty() {
            c.confidence = conf
                .parse::<f64>()
                .ok()
                .filter(|f| (0.0..=1.0).contains(f))
                .ok_or_else(|| {
                    err(format!(
                        "confidence {:?}; expected a number from 0 to 1",
                        conf
                    ))
                })?;
        }
        let origin = get("origin").trim();
        if !origin.is_empty() {
            c.origin = Origin::parse(origin).ok_or_else(|| {
                err(format!(
                    "origin {:?}; expected extracted, curated or imported",
                    origin
                ))
            })?;
        }
        for l in get("contexts").split('\n').filter(|l| !l.trim().is_empty()) {
            let it = parse_list(l);
            let (lang, doc, text) = match it.len() {
                3 => (it[0].clone(), it[1].clone(), it[2].clone()),
                2 => (it[0].clone(), String::new(), it[1].clone()),
                _ => {
                    return Err(err(format!(
                        "context {:?}; expected `lang | doc | sentence`",
                        l
                    )))
                }
            };
            c.contexts.push(Context { lang, text, doc });
        }
        if !get("note").is_empty() {
            c.note = Some(get("note").to_string());
        }
        g.concepts.push(c);
    }
    Ok(g)
}

fn csv_error(path: &Path, e: ::csv::Error) -> Error {
    let line = e.position().map(|p| p.line() as usize);
    let msg = format!("malformed CSV: {}; expected comma-separated fields with \"quotes\" doubled inside quoted fields", e);
    match line {
        Some(l) => Error::at_line(path, l, msg),
        None => Error::input(path, msg),
    }
}

/// The terms of one language from a row's cells.
fn terms(
    lang: &str,
    first: &str,
    syn: &str,
    types: &str,
    pos: &str,
    status: &str,
    variant: &str,
) -> std::result::Result<Vec<Term>, String> {
    let mut texts: Vec<String> = Vec::new();
    if !first.is_empty() {
        texts.push(first.to_string());
    }
    let synonyms = parse_list(syn);
    if first.is_empty() && !synonyms.is_empty() {
        return Err(format!(
            "{lang}_synonyms without a preferred term; expected the preferred term in `{lang}`"
        ));
    }
    texts.extend(synonyms);
    let n = texts.len();
    let parallel = |col: &str, cell: &str| -> std::result::Result<Vec<String>, String> {
        let items = parse_list(cell);
        if items.is_empty() {
            Ok(vec![String::new(); n])
        } else if items.len() == n {
            Ok(items)
        } else {
            Err(format!(
                "{}_{} has {} items; expected {} (one per term: `{}` and `{}_synonyms`)",
                lang,
                col,
                items.len(),
                n,
                lang,
                lang
            ))
        }
    };
    let (types, pos, status, variant) = (
        parallel("type", types)?,
        parallel("pos", pos)?,
        parallel("status", status)?,
        parallel("variant", variant)?,
    );
    let mut out = Vec::with_capacity(n);
    for (i, text) in texts.into_iter().enumerate() {
        let mut t = util::plain_term(&text, i == 0);
        if !types[i].is_empty() {
            t.term_type = TermType::parse(types[i].trim()).ok_or_else(|| {
                format!(
                    "{}_type {:?}; expected fullForm, acronym, abbreviation, shortForm or variant",
                    lang, types[i]
                )
            })?;
        }
        t.pos = pos[i].clone();
        if !status[i].is_empty() {
            t.status = Status::parse(status[i].trim()).ok_or_else(|| {
                format!(
                    "{}_status {:?}; expected preferred, admitted or deprecated",
                    lang, status[i]
                )
            })?;
        }
        if !variant[i].is_empty() {
            let (kind, evidence) = variant[i].split_once(": ").unwrap_or((&variant[i], ""));
            t.variant_of = Some(VariantInfo {
                kind: kind.to_string(),
                evidence: evidence.to_string(),
            });
        }
        out.push(t);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        for items in [
            vec!["a", "b"],
            vec!["a ", " b"],
            vec!["", ""],
            vec!["x|y", "back\\slash", "line\nbreak"],
            vec!["one"],
        ] {
            let s = list(items.iter().map(|s| s.to_string()));
            assert_eq!(parse_list(&s), items, "{s:?}");
        }
        assert_eq!(parse_list("a|b"), ["a", "b"]);
    }

    #[test]
    fn round_trip_and_errors() {
        let csv = "id,en,ru,en_synonyms,en_type,en_status,en_variant,confidence,origin,contexts,note\n\
                   ,UNOCT,КТУ ООН,UNCTO | United Nations Office,acronym | variant | fullForm,preferred | deprecated | admitted,\"| typo: swapped | \",0.5,curated,\"en | a.txt | UNOCT said\nru | | КТУ ООН\",\"two\nlines\"\n";
        let g = read(csv.as_bytes(), Path::new("g.csv")).unwrap();
        let c = &g.concepts[0];
        assert_eq!(c.en.len(), 3);
        assert_eq!(c.en[1].variant_of.as_ref().unwrap().evidence, "swapped");
        assert_eq!(
            c.contexts[1],
            Context {
                lang: "ru".into(),
                doc: "".into(),
                text: "КТУ ООН".into()
            }
        );
        assert_eq!(c.note.as_deref(), Some("two\nlines"));
        let out = write(&g);
        let back = read(out.as_bytes(), Path::new("g.csv")).unwrap();
        assert_eq!(back, g);
        assert_eq!(write(&back), out);
        let bad = "en,ru,en_synonyms,en_type\nA,Б,C,acronym\n";
        let e = read(bad.as_bytes(), Path::new("g.csv"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "g.csv:2: en_type has 1 items; expected 2 (one per term: `en` and `en_synonyms`)"
        );
        let e = read(b"en,ru,confidence\nA,B,high\n", Path::new("g.csv"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("g.csv:2: confidence \"high\""), "{e}");
    }
}
