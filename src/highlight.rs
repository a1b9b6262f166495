//! Highlighting stage: the code of a `js` block → HTML with class-based spans
//! (`<span class="hl-keyword">const</span>`), made at build time with tree-sitter so that pages
//! ship no highlighter of their own. The stylesheet gives each class its colour.
//!
//! Each thread keeps its own tree-sitter parser. A block's spans come from its syntax tree: the
//! kind of each node (a string, a keyword, a called function) gives its class, in one pass over
//! the tree, which costs far less than matching the grammar's highlight queries. The
//! same block often appears on many pages (every locale has it), so results are cached by
//! (language, code) across pages and threads. Highlighting is a pure function of its input, so
//! the output does not depend on the cache or on the number of threads.
//!
//! A build highlights the site's blocks [`ahead`] of its pages, all together: tree-sitter's
//! parse tables then stay in the processor's caches from one block to the next, where between
//! pages the other work of rendering pushes them out (on the 30,000-page benchmark corpus,
//! about a quarter less highlighting time).

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, RwLock};
use std::time::{Duration, Instant};

use rustc_hash::{FxBuildHasher, FxHashMap};
use tree_sitter::{Node, Parser};

/// A field of a node in its parent (`function` of a call), as tree-sitter numbers them.
type FieldId = std::num::NonZeroU16;

/// Names the page's global objects go by, shown as built-ins (`console.log`).
const BUILTINS: &[&str] = &["arguments", "console", "document", "globalThis", "module", "require", "self", "window"];

/// Blocks longer than this are left plain. Parsing deeply nested brackets costs time that grows
/// faster than the text (16 KiB of `(` takes about 0.1 s, 32 KiB four times that), so the bound
/// keeps a hostile page from slowing the build; real examples are far shorter.
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

    fn grammar(self) -> Option<&'static Grammar> {
        match self {
            Lang::JavaScript => JAVASCRIPT.as_ref(),
        }
    }
}

/// A language's node kinds as the highlighter sees them, and its cache of results.
struct Grammar {
    /// By node kind id (`Node::kind_id`): what a node of that kind is to us.
    kinds: Vec<Kind>,
    /// The ids of the fields the classes depend on.
    function: Option<FieldId>,
    property: Option<FieldId>,
    name: Option<FieldId>,
    cache: Cache,
}

/// What a node kind is to the highlighter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Keyword,
    Comment,
    Str,
    Number,
    Constant,
    Builtin,
    Property,
    Identifier,
    Call,
    Member,
    FunctionDecl,
    Other,
}

static JAVASCRIPT: LazyLock<Option<Grammar>> = LazyLock::new(|| {
    let language: tree_sitter::Language = tree_sitter_javascript::LANGUAGE.into();
    let count = u16::try_from(language.node_kind_count()).ok()?;
    let kinds = (0..count)
        .map(|id| {
            let name = language.node_kind_for_id(id).unwrap_or_default();
            if !language.node_kind_is_named(id) {
                // Anonymous tokens: the words are keywords (`const`, `new`); symbols stay plain.
                let word = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase());
                return if word { Kind::Keyword } else { Kind::Other };
            }
            match name {
                "comment" | "html_comment" => Kind::Comment,
                "string" | "template_string" | "regex" => Kind::Str,
                "number" => Kind::Number,
                "true" | "false" | "null" | "undefined" => Kind::Constant,
                "this" | "super" => Kind::Builtin,
                "property_identifier" | "private_property_identifier" => Kind::Property,
                "identifier" => Kind::Identifier,
                "call_expression" => Kind::Call,
                "member_expression" => Kind::Member,
                "function_declaration"
                | "function_expression"
                | "generator_function_declaration"
                | "generator_function"
                | "method_definition" => Kind::FunctionDecl,
                _ => Kind::Other,
            }
        })
        .collect();
    Some(Grammar {
        kinds,
        function: language.field_id_for_name("function"),
        property: language.field_id_for_name("property"),
        name: language.field_id_for_name("name"),
        cache: Cache::default(),
    })
});

thread_local! {
    /// A parser per thread (a tree-sitter parser is not `Sync`), made on first use.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

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
    let grammar = lang.grammar()?;
    if code.len() > MAX_CODE {
        return None;
    }
    let started = Instant::now();
    let html = match grammar.cache.get(code) {
        Some(html) => html,
        None => {
            let html: Arc<str> = render(grammar, code)?.into();
            grammar.cache.put(code, &html);
            PARSED.fetch_add(1, Ordering::Relaxed);
            html
        }
    };
    NANOS.fetch_add(u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    Some(html)
}

/// Parses `code` and writes its spans; `None` if tree-sitter gives up.
fn render(grammar: &Grammar, code: &str) -> Option<String> {
    PARSER.with(|parser| {
        let mut parser = parser.try_borrow_mut().ok()?;
        if parser.is_none() {
            let mut p = Parser::new();
            p.set_language(&tree_sitter_javascript::LANGUAGE.into()).ok()?;
            *parser = Some(p);
        }
        let tree = parser.as_mut()?.parse(code, None)?;
        let mut out = Spans::new(code.len());
        // The code up to `done` is written. The walk is iterative: deeply nested code must not
        // exhaust the stack.
        let mut done = 0;
        let mut cursor = tree.walk();
        // The kinds of the current node's ancestors, with the field each holds in its parent
        // (asking a node for its parent costs a walk from the root; the cursor knows).
        let mut ancestors: Vec<(Kind, Option<FieldId>)> = Vec::new();
        'walk: loop {
            let node = cursor.node();
            let (start, end) = (node.start_byte(), node.end_byte());
            let kind = grammar.kinds.get(usize::from(node.kind_id())).copied().unwrap_or(Kind::Other);
            let field = cursor.field_id();
            let place = Place { grammar, field, ancestors: &ancestors };
            match class_of(kind, &node, code, &place) {
                Some(class) if start >= done && code.get(start..end).is_some() => {
                    out.text(&code[done..start]);
                    out.open(class);
                    out.text(&code[start..end]);
                    out.close();
                    done = end;
                }
                _ => {
                    if cursor.goto_first_child() {
                        ancestors.push((kind, field));
                        continue 'walk;
                    }
                }
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
                ancestors.pop();
            }
        }
        out.text(code.get(done..)?);
        Some(out.finish())
    })
}

