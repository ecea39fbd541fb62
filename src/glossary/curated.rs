//! People decide: a curated CSV of decisions (accept, reject, edit, add, prefer, merge, split)
//! applied over what extraction proposes. Extraction never overwrites a curated decision, and a
//! rejected pair never comes back.
//!
//! Columns: `action,id,en,ru,note` and, for `merge`, `other` (header required). `id` names an
//! extracted concept; for `reject` and `edit`, `en` and `ru` may name the pair instead of the id
//! (matched on keys). `prefer` makes the concept's term `en` and/or `ru` its preferred one;
//! `merge` moves the terms and contexts of concept `other` into concept `id`; `split` takes the
//! terms `en` and/or `ru` out of concept `id` into a concept of their own.
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
    /// For `merge`: the concept merged into `id`.
    pub other: String,
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
    Prefer,
    Merge,
    Split,
}

/// Every action, in the order the CSV's documentation names them.
const ACTIONS: [Action; 7] = [
    Action::Accept,
    Action::Reject,
    Action::Edit,
    Action::Add,
    Action::Prefer,
    Action::Merge,
    Action::Split,
];

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::Add => "add",
            Action::Prefer => "prefer",
            Action::Merge => "merge",
            Action::Split => "split",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        ACTIONS.into_iter().find(|a| a.as_str() == s)
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
    let (cn, co) = (col("note"), col("other"));
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
                    "unknown action {:?}; expected accept, reject, edit, add, prefer, merge or split",
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
            other: co.map(get).unwrap_or_default(),
            line,
        };
        if let Some(problem) = dcs.problem() {
            return Err(Error::at_line(path, line, problem));
        }
        out.push(dcs);
    }
    Ok(out)
}

impl Decision {
    /// What the decision lacks to be applied, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        let (id, en, ru) = (self.id.is_empty(), self.en.is_empty(), self.ru.is_empty());
        match self.action {
            Action::Add | Action::Edit if en || ru => {
                Some("expected both en and ru for this action")
            }
            Action::Accept | Action::Reject if id && (en || ru) => {
                Some("expected an id, or both en and ru, for this action")
            }
            Action::Prefer | Action::Split if id || (en && ru) => {
                Some("expected an id and the term (en, ru or both) for this action")
            }
            Action::Merge if id || self.other.is_empty() || self.other == self.id => {
                Some("expected an id and another concept's id in `other` for a merge")
            }
            _ => None,
        }
    }
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
                    curate(c, d);
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
                    curate(c, d);
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
            Action::Prefer => {
                for c in g.concepts.iter_mut().filter(|c| c.id == d.id) {
                    prefer(&mut c.en, &d.en);
                    prefer(&mut c.ru, &d.ru);
                    curate(c, d);
                }
            }
            Action::Merge => merge(g, d),
            Action::Split => split(g, d),
        }
    }
    g.normalize();
}

/// Mark a concept as a person's: curated, certain, with the decision's note.
fn curate(c: &mut Concept, d: &Decision) {
    c.origin = Origin::Curated;
    c.confidence = 1.0;
    if !d.note.is_empty() {
        c.note = Some(d.note.clone());
    }
}

/// Make the term `text` (matched on keys) the first and preferred of `list`; the one preferred
/// before stays, admitted. Nothing happens when `text` is empty or not in the list.
fn prefer(list: &mut Vec<Term>, text: &str) {
    let k = match_key(text);
    let Some(at) = list
        .iter()
        .position(|t| !k.is_empty() && match_key(&t.text) == k)
    else {
        return;
    };
    let mut t = list.remove(at);
    for o in list.iter_mut().filter(|o| o.status == Status::Preferred) {
        o.status = Status::Admitted;
    }
    t.status = Status::Preferred;
    list.insert(0, t);
}

/// Move concept `d.other`'s terms (admitted, those not already there) and contexts into `d.id`.
fn merge(g: &mut Glossary, d: &Decision) {
    let (Some(keep), Some(gone)) = (
        g.concepts.iter().position(|c| c.id == d.id),
        g.concepts.iter().position(|c| c.id == d.other),
    ) else {
        return;
    };
    let other = g.concepts[gone].clone();
    let c = &mut g.concepts[keep];
    for (list, more) in [(&mut c.en, other.en), (&mut c.ru, other.ru)] {
        for mut t in more {
            if !list
                .iter()
                .any(|x| match_key(&x.text) == match_key(&t.text))
            {
                if t.status == Status::Preferred && !list.is_empty() {
                    t.status = Status::Admitted;
                }
                list.push(t);
            }
        }
    }
    c.contexts.extend(other.contexts);
    curate(c, d);
    g.concepts.remove(gone);
}

/// Take the terms `d.en` and `d.ru` out of concept `d.id` into a new concept (with the
/// contexts that hold them); a side left without terms awaits its equivalent.
fn split(g: &mut Glossary, d: &Decision) {
    let Some(at) = g.concepts.iter().position(|c| c.id == d.id) else {
        return;
    };
    let c = &mut g.concepts[at];
    let take = |list: &mut Vec<Term>, text: &str| -> Vec<Term> {
        let k = match_key(text);
        let (out, keep): (Vec<Term>, Vec<Term>) = std::mem::take(list)
            .into_iter()
            .partition(|t| !k.is_empty() && match_key(&t.text) == k);
        *list = keep;
        out
    };
    let (en, ru) = (take(&mut c.en, &d.en), take(&mut c.ru, &d.ru));
    if en.is_empty() && ru.is_empty() {
        return;
    }
    for list in [&mut c.en, &mut c.ru] {
        if list.first().is_some_and(|t| t.status != Status::Preferred) {
            list[0].status = Status::Preferred;
        }
    }
    curate(c, d);
    let holds = |ctx: &super::Context| {
        let text = ctx.text.to_lowercase();
        en.iter()
            .chain(&ru)
            .any(|t| text.contains(&t.text.to_lowercase()))
    };
    let contexts = c.contexts.iter().filter(|x| holds(x)).cloned().collect();
    let first = |v: &[Term]| v.first().map(|t| t.text.clone()).unwrap_or_default();
    let mut new = Concept {
        id: concept_id(&first(&en), &first(&ru)),
        en,
        ru,
        contexts,
        confidence: 1.0,
        origin: Origin::Curated,
        note: (!d.note.is_empty()).then(|| d.note.clone()),
    };
    for list in [&mut new.en, &mut new.ru] {
        for (i, t) in list.iter_mut().enumerate() {
            t.status = if i == 0 {
                Status::Preferred
            } else {
                Status::Admitted
            };
        }
    }
    // an entry with these terms exists already (split off before): the terms join it
    match g.concepts.iter_mut().find(|c| c.id == new.id) {
        Some(existing) => {
            for (list, more) in [(&mut existing.en, new.en), (&mut existing.ru, new.ru)] {
                for mut t in more {
                    if !list
                        .iter()
                        .any(|x| match_key(&x.text) == match_key(&t.text))
                    {
                        t.status = if list.is_empty() {
                            Status::Preferred
                        } else {
                            Status::Admitted
                        };
                        list.push(t);
                    }
                }
            }
            existing.contexts.extend(new.contexts);
        }
        None => g.concepts.push(new),
    }
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
