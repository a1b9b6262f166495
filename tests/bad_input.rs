//! Bad input: every fixture under `tests/fixtures/bad/` is a small site with one kind of mistake a
//! translator or template author makes. Each test builds it over a site made by a good build and
//! checks that the build fails cleanly (no summary, the previous site untouched, no temporary
//! folder left) and reports the mistake where it is. The full text the user reads is kept as an
//! insta snapshot in `tests/snapshots/`. See `tests/README.md`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use polyref::config::Config;
use polyref::diag::{Diagnostic, Severity};
use polyref::{BuildOptions, Outcome, build};

/// The project folder (its real `templates/` and `i18n/` are used unless a fixture has its own).
fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`: `good-minimal`, or `bad/<case>`.
fn fixture(name: &str) -> PathBuf {
    project().join("tests/fixtures").join(name)
}

/// Settings for the site at `root`, written to `out`. A fixture without its own `templates/` or
/// `i18n/` uses the project's.
fn config(root: &Path, out: &Path) -> Config {
    let mut config = Config::defaults(root);
    if !root.join("templates").is_dir() {
        config.templates_dir = project().join("templates");
    }
    if !root.join("i18n").is_dir() {
        config.i18n_dir = project().join("i18n");
    }
    config.output_dir = out.to_path_buf();
    config
}

fn run(root: &Path, out: &Path) -> Outcome {
    build(&config(root, out), &BuildOptions { write: true, jobs: Some(1) })
}

/// Every file below `dir` with its bytes, by path relative to `dir`.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(path.strip_prefix(base).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Copies the tree at `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let path = to.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// The diagnostics of a failed build, and their rendered text with machine-specific paths
/// redacted.
struct Failed {
    diags: Vec<Diagnostic>,
    text: String,
}

/// Builds the good fixture into a fresh `site/`, then builds fixture `case` over it (with
/// `extra` files written into a copy of the fixture first, for bytes git might not keep) and
/// checks that it failed without touching the previous site.
fn build_bad(case: &str, extra: &[(&str, &[u8])]) -> Failed {
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let good = run(&fixture("good-minimal"), &out);
    assert!(
        good.summary.is_some() && !good.diagnostics.has_errors(),
        "the good fixture must build:\n{}",
        render_all(good.diagnostics.iter())
    );
    let before = tree(&out);
    assert!(before.contains_key(Path::new("en/web/api/websocket/close/index.html")));

    let copy = tempfile::tempdir().unwrap();
    let fixture_dir = fixture(&format!("bad/{case}"));
    // A fixture's `templates/` (or the extra files' templates) holds only the broken files: the
    // rest comes from the project.
    let own_templates =
        fixture_dir.join("templates").is_dir() || extra.iter().any(|(rel, _)| rel.starts_with("templates/"));
    let root = if extra.is_empty() && !own_templates {
        fixture_dir
    } else {
        if own_templates {
            copy_tree(&project().join("templates"), &copy.path().join("templates"));
        }
        copy_tree(&fixture_dir, copy.path());
        for (rel, bytes) in extra {
            let path = copy.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        copy.path().to_path_buf()
    };
    let outcome = run(&root, &out);

    let project_dir = project().to_str().unwrap();
    // Warnings about the project's own i18n/ and templates/ (e.g. messages not yet translated)
    // change as the project changes; they are not about the fixture and stay out of the snapshot.
    let shown: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !d.location.as_ref().is_some_and(|l| l.path.contains(project_dir)))
        .collect();
    let text = render_all(shown)
        .replace(&copy.path().display().to_string(), "[fixture]")
        .replace(&out_parent.path().display().to_string(), "[out]")
        .replace(project_dir, "[project]");
    assert!(outcome.summary.is_none(), "{case}: the build must fail\n{text}");
    assert!(outcome.diagnostics.has_errors(), "{case}: at least one error\n{text}");
    assert_eq!(tree(&out), before, "{case}: the previous site must be left as it was");
    let leftovers: Vec<_> = fs::read_dir(out_parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n != "site")
        .collect();
    assert!(leftovers.is_empty(), "{case}: no temporary folder may be left beside the site: {leftovers:?}");
    // Every located problem is shown at `path:line:col` (or at the path, for a whole file).
    for d in outcome.diagnostics.iter() {
        if let Some(loc) = &d.location {
            assert!(!loc.path.is_empty(), "{case}: empty path in\n{}", d.render());
            assert!(
                !loc.path.starts_with('/') || loc.path.contains(project_dir),
                "{case}: an absolute path outside the project in\n{}",
                d.render()
            );
            assert!(d.render().contains(&loc.to_string()), "{case}: location not shown in\n{}", d.render());
        }
    }
    Failed { diags: outcome.diagnostics.into_vec(), text }
}

