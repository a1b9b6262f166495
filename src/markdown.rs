//! Markdown stage: one content file's body → HTML, with macros expanded, MDN definition lists,
//! GFM alerts (and MDN notes written `> **Note:** …`) as localized note boxes, heading ids,
//! links resolved to our pages, and the body cut into sections. Pure: reads nothing, writes
//! nothing.

use std::borrow::Cow;
use std::fmt::Write as _;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::dialect::{Dialect, ParsedFile, key_from_permalink, key_from_uri};
use crate::highlight;
use crate::macros::{self, Env, Output, esc};
use crate::sanitize;

/// A heading-delimited part of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub level: u8,
    pub title: String,
    /// What the section is, recognised from its heading in any of our languages.
    pub kind: Option<SectionKind>,
    pub html: String,
}

/// The standard sections of an API reference page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Description,
    Syntax,
    Parameters,
    ReturnValue,
    Exceptions,
    Constructor,
    Properties,
    Methods,
    Examples,
    Notes,
    Specifications,
    BrowserCompatibility,
    SeeAlso,
}

/// Headings as pages write them, in en, es and de, lower-cased.
const SECTION_NAMES: &[(&str, SectionKind)] = &[
    ("description", SectionKind::Description),
    ("descripción", SectionKind::Description),
    ("beschreibung", SectionKind::Description),
    ("summary", SectionKind::Description),
    ("syntax", SectionKind::Syntax),
    ("sintaxis", SectionKind::Syntax),
    ("parameters", SectionKind::Parameters),
    ("parámetros", SectionKind::Parameters),
    ("parametros", SectionKind::Parameters),
    ("parameter", SectionKind::Parameters),
    ("return value", SectionKind::ReturnValue),
    ("valor devuelto", SectionKind::ReturnValue),
    ("valor de retorno", SectionKind::ReturnValue),
    ("rückgabewert", SectionKind::ReturnValue),
    ("exceptions", SectionKind::Exceptions),
    ("excepciones", SectionKind::Exceptions),
    ("ausnahmen", SectionKind::Exceptions),
    ("constructor", SectionKind::Constructor),
    ("konstruktor", SectionKind::Constructor),
    ("properties", SectionKind::Properties),
    ("propiedades", SectionKind::Properties),
    ("eigenschaften", SectionKind::Properties),
    ("methods", SectionKind::Methods),
    ("métodos", SectionKind::Methods),
    ("metodos", SectionKind::Methods),
    ("methoden", SectionKind::Methods),
    ("examples", SectionKind::Examples),
    ("example", SectionKind::Examples),
    ("ejemplos", SectionKind::Examples),
    ("ejemplo", SectionKind::Examples),
    ("beispiele", SectionKind::Examples),
    ("notes", SectionKind::Notes),
    ("notas", SectionKind::Notes),
    ("specifications", SectionKind::Specifications),
    ("related specifications", SectionKind::Specifications),
    ("especificaciones", SectionKind::Specifications),
    ("spezifikationen", SectionKind::Specifications),
    ("browser compatibility", SectionKind::BrowserCompatibility),
    ("compatibilidad con navegadores", SectionKind::BrowserCompatibility),
    ("browser-kompatibilität", SectionKind::BrowserCompatibility),
    ("see also", SectionKind::SeeAlso),
    ("ver también", SectionKind::SeeAlso),
    ("ver tambien", SectionKind::SeeAlso),
    ("siehe auch", SectionKind::SeeAlso),
    ("artículos", SectionKind::SeeAlso),
];

fn section_kind(title: &str) -> Option<SectionKind> {
    let t = title.trim().to_lowercase();
    SECTION_NAMES.iter().find(|(n, _)| *n == t).map(|(_, k)| *k)
}

/// The heading ids given so far in one page (a page and its supplements share one set).
pub type Ids = FxHashSet<String>;

/// A rendered body.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    /// Everything before the first heading.
    pub intro: String,
    pub sections: Vec<Section>,
    /// The first paragraph as plain text.
    pub summary: Option<String>,
    /// Generated table cells shown in English for want of a translation.
    pub untranslated_cells: usize,
}

