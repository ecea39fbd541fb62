//! `termtool extract [FILE...]`: extract a bilingual glossary from documents (or, with no
//! files, from the workspace's translation memory) and print it.
use super::progress::Progress;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use termtool::error::Result;
use termtool::glossary::{curated, io, Glossary};
use termtool::pipeline;
use termtool::store;
use termtool::store::Store;
use termtool::terms;
use termtool::text::printable;
use termtool::workspace;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Documents to extract from; none: the workspace's memory.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Shorthand for --format json.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many concepts (most confident first); 0 = all.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Curated decisions to apply (default: glossary/curated.csv when it exists); the decisions
    /// imported into the workspace are applied after them.
    #[arg(long, value_name = "FILE")]
    pub curated: Option<PathBuf>,
    /// Also store the extracted glossary in the workspace, merged concept by concept with what
    /// it holds (curated, imported and confirmed entries stay; a report goes to stderr).
    #[arg(long)]
    pub save: bool,
    /// With --save: remove the extracted entries that this extraction does not hold.
    #[arg(long, requires = "save")]
    pub replace: bool,
    /// Explain on stderr why candidates containing TEXT were or were not kept and paired.
    #[arg(long, value_name = "TEXT")]
    pub explain: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Tbx,
}

pub fn run(args: Args, ws: &store::Config) -> Result<i32> {
    let progress = Progress::new("extracting");
    let corpus = if args.files.is_empty() {
        progress.step("reading the workspace's memory");
        let path = &ws.path;
        if !path.exists() {
            return Err(termtool::error::Error::input(
                path,
                "no workspace here; import a memory first (termtool import FILE) or give documents to extract from",
            ));
        }
        workspace::memory_corpus(&Store::open_with(ws)?)?
    } else {
        progress.step("reading and aligning the documents");
        pipeline::read_corpus(&args.files)?.0
    };
    let mut g = terms::extract_with(
        &corpus,
        &terms::Options {
            explain: args.explain.clone(),
        },
        &progress,
    );
    progress.done();
    let cur = args
        .curated
        .clone()
        .or_else(|| Some(PathBuf::from("glossary/curated.csv")).filter(|p| p.exists()));
    if let Some(p) = cur {
        curated::apply(&mut g, &curated::read(&p)?);
    }
    // the decisions recorded in the workspace (termtool import decisions.csv) come last
    if ws.path.exists() {
        curated::apply(&mut g, &Store::open_with(ws)?.decisions()?);
    }
    if args.save {
        let mut store = Store::open_with(ws)?;
        let r = store.merge_extracted(&g, args.replace)?;
        eprintln!(
            "termtool: saved the extraction in {}: {} added, {} changed, {} unchanged, {} earlier entries {}, {} left to people's entries",
            store.path.display(),
            r.added,
            r.changed,
            r.unchanged,
            if args.replace { r.removed } else { r.kept },
            if args.replace { "removed" } else { "kept (--replace removes them)" },
            r.skipped,
        );
    }
    let mut by_conf = g.concepts.clone();
    by_conf.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.id.cmp(&b.id)));
    if args.limit > 0 {
        by_conf.truncate(args.limit);
        g = Glossary {
            concepts: by_conf.clone(),
        };
        g.normalize();
    }
    let format = if args.json { Format::Json } else { args.format };
    let out = match format {
        Format::Json => {
            serde_json::to_string_pretty(&Glossary {
                concepts: by_conf.clone(),
            })
            .expect("json")
                + "\n"
        }
        Format::Csv => io::write(&g, io::Format::Csv),
        Format::Tbx => io::write(&g, io::Format::Tbx),
        Format::Text => {
            let mut s = String::new();
            for c in &by_conf {
                let side = |terms: &[termtool::glossary::Term], lang: &str| {
                    if c.missing() != Some(lang) {
                        let t: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
                        return t.join(" | ");
                    }
                    match c.suggestion() {
                        Some(s) => format!("(missing; suggested: {s})"),
                        None => "(missing)".to_string(),
                    }
                };
                // the text of imported entries must not drive the terminal
                s.push_str(&format!(
                    "{:.2}  {}  =  {}\n",
                    c.confidence,
                    printable(&side(&c.en, "en")),
                    printable(&side(&c.ru, "ru"))
                ));
            }
            s
        }
    };
    super::output::emit(None, out.as_bytes())?;
    Ok(if by_conf.is_empty() { 1 } else { 0 })
}
