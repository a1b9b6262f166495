//! Front matter: splitting a content file into its YAML header and markdown body, and the one
//! place YAML is parsed.
//!
//! serde_yaml is archived upstream; every YAML parse in polyref goes through [`parse_yaml`] so
//! that a maintained fork can replace it by changing the `use` below.

use serde::de::DeserializeOwned;
use serde_yaml as yaml_impl;

/// A content file cut in two. Offsets are byte offsets into the whole file, so positions found
/// in either part can be reported at the real line of the real file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if the file has front matter.
    pub yaml: Option<&'a str>,
    pub yaml_start: usize,
    pub body: &'a str,
    pub body_start: usize,
}

/// The file opens front matter with `---` but never closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte range of the opening `---` line.
    pub open: std::ops::Range<usize>,
}

/// Splits `text` (already free of a BOM and of CR line endings). A file whose first line is not
/// `---` has no front matter. The closing line is `---` (or YAML's `...`), alone on its line.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---").filter(|r| r.is_empty())) else {
        return Ok(Split { yaml: None, yaml_start: 0, body: text, body_start: 0 });
    };
    let yaml_start = text.len() - rest.len();
    let mut offset = yaml_start;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_start,
                body: &text[body_start..],
                body_start,
            });
        }
        offset += line.len();
    }
    Err(Unclosed { open: 0..3 })
}

/// A YAML syntax or shape error, positioned within the YAML text it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    /// Byte offset into the YAML text, when the parser knows it.
    pub offset: Option<usize>,
    /// What stands at `offset`, when the cause is known better than where the parser stopped.
    pub label: Option<&'static str>,
    /// What to do about it, in that case.
    pub hint: Option<String>,
}

/// Parses YAML into `T`. The only call into the YAML library.
///
/// Some mistakes are reported by the parser far from where they are, or in its own terms; for
/// these the error says what is wrong where it is: a quoted value left open (`title: "Foo`,
/// reported where the text ends), a list or mapping left open (`title: [Foo`, reported where the
/// parser next stumbles), a tab in an indentation, and a field given twice (reported where the
/// fields start).
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    yaml_impl::from_str(text).map_err(|e| {
        let offset = e.location().map(|l| l.index());
        if let Some((at, quote)) = unclosed_quote(text).filter(|(q, _)| offset.is_none_or(|o| o > *q)) {
            let inside = if quote == '"' { "\\\"" } else { "''" };
            return YamlError {
                message: "a quoted value is never closed".into(),
                offset: Some(at),
                label: Some("this quote is not closed on its line"),
                hint: Some(format!(
                    "end the value with `{quote}` on the same line; a `{quote}` inside the value is written `{inside}`"
                )),
            };
        }
        if let Some((at, open)) = unclosed_flow(text, offset) {
            let (what, close, example) = match open {
                '[' => ("list", ']', "tags: [a, b]"),
                _ => ("mapping", '}', "size: {width: 2, height: 3}"),
            };
            return YamlError {
                message: format!("a `{open}` {what} is never closed"),
                offset: Some(at),
                label: Some(if open == '[' { "this `[` is not closed" } else { "this `{` is not closed" }),
                hint: Some(format!(
                    "end the {what} with `{close}` (`{example}`); if the `{open}` is part of the text, put the whole value in quotes: `\"{open}…\"`"
                )),
            };
        }
        if let Some(at) = offset.filter(|&o| text.get(o..).is_some_and(|t| t.starts_with('\t'))) {
            return YamlError {
                message: "a tab indents this line".into(),
                offset: Some(at),
                label: Some("this is a tab"),
                hint: Some("YAML indents with spaces only: replace the tab with as many spaces as the lines around it use".into()),
            };
        }
        let mut message = e.to_string();
        // The library appends " at line L column C"; we report positions ourselves.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        if let Some((key, at)) = duplicate_key(text, &message, offset) {
            return YamlError {
                message: format!("the field `{key}` is given twice"),
                offset: Some(at),
                label: Some("given again here"),
                hint: Some(format!("a field is given once: keep one `{key}:` line and delete the other")),
            };
        }
        YamlError { message, offset, label: None, hint: None }
    })
}

