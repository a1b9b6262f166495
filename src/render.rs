//! Render stage: Tera set-up and the typed views handed to templates. Pure: templates arrive
//! as text from the load stage and pages leave as strings for the write stage.
//!
//! Templates get view structs (documented fields, checked by the compiler), never ad-hoc maps.
//! Every error names the page and the template, with the template's line and column.

use std::sync::Arc;

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::diag::{Diagnostic, Location, Source};
use crate::dialect::Kind;
use crate::i18n::I18n;

/// The templates a site needs; each must exist in `templates/`.
pub const REQUIRED: &[&str] = &["base.html", "page.html", "home.html", "root.html", "404.html"];

/// A language in the switcher.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    /// The language's name in itself ("Deutsch").
    pub name: String,
    pub href: String,
    pub current: bool,
    /// The page has a real translation in this language.
    pub translated: bool,
}

/// A `<link rel="alternate" hreflang>` target: a real translation, or `x-default`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternateView {
    pub hreflang: String,
    pub href: String,
}

/// The notice on a page shown in another language than the reader's.
#[derive(Debug, Clone, Serialize)]
pub struct FallbackView {
    /// The language the content is shown in.
    pub from: String,
    /// Its name, in the reader's language.
    pub from_name: String,
    /// The reader's language name, in the reader's language.
    pub to_name: String,
    /// The page in the language it is shown in, on our site.
    pub source_href: String,
}

/// Where the text came from and its licence.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub project: String,
    pub url: String,
    pub licence: String,
    pub licence_url: String,
    pub attribution: String,
    pub file: String,
}

/// A labelled fact from a source's front matter.
#[derive(Debug, Clone, Serialize)]
pub struct FactView {
    /// Empty when the fact is another value of the one before.
    pub label: String,
    /// Safe HTML (escaped text or rendered inline markdown).
    pub html: String,
}

/// A supplementary source shown below the page.
#[derive(Debug, Clone, Serialize)]
pub struct SupplementView {
    pub id: String,
    pub source: SourceView,
    pub facts: Vec<FactView>,
    pub body: String,
}

/// A badge: its class (`experimental`) and its label in the language of the text.
#[derive(Debug, Clone, Serialize)]
pub struct BadgeView {
    pub class: String,
    pub label: String,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocItem {
    pub id: String,
    pub title: String,
    pub level: u8,
}

/// The description and Open Graph properties of a page (computed in `head.rs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaView {
    /// `<meta name="description">` and `og:description`.
    pub description: Option<String>,
    /// The language of the title and description when it is not the page's (a fallback page).
    pub content_lang: Option<String>,
    /// `og:type`: `article` for an API page, `website` otherwise.
    pub og_type: String,
    pub og_title: String,
    /// `og:locale` (`de_DE`) and `og:locale:alternate`.
    pub og_locale: String,
    pub og_locale_alternates: Vec<String>,
}

/// Fields every page has.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    /// The reader's locale: all interface text is in it.
    pub lang: String,
    pub site_title: String,
    /// Relative path from this page to the site root, ending in `/` (or empty).
    pub root: String,
    /// This page's absolute URL on the published site (empty for `404.html`, served at any URL).
    pub canonical: String,
    pub languages: Vec<LanguageView>,
    pub alternates: Vec<AlternateView>,
    /// Description and Open Graph properties; `None` where there is nothing to describe.
    pub meta: Option<MetaView>,
    /// Our own scripts for this page (relative URLs), loaded with `defer`; none on most pages.
    pub scripts: Vec<String>,
}

/// An API reference page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub chrome: Chrome,
    pub title: String,
    /// The page's status (experimental, deprecated, non-standard), shown by its title.
    pub badges: Vec<BadgeView>,
    pub description: Option<String>,
    pub kind: Kind,
    /// The language the content is written in (differs from `chrome.lang` on a fallback).
    pub content_lang: String,
    pub fallback: Option<FallbackView>,
    pub body: String,
    pub toc: Vec<TocItem>,
    pub sources: Vec<SourceView>,
    pub supplements: Vec<SupplementView>,
}

/// A page in a locale's home listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HomeEntry {
    pub title: String,
    pub key: String,
    pub href: String,
    pub summary: Option<String>,
    pub translated: bool,
    pub content_lang: String,
}

