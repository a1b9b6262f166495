### Runnable examples on the close() and CloseEvent pages: the captions of the examples in
### content/data/close-examples.yaml, and the text around them.
### Translators: keep the ids (left of `=`) and every `{ $name }`, translate the text.
### The page's script fills in most of these messages too, so they must not use selectors
### (`{ $code -> … }`): write one plain sentence.

## The section

examples-title = Examples you can run
examples-intro = Each example shows what the standard says the call does. Run it to see what your own browser does, side by side.
examples-socket = In these examples, socket is a WebSocket that is still connecting to { $url }, a name reserved never to exist: nothing reaches a network.
examples-event-intro = Each example constructs a CloseEvent; the standard says which properties it gets. Run it to compare with your own browser.
examples-noscript = Turn on JavaScript to run the examples in your browser. What the standard says is shown either way.
examples-run = Run
examples-run-all = Run all

## Outcomes. { $outcome } is "closes" or an exception name such as InvalidAccessError.

examples-standard = Standard: { $outcome }
examples-verdict = Standard: { $standard } · Your browser: { $browser }
examples-same = Your browser does what the standard says.
examples-differs = Your browser differs from the standard here.
examples-browser-message = Your browser's message: { $message }
examples-props-differ = Properties that differ: { $props }
examples-summary = Same as the standard: { $same } of { $total }. Different: { $differs }.
examples-closes = closes

## Why the standard gives that outcome.

examples-closes-no-code = The connection closes; the Close frame carries no status code.
examples-closes-code = The connection closes with code { $code }.
examples-closes-code-reason = The connection closes with code { $code } and a reason of { $bytes } bytes (at most { $max } are allowed).
examples-closes-reason-only = The connection closes with a reason of { $bytes } bytes (at most { $max } are allowed) and no code; the standard does not say which status code the Close frame carries then.
examples-invalid-code = The code is { $code }, but a script may pass only { $codes }.
examples-too-long = The reason is { $bytes } bytes in UTF-8, more than the { $max } allowed.
examples-code-converted = { $value } becomes { $code }: the code is an unsigned short with [Clamp], so it is clamped to 0–65535 and rounded to the nearest integer, halves to the even one.
examples-undefined-code = undefined counts as a missing code.
examples-lone-surrogates = Each lone surrogate becomes U+FFFD, which is 3 bytes in UTF-8.
examples-event = The event has these properties:
examples-event-code-converted = { $value } becomes { $code }: here the code is an unsigned short without [Clamp], so it keeps the integer part, modulo 65536.

## The form on the close() page

examples-try-title = Try your own arguments
examples-try-intro = Type a code and a reason. An empty code field passes no code, an empty reason field no reason.
examples-try-code = code
examples-try-reason = reason
examples-try-bytes = { $bytes }/{ $max } bytes

## Captions of the examples, one per id in content/data/close-examples.yaml.

example-no-arguments = No arguments.
example-code-1000 = Code 1000, normal closure.
example-code-1000-reason = Code 1000 with a short reason.
example-code-1001 = Code 1001 (Going Away) is valid in a Close frame, but close() does not accept it from a script.
example-code-2999 = Code 2999: just below the range for applications.
example-code-3000 = Code 3000: the first code for libraries and applications.
example-code-4999 = Code 4999: the last code for private use.
example-code-5000 = Code 5000: just above the last one.
example-code-fraction-2999-5 = A fractional code, halfway between 2999 and 3000.
example-code-fraction-4999-5 = A fractional code, halfway between 4999 and 5000.
example-code-66536 = A code beyond 65535 does not wrap around.
example-code-string = A code given as a string in hexadecimal.
example-code-undefined-reason = undefined as the code, with a reason.
example-reason-123-ascii = A reason of 123 ASCII characters, one byte each.
example-reason-124-ascii = A reason of 124 ASCII characters.
example-reason-62-e-acute = 62 × "é": only 62 characters, but 124 bytes in UTF-8.
example-reason-emoji = 30 emoji of 4 bytes each, and "abc".
example-reason-lone-surrogate = A reason that is a lone surrogate.
example-reason-lone-surrogates-42 = 42 lone surrogates: 42 UTF-16 code units, 126 bytes in UTF-8.
example-code-checked-first = A code that is not allowed and a reason that is too long: which error comes first?
example-event-without-init = A CloseEvent without an init dictionary: every property has its default.
example-event-with-init = A CloseEvent with code, reason and wasClean.
example-event-code-wraps = A code of 70000 in the init dictionary.
example-event-code-negative = A code of −1 in the init dictionary.
example-event-code-not-checked = The constructor does not check what close() checks: code 1006 and a reason of 124 bytes.
example-event-reason-lone-surrogate = A reason ending in a lone surrogate.
example-event-booleans = Other values as booleans: "no" is true, 1 is true, 0 is false.
