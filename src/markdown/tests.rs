use std::path::Path;

use super::*;
use crate::config::Config;
use crate::diag::Source;
use crate::dialect;
use crate::i18n::I18n;
use crate::load::{ContentFile, Role};
use crate::model::Model;

const UI: &str = "alert-note = Note\nbadge-optional = Optional\nmacro-available-in-workers = Workers\n";
const UI_DE: &str = "alert-note = Hinweis\nalert-warning = Warnung\nbadge-optional = Optional\nbadge-experimental = Experimentell\nheader-deprecated = Veraltet\n    .text = Nicht verwenden.\n";

fn parsed(locale: &str, dir: &str, text: &str) -> dialect::ParsedFile {
    let f = ContentFile {
        source: Source::new(format!("content/{locale}/{dir}/index.md"), text),
        locale: locale.into(),
        dir: dir.into(),
        role: Role::Primary,
    };
    dialect::parse(&f, locale).expect("valid front matter")
}

/// Renders `body` as the German page `Web/API/WebSocket/close`, in a site that also has
/// `Web/API/CloseEvent`.
fn render_de(body: &str) -> (Rendered, Vec<Diagnostic>) {
    let config = Config::defaults(Path::new("."));
    let page =
        parsed("de", "web/api/websocket/close", &format!("---\ntitle: T\nslug: Web/API/WebSocket/close\n---\n{body}"));
    let other = parsed("es", "web/api/closeevent", "---\ntitle: CloseEvent\nslug: Web/API/CloseEvent\n---\n");
    let (model, _) = Model::assemble(vec![page.clone(), other], &config);
    let (i18n, _) = I18n::load(
        "i18n",
        "en",
        &[
            ("en".into(), vec![Source::new("i18n/en/ui.ftl", UI)]),
            ("de".into(), vec![Source::new("i18n/de/ui.ftl", UI_DE)]),
        ],
    );
    let entity = model.find("Web/API/WebSocket/close").unwrap();
    let env = Env {
        config: &config,
        model: &model,
        i18n: &i18n,
        registry: None,
        entity,
        text_locale: "de",
        page_locale: "de",
        root: "../../../../../",
    };
    render(&page, &env)
}

#[test]
fn gfm_note_gets_a_localized_title() {
    let (r, d) = render_de("> [!NOTE]\n> Achtung.\n");
    assert!(d.is_empty());
    assert!(r.html().contains("<p class=\"notecard-title\"><strong>Hinweis</strong></p>"), "{}", r.html());
    assert!(r.html().contains("<p>Achtung.</p>"));
}

#[test]
fn mdn_notes_written_the_older_way_become_the_same_boxes() {
    // Each older form renders exactly as its GFM alert does.
    for (older, alert) in [
        ("> **Note:** Achtung.\n", "> [!NOTE]\n> Achtung.\n"),
        ("> **Hinweis:** Achtung.\n", "> [!NOTE]\n> Achtung.\n"),
        ("> **Hinweis**: Achtung.\n", "> [!NOTE]\n> Achtung.\n"),
        ("> **HINWEIS :** Achtung.\n", "> [!NOTE]\n> Achtung.\n"),
        ("> **Warnung:** Vorsicht.\n", "> [!WARNING]\n> Vorsicht.\n"),
        ("> **Warning:** Vorsicht.\n", "> [!WARNING]\n> Vorsicht.\n"),
        ("> **Note:**\n> Auf der nächsten Zeile.\n", "> [!NOTE]\n> Auf der nächsten Zeile.\n"),
        ("> **Note:**\n>\n> Eigener Absatz.\n", "> [!NOTE]\n> Eigener Absatz.\n"),
        ("> **Note:**\n", "> [!NOTE]\n"),
        // Older translations repeat the type in their language: the box's title already says it.
        ("> **Warning:** **Warnung:** Vorsicht.\n", "> [!WARNING]\n> Vorsicht.\n"),
        ("> **Note:** **Hinweis**: Achtung.\n", "> [!NOTE]\n> Achtung.\n"),
        (
            "- `code`\n  - : Ein Code.\n\n    > **Note:** Darin.\n",
            "- `code`\n  - : Ein Code.\n\n    > [!NOTE]\n    > Darin.\n",
        ),
        (
            "> **Hinweis:** Siehe {{domxref(\"CloseEvent\")}} und _mehr_.\n>\n> > Zitat.\n\nDanach.\n",
            "> [!NOTE]\n> Siehe {{domxref(\"CloseEvent\")}} und _mehr_.\n>\n> > Zitat.\n\nDanach.\n",
        ),
    ] {
        let (r, d) = render_de(older);
        assert!(d.is_empty(), "{older}: {d:?}");
        let (expected, _) = render_de(alert);
        assert_eq!(r.html(), expected.html(), "{older}");
    }
    // A second label that is not the box's title stays, as written.
    let (r, _) = render_de("> **Note:** **Notiz:** Text.\n");
    assert!(r.html().contains("<p><strong>Notiz:</strong> Text.</p>"), "{}", r.html());
    // The box's title is the text's language, however the note was written.
    assert!(render_de("> **Note:** x\n").0.html().contains("<strong>Hinweis</strong>"));
}

