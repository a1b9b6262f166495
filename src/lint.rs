//! Consistency lint: prose that contradicts the data model. It reads the numbers and ranges a
//! page's text states about close codes and close reasons, in English, Spanish and German, and
//! compares them with the close-code registry (`content/data/close-codes.yaml`) and the rules of
//! the standard:
//!
//! - a range of codes presented as what `close()` accepts must lie within the codes a script may
//!   pass (WHATWG WebSockets Standard, `close(code, reason)` step 1: 1000, or 3000–4999);
//! - any other range of close codes must match the registry's boundaries (RFC 6455 §7.4);
//! - eight digits where a range of codes is meant (`30004999`) is a range whose dash was lost;
//! - a byte limit for the close reason must be the registry's `max_reason_bytes` (123: RFC 6455
//!   §5.5 and §5.5.1; WHATWG `close()` step 2), and a control frame's payload limit 125;
//! - a code said to be used when `close()` gets none must be 1005: without a code, the Close
//!   frame has no status code, and the other side reports 1005 (RFC 6455 §7.1.5).
//!
//! Each finding is a warning at the number's file, line and column, stating the correct fact.
//! The text is tokenized (numbers, words, dashes, sentence ends); claims are recognised by the
//! shape of the numbers (`A–B`, `A to B`, `de A a B`, `zwischen A und B`, `N bytes`) and by
//! context words in the sentence, the enclosing list item's term and the section heading.

use std::ops::{Range, RangeInclusive};

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::data::close_codes::{self, CloseCodeRegistry, ranges_text};
use crate::diag::{Diagnostic, Source};

/// RFC 6455 §7.1.5: a Close frame without a status code is reported as 1005.
pub const NO_STATUS_CODE: u16 = 1005;

/// The facts the lint compares prose with, taken from the registry.
#[derive(Debug, Clone)]
pub struct Facts {
    /// What a script may pass to `close()`, merged: `[1000, 3000–4999]`.
    pub script_codes: Vec<RangeInclusive<u16>>,
    /// Every registry entry's bounds, sorted.
    pub entries: Vec<(u16, u16, String)>,
    pub max_reason_bytes: usize,
    pub max_payload_bytes: usize,
    pub max_code: u16,
    /// The registry's name of 1005.
    pub no_status_name: String,
}

impl Facts {
    pub fn from_registry(r: &CloseCodeRegistry) -> Facts {
        Facts {
            script_codes: r.script_codes(),
            entries: r.entries.iter().map(|e| (e.first, e.last, e.name.clone())).collect(),
            max_reason_bytes: r.max_reason_bytes,
            max_payload_bytes: close_codes::MAX_CONTROL_PAYLOAD,
            max_code: close_codes::MAX_CODE,
            no_status_name: r.entry_for(NO_STATUS_CODE).map(|e| e.name.clone()).unwrap_or_default(),
        }
    }

    /// `1000 and 3000–4999`.
    fn allowed_text(&self) -> String {
        let parts = ranges_text(&self.script_codes);
        match parts.rsplit_once(", ") {
            Some((a, b)) => format!("{a} and {b}"),
            None => parts,
        }
    }

    fn allows(&self, code: u64) -> bool {
        self.script_codes.iter().any(|r| (u64::from(*r.start())..=u64::from(*r.end())).contains(&code))
    }
}

/// One claim found wrong: where, what, and the correct fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    /// Byte range in the text given to [`lint_markdown`] / [`lint_fluent`].
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
}

impl Finding {
    pub fn diagnostic(&self, source: &Source, offset: usize) -> Diagnostic {
        Diagnostic::warning(self.code, self.message.clone())
            .at(source.at(offset + self.range.start..offset + self.range.end))
            .hint(self.hint.clone())
    }
}

// ---- Tokens ----

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u64, usize),
    Word(String),
    Dash,
    Stop,
    /// Digits with dots or commas: section numbers, versions (`7.4.1`, `2.5`).
    Version,
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    range: Range<usize>,
    /// Whitespace (or a piece boundary) comes right before it.
    space_before: bool,
}

const DASHES: &[char] = &['-', '‐', '‑', '‒', '–', '—', '−'];

