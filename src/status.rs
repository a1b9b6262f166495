//! Translation status: for every locale and page, whether the page is translated, missing
//! (served as a fallback) or outdated against the default locale's source; the interface
//! messages and generated table cells still in the default language; and a percentage per
//! locale. Shown as a terminal table (`polyref status`), as JSON (`--json`), and as a page of
//! the site (`<locale>/status/index.html`, linked from each locale's home).
//!
//! A translation records the source revision it was made from: MDN's `l10n.sourceCommit`, or
//! [`SOURCE_HASH_FIELD`] (git's blob id of the source file) in any dialect. With git, a commit
//! is compared with the last commit that changed the source file, counting the commits in
//! between; without git, or for a hash, the hash is compared with the source file's.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::git::{self, Commit, Repo};
use crate::i18n::I18n;
use crate::load::{self, ContentFile};
use crate::messages;
use crate::model::{Availability, Entity};
use crate::render::{AlternateView, Chrome, LanguageView};
use crate::site::Prepared;

/// The front-matter field holding the source file's hash (`git hash-object` of the English
/// page) in a translation, in any dialect.
pub const SOURCE_HASH_FIELD: &str = "polyref-source-hash";

/// The template of the status page; without it, the site has no status page.
pub const TEMPLATE: &str = "status.html";

/// The most page rows a status page lists per locale: pages that need work come first, the rest
/// is counted (`polyref status` lists every page).
pub const MAX_ROWS: usize = 500;

/// Messages the status page asks for (see `i18n/<locale>/ui.ftl`).
pub const MESSAGES: &[&str] = &[
    "status-more-rows",
    "status-link",
    "status-title",
    "status-intro",
    "status-history-git",
    "status-history-hash",
    "status-history-shallow",
    "status-col-language",
    "status-col-percent",
    "status-col-translated",
    "status-col-outdated",
    "status-col-missing",
    "status-col-messages",
    "status-col-cells",
    "status-col-page",
    "status-col-state",
    "status-col-detail",
    "status-state-translated",
    "status-state-outdated",
    "status-state-missing",
    "status-source",
    "status-up-to-date",
    "status-behind",
    "status-changed",
    "status-unknown-commit",
    "status-invalid-commit",
    "status-not-recorded",
    "status-unchecked",
    "status-no-source",
    "status-fallback",
    "status-messages-heading",
    "status-cells-heading",
    "status-none",
];

/// Whether the page exists in the locale, and whether it is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// The locale has its own text (current, or not known to be outdated).
    Translated,
    /// The source changed after the revision the translation records.
    Outdated,
    /// The locale has no text; readers get another locale's (a fallback).
    Missing,
}

/// What is known about a translation's freshness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Freshness {
    /// This is the source itself (the default locale's page).
    Source,
    /// The recorded revision is the source's current one.
    UpToDate { by: Basis },
    /// The source changed since the recorded revision: `commits` commits (when git can count).
    Behind { by: Basis, commits: Option<usize> },
    /// The recorded commit is not in this repository's history.
    UnknownCommit { commit: String },
    /// The recorded `sourceCommit` is not a commit id at all.
    InvalidCommit { commit: String },
    /// A commit is recorded, but there is no git history to compare it with, and no hash.
    Unchecked { commit: String },
    /// The translation records no source revision.
    NotRecorded,
    /// There is no page in the default locale to compare with.
    NoSource,
    /// The locale has no page (see [`State::Missing`]).
    Missing { fallback: String },
}

/// How a translation was compared with its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Commit,
    Hash,
}

/// The default locale's page a translation is compared with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFile {
    pub file: String,
    /// Where the file is, as git is asked about it.
    #[serde(skip)]
    pub path: PathBuf,
    /// The last commit that changed it, with git.
    pub last_commit: Option<Commit>,
    /// The value for [`SOURCE_HASH_FIELD`] that marks a translation as current.
    pub hash: SourceHash,
    /// It has changes not committed yet.
    pub uncommitted: bool,
}