#[test]
fn quotes_that_only_look_like_older_notes_stay_quotes() {
    for quote in [
        "> **Notably**, this is a quote.\n",
        "> **Note** that this is a quote.\n",
        "> A **Note:** in the middle.\n",
        "> *Note:* emphasis, not bold.\n",
        "> **Nota:** Spanish in a German page.\n",
        "> **Note: a whole sentence in bold.**\n",
    ] {
        let (r, d) = render_de(quote);
        assert!(d.is_empty(), "{quote}: {d:?}");
        let html = r.html();
        assert!(html.contains("<blockquote>") && !html.contains("notecard"), "{quote}: {html}");
    }
}

#[test]
fn macros_render_localized_and_no_braces_remain() {
    let (r, d) = render_de("- `code` {{optional_inline}}\n  - : Der Code {{domxref(\"CloseEvent\")}}.\n");
    assert!(d.is_empty(), "{d:?}");
    let html = r.html();
    assert!(!html.contains("{{"), "{html}");
    assert!(html.contains("<span class=\"badge optional\">Optional</span>"));
    // Our own page, in the page's locale, relative to the page.
    assert!(html.contains("href=\"../../../../../de/web/api/closeevent/index.html\""), "{html}");
}

#[test]
fn mdn_definition_lists_become_dl_with_ids() {
    let (r, _) = render_de("- `code`\n\n  - : Ein Code.\n\n- `reason`\n  - : Ein Grund.\n");
    let html = r.html();
    assert!(html.contains("<dl>"), "{html}");
    assert!(html.contains("<dt id=\"code\"><code>code</code></dt>"), "{html}");
    assert!(html.contains("<dt id=\"reason\">"), "{html}");
    assert!(!html.contains(": Ein"), "{html}");
}

#[test]
fn ordinary_lists_stay_lists() {
    let (r, _) = render_de("- a\n- b\n");
    assert!(r.html().contains("<ul>"));
}

