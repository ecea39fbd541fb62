//! Issue 11: `termtool serve`, through the real binary on a loopback port: every endpoint, the
//! bad requests (4xx with a JSON error, nothing changed), the token rules, concurrent writers
//! and readers, and a shutdown that finishes the writes under way.

use crate::common::*;
use crate::http::*;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The id of the shipped glossary's entry for a term.
fn entry_id(s: &Server, term: &str) -> String {
    let (st, v) = s.get(&format!("/api/lookup?q={}", enc(term)));
    assert_eq!(st, 200, "{v}");
    v["glossary"][0]["id"].as_str().unwrap().to_string()
}

fn lookup_cli(db: &Path, args: &[&str]) -> Value {
    let r = finished(
        termtool()
            .arg("--db")
            .arg(db)
            .arg("lookup")
            .args(args)
            .arg("--json")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    json(&r.stdout)
}

#[test]
fn lookups_answer_as_the_cli_does() {
    let s = Server::start(&[], &[]);
    for (q, extra) in [
        ("Joint Plan of Action", ""),
        ("совместного плана действий", ""),
        ("UNOCT", "&limit=3"),
        ("counter-terrorism", "&concordance=true&min_score=50"),
        (
            "United Nations Office of Counter-Terrorism",
            "&fuzzy=characters&lang=en",
        ),
    ] {
        let (st, v) = s.get(&format!("/api/lookup?q={}{extra}", enc(q)));
        assert_eq!(st, 200, "{v}");
        let mut args = vec![q.to_string()];
        for kv in extra.split('&').filter(|x| !x.is_empty()) {
            let (k, val) = kv.split_once('=').unwrap();
            match k {
                "concordance" => args.push("--concordance".into()),
                "min_score" => args.extend(["--min-score".into(), val.into()]),
                _ => args.extend([format!("--{k}"), val.into()]),
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(v, lookup_cli(&s.db, &args), "{q}");
    }
    let (st, v) = s.get("/api/concordance?q=plan%20of%20action&limit=2");
    assert_eq!(st, 200);
    assert!(v["concordance"].as_array().unwrap().len() <= 2, "{v}");
    assert_eq!(v["lang"], "en");
}

#[test]
fn units_posted_are_found_at_once_and_amagama_clients_see_them() {
    let s = Server::start(&[], &[]);
    let before = units(&s);
    let (st, v) = s.post(
        "/api/units",
        json!({"units": [
            {"en": "The reviser confirmed this segment today.", "ru": "Редактор подтвердил этот сегмент сегодня.", "source": "omegat"},
            {"en": "The reviser confirmed this segment today.", "ru": "Редактор подтвердил этот сегмент сегодня."}
        ]}),
    );
    assert_eq!((st, &v), (200, &json!({"received": 2, "added": 1})));
    assert_eq!(units(&s), before + 1);
    let (_, v) = s.get(&format!(
        "/api/lookup?q={}",
        enc("The reviser confirmed this segment yesterday.")
    ));
    assert_eq!(
        v["tm"][0]["ru"], "Редактор подтвердил этот сегмент сегодня.",
        "{v}"
    );
    // amaGama: GET /tmserver/{src}/{tgt}/unit/{text}
    let (st, v) = s.get(&format!(
        "/tmserver/en/ru_RU/unit/{}?min_similarity=60&max_candidates=3",
        enc("The reviser confirmed this segment yesterday.")
    ));
    assert_eq!(st, 200, "{v}");
    let first = &v[0];
    assert_eq!(first["source"], "The reviser confirmed this segment today.");
    assert_eq!(first["target"], "Редактор подтвердил этот сегмент сегодня.");
    let q = first["quality"].as_f64().unwrap();
    assert!((60.0..100.0).contains(&q), "{v}");
    assert!(first["rank"].is_number());
    // the other direction
    let (_, v) = s.get(&format!(
        "/tmserver/ru/en/unit/{}",
        enc("Редактор подтвердил этот сегмент сегодня.")
    ));
    assert_eq!(
        v[0]["target"], "The reviser confirmed this segment today.",
        "{v}"
    );
    assert_eq!(v[0]["quality"], 100.0);
    let (st, _) = s.get("/tmserver/en/de/unit/hello");
    assert_eq!(st, 404);
    let (st, v) = s.get("/tmserver/languages/");
    assert_eq!(st, 200);
    assert_eq!(v["sourceLanguages"], json!(["en", "ru"]));
}

#[test]
fn decisions_carry_a_version_and_a_stale_one_changes_nothing() {
    let s = Server::start(&[], &[]);
    let id = entry_id(&s, "Joint Plan of Action");
    let (st, e) = s.get(&format!("/api/entries/{id}"));
    assert_eq!(st, 200, "{e}");
    let v1 = e["version"].as_str().unwrap().to_string();
    assert_eq!(e["id"], id.as_str());
    // accept
    let (st, d) = s.post(
        &format!("/api/entries/{id}/decision"),
        json!({"action": "accept", "version": v1, "note": "checked against A/RES/76/1"}),
    );
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["entry"]["origin"], "curated");
    let v2 = d["entry"]["version"].as_str().unwrap().to_string();
    assert_ne!(v1, v2);
    // the same decision made against the old version: 409, entry unchanged
    let (st, c) = s.post(
        &format!("/api/entries/{id}/decision"),
        json!({"action": "edit", "version": v1, "en": "Joint Plan", "ru": "Совместный план"}),
    );
    assert_eq!(st, 409, "{c}");
    assert_eq!(c["version"], v2.as_str());
    assert_eq!(
        s.get(&format!("/api/entries/{id}")).1["version"],
        v2.as_str()
    );
    // edit against the current version: the lookup answers with the new term at once
    let (st, d) = s.post(
        &format!("/api/entries/{id}/decision"),
        json!({"action": "edit", "version": v2, "en": "Joint Plan of Action", "ru": "Совместный план действий (СПД)"}),
    );
    assert_eq!(st, 200, "{d}");
    let (_, l) = s.get("/api/lookup?q=Joint%20Plan%20of%20Action");
    assert_eq!(
        l["glossary"][0]["ru"][0], "Совместный план действий (СПД)",
        "{l}"
    );
    // reject: the entry leaves the glossary
    let v3 = d["entry"]["version"].as_str().unwrap();
    let (st, d) = s.post(
        &format!("/api/entries/{id}/decision"),
        json!({"action": "reject", "version": v3}),
    );
    assert_eq!(st, 200, "{d}");
    assert!(d.get("entry").is_none(), "{d}");
    assert_eq!(s.get(&format!("/api/entries/{id}")).0, 404);
    // a new entry
    let (st, n) = s.post(
        "/api/entries",
        json!({"en": "donor state", "ru": "государство-донор"}),
    );
    assert_eq!(st, 201, "{n}");
    assert_eq!(n["origin"], "curated");
    let (_, l) = s.get("/api/lookup?q=donor%20states");
    assert_eq!(l["glossary"][0]["ru"][0], "государство-донор", "{l}");
    // the decisions last: they are in the workspace for the CLI too
    assert_eq!(
        lookup_cli(&s.db, &["donor states"])["glossary"][0]["id"],
        n["id"]
    );
}

#[test]
fn bad_requests_get_a_json_4xx_and_change_nothing() {
    let s = Server::start(&[], &[]);
    let before = units(&s);
    let id = entry_id(&s, "UNOCT");
    let version = s.get(&format!("/api/entries/{id}")).1["version"].clone();
    let long = "a".repeat(3000);
    for (path, want) in [
        ("/api/lookup".to_string(), 400),
        ("/api/lookup?q=".to_string(), 400),
        (format!("/api/lookup?q={long}"), 400),
        ("/api/lookup?q=x&limit=1000".to_string(), 400),
        ("/api/lookup?q=x&limit=-1".to_string(), 400),
        ("/api/lookup?q=x&lang=de".to_string(), 400),
        ("/api/lookup?q=x&min_score=101".to_string(), 400),
        ("/api/lookup?q=x&fuzzy=neural".to_string(), 400),
        ("/api/entries/no-such-entry".to_string(), 404),
        ("/api/nothing-here".to_string(), 404),
    ] {
        let (st, v) = s.get(&path);
        assert_eq!(st, want, "{path}: {v}");
        assert!(v["error"].is_string(), "{path}: {v}");
    }
    let posts = [
        (
            "/api/units",
            json!({"units": [{"en": "only English"}]}),
            422,
        ),
        (
            "/api/units",
            json!({"units": [{"en": "a", "ru": "б"}, {"en": " ", "ru": "в"}]}),
            400,
        ),
        ("/api/units", json!([1, 2]), 422),
        (
            &*format!("/api/entries/{id}/decision"),
            json!({"action": "accept"}),
            400,
        ),
        (
            &*format!("/api/entries/{id}/decision"),
            json!({"action": "delete", "version": version}),
            400,
        ),
        (
            &*format!("/api/entries/{id}/decision"),
            json!({"action": "edit", "version": version, "en": "x"}),
            400,
        ),
        (
            "/api/entries/no-such-entry/decision",
            json!({"action": "accept", "version": "0"}),
            404,
        ),
        ("/api/entries", json!({"en": "x", "ru": ""}), 400),
    ];
    for (path, body, want) in posts {
        let (st, v) = s.post(path, body.clone());
        assert_eq!(st, want, "{path} {body}: {v}");
        assert!(v["error"].is_string(), "{v}");
    }
    // not JSON, wrong content type, too large, wrong method
    let raw = |ctype: &str, body: &[u8]| {
        answer(
            agent()
                .post(&s.url("/api/units"))
                .set("Content-Type", ctype)
                .send_bytes(body),
        )
    };
    assert_eq!(raw("application/json", b"{bad").0, 400);
    assert_eq!(raw("text/plain", b"{}").0, 415);
    // Too large: the server answers from the declared length, before the body is sent (a
    // client writing all of it could meet a closed connection instead of the answer).
    let (st, v) = too_large(&s, 5 << 20);
    assert_eq!(st, 413, "{v}");
    let (st, v) = answer(agent().delete(&s.url("/api/units")).call());
    assert_eq!(st, 405, "{v}");
    assert_eq!(units(&s), before, "nothing was added");
    assert_eq!(
        s.get(&format!("/api/entries/{id}")).1["version"],
        version,
        "nothing was changed"
    );
}

/// Status and JSON body of a POST of units that declares `len` bytes and sends none of them.
fn too_large(s: &Server, len: usize) -> (u16, Value) {
    use std::io::{Read, Write};
    let host = s.base.trim_start_matches("http://");
    let mut tcp = std::net::TcpStream::connect(host).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        tcp,
        "POST /api/units HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    let _ = tcp.read_to_string(&mut text);
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok());
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    match (status, serde_json::from_str(body)) {
        (Some(st), Ok(v)) => (st, v),
        _ => panic!("not an HTTP answer with a JSON body: {text:?}"),
    }
}

const EDITOR: &str = "editor-token-0123456789abcdef";
const READER: &str = "reader-token-0123456789abcdef";

#[test]
fn tokens_separate_readers_from_editors() {
    let dir = tempfile::tempdir().unwrap();
    let ed = dir.path().join("editor");
    std::fs::write(&ed, format!("{EDITOR}\n")).unwrap();
    let s = Server::start(
        &["--editor-token-file", ed.to_str().unwrap()],
        &[("TERMTOOL_READER_TOKEN", READER)],
    );
    let get = |token: Option<&str>| {
        let mut r = agent().get(&s.url("/api/lookup?q=UNOCT"));
        if let Some(t) = token {
            r = r.set("Authorization", &format!("Bearer {t}"));
        }
        answer(r.call()).0
    };
    let post = |token: Option<&str>| {
        let mut r = agent().post(&s.url("/api/units"));
        if let Some(t) = token {
            r = r.set("Authorization", &format!("Bearer {t}"));
        }
        answer(r.send_json(json!({"units": [{"en": "token test", "ru": "проверка токена"}]}))).0
    };
    assert_eq!(get(None), 401);
    assert_eq!(get(Some("wrong-token-0123456789abcdef")), 401);
    assert_eq!(get(Some(READER)), 200);
    assert_eq!(get(Some(EDITOR)), 200);
    assert_eq!(post(None), 401);
    assert_eq!(post(Some(READER)), 403);
    assert_eq!(post(Some(EDITOR)), 200);
    // amaGama clients that cannot set a header give the token in the query
    let (st, _) = answer(
        agent()
            .get(&s.url(&format!("/tmserver/en/ru/unit/token%20test?token={READER}")))
            .call(),
    );
    assert_eq!(st, 200);
}

#[test]
fn serving_beyond_loopback_needs_distinct_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.sqlite");
    let serve = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = termtool();
        c.arg("--db").arg(&db).arg("serve").args(args);
        c.env_remove("TERMTOOL_EDITOR_TOKEN")
            .env_remove("TERMTOOL_READER_TOKEN");
        for (k, v) in env {
            c.env(k, v);
        }
        finished(c.stdin(Stdio::null()).output().unwrap())
    };
    let r = serve(&["--bind", "0.0.0.0:0"], &[]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("not a loopback address"), "{}", r.stderr);
    let r = serve(
        &["--bind", "0.0.0.0:0"],
        &[
            ("TERMTOOL_EDITOR_TOKEN", EDITOR),
            ("TERMTOOL_READER_TOKEN", EDITOR),
        ],
    );
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("must differ"), "{}", r.stderr);
    let r = serve(&[], &[("TERMTOOL_EDITOR_TOKEN", "short")]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("at least 16"), "{}", r.stderr);
    assert!(!db.exists(), "a refused start touches no workspace");
}

