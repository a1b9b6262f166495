//! Runnable-examples view: the section added to every `close()` and `CloseEvent` page, in the
//! reader's language. Each example shows its call and the outcome the rules computed, so the page
//! is complete without JavaScript; the data the page's script needs to run the call in the
//! reader's browser (arguments, the standard's outcome, the registry's bounds, the interface
//! text) travels in `data-*` attributes, never as script.
//!
//! Texts that the script also fills in (`examples-verdict`, the outcome details, the byte count)
//! are Fluent messages turned into templates with `{name}` placeholders: the build fills them the
//! same way the script does, so a page says the same thing with or without JavaScript.

use serde::Serialize;
use serde_json::json;

use crate::data::example_call::Call;
use crate::data::examples::{Example, ExampleSet, Page, Standard, codes_text};
use crate::i18n::I18n;
use crate::macros::esc;
use crate::markdown::{Section, SectionKind};
use crate::rules::{CloseBounds, JsString, JsValue, Outcome, number_to_string, to_unsigned_short};

/// The id of the section, for the table of contents.
pub const SECTION_ID: &str = "runnable-examples";

/// The socket the examples close. `.invalid` is reserved and never resolves (RFC 6761 §6.4),
/// so no example reaches a network; `wss:` works on an `https:` page. The page's
/// Content-Security-Policy (`templates/base.html`) allows connecting to it, so the socket is
/// still CONNECTING when `close()` checks its arguments.
pub const SOCKET_URL: &str = "wss://close-example.invalid/";

/// The properties of a CloseEvent, in the order of its interface.
const EVENT_PROPS: &[&str] = &["type", "wasClean", "code", "reason", "bubbles", "cancelable", "composed"];

/// The page's script, below the site root.
pub const SCRIPT: &str = "assets/examples.js";

/// Variables that messages filled in by templates may use.
const VARIABLES: &[&str] = &[
    "code", "bytes", "max", "codes", "value", "outcome", "standard", "browser", "message", "props", "same", "total",
    "differs", "url",
];

/// Messages the script needs, sent to it by their Fluent ids.
const SCRIPT_MESSAGES: &[&str] = &[
    "examples-standard",
    "examples-verdict",
    "examples-same",
    "examples-differs",
    "examples-browser-message",
    "examples-props-differ",
    "examples-summary",
    "examples-closes",
    "examples-closes-no-code",
    "examples-closes-code",
    "examples-closes-code-reason",
    "examples-closes-reason-only",
    "examples-invalid-code",
    "examples-too-long",
    "examples-code-converted",
    "examples-undefined-code",
    "examples-lone-surrogates",
    "examples-try-bytes",
];

/// Every interface message of the examples section, the form and the script (the captions are
/// `example-<id>`, one per example). `check` counts these as used.
pub const MESSAGES: &[&str] = &[
    "examples-browser-message",
    "examples-closes",
    "examples-closes-code",
    "examples-closes-code-reason",
    "examples-closes-no-code",
    "examples-closes-reason-only",
    "examples-code-converted",
    "examples-differs",
    "examples-event",
    "examples-event-code-converted",
    "examples-event-intro",
    "examples-intro",
    "examples-invalid-code",
    "examples-lone-surrogates",
    "examples-noscript",
    "examples-props-differ",
    "examples-run",
    "examples-run-all",
    "examples-same",
    "examples-socket",
    "examples-standard",
    "examples-summary",
    "examples-title",
    "examples-too-long",
    "examples-try-bytes",
    "examples-try-code",
    "examples-try-intro",
    "examples-try-reason",
    "examples-try-title",
    "examples-undefined-code",
    "examples-verdict",
];

/// Where the section goes among a page's sections: before the closing ones (specifications,
/// browser compatibility, see also), else at the end.
pub fn insertion_point(sections: &[Section]) -> usize {
    sections
        .iter()
        .position(|s| {
            matches!(
                s.kind,
                Some(SectionKind::Specifications | SectionKind::BrowserCompatibility | SectionKind::SeeAlso)
            )
        })
        .unwrap_or(sections.len())
}