#[test]
fn unknown_macro_is_a_located_diagnostic() {
    let (_, d) = render_de("Text\n\nMehr {{Bogus(1)}} hier.\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "macro-unknown");
    let loc = d[0].location.as_ref().unwrap();
    // Front matter is 4 lines; the macro is on body line 3, after "Mehr ".
    assert_eq!((loc.line, loc.col), (7, 6));
}

#[test]
fn wrong_arguments_are_a_diagnostic() {
    let (_, d) = render_de("{{domxref()}}\n\n{{optional_inline(\"x\")}}\n");
    assert_eq!(d.iter().filter(|d| d.code == "macro-arguments").count(), 2);
}

#[test]
fn status_boxes_and_badges_are_localized() {
    let (r, d) = render_de("{{APIRef}}{{Deprecated_Header}}\n\nText {{experimental_inline}}.\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(
        r.intro.trim_start().starts_with(
            "<div class=\"notecard caution\" role=\"note\"><p class=\"notecard-title\"><strong>Veraltet</strong></p>\n<p>Nicht verwenden.</p></div>"
        ),
        "{}",
        r.intro
    );
    assert!(r.intro.contains("<p>Text <span class=\"badge experimental\">Experimentell</span>.</p>"), "{}", r.intro);
    let (_, d) = render_de("{{SeeCompatTable(\"x\")}}\n");
    assert_eq!(d[0].code, "macro-arguments");
}

#[test]
fn http_macros_link_to_the_reference_on_mdn() {
    let (r, d) = render_de(
        "{{HTTPHeader(\"Sec-WebSocket-Key\")}}, {{HTTPStatus (\"400\", \"Bad\")}}, {{ HTTPMethod('GET') }}, {{HTTPStatus(\"426\")}}, {{HTTPStatus(\"418\")}}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let base = "https://developer.mozilla.org/de/docs/Web/HTTP/Reference";
    for link in [
        format!("<a href=\"{base}/Headers/Sec-WebSocket-Key\"><code>Sec-WebSocket-Key</code></a>"),
        format!("<a href=\"{base}/Status/400\"><code>Bad</code></a>"),
        format!("<a href=\"{base}/Methods/GET\"><code>GET</code></a>"),
        // A status code alone shows its reason phrase, when it is registered.
        format!("<a href=\"{base}/Status/426\"><code>426 Upgrade Required</code></a>"),
        format!("<a href=\"{base}/Status/418\"><code>418</code></a>"),
    ] {
        assert!(r.html().contains(&link), "{link}: {}", r.html());
    }
    let (_, d) = render_de("{{HTTPHeader}} {{HTTPStatus(\"../../x\")}}\n");
    assert_eq!(d.iter().filter(|d| d.code == "macro-arguments").count(), 2, "{d:?}");
}

#[test]
fn jsxref_links_as_mdn_reads_its_name() {
    let (r, d) = render_de(
        "{{jsxref(\"undefined\")}} {{jsxref(\"Array.prototype.map()\")}} {{jsxref(\"Statements/for...of\", \"for...of\")}} {{jsxref(\"JSON.parse()\", \"parse\", \"\", 1)}}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let base = "https://developer.mozilla.org/de/docs/Web/JavaScript/Reference";
    for link in [
        format!("<a href=\"{base}/Global_Objects/undefined\"><code>undefined</code></a>"),
        format!("<a href=\"{base}/Global_Objects/Array/map\"><code>Array.prototype.map()</code></a>"),
        format!("<a href=\"{base}/Statements/for...of\"><code>for...of</code></a>"),
        format!("<a href=\"{base}/Global_Objects/JSON/parse\">parse</a>"),
    ] {
        assert!(r.html().contains(&link), "{link}: {}", r.html());
    }
}

#[test]
fn sidebars_and_diagrams_from_mdn_data_render_nothing() {
    let (r, d) = render_de("{{DefaultAPISidebar(\"WebSockets API\")}}\n\n{{InheritanceDiagram}}\n\nText.\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.intro.trim(), "<p>Text.</p>");
}

#[test]
fn compat_may_name_its_data() {
    let (r, d) = render_de("{{Compat(\"api.WebSocket.close\")}}\n");
    assert!(d.is_empty(), "{d:?}");
    assert!(r.html().contains("<code>api.WebSocket.close</code>"), "{}", r.html());
    let (r, _) = render_de("{{Compat}}\n");
    assert!(r.html().contains("<code>Web/API/WebSocket/close</code>"), "{}", r.html());
}

#[test]
fn retired_mdn_macros_say_what_to_write_instead() {
    let (_, d) =
        render_de("{{SpecName('HTML WHATWG', '#dom-websocket-close', 'close()')}} {{geckoRelease(\"8.0\")}}\n");
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d.code == "macro-unknown" && d.message.contains("MDN no longer has")), "{d:?}");
    assert!(d[0].hint.as_deref().unwrap().contains("{{Specifications}}"), "{:?}", d[0].hint);
    assert!(d[1].hint.as_deref().unwrap().contains("Firefox 8"), "{:?}", d[1].hint);
    // Macros MDN has and polyref does not render say what to write instead, too.
    let (_, d) = render_de("{{EmbedLiveSample(\"Examples\", 100, 50)}}\n\n{{cssxref(\"color\")}}\n");
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d.iter().all(|d| d.message.contains("polyref does not render")), "{d:?}");
    assert!(d[0].hint.as_deref().unwrap().contains("no live samples"), "{:?}", d[0].hint);
    assert!(d[1].hint.as_deref().unwrap().contains("/Web/CSS/color"), "{:?}", d[1].hint);
}

#[test]
fn macros_in_code_are_left_alone() {
    let (r, d) = render_de("```js\n{{notAMacro}}\n```\n\nUse `{{x}}`.\n");
    assert!(d.is_empty());
    assert!(r.html().contains("{{notAMacro}}"));
}

#[test]
fn block_macros_replace_their_paragraph() {
    let (r, _) = render_de("{{APIRef(\"WebSockets API\")}}{{AvailableInWorkers}}\n\nText.\n");
    assert!(
        r.intro.trim_start().starts_with("<div class=\"notecard note\" role=\"note\"><p>Workers</p></div>"),
        "{}",
        r.intro
    );
    assert_eq!(r.summary.as_deref(), Some("Text."));
}

#[test]
fn sections_are_cut_at_headings_and_recognised_in_any_language() {
    let (r, _) = render_de("Intro.\n\n## Syntax\n\nx\n\n### Rückgabewert\n\ny\n\n## Siehe auch\n\nz\n");
    let kinds: Vec<_> = r.sections.iter().map(|s| (s.id.as_str(), s.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("syntax", Some(SectionKind::Syntax)),
            ("rückgabewert", Some(SectionKind::ReturnValue)),
            ("siehe_auch", Some(SectionKind::SeeAlso))
        ]
    );
    assert_eq!(r.intro, "<p>Intro.</p>\n");
}

#[test]
fn site_form_links_resolve_to_our_pages_or_the_source_site() {
    let (r, _) = render_de("[a](/de/docs/Web/API/CloseEvent#x) [b](/de/docs/Web/API/WebSocket)\n");
    let html = r.html();
    assert!(html.contains("href=\"../../../../../de/web/api/closeevent/index.html#x\""), "{html}");
    assert!(html.contains("href=\"https://developer.mozilla.org/de/docs/Web/API/WebSocket\""), "{html}");
}

#[test]
fn duplicate_heading_ids_are_made_unique() {
    let (r, _) = render_de("## A\n\n## A\n");
    let ids: Vec<_> = r.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "a_2"]);
}

