//! The output folder: builds are deterministic whatever the thread count, and a build killed at
//! any moment leaves the previous site complete.

mod common;

use common::copy_dir;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use polyref::config::Config;
use polyref::{BuildOptions, build};

/// A project with the real templates and messages and `n` generated pages per locale.
fn project(n: usize) -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for name in ["i18n", "templates", "content"] {
        copy_dir(&root.join(name), &dir.path().join(name));
    }
    for i in 0..n {
        for locale in ["en", "es", "de"] {
            let page = dir.path().join(format!("content/{locale}/web/api/example{i}/index.md"));
            fs::create_dir_all(page.parent().unwrap()).unwrap();
            let text = format!(
                "---\ntitle: Example{i}\nslug: Web/API/Example{i}\n---\n\n{{{{APIRef}}}}\n\nThe **`Example{i}`** interface ({locale}) uses {{{{domxref(\"CloseEvent\")}}}} and [close](/{locale}/docs/Web/API/WebSocket/close).\n\n## Syntax\n\n```js\nnew Example{i}()\n```\n\n> [!NOTE]\n> A note {{{{optional_inline}}}}.\n"
            );
            fs::write(page, text).unwrap();
        }
    }
    dir
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string();
            out.insert(rel, fs::read(e.path()).unwrap());
        }
    }
    out
}

#[test]
fn builds_are_byte_identical_at_any_thread_count() {
    let p = project(40);
    let mut sites = Vec::new();
    for (jobs, out) in [(1, "one"), (4, "four"), (4, "again")] {
        let mut config = Config::defaults(p.path());
        config.output_dir = p.path().join(out);
        let outcome = build(&config, &BuildOptions { write: true, jobs: Some(jobs) });
        assert!(outcome.summary.is_some());
        sites.push(snapshot(&config.output_dir));
    }
    assert!(sites[0].len() > 250, "{} files", sites[0].len());
    assert!(sites[0] == sites[1], "1 thread and 4 threads differ");
    assert!(sites[1] == sites[2], "two builds differ");
}

/// The site does not depend on where its content is: the same content given with `--content`
/// from outside the project builds the same bytes (the JSON model and the status pages name
/// each page's file from the content folder's name on, not by its absolute path).
#[test]
fn content_outside_the_project_builds_the_same_site() {
    let p = project(2);
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("content");
    copy_dir(&p.path().join("content"), &outside);
    let mut sites = Vec::new();
    for (content, out) in [(p.path().join("content"), "inside"), (outside, "outside")] {
        let out = elsewhere.path().join(out);
        let mut config = Config::defaults(p.path());
        config.content_dir = content;
        config.output_dir = out.clone();
        let outcome = build(&config, &BuildOptions { write: true, jobs: Some(2) });
        assert!(outcome.summary.is_some());
        sites.push(snapshot(&out));
    }
    let model = &sites[1]["en/web/api/example0/index.json"];
    let model: serde_json::Value = serde_json::from_slice(model).unwrap();
    assert_eq!(model["sources"][0]["file"], "content/en/web/api/example0/index.md");
    let place = elsewhere.path().to_string_lossy().to_string();
    for (name, bytes) in &sites[1] {
        assert!(!String::from_utf8_lossy(bytes).contains(&place), "{name} names the content's folder");
    }
    assert!(sites[0] == sites[1], "the same content built from two places differs");
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_complete() {
    let p = project(200);
    let bin = env!("CARGO_BIN_EXE_polyref");
    let run = || Command::new(bin).args(["build", "-q", "--root"]).arg(p.path()).output().unwrap();
    assert!(run().status.success());
    let site = p.path().join("site");
    let mut before = snapshot(&site);
    // Edit every page so that a finished build would change the site.
    for l in ["en", "es", "de"] {
        let f = p.path().join(format!("content/{l}/web/api/example0/index.md"));
        let text = fs::read_to_string(&f).unwrap();
        fs::write(&f, text.replace("A note", "A changed note")).unwrap();
    }
    // What a finished build makes now (builds are deterministic): the only other allowed state.
    let elsewhere = p.path().join("expected");
    let out = Command::new(bin).args(["build", "-q", "--out"]).arg(&elsewhere).arg("--root").arg(p.path()).output();
    assert!(out.unwrap().status.success());
    let after = snapshot(&elsewhere);
    fs::remove_dir_all(&elsewhere).unwrap();
    assert!(after != before);
    for delay_ms in [0, 2, 5, 10, 20, 40, 80, 160] {
        let mut child = Command::new(bin).args(["build", "-q", "--root"]).arg(p.path()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = snapshot(&site);
        // Killed before its swap: the old site; after it (or not killed at all): the new one.
        // Never anything in between.
        assert!(now == before || now == after, "site/ is incomplete after a build killed at {delay_ms} ms ({status})");
        if now == after {
            before = now;
        }
    }
    // The next build cleans up whatever the killed ones left.
    assert!(run().status.success());
    let leftovers: Vec<_> = fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("polyref-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(fs::read_to_string(site.join("en/web/api/example0/index.html")).unwrap().contains("A changed note"));
}