/// 8 writers and 64 readers at once (for $TERMTOOL_STRESS_SECONDS, 60 by default): no error,
/// and every unit a writer was told was added is found afterwards.
#[test]
fn concurrent_writers_and_readers() {
    let secs: u64 = std::env::var("TERMTOOL_STRESS_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let s = Server::start(&[], &[]);
    let before = units(&s);
    let end = Instant::now() + Duration::from_secs(secs);
    let base = s.base.clone();
    let mut writers = Vec::new();
    for w in 0..8 {
        let base = base.clone();
        writers.push(std::thread::spawn(move || {
            let mut written = Vec::new();
            let mut k = 0;
            while Instant::now() < end {
                let en = format!("Writer {w} confirmed segment number {k} of the stress test.");
                let ru = format!("Писатель {w} подтвердил сегмент номер {k} нагрузочного теста.");
                let (st, v) = answer(
                    agent()
                        .post(&format!("{base}/api/units"))
                        .send_json(json!({"units": [{"en": en, "ru": ru}]})),
                );
                assert_eq!((st, v["added"].as_u64()), (200, Some(1)), "{v}");
                written.push(en);
                k += 1;
            }
            written
        }));
    }
    let mut readers = Vec::new();
    for r in 0..64 {
        let base = base.clone();
        readers.push(std::thread::spawn(move || {
            let mut n = 0;
            while Instant::now() < end {
                let q = if r % 2 == 0 {
                    "Joint Plan of Action".to_string()
                } else {
                    format!("Writer {} confirmed segment number {}", r % 8, n)
                };
                let (st, v) = answer(
                    agent()
                        .get(&format!("{base}/api/lookup?q={}", enc(&q)))
                        .call(),
                );
                assert_eq!(st, 200, "{v}");
                n += 1;
            }
            n
        }));
    }
    let written: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("writer ok"))
        .collect();
    let reads: usize = readers
        .into_iter()
        .map(|r| r.join().expect("reader ok"))
        .sum();
    assert!(!written.is_empty() && reads > 0);
    assert_eq!(units(&s), before + written.len() as u64);
    for en in written.iter().step_by((written.len() / 50).max(1)) {
        let (_, v) = s.get(&format!("/api/lookup?q={}&limit=1", enc(en)));
        assert_eq!(v["tm"][0]["en"], en.as_str(), "{v}");
    }
    eprintln!(
        "{} units written and {} lookups answered in {} s",
        written.len(),
        reads,
        secs
    );
}

