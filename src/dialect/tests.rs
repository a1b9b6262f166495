use super::*;
use crate::diag::Source;

fn file(locale: &str, dir: &str, text: &str) -> ContentFile {
    ContentFile {
        source: Source::new(format!("content/{locale}/{dir}/index.md"), text),
        locale: locale.into(),
        dir: dir.into(),
        role: Role::Primary,
    }
}

fn parse_ok(locale: &str, dir: &str, text: &str) -> ParsedFile {
    parse(&file(locale, dir, text), locale).unwrap_or_else(|d| panic!("{}", d[0].render()))
}

fn parse_err(text: &str) -> Diagnostic {
    parse(&file("en", "web/api/x", text), "en-US").expect_err("should fail").remove(0)
}

#[test]
fn the_three_dialects_of_close_are_one_entity() {
    let es =
        parse_ok("es", "web/api/websocket/close", include_str!("../../content/es/web/api/websocket/close/index.md"));
    let de =
        parse_ok("de", "web/api/websocket/close", include_str!("../../content/de/web/api/websocket/close/index.md"));
    let mut wpd_file = file(
        "en",
        "web/api/websocket/close",
        include_str!("../../content/en/web/api/websocket/close/webplatform.supplement.md"),
    );
    wpd_file.role = Role::Supplement("webplatform".into());
    let wpd = parse(&wpd_file, "en-US").unwrap();
    assert_eq!(
        (es.meta.dialect, de.meta.dialect, wpd.meta.dialect),
        (Dialect::Jekyll, Dialect::Mdn, Dialect::WebPlatform)
    );
    for p in [&es, &de, &wpd] {
        assert_eq!(p.meta.key, "Web/API/WebSocket/close");
        assert!(p.warnings.is_empty());
    }
    // w3api tags it "metodo", WebPlatform names it "method_of"; the German MDN page has no
    // page-type (the entity takes its kind from the English page).
    assert_eq!(
        (es.meta.kind, wpd.meta.kind, de.meta.kind),
        (Some(Kind::Method), Some(Kind::Method), Some(Kind::Other))
    );
    assert_eq!(de.meta.source_commit.as_deref(), Some("3e543cdfe8dddfb4774a64bf3decdcbab42a4111"));
    assert_eq!(de.meta.short_title.as_deref(), Some("close()"));
    assert_eq!(de.meta.source.original_url, "https://developer.mozilla.org/de/docs/Web/API/WebSocket/close");
    assert_eq!(es.meta.source.original_url, "https://www.w3api.com/WebAPI/WebSocket/close/");
    assert_eq!(
        es.meta.summary.as_deref(),
        Some("El método close del objeto WebSocket cierra la conexión con el servidor.")
    );
    assert_eq!(wpd.meta.summary.as_deref(), Some("Closes the WebSocket connection or connection attempt, if any."));
    assert_eq!(wpd.meta.source.licence, "CC BY 3.0");
    let field = |p: &ParsedFile, f: &str| {
        p.meta.facts.iter().filter(|x| x.field == f).map(|x| x.value.clone()).collect::<Vec<_>>()
    };
    assert_eq!(field(&wpd, "readiness"), ["Almost Ready"]);
    assert_eq!(field(&wpd, "standardization_status"), ["W3C Candidate Recommendation"]);
    assert_eq!(field(&wpd, "attributions").len(), 2);
    // Tags are a map with numeric keys and a gap (no 3): kept in key order.
    assert_eq!(field(&wpd, "tags"), ["API, Object, Methods, WebSocket"]);
}

#[test]
fn closeevent_without_page_type_is_an_interface() {
    let p = parse_ok("es", "web/api/closeevent", include_str!("../../content/es/web/api/closeevent/index.md"));
    assert_eq!(p.meta.key, "Web/API/CloseEvent");
    assert_eq!(p.meta.kind, Some(Kind::Interface));
}

#[test]
fn body_starts_after_the_front_matter() {
    let p = parse_ok("en", "web/api/x", "---\ntitle: X\nslug: Web/API/X\n---\nHello\n");
    assert_eq!(p.body(), "Hello\n");
}

#[test]
fn unclosed_front_matter_points_at_the_opening_line() {
    let d = parse_err("---\ntitle: X\nslug: Web/API/X\n\nHello\n");
    assert_eq!(d.code, "front-matter-unclosed");
    assert_eq!(d.location.unwrap().line, 1);
}

