//! The WebSocket close-code registry (`content/data/close-codes.yaml`): every registered close
//! code and every range of codes, with what the standards allow for each.
//!
//! The facts come from RFC 6455 §7.4.1 (defined status codes) and §7.4.2 (reserved ranges), the
//! IANA "WebSocket Close Code Number Registry", and the `close()` method of the WHATWG
//! WebSockets Standard. The file is the single source of those facts: pages render their close
//! code tables from it, and the rules that check content take their bounds from it
//! ([`CloseCodeRegistry::script_codes`], [`CloseCodeRegistry::max_reason_bytes`]).
//!
//! Names and descriptions shown to readers are translated in `i18n/<locale>/close-codes.ftl`,
//! under [`CloseCodeEntry::message_id`].
//!
//! Parsing collects every problem of the file, each at the line of the entry or field it is
//! about: serde_yaml reports no positions for values, so `layout.rs` finds the top-level
//! keys, the `- ` items under `codes:` and their fields in the text.

use std::cmp::Reverse;
use std::ops::{Range, RangeInclusive};

use crate::data::layout::{self, Layout, key_name, kind};
use crate::diag::{Diagnostic, Source};
use crate::front_matter::{YamlMapping, YamlValue};

/// Path of the registry, relative to the project root.
pub const PATH: &str = "content/data/close-codes.yaml";

/// Highest close code: RFC 6455 §7.4.2 assigns ranges up to 4999 and none above.
pub const MAX_CODE: u16 = 4999;

/// The most entries a registry can have without repeating a code (0–4999).
pub const MAX_ENTRIES: usize = MAX_CODE as usize + 1;

/// RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less".
pub const MAX_CONTROL_PAYLOAD: usize = 125;

/// RFC 6455 §5.5.1: a Close frame's body starts with a 2-byte status code, so a reason has at
/// most `MAX_CONTROL_PAYLOAD - STATUS_CODE_BYTES` = 123 bytes (the bound of WHATWG `close()`).
pub const STATUS_CODE_BYTES: usize = 2;

const TOP_FIELDS: &[&str] = &["max_reason_bytes", "codes"];
const ENTRY_FIELDS: &[&str] = &["code", "range", "name", "reference", "reference_url", "wire", "script", "registrable"];

/// `1000, 3000–4999`: inclusive ranges of codes as a reader writes them.
pub fn ranges_text(ranges: &[RangeInclusive<u16>]) -> String {
    ranges
        .iter()
        .map(|r| if r.start() == r.end() { r.start().to_string() } else { format!("{}–{}", r.start(), r.end()) })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row of the registry: a single code, or an inclusive range of codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseCodeEntry {
    pub first: u16,
    /// Equal to `first` for a single code.
    pub last: u16,
    /// IANA's name, as data. The name readers see comes from the locale's Fluent file.
    pub name: String,
    pub reference: String,
    pub reference_url: Option<String>,
    /// An endpoint may send the code in a Close frame (RFC 6455 §7.4.1: never 1005, 1006, 1015).
    pub wire: bool,
    /// A script may pass the code to `WebSocket.close()` (WHATWG: only 1000 and 3000–4999).
    pub script: bool,
    /// For a range: IANA registers codes in it first come, first served, so codes registered
    /// there may be listed as entries of their own inside it (RFC 6455 §7.4.2, 3000–3999).
    pub registrable: bool,
    /// 1-based line of the entry in the YAML, for diagnostics.
    pub line: usize,
}

impl CloseCodeEntry {
    pub fn is_range(&self) -> bool {
        self.first != self.last
    }

    pub fn contains(&self, code: u16) -> bool {
        (self.first..=self.last).contains(&code)
    }

    /// Stable anchor, identical in every locale: "code-1006", "code-4000-4999".
    pub fn anchor(&self) -> String {
        format!("code-{}", self.key())
    }

    /// Fluent message id of the name, e.g. "close-code-1006" / "close-code-4000-4999"; the
    /// description is its attribute `.description`.
    pub fn message_id(&self) -> String {
        format!("close-code-{}", self.key())
    }

    /// "1006" or "4000-4999".
    fn key(&self) -> String {
        if self.is_range() { format!("{}-{}", self.first, self.last) } else { self.first.to_string() }
    }

    /// Sort key of the registry: by code, a range before the codes registered inside it.
    fn order(&self) -> (u16, Reverse<u16>) {
        (self.first, Reverse(self.last))
    }
}

/// The parsed and validated registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseCodeRegistry {
    /// Sorted by code; a range comes before the codes registered inside it.
    pub entries: Vec<CloseCodeEntry>,
    /// Longest close reason, in bytes of UTF-8 (123: RFC 6455 §5.5, WHATWG `close()`).
    pub max_reason_bytes: usize,
}

impl CloseCodeRegistry {
    /// Parse and validate. Returns the registry when there is no error, plus all problems found
    /// (every one, not only the first).
    pub fn parse(source: &Source) -> (Option<CloseCodeRegistry>, Vec<Diagnostic>) {
        let mut parser =
            Parser { source, layout: Layout::scan(&source.text, "codes"), items_located: false, diags: Vec::new() };
        let registry = parser.registry();
        let failed = parser.diags.iter().any(Diagnostic::is_error);
        (registry.filter(|_| !failed), parser.diags)
    }

    /// Inclusive ranges a script may pass to `close()`, merged and sorted: `[1000..=1000,
    /// 3000..=4999]` for the real data.
    pub fn script_codes(&self) -> Vec<RangeInclusive<u16>> {
        let mut spans: Vec<(u16, u16)> = self.entries.iter().filter(|e| e.script).map(|e| (e.first, e.last)).collect();
        spans.sort_unstable();
        let mut merged: Vec<(u16, u16)> = Vec::new();
        for (first, last) in spans {
            match merged.last_mut() {
                Some((_, end)) if u32::from(first) <= u32::from(*end) + 1 => *end = (*end).max(last),
                _ => merged.push((first, last)),
            }
        }
        merged.into_iter().map(|(a, b)| a..=b).collect()
    }

