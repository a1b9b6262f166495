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
badge-experimental = Experimentell
badge-secure-context = Sicherer Kontext
header-experimental = Experimentell
    .text = Dies ist eine experimentelle Technologie: Prüfen Sie die Tabelle zur Browser-Kompatibilität, bevor Sie sie in Produktion einsetzen.
header-non-standard = Nicht standardisiert
    .text = Diese Funktion ist nicht Teil eines Standards. Sie funktioniert womöglich nur in wenigen Browsern und kann sich ändern oder wegfallen; setzen Sie sie nicht in Produktion ein.
header-deprecated = Veraltet
    .text = Diese Funktion wird nicht mehr empfohlen. Browser haben sie womöglich schon entfernt oder behalten sie nur aus Kompatibilitätsgründen; verwenden Sie sie nicht, und passen Sie Code an, der sie nutzt.
header-secure-context = Sicherer Kontext
    .text = Diese Funktion ist nur in sicheren Kontexten (HTTPS) verfügbar, in einigen oder allen Browsern, die sie unterstützen.
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

# Die Seite zum Stand der Übersetzungen (site/<locale>/status/), verlinkt von jeder Startseite.
status-link = Stand der Übersetzungen: was übersetzt ist, was fehlt und was veraltet ist
status-title = Stand der Übersetzungen
status-intro = Für jede Sprache: welche Seiten übersetzt sind, welche fehlen (Leser bekommen eine andere Sprache) und welche veraltet sind, weil sich die englische Seite seitdem geändert hat, und welche Meldungen der Oberfläche noch zu übersetzen sind.
status-history-git = Veraltete Seiten werden in Commits der Projektgeschichte gezählt.
status-history-hash = Diese Kopie hat keine Git-Geschichte: Übersetzungen werden über ihren Hash mit der englischen Seite verglichen.
status-history-shallow = Die Geschichte dieser Kopie ist gekürzt (shallow): Ein aufgezeichneter Commit, der älter ist, erscheint als nicht in der Geschichte.
status-col-language = Sprache
status-col-percent = Übersetzt
status-col-translated = Seiten
status-col-outdated = Veraltet
status-col-missing = Fehlend
status-col-messages = Meldungen der Oberfläche
status-col-cells = Tabellenzellen auf Englisch
status-col-page = Seite
status-col-state = Stand
status-col-detail = Einzelheiten
status-state-translated = übersetzt
status-state-outdated = veraltet
status-state-missing = fehlt
status-source = Ausgangstext
status-up-to-date = aktuell
status-behind = { $commits ->
    [one] das Original wurde seit dieser Übersetzung in einem Commit geändert
   *[other] das Original wurde seit dieser Übersetzung in { $commits } Commits geändert
}
status-changed = das Original wurde seit dieser Übersetzung geändert
status-unknown-commit = sourceCommit { $commit } ist nicht in der Geschichte dieses Projekts
status-invalid-commit = sourceCommit { $commit } ist keine Commit-ID
status-unchecked = sourceCommit { $commit } lässt sich ohne Git-Geschichte nicht prüfen
status-not-recorded = keine Ausgangsversion angegeben
status-no-source = keine Seite auf { $language } zum Vergleich
status-fallback = Leser bekommen die Seite auf { $language }
status-messages-heading = Noch zu übersetzende Meldungen der Oberfläche
status-cells-heading = Zellen der Schließcode-Tabelle auf Englisch
status-more-rows = { $count } weitere Seiten sind hier nicht aufgeführt; `polyref status` zeigt alle.
status-none = Keine.
