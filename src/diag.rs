//! Diagnostics: where a problem is (`Location`), what it is (`Diagnostic`), and the list a run
//! collects (`Diagnostics`), so that one build reports every problem instead of the first.
//!
//! Every stage returns its problems as values; only `main` prints them. Rendering uses
//! codespan-reporting so that a translator sees the file, line and column, an excerpt with the
//! offending span underlined, and a hint.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// How bad a problem is. Errors fail the run; warnings are reported and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A source text that diagnostics can point into: its display path and its (normalised) text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user, with forward slashes (e.g. `content/de/web/api/…/index.md`).
    pub path: String,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Source { path: path.into(), text: text.into() }
    }

    /// A location covering `range` (byte offsets into `text`), clamped to the text.
    pub fn at(&self, range: Range<usize>) -> Location {
        let len = self.text.len();
        let start = floor_char_boundary(&self.text, range.start.min(len));
        let end = floor_char_boundary(&self.text, range.end.clamp(start, len));
        let (line, col) = line_col(&self.text, start);
        Location { path: self.path.clone(), line, col, range: start..end, source: Some(self.text.clone()) }
    }
}

impl Source {
    /// A location covering line `line` (1-based) without its newline.
    pub fn line(&self, line: usize) -> Location {
        let start = self.line_start(line);
        let len = self.text[start..].find('\n').unwrap_or(self.text.len() - start);
        self.at(start..start + len)
    }

    /// A location `width` characters wide from line `line`, column `col` (1-based, columns in
    /// characters as [`line_col`] counts them): for places other tools report by line and column.
    pub fn at_line_col(&self, line: usize, col: usize, width: usize) -> Location {
        let start = self.line_start(line);
        let rest = &self.text[start..];
        let byte = |chars: usize| rest.char_indices().nth(chars).map_or(rest.len(), |(i, _)| i);
        self.at(start + byte(col.saturating_sub(1))..start + byte(col.saturating_sub(1) + width))
    }

    /// The byte offset where line `line` (1-based) starts; the text's end past its last line.
    fn line_start(&self, line: usize) -> usize {
        self.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum()
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (in characters) of byte offset `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Where a problem is: a file, 1-based line and column, and optionally the text for an excerpt.
#[derive(Debug, Clone)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub col: usize,
    /// Byte range into `source`, when the source is known.
    pub range: Range<usize>,
    pub source: Option<Arc<str>>,
}

impl Location {
    /// A whole file or folder.
    pub fn file(path: impl Into<String>) -> Self {
        Self::bare(path, 0, 0)
    }

    /// A location in a file whose text cannot be shown (e.g. it is not valid UTF-8).
    pub fn bare(path: impl Into<String>, line: usize, col: usize) -> Self {
        Location { path: path.into(), line, col, range: 0..0, source: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // A whole file or folder, not a position in it.
            return f.write_str(&self.path);
        }
        write!(f, "{}:{}:{}", self.path, self.line, self.col)
    }
}

/// One problem found in a run.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable short name for the kind of problem, e.g. `front-matter-yaml`.
    pub code: &'static str,
    pub message: String,
    pub location: Option<Location>,
    /// Text under the underlined span.
    pub label: Option<String>,
    /// What to do about it, in words a translator understands.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity, code, message: message.into(), location: None, label: None, hint: None }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The report a user reads: header, `--> path:line:col`, excerpt, hint. Plain text, no colour,
    /// ending in exactly one newline.
    pub fn render(&self) -> String {
        let mut text = self.render_raw();
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }

    fn render_raw(&self) -> String {
        let severity = match self.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut d = cs::Diagnostic::new(severity).with_code(self.code).with_message(&self.message);
        if let Some(hint) = &self.hint {
            d = d.with_notes(vec![format!("hint: {hint}")]);
        }
        match &self.location {
            Some(loc @ Location { source: Some(text), .. }) => {
                let file = SimpleFile::new(loc.path.as_str(), text.as_ref());
                let mut label = cs::Label::primary((), loc.range.clone());
                if let Some(l) = &self.label {
                    label = label.with_message(l);
                }
                d = d.with_labels(vec![label]);
                let config = term::Config::default();
                term::emit_into_string(&config, &file, &d).unwrap_or_else(|_| self.render_plain())
            }
            _ => self.render_plain(),
        }
    }

    fn render_plain(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{sev}[{}]: {}\n", self.code, self.message);
        if let Some(loc) = &self.location {
            out.push_str(&format!("  ┌─ {loc}\n"));
            if let Some(l) = &self.label {
                out.push_str(&format!("  │ {l}\n"));
            }
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = hint: {hint}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// The problems of one run, in a deterministic order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, line, column, then message, and drops exact repeats, so output is stable
    /// whatever order parallel stages finished in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| key(a).cmp(&key(b)));
        self.items.dedup_by(|a, b| key(a) == key(b));
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

fn key(d: &Diagnostic) -> (Option<(&str, usize, usize)>, Severity, &str, &str) {
    (d.location.as_ref().map(|l| (l.path.as_str(), l.line, l.col)), d.severity, d.code, d.message.as_str())
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nüé x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "ü" and "é" are two bytes each: the space is the third character.
        assert_eq!(line_col(text, 7), (2, 3));
    }

    #[test]
    fn a_line_and_column_give_back_the_bytes_line_col_counted() {
        let src = Source::new("f", "ab\nüé x\n");
        let at = src.at_line_col(2, 2, 2);
        assert_eq!((at.range.clone(), &src.text[at.range.clone()]), (5..8, "é "));
        assert_eq!((at.line, at.col), (2, 2));
        // Past the end of a line or of the text, the location is clamped, never out of bounds.
        assert_eq!(src.at_line_col(2, 9, 3).range, 10..10);
        assert_eq!(src.at_line_col(7, 1, 1).range, 10..10);
        assert_eq!(src.line(1).range, 0..2);
    }

    #[test]
    fn rendered_error_names_file_line_column_excerpt_and_hint() {
        let src = Source::new("content/de/x/index.md", "---\ntitle: [\n---\n");
        let d = Diagnostic::error("front-matter-yaml", "bad YAML")
            .at(src.at(11..12))
            .label("here")
            .hint("close the bracket");
        let text = d.render();
        assert!(text.contains("content/de/x/index.md:2:8"), "{text}");
        assert!(text.contains("title: ["), "{text}");
        assert!(text.contains("hint: close the bracket"), "{text}");
        assert!(text.starts_with("error[front-matter-yaml]: bad YAML"), "{text}");
    }

    #[test]
    fn sort_orders_by_location_and_drops_repeats() {
        let a = Source::new("a.md", "x\ny\n");
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("w", "second").at(a.at(2..3)));
        ds.push(Diagnostic::error("e", "first").at(a.at(0..1)));
        ds.push(Diagnostic::warning("w", "second").at(a.at(2..3)));
        ds.sort();
        let msgs: Vec<_> = ds.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs, ["first", "second"]);
        assert_eq!((ds.errors(), ds.warnings()), (1, 1));
    }
}
