//! `termtool import`: read translation memories (TMX, TSV, CSV) and glossaries into the
//! workspace, all files in one transaction.
use super::progress::Progress;
use clap::Args as ClapArgs;
use std::io::Write;
use std::path::PathBuf;
use termtool::error::{Error, Result};
use termtool::memory;
use termtool::store::{self, Store};
use termtool::workspace::{self, ImportSummary as Summary};

/// Import translation memories and glossaries into the workspace (`--db`, `$TERMTOOL_DB` or
/// `.termtool/workspace.sqlite`).
///
/// A memory is a TMX file (1.1–1.4b; the English and Russian variants of each unit), or a
/// two-column English/Russian TSV or CSV file with an optional header line `en<TAB>ru` /
/// `en,ru` (a third column of scores between 0 and 1 is kept). The same unit is never stored
/// twice: importing a file again adds nothing. A glossary (`.tbx`, or a CSV whose header has
/// `id`, `en` and `ru` columns) is stored as imported concepts. A decisions file (a CSV with
/// the columns `action,id,en,ru,note`, like `glossary/curated.csv`) is recorded in the
/// workspace: it is applied to the stored glossary now and to every later extraction, so a
/// rejected pair never comes back. All files go in one transaction: if one file cannot be
/// read, nothing is imported.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Memory files (.tmx, .tsv, .tab, .csv), glossaries (.tbx, .csv with an id column) and
    /// decisions (.csv with an action column); other names are recognised by their content.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ws: &store::Config) -> Result<i32> {
    let progress = Progress::new("importing");
    let mut loaded = Vec::with_capacity(args.files.len());
    for (i, path) in args.files.iter().enumerate() {
        progress.step(&format!(
            "reading {} [{}/{}]",
            path.display(),
            i + 1,
            args.files.len()
        ));
        loaded.push(memory::load(path)?);
    }
    progress.step(&format!(
        "writing {} units to the workspace",
        loaded.iter().map(|l| l.units.len()).sum::<usize>()
    ));
    let mut store = Store::open_with(ws)?;
    // The report is written before the commit: a report that cannot be written (stdout on a
    // full device, a closed pipe) leaves the workspace as it was, so that exit 2 always means
    // nothing was stored.
    workspace::import(&mut store, &loaded, |summary| {
        let out = if args.json {
            let mut s = serde_json::to_string_pretty(summary).expect("the summary serialises");
            s.push('\n');
            s
        } else {
            render(summary)
        };
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(out.as_bytes())
            .and_then(|_| stdout.flush())
            .map_err(|e| Error::io("<stdout>", e))
    })?;
    progress.done();
    Ok(0)
}

fn render(s: &Summary) -> String {
    let mut out = String::new();
    for f in &s.files {
        let what = match f.kind {
            "glossary" => "concepts",
            "decisions" => "decisions",
            _ => "units",
        };
        out.push_str(&format!(
            "{}: {}, {} {} read, {} added",
            f.path, f.format, f.read, what, f.added
        ));
        if f.read == 0 && f.format == "tmx" {
            out.push_str(" (no units with both English and Russian)");
        }
        if f.duplicates > 0 {
            out.push_str(&format!(", {} duplicates", f.duplicates));
        }
        if f.empty > 0 {
            out.push_str(&format!(", {} with an empty side left out", f.empty));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "imported {} file{}: {} units read, {} added, {} duplicates",
        s.files.len(),
        if s.files.len() == 1 { "" } else { "s" },
        s.read,
        s.added,
        s.duplicates
    ));
    if s.files.iter().any(|f| f.kind == "glossary") {
        out.push_str(&format!(
            "; {} concepts read, {} added",
            s.concepts_read, s.concepts_added
        ));
    }
    if s.files.iter().any(|f| f.kind == "decisions") {
        out.push_str(&format!(
            "; {} decisions read, {} new",
            s.decisions_read, s.decisions_added
        ));
    }
    if s.concepts_changed > 0 {
        out.push_str(&format!(
            "; decisions changed {} stored concepts",
            s.concepts_changed
        ));
    }
    out.push_str(&format!(
        "; the workspace {} holds {} units and {} concepts\n",
        s.workspace, s.units, s.concepts
    ));
    out
}
