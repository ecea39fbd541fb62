//! `termtool lookup` through the real binary, on the seed workspace built at first use from
//! glossary/termtool.tbx and glossary/memory.tmx (docs/lookup.md).

use crate::common::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The concept whose terms include `term`.
fn has_term(hit: &Value, term: &str) -> bool {
    ["en", "ru"].iter().any(|l| {
        hit[*l].as_array().unwrap().iter().any(|t| {
            t.as_str()
                .is_some_and(|t| t == term || t.ends_with(&format!(" {term}")))
        })
    })
}

/// Run a termtool command (standard input empty), checking that it did not panic.
fn finish(cmd: &mut Command) -> Run {
    finished(cmd.stdin(Stdio::null()).output().expect("termtool runs"))
}

/// Run `termtool lookup ARGS` on the workspace at `db`.
fn lookup(db: &Path, args: &[&str]) -> Run {
    finish(termtool().arg("lookup").args(args).env("TERMTOOL_DB", db))
}

fn json(db: &Path, query: &str) -> Value {
    let r = lookup(db, &[query, "--json"]);
    assert_eq!(r.code, Some(0), "{}: {}", query, r.stderr);
    serde_json::from_str(&r.out()).unwrap()
}

#[test]
fn seed_queries_bring_the_right_concept_first() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    // The first use builds the workspace, saying so on stderr.
    let first = lookup(&db, &["Joint Plan of Action"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(first.stderr.contains("first use"), "{}", first.stderr);
    assert!(
        first.out().contains("Совместный план действий"),
        "{}",
        first.out()
    );
    assert!(
        !first.out().contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    let again = lookup(&db, &["Joint Plan of Action"]);
    assert!(
        !again.stderr.contains("first use"),
        "built once: {}",
        again.stderr
    );

    let cases: &[(&str, &str, &[&str])] = &[
        ("Joint Plan of Action", "Joint Plan of Action", &["exact"]),
        ("JPoA", "Joint Plan of Action", &["acronym", "variant"]),
        (
            "Совместного плана действий",
            "Joint Plan of Action",
            &["inflection"],
        ),
        ("КТУ ООН", "UNOCT", &["acronym", "variant"]),
        ("UNCTO", "UNOCT", &["acronym", "variant", "fuzzy"]),
        // the surname alone is its own entry since the word-alignment stage (issue 9)
        ("Mirziyoev", "Mirziyoyev", &["transliteration"]),
        (
            "Мирзиёева",
            "Mirziyoyev",
            &["partial", "inflection", "transliteration"],
        ),
        ("Joint Plan of Acton", "Joint Plan of Action", &["fuzzy"]),
        ("Tashkent Declaration", "Tashkent Declaration", &["exact"]),
    ];
    for (q, term, kinds) in cases {
        let v = json(&db, q);
        let top = &v["glossary"][0];
        assert!(has_term(top, term), "{}: first hit {}", q, top);
        let kind = top["match"].as_str().unwrap();
        assert!(kinds.contains(&kind), "{}: match kind {}", q, kind);
        let score = top["score"].as_u64().unwrap();
        assert!((50..=100).contains(&score), "{}: score {}", q, score);
    }
    assert_eq!(json(&db, "Совместного плана действий")["lang"], "ru");
    assert_eq!(json(&db, "JPoA")["lang"], "en");

    // Nothing found: exit 1.
    let none = lookup(&db, &["qwxz zzyqv"]);
    assert_eq!(none.code, Some(1), "{}", none.stderr);
}

#[test]
fn json_shape_memory_hits_and_highlight() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    // A segment of the memory with one word replaced (600 → 500) and two dropped.
    let q = "The Tashkent Conference will be held in a hybrid format with more than 500 senior officials and \
             leading experts from national and foreign think tanks in the EU, Central and South Asia, China, Russia, USA \
             and other countries, representatives of international and regional organizations and civil society institutions.";
    let v = json(&db, q);
    for k in ["query", "lang", "glossary", "tm"] {
        assert!(v.get(k).is_some(), "{} missing: {}", k, v);
    }
    let tm = v["tm"].as_array().unwrap();
    assert!(!tm.is_empty(), "{}", v);
    let hit = &tm[0];
    let score = hit["score"].as_u64().unwrap();
    assert!((85..100).contains(&score), "score {}", score);
    assert!(hit["ru"]
        .as_str()
        .unwrap()
        .starts_with("Конференция в Ташкенте"));
    assert_eq!(hit["origin"], "memory.tmx");

    // The glossary equivalent of a term in the query is highlighted in the other side.
    let q = "Конференция подведет итоги 10-летия реализации Совместного плана действий для Центральной Азии (СПД).";
    let r = lookup(&db, &[q, "--json", "--min-score", "10"]);
    let v: Value = serde_json::from_str(&r.out()).unwrap();
    let hit = &v["tm"][0];
    assert_eq!(hit["highlight_lang"], "en");
    let en = hit["en"].as_str().unwrap();
    let marked = byte_spans(en, &hit["highlight"]);
    // (the glossary holds "Joint Plan of Action for Central Asia" too: the longer term is marked)
    assert!(
        marked.iter().any(|m| m.starts_with("Joint Plan of Action")),
        "{:?}",
        marked
    );

    // The default threshold is 70: a weak match is not shown.
    let r = lookup(&db, &[q, "--json"]);
    let v: Value = serde_json::from_str(&r.out()).unwrap();
    assert!(v["tm"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["score"].as_u64().unwrap() >= 70));
}

#[test]
fn concordance_finds_inflected_forms() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let r = lookup(
        &db,
        &[
            "Совместный план действий",
            "--concordance",
            "--json",
            "--limit",
            "50",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.out()).unwrap();
    let c = v["concordance"].as_array().unwrap();
    assert!(c.len() >= 2, "{}", v);
    let mut forms = Vec::new();
    for h in c {
        let ru = h["ru"].as_str().unwrap();
        for m in h["ru_matches"].as_array().unwrap() {
            forms.push(
                ru[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize].to_string(),
            );
        }
    }
    assert!(
        forms.iter().any(|f| f == "Совместного плана действий"),
        "{:?}",
        forms
    );
}

#[test]
fn stdin_answers_json_lines() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let mut child = termtool()
        .args(["lookup", "--stdin"])
        .env("TERMTOOL_DB", &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("JPoA\n\nКТУ ООН\nqwxz zzyqv\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["query"], "JPoA");
    assert!(has_term(&lines[1]["glossary"][0], "UNOCT"));
    assert!(lines[2]["glossary"].as_array().unwrap().is_empty());
}

#[test]
fn imported_units_are_indexed_and_found() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let tsv = d.path().join("m.tsv");
    std::fs::write(&tsv, "The Secretariat welcomed the delegations to Tashkent today\tСекретариат приветствовал делегации в Ташкенте сегодня\n").unwrap();
    let r = termtool()
        .args(["import"])
        .arg(&tsv)
        .env("TERMTOOL_DB", &db)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let r = lookup(
        &db,
        &[
            "The Secretariat welcomed the delegation to Tashkent today",
            "--json",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.out()).unwrap();
    assert_eq!(
        v["tm"][0]["score"], 88,
        "1 word of 8 replaced: 100 × (1 − 1/8)"
    );
    assert_eq!(v["tm"][0]["origin"], "m.tsv");
    // The Russian side, in another form.
    let r = lookup(
        &db,
        &[
            "Секретариат приветствовал делегации в Ташкенте сегодня",
            "--json",
        ],
    );
    let v: Value = serde_json::from_str(&r.out()).unwrap();
    assert_eq!(v["tm"][0]["score"], 100);
    // The postings are in the workspace.
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM postings WHERE key = 'r:ташкент'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn word_and_character_scores_rank_their_own_way() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let tsv = d.path().join("m.tsv");
    std::fs::write(
        &tsv,
        "I'm sure I left the door open.\tУверен, что оставил дверь открытой.\n\
         I left the door open.\tЯ оставил дверь открытой.\n",
    )
    .unwrap();
    let r = termtool()
        .arg("import")
        .arg(&tsv)
        .env("TERMTOOL_DB", &db)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    let first = |fuzzy: &str| {
        let r = lookup(
            &db,
            &["I'm I left the door open.", "--json", "--fuzzy", fuzzy],
        );
        let v: Value = serde_json::from_str(&r.out()).unwrap();
        (
            v["tm"][0]["en"].as_str().unwrap().to_string(),
            v["tm"][0]["score"].as_u64().unwrap(),
            v["tm"][1]["score"].as_u64().unwrap(),
        )
    };
    // words: one word inserted (6 of 7: 86) beats one deleted (5 of 6: 83)
    assert_eq!(
        first("words"),
        ("I'm sure I left the door open.".to_string(), 86, 83)
    );
    // characters: "I left the door open." is 4 characters away (91.3), the other 5 (90.9)
    let (en, a, b) = first("characters");
    assert_eq!(en, "I left the door open.");
    assert_eq!((a, b), (91, 91));
}

#[test]
fn bad_workspace_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    std::fs::write(
        &db,
        b"this is not a database, not at all, no, not even close to one, really not; a text file.",
    )
    .unwrap();
    let r = lookup(&db, &["JPoA"]);
    assert_error_naming(&r, &db);
}

/// `termtool ARGS` in `dir`, its workspace at `dir/ws.sqlite`.
fn in_dir(dir: &Path, args: &[&str]) -> Run {
    finish(
        termtool()
            .args(args)
            .current_dir(dir)
            .env("TERMTOOL_DB", dir.join("ws.sqlite")),
    )
}

#[test]
fn a_rebuilt_glossary_reaches_the_workspace() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::create_dir(dir.join("docs")).unwrap();
    std::fs::copy(
        root().join("seeds/tashkent-conference-2022.en-ru.txt"),
        dir.join("docs/tashkent.txt"),
    )
    .unwrap();
    std::fs::create_dir(dir.join("glossary")).unwrap();
    let curated = dir.join("glossary/curated.csv");
    std::fs::write(&curated, "action,id,en,ru,note\n").unwrap();
    assert_eq!(in_dir(dir, &["build", "docs"]).code, Some(0));
    let first = in_dir(dir, &["lookup", "Tashkent Declaration", "--json"]);
    assert!(first.stderr.contains("first use"), "{}", first.stderr);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let v: Value = serde_json::from_str(&first.out()).unwrap();
    assert_eq!(v["glossary"][0]["match"], "exact");
    assert_eq!(in_dir(dir, &["lookup", "Dushanbe Process"]).code, Some(1));

    // A decision recorded in the workspace (not in glossary/curated.csv) ...
    let decisions = dir.join("decisions.csv");
    std::fs::write(
        &decisions,
        "action,id,en,ru,note\nreject,,Joint Plan of Action,Совместный план действий,\n",
    )
    .unwrap();
    assert_eq!(in_dir(dir, &["import", "decisions.csv"]).code, Some(0));
    // ... and a person rejects one pair and adds another in curated.csv; `build` rewrites
    // glossary/.
    std::fs::write(
        &curated,
        "action,id,en,ru,note\n\
         reject,,Tashkent Declaration,Ташкентская декларация,\n\
         add,,Dushanbe Process,Душанбинский процесс,\n",
    )
    .unwrap();
    let rebuilt = in_dir(dir, &["build", "docs"]);
    assert_eq!(rebuilt.code, Some(0), "{}", rebuilt.stderr);
    assert!(rebuilt.stderr.contains("took in"), "{}", rebuilt.stderr);
    let after = in_dir(dir, &["lookup", "Dushanbe Process", "--json"]);
    assert!(!after.stderr.contains("changed"), "{}", after.stderr);
    assert_eq!(after.code, Some(0), "{}", after.stderr);
    let v: Value = serde_json::from_str(&after.out()).unwrap();
    assert!(has_term(&v["glossary"][0], "Душанбинский процесс"), "{}", v);
    let gone: Value =
        serde_json::from_str(&in_dir(dir, &["lookup", "Tashkent Declaration", "--json"]).out())
            .unwrap_or(Value::Null);
    assert!(
        gone["glossary"]
            .as_array()
            .is_none_or(|h| h.iter().all(|h| !has_term(h, "Ташкентская декларация"))),
        "the rejected pair is gone: {}",
        gone
    );
    // the workspace's decision holds over the new glossary/ too
    let jpoa: Value =
        serde_json::from_str(&in_dir(dir, &["lookup", "Joint Plan of Action", "--json"]).out())
            .unwrap_or(Value::Null);
    assert!(
        jpoa["glossary"]
            .as_array()
            .is_none_or(|h| h.iter().all(|h| !(has_term(h, "Joint Plan of Action")
                && has_term(h, "Совместный план действий")))),
        "the pair rejected in the workspace stays out: {}",
        jpoa
    );
    // Nothing changed since: no update.
    let again = in_dir(dir, &["lookup", "Dushanbe Process"]);
    assert!(!again.stderr.contains("changed"), "{}", again.stderr);
}

