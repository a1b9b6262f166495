//! The build: runs the stages in order, renders every page of every locale in parallel, and
//! collects every problem before deciding whether the new site replaces the old one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::data;
use crate::data::close_codes::CloseCodeRegistry;
use crate::data::examples::{self, ExampleSet};
use crate::data::examples_html;
use crate::diag::{Diagnostic, Diagnostics, Location, Source};
use crate::dialect::{self, SourceInfo};
use crate::head;
use crate::highlight;
use crate::i18n::I18n;
use crate::json::{self, PageModel, SupplementModel};
use crate::load;
use crate::macros::{Env, esc};
use crate::markdown::{self, Section, SectionKind};
use crate::model::{Availability, Entity, Model};
use crate::render::{
    BadgeView, Chrome, FactView, FallbackView, HomeEntry, HomeView, LanguageView, PageView, Renderer, RootView,
    SourceView, SupplementView, TocItem,
};
use crate::timings;
use crate::write::Writer;

/// How to run a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Write the site (`build`), or only validate (`check`).
    pub write: bool,
    /// Worker threads; `None` uses one per core.
    pub jobs: Option<usize>,
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct Summary {
    /// API pages written per locale (translated and fallback).
    pub pages: BTreeMap<String, usize>,
    /// Pages shown in another language than their locale's.
    pub fallbacks: usize,
    /// Generated table cells shown in English, per locale (only locales that have some).
    pub untranslated_cells: BTreeMap<String, usize>,
    pub warnings: usize,
    pub files: usize,
    /// The bytes of those files.
    pub bytes: u64,
    pub elapsed: Duration,
    pub out: PathBuf,
    /// What highlighting js code blocks cost. Counted for the whole process while the run
    /// lasted, so runs at the same time in one process (tests) count each other's blocks.
    pub highlight: highlight::Stats,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.pages.values().sum();
        let per: Vec<String> = self.pages.iter().map(|(l, n)| format!("{l} {n}")).collect();
        // BTreeMap order (alphabetical) keeps the line stable whatever the configuration.
        write!(
            f,
            "{total} pages ({}), {} fallback{}, {} warning{}, {} files ({}) in {:.2} s",
            per.join(", "),
            self.fallbacks,
            if self.fallbacks == 1 { "" } else { "s" },
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
            self.files,
            size(self.bytes),
            self.elapsed.as_secs_f64()
        )?;
        if !self.untranslated_cells.is_empty() {
            let per: Vec<String> = self.untranslated_cells.iter().map(|(l, n)| format!("{l} {n}")).collect();
            write!(f, "; untranslated table cells: {}", per.join(", "))?;
        }
        Ok(())
    }
}

/// `bytes` for a person: `512 B`, `61 KB`, `4.7 MB`, `506 MB`, `1.23 GB` (decimal units, as
/// hosts state their limits).
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    // (Each unit up to where its rounded figure would reach the next.)
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..999_500 => format!("{:.0} KB", b / 1e3),
        999_500..9_950_000 => format!("{:.1} MB", b / 1e6),
        9_950_000..999_500_000 => format!("{:.0} MB", b / 1e6),
        _ => format!("{:.2} GB", b / 1e9),
    }
}

/// The result of a run: a summary when it succeeded, and every problem found.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Option<Summary>,
    pub diagnostics: Diagnostics,
}

/// The entity whose `code` parameter gets the generated close-code summary.
const CLOSE_METHOD: &str = "Web/API/WebSocket/close";
/// The entity whose page holds the full close-code table.
const CLOSE_EVENT: &str = "Web/API/CloseEvent";

/// Registry entries whose name message no locale defines: an error at the entry's line.
fn undefined_registry_messages(
    registry: &CloseCodeRegistry,
    source: &crate::diag::Source,
    i18n: &I18n,
    default: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &registry.entries {
        for id in [e.message_id(), format!("{}.description", e.message_id())] {
            if i18n.lookup(default, &id, &[]).is_none() {
                out.push(
                    Diagnostic::error(
                        "registry-message",
                        format!("the message `{id}` for this entry is defined nowhere"),
                    )
                    .at(source.line(e.line))
                    .hint(format!("add it to i18n/{default}/close-codes.ftl")),
                );
            }
        }
    }
    out
}