impl Rendered {
    /// The whole body.
    pub fn html(&self) -> String {
        let mut html =
            String::with_capacity(self.intro.len() + self.sections.iter().map(|s| s.html.len()).sum::<usize>());
        html.push_str(&self.intro);
        for s in &self.sections {
            html.push_str(&s.html);
        }
        html
    }
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Whether `text` may hold a placeholder character: both encode in UTF-8 starting with the byte
/// 0xEE, and a byte search rules most text out quickly.
fn may_hold_placeholders(text: &str) -> bool {
    const _: () = assert!(OPEN as u32 >> 12 == 0xE && CLOSE as u32 >> 12 == 0xE); // 0xEE 0x80 …
    memchr::memchr(0xEE, text.as_bytes()).is_some()
}

/// Renders `file`'s body for the page described by `env`.
pub fn render(file: &ParsedFile, env: &Env) -> (Rendered, Vec<Diagnostic>) {
    render_with_ids(file, env, &mut Ids::default())
}

/// Like [`render`], for a body that shares its page with others: ids already in `taken` get a
/// suffix (`syntax_2`), and the ids made are added to it, so every id of the page is unique
/// (HTML Standard §3.2.6.1).
pub fn render_with_ids(file: &ParsedFile, env: &Env, taken: &mut Ids) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let source = &file.file.source;
    let body_start = file.body_start;
    // Our placeholder characters must not occur in the text itself.
    let body = match file.body() {
        b if may_hold_placeholders(b) && b.contains([OPEN, CLOSE]) => Cow::Owned(b.replace([OPEN, CLOSE], "\u{FFFD}")),
        b => Cow::Borrowed(b),
    };
    let (calls, errors) = macros::scan(&body);
    diags.extend(errors.into_iter().map(|e| macros::syntax_error(e, source, body_start)));
    let mut outputs = Vec::with_capacity(calls.len());
    let mut text = String::with_capacity(body.len());
    // (end of a placeholder in `text`, body offset minus text offset after it)
    let mut shifts: Vec<(usize, isize)> = Vec::with_capacity(calls.len());
    let mut last = 0;
    for (i, call) in calls.iter().enumerate() {
        text.push_str(&body[last..call.range.start]);
        write!(text, "{OPEN}{i}{CLOSE}").expect("writing to a String");
        shifts.push((text.len(), call.range.end as isize - text.len() as isize));
        last = call.range.end;
        outputs.push(match macros::render(call, env, source, body_start) {
            Ok(mut o) => {
                diags.extend(o.warning.take());
                o
            }
            Err(d) => {
                diags.push(d);
                Output {
                    html: format!("<code class=\"macro-error\">{}</code>", esc(&body[call.range.clone()])),
                    block: false,
                    untranslated: 0,
                    warning: None,
                }
            }
        });
    }
    text.push_str(&body[last..]);
    let to_file = |offset: usize| {
        let shift = shifts.iter().rev().find(|(end, _)| *end <= offset).map_or(0, |(_, s)| *s);
        body_start + (offset as isize + shift).max(0) as usize
    };

