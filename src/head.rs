//! Head metadata: what each page tells search engines and link previews about itself — its
//! canonical URL, its `hreflang` alternates with `x-default`, its description and its Open Graph
//! properties. Computed here only, so that page heads and the sitemap always agree.
//!
//! Rules (from the HTML Standard §4.6.7 on `rel="alternate"`/`rel="canonical"` links and the
//! Open Graph protocol):
//! - absolute URLs are built from `base-url`, so they are right under any base path;
//! - alternates list real translations only, then `x-default`: the page a reader whose language
//!   the site lacks is sent to;
//! - a fallback page (shown in another language than its locale's) is a copy of the page it shows:
//!   its canonical URL is that page's, so it is listed neither as an alternate nor in the sitemap;
//! - `og:locale` is `language_TERRITORY`, the tag's likely region filled in (CLDR likely subtags).

use unic_langid::LanguageIdentifier;
use url::Url;

use crate::config::Config;
use crate::model::{Availability, Entity};
use crate::render::{AlternateView, MetaView};

/// `hreflang` value for the page of readers whose language none of the alternates is.
pub const X_DEFAULT: &str = "x-default";

/// The head data of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub canonical: String,
    pub alternates: Vec<AlternateView>,
    pub meta: MetaView,
}

/// The absolute URL of `path` (a folder below the site root such as `de/web/api/closeevent/`,
/// or `""` for the root) on the published site, percent-encoded where needed.
pub fn absolute(config: &Config, path: &str) -> String {
    absolute_of(config, &[path])
}

