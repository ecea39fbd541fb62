//! `termtool import` and `termtool align --save` through the real binary: the workspace they
//! write (docs/store.md), its all-or-nothing transactions, and the files it refuses.

use crate::common::*;
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The TMX sample folders (fixtures) every memory import must cope with.
fn sample_tmx() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for dir in ["samples", "lisa-compliance-kit"] {
        let d = formats("tmx").join(dir);
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "tmx") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn sample(name: &str) -> PathBuf {
    formats("tmx/samples").join(name)
}

/// A scratch directory and the workspace path inside it.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws").join("workspace.sqlite");
    (d, db)
}

/// `termtool --db DB import ARGS… --json`, checked to succeed, as JSON.
fn import_json(db: &Path, files: &[&Path]) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--db".as_ref(),
        db.as_os_str(),
        "import".as_ref(),
        "--json".as_ref(),
    ];
    args.extend(files.iter().map(|f| f.as_os_str()));
    json(&run(args).ok().stdout)
}

/// `termtool --db DB import FILES…` (text summary), not checked.
fn import(db: &Path, files: &[&Path]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--db".as_ref(), db.as_os_str(), "import".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    run(args)
}

/// Row counts of the workspace's tables, read with SQLite directly.
fn counts(db: &Path) -> Vec<(String, i64)> {
    let c = Connection::open(db).unwrap();
    [
        "documents",
        "paragraphs",
        "alignments",
        "beads",
        "units",
        "concepts",
        "terms",
        "contexts",
    ]
    .iter()
    .map(|t| {
        (
            t.to_string(),
            c.query_row(&format!("SELECT count(*) FROM {}", t), [], |r| r.get(0))
                .unwrap(),
        )
    })
    .collect()
}

fn unit_count(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .unwrap()
}