    let options = Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST;
    // About one event per 10 bytes of markdown: reserve once rather than grow and copy.
    let mut events: Vec<Event> = Vec::with_capacity(text.len() / 8 + 16);
    let mut raw_html = false;
    let dialect = file.meta.dialect;
    let mut watch = syntax::Watch::default();
    let syntax_warning = |f: syntax::Finding| {
        Diagnostic::warning(f.code, f.message).at(source.at(to_file(f.range.start)..to_file(f.range.end))).hint(f.hint)
    };
    for (mut event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        let at = || source.at(to_file(range.start)..to_file(range.end.min(range.start + 80)));
        match &event {
            Event::Text(t) => diags.extend(watch.text(t, &range, &text, env).map(syntax_warning)),
            Event::Start(Tag::BlockQuote(None)) => watch.quote(range.start),
            Event::Start(Tag::Table(aligns)) => watch.table(aligns.len()),
            Event::End(TagEnd::TableCell) => watch.cell_end(range.end),
            Event::End(TagEnd::TableRow) => diags.extend(watch.row(&range, &text).map(syntax_warning)),
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_html = true;
                for problem in sanitize::problems(h) {
                    diags.push(
                        Diagnostic::warning("html-removed", format!("{problem} in this page's HTML was removed"))
                            .at(at())
                            .hint("scripts, styles, frames, forms and event handlers never reach the site; write the content in markdown"),
                    );
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if !fence_closed(&text[range.clone()]) => {
                watch.code(&range);
                let line = range.start..text[range.start..].find('\n').map_or(text.len(), |i| range.start + i);
                diags.push(
                    Diagnostic::warning(
                        "code-block-unclosed",
                        "this code block is never closed: the rest of its part of the page is shown as code",
                    )
                    .at(source.at(to_file(line.start)..to_file(line.end)))
                    .hint("end the code with a line holding only the fence that opened it (```)"),
                );
            }
            Event::Start(Tag::CodeBlock(_)) => watch.code(&range),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if !sanitize::safe_url(dest_url) => {
                diags.push(
                    Diagnostic::warning(
                        "url-removed",
                        format!("the link target `{dest_url}` is not allowed and was removed"),
                    )
                    .at(at())
                    .hint("links may be relative, or use http:, https: or mailto:"),
                );
            }
            _ => {}
        }
        // Links lead to our pages where we have them, here, where their place in the file is known.
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
            let (href, missing) = resolve(dest_url, dialect, env);
            if let Some(d) = missing.and_then(|key| near_miss(&key, env)) {
                diags.push(d.at(at()));
            }
            *dest_url = CowStr::from(href);
        }
        events.push(event);
    }
    let events = definition_lists(events, &outputs, taken);
    let mut rendered = transform(events, &outputs, env, taken);
    rendered.untranslated_cells = outputs.iter().map(|o| o.untranslated).sum();
    if raw_html {
        rendered.intro = sanitize::clean(&rendered.intro);
        for s in &mut rendered.sections {
            s.html = sanitize::clean(&s.html);
        }
    }
    (rendered, diags)
}

/// Whether a fenced code block's text (from its opening fence on) ends with a closing fence: the
/// fence's character, at least as many times, alone on the last line (after a block quote's `>`).
fn fence_closed(block: &str) -> bool {
    let open = block.trim_start_matches([' ', '\t', '>']);
    let Some(fence) = open.chars().next().filter(|c| matches!(c, '`' | '~')) else { return true };
    let width = open.len() - open.trim_start_matches(fence).len();
    let Some((_, last)) = block.trim_end_matches(['\n', '\r']).rsplit_once('\n') else { return false };
    let last = last.trim_start_matches([' ', '\t', '>']).trim_end();
    last.len() >= width && last.chars().all(|c| c == fence)
}

/// Splits text at placeholders into text and macro HTML. Text read straight from the page and
/// the macros' HTML are borrowed, not copied.
fn expand<'a>(t: CowStr<'a>, outputs: &'a [Output], out: &mut Vec<Event<'a>>) {
    match t {
        CowStr::Borrowed(text) => split_at_placeholders(text, outputs, out, CowStr::Borrowed),
        owned => split_at_placeholders(&owned, outputs, out, |piece| CowStr::from(piece.to_string())),
    }
}

fn split_at_placeholders<'a, 't>(
    t: &'t str,
    outputs: &'a [Output],
    out: &mut Vec<Event<'a>>,
    text: impl Fn(&'t str) -> CowStr<'a>,
) {
    let mut rest = t;
    while let Some(i) = rest.find(OPEN) {
        if i > 0 {
            out.push(Event::Text(text(&rest[..i])));
        }
        let after = &rest[i + OPEN.len_utf8()..];
        let Some(j) = after.find(CLOSE) else { break };
        if let Some(o) = after[..j].parse::<usize>().ok().and_then(|n| outputs.get(n)) {
            out.push(Event::InlineHtml(CowStr::Borrowed(&o.html)));
        }
        rest = &after[j + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Event::Text(text(rest)));
    }
}

/// The placeholders in a paragraph, if it holds nothing else and they are all block macros (or
/// render to nothing, like `APIRef`).
fn block_only(inner: &[Event], outputs: &[Output]) -> Option<Vec<usize>> {
    let mut found = Vec::new();
    for e in inner {
        match e {
            Event::Text(t) => {
                let mut rest: &str = t;
                loop {
                    rest = rest.trim_start();
                    if rest.is_empty() {
                        break;
                    }
                    let after = rest.strip_prefix(OPEN)?;
                    let j = after.find(CLOSE)?;
                    let n: usize = after[..j].parse().ok()?;
                    let o = outputs.get(n)?;
                    if !(o.block || o.html.is_empty()) {
                        return None;
                    }
                    found.push(n);
                    rest = &after[j + CLOSE.len_utf8()..];
                }
            }
            Event::SoftBreak | Event::HardBreak => {}
            _ => return None,
        }
    }
    (!found.is_empty()).then_some(found)
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        } else if let Event::SoftBreak | Event::HardBreak = e {
            s.push(' ');
        }
    }
    // Drop placeholders and what is between them.
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            OPEN => inside = true,
            CLOSE => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A paragraph as plain text for a page's summary (`<meta name="description">`): like