#[test]
fn raw_script_and_unsafe_links_never_reach_the_page_and_are_reported_at_their_line() {
    let (r, d) = render_de(
        "Text {{optional_inline}}\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi <kbd>K</kbd></p>\n\n[a](javascript:alert(2))\n",
    );
    let html = r.html();
    for bad in ["<script", "alert", "onclick", "javascript"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("<kbd>K</kbd>") && html.contains("badge optional"), "{html}");
    let lines: Vec<(&str, usize)> = d.iter().map(|d| (d.code, d.location.as_ref().unwrap().line)).collect();
    // The front matter takes 4 lines.
    assert_eq!(lines, [("html-removed", 7), ("html-removed", 9), ("url-removed", 11)]);
}

#[test]
fn deep_nesting_is_rendered_without_exhausting_the_stack() {
    let mut body = String::new();
    for i in 0..10_000 {
        body.push_str(&"  ".repeat(i.min(200)));
        body.push_str(if i % 2 == 0 { "- `a`\n" } else { "- : b\n" });
    }
    body.push_str(&">".repeat(10_000));
    body.push_str(" deep\n");
    let (r, _) = render_de(&body);
    assert!(r.html().contains("deep"));
}

#[test]
fn the_summary_keeps_the_text_of_inline_macros() {
    let (r, _) = render_de(
        "{{APIRef}}\n\nEin `CloseEvent` wird über {{Glossary(\"WebSockets\")}} gesendet, wenn\n{{domxref(\"CloseEvent\")}} & Co. kommen.\n",
    );
    assert_eq!(
        r.summary.as_deref(),
        Some("Ein CloseEvent wird über WebSockets gesendet, wenn CloseEvent & Co. kommen.")
    );
}

