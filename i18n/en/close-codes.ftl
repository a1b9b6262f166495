### WebSocket close codes: the name and description of every entry of
### content/data/close-codes.yaml, shown in the close-code tables of the pages.
###
### This English file is the reference: it has every message, and any message
### or attribute a locale leaves out is shown from here.
###
### For translators:
### - A message id is close-code-<code>, or close-code-<first>-<last> for a
###   range of codes. Do not change the ids; copy them as they are.
### - The value is the name of the code, the attribute .description says what
###   it means. Translate both.
### - The names are IANA's (WebSocket Close Code Number Registry); the
###   descriptions follow RFC 6455 sections 7.4.1 and 7.4.2. Whether a code may
###   be sent or passed to close() is not written here: the pages take it from
###   the registry.

close-code-0-999 = Not used
    .description = Codes 0–999 are not used.

close-code-1000 = Normal Closure
    .description = The connection closed normally: the purpose for which it was established has been fulfilled.

close-code-1001 = Going Away
    .description = An endpoint is going away, such as a server going down or a browser having navigated away from a page.

close-code-1002 = Protocol error
    .description = An endpoint is terminating the connection due to a protocol error.

close-code-1003 = Unsupported Data
    .description = An endpoint is terminating the connection because it received a type of data it cannot accept (e.g., binary data at an endpoint that understands only text).

close-code-1004 = Reserved
    .description = Reserved. Its meaning might be defined in the future.

close-code-1005 = No Status Rcvd
    .description = Reserved; an endpoint must not send it in a Close frame. Applications use it to indicate that no status code was actually present.

close-code-1006 = Abnormal Closure
    .description = Reserved; an endpoint must not send it in a Close frame. Applications use it to indicate that the connection was closed abnormally, e.g., without sending or receiving a Close frame.

close-code-1007 = Invalid frame payload data
    .description = An endpoint is terminating the connection because it received data within a message that was not consistent with the type of the message (e.g., non-UTF-8 data within a text message).

close-code-1008 = Policy Violation
    .description = An endpoint is terminating the connection because it received a message that violates its policy. A generic code for when no more suitable code (such as 1003 or 1009) applies, or to hide the details of the policy.

close-code-1009 = Message Too Big
    .description = An endpoint is terminating the connection because it received a message that is too big for it to process.

close-code-1010 = Mandatory Ext.
    .description = The client is terminating the connection because it expected the server to negotiate one or more extensions, but the server did not. The reason should list the extensions needed.

close-code-1011 = Internal Error
    .description = The server is terminating the connection because it encountered an unexpected condition that prevented it from fulfilling the request.

close-code-1012 = Service Restart
    .description = The server is terminating the connection because it is restarting.

close-code-1013 = Try Again Later
    .description = The server is terminating the connection due to a temporary condition, e.g., it is overloaded and is casting off some of its clients.

close-code-1014 = Bad Gateway
    .description = The server was acting as a gateway or proxy and received an invalid response from the upstream server, similar to HTTP status code 502.

close-code-1015 = TLS handshake
    .description = Reserved; an endpoint must not send it in a Close frame. Applications use it to indicate that the connection was closed because the TLS handshake failed (e.g., the server certificate could not be verified).

close-code-1016-2999 = Reserved for the protocol
    .description = Reserved for future revisions of the WebSocket Protocol and for extensions specified in a permanent and readily available public specification. Not yet assigned.

close-code-3000-3999 = Libraries and frameworks
    .description = For libraries, frameworks and applications. These codes are registered directly with IANA, first come, first served; the codes not listed separately are unassigned. The WebSocket Protocol does not define their meaning.

close-code-3000 = Unauthorized
    .description = Registered with IANA under the name “Unauthorized”. Its meaning is defined by its registration, not by the WebSocket Protocol.

close-code-3003 = Forbidden
    .description = Registered with IANA under the name “Forbidden”. Its meaning is defined by its registration, not by the WebSocket Protocol.

close-code-3008 = Timeout
    .description = Registered with IANA under the name “Timeout”. Its meaning is defined by its registration, not by the WebSocket Protocol.

close-code-4000-4999 = Reserved for Private Use
    .description = Reserved for private use, so these codes cannot be registered. Applications may use them by prior agreement; the WebSocket Protocol does not define their meaning.