/// Everything shared by the pages of one build.
struct Shared<'a> {
    config: &'a Config,
    model: &'a Model,
    i18n: &'a Arc<I18n>,
    registry: Option<&'a CloseCodeRegistry>,
    examples: Option<&'a ExampleSet>,
    renderer: &'a Renderer,
}

impl<'a> Shared<'a> {
    fn new(prepared: &'a Prepared, config: &'a Config) -> Shared<'a> {
        Shared {
            config,
            model: &prepared.model,
            i18n: &prepared.i18n,
            registry: prepared.registry.as_ref(),
            examples: prepared.examples.as_ref(),
            renderer: &prepared.renderer,
        }
    }
}

/// Builds (or with `write: false`, checks) the site described by `config`.
pub fn build(config: &Config, opts: &BuildOptions) -> Outcome {
    let (outcome, inputs) = with_jobs(opts.jobs, || build_inner(config, opts));
    // Freeing a large site's inputs (a model of every page) takes tens of milliseconds that the
    // caller need not wait for: a one-shot `build` ends its process right after reporting.
    if let Some(inputs) = inputs {
        std::thread::spawn(move || drop(inputs));
    }
    outcome
}

/// Runs `run` on `jobs` threads (rayon's default, one per core, when `None`).
fn with_jobs<R: Send>(jobs: Option<usize>, run: impl FnOnce() -> R + Send) -> R {
    match jobs.map(|n| rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build()) {
        Some(Ok(pool)) => pool.install(run),
        _ => run(),
    }
}

/// The loaded and validated inputs of a build: everything pages are rendered from.
pub struct Prepared {
    pub model: Model,
    pub i18n: Arc<I18n>,
    pub registry: Option<CloseCodeRegistry>,
    /// The runnable examples (`content/data/close-examples.yaml`), when the site has them.
    pub examples: Option<ExampleSet>,
    pub renderer: Renderer,
    /// Static files for `site/assets/`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The Fluent files per locale, as loaded (the status report counts their messages).
    pub messages: Vec<(String, Vec<Source>)>,
    /// The translation status, computed once by the first status page rendered from these
    /// inputs and kept for incremental rebuilds.
    pub(crate) status: std::sync::OnceLock<crate::status::Tracked>,
}

/// Runs the stages up to the model: load, dialects, model, data, messages, templates. `None`
/// only when the templates cannot be compiled; otherwise pages can still be rendered, even
/// after errors elsewhere, so that one run reports the problems of every stage.
pub fn prepare(config: &Config) -> (Option<Prepared>, Diagnostics) {
    let mut diags = Diagnostics::new();
    timings::mark("start");

    let (loaded, d) = load::load(config);
    diags.extend(d);
    timings::mark("load");
    let ((templates, assets), d) = load::load_templates(config);
    diags.extend(d);

    let (i18n, d) = I18n::load(&load::display_path(config, &config.i18n_dir), &config.default_locale, &loaded.messages);
    diags.extend(d);
    // Without the default language's messages (one error, from load or from the messages'
    // loading), each message the registry and the examples name would be reported missing too.
    let no_messages = !i18n.has_default();
    let i18n = Arc::new(i18n);

    let (files, d) = dialect::parse_all(&loaded.pages);
    diags.extend(d);
    timings::mark("front matter");
    // The model is assembled on one thread; meanwhile the site's js blocks are highlighted
    // together (see `highlight::ahead`) on the others, and the pages find them in the cache.
    let ((model, d), ()) = rayon::join(
        || Model::assemble(files, config),
        || {
            if config.highlight {
                let code: Vec<&str> =
                    loaded.pages.par_iter().flat_map_iter(|p| markdown::highlighted_code(&p.source.text)).collect();
                highlight::ahead(code);
            }
        },
    );
    diags.extend(d);
    timings::mark("model, highlighting ahead");

    let mut registry = None;
    let mut examples_source = None;
    for source in &loaded.data {
        if source.path.ends_with("/close-examples.yaml") {
            examples_source = Some(source);
        } else if source.path.ends_with("/close-codes.yaml") {
            let (r, d) = CloseCodeRegistry::parse(source);
            diags.extend(d);
            if let Some(r) = r.as_ref().filter(|_| !no_messages) {
                diags.extend(undefined_registry_messages(r, source, &i18n, &config.default_locale));
            }
            registry = r;
        } else {
            diags.push(
                Diagnostic::warning("data-unknown", format!("{} is not a data file polyref uses", source.path))
                    .at(Location::file(source.path.clone()))
                    .hint("data files are content/data/close-codes.yaml and content/data/close-examples.yaml"),
            );
        }
    }
    let examples = examples_source.and_then(|source| {
        let (set, d) = ExampleSet::load(source, registry.as_ref(), &i18n, &config.default_locale);
        diags.extend(d.into_iter().filter(|d| !(no_messages && d.code == "example-caption")));
        set
    });

    let renderer = match Renderer::new(&templates, &i18n) {
        Ok(r) => Some(r),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    diags.sort();
    timings::mark("data, messages, templates");
    (
        renderer.map(|renderer| Prepared {
            model,
            i18n,
            registry,
            examples,
            renderer,
            assets,
            messages: loaded.messages,
            status: Default::default(),
        }),
        diags,
    )
}

/// Every file of the site, rendered in memory, with counts for the summary.
pub struct RenderedSite {
    /// `(path inside the site, bytes)`, sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    pub pages: BTreeMap<String, usize>,
    pub fallbacks: usize,
    pub untranslated_cells: BTreeMap<String, usize>,
    pub diagnostics: Diagnostics,
}

/// Where rendered files go as soon as they are made: the write stage's [`Writer`], a list in
/// memory, or nowhere.
pub trait Sink: Sync {
    /// Takes one file, `rel` being its `/`-separated path inside the site.
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;
}

impl Sink for Writer {
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.write(rel, bytes)
    }
}

