//! Rules stage: the standard's `WebSocket.close(code, reason)` algorithm, and the `CloseEvent`
//! constructor, as pure functions over JavaScript values written in examples.
//!
//! Sources, cited by section and step throughout:
//!
//! - WHATWG WebSockets Standard (<https://websockets.spec.whatwg.org/>): the IDL
//!   `undefined close(optional [Clamp] unsigned short code, optional USVString reason);`, the
//!   `close(code, reason)` method steps (§ "The WebSocket interface", `#dom-websocket-close`), and
//!   the `CloseEvent` interface with its `CloseEventInit` dictionary (§ "The CloseEvent
//!   interface").
//! - WHATWG Web IDL Standard (<https://webidl.spec.whatwg.org/>): the overload resolution
//!   algorithm (`#js-overloads`), `ConvertToInt` and `IntegerPart` (`#js-integer-types`),
//!   `[Clamp]`, `boolean`, `DOMString`, `USVString` and dictionary conversion (`#js-dictionary`).
//! - ECMA-262 (<https://tc39.es/ecma262/>): `ToNumber`, `StringToNumber`, `ToString`,
//!   `Number::toString`, `ToBoolean`, and string literal escapes.
//! - WHATWG DOM Standard, § "Interface Event": the `EventInit` dictionary.
//! - RFC 6455 §5.5 (control frames carry at most 125 bytes of payload) and §5.5.1 (a Close body
//!   starts with a 2-byte status code), which is where the 123-byte reason limit comes from.
//!
//! The numeric facts (which codes a script may pass, how long a reason may be) are not constants
//! here: they arrive in [`CloseBounds`], built from the close-code registry data file.
//! JavaScript objects are not modelled, so no conversion here can run script or throw.

use std::ops::RangeInclusive;

use serde::Serialize;

/// The numeric facts the rules need. They come from the close-code registry data file at build
/// time (another module builds this struct), never from constants in this module — except
/// [`Default`], which is only for tests and documents the standard's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseBounds {
    /// Inclusive ranges a script may pass to `close()`: the standard says 1000, and 3000–4999
    /// (WebSockets Standard, `close(code, reason)` step 1).
    pub script_codes: Vec<RangeInclusive<u16>>,
    /// Maximum UTF-8 byte length of the reason: 123 (WebSockets Standard, `close(code, reason)`
    /// step 2.2; RFC 6455 §5.5: a control frame payload is at most 125 bytes, less 2 for the
    /// status code of §5.5.1).
    pub max_reason_bytes: usize,
}

impl Default for CloseBounds {
    /// The standard's values: codes 1000 and 3000–4999, reasons of at most 123 bytes.
    fn default() -> Self {
        CloseBounds { script_codes: vec![1000..=1000, 3000..=4999], max_reason_bytes: 123 }
    }
}

impl CloseBounds {
    /// Whether a script may pass `code` to `close()`.
    pub fn allows(&self, code: u16) -> bool {
        self.script_codes.iter().any(|r| r.contains(&code))
    }
}

/// A JavaScript value as written in an example (only what examples need; no objects).
#[derive(Debug, Clone, PartialEq)]
pub enum JsValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(JsString),
}

impl From<&str> for JsValue {
    fn from(s: &str) -> Self {
        JsValue::String(JsString::from(s))
    }
}

impl From<f64> for JsValue {
    fn from(x: f64) -> Self {
        JsValue::Number(x)
    }
}

/// A JS string: UTF-16 code units, so lone surrogates can be represented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsString(pub Vec<u16>);

impl From<&str> for JsString {
    fn from(s: &str) -> Self {
        JsString(s.encode_utf16().collect())
    }
}

impl JsString {
    /// Web IDL `USVString` from this string: each lone surrogate becomes U+FFFD (Web IDL,
    /// "convert a JavaScript value to USVString" step 2; Infra, "convert a string into a scalar
    /// value string").
    pub fn to_usv_string(&self) -> String {
        String::from_utf16_lossy(&self.0)
    }
}

/// The UTF-8 byte length of `s` after its conversion to a `USVString`, i.e. counting 3 bytes
/// (U+FFFD) for each lone surrogate. This is the length the `close()` step 2.2 compares.
pub fn utf8_len_of_usv(s: &JsString) -> usize {
    char::decode_utf16(s.0.iter().copied()).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER).len_utf8()).sum()
}

