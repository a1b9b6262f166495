//! Markdown meant as a heading, a link, an alert, a definition or a table cell that CommonMark
//! reads otherwise. Nothing fails: the page shows `##Syntax`, `[text] (/de/docs/…)` or
//! `> [!HINWEIS]` as written, drops the cells of a row beyond its table's columns, and a heading
//! lost this way also drops its section from the page's model. These are warnings at the place in
//! the file, so that a translator sees them before a reader does.
//!
//! [`Watch`] is shown the parser's text events (and where quotes and code blocks are); it
//! recognises each piece by where it stands in the text. pulldown-cmark gives the brackets of a
//! `[…]` that did not become a link as text events of their own (`[`, `]`), which is what the
//! link and alert patterns look for.

use std::ops::Range;

use crate::macros::Env;

/// A piece of markdown that is not what it was meant to be, in the parser's offsets.
#[derive(Debug)]
pub(super) struct Finding {
    pub code: &'static str,
    pub message: String,
    pub range: Range<usize>,
    pub hint: String,
}

/// Where the patterns' pieces were seen. Each piece is recognised by its place in the text, so
/// that only the rare events that can be one cost more than a comparison.
#[derive(Debug, Default)]
pub(super) struct Watch {
    /// Where the last `[` that did not open a link is.
    open: Option<usize>,
    /// Where the last `]` that did not close a link ends.
    bracket_end: Option<usize>,
    /// Where the last quote that is not an alert starts.
    quote: Option<usize>,
    /// `!WORD` right after the `[` on that quote's first line.
    word: Option<Range<usize>>,
    /// Where the last code block ends: its text is code, not markdown.
    code_end: usize,
    /// The columns of the table being read.
    columns: usize,
    /// Where the last cell of a table ended.
    cell_end: usize,
}

impl Watch {
    /// A quote that is not an alert starts at `at`.
    pub fn quote(&mut self, at: usize) {
        self.quote = Some(at);
    }

    /// A code block spans `range`.
    pub fn code(&mut self, range: &Range<usize>) {
        self.code_end = range.end;
    }

    /// A table with `columns` columns starts.
    pub fn table(&mut self, columns: usize) {
        self.columns = columns;
    }

    /// A cell of the table ends at `end`.
    pub fn cell_end(&mut self, end: usize) {
        self.cell_end = end;
    }

    /// A row of the table (not its header), spanning `range` of `text`, has ended: cells beyond
    /// the header's columns are dropped, and a `|` in a cell, even in `code`, starts a new cell.
    pub fn row(&self, range: &Range<usize>, text: &str) -> Option<Finding> {
        // After the last cell shown, a row has at most its closing `|`: only then is it counted.
        let after = text.get(self.cell_end.max(range.start)..range.end)?.trim();
        if after.strip_prefix('|').unwrap_or(after).trim().is_empty() {
            return None;
        }
        let line = text[range.clone()].lines().next().unwrap_or_default();
        let trimmed = line.trim_end();
        // Unescaped pipes: the cell separators, with the optional ones at either end.
        let pipes = trimmed
            .match_indices('|')
            .map(|(i, _)| i)
            .filter(|&i| trimmed[..i].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 0);
        let lead = trimmed.len() - trimmed.trim_start_matches([' ', '\t', '>']).len();
        let mut cells = 1;
        let mut extra = None;
        for i in pipes {
            if i == lead || i + 1 == trimmed.len() {
                continue;
            }
            cells += 1;
            if cells == self.columns + 1 {
                extra = Some(i);
            }
        }
        let at = extra?;
        let in_code = if trimmed.contains('`') { ", even inside `code`," } else { "" };
        Some(Finding {
            code: "table-cells",
            message: format!(
                "this row has {cells} cells but the table has {} columns: from here on, the row is not shown",
                self.columns
            ),
            range: range.start + at..range.start + trimmed.len(),
            hint: format!(
                "a `|` inside a cell{in_code} is written `\\|`; or add the column to the header row and its `---` line"
            ),
        })
    }

    /// Looks at a text event `t`, at `range` of `text` (what the parser read). Most texts cost a
    /// comparison: this runs for every text of every page.
    pub fn text(&mut self, t: &str, range: &Range<usize>, text: &str, env: &Env) -> Option<Finding> {
        match *t.as_bytes().first()? {
            b'[' if t == "[" => self.open = Some(range.start),
            b']' if t == "]" => {
                self.bracket_end = Some(range.end);
                // `> [!WORD]`
                if let Some(word) = self.word.take().filter(|w| w.end == range.start) {
                    return text.get(word.clone()).map(|w| alert(w, word.start - 2..range.end, env));
                }
            }
            b'!' if self.open.is_some_and(|o| o + 1 == range.start)
                && self.quote.is_some_and(|q| range.start > q && !text[q..range.start].contains('\n'))
                && t.len() > 1
                && t[1..].chars().all(char::is_alphabetic) =>
            {
                self.word = Some(range.start + 1..range.end);
            }
            b'(' | b' ' | b'\t' if self.bracket_end == Some(range.start) => {
                let bracket = range.start - 1;
                let from = self.open.filter(|&o| o < bracket).unwrap_or(bracket);
                return link(t, from, range);
            }
            b'#' if self.starts_line(text, range.start) => return heading(t, range),
            b'-' if t.starts_with("-:") && self.starts_line(text, range.start) => return Some(definition(t, range)),
            _ => {}
        }
        None
    }