fn render_all<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> String {
    diags.into_iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
}

impl Failed {
    /// The error `code` reported for `path`, at `at` = (line, column), or for the whole file when
    /// `at` is `None`. Also checks that its rendering has the hint.
    fn expect(&self, code: &str, path: &str, at: Option<(usize, usize)>) -> &Diagnostic {
        let d = self
            .diags
            .iter()
            .find(|d| d.code == code && d.location.as_ref().is_some_and(|l| l.path == path))
            .unwrap_or_else(|| panic!("no `{code}` for {path} in:\n{}", self.text));
        assert_eq!(d.severity, Severity::Error, "{}", d.render());
        let loc = d.location.as_ref().unwrap();
        match at {
            Some((line, col)) => {
                assert!(loc.line >= 1 && loc.col >= 1, "{}", d.render());
                assert_eq!((loc.line, loc.col), (line, col), "{}", d.render());
                assert!(d.render().contains(&format!("{path}:{line}:{col}")), "{}", d.render());
            }
            None => assert_eq!(loc.line, 0, "{}", d.render()),
        }
        assert!(d.hint.is_some(), "a hint says what to do:\n{}", d.render());
        d
    }

    fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }
}

const DE_CLOSE: &str = "content/de/web/api/websocket/close/index.md";
const ES_CLOSE: &str = "content/es/web/api/websocket/close/index.md";
const EN_CLOSE: &str = "content/en/web/api/websocket/close/index.md";

#[test]
fn yaml_malformed() {
    // `title: WebSocket: close() Methode`: a second `: ` in an unquoted value.
    let f = build_bad("yaml-malformed", &[]);
    let d = f.expect("front-matter-yaml", DE_CLOSE, Some((2, 17)));
    assert!(d.render().contains("title: WebSocket: close() Methode"), "{}", d.render());
    insta::assert_snapshot!("yaml-malformed", f.text);
}

#[test]
fn yaml_unclosed_quote_is_shown_where_it_opens() {
    // The parser itself reports the end of the front matter, four lines further down.
    let f = build_bad("yaml-unclosed-quote", &[]);
    let d = f.expect("front-matter-yaml", DE_CLOSE, Some((2, 8)));
    assert!(d.message.contains("a quoted value is never closed"), "{}", d.message);
    assert!(d.render().contains("this quote is not closed on its line"), "{}", d.render());
    insta::assert_snapshot!("yaml-unclosed-quote", f.text);
}

#[test]
fn yaml_unclosed_list_is_shown_where_it_opens() {
    // The parser itself stumbles on the next line's `:`, a line further down.
    let f = build_bad("yaml-unclosed-list", &[]);
    let d = f.expect("front-matter-yaml", DE_CLOSE, Some((2, 8)));
    assert!(d.message.contains("a `[` list is never closed"), "{}", d.message);
    assert!(d.render().contains("this `[` is not closed"), "{}", d.render());
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("put the whole value in quotes")), "{}", d.render());
    insta::assert_snapshot!("yaml-unclosed-list", f.text);
}

#[test]
fn yaml_tab_in_an_indentation_is_named() {
    let f = build_bad("yaml-tab-indent", &[]);
    let d = f.expect("front-matter-yaml", DE_CLOSE, Some((6, 1)));
    assert!(d.message.contains("a tab indents this line"), "{}", d.message);
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("spaces only")), "{}", d.render());
    insta::assert_snapshot!("yaml-tab-indent", f.text);
}

#[test]
fn yaml_field_given_twice_is_shown_where_it_is_given_again() {
    // The parser reports the start of the front matter.
    let f = build_bad("yaml-duplicate-field", &[]);
    let d = f.expect("front-matter-yaml", DE_CLOSE, Some((5, 1)));
    assert!(d.message.contains("the field `title` is given twice"), "{}", d.message);
    insta::assert_snapshot!("yaml-duplicate-field", f.text);
}

