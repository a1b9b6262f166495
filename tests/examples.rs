//! Runnable examples on the built site: every example appears on its page in every locale with
//! the outcome the rules compute (recomputed here from the arguments the page carries), a bound
//! changed in the registry changes every prediction in every locale, a contradicting `expect:`
//! fails the build at its line, the pages load only our own script, and the form's predictions in
//! `templates/assets/examples.js` are checked against the Rust rules through
//! `tests/browser/prediction-cases.json` (regenerate it with `POLYREF_UPDATE_CASES=1`).

mod common;

use common::{copy_dir, read_tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use polyref::config::Config;
use polyref::data::close_codes::CloseCodeRegistry;
use polyref::data::example_call::Call;
use polyref::data::examples::{self, ExampleSet, Page};
use polyref::data::examples_html::{self, SOCKET_URL, bounds_json, close_details};
use polyref::diag::{Diagnostic, Source};
use polyref::rules::{self, CloseBounds, JsString, JsValue, string_to_number, utf8_len_of_usv};
use polyref::{BuildOptions, build};
use serde_json::{Value, json};

const LOCALES: [&str; 3] = ["en", "es", "de"];
const CLOSE: &str = "web/api/websocket/close";
const EVENT: &str = "web/api/closeevent";

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the project's content, messages and templates, changed by `edit`.
fn project_copy(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["content", "i18n", "templates"] {
        copy_dir(&project().join(name), &dir.path().join(name));
    }
    fs::copy(project().join("polyref.toml"), dir.path().join("polyref.toml")).unwrap();
    edit(dir.path());
    dir
}

fn edit_file(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, f(text)).unwrap();
}

/// Builds a copy of the project changed by `edit`, and returns every HTML file by path.
fn build_copy(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let dir = project_copy(edit);
    let config = Config::load(dir.path()).unwrap();
    let outcome = build(&config, &BuildOptions { write: true, jobs: Some(2) });
    let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(Diagnostic::render).collect();
    assert!(outcome.summary.is_some(), "the build failed:\n{}", errors.join("\n"));
    let files = read_tree(&config.output_dir);
    (dir, files)
}

/// Builds (without writing) a copy changed by `edit`; returns its diagnostics.
fn check_copy(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Vec<Diagnostic>) {
    let dir = project_copy(edit);
    let config = Config::load(dir.path()).unwrap();
    let outcome = build(&config, &BuildOptions { write: false, jobs: Some(1) });
    assert!(outcome.summary.is_none(), "the build must fail");
    (dir, outcome.diagnostics.iter().cloned().collect())
}

