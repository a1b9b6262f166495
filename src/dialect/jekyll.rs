//! The Jekyll-style dialect as w3api writes it: `title`, `permalink`, `excerpt`, `date`,
//! `last_modified_at`, `key` (`WebAPI.W.WebSocket.close`), `category`, `tags`, `image`, `sidebar`.

use serde::Deserialize;

use super::{Ctx, Dialect, Fact, Kind, PageMeta, SourceInfo, kind_from_key, scalar, web_api_key};
use crate::diag::Diagnostic;
use crate::front_matter::YamlValue;

#[derive(Debug, Deserialize)]
struct RawJekyll {
    title: Option<String>,
    permalink: Option<String>,
    excerpt: Option<String>,
    date: Option<YamlValue>,
    last_modified_at: Option<YamlValue>,
    key: Option<String>,
    category: Option<String>,
    tags: Option<YamlValue>,
    #[allow(dead_code)]
    image: Option<String>,
    #[allow(dead_code)]
    sidebar: Option<YamlValue>,
}

pub(super) fn parse(ctx: &Ctx) -> Result<PageMeta, Vec<Diagnostic>> {
    let raw: RawJekyll = ctx.raw()?;
    let mut problems = Vec::new();
    if raw.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        problems.push(ctx.missing("title", "WebSocket.close()"));
    }
    let key = match (&raw.key, &raw.permalink) {
        (Some(k), _) => key_from_w3api_key(k),
        (None, Some(p)) => key_from_permalink(p),
        (None, None) => None,
    };
    if key.is_none() {
        let (field, value) = match (&raw.key, &raw.permalink) {
            (Some(k), _) => ("key", Some(k)),
            (None, Some(p)) => ("permalink", Some(p)),
            _ => ("key", None),
        };
        problems.push(match value {
            Some(v) => Diagnostic::error("front-matter-field", format!("`{v}` does not name a Web API page"))
                .at(ctx.field(field))
                .hint("polyref builds Web API pages: a key like `WebAPI.W.WebSocket.close` or a permalink like `/WebAPI/WebSocket/close/`"),
            None => ctx.missing("key", "WebAPI.W.WebSocket.close").hint(
                "add `key: WebAPI.W.WebSocket.close` or `permalink: /WebAPI/WebSocket/close/` naming the API this page documents",
            ),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let key = key.unwrap_or_default();
    let tags: Vec<String> = match &raw.tags {
        Some(YamlValue::Sequence(s)) => s.iter().filter_map(scalar).collect(),
        Some(v) => scalar(v).into_iter().collect(),
        None => Vec::new(),
    };
    let tag_text = tags.join(" ").to_lowercase();
    let kind = if tag_text.contains("metodo") || tag_text.contains("método") || tag_text.contains("method") {
        Kind::Method
    } else if tag_text.contains("propiedad") || tag_text.contains("property") {
        Kind::Property
    } else {
        kind_from_key(&key)
    };
    let permalink = raw.permalink.clone().unwrap_or_else(|| format!("/{}/", key.replacen("Web/API", "WebAPI", 1)));
    let mut facts = Vec::new();
    if let Some(c) = &raw.category {
        facts.push(Fact::text("category", c));
    }
    if !tags.is_empty() {
        facts.push(Fact::text("tags", tags.join(", ")));
    }
    if let Some(d) = raw.date.as_ref().and_then(scalar) {
        facts.push(Fact::text("date", d));
    }
    if let Some(d) = raw.last_modified_at.as_ref().and_then(scalar) {
        facts.push(Fact::text("last_modified_at", d));
    }
    Ok(PageMeta {
        dialect: Dialect::Jekyll,
        title: raw.title.unwrap_or_default(),
        short_title: None,
        summary: raw.excerpt,
        kind: Some(kind),
        source_commit: None,
        spec_urls: Vec::new(),
        browser_compat: None,
        status: Vec::new(),
        source: SourceInfo {
            dialect: Dialect::Jekyll,
            file: ctx.published_path(),
            original_url: format!("https://www.w3api.com{permalink}"),
            project: "w3api".into(),
            licence: "© W3Api, used under the terms stated on its site".into(),
            licence_url: "https://www.w3api.com/".into(),
            attribution: "W3Api".into(),
        },
        facts,
        key,
    })
}

/// `WebAPI.W.WebSocket.close` → `Web/API/WebSocket/close`: the category, then an index letter,
/// then the API path.
fn key_from_w3api_key(key: &str) -> Option<String> {
    let parts: Vec<&str> = key.trim().split('.').collect();
    match parts.as_slice() {
        ["WebAPI", letter, rest @ ..] if letter.chars().count() == 1 && !rest.is_empty() => Some(web_api_key(rest)),
        ["WebAPI", rest @ ..] if !rest.is_empty() => Some(web_api_key(rest)),
        _ => None,
    }
}

/// `/WebAPI/WebSocket/close/` → `Web/API/WebSocket/close`.
pub(crate) fn key_from_permalink(p: &str) -> Option<String> {
    let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    match parts.as_slice() {
        ["WebAPI", rest @ ..] if !rest.is_empty() => Some(web_api_key(rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3api_key_and_permalink_name_the_same_entity() {
        assert_eq!(key_from_w3api_key("WebAPI.W.WebSocket.close").as_deref(), Some("Web/API/WebSocket/close"));
        assert_eq!(key_from_permalink("/WebAPI/WebSocket/close/").as_deref(), Some("Web/API/WebSocket/close"));
        assert_eq!(key_from_w3api_key("JavaScript.A.Array"), None);
    }
}