/// Keeps every file in memory (for `check` and tests).
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl Sink for Collect {
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.0.lock().expect("not poisoned").push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

/// Drops every file (a build that already failed only collects diagnostics).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// What rendering the site counted, without its files.
pub struct RenderStats {
    pub files: usize,
    /// The bytes of those files.
    pub bytes: u64,
    pub pages: BTreeMap<String, usize>,
    pub fallbacks: usize,
    pub untranslated_cells: BTreeMap<String, usize>,
    pub diagnostics: Diagnostics,
    /// The first error the sink reported, if any.
    pub write_error: Option<std::io::Error>,
}

/// Renders every page of every locale, the homes, the root page, the status pages and the
/// assets, handing each file to `sink` as soon as it is made, so that memory does not grow with
/// the size of the site. Pure apart from the sink.
pub fn render_site_to(prepared: &Prepared, config: &Config, sink: &dyn Sink) -> RenderStats {
    let shared = Shared::new(prepared, config);
    let write_error: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);
    let files = std::sync::atomic::AtomicUsize::new(0);
    let size = std::sync::atomic::AtomicU64::new(0);
    let put = |rel: &str, bytes: &[u8]| {
        files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        size.fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
        if let Err(e) = sink.put(rel, bytes) {
            write_error.lock().expect("not poisoned").get_or_insert(e);
        }
    };
    let mut diags = Diagnostics::new();
    // Every (entity, locale) pair is a page: translated, or a marked fallback.
    let jobs: Vec<(&Entity, &str)> =
        prepared.model.entities.iter().flat_map(|e| config.locales.iter().map(move |l| (e, l.as_str()))).collect();
    // Each page is written by the thread that rendered it; only its counts are kept. The
    // site-wide files (homes, root, assets, status, hosting extras) are made meanwhile.
    let render_pages = || -> Vec<(Vec<Diagnostic>, bool, bool, usize)> {
        let results = jobs
            .par_iter()
            .map(|(e, l)| {
                let PageOutput { files, diags, fallback, untranslated } = render_page(&shared, e, l);
                let written = !files.is_empty();
                for (rel, bytes) in files {
                    put(&rel, &bytes);
                }
                (diags, written, fallback, untranslated)
            })
            .collect();
        timings::mark("pages");
        results
    };
    let site_wide = || -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for locale in &config.locales {
            match render_home(&shared, locale) {
                Ok(html) => put(&format!("{locale}/index.html"), html.as_bytes()),
                Err(d) => diags.push(d),
            }
        }
        match render_root(&shared) {
            Ok(html) => put("index.html", html.as_bytes()),
            Err(d) => diags.push(d),
        }
        for (name, bytes) in &prepared.assets {
            put(&format!("assets/{name}"), bytes);
        }
        // The translation status page of each locale (reads the git history, if any).
        let (status, d) = crate::status::site_pages(prepared, config);
        for (rel, bytes) in status {
            put(&rel, &bytes);
        }
        diags.extend(d);
        // GitHub Pages' extras: .nojekyll, 404.html, sitemap.xml, robots.txt.
        let (hosting, d) = crate::hosting::files(prepared, config);
        for (rel, bytes) in hosting {
            put(&rel, &bytes);
        }
        diags.extend(d);
        timings::mark("homes, status, hosting files");
        diags
    };
    let (results, site_diags) = rayon::join(render_pages, site_wide);

    let mut pages: BTreeMap<String, usize> = config.locales.iter().map(|l| (l.clone(), 0)).collect();
    let mut fallbacks = 0;
    let mut untranslated_cells: BTreeMap<String, usize> = BTreeMap::new();
    for ((_, locale), (d, written, fallback, untranslated)) in jobs.iter().zip(results) {
        diags.extend(d);
        if untranslated > 0 {
            *untranslated_cells.entry(locale.to_string()).or_default() += untranslated;
        }
        if written {
            *pages.entry(locale.to_string()).or_default() += 1;
            fallbacks += usize::from(fallback);
        }
    }
    diags.extend(site_diags);
    diags.extend(prepared.i18n.undefined_report());
    RenderStats {
        files: files.into_inner(),
        bytes: size.into_inner(),
        pages,
        fallbacks,
        untranslated_cells,
        diagnostics: diags,
        write_error: write_error.into_inner().expect("not poisoned"),
    }
}

