//! The `polyref` command: parses the command line, runs the library, prints diagnostics and the
//! summary, and picks the exit code (0 success, 1 problems found, 2 bad usage).

// A Diagnostic carries its excerpt and hint; it is returned on the cold path only.
#![allow(clippy::result_large_err)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use polyref::config::Config;
use polyref::diag::Diagnostic;
use polyref::{BuildOptions, Outcome};

// Rendering allocates many small strings; mimalloc makes that markedly cheaper than the system
// allocator (see benches/run.sh). It is built without transparent huge pages (Cargo.toml,
// `no_thp`): memory it gives back and takes again was zeroed 2 MB at a time, a tenth of a
// 30,000-page build's CPU time.
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
    after_help = "Examples:\n  polyref build                 build content/ into site/\n  polyref check                 report every problem without writing site/\n  polyref status                what is translated, missing or outdated, per language\n  polyref serve                 preview at http://127.0.0.1:8000/…, reloading on every edit\n  polyref new-locale fr         add French\n  polyref build --out /tmp/site --content ../corpus"
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
        /// Leave js code blocks without syntax highlighting in this build; overrides `highlight`
        /// in polyref.toml (the benchmark uses it to show what highlighting costs)
        #[arg(long)]
        no_highlight: bool,
    },
    /// Validate everything a build validates, plus links, anchors, messages and facts; writes nothing
    #[command(
        long_about = "Validates everything a build validates, without writing site/, and also: every internal \
            link and #anchor in every language; messages defined but unused, or unknown to the default \
            language; and prose that contradicts the close-code registry (code ranges, byte limits, \
            the code close() uses without one), each with the correct fact.\n\n\
            Exit status: 0 clean, 1 errors (or warnings with --strict), 2 wrong command line.",
        after_help = "Examples:\n  polyref check\n  polyref check --strict        warnings fail too (for CI)"
    )]
    Check {
        #[command(flatten)]
        common: Common,
        /// Fail (exit status 1) on warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Show the translation status: translated, missing or outdated pages, messages, table cells
    #[command(
        long_about = "Shows, per language and page, whether the page is translated, missing (readers get another \
            language) or outdated: the English page changed after the revision the translation records \
            (l10n.sourceCommit, or polyref-source-hash). With git, it counts the commits since; without, \
            it compares hashes. Also lists interface messages and close-code table cells not translated \
            yet, and a percentage per language. The same report is a page of the site: \
            site/<locale>/status/index.html.",
        after_help = "Examples:\n  polyref status\n  polyref status --json > status.json"
    )]
    Status {
        #[command(flatten)]
        common: Common,
        /// Print the report as JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change, reloading the browser
    #[command(
        long_about = "Builds the site, serves it on 127.0.0.1 under the base path of base-url, and watches \
            content/, templates/, i18n/ and polyref.toml. Each change rebuilds the site and reloads the \
            open page. A broken edit shows its problems in the terminal and over the page in the browser; \
            the server keeps running and the next good build clears them. An edit of existing pages \
            rebuilds only the pages that depend on them; anything else rebuilds the whole site. \
            Stop with Ctrl+C.",
        after_help = "Examples:\n  polyref serve                 then open the printed address\n  polyref serve --port 0        any free port"
    )]
    Serve {
        #[command(flatten)]
        common: Common,
        /// Output folder (default: site/ in the project folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Port on 127.0.0.1 (0: any free port)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Milliseconds to wait after a change for more before rebuilding (an editor's save can
        /// be several events)
        #[arg(long, value_name = "MS", default_value_t = polyref::serve::DEFAULT_DEBOUNCE.as_millis() as u64)]
        debounce: u64,
    },
    /// Add a language: its entry in polyref.toml and message skeletons to translate
    #[command(
        name = "new-locale",
        long_about = "Adds a language to the site: appends its tag to `locales` in polyref.toml, writes \
            i18n/<tag>/*.ftl with every English message as a comment to translate, and adds the \
            language's English name to i18n/<default>/ui.ftl. Pages not translated yet are shown in \
            English, marked as such.",
        after_help = "Examples:\n  polyref new-locale fr\n  polyref new-locale pt-BR"
    )]
    NewLocale {
        /// The language's BCP 47 tag, e.g. fr or pt-BR
        #[arg(value_name = "TAG")]
        locale: String,
        /// Project folder holding polyref.toml
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { common, out, no_highlight } => build(common, out, no_highlight, true, false),
        Command::Check { common, strict } => build(common, None, false, false, strict),
        Command::Status { common, json } => status(common, json),
        Command::Serve { common, out, port, debounce } => serve(common, out, port, debounce),
        Command::NewLocale { locale, root } => new_locale(&root, &locale),
    }
}

