//! Issue 12, end to end in a real browser: headless Chromium driven through chromedriver
//! (WebDriver, `fantoccini`) opens the seed's alignment in `termtool review`, merges and
//! confirms beads by keyboard, accepts and rejects glossary candidates, reloads and finds every
//! change kept, and the memory export has the corrected pair.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver; `.ci/run` installs
//! them): ignored by default, run by `.ci/run` (`--ignored external_`); fails when they are
//! missing. With `TERMTOOL_SCREENSHOTS=DIR` it also saves the two pages as PNG there.

use crate::common::*;
use crate::http::*;
use crate::review::{escaped, memory};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the page may take to show a change.
const WAIT: Duration = Duration::from_secs(20);

/// The first of `names` found on PATH (panics naming what to install).
fn program(names: &[&str], package: &str) -> String {
    for n in names {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {n}")])
            .output()
            .unwrap();
        if found.status.success() {
            return String::from_utf8(found.stdout).unwrap().trim().to_string();
        }
    }
    panic!("none of {names:?} is installed: install {package} (`.ci/run` does)")
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start chromedriver on a free port and wait until it answers.
fn chromedriver() -> (Driver, u16) {
    let exe = program(&["chromedriver"], "chromium-driver");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < WAIT, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, port)
}

async fn browser(port: u16) -> Client {
    let chromium = program(
        &["chromium", "chromium-browser", "google-chrome"],
        "chromium",
    );
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900"],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session in headless Chromium")
}

/// Wait until `css` matches (`present`) or matches nothing (`!present`).
async fn wait_for(c: &Client, css: &str, present: bool) {
    let start = Instant::now();
    loop {
        let n = c.find_all(Locator::Css(css)).await.unwrap().len();
        if (n > 0) == present {
            return;
        }
        assert!(
            start.elapsed() < WAIT,
            "{css} {} after {WAIT:?}",
            if present {
                "never appeared"
            } else {
                "never went"
            }
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn ready(c: &Client) {
    wait_for(c, "body[data-ready='1']", true).await;
}

/// Press keys (a modifier held while the others are pressed, if given).
async fn press(c: &Client, modifier: Option<Key>, key: char) {
    let mut k = KeyActions::new("keyboard".into());
    if let Some(m) = modifier {
        k = k.then(KeyAction::Down { value: m.into() });
    }
    k = k
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    if let Some(m) = modifier {
        k = k.then(KeyAction::Up { value: m.into() });
    }
    c.perform_actions(k).await.unwrap();
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn screenshot(c: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("TERMTOOL_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        std::fs::write(Path::new(&dir).join(name), png).unwrap();
    }
}

#[test]
#[ignore = "needs chromium and chromedriver; .ci/run runs it"]
fn external_browser_review_keeps_every_change() {
    let (_driver, port) = chromedriver();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.sqlite");
    let mut s = Server::launch(&db, &["review", SEED, "--bind", "127.0.0.1:0"], &[]);
    let (_, v) = s.get("/api/reviews/1");
    let bs = v["beads"].as_array().unwrap();
    let one_one = |b: &Value| {
        b["en"].as_array().unwrap().len() == 1 && b["ru"].as_array().unwrap().len() == 1
    };
    let p = (1..bs.len() - 1)
        .find(|&i| one_one(&bs[i]) && one_one(&bs[i + 1]))
        .expect("two 1-1 beads in a row");
    let (a, b, q) = (&bs[p]["id"], &bs[p + 1]["id"], &bs[p + 3]["id"]);
    let text = |side: &str, bead: &Value| -> String {
        v[side][bead[side][0].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let merged_en = format!("{} {}", text("en", &bs[p]), text("en", &bs[p + 1]));

    let rt = tokio::runtime::Runtime::new().unwrap();
    let (accepted, rejected) = rt.block_on(async {
        let c = browser(port).await;
        c.goto(&format!("{}/#/review/1", s.base)).await.unwrap();
        ready(&c).await;
        // merge two beads with Ctrl+Backspace, confirm another with S
        click(&c, &format!(".bead[data-id='{a}']")).await;
        press(&c, Some(Key::Control), char::from(Key::Backspace)).await;
        wait_for(&c, &format!(".bead[data-id='{b}']"), false).await;
        click(&c, &format!(".bead[data-id='{q}']")).await;
        press(&c, None, 's').await;
        wait_for(
            &c,
            &format!(".bead[data-id='{q}'][data-status='confirmed']"),
            true,
        )
        .await;
        screenshot(&c, "review-alignment.png").await;

        // the glossary page: accept the first candidate, reject the second
        c.goto(&format!("{}/#/glossary", s.base)).await.unwrap();
        ready(&c).await;
        wait_for(&c, ".entry", true).await;
        let cards = c.find_all(Locator::Css(".entry")).await.unwrap();
        let ids: Vec<String> = {
            let mut v = Vec::new();
            for card in cards.iter().take(2) {
                v.push(card.attr("data-id").await.unwrap().unwrap());
            }
            v
        };
        for (id, action) in [(&ids[0], "accept"), (&ids[1], "reject")] {
            click(&c, &format!(".entry[data-id='{id}']")).await;
            click(
                &c,
                &format!(".entry[data-id='{id}'] [data-action='{action}']"),
            )
            .await;
            let state = if action == "accept" {
                "accepted"
            } else {
                "rejected"
            };
            wait_for(
                &c,
                &format!(".entry[data-id='{id}'][data-state='{state}']"),
                true,
            )
            .await;
        }
        screenshot(&c, "review-glossary.png").await;

        // reload: every change is still there
        c.refresh().await.unwrap();
        ready(&c).await;
        wait_for(&c, ".entry", true).await;
        for id in &ids {
            wait_for(&c, &format!(".entry[data-id='{id}']"), false).await;
        }
        c.goto(&format!("{}/#/review/1", s.base)).await.unwrap();
        c.refresh().await.unwrap();
        ready(&c).await;
        wait_for(&c, &format!(".bead[data-id='{a}']"), true).await;
        wait_for(&c, &format!(".bead[data-id='{b}']"), false).await;
        wait_for(
            &c,
            &format!(".bead[data-id='{q}'][data-status='confirmed']"),
            true,
        )
        .await;
        c.close().await.unwrap();
        (ids[0].clone(), ids[1].clone())
    });

    let (_, decided) = s.get("/api/entries?status=decided&limit=1000");
    let decided: Vec<&Value> = decided["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    assert!(
        decided.contains(&&json!(accepted)),
        "the accepted entry is not decided"
    );
    assert!(
        !decided.contains(&&json!(rejected)),
        "the rejected entry is still there"
    );
    assert_eq!(s.stop(), Some(0));
    let tmx = memory(&db);
    assert!(
        tmx.contains(&format!("<seg>{}</seg>", escaped(&merged_en))),
        "the memory lacks the merged pair"
    );
}