/// A source file's [`SOURCE_HASH_FIELD`] value, computed when first asked for: most builds
/// compare no hash, and hashing every source of a large site is not free.
#[derive(Debug, Clone)]
pub struct SourceHash {
    text: std::sync::Arc<str>,
    hash: std::sync::OnceLock<String>,
}

impl SourceHash {
    pub fn new(text: std::sync::Arc<str>) -> SourceHash {
        SourceHash { text, hash: std::sync::OnceLock::new() }
    }

    /// The hash (git's blob id of the text).
    pub fn get(&self) -> &str {
        self.hash.get_or_init(|| git::source_hash(&self.text))
    }
}

impl PartialEq for SourceHash {
    /// The same text has the same hash: compared without hashing.
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Serialize for SourceHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.get())
    }
}

/// One page in one locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageStatus {
    pub key: String,
    /// The page's address in the site, e.g. `de/web/api/websocket/close/index.html`.
    pub path: String,
    pub state: State,
    pub freshness: Freshness,
    /// The locale's file, when it has one.
    pub file: Option<String>,
    /// Its dialect (`mdn`, `jekyll`, `webplatform`): MDN pages record `l10n.sourceCommit`,
    /// others [`SOURCE_HASH_FIELD`].
    pub dialect: Option<crate::dialect::Dialect>,
    /// The recorded source revision, as written.
    pub source_commit: Option<String>,
    pub source_hash: Option<String>,
    /// The default locale's page.
    pub source: Option<SourceFile>,
    /// Close-code table cells this page shows in another language (message ids).
    pub untranslated_cells: Vec<String>,
}

/// A message the locale lacks.
#[derive(Debug, Clone, Serialize)]
pub struct MissingMessage {
    pub id: String,
    /// The file it belongs in, e.g. `i18n/de/ui.ftl`.
    pub file: String,
}

/// Counts for one locale.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub total: usize,
    pub translated: usize,
    pub outdated: usize,
    pub missing: usize,
}

/// One locale.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleStatus {
    pub locale: String,
    /// The share of pages translated (outdated ones included) and the share of interface
    /// messages translated, averaged, in percent rounded down: 100 only when nothing is missing.
    pub percent: u32,
    pub pages: Counts,
    pub messages: Counts,
    pub untranslated_cells: usize,
    pub page_status: Vec<PageStatus>,
    pub missing_messages: Vec<MissingMessage>,
}

/// The whole dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub default_locale: String,
    /// Whether the project is in a git work tree (commits can be counted).
    pub git: bool,
    /// Whether that work tree is a shallow clone: commits older than its history are unknown.
    pub shallow: bool,
    pub locales: Vec<LocaleStatus>,
}

/// The share of pages translated and the share of interface messages translated, averaged, in
/// percent rounded down (so 100 means nothing is missing). Pages and messages count the same
/// whatever their numbers: a language with every message but half the pages is at 75%.
pub fn percent(pages_done: usize, pages: usize, messages_done: usize, messages: usize) -> u32 {
    let share = |done: usize, total: usize| if total == 0 { 1.0 } else { done as f64 / total as f64 };
    let p = (share(pages_done, pages) + share(messages_done, messages)) / 2.0 * 100.0;
    // Rounded down, but not below what is exact (0.29 * 100 is 28.999…).
    (p + 1e-9).floor() as u32
}

/// Where a content file is: below the content folder, in its locale's folder and its page's.
/// (Its display path is relative to the project, or as the command line gave it, relative to
/// the working folder: it cannot be joined back to a path.)
fn content_path(config: &Config, file: &ContentFile) -> PathBuf {
    let name = file.source.path.rsplit('/').next().unwrap_or_default();
    config.content_dir.join(&file.locale).join(&file.dir).join(name)
}

