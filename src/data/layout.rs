//! Where things are written in a data file. serde_yaml gives values without positions, so the
//! data files' parsers find them by scanning the text: a data file is a few top-level keys at
//! column 0 and one block sequence of mappings under one of them (`codes:` in the close-code
//! registry, `examples:` in the examples file), each item's `key: value` lines at one column.
//! A diagnostic about an item or a field then points at the line that holds it.

use std::ops::Range;

use crate::diag::{Diagnostic, Source};
use crate::front_matter::{self, YamlMapping, YamlValue};

/// The top-level keys and the items of the file's list.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Keys at column 0 (unquoted), with the key as written (quotes included).
    top_keys: Vec<(String, Range<usize>)>,
    /// The `- ` items of the list, in order.
    pub items: Vec<Item>,
}

/// An item of the list.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// Byte offset of the `-`.
    pub dash: usize,
    /// The line holding the `-` (without the newline).
    pub dash_line: Range<usize>,
    /// The item's `key: value` lines, in order.
    pub fields: Vec<Field>,
}

/// A `key: value` line of an item.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub key: String,
    /// From the key to the end of the line.
    pub line: Range<usize>,
    /// The value as written (quotes included), empty when it is on the next lines.
    pub value: Range<usize>,
}

impl Layout {
    /// Scans `text`, whose list is the value of the top-level key `list`.
    pub fn scan(text: &str, list: &str) -> Layout {
        let mut layout = Layout::default();
        let mut in_list = false;
        let mut seq_indent: Option<usize> = None;
        // The column of the current item's keys, once known.
        let mut key_col: Option<usize> = None;
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            let is_dash = rest == "-" || rest.starts_with("- ");
            if indent == 0 && !is_dash {
                // A top-level key (or a document marker): it ends the list.
                in_list = false;
                if let Some((name, key_len, _)) = key_value(rest) {
                    in_list = name == list;
                    layout.top_keys.push((name.to_owned(), start..start + key_len));
                }
                continue;
            }
            if !in_list {
                continue;
            }
            if is_dash && seq_indent.is_none_or(|s| s == indent) {
                seq_indent = Some(indent);
                let after = &rest[1..];
                let gap = after.len() - after.trim_start_matches(' ').len();
                let mut item = Item { dash: start + indent, dash_line: start..start + line.len(), fields: Vec::new() };
                if after.trim().is_empty() {
                    // `-` alone on its line: the keys start on the next one.
                    key_col = None;
                } else {
                    let col = indent + 1 + gap;
                    key_col = Some(col);
                    item.fields.extend(field(line, start, col));
                }
                layout.items.push(item);
            } else if let Some(item) = layout.items.last_mut() {
                let col = *key_col.get_or_insert(indent);
                if indent == col {
                    item.fields.extend(field(line, start, col));
                }
            }
        }
        layout
    }

    /// The top-level key `name` as written.
    pub fn top_key(&self, name: &str) -> Option<Range<usize>> {
        self.top_keys.iter().find(|(k, _)| k == name).map(|(_, r)| r.clone())
    }
}

