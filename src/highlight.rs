//! Highlighting stage: the code of a `js` block → HTML with class-based spans
//! (`<span class="hl-keyword">const</span>`), made at build time so that pages ship no
//! highlighter of their own. The stylesheet gives each class its colour.
//!
//! swc's JavaScript lexer splits a block into tokens: strings, numbers, template literals,
//! regular expressions, names and punctuation, with every escape, numeric form and Unicode
//! name the language allows. A lexer on its own cannot tell `/` (division) from the start of a
//! regular expression, nor where a template literal goes on after `${…}`: a parser decides
//! that, and tells the lexer. Here the token before a `/` decides, as highlighters commonly
//! do, and a stack of braces says which `}` ends a substitution. A name's class comes from the
//! name and its neighbours: a keyword, the function of a call (`socket.close(…)`), a property,
//! a type (`WebSocket`). Comments lie between tokens. On the benchmark corpus this takes about a
//! tenth of the time that parsing each block into a syntax tree (tree-sitter) took.
//!
//! The same block often appears on many pages (every locale has it), so results are cached by
//! (language, code) across pages and threads. Highlighting is a pure function of its input, so
//! the output does not depend on the cache or on the number of threads. A build highlights the
//! site's blocks [`ahead`] of its pages, all together, on the core the model does not use.

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, RwLock};
use std::time::{Duration, Instant};

use rustc_hash::{FxBuildHasher, FxHashMap};
use swc_common::BytePos;
use swc_ecma_parser::StringInput;
use swc_ecma_parser::input::Tokens;
use swc_ecma_parser::lexer::Lexer;
use swc_ecma_parser::unstable::Token;

/// Names the page's global objects go by, shown as built-ins (`console.log`).
const BUILTINS: &[&str] = &["arguments", "console", "document", "globalThis", "module", "require", "self", "window"];

/// Words that are keywords wherever they stand, but after a `.` (`promise.catch`) and as an
/// object's keys (`{ default: 1 }`).
const KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "return",
    "static",
    "switch",
    "throw",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Words that are keywords only before what they introduce (`for (x of xs)`, `import a from
/// "b"`, `get size()`), and names elsewhere (`map.set(k, v)`, `const from = 0`).
const CONTEXTUAL: &[&str] = &["as", "from", "get", "of", "set"];

/// Keywords after which a `/` starts a regular expression (`return /a/.test(s)`); after any
/// other word it divides.
const BEFORE_EXPRESSION: &[&str] = &[
    "await",
    "case",
    "delete",
    "do",
    "else",
    "in",
    "instanceof",
    "new",
    "of",
    "return",
    "throw",
    "typeof",
    "void",
    "yield",
];

/// Blocks longer than this are left plain: real examples are far shorter, and the bound keeps
/// one hostile page from filling the cache with a single entry.
const MAX_CODE: usize = 16 * 1024;

/// The cache stops taking new entries once its keys and values hold this many bytes, so memory
/// stays bounded on any site. The 30,000-page benchmark corpus (10,000 distinct blocks) fills
/// about 9 MB of it.
const CACHE_LIMIT: usize = 64 * 1024 * 1024;

/// Independent parts of the cache, each with its own lock, so that threads rarely wait.
const SHARDS: usize = 16;

/// A language polyref highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    JavaScript,
}

impl Lang {
    /// The language a fenced block's info string names (`js`, `javascript`), if we highlight it.
    pub fn from_name(name: &str) -> Option<Lang> {
        match name {
            "js" | "javascript" => Some(Lang::JavaScript),
            _ => None,
        }
    }

    /// The results for this language so far.
    fn cache(self) -> &'static Cache {
        match self {
            Lang::JavaScript => &JAVASCRIPT,
        }
    }
}

static JAVASCRIPT: LazyLock<Cache> = LazyLock::new(Cache::default);
/// Results by code, in shards picked by the code's hash.
struct Cache {
    shards: Vec<RwLock<FxHashMap<Box<str>, Arc<str>>>>,
    bytes: AtomicUsize,
}

impl Default for Cache {
    fn default() -> Self {
        Cache { shards: (0..SHARDS).map(|_| RwLock::default()).collect(), bytes: AtomicUsize::new(0) }
    }
}