/// Whether a page body uses the close-code table macro.
fn shows_table(body: &str) -> bool {
    const NAME: &str = "closecodes";
    memchr::memmem::find_iter(body.as_bytes(), b"{{").any(|i| {
        let rest = &body[i + 2..];
        let (rest, spaced) = match rest.strip_prefix(' ') {
            Some(r) => (r, true),
            None => (rest, false),
        };
        rest.get(..NAME.len()).is_some_and(|n| n.eq_ignore_ascii_case(NAME))
            && (spaced || rest[NAME.len()..].starts_with("}}") || rest[NAME.len()..].starts_with('('))
    })
}

/// Compares one translation with its source.
fn freshness(
    repo: Option<&Repo>,
    history: Option<&git::History>,
    commit: Option<&str>,
    hash: Option<&str>,
    source: &SourceFile,
) -> Freshness {
    let source_path = &source.path;
    let by_hash = |h: &str| {
        if h.eq_ignore_ascii_case(source.hash.get()) {
            Freshness::UpToDate { by: Basis::Hash }
        } else {
            // 0 commits since means the difference is not committed yet: no count to give.
            let commits = match history {
                Some(history) => history.commits_since_blob(h, source_path),
                None => repo.and_then(|r| r.commits_since_blob(h, source_path)),
            };
            let commits = commits.filter(|n| *n > 0);
            Freshness::Behind { by: Basis::Hash, commits }
        }
    };
    let Some(commit) = commit else {
        return hash.map_or(Freshness::NotRecorded, by_hash);
    };
    if !git::looks_like_commit(commit) {
        return hash.map_or_else(|| Freshness::InvalidCommit { commit: commit.to_string() }, by_hash);
    }
    let Some(repo) = repo.filter(|_| source.last_commit.is_some()) else {
        return hash.map_or_else(|| Freshness::Unchecked { commit: commit.to_string() }, by_hash);
    };
    // From the history read once where it answers, else from git.
    let since = match history {
        Some(h) => h.commits_since(repo, commit, source_path),
        None => repo.resolve(commit).map(|c| repo.commits_since(&c.id, source_path)),
    };
    match since {
        Some(Some(0)) => Freshness::UpToDate { by: Basis::Commit },
        Some(Some(n)) => Freshness::Behind { by: Basis::Commit, commits: Some(n) },
        Some(None) => hash.map_or_else(|| Freshness::Unchecked { commit: commit.to_string() }, by_hash),
        None => hash.map_or_else(|| Freshness::UnknownCommit { commit: commit.to_string() }, by_hash),
    }
}

/// Builds the report from the prepared inputs, reading git history when there is one.
pub fn collect(prepared: &Prepared, config: &Config) -> Report {
    track(prepared, config).report
}

/// A report with what it was computed from, so that one page's rows can be recomputed after an
/// edit without asking git about every other page again.
pub struct Tracked {
    pub report: Report,
    repo: Option<Repo>,
    /// The default locale's page of each entity, by key.
    sources: BTreeMap<String, SourceFile>,
}

