//! `polyref serve`: builds the site, serves the output folder on 127.0.0.1 under the configured
//! base path, watches content, templates, messages, data and settings, rebuilds on every change,
//! and reloads the open page in the browser.
//!
//! Live reload: every HTML page served (never the files `build` writes) gets
//! `<script src="<base>__polyref/reload.js?gen=N" defer>`, a file served from the reserved
//! folder `__polyref/` (the pages' Content-Security-Policy allows only same-origin scripts, so
//! nothing is inline). The script long-polls `<base>__polyref/events?since=N`, which answers as
//! soon as a build finishes: after a good build the page reloads; after a broken one the script
//! shows the diagnostics over the page (as text, never as HTML) while the previous site is still
//! served, and the next good build clears them.
//!
//! Rebuilds: the first build, and any change to templates, messages, data, settings or the set of
//! pages, builds the whole site; an edit of existing page files is rebuilt incrementally
//! ([`crate::incremental`]): only the pages that depend on it are rendered and only the files
//! whose bytes changed are written.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use serde::Serialize;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Severity};
use crate::incremental::{self, Incremental, Step};
use crate::site::BuildOptions;

/// The reserved folder, under the base path, for the reload script and endpoint.
pub const RESERVED: &str = "__polyref/";

const RELOAD_JS: &str = include_str!("serve/reload.js");

/// Reads the settings (again after each change, so edits to `polyref.toml` apply).
pub type LoadConfig = Arc<dyn Fn() -> Result<Config, Diagnostic> + Send + Sync>;

/// How long the watcher waits for more changes before it reports them.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub jobs: Option<usize>,
    /// Print only errors and one line per build.
    pub quiet: bool,
    /// How long the events endpoint holds a request when nothing changes.
    pub poll_timeout: Duration,
    /// Changes closer together than this are one rebuild: the watcher waits this long after the
    /// last event before it reports a change (200 ms by default, `--debounce`).
    pub debounce: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            port: 8000,
            jobs: None,
            quiet: false,
            poll_timeout: Duration::from_secs(25),
            debounce: DEFAULT_DEBOUNCE,
        }
    }
}

/// A problem of the last build, as the events endpoint reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// `path:line:col`, when known.
    pub location: Option<String>,
    pub hint: Option<String>,
    /// The report as the terminal shows it.
    pub text: String,
}

/// The state of the last build, as the events endpoint reports it.
#[derive(Debug, Clone, Serialize)]
pub struct BuildState {
    /// Counts the builds published: a page knows which one it was served from. An incremental
    /// rebuild that wrote no file while the last build was good is not published.
    pub generation: u64,
    pub ok: bool,
    /// The summary line, or why the build failed.
    pub summary: String,
    /// Errors (all) and warnings (when `ok` is false).
    pub problems: Vec<Problem>,
    /// Whether this was an incremental rebuild (not a full build).
    pub incremental: bool,
    /// Files written: those whose bytes changed in an incremental rebuild, every file of the
    /// site in a full build, none when it failed.
    pub files_written: usize,
    /// Milliseconds from the moment the watcher reported the change to the rebuild thread (or the
    /// start, for the first build) until the output was written and this state published.
    pub elapsed_ms: f64,
}

struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
    stopping: AtomicBool,
    base: String,
    out: Mutex<PathBuf>,
    options: ServeOptions,
}

/// A running server. Dropping it stops it.
pub struct Running {
    /// `http://127.0.0.1:<port><base path>`.
    pub url: String,
    pub port: u16,
    shared: Arc<Shared>,
    server: Arc<Server>,
    accept: Option<JoinHandle<()>>,
    rebuild: Option<JoinHandle<()>>,
    watcher: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
}