#[test]
fn shutdown_finishes_the_writes_under_way() {
    let mut s = Server::start(&[], &[]);
    let before = units(&s);
    let base = s.base.clone();
    let db = s.db.clone();
    let writer = std::thread::spawn(move || {
        let mut acknowledged = 0u64;
        for k in 0.. {
            let units: Vec<Value> = (0..500)
                .map(|i| json!({"en": format!("Shutdown batch {k} unit {i}"), "ru": format!("Партия {k} сегмент {i}")}))
                .collect();
            match agent()
                .post(&format!("{base}/api/units"))
                .send_json(json!({ "units": units }))
            {
                Ok(r) => {
                    let v: Value = r.into_json().unwrap();
                    acknowledged += v["added"].as_u64().unwrap();
                }
                Err(_) => break,
            }
        }
        acknowledged
    });
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.stop(), Some(0), "a clean stop");
    let acknowledged = writer.join().unwrap();
    assert!(acknowledged > 0);
    // every acknowledged unit is stored (and at most the one batch under way beyond them)
    let r = finished(
        termtool()
            .arg("--db")
            .arg(&db)
            .args(["export", "--format", "tmx"])
            .output()
            .unwrap(),
    );
    let out = r.out();
    let tus = (out.matches("<tu>").count() + out.matches("<tu ").count()) as u64;
    assert!(tus >= before, "export: {}", r.stderr);
    let stored = tus - before;
    assert!(
        stored == acknowledged || stored == acknowledged + 500,
        "{stored} stored, {acknowledged} acknowledged"
    );
}
