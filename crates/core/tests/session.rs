//! Every path of the access-tracking session, with scripted answers shaped like OSS's (the
//! emulator crate's `session` test drives the same controller against the real emulator).

use console_core::i18n::Lang;
use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::error::{Operation, OssCode, KNOWN_CODES};
use console_core::oss::place::BucketPlace;
use console_core::oss::request::{Addressing, HttpResponse};
use console_core::oss::session::{prepare, Failure, Form, LogNote, NotOss, Session};
use console_core::oss::transport::TransportError;
use console_core::oss::validate::InputError;
use console_core::time::parse_iso8601;

mod scripted;
use scripted::*;

fn everything_shown<T: std::fmt::Debug>(o: &console_core::oss::session::Outcome<T>) -> String {
    let mut text = format!("{o:?}");
    if let Err(f) = &o.result {
        text.push_str(&f.summary(Lang::En));
        text.push_str(&f.advice(Lang::En, Operation::PutBucketAccessMonitor, "http://127.0.0.1:8080"));
    }
    text
}

fn assert_no_secret(text: &str) {
    for s in [SECRET, TOKEN, "Secret%2FWith%2BChars%3D0", "CAIS%2BToken%2FValue%3D%3D"] {
        assert!(!text.contains(s), "{s} leaked into: {text}");
    }
}

#[test]
fn read_and_switch() {
    let t = Script::new(vec![xml(200, &status_body("Enabled"))]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.read_status());
    assert_eq!(o.result, Ok(AccessMonitorStatus::Enabled));
    assert_eq!(o.log.len(), 1);
    assert_eq!((o.log[0].operation, o.log[0].status), (Operation::GetBucketAccessMonitor, Some(200)));
    // The canonical request shown has the token line, redacted.
    assert!(o.log[0].canonical_request.contains("x-oss-security-token:<redacted"));
    assert_no_secret(&everything_shown(&o));

    let t = Script::new(vec![xml(200, ""), xml(200, &status_body("Disabled"))]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.switch(AccessMonitorStatus::Disabled));
    assert_eq!(o.result, Ok(AccessMonitorStatus::Disabled));
    let sent = t.sent.borrow();
    assert_eq!((sent[0].method.as_str(), sent[1].method.as_str()), ("PUT", "GET"));
    assert!(sent[0].body.as_deref().unwrap().contains("<Status>Disabled</Status>"));
}

#[test]
fn one_skew_is_corrected_and_retried_and_the_correction_carries_over() {
    let server = NOW + 3_600_000;
    let t = Script::new(vec![xml(403, &skew_body(server)), xml(200, ""), xml(200, &status_body("Enabled"))]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.switch(AccessMonitorStatus::Enabled));
    assert_eq!(o.result, Ok(AccessMonitorStatus::Enabled));
    assert_eq!(o.offset_ms, 3_600_000);
    assert!(matches!(o.log[0].note, Some(LogNote::ClockCorrected { offset_ms: 3_600_000, .. })));
    let dates: Vec<i64> = t.sent.borrow().iter().map(|r| parse_iso8601(&r.signed.datetime).unwrap()).collect();
    assert_eq!(dates, [NOW, server, server], "the retry and the confirming read carry the server's time");
}

#[test]
fn a_switch_failing_after_a_clock_correction_is_a_failed_put_with_the_put_advice() {
    // The page guessed the failing call from the log's length: a corrected clock made the log
    // two long, so a refused PUT was reported as a failed GET, advising the wrong RAM action.
    let denied = error_body("AccessDenied", "");
    let t = Script::new(vec![xml(403, &skew_body(NOW + 3_600_000)), xml(403, &denied)]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.switch(AccessMonitorStatus::Enabled));
    assert_eq!(o.log.len(), 2);
    assert_eq!(o.failed_operation(), Some(Operation::PutBucketAccessMonitor));
    let advice = o.result.as_ref().unwrap_err().advice(Lang::En, o.failed_operation().unwrap(), "");
    assert!(advice.contains("oss:PutBucketAccessMonitor"), "{advice}");
    // The PUT worked and its confirming read was refused: a failed GET.
    let t = Script::new(vec![xml(200, ""), xml(403, &denied)]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.switch(AccessMonitorStatus::Enabled));
    assert_eq!(o.failed_operation(), Some(Operation::GetBucketAccessMonitor));
    // Nothing failed, or nothing was sent: no failed call.
    let t = Script::new(vec![xml(200, &status_body("Enabled"))]);
    assert_eq!(run(Session::new(&t, &Fixed, target(), creds(), 0).read_status()).failed_operation(), None);
}

