//! Site settings: read once from `polyref.toml`, validated, then passed by reference to every
//! stage (no globals, so tests build sites with their own settings).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Source};

/// The name of the settings file at the project root.
pub const CONFIG_FILE: &str = "polyref.toml";

/// Settings as written in `polyref.toml`. Every field has a default, so an empty file works.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    title: Option<String>,
    base_url: Option<toml::Spanned<String>>,
    default_locale: Option<toml::Spanned<String>>,
    locales: Option<Vec<toml::Spanned<String>>>,
    content_dir: Option<PathBuf>,
    templates_dir: Option<PathBuf>,
    i18n_dir: Option<PathBuf>,
    output_dir: Option<PathBuf>,
    highlight: Option<bool>,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The project folder; relative paths below are resolved against it.
    pub root: PathBuf,
    /// Site name shown in the header.
    pub title: String,
    /// Absolute URL of the published site, ending in `/` (e.g. `https://example.github.io/polyref/`),
    /// as checked by [`check_base_url`]. Its path is the site's base path (`/polyref/`). Used for
    /// canonical, `hreflang` and sitemap links and by `404.html`; links between pages are relative
    /// and work anywhere.
    pub base_url: String,
    /// The source language: translations are compared against it and fall back to it.
    pub default_locale: String,
    /// Locales built, in the order the language switcher shows them. The default comes first.
    pub locales: Vec<String>,
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub i18n_dir: PathBuf,
    pub output_dir: PathBuf,
    /// Whether js code blocks get syntax highlighting (class-based spans, made at build time).
    pub highlight: bool,
}

impl Config {
    /// Settings for a project at `root` with every default, as if `polyref.toml` were empty.
    pub fn defaults(root: &Path) -> Config {
        Self::from_raw(root, empty_raw(), None).expect("the defaults are valid")
    }

    /// Reads `root/polyref.toml` if it exists, otherwise uses the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        if !root.is_dir() {
            return Err(Diagnostic::error("config", format!("the project folder {} does not exist", root.display()))
                .hint("pass --root the folder that holds polyref.toml, content/, templates/ and i18n/"));
        }
        let path = root.join(CONFIG_FILE);
        let mut source = None;
        let raw = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let source = source.insert(Source::new(CONFIG_FILE, text.as_str()));
                let raw = toml::from_str::<RawConfig>(&text).map_err(|e| {
                    let range = e.span().unwrap_or(0..0);
                    Diagnostic::error("config", e.message().to_string())
                        .at(source.at(range))
                        .hint("see the comments in polyref.toml for the settings and their meaning")
                })?;
                if let Some(url) = &raw.base_url {
                    check_base_url(url.get_ref())
                        .map_err(|message| base_url_error(message).at(source.at(url.span())))?;
                }
                raw
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => empty_raw(),
            Err(e) => {
                return Err(Diagnostic::error("config", format!("cannot read {CONFIG_FILE}: {e}")));
            }
        };
        Self::from_raw(root, raw, source.as_ref())
    }

    /// Checks `raw`, read from `source` (none for the defaults), whose lines the errors point at.
    fn from_raw(root: &Path, raw: RawConfig, source: Option<&Source>) -> Result<Config, Diagnostic> {
        let at = |d: Diagnostic, span: std::ops::Range<usize>| match source {
            Some(s) => d.at(s.at(span)),
            None => d,
        };
        let spanned = |value: &str| toml::Spanned::new(0..0, value.to_string());
        let raw_locales = raw.locales.unwrap_or_else(|| vec![spanned("en"), spanned("es"), spanned("de")]);
        let raw_default = raw.default_locale.unwrap_or_else(|| spanned("en"));
        for (i, l) in raw_locales.iter().enumerate() {
            let tag = l.get_ref();
            if tag.parse::<unic_langid::LanguageIdentifier>().is_err() || tag.contains(['/', '\\']) {
                let d = Diagnostic::error("config", format!("`{tag}` is not a language tag"))
                    .hint("use BCP 47 tags such as `en`, `es`, `de`, `pt-BR`");
                return Err(at(d, l.span()));
            }
            if raw_locales[..i].iter().any(|earlier| earlier.get_ref() == tag) {
                let d = Diagnostic::error("config", format!("`{tag}` is listed twice in `locales`"))
                    .hint("list each language once: every page would be built twice, and the language menus would show it twice");
                return Err(at(d, l.span()));
            }
        }
        let mut locales: Vec<String> = raw_locales.into_iter().map(toml::Spanned::into_inner).collect();
        let default_span = raw_default.span();
        let default_locale = raw_default.into_inner();
        match locales.iter().position(|l| *l == default_locale) {
            Some(i) => {
                let d = locales.remove(i);
                locales.insert(0, d);
            }
            None => {
                let d =
                    Diagnostic::error("config", format!("the default locale `{default_locale}` is not in `locales`"))
                        .hint("add it to `locales` in polyref.toml");
                return Err(at(d, default_span));
            }
        }
        let base_url = raw.base_url.map(toml::Spanned::into_inner);
        let base_url = check_base_url(base_url.as_deref().unwrap_or(DEFAULT_BASE_URL)).map_err(base_url_error)?;
        let at = |p: Option<PathBuf>, d: &str| root.join(p.unwrap_or_else(|| d.into()));
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title.unwrap_or_else(|| "polyref".into()),
            base_url,
            default_locale,
            locales,
            content_dir: at(raw.content_dir, "content"),
            templates_dir: at(raw.templates_dir, "templates"),
            i18n_dir: at(raw.i18n_dir, "i18n"),
            output_dir: at(raw.output_dir, "site"),
            highlight: raw.highlight.unwrap_or(true),
        })
    }

    /// The path of [`Config::base_url`]: where the site's root is on its host (`/polyref/`, or
    /// `/` for a site at the root of its host). Always starts and ends with `/`.
    pub fn base_path(&self) -> String {
        url::Url::parse(&self.base_url).map(|u| u.path().to_string()).unwrap_or_else(|_| "/".into())
    }

    /// The locale MDN uses in its URLs for one of ours (`en` is `en-US` there).
    pub fn mdn_locale(locale: &str) -> &str {
        match locale {
            "en" => "en-US",
            other => other,
        }
    }

    pub fn is_locale(&self, locale: &str) -> bool {
        self.locales.iter().any(|l| l == locale)
    }
}

