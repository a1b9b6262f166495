//! Message inventory: which Fluent messages each locale defines (with their lines), which the
//! code and templates can ask for, and the `check` findings about them: messages a locale
//! defines that the default locale does not (no page can show them), and messages the default
//! locale defines that nothing asks for.
//!
//! Missing messages (the default locale has them, another locale lacks them) are reported by
//! [`crate::i18n`] when the bundles load.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::data::close_codes::CloseCodeRegistry;
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
            let id_len =
                body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(body.len());
            let id = &body[..id_len];
            if body[id_len..].trim_start().starts_with('=') {
                current = Some(id.to_string());
                // A message with only attributes has no value of its own.
                let value = body[id_len..].trim_start()[1..].trim();
                if !value.is_empty() || !next_is_attribute(&source.text[offset..]) {
                    out.push(Defined { id: id.to_string(), file: file.clone(), at: start..start + id_len });
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
    ids.iter().map(|c| (edit_distance(id, c), *c)).filter(|(d, _)| *d <= 2.max(id.len() / 6)).min().map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(path: &str, text: &str) -> Source {
        Source::new(path, text)
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
