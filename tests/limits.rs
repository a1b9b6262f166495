//! Resource limits: pathological inputs finish with success or a clear error. These tests pin
//! the outcome for each bound; how fast they run is shown by the benchmarks, not here.

use std::fs;
use std::path::Path;

use polyref::config::Config;
use polyref::{BuildOptions, Outcome, build};

/// Builds a one-page site whose English close() page is `page`, with `registry` as
/// content/data/close-codes.yaml when given.
fn build_with(page: &str, registry: Option<&str>) -> (tempfile::TempDir, Outcome) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("content/en/web/api/websocket/close/index.md");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, page).unwrap();
    if let Some(r) = registry {
        fs::create_dir_all(dir.path().join("content/data")).unwrap();
        fs::write(dir.path().join("content/data/close-codes.yaml"), r).unwrap();
    }
    let mut config = Config::defaults(dir.path());
    config.templates_dir = root.join("templates");
    config.i18n_dir = root.join("i18n");
    let outcome = build(&config, &BuildOptions { write: true, jobs: Some(2) });
    (dir, outcome)
}

const HEAD: &str = "---\ntitle: Limits\nslug: Web/API/WebSocket/close\n---\n";

fn errors(o: &Outcome) -> Vec<&'static str> {
    o.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect()
}

#[test]
fn a_ten_megabyte_page_builds() {
    let para = "Some text with `code`, a [link](https://example.com/) and **bold** words.\n\n";
    let body = para.repeat(10 * 1024 * 1024 / para.len());
    let (dir, o) = build_with(&format!("{HEAD}{body}"), None);
    assert!(o.summary.is_some(), "{:?}", errors(&o));
    let html = fs::read(dir.path().join("site/en/web/api/websocket/close/index.html")).unwrap();
    assert!(html.len() > 10 * 1024 * 1024);
}

#[test]
fn a_megabyte_of_front_matter_builds() {
    let status: String = (0..100_000).map(|i| format!("  - flag{i}\n")).collect();
    assert!(status.len() > 1024 * 1024);
    let page = format!("---\ntitle: Limits\nslug: Web/API/WebSocket/close\nstatus:\n{status}---\nText.\n");
    let (_dir, o) = build_with(&page, None);
    assert!(o.summary.is_some(), "{:?}", errors(&o));
}

#[test]
fn lists_and_quotes_nested_ten_thousand_deep_build() {
    let mut body = String::new();
    for i in 0..10_000 {
        body.push_str(&" ".repeat(2 * (i % 300)));
        body.push_str("- item\n");
    }
    body.push('\n');
    body.push_str(&"> ".repeat(10_000));
    body.push_str("deep\n");
    let (_dir, o) = build_with(&format!("{HEAD}{body}"), None);
    assert!(o.summary.is_some(), "{:?}", errors(&o));
}

#[test]
fn a_macro_with_ten_thousand_arguments_is_a_clear_error() {
    let args = vec!["\"a\""; 10_000].join(", ");
    let (_dir, o) = build_with(&format!("{HEAD}Text {{{{domxref({args})}}}}.\n"), None);
    assert_eq!(errors(&o), ["macro-syntax"]);
    let d = o.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(d.message.contains("at most"), "{}", d.message);
}

#[test]
fn a_hundred_thousand_row_registry_is_a_clear_error() {
    let mut yaml = String::from("max_reason_bytes: 123\ncodes:\n");
    for i in 0..100_000u32 {
        yaml.push_str(&format!(
            "  - code: {}\n    name: N\n    reference: R\n    wire: true\n    script: false\n",
            i % 5000
        ));
    }
    let (_dir, o) = build_with(&format!("{HEAD}Text.\n"), Some(&yaml));
    assert_eq!(errors(&o), ["registry-too-large"]);
}