/// Renders the whole site in memory, files sorted by path (for `check` and tests).
pub fn render_site(prepared: &Prepared, config: &Config) -> RenderedSite {
    let sink = Collect::default();
    let stats = render_site_to(prepared, config, &sink);
    let mut files = sink.0.into_inner().expect("not poisoned");
    files.sort_by(|a, b| a.0.cmp(&b.0));
    RenderedSite {
        files,
        pages: stats.pages,
        fallbacks: stats.fallbacks,
        untranslated_cells: stats.untranslated_cells,
        diagnostics: stats.diagnostics,
    }
}

/// Like [`build`], and hands back the inputs the site was rendered from when the build
/// succeeded and wrote the site, for later incremental rebuilds (`serve`).
pub fn build_and_keep(config: &Config, opts: &BuildOptions) -> (Outcome, Option<Prepared>) {
    with_jobs(opts.jobs, || build_inner(config, opts))
}

/// A build, and its inputs when it succeeded and wrote the site.
fn build_inner(config: &Config, opts: &BuildOptions) -> (Outcome, Option<Prepared>) {
    let started = Instant::now();
    let highlighted = highlight::stats();
    let (prepared, mut diags) = prepare(config);
    let Some(prepared) = prepared else {
        return (Outcome { summary: None, diagnostics: diags }, None);
    };
    let failed = |mut diags: Diagnostics| {
        diags.sort();
        (Outcome { summary: None, diagnostics: diags }, None)
    };
    // After an error the pages are still rendered, to report every problem, but not written.
    let writer = match (opts.write, diags.has_errors()) {
        (true, false) => match Writer::begin(&config.output_dir) {
            Ok(w) => Some(w),
            Err(e) => {
                diags
                    .push(Diagnostic::error("write", format!("cannot start writing the site: {e}")).hint(
                        "choose another output folder with --out, or remove the folder if it is yours to remove",
                    ));
                return failed(diags);
            }
        },
        _ => None,
    };
    let stats = match &writer {
        Some(w) => render_site_to(&prepared, config, w),
        None => render_site_to(&prepared, config, &Discard),
    };
    diags.extend(stats.diagnostics);
    diags.sort();
    let write_error = stats.write_error;
    if let Some(writer) = writer {
        let done = match (diags.has_errors(), write_error) {
            (true, _) => {
                writer.abort();
                return failed(diags);
            }
            (false, Some(e)) => {
                writer.abort();
                Err(e)
            }
            (false, None) => {
                let r = writer.commit();
                timings::mark("commit");
                r
            }
        };
        if let Err(e) = done {
            diags.push(
                Diagnostic::error("write", format!("cannot write the site: {e}"))
                    .hint("check the disk space and the permissions of the output folder"),
            );
            return failed(diags);
        }
    } else if diags.has_errors() {
        return failed(diags);
    }
    let summary = Summary {
        pages: stats.pages,
        fallbacks: stats.fallbacks,
        untranslated_cells: stats.untranslated_cells,
        warnings: diags.warnings(),
        files: stats.files,
        bytes: stats.bytes,
        elapsed: started.elapsed(),
        out: config.output_dir.clone(),
        highlight: highlight::stats().since(&highlighted),
    };
    let kept = opts.write.then_some(prepared);
    (Outcome { summary: Some(summary), diagnostics: diags }, kept)
}

