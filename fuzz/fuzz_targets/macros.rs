//! The macro scanner on any text: never panics; calls and errors lie inside the text, in order,
//! without overlapping, and every call is the `{{…}}` it claims to be.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyref::macros::{MAX_ARGS, scan};

fuzz_target!(|text: &str| {
    let (calls, errors) = scan(text);
    let mut last = 0;
    for c in &calls {
        assert!(c.range.start >= last && c.range.end <= text.len());
        let s = &text[c.range.clone()];
        assert!(s.starts_with("{{") && s.ends_with("}}"), "{s}");
        assert!(!c.name.is_empty() && c.args.len() <= MAX_ARGS);
        last = c.range.end;
    }
    for e in &errors {
        assert!(e.range.start <= e.range.end && e.range.end <= text.len());
    }
});
