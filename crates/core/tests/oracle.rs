//! Our V4 signer against the official OSS Python SDK's `SignerV4` (an independent oracle).
//!
//! Needs `python3` with `alibabacloud-oss-v2` (scripts/setup.sh installs it). A spread of
//! hand-picked and generated requests is signed by both; canonical request, string to sign and
//! Authorization must be byte-identical.

use console_core::oss::access_monitor::{self, AccessMonitorStatus};
use console_core::oss::credentials::Credentials;
use console_core::oss::encode;
use console_core::oss::request::{Addressing, BucketTarget};
use console_core::oss::sign::{sign, Signed, SigningInput};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

struct Case {
    method: String,
    bucket: Option<String>,
    key: Option<String>,
    query: String,
    headers: Vec<(String, String)>,
    region: String,
    product: String,
    creds: Credentials,
    time_ms: i64,
    additional: Vec<String>,
    /// For requests the console builds: every header it sends, Authorization included.
    sent: Option<Vec<(String, String)>>,
}

impl Case {
    fn ours(&self) -> Signed {
        let input = SigningInput {
            method: &self.method,
            bucket: self.bucket.as_deref(),
            key: self.key.as_deref(),
            query: &self.query,
            headers: &self.headers,
            region: &self.region,
            product: &self.product,
            additional_headers: &self.additional,
        };
        sign(&input, &self.creds, self.time_ms)
    }

    fn to_json(&self) -> Value {
        json!({
            "method": self.method, "bucket": self.bucket, "key": self.key, "query": self.query,
            "headers": self.headers.iter().map(|(k, v)| (k.clone(), Value::from(v.clone()))).collect::<serde_json::Map<_, _>>(),
            "region": self.region, "product": self.product,
            "ak": self.creds.access_key_id, "sk": self.creds.access_key_secret,
            "token": self.creds.security_token.clone().unwrap_or_default(),
            "time_ms": self.time_ms, "additional_headers": self.additional,
        })
    }
}

fn creds(token: Option<&str>) -> Credentials {
    Credentials {
        access_key_id: "STS.NUgYrLnoC9zbf8xHDDgKxkt2S".into(),
        access_key_secret: "8A9yuf/secret+with=chars".into(),
        security_token: token.map(str::to_string),
        expiration_ms: None,
    }
}

/// A small deterministic generator, so failures reproduce.
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
        const PIECES: &[&str] = &[
            "a", "Z", "0", "9", " ", "+", "/", "=", "&", "%", "~", "_", "-", ".", "*", "'", "(", ")", "!", "中", "文",
            "é", "#", "?", ":", "@", ",", ";", "$",
        ];
        let n = 1 + self.next() % 12;
        (0..n).map(|_| *self.pick(PIECES)).collect()
    }
}

fn hand_picked() -> Vec<Case> {
    let base = |method: &str, key: Option<&str>, query: &str, token: Option<&str>| Case {
        method: method.into(),
        bucket: Some("examplebucket".into()),
        key: key.map(str::to_string),
        query: query.into(),
        headers: vec![],
        region: "cn-hangzhou".into(),
        product: "oss".into(),
        creds: creds(token),
        time_ms: 1_744_895_318_000,
        additional: vec![],
        sent: None,
    };
    let mut cases = vec![
        base("GET", None, "accessmonitor", Some("CAIS+Test/Security=Token+/==")),
        base("GET", None, "accessmonitor", None),
        base("PUT", Some("1234+-/123/1.txt"), "", None),
        base("GET", Some("dir/中文 file (1).txt"), "versionId=CAEQ%2B&response-content-type=text%2Fplain", Some("tok")),
        base("DELETE", Some("a~b_c.d-e*f'g!h"), "uploadId=0004B9895DBBB6EC98E", None),
        base("POST", Some("obj"), "uploads&a=&b", Some("tok")),
        base("GET", None, "prefix=a%20b&delimiter=%2F&max-keys=10&marker=", None),
        base("HEAD", Some("z"), "b=2&a=1&a=0&c", None),
    ];
    let mut service = base("GET", None, "", None);
    service.bucket = None;
    cases.push(service);
    let mut extra = base("PUT", Some("k"), "acl", Some("tok"));
    extra.headers = vec![
        ("x-oss-meta-Owner".into(), "Ann".into()),
        ("Content-Type".into(), "text/plain".into()),
        ("x-oss-object-acl".into(), "private".into()),
        ("range".into(), "bytes=0-9".into()),
        ("host".into(), "examplebucket.oss-cn-hangzhou.aliyuncs.com".into()),
    ];
    extra.additional =
        vec!["Host".into(), "range".into(), "x-oss-no-exist".into(), "content-type".into(), "missing".into()];
    cases.push(extra);
    let mut other_region = base("GET", None, "accessmonitor", Some("t"));
    other_region.region = "ap-southeast-1".into();
    other_region.time_ms = 1_709_164_799_999; // last millisecond of 2024-02-28
    cases.push(other_region);
    let mut cloudbox = base("GET", Some("k"), "", None);
    cloudbox.product = "oss-cloudbox".into();
    cloudbox.region = "cb-123456".into();
    cases.push(cloudbox);
    cases
}