impl Cache {
    fn shard(&self, code: &str) -> &RwLock<FxHashMap<Box<str>, Arc<str>>> {
        // The hash only spreads entries over the shards; lookups compare the code itself.
        &self.shards[FxBuildHasher.hash_one(code) as usize % SHARDS]
    }

    fn get(&self, code: &str) -> Option<Arc<str>> {
        self.shard(code).read().ok()?.get(code).cloned()
    }

    fn put(&self, code: &str, html: &Arc<str>) {
        let size = code.len() + html.len();
        if self.bytes.fetch_add(size, Ordering::Relaxed) + size > CACHE_LIMIT {
            self.bytes.fetch_sub(size, Ordering::Relaxed);
            return;
        }
        if let Ok(mut shard) = self.shard(code).write() {
            shard.entry(code.into()).or_insert_with(|| Arc::clone(html));
        }
    }
}

/// What highlighting has done in this process so far; [`Stats::since`] gives one build's share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Blocks the pages asked for.
    pub blocks: u64,
    /// Distinct blocks parsed (the rest came from the cache), ahead of the pages or for them.
    pub parsed: u64,
    /// Time spent highlighting and in the cache, added up over all threads.
    pub time: Duration,
}

impl Stats {
    /// The counts since `earlier` was taken.
    pub fn since(&self, earlier: &Stats) -> Stats {
        Stats {
            blocks: self.blocks.saturating_sub(earlier.blocks),
            parsed: self.parsed.saturating_sub(earlier.parsed),
            time: self.time.saturating_sub(earlier.time),
        }
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Highlighted {} js block{} ({} parsed, the rest from the cache) in {:.1} ms",
            self.blocks,
            if self.blocks == 1 { "" } else { "s" },
            self.parsed,
            self.time.as_secs_f64() * 1000.0
        )
    }
}

static BLOCKS: AtomicU64 = AtomicU64::new(0);
static PARSED: AtomicU64 = AtomicU64::new(0);
static NANOS: AtomicU64 = AtomicU64::new(0);

/// The counts so far in this process.
pub fn stats() -> Stats {
    Stats {
        blocks: BLOCKS.load(Ordering::Relaxed),
        parsed: PARSED.load(Ordering::Relaxed),
        time: Duration::from_nanos(NANOS.load(Ordering::Relaxed)),
    }
}

/// The highlighted markup of `code` in the language `lang` names: the inside of its
/// `<code>` element, every character of the code HTML-escaped. `None` when polyref does not
/// highlight that language (or the block is too long): the caller shows it plain.
pub fn highlight(lang: &str, code: &str) -> Option<Arc<str>> {
    let html = cached_or_parsed(Lang::from_name(lang)?, code)?;
    BLOCKS.fetch_add(1, Ordering::Relaxed);
    Some(html)
}

/// Highlights the js blocks `code` (the code of each, as [`crate::markdown::highlighted_code`]
/// finds it in the pages) into the cache, in parallel, before the pages ask for them. Each
/// distinct block is parsed once; the pages' own output does not change.
pub fn ahead(mut code: Vec<&str>) {
    use rayon::prelude::*;
    code.par_sort_unstable();
    code.dedup();
    code.par_iter().for_each(|code| {
        cached_or_parsed(Lang::JavaScript, code);
    });
}

/// The markup of `code` from the cache, or parsed and then cached; counts the time and parses.
fn cached_or_parsed(lang: Lang, code: &str) -> Option<Arc<str>> {
    let cache = lang.cache();
    if code.len() > MAX_CODE {
        return None;
    }
    let started = Instant::now();
    let html = match cache.get(code) {
        Some(html) => html,
        None => {
            let html: Arc<str> = render(code)?.into();
            cache.put(code, &html);
            PARSED.fetch_add(1, Ordering::Relaxed);
            html
        }
    };
    NANOS.fetch_add(u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    Some(html)
}

/// What a token is to the highlighter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A name or a keyword; its text says which.
    Word,
    /// A private name, `#size`.
    Private,
    Str,
    Number,
    Regex,
    /// A piece of a template literal: from its `` ` `` or the `}` that ends a substitution, to
    /// its `${` or closing `` ` ``.
    Template,
    Shebang,
    /// Text the lexer could not read (an unterminated string, a stray `@`): left plain.
    Error,
    /// An operator or punctuation.
    Punct(Token),
}

/// A token's kind and its bytes in the code.
#[derive(Debug, Clone, Copy)]
struct Item {
    tok: Tok,
    start: usize,
    end: usize,
}