#[test]
fn an_inline_link_whose_image_is_dropped_goes_with_it() {
    let config = Config::defaults(Path::new("."));
    let page = parsed("en", "web/api/websocket/close", "---\ntitle: T\nslug: Web/API/WebSocket/close\n---\n");
    let (model, _) = Model::assemble(vec![page], &config);
    let (i18n, _) = I18n::load("i18n", "en", &[("en".into(), vec![Source::new("i18n/en/ui.ftl", UI)])]);
    let env = Env {
        config: &config,
        model: &model,
        i18n: &i18n,
        registry: None,
        entity: model.find("Web/API/WebSocket/close").unwrap(),
        text_locale: "en",
        page_locale: "en",
        root: "../../../../../",
    };
    let html = render_inline(
        "Mozilla Developer Network [![cc-by-sa](/assets/cc.png)](http://creativecommons.org/licenses/by-sa/3.0/us/): [Article](https://developer.mozilla.org/)",
        dialect::Dialect::WebPlatform,
        &env,
    );
    assert_eq!(html, "Mozilla Developer Network: <a href=\"https://developer.mozilla.org/\">Article</a>");
}

#[test]
fn code_blocks_can_be_scrolled_from_the_keyboard() {
    let (r, _) = render_de(
        "```javascript\nif (a < b) close();\n```\n\n    indented\n\n```css\na > b {}\n```\n\n<b>raw html</b>\n",
    );
    let html = r.html();
    // The js block is highlighted (and its spans pass the sanitizer the raw HTML calls for).
    assert!(
        html.contains("<pre tabindex=\"0\"><code class=\"language-js\"><span class=\"hl-keyword\">if</span> (a &lt; b) <span class=\"hl-function\">close</span>();\n</code></pre>"),
        "{html}"
    );
    assert!(html.contains("<pre tabindex=\"0\"><code>indented\n</code></pre>"), "{html}");
    assert!(html.contains("<pre tabindex=\"0\"><code class=\"language-css\">a &gt; b {}\n</code></pre>"), "{html}");
}

/// Regression (fuzzing): `{#id key=value}` heading attributes could add an event handler.
#[test]
fn heading_attributes_cannot_add_event_handlers() {
    let (r, _) = render_de("# Title {#section onload=\"alert(1)\" .x}\n\n## Next {onclick=x}\n");
    let html = r.html();
    assert!(!html.contains("onload") && !html.contains("onclick") && !html.contains("alert"), "{html}");
    assert!(html.contains("<h1 id=\"section\">Title</h1>"), "{html}");
}

