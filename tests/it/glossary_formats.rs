//! Glossary formats (issue 3, item 6): TBX-Basic 2008 and 2019, termtool CSV, OmegaT TSV.
//!
//! Written files are checked by the tools that define or consume the formats: jing and xmllint
//! (TBX-Basic RNG and DTD, OmegaT's XSD, the TBX 2019 core RNG), the TBX-Basic DCA Schematron
//! rules (read from the official .sch and checked here in Rust, as `xmllint --schematron` cannot
//! compile them), and translate-toolkit. Then export → import → export must give the same
//! bytes, and broken or truncated files must be refused with file and line.

use crate::common::{assert_error_naming, finished, formats, json, run};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use termtool::glossary::io::{self, Format};
use termtool::glossary::{
    concept_id, tbx, Concept, Context, Glossary, Origin, Status, Term, TermType, VariantInfo,
};

fn term(text: &str, term_type: TermType, pos: &str, status: Status) -> Term {
    Term {
        text: text.into(),
        term_type,
        pos: pos.into(),
        status,
        variant_of: None,
    }
}

fn ctx(lang: &str, text: &str, doc: &str) -> Context {
    Context {
        lang: lang.into(),
        text: text.into(),
        doc: doc.into(),
    }
}

/// A small glossary with what the formats must carry: synonyms, a typo variant with evidence,
/// contexts, notes with markup characters and line breaks, all origins.
fn sample() -> Glossary {
    let mut uncto = term("UNCTO", TermType::Variant, "properNoun", Status::Deprecated);
    uncto.variant_of = Some(VariantInfo {
        kind: "typo".into(),
        evidence: "UNCTO ~ UNOCT: letters transposed; seen once".into(),
    });
    let mut jpoa = term("JPoA", TermType::Variant, "noun", Status::Admitted);
    jpoa.variant_of = Some(VariantInfo {
        kind: "case".into(),
        evidence: String::new(),
    });
    let mut g = Glossary {
        concepts: vec![
            Concept {
                id: concept_id("UNOCT", "КТУ ООН"),
                en: vec![
                    term("UNOCT", TermType::Acronym, "properNoun", Status::Preferred),
                    term(
                        "United Nations Office of Counter-Terrorism",
                        TermType::FullForm,
                        "properNoun",
                        Status::Admitted,
                    ),
                    uncto,
                ],
                ru: vec![
                    term(
                        "КТУ ООН",
                        TermType::Acronym,
                        "properNoun",
                        Status::Preferred,
                    ),
                    term(
                        "Контртеррористическое управление ООН",
                        TermType::FullForm,
                        "properNoun",
                        Status::Admitted,
                    ),
                ],
                contexts: vec![
                    ctx(
                        "en",
                        "UNOCT and ISRS signed a memorandum in Tashkent.",
                        "tashkent-conference-2022.en-ru.txt",
                    ),
                    ctx("en", "The UNCTO delegation arrived.", "un-news.en.txt"),
                    ctx(
                        "ru",
                        "КТУ ООН и ИСМИ подписали меморандум.",
                        "tashkent-conference-2022.en-ru.txt",
                    ),
                ],
                confidence: 0.93,
                origin: Origin::Extracted,
                note: Some("Established in 2017 (A/RES/71/291).".into()),
            },
            Concept {
                id: concept_id("Joint Plan of Action", "Совместный план действий"),
                en: vec![
                    term(
                        "Joint Plan of Action",
                        TermType::FullForm,
                        "noun",
                        Status::Preferred,
                    ),
                    term("JPOA", TermType::Acronym, "noun", Status::Admitted),
                    jpoa,
                ],
                ru: vec![term(
                    "Совместный план действий",
                    TermType::FullForm,
                    "noun",
                    Status::Preferred,
                )],
                contexts: vec![ctx("en", "the Joint Plan of Action for Central Asia", "")],
                confidence: 1.0,
                origin: Origin::Curated,
                note: None,
            },
            Concept {
                id: concept_id("Centre", "центр"),
                en: vec![
                    term("Centre", TermType::FullForm, "", Status::Preferred),
                    term("Center", TermType::Variant, "", Status::Admitted),
                ],
                ru: vec![term("центр", TermType::FullForm, "", Status::Preferred)],
                contexts: vec![ctx(
                    "en",
                    "tabs\tand  double spaces | pipes & <angles> \"quotes\"\nand a second line",
                    "odd doc, name.txt",
                )],
                confidence: 0.5,
                origin: Origin::Imported,
                note: Some("line one\nline two: a | b & <c>".into()),
            },
        ],
    };
    g.normalize();
    g
}

/// Write `g` in `format` to `dir`; returns the path.
fn write_to(dir: &Path, g: &Glossary, format: Format) -> PathBuf {
    let name = match format {
        Format::Tbx => "glossary.tbx",
        Format::Tbx2019 => "glossary.2019.tbx",
        Format::Csv => "glossary.csv",
        Format::Tsv => "glossary.tsv",
    };
    let p = dir.join(name);
    std::fs::write(&p, io::write(g, format)).unwrap();
    p
}

/// A temporary directory for written files (nothing else in it: the files must stand alone).
fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The path of a required command-line tool, or a failure that says how to install it.
fn require(tool: &str, package: &str) -> &'static str {
    let ok = Command::new(tool)
        .arg(if tool == "jing" { "-h" } else { "--version" })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    assert!(
        ok,
        "{tool} is not installed: apt-get install -y {package} (.ci/run does this)"
    );
    Box::leak(tool.to_string().into_boxed_str())
}