/// Tokens of `text`, whose byte 0 is at `offset` of the linted text. Backticks are ignored, and
/// so are URLs.
fn tokenize(text: &str, offset: usize, out: &mut Vec<Token>) {
    let mut space = true;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let start = offset + i;
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c == '`' || c == '*' || c == '_' {
            continue;
        }
        // A URL runs to the next whitespace.
        if space || matches!(out.last(), Some(Token { tok: Tok::Other, .. })) {
            let run_end = text[i..].find(char::is_whitespace).map_or(text.len(), |e| i + e);
            let run = &text[i..run_end];
            if run.contains("://") || run.starts_with("www.") {
                while iter.peek().is_some_and(|(j, _)| *j < run_end) {
                    iter.next();
                }
                space = true;
                continue;
            }
        }
        let mut end = i + c.len_utf8();
        let tok = if c.is_ascii_digit() {
            let mut dotted = false;
            while let Some(&(j, d)) = iter.peek() {
                if d.is_ascii_digit() {
                    iter.next();
                    end = j + 1;
                } else if (d == '.' || d == ',') && text[j + 1..].starts_with(|x: char| x.is_ascii_digit()) {
                    iter.next();
                    dotted = true;
                    end = j + 1;
                } else {
                    break;
                }
            }
            let digits = &text[i..end];
            if dotted { Tok::Version } else { Tok::Num(digits.parse().unwrap_or(u64::MAX), digits.len()) }
        } else if c.is_alphabetic() {
            while let Some(&(j, d)) = iter.peek() {
                if d.is_alphabetic() || d == '\'' || d == '’' {
                    iter.next();
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            Tok::Word(text[i..end].to_lowercase())
        } else if DASHES.contains(&c) {
            Tok::Dash
        } else if matches!(c, '.' | '!' | '?' | ';')
            && iter.peek().is_none_or(|(_, n)| n.is_whitespace() || matches!(n, ')' | '"' | '»' | '”'))
        {
            Tok::Stop
        } else {
            Tok::Other
        };
        out.push(Token { tok, range: start..offset + end, space_before: space });
        space = false;
    }
}

// ---- Blocks of prose from markdown and Fluent ----

/// A run of prose (paragraph, list item text, heading, table cell) with its context words.
#[derive(Debug, Default)]
struct Block {
    tokens: Vec<Token>,
    /// Words of the enclosing list items' terms and of the section heading.
    context: Vec<String>,
}

/// Replaces `{{macro(…)}}` calls with spaces (same length, so offsets stay).
fn mask_macros(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        let Some(len) = text[start..].find("}}") else { break };
        for b in &mut out[start..start + len + 2] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = start + len + 2;
    }
    String::from_utf8(out).expect("only whole characters were replaced by spaces")
}

fn words(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

/// The prose blocks of a markdown body.
fn markdown_blocks(body: &str) -> Vec<Block> {
    let masked = mask_macros(body);
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let mut heading: Vec<String> = Vec::new();
    let mut in_heading = false;
    let mut heading_tokens: Vec<Token> = Vec::new();
    // Per open list item: its term's tokens, and whether a nested list closed the term.
    let mut items: Vec<(Vec<Token>, bool)> = Vec::new();
    let mut skip = 0usize;
    let context = |items: &[(Vec<Token>, bool)], heading: &[String]| {
        let mut c: Vec<String> = heading.to_vec();
        for (t, _) in items {
            c.extend(words(t));
        }
        c
    };
    let flush = |current: &mut Block, blocks: &mut Vec<Block>, ctx: Vec<String>| {
        if !current.tokens.is_empty() {
            current.context = ctx;
            blocks.push(std::mem::take(current));
        }
    };
    for (event, range) in Parser::new_ext(&masked, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => skip = skip.saturating_sub(1),
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => skip += 1,
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut blocks, context(&items, &heading));
                in_heading = true;
                heading_tokens.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                heading = words(&heading_tokens);
                current.tokens = std::mem::take(&mut heading_tokens);
                flush(&mut current, &mut blocks, Vec::new());
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks, context(&items, &heading));
                items.push((Vec::new(), false));
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut blocks, context(&items, &heading));
                items.pop();
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut current, &mut blocks, context(&items, &heading));
                if let Some(top) = items.last_mut() {
                    top.1 = true;
                }
            }
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::BlockQuote(_))
            | Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut blocks, context(&items, &heading));
            }
            Event::Text(_) | Event::Code(_) if skip == 0 => {
                let mut toks = Vec::new();
                tokenize(&masked[range.clone()], range.start, &mut toks);
                if let Some(first) = toks.first_mut() {
                    // A piece boundary is a space only if the source has one there.
                    first.space_before = range.start == 0 || masked[..range.start].ends_with(char::is_whitespace);
                }
                if in_heading {
                    heading_tokens.extend(toks);
                } else {
                    if let Some(top) = items.last_mut().filter(|t| !t.1) {
                        top.0.extend(toks.iter().cloned());
                    }
                    current.tokens.extend(toks);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, context(&items, &heading));
    blocks
}