fn generated(n: usize) -> Vec<Case> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            let nparams = rng.next() % 4;
            let query = (0..nparams)
                .map(|_| {
                    let k = encode::query_component(&rng.text());
                    match rng.next() % 3 {
                        0 => k,
                        1 => format!("{k}="),
                        _ => format!("{k}={}", encode::query_component(&rng.text())),
                    }
                })
                .collect::<Vec<_>>()
                .join("&");
            let key = match rng.next() % 3 {
                0 => None,
                _ => Some(format!("{}/{}", rng.text(), rng.text())),
            };
            let token = match rng.next() % 3 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("CAIS{}", rng.text().replace(' ', "+"))),
            };
            let mut headers = vec![];
            if rng.next() % 2 == 0 {
                headers.push(("content-md5".into(), "1B2M2Y8AsgTpgAmY7PhCfg==".into()));
            }
            if rng.next() % 2 == 0 {
                headers.push(("x-oss-meta-x".into(), rng.text().trim().replace(['\n', '\r'], "")));
            }
            Case {
                method: rng.pick(&["GET", "PUT", "POST", "DELETE", "HEAD"]).to_string(),
                bucket: Some(rng.pick(&["b1-x", "examplebucket", "a0a"]).to_string()),
                key,
                query,
                headers,
                region: rng.pick(&["cn-hangzhou", "us-west-1", "eu-central-1"]).to_string(),
                product: "oss".into(),
                creds: Credentials { security_token: token.clone(), ..creds(None) },
                time_ms: (rng.next() % 4_102_444_800) as i64 * 1000,
                additional: vec![],
                sent: None,
            }
        })
        .collect()
}

fn access_monitor_cases() -> Vec<Case> {
    // The exact requests the console sends, described as the oracle sees them.
    let target = BucketTarget::new("my-bucket", "cn-shanghai", "", Addressing::VirtualHosted).unwrap();
    let c = creds(Some("CAIS+tok/=="));
    let t = 1_763_683_200_000;
    [
        access_monitor::get_request(&target, &c, t),
        access_monitor::put_request(&target, AccessMonitorStatus::Enabled, &c, t),
        access_monitor::put_request(&target, AccessMonitorStatus::Disabled, &c, t),
        console_core::oss::lifecycle::get_request(&target, &c, t),
    ]
    .into_iter()
    .map(|r| Case {
        method: r.method.clone(),
        bucket: Some("my-bucket".into()),
        key: None,
        query: r.url.split_once('?').map(|(_, q)| q.to_string()).unwrap_or_default(),
        // What we send minus what the signer adds: the oracle adds its own.
        headers: r.headers.iter().filter(|(n, _)| !n.starts_with("x-oss-") && n != "authorization").cloned().collect(),
        region: "cn-shanghai".into(),
        product: "oss".into(),
        creds: c.clone(),
        time_ms: t,
        additional: vec![],
        sent: Some(r.headers.clone()),
    })
    .collect()
}

fn run_oracle(cases: &[Case]) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracle/sign_with_sdk.py");
    let mut child = Command::new("python3")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be installed (scripts/setup.sh test installs the SDK)");
    let input = Value::Array(cases.iter().map(Case::to_json).collect()).to_string();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the SDK oracle failed (is alibabacloud-oss-v2 installed? run scripts/setup.sh test):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn our_signer_matches_the_official_python_sdk() {
    let mut cases = hand_picked();
    cases.extend(access_monitor_cases());
    cases.extend(generated(300));
    let theirs = run_oracle(&cases);
    assert_eq!(theirs.len(), cases.len());
    for (i, (case, t)) in cases.iter().zip(&theirs).enumerate() {
        let ours = case.ours();
        let ctx = || format!("case {i}: {} {:?} {:?} query={:?}", case.method, case.bucket, case.key, case.query);
        assert_eq!(ours.canonical_request, t["canonical_request"].as_str().unwrap(), "{}", ctx());
        assert_eq!(ours.string_to_sign, t["string_to_sign"].as_str().unwrap(), "{}", ctx());
        assert_eq!(ours.authorization, t["authorization"].as_str().unwrap(), "{}", ctx());
        assert_eq!(ours.datetime, t["x_oss_date"].as_str().unwrap(), "{}", ctx());
        let our_token = ours.headers.iter().find(|(n, _)| n == "x-oss-security-token").map(|(_, v)| v.as_str());
        assert_eq!(our_token, t["token_header"].as_str(), "{}", ctx());
        // What the request builder itself puts on the wire, not only the signer's output.
        if let Some(sent) = &case.sent {
            let header = |name: &str| sent.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
            assert_eq!(header("authorization"), t["authorization"].as_str(), "{}", ctx());
            assert_eq!(header("x-oss-date"), t["x_oss_date"].as_str(), "{}", ctx());
            assert_eq!(header("x-oss-security-token"), t["token_header"].as_str(), "{}", ctx());
        }
    }
}