#[test]
fn malformed_yaml_points_at_its_line() {
    let d = parse_err("---\ntitle: X\nslug: [Web/API/X\n---\nHello\n");
    assert_eq!(d.code, "front-matter-yaml");
    let line = d.location.unwrap().line;
    assert!((3..=4).contains(&line), "line {line}");
}

#[test]
fn missing_title_is_reported_with_a_hint() {
    let d = parse_err("---\nslug: Web/API/X\n---\n");
    assert_eq!(d.code, "front-matter-missing-field");
    assert!(d.message.contains("title"));
    assert!(d.hint.unwrap().contains("title:"));
}

#[test]
fn an_empty_title_is_reported_at_its_line() {
    for text in ["---\ntitle:\nslug: Web/API/X\n---\n", "---\nslug: Web/API/X\ntitle: \"  \"\n---\n"] {
        let d = parse_err(text);
        assert_eq!(d.code, "front-matter-missing-field");
        assert_eq!(d.message, "`title` has no value", "{text:?}");
        let at = d.location.unwrap();
        let line = text.lines().position(|l| l.starts_with("title:")).unwrap() + 1;
        assert_eq!((at.line, at.col), (line, 1), "{text:?}");
    }
}

#[test]
fn unknown_dialect_lists_the_fields_found() {
    let d = parse_err("---\ntitle: X\nauthor: me\n---\n");
    assert_eq!(d.code, "dialect-unknown");
    assert!(d.label.unwrap().contains("author, title"));
}

#[test]
fn mixed_dialects_are_ambiguous_unless_named() {
    let text = "---\ntitle: X\nslug: Web/API/X\nuri: apis/x/X\n---\n";
    assert_eq!(parse_err(text).code, "dialect-ambiguous");
    let named = "---\ntitle: X\nslug: Web/API/X\nuri: apis/x/X\npolyref-dialect: mdn\n---\n";
    assert_eq!(parse_ok("en", "web/api/x", named).meta.dialect, Dialect::Mdn);
}

#[test]
fn a_field_of_the_wrong_shape_is_located() {
    let d = parse_err("---\ntitle: X\nslug: Web/API/X\nl10n: just-text\n---\n");
    assert_eq!(d.code, "front-matter-field");
    assert_eq!(d.location.unwrap().line, 4);
}

#[test]
fn a_page_in_the_wrong_folder_is_a_warning_naming_the_right_one() {
    let p = parse_ok("en", "web/api/elsewhere", "---\ntitle: X\nslug: Web/API/X\n---\n");
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].hint.as_ref().unwrap().contains("content/en/web/api/x/"));
}

#[test]
fn addresses_that_would_leave_the_site_are_rejected() {
    for slug in ["Web/../../etc", "Web/API/%2e%2e/x", "Web\\\\API", "Web//API", "./x", "Web/API/a\\u0000b"] {
        let text = format!("---\ntitle: X\nslug: \"{slug}\"\n---\n");
        let d = parse_err(&text);
        assert_eq!(d.code, "unsafe-slug", "{slug}");
        assert_eq!(d.location.unwrap().line, 3, "{slug}");
    }
    let d = parse_err("---\ntitle: X\nuri: apis/websocket/../../x\n---\n");
    assert_eq!(d.code, "unsafe-slug");
}