/// Parses a JavaScript string literal as written in source, quotes included (`"\uD800"`,
/// `'it\'s'`), into its code units, per ECMA-262 § "String Literals" (`#sec-literals-string-literals`).
///
/// Supports `\n \t \r \b \f \v \0 \' \" \\`, `\xHH`, `\uHHHH`, `\u{H…}` (a surrogate code point
/// gives a lone unit), line continuations, and any other escaped character standing for itself.
/// Legacy octal escapes (`\1`, `\07`) and `\8`/`\9` are rejected, as in strict-mode code.
pub fn parse_js_string_literal(src: &str) -> Result<JsString, String> {
    let mut chars = src.chars().peekable();
    let quote = match chars.next() {
        Some(q @ ('"' | '\'')) => q,
        _ => return Err("A string literal must start with ' or \".".to_string()),
    };
    let mut out: Vec<u16> = Vec::new();
    let mut buf = [0u16; 2];
    loop {
        let c = chars.next().ok_or_else(|| "The string literal has no closing quote.".to_string())?;
        match c {
            c if c == quote => break,
            '\n' | '\r' => {
                return Err("A line break inside a string literal must be escaped.".to_string());
            }
            '\\' => {
                let e = chars.next().ok_or_else(|| "The string literal ends inside an escape.".to_string())?;
                match e {
                    'n' => out.push(0x0A),
                    't' => out.push(0x09),
                    'r' => out.push(0x0D),
                    'b' => out.push(0x08),
                    'f' => out.push(0x0C),
                    'v' => out.push(0x0B),
                    '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push(0),
                    '0'..='9' => {
                        return Err(format!(
                            "The escape \\{e} is a legacy octal or decimal escape, not allowed in strict mode."
                        ));
                    }
                    'x' => {
                        let v = take_hex(&mut chars, 2)
                            .ok_or_else(|| "\\x must be followed by 2 hex digits.".to_string())?;
                        out.push(v as u16);
                    }
                    'u' => {
                        let cp = if chars.peek() == Some(&'{') {
                            chars.next();
                            let mut v: u32 = 0;
                            let mut n = 0;
                            loop {
                                match chars.next() {
                                    Some('}') if n > 0 => break,
                                    Some(h) if h.is_ascii_hexdigit() => {
                                        v = v
                                            .saturating_mul(16)
                                            .saturating_add(h.to_digit(16).expect("checked hex digit"));
                                        n += 1;
                                    }
                                    _ => {
                                        return Err("\\u{…} must hold hex digits.".to_string());
                                    }
                                }
                            }
                            if v > 0x10FFFF {
                                return Err(format!("\\u{{{v:X}}} is beyond U+10FFFF."));
                            }
                            v
                        } else {
                            take_hex(&mut chars, 4)
                                .ok_or_else(|| "\\u must be followed by 4 hex digits or {…}.".to_string())?
                        };
                        push_code_point(&mut out, cp);
                    }
                    // LineContinuation: a backslash before a line terminator contributes nothing.
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                    }
                    '\n' | '\u{2028}' | '\u{2029}' => {}
                    other => out.extend_from_slice(other.encode_utf16(&mut buf)),
                }
            }
            c => out.extend_from_slice(c.encode_utf16(&mut buf)),
        }
    }
    if chars.next().is_some() {
        return Err("There is text after the string literal's closing quote.".to_string());
    }
    Ok(JsString(out))
}

fn take_hex(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize) -> Option<u32> {
    let mut v = 0;
    for _ in 0..n {
        v = v * 16 + chars.next()?.to_digit(16)?;
    }
    Some(v)
}

/// Appends a code point as UTF-16; a surrogate code point becomes a single (lone) unit.
fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp < 0x1_0000 {
        out.push(cp as u16);
    } else {
        let c = cp - 0x1_0000;
        out.push(0xD800 | (c >> 10) as u16);
        out.push(0xDC00 | (c & 0x3FF) as u16);
    }
}

// ---------------------------------------------------------------------------------------------
// ECMA-262 type conversions
// ---------------------------------------------------------------------------------------------

/// ECMA-262 `ToNumber` (`#sec-tonumber`): undefined → NaN, null → +0, booleans → 1 / +0,
/// strings via [`string_to_number`].
pub fn to_number(v: &JsValue) -> f64 {
    match v {
        JsValue::Undefined => f64::NAN,
        JsValue::Null => 0.0,
        JsValue::Bool(b) => f64::from(u8::from(*b)),
        JsValue::Number(x) => *x,
        JsValue::String(s) => string_to_number(s),
    }
}

/// Whether a code unit is `StrWhiteSpaceChar`: ECMA-262 `WhiteSpace` (TAB, VT, FF, ZWNBSP,
/// and every `Zs` character) or `LineTerminator` (LF, CR, LS, PS).
fn is_js_whitespace(u: u16) -> bool {
    matches!(
        u,
        0x09..=0x0D
            | 0x20
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
            | 0xFEFF
    )
}

/// ECMA-262 `StringToNumber` (`#sec-stringtonumber`) over the `StringNumericLiteral` grammar:
/// surrounding white space and line terminators are trimmed, an empty string is 0, `0x`/`0o`/`0b`
/// integers (unsigned), `Infinity` with an optional sign, and decimal literals with an optional
/// sign, fraction and exponent; no numeric separators. Anything else is NaN. Results are
/// correctly rounded (round half to even).
pub fn string_to_number(s: &JsString) -> f64 {
    let units = &s.0;
    let start = units.iter().position(|&u| !is_js_whitespace(u));
    let Some(start) = start else { return 0.0 };
    let end = units.iter().rposition(|&u| !is_js_whitespace(u)).expect("a non-white-space unit exists") + 1;
    let trimmed = &units[start..end];
    if trimmed.iter().any(|&u| u > 0x7F) {
        return f64::NAN;
    }
    let text: String = trimmed.iter().map(|&u| char::from(u as u8)).collect();
    let bytes = text.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'0' {
        let radix_bits = match bytes[1] {
            b'x' | b'X' => Some(4),
            b'o' | b'O' => Some(3),
            b'b' | b'B' => Some(1),
            _ => None,
        };
        if let Some(bits) = radix_bits {
            return non_decimal_integer(&text[2..], bits);
        }
    }
    decimal_literal(&text).unwrap_or(f64::NAN)
}

/// `StrDecimalLiteral`: `[+-]? (Infinity | digits [. digits?]? exp? | . digits exp?)`.
fn decimal_literal(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    if body == "Infinity" {
        return Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    let b = body.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    let mut mantissa_digits = digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        mantissa_digits += digits(&mut i);
    }
    if mantissa_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    // The text now matches the grammar, which Rust's correctly rounded parser also accepts.
    text.parse::<f64>().ok()
}

