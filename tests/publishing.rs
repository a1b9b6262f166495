//! Publishing: builds the real content for a site at another base path and checks what GitHub
//! Pages and search engines read — canonical and hreflang links with `x-default`, Open Graph,
//! descriptions, the sitemap (real translations only), robots.txt, `.nojekyll`, `404.html` — and
//! that `--base-url` overrides the setting for one build through the command line.

mod common;

use common::{copy_dir, read_tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use polyref::config::{Config, check_base_url};
use polyref::{BuildOptions, build};

const BASE: &str = "https://owner.github.io/docs-site/";
const LOCALES: [&str; 3] = ["en", "es", "de"];

/// A copy of the project (settings, content, messages, templates) in a temporary folder.
fn project_copy() -> tempfile::TempDir {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for name in ["content", "i18n", "templates"] {
        copy_dir(&project.join(name), &dir.path().join(name));
    }
    fs::copy(project.join("polyref.toml"), dir.path().join("polyref.toml")).unwrap();
    dir
}

/// Builds the real content published at [`BASE`]; every output file by path.
fn build_at_base() -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = project_copy();
    let mut config = Config::load(dir.path()).unwrap();
    config.base_url = check_base_url(BASE).unwrap();
    let outcome = build(&config, &BuildOptions { write: true, jobs: Some(2) });
    let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render()).collect();
    assert!(outcome.summary.is_some(), "the build failed:\n{}", errors.join("\n"));
    let files = read_tree(&config.output_dir);
    (dir, files)
}

/// `<link rel="alternate" hreflang="…" href="…">` pairs of a page.
fn alternates(html: &str) -> Vec<(String, String)> {
    let pat = "<link rel=\"alternate\" hreflang=\"";
    html.match_indices(pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            let lang = &rest[..rest.find('"').unwrap()];
            let href_at = rest.find("href=\"").unwrap() + 6;
            let href = &rest[href_at..href_at + rest[href_at..].find('"').unwrap()];
            (lang.to_string(), href.to_string())
        })
        .collect()
}

