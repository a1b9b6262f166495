//! Interface text: Fluent bundles per locale (`i18n/<locale>/*.ftl`), the fallback chain to the
//! default locale, and the Tera function `t(id=…)`.
//!
//! Every piece of chrome text (navigation, headings added by templates, badges, note titles,
//! language names, footer, licence lines) and every macro label comes from here, so translators
//! edit `.ftl` files and never templates or code.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use rustc_hash::FxHashMap;

use crate::diag::{Diagnostic, Location, Source};
use crate::messages;

type Bundle = FluentBundle<FluentResource>;

/// A message resolved for a locale: its text and the locale it actually came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub text: String,
    /// The locale whose file held the message (the default locale when it fell back).
    pub lang: String,
}

impl Msg {
    /// Did the message come from another locale than the one asked for?
    pub fn fell_back(&self, asked: &str) -> bool {
        self.lang != asked
    }
}

/// The loaded message bundles of every configured locale.
pub struct I18n {
    dir: String,
    default: String,
    bundles: BTreeMap<String, Bundle>,
    /// Message ids asked for but defined in no locale: reported after the run.
    undefined: Mutex<BTreeSet<String>>,
    /// Whether the default language has message files: without them every message is missing,
    /// which is one problem (reported at load), not one per message.
    default_found: bool,
    /// Every message without arguments, resolved once at load, by locale and id: every page asks
    /// for the same interface texts, from several threads at once.
    plain: FxHashMap<String, FxHashMap<String, Msg>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("locales", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

/// Ids of one file: messages and `message.attribute`s.
fn ids_of(resource: &FluentResource) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            if m.value.is_some() {
                ids.push(m.id.name.to_string());
            }
            for a in &m.attributes {
                ids.push(format!("{}.{}", m.id.name, a.id.name));
            }
        }
    }
    ids
}

/// Where `name` (a message id, or a term's `-id`) is defined in `text`: the ranges of its
/// definitions' ids, in order (the lines [`messages::entry_id`] reads as starting it).
fn definitions(text: &str, name: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if messages::entry_id(line.trim_end_matches('\n')) == Some(name) {
            found.push(start..start + name.len());
        }
        start += line.len();
    }
    found
}

/// The errors for the entries of `source` that `earlier` files of `locale`, or `source` itself
/// higher up, define already: each at the definition that repeats, naming the first one.
fn duplicates(
    locale: &str,
    earlier: &[Source],
    source: &Source,
    errors: Vec<fluent_bundle::FluentError>,
) -> Vec<Diagnostic> {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    let mut diags = Vec::new();
    for e in errors {
        let fluent_bundle::FluentError::Overriding { kind, id } = e else {
            diags.push(Diagnostic::error("fluent-duplicate", e.to_string()).at(Location::file(source.path.clone())));
            continue;
        };
        // The kind is "message" or "term" (its type is not exported by fluent-bundle).
        let what = kind.to_string();
        let name = if what == "term" { format!("-{id}") } else { id.clone() };
        // Messages and terms share one namespace in a bundle: `foo` and `-foo` collide.
        let defined = |text: &str| {
            let mut all = definitions(text, &id);
            all.extend(definitions(text, &format!("-{id}")));
            all.sort_by_key(|r| r.start);
            all
        };
        let first_elsewhere = earlier.iter().find_map(|s| defined(&s.text).first().map(|r| s.at(r.clone())));
        let here = defined(&source.text);
        let nth = seen.entry(id.clone()).or_default();
        // Without an earlier file, the first definition is this file's and the errors are for the
        // ones after it.
        let (first, again) = match first_elsewhere {
            Some(first) => (Some(first), here.get(*nth)),
            None => (here.first().map(|r| source.at(r.clone())), here.get(*nth + 1)),
        };
        *nth += 1;
        let first = first.map(|at| format!("; the first definition is at {at}")).unwrap_or_default();
        diags.push(
            Diagnostic::error("fluent-duplicate", format!("the {what} `{name}` is defined twice in `{locale}`"))
                .at(match again {
                    Some(r) => source.at(r.clone()),
                    None => Location::file(source.path.clone()),
                })
                .label("defined again here")
                .hint(format!("an id is defined once per language{first}: delete one of them, or rename this one")),
        );
    }
    diags
}