/// Where a node sits: the field it fills in its parent, and its ancestors' kinds with the
/// fields they fill, innermost last.
struct Place<'a> {
    grammar: &'a Grammar,
    field: Option<FieldId>,
    ancestors: &'a [(Kind, Option<FieldId>)],
}

impl Place<'_> {
    /// The kind of the `n`th ancestor (0: the parent) and the field it fills in its own parent.
    fn up(&self, n: usize) -> Option<(Kind, Option<FieldId>)> {
        self.ancestors.len().checked_sub(n + 1).map(|i| self.ancestors[i])
    }

    /// Whether the node names the function of a call: `f()`, or the `close` of `socket.close()`.
    fn called(&self) -> bool {
        let g = self.grammar;
        match self.up(0) {
            Some((Kind::Call, _)) => self.field.is_some() && self.field == g.function,
            Some((Kind::Member, field)) => {
                self.field.is_some()
                    && self.field == g.property
                    && field.is_some()
                    && field == g.function
                    && matches!(self.up(1), Some((Kind::Call, _)))
            }
            _ => false,
        }
    }

    /// Whether the node is the name a function or method is declared with.
    fn declares_function(&self) -> bool {
        self.field.is_some() && self.field == self.grammar.name && matches!(self.up(0), Some((Kind::FunctionDecl, _)))
    }
}

/// The class of a syntax-tree node, or `None` to look at its children (or, for a leaf, to
/// leave it plain: names, operators, punctuation).
fn class_of(kind: Kind, node: &Node, code: &str, place: &Place) -> Option<&'static str> {
    Some(match kind {
        Kind::Keyword => "hl-keyword",
        Kind::Comment => "hl-comment",
        Kind::Str => "hl-string",
        Kind::Number => "hl-number",
        Kind::Constant => "hl-constant",
        Kind::Builtin => "hl-builtin",
        Kind::Property if place.called() => "hl-function",
        Kind::Property => "hl-property",
        Kind::Identifier if place.called() || place.declares_function() => "hl-function",
        Kind::Identifier => {
            let name = code.get(node.start_byte()..node.end_byte())?;
            if BUILTINS.contains(&name) {
                "hl-builtin"
            } else if name.len() > 1 && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
            {
                "hl-constant"
            } else if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                "hl-type"
            } else {
                return None;
            }
        }
        Kind::Call | Kind::Member | Kind::FunctionDecl | Kind::Other => return None,
    })
}

/// Writes spans and escaped text, joining two spans of the same class that only whitespace
/// separates (`export default`), so that the markup stays small.
struct Spans {
    html: String,
    /// Classes of the spans open, outermost first.
    open: Vec<&'static str>,
    /// A top-level span ended but not closed yet, with the whitespace seen after it.
    pending: Option<(&'static str, String)>,
}

impl Spans {
    fn new(len: usize) -> Spans {
        Spans { html: String::with_capacity(len * 3), open: Vec::new(), pending: None }
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

    fn open(&mut self, class: &'static str) {
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
        self.open.push(class);
    }

    fn close(&mut self) {
        match self.open.pop() {
            Some(class) if self.open.is_empty() => {
                self.flush();
                self.pending = Some((class, String::new()));
            }
            Some(_) => self.html.push_str("</span>"),
            None => {}
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        for _ in self.open.drain(..) {
            self.html.push_str("</span>");
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a browser shows for `html`: tags dropped, the entities we write decoded.
    fn text_content(html: &str) -> String {
        let mut text = String::new();
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            text.push_str(&rest[..i]);
            rest = &rest[i + rest[i..].find('>').expect("a tag ends") + 1..];
        }
        text.push_str(rest);
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    }

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
        let fresh = std::thread::spawn(move || render(JAVASCRIPT.as_ref().unwrap(), code)).join().unwrap();
        assert_eq!(fresh.as_deref(), Some(&*first));
    }

    #[test]
    fn blocks_highlighted_ahead_are_in_the_cache() {
        let grammar = JAVASCRIPT.as_ref().unwrap();
        let code = "ahead.of(\"the pages\");\n";
        let long = "b;".repeat(MAX_CODE);
        assert!(grammar.cache.get(code).is_none());
        ahead(vec![code, &long, code]);
        let cached = grammar.cache.get(code).expect("highlighted ahead");
        assert_eq!(cached, render(grammar, code).map(Arc::from).unwrap());
        assert!(Arc::ptr_eq(&cached, &highlight("js", code).unwrap()), "the page's call is answered from the cache");
        assert!(grammar.cache.get(&long).is_none(), "too long to highlight");
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
