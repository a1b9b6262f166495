//! Macros: the KumaScript calls MDN content uses (`{{domxref("CloseEvent.code")}}`), parsed with
//! their exact position and rendered to localized HTML. An unknown macro or bad arguments is a
//! diagnostic, never silent text.

use std::ops::Range;

use crate::config::Config;
use crate::data::close_codes::CloseCodeRegistry;
use crate::diag::{Diagnostic, Source};
use crate::i18n::I18n;
use crate::model::{Entity, Model};

/// An argument as written: MDN macros take string, number and boolean literals.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    Bool(bool),
}

impl Arg {
    fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    fn truthy(&self) -> bool {
        match self {
            Arg::Str(s) => !s.is_empty(),
            Arg::Num(n) => *n != 0.0,
            Arg::Bool(b) => *b,
        }
    }
}

/// One macro call in a markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The name as written (`Non-standard_inline`); looked up without case.
    pub name: String,
    pub args: Vec<Arg>,
    /// Byte range of the whole `{{…}}` in the body.
    pub range: Range<usize>,
}

/// A malformed `{{…}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub range: Range<usize>,
    pub message: String,
}

/// The most arguments a macro call may have; more is malformed content, not a real call.
pub const MAX_ARGS: usize = 16;

/// Finds every `{{…}}` in `body` outside fenced code blocks and inline code spans.
pub fn scan(body: &str) -> (Vec<Call>, Vec<SyntaxError>) {
    let mut calls = Vec::new();
    let mut errors = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(char, usize)> = None;
    // Line by line, each with its `\n` (found by byte: a page has hundreds of lines).
    while offset < body.len() {
        let line_len = memchr::memchr(b'\n', &body.as_bytes()[offset..]).map_or(body.len() - offset, |i| i + 1);
        let line = &body[offset..offset + line_len];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match fence {
            Some((m, n)) => {
                if marker == Some(m) && run >= n && trimmed[run..].trim().is_empty() {
                    fence = None;
                }
            }
            None if run >= 3 && indent < 4 => fence = Some((marker.unwrap_or('`'), run)),
            None => scan_line(body, offset, line.len(), &mut calls, &mut errors),
        }
        offset += line.len();
    }
    (calls, errors)
}

fn scan_line(body: &str, start: usize, len: usize, calls: &mut Vec<Call>, errors: &mut Vec<SyntaxError>) {
    let bytes = body.as_bytes();
    let end = start + len;
    let mut i = start;
    while i < end {
        // Jump to the next byte that can start a code span or a macro.
        match memchr::memchr2(b'`', b'{', &bytes[i..end]) {
            Some(skip) => i += skip,
            None => break,
        }
        match bytes[i] {
            b'`' => {
                // Skip an inline code span: a run of n backticks up to the next run of exactly n.
                let n = bytes[i..end].iter().take_while(|b| **b == b'`').count();
                let mut j = i + n;
                let mut closed = None;
                while j < end {
                    if bytes[j] == b'`' {
                        let m = bytes[j..end].iter().take_while(|b| **b == b'`').count();
                        if m == n {
                            closed = Some(j + m);
                            break;
                        }
                        j += m;
                    } else {
                        j += 1;
                    }
                }
                i = closed.unwrap_or(i + n);
            }
            b'{' if bytes.get(i + 1) == Some(&b'{') => match parse_call(body, i, end) {
                Ok(call) => {
                    i = call.range.end;
                    calls.push(call);
                }
                Err(e) => {
                    i = e.range.end.max(i + 2);
                    errors.push(e);
                }
            },
            _ => i += 1,
        }
    }
}

/// Parses the call starting at `at` (which holds `{{`), within `body[..end]`.
fn parse_call(body: &str, at: usize, end: usize) -> Result<Call, SyntaxError> {
    let s = &body[at..end];
    let close = s.find("}}").ok_or_else(|| SyntaxError {
        range: at..at + 2,
        message: "this macro call is not closed with `}}` on the same line".into(),
    })?;
    let inner = &s[2..close];
    let range = at..at + close + 2;
    let err = |message: String| SyntaxError { range: range.clone(), message };
    let inner = inner.trim();
    let name_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() {
        return Err(err("a macro call starts with the macro's name, e.g. `{{domxref(\"WebSocket\")}}`".into()));
    }
    let rest = inner[name_len..].trim();
    let args = if rest.is_empty() {
        Vec::new()
    } else {
        let Some(list) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
            return Err(err(format!("the arguments of `{name}` must be in parentheses")));
        };
        parse_args(list).map_err(err)?
    };
    Ok(Call { name: name.to_string(), args, range })
}

