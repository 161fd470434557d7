//! The screens' models driven as the shell drives them: events in, commands out, each command
//! performed here (a signed call over a scripted transport) and its result fed back.

use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::credentials::Credentials;
use console_core::oss::error::Operation;
use console_core::oss::place::{Endpoints, PlaceEdit};
use console_core::oss::request::HttpResponse;
use console_core::oss::session::{Failure, Intent, Session};
use console_core::oss::transport::{Transport, TransportError};
use console_core::oss::validate::InputError;
use console_core::screens::tracking::{Command, Event, Lifecycle, News, Tracking};
use console_core::screens::{Env, Screen};
use console_core::time::UtcDateTime;

mod scripted;
use scripted::*;

fn no_rules() -> Result<HttpResponse, TransportError> {
    xml(404, &error_body("NoSuchLifecycle", ""))
}

/// The shell, as far as the screen can tell: credentials, the tab's endpoints, and a transport.
struct Shell {
    credentials: Credentials,
    endpoints: Endpoints,
    announced: Vec<News>,
}

impl Shell {
    fn new() -> Self {
        Shell { credentials: creds(), endpoints: Endpoints::default(), announced: Vec::new() }
    }

    fn env(&self) -> Env<'_> {
        Env { credentials: &self.credentials, endpoints: &self.endpoints }
    }

    /// Send an event; perform what comes back except calls, which are returned.
    fn send(&mut self, screen: &mut Tracking, event: Event) -> Vec<Command> {
        let commands = screen.update(event, self.env());
        let mut calls = Vec::new();
        for c in commands {
            match c {
                Command::RememberConfirmed(origin) => self.endpoints.confirm(&origin),
                Command::LearnOffset { origin, offset_ms } => self.endpoints.learn(&origin, offset_ms),
                Command::Announce(news) => self.announced.push(news),
                call @ Command::Call { .. } => calls.push(call),
            }
        }
        calls
    }

    /// Perform a call over `transport` and feed its result back.
    fn perform(&mut self, screen: &mut Tracking, call: Command, transport: &dyn Transport) {
        let Command::Call { call, intent, target, credentials, offset_ms } = call else { panic!("not a call") };
        let session = Session::new(transport, &Fixed, target, credentials, offset_ms);
        let checked = futures_executor::block_on(session.check(intent));
        let more = self.send(screen, Event::Done { call, checked });
        assert!(more.is_empty(), "a finished call starts nothing");
    }
}

fn emulator_screen(shell: &mut Shell) -> Tracking {
    let mut t = Tracking::default();
    assert!(shell.send(&mut t, Event::UseEmulator).is_empty());
    t
}

#[test]
fn read_then_the_rules_and_the_answer_is_announced() {
    let mut shell = Shell::new();
    let mut t = emulator_screen(&mut shell);
    let calls = shell.send(&mut t, Event::Ask(Intent::Read));
    assert_eq!(calls.len(), 1);
    assert_eq!(t.busy, Some(Intent::Read));
    let net = Script::new(vec![xml(200, &status_body("Disabled")), no_rules()]);
    shell.perform(&mut t, calls.into_iter().next().unwrap(), &net);
    assert_eq!((t.status, t.busy, t.finished), (Some(AccessMonitorStatus::Disabled), None, 1));
    assert_eq!(t.lifecycle, Lifecycle::Rules(vec![]));
    assert_eq!(t.log.len(), 2);
    assert_eq!(t.log[0].entry.operation, Operation::GetBucketLifecycle, "newest first");
    assert_eq!(shell.announced, vec![News::Status(Some(AccessMonitorStatus::Disabled))]);
    // Each entry says when it was sent; the log can be emptied.
    assert!(t.log.iter().all(|l| l.entry.at_ms == NOW as f64));
    shell.send(&mut t, Event::ClearLog);
    assert!(t.log.is_empty());
}

#[test]
fn a_second_ask_while_busy_sends_nothing() {
    let mut shell = Shell::new();
    let mut t = emulator_screen(&mut shell);
    assert_eq!(shell.send(&mut t, Event::Ask(Intent::Switch(AccessMonitorStatus::Enabled))).len(), 1);
    assert!(shell.send(&mut t, Event::Ask(Intent::Switch(AccessMonitorStatus::Enabled))).is_empty());
    assert!(shell.send(&mut t, Event::Ask(Intent::Read)).is_empty());
}