    /// The most specific entry for `code`: its own entry, else the range that covers it.
    pub fn entry_for(&self, code: u16) -> Option<&CloseCodeEntry> {
        self.entries
            .iter()
            .find(|e| !e.is_range() && e.first == code)
            .or_else(|| self.entries.iter().filter(|e| e.contains(code)).min_by_key(|e| e.last - e.first))
    }

    /// Fluent message ids of all entries, in registry order.
    pub fn message_ids(&self) -> impl Iterator<Item = String> + '_ {
        self.entries.iter().map(CloseCodeEntry::message_id)
    }
}

struct Parser<'s> {
    source: &'s Source,
    layout: Layout,
    /// The layout found one item per entry, so entries can be located by index.
    items_located: bool,
    diags: Vec<Diagnostic>,
}

/// The registry file, for the messages about its whole.
const REGISTRY_FILE: layout::DataFile = layout::DataFile {
    what: "the close-code registry",
    code: "registry-yaml",
    yaml_hint: "check the indentation and the quoting near this point; every entry under `codes:` starts with \
                `- ` at the same indentation",
    expected: "expected `max_reason_bytes:` and `codes:`",
    shape_hint: "the file has two top-level keys: `max_reason_bytes: 123` and `codes:` followed by the list of \
                 entries",
};

