//! The floor for benchmarks: what rendering a corpus costs with nothing but pulldown-cmark and
//! the same parallelism (rayon) — read each page, drop its front matter, render the markdown,
//! write `index.html` to the same place polyref would. No macros, templates or model.
//!
//! ```text
//! cargo run --release --example floor -- CONTENT_DIR OUT_DIR
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().expect("CONTENT_DIR"));
    let out = PathBuf::from(args.next().expect("OUT_DIR"));
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.md")
        .map(|e| e.into_path())
        .collect();
    // The options polyref parses pages with (`src/markdown.rs`).
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST;
    files.par_iter().for_each(|path| {
        let text = fs::read_to_string(path).expect("read");
        let body = match text.strip_prefix("---\n").and_then(|r| r.split_once("\n---\n")) {
            Some((_, body)) => body,
            None => &text,
        };
        let mut page = String::with_capacity(body.len() * 2);
        page.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><main>");
        html::push_html(&mut page, Parser::new_ext(body, options));
        page.push_str("</main></body></html>");
        let rel = path.parent().and_then(|p| p.strip_prefix(&content).ok()).unwrap_or(Path::new(""));
        let dir = out.join(rel);
        fs::create_dir_all(&dir).expect("create");
        fs::write(dir.join("index.html"), page).expect("write");
    });
    println!("rendered {} pages", files.len());
}
