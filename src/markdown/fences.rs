//! Fenced code blocks found without parsing the markdown, so that a build can highlight the
//! site's js blocks together before its pages render (see [`crate::highlight::ahead`]).
//!
//! Only fences at the start of a line are read: their code is then a slice of the text, exactly
//! as pulldown-cmark hands it to the renderer. A block this misses (in a list or a quote, or
//! indented) is highlighted when its page renders; a block it finds that the parser reads
//! otherwise costs one highlighting that no page uses. The pages' output is the same either way.

use crate::highlight::Lang;

/// The language a fence's info string names, as the renderer reads it: its first word, without
/// MDN's `-nolint` (`js-nolint example-bad` → `js`), and `javascript` as `js`.
pub(crate) fn code_lang(info: &str) -> &str {
    let lang = info.split_whitespace().next().unwrap_or("").trim_end_matches("-nolint");
    if lang == "javascript" { "js" } else { lang }
}

/// The code of every block in `text` that polyref highlights, fenced at the start of a line.
pub fn highlighted_code(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut lines = Lines { text, at: 0 };
    while let Some((_, line)) = lines.next() {
        let Some((fence, width)) = opening(line) else { continue };
        let info = line[width..].trim();
        // A backtick fence's info string may not hold a backtick (CommonMark): then it is text.
        if fence == '`' && info.contains('`') {
            continue;
        }
        let start = lines.at;
        let mut end = text.len();
        for (line_start, line) in lines.by_ref() {
            if closes(line, fence, width) {
                end = line_start;
                break;
            }
        }
        if Lang::from_name(code_lang(info)).is_some() {
            found.push(&text[start..end]);
        }
    }
    found
}

/// The lines of a text with the offset each starts at, line breaks included.
struct Lines<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.at;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        self.at = memchr::memchr(b'\n', rest.as_bytes()).map_or(self.text.len(), |i| start + i + 1);
        Some((start, &self.text[start..self.at]))
    }
}

/// The fence character and its count when `line` opens a fenced block at its start.
fn opening(line: &str) -> Option<(char, usize)> {
    let fence = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let width = line.len() - line.trim_start_matches(fence).len();
    (width >= 3).then_some((fence, width))
}

/// Whether `line` closes a block opened by `width` times `fence`: up to three spaces, at least
/// as many fence characters, and nothing else but spaces.
fn closes(line: &str, fence: char, width: usize) -> bool {
    let indented = line.len() - line.trim_start_matches(' ').len();
    let run = line.trim_start_matches(' ');
    let rest = run.trim_start_matches(fence);
    indented <= 3 && run.len() - rest.len() >= width && rest.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

    use super::*;

    /// The code of the highlighted blocks pulldown-cmark finds whose fence starts a line.
    fn parsed(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut current: Option<String> = None;
        for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if Lang::from_name(code_lang(&info)).is_some()
                        && (range.start == 0 || text.as_bytes()[range.start - 1] == b'\n') =>
                {
                    current = Some(String::new());
                }
                Event::Text(t) => {
                    if let Some(code) = current.as_mut() {
                        code.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => found.extend(current.take()),
                _ => {}
            }
        }
        found
    }

    #[test]
    fn finds_the_blocks_the_parser_reads() {
        let text = "\
# Title

```js
socket.close(1000, \"done\");
```

~~~javascript
const a = `x`;
~~~

```js-nolint example-bad
close(0);
   ```   

````js
```
inner fence
```
````

````md
```js
not a block of its own
```
````

```css
p { color: red }
```

```js`
not a fence: a backtick in the info string
```

> ```js
> in a quote: left for the page to highlight
> ```

- item

  ```js
  indented: left for the page too
  ```

```js
```

~~~js
closed by backticks? no
```
~~~

```js
unclosed to the end
";
        let found = highlighted_code(text);
        assert_eq!(found, parsed(text));
        assert_eq!(
            found,
            [
                "socket.close(1000, \"done\");\n",
                "const a = `x`;\n",
                "close(0);\n",
                "```\ninner fence\n```\n",
                "",
                "closed by backticks? no\n```\n",
                "unclosed to the end\n",
            ]
        );
    }
}
