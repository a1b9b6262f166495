//! `polyref check`: everything a build validates, without writing, plus the checks only
//! translators' tooling runs: internal links and anchors in every locale ([`crate::links`]),
//! messages defined but unused or unknown ([`crate::messages`]), and prose that contradicts the
//! close-code registry ([`crate::lint`]).

use std::time::Instant;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::lint::{self, Facts};
use crate::load;
use crate::messages;
use crate::site::{Outcome, Summary, prepare, render_site};

/// Runs every check on the project described by `config`, with `jobs` worker threads (one per
/// core when `None`). The outcome's summary is `None` when an error was found.
pub fn run(config: &Config, jobs: Option<usize>) -> Outcome {
    let go = || run_inner(config);
    match jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build() {
            Ok(pool) => pool.install(go),
            Err(_) => go(),
        },
        None => go(),
    }
}

fn run_inner(config: &Config) -> Outcome {
    let started = Instant::now();
    let highlighted = crate::highlight::stats();
    let (prepared, mut diags) = prepare(config);
    let Some(prepared) = prepared else {
        return Outcome { summary: None, diagnostics: diags };
    };
    let site = render_site(&prepared, config);
    diags.extend(site.diagnostics);
    diags.extend(crate::links::check(&site.files, &prepared.model, &config.base_path()));

    let (loaded, _) = load::load(config);
    let ((templates, _), _) = load::load_templates(config);
    let used = messages::used_ids(&templates, config, prepared.registry.as_ref(), prepared.examples.as_ref());
    diags.extend(messages::check(&messages::inventory(&loaded.messages), &used, &config.default_locale));
    if let Some(registry) = &prepared.registry {
        diags.extend(lint::check(&prepared.model, &loaded.messages, &Facts::from_registry(registry)));
    }
    diags.sort();
    if diags.has_errors() {
        return Outcome { summary: None, diagnostics: diags };
    }
    let summary = Summary {
        warnings: diags.warnings(),
        files: site.files.len(),
        bytes: site.files.iter().map(|(_, b)| b.len() as u64).sum(),
        pages: site.pages,
        fallbacks: site.fallbacks,
        untranslated_cells: site.untranslated_cells,
        elapsed: started.elapsed(),
        out: config.output_dir.clone(),
        highlight: crate::highlight::stats().since(&highlighted),
    };
    Outcome { summary: Some(summary), diagnostics: diags }
}

/// The exit status `check` ends with: 0 clean, 1 errors, or warnings when `strict`.
pub fn exit_code(diags: &Diagnostics, strict: bool) -> u8 {
    u8::from(diags.has_errors() || (strict && diags.warnings() > 0))
}