fn page<'a>(files: &'a BTreeMap<String, String>, locale: &str, dir: &str) -> &'a str {
    files.get(&format!("{locale}/{dir}/index.html")).unwrap_or_else(|| panic!("no page {locale}/{dir}"))
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The value of attribute `name` in the opening tag that starts `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let open = &tag[..tag.find('>')?];
    let pat = format!(" {name}=\"");
    let start = open.find(&pat)? + pat.len();
    Some(unescape(&open[start..start + open[start..].find('"')?]))
}

/// The text of the first element after `marker`, tags removed.
fn text_after(html: &str, marker: &str) -> String {
    let from = html.find(marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
    let rest = &html[from..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let end = rest.find("</p>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

/// Each example on a page: (id, opening tag and body up to the next example).
fn examples_on(html: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<div class=\"example\" id=\"example-") {
        rest = &rest[i..];
        let end = rest[1..].find("<div class=\"example\" ").map_or(rest.len(), |j| j + 1);
        let chunk = &rest[..end];
        out.push((attr(chunk, "id").unwrap().trim_start_matches("example-").to_string(), chunk));
        rest = &rest[end..];
    }
    out
}

/// A value from `data-call` (the inverse of `value_json`).
fn decode(v: &Value) -> JsValue {
    match v["type"].as_str().unwrap() {
        "undefined" => JsValue::Undefined,
        "null" => JsValue::Null,
        "boolean" => JsValue::Bool(v["value"].as_bool().unwrap()),
        "number" => JsValue::Number(string_to_number(&JsString::from(v["value"].as_str().unwrap()))),
        "string" => JsValue::String(JsString(
            v["units"].as_array().unwrap().iter().map(|u| u.as_u64().unwrap() as u16).collect(),
        )),
        other => panic!("unknown value type {other}"),
    }
}

/// What the rules say the call a page carries does, recomputed from the page's data.
fn recompute(call: &Value, bounds: &CloseBounds) -> Value {
    match call["kind"].as_str().unwrap() {
        "close" => {
            let args: Vec<JsValue> = call["args"].as_array().unwrap().iter().map(decode).collect();
            serde_json::to_value(rules::close(&args, bounds)).unwrap()
        }
        "CloseEvent" => {
            let init: Option<Vec<(String, JsValue)>> = call["init"]
                .as_array()
                .map(|members| members.iter().map(|m| (m[0].as_str().unwrap().to_string(), decode(&m[1]))).collect());
            let props = rules::close_event(&decode(&call["type"]), init.as_deref()).unwrap();
            json!({"result": "CloseEvent", "props": props})
        }
        other => panic!("unknown call kind {other}"),
    }
}

fn registry_bounds(root: &Path) -> CloseBounds {
    let text = fs::read_to_string(root.join("content/data/close-codes.yaml")).unwrap();
    let (registry, _) = CloseCodeRegistry::parse(&Source::new("content/data/close-codes.yaml", text));
    examples::bounds(&registry.expect("the registry parses"))
}

fn example_set(root: &Path) -> ExampleSet {
    let text = fs::read_to_string(root.join(examples::PATH)).unwrap();
    let (set, diags) = ExampleSet::parse(&Source::new(examples::PATH, text), &registry_bounds(root));
    set.unwrap_or_else(|| panic!("{diags:#?}"))
}

/// The outcome label a reader sees, per locale.
fn label(locale: &str, result: &str) -> String {
    let standard = if locale == "es" { "Estándar" } else { "Standard" };
    let closes = match locale {
        "es" => "cierra",
        "de" => "schließt",
        _ => "closes",
    };
    format!("{standard}: {}", if result == "Closes" { closes } else { result })
}

#[test]
fn every_example_shows_its_outcome_computed_by_the_rules_in_every_locale() {
    let (dir, files) = build_copy(|_| {});
    let set = example_set(dir.path());
    let bounds = registry_bounds(dir.path());
    for locale in LOCALES {
        for (dir_name, which) in [(CLOSE, Page::Close), (EVENT, Page::CloseEvent)] {
            let html = page(&files, locale, dir_name);
            let shown = examples_on(html);
            let want: Vec<&str> = set.for_page(which).map(|e| e.id.as_str()).collect();
            let ids: Vec<&str> = shown.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(ids, want, "{locale}/{dir_name}: every example of the page, in file order");
            for (id, chunk) in &shown {
                let call: Value = serde_json::from_str(&attr(chunk, "data-call").unwrap()).unwrap();
                let standard: Value = serde_json::from_str(&attr(chunk, "data-standard").unwrap()).unwrap();
                assert_eq!(standard, recompute(&call, &bounds), "{locale}/{dir_name}#{id}");
                let result = standard["result"].as_str().unwrap();
                assert_eq!(
                    text_after(chunk, "<p class=\"standard-outcome\""),
                    label(locale, result),
                    "{locale}/{dir_name}#{id}"
                );
                assert!(chunk.contains("<p class=\"example-actions\" hidden>"), "Run hidden until the script runs");
                assert!(!text_after(chunk, "<p class=\"example-caption\"").is_empty(), "{locale}#{id} caption");
            }
        }
    }
    // The German close() page says why 62 × "é" fails, with the byte counts.
    let de = page(&files, "de", CLOSE);
    let (_, chunk) = examples_on(de).into_iter().find(|(id, _)| id == "reason-62-e-acute").unwrap();
    assert!(chunk.contains("Der Grund ist in UTF-8 124 Bytes lang, mehr als die erlaubten 123."), "{chunk}");
}

#[test]
fn the_examples_cover_the_cases_the_standard_distinguishes() {
    let set = example_set(project());
    let close_calls: Vec<&Vec<JsValue>> = set
        .examples
        .iter()
        .filter_map(|e| match &e.call {
            Call::Close(args) => Some(args),
            Call::CloseEvent { .. } => None,
        })
        .collect();
    let num = JsValue::Number;
    let s = |t: &str| JsValue::String(JsString::from(t));
    let has = |want: &[JsValue]| close_calls.iter().any(|args| args.as_slice() == want);
    let code_only = |c: f64| has(&[num(c)]);
    assert!(has(&[]), "no arguments");
    for c in [1000.0, 1001.0, 2999.0, 3000.0, 4999.0, 5000.0] {
        assert!(code_only(c), "code {c}");
    }
    assert!(close_calls.iter().any(|a| a.len() == 2 && a[0] == num(1000.0)), "1000 with a reason");
    assert!(close_calls.iter().any(|a| matches!(a.first(), Some(JsValue::Number(x)) if x.fract() != 0.0)), "fraction");
    assert!(close_calls.iter().any(|a| a.len() == 2 && a[0] == JsValue::Undefined), "undefined code with a reason");
    assert!(has(&[num(1000.0), s(&"a".repeat(123))]), "123 ASCII bytes");
    assert!(has(&[num(1000.0), s(&"a".repeat(124))]), "124 ASCII bytes");
    assert!(has(&[num(1000.0), s(&"é".repeat(62))]), "62 × é");
    let reason_bytes = |a: &Vec<JsValue>| match a.get(1) {
        Some(JsValue::String(r)) => Some((utf8_len_of_usv(r), r.to_usv_string())),
        _ => None,
    };
    assert!(
        close_calls
            .iter()
            .filter_map(|a| reason_bytes(a))
            .any(|(n, r)| n == 123 && r.chars().any(|c| c.len_utf8() == 4)),
        "an emoji reason at the limit"
    );
    assert!(
        close_calls.iter().any(|a| matches!(a.get(1), Some(JsValue::String(r)) if r.0 == [0xD800])),
        "a lone surrogate"
    );
    let events: Vec<_> = set
        .examples
        .iter()
        .filter_map(|e| match &e.call {
            Call::CloseEvent { init, .. } => Some(init.is_some()),
            Call::Close(_) => None,
        })
        .collect();
    assert!(events.contains(&true) && events.contains(&false), "CloseEvent with and without an init dictionary");
}

#[test]
fn changing_a_bound_changes_every_prediction_in_every_locale() {
    let (_dir, files) = build_copy(|root| {
        // The claims in the file would now contradict the rules (the next test): drop them.
        edit_file(root, examples::PATH, |yaml| {
            yaml.lines().filter(|l| !l.trim_start().starts_with("expect:")).collect::<Vec<_>>().join("\n")
        });
        edit_file(root, "content/data/close-codes.yaml", |yaml| {
            let yaml = yaml.replace("max_reason_bytes: 123", "max_reason_bytes: 100");
            let at = yaml.find("  - code: 1001").unwrap();
            let script = at + yaml[at..].find("script: false").unwrap();
            format!("{}script: true{}", &yaml[..script], &yaml[script + "script: false".len()..])
        });
    });
    for locale in LOCALES {
        let html = page(&files, locale, CLOSE);
        let section = &html[html.find("<section class=\"runnable\"").unwrap()..];
        let bounds: Value = serde_json::from_str(&attr(section, "data-bounds").unwrap()).unwrap();
        assert_eq!(
            bounds,
            json!({"scriptCodes": [[1000, 1001], [3000, 4999]], "maxReasonBytes": 100, "codesText": "1000–1001, 3000–4999"})
        );
        let result = |id: &str| {
            let (_, chunk) = examples_on(html).into_iter().find(|(i, _)| i == id).unwrap();
            let standard: Value = serde_json::from_str(&attr(chunk, "data-standard").unwrap()).unwrap();
            (standard["result"].as_str().unwrap().to_string(), text_after(chunk, "<p class=\"standard-outcome\""))
        };
        assert_eq!(result("code-1001"), ("Closes".into(), label(locale, "Closes")), "{locale}");
        assert_eq!(result("reason-123-ascii").0, "SyntaxError", "{locale}");
        assert_eq!(result("reason-emoji").0, "SyntaxError", "{locale}");
        assert_eq!(result("code-1000-reason").0, "Closes", "{locale}");
        assert!(html.contains("1000–1001, 3000–4999"), "{locale}: the invalid-code explanations name the new codes");
        assert!(text_after(html, "<output id=\"try-bytes\"").starts_with("0/100"), "{locale}: the form counts to 100");
    }
}

#[test]
fn a_claim_the_rules_contradict_fails_the_build_at_its_line() {
    let (dir, diags) = check_copy(|root| {
        edit_file(root, examples::PATH, |yaml| {
            let at = yaml.find("  - id: code-1001\n").unwrap();
            let claim = at + yaml[at..].find("expect: InvalidAccessError").unwrap();
            format!("{}expect: closes{}", &yaml[..claim], &yaml[claim + "expect: InvalidAccessError".len()..])
        });
    });
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!(d.code, "example-contradicts");
    let loc = d.location.as_ref().unwrap();
    assert_eq!(loc.path, "content/data/close-examples.yaml");
    let yaml = fs::read_to_string(dir.path().join(examples::PATH)).unwrap();
    assert_eq!(yaml.lines().nth(loc.line - 1).unwrap().trim(), "expect: closes");
    assert_eq!(loc.col, 5);
    let text = d.render();
    assert!(
        text.contains("it says `closes`; by the rules it throws InvalidAccessError (the code becomes 1001"),
        "{text}"
    );
    assert!(text.contains("hint:"), "{text}");
}

#[test]
fn a_bound_changed_under_the_claims_fails_the_build_at_each_claim() {
    let (dir, diags) = check_copy(|root| {
        edit_file(root, "content/data/close-codes.yaml", |y| {
            y.replace("max_reason_bytes: 123", "max_reason_bytes: 100")
        });
    });
    let yaml = fs::read_to_string(dir.path().join(examples::PATH)).unwrap();
    let lines: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "example-contradicts")
        .map(|d| yaml.lines().nth(d.location.as_ref().unwrap().line - 1).unwrap().trim())
        .collect();
    assert_eq!(
        lines,
        ["expect: { result: closes, reason_bytes: 123 }", "expect: { result: closes, code: 4000, reason_bytes: 123 }"]
    );
}

#[test]
fn an_example_without_a_caption_fails_the_build_at_the_example() {
    let (dir, diags) = check_copy(|root| {
        for l in LOCALES {
            edit_file(root, &format!("i18n/{l}/examples.ftl"), |ftl| {
                ftl.lines().filter(|line| !line.starts_with("example-code-5000 =")).collect::<Vec<_>>().join("\n")
            });
        }
    });
    let d = diags.iter().find(|d| d.code == "example-caption").expect("reported");
    let yaml = fs::read_to_string(dir.path().join(examples::PATH)).unwrap();
    assert_eq!(yaml.lines().nth(d.location.as_ref().unwrap().line - 1).unwrap().trim(), "- id: code-5000");
    assert!(d.hint.as_deref().unwrap().contains("i18n/en/examples.ftl"));
}

#[test]
fn pages_load_only_our_own_script_and_connect_only_to_the_reserved_socket() {
    let (_dir, files) = build_copy(|_| {});
    let origin = SOCKET_URL.trim_end_matches('/');
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // No inline script and no event-handler attributes: the CSP allows only script files.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(tag.contains(" src=\"") && html[i..].starts_with(&format!("{tag}></script>")), "{path}: {tag}");
        }
        assert!(!html.contains(" onclick=") && !html.contains(" onload="), "{path}");
        let csp = attr(&html[html.find("<meta http-equiv=\"Content-Security-Policy\"").unwrap()..], "content").unwrap();
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
        assert!(csp.contains(&format!("connect-src 'self' {origin};")), "{path}: {csp}");
    }
    for locale in LOCALES {
        for dir in [CLOSE, EVENT] {
            let html = page(&files, locale, dir);
            // examples.js, and lang.js which every page loads (the reader's language choice).
            assert_eq!(html.matches("<script ").count(), 2, "{locale}/{dir}");
            let root = "../".repeat(dir.split('/').count() + 1);
            assert!(html.contains(&format!("<script src=\"{root}assets/lang.js\" defer></script>")), "{locale}/{dir}");
            assert!(
                html.contains(&format!("<script src=\"{root}assets/examples.js\" defer></script>")),
                "{locale}/{dir}"
            );
            assert!(html.contains(&format!("data-socket-url=\"{SOCKET_URL}\"")), "{locale}/{dir}");
            assert!(
                html.contains(&format!("href=\"#{}\"", examples_html::SECTION_ID)),
                "{locale}/{dir}: in the table of contents"
            );
        }
        let home = &files[&format!("{locale}/index.html")];
        assert_eq!(home.matches("<script ").count(), 1, "{locale} home: lang.js only");
        assert!(home.contains("<script src=\"../assets/lang.js\" defer></script>"), "{locale} home: lang.js only");
    }
    assert!(files.contains_key("assets/examples.js"));
}

#[test]
fn no_bound_is_written_in_the_script_or_the_templates() {
    // The bounds live in content/data/close-codes.yaml only; the page gets them as data.
    let mut checked = 0;
    for rel in ["templates/assets/examples.js", "templates/base.html", "templates/page.html"] {
        let text = fs::read_to_string(project().join(rel)).unwrap();
        for bound in ["1000", "3000", "4999", "123"] {
            assert!(!text.contains(bound), "{rel} writes {bound}");
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}

// ---- The form's prediction: the script against the Rust rules ----------------------------

/// The arguments the form passes for its two fields (the contract of `formArgs` in
/// examples.js): an empty code field passes no code, otherwise the field read as a number
/// (ECMA-262 StringToNumber); an empty reason field passes no reason; a reason without a code
/// passes undefined as the code.
fn form_args(code: &str, reason: &JsString) -> Vec<JsValue> {
    let code = (!code.is_empty()).then(|| JsValue::Number(string_to_number(&JsString::from(code))));
    if reason.0.is_empty() {
        code.into_iter().collect()
    } else {
        vec![code.unwrap_or(JsValue::Undefined), JsValue::String(reason.clone())]
    }
}

/// The outcome in the shape the script's `standardClose` returns.
fn script_shape(outcome: &rules::Outcome) -> Value {
    match outcome {
        rules::Outcome::Closes { code, reason_bytes, .. } => {
            json!({"result": "Closes", "code": code, "reason_bytes": reason_bytes})
        }
        rules::Outcome::InvalidAccessError { code, .. } => json!({"result": "InvalidAccessError", "code": code}),
        rules::Outcome::SyntaxError { reason_bytes, .. } => {
            json!({"result": "SyntaxError", "reason_bytes": reason_bytes})
        }
    }
}

fn prediction_cases() -> String {
    let bound_sets =
        [registry_bounds(project()), CloseBounds { script_codes: vec![1000..=1000, 4000..=4010], max_reason_bytes: 4 }];
    let codes = [
        "",
        "1000",
        "1000.5",
        "999.5",
        "999.4",
        "2999.4",
        "2999.5",
        "2999.6",
        "3000",
        "3000.5",
        "4999",
        "4999.49",
        "4999.5",
        "5000",
        "1001",
        "0",
        "-0",
        "-1",
        "-0.5",
        "65535",
        "65535.5",
        "65536",
        "66536",
        "1e3",
        "3e3",
        "3E+3",
        "0x3E8",
        "0X3e8",
        "0o1750",
        "0b1111101000",
        " 1000 ",
        "\t3000\n",
        "\u{a0}4000\u{feff}",
        "abc",
        "NaN",
        "Infinity",
        "-Infinity",
        "+4000",
        ".5",
        "5.",
        "1_000",
        "0x",
        "1e",
        "00012",
        "1000e0",
        "4.0005e3",
        "4010",
        "4011",
        "1e400",
        "0x10000000000000800",
    ];
    let units = |s: &str| JsString::from(s);
    let reasons = [
        JsString::default(),
        units("a"),
        units("bye"),
        units("abcd"),
        units("abcde"),
        units(&"a".repeat(123)),
        units(&"a".repeat(124)),
        units(&"é".repeat(61)),
        units(&"é".repeat(62)),
        units(&format!("{}abc", "😀".repeat(30))),
        units(&format!("{}abcd", "😀".repeat(30))),
        JsString(vec![0xD800]),
        JsString(vec![0xDC00; 41]),
        JsString(vec![0xDC00; 42]),
        JsString(vec![0xDE00, 0xD83D]),
        units("\0\u{7f}\u{fffd}"),
    ];
    let mut cases = Vec::new();
    for (b, bounds) in bound_sets.iter().enumerate() {
        let mut add = |code: &str, r: usize| {
            let reason = &reasons[r];
            let args = form_args(code, reason);
            let outcome = rules::close(&args, bounds);
            let details: Vec<Value> = close_details(&args, &outcome, bounds)
                .into_iter()
                .map(|d| json!({"id": d.id, "args": d.args.into_iter().map(|(k, v)| (k.to_string(), Value::from(v))).collect::<serde_json::Map<String, Value>>()}))
                .collect();
            cases.push(json!({
                "bounds": b,
                "code": code,
                "reason": r,
                "field_bytes": utf8_len_of_usv(reason),
                "outcome": script_shape(&outcome),
                "details": details,
            }));
        };
        for code in codes {
            for r in [0, 2] {
                add(code, r);
            }
        }
        for r in 0..reasons.len() {
            for code in ["", "1000", "4000", "1001"] {
                add(code, r);
            }
        }
    }
    let bounds: Vec<String> = bound_sets.iter().map(|b| bounds_json(b).to_string()).collect();
    let reasons: Vec<String> = reasons.iter().map(|r| json!(r.0).to_string()).collect();
    let lines: Vec<String> = cases.iter().map(Value::to_string).collect();
    format!(
        "{{\n\"about\": \"Generated by tests/examples.rs from the Rust rules; tests/browser/predict.test.mjs checks the page's script against it. A case's reason is an index into reasons (UTF-16 code units). Regenerate: POLYREF_UPDATE_CASES=1 cargo test --test examples\",\n\"bounds\": [\n{}\n],\n\"reasons\": [\n{}\n],\n\"cases\": [\n{}\n]\n}}\n",
        bounds.join(",\n"),
        reasons.join(",\n"),
        lines.join(",\n")
    )
}

#[test]
fn prediction_cases_for_the_script_are_those_of_the_rules() {
    let path = project().join("tests/browser/prediction-cases.json");
    let want = prediction_cases();
    if std::env::var_os("POLYREF_UPDATE_CASES").is_some() {
        fs::write(&path, &want).unwrap();
    }
    let have = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "tests/browser/prediction-cases.json is not what the rules give now: regenerate it with \
         POLYREF_UPDATE_CASES=1 cargo test --test examples, then run the browser tests"
    );
    let parsed: Value = serde_json::from_str(&have).unwrap();
    let cases = parsed["cases"].as_array().unwrap();
    assert!(cases.len() > 200);
    for result in ["Closes", "InvalidAccessError", "SyntaxError"] {
        assert!(cases.iter().any(|c| c["outcome"]["result"] == result), "{result}");
    }
}
