//! `termtool review`: align documents (or open what the workspace holds) and review them in the
//! browser, on the server of `termtool serve`; or write a static report (`--html`).
use super::output::emit;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use termtool::error::{Error, Result};
use termtool::index::terms::TermMatcher;
use termtool::review::{view::view, Review};
use termtool::server::review::static_page;
use termtool::store::{self, review_name, DocKind, Document, ReviewOpened, ReviewRecord, Store};

/// Review alignments and glossary candidates in the browser (docs/review.md).
///
/// With files, aligns them (one file holding both languages, or the English file then the
/// Russian file) and stores the alignment for review; a document reviewed before is opened as
/// it was left (--realign aligns it again, keeping every confirmed bead). Without files, serves
/// the reviews the workspace holds. Prints the page's URL and serves until Ctrl-C.
#[derive(ClapArgs, Debug)]
pub struct Args {
    #[arg(num_args = 0..=2, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Align a document reviewed before again: its unconfirmed beads take the new alignment,
    /// confirmed and noise beads stay as they are.
    #[arg(long)]
    pub realign: bool,
    /// Write a self-contained, read-only report (one HTML file, no server) instead of serving.
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
    /// Print the URL and what was opened as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub serve: super::serve::Args,
}

pub fn run(a: Args, ws: &store::Config) -> Result<i32> {
    if let Some(out) = &a.html {
        return report(&a, out, ws);
    }
    let config = a.serve.config(ws)?;
    let opened = match a.files.is_empty() {
        true => None,
        false => {
            let flat = super::align::sentence_beads(&a.files)?;
            let docs = documents(&a.files)?;
            // built from glossary/ on first use, as `serve` and `lookup` do
            drop(super::sync::open_workspace(ws)?);
            let mut store = Store::open_with(ws)?;
            let (id, how) = store.open_review(
                &ReviewRecord {
                    en_doc: &docs[0],
                    ru_doc: docs.get(1),
                    flat: &flat,
                },
                a.realign,
            )?;
            eprintln!("termtool: review {id}: {}", said(how));
            Some(id)
        }
    };
    let token = config.editor_token.clone();
    let json = a.json;
    super::serve::serve(config, move |addr| {
        let mut url = format!("http://{addr}/");
        if let Some(t) = &token {
            url.push_str(&format!("?token={t}"));
        }
        url.push_str(&match opened {
            Some(id) => format!("#/review/{id}"),
            None => "#/".to_string(),
        });
        if json {
            println!("{}", serde_json::json!({ "url": url, "review": opened }));
        } else {
            println!("{url}");
        }
        eprintln!(
            "termtool: reviewing {} on http://{addr}/ (Ctrl-C stops)",
            ws.path.display()
        );
    })?;
    Ok(0)
}

fn said(how: ReviewOpened) -> String {
    match how {
        ReviewOpened::New => "new, aligned and stored".into(),
        ReviewOpened::Kept => {
            "opened as it was left (--realign aligns it again, keeping confirmed beads)".into()
        }
        ReviewOpened::Realigned(kept) => {
            format!("aligned again; {kept} confirmed or noise beads kept as they were")
        }
    }
}

fn documents(files: &[PathBuf]) -> Result<Vec<Document>> {
    files
        .iter()
        .map(|f| Document::from_file(f, DocKind::Text))
        .collect()
}

/// `--html`: the reviews of the files (as the workspace holds them, else aligned now) or every
/// review of the workspace, with the glossary, as one read-only page.
fn report(a: &Args, out: &std::path::Path, ws: &store::Config) -> Result<i32> {
    let store = if ws.path.exists() {
        Some(Store::open_to_read(ws)?)
    } else {
        None
    };
    let mut reviews: Vec<Review> = Vec::new();
    if a.files.is_empty() {
        let Some(st) = &store else {
            return Err(Error::Usage(format!(
                "{} holds no reviews: give the files to report on",
                ws.path.display()
            )));
        };
        for info in st.reviews()? {
            reviews.extend(st.review(info.id)?);
        }
    } else {
        let docs = documents(&a.files)?;
        let stored = match &store {
            Some(st) => st.find_review(&docs[0], docs.get(1))?,
            None => None,
        };
        let rv = match stored {
            Some(rv) => rv,
            None => {
                let mut n = 0;
                super::align::sentence_beads(&a.files)?.review(
                    1,
                    &review_name(&docs[0], docs.get(1)),
                    || {
                        n += 1;
                        n
                    },
                )
            }
        };
        reviews.push(rv);
    }
    let concepts = match &store {
        Some(st) => st.glossary()?.concepts,
        None => Vec::new(),
    };
    let matcher = TermMatcher::new(&concepts);
    let views: Vec<_> = reviews.iter().map(|r| view(r, Some(&matcher))).collect();
    let entries = concepts.len();
    emit(Some(out), static_page(&views, concepts).as_bytes())?;
    eprintln!(
        "termtool: wrote {} ({} review(s), {entries} glossary entries)",
        out.display(),
        views.len(),
    );
    Ok(0)
}