/// Renders one entity's page in every locale, as `(path inside the site, bytes)`, with its
/// problems: what an incremental rebuild redoes for a changed page.
pub(crate) fn render_entity(
    prepared: &Prepared,
    config: &Config,
    entity: &Entity,
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let shared = Shared::new(prepared, config);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for locale in &config.locales {
        let page = render_page(&shared, entity, locale);
        files.extend(page.files);
        diags.extend(page.diags);
    }
    (files, diags)
}

/// Renders `locale`'s home page (for incremental rebuilds).
pub(crate) fn render_home_of(prepared: &Prepared, config: &Config, locale: &str) -> Result<String, Diagnostic> {
    let shared = Shared::new(prepared, config);
    render_home(&shared, locale)
}

/// `../` for each folder level of `rel_dir` (a page's folder below the site root).
fn root_of(rel_dir: &str) -> String {
    "../".repeat(rel_dir.split('/').filter(|s| !s.is_empty()).count())
}

/// The language switcher: each locale's version of `dir` (or its home), `root` being the path
/// from the page to the site root.
pub(crate) fn languages(
    config: &Config,
    i18n: &I18n,
    current: &str,
    root: &str,
    dir: Option<&Entity>,
) -> Vec<LanguageView> {
    config
        .locales
        .iter()
        .map(|code| LanguageView {
            code: code.clone(),
            name: crate::status::own_name(i18n, code),
            href: match dir {
                Some(e) => format!("{root}{code}/{}/index.html", e.dir),
                None => format!("{root}{code}/index.html"),
            },
            current: code == current,
            translated: dir.is_none_or(|e| e.translations.contains_key(code)),
        })
        .collect()
}

fn source_view(s: &SourceInfo) -> SourceView {
    SourceView {
        project: s.project.clone(),
        url: s.original_url.clone(),
        licence: s.licence.clone(),
        licence_url: s.licence_url.clone(),
        attribution: s.attribution.clone(),
        file: s.file.clone(),
    }
}

/// One page's files (HTML and JSON), its problems, and whether it is a fallback.
struct PageOutput {
    files: Vec<(String, Vec<u8>)>,
    diags: Vec<Diagnostic>,
    fallback: bool,
    untranslated: usize,
}

