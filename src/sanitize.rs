//! Sanitizing: raw HTML in content is filtered through an allowlist (ammonia), unsafe URLs are
//! neutralised, and each thing removed is reported at its line so a translator knows why.
//!
//! Pages without raw HTML skip the sanitizer: markdown text is escaped by the renderer and the
//! HTML polyref generates itself is trusted, so only content-supplied HTML needs the pass.

use std::collections::HashSet;
use std::sync::OnceLock;

/// URL schemes a link or image in content may use; anything else becomes `#`.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Elements never allowed from content.
const FORBIDDEN: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base", "form",
    "input", "button", "textarea", "select", "option", "svg", "math", "template", "noscript", "portal", "audio",
    "video",
];

fn builder() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(None)
            .add_tags(["div", "span", "dl", "dt", "dd", "details", "summary", "kbd", "section", "small", "output"])
            .add_generic_attributes(["id", "class", "lang", "dir", "title", "role"])
            .add_tag_attributes("a", ["hreflang", "rel"])
            .add_tag_attributes("th", ["scope"])
            .add_tag_attributes("pre", ["tabindex"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .url_schemes(SAFE_SCHEMES.iter().copied().collect::<HashSet<_>>())
            .url_relative(ammonia::UrlRelative::PassThrough);
        b
    })
}

/// Cleans an HTML fragment: forbidden elements and their content, event handlers, `style`,
/// and URLs with other schemes than http, https and mailto are removed.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

/// The scheme of a URL (`javascript` in `JavaScript:alert(1)`), if it has one.
fn scheme(url: &str) -> Option<String> {
    // Browsers ignore control characters and spaces inside a scheme; so do we when judging it.
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let (s, _) = squeezed.split_once(':')?;
    let mut chars = s.chars();
    (chars.next()?.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| s.to_ascii_lowercase())
}

/// A link target from content is safe when it is relative or uses an allowed scheme.
pub fn safe_url(url: &str) -> bool {
    // Most links are plainly relative or https: decide those without looking closer.
    if url.starts_with("https://") || url.starts_with("http://") || url.starts_with(['/', '#', '.']) {
        return !url.starts_with("//") || !url.contains(['\\', '\t', '\n']);
    }
    scheme(url).is_none_or(|s| SAFE_SCHEMES.contains(&s.as_str()))
}

/// What a raw HTML fragment from content contains that will not reach the site, described for
/// a translator (empty when it is all allowed).
pub fn problems(fragment: &str) -> Vec<String> {
    let lower = fragment.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if FORBIDDEN.contains(&name.as_str()) {
            let msg = format!("a <{name}> element");
            if !out.contains(&msg) {
                out.push(msg);
            }
        }
        for (attr, value) in attributes(tag) {
            if attr.starts_with("on") && attr.len() > 2 {
                out.push(format!("an event-handler attribute `{attr}`"));
            } else if attr == "style" || attr == "srcdoc" {
                out.push(format!("a `{attr}` attribute"));
            } else if matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href" | "poster")
                && !safe_url(&value)
            {
                out.push(format!("a `{}:` URL", scheme(&value).unwrap_or_default()));
            }
        }
    }
    out
}

/// `(name, value)` pairs of the attributes in the text of one tag (after its name).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let body = tag.trim_start_matches('/');
    let mut chars = body.char_indices().skip_while(|(_, c)| c.is_ascii_alphanumeric()).peekable();
    while let Some((_, c)) = chars.peek().copied() {
        if c.is_whitespace() || c == '/' {
            chars.next();
            continue;
        }
        let mut name = String::new();
        while let Some((_, c)) = chars.peek().copied() {
            if c.is_whitespace() || c == '=' || c == '/' {
                break;
            }
            name.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|(_, c)| *c == '=') {
            chars.next();
            while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                chars.next();
            }
            match chars.peek().copied() {
                Some((_, q)) if q == '"' || q == '\'' => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some((_, c)) = chars.peek().copied() {
                        if c.is_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if name.is_empty() {
            chars.next();
        } else {
            out.push((name, value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_dangerous_urls_never_survive() {
        let dirty = r#"<p onclick="x()">a</p><script>alert(1)</script><iframe src="https://e.com"></iframe><style>p{}</style><a href="javascript:alert(1)">j</a><a href=" JaVa
script:alert(1)">k</a><img src="data:text/html,<b>">"#;
        let clean = clean(dirty);
        for bad in ["onclick", "<script", "alert", "<iframe", "<style", "javascript", "data:"] {
            assert!(!clean.to_ascii_lowercase().contains(bad), "{bad} in {clean}");
        }
        assert!(clean.contains("<p>a</p>"));
    }

    #[test]
    fn generated_markup_survives() {
        let ours = r##"<div class="notecard note" role="note"><p class="notecard-title"><strong>Hinweis</strong></p></div><table id="close-codes" class="standard-table" lang="de"><tbody><tr id="code-1000"><th scope="row"><a href="#code-1000">x</a></th></tr></tbody></table><dl><dt id="code">c</dt><dd>d</dd></dl><span lang="en">x</span>"##;
        assert_eq!(clean(ours), ours);
    }

    #[test]
    fn highlighted_code_survives() {
        let code = "if (a < b && s === \"<script>\") { close(1000, 'x'); } // done\n";
        let html = format!(
            "<pre tabindex=\"0\"><code class=\"language-js\">{}</code></pre>",
            crate::highlight::highlight("js", code).expect("js is highlighted")
        );
        assert!(html.contains("<span class=\"hl-keyword\">") && html.contains("&lt;script&gt;"), "{html}");
        assert_eq!(clean(&html), html);
    }

    #[test]
    fn problems_are_described_for_translators() {
        let p = problems(r#"<a href="javascript:void(0)" onmouseover='x'>"#);
        assert_eq!(p, ["a `javascript:` URL", "an event-handler attribute `onmouseover`"]);
        assert_eq!(problems("<script>"), ["a <script> element"]);
        assert!(problems("<kbd>Ctrl</kbd> <br> <a href=\"https://x\">").is_empty());
    }

    #[test]
    fn url_safety() {
        assert!(safe_url("https://x") && safe_url("../a/index.html#b") && safe_url("#x") && safe_url("mailto:a@b"));
        assert!(!safe_url("javascript:x") && !safe_url("DATA:text/html,x") && !safe_url("java\tscript:x"));
    }
}
