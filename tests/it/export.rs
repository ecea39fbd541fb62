//! `termtool export`: the workspace's glossary as TBX 2008/2019, CSV, OmegaT TSV, and its memory
//! as TMX, through the real binary.

use crate::common::{assert_error_naming, assert_no_panic, assert_valid_tmx, run};
use std::path::Path;
use termtool::glossary::io::{self, Format};
use termtool::glossary::{
    concept_id, Concept, Context, Glossary, Origin, Status, Term, TermType, VariantInfo,
};
use termtool::store::{Store, Unit};

fn term(text: &str, term_type: TermType, status: Status) -> Term {
    Term {
        text: text.into(),
        term_type,
        pos: "noun".into(),
        status,
        variant_of: None,
    }
}

/// A workspace with two concepts and two memory units.
fn workspace(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("ws.sqlite");
    let mut store = Store::open(&db).unwrap();
    let mut uncto = term("UNCTO", TermType::Variant, Status::Deprecated);
    uncto.variant_of = Some(VariantInfo {
        kind: "typo".into(),
        evidence: "UNCTO ~ UNOCT".into(),
    });
    let concepts = vec![
        Concept {
            id: concept_id("UNOCT", "КТУ ООН"),
            en: vec![
                term("UNOCT", TermType::Acronym, Status::Preferred),
                term(
                    "United Nations Office of Counter-Terrorism",
                    TermType::FullForm,
                    Status::Admitted,
                ),
                uncto,
            ],
            ru: vec![
                term("КТУ ООН", TermType::Acronym, Status::Preferred),
                term(
                    "Контртеррористическое управление ООН",
                    TermType::FullForm,
                    Status::Admitted,
                ),
            ],
            contexts: vec![Context {
                lang: "en".into(),
                text: "UNOCT and ISRS met in Tashkent.".into(),
                doc: "tashkent.txt".into(),
            }],
            confidence: 0.9,
            origin: Origin::Curated,
            note: Some("checked".into()),
        },
        Concept {
            id: concept_id("Joint Plan of Action", "Совместный план действий"),
            en: vec![term(
                "Joint Plan of Action",
                TermType::FullForm,
                Status::Preferred,
            )],
            ru: vec![term(
                "Совместный план действий",
                TermType::FullForm,
                Status::Preferred,
            )],
            contexts: vec![],
            confidence: 1.0,
            origin: Origin::Imported,
            note: None,
        },
    ];
    store.put_concepts(&concepts).unwrap();
    store
        .add_units(&[
            Unit::new(
                "The conference opened in Tashkent.",
                "Конференция открылась в Ташкенте.",
                "t.tmx",
            ),
            Unit::new("UNOCT & ISRS <signed>", "КТУ ООН и ИСМИ подписали", "t.tmx"),
        ])
        .unwrap();
    db
}

fn stored_glossary(db: &Path) -> Glossary {
    let mut g = Store::open(db).unwrap().glossary().unwrap();
    g.normalize();
    g
}

#[test]
fn glossary_formats_to_file_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let g = stored_glossary(&db);
    assert_eq!(g.concepts.len(), 2);
    for format in Format::ALL {
        let out = dir
            .path()
            .join(format!("g.{}.{}", format.name(), format.extension()));
        let r = run([
            "--db".as_ref(),
            db.as_os_str(),
            "export".as_ref(),
            "--format".as_ref(),
            format.name().as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .ok();
        assert!(r.stdout.is_empty(), "with -o nothing goes to stdout");
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, io::write(&g, format), "{}", format.name());
        // The file reads back into what the workspace holds (TBX and CSV keep everything).
        let back = io::read_any(&out).unwrap();
        if format != Format::Tsv {
            assert_eq!(back, g, "{}", format.name());
        }
        // Without -o the same bytes go to stdout.
        let r = run([
            "export".as_ref(),
            "--format".as_ref(),
            format.name().as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
        ])
        .ok();
        assert_eq!(r.out(), written);
    }
    // Only the written files are left in the directory (the write is atomic, via a temporary).
    let left: Vec<String> = crate::common::entries(dir.path())
        .into_iter()
        .filter(|n| !n.starts_with("ws.sqlite"))
        .collect();
    assert_eq!(
        left,
        ["g.csv.csv", "g.tbx.tbx", "g.tbx2019.tbx", "g.tsv.tsv"]
    );
}

#[test]
fn memory_as_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let out = dir.path().join("memory.tmx");
    run([
        "--db".as_ref(),
        db.as_os_str(),
        "export".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
    .ok();
    assert_valid_tmx(&out);
    let text = std::fs::read_to_string(&out).unwrap();
    let pairs = termtool::memory::tmx::read_tmx(text.as_bytes(), &out).unwrap();
    assert_eq!(
        pairs[1],
        (
            "UNOCT & ISRS <signed>".to_string(),
            "КТУ ООН и ИСМИ подписали".to_string()
        )
    );
}

#[test]
fn output_is_deterministic_and_dated_only_by_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let db = workspace(dir.path());
    let args = [
        "--db".as_ref(),
        db.as_os_str(),
        "export".as_ref(),
        "--format".as_ref(),
        "tbx".as_ref(),
    ];
    let a = run(args).ok().out();
    let b = run(args).ok().out();
    assert_eq!(a, b);
    assert!(!a.contains("revisionDesc"));
    let out = crate::common::termtool()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1646352000")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("2022-03-04: exported by termtool"));
}

#[test]
fn nothing_to_export_exits_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite");
    Store::open(&db).unwrap();
    for format in ["tbx", "tmx"] {
        let out = dir.path().join("out");
        let r = run([
            "--db".as_ref(),
            db.as_os_str(),
            "export".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert_no_panic(&r.stderr);
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        assert!(r.stderr.contains("nothing exported"), "{}", r.stderr);
        assert!(!out.exists());
    }
}

#[test]
fn missing_workspace_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nope.sqlite");
    let r = run([
        "--db".as_ref(),
        db.as_os_str(),
        "export".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_error_naming(&r, &db);
    assert!(!db.exists(), "export must not create a workspace");
    let r = run(["export", "--format", "docx"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("tbx2019"), "{}", r.stderr);
}