/// The second `key:` of a mapping, when the parser reports a key given twice (`duplicate entry
/// with key "title"`) at the mapping's start: the key and the offset of its second line.
fn duplicate_key<'m>(yaml: &str, message: &'m str, start: Option<usize>) -> Option<(&'m str, usize)> {
    let key = message.split_once("duplicate entry with key \"")?.1.split('"').next()?;
    let start = start?.min(yaml.len());
    let line_start = yaml[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - line_start;
    let named = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")];
    let mut offset = line_start;
    let mut seen = 0;
    for line in yaml[line_start..].split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let here = line.len() - trimmed.len();
        if here < indent {
            break;
        }
        if here == indent && named.iter().any(|n| trimmed.starts_with(n.as_str())) {
            seen += 1;
            if seen == 2 {
                return Some((key, at + here));
            }
        }
    }
    None
}

/// The values of a YAML text's lines, after `key: ` or a list item's `- `, comments aside: the
/// byte offset of each in `yaml` (past leading spaces) and the rest of its line.
fn line_values(yaml: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    yaml.split_inclusive('\n').filter_map(move |line| {
        let line_start = start;
        start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.starts_with('#') {
            return None;
        }
        let value_at = match body.find(": ") {
            Some(i) => i + 2,
            None if trimmed.starts_with("- ") => body.len() - trimmed.len() + 2,
            None => return None,
        };
        let value = body[value_at..].trim_start();
        Some((line_start + body.len() - value.len(), value))
    })
}

/// A quoted value that opens on a line and is not closed on it (`title: "Foo`). Returns the byte
/// offset of the opening quote in `yaml` and the quote.
fn unclosed_quote(yaml: &str) -> Option<(usize, char)> {
    line_values(yaml).find_map(|(at, value)| match value.chars().next() {
        Some(q @ ('"' | '\'')) if quoted_end(&value[1..], q).is_none() => Some((at, q)),
        _ => None,
    })
}

/// A flow collection (`[a, b]`, `{a: 1}`) that opens a value and is not closed before `until`
/// (where the parser gave up; the end if unknown), which the parser reports only where it next
/// stumbles, often on a later line. A collection may span lines, so it is followed past its
/// line. Returns the byte offset of the bracket in `yaml` and the bracket.
fn unclosed_flow(yaml: &str, until: Option<usize>) -> Option<(usize, char)> {
    let until = until.unwrap_or(yaml.len()).min(yaml.len());
    line_values(yaml).take_while(|&(at, _)| at < until).find_map(|(at, value)| match value.chars().next() {
        Some(b @ ('[' | '{')) if !flow_closes(&yaml[at..until]) => Some((at, b)),
        _ => None,
    })
}

/// Whether the flow collection `text` starts with is closed within it: brackets counted outside
/// quoted strings and comments. A quote left open on its line leaves the collection open.
fn flow_closes(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return true;
                }
            }
            quote @ (b'"' | b'\'') => {
                let line = text[i + 1..].split('\n').next().unwrap_or_default();
                match quoted_end(line, char::from(quote)) {
                    Some(end) => i += end + 1,
                    None => return false,
                }
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// Where the closing quote is in `rest` (what follows an opening quote), if it is there: `\"`
/// escapes a double quote, `''` stands for a single one.
fn quoted_end(rest: &str, quote: char) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            (q, c) if q == c => return Some(i),
            _ => {}
        }
    }
    None
}

/// Converts an already parsed value into `T` (no position: on failure, parse the text with
/// [`parse_yaml`] to locate the problem).
pub fn from_value<T: DeserializeOwned>(value: YamlValue) -> Result<T, YamlError> {
    yaml_impl::from_value(value).map_err(|e| YamlError {
        message: e.to_string(),
        offset: None,
        label: None,
        hint: None,
    })
}