impl I18n {
    /// Parses every locale's files. Syntax errors and ids defined twice are errors; messages that
    /// the default locale has and another locale lacks are one warning per file, naming them.
    /// `dir` is the messages folder as shown to the user (normally `i18n`).
    pub fn load(dir: &str, default: &str, messages: &[(String, Vec<Source>)]) -> (I18n, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut bundles = BTreeMap::new();
        // (locale, file name) → ids, for the completeness check.
        let mut ids: BTreeMap<(String, String), (BTreeSet<String>, String)> = BTreeMap::new();
        let mut placeables = Vec::new();
        for (locale, sources) in messages {
            let langid = locale.parse().unwrap_or_default();
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            if sources.is_empty() && locale == default {
                diags.push(
                    Diagnostic::error(
                        "messages",
                        format!("the default language `{default}` has no message files: every language falls back to them"),
                    )
                    .at(Location::file(format!("{dir}/{locale}")))
                    .hint(format!(
                        "restore {dir}/{default}/ from the project, or set `default-locale` in polyref.toml to a language that has its messages"
                    )),
                );
            } else if sources.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        "messages-missing",
                        format!("locale `{locale}` has no message files; its interface falls back to `{default}`"),
                    )
                    .at(Location::file(format!("{dir}/{locale}")))
                    .hint(format!("copy {dir}/{default}/ to {dir}/{locale}/ and translate the messages")),
                );
            }
            for (i, source) in sources.iter().enumerate() {
                let resource = match FluentResource::try_new(source.text.to_string()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            diags.push(
                                Diagnostic::error("fluent-syntax", format!("this message file has a syntax error: {}", e.kind))
                                    .at(source.at(e.pos.clone()))
                                    .hint("a message is `id = text`; continuation lines and `.attribute = text` lines are indented"),
                            );
                        }
                        r
                    }
                };
                placeables.push((locale.as_str(), source, messages::placeables(&resource)));
                let file = source.path.rsplit('/').next().unwrap_or_default().to_string();
                ids.insert((locale.clone(), file), (ids_of(&resource).into_iter().collect(), source.path.clone()));
                if let Err(errors) = bundle.add_resource(resource) {
                    diags.extend(duplicates(locale, &sources[..i], source, errors));
                }
            }
            bundles.insert(locale.clone(), bundle);
        }
        for ((locale, file), (have, path)) in &ids {
            if locale == default {
                continue;
            }
            let Some((want, _)) = ids.get(&(default.to_string(), file.clone())) else { continue };
            let missing: Vec<_> = want.difference(have).map(String::as_str).collect();
            if missing.is_empty() {
                continue;
            }
            // A file not translated yet (as `new-locale` writes it) is said in a line, not listed.
            let message = if missing.len() == want.len() && missing.len() > 1 {
                format!(
                    "none of the {} messages is translated in `{locale}` yet: they fall back to `{default}`",
                    want.len()
                )
            } else {
                format!(
                    "{} message(s) missing in `{locale}` fall back to `{default}`: {}",
                    missing.len(),
                    missing.join(", ")
                )
            };
            diags.push(
                Diagnostic::warning("message-fallback", message)
                    .at(Location::file(path.clone()))
                    .hint(format!("translate them from {dir}/{default}/{file}")),
            );
        }
        diags.extend(messages::check_placeables(&placeables, default));
        // Without the default language's files (an error above, or no messages folder at all),
        // every other file and every message asked for would be reported missing as well.
        let default_found = messages.iter().any(|(locale, sources)| locale == default && !sources.is_empty());
        for ((locale, file), (_, _)) in ids.iter().filter(|_| default_found) {
            if locale != default && !ids.contains_key(&(default.to_string(), file.clone())) {
                diags.push(
                    Diagnostic::warning(
                        "messages-unknown-file",
                        format!("{dir}/{locale}/{file} has no counterpart in {dir}/{default}/"),
                    )
                    .at(Location::file(format!("{dir}/{locale}/{file}")))
                    .hint("message files are named the same in every locale"),
                );
            }
        }
        let mut i18n = I18n {
            dir: dir.to_string(),
            default: default.to_string(),
            bundles,
            undefined: Mutex::new(BTreeSet::new()),
            default_found,
            plain: FxHashMap::default(),
        };
        let all_ids: BTreeSet<&String> = ids.values().flat_map(|(set, _)| set).collect();
        i18n.plain = i18n
            .bundles
            .keys()
            .map(|locale| {
                let resolved = all_ids.iter().filter_map(|id| Some(((*id).clone(), i18n.resolve(locale, id, &[])?)));
                (locale.clone(), resolved.collect())
            })
            .collect();
        (i18n, diags)
    }

    /// Resolves message `id` (or `id.attribute`) for `locale`, falling back to the default locale.
    pub fn get(&self, locale: &str, id: &str, args: &[(&str, &str)]) -> Msg {
        self.lookup(locale, id, args).unwrap_or_else(|| {
            self.undefined.lock().expect("not poisoned").insert(id.to_string());
            Msg { text: id.to_string(), lang: self.default.clone() }
        })
    }

    /// Like [`I18n::get`], but `None` when no locale defines it (for optional texts).
    pub fn lookup(&self, locale: &str, id: &str, args: &[(&str, &str)]) -> Option<Msg> {
        if !args.is_empty() {
            return self.resolve(locale, id, args);
        }
        match self.plain.get(locale) {
            // Every id any file defines is there: one missing is defined nowhere.
            Some(messages) => messages.get(id).cloned(),
            None => self.resolve(locale, id, &[]),
        }
    }

    fn resolve(&self, locale: &str, id: &str, args: &[(&str, &str)]) -> Option<Msg> {
        let chain = std::iter::once(locale).chain((locale != self.default).then_some(self.default.as_str()));
        for lang in chain {
            if let Some(text) = self.bundles.get(lang).and_then(|b| format(b, id, args)) {
                return Some(Msg { text, lang: lang.to_string() });
            }
        }
        None
    }

    /// Just the text of [`I18n::get`].
    pub fn text(&self, locale: &str, id: &str) -> String {
        match self.plain.get(locale).and_then(|m| m.get(id)) {
            Some(msg) => msg.text.clone(),
            None => self.get(locale, id, &[]).text,
        }
    }

    /// Whether the default language has its message files (every message falls back to them).
    pub fn has_default(&self) -> bool {
        self.default_found
    }

    /// Message ids asked for during the run that neither the page's language nor the default
    /// defines: one error naming them all (the pages would show the ids as text). None when the
    /// default language has no message files at all: that is reported once already.
    pub fn undefined_report(&self) -> Vec<Diagnostic> {
        let undefined = self.undefined.lock().expect("not poisoned");
        if !self.default_found || undefined.is_empty() {
            return Vec::new();
        }
        let (dir, default) = (&self.dir, &self.default);
        let ids: Vec<&str> = undefined.iter().map(String::as_str).collect();
        let (count, first) = (ids.len(), ids[0]);
        let what = if count == 1 { "message is" } else { "messages are" };
        vec![
            Diagnostic::error(
                "message-undefined",
                format!(
                    "{count} {what} used but missing from `{default}`, the language the others fall back to: {}",
                    ids.join(", ")
                ),
            )
            .at(Location::file(format!("{dir}/{default}")))
            .hint(format!(
                "the pages would show these ids as text: define them in {dir}/{default}/ (`{first} = …`); \
                 if they were deleted by mistake, restore them from the project's history"
            )),
        ]
    }

    /// Registers `t(id="…", …)` on `tera`: the locale is the template's `lang` variable, other
    /// keyword arguments become Fluent arguments.
    pub fn register(self: &Arc<Self>, tera: &mut tera::Tera) {
        let me = Arc::clone(self);
        tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            // Every page calls this a dozen times: nothing is copied that need not be.
            let id = kwargs.must_get::<&str>("id")?;
            let from_page;
            let lang = match kwargs.get::<&str>("lang")? {
                Some(l) => l,
                None => {
                    // (As a value: asking for a `String` would format it.)
                    from_page = state.get::<tera::Value>("lang")?;
                    from_page.as_ref().and_then(tera::Value::as_str).unwrap_or(&me.default)
                }
            };
            let mut args = Vec::new();
            for (k, v) in kwargs.iter() {
                let k = k.as_str().map_or_else(|| Cow::Owned(k.to_string()), Cow::Borrowed);
                if k != "id" && k != "lang" {
                    args.push((k, v.as_str().map_or_else(|| Cow::Owned(v.to_string()), Cow::Borrowed)));
                }
            }
            if args.is_empty() {
                return Ok(me.text(lang, id));
            }
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (&**k, &**v)).collect();
            Ok(me.get(lang, id, &args).text)
        });
    }
}