/// Renders one entity in one locale: its HTML page and JSON model.
fn render_page(shared: &Shared, entity: &Entity, locale: &str) -> PageOutput {
    let config = shared.config;
    let mut diags = Vec::new();
    let (translation, availability) = entity.for_locale(locale, config);
    let page_dir = format!("{locale}/{}", entity.dir);
    let root = root_of(&page_dir);
    let env = Env {
        config,
        model: shared.model,
        i18n: shared.i18n,
        registry: shared.registry,
        entity,
        text_locale: &translation.locale,
        page_locale: locale,
        root: &root,
    };
    // One set of ids for the page: a supplement's headings must not repeat the article's.
    let mut ids = markdown::Ids::with_capacity_and_hasher(64, Default::default());
    let (mut body, d) = markdown::render_with_ids(&translation.primary, &env, &mut ids);
    diags.extend(d);
    if let (Some(registry), true) = (shared.registry, entity.key == CLOSE_METHOD) {
        // The close() page's `code` parameter gets a summary generated from the registry.
        let table = match shared.model.find(CLOSE_EVENT) {
            Some(e) => format!("{root}{locale}/{}/index.html#{}", e.dir, data::TABLE_ID),
            None => format!("https://developer.mozilla.org/{}/docs/{CLOSE_EVENT}", Config::mdn_locale(locale)),
        };
        let summary = data::code_summary(registry, &env, &table);
        match body.sections.iter_mut().find(|s| s.kind == Some(SectionKind::Parameters)) {
            Some(section) => section.html.push_str(&summary),
            None => diags.push(
                Diagnostic::warning(
                    "close-code-summary",
                    "this close() page has no parameters section for the generated close-code summary",
                )
                .at(translation.primary.file.source.at(0..3))
                .hint("add a `## Parameters` (or `### Parameter`, `## Parámetros`) heading"),
            ),
        }
    }
    // The runnable examples of this page, in the reader's language, with the page's script.
    let example_page = match entity.key.as_str() {
        CLOSE_METHOD => Some(examples::Page::Close),
        CLOSE_EVENT => Some(examples::Page::CloseEvent),
        _ => None,
    };
    let runnable = shared
        .examples
        .zip(example_page)
        .and_then(|(set, page)| examples_html::section(set, page, shared.i18n, locale));
    let closing_at = examples_html::insertion_point(&body.sections);
    let mut supplements = Vec::new();
    let mut supplement_bodies = Vec::new();
    for s in &translation.supplements {
        let (b, d) = markdown::render_with_ids(s, &env, &mut ids);
        diags.extend(d);
        let mut last_field = None;
        let facts = s
            .meta
            .facts
            .iter()
            .map(|f| FactView {
                // A field with several values is one term with several descriptions (HTML
                // Standard §4.4.9: one `dt` per name in a `dl`).
                label: if last_field.replace(&f.field) == Some(&f.field) {
                    String::new()
                } else {
                    shared.i18n.text(locale, &format!("fact-{}", f.field.replace('_', "-")))
                },
                html: if f.markdown { markdown::render_inline(&f.value, s.meta.dialect, &env) } else { esc(&f.value) },
            })
            .collect();
        supplements.push(SupplementView {
            id: format!("source-{}", s.meta.source.project.to_lowercase().replace(' ', "-")),
            source: source_view(&s.meta.source),
            facts,
            body: b.html(),
        });
        supplement_bodies.push((s, b));
    }
    let meta = &translation.primary.meta;
    let fallback = match availability {
        Availability::Translated => None,
        Availability::Fallback(from) => Some(FallbackView {
            from: from.to_string(),
            from_name: shared.i18n.text(locale, &format!("language-{from}")),
            to_name: shared.i18n.text(locale, &format!("language-{locale}")),
            source_href: format!("{root}{from}/{}/index.html", entity.dir),
        }),
    };
    let summary = meta.summary.clone().or_else(|| body.summary.clone());
    let head = head::entity_head(config, entity, locale, availability, &meta.title, summary.as_deref());
    let view = PageView {
        chrome: Chrome {
            lang: locale.to_string(),
            site_title: config.title.clone(),
            root: root.clone(),
            canonical: head.canonical,
            languages: languages(config, shared.i18n, locale, &root, Some(entity)),
            alternates: head.alternates,
            meta: Some(head.meta),
            scripts: runnable.iter().map(|_| format!("{root}{}", examples_html::SCRIPT)).collect(),
        },
        title: meta.title.clone(),
        // In the language of the text, as the badges of its macros are.
        badges: entity
            .status
            .iter()
            .filter(|s| crate::dialect::STATUS_VALUES.contains(&s.as_str()))
            .map(|s| BadgeView {
                class: s.clone(),
                label: shared.i18n.text(&translation.locale, &format!("badge-{s}")),
            })
            .collect(),
        description: summary.clone(),
        kind: entity.kind,
        content_lang: translation.locale.clone(),
        fallback,
        body: match &runnable {
            // Before the page's closing sections (specifications, compatibility, see also).
            Some(html) => {
                let (before, after) = body.sections.split_at(closing_at);
                let parts = before.iter().map(|s| s.html.as_str()).chain([html.as_str()]);
                body.intro.clone() + &parts.chain(after.iter().map(|s| s.html.as_str())).collect::<String>()
            }
            None => body.html(),
        },
        toc: toc_items(&body.sections[..closing_at])
            .chain(runnable.iter().map(|_| TocItem {
                id: examples_html::SECTION_ID.to_string(),
                title: shared.i18n.text(locale, "examples-title"),
                level: 2,
            }))
            .chain(toc_items(&body.sections[closing_at..]))
            .collect(),
        sources: std::iter::once(&meta.source).map(source_view).collect(),
        supplements,
    };
    let page_name = format!("{page_dir}/index.html");
    // The page is its body plus a few KiB of head, navigation and footer.
    let capacity = view.body.len() + view.supplements.iter().map(|s| s.body.len()).sum::<usize>() + 6 * 1024;
    let html = match shared.renderer.render_bytes("page.html", &view, &page_name, capacity) {
        Ok(h) => h,
        Err(d) => {
            diags.push(d);
            return PageOutput { files: Vec::new(), diags, fallback: false, untranslated: 0 };
        }
    };
    let model = PageModel {
        about: json::About {
            key: &entity.key,
            kind: entity.kind,
            interface: entity.interface.as_deref(),
            member: entity.member.as_deref(),
            locale,
            content_locale: &translation.locale,
            fallback: matches!(availability, Availability::Fallback(_)),
            translations: entity.translations.keys().map(String::as_str).collect(),
            title: &meta.title,
            short_title: meta.short_title.as_deref(),
            summary: summary.as_deref(),
            source_commit: meta.source_commit.as_deref(),
            spec_urls: &entity.spec_urls,
            browser_compat: entity.browser_compat.as_deref(),
            status: &entity.status,
            sources: std::iter::once(&meta.source)
                .chain(translation.supplements.iter().map(|s| &s.meta.source))
                .collect(),
            facts: meta.facts.iter().collect(),
        },
        sections: &body.sections,
        intro_html: &body.intro,
        supplements: supplement_bodies
            .iter()
            .map(|(s, b)| SupplementModel {
                about: json::SupplementAbout {
                    source: &s.meta.source,
                    title: &s.meta.title,
                    summary: s.meta.summary.as_deref(),
                    facts: &s.meta.facts,
                },
                sections: b.sections.clone(),
            })
            .collect(),
    };
    // The model holds the body's HTML again, escaped: start at about the page's size.
    let json = model.write(html.len());
    let fallback = matches!(availability, Availability::Fallback(_));
    PageOutput {
        files: vec![(page_name, html), (format!("{page_dir}/index.json"), json)],
        diags,
        fallback,
        untranslated: body.untranslated_cells,
    }
}