#[test]
fn an_unknown_endpoint_waits_for_the_go_ahead_then_the_same_intent_resumes() {
    let mut shell = Shell::new();
    let mut t = Tracking::default();
    for e in [
        PlaceEdit::Bucket("logs".into()),
        PlaceEdit::Endpoint("https://gw.example:8443".into()),
        PlaceEdit::Addressing(console_core::oss::request::Addressing::PathStyle),
    ] {
        shell.send(&mut t, Event::Edit(e));
    }
    let switch = Intent::Switch(AccessMonitorStatus::Enabled);
    assert!(shell.send(&mut t, Event::Ask(switch)).is_empty(), "nothing is sent before the go-ahead");
    assert_eq!(t.confirm, Some(("https://gw.example:8443".to_string(), switch)));
    assert!(t.busy.is_none());
    // No: nothing happens, and nothing is remembered.
    assert!(shell.send(&mut t, Event::Confirm(false)).is_empty());
    assert!(t.confirm.is_none() && !shell.endpoints.is_confirmed("https://gw.example:8443"));
    // Asked again, then yes: the switch resumes, and the origin is remembered for the tab.
    shell.send(&mut t, Event::Ask(switch));
    let calls = shell.send(&mut t, Event::Confirm(true));
    assert!(shell.endpoints.is_confirmed("https://gw.example:8443"));
    assert!(matches!(&calls[..], [Command::Call { intent, .. }] if *intent == switch));
    // Next time no question.
    let net = Script::new(vec![xml(200, ""), xml(200, &status_body("Enabled")), no_rules()]);
    shell.perform(&mut t, calls.into_iter().next().unwrap(), &net);
    assert_eq!(t.status, Some(AccessMonitorStatus::Enabled));
    assert_eq!(shell.send(&mut t, Event::Ask(Intent::Read)).len(), 1);
    assert!(net.sent.borrow()[0].url.starts_with("https://gw.example:8443/logs/"), "{}", net.sent.borrow()[0].url);
}

#[test]
fn a_switch_failing_after_a_clock_correction_is_a_failed_put_and_the_correction_is_kept_for_the_origin() {
    let mut shell = Shell::new();
    let mut t = emulator_screen(&mut shell);
    let server = UtcDateTime::from_unix_millis(NOW + 3_600_000).iso8601_millis();
    let skew = error_body("RequestTimeTooSkewed", &format!("<ServerTime>{server}</ServerTime>"));
    let denied = error_body("AccessDenied", "");
    // PUT skewed → corrected PUT denied → the rules are still read (a rule is the usual reason).
    let net = Script::new(vec![xml(403, &skew), xml(403, &denied), no_rules()]);
    let calls = shell.send(&mut t, Event::Ask(Intent::Switch(AccessMonitorStatus::Enabled)));
    shell.perform(&mut t, calls.into_iter().next().unwrap(), &net);
    let failed = t.last_error.clone().expect("the switch failed");
    assert_eq!(failed.op, Operation::PutBucketAccessMonitor);
    assert_eq!(failed.failure.code(), "AccessDenied");
    assert!(failed.failure.advice(console_core::i18n::Lang::En, failed.op, "").contains("oss:PutBucketAccessMonitor"));
    assert_eq!(shell.announced, vec![News::Failed(failed)]);
    // The correction belongs to the endpoint's origin, for every view and the next call.
    let origin = t.place.endpoint_origin().unwrap();
    assert_eq!(shell.endpoints.offset(&origin), 3_600_000);
    let calls = shell.send(&mut t, Event::Ask(Intent::Read));
    assert!(matches!(&calls[..], [Command::Call { offset_ms: 3_600_000, .. }]), "{calls:?}");
}

#[test]
fn an_answer_for_an_older_place_or_call_is_dropped() {
    let mut shell = Shell::new();
    let mut t = emulator_screen(&mut shell);
    let first = shell.send(&mut t, Event::Ask(Intent::Read)).pop().unwrap();
    // The person types another bucket while the read is in flight.
    shell.send(&mut t, Event::Edit(PlaceEdit::Bucket("demo-locked".into())));
    assert!(t.busy.is_none(), "the screen is free for the new bucket");
    let second = shell.send(&mut t, Event::Ask(Intent::Read)).pop().unwrap();
    // The old answer lands late: it is not about this bucket.
    let old = Script::new(vec![xml(200, &status_body("Disabled")), no_rules()]);
    shell.perform(&mut t, first, &old);
    assert_eq!((t.status, t.finished, t.busy), (None, 0, Some(Intent::Read)));
    assert!(shell.announced.is_empty());
    // Its requests were sent all the same: they stay in the log.
    assert_eq!(t.log.len(), 2);
    let new = Script::new(vec![xml(200, &status_body("Enabled")), no_rules()]);
    shell.perform(&mut t, second, &new);
    assert_eq!((t.status, t.finished, t.log.len()), (Some(AccessMonitorStatus::Enabled), 1, 4));
    // New credentials forget what was read, and drop an answer in flight.
    let third = shell.send(&mut t, Event::Ask(Intent::Read)).pop().unwrap();
    shell.send(&mut t, Event::CredentialsChanged);
    assert_eq!((t.status, &t.lifecycle), (None, &Lifecycle::Unknown));
    shell.perform(&mut t, third, &Script::new(vec![xml(200, &status_body("Disabled")), no_rules()]));
    assert_eq!(t.status, None);
}

