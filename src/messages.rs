//! Message inventory: which Fluent messages each locale defines (with their lines), which the
//! code and templates can ask for, and the `check` findings about them: messages a locale
//! defines that the default locale does not (no page can show them), and messages the default
//! locale defines that nothing asks for.
//!
//! Missing messages (the default locale has them, another locale lacks them) are reported by
//! [`crate::i18n`] when the bundles load, and so are placeables that would show on a page as
//! written ([`check_placeables`]: a variable the default locale's message lacks, a reference to
//! no message).

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::data::close_codes::CloseCodeRegistry;
use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::diag::{Diagnostic, Source};

/// One message (or `message.attribute`) defined in a Fluent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defined {
    pub id: String,
    /// The file's name (`ui.ftl`), the same in every locale.
    pub file: String,
    /// Byte range of the id in the file, for diagnostics.
    pub at: std::ops::Range<usize>,
}

/// The messages a Fluent file defines, in order: `id = …` at the start of a line, and each
/// `.attribute = …` line under it (Fluent syntax: a message starts at column 0 with an
/// identifier; terms start with `-`, comments with `#`; attributes are indented lines starting
/// with `.`).
pub fn defined_in(source: &Source) -> Vec<Defined> {
    let file = source.path.rsplit('/').next().unwrap_or_default().to_string();
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut offset = 0;
    for line in source.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches('\n');
        if body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if let Some(id) = entry_id(body) {
                current = Some(id.to_string());
                // A message with only attributes has no value of its own.
                let value = body[id.len()..].trim_start()[1..].trim();
                if !value.is_empty() || !next_is_attribute(&source.text[offset..]) {
                    out.push(Defined { id: id.to_string(), file: file.clone(), at: start..start + id.len() });
                }
                continue;
            }
            current = None;
        } else if body.starts_with(['-', '#']) {
            current = None;
        } else if let (Some(msg), Some(attr)) = (&current, body.trim_start().strip_prefix('.')) {
            let name_len =
                attr.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(attr.len());
            if attr[name_len..].trim_start().starts_with('=') {
                let col = body.len() - body.trim_start().len() + 1;
                out.push(Defined {
                    id: format!("{msg}.{}", &attr[..name_len]),
                    file: file.clone(),
                    at: start + col..start + col + name_len,
                });
            }
        }
    }
    out
}

/// The id of the Fluent entry `line` starts, if it starts one: `id =` (a message) or `-id =` (a
/// term, returned with its `-`), written from the first column.
pub fn entry_id(line: &str) -> Option<&str> {
    let name = line.strip_prefix('-').unwrap_or(line);
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(name.len());
    let id_len = line.len() - name.len() + len;
    line[id_len..].trim_start().starts_with('=').then(|| &line[..id_len])
}

fn next_is_attribute(rest: &str) -> bool {
    rest.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with([' ', '\t']) && l.trim_start().starts_with('.'))
}

/// Every locale's definitions: locale → its files' messages.
pub fn inventory(messages: &[(String, Vec<Source>)]) -> BTreeMap<String, Vec<(Source, Vec<Defined>)>> {
    messages
        .iter()
        .map(|(locale, sources)| (locale.clone(), sources.iter().map(|s| (s.clone(), defined_in(s))).collect()))
        .collect()
}

/// Message ids the code asks for by name (beside those in templates and the families below).
/// Keep in step with the code: a unit test checks that every literal id in `src/` is listed.
pub const CODE_MESSAGES: &[&str] = &[
    "language-name",
    // The 404 page (src/hosting.rs).
    "not-found-title",
    "not-found-text",
    "root-choose",
    // The root page's description (src/head.rs).
    "root-description",
    "untranslated-marker",
    // The close-code table and the close() summary (src/data/table.rs).
    "close-codes-code",
    "close-codes-name",
    "close-codes-description",
    "close-codes-wire",
    "close-codes-script",
    "close-codes-yes",
    "close-codes-no",
    "code-summary-title",
    "code-summary-allowed",
    "code-summary-wire-only",
    "code-summary-no-code",
    "code-summary-table-link",
    // Macros (src/macros.rs).
    "macro-available-in-workers",
    "badge-optional",
    "badge-read-only",
    "badge-non-standard",
    "badge-deprecated",
    "badge-experimental",
    "badge-secure-context",
    // Status boxes: `header-<status>`, and its `.text`.
    "header-experimental",
    "header-experimental.text",
    "header-non-standard",
    "header-non-standard.text",
    "header-deprecated",
    "header-deprecated.text",
    "header-secure-context",
    "header-secure-context.text",
    "specs-heading",
    "specs-none",
    "compat-see-mdn",
    // GFM alerts (src/markdown.rs): `alert-<kind>`.
    "alert-note",
    "alert-tip",
    "alert-important",
    "alert-warning",
    "alert-caution",
    // Facts of the dialects (src/dialect/): `fact-<field>`.
    "fact-readiness",
    "fact-standardization-status",
    "fact-method-of",
    "fact-notes",
    "fact-tags",
    "fact-attributions",
    "fact-category",
    "fact-date",
    "fact-last-modified-at",
];

