### Oberflächentexte der Website: Navigation, Hinweise, Kennzeichnungen.
### Übersetzer: Die IDs (links von `=`) bleiben, der Text wird übersetzt. `{ $name }` füllt der
### Build aus; bitte stehen lassen. Fehlt eine Nachricht, erscheint sie englisch und wird gemeldet.

language-name = Deutsch
language-en = Englisch
language-es = Spanisch
language-de = Deutsch

skip-to-content = Zum Inhalt springen
nav-languages = Sprachen
lang-not-translated = Noch nicht übersetzt: Die Seite wird in einer anderen Sprache gezeigt
toc-title = In diesem Artikel

fallback-title = Noch nicht übersetzt
fallback-notice = Diese Seite ist noch nicht ins { $language } übersetzt und wird deshalb auf { $source } angezeigt.
fallback-source-link = Die Seite auf { $source } lesen

supplement-title = Aus { $project }
supplement-intro = Eine weitere Quelle zu dieser Seite, mit ihren eigenen Angaben und ihrer Lizenz.
supplement-full-text = Vollständiger Text aus { $project }

footer-source = Inhalt aus { $project }, von { $attribution }:
footer-original = Originalseite
footer-json-model = Seitenmodell (JSON)
footer-built-with = Erstellt mit polyref.

home-title = Web-API-Referenz
home-intro = Referenzseiten, auf Deutsch, wo sie übersetzt sind, sonst vorerst in einer anderen Sprache.
home-not-translated = noch nicht übersetzt
root-choose = Die Referenz auf Deutsch lesen
root-description = Referenzdokumentation zu Web-APIs in mehreren Sprachen.
not-found-title = Seite nicht gefunden
not-found-text = Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben, oder der Link enthält einen Fehler.

alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Vorsicht

macro-available-in-workers = Diese Funktion ist in Web Workers verfügbar.
badge-optional = Optional
badge-read-only = Schreibgeschützt
badge-non-standard = Nicht standardisiert
badge-deprecated = Veraltet
specs-heading = Spezifikation
specs-none = Für diese Funktion ist keine Spezifikation bekannt.
compat-see-mdn = Browser-Kompatibilitätsdaten auf MDN Web Docs

close-codes-code = Statuscode
close-codes-name = Name
close-codes-description = Beschreibung
close-codes-wire = Darf in einem Close-Frame gesendet werden
close-codes-script = In close() erlaubt
close-codes-yes = Ja
close-codes-no = Nein
untranslated-marker = (nicht übersetzt)

fact-readiness = Reifegrad
fact-standardization-status = Standardisierungsstatus
fact-method-of = Methode von
fact-notes = Anmerkungen
fact-tags = Schlagwörter
fact-attributions = Quellenangaben
fact-category = Kategorie
fact-date = Veröffentlicht
fact-last-modified-at = Zuletzt geändert

code-summary-title = Welche Codes close() annimmt
code-summary-allowed = Ein Skript darf { $codes } übergeben. Jeder andere Code löst einen InvalidAccessError aus.
code-summary-wire-only = { $codes } sind in einem Close-Frame gültig, aber close() weist sie zurück: Sie sendet der Browser oder der Server, nie ein Skript.
code-summary-no-code = Ohne Code sendet der Browser einen Close-Frame ohne Statuscode, und die Gegenseite meldet { $code }
code-summary-table-link = Alle Schließcodes
