//! TBX glossaries: TBX-Basic 2008 (`<martif>`, what OmegaT and translate-toolkit read) and
//! TBX-Basic ISO 30042:2019 in DCA style (`<tbx>`), written and read.
//!
//! What termtool writes, per concept entry (element names of 2008; 2019 uses `conceptEntry`,
//! `langSec`, `termSec`):
//!
//! ```text
//! <termEntry id="c…">
//!   <admin type="source">termtool: origin=extracted; confidence=0.93</admin>
//!   <note>the concept's note</note>
//!   <langSet xml:lang="en">
//!     <tig>
//!       <term>UNOCT</term>
//!       <termNote type="termType">acronym</termNote>
//!       <termNote type="partOfSpeech">properNoun</termNote>
//!       <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
//!       <descripGrp>                      (each context, with the preferred term)
//!         <descrip type="context">UNOCT supports …</descrip>
//!         <admin type="source">un-news.en.txt</admin>
//!       </descripGrp>
//!       <admin type="source">termtool: variant=typo; evidence=…</admin>   (variants only)
//!     </tig>
//! ```
//!
//! Only data categories TBX-Basic allows at those levels are used, so the 2008 file validates
//! against the TBX-Basic RNG and DTD and OmegaT's schema, and the 2019 file against the core
//! RNG and the TBX-Basic DCA rules. Output is deterministic: the header is dated only when
//! `SOURCE_DATE_EPOCH` is set (or a date is given), and whitespace that XML would fold (line
//! breaks, tabs, spaces at the ends) is written as character references, so reading a written
//! file gives back exactly what was written.
//!
//! Reading accepts TBX from other tools: `en-US`/`ru-RU` and other tags map to English and
//! Russian, other languages are skipped, `ntig`/`termGrp` and `termNoteGrp` are understood,
//! layout whitespace is folded. It refuses, with file and line, what is not well-formed XML, a
//! truncated file, elements out of place or in the wrong order, and, in files that say they are
//! TBX-Basic, data categories, values and levels TBX-Basic does not allow.
use super::util::{self, annotation, parse_annotation};
use super::xmltree::{self, escape_attr, escape_text, Element};
use super::{Concept, Context, Glossary, Origin, Status, Term, TermType};
use crate::error::{Error, Result};
use std::path::Path;

/// The namespace of ISO 30042:2019 TBX.
pub const TBX_NS: &str = "urn:iso:std:iso:30042:ed-2";

/// Which TBX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// TBX-Basic 2008: `<martif type="TBX-Basic">`, `termEntry`/`langSet`/`tig`.
    V2008,
    /// TBX-Basic ISO 30042:2019, DCA style: `<tbx type="TBX-Basic" style="dca">`,
    /// `conceptEntry`/`langSec`/`termSec`.
    V2019,
}

/// Options for writing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// The export date as Unix seconds; the header has no date when None.
    pub date: Option<i64>,
}

impl WriteOptions {
    /// Dated from `SOURCE_DATE_EPOCH` when that is set to a number of seconds, else undated.
    pub fn from_env() -> WriteOptions {
        WriteOptions {
            date: util::source_date_epoch(),
        }
    }
}

/// Parts of speech TBX-Basic 2008 allows (others are written as "other" plus an annotation).
const POS_2008: [&str; 6] = ["noun", "verb", "adjective", "adverb", "properNoun", "other"];
/// Parts of speech the TBX-Basic DCA rules (2019) allow.
const POS_2019: [&str; 5] = ["adjective", "noun", "other", "verb", "adverb"];

struct Names {
    root: &'static str,
    header: &'static str,
    entry: &'static str,
    lang: &'static str,
    term: &'static str,
}

const NAMES_2008: Names = Names {
    root: "martif",
    header: "martifHeader",
    entry: "termEntry",
    lang: "langSet",
    term: "tig",
};
const NAMES_2019: Names = Names {
    root: "tbx",
    header: "tbxHeader",
    entry: "conceptEntry",
    lang: "langSec",
    term: "termSec",
};

fn names(v: Version) -> &'static Names {
    match v {
        Version::V2008 => &NAMES_2008,
        Version::V2019 => &NAMES_2019,
    }
}

/// Write a glossary as TBX, dated from `SOURCE_DATE_EPOCH` (see [`write_with`]).
pub fn write(g: &Glossary, version: Version) -> String {
    write_with(g, version, &WriteOptions::from_env())
}

/// Write a glossary as TBX-Basic, concepts in the order given. Concepts without any term are
/// left out (a TBX entry needs one); contexts go with the first term of their language.
pub fn write_with(g: &Glossary, version: Version, opts: &WriteOptions) -> String {
    let g = &util::canonical(g);
    let n = names(version);
    let mut w = W { out: String::new() };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        // No DOCTYPE: a parser that loads external DTDs (jing, Xerces) would then need the DTD
        // beside the file; validate with `xmllint --dtdvalid TBXBasiccoreStructV02.dtd` instead.
        Version::V2008 => w.open(0, "martif type=\"TBX-Basic\" xml:lang=\"en\""),
        Version::V2019 => w.open(
            0,
            &format!(
                "tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"{}\"",
                TBX_NS
            ),
        ),
    }
    w.open(1, n.header);
    w.open(2, "fileDesc");
    w.open(3, "titleStmt");
    w.leaf(4, "title", "", "English–Russian glossary");
    w.close(3, "titleStmt");
    w.open(3, "sourceDesc");
    w.leaf(
        4,
        "p",
        "",
        &format!("Exported by termtool {}", env!("CARGO_PKG_VERSION")),
    );
    w.close(3, "sourceDesc");
    w.close(2, "fileDesc");
    if version == Version::V2008 {
        w.open(2, "encodingDesc");
        w.leaf(3, "p", " type=\"XCSURI\"", "TBXBasicXCSV02.xcs");
        w.close(2, "encodingDesc");
    }
    if let Some(d) = opts.date {
        w.open(2, "revisionDesc");
        w.open(3, "change");
        w.leaf(
            4,
            "p",
            "",
            &format!("{}: exported by termtool", util::iso_date(d)),
        );
        w.close(3, "change");
        w.close(2, "revisionDesc");
    }
    w.close(1, n.header);
    let concepts: Vec<&Concept> = g.concepts.iter().filter(|c| util::has_terms(c)).collect();
    if concepts.is_empty() && version == Version::V2019 {
        // The 2019 core structure allows a text without a body; 2008 needs a body.
        w.out.push_str("  <text/>\n");
    } else {
        w.open(1, "text");
        w.open(2, "body");
        let ids = util::unique_xml_ids(concepts.iter().map(|c| c.id.as_str()));
        for (c, id) in concepts.iter().zip(&ids) {
            write_concept(&mut w, version, c, id);
        }
        w.close(2, "body");
        w.close(1, "text");
    }
    w.close(0, n.root);
    w.out
}

