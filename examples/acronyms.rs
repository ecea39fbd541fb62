//! Acronym definitions found by termtool and by the published Schwartz & Hearst algorithm.
fn main() {
    for path in std::env::args().skip(1) {
        let t = termtool::text::read_file(std::path::Path::new(&path))
            .unwrap()
            .text;
        let ours: Vec<(String, String)> =
            termtool::terms::acronym::definitions(&t, termtool::text::Lang::En)
                .into_iter()
                .map(|d| (d.short, d.long))
                .collect();
        let base = termtool::terms::acronym::schwartz_hearst(&t);
        println!(
            "{}: termtool {} definitions, Schwartz & Hearst {}",
            path,
            ours.len(),
            base.len()
        );
        for (s, l) in &ours {
            println!("  termtool  {} = {}", s, l);
        }
        for (s, l) in &base {
            println!("  baseline  {} = {}", s, l);
        }
    }
}