fn parse_args(list: &str) -> Result<Vec<Arg>, String> {
    let mut args = Vec::new();
    let mut chars = list.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        if args.len() == MAX_ARGS {
            return Err(format!("a macro takes at most {MAX_ARGS} arguments"));
        }
        let arg = match c {
            '"' | '\'' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a string argument is not closed with its quote".into()),
                        Some('\\') => match chars.next() {
                            Some('n') => s.push('\n'),
                            Some(e) => s.push(e),
                            None => return Err("a string argument ends with `\\`".into()),
                        },
                        Some(q) if q == c => break,
                        Some(o) => s.push(o),
                    }
                }
                Arg::Str(s)
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c == ',' || c.is_whitespace() {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                match word.as_str() {
                    "true" => Arg::Bool(true),
                    "false" => Arg::Bool(false),
                    w => Arg::Num(
                        w.parse().map_err(|_| format!("`{w}` is not an argument: put text in quotes, e.g. \"{w}\""))?,
                    ),
                }
            }
        };
        args.push(arg);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some(',') => continue,
            Some(o) => return Err(format!("expected `,` between arguments, found `{o}`")),
        }
    }
    Ok(args)
}

/// What a rendered macro is.
#[derive(Debug, Clone)]
pub struct Output {
    pub html: String,
    /// Block-level HTML (a table, a note box): it replaces a paragraph of its own.
    pub block: bool,
    /// Generated cells shown in English because the locale lacks their message.
    pub untranslated: usize,
    /// A warning about the call that still renders (a link one letter off one of our pages).
    pub warning: Option<Diagnostic>,
}

/// What macros may look at while rendering one page.
pub struct Env<'a> {
    pub config: &'a Config,
    pub model: &'a Model,
    pub i18n: &'a I18n,
    pub registry: Option<&'a CloseCodeRegistry>,
    pub entity: &'a Entity,
    /// The language of the text the macro stands in (labels are in it).
    pub text_locale: &'a str,
    /// The locale of the page being written (links go to pages in it).
    pub page_locale: &'a str,
    /// Relative path from the page to the site root, e.g. `../../../../../`.
    pub root: &'a str,
}

impl Env<'_> {
    pub fn mdn_locale(&self) -> &str {
        Config::mdn_locale(self.text_locale)
    }

    /// Link to our page for `key` in the page's locale, if we have one.
    pub fn our_page(&self, key: &str) -> Option<String> {
        self.our_page_at(key, "")
    }

    /// [`Env::our_page`] followed by `fragment` (`#id`, or empty), made in one allocation.
    pub fn our_page_at(&self, key: &str, fragment: &str) -> Option<String> {
        let e = self.model.find(key)?;
        Some([self.root, self.page_locale, "/", e.dir.as_str(), "/index.html", fragment].concat())
    }

    fn label(&self, id: &str) -> String {
        self.i18n.text(self.text_locale, id)
    }
}

/// The macros polyref knows, by lower-case name: `render` has an arm for each, and any other
/// name is unknown, to `render` and to `check_calls` alike.
pub const KNOWN: &[&str] = &[
    "apiref",
    "availableinworkers",
    "closecodes",
    "compat",
    "defaultapisidebar",
    "deprecated_header",
    "deprecated_inline",
    "domxref",
    "experimental_inline",
    "glossary",
    "httpheader",
    "httpmethod",
    "httpstatus",
    "inheritancediagram",
    "jsxref",
    "non-standard_header",
    "non-standard_inline",
    "optional_inline",
    "readonlyinline",
    "securecontext_header",
    "securecontext_inline",
    "seecompattable",
    "specifications",
];

/// Macros MDN has retired that older translations still call, by lower-case name, with what to
/// write instead.
const RETIRED: &[(&str, &str)] = &[
    ("specname", SPECIFICATIONS_INSTEAD),
    ("spec2", SPECIFICATIONS_INSTEAD),
    ("gecko", "write the browser and its version as text, e.g. “Firefox 11”"),
    ("geckorelease", "write the browser and its version as text, e.g. “Firefox 8”"),
    ("event", "link to the event's page, e.g. `{{domxref(\"WebSocket/open_event\", \"open\")}}`"),
    ("manch", "link to the method's page, e.g. `{{domxref(\"WebSocket.send()\")}}`"),
    ("languages", "delete it: the language menu lists the translations polyref finds"),
];

