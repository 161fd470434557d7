//! The many-buckets screen driven as the shell drives it: pasted buckets in every form, a read
//! bounded to six calls, the wrong region followed once and only to an OSS endpoint, expired
//! credentials stopping the run once, a plan, idempotence, cancel and retrying failed rows.

use console_core::oss::access_monitor::AccessMonitorStatus::{Disabled, Enabled};
use console_core::oss::credentials::Credentials;
use console_core::oss::error::{Operation, ServiceError};
use console_core::oss::lifecycle::{LifecycleRule, Transition};
use console_core::oss::place::{BucketPlace, Endpoints};
use console_core::oss::request::Addressing;
use console_core::oss::session::{Checked, Failed, Failure, Intent, Sent};
use console_core::screens::fleet::{self, Command, Event, Fleet, Named, Problem, Stopped, CONCURRENCY};
use console_core::screens::{Env, Screen};

fn creds() -> Credentials {
    Credentials {
        access_key_id: "STS.KeyId".into(),
        access_key_secret: "secret-value".into(),
        security_token: Some("token-value".into()),
        expiration_ms: None,
    }
}

fn place() -> BucketPlace {
    BucketPlace {
        endpoint: "http://127.0.0.1:9000".into(),
        addressing: Addressing::PathStyle,
        ..BucketPlace::default()
    }
}

struct Shell {
    credentials: Credentials,
    endpoints: Endpoints,
}

impl Shell {
    fn send(&self, f: &mut Fleet, e: Event) -> Vec<Command> {
        f.update(e, Env { credentials: &self.credentials, endpoints: &self.endpoints })
    }
}

fn shell() -> Shell {
    Shell { credentials: creds(), endpoints: Endpoints::default() }
}

fn ok(status: console_core::oss::access_monitor::AccessMonitorStatus, atime_rules: usize) -> Checked {
    let rule = |access_time| LifecycleRule {
        id: "r".into(),
        prefix: String::new(),
        enabled: true,
        transitions: vec![Transition {
            days: Some(30),
            storage_class: "IA".into(),
            access_time,
            return_to_std_when_visit: false,
            noncurrent: false,
        }],
        expiration_days: None,
    };
    let mut rules: Vec<LifecycleRule> = (0..atime_rules).map(|_| rule(true)).collect();
    rules.push(rule(false));
    Checked { status: Some(status), failed: None, lifecycle: Some(Ok(rules)), log: vec![], offset_ms: 0 }
}

fn failing(failure: Failure) -> Checked {
    Checked {
        status: None,
        failed: Some(Failed { op: Operation::GetBucketAccessMonitor, failure }),
        lifecycle: None,
        log: vec![],
        offset_ms: 0,
    }
}

fn oss(code: &str, endpoint: Option<&str>) -> Checked {
    let error =
        ServiceError { status: 403, code: code.into(), endpoint: endpoint.map(str::to_string), ..Default::default() };
    failing(Failure::Oss {
        error: Box::new(error),
        sent: Box::new(Sent { canonical_request: String::new(), string_to_sign: String::new() }),
    })
}

/// (call, bucket, region, intent) of each check.
fn calls(out: &[Command]) -> Vec<(u64, String, String, Intent)> {
    out.iter()
        .map(|Command::Check { call, bucket, intent, target, .. }| {
            (*call, bucket.clone(), target.region.clone(), *intent)
        })
        .collect()
}

fn named(bucket: &str, region: Option<&str>) -> Named {
    Named { bucket: bucket.into(), region: region.map(str::to_string) }
}