impl Item {
    /// The field `key` of the item, if it is written on a line of its own.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The unquoted key of a `key: value` line, the length of the key as written (up to the `:`
/// that ends it) and the rest of the line after the `:`.
fn key_value(line: &str) -> Option<(&str, usize, &str)> {
    let i = line.char_indices().find(|&(i, c)| c == ':' && line[i + 1..].chars().next().is_none_or(|n| n == ' '))?.0;
    let key = line[..i].trim_end();
    let key = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')).unwrap_or(key);
    let key = key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')).unwrap_or(key);
    (!key.is_empty()).then_some((key, i, &line[i + 1..]))
}

/// The field of `line` (starting at `line_start` in the text) whose key is at column `col`.
fn field(line: &str, line_start: usize, col: usize) -> Option<Field> {
    let rest = line.get(col..)?;
    let (key, _, value) = key_value(rest)?;
    let value_start = line_start + line.len() - value.trim_start_matches(' ').len();
    Some(Field {
        key: key.to_string(),
        line: line_start + col..line_start + line.len(),
        value: value_start..line_start + line.len(),
    })
}

/// The data file's YAML, or the error where the parser stopped: `what` names the file in the
/// message ("the examples file"), `hint` is the hint when the parser has none of its own.
pub(crate) fn parse_yaml(source: &Source, code: &'static str, what: &str, hint: &str) -> Result<YamlValue, Diagnostic> {
    front_matter::parse_yaml(&source.text).map_err(|e| {
        let at = e.offset.unwrap_or(0);
        Diagnostic::error(code, format!("{what} is not valid YAML: {}", e.message))
            .at(source.at(at..at + 1))
            .label(e.label.unwrap_or("the YAML parser stopped here"))
            .hint(e.hint.unwrap_or_else(|| hint.to_string()))
    })
}

/// What a data file is, for the messages about its whole: its name in them (`the examples
/// file`), the code of its YAML errors, and hints on its syntax and on its shape.
pub(crate) struct DataFile {
    pub what: &'static str,
    pub code: &'static str,
    pub yaml_hint: &'static str,
    /// The label where a mapping was expected: the top-level keys it should hold.
    pub expected: &'static str,
    pub shape_hint: &'static str,
}

/// The file's top-level mapping, or the error that says why it has none: it is not YAML, or it
/// is YAML of another kind (a list, a single value, nothing).
pub(crate) fn parse_mapping(source: &Source, file: &DataFile) -> Result<YamlMapping, Diagnostic> {
    match parse_yaml(source, file.code, file.what, file.yaml_hint)? {
        YamlValue::Mapping(top) => Ok(top),
        other => Err(Diagnostic::error(
            file.code,
            format!("{} must be a mapping, but the file holds {}", file.what, kind(&other)),
        )
        .at(source.at(0..0))
        .label(file.expected)
        .hint(file.shape_hint)),
    }
}

/// A mapping's key as the file writes it (`codes`, `1`, `true`), for messages that name it; a key
/// that is itself a list or mapping is named by its kind.
pub(crate) fn key_name(key: &YamlValue) -> String {
    match key {
        YamlValue::String(s) => s.clone(),
        YamlValue::Number(n) => n.to_string(),
        YamlValue::Bool(b) => b.to_string(),
        other => kind(other).to_owned(),
    }
}

/// What a YAML value is, as a message tells a translator who wrote the wrong kind.
pub(crate) fn kind(v: &YamlValue) -> &'static str {
    match v {
        YamlValue::Null => "an empty value",
        YamlValue::Bool(_) => "true/false",
        YamlValue::Number(_) => "a number",
        YamlValue::String(_) => "text",
        YamlValue::Sequence(_) => "a list",
        YamlValue::Mapping(_) => "a mapping",
        YamlValue::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# comment\n\"top\": 1\nlist:\n  - a: 1\n    'b': x y\n  -\n    a: 2\n    nested:\n      deep: 3\n\r\nafter: 4\n";

    #[test]
    fn keys_items_and_fields_are_found_where_they_are_written() {
        let layout = Layout::scan(TEXT, "list");
        let at = |r: Range<usize>| &TEXT[r];
        assert_eq!(at(layout.top_key("top").unwrap()), "\"top\"");
        assert_eq!(at(layout.top_key("list").unwrap()), "list");
        assert_eq!(at(layout.top_key("after").unwrap()), "after");
        assert_eq!(layout.items.len(), 2);
        let first = &layout.items[0];
        assert_eq!(at(first.dash_line.clone()), "  - a: 1");
        assert_eq!(&TEXT[first.dash..first.dash + 1], "-");
        assert_eq!(at(first.field("a").unwrap().line.clone()), "a: 1");
        assert_eq!(at(first.field("b").unwrap().value.clone()), "x y");
        // `-` alone: the keys are at the column of the next line; deeper lines are values.
        let second = &layout.items[1];
        assert_eq!(second.fields.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["a", "nested"]);
        assert_eq!(at(second.field("nested").unwrap().value.clone()), "");
        // A top-level key ends the list.
        assert!(second.field("after").is_none());
    }

    #[test]
    fn a_file_that_is_not_yaml_is_an_error_where_the_parser_stopped() {
        let source = Source::new("data.yaml", "list:\n  - a: \"open\n");
        let d = parse_yaml(&source, "data-yaml", "the data file", "a hint").unwrap_err();
        assert!(d.message.starts_with("the data file is not valid YAML: "), "{}", d.message);
        assert_eq!(d.location.as_ref().map(|l| l.line), Some(2), "{d:?}");
    }

    #[test]
    fn a_file_of_another_kind_than_a_mapping_says_what_it_holds() {
        let file = DataFile {
            what: "the data file",
            code: "data-yaml",
            yaml_hint: "a hint on YAML",
            expected: "expected `list:`",
            shape_hint: "a hint on the shape",
        };
        for (text, holds) in [("- a: 1\n", "a list"), ("just text\n", "text"), ("", "an empty value")] {
            let d = parse_mapping(&Source::new("data.yaml", text), &file).unwrap_err();
            assert_eq!(d.code, "data-yaml");
            assert_eq!(d.message, format!("the data file must be a mapping, but the file holds {holds}"));
            assert_eq!(d.hint.as_deref(), Some("a hint on the shape"));
        }
        let top = parse_mapping(&Source::new("data.yaml", TEXT), &file).unwrap();
        assert_eq!(top.len(), 3);
    }
}