/// [`absolute`] of the path made of `parts`, made in one allocation when it can be.
fn absolute_of(config: &Config, parts: &[&str]) -> String {
    // The base URL is normalised by the settings (an absolute folder URL): a path of unreserved
    // characters with no dot segments joins to it unchanged, as the URL parser would join it.
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/');
    let dot_segment = |p: &str| p.split('/').any(|s| s == "." || s == "..");
    let plain = parts.iter().all(|p| p.bytes().all(unreserved))
        // (A dot segment can span two parts: with any dot, the joined path is checked.)
        && (!parts.iter().any(|p| p.contains('.')) || !dot_segment(&parts.concat()));
    if plain && config.base_url.ends_with('/') {
        let mut url = String::with_capacity(config.base_url.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        url.push_str(&config.base_url);
        parts.iter().for_each(|p| url.push_str(p));
        return url;
    }
    let path = parts.concat();
    // `./` keeps a first segment with a `:` from reading as a scheme (URL Standard §4.4).
    match Url::parse(&config.base_url).and_then(|base| base.join(&format!("./{path}"))) {
        Ok(url) => url.into(),
        Err(_) => format!("{}{path}", config.base_url),
    }
}

/// The published URL of `entity` in `locale` (whether translated there or not).
pub fn entity_url(config: &Config, entity: &Entity, locale: &str) -> String {
    absolute_of(config, &[locale, "/", &entity.dir, "/"])
}

/// The locale whose translation of `entity` a reader with none of the site's languages gets:
/// the default locale's if it has one, else the first in the fallback order.
pub fn x_default_locale<'a>(config: &'a Config, entity: &'a Entity) -> &'a str {
    &entity.for_locale(&config.default_locale, config).0.locale
}

/// The `hreflang` alternates of an API page: each real translation in configured order, then
/// `x-default`.
pub fn entity_alternates(config: &Config, entity: &Entity) -> Vec<AlternateView> {
    let mut alternates: Vec<AlternateView> = config
        .locales
        .iter()
        .filter(|l| entity.translations.contains_key(l.as_str()))
        .map(|l| AlternateView { hreflang: l.clone(), href: entity_url(config, entity, l) })
        .collect();
    alternates.push(AlternateView {
        hreflang: X_DEFAULT.into(),
        href: entity_url(config, entity, x_default_locale(config, entity)),
    });
    alternates
}

/// The alternates of the locale homes and the root: every home, and the root (which lets the
/// reader choose) as `x-default`.
pub fn home_alternates(config: &Config) -> Vec<AlternateView> {
    let mut alternates: Vec<AlternateView> = config
        .locales
        .iter()
        .map(|l| AlternateView { hreflang: l.clone(), href: absolute(config, &format!("{l}/")) })
        .collect();
    alternates.push(AlternateView { hreflang: X_DEFAULT.into(), href: absolute(config, "") });
    alternates
}

/// `og:locale` for a language tag: `language_TERRITORY` (`en` → `en_US`, `pt-BR` → `pt_BR`).
pub fn og_locale(tag: &str) -> String {
    thread_local! {
        // Every page asks about the same few locales; the likely-subtags lookup is not free.
        static KNOWN: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(tag).cloned()) {
        return known;
    }
    let value = og_locale_of(tag);
    KNOWN.with(|k| k.borrow_mut().insert(tag.to_string(), value.clone()));
    value
}

fn og_locale_of(tag: &str) -> String {
    let Ok(mut id) = tag.parse::<LanguageIdentifier>() else {
        return tag.replace('-', "_");
    };
    id.maximize();
    match id.region {
        Some(region) => format!("{}_{region}", id.language),
        None => id.language.to_string(),
    }
}

/// `og:locale:alternate` values: the other locales of `alternates`, without `x-default`.
fn og_alternates(alternates: &[AlternateView], except: &str) -> Vec<String> {
    alternates
        .iter()
        .filter(|a| a.hreflang != X_DEFAULT && a.hreflang != except)
        .map(|a| og_locale(&a.hreflang))
        .collect()
}

/// The head of `entity`'s page in `locale`, titled `title` and described by `description`
/// (both in the language the content is shown in).
pub fn entity_head(
    config: &Config,
    entity: &Entity,
    locale: &str,
    availability: Availability,
    title: &str,
    description: Option<&str>,
) -> Head {
    let content_locale = match availability {
        Availability::Translated => locale,
        Availability::Fallback(from) => from,
    };
    let alternates = entity_alternates(config, entity);
    Head {
        canonical: entity_url(config, entity, content_locale),
        meta: MetaView {
            description: description.map(str::to_string),
            content_lang: (content_locale != locale).then(|| content_locale.to_string()),
            og_type: "article".into(),
            og_title: title.to_string(),
            og_locale: og_locale(content_locale),
            og_locale_alternates: og_alternates(&alternates, content_locale),
        },
        alternates,
    }
}

/// The head of `locale`'s home page.
pub fn home_head(config: &Config, locale: &str, title: &str, description: &str) -> Head {
    let alternates = home_alternates(config);
    Head {
        canonical: absolute(config, &format!("{locale}/")),
        meta: MetaView {
            description: Some(description.to_string()),
            content_lang: None,
            og_type: "website".into(),
            og_title: title.to_string(),
            og_locale: og_locale(locale),
            og_locale_alternates: og_alternates(&alternates, locale),
        },
        alternates,
    }
}

/// The head of the root page, which lets the reader choose a language; written in the default
/// locale.
pub fn root_head(config: &Config, title: &str, description: &str) -> Head {
    let alternates = home_alternates(config);
    Head {
        canonical: absolute(config, ""),
        meta: MetaView {
            description: Some(description.to_string()),
            content_lang: None,
            og_type: "website".into(),
            og_title: title.to_string(),
            og_locale: og_locale(&config.default_locale),
            og_locale_alternates: og_alternates(&alternates, &config.default_locale),
        },
        alternates,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::dialect::Kind;

    fn config(base: &str) -> Config {
        let mut c = Config::defaults(Path::new("."));
        c.base_url = crate::config::check_base_url(base).unwrap();
        c
    }

    /// An entity translated into `locales` (the translations' contents do not matter here).
    fn entity(dir: &str, locales: &[&str]) -> Entity {
        let page = format!("---\ntitle: T\nslug: {dir}\n---\nText.\n");
        let translations: BTreeMap<String, crate::model::Translation> = locales
            .iter()
            .map(|l| {
                let file = crate::load::ContentFile {
                    source: crate::diag::Source::new(format!("content/{l}/{dir}/index.md"), page.as_str()),
                    locale: l.to_string(),
                    dir: dir.to_lowercase(),
                    role: crate::load::Role::Primary,
                };
                let parsed = crate::dialect::parse(&file, Config::mdn_locale(l)).expect("parses");
                (
                    l.to_string(),
                    crate::model::Translation { locale: l.to_string(), primary: Box::new(parsed), supplements: vec![] },
                )
            })
            .collect();
        Entity {
            key: dir.into(),
            dir: dir.to_lowercase(),
            kind: Kind::Interface,
            interface: None,
            member: None,
            spec_urls: vec![],
            browser_compat: None,
            status: vec![],
            translations,
        }
    }

    fn hreflangs(alts: &[AlternateView]) -> Vec<(&str, &str)> {
        alts.iter().map(|a| (a.hreflang.as_str(), a.href.as_str())).collect()
    }

    #[test]
    fn absolute_urls_honour_the_base_path_and_are_encoded() {
        let c = config("https://owner.github.io/polyref/");
        assert_eq!(absolute(&c, ""), "https://owner.github.io/polyref/");
        assert_eq!(absolute(&c, "de/web/api/closeevent/"), "https://owner.github.io/polyref/de/web/api/closeevent/");
        assert_eq!(absolute(&c, "en/web/css/:root/"), "https://owner.github.io/polyref/en/web/css/:root/");
        assert_eq!(absolute(&c, "de/größe/"), "https://owner.github.io/polyref/de/gr%C3%B6%C3%9Fe/");
        assert_eq!(absolute(&c, "de/a b/../c/"), "https://owner.github.io/polyref/de/c/");
        assert_eq!(absolute(&c, "de/./x/"), "https://owner.github.io/polyref/de/x/");
        let root = config("https://docs.example.org");
        assert_eq!(absolute(&root, "es/"), "https://docs.example.org/es/");
    }

    #[test]
    fn alternates_are_real_translations_then_x_default() {
        let c = config("https://owner.github.io/polyref/");
        let both = entity("Web/API/WebSocket/close", &["en", "de"]);
        assert_eq!(
            hreflangs(&entity_alternates(&c, &both)),
            [
                ("en", "https://owner.github.io/polyref/en/web/api/websocket/close/"),
                ("de", "https://owner.github.io/polyref/de/web/api/websocket/close/"),
                ("x-default", "https://owner.github.io/polyref/en/web/api/websocket/close/"),
            ]
        );
        // No English: x-default is the first translation in the fallback order.
        let es = entity("Web/API/CloseEvent", &["es"]);
        assert_eq!(
            hreflangs(&entity_alternates(&c, &es)),
            [
                ("es", "https://owner.github.io/polyref/es/web/api/closeevent/"),
                ("x-default", "https://owner.github.io/polyref/es/web/api/closeevent/"),
            ]
        );
    }

    #[test]
    fn a_fallback_page_is_canonically_the_page_it_shows() {
        let c = config("https://owner.github.io/polyref/");
        let es = entity("Web/API/CloseEvent", &["es"]);
        let head = entity_head(&c, &es, "de", Availability::Fallback("es"), "CloseEvent", Some("Un CloseEvent…"));
        assert_eq!(head.canonical, "https://owner.github.io/polyref/es/web/api/closeevent/");
        assert!(!head.alternates.iter().any(|a| a.hreflang == "de"));
        assert_eq!(head.meta.content_lang.as_deref(), Some("es"));
        assert_eq!(head.meta.og_locale, "es_ES");
        assert!(head.meta.og_locale_alternates.is_empty());
        let own = entity_head(&c, &es, "es", Availability::Translated, "CloseEvent", None);
        assert_eq!(own.canonical, head.canonical);
        assert_eq!(own.meta.content_lang, None);
    }

    #[test]
    fn homes_point_x_default_at_the_language_choice() {
        let c = config("https://owner.github.io/polyref/");
        let head = home_head(&c, "es", "Referencia", "Páginas");
        assert_eq!(head.canonical, "https://owner.github.io/polyref/es/");
        let alts = hreflangs(&head.alternates);
        assert_eq!(alts.last(), Some(&("x-default", "https://owner.github.io/polyref/")));
        assert_eq!(alts.len(), 4);
        assert_eq!(head.meta.og_locale, "es_ES");
        assert_eq!(head.meta.og_locale_alternates, ["en_US", "de_DE"]);
        assert_eq!(root_head(&c, "polyref", "…").canonical, "https://owner.github.io/polyref/");
    }

    #[test]
    fn og_locale_fills_in_the_likely_territory() {
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("es"), "es_ES");
        assert_eq!(og_locale("de"), "de_DE");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        assert_eq!(og_locale("ja"), "ja_JP");
    }
}