fn write_concept(w: &mut W, v: Version, c: &Concept, id: &str) {
    let n = names(v);
    w.open(3, &format!("{} id=\"{}\"", n.entry, escape_attr(id)));
    let conf = util::confidence_str(c.confidence);
    w.leaf(
        4,
        "admin",
        " type=\"source\"",
        &annotation(&[("origin", c.origin.as_str()), ("confidence", &conf)]),
    );
    if let Some(note) = c.note.as_deref().filter(|s| !s.is_empty()) {
        w.leaf(4, "note", "", note);
    }
    for (side, terms) in [("en", &c.en), ("ru", &c.ru)] {
        let mut terms = util::written_terms(terms).peekable();
        if terms.peek().is_none() {
            continue;
        }
        w.open(4, &format!("{} xml:lang=\"{}\"", n.lang, side));
        for (i, t) in terms.enumerate() {
            w.open(5, n.term);
            w.leaf(6, "term", "", &t.text);
            w.leaf(6, "termNote", " type=\"termType\"", t.term_type.as_str());
            let allowed: &[&str] = if v == Version::V2008 {
                &POS_2008
            } else {
                &POS_2019
            };
            let mut notes: Vec<(&str, &str)> = Vec::new();
            if !t.pos.is_empty() {
                if allowed.contains(&t.pos.as_str()) {
                    w.leaf(6, "termNote", " type=\"partOfSpeech\"", &t.pos);
                } else {
                    w.leaf(6, "termNote", " type=\"partOfSpeech\"", "other");
                    notes.push(("pos", &t.pos));
                }
            }
            w.leaf(
                6,
                "termNote",
                " type=\"administrativeStatus\"",
                status_value(t.status),
            );
            if i == 0 {
                for ctx in c
                    .contexts
                    .iter()
                    .filter(|x| util::lang_side(&x.lang) == Some(side))
                {
                    w.open(6, "descripGrp");
                    w.leaf(7, "descrip", " type=\"context\"", &ctx.text);
                    if !ctx.doc.is_empty() {
                        w.leaf(7, "admin", " type=\"source\"", &ctx.doc);
                    }
                    w.close(6, "descripGrp");
                }
            }
            if let Some(vi) = &t.variant_of {
                notes.push(("variant", &vi.kind));
                if !vi.evidence.is_empty() {
                    notes.push(("evidence", &vi.evidence));
                }
            }
            if !notes.is_empty() {
                w.leaf(6, "admin", " type=\"source\"", &annotation(&notes));
            }
            w.close(5, n.term);
        }
        w.close(4, n.lang);
    }
    w.close(3, n.entry);
}

fn status_value(s: Status) -> &'static str {
    match s {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
    }
}

/// An indenting XML writer for the fixed shapes above.
struct W {
    out: String,
}

impl W {
    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }
    /// `<tag_and_attrs>` on its own line; `tag_and_attrs` is already escaped.
    fn open(&mut self, depth: usize, tag_and_attrs: &str) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(tag_and_attrs);
        self.out.push_str(">\n");
    }
    fn close(&mut self, depth: usize, name: &str) {
        self.indent(depth);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }
    /// `<name attrs>text</name>`; `attrs` is already escaped, `text` is escaped here.
    fn leaf(&mut self, depth: usize, name: &str, attrs: &str, text: &str) {
        self.indent(depth);
        self.out.push_str(&format!(
            "<{}{}>{}</{}>\n",
            name,
            attrs,
            escape_text(&util::nfc(text)),
            name
        ));
    }
}

/// Read a TBX file (see [`read`]).
pub fn read_file(path: &Path) -> Result<Glossary> {
    let bytes = crate::text::read::read_bytes(path)?;
    read(&bytes, path)
}

/// Read the English–Russian concepts of a TBX file, 2008 (`<martif>`) or 2019 (`<tbx>`) by the
/// root element. `path` is for error messages. See the module documentation for what is
/// accepted and refused; an error returns nothing of the file.
pub fn read(bytes: &[u8], path: &Path) -> Result<Glossary> {
    let text = xmltree::decode(bytes, path)?;
    let root = xmltree::parse(&text, path)?;
    let version = match root.name.as_str() {
        "martif" => Version::V2008,
        "tbx" if root.ns.is_empty() || root.ns == TBX_NS => Version::V2019,
        _ => {
            return Err(Error::at_line(
                path,
                root.line,
                format!("not a TBX file: the root element is <{}>; expected <martif> (TBX 2008) or <tbx xmlns=\"{}\"> (TBX 2019)", root.qname, TBX_NS),
            ))
        }
    };
    let basic = root
        .attr("type")
        .is_some_and(|t| t.eq_ignore_ascii_case("TBX-Basic"));
    let style = root.attr("style").unwrap_or("");
    let v = Validator {
        path,
        version,
        basic,
        ns: root.ns.clone(),
        dct: style == "dct",
        ids: collect_ids(&root),
    };
    if version == Version::V2019 && !style.is_empty() && style != "dca" && style != "dct" {
        return Err(Error::at_line(
            path,
            root.line,
            format!(
                "<tbx style=\"{}\">; expected style=\"dca\" or \"dct\"",
                style
            ),
        ));
    }
    v.check(&root, &mut Vec::new())?;
    to_glossary(&root, &v)
}

