//! Link check: every internal link and `#anchor` of the rendered site, in every locale, must
//! lead to a file of the site and to an element with that id in it.
//!
//! Runs over the files `render_site` produced in memory. A broken link is reported at the place
//! in the content file that wrote it (found by its target text) when there is one, otherwise at
//! the page, naming every page where it is broken.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Location};
use crate::model::Model;

/// One `href`/`src` of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub attr: &'static str,
    /// The value as written in the HTML, entities decoded.
    pub value: String,
}

/// The links (`href`, `src`) and ids (`id`, and `name` of `<a>`) of an HTML page.
#[derive(Debug, Default)]
pub struct Scan {
    pub links: Vec<Link>,
    pub ids: BTreeSet<String>,
}

/// Reads the start tags of `html` and collects their links and ids. Comments, and the text of
/// `<script>` and `<style>`, are skipped.
pub fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            rest = r.find("-->").map_or("", |i| &r[i + 3..]);
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let tag = rest[..name_len].to_ascii_lowercase();
        let (attrs, after) = attributes(&rest[name_len..]);
        for (name, value) in attrs {
            match name.as_str() {
                "href" => out.links.push(Link { attr: "href", value }),
                "src" => out.links.push(Link { attr: "src", value }),
                "id" => {
                    out.ids.insert(value);
                }
                "name" if tag == "a" => {
                    out.ids.insert(value);
                }
                _ => {}
            }
        }
        rest = after;
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            rest = rest.to_ascii_lowercase().find(&close).map_or("", |i| &rest[i..]);
        }
    }
    out
}

/// Attributes of a start tag up to its `>`, and the text after it.
fn attributes(s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(r) = rest.strip_prefix('>') {
            return (attrs, r);
        }
        let name_len =
            rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/')).unwrap_or(rest.len()).max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let Some(r) = rest.strip_prefix('=') else {
            attrs.push((name, String::new()));
            continue;
        };
        let r = r.trim_start();
        let (value, after) = match r.chars().next() {
            Some(q @ ('"' | '\'')) => match r[1..].find(q) {
                Some(end) => (&r[1..1 + end], &r[end + 2..]),
                None => (&r[1..], ""),
            },
            _ => {
                let end = r.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(r.len());
                (&r[..end], &r[end..])
            }
        };
        attrs.push((name, decode_entities(value)));
        rest = after;
    }
}