#[test]
fn front_matter_unclosed() {
    let f = build_bad("front-matter-unclosed", &[]);
    f.expect("front-matter-unclosed", ES_CLOSE, Some((1, 1)));
    insta::assert_snapshot!("front-matter-unclosed", f.text);
}

#[test]
fn missing_title() {
    let f = build_bad("missing-title", &[]);
    let d = f.expect("front-matter-missing-field", DE_CLOSE, Some((1, 1)));
    assert!(d.message.contains("`title`"), "{}", d.message);
    insta::assert_snapshot!("missing-title", f.text);
}

#[test]
fn dialect_unknown() {
    let f = build_bad("dialect-unknown", &[]);
    let d = f.expect("dialect-unknown", ES_CLOSE, Some((1, 1)));
    assert!(d.render().contains("author, description, title"), "{}", d.render());
    insta::assert_snapshot!("dialect-unknown", f.text);
}

#[test]
fn dialect_ambiguous() {
    let f = build_bad("dialect-ambiguous", &[]);
    let d = f.expect("dialect-ambiguous", ES_CLOSE, Some((1, 1)));
    assert!(d.message.contains("mdn, jekyll"), "{}", d.message);
    insta::assert_snapshot!("dialect-ambiguous", f.text);
}

#[test]
fn no_front_matter() {
    let f = build_bad("no-front-matter", &[]);
    f.expect("front-matter-missing", DE_CLOSE, Some((1, 1)));
    insta::assert_snapshot!("no-front-matter", f.text);
}

#[test]
fn duplicate_page() {
    let f = build_bad("duplicate-page", &[]);
    let d = f.expect("duplicate-page", "content/en/web/api/y/index.md", Some((1, 1)));
    assert!(d.render().contains("content/en/web/api/x/index.md"), "names the other file:\n{}", d.render());
    insta::assert_snapshot!("duplicate-page", f.text);
}

#[test]
fn locale_unconfigured() {
    let f = build_bad("locale-unconfigured", &[]);
    let d = f.expect("locale", "content/fr", None);
    assert!(d.message.contains("`fr`"), "{}", d.message);
    insta::assert_snapshot!("locale-unconfigured", f.text);
}

#[test]
fn fluent_syntax() {
    // The project's message files, with `{ $language }` in German's `fallback-notice` left
    // unclosed: `{ $language übersetzt …`. (Made from the real files, so the case follows them.)
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for locale in fs::read_dir(project().join("i18n")).unwrap() {
        for file in fs::read_dir(locale.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let rel = path.strip_prefix(project()).unwrap().to_str().unwrap().to_string();
            files.push((rel, fs::read(&path).unwrap()));
        }
    }
    let (_, de) = files.iter_mut().find(|(rel, _)| rel == "i18n/de/ui.ftl").expect("i18n/de/ui.ftl");
    let text = String::from_utf8(de.clone()).unwrap();
    assert_eq!(text.matches("{ $language } übersetzt").count(), 1);
    let broken = text.replacen("{ $language } übersetzt", "{ $language übersetzt", 1);
    let offset = broken.find("{ $language übersetzt").unwrap() + "{ $language ".len();
    let line = broken[..offset].matches('\n').count() + 1;
    let col = broken[..offset].rsplit('\n').next().unwrap().chars().count() + 1;
    *de = broken.into_bytes();
    let extra: Vec<(&str, &[u8])> = files.iter().map(|(rel, bytes)| (rel.as_str(), bytes.as_slice())).collect();
    let f = build_bad("fluent-syntax", &extra);
    let d = f.expect("fluent-syntax", "i18n/de/ui.ftl", Some((line, col)));
    assert!(d.render().contains("fallback-notice"), "{}", d.render());
    assert_eq!(f.errors(), 1, "{}", f.text);
    // Only the error: the warnings about the copied files change as the project's messages do.
    insta::assert_snapshot!("fluent-syntax", d.render());
}

