//! `polyref new-locale <tag>`: adds a language to the site. It adds the tag to `locales` in
//! `polyref.toml` (editing the text, so comments and layout stay), writes
//! `i18n/<tag>/<file>.ftl` skeletons holding every message of the default locale as a comment
//! for reference, and names the new language in the default locale's `ui.ftl`
//! (`language-<tag>`). The site then builds with the new locale's pages falling back to the
//! default language, marked as such, and `polyref status` shows it at 0%.

use std::path::Path;

use unic_langid::LanguageIdentifier;

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Location};
use crate::load;

/// What `new-locale` did.
#[derive(Debug, Clone)]
pub struct Added {
    /// The tag as added (canonical case: `pt-BR`).
    pub locale: String,
    /// Files written or changed, as display paths.
    pub changed: Vec<String>,
    /// Files that existed already and were left as they were.
    pub kept: Vec<String>,
    /// The language's English name and its name in itself, when known.
    pub english_name: Option<String>,
    pub autonym: Option<String>,
}

fn fail(message: String, hint: &str) -> Diagnostic {
    Diagnostic::error("new-locale", message).hint(hint.to_string())
}

/// The language's English name and its own name, from ISO 639 tables.
pub fn names(tag: &LanguageIdentifier) -> (Option<String>, Option<String>) {
    let lang = tag.language.as_str();
    let found = isolang::Language::from_639_1(lang).or_else(|| isolang::Language::from_639_3(lang));
    (found.map(|l| l.to_name().to_string()), found.and_then(|l| l.to_autonym()).map(str::to_string))
}

/// Adds `tag` to the project at `root`.
pub fn add(root: &Path, tag: &str) -> Result<Added, Diagnostic> {
    let id: LanguageIdentifier = tag.parse().map_err(|_| {
        fail(format!("`{tag}` is not a language tag"), "use a BCP 47 tag such as `fr`, `pt-BR` or `zh-Hant`")
    })?;
    let locale = id.to_string();
    if locale.contains(['/', '\\']) || locale == "und" {
        return Err(fail(format!("`{tag}` is not a language tag"), "use a BCP 47 tag such as `fr` or `pt-BR`"));
    }
    let config = Config::load(root)?;
    if config.is_locale(&locale) {
        return Err(fail(
            format!("`{locale}` is already one of the site's languages"),
            "run `polyref status` to see what is left to translate in it",
        ));
    }
    let (english_name, autonym) = names(&id);
    // The default locale's message files, the reference for the new ones (read before writing
    // anything, so that a failure changes nothing).
    let default_dir = config.i18n_dir.join(&config.default_locale);
    let mut sources: Vec<_> = std::fs::read_dir(&default_dir)
        .map_err(|e| {
            fail(
                format!("cannot read {}: {e}", load::display_path(&config, &default_dir)),
                "the default locale's messages are the reference for the new ones",
            )
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    sources.sort();
    let mut changed = Vec::new();
    let mut kept = Vec::new();

    // polyref.toml: append to `locales`, keeping everything else as written.
    let settings = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&settings) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(fail(format!("cannot read {CONFIG_FILE}: {e}"), "check the file's permissions")),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| fail(format!("{CONFIG_FILE} is not valid TOML: {e}"), "fix it, then run new-locale again"))?;
    match doc.get_mut("locales").and_then(|v| v.as_array_mut()) {
        Some(list) => list.push(locale.as_str()),
        None => {
            let mut list = toml_edit::Array::new();
            for l in config.locales.iter().chain(std::iter::once(&locale)) {
                list.push(l.as_str());
            }
            doc["locales"] = toml_edit::value(list);
        }
    }
    write(&settings, &doc.to_string())?;
    changed.push(CONFIG_FILE.to_string());

    // The new language's name in the default locale (`language-<tag>`), used by notices;
    // first, so that the skeleton has it too.
    let ui = default_dir.join("ui.ftl");
    if let Ok(text) = std::fs::read_to_string(&ui) {
        let id = format!("language-{locale}");
        if !crate::messages::defined_in(&crate::diag::Source::new("ui.ftl", text.as_str())).iter().any(|d| d.id == id) {
            let line = format!("{id} = {}", english_name.clone().unwrap_or_else(|| locale.clone()));
            write(&ui, &insert_after_last(&text, "language-", &line))?;
            changed.push(load::display_path(&config, &ui));
        }
    }
    // i18n/<tag>/: a skeleton for each message file of the default locale.
    let new_dir = config.i18n_dir.join(&locale);
    std::fs::create_dir_all(&new_dir)
        .map_err(|e| fail(format!("cannot create {}: {e}", new_dir.display()), "check the folder's permissions"))?;
    for src in &sources {
        let name = src.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let target = new_dir.join(&name);
        let shown = load::display_path(&config, &target);
        if target.exists() {
            kept.push(shown);
            continue;
        }
        let source = load::read_text(src, &load::display_path(&config, src))?;
        let reference = load::display_path(&config, src);
        write(&target, &skeleton(&source.text, &locale, &reference, english_name.as_deref(), autonym.as_deref()))?;
        changed.push(shown);
    }

    Ok(Added { locale, changed, kept, english_name, autonym })
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    std::fs::write(path, text).map_err(|e| {
        Diagnostic::error("new-locale", format!("cannot write {}: {e}", path.display()))
            .at(Location::file(path.display().to_string()))
            .hint("check the folder's permissions")
    })
}