#[test]
fn an_unclosed_code_block_is_warned_about_at_its_fence() {
    let (r, d) = render_de("## Syntax\n\n```js\nws.close()\n\n## Beispiele\n\nText.\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "code-block-unclosed");
    let at = d[0].location.as_ref().unwrap();
    // The body starts on line 5 of the file, after the front matter; the fence is its 3rd line.
    assert_eq!((at.line, at.col), (7, 1));
    assert!(d[0].render().contains("```js"), "{}", d[0].render());
    // What the warning is about: the heading below is shown as code.
    assert!(!r.html().contains("id=\"beispiele\""), "{}", r.html());
    // Closed fences, longer closing fences, tildes and fences in quotes and lists are fine.
    for body in [
        "```js\nws.close()\n```\n",
        "```\nx\n`````\n",
        "~~~\nx\n~~~\n\nText.\n",
        "> ```js\n> x\n> ```\n",
        "- item\n\n  ```js\n  x\n  ```\n",
        "```\n```\n",
    ] {
        let (_, d) = render_de(body);
        assert!(d.is_empty(), "{body:?}: {d:?}");
    }
    // A fence closed by a shorter one, or by another character, is not closed.
    for body in ["````\nx\n```\n", "```\nx\n~~~\n", "```\n"] {
        let (_, d) = render_de(body);
        assert_eq!(d.len(), 1, "{body:?}");
    }
}

/// The warnings of `body` rendered as the German page, as (code, line, column).
fn warnings(body: &str) -> Vec<(&'static str, usize, usize)> {
    let (_, d) = render_de(body);
    d.iter()
        .map(|d| {
            let at = d.location.as_ref().expect("located");
            (d.code, at.line, at.col)
        })
        .collect()
}

#[test]
fn a_heading_without_its_space_is_warned_about() {
    // The body starts on line 5 of the file.
    let (r, d) = render_de("Text.\n\n##Syntax\n\nMore.\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "heading-syntax");
    let at = d[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (7, 1));
    assert!(d[0].hint.as_deref().unwrap().contains("`## Syntax`"), "{:?}", d[0].hint);
    // What the warning is about: no section.
    assert!(r.sections.iter().all(|s| s.kind != Some(SectionKind::Syntax)));
    // A line of a paragraph, and a quote, too.
    assert_eq!(warnings("Text\n###Parameter\n"), [("heading-syntax", 6, 1)]);
    assert_eq!(warnings("> #Hinweis\n"), [("heading-syntax", 5, 3)]);
    // Headings, numbers, `#` in the middle of a line and in code are fine.
    for body in ["## Syntax\n", "#1 und #2\n", "Ein #Hashtag.\n", "`##x`\n", "```\n##x\n```\n", "####### zu tief\n"] {
        assert!(warnings(body).is_empty(), "{body:?}");
    }
}

#[test]
fn a_link_that_is_shown_as_text_is_warned_about() {
    let (r, d) = render_de("Die [`WebSocket`] (/de/docs/Web/API/WebSocket)-Verbindung.\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "link-syntax");
    assert!(d[0].message.contains("space"), "{}", d[0].message);
    let at = d[0].location.as_ref().unwrap();
    // From the `[` on.
    assert_eq!((at.line, at.col), (5, 5));
    assert!(d[0].render().contains("^^^^"), "{}", d[0].render());
    assert!(!r.html().contains("<a "), "{}", r.html());
    // A target with a space, or not closed.
    for body in
        ["Siehe [WebSocket](/de/docs/Web/API/WebSocket Seite).\n", "Siehe [WebSocket](/de/docs/Web/API/WebSocket\n"]
    {
        let d = warnings(body);
        assert_eq!(d, [("link-syntax", 5, 7)], "{body:?}");
    }
    assert_eq!(warnings("[a] (https://example.org/)\n"), [("link-syntax", 5, 1)]);
    // Links, and brackets and parentheses that are not meant as links, are fine.
    for body in [
        "[a](/de/docs/Web/API/WebSocket) und [b](#syntax \"Titel\").\n",
        "Siehe [RFC] (2119) und arr[0] (x) und f(a[0]) (b).\n",
        "`[a] (/x)` und `[a](b c)`\n",
        "[1]\n\n[1]: https://example.org/\n",
    ] {
        assert!(warnings(body).is_empty(), "{body:?}: {:?}", warnings(body));
    }
}

#[test]
fn an_alert_shown_as_a_quote_is_warned_about() {
    let (r, d) = render_de("> [!HINWEIS]\n> Text.\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "alert-syntax");
    let at = d[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (5, 3));
    // The German title is recognised as the note's.
    assert!(d[0].hint.as_deref().unwrap().contains("did you mean `[!NOTE]`? “Hinweis”"), "{:?}", d[0].hint);
    assert!(!r.html().contains("notecard"), "{}", r.html());
    // Another word: the hint lists the types.
    let (_, d) = render_de("> [!ACHTUNG]\n> Text.\n");
    assert!(d[0].hint.as_deref().unwrap().contains("`[!CAUTION]`"), "{:?}", d[0].hint);
    // A type followed by text on its line.
    let (_, d) = render_de("> [!NOTE] Text.\n");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].message.contains("alone"), "{}", d[0].message);
    // Alerts, in any case, and quotes starting with other brackets are fine.
    for body in ["> [!NOTE]\n> Text.\n", "> [!note]\n> Text.\n", "> [a] Text.\n", "> [!1]\n", "Text [!NOTE]\n"] {
        assert!(warnings(body).is_empty(), "{body:?}: {:?}", warnings(body));
    }
}

#[test]
fn a_definition_without_the_space_after_its_dash_is_warned_about() {
    let body = "- `code`\n  -: Ein Code.\n";
    let (r, d) = render_de(body);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "definition-syntax");
    let at = d[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (6, 3));
    assert!(d[0].hint.as_deref().unwrap().contains("`- : Ein Code.`"), "{:?}", d[0].hint);
    assert!(!r.html().contains("<dd>"), "{}", r.html());
    // Definitions, and dashes in text, are fine.
    for body in ["- `code`\n  - : Ein Code.\n", "- `code`\n  - :Ein Code.\n", "Text\n- -:x\n", "A -: b\n"] {
        assert!(warnings(body).is_empty(), "{body:?}: {:?}", warnings(body));
    }
}

#[test]
fn text_made_of_the_patterns_pieces_never_panics() {
    // Pieces of the shapes the syntax warnings and older notes look for, with multi-byte letters
    // next to them.
    const PIECES: [&str; 21] = [
        "[",
        "]",
        "(",
        ")",
        " ",
        "#",
        "##",
        "-",
        "-:",
        ":",
        "!",
        "NOTE",
        "ß",
        "é\u{301}",
        "\n",
        "> ",
        "`",
        "/a b",
        "**",
        "> **Note:**",
        "> **Hinweis**",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut boxes = 0;
    for _ in 0..3000 {
        let mut body = String::new();
        for _ in 0..12 {
            // xorshift: the same sequence on every run.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            body.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
        }
        let (r, d) = render_de(&body);
        for d in &d {
            let at = d.location.as_ref().expect("located");
            assert!(at.line >= 5, "{body:?}: {d:?}");
        }
        boxes += usize::from(r.html().contains("notecard"));
    }
    // The older notes' pieces do make boxes.
    assert!(boxes > 100, "{boxes}");
}

#[test]
fn a_table_row_with_more_cells_than_columns_is_warned_about() {
    let body = "| Code | Name |\n| --- | --- |\n| `1000` | Normal |\n| `a || b` | Or |\n";
    let (r, d) = render_de(body);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].code, "table-cells");
    assert!(d[0].message.starts_with("this row has 4 cells but the table has 2 columns"), "{}", d[0].message);
    let at = d[0].location.as_ref().unwrap();
    // The body starts on line 5: the fourth row, at the pipe that starts its third cell.
    assert_eq!((at.line, at.col), (8, 7));
    assert!(d[0].hint.as_deref().unwrap().contains("even inside `code`"), "{:?}", d[0].hint);
    // What the warning is about: `b` is not on the page.
    assert!(!r.html().contains(" b"), "{}", r.html());
    assert_eq!(warnings("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"), [("table-cells", 7, 9)]);
    // Escaped pipes, optional outer pipes, fewer cells and wide headers are fine.
    for body in [
        "| a | b |\n|---|---|\n| x \\| y | `p\\|q` |\n",
        "a | b\n--|--\n1 | 2\n",
        "| a | b | c |\n|---|---|---|\n| 1 |\n",
        "| a | b |\n|---|---|\n| 1 | 2 |   \n",
        "| a | b |\n|---|---|\n| 1 \\\\| 2 |\n",
        "> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
        "- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    ] {
        assert!(warnings(body).is_empty(), "{body:?}: {:?}", warnings(body));
    }
}