/// Where [`source_file`] learns what git knows of a file.
enum Git<'a> {
    None,
    /// The default locale's folder's history, read at once (a full report).
    History(&'a git::History),
    /// Asked file by file (one entity's rows after an edit).
    Repo(&'a Repo),
}

/// The default locale's page of `e`, as translations are compared with it.
fn source_file(e: &Entity, config: &Config, git: &Git) -> Option<SourceFile> {
    let t = e.translations.get(&config.default_locale)?;
    let file = t.primary.file.published_path();
    let path = content_path(config, &t.primary.file);
    let (last_commit, uncommitted) = match git {
        Git::None => (None, false),
        Git::History(h) => (h.last_change(&path), h.is_modified(&path)),
        Git::Repo(r) => (r.last_change(&path), r.is_modified(&path)),
    };
    Some(SourceFile { last_commit, uncommitted, hash: SourceHash::new(t.primary.file.source.text.clone()), file, path })
}

/// The close-code table cells `locale` shows in the default language (message ids).
fn untranslated_cells(prepared: &Prepared, locale: &str) -> Vec<String> {
    prepared
        .registry
        .iter()
        .flat_map(|r| r.message_ids().flat_map(|id| [id.clone(), format!("{id}.description")]))
        .filter(|id| prepared.i18n.lookup(locale, id, &[]).is_some_and(|m| m.fell_back(locale)))
        .collect()
}

/// The page counts and the percentage of a locale, from its rows.
fn tally(l: &mut LocaleStatus) {
    let mut pages = Counts { total: l.page_status.len(), ..Counts::default() };
    for p in &l.page_status {
        match p.state {
            State::Translated => pages.translated += 1,
            State::Outdated => pages.outdated += 1,
            State::Missing => pages.missing += 1,
        }
    }
    l.percent = percent(pages.translated + pages.outdated, pages.total, l.messages.translated, l.messages.total);
    l.untranslated_cells = l.page_status.iter().map(|p| p.untranslated_cells.len()).sum();
    l.pages = pages;
}

/// Builds the report and keeps what it was computed from (see [`Tracked::refresh`]).
pub fn track(prepared: &Prepared, config: &Config) -> Tracked {
    let repo = Repo::discover(&config.content_dir);
    let default = &config.default_locale;
    let inventory = messages::inventory(&prepared.messages);
    let default_ids: Vec<messages::Defined> =
        inventory.get(default).into_iter().flatten().flat_map(|(_, d)| d.iter().cloned()).collect();
    let i18n_dir = load::display_path(config, &config.i18n_dir);

    // The default locale's page of each entity, compared against by every translation.
    let history = repo.as_ref().map(|r| {
        // Translations are compared with the default locale's pages only: git is asked about
        // that folder alone (its status is the slowest question: every file is looked at).
        let mut h = r.history(&config.content_dir.join(default));
        let recorded = prepared.model.entities.iter().flat_map(|e| e.translations.values());
        h.look_up(r, recorded.filter_map(|t| t.primary.meta.source_commit.as_deref()));
        h
    });
    let git = history.as_ref().map_or(Git::None, Git::History);
    let sources: BTreeMap<String, SourceFile> = prepared
        .model
        .entities
        .par_iter()
        .filter_map(|e| Some((e.key.clone(), source_file(e, config, &git)?)))
        .collect();

    let locales = config
        .locales
        .iter()
        .map(|locale| {
            let cells = untranslated_cells(prepared, locale);
            let page_status: Vec<PageStatus> = prepared
                .model
                .entities
                .par_iter()
                .map(|e| page_status(e, locale, config, repo.as_ref(), history.as_ref(), sources.get(&e.key), &cells))
                .collect();
            let missing_messages: Vec<MissingMessage> = if locale == default {
                Vec::new()
            } else {
                default_ids
                    .iter()
                    .filter(|d| prepared.i18n.lookup(locale, &d.id, &[]).is_none_or(|m| m.fell_back(locale)))
                    .map(|d| MissingMessage { id: d.id.clone(), file: format!("{i18n_dir}/{locale}/{}", d.file) })
                    .collect()
            };
            let messages = Counts {
                total: default_ids.len(),
                translated: default_ids.len() - missing_messages.len(),
                outdated: 0,
                missing: missing_messages.len(),
            };
            let mut l = LocaleStatus {
                locale: locale.clone(),
                percent: 0,
                pages: Counts::default(),
                messages,
                untranslated_cells: 0,
                page_status,
                missing_messages,
            };
            tally(&mut l);
            l
        })
        .collect();
    let shallow = repo.as_ref().is_some_and(Repo::is_shallow);
    let report = Report { default_locale: default.clone(), git: repo.is_some(), shallow, locales };
    Tracked { report, repo, sources }
}

impl Tracked {
    /// Recomputes the rows of the entity at `index` of `prepared.model` after the files of
    /// `changed` locales were edited or added (its key being the same).
    /// Returns whether the report changed.
    pub fn refresh(&mut self, prepared: &Prepared, config: &Config, index: usize, changed: &[String]) -> bool {
        let e = &prepared.model.entities[index];
        let default = &config.default_locale;
        let source_changed = changed.contains(default);
        if source_changed {
            let git = self.repo.as_ref().map_or(Git::None, Git::Repo);
            match source_file(e, config, &git) {
                Some(s) => self.sources.insert(e.key.clone(), s),
                None => self.sources.remove(&e.key),
            };
        }
        let mut any = false;
        for l in &mut self.report.locales {
            // A row shows the text the reader gets (the locale's own, or a fallback's) and, for a
            // translation, its source: only rows reading a changed file can differ.
            let shown = &e.for_locale(&l.locale, config).0.locale;
            if !source_changed && !changed.contains(shown) {
                continue;
            }
            let cells = untranslated_cells(prepared, &l.locale);
            let row = page_status(e, &l.locale, config, self.repo.as_ref(), None, self.sources.get(&e.key), &cells);
            if l.page_status.get(index) != Some(&row) {
                l.page_status[index] = row;
                tally(l);
                any = true;
            }
        }
        any
    }
}

fn page_status(
    e: &Entity,
    locale: &str,
    config: &Config,
    repo: Option<&Repo>,
    history: Option<&git::History>,
    source: Option<&SourceFile>,
    cells: &[String],
) -> PageStatus {
    let (t, availability) = e.for_locale(locale, config);
    let untranslated_cells =
        if !cells.is_empty() && shows_table(t.primary.body()) { cells.to_vec() } else { Vec::new() };
    let path = format!("{locale}/{}/index.html", e.dir);
    match availability {
        Availability::Fallback(from) => PageStatus {
            key: e.key.clone(),
            path,
            state: State::Missing,
            freshness: Freshness::Missing { fallback: from.to_string() },
            file: None,
            dialect: None,
            source_commit: None,
            source_hash: None,
            source: source.cloned(),
            untranslated_cells,
        },
        Availability::Translated => {
            let meta = &t.primary.meta;
            let hash = t.primary.source_hash.clone();
            let freshness = if locale == config.default_locale {
                Freshness::Source
            } else {
                match source {
                    Some(s) => freshness(repo, history, meta.source_commit.as_deref(), hash.as_deref(), s),
                    None => Freshness::NoSource,
                }
            };
            PageStatus {
                key: e.key.clone(),
                path,
                state: if matches!(freshness, Freshness::Behind { .. }) { State::Outdated } else { State::Translated },
                freshness,
                file: Some(t.primary.file.source.path.clone()),
                dialect: Some(meta.dialect),
                source_commit: meta.source_commit.clone(),
                source_hash: hash,
                source: if locale == config.default_locale { None } else { source.cloned() },
                untranslated_cells,
            }
        }
    }
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(10)]
}