/// The project's `templates/page.html` with `from` replaced by `to`, and the line and column of
/// `at` (a part of `to`) in it: a broken template that follows the real one as it changes.
fn broken_page_template(from: &str, to: &str, at: &str) -> (Vec<u8>, (usize, usize)) {
    let real = fs::read_to_string(project().join("templates/page.html")).unwrap();
    assert_eq!(real.matches(from).count(), 1, "`{from}` is once in templates/page.html");
    let broken = real.replacen(from, to, 1);
    let offset = broken.find(to).unwrap() + to.find(at).unwrap();
    let line = broken[..offset].matches('\n').count() + 1;
    let col = offset - broken[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
    (broken.into_bytes(), (line, col))
}

#[test]
fn template_syntax() {
    // `{{ t(id="toc-title") }</h2>`: the second `}` is missing.
    let (page, at) =
        broken_page_template(r#"{{ t(id="toc-title") }}</h2>"#, r#"{{ t(id="toc-title") }</h2>"#, "}</h2>");
    let f = build_bad("template-syntax", &[("templates/page.html", &page)]);
    let d = f.expect("template", "templates/page.html", Some(at));
    assert!(d.render().contains("toc-title"), "{}", d.render());
    insta::assert_snapshot!("template-syntax", f.text);
}

#[test]
fn template_unknown_names_are_each_shown_where_they_are() {
    // A misspelt filter and a block the parent template does not declare. Tera checks these
    // once every template is parsed and gives them as one message; each is shown at its place.
    let (page, filter) = broken_page_template("<h1>{{ title }}</h1>", "<h1>{{ title | upperr }}</h1>", "upperr");
    let page = String::from_utf8(page).unwrap().replacen("block footer %}", "block foter %}", 2);
    let block = page.find("{% block foter").unwrap() + "{% block ".len();
    let block = (page[..block].matches('\n').count() + 1, block - page[..block].rfind('\n').unwrap());
    let f = build_bad("template-unknown-names", &[("templates/page.html", page.as_bytes())]);
    let found: Vec<_> = f
        .diags
        .iter()
        .filter(|d| d.code == "template")
        .map(|d| (d.message.as_str(), d.location.as_ref().map(|l| (l.line, l.col))))
        .collect();
    assert_eq!(
        found,
        [
            ("Unknown filter `upperr`", Some(filter)),
            ("Block `foter` is not defined in any parent template", Some(block)),
        ],
        "{}",
        f.text
    );
    f.expect("template", "templates/page.html", Some(filter));
    insta::assert_snapshot!("template-unknown-names", f.text);
}

#[test]
fn template_render() {
    // `{{ page_title }}` is not a field of the page view.
    let (page, at) = broken_page_template("<h1>{{ title }}</h1>", "<h1>{{ page_title }}</h1>", "page_title");
    let f = build_bad("template-render", &[("templates/page.html", &page)]);
    let d = f.expect("template", "templates/page.html", Some(at));
    assert!(d.render().contains("page_title"), "{}", d.render());
    // One error per page written with it, each naming its page.
    for locale in ["en", "es", "de"] {
        let page = format!("{locale}/web/api/websocket/close/index.html");
        assert!(f.diags.iter().any(|d| d.code == "template" && d.message.contains(&page)), "names {page}:\n{}", f.text);
    }
    insta::assert_snapshot!("template-render", f.text);
}

#[test]
fn invalid_utf8() {
    // Saved as Latin-1: `ß` is the single byte 0xDF, on line 8.
    let bytes: &[u8] = b"---\ntitle: \"WebSocket: close() Methode\"\nslug: Web/API/WebSocket/close\n---\n\n\
        {{APIRef(\"WebSockets API\")}}\n\nDie Methode schlie\xDFt die Verbindung.\n";
    let f = build_bad("invalid-utf8", &[(DE_CLOSE, bytes)]);
    let d = f.expect("encoding", DE_CLOSE, Some((8, 19)));
    assert!(d.message.contains("0xDF"), "{}", d.message);
    insta::assert_snapshot!("invalid-utf8", f.text);
}

#[test]
fn crlf_bom_yaml_error() {
    // A BOM and CRLF line endings must not shift the reported line and column.
    let bytes =
        "\u{feff}---\r\ntitle: WebSocket: close() Methode\r\nslug: Web/API/WebSocket/close\r\n---\r\n\r\nText.\r\n";
    let f = build_bad("crlf-bom-yaml-error", &[(DE_CLOSE, bytes.as_bytes())]);
    f.expect("front-matter-yaml", DE_CLOSE, Some((2, 17)));
    insta::assert_snapshot!("crlf-bom-yaml-error", f.text);
}

#[test]
fn macro_unknown() {
    let f = build_bad("macro-unknown", &[]);
    let d = f.expect("macro-unknown", DE_CLOSE, Some((8, 50)));
    assert!(d.message.contains("domxerf"), "{}", d.message);
    insta::assert_snapshot!("macro-unknown", f.text);
}

#[test]
fn macro_arguments() {
    let f = build_bad("macro-arguments", &[]);
    let d = f.expect("macro-arguments", ES_CLOSE, Some((11, 32)));
    assert!(d.message.contains("domxref"), "{}", d.message);
    insta::assert_snapshot!("macro-arguments", f.text);
}

#[test]
fn macro_unclosed() {
    let f = build_bad("macro-unclosed", &[]);
    f.expect("macro-syntax", DE_CLOSE, Some((8, 12)));
    insta::assert_snapshot!("macro-unclosed", f.text);
}

#[test]
fn field_wrong_shape() {
    // `l10n: <commit>` where MDN expects `l10n:` with an indented `sourceCommit: <commit>`.
    let f = build_bad("field-wrong-shape", &[]);
    f.expect("front-matter-field", DE_CLOSE, Some((4, 7)));
    insta::assert_snapshot!("field-wrong-shape", f.text);
}

#[test]
fn many_problems_in_many_files() {
    // Front-matter and tree problems in six files: all are reported by one run.
    let f = build_bad("many-problems", &[]);
    f.expect("front-matter-yaml", ES_CLOSE, Some((2, 17)));
    let mut missing: Vec<_> = f
        .diags
        .iter()
        .filter(|d| d.code == "front-matter-missing-field" && d.location.as_ref().unwrap().path == DE_CLOSE)
        .map(|d| d.message.as_str())
        .collect();
    missing.sort_unstable();
    assert_eq!(missing, ["the front matter has no `slug`", "the front matter has no `title`"], "{}", f.text);
    f.expect("front-matter-missing", "content/de/web/api/closeevent/index.md", Some((1, 1)));
    f.expect("front-matter-field", "content/es/web/api/closeevent/index.md", Some((3, 1)));
    f.expect("front-matter-unclosed", "content/en/web/api/closeevent/index.md", Some((1, 1)));
    f.expect("locale", "content/fr", None);
    assert_eq!(f.errors(), 7, "{}", f.text);
    insta::assert_snapshot!("many-problems", f.text);
}

#[test]
fn many_macro_problems_in_many_files() {
    // Body problems in three locales' files: all are reported by one run.
    let f = build_bad("many-macro-problems", &[]);
    f.expect("macro-unknown", EN_CLOSE, Some((12, 1)));
    f.expect("macro-arguments", EN_CLOSE, Some((14, 5)));
    f.expect("macro-syntax", ES_CLOSE, Some((6, 30)));
    f.expect("macro-arguments", DE_CLOSE, Some((6, 10)));
    assert_eq!(f.errors(), 4, "{}", f.text);
    insta::assert_snapshot!("many-macro-problems", f.text);
}

/// Builds fixture `good-minimal` with `extra` files added, and returns the site folder's files.
fn build_good_with(extra: &[(&str, &[u8])]) -> BTreeMap<PathBuf, Vec<u8>> {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good-minimal"), copy.path());
    for (rel, bytes) in extra {
        let path = copy.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let outcome = run(copy.path(), &out);
    let text = render_all(outcome.diagnostics.iter());
    assert!(outcome.summary.is_some(), "the build must succeed:\n{text}");
    assert!(!outcome.diagnostics.has_errors(), "{text}");
    tree(&out)
}

fn html(site: &BTreeMap<PathBuf, Vec<u8>>, page: &str) -> String {
    String::from_utf8(site.get(Path::new(page)).unwrap_or_else(|| panic!("{page} was not written")).clone()).unwrap()
}

#[test]
fn utf8_bom_builds() {
    let text = "\u{feff}---\ntitle: \"WebSocket: método close()\"\nslug: Web/API/WebSocket/close\n---\n\nEl método cierra la conexión.\n";
    let site = build_good_with(&[(ES_CLOSE, text.as_bytes())]);
    let page = html(&site, "es/web/api/websocket/close/index.html");
    assert!(page.contains("<h1>WebSocket: método close()</h1>"), "{page}");
    assert!(!page.contains('\u{feff}'), "the BOM is dropped");
}

#[test]
fn crlf_and_bom_builds() {
    let text = "\u{feff}---\r\ntitle: \"WebSocket: close() Methode\"\r\nslug: Web/API/WebSocket/close\r\n---\r\n\r\n\
        Die Methode schließt die Verbindung.\r\n\r\n## Syntax\r\n\r\n`close()`\r\n";
    let site = build_good_with(&[(DE_CLOSE, text.as_bytes())]);
    let page = html(&site, "de/web/api/websocket/close/index.html");
    assert!(page.contains("<h1>WebSocket: close() Methode</h1>"), "{page}");
    assert!(page.contains("Die Methode schließt die Verbindung."), "{page}");
    assert!(!page.contains('\r'), "CR line endings are normalised");
}

#[test]
fn problems_of_different_stages_are_reported_in_one_run() {
    // A front-matter error in one file does not hide a macro error in another.
    let f = build_bad("mixed-stages", &[]);
    f.expect("front-matter-yaml", ES_CLOSE, Some((2, 17)));
    f.expect("macro-unknown", DE_CLOSE, Some((8, 50)));
    assert_eq!(f.errors(), 2, "{}", f.text);
}

#[test]
fn a_page_whose_front_matter_fails_still_has_its_macro_calls_checked() {
    // A tab in the front matter, a call with wrong arguments, a misspelt macro name and an
    // unclosed call, all in one file: the translator learns of all four from one run, not of the
    // macro errors after fixing the tab.
    let f = build_bad("front-matter-and-macros", &[]);
    f.expect("front-matter-yaml", DE_CLOSE, Some((6, 1)));
    let d = f.expect("macro-arguments", DE_CLOSE, Some((9, 1)));
    assert!(d.label.as_deref().unwrap().contains("an optional API group name"), "{}", d.render());
    let d = f.expect("macro-unknown", DE_CLOSE, Some((11, 50)));
    assert!(d.hint.as_deref().unwrap().contains("did you mean `domxref`?"), "{}", d.render());
    f.expect("macro-syntax", DE_CLOSE, Some((15, 1)));
    assert_eq!(f.errors(), 4, "{}", f.text);
    insta::assert_snapshot!("front-matter-and-macros", f.text);
}

/// Builds `case`, which must fail with an error `code` at `path`:`line`, and snapshots the text.
fn fails_with(case: &str, code: &str, path: &str, line: usize) -> Failed {
    let f = build_bad(case, &[]);
    let d = f
        .diags
        .iter()
        .find(|d| d.code == code && d.is_error())
        .unwrap_or_else(|| panic!("{case}: no `{code}` error in:\n{}", f.text));
    let loc = d.location.as_ref().unwrap_or_else(|| panic!("{case}: `{code}` has no location"));
    assert_eq!((loc.path.as_str(), loc.line), (path, line), "{}", d.render());
    assert!(d.hint.is_some(), "{case}: a hint says what to do:\n{}", d.render());
    insta::assert_snapshot!(case, f.text);
    f
}

const X_EN: &str = "content/en/web/api/x/index.md";
const REGISTRY: &str = "content/data/close-codes.yaml";

#[test]
fn slugs_that_would_escape_the_site_are_rejected() {
    fails_with("unsafe-slug-dotdot", "unsafe-slug", X_EN, 3);
    fails_with("unsafe-slug-backslash", "unsafe-slug", X_EN, 3);
    fails_with("unsafe-uri", "unsafe-slug", X_EN, 3);
    fails_with("unsafe-permalink-encoded", "unsafe-slug", "content/es/web/api/x/index.md", 4);
}

#[test]
fn front_matter_values_that_name_nothing() {
    fails_with("title-empty", "front-matter-missing-field", EN_CLOSE, 2);
    fails_with("dialect-named-unknown", "dialect-unknown", EN_CLOSE, 6);
    fails_with("uri-not-web-api", "front-matter-field", X_EN, 3);
}

#[test]
fn a_macro_with_too_many_arguments_is_malformed() {
    let f = fails_with("macro-too-many-arguments", "macro-syntax", EN_CLOSE, 10);
    assert!(f.text.contains("at most"), "{}", f.text);
}

#[test]
fn bad_registry_data_is_located() {
    fails_with("registry-duplicate-code", "registry-duplicate-code", REGISTRY, 11);
    fails_with("registry-overlap", "registry-overlap", REGISTRY, 11);
    fails_with("registry-out-of-range", "registry-out-of-range", REGISTRY, 5);
    fails_with("registry-unknown-field", "registry-unknown-field", REGISTRY, 10);
    fails_with("registry-yaml", "registry-yaml", REGISTRY, 5); // the `[` left open, not where the parser stopped
    fails_with("registry-message-undefined", "registry-message", REGISTRY, 11);
}

/// Content whose dangerous parts are removed with a warning: the build succeeds, the warning
/// names the file and line, and none of it reaches the site.
fn removed(text: &str, code: &str, line: usize, never: &[&str]) {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good-minimal"), copy.path());
    let page = copy.path().join(EN_CLOSE);
    let good = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("{good}\n{text}\n")).unwrap();
    let at = good.lines().count() + 2;
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let outcome = run(copy.path(), &out);
    assert!(outcome.summary.is_some(), "{}", render_all(outcome.diagnostics.iter()));
    let d = outcome.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("no `{code}` warning"));
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.path.as_str(), loc.line), (EN_CLOSE, at + line - 1), "{}", d.render());
    for (path, bytes) in tree(&out) {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        for bad in never {
            assert!(!text.contains(bad), "{bad} reached {}", path.display());
        }
    }
}