#[test]
fn a_second_skew_after_the_correction_is_an_error_not_a_loop() {
    let t = Script::new(vec![xml(403, &skew_body(NOW + 3_600_000)), xml(403, &skew_body(NOW + 7_200_000))]);
    let s = Session::new(&t, &Fixed, target(), creds(), 0);
    let o = run(s.read_status());
    assert_eq!(o.result.as_ref().unwrap_err().oss_code(), Some(OssCode::RequestTimeTooSkewed));
    assert_eq!(t.sent.borrow().len(), 2);
    assert!(o.result.unwrap_err().advice(Lang::En, Operation::GetBucketAccessMonitor, "").contains("system clock"));
}

#[test]
fn a_correction_over_a_day_is_refused_with_its_own_message_and_nothing_more_is_sent() {
    for (ahead, word) in [(25 * 3_600_000, "ahead of"), (-400 * 86_400_000, "behind")] {
        let t = Script::new(vec![xml(403, &skew_body(NOW + ahead))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.switch(AccessMonitorStatus::Enabled));
        let e = o.result.as_ref().unwrap_err();
        assert!(matches!(e, Failure::ClockTooFar { offset_ms, .. } if *offset_ms == ahead), "{e:?}");
        assert_eq!(o.offset_ms, 0, "the clock was not moved");
        assert_eq!(t.sent.borrow().len(), 1, "nothing is signed with the server's date");
        assert_eq!(o.log[0].error_code.as_deref(), Some("ClockTooFar"));
        assert!(e.summary(Lang::En).contains(word), "{}", e.summary(Lang::En));
        assert!(e.advice(Lang::En, Operation::PutBucketAccessMonitor, "").contains("at most a day"));
        assert!(e.advice(Lang::Zh, Operation::PutBucketAccessMonitor, "").contains("一天"));
    }
    // Just under a day is corrected as before.
    let t = Script::new(vec![xml(403, &skew_body(NOW + 86_000_000)), xml(200, &status_body("Enabled"))]);
    let o = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status());
    assert_eq!((o.result, o.offset_ms), (Ok(AccessMonitorStatus::Enabled), 86_000_000));
    // A correction stored earlier beyond the bound is not used.
    let t = Script::new(vec![xml(200, &status_body("Enabled"))]);
    let o = run(Session::new(&t, &Fixed, target(), creds(), 3 * 86_400_000).read_status());
    assert_eq!(o.offset_ms, 0);
    assert_eq!(parse_iso8601(&t.sent.borrow()[0].signed.datetime), Some(NOW));
}

#[test]
fn every_known_code_reaches_the_page_typed_with_its_own_advice() {
    for (text, code) in KNOWN_CODES {
        if *code == OssCode::RequestTimeTooSkewed {
            continue; // Without a ServerTime there is nothing to correct: still typed.
        }
        let t = Script::new(vec![xml(400, &error_body(text, "<BucketName>demo-bucket</BucketName>"))]);
        let o = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status());
        let f = o.result.unwrap_err();
        assert_eq!(f.oss_code().as_ref(), Some(code), "{text}");
        assert_eq!(f.code(), *text);
        assert_eq!(f.request_id(), Some("RID"));
        assert!(f.summary(Lang::En).contains(text));
        let advice = f.advice(Lang::En, Operation::PutBucketAccessMonitor, "http://127.0.0.1:8080");
        assert!(!advice.starts_with("OSS said"), "{text}: generic advice");
        assert_eq!(o.log[0].error_code.as_deref(), Some(*text));
    }
    // The CORS refusal carries the rule to add.
    let t = Script::new(vec![xml(403, &error_body("AccessForbidden", ""))]);
    let f = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status()).result.unwrap_err();
    assert!(f
        .cors_rule("http://127.0.0.1:8080")
        .unwrap()
        .contains("<AllowedOrigin>http://127.0.0.1:8080</AllowedOrigin>"));
    // An unknown code is kept as it is.
    let t = Script::new(vec![xml(400, &error_body("SomethingNew", ""))]);
    let f = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status()).result.unwrap_err();
    assert_eq!(f.oss_code(), Some(OssCode::Other("SomethingNew".into())));
}

