//! The emulator over real TCP, with requests built and signed by `console-core` exactly as the
//! browser sends them.

use console_core::oss::access_monitor::{self, AccessMonitorStatus};
use console_core::oss::credentials::Credentials;
use console_core::oss::demo;
use console_core::oss::error::ResponseError;
use console_core::oss::request::{Addressing, BucketTarget, HttpRequest, HttpResponse};
use oss_emulator::{spawn, Shared, State};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{SystemTime, UNIX_EPOCH};

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn demo_creds() -> Credentials {
    Credentials {
        access_key_id: demo::ACCESS_KEY_ID.into(),
        access_key_secret: demo::ACCESS_KEY_SECRET.into(),
        security_token: Some(demo::SECURITY_TOKEN.into()),
        expiration_ms: None,
    }
}

fn start() -> (SocketAddr, Shared) {
    spawn("127.0.0.1:0", State::demo()).unwrap()
}

fn target(addr: SocketAddr, bucket: &str, addressing: Addressing) -> BucketTarget {
    BucketTarget::new(bucket, demo::REGION, &format!("http://localhost:{}", addr.port()), addressing).unwrap()
}

/// Send raw HTTP; returns None when the server closed without answering.
fn raw(addr: SocketAddr, method: &str, url: &str, headers: &[(String, String)], body: &[u8]) -> Option<HttpResponse> {
    let rest = url.split_once("://").unwrap().1;
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut s = TcpStream::connect(addr).unwrap();
    // One request per connection, so reading to the end reads exactly one answer.
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    if buf.is_empty() {
        return None;
    }
    let text = String::from_utf8(buf).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers =
        lines.filter_map(|l| l.split_once(": ")).map(|(n, v)| (n.to_ascii_lowercase(), v.to_string())).collect();
    Some(HttpResponse { status, headers, body: body.as_bytes().to_vec() })
}

fn send(addr: SocketAddr, req: &HttpRequest) -> HttpResponse {
    raw(addr, &req.method, &req.url, &req.headers, req.body.as_deref().unwrap_or_default().as_bytes())
        .expect("a response")
}

fn service_error(err: ResponseError) -> Box<console_core::oss::error::ServiceError> {
    match err {
        ResponseError::Service(e) => e,
        other => panic!("expected an OSS error, got {other:?}"),
    }
}

#[test]
fn read_enable_disable_in_both_addressing_styles() {
    let (addr, state) = start();
    for addressing in [Addressing::VirtualHosted, Addressing::PathStyle] {
        let t = target(addr, demo::BUCKET, addressing);
        let r = send(addr, &access_monitor::get_request(&t, &demo_creds(), now()));
        assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Disabled));
        assert_eq!(r.request_id().map(str::len), Some(24));

        let r = send(addr, &access_monitor::put_request(&t, AccessMonitorStatus::Enabled, &demo_creds(), now()));
        assert_eq!(access_monitor::parse_put_response(&r), Ok(()));
        assert!(state.lock().unwrap().buckets[demo::BUCKET].tracking_enabled);
        let r = send(addr, &access_monitor::get_request(&t, &demo_creds(), now()));
        assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Enabled));

        let r = send(addr, &access_monitor::put_request(&t, AccessMonitorStatus::Disabled, &demo_creds(), now()));
        assert_eq!(access_monitor::parse_put_response(&r), Ok(()));
        assert!(!state.lock().unwrap().buckets[demo::BUCKET].tracking_enabled);
    }
}

#[test]
fn wrong_secret_gets_signature_does_not_match_with_the_servers_strings() {
    let (addr, _) = start();
    let t = target(addr, demo::BUCKET, Addressing::VirtualHosted);
    let mut creds = demo_creds();
    creds.access_key_secret = "not-the-secret".into();
    let req = access_monitor::get_request(&t, &creds, now());
    let r = send(addr, &req);
    assert_eq!(r.status, 403);
    assert_eq!(r.header("x-oss-ec"), Some("0002-00000201"));
    let e = service_error(access_monitor::parse_get_response(&r).unwrap_err());
    assert_eq!(e.code, "SignatureDoesNotMatch");
    // Only the secret differs, so the server rebuilt the same strings from what it received.
    assert_eq!(e.canonical_request.as_deref(), Some(req.signed.canonical_request.as_str()));
    assert_eq!(e.string_to_sign.as_deref(), Some(req.signed.string_to_sign.as_str()));
}