/// A scratch folder holding a copy of the repository's glossary/termtool.tbx and memory.tmx.
fn with_glossary_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("glossary")).unwrap();
    for f in ["termtool.tbx", "memory.tmx"] {
        let to = d.path().join("glossary").join(f);
        std::fs::copy(root().join("glossary").join(f), to).unwrap();
    }
    d
}

/// After the first use a lookup only reads: a glossary/ changed by other means than `build`
/// is noted, not taken in, and the workspace file is left byte for byte; `sync` takes it in.
#[test]
fn lookups_only_read_and_sync_takes_a_changed_folder_in() {
    let d = with_glossary_dir();
    let dir = d.path();
    let first = in_dir(dir, &["lookup", "UNOCT"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(first.stderr.contains("first use"), "{}", first.stderr);
    // the memory gains a unit, written by hand
    let tmx_path = dir.join("glossary/memory.tmx");
    let tmx = std::fs::read_to_string(&tmx_path).unwrap();
    let unit = "<tu><tuv xml:lang=\"en\"><seg>The zebra crossing committee met.</seg></tuv>\
                <tuv xml:lang=\"ru\"><seg>Комитет по пешеходным переходам собрался.</seg></tuv></tu>\n";
    let at = tmx.rfind("</body>").unwrap();
    std::fs::write(&tmx_path, format!("{}{}{}", &tmx[..at], unit, &tmx[at..])).unwrap();
    let db = dir.join("ws.sqlite");
    let before = std::fs::read(&db).unwrap();
    let noted = in_dir(dir, &["lookup", "The zebra crossing committee met."]);
    assert!(noted.stderr.contains("changed"), "{}", noted.stderr);
    assert!(noted.stderr.contains("termtool sync"), "{}", noted.stderr);
    assert_eq!(noted.code, Some(1), "not taken in: {}", noted.out());
    assert_eq!(std::fs::read(&db).unwrap(), before, "a lookup never writes");
    let synced = in_dir(dir, &["sync", "--json"]);
    assert_eq!(synced.code, Some(0), "{}", synced.stderr);
    let v: Value = serde_json::from_str(&synced.out()).unwrap();
    assert_eq!(v["units_added"], 1, "{v}");
    assert_eq!(v["files"][0], "glossary/memory.tmx", "{v}");
    let found = in_dir(dir, &["lookup", "The zebra crossing committee met."]);
    assert_eq!(found.code, Some(0), "{}", found.stderr);
    assert!(!found.stderr.contains("changed"), "{}", found.stderr);
    let again: Value = serde_json::from_str(&in_dir(dir, &["sync", "--json"]).out()).unwrap();
    assert_eq!(again["files"].as_array().map(Vec::len), Some(0), "{again}");
}

#[test]
fn a_sentence_shows_the_terms_it_holds() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let v = json(
        &db,
        "Положения Ташкентской декларации и нового Совместного плана действий",
    );
    let hits = v["glossary"].as_array().unwrap();
    for term in ["Tashkent Declaration", "Joint Plan of Action"] {
        assert!(
            hits.iter()
                .any(|h| h["match"] == "contained" && has_term(h, term)),
            "{}: {}",
            term,
            v
        );
    }
    // a term query is still answered by the term itself, not by what it holds
    let v = json(&db, "Joint Plan of Action");
    assert_eq!(v["glossary"][0]["match"], "exact");
}

#[test]
fn a_failed_first_use_is_tried_again() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::create_dir(dir.join("glossary")).unwrap();
    let tbx = dir.join("glossary/termtool.tbx");
    std::fs::write(&tbx, "<martif>broken").unwrap();
    let r = in_dir(dir, &["lookup", "JPoA"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("termtool.tbx:"), "{}", r.stderr);
    std::fs::copy(root().join("glossary/termtool.tbx"), &tbx).unwrap();
    let r = in_dir(dir, &["lookup", "JPoA"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("first use"), "{}", r.stderr);
}

#[test]
fn only_files_taken_in_before_are_taken_in_again() {
    let d = with_glossary_dir();
    let dir = d.path();
    // a workspace the user filled: a memory of theirs and the glossary, not glossary/memory.tmx
    std::fs::write(dir.join("mine.tsv"), "Good morning.\tДоброе утро.\n").unwrap();
    let r = in_dir(dir, &["import", "mine.tsv", "glossary/termtool.tbx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = in_dir(dir, &["lookup", "JPoA", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.is_empty(), "nothing to update: {}", r.stderr);
    // glossary/memory.tmx was never taken in, so it is not now
    let v: Value = serde_json::from_str(
        &in_dir(
            dir,
            &[
                "lookup",
                "--json",
                "--min-score",
                "0",
                "Tashkent Conference",
            ],
        )
        .out(),
    )
    .unwrap();
    assert!(v["tm"].as_array().unwrap().is_empty(), "{}", v);
}

/// Issue 9, item 4: a term of the seeds' English-only articles is an entry awaiting its Russian
/// equivalent, with its contexts; lookup finds it and says the equivalent is missing, and offers
/// what the lexicon knows of an acronym as a suggestion, never as a term.
#[test]
fn terms_of_english_only_articles_await_an_equivalent() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let v = json(&db, "foreign terrorist fighters");
    let hit = &v["glossary"][0];
    assert_eq!(hit["en"][0], "foreign terrorist fighters", "{v:#}");
    assert_eq!(hit["ru"].as_array().unwrap().len(), 0, "{v:#}");
    assert_eq!(hit["missing"], "ru", "{v:#}");
    let text = lookup(&db, &["foreign terrorist fighters"]).out();
    assert!(text.contains("(Russian equivalent missing"), "{text}");
    let v = json(&db, "UNODC");
    let hit = &v["glossary"][0];
    assert_eq!(
        hit["en"][0], "United Nations Office on Drugs and Crime",
        "{v:#}"
    );
    assert_eq!(hit["missing"], "ru", "{v:#}");
    assert!(
        hit["suggestion"].as_str().unwrap().starts_with("УНП "),
        "{v:#}"
    );
    // a paired entry says nothing of the kind
    let v = json(&db, "Joint Plan of Action");
    assert!(v["glossary"][0].get("missing").is_none(), "{v:#}");
}

/// Issue 13: a fuzzy memory hit says what differs from the query, as CAT tools mark it.
#[test]
fn fuzzy_hits_show_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let (db, tsv) = (dir.path().join("ws.sqlite"), dir.path().join("m.tsv"));
    std::fs::write(
        &tsv,
        "The conference will be held in Tashkent on 3 March.\tКонференция пройдет в Ташкенте 3 марта.\n",
    )
    .unwrap();
    let db_s = db.to_str().unwrap();
    run(["--db", db_s, "import", tsv.to_str().unwrap()]).ok();
    let q = "The conferences will be held in Geneva on 4 March.";
    let out = run(["--db", db_s, "lookup", q, "--json"]).ok().stdout;
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let hit = &v["tm"][0];
    let en = hit["en"].as_str().unwrap();
    let differs = byte_spans(en, &hit["differs"]);
    assert_eq!(differs, ["Tashkent", "3"], "{v}");
    assert_eq!(
        hit["missing"],
        serde_json::json!(["Geneva", "4"]),
        "an inflected word is no difference"
    );
    let text = run(["--db", db_s, "lookup", q]).ok().out();
    assert!(
        text.contains("differs: Tashkent · 3; not in it: Geneva 4"),
        "{text}"
    );
}

/// The parts of `text` that a JSON list of `[start, end]` byte ranges marks.
fn byte_spans<'a>(text: &'a str, ranges: &serde_json::Value) -> Vec<&'a str> {
    ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect()
}