/// `NonDecimalIntegerLiteral` digits after the prefix, `bits` bits per digit (hex 4, octal 3,
/// binary 1), rounded to the nearest double with ties to even.
fn non_decimal_integer(digits: &str, bits: u32) -> f64 {
    let radix = 1u32 << bits;
    let mut all: Vec<bool> = Vec::with_capacity(digits.len() * bits as usize);
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else {
            return f64::NAN;
        };
        for k in (0..bits).rev() {
            all.push((d >> k) & 1 == 1);
        }
    }
    if all.is_empty() {
        return f64::NAN;
    }
    let first_one = all.iter().position(|&b| b).unwrap_or(all.len());
    let sig = &all[first_one..];
    let fold = |bs: &[bool]| bs.iter().fold(0u64, |acc, &b| (acc << 1) | u64::from(b));
    if sig.len() <= 64 {
        // u64 → f64 rounds to nearest, ties to even.
        return fold(sig) as f64;
    }
    // Keep 64 leading bits and fold every dropped bit into a sticky lowest bit: with at least two
    // bits beyond the 53-bit significand, that keeps the rounding decision exact.
    let mut top = fold(&sig[..64]);
    if sig[64..].iter().any(|&b| b) {
        top |= 1;
    }
    let shift = i32::try_from(sig.len() - 64).unwrap_or(i32::MAX);
    top as f64 * 2f64.powi(shift)
}

/// ECMA-262 `ToString` (`#sec-tostring`): undefined → "undefined", null → "null", booleans →
/// "true"/"false", numbers via [`number_to_string`], strings unchanged.
pub fn to_js_string(v: &JsValue) -> JsString {
    match v {
        JsValue::Undefined => JsString::from("undefined"),
        JsValue::Null => JsString::from("null"),
        JsValue::Bool(b) => JsString::from(if *b { "true" } else { "false" }),
        JsValue::Number(x) => JsString::from(number_to_string(*x).as_str()),
        JsValue::String(s) => s.clone(),
    }
}

/// ECMA-262 `Number::toString(x, 10)` (`#sec-numeric-types-number-tostring`).
///
/// NaN → "NaN", ±0 → "0", negatives get "-", ±∞ → "Infinity". Otherwise, with `s` the shortest
/// digit string that round-trips (k digits) and `n` the decimal exponent so that
/// x = 0.s × 10^n: integers up to 21 digits are written out (`1e20` → "100000000000000000000"),
/// `0 < n ≤ 21` puts the point inside the digits, `-6 < n ≤ 0` writes "0.000…", and anything else
/// uses exponent form with an explicit sign (`1e21` → "1e+21", `1e-7` → "1e-7").
pub fn number_to_string(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    if x < 0.0 {
        return format!("-{}", number_to_string(-x));
    }
    if x.is_infinite() {
        return "Infinity".to_string();
    }
    // Rust's `{:e}` writes a shortest round-tripping digit string (k digits), e.g. "1.2345e-7".
    // When several k-digit strings round-trip, the standard's note asks for the one closest to x,
    // and the even one on a tie (…744.125 → "…744.12"): exact formatting to k digits gives that,
    // kept only if it still round-trips (it may not, next to a power of two).
    let shortest = format!("{x:e}");
    let k = shortest.split_once('e').map_or(0, |(m, _)| m.replace('.', "").len());
    let closest = format!("{x:.prec$e}", prec = k.saturating_sub(1));
    let sci = if closest.parse::<f64>() == Ok(x) { closest } else { shortest };
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} output has an exponent");
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let k = digits.len() as i32;
    let n = exponent.parse::<i32>().expect("{:e} output has an integer exponent") + 1;
    let zeros = |count: i32| "0".repeat(count as usize);
    if k <= n && n <= 21 {
        format!("{digits}{}", zeros(n - k))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", zeros(-n))
    } else {
        let e = n - 1;
        let sign = if e >= 0 { '+' } else { '-' };
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() { format!("{first}e{sign}{}", e.abs()) } else { format!("{first}.{rest}e{sign}{}", e.abs()) }
    }
}

/// ECMA-262 `ToBoolean` (`#sec-toboolean`): undefined, null, ±0, NaN and "" are false.
pub fn to_boolean(v: &JsValue) -> bool {
    match v {
        JsValue::Undefined | JsValue::Null => false,
        JsValue::Bool(b) => *b,
        JsValue::Number(x) => !(*x == 0.0 || x.is_nan()),
        JsValue::String(s) => !s.0.is_empty(),
    }
}

/// Web IDL `ConvertToInt(V, 16, "unsigned")` (`#abstract-opdef-converttoint`), i.e. conversion
/// to `unsigned short`, with or without `[Clamp]`.
///
/// - With `[Clamp]` (`close()`'s `code`): NaN → 0; otherwise clamp to [0, 65535] and round to the
///   nearest integer, ties to even (1000.5 → 1000, 2999.5 → 3000, 65536 → 65535, −1 → 0).
/// - Without (`CloseEventInit.code`): NaN, ±0, ±∞ → 0; otherwise `IntegerPart` (truncation
///   toward zero), then modulo 2^16 (70000 → 4464, −1 → 65535, 1000.9 → 1000).
pub fn to_unsigned_short(v: &JsValue, clamp: bool) -> u16 {
    let x = to_number(v);
    if clamp {
        if x.is_nan() {
            return 0;
        }
        return x.clamp(0.0, 65535.0).round_ties_even() as u16;
    }
    if !x.is_finite() || x == 0.0 {
        return 0;
    }
    x.trunc().rem_euclid(65536.0) as u16
}