/// The code of a diagnostic about the command line itself (exit status 2).
const USAGE: &str = "usage";

/// The exit status for a problem found before any work: 2 for the command line, 1 otherwise.
fn config_failure(d: &Diagnostic) -> ExitCode {
    eprint!("{}", d.render());
    ExitCode::from(if d.code == USAGE { 2 } else { 1 })
}

/// The settings, with the command line's overrides.
fn load_config(common: &Common, out: Option<&PathBuf>) -> Result<Config, Diagnostic> {
    let mut config = Config::load(&common.root)?;
    if let Some(c) = &common.content {
        config.content_dir = c.clone();
    }
    if let Some(o) = out {
        config.output_dir = o.clone();
    }
    if let Some(u) = &common.base_url {
        config.base_url = polyref::config::check_base_url(u).map_err(|message| {
            Diagnostic::error(USAGE, format!("--base-url: {message}"))
                .hint("for example --base-url https://example.github.io/polyref/")
        })?;
    }
    Ok(config)
}

fn build(common: Common, out: Option<PathBuf>, no_highlight: bool, write: bool, strict: bool) -> ExitCode {
    let mut config = match load_config(&common, out.as_ref()) {
        Ok(c) => c,
        Err(d) => return config_failure(&d),
    };
    config.highlight &= !no_highlight;
    if !common.quiet {
        eprintln!(
            "{} {} → {} ({})",
            if write { "Building" } else { "Checking" },
            display(&config.content_dir),
            if write { display(&config.output_dir) } else { "nothing written".into() },
            config.locales.join(", ")
        );
    }
    let outcome = if write {
        polyref::build(&config, &BuildOptions { write, jobs: common.jobs })
    } else {
        polyref::check::run(&config, common.jobs)
    };
    let code = report(&outcome, common.quiet, write);
    if !write && code == ExitCode::SUCCESS && strict && outcome.diagnostics.warnings() > 0 {
        eprintln!("Failed: warnings count as errors with --strict");
        return ExitCode::from(polyref::check::exit_code(&outcome.diagnostics, strict));
    }
    code
}

fn status(common: Common, json: bool) -> ExitCode {
    let config = match load_config(&common, None) {
        Ok(c) => c,
        Err(d) => return config_failure(&d),
    };
    let (prepared, diags) = polyref::prepare(&config);
    let Some(prepared) = prepared.filter(|_| !diags.has_errors()) else {
        for d in diags.iter().filter(|d| d.is_error()) {
            eprintln!("{}", d.render());
        }
        eprintln!("Failed: fix these errors first (polyref check lists every problem)");
        return ExitCode::from(1);
    };
    let report = polyref::status::collect(&prepared, &config);
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("the report serialises"));
    } else {
        print!("{}", report.to_table());
    }
    ExitCode::SUCCESS
}

fn serve(common: Common, out: Option<PathBuf>, port: u16, debounce: u64) -> ExitCode {
    let options = polyref::serve::ServeOptions {
        port,
        jobs: common.jobs,
        quiet: common.quiet,
        debounce: std::time::Duration::from_millis(debounce),
        ..Default::default()
    };
    let load: polyref::serve::LoadConfig = std::sync::Arc::new(move || load_config(&common, out.as_ref()));
    match polyref::serve::start(load, options) {
        Ok(running) => {
            println!("Serving {} (Ctrl+C to stop)", running.url);
            running.wait();
            ExitCode::SUCCESS
        }
        Err(d) => config_failure(&d),
    }
}

fn new_locale(root: &std::path::Path, tag: &str) -> ExitCode {
    match polyref::new_locale::add(root, tag) {
        Ok(added) => {
            let l = &added.locale;
            println!("Added {}{l}.", added.english_name.as_deref().map(|n| format!("{n}, ")).unwrap_or_default());
            for f in &added.changed {
                println!("  wrote {f}");
            }
            for f in &added.kept {
                println!("  kept  {f} (it existed)");
            }
            println!(
                "Next: translate the messages in i18n/{l}/ (remove the `# ` before a message and translate it), \
                 start a page by copying content/en/<page>/ to content/{l}/<page>/, and run `polyref status`."
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{}", d.render());
            ExitCode::from(1)
        }
    }
}

/// A path as the user typed it, without the `./` of the default project folder.
fn display(path: &std::path::Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

fn report(outcome: &Outcome, quiet: bool, write: bool) -> ExitCode {
    let shown: Vec<&Diagnostic> = outcome.diagnostics.iter().filter(|d| !quiet || d.is_error()).collect();
    for d in &shown {
        eprintln!("{}", d.render());
    }
    match &outcome.summary {
        Some(s) if write => {
            println!("Built {s} → {}", display(&s.out));
            if !quiet && s.highlight.blocks > 0 {
                println!("{}", s.highlight);
            }
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
