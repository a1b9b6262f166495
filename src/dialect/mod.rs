//! Dialects stage: reads the front matter of each content file in the dialect it was written in
//! (MDN, Jekyll-style w3api, WebPlatform Docs) and turns it into one [`PageMeta`].
//!
//! Each dialect has its own raw type in its own file; this module splits the front matter, tells
//! the dialect from the fields present (or from an explicit `polyref-dialect` field) and reports
//! problems at the line they are on.

mod jekyll;
pub(crate) use jekyll::key_from_permalink;
pub(crate) use webplatform::key_from_uri;
mod mdn;
mod webplatform;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Location};
use crate::front_matter::{self, YamlMapping, YamlValue};
use crate::load::{ContentFile, Role};

/// The field a file may use to name its dialect when the fields alone do not tell.
pub const DIALECT_FIELD: &str = "polyref-dialect";

/// The front-matter dialects polyref understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// MDN markdown: title, short-title, slug, page-type, l10n.sourceCommit …
    Mdn,
    /// Jekyll-style front matter as w3api writes it: permalink, key, category, tags …
    Jekyll,
    /// WebPlatform Docs: uri, readiness, attributions, relationships …
    WebPlatform,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Mdn => "mdn",
            Dialect::Jekyll => "jekyll",
            Dialect::WebPlatform => "webplatform",
        }
    }

    fn from_name(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "mdn" => Some(Dialect::Mdn),
            "jekyll" | "w3api" => Some(Dialect::Jekyll),
            "webplatform" | "wpd" => Some(Dialect::WebPlatform),
            _ => None,
        }
    }
}

/// What kind of API a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Method,
    Property,
    Constructor,
    Interface,
    Event,
    Other,
}

/// Where a translation's text came from, and under what licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub dialect: Dialect,
    /// The content file, as the site publishes it ([`ContentFile::published_path`]).
    pub file: String,
    /// The page on the project it was taken from.
    pub original_url: String,
    /// The project it was taken from ("MDN Web Docs", "w3api", "WebPlatform Docs").
    pub project: String,
    pub licence: String,
    pub licence_url: String,
    pub attribution: String,
}

/// One content file's front matter, understood.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub dialect: Dialect,
    /// The entity key in MDN's slug form: `Web/API/WebSocket/close`.
    pub key: String,
    pub title: String,
    pub short_title: Option<String>,
    pub summary: Option<String>,
    pub kind: Option<Kind>,
    /// The English revision a translation was made from (MDN `l10n.sourceCommit`).
    pub source_commit: Option<String>,
    pub spec_urls: Vec<String>,
    pub browser_compat: Option<String>,
    pub status: Vec<String>,
    pub source: SourceInfo,
    /// Dialect-specific facts kept for the page and its JSON model (readiness, tags, dates …),
    /// in the order the file gives them.
    pub facts: Vec<Fact>,
}

/// A labelled fact from a dialect's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// The front-matter field it came from (also the Fluent message suffix for its label).
    pub field: String,
    pub value: String,
    /// The value is inline markdown (links), not plain text.
    pub markdown: bool,
}

impl Fact {
    pub fn text(field: &str, value: impl Into<String>) -> Fact {
        Fact { field: field.into(), value: value.into(), markdown: false }
    }
    pub fn markdown(field: &str, value: impl Into<String>) -> Fact {
        Fact { field: field.into(), value: value.into(), markdown: true }
    }
}

/// A parsed content file: its meta and where its markdown body starts.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub file: ContentFile,
    pub meta: PageMeta,
    /// Byte offset of the body in the file's text.
    pub body_start: usize,
    /// Problems that do not stop the page from being built.
    pub warnings: Vec<Diagnostic>,
    /// The `polyref-source-hash` recorded in the front matter (any dialect), lowercased.
    pub source_hash: Option<String>,
}

impl ParsedFile {
    pub fn body(&self) -> &str {
        &self.file.source.text[self.body_start..]
    }
}