/// [`plain_text`], but inline macros count with the text they show (`{{Glossary("WebSockets")}}`
/// reads "WebSockets"); block macros and markup are dropped.
fn summary_text(events: &[Event], outputs: &[Output]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                let mut rest: &str = t;
                while let Some(i) = rest.find(OPEN) {
                    s.push_str(&rest[..i]);
                    let after = &rest[i + OPEN.len_utf8()..];
                    let Some(j) = after.find(CLOSE) else {
                        rest = "";
                        break;
                    };
                    if let Some(o) = after[..j].parse::<usize>().ok().and_then(|n| outputs.get(n)).filter(|o| !o.block)
                    {
                        s.push_str(&html_text(&o.html));
                    }
                    rest = &after[j + CLOSE.len_utf8()..];
                }
                s.push_str(rest);
            }
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a macro's HTML: tags dropped, the entities [`esc`] writes turned back.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    if !text.contains('&') {
        return text;
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// A heading id as MDN makes them: lower case, spaces to `_`, punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() && !id.ends_with('_') {
            id.push('_');
        }
    }
    let id = id.trim_matches('_').to_string();
    if id.is_empty() { "section".into() } else { id }
}

fn unique(id: String, seen: &mut Ids) -> String {
    if seen.insert(id.clone()) {
        return id;
    }
    (2..).map(|n| format!("{id}_{n}")).find(|c| seen.insert(c.clone())).expect("some suffix is free")
}

/// Index of the event that closes the element opened at `start` (whose own event is not read:
/// it may already have been taken).
fn matching_end(events: &[Event], start: usize) -> usize {
    let mut depth = 1usize;
    for (i, e) in events.iter().enumerate().skip(start + 1) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// MDN writes definition lists as `- term` with one nested item `- : definition`. Such lists
/// become `<dl>`, each term with an id so that `#code` links work.
fn definition_lists<'a>(events: Vec<Event<'a>>, outputs: &[Output], seen: &mut Ids) -> Vec<Event<'a>> {
    // Most events are moved; only the events of a list that becomes a `<dl>` are copied.
    if !events.iter().any(|e| matches!(e, Event::Text(t) if t.starts_with(':'))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    // Indices are needed for look-ahead; events are taken in order, so later ones stay intact.
    let mut all = events;
    let mut i = 0;
    while i < all.len() {
        if let Event::Start(Tag::List(None)) = &all[i] {
            let end = matching_end(&all, i);
            if dl_items(&all[i + 1..end]).is_some() {
                convert_dl(&all[i..=end], &mut out, outputs, seen, 0);
                i = end + 1;
                continue;
            }
        }
        out.push(std::mem::replace(&mut all[i], Event::SoftBreak));
        i += 1;
    }
    out
}

/// Definition lists nested deeper than this stay plain lists (bounds the recursion).
const MAX_DL_DEPTH: usize = 32;

