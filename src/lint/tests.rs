//! The consistency lint on many phrasings, in English, Spanish and German: wrong claims are
//! found with the correct fact, right ones are left alone.

use super::*;

/// The standard's facts, as the real registry gives them.
fn facts() -> Facts {
    Facts {
        script_codes: vec![1000..=1000, 3000..=4999],
        entries: vec![
            (0, 999, "Not used".into()),
            (1000, 1000, "Normal Closure".into()),
            (1001, 1001, "Going Away".into()),
            (1005, 1005, "No Status Rcvd".into()),
            (1015, 1015, "TLS handshake".into()),
            (1016, 2999, "Unassigned".into()),
            (3000, 3999, "Unassigned (First Come First Served)".into()),
            (3000, 3000, "Unauthorized".into()),
            (4000, 4999, "Reserved for Private Use".into()),
        ],
        max_reason_bytes: 123,
        max_payload_bytes: 125,
        max_code: 4999,
        no_status_name: "No Status Rcvd".into(),
    }
}

fn lint(text: &str) -> Vec<Finding> {
    lint_markdown(text, &facts())
}

/// The one finding of `text`, with the text it points at.
fn one(text: &str) -> (Finding, String) {
    let f = lint(text);
    assert_eq!(f.len(), 1, "expected one finding in {text:?}, got {f:#?}");
    let at = text[f[0].range.clone()].to_string();
    (f[0].clone(), at)
}

fn none(text: &str) {
    let f = lint(text);
    assert!(f.is_empty(), "expected no finding in {text:?}, got {f:#?}");
}

#[test]
fn script_ranges_that_include_rejected_codes() {
    for (text, at) in [
        ("The close code must be in the range 1000-4999.", "1000-4999"),
        ("The code must be between 1000 and 4999.", "1000 and 4999"),
        ("Valid close codes go from 1000 to 4999.", "1000 to 4999"),
        ("A custom code must be in the range `1000`–`4999`.", "1000`–`4999"),
        ("close() throws an InvalidAccessError when the code is not in 1000 – 4999.", "1000 – 4999"),
        // Spanish
        (
            "Se puede lanzar la excepción cuando el código de cierre no está en el rango válido (1000-4999).",
            "1000-4999",
        ),
        ("Este código debe estar en el rango de 1000 a 4999.", "1000 a 4999"),
        ("El código debe estar entre 1000 y 4999.", "1000 y 4999"),
        ("Los códigos válidos van de 2000 hasta 4999.", "2000 hasta 4999"),
        // German
        ("Der Code muss im Bereich `1000` – `4999` liegen.", "1000` – `4999"),
        ("Gültige Schließcodes liegen zwischen 1000 und 4999.", "1000 und 4999"),
        ("Der Schließcode muss von 1000 bis 4999 reichen.", "1000 bis 4999"),
    ] {
        let (f, got) = one(text);
        assert_eq!(f.code, "consistency-code-range", "{text}");
        assert_eq!(got, at, "{text}");
        assert!(f.message.contains("1000 and 3000–4999"), "the correct fact is stated: {}", f.message);
        assert!(f.hint.contains("1000 or 3000–4999"), "{}", f.hint);
    }
    let (f, _) = one("Este código debe estar en el rango de 1000 a 4999.");
    assert!(f.message.contains("1001–2999"), "the rejected codes are named: {}", f.message);
}

#[test]
fn correct_script_ranges_pass() {
    none(
        "The value must be an integer: either `1000`, or else a custom code of your choosing in the range `3000`-`4999`.",
    );
    none("Thrown if code is neither an integer equal to `1000` nor an integer in the range `3000`–`4999`.");
    none(
        "Wird ausgelöst, wenn [`code`](#code) weder eine Ganzzahl gleich `1000` noch eine Ganzzahl im Bereich `3000` – `4999` ist.",
    );
    none(
        "Der Wert muss eine Ganzzahl sein: entweder `1000` oder ein benutzerdefinierter Code Ihrer Wahl im Bereich `3000`-`4999`.",
    );
    none("El código debe ser 1000 o estar en el rango de 3000 a 4999.");
    none("Custom codes between 4000 and 4999 are allowed.");
}

#[test]
fn ranges_the_browser_sets_are_not_script_claims() {
    none(
        "If unspecified, a close code for the connection is automatically set: to `1000` for a normal closure, or otherwise to [another standard value in the range `1001`-`1015`](https://www.rfc-editor.org/rfc/rfc6455.html#section-7.4.1) that indicates the actual reason.",
    );
    none(
        "- Wenn nicht angegeben, wird der Schließcode für die Verbindung automatisch auf `1000` für eine normale Schließung gesetzt; andernfalls auf [einen anderen Standardwert im Bereich `1001`-`1015`](https://www.rfc-editor.org/rfc/rfc6455.html#section-7.4.1), der den tatsächlichen Grund angibt.",
    );
    none("A server may send any valid code in the range 1000-2999 in its Close frame.");
}

#[test]
fn descriptive_ranges_must_match_the_registry() {
    none("Codes 0–999 are not used.");
    none("Die Codes 0–999 werden nicht verwendet.");
    none("Status codes 4000-4999 are reserved for private use.");
    none("Los códigos 3000-3999 se registran en IANA.");
    let (f, at) = one("Status codes 3500-4999 are reserved for private use.");
    assert_eq!((f.code, at.as_str()), ("consistency-code-range", "3500-4999"));
    assert!(f.hint.contains("4000–4999 Reserved for Private Use"), "{}", f.hint);
    none("The code is an unsigned short (0-65535) in the IDL.");
    let (f, _) = one("Codes from 4000 to 5999 are for applications.");
    assert!(f.message.contains("4999"), "{}", f.message);
}

