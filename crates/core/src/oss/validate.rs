//! Input checks for the bucket form: bucket names, region ids, endpoint URLs.

/// What is wrong with a form field, phrased for the person typing it (`Display` is the English;
/// `Lang::text(&Msg::Input(..))` gives every language).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InputError {
    BucketEmpty,
    /// The name's length in characters.
    BucketLength(usize),
    /// The first character not allowed.
    BucketChars(char),
    BucketEdges,
    RegionEmpty,
    /// What was typed.
    RegionInvalid(String),
    EndpointNotUrl,
    EndpointInsecure,
    EndpointHasPath,
    /// The IP address given as host.
    VirtualHostedNeedsName(String),
    AccessKeyIdEmpty,
    AccessKeySecretEmpty,
    TokenMissing,
    /// Which credential field (`AccessKeyId`, `AccessKeySecret`, `SecurityToken`).
    Whitespace(String),
}

impl std::error::Error for InputError {}

/// Check a bucket name against the OSS naming rules.
pub fn bucket(name: &str) -> Result<(), InputError> {
    if name.is_empty() {
        return Err(InputError::BucketEmpty);
    }
    let len = name.chars().count();
    if !(3..=63).contains(&len) {
        return Err(InputError::BucketLength(len));
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
        return Err(InputError::BucketChars(c));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(InputError::BucketEdges);
    }
    Ok(())
}

/// Normalize and check a region id: trims, lowercases, drops a leading `oss-`.
pub fn region(input: &str) -> Result<String, InputError> {
    let r = input.trim().to_ascii_lowercase();
    let r = r.strip_prefix("oss-").unwrap_or(&r).to_string();
    if r.is_empty() {
        return Err(InputError::RegionEmpty);
    }
    let ok = r.len() <= 40
        && r.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !r.starts_with('-')
        && !r.ends_with('-')
        && r.contains('-');
    if ok {
        Ok(r)
    } else {
        Err(InputError::RegionInvalid(input.trim().to_string()))
    }
}

/// How far an endpoint can be trusted with a signed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    /// An Alibaba Cloud OSS domain.
    Oss,
    /// This machine (the local emulator).
    Loopback,
    /// Anything else: the user must confirm before the AccessKeyId, the token and a signature
    /// that could be replayed for 15 minutes are sent there.
    Unknown,
}

/// A checked endpoint: scheme, host and optional port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
}

impl Endpoint {
    /// Whether the host is an IP literal (no virtual-hosted buckets there).
    pub fn host_is_ip(&self) -> bool {
        self.host.starts_with('[') || self.host.parse::<std::net::Ipv4Addr>().is_ok()
    }

    /// Whether the host is this machine.
    pub fn is_loopback(&self) -> bool {
        let h = self.host.as_str();
        h == "localhost"
            || h.ends_with(".localhost")
            || h.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|ip| ip.parse::<std::net::Ipv6Addr>().ok())
                .is_some_and(|ip| ip.is_loopback())
            || h.parse::<std::net::Ipv4Addr>().map(|ip| ip.is_loopback()).unwrap_or(false)
    }

    /// Whether requests to this endpoint need the user's explicit go-ahead: anything outside the
    /// OSS domains (`*.aliyuncs.com`) and this machine.
    pub fn trust(&self) -> Trust {
        if self.is_loopback() {
            Trust::Loopback
        } else if self.scheme == "https" && (self.host == "aliyuncs.com" || self.host.ends_with(".aliyuncs.com")) {
            Trust::Oss
        } else {
            Trust::Unknown
        }
    }

    /// `scheme://host[:port]` with `host` replaced by `host_prefix` + host.
    pub fn origin_with_prefix(&self, host_prefix: &str) -> String {
        match self.port {
            Some(p) => format!("{}://{host_prefix}{}:{p}", self.scheme, self.host),
            None => format!("{}://{host_prefix}{}", self.scheme, self.host),
        }
    }
}

/// Parse and check an endpoint URL (`https://…`, or `http://` for loopback only). A bare host
/// gets `https://`.
pub fn endpoint(input: &str) -> Result<Endpoint, InputError> {
    let s = input.trim();
    let (scheme, rest) = match s.split_once("://") {
        Some((sc, rest)) => (sc.to_ascii_lowercase(), rest),
        None => ("https".to_string(), s),
    };
    if scheme != "https" && scheme != "http" {
        return Err(InputError::EndpointNotUrl);
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Err(InputError::EndpointNotUrl);
    }
    if rest.contains(['/', '?', '#', '@']) {
        return Err(InputError::EndpointHasPath);
    }
    let (host, port) = if let Some(end) = rest.strip_prefix('[').and_then(|r| r.find(']')) {
        // A bracketed host is an IPv6 address, followed by nothing but `:port`.
        if rest[1..end + 1].parse::<std::net::Ipv6Addr>().is_err() {
            return Err(InputError::EndpointNotUrl);
        }
        let host = &rest[..end + 2];
        match &rest[end + 2..] {
            "" => (host, None),
            after => (host, Some(after.strip_prefix(':').ok_or(InputError::EndpointNotUrl)?)),
        }
    } else if rest.contains(['[', ']']) {
        return Err(InputError::EndpointNotUrl);
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().map_err(|_| InputError::EndpointNotUrl)?),
        None => None,
    };
    let host = host.to_ascii_lowercase();
    let host_ok = !host.is_empty()
        && (host.starts_with('[') || host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
    if !host_ok {
        return Err(InputError::EndpointNotUrl);
    }
    let ep = Endpoint { scheme, host, port };
    // The page's Content-Security-Policy allows http only to these hosts (CSP has no IPv6 form).
    if ep.scheme == "http" && (!ep.is_loopback() || ep.host.starts_with('[')) {
        return Err(InputError::EndpointInsecure);
    }
    Ok(ep)
}