/// The text a term shows, macros included (`{{domxref("CloseEvent.code")}}` → `CloseEvent.code`).
fn term_text(term: &[Event], outputs: &[Output]) -> String {
    if let Some(code) = term.iter().find_map(|e| if let Event::Code(c) = e { Some(c.to_string()) } else { None }) {
        return code;
    }
    let mut s = String::new();
    for e in term {
        if let Event::Text(t) = e {
            let mut rest: &str = t;
            while let Some(i) = rest.find(OPEN) {
                s.push_str(&rest[..i]);
                let after = &rest[i + OPEN.len_utf8()..];
                let Some(j) = after.find(CLOSE) else { break };
                if let Some(o) = after[..j].parse::<usize>().ok().and_then(|n| outputs.get(n)) {
                    // The first element's text: a badge after a link is not part of the name.
                    if s.trim().is_empty() {
                        s.push_str(&strip_tags(&o.html));
                    }
                }
                rest = &after[j + CLOSE.len_utf8()..];
            }
            s.push_str(rest);
        }
    }
    s.split_whitespace().next().unwrap_or("").to_string()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn convert_dl<'a>(events: &[Event<'a>], out: &mut Vec<Event<'a>>, outputs: &[Output], seen: &mut Ids, depth: usize) {
    if depth > MAX_DL_DEPTH {
        out.extend_from_slice(events);
        return;
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::List(None)) = &events[i] {
            let end = matching_end(events, i);
            if let Some(items) = dl_items(&events[i + 1..end]) {
                out.push(Event::Html(CowStr::Borrowed("<dl>\n")));
                for (term, def) in items {
                    let term: Vec<Event> = term
                        .iter()
                        .filter(|e| !matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)))
                        .cloned()
                        .collect();
                    let id = unique(slugify(&term_text(&term, outputs)), seen);
                    out.push(Event::Html(CowStr::from(format!("<dt id=\"{}\">", esc(&id)))));
                    convert_dl(&term, out, outputs, seen, depth + 1);
                    out.push(Event::Html(CowStr::Borrowed("</dt>\n<dd>")));
                    convert_dl(&def, out, outputs, seen, depth + 1);
                    out.push(Event::Html(CowStr::Borrowed("</dd>\n")));
                }
                out.push(Event::Html(CowStr::Borrowed("</dl>\n")));
                i = end + 1;
                continue;
            }
        }
        out.push(events[i].clone());
        i += 1;
    }
}

/// The (term, definition) pairs of a list's items, if every item is one.
fn dl_items<'a>(inner: &[Event<'a>]) -> Option<Vec<(Vec<Event<'a>>, Vec<Event<'a>>)>> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < inner.len() {
        let Event::Start(Tag::Item) = inner[i] else { return None };
        let end = matching_end(inner, i);
        let item = &inner[i + 1..end];
        // The item's last element must be a list with a single `: …` item.
        let nested_start = last_child_list(item)?;
        if matching_end(item, nested_start) != item.len() - 1 {
            return None;
        }
        let nested = &item[nested_start + 1..item.len() - 1];
        let Event::Start(Tag::Item) = nested.first()? else { return None };
        if matching_end(nested, 0) != nested.len() - 1 {
            return None;
        }
        let mut def: Vec<Event<'a>> = nested[1..nested.len() - 1].to_vec();
        let first_text = def.iter().position(|e| matches!(e, Event::Text(_)))?;
        if def[..first_text].iter().any(|e| !matches!(e, Event::Start(Tag::Paragraph))) {
            return None;
        }
        let Event::Text(t) = &def[first_text] else { return None };
        let rest = t.strip_prefix(':')?.trim_start().to_string();
        def[first_text] = Event::Text(CowStr::from(rest));
        items.push((item[..nested_start].to_vec(), def));
        i = end + 1;
    }
    (!items.is_empty()).then_some(items)
}

/// Index of the last list that is a direct child of the element whose contents are `events`.
fn last_child_list(events: &[Event]) -> Option<usize> {
    let mut depth = 0usize;
    let mut found = None;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(t) => {
                if depth == 0 && matches!(t, Tag::List(None)) {
                    found = Some(i);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    found
}

/// The GFM alert types; [`alert_id`] gives each one's name and message id.
const ALERTS: [BlockQuoteKind; 5] = [
    BlockQuoteKind::Note,
    BlockQuoteKind::Tip,
    BlockQuoteKind::Important,
    BlockQuoteKind::Warning,
    BlockQuoteKind::Caution,
];

fn alert_id(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "alert-note"),
        BlockQuoteKind::Tip => ("tip", "alert-tip"),
        BlockQuoteKind::Important => ("important", "alert-important"),
        BlockQuoteKind::Warning => ("warning", "alert-warning"),
        BlockQuoteKind::Caution => ("caution", "alert-caution"),
    }
}