/// The TBX version of a document by its root element, if it looks like TBX at all (for picking a
/// reader; [`read`] decides for itself).
pub fn sniff(bytes: &[u8]) -> Option<Version> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).replace('\0', "");
    if !head
        .trim_start_matches(['\u{FEFF}', '\u{FFFD}'])
        .trim_start()
        .starts_with('<')
    {
        return None;
    }
    if head.contains("<martif") {
        Some(Version::V2008)
    } else if head.contains("<tbx") {
        Some(Version::V2019)
    } else {
        None
    }
}

fn collect_ids(root: &Element) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if let Some(id) = e.attr("id") {
            ids.insert(id.to_string());
        }
        stack.extend(e.children.iter());
    }
    ids
}

// ---------------------------------------------------------------------------------------------
// Structure: the content models of the TBX core structure (2008 DTD and 2019 RNG), slightly
// lenient where real files differ harmlessly (an empty body, header elements in either order).

/// One step of a content model: one of `names`, at least `min` times, at most once unless `many`.
struct Group {
    names: &'static [&'static str],
    min: usize,
    many: bool,
}

const fn one(names: &'static [&'static str]) -> Group {
    Group {
        names,
        min: 1,
        many: false,
    }
}
const fn opt(names: &'static [&'static str]) -> Group {
    Group {
        names,
        min: 0,
        many: false,
    }
}
const fn star(names: &'static [&'static str]) -> Group {
    Group {
        names,
        min: 0,
        many: true,
    }
}
const fn plus(names: &'static [&'static str]) -> Group {
    Group {
        names,
        min: 1,
        many: true,
    }
}

const AUX: &[&str] = &[
    "descrip",
    "descripGrp",
    "admin",
    "adminGrp",
    "transacGrp",
    "note",
    "ref",
    "xref",
];
const NOTE_LINK: &[&str] = &["admin", "adminGrp", "transacGrp", "note", "ref", "xref"];
/// Inline markup allowed in text (2008: hi, foreign, bpt, ept, ph; 2019: hi, foreign, sc, ec, ph).
const INLINE: &[&str] = &["hi", "foreign", "bpt", "ept", "ph", "sc", "ec"];
/// Elements holding text.
const MIXED: &[&str] = &[
    "term",
    "termNote",
    "descrip",
    "descripNote",
    "admin",
    "adminNote",
    "transac",
    "transacNote",
    "date",
    "note",
    "ref",
    "xref",
    "termComp",
    "hi",
    "foreign",
    "bpt",
    "ept",
    "ph",
    "sc",
    "ec",
    "p",
    "title",
    "item",
];
/// Core elements TBX-Basic 2008 leaves out (its DTD comments them out).
const NOT_BASIC_2008: &[&str] = &[
    "ntig",
    "termGrp",
    "termNoteGrp",
    "termCompList",
    "termComp",
    "termCompGrp",
    "adminGrp",
    "adminNote",
    "descripNote",
];
/// Elements whose `type` attribute names a data category and is required.
const TYPED: &[&str] = &[
    "descrip",
    "descripNote",
    "admin",
    "adminNote",
    "termNote",
    "transac",
    "transacNote",
    "ref",
    "termCompList",
    "refObjectList",
    "refObjectSec",
];

static M_ENTRY_2008: [Group; 2] = [star(AUX), plus(&["langSet"])];
static M_ENTRY_2019: [Group; 2] = [star(AUX), plus(&["langSec"])];
static M_LANGSET: [Group; 2] = [star(AUX), plus(&["tig", "ntig"])];
static M_LANGSEC: [Group; 2] = [star(AUX), plus(&["termSec"])];
static M_TIG: [Group; 3] = [one(&["term"]), star(&["termNote"]), star(AUX)];
static M_NTIG: [Group; 2] = [one(&["termGrp"]), star(AUX)];
static M_TERMGRP: [Group; 3] = [
    one(&["term"]),
    star(&["termNote", "termNoteGrp"]),
    star(&["termCompList"]),
];
static M_TERMSEC: [Group; 3] = [
    one(&["term"]),
    star(&["termNote", "termNoteGrp"]),
    star(AUX),
];
static M_TERMNOTEGRP: [Group; 2] = [one(&["termNote"]), star(NOTE_LINK)];
static M_TERMCOMPLIST: [Group; 2] = [star(AUX), plus(&["termComp", "termCompGrp"])];
static M_TERMCOMPGRP: [Group; 3] = [
    one(&["termComp"]),
    star(&["termNote", "termNoteGrp"]),
    star(NOTE_LINK),
];
static M_DESCRIPGRP: [Group; 2] = [
    one(&["descrip"]),
    star(&[
        "descripNote",
        "admin",
        "adminGrp",
        "transacGrp",
        "note",
        "ref",
        "xref",
    ]),
];
static M_ADMINGRP: [Group; 2] = [one(&["admin"]), star(&["adminNote", "note", "ref", "xref"])];
static M_TRANSACGRP: [Group; 2] = [
    one(&["transac"]),
    star(&["transacNote", "date", "note", "ref", "xref"]),
];
static M_MARTIF: [Group; 2] = [one(&["martifHeader"]), one(&["text"])];
static M_TBX: [Group; 2] = [one(&["tbxHeader"]), one(&["text"])];
static M_HEADER: [Group; 3] = [
    one(&["fileDesc"]),
    opt(&["encodingDesc"]),
    opt(&["revisionDesc"]),
];
static M_FILEDESC: [Group; 2] = [
    star(&["titleStmt", "publicationStmt"]),
    plus(&["sourceDesc"]),
];
static M_TITLESTMT: [Group; 2] = [one(&["title"]), star(&["note"])];
static M_PS: [Group; 1] = [plus(&["p"])];
static M_REVISION: [Group; 1] = [plus(&["change"])];
static M_TEXT_2008: [Group; 2] = [one(&["body"]), opt(&["back"])];
static M_TEXT_2019: [Group; 2] = [opt(&["body"]), opt(&["back"])];
static M_BODY_2008: [Group; 1] = [star(&["termEntry"])];
static M_BODY_2019: [Group; 1] = [star(&["conceptEntry"])];
static M_BACK_2008: [Group; 1] = [star(&["refObjectList"])];
static M_BACK_2019: [Group; 1] = [star(&["refObjectSec"])];
static M_REFOBJLIST: [Group; 1] = [plus(&["refObject"])];
static M_REFOBJ: [Group; 1] = [plus(&["itemSet", "itemGrp", "item"])];
static M_ITEMSET: [Group; 1] = [plus(&["item", "itemGrp"])];
static M_ITEMGRP: [Group; 2] = [one(&["item"]), star(NOTE_LINK)];

