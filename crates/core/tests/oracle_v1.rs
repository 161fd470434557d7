//! Our V1 signer against the official OSS Python SDK's `SignerV1` (an independent oracle).
//!
//! Needs `python3` with `alibabacloud-oss-v2` (scripts/setup.sh installs it). Two checks:
//! - signing: the same request, key and time give byte-identical string to sign, `Date` and
//!   Authorization. The token is handed to both as an `x-oss-security-token` header, the form
//!   OSS documents (the Python SDK itself sends STS tokens as an unsigned `security-token`).
//! - verifying: from the headers the SDK really puts on the wire (including its
//!   `security-token`), our string to sign equals the SDK's, so the emulator accepts the SDK.

use console_core::oss::credentials::Credentials;
use console_core::oss::encode;
use console_core::oss::sign_v1::{self, SigningInput};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

struct Case {
    method: String,
    bucket: Option<String>,
    key: Option<String>,
    query: String,
    headers: Vec<(String, String)>,
    extra: Vec<&'static str>,
    ak: String,
    sk: String,
    token: Option<String>,
    time_ms: i64,
}

impl Case {
    fn creds(&self) -> Credentials {
        Credentials {
            access_key_id: self.ak.clone(),
            access_key_secret: self.sk.clone(),
            security_token: self.token.clone(),
            expiration_ms: None,
        }
    }

    fn input(&self) -> SigningInput<'_> {
        SigningInput {
            method: &self.method,
            bucket: self.bucket.as_deref(),
            key: self.key.as_deref(),
            query: &self.query,
            headers: &self.headers,
            extra_subresources: &self.extra,
        }
    }

    /// For the SDK: our token as a header it signs like any `x-oss-*` header.
    fn to_json_token_as_header(&self) -> Value {
        let mut headers: serde_json::Map<String, Value> =
            self.headers.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
        if let Some(t) = self.token.as_deref().filter(|t| !t.is_empty()) {
            headers.insert("x-oss-security-token".into(), t.into());
        }
        json!({
            "method": self.method, "bucket": self.bucket, "key": self.key, "query": self.query,
            "headers": headers, "extra_subresources": self.extra,
            "ak": self.ak, "sk": self.sk, "token": "", "time_ms": self.time_ms,
        })
    }

    /// For the SDK: the token as credentials, so it sends it its own way.
    fn to_json_sdk_token(&self) -> Value {
        let mut v = self.to_json_token_as_header();
        v["headers"] = self.headers.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect();
        v["token"] = self.token.clone().unwrap_or_default().into();
        v
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    fn text(&mut self) -> String {
        const PIECES: &[&str] =
            &["a", "Z", "0", " ", "+", "/", "=", "&", "%", "~", "_", "-", ".", "*", "中", "é", "?", ":", "@", ",", ";"];
        let n = 1 + self.next() % 10;
        (0..n).map(|_| *self.pick(PIECES)).collect()
    }
}

