//! Writes a synthetic corpus for benchmarks: N API pages × 3 locales (en, es, de) in polyref's
//! content layout, shaped like MDN reference pages (about 4 KB of markdown each), and optionally
//! the same pages as a Hugo site for a side-by-side run.
//!
//! ```text
//! cargo run --release --example bench_corpus -- --pages 10000 --out /dev/shm/corpus [--hugo /dev/shm/hugo]
//! ```
//! Build it with `polyref build --content /dev/shm/corpus/content --out …`.

#[path = "shared/corpus.rs"]
mod corpus;

use std::path::PathBuf;

struct Args {
    pages: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

fn args() -> Args {
    let mut pages = 1000;
    let mut out = None;
    let mut hugo = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pages" => pages = it.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--out" => out = it.next().map(PathBuf::from),
            "--hugo" => hugo = it.next().map(PathBuf::from),
            "-h" | "--help" => {
                println!("bench_corpus --pages N --out DIR [--hugo DIR]");
                std::process::exit(0);
            }
            other => panic!("unknown argument {other}"),
        }
    }
    Args { pages, out: out.expect("--out DIR"), hugo }
}

fn main() {
    let a = args();
    corpus::generate(&a.out, a.pages, a.hugo.as_deref());
    println!("wrote {} pages × {} locales to {}", a.pages, corpus::LOCALES.len(), a.out.display());
}
