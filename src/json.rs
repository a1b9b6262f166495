//! The page model as JSON: `index.json`, written beside each page's HTML.
//!
//! The `Serialize` derives below define the format. Most of a model's bytes are its sections'
//! HTML, full of quotes and line ends, and serde_json escapes a string one byte at a time:
//! [`PageModel::write`] gives serde_json the small fields and escapes the HTML itself, eight
//! bytes at a time. Both ways give the same bytes; debug builds (every test) check that on every
//! page they render.

use serde::Serialize;

use crate::dialect::{Fact, Kind, SourceInfo};
use crate::markdown::Section;

/// The JSON model of one page in one locale.
#[derive(Debug, Serialize)]
pub struct PageModel<'a> {
    #[serde(flatten)]
    pub about: About<'a>,
    pub sections: &'a [Section],
    pub intro_html: &'a str,
    pub supplements: Vec<SupplementModel<'a>>,
}

/// The model's fields up to its sections: what the page is.
#[derive(Debug, Serialize)]
pub struct About<'a> {
    pub key: &'a str,
    pub kind: Kind,
    pub interface: Option<&'a str>,
    pub member: Option<&'a str>,
    pub locale: &'a str,
    pub content_locale: &'a str,
    pub fallback: bool,
    pub translations: Vec<&'a str>,
    pub title: &'a str,
    pub short_title: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub source_commit: Option<&'a str>,
    pub spec_urls: &'a [String],
    pub browser_compat: Option<&'a str>,
    pub status: &'a [String],
    pub sources: Vec<&'a SourceInfo>,
    pub facts: Vec<&'a Fact>,
}

/// A supplement (another project's text about the same page) in the model.
#[derive(Debug, Serialize)]
pub struct SupplementModel<'a> {
    #[serde(flatten)]
    pub about: SupplementAbout<'a>,
    pub sections: Vec<Section>,
}

/// A supplement's fields up to its sections.
#[derive(Debug, Serialize)]
pub struct SupplementAbout<'a> {
    pub source: &'a SourceInfo,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub facts: &'a [Fact],
}

impl PageModel<'_> {
    /// The model's JSON, as `serde_json::to_vec` gives it, in a buffer of about `size` bytes.
    pub fn write(&self, size: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(size);
        object_head(&mut out, &self.about);
        out.extend_from_slice(b",\"sections\":");
        sections(&mut out, self.sections);
        out.extend_from_slice(b",\"intro_html\":");
        string(&mut out, self.intro_html);
        out.extend_from_slice(b",\"supplements\":[");
        for (i, s) in self.supplements.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            object_head(&mut out, &s.about);
            out.extend_from_slice(b",\"sections\":");
            sections(&mut out, &s.sections);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
        debug_assert_eq!(
            out,
            serde_json::to_vec(self).expect("the model serialises"),
            "the fast JSON writer differs from the Serialize derive"
        );
        out
    }
}

/// Writes `fields` (a struct with fields) as a JSON object, leaving it open for more fields.
fn object_head<T: Serialize>(out: &mut Vec<u8>, fields: &T) {
    serde_json::to_writer(&mut *out, fields).expect("the model serialises");
    debug_assert_eq!(out.last(), Some(&b'}'));
    out.pop();
}

/// Writes sections as `Section`'s derive does, with the fast escaper for their text.
fn sections(out: &mut Vec<u8>, sections: &[Section]) {
    out.push(b'[');
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"id\":");
        string(out, &s.id);
        out.extend_from_slice(b",\"level\":");
        serde_json::to_writer(&mut *out, &s.level).expect("a number serialises");
        out.extend_from_slice(b",\"title\":");
        string(out, &s.title);
        out.extend_from_slice(b",\"kind\":");
        serde_json::to_writer(&mut *out, &s.kind).expect("a section kind serialises");
        out.extend_from_slice(b",\"html\":");
        string(out, &s.html);
        out.push(b'}');
    }
    out.push(b']');
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A mask with the high bit set in the first byte of `x` (in memory order) that JSON escapes: a
/// control character, `"` or `\`. Bytes after the first may be marked wrongly (a borrow carries
/// into them), so only the lowest mark counts; zero when no byte needs escaping.
fn needs_escape(x: u64) -> u64 {
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    let control = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control | quote | backslash) & HIGHS
}