#[test]
fn a_header_changed_after_signing_is_caught() {
    let (addr, _) = start();
    let t = target(addr, demo::BUCKET, Addressing::PathStyle);
    let mut req = access_monitor::get_request(&t, &demo_creds(), now());
    // What fetch would do with an unsigned string body: its own Content-Type.
    for (n, v) in req.headers.iter_mut() {
        if n == "content-type" {
            *v = "text/plain;charset=UTF-8".into();
        }
    }
    let e = service_error(access_monitor::parse_get_response(&send(addr, &req)).unwrap_err());
    assert_eq!(e.code, "SignatureDoesNotMatch");
    assert!(e.canonical_request.unwrap().contains("content-type:text/plain;charset=UTF-8"));
}

#[test]
fn unknown_expired_and_tokenless_keys() {
    let (addr, _) = start();
    let t = target(addr, demo::BUCKET, Addressing::PathStyle);
    let mut unknown = demo_creds();
    unknown.access_key_id = "STS.NoSuchKey".into();
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &unknown, now()))).unwrap_err(),
    );
    assert_eq!((e.status, e.code.as_str()), (403, "InvalidAccessKeyId"));

    let mut expired = demo_creds();
    expired.access_key_id = demo::EXPIRED_ACCESS_KEY_ID.into();
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &expired, now()))).unwrap_err(),
    );
    assert_eq!((e.code.as_str(), e.ec.as_str()), ("InvalidAccessKeyId", "0002-00000007"));

    let mut bad_token = demo_creds();
    bad_token.security_token = Some("CAIS.other".into());
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &bad_token, now())))
            .unwrap_err(),
    );
    assert_eq!(e.code, "InvalidSecurityToken");

    let mut no_token = demo_creds();
    no_token.security_token = None;
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &no_token, now())))
            .unwrap_err(),
    );
    assert_eq!(e.ec, "0002-00000003");
}

#[test]
fn skewed_clock_reports_server_time() {
    let (addr, _) = start();
    let t = target(addr, demo::BUCKET, Addressing::PathStyle);
    let an_hour_ago = now() - 3_600_000;
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &demo_creds(), an_hour_ago)))
            .unwrap_err(),
    );
    assert_eq!(e.code, "RequestTimeTooSkewed");
    let server = console_core::time::parse_iso8601(e.server_time.as_deref().unwrap()).unwrap();
    assert!((server - now()).abs() < 5_000, "ServerTime is the server's clock");
    // Retrying with the offset the server reported succeeds.
    let offset = server - an_hour_ago;
    let r = send(addr, &access_monitor::get_request(&t, &demo_creds(), an_hour_ago + offset));
    assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Disabled));
}

#[test]
fn lifecycle_locked_bucket_cannot_be_disabled() {
    let (addr, state) = start();
    let t = target(addr, demo::LOCKED_BUCKET, Addressing::VirtualHosted);
    let r = send(addr, &access_monitor::put_request(&t, AccessMonitorStatus::Disabled, &demo_creds(), now()));
    let e = service_error(access_monitor::parse_put_response(&r).unwrap_err());
    assert_eq!((e.status, e.code.as_str(), e.ec.as_str()), (400, "AccessMonitorDisableNotAllowed", "0036-00000005"));
    assert!(state.lock().unwrap().buckets[demo::LOCKED_BUCKET].tracking_enabled);
}

#[test]
fn missing_bucket_and_malformed_body() {
    let (addr, _) = start();
    let t = target(addr, "no-such-bucket", Addressing::PathStyle);
    let e = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &demo_creds(), now())))
            .unwrap_err(),
    );
    assert_eq!((e.status, e.code.as_str()), (404, "NoSuchBucket"));
    assert_eq!(e.bucket_name.as_deref(), Some("no-such-bucket"));

    // A signed PUT whose body is not the configuration.
    let t = target(addr, demo::BUCKET, Addressing::PathStyle);
    let req = console_core::oss::request::bucket_request(
        &t,
        "PUT",
        access_monitor::QUERY,
        Some("<Status>On</Status>".into()),
        &demo_creds(),
        now(),
    );
    let e = service_error(access_monitor::parse_put_response(&send(addr, &req)).unwrap_err());
    assert_eq!(e.code, "MalformedXML");
}