/// A locale's home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub chrome: Chrome,
    pub pages: Vec<HomeEntry>,
}

/// The root page that lets the reader pick a language.
#[derive(Debug, Clone, Serialize)]
pub struct RootView {
    pub chrome: Chrome,
}

/// The message of `404.html` in one language.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundMessage {
    /// The locale this message is for (`data-locale`, what the script matches against).
    pub locale: String,
    /// The language the text is actually in (the default locale's when not translated).
    pub lang: String,
    pub title: String,
    pub text: String,
    /// The locale's home, as an absolute path under the base path.
    pub home_href: String,
    pub home_label: String,
}

/// `404.html`: served by the host for any missing address, so every link in it is an absolute
/// path under the base path. It says "not found" in every language; the script shows the reader's.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    pub chrome: Chrome,
    pub messages: Vec<NotFoundMessage>,
}

/// Compiled templates.
pub struct Renderer {
    tera: Tera,
    sources: Vec<Source>,
}

impl Renderer {
    /// Compiles `templates` (named by their path below `templates/`). All syntax errors are
    /// reported, each at its line. With no templates at all there is nothing to report here: the
    /// load stage has said why the folder gave none.
    pub fn new(templates: &[(String, Source)], i18n: &Arc<I18n>) -> Result<Renderer, Vec<Diagnostic>> {
        if templates.is_empty() {
            return Err(Vec::new());
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        i18n.register(&mut tera);
        let mut diags = Vec::new();
        let sources: Vec<Source> = templates.iter().map(|(_, s)| s.clone()).collect();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, s)| (n.as_str(), s.text.as_ref()))) {
            if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                // Tera stops at the first template that does not parse: each is parsed alone too,
                // so that one run reports the syntax errors of all of them.
                for (name, source) in templates {
                    if let Err(e) = Tera::new().add_raw_template(name, &source.text)
                        && matches!(e.kind(), ErrorKind::SyntaxError(_))
                    {
                        diags.push(tera_diag(&e, None, &sources));
                    }
                }
            }
            if diags.is_empty() {
                diags.extend(compile_errors(&e, &sources));
            }
        }
        for name in REQUIRED {
            if !templates.iter().any(|(n, _)| n == name) {
                diags.push(
                    Diagnostic::error("template-missing", format!("the template `{name}` is missing"))
                        .at(Location::file(format!("templates/{name}")))
                        .hint("restore it from the project's templates/ folder"),
                );
            }
        }
        if diags.is_empty() { Ok(Renderer { tera, sources }) } else { Err(diags) }
    }

    /// Whether `templates/` has the template `name`.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with `view` for the page at `page` (named in errors).
    pub fn render<V: Serialize>(&self, template: &str, view: &V, page: &str) -> Result<String, Diagnostic> {
        let bytes = self.render_bytes(template, view, page, 0)?;
        String::from_utf8(bytes).map_err(|e| Diagnostic::error("template", format!("{page}: {e}")))
    }

    /// [`Renderer::render`] into bytes, in a buffer made `capacity` bytes large at the start
    /// (a page's body size plus its frame, so that it is not grown and copied as it fills).
    pub fn render_bytes<V: Serialize>(
        &self,
        template: &str,
        view: &V,
        page: &str,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut context =
            Context::from_serialize(view).map_err(|e| Diagnostic::error("template", format!("{page}: {e}")))?;
        if let Some(lang) = context.get("chrome").and_then(|c| c.get_from_path("lang")).cloned() {
            context.insert_value("lang", lang);
        }
        let mut out = Vec::with_capacity(capacity);
        self.tera.render_to(template, &context, &mut out).map_err(|e| tera_diag(&e, Some(page), &self.sources))?;
        Ok(out)
    }
}

/// The hint for a template problem with nothing more particular to say.
const TEMPLATE_HINT: &str = "check the template near this line; variables come from the view structs in src/render.rs";

