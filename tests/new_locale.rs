//! `polyref new-locale`: on a temporary copy of the project, add French, then build: every
//! French page falls back to English, marked as such; `status` shows French at 0%; the
//! settings file keeps its comments.

mod common;

use std::fs;

use common::{polyref, project_copy};
use polyref::config::Config;

#[test]
fn add_french_build_and_status() {
    let dir = project_copy();
    let root = dir.path();
    let out = polyref().args(["new-locale", "fr", "--root"]).arg(root).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Added French, fr."), "{stdout}");

    // The settings: the locale appended, comments and other settings as they were.
    let settings = fs::read_to_string(root.join("polyref.toml")).unwrap();
    assert!(settings.contains("locales = [\"en\", \"es\", \"de\", \"fr\"]"), "{settings}");
    assert!(settings.contains("# The languages built, in the order the language switcher shows them."));
    let before = fs::read_to_string(common::project().join("polyref.toml")).unwrap();
    assert_eq!(settings.lines().count(), before.lines().count());

    // Skeletons: every English message as a comment, none defined.
    for file in ["ui.ftl", "close-codes.ftl"] {
        let text = fs::read_to_string(root.join("i18n/fr").join(file)).unwrap();
        let english = fs::read_to_string(root.join("i18n/en").join(file)).unwrap();
        for d in polyref::messages::defined_in(&polyref::diag::Source::new(file, english.as_str())) {
            if !d.id.contains('.') {
                assert!(text.contains(&format!("\n# {} =", d.id)), "{file} lacks {} as a comment", d.id);
            }
        }
        assert!(polyref::messages::defined_in(&polyref::diag::Source::new(file, text.as_str())).is_empty());
    }
    let ui = fs::read_to_string(root.join("i18n/fr/ui.ftl")).unwrap();
    assert!(ui.contains("# skip-to-content = Skip to content") && ui.contains("français"), "{ui}");
    // The new language is named in English.
    let en = fs::read_to_string(root.join("i18n/en/ui.ftl")).unwrap();
    assert!(en.contains("language-de = German\nlanguage-fr = French\n"), "{en}");

    // The site builds, with French pages falling back to English, marked.
    let config = Config::load(root).unwrap();
    assert_eq!(config.locales, ["en", "es", "de", "fr"]);
    let outcome = polyref::build(&config, &polyref::BuildOptions { write: true, jobs: Some(2) });
    assert!(outcome.summary.is_some(), "{:#?}", outcome.diagnostics);
    let page = fs::read_to_string(root.join("site/fr/web/api/websocket/close/index.html")).unwrap();
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\""),
        "the interface is French (falling back per message)"
    );
    assert!(page.contains("class=\"notecard fallback\""), "marked as a fallback");
    assert!(page.contains("<article lang=\"en\">"), "the content is the English page");
    assert!(page.contains("not been translated into French yet"), "{page}");
    // The switcher shows the language's tag until it has a name of its own.
    assert!(page.contains("hreflang=\"fr\" lang=\"fr\" aria-current=\"page\""), "{page}");
    assert!(root.join("site/fr/status/index.html").is_file());
    assert!(root.join("site/fr/web/api/closeevent/index.html").is_file());

    // status: French at 0%, every page missing, every message to translate.
    let json = polyref().args(["status", "--json", "--root"]).arg(root).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let fr = v["locales"].as_array().unwrap().iter().find(|l| l["locale"] == "fr").unwrap().clone();
    assert_eq!(fr["percent"], 0);
    assert_eq!(fr["pages"]["missing"], fr["pages"]["total"]);
    assert_eq!(fr["messages"]["translated"], 0);
    assert!(fr["missing_messages"].as_array().unwrap().iter().any(|m| m["file"] == "i18n/fr/ui.ftl"));

    // check passes (warnings only), and adding French twice is refused.
    let check = polyref().args(["check", "-q", "--root"]).arg(root).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let again = polyref().args(["new-locale", "fr", "--root"]).arg(root).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already"));
}

#[test]
fn a_translated_message_counts_and_a_bad_tag_is_refused() {
    let dir = project_copy();
    let root = dir.path();
    assert!(polyref().args(["new-locale", "pt-br", "--root"]).arg(root).status().unwrap().success());
    // The tag is written in its canonical form.
    assert!(fs::read_to_string(root.join("polyref.toml")).unwrap().contains("\"pt-BR\"]"));
    let ui = root.join("i18n/pt-BR/ui.ftl");
    let text = fs::read_to_string(&ui).unwrap().replace("# language-name = English", "language-name = Português");
    fs::write(&ui, text).unwrap();
    let config = Config::load(root).unwrap();
    let (prepared, _) = polyref::prepare(&config);
    let report = polyref::status::collect(&prepared.unwrap(), &config);
    let pt = report.locales.iter().find(|l| l.locale == "pt-BR").unwrap();
    assert_eq!(pt.messages.translated, 1);
    assert!(pt.percent < 5);
    let outcome = polyref::build(&config, &polyref::BuildOptions { write: true, jobs: Some(1) });
    assert!(outcome.summary.is_some());
    let home = fs::read_to_string(root.join("site/pt-BR/index.html")).unwrap();
    assert!(home.contains(">Português</a>"), "the switcher uses the new name");

    for bad in ["not a tag", "../x", "en"] {
        let out = polyref().args(["new-locale", bad, "--root"]).arg(root).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
}
