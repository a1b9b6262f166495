//! The `polyref` command: parses the command line, runs the library, prints diagnostics and the
//! summary, and picks the exit code (0 success, 1 problems found, 2 bad usage).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use polyref::config::Config;
use polyref::diag::Diagnostic;
use polyref::{BuildOptions, Outcome};

// Rendering allocates many small strings; mimalloc makes that markedly cheaper than the system
// allocator (see benches/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "polyref",
    version,
    about = "Builds multilingual web-API reference documentation into a static site",
    long_about = "Builds multilingual web-API reference documentation into a static site.\n\n\
        Pages in content/<locale>/<slug>/index.md (MDN, w3api/Jekyll or WebPlatform Docs front matter) \
        become one model per API page, rendered through templates/ with the interface text of \
        i18n/<locale>/*.ftl into site/<locale>/<slug>/index.html.",
    after_help = "Examples:\n  polyref build                 build content/ into site/\n  polyref check                 report every problem without writing site/\n  polyref build --out /tmp/site --content ../corpus"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Common {
    /// Project folder holding polyref.toml, content/, templates/ and i18n/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Content folder (default: content/ in the project folder)
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Absolute URL the site is published at (its path is the base path), for canonical,
    /// hreflang, sitemap and 404 links; overrides `base-url` in polyref.toml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Print only errors and the summary line
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into site/ (replaced only when the whole build succeeds)
    #[command(after_help = "Example:\n  polyref build --base-url https://example.github.io/polyref/")]
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder (default: site/ in the project folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Validate everything a build validates, without writing anything
    #[command(after_help = "Example:\n  polyref check")]
    Check {
        #[command(flatten)]
        common: Common,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, out, write) = match cli.command {
        Command::Build { common, out } => (common, out, true),
        Command::Check { common } => (common, None, false),
    };
    let mut config = match Config::load(&common.root) {
        Ok(c) => c,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::from(1);
        }
    };
    if let Some(c) = common.content {
        config.content_dir = c;
    }
    if let Some(o) = out {
        config.output_dir = o;
    }
    if let Some(u) = common.base_url {
        match polyref::config::check_base_url(&u) {
            Ok(u) => config.base_url = u,
            Err(message) => {
                eprintln!(
                    "error: --base-url: {message}\n  hint: for example --base-url https://example.github.io/polyref/"
                );
                return ExitCode::from(2);
            }
        }
    }
    if !common.quiet {
        eprintln!(
            "{} {} → {} ({})",
            if write { "Building" } else { "Checking" },
            config.content_dir.display(),
            if write { config.output_dir.display().to_string() } else { "nothing written".into() },
            config.locales.join(", ")
        );
    }
    let outcome = polyref::build(&config, &BuildOptions { write, jobs: common.jobs });
    report(&outcome, common.quiet, write)
}

fn report(outcome: &Outcome, quiet: bool, write: bool) -> ExitCode {
    let shown: Vec<&Diagnostic> = outcome.diagnostics.iter().filter(|d| !quiet || d.is_error()).collect();
    for d in &shown {
        eprintln!("{}", d.render());
    }
    match &outcome.summary {
        Some(s) if write => {
            println!("Built {s} → {}", s.out.display());
            ExitCode::SUCCESS
        }
        Some(s) => {
            println!("Checked {s}; nothing written");
            ExitCode::SUCCESS
        }
        None => {
            let d = &outcome.diagnostics;
            eprintln!(
                "Failed: {} error{}, {} warning{}{}",
                d.errors(),
                if d.errors() == 1 { "" } else { "s" },
                d.warnings(),
                if d.warnings() == 1 { "" } else { "s" },
                if write { "; the previous site was left as it was" } else { "" }
            );
            ExitCode::from(1)
        }
    }
}
