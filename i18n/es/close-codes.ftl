### Códigos de cierre de WebSocket: nombre y descripción de cada entrada de
### content/data/close-codes.yaml, que se muestran en las tablas de códigos de
### cierre de las páginas.
###
### Para traductores:
### - El id de un mensaje es close-code-<código>, o close-code-<primero>-<último>
###   para un rango de códigos. No cambie los ids.
### - El valor es el nombre del código; el atributo .description explica su
###   significado.
### - Lo que falta aquí se muestra en inglés (i18n/en/close-codes.ftl). Para
###   traducirlo, copie el mensaje o el atributo del archivo inglés.
###
### Los textos proceden de la tabla de la página CloseEvent de MDN Web Docs en
### español (CC-BY-SA 2.5, colaboradores de Mozilla), con erratas y acentos
### corregidos. Las filas y celdas que esa tabla dejó en inglés no están aquí:
###
### Sin nombre ni descripción (se muestran en inglés):
###   close-code-0-999, close-code-1007, close-code-1014, close-code-3000-3999,
###   close-code-3000, close-code-3003, close-code-3008
### Sin nombre (solo la descripción está traducida):
###   close-code-1001, close-code-1004, close-code-1016-2999, close-code-4000-4999
### Sin descripción (solo el nombre está traducido):
###   close-code-1008, close-code-1009, close-code-1010, close-code-1011,
###   close-code-1013, close-code-1015
### La descripción de close-code-1006 omite el final «when a status code is
### expected», que la tabla dejó en inglés.

close-code-1000 = Cierre normal
    .description = Cierre normal; la conexión se completó con éxito, cualquiera que sea el propósito para el cual fue creada.

close-code-1001 =
    .description = El punto final se fue (desapareció), ya sea por una falla en el servidor o porque el navegador está navegando fuera de la página que abrió la conexión.

close-code-1002 = Error de protocolo
    .description = El punto final está terminando la conexión debido a un error en el protocolo.

close-code-1003 = Datos no soportados
    .description = La conexión está siendo terminada porque el punto final recibió datos de un tipo que no acepta ni soporta (por ejemplo, está esperando solo texto y el punto final recibió datos binarios).

close-code-1004 =
    .description = Reservado. Un significado se podría definir en un futuro.

close-code-1005 = Estado no recibido
    .description = Reservado. Indica que no se proporcionó ningún código de estado aunque se esperaba uno.

close-code-1006 = Cierre anormal
    .description = Reservado. Se usa para indicar que una conexión fue cerrada de forma anormal (es decir, sin que se envíe un frame de cierre).

close-code-1008 = Violación de política

close-code-1009 = Mensaje muy grande

close-code-1010 = Extensión faltante

close-code-1011 = Error interno

close-code-1012 = Reinicio de servicio
    .description = El servidor está terminando la conexión porque se está reiniciando.

close-code-1013 = Trate más tarde nuevamente

close-code-1015 = Saludo TLS

close-code-1016-2999 =
    .description = Reservado para futuros usos del estándar WebSocket y para uso de extensiones WebSocket.

close-code-4000-4999 =
    .description = Disponible para uso de aplicaciones.
