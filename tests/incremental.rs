//! Incremental rebuilds (`serve`): after each edit of a copy of the real content, the output
//! folder must be byte for byte what a clean full build of the same inputs writes; changes an
//! incremental rebuild cannot judge must ask for a full build; a broken edit must report what a
//! full build reports and leave the output as it was.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::edits::{Rng, random_edit, runs};
use common::{edit, files_below, project_copy, read_tree};
use polyref::config::Config;
use polyref::incremental::{self, Incremental, Rebuilt, Step};
use polyref::{BuildOptions, build};

const EN: &str = "content/en/web/api/websocket/close/index.md";
const ES: &str = "content/es/web/api/websocket/close/index.md";
const DE: &str = "content/de/web/api/websocket/close/index.md";
const SUPPLEMENT: &str = "content/en/web/api/websocket/close/webplatform.supplement.md";
const ES_EVENT: &str = "content/es/web/api/closeevent/index.md";

fn opts() -> BuildOptions {
    BuildOptions { write: true, jobs: Some(1) }
}

/// A full build of the copy at `root` into its `site/`, kept for incremental rebuilds.
fn start(root: &Path) -> Incremental {
    let config = Config::load(root).unwrap();
    let (outcome, kept) = incremental::full(&config, &opts());
    assert!(outcome.summary.is_some(), "the first build succeeds: {:?}", outcome.diagnostics);
    kept.expect("a good build keeps its inputs")
}

/// Paths as the watcher reports them.
fn paths(root: &Path, rels: &[&str]) -> Vec<PathBuf> {
    rels.iter().map(|r| fs::canonicalize(root.join(r)).unwrap()).collect()
}

fn rebuilt(step: Step) -> Rebuilt {
    match step {
        Step::Done(r) => r,
        Step::Full(reason) => panic!("expected an incremental rebuild, got a full build: {reason}"),
    }
}

/// Writes a new file at `rel` below `root`, making its folders; its path as the watcher reports it.
fn add(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    fs::canonicalize(&path).unwrap()
}

/// Removes the file at `rel` below `root`; its path as the watcher reports it.
fn remove(root: &Path, rel: &str) -> Vec<PathBuf> {
    let gone = paths(root, &[rel]);
    fs::remove_file(root.join(rel)).unwrap();
    gone
}

/// Asserts that `site/` is what a clean build of the same inputs writes.
fn assert_same_as_clean_build(root: &Path, step: &str) {
    let mut config = Config::load(root).unwrap();
    let clean = root.join("clean");
    let _ = fs::remove_dir_all(&clean);
    config.output_dir = clean.clone();
    let outcome = build(&config, &opts());
    assert!(outcome.summary.is_some(), "{step}: the clean build succeeds");
    let (got, want) = (read_tree(&root.join("site")), read_tree(&clean));
    let got_names: Vec<&String> = got.keys().collect();
    let want_names: Vec<&String> = want.keys().collect();
    assert_eq!(got_names, want_names, "{step}: the same files");
    for (name, text) in &want {
        assert!(&got[name] == text, "{step}: {name} differs from a clean build");
    }
    fs::remove_dir_all(&clean).unwrap();
}