/// Run a validator; fail with its output unless it succeeds.
fn validate(what: &str, cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn tbx2008_is_valid_tbx_basic_and_omegat_tbx() {
    let dir = workdir();
    let f = write_to(dir.path(), &sample(), Format::Tbx);
    let jing = require("jing", "jing");
    let xmllint = require("xmllint", "libxml2-utils");
    let rng = formats("tbx/2008-basic/TBXBasicRNGV02.rng");
    validate("jing (TBX-Basic RNG)", Command::new(jing).arg(&rng).arg(&f));
    validate(
        "xmllint --relaxng (TBX-Basic RNG)",
        Command::new(xmllint)
            .args(["--noout", "--relaxng"])
            .arg(&rng)
            .arg(&f),
    );
    validate(
        "xmllint --dtdvalid (TBX-Basic DTD)",
        Command::new(xmllint)
            .args(["--noout", "--dtdvalid"])
            .arg(formats("tbx/2008-basic/TBXBasiccoreStructV02.dtd"))
            .arg(&f),
    );
    validate(
        "xmllint --schema (OmegaT's TBX XSD)",
        Command::new(xmllint)
            .args(["--noout", "--schema"])
            .arg(formats("tbx/omegat/omegat-tbx.xsd"))
            .arg(&f),
    );
    // The rules the RNG carries as embedded Schematron (jing does not run them).
    let text = std::fs::read_to_string(&f).unwrap();
    let doc = Node::parse(&text);
    doc.walk(&mut Vec::new(), &mut |e, anc| {
        let parent = anc.last().map(|p| p.name.as_str()).unwrap_or("");
        let via_grp = if parent.ends_with("Grp") {
            anc.get(anc.len().wrapping_sub(2))
                .map(|p| p.name.as_str())
                .unwrap_or("")
        } else {
            parent
        };
        match (e.name.as_str(), e.attr("type")) {
            ("descrip", Some("context")) => assert_eq!(via_grp, "tig", "context outside tig"),
            ("admin", Some("customerSubset" | "projectSubset")) => assert_eq!(parent, "tig"),
            ("termNote", Some("partOfSpeech")) => assert!(
                ["noun", "verb", "adjective", "adverb", "properNoun", "other"]
                    .contains(&e.text.as_str()),
                "{}",
                e.text
            ),
            ("termNote", Some("administrativeStatus")) => {
                assert!(e.text.ends_with("Term-admn-sts"), "{}", e.text)
            }
            _ => {}
        }
    });
}

#[test]
fn tbx2019_is_valid_core_structure_and_tbx_basic_dca() {
    let dir = workdir();
    let f = write_to(dir.path(), &sample(), Format::Tbx2019);
    let jing = require("jing", "jing");
    validate(
        "jing (TBX 2019 core RNG)",
        Command::new(jing)
            .arg(formats("tbx/2019-core/TBXcoreStructV03.rng"))
            .arg(&f),
    );
    let rules = DcaRules::load();
    let text = std::fs::read_to_string(&f).unwrap();
    let problems = rules.check(&text);
    assert!(
        problems.is_empty(),
        "TBX-Basic DCA rules broken:\n{}\n{}",
        problems.join("\n"),
        text
    );
    // The checker itself: the official valid sample passes, the invalid sample does not.
    let valid = std::fs::read_to_string(formats(
        "tbx/2019-basic-dca/Example_Astronomy_DCA_VALID.tbx",
    ))
    .unwrap();
    assert_eq!(rules.check(&valid), Vec::<String>::new());
    let invalid =
        std::fs::read_to_string(formats("tbx/samples/en-ru_tbx-basic_INVALID.tbx")).unwrap();
    let found = rules.check(&invalid);
    assert!(
        found.iter().any(|p| p.contains("definition"))
            && found.iter().any(|p| p.contains("nominal")),
        "{found:?}"
    );
}

#[test]
#[ignore = "needs python3 with translate-toolkit: .ci/run installs it and runs the external_ tests"]
fn external_translate_toolkit_reads_the_tbx2008_pairs() {
    let script = "import sys, json\n\
                  try:\n    from translate.storage import tbx\n\
                  except ImportError:\n    print('MISSING'); sys.exit(0)\n\
                  f = tbx.tbxfile.parsefile(sys.argv[1])\n\
                  print(json.dumps([[u.source, u.target] for u in f.units], ensure_ascii=False))\n";
    let dir = workdir();
    let f = write_to(dir.path(), &sample(), Format::Tbx);
    let out = match Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&f)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("python3 cannot run ({e}): install python3 and `python3 -m pip install translate-toolkit`"),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.trim() != "MISSING",
        "translate-toolkit is not installed: run `python3 -m pip install translate-toolkit`"
    );
    assert!(
        out.status.success(),
        "translate-toolkit failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairs: Vec<(String, String)> =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let want: Vec<(String, String)> = sample()
        .concepts
        .iter()
        .map(|c| (c.en[0].text.clone(), c.ru[0].text.clone()))
        .collect();
    assert_eq!(pairs, want);
}

