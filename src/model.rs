//! Model stage: groups the parsed files into one [`Entity`] per API page with one
//! [`Translation`] per locale, whatever dialect each came in. Pure: no I/O.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::dialect::{Kind, ParsedFile};
use crate::load::Role;

/// One API page across all its locales.
#[derive(Debug, Clone)]
pub struct Entity {
    /// MDN slug form: `Web/API/WebSocket/close`.
    pub key: String,
    /// Its folder in every locale: the key lowercased (`web/api/websocket/close`).
    pub dir: String,
    pub kind: Kind,
    /// `WebSocket` for `Web/API/WebSocket/close`.
    pub interface: Option<String>,
    /// `close` for `Web/API/WebSocket/close`.
    pub member: Option<String>,
    pub spec_urls: Vec<String>,
    pub browser_compat: Option<String>,
    /// MDN's `status` of the page (`experimental`, `deprecated`, `non-standard`), from the same
    /// file as `spec_urls`: translations usually leave it out.
    pub status: Vec<String>,
    /// Real translations by locale (never fallbacks).
    pub translations: BTreeMap<String, Translation>,
}

/// One locale's text of an entity: its primary file and any supplementary sources.
#[derive(Debug, Clone)]
pub struct Translation {
    pub locale: String,
    /// Boxed: an entity's translations sit in a map whose nodes have room for many entries.
    pub primary: Box<ParsedFile>,
    pub supplements: Vec<ParsedFile>,
}

/// All entities, sorted by key.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub entities: Vec<Entity>,
    /// Each entity's position in `entities` by its folder (the key lowercased) and by its key as
    /// written: every link of every page is looked up here.
    index: rustc_hash::FxHashMap<String, usize>,
    /// The entities by the folder above theirs (`web/api/websocket`), for [`Model::near`].
    children: rustc_hash::FxHashMap<String, Vec<usize>>,
}

/// Where a reader of `locale` gets an entity's content from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Availability<'a> {
    /// The locale has its own translation.
    Translated,
    /// It has none; the content is shown in this other locale.
    Fallback(&'a str),
}