/// A YAML value of any shape, for looking at which fields a header has before choosing a type.
pub type YamlValue = yaml_impl::Value;
/// A YAML mapping.
pub type YamlMapping = yaml_impl::Mapping;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_yaml_error_from_an_unclosed_quote_points_at_the_quote() {
        let e = parse_yaml::<YamlValue>("slug: a\ntitle: \"Foo: bar\nother: x\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("a quoted value is never closed", Some(15)));
        assert_eq!(e.label, Some("this quote is not closed on its line"));
        assert!(e.hint.unwrap().contains("`\\\"`"));
        // Any other error keeps the parser's own message and place.
        let e = parse_yaml::<YamlValue>("a: b: c\n").unwrap_err();
        assert!(e.label.is_none() && e.hint.is_none() && e.offset.is_some(), "{e:?}");
    }

    #[test]
    fn a_yaml_error_from_an_unclosed_bracket_points_at_the_bracket() {
        // The parser stops at the next line's `:`; the mistake is the `[` on the line before.
        let e = parse_yaml::<YamlValue>("title: [unclosed\nslug: x\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("a `[` list is never closed", Some(7)));
        assert_eq!(e.label, Some("this `[` is not closed"));
        assert!(e.hint.unwrap().contains("end the list with `]`"));
        let e = parse_yaml::<YamlValue>("title: x\nsize: {a: 1\nslug: x\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("a `{` mapping is never closed", Some(15)));
        // A list item, and a `]` inside a quoted string, which does not close the list.
        assert_eq!(parse_yaml::<YamlValue>("- [a\n- b\n").unwrap_err().offset, Some(2));
        assert_eq!(parse_yaml::<YamlValue>("tags: [a, \"b]\"\n").unwrap_err().offset, Some(6));
        // A list over two lines is fine; a mistake after it is the parser's to place.
        let e = parse_yaml::<YamlValue>("tags: [a,\n  b]\nx: [a, b]]\n").unwrap_err();
        assert!(e.label.is_none() && e.offset > Some(15), "{e:?}");
    }

    #[test]
    fn a_tab_in_an_indentation_is_named() {
        let e = parse_yaml::<YamlValue>("title: a\nl10n:\n\tsourceCommit: 1\n").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.offset, e.label),
            ("a tab indents this line", Some(15), Some("this is a tab"))
        );
        assert!(e.hint.unwrap().contains("spaces only"));
        assert_eq!(parse_yaml::<YamlValue>("l10n:\n  \tsourceCommit: 1\n").unwrap_err().offset, Some(8));
        // A tab after a field's colon is fine.
        assert!(parse_yaml::<YamlValue>("title:\ta\n").is_ok());
    }

    #[test]
    fn a_field_given_twice_is_shown_where_it_is_given_again() {
        let e = parse_yaml::<YamlValue>("title: a\nslug: x\ntitle: b\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("the field `title` is given twice", Some(17)));
        assert_eq!(e.label, Some("given again here"));
        assert!(e.hint.unwrap().contains("keep one `title:` line"));
        // In a nested mapping, among its own fields only.
        let e = parse_yaml::<YamlValue>("sourceCommit: 0\nl10n:\n  sourceCommit: 1\n  # x\n\n  sourceCommit: 2\n")
            .unwrap_err();
        assert_eq!((e.message.as_str(), e.offset), ("the field `sourceCommit` is given twice", Some(49)));
    }

    #[test]
    fn flow_collections_close_outside_quotes_and_comments() {
        assert!(flow_closes("[a, [b], {c: d}]"));
        assert!(flow_closes("[a, 'it''s ]', \"\\\" ]\"]"));
        assert!(flow_closes("[a, # a comment ]\n b]"));
        assert!(!flow_closes("[a, [b]"));
        assert!(!flow_closes("[a, \"b]"));
        assert!(!flow_closes("{a: 1"));
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_line() {
        assert_eq!(unclosed_quote("slug: a\ntitle: \"Foo: bar\nother: x\n"), Some((15, '"')));
        assert_eq!(unclosed_quote("tags:\n  - 'it''s\n"), Some((10, '\'')));
        // Closed quotes, escaped ones and quotes inside plain values are not.
        assert_eq!(unclosed_quote("title: \"a \\\" b\"\nx: 'it''s'\ny: it's\n# note: \"\n"), None);
    }

    #[test]
    fn splits_header_and_body_with_offsets() {
        let text = "---\ntitle: x\n---\n\nbody\n";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(&text[s.yaml_start..s.yaml_start + 8], "title: x");
        assert_eq!(s.body, "\nbody\n");
        assert_eq!(s.body_start, 17);
    }

    #[test]
    fn file_without_front_matter_is_all_body() {
        let s = split("# Title\n---\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(s.body, "# Title\n---\n");
    }

    #[test]
    fn closing_line_may_follow_a_blank_line_and_trailing_spaces() {
        let s = split("---\nuri: a\n\n---  \nx").unwrap();
        assert_eq!(s.yaml, Some("uri: a\n\n"));
        assert_eq!(s.body, "x");
    }

    #[test]
    fn missing_closing_line_is_reported() {
        assert_eq!(split("---\ntitle: x\nbody\n"), Err(Unclosed { open: 0..3 }));
    }

    #[test]
    fn yaml_error_has_offset_and_no_library_position_suffix() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            title: String,
        }
        let err = parse_yaml::<T>("title: [unclosed\n").unwrap_err();
        assert!(err.offset.is_some());
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }
}