#[test]
fn no_response_redirects_timeouts_web_pages_and_unreadable_bodies() {
    let cases: Vec<(Vec<Result<HttpResponse, TransportError>>, &str)> = vec![
        (vec![Err(TransportError::Network(format!("TypeError: Failed to fetch ({TOKEN})")))], "NoResponse"),
        (vec![Err(TransportError::Redirect)], "NotOss"),
        (vec![xml(302, "")], "NotOss"),
        (vec![Err(TransportError::Timeout)], "Timeout"),
        (vec![xml(502, "<html><body>Bad Gateway</body></html>")], "NotOss"),
        (vec![xml(200, "<!DOCTYPE html><html>Sign in to the Wi-Fi</html>")], "NotOss"),
        (
            vec![xml(200, "<AccessMonitorConfiguration><Status>Maybe</Status></AccessMonitorConfiguration>")],
            "BadResponse",
        ),
        (vec![xml(500, "{\"error\":1}")], "NotOss"),
    ];
    for (answers, code) in cases {
        let t = Script::new(answers);
        let o = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status());
        assert_no_secret(&everything_shown(&o));
        let f = o.result.clone().unwrap_err();
        assert_eq!(f.code(), code, "{f:?}");
        assert_eq!(o.log.len(), 1, "one request, no retry: {f:?}");
        assert_eq!(t.sent.borrow().len(), 1);
        match &f {
            Failure::NoResponse { .. } => {
                assert_eq!(o.log[0].note, Some(LogNote::NoResponse));
                assert!(f.cors_rule("http://127.0.0.1:8080").is_some());
            }
            Failure::NotOss(NotOss::Redirect) => {
                assert!(f.advice(Lang::En, Operation::GetBucketAccessMonitor, "").contains("never follows a redirect"))
            }
            _ => assert!(f.cors_rule("x").is_none()),
        }
    }
}

#[test]
fn text_a_server_echoes_is_redacted_everywhere() {
    // A server (or proxy) that echoes the token and the secret in its error.
    let echo = error_body(
        "SignatureDoesNotMatch",
        &format!("<CanonicalRequest>GET\n/demo-bucket/\naccessmonitor\nx-oss-security-token:{TOKEN}\n</CanonicalRequest><StringToSign>{SECRET}</StringToSign><SignatureProvided>abc</SignatureProvided>"),
    )
    .replace("<Message>m</Message>", &format!("<Message>bad token {TOKEN} for secret {SECRET}</Message>"));
    let t = Script::new(vec![xml(403, &echo)]);
    let o = run(Session::new(&t, &Fixed, target(), creds(), 0).read_status());
    assert_no_secret(&everything_shown(&o));
    let Failure::Oss { error, sent } = o.result.unwrap_err() else { panic!() };
    assert!(error.canonical_request.unwrap().contains("x-oss-security-token:<redacted"));
    assert!(sent.canonical_request.contains("x-oss-security-token:<redacted"));
}

#[test]
fn lifecycle_rules_and_no_lifecycle() {
    let body = "<LifecycleConfiguration><Rule><ID>a</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition></Rule></LifecycleConfiguration>";
    let t = Script::new(vec![xml(200, body)]);
    let rules = run(Session::new(&t, &Fixed, target(), creds(), 0).read_lifecycle()).result.unwrap();
    assert_eq!(rules.len(), 1);
    assert!(rules[0].access_time());
    assert!(t.sent.borrow()[0].url.ends_with("/?lifecycle"));
    let t = Script::new(vec![xml(404, &error_body("NoSuchLifecycle", ""))]);
    assert_eq!(run(Session::new(&t, &Fixed, target(), creds(), 0).read_lifecycle()).result, Ok(vec![]));
}