/// Reads one file's front matter. All problems found in it are returned together.
pub fn parse(file: &ContentFile, mdn_locale: &str) -> Result<ParsedFile, Vec<Diagnostic>> {
    let text = &file.source.text;
    let src = &file.source;
    let split = front_matter::split(text).map_err(|u| {
        vec![
            Diagnostic::error("front-matter-unclosed", "the front matter is never closed")
                .at(src.at(u.open))
                .label("opened here")
                .hint("end the front matter with a line holding only `---`"),
        ]
    })?;
    let Some(yaml) = split.yaml else {
        return Err(vec![
            Diagnostic::error("front-matter-missing", "this page has no front matter")
                .at(src.at(0..text.find('\n').unwrap_or(text.len())))
                .hint("start the file with `---`, a `title: …` line, the page's `slug: …`, and `---`"),
        ]);
    };
    let yaml_error = |e: front_matter::YamlError| {
        let at = split.yaml_start + e.offset.unwrap_or(0);
        let d = Diagnostic::error("front-matter-yaml", format!("the front matter is not valid YAML: {}", e.message))
            .at(src.at(at..at + 1));
        let d = match e.label {
            Some(label) => d.label(label),
            None => d,
        };
        d.hint(e.hint.unwrap_or_else(|| {
            "check the indentation and quote values that contain `:` or start with `[`, `{`, `*`, `&` or `!`".into()
        }))
    };
    let value: YamlValue = front_matter::parse_yaml(yaml).map_err(|e| vec![yaml_error(e)])?;
    let map = match value {
        YamlValue::Mapping(m) => m,
        YamlValue::Null => YamlMapping::new(),
        _ => {
            return Err(vec![
                Diagnostic::error("front-matter-yaml", "the front matter must be a list of `field: value` lines")
                    .at(src.at(split.yaml_start..split.yaml_start + 1))
                    .hint("write one `field: value` per line"),
            ]);
        }
    };
    let source_hash =
        map.get(crate::status::SOURCE_HASH_FIELD).and_then(|v| v.as_str()).map(|s| s.trim().to_lowercase());
    let dialect = detect(&map, &Ctx { file, yaml, yaml_start: split.yaml_start, mdn_locale, value: None.into() })?;
    let ctx = Ctx { file, yaml, yaml_start: split.yaml_start, mdn_locale, value: Some(YamlValue::Mapping(map)).into() };
    let mut warnings = {
        let value = ctx.value.borrow();
        let Some(YamlValue::Mapping(map)) = value.as_ref() else { unreachable!("set just above") };
        misspelt_fields(map, dialect, &ctx)
    };
    let meta = match dialect {
        Dialect::Mdn => mdn::parse(&ctx),
        Dialect::Jekyll => jekyll::parse(&ctx),
        Dialect::WebPlatform => webplatform::parse(&ctx),
    }?;
    check_key(&ctx, &meta)?;
    warnings.extend(check_location(&ctx, &meta));
    warnings.extend(check_dates(&ctx, &meta));
    warnings.extend(check_status(&ctx, &meta));
    warnings.extend(check_source_ids(&ctx, &meta, source_hash.as_deref()));
    Ok(ParsedFile { file: file.clone(), meta, body_start: split.body_start, warnings, source_hash })
}

/// Reads the front matter of every file, in parallel: the files that parsed, in order, and every
/// problem found (each file's warnings taken out of it). A file whose front matter has errors is
/// not rendered, but the errors its macro calls show without rendering are reported with them, so
/// that one run finds both.
pub fn parse_all(files: &[ContentFile]) -> (Vec<ParsedFile>, Vec<Diagnostic>) {
    let results: Vec<_> = files
        .par_iter()
        .map(|f| {
            parse(f, crate::config::Config::mdn_locale(&f.locale)).map_err(|mut diags| {
                if let Ok(split) = front_matter::split(&f.source.text) {
                    diags.extend(crate::macros::check_calls(split.body, &f.source, split.body_start));
                }
                diags
            })
        })
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(mut f) => {
                diags.append(&mut f.warnings);
                parsed.push(f);
            }
            Err(d) => diags.extend(d),
        }
    }
    (parsed, diags)
}