/// Where the site is published unless `base-url` or `--base-url` says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://example.github.io/polyref/";

/// Checks and normalises the address the site is published at: an absolute `http:` or `https:`
/// URL (WHATWG URL Standard §4.3, "absolute-URL string") with no query or fragment. A missing
/// final `/` is added, since the address names a folder. The error is a sentence for the reader.
pub fn check_base_url(text: &str) -> Result<String, String> {
    let mut url =
        url::Url::parse(text.trim()).map_err(|e| format!("the base URL `{text}` is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("the base URL `{text}` must start with https:// (or http://)"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("the base URL `{text}` must not have a query (`?`) or a fragment (`#`)"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.into())
}

fn base_url_error(message: String) -> Diagnostic {
    Diagnostic::error("config", message).hint(
        "write the address the site is published at, ending in `/`, e.g. https://example.github.io/polyref/ for a project site on GitHub Pages",
    )
}

fn empty_raw() -> RawConfig {
    RawConfig {
        title: None,
        base_url: None,
        default_locale: None,
        locales: None,
        content_dir: None,
        templates_dir: None,
        i18n_dir: None,
        output_dir: None,
        highlight: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_put_the_default_locale_first() {
        let c = Config::defaults(Path::new("."));
        assert_eq!(c.locales, ["en", "es", "de"]);
        assert!(c.base_url.ends_with('/'));
    }

    #[test]
    fn unknown_setting_is_reported_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"x\"\nlocale = [\"en\"]\n").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        let loc = err.location.expect("located");
        assert_eq!((loc.line, loc.col), (2, 1));
    }

    #[test]
    fn base_url_is_an_absolute_folder_url() {
        assert_eq!(check_base_url("https://Example.github.io/polyref").unwrap(), "https://example.github.io/polyref/");
        assert_eq!(check_base_url("https://docs.example.org").unwrap(), "https://docs.example.org/");
        for bad in
            ["/polyref/", "example.github.io/polyref/", "ftp://example.org/", "https://e.org/?x=1", "https://e.org/#a"]
        {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let mut c = Config::defaults(Path::new("."));
        assert_eq!(c.base_path(), "/polyref/");
        c.base_url = check_base_url("https://owner.github.io").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn a_wrong_base_url_is_reported_at_its_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"x\"\nbase-url = \"/polyref/\"\n").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert!(err.message.contains("not an absolute URL"), "{}", err.message);
        let loc = err.location.expect("located");
        assert_eq!((loc.line, loc.col), (2, 12));
    }

    #[test]
    fn highlighting_is_on_unless_turned_off() {
        assert!(Config::defaults(Path::new(".")).highlight);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "highlight = false\n").unwrap();
        assert!(!Config::load(dir.path()).unwrap().highlight);
    }

    #[test]
    fn default_locale_must_be_listed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "title = \"x\"\ndefault-locale = \"fr\"\n").unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        assert_eq!(err.message, "the default locale `fr` is not in `locales`");
        let loc = err.location.expect("located");
        assert_eq!((loc.line, loc.col), (2, 18));
    }

    /// The error of loading a `polyref.toml` holding `text`, as `message @ line:col`.
    fn error_of(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        let err = Config::load(dir.path()).unwrap_err();
        let loc = err.location.expect("located");
        format!("{} @ {}:{}", err.message, loc.line, loc.col)
    }

    #[test]
    fn a_project_folder_that_does_not_exist_is_one_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Config::load(&dir.path().join("nowhere")).unwrap_err();
        assert!(err.message.starts_with("the project folder ") && err.message.ends_with("nowhere does not exist"));
        assert!(err.hint.unwrap().contains("--root"));
    }

    #[test]
    fn a_locale_listed_twice_is_shown_where_it_repeats() {
        assert_eq!(
            error_of("locales = [\"en\", \"es\",\n  \"de\", \"es\"]\n"),
            "`es` is listed twice in `locales` @ 2:9"
        );
    }

    #[test]
    fn a_locale_that_is_not_a_tag_is_shown_at_its_value() {
        assert_eq!(error_of("locales = [\"en\", \"d e\"]\n"), "`d e` is not a language tag @ 1:18");
    }
}