/// `text` with `line` inserted after its last line starting with `prefix` (or at the end).
fn insert_after_last(text: &str, prefix: &str, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    match lines.iter().rposition(|l| l.starts_with(prefix)) {
        Some(i) => lines.insert(i + 1, line),
        None => lines.push(line),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The skeleton of a message file: a header saying what to do, then the reference file with
/// every message line turned into a comment. Comments of the reference stay as they are.
pub fn skeleton(
    reference: &str,
    locale: &str,
    reference_path: &str,
    english: Option<&str>,
    autonym: Option<&str>,
) -> String {
    let language = english.map_or_else(|| locale.to_string(), |e| format!("{e} ({locale})"));
    let mut out = format!(
        "### Messages in {language}, to translate. Written by `polyref new-locale {locale}` from\n\
         ### {reference_path}.\n\
         ###\n\
         ### Every message is below in English, as a comment: `# id = text`. To translate one,\n\
         ### remove the `# ` in front of its lines, keep the id (left of `=`) and anything in\n\
         ### `{{ … }}`, and write your text after `=`. Lines starting with `.` belong to the message\n\
         ### above them. A message left as a comment is shown in English, and `polyref status`\n\
         ### lists it.\n"
    );
    if let Some(a) = autonym.filter(|_| reference.contains("language-name")) {
        out.push_str(&format!("###\n### The name of this language in itself is usually written: {a}\n"));
    }
    out.push('\n');
    for line in reference.lines() {
        if line.is_empty() || line.starts_with('#') {
            out.push_str(line);
        } else {
            out.push_str("# ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_comments_out_every_message_and_keeps_comments() {
        let en = "### Header\n\n# The name\nlanguage-name = English\ncode = Name\n    .description = Text\n";
        let s = skeleton(en, "fr", "i18n/en/ui.ftl", Some("French"), Some("français"));
        assert!(s.contains("\n# language-name = English\n"), "{s}");
        assert!(s.contains("\n#     .description = Text\n"), "{s}");
        assert!(s.contains("\n# The name\n"), "{s}");
        assert!(s.contains("français"), "{s}");
        // A skeleton defines no message at all.
        let defs = crate::messages::defined_in(&crate::diag::Source::new("ui.ftl", s.as_str()));
        assert!(defs.is_empty(), "{defs:?}");
        let res = fluent_bundle::FluentResource::try_new(s);
        assert!(res.is_ok(), "the skeleton is valid Fluent");
    }

    #[test]
    fn names_come_from_iso_639() {
        let (en, own) = names(&"fr".parse().unwrap());
        assert_eq!(en.as_deref(), Some("French"));
        assert_eq!(own.as_deref(), Some("français"));
        let (en, _) = names(&"pt-BR".parse().unwrap());
        assert_eq!(en.as_deref(), Some("Portuguese"));
    }

    #[test]
    fn the_name_goes_after_the_other_language_names() {
        let t = insert_after_last(
            "a = 1\nlanguage-en = English\nlanguage-de = German\nb = 2\n",
            "language-",
            "language-fr = French",
        );
        assert_eq!(t, "a = 1\nlanguage-en = English\nlanguage-de = German\nlanguage-fr = French\nb = 2\n");
    }
}