/// What went wrong with a field's value.
enum Bad {
    Missing,
    Type(&'static str),
    Invalid(String),
}

impl Parser<'_> {
    fn registry(&mut self) -> Option<CloseCodeRegistry> {
        let top = match layout::parse_mapping(self.source, &REGISTRY_FILE) {
            Ok(top) => top,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        for key in top.keys() {
            let name = key_name(key);
            if !TOP_FIELDS.contains(&name.as_str()) {
                let at = self.layout.top_key(&name).unwrap_or(0..0);
                self.unknown_field(at, &name, "the registry", TOP_FIELDS);
            }
        }

        let max_reason_bytes = self.max_reason_bytes(&top);
        let entries = self.entries(&top);
        Some(CloseCodeRegistry { entries: entries?, max_reason_bytes: max_reason_bytes? })
    }

    fn max_reason_bytes(&mut self, top: &YamlMapping) -> Option<usize> {
        let limit = MAX_CONTROL_PAYLOAD - STATUS_CODE_BYTES;
        let at = self.layout.top_key("max_reason_bytes");
        let bad = match top.get("max_reason_bytes") {
            None => Bad::Missing,
            Some(v) => match v.as_u64() {
                Some(n) if n as usize <= limit => return Some(n as usize),
                Some(n) => {
                    Bad::Invalid(format!("`max_reason_bytes` is {n}, more than a Close frame can carry ({limit})"))
                }
                None if v.as_i64().is_some() => Bad::Invalid(format!(
                    "`max_reason_bytes` is {}, but a length cannot be negative",
                    v.as_i64().unwrap_or_default()
                )),
                None => Bad::Type("a whole number"),
            },
        };
        let hint = format!(
            "write `max_reason_bytes: {limit}`: a control frame carries at most \
             {MAX_CONTROL_PAYLOAD} bytes (RFC 6455 §5.5) and the status code takes \
             {STATUS_CODE_BYTES} of them (§5.5.1)"
        );
        match bad {
            Bad::Missing => self.error(
                "registry-missing-field",
                0..0,
                "the close-code registry has no `max_reason_bytes`",
                "expected `max_reason_bytes:` at the top of the file",
                hint,
            ),
            Bad::Type(want) => self.error(
                "registry-type",
                at.unwrap_or(0..0),
                format!("`max_reason_bytes` must be {want}"),
                "not a whole number",
                hint,
            ),
            Bad::Invalid(msg) => self.error("registry-out-of-range", at.unwrap_or(0..0), msg, "out of range", hint),
        }
        None
    }

    fn entries(&mut self, top: &YamlMapping) -> Option<Vec<CloseCodeEntry>> {
        let codes_at = self.layout.top_key("codes").unwrap_or(0..0);
        let list = match top.get("codes") {
            None => {
                self.error(
                    "registry-missing-field",
                    0..0,
                    "the close-code registry has no `codes`",
                    "expected `codes:` with the list of entries",
                    "add `codes:` followed by one `- code: …` or `- range: […]` entry per line \
                     of the registry",
                );
                return None;
            }
            Some(YamlValue::Sequence(list)) => list,
            Some(other) => {
                self.error(
                    "registry-type",
                    codes_at,
                    format!("`codes` must be a list of entries, not {}", kind(other)),
                    "not a list",
                    "write each entry on its own lines, starting with `- `",
                );
                return None;
            }
        };
        self.items_located = self.layout.items.len() == list.len();
        if list.len() > MAX_ENTRIES {
            // Codes are 0–4999: more entries than codes must repeat some. Stopping here keeps
            // the pairwise checks below bounded.
            self.error(
                "registry-too-large",
                codes_at,
                format!("the registry has {} entries; there are only {MAX_ENTRIES} close codes", list.len()),
                "too many entries",
                "list each code or range once; use `range: [first, last]` for a run of codes",
            );
            return None;
        }

        let mut entries = Vec::new();
        let mut complete = true;
        for (index, value) in list.iter().enumerate() {
            match self.entry(index, value) {
                Some(entry) => entries.push((index, entry)),
                None => complete = false,
            }
        }
        self.check_order(&entries);
        self.check_overlaps(&entries);

        let mut entries: Vec<CloseCodeEntry> = entries.into_iter().map(|(_, e)| e).collect();
        entries.sort_by_key(CloseCodeEntry::order);
        complete.then_some(entries)
    }

    fn entry(&mut self, index: usize, value: &YamlValue) -> Option<CloseCodeEntry> {
        let line = self.source.at(self.item_at(index)).line;
        let Some(map) = value.as_mapping() else {
            self.error(
                "registry-type",
                self.item_at(index),
                format!("entry {} must be a mapping, not {}", index + 1, kind(value)),
                "not a mapping",
                "write the entry as `- code: 1000` followed by its other fields, one per line",
            );
            return None;
        };
        let errors_before = self.error_count();

        for key in map.keys() {
            let name = key_name(key);
            if !ENTRY_FIELDS.contains(&name.as_str()) {
                let at = self.field_at(index, &name);
                self.unknown_field(at, &name, "a close-code entry", ENTRY_FIELDS);
            }
        }

        let span = self.span(index, map);
        let what = match span {
            Some((a, b)) if a != b => format!("range {a}-{b}"),
            Some((a, _)) => format!("code {a}"),
            None => format!("entry {}", index + 1),
        };
        let name = self.text_field(index, map, "name", &what);
        let reference = self.text_field(index, map, "reference", &what);
        let reference_url = self.url_field(index, map, &what);
        let wire = self.bool_field(index, map, "wire", &what, None);
        let script = self.bool_field(index, map, "script", &what, None);
        let registrable = self.bool_field(index, map, "registrable", &what, Some(false));

        if let Some((first, last)) = span
            && first == last
            && registrable == Some(true)
        {
            self.error(
                "registry-registrable-code",
                self.field_at(index, "registrable"),
                format!("{what} is a single code, but `registrable` is for ranges"),
                "only a range can be registrable",
                "remove `registrable` from this entry; it belongs on the range in which IANA \
                 registers codes (3000-3999)",
            );
        }
        if script == Some(true) && wire == Some(false) {
            self.error(
                "registry-inconsistent",
                self.field_at(index, "script"),
                format!("{what} may be passed to close() (`script: true`) but not sent (`wire: false`)"),
                "contradicts `wire: false`",
                "close() sends the code in a Close frame, so a code a script may use must also \
                 have `wire: true`",
            );
        }

        if self.error_count() > errors_before {
            return None;
        }
        let (first, last) = span?;
        Some(CloseCodeEntry {
            first,
            last,
            name: name?,
            reference: reference?,
            reference_url: reference_url?,
            wire: wire?,
            script: script?,
            registrable: registrable?,
            line,
        })
    }

    /// The `code` or `range` of an entry, as (first, last).
    fn span(&mut self, index: usize, map: &YamlMapping) -> Option<(u16, u16)> {
        match (map.get("code"), map.get("range")) {
            (Some(_), Some(_)) => {
                self.error(
                    "registry-code-and-range",
                    self.field_at(index, "range"),
                    format!("entry {} has both `code` and `range`", index + 1),
                    "remove this or `code`",
                    "an entry is either one code (`code: 1000`) or a range of codes \
                     (`range: [4000, 4999]`)",
                );
                None
            }
            (None, None) => {
                self.error(
                    "registry-missing-field",
                    self.item_at(index),
                    format!("entry {} has neither `code` nor `range`", index + 1),
                    "which code is this?",
                    "add `code: N` for one code, or `range: [first, last]` for a range",
                );
                None
            }
            (Some(code), None) => {
                let code = self.code_value(index, "code", code, "`code`")?;
                Some((code, code))
            }
            (None, Some(range)) => {
                let bounds = match range.as_sequence() {
                    Some(pair) if pair.len() == 2 => pair,
                    _ => {
                        self.error(
                            "registry-type",
                            self.field_at(index, "range"),
                            "`range` must be a list of two codes, `[first, last]`",
                            "not [first, last]",
                            "write the range as `range: [4000, 4999]`, both ends included",
                        );
                        return None;
                    }
                };
                let first = self.code_value(index, "range", &bounds[0], "the first code of `range`");
                let last = self.code_value(index, "range", &bounds[1], "the last code of `range`");
                let (first, last) = (first?, last?);
                if first >= last {
                    let (message, hint) = if first == last {
                        (
                            format!("range {first}-{last} holds a single code"),
                            format!("write a single code as `code: {first}`"),
                        )
                    } else {
                        (
                            format!("range {first}-{last} ends before it starts"),
                            format!("write the lower code first: `range: [{last}, {first}]`"),
                        )
                    };
                    self.error(
                        "registry-bad-range",
                        self.field_at(index, "range"),
                        message,
                        "first must be below last",
                        hint,
                    );
                    return None;
                }
                Some((first, last))
            }
        }
    }

    fn code_value(&mut self, index: usize, field: &str, v: &YamlValue, what: &str) -> Option<u16> {
        let at = self.field_at(index, field);
        let shown = match v.as_u64() {
            Some(n) if n <= u64::from(MAX_CODE) => return Some(n as u16),
            Some(n) => n.to_string(),
            None => match v.as_i64() {
                Some(n) => n.to_string(),
                None => {
                    self.error(
                        "registry-type",
                        at,
                        format!("{what} must be a whole number, not {}", kind(v)),
                        "not a close code",
                        "close codes are written as plain numbers, without quotes: `code: 1000`",
                    );
                    return None;
                }
            },
        };
        self.error(
            "registry-out-of-range",
            at,
            format!("{what} is {shown}, outside the close codes 0-{MAX_CODE}"),
            "no such close code",
            format!(
                "RFC 6455 §7.4.2 defines close codes from 0 to {MAX_CODE}; check the number for a \
                 typo"
            ),
        );
        None
    }

    fn text_field(&mut self, index: usize, map: &YamlMapping, field: &str, what: &str) -> Option<String> {
        let bad = match map.get(field) {
            Some(YamlValue::String(s)) if !s.trim().is_empty() => return Some(s.clone()),
            Some(YamlValue::String(_)) => Bad::Invalid(format!("`{field}` of {what} is empty")),
            Some(other) => Bad::Type(kind(other)),
            None => Bad::Missing,
        };
        let hint = match field {
            "name" => "give IANA's name for the code, e.g. `name: Normal Closure`",
            _ => "say where the code is defined, e.g. `reference: RFC 6455 §7.4.1`",
        };
        self.report_bad(index, field, what, bad, "text", hint);
        None
    }

    fn url_field(&mut self, index: usize, map: &YamlMapping, what: &str) -> Option<Option<String>> {
        let field = "reference_url";
        let bad = match map.get(field) {
            None | Some(YamlValue::Null) => return Some(None),
            Some(YamlValue::String(s)) if s.starts_with("https://") || s.starts_with("http://") => {
                return Some(Some(s.clone()));
            }
            Some(YamlValue::String(s)) => Bad::Invalid(format!("`{field}` of {what} is not a web address: `{s}`")),
            Some(other) => Bad::Type(kind(other)),
        };
        self.report_bad(
            index,
            field,
            what,
            bad,
            "a web address",
            "write the full address, starting with `https://`, or leave the field out",
        );
        None
    }

    fn bool_field(
        &mut self,
        index: usize,
        map: &YamlMapping,
        field: &str,
        what: &str,
        default: Option<bool>,
    ) -> Option<bool> {
        let bad = match (map.get(field), default) {
            (Some(YamlValue::Bool(b)), _) => return Some(*b),
            (None, Some(d)) => return Some(d),
            (None, None) => Bad::Missing,
            (Some(other), _) => Bad::Type(kind(other)),
        };
        let hint = match field {
            "wire" => {
                "write `wire: true` if an endpoint may send the code in a Close frame \
                       (RFC 6455 §7.4.1), `wire: false` if not"
            }
            "script" => {
                "write `script: true` if a script may pass the code to WebSocket.close() \
                         (WHATWG: 1000 and 3000-4999), `script: false` if not"
            }
            _ => {
                "write `registrable: true` on the range in which IANA registers codes, or \
                  leave the field out"
            }
        };
        self.report_bad(index, field, what, bad, "true or false", hint);
        None
    }

    fn report_bad(&mut self, index: usize, field: &str, what: &str, bad: Bad, want: &str, hint: &str) {
        match bad {
            Bad::Missing => self.error(
                "registry-missing-field",
                self.item_at(index),
                format!("{what} has no `{field}`"),
                format!("`{field}` is missing"),
                hint,
            ),
            Bad::Type(found) => self.error(
                "registry-type",
                self.field_at(index, field),
                format!("`{field}` of {what} must be {want}, not {found}"),
                format!("expected {want}"),
                hint,
            ),
            Bad::Invalid(message) => self.error("registry-type", self.field_at(index, field), message, "here", hint),
        }
    }

    /// Entries should be written in registry order; the registry is sorted either way.
    fn check_order(&mut self, entries: &[(usize, CloseCodeEntry)]) {
        for pair in entries.windows(2) {
            let ((_, before), (index, entry)) = (&pair[0], &pair[1]);
            if entry.order() < before.order() {
                let d = Diagnostic::warning(
                    "registry-order",
                    format!(
                        "{} comes after {} (line {}), out of order",
                        describe(entry),
                        describe(before),
                        before.line
                    ),
                )
                .at(self.source.at(self.item_at(*index)))
                .label("out of order")
                .hint(
                    "keep the entries sorted by code, each range before the codes registered \
                     inside it, so translators find them in the order of the pages",
                );
                self.diags.push(d);
            }
        }
    }

    /// No code may belong to two entries, except a single code registered inside the
    /// registrable range (IANA's first-come-first-served range, RFC 6455 §7.4.2).
    fn check_overlaps(&mut self, entries: &[(usize, CloseCodeEntry)]) {
        for (j, (index, entry)) in entries.iter().enumerate() {
            let clash = entries[..j].iter().map(|(_, e)| e).find(|earlier| {
                let overlap = earlier.first <= entry.last && entry.first <= earlier.last;
                overlap && !registered_inside(earlier, entry)
            });
            let Some(earlier) = clash else { continue };
            let at = self.item_at(*index);
            if earlier.first == entry.first && earlier.last == entry.last {
                self.error(
                    "registry-duplicate-code",
                    at,
                    format!("{} is listed twice (first on line {})", describe(entry), earlier.line),
                    "duplicate",
                    "keep one of the two entries and remove the other",
                );
            } else {
                let hint = if entry.is_range() && earlier.is_range() {
                    "ranges must not overlap: change their bounds so that each code belongs to \
                     one range"
                } else {
                    "a single code may lie inside a range only if that range is the one where \
                     IANA registers codes (`registrable: true`); split the range around the code \
                     or remove one of the entries"
                };
                self.error(
                    "registry-overlap",
                    at,
                    format!("{} overlaps {} (line {})", describe(entry), describe(earlier), earlier.line),
                    "overlapping entry",
                    hint,
                );
            }
        }
    }

    fn item_at(&self, index: usize) -> Range<usize> {
        match self.layout.items.get(index).filter(|_| self.items_located) {
            Some(item) => item.dash..item.dash_line.end,
            None => self.layout.top_key("codes").unwrap_or(0..0),
        }
    }

    fn field_at(&self, index: usize, field: &str) -> Range<usize> {
        self.layout
            .items
            .get(index)
            .filter(|_| self.items_located)
            .and_then(|item| Some(item.field(field)?.line.clone()))
            .unwrap_or_else(|| self.item_at(index))
    }

    fn unknown_field(&mut self, at: Range<usize>, name: &str, what: &str, allowed: &[&str]) {
        let mut hint = format!("the fields of {what} are: {}", allowed.join(", "));
        if let Some(near) = closest(name, allowed) {
            hint = format!("did you mean `{near}`? {hint}");
        }
        self.error("registry-unknown-field", at, format!("unknown field `{name}` in {what}"), "unknown field", hint);
    }

    fn error(
        &mut self,
        code: &'static str,
        at: Range<usize>,
        message: impl Into<String>,
        label: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::error(code, message).at(self.source.at(at)).label(label).hint(hint);
        self.diags.push(d);
    }

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }
}

