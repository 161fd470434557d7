//! Target `lifecycle`: lifecycle configurations kept as written. A body built from choices (the
//! documented elements and made-up ones, attributes, entities, CDATA, odd text, cuts) or raw text
//! is parsed; what parses must write back to the same tree, leave only `AtimeBase` out of a
//! write, diff as unchanged against itself, and validate and edit without panicking. Then the
//! editor's screen model is driven over it with any sequence of events: whatever the person does,
//! every rule the editor cannot represent stays in the draft, and in what a write would send,
//! exactly as read.

use super::Choices;
use crate::oss::lifecycle_config::{self as lc, AtimeRule, RuleChange, StorageClass};

const NAMES: &[&str] = &[
    "Rule",
    "ID",
    "Prefix",
    "Status",
    "Transition",
    "Days",
    "StorageClass",
    "IsAccessTime",
    "ReturnToStdWhenVisit",
    "AllowSmallFile",
    "AtimeBase",
    "Tag",
    "Key",
    "Value",
    "Filter",
    "Not",
    "Expiration",
    "CreatedBeforeDate",
    "NoncurrentVersionTransition",
    "AbortMultipartUpload",
    "Future",
    "a:b",
];
const TEXTS: &[&str] = &[
    "Enabled",
    "true",
    "30",
    "IA",
    "logs/",
    "&amp;",
    "&lt;",
    "&#x65E5;",
    "<![CDATA[x<y]]>",
    " ",
    "\n",
    "日志",
    "&bogus;",
    "0",
];