#[test]
fn cors_preflight_follows_the_rule() {
    let (addr, state) = start();
    let url = format!("http://demo-bucket.localhost:{}/?accessmonitor", addr.port());
    let pre = |origin: &str| {
        raw(
            addr,
            "OPTIONS",
            &url,
            &[
                ("Origin".into(), origin.into()),
                ("Access-Control-Request-Method".into(), "PUT".into()),
                (
                    "Access-Control-Request-Headers".into(),
                    "authorization,content-md5,content-type,x-oss-content-sha256,x-oss-date,x-oss-security-token"
                        .into(),
                ),
            ],
            b"",
        )
        .unwrap()
    };
    state.lock().unwrap().cors_origins = vec!["http://127.0.0.1:*".into()];
    let ok = pre("http://127.0.0.1:8080");
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("access-control-allow-origin"), Some("http://127.0.0.1:8080"));
    assert!(ok.header("access-control-allow-headers").unwrap().contains("x-oss-security-token"));
    assert!(ok.header("access-control-expose-headers").unwrap().contains("x-oss-request-id"));
    let denied = pre("http://evil.example");
    assert_eq!(denied.status, 403);
    assert!(denied.text().contains("<Code>AccessForbidden</Code>"));
    assert_eq!(denied.header("access-control-allow-origin"), None);
}

#[test]
fn fault_switches() {
    let (addr, state) = start();
    let t = target(addr, demo::BUCKET, Addressing::PathStyle);
    state.lock().unwrap().faults = oss_emulator::Faults { status: Some(503), count: 1, ..Default::default() };
    let r = send(addr, &access_monitor::get_request(&t, &demo_creds(), now()));
    assert_eq!(r.status, 503);
    assert_eq!(access_monitor::parse_get_response(&r).unwrap_err().code(), Some("InternalError"));
    // The fault was for one request only.
    assert_eq!(send(addr, &access_monitor::get_request(&t, &demo_creds(), now())).status, 200);

    state.lock().unwrap().faults = oss_emulator::Faults { drop: true, count: 1, ..Default::default() };
    let req = access_monitor::get_request(&t, &demo_creds(), now());
    assert!(raw(addr, &req.method, &req.url, &req.headers, b"").is_none(), "connection dropped");

    state.lock().unwrap().faults = oss_emulator::Faults { delay_ms: 300, ..Default::default() };
    let started = std::time::Instant::now();
    assert_eq!(send(addr, &access_monitor::get_request(&t, &demo_creds(), now())).status, 200);
    assert!(started.elapsed().as_millis() >= 300);
}

#[test]
fn answers_carry_http_dates() {
    let (addr, _) = start();
    let t = target(addr, demo::BUCKET, Addressing::VirtualHosted);
    let ok = send(addr, &access_monitor::get_request(&t, &demo_creds(), now()));
    let mut wrong = demo_creds();
    wrong.access_key_secret = "x".into();
    let err = send(addr, &access_monitor::get_request(&t, &wrong, now()));
    for r in [ok, err] {
        // IMF-fixdate, what the SDKs parse: `Sun, 06 Nov 1994 08:49:37 GMT`.
        let date = r.header("date").unwrap();
        assert!(date.ends_with(" GMT") && date.as_bytes()[3] == b',', "{date}");
        let ms = console_core::time::parse_http_date(date).unwrap();
        assert!((ms - now()).abs() < 5_000);
    }
}

/// A V1-signed GetBucketAccessMonitor, path-style, as `raw` sends it.
fn v1_request(addr: SocketAddr, secret: &str, time_ms: i64, token: Option<(&str, &str)>) -> HttpResponse {
    use console_core::oss::sign_v1;
    let creds = Credentials { access_key_secret: secret.into(), security_token: None, ..demo_creds() };
    let headers = vec![("content-type".to_string(), "application/xml".to_string())];
    let input = sign_v1::SigningInput {
        method: "GET",
        bucket: Some(demo::BUCKET),
        key: None,
        query: "accessmonitor",
        headers: &headers,
        extra_subresources: &[],
    };
    let mut signed = sign_v1::sign(&input, &creds, time_ms);
    // The token travels under the name the client chooses (OSS documents x-oss-security-token,
    // signed; the Python SDK sends security-token, unsigned), so it is added here, unsigned.
    if let Some((name, value)) = token {
        signed.headers.push((name.into(), value.into()));
    }
    let url = format!("http://127.0.0.1:{}/{}/?accessmonitor", addr.port(), demo::BUCKET);
    raw(addr, "GET", &url, &signed.headers, b"").unwrap()
}

