### Ausführbare Beispiele auf den Seiten zu close() und CloseEvent: die Beschriftungen der
### Beispiele aus content/data/close-examples.yaml und der Text darum.
### Übersetzer: Die IDs (links vom `=`) und jedes `{ $name }` bleiben, der Text wird übersetzt.
### Das Skript der Seite füllt die meisten dieser Nachrichten ebenfalls aus: keine Selektoren
### (`{ $code -> … }`), nur schlichte Sätze.

## Der Abschnitt

examples-title = Beispiele zum Ausprobieren
examples-intro = Jedes Beispiel zeigt, was der Aufruf laut Standard tut. Führen Sie es aus, um daneben zu sehen, was Ihr eigener Browser tut.
examples-socket = In diesen Beispielen ist socket ein WebSocket, der noch mit { $url } verbindet, einem Namen, der reserviert ist, um nie zu existieren: Nichts erreicht ein Netzwerk.
examples-event-intro = Jedes Beispiel erzeugt ein CloseEvent; der Standard legt fest, welche Eigenschaften es bekommt. Führen Sie es aus, um mit Ihrem eigenen Browser zu vergleichen.
examples-noscript = Aktivieren Sie JavaScript, um die Beispiele in Ihrem Browser auszuführen. Was der Standard sagt, steht in jedem Fall da.
examples-run = Ausführen
examples-run-all = Alle ausführen

## Ergebnisse. { $outcome } ist „schließt“ oder der Name einer Ausnahme wie InvalidAccessError.

examples-standard = Standard: { $outcome }
examples-verdict = Standard: { $standard } · Ihr Browser: { $browser }
examples-same = Ihr Browser tut, was der Standard sagt.
examples-differs = Ihr Browser weicht hier vom Standard ab.
examples-browser-message = Meldung Ihres Browsers: { $message }
examples-props-differ = Abweichende Eigenschaften: { $props }
examples-summary = Wie im Standard: { $same } von { $total }. Abweichend: { $differs }.
examples-closes = schließt

## Warum der Standard zu diesem Ergebnis kommt.

examples-closes-no-code = Die Verbindung wird geschlossen; der Close-Frame trägt keinen Statuscode.
examples-closes-code = Die Verbindung wird mit dem Code { $code } geschlossen.
examples-closes-code-reason = Die Verbindung wird mit dem Code { $code } und einem Grund von { $bytes } Bytes geschlossen (höchstens { $max } sind erlaubt).
examples-closes-reason-only = Die Verbindung wird mit einem Grund von { $bytes } Bytes (höchstens { $max } sind erlaubt) und ohne Code geschlossen; welchen Statuscode der Close-Frame dann trägt, sagt der Standard nicht.
examples-invalid-code = Der Code ist { $code }, aber ein Skript darf nur { $codes } übergeben.
examples-too-long = Der Grund ist in UTF-8 { $bytes } Bytes lang, mehr als die erlaubten { $max }.
examples-code-converted = Aus { $value } wird { $code }: Der Code ist ein unsigned short mit [Clamp], wird also auf 0–65535 begrenzt und zur nächsten ganzen Zahl gerundet, bei genau der Hälfte zur geraden.
examples-undefined-code = undefined zählt als fehlender Code.
examples-lone-surrogates = Jedes einzelne Surrogat wird zu U+FFFD, das in UTF-8 3 Bytes lang ist.
examples-event = Das Ereignis hat diese Eigenschaften:
examples-event-code-converted = Aus { $value } wird { $code }: Hier ist der Code ein unsigned short ohne [Clamp], behält also den ganzzahligen Teil, modulo 65536.

## Das Formular auf der Seite zu close()

examples-try-title = Eigene Argumente ausprobieren
examples-try-intro = Geben Sie einen Code und einen Grund ein. Ein leeres Code-Feld übergibt keinen Code, ein leeres Grund-Feld keinen Grund.
examples-try-code = code
examples-try-reason = reason
examples-try-bytes = { $bytes }/{ $max } Bytes

## Beschriftungen der Beispiele, eine je ID in content/data/close-examples.yaml.

example-no-arguments = Ohne Argumente.
example-code-1000 = Code 1000, normales Schließen.
example-code-1000-reason = Code 1000 mit einem kurzen Grund.
example-code-1001 = Code 1001 (Going Away) ist in einem Close-Frame gültig, aber close() nimmt ihn von einem Skript nicht an.
example-code-2999 = Code 2999: knapp unter dem Bereich für Anwendungen.
example-code-3000 = Code 3000: der erste Code für Bibliotheken und Anwendungen.
example-code-4999 = Code 4999: der letzte Code zur privaten Verwendung.
example-code-5000 = Code 5000: knapp über dem letzten.
example-code-fraction-2999-5 = Ein gebrochener Code, genau zwischen 2999 und 3000.
example-code-fraction-4999-5 = Ein gebrochener Code, genau zwischen 4999 und 5000.
example-code-66536 = Ein Code über 65535 läuft nicht über.
example-code-string = Ein Code als Zeichenkette in Hexadezimalschreibweise.
example-code-undefined-reason = undefined als Code, mit einem Grund.
example-reason-123-ascii = Ein Grund aus 123 ASCII-Zeichen, je ein Byte.
example-reason-124-ascii = Ein Grund aus 124 ASCII-Zeichen.
example-reason-62-e-acute = 62 × „é“: nur 62 Zeichen, aber 124 Bytes in UTF-8.
example-reason-emoji = 30 Emoji zu je 4 Bytes und „abc“.
example-reason-lone-surrogate = Ein Grund, der ein einzelnes Surrogat ist.
example-reason-lone-surrogates-42 = 42 einzelne Surrogate: 42 UTF-16-Codeeinheiten, 126 Bytes in UTF-8.
example-code-checked-first = Ein nicht erlaubter Code und ein zu langer Grund: Welcher Fehler kommt zuerst?
example-event-without-init = Ein CloseEvent ohne Init-Dictionary: Jede Eigenschaft hat ihren Standardwert.
example-event-with-init = Ein CloseEvent mit code, reason und wasClean.
example-event-code-wraps = Ein Code von 70000 im Init-Dictionary.
example-event-code-negative = Ein Code von −1 im Init-Dictionary.
example-event-code-not-checked = Der Konstruktor prüft nicht, was close() prüft: Code 1006 und ein Grund von 124 Bytes.
example-event-reason-lone-surrogate = Ein Grund, der auf ein einzelnes Surrogat endet.
example-event-booleans = Andere Werte als Wahrheitswerte: "no" ist true, 1 ist true, 0 ist false.
