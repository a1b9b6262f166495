### Interface text of the site: navigation, notices, badges, labels.
### Translators: keep the ids (left of `=`), translate the text. `{ $name }` is filled in by
### the build; keep it. A message missing in your locale is shown in English and reported.

# The name of this language, in this language (shown in the language switcher).
language-name = English
# Names of the site's languages, in this language.
language-en = English
language-es = Spanish
language-de = German

skip-to-content = Skip to content
nav-languages = Languages
lang-not-translated = Not translated yet: the page is shown in another language
toc-title = In this article

fallback-title = Not translated yet
fallback-notice = This page has not been translated into { $language } yet, so it is shown in { $source }.
fallback-source-link = Read the { $source } page

supplement-title = From { $project }
supplement-intro = Another source for this page, kept with its own facts and licence.
supplement-full-text = Full text from { $project }

footer-source = Content from { $project }, by { $attribution }:
footer-original = original page
footer-json-model = page model (JSON)
footer-built-with = Built with polyref.

home-title = Web API reference
home-intro = Reference pages, in this language where translated and in another language where not yet.
home-not-translated = not translated yet
root-choose = Read the reference in English
# The description of the page that lets the reader choose a language (shown by search engines).
root-description = Web API reference documentation in several languages.
# The page shown for an address where there is no page.
not-found-title = Page not found
not-found-text = There is no page at this address. It may have moved, or the link may be mistyped.

# Note boxes written as > [!NOTE] and so on in content.
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution

# Labels of content macros.
macro-available-in-workers = This feature is available in Web Workers.
badge-optional = Optional
badge-read-only = Read only
badge-non-standard = Non-standard
badge-deprecated = Deprecated
badge-experimental = Experimental
badge-secure-context = Secure context
# Boxes at the top of a page about the feature's status: the title, and .text below it.
header-experimental = Experimental
    .text = This is an experimental technology: check the browser compatibility table before you use it in production.
header-non-standard = Non-standard
    .text = This feature is not part of any standard. It may work in few browsers, and change or disappear; do not use it in production.
header-deprecated = Deprecated
    .text = This feature is no longer recommended. Browsers may have removed it already, or keep it only for compatibility; avoid it, and update code that uses it.
header-secure-context = Secure context
    .text = This feature is available only in secure contexts (HTTPS), in some or all supporting browsers.
specs-heading = Specification
specs-none = No specification is known for this feature.
compat-see-mdn = Browser compatibility data on MDN Web Docs

# The close-code table.
close-codes-code = Status code
close-codes-name = Name
close-codes-description = Description
close-codes-wire = May be sent in a Close frame
close-codes-script = Allowed in close()
close-codes-yes = Yes
close-codes-no = No
untranslated-marker = (untranslated)

# Facts from a source's front matter.
fact-readiness = Readiness
fact-standardization-status = Standardization status
fact-method-of = Method of
fact-notes = Notes
fact-tags = Tags
fact-attributions = Attributions
fact-category = Category
fact-date = Published
fact-last-modified-at = Last modified

# The summary generated into the `code` parameter of the close() page.
code-summary-title = Which codes close() accepts
code-summary-allowed = A script may pass { $codes }. Any other code throws an InvalidAccessError.
code-summary-wire-only = { $codes } are valid in a Close frame, but close() rejects them: the browser or the server sends them, never a script.
code-summary-no-code = Without a code, the browser sends a Close frame with no status code, and the other side reports { $code }
code-summary-table-link = All close codes

# The translation status page (site/<locale>/status/), linked from each home page.
status-link = Translation status: what is translated, missing or outdated
status-title = Translation status
status-intro = For each language: which pages are translated, which are missing (readers get another language) and which are outdated because the English page changed since, and which interface messages still need translating.
status-history-git = Outdated pages are counted in commits of the project's history.
status-history-hash = This copy has no git history: translations are compared with the English page by its hash.
status-history-shallow = This copy's history is shallow (cut short): a recorded commit older than it shows as not in the history.
status-col-language = Language
status-col-percent = Translated
status-col-translated = Pages
status-col-outdated = Outdated
status-col-missing = Missing
status-col-messages = Interface messages
status-col-cells = Table cells in English
status-col-page = Page
status-col-state = State
status-col-detail = Detail
status-state-translated = translated
status-state-outdated = outdated
status-state-missing = missing
status-source = source text
status-up-to-date = up to date
status-behind = { $commits ->
    [one] the source changed in one commit since this translation
   *[other] the source changed in { $commits } commits since this translation
}
status-changed = the source changed since this translation
status-unknown-commit = sourceCommit { $commit } is not in this project's history
status-invalid-commit = sourceCommit { $commit } is not a commit id
status-unchecked = sourceCommit { $commit } cannot be checked without the git history
status-not-recorded = no source revision recorded
status-no-source = no { $language } page to compare with
status-fallback = readers get the { $language } page
status-messages-heading = Interface messages to translate
status-cells-heading = Close-code table cells shown in English
status-more-rows = { $count } more pages are not listed here; `polyref status` lists them all.
status-none = None.