fn element(c: &mut Choices, depth: u32, out: &mut String) {
    let name = *c.pick(NAMES);
    out.push('<');
    out.push_str(name);
    if c.chance(15) {
        out.push_str(&format!(" k=\"{}\"", c.pick(TEXTS)));
    }
    if c.chance(10) {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for _ in 0..c.below(if depth < 5 { 4 } else { 1 }) {
        if c.flag() {
            let piece: &str = if c.chance(90) { TEXTS[c.below(TEXTS.len())] } else { "<" };
            out.push_str(piece);
        } else {
            element(c, depth + 1, out);
        }
    }
    if c.chance(97) {
        out.push_str(&format!("</{name}>"));
    }
}

/// The editor's screen driven by choices over `tree`; rules it cannot represent must survive.
fn drive_editor(c: &mut Choices, tree: &lc::Node) {
    use crate::oss::credentials::Credentials;
    use crate::oss::place::{BucketPlace, Endpoints};
    use crate::oss::request::Addressing;
    use crate::screens::lifecycle::{Command, Editor, Event, Prefill};
    use crate::screens::{Env, Screen};
    let creds = Credentials {
        access_key_id: "STS.fuzz".into(),
        access_key_secret: "secret".into(),
        security_token: Some("token".into()),
        expiration_ms: None,
    };
    let endpoints = Endpoints::default();
    let env = Env { credentials: &creds, endpoints: &endpoints };
    let place = BucketPlace {
        bucket: "demo-cold".into(),
        endpoint: "http://127.0.0.1:9000".into(),
        addressing: Addressing::PathStyle,
        ..BucketPlace::default()
    };
    let fixed: Vec<lc::Node> = lc::rules(tree).into_iter().filter(|r| r.editable.is_none()).map(|r| r.node).collect();
    // What a write sends leaves AtimeBase out (the documented exception), so a rule is kept when
    // it is sent as read without it.
    let fixed_put: Vec<lc::Node> = fixed.iter().map(lc::for_put).collect();
    let kept_in = |n: &lc::Node, rules: &[lc::Node], what: &str| {
        let now = lc::rules(n);
        for f in rules {
            assert!(now.iter().any(|r| lc::same(&r.node, f)), "{what} lost or changed {}", lc::element_xml(f));
        }
    };
    let kept = |n: &lc::Node, what: &str| kept_in(n, &fixed, what);
    let mut e = Editor::default();
    let out = e.update(Event::Open { place, new_rule: None }, env);
    let Some(Command::Read { call, .. }) = out.first() else { panic!("no read: {out:?}") };
    e.update(Event::Read { call: *call, result: Ok(tree.clone()) }, env);
    let ids: Vec<String> = lc::rules(tree).into_iter().map(|r| r.id).chain(["new".to_string()]).collect();
    for _ in 0..c.below(24) {
        let id = ids[c.below(ids.len())].clone();
        let event = match c.below(13) {
            0 => Event::NewRule,
            1 => Event::EditRule(id),
            2 => {
                let Some(mut r) = e.form.clone() else { continue };
                match c.below(5) {
                    0 => r.id = c.pick(&["new", "", "x"]).to_string(),
                    1 => r.prefix = c.pick(TEXTS).to_string(),
                    2 => r.days = c.range(0, 40) as u32,
                    3 => {
                        r.storage_class = *c.pick(&[StorageClass::IA, StorageClass::Archive, StorageClass::ColdArchive])
                    }
                    _ => r.enabled = c.flag(),
                }
                Event::Form(r)
            }
            3 => Event::SaveRule,
            4 => Event::DropForm,
            5 => Event::SetEnabled(id, c.flag()),
            6 => Event::DeleteRule(id),
            7 => Event::Review { tracking_enabled: c.flag() },
            8 => Event::BackToEdit,
            9 => Event::Apply,
            10 => Event::Confirm,
            11 => Event::NewRuleFrom(Prefill {
                prefix: c.pick(TEXTS).to_string(),
                days: c.range(0, 9) as u32,
                allow_small_file: c.flag(),
            }),
            _ => Event::Close,
        };
        for cmd in e.update(event, env) {
            if let Command::Write { new, base, .. } = cmd {
                kept(&new, "a write");
                let body = lc::parse(&lc::write(&lc::for_put(&new))).expect("a write parses");
                kept_in(&body, &fixed_put, "a write's body");
                assert_eq!(*base, *tree, "a write checked against something else than what was shown");
            }
        }
        if let Some(draft) = &e.draft {
            kept(draft, "the draft");
        }
    }
}

pub fn exercise(data: &[u8]) {
    let mut c = Choices::new(data);
    let body = if c.chance(20) {
        c.text(2000)
    } else {
        let mut s = String::from("<?xml version=\"1.0\"?><LifecycleConfiguration>");
        for _ in 0..c.below(6) {
            element(&mut c, 1, &mut s);
        }
        s.push_str("</LifecycleConfiguration>");
        s
    };
    let Ok(tree) = lc::parse(&body) else { return };
    let written = lc::write(&tree);
    let back = lc::parse(&written).unwrap_or_else(|e| panic!("what was written does not parse ({e}): {written}"));
    assert_eq!(back, tree, "written and read back differ: {written}");
    let put = lc::for_put(&tree);
    fn has_atime_base(n: &lc::Node) -> bool {
        n.elements().any(|e| e.name == "AtimeBase" || has_atime_base(e))
    }
    assert!(!has_atime_base(&put), "AtimeBase written");
    assert_eq!(lc::for_put(&put), put);
    assert!(
        lc::diff(&tree, &put).iter().all(|d| matches!(d, RuleChange::Unchanged(_))),
        "a change where none was made"
    );
    let _ = lc::validate(&tree, c.flag());
    if c.flag() {
        drive_editor(&mut c, &tree);
        return;
    }
    let mut edited = tree.clone();
    let rule = AtimeRule {
        id: c.pick(&["atime-logs", "r", "ID"]).to_string(),
        prefix: c.pick(TEXTS).to_string(),
        tags: vec![],
        enabled: c.flag(),
        days: c.range(1, 400) as u32,
        storage_class: *c.pick(&[StorageClass::IA, StorageClass::Archive, StorageClass::ColdArchive]),
        return_to_std: c.flag(),
        allow_small_file: c.flag(),
    };
    // A new rule, or in place of an editable one (renamed or not).
    let editable: Vec<String> = lc::rules(&tree).into_iter().filter(|r| r.editable.is_some()).map(|r| r.id).collect();
    let original =
        if c.flag() && !editable.is_empty() { Some(editable[c.below(editable.len())].clone()) } else { None };
    if lc::upsert(&mut edited, original.as_deref(), &rule).is_ok() {
        let round = lc::parse(&lc::write(&lc::for_put(&edited))).expect("an edited configuration parses");
        assert!(
            lc::rules(&round).iter().any(|r| r.editable.as_ref() == Some(&rule)),
            "the rule written is not read back"
        );
        // Every other rule is kept exactly.
        let changed = lc::diff(&tree, &edited).iter().filter(|d| !matches!(d, RuleChange::Unchanged(_))).count();
        assert!(changed <= 2, "{changed} rules changed by one edit");
        assert!(!lc::diff(&tree, &edited).contains(&RuleChange::Outside), "an edit touched more than its rule");
        // An editable rule reads back as itself: nothing the form does not show.
        for r in lc::rules(&round).iter().filter_map(|r| r.editable.clone()) {
            let again = lc::AtimeRule::from_node(&r.to_node()).expect("what the editor writes it can read");
            assert_eq!(again, r);
        }
    }
}
