//! The incremental-rebuild benchmark: runs `serve` (the real server, watcher and rebuild thread)
//! on the synthetic corpus of `bench_corpus`, edits a sentence of one Spanish page N times, and
//! for each edit measures
//!
//! - (a) from the moment the watcher hands the change to the rebuild thread until every changed
//!   file is written (serve's own measure, `elapsed_ms` of its build state), and
//! - (b) from the file write until the rebuilt output is published, including the watcher's
//!   debounce delay,
//!
//! then prints the median, 95th percentile and maximum of each and the files rewritten.
//!
//! ```text
//! cargo run --release --example bench_incremental -- --pages 10000 [--dir DIR] [--edits 20] [--debounce MS] [--title]
//! ```
//! `--title` edits the page's short title instead, which the Spanish home lists: the home (every
//! page's entry) is rendered again too.
//! `--pages` counts API pages, each in 3 locales. DIR (default: a folder under `/dev/shm`, the
//! RAM disk, when it exists, else under the temporary folder) receives `corpus/` and `site/`;
//! both are replaced. Templates, messages and settings are the project's own.

// Config::load's error is a Diagnostic, large but only on the cold path.
#![allow(clippy::result_large_err)]

#[path = "shared/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use polyref::config::Config;
use polyref::serve::{DEFAULT_DEBOUNCE, ServeOptions, start};

struct Args {
    pages: usize,
    dir: PathBuf,
    edits: usize,
    debounce: Duration,
    /// Edit the short title (listed on the locale's home) rather than a sentence.
    title: bool,
}

fn args() -> Args {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() };
    let mut a = Args {
        pages: 10_000,
        dir: base.join("polyref-bench-incremental"),
        edits: 20,
        debounce: DEFAULT_DEBOUNCE,
        title: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--pages" => a.pages = value().parse().expect("--pages N"),
            "--dir" => a.dir = PathBuf::from(value()),
            "--edits" => a.edits = value().parse().expect("--edits N"),
            "--debounce" => a.debounce = Duration::from_millis(value().parse().expect("--debounce MS")),
            "--title" => a.title = true,
            "-h" | "--help" => {
                println!("bench_incremental [--pages N] [--dir DIR] [--edits N] [--debounce MS] [--title]");
                std::process::exit(0);
            }
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// The value at fraction `q` of sorted `v` (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn line(name: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    println!(
        "{name}: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        quantile(&v, 0.5),
        quantile(&v, 0.95),
        v[v.len() - 1]
    );
}

fn main() {
    let a = args();
    let corpus_dir = a.dir.join("corpus");
    let out = a.dir.join("site");
    for d in [&corpus_dir, &out] {
        if d.exists() {
            std::fs::remove_dir_all(d).expect("remove the previous run");
        }
    }
    corpus::generate(&corpus_dir, a.pages, None);
    println!("corpus: {} pages × {} locales in {}", a.pages, corpus::LOCALES.len(), corpus_dir.display());

    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let content = corpus_dir.join("content");
    let site = out.clone();
    let load = Arc::new(move || {
        let mut config = Config::load(&project)?;
        config.content_dir = content.clone();
        config.output_dir = site.clone();
        Ok(config)
    });
    let options = ServeOptions { port: 0, quiet: true, debounce: a.debounce, ..ServeOptions::default() };
    let started = Instant::now();
    let running = start(load, options).expect("serve starts");
    let first = running.state();
    assert!(first.ok, "the first build failed: {}", first.summary);
    println!("initial full build: {:.2} s, {} files", started.elapsed().as_secs_f64(), first.files_written);

    // A Spanish page in the middle of the corpus.
    let page = corpus_dir.join("content/es").join(corpus::slug(a.pages / 2).to_lowercase()).join("index.md");
    let original = std::fs::read_to_string(&page).expect("the page exists");
    let (mut handed, mut published, mut written) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..a.edits {
        let generation = running.state().generation;
        let text = if a.title {
            original.replacen("short-title: ", &format!("short-title: edit {k} "), 1)
        } else {
            original.replacen("works with", &format!("works, in edit {k}, with"), 1)
        };
        let wrote = Instant::now();
        std::fs::write(&page, text).expect("edit the page");
        let state = running.wait_after(generation, Duration::from_secs(120));
        let whole = wrote.elapsed();
        assert!(state.generation > generation, "no rebuild within 120 s");
        assert!(state.ok && state.incremental, "edit {k}: {} {:?}", state.summary, state.problems);
        handed.push(state.elapsed_ms);
        published.push(whole.as_secs_f64() * 1000.0);
        written.push(state.files_written);
        // Let late events of this write pass before the next one.
        std::thread::sleep(a.debounce * 2 + Duration::from_millis(100));
        let extra = running.state().generation - state.generation;
        assert_eq!(extra, 0, "edit {k} caused {extra} more rebuild(s)");
    }
    println!(
        "{} edits of {}, debounce {} ms:",
        a.edits,
        page.strip_prefix(&corpus_dir).unwrap_or(&page).display(),
        a.debounce.as_millis()
    );
    line("(a) event to written output", handed);
    line("(b) file write to written output", published);
    written.sort_unstable();
    println!("files rewritten per edit: {}–{}", written[0], written[written.len() - 1]);
    running.stop();
}