/// The alert an MDN note written the older way stands for: a quote whose first paragraph opens
/// with its type in bold, `> **Note:** …` (or `**Note**: …`), named in English or in the
/// language of the text (`> **Hinweis:** …`, `> **Advertencia:** …`), as MDN's pages were written
/// before GFM alerts. Older translations often repeat the type in their language after it
/// (`> **Warning:** **Warnung:** …`): that label goes too when it is the box's title. Gives the
/// kind and the index of the first event of the note's text; a `Text` event there has the label,
/// its colon and the space after them already cut off.
fn legacy_alert(events: &mut [Event], quote: usize, env: &Env) -> Option<(BlockQuoteKind, usize)> {
    if !matches!(events.get(quote + 1), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let (word, after, colon) = bold_label(events, quote + 2)?;
    let title = |kind| env.i18n.text(env.text_locale, alert_id(kind).1).to_lowercase();
    let kind = ALERTS.into_iter().find(|&kind| word == alert_id(kind).0 || word == title(kind))?;
    let mut at = cut_label(events, after, colon);
    if let Some((_, after, colon)) = bold_label(events, at).filter(|(w, _, _)| *w == title(kind)) {
        at = cut_label(events, after, colon);
    }
    Some((kind, at))
}

/// A bold word ending with a colon at `at` (`**Note:**`, or `**Note**` before a text starting
/// with `:`): the word in lower case, the index after its bold, and whether the colon follows it.
fn bold_label(events: &[Event], at: usize) -> Option<(String, usize, bool)> {
    let [Event::Start(Tag::Strong), Event::Text(word), Event::End(TagEnd::Strong), ..] = events.get(at..)? else {
        return None;
    };
    let word = word.trim();
    let (word, colon) = match word.strip_suffix(':') {
        Some(w) => (w.trim_end(), false),
        None if matches!(events.get(at + 3), Some(Event::Text(t)) if t.starts_with(':')) => (word, true),
        None => return None,
    };
    Some((word.to_lowercase(), at + 3, colon))
}

/// Cuts what follows a bold label ending at `at`: its `colon` when it stands outside the bold,
/// and the space or line break before the text. Gives the index of the first event left.
fn cut_label(events: &mut [Event], mut at: usize, mut colon: bool) -> usize {
    loop {
        match events.get_mut(at) {
            Some(Event::SoftBreak) => at += 1,
            Some(Event::Text(t)) => {
                let all: &str = t;
                let rest = if colon { all.strip_prefix(':').unwrap_or(all) } else { all };
                colon = false;
                // How much of the text is cut from its start.
                let cut = all.len() - rest.trim_start().len();
                if cut == t.len() {
                    at += 1;
                    continue;
                }
                if cut > 0 {
                    *t = match std::mem::replace(t, CowStr::Borrowed("")) {
                        CowStr::Borrowed(b) => CowStr::Borrowed(&b[cut..]),
                        other => CowStr::from(other[cut..].to_string()),
                    };
                }
                return at;
            }
            _ => return at,
        }
    }
}

fn transform<'a>(mut events: Vec<Event<'a>>, outputs: &'a [Output], env: &Env, seen: &mut Ids) -> Rendered {
    // A text event with macro placeholders becomes up to two events per placeholder.
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 2 * outputs.len());
    // (index in `out`, level, id, title) of each h2/h3, to cut sections later.
    let mut heads: Vec<(usize, u8, String, String)> = Vec::new();
    let mut summary = None;
    let mut in_code = false;
    // For each quote open, whether it is an MDN note written the older way, shown as a box.
    let mut quotes: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        // Each event is taken once, in order; look-ahead only reads later ones.
        let e = std::mem::replace(&mut events[i], Event::SoftBreak);
        match e {
            Event::Start(Tag::Paragraph) => {
                let end = matching_end(&events, i);
                let inner = &events[i + 1..end];
                if let Some(blocks) = block_only(inner, outputs) {
                    for n in blocks {
                        out.push(Event::Html(CowStr::from(format!("{}\n", outputs[n].html))));
                    }
                    i = end + 1;
                    continue;
                }
                if summary.is_none() && heads.is_empty() {
                    let s = summary_text(inner, outputs);
                    if !s.is_empty() {
                        summary = Some(s);
                    }
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let end = matching_end(&events, i);
                let title = plain_text(&events[i + 1..end]);
                // An explicit `{#id}` is kept when it is a plain name, else made into one.
                let id = match id {
                    Some(i) if !i.is_empty() && i.chars().all(|c| c.is_alphanumeric() || "-_.:".contains(c)) => {
                        i.to_string()
                    }
                    Some(i) => slugify(&i),
                    None => slugify(&title),
                };
                let id = unique(id, seen);
                let lvl = level as u8;
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    heads.push((out.len(), lvl, id.clone(), title));
                }
                // Only the id of `{#id .class key=value}` is kept: arbitrary attributes would let
                // content add event handlers (found by fuzzing).
                let _ = (classes, attrs);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => out.push(notecard(kind, env)),
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html(CowStr::Borrowed("</div>\n"))),
            Event::Start(Tag::BlockQuote(None)) => match legacy_alert(&mut events, i, env) {
                Some((kind, text)) => {
                    quotes.push(true);
                    out.push(notecard(kind, env));
                    if let Some(Event::End(TagEnd::Paragraph)) = events.get(text) {
                        // `> **Note:**` alone on its paragraph: the note's text follows it.
                        i = text + 1;
                    } else {
                        // The paragraph goes on from its text; the event before it (the bold
                        // word's end, or a cut line break) is read again as the paragraph's start.
                        events[text - 1] = Event::Start(Tag::Paragraph);
                        i = text - 1;
                    }
                    continue;
                }
                None => {
                    quotes.push(false);
                    out.push(Event::Start(Tag::BlockQuote(None)));
                }
            },
            Event::End(TagEnd::BlockQuote(None)) => out.push(match quotes.pop() {
                Some(true) => Event::Html(CowStr::Borrowed("</div>\n")),
                _ => Event::End(TagEnd::BlockQuote(None)),
            }),
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                let kind = match kind {
                    CodeBlockKind::Fenced(lang) => {
                        CodeBlockKind::Fenced(CowStr::from(fences::code_lang(&lang).to_string()))
                    }
                    k => k,
                };
                // A code block scrolls sideways on a narrow screen: it takes the keyboard focus so
                // that it can be scrolled without a mouse (WCAG 2.2 SC 2.1.1).
                let class = match &kind {
                    CodeBlockKind::Fenced(lang) if !lang.is_empty() => format!(" class=\"language-{}\"", esc(lang)),
                    _ => String::new(),
                };
                // A js block becomes one piece of highlighted markup in place of its text events.
                if let CodeBlockKind::Fenced(lang) = &kind
                    && env.config.highlight
                    && highlight::Lang::from_name(lang).is_some()
                {
                    let end = matching_end(&events, i);
                    let code: String = events[i + 1..end]
                        .iter()
                        .filter_map(|e| if let Event::Text(t) = e { Some(&**t) } else { None })
                        .collect();
                    if let Some(html) = highlight::highlight(lang, &code) {
                        out.push(Event::Html(CowStr::from(format!(
                            "<pre tabindex=\"0\"><code{class}>{html}</code></pre>\n"
                        ))));
                        in_code = false;
                        i = end + 1;
                        continue;
                    }
                }
                out.push(Event::Html(CowStr::from(format!("<pre tabindex=\"0\"><code{class}>"))));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(Event::Html(CowStr::Borrowed("</code></pre>\n")));
            }
            Event::Text(t) if !in_code && may_hold_placeholders(&t) && t.contains(OPEN) => expand(t, outputs, &mut out),
            e => out.push(e),
        }
        i += 1;
    }

    let total = out.len();
    let intro_end = heads.first().map_or(total, |h| h.0);
    let mut events = out.into_iter();
    let mut to_html = |n: usize| {
        // Written into a string of about its final size, not grown and copied.
        let mut html = String::with_capacity(html_size(&events.as_slice()[..n]));
        pulldown_cmark::html::push_html(&mut html, events.by_ref().take(n));
        html
    };
    let mut rendered = Rendered {
        intro: to_html(intro_end),
        sections: Vec::with_capacity(heads.len()),
        summary,
        untranslated_cells: 0,
    };
    let ends: Vec<usize> = heads.iter().skip(1).map(|h| h.0).chain([total]).collect();
    for ((start, level, id, title), end) in heads.into_iter().zip(ends) {
        rendered.sections.push(Section { id, level, kind: section_kind(&title), title, html: to_html(end - start) });
    }
    rendered
}