/// Decodes the character references our templates and sanitizer write.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => {
                u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32)
            }
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Percent-decodes a URL path or fragment (UTF-8); invalid escapes stay as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether a link leaves the site: it has a scheme (`https:`, `mailto:`) or is protocol-relative.
fn is_external(v: &str) -> bool {
    if v.starts_with("//") {
        return true;
    }
    let scheme_end = v.find(':');
    let first_special = v.find(['/', '?', '#']);
    match (scheme_end, first_special) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Resolves `link` (relative, or absolute from the site root) against the page at `from`
/// (a path inside the site, e.g. `de/web/api/x/index.html`): the target file and fragment.
pub fn resolve(from: &str, link: &str) -> (String, Option<String>) {
    let (before_fragment, fragment) = match link.split_once('#') {
        Some((b, f)) => (b, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = before_fragment.split('?').next().unwrap_or_default();
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<String> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<String> = from.split('/').map(str::to_string).collect();
        p.pop();
        p
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(percent_decode(s)),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    (target, fragment)
}

/// Checks every internal link of every HTML file of `files`. `model` locates links written in
/// content files.
/// `base_path` is the site's path on its host (`/polyref/`): a root-absolute link starting with it
/// (as 404.html writes them) points inside the site.
pub fn check(files: &[(String, Vec<u8>)], model: &Model, base_path: &str) -> Vec<Diagnostic> {
    let by_path: BTreeMap<&str, &[u8]> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    let mut scans: BTreeMap<&str, Scan> = BTreeMap::new();
    for (path, bytes) in files {
        if path.ends_with(".html") {
            scans.insert(path.as_str(), scan(&String::from_utf8_lossy(bytes)));
        }
    }
    // (where it is written, the link) → where, what is wrong, the id it likely meant, and the
    // pages where it is broken.
    type Broken = (Option<Location>, String, Option<String>, Vec<String>);
    let mut broken: BTreeMap<(String, String), Broken> = BTreeMap::new();
    for (page, s) in &scans {
        for link in &s.links {
            let v = link.value.trim();
            if v.is_empty() || is_external(v) {
                continue;
            }
            let v = match v.strip_prefix(base_path) {
                Some(inside) if base_path.len() > 1 => &format!("/{inside}"),
                _ => v,
            };
            let (target, fragment) = resolve(page, v);
            let mut meant = None;
            let problem = if !by_path.contains_key(target.as_str()) {
                if by_path.contains_key(format!("{target}/index.html").as_str()) {
                    None
                } else {
                    Some(format!("`{v}` leads to `{target}`, which the site does not have"))
                }
            } else {
                match (&fragment, scans.get(target.as_str())) {
                    (Some(f), Some(t)) if !f.is_empty() && !t.ids.contains(f) => {
                        // `#Status_codes` for the heading whose id is `status_codes`.
                        meant = t.ids.iter().find(|id| id.eq_ignore_ascii_case(f)).cloned();
                        Some(format!("`{v}` leads to `#{f}`, but {target} has no element with that id"))
                    }
                    _ => None,
                }
            };
            let Some(problem) = problem else { continue };
            let at = locate(page, v, fragment.as_deref(), model);
            // A link written once (in a content file or a template) is one problem, wherever shown.
            let key = (at.as_ref().map(|l| l.to_string()).unwrap_or_default(), v.to_string());
            broken.entry(key).or_insert_with(|| (at, problem, meant, Vec::new())).3.push(page.to_string());
        }
    }
    broken
        .into_values()
        .map(|(at, problem, meant, pages)| {
            let shown: Vec<&str> = pages.iter().take(4).map(String::as_str).collect();
            let more = if pages.len() > 4 { format!(" and {} more", pages.len() - 4) } else { String::new() };
            let hint = match meant {
                Some(id) => format!("did you mean `#{id}`? Heading ids are written in lower case"),
                None => "link to a heading of the page with `#its-id` (see the page's table of contents), or to another page by its MDN address such as /en-US/docs/Web/API/WebSocket".to_string(),
            };
            Diagnostic::error("link-broken", format!("broken link: {problem}"))
                .label(format!("broken on {}{more}", shown.join(", ")))
                .hint(hint)
                .at(at.unwrap_or_else(|| Location::file(format!("site/{}", pages[0]))))
        })
        .collect()
}

/// The place in a content file that wrote the link `v` of the page at `page`: the files of the
/// page's entity (every locale, since a fallback page shows another locale's text), searched
/// for the fragment or the last path segment of the link.
fn locate(page: &str, v: &str, fragment: Option<&str>, model: &Model) -> Option<Location> {
    let (_, dir) = page.strip_suffix("/index.html")?.split_once('/')?;
    let entity = model.entities.iter().find(|e| e.dir == dir)?;
    let needles: Vec<String> = match fragment {
        Some(f) if !f.is_empty() => vec![format!("#{f})"), format!("#{f}\""), format!("#{f}")],
        _ => {
            let last = v.trim_end_matches('/').rsplit('/').next().unwrap_or(v);
            vec![format!("{last})"), last.to_string()]
        }
    };
    let page_locale = page.split('/').next().unwrap_or_default();
    // The page's own locale first; a fallback page shows another locale's text.
    let files = entity
        .translations
        .get(page_locale)
        .into_iter()
        .chain(entity.translations.values())
        .flat_map(|t| std::iter::once(&*t.primary).chain(t.supplements.iter()));
    for f in files {
        let body = f.body();
        for n in &needles {
            if let Some(i) = body.find(n.as_str()) {
                let at = f.body_start + i;
                return Some(f.file.source.at(at..at + n.trim_end_matches([')', '"']).len()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_links_and_ids_but_not_in_comments_or_scripts() {
        let s = scan(
            r#"<a href="a.html#x&amp;y" id='top'>t</a><!-- <a href="no"> --><script>var a = "<a href='no2'>";</script><img src=i.png><h2 id="reason">r</h2><a name="old"></a>"#,
        );
        let links: Vec<&str> = s.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(links, ["a.html#x&y", "i.png"]);
        assert!(s.ids.contains("top") && s.ids.contains("reason") && s.ids.contains("old"));
    }

    #[test]
    fn relative_and_root_links_resolve() {
        assert_eq!(
            resolve("de/web/api/x/index.html", "#code"),
            ("de/web/api/x/index.html".into(), Some("code".into()))
        );
        assert_eq!(resolve("de/web/api/x/index.html", "../y/index.html"), ("de/web/api/y/index.html".into(), None));
        assert_eq!(resolve("de/index.html", "status/"), ("de/status/index.html".into(), None));
        assert_eq!(resolve("de/a/index.html", "../../"), ("index.html".into(), None));
        assert_eq!(resolve("de/a/index.html", "/assets/style.css"), ("assets/style.css".into(), None));
        assert_eq!(resolve("de/a/index.html", "#R%C3%BCck"), ("de/a/index.html".into(), Some("Rück".into())));
    }

    #[test]
    fn external_links_are_left_alone() {
        assert!(is_external("https://example.org/x"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.example/x"));
        assert!(!is_external("../a/index.html#b:c"));
        assert!(!is_external("#x"));
    }

    #[test]
    fn broken_files_and_anchors_are_reported_once_per_link() {
        let files = vec![
            ("en/a/index.html".to_string(), br##"<a href="#here">ok</a><a href="#nowhere">x</a><a href="../b/index.html">b</a><h2 id="here">h</h2>"##.to_vec()),
            ("de/a/index.html".to_string(), br##"<a href="#nowhere">x</a>"##.to_vec()),
            ("en/c/index.html".to_string(), br##"<a href="../a/index.html#here">ok</a><a href="../a/">dir</a>"##.to_vec()),
        ];
        let d = check(&files, &Model::default(), "/polyref/");
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(d.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("#nowhere")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("en/b/index.html")), "{msgs:?}");
        assert!(d.iter().all(|d| d.is_error()));
    }
}
