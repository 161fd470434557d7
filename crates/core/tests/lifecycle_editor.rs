//! The lifecycle editor driven as the shell drives it: open (read), a new rule, review (the
//! change rule by rule), confirm (write), and each way a write ends; stale answers dropped.

use console_core::oss::error::Operation;
use console_core::oss::lifecycle_config::{self as lc, Invalid, RuleChange, StorageClass};
use console_core::oss::session::{Failed, Failure, LifecycleWrite};
use console_core::screens::lifecycle::{Command, Editor, Ended, Event, FormProblem, Prefill, Stage};

mod scripted;
use scripted::{emulator_place, update};

const CONFIG: &str = "<LifecycleConfiguration><Rule><ID>keep</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><Filter><Not><Prefix>tmp/keep/</Prefix></Not></Filter><Expiration><Days>7</Days></Expiration></Rule><Rule><ID>atime-1</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition><AtimeBase>1</AtimeBase></Rule></LifecycleConfiguration>";

fn opened() -> Editor {
    let mut e = Editor::default();
    let out = update(&mut e, Event::Open { place: emulator_place("demo-cold"), new_rule: None });
    let Some(Command::Read { call, .. }) = out.first() else { panic!("{out:?}") };
    update(&mut e, Event::Read { call: *call, result: Ok(lc::parse(CONFIG).unwrap()) });
    assert_eq!(e.stage, Stage::Editing);
    e
}

#[test]
fn a_new_rule_is_reviewed_rule_by_rule_then_written_over_what_was_shown() {
    let mut e = opened();
    update(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    assert_eq!(rule.id, "atime-rule-1");
    rule.prefix = "media/".into();
    rule.days = 90;
    rule.storage_class = StorageClass::Archive;
    update(&mut e, Event::Form(rule.clone()));
    // Reviewed straight from the form: the rule is taken into the draft first.
    update(&mut e, Event::Review { tracking_enabled: true });
    assert_eq!(e.form, None);
    let Stage::Reviewing(changes) = &e.stage else { panic!("{:?}", e.stage) };
    assert!(
        matches!(changes.as_slice(), [RuleChange::Unchanged(_), RuleChange::Unchanged(_), RuleChange::Added(_)]),
        "{changes:?}"
    );
    assert!(update(&mut e, Event::Confirm).is_empty(), "no write before the go-ahead is asked");
    update(&mut e, Event::Apply);
    assert!(matches!(e.stage, Stage::Confirming(_)));
    let out = update(&mut e, Event::Confirm);
    let Some(Command::Write { call, base, new, .. }) = out.first() else { panic!("{out:?}") };
    assert_eq!(**base, lc::parse(CONFIG).unwrap(), "the write checks against what was shown");
    assert!(lc::rules(new).iter().any(|r| r.editable.as_ref() == Some(&rule)));
    let back = lc::parse(&lc::write(&lc::for_put(new))).unwrap();
    update(
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
    update(&mut e, Event::EditRule("atime-1".into()));
    let mut rule = e.form.clone().unwrap();
    rule.storage_class = StorageClass::Archive;
    rule.return_to_std = true;
    update(&mut e, Event::Form(rule));
    update(&mut e, Event::SaveRule);
    assert!(update(&mut e, Event::Review { tracking_enabled: true }).is_empty());
    assert_eq!(e.ended, Some(Ended::Invalid(vec![Invalid::ReturnNeedsIa("atime-1".into())])));
    assert_eq!(e.ended.as_ref().unwrap().reason(), "invalid");
    // Tracking off: refused too.
    let mut e = opened();
    update(&mut e, Event::Review { tracking_enabled: false });
    assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some("invalid"));
    // The rule the editor cannot represent is not offered.
    update(&mut e, Event::EditRule("keep".into()));
    assert_eq!(e.form, None);

    // A change since it was shown; a read-back that differs; a refusal; an older answer.
    for (result, reason) in [
        (Ok(LifecycleWrite::Changed(lc::parse(CONFIG).unwrap())), "changed"),
        (Ok(LifecycleWrite::Written { read_back: lc::parse(CONFIG).unwrap(), matches: false }), "mismatch"),
        (Ok(LifecycleWrite::Unverified(Failure::Timeout { origin: "o".into() })), "unverified"),
        (
            Err(Failed { op: Operation::PutBucketLifecycle, failure: Failure::Timeout { origin: "o".into() } }),
            "Timeout",
        ),
    ] {
        let mut e = opened();
        update(&mut e, Event::SetEnabled("atime-1".into(), false));
        update(&mut e, Event::Review { tracking_enabled: true });
        update(&mut e, Event::Apply);
        let out = update(&mut e, Event::Confirm);
        let Some(Command::Write { call, .. }) = out.first() else { panic!() };
        update(
            &mut e,
            Event::Written { call: call + 7, result: Ok(LifecycleWrite::Changed(lc::parse(CONFIG).unwrap())) },
        );
        assert_eq!(e.stage, Stage::Writing, "an answer to another call is not this one");
        update(&mut e, Event::Written { call: *call, result });
        assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some(reason));
    }
}