/// The opening of an alert's box, with its title in the language of the text.
fn notecard<'a>(kind: BlockQuoteKind, env: &Env) -> Event<'a> {
    let (class, msg) = alert_id(kind);
    Event::Html(CowStr::from(format!(
        "<div class=\"notecard {class}\" role=\"note\"><p class=\"notecard-title\"><strong>{}</strong></p>\n",
        esc(&env.i18n.text(env.text_locale, msg))
    )))
}

/// About the length of the HTML of `events`: their text, a little for escapes, and their tags.
fn html_size(events: &[Event]) -> usize {
    let text: usize = events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
            Event::Start(Tag::Link { dest_url, .. }) => dest_url.len(),
            _ => 0,
        })
        .sum();
    text + text / 16 + 12 * events.len()
}

/// Resolves a link written in a dialect's own site form to our page when we have it, else to
/// the source site's absolute URL.
pub fn resolve_link(dest: &str, dialect: Dialect, env: &Env) -> String {
    resolve(dest, dialect, env).0
}

/// [`resolve_link`], and the key `dest` names when the site has no page for it (the link then
/// goes to the site the dialect's links lead to).
fn resolve(dest: &str, dialect: Dialect, env: &Env) -> (String, Option<String>) {
    if !sanitize::safe_url(dest) {
        return ("#".into(), None);
    }
    let (path, frag) = dest.split_at(dest.find('#').unwrap_or(dest.len()));
    if path.is_empty() {
        return (dest.to_string(), None);
    }
    // Our page for `key`, else `dest` on the site at `site` (written out only then), and the key.
    let ours = |key: Option<&str>, site: &str| match key.and_then(|k| env.our_page_at(k, frag)) {
        Some(href) => (href, None),
        None => ([site, dest].concat(), key.map(str::to_string)),
    };
    fn mdn_key(p: &str) -> Option<&str> {
        let rest = p.strip_prefix('/')?;
        let (_, doc) = rest.split_once("/docs/")?;
        Some(doc.trim_end_matches('/'))
    }
    if let Some(p) = path.strip_prefix("https://developer.mozilla.org") {
        return ours(mdn_key(p), "");
    }
    if let Some(p) = path.strip_prefix("https://www.w3api.com") {
        return ours(key_from_permalink(p).as_deref(), "");
    }
    if let Some(p) = path.strip_prefix("https://webplatform.github.io/docs") {
        return ours(key_from_uri(p).as_deref(), "");
    }
    if !path.starts_with('/') || path.starts_with("//") {
        return (dest.to_string(), None);
    }
    match dialect {
        Dialect::Mdn => ours(mdn_key(path), "https://developer.mozilla.org"),
        Dialect::WebPlatform => ours(key_from_uri(path).as_deref(), "https://webplatform.github.io/docs"),
        Dialect::Jekyll => ours(key_from_permalink(path).as_deref(), "https://www.w3api.com"),
    }
}