impl Freshness {
    /// Whether this is something a translator should act on or know (shown as a problem).
    pub fn is_problem(&self) -> bool {
        matches!(self, Freshness::UnknownCommit { .. } | Freshness::InvalidCommit { .. } | Freshness::Unchecked { .. })
    }

    /// A short English description, for the terminal.
    pub fn describe(&self, default: &str) -> String {
        match self {
            Freshness::Source => "source text".into(),
            Freshness::UpToDate { by: Basis::Commit } => "up to date (sourceCommit is the source's last change)".into(),
            Freshness::UpToDate { by: Basis::Hash } => format!("up to date ({SOURCE_HASH_FIELD} matches)"),
            Freshness::Behind { commits: Some(n), .. } => {
                format!("{n} commit{} behind the {default} page", if *n == 1 { "" } else { "s" })
            }
            Freshness::Behind { commits: None, .. } => {
                format!("the {default} page changed ({SOURCE_HASH_FIELD} differs)")
            }
            Freshness::UnknownCommit { commit } => {
                format!("sourceCommit {} is not in this repository's history", short(commit))
            }
            Freshness::InvalidCommit { commit } => format!("sourceCommit `{commit}` is not a commit id"),
            Freshness::Unchecked { commit } => {
                format!("sourceCommit {} cannot be checked without git history; add {SOURCE_HASH_FIELD}", short(commit))
            }
            Freshness::NotRecorded => "no source revision recorded".into(),
            Freshness::NoSource => format!("no {default} page to compare with"),
            Freshness::Missing { fallback } => format!("not translated: readers get the {fallback} page"),
        }
    }
}