/// The prose blocks of a Fluent file: each message's and attribute's value. Comments and ids
/// are not prose; placeables `{ … }` are skipped.
fn fluent_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches('\n');
        let value_at = if body.starts_with(|c: char| c.is_ascii_alphabetic())
            || (body.trim_start().starts_with('.') && body.starts_with([' ', '\t']))
        {
            if !current.tokens.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            body.find('=').map(|e| e + 1)
        } else if body.starts_with([' ', '\t']) && !body.trim().is_empty() {
            Some(0)
        } else {
            if !current.tokens.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            None
        };
        let Some(v) = value_at else { continue };
        // Mask placeables.
        let mut value = body[v..].to_string();
        while let (Some(a), Some(b)) = (value.find('{'), value.find('}')) {
            if b < a {
                break;
            }
            value.replace_range(a..=b, &" ".repeat(b - a + 1));
        }
        tokenize(&value, start + v, &mut current.tokens);
    }
    if !current.tokens.is_empty() {
        blocks.push(current);
    }
    blocks
}

// ---- Context words ----

fn is_code_word(w: &str) -> bool {
    matches!(w, "code" | "codes" | "código" | "códigos" | "codigo" | "codigos" | "statuscode" | "statuscodes")
        || ["schließcode", "schliesscode", "fehlercode", "abschlusscode"].iter().any(|c| w.starts_with(c))
}

const VALIDITY: &[&str] = &[
    "valid",
    "invalid",
    "must",
    "allowed",
    "allow",
    "allows",
    "accept",
    "accepts",
    "accepted",
    "permitted",
    "custom",
    "throw",
    "throws",
    "thrown",
    "invalidaccesserror",
    "choosing",
    "válido",
    "válida",
    "válidos",
    "válidas",
    "debe",
    "deben",
    "permitido",
    "permitidos",
    "personalizado",
    "personalizados",
    "lanza",
    "lanzar",
    "acepta",
    "admite",
    "gültig",
    "gültige",
    "gültigen",
    "gültiger",
    "muss",
    "müssen",
    "erlaubt",
    "erlaubte",
    "zulässig",
    "zulässige",
    "benutzerdefiniert",
    "benutzerdefinierter",
    "benutzerdefinierten",
    "ausgelöst",
    "akzeptiert",
    "wahl",
];

/// Words that make a pair of numbers a claim about a range of codes (not, say, "halfway between
/// 2999 and 3000" about one fractional value).
const RANGE_WORDS: &[&str] = &[
    "range",
    "ranges",
    "reserved",
    "rango",
    "rangos",
    "reservado",
    "reservados",
    "bereich",
    "bereiche",
    "reserviert",
    "reservierte",
];

/// Words that put a sentence about codes on the wire or in the browser, not in a script's call.
const NOT_SCRIPT: &[&str] = &[
    "server",
    "servers",
    "servidor",
    "frame",
    "frames",
    "trama",
    "endpoint",
    "endpoints",
    "browser",
    "navegador",
    "agent",
    "peer",
    "extremo",
    "gegenstelle",
    "endpunkt",
];

const LIMIT: &[&str] = &[
    "longer",
    "long",
    "exceed",
    "exceeds",
    "exceeding",
    "more",
    "most",
    "maximum",
    "max",
    "limit",
    "length",
    "up",
    "exceder",
    "excede",
    "exceda",
    "superar",
    "supera",
    "más",
    "máximo",
    "máxima",
    "límite",
    "longitud",
    "larga",
    "länger",
    "lang",
    "höchstens",
    "maximal",
    "überschreiten",
    "überschreitet",
    "mehr",
    "länge",
    "limit",
];