#[test]
fn prepare_checks_the_form_and_the_endpoint_trust_before_anything_is_sent() {
    let form = |endpoint: &str| Form {
        credentials: creds(),
        place: BucketPlace {
            bucket: "demo-bucket".into(),
            region: "cn-hangzhou".into(),
            endpoint: endpoint.into(),
            addressing: Addressing::VirtualHosted,
        },
    };
    let never = |_: &str| false;
    assert!(prepare(&form(""), &never).is_ok());
    assert!(prepare(&form("http://localhost:9000"), &never).is_ok());
    assert_eq!(
        prepare(&form("https://oss.example.com"), &never).unwrap_err(),
        Failure::Unconfirmed { origin: "https://oss.example.com".into() }
    );
    assert!(prepare(&form("https://oss.example.com"), &|o: &str| o == "https://oss.example.com").is_ok());
    let mut bad = form("");
    bad.place.bucket = "Bad_Bucket".into();
    assert_eq!(prepare(&bad, &never).unwrap_err(), Failure::Input(InputError::BucketChars('B')));
    let mut no_token = form("");
    no_token.credentials.security_token = None;
    assert_eq!(prepare(&no_token, &never).unwrap_err(), Failure::Input(InputError::TokenMissing));
    let confirm = Failure::Unconfirmed { origin: "https://oss.example.com".into() };
    let advice = confirm.advice(Lang::En, Operation::GetBucketAccessMonitor, "");
    assert!(advice.contains("AccessKeyId") && advice.contains("SecurityToken") && advice.contains("15 minutes"));
}

mod lifecycle_writes {
    use super::*;
    use console_core::oss::lifecycle_config::{self as lc, rules, upsert, AtimeRule, StorageClass};
    use console_core::oss::request::content_md5;
    use console_core::oss::session::LifecycleWrite;

    const SHOWN: &str = "<LifecycleConfiguration><Rule><ID>keep</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Filter><Not><Prefix>tmp/keep/</Prefix></Not></Filter><Expiration><Days>7</Days></Expiration><AtimeBase>1700000000</AtimeBase></Rule></LifecycleConfiguration>";

    fn edited() -> (lc::Node, lc::Node) {
        let base = lc::parse(SHOWN).unwrap();
        let mut new = base.clone();
        let rule = AtimeRule {
            id: "cold".into(),
            prefix: "media/".into(),
            tags: vec![],
            enabled: true,
            days: 60,
            storage_class: StorageClass::IA,
            return_to_std: true,
            allow_small_file: false,
        };
        upsert(&mut new, None, &rule).unwrap();
        (base, new)
    }

    /// The editable rule `edited` added.
    fn rule_of(new: &lc::Node) -> AtimeRule {
        rules(new).into_iter().find_map(|r| r.editable).unwrap()
    }