const SPECIFICATIONS_INSTEAD: &str = "the table of specifications is `{{Specifications}}`, made from the page's `spec-urls` (or the English page's): replace the old table with it";
const INTERACTIVE_INSTEAD: &str =
    "polyref shows no interactive examples: delete the call, or show the example as a code block";

/// MDN macros polyref does not render, by lower-case name, with what to write instead.
const UNSUPPORTED: &[(&str, &str)] = &[
    (
        "embedlivesample",
        "polyref shows no live samples: delete the call, and the example's code blocks stay on the page",
    ),
    ("embedinteractiveexample", INTERACTIVE_INSTEAD),
    ("interactiveexample", INTERACTIVE_INSTEAD),
    ("cssxref", "link with markdown, e.g. [`color`](/en-US/docs/Web/CSS/color)"),
    ("htmlelement", "link with markdown, e.g. [`<iframe>`](/en-US/docs/Web/HTML/Element/iframe)"),
];

/// Renders one call. `source` and `body_start` place errors in the file.
pub fn render(call: &Call, env: &Env, source: &Source, body_start: usize) -> Result<Output, Diagnostic> {
    let at = || source.at(body_start + call.range.start..body_start + call.range.end);
    let str_arg = |i: usize| call.args.get(i).and_then(Arg::as_str);
    // The link macros share their last arguments: the text to show (else `default`), an anchor
    // in the target page, and a true value to show the text without `<code>`.
    let shown = |default: &str| {
        let text = esc(str_arg(1).filter(|t| !t.is_empty()).unwrap_or(default));
        if call.args.get(3).is_some_and(Arg::truthy) { text } else { format!("<code>{text}</code>") }
    };
    let anchor =
        || str_arg(2).filter(|a| !a.is_empty()).map(|a| format!("#{}", a.trim_start_matches('#'))).unwrap_or_default();
    let inline = |html: String| Ok(Output { html, block: false, untranslated: 0, warning: None });
    let block = |html: String| Ok(Output { html, block: true, untranslated: 0, warning: None });
    let badge = |class: &str, id: &str| inline(format!("<span class=\"badge {class}\">{}</span>", esc(&env.label(id))));
    let name = call.name.to_ascii_lowercase();
    // `KNOWN` decides, here as in `check_calls`; the arms below render each of its names.
    if !KNOWN.contains(&name.as_str()) {
        return Err(unknown(call, &name).at(at()));
    }
    // The arguments are checked first, by the rules `check_calls` uses too; the arms below
    // render calls whose arguments have the right form.
    if let Some(expected) = expected_args(call, &name) {
        return Err(wrong_args(call, expected).at(at()));
    }
    // The first argument, which the macros that take one need (checked above).
    let first = str_arg(0).unwrap_or_default();
    match name.as_str() {
        // Sidebars and diagrams MDN draws from its own data: polyref has neither.
        "apiref" | "defaultapisidebar" | "inheritancediagram" => inline(String::new()),
        "availableinworkers" => block(format!(
            "<div class=\"notecard note\" role=\"note\"><p>{}</p></div>",
            esc(&env.label("macro-available-in-workers"))
        )),
        "seecompattable" => block(header_box("experimental", "header-experimental", env)),
        "non-standard_header" => block(header_box("warning", "header-non-standard", env)),
        "deprecated_header" => block(header_box("caution", "header-deprecated", env)),
        "securecontext_header" => block(header_box("note", "header-secure-context", env)),
        "experimental_inline" => badge("experimental", "badge-experimental"),
        "securecontext_inline" => badge("secure-context", "badge-secure-context"),
        "optional_inline" => badge("optional", "badge-optional"),
        "readonlyinline" => badge("readonly", "badge-read-only"),
        "non-standard_inline" => badge("non-standard", "badge-non-standard"),
        "deprecated_inline" => badge("deprecated", "badge-deprecated"),
        "glossary" => {
            let term = first;
            let text = str_arg(1).unwrap_or(term);
            let href =
                format!("https://developer.mozilla.org/{}/docs/Glossary/{}", env.mdn_locale(), term.replace(' ', "_"));
            inline(format!("<a href=\"{}\">{}</a>", esc(&href), esc(text)))
        }
        "domxref" => {
            let api = first;
            let path = api.trim_end_matches("()").replace('.', "/");
            let key = format!("Web/API/{path}");
            let ours = env.our_page(&key);
            let warning = if ours.is_none() { crate::markdown::near_miss(&key, env).map(|d| d.at(at())) } else { None };
            let href = ours.unwrap_or_else(|| format!("https://developer.mozilla.org/{}/docs/{key}", env.mdn_locale()));
            let html = format!("<a href=\"{}{}\">{}</a>", esc(&href), esc(&anchor()), shown(api));
            Ok(Output { html, block: false, untranslated: 0, warning })
        }
        "jsxref" => {
            let api = first;
            // As MDN reads the name: a path below the reference (`Statements/for...of`), or a
            // global object and its member (`Array.prototype.map()` is `Global_Objects/Array/map`).
            let name = api.trim_end_matches("()").replacen(".prototype.", ".", 1);
            let path = if name.contains('/') { name } else { format!("Global_Objects/{}", name.replace('.', "/")) };
            let href = format!(
                "https://developer.mozilla.org/{}/docs/Web/JavaScript/Reference/{path}{}",
                env.mdn_locale(),
                anchor()
            );
            inline(format!("<a href=\"{}\">{}</a>", esc(&href), shown(api)))
        }
        "httpheader" | "httpstatus" | "httpmethod" => {
            let target = first;
            // A status code shows its reason phrase, as MDN shows it: `400 Bad Request`.
            let default = match crate::data::http_status::reason(target).filter(|_| name == "httpstatus") {
                Some(reason) => format!("{target} {reason}"),
                None => target.to_string(),
            };
            let folder = match name.as_str() {
                "httpheader" => "Headers",
                "httpstatus" => "Status",
                _ => "Methods",
            };
            let href = format!(
                "https://developer.mozilla.org/{}/docs/Web/HTTP/Reference/{folder}/{target}{}",
                env.mdn_locale(),
                anchor()
            );
            inline(format!("<a href=\"{}\">{}</a>", esc(&href), shown(&default)))
        }
        "specifications" => block(specifications(env)),
        // `{{Compat("api.WebSocket.close")}}`, the older form, names the compatibility data.
        "compat" => block(compat(env, str_arg(0))),
        "closecodes" => match env.registry {
            Some(r) => {
                let (html, untranslated) = crate::data::close_codes_table(r, env);
                Ok(Output { html, block: true, untranslated, warning: None })
            }
            None => Err(Diagnostic::error(
                "macro-data",
                "`CloseCodes` needs the close-code registry, which did not load",
            )
            .at(at())
            .hint("content/data/close-codes.yaml is missing or has errors (reported above): restore it, or fix them")),
        },
        // A name of `KNOWN` without its arm (the unit test of every known macro finds it).
        _ => Err(unknown(call, &name).at(at())),
    }
}

