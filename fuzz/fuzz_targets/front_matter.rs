//! Front-matter splitting and dialect detection on any bytes: never panics, and every problem
//! reported points inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyref::dialect;
use polyref::load::{ContentFile, Role, decode};

fuzz_target!(|data: &[u8]| {
    let source = match decode("content/en/web/api/x/index.md", data.to_vec()) {
        Ok(s) => s,
        Err(d) => {
            assert!(d.location.is_some());
            return;
        }
    };
    let len = source.text.len();
    let file = ContentFile { source, locale: "en".into(), dir: "web/api/x".into(), role: Role::Primary };
    match dialect::parse(&file, "en-US") {
        Ok(p) => {
            assert!(p.body_start <= len);
            assert!(!p.meta.key.split('/').any(|s| s == ".." || s.is_empty()), "{}", p.meta.key);
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                let loc = d.location.as_ref().expect("located");
                assert!(loc.range.end <= len);
                let _ = d.render();
            }
        }
    }
});