/// Lexes `code` and writes its spans; `None` if the code is too long for the lexer's offsets.
fn render(code: &str) -> Option<String> {
    let (items, complete) = lex(code)?;
    let mut out = Spans::new(code.len());
    let mut done = 0;
    for (i, item) in items.iter().enumerate() {
        comments(&code[done..item.start], &mut out);
        let text = &code[item.start..item.end];
        let prev = i.checked_sub(1).and_then(|p| items.get(p)).map(|p| (p.tok, &code[p.start..p.end]));
        let before = i.checked_sub(2).and_then(|p| items.get(p)).map(|p| (p.tok, &code[p.start..p.end]));
        let next = items.get(i + 1).map(|n| n.tok);
        // Called: `f()`, `f?.()`, or a template's tag (`html`…``).
        let called = match next {
            Some(Tok::Punct(Token::LParen)) => true,
            // swc's lexer gives `?.` as `?` and `.`.
            Some(Tok::Punct(Token::QuestionMark)) => {
                code[item.end..].trim_start().starts_with("?.")
                    && items.get(i + 3).is_some_and(|n| n.tok == Tok::Punct(Token::LParen))
            }
            Some(Tok::Template) => items.get(i + 1).is_some_and(|n| code[n.start..].starts_with('`')),
            _ => false,
        };
        match class_of(item.tok, text, prev, before, next, called) {
            Some(class) => out.span(class, text),
            None => out.text(text),
        }
        done = item.end;
    }
    if complete {
        comments(&code[done..], &mut out);
    } else {
        out.text(&code[done..]);
    }
    Some(out.finish())
}

/// The tokens of `code`, in order, each after the last; text the lexer skipped between them is
/// white space and comments. Should the lexer stop making progress, the tokens so far, and
/// `false`: the rest is then written plain.
fn lex(code: &str) -> Option<(Vec<Item>, bool)> {
    let len = u32::try_from(code.len()).ok()?;
    let input = StringInput::new(code, BytePos(0), BytePos(len));
    let mut lexer = Lexer::new(Default::default(), Default::default(), input, None);
    let mut items: Vec<Item> = Vec::with_capacity(code.len() / 4);
    // For each `{` or `${` open, whether it opened a template literal's substitution.
    let mut braces: Vec<bool> = Vec::new();
    loop {
        let mut token = lexer.next_token();
        let start = token.span.lo.0 as usize;
        let tok = match token.token {
            Token::Eof => return Some((items, true)),
            // The lexer reads a regex, or the rest of a template, again from the position of
            // the `/` or `}` it was given; its spans are checked rather than trusted.
            Token::Slash | Token::DivEq
                if code.as_bytes().get(start) == Some(&b'/') && regex_may_follow(items.last(), code) =>
            {
                lexer.set_next_regexp(Some(token.span.lo));
                token = lexer.next_token();
                lexer.set_next_regexp(None);
                if token.token == Token::Regex { Tok::Regex } else { Tok::Error }
            }
            Token::RBrace if braces.pop() == Some(true) && code.as_bytes().get(start) == Some(&b'}') => {
                token = lexer.rescan_template_token(token.span.lo, false);
                match token.token {
                    Token::TemplateMiddle => {
                        braces.push(true);
                        Tok::Template
                    }
                    Token::TemplateTail => Tok::Template,
                    _ => Tok::Error,
                }
            }
            Token::TemplateHead => {
                braces.push(true);
                Tok::Template
            }
            Token::LBrace | Token::DollarLBrace => {
                braces.push(false);
                Tok::Punct(token.token)
            }
            Token::Template | Token::NoSubstitutionTemplateLiteral | Token::TemplateMiddle | Token::TemplateTail => {
                Tok::Template
            }
            Token::Str => Tok::Str,
            Token::Num | Token::BigInt => Tok::Number,
            Token::Regex => Tok::Regex,
            Token::Shebang => Tok::Shebang,
            Token::Error => Tok::Error,
            t if t.is_word() => Tok::Word,
            t => Tok::Punct(t),
        };
        let end = token.span.hi.0 as usize;
        let after = items.last().map_or(0, |last| last.end);
        if start < after
            || end <= start
            || end > code.len()
            || !code.is_char_boundary(start)
            || !code.is_char_boundary(end)
        {
            return Some((items, false));
        }
        // `#` and the name right after it are one private name.
        if tok == Tok::Word
            && let Some(last) = items.last_mut()
            && last.tok == Tok::Punct(Token::Hash)
            && last.end == start
        {
            last.tok = Tok::Private;
            last.end = end;
            continue;
        }
        items.push(Item { tok, start, end });
    }
}