#[test]
fn every_incremental_rebuild_equals_a_clean_build() {
    let dir = project_copy();
    let root = dir.path();
    let mut inc = start(root);
    assert_same_as_clean_build(root, "the first build");

    // (what to edit, from, to, files that must be among those written)
    let edits: &[(&str, &str, &str, &[&str])] = &[
        // A sentence of a translation: its own page and model.
        (
            ES,
            "cierra la conexión o intenta",
            "cierra la conexión, o intenta",
            &["es/web/api/websocket/close/index.html"],
        ),
        // The summary (`excerpt`): the page's description.
        (ES, "cierra la conexión con el servidor.", "cierra la conexión.", &["es/web/api/websocket/close/index.html"]),
        // The only translation of CloseEvent: the English and German pages show it as fallbacks.
        (
            ES_EVENT,
            "cuando la conexión esta cerrada",
            "cuando la conexión está cerrada",
            &["en/web/api/closeevent/index.html", "de/web/api/closeevent/index.html"],
        ),
        // The English title, and the short title the English home lists.
        (
            EN,
            "title: \"WebSocket: close() method\"",
            "title: \"WebSocket: close() method (edited)\"",
            &["en/web/api/websocket/close/index.html"],
        ),
        (EN, "short-title: close()", "short-title: close() (edited)", &["en/index.html"]),
        // The English text: its hash changes, which the status pages show for German.
        (
            EN,
            "connection or connection attempt",
            "connection, or connection attempt",
            &["en/web/api/websocket/close/index.json"],
        ),
        // A supplement of the English page.
        (SUPPLEMENT, "title: close", "title: close (WebPlatform)", &["en/web/api/websocket/close/index.json"]),
        // A warning: raw HTML the sanitizer removes.
        (DE, "Methode schließt die", "Methode <script>x()</script> schließt die", &[]),
    ];
    for (i, (rel, from, to, expected)) in edits.iter().enumerate() {
        edit(root, rel, from, to);
        let r = rebuilt(inc.update(&paths(root, &[rel])));
        assert!(r.ok, "edit {i}: {:?}", r.diagnostics);
        for f in *expected {
            assert!(r.written.iter().any(|w| w == f), "edit {i}: {f} was not written: {:?}", r.written);
        }
        assert_same_as_clean_build(root, &format!("edit {i} of {rel}"));
    }

    // Recording the English page's hash in the German page makes it current in the status pages.
    let hash = polyref::git::source_hash(&fs::read_to_string(root.join(EN)).unwrap());
    edit(
        root,
        DE,
        "slug: Web/API/WebSocket/close\n",
        &format!("slug: Web/API/WebSocket/close\npolyref-source-hash: {hash}\n"),
    );
    let r = rebuilt(inc.update(&paths(root, &[DE])));
    assert!(r.written.iter().any(|w| w == "de/status/index.html"), "{:?}", r.written);
    assert_same_as_clean_build(root, "the recorded hash");

    // Two pages at once, and an edit that changes nothing in the output.
    edit(root, ES_EVENT, "Crear un nuevo", "Crea un nuevo");
    edit(root, EN, "If the connection is already", "If the connection is  already");
    let r = rebuilt(inc.update(&paths(root, &[ES_EVENT, EN])));
    assert!(r.ok && r.pages == 2, "{r:?}");
    assert_same_as_clean_build(root, "two pages at once");
    let r = rebuilt(inc.update(&paths(root, &[ES])));
    assert!(r.ok && r.written.is_empty(), "nothing changed, nothing written: {:?}", r.written);

    // A translation started: CloseEvent had Spanish alone. Its pages in every language, the
    // German home and status, and the sitemap's alternates change.
    let new = "content/de/web/api/closeevent/index.md";
    add(root, new, "---\ntitle: CloseEvent\nslug: Web/API/CloseEvent\n---\n\nEin `CloseEvent`.\n");
    let r = rebuilt(inc.update(&paths(root, &[new])));
    assert!(r.ok, "{:?}", r.diagnostics);
    for f in ["de/web/api/closeevent/index.html", "en/web/api/closeevent/index.html", "de/index.html", "sitemap.xml"] {
        assert!(r.written.iter().any(|w| w == f), "{f} was not written: {:?}", r.written);
    }
    assert_same_as_clean_build(root, "a translation added");
    // Then edited like any page file.
    edit(root, new, "Ein `CloseEvent`.", "Ein `CloseEvent`, bearbeitet.");
    rebuilt(inc.update(&paths(root, &[new])));
    assert_same_as_clean_build(root, "the added translation edited");
    // A supplement added to the German page.
    let supplement = "content/de/web/api/websocket/close/webplatform.supplement.md";
    fs::copy(root.join(SUPPLEMENT), root.join(supplement)).unwrap();
    let r = rebuilt(inc.update(&paths(root, &[supplement])));
    assert!(r.ok && r.written.iter().any(|w| w == "de/web/api/websocket/close/index.html"), "{r:?}");
    assert_same_as_clean_build(root, "a supplement added");

    // Removed again: the supplement, then the German translation of CloseEvent, whose German
    // page shows the Spanish text again.
    let gone = remove(root, supplement);
    let r = rebuilt(inc.update(&gone));
    assert!(r.ok && r.written.iter().any(|w| w == "de/web/api/websocket/close/index.html"), "{r:?}");
    assert_same_as_clean_build(root, "a supplement removed");
    let gone = remove(root, new);
    let r = rebuilt(inc.update(&gone));
    assert!(r.ok, "{:?}", r.diagnostics);
    for f in ["de/web/api/closeevent/index.html", "de/index.html", "de/status/index.html", "sitemap.xml"] {
        assert!(r.written.iter().any(|w| w == f), "{f} was not written: {:?}", r.written);
    }
    assert_same_as_clean_build(root, "a translation removed");
    // And the English page's own file: its page in English becomes a fallback.
    let en_text = fs::read_to_string(root.join(EN)).unwrap();
    let gone = remove(root, EN);
    let r = rebuilt(inc.update(&gone));
    assert!(r.ok, "{:?}", r.diagnostics);
    assert_same_as_clean_build(root, "the default locale's file removed");
    // Put back, as a new file of the page.
    add(root, EN, &en_text);
    rebuilt(inc.update(&paths(root, &[EN])));
    assert_same_as_clean_build(root, "the default locale's file put back");
}