impl Report {
    /// The dashboard as terminal text: a summary table per locale, then each locale's pages,
    /// messages and table cells.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let d = &self.default_locale;
        out.push_str(&format!(
            "Translation status (source language: {d}; {})\n\n",
            if self.git { "freshness in git commits" } else { "no git history: freshness by source hash" }
        ));
        if self.shallow {
            out.push_str(
                "This clone is shallow: a recorded commit older than its history shows as not in the \
                 repository. `git fetch --unshallow` fetches the rest.\n\n",
            );
        }
        let head = ["locale", "translated", "pages", "outdated", "missing", "messages", "table cells"];
        let rows: Vec<Vec<String>> = self
            .locales
            .iter()
            .map(|l| {
                vec![
                    l.locale.clone(),
                    format!("{}%", l.percent),
                    format!("{}/{}", l.pages.translated + l.pages.outdated, l.pages.total),
                    l.pages.outdated.to_string(),
                    l.pages.missing.to_string(),
                    format!("{}/{}", l.messages.translated, l.messages.total),
                    if l.untranslated_cells == 0 {
                        "-".into()
                    } else {
                        format!("{} untranslated", l.untranslated_cells)
                    },
                ]
            })
            .collect();
        out.push_str(&table(&head, &rows));
        for l in &self.locales {
            out.push_str(&format!("\n{} ({}%)\n", l.locale, l.percent));
            let rows: Vec<Vec<String>> = l
                .page_status
                .iter()
                .map(|p| {
                    let mut detail = p.freshness.describe(d);
                    if self.shallow && matches!(p.freshness, Freshness::UnknownCommit { .. }) {
                        detail.push_str(" (or older than this shallow clone)");
                    }
                    // What to record to mark a translation as made from the current source.
                    // A new translation is a copy of the (MDN) source page.
                    let mdn = p.dialect.is_none_or(|d| d == crate::dialect::Dialect::Mdn);
                    let current = |s: &SourceFile| match (&s.last_commit, mdn) {
                        (Some(c), true) => format!("`sourceCommit: {}` ({}, {})", c.id, s.file, c.date),
                        _ => format!("`{SOURCE_HASH_FIELD}: {}` ({})", s.hash.get(), s.file),
                    };
                    match (&p.freshness, &p.source) {
                        (Freshness::Source | Freshness::UpToDate { .. }, _) | (_, None) => {}
                        (Freshness::Missing { .. }, Some(s)) => {
                            detail.push_str(&format!("; to start it, record {}", current(s)))
                        }
                        (_, Some(s)) => detail.push_str(&format!("; to mark it current, record {}", current(s))),
                    }
                    if let Some(s) = p.source.as_ref().filter(|s| s.uncommitted && p.state != State::Missing) {
                        detail.push_str(&format!("; {} has uncommitted changes", s.file));
                    }
                    if !p.untranslated_cells.is_empty() {
                        detail.push_str(&format!("; {} table cells in {d}", p.untranslated_cells.len()));
                    }
                    let state = match p.state {
                        State::Translated if p.freshness.is_problem() => "translated (?)",
                        State::Translated => "translated",
                        State::Outdated => "outdated",
                        State::Missing => "missing",
                    };
                    vec![format!("  {}", p.key), state.to_string(), detail]
                })
                .collect();
            out.push_str(&table(&["  page", "state", "detail"], &rows));
            if !l.missing_messages.is_empty() {
                let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for m in &l.missing_messages {
                    by_file.entry(m.file.as_str()).or_default().push(m.id.as_str());
                }
                for (file, ids) in by_file {
                    out.push_str(&format!("  messages to translate in {file} ({}): {}\n", ids.len(), ids.join(", ")));
                }
            }
            for p in l.page_status.iter().filter(|p| !p.untranslated_cells.is_empty()) {
                out.push_str(&format!(
                    "  table cells of {} shown in {d} ({}): {}\n",
                    p.key,
                    p.untranslated_cells.len(),
                    p.untranslated_cells.join(", ")
                ));
            }
        }
        out
    }
}

