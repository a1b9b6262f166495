//! Runnable examples (`content/data/close-examples.yaml`): calls of `WebSocket.close()` and of
//! the `CloseEvent` constructor, shared by all locales. Each example's outcome is computed by
//! [`crate::rules`] with the bounds of the close-code registry; an `expect:` written in the file
//! is a claim that is checked against that outcome, never used as it.
//!
//! Parsing collects every problem of the file, each at the line (and for calls, the column) it
//! is about: serde_yaml reports no positions for values, so `layout.rs` finds the
//! top-level keys, the `- ` items under `examples:` and the `key: value` lines of each item in the
//! text, as for the registry.

use std::collections::BTreeSet;
use std::ops::{Range, RangeInclusive};

use serde::Serialize;

use crate::data::close_codes::CloseCodeRegistry;
use crate::data::example_call::{Call, parse_call};
use crate::data::layout::{self, Field, Item, Layout, kind};
use crate::diag::{Diagnostic, Location, Source};
use crate::front_matter::YamlValue;
use crate::i18n::I18n;
use crate::rules::{self, CloseBounds, CloseEventProps, Outcome};

/// Path of the examples file, relative to the project root.
pub const PATH: &str = "content/data/close-examples.yaml";

const TOP_FIELDS: &[&str] = &["examples"];
const FIELDS: &[&str] = &["id", "call", "expect"];
const CLOSE_EXPECT_FIELDS: &[&str] = &["result", "code", "reason_bytes"];
const EVENT_PROPS: &[&str] = &["type", "wasClean", "code", "reason", "bubbles", "cancelable", "composed"];

/// The bounds of the `close()` rules, from the registry: the codes a script may pass and the
/// longest reason. This is the only way the rules get them in a build.
pub fn bounds(registry: &CloseCodeRegistry) -> CloseBounds {
    CloseBounds { script_codes: registry.script_codes(), max_reason_bytes: registry.max_reason_bytes }
}

/// `1000, 3000–4999`: inclusive ranges as a reader writes them.
pub fn codes_text(ranges: &[RangeInclusive<u16>]) -> String {
    ranges
        .iter()
        .map(|r| if r.start() == r.end() { r.start().to_string() } else { format!("{}–{}", r.start(), r.end()) })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which page an example belongs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Page {
    /// The `WebSocket.close()` page.
    Close,
    /// The `CloseEvent` page.
    CloseEvent,
}

/// What the standard says an example does, computed by the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Standard {
    Close(Outcome),
    CloseEvent { result: EventResult, props: CloseEventProps },
}

/// The tag of a constructed event in JSON: `{"result": "CloseEvent", "props": {…}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventResult {
    CloseEvent,
}

impl Standard {
    /// `Closes`, `InvalidAccessError`, `SyntaxError` or `CloseEvent`.
    pub fn result(&self) -> &'static str {
        match self {
            Standard::Close(Outcome::Closes { .. }) => "Closes",
            Standard::Close(Outcome::InvalidAccessError { .. }) => "InvalidAccessError",
            Standard::Close(Outcome::SyntaxError { .. }) => "SyntaxError",
            Standard::CloseEvent { .. } => "CloseEvent",
        }
    }

    /// What the call does, as a verb phrase for diagnostics (English, like every diagnostic):
    /// "closes (…)", "throws InvalidAccessError (…)", "makes a CloseEvent with …".
    pub fn describe(&self, bounds: &CloseBounds) -> String {
        match self {
            Standard::Close(Outcome::Closes { code, reason_bytes, .. }) => match code {
                Some(c) => format!("closes (code {c}, a reason of {reason_bytes} bytes)"),
                None => format!("closes (no code, a reason of {reason_bytes} bytes)"),
            },
            Standard::Close(Outcome::InvalidAccessError { code, .. }) => format!(
                "throws InvalidAccessError (the code becomes {code}, and a script may pass only {})",
                codes_text(&bounds.script_codes)
            ),
            Standard::Close(Outcome::SyntaxError { reason_bytes, .. }) => format!(
                "throws SyntaxError (the reason is {reason_bytes} bytes of UTF-8, more than {})",
                bounds.max_reason_bytes
            ),
            Standard::CloseEvent { props, .. } => {
                format!("makes a CloseEvent with {}", serde_json::to_string(props).expect("event properties serialise"))
            }
        }
    }
}