/// The content model of a TBX element, None for text elements and unknown names.
fn model(v: Version, name: &str) -> Option<&'static [Group]> {
    let v08 = v == Version::V2008;
    Some(match name {
        "termEntry" if v08 => &M_ENTRY_2008,
        "conceptEntry" if !v08 => &M_ENTRY_2019,
        "langSet" if v08 => &M_LANGSET,
        "langSec" if !v08 => &M_LANGSEC,
        "tig" if v08 => &M_TIG,
        "ntig" if v08 => &M_NTIG,
        "termGrp" if v08 => &M_TERMGRP,
        "termSec" if !v08 => &M_TERMSEC,
        "termNoteGrp" => &M_TERMNOTEGRP,
        "termCompList" if v08 => &M_TERMCOMPLIST,
        "termCompGrp" if v08 => &M_TERMCOMPGRP,
        "descripGrp" => &M_DESCRIPGRP,
        "adminGrp" => &M_ADMINGRP,
        "transacGrp" => &M_TRANSACGRP,
        "martif" if v08 => &M_MARTIF,
        "tbx" if !v08 => &M_TBX,
        "martifHeader" if v08 => &M_HEADER,
        "tbxHeader" if !v08 => &M_HEADER,
        "fileDesc" => &M_FILEDESC,
        "titleStmt" => &M_TITLESTMT,
        "publicationStmt" | "sourceDesc" | "encodingDesc" | "change" => &M_PS,
        "revisionDesc" => &M_REVISION,
        "text" if v08 => &M_TEXT_2008,
        "text" => &M_TEXT_2019,
        "body" if v08 => &M_BODY_2008,
        "body" => &M_BODY_2019,
        "back" if v08 => &M_BACK_2008,
        "back" => &M_BACK_2019,
        "refObjectList" if v08 => &M_REFOBJLIST,
        "refObjectSec" if !v08 => &M_REFOBJLIST,
        "refObject" => &M_REFOBJ,
        "itemSet" => &M_ITEMSET,
        "itemGrp" => &M_ITEMGRP,
        _ => return None,
    })
}

fn describe(groups: &[Group]) -> String {
    let parts: Vec<String> = groups
        .iter()
        .map(|g| {
            let names: Vec<String> = g.names.iter().map(|n| format!("<{}>", n)).collect();
            let mut s = names.join(" | ");
            if names.len() > 1 && (g.many || g.min == 0) {
                s = format!("({})", s);
            }
            match (g.min, g.many) {
                (0, true) => s.push('*'),
                (1, true) => s.push('+'),
                (0, false) => s.push('?'),
                _ => {}
            }
            s
        })
        .collect();
    parts.join(", ")
}

// ---------------------------------------------------------------------------------------------
// TBX-Basic: which data categories, where, with which values.

/// A TBX-Basic data category: element, type, the levels it may appear at (empty: any), the
/// values it may take (empty: free text).
struct Cat {
    elem: &'static str,
    typ: &'static str,
    levels: &'static [&'static str],
    values: &'static [&'static str],
}

const ADMN_STS: &[&str] = &[
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
];
const GENDER: &[&str] = &["masculine", "feminine", "neuter", "other"];
const TERM_TYPE: &[&str] = &[
    "fullForm",
    "acronym",
    "abbreviation",
    "shortForm",
    "variant",
    "phrase",
];
const TRANSAC: &[&str] = &["origination", "modification"];
const TERM_LOCATION_2019: &[&str] = &[
    "checkBox",
    "comboBox",
    "comboBoxElement",
    "dialogBox",
    "groupBox",
    "informativeMessage",
    "interactiveMessage",
    "menuItem",
    "progressBar",
    "pushButton",
    "radioButton",
    "slider",
    "spinBox",
    "tab",
    "tableText",
    "textBox",
    "toolTip",
    "user-definedType",
];

