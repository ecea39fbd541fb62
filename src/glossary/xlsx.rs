//! Glossaries as Excel workbooks, the way Phrase and memoQ users exchange term bases: the first
//! sheet, a header row naming the columns, one row per concept.
//!
//! Written (`export --format xlsx`): `ID`, `English`, `Russian` (the preferred terms), `English
//! synonyms`, `Russian synonyms` (the other terms, "; " between them), `Note`. Read: the columns
//! are found by their header, whatever their order and case: English is `English`, `en`,
//! `en-US`, `English (United States)`…; Russian likewise; `… synonyms` columns, `Note`,
//! `Definition` or `Comment`, and `ID` or `Entry ID` are optional. Rows sharing an entry ID
//! (Phrase writes one row per term) are one concept, their first terms preferred.
use super::{concept_id, Concept, Glossary, Origin, Status, Term, TermType};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Between synonyms in one cell.
const SYNONYM_SEP: &str = "; ";
/// The sheet written.
const SHEET: &str = "Glossary";
/// The header row written.
const HEADER: [&str; 6] = [
    "ID",
    "English",
    "Russian",
    "English synonyms",
    "Russian synonyms",
    "Note",
];

/// The workbook's bytes. The same glossary gives the same bytes (the workbook's dates are fixed).
pub fn write(g: &Glossary) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err =
        |e: rust_xlsxwriter::XlsxError| Error::Usage(format!("cannot write the workbook: {e}"));
    let mut book = Workbook::new();
    // a fixed creation date: the output must not depend on the clock
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).map_err(err)?;
    let bold = Format::new().set_bold();
    for (c, h) in HEADER.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(err)?;
    }
    let joined = |terms: &[Term]| -> String {
        terms
            .iter()
            .skip(1)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(SYNONYM_SEP)
    };
    for (r, c) in g.concepts.iter().enumerate() {
        let row = r as u32 + 1;
        let first = |terms: &[Term]| terms.first().map(|t| t.text.clone()).unwrap_or_default();
        let cells = [
            c.id.clone(),
            first(&c.en),
            first(&c.ru),
            joined(&c.en),
            joined(&c.ru),
            c.note.clone().unwrap_or_default(),
        ];
        for (col, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(row, col as u16, v).map_err(err)?;
            }
        }
    }
    sheet.set_column_width(1, 40).map_err(err)?;
    sheet.set_column_width(2, 40).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// Which column holds what.
#[derive(Default)]
struct Columns {
    id: Option<usize>,
    en: Option<usize>,
    ru: Option<usize>,
    en_syn: Option<usize>,
    ru_syn: Option<usize>,
    note: Option<usize>,
}

/// The column a header names, if termtool knows it.
fn classify(h: &str, cols: &mut Columns, i: usize) {
    let h = h.trim().to_lowercase();
    let lang = |l: &str| -> Option<&'static str> {
        let l = l.trim();
        let head = l.split(['-', '_', ' ', '(']).next().unwrap_or("");
        match head {
            "en" | "english" | "eng" => Some("en"),
            "ru" | "russian" | "rus" => Some("ru"),
            _ => None,
        }
    };
    let slot = if let Some(base) = h.strip_suffix(" synonyms") {
        match lang(base) {
            Some("en") => &mut cols.en_syn,
            Some(_) => &mut cols.ru_syn,
            None => return,
        }
    } else if matches!(h.as_str(), "id" | "entry id" | "entry_id" | "concept id") {
        &mut cols.id
    } else if matches!(
        h.as_str(),
        "note" | "notes" | "definition" | "comment" | "comments"
    ) {
        &mut cols.note
    } else {
        match lang(&h) {
            Some("en") => &mut cols.en,
            Some(_) => &mut cols.ru,
            None => return,
        }
    };
    if slot.is_none() {
        *slot = Some(i);
    }
}

fn term(text: &str, preferred: bool) -> Term {
    Term {
        text: text.to_string(),
        term_type: TermType::FullForm,
        pos: "noun".into(),
        status: if preferred {
            Status::Preferred
        } else {
            Status::Admitted
        },
        variant_of: None,
    }
}