#[test]
fn every_pasted_form_names_its_bucket_and_region_and_bad_lines_say_why() {
    let text = "my-bucket\n\
                oss://logs-2025/some/prefix/\n\
                media.oss-cn-shanghai.aliyuncs.com\n\
                https://backup.oss-cn-beijing-internal.aliyuncs.com/a/b.txt?x=1\n\
                bucket,region\n\
                archive, cn-shenzhen\n\
                \"quoted\",\"ap-southeast-1\"\n\
                acs:oss:cn-hangzhou:123456:prod-data/*\n\
                \n\
                # a comment\n\
                Not_A_Bucket\n\
                https://example.com/x\n\
                oss-cn-hangzhou.aliyuncs.com\n\
                ok-bucket,not a region\n";
    let (got, bad) = fleet::parse(text);
    assert_eq!(
        got,
        vec![
            named("my-bucket", None),
            named("logs-2025", None),
            named("media", Some("cn-shanghai")),
            named("backup", Some("cn-beijing")),
            named("archive", Some("cn-shenzhen")),
            named("quoted", Some("ap-southeast-1")),
            named("prod-data", Some("cn-hangzhou")),
        ]
    );
    assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), [11, 12, 13, 14]);
    assert!(bad[1].reason.contains("not an OSS bucket"), "{:?}", bad[1]);
    // Duplicates merge (the later region wins), counted.
    let s = shell();
    let mut f = Fleet::default();
    s.send(&mut f, Event::Add { text: "a-bucket\nb-bucket\na-bucket,cn-beijing".into(), region: "cn-hangzhou".into() });
    assert_eq!(
        f.rows.iter().map(|r| (r.bucket.as_str(), r.region.as_str())).collect::<Vec<_>>(),
        [("a-bucket", "cn-beijing"), ("b-bucket", "cn-hangzhou")]
    );
    assert_eq!(f.merged, 1);
}

fn fleet_of(n: usize) -> (Shell, Fleet) {
    let s = shell();
    let mut f = Fleet::default();
    let text: Vec<String> = (0..n).map(|i| format!("bucket-{i:02}")).collect();
    s.send(&mut f, Event::Add { text: text.join("\n"), region: "cn-hangzhou".into() });
    (s, f)
}

#[test]
fn a_read_keeps_six_calls_in_flight_until_every_bucket_is_read() {
    let (s, mut f) = fleet_of(14);
    let mut pending = calls(&s.send(&mut f, Event::Read { place: place() }));
    assert_eq!(pending.len(), CONCURRENCY);
    assert!(pending.iter().all(|c| c.3 == Intent::Read));
    let mut answered = 0;
    while let Some((call, bucket, ..)) = pending.pop() {
        let status = if bucket.ends_with('3') { Enabled } else { Disabled };
        let more = calls(&s.send(&mut f, Event::Checked { call, checked: Box::new(ok(status, 0)) }));
        answered += 1;
        pending.extend(more);
        assert!(pending.len() <= CONCURRENCY, "{} in flight", pending.len());
        assert_eq!(f.run.as_ref().unwrap().in_flight(), pending.len());
    }
    assert_eq!(answered, 14);
    let run = f.run.as_ref().unwrap();
    assert!(run.finished() && run.done == 14 && run.failed == 0);
    assert_eq!(f.rows.iter().filter(|r| r.status == Some(Enabled)).count(), 2);
    // A late or unknown answer changes nothing.
    assert!(s.send(&mut f, Event::Checked { call: 999, checked: Box::new(ok(Enabled, 0)) }).is_empty());
}

#[test]
fn each_failure_is_named_for_its_row_and_the_right_region_is_followed_once_to_an_oss_endpoint_only() {
    let s = shell();
    let mut f = Fleet::default();
    s.send(
        &mut f,
        Event::Add { text: "nocors\ndenied\ngone\nmoved\nweird\nelsewhere".into(), region: "cn-hangzhou".into() },
    );
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    let id = |b: &str| out.iter().find(|c| c.1 == b).unwrap().0;
    let nr = Failure::NoResponse { origin: "http://127.0.0.1:9000".into(), detail: "TypeError".into() };
    s.send(&mut f, Event::Checked { call: id("nocors"), checked: Box::new(failing(nr)) });
    s.send(&mut f, Event::Checked { call: id("denied"), checked: Box::new(oss("AccessDenied", None)) });
    s.send(&mut f, Event::Checked { call: id("gone"), checked: Box::new(oss("NoSuchBucket", None)) });
    s.send(&mut f, Event::Checked { call: id("weird"), checked: Box::new(oss("InternalError", None)) });
    // Not an OSS endpoint: not followed.
    s.send(
        &mut f,
        Event::Checked { call: id("elsewhere"), checked: Box::new(oss("AccessDenied", Some("evil.example.com"))) },
    );
    // An OSS endpoint: asked again there, once, in that region, at the same endpoint override.
    let again = calls(&s.send(
        &mut f,
        Event::Checked {
            call: id("moved"),
            checked: Box::new(oss("AccessDenied", Some("oss-cn-shanghai.aliyuncs.com"))),
        },
    ));
    assert_eq!(again.iter().map(|c| (c.1.as_str(), c.2.as_str())).collect::<Vec<_>>(), [("moved", "cn-shanghai")]);
    // Moved again: not followed a second time.
    s.send(
        &mut f,
        Event::Checked {
            call: again[0].0,
            checked: Box::new(oss("AccessDenied", Some("oss-cn-beijing.aliyuncs.com"))),
        },
    );
    let problem =
        |b: &str| f.rows.iter().find(|r| r.bucket == b).unwrap().problem.as_ref().map(|p| p.key().to_string());
    assert_eq!(problem("nocors").as_deref(), Some("cors"));
    assert_eq!(problem("denied").as_deref(), Some("denied"));
    assert_eq!(problem("gone").as_deref(), Some("missing"));
    assert_eq!(problem("weird").as_deref(), Some("InternalError"));
    assert_eq!(problem("elsewhere").as_deref(), Some("region"));
    assert_eq!(problem("moved").as_deref(), Some("region"));
    let moved = f.rows.iter().find(|r| r.bucket == "moved").unwrap();
    assert_eq!((moved.region.as_str(), moved.moved_from.as_deref()), ("cn-shanghai", Some("cn-hangzhou")));
    let run = f.run.as_ref().unwrap();
    assert!(run.finished() && run.done == 6 && run.failed == 6);
}

