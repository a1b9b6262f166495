//! `polyref check`: the real content's three wrong claims are flagged with the correct facts and
//! nothing else is; broken links and anchors are errors at the line that wrote them; unused and
//! unknown messages are warnings; exit status 0 clean, 1 errors, warnings fatal with --strict,
//! 2 for a wrong command line.

mod common;

use std::fs;
use std::path::Path;

use common::{edit, polyref, project, project_copy};
use polyref::config::Config;
use polyref::diag::Diagnostic;

fn check(root: &Path) -> (bool, Vec<Diagnostic>) {
    let config = Config::load(root).unwrap();
    let outcome = polyref::check::run(&config, Some(2));
    (outcome.summary.is_some(), outcome.diagnostics.into_vec())
}

fn at(d: &Diagnostic) -> (String, usize) {
    let l = d.location.as_ref().expect("located");
    (l.path.clone(), l.line)
}

#[test]
fn real_content_the_three_wrong_claims_with_the_correct_facts() {
    let (ok, diags) = check(project());
    assert!(ok, "check found errors in the real content: {diags:#?}");
    let lint: Vec<&Diagnostic> = diags.iter().filter(|d| d.code.starts_with("consistency-")).collect();
    let found: Vec<(&str, String, usize)> = lint.iter().map(|d| (d.code, at(d).0, at(d).1)).collect();
    assert_eq!(
        found,
        [
            ("consistency-run-together", "content/en/web/api/websocket/close/index.md".to_string(), 51),
            ("consistency-no-code", "content/en/web/api/websocket/close/webplatform.supplement.md".to_string(), 45),
            ("consistency-code-range", "content/es/web/api/websocket/close/index.md".to_string(), 21),
            ("consistency-code-range", "content/es/web/api/websocket/close/index.md".to_string(), 36),
        ],
        "{lint:#?}"
    );
    // Each states the correct fact.
    assert!(lint[0].message.contains("3000–4999"), "{}", lint[0].message);
    assert!(lint[1].message.contains("1005") && lint[1].hint.as_deref().unwrap().contains("RFC 6455 §7.1.5"));
    for d in &lint[2..] {
        assert!(d.message.contains("only 1000 and 3000–4999") && d.message.contains("1001–2999"), "{}", d.message);
    }
    // Columns point at the numbers themselves.
    assert_eq!(lint[0].location.as_ref().unwrap().col, 100);
    let rendered = lint[0].render();
    assert!(rendered.contains("content/en/web/api/websocket/close/index.md:51:100"), "{rendered}");
    // Every link and anchor of every locale resolves; every message is used and known.
    assert!(
        !diags.iter().any(|d| matches!(d.code, "link-broken" | "message-unused" | "message-unknown")),
        "{diags:#?}"
    );
}

#[test]
fn a_wrong_range_in_german_is_found_in_the_file() {
    let dir = project_copy();
    edit(
        dir.path(),
        "content/de/web/api/websocket/close/index.md",
        "im Bereich `3000` – `4999` ist",
        "im Bereich `1000` – `4999` ist",
    );
    let (_, diags) = check(dir.path());
    let d = diags
        .iter()
        .find(|d| d.code == "consistency-code-range" && at(d).0.starts_with("content/de/"))
        .unwrap_or_else(|| panic!("no finding in the German page: {diags:#?}"));
    assert_eq!(at(d).1, 50);
    assert!(d.message.contains("1001–2999"), "{}", d.message);
}

#[test]
fn broken_anchor_is_an_error_at_the_link() {
    let dir = project_copy();
    edit(
        dir.path(),
        "content/de/web/api/websocket/close/index.md",
        "[`reason`](#reason)-Wert angeben.",
        "[`reason`](#reasn)-Wert angeben.",
    );
    let (ok, diags) = check(dir.path());
    assert!(!ok, "a broken anchor fails the check");
    let d = diags.iter().find(|d| d.code == "link-broken").expect("a broken link");
    assert!(d.is_error());
    assert_eq!(at(d), ("content/de/web/api/websocket/close/index.md".to_string(), 32));
    assert!(d.message.contains("#reasn"), "{}", d.message);
    assert!(d.label.as_deref().unwrap().contains("de/web/api/websocket/close/index.html"), "{d:?}");
    assert!(d.hint.as_deref().unwrap().starts_with("link to a heading"), "{d:?}");
}

#[test]
fn an_anchor_in_other_case_is_told_the_id() {
    // Older translations link to `#Reason`; the heading's id is `reason`.
    let dir = project_copy();
    edit(
        dir.path(),
        "content/de/web/api/websocket/close/index.md",
        "[`reason`](#reason)-Wert angeben.",
        "[`reason`](#Reason)-Wert angeben.",
    );
    let (ok, diags) = check(dir.path());
    assert!(!ok);
    let d = diags.iter().find(|d| d.code == "link-broken").expect("a broken link");
    assert_eq!(d.hint.as_deref(), Some("did you mean `#reason`? Heading ids are written in lower case"), "{d:?}");
}