#[test]
fn a_translation_added_broken_is_reported_then_built_when_mended() {
    let dir = project_copy();
    let root = dir.path();
    let mut inc = start(root);
    let new = "content/de/web/api/closeevent/index.md";
    add(root, new, "---\ntitle: \"CloseEvent\nslug: Web/API/CloseEvent\n---\n\nText.\n");
    let before = read_tree(&root.join("site"));
    let r = rebuilt(inc.update(&paths(root, &[new])));
    assert!(!r.ok && r.written.is_empty(), "{r:?}");
    assert!(r.diagnostics.iter().any(|d| d.code == "front-matter-yaml"), "{:?}", r.diagnostics);
    assert!(read_tree(&root.join("site")) == before, "the output is left as it was");
    edit(root, new, "title: \"CloseEvent\n", "title: \"CloseEvent\"\n");
    let r = rebuilt(inc.update(&paths(root, &[new])));
    assert!(r.ok, "{:?}", r.diagnostics);
    assert_same_as_clean_build(root, "the added translation mended");
}

#[test]
fn other_changes_take_the_full_build() {
    let dir = project_copy();
    let root = dir.path();
    let mut inc = start(root);
    let full = |step: Step| matches!(step, Step::Full(_));

    edit(root, "templates/home.html", "<h1>", "<h1 class=\"x\">");
    assert!(full(inc.update(&paths(root, &["templates/home.html"]))), "a template");
    assert!(full(inc.update(&paths(root, &["i18n/de/ui.ftl"]))), "a message file");
    assert!(full(inc.update(&paths(root, &["polyref.toml"]))), "the settings");
    assert!(full(inc.update(&paths(root, &["content/data/close-codes.yaml"]))), "a data file");

    let mut inc = start(root);
    // A new page, a new file naming another page than its folder's, one in a locale the site
    // does not have, and a new file that is no page file.
    let page = |slug: &str| format!("---\ntitle: X\nslug: {slug}\n---\n\nText.\n");
    let new = add(root, "content/de/web/api/newpage/index.md", &page("Web/API/NewPage"));
    assert!(full(inc.update(std::slice::from_ref(&new))), "a new page");
    fs::remove_file(&new).unwrap();
    let new = add(root, "content/de/web/api/closeevent/index.md", &page("Web/API/WebSocket/close"));
    assert!(full(inc.update(std::slice::from_ref(&new))), "a new file naming another page");
    fs::remove_file(&new).unwrap();
    let mut inc = start(root);
    let new = add(root, "content/fr/web/api/closeevent/index.md", &page("Web/API/CloseEvent"));
    assert!(full(inc.update(std::slice::from_ref(&new))), "a locale the site does not have");
    fs::remove_dir_all(root.join("content/fr")).unwrap();
    let new = add(root, "content/de/web/api/closeevent/notes.md", "Notes.\n");
    assert!(full(inc.update(std::slice::from_ref(&new))), "not a page file");
    fs::remove_dir_all(new.parent().unwrap()).unwrap();
    // The only file of a page removed (CloseEvent is in Spanish alone), and a page file
    // replaced by a folder.
    let text = fs::read_to_string(root.join(ES_EVENT)).unwrap();
    let gone = remove(root, ES_EVENT);
    assert!(full(inc.update(&gone)), "a page's last file removed");
    fs::write(root.join(ES_EVENT), text).unwrap();
    let mut inc = start(root);
    let replaced = remove(root, SUPPLEMENT);
    fs::create_dir(root.join(SUPPLEMENT)).unwrap();
    assert!(full(inc.update(&replaced)), "a page file replaced by a folder");

    // A page that now names another page.
    let mut inc = start(root);
    edit(root, DE, "slug: Web/API/WebSocket/close", "slug: Web/API/WebSocket/close2");
    assert!(full(inc.update(&paths(root, &[DE]))), "a changed key");
}

