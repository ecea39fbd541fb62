//! `termtool build [DIR] [-o OUT]`: the whole pipeline on a folder of documents: read, align,
//! extract, apply curated decisions, and write the glossary files (TBX, TBX 2019, CSV, OmegaT
//! TSV) and the aligned memory (TMX) to OUT.
use super::output::emit_all;
use super::progress::Progress;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use termtool::error::Result;
use termtool::pipeline;

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

pub fn run(args: Args, ws: &termtool::store::Config) -> Result<i32> {
    let cur = args.curated.clone().or_else(|| {
        let p = args.output.join("curated.csv");
        p.exists().then_some(p)
    });
    let progress = Progress::new("building");
    let built = pipeline::build(&args.dir, cur.as_deref(), &progress)?;
    progress.done();
    let (g, pairs) = (&built.glossary, &built.pairs);
    std::fs::create_dir_all(&args.output)
        .map_err(|e| termtool::error::Error::io(&args.output, e))?;
    let out: Vec<(PathBuf, Vec<u8>)> = built
        .files()
        .into_iter()
        .map(|(name, bytes)| (args.output.join(name), bytes))
        .collect();
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