/// What a dialect parser needs to read and report.
pub(crate) struct Ctx<'a> {
    pub file: &'a ContentFile,
    pub yaml: &'a str,
    pub yaml_start: usize,
    pub mdn_locale: &'a str,
    /// The front matter, parsed once; taken by [`Ctx::raw`].
    pub value: std::cell::RefCell<Option<YamlValue>>,
}

impl Ctx<'_> {
    /// Converts the front matter into a dialect's raw type. The YAML was parsed once already;
    /// only when the conversion fails is the text parsed again, to locate the problem.
    pub fn raw<T: serde::de::DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        if let Some(value) = self.value.borrow_mut().take()
            && let Ok(raw) = front_matter::from_value(value)
        {
            return Ok(raw);
        }
        front_matter::parse_yaml(self.yaml).map_err(|e| {
            let at = self.yaml_start + e.offset.unwrap_or(0);
            let (message, hint) = match e.message.split_once(", expected struct ") {
                // serde names our Rust type; a translator needs the YAML shape.
                Some((found, _)) => (
                    match found.split_once(": invalid type: ") {
                        Some((field, what)) => format!("`{field}` needs indented fields below it, but has {what}"),
                        None => format!("a front-matter field needs indented fields below it: {found}"),
                    },
                    "write the field name alone on its line and its fields indented below it, e.g. `l10n:` then `  sourceCommit: 3e543cd…`",
                ),
                None => (
                    format!("a front-matter field has the wrong form: {}", e.message),
                    "compare with another page of the same kind; lists are `[a, b]` or lines starting with `- `",
                ),
            };
            vec![Diagnostic::error("front-matter-field", message).at(self.file.source.at(at..at + 1)).hint(hint)]
        })
    }

    /// The location of `field:` in the front matter, or of the opening `---` if it is absent.
    pub fn field(&self, field: &str) -> Location {
        self.field_below(field, None)
    }

    /// Like [`Ctx::field`], for a field indented below `parent:` (`l10n:` then `  sourceCommit:`).
    pub fn field_below(&self, field: &str, parent: Option<&str>) -> Location {
        self.find_field(field, parent).unwrap_or_else(|| self.file.source.at(0..3))
    }

    /// The location of `field:` (below `parent:`), if the front matter has that line.
    fn find_field(&self, field: &str, parent: Option<&str>) -> Option<Location> {
        let pat = format!("{field}:");
        let parent = parent.map(|p| format!("{p}:"));
        let mut offset = 0;
        // Below `parent:`: between it and the next line that is not indented.
        let mut inside = false;
        for line in self.yaml.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let content = line.trim_start_matches(' ');
            let indent = line.len() - content.len();
            let found = match &parent {
                None => indent == 0 && content.starts_with(&pat),
                Some(_) if content.trim().is_empty() || content.starts_with('#') => false,
                Some(p) if indent == 0 => {
                    inside = content.trim_end() == p;
                    false
                }
                Some(_) => inside && content.starts_with(&pat),
            };
            if found {
                let at = self.yaml_start + at + indent;
                return Some(self.file.source.at(at..at + field.len()));
            }
        }
        None
    }

    /// A required field that is absent, or present with nothing after its `:`.
    pub fn missing(&self, field: &str, example: &str) -> Diagnostic {
        match self.find_field(field, None) {
            Some(at) => Diagnostic::error("front-matter-missing-field", format!("`{field}` has no value"))
                .at(at)
                .hint(format!("write it after the colon, as in `{field}: {example}`")),
            None => Diagnostic::error("front-matter-missing-field", format!("the front matter has no `{field}`"))
                .at(self.file.source.at(0..3))
                .label("front matter starts here")
                .hint(format!("add a line such as `{field}: {example}`")),
        }
    }

    /// The file's path as the site publishes it.
    pub fn published_path(&self) -> String {
        self.file.published_path()
    }
}