/// The error for a call of a macro polyref does not render; `name` is the call's name lowercased.
fn unknown(call: &Call, name: &str) -> Diagnostic {
    let not_rendered = RETIRED
        .iter()
        .map(|entry| (entry, "is a macro MDN no longer has, and polyref does not render it"))
        .chain(UNSUPPORTED.iter().map(|entry| (entry, "is an MDN macro that polyref does not render")))
        .find(|((n, _), _)| *n == name);
    if let Some(((_, instead), what)) = not_rendered {
        return Diagnostic::error("macro-unknown", format!("`{}` {what}", call.name)).hint(*instead);
    }
    let closest =
        KNOWN.iter().min_by_key(|k| strsim::levenshtein(k, name)).filter(|k| strsim::levenshtein(k, name) <= 3);
    let hint = match closest {
        Some(k) => format!("did you mean `{}`? (macro names are not case-sensitive)", canonical_name(k)),
        None => format!("known macros: {}", KNOWN.iter().map(|k| canonical_name(k)).collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::error("macro-unknown", format!("`{}` is not a macro polyref knows", call.name)).hint(hint)
}

/// The error for a `{{…}}` that is not written as a call.
pub fn syntax_error(e: SyntaxError, source: &Source, body_start: usize) -> Diagnostic {
    Diagnostic::error("macro-syntax", e.message)
        .at(source.at(body_start + e.range.start..body_start + e.range.end))
        .hint("a macro is written `{{name}}` or `{{name(\"argument\", …)}}` on one line")
}

/// The problems of `body`'s macro calls that show without rendering the page: a `{{…}}` not
/// written as a call, a name polyref does not know, and arguments of the wrong form. For a page
/// whose front matter has errors (it is not rendered), so that one run reports these as well.
pub fn check_calls(body: &str, source: &Source, body_start: usize) -> Vec<Diagnostic> {
    let (calls, errors) = scan(body);
    let mut diags: Vec<Diagnostic> = errors.into_iter().map(|e| syntax_error(e, source, body_start)).collect();
    for call in &calls {
        let at = || source.at(body_start + call.range.start..body_start + call.range.end);
        let name = call.name.to_ascii_lowercase();
        if !KNOWN.contains(&name.as_str()) {
            diags.push(unknown(call, &name).at(at()));
        } else if let Some(expected) = expected_args(call, &name) {
            diags.push(wrong_args(call, expected).at(at()));
        }
    }
    diags
}

/// What a call of the known macro `name` (lowercased) should have been given, if its arguments
/// are not of the form the macro takes. [`render`] and [`check_calls`] both go by this.
fn expected_args(call: &Call, name: &str) -> Option<&'static str> {
    let named = |i: usize| call.args.get(i).and_then(Arg::as_str).is_some_and(|t| !t.is_empty());
    match name {
        "apiref" | "defaultapisidebar" | "inheritancediagram" => match call.args.as_slice() {
            [] | [Arg::Str(_)] => None,
            _ => Some("an optional API group name, e.g. (\"WebSockets API\")"),
        },
        "seecompattable"
        | "non-standard_header"
        | "deprecated_header"
        | "securecontext_header"
        | "experimental_inline"
        | "securecontext_inline"
        | "optional_inline"
        | "readonlyinline"
        | "non-standard_inline"
        | "deprecated_inline"
        | "specifications"
        | "closecodes" => (!call.args.is_empty()).then_some("no arguments"),
        "glossary" => (!named(0)).then_some("a term and optionally the text to show, e.g. (\"UTF-8\")"),
        "domxref" => (!named(0)).then_some("an API name and optionally the text to show, e.g. (\"CloseEvent.code\")"),
        "jsxref" => (!named(0)).then_some("a JavaScript name, e.g. (\"undefined\")"),
        "httpheader" | "httpstatus" | "httpmethod" => {
            let target = call.args.first().and_then(Arg::as_str).unwrap_or_default();
            (target.is_empty() || target.contains(['/', '?', '#'])).then_some(match name {
                "httpheader" => "a header name and optionally the text to show, e.g. (\"Sec-WebSocket-Key\")",
                "httpstatus" => "a status code and optionally the text to show, e.g. (\"400\")",
                _ => "a method name and optionally the text to show, e.g. (\"GET\")",
            })
        }
        "compat" => match call.args.as_slice() {
            [] => None,
            [Arg::Str(key)] if !key.is_empty() => None,
            _ => Some("no arguments, or the browser-compat key, e.g. (\"api.WebSocket.close\")"),
        },
        _ => None,
    }
}

/// The error for a call whose arguments are not of the form its macro takes (`expected`).
fn wrong_args(call: &Call, expected: &str) -> Diagnostic {
    Diagnostic::error("macro-arguments", format!("`{}` was called with the wrong arguments", call.name))
        .label(format!("expected {expected}"))
        .hint("compare with the same macro on another page, or with MDN's documentation of it")
}

/// A macro's name as MDN writes it.
fn canonical_name(lower: &str) -> &str {
    match lower {
        "apiref" => "APIRef",
        "availableinworkers" => "AvailableInWorkers",
        "closecodes" => "CloseCodes",
        "compat" => "Compat",
        "glossary" => "Glossary",
        "readonlyinline" => "readOnlyInline",
        "non-standard_inline" => "Non-standard_inline",
        "specifications" => "Specifications",
        "defaultapisidebar" => "DefaultAPISidebar",
        "deprecated_header" => "Deprecated_Header",
        "experimental_inline" => "Experimental_Inline",
        "httpheader" => "HTTPHeader",
        "httpmethod" => "HTTPMethod",
        "httpstatus" => "HTTPStatus",
        "inheritancediagram" => "InheritanceDiagram",
        "non-standard_header" => "Non-standard_Header",
        "securecontext_header" => "SecureContext_Header",
        "securecontext_inline" => "SecureContext_Inline",
        "seecompattable" => "SeeCompatTable",
        other => other,
    }
}

fn specifications(env: &Env) -> String {
    if env.entity.spec_urls.is_empty() {
        return format!("<p class=\"no-specs\">{}</p>", esc(&env.label("specs-none")));
    }
    let mut html = format!(
        "<table class=\"standard-table specs\"><thead><tr><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&env.label("specs-heading"))
    );
    for url in &env.entity.spec_urls {
        let (name, frag) = spec_name(url);
        html.push_str(&format!(
            "<tr><td><a href=\"{}\">{}<br><small># {}</small></a></td></tr>",
            esc(url),
            esc(&name),
            esc(&frag)
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// A readable name for a specification URL.
fn spec_name(url: &str) -> (String, String) {
    let (base, frag) = url.split_once('#').unwrap_or((url, ""));
    let host = base.trim_start_matches("https://").trim_start_matches("http://").split('/').next().unwrap_or("");
    let name = match host {
        "websockets.spec.whatwg.org" => "WebSockets Standard".to_string(),
        "html.spec.whatwg.org" => "HTML Standard".to_string(),
        "dom.spec.whatwg.org" => "DOM Standard".to_string(),
        "webidl.spec.whatwg.org" => "Web IDL Standard".to_string(),
        "www.rfc-editor.org" | "datatracker.ietf.org" => {
            base.rsplit('/').next().unwrap_or(base).trim_end_matches(".html").to_uppercase()
        }
        _ => host.to_string(),
    };
    (name, frag.to_string())
}

/// A box MDN puts at the top of a page about the feature's status, with its title and text.
fn header_box(class: &str, id: &str, env: &Env) -> String {
    format!(
        "<div class=\"notecard {class}\" role=\"note\"><p class=\"notecard-title\"><strong>{}</strong></p>\n<p>{}</p></div>",
        esc(&env.label(id)),
        esc(&env.label(&format!("{id}.text")))
    )
}

fn compat(env: &Env, key: Option<&str>) -> String {
    let href =
        format!("https://developer.mozilla.org/{}/docs/{}#browser_compatibility", env.mdn_locale(), env.entity.key);
    let key = key.or(env.entity.browser_compat.as_deref()).unwrap_or(&env.entity.key);
    format!(
        "<p class=\"compat\"><a href=\"{}\">{}</a> <code>{}</code></p>",
        esc(&href),
        esc(&env.label("compat-see-mdn")),
        esc(key)
    )
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_with_arguments_and_positions() {
        let body = "Da {{Glossary(\"UTF-8\", \"UTF-8 zwei\")}} und {{optional_inline}}.\n";
        let (calls, errors) = scan(body);
        assert!(errors.is_empty());
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "Glossary");
        assert_eq!(calls[0].args, [Arg::Str("UTF-8".into()), Arg::Str("UTF-8 zwei".into())]);
        assert_eq!(&body[calls[1].range.clone()], "{{optional_inline}}");
    }

    #[test]
    fn skips_code_spans_and_fenced_blocks() {
        let body = "`{{not}}` text\n```js\n{{nope}}\n```\n{{yes}}\n";
        let (calls, _) = scan(body);
        let names: Vec<_> = calls.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["yes"]);
    }

    #[test]
    fn unclosed_and_malformed_calls_are_errors() {
        let (_, errors) = scan("a {{domxref(\"x\" b\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("not closed"));
        let (_, errors) = scan("{{domxref(Window)}}\n");
        assert!(errors[0].message.contains("quotes"), "{}", errors[0].message);
    }

    #[test]
    fn numbers_booleans_and_single_quotes() {
        let (calls, _) = scan("{{x('a', 3, true)}}");
        assert_eq!(calls[0].args, [Arg::Str("a".into()), Arg::Num(3.0), Arg::Bool(true)]);
    }

    #[test]
    fn too_many_arguments_is_an_error() {
        let call = format!("{{{{x({})}}}}", vec!["1"; MAX_ARGS + 1].join(","));
        let (calls, errors) = scan(&call);
        assert!(calls.is_empty());
        assert!(errors[0].message.contains("at most"));
    }
}
