//! Incremental rebuilds for `serve`: after a good full build the prepared inputs are kept, and
//! when only content page files were edited (the same files, each with the same key and locale),
//! added to a page the site has (a translation started in the page's folder of a locale, a
//! supplement) or removed from a page that keeps another file, just those files are read and
//! parsed again, their entity's pages are rendered again in every locale, the pages that list it
//! are updated, and only files whose bytes changed are written, in place. Anything else asks for
//! a full build ([`Step::Full`]).
//!
//! What an edited page can change, and so what is rendered again:
//! - its entity's page and JSON model in every locale: a locale without its own translation shows
//!   another locale's text (a fallback page);
//! - each locale's home, which lists every page's title and summary (only when the entry changed);
//! - the status pages, from the translation status of the entity's rows (only when a row changed);
//! - when a translation was added or removed, the sitemap, which lists each page's translations
//!   (and a file of a split sitemap that it no longer needs is removed).
//!
//! What it cannot change: links from other pages resolve by key alone (`Env::our_page`), and
//! the language switchers and `hreflang` alternates are the entity's own, and its folder depends
//! on its key alone. The root page, `404.html`, `robots.txt` and the assets depend on settings,
//! messages and templates only.
//!
//! Problems are reported as a full build would report them: the full build's diagnostics, with
//! those of each edited entity replaced by its current ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::dialect::{self, ParsedFile};
use crate::load::{self, ContentFile, Role};
use crate::model::{Entity, Model};
use crate::site::{self, BuildOptions, Outcome, Prepared};
use crate::write;

/// The state kept between changes: the inputs of the site in the output folder.
pub struct Incremental {
    config: Config,
    prepared: Prepared,
    /// The content folder as the watcher reports paths (absolute, links resolved).
    content: PathBuf,
    /// Every page file by its path below the content folder: its entity's folder.
    files: HashMap<String, String>,
    /// The diagnostics of the full build.
    base: Vec<Diagnostic>,
    /// For each entity edited since the full build: its diagnostics in the full build, and now.
    edited: BTreeMap<String, (Vec<Diagnostic>, Vec<Diagnostic>)>,
    /// Files edited since the output was last brought up to date (a broken edit stays here until
    /// a later rebuild succeeds).
    pending: BTreeSet<String>,
}

/// What [`Incremental::update`] did.
#[derive(Debug)]
pub enum Step {
    /// The change needs a full build, for this reason.
    Full(String),
    /// The change was rebuilt (or found broken) incrementally.
    Done(Rebuilt),
}

/// The result of an incremental rebuild.
#[derive(Debug)]
pub struct Rebuilt {
    /// Whether it succeeded and the output is up to date; otherwise nothing was written.
    pub ok: bool,
    /// Entities rendered again.
    pub pages: usize,
    /// The locales each was rendered in.
    pub locales: usize,
    /// Paths inside the site of the files written (those whose bytes changed).
    pub written: Vec<String>,
    /// After success, the problems of the pages rendered again; after failure, every problem of
    /// the site, as a full build reports them.
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
}

impl std::fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "Rebuilt {} page{} in {} locale{}, {} file{} written",
            self.pages,
            s(self.pages),
            self.locales,
            s(self.locales),
            self.written.len(),
            s(self.written.len())
        )
    }
}

/// Runs a full build that writes the site and, when it succeeds, keeps its inputs for
/// incremental rebuilds.
pub fn full(config: &Config, opts: &BuildOptions) -> (Outcome, Option<Incremental>) {
    let (outcome, prepared) = site::build_and_keep(config, &BuildOptions { write: true, ..opts.clone() });
    let kept = prepared.map(|p| Incremental::new(config.clone(), p, outcome.diagnostics.iter().cloned().collect()));
    (outcome, kept)
}