#[test]
fn expired_credentials_stop_the_run_once() {
    let (s, mut f) = fleet_of(10);
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    let more = s.send(&mut f, Event::Checked { call: out[0].0, checked: Box::new(oss("SecurityTokenExpired", None)) });
    assert!(more.is_empty(), "nothing more is sent");
    assert_eq!(f.stopped, Some(Stopped::Credentials("SecurityTokenExpired".into())));
    // The other calls in flight land; the stop is said once; nothing else is sent.
    for c in &out[1..] {
        assert!(s
            .send(&mut f, Event::Checked { call: c.0, checked: Box::new(oss("InvalidAccessKeyId", None)) })
            .is_empty());
    }
    assert_eq!(f.stopped, Some(Stopped::Credentials("SecurityTokenExpired".into())));
    assert!(f.run.as_ref().unwrap().finished());
    assert_eq!(f.rows.iter().filter(|r| r.busy).count(), 0);
    assert_eq!(f.rows.iter().filter(|r| r.problem.is_none() && r.status.is_none()).count(), 4, "four never asked");
}

#[test]
fn a_plan_separates_change_same_and_blocked_and_a_confirmed_switch_is_read_back() {
    let s = shell();
    let mut f = Fleet::default();
    s.send(&mut f, Event::Add { text: "is-on\nis-off\nlocked\nnocors\nunread".into(), region: "cn-hangzhou".into() });
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    let id = |b: &str| out.iter().find(|c| c.1 == b).unwrap().0;
    s.send(&mut f, Event::Checked { call: id("is-on"), checked: Box::new(ok(Enabled, 0)) });
    s.send(&mut f, Event::Checked { call: id("is-off"), checked: Box::new(ok(Disabled, 0)) });
    s.send(&mut f, Event::Checked { call: id("locked"), checked: Box::new(ok(Enabled, 1)) });
    let nr = Failure::NoResponse { origin: "x".into(), detail: "y".into() };
    s.send(&mut f, Event::Checked { call: id("nocors"), checked: Box::new(failing(nr)) });
    s.send(&mut f, Event::Cancel);
    s.send(
        &mut f,
        Event::Checked { call: id("unread"), checked: Box::new(failing(Failure::Timeout { origin: "x".into() })) },
    );
    f.rows.iter_mut().find(|r| r.bucket == "unread").unwrap().problem = None;

    let shown: Vec<String> = f.rows.iter().map(|r| r.bucket.clone()).collect();
    s.send(&mut f, Event::PlanSwitch { target: Disabled, shown: shown.clone() });
    let plan = f.plan.clone().unwrap();
    assert_eq!(plan.change, ["is-on"]);
    assert_eq!(plan.same, ["is-off"]);
    assert_eq!(
        plan.blocked.iter().map(|(b, p)| (b.as_str(), p.as_ref().map(|p| p.key().to_string()))).collect::<Vec<_>>(),
        [("locked", Some("locked".to_string())), ("nocors", Some("cors".to_string())), ("unread", None)]
    );
    // Enable: the locked bucket is already enabled (same), not blocked.
    s.send(&mut f, Event::PlanSwitch { target: Enabled, shown });
    let plan = f.plan.clone().unwrap();
    assert_eq!((plan.change.as_slice(), plan.same.len()), (&["is-off".to_string()][..], 2));
    let out = calls(&s.send(&mut f, Event::Confirm { place: place() }));
    assert_eq!(out.iter().map(|c| (c.1.as_str(), c.3)).collect::<Vec<_>>(), [("is-off", Intent::Switch(Enabled))]);
    s.send(&mut f, Event::Checked { call: out[0].0, checked: Box::new(ok(Enabled, 0)) });
    assert!(f.rows.iter().find(|r| r.bucket == "is-off").unwrap().switched);
    // Again: nothing changes, so nothing is sent.
    let shown: Vec<String> = f.rows.iter().map(|r| r.bucket.clone()).collect();
    s.send(&mut f, Event::PlanSwitch { target: Enabled, shown });
    assert!(f.plan.as_ref().unwrap().change.is_empty());
    assert!(s.send(&mut f, Event::Confirm { place: place() }).is_empty());
}