/// A warning for a link to `key`, which names no page of the site but is one letter off one
/// that it has (see [`crate::model::Model::near`]).
pub(crate) fn near_miss(key: &str, env: &Env) -> Option<Diagnostic> {
    let near = env.model.near(key)?;
    Some(
        Diagnostic::warning(
            "link-near-miss",
            format!("`{key}` is no page of this site, so the link leads to the source site, where it may not exist"),
        )
        .hint(format!(
            "did you mean `{}`? If the page is meant to be the source site's, the link is right as it is",
            near.key
        )),
    )
}

mod fences;
mod syntax;
#[cfg(test)]
mod tests;

pub use fences::highlighted_code;

/// Inline markdown (a front-matter value such as an attribution) → HTML, links resolved and
/// images dropped.
pub fn render_inline(md: &str, dialect: Dialect, env: &Env) -> String {
    let mut html = String::new();
    let mut in_image = 0usize;
    let events: Vec<Event> = Parser::new_ext(md, Options::empty())
        .filter_map(|e| match e {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                None
            }
            _ if in_image > 0 => None,
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = resolve_link(&dest_url, dialect, env);
                Some(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id }))
            }
            e => Some(e),
        })
        .collect();
    pulldown_cmark::html::push_html(&mut html, drop_empty_links(events).into_iter());
    html.trim().to_string()
}

/// Removes links left with no content (an image link whose image was dropped): a link needs text
/// to be announced and followed (WCAG 2.2 SC 2.4.4). Spaces before such a link go with it.
fn drop_empty_links(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut events = events.into_iter().peekable();
    while let Some(e) = events.next() {
        if matches!(e, Event::Start(Tag::Link { .. })) && matches!(events.peek(), Some(Event::End(TagEnd::Link))) {
            events.next();
            if let Some(Event::Text(t)) = out.last_mut() {
                *t = CowStr::from(t.trim_end().to_string());
            }
            continue;
        }
        out.push(e);
    }
    out
}