#[test]
fn a_link_one_letter_off_one_of_our_pages_is_warned_about() {
    // The site of `render_de` has Web/API/WebSocket/close and Web/API/CloseEvent.
    let (r, d) = render_de("Siehe [close](/de/docs/Web/API/WebSocket/closee) und {{domxref(\"CloseEvnt\")}}.\n");
    let mut found: Vec<(&str, usize, usize, &str)> = d
        .iter()
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (d.code, at.line, at.col, d.hint.as_deref().unwrap())
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "link-near-miss",
                5,
                7,
                "did you mean `Web/API/WebSocket/close`? If the page is meant to be the source site's, the link is right as it is"
            ),
            (
                "link-near-miss",
                5,
                54,
                "did you mean `Web/API/CloseEvent`? If the page is meant to be the source site's, the link is right as it is"
            ),
        ]
    );
    // The links still lead where they did: to MDN.
    assert!(r.html().contains("https://developer.mozilla.org/de/docs/Web/API/WebSocket/closee"), "{}", r.html());
    // Our pages, pages far from ours, other first letters and other folders raise nothing.
    for body in [
        "[a](/de/docs/Web/API/WebSocket/close) {{domxref(\"CloseEvent\")}} {{domxref(\"WebSocket.close()\")}}\n",
        "[a](/de/docs/Web/API/WebSocket/send) [b](/de/docs/Web/API/WebSocket/onclose)\n",
        "[a](/de/docs/Web/API/Socket/closee) [b](https://example.org/Web/API/WebSocket/closee)\n",
    ] {
        assert!(warnings(body).is_empty(), "{body:?}: {:?}", warnings(body));
    }
    // `clone` is one letter off `close` with the same first letter: it is named (and right as it
    // is if MDN has it); `lose` starts with another letter.
    assert_eq!(warnings("[b](/de/docs/Web/API/WebSocket/clone)\n"), [("link-near-miss", 5, 1)]);
    assert!(warnings("[b](/de/docs/Web/API/WebSocket/lose)\n").is_empty());
}

