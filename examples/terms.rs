fn main() {
    let dir = std::env::args().nth(1).unwrap_or("seeds".into());
    let paths = termtool::pipeline::documents_in(std::path::Path::new(&dir)).unwrap();
    let (corpus, _) = termtool::pipeline::read_corpus(&paths).unwrap();
    let g = termtool::terms::extract(&corpus);
    for c in &g.concepts {
        let en: Vec<String> = c.en.iter().map(|t| format!("{}{}", t.text, t.variant_of.as_ref().map(|v| format!("[{}]", v.kind)).unwrap_or_default())).collect();
        let ru: Vec<String> = c.ru.iter().map(|t| t.text.clone()).collect();
        println!("{:.2} {} = {}", c.confidence, en.join(" | "), ru.join(" | "));
    }
}
