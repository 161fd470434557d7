//! A generator of realistic synthetic ActionTrail trails (deterministic for a seed): an
//! OSS-heavy mix of operations, every identity type, a few percent errors, spread over days,
//! written in every file format the loader reads. Used by tests, benchmarks and the sample.

use std::io::{self, Write};

/// File formats the generator writes (and the loader reads).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Array,
    Ndjson,
    Lookup,
    SlsLines,
    CloudTrail,
    Single,
}

impl Format {
    /// Parse a format name (`array`, `ndjson`, `lookup`, `sls`, `cloudtrail`, `single`).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "array" => Format::Array,
            "ndjson" | "jsonl" => Format::Ndjson,
            "lookup" => Format::Lookup,
            "sls" => Format::SlsLines,
            "cloudtrail" => Format::CloudTrail,
            "single" => Format::Single,
            _ => return None,
        })
    }
}

/// Deterministic xorshift64*.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// One of `xs`.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// Weighted choice: `xs` of (item, weight).
    pub fn weighted<'a, T>(&mut self, xs: &'a [(T, u32)]) -> &'a T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total as u64) as u32;
        for (x, w) in xs {
            if r < *w {
                return x;
            }
            r -= w;
        }
        &xs[0].0
    }
}

// (eventName, service, RW, weight)
const OPS: &[((&str, &str, &str), u32)] = &[
    (("GetBucketInfo", "Oss", "Read"), 120),
    (("ListBuckets", "Oss", "Read"), 80),
    (("GetBucketAcl", "Oss", "Read"), 60),
    (("GetBucketLifecycle", "Oss", "Read"), 40),
    (("GetBucketAccessMonitor", "Oss", "Read"), 30),
    (("GetBucketPolicy", "Oss", "Read"), 30),
    (("PutBucketLifecycle", "Oss", "Write"), 20),
    (("PutBucketAccessMonitor", "Oss", "Write"), 10),
    (("PutBucketAcl", "Oss", "Write"), 12),
    (("PutBucketCors", "Oss", "Write"), 12),
    (("PutBucket", "Oss", "Write"), 8),
    (("PutBucketPolicy", "Oss", "Write"), 6),
    (("DeleteBucketPolicy", "Oss", "Write"), 3),
    (("DeleteBucket", "Oss", "Write"), 3),
    (("PutBucketLogging", "Oss", "Write"), 4),
    (("PutObject", "Oss", "Write"), 60),
    (("GetObject", "Oss", "Read"), 90),
    (("DeleteObject", "Oss", "Write"), 15),
    (("AssumeRole", "Sts", "Write"), 40),
    (("DescribeInstances", "Ecs", "Read"), 40),
    (("CreateUser", "Ram", "Write"), 3),
    (("ConsoleSignin", "AasSub", "Write"), 10),
];

const BUCKETS: &[&str] = &[
    "prod-logs",
    "prod-assets",
    "backup-cn",
    "analytics-raw",
    "web-static",
    "ml-datasets",
    "tmp-uploads",
    "finance-reports",
];
const REGIONS: &[(&str, u32)] =
    &[("cn-hangzhou", 50), ("cn-shanghai", 25), ("cn-beijing", 12), ("ap-southeast-1", 8), ("eu-central-1", 5)];
const AGENTS: &[&str] = &[
    "AliyunConsole",
    "aliyun-sdk-java/3.17.4",
    "aliyuncli/3.0.190",
    "ossutil/1.7.18",
    "aliyun-oss-sdk-python/2.18.4",
    "Terraform/1.6.6 terraform-provider-alicloud/1.214.0",
];
const IPS: &[&str] = &[
    "203.0.113.10",
    "203.0.113.11",
    "203.0.113.25",
    "203.0.113.77",
    "198.51.100.4",
    "198.51.100.9",
    "198.51.100.23",
    "198.51.100.140",
    "192.0.2.15",
    "192.0.2.33",
    "192.0.2.48",
    "192.0.2.201",
    "47.96.12.8",
    "47.96.12.9",
    "120.55.3.17",
    "121.40.88.2",
    "2001:db8::1f",
    "2001:db8:4::a",
];
const USERS: &[&str] = &["alice", "bob", "carol", "deploy-bot", "ci-runner", "dave"];
const ROLES: &[&str] = &["oss-admin:session-1", "etl-role:job-7731", "backup-role:nightly", "readonly:audit"];
const ERRORS: &[(&str, &str)] = &[
    ("AccessDenied", "You have no right to access this bucket."),
    ("NoSuchBucket", "The specified bucket does not exist."),
    ("InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records."),
    ("NoPermission", "You are not authorized to do this action."),
];

/// The first event time generated (2025-11-01T00:00:00Z).
pub const START_MS: i64 = 1_761_955_200_000;