#[test]
fn broken_link_in_a_template_names_the_pages() {
    let dir = project_copy();
    edit(dir.path(), "templates/home.html", "<h1>", "<a href=\"nowhere/index.html\">x</a><h1>");
    let (ok, diags) = check(dir.path());
    assert!(!ok);
    let broken: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "link-broken").collect();
    // One problem per link written, naming the pages that show it.
    assert_eq!(broken.len(), 1, "{broken:#?}");
    let label = broken[0].label.as_deref().unwrap();
    for l in ["en", "es", "de"] {
        assert!(label.contains(&format!("{l}/index.html")), "{label}");
    }
}

#[test]
fn unknown_and_unused_messages_are_warnings_at_their_line() {
    let dir = project_copy();
    let de = dir.path().join("i18n/de/ui.ftl");
    let mut text = fs::read_to_string(&de).unwrap();
    text.push_str("home-titel = Startseite\n");
    fs::write(&de, &text).unwrap();
    let en = dir.path().join("i18n/en/ui.ftl");
    let mut text_en = fs::read_to_string(&en).unwrap();
    text_en.push_str("old-banner = Nothing shows this\n");
    fs::write(&en, &text_en).unwrap();
    let (ok, diags) = check(dir.path());
    assert!(ok, "warnings only: {diags:#?}");
    let unknown = diags.iter().find(|d| d.code == "message-unknown").expect("unknown message");
    assert_eq!(at(unknown), ("i18n/de/ui.ftl".to_string(), text.lines().count()));
    assert!(unknown.hint.as_deref().unwrap().contains("home-title"), "{unknown:?}");
    let unused = diags.iter().find(|d| d.code == "message-unused").expect("unused message");
    assert_eq!(at(unused), ("i18n/en/ui.ftl".to_string(), text_en.lines().count()));
}

#[test]
fn a_wrong_claim_in_a_message_file_is_found() {
    let dir = project_copy();
    edit(
        dir.path(),
        "i18n/de/close-codes.ftl",
        "Die Codes 0–999 werden nicht verwendet.",
        "Die Codes 0–1999 werden nicht verwendet.",
    );
    let (_, diags) = check(dir.path());
    let d = diags
        .iter()
        .find(|d| d.code == "consistency-code-range" && at(d).0 == "i18n/de/close-codes.ftl")
        .unwrap_or_else(|| panic!("no finding in the .ftl: {diags:#?}"));
    assert!(d.message.contains("0–1999"), "{}", d.message);
}

/// A one-language project without any warning.
fn clean_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&project().join("templates"), &dir.path().join("templates"));
    common::copy_dir(&project().join("i18n/en"), &dir.path().join("i18n/en"));
    common::copy_dir(&project().join("content/data"), &dir.path().join("content/data"));
    common::copy_dir(&project().join("tests/fixtures/good-minimal/content/en"), &dir.path().join("content/en"));
    fs::write(dir.path().join("polyref.toml"), "locales = [\"en\"]\n").unwrap();
    dir
}

fn exit_code(args: &[&str], root: &Path) -> (i32, String) {
    let out = polyref().args(args).arg("--root").arg(root).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn exit_status_clean_warnings_strict_errors_usage() {
    let clean = clean_project();
    let (code, err) = exit_code(&["check", "--strict"], clean.path());
    assert_eq!(code, 0, "a clean project passes even --strict:\n{err}");

    // The real content has warnings (the wrong claims): 0, and 1 with --strict.
    assert_eq!(exit_code(&["check"], project()).0, 0);
    let (code, err) = exit_code(&["check", "--strict"], project());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("consistency-code-range") && err.contains("--strict"), "{err}");

    // An error: 1 with or without --strict.
    let broken = project_copy();
    edit(broken.path(), "content/en/web/api/websocket/close/index.md", "[`code`](#code) value", "[`code`](#cod) value");
    let (code, err) = exit_code(&["check"], broken.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("link-broken") && err.contains("content/en/web/api/websocket/close/index.md:"), "{err}");

    // A wrong command line: 2.
    assert_eq!(exit_code(&["check", "--no-such-option"], project()).0, 2);
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in ["build", "check", "status", "serve", "new-locale"] {
        let out = polyref().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{cmd} --help");
        assert!(text.contains("Example"), "{cmd} --help has no example:\n{text}");
        assert!(text.contains(&format!("polyref {cmd}")), "{cmd} --help shows no call of it:\n{text}");
    }
}