#[test]
fn signature_v1_is_verified() {
    let (addr, _) = start();
    let token = Some(("security-token", demo::SECURITY_TOKEN));
    let r = v1_request(addr, demo::ACCESS_KEY_SECRET, now(), token);
    assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Disabled));
    let r = v1_request(addr, demo::ACCESS_KEY_SECRET, now(), Some(("x-oss-security-token", "CAIS.other")));
    assert_eq!(service_error(access_monitor::parse_get_response(&r).unwrap_err()).code, "InvalidSecurityToken");
    let r = v1_request(addr, demo::ACCESS_KEY_SECRET, now(), None);
    assert_eq!(service_error(access_monitor::parse_get_response(&r).unwrap_err()).ec, "0002-00000003");

    let r = v1_request(addr, "not-the-secret", now(), token);
    assert_eq!(r.header("x-oss-ec"), Some("0002-00000040"));
    let e = service_error(access_monitor::parse_get_response(&r).unwrap_err());
    assert_eq!((e.status, e.code.as_str()), (403, "SignatureDoesNotMatch"));
    // The server's string to sign: the V1 lines, and the bucket as the resource (accessmonitor
    // is not a V1 subresource).
    let sts = e.string_to_sign.unwrap();
    assert!(sts.starts_with("GET\n\napplication/xml\n") && sts.ends_with(&format!("\n/{}/", demo::BUCKET)), "{sts}");
    assert!(r.text().contains("<StringToSignBytes>47 45 54 0A"));

    let r = v1_request(addr, demo::ACCESS_KEY_SECRET, now() - 3_600_000, token);
    assert_eq!(service_error(access_monitor::parse_get_response(&r).unwrap_err()).code, "RequestTimeTooSkewed");
}

#[test]
fn control_calls_need_the_header_and_a_loopback_host() {
    let (addr, _) = start();
    let url = |host: &str| format!("http://{host}/__emulator/reset");
    let header = [("x-emulator-control".to_string(), "1".to_string())];
    let loopback = format!("127.0.0.1:{}", addr.port());
    // What a page on another site could send: a simple request, no custom header.
    let r = raw(addr, "POST", &url(&loopback), &[], b"").unwrap();
    assert_eq!(r.status, 403);
    // DNS rebinding: the right header, but the attacker's host name.
    let r = raw(addr, "POST", &url("evil.example:9000"), &header, b"").unwrap();
    assert_eq!(r.status, 403);
    // The browser's preflight for the custom header is refused too.
    let pre = [
        ("Origin".to_string(), "http://evil.example".to_string()),
        ("Access-Control-Request-Method".to_string(), "POST".to_string()),
        ("Access-Control-Request-Headers".to_string(), "x-emulator-control".to_string()),
    ];
    let r = raw(addr, "OPTIONS", &url(&loopback), &pre, b"").unwrap();
    assert_eq!(r.status, 403);
    assert_eq!(r.header("access-control-allow-origin"), None);
    for host in [loopback, format!("localhost:{}", addr.port()), format!("[::1]:{}", addr.port())] {
        assert_eq!(raw(addr, "POST", &url(&host), &header, b"").unwrap().status, 200, "{host}");
    }
}