#[test]
fn export_import_export_is_byte_identical() {
    let dir = workdir();
    let g = sample();
    for format in Format::ALL {
        let f = write_to(dir.path(), &g, format);
        let first = std::fs::read_to_string(&f).unwrap();
        let back = io::read_any(&f).unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        let again = io::write(&back, format);
        assert_eq!(
            again,
            first,
            "{}: export → import → export differs",
            format.name()
        );
        if matches!(format, Format::Tbx | Format::Tbx2019 | Format::Csv) {
            // These keep everything: the glossary itself comes back.
            assert_eq!(back, g, "{}: the glossary read back differs", format.name());
        } else {
            // OmegaT's TSV keeps the pairs, the note and the variants.
            let c = &back
                .concepts
                .iter()
                .find(|c| c.en[0].text == "UNOCT")
                .unwrap();
            let en: Vec<&str> = c.en.iter().map(|t| t.text.as_str()).collect();
            assert_eq!(
                en,
                [
                    "UNOCT",
                    "United Nations Office of Counter-Terrorism",
                    "UNCTO"
                ]
            );
            assert_eq!(c.ru[1].text, "Контртеррористическое управление ООН");
            assert_eq!(c.en[2].variant_of.as_ref().unwrap().kind, "typo");
            assert_eq!(
                c.note.as_deref(),
                Some("Established in 2017 (A/RES/71/291).")
            );
        }
    }
    // The TSV starts with OmegaT's magic comment and has one line per pair.
    let tsv = io::write(&g, Format::Tsv);
    assert!(tsv.starts_with("# Glossary in tab-separated format -*- coding: utf-8 -*-\n"));
    assert!(
        tsv.contains(
            "UNCTO\tКТУ ООН\tvariant (typo): UNCTO ~ UNOCT: letters transposed; seen once\n"
        ),
        "{tsv}"
    );
}

/// Awkward strings for the generated glossaries below.
const NASTY: &[&str] = &[
    "UNOCT",
    "КТУ ООН",
    " leading",
    "trailing ",
    "  ",
    "",
    "a  b",
    "tab\there",
    "line\nbreak",
    "cr\r\nlf",
    "lone\rcr",
    "pipe | bar",
    "back\\slash",
    "semi; colon",
    "100% sure",
    "termtool: origin=curated",
    "#hashtag",
    "\"quoted\"",
    "a,b",
    "<tag> & amp",
    "ctl\u{1}char",
    "\u{0}",
    "e\u{301}\u{1}\u{301}",
    "ё и е\u{308}",
    "variant (typo): x",
    "kind: ev",
    "x)y",
    "Контртеррористическое управление ООН",
    "\u{FEFF}bom",
    "emoji 😀",
    "=",
    "%3B",
    "a\\|b",
    "\\n",
];

/// A deterministic pseudo-random glossary built from [`NASTY`].
fn generated(seed: u64) -> Glossary {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((x >> 33) as usize) % n
    };
    let types = [
        TermType::FullForm,
        TermType::Acronym,
        TermType::Abbreviation,
        TermType::ShortForm,
        TermType::Variant,
    ];
    let statuses = [Status::Preferred, Status::Admitted, Status::Deprecated];
    let origins = [Origin::Extracted, Origin::Curated, Origin::Imported];
    let pos = [
        "",
        "noun",
        "properNoun",
        "verb",
        "phrase",
        "other",
        "adjective",
    ];
    let mut concepts = Vec::new();
    for _ in 0..1 + next(4) {
        let terms = |next: &mut dyn FnMut(usize) -> usize| -> Vec<Term> {
            (0..next(4))
                .map(|_| {
                    let mut t = term(
                        NASTY[next(NASTY.len())],
                        types[next(5)],
                        pos[next(pos.len())],
                        statuses[next(3)],
                    );
                    if next(3) == 0 {
                        t.variant_of = Some(VariantInfo {
                            kind: NASTY[next(NASTY.len())].into(),
                            evidence: NASTY[next(NASTY.len())].into(),
                        });
                    }
                    t
                })
                .collect()
        };
        let en = terms(&mut next);
        let ru = terms(&mut next);
        let contexts = (0..next(3))
            .map(|_| {
                ctx(
                    ["en", "ru", "fr", "EN-us", ""][next(5)],
                    NASTY[next(NASTY.len())],
                    NASTY[next(NASTY.len())],
                )
            })
            .collect();
        // awkward ids, but each once: a file holding an id twice is refused (issue 10)
        let id = [NASTY[next(NASTY.len())].to_string(), concept_id("a", "b")][next(2)].clone();
        let id = if concepts.iter().any(|c: &Concept| c.id == id) {
            format!("{id}{}", concepts.len())
        } else {
            id
        };
        concepts.push(Concept {
            id,
            en,
            ru,
            contexts,
            confidence: [0.0, 0.25, 1.0, 0.123456789, f64::NAN, 2.0][next(6)],
            origin: origins[next(3)],
            note: [None, Some(NASTY[next(NASTY.len())].to_string())][next(2)].clone(),
        });
    }
    Glossary { concepts }
}

