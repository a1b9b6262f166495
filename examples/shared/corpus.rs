//! The synthetic corpus of the benchmarks (`bench_corpus`, `bench_incremental`): N API pages ×
//! 3 locales (en, es, de) in polyref's content layout, shaped like MDN reference pages (about
//! 4 KB of markdown each), and optionally the same pages as a Hugo site. Included by each example
//! with `#[path]`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const LOCALES: [&str; 3] = ["en", "es", "de"];
const INTERFACES: [&str; 8] = ["Widget", "Channel", "Stream", "Socket", "Buffer", "Observer", "Registry", "Controller"];
const MEMBERS: [&str; 8] = ["open", "close", "send", "read", "write", "reset", "flush", "observe"];

/// Interface and member of page `i`: `Widget7` / `open`.
fn names(i: usize) -> (String, &'static str) {
    (format!("{}{}", INTERFACES[i % INTERFACES.len()], i / INTERFACES.len()), MEMBERS[(i / 3) % MEMBERS.len()])
}

pub fn slug(i: usize) -> String {
    let (iface, member) = names(i);
    format!("Web/API/{iface}/{member}")
}

/// The markdown body of page `i` in `locale`, with MDN macros when `macros` is set, or the same
/// content written as plain markdown (for Hugo) when not.
fn body(i: usize, n: usize, locale: &str, macros: bool) -> String {
    let (iface, member) = names(i);
    let prefix = if locale == "en" { "en-US" } else { locale };
    let link = |j: usize| {
        let (li, lm) = names(j % n);
        format!("[`{li}.{lm}()`](/{prefix}/docs/{})", slug(j % n))
    };
    let m = |mac: &str, plain: &str| if macros { mac.to_string() } else { plain.to_string() };
    let mut s = String::with_capacity(4096);
    if macros {
        s.push_str("{{APIRef(\"Benchmark API\")}}\n\n");
    }
    let _ = writeln!(
        s,
        "The **`{member}()`** method of the {} interface ({locale}) works with {} and {}. It is related to {} and uses {}.\n",
        m(&format!("{{{{domxref(\"{iface}\")}}}}"), &format!("`{iface}`")),
        link(i + 1),
        link(i + 7),
        link(i * 13 + 5),
        m("{{Glossary(\"UTF-8\")}}", "UTF-8"),
    );
    let _ = writeln!(
        s,
        "> [!NOTE]\n> Calling `{member}()` on a closed {iface} does nothing; see {} for the life cycle.\n",
        link(i + 3)
    );
    let _ = writeln!(
        s,
        "## Description\n\nA call to `{member}()` is queued behind the work the {iface} already has, and it runs when that work is done. While it runs, the object does not accept new work, and every listener sees the change in the order it was added. Errors are reported through the `error` event rather than thrown, so that a page can keep working while one part of it fails; see {} for the events.\n\nThe method is safe to call more than once: a second call while the first is still running returns at once and changes nothing. This makes it easy to use in handlers that may fire twice, such as {} and {}.\n",
        link(i + 17),
        link(i + 19),
        link(i + 23)
    );
    let _ = writeln!(s, "## Syntax\n\n```js\n{member}()\n{member}(options)\n{member}(options, callback)\n```\n");
    let _ = writeln!(s, "### Parameters\n");
    for (p, desc) in [("options", "An object with settings"), ("callback", "A function called when it is done")] {
        let _ = writeln!(
            s,
            "- `{p}` {}\n  - : {desc} for `{iface}.{member}()`. It may be left out; the default is used then.\n",
            m("{{optional_inline}}", "(optional)")
        );
    }
    let _ = writeln!(s, "### Return value\n\nNone ({}).\n", m("{{jsxref(\"undefined\")}}", "`undefined`"));
    let _ = writeln!(s, "## Values\n\n| Value | Name | Meaning |\n| --- | --- | --- |");
    for r in 0..16 {
        let _ = writeln!(s, "| `{}` | State{r} | The {iface} is in state {r}; {member}() moves it on. |", 1000 + r);
    }
    let _ = writeln!(
        s,
        "\n## Examples\n\n### Using {member}()\n\n```js\nconst item = new {iface}();\nitem.addEventListener(\"change\", (event) => {{\n  console.log(event.target, \"{member}\");\n}});\nitem.{member}({{ mode: \"fast\" }}, () => console.log(\"done\"));\n```\n"
    );
    let _ = writeln!(s, "## See also\n\n- {}\n- {}\n- {}", link(i + 2), link(i + 11), link(i + 29));
    s
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a file has a folder")).expect("create folder");
    fs::write(path, text).expect("write file");
}

/// Writes `pages` API pages in every locale to `out/content/`, and the same pages as a Hugo site
/// to `hugo` when given.
pub fn generate(out: &Path, pages: usize, hugo: Option<&Path>) {
    for i in 0..pages {
        let slug = slug(i);
        let (iface, member) = names(i);
        for locale in LOCALES {
            let l10n = if locale == "en" {
                String::new()
            } else {
                format!("l10n:\n  sourceCommit: {:040x}\n", i as u128 * 7919 + 17)
            };
            let fm = format!(
                "---\ntitle: \"{iface}: {member}() method\"\nshort-title: {member}()\nslug: {slug}\npage-type: web-api-instance-method\n{l10n}---\n\n"
            );
            let path = out.join("content").join(locale).join(slug.to_lowercase()).join("index.md");
            write(&path, &(fm + &body(i, pages, locale, true)));
            if let Some(h) = hugo {
                let fm = format!("---\ntitle: \"{iface}: {member}() method\"\n---\n\n");
                let path = h.join("content").join(locale).join(slug.to_lowercase()).join("index.md");
                write(&path, &(fm + &body(i, pages, locale, false)));
            }
        }
    }
    if let Some(h) = hugo {
        write(
            &h.join("hugo.toml"),
            "baseURL = \"https://example.org/\"\ntitle = \"bench\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\ndefaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n[markup.highlight]\ncodeFences = false\n[languages.en]\ncontentDir = \"content/en\"\nweight = 1\n[languages.es]\ncontentDir = \"content/es\"\nweight = 2\n[languages.de]\ncontentDir = \"content/de\"\nweight = 3\n",
        );
        write(
            &h.join("layouts/_default/single.html"),
            "<!DOCTYPE html><html lang=\"{{ .Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>{{ range .Translations }}<link rel=\"alternate\" hreflang=\"{{ .Lang }}\" href=\"{{ .Permalink }}\">{{ end }}</head><body><nav>{{ range .Site.Languages }}<a href=\"/{{ .Lang }}/\">{{ .LanguageName }}</a> {{ end }}</nav><main><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</main></body></html>\n",
        );
        write(
            &h.join("layouts/_default/list.html"),
            "<!DOCTYPE html><html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n",
        );
    }
}