#[test]
fn reflected_values_are_cleaned() {
    let (addr, _) = start();
    let url = format!("http://demo-bucket.localhost:{}/?accessmonitor", addr.port());
    let junk = format!("authorization, x-oss-date,bad name,<script>,{}", "x".repeat(5000));
    let many: Vec<String> = (0..300).map(|i| format!("x-h{i}")).collect();
    for requested in [junk, many.join(",")] {
        let r = raw(
            addr,
            "OPTIONS",
            &url,
            &[
                ("Origin".into(), "http://127.0.0.1:8080".into()),
                ("Access-Control-Request-Method".into(), "GET".into()),
                ("Access-Control-Request-Headers".into(), requested),
            ],
            b"",
        )
        .unwrap();
        // Headers outside the console's CORS rule: refused as OSS does, nothing reflected.
        assert_eq!(r.status, 403);
        assert!(r.header("access-control-allow-headers").is_none());
        assert!(!r.text().contains("<script>"));
    }
    let r = raw(
        addr,
        "OPTIONS",
        &url,
        &[
            ("Origin".into(), "http://127.0.0.1:8080".into()),
            ("Access-Control-Request-Method".into(), "GET".into()),
            ("Access-Control-Request-Headers".into(), "Authorization ,  X-OSS-Date,content-md5".into()),
        ],
        b"",
    )
    .unwrap();
    let allowed = r.header("access-control-allow-headers").unwrap();
    assert!(allowed.split(',').all(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')));
    assert_eq!(allowed.to_ascii_lowercase(), "authorization,x-oss-date,content-md5");
    // HostId echoes Host: only host characters survive.
    let r =
        raw(addr, "GET", &format!("http://ev<il>\"&x:{}/demo-bucket/?accessmonitor", addr.port()), &[], b"").unwrap();
    let e = service_error(access_monitor::parse_get_response(&r).unwrap_err());
    assert_eq!(e.host_id, format!("evilx:{}", addr.port()));
}

#[test]
fn the_fleet_buckets_answer_as_oss_would_for_region_policy_and_cors() {
    let (addr, _) = start();
    // A cn-shanghai bucket asked with cn-hangzhou's scope: AccessDenied naming its endpoint.
    let t = target(addr, "fleet-sh-01", Addressing::VirtualHosted);
    let err = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &demo_creds(), now())))
            .unwrap_err(),
    );
    assert_eq!((err.code.as_str(), err.endpoint.as_deref()), ("AccessDenied", Some("oss-cn-shanghai.aliyuncs.com")));
    // Asked in its own region (same endpoint override), it answers.
    let t = BucketTarget::new(
        "fleet-sh-01",
        "cn-shanghai",
        &format!("http://localhost:{}", addr.port()),
        Addressing::VirtualHosted,
    )
    .unwrap();
    let r = send(addr, &access_monitor::get_request(&t, &demo_creds(), now()));
    assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Disabled));
    // The bucket the demo credentials may not touch.
    let t = target(addr, "fleet-denied", Addressing::PathStyle);
    let err = service_error(
        access_monitor::parse_get_response(&send(addr, &access_monitor::get_request(&t, &demo_creds(), now())))
            .unwrap_err(),
    );
    assert_eq!((err.code.as_str(), err.endpoint), ("AccessDenied".to_string().as_str(), None));
    // No CORS headers for the bucket without a rule, whatever the origin; the others have them.
    let origin = ("origin".to_string(), "http://127.0.0.1:8080".to_string());
    let mut headers =
        access_monitor::get_request(&target(addr, "fleet-nocors", Addressing::PathStyle), &demo_creds(), now()).headers;
    headers.push(origin.clone());
    let url = format!("http://localhost:{}/fleet-nocors/?accessmonitor", addr.port());
    let r = raw(addr, "GET", &url, &headers, b"").unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let mut headers =
        access_monitor::get_request(&target(addr, "fleet-03", Addressing::PathStyle), &demo_creds(), now()).headers;
    headers.push(origin);
    let r =
        raw(addr, "GET", &format!("http://localhost:{}/fleet-03/?accessmonitor", addr.port()), &headers, b"").unwrap();
    assert_eq!(r.header("access-control-allow-origin"), Some("http://127.0.0.1:8080"));
    assert_eq!(access_monitor::parse_get_response(&r), Ok(AccessMonitorStatus::Enabled));
}

mod cold_and_lifecycle {
    use super::*;
    use console_core::oss::lifecycle_config::{self as lc, AtimeRule, RuleChange, StorageClass};
    use console_core::oss::request::{bucket_request, signed_request};
    use oss_emulator::{COLD_BUCKET, COLD_LIFECYCLE};

    fn get_lifecycle(addr: SocketAddr, bucket: &str) -> HttpResponse {
        send(
            addr,
            &bucket_request(
                &target(addr, bucket, Addressing::PathStyle),
                "GET",
                &[("lifecycle", None)],
                None,
                &demo_creds(),
                now(),
            ),
        )
    }

    fn put_lifecycle(addr: SocketAddr, bucket: &str, body: &str) -> HttpResponse {
        let t = target(addr, bucket, Addressing::PathStyle);
        send(addr, &bucket_request(&t, "PUT", &[("lifecycle", None)], Some(body.to_string()), &demo_creds(), now()))
    }

    fn code(r: &HttpResponse) -> String {
        console_core::oss::error::from_response(r.status, &r.text(), None, None).to_string()
    }