#[test]
fn awkward_glossaries_round_trip_byte_identical() {
    let seeds: u64 = std::env::var("TERMTOOL_FUZZ_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let dir = workdir();
    let rules = DcaRules::load();
    let (mut v2008, mut v2019) = (Vec::new(), Vec::new());
    for seed in 0..seeds {
        let g = generated(seed);
        for format in Format::ALL {
            let first = io::write(&g, format);
            let f = write_to(dir.path(), &g, format);
            let back = io::read_any(&f)
                .unwrap_or_else(|e| panic!("seed {seed}, {}: {e}\n{first}", format.name()));
            let again = io::write(&back, format);
            assert_eq!(
                again,
                first,
                "seed {seed}, {}: export → import → export differs\n{g:?}",
                format.name()
            );
            if format == Format::Tbx2019 {
                let problems = rules.check(&first);
                assert!(problems.is_empty(), "seed {seed}: {problems:?}\n{first}");
            }
            // Keep some TBX files for the schema validators below.
            if seed < 40 && !back.concepts.is_empty() {
                let keep = dir.path().join(format!("{seed}.{}.tbx", format.name()));
                match format {
                    Format::Tbx => v2008.push(keep.clone()),
                    Format::Tbx2019 => v2019.push(keep.clone()),
                    _ => continue,
                }
                std::fs::rename(&f, &keep).unwrap();
            }
        }
    }
    let jing = require("jing", "jing");
    validate(
        "jing (TBX-Basic RNG) on generated files",
        Command::new(jing)
            .arg(formats("tbx/2008-basic/TBXBasicRNGV02.rng"))
            .args(&v2008),
    );
    validate(
        "jing (TBX 2019 core RNG) on generated files",
        Command::new(jing)
            .arg(formats("tbx/2019-core/TBXcoreStructV03.rng"))
            .args(&v2019),
    );
    let xmllint = require("xmllint", "libxml2-utils");
    validate(
        "xmllint --dtdvalid on generated files",
        Command::new(xmllint)
            .args(["--noout", "--dtdvalid"])
            .arg(formats("tbx/2008-basic/TBXBasiccoreStructV02.dtd"))
            .args(&v2008),
    );
    validate(
        "xmllint --schema (OmegaT) on generated files",
        Command::new(xmllint)
            .args(["--noout", "--schema"])
            .arg(formats("tbx/omegat/omegat-tbx.xsd"))
            .args(&v2008),
    );
}

#[test]
fn output_is_deterministic_and_dated_only_by_source_date_epoch() {
    let g = sample();
    for format in Format::ALL {
        assert_eq!(io::write(&g, format), io::write(&g.clone(), format));
    }
    let plain = tbx::write_with(&g, tbx::Version::V2008, &tbx::WriteOptions::default());
    assert!(!plain.contains("revisionDesc"));
    let dated = tbx::write_with(
        &g,
        tbx::Version::V2008,
        &tbx::WriteOptions {
            date: Some(1_646_352_000),
        },
    );
    assert!(dated.contains("<p>2022-03-04: exported by termtool</p>"));
}

/// The line of the first line of `file` containing `needle` (1-based).
fn line_of(file: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {}", file.display()))
        + 1
}

#[test]
fn broken_tbx_files_are_refused_with_file_and_line() {
    // (file, a text on the line the error must name (or on the line before it: +1), what the
    // message must say)
    let cases = [
        (
            "tbx/2008-basic/tbx_basic_sample_badattribute.tbx",
            "<admin type=\"origin\">",
            0,
            "origin",
        ),
        (
            "tbx/2008-basic/tbx_basic_sample_badelement.tbx",
            "<transaction type=",
            0,
            "unknown element <transaction>",
        ),
        (
            "tbx/2008-basic/tbx_basic_sample_badelementcontent.tbx",
            ">preposition<",
            0,
            "preposition",
        ),
        (
            "tbx/2008-basic/tbx_basic_sample_badelementorder.tbx",
            "<termNote type=\"termLocation\">menuItem",
            0,
            "after <descripGrp>",
        ),
        (
            "tbx/2008-basic/tbx_basic_sample_notwellformed.tbx",
            "<date>2007-07-23",
            1,
            "malformed XML",
        ),
        (
            "tbx/samples/en-ru_tbx-basic_INVALID.tbx",
            "nominal",
            0,
            "expected",
        ),
    ];
    for (rel, on_line, plus, says) in cases {
        let f = formats(rel);
        let err = io::read_any(&f).expect_err(rel).to_string();
        let line = line_of(&f, on_line) + plus;
        let prefix = format!("{}:{}: ", f.display(), line);
        assert!(
            err.starts_with(&prefix),
            "{rel}: expected {prefix:?}…, got {err:?}"
        );
        assert!(
            err.contains(says) && err.contains("expected"),
            "{rel}: {err}"
        );
    }
}

#[test]
fn truncated_files_are_refused_and_give_nothing() {
    let dir = workdir();
    let g = sample();
    for format in [Format::Tbx, Format::Tbx2019] {
        let full = io::write(&g, format);
        for cut in [
            full.len() / 5,
            full.len() / 2,
            full.len() * 4 / 5,
            full.len() - 10,
        ] {
            let mut cut = cut;
            while !full.is_char_boundary(cut) {
                cut -= 1;
            }
            let f = dir.path().join("cut.tbx");
            std::fs::write(&f, &full[..cut]).unwrap();
            let err = io::read_any(&f)
                .expect_err("a truncated TBX must be refused")
                .to_string();
            let prefix = format!("{}:", f.display());
            let rest = &err[prefix.len()..];
            assert!(
                err.starts_with(&prefix)
                    && rest.split(':').next().unwrap().parse::<usize>().is_ok(),
                "{err}"
            );
            assert!(err.contains("expected"), "{err}");
        }
    }
    // Well-formed but not TBX, and not XML at all.
    let f = dir.path().join("x.tbx");
    std::fs::write(&f, "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n").unwrap();
    assert!(io::read_any(&f)
        .unwrap_err()
        .to_string()
        .contains(":2: not a TBX file"));
    std::fs::write(&f, "UNOCT\tКТУ ООН\n").unwrap();
    assert!(io::read_any(&f)
        .unwrap_err()
        .to_string()
        .contains("x.tbx:1: "));
}

#[test]
fn tbx_from_other_tools_is_read() {
    // termtool-shaped samples from the fixtures.
    let g = io::read_any(&formats("tbx/samples/en-ru_tbx-basic-2008_min.tbx")).unwrap();
    let c = &g.concepts[0];
    assert_eq!(
        (c.en[0].text.as_str(), c.ru[0].text.as_str()),
        ("UNOCT", "КТУ ООН")
    );
    assert_eq!(c.en[1].term_type, TermType::FullForm);
    assert_eq!(c.confidence, 0.93);
    assert_eq!(
        c.contexts[0],
        ctx(
            "en",
            "UNOCT supports Member States in implementing the Strategy.",
            ""
        )
    );
    let g = io::read_any(&formats("tbx/samples/en-ru_tbx-basic_min.tbx")).unwrap();
    assert_eq!(g.concepts.len(), 2);
    assert_eq!(
        g.concepts[0].ru[1].text,
        "Контртеррористическое управление Организации Объединенных Наций"
    );
    // Official samples in other languages: English terms are kept, French, German, Hungarian,
    // Spanish and Zulu are not.
    for (rel, first_en) in [
        ("tbx/2008-basic/TBX-basic-sample.tbx", "e-mail"),
        ("glossary-tsv/sampleTBXfile.tbx", "alpha smoothing factor"),
        ("tbx/2019-basic-dca/Example_Astronomy_DCA_VALID.tbx", ""),
    ] {
        let g = io::read_any(&formats(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(!g.concepts.is_empty(), "{rel}");
        assert!(g.concepts.iter().all(|c| c.ru.is_empty()), "{rel}");
        if !first_en.is_empty() {
            assert_eq!(g.concepts[0].en[0].text, first_en, "{rel}");
        }
    }
    let g = io::read_any(&formats("tbx/2008-basic/TBX-basic-sample.tbx")).unwrap();
    let c6 = g.concepts.iter().find(|c| c.id == "c6").unwrap();
    // Layout whitespace inside a context is folded.
    assert_eq!(c6.contexts[0].text, "Users and applications interface with the federated database managed by the federated server.");
    // Regional language tags map to English and Russian.
    let dir = workdir();
    let f = dir.path().join("regional.tbx");
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>another tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <langSet xml:lang="EN-US"><ntig><termGrp><term>memorandum of understanding</term></termGrp></ntig></langSet>
      <langSet xml:lang="ru-RU"><tig><term>меморандум о взаимопонимании</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
      <langSet xml:lang="de-DE"><tig><term>Absichtserklärung</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>"#;
    std::fs::write(&f, xml).unwrap();
    let g = io::read_any(&f).unwrap();
    let c = &g.concepts[0];
    assert_eq!(
        (c.id.as_str(), c.en[0].text.as_str(), c.ru[0].text.as_str()),
        (
            "t1",
            "memorandum of understanding",
            "меморандум о взаимопонимании"
        )
    );
    assert_eq!(
        (c.en[0].status, c.ru[0].status, c.origin, c.confidence),
        (Status::Preferred, Status::Admitted, Origin::Imported, 1.0)
    );
    // UTF-16 with a BOM.
    let mut utf16 = vec![0xFF, 0xFE];
    xml.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
        .encode_utf16()
        .for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    std::fs::write(&f, utf16).unwrap();
    assert_eq!(io::read_any(&f).unwrap(), g);
}

#[test]
fn omegat_glossary_files_are_read() {
    let dir = formats("glossary-tsv");
    let read = |name: &str| io::read_any(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let pairs = |g: &Glossary| -> Vec<(String, String, Option<String>)> {
        g.concepts
            .iter()
            .flat_map(|c| {
                let note = c.note.clone();
                std::iter::once((c.en[0].text.clone(), c.ru[0].text.clone(), note))
            })
            .collect()
    };
    assert!(read("empty.txt").concepts.is_empty());
    assert!(read("test-magiccomment.tab").concepts.is_empty());
    assert!(read("test-magiccomment-bom.tab").concepts.is_empty());
    let tab = read("test.tab");
    assert_eq!(pairs(&tab)[0], ("kde".into(), "koo moo".into(), None));
    assert_eq!(
        pairs(&tab)[2].2.as_deref(),
        Some("https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre")
    );
    assert_eq!(tab.concepts.len(), 4);
    let utf16 = read("testUTF16LE.txt");
    assert_eq!(
        pairs(&utf16),
        [
            (
                "UTF".to_string(),
                "Unicode Transformation Format".to_string(),
                Some("Comment #1".to_string())
            ),
            (
                "LE".to_string(),
                "Little Endian".to_string(),
                Some("Comment #2".to_string())
            ),
        ]
    );
    // OmegaT's CSV glossary (no header): source, target, comment with CSV quoting.
    let csv = read("test.csv");
    let got = pairs(&csv);
    assert_eq!(got[0], ("kde".into(), "csv kde".into(), None));
    assert!(
        got.contains(&("kde, qu".into(), "comma dot".into(), None)),
        "{got:?}"
    );
    assert!(
        got.contains(&("\"kde\",\"q\"".into(), "cdk".into(), None)),
        "{got:?}"
    );
    assert!(got.contains(&("\"\"k".into(), "k".into(), None)), "{got:?}");
    assert!(
        got.contains(&("zz\"zz".into(), "zz".into(), None)),
        "{got:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// A tiny element tree for the checks above (independent of the library's reader).

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn parse(xml: &str) -> Node {
        let mut r = Reader::from_str(xml);
        let mut stack = vec![Node::default()];
        loop {
            match r.read_event().expect("well-formed XML") {
                Event::Start(e) => stack.push(Node::from_start(&e)),
                Event::Empty(e) => {
                    let n = Node::from_start(&e);
                    stack.last_mut().unwrap().children.push(n);
                }
                Event::End(_) => {
                    let n = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(n);
                }
                Event::Text(t) => stack
                    .last_mut()
                    .unwrap()
                    .text
                    .push_str(&t.unescape().unwrap()),
                Event::Eof => break,
                _ => {}
            }
        }
        stack.pop().unwrap().children.pop().expect("a root element")
    }

    fn from_start(e: &quick_xml::events::BytesStart) -> Node {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    quick_xml::escape::unescape(std::str::from_utf8(&a.value).unwrap())
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect();
        Node {
            name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            attrs,
            ..Node::default()
        }
    }

    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.get(k).map(|s| s.as_str())
    }

    fn walk<'a>(&'a self, anc: &mut Vec<&'a Node>, f: &mut dyn FnMut(&'a Node, &[&'a Node])) {
        f(self, anc);
        anc.push(self);
        for c in &self.children {
            c.walk(anc, f);
        }
        anc.pop();
    }
}

/// The rules of TBX-Basic_DCA.sch that apply to what termtool writes, read from the file.
struct DcaRules {
    /// Allowed `type` values per element (`tbx:admin/@type` rules).
    types: BTreeMap<String, BTreeSet<String>>,
    /// Allowed values per (element, type) (`tbx:termNote[@type='partOfSpeech']` rules).
    values: BTreeMap<(String, String), BTreeSet<String>>,
    /// Allowed levels per (element, type) ("may only appear at level(s): …").
    levels: BTreeMap<(String, String), BTreeSet<String>>,
    /// Required attribute values on the root (`attribute::type='TBX-Basic'`).
    root: BTreeMap<String, String>,
}

impl DcaRules {
    fn load() -> DcaRules {
        let sch = std::fs::read_to_string(formats("tbx/2019-basic-dca/TBX-Basic_DCA.sch")).unwrap();
        let doc = Node::parse(sch.trim_start_matches('\u{FEFF}'));
        let mut rules = DcaRules {
            types: BTreeMap::new(),
            values: BTreeMap::new(),
            levels: BTreeMap::new(),
            root: BTreeMap::new(),
        };
        doc.walk(&mut Vec::new(), &mut |n, _| {
            if n.name != "rule" {
                return;
            }
            let context = n.attr("context").unwrap_or("");
            for a in n.children.iter().filter(|a| a.name == "assert") {
                let test = a.attr("test").unwrap_or("");
                let quoted = quoted_after(test, ".='");
                if let Some(elem) = context
                    .strip_prefix("tbx:")
                    .and_then(|c| c.strip_suffix("/@type"))
                {
                    rules
                        .types
                        .entry(elem.to_string())
                        .or_default()
                        .extend(quoted);
                } else if let Some((elem, typ)) = element_and_type(context) {
                    if !quoted.is_empty() {
                        rules
                            .values
                            .entry((elem.clone(), typ.clone()))
                            .or_default()
                            .extend(quoted);
                    }
                    if let Some(i) = a.text.find("level(s): ") {
                        let lv = a.text[i + "level(s): ".len()..]
                            .trim()
                            .split(", ")
                            .map(|s| s.trim().to_string());
                        rules.levels.entry((elem, typ)).or_default().extend(lv);
                    }
                } else if context == "tbx:tbx" {
                    for attr in ["type", "style"] {
                        if let Some(v) = quoted_after(test, &format!("attribute::{}='", attr))
                            .into_iter()
                            .next()
                        {
                            rules.root.insert(attr.to_string(), v);
                        }
                    }
                }
            }
        });
        // The rules this test relies on must have been found in the file.
        assert!(
            rules.types["termNote"].contains("partOfSpeech")
                && rules.types["admin"].contains("source"),
            "{:?}",
            rules.types
        );
        assert!(rules.values[&("termNote".into(), "partOfSpeech".into())].contains("noun"));
        assert!(rules.levels[&("descrip".into(), "context".into())].contains("termSec"));
        assert_eq!(rules.root.get("style").map(|s| s.as_str()), Some("dca"));
        rules
    }

    /// Every rule broken by `xml`, one message each.
    fn check(&self, xml: &str) -> Vec<String> {
        const NS: &str = "urn:iso:std:iso:30042:ed-2";
        let doc = Node::parse(xml.trim_start_matches('\u{FEFF}'));
        let mut out = Vec::new();
        for (k, v) in &self.root {
            if doc.attr(k) != Some(v.as_str()) {
                out.push(format!("<tbx> needs {k}=\"{v}\""));
            }
        }
        if doc.attr("xmlns") != Some(NS) {
            out.push("the root is not in the TBX namespace".into());
        }
        let mut ids = BTreeSet::new();
        doc.walk(&mut Vec::new(), &mut |n, _| {
            if let Some(id) = n.attr("id") {
                ids.insert(id.to_string());
            }
        });
        doc.walk(&mut Vec::new(), &mut |n, anc| {
            let name = n.name.as_str();
            if name.contains(':') {
                out.push(format!(
                    "<{name}>: elements of other namespaces are not allowed in DCA style"
                ));
            }
            let parent = anc.last().map(|p| p.name.as_str()).unwrap_or("");
            if name == "termNote"
                && !(parent == "termSec"
                    || (parent == "termNoteGrp" && anc[anc.len() - 2].name == "termSec"))
            {
                out.push(format!("termNote in <{parent}>"));
            }
            if let Some(t) = n.attr("target") {
                if !(t.starts_with("http://") || t.starts_with("https://") || ids.contains(t)) {
                    out.push(format!("target {t:?} is neither an id nor an http(s) URI"));
                }
            }
            let Some(typ) = n.attr("type") else { return };
            if typ.is_empty() {
                out.push(format!("<{name}> has an empty type"));
            }
            if let Some(allowed) = self.types.get(name) {
                if !allowed.contains(typ) {
                    out.push(format!(
                        "<{name} type={typ:?}> is not a TBX-Basic data category"
                    ));
                }
            }
            let key = (name.to_string(), typ.to_string());
            if let Some(values) = self.values.get(&key) {
                if !values.contains(&n.text) {
                    out.push(format!("{typ} {:?} is not an allowed value", n.text));
                }
            }
            if let Some(levels) = self.levels.get(&key) {
                let level = if ["conceptEntry", "langSec", "termSec"].contains(&parent)
                    || !parent.contains("Grp")
                {
                    parent
                } else {
                    anc.get(anc.len().wrapping_sub(2))
                        .map(|p| p.name.as_str())
                        .unwrap_or("")
                };
                if !levels.contains(level) {
                    out.push(format!(
                        "{typ} ({name}) at level <{level}>, allowed: {levels:?}"
                    ));
                }
            }
        });
        out
    }
}

/// The quoted values following each occurrence of `marker` (which ends with a quote).
fn quoted_after(s: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(marker) {
        rest = &rest[i + marker.len()..];
        if let Some(end) = rest.find('\'') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// `tbx:termNote[@type='partOfSpeech']` → ("termNote", "partOfSpeech").
fn element_and_type(context: &str) -> Option<(String, String)> {
    let rest = context.strip_prefix("tbx:")?;
    let (elem, rest) = rest.split_once("[@type='")?;
    let typ = rest.strip_suffix("']")?;
    Some((elem.to_string(), typ.to_string()))
}

/// Every prefix of a written file, cut at every byte (inside characters too): no panic; TBX and
/// TMX cut before their root closes are refused with the file and a line; a CSV or TSV cut is
/// either refused (inside quotes, inside a character) or read as the rows it still holds, never
/// with more terms than the whole file.
#[test]
fn files_cut_at_every_byte_are_refused_or_read_as_what_they_hold() {
    let dir = workdir();
    let g = sample();
    let pairs = vec![
        (
            "Joint Plan of Action".to_string(),
            "Совместный план действий".to_string(),
        ),
        (
            "rule of law <b>".to_string(),
            "верховенство права & закон".to_string(),
        ),
    ];
    let mut files: Vec<(&str, Vec<u8>)> = [
        (Format::Tbx, "cut.tbx"),
        (Format::Tbx2019, "cut.tbx"),
        (Format::Csv, "cut.csv"),
        (Format::Tsv, "cut.tsv"),
    ]
    .into_iter()
    .map(|(f, name)| (name, io::write(&g, f).into_bytes()))
    .collect();
    files.push((
        "cut.tmx",
        termtool::memory::tmx::write_pairs(&pairs).into_bytes(),
    ));
    let whole_terms = |g: &Glossary| {
        g.concepts
            .iter()
            .map(|c| c.en.len() + c.ru.len())
            .sum::<usize>()
    };
    for (name, full) in &files {
        let path = dir.path().join(name);
        let xml = !name.ends_with(".csv") && !name.ends_with(".tsv");
        let root_closed = full.iter().rposition(|&b| b == b'>').unwrap_or(0);
        for cut in 0..full.len() {
            let bytes = &full[..cut];
            let result = std::panic::catch_unwind(|| {
                if name.ends_with(".tmx") {
                    termtool::memory::tmx::read_tmx(bytes, &path).map(|p| p.len())
                } else {
                    io::read_bytes(bytes, &path).map(|g| whole_terms(&g))
                }
            });
            let result = result.unwrap_or_else(|_| panic!("{name} cut at byte {cut}: panic"));
            match result {
                Err(e) => {
                    let e = e.to_string();
                    assert!(
                        e.starts_with(&format!("{}", path.display())) && !e.contains('\n'),
                        "{name} cut at byte {cut}: {e}"
                    );
                }
                Ok(n) => {
                    assert!(
                        !xml || cut > root_closed,
                        "{name} cut at byte {cut}: accepted"
                    );
                    let whole = if name.ends_with(".tmx") {
                        pairs.len()
                    } else {
                        whole_terms(&g)
                    };
                    assert!(n <= whole, "{name} cut at byte {cut}: {n} > {whole}");
                }
            }
        }
    }
}

/// Issue 13: `termtool import` takes the OmegaT glossary `termtool export --format tsv` writes
/// (it was read as a memory and refused), and the pairs come back.
#[test]
fn the_exported_omegat_glossary_imports_again() {
    let dir = workdir();
    let export = |db: &str, out: &str| {
        run([
            "--db",
            dir.path().join(db).to_str().unwrap(),
            "export",
            "--format",
            "tsv",
            "-o",
            dir.path().join(out).to_str().unwrap(),
        ])
        .ok();
        std::fs::read_to_string(dir.path().join(out)).unwrap()
    };
    let import = |db: &str, file: &str| {
        run([
            "--db",
            dir.path().join(db).to_str().unwrap(),
            "import",
            dir.path().join(file).to_str().unwrap(),
        ])
        .ok()
    };
    // a workspace built from the repository's glossary/ on first use
    run([
        "--db",
        dir.path().join("a.sqlite").to_str().unwrap(),
        "lookup",
        "UNOCT",
    ])
    .ok();
    let first = export("a.sqlite", "a.tsv");
    let r = import("b.sqlite", "a.tsv");
    assert!(r.out().contains("omegat-tsv"), "{}", r.out());
    let second = export("b.sqlite", "b.tsv");
    let sorted = |t: &str| {
        let mut v: Vec<String> = t.lines().map(str::to_string).collect();
        v.sort();
        v
    };
    assert_eq!(
        sorted(&second),
        sorted(&first),
        "the pairs differ after a round trip"
    );
    import("c.sqlite", "b.tsv");
    assert_eq!(
        export("c.sqlite", "c.tsv"),
        second,
        "a second round trip is not byte-identical"
    );
}

/// Issue 13: Excel workbooks as Phrase and memoQ users exchange term bases. termtool's own
/// export imports again with every pair, the same bytes each time; a workbook laid out as Phrase
/// writes it (one row per term, rows sharing an entry ID, language codes as headers) imports too.
#[test]
fn xlsx_glossaries_export_and_import() {
    let dir = workdir();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    run(["--db", &p("a.sqlite"), "lookup", "UNOCT"]).ok();
    for out in ["a.xlsx", "a2.xlsx"] {
        let args = [
            "--db",
            &p("a.sqlite"),
            "export",
            "--format",
            "xlsx",
            "-o",
            &p(out),
        ];
        run(args).ok();
    }
    assert_eq!(
        std::fs::read(p("a.xlsx")).unwrap(),
        std::fs::read(p("a2.xlsx")).unwrap()
    );
    let r = run(["--db", &p("b.sqlite"), "import", &p("a.xlsx")]).ok();
    assert!(r.out().contains("xlsx"), "{}", r.out());
    let pairs = |db: &str| {
        let out = run(["--db", &p(db), "export", "--format", "tsv"])
            .ok()
            .out();
        // the pairs (a variant's kind and evidence, OmegaT's third column, is not in a workbook)
        let mut v: Vec<String> = out
            .lines()
            .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        pairs("b.sqlite"),
        pairs("a.sqlite"),
        "pairs lost in the workbook"
    );

    // Phrase's layout
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Entry_ID", "en", "ru", "Definition"],
        ["1", "rule of law", "верховенство права", "ISO 704"],
        ["1", "", "господство права", ""],
        ["2", "Joint Plan of Action", "Совместный план действий", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(p("phrase.xlsx")).unwrap();
    run(["--db", &p("c.sqlite"), "import", &p("phrase.xlsx")]).ok();
    let v = json(
        &run(["--db", &p("c.sqlite"), "lookup", "rule of law", "--json"])
            .ok()
            .stdout,
    );
    assert_eq!(
        v["glossary"][0]["ru"],
        serde_json::json!(["верховенство права", "господство права"]),
        "{v}"
    );
    // a workbook that unpacks beyond the input limit is refused before it is unpacked
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "en").unwrap();
    sheet.write_string(0, 1, "ru").unwrap();
    for r in 1..3000u32 {
        sheet
            .write_string(r, 0, format!("term {r} {}", "x".repeat(400)))
            .unwrap();
        sheet.write_string(r, 1, format!("термин {r}")).unwrap();
    }
    book.save(p("big.xlsx")).unwrap();
    let r = finished(
        crate::common::termtool()
            .args(["--db", &p("e.sqlite"), "import", &p("big.xlsx")])
            .env("TERMTOOL_MAX_INPUT_MB", "1")
            .output()
            .unwrap(),
    );
    assert_error_naming(&r, &dir.path().join("big.xlsx"));
    assert!(
        r.stderr.contains("unpacks to more than 1 MiB"),
        "{}",
        r.stderr
    );
    // a workbook without a language header is refused, naming the file and line 1
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Term").unwrap();
    book.save(p("bad.xlsx")).unwrap();
    let r = run(["--db", &p("d.sqlite"), "import", &p("bad.xlsx")]);
    assert_error_naming(&r, &dir.path().join("bad.xlsx"));
}