fn format(bundle: &Bundle, id: &str, args: &[(&str, &str)]) -> Option<String> {
    let (msg_id, attr) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let msg = bundle.get_message(msg_id)?;
    let pattern = match attr {
        Some(a) => msg.get_attribute(a)?.value(),
        None => msg.value()?,
    };
    let fargs = (!args.is_empty()).then(|| {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            // Numbers stay numbers so plural selectors work.
            match v.parse::<f64>() {
                Ok(n) => fa.set(k.to_string(), FluentValue::from(n)),
                Err(_) => fa.set(k.to_string(), FluentValue::from(v.to_string())),
            }
        }
        fa
    });
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, fargs.as_ref(), &mut errors).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str, &str)]) -> (I18n, Vec<Diagnostic>) {
        let mut by_locale: BTreeMap<String, Vec<Source>> = BTreeMap::new();
        for (locale, name, text) in files {
            by_locale.entry(locale.to_string()).or_default().push(Source::new(format!("i18n/{locale}/{name}"), *text));
        }
        I18n::load("i18n", "en", &by_locale.into_iter().collect::<Vec<_>>())
    }

    fn duplicate_errors(diags: &[Diagnostic]) -> Vec<(String, String, String)> {
        diags
            .iter()
            .filter(|d| d.code == "fluent-duplicate")
            .map(|d| (d.message.clone(), d.location.as_ref().unwrap().to_string(), d.hint.clone().unwrap()))
            .collect()
    }

    #[test]
    fn an_id_defined_again_in_the_same_file_is_shown_where_it_repeats() {
        let (_, diags) = load(&[("en", "ui.ftl", "hello = Hello\nbye = Bye\nhello= Hi\n\nhello =\n    Hey\n")]);
        let found = duplicate_errors(&diags);
        assert_eq!(found.len(), 2, "{found:?}");
        for ((message, at, hint), line) in found.iter().zip([3, 5]) {
            assert_eq!(message, "the message `hello` is defined twice in `en`");
            assert_eq!(at, &format!("i18n/en/ui.ftl:{line}:1"));
            assert!(hint.contains("the first definition is at i18n/en/ui.ftl:1:1"), "{hint}");
        }
    }

    #[test]
    fn an_id_defined_in_an_earlier_file_is_named_there() {
        let (_, diags) = load(&[
            ("en", "a.ftl", "# comment\n-brand = polyref\nhello = Hello\n"),
            ("en", "b.ftl", "bye = Bye\nhello = Hi\n-brand = Other\n"),
        ]);
        let found = duplicate_errors(&diags);
        assert_eq!(
            found.iter().map(|(m, at, _)| (m.as_str(), at.as_str())).collect::<Vec<_>>(),
            [
                ("the message `hello` is defined twice in `en`", "i18n/en/b.ftl:2:1"),
                ("the term `-brand` is defined twice in `en`", "i18n/en/b.ftl:3:1"),
            ]
        );
        assert!(found[0].2.contains("i18n/en/a.ftl:3:1"), "{}", found[0].2);
        assert!(found[1].2.contains("i18n/en/a.ftl:2:1"), "{}", found[1].2);
    }

    #[test]
    fn a_term_and_a_message_of_the_same_name_collide_and_are_both_named() {
        let (_, diags) = load(&[("en", "ui.ftl", "brand = polyref\n-brand = Polyref\n")]);
        let found = duplicate_errors(&diags);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "the term `-brand` is defined twice in `en`");
        assert_eq!(found[0].1, "i18n/en/ui.ftl:2:1");
        assert!(found[0].2.contains("i18n/en/ui.ftl:1:1"), "{}", found[0].2);
    }

    #[test]
    fn missing_message_falls_back_to_english_with_a_warning_naming_it() {
        let (i18n, diags) =
            load(&[("en", "ui.ftl", "note = Note\nhome = Home\n"), ("de", "ui.ftl", "note = Hinweis\n")]);
        assert_eq!(i18n.get("de", "note", &[]).text, "Hinweis");
        let home = i18n.get("de", "home", &[]);
        assert_eq!((home.text.as_str(), home.lang.as_str()), ("Home", "en"));
        assert!(home.fell_back("de"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("home") && diags[0].message.contains("`de`"), "{}", diags[0].message);
    }

    #[test]
    fn syntax_error_is_located() {
        let (_, diags) = load(&[("en", "ui.ftl", "ok = fine\n= broken\n")]);
        let d = diags.iter().find(|d| d.code == "fluent-syntax").expect("a syntax error");
        assert_eq!(d.location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn arguments_and_attributes() {
        let (i18n, _) =
            load(&[("en", "ui.ftl", "hello = Hello { $name }\ncode = Normal\n    .description = All good\n")]);
        assert_eq!(i18n.text("en", "code.description"), "All good");
        assert_eq!(i18n.get("en", "hello", &[("name", "Ana")]).text, "Hello Ana");
        assert_eq!(i18n.text("en", "nope"), "nope");
        let report = i18n.undefined_report();
        assert_eq!(report.len(), 1);
        assert!(report[0].is_error());
        assert_eq!(
            report[0].message,
            "1 message is used but missing from `en`, the language the others fall back to: nope"
        );
    }

    #[test]
    fn a_file_not_translated_yet_is_said_in_a_line_and_a_partial_one_lists_what_is_missing() {
        let en = "a = A\nb = B\nc = C\n";
        let (_, diags) = load(&[("en", "ui.ftl", en), ("fr", "ui.ftl", "# a = A\n"), ("de", "ui.ftl", "a = Ah\n")]);
        let fallback = |locale: &str| {
            diags
                .iter()
                .find(|d| d.code == "message-fallback" && d.message.contains(&format!("`{locale}`")))
                .map(|d| d.message.clone())
                .unwrap()
        };
        assert_eq!(fallback("fr"), "none of the 3 messages is translated in `fr` yet: they fall back to `en`");
        assert_eq!(fallback("de"), "2 message(s) missing in `de` fall back to `en`: b, c");
    }

    #[test]
    fn messages_defined_nowhere_are_one_error_naming_them_all() {
        let (i18n, _) = load(&[("en", "ui.ftl", "hello = Hello\n")]);
        assert!(i18n.undefined_report().is_empty());
        for id in ["zeta", "alpha", "zeta", "hello"] {
            i18n.text("en", id);
        }
        let report = i18n.undefined_report();
        assert_eq!(report.len(), 1, "one error, not one per message");
        assert_eq!(
            report[0].message,
            "2 messages are used but missing from `en`, the language the others fall back to: alpha, zeta"
        );
        assert_eq!(report[0].location.as_ref().unwrap().to_string(), "i18n/en");
        assert!(report[0].hint.as_deref().unwrap().contains("`alpha = …`"), "{:?}", report[0].hint);
    }
}