fn meta(html: &str, property: &str) -> Vec<String> {
    let pat = format!("<meta property=\"{property}\" content=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

fn canonical(html: &str) -> Option<&str> {
    let pat = "<link rel=\"canonical\" href=\"";
    html.find(pat).map(|i| {
        let rest = &html[i + pat.len()..];
        &rest[..rest.find('"').unwrap()]
    })
}

#[test]
fn heads_use_the_base_url_and_name_x_default() {
    let (_d, files) = build_at_base();
    let close = "web/api/websocket/close";
    for l in LOCALES {
        let html = &files[&format!("{l}/{close}/index.html")];
        assert_eq!(canonical(html), Some(format!("{BASE}{l}/{close}/").as_str()));
        let alts = alternates(html);
        let langs: Vec<&str> = alts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(langs, ["en", "es", "de", "x-default"], "{l}");
        assert_eq!(alts[3].1, format!("{BASE}en/{close}/"));
        assert_eq!(meta(html, "og:url"), [format!("{BASE}{l}/{close}/")]);
        assert!(html.contains("<meta name=\"description\" content=\""), "{l}");
        assert_eq!(meta(html, "og:type"), ["article"]);
    }
    let de = &files[&format!("de/{close}/index.html")];
    assert_eq!(meta(de, "og:title"), ["WebSocket: close() Methode"]);
    assert_eq!(meta(de, "og:locale"), ["de_DE"]);
    assert_eq!(meta(de, "og:locale:alternate"), ["en_US", "es_ES"]);
    assert!(meta(de, "og:description")[0].starts_with("Die WebSocket.close() Methode schließt die WebSocket"));
    // Homes and the root point x-default at the language choice.
    for page in ["index.html", "en/index.html", "de/index.html"] {
        let alts = alternates(&files[page]);
        assert_eq!(alts.last().unwrap(), &("x-default".to_string(), BASE.to_string()), "{page}");
    }
    assert_eq!(canonical(&files["es/index.html"]), Some(format!("{BASE}es/").as_str()));
}

#[test]
fn a_fallback_page_points_at_the_translation_it_shows() {
    let (_d, files) = build_at_base();
    let shown = format!("{BASE}es/web/api/closeevent/");
    for l in ["en", "de"] {
        let html = &files[&format!("{l}/web/api/closeevent/index.html")];
        assert_eq!(canonical(html), Some(shown.as_str()), "{l}");
        assert_eq!(alternates(html), [("es".to_string(), shown.clone()), ("x-default".to_string(), shown.clone())]);
        assert_eq!(meta(html, "og:locale"), ["es_ES"]);
        // The description is the Spanish summary, marked as such on a page in another language,
        // with the text of its macros kept.
        let at = html.find("<meta name=\"description\"").expect("a description");
        let element = &html[at..at + html[at..].find('>').unwrap() + 1];
        assert!(
            element.starts_with(
                "<meta name=\"description\" content=\"Un CloseEvent se envia a los clientes usando WebSockets cuando"
            ),
            "{element}"
        );
        assert!(element.ends_with(" lang=\"es\">"), "{element}");
    }
}

#[test]
fn the_sitemap_lists_real_translations_with_alternates_and_robots_points_at_it() {
    let (_d, files) = build_at_base();
    let xml = &files["sitemap.xml"];
    let locs: Vec<&str> =
        xml.match_indices("<loc>").map(|(i, _)| &xml[i + 5..i + 5 + xml[i + 5..].find("</loc>").unwrap()]).collect();
    let mut expected = vec![BASE.to_string()];
    expected.extend(LOCALES.iter().map(|l| format!("{BASE}{l}/")));
    expected.push(format!("{BASE}es/web/api/closeevent/"));
    expected.extend(LOCALES.iter().map(|l| format!("{BASE}{l}/web/api/websocket/close/")));
    assert_eq!(locs, expected);
    // Every listed page has x-default; no alternate names a fallback page.
    assert_eq!(xml.matches("<url>").count(), xml.matches("hreflang=\"x-default\"").count());
    for fallback in ["en/web/api/closeevent/", "de/web/api/closeevent/"] {
        assert!(!xml.contains(&format!("{BASE}{fallback}")), "{fallback} is a fallback");
    }
    assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(files["robots.txt"].contains(&format!("\nSitemap: {BASE}sitemap.xml\n")));
}

#[test]
fn github_pages_gets_nojekyll_and_a_404_page_that_works_at_any_address() {
    let (_d, files) = build_at_base();
    assert_eq!(files.get(".nojekyll").map(String::as_str), Some(""));
    let html = &files["404.html"];
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert_eq!(canonical(html), None, "served at any address, it has no canonical URL");
    for l in LOCALES {
        assert!(html.contains(&format!("<a href=\"/docs-site/{l}/index.html\" hreflang=\"{l}\">")), "{l} home");
    }
    assert!(html.contains("href=\"/docs-site/assets/style.css\""));
    assert!(html.contains("<script src=\"/docs-site/assets/lang.js\" defer></script>"));
    for (l, title) in [("en", "Page not found"), ("es", "Página no encontrada"), ("de", "Seite nicht gefunden")] {
        assert!(html.contains(&format!("<h1 id=\"not-found-{l}\">{title}</h1>")), "{l}");
    }
    // Every other page reaches its assets relatively, and has no inline script.
    for (path, page) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for (at, _) in page.match_indices("<script") {
            assert!(page[at..].starts_with("<script src=\""), "{path}: an inline script");
        }
        if path != "404.html" {
            assert!(!page.contains("href=\"/"), "{path} has an absolute path");
        }
    }
}

fn polyref(args: &[&str], root: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_polyref")).args(args).arg("--root").arg(root).output().unwrap()
}

#[test]
fn base_url_on_the_command_line_overrides_the_setting_for_one_build() {
    let dir = project_copy();
    let out = dir.path().join("published");
    let run = polyref(
        &["build", "-q", "--base-url", "https://example.github.io/polyref", "--out", out.to_str().unwrap()],
        dir.path(),
    );
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let root = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(canonical(&root), Some("https://example.github.io/polyref/"));
    assert!(fs::read_to_string(out.join("404.html")).unwrap().contains("href=\"/polyref/en/index.html\""));
    // The setting itself is unchanged: the next build without the option uses it.
    assert!(fs::read_to_string(dir.path().join("polyref.toml")).unwrap().contains("base-url = "));

    let wrong = polyref(&["build", "--base-url", "example.github.io/polyref/"], dir.path());
    assert_eq!(wrong.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("--base-url: the base URL `example.github.io/polyref/` is not an absolute URL"),
        "{stderr}"
    );
    assert!(!dir.path().join("site").exists(), "nothing is built with a wrong base URL");
}