#[test]
fn script_elements_never_reach_the_site() {
    removed("<script>alert('x')</script>", "html-removed", 1, &["<script>alert", "alert('x')"]);
}

#[test]
fn event_handlers_never_reach_the_site() {
    removed("<p><img src=\"x.png\" onerror=\"alert(1)\">hi</p>", "html-removed", 1, &["onerror", "alert(1)"]);
}

#[test]
fn javascript_and_data_urls_never_reach_the_site() {
    removed(
        "[click](javascript:alert(1)) and ![x](data:text/html;base64,PHNjcmlwdD4=)",
        "url-removed",
        1,
        &["javascript:", "data:text/html"],
    );
}

#[test]
fn frames_and_styles_never_reach_the_site() {
    removed(
        "<iframe src=\"https://example.com\"></iframe>\n\n<style>body{color:#f0f0f0}</style>",
        "html-removed",
        1,
        &["<iframe", "#f0f0f0"],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_content_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("index.md");
    fs::write(&secret, "---\ntitle: SECRET\nslug: Web/API/Secret\n---\nSECRET TEXT\n").unwrap();
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good-minimal"), copy.path());
    let link_dir = copy.path().join("content/en/web/api/secret");
    fs::create_dir_all(&link_dir).unwrap();
    std::os::unix::fs::symlink(&secret, link_dir.join("index.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), copy.path().join("content/en/web/api/elsewhere")).unwrap();
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let outcome = run(copy.path(), &out);
    assert!(outcome.summary.is_some());
    assert!(outcome.diagnostics.iter().any(|d| d.code == "symlink"), "the skipped link is reported");
    for (path, bytes) in tree(&out) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET"), "{}", path.display());
    }
}

#[test]
fn example_problems() {
    // content/data/close-examples.yaml: a claim the rules contradict (1001 does not close), a call
    // with a name that is no value, a CloseEvent claim (70000 wraps to 4464), an id used twice.
    // The outcomes need the registry's bounds: the project's own registry is written beside it.
    let registry = fs::read(project().join("content/data/close-codes.yaml")).unwrap();
    let f = build_bad("example-problems", &[("content/data/close-codes.yaml", &registry)]);
    let path = "content/data/close-examples.yaml";
    let d = f.expect("example-contradicts", path, Some((6, 5)));
    assert!(d.message.contains("it says `closes`; by the rules it throws InvalidAccessError"), "{}", d.message);
    f.expect("example-call", path, Some((9, 46)));
    f.expect("example-id", path, Some((15, 9)));
    let events: Vec<_> = f.diags.iter().filter(|d| d.code == "example-contradicts").collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].location.as_ref().unwrap().line, 13);
    assert_eq!(f.errors(), 4);
    insta::assert_snapshot!("example-problems", f.text);
}