/// Message ids the site can ask for: template literals `t(id="…")`, [`CODE_MESSAGES`], the
/// translation status page's messages, `language-<locale>` for each configured locale, and the
/// names and descriptions of the close-code registry's entries.
pub fn used_ids(
    templates: &[(String, Source)],
    config: &Config,
    registry: Option<&CloseCodeRegistry>,
    examples: Option<&crate::data::examples::ExampleSet>,
) -> BTreeSet<String> {
    let mut used: BTreeSet<String> = CODE_MESSAGES.iter().map(|s| s.to_string()).collect();
    used.extend(crate::data::examples_html::MESSAGES.iter().map(|s| s.to_string()));
    if let Some(set) = examples {
        used.extend(set.examples.iter().map(|e| e.caption_id()));
    }
    used.extend(crate::status::MESSAGES.iter().map(|s| s.to_string()));
    for (_, t) in templates {
        used.extend(template_ids(&t.text));
    }
    used.extend(config.locales.iter().map(|l| format!("language-{l}")));
    if let Some(r) = registry {
        for id in r.message_ids() {
            used.insert(format!("{id}.description"));
            used.insert(id);
        }
    }
    used
}

/// Literal ids of `t(id="…")` / `t(id='…')` calls in a template.
pub fn template_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("t(id=") {
        let after = &rest[i + 5..];
        if let Some(q @ ('"' | '\'')) = after.chars().next()
            && let Some(end) = after[1..].find(q)
        {
            out.push(after[1..1 + end].to_string());
        }
        rest = after;
    }
    out
}

/// `check` findings: ids another locale defines that the default locale lacks, and ids the
/// default locale defines that nothing uses.
pub fn check(
    inventory: &BTreeMap<String, Vec<(Source, Vec<Defined>)>>,
    used: &BTreeSet<String>,
    default: &str,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let default_ids: BTreeSet<&str> =
        inventory.get(default).into_iter().flatten().flat_map(|(_, ds)| ds.iter().map(|d| d.id.as_str())).collect();
    for (locale, files) in inventory {
        for (source, defs) in files {
            for d in defs {
                if locale == default {
                    // Names of languages are reference data, kept whether or not the language is built.
                    if !used.contains(&d.id) && !d.id.starts_with("language-") {
                        diags.push(
                            Diagnostic::warning(
                                "message-unused",
                                format!("the message `{}` is defined but no page uses it", d.id),
                            )
                            .at(source.at(d.at.clone()))
                            .hint("remove it, or use it in a template with t(id=\"…\")"),
                        );
                    }
                } else if !default_ids.contains(d.id.as_str()) {
                    diags.push(
                        Diagnostic::warning(
                            "message-unknown",
                            format!("`{}` is not a message of `{default}`, so no page shows it", d.id),
                        )
                        .at(source.at(d.at.clone()))
                        .hint(match closest(&d.id, &default_ids) {
                            Some(near) => format!("did you mean `{near}`? Ids are the same in every language"),
                            None => format!(
                                "ids come from the files in the `{default}` folder; remove this one or fix its id"
                            ),
                        }),
                    );
                }
            }
        }
    }
    diags
}

/// The id of `ids` nearest to `id`, if it is near (a likely typo).
fn closest<'a>(id: &str, ids: &BTreeSet<&'a str>) -> Option<&'a str> {
    ids.iter()
        .map(|c| (strsim::levenshtein(id, c), *c))
        .filter(|(d, _)| *d <= 2.max(id.len() / 6))
        .min()
        .map(|(_, c)| c)
}

