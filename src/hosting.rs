//! Hosting stage: the files a static host such as GitHub Pages needs beside the pages —
//! `.nojekyll` (publish the folder as it is), `404.html` (served for any missing address, so every
//! link in it is an absolute path under the base path), `sitemap.xml` (an index of
//! `sitemap-N.xml` files for a site too large for one) and `robots.txt`.

use crate::config::Config;
use crate::diag::Diagnostic;
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
    files.extend(sitemap_files(prepared, config));
    files.push(("robots.txt".into(), sitemap::robots(config).into_bytes()));
    (files, diags)
}

/// The sitemap's files: `sitemap.xml` with every page and its translations, or, for a site
/// larger than one file may list, `sitemap.xml` as the index of the files that list them.
pub fn sitemap_files(prepared: &Prepared, config: &Config) -> Vec<(String, Vec<u8>)> {
    let entries = sitemap::entries(config, &prepared.model);
    sitemap::files(config, &entries).into_iter().map(|(name, xml)| (name, xml.into_bytes())).collect()
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