/// TBX-Basic 2008: the RNG's type lists and the Schematron rules embedded in it.
const CATS_2008: &[Cat] = &[
    Cat {
        elem: "admin",
        typ: "customerSubset",
        levels: &["tig"],
        values: &[],
    },
    Cat {
        elem: "admin",
        typ: "projectSubset",
        levels: &["tig"],
        values: &[],
    },
    Cat {
        elem: "admin",
        typ: "source",
        levels: &[],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "context",
        levels: &["tig"],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "definition",
        levels: &["termEntry", "langSet"],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "subjectField",
        levels: &["termEntry"],
        values: &[],
    },
    Cat {
        elem: "ref",
        typ: "crossReference",
        levels: &["termEntry", "tig"],
        values: &[],
    },
    Cat {
        elem: "termNote",
        typ: "administrativeStatus",
        levels: &[],
        values: ADMN_STS,
    },
    Cat {
        elem: "termNote",
        typ: "geographicalUsage",
        levels: &[],
        values: &[],
    },
    Cat {
        elem: "termNote",
        typ: "grammaticalGender",
        levels: &[],
        values: GENDER,
    },
    Cat {
        elem: "termNote",
        typ: "partOfSpeech",
        levels: &[],
        values: &POS_2008,
    },
    Cat {
        elem: "termNote",
        typ: "termLocation",
        levels: &[],
        values: &[],
    },
    Cat {
        elem: "termNote",
        typ: "termType",
        levels: &[],
        values: TERM_TYPE,
    },
    Cat {
        elem: "transac",
        typ: "transactionType",
        levels: &[],
        values: TRANSAC,
    },
    Cat {
        elem: "transacNote",
        typ: "responsibility",
        levels: &[],
        values: &[],
    },
    Cat {
        elem: "xref",
        typ: "externalCrossReference",
        levels: &[],
        values: &[],
    },
    Cat {
        elem: "xref",
        typ: "xGraphic",
        levels: &[],
        values: &[],
    },
];

/// TBX-Basic 2019, DCA style: the rules of TBX-Basic_DCA.sch.
const CATS_2019: &[Cat] = &[
    Cat {
        elem: "admin",
        typ: "customerSubset",
        levels: &["conceptEntry", "termSec"],
        values: &[],
    },
    Cat {
        elem: "admin",
        typ: "projectSubset",
        levels: &["conceptEntry", "termSec"],
        values: &[],
    },
    Cat {
        elem: "admin",
        typ: "source",
        levels: &["conceptEntry", "langSec", "termSec"],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "subjectField",
        levels: &["conceptEntry"],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "context",
        levels: &["termSec"],
        values: &[],
    },
    Cat {
        elem: "descrip",
        typ: "definition",
        levels: &["conceptEntry", "langSec"],
        values: &[],
    },
    Cat {
        elem: "ref",
        typ: "crossReference",
        levels: &["conceptEntry", "termSec"],
        values: &[],
    },
    Cat {
        elem: "termNote",
        typ: "administrativeStatus",
        levels: &["termSec"],
        values: ADMN_STS,
    },
    Cat {
        elem: "termNote",
        typ: "partOfSpeech",
        levels: &["termSec"],
        values: &POS_2019,
    },
    Cat {
        elem: "termNote",
        typ: "geographicalUsage",
        levels: &["termSec"],
        values: &[],
    },
    Cat {
        elem: "termNote",
        typ: "grammaticalGender",
        levels: &["termSec"],
        values: GENDER,
    },
    Cat {
        elem: "termNote",
        typ: "termLocation",
        levels: &["termSec"],
        values: TERM_LOCATION_2019,
    },
    Cat {
        elem: "termNote",
        typ: "termType",
        levels: &["termSec"],
        values: TERM_TYPE,
    },
    Cat {
        elem: "transac",
        typ: "transactionType",
        levels: &["conceptEntry", "langSec", "termSec"],
        values: TRANSAC,
    },
    Cat {
        elem: "transacNote",
        typ: "responsibility",
        levels: &["conceptEntry", "langSec", "termSec"],
        values: &[],
    },
    Cat {
        elem: "xref",
        typ: "externalCrossReference",
        levels: &["conceptEntry", "langSec", "termSec"],
        values: &[],
    },
    Cat {
        elem: "xref",
        typ: "xGraphic",
        levels: &["conceptEntry", "langSec"],
        values: &[],
    },
];

struct Validator<'a> {
    path: &'a Path,
    version: Version,
    /// The root says `type="TBX-Basic"`: its data categories are checked.
    basic: bool,
    /// The namespace of the document's TBX elements.
    ns: String,
    /// 2019 DCT style: elements of other namespaces stand for data categories.
    dct: bool,
    ids: std::collections::HashSet<String>,
}