/// Front-matter and message values are text: whatever they hold is escaped in content,
/// attributes (title, description, Open Graph) and the JSON model.
#[test]
fn front_matter_and_message_values_are_escaped_everywhere() {
    let evil = r#"<script>alert(1)</script>" onmouseover="x"#;
    let page = format!(
        "---\ntitle: '{}'\nshort-title: close()\nslug: Web/API/WebSocket/close\npage-type: web-api-instance-method\n---\n\n{}\n",
        evil.replace('\'', "''"),
        "Text."
    );
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good-minimal"), copy.path());
    fs::write(copy.path().join(EN_CLOSE), page).unwrap();
    // A translator's message with markup in it.
    copy_tree(&project().join("i18n"), &copy.path().join("i18n"));
    let ui = copy.path().join("i18n/en/ui.ftl");
    let text = fs::read_to_string(&ui).unwrap();
    let text = text.replace("toc-title = In this article", "toc-title = <img src=x onerror=alert(2)>");
    fs::write(&ui, text).unwrap();
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    let outcome = run(copy.path(), &out);
    assert!(outcome.summary.is_some(), "{}", render_all(outcome.diagnostics.iter()));
    let html = html(&tree(&out), "en/web/api/websocket/close/index.html");
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(!html.contains("\" onmouseover=\"x"), "an attribute was broken out of:\n{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown as text");
    let json = tree(&out).remove(Path::new("en/web/api/websocket/close/index.json")).unwrap();
    let model: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    assert_eq!(model["title"], evil);
}

