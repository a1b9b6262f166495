### Ejemplos ejecutables en las páginas de close() y CloseEvent: los títulos de los ejemplos de
### content/data/close-examples.yaml y el texto que los acompaña.
### Traductores: no cambien los ids (a la izquierda de `=`) ni ningún `{ $name }`; traduzcan el
### texto. El script de la página también rellena casi todos estos mensajes: no usen selectores
### (`{ $code -> … }`), escriban frases sencillas.

## La sección

examples-title = Ejemplos que puede ejecutar
examples-intro = Cada ejemplo muestra lo que el estándar dice que hace la llamada. Ejecútelo para ver al lado lo que hace su propio navegador.
examples-socket = En estos ejemplos, socket es un WebSocket que aún se está conectando a { $url }, un nombre reservado para no existir nunca: nada llega a una red.
examples-event-intro = Cada ejemplo construye un CloseEvent; el estándar dice qué propiedades recibe. Ejecútelo para compararlo con su propio navegador.
examples-noscript = Active JavaScript para ejecutar los ejemplos en su navegador. Lo que dice el estándar se muestra de todos modos.
examples-run = Ejecutar
examples-run-all = Ejecutar todos

## Resultados. { $outcome } es «cierra» o el nombre de una excepción como InvalidAccessError.

examples-standard = Estándar: { $outcome }
examples-verdict = Estándar: { $standard } · Su navegador: { $browser }
examples-same = Su navegador hace lo que dice el estándar.
examples-differs = Su navegador difiere del estándar aquí.
examples-browser-message = Mensaje de su navegador: { $message }
examples-props-differ = Propiedades que difieren: { $props }
examples-summary = Igual que el estándar: { $same } de { $total }. Diferentes: { $differs }.
examples-closes = cierra

## Por qué el estándar da ese resultado.

examples-closes-no-code = La conexión se cierra; el marco Close no lleva código de estado.
examples-closes-code = La conexión se cierra con el código { $code }.
examples-closes-code-reason = La conexión se cierra con el código { $code } y un motivo de { $bytes } bytes (se permiten { $max } como máximo).
examples-closes-reason-only = La conexión se cierra con un motivo de { $bytes } bytes (se permiten { $max } como máximo) y sin código; el estándar no dice qué código de estado lleva entonces el marco Close.
examples-invalid-code = El código es { $code }, pero un script solo puede pasar { $codes }.
examples-too-long = El motivo ocupa { $bytes } bytes en UTF-8, más de los { $max } permitidos.
examples-code-converted = { $value } se convierte en { $code }: el código es un unsigned short con [Clamp], así que se limita a 0–65535 y se redondea al entero más cercano, y en la mitad exacta al par.
examples-undefined-code = undefined cuenta como un código ausente.
examples-lone-surrogates = Cada sustituto aislado se convierte en U+FFFD, que ocupa 3 bytes en UTF-8.
examples-event = El evento tiene estas propiedades:
examples-event-code-converted = { $value } se convierte en { $code }: aquí el código es un unsigned short sin [Clamp], así que conserva la parte entera, módulo 65536.

## El formulario de la página de close()

examples-try-title = Pruebe sus propios argumentos
examples-try-intro = Escriba un código y un motivo. Un campo de código vacío no pasa ningún código; un campo de motivo vacío, ningún motivo.
examples-try-code = code
examples-try-reason = reason
examples-try-bytes = { $bytes }/{ $max } bytes

## Títulos de los ejemplos, uno por id de content/data/close-examples.yaml.

example-no-arguments = Sin argumentos.
example-code-1000 = Código 1000, cierre normal.
example-code-1000-reason = Código 1000 con un motivo corto.
example-code-1001 = El código 1001 (Going Away) es válido en un marco Close, pero close() no lo acepta de un script.
example-code-2999 = Código 2999: justo por debajo del rango para aplicaciones.
example-code-3000 = Código 3000: el primer código para bibliotecas y aplicaciones.
example-code-4999 = Código 4999: el último código de uso privado.
example-code-5000 = Código 5000: justo por encima del último.
example-code-fraction-2999-5 = Un código fraccionario, justo entre 2999 y 3000.
example-code-fraction-4999-5 = Un código fraccionario, justo entre 4999 y 5000.
example-code-66536 = Un código mayor que 65535 no da la vuelta.
example-code-string = Un código dado como cadena en hexadecimal.
example-code-undefined-reason = undefined como código, con un motivo.
example-reason-123-ascii = Un motivo de 123 caracteres ASCII, de un byte cada uno.
example-reason-124-ascii = Un motivo de 124 caracteres ASCII.
example-reason-62-e-acute = 62 × «é»: solo 62 caracteres, pero 124 bytes en UTF-8.
example-reason-emoji = 30 emojis de 4 bytes cada uno y «abc».
example-reason-lone-surrogate = Un motivo que es un sustituto aislado.
example-reason-lone-surrogates-42 = 42 sustitutos aislados: 42 unidades de código UTF-16, 126 bytes en UTF-8.
example-code-checked-first = Un código no permitido y un motivo demasiado largo: ¿qué error va primero?
example-event-without-init = Un CloseEvent sin diccionario de inicialización: cada propiedad tiene su valor por defecto.
example-event-with-init = Un CloseEvent con code, reason y wasClean.
example-event-code-wraps = Un código de 70000 en el diccionario de inicialización.
example-event-code-negative = Un código de −1 en el diccionario de inicialización.
example-event-code-not-checked = El constructor no comprueba lo que comprueba close(): código 1006 y un motivo de 124 bytes.
example-event-reason-lone-surrogate = Un motivo que termina en un sustituto aislado.
example-event-booleans = Otros valores como booleanos: "no" es true, 1 es true, 0 es false.
