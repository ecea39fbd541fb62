//! Property tests (issue 10), through the real binary: on random documents every paragraph is in
//! exactly one bead, in order; every term of the shipped glossary finds its own entry.

use crate::common::*;
use std::collections::BTreeSet;
use std::fs;

/// A small deterministic generator (the tests must give the same cases on every run).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn every_paragraph_is_in_exactly_one_bead_in_order() {
    let seed = fs::read_to_string(root().join(SEED)).unwrap();
    let paras: Vec<&str> = seed
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let d = tempfile::tempdir().unwrap();
    let mut rng = Rng(20261202);
    for case in 0..25 {
        // paragraphs of the seed (both languages, a footer in a third) drawn at random, some
        // repeated, some cut, in random order
        let n = 2 + rng.below(30);
        let mut doc = Vec::new();
        for _ in 0..n {
            let p = paras[rng.below(paras.len())];
            let cut = p
                .char_indices()
                .nth(rng.below(p.chars().count()) + 1)
                .map_or(p.len(), |x| x.0);
            doc.push(if rng.below(4) == 0 { &p[..cut] } else { p });
        }
        let f = d.path().join(format!("case{case}.txt"));
        fs::write(&f, doc.join("\n\n")).unwrap();
        let r = run(["align", f.to_str().unwrap(), "--format", "json"]);
        assert_no_panic(&r.stderr);
        if r.code == Some(2) {
            // one language only: refused with a clear error, as documented
            assert!(
                r.stderr.contains("no English") || r.stderr.contains("no Russian"),
                "{}",
                r.stderr
            );
            continue;
        }
        let v = json(&r.ok().stdout);
        let skipped: BTreeSet<u64> = v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["index"].as_u64().unwrap())
            .collect();
        let side = |k: &str| -> Vec<u64> {
            v["beads"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|b| b[k].as_array().unwrap().iter().map(|x| x.as_u64().unwrap()))
                .collect()
        };
        for k in ["en", "ru"] {
            let got = side(k);
            let mut sorted = got.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(
                got, sorted,
                "case {case}: {k} units repeated or out of order"
            );
            assert_eq!(
                got,
                (0..got.len() as u64).collect::<Vec<_>>(),
                "case {case}: a {k} unit is missing"
            );
        }
        let _ = skipped;
    }
}

#[test]
fn every_term_of_the_shipped_glossary_finds_its_entry() {
    let csv = fs::read_to_string(root().join("glossary/termtool.csv")).unwrap();
    let mut rdr = ::csv::Reader::from_reader(csv.as_bytes());
    let mut queries: Vec<(String, String)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let id = rec[0].to_string();
        for col in [1, 2, 3, 4] {
            for t in rec[col]
                .split(" | ")
                .map(str::trim)
                .filter(|t| !t.is_empty())
            {
                queries.push((t.to_string(), id.clone()));
            }
        }
    }
    assert!(queries.len() > 300, "{} terms", queries.len());
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("ws.sqlite");
    let input: String = queries.iter().map(|(q, _)| format!("{q}\n")).collect();
    let out = run_with_stdin(
        termtool()
            .args(["lookup", "--stdin"])
            .env("TERMTOOL_DB", &db),
        input.as_bytes(),
    );
    let answers: Vec<serde_json::Value> = out
        .out()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), queries.len());
    let missed: Vec<&(String, String)> = queries
        .iter()
        .zip(&answers)
        .filter(|((_, id), a)| {
            !a["glossary"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["id"].as_str() == Some(id.as_str()))
        })
        .map(|(q, _)| q)
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} terms do not find their entry: {:?}",
        missed.len(),
        queries.len(),
        &missed[..missed.len().min(10)]
    );
}