#[test]
fn every_known_macro_renders_and_the_check_without_rendering_agrees() {
    // `macros::KNOWN` is the list both `macros::render` and `macros::check_calls` (for a page
    // whose front matter fails) go by: each of its names must have its rendering, and the two
    // must say the same of any name.
    let names =
        macros::KNOWN.iter().copied().chain(["NoSuchMacro", "SpecName", "EmbedLiveSample", "cssxref", "domxrf"]);
    for name in names {
        let body = format!("{{{{{name}}}}}\n");
        let checked = macros::check_calls(&body, &Source::new("p.md", body.as_str()), 0);
        let (_, rendered) = render_de(&body);
        let unknown = |d: &[Diagnostic]| d.iter().any(|d| d.code == "macro-unknown");
        assert_eq!(unknown(&checked), unknown(&rendered), "{name}: {checked:?} / {rendered:?}");
        assert_eq!(unknown(&rendered), !macros::KNOWN.contains(&name), "{name}: {rendered:?}");
    }
}

#[test]
fn wrong_arguments_are_found_alike_with_and_without_rendering() {
    // A page whose front matter fails is not rendered; `check_calls` must still report the
    // arguments `render` would refuse, and no others (both go by `macros::expected_args`).
    let calls = [
        "{{domxref}}",
        "{{domxref(\"\")}}",
        "{{domxref(3)}}",
        "{{domxref(\"WebSocket\")}}",
        "{{optional_inline(\"x\")}}",
        "{{optional_inline}}",
        "{{Glossary}}",
        "{{Glossary(\"UTF-8\", \"UTF-8 zwei\")}}",
        "{{jsxref}}",
        "{{jsxref(\"undefined\")}}",
        "{{HTTPStatus(\"4/0\")}}",
        "{{HTTPStatus(\"400\")}}",
        "{{Compat(\"a\", \"b\")}}",
        "{{Compat(\"\")}}",
        "{{Compat}}",
        "{{APIRef(\"a\", \"b\")}}",
        "{{APIRef(\"WebSockets API\")}}",
        "{{Specifications(1)}}",
        "{{Specifications}}",
        "{{SeeCompatTable(true)}}",
        "{{AvailableInWorkers}}",
    ];
    let mut wrong = 0;
    for call in calls {
        let body = format!("Text {call}\n");
        let refused = |d: &[Diagnostic]| -> Vec<(String, Option<String>, usize)> {
            d.iter()
                .filter(|d| d.code == "macro-arguments")
                .map(|d| (d.message.clone(), d.label.clone(), d.location.as_ref().map_or(0, |l| l.col)))
                .collect()
        };
        let checked = refused(&macros::check_calls(&body, &Source::new("p.md", body.as_str()), 0));
        let rendered = refused(&render_de(&body).1);
        assert_eq!(checked, rendered, "{call}");
        wrong += usize::from(!rendered.is_empty());
        assert!(rendered.iter().all(|(_, label, col)| *col == 6 && label.is_some()), "{call}: {rendered:?}");
    }
    assert_eq!(wrong, 12, "the calls above with wrong arguments");
}