    #[test]
    fn a_rule_written_keeps_every_other_element_and_reads_back_with_atime_base() {
        let (addr, state) = start();
        let shown = lc::parse(&get_lifecycle(addr, COLD_BUCKET).text()).unwrap();
        // Read back: every element of the seeded configuration, with AtimeBase on the access-time rule.
        assert!(lc::diff(&lc::parse(COLD_LIFECYCLE).unwrap(), &shown)
            .iter()
            .all(|d| matches!(d, RuleChange::Unchanged(_))));
        assert!(lc::write(&shown).contains("<AtimeBase>"));
        let mut new = shown.clone();
        let rule = AtimeRule {
            id: "media to Archive after 180 days unread".into(),
            prefix: "data/media/".into(),
            tags: vec![],
            enabled: true,
            days: 180,
            storage_class: StorageClass::Archive,
            return_to_std: false,
            allow_small_file: true,
        };
        lc::upsert(&mut new, None, &rule).unwrap();
        let r = put_lifecycle(addr, COLD_BUCKET, &lc::write(&lc::for_put(&new)));
        assert_eq!(r.status, 200, "{}", r.text());
        let back = lc::parse(&get_lifecycle(addr, COLD_BUCKET).text()).unwrap();
        let changes = lc::diff(&shown, &back);
        assert_eq!(changes.iter().filter(|d| matches!(d, RuleChange::Added(_))).count(), 1);
        assert_eq!(changes.iter().filter(|d| matches!(d, RuleChange::Unchanged(_))).count(), 3, "{changes:?}");
        for kept in ["<Not>", "NoncurrentVersionTransition", "AbortMultipartUpload", "<FutureElement mode=\"strict\">"]
        {
            assert!(lc::write(&back).contains(kept), "{kept}");
        }
        // Disabling tracking is refused now that access-time rules exist.
        assert!(state.lock().unwrap().buckets[COLD_BUCKET].has_access_time_rule());
    }

    #[test]
    fn refused_writes_say_why_as_oss_does() {
        let (addr, _) = start();
        let ok = lc::write(&lc::for_put(&lc::parse(COLD_LIFECYCLE).unwrap()));
        // A Content-MD5 that does not match the body.
        let t = target(addr, COLD_BUCKET, Addressing::PathStyle);
        let mut req = bucket_request(&t, "PUT", &[("lifecycle", None)], Some(ok.clone()), &demo_creds(), now());
        req.body = Some(ok.replace("365", "366"));
        let r = send(addr, &req);
        assert_eq!(r.status, 400, "{}", r.text());
        assert!(code(&r).contains("InvalidDigest"), "{}", code(&r));
        // AtimeBase in what is written.
        let r = put_lifecycle(
            addr,
            COLD_BUCKET,
            &ok.replace("</Transition></Rule>", "</Transition><AtimeBase>1</AtimeBase></Rule>"),
        );
        assert_eq!(r.status, 400, "{}", r.text());
        // Back to Standard when read, for Archive.
        let bad = ok.replace(
            "<StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime>",
            "<StorageClass>Archive</StorageClass><IsAccessTime>true</IsAccessTime>",
        );
        let r = put_lifecycle(addr, COLD_BUCKET, &bad);
        assert_eq!((r.status, r.text().contains("ReturnNeedsIa")), (400, true), "{}", r.text());
        // An access-time rule on a bucket whose tracking is off.
        let r = put_lifecycle(addr, demo::BUCKET, &ok);
        assert_eq!((r.status, r.text().contains("access tracking")), (400, true), "{}", r.text());
        // Not XML, no rules.
        assert_eq!(put_lifecycle(addr, COLD_BUCKET, "<LifecycleConfiguration></LifecycleConfiguration>").status, 400);
    }

    #[test]
    fn the_cold_bucket_lists_its_objects_and_says_when_each_was_last_read() {
        let (addr, state) = start();
        let t = target(addr, COLD_BUCKET, Addressing::PathStyle);
        let st = state.lock().unwrap();
        let objects = &st.buckets[COLD_BUCKET].objects;
        let (key, o) =
            objects.from("").find(|(_, o)| o.last_access_ms.is_some()).map(|(k, o)| (k.clone(), o.clone())).unwrap();
        let (never, _) =
            objects.from("").find(|(_, o)| o.last_access_ms.is_none()).map(|(k, o)| (k.clone(), o.clone())).unwrap();
        drop(st);
        let meta = |key: &str| {
            send(addr, &signed_request(&t, "HEAD", Some(key), &[("objectMeta", None)], &[], None, &demo_creds(), now()))
        };
        let r = meta(&key);
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("x-oss-last-access-time").map(str::to_string),
            Some(console_core::time::UtcDateTime::from_unix_millis(o.last_access_ms.unwrap()).http_date())
        );
        assert_eq!(r.header("content-length"), Some(o.body.len().to_string().as_str()));
        assert_eq!(meta(&never).header("x-oss-last-access-time"), None);
        assert_eq!(meta("data/none.bin").status, 404);
    }
}
