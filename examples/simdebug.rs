use termtool::align::cost::{self, Model, Params, Vocabs};
use termtool::align::lexicon;
use termtool::text;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = text::read_file(std::path::Path::new(&a[1])).unwrap().text;
    let sides = termtool::align::split_mixed(&t, termtool::align::Segments::Paragraphs);
    let en: Vec<&str> = sides.en.iter().map(|p| p.text.as_str()).collect();
    let ru: Vec<&str> = sides.ru.iter().map(|p| p.text.as_str()).collect();
    let mut v = Vocabs::default();
    let (es, rs) = cost::prepare(&en, &ru, &mut v);
    let pairs: Vec<(Vec<u32>, Vec<u32>)> = (1..10).map(|i| (es.words[i].iter().map(|x| x.0).collect(), rs.words[i].iter().map(|x| x.0).collect())).collect();
    let lex = lexicon::train(&pairs, v.en.len(), v.ru.len());
    let m = Model::new(&es, &rs, if a.len() > 2 { Some(&lex) } else { None }, Params::default());
    for i in 0..en.len() {
        let mut row = String::new();
        for j in 0..ru.len() {
            row.push_str(&format!("{:3.0}", 100.0 * m.sim(i..i + 1, j..j + 1)));
        }
        let mut row2 = String::new();
        for j in 0..ru.len() {
            row2.push_str(&format!("{:3.0}", m.len_cost(i..i + 1, j..j + 1)));
        }
        println!("{:2} {}   {}", i, row, row2);
    }
    println!("ratio {}", m.ratio);
}