/// A plain-text table with columns padded to their widest cell.
fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    let width = |i: usize| {
        rows.iter().map(|r| r[i].chars().count()).chain(std::iter::once(head[i].chars().count())).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..head.len()).map(width).collect();
    let line = |cells: Vec<&str>| {
        let mut s: String = cells
            .iter()
            .enumerate()
            .map(|(i, c)| if i + 1 == cells.len() { c.to_string() } else { format!("{c:<w$}  ", w = widths[i]) })
            .collect();
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = line(head.to_vec());
    out.push_str(&line(widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

// ---- The status page of the site ----

/// A language's name in itself (`language-name` of its own files), or its tag while it has none.
pub fn own_name(i18n: &I18n, code: &str) -> String {
    i18n.lookup(code, "language-name", &[]).filter(|m| !m.fell_back(code)).map_or_else(|| code.to_string(), |m| m.text)
}

#[derive(Serialize)]
struct StatusView {
    chrome: Chrome,
    history: String,
    locales: Vec<LocaleView>,
}

#[derive(Serialize)]
struct LocaleView {
    code: String,
    name: String,
    percent: u32,
    translated: usize,
    outdated: usize,
    missing: usize,
    pages: usize,
    messages_translated: usize,
    messages_total: usize,
    cells: usize,
    rows: Vec<RowView>,
    /// Rows left out of the page (see [`MAX_ROWS`]); the terminal and `--json` report has them.
    more_rows: usize,
    missing_messages: Vec<MissingMessage>,
    cell_rows: Vec<CellsView>,
}

#[derive(Serialize)]
struct RowView {
    key: String,
    /// Relative link from the status page to the page.
    href: String,
    state: String,
    state_label: String,
    detail: String,
    problem: bool,
}

#[derive(Serialize)]
struct CellsView {
    key: String,
    ids: Vec<String>,
}

fn detail_text(i18n: &I18n, lang: &str, default: &str, p: &PageStatus) -> String {
    let t = |id: &str, args: &[(&str, &str)]| i18n.get(lang, id, args).text;
    let lang_name = |l: &str| i18n.text(lang, &format!("language-{l}"));
    match &p.freshness {
        Freshness::Source => t("status-source", &[]),
        Freshness::UpToDate { .. } => t("status-up-to-date", &[]),
        Freshness::Behind { commits: Some(n), .. } => t("status-behind", &[("commits", &n.to_string())]),
        Freshness::Behind { commits: None, .. } => t("status-changed", &[]),
        Freshness::UnknownCommit { commit } => t("status-unknown-commit", &[("commit", commit)]),
        Freshness::InvalidCommit { commit } => t("status-invalid-commit", &[("commit", commit)]),
        Freshness::Unchecked { commit } => t("status-unchecked", &[("commit", commit)]),
        Freshness::NotRecorded => t("status-not-recorded", &[]),
        Freshness::NoSource => t("status-no-source", &[("language", &lang_name(default))]),
        Freshness::Missing { fallback } => t("status-fallback", &[("language", &lang_name(fallback))]),
    }
}

/// The status page of each locale, `<locale>/status/index.html`, when `templates/` has
/// [`TEMPLATE`]. Problems rendering it are returned as diagnostics.
pub fn site_pages(prepared: &Prepared, config: &Config) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    if !prepared.renderer.has(TEMPLATE) {
        return (Vec::new(), Vec::new());
    }
    let report = &prepared.status.get_or_init(|| track(prepared, config)).report;
    render_pages(prepared, config, report)
}

/// The status page of each locale for `report`.
pub(crate) fn render_pages(
    prepared: &Prepared,
    config: &Config,
    report: &Report,
) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    if !prepared.renderer.has(TEMPLATE) {
        return (Vec::new(), Vec::new());
    }
    let i18n = &prepared.i18n;
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for lang in &config.locales {
        let page_dir = format!("{lang}/status");
        let root = "../../".to_string();
        let locales = report
            .locales
            .iter()
            .map(|l| LocaleView {
                code: l.locale.clone(),
                name: i18n.text(lang, &format!("language-{}", l.locale)),
                percent: l.percent,
                translated: l.pages.translated,
                outdated: l.pages.outdated,
                missing: l.pages.missing,
                pages: l.pages.total,
                messages_translated: l.messages.translated,
                messages_total: l.messages.total,
                cells: l.untranslated_cells,
                rows: l
                    .page_status
                    .iter()
                    // Pages that need work first; a huge site's page stays readable and small.
                    .filter(|p| p.freshness.is_problem() || !matches!(p.state, State::Translated))
                    .chain(
                        l.page_status
                            .iter()
                            .filter(|p| !p.freshness.is_problem() && matches!(p.state, State::Translated)),
                    )
                    .take(MAX_ROWS)
                    .map(|p| {
                        let state = match p.state {
                            State::Translated => "translated",
                            State::Outdated => "outdated",
                            State::Missing => "missing",
                        };
                        RowView {
                            key: p.key.clone(),
                            href: format!("{root}{}", p.path),
                            state: state.to_string(),
                            state_label: i18n.text(lang, &format!("status-state-{state}")),
                            detail: detail_text(i18n, lang, &config.default_locale, p),
                            problem: p.freshness.is_problem(),
                        }
                    })
                    .collect(),
                more_rows: l.page_status.len().saturating_sub(MAX_ROWS),
                missing_messages: l.missing_messages.clone(),
                cell_rows: l
                    .page_status
                    .iter()
                    .filter(|p| !p.untranslated_cells.is_empty())
                    .map(|p| CellsView { key: p.key.clone(), ids: p.untranslated_cells.clone() })
                    .collect(),
            })
            .collect();
        let view = StatusView {
            chrome: Chrome {
                lang: lang.clone(),
                site_title: config.title.clone(),
                root: root.clone(),
                canonical: format!("{}{page_dir}/", config.base_url),
                languages: config
                    .locales
                    .iter()
                    .map(|code| LanguageView {
                        code: code.clone(),
                        name: own_name(i18n, code),
                        href: format!("{root}{code}/status/index.html"),
                        current: code == lang,
                        translated: true,
                    })
                    .collect(),
                alternates: config
                    .locales
                    .iter()
                    .map(|l| AlternateView { hreflang: l.clone(), href: format!("{}{l}/status/", config.base_url) })
                    .collect(),
                scripts: Vec::new(),
                meta: None,
            },
            history: match (report.git, report.shallow) {
                // A published site is often built from a shallow checkout (CI's default).
                (true, true) => {
                    format!("{} {}", i18n.text(lang, "status-history-git"), i18n.text(lang, "status-history-shallow"))
                }
                (true, false) => i18n.text(lang, "status-history-git"),
                (false, _) => i18n.text(lang, "status-history-hash"),
            },
            locales,
        };
        let name = format!("{page_dir}/index.html");
        match prepared.renderer.render(TEMPLATE, &view, &name) {
            Ok(html) => files.push((name, html.into_bytes())),
            Err(d) => diags.push(d),
        }
    }
    (files, diags)
}

#[cfg(test)]
mod tests {
    use super::shows_table;

    #[test]
    fn finds_the_table_macro_in_any_case_and_spacing() {
        assert!(shows_table("text\n\n{{CloseCodes}}\n"));
        assert!(shows_table("{{closecodes(\"x\")}}"));
        assert!(shows_table("{{ CloseCodes }}"));
        assert!(!shows_table("{{CloseCodesX}} and {{domxref(\"CloseEvent\")}}"));
        assert!(!shows_table("CloseCodes without braces, and a lone {{"));
    }
}
