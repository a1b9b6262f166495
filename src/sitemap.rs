//! Sitemap stage: `sitemap.xml` lists every page a search engine should index — the root, each
//! locale's home and every real translation — each with its `hreflang` alternates and
//! `x-default`; `robots.txt` points at it. Fallback pages are left out: their canonical URL is the
//! page they show (see `head.rs`, which computes every URL used here).
//!
//! Formats: the Sitemaps protocol 0.9 (`urlset`, `url`, `loc`; at most 50,000 URLs per file),
//! alternates as `xhtml:link rel="alternate" hreflang` children of `url`, and robots.txt as in
//! RFC 9309 (`Sitemap:` lines take an absolute URL).

use std::io;
use std::sync::Arc;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::config::Config;
use crate::head;
use crate::model::Model;
use crate::render::AlternateView;

/// The file name of the sitemap at the site root.
pub const SITEMAP: &str = "sitemap.xml";
/// The Sitemaps protocol's limit of URLs in one file.
pub const MAX_URLS: usize = 50_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// One page of the sitemap: its canonical URL and its alternates.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub loc: String,
    /// Shared by the entries of a page's translations.
    pub alternates: Arc<[AlternateView]>,
}

/// Every indexable page: the root, the homes, then each page's real translations in configured
/// locale order.
pub fn entries(config: &Config, model: &Model) -> Vec<Entry> {
    let homes: Arc<[AlternateView]> = head::home_alternates(config).into();
    let mut out = vec![Entry { loc: head::absolute(config, ""), alternates: homes.clone() }];
    for locale in &config.locales {
        out.push(Entry { loc: head::absolute(config, &format!("{locale}/")), alternates: homes.clone() });
    }
    for entity in &model.entities {
        let alternates: Arc<[AlternateView]> = head::entity_alternates(config, entity).into();
        for locale in config.locales.iter().filter(|l| entity.translations.contains_key(l.as_str())) {
            out.push(Entry { loc: head::entity_url(config, entity, locale), alternates: alternates.clone() });
        }
    }
    out
}

/// `sitemap.xml` for `entries`.
pub fn sitemap(entries: &[Entry]) -> String {
    // About its final size (a 30,000-page site's is 17 MB), not grown and copied as it fills.
    let size: usize = entries
        .iter()
        .map(|e| 40 + e.loc.len() + e.alternates.iter().map(|a| 60 + a.hreflang.len() + a.href.len()).sum::<usize>())
        .sum();
    let mut w = Writer::new_with_indent(Vec::with_capacity(size + 200), b' ', 2);
    write_sitemap(&mut w, entries).expect("writing to memory cannot fail");
    let mut xml = String::from_utf8(w.into_inner()).expect("the writer writes UTF-8");
    xml.push('\n');
    xml
}

fn write_sitemap(w: &mut Writer<Vec<u8>>, entries: &[Entry]) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", SITEMAP_NS))
        .with_attribute(("xmlns:xhtml", XHTML_NS))
        .write_inner_content(|w| {
            for e in entries {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc").write_text_content(BytesText::new(&e.loc))?;
                    for a in e.alternates.iter() {
                        w.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", a.hreflang.as_str()))
                            .with_attribute(("href", a.href.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `robots.txt`: everything may be crawled, and the sitemap is at `base-url`.
pub fn robots(config: &Config) -> String {
    format!(
        "# Every page may be crawled; the sitemap lists them with their translations.\n\
         User-agent: *\nAllow: /\n\nSitemap: {}\n",
        head::absolute(config, SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, XmlVersion};

    use super::*;

    fn config() -> Config {
        let mut c = Config::defaults(Path::new("."));
        c.base_url = crate::config::check_base_url("https://owner.github.io/polyref/").unwrap();
        c
    }

    /// The sitemap read back: (loc, [(hreflang, href)]) per `url`, checking the namespaces.
    fn read(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
        let v = XmlVersion::Implicit1_0;
        let attr = |e: &BytesStart, name: &str| -> String {
            let a = e.try_get_attribute(name).unwrap().unwrap_or_else(|| panic!("no {name}"));
            a.normalized_value(v).unwrap().to_string()
        };
        let mut reader = Reader::from_str(xml);
        let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
        let mut in_loc = false;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) if e.name().as_ref() == "urlset" => {
                    assert_eq!(attr(&e, "xmlns"), SITEMAP_NS);
                    assert_eq!(attr(&e, "xmlns:xhtml"), XHTML_NS);
                }
                Event::Start(e) if e.name().as_ref() == "url" => out.push((String::new(), Vec::new())),
                Event::Start(e) if e.name().as_ref() == "loc" => in_loc = true,
                Event::End(e) if e.name().as_ref() == "loc" => in_loc = false,
                Event::Text(t) if in_loc => out.last_mut().unwrap().0.push_str(&t.xml10_content()),
                // `&amp;` and the like come as references of their own.
                Event::GeneralRef(r) if in_loc => {
                    let c = match &*r.xml10_content() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => r.resolve_char_ref().unwrap().expect("a known reference"),
                    };
                    out.last_mut().unwrap().0.push(c);
                }
                Event::Empty(e) if e.name().as_ref() == "xhtml:link" => {
                    assert_eq!(attr(&e, "rel"), "alternate");
                    out.last_mut().unwrap().1.push((attr(&e, "hreflang"), attr(&e, "href")));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn urls_and_alternates_are_escaped_and_read_back() {
        let entries = vec![Entry {
            loc: "https://owner.github.io/polyref/en/a&b/".into(),
            alternates: vec![AlternateView {
                hreflang: "x-default".into(),
                href: "https://owner.github.io/polyref/?a=1&b=2".into(),
            }]
            .into(),
        }];
        let xml = sitemap(&entries);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
        assert!(xml.contains("<loc>https://owner.github.io/polyref/en/a&amp;b/</loc>"), "{xml}");
        assert_eq!(
            read(&xml),
            [(
                "https://owner.github.io/polyref/en/a&b/".to_string(),
                vec![("x-default".to_string(), "https://owner.github.io/polyref/?a=1&b=2".to_string())]
            )]
        );
    }

    #[test]
    fn robots_points_at_the_sitemap_under_the_base_path() {
        let text = robots(&config());
        assert!(text.contains("\nSitemap: https://owner.github.io/polyref/sitemap.xml\n"), "{text}");
        assert!(text.contains("User-agent: *\nAllow: /\n"));
    }

    #[test]
    fn the_root_and_homes_are_listed_with_every_home_and_x_default() {
        let c = config();
        let entries = entries(&c, &Model::default());
        let locs: Vec<&str> = entries.iter().map(|e| e.loc.as_str()).collect();
        assert_eq!(
            locs,
            [
                "https://owner.github.io/polyref/",
                "https://owner.github.io/polyref/en/",
                "https://owner.github.io/polyref/es/",
                "https://owner.github.io/polyref/de/",
            ]
        );
        for e in &entries {
            let langs: Vec<&str> = e.alternates.iter().map(|a| a.hreflang.as_str()).collect();
            assert_eq!(langs, ["en", "es", "de", "x-default"]);
        }
        assert_eq!(read(&sitemap(&entries)).len(), 4);
    }
}
