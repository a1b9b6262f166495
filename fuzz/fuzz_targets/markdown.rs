//! Markdown rendering with macros, on any body: never panics, and no script, event handler or
//! `javascript:` URL from the input reaches the HTML.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use polyref::config::Config;
use polyref::data::close_codes::CloseCodeRegistry;
use polyref::diag::Source;
use polyref::dialect;
use polyref::i18n::I18n;
use polyref::load::{ContentFile, Role};
use polyref::macros::Env;
use polyref::markdown;
use polyref::model::Model;

struct World {
    config: Config,
    i18n: I18n,
    registry: CloseCodeRegistry,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let config = Config::defaults(Path::new("."));
        let ftl = |l: &str, f: &str, t: &'static str| Source::new(format!("i18n/{l}/{f}"), t);
        let (i18n, _) = I18n::load(
            "i18n",
            "en",
            &[
                (
                    "en".into(),
                    vec![
                        ftl("en", "ui.ftl", include_str!("../../i18n/en/ui.ftl")),
                        ftl("en", "close-codes.ftl", include_str!("../../i18n/en/close-codes.ftl")),
                    ],
                ),
                ("de".into(), vec![ftl("de", "ui.ftl", include_str!("../../i18n/de/ui.ftl"))]),
            ],
        );
        let (registry, _) = CloseCodeRegistry::parse(&Source::new(
            "content/data/close-codes.yaml",
            include_str!("../../content/data/close-codes.yaml"),
        ));
        World { config, i18n, registry: registry.expect("the real registry is valid") }
    })
}

fn file(text: String) -> ContentFile {
    ContentFile {
        source: Source::new("content/de/web/api/websocket/close/index.md", text),
        locale: "de".into(),
        dir: "web/api/websocket/close".into(),
        role: Role::Primary,
    }
}

fuzz_target!(|body: &str| {
    let w = world();
    let text = format!("---\ntitle: T\nslug: Web/API/WebSocket/close\n---\n{body}");
    let Ok(page) = dialect::parse(&file(text), "de") else { return };
    let (model, _) = Model::assemble(vec![page.clone()], &w.config);
    let entity = &model.entities[0];
    let env = Env {
        config: &w.config,
        model: &model,
        i18n: &w.i18n,
        registry: Some(&w.registry),
        entity,
        text_locale: "de",
        page_locale: "de",
        root: "../../../../../",
    };
    let (rendered, _) = markdown::render(&page, &env);
    let html = rendered.html().to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    // Inside tags only: text may mention anything, escaped.
    for tag in html.split('<').skip(1) {
        let raw = &tag[..tag.find('>').unwrap_or(tag.len())];
        // Attribute names only: drop quoted values.
        let tag: String = raw.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        let tag = tag.as_str();
        assert!(!tag.contains(" onerror=") && !tag.contains(" onclick=") && !tag.contains(" onload="), "{tag}");
        for attr in [" href=\"", " src=\""] {
            if let Some(i) = raw.find(attr) {
                let value = &raw[i + attr.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                assert!(polyref::sanitize::safe_url(value), "{tag}");
            }
        }
    }
});
