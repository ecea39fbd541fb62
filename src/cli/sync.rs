//! `termtool sync [DIR]`: take into the workspace what `termtool build` has rewritten in the
//! glossary folder; and the opening of a workspace to read it (`lookup`, `serve`), which builds
//! a new workspace from `glossary/` but otherwise never writes.
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use termtool::error::Result;
use termtool::store::{self, Store};
use termtool::workspace::{self, Opened, Synced};

/// The folder `build` writes by default, from which a new workspace is built.
pub const GLOSSARY_DIR: &str = "glossary";

/// Take glossary/termtool.tbx and glossary/memory.tmx into the workspace when `build` has
/// rewritten them (a new workspace takes them whatever they are). People's decisions recorded
/// in the workspace hold over the new files.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The glossary folder.
    #[arg(default_value = GLOSSARY_DIR)]
    pub dir: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: Args, ws: &store::Config) -> Result<i32> {
    let mut store = Store::open_with(ws)?;
    let fresh = store.is_empty()?;
    let synced = workspace::sync(&mut store, &a.dir, fresh)?;
    let counts = store.counts()?;
    let files: Vec<String> = synced
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    if a.json {
        let v = serde_json::json!({
            "workspace": store.path.display().to_string(),
            "files": files,
            "units_added": synced.units_added,
            "concepts": counts.concepts,
            "units": counts.units,
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("json"));
    } else if files.is_empty() {
        println!(
            "{}: already in step with {}",
            store.path.display(),
            a.dir.display()
        );
    } else {
        println!(
            "{}: took in {}: {} concepts, {} units ({} new)",
            store.path.display(),
            files.join(" and "),
            counts.concepts,
            counts.units,
            synced.units_added
        );
    }
    Ok(0)
}

/// After `build` has written `dir`: an existing workspace built from it takes the new files in
/// (a workspace that was not built from it is left alone; none is created).
pub fn after_build(ws: &store::Config, dir: &Path) -> Result<()> {
    if !ws.path.exists() {
        return Ok(());
    }
    let mut store = Store::open_with(ws)?;
    let synced = workspace::sync(&mut store, dir, false)?;
    if !synced.files.is_empty() {
        eprintln!("termtool: {}", summary(&store, &synced)?);
    }
    Ok(())
}

fn summary(store: &Store, synced: &Synced) -> Result<String> {
    let counts = store.counts()?;
    let names: Vec<String> = synced
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    Ok(format!(
        "the workspace {} took in {}: {} concepts and {} units ({} new)",
        store.path.display(),
        names.join(" and "),
        counts.concepts,
        counts.units,
        synced.units_added
    ))
}

/// Open the workspace to answer from it ([`workspace::open_to_answer`] on `glossary/`), saying
/// on stderr what a first use built, or that `glossary/` is newer than what it answers from.
pub fn open_workspace(ws: &store::Config) -> Result<Store> {
    let (store, opened) = workspace::open_to_answer(ws, Path::new(GLOSSARY_DIR))?;
    match opened {
        Opened::FirstUse(synced) if synced.files.is_empty() => eprintln!(
            "termtool: new empty workspace {} (no {}/ here to build it from)",
            store.path.display(),
            GLOSSARY_DIR
        ),
        Opened::FirstUse(synced) => eprintln!("termtool: first use: {}", summary(&store, &synced)?),
        Opened::Stale(files) => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            eprintln!(
                "termtool: note: {} changed since the workspace {} took it in; answering from the workspace (`termtool sync` takes it in)",
                names.join(" and "),
                store.path.display()
            );
        }
        Opened::Uncompared(e) => {
            eprintln!("termtool: warning: cannot compare {GLOSSARY_DIR}/ with the workspace: {e}")
        }
        Opened::Current => {}
    }
    Ok(store)
}