impl Validator<'_> {
    fn err(&self, e: &Element, msg: impl Into<String>) -> Error {
        Error::at_line(self.path, e.line, msg)
    }

    fn foreign(&self, e: &Element) -> bool {
        e.ns != self.ns
    }

    /// Check `e` and everything under it; `ancestors` are the names of its ancestors.
    fn check<'e>(&self, e: &'e Element, ancestors: &mut Vec<&'e str>) -> Result<()> {
        let v08 = self.version == Version::V2008;
        if self.basic && v08 && NOT_BASIC_2008.contains(&e.name.as_str()) {
            return Err(self.err(e, format!("<{}> is not part of TBX-Basic; expected <tig> with <term> and <termNote> (or declare type=\"TBX\" on <martif>)", e.qname)));
        }
        if TYPED.contains(&e.name.as_str()) {
            match e.attr("type") {
                None => {
                    return Err(self.err(
                        e,
                        format!(
                        "<{}> has no type attribute; expected the data category, e.g. type=\"{}\"",
                        e.qname,
                        example_type(&e.name)
                    ),
                    ))
                }
                Some(t) if t.trim().is_empty() => {
                    return Err(self.err(
                        e,
                        format!("<{}> has an empty type; expected a data category", e.qname),
                    ))
                }
                _ => {}
            }
        }
        if matches!(e.name.as_str(), "langSet" | "langSec")
            && e.lang().is_none_or(|l| l.trim().is_empty())
        {
            return Err(self.err(e, format!("<{}> has no xml:lang; expected the language of its terms, e.g. xml:lang=\"en\"", e.qname)));
        }
        if self.basic {
            self.check_basic(e, ancestors)?;
        }
        if MIXED.contains(&e.name.as_str()) {
            for c in &e.children {
                if !self.foreign(c) && !INLINE.contains(&c.name.as_str()) {
                    return Err(self.err(c, format!("<{}> inside <{}>; expected text there (with inline <hi> or <foreign> at most)", c.qname, e.qname)));
                }
            }
        } else if let Some(groups) = model(self.version, &e.name) {
            if let Some(l) = e.stray_text {
                return Err(Error::at_line(
                    self.path,
                    l,
                    format!(
                        "text directly inside <{}>; expected only elements there: {}",
                        e.qname,
                        describe(groups)
                    ),
                ));
            }
            let kids: Vec<&Element> = e.children.iter().filter(|c| !self.foreign(c)).collect();
            self.match_model(e, groups, &kids)?;
        } else if !self.foreign(e) {
            let what = if v08 { "TBX 2008" } else { "TBX 2019" };
            return Err(self.err(
                e,
                format!("unknown element <{}>; expected a {} element", e.qname, what),
            ));
        }
        ancestors.push(&e.name);
        for c in &e.children {
            if self.foreign(c) {
                if self.basic && !self.dct {
                    return Err(self.err(c, format!("<{}> is from namespace {:?}; TBX-Basic in DCA style allows only TBX elements", c.qname, c.ns)));
                }
                continue;
            }
            self.check(c, ancestors)?;
        }
        ancestors.pop();
        Ok(())
    }

    fn match_model(&self, e: &Element, groups: &[Group], kids: &[&Element]) -> Result<()> {
        let (mut gi, mut count) = (0usize, 0usize);
        for (k, c) in kids.iter().enumerate() {
            let name = c.name.as_str();
            loop {
                if gi == groups.len() {
                    return Err(self.unexpected(e, groups, kids, k));
                }
                let g = &groups[gi];
                if g.names.contains(&name) && (g.many || count == 0) {
                    count += 1;
                    break;
                }
                if count < g.min {
                    return Err(self.unexpected(e, groups, kids, k));
                }
                gi += 1;
                count = 0;
            }
        }
        while gi < groups.len() {
            if count < groups[gi].min {
                let names: Vec<String> = groups[gi]
                    .names
                    .iter()
                    .map(|n| format!("<{}>", n))
                    .collect();
                return Err(self.err(
                    e,
                    format!(
                        "<{}> has no {}; expected {}",
                        e.qname,
                        names.join(" or "),
                        describe(groups)
                    ),
                ));
            }
            gi += 1;
            count = 0;
        }
        Ok(())
    }

    /// The error for child `k` of `e`, which does not fit `e`'s content model.
    fn unexpected(&self, e: &Element, groups: &[Group], kids: &[&Element], k: usize) -> Error {
        let c = kids[k];
        let name = c.name.as_str();
        let known = model(self.version, name).is_some() || MIXED.contains(&name);
        let allowed = groups.iter().any(|g| g.names.contains(&name));
        let msg = if !known {
            format!(
                "unknown element <{}> in <{}>; expected {}",
                c.qname,
                e.qname,
                describe(groups)
            )
        } else if allowed && k > 0 {
            format!(
                "<{}> after <{}> in <{}>; expected the order {}",
                c.qname,
                kids[k - 1].qname,
                e.qname,
                describe(groups)
            )
        } else if allowed {
            format!(
                "<{}> out of place in <{}>; expected {}",
                c.qname,
                e.qname,
                describe(groups)
            )
        } else {
            format!(
                "<{}> is not allowed in <{}>; expected {}",
                c.qname,
                e.qname,
                describe(groups)
            )
        };
        self.err(c, msg)
    }

    fn check_basic(&self, e: &Element, ancestors: &[&str]) -> Result<()> {
        let v08 = self.version == Version::V2008;
        let cats = if v08 { CATS_2008 } else { CATS_2019 };
        let name = e.name.as_str();
        if e.name == "tbx"
            && !v08
            && e.attr("style") != Some("dca")
            && e.attr("style") != Some("dct")
        {
            return Err(self.err(
                e,
                "<tbx type=\"TBX-Basic\"> has no style; expected style=\"dca\"",
            ));
        }
        if !v08 {
            if let Some(t) = e.attr("target") {
                let ok = (t.starts_with("http://") && t.len() > 7)
                    || (t.starts_with("https://") && t.len() > 8)
                    || self.ids.contains(t);
                if !ok {
                    return Err(self.err(e, format!("target {:?} of <{}> is neither an id in this file nor an http(s) URI; expected one of them", t, e.qname)));
                }
            }
        }
        let mut kinds = cats.iter().filter(|c| c.elem == name).peekable();
        if kinds.peek().is_none() {
            return Ok(());
        }
        let typ = e.attr("type").unwrap_or("");
        let Some(cat) = cats.iter().find(|c| c.elem == name && c.typ == typ) else {
            let allowed: Vec<&str> = cats
                .iter()
                .filter(|c| c.elem == name)
                .map(|c| c.typ)
                .collect();
            return Err(self.err(e, format!("<{} type=\"{}\"> is not a TBX-Basic data category; expected type to be one of {}", e.qname, typ, allowed.join(", "))));
        };
        if !cat.values.is_empty() && !cat.values.contains(&e.text.as_str()) {
            return Err(self.err(
                e,
                format!(
                    "{} {:?} is not a TBX-Basic value; expected one of {}",
                    typ,
                    e.text,
                    cat.values.join(", ")
                ),
            ));
        }
        if !cat.levels.is_empty() {
            // The level is the parent, or the grandparent through a *Grp (not a transacGrp, except
            // for the transaction categories that live in one).
            let parent = ancestors.last().copied().unwrap_or("");
            let level = if parent.ends_with("Grp")
                && (parent != "transacGrp" || name.starts_with("transac"))
            {
                ancestors
                    .len()
                    .checked_sub(2)
                    .map(|i| ancestors[i])
                    .unwrap_or("")
            } else {
                parent
            };
            if !cat.levels.contains(&level) {
                let lv: Vec<String> = cat.levels.iter().map(|l| format!("<{}>", l)).collect();
                return Err(self.err(
                    e,
                    format!(
                        "{} in <{}>; TBX-Basic expects it in {} only",
                        typ,
                        parent,
                        lv.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn example_type(name: &str) -> &'static str {
    match name {
        "termNote" => "partOfSpeech",
        "descrip" => "context",
        "admin" => "source",
        "transac" => "transactionType",
        "transacNote" => "responsibility",
        "ref" => "crossReference",
        _ => "…",
    }
}

// ---------------------------------------------------------------------------------------------
// Mapping a checked tree to concepts.

/// What a concept entry gives while it is read.
#[derive(Default)]
struct Entry {
    en: Vec<Term>,
    ru: Vec<Term>,
    contexts: Vec<Context>,
    notes: Vec<String>,
    confidence: Option<f64>,
    origin: Option<Origin>,
}

fn to_glossary(root: &Element, v: &Validator) -> Result<Glossary> {
    let mut g = Glossary::default();
    let entry_name = names(v.version).entry;
    let mut entries = 0usize;
    let mut body_line = root.line;
    let mut ids = super::util::SeenIds::default();
    for text in root.children.iter().filter(|e| e.name == "text") {
        for body in text.children.iter().filter(|e| e.name == "body") {
            body_line = body.line;
            for e in body
                .children
                .iter()
                .filter(|e| e.name == entry_name && !v.foreign(e))
            {
                entries += 1;
                if let Some(id) = e.attr("id").map(str::trim).filter(|s| !s.is_empty()) {
                    ids.check(id, e.line)
                        .map_err(|m| Error::at_line(v.path, e.line, m))?;
                }
                if let Some(c) = read_entry(e, v)? {
                    g.concepts.push(c);
                }
            }
        }
    }
    if entries > 0 && g.concepts.is_empty() {
        return Err(Error::at_line(
            v.path,
            body_line,
            format!("none of the {} entries has an English or Russian term; expected xml:lang=\"en\" or \"ru\" (en-US, ru-RU, … count too)", entries),
        ));
    }
    Ok(g)
}

fn read_entry(e: &Element, v: &Validator) -> Result<Option<Concept>> {
    let mut en = Entry::default();
    for c in &e.children {
        match c.name.as_str() {
            "admin" => read_admin_annotation(c, v, &mut en, None)?,
            "note" => note(&mut en, &c.text),
            "langSet" | "langSec" => {
                let Some(side) = c.lang().and_then(util::lang_side) else {
                    continue;
                };
                for t in &c.children {
                    match t.name.as_str() {
                        "note" => note(&mut en, &t.text),
                        "tig" | "ntig" | "termSec" => read_term(t, side, v, &mut en)?,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if en.en.is_empty() && en.ru.is_empty() {
        return Ok(None);
    }
    let id = match e.attr("id").map(str::trim).filter(|s| !s.is_empty()) {
        Some(id) => id.to_string(),
        None => super::concept_id(
            en.en.first().map_or("", |t| t.text.as_str()),
            en.ru.first().map_or("", |t| t.text.as_str()),
        ),
    };
    let note = if en.notes.is_empty() {
        None
    } else {
        Some(en.notes.join("\n"))
    };
    let confidence = en
        .confidence
        .or_else(|| en.notes.iter().find_map(|n| util::confidence_in_note(n)))
        .unwrap_or(1.0);
    Ok(Some(Concept {
        id,
        en: en.en,
        ru: en.ru,
        contexts: en.contexts,
        confidence,
        origin: en.origin.unwrap_or(Origin::Imported),
        note,
    }))
}

fn note(en: &mut Entry, text: &str) {
    if !text.is_empty() {
        en.notes.push(text.to_string());
    }
}

/// A termtool annotation in `<admin type="source">`: at concept level (`term` None) origin and
/// confidence, at term level part of speech and variant. Other sources are not termtool's.
fn read_admin_annotation(
    c: &Element,
    v: &Validator,
    en: &mut Entry,
    term: Option<&mut Term>,
) -> Result<()> {
    if c.attr("type") != Some("source") {
        return Ok(());
    }
    let Some(pairs) = parse_annotation(&c.text) else {
        return Ok(());
    };
    match term {
        None => {
            if let Some(o) = util::get(&pairs, "origin") {
                en.origin = Some(Origin::parse(o).ok_or_else(|| {
                    v.err(
                        c,
                        format!("origin {:?}; expected extracted, curated or imported", o),
                    )
                })?);
            }
            if let Some(x) = util::get(&pairs, "confidence") {
                let f = x.parse::<f64>().ok().filter(|f| (0.0..=1.0).contains(f));
                en.confidence = Some(f.ok_or_else(|| {
                    v.err(
                        c,
                        format!("confidence {:?}; expected a number from 0 to 1", x),
                    )
                })?);
            }
        }
        Some(t) => {
            if let Some(p) = util::get(&pairs, "pos") {
                t.pos = p.to_string();
            }
            if let Some(vi) = util::variant_from(&pairs) {
                t.variant_of = Some(vi);
            }
        }
    }
    Ok(())
}

fn read_term(t: &Element, side: &str, v: &Validator, en: &mut Entry) -> Result<()> {
    // tig / termSec hold term and termNotes; ntig holds them in a termGrp.
    let holder = if t.name == "ntig" {
        t.children.iter().find(|c| c.name == "termGrp").unwrap_or(t)
    } else {
        t
    };
    let Some(term_el) = holder.children.iter().find(|c| c.name == "term") else {
        return Ok(());
    };
    let text = term_el.text.clone();
    let mut notes: Vec<(&str, &str)> = Vec::new();
    for c in &holder.children {
        if c.name == "termNote" {
            notes.push((c.attr("type").unwrap_or(""), &c.text));
        } else if c.name == "termNoteGrp" {
            if let Some(n) = c.children.iter().find(|n| n.name == "termNote") {
                notes.push((n.attr("type").unwrap_or(""), &n.text));
            }
        } else if v.dct && v.foreign(c) {
            notes.push((&c.name, &c.text));
        }
    }
    let first = if side == "en" {
        en.en.is_empty()
    } else {
        en.ru.is_empty()
    };
    let mut term = util::plain_term(&text, first);
    for (typ, val) in notes {
        match typ {
            "termType" => term.term_type = term_type_from(val, &text),
            "partOfSpeech" => term.pos = val.to_string(),
            "administrativeStatus" => {
                if let Some(s) = Status::parse(val).or(if val == "obsolete" {
                    Some(Status::Deprecated)
                } else {
                    None
                }) {
                    term.status = s;
                }
            }
            _ => {}
        }
    }
    for c in &t.children {
        match c.name.as_str() {
            "descrip" if c.attr("type") == Some("context") => push_context(en, side, &c.text, ""),
            "descripGrp" => {
                let Some(d) = c.children.iter().find(|d| d.name == "descrip") else {
                    continue;
                };
                if d.attr("type") == Some("context") {
                    let doc = c
                        .children
                        .iter()
                        .find(|a| a.name == "admin" && a.attr("type") == Some("source"))
                        .map_or("", |a| a.text.as_str());
                    push_context(en, side, &d.text, doc);
                }
            }
            "admin" => read_admin_annotation(c, v, en, Some(&mut term))?,
            "note" => note(en, &c.text),
            _ => {}
        }
    }
    if text.is_empty() {
        return Ok(());
    }
    if side == "en" {
        en.en.push(term);
    } else {
        en.ru.push(term);
    }
    Ok(())
}

fn push_context(en: &mut Entry, side: &str, text: &str, doc: &str) {
    if !text.is_empty() {
        en.contexts.push(Context {
            lang: side.to_string(),
            text: text.to_string(),
            doc: doc.to_string(),
        });
    }
}

/// A term type from TBX's value (TBX-Basic's and a few of full TBX's), else a guess.
fn term_type_from(val: &str, text: &str) -> TermType {
    TermType::parse(val).unwrap_or_else(|| match val {
        "initialism" => TermType::Acronym,
        "clippedTerm" => TermType::ShortForm,
        "transliteratedForm" | "transcribedForm" => TermType::Variant,
        _ => util::guess_term_type(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<Glossary> {
        read(s.as_bytes(), Path::new("g.tbx"))
    }

    fn sample() -> Glossary {
        let t = |text: &str, tt, status, pos: &str| Term {
            text: text.into(),
            term_type: tt,
            pos: pos.into(),
            status,
            variant_of: None,
        };
        let mut variant = t("UNCTO", TermType::Variant, Status::Deprecated, "properNoun");
        variant.variant_of = Some(super::super::VariantInfo {
            kind: "typo".into(),
            evidence: "UNCTO ~ UNOCT; letters swapped".into(),
        });
        Glossary {
            concepts: vec![Concept {
                id: "c1".into(),
                en: vec![
                    t("UNOCT", TermType::Acronym, Status::Preferred, "properNoun"),
                    variant,
                    t(" spaced\tterm ", TermType::FullForm, Status::Admitted, ""),
                ],
                ru: vec![t("КТУ ООН", TermType::Acronym, Status::Preferred, "phrase")],
                contexts: vec![
                    Context {
                        lang: "en".into(),
                        text: "UNOCT & <friends>\nsecond line".into(),
                        doc: "a.txt".into(),
                    },
                    Context {
                        lang: "ru".into(),
                        text: "КТУ ООН".into(),
                        doc: "".into(),
                    },
                ],
                confidence: 0.93,
                origin: Origin::Extracted,
                note: Some("a \"note\"".into()),
            }],
        }
    }

    #[test]
    fn round_trip_both_versions() {
        for v in [Version::V2008, Version::V2019] {
            let g = sample();
            let s = write_with(&g, v, &WriteOptions::default());
            let back = read_str(&s).unwrap_or_else(|e| panic!("{e}\n{s}"));
            assert_eq!(back, g, "{s}");
            assert_eq!(write_with(&back, v, &WriteOptions::default()), s);
        }
    }

    #[test]
    fn date_only_when_asked() {
        let g = sample();
        assert!(!write_with(&g, Version::V2008, &WriteOptions::default()).contains("revisionDesc"));
        let s = write_with(
            &g,
            Version::V2019,
            &WriteOptions {
                date: Some(1_646_352_000),
            },
        );
        assert!(s.contains("<p>2022-03-04: exported by termtool</p>"), "{s}");
        assert_eq!(read_str(&s).unwrap(), g);
    }

    #[test]
    fn refuses_with_lines() {
        let base = write_with(&sample(), Version::V2008, &WriteOptions::default());
        let bad = base.replace(">acronym<", ">initialism<");
        let e = read_str(&bad).unwrap_err().to_string();
        assert!(
            e.contains("termType \"initialism\" is not a TBX-Basic value"),
            "{e}"
        );
        let line = bad.lines().position(|l| l.contains("initialism")).unwrap() + 1;
        assert!(e.starts_with(&format!("g.tbx:{}:", line)), "{e}");
        let truncated = &base[..base.len() / 2];
        let e = read_str(truncated).unwrap_err().to_string();
        assert!(
            e.contains("unexpected end of file") || e.contains("malformed XML"),
            "{e}"
        );
        let e = read_str("<html/>").unwrap_err().to_string();
        assert!(e.contains("not a TBX file"), "{e}");
    }
}