/// One runnable example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Stable id: the anchor `example-<id>` and the Fluent message `example-<id>` of its caption.
    pub id: String,
    /// The call as written in the file, shown on the page.
    pub source: String,
    pub call: Call,
    pub standard: Standard,
    /// 1-based line of the example in the file.
    pub line: usize,
}

impl Example {
    pub fn page(&self) -> Page {
        match self.call {
            Call::Close(_) => Page::Close,
            Call::CloseEvent { .. } => Page::CloseEvent,
        }
    }

    /// The Fluent message of the caption.
    pub fn caption_id(&self) -> String {
        format!("example-{}", self.id)
    }
}

/// Every example of the file, in file order, with the bounds their outcomes were computed with.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleSet {
    pub examples: Vec<Example>,
    pub bounds: CloseBounds,
}

impl ExampleSet {
    /// Parses the file and computes each example's outcome with `bounds`. Returns the set when
    /// there is no error, and every problem found.
    pub fn parse(source: &Source, bounds: &CloseBounds) -> (Option<ExampleSet>, Vec<Diagnostic>) {
        let mut p = Parser { source, layout: Layout::scan(&source.text, "examples"), bounds, diags: Vec::new() };
        let examples = p.examples();
        let failed = p.diags.iter().any(Diagnostic::is_error);
        let set = examples.filter(|_| !failed).map(|examples| ExampleSet { examples, bounds: bounds.clone() });
        (set, p.diags)
    }

    /// Parses the examples file with the registry's bounds (an error without a registry), and
    /// reports each example whose caption the default locale lacks, at the example's line.
    pub fn load(
        source: &Source,
        registry: Option<&CloseCodeRegistry>,
        i18n: &I18n,
        default: &str,
    ) -> (Option<ExampleSet>, Vec<Diagnostic>) {
        let Some(registry) = registry else {
            let d = Diagnostic::error("examples-registry", "the runnable examples need the close-code registry")
                .at(Location::file(source.path.clone()))
                .hint("the outcomes are computed with the bounds of content/data/close-codes.yaml: restore that file");
            return (None, vec![d]);
        };
        let (set, mut diags) = ExampleSet::parse(source, &bounds(registry));
        for e in set.iter().flat_map(|s| &s.examples) {
            if i18n.lookup(default, &e.caption_id(), &[]).is_none() {
                diags.push(
                    Diagnostic::error(
                        "example-caption",
                        format!("the caption `{}` of this example is defined nowhere", e.caption_id()),
                    )
                    .at(source.line(e.line))
                    .hint(format!("add `{} = …` to i18n/{default}/examples.ftl", e.caption_id())),
                );
            }
        }
        let failed = diags.iter().any(Diagnostic::is_error);
        (set.filter(|_| !failed), diags)
    }

    /// The examples shown on `page`, in file order.
    pub fn for_page(&self, page: Page) -> impl Iterator<Item = &Example> {
        self.examples.iter().filter(move |e| e.page() == page)
    }
}

/// Computes what the standard says `call` does.
pub fn standard_of(call: &Call, bounds: &CloseBounds) -> Standard {
    match call {
        Call::Close(args) => Standard::Close(rules::close(args, bounds)),
        Call::CloseEvent { type_, init } => {
            // With the values a Call holds (no objects) the constructor cannot throw.
            let props = rules::close_event(type_, init.as_deref()).expect("primitive values convert without error");
            Standard::CloseEvent { result: EventResult::CloseEvent, props }
        }
    }
}