/// The path part of the base URL: `/polyref/` for `https://example.github.io/polyref/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut p = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Builds, starts serving and watching. Returns once the server listens; the first build's
/// problems are printed (and shown in the browser) but do not stop the server.
pub fn start(load_config: LoadConfig, options: ServeOptions) -> Result<Running, Diagnostic> {
    let config = load_config()?;
    let base = base_path(&config.base_url);
    let shared = Arc::new(Shared {
        state: Mutex::new(BuildState {
            generation: 0,
            ok: false,
            summary: String::new(),
            problems: Vec::new(),
            incremental: false,
            files_written: 0,
            elapsed_ms: 0.0,
        }),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        base,
        out: Mutex::new(config.output_dir.clone()),
        options: options.clone(),
    });
    // The port first: when it is taken, nothing is built (and the site/ another server may be
    // serving is left alone).
    let server = Server::http(("127.0.0.1", options.port)).map_err(|e| {
        Diagnostic::error("serve", format!("cannot listen on 127.0.0.1:{}: {e}", options.port))
            .hint("another program uses this port: choose another with --port, or --port 0 for any free one")
    })?;
    let mut kept = None;
    rebuild(&shared, &load_config, &mut kept, &[], Instant::now());
    let server = Arc::new(server);
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}{}", shared.base);

    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut watcher = new_debouncer(options.debounce, None, tx)
        .map_err(|e| Diagnostic::error("serve", format!("cannot watch the project's files: {e}")))?;
    let root = canonical(&config.root);
    let mut watched: Vec<PathBuf> =
        [&config.content_dir, &config.templates_dir, &config.i18n_dir].iter().map(|p| canonical(p)).collect();
    watched.retain(|p| p.is_dir());
    for dir in &watched {
        watcher.watch(dir, RecursiveMode::Recursive).map_err(|e| {
            Diagnostic::error("serve", format!("cannot watch {}: {e}", dir.display()))
                .hint("on Linux, raise fs.inotify.max_user_watches")
        })?;
    }
    let settings = config.root.join(CONFIG_FILE);
    if settings.is_file() {
        // The settings file's folder, so that an editor replacing the file is seen too.
        let _ = watcher.watch(&root, RecursiveMode::NonRecursive);
    }

    let rebuild_thread = {
        let shared = Arc::clone(&shared);
        let load_config = Arc::clone(&load_config);
        let root = root.clone();
        std::thread::spawn(move || {
            while let Ok(events) = rx.recv() {
                let received = Instant::now();
                if shared.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(events) = events else { continue };
                let out = canonical(&shared.out.lock().expect("not poisoned"));
                // Reading a file (the build itself reads every input) is not a change.
                let mut relevant: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| is_change(&e.kind))
                    .flat_map(|e| e.paths.iter())
                    .filter(|p| is_source_change(p, &out, &root))
                    .cloned()
                    .collect();
                relevant.sort();
                relevant.dedup();
                if relevant.is_empty() {
                    continue;
                }
                if !shared.options.quiet {
                    let names: Vec<String> = relevant.iter().take(3).map(|p| p.display().to_string()).collect();
                    eprintln!("Changed: {}{}", names.join(", "), if relevant.len() > 3 { " …" } else { "" });
                }
                rebuild(&shared, &load_config, &mut kept, &relevant, received);
            }
        })
    };

    let accept = {
        let shared = Arc::clone(&shared);
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                if shared.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || handle(request, &shared));
            }
        })
    };

    Ok(Running {
        url,
        port,
        shared,
        server,
        accept: Some(accept),
        rebuild: Some(rebuild_thread),
        watcher: Some(watcher),
    })
}

