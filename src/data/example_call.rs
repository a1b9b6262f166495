//! Example calls: the small subset of JavaScript that runnable examples are written in
//! (`socket.close(1000, "é".repeat(62))`, `new CloseEvent("close", { code: 70000 })`), parsed
//! and evaluated into the values the rules of [`crate::rules`] take. Nothing here runs script.
//!
//! The grammar, a subset of ECMA-262 expressions:
//!
//! ```text
//! call     = "socket" "." "close" "(" [expr {"," expr} [","]] ")"
//!          | "new" "CloseEvent" "(" expr ["," init] {"," expr} [","] ")"
//! init     = "{" [key ":" expr {"," key ":" expr} [","]] "}" | expr      (undefined or null)
//! expr     = unary {"+" unary}
//! unary    = ("-" | "+") unary | postfix
//! postfix  = primary {"." "repeat" "(" expr ")"}
//! primary  = number | string | "undefined" | "null" | "true" | "false" | "NaN" | "Infinity"
//!          | "(" expr ")"
//! ```
//!
//! Evaluation follows ECMA-262: unary `-`/`+` apply `ToNumber`; binary `+` concatenates with
//! `ToString` when either side is a string and adds numbers otherwise (`ApplyStringOrNumericBinaryOperator`);
//! `String.prototype.repeat` takes `ToIntegerOrInfinity` of its count and throws a `RangeError`
//! for a negative or infinite one (reported here as a problem of the example).

use std::ops::Range;

use crate::rules::{JsString, JsValue, parse_js_string_literal, string_to_number, to_js_string, to_number};

/// Longest string an example may build, in UTF-16 code units: examples are shown on a page.
pub const MAX_STRING_UNITS: usize = 4096;

/// A parsed example call with its arguments evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// `socket.close(args…)`, every argument as passed (an explicit `undefined` included).
    Close(Vec<JsValue>),
    /// `new CloseEvent(type, init?)`; `init` is `None` when no dictionary (or `undefined` or
    /// `null`, which Web IDL converts to the empty dictionary) is given.
    CloseEvent { type_: JsValue, init: Option<Vec<(String, JsValue)>> },
}

/// What is wrong with a call, at a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    pub at: Range<usize>,
    pub message: String,
}