const REASON: &[&str] =
    &["reason", "reasons", "razón", "razon", "motivo", "grund", "schließungsgrund", "schliessungsgrund", "begründung"];

const PAYLOAD: &[&str] = &["payload", "carga", "nutzdaten", "nutzlast", "frame", "trama", "control"];

const DEFAULT: &[&str] = &[
    "default",
    "defaults",
    "assumed",
    "assume",
    "assumes",
    "defecto",
    "predeterminado",
    "predeterminada",
    "asume",
    "supone",
    "standardmäßig",
    "vorgabe",
    "vorgabewert",
    "standardwert",
    "angenommen",
];

fn has_omission(ws: &[String]) -> bool {
    let any = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    any(&[
        "unspecified",
        "omitted",
        "omit",
        "omits",
        "without",
        "absent",
        "missing",
        "omite",
        "omitido",
        "omitida",
        "sin",
        "weggelassen",
        "ohne",
        "fehlt",
    ]) || (any(&["not", "no", "nicht", "kein", "keinen"])
        && any(&[
            "specified",
            "given",
            "provided",
            "passed",
            "especifica",
            "especificado",
            "indica",
            "proporciona",
            "pasa",
            "angegeben",
            "übergeben",
        ]))
}

/// Words that make the number after them an identifier, not a quantity (`RFC 6455`, `§ 7`).
const NUMBERING: &[&str] = &[
    "rfc",
    "section",
    "sections",
    "sección",
    "secciones",
    "abschnitt",
    "abschnitte",
    "step",
    "paso",
    "schritt",
    "http",
];

// ---- Claims ----

#[derive(Debug)]
enum Mention {
    /// `between`: written "between A and B", which may describe one value between two numbers.
    Range {
        a: u64,
        b: u64,
        range: Range<usize>,
        run_together: bool,
        between: bool,
    },
    Single {
        n: u64,
        range: Range<usize>,
        at: usize,
    },
}

/// Numbers and ranges of a sentence, with the token index of each single number.
fn mentions(t: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    let num = |i: usize| match t.get(i).map(|x| &x.tok) {
        Some(Tok::Num(n, _)) => Some(*n),
        _ => None,
    };
    let word = |i: usize| match t.get(i).map(|x| &x.tok) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let mut i = 0;
    while i < t.len() {
        let Some(a) = num(i) else {
            i += 1;
            continue;
        };
        // An identifier part (`UTF-8`, `rfc6455`) or a numbered thing (`RFC 6455`).
        let glued_to_word = !t[i].space_before
            && (matches!(t.get(i.wrapping_sub(1)).map(|x| &x.tok), Some(Tok::Word(_)))
                || matches!(t.get(i.wrapping_sub(1)).map(|x| &x.tok), Some(Tok::Dash))
                    && !t[i - 1].space_before
                    && matches!(t.get(i.wrapping_sub(2)).map(|x| &x.tok), Some(Tok::Word(_))));
        let numbered = i > 0 && word(i - 1).is_some_and(|w| NUMBERING.contains(&w));
        if glued_to_word || numbered {
            i += 1;
            continue;
        }
        // A range: `A–B`, `A to B`, `A a B`, `A bis B`, `between A and B` …
        let between = i > 0 && word(i - 1).is_some_and(|w| matches!(w, "between" | "entre" | "zwischen"));
        let sep_ok = match (&t.get(i + 1).map(|x| &x.tok), word(i + 1)) {
            (Some(Tok::Dash), _) => true,
            (_, Some(w)) if between => matches!(w, "and" | "y" | "e" | "und"),
            (_, Some(w)) => matches!(w, "to" | "through" | "thru" | "a" | "al" | "hasta" | "bis"),
            _ => false,
        };
        if sep_ok && let Some(b) = num(i + 2).filter(|b| *b > a) {
            // `UTF-8` after a dash would be a word, so the right side is a number only.
            out.push(Mention::Range {
                a,
                b,
                range: t[i].range.start..t[i + 2].range.end,
                run_together: false,
                between,
            });
            i += 3;
            continue;
        }
        if let Some(Tok::Num(n, 8)) = t.get(i).map(|x| &x.tok) {
            let (x, y) = (n / 10_000, n % 10_000);
            if x >= 1000 && y > x {
                out.push(Mention::Range { a: x, b: y, range: t[i].range.clone(), run_together: true, between: false });
                i += 1;
                continue;
            }
        }
        out.push(Mention::Single { n: a, range: t[i].range.clone(), at: i });
        i += 1;
    }
    out
}

