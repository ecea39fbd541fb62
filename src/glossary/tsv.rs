//! OmegaT's tab-separated glossary: `source<TAB>target<TAB>comment`, one English–Russian term
//! pair per line, `#` lines are comments, the first may be a magic comment naming the encoding.
//!
//! Writing: per concept, the preferred pair first (comment: the concept's note), then each other
//! English term with the preferred Russian one, then each other Russian term with the preferred
//! English one (comment: `variant (kind): evidence` for variants). Concepts without both an
//! English and a Russian term are left out. Tabs and line breaks in fields become spaces and
//! fields are trimmed, as OmegaT reads them.
//!
//! Reading groups consecutive rows back into concepts by that pattern: a row whose comment is
//! empty or a variant description joins the concept before it when it shares that concept's
//! preferred Russian term (a new English term) or preferred English term (a new Russian term);
//! any other row starts a concept whose note is the comment. So what was written reads back into
//! the same rows.
use super::util::{self, nfc};
use super::{Concept, Glossary, Term, TermType, VariantInfo};
use crate::error::{Error, Result};
use std::path::Path;

/// The first line OmegaT writes in a new glossary, and so does termtool.
pub const MAGIC: &str = "# Glossary in tab-separated format -*- coding: utf-8 -*-";

/// Write a glossary as an OmegaT tab-separated glossary (UTF-8, LF line ends).
pub fn write(g: &Glossary) -> String {
    let mut out = String::new();
    out.push_str(MAGIC);
    out.push('\n');
    let g = &util::canonical(g);
    for c in &g.concepts {
        let en: Vec<String> = util::written_terms(&c.en).map(|t| field(&t.text)).collect();
        let ru: Vec<String> = util::written_terms(&c.ru).map(|t| field(&t.text)).collect();
        let (Some(en0), Some(ru0)) = (en.first(), ru.first()) else {
            continue;
        };
        row(&mut out, en0, ru0, &field(c.note.as_deref().unwrap_or("")));
        let mut seen = vec![(en0.clone(), ru0.clone())];
        let en_terms = util::written_terms(&c.en).skip(1).map(|t| (t, true));
        let ru_terms = util::written_terms(&c.ru).skip(1).map(|t| (t, false));
        for (t, is_en) in en_terms.chain(ru_terms) {
            let text = field(&t.text);
            let pair = if is_en {
                (text, ru0.clone())
            } else {
                (en0.clone(), text)
            };
            if seen.contains(&pair) {
                continue;
            }
            row(
                &mut out,
                &pair.0,
                &pair.1,
                &t.variant_of
                    .as_ref()
                    .map(variant_comment)
                    .unwrap_or_default(),
            );
            seen.push(pair);
        }
    }
    out
}

fn row(out: &mut String, en: &str, ru: &str, comment: &str) {
    // A line starting with '#' is a comment to OmegaT; a leading space keeps the row (OmegaT
    // trims fields after that check, and so does `read`).
    if en.starts_with('#') {
        out.push(' ');
    }
    out.push_str(en);
    out.push('\t');
    out.push_str(ru);
    if !comment.is_empty() {
        out.push('\t');
        out.push_str(comment);
    }
    out.push('\n');
}

/// A field as OmegaT reads it back: NFC, no tabs or line breaks, trimmed.
fn field(s: &str) -> String {
    nfc(&s.replace(['\t', '\n', '\r'], " ")).trim().to_string()
}

fn variant_comment(v: &VariantInfo) -> String {
    let kind = field(&v.kind);
    let ev = field(&v.evidence);
    if ev.is_empty() {
        format!("variant ({})", kind)
    } else {
        format!("variant ({}): {}", kind, ev)
    }
}

fn parse_variant_comment(s: &str) -> Option<VariantInfo> {
    let rest = s.strip_prefix("variant (")?;
    let close = rest.find(')')?;
    let (kind, after) = (&rest[..close], &rest[close + 1..]);
    let evidence = if after.is_empty() {
        ""
    } else {
        after.strip_prefix(": ")?
    };
    Some(VariantInfo {
        kind: kind.to_string(),
        evidence: evidence.to_string(),
    })
}

/// One row of a pair glossary (also OmegaT's CSV).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    #[allow(dead_code)]
    pub line: usize,
    pub en: String,
    pub ru: String,
    pub comment: String,
}

