//! `termtool build [DIR] [-o OUT]`: the whole pipeline on a folder of documents: read, align,
//! extract, apply curated decisions, and write the glossary files (TBX, TBX 2019, CSV, OmegaT
//! TSV) and the aligned memory (TMX) to OUT.
use super::output::emit_all;
use super::progress::Progress;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use termtool::error::Result;
use termtool::glossary::{curated, io, Glossary};
use termtool::{pipeline, terms};

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// A folder of documents (English, Russian, or both in one file).
    #[arg(default_value = "seeds")]
    pub dir: PathBuf,
    /// Where to write the glossary files.
    #[arg(short, long, default_value = "glossary")]
    pub output: PathBuf,
    /// Curated decisions (default: OUT/curated.csv when it exists).
    #[arg(long, value_name = "FILE")]
    pub curated: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The files `build` writes, by name.
pub const FILES: [(&str, io::Format); 4] = [
    ("termtool.tbx", io::Format::Tbx),
    ("termtool.2019.tbx", io::Format::Tbx2019),
    ("termtool.csv", io::Format::Csv),
    ("termtool.omegat.tsv", io::Format::Tsv),
];

/// Run the pipeline and return the glossary and the aligned sentence pairs.
pub fn glossary_of(
    dir: &Path,
    curated_path: Option<&Path>,
) -> Result<(Glossary, Vec<(String, String)>)> {
    let progress = Progress::new("building");
    progress.step("reading and aligning the documents");
    let paths = pipeline::documents_in(dir)?;
    let (corpus, _) = pipeline::read_corpus(&paths)?;
    let mut g = terms::extract_with(&corpus, &terms::Options::default(), &progress);
    progress.done();
    if let Some(p) = curated_path {
        let decisions = curated::read(p)?;
        curated::apply(&mut g, &decisions);
    }
    let pairs = corpus
        .segments
        .iter()
        .filter_map(|s| Some((s.en.clone()?, s.ru.clone()?)))
        .collect();
    Ok((g, pairs))
}

pub fn run(args: Args, ws: &termtool::store::Config) -> Result<i32> {
    let cur = args.curated.clone().or_else(|| {
        let p = args.output.join("curated.csv");
        p.exists().then_some(p)
    });
    let (g, pairs) = glossary_of(&args.dir, cur.as_deref())?;
    std::fs::create_dir_all(&args.output)
        .map_err(|e| termtool::error::Error::io(&args.output, e))?;
    let mut out: Vec<(PathBuf, Vec<u8>)> = FILES
        .iter()
        .map(|(name, fmt)| (args.output.join(name), io::write(&g, *fmt).into_bytes()))
        .collect();
    let header = termtool::memory::tmx::Header::new(termtool::memory::tmx::SegType::Sentence);
    out.push((
        args.output.join("memory.tmx"),
        termtool::memory::tmx::write_pairs_with(&pairs, &header).into_bytes(),
    ));
    // all old files or all new ones, even on Ctrl-C
    emit_all(&out)?;
    super::sync::after_build(ws, &args.output)?;
    let files: Vec<String> = out.iter().map(|(p, _)| p.display().to_string()).collect();
    if args.json {
        let v =
            serde_json::json!({"concepts": g.concepts.len(), "units": pairs.len(), "files": files});
        println!("{}", serde_json::to_string_pretty(&v).expect("json"));
    } else {
        println!(
            "{} concepts, {} aligned units",
            g.concepts.len(),
            pairs.len()
        );
        for f in files {
            println!("wrote {}", f);
        }
    }
    Ok(0)
}
