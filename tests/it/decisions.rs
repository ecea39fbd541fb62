//! People decide: decisions imported into the workspace hold over every later extraction.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("stdout is JSON")
}

/// `termtool --db DB ARGS…`, checked to succeed.
fn ok(db: &Path, args: &[&str]) -> Run {
    let mut a: Vec<&std::ffi::OsStr> = vec!["--db".as_ref(), db.as_os_str()];
    a.extend(args.iter().map(std::ffi::OsStr::new));
    run(a).ok()
}

/// The stored glossary's (en, ru) preferred pairs, through `export --format csv`.
fn stored_pairs(db: &Path) -> Vec<(String, String)> {
    let out = ok(db, &["export", "--format", "csv"]).out();
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (e, r) = (col("en"), col("ru"));
    rdr.records()
        .map(|x| {
            let x = x.unwrap();
            (x[e].to_string(), x[r].to_string())
        })
        .collect()
}

/// Importing a decisions file `text` is refused, naming the file and `line`.
fn import_refused(db: &Path, text: &str, line: usize) {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, text).unwrap();
    let r = run([
        "--db",
        db.to_str().unwrap(),
        "import",
        bad.to_str().unwrap(),
    ]);
    assert_error_naming(&r, &bad);
    assert!(r.stderr.contains(&format!(":{line}")), "{}", r.stderr);
}

fn first_terms(c: &Value) -> (String, String) {
    (
        c["en"][0]["text"].as_str().unwrap().to_string(),
        c["ru"][0]["text"].as_str().unwrap().to_string(),
    )
}

#[test]
fn imported_decisions_hold_over_extraction() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let db = db.as_path();
    let extracted = json(&ok(db, &["extract", SEED, "--save", "--json"]).stdout);
    let concepts: Vec<&Value> = extracted["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["origin"] == "extracted")
        .collect();
    assert!(concepts.len() >= 2, "{}", extracted);
    let rejected = first_terms(concepts[0]);
    let accepted = concepts[1]["id"].as_str().unwrap();
    assert!(stored_pairs(db).contains(&rejected));

    let decisions = d.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        format!(
            "action,id,en,ru,note\nreject,,{},{},not a term\naccept,{},,,\nadd,,test term,тестовый термин,added by a person\n",
            rejected.0, rejected.1, accepted
        ),
    )
    .unwrap();
    let dec = decisions.to_str().unwrap();
    let v = json(&ok(db, &["import", "--json", dec]).stdout);
    assert_eq!(v["files"][0]["kind"], "decisions", "{}", v);
    assert_eq!(v["decisions_read"], 3);
    assert_eq!(v["decisions_added"], 3);
    assert!(v["concepts_changed"].as_u64().unwrap() >= 3, "{}", v);

    let pairs = stored_pairs(db);
    assert!(
        !pairs.contains(&rejected),
        "the rejected pair left the workspace"
    );
    assert!(pairs.contains(&("test term".into(), "тестовый термин".into())));
    let out = ok(db, &["export", "--format", "csv"]).out();
    let row = out
        .lines()
        .find(|l| l.starts_with(accepted))
        .expect("the accepted concept is stored");
    assert!(row.contains(",curated,"), "{}", row);

    // a new extraction, saved, does not bring the rejected pair back
    let again = json(&ok(db, &["extract", SEED, "--save", "--json"]).stdout);
    assert!(!again["concepts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| first_terms(c) == rejected));
    assert!(!stored_pairs(db).contains(&rejected));

    // the same decisions again: nothing new
    let v = json(&ok(db, &["import", "--json", dec]).stdout);
    assert_eq!(v["decisions_added"], 0);

    // a bad row refuses the whole file, naming its line; the workspace is unchanged
    let before = stored_pairs(db);
    import_refused(
        db,
        "action,id,en,ru,note\nadd,,a,б,\napprove,,x,y,\nreject,,test term,тестовый термин,\n",
        3,
    );
    assert_eq!(stored_pairs(db), before);
}

#[test]
fn merge_split_and_prefer_decisions_from_a_csv_hold_over_extraction() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let db = db.as_path();
    let extracted = json(&ok(db, &["extract", SEED, "--save", "--json"]).stdout);
    let concepts = extracted["concepts"].as_array().unwrap();
    let with_variant = concepts
        .iter()
        .find(|c| c["en"].as_array().unwrap().len() >= 2 && c["origin"] == "extracted")
        .expect("an extracted concept with an English variant");
    let (id, variant) = (
        with_variant["id"].as_str().unwrap(),
        with_variant["en"][1]["text"].as_str().unwrap(),
    );
    // two candidates of extraction (glossary/curated.csv decides some others, unsaved)
    let others: Vec<&Value> = concepts
        .iter()
        .filter(|c| c["id"] != with_variant["id"] && c["origin"] == "extracted")
        .collect();
    let (keep, gone) = (
        others[0]["id"].as_str().unwrap(),
        others[1]["id"].as_str().unwrap(),
    );
    let decisions = d.path().join("decisions.csv");
    std::fs::write(
        &decisions,
        format!(
            "action,id,en,ru,note,other\nprefer,{id},\"{variant}\",,,\nmerge,{keep},,,same concept,{gone}\n"
        ),
    )
    .unwrap();
    let v = json(&ok(db, &["import", "--json", decisions.to_str().unwrap()]).stdout);
    assert_eq!(v["decisions_added"], 2, "{v}");
    // and again after a new extraction
    ok(db, &["extract", SEED, "--save", "--json"]);
    let out = ok(db, &["export", "--format", "csv"]).out();
    let row = |id: &str| out.lines().find(|l| l.starts_with(id)).map(str::to_string);
    assert!(
        row(id).is_some_and(|r| r.contains(variant)),
        "the preferred variant: {:?}",
        row(id)
    );
    assert!(row(gone).is_none(), "the merged concept is still there");
    assert!(row(keep).is_some_and(|r| r.contains(",curated,")));

    // a merge without `other` refuses the file, naming the line
    import_refused(db, &format!("action,id,en,ru,note\nmerge,{keep},,,\n"), 2);
}