#[test]
fn cancel_sends_nothing_more_and_retry_runs_only_the_failed_rows() {
    let (s, mut f) = fleet_of(12);
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    s.send(&mut f, Event::Cancel);
    let mut more = Vec::new();
    for (k, c) in out.iter().enumerate() {
        let checked = if k < 2 { oss("InternalError", None) } else { ok(Disabled, 0) };
        more.extend(s.send(&mut f, Event::Checked { call: c.0, checked: Box::new(checked) }));
    }
    assert!(more.is_empty(), "cancelled: nothing more sent");
    let run = f.run.as_ref().unwrap();
    assert!(run.finished() && run.cancelled && run.done == 6);
    let failed = f.failed().to_vec();
    assert_eq!(failed.len(), 2);
    let retry = calls(&s.send(&mut f, Event::RetryFailed { place: place() }));
    assert_eq!(retry.iter().map(|c| c.1.clone()).collect::<Vec<_>>(), failed);
    assert!(retry.iter().all(|c| c.3 == Intent::Read));
}

#[test]
fn a_form_without_credentials_sends_nothing_and_says_so() {
    let (_, mut f) = fleet_of(3);
    let s =
        Shell { credentials: Credentials { access_key_id: String::new(), ..creds() }, endpoints: Endpoints::default() };
    assert!(s.send(&mut f, Event::Read { place: place() }).is_empty());
    assert!(matches!(f.stopped, Some(Stopped::Form(_))));
    assert!(f.run.is_none());
    // An OSS endpoint override of one region is not used for the others.
    let s = shell();
    let oss_place =
        BucketPlace { endpoint: "https://oss-cn-hangzhou-internal.aliyuncs.com".into(), ..BucketPlace::default() };
    s.send(&mut f, Event::Add { text: "far,cn-beijing".into(), region: "cn-hangzhou".into() });
    let out = s.send(&mut f, Event::Read { place: oss_place });
    let Command::Check { target, .. } =
        out.iter().find(|c| matches!(c, Command::Check { bucket, .. } if bucket == "far")).unwrap();
    assert_eq!(target.endpoint.host, "oss-cn-beijing.aliyuncs.com");
}

#[test]
fn the_unreachable_buckets_get_a_script_and_cors_commands_and_the_table_exports_as_csv() {
    let s = shell();
    let mut f = Fleet::default();
    s.send(&mut f, Event::Add { text: "far-away,cn-beijing\nfine-one".into(), region: "cn-hangzhou".into() });
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    let nr = Failure::NoResponse { origin: "x".into(), detail: "y".into() };
    s.send(&mut f, Event::Checked { call: out[0].0, checked: Box::new(failing(nr)) });
    s.send(&mut f, Event::Checked { call: out[1].0, checked: Box::new(ok(Enabled, 0)) });
    let script = fleet::script(&f.rows, &place(), Enabled);
    assert!(script.contains("ossutil api get-bucket-access-monitor --bucket far-away --region cn-beijing -e http://127.0.0.1:9000 --addressing-style path"), "{script}");
    assert!(
        script.lines().any(|l| l.starts_with("ossutil api put-bucket-access-monitor")
            && l.contains("--bucket far-away")
            && l.contains("<Status>Enabled</Status>")),
        "{script}"
    );
    assert!(
        !script.contains("fine-one") && !script.contains("secret-value") && !script.contains("token-value"),
        "{script}"
    );
    let cors = fleet::cors_script(&f.rows, &place(), "http://127.0.0.1:8080");
    assert!(
        cors.contains("<AllowedOrigin>http://127.0.0.1:8080</AllowedOrigin>") && cors.contains("REPLACES"),
        "{cors}"
    );
    assert!(cors.contains("put-bucket-cors --bucket far-away --region cn-beijing"), "{cors}");
    let csv = fleet::csv(&f.rows);
    assert_eq!(
        csv.lines().next().unwrap(),
        "bucket,region,status,access_time_rules,problem,moved_from,last_change_by,last_change_at"
    );
    assert!(csv.contains("\"far-away\",\"cn-beijing\",\"unknown\",\"\",\"cors\""), "{csv}");
    assert!(csv.contains("\"fine-one\",\"cn-hangzhou\",\"Enabled\",\"0\",\"\""), "{csv}");
}

