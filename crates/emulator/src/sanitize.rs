//! Anything reflected from a request into a response goes through here: no CR/LF or other
//! control characters, bounded length, and text safe inside XML.

/// Longest host we echo (DNS names are at most 253 characters, plus a port).
const MAX_HOST: usize = 262;
/// At most this many names in a reflected header list, each at most `MAX_NAME` long.
const MAX_NAMES: usize = 64;
const MAX_NAME: usize = 64;
/// Longest origin we echo.
const MAX_ORIGIN: usize = 256;

fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// A `Host` as `HostId` may echo it: host-name and IP-literal characters only, bounded.
pub fn host(raw: &str) -> String {
    let kept: String =
        raw.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']')).collect();
    truncate(kept, MAX_HOST)
}

fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// A comma-separated list of header names (a preflight's `Access-Control-Request-Headers`),
/// keeping only well-formed names, lowercased, bounded in number and length.
pub fn header_list(raw: &str) -> String {
    raw.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.len() <= MAX_NAME && n.chars().all(is_tchar))
        .take(MAX_NAMES)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join(",")
}

/// An `Origin` we may echo in `Access-Control-Allow-Origin`, if it looks like one.
pub fn origin(raw: &str) -> Option<&str> {
    let ok = !raw.is_empty()
        && raw.len() <= MAX_ORIGIN
        && raw.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '.' | '-' | '[' | ']' | '_'));
    ok.then_some(raw)
}

/// A header value built from request data: printable ASCII only (other bytes become `?`), bounded.
pub fn header_value(raw: &str, max: usize) -> String {
    let kept: String = raw.chars().map(|c| if (' '..='~').contains(&c) { c } else { '?' }).collect();
    truncate(kept, max)
}

/// Text for an XML element: escaped, and characters XML 1.0 forbids replaced by U+FFFD (a
/// strict parser, like the Python SDK's, would otherwise fail on the whole error body).
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as a reference: a literal CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_lose_everything_but_name_characters() {
        assert_eq!(host("demo-bucket.localhost:9000"), "demo-bucket.localhost:9000");
        assert_eq!(host("[::1]:9000"), "[::1]:9000");
        assert_eq!(host("evil\r\nSet-Cookie: x=<y>"), "evilSet-Cookie:xy");
        assert_eq!(host(&"a".repeat(10_000)).len(), MAX_HOST);
    }

    #[test]
    fn header_lists_keep_only_names() {
        assert_eq!(
            header_list("Authorization, content-md5,x-oss-date , bad name,\u{1}x,<script>,"),
            "authorization,content-md5,x-oss-date"
        );
        let many = (0..500).map(|i| format!("h{i}")).collect::<Vec<_>>().join(",");
        assert_eq!(header_list(&many).split(',').count(), MAX_NAMES);
        assert_eq!(header_list(&"x".repeat(100)), "");
    }

    #[test]
    fn origins_and_values() {
        assert_eq!(origin("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("http://a\r\nb"), None);
        assert_eq!(origin(""), None);
        assert_eq!(header_value("a\u{7}b\u{e9}c", 10), "a?b?c");
        assert_eq!(header_value(&"é".repeat(50), 5), "?????");
    }

    #[test]
    fn xml_text_is_well_formed() {
        assert_eq!(xml_text("a<b>&\"'\r\n\t\u{1}\u{FFFF}z"), "a&lt;b&gt;&amp;&quot;&apos;&#13;\n\t\u{FFFD}\u{FFFD}z");
    }
}