/// Where the parsed string `parsed` of a scalar written as `raw` starts in the text, when each
/// character of it stands at its own place there (a plain scalar, or a quoted one without
/// escapes); `None` otherwise.
fn value_offset(raw: &str, parsed: &str) -> Option<usize> {
    let raw = raw.trim_end();
    for q in ['\'', '"'] {
        if let Some(inner) = raw.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return (inner == parsed).then_some(1);
        }
    }
    raw.starts_with(parsed).then_some(0)
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

struct Parser<'s> {
    source: &'s Source,
    layout: Layout,
    bounds: &'s CloseBounds,
    diags: Vec<Diagnostic>,
}

/// The examples file, for the messages about its whole.
const EXAMPLES_FILE: layout::DataFile = layout::DataFile {
    what: "the examples file",
    code: "examples-yaml",
    yaml_hint: "check the indentation and the quoting near this point; put a call that contains `: ` or ` #` in \
                single quotes: call: 'new CloseEvent(\"close\", { code: 1000 })'",
    expected: "expected `examples:`",
    shape_hint: TOP_HINT,
};

const TOP_HINT: &str = "the file has one top-level key, `examples:`, followed by the list of examples";

const HINT_FORMAT: &str = "each example is `- id: …`, `call: …` and optionally `expect: …`; see the comments at \
                           the top of content/data/close-examples.yaml";