#[test]
fn a_form_that_is_not_valid_sends_nothing_and_says_what_to_fix() {
    let mut shell = Shell::new();
    let mut t = Tracking::default();
    shell.send(&mut t, Event::Edit(PlaceEdit::Bucket("Bad_Bucket".into())));
    assert!(shell.send(&mut t, Event::Ask(Intent::Read)).is_empty());
    let failed = t.last_error.clone().unwrap();
    assert_eq!(
        (failed.op, failed.failure),
        (Operation::GetBucketAccessMonitor, Failure::Input(InputError::BucketChars('B')))
    );
    assert_eq!(t.finished, 1);
    assert!(t.busy.is_none());
}

#[test]
fn empty_fields_are_named_all_at_once_and_each_leaves_as_it_is_filled() {
    use console_core::screens::tracking::Field;
    let mut shell = Shell::new();
    shell.credentials = Credentials::default();
    let mut t = Tracking::default();
    assert!(shell.send(&mut t, Event::Ask(Intent::Read)).is_empty(), "nothing sent");
    let all = vec![Field::AccessKeyId, Field::AccessKeySecret, Field::SecurityToken, Field::Bucket];
    assert_eq!(t.missing, all);
    assert_eq!(shell.announced, vec![News::Missing(all)]);
    assert!(t.last_error.is_none(), "not a failed OSS request");
    assert_eq!(t.finished, 0);
    // Filling the bucket takes it off the list; the credentials' fields leave as they are typed.
    shell.send(&mut t, Event::Edit(PlaceEdit::Bucket("logs".into())));
    assert_eq!(t.missing, [Field::AccessKeyId, Field::AccessKeySecret, Field::SecurityToken]);
    shell.credentials = creds();
    shell.send(&mut t, Event::CredentialsChanged);
    assert!(t.missing.is_empty());
    assert_eq!(shell.send(&mut t, Event::Ask(Intent::Read)).len(), 1);
}

#[test]
fn a_link_to_another_region_does_not_keep_the_old_endpoint() {
    let mut shell = Shell::new();
    let mut t = emulator_screen(&mut shell);
    let link = |bucket: &str, region: Option<&str>| Event::OpenBucket {
        bucket: bucket.into(),
        region: region.map(Into::into),
    };
    // Same region: the emulator endpoint stays.
    shell.send(&mut t, link("demo-locked", Some("cn-hangzhou")));
    assert_eq!((t.place.bucket.as_str(), t.place.endpoint.as_str()), ("demo-locked", "http://localhost:9000"));
    // Another region: the endpoint was for the old one.
    shell.send(&mut t, link("logs-sg", Some("ap-southeast-1")));
    assert_eq!((t.place.region.as_str(), t.place.endpoint.as_str()), ("ap-southeast-1", ""));
    assert_eq!(t.place.endpoint_origin().as_deref(), Some("https://oss-ap-southeast-1.aliyuncs.com"));
}

// ------------------------------------------------------------------------------------------------
// The trail source screen
// ------------------------------------------------------------------------------------------------

mod trail {
    use super::scripted::creds;
    use console_core::oss::place::{Endpoints, PlaceEdit};
    use console_core::screens::trail_source::{Busy, Command, Event, Intent, News, TrailSource};
    use console_core::screens::{Env, Screen};
    use console_core::trail::bucket::{DateRange, Plan, PlanProgress, PlannedFile, Totals, TrailError};
    use console_core::trail::bucket_load::{LoadEnd, LoadProgress};

    const NOW: i64 = 1_763_640_000_000; // 2025-11-20T12:00:00Z

    fn file(region: &str, n: i64) -> PlannedFile {
        PlannedFile {
            key: format!("actiontrail/AliyunLogs/Actiontrail/{region}/2025/11/20/f{n}.json.gz"),
            size: 100,
            expected_events: 10,
            region: region.into(),
            day: "2025-11-20".into(),
            member: None,
            time_ms: NOW + n,
            etag: String::new(),
        }
    }