fn detect(map: &YamlMapping, ctx: &Ctx) -> Result<Dialect, Vec<Diagnostic>> {
    let has = |k: &str| map.contains_key(YamlValue::String(k.into()));
    if let Some(v) = map.get(YamlValue::String(DIALECT_FIELD.into())) {
        let name = v.as_str().unwrap_or_default();
        return Dialect::from_name(name).ok_or_else(|| {
            vec![
                Diagnostic::error("dialect-unknown", format!("`{name}` is not a dialect polyref knows"))
                    .at(ctx.field(DIALECT_FIELD))
                    .hint("use `mdn`, `jekyll` or `webplatform`"),
            ]
        });
    }
    let votes = [
        (Dialect::Mdn, ["slug", "l10n", "page-type", "browser-compat"].iter().filter(|k| has(k)).count()),
        (Dialect::Jekyll, ["permalink", "key", "sidebar", "excerpt"].iter().filter(|k| has(k)).count()),
        (
            Dialect::WebPlatform,
            ["uri", "readiness", "attributions", "relationships", "standardization_status"]
                .iter()
                .filter(|k| has(k))
                .count(),
        ),
    ];
    let found: Vec<_> = votes.iter().filter(|(_, n)| *n > 0).collect();
    match found.as_slice() {
        [(d, _)] => Ok(*d),
        [] => {
            let mut fields: Vec<_> = map.keys().filter_map(|k| k.as_str()).collect();
            fields.sort_unstable();
            Err(vec![Diagnostic::error("dialect-unknown", "cannot tell which dialect this front matter is written in")
                .at(ctx.file.source.at(0..3))
                .label(format!("fields: {}", if fields.is_empty() { "none".into() } else { fields.join(", ") }))
                .hint(format!("an MDN page has `slug:`, a w3api page `key:` or `permalink:`, a WebPlatform page `uri:`; or add `{DIALECT_FIELD}: mdn`"))])
        }
        many => {
            let names: Vec<_> = many.iter().map(|(d, _)| d.name()).collect();
            Err(vec![
                Diagnostic::error(
                    "dialect-ambiguous",
                    format!("the front matter mixes fields of several dialects ({})", names.join(", ")),
                )
                .at(ctx.file.source.at(0..3))
                .hint(format!("remove the fields of the other dialect, or add `{DIALECT_FIELD}: {}`", names[0])),
            ])
        }
    }
}

/// The fields each dialect defines (others are kept but unused).
fn known_fields(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Mdn => {
            &["title", "short-title", "slug", "page-type", "status", "browser-compat", "spec-urls", "l10n", "sidebar"]
        }
        Dialect::Jekyll => &[
            "title",
            "permalink",
            "excerpt",
            "date",
            "last_modified_at",
            "key",
            "category",
            "tags",
            "image",
            "sidebar",
            "layout",
        ],
        Dialect::WebPlatform => &[
            "title",
            "attributions",
            "notes",
            "readiness",
            "relationships",
            "standardization_status",
            "summary",
            "tags",
            "uri",
        ],
    }
}

/// A field that is not the dialect's but looks like a typo of one (`titel:`) is a warning.
fn misspelt_fields(map: &YamlMapping, dialect: Dialect, ctx: &Ctx) -> Vec<Diagnostic> {
    let known = known_fields(dialect);
    let mut out = Vec::new();
    let hash_field = crate::status::SOURCE_HASH_FIELD;
    for key in map.keys().filter_map(|k| k.as_str()) {
        if key == DIALECT_FIELD || key == hash_field || known.contains(&key) {
            continue;
        }
        if dialect == Dialect::Mdn && key.eq_ignore_ascii_case(SOURCE_COMMIT) {
            // Read only below `l10n:`: here it would be dropped without a word.
            out.push(
                Diagnostic::warning("front-matter-unknown-field", format!("`{key}` belongs below `l10n:`"))
                    .at(ctx.field(key))
                    .hint(format!(
                        "write `l10n:` on a line of its own and indent this line below it: `  {SOURCE_COMMIT}: …`"
                    )),
            );
            continue;
        }
        let mut candidates = known.iter().copied().chain([hash_field]);
        if let Some(near) = candidates.find(|k| strsim::levenshtein(k, key) <= 2 && key.len() > 2) {
            out.push(
                Diagnostic::warning(
                    "front-matter-unknown-field",
                    format!("`{key}` is not a field of the {} dialect", dialect.name()),
                )
                .at(ctx.field(key))
                .hint(format!("did you mean `{near}`?")),
            );
        }
    }
    // MDN's `l10n:` holds `sourceCommit` alone.
    if dialect == Dialect::Mdn
        && let Some(YamlValue::Mapping(l10n)) = map.get("l10n")
    {
        for key in l10n.keys().filter_map(|k| k.as_str()).filter(|k| *k != SOURCE_COMMIT) {
            if strsim::levenshtein(&key.to_lowercase(), &SOURCE_COMMIT.to_lowercase()) <= 3 {
                out.push(
                    Diagnostic::warning(
                        "front-matter-unknown-field",
                        format!("`l10n.{key}` is not a field of MDN pages"),
                    )
                    .at(ctx.field_below(key, Some("l10n")))
                    .hint(if key.eq_ignore_ascii_case(SOURCE_COMMIT) {
                        format!("write it `{SOURCE_COMMIT}`: field names tell capitals from small letters")
                    } else {
                        format!("did you mean `{SOURCE_COMMIT}`?")
                    }),
                );
            }
        }
    }
    out
}