/// The path of a page file below the content folder, `/`-separated.
fn content_rel(f: &ContentFile) -> String {
    let name = match &f.role {
        Role::Primary => "index.md".to_string(),
        Role::Supplement(stem) => format!("{stem}.supplement.md"),
    };
    [f.locale.as_str(), f.dir.as_str(), name.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("/")
}

/// What [`content_rel`] was made from: the locale, the page's folder and the file's role, when
/// `rel` names a page file in a page's folder.
fn page_file(rel: &str) -> Option<(&str, &str, Role)> {
    let (locale, rest) = rel.split_once('/')?;
    let (dir, name) = rest.rsplit_once('/')?;
    Some((locale, dir, load::page_role(name)?))
}

/// Every file of an entity: each translation's primary file and supplements.
fn entity_files(e: &Entity) -> impl Iterator<Item = &ParsedFile> {
    e.translations.values().flat_map(|t| std::iter::once(&*t.primary).chain(&t.supplements))
}

/// How diagnostics are told apart (as [`Diagnostics::sort`] does).
type DiagKey = (Option<(String, usize, usize)>, Severity, &'static str, String);

fn diag_key(d: &Diagnostic) -> DiagKey {
    (d.location.as_ref().map(|l| (l.path.clone(), l.line, l.col)), d.severity, d.code, d.message.clone())
}

/// One edited entity, rendered but not yet in the model.
struct Candidate {
    index: usize,
    entity: Entity,
    files: Vec<(String, Vec<u8>)>,
    diags: Vec<Diagnostic>,
    /// Locales whose files were edited.
    locales: Vec<String>,
    /// Whether the page gained or lost a translation.
    translations_changed: bool,
    /// The page files removed.
    removed: Vec<String>,
}

impl Incremental {
    fn new(config: Config, prepared: Prepared, base: Vec<Diagnostic>) -> Incremental {
        let content = std::fs::canonicalize(&config.content_dir).unwrap_or_else(|_| config.content_dir.clone());
        let files = prepared
            .model
            .entities
            .iter()
            .flat_map(|e| entity_files(e).map(|f| (content_rel(&f.file), e.dir.clone())))
            .collect();
        Incremental { config, prepared, content, files, base, edited: BTreeMap::new(), pending: BTreeSet::new() }
    }

    /// The settings the kept site was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Brings the output folder up to date after `changed` (paths as the watcher reports them)
    /// when they are all page files the site already has; otherwise asks for a full build.
    pub fn update(&mut self, changed: &[PathBuf]) -> Step {
        let started = Instant::now();
        for path in changed {
            let Some(rel) = self.rel(path) else {
                return Step::Full(format!("{} is not a page file", path.display()));
            };
            // Not a file: removed, or replaced by something else (load skips symbolic links).
            let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            if !self.files.contains_key(&rel) {
                match self.new_page_file(&rel) {
                    Some(dir) if is_file => {
                        self.files.insert(rel.clone(), dir);
                    }
                    _ if path.is_dir() => return Step::Full(format!("{rel} is a new folder")),
                    _ => return Step::Full(format!("{rel} is a new file")),
                }
            }
            // A page file gone is read as removed from its page; one replaced by a folder or a
            // link asks for a full build.
            if !is_file && std::fs::symlink_metadata(path).is_ok() {
                return Step::Full(format!("{rel} is no longer a file"));
            }
            self.pending.insert(rel);
        }
        let mut by_entity: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for rel in &self.pending {
            by_entity.entry(self.files[rel].clone()).or_default().insert(rel.clone());
        }

        let mut candidates = Vec::new();
        for (dir, rels) in &by_entity {
            match self.candidate(dir, rels) {
                Ok(c) => candidates.push(c),
                Err(reason) => return Step::Full(reason),
            }
        }

        // Put the new entities in the model, keeping the old ones to list changes or go back.
        let mut old = Vec::new();
        for c in &mut candidates {
            let e = std::mem::replace(&mut self.prepared.model.entities[c.index], c.entity.clone());
            old.push(e);
        }
        let mut files: Vec<(String, Vec<u8>)> =
            candidates.iter_mut().flat_map(|c| std::mem::take(&mut c.files)).collect();
        let mut extra = Vec::new();
        for locale in &self.config.locales {
            let listed = candidates.iter().zip(&old).any(|(c, o)| {
                site::home_entry(&c.entity, locale, &self.config) != site::home_entry(o, locale, &self.config)
            });
            if listed {
                match site::render_home_of(&self.prepared, &self.config, locale) {
                    Ok(html) => files.push((format!("{locale}/index.html"), html.into_bytes())),
                    Err(d) => extra.push(d),
                }
            }
        }
        // With a translation added or removed, the sitemap; when it is split, the number of its
        // files, after which any left by the build before are removed.
        let mut sitemap_parts = None;
        if candidates.iter().any(|c| c.translations_changed) {
            let sitemap = crate::hosting::sitemap_files(&self.prepared, &self.config);
            sitemap_parts = Some(sitemap.len() - 1);
            files.extend(sitemap);
        }
        if let Some(mut tracked) = self.prepared.status.take() {
            let mut changed = false;
            for c in &candidates {
                changed |= tracked.refresh(&self.prepared, &self.config, c.index, &c.locales);
            }
            if changed {
                let (pages, d) = crate::status::render_pages(&self.prepared, &self.config, &tracked.report);
                files.extend(pages);
                extra.extend(d);
            }
            let _ = self.prepared.status.set(tracked);
        }

        for c in &candidates {
            let base = self.edited.get(&c.entity.dir).map(|(b, _)| b.clone()).unwrap_or_default();
            self.edited.insert(c.entity.dir.clone(), (base, c.diags.clone()));
        }
        let broken = candidates.iter().flat_map(|c| &c.diags).chain(&extra).any(Diagnostic::is_error);
        let mut rebuilt = Rebuilt {
            ok: !broken,
            pages: candidates.len(),
            locales: self.config.locales.len(),
            written: Vec::new(),
            diagnostics: Diagnostics::new(),
            elapsed: Duration::ZERO,
        };
        if broken {
            // Back to the inputs of the output folder; the status rows follow the model.
            for (c, o) in candidates.iter().zip(old) {
                self.prepared.model.entities[c.index] = o;
            }
            if let Some(mut tracked) = self.prepared.status.take() {
                for c in &candidates {
                    tracked.refresh(&self.prepared, &self.config, c.index, &c.locales);
                }
                let _ = self.prepared.status.set(tracked);
            }
            rebuilt.diagnostics = self.site_diagnostics(extra);
            rebuilt.elapsed = started.elapsed();
            return Step::Done(rebuilt);
        }

        for (rel, bytes) in &files {
            match write::replace_file(&self.config.output_dir, rel, bytes) {
                Ok(true) => rebuilt.written.push(rel.clone()),
                Ok(false) => {}
                // Part of the change may be written: only a full build can tell what the folder holds.
                Err(e) => return Step::Full(format!("cannot write {rel}: {e}")),
            }
        }
        for rel in sitemap_parts.into_iter().flat_map(|n| (n + 1..).map(crate::sitemap::part_name)) {
            match write::remove_file(&self.config.output_dir, &rel) {
                // (Removed, not written: `written` lists the files whose bytes changed.)
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Step::Full(format!("cannot remove {rel}: {e}")),
            }
        }
        self.pending.clear();
        for rel in candidates.iter().flat_map(|c| &c.removed) {
            self.files.remove(rel);
        }
        let mut diags = Diagnostics::new();
        diags.extend(candidates.into_iter().flat_map(|c| c.diags));
        diags.sort();
        rebuilt.diagnostics = diags;
        rebuilt.elapsed = started.elapsed();
        Step::Done(rebuilt)
    }

    /// The folder of the page a new file at `rel` (below the content folder) belongs to, when it
    /// is a page file of a configured locale in the folder of a page the site has.
    fn new_page_file(&self, rel: &str) -> Option<String> {
        let (locale, dir, _) = page_file(rel)?;
        let known = self.config.locales.iter().any(|l| l == locale);
        let index = self.prepared.model.position(dir).filter(|_| known)?;
        let entity = &self.prepared.model.entities[index];
        (entity.dir == dir).then(|| dir.to_string())
    }

    /// `path` below the content folder, `/`-separated.
    fn rel(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.content).ok()?;
        let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
        Some(parts?.join("/"))
    }

    /// Reads and parses the edited files `rels` of the entity in folder `dir` again, assembles
    /// the entity and renders its pages. `Err` when the edit needs a full build.
    fn candidate(&mut self, dir: &str, rels: &BTreeSet<String>) -> Result<Candidate, String> {
        let index = self.prepared.model.position(dir).ok_or_else(|| format!("the page {dir} is not in the site"))?;
        let current = &self.prepared.model.entities[index];
        if !self.edited.contains_key(dir) {
            // The first edit since the full build: what the full build reported for this entity.
            let sources: Vec<ContentFile> = entity_files(current).map(|f| f.file.clone()).collect();
            let (_, mut base) = dialect::parse_all(&sources);
            base.extend(site::render_entity(&self.prepared, &self.config, current).1);
            self.edited.insert(dir.to_string(), (base, Vec::new()));
        }
        let mut diags = Vec::new();
        let mut sources = Vec::new();
        let mut keys = HashMap::new();
        let mut locales = BTreeSet::new();
        let mut known = BTreeSet::new();
        let mut removed = Vec::new();
        // The locales whose translation lost its page file.
        let mut gone = BTreeSet::new();
        for f in entity_files(current) {
            let rel = content_rel(&f.file);
            keys.insert(f.file.source.path.clone(), f.meta.key.clone());
            known.insert(rel.clone());
            if !rels.contains(&rel) {
                sources.push(f.file.clone());
                continue;
            }
            locales.insert(f.file.locale.clone());
            let path = self.config.content_dir.join(&rel);
            if std::fs::symlink_metadata(&path).is_err() {
                if f.file.role == Role::Primary {
                    gone.insert(f.file.locale.clone());
                }
                removed.push(rel);
                continue;
            }
            match load::read_text(&path, &f.file.source.path) {
                Ok(source) => sources.push(ContentFile { source, ..f.file.clone() }),
                Err(d) => diags.push(d),
            }
        }
        // Files added to the page's folders (see `new_page_file`): they must name this page.
        let mut added = BTreeSet::new();
        for rel in rels.iter().filter(|r| !known.contains(*r)) {
            let Some((locale, dir, role)) = page_file(rel) else { continue };
            let path = self.config.content_dir.join(rel);
            if role == Role::Primary {
                added.insert(locale.to_string());
            }
            let shown = load::display_path(&self.config, &path);
            keys.insert(shown.clone(), current.key.clone());
            locales.insert(locale.to_string());
            match load::read_text(&path, &shown) {
                Ok(source) => sources.push(ContentFile { source, locale: locale.into(), dir: dir.into(), role }),
                Err(d) => diags.push(d),
            }
        }
        let (parsed, d) = dialect::parse_all(&sources);
        diags.extend(d);
        for p in &parsed {
            if keys.get(&p.file.source.path) != Some(&p.meta.key) {
                return Err(format!("{} names another page now", p.file.source.path));
            }
        }
        let (model, d) = Model::assemble(parsed, &self.config);
        diags.extend(d);
        let Ok([entity]) = <[Entity; 1]>::try_from(model.entities) else {
            return Err(format!("the page {dir} has no readable file left"));
        };
        // A translation may come with a new file or go with a removed one; one that is gone
        // otherwise (its file broken) is reported below.
        let gained = entity.translations.keys().filter(|l| !current.translations.contains_key(*l));
        let lost = current.translations.keys().filter(|l| !entity.translations.contains_key(*l));
        let explained = gained.clone().all(|l| added.contains(l)) && lost.clone().all(|l| gone.contains(l));
        if !explained && !diags.iter().any(Diagnostic::is_error) {
            return Err(format!("the page {dir} changed its translations"));
        }
        let translations_changed = explained && (gained.count() > 0 || lost.count() > 0);
        if translations_changed {
            // Which locale's text each locale shows may change: every row of the page.
            locales.extend(self.config.locales.iter().cloned());
        }
        let (files, d) = site::render_entity(&self.prepared, &self.config, &entity);
        diags.extend(d);
        Ok(Candidate {
            index,
            entity,
            files,
            diags,
            locales: locales.into_iter().collect(),
            translations_changed,
            removed,
        })
    }

    /// Every problem of the site as it is now: the full build's, with each edited entity's
    /// replaced by its current ones, and `extra`.
    fn site_diagnostics(&self, extra: Vec<Diagnostic>) -> Diagnostics {
        let gone: BTreeSet<DiagKey> = self.edited.values().flat_map(|(base, _)| base.iter().map(diag_key)).collect();
        let mut out = Diagnostics::new();
        out.extend(self.base.iter().filter(|d| !gone.contains(&diag_key(d))).cloned());
        out.extend(self.edited.values().flat_map(|(_, now)| now.iter().cloned()));
        out.extend(extra);
        out.sort();
        out
    }
}