/// Read the first sheet of a workbook's bytes.
pub fn read(bytes: &[u8], path: &Path) -> Result<Glossary> {
    use calamine::{Reader, Xlsx};
    // calamine unpacks parts whole: refuse a workbook that says it unpacks to more than the
    // input limit (a ZIP bomb) before it does
    let limit = crate::text::read::max_input_bytes();
    if let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        let unpacked: u64 = (0..zip.len())
            .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
            .sum();
        if unpacked > limit {
            return Err(Error::input(
                path,
                format!(
                    "the workbook unpacks to more than {} MiB; expected a smaller file (set TERMTOOL_MAX_INPUT_MB to raise the limit)",
                    limit >> 20
                ),
            ));
        }
    }
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Error::input(
            path,
            format!("not an XLSX workbook ({e}); expected an Excel .xlsx file"),
        )
    })?;
    let Some(range) = book.worksheet_range_at(0) else {
        return Err(Error::input(
            path,
            "the workbook has no sheet; expected a glossary on the first sheet",
        ));
    };
    let range =
        range.map_err(|e| Error::input(path, format!("the first sheet cannot be read: {e}")))?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let mut cols = Columns::default();
    for (i, h) in header.iter().enumerate() {
        classify(h, &mut cols, i);
    }
    let (Some(en_col), Some(ru_col)) = (cols.en, cols.ru) else {
        return Err(Error::at_line(
            path,
            1,
            "expected a header row naming an English and a Russian column (English/en, Russian/ru)",
        ));
    };
    // concepts by entry id (rows without one are concepts of their own), in row order
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, Concept> = BTreeMap::new();
    for (r, row) in rows.enumerate() {
        let cell = |c: Option<usize>| -> String {
            c.and_then(|c| row.get(c))
                .map(|v| v.to_string())
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let split = |s: String| -> Vec<String> {
            s.split(';')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        };
        let (en, ru) = (cell(Some(en_col)), cell(Some(ru_col)));
        let (en_syn, ru_syn) = (split(cell(cols.en_syn)), split(cell(cols.ru_syn)));
        if en.is_empty() && ru.is_empty() && en_syn.is_empty() && ru_syn.is_empty() {
            continue;
        }
        let key = match cell(cols.id) {
            id if !id.is_empty() => id,
            _ => format!("row {}", r + 2),
        };
        let c = by_id.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Concept {
                id: String::new(),
                en: Vec::new(),
                ru: Vec::new(),
                contexts: Vec::new(),
                confidence: 1.0,
                origin: Origin::Imported,
                note: None,
            }
        });
        for (list, texts) in [
            (
                &mut c.en,
                std::iter::once(en).chain(en_syn).collect::<Vec<_>>(),
            ),
            (&mut c.ru, std::iter::once(ru).chain(ru_syn).collect()),
        ] {
            for t in texts.into_iter().filter(|t| !t.is_empty()) {
                if !list.iter().any(|x: &Term| x.text == t) {
                    let preferred = list.is_empty();
                    list.push(term(&t, preferred));
                }
            }
        }
        let note = cell(cols.note);
        if !note.is_empty() && c.note.is_none() {
            c.note = Some(note);
        }
    }
    let mut concepts: Vec<Concept> = order.into_iter().filter_map(|k| by_id.remove(&k)).collect();
    for c in &mut concepts {
        let first = |v: &[Term]| v.first().map(|t| t.text.clone()).unwrap_or_default();
        c.id = concept_id(&first(&c.en), &first(&c.ru));
    }
    let mut g = Glossary { concepts };
    g.normalize();
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_round_trips_and_is_the_same_bytes_twice() {
        let mut g = Glossary {
            concepts: vec![Concept {
                id: String::new(),
                en: vec![term("Joint Plan of Action", true), term("JPoA", false)],
                ru: vec![term("Совместный план действий", true), term("СПД", false)],
                contexts: Vec::new(),
                confidence: 1.0,
                origin: Origin::Imported,
                note: Some("Central Asia, 2011".into()),
            }],
        };
        g.concepts[0].id = concept_id("Joint Plan of Action", "Совместный план действий");
        let bytes = write(&g).unwrap();
        assert_eq!(write(&g).unwrap(), bytes, "not deterministic");
        let back = read(&bytes, Path::new("g.xlsx")).unwrap();
        assert_eq!(back, g);
    }
}