/// A message as a template: its variables left as `{name}`.
pub fn template(i18n: &I18n, locale: &str, id: &str) -> String {
    let placeholders: Vec<(String, String)> = VARIABLES.iter().map(|v| (v.to_string(), format!("{{{v}}}"))).collect();
    let args: Vec<(&str, &str)> = placeholders.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    i18n.get(locale, id, &args).text
}

/// Fills `{name}` placeholders in one pass, as the script's `fill` does; unknown ones stay.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let value =
            (after[name_len..].starts_with('}')).then(|| args.iter().find(|(k, _)| *k == &after[..name_len])).flatten();
        match value {
            Some((_, v)) => {
                out.push_str(v);
                rest = &after[name_len + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line of explanation under an outcome: a message and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detail {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

fn has_lone_surrogate(s: &JsString) -> bool {
    char::decode_utf16(s.0.iter().copied()).any(|c| c.is_err())
}

/// A value as JavaScript source: numbers by `Number::toString`, strings quoted.
pub fn js_literal(v: &JsValue) -> String {
    match v {
        JsValue::Undefined => "undefined".into(),
        JsValue::Null => "null".into(),
        JsValue::Bool(b) => b.to_string(),
        JsValue::Number(x) => number_to_string(*x),
        JsValue::String(s) => js_string_literal(s),
    }
}

/// A string as a JavaScript string literal; lone surrogates, control characters and U+FFFD
/// escaped, so that what a conversion replaced stays visible.
pub fn js_string_literal(s: &JsString) -> String {
    let mut out = String::from("\"");
    for c in char::decode_utf16(s.0.iter().copied()) {
        match c {
            Ok('"') => out.push_str("\\\""),
            Ok('\\') => out.push_str("\\\\"),
            Ok(c) if c.is_control() || c == char::REPLACEMENT_CHARACTER => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            Ok(c) => out.push(c),
            Err(e) => out.push_str(&format!("\\u{:04X}", e.unpaired_surrogate())),
        }
    }
    out.push('"');
    out
}

/// The explanation of a `close()` outcome; the script's `closeDetails` gives the same for the form.
pub fn close_details(args: &[JsValue], outcome: &Outcome, bounds: &CloseBounds) -> Vec<Detail> {
    let mut out = Vec::new();
    let max = bounds.max_reason_bytes.to_string();
    let code_arg = args.first();
    match code_arg {
        Some(JsValue::Undefined) => out.push(Detail { id: "examples-undefined-code", args: vec![] }),
        Some(v) => {
            // Web IDL [Clamp] unsigned short, as close() converts it.
            let code = to_unsigned_short(v, true);
            if !matches!(v, JsValue::Number(x) if *x == f64::from(code)) {
                out.push(Detail {
                    id: "examples-code-converted",
                    args: vec![("value", js_literal(v)), ("code", code.to_string())],
                });
            }
        }
        None => {}
    }
    if let Some(JsValue::String(s)) = args.get(1)
        && has_lone_surrogate(s)
    {
        out.push(Detail { id: "examples-lone-surrogates", args: vec![] });
    }
    out.push(match outcome {
        Outcome::Closes { code: None, reason_bytes: 0, .. } if args.get(1).is_none_or(|r| *r == JsValue::Undefined) => {
            Detail { id: "examples-closes-no-code", args: vec![] }
        }
        Outcome::Closes { code: None, reason_bytes, .. } => {
            Detail { id: "examples-closes-reason-only", args: vec![("bytes", reason_bytes.to_string()), ("max", max)] }
        }
        Outcome::Closes { code: Some(c), .. } if args.get(1).is_none_or(|r| *r == JsValue::Undefined) => {
            Detail { id: "examples-closes-code", args: vec![("code", c.to_string())] }
        }
        Outcome::Closes { code: Some(c), reason_bytes, .. } => Detail {
            id: "examples-closes-code-reason",
            args: vec![("code", c.to_string()), ("bytes", reason_bytes.to_string()), ("max", max)],
        },
        Outcome::InvalidAccessError { code, .. } => Detail {
            id: "examples-invalid-code",
            args: vec![("code", code.to_string()), ("codes", codes_text(&bounds.script_codes))],
        },
        Outcome::SyntaxError { reason_bytes, .. } => {
            Detail { id: "examples-too-long", args: vec![("bytes", reason_bytes.to_string()), ("max", max)] }
        }
    });
    out
}

/// The JSON the script decodes a value from: strings as UTF-16 code units so that lone
/// surrogates survive, numbers as their JavaScript text so that NaN and ±Infinity do.
fn value_json(v: &JsValue) -> serde_json::Value {
    match v {
        JsValue::Undefined => json!({"type": "undefined"}),
        JsValue::Null => json!({"type": "null"}),
        JsValue::Bool(b) => json!({"type": "boolean", "value": b}),
        JsValue::Number(x) => json!({"type": "number", "value": number_to_string(*x)}),
        JsValue::String(s) => json!({"type": "string", "units": s.0}),
    }
}

/// The call as data for the script (`data-call`).
pub fn call_json(call: &Call) -> serde_json::Value {
    match call {
        Call::Close(args) => json!({"kind": "close", "args": args.iter().map(value_json).collect::<Vec<_>>()}),
        Call::CloseEvent { type_, init } => json!({
            "kind": "CloseEvent",
            "type": value_json(type_),
            "init": init.as_ref().map(|m| m.iter().map(|(k, v)| json!([k, value_json(v)])).collect::<Vec<_>>()),
        }),
    }
}

/// The bounds as the script reads them (`data-bounds`): the codes a script may pass as
/// `[first, last]` pairs, the longest reason, and the codes written for readers.
pub fn bounds_json(bounds: &CloseBounds) -> serde_json::Value {
    json!({
        "scriptCodes": bounds.script_codes.iter().map(|r| [*r.start(), *r.end()]).collect::<Vec<_>>(),
        "maxReasonBytes": bounds.max_reason_bytes,
        "codesText": codes_text(&bounds.script_codes),
    })
}

/// The section for `page` in `locale`, or `None` when the page has no examples.
pub fn section(set: &ExampleSet, page: Page, i18n: &I18n, locale: &str) -> Option<String> {
    let examples: Vec<&Example> = set.for_page(page).collect();
    if examples.is_empty() {
        return None;
    }
    let t = |id: &str| esc(&i18n.text(locale, id));
    let tpl = |id: &str, args: &[(&str, String)]| esc(&fill(&template(i18n, locale, id), args));
    let bounds = &set.bounds;
    let bounds_json = bounds_json(bounds).to_string();
    let messages: serde_json::Map<String, serde_json::Value> =
        SCRIPT_MESSAGES.iter().map(|id| (id.to_string(), template(i18n, locale, id).into())).collect();
    let messages = serde_json::to_string(&messages).expect("messages serialise");

    let mut html = format!(
        "<section class=\"runnable\" id=\"{SECTION_ID}\" lang=\"{lang}\" aria-labelledby=\"{SECTION_ID}-title\" \
         data-socket-url=\"{url}\" data-bounds=\"{bounds}\" data-messages=\"{messages}\">\
         <h2 id=\"{SECTION_ID}-title\">{title}</h2><p>{intro}</p><p>{subject}</p>\
         <noscript><p class=\"runnable-noscript\">{noscript}</p></noscript>\
         <p class=\"run-all-bar\" hidden><button type=\"button\" class=\"run-all\">{run_all}</button> \
         <span class=\"run-summary\" role=\"status\"></span></p>",
        lang = esc(locale),
        url = esc(SOCKET_URL),
        bounds = esc(&bounds_json),
        messages = esc(&messages),
        title = t("examples-title"),
        intro = t("examples-intro"),
        subject = match page {
            Page::Close => tpl("examples-socket", &[("url", SOCKET_URL.to_string())]),
            Page::CloseEvent => t("examples-event-intro"),
        },
        noscript = t("examples-noscript"),
        run_all = t("examples-run-all"),
    );
    for e in &examples {
        html.push_str(&example_html(e, bounds, i18n, locale));
    }
    if page == Page::Close {
        html.push_str(&form_html(bounds, i18n, locale));
    }
    html.push_str("</section>");
    Some(html)
}

/// The caption of an example: in the reader's language, else English marked as untranslated.
fn caption(e: &Example, i18n: &I18n, locale: &str) -> String {
    match i18n.lookup(locale, &e.caption_id(), &[]) {
        Some(m) if !m.fell_back(locale) => esc(&m.text),
        Some(m) => format!(
            "<span lang=\"{}\">{}</span> <span class=\"untranslated\">{}</span>",
            esc(&m.lang),
            esc(&m.text),
            esc(&i18n.text(locale, "untranslated-marker"))
        ),
        None => String::new(),
    }
}

fn example_html(e: &Example, bounds: &CloseBounds, i18n: &I18n, locale: &str) -> String {
    let tpl = |id: &str, args: &[(&str, String)]| esc(&fill(&template(i18n, locale, id), args));
    let standard_json = serde_json::to_string(&e.standard).expect("outcomes serialise");
    let (label, details) = match (&e.standard, &e.call) {
        (Standard::Close(outcome), Call::Close(args)) => {
            let label = match outcome {
                Outcome::Closes { .. } => i18n.text(locale, "examples-closes"),
                other => Standard::Close(other.clone()).result().to_string(),
            };
            let lines: Vec<String> = close_details(args, outcome, bounds)
                .into_iter()
                .map(|d| format!("<li>{}</li>", tpl(d.id, &d.args)))
                .collect();
            (label, lines.concat())
        }
        (Standard::CloseEvent { props, .. }, Call::CloseEvent { init, .. }) => {
            let value = serde_json::to_value(props).expect("event properties serialise");
            let mut lines: Vec<String> = Vec::new();
            if let Some(code) = init.as_ref().and_then(|m| m.iter().rev().find(|(k, _)| k == "code")).map(|(_, v)| v)
                && !matches!(code, JsValue::Number(x) if *x == f64::from(props.code))
            {
                lines.push(format!(
                    "<li>{}</li>",
                    tpl(
                        "examples-event-code-converted",
                        &[("value", js_literal(code)), ("code", props.code.to_string())]
                    )
                ));
            }
            if let Some(JsValue::String(s)) =
                init.as_ref().and_then(|m| m.iter().rev().find(|(k, _)| k == "reason")).map(|(_, v)| v)
                && has_lone_surrogate(s)
            {
                lines.push(format!("<li>{}</li>", tpl("examples-lone-surrogates", &[])));
            }
            let props_html: Vec<String> = EVENT_PROPS
                .iter()
                .map(|k| {
                    let shown = match &value[*k] {
                        serde_json::Value::String(text) => js_string_literal(&JsString::from(text.as_str())),
                        other => other.to_string(),
                    };
                    format!("<li><code>{k}</code>: <code>{}</code></li>", esc(&shown))
                })
                .collect();
            lines.push(format!(
                "<li>{}<ul class=\"event-props\">{}</ul></li>",
                esc(&i18n.text(locale, "examples-event")),
                props_html.concat()
            ));
            ("CloseEvent".to_string(), lines.concat())
        }
        _ => unreachable!("an example's outcome matches its call"),
    };
    format!(
        "<div class=\"example\" id=\"example-{id}\" data-call=\"{call}\" data-standard=\"{standard}\">\
         <p class=\"example-caption\">{caption}</p><pre tabindex=\"0\"><code>{source}</code></pre>\
         <div class=\"standard\"><p class=\"standard-outcome\"><strong>{label}</strong></p><ul>{details}</ul></div>\
         <p class=\"example-actions\" hidden><button type=\"button\" class=\"run\">{run}</button></p>\
         <div class=\"browser-result\" role=\"status\"></div></div>",
        id = esc(&e.id),
        call = esc(&call_json(&e.call).to_string()),
        standard = esc(&standard_json),
        caption = caption(e, i18n, locale),
        source = esc(&e.source),
        label = tpl("examples-standard", &[("outcome", label)]),
        run = esc(&i18n.text(locale, "examples-run")),
    )
}

/// The form on the close() page: a code and a reason typed by the reader, the live byte count,
/// the standard's prediction and the browser's result. Hidden until the script shows it.
fn form_html(bounds: &CloseBounds, i18n: &I18n, locale: &str) -> String {
    let t = |id: &str| esc(&i18n.text(locale, id));
    let bytes = fill(
        &template(i18n, locale, "examples-try-bytes"),
        &[("bytes", "0".into()), ("max", bounds.max_reason_bytes.to_string())],
    );
    format!(
        "<div class=\"try\" id=\"try-close\" hidden><h3 id=\"try-close-title\">{title}</h3><p>{intro}</p>\
         <p class=\"try-fields\"><label for=\"try-code\">{code}</label> \
         <input id=\"try-code\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\"> \
         <label for=\"try-reason\">{reason}</label> \
         <input id=\"try-reason\" type=\"text\" autocomplete=\"off\" spellcheck=\"false\"> \
         <output id=\"try-bytes\" for=\"try-reason\">{bytes}</output></p>\
         <pre tabindex=\"0\"><code id=\"try-call\">socket.close()</code></pre>\
         <div class=\"standard\" id=\"try-standard\" aria-live=\"polite\"></div>\
         <p><button type=\"button\" class=\"run\" id=\"try-run\">{run}</button></p>\
         <div class=\"browser-result\" id=\"try-result\" role=\"status\"></div></div>",
        title = t("examples-try-title"),
        intro = t("examples-try-intro"),
        code = t("examples-try-code"),
        reason = t("examples-try-reason"),
        bytes = esc(&bytes),
        run = t("examples-run"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::close;

    fn ids(args: &[JsValue]) -> Vec<&'static str> {
        let outcome = close(args, &CloseBounds::default());
        close_details(args, &outcome, &CloseBounds::default()).into_iter().map(|d| d.id).collect()
    }

    #[test]
    fn details_explain_conversions_and_the_check_that_decided() {
        let n = JsValue::Number;
        let s = |t: &str| JsValue::String(JsString::from(t));
        assert_eq!(ids(&[]), ["examples-closes-no-code"]);
        assert_eq!(ids(&[n(1000.0)]), ["examples-closes-code"]);
        assert_eq!(ids(&[n(1000.0), s("x")]), ["examples-closes-code-reason"]);
        assert_eq!(ids(&[n(2999.5)]), ["examples-code-converted", "examples-closes-code"]);
        assert_eq!(ids(&[s("1000")]), ["examples-code-converted", "examples-closes-code"]);
        assert_eq!(ids(&[n(1001.0)]), ["examples-invalid-code"]);
        assert_eq!(ids(&[JsValue::Undefined, s("bye")]), ["examples-undefined-code", "examples-closes-reason-only"]);
        assert_eq!(
            ids(&[n(1000.0), JsValue::String(JsString(vec![0xD800]))]),
            ["examples-lone-surrogates", "examples-closes-code-reason"]
        );
        assert_eq!(ids(&[n(1000.0), s(&"a".repeat(124))]), ["examples-too-long"]);
    }

    #[test]
    fn literals_escape_what_a_page_cannot_show() {
        assert_eq!(js_string_literal(&JsString(vec![0x61, 0xD800, 0x22, 0x0A])), r#""a\uD800\"\u000A""#);
        assert_eq!(js_literal(&JsValue::Number(2999.5)), "2999.5");
        assert_eq!(fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]), "1 and 2");
        assert_eq!(fill("{a} {c} {", &[("a", "{b}".into()), ("b", "x".into())]), "{b} {c} {");
    }

    #[test]
    fn values_travel_as_data_that_keeps_lone_surrogates_and_nan() {
        let call = Call::Close(vec![JsValue::Number(f64::NAN), JsValue::String(JsString(vec![0xD800]))]);
        assert_eq!(
            call_json(&call),
            json!({"kind": "close", "args": [{"type": "number", "value": "NaN"}, {"type": "string", "units": [0xD800]}]})
        );
    }

    /// Every message id this module names is in MESSAGES, so `check` never calls it unused.
    #[test]
    fn messages_lists_every_id_the_module_uses() {
        let text = include_str!("examples_html.rs");
        let mut rest = text;
        while let Some(i) = rest.find("\"examples-") {
            let id = &rest[i + 1..];
            let id = &id[..id.find('"').unwrap()];
            // (The search pattern itself, above, ends in `-`.)
            assert!(id.ends_with('-') || MESSAGES.contains(&id), "{id} is not in MESSAGES");
            rest = &rest[i + 1..];
        }
    }
}
