//! Strict RFC 3986 percent-encoding (uppercase hex), as OSS signs it.

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn encode(s: &str, keep_slash: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Encode a query name or value: every byte but `A-Z a-z 0-9 - . _ ~` (space is `%20`, never `+`).
pub fn query_component(s: &str) -> String {
    encode(s, false)
}

/// Encode a URI path, keeping `/`.
pub fn path(s: &str) -> String {
    encode(s, true)
}

/// Decode `%XX` escapes (no `+` rule: OSS wire queries use `%20`). Invalid escapes stay as they are.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_rfc3986() {
        assert_eq!(query_component("a b+c/d=e&f~_.-"), "a%20b%2Bc%2Fd%3De%26f~_.-");
        assert_eq!(query_component("中"), "%E4%B8%AD");
        assert_eq!(path("/bucket/1234+-/123/1.txt"), "/bucket/1234%2B-/123/1.txt");
        assert_eq!(path("/b/a b*'()!"), "/b/a%20b%2A%27%28%29%21");
    }

    #[test]
    fn decode_round_trips_and_tolerates_junk() {
        for s in ["a b+c/d=e&f~", "中文 key", "%", "100%"] {
            assert_eq!(percent_decode(&query_component(s)), s);
        }
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%41%"), "A%");
    }
}
