//! Target `fleet`: the many-buckets screen. Pasted text built from choices (every form people
//! copy, bent: hosts, URLs with user info and ports, CSV with extra columns, resource names, odd
//! text) goes through `fleet::parse`; then the screen is driven by random events (adds, reads,
//! answers of every kind for the calls in flight, stale answers, cancel, plans, confirm, retry,
//! remove, clear). Checks: every named bucket and region is valid; the calls in flight never
//! exceed the bound; counts add up; nothing is busy once a run has finished.

use super::Choices;
use crate::oss::access_monitor::AccessMonitorStatus;
use crate::oss::credentials::Credentials;
use crate::oss::error::{Operation, ServiceError};
use crate::oss::place::{BucketPlace, Endpoints};
use crate::oss::request::Addressing;
use crate::oss::session::{Checked, Failed, Failure, Sent};
use crate::oss::validate;
use crate::screens::fleet::{self, Command, Event, Fleet, CONCURRENCY};
use crate::screens::{Env, Screen};

const NAMES: &[&str] = &[
    "fleet-01",
    "logs-2025",
    "a-b",
    "abc",
    "",
    "Upper-Case",
    "ok-bucket-name-that-is-rather-long-but-still-fine-0123456789abc",
];
const REGIONS: &[&str] =
    &["cn-hangzhou", "cn-shanghai", "ap-southeast-1", "us-west-1", "", "CN-HANGZHOU", "cn hangzhou"];

fn line(c: &mut Choices) -> String {
    let name = if c.chance(70) { c.pick(NAMES).to_string() } else { c.odd_text(20) };
    let region = if c.chance(80) { c.pick(REGIONS).to_string() } else { c.odd_text(12) };
    match c.byte() % 10 {
        0 => name,
        1 => format!("oss://{name}/{}", c.odd_text(10)),
        2 => format!("{name}.oss-{region}.aliyuncs.com"),
        3 => format!("{name}.oss-{region}-internal.aliyuncs.com:{}", c.below(70000)),
        4 => format!(
            "https://{}{name}.oss-{region}.aliyuncs.com/{}?{}",
            if c.flag() { "user:pw@" } else { "" },
            c.odd_text(8),
            c.odd_text(8)
        ),
        5 => format!("{name},{region}{}", if c.flag() { format!(",{}", c.odd_text(6)) } else { String::new() }),
        6 => format!("\"{name}\", \"{region}\""),
        7 => format!("acs:oss:{region}:{}:{name}/{}", c.below(1_000_000), c.odd_text(6)),
        8 => format!("http://{}", c.odd_text(24)),
        _ => c.odd_text(40),
    }
}

fn answer(c: &mut Choices) -> Checked {
    let fail = |failure| Checked {
        status: None,
        failed: Some(Failed { op: Operation::GetBucketAccessMonitor, failure }),
        lifecycle: None,
        log: vec![],
        offset_ms: 0,
    };
    let oss = |code: &str, endpoint: Option<String>| {
        let error = ServiceError { status: 403, code: code.into(), endpoint, ..Default::default() };
        fail(Failure::Oss {
            error: Box::new(error),
            sent: Box::new(Sent { canonical_request: String::new(), string_to_sign: String::new() }),
        })
    };
    match c.byte() % 9 {
        0..=2 => Checked {
            status: Some(if c.flag() { AccessMonitorStatus::Enabled } else { AccessMonitorStatus::Disabled }),
            failed: None,
            lifecycle: Some(Ok(vec![])),
            log: vec![],
            offset_ms: 0,
        },
        3 => fail(Failure::NoResponse { origin: "o".into(), detail: "d".into() }),
        4 => oss("AccessDenied", None),
        5 => {
            let endpoint = match c.byte() % 3 {
                0 => format!("oss-{}.aliyuncs.com", c.pick(REGIONS)),
                1 => format!("https://oss-{}.aliyuncs.com/x", c.pick(REGIONS)),
                _ => c.odd_text(30),
            };
            oss("AccessDenied", Some(endpoint))
        }
        6 => {
            let codes =
                ["InvalidAccessKeyId", "SecurityTokenExpired", "NoSuchBucket", "AccessMonitorDisableNotAllowed"];
            let code = codes[c.below(codes.len())];
            oss(code, None)
        }
        7 => oss(&c.odd_text(10), None),
        _ => fail(Failure::Timeout { origin: "o".into() }),
    }
}

pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let text: Vec<String> = (0..c.below(12)).map(|_| line(&mut c)).collect();
    let text = text.join(if c.flag() { "\n" } else { "\r\n" });
    let (named, bad) = fleet::parse(&text);
    for n in &named {
        assert!(validate::bucket(&n.bucket).is_ok(), "accepted {:?} from {text:?}", n.bucket);
        if let Some(r) = &n.region {
            assert!(validate::region(r).is_ok(), "accepted region {r:?} from {text:?}");
        }
    }
    assert!(named.len() + bad.len() <= text.lines().count());

    let credentials = Credentials {
        access_key_id: "STS.K".into(),
        access_key_secret: "s".into(),
        security_token: Some("t".into()),
        expiration_ms: None,
    };
    let endpoints = Endpoints::default();
    let env = Env { credentials: &credentials, endpoints: &endpoints };
    let place = BucketPlace {
        endpoint: if c.flag() { "http://127.0.0.1:9000".into() } else { String::new() },
        addressing: if c.flag() { Addressing::PathStyle } else { Addressing::VirtualHosted },
        ..BucketPlace::default()
    };
    let mut f = Fleet::default();
    let mut calls: Vec<u64> = Vec::new();
    let take = |out: Vec<Command>, calls: &mut Vec<u64>| {
        for Command::Check { call, .. } in out {
            calls.push(call);
        }
    };
    let region = c.pick(REGIONS).to_string();
    f.update(Event::Add { text, region }, env);
    let mut steps = 0;
    while !c.is_empty() && steps < 80 {
        steps += 1;
        let out = match c.byte() % 12 {
            0 => {
                let text = (0..c.below(4)).map(|_| line(&mut c)).collect::<Vec<_>>().join("\n");
                f.update(Event::Add { text, region: "cn-hangzhou".into() }, env)
            }
            1 => f.update(Event::Read { place: place.clone() }, env),
            2..=4 if !calls.is_empty() => {
                let call = calls.remove(c.below(calls.len()));
                f.update(Event::Checked { call, checked: Box::new(answer(&mut c)) }, env)
            }
            5 => f.update(Event::Checked { call: c.u64(), checked: Box::new(answer(&mut c)) }, env),
            6 => f.update(Event::Cancel, env),
            7 => {
                let shown = f.rows.iter().filter(|_| c.flag()).map(|r| r.bucket.clone()).collect();
                let target = if c.flag() { AccessMonitorStatus::Enabled } else { AccessMonitorStatus::Disabled };
                f.update(Event::PlanSwitch { target, shown }, env)
            }
            8 => f.update(Event::Confirm { place: place.clone() }, env),
            9 => f.update(Event::RetryFailed { place: place.clone() }, env),
            10 => {
                let b = f.rows.first().map(|r| r.bucket.clone()).unwrap_or_default();
                f.update(Event::Remove(b), env)
            }
            _ => f.update(Event::Clear, env),
        };
        take(out, &mut calls);
        if let Some(run) = &f.run {
            assert!(run.in_flight() <= CONCURRENCY, "{} calls in flight", run.in_flight());
            assert!(
                run.done <= run.total && run.failed <= run.done,
                "done {} failed {} of {}",
                run.done,
                run.failed,
                run.total
            );
            if run.finished() {
                assert!(f.rows.iter().all(|r| !r.busy), "a row busy after its run finished");
            }
        }
        assert!(f.rows.len() <= fleet::MAX_BUCKETS);
        let _ = fleet::csv(&f.rows);
        let _ = fleet::script(&f.rows, &place, AccessMonitorStatus::Enabled);
    }
}