impl Model {
    /// Groups files by entity and locale. Two primary files for one page and locale is an error
    /// naming both.
    pub fn assemble(files: Vec<ParsedFile>, config: &Config) -> (Model, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        // Sorted by page, locale, primary before supplementary, path: each page's files are
        // then neighbours, and no map of small vectors is needed (its memory grows large).
        let mut files = files;
        files.sort_by_cached_key(|f| {
            let supplement = matches!(f.file.role, Role::Supplement(_));
            (f.meta.key.to_lowercase(), f.file.locale.clone(), supplement, f.file.source.path.clone())
        });
        let mut entities = Vec::new();
        let mut files = files.into_iter().peekable();
        while let Some(first) = files.next() {
            let dir = first.meta.key.to_lowercase();
            let mut page = vec![first];
            while let Some(f) = files.next_if(|f| f.meta.key.to_lowercase() == dir) {
                page.push(f);
            }
            let mut translations = BTreeMap::new();
            let mut page = page.into_iter().peekable();
            while let Some(first) = page.next() {
                let locale = first.file.locale.clone();
                let mut primaries = Vec::new();
                let mut supplements = Vec::new();
                for f in std::iter::once(first).chain(std::iter::from_fn(|| page.next_if(|f| f.file.locale == locale)))
                {
                    match f.file.role {
                        Role::Primary => primaries.push(f),
                        Role::Supplement(_) => supplements.push(f),
                    }
                }
                if primaries.len() > 1 {
                    let first = &primaries[0];
                    for other in &primaries[1..] {
                        diags.push(
                            Diagnostic::error(
                                "duplicate-page",
                                format!("two files are the `{locale}` page of `{}`", other.meta.key),
                            )
                            .at(other.file.source.at(0..3))
                            .label(format!("the other one is {}", first.file.source.path))
                            .hint("keep one of them; turn another source into `<name>.supplement.md` beside the page"),
                        );
                    }
                }
                let primary = if primaries.is_empty() {
                    // Only supplementary sources: the first one stands in as the page.
                    supplements.remove(0)
                } else {
                    primaries.swap_remove(0)
                };
                translations.insert(locale.clone(), Translation { locale, primary: Box::new(primary), supplements });
            }
            let lead = translations
                .get(&config.default_locale)
                .or_else(|| translations.values().next())
                .expect("a group has at least one file");
            let meta = &lead.primary.meta;
            let key = meta.key.clone();
            let parts: Vec<&str> = key.split('/').collect();
            let (interface, member) = match parts.as_slice() {
                ["Web", "API", i] => (Some(i.to_string()), None),
                ["Web", "API", i, m, ..] => (Some(i.to_string()), Some(m.to_string())),
                _ => (None, None),
            };
            let first_some = |f: fn(&Translation) -> Option<Vec<String>>| {
                std::iter::once(lead).chain(translations.values()).find_map(f).unwrap_or_default()
            };
            let spec_urls = first_some(|t| Some(t.primary.meta.spec_urls.clone()).filter(|v| !v.is_empty()));
            let status = first_some(|t| Some(t.primary.meta.status.clone()).filter(|v| !v.is_empty()));
            let browser_compat =
                std::iter::once(lead).chain(translations.values()).find_map(|t| t.primary.meta.browser_compat.clone());
            entities.push(Entity {
                kind: meta.kind.unwrap_or(Kind::Other),
                key,
                dir,
                interface,
                member,
                spec_urls,
                browser_compat,
                status,
                translations,
            });
        }
        let index = entities.iter().enumerate().flat_map(|(i, e)| [(e.dir.clone(), i), (e.key.clone(), i)]).collect();
        let mut children: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, e) in entities.iter().enumerate() {
            if let Some((parent, _)) = e.dir.rsplit_once('/') {
                children.entry(parent.to_string()).or_default().push(i);
            }
        }
        (Model { entities, index, children }, diags)
    }

    /// The entity whose key is `key`, compared without case.
    pub fn find(&self, key: &str) -> Option<&Entity> {
        self.position(key).map(|i| &self.entities[i])
    }

    /// The entity that `key`, which names none, is most likely a misspelling of: one in the same
    /// folder whose last part is one letter off (added, dropped or changed), with the same first
    /// letter and at least four letters (`closee` for `close`, not `setItem` for `getItem`).
    pub fn near(&self, key: &str) -> Option<&Entity> {
        let key = key.trim_matches('/').to_lowercase();
        let (parent, last) = key.rsplit_once('/')?;
        self.children.get(parent)?.iter().map(|&i| &self.entities[i]).find(|e| {
            let theirs = e.dir.rsplit_once('/').map_or(e.dir.as_str(), |(_, l)| l);
            theirs.chars().count() >= 4
                && theirs.chars().next() == last.chars().next()
                && strsim::levenshtein(theirs, last) == 1
        })
    }

    /// Where in `entities` the entity whose key (or folder) is `key` is, compared without case.
    pub fn position(&self, key: &str) -> Option<usize> {
        let key = key.trim_matches('/');
        // A link usually names the key as the page writes it; otherwise compare without case.
        // (A key and a folder never name two entities: the folder is the key lowercased.)
        self.index.get(key).or_else(|| self.index.get(&key.to_lowercase())).copied()
    }
}

impl Entity {
    /// The translation a reader of `locale` sees, and whether it is a fallback. The chain is the
    /// locale itself, then the default locale, then the other locales in configured order.
    pub fn for_locale<'a>(&'a self, locale: &str, config: &'a Config) -> (&'a Translation, Availability<'a>) {
        if let Some(t) = self.translations.get(locale) {
            return (t, Availability::Translated);
        }
        let from = std::iter::once(&config.default_locale)
            .chain(config.locales.iter())
            .find(|l| self.translations.contains_key(l.as_str()))
            .map(String::as_str)
            .or_else(|| self.translations.keys().next().map(String::as_str))
            .expect("an entity has at least one translation");
        (&self.translations[from], Availability::Fallback(from))
    }

    /// The title in `locale` (or the fallback's), for lists and links.
    pub fn title<'a>(&'a self, locale: &str, config: &'a Config) -> &'a str {
        let t = self.for_locale(locale, config).0;
        t.primary.meta.short_title.as_deref().unwrap_or(&t.primary.meta.title)
    }
}