/// Builds the good fixture over a good site with `config` changed by `change`, and gives the
/// failed build's diagnostics, checking that the previous site is untouched.
fn build_with(change: impl FnOnce(&mut Config)) -> Vec<Diagnostic> {
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("site");
    assert!(run(&fixture("good-minimal"), &out).summary.is_some());
    let before = tree(&out);
    let mut config = config(&fixture("good-minimal"), &out);
    change(&mut config);
    let outcome = build(&config, &BuildOptions { write: true, jobs: Some(1) });
    assert!(outcome.summary.is_none(), "the build must fail");
    assert_eq!(tree(&out), before, "the previous site must be left as it was");
    outcome.diagnostics.into_vec()
}

#[test]
fn missing_project_folders_are_one_error_each() {
    // Run from the wrong folder: neither i18n/ nor templates/ is there.
    let nowhere = tempfile::tempdir().unwrap();
    let d = build_with(|c| {
        c.i18n_dir = nowhere.path().join("i18n");
        c.templates_dir = nowhere.path().join("templates");
    });
    let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["messages", "templates"], "{}", render_all(&d));
    for d in &d {
        assert!(d.message.contains("does not exist"), "{}", d.render());
        assert!(d.hint.as_deref().unwrap().contains("--root DIR"), "{}", d.render());
    }
    // An empty templates folder says so.
    let d = build_with(|c| c.templates_dir = nowhere.path().to_path_buf());
    let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", render_all(&d));
    assert_eq!(errors[0].code, "templates");
    assert!(errors[0].message.contains("has no templates"), "{}", errors[0].render());
}

#[test]
fn missing_default_messages_are_one_error() {
    // The Spanish and German messages are there, the English ones (the default) are not.
    let i18n = tempfile::tempdir().unwrap();
    for locale in ["es", "de"] {
        copy_tree(&project().join("i18n").join(locale), &i18n.path().join(locale));
    }
    let d = build_with(|c| c.i18n_dir = i18n.path().to_path_buf());
    assert_eq!(d.len(), 1, "nothing else is reported missing because of it:\n{}", render_all(&d));
    assert_eq!(d[0].code, "messages");
    assert!(d[0].message.contains("default language `en` has no message files"), "{}", d[0].render());
}

#[test]
fn a_locale_folder_named_otherwise_is_told_its_name() {
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good-minimal"), copy.path());
    let content = copy.path().join("content");
    fs::rename(content.join("es"), content.join("ES")).unwrap();
    let d = build_with(|c| c.content_dir = content.clone());
    let locale = d.iter().find(|d| d.code == "locale").unwrap_or_else(|| panic!("{}", render_all(&d)));
    let hint = locale.hint.as_deref().unwrap();
    assert!(hint.contains("rename this one") && hint.ends_with("content/es"), "{}", locale.render());
}