#[test]
fn a_broken_edit_reports_what_a_full_build_reports_and_keeps_the_output() {
    let dir = project_copy();
    let root = dir.path();
    let mut inc = start(root);
    let before = read_tree(&root.join("site"));
    let good_en = fs::read_to_string(root.join(EN)).unwrap();
    let good_es = fs::read_to_string(root.join(ES)).unwrap();

    let full_report = || {
        let config = Config::load(root).unwrap();
        let outcome = build(&config, &BuildOptions { write: false, jobs: Some(1) });
        assert!(outcome.summary.is_none(), "the full build fails too");
        outcome.diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>()
    };

    // A macro that does not exist (an error while rendering), then also an unclosed front
    // matter in another file (an error while parsing: the page loses that translation).
    edit(root, EN, "{{AvailableInWorkers}}", "{{NoSuchMacro}}");
    let r = rebuilt(inc.update(&paths(root, &[EN])));
    assert!(!r.ok && r.written.is_empty());
    let got: Vec<String> = r.diagnostics.iter().map(|d| d.render()).collect();
    assert!(got.iter().any(|d| d.contains("NoSuchMacro") && d.contains(&format!("{EN}:"))), "{got:#?}");
    assert_eq!(got, full_report(), "the same report as a full build");
    assert_eq!(read_tree(&root.join("site")), before, "the output is untouched");

    fs::write(root.join(ES), good_es.replacen("\n---\n", "\n", 1)).unwrap();
    let r = rebuilt(inc.update(&paths(root, &[ES])));
    assert!(!r.ok);
    let got: Vec<String> = r.diagnostics.iter().map(|d| d.render()).collect();
    assert!(got.iter().any(|d| d.contains("front-matter-unclosed")), "{got:#?}");
    assert_eq!(got, full_report(), "both problems, as a full build reports them");
    assert_eq!(read_tree(&root.join("site")), before, "the output is untouched");

    // Fixing one file is not enough; fixing both brings the output up to date.
    fs::write(root.join(EN), &good_en).unwrap();
    let r = rebuilt(inc.update(&paths(root, &[EN])));
    assert!(!r.ok, "the Spanish page is still broken");
    assert_eq!(r.diagnostics.iter().map(|d| d.render()).collect::<Vec<_>>(), full_report());
    fs::write(root.join(ES), good_es.replace("cierra la conexión o", "cierra la conexión, o")).unwrap();
    let r = rebuilt(inc.update(&paths(root, &[ES])));
    assert!(r.ok, "{:?}", r.diagnostics);
    assert_same_as_clean_build(root, "after the fix");
}

#[test]
fn random_edits_of_pages_rebuild_as_a_clean_build_does() {
    // Random edits (`common::edits`) of the real pages, one at a time, as `serve` sees them.
    // After each: an incremental rebuild writes what a clean build writes; a broken edit reports
    // what a full build reports and leaves the output as it was, and is then undone. A change
    // the incremental rebuild cannot judge (a key, a new entity) takes the full build, as in
    // `serve`.
    let dir = project_copy();
    let root = dir.path();
    let mut inc = start(root);
    // The page files, as the watcher names them: markdown below a locale's folder (not
    // content/README.md).
    let root = &fs::canonicalize(root).unwrap();
    let pages: Vec<PathBuf> = files_below(&root.join("content"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.parent() != Some(&root.join("content")))
        .collect();
    let mut rng = Rng::from_env(0x0001_2026_1207);
    let (mut incremental, mut broken) = (0, 0);
    for run in 0..runs(60) {
        let path = pages[rng.below(pages.len())].clone();
        let good = fs::read_to_string(&path).unwrap();
        let what = random_edit(&mut rng, &path, root);
        let before = read_tree(&root.join("site"));
        let report = match inc.update(std::slice::from_ref(&path)) {
            Step::Done(r) if r.ok => {
                incremental += 1;
                assert_same_as_clean_build(root, &format!("run {run} ({what})"));
                continue;
            }
            Step::Done(r) => r.diagnostics,
            Step::Full(_) => match incremental::full(&Config::load(root).unwrap(), &opts()) {
                (_, Some(kept)) => {
                    inc = kept;
                    assert_same_as_clean_build(root, &format!("run {run} ({what}), full"));
                    continue;
                }
                (outcome, None) => outcome.diagnostics,
            },
        };
        broken += 1;
        let config = Config::load(root).unwrap();
        let full = build(&config, &BuildOptions { write: false, jobs: Some(1) });
        assert!(full.summary.is_none(), "run {run} ({what}): the full build fails too");
        let shown = |d: &polyref::diag::Diagnostics| d.iter().map(|d| d.render()).collect::<Vec<_>>();
        assert_eq!(shown(&report), shown(&full.diagnostics), "run {run} ({what}): the report of a full build");
        assert!(read_tree(&root.join("site")) == before, "run {run} ({what}): the output is untouched");
        fs::write(&path, good).unwrap();
        if let Step::Done(r) = inc.update(std::slice::from_ref(&path)) {
            assert!(r.ok, "run {run}: undoing {what} rebuilds: {:?}", r.diagnostics);
        } else {
            inc = start(root);
        }
        assert_same_as_clean_build(root, &format!("run {run}, {what} undone"));
    }
    assert!(incremental > 0 && broken > 0, "{incremental} incremental rebuilds, {broken} broken edits");
}