/// Whether a `/` after `last` starts a regular expression rather than dividing: after an
/// operator, an opening bracket or a keyword such as `return`, but not after a value (a name,
/// a number, a string, `)`, `]` or `}`).
fn regex_may_follow(last: Option<&Item>, code: &str) -> bool {
    let Some(last) = last else { return true };
    match last.tok {
        Tok::Word => BEFORE_EXPRESSION.contains(&&code[last.start..last.end]),
        Tok::Punct(t) => {
            !matches!(t, Token::RParen | Token::RBracket | Token::RBrace | Token::PlusPlus | Token::MinusMinus)
        }
        Tok::Shebang => true,
        Tok::Private | Tok::Str | Tok::Number | Tok::Regex | Tok::Template | Tok::Error => false,
    }
}

/// The class of a token, or `None` to leave it plain (names, operators, punctuation). `prev`
/// and `before` are the two tokens before it, nearest first, `next` the kind of the one after;
/// `called` says whether the token is called, as a function or a template's tag.
fn class_of(
    tok: Tok,
    text: &str,
    prev: Option<(Tok, &str)>,
    before: Option<(Tok, &str)>,
    next: Option<Tok>,
    called: bool,
) -> Option<&'static str> {
    let after_dot = matches!(prev, Some((Tok::Punct(Token::Dot), _)));
    Some(match tok {
        Tok::Str | Tok::Regex | Tok::Template => "hl-string",
        Tok::Number => "hl-number",
        Tok::Shebang => "hl-comment",
        Tok::Private if after_dot && called => "hl-function",
        Tok::Private => "hl-property",
        Tok::Error | Tok::Punct(_) => return None,
        Tok::Word if after_dot => {
            if called {
                "hl-function"
            } else {
                "hl-property"
            }
        }
        // A key of an object literal: `{ code: 1000, reason }`.
        Tok::Word
            if next == Some(Tok::Punct(Token::Colon))
                && matches!(prev, Some((Tok::Punct(Token::LBrace | Token::Comma), _))) =>
        {
            "hl-property"
        }
        Tok::Word => {
            let word = |t: Option<(Tok, &str)>, w: &str| matches!(t, Some((Tok::Word, x)) if x == w);
            match text {
                "true" | "false" | "null" | "undefined" => "hl-constant",
                "this" | "super" => "hl-builtin",
                _ if KEYWORDS.contains(&text) => "hl-keyword",
                _ if CONTEXTUAL.contains(&text) && introduces(next) => "hl-keyword",
                // The name a function is declared with: `function f`, `function* g`.
                _ if word(prev, "function")
                    || (prev == Some((Tok::Punct(Token::Asterisk), "*")) && word(before, "function")) =>
                {
                    "hl-function"
                }
                // A call (`f()`), or a method's definition (`close(code) {`), but not `new F()`.
                _ if called && !word(prev, "new") => "hl-function",
                _ if BUILTINS.contains(&text) => "hl-builtin",
                _ if text.len() > 1
                    && text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()) =>
                {
                    "hl-constant"
                }
                _ if text.starts_with(|c: char| c.is_ascii_uppercase()) => "hl-type",
                _ => return None,
            }
        }
    })
}

/// Whether a contextual keyword (`of`, `from`, `as`, `get`, `set`) introduces what follows
/// it: a name, a string, a pattern or a generator's `*`.
fn introduces(next: Option<Tok>) -> bool {
    matches!(
        next,
        Some(
            Tok::Word
                | Tok::Private
                | Tok::Str
                | Tok::Template
                | Tok::Punct(Token::LBracket | Token::LBrace | Token::Asterisk)
        )
    )
}

