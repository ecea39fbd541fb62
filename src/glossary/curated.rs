//! People decide: a curated CSV of decisions (accept, reject, edit, add) applied over what
//! extraction proposes. Extraction never overwrites a curated decision, and a rejected pair
//! never comes back.
//!
//! Columns: `action,id,en,ru,note` (header required). `id` names an extracted concept; for
//! `reject` and `edit`, `en` and `ru` may name the pair instead of the id (matched on keys).
use super::{concept_id, Concept, Glossary, Origin, Status, Term, TermType};
use crate::error::{Error, Result};
use crate::text::match_key;
use std::path::Path;

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub action: Action,
    pub id: String,
    pub en: String,
    pub ru: String,
    pub note: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// What a person decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Reject,
    Edit,
    Add,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::Add => "add",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        [Action::Accept, Action::Reject, Action::Edit, Action::Add]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

/// True when a CSV header line names a decisions file (`action` among the columns).
pub fn is_decisions_header(fields: &[String]) -> bool {
    fields.iter().any(|f| f == "action")
}

/// Read decisions; any malformed row refuses the whole file.
pub fn read(path: &Path) -> Result<Vec<Decision>> {
    let d = crate::text::read_file(path)?;
    super::csv::check_quotes(&d.text, b',', path)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(d.text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::at_line(path, 1, format!("bad header: {}", e)))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(ca), Some(ci), Some(ce), Some(cr)) = (col("action"), col("id"), col("en"), col("ru"))
    else {
        return Err(Error::at_line(
            path,
            1,
            "expected a header with the columns action,id,en,ru,note",
        ));
    };
    let cn = col("note");
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            Error::at_line(
                path,
                line,
                format!(
                    "expected {} fields (action,id,en,ru,note): {}",
                    headers.len(),
                    e
                ),
            )
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let Some(action) = Action::parse(&get(ca)) else {
            return Err(Error::at_line(
                path,
                line,
                format!(
                    "unknown action {:?}; expected accept, reject, edit or add",
                    get(ca)
                ),
            ));
        };
        let dcs = Decision {
            action,
            id: get(ci),
            en: get(ce),
            ru: get(cr),
            note: cn.map(get).unwrap_or_default(),
            line,
        };
        let needs_pair = matches!(action, Action::Add | Action::Edit) || dcs.id.is_empty();
        if needs_pair && (dcs.en.is_empty() || dcs.ru.is_empty()) {
            return Err(Error::at_line(
                path,
                line,
                "expected both en and ru for this action (or an id for accept/reject)",
            ));
        }
        out.push(dcs);
    }
    Ok(out)
}

fn same_pair(c: &Concept, en: &str, ru: &str) -> bool {
    let (ke, kr) = (match_key(en), match_key(ru));
    c.en.iter().any(|t| match_key(&t.text) == ke) && c.ru.iter().any(|t| match_key(&t.text) == kr)
}

fn term(text: &str) -> Term {
    Term {
        text: text.to_string(),
        term_type: TermType::FullForm,
        pos: "noun".into(),
        status: Status::Preferred,
        variant_of: None,
    }
}

/// Apply decisions to an extracted glossary.
pub fn apply(g: &mut Glossary, decisions: &[Decision]) {
    for d in decisions {
        let hit = |c: &Concept| {
            (!d.id.is_empty() && c.id == d.id)
                || (!d.en.is_empty() && !d.ru.is_empty() && same_pair(c, &d.en, &d.ru))
        };
        match d.action {
            Action::Reject => g.concepts.retain(|c| !hit(c)),
            Action::Accept => {
                for c in g.concepts.iter_mut().filter(|c| hit(c)) {
                    c.origin = Origin::Curated;
                    c.confidence = 1.0;
                    if !d.note.is_empty() {
                        c.note = Some(d.note.clone());
                    }
                }
            }
            Action::Edit => {
                let mut found = false;
                // by id, or (without one) the concept whose English term is `en`
                let by_en = |c: &Concept| {
                    d.id.is_empty() && c.en.iter().any(|t| match_key(&t.text) == match_key(&d.en))
                };
                for c in g
                    .concepts
                    .iter_mut()
                    .filter(|c| (!d.id.is_empty() && c.id == d.id) || by_en(c))
                {
                    found = true;
                    for (list, text) in [(&mut c.en, &d.en), (&mut c.ru, &d.ru)] {
                        // the new preferred term first; the old one stays as admitted
                        let old = list.first().cloned();
                        list.retain(|t| {
                            t.text != *text && Some(&t.text) != old.as_ref().map(|o| &o.text)
                        });
                        if let Some(mut o) = old.filter(|o| o.text != *text) {
                            o.status = Status::Deprecated;
                            list.insert(0, o);
                        }
                        list.insert(0, term(text));
                    }
                    c.origin = Origin::Curated;
                    c.confidence = 1.0;
                    if !d.note.is_empty() {
                        c.note = Some(d.note.clone());
                    }
                }
                if !found {
                    add(g, d);
                }
            }
            Action::Add => {
                if !g.concepts.iter().any(|c| same_pair(c, &d.en, &d.ru)) {
                    add(g, d);
                }
            }
        }
    }
    g.normalize();
}

fn add(g: &mut Glossary, d: &Decision) {
    g.concepts.push(Concept {
        id: concept_id(&d.en, &d.ru),
        en: vec![term(&d.en)],
        ru: vec![term(&d.ru)],
        contexts: Vec::new(),
        confidence: 1.0,
        origin: Origin::Curated,
        note: (!d.note.is_empty()).then(|| d.note.clone()),
    });
}
