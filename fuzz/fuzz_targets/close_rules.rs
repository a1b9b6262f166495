//! The close() rules on any arguments: never panic, and agree with a straightforward reference
//! written from the standard's text (WHATWG WebSockets close(); Web IDL [Clamp] unsigned short
//! and USVString) for numbers, undefined and strings.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use polyref::rules::{CloseBounds, JsString, JsValue, Outcome, close, close_event};

#[derive(Arbitrary, Debug)]
enum Arg {
    Undefined,
    Number(f64),
    Units(Vec<u16>),
}

impl Arg {
    fn js(&self) -> JsValue {
        match self {
            Arg::Undefined => JsValue::Undefined,
            Arg::Number(n) => JsValue::Number(*n),
            Arg::Units(u) => JsValue::String(JsString(u.clone())),
        }
    }
}

/// The reference: only numbers and undefined for the code, strings and undefined for the reason.
fn reference(code: Option<f64>, reason: Option<&[u16]>) -> &'static str {
    if let Some(n) = code {
        let n = if n.is_nan() { 0.0 } else { n.clamp(0.0, 65535.0).round_ties_even() };
        if !(n == 1000.0 || (3000.0..=4999.0).contains(&n)) {
            return "InvalidAccessError";
        }
    }
    if reason.is_some_and(|r| String::from_utf16_lossy(r).len() > 123) {
        return "SyntaxError";
    }
    "Closes"
}

fuzz_target!(|input: (Vec<Arg>, Option<(f64, Vec<u16>)>)| {
    let (args, init) = input;
    let js: Vec<JsValue> = args.iter().map(Arg::js).collect();
    let outcome = close(&js, &CloseBounds::default());
    let code = match args.first() {
        Some(Arg::Number(n)) => Some(Some(*n)),
        Some(Arg::Undefined) | None => Some(None),
        Some(Arg::Units(_)) => None, // string codes go through StringToNumber: not in the reference
    };
    let reason = match args.get(1) {
        Some(Arg::Units(u)) => Some(Some(u.as_slice())),
        Some(Arg::Undefined) | None => Some(None),
        Some(Arg::Number(_)) => None,
    };
    if let (Some(code), Some(reason)) = (code, reason) {
        let got = match outcome {
            Outcome::Closes { .. } => "Closes",
            Outcome::InvalidAccessError { .. } => "InvalidAccessError",
            Outcome::SyntaxError { .. } => "SyntaxError",
        };
        assert_eq!(got, reference(code, reason), "{args:?}");
    }
    if let Some((code, reason)) = init {
        let dict = vec![
            ("code".to_string(), JsValue::Number(code)),
            ("reason".to_string(), JsValue::String(JsString(reason))),
        ];
        let _ = close_event(&JsValue::from("close"), Some(&dict));
    }
});