/// What the messages of one Fluent file refer to, from its syntax tree.
#[derive(Debug, Default)]
pub struct Placeables {
    /// By message id (or `message.attribute`): its `{ $variable }`s and the messages and terms
    /// (`-term`) it refers to, in any variant.
    uses: BTreeMap<String, Uses>,
    /// The messages and terms (`-term`) the file defines.
    names: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct Uses {
    variables: BTreeSet<String>,
    references: BTreeSet<String>,
}

impl Uses {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for v in variants {
                    self.pattern(&v.value);
                }
            }
            ast::Expression::Inline(e) => self.inline(e),
        }
    }

    fn inline(&mut self, e: &ast::InlineExpression<&str>) {
        use ast::InlineExpression as E;
        let arguments = match e {
            E::VariableReference { id } => {
                self.variables.insert(id.name.to_string());
                None
            }
            E::MessageReference { id, .. } => {
                self.references.insert(id.name.to_string());
                None
            }
            E::TermReference { id, arguments, .. } => {
                self.references.insert(format!("-{}", id.name));
                arguments.as_ref()
            }
            E::FunctionReference { arguments, .. } => Some(arguments),
            E::Placeable { expression } => {
                self.expression(expression);
                None
            }
            E::StringLiteral { .. } | E::NumberLiteral { .. } => None,
        };
        for a in arguments.into_iter().flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value))) {
            self.inline(a);
        }
    }
}

/// The [`Placeables`] of a parsed Fluent file.
pub fn placeables(resource: &FluentResource) -> Placeables {
    let mut out = Placeables::default();
    for entry in resource.entries() {
        match entry {
            ast::Entry::Message(m) => {
                out.names.insert(m.id.name.to_string());
                if let Some(value) = &m.value {
                    out.uses.entry(m.id.name.to_string()).or_default().pattern(value);
                }
                for a in &m.attributes {
                    out.uses.entry(format!("{}.{}", m.id.name, a.id.name)).or_default().pattern(&a.value);
                }
            }
            ast::Entry::Term(t) => {
                out.names.insert(format!("-{}", t.id.name));
            }
            _ => {}
        }
    }
    out
}

/// Placeables that break a page: a translation's `{ $variable }` that the default locale's
/// message does not have (no value is ever given for it, so the page shows `{$name}`), a variable
/// of the default locale's message that the translation leaves out, and a reference to a message
/// or term its locale does not define (the page shows `{name}`). `files` are every locale's files
/// with their placeables.
pub fn check_placeables(files: &[(&str, &Source, Placeables)], default: &str) -> Vec<Diagnostic> {
    let mut names: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut english: BTreeMap<&str, &Uses> = BTreeMap::new();
    for (locale, _, p) in files {
        names.entry(locale).or_default().extend(p.names.iter().map(String::as_str));
        if *locale == default {
            english.extend(p.uses.iter().map(|(id, u)| (id.as_str(), u)));
        }
    }
    let mut diags = Vec::new();
    for (locale, source, p) in files {
        let defined = defined_in(source);
        // The text of message `id`: from its id to the next definition.
        let region = |id: &str| {
            let i = defined.iter().position(|d| d.id == id);
            let start = i.map_or(0, |i| defined[i].at.start);
            let end = i.and_then(|i| defined.get(i + 1)).map_or(source.text.len(), |d| d.at.start);
            (start, &source.text[start..end], i.map(|i| defined[i].at.clone()))
        };
        for (id, uses) in &p.uses {
            let (start, text, id_at) = region(id);
            let locate = |needle: &str| {
                find_name(text, needle)
                    .map_or_else(|| id_at.clone().unwrap_or(0..0), |i| start + i..start + i + needle.len())
            };
            let theirs = english.get(id.as_str()).filter(|_| *locale != default);
            for r in &uses.references {
                if names.get(locale).is_some_and(|n| n.contains(r.as_str())) {
                    continue;
                }
                let variable = theirs.is_some_and(|e| e.variables.contains(r));
                diags.push(
                    Diagnostic::warning("message-reference", format!("`{{ {r} }}` in `{id}` names no message of `{locale}`: the page shows `{{{r}}}`"))
                        .at(source.at(locate(r)))
                        .hint(if variable {
                            format!("did you mean the variable `{{ ${r} }}`? Variables start with `$`")
                        } else {
                            "a message or term referred to is defined in this locale's files; a variable is written `{ $name }`".to_string()
                        }),
                );
            }
            let Some(theirs) = theirs else { continue };
            let list =
                |vars: &BTreeSet<String>| vars.iter().map(|v| format!("`{{ ${v} }}`")).collect::<Vec<_>>().join(", ");
            let unknown: Vec<&String> = uses.variables.difference(&theirs.variables).collect();
            for v in &unknown {
                let needle = format!("${v}");
                diags.push(
                    Diagnostic::warning(
                        "message-variable",
                        format!("`{{ ${v} }}` is not a variable of `{id}`: the page shows `{{${v}}}`"),
                    )
                    .at(source.at(locate(&needle)))
                    .hint(if theirs.variables.is_empty() {
                        format!("the `{default}` text has no variables: write the value out")
                    } else {
                        format!(
                            "the `{default}` text uses {}; variable names stay the same in every language",
                            list(&theirs.variables)
                        )
                    }),
                );
            }
            // A variable renamed or written without its `$` is reported above, once.
            let renamed = !unknown.is_empty() || uses.references.iter().any(|r| theirs.variables.contains(r));
            let left_out: BTreeSet<String> = theirs.variables.difference(&uses.variables).cloned().collect();
            if !left_out.is_empty() && !renamed {
                diags.push(
                    Diagnostic::warning(
                        "message-variable",
                        format!("`{id}` leaves out {}, which the `{default}` text shows", list(&left_out)),
                    )
                    .at(source.at(id_at.clone().unwrap_or(0..0)))
                    .hint(format!("put {} where the sentence needs it", list(&left_out))),
                );
            }
        }
    }
    diags
}