#[test]
fn misspelt_and_misplaced_fields_are_warned_about() {
    let page = |fields: &str| format!("---\ntitle: X\nslug: Web/API/X\n{fields}---\n\nText.\n");
    let warnings = |fields: &str| {
        let p = parse_ok("de", "web/api/x", &page(fields));
        p.warnings.iter().map(|w| (w.message.clone(), w.location.as_ref().map(|l| (l.line, l.col)))).collect::<Vec<_>>()
    };
    assert_eq!(warnings("l10n:\n  sourceCommit: abc1234\npolyref-source-hash: abc1234\n"), vec![]);
    // MDN pages have fields polyref does not use: only near misses are named.
    assert_eq!(warnings("tags: [a]\n"), vec![]);
    assert_eq!(warnings("tilte: Y\n"), vec![("`tilte` is not a field of the mdn dialect".into(), Some((4, 1)))]);
    assert_eq!(
        warnings("polyref-source-hsh: abc\n"),
        vec![("`polyref-source-hsh` is not a field of the mdn dialect".into(), Some((4, 1)))]
    );
    // `sourceCommit` left unindented: `l10n:` is empty and the commit would be lost.
    assert_eq!(
        warnings("l10n:\nsourceCommit: abc1234\n"),
        vec![("`sourceCommit` belongs below `l10n:`".into(), Some((5, 1)))]
    );
    // Below `l10n:`, a misspelt name is found on its own line.
    let w = parse_ok(
        "de",
        "web/api/x",
        &page("sourcecommit: x\nl10n:\n  # the English commit\n\n  sourcecommit: abc1234\n"),
    );
    let nested = w.warnings.iter().find(|w| w.message.starts_with("`l10n.")).expect("a warning for l10n");
    assert_eq!(nested.message, "`l10n.sourcecommit` is not a field of MDN pages");
    let at = nested.location.as_ref().unwrap();
    assert_eq!((at.line, at.col), (8, 3));
    assert!(nested.hint.as_ref().unwrap().contains("capitals"));
}

#[test]
fn a_date_that_is_not_on_the_calendar_is_warned_about() {
    let page = |date: &str| {
        let text = format!("---\ntitle: X\npermalink: /WebAPI/WebSocket/close/\ndate: {date}\n---\n");
        parse_ok("es", "web/api/websocket/close", &text).warnings
    };
    for (date, why) in [
        ("2025-02-31", "month 2 of 2025 has 28 days"),
        ("2025-13-01", "there is no month 13"),
        ("25-02-04", "the year has four digits"),
        ("ayer", "dates are written year-month-day"),
    ] {
        let w = page(date);
        assert_eq!(w.len(), 1, "{date}: {w:?}");
        assert_eq!(w[0].code, "front-matter-date");
        assert_eq!(w[0].message, format!("`{date}` is not a date: {why}"));
        assert_eq!(w[0].location.as_ref().unwrap().line, 4);
    }
    for date in ["2025-02-04", "2024-02-29", "2000-02-29", "2025-02-04 10:00:00 +0100", "2025-02-04T10:00:00Z"] {
        assert!(page(date).is_empty(), "{date}");
    }
    assert_eq!(page("1900-02-29").len(), 1, "1900 is not a leap year");
}

#[test]
fn a_source_version_that_is_not_a_git_id_is_warned_about() {
    let page = |fields: &str| {
        let text = format!("---\ntitle: X\nslug: Web/API/WebSocket/close\n{fields}---\n");
        parse_ok("de", "web/api/websocket/close", &text).warnings
    };
    let w = page("l10n:\n  sourceCommit: neu\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, "front-matter-commit");
    assert_eq!((w[0].location.as_ref().unwrap().line, w[0].location.as_ref().unwrap().col), (5, 3));
    let w = page("polyref-source-hash: 3e54-cdfe\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].location.as_ref().unwrap().line, 4);
    for fields in [
        "l10n:\n  sourceCommit: 3e543cdfe8dddfb4774a64bf3decdcbab42a4111\n",
        "l10n:\n  sourceCommit: 3e543cd\n",
        "polyref-source-hash: 3E543CDFE8DDDFB4774A64BF3DECDCBAB42A4111\n",
        "",
    ] {
        assert!(page(fields).is_empty(), "{fields:?}: {:?}", page(fields));
    }
}

#[test]
fn an_mdn_status_that_is_not_one_of_mdns_is_a_warning() {
    let page = |status: &str| {
        let text = format!("---\ntitle: X\nslug: Web/API/WebSocket/close\nstatus:\n  - {status}\n---\n");
        parse_ok("en", "web/api/websocket/close", &text)
    };
    let p = page("experimntal");
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert_eq!(p.warnings[0].code, "front-matter-status");
    assert_eq!(p.warnings[0].location.as_ref().unwrap().line, 4);
    assert!(p.warnings[0].hint.as_deref().unwrap().starts_with("did you mean `experimental`?"));
    for status in ["experimental", "deprecated", "non-standard"] {
        let p = page(status);
        assert!(p.warnings.is_empty(), "{status}: {:?}", p.warnings);
        assert_eq!(p.meta.status, [status]);
    }
}