#[test]
fn run_together_ranges_are_read_as_ranges() {
    let (f, at) =
        one("Thrown if [`code`](#code) is neither an integer equal to `1000` nor an integer in the range `30004999`.");
    assert_eq!((f.code, at.as_str()), ("consistency-run-together", "30004999"));
    assert!(f.message.contains("3000–4999"), "{}", f.message);
    // A run-together range that is also wrong gets both findings.
    let f = lint("The close code must be in the range 10004999.");
    let codes: Vec<_> = f.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["consistency-run-together", "consistency-code-range"]);
    // Not about codes: left alone.
    none("The build 30004999 of the browser fixed it.");
}

#[test]
fn reason_byte_limits() {
    for text in [
        "The reason must be no longer than 125 bytes.",
        "- `reason`\n\n  - : A string. The value must be no longer than 122 bytes (encoded in UTF-8).",
        "La razón no debe exceder los 125 bytes de longitud.",
        "Der Schließungsgrund darf nicht länger als 124 Bytes sein.",
        "### reason\n\nThis string must be no longer than 128 bytes of UTF-8 text.",
        "A reason longer than the 125-byte limit throws.",
    ] {
        let (f, at) = one(text);
        assert_eq!(f.code, "consistency-bytes", "{text}");
        assert!(at.chars().all(|c| c.is_ascii_digit()), "{at}");
        assert!(f.message.contains("at most 123 bytes"), "{}", f.message);
    }
    none("The value must be no longer than 123 bytes (encoded in UTF-8).");
    none("Der Wert darf nicht länger als 123 Bytes (in UTF-8 kodiert) sein.");
    none("Esta cadena no debe exceder los 123 bytes de longitud cuando se codifica en UTF-8.");
    none(
        "- `reason`\n\n  - : a 123-character `reason` value containing non-ASCII characters would exceed the 123-byte limit.",
    );
    none("Wird ausgelöst, wenn der in UTF-8-kodierte [`reason`](#reason)-Wert länger als 123 Bytes ist.");
    // Bytes that are not about a reason's limit.
    none("UTF-8 uses 1 to 4 bytes for a character, so a reason may take more space.");
    none("A control frame carries at most 125 bytes of payload.");
    let (f, _) = one("A control frame carries at most 127 bytes of payload.");
    assert!(f.message.contains("125"), "{}", f.message);
}

#[test]
fn code_used_without_a_code() {
    for (text, at) in [
        (
            "### code\n\nIf this parameter is not specified, a default value of 1000 (indicating a normal closure) is assumed.",
            "1000",
        ),
        ("### code\n\nIf omitted, close() defaults to 1001.", "1001"),
        ("If the code is not specified, close() sends 1000 by default.", "1000"),
        ("Si no se especifica el código, se asume 1000 por defecto.", "1000"),
        ("Wenn der Code nicht angegeben ist, wird standardmäßig 1000 gesendet.", "1000"),
        ("Ohne Code wird ein Standardwert von `1000` angenommen.", "1000"),
    ] {
        let (f, got) = one(text);
        assert_eq!((f.code, got.as_str()), ("consistency-no-code", at), "{text}");
        assert!(f.message.contains("1005") && f.message.contains("No Status Rcvd"), "{}", f.message);
        assert!(f.hint.contains("RFC 6455 §7.1.5"), "{}", f.hint);
    }
    none("If the code is not specified, no status code is sent and the other side reports 1005.");
    none("If unspecified, a close code for the connection is automatically set: to `1000` for a normal closure.");
    none("The code defaults to nothing; pass 1000 for a normal closure.");
    // Without anything saying it is about a close code, a default is not judged.
    none("If this parameter is not specified, a default value of 1000 is assumed.");
}

#[test]
fn code_examples_urls_and_identifiers_are_not_prose() {
    none("```js\nws.close(1000-4999, 'must be valid');\n```\n");
    none("See <https://example.org/code/1000-4999> for the valid codes.");
    none(
        "The code must be valid; see [RFC 6455](https://www.rfc-editor.org/rfc/rfc6455.html#section-7.4.1) and RFC 6455 §7.4.1.",
    );
    none("{{Glossary(\"UTF-8\", \"UTF-8 uses 2 to 4 bytes\")}} and the reason must be no longer than 123 bytes.");
    none("Die **`WebSocket.close()`** Methode schließt die [`WebSocket`](/de/docs/Web/API/WebSocket)-Verbindung.");
}

#[test]
fn findings_point_into_the_text() {
    let text = "---\nignored\n---\n\nIntro.\n\n- **code,** un número entero. Este código debe estar en el rango de 1000 a 4999, siendo 1000 el más común.\n";
    let f = lint(text);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(&text[f[0].range.clone()], "1000 a 4999");
}

#[test]
fn fluent_messages_are_linted() {
    let ftl = "# 1000-4999 in a comment is not prose\nclose-code-0-999 = Not used\n    .description = Codes 0–999 are not used.\ncode-summary-allowed = A script must pass a code from 1000 to 4999 { $codes }.\n";
    let f = lint_fluent(ftl, &facts());
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(&ftl[f[0].range.clone()], "1000 to 4999");
}

/// Regression: an example caption about one fractional code is not a claim about a range.
#[test]
fn a_value_between_two_numbers_is_not_a_range() {
    none("A fractional code, halfway between 2999 and 3000.");
    none("Ein gebrochener Code, genau zwischen 4999 und 5000.");
    let (f, _) = one("Codes in the range between 4000 and 5999 are for applications.");
    assert_eq!(f.code, "consistency-code-range");
}