/// The field of MDN's `l10n:` that records the English commit a translation was made from.
const SOURCE_COMMIT: &str = "sourceCommit";

/// A key becomes a folder of the site: it must not be able to point anywhere else.
fn check_key(ctx: &Ctx, meta: &PageMeta) -> Result<(), Vec<Diagnostic>> {
    let bad = |why: &str| {
        let field = match meta.dialect {
            Dialect::Mdn => "slug",
            Dialect::Jekyll => "key",
            Dialect::WebPlatform => "uri",
        };
        Err(vec![
            Diagnostic::error("unsafe-slug", format!("the page address `{}` {why}", meta.key.escape_debug()))
                .at(ctx.field(field))
                .hint("an address is made of names separated by `/`, such as Web/API/WebSocket/close"),
        ])
    };
    if meta.key.chars().any(|c| c.is_control() || matches!(c, '\\' | '%' | '?' | '#' | '<' | '>' | '"' | '|' | '*')) {
        return bad("contains a character that cannot be part of an address");
    }
    if meta.key.split('/').any(|seg| seg.is_empty() || seg == "." || seg == ".." || seg.trim() != seg) {
        return bad("has an empty, `.` or `..` part, which would lead outside its folder");
    }
    if meta.key.len() > 512 || meta.key.split('/').count() > 32 {
        return bad("is too long");
    }
    Ok(())
}

/// A page should sit in the folder its key names, so that translators find it by locale and
/// slug. It is still built at its key's address; two files claiming one page is an error later.
fn check_location(ctx: &Ctx, meta: &PageMeta) -> Option<Diagnostic> {
    let expected = meta.key.to_lowercase();
    if ctx.file.dir == expected {
        return None;
    }
    let field = match meta.dialect {
        Dialect::Mdn => "slug",
        Dialect::Jekyll => "key",
        Dialect::WebPlatform => "uri",
    };
    let what = match &ctx.file.role {
        Role::Primary => "page",
        Role::Supplement(_) => "supplementary source",
    };
    Some(
        Diagnostic::warning(
            "page-location",
            format!("this {what} is for `{}` but sits in `{}/{}`", meta.key, ctx.file.locale, ctx.file.dir),
        )
        .at(ctx.field(field))
        .hint(format!("move the file to content/{}/{expected}/, or correct `{field}`", ctx.file.locale)),
    )
}

/// `l10n.sourceCommit` and `polyref-source-hash` are git ids ([`crate::git::looks_like_commit`]).
/// Anything else can name no version, and `status` could only call the translation's source
/// unknown.
fn check_source_ids(ctx: &Ctx, meta: &PageMeta, source_hash: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let fields = [
        (
            meta.source_commit.as_deref(),
            SOURCE_COMMIT,
            Some("l10n"),
            "the English page's commit",
            "git log -1 --format=%H -- content/en/<page>/index.md",
        ),
        (source_hash, crate::status::SOURCE_HASH_FIELD, None, "the English file's hash", "polyref status"),
    ];
    for (value, field, parent, what, how) in fields {
        let Some(value) = value.map(str::trim).filter(|v| !crate::git::looks_like_commit(v)) else { continue };
        out.push(
            Diagnostic::warning(
                "front-matter-commit",
                format!("`{value}` is not a git id, so this translation's source version is unknown"),
            )
            .at(ctx.field_below(field, parent))
            .hint(format!("write {what}: 40 hexadecimal digits, as `{how}` prints it")),
        );
    }
    out
}