/// Check the three credential fields as typed.
pub fn credentials(id: &str, secret: &str, token: &str) -> Result<(), InputError> {
    if id.is_empty() {
        return Err(InputError::AccessKeyIdEmpty);
    }
    if secret.is_empty() {
        return Err(InputError::AccessKeySecretEmpty);
    }
    for (name, v) in [("AccessKeyId", id), ("AccessKeySecret", secret), ("SecurityToken", token)] {
        if v.chars().any(char::is_whitespace) {
            return Err(InputError::Whitespace(name.to_string()));
        }
    }
    if id.starts_with("STS.") && token.is_empty() {
        return Err(InputError::TokenMissing);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_rules() {
        for ok in ["abc", "my-bucket-01", &"a".repeat(63)] {
            assert_eq!(bucket(ok), Ok(()), "{ok}");
        }
        assert_eq!(bucket(""), Err(InputError::BucketEmpty));
        assert_eq!(bucket("ab"), Err(InputError::BucketLength(2)));
        assert_eq!(bucket(&"a".repeat(64)), Err(InputError::BucketLength(64)));
        assert_eq!(bucket("My-Bucket"), Err(InputError::BucketChars('M')));
        assert_eq!(bucket("my_bucket"), Err(InputError::BucketChars('_')));
        assert_eq!(bucket("my.bucket"), Err(InputError::BucketChars('.')));
        assert_eq!(bucket("-abc"), Err(InputError::BucketEdges));
    }

    #[test]
    fn region_ids() {
        assert_eq!(region(" oss-cn-hangzhou ").unwrap(), "cn-hangzhou");
        assert_eq!(region("AP-Southeast-1").unwrap(), "ap-southeast-1");
        assert!(region("").is_err());
        assert!(region("hangzhou").is_err());
        assert!(region("cn hangzhou").is_err());
    }

    #[test]
    fn endpoints() {
        let e = endpoint("https://oss-cn-hangzhou.aliyuncs.com/").unwrap();
        assert_eq!((e.scheme.as_str(), e.host.as_str(), e.port), ("https", "oss-cn-hangzhou.aliyuncs.com", None));
        assert_eq!(endpoint("oss-cn-beijing.aliyuncs.com").unwrap().scheme, "https");
        let l = endpoint("http://localhost:9000").unwrap();
        assert_eq!(l.port, Some(9000));
        assert!(l.is_loopback() && !l.host_is_ip());
        assert!(endpoint("http://127.0.0.1:9000").unwrap().host_is_ip());
        assert!(endpoint("https://[::1]:9000").unwrap().is_loopback());
        assert_eq!(endpoint("http://[::1]:9000"), Err(InputError::EndpointInsecure));
        assert_eq!(endpoint("http://oss-cn-hangzhou.aliyuncs.com"), Err(InputError::EndpointInsecure));
        assert_eq!(endpoint("https://x.com/path"), Err(InputError::EndpointHasPath));
        assert_eq!(endpoint("https://user@x.com"), Err(InputError::EndpointHasPath));
        assert_eq!(endpoint("ftp://x.com"), Err(InputError::EndpointNotUrl));
        assert_eq!(endpoint("https://x.com:99999"), Err(InputError::EndpointNotUrl));
        assert_eq!(endpoint("https://"), Err(InputError::EndpointNotUrl));
        // Brackets hold an IPv6 address and nothing follows them but a port.
        assert!(endpoint("https://[0:0:0:0:0:0:0:1]").unwrap().is_loopback());
        assert_eq!(endpoint("https://[2001:db8::1]:443").unwrap().port, Some(443));
        for bad in [
            "https://[::1]evil.com",
            "https://[::1].evil.com:443",
            "https://[evil.com]",
            "https://[]",
            "https://[::1]:",
            "https://[::1]:9000:1",
            "https://[127.0.0.1]",
            "https://[::1",
        ] {
            assert_eq!(endpoint(bad), Err(InputError::EndpointNotUrl), "{bad}");
        }
        assert_eq!(endpoint("https://x.com:"), Err(InputError::EndpointNotUrl));
    }

    #[test]
    fn trust_of_endpoints() {
        for (e, t) in [
            ("https://oss-cn-hangzhou.aliyuncs.com", Trust::Oss),
            ("oss-accelerate.aliyuncs.com", Trust::Oss),
            ("http://localhost:9000", Trust::Loopback),
            ("http://127.0.0.1:9000", Trust::Loopback),
            ("https://oss.example.com", Trust::Unknown),
            ("https://aliyuncs.com.evil.example", Trust::Unknown),
            ("https://notaliyuncs.com", Trust::Unknown),
        ] {
            assert_eq!(endpoint(e).unwrap().trust(), t, "{e}");
        }
    }

    #[test]
    fn credential_fields() {
        assert_eq!(credentials("", "s", ""), Err(InputError::AccessKeyIdEmpty));
        assert_eq!(credentials("a", "", ""), Err(InputError::AccessKeySecretEmpty));
        assert_eq!(credentials("STS.a", "s", ""), Err(InputError::TokenMissing));
        assert!(matches!(credentials("a", "s s", ""), Err(InputError::Whitespace(_))));
        assert_eq!(credentials("LTAIa", "s", ""), Ok(()));
    }
}