/// Web IDL `DOMString` → `USVString` conversion of any value: `ToString`, then lone surrogates
/// replaced by U+FFFD. The result is a Rust `String` (UTF-8).
fn to_usv_string(v: &JsValue) -> String {
    to_js_string(v).to_usv_string()
}

// ---------------------------------------------------------------------------------------------
// WebSocket.close()
// ---------------------------------------------------------------------------------------------

/// What a call to `close()` does, as far as the arguments decide it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result")]
pub enum Outcome {
    /// close() returned normally; what the close frame would carry.
    ///
    /// `code` is `None` when the code was missing. If neither code nor reason is present the
    /// Close frame has no body. When only a non-empty reason is present, the published method
    /// steps do not say which status code the frame carries (RFC 6455 §5.5.1 puts a code before
    /// any reason); `code` stays `None` here and callers should present that case as such. (The
    /// WebSocketStream proposal's "close the WebSocket" algorithm would send 1000 then.)
    Closes {
        code: Option<u16>,
        /// UTF-8 after the `USVString` conversion; empty when the reason was missing.
        reason: String,
        /// `reason.len()`: the UTF-8 length the standard compares with the maximum.
        reason_bytes: usize,
    },
    /// Step 1: the code was present but not one a script may use. `code` is the value after
    /// the `[Clamp] unsigned short` conversion (2999.4 → 2999, 66536 → 65535).
    InvalidAccessError { code: u16, message: String },
    /// Step 2.2: the reason's UTF-8 encoding is too long; `reason_bytes` is its length.
    SyntaxError { reason_bytes: usize, message: String },
}

/// Runs `socket.close(...args)` up to the point where the arguments have decided everything.
///
/// `args` are the arguments as passed (length 0, 1, 2, or more).
///
/// 1. Web IDL overload resolution (`#js-overloads`): only the first two arguments count
///    (argcount = min(maxarg, n)); an optional argument whose value is `undefined` is "missing";
///    every present argument is converted before the method steps run — `code` by
///    `ConvertToInt` with `[Clamp]` (see [`to_unsigned_short`]), `reason` to `USVString`. Neither
///    conversion can throw for the values [`JsValue`] models.
/// 2. WebSockets Standard, `close(code, reason)` step 1: a present code that is neither 1000 nor
///    in 3000–4999 (per `bounds`) throws `InvalidAccessError` — checked before the reason.
/// 3. Step 2: a present reason whose UTF-8 encoding is longer than 123 bytes (per `bounds`)
///    throws `SyntaxError`.
/// 4. Step 3 (closing the connection) depends on the socket's state, not on the arguments, and
///    is summarised as [`Outcome::Closes`].
pub fn close(args: &[JsValue], bounds: &CloseBounds) -> Outcome {
    let present = |i: usize| args.get(i).filter(|v| !matches!(v, JsValue::Undefined));
    let code = present(0).map(|v| to_unsigned_short(v, true));
    let reason = present(1).map(to_usv_string);

    if let Some(code) = code
        && !bounds.allows(code)
    {
        return Outcome::InvalidAccessError { code, message: code_message(code, bounds) };
    }
    let reason = reason.unwrap_or_default();
    let reason_bytes = reason.len();
    if reason_bytes > bounds.max_reason_bytes {
        return Outcome::SyntaxError {
            reason_bytes,
            message: format!(
                "The reason must not be longer than {} bytes (it is {reason_bytes}).",
                bounds.max_reason_bytes
            ),
        };
    }
    Outcome::Closes { code, reason, reason_bytes }
}