/// Whether the token after index `i` (allowing one dash) is a byte unit.
fn is_bytes(t: &[Token], i: usize) -> bool {
    let unit = |j: usize| match t.get(j).map(|x| &x.tok) {
        Some(Tok::Word(w)) => w.starts_with("byte") || w.starts_with("octet") || w.starts_with("oktett"),
        _ => false,
    };
    unit(i + 1) || matches!(t.get(i + 1).map(|x| &x.tok), Some(Tok::Dash)) && unit(i + 2)
}

/// The parts of `a..=b` outside what a script may pass.
fn outside(facts: &Facts, a: u64, b: u64) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    let mut c = a;
    while c <= b {
        if facts.allows(c) {
            c += 1;
            continue;
        }
        let start = c;
        while c <= b && !facts.allows(c) {
            c += 1;
        }
        out.push((start, c - 1));
    }
    out
}

fn span_text(a: u64, b: u64) -> String {
    if a == b { a.to_string() } else { format!("{a}–{b}") }
}

fn judge_sentence(t: &[Token], context: &[String], facts: &Facts, out: &mut Vec<Finding>) {
    let ws = words(t);
    let has = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    let in_context = |list: &[&str]| context.iter().any(|w| list.contains(&w.as_str()));
    let code_here = ws.iter().any(|w| is_code_word(w));
    let code_ctx = code_here || context.iter().any(|w| is_code_word(w));
    let script_claim = code_here && has(VALIDITY) && !has(NOT_SCRIPT);
    for m in mentions(t) {
        match m {
            Mention::Range { a, b, range, run_together, between } => {
                if !code_ctx || b < 999 || is_bytes_range(t, &range) {
                    continue;
                }
                if run_together {
                    out.push(Finding {
                        code: "consistency-run-together",
                        range: range.clone(),
                        message: format!(
                            "`{a}{b}` is not a close code: it reads as the range {a}–{b} with its dash lost"
                        ),
                        hint: format!("write `{a}`–`{b}`"),
                    });
                }
                if script_claim {
                    let bad = outside(facts, a, b);
                    if !bad.is_empty() {
                        let bad_text: Vec<String> = bad.iter().map(|(x, y)| span_text(*x, *y)).collect();
                        out.push(Finding {
                            code: "consistency-code-range",
                            range,
                            message: format!(
                                "this says close() accepts codes {a}–{b}, but a script may pass only {}: {} throw an InvalidAccessError",
                                facts.allowed_text(),
                                bad_text.join(", ")
                            ),
                            hint: format!(
                                "write {} (WHATWG WebSockets Standard, close() step 1; content/data/close-codes.yaml)",
                                facts.allowed_text().replace(" and ", " or ")
                            ),
                        });
                    }
                } else if !run_together && b <= 9999 && (!between || has(RANGE_WORDS) || in_context(RANGE_WORDS)) {
                    // (Wider ranges, such as an unsigned short's 0–65535, are not about codes.)
                    let starts = facts.entries.iter().any(|(f, _, _)| u64::from(*f) == a);
                    let ends = facts.entries.iter().any(|(_, l, _)| u64::from(*l) == b);
                    if b > u64::from(facts.max_code) || !starts || !ends {
                        let entries: Vec<String> = facts
                            .entries
                            .iter()
                            .filter(|(f, l, _)| f != l)
                            .map(|(f, l, n)| format!("{f}–{l} {n}"))
                            .collect();
                        out.push(Finding {
                            code: "consistency-code-range",
                            range,
                            message: if b > u64::from(facts.max_code) {
                                format!("{a}–{b} goes beyond the highest close code, {}", facts.max_code)
                            } else {
                                format!("{a}–{b} does not match the close-code registry: it starts or ends inside a range of codes")
                            },
                            hint: format!(
                                "the registry's ranges are {}, and the codes 1000–1015 (RFC 6455 §7.4; content/data/close-codes.yaml)",
                                entries.join(", ")
                            ),
                        });
                    }
                }
            }
            Mention::Single { n, range, at } => {
                if is_bytes(t, at) {
                    let payload = window(t, at, 5).any(|w| PAYLOAD.contains(&w));
                    let about_reason = has(REASON) || in_context(REASON);
                    if payload && n as usize != facts.max_payload_bytes && !about_reason {
                        out.push(Finding {
                            code: "consistency-bytes",
                            range,
                            message: format!(
                                "{n} bytes: a control frame's payload is at most {} bytes",
                                facts.max_payload_bytes
                            ),
                            hint: "RFC 6455 §5.5".into(),
                        });
                    } else if !payload && about_reason && has(LIMIT) && n as usize != facts.max_reason_bytes {
                        out.push(Finding {
                            code: "consistency-bytes",
                            range,
                            message: format!(
                                "{n} bytes: a close reason may be at most {} bytes of UTF-8",
                                facts.max_reason_bytes
                            ),
                            hint: format!(
                                "write {}: a control frame carries at most {} bytes, 2 of which are the status code (RFC 6455 §5.5, §5.5.1); close() throws a SyntaxError for a longer reason (WHATWG WebSockets Standard)",
                                facts.max_reason_bytes, facts.max_payload_bytes
                            ),
                        });
                    }
                    continue;
                }
                let plausible_code = (1000..=u64::from(facts.max_code)).contains(&n);
                if plausible_code
                    && n != u64::from(NO_STATUS_CODE)
                    && code_ctx
                    && has_omission(&ws)
                    && window(t, at, 6).any(|w| DEFAULT.contains(&w))
                {
                    out.push(Finding {
                        code: "consistency-no-code",
                        range,
                        message: format!(
                            "this says {n} is used when close() is called without a code, but then the Close frame carries no status code, and the other side reports {NO_STATUS_CODE} ({})",
                            facts.no_status_name
                        ),
                        hint: format!(
                            "say that without a code no status code is sent and the close event reports {NO_STATUS_CODE} (RFC 6455 §7.1.5; WHATWG WebSockets Standard, close())"
                        ),
                    });
                }
            }
        }
    }
}

