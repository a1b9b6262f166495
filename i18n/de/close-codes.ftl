### WebSocket-Schließcodes: Name und Beschreibung jedes Eintrags aus
### content/data/close-codes.yaml, angezeigt in den Tabellen der Schließcodes
### auf den Seiten.
###
### Für Übersetzerinnen und Übersetzer:
### - Die ID einer Nachricht ist close-code-<Code> bzw. close-code-<erster>-<letzter>
###   für einen Bereich von Codes. Die IDs bitte unverändert lassen.
### - Der Wert ist der Name des Codes, das Attribut .description erklärt seine
###   Bedeutung.
### - Fehlt hier eine Nachricht oder ein Attribut, wird der englische Text aus
###   i18n/en/close-codes.ftl angezeigt.
### - Grundlage sind die Namen der IANA (WebSocket Close Code Number Registry)
###   und RFC 6455, Abschnitte 7.4.1 und 7.4.2.

close-code-0-999 = Nicht verwendet
    .description = Die Codes 0–999 werden nicht verwendet.

close-code-1000 = Normales Schließen
    .description = Die Verbindung wurde normal geschlossen: Der Zweck, für den sie aufgebaut wurde, ist erfüllt.

close-code-1001 = Endpunkt geht
    .description = Ein Endpunkt „geht weg“, etwa weil ein Server herunterfährt oder ein Browser die Seite verlassen hat.

close-code-1002 = Protokollfehler
    .description = Ein Endpunkt beendet die Verbindung wegen eines Protokollfehlers.

close-code-1003 = Nicht unterstützte Daten
    .description = Ein Endpunkt beendet die Verbindung, weil er Daten eines Typs empfangen hat, den er nicht annehmen kann (z. B. Binärdaten bei einem Endpunkt, der nur Text versteht).

close-code-1004 = Reserviert
    .description = Reserviert. Eine Bedeutung kann künftig festgelegt werden.

close-code-1005 = Kein Status erhalten
    .description = Reserviert; ein Endpunkt darf diesen Code nicht in einem Close-Frame senden. Anwendungen zeigen damit an, dass kein Statuscode vorhanden war.

close-code-1006 = Abnormales Schließen
    .description = Reserviert; ein Endpunkt darf diesen Code nicht in einem Close-Frame senden. Anwendungen zeigen damit an, dass die Verbindung abnormal geschlossen wurde, z. B. ohne dass ein Close-Frame gesendet oder empfangen wurde.

close-code-1007 = Ungültige Frame-Nutzdaten
    .description = Ein Endpunkt beendet die Verbindung, weil er in einer Nachricht Daten empfangen hat, die nicht zum Typ der Nachricht passen (z. B. Daten, die kein UTF-8 sind, in einer Textnachricht).

close-code-1008 = Richtlinienverstoß
    .description = Ein Endpunkt beendet die Verbindung, weil er eine Nachricht empfangen hat, die gegen seine Richtlinien verstößt. Ein allgemeiner Code für den Fall, dass kein passenderer Code (etwa 1003 oder 1009) zutrifft oder die Einzelheiten der Richtlinie verborgen bleiben sollen.

close-code-1009 = Nachricht zu groß
    .description = Ein Endpunkt beendet die Verbindung, weil er eine Nachricht empfangen hat, die zu groß ist, um sie zu verarbeiten.

close-code-1010 = Erforderliche Erweiterung
    .description = Der Client beendet die Verbindung, weil er erwartet hat, dass der Server eine oder mehrere Erweiterungen aushandelt, was der Server nicht getan hat. Der Grund (reason) sollte die benötigten Erweiterungen nennen.

close-code-1011 = Interner Fehler
    .description = Der Server beendet die Verbindung, weil ein unerwarteter Zustand ihn daran gehindert hat, die Anfrage zu erfüllen.

close-code-1012 = Neustart des Dienstes
    .description = Der Server beendet die Verbindung, weil er neu startet.

close-code-1013 = Später erneut versuchen
    .description = Der Server beendet die Verbindung wegen eines vorübergehenden Zustands, z. B. weil er überlastet ist und einige seiner Clients trennt.

close-code-1014 = Fehlerhaftes Gateway
    .description = Der Server arbeitete als Gateway oder Proxy und hat vom vorgelagerten Server eine ungültige Antwort erhalten, vergleichbar mit dem HTTP-Statuscode 502.

close-code-1015 = TLS-Handshake
    .description = Reserviert; ein Endpunkt darf diesen Code nicht in einem Close-Frame senden. Anwendungen zeigen damit an, dass die Verbindung geschlossen wurde, weil der TLS-Handshake fehlgeschlagen ist (z. B. weil das Serverzertifikat nicht überprüft werden konnte).

close-code-1016-2999 = Für das Protokoll reserviert
    .description = Reserviert für künftige Versionen des WebSocket-Protokolls und für Erweiterungen, die in einer dauerhaft und frei zugänglichen öffentlichen Spezifikation festgelegt sind. Noch nicht vergeben.

close-code-3000-3999 = Bibliotheken und Frameworks
    .description = Für Bibliotheken, Frameworks und Anwendungen. Diese Codes werden direkt bei der IANA registriert, in der Reihenfolge der Anmeldung; die nicht einzeln aufgeführten Codes sind nicht vergeben. Ihre Bedeutung legt das WebSocket-Protokoll nicht fest.

close-code-3000 = Nicht autorisiert
    .description = Bei der IANA unter dem Namen „Unauthorized“ registriert. Seine Bedeutung legt die Registrierung fest, nicht das WebSocket-Protokoll.

close-code-3003 = Verboten
    .description = Bei der IANA unter dem Namen „Forbidden“ registriert. Seine Bedeutung legt die Registrierung fest, nicht das WebSocket-Protokoll.

close-code-3008 = Zeitüberschreitung
    .description = Bei der IANA unter dem Namen „Timeout“ registriert. Seine Bedeutung legt die Registrierung fest, nicht das WebSocket-Protokoll.

close-code-4000-4999 = Private Nutzung
    .description = Für die private Nutzung reserviert und daher nicht registrierbar. Anwendungen können diese Codes nach vorheriger Absprache verwenden; ihre Bedeutung legt das WebSocket-Protokoll nicht fest.