/// The offset of `name` in `text` as a whole name (not inside a longer one).
fn find_name(text: &str, name: &str) -> Option<usize> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(|c| part(c) || (c == '$' && !name.starts_with('$'))) && !after.is_some_and(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(path: &str, text: &str) -> Source {
        Source::new(path, text)
    }

    /// The placeable warnings of `files` (locale, path, text), as (code, path, line, column).
    fn placeable_warnings(files: &[(&str, &str, &str)]) -> Vec<(&'static str, String, usize, usize)> {
        let sources: Vec<(&str, Source)> = files.iter().map(|(l, p, t)| (*l, src(p, t))).collect();
        let found: Vec<_> = sources
            .iter()
            .map(|(l, s)| {
                let r = FluentResource::try_new(s.text.to_string()).expect("valid Fluent");
                (*l, s, placeables(&r))
            })
            .collect();
        let mut w: Vec<_> = check_placeables(&found, "en")
            .into_iter()
            .map(|d| {
                let at = d.location.expect("located");
                (d.code, at.path, at.line, at.col)
            })
            .collect();
        w.sort();
        w
    }

    #[test]
    fn translated_variables_and_references_must_exist() {
        const EN: &str = "hello = Hi { $name }\nbye = Bye\n    .title = { $n ->\n        [one] One\n       *[other] { $n } of { -brand }\n    }\n-brand = polyref\n";
        let en = ("en", "i18n/en/x.ftl", EN);
        // Faithful translations, with the term defined in the locale, raise nothing.
        let de_ok = "hello = Hallo { $name }\nbye = Tschüss\n    .title = { $n ->\n       *[other] { $n } von { -brand }\n    }\n-brand = polyref\n";
        assert_eq!(placeable_warnings(&[en, ("de", "i18n/de/x.ftl", de_ok)]), []);
        // A renamed variable: one warning, at it.
        let w = placeable_warnings(&[en, ("de", "i18n/de/x.ftl", "# c\nhello = Hallo { $Name }\n")]);
        assert_eq!(w, [("message-variable", "i18n/de/x.ftl".to_string(), 2, 17)]);
        // Without its `$`: a reference to no message, one warning.
        let w = placeable_warnings(&[en, ("de", "i18n/de/x.ftl", "hello = Hallo { name }\n")]);
        assert_eq!(w, [("message-reference", "i18n/de/x.ftl".to_string(), 1, 17)]);
        // Left out, at the id; in an attribute, and a term the locale does not define.
        let w = placeable_warnings(&[en, ("de", "i18n/de/x.ftl", "hello = Hallo\nbye = B\n    .title = { -brand }\n")]);
        assert_eq!(
            w,
            [
                ("message-reference", "i18n/de/x.ftl".to_string(), 3, 16),
                ("message-variable", "i18n/de/x.ftl".to_string(), 1, 1),
                ("message-variable", "i18n/de/x.ftl".to_string(), 3, 6),
            ]
        );
        // The default locale's own references are checked too.
        let w = placeable_warnings(&[("en", "i18n/en/x.ftl", "a = { b }\n")]);
        assert_eq!(w, [("message-reference", "i18n/en/x.ftl".to_string(), 1, 7)]);
    }

    #[test]
    fn the_entry_a_line_starts() {
        assert_eq!(entry_id("hello = Hi"), Some("hello"));
        assert_eq!(entry_id("close-code_1000= Normal"), Some("close-code_1000"));
        assert_eq!(entry_id("-brand = polyref"), Some("-brand"));
        for not_an_entry in ["    .title = x", "# hello = Hi", "  hello = Hi", "hello world = x", "hello", "-", "= x"] {
            assert_eq!(entry_id(not_an_entry), None, "{not_an_entry}");
        }
    }

    #[test]
    fn definitions_with_attributes_and_lines() {
        let s = src(
            "i18n/en/x.ftl",
            "# comment\nhello = Hi\n    continued\ncode = Name\n    .description = Text\nonly-attrs =\n    .title = T\n-term = x\n",
        );
        let ids: Vec<_> = defined_in(&s).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["hello", "code", "code.description", "only-attrs.title"]);
        let d = &defined_in(&s)[2];
        let loc = s.at(d.at.clone());
        assert_eq!((loc.line, loc.col), (5, 6));
    }

    #[test]
    fn template_literals_are_found() {
        assert_eq!(template_ids(r#"{{ t(id="a-b") }} {{ t(id='c', x=1) }} {{ t(id=v) }}"#), ["a-b", "c"]);
    }

    #[test]
    fn unknown_and_unused_messages() {
        let inv = inventory(&[
            ("en".into(), vec![src("i18n/en/ui.ftl", "home-title = Home\nold-thing = Old\n")]),
            ("de".into(), vec![src("i18n/de/ui.ftl", "home-titel = Start\n")]),
        ]);
        let used: BTreeSet<String> = ["home-title".to_string()].into();
        let d = check(&inv, &used, "en");
        assert_eq!(d.len(), 2);
        let unknown = d.iter().find(|d| d.code == "message-unknown").unwrap();
        assert!(unknown.hint.as_deref().unwrap().contains("home-title"), "{unknown:?}");
        assert_eq!(unknown.location.as_ref().unwrap().path, "i18n/de/ui.ftl");
        let unused = d.iter().find(|d| d.code == "message-unused").unwrap();
        assert!(unused.message.contains("old-thing"));
        assert_eq!(unused.location.as_ref().unwrap().line, 2);
    }

    /// Every id the code names in a string literal is in CODE_MESSAGES, so `check` does not call
    /// a message unused that the code asks for.
    #[test]
    fn code_messages_list_every_literal_id_the_code_uses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let en = std::fs::read_to_string(root.join("i18n/en/ui.ftl")).unwrap();
        let ids: BTreeSet<String> = defined_in(&src("ui.ftl", &en)).into_iter().map(|d| d.id).collect();
        let mut code = String::new();
        for e in walkdir::WalkDir::new(root.join("src")).into_iter().flatten() {
            if e.path().extension().is_some_and(|x| x == "rs") && !e.path().ends_with("messages.rs") {
                code.push_str(&std::fs::read_to_string(e.path()).unwrap());
            }
        }
        let templates: String = walkdir::WalkDir::new(root.join("templates"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .collect();
        let listed: BTreeSet<&str> =
            CODE_MESSAGES.iter().copied().chain(crate::status::MESSAGES.iter().copied()).collect();
        for id in &ids {
            let quoted = format!("\"{id}\"");
            if code.contains(&quoted) && !listed.contains(id.as_str()) && !template_ids(&templates).contains(id) {
                panic!("the code uses the message `{id}`: add it to CODE_MESSAGES");
            }
        }
        for id in CODE_MESSAGES {
            assert!(ids.contains(*id), "CODE_MESSAGES lists `{id}`, which i18n/en/ui.ftl does not define");
        }
    }
}
