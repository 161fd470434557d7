//! The lifecycle editor driven as the shell drives it: open (read), a new rule, review (the
//! change rule by rule), confirm (write), and each way a write ends; stale answers dropped.

use console_core::oss::credentials::Credentials;
use console_core::oss::lifecycle_config::{self as lc, Invalid, RuleChange, StorageClass};
use console_core::oss::place::{BucketPlace, Endpoints};
use console_core::oss::request::Addressing;
use console_core::oss::session::{Failure, LifecycleWrite};
use console_core::screens::lifecycle::{Command, Editor, Ended, Event, Stage};
use console_core::screens::{Env, Screen};

const CONFIG: &str = "<LifecycleConfiguration><Rule><ID>keep</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Filter><Not><Prefix>tmp/keep/</Prefix></Not></Filter><Expiration><Days>7</Days></Expiration></Rule><Rule><ID>atime-1</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition><AtimeBase>1</AtimeBase></Rule></LifecycleConfiguration>";

fn creds() -> Credentials {
    Credentials {
        access_key_id: "STS.K".into(),
        access_key_secret: "s".into(),
        security_token: Some("t".into()),
        expiration_ms: None,
    }
}

fn place() -> BucketPlace {
    BucketPlace {
        bucket: "demo-cold".into(),
        endpoint: "http://127.0.0.1:9000".into(),
        addressing: Addressing::PathStyle,
        ..BucketPlace::default()
    }
}

fn send(e: &mut Editor, ev: Event) -> Vec<Command> {
    let (c, endpoints) = (creds(), Endpoints::default());
    e.update(ev, Env { credentials: &c, endpoints: &endpoints })
}

fn opened() -> Editor {
    let mut e = Editor::default();
    let out = send(&mut e, Event::Open { place: place() });
    let Some(Command::Read { call, .. }) = out.first() else { panic!("{out:?}") };
    send(&mut e, Event::Read { call: *call, result: Ok(lc::parse(CONFIG).unwrap()) });
    assert_eq!(e.stage, Stage::Editing);
    e
}

#[test]
fn a_new_rule_is_reviewed_rule_by_rule_then_written_over_what_was_shown() {
    let mut e = opened();
    send(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    assert_eq!(rule.id, "atime-rule-1");
    rule.prefix = "media/".into();
    rule.days = 90;
    rule.storage_class = StorageClass::Archive;
    send(&mut e, Event::Form(rule.clone()));
    send(&mut e, Event::SaveRule);
    send(&mut e, Event::Review { tracking_enabled: true });
    let Stage::Reviewing(changes) = &e.stage else { panic!("{:?}", e.stage) };
    assert!(
        matches!(changes.as_slice(), [RuleChange::Unchanged(_), RuleChange::Unchanged(_), RuleChange::Added(_)]),
        "{changes:?}"
    );
    let out = send(&mut e, Event::Confirm);
    let Some(Command::Write { call, base, new, .. }) = out.first() else { panic!("{out:?}") };
    assert_eq!(**base, lc::parse(CONFIG).unwrap(), "the write checks against what was shown");
    assert!(lc::rules(new).iter().any(|r| r.editable.as_ref() == Some(&rule)));
    let back = lc::parse(&lc::write(&lc::for_put(new))).unwrap();
    send(
        &mut e,
        Event::Written { call: *call, result: Ok(LifecycleWrite::Written { read_back: back, matches: true }) },
    );
    assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some("ok"));
    assert_eq!(e.stage, Stage::Editing);
}

#[test]
fn invalid_changes_are_refused_before_any_request_and_each_end_is_named() {
    let mut e = opened();
    // Back to Standard when read, for Archive: refused at review.
    send(&mut e, Event::EditRule("atime-1".into()));
    let mut rule = e.form.clone().unwrap();
    rule.storage_class = StorageClass::Archive;
    rule.return_to_std = true;
    send(&mut e, Event::Form(rule));
    send(&mut e, Event::SaveRule);
    assert!(send(&mut e, Event::Review { tracking_enabled: true }).is_empty());
    assert_eq!(e.ended, Some(Ended::Invalid(vec![Invalid::ReturnNeedsIa("atime-1".into())])));
    assert_eq!(e.ended.as_ref().unwrap().reason(), "invalid");
    // Tracking off: refused too.
    let mut e = opened();
    send(&mut e, Event::Review { tracking_enabled: false });
    assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some("invalid"));
    // The rule the editor cannot represent is not offered.
    send(&mut e, Event::EditRule("keep".into()));
    assert_eq!(e.form, None);

    // A change since it was shown; a read-back that differs; a refusal; an older answer.
    for (result, reason) in [
        (Ok(LifecycleWrite::Changed(lc::parse(CONFIG).unwrap())), "changed"),
        (Ok(LifecycleWrite::Written { read_back: lc::parse(CONFIG).unwrap(), matches: false }), "mismatch"),
        (Err(Failure::Timeout { origin: "o".into() }), "Timeout"),
    ] {
        let mut e = opened();
        send(&mut e, Event::Review { tracking_enabled: true });
        let out = send(&mut e, Event::Confirm);
        let Some(Command::Write { call, .. }) = out.first() else { panic!() };
        send(
            &mut e,
            Event::Written { call: call + 7, result: Ok(LifecycleWrite::Changed(lc::parse(CONFIG).unwrap())) },
        );
        assert_eq!(e.stage, Stage::Writing, "an answer to another call is not this one");
        send(&mut e, Event::Written { call: *call, result });
        assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some(reason));
    }
}
