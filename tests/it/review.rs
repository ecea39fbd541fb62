//! Issue 12: `termtool review`, through the real binary on a loopback port: every action on
//! the seed's alignment and its undo, the bad requests (4xx, nothing changed), two tabs, a
//! restart, a new alignment run that keeps confirmed beads, the memory rewritten from the
//! corrected beads, the glossary's candidates, and the static report.

use crate::common::*;
use crate::http::*;
use serde_json::{json, Value};
use std::path::Path;

/// `termtool review SEED` on the workspace `db` (created from the repository's glossary/).
fn review(db: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["review", SEED, "--bind", "127.0.0.1:0"];
    args.extend(extra);
    Server::launch(db, &args, &[])
}

fn beads(v: &Value) -> &Vec<Value> {
    v["beads"].as_array().expect("a review has beads")
}

fn bead_ref(b: &Value) -> Value {
    json!({"id": b["id"], "version": b["version"]})
}

/// The sentences of each bead, as (en indices, ru indices).
fn shape(v: &Value) -> Vec<(Value, Value)> {
    beads(v)
        .iter()
        .map(|b| (b["en"].clone(), b["ru"].clone()))
        .collect()
}

/// The beads cover both sides' sentences in order, each once.
fn assert_partition(v: &Value) {
    let (mut e, mut r) = (0, 0);
    for b in beads(v) {
        for (side, next) in [("en", &mut e), ("ru", &mut r)] {
            for i in b[side].as_array().unwrap() {
                assert_eq!(
                    i.as_u64().unwrap(),
                    *next as u64,
                    "{side} out of order in {b}"
                );
                *next += 1;
            }
        }
    }
    assert_eq!(e, v["en"].as_array().unwrap().len());
    assert_eq!(r, v["ru"].as_array().unwrap().len());
}

/// The first bead (from `from`) with `n_en` English and `n_ru` Russian sentences.
fn find(v: &Value, from: usize, n_en: usize, n_ru: usize) -> usize {
    beads(v)
        .iter()
        .enumerate()
        .skip(from)
        .position(|(_, b)| {
            b["en"].as_array().unwrap().len() == n_en && b["ru"].as_array().unwrap().len() == n_ru
        })
        .map(|p| p + from)
        .unwrap_or_else(|| panic!("no {n_en}-{n_ru} bead after {from}"))
}

fn act(s: &Server, body: Value) -> (u16, Value) {
    s.post("/api/reviews/1/actions", body)
}

/// Post `body`, expect 200 and a partition, then post its undo and expect the shape back.
fn act_and_undo(s: &Server, body: Value) -> Value {
    let (_, before) = s.get("/api/reviews/1");
    let (st, after) = act(s, body.clone());
    assert_eq!(st, 200, "{body}: {after}");
    assert_partition(&after);
    assert_ne!(shape(&after), shape(&before), "{body} changed nothing");
    let (st, back) = act(s, after["undo"].clone());
    assert_eq!(st, 200, "undo of {body}: {back}");
    assert_eq!(shape(&back), shape(&before), "undo of {body}");
    after
}

