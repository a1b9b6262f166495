//! The WebPlatform Docs dialect: `title`, `attributions`, `notes`, `readiness`, `relationships`,
//! `standardization_status`, `summary`, `tags` (a map with numeric keys), `uri`.

use serde::Deserialize;

use super::{Ctx, Dialect, Fact, Kind, PageMeta, SourceInfo, kind_from_key, scalar, web_api_key};
use crate::diag::Diagnostic;
use crate::front_matter::YamlValue;

#[derive(Debug, Deserialize)]
struct RawWebPlatform {
    title: Option<String>,
    #[serde(default)]
    attributions: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    readiness: Option<String>,
    relationships: Option<YamlValue>,
    standardization_status: Option<String>,
    summary: Option<String>,
    tags: Option<YamlValue>,
    uri: Option<String>,
}

pub(super) fn parse(ctx: &Ctx) -> Result<PageMeta, Vec<Diagnostic>> {
    let raw: RawWebPlatform = ctx.raw()?;
    let mut problems = Vec::new();
    if raw.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        problems.push(ctx.missing("title", "close"));
    }
    let key = raw.uri.as_deref().and_then(key_from_uri);
    if key.is_none() {
        problems.push(match &raw.uri {
            Some(u) => Diagnostic::error("front-matter-field", format!("`{u}` does not name a Web API page"))
                .at(ctx.field("uri"))
                .hint("polyref builds Web API pages: a uri like `apis/websocket/WebSocket/close`"),
            None => ctx.missing("uri", "apis/websocket/WebSocket/close"),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let key = key.unwrap_or_default();
    // Tags are a map with numeric keys (`0: API`), sometimes with gaps; a list is accepted too.
    let mut tags: Vec<(i64, String)> = match &raw.tags {
        Some(YamlValue::Mapping(m)) => {
            m.iter().filter_map(|(k, v)| Some((k.as_i64().unwrap_or(i64::MAX), scalar(v)?))).collect()
        }
        Some(YamlValue::Sequence(s)) => s.iter().filter_map(scalar).enumerate().map(|(i, t)| (i as i64, t)).collect(),
        _ => Vec::new(),
    };
    tags.sort();
    let tags: Vec<String> = tags.into_iter().map(|(_, t)| t).collect();
    let method_of =
        raw.relationships.as_ref().and_then(|r| r.get("method_of")).and_then(|m| m.get("value")).and_then(scalar);
    let kind = if method_of.is_some() || tags.iter().any(|t| t == "Methods") {
        Kind::Method
    } else if tags.iter().any(|t| t == "Properties") {
        Kind::Property
    } else {
        kind_from_key(&key)
    };
    let uri = raw.uri.clone().unwrap_or_default();
    let mut facts = Vec::new();
    if let Some(r) = &raw.readiness {
        facts.push(Fact::text("readiness", r));
    }
    if let Some(s) = &raw.standardization_status {
        facts.push(Fact::text("standardization_status", s));
    }
    if let Some(m) = &method_of {
        facts.push(Fact::markdown("method_of", format!("[{m}](/{m})")));
    }
    for n in &raw.notes {
        facts.push(Fact::text("notes", n));
    }
    if !tags.is_empty() {
        facts.push(Fact::text("tags", tags.join(", ")));
    }
    for a in &raw.attributions {
        facts.push(Fact::markdown("attributions", a));
    }
    Ok(PageMeta {
        dialect: Dialect::WebPlatform,
        title: raw.title.unwrap_or_default(),
        short_title: None,
        summary: raw.summary,
        kind: Some(kind),
        source_commit: None,
        spec_urls: Vec::new(),
        browser_compat: None,
        status: Vec::new(),
        source: SourceInfo {
            dialect: Dialect::WebPlatform,
            file: ctx.published_path(),
            original_url: format!("https://webplatform.github.io/docs/{uri}"),
            project: "WebPlatform Docs".into(),
            licence: "CC BY 3.0".into(),
            licence_url: "https://creativecommons.org/licenses/by/3.0/".into(),
            attribution: "WebPlatform.org contributors".into(),
        },
        facts,
        key,
    })
}

/// `apis/websocket/WebSocket/close` → `Web/API/WebSocket/close`: `apis/<API group>/<path>`.
pub(crate) fn key_from_uri(uri: &str) -> Option<String> {
    let parts: Vec<&str> = uri.trim().trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["apis", _group, rest @ ..] if !rest.is_empty() => Some(web_api_key(rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_names_the_mdn_entity() {
        assert_eq!(key_from_uri("apis/websocket/WebSocket/close").as_deref(), Some("Web/API/WebSocket/close"));
        assert_eq!(key_from_uri("apis/websocket/WebSocket").as_deref(), Some("Web/API/WebSocket"));
        assert_eq!(key_from_uri("css/properties/color"), None);
    }
}