/// (en, ru, source, origin, score) of every unit, in insertion order.
fn units(db: &Path) -> Vec<(String, String, String, String, Option<f64>)> {
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT en, ru, source, origin, score FROM units ORDER BY id")
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

fn integrity(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// `termtool --db DB import FILE` started in the background, silent.
fn spawn_import(db: &Path, file: &Path) -> std::process::Child {
    termtool()
        .args([
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            file.as_os_str(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A memory of `n` numbered EN–RU rows, `en<TAB>ru` per line.
fn numbered_tsv(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "Member States shall report on item {} of the Joint Plan of Action.\tГосударства-члены представляют доклад о пункте {} Совместного плана действий.\n",
            i, i
        ));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// TMX

#[test]
fn every_sample_tmx_file_imports() {
    let (_d, db) = scratch();
    let files = sample_tmx();
    assert!(
        files.len() > 20,
        "expected the samples and the LISA kit, found {}",
        files.len()
    );
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let v = import_json(&db, &refs);
    let got = v["files"].as_array().unwrap();
    assert_eq!(got.len(), files.len());
    for f in got {
        assert_eq!(f["format"], "tmx", "{}", f);
        let name = f["path"].as_str().unwrap();
        let read = f["read"].as_u64().unwrap();
        // Only the EN–RU samples hold English–Russian units; the others report 0, not an error.
        if name.contains("en-ru") {
            assert!(read >= 1, "{}", f);
        } else {
            assert_eq!(read, 0, "{}", f);
        }
    }
    // po2tmx has 5 units; en-ru_min and en-ru_INVALID_missing-o-tmf repeat one of them.
    assert_eq!(v["read"], 7);
    assert_eq!(v["added"], 5);
    assert_eq!(v["duplicates"], 2);
    assert_eq!(v["units"], 5);
    assert_eq!(unit_count(&db), 5);
    let u = units(&db);
    assert!(u.iter().any(|(en, ru, src, origin, score)| en
        == "UNOCT coordinates the implementation of the Joint Plan of Action."
        && ru == "КТУ ООН координирует осуществление Совместного плана действий."
        && src == "en-ru_INVALID_missing-o-tmf.tmx"
        && origin == "import"
        && score.is_none()));
}

#[test]
fn importing_twice_adds_nothing() {
    let (_d, db) = scratch();
    let tmx = sample("samples-translate-toolkit_po2tmx_en-ru.tmx");
    let first = import_json(&db, &[&tmx]);
    assert_eq!(first["added"], 5);
    let before = counts(&db);
    let second = import_json(&db, &[&tmx]);
    assert_eq!(second["read"], 5);
    assert_eq!(second["added"], 0);
    assert_eq!(second["duplicates"], 5);
    assert_eq!(second["files"][0]["added"], 0);
    assert_eq!(counts(&db), before);
}

#[test]
fn truncated_tmx_is_an_error_and_nothing_is_imported() {
    let (d, db) = scratch();
    let good = sample("samples-translate-toolkit_po2tmx_en-ru.tmx");
    let bytes = std::fs::read(&good).unwrap();
    let half = d.path().join("half.tmx");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    // The good file comes first: it must not be imported either.
    let r = import(&db, &[&good, &half]);
    assert_error_naming(&r, &half);
    assert!(!db.exists() || unit_count(&db) == 0);
    import_json(&db, &[&good]);
    let before = counts(&db);
    assert_error_naming(&import(&db, &[&half]), &half);
    assert_eq!(counts(&db), before);
}

// ---------------------------------------------------------------------------------------------
// TSV and CSV

#[test]
fn tsv_with_and_without_header() {
    let (d, db) = scratch();
    let with = write(d.path(), "with.tsv", "en\tru\nJoint Plan of Action\tСовместный план действий\n\n\"Hello,\" he said.\t«Привет», — сказал он.\n");
    let without = write(
        d.path(),
        "without.tsv",
        "Member States\tгосударства-члены\nJOINT PLAN OF ACTION\tсовместный план действий\n",
    );
    let v = import_json(&db, &[&with, &without]);
    assert_eq!(v["files"][0]["format"], "tsv");
    assert_eq!(v["files"][0]["read"], 2);
    assert_eq!(v["files"][0]["added"], 2);
    // The second file repeats the first unit in other case: a duplicate by match keys.
    assert_eq!(v["files"][1]["read"], 2);
    assert_eq!(v["files"][1]["added"], 1);
    assert_eq!(v["added"], 3);
    let u = units(&db);
    let pairs: Vec<(&str, &str)> = u.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    assert_eq!(
        pairs,
        vec![
            ("Joint Plan of Action", "Совместный план действий"),
            ("\"Hello,\" he said.", "«Привет», — сказал он."),
            ("Member States", "государства-члены"),
        ]
    );
    assert_eq!(u[0].2, "with.tsv");
}

#[test]
fn csv_with_header_quotes_and_scores() {
    let (d, db) = scratch();
    let csv = write(
        d.path(),
        "mem.csv",
        "en,ru\n\"Centre, the\",\"Центр\"\n\"He said \"\"yes\"\"\",\"Он сказал «да»\"\n",
    );
    let scored = write(
        d.path(),
        "scored.tsv",
        "UNOCT\tКТУ ООН\t0.9\nISMI\tИСМИ\t0.75\n",
    );
    let v = import_json(&db, &[&csv, &scored]);
    assert_eq!(v["files"][0]["format"], "csv");
    assert_eq!(v["added"], 4);
    let u = units(&db);
    assert_eq!(u[0].0, "Centre, the");
    assert_eq!(u[1].0, "He said \"yes\"");
    assert_eq!(u[3].4, Some(0.75));
}

#[test]
fn legacy_encodings_are_decoded() {
    let (d, db) = scratch();
    let text = "Joint Plan of Action\tСовместный план действий\nMember States\tгосударства-члены\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let p = d.path().join("mem1251.tsv");
    std::fs::write(&p, &cp1251).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|c| c.to_le_bytes()));
    let q = d.path().join("mem16.txt");
    std::fs::write(&q, &utf16).unwrap();
    let v = import_json(&db, &[&p, &q]);
    assert_eq!(v["files"][1]["format"], "tsv");
    assert_eq!(v["added"], 2);
    assert_eq!(v["duplicates"], 2);
    assert_eq!(units(&db)[0].1, "Совместный план действий");
}

#[test]
fn malformed_tsv_row_is_an_error_with_its_line_and_the_workspace_is_unchanged() {
    let (d, db) = scratch();
    import_json(
        &db,
        &[&sample("samples-translate-toolkit_po2tmx_en-ru.tmx")],
    );
    let before = counts(&db);
    let mut text = numbered_tsv(13);
    text.push_str("one\tодин\tи ещё одно поле\n");
    text.push_str(&numbered_tsv(3));
    let bad = write(d.path(), "mem.tsv", &text);
    let good = write(d.path(), "good.tsv", "new unit\tновая единица\n");
    let r = import(&db, &[&good, &bad]);
    assert_error_naming(&r, &bad);
    assert_eq!(
        r.stderr,
        format!(
            "termtool: {}:14: expected 2 fields (en, ru), found 3\n",
            bad.display()
        )
    );
    assert_eq!(
        counts(&db),
        before,
        "a failed import must leave the workspace as it was"
    );
}

// ---------------------------------------------------------------------------------------------
// Workspace files that are not workspaces

#[test]
fn foreign_sqlite_file_is_refused_and_left_alone() {
    let (d, _) = scratch();
    let db = d.path().join("other.sqlite");
    let c = Connection::open(&db).unwrap();
    c.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(c);
    let before = std::fs::read(&db).unwrap();
    let mem = write(d.path(), "m.tsv", "a\tб\n");
    let r = import(&db, &[&mem]);
    assert_error_naming(&r, &db);
    assert!(
        r.stderr.contains("not a termtool workspace"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "another program's database must not be touched"
    );
}

#[test]
fn random_bytes_are_refused() {
    let (d, _) = scratch();
    let db = d.path().join("noise.sqlite");
    let noise: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&db, &noise).unwrap();
    let mem = write(d.path(), "m.tsv", "a\tб\n");
    let r = import(&db, &[&mem]);
    assert_error_naming(&r, &db);
    assert!(r.stderr.contains("not an SQLite database"), "{}", r.stderr);
    assert_eq!(std::fs::read(&db).unwrap(), noise);
}

#[test]
fn truncated_workspace_is_refused() {
    let (d, db) = scratch();
    import_json(
        &db,
        &[&sample("samples-translate-toolkit_po2tmx_en-ru.tmx")],
    );
    let bytes = std::fs::read(&db).unwrap();
    assert!(
        !db.with_extension("sqlite-wal").exists()
            || std::fs::metadata(db.with_extension("sqlite-wal"))
                .unwrap()
                .len()
                == 0
    );
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let mem = write(d.path(), "m.tsv", "a\tб\n");
    let r = import(&db, &[&mem]);
    assert_error_naming(&r, &db);
    assert!(r.stderr.contains("truncated"), "{}", r.stderr);
}

#[test]
fn busy_workspace_waits_then_says_so() {
    let (d, db) = scratch();
    let mem = write(d.path(), "m.tsv", "a\tб\n");
    import_json(&db, &[&mem]);
    // Another process holds the write lock for longer than the busy timeout.
    let c = Connection::open(&db).unwrap();
    c.execute_batch("BEGIN IMMEDIATE; INSERT INTO units (en, ru, en_key, ru_key, source, origin) VALUES ('x', 'х', 'x', 'х', 't', 'import');").unwrap();
    let other = write(d.path(), "n.tsv", "b\tв\n");
    let start = Instant::now();
    let out = termtool()
        .env("TERMTOOL_BUSY_TIMEOUT_MS", "300")
        .args([
            "--db".as_ref(),
            db.as_os_str(),
            "import".as_ref(),
            other.as_os_str(),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "it should wait for the lock first"
    );
    assert_error_naming(&r, &db);
    assert!(r.stderr.contains("workspace busy"), "{}", r.stderr);
    c.execute_batch("ROLLBACK").unwrap();
    drop(c);
    // Once the lock is released, the same import goes through.
    let v = import_json(&db, &[&other]);
    assert_eq!(v["added"], 1);
    assert_eq!(unit_count(&db), 2);
}

// ---------------------------------------------------------------------------------------------
// Where the workspace is

#[test]
fn workspace_from_env_and_default_path() {
    let d = tempfile::tempdir().unwrap();
    let mem = write(d.path(), "m.tsv", "a\tб\n");
    let env_db = d.path().join("env.sqlite");
    let out = termtool()
        .env("TERMTOOL_DB", &env_db)
        .args(["import".as_ref(), mem.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(unit_count(&env_db), 1);
    // --db wins over TERMTOOL_DB, and may come after the subcommand.
    let flag_db = d.path().join("flag.sqlite");
    let out = termtool()
        .env("TERMTOOL_DB", &env_db)
        .args([
            "import".as_ref(),
            mem.as_os_str(),
            "--db".as_ref(),
            flag_db.as_os_str(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(unit_count(&flag_db), 1);
    // Neither: .termtool/workspace.sqlite under the current directory, created with its folder.
    let out = termtool()
        .env_remove("TERMTOOL_DB")
        .current_dir(d.path())
        .args(["import", "m.tsv"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(unit_count(&d.path().join(".termtool/workspace.sqlite")), 1);
    let summary = String::from_utf8(out.stdout).unwrap();
    assert!(summary.contains("1 added"), "{}", summary);
}

// ---------------------------------------------------------------------------------------------
// align --save

#[test]
fn align_save_twice_gives_the_same_workspace() {
    let (_d, db) = scratch();
    let seed = root().join(SEED);
    let args = [
        "--db".as_ref(),
        db.as_os_str(),
        "align".as_ref(),
        seed.as_os_str(),
        "--save".as_ref(),
    ];
    let plain = run(["align".as_ref(), seed.as_os_str()]).ok();
    let first = run(args).ok();
    assert_eq!(
        first.stdout, plain.stdout,
        "--save does not change what align prints"
    );
    let c1 = counts(&db);
    let u1 = units(&db);
    run(args).ok();
    assert_eq!(counts(&db), c1);
    assert_eq!(units(&db), u1);
    let get = |t: &str| c1.iter().find(|(n, _)| n == t).unwrap().1;
    assert_eq!(get("documents"), 1);
    assert_eq!(get("alignments"), 1);
    assert!(get("paragraphs") >= 20, "{:?}", c1);
    assert!(get("beads") >= 10, "{:?}", c1);
    assert!(get("units") >= 10, "{:?}", c1);
    assert!(u1
        .iter()
        .all(|u| u.2 == "tashkent-conference-2022.en-ru.txt" && u.3 == "align" && u.4.is_some()));
    let c = Connection::open(&db).unwrap();
    let sha: String = c
        .query_row("SELECT sha256 FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sha.len(), 64);
    // Importing the aligned pairs as TMX afterwards adds nothing new.
    let tmx = _d.path().join("seed.tmx");
    run([
        "align".as_ref(),
        seed.as_os_str(),
        "--level".as_ref(),
        "sentence".as_ref(),
        "--format".as_ref(),
        "tmx".as_ref(),
        "-o".as_ref(),
        tmx.as_os_str(),
    ])
    .ok();
    let v = import_json(&db, &[&tmx]);
    assert_eq!(v["added"], 0, "{}", v);
}

// ---------------------------------------------------------------------------------------------
// A killed import

#[test]
fn import_killed_midway_leaves_the_workspace_whole() {
    let (d, db) = scratch();
    let n = 300_000;
    let big = write(d.path(), "big.tsv", &numbered_tsv(n));
    import_json(
        &db,
        &[&sample("samples-translate-toolkit_po2tmx_en-ru.tmx")],
    );
    let wal = db.with_extension("sqlite-wal");
    let mut child = spawn_import(&db, &big);
    // Kill it while it writes: once the transaction has spilled pages into the WAL (or after
    // 200 ms at least, should the machine be so fast that it is done by then).
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        let spilled = std::fs::metadata(&wal)
            .map(|m| m.len() > 4 << 20)
            .unwrap_or(false);
        if (spilled && start.elapsed() > Duration::from_millis(200))
            || start.elapsed() > Duration::from_secs(60)
        {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait().unwrap();
    assert_eq!(integrity(&db), "ok");
    let units = unit_count(&db);
    assert!(
        units == 5 || units == 5 + n as i64,
        "expected all or nothing, found {} units",
        units
    );
    // The workspace still works.
    let small = write(d.path(), "small.tsv", "after the kill\tпосле остановки\n");
    assert_eq!(import_json(&db, &[&small])["added"], 1);
    assert_eq!(integrity(&db), "ok");
}

// ---------------------------------------------------------------------------------------------
// Glossaries

#[test]
fn tbx_glossary_imports_as_imported_concepts() {
    let (_d, db) = scratch();
    let tbx = formats("tbx/samples/en-ru_tbx-basic-2008_min.tbx");
    let v = import_json(&db, &[&tbx]);
    assert_eq!(v["files"][0]["kind"], "glossary");
    assert_eq!(v["files"][0]["format"], "tbx");
    let n = v["concepts"].as_u64().unwrap();
    assert!(n >= 1, "{}", v);
    assert_eq!(v["concepts_added"].as_u64().unwrap(), n);
    assert_eq!(v["added"], 0);
    let c = Connection::open(&db).unwrap();
    let not_imported: i64 = c
        .query_row(
            "SELECT count(*) FROM concepts WHERE origin != 'imported'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(not_imported, 0);
    let unoct: i64 = c
        .query_row("SELECT count(*) FROM terms WHERE key = 'unoct'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(unoct, 1, "terms are found by match key");
    let before = counts(&db);
    let again = import_json(&db, &[&tbx]);
    assert_eq!(again["concepts"].as_u64().unwrap(), n);
    assert_eq!(
        counts(&db),
        before,
        "importing a glossary again replaces its entries"
    );
    // A broken glossary among good memories: nothing is imported.
    let bad = formats("tbx/samples/en-ru_tbx-basic_INVALID.tbx");
    let r = import(
        &db,
        &[&sample("samples-translate-toolkit_po2tmx_en-ru.tmx"), &bad],
    );
    assert_error_naming(&r, &bad);
    assert_eq!(counts(&db), before);
}

#[test]
fn lookups_keep_answering_while_an_import_runs() {
    let (d, db) = scratch();
    let old = write(
        d.path(),
        "old.tsv",
        "The committee adopted the old report.\tКомитет утвердил старый доклад.\n",
    );
    import_json(&db, &[&old]);
    let n = 150_000;
    let big = write(d.path(), "big.tsv", &numbered_tsv(n));
    let mut child = spawn_import(&db, &big);
    let lookup = |q: &str| {
        run([
            "--db".as_ref(),
            db.as_os_str(),
            "lookup".as_ref(),
            "--json".as_ref(),
            std::ffi::OsStr::new(q),
        ])
    };
    // Lookups while the import writes: each answers from the workspace as it was (the import
    // is one transaction, seen whole or not at all), none waits for the import to end.
    let mut during = 0;
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(120) {
        let r = lookup("The committee adopted the old report").ok();
        let v = json(&r.stdout);
        assert_eq!(v["tm"][0]["ru"], "Комитет утвердил старый доклад.", "{}", v);
        if child.try_wait().unwrap().is_none() {
            during += 1;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(during >= 1, "no lookup finished while the import ran");
    assert_eq!(unit_count(&db), 1 + n as i64);
    let v = json(
        &lookup("Member States shall report on item 7 of the Joint Plan of Action.")
            .ok()
            .stdout,
    );
    assert_eq!(v["tm"][0]["score"], 100, "{}", v);
}