/// Writes the text between two tokens: white space, and comments (`// …`, `/* … */`, and the
/// `<!--`, `-->` line comments of scripts), which get their class. Anything else the lexer
/// skipped stays plain.
fn comments(gap: &str, out: &mut Spans) {
    let mut rest = gap;
    while !rest.is_empty() {
        let text = rest.trim_start();
        out.text(&rest[..rest.len() - text.len()]);
        let line_end = || text.find(['\n', '\r', '\u{2028}', '\u{2029}']).unwrap_or(text.len());
        let comment = if text.starts_with("/*") {
            Some(text.find("*/").map_or(text.len(), |i| i + 2))
        } else if ["//", "<!--", "-->"].iter().any(|p| text.starts_with(p)) {
            Some(line_end())
        } else {
            None
        };
        let end = match comment {
            Some(end) => {
                out.span("hl-comment", &text[..end]);
                end
            }
            None => {
                let end = text.find(char::is_whitespace).unwrap_or(text.len());
                out.text(&text[..end]);
                end
            }
        };
        rest = &text[end..];
    }
}

/// Writes spans and escaped text, joining two spans of the same class that only whitespace
/// separates (`export default`), so that the markup stays small.
struct Spans {
    html: String,
    /// A span ended but not closed yet, with the whitespace seen after it.
    pending: Option<(&'static str, String)>,
}

impl Spans {
    fn new(len: usize) -> Spans {
        Spans { html: String::with_capacity(len * 3), pending: None }
    }

    fn flush(&mut self) {
        if let Some((_, space)) = self.pending.take() {
            self.html.push_str("</span>");
            self.html.push_str(&space);
        }
    }

    fn text(&mut self, text: &str) {
        match &mut self.pending {
            Some((_, space)) if text.chars().all(char::is_whitespace) => space.push_str(text),
            _ => {
                self.flush();
                escape(text, &mut self.html);
            }
        }
    }

    /// Writes `text` in a span of `class`, or in the span before when that has the same class
    /// and only whitespace came between.
    fn span(&mut self, class: &'static str, text: &str) {
        match self.pending.take() {
            Some((same, space)) if same == class => self.html.push_str(&space),
            other => {
                self.pending = other;
                self.flush();
                self.html.push_str("<span class=\"");
                self.html.push_str(class);
                self.html.push_str("\">");
            }
        }
        escape(text, &mut self.html);
        self.pending = Some((class, String::new()));
    }