fn base(method: &str, key: Option<&str>, query: &str, token: Option<&str>) -> Case {
    Case {
        method: method.into(),
        bucket: Some("examplebucket".into()),
        key: key.map(str::to_string),
        query: query.into(),
        headers: vec![],
        extra: vec![],
        ak: "STS.NUgYrLnoC9zbf8xHDDgKxkt2S".into(),
        sk: "8A9yuf/secret+with=chars".into(),
        token: token.map(str::to_string),
        time_ms: 1_744_895_318_000,
    }
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        base("GET", None, "accessmonitor", Some("CAIS+Test/Security=Token+/==")),
        base("GET", None, "accessmonitor", None),
        base("GET", None, "encoding-type=url&list-type=2&prefix=a%2Fb&continuation-token=x%2By%3D", None),
        base("GET", Some("dir/中文 file (1).txt"), "versionId=CAEQ%2B&response-content-type=text%2Fplain", Some("t")),
        base("PUT", Some("1234+-/123/1.txt"), "acl", None),
        base("POST", Some("obj"), "uploads&a=&b", Some("tok")),
        base("HEAD", Some("z"), "uploadId=2&uploadId=1&acl", None),
        base("GET", None, "resourceGroup&non-resource=null", None),
    ];
    let mut lifecycle = base("GET", None, "lifecycle", Some("tok"));
    lifecycle.extra = vec!["lifecycle"];
    cases.push(lifecycle);
    let mut service = base("GET", None, "", None);
    service.bucket = None;
    cases.push(service);
    let mut headers = base("PUT", Some("k"), "", Some("tok"));
    headers.headers = vec![
        ("Content-MD5".into(), "eB5eJF1ptWaXm4bijSPyxw==".into()),
        ("Content-Type".into(), "text/html".into()),
        ("x-oss-meta-Author".into(), "alice".into()),
        ("X-OSS-Meta-Magic".into(), "abracadabra".into()),
        ("range".into(), "bytes=0-9".into()),
    ];
    cases.push(headers);
    let mut dated = base("GET", Some("k"), "", None);
    // The browser form: x-oss-date replaces Date on the date line.
    dated.headers = vec![("x-oss-date".into(), "Wed, 28 Dec 2022 10:27:41 GMT".into())];
    cases.push(dated);

    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..200 {
        let params: Vec<String> = (0..rng.next() % 4)
            .map(|_| {
                let name = if rng.next() % 2 == 0 {
                    rng.pick(&["acl", "versionId", "continuation-token", "uploads", "partNumber", "lifecycle"])
                        .to_string()
                } else {
                    encode::query_component(&rng.text())
                };
                match rng.next() % 3 {
                    0 => name,
                    1 => format!("{name}="),
                    _ => format!("{name}={}", encode::query_component(&rng.text())),
                }
            })
            .collect();
        let method = *rng.pick(&["GET", "PUT", "POST", "DELETE", "HEAD"]);
        let mut c = base(
            method,
            None,
            &params.join("&"),
            match rng.next() % 3 {
                0 => None,
                1 => Some(""),
                _ => Some("CAIS+tok/=="),
            },
        );
        if rng.next() % 3 > 0 {
            c.key = Some(format!("{}/{}", rng.text(), rng.text()));
        }
        if rng.next() % 2 == 0 {
            c.headers.push(("x-oss-meta-x".into(), rng.text().trim().to_string()));
        }
        if rng.next() % 2 == 0 {
            c.headers.push(("content-type".into(), "application/xml".into()));
        }
        if rng.next() % 3 == 0 {
            c.extra = vec!["lifecycle"];
        }
        c.time_ms = (rng.next() % 4_102_444_800) as i64 * 1000;
        cases.push(c);
    }
    cases
}

fn run_oracle(cases: &[Value]) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/sign_v1_with_sdk.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be installed (scripts/setup.sh test installs the SDK)");
    child.stdin.take().unwrap().write_all(Value::Array(cases.to_vec()).to_string().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the SDK oracle failed (is alibabacloud-oss-v2 installed? run scripts/setup.sh test):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn our_v1_signer_matches_the_official_python_sdk() {
    let cases = cases();
    let theirs = run_oracle(&cases.iter().map(Case::to_json_token_as_header).collect::<Vec<_>>());
    assert_eq!(theirs.len(), cases.len());
    for (i, (case, t)) in cases.iter().zip(&theirs).enumerate() {
        let ours = sign_v1::sign(&case.input(), &case.creds(), case.time_ms);
        let ctx = || format!("case {i}: {} {:?} {:?} query={:?}", case.method, case.bucket, case.key, case.query);
        assert_eq!(ours.string_to_sign, t["string_to_sign"].as_str().unwrap(), "{}", ctx());
        assert_eq!(ours.date, t["date"].as_str().unwrap(), "{}", ctx());
        assert_eq!(ours.authorization, t["authorization"].as_str().unwrap(), "{}", ctx());
    }
}

#[test]
fn we_verify_what_the_sdk_sends_including_its_security_token_header() {
    let cases = cases();
    let theirs = run_oracle(&cases.iter().map(Case::to_json_sdk_token).collect::<Vec<_>>());
    let mut with_token = 0;
    for (i, (case, t)) in cases.iter().zip(&theirs).enumerate() {
        let sent: Vec<(String, String)> = t["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_str().unwrap().to_string()))
            .collect();
        if sent.iter().any(|(n, _)| n == "security-token") {
            with_token += 1;
        }
        let resource =
            sign_v1::canonical_resource(case.bucket.as_deref(), case.key.as_deref(), &case.query, &case.extra);
        let rebuilt = sign_v1::string_to_sign(&case.method, &sent, &resource);
        assert_eq!(rebuilt, t["string_to_sign"].as_str().unwrap(), "case {i}");
        let auth = sign_v1::parse_authorization(t["authorization"].as_str().unwrap()).unwrap();
        assert_eq!(auth.signature, sign_v1::signature(&case.sk, &rebuilt), "case {i}");
    }
    assert!(with_token > 10, "the SDK's security-token header was exercised");
}
