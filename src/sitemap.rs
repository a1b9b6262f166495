//! Sitemap stage: `sitemap.xml` lists every page a search engine should index — the root, each
//! locale's home and every real translation — each with its `hreflang` alternates and
//! `x-default`; `robots.txt` points at it. Fallback pages are left out: their canonical URL is the
//! page they show (see `head.rs`, which computes every URL used here).
//!
//! A site of more than 50,000 such pages, or whose list would pass 50 MB, gets a sitemap index
//! in `sitemap.xml` instead, listing `sitemap-1.xml`, `sitemap-2.xml`, … beside it, each within
//! both limits (an MDN-sized reference in five languages has 70,000 pages).
//!
//! Formats: the Sitemaps protocol 0.9 (`urlset`, `url`, `loc`; at most 50,000 URLs and 50 MB
//! uncompressed per file; `sitemapindex`, `sitemap`, `loc` for the index, whose sitemaps lie in
//! its folder), alternates as `xhtml:link rel="alternate" hreflang` children of `url`, and
//! robots.txt as in RFC 9309 (`Sitemap:` lines take an absolute URL).

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
/// The Sitemaps protocol's limit of bytes in one file, uncompressed (50 MiB).
pub const MAX_BYTES: usize = 52_428_800;

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

/// The name of the `n`th file (from 1) of a sitemap split into several.
pub fn part_name(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The sitemap's files, `(name at the site root, XML)`: `sitemap.xml` alone when `entries` fit in
/// one file ([`MAX_URLS`], [`MAX_BYTES`]); otherwise `sitemap.xml` is an index of the files
/// [`part_name`] 1, 2, … that follow it, each within both limits.
pub fn files(config: &Config, entries: &[Entry]) -> Vec<(String, String)> {
    split(config, entries, MAX_URLS, MAX_BYTES)
}

fn split(config: &Config, entries: &[Entry], max_urls: usize, max_bytes: usize) -> Vec<(String, String)> {
    if entries.len() <= max_urls {
        let xml = sitemap(entries);
        if xml.len() <= max_bytes {
            return vec![(SITEMAP.into(), xml)];
        }
    }
    // As few files as hold the entries, cut at equal counts of entries; more of them when one
    // came out too large (pages with many translations have longer entries).
    let mut parts = entries.len().div_ceil(max_urls).max(2);
    let parts = loop {
        let per = entries.len().div_ceil(parts).max(1);
        let xml: Vec<String> = entries.chunks(per).map(sitemap).collect();
        let largest = xml.iter().map(String::len).max().unwrap_or(0);
        if largest <= max_bytes || per == 1 {
            break xml;
        }
        parts = (parts + 1).max((parts * largest).div_ceil(max_bytes));
    };
    let names: Vec<String> = (1..=parts.len()).map(part_name).collect();
    let index = sitemap_index(&names.iter().map(|n| head::absolute(config, n)).collect::<Vec<_>>());
    std::iter::once((SITEMAP.to_string(), index)).chain(names.into_iter().zip(parts)).collect()
}

/// A sitemap index listing the sitemaps at the absolute URLs `locs`.
fn sitemap_index(locs: &[String]) -> String {
    document(200 + locs.iter().map(|l| l.len() + 40).sum::<usize>(), |w| {
        w.create_element("sitemapindex").with_attribute(("xmlns", SITEMAP_NS)).write_inner_content(|w| {
            for loc in locs {
                w.create_element("sitemap").write_inner_content(|w| {
                    w.create_element("loc").write_text_content(BytesText::new(loc))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        Ok(())
    })
}

/// `sitemap.xml` for `entries`.
pub fn sitemap(entries: &[Entry]) -> String {
    // About its final size (a 30,000-page site's is 17 MB), not grown and copied as it fills.
    let size: usize = entries
        .iter()
        .map(|e| 40 + e.loc.len() + e.alternates.iter().map(|a| 60 + a.hreflang.len() + a.href.len()).sum::<usize>())
        .sum();
    document(size + 200, |w| {
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
    })
}

/// An XML document of about `capacity` bytes: the declaration, what `content` writes (indented
/// by two spaces) and a final line break.
fn document(capacity: usize, content: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> String {
    let mut w = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| content(&mut w))
        .expect("writing to memory cannot fail");
    let mut xml = String::from_utf8(w.into_inner()).expect("the writer writes UTF-8");
    xml.push('\n');
    xml
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

    /// `n` entries, each with `alternates` alternates.
    fn many(n: usize, alternates: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://owner.github.io/polyref/en/page{i}/"),
                alternates: (0..alternates)
                    .map(|a| AlternateView {
                        hreflang: format!("l{a}"),
                        href: format!("https://owner.github.io/polyref/l{a}/page{i}/"),
                    })
                    .collect::<Vec<_>>()
                    .into(),
            })
            .collect()
    }

    /// The `loc`s of a sitemap index, checking its namespace.
    fn read_index(xml: &str) -> Vec<String> {
        let mut reader = Reader::from_str(xml);
        let (mut locs, mut in_loc, mut in_sitemap) = (Vec::new(), false, false);
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) if e.name().as_ref() == "sitemapindex" => {
                    let ns = e.try_get_attribute("xmlns").unwrap().expect("a namespace");
                    assert_eq!(ns.normalized_value(XmlVersion::Implicit1_0).unwrap(), SITEMAP_NS);
                }
                Event::Start(e) if e.name().as_ref() == "urlset" => panic!("an index holds no urls: {xml}"),
                Event::Start(e) if e.name().as_ref() == "sitemap" => in_sitemap = true,
                Event::End(e) if e.name().as_ref() == "sitemap" => in_sitemap = false,
                Event::Start(e) if e.name().as_ref() == "loc" => {
                    assert!(in_sitemap, "a loc outside a sitemap element");
                    in_loc = true;
                    locs.push(String::new());
                }
                Event::End(e) if e.name().as_ref() == "loc" => in_loc = false,
                Event::Text(t) if in_loc => locs.last_mut().unwrap().push_str(&t.xml10_content()),
                Event::Eof => break,
                _ => {}
            }
        }
        locs
    }

    #[test]
    fn a_sitemap_within_the_limits_is_one_file() {
        let entries = many(10, 3);
        let whole = sitemap(&entries);
        let files = split(&config(), &entries, 10, whole.len());
        assert_eq!(files, [(SITEMAP.to_string(), whole.clone())]);
        assert_eq!(files, super::files(&config(), &entries), "the protocol's limits are far off");
    }

    #[test]
    fn too_many_urls_make_an_index_of_files_within_the_limit_listing_every_page_once_in_order() {
        let entries = many(25, 3);
        let files = split(&config(), &entries, 10, MAX_BYTES);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        assert_eq!(
            read_index(&files[0].1),
            [1, 2, 3].map(|i| format!("https://owner.github.io/polyref/sitemap-{i}.xml")),
            "absolute URLs under the base path, beside the index"
        );
        let mut listed = Vec::new();
        for (_, xml) in &files[1..] {
            let urls = read(xml);
            assert!(urls.len() <= 10 && !urls.is_empty(), "{} urls", urls.len());
            listed.extend(urls);
        }
        let expected: Vec<_> = entries
            .iter()
            .map(|e| {
                (e.loc.clone(), e.alternates.iter().map(|a| (a.hreflang.clone(), a.href.clone())).collect::<Vec<_>>())
            })
            .collect();
        assert_eq!(listed, expected);
    }

    #[test]
    fn too_many_bytes_split_the_sitemap_even_with_few_urls() {
        // Entries with many alternates, as a site in many languages has, pass the byte limit first.
        let entries = many(40, 12);
        let whole = sitemap(&entries).len();
        let max_bytes = whole / 3;
        let files = split(&config(), &entries, MAX_URLS, max_bytes);
        assert!(files.len() >= 4, "{} files for {whole} bytes at {max_bytes} each", files.len());
        assert_eq!(read_index(&files[0].1).len(), files.len() - 1);
        for (name, xml) in &files[1..] {
            assert!(xml.len() <= max_bytes, "{name}: {} bytes", xml.len());
        }
        let locs: Vec<String> = files[1..].iter().flat_map(|(_, xml)| read(xml)).map(|(loc, _)| loc).collect();
        assert_eq!(locs, entries.iter().map(|e| e.loc.clone()).collect::<Vec<_>>());
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
