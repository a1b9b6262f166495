//! The js highlighter, on any text: never panics, keeps every character of the code, and
//! writes only its own balanced spans.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|code: &str| {
    let Some(html) = polyref::highlight::highlight("js", code) else {
        return;
    };
    assert_eq!(polyref::highlight::text_content(&html), code);
    let tags: Vec<&str> = html.split('<').skip(1).map(|t| &t[..t.find('>').expect("a tag ends")]).collect();
    assert!(tags.iter().all(|t| *t == "/span" || (t.starts_with("span class=\"hl-") && t.matches('"').count() == 2)));
    assert_eq!(tags.iter().filter(|t| **t == "/span").count() * 2, tags.len());
});
