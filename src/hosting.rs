//! Hosting stage: the files a static host such as GitHub Pages needs beside the pages —
//! `.nojekyll` (publish the folder as it is), `404.html` (served for any missing address, so every
//! link in it is an absolute path under the base path), `sitemap.xml` and `robots.txt`.

use crate::config::Config;
use crate::diag::{Diagnostic, Location};
use crate::render::{Chrome, NotFoundMessage, NotFoundView};
use crate::site::{Prepared, languages};
use crate::sitemap;

/// The host's page for a missing address.
pub const NOT_FOUND: &str = "404.html";

/// Renders the hosting files, as `(path inside the site, bytes)`, and any problems.
pub fn files(prepared: &Prepared, config: &Config) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // An empty `.nojekyll` tells a branch-published GitHub Pages site not to run Jekyll, which
    // would drop files and folders whose names start with `_` or `.`.
    let mut files = vec![(".nojekyll".to_string(), Vec::new())];
    match render_not_found(prepared, config) {
        Ok(html) => files.push((NOT_FOUND.into(), html.into_bytes())),
        Err(d) => diags.push(d),
    }
    let (xml, d) = sitemap(prepared, config);
    files.push((sitemap::SITEMAP.into(), xml));
    diags.extend(d);
    files.push(("robots.txt".into(), sitemap::robots(config).into_bytes()));
    (files, diags)
}

/// `sitemap.xml`: every page with its translations, and a warning when it lists more pages than
/// search engines read from one file.
pub fn sitemap(prepared: &Prepared, config: &Config) -> (Vec<u8>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let entries = sitemap::entries(config, &prepared.model);
    if entries.len() > sitemap::MAX_URLS {
        diags.push(
            Diagnostic::warning(
                "sitemap-too-large",
                format!(
                    "the sitemap lists {} pages; search engines read at most {} from one file",
                    entries.len(),
                    sitemap::MAX_URLS
                ),
            )
            .at(Location::file(sitemap::SITEMAP))
            .hint("the pages past the limit may not be found through the sitemap; split the site"),
        );
    }
    (sitemap::sitemap(&entries).into_bytes(), diags)
}

/// The view of `404.html`: the message in every locale, each linking to that locale's home.
pub fn not_found_view(prepared: &Prepared, config: &Config) -> NotFoundView {
    let i18n = &prepared.i18n;
    let base = config.base_path();
    let messages = config
        .locales
        .iter()
        .map(|locale| {
            let text = i18n.get(locale, "not-found-text", &[]);
            NotFoundMessage {
                locale: locale.clone(),
                lang: text.lang,
                title: i18n.text(locale, "not-found-title"),
                text: text.text,
                home_href: format!("{base}{locale}/index.html"),
                home_label: i18n.text(locale, "root-choose"),
            }
        })
        .collect();
    NotFoundView {
        chrome: Chrome {
            lang: config.default_locale.clone(),
            site_title: config.title.clone(),
            root: base.clone(),
            canonical: String::new(),
            languages: languages(config, i18n, "", &base, None),
            alternates: Vec::new(),
            meta: None,
            scripts: Vec::new(),
        },
        messages,
    }
}

fn render_not_found(prepared: &Prepared, config: &Config) -> Result<String, Diagnostic> {
    prepared.renderer.render(NOT_FOUND, &not_found_view(prepared, config), NOT_FOUND)
}