/// Parses and evaluates `src`, e.g. `socket.close(1000, "done")`.
pub fn parse_call(src: &str) -> Result<Call, CallError> {
    let tokens = tokenize(src)?;
    let mut p = Parser { tokens, pos: 0, end: src.len() };
    let call = p.call()?;
    match p.peek() {
        Tok::End => Ok(call),
        _ => Err(p.error_here("There is more text after the call's closing parenthesis.")),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Number(f64),
    Str(JsString),
    Punct(char),
    End,
}

fn err(at: Range<usize>, message: impl Into<String>) -> CallError {
    CallError { at, message: message.into() }
}

fn tokenize(src: &str) -> Result<Vec<(Tok, Range<usize>)>, CallError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        let c = src[i..].chars().next().expect("i is a char boundary");
        let start = i;
        match c {
            c if c.is_whitespace() => i += c.len_utf8(),
            '(' | ')' | ',' | '.' | '{' | '}' | ':' | '+' | '-'
                if !(c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                i += 1;
                out.push((Tok::Punct(c), start..i));
            }
            '"' | '\'' => {
                let mut j = i + 1;
                loop {
                    match src[j..].chars().next() {
                        None | Some('\n') => {
                            return Err(err(start..j, "This string has no closing quote."));
                        }
                        Some('\\') => {
                            j += 1;
                            j += src[j..].chars().next().map_or(0, char::len_utf8);
                        }
                        Some(q) if q == c => {
                            j += 1;
                            break;
                        }
                        Some(other) => j += other.len_utf8(),
                    }
                }
                let s = parse_js_string_literal(&src[start..j]).map_err(|m| err(start..j, m))?;
                out.push((Tok::Str(s), start..j));
                i = j;
            }
            '0'..='9' | '.' => {
                let mut j = i;
                let hex = src[i..].starts_with("0x") || src[i..].starts_with("0X");
                while let Some(&b) = bytes.get(j) {
                    let sign_after_exponent =
                        (b == b'+' || b == b'-') && !hex && j > i && matches!(bytes[j - 1], b'e' | b'E');
                    if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || sign_after_exponent {
                        j += 1;
                    } else {
                        break;
                    }
                }
                // `"a".repeat(3).length` is not in the grammar, but `1.5` and `.5` are numbers; a
                // trailing `.repeat` after a number is caught by the parser.
                let text = &src[i..j];
                let legacy_octal = text.len() > 1 && text.starts_with('0') && bytes[i + 1].is_ascii_digit();
                let value = string_to_number(&JsString::from(text));
                if value.is_nan() || text.contains('_') || legacy_octal {
                    return Err(err(start..j, format!("`{text}` is not a number literal these examples understand.")));
                }
                out.push((Tok::Number(value), start..j));
                i = j;
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let mut j = i;
                while bytes.get(j).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$') {
                    j += 1;
                }
                out.push((Tok::Ident(src[i..j].to_string()), start..j));
                i = j;
            }
            other => {
                return Err(err(
                    start..start + other.len_utf8(),
                    format!("`{other}` has no meaning in an example call."),
                ));
            }
        }
    }
    out.push((Tok::End, src.len()..src.len()));
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, Range<usize>)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].0
    }

    fn span(&self) -> Range<usize> {
        self.tokens[self.pos].1.clone()
    }

    fn next(&mut self) -> (Tok, Range<usize>) {
        let t = self.tokens[self.pos].clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    fn error_here(&self, message: impl Into<String>) -> CallError {
        let at = self.span();
        let at = if at.is_empty() { at.start.min(self.end)..at.start.min(self.end) } else { at };
        err(at, message)
    }

    fn expect_punct(&mut self, c: char, what: &str) -> Result<Range<usize>, CallError> {
        if *self.peek() == Tok::Punct(c) {
            Ok(self.next().1)
        } else {
            Err(self.error_here(format!("Expected `{c}` {what}.")))
        }
    }

    fn expect_ident(&mut self, name: &str, what: &str) -> Result<(), CallError> {
        match self.peek() {
            Tok::Ident(n) if n == name => {
                self.next();
                Ok(())
            }
            _ => Err(self.error_here(format!("Expected `{name}` {what}."))),
        }
    }

    fn call(&mut self) -> Result<Call, CallError> {
        const SHAPES: &str = "an example call is `socket.close(…)` or `new CloseEvent(…)`";
        match self.peek().clone() {
            Tok::Ident(n) if n == "socket" => {
                self.next();
                self.expect_punct('.', "after `socket`")?;
                self.expect_ident("close", "after `socket.`")?;
                self.expect_punct('(', "after `socket.close`")?;
                let args = self.arguments(false)?;
                Ok(Call::Close(args.into_iter().map(|a| a.value).collect()))
            }
            Tok::Ident(n) if n == "new" => {
                self.next();
                self.expect_ident("CloseEvent", "after `new`")?;
                let open = self.expect_punct('(', "after `new CloseEvent`")?;
                let mut args = self.arguments(true)?.into_iter();
                let Some(type_) = args.next() else {
                    return Err(err(
                        open.start..self.tokens[self.pos.saturating_sub(1)].1.end,
                        "`new CloseEvent()` needs the event type, e.g. `new CloseEvent(\"close\")`.",
                    ));
                };
                if type_.members.is_some() {
                    return Err(err(type_.at, "The event type is a string, e.g. \"close\", not an object."));
                }
                let init = match args.next() {
                    None => None,
                    Some(Arg { members: Some(m), .. }) => Some(m),
                    Some(Arg { value: JsValue::Undefined | JsValue::Null, .. }) => None,
                    Some(Arg { at, .. }) => {
                        return Err(err(
                            at,
                            "The second argument of `new CloseEvent` is an object such as `{ code: 1000 }` \
                             (anything else throws a TypeError).",
                        ));
                    }
                };
                Ok(Call::CloseEvent { type_: type_.value, init })
            }
            _ => Err(self.error_here(format!("This is not an example call: {SHAPES}."))),
        }
    }

    /// Arguments up to and including `)`. Object literals are allowed when `objects` is set.
    fn arguments(&mut self, objects: bool) -> Result<Vec<Arg>, CallError> {
        let mut args = Vec::new();
        loop {
            if *self.peek() == Tok::Punct(')') {
                self.next();
                return Ok(args);
            }
            let start = self.span().start;
            let arg = if objects && *self.peek() == Tok::Punct('{') {
                let members = self.object()?;
                Arg { value: JsValue::Undefined, members: Some(members), at: start..self.prev_end() }
            } else {
                let value = self.expr()?;
                Arg { value, members: None, at: start..self.prev_end() }
            };
            args.push(arg);
            match self.peek() {
                Tok::Punct(',') => {
                    self.next();
                }
                Tok::Punct(')') => {}
                Tok::End => return Err(self.error_here("The call ends too early: `)` is missing.")),
                _ => return Err(self.error_here("Expected `,` or `)` after an argument.")),
            }
        }
    }

    fn prev_end(&self) -> usize {
        self.tokens[self.pos.saturating_sub(1)].1.end
    }

    fn object(&mut self) -> Result<Vec<(String, JsValue)>, CallError> {
        self.expect_punct('{', "to start the object")?;
        let mut members = Vec::new();
        loop {
            let key = match self.next() {
                (Tok::Punct('}'), _) => return Ok(members),
                (Tok::Ident(k), _) => k,
                (Tok::Str(s), _) => s.to_usv_string(),
                (_, at) => return Err(err(at, "Expected a member name such as `code` or `}`.")),
            };
            self.expect_punct(':', "after the member name")?;
            let value = self.expr()?;
            members.push((key, value));
            match self.next() {
                (Tok::Punct(','), _) => {}
                (Tok::Punct('}'), _) => return Ok(members),
                (_, at) => return Err(err(at, "Expected `,` or `}` after a member.")),
            }
        }
    }

    fn expr(&mut self) -> Result<JsValue, CallError> {
        let mut left = self.unary()?;
        while *self.peek() == Tok::Punct('+') {
            self.next();
            let right = self.unary()?;
            left = add(&left, &right);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<JsValue, CallError> {
        match self.peek() {
            Tok::Punct('-') => {
                self.next();
                Ok(JsValue::Number(-to_number(&self.unary()?)))
            }
            Tok::Punct('+') => {
                self.next();
                Ok(JsValue::Number(to_number(&self.unary()?)))
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<JsValue, CallError> {
        let start = self.span().start;
        let mut value = self.primary()?;
        while *self.peek() == Tok::Punct('.') {
            self.next();
            let method = self.span();
            self.expect_ident("repeat", "(the only method examples may call is `repeat`)")?;
            let JsValue::String(s) = &value else {
                return Err(err(start..method.end, "`repeat` is a method of strings."));
            };
            self.expect_punct('(', "after `repeat`")?;
            let count_at = self.span().start;
            let count = to_number(&self.expr()?);
            let count_at = count_at..self.prev_end();
            self.expect_punct(')', "after the count of `repeat`")?;
            // ECMA-262 String.prototype.repeat: ToIntegerOrInfinity, RangeError if < 0 or +∞.
            let n = if count.is_nan() { 0.0 } else { count.trunc() };
            if n < 0.0 || n.is_infinite() {
                return Err(err(count_at, "`repeat` throws a RangeError for a negative or infinite count."));
            }
            let total = (s.0.len() as f64) * n;
            if total > MAX_STRING_UNITS as f64 {
                return Err(err(
                    start..self.prev_end(),
                    format!(
                        "This string would be {total} UTF-16 code units long; examples stop at {MAX_STRING_UNITS}."
                    ),
                ));
            }
            value = JsValue::String(JsString(s.0.repeat(n as usize)));
        }
        Ok(value)
    }

    fn primary(&mut self) -> Result<JsValue, CallError> {
        let (tok, at) = self.next();
        match tok {
            Tok::Number(x) => Ok(JsValue::Number(x)),
            Tok::Str(s) => Ok(JsValue::String(s)),
            Tok::Ident(name) => match name.as_str() {
                "undefined" => Ok(JsValue::Undefined),
                "null" => Ok(JsValue::Null),
                "true" => Ok(JsValue::Bool(true)),
                "false" => Ok(JsValue::Bool(false)),
                "NaN" => Ok(JsValue::Number(f64::NAN)),
                "Infinity" => Ok(JsValue::Number(f64::INFINITY)),
                _ => Err(err(
                    at,
                    format!(
                        "`{name}` is not a value examples understand: use numbers, strings, undefined, \
                         null, true, false, NaN or Infinity."
                    ),
                )),
            },
            Tok::Punct('(') => {
                let v = self.expr()?;
                self.expect_punct(')', "to close the parenthesis")?;
                Ok(v)
            }
            Tok::End => Err(err(at, "The call ends too early: an argument or `)` is missing.")),
            Tok::Punct(c) => Err(err(at, format!("Expected a value, found `{c}`."))),
        }
    }
}

/// One argument with where it is; `members` is set for an object literal.
struct Arg {
    value: JsValue,
    members: Option<Vec<(String, JsValue)>>,
    at: Range<usize>,
}

/// ECMA-262 `ApplyStringOrNumericBinaryOperator` for `+` on primitives.
fn add(a: &JsValue, b: &JsValue) -> JsValue {
    if matches!(a, JsValue::String(_)) || matches!(b, JsValue::String(_)) {
        let mut units = to_js_string(a).0;
        units.extend(to_js_string(b).0);
        JsValue::String(JsString(units))
    } else {
        JsValue::Number(to_number(a) + to_number(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close_args(src: &str) -> Vec<JsValue> {
        match parse_call(src) {
            Ok(Call::Close(args)) => args,
            other => panic!("{src}: {other:?}"),
        }
    }

    fn s(text: &str) -> JsValue {
        JsValue::String(JsString::from(text))
    }

    #[test]
    fn close_calls_with_every_kind_of_value() {
        assert_eq!(close_args("socket.close()"), vec![]);
        assert_eq!(close_args("socket.close(1000)"), vec![JsValue::Number(1000.0)]);
        assert_eq!(close_args(" socket . close ( 2999.5 , 'bye' , ) "), vec![JsValue::Number(2999.5), s("bye")]);
        assert_eq!(close_args("socket.close(undefined, \"x\")"), vec![JsValue::Undefined, s("x")]);
        assert_eq!(
            close_args("socket.close(null, true, false)"),
            vec![JsValue::Null, JsValue::Bool(true), JsValue::Bool(false)]
        );
        assert_eq!(
            close_args("socket.close(0x3E8, .5, 1e3, 3e+3)"),
            vec![JsValue::Number(1000.0), JsValue::Number(0.5), JsValue::Number(1000.0), JsValue::Number(3000.0)]
        );
        assert_eq!(
            close_args("socket.close(-1, +\"12\", -Infinity)"),
            vec![JsValue::Number(-1.0), JsValue::Number(12.0), JsValue::Number(f64::NEG_INFINITY)]
        );
        let nan = close_args("socket.close(NaN)");
        assert!(matches!(nan[0], JsValue::Number(x) if x.is_nan()));
    }

    #[test]
    fn strings_repeat_and_concatenate_as_in_ecma262() {
        // String.prototype.repeat and the + operator (ECMA-262 ApplyStringOrNumericBinaryOperator).
        assert_eq!(close_args("socket.close(1000, \"é\".repeat(62))")[1], s(&"é".repeat(62)));
        assert_eq!(
            close_args("socket.close(1000, \"😀\".repeat(30) + \"abc\")")[1],
            s(&format!("{}abc", "😀".repeat(30)))
        );
        assert_eq!(close_args("socket.close(1000, \"ab\".repeat(2.9))")[1], s("abab"));
        assert_eq!(close_args("socket.close(1000, \"a\".repeat(NaN))")[1], s(""));
        assert_eq!(
            close_args("socket.close(1000 + 1, 1 + \"0\", (1 + 2) + \"x\")"),
            vec![JsValue::Number(1001.0), s("10"), s("3x")]
        );
        assert_eq!(close_args(r#"socket.close(1000, "\uD800")"#)[1], JsValue::String(JsString(vec![0xD800])));
        assert_eq!(
            close_args(r#"socket.close(1000, "\uD800".repeat(2))"#)[1],
            JsValue::String(JsString(vec![0xD800; 2]))
        );
    }

    #[test]
    fn close_event_constructions() {
        assert_eq!(parse_call("new CloseEvent(\"close\")"), Ok(Call::CloseEvent { type_: s("close"), init: None }));
        assert_eq!(
            parse_call("new CloseEvent('close', { code: 70000, \"reason\": 'bye', wasClean: true, })"),
            Ok(Call::CloseEvent {
                type_: s("close"),
                init: Some(vec![
                    ("code".into(), JsValue::Number(70000.0)),
                    ("reason".into(), s("bye")),
                    ("wasClean".into(), JsValue::Bool(true)),
                ])
            })
        );
        assert_eq!(
            parse_call("new CloseEvent('close', {})"),
            Ok(Call::CloseEvent { type_: s("close"), init: Some(vec![]) })
        );
        assert_eq!(
            parse_call("new CloseEvent('close', undefined)"),
            Ok(Call::CloseEvent { type_: s("close"), init: None })
        );
    }

    #[test]
    fn mistakes_are_reported_where_they_are() {
        let at = |src: &str| {
            let e = parse_call(src).unwrap_err();
            (src[e.at.clone()].to_string(), e.message)
        };
        assert_eq!(at("socket.close(1000, foo)").0, "foo");
        assert_eq!(at("socket.open()").0, "open");
        assert_eq!(at("close(1000)").0, "close");
        assert_eq!(at("socket.close(1000").1, "The call ends too early: `)` is missing.");
        assert_eq!(at("socket.close(1000,").1, "The call ends too early: an argument or `)` is missing.");
        assert_eq!(at("socket.close(\"abc)").0, "\"abc)");
        assert_eq!(at("socket.close(1_000)").0, "1_000");
        assert_eq!(at("socket.close(010)").0, "010");
        assert_eq!(at("socket.close(1000) x").0, "x");
        assert_eq!(at("socket.close(1000, \"a\".repeat(-1))").0, "-1");
        assert_eq!(at("socket.close(1000, \"a\".repeat(5000))").0, "\"a\".repeat(5000)");
        assert_eq!(at("socket.close(5.repeat(2))").0, "5.repeat");
        assert_eq!(at("socket.close({ code: 1 })").0, "{");
        assert_eq!(at("new CloseEvent('close', 5)").0, "5");
        assert_eq!(at("new CloseEvent({})").0, "{}");
        assert!(at("new CloseEvent()").1.contains("needs the event type"));
        assert_eq!(at(r#"socket.close(1000, "\1")"#).0, r#""\1""#);
        assert_eq!(at("socket.close(1000, 'é' @)").0, "@");
    }
}