#[test]
fn every_review_action_works_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.sqlite");
    let s = review(&db, &[]);
    let (st, list) = s.get("/api/reviews");
    assert_eq!(st, 200);
    assert_eq!(
        list["reviews"][0]["name"],
        "tashkent-conference-2022.en-ru.txt"
    );
    let (st, v) = s.get("/api/reviews/1");
    assert_eq!(st, 200, "{v}");
    assert_partition(&v);
    let bs = beads(&v);
    assert!(bs.len() > 10, "{v}");
    // the share buttons and untranslated sentences stand alone, with a reason
    let one_sided = bs
        .iter()
        .find(|b| b["ru"].as_array().unwrap().is_empty())
        .expect("an English sentence without counterpart");
    assert_eq!(one_sided["reasons"][0]["code"], "one-sided");
    // glossary terms are found in both languages, with their equivalents
    let terms: Vec<&Value> = bs
        .iter()
        .flat_map(|b| b["terms"]["en"].as_array().unwrap())
        .collect();
    assert!(
        terms.iter().any(|t| t["term"] == "Joint Plan of Action"),
        "{terms:?}"
    );
    assert!(bs
        .iter()
        .any(|b| !b["terms"]["ru"].as_array().unwrap().is_empty()));

    let p = find(&v, 1, 1, 1);
    let (a, b) = (&bs[p], &bs[p + 1]);
    let merged = act_and_undo(
        &s,
        json!({"op": "merge", "beads": [bead_ref(a), bead_ref(b)]}),
    );
    assert_eq!(beads(&merged)[p]["score"], Value::Null);

    let (_, v) = s.get("/api/reviews/1");
    let bs = beads(&v);
    let p = find(&v, 1, 1, 1);
    let pair = [bead_ref(&bs[p]), bead_ref(&bs[p + 1])];
    for (side, to) in [("en", "first"), ("ru", "first"), ("en", "second")] {
        let (_, v) = s.get("/api/reviews/1");
        let bs = beads(&v);
        let pair = [bead_ref(&bs[p]), bead_ref(&bs[p + 1])];
        act_and_undo(
            &s,
            json!({"op": "move", "side": side, "to": to, "beads": pair}),
        );
    }
    let _ = pair;
    let (_, v) = s.get("/api/reviews/1");
    let p = find(&v, 1, 1, 1);
    act_and_undo(
        &s,
        json!({"op": "unpair", "beads": [bead_ref(&beads(&v)[p])]}),
    );

    // a split of a merged bead
    let (_, v) = s.get("/api/reviews/1");
    let bs = beads(&v);
    let (_, m) = act(
        &s,
        json!({"op": "merge", "beads": [bead_ref(&bs[p]), bead_ref(&bs[p + 1])]}),
    );
    act_and_undo(
        &s,
        json!({"op": "split", "en_at": 1, "ru_at": 1, "beads": [bead_ref(&beads(&m)[p])]}),
    );

    for op in ["confirm", "noise"] {
        let (_, v) = s.get("/api/reviews/1");
        let b = &beads(&v)[p];
        let (st, after) = act(&s, json!({"op": op, "beads": [bead_ref(b)]}));
        assert_eq!(st, 200, "{after}");
        let want = if op == "confirm" {
            "confirmed"
        } else {
            "noise"
        };
        assert_eq!(beads(&after)[p]["status"], want);
        assert_eq!(shape(&after), shape(&v), "{op} keeps the sentences");
        let (st, back) = act(&s, after["undo"].clone());
        assert_eq!(st, 200);
        assert_eq!(beads(&back)[p]["status"], "unconfirmed");
    }
}

