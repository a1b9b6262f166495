//! Registry views: the close-code table and the close() `code` summary, rendered in the
//! reader's language. A cell whose message a locale lacks shows the English text with
//! `lang="en"` and a visible "untranslated" marker.

use std::ops::RangeInclusive;

use crate::data::close_codes::{CloseCodeRegistry, ranges_text};
use crate::macros::{Env, esc};

/// The id of the generated table, for links to it.
pub const TABLE_ID: &str = "close-codes";

/// One cell's text and whether it fell back to another language.
fn cell(env: &Env, id: &str) -> (String, bool) {
    let locale = env.page_locale;
    match env.i18n.lookup(locale, id, &[]) {
        Some(m) if !m.fell_back(locale) => (esc(&m.text), false),
        Some(m) => (
            format!(
                "<span lang=\"{}\">{}</span> <span class=\"untranslated\">{}</span>",
                esc(&m.lang),
                esc(&m.text),
                esc(&env.i18n.text(locale, "untranslated-marker"))
            ),
            true,
        ),
        None => (String::new(), false),
    }
}

/// The `{{CloseCodes}}` table, and how many of its cells are untranslated.
pub fn close_codes_table(registry: &CloseCodeRegistry, env: &Env) -> (String, usize) {
    let t = |id: &str| esc(&env.i18n.text(env.page_locale, id));
    let yes_no = |b: bool| if b { t("close-codes-yes") } else { t("close-codes-no") };
    let mut untranslated = 0;
    let mut html = format!(
        "<table id=\"{TABLE_ID}\" class=\"standard-table close-codes\" lang=\"{}\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(env.page_locale),
        t("close-codes-code"),
        t("close-codes-name"),
        t("close-codes-description"),
        t("close-codes-wire"),
        t("close-codes-script"),
    );
    for e in &registry.entries {
        let id = e.message_id();
        let code = if e.is_range() {
            format!("<code>{}</code>–<code>{}</code>", e.first, e.last)
        } else {
            format!("<code>{}</code>", e.first)
        };
        let (name, a) = cell(env, &id);
        let (description, b) = cell(env, &format!("{id}.description"));
        untranslated += usize::from(a) + usize::from(b);
        html.push_str(&format!(
            "<tr id=\"{anchor}\"><th scope=\"row\"><a href=\"#{anchor}\">{code}</a></th><td>{name}</td><td>{description}</td><td>{}</td><td>{}</td></tr>",
            yes_no(e.wire),
            yes_no(e.script),
            anchor = esc(&e.anchor()),
        ));
    }
    html.push_str("</tbody></table>");
    (html, untranslated)
}

/// Merges sorted codes into inclusive ranges.
fn merge(codes: impl IntoIterator<Item = u16>) -> Vec<RangeInclusive<u16>> {
    let mut out: Vec<RangeInclusive<u16>> = Vec::new();
    for c in codes {
        match out.last_mut() {
            Some(r) if *r.end() + 1 == c => *r = *r.start()..=c,
            _ => out.push(c..=c),
        }
    }
    out
}

/// The generated summary in the `code` parameter section of the close() page: which codes a
/// script may pass, which registered codes are valid on the wire but rejected from script,
/// and what the other side sees when no code is given (RFC 6455 §7.1.5: 1005).
pub fn code_summary(registry: &CloseCodeRegistry, env: &Env, table_href: &str) -> String {
    let allowed = ranges_text(&registry.script_codes());
    let wire_only = merge(registry.entries.iter().filter(|e| !e.is_range() && e.wire && !e.script).map(|e| e.first));
    let no_status = registry.entry_for(1005).map(|e| cell(env, &e.message_id()).0).unwrap_or_default();
    let msg = |id: &str, args: &[(&str, &str)]| esc(&env.i18n.get(env.page_locale, id, args).text);
    format!(
        "<div class=\"generated code-summary\" lang=\"{lang}\"><p class=\"generated-title\"><strong>{title}</strong></p><ul><li>{a}</li><li>{w}</li><li>{n} <span class=\"code-name\">({no_status})</span></li></ul><p><a href=\"{href}\">{link}</a></p></div>",
        lang = esc(env.page_locale),
        title = msg("code-summary-title", &[]),
        a = msg("code-summary-allowed", &[("codes", &allowed)]),
        w = msg("code-summary-wire-only", &[("codes", &ranges_text(&wire_only))]),
        n = msg("code-summary-no-code", &[("code", "1005")]),
        href = esc(table_href),
        link = msg("code-summary-table-link", &[]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_written_compactly() {
        assert_eq!(ranges_text(&merge([1001, 1002, 1003, 1007, 1008])), "1001–1003, 1007–1008");
        assert_eq!(ranges_text(&[1000..=1000, 3000..=4999]), "1000, 3000–4999");
    }
}