impl Parser<'_> {
    fn at(&self, range: Range<usize>) -> Location {
        self.source.at(range)
    }

    fn error(&mut self, code: &'static str, at: Range<usize>, message: String, label: &str, hint: impl Into<String>) {
        let d = Diagnostic::error(code, message).at(self.at(at)).label(label).hint(hint);
        self.diags.push(d);
    }

    fn examples(&mut self) -> Option<Vec<Example>> {
        let top = match layout::parse_mapping(self.source, &EXAMPLES_FILE) {
            Ok(top) => top,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        for key in top.keys() {
            let name = layout::key_name(key);
            if !TOP_FIELDS.contains(&name.as_str()) {
                let at = self.layout.top_key(&name).unwrap_or(0..0);
                self.error(
                    "examples-field",
                    at,
                    format!("`{name}` is not a field of the examples file"),
                    "unknown field",
                    TOP_HINT,
                );
            }
        }
        let list_at = self.layout.top_key("examples").unwrap_or(0..0);
        let Some(list) = top.get("examples").and_then(YamlValue::as_sequence) else {
            self.error(
                "examples-field",
                list_at,
                "the examples file has no list `examples:`".into(),
                "expected a list of examples",
                HINT_FORMAT,
            );
            return None;
        };
        let located = self.layout.items.len() == list.len();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for (i, value) in list.iter().enumerate() {
            let item = if located { Some(self.layout.items[i].clone()) } else { None };
            if let Some(e) = self.example(value, item.as_ref(), &list_at, &mut seen) {
                out.push(e);
            }
        }
        Some(out)
    }

    fn example(
        &mut self,
        value: &YamlValue,
        item: Option<&Item>,
        list_at: &Range<usize>,
        seen: &mut BTreeSet<String>,
    ) -> Option<Example> {
        let item_at = item.map_or(list_at.clone(), |i| i.dash_line.clone());
        let field_at = |key: &str| -> Option<Field> { item?.field(key).cloned() };
        let Some(map) = value.as_mapping() else {
            self.error(
                "examples-field",
                item_at,
                "this example is not a mapping".into(),
                "expected `id:` and `call:`",
                HINT_FORMAT,
            );
            return None;
        };
        for key in map.keys() {
            let name = layout::key_name(key);
            if !FIELDS.contains(&name.as_str()) {
                let at = field_at(&name).map_or(item_at.clone(), |f| f.line);
                self.error(
                    "examples-field",
                    at,
                    format!("`{name}` is not a field of an example"),
                    "unknown field",
                    format!("an example has the fields {}", FIELDS.join(", ")),
                );
            }
        }
        let line_of = |r: &Range<usize>| crate::diag::line_col(&self.source.text, r.start).0;

        // id
        let id = match map.get("id").map(|v| (v.as_str(), v)) {
            Some((Some(id), _)) if is_valid_id(id) => {
                if !seen.insert(id.to_string()) {
                    let at = field_at("id").map_or(item_at.clone(), |f| f.value);
                    self.error(
                        "example-id",
                        at,
                        format!("the id `{id}` is used by another example"),
                        "used twice",
                        "each example needs its own id: it names the anchor on the page and the caption's message",
                    );
                }
                Some(id.to_string())
            }
            other => {
                let at = field_at("id").map_or(item_at.clone(), |f| f.value);
                let what = match other {
                    None => "this example has no `id`".to_string(),
                    Some((Some(id), _)) => format!("`{id}` is not a valid example id"),
                    Some((None, v)) => format!("the id must be text, not {}", kind(v)),
                };
                self.error(
                    "example-id",
                    at,
                    what,
                    "expected an id such as `code-1001`",
                    "an id is lowercase letters, digits and single hyphens, e.g. `reason-124-bytes`",
                );
                None
            }
        };

        // call
        let call_field = field_at("call");
        let call = match map.get("call") {
            Some(YamlValue::String(text)) => {
                let text = text.trim().to_string();
                match parse_call(&text) {
                    Ok(call) => Some((text, call)),
                    Err(e) => {
                        let at = match &call_field {
                            Some(f) => {
                                let raw = &self.source.text[f.value.clone()];
                                let leading = map["call"].as_str().map_or(0, |s| s.len() - s.trim_start().len());
                                match value_offset(raw, map["call"].as_str().unwrap_or_default()) {
                                    Some(o) => {
                                        let base = f.value.start + o + leading;
                                        base + e.at.start..base + e.at.end.max(e.at.start + 1)
                                    }
                                    None => f.value.clone(),
                                }
                            }
                            None => item_at.clone(),
                        };
                        self.error(
                            "example-call",
                            at,
                            format!("this example call cannot be read: {}", e.message),
                            "here",
                            "write the call as in JavaScript: `socket.close(1000, \"bye\")` or \
                             `new CloseEvent(\"close\", { code: 1000 })`, with numbers, strings, undefined, \
                             null, true, false, `+` and \"…\".repeat(n)",
                        );
                        None
                    }
                }
            }
            other => {
                let at = call_field.map_or(item_at.clone(), |f| f.line);
                let what = match other {
                    None => "this example has no `call`".to_string(),
                    Some(v) => format!("the call must be text, not {}", kind(v)),
                };
                self.error("example-call", at, what, "expected a call", HINT_FORMAT);
                None
            }
        };

        let (id, (source, call)) = (id?, call?);
        let standard = standard_of(&call, self.bounds);
        if let Some(expect) = map.get("expect") {
            let at = field_at("expect").map_or(item_at.clone(), |f| f.line);
            self.check_expect(expect, &standard, at);
        }
        Some(Example { id, source, call, standard, line: line_of(&item_at) })
    }

    /// Checks the claim `expect` against the computed outcome.
    fn check_expect(&mut self, expect: &YamlValue, standard: &Standard, at: Range<usize>) {
        let computed = standard.describe(self.bounds);
        let hint = "the outcome is computed from the rules of the WHATWG WebSockets Standard with the bounds in \
                    content/data/close-codes.yaml; correct or remove `expect:`, or change the call if it is \
                    not the one you meant";
        let mut contradictions = Vec::new();
        match standard {
            Standard::Close(outcome) => {
                let (result, fields) = match expect {
                    YamlValue::String(s) => (Some(s.as_str()), None),
                    YamlValue::Mapping(m) => (m.get("result").and_then(YamlValue::as_str), Some(m)),
                    other => {
                        return self
                            .bad_expect(at, format!("`expect:` must be text or a mapping, not {}", kind(other)));
                    }
                };
                if let Some(m) = fields {
                    for key in m.keys() {
                        let name = key.as_str().unwrap_or_default();
                        if !CLOSE_EXPECT_FIELDS.contains(&name) {
                            return self.bad_expect(
                                at,
                                format!(
                                    "`{name}` is not a field of a close() outcome; use {}",
                                    CLOSE_EXPECT_FIELDS.join(", ")
                                ),
                            );
                        }
                    }
                }
                let Some(result) = result else {
                    return self.bad_expect(at, "`expect:` of a close() call needs its `result`".into());
                };
                let said = match result.to_ascii_lowercase().as_str() {
                    "closes" => "Closes",
                    "invalidaccesserror" => "InvalidAccessError",
                    "syntaxerror" => "SyntaxError",
                    _ => {
                        return self.bad_expect(
                            at,
                            format!(
                                "`{result}` is not an outcome of close(): use closes, InvalidAccessError or SyntaxError"
                            ),
                        );
                    }
                };
                if said != standard.result() {
                    contradictions.push(format!("it says `{result}`"));
                }
                if let Some(m) = fields {
                    let (code, bytes) = match outcome {
                        Outcome::Closes { code, reason_bytes, .. } => (*code, Some(*reason_bytes)),
                        Outcome::InvalidAccessError { code, .. } => (Some(*code), None),
                        Outcome::SyntaxError { reason_bytes, .. } => (None, Some(*reason_bytes)),
                    };
                    if let Some(v) = m.get("code") {
                        let want = if v.is_null() { Some(None) } else { v.as_u64().map(Some) };
                        match want {
                            Some(w) if w == code.map(u64::from) => {}
                            Some(_) => contradictions.push(format!("it says the code is {}", yaml_text(v))),
                            None => return self.bad_expect(at, "`code:` must be a whole number or null".into()),
                        }
                    }
                    if let Some(v) = m.get("reason_bytes") {
                        match v.as_u64() {
                            Some(w) if Some(w as usize) == bytes => {}
                            Some(w) => contradictions.push(format!("it says the reason is {w} bytes")),
                            None => return self.bad_expect(at, "`reason_bytes:` must be a whole number".into()),
                        }
                    }
                }
            }
            Standard::CloseEvent { props, .. } => {
                let Some(m) = expect.as_mapping() else {
                    return self.bad_expect(
                        at,
                        "`expect:` of a CloseEvent lists its properties, e.g. `expect: { code: 1000, wasClean: false }`"
                            .into(),
                    );
                };
                let actual = serde_json::to_value(props).expect("event properties serialise");
                for (key, v) in m {
                    let name = key.as_str().unwrap_or_default();
                    if !EVENT_PROPS.contains(&name) {
                        return self.bad_expect(
                            at,
                            format!("`{name}` is not a property of a CloseEvent; use {}", EVENT_PROPS.join(", ")),
                        );
                    }
                    let said = match serde_json::to_value(v) {
                        Ok(j) => j,
                        Err(_) => return self.bad_expect(at, format!("`{name}:` must be a plain value")),
                    };
                    let same = match (&said, &actual[name]) {
                        (serde_json::Value::Number(a), serde_json::Value::Number(b)) => a.as_f64() == b.as_f64(),
                        (a, b) => a == b,
                    };
                    if !same {
                        contradictions.push(format!("it says `{name}` is {said}, the rules give {}", actual[name]));
                    }
                }
            }
        }
        if !contradictions.is_empty() {
            self.error(
                "example-contradicts",
                at,
                format!(
                    "this example's `expect:` contradicts the standard: {}; by the rules it {computed}",
                    contradictions.join("; ")
                ),
                "contradicted by the rules",
                hint,
            );
        }
    }

    fn bad_expect(&mut self, at: Range<usize>, message: String) {
        self.error(
            "example-expect",
            at,
            message,
            "cannot be read",
            "for close(): `expect: closes`, `expect: InvalidAccessError`, `expect: SyntaxError`, or \
             `expect: { result: closes, code: 1000, reason_bytes: 4 }`; for a CloseEvent, the properties: \
             `expect: { code: 1000, reason: \"\", wasClean: false }`",
        );
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn yaml_text(v: &YamlValue) -> String {
    serde_json::to_value(v).map(|j| j.to_string()).unwrap_or_else(|_| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<ExampleSet>, Vec<Diagnostic>) {
        ExampleSet::parse(&Source::new(PATH, text), &CloseBounds::default())
    }

    fn only_error(text: &str) -> Diagnostic {
        let (set, diags) = parse(text);
        assert!(set.is_none(), "{text}");
        let errors: Vec<_> = diags.into_iter().filter(Diagnostic::is_error).collect();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.into_iter().next().unwrap()
    }

    fn pos(d: &Diagnostic) -> (usize, usize) {
        let l = d.location.as_ref().unwrap();
        (l.line, l.col)
    }

    #[test]
    fn outcomes_are_computed_by_the_rules() {
        let (set, diags) = parse(
            "examples:\n  - id: a\n    call: socket.close(1001)\n  - id: b\n    call: 'new CloseEvent(\"close\", { code: 70000 })'\n",
        );
        assert!(diags.is_empty(), "{diags:#?}");
        let set = set.unwrap();
        assert_eq!(set.examples[0].standard.result(), "InvalidAccessError");
        assert_eq!(set.examples[0].line, 2);
        assert_eq!(set.examples[0].page(), Page::Close);
        match &set.examples[1].standard {
            Standard::CloseEvent { props, .. } => assert_eq!(props.code, 4464),
            other => panic!("{other:?}"),
        }
        assert_eq!(set.examples[1].page(), Page::CloseEvent);
        assert_eq!(set.examples[1].source, "new CloseEvent(\"close\", { code: 70000 })");
    }

    #[test]
    fn outcomes_follow_the_bounds_given() {
        let text = "examples:\n  - id: a\n    call: socket.close(3000, \"hello\")\n";
        let one = CloseBounds { script_codes: vec![1000..=1000], max_reason_bytes: 123 };
        let (set, _) = ExampleSet::parse(&Source::new(PATH, text), &one);
        assert_eq!(set.unwrap().examples[0].standard.result(), "InvalidAccessError");
        let short = CloseBounds { script_codes: vec![3000..=3000], max_reason_bytes: 4 };
        let (set, _) = ExampleSet::parse(&Source::new(PATH, text), &short);
        assert_eq!(set.unwrap().examples[0].standard.result(), "SyntaxError");
    }

    #[test]
    fn a_matching_claim_passes_and_a_contradicting_one_fails_at_its_line() {
        let ok = "examples:\n  - id: a\n    call: socket.close(1000, \"é\".repeat(62))\n    expect: { result: SyntaxError, reason_bytes: 124 }\n";
        let (set, diags) = parse(ok);
        assert!(set.is_some() && diags.is_empty(), "{diags:#?}");
        let bad = "examples:\n  - id: a\n    call: socket.close(1000, \"é\".repeat(62))\n    expect: closes\n";
        let d = only_error(bad);
        assert_eq!(d.code, "example-contradicts");
        assert_eq!(pos(&d), (4, 5));
        assert!(d.message.contains("it says `closes`; by the rules it throws SyntaxError"), "{}", d.message);
        assert!(d.message.contains("124 bytes"), "{}", d.message);
        let bad_code =
            "examples:\n  - id: a\n    call: socket.close(2999.5)\n    expect: { result: closes, code: 2999 }\n";
        let d = only_error(bad_code);
        assert!(d.message.contains("the code is 2999") && d.message.contains("code 3000"), "{}", d.message);
    }

    #[test]
    fn close_event_claims_are_checked_property_by_property() {
        let ok = "examples:\n  - id: e\n    call: 'new CloseEvent(\"close\", { code: 70000, reason: \"a\\uD800\" })'\n    expect:\n      code: 4464\n      reason: \"a\\uFFFD\"\n      wasClean: false\n";
        let (set, diags) = parse(ok);
        assert!(set.is_some(), "{diags:#?}");
        let bad = "examples:\n  - id: e\n    call: 'new CloseEvent(\"close\", { code: 70000 })'\n    expect: { code: 70000 }\n";
        let d = only_error(bad);
        assert_eq!((d.code, pos(&d).0), ("example-contradicts", 4));
        assert!(d.message.contains("`code` is 70000, the rules give 4464"), "{}", d.message);
        let d = only_error("examples:\n  - id: e\n    call: new CloseEvent(\"close\")\n    expect: { colour: red }\n");
        assert_eq!(d.code, "example-expect");
    }

    #[test]
    fn call_errors_point_at_the_column_in_the_file() {
        let d = only_error("examples:\n  - id: a\n    call: socket.close(1000, bogus)\n");
        assert_eq!(d.code, "example-call");
        assert_eq!(pos(&d), (3, 30));
        let d = only_error("examples:\n  - id: a\n    call: 'socket.close(1000, bogus)'\n");
        assert_eq!(pos(&d), (3, 31));
    }

    #[test]
    fn ids_are_checked_and_unique() {
        let d = only_error("examples:\n  - id: a\n    call: socket.close()\n  - id: a\n    call: socket.close()\n");
        assert_eq!((d.code, pos(&d)), ("example-id", (4, 9)));
        let d = only_error("examples:\n  - id: Bad_Id\n    call: socket.close()\n");
        assert_eq!(d.code, "example-id");
        let d = only_error("examples:\n  - call: socket.close()\n");
        assert_eq!((d.code, pos(&d).0), ("example-id", 2));
    }

    #[test]
    fn unknown_fields_and_bad_yaml_are_located() {
        let d = only_error("examples:\n  - id: a\n    call: socket.close()\n    colour: red\n");
        assert_eq!((d.code, pos(&d)), ("examples-field", (4, 5)));
        let (set, diags) = parse("example:\n  - id: a\n");
        assert!(set.is_none());
        let messages: Vec<_> = diags.iter().map(|d| (d.code, d.message.as_str())).collect();
        assert_eq!(
            messages,
            [
                ("examples-field", "`example` is not a field of the examples file"),
                ("examples-field", "the examples file has no list `examples:`")
            ]
        );
        let (_, diags) = parse("examples:\n  - id: a\n    call: new CloseEvent(\"close\", { code: 1 })\n");
        assert_eq!(diags[0].code, "examples-yaml");
        assert_eq!(pos(&diags[0]).0, 3);
    }

    #[test]
    fn a_key_that_is_not_text_is_named_as_written() {
        let d = only_error("examples:\n  - id: a\n    call: socket.close()\n    2: red\n");
        assert_eq!((d.message.as_str(), pos(&d)), ("`2` is not a field of an example", (4, 5)));
        let (_, diags) = parse("examples:\n  - id: a\n    call: socket.close()\n1: oops\n");
        let d = diags.iter().find(|d| d.code == "examples-field").unwrap();
        assert_eq!((d.message.as_str(), pos(d)), ("`1` is not a field of the examples file", (4, 1)));
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_line() {
        let (set, diags) = parse("examples:\n  - id: a\n    call: 'ws.close(1000)\n    expect: ok\n");
        assert!(set.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "examples-yaml");
        assert_eq!(pos(&diags[0]), (3, 11));
        assert!(diags[0].message.ends_with("a quoted value is never closed"), "{}", diags[0].message);
    }

    #[test]
    fn every_problem_is_reported() {
        let (set, diags) = parse(
            "examples:\n  - id: a\n    call: socket.close(x)\n  - id: b\n    call: socket.close(1001)\n    expect: closes\n",
        );
        assert!(set.is_none());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["example-call", "example-contradicts"]);
    }

    #[test]
    fn codes_are_written_as_ranges() {
        assert_eq!(codes_text(&[1000..=1000, 3000..=4999]), "1000, 3000–4999");
    }
}
