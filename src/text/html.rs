//! HTML pages as text (`scraper`, on html5ever: the parser browsers' specification describes,
//! so broken markup reads as a browser would show it). Each block (paragraph, heading, list
//! item, table cell, quotation…) becomes a paragraph, separated by blank lines; `<br>` breaks a
//! line inside one. Scripts, styles, templates and the document's head are left out.
use scraper::{ElementRef, Html, Node};

/// Elements whose text starts and ends a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "figcaption",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "address",
    "tr",
    "ul",
    "ol",
    "dl",
    "table",
    "form",
    "fieldset",
    "body",
];
/// Elements whose content is no text of the page.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math",
];

/// How far blocks nest before deeper ones are read as inline (a hostile page cannot exhaust
/// the stack: html5ever itself caps the tree's depth, and the walk below keeps its own stack).
const MAX_DEPTH: usize = 512;

/// Whether bytes look like an HTML page (a doctype or an `<html>` near the start).
pub fn is_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || (t.starts_with("<!--") && t.contains("<html"))
}

/// The page's text: blocks as paragraphs separated by blank lines.
pub fn text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    // inside <pre> the text keeps its lines (and blank lines between paragraphs)
    let mut pre = 0usize;
    let flush = |cur: &mut String, out: &mut Vec<String>, pre: bool| {
        let p = if pre {
            cur.trim().to_string()
        } else {
            cur.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    // an explicit stack: (node, entering?)
    let mut stack = vec![(doc.tree.root(), true, 0usize)];
    while let Some((node, entering, depth)) = stack.pop() {
        match node.value() {
            Node::Text(t) if entering => cur.push_str(t),
            Node::Element(_) => {
                let el = ElementRef::wrap(node).expect("an element node");
                let name = el.value().name();
                let block = BLOCKS.contains(&name) && depth < MAX_DEPTH;
                if entering {
                    if SKIP.contains(&name) {
                        continue;
                    }
                    if name == "br" {
                        cur.push(if pre > 0 { '\n' } else { ' ' });
                        continue;
                    }
                    if block {
                        flush(&mut cur, &mut paragraphs, pre > 0);
                    }
                    pre += usize::from(name == "pre");
                    stack.push((node, false, depth));
                    for child in node.children().rev() {
                        stack.push((child, true, depth + 1));
                    }
                } else {
                    if block {
                        flush(&mut cur, &mut paragraphs, pre > 0);
                    }
                    pre -= usize::from(name == "pre");
                }
            }
            Node::Document | Node::Fragment if entering => {
                for child in node.children().rev() {
                    stack.push((child, true, depth + 1));
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut paragraphs, false);
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_scripts_go() {
        let page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a href='#'>Share</a></nav><h1>Joint Plan of Action</h1>\
            <p>The <b>conference</b> opens<br>on 3 March.</p><script>var x = 1;</script>\
            <ul><li>one</li><li>two <i>items</i></li></ul><table><tr><td>a</td><td>b</td></tr></table>\
            <p>Unclosed paragraph<p>Next<pre>line one\nline two\n\nsecond  block</pre></body></html>";
        assert!(is_html(page.as_bytes()));
        assert_eq!(
            text(page),
            "Share\n\nJoint Plan of Action\n\nThe conference opens on 3 March.\n\none\n\ntwo items\n\na\n\nb\n\nUnclosed paragraph\n\nNext\n\nline one\nline two\n\nsecond  block"
        );
        assert!(!is_html(b"Plain text <html> later"));
    }
}
