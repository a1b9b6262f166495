//! The MDN dialect: MDN's markdown front matter (`title`, `short-title`, `slug`, `page-type`,
//! `status`, `browser-compat`, `spec-urls`, `l10n.sourceCommit`).

use serde::Deserialize;

use super::{Ctx, Dialect, Kind, PageMeta, SourceInfo, kind_from_key};
use crate::diag::Diagnostic;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawMdn {
    title: Option<String>,
    short_title: Option<String>,
    slug: Option<String>,
    page_type: Option<String>,
    #[serde(default)]
    status: Vec<String>,
    browser_compat: Option<OneOrMany>,
    spec_urls: Option<OneOrMany>,
    l10n: Option<L10n>,
}

#[derive(Debug, Deserialize)]
struct L10n {
    #[serde(rename = "sourceCommit")]
    source_commit: Option<String>,
}

/// MDN allows a single value or a list for `browser-compat` and `spec-urls`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

pub(super) fn parse(ctx: &Ctx) -> Result<PageMeta, Vec<Diagnostic>> {
    let raw: RawMdn = ctx.raw()?;
    let mut problems = Vec::new();
    if raw.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        problems.push(ctx.missing("title", "\"WebSocket: close() method\""));
    }
    if raw.slug.as_deref().is_none_or(|t| t.trim().is_empty()) {
        problems.push(ctx.missing("slug", "Web/API/WebSocket/close"));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let slug = raw.slug.unwrap_or_default().trim().trim_matches('/').to_string();
    let kind = raw.page_type.as_deref().and_then(kind_from_page_type).unwrap_or_else(|| kind_from_key(&slug));
    Ok(PageMeta {
        dialect: Dialect::Mdn,
        title: raw.title.unwrap_or_default(),
        short_title: raw.short_title,
        summary: None,
        kind: Some(kind),
        source_commit: raw.l10n.and_then(|l| l.source_commit),
        spec_urls: raw.spec_urls.map(OneOrMany::into_vec).unwrap_or_default(),
        browser_compat: raw.browser_compat.and_then(|b| b.into_vec().into_iter().next()),
        status: raw.status,
        source: SourceInfo {
            dialect: Dialect::Mdn,
            file: ctx.published_path(),
            original_url: format!("https://developer.mozilla.org/{}/docs/{slug}", ctx.mdn_locale),
            project: "MDN Web Docs".into(),
            licence: "CC BY-SA 2.5".into(),
            licence_url: "https://creativecommons.org/licenses/by-sa/2.5/".into(),
            attribution: "Mozilla Contributors".into(),
        },
        facts: Vec::new(),
        key: slug,
    })
}

fn kind_from_page_type(t: &str) -> Option<Kind> {
    Some(match t {
        "web-api-instance-method" | "web-api-static-method" => Kind::Method,
        "web-api-instance-property" | "web-api-static-property" => Kind::Property,
        "web-api-constructor" => Kind::Constructor,
        "web-api-interface" => Kind::Interface,
        "web-api-event" => Kind::Event,
        _ => return None,
    })
}