/// Tera checks the templates together once they are parsed (unknown filters, functions and tests,
/// blocks no parent template has) and gives what it found as one message: reports of the form
/// `error: …`, ` --> name:line:col`, the line and a `^^^` underline, each maybe followed by
/// `note: …` reports. This makes one diagnostic of each, at its place, with the notes as its
/// hint; `None` if the message is not made of such reports.
fn reports(message: &str, sources: &[Source]) -> Option<Vec<Diagnostic>> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    for report in message.split("\n\n") {
        let mut lines = report.lines();
        let first = lines.next()?;
        if let Some(note) = first.strip_prefix("note: ") {
            let d = diags.pop()?;
            let hint = format!("{}; {note}", d.hint.clone().unwrap_or_default());
            diags.push(d.hint(hint));
            continue;
        }
        let text = first.strip_prefix("error: ")?;
        let place = lines.next()?.trim_start().strip_prefix("--> ")?;
        let mut parts = place.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        let path = format!("templates/{}", parts.next()?);
        let width = lines.last().map_or(1, |l| l.matches('^').count().max(1));
        let at = match sources.iter().find(|s| s.path.ends_with(&path)) {
            Some(src) => src.at_line_col(line, col, width),
            None => Location::bare(path, line, col),
        };
        let hint = if text.starts_with("Block ") {
            "a template that extends another fills only the blocks its parent declares: correct the name, or declare the block in the parent"
        } else if text.starts_with("Unknown function") {
            "the functions are Tera's own and `t(id=…)`, which shows an interface message"
        } else if text.starts_with("Unknown filter") || text.starts_with("Unknown test") {
            "check the spelling against Tera's built-in filters and tests"
        } else if text.starts_with("Unknown template") {
            "include a template of templates/ by its name there, e.g. `base.html`"
        } else {
            TEMPLATE_HINT
        };
        diags.push(Diagnostic::error("template", text).at(at).hint(hint));
    }
    (!diags.is_empty()).then_some(diags)
}

/// The errors of compiling the templates: one for each problem Tera found, at its place.
fn compile_errors(e: &tera::Error, sources: &[Source]) -> Vec<Diagnostic> {
    let found = match e.kind() {
        ErrorKind::Msg(m) => reports(m, sources),
        _ => None,
    };
    found.unwrap_or_else(|| vec![tera_diag(e, None, sources)])
}

/// Places `d` at the name `parent` in the `{% extends … %}` of the template `name`, or at the
/// template file when that is not found.
fn at_extends(d: Diagnostic, name: &str, parent: &str, sources: &[Source]) -> Diagnostic {
    let path = format!("templates/{name}");
    let Some(src) = sources.iter().find(|s| s.path.ends_with(&path)) else {
        return d.at(Location::file(path));
    };
    let extends = src.text.find("extends").unwrap_or(0);
    match src.text[extends..].find(parent).filter(|_| !parent.is_empty()) {
        Some(i) => d.at(src.at(extends + i..extends + i + parent.len())),
        None => d.at(Location::file(src.path.clone())),
    }
}