/// Words within `n` tokens of index `i`, in the same sentence.
fn window(t: &[Token], i: usize, n: usize) -> impl Iterator<Item = &str> {
    t[i.saturating_sub(n)..(i + n + 1).min(t.len())].iter().filter_map(|x| match &x.tok {
        Tok::Word(w) => Some(w.as_str()),
        _ => None,
    })
}

/// Whether a range is followed by a byte unit (`1 to 4 bytes`): not about codes.
fn is_bytes_range(t: &[Token], range: &Range<usize>) -> bool {
    t.iter().position(|x| x.range.end == range.end).is_some_and(|i| is_bytes(t, i))
}

fn judge(blocks: &[Block], facts: &Facts) -> Vec<Finding> {
    let mut out = Vec::new();
    for b in blocks {
        for sentence in b.tokens.split(|t| t.tok == Tok::Stop) {
            judge_sentence(sentence, &b.context, facts, &mut out);
        }
    }
    out
}

/// Findings in a markdown body (`text` is the body; ranges are offsets into it).
pub fn lint_markdown(text: &str, facts: &Facts) -> Vec<Finding> {
    judge(&markdown_blocks(text), facts)
}

/// Findings in a Fluent file's messages.
pub fn lint_fluent(text: &str, facts: &Facts) -> Vec<Finding> {
    judge(&fluent_blocks(text), facts)
}

/// Lints every content file of the model and every message file, as warnings.
pub fn check(model: &crate::model::Model, messages: &[(String, Vec<Source>)], facts: &Facts) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for e in &model.entities {
        for t in e.translations.values() {
            for f in std::iter::once(&*t.primary).chain(t.supplements.iter()) {
                for finding in lint_markdown(f.body(), facts) {
                    diags.push(finding.diagnostic(&f.file.source, f.body_start));
                }
            }
        }
    }
    for (_, sources) in messages {
        for s in sources {
            for finding in lint_fluent(&s.text, facts) {
                diags.push(finding.diagnostic(s, 0));
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests;