/// The values MDN gives a page's `status`, each shown as a badge by the page's title.
pub const STATUS_VALUES: [&str; 3] = ["experimental", "deprecated", "non-standard"];

/// A `status` value that is not one of MDN's: it shows no badge.
fn check_status(ctx: &Ctx, meta: &PageMeta) -> Vec<Diagnostic> {
    meta.status
        .iter()
        .filter(|s| !STATUS_VALUES.contains(&s.as_str()))
        .map(|s| {
            let close = STATUS_VALUES.iter().find(|v| strsim::levenshtein(v, &s.to_lowercase()) <= 2);
            Diagnostic::warning("front-matter-status", format!("`{s}` is not a status MDN uses: it shows no badge"))
                .at(ctx.field("status"))
                .hint(match close {
                    Some(v) => {
                        format!("did you mean `{v}`? The values are `experimental`, `deprecated` and `non-standard`")
                    }
                    None => "the values are `experimental`, `deprecated` and `non-standard`".to_string(),
                })
        })
        .collect()
}

/// The facts that hold a date (Jekyll's `date` and `last_modified_at`).
const DATE_FIELDS: [&str; 2] = ["date", "last_modified_at"];

/// A date fact must be a calendar date, `YYYY-MM-DD` (optionally followed by a time, as Jekyll
/// allows): `2025-02-31` would be shown as it is, and Jekyll itself refuses it.
fn check_dates(ctx: &Ctx, meta: &PageMeta) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for fact in meta.facts.iter().filter(|f| DATE_FIELDS.contains(&f.field.as_str())) {
        let value = fact.value.trim();
        let Err(problem) = calendar_date(value) else { continue };
        out.push(
            Diagnostic::warning("front-matter-date", format!("`{value}` is not a date: {problem}"))
                .at(ctx.field(&fact.field))
                .hint(format!("write the date as year-month-day, e.g. `{}: 2025-02-04`", fact.field)),
        );
    }
    out
}

/// Whether `text` starts with a real calendar date `YYYY-MM-DD` (what may follow is a time).
fn calendar_date(text: &str) -> Result<(), String> {
    fn digits(s: Option<&str>) -> Option<&str> {
        s.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    }
    let date = text.split([' ', 'T']).next().unwrap_or_default();
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (digits(parts.next()), digits(parts.next()), digits(parts.next()), parts.next())
    else {
        return Err("dates are written year-month-day".into());
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err("dates are written year-month-day".into());
    };
    if y.len() != 4 {
        return Err("the year has four digits".into());
    }
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Err(format!("month {month} of {year} has {days} days"));
    }
    Ok(())
}

/// Entity key from the w3api/WebPlatform style path segments of a Web API.
pub(crate) fn web_api_key(segments: &[&str]) -> String {
    let mut key = String::from("Web/API");
    for s in segments.iter().filter(|s| !s.is_empty()) {
        key.push('/');
        key.push_str(s);
    }
    key
}

/// Guesses the kind from the key when the front matter does not say: `Web/API/X` is an
/// interface, `Web/API/X/X` its constructor, anything deeper a member.
pub(crate) fn kind_from_key(key: &str) -> Kind {
    let parts: Vec<_> = key.split('/').collect();
    match parts.as_slice() {
        ["Web", "API", _] => Kind::Interface,
        ["Web", "API", i, m] if i == m => Kind::Constructor,
        ["Web", "API", _, m] if m.ends_with("_event") => Kind::Event,
        _ => Kind::Other,
    }
}

/// A YAML scalar as text, for facts shown on the page.
pub(crate) fn scalar(v: &YamlValue) -> Option<String> {
    match v {
        YamlValue::String(s) => Some(s.clone()),
        YamlValue::Number(n) => Some(n.to_string()),
        YamlValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