#[test]
fn bad_review_requests_get_a_4xx_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = review(&dir.path().join("ws.sqlite"), &[]);
    let (_, v) = s.get("/api/reviews/1");
    let bs = beads(&v);
    let (a, b, c) = (bead_ref(&bs[1]), bead_ref(&bs[2]), bead_ref(&bs[3]));
    let stale = json!({"id": bs[1]["id"], "version": 99});
    let cases = [
        (json!({"op": "confirm", "beads": [stale]}), 409),
        (
            json!({"op": "confirm", "beads": [{"id": 999_999, "version": 1}]}),
            404,
        ),
        (json!({"op": "merge", "beads": [a, c]}), 400),
        (json!({"op": "merge", "beads": [b, a]}), 400),
        (json!({"op": "merge", "beads": [a]}), 400),
        (
            json!({"op": "split", "en_at": 0, "ru_at": 0, "beads": [a]}),
            400,
        ),
        (
            json!({"op": "split", "en_at": 5, "ru_at": 0, "beads": [a]}),
            400,
        ),
        (
            json!({"op": "move", "side": "xx", "to": "first", "beads": [a, b]}),
            422,
        ),
        (json!({"op": "explode", "beads": [a]}), 422),
        (json!({"beads": [a]}), 422),
    ];
    for (body, want) in cases {
        let (st, e) = act(&s, body.clone());
        assert_eq!(st, want, "{body}: {e}");
        assert!(e["error"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    }
    let (st, e) = s.post(
        "/api/reviews/7/actions",
        json!({"op": "confirm", "beads": [a]}),
    );
    assert_eq!(st, 404, "{e}");
    let (st, _) = s.get("/api/reviews/7");
    assert_eq!(st, 404);
    let (st, _) = s.get("/api/reviews/x");
    assert_eq!(st, 400);
    let (_, after) = s.get("/api/reviews/1");
    assert_eq!(after, v, "a refused request changed the review");
}

#[test]
fn two_tabs_do_not_lose_each_others_edits() {
    let dir = tempfile::tempdir().unwrap();
    let s = review(&dir.path().join("ws.sqlite"), &[]);
    // both tabs read the review, then each confirms a different bead
    let (_, tab) = s.get("/api/reviews/1");
    let bs = beads(&tab);
    let (st, _) = act(&s, json!({"op": "confirm", "beads": [bead_ref(&bs[3])]}));
    assert_eq!(st, 200);
    let (st, v) = act(&s, json!({"op": "confirm", "beads": [bead_ref(&bs[5])]}));
    assert_eq!(st, 200, "an edit of another bead is not stale: {v}");
    // the second tab, still on its old copy, merges the bead the first one confirmed: refused
    let (st, e) = act(
        &s,
        json!({"op": "merge", "beads": [bead_ref(&bs[3]), bead_ref(&bs[4])]}),
    );
    assert_eq!(st, 409, "{e}");
    assert_eq!(
        e["beads"][0]["version"],
        bs[3]["version"].as_i64().unwrap() + 1
    );
    let (_, now) = s.get("/api/reviews/1");
    assert_eq!(beads(&now)[3]["status"], "confirmed");
    assert_eq!(beads(&now)[5]["status"], "confirmed");
    assert_eq!(now["version"], tab["version"].as_i64().unwrap() + 2);
}

/// Text as it stands in XML.
pub fn escaped(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The data of a static report (`review --html`).
fn report_data(page: &str) -> Value {
    let start = page.find("window.TERMTOOL_DATA = ").unwrap() + "window.TERMTOOL_DATA = ".len();
    let end = start + page[start..].find(";</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

/// The workspace's memory, from `termtool export` (TMX), as text.
pub fn memory(db: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.tmx");
    run([
        "--db",
        db.to_str().unwrap(),
        "export",
        "--format",
        "tmx",
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    std::fs::read_to_string(out).unwrap()
}

/// `termtool review SEED` from an empty folder: the workspace's memory is the seed's alone.
fn review_alone(dir: &Path, extra: &[&str]) -> Server {
    let seed = root().join(SEED);
    let mut args = vec!["review", seed.to_str().unwrap(), "--bind", "127.0.0.1:0"];
    args.extend(extra);
    Server::launch_in(dir, &dir.join("ws.sqlite"), &args, &[])
}

#[test]
fn changes_survive_a_restart_and_a_new_alignment_keeps_confirmed_beads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.sqlite");
    let mut s = review_alone(dir.path(), &[]);
    let (_, v) = s.get("/api/reviews/1");
    let p = find(&v, 1, 1, 1);
    let bs = beads(&v);
    let (en_a, en_b) = (
        v["en"][bs[p]["en"][0].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string(),
        v["en"][bs[p + 1]["en"][0].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string(),
    );
    // a wrong merge, confirmed: the memory holds the merged pair, not the two
    let (_, m) = act(
        &s,
        json!({"op": "merge", "beads": [bead_ref(&bs[p]), bead_ref(&bs[p + 1])]}),
    );
    let (st, c) = act(
        &s,
        json!({"op": "confirm", "beads": [bead_ref(&beads(&m)[p])]}),
    );
    assert_eq!(st, 200);
    let noise = find(&c, p + 1, 1, 1);
    let (st, mut c) = act(
        &s,
        json!({"op": "noise", "beads": [bead_ref(&beads(&c)[noise])]}),
    );
    assert_eq!(st, 200);
    c.as_object_mut().unwrap().remove("undo");
    let noise_en = v["en"][beads(&c)[noise]["en"][0].as_u64().unwrap() as usize]["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(s.stop(), Some(0));
    let tmx = memory(&db);
    let merged = format!("{en_a} {en_b}");
    let xml = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    assert!(
        tmx.contains(&xml(&merged)),
        "the merged pair is not in the memory"
    );
    assert!(
        !tmx.contains(&format!("<seg>{}</seg>", xml(&en_a))),
        "the pair before the merge is still in the memory"
    );
    assert!(
        !tmx.contains(&xml(&noise_en)),
        "a noise bead went to the memory"
    );

    // a restart opens the review as it was left
    let mut s = review_alone(dir.path(), &[]);
    let (_, again) = s.get("/api/reviews/1");
    assert_eq!(again, c);
    s.stop();
    // a new alignment run keeps the confirmed and noise beads as they are
    let mut s = review_alone(dir.path(), &["--realign"]);
    let (_, re) = s.get("/api/reviews/1");
    assert_partition(&re);
    let kept: Vec<&Value> = beads(&re)
        .iter()
        .filter(|b| b["status"] != "unconfirmed")
        .collect();
    assert_eq!(kept.len(), 2, "{re}");
    assert_eq!(kept[0], &beads(&c)[p]);
    assert_eq!(kept[1], &beads(&c)[noise]);
    s.stop();
}

#[test]
fn glossary_candidates_by_confidence_and_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let s = review(&dir.path().join("ws.sqlite"), &[]);
    let (st, all) = s.get("/api/entries?status=all&limit=1000");
    assert_eq!(st, 200, "{all}");
    let es = all["entries"].as_array().unwrap();
    assert_eq!(all["total"].as_u64().unwrap() as usize, es.len());
    let conf: Vec<f64> = es
        .iter()
        .map(|e| e["confidence"].as_f64().unwrap())
        .collect();
    assert!(conf.windows(2).all(|w| w[0] >= w[1]), "not by confidence");
    let (_, cands) = s.get("/api/entries?limit=1000");
    let cands = cands["entries"].as_array().unwrap().clone();
    assert!(!cands.is_empty());
    assert!(cands.iter().all(|e| e["origin"] == "extracted"));
    let (a, r) = (&cands[0], &cands[1]);
    let (st, d) = s.post(
        &format!("/api/entries/{}/decision", a["id"].as_str().unwrap()),
        json!({"action": "accept", "version": a["version"]}),
    );
    assert_eq!(st, 200, "{d}");
    let (st, _) = s.post(
        &format!("/api/entries/{}/decision", r["id"].as_str().unwrap()),
        json!({"action": "reject", "version": r["version"]}),
    );
    assert_eq!(st, 200);
    let (_, after) = s.get("/api/entries?limit=1000");
    let ids: Vec<&Value> = after["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    assert!(!ids.contains(&&a["id"]) && !ids.contains(&&r["id"]));
    let (_, decided) = s.get(&format!(
        "/api/entries?status=decided&limit=1000&filter={}",
        enc(a["en"][0]["text"].as_str().unwrap())
    ));
    assert!(decided["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == a["id"]));
    for bad in [
        "status=maybe",
        "limit=0",
        "limit=100000",
        "sort=alphabet",
        "offset=x",
    ] {
        let (st, e) = s.get(&format!("/api/entries?{bad}"));
        assert_eq!(st, 400, "{bad}: {e}");
    }
}

#[test]
fn the_page_is_served_and_the_static_report_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.sqlite");
    let mut s = review(&db, &[]);
    for (path, kind) in [
        ("/", "text/html"),
        ("/assets/review.css", "text/css"),
        ("/assets/review.js", "text/javascript"),
    ] {
        let r = agent().get(&s.url(path)).call().unwrap();
        assert!(r.content_type().starts_with(kind), "{path}");
    }
    let (_, v) = s.get("/api/reviews/1");
    let (st, _) = act(
        &s,
        json!({"op": "confirm", "beads": [bead_ref(&beads(&v)[2])]}),
    );
    assert_eq!(st, 200);
    s.stop();
    let out = dir.path().join("report.html");
    run([
        "--db",
        db.to_str().unwrap(),
        "review",
        "--html",
        out.to_str().unwrap(),
        SEED,
    ])
    .ok();
    let page = std::fs::read_to_string(&out).unwrap();
    for external in [
        "src=\"http",
        "href=\"http",
        "@import",
        "url(http",
        "src=\"assets/",
        "href=\"assets/",
    ] {
        assert!(
            !page.contains(external),
            "the report links outside itself: {external}"
        );
    }
    let data = report_data(&page);
    assert_eq!(data["reviews"][0]["beads"][2]["status"], "confirmed");
    assert!(!data["entries"].as_array().unwrap().is_empty());
    // the same report again is byte-identical
    let again = dir.path().join("again.html");
    run([
        "--db",
        db.to_str().unwrap(),
        "review",
        "--html",
        again.to_str().unwrap(),
        SEED,
    ])
    .ok();
    assert_eq!(std::fs::read(&again).unwrap(), page.as_bytes());
}

/// An entry of the glossary with at least two terms in `lang`, and its id.
fn entry_with_variants(s: &Server, lang: &str) -> Value {
    entry_with_variants_but(s, lang, &Value::Null)
}

/// [`entry_with_variants`], other than the entry with id `but`.
fn entry_with_variants_but(s: &Server, lang: &str, but: &Value) -> Value {
    let (_, all) = s.get("/api/entries?status=all&limit=1000");
    all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e[lang].as_array().unwrap().len() >= 2
                && !e["en"].as_array().unwrap().is_empty()
                && e["id"] != *but
        })
        .unwrap_or_else(|| panic!("no entry with two {lang} terms"))
        .clone()
}

fn decide(s: &Server, e: &Value, body: Value) -> (u16, Value) {
    let mut body = body;
    body["version"] = e["version"].clone();
    s.post(
        &format!("/api/entries/{}/decision", e["id"].as_str().unwrap()),
        body,
    )
}

#[test]
fn glossary_terms_are_preferred_merged_and_split() {
    let dir = tempfile::tempdir().unwrap();
    let s = review(&dir.path().join("ws.sqlite"), &[]);
    // prefer a variant: it comes first, the old preferred term stays, admitted
    let e = entry_with_variants(&s, "en");
    let (first, second) = (e["en"][0]["text"].clone(), e["en"][1]["text"].clone());
    let (st, d) = decide(&s, &e, json!({"action": "prefer", "en": second}));
    assert_eq!(st, 200, "{d}");
    let after = &d["entry"];
    assert_eq!(after["en"][0]["text"], second);
    assert_eq!(after["en"][0]["status"], "preferred");
    assert!(after["en"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["text"] == first && t["status"] == "admitted"));
    assert_eq!(after["origin"], "curated");

    // split the old preferred term off into an entry of its own
    let (st, d) = decide(&s, after, json!({"action": "split", "en": first}));
    assert_eq!(st, 200, "{d}");
    assert!(!d["entry"]["en"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["text"] == first));
    let off = &d["split_off"];
    assert_eq!(off["en"][0]["text"], first, "{d}");
    assert_eq!(
        off["ru"].as_array().unwrap().len(),
        0,
        "only the English was split off"
    );

    // merge it back: its terms join the entry, and it is gone
    let kept = &d["entry"];
    let (st, m) = decide(
        &s,
        kept,
        json!({"action": "merge", "other": off["id"], "other_version": off["version"]}),
    );
    assert_eq!(st, 200, "{m}");
    assert!(m["entry"]["en"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["text"] == first));
    let (st, _) = s.get(&format!("/api/entries/{}", off["id"].as_str().unwrap()));
    assert_eq!(st, 404);

    // refused, nothing changed: a stale merge, a term the entry does not have, no other
    let now = &m["entry"];
    let other = entry_with_variants_but(&s, "ru", &now["id"]);
    let bad = [
        (
            json!({"action": "merge", "other": other["id"], "other_version": "0000"}),
            409,
        ),
        (
            json!({"action": "merge", "other": "c000000000000", "other_version": "x"}),
            404,
        ),
        (
            json!({"action": "merge", "other": now["id"], "other_version": now["version"]}),
            400,
        ),
        (json!({"action": "merge", "other": other["id"]}), 400),
        (
            json!({"action": "prefer", "en": "no such term anywhere"}),
            400,
        ),
        (json!({"action": "split"}), 400),
    ];
    for (body, want) in bad {
        let (st, e) = decide(&s, now, body.clone());
        assert_eq!(st, want, "{body}: {e}");
    }
    let (_, again) = s.get(&format!("/api/entries/{}", now["id"].as_str().unwrap()));
    assert_eq!(again["version"], now["version"]);
}

#[test]
fn a_paragraph_set_aside_is_a_reason_on_the_beads_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("mixed.txt");
    std::fs::write(
        &doc,
        "The Secretary-General opened the session on 3 March 2022 in Geneva.\n\n\
         Генеральный секретарь открыл сессию 3 марта 2022 года в Женеве.\n\n\
         Der Generalsekretär eröffnete die Sitzung in Genf und begrüßte alle Teilnehmer herzlich.\n\n\
         The delegates adopted the agenda without a vote.\n\n\
         Делегаты утвердили повестку дня без голосования.\n",
    )
    .unwrap();
    let out = dir.path().join("report.html");
    run([
        "--db",
        dir.path().join("ws.sqlite").to_str().unwrap(),
        "review",
        "--html",
        out.to_str().unwrap(),
        doc.to_str().unwrap(),
    ])
    .ok();
    let page = std::fs::read_to_string(&out).unwrap();
    let data = report_data(&page);
    let rv = &data["reviews"][0];
    assert_eq!(rv["skipped"][0]["lang"], "de", "{rv}");
    let near: Vec<&Value> = beads(rv)
        .iter()
        .filter(|b| {
            b["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["code"] == "skipped")
        })
        .collect();
    assert_eq!(
        near.len(),
        2,
        "the beads before and after the German paragraph: {rv}"
    );
    assert_eq!(near[0]["en"], json!([0]));
    assert_eq!(near[1]["en"], json!([1]));
}