    #[test]
    fn a_write_rereads_first_puts_with_content_md5_and_reads_back() {
        let (base, new) = edited();
        let written = lc::write(&lc::for_put(&new));
        let t = Script::new(vec![xml(200, SHOWN), xml(200, ""), xml(200, &written)]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base, &new));
        assert!(matches!(&o.result, Ok(LifecycleWrite::Written { matches: true, .. })), "{:?}", o.result);
        let sent = t.sent.borrow();
        assert_eq!(sent.iter().map(|r| r.method.as_str()).collect::<Vec<_>>(), ["GET", "PUT", "GET"]);
        let body = sent[1].body.clone().unwrap();
        assert_eq!(body, written);
        assert!(!body.contains("AtimeBase") && body.contains("<Not><Prefix>tmp/keep/</Prefix></Not>"));
        let md5 = sent[1].headers.iter().find(|(n, _)| n == "content-md5").map(|(_, v)| v.clone());
        assert_eq!(md5, Some(content_md5(body.as_bytes())));
        assert!(sent[1].url.ends_with("?lifecycle"));
        // The request log shows the body sent.
        assert_eq!(o.log[1].operation, Operation::PutBucketLifecycle);
        assert_eq!(o.log[1].body.as_deref(), Some(written.as_str()));
        assert_no_secret(&format!("{:?}", o.log));
    }

    #[test]
    fn a_configuration_changed_since_it_was_shown_is_not_written() {
        let (base, new) = edited();
        let meanwhile = SHOWN.replace("<Days>7</Days>", "<Days>1</Days>");
        let t = Script::new(vec![xml(200, &meanwhile)]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base, &new));
        match &o.result {
            Ok(LifecycleWrite::Changed(now)) => {
                assert_eq!(rules(now)[0].node.child("Expiration").unwrap().text_of("Days").as_deref(), Some("1"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(t.sent.borrow().len(), 1, "only the re-read was sent");
    }

    #[test]
    fn a_read_back_that_differs_is_reported_and_a_refused_rule_is_a_failed_put() {
        let (base, new) = edited();
        let t = Script::new(vec![xml(200, SHOWN), xml(200, ""), xml(200, SHOWN)]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base, &new));
        assert!(matches!(&o.result, Ok(LifecycleWrite::Written { matches: false, .. })), "{:?}", o.result);

        // Written, then the read-back refused: unverified, not a failed write.
        let t = Script::new(vec![xml(200, SHOWN), xml(200, ""), xml(503, &error_body("ServiceUnavailable", ""))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base, &new));
        match &o.result {
            Ok(LifecycleWrite::Unverified(f)) => assert_eq!(f.code(), "ServiceUnavailable"),
            other => panic!("{other:?}"),
        }

        // Rules that already overlap: the write asks OSS's leave to keep them (a signed header).
        let overlapping = SHOWN.replace(
            "</LifecycleConfiguration>",
            "<Rule><ID>logs</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule><Rule><ID>old logs</ID><Prefix>logs/old/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>",
        );
        let base2 = lc::parse(&overlapping).unwrap();
        let mut new2 = base2.clone();
        upsert(&mut new2, None, &AtimeRule { id: "cold2".into(), prefix: "media/2/".into(), ..rule_of(&new) }).unwrap();
        let t = Script::new(vec![xml(200, &overlapping), xml(200, ""), xml(200, &lc::write(&lc::for_put(&new2)))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base2, &new2));
        assert!(matches!(&o.result, Ok(LifecycleWrite::Written { matches: true, .. })), "{:?}", o.result);
        let sent = t.sent.borrow();
        let allow = sent[1].headers.iter().find(|(n, _)| n == "x-oss-allow-same-action-overlap");
        assert_eq!(allow.map(|(_, v)| v.as_str()), Some("true"));
        assert!(sent[1].signed.canonical_request.contains("\nx-oss-allow-same-action-overlap:true\n"), "signed");
        drop(sent);
        // Without such rules, no such header.
        let t = Script::new(vec![xml(200, SHOWN), xml(200, ""), xml(200, &lc::write(&lc::for_put(&new)))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        run(s.write_lifecycle(&base, &new));
        assert!(!t.sent.borrow()[1].headers.iter().any(|(n, _)| n == "x-oss-allow-same-action-overlap"));

        let t = Script::new(vec![xml(200, SHOWN), xml(400, &error_body("InvalidArgument", ""))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.write_lifecycle(&base, &new));
        assert_eq!(o.result.as_ref().err().and_then(|f| f.oss_code()), Some(OssCode::InvalidArgument));
        assert_eq!(o.failed_operation(), Some(Operation::PutBucketLifecycle));
        // No configuration yet: an empty one, not an error.
        let t = Script::new(vec![xml(404, &error_body("NoSuchLifecycle", ""))]);
        let s = Session::new(&t, &Fixed, target(), creds(), 0);
        let o = run(s.read_lifecycle_config());
        assert_eq!(o.result.map(|n| rules(&n).len()), Ok(0));
    }
}
