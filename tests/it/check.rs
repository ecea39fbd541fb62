//! Issue 13: `termtool check`, terminology QA through the binary: a translation with known
//! errors (a missing term, a correct inflection, a deprecated term, a changed number, an
//! inconsistent repeat), the output forms, the exit codes and bad input.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// An OmegaT glossary (English, tab, Russian): each entry approved, since a person gave it.
const GLOSSARY: &str = "Joint Plan of Action\tСовместный план действий\n\
rule of law\tверховенство права\n";

fn tmx(pairs: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"t\"/><body>\n",
    );
    for (en, ru) in pairs {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{en}</seg></tuv><tuv xml:lang=\"ru\"><seg>{ru}</seg></tuv></tu>\n"
        ));
    }
    s.push_str("</body></tmx>\n");
    s
}

fn check(dir: &Path, file: &Path, extra: &[&str]) -> Run {
    let glossary = dir.join("glossary.utf8");
    std::fs::write(&glossary, GLOSSARY).unwrap();
    let mut args = vec![
        "--db".to_string(),
        dir.join("ws.sqlite").display().to_string(),
        "check".into(),
        file.display().to_string(),
        "--glossary".into(),
        glossary.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    run(args)
}

#[test]
fn check_finds_what_is_wrong_and_not_what_is_inflected() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.tmx");
    std::fs::write(
        &file,
        tmx(&[
            // inflected: right
            (
                "The Joint Plan of Action was adopted in 2011.",
                "Совместный план действий был принят в 2011 году.",
            ),
            (
                "Progress under the Joint Plan of Action is reviewed.",
                "Ход работы в рамках Совместного плана действий рассматривается.",
            ),
            (
                "It upholds the rule of law.",
                "Оно поддерживает верховенство права.",
            ),
            (
                "Respect for the rule of law matters.",
                "Важно уважение верховенства права.",
            ),
            // a missing term
            (
                "The Joint Plan of Action is ten years old.",
                "Общему плану мероприятий десять лет.",
            ),
            // a changed number
            ("It was signed in 2011.", "Он был подписан в 2012 году."),
            // one source, two translations
            ("Thank you.", "Спасибо."),
            ("Thank you.", "Благодарю."),
        ]),
    )
    .unwrap();
    let r = check(dir.path(), &file, &["--json"]);
    assert_eq!(r.code, Some(1), "errors found: exit 1; {}", r.stderr);
    let v: Value = json(&r.stdout);
    let found: Vec<(u64, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["segment"].as_u64().unwrap(), f["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (4, "missing-term"),
            (5, "numbers"),
            (6, "inconsistent"),
            (7, "inconsistent")
        ],
        "{v}"
    );
    assert_eq!(v["findings"][0]["expected"][0], "Совместный план действий");
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(2), Some(2))
    );

    // the table, the fail-on levels, the HTML report
    let r = check(dir.path(), &file, &["--fail-on", "never"]);
    assert_eq!(r.code, Some(0));
    assert_eq!(r.out().lines().count(), 4, "{}", r.out());
    assert!(r.out().starts_with("segment 5"), "{}", r.out());
    let html = dir.path().join("check.html");
    let r = check(dir.path(), &file, &["--html", html.to_str().unwrap()]);
    assert_eq!(r.code, Some(1));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Общему плану мероприятий") && !page.contains("src=\""));
}

#[test]
fn check_aligns_two_documents_first() {
    let dir = tempfile::tempdir().unwrap();
    let (en, ru) = (dir.path().join("a.en.txt"), dir.path().join("a.ru.txt"));
    std::fs::write(
        &en,
        "The Joint Plan of Action was adopted in 2011.\n\nThe rule of law is its basis.\n",
    )
    .unwrap();
    std::fs::write(
        &ru,
        "Совместный план действий был принят в 2011 году.\n\nЕго основа — законность.\n",
    )
    .unwrap();
    let r = check(
        dir.path(),
        &en,
        &[ru.to_str().unwrap(), "--json", "--fail-on", "warning"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let v: Value = json(&r.stdout);
    assert_eq!(v["segments"], 2);
    let f = &v["findings"][0];
    assert_eq!(
        (f["kind"].as_str(), f["term"].as_str()),
        (Some("missing-term"), Some("rule of law"))
    );
}

#[test]
fn check_refuses_bad_input_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.tmx");
    std::fs::write(&empty, tmx(&[])).unwrap();
    let r = check(dir.path(), &empty, &[]);
    assert_error_naming(&r, &empty);
    let missing = dir.path().join("nowhere.tmx");
    let r = check(dir.path(), &missing, &[]);
    assert_error_naming(&r, &missing);
}

/// XLIFF written by translate-toolkit (`tests/fixtures/xliff/make.py`): imported as a memory in
/// either direction, extracted from, and checked.
#[test]
fn xliff_from_translate_toolkit_imports_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let mut units = Vec::new();
    for name in ["seed.en-ru.xlf", "seed.ru-en.xlf"] {
        let db = dir.path().join(format!("{name}.sqlite"));
        let fixture = root().join("tests/fixtures/xliff").join(name);
        let r = run([
            "--db",
            db.to_str().unwrap(),
            "import",
            "--json",
            fixture.to_str().unwrap(),
        ])
        .ok();
        let v: Value = json(&r.stdout);
        assert_eq!(v["files"][0]["format"], "xliff", "{v}");
        units.push(v["added"].as_u64().unwrap());
        let out = run(["--db", db.to_str().unwrap(), "export", "--format", "tmx"])
            .ok()
            .out();
        assert!(
            out.contains("<seg>On March 3-4, 2022, a high-level"),
            "{name}: English is not the source"
        );
    }
    assert_eq!(units[0], units[1]);
    assert!(units[0] >= 10, "{units:?}");
    // extract reads its pairs as aligned segments
    let xlf = root().join("tests/fixtures/xliff/seed.ru-en.xlf");
    let v: Value = json(
        &run(["extract", xlf.to_str().unwrap(), "--json"])
            .ok()
            .stdout,
    );
    assert!(
        v["concepts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["en"][0]["text"] == "Central Asia"),
        "{v}"
    );
    let r = check(
        dir.path(),
        &root().join("tests/fixtures/xliff/seed.en-ru.xlf"),
        &["--json", "--fail-on", "never"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(json(&r.stdout)["segments"].as_u64(), Some(units[0]));
}