#[test]
fn the_form_is_checked_when_kept_and_a_rule_can_start_from_the_cold_data_view() {
    let mut e = opened();
    // Nothing changed: nothing to apply.
    update(&mut e, Event::Review { tracking_enabled: true });
    update(&mut e, Event::Apply);
    assert!(matches!(e.stage, Stage::Reviewing(_)), "{:?}", e.stage);
    update(&mut e, Event::BackToEdit);
    // An ID another rule has, and no days: the form stays, with what to fix.
    update(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    rule.id = "keep".into();
    update(&mut e, Event::Form(rule.clone()));
    update(&mut e, Event::SaveRule);
    assert_eq!(e.form_problem, Some(FormProblem::IdTaken("keep".into())));
    assert_eq!(e.form.as_ref(), Some(&rule));
    rule.id = "new".into();
    rule.days = 0;
    update(&mut e, Event::Form(rule.clone()));
    update(&mut e, Event::SaveRule);
    assert_eq!(e.form_problem, Some(FormProblem::NoDays));
    // Review with the form open takes its rule first, or stays with what to fix.
    update(&mut e, Event::Review { tracking_enabled: true });
    assert_eq!(e.stage, Stage::Editing);
    assert_eq!(e.form_problem, Some(FormProblem::NoDays));
    update(&mut e, Event::DropForm);
    assert_eq!((e.form.as_ref(), e.form_problem.as_ref()), (None, None));
    assert_eq!(lc::rules(e.draft.as_ref().unwrap()).len(), 2, "a dropped form changes nothing");
    // Disabling is a change of that rule only.
    update(&mut e, Event::SetEnabled("atime-1".into(), false));
    update(&mut e, Event::SetEnabled("keep".into(), false));
    update(&mut e, Event::Review { tracking_enabled: true });
    let Stage::Reviewing(changes) = &e.stage else { panic!("{:?}", e.stage) };
    assert!(matches!(changes.as_slice(), [RuleChange::Unchanged(k), RuleChange::Changed { .. }] if k == "keep"));

    // From the cold-data view: the new rule starts with its prefix and days.
    let mut e = Editor::default();
    let prefill = Prefill { prefix: "data/media/".into(), days: 90, allow_small_file: true };
    let out = update(&mut e, Event::Open { place: emulator_place("demo-cold"), new_rule: Some(prefill) });
    let Some(Command::Read { call, .. }) = out.first() else { panic!("{out:?}") };
    assert!(e.form.is_none(), "the form waits for the configuration");
    update(&mut e, Event::Read { call: *call, result: Ok(lc::parse(CONFIG).unwrap()) });
    let form = e.form.clone().unwrap();
    assert_eq!((form.prefix.as_str(), form.days, form.allow_small_file), ("data/media/", 90, true));
    assert_eq!(e.editing, None);
    // With the editor open, the draft is kept and the new rule starts from the values.
    update(&mut e, Event::DropForm);
    update(&mut e, Event::DeleteRule("atime-1".into()));
    update(&mut e, Event::NewRuleFrom(Prefill { prefix: "data/x/".into(), days: 0, allow_small_file: false }));
    assert_eq!(e.form.as_ref().map(|f| (f.prefix.as_str(), f.days)), Some(("data/x/", 1)));
    assert_eq!(lc::rules(e.draft.as_ref().unwrap()).len(), 1, "the draft's deletion is kept");
}

#[test]
fn the_form_and_the_list_agree_and_untouched_rules_are_not_this_changes_to_fix() {
    // Disabled from the list while the same rule is in the form: keeping the form keeps it off.
    let mut e = opened();
    update(&mut e, Event::EditRule("atime-1".into()));
    update(&mut e, Event::SetEnabled("atime-1".into(), false));
    update(&mut e, Event::Review { tracking_enabled: true });
    let Stage::Reviewing(changes) = &e.stage else { panic!("{:?}", e.stage) };
    assert!(matches!(changes.as_slice(), [RuleChange::Unchanged(_), RuleChange::Changed { .. }]), "{changes:?}");

    // A rule opened and kept as it was is not a change (even if OSS wrote it in another order).
    const REORDERED: &str = "<LifecycleConfiguration><Rule><ID>a</ID><Status>Enabled</Status><Prefix>x/</Prefix><Transition><StorageClass>IA</StorageClass><Days>30</Days><IsAccessTime>true</IsAccessTime></Transition></Rule></LifecycleConfiguration>";
    let mut e = Editor::default();
    let out = update(&mut e, Event::Open { place: emulator_place("demo-cold"), new_rule: None });
    let Some(Command::Read { call, .. }) = out.first() else { panic!() };
    update(&mut e, Event::Read { call: *call, result: Ok(lc::parse(REORDERED).unwrap()) });
    update(&mut e, Event::EditRule("a".into()));
    assert!(e.form.is_some());
    update(&mut e, Event::Review { tracking_enabled: true });
    let Stage::Reviewing(changes) = &e.stage else { panic!("{:?}", e.stage) };
    assert_eq!(changes, &vec![RuleChange::Unchanged("a".into())]);

    // A rule needs an ID.
    update(&mut e, Event::BackToEdit);
    update(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    rule.id = "  ".into();
    update(&mut e, Event::Form(rule));
    update(&mut e, Event::SaveRule);
    assert_eq!(e.form_problem, Some(FormProblem::NoId));

    // Two rules that already overlapped (OSS took them) do not block another change; a new
    // rule overlapping one of them does.
    const OVERLAPPING: &str = "<LifecycleConfiguration><Rule><ID>p</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>9</Days></Expiration></Rule><Rule><ID>q</ID><Prefix>logs/old/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule></LifecycleConfiguration>";
    let mut e = Editor::default();
    let out = update(&mut e, Event::Open { place: emulator_place("demo-cold"), new_rule: None });
    let Some(Command::Read { call, .. }) = out.first() else { panic!() };
    update(&mut e, Event::Read { call: *call, result: Ok(lc::parse(OVERLAPPING).unwrap()) });
    update(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    rule.prefix = "media/".into();
    update(&mut e, Event::Form(rule.clone()));
    update(&mut e, Event::Review { tracking_enabled: true });
    assert!(matches!(e.stage, Stage::Reviewing(_)), "{:?} {:?}", e.stage, e.ended);
    update(&mut e, Event::BackToEdit);
    update(&mut e, Event::NewRule);
    let mut rule = e.form.clone().unwrap();
    rule.prefix = "media/2024/".into();
    update(&mut e, Event::Form(rule));
    update(&mut e, Event::Review { tracking_enabled: true });
    assert_eq!(e.ended.as_ref().map(Ended::reason).as_deref(), Some("invalid"));
}