/// Writes `s` as a JSON string, escaped exactly as serde_json escapes it: `"`, `\` and control
/// characters (the short forms `\b \t \n \f \r`, else `\u00xx`); everything else as it is.
pub fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + bytes.len() / 8 + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        match needs_escape(word) {
            0 => i += 8,
            mask => {
                let at = i + (mask.trailing_zeros() / 8) as usize;
                out.extend_from_slice(&bytes[start..at]);
                escape(out, bytes[at]);
                start = at + 1;
                i = start;
            }
        }
    }
    for (at, &b) in bytes.iter().enumerate().skip(i) {
        if b < 0x20 || b == b'"' || b == b'\\' {
            out.extend_from_slice(&bytes[start..at]);
            escape(out, b);
            start = at + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::SectionKind;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7f).map(char::from).collect();
        let mut cases = vec![
            String::new(),
            every_ascii.clone(),
            every_ascii.chars().rev().collect(),
            "<p class=\"note\">a \\ b</p>\n<pre>\tx\r\n</pre>".into(),
            "naïve → ✓ 🦀 \u{7f}\u{80}\u{a0}\u{2028}\u{ffff}".into(),
        ];
        // Every special byte at every place of a chunk, alone, first, last and in runs.
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}', '\u{8}', '\u{c}'] {
            for len in 0..20 {
                for at in 0..len {
                    let mut s: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().take(len).collect();
                    s[at] = special;
                    cases.push(s.iter().collect());
                    s.iter_mut().skip(at).for_each(|c| *c = special);
                    cases.push(s.iter().collect());
                }
            }
        }
        // Bytes just around the ones that are escaped, where a borrow could mislead the mask.
        cases.push("\u{1f}\u{20}\u{21}\u{22}\u{23}\u{5b}\u{5c}\u{5d}\u{1}\u{21}\u{23}".repeat(3));
        cases.push("é\"ü\\\u{1}ß".repeat(5));
        for case in cases {
            assert_eq!(ours(&case), serde_json::to_string(&case).unwrap(), "{case:?}");
        }
    }

    #[test]
    fn the_mask_marks_exactly_the_first_byte_to_escape() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                let mask = needs_escape(u64::from_le_bytes(bytes));
                let escaped = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(mask != 0, escaped, "byte {b:#x} at {at}");
                if escaped {
                    assert_eq!(mask.trailing_zeros() / 8, at as u32, "byte {b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn a_model_is_written_as_the_derive_serialises_it() {
        let source = SourceInfo {
            dialect: crate::dialect::Dialect::Mdn,
            file: "content/en/web/api/a/index.md".into(),
            original_url: "https://developer.mozilla.org/en-US/docs/Web/API/A".into(),
            project: "MDN Web Docs".into(),
            licence: "CC BY-SA 2.5".into(),
            licence_url: "https://creativecommons.org/licenses/by-sa/2.5/".into(),
            attribution: "Mozilla Contributors".into(),
        };
        let facts = vec![Fact::text("readiness", "Ready to \"use\"")];
        let section = |id: &str, kind| Section {
            id: id.into(),
            level: 2,
            title: format!("The \"{id}\" part"),
            kind,
            html: format!("<h2 id=\"{id}\">{id}</h2>\n<p>a\tb \\ c</p>\n"),
        };
        let sections = vec![section("syntax", Some(SectionKind::Syntax)), section("other", None)];
        let spec_urls = vec!["https://websockets.spec.whatwg.org/#dom-websocket-close".to_string()];
        let status = vec!["experimental".to_string()];
        let model = PageModel {
            about: About {
                key: "Web/API/A",
                kind: Kind::Method,
                interface: Some("A"),
                member: None,
                locale: "de",
                content_locale: "en",
                fallback: true,
                translations: vec!["en"],
                title: "A: \"b\"",
                short_title: None,
                summary: Some("line\nbreak"),
                source_commit: None,
                spec_urls: &spec_urls,
                browser_compat: Some("api.A"),
                status: &status,
                sources: vec![&source],
                facts: facts.iter().collect(),
            },
            sections: &sections,
            intro_html: "<p>intro</p>\n",
            supplements: vec![
                SupplementModel {
                    about: SupplementAbout { source: &source, title: "Sup", summary: None, facts: &facts },
                    sections: sections.clone(),
                },
                SupplementModel {
                    about: SupplementAbout { source: &source, title: "", summary: Some(""), facts: &[] },
                    sections: Vec::new(),
                },
            ],
        };
        assert_eq!(String::from_utf8(model.write(0)).unwrap(), serde_json::to_string(&model).unwrap());
        let empty = PageModel { sections: &[], supplements: Vec::new(), ..model };
        assert_eq!(String::from_utf8(empty.write(0)).unwrap(), serde_json::to_string(&empty).unwrap());
    }
}