/// One synthetic event as compact JSON. `i` makes the eventId unique.
pub fn event_json(rng: &mut Rng, i: u64, time_ms: i64) -> String {
    let (name, service, rw) = *rng.weighted(OPS);
    let identity = rng.below(100);
    let account = "1892171716718765";
    let (ty, user_identity) = match identity {
        0..=9 => (
            "root-account",
            format!(r#""type":"root-account","principalId":"{account}","accountId":"{account}","userName":"root""#),
        ),
        10..=49 => {
            let u = rng.pick(USERS);
            let uid = 26_135_379_175_722_000u64 + rng.below(9);
            let ak = if rng.below(3) == 0 {
                String::new()
            } else {
                format!(r#","accessKeyId":"LTAI5t{}{:06}""#, &u[..1].to_uppercase(), uid % 1_000_000)
            };
            (
                "ram-user",
                format!(r#""type":"ram-user","principalId":"{uid}","accountId":"{account}","userName":"{u}"{ak}"#),
            )
        }
        50..=84 => {
            let r = rng.pick(ROLES);
            let k = rng.below(40);
            (
                "assumed-role",
                format!(
                    r#""type":"assumed-role","principalId":"39484351102463{k:04}:{}","accountId":"{account}","userName":"{r}","accessKeyId":"STS.NTThE5nV7fh3q4fPk{k:04}","sessionContext":{{"attributes":{{"mfaAuthenticated":"false","creationDate":"2026-11-01T00:00:00Z"}}}}"#,
                    r.split(':').nth(1).unwrap_or("s")
                ),
            )
        }
        85..=92 => ("system", r#""type":"system","userName":"oss.aliyuncs.com""#.to_string()),
        93..=96 => (
            "cloudsso-user",
            format!(
                r#""type":"cloudsso-user","principalId":"u-00{k}","accountId":"{account}","userName":"sso-{k}@example.com""#,
                k = rng.below(5)
            ),
        ),
        _ => (
            "alibaba-cloud-account",
            r#""type":"alibaba-cloud-account","principalId":"1111222233334444","accountId":"1111222233334444""#
                .to_string(),
        ),
    };
    let region = *rng.weighted(REGIONS);
    let bucket = *rng.pick(BUCKETS);
    let ip = match ty {
        "system" => "oss.aliyuncs.com".to_string(),
        _ if rng.below(10) == 0 => "Internal".to_string(),
        // A realistic handful of callers: a few offices, CI runners and home connections.
        _ => IPS[rng.below(IPS.len() as u64) as usize].to_string(),
    };
    let agent = if ty == "system" { "oss.aliyuncs.com" } else { *rng.pick(AGENTS) };
    let event_type = match name {
        "ConsoleSignin" => "ConsoleSignin",
        _ if agent == "AliyunConsole" => "ConsoleOperation",
        _ if ty == "system" => "AliyunServiceEvent",
        _ => "ApiCall",
    };
    let error = if rng.below(100) < 3 { Some(*rng.pick(ERRORS)) } else { None };
    let id = if service == "Oss" {
        format!("{:08X}{:016X}", 0x6110_0000u64 + (i >> 32), i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED)
    } else {
        let h = i.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        format!(
            "{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}",
            h >> 32,
            (h >> 16) & 0xffff,
            h & 0xfff,
            (h >> 20) & 0xfff,
            (h ^ i) & 0xffff_ffff_ffff
        )
    };
    let time = crate::time::UtcDateTime::from_unix_millis(time_ms).iso8601_extended();
    let mut out = String::with_capacity(900);
    out.push_str(&format!(
        r#"{{"eventId":"{id}","eventVersion":1,"eventSource":"{src}","eventType":"{event_type}","eventRW":"{rw}","eventCategory":"Management","eventName":"{name}","eventTime":"{time}","acsRegion":"{region}","serviceName":"{service}","requestId":"{id}","sourceIpAddress":"{ip}","userAgent":"{agent}","isGlobal":false,"userIdentity":{{{user_identity}}}"#,
        src = if service == "Oss" { format!("{bucket}.oss-{region}.aliyuncs.com") } else { format!("{}.aliyuncs.com", service.to_lowercase()) },
    ));
    if service == "Oss" && name != "ListBuckets" {
        out.push_str(&format!(r#","referencedResources":{{"ACS::OSS::Bucket":["{bucket}"]}},"resourceType":"ACS::OSS::Bucket","resourceName":"{bucket}""#));
    }
    match name {
        "PutBucketAcl" => {
            let acl = *rng.pick(&["private", "private", "public-read", "public-read-write"]);
            out.push_str(&format!(r#","requestParameters":{{"x-oss-acl":"{acl}","BucketName":"{bucket}"}}"#));
        }
        "PutBucketAccessMonitor" => {
            let s = *rng.pick(&["Enabled", "Disabled"]);
            out.push_str(&format!(r#","requestParameters":{{"AccessMonitorConfiguration":{{"Status":"{s}"}}}}"#));
        }
        "PutObject" | "GetObject" | "DeleteObject" => {
            out.push_str(&format!(
                r#","requestParameters":{{"objectKey":"data/{}/part-{:05}.parquet"}}"#,
                rng.below(30),
                rng.below(99_999)
            ));
        }
        "AssumeRole" => out.push_str(r#","requestParameters":{"DurationSeconds":3600,"RoleSessionName":"session"}"#),
        _ => {}
    }
    if matches!(name, "DeleteBucket" | "PutBucketPolicy" | "DeleteBucketPolicy") && rng.below(2) == 0 {
        out.push_str(r#","eventAttributes":{"SensitiveAction":"true"}"#);
    }
    if let Some((code, msg)) = error {
        out.push_str(&format!(r#","errorCode":"{code}","errorMessage":"{msg}""#));
    }
    out.push_str(&format!(
        r#","additionalEventData":{{"CallerBid":"26842","Scheme":"{}"}}}}"#,
        if rng.below(5) == 0 { "http" } else { "https" }
    ));
    out
}

/// The same event, as AWS CloudTrail writes it.
fn cloudtrail_json(rng: &mut Rng, i: u64, time_ms: i64) -> String {
    let time = crate::time::UtcDateTime::from_unix_millis(time_ms).iso8601_extended();
    let (name, ro) =
        *rng.pick(&[("GetBucketAcl", true), ("PutBucketAcl", false), ("ListBuckets", true), ("DeleteBucket", false)]);
    let bucket = rng.pick(BUCKETS);
    let err = if rng.below(100) < 3 { r#","errorCode":"AccessDenied","errorMessage":"Access Denied""# } else { "" };
    format!(
        r#"{{"eventVersion":"1.09","userIdentity":{{"type":"IAMUser","principalId":"AIDAEXAMPLE{u}","arn":"arn:aws:iam::123456789012:user/{user}","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE{u}","userName":"{user}"}},"eventTime":"{time}","eventSource":"s3.amazonaws.com","eventName":"{name}","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.{ip}","userAgent":"aws-cli/2.15.0","requestParameters":{{"bucketName":"{bucket}"}},"requestID":"R{i:015X}","eventID":"{i:08x}-aws0-4000-8000-000000000000","readOnly":{ro},"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012"{err}}}"#,
        u = rng.below(4),
        user = rng.pick(USERS),
        ip = rng.below(200) + 1,
    )
}

/// Write `n` events in `format` to `w`, spread over `days` days from `START_MS`.
pub fn write_trail<W: Write>(w: &mut W, format: Format, n: u64, seed: u64, days: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let span = (days.max(1) * 86_400_000) as i64;
    let time = |i: u64, rng: &mut Rng| START_MS + (i as i64 * span) / n.max(1) as i64 + rng.below(60_000) as i64;
    let id_base = seed << 40;
    match format {
        Format::Array | Format::Lookup => {
            if format == Format::Lookup {
                w.write_all(
                    b"{\"RequestId\":\"6894B13B-6D71-4EF5-88FA-F32781734A7F\",\"NextToken\":\"\",\"Events\":[\n",
                )?;
            } else {
                w.write_all(b"[\n")?;
            }
            for i in 0..n {
                let t = time(i, &mut rng);
                let e = event_json(&mut rng, id_base + i, t);
                w.write_all(if i == 0 { b"  " } else { b",\n  " })?;
                w.write_all(e.as_bytes())?;
            }
            w.write_all(if format == Format::Lookup { b"\n]}\n" } else { b"\n]\n" })?;
        }
        Format::Ndjson | Format::Single => {
            for i in 0..(if format == Format::Single { 1 } else { n }) {
                let t = time(i, &mut rng);
                w.write_all(event_json(&mut rng, id_base + i, t).as_bytes())?;
                w.write_all(b"\n")?;
            }
        }
        Format::SlsLines => {
            for i in 0..n {
                let t = time(i, &mut rng);
                let e = event_json(&mut rng, id_base + i, t);
                let line = serde_json::json!({
                    "__time__": (t / 1000).to_string(),
                    "__topic__": "actiontrail_audit_event",
                    "__source__": "actiontrail",
                    "event": e,
                });
                w.write_all(line.to_string().as_bytes())?;
                w.write_all(b"\n")?;
            }
        }
        Format::CloudTrail => {
            w.write_all(b"{\"Records\":[")?;
            for i in 0..n {
                let t = time(i, &mut rng);
                if i > 0 {
                    w.write_all(b",")?;
                }
                w.write_all(cloudtrail_json(&mut rng, id_base + i, t).as_bytes())?;
            }
            w.write_all(b"]}\n")?;
        }
    }
    Ok(())
}

/// A trail in memory.
pub fn trail(format: Format, n: u64, seed: u64, days: u64) -> Vec<u8> {
    let mut v = Vec::new();
    write_trail(&mut v, format, n, seed, days).expect("writing to a Vec cannot fail");
    v
}

/// Gzip `data` (tests and the generator CLI).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}