    fn plan() -> Plan {
        let files = vec![file("cn-hangzhou", 1), file("cn-shanghai", 2), file("cn-hangzhou", 3)];
        Plan {
            range: DateRange::parse("2025-11-18", "2025-11-20").unwrap(),
            folders: vec![],
            totals: Totals { files: 3, bytes: 300, events: 30 },
            files,
            by_region_day: vec![],
            skipped: Default::default(),
        }
    }

    fn send(t: &mut TrailSource, endpoints: &mut Endpoints, e: Event) -> Vec<Command> {
        let c = creds();
        let out = t.update(e, Env { credentials: &c, endpoints });
        for cmd in &out {
            match cmd {
                Command::RememberConfirmed(o) => endpoints.confirm(o),
                Command::LearnOffset { origin, offset_ms } => endpoints.learn(origin, *offset_ms),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn list_then_plan_then_load_the_chosen_regions_then_cancel() {
        let mut e = Endpoints::default();
        let mut t = TrailSource::new(NOW);
        send(&mut t, &mut e, Event::UseEmulator { now_ms: NOW });
        assert_eq!((t.from.as_str(), t.to.as_str()), ("2025-11-18", "2025-11-20"));
        let out = send(&mut t, &mut e, Event::Ask(Intent::List));
        let [Command::List { call, prefix, range, offset_ms: 0, .. }] = &out[..] else { panic!("{out:?}") };
        let call = *call;
        assert_eq!((prefix.as_str(), range.day_count()), ("actiontrail", 3));
        // Listing progress, then the plan (with a clock correction learned on the way).
        let progress = PlanProgress { folders_listed: 2, folders_total: 9, ..Default::default() };
        send(&mut t, &mut e, Event::Listing { call, progress });
        assert_eq!(t.busy, Some(Busy::Listing(progress)));
        let out = send(&mut t, &mut e, Event::Planned { call, plan: Ok(plan()), offset_ms: 5_000 });
        assert!(out.contains(&Command::Announce(News::Planned)));
        assert_eq!(e.offset("http://localhost:9000"), 5_000, "kept for the endpoint, for every view");
        // Shanghai left out: the load takes Hangzhou's two files, with the correction.
        send(&mut t, &mut e, Event::ToggleRegion("cn-shanghai".into()));
        let out = send(&mut t, &mut e, Event::Ask(Intent::Load));
        let [Command::Load(load)] = &out[..] else { panic!("{out:?}") };
        assert_eq!(
            load.plan.files.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(),
            [plan().files[0].key.as_str(), plan().files[2].key.as_str()]
        );
        assert_eq!((load.offset_ms, load.prefix.as_str(), load.confirmed.as_deref()), (5_000, "actiontrail", None));
        assert!(t.loading());
        // A second Load or List while loading does nothing.
        assert!(send(&mut t, &mut e, Event::Ask(Intent::Load)).is_empty());
        assert!(send(&mut t, &mut e, Event::Ask(Intent::List)).is_empty());
        let p = LoadProgress { files_total: 2, files_loaded: 1, ..Default::default() };
        send(&mut t, &mut e, Event::Progress(p));
        assert_eq!(t.progress, Some(p));
        // Cancel goes to the worker; its answer ends the load.
        assert_eq!(send(&mut t, &mut e, Event::Cancel), vec![Command::StopLoad]);
        assert!(t.loading(), "until the worker says how it ended");
        let out = send(
            &mut t,
            &mut e,
            Event::Loaded { failures: vec![], end: LoadEnd::Cancelled, progress: p, offset_ms: 5_000 },
        );
        assert!(out.contains(&Command::Announce(News::Ended(LoadEnd::Cancelled))));
        assert_eq!((t.busy.clone(), t.end.clone()), (None, Some(LoadEnd::Cancelled)));
        // A late progress notice after the end changes nothing.
        send(&mut t, &mut e, Event::Progress(LoadProgress::default()));
        assert_eq!(t.progress, Some(p));
    }

    #[test]
    fn a_cancelled_or_outdated_listing_never_lands() {
        let mut e = Endpoints::default();
        let mut t = TrailSource::new(NOW);
        send(&mut t, &mut e, Event::UseEmulator { now_ms: NOW });
        let Command::List { call: first, .. } = send(&mut t, &mut e, Event::Ask(Intent::List)).remove(0) else {
            panic!()
        };
        let out = send(&mut t, &mut e, Event::Cancel);
        assert_eq!(out[0], Command::StopListing);
        assert_eq!(t.error.as_deref(), Some(&TrailError::Cancelled));
        assert!(send(&mut t, &mut e, Event::Planned { call: first, plan: Ok(plan()), offset_ms: 0 }).is_empty());
        assert!(t.plan.is_none());
        // A listing for another prefix: the answer for the old form is dropped.
        let Command::List { call: second, .. } = send(&mut t, &mut e, Event::Ask(Intent::List)).remove(0) else {
            panic!()
        };
        assert_eq!(
            send(&mut t, &mut e, Event::Prefix("other".into())),
            vec![Command::StopListing],
            "the old listing stops"
        );
        assert!(t.busy.is_none());
        send(&mut t, &mut e, Event::Planned { call: second, plan: Ok(plan()), offset_ms: 0 });
        assert!(t.plan.is_none());
        // A plan is dropped when the form changes after it.
        let Command::List { call: third, .. } = send(&mut t, &mut e, Event::Ask(Intent::List)).remove(0) else {
            panic!()
        };
        send(&mut t, &mut e, Event::Planned { call: third, plan: Ok(plan()), offset_ms: 0 });
        assert!(t.plan.is_some());
        send(&mut t, &mut e, Event::Edit(PlaceEdit::Region("cn-beijing".into())));
        assert!(t.plan.is_none() && send(&mut t, &mut e, Event::Ask(Intent::Load)).is_empty());
    }

    #[test]
    fn bad_dates_and_unknown_endpoints_send_nothing() {
        let mut e = Endpoints::default();
        let mut t = TrailSource::new(NOW);
        send(&mut t, &mut e, Event::UseEmulator { now_ms: NOW });
        send(&mut t, &mut e, Event::From("2025-11-21".into()));
        let out = send(&mut t, &mut e, Event::Ask(Intent::List));
        assert!(matches!(&out[..], [Command::Announce(News::Error(_))]));
        assert_eq!(t.error.as_ref().unwrap().code(), "InvalidRange");
        send(&mut t, &mut e, Event::From("2025-11-19".into()));
        send(&mut t, &mut e, Event::Edit(PlaceEdit::Endpoint("https://gw.example".into())));
        send(&mut t, &mut e, Event::Edit(PlaceEdit::Addressing(console_core::oss::request::Addressing::PathStyle)));
        assert!(send(&mut t, &mut e, Event::Ask(Intent::List)).is_empty());
        assert_eq!(t.confirm, Some(("https://gw.example".into(), Intent::List)));
        let out = send(&mut t, &mut e, Event::Confirm(true));
        assert!(matches!(&out[..], [Command::RememberConfirmed(o), Command::List { .. }] if o == "https://gw.example"));
        // The worker is told the user confirmed it.
        let Command::List { call, .. } = out[1].clone() else { panic!() };
        send(&mut t, &mut e, Event::Planned { call, plan: Ok(plan()), offset_ms: 0 });
        let out = send(&mut t, &mut e, Event::Ask(Intent::Load));
        let [Command::Load(load)] = &out[..] else { panic!("{out:?}") };
        assert_eq!(load.confirmed.as_deref(), Some("https://gw.example"));
    }

    #[test]
    fn a_worker_that_dies_mid_load_ends_it() {
        let mut e = Endpoints::default();
        let mut t = TrailSource::new(NOW);
        send(&mut t, &mut e, Event::UseEmulator { now_ms: NOW });
        let Command::List { call, .. } = send(&mut t, &mut e, Event::Ask(Intent::List)).remove(0) else { panic!() };
        send(&mut t, &mut e, Event::Planned { call, plan: Ok(plan()), offset_ms: 0 });
        send(&mut t, &mut e, Event::Ask(Intent::Load));
        let out = send(&mut t, &mut e, Event::WorkerStopped);
        assert_eq!(out, vec![Command::Announce(News::Ended(LoadEnd::WorkerStopped))]);
        assert_eq!((t.busy.clone(), t.end.clone()), (None, Some(LoadEnd::WorkerStopped)));
        // Load again: the same chosen plan goes to the new worker, as a new load.
        let out = send(&mut t, &mut e, Event::Ask(Intent::Load));
        assert!(matches!(&out[..], [Command::Load(l)] if l.id == 2), "{out:?}");
        // A Clear of the explorer ends it: its answers are not wanted.
        send(&mut t, &mut e, Event::Cleared);
        assert_eq!((t.busy.clone(), t.end.clone()), (None, Some(LoadEnd::Cancelled)));
    }
}
