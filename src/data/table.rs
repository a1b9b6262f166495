//! The close-code table: the registry rendered in the reader's language. A cell whose message a
//! locale lacks shows the English text with `lang="en"` and a visible "untranslated" marker.

use crate::data::close_codes::CloseCodeRegistry;
use crate::macros::{Env, esc};

/// One cell's text: translated, or English marked as such.
fn cell(env: &Env, id: &str) -> String {
    let locale = env.page_locale;
    match env.i18n.lookup(locale, id, &[]) {
        Some(m) if !m.fell_back(locale) => esc(&m.text),
        Some(m) => format!(
            "<span lang=\"{}\">{}</span> <span class=\"untranslated\">{}</span>",
            esc(&m.lang),
            esc(&m.text),
            esc(&env.i18n.text(locale, "untranslated-marker"))
        ),
        None => String::new(),
    }
}

/// The `{{CloseCodes}}` table.
pub fn close_codes_table(registry: &CloseCodeRegistry, env: &Env) -> String {
    let t = |id: &str| esc(&env.i18n.text(env.page_locale, id));
    let yes_no = |b: bool| if b { t("close-codes-yes") } else { t("close-codes-no") };
    let mut html = format!(
        "<table class=\"standard-table close-codes\" lang=\"{}\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
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
        html.push_str(&format!(
            "<tr id=\"{}\"><td><a href=\"#{}\">{code}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.anchor()),
            esc(&e.anchor()),
            cell(env, &id),
            cell(env, &format!("{id}.description")),
            yes_no(e.wire),
            yes_no(e.script),
        ));
    }
    html.push_str("</tbody></table>");
    html
}