#[test]
fn uppercase_schemes_the_views_own_csv_and_tabs_read_back() {
    let (got, bad) = fleet::parse(
        "HTTPS://media.OSS-CN-SHANGHAI.aliyuncs.com/x\nOSS://logs-2025/p\nACS:OSS:cn-beijing:1:prod-data\ncos://other\n\
         bucket,region,status,access_time_rules,problem,moved_from,last_change_by,last_change_at\n\
         \"fleet-01\",\"cn-hangzhou\",\"Enabled\",\"0\",\"\",\"\",\"\",\"\"\n\
         tabbed\tcn-beijing\n\
         https://q-bucket.oss-cn-hangzhou.aliyuncs.com/a?x=1,2",
    );
    assert_eq!(
        got,
        vec![
            named("media", Some("cn-shanghai")),
            named("logs-2025", None),
            named("prod-data", Some("cn-beijing")),
            named("fleet-01", Some("cn-hangzhou")),
            named("tabbed", Some("cn-beijing")),
            named("q-bucket", Some("cn-hangzhou")),
        ]
    );
    assert_eq!(bad.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), ["cos://other"]);
    // Names without a region take the tracking view's.
    let s = shell();
    let mut f = Fleet::default();
    s.send(&mut f, Event::Add { text: "plain-name".into(), region: "eu-central-1".into() });
    assert_eq!(f.rows[0].region, "eu-central-1");
}

#[test]
fn after_cancel_a_redirect_is_not_followed_and_nothing_more_is_sent() {
    let (s, mut f) = fleet_of(3);
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    s.send(&mut f, Event::Cancel);
    let more = s.send(
        &mut f,
        Event::Checked { call: out[0].0, checked: Box::new(oss("AccessDenied", Some("oss-cn-shanghai.aliyuncs.com"))) },
    );
    assert!(more.is_empty(), "{more:?}");
    assert_eq!(f.rows[0].problem.as_ref().map(Problem::key), Some("region"));
    // OSS naming the region the bucket already has is not followed either.
    let (s, mut f) = fleet_of(1);
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    let more = s.send(
        &mut f,
        Event::Checked { call: out[0].0, checked: Box::new(oss("AccessDenied", Some("oss-cn-hangzhou.aliyuncs.com"))) },
    );
    assert!(more.is_empty());
}

#[test]
fn a_wrong_secret_stops_the_run_and_retry_runs_every_bucket_not_read() {
    let (s, mut f) = fleet_of(10);
    let out = calls(&s.send(&mut f, Event::Read { place: place() }));
    s.send(&mut f, Event::Checked { call: out[0].0, checked: Box::new(oss("SignatureDoesNotMatch", None)) });
    assert_eq!(f.stopped, Some(Stopped::Credentials("SignatureDoesNotMatch".into())));
    for c in &out[1..] {
        s.send(&mut f, Event::Checked { call: c.0, checked: Box::new(ok(Disabled, 0)) });
    }
    let run = f.run.as_ref().unwrap();
    assert!(run.finished() && run.done == 10, "{run:?}");
    // The refused one and the four never sent.
    assert_eq!(f.failed().len(), 5);
    let retry = calls(&s.send(&mut f, Event::RetryFailed { place: place() }));
    assert_eq!(retry.len(), 5);
    assert!(f.stopped.is_none());
}