/// "The code must be either 1000, or between 3000 and 4999. 1001 is neither.", from `bounds`.
fn code_message(code: u16, bounds: &CloseBounds) -> String {
    let parts: Vec<String> = bounds
        .script_codes
        .iter()
        .filter(|r| !r.is_empty())
        .map(|r| {
            if r.start() == r.end() { r.start().to_string() } else { format!("between {} and {}", r.start(), r.end()) }
        })
        .collect();
    match parts.as_slice() {
        [] => format!("No code may be passed to close(); {code} was passed."),
        [only] => format!("The code must be {only}. {code} is not."),
        [a, b] => format!("The code must be either {a}, or {b}. {code} is neither."),
        [first, rest @ ..] => {
            format!("The code must be either {first}, or {}. {code} is none of these.", rest.join(", or "))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CloseEvent constructor
// ---------------------------------------------------------------------------------------------

/// The attributes of a `CloseEvent` made by `new CloseEvent(type, init)`. Serialises with the
/// JavaScript attribute names (`wasClean`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CloseEventProps {
    /// `DOMString`; lone surrogates are shown as U+FFFD because a Rust `String` cannot hold
    /// them (JavaScript would keep them).
    pub r#type: String,
    pub was_clean: bool,
    pub code: u16,
    pub reason: String,
    pub bubbles: bool,
    pub cancelable: bool,
    pub composed: bool,
}

/// `new CloseEvent(type, init?)` where `init` is `None` (no dictionary) or a list of
/// (member name, value) as in an object literal (a repeated name: the last one wins).
///
/// WebSockets Standard, § "The CloseEvent interface":
/// `constructor(DOMString type, optional CloseEventInit eventInitDict = {})` with
/// `dictionary CloseEventInit : EventInit { boolean wasClean = false; unsigned short code = 0;
/// USVString reason = ""; }`; DOM Standard, § "Interface Event": `dictionary EventInit {
/// boolean bubbles = false; boolean cancelable = false; boolean composed = false; }`.
///
/// Web IDL dictionary conversion (`#js-dictionary`): members whose value is missing or
/// `undefined` take their defaults, unknown members are ignored; `boolean` members use
/// `ToBoolean`, `code` is `unsigned short` *without* `[Clamp]` (wraps modulo 2^16, truncates,
/// NaN/±∞ → 0), `reason` is a `USVString`. `type` is converted with `ToString`.
///
/// The error (a `TypeError` message) is reserved for conversions that can throw, e.g. of
/// objects, which [`JsValue`] does not model: with the values it models this returns `Ok`.
pub fn close_event(type_: &JsValue, init: Option<&[(String, JsValue)]>) -> Result<CloseEventProps, String> {
    let member = |key: &str| {
        init.and_then(|members| members.iter().rev().find(|(k, _)| k == key))
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, JsValue::Undefined))
    };
    let flag = |key: &str| member(key).is_some_and(to_boolean);
    Ok(CloseEventProps {
        r#type: to_js_string(type_).to_usv_string(),
        was_clean: flag("wasClean"),
        code: member("code").map_or(0, |v| to_unsigned_short(v, false)),
        reason: member("reason").map(to_usv_string).unwrap_or_default(),
        bubbles: flag("bubbles"),
        cancelable: flag("cancelable"),
        composed: flag("composed"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> JsValue {
        JsValue::Number(x)
    }

    fn s(text: &str) -> JsValue {
        JsValue::from(text)
    }

    fn lit(src: &str) -> JsValue {
        JsValue::String(parse_js_string_literal(src).expect("valid literal"))
    }

    fn std_close(args: &[JsValue]) -> Outcome {
        close(args, &CloseBounds::default())
    }

    fn closes(code: Option<u16>, reason: &str) -> Outcome {
        Outcome::Closes { code, reason: reason.to_string(), reason_bytes: reason.len() }
    }

    fn bad_code(code: u16) -> Outcome {
        Outcome::InvalidAccessError {
            code,
            message: format!("The code must be either 1000, or between 3000 and 4999. {code} is neither."),
        }
    }

    fn too_long(bytes: usize) -> Outcome {
        Outcome::SyntaxError {
            reason_bytes: bytes,
            message: format!("The reason must not be longer than 123 bytes (it is {bytes})."),
        }
    }

    // --- close(): Web IDL argument handling -------------------------------------------------

    #[test]
    fn no_arguments_closes_without_code_or_reason() {
        // Web IDL overload resolution: both optional arguments missing; close() steps 1-2 skip.
        assert_eq!(std_close(&[]), closes(None, ""));
    }

    #[test]
    fn explicit_undefined_counts_as_missing() {
        // Web IDL overload resolution: optional argument + undefined → "missing".
        assert_eq!(std_close(&[JsValue::Undefined]), closes(None, ""));
        assert_eq!(std_close(&[JsValue::Undefined, JsValue::Undefined]), closes(None, ""));
        assert_eq!(std_close(&[num(1000.0), JsValue::Undefined]), closes(Some(1000), ""));
    }

    #[test]
    fn undefined_code_with_a_reason() {
        // close() step 1 skips the missing code; step 2 checks the present reason.
        assert_eq!(std_close(&[JsValue::Undefined, s("bye")]), closes(None, "bye"));
    }

    #[test]
    fn extra_arguments_are_ignored() {
        // Web IDL overload resolution step: argcount = min(maxarg, n).
        assert_eq!(std_close(&[num(1000.0), s("a"), num(1.0), JsValue::Null]), closes(Some(1000), "a"));
    }

    // --- close() step 1: the code ----------------------------------------------------------

    #[test]
    fn code_1000_closes() {
        // close() step 1: 1000 is allowed.
        assert_eq!(std_close(&[num(1000.0)]), closes(Some(1000), ""));
    }

    #[test]
    fn code_1000_with_reason_closes() {
        // close() steps 1-2: allowed code, short reason.
        assert_eq!(
            std_close(&[num(1000.0), s("done")]),
            Outcome::Closes { code: Some(1000), reason: "done".to_string(), reason_bytes: 4 }
        );
    }

    #[test]
    fn code_1001_is_invalid_access() {
        // close() step 1: 1001 is a protocol code a script may not send.
        assert_eq!(std_close(&[num(1001.0)]), bad_code(1001));
    }

    #[test]
    fn codes_around_the_script_range() {
        // close() step 1: 3000–4999 inclusive.
        assert_eq!(std_close(&[num(2999.0)]), bad_code(2999));
        assert_eq!(std_close(&[num(3000.0)]), closes(Some(3000), ""));
        assert_eq!(std_close(&[num(4999.0)]), closes(Some(4999), ""));
        assert_eq!(std_close(&[num(5000.0)]), bad_code(5000));
        assert_eq!(std_close(&[num(999.0)]), bad_code(999));
    }

    #[test]
    fn clamp_rounds_half_to_even() {
        // Web IDL ConvertToInt with [Clamp]: round to nearest, ties to even.
        assert_eq!(std_close(&[num(1000.5)]), closes(Some(1000), ""));
        assert_eq!(std_close(&[num(3000.5)]), closes(Some(3000), ""));
        assert_eq!(std_close(&[num(2999.5)]), closes(Some(3000), ""));
        assert_eq!(std_close(&[num(999.5)]), closes(Some(1000), ""));
        assert_eq!(std_close(&[num(1000.4)]), closes(Some(1000), ""));
        assert_eq!(std_close(&[num(2999.6)]), closes(Some(3000), ""));
        // 4999.5 lies between 4999 and 5000: the even one, 5000, is out of range.
        assert_eq!(std_close(&[num(4999.5)]), bad_code(5000));
    }

    #[test]
    fn clamp_saturates_instead_of_wrapping() {
        // Web IDL ConvertToInt with [Clamp]: min(max(x, 0), 65535); 66536 does not wrap to 1000.
        assert_eq!(std_close(&[num(65536.0)]), bad_code(65535));
        assert_eq!(std_close(&[num(66536.0)]), bad_code(65535));
        assert_eq!(std_close(&[num(-1.0)]), bad_code(0));
        assert_eq!(std_close(&[num(f64::INFINITY)]), bad_code(65535));
        assert_eq!(std_close(&[num(f64::NEG_INFINITY)]), bad_code(0));
    }

    #[test]
    fn nan_and_null_codes_become_zero() {
        // Web IDL ConvertToInt: NaN → +0 (also with [Clamp]); ToNumber(null) = +0.
        assert_eq!(std_close(&[num(f64::NAN)]), bad_code(0));
        assert_eq!(std_close(&[JsValue::Null]), bad_code(0));
        assert_eq!(std_close(&[s("abc")]), bad_code(0));
        assert_eq!(std_close(&[JsValue::Bool(true)]), bad_code(1));
    }

    #[test]
    fn string_codes_go_through_string_to_number() {
        // ECMA-262 StringToNumber inside Web IDL ConvertToInt.
        assert_eq!(std_close(&[s("1000")]), closes(Some(1000), ""));
        assert_eq!(std_close(&[s(" \n0x3E8\t")]), closes(Some(1000), ""));
        assert_eq!(std_close(&[s("3e3")]), closes(Some(3000), ""));
        assert_eq!(std_close(&[s("")]), bad_code(0));
    }

    // --- close() step 2: the reason --------------------------------------------------------

    #[test]
    fn reason_of_123_ascii_bytes_closes() {
        // close() step 2.2: exactly 123 bytes is allowed.
        let r = "a".repeat(123);
        assert_eq!(std_close(&[num(1000.0), s(&r)]), closes(Some(1000), &r));
    }

    #[test]
    fn reason_of_124_ascii_bytes_is_syntax_error() {
        // close() step 2.2: longer than 123 bytes throws SyntaxError.
        let r = "a".repeat(124);
        assert_eq!(std_close(&[num(1000.0), s(&r)]), too_long(124));
    }

    #[test]
    fn reason_of_62_e_acute_is_124_bytes() {
        // close() step 2.1: the limit is on UTF-8 bytes, not characters: 62 × "é" = 124 bytes.
        let r = "é".repeat(62);
        assert_eq!(std_close(&[num(1000.0), s(&r)]), too_long(124));
        let ok = format!("{}a", "é".repeat(61));
        assert_eq!(std_close(&[num(1000.0), s(&ok)]), closes(Some(1000), &ok));
    }

    #[test]
    fn emoji_reason_of_exactly_123_bytes_closes() {
        // close() step 2.2: 30 × U+1F600 (4 bytes each) + "abc" = 123 bytes.
        let r = format!("{}abc", "😀".repeat(30));
        assert_eq!(r.len(), 123);
        assert_eq!(
            std_close(&[num(1000.0), s(&r)]),
            Outcome::Closes { code: Some(1000), reason: r.clone(), reason_bytes: 123 }
        );
        let over = format!("{}abcd", "😀".repeat(30));
        assert_eq!(std_close(&[num(1000.0), s(&over)]), too_long(124));
    }

    #[test]
    fn lone_surrogate_reason_becomes_replacement_character() {
        // Web IDL USVString conversion: a lone surrogate becomes U+FFFD, 3 UTF-8 bytes.
        assert_eq!(
            std_close(&[num(1000.0), lit(r#""\uD800""#)]),
            Outcome::Closes { code: Some(1000), reason: "\u{FFFD}".to_string(), reason_bytes: 3 }
        );
        // 41 lone surrogates are 41 UTF-16 units but 123 bytes; 42 are 126 bytes.
        let units = |n| JsValue::String(JsString(vec![0xDC00; n]));
        assert!(matches!(std_close(&[num(1000.0), units(41)]), Outcome::Closes { reason_bytes: 123, .. }));
        assert_eq!(std_close(&[num(1000.0), units(42)]), too_long(126));
    }

    #[test]
    fn reason_is_converted_with_to_string() {
        // Web IDL USVString conversion: ToString of non-strings.
        assert_eq!(std_close(&[num(1000.0), JsValue::Null]), closes(Some(1000), "null"));
        assert_eq!(std_close(&[num(1000.0), num(1e21)]), closes(Some(1000), "1e+21"));
        assert_eq!(std_close(&[num(1000.0), JsValue::Bool(false)]), closes(Some(1000), "false"));
    }

    #[test]
    fn empty_reason_is_present_but_empty() {
        // close() step 2: a present empty reason encodes to 0 bytes.
        assert_eq!(std_close(&[num(1000.0), s("")]), closes(Some(1000), ""));
    }

    #[test]
    fn invalid_code_is_reported_before_long_reason() {
        // close() step 1 runs before step 2.
        let r = "a".repeat(200);
        assert_eq!(std_close(&[num(1001.0), s(&r)]), bad_code(1001));
    }

    // --- CloseBounds drive the checks and messages -----------------------------------------

    #[test]
    fn bounds_come_from_the_caller() {
        // close() steps 1 and 2.2 with other data: codes and limit are inputs, not constants.
        let one = CloseBounds { script_codes: vec![1000..=1000], max_reason_bytes: 4 };
        assert_eq!(
            close(&[num(3000.0)], &one),
            Outcome::InvalidAccessError { code: 3000, message: "The code must be 1000. 3000 is not.".to_string() }
        );
        assert_eq!(
            close(&[num(1000.0), s("hello")], &one),
            Outcome::SyntaxError {
                reason_bytes: 5,
                message: "The reason must not be longer than 4 bytes (it is 5).".to_string()
            }
        );
        let three = CloseBounds { script_codes: vec![1000..=1000, 3000..=3999, 4000..=4999], max_reason_bytes: 123 };
        assert_eq!(
            close(&[num(2.0)], &three),
            Outcome::InvalidAccessError {
                code: 2,
                message: "The code must be either 1000, or between 3000 and 3999, or between \
                          4000 and 4999. 2 is none of these."
                    .to_string()
            }
        );
    }

    #[test]
    fn outcome_serialises_with_a_result_tag() {
        let v = serde_json::to_value(std_close(&[num(1000.0), s("bye")])).unwrap();
        assert_eq!(v, serde_json::json!({"result": "Closes", "code": 1000, "reason": "bye", "reason_bytes": 3}));
        let v = serde_json::to_value(std_close(&[num(1001.0)])).unwrap();
        assert_eq!(v["result"], "InvalidAccessError");
    }

    // --- CloseEvent constructor --------------------------------------------------------------

    fn init(members: &[(&str, JsValue)]) -> Vec<(String, JsValue)> {
        members.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn close_event_without_init_uses_defaults() {
        // CloseEventInit and EventInit defaults: false, 0, "".
        assert_eq!(
            close_event(&s("close"), None),
            Ok(CloseEventProps {
                r#type: "close".to_string(),
                was_clean: false,
                code: 0,
                reason: String::new(),
                bubbles: false,
                cancelable: false,
                composed: false,
            })
        );
    }

    #[test]
    fn close_event_with_init_converts_members() {
        // CloseEventInit: code is unsigned short without [Clamp] (modulo 2^16), wasClean is
        // ToBoolean, reason is USVString; EventInit booleans; unknown members ignored.
        let members = init(&[
            ("code", num(70000.0)),
            ("wasClean", s("x")),
            ("reason", lit(r#""bye\uD800""#)),
            ("bubbles", num(1.0)),
            ("cancelable", s("")),
            ("composed", JsValue::Undefined),
            ("unknown", num(5.0)),
        ]);
        assert_eq!(
            close_event(&s("close"), Some(&members)),
            Ok(CloseEventProps {
                r#type: "close".to_string(),
                was_clean: true,
                code: 4464,
                reason: "bye\u{FFFD}".to_string(),
                bubbles: true,
                cancelable: false,
                composed: false,
            })
        );
    }

    #[test]
    fn close_event_code_truncates_and_wraps() {
        // Web IDL ConvertToInt without [Clamp]: IntegerPart, then modulo 2^16; NaN/±∞ → 0.
        let code = |v: JsValue| close_event(&s("close"), Some(&init(&[("code", v)]))).unwrap().code;
        assert_eq!(code(num(1000.9)), 1000);
        assert_eq!(code(num(-1.0)), 65535);
        assert_eq!(code(num(-1.5)), 65535);
        assert_eq!(code(num(-0.9)), 0);
        assert_eq!(code(num(131077.0)), 5);
        assert_eq!(code(num(f64::NAN)), 0);
        assert_eq!(code(num(f64::INFINITY)), 0);
        assert_eq!(code(s("0x10")), 16);
        assert_eq!(code(JsValue::Null), 0);
        assert_eq!(code(JsValue::Undefined), 0);
    }

    #[test]
    fn close_event_last_duplicate_member_wins_and_type_uses_to_string() {
        // Object literal semantics for repeated keys; DOMString conversion of type via ToString.
        let members = init(&[("wasClean", JsValue::Bool(true)), ("wasClean", num(0.0))]);
        let e = close_event(&JsValue::Undefined, Some(&members)).unwrap();
        assert!(!e.was_clean);
        assert_eq!(e.r#type, "undefined");
        assert_eq!(close_event(&num(1.5), None).unwrap().r#type, "1.5");
    }

    #[test]
    fn close_event_props_serialise_with_js_names() {
        let e = close_event(&s("close"), Some(&init(&[("code", num(1000.0))]))).unwrap();
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(v["type"], "close");
        assert_eq!(v["wasClean"], false);
        assert_eq!(v["code"], 1000);
    }

    // --- ECMA-262 conversions ------------------------------------------------------------------

    #[test]
    fn number_to_string_follows_ecma262() {
        // ECMA-262 Number::toString(x, 10).
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (123.456, "123.456"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e21, "1e+21"),
            (1.5e300, "1.5e+300"),
            (0.000001, "0.000001"),
            (0.0000012345, "0.0000012345"),
            (1e-7, "1e-7"),
            (1.2345e-7, "1.2345e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for &(x, want) in cases {
            assert_eq!(number_to_string(x), want, "Number::toString({x:?})");
        }
        // Two 17-digit strings round-trip for 255710272925744.125; the closest is a tie, and the
        // note to Number::toString picks the even one (as engines do).
        let tie = f64::from_bits(0x42ED_1225_FF76_0604);
        assert_eq!(tie * 8.0, 2045682183405953.0); // exactly 255710272925744.125
        assert_eq!(number_to_string(tie), "255710272925744.12");
    }

    #[test]
    fn string_to_number_follows_ecma262() {
        // ECMA-262 StringToNumber and the StringNumericLiteral grammar.
        let n = |text: &str| string_to_number(&JsString::from(text));
        assert_eq!(n(""), 0.0);
        assert_eq!(n(" \t\n\r\u{A0}\u{FEFF}\u{2028}"), 0.0);
        assert_eq!(n("  12  "), 12.0);
        assert_eq!(n("0x10"), 16.0);
        assert_eq!(n("0X1f"), 31.0);
        assert_eq!(n("0o17"), 15.0);
        assert_eq!(n("0b101"), 5.0);
        assert_eq!(n("1e3"), 1000.0);
        assert_eq!(n("-1.5E-1"), -0.15);
        assert_eq!(n(".5"), 0.5);
        assert_eq!(n("5."), 5.0);
        assert_eq!(n("+Infinity"), f64::INFINITY);
        assert_eq!(n("-Infinity"), f64::NEG_INFINITY);
        assert_eq!(n("1e400"), f64::INFINITY);
        assert_eq!(n("00012"), 12.0);
        for bad in [".", "e3", "1e", "-0x10", "0x", "0x1g", "1_000", "infinity", "Inf", "NaN", "1 2", "\u{85}7", "0b2"]
        {
            assert!(n(bad).is_nan(), "{bad:?} should be NaN");
        }
        assert!(string_to_number(&JsString(vec![0x31, 0xD800])).is_nan());
    }

    #[test]
    fn non_decimal_literals_round_half_to_even() {
        // ECMA-262 StringToNumber: the mathematical value rounded to the nearest Number.
        let n = |text: &str| string_to_number(&JsString::from(text));
        assert_eq!(n("0x20000000000001"), 9007199254740992.0); // 2^53 + 1 → 2^53 (tie, even)
        assert_eq!(n("0x20000000000003"), 9007199254740996.0); // 2^53 + 3 → 2^53 + 4
        assert_eq!(n("0x10000000000000800"), 18446744073709551616.0); // tie → 2^64
        assert_eq!(n("0x10000000000000801"), 18446744073709555712.0); // sticky → 2^64 + 2^12
        assert_eq!(n(&format!("0x1{}", "0".repeat(300))), f64::INFINITY);
    }

    #[test]
    fn to_boolean_follows_ecma262() {
        // ECMA-262 ToBoolean.
        for v in [JsValue::Undefined, JsValue::Null, num(0.0), num(-0.0), num(f64::NAN), s(""), JsValue::Bool(false)] {
            assert!(!to_boolean(&v), "{v:?}");
        }
        for v in [num(-1.0), s("0"), s("false"), JsValue::Bool(true)] {
            assert!(to_boolean(&v), "{v:?}");
        }
    }

    // --- String literals and USV lengths -------------------------------------------------------

    #[test]
    fn string_literal_escapes() {
        // ECMA-262 string literal escapes.
        let units = |src: &str| parse_js_string_literal(src).map(|s| s.0);
        assert_eq!(units(r#""a\nb""#), Ok(vec![0x61, 0x0A, 0x62]));
        assert_eq!(units(r#"'it\'s'"#), Ok("it's".encode_utf16().collect()));
        assert_eq!(units(r#""\x41\u0042\u{43}""#), Ok(vec![0x41, 0x42, 0x43]));
        assert_eq!(units(r#""\u{1F600}""#), Ok(vec![0xD83D, 0xDE00]));
        assert_eq!(units(r#""\uD800""#), Ok(vec![0xD800]));
        assert_eq!(units(r#""\u{DC00}""#), Ok(vec![0xDC00]));
        assert_eq!(units(r#""\0\q\\\"""#), Ok(vec![0, 0x71, 0x5C, 0x22]));
        assert_eq!(units("\"a\\\nb\""), Ok(vec![0x61, 0x62]));
        assert_eq!(units("\"a\\\r\nb\""), Ok(vec![0x61, 0x62]));
        assert_eq!(units("'é😀'"), Ok("é😀".encode_utf16().collect()));
        for bad in [
            r#""abc"#,
            r#"abc"#,
            r#""\1""#,
            r#""\08""#,
            r#""\8""#,
            r#""\x4""#,
            r#""\u12""#,
            r#""\u{}""#,
            r#""\u{110000}""#,
            "\"a\nb\"",
            r#""a" x"#,
        ] {
            assert!(parse_js_string_literal(bad).is_err(), "{bad:?} should fail");
        }
    }

    #[test]
    fn utf8_len_of_usv_counts_replacement_characters() {
        // Web IDL USVString conversion then UTF-8 encode (close() step 2.1).
        assert_eq!(utf8_len_of_usv(&JsString::from("abc")), 3);
        assert_eq!(utf8_len_of_usv(&JsString::from("é😀")), 6);
        assert_eq!(utf8_len_of_usv(&JsString(vec![0xD800, 0x61])), 4);
        // A proper pair stays one 4-byte scalar value.
        assert_eq!(utf8_len_of_usv(&JsString(vec![0xD83D, 0xDE00])), 4);
        // Reversed pair: two lone surrogates.
        assert_eq!(utf8_len_of_usv(&JsString(vec![0xDE00, 0xD83D])), 6);
    }
}