/// `inner` is a single code registered inside the registrable range `outer`, or the reverse.
fn registered_inside(a: &CloseCodeEntry, b: &CloseCodeEntry) -> bool {
    let inside = |range: &CloseCodeEntry, code: &CloseCodeEntry| {
        range.is_range() && range.registrable && !code.is_range() && range.contains(code.first)
    };
    inside(a, b) || inside(b, a)
}

fn describe(e: &CloseCodeEntry) -> String {
    if e.is_range() { format!("range {}-{}", e.first, e.last) } else { format!("code {}", e.first) }
}

/// The allowed name closest to a misspelt one, if it is close enough to be a likely typo.
fn closest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::levenshtein(name, a), *a))
        .filter(|&(d, a)| d > 0 && d <= 2.max(a.len() / 4))
        .min()
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    const REAL: &str = include_str!("../../content/data/close-codes.yaml");

    fn real() -> CloseCodeRegistry {
        let (registry, diags) = CloseCodeRegistry::parse(&Source::new(PATH, REAL));
        let rendered: Vec<String> = diags.iter().map(Diagnostic::render).collect();
        assert!(diags.is_empty(), "{}", rendered.join("\n"));
        registry.expect("no diagnostics, so a registry")
    }

    /// (code, line) of every diagnostic for `yaml`, and the registry if there was no error.
    fn check(yaml: &str) -> (Option<CloseCodeRegistry>, Vec<(&'static str, usize)>) {
        let (registry, diags) = CloseCodeRegistry::parse(&Source::new(PATH, yaml));
        for d in &diags {
            let loc = d.location.as_ref().expect("every diagnostic has a location");
            assert_eq!(loc.path, PATH);
            assert!(d.hint.is_some(), "no hint: {}", d.render());
        }
        let found = diags.iter().map(|d| (d.code, d.location.as_ref().map_or(0, |l| l.line))).collect();
        (registry, found)
    }

    fn rendered(yaml: &str) -> String {
        let (_, diags) = CloseCodeRegistry::parse(&Source::new(PATH, yaml));
        diags.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n")
    }

    /// A valid registry with one entry per line of `entries` (already indented as items).
    fn registry_with(entries: &str) -> String {
        format!("max_reason_bytes: 123\ncodes:\n{entries}")
    }

    const OK_1000: &str =
        "  - code: 1000\n    name: Normal Closure\n    reference: RFC 6455 §7.4.1\n    wire: true\n    script: true\n";

    #[test]
    fn real_registry_parses_without_diagnostics() {
        let registry = real();
        // 0-999, 1000-1015, 1016-2999, 3000-3999, 3000, 3003, 3008, 4000-4999.
        assert_eq!(registry.entries.len(), 23);
    }

    /// RFC 6455 §7.4.1 and the IANA registry: every code 1000-1015 under IANA's name, plus the
    /// codes registered in 3000-3999.
    #[test]
    fn real_registry_has_every_registered_code_with_its_iana_name() {
        let registry = real();
        let names: BTreeMap<u16, &str> =
            registry.entries.iter().filter(|e| !e.is_range()).map(|e| (e.first, e.name.as_str())).collect();
        let expected = [
            (1000, "Normal Closure"),
            (1001, "Going Away"),
            (1002, "Protocol error"),
            (1003, "Unsupported Data"),
            (1004, "Reserved"),
            (1005, "No Status Rcvd"),
            (1006, "Abnormal Closure"),
            (1007, "Invalid frame payload data"),
            (1008, "Policy Violation"),
            (1009, "Message Too Big"),
            (1010, "Mandatory Ext."),
            (1011, "Internal Error"),
            (1012, "Service Restart"),
            (1013, "Try Again Later"),
            (1014, "Bad Gateway"),
            (1015, "TLS handshake"),
            (3000, "Unauthorized"),
            (3003, "Forbidden"),
            (3008, "Timeout"),
        ];
        assert_eq!(names, BTreeMap::from(expected));
    }

    /// Every code 0-4999 has exactly one most specific entry (RFC 6455 §7.4.2 covers them all).
    #[test]
    fn real_registry_covers_every_code() {
        let registry = real();
        for code in 0..=MAX_CODE {
            assert!(registry.entry_for(code).is_some(), "no entry for {code}");
        }
        assert_eq!(registry.entry_for(MAX_CODE + 1), None);
    }

    /// RFC 6455 §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control
    /// frame by an endpoint"; 1004 has no meaning yet, and 0-999 and the unassigned 1016-2999 are
    /// not sent either.
    #[test]
    fn real_registry_marks_codes_that_never_go_on_the_wire() {
        let registry = real();
        let off_wire: BTreeSet<String> =
            registry.entries.iter().filter(|e| !e.wire).map(CloseCodeEntry::anchor).collect();
        let expected = ["code-0-999", "code-1004", "code-1005", "code-1006", "code-1015", "code-1016-2999"];
        assert_eq!(off_wire, expected.map(String::from).into());
        for code in [1005, 1006, 1015] {
            assert!(!registry.entry_for(code).unwrap().wire, "{code}");
        }
    }

    /// WHATWG WebSockets, close() step 1: a code "neither an integer equal to 1000 nor an integer
    /// in the range 3000 to 4999, inclusive" throws an InvalidAccessError.
    #[test]
    fn script_codes_are_what_close_accepts() {
        let registry = real();
        assert_eq!(registry.script_codes(), vec![1000..=1000, 3000..=4999]);
        for code in 0..=MAX_CODE {
            let allowed = code == 1000 || (3000..=4999).contains(&code);
            assert_eq!(registry.entry_for(code).unwrap().script, allowed, "{code}");
        }
    }

    /// RFC 6455 §5.5 (125-byte control frame payload) minus the 2-byte status code of §5.5.1;
    /// WHATWG close() throws a SyntaxError past 123 bytes.
    #[test]
    fn max_reason_bytes_is_a_close_frame_payload_minus_the_code() {
        assert_eq!(real().max_reason_bytes, 123);
    }

    #[test]
    fn anchors_and_message_ids_are_stable() {
        let registry = real();
        let e = registry.entry_for(1006).unwrap();
        assert_eq!((e.anchor(), e.message_id()), ("code-1006".into(), "close-code-1006".into()));
        let e = registry.entry_for(4321).unwrap();
        assert_eq!(e.anchor(), "code-4000-4999");
        assert_eq!(e.message_id(), "close-code-4000-4999");
        assert_eq!(registry.entry_for(0).unwrap().anchor(), "code-0-999");
        let ids: BTreeSet<String> = registry.message_ids().collect();
        assert_eq!(ids.len(), registry.entries.len(), "message ids are unique");
    }

    /// A code registered inside 3000-3999 is found before the range that covers it.
    #[test]
    fn entry_for_prefers_the_registered_code_to_its_range() {
        let registry = real();
        assert_eq!(registry.entry_for(3003).unwrap().name, "Forbidden");
        let range = registry.entry_for(3001).unwrap();
        assert!(range.is_range() && range.registrable);
        assert_eq!((range.first, range.last), (3000, 3999));
    }

    #[test]
    fn entries_are_sorted_with_a_range_before_the_codes_inside_it() {
        let registry = real();
        let order: Vec<String> = registry.entries.iter().map(|e| e.key()).collect();
        let i = order.iter().position(|k| k == "3000-3999").unwrap();
        assert_eq!(order[i - 1..i + 5], ["1016-2999", "3000-3999", "3000", "3003", "3008", "4000-4999"]);
        assert_eq!(order.first().unwrap(), "0-999");
    }

    #[test]
    fn entry_lines_are_the_lines_of_their_items() {
        let registry = real();
        for e in &registry.entries {
            let line = REAL.lines().nth(e.line - 1).unwrap().trim_start();
            let expected = if e.is_range() {
                format!("- range: [{}, {}]", e.first, e.last)
            } else {
                format!("- code: {}", e.first)
            };
            assert_eq!(line, expected);
        }
    }

    #[test]
    fn a_minimal_registry_parses() {
        let (registry, found) = check(&registry_with(OK_1000));
        assert_eq!(found, []);
        let registry = registry.unwrap();
        assert_eq!(registry.entries[0].line, 3);
        assert_eq!(registry.entries[0].reference_url, None);
        assert!(!registry.entries[0].registrable);
    }

    #[test]
    fn yaml_syntax_error_is_reported_where_the_parser_stopped() {
        let yaml = "max_reason_bytes: 123\ncodes:\n  - code: [1000\n    name: x\n";
        let (registry, found) = check(yaml);
        assert!(registry.is_none());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "registry-yaml");
        assert!((3..=5).contains(&found[0].1), "{found:?}");
        let text = rendered(yaml);
        assert!(text.contains("content/data/close-codes.yaml:"), "{text}");
        assert!(!text.contains(" at line "), "{text}");
    }

    #[test]
    fn an_unclosed_quote_is_reported_on_its_line() {
        let yaml = "max_reason_bytes: 123\ncodes:\n  - code: 1000\n    name: \"Normal\n  - code: 1001\n";
        let (registry, found) = check(yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-yaml", 4)]);
        let text = rendered(yaml);
        assert!(text.contains("a quoted value is never closed"), "{text}");
        assert!(text.contains("this quote is not closed on its line"), "{text}");
    }

    #[test]
    fn yaml_error_offset_counts_bytes_of_non_ascii_text() {
        // "§" takes two bytes: the reported column must still be the parser's.
        let yaml = "max_reason_bytes: 123\ncodes:\n  - reference: RFC 6455 §7.4.1\n    name: [\n";
        let (_, found) = check(yaml);
        assert_eq!(found[0].0, "registry-yaml");
        let (_, diags) = CloseCodeRegistry::parse(&Source::new(PATH, yaml));
        let loc = diags[0].location.as_ref().unwrap();
        assert!(yaml.is_char_boundary(loc.range.start));
    }

    #[test]
    fn unknown_field_names_the_field_and_lists_the_allowed_ones() {
        let yaml = registry_with(&format!(
            "{OK_1000}  - code: 1001\n    name: Going Away\n    reference: RFC 6455 §7.4.1\n    reference_uri: https://example.org/\n    wire: true\n    script: false\n"
        ));
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-unknown-field", 11)]);
        let text = rendered(&yaml);
        assert!(text.contains("unknown field `reference_uri`"), "{text}");
        assert!(text.contains("did you mean `reference_url`?"), "{text}");
        assert!(text.contains("code, range, name, reference, reference_url, wire, script, registrable"), "{text}");
    }

    #[test]
    fn unknown_top_level_field_is_reported_at_its_key() {
        let yaml = format!("{}max_reason_byte: 12\n", registry_with(OK_1000));
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-unknown-field", 8)]);
        assert!(rendered(&yaml).contains("did you mean `max_reason_bytes`?"));
    }

    #[test]
    fn duplicate_code_is_reported_at_the_second_entry() {
        let yaml = registry_with(&format!("{OK_1000}{OK_1000}"));
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-duplicate-code", 8)]);
        assert!(rendered(&yaml).contains("code 1000 is listed twice (first on line 3)"));
    }

    #[test]
    fn overlapping_ranges_are_reported() {
        let yaml = registry_with(
            "  - range: [1000, 2999]\n    name: a\n    reference: r\n    wire: false\n    script: false\n\
             \x20 - range: [2000, 3999]\n    name: b\n    reference: r\n    wire: false\n    script: false\n",
        );
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-overlap", 8)]);
        assert!(rendered(&yaml).contains("range 2000-3999 overlaps range 1000-2999 (line 3)"));
    }

    /// Only the registration range (RFC 6455 §7.4.2: 3000-3999, registered with IANA) may hold
    /// codes listed on their own.
    #[test]
    fn a_code_inside_a_range_needs_the_range_to_be_registrable() {
        let range = |registrable: &str| {
            format!(
                "  - range: [3000, 3999]\n    name: r\n    reference: r\n{registrable}    wire: true\n    script: true\n"
            )
        };
        let code = "  - code: 3003\n    name: Forbidden\n    reference: IANA\n    wire: true\n    script: true\n";

        let (registry, found) = check(&registry_with(&format!("{}{code}", range(""))));
        assert!(registry.is_none());
        assert_eq!(found, [("registry-overlap", 8)]);

        let (registry, found) = check(&registry_with(&format!("{}{code}", range("    registrable: true\n"))));
        assert_eq!(found, []);
        let registry = registry.unwrap();
        assert_eq!(registry.entry_for(3003).unwrap().name, "Forbidden");
        assert_eq!(registry.script_codes(), vec![3000..=3999]);
    }

    #[test]
    fn registrable_on_a_single_code_is_an_error() {
        let yaml = registry_with(
            "  - code: 3000\n    name: Unauthorized\n    reference: IANA\n    registrable: true\n    wire: true\n    script: true\n",
        );
        assert_eq!(check(&yaml).1, [("registry-registrable-code", 6)]);
    }

    #[test]
    fn codes_outside_0_to_4999_are_reported_at_the_field() {
        let yaml = registry_with(
            "  - code: 5000\n    name: a\n    reference: r\n    wire: true\n    script: true\n\
             \x20 - name: b\n    range: [-1, 10]\n    reference: r\n    wire: false\n    script: false\n",
        );
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-out-of-range", 3), ("registry-out-of-range", 9)]);
        let text = rendered(&yaml);
        assert!(text.contains("`code` is 5000, outside the close codes 0-4999"), "{text}");
        assert!(text.contains("the first code of `range` is -1"), "{text}");
    }

    #[test]
    fn range_that_ends_before_it_starts_is_reported() {
        let yaml =
            registry_with("  - range: [4999, 4000]\n    name: a\n    reference: r\n    wire: true\n    script: true\n");
        assert_eq!(check(&yaml).1, [("registry-bad-range", 3)]);
        assert!(rendered(&yaml).contains("write the lower code first: `range: [4000, 4999]`"));
        let single =
            registry_with("  - range: [4000, 4000]\n    name: a\n    reference: r\n    wire: true\n    script: true\n");
        assert_eq!(check(&single).1, [("registry-bad-range", 3)]);
    }

    #[test]
    fn missing_fields_are_reported_at_the_entry() {
        let yaml = registry_with(
            "  - code: 1000\n    reference: r\n    wire: true\n\
             \x20 - name: x\n    reference: r\n    wire: true\n    script: false\n",
        );
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(
            found,
            [("registry-missing-field", 3), ("registry-missing-field", 3), ("registry-missing-field", 6),]
        );
        let text = rendered(&yaml);
        assert!(text.contains("code 1000 has no `name`"), "{text}");
        assert!(text.contains("code 1000 has no `script`"), "{text}");
        assert!(text.contains("entry 2 has neither `code` nor `range`"), "{text}");
    }

    #[test]
    fn max_reason_bytes_must_be_present_and_fit_a_close_frame() {
        let missing = format!("codes:\n{OK_1000}");
        assert_eq!(check(&missing).1, [("registry-missing-field", 1)]);

        // 125 bytes (RFC 6455 §5.5) minus the 2-byte code (§5.5.1) leaves 123.
        for too_big in [124, 125, 126] {
            let yaml = format!("# the registry\n\nmax_reason_bytes: {too_big}\ncodes:\n{OK_1000}");
            let (registry, found) = check(&yaml);
            assert!(registry.is_none());
            assert_eq!(found, [("registry-out-of-range", 3)], "{too_big}");
        }
        let text = format!("max_reason_bytes: lots\ncodes:\n{OK_1000}");
        assert_eq!(check(&text).1, [("registry-type", 1)]);
    }

    #[test]
    fn wrong_types_are_reported_at_the_field() {
        let yaml = registry_with(
            "  - code: \"1000\"\n    name: Normal Closure\n    reference: r\n    reference_url: example.org\n    wire: yes please\n    script: true\n",
        );
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(found, [("registry-type", 3), ("registry-type", 6), ("registry-type", 7)]);
        let text = rendered(&yaml);
        assert!(text.contains("`code` must be a whole number, not text"), "{text}");
        assert!(text.contains("`wire` of entry 1 must be true or false, not text"), "{text}");
    }

    #[test]
    fn a_code_a_script_may_use_must_be_sendable() {
        let yaml = registry_with(
            "  - code: 1000\n    name: Normal Closure\n    reference: r\n    wire: false\n    script: true\n",
        );
        assert_eq!(check(&yaml).1, [("registry-inconsistent", 7)]);
    }

    #[test]
    fn code_and_range_together_are_an_error() {
        let yaml = registry_with(
            "  - code: 1000\n    range: [1000, 1001]\n    name: a\n    reference: r\n    wire: true\n    script: true\n",
        );
        assert_eq!(check(&yaml).1, [("registry-code-and-range", 4)]);
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let yaml = format!(
            "max_reason_bytes: 200\ncodes:\n{OK_1000}{OK_1000}  - code: 9999\n    name: x\n    reference: r\n    wire: true\n    script: true\n    colour: red\n"
        );
        let (registry, found) = check(&yaml);
        assert!(registry.is_none());
        assert_eq!(
            found,
            [
                ("registry-out-of-range", 1),
                ("registry-unknown-field", 18),
                ("registry-out-of-range", 13),
                ("registry-duplicate-code", 8),
            ]
        );
    }

    #[test]
    fn out_of_order_entries_are_a_warning_and_the_registry_is_sorted() {
        let yaml = registry_with(&format!(
            "  - code: 1001\n    name: Going Away\n    reference: r\n    wire: true\n    script: false\n{OK_1000}"
        ));
        let (registry, found) = check(&yaml);
        assert_eq!(found, [("registry-order", 8)]);
        let registry = registry.expect("a warning does not stop the registry");
        let codes: Vec<u16> = registry.entries.iter().map(|e| e.first).collect();
        assert_eq!(codes, [1000, 1001]);
    }

    #[test]
    fn layout_handles_a_dash_alone_on_its_line_and_sequences_at_column_0() {
        let yaml = "max_reason_bytes: 123\ncodes:\n-\n  code: 1000\n  name: Normal Closure\n  reference: r\n  wire: true\n  script: maybe\n";
        assert_eq!(check(yaml).1, [("registry-type", 8)]);
    }

    #[test]
    fn a_range_written_as_a_block_list_is_one_entry() {
        let yaml = registry_with(
            "  - range:\n      - 4000\n      - 5999\n    name: a\n    reference: r\n    wire: true\n    script: true\n",
        );
        assert_eq!(check(&yaml).1, [("registry-out-of-range", 3)]);
    }

    #[test]
    fn flow_style_entries_fall_back_to_the_codes_key() {
        let yaml = "max_reason_bytes: 123\ncodes: [{code: 1000, name: a, reference: r, wire: true}]\n";
        assert_eq!(check(yaml).1, [("registry-missing-field", 2)]);
    }

    #[test]
    fn a_registry_that_is_not_a_mapping_is_reported() {
        assert_eq!(check("- code: 1000\n").1, [("registry-yaml", 1)]);
        assert_eq!(check("max_reason_bytes: 123\ncodes: 1000\n").1, [("registry-type", 2)]);
    }

    /// The Fluent files: each locale's close-codes.ftl must parse, English must name and describe
    /// every registry entry, and no locale may define a message or attribute English lacks.
    mod fluent {
        use fluent_syntax::ast;

        use super::*;

        const EN: &str = include_str!("../../i18n/en/close-codes.ftl");
        const ES: &str = include_str!("../../i18n/es/close-codes.ftl");
        const DE: &str = include_str!("../../i18n/de/close-codes.ftl");

        /// Message id → (has a value, attribute names).
        fn messages(locale: &str, text: &str) -> BTreeMap<String, (bool, BTreeSet<String>)> {
            let resource = match fluent_syntax::parser::parse(text) {
                Ok(r) => r,
                Err((_, errors)) => panic!("{locale}: {errors:?}"),
            };
            let mut out = BTreeMap::new();
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(m) => {
                        let attrs = m.attributes.iter().map(|a| a.id.name.to_owned()).collect();
                        let id = m.id.name.to_owned();
                        let again = out.insert(id.clone(), (m.value.is_some(), attrs));
                        assert!(again.is_none(), "{locale}: {id} defined twice");
                    }
                    ast::Entry::Junk { content } => panic!("{locale}: junk {content:?}"),
                    ast::Entry::Term(t) => panic!("{locale}: unexpected term {}", t.id.name),
                    _ => {}
                }
            }
            out
        }

        #[test]
        fn english_names_and_describes_every_entry() {
            let en = messages("en", EN);
            for id in real().message_ids() {
                let (value, attrs) = en.get(&id).unwrap_or_else(|| panic!("en lacks {id}"));
                assert!(value, "en: {id} has no name");
                assert!(attrs.contains("description"), "en: {id} has no .description");
            }
            let ids: BTreeSet<String> = real().message_ids().collect();
            let extra: Vec<_> = en.keys().filter(|id| !ids.contains(*id)).collect();
            assert!(extra.is_empty(), "en has messages for no entry: {extra:?}");
        }

        #[test]
        fn translations_define_nothing_english_lacks() {
            let en = messages("en", EN);
            for (locale, text) in [("es", ES), ("de", DE)] {
                for (id, (value, attrs)) in messages(locale, text) {
                    let (en_value, en_attrs) = en.get(&id).unwrap_or_else(|| panic!("{locale}: {id} is not in en"));
                    assert!(!value || *en_value, "{locale}: {id}");
                    assert!(attrs.is_subset(en_attrs), "{locale}: {id} {attrs:?}");
                }
            }
        }

        #[test]
        fn german_is_complete() {
            let en = messages("en", EN);
            assert_eq!(messages("de", DE), en);
        }

        /// The Spanish strings come from a table that left some cells in English: those are
        /// absent, so they fall back to English, and the file's header lists them.
        #[test]
        fn spanish_leaves_out_what_its_source_left_in_english() {
            let es = messages("es", ES);
            for id in ["close-code-1007", "close-code-1014", "close-code-3000", "close-code-3003", "close-code-3008"] {
                assert!(!es.contains_key(id), "{id}");
            }
            let (value, attrs) = &es["close-code-1001"];
            assert!(!value && attrs.contains("description"));
            let (value, attrs) = &es["close-code-1008"];
            assert!(*value && attrs.is_empty());
            for id in real().message_ids() {
                let complete = es.get(&id).is_some_and(|(v, a)| *v && a.contains("description"));
                assert_eq!(
                    !complete,
                    ES.contains(&format!("{id},")) || ES.contains(&format!("{id}\n")),
                    "{id} listed as missing in the header iff it is incomplete"
                );
            }
        }
    }
}