    fn finish(mut self) -> String {
        self.flush();
        self.html
    }
}

/// Escapes text for an element's content as pulldown-cmark does for code blocks: `&`, `<` and
/// `>`. Quotes need no escaping outside attributes, and every attribute here is our own.
fn escape(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// The text a browser shows for markup [`highlight`] made: tags dropped, the three entities it
/// writes decoded. The tests and the fuzz target check that this is the code, unchanged.
pub fn text_content(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = rest[i..].find('>').map_or("", |end| &rest[i + end + 1..]);
    }
    text.push_str(rest);
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(html: &str) -> Vec<(String, String)> {
        html.split("<span class=\"")
            .skip(1)
            .map(|s| {
                let (class, rest) = s.split_once("\">").expect("a span's tag ends");
                (class.to_string(), text_content(rest.split("</span>").next().unwrap_or("")))
            })
            .collect()
    }

    #[test]
    fn keywords_strings_numbers_and_comments_get_their_classes() {
        let code = "// Close it.\nconst socket = new WebSocket(\"wss://example.org\");\nsocket.close(1000, 'done');\n";
        let html = highlight("js", code).expect("js is highlighted");
        let found = spans(&html);
        for want in [
            ("hl-comment", "// Close it."),
            ("hl-keyword", "const"),
            ("hl-keyword", "new"),
            ("hl-type", "WebSocket"),
            ("hl-string", "\"wss://example.org\""),
            ("hl-function", "close"),
            ("hl-number", "1000"),
            ("hl-string", "'done'"),
        ] {
            assert!(found.iter().any(|(c, t)| (c.as_str(), t.as_str()) == want), "{want:?} not in {html}");
        }
        // Plain names, operators and punctuation stay unwrapped.
        assert!(!found.iter().any(|(_, t)| t == "socket" || t == "=" || t == ";"), "{html}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn markup_characters_are_escaped() {
        let code = "if (a < b && c > d) { s = \"<script>alert('&amp;')</script>\"; }\n";
        let html = highlight("javascript", code).expect("javascript is highlighted");
        assert!(!html.contains("<script") && !html.contains("&&"), "{html}");
        assert!(html.contains("&lt;script&gt;") && html.contains("&amp;amp;") && html.contains("&amp;&amp;"), "{html}");
        // A quote is text, never inside a tag: every tag is one of ours.
        let tags: Vec<&str> = html.split('<').skip(1).map(|t| &t[..t.find('>').expect("a tag ends")]).collect();
        assert!(
            tags.iter().all(|t| *t == "/span" || (t.starts_with("span class=\"hl-") && t.matches('"').count() == 2))
        );
        assert_eq!(text_content(&html), code);
    }

    #[test]
    fn the_text_is_the_code_exactly() {
        let cases = [
            "",
            "x",
            "  const a = 1;  \n\n\tlet b = `t ${a + 1} <b>`;\r\n",
            "export default async function* f() { yield* [1n, 0x1F, .5e3, /a[<>]b/gu]; }\n",
            "broken ( { \" unterminated\n/* comment <not a tag>\n",
            "const ü = \"naïve → ✓\"; // émoji 🦀\n",
            "class A extends B { #p = null; static get x() { return this.#p ?? super.x; } }\n",
        ];
        for code in cases {
            let html = highlight("js", code).expect("highlighted");
            assert_eq!(text_content(&html), code, "{html}");
            assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "{html}");
        }
    }

    #[test]
    fn neighbouring_spans_of_one_class_are_joined() {
        let html = highlight("js", "export default null;\n").expect("highlighted");
        assert!(html.starts_with("<span class=\"hl-keyword\">export default</span>"), "{html}");
    }

    #[test]
    fn other_languages_are_not_highlighted() {
        for lang in ["", "html", "css", "JS", "json", "bash"] {
            assert_eq!(highlight(lang, "const a = 1;"), None, "{lang}");
        }
        assert_eq!(highlight("js", &"a;".repeat(MAX_CODE)), None);
    }

    #[test]
    fn a_cached_block_is_the_same_markup() {
        let code = "navigator.sendBeacon(\"/log\", JSON.stringify({ cache: true }));\n";
        let first = highlight("js", code).expect("highlighted");
        let before = stats();
        let second = highlight("javascript", code).expect("highlighted");
        let after = stats().since(&before);
        assert_eq!(first, second);
        assert!(Arc::ptr_eq(&first, &second), "the second call is answered from the cache");
        assert!(after.blocks >= 1, "{after:?}");
        // Rendering afresh gives the same bytes the cache holds.
        let fresh = std::thread::spawn(move || render(code)).join().unwrap();
        assert_eq!(fresh.as_deref(), Some(&*first));
    }

    #[test]
    fn blocks_highlighted_ahead_are_in_the_cache() {
        let cache = Lang::JavaScript.cache();
        let code = "ahead.of(\"the pages\");\n";
        let long = "b;".repeat(MAX_CODE);
        assert!(cache.get(code).is_none());
        ahead(vec![code, &long, code]);
        let cached = cache.get(code).expect("highlighted ahead");
        assert_eq!(cached, render(code).map(Arc::from).unwrap());
        assert!(Arc::ptr_eq(&cached, &highlight("js", code).unwrap()), "the page's call is answered from the cache");
        assert!(cache.get(&long).is_none(), "too long to highlight");
    }

    /// The class each listed text has in `code`'s markup (`None`: plain, in no span).
    fn classes(code: &str, texts: &[&str]) -> Vec<Option<String>> {
        let html = render(code).expect("highlighted");
        assert_eq!(text_content(&html), code, "{html}");
        let found = spans(&html);
        texts.iter().map(|t| found.iter().find(|(_, text)| text == t).map(|(class, _)| class.clone())).collect()
    }

    fn class(c: &str) -> Option<String> {
        Some(c.to_string())
    }

    #[test]
    fn a_slash_divides_after_a_value_and_starts_a_regex_elsewhere() {
        let code = "const re = /a[/]b/g; x = total / count / 2; if (/^\\d+$/.test(s)) y = a++ / 2;\nreturn /c/;\n";
        let html = render(code).unwrap();
        let found = spans(&html);
        let strings: Vec<&str> = found.iter().filter(|(c, _)| c == "hl-string").map(|(_, t)| t.as_str()).collect();
        assert_eq!(strings, ["/a[/]b/g", "/^\\d+$/", "/c/"], "{html}");
        assert_eq!(text_content(&html), code);
    }

    #[test]
    fn template_literals_are_strings_and_their_substitutions_code() {
        let code = "log(`Closed: ${event.code} ${`in ${where}`} { }`);\n";
        assert_eq!(
            classes(code, &["`Closed: ${", "code", "} ${`in ${", "}`} { }`"]),
            [class("hl-string"), class("hl-property"), class("hl-string"), class("hl-string")]
        );
        // A brace of an object inside a substitution does not end it.
        let code = "`a ${f({ b: 1 })} c`;\n";
        assert_eq!(
            classes(code, &["`a ${", "f", "b", "} c`"]),
            [class("hl-string"), class("hl-function"), class("hl-property"), class("hl-string")]
        );
    }

    #[test]
    fn names_are_classed_by_their_neighbours() {
        let code = "export default class Conn extends EventTarget {\n  static MAX = 3;\n  #socket = null;\n  \
                    get open() { return this.#socket?.close?.(); }\n}\nfunction* gen() { yield* promise.catch(e); }\n\
                    for (const x of xs) map.set(x, { default: 1, from: import.meta });\nconst tagged = html`<p>`;\n";
        let names = [
            "export default class",
            "Conn",
            "extends",
            "EventTarget",
            "MAX",
            "#socket",
            "get",
            "open",
            "this",
            "close",
            "gen",
            "catch",
            "of",
            "set",
            "default",
            "from",
            "meta",
            "html",
        ];
        let want = [
            "hl-keyword",
            "hl-type",
            "hl-keyword",
            "hl-type",
            "hl-constant",
            "hl-property",
            "hl-keyword",
            "hl-function",
            "hl-builtin",
            "hl-function",
            "hl-function",
            "hl-function",
            "hl-keyword",
            "hl-function",
            "hl-property",
            "hl-property",
            "hl-property",
            "hl-function",
        ];
        assert_eq!(classes(code, &names), want.map(class));
        // A template's tag, however far from its template.
        assert_eq!(classes("tag /* the tag */ `a ${b}`;\n", &["tag"]), [class("hl-function")]);
        // Plain: a name used as a value, and a contextual keyword used as a name.
        assert_eq!(classes("let of = 1, set = of;\n", &["of", "set"]), [None, None]);
    }

    #[test]
    fn comments_between_tokens_get_their_class() {
        let code = "a /* one\n two */ + b; // end\nc;\n<!-- old\n";
        assert_eq!(
            classes(code, &["/* one\n two */", "// end", "<!-- old"]),
            [class("hl-comment"), class("hl-comment"), class("hl-comment")]
        );
    }

    #[test]
    fn broken_code_keeps_every_character() {
        // Unterminated strings, templates, regexes and comments, stray characters, lone
        // surrogates' escapes, and half a substitution: the text comes back unchanged. The
        // cases are made from a fixed seed, so a failure repeats.
        let pieces = [
            "`",
            "${",
            "}",
            "{",
            "/",
            "/=",
            "\"",
            "'",
            "\\",
            "\n",
            " ",
            "a",
            "1",
            ".",
            "?.",
            "(",
            ")",
            "#",
            "@",
            "/*",
            "*/",
            "//",
            "<!--",
            "-->",
            "ü",
            "🦀",
            "\\u{D800}",
            "0x",
            "1n",
            "=>",
            "return",
            "`${`",
            "]",
            "[",
            "\u{2028}",
            "\r",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut random = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for _ in 0..20_000 {
            let mut code = String::new();
            for _ in 0..random(24) {
                code.push_str(pieces[random(pieces.len())]);
            }
            let html = render(&code).expect("highlighted");
            assert_eq!(text_content(&html), code, "{html}");
            assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "{html}");
        }
    }

    #[test]
    fn deeply_nested_code_is_walked_without_recursion() {
        // As deep as a block may be: the walk keeps its own stack, not the thread's.
        let code = format!("{}x{}", "[".repeat(MAX_CODE / 2 - 1), "]".repeat(MAX_CODE / 2 - 1));
        let html = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || (highlight("js", &code), code))
            .unwrap()
            .join()
            .unwrap();
        let (html, code) = html;
        assert_eq!(text_content(&html.expect("highlighted")), code);
    }

    #[test]
    fn stats_read_as_a_sentence() {
        let s = Stats { blocks: 3, parsed: 1, time: Duration::from_micros(1500) };
        assert_eq!(s.to_string(), "Highlighted 3 js blocks (1 parsed, the rest from the cache) in 1.5 ms");
    }
}