/// A Tera error as a diagnostic at the template's line, naming the page being rendered.
fn tera_diag(e: &tera::Error, page: Option<&str>, sources: &[Source]) -> Diagnostic {
    let for_page = page.map(|p| format!("while rendering {p}: ")).unwrap_or_default();
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let path = format!("templates/{}", r.filename());
            let mut d = Diagnostic::error("template", format!("{for_page}{}", r.message())).hint(TEMPLATE_HINT);
            if let Some(src) = sources.iter().find(|s| s.path.ends_with(&path) || s.path == path) {
                d = d.at(src.at(r.span().range.clone()));
            } else {
                let span = r.span();
                d = d.at(Location::bare(path, span.start_line, span.start_col + 1));
            }
            d
        }
        ErrorKind::MissingParent { current, parent } => {
            let d =
                Diagnostic::error("template", format!("`{current}` extends `{parent}`, which is not in templates/"))
                    .hint("extend a template of templates/ by its file name, e.g. `{% extends \"base.html\" %}`");
            at_extends(d, current, parent, sources)
        }
        ErrorKind::CircularExtend { tpl, inheritance_chain } => {
            let d = Diagnostic::error(
                "template",
                format!("`{tpl}` extends itself through {}", inheritance_chain.join(" → ")),
            )
            .hint("a template extends `base.html` (or another that does); `base.html` extends none");
            at_extends(d, tpl, inheritance_chain.first().map_or("", String::as_str), sources)
        }
        _ => {
            let mut msg = e.to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(c) = cause {
                msg.push_str(&format!(": {c}"));
                cause = c.source();
            }
            Diagnostic::error("template", format!("{for_page}{msg}")).hint("check the templates in templates/")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tera_reports_become_one_located_diagnostic_each_with_notes_in_the_hint() {
        let sources = [Source::new("templates/page.html", "{% extends \"base.html\" %}\n<p>{{ x | upperr }}</p>\n")];
        let message = "error: Unknown filter `upperr`\n --> page.html:2:11\n  |\n2 | <p>{{ x | upperr }}</p>\n  |           ^^^^^^\n\n\
            note: defined here other.html:1:1\n  |\n1 | x\n  | ^\n\n\
            error: Unknown function `tt`\n --> missing.html:7:3\n  |\n7 | {{ tt() }}\n  |    ^^";
        let found = reports(message, &sources).expect("reports");
        let shown: Vec<String> =
            found.iter().map(|d| format!("{} at {}", d.message, d.location.as_ref().unwrap())).collect();
        assert_eq!(
            shown,
            [
                "Unknown filter `upperr` at templates/page.html:2:11",
                "Unknown function `tt` at templates/missing.html:7:3"
            ]
        );
        assert_eq!(&found[0].location.as_ref().unwrap().range, &(36..42), "the underline covers `upperr`");
        assert!(found[0].hint.as_deref().unwrap().ends_with("; defined here other.html:1:1"), "{:?}", found[0].hint);
        assert!(found[1].hint.as_deref().unwrap().contains("`t(id=…)`"), "{:?}", found[1].hint);
    }

    /// Compiles `templates` (name, text), which must fail, and shows each error with its place.
    fn compile(templates: &[(&str, &str)]) -> Vec<String> {
        let sources: Vec<Source> = templates.iter().map(|(n, t)| Source::new(format!("templates/{n}"), *t)).collect();
        let e = Tera::new().add_raw_templates(templates.iter().copied()).expect_err("the templates are broken");
        compile_errors(&e, &sources)
            .iter()
            .map(|d| format!("{} at {}", d.message, d.location.as_ref().map(ToString::to_string).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_parent_that_is_not_there_is_shown_in_the_extends_line() {
        assert_eq!(
            compile(&[
                ("base.html", "<p>{% block main %}{% endblock main %}</p>"),
                ("page.html", "\n{% extends \"bse.html\" %}")
            ]),
            ["`page.html` extends `bse.html`, which is not in templates/ at templates/page.html:2:13"]
        );
    }

    #[test]
    fn templates_that_extend_each_other_are_shown_in_the_extends_line() {
        let found = compile(&[("a.html", "{% extends \"b.html\" %}"), ("b.html", "{% extends \"a.html\" %}")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("extends itself through"), "{found:?}");
        assert!(found[0].ends_with(".html:1:13"), "{found:?}");
    }

    #[test]
    fn the_syntax_errors_of_every_template_are_reported_in_one_run() {
        let templates: Vec<(String, Source)> = [
            ("base.html", "<p>{% block main %}{% endblock main %}</p>"),
            ("home.html", "{% extends \"base.html\" %}\n{% block main }{% endblock main %}"),
            ("page.html", "{% extends \"base.html\" %}\n{% block main %}{{ title }{% endblock main %}"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), Source::new(format!("templates/{n}"), t)))
        .collect();
        let (i18n, _) = I18n::load("i18n", "en", &[("en".to_string(), vec![Source::new("i18n/en/ui.ftl", "a = A\n")])]);
        let Err(diags) = Renderer::new(&templates, &Arc::new(i18n)) else { panic!("the templates are broken") };
        let places: Vec<String> =
            diags.iter().filter(|d| d.code == "template").map(|d| d.location.as_ref().unwrap().to_string()).collect();
        assert_eq!(places, ["templates/home.html:2:15", "templates/page.html:2:26"], "{diags:?}");
    }

    #[test]
    fn a_message_that_is_not_made_of_reports_is_left_whole() {
        assert!(reports("Template 'x.html' is inheriting from 'y.html', which doesn't exist", &[]).is_none());
        assert!(reports("error: no place given", &[]).is_none());
    }
}