    /// Whether a text at `at` starts a line of markdown: outside code, after nothing on its line
    /// but indentation and quote marks.
    fn starts_line(&self, text: &str, at: usize) -> bool {
        at >= self.code_end
            && text[..at].bytes().rev().take_while(|&b| b != b'\n').all(|b| matches!(b, b' ' | b'\t' | b'>'))
    }
}

/// `##Syntax`: a line starting with one to six `#` and a letter.
fn heading(t: &str, range: &Range<usize>) -> Option<Finding> {
    let hashes = t.len() - t.trim_start_matches('#').len();
    let rest = &t[hashes..];
    if !(1..=6).contains(&hashes) || !rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let line = t.lines().next().unwrap_or(t);
    let title = line[hashes..].trim_end();
    Some(Finding {
        code: "heading-syntax",
        message: format!("`{line}` is not a heading: it is shown as text, and its section is missing from the page"),
        range: range.start..range.start + line.len(),
        hint: format!("a heading needs a space after its `#`s: write `{} {title}`", &t[..hashes]),
    })
}

/// `-: text`: an MDN definition (`- : text`) without the space after its dash, read as text of
/// the term's line.
fn definition(t: &str, range: &Range<usize>) -> Finding {
    let line = t.lines().next().unwrap_or(t);
    Finding {
        code: "definition-syntax",
        message: "`-:` is shown as text: this definition is not set apart from its term".into(),
        range: range.start..range.start + 2,
        hint: format!(
            "a definition is written `- : ` (dash, space, colon, space), indented below its term: `- : {}`",
            line[2..].trim()
        ),
    }
}

/// `[text] (/de/docs/…)` or `[text](target with spaces)`: `t` (at `range`) is the text after a
/// `]` that did not make a link, whose `[` is at `from`.
fn link(t: &str, from: usize, range: &Range<usize>) -> Option<Finding> {
    let gap = t.len() - t.trim_start_matches([' ', '\t']).len();
    let after = &t[gap..];
    let target = after.strip_prefix('(')?;
    // To the `)`, or the end of the text, at most 80 bytes on.
    let mut end = target.find(')').map_or(t.len(), |i| gap + 1 + i + 1).min(gap + 80);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let url_like = ["/", "#", "./", "../", "http://", "https://", "mailto:"].iter().any(|p| target.starts_with(p));
    let (message, hint) = if gap > 0 {
        if !url_like {
            // `[RFC] (2119)`, `arr[0] (x)`: text in brackets and parentheses, not a link.
            return None;
        }
        (
            "this was meant as a link, but a space parts its `]` and `(`: it is shown as text".to_string(),
            "write the link with nothing between `]` and `(`: `[text](target)`".to_string(),
        )
    } else {
        (
            "this was meant as a link, but its target is not one: it is shown as text".to_string(),
            "a link is written `[text](target)`; the target has no spaces (write a space as `%20`) and ends with `)`"
                .to_string(),
        )
    };
    Some(Finding { code: "link-syntax", message, range: from..(range.start + end).min(range.end), hint })
}

/// `> [!WORD]` that pulldown-cmark did not take for an alert.
fn alert(word: &str, range: Range<usize>, env: &Env) -> Finding {
    let upper = word.to_uppercase();
    // (`NOTE`, `alert-note`) …
    let alerts = super::ALERTS.map(|kind| {
        let (name, id) = super::alert_id(kind);
        (name.to_uppercase(), id)
    });
    let known = alerts.iter().find(|(name, _)| *name == upper);
    // A title as one of our languages shows it ("Hinweis" is the German note's title).
    let translated = || {
        alerts.iter().find_map(|(name, id)| {
            env.config.locales.iter().find_map(|locale| {
                let title = env.i18n.text(locale, id);
                (title.to_uppercase() == upper)
                    .then(|| format!("did you mean `[!{name}]`? “{title}” is its title in `{locale}`"))
            })
        })
    };
    let (message, hint) = match known {
        Some((name, _)) => (
            format!("`[!{word}]` makes a box only alone on the first line of its quote: this is shown as a quote starting with `[!{word}]`"),
            format!("put `> [!{name}]` on a line of its own and the text on the lines below it, each starting with `>`"),
        ),
        None => (
            format!("`[!{word}]` is not an alert type: this is shown as a quote starting with `[!{word}]`"),
            translated().map_or_else(
                || "the alert types are `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]`, in English in every language: the box's title is translated".to_string(),
                |guess| format!("{guess}; the type stays in English in every language, and the box's title is translated"),
            ),
        ),
    };
    Finding { code: "alert-syntax", message, range, hint }
}
