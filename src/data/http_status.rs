//! HTTP status codes and their reason phrases, as the IANA HTTP Status Code Registry lists them:
//! those of HTTP Semantics (RFC 9110, section 15) and the few other standards-track ones MDN
//! documents. `{{HTTPStatus("400")}}` shows `400 Bad Request`, as MDN does.

/// (code, reason phrase), by code.
const REASONS: &[(&str, &str)] = &[
    ("100", "Continue"),
    ("101", "Switching Protocols"),
    ("103", "Early Hints"),
    ("200", "OK"),
    ("201", "Created"),
    ("202", "Accepted"),
    ("203", "Non-Authoritative Information"),
    ("204", "No Content"),
    ("205", "Reset Content"),
    ("206", "Partial Content"),
    ("300", "Multiple Choices"),
    ("301", "Moved Permanently"),
    ("302", "Found"),
    ("303", "See Other"),
    ("304", "Not Modified"),
    ("305", "Use Proxy"),
    ("307", "Temporary Redirect"),
    ("308", "Permanent Redirect"),
    ("400", "Bad Request"),
    ("401", "Unauthorized"),
    ("402", "Payment Required"),
    ("403", "Forbidden"),
    ("404", "Not Found"),
    ("405", "Method Not Allowed"),
    ("406", "Not Acceptable"),
    ("407", "Proxy Authentication Required"),
    ("408", "Request Timeout"),
    ("409", "Conflict"),
    ("410", "Gone"),
    ("411", "Length Required"),
    ("412", "Precondition Failed"),
    ("413", "Content Too Large"),
    ("414", "URI Too Long"),
    ("415", "Unsupported Media Type"),
    ("416", "Range Not Satisfiable"),
    ("417", "Expectation Failed"),
    ("421", "Misdirected Request"),
    ("422", "Unprocessable Content"),
    ("426", "Upgrade Required"),
    ("428", "Precondition Required"),
    ("429", "Too Many Requests"),
    ("431", "Request Header Fields Too Large"),
    ("451", "Unavailable For Legal Reasons"),
    ("500", "Internal Server Error"),
    ("501", "Not Implemented"),
    ("502", "Bad Gateway"),
    ("503", "Service Unavailable"),
    ("504", "Gateway Timeout"),
    ("505", "HTTP Version Not Supported"),
    ("511", "Network Authentication Required"),
];

/// The reason phrase of status `code` (`"426"` → `Upgrade Required`), if it is registered.
pub fn reason(code: &str) -> Option<&'static str> {
    REASONS.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| REASONS[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_found_by_code() {
        assert!(REASONS.windows(2).all(|w| w[0].0 < w[1].0), "sorted by code, each once");
        assert_eq!(reason("101"), Some("Switching Protocols"));
        assert_eq!(reason("426"), Some("Upgrade Required"));
        assert_eq!(reason("418"), None);
        assert_eq!(reason("4"), None);
    }
}