/// Whether a changed path is an input of the build: not in the output folder, not an editor's
/// temporary file, not in git's folder, and beside the settings file only the settings file.
fn is_source_change(path: &Path, out: &Path, root: &Path) -> bool {
    if path.starts_with(out) || path.components().any(|c| c.as_os_str() == ".git") {
        return false;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
    {
        return false;
    }
    path.parent() != Some(root) || name == CONFIG_FILE
}

/// Whether an event kind can change a file: anything but opening, reading or closing without
/// writing.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A path as the watcher reports it (absolute, symbolic links resolved).
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Rebuilds after `changed` (nothing: the first build) and publishes the state to waiting pages.
/// An edit of page files the site has is rebuilt incrementally from `kept`, the inputs of the
/// last good build; anything else builds the whole site and keeps its inputs when it succeeds.
/// `received` is when the watcher reported the change.
fn rebuild(
    shared: &Shared,
    load_config: &LoadConfig,
    kept: &mut Option<Incremental>,
    changed: &[PathBuf],
    received: Instant,
) {
    let quiet = shared.options.quiet;
    let step = match kept.as_mut() {
        Some(k) if !changed.is_empty() => k.update(changed),
        _ => Step::Full(String::new()),
    };
    let outcome = match step {
        Step::Done(r) => {
            for d in r.diagnostics.iter().filter(|d| d.is_error() || !quiet) {
                eprintln!("{}", d.render());
            }
            if r.ok {
                Built {
                    ok: true,
                    summary: r.to_string(),
                    problems: Vec::new(),
                    incremental: true,
                    files: r.written.len(),
                }
            } else {
                failed(r.diagnostics.errors(), r.diagnostics.iter(), true)
            }
        }
        Step::Full(reason) => {
            if !reason.is_empty() && !quiet {
                eprintln!("Full build: {reason}");
            }
            full_build(shared, load_config, kept)
        }
    };
    let elapsed = received.elapsed();
    let mut summary = outcome.summary;
    if outcome.ok {
        summary = if outcome.incremental {
            format!("{summary} ({} ms)", elapsed.as_millis())
        } else {
            format!("{summary} (full build, {:.2} s)", elapsed.as_secs_f64())
        };
        println!("{summary}");
    } else {
        eprintln!("{summary}");
    }
    let mut state = shared.state.lock().expect("not poisoned");
    // A rebuild that changed no file while the site was already good publishes nothing, so open
    // pages do not reload: a file saved without a change, or the last events of one save that
    // the watcher reports a tick after the first (it times each event on its own).
    if outcome.ok && outcome.incremental && outcome.files == 0 && state.ok {
        return;
    }
    state.generation += 1;
    state.ok = outcome.ok;
    state.summary = summary;
    state.problems = outcome.problems;
    state.incremental = outcome.incremental;
    state.files_written = outcome.files;
    state.elapsed_ms = elapsed.as_secs_f64() * 1000.0;
    shared.changed.notify_all();
}

/// What a rebuild reports.
struct Built {
    ok: bool,
    summary: String,
    problems: Vec<Problem>,
    incremental: bool,
    files: usize,
}

fn failed<'a>(errors: usize, diagnostics: impl Iterator<Item = &'a Diagnostic>, incremental: bool) -> Built {
    Built {
        ok: false,
        summary: format!("The build failed with {errors} error(s); the previous pages are still served"),
        problems: diagnostics.map(problem).collect(),
        incremental,
        files: 0,
    }
}

/// Builds the whole site, printing its problems; keeps its inputs in `kept` when it succeeded.
fn full_build(shared: &Shared, load_config: &LoadConfig, kept: &mut Option<Incremental>) -> Built {
    *kept = None;
    match load_config() {
        Ok(config) => {
            *shared.out.lock().expect("not poisoned") = config.output_dir.clone();
            let (outcome, k) = incremental::full(&config, &BuildOptions { write: true, jobs: shared.options.jobs });
            *kept = k;
            for d in outcome.diagnostics.iter().filter(|d| d.is_error() || !shared.options.quiet) {
                eprintln!("{}", d.render());
            }
            match &outcome.summary {
                Some(s) => Built {
                    ok: true,
                    summary: format!("Built {s}"),
                    problems: Vec::new(),
                    incremental: false,
                    files: s.files,
                },
                None => failed(outcome.diagnostics.errors(), outcome.diagnostics.iter(), false),
            }
        }
        Err(d) => {
            eprintln!("{}", d.render());
            Built {
                ok: false,
                summary: "The settings file has an error; the previous pages are still served".into(),
                problems: vec![problem(&d)],
                incremental: false,
                files: 0,
            }
        }
    }
}

fn problem(d: &Diagnostic) -> Problem {
    Problem {
        severity: d.severity,
        code: d.code,
        message: d.message.clone(),
        location: d.location.as_ref().map(|l| l.to_string()),
        hint: d.hint.clone(),
        text: d.render(),
    }
}

impl Running {
    /// The state of the last build.
    pub fn state(&self) -> BuildState {
        self.shared.state.lock().expect("not poisoned").clone()
    }

    /// Waits until a build after generation `since` has finished, for at most `timeout`, and
    /// returns the state then (still `since`'s when none finished).
    pub fn wait_after(&self, since: u64, timeout: Duration) -> BuildState {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.state.lock().expect("not poisoned");
        while state.generation == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self.shared.changed.wait_timeout(state, left).expect("not poisoned").0;
        }
        state.clone()
    }

    /// Serves until the process is stopped (Ctrl+C).
    pub fn wait(mut self) {
        if let Some(a) = self.accept.take() {
            let _ = a.join();
        }
    }

    /// Stops serving and watching, and waits for the server's threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        self.server.unblock();
        // Dropping the watcher closes the channel the rebuild thread reads.
        self.watcher.take();
        if let Some(a) = self.accept.take() {
            let _ = a.join();
        }
        if let Some(r) = self.rebuild.take() {
            let _ = r.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let mut r = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"));
    for (k, v) in extra {
        r = r.with_header(header(k, v));
    }
    let _ = request.respond(r);
}

fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let raw = request.url().to_string();
    let (path, query) = raw.split_once('?').unwrap_or((&raw, ""));
    let base = shared.base.as_str();
    let Some(rel) = path.strip_prefix(base) else {
        if path == "/" || format!("{path}/") == base {
            return respond(request, 302, "text/plain; charset=utf-8", Vec::new(), &[("Location", base)]);
        }
        return not_found(request, shared, path);
    };
    match rel {
        "__polyref/reload.js" => {
            return respond(request, 200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec(), &[]);
        }
        "__polyref/events" => return events(request, shared, query),
        _ => {}
    }
    let decoded = crate::links::percent_decode(rel);
    if decoded.split('/').any(|s| s == ".." || s.contains('\\')) || decoded.contains('\0') {
        return respond(request, 400, "text/plain; charset=utf-8", b"bad path\n".to_vec(), &[]);
    }
    let out = shared.out.lock().expect("not poisoned").clone();
    let mut file = out.join(&decoded);
    if file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            return respond(
                request,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                &[("Location", &format!("{path}/"))],
            );
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
            if ext == "html" {
                let html = inject(&String::from_utf8_lossy(&bytes), shared);
                respond(request, 200, "text/html; charset=utf-8", html.into_bytes(), &[]);
            } else {
                respond(request, 200, content_type(&ext), bytes, &[]);
            }
        }
        Err(_) => not_found(request, shared, path),
    }
}

fn not_found(request: Request, shared: &Shared, path: &str) {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p>The site has no page at <code>{}</code>. <a href=\"{}\">Go to the start page</a>.</p></body></html>\n",
        crate::macros::esc(path),
        crate::macros::esc(&shared.base)
    );
    respond(request, 404, "text/html; charset=utf-8", inject(&page, shared).into_bytes(), &[]);
}

/// The page with the reload script added (only pages served by `serve` get it).
pub fn inject_script(html: &str, base: &str, generation: u64) -> String {
    let tag = format!("<script src=\"{base}{RESERVED}reload.js?gen={generation}\" defer></script>");
    match html.find("</head>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => format!("{tag}\n{html}"),
    }
}

fn inject(html: &str, shared: &Shared) -> String {
    let generation = shared.state.lock().expect("not poisoned").generation;
    inject_script(html, &shared.base, generation)
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The events endpoint: the build state, at once without `since`, otherwise as soon as the
/// generation differs from `since` (or after the poll timeout).
fn events(request: Request, shared: &Shared, query: &str) {
    let since: Option<u64> = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse().ok());
    let mut state = shared.state.lock().expect("not poisoned");
    if let Some(since) = since {
        let deadline = Instant::now() + shared.options.poll_timeout;
        while state.generation == since && !shared.stopping.load(Ordering::SeqCst) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = shared.changed.wait_timeout(state, left).expect("not poisoned").0;
        }
    }
    let body = serde_json::to_vec(&*state).expect("the state serialises");
    drop(state);
    respond(request, 200, "application/json", body, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_the_base_url() {
        assert_eq!(base_path("https://example.github.io/polyref/"), "/polyref/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/a/b"), "/a/b/");
    }

    #[test]
    fn script_goes_into_the_head() {
        let html = inject_script("<html><head><title>x</title></head><body></body></html>", "/p/", 7);
        assert!(html.contains("<script src=\"/p/__polyref/reload.js?gen=7\" defer></script>\n</head>"), "{html}");
    }

    #[test]
    fn output_and_editor_files_do_not_trigger_builds() {
        let (out, root) = (Path::new("/p/site"), Path::new("/p"));
        assert!(!is_source_change(Path::new("/p/site/en/index.html"), out, root));
        assert!(!is_source_change(Path::new("/p/content/en/x/.index.md.swp"), out, root));
        assert!(!is_source_change(Path::new("/p/content/en/x/index.md~"), out, root));
        assert!(!is_source_change(Path::new("/p/.git/index"), out, root));
        assert!(!is_source_change(Path::new("/p/.site.polyref-tmp"), out, root));
        assert!(is_source_change(Path::new("/p/polyref.toml"), out, root));
        assert!(is_source_change(Path::new("/p/content/en/x/index.md"), out, root));
    }
}
