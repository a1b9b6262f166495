### Textos de la interfaz del sitio: navegación, avisos, etiquetas.
### Traductores: no cambien los ids (a la izquierda de `=`); traduzcan el texto. `{ $name }` lo
### rellena la compilación: manténganlo. Un mensaje que falte se muestra en inglés y se informa.

language-name = Español
language-en = inglés
language-es = español
language-de = alemán

skip-to-content = Saltar al contenido
nav-languages = Idiomas
lang-not-translated = Aún sin traducir: la página se muestra en otro idioma
toc-title = En este artículo

fallback-title = Aún sin traducir
fallback-notice = Esta página aún no se ha traducido al { $language }, por eso se muestra en { $source }.
fallback-source-link = Leer la página en { $source }

supplement-title = De { $project }
supplement-intro = Otra fuente de esta página, con sus propios datos y su licencia.
supplement-full-text = Texto completo de { $project }

footer-source = Contenido de { $project }, por { $attribution }:
footer-original = página original
footer-json-model = modelo de la página (JSON)
footer-built-with = Hecho con polyref.

home-title = Referencia de Web API
home-intro = Páginas de referencia, en este idioma cuando están traducidas y en otro cuando aún no.
home-not-translated = aún sin traducir
root-choose = Leer la referencia en español
root-description = Documentación de referencia de Web API en varios idiomas.
not-found-title = Página no encontrada
not-found-text = No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace tenga un error.

alert-note = Nota
alert-tip = Consejo
alert-important = Importante
alert-warning = Advertencia
alert-caution = Precaución

macro-available-in-workers = Esta característica está disponible en Web Workers.
badge-optional = Opcional
badge-read-only = Solo lectura
badge-non-standard = No estándar
badge-deprecated = Obsoleto
badge-experimental = Experimental
badge-secure-context = Contexto seguro
header-experimental = Experimental
    .text = Esta es una tecnología experimental: consulte la tabla de compatibilidad con navegadores antes de usarla en producción.
header-non-standard = No estándar
    .text = Esta característica no forma parte de ningún estándar. Puede funcionar en pocos navegadores, y cambiar o desaparecer; no la use en producción.
header-deprecated = Obsoleto
    .text = Esta característica ya no se recomienda. Es posible que los navegadores ya la hayan eliminado o que solo la mantengan por compatibilidad; evite usarla y actualice el código que la usa.
header-secure-context = Contexto seguro
    .text = Esta característica solo está disponible en contextos seguros (HTTPS), en algunos o todos los navegadores que la admiten.
specs-heading = Especificación
specs-none = No se conoce ninguna especificación de esta característica.
compat-see-mdn = Datos de compatibilidad con navegadores en MDN Web Docs

close-codes-code = Código de estado
close-codes-name = Nombre
close-codes-description = Descripción
close-codes-wire = Puede enviarse en una trama Close
close-codes-script = Permitido en close()
close-codes-yes = Sí
close-codes-no = No
untranslated-marker = (sin traducir)

fact-readiness = Estado de la página
fact-standardization-status = Estado de estandarización
fact-method-of = Método de
fact-notes = Notas
fact-tags = Etiquetas
fact-attributions = Atribuciones
fact-category = Categoría
fact-date = Publicado
fact-last-modified-at = Última modificación

code-summary-title = Qué códigos acepta close()
code-summary-allowed = Un script puede pasar { $codes }. Cualquier otro código lanza un InvalidAccessError.
code-summary-wire-only = { $codes } son válidos en una trama Close, pero close() los rechaza: los envía el navegador o el servidor, nunca un script.
code-summary-no-code = Sin código, el navegador envía una trama Close sin código de estado y el otro extremo informa { $code }
code-summary-table-link = Todos los códigos de cierre

# La página del estado de las traducciones (site/<locale>/status/), enlazada desde cada portada.
status-link = Estado de las traducciones: qué está traducido, qué falta y qué está desactualizado
status-title = Estado de las traducciones
status-intro = Para cada idioma: qué páginas están traducidas, cuáles faltan (el lector recibe otro idioma) y cuáles están desactualizadas porque la página en inglés cambió después, y qué mensajes de la interfaz quedan por traducir.
status-history-git = Las páginas desactualizadas se cuentan en commits del historial del proyecto.
status-history-hash = Esta copia no tiene historial de git: las traducciones se comparan con la página en inglés por su hash.
status-history-shallow = El historial de esta copia está recortado (shallow): un commit registrado más antiguo aparece como ausente del historial.
status-col-language = Idioma
status-col-percent = Traducido
status-col-translated = Páginas
status-col-outdated = Desactualizadas
status-col-missing = Faltan
status-col-messages = Mensajes de la interfaz
status-col-cells = Celdas de tabla en inglés
status-col-page = Página
status-col-state = Estado
status-col-detail = Detalle
status-state-translated = traducida
status-state-outdated = desactualizada
status-state-missing = falta
status-source = texto original
status-up-to-date = al día
status-behind = { $commits ->
    [one] el original cambió en un commit desde esta traducción
   *[other] el original cambió en { $commits } commits desde esta traducción
}
status-changed = el original cambió desde esta traducción
status-unknown-commit = sourceCommit { $commit } no está en el historial del proyecto
status-invalid-commit = sourceCommit { $commit } no es un identificador de commit
status-unchecked = sourceCommit { $commit } no se puede comprobar sin el historial de git
status-not-recorded = no se indica de qué versión del original se tradujo
status-no-source = no hay página en { $language } con la que comparar
status-fallback = el lector recibe la página en { $language }
status-messages-heading = Mensajes de la interfaz por traducir
status-cells-heading = Celdas de la tabla de códigos de cierre mostradas en inglés
status-more-rows = Otras { $count } páginas no aparecen aquí; `polyref status` las muestra todas.
status-none = Ninguno.
