//! The two data files an editor writes, the close-code registry and the runnable examples, on any
//! text: never panic; a file that gives nothing gives an error; every problem points inside the
//! file and renders. The examples are parsed with the standard's bounds and, when the same text
//! is also a valid registry, with that registry's bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyref::data::close_codes::CloseCodeRegistry;
use polyref::data::examples::{ExampleSet, bounds};
use polyref::diag::{Diagnostic, Source};
use polyref::rules::CloseBounds;

fn located_inside(diags: &[Diagnostic], len: usize) {
    for d in diags {
        if let Some(loc) = &d.location {
            assert!(loc.range.start <= loc.range.end && loc.range.end <= len, "{d:?}");
        }
        let _ = d.render();
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let len = text.len();
    let lines = text.lines().count().max(1);

    let source = Source::new("content/data/close-codes.yaml", text);
    let (registry, diags) = CloseCodeRegistry::parse(&source);
    assert!(registry.is_some() || diags.iter().any(Diagnostic::is_error), "no registry and no error");
    located_inside(&diags, len);

    let source = Source::new("content/data/close-examples.yaml", text);
    let mut all_bounds = vec![CloseBounds::default()];
    all_bounds.extend(registry.as_ref().map(bounds));
    for b in &all_bounds {
        let (set, diags) = ExampleSet::parse(&source, b);
        assert!(set.is_some() || diags.iter().any(Diagnostic::is_error), "no examples and no error");
        located_inside(&diags, len);
        if let Some(set) = set {
            assert!(set.examples.iter().all(|e| (1..=lines).contains(&e.line)));
        }
    }
});