/// Concepts from pair rows, grouped as the module documentation says.
pub(crate) fn concepts_from_rows(rows: Vec<Row>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    // 0: only the preferred pair so far, 1: English terms added, 2: Russian terms added.
    let mut phase = 0u8;
    for r in rows {
        let variant = parse_variant_comment(&r.comment);
        if let Some(cur) = out.last_mut() {
            let joinable = r.comment.is_empty() || variant.is_some();
            let (en0, ru0) = (&cur.en[0].text, &cur.ru[0].text);
            if joinable
                && r.ru == *ru0
                && r.en != *en0
                && phase <= 1
                && !cur.en.iter().any(|t| t.text == r.en)
            {
                cur.en.push(synonym(&r.en, variant));
                phase = 1;
                continue;
            }
            if joinable && r.en == *en0 && r.ru != *ru0 && !cur.ru.iter().any(|t| t.text == r.ru) {
                cur.ru.push(synonym(&r.ru, variant));
                phase = 2;
                continue;
            }
        }
        let mut c = util::imported_concept(
            vec![util::plain_term(&r.en, true)],
            vec![util::plain_term(&r.ru, true)],
        );
        if !r.comment.is_empty() {
            c.note = Some(r.comment);
        }
        out.push(c);
        phase = 0;
    }
    out
}

fn synonym(text: &str, variant: Option<VariantInfo>) -> Term {
    let mut t = util::plain_term(text, false);
    if variant.is_some() {
        t.term_type = TermType::Variant;
    }
    t.variant_of = variant;
    t
}

/// Read an OmegaT tab-separated glossary file (see [`read`]).
pub fn read_file(path: &Path) -> Result<Glossary> {
    let bytes = crate::text::read::read_bytes(path)?;
    read(&bytes, path)
}

/// Read an OmegaT tab-separated glossary as OmegaT does: a BOM or a magic comment
/// (`# … -*- coding: windows-1251 -*-`) names the encoding, else it is detected
/// (`text::decode`); `#` lines are skipped; fields are trimmed; rows without both a source and a
/// target are skipped. The source is taken as English, the target as Russian.
pub fn read(bytes: &[u8], path: &Path) -> Result<Glossary> {
    let text = decode(bytes, path)?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() < 2 || f[0].is_empty() || f[1].is_empty() {
            continue;
        }
        rows.push(Row {
            line: i + 1,
            en: f[0].to_string(),
            ru: f[1].to_string(),
            comment: f.get(2).copied().unwrap_or("").to_string(),
        });
    }
    Ok(Glossary {
        concepts: concepts_from_rows(rows),
    })
}

/// Text of a glossary file, honouring a magic comment's encoding when there is no BOM.
fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if !bom {
        if let Some(label) = magic_coding(bytes) {
            if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
                .filter(|e| *e != encoding_rs::UTF_8)
            {
                if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                    let s = enc.decode_without_bom_handling_and_without_replacement(bytes).ok_or_else(|| {
                        Error::input(path, format!("the file is not valid {} as its magic comment says; expected {} text", enc.name(), enc.name()))
                    })?;
                    return Ok(nfc(&s.replace("\r\n", "\n").replace('\r', "\n")));
                }
            }
        }
    }
    Ok(crate::text::decode(bytes, path)?.text)
}

/// The `coding` of a first-line magic comment `# … -*- coding: NAME -*-`.
fn magic_coding(bytes: &[u8]) -> Option<String> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let first = std::str::from_utf8(&bytes[..end.min(300)]).ok()?;
    if !first.starts_with('#') {
        return None;
    }
    let i = first.find("coding:")?;
    let name = first[i + "coding:".len()..].split_whitespace().next()?;
    Some(name.trim_end_matches(';').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_comments() {
        let v = VariantInfo {
            kind: "typo".into(),
            evidence: "UNCTO ~ UNOCT".into(),
        };
        assert_eq!(parse_variant_comment(&variant_comment(&v)), Some(v));
        let v = VariantInfo {
            kind: "case".into(),
            evidence: "".into(),
        };
        assert_eq!(parse_variant_comment(&variant_comment(&v)), Some(v));
        assert_eq!(parse_variant_comment("variant (x) and more"), None);
    }

    #[test]
    fn grouping_reproduces_rows() {
        let tsv = format!(
            "{MAGIC}\nA\tR\tnote\nA2\tR\nA\tR1\tvariant (typo): x\nA3\tR\n#x\tcomment line\nB\tS\n"
        );
        let g = read(tsv.as_bytes(), Path::new("g.tsv")).unwrap();
        assert_eq!(g.concepts.len(), 3, "{g:?}");
        assert_eq!(g.concepts[0].en.len(), 2);
        assert_eq!(
            g.concepts[0].ru[1].variant_of.as_ref().unwrap().kind,
            "typo"
        );
        assert_eq!(write(&g), tsv.replace("#x\tcomment line\n", ""));
    }

    #[test]
    fn magic_comment_encoding() {
        let mut b = b"# x -*- coding: windows-1251 -*-\n".to_vec();
        b.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("UN\tООН\n").0);
        let g = read(&b, Path::new("g.txt")).unwrap();
        assert_eq!(g.concepts[0].ru[0].text, "ООН");
    }
}