/// Table-of-contents entries of the level-2 sections.
fn toc_items(sections: &[Section]) -> impl Iterator<Item = TocItem> + '_ {
    sections.iter().filter(|s| s.level == 2).map(|s| TocItem {
        id: s.id.clone(),
        title: s.title.clone(),
        level: s.level,
    })
}

/// How a locale's home lists `e`.
pub(crate) fn home_entry(e: &Entity, locale: &str, config: &Config) -> HomeEntry {
    let (t, a) = e.for_locale(locale, config);
    HomeEntry {
        title: e.title(locale, config).to_string(),
        key: e.key.clone(),
        href: format!("{}/index.html", e.dir),
        summary: t.primary.meta.summary.clone(),
        translated: a == Availability::Translated,
        content_lang: t.locale.clone(),
    }
}

fn render_home(shared: &Shared, locale: &str) -> Result<String, Diagnostic> {
    let config = shared.config;
    let root = root_of(locale);
    let pages = shared.model.entities.iter().map(|e| home_entry(e, locale, config)).collect();
    let head = head::home_head(
        config,
        locale,
        &shared.i18n.text(locale, "home-title"),
        &shared.i18n.text(locale, "home-intro"),
    );
    let view = HomeView {
        chrome: Chrome {
            lang: locale.to_string(),
            site_title: config.title.clone(),
            root: root.clone(),
            canonical: head.canonical,
            languages: languages(config, shared.i18n, locale, &root, None),
            alternates: head.alternates,
            meta: Some(head.meta),
            scripts: Vec::new(),
        },
        pages,
    };
    shared.renderer.render("home.html", &view, &format!("{locale}/index.html"))
}

fn render_root(shared: &Shared) -> Result<String, Diagnostic> {
    let config = shared.config;
    let head = head::root_head(config, &config.title, &shared.i18n.text(&config.default_locale, "root-description"));
    let view = RootView {
        chrome: Chrome {
            lang: config.default_locale.clone(),
            site_title: config.title.clone(),
            root: String::new(),
            canonical: head.canonical,
            languages: languages(config, shared.i18n, "", "", None),
            alternates: head.alternates,
            meta: Some(head.meta),
            scripts: Vec::new(),
        },
    };
    shared.renderer.render("root.html", &view, "index.html")
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_a_person_would_say_them() {
        let said: Vec<String> = [
            0,
            999,
            1_000,
            340_499,
            999_499,
            999_500,
            4_730_000,
            9_949_999,
            9_999_999,
            506_120_000,
            999_999_999,
            1_234_000_000,
        ]
        .into_iter()
        .map(super::size)
        .collect();
        assert_eq!(
            said,
            [
                "0 B", "999 B", "1 KB", "340 KB", "999 KB", "1.0 MB", "4.7 MB", "9.9 MB", "10 MB", "506 MB", "1.00 GB",
                "1.23 GB"
            ]
        );
    }
}
