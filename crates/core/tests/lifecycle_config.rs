//! The lifecycle configuration kept as written: documented and generated configurations round
//! trip; the editor changes only its own rules; validation as OSS does; the diff rule by rule.

use console_core::oss::lifecycle_config::{
    self as lc, for_put, parse, rules, same, upsert, validate, write, AtimeRule, Child, Invalid, Node, RuleChange,
    StorageClass,
};

/// Every element the issue names, as OSS documents them, and one from a later release.
const EVERY_ELEMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<LifecycleConfiguration>
  <Rule>
    <ID>atime-logs</ID>
    <Prefix>logs/</Prefix>
    <Status>Enabled</Status>
    <Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime><ReturnToStdWhenVisit>true</ReturnToStdWhenVisit><AllowSmallFile>false</AllowSmallFile></Transition>
    <AtimeBase>1631698332</AtimeBase>
  </Rule>
  <Rule>
    <ID>filtered &amp; tagged</ID>
    <Prefix>data/</Prefix>
    <Tag><Key>team</Key><Value>日志</Value></Tag>
    <Filter><Not><Prefix>data/keep/</Prefix><Tag><Key>hold</Key><Value>yes</Value></Tag></Not></Filter>
    <Status>Enabled</Status>
    <Expiration><CreatedBeforeDate>2023-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>
    <AbortMultipartUpload><Days>7</Days></AbortMultipartUpload>
  </Rule>
  <Rule>
    <ID>versions</ID>
    <Prefix>archive/</Prefix>
    <Status>Disabled</Status>
    <NoncurrentVersionTransition><NoncurrentDays>60</NoncurrentDays><StorageClass>Archive</StorageClass></NoncurrentVersionTransition>
    <NoncurrentVersionExpiration><NoncurrentDays>365</NoncurrentDays></NoncurrentVersionExpiration>
    <FutureElement mode="strict">kept <b>as is</b> &lt;even this&gt;</FutureElement>
  </Rule>
</LifecycleConfiguration>"#;

#[test]
fn a_configuration_with_every_element_round_trips_and_only_atime_base_is_left_out_of_a_write() {
    let read = parse(EVERY_ELEMENT).unwrap();
    let again = parse(&write(&read)).unwrap();
    assert_eq!(again, read, "written and read back: the same tree");
    let put = for_put(&read);
    let sent = write(&put);
    assert!(!sent.contains("AtimeBase"));
    for kept in [
        "<Not>",
        "data/keep/",
        "<Tag><Key>team</Key><Value>日志</Value></Tag>",
        "NoncurrentVersionTransition",
        "AbortMultipartUpload",
        "<FutureElement mode=\"strict\">kept <b>as is</b> &lt;even this&gt;</FutureElement>",
        "filtered &amp; tagged",
        "CreatedBeforeDate",
    ] {
        assert!(sent.contains(kept), "{kept} missing from {sent}");
    }
    // Nothing changed: the diff says every rule is unchanged.
    assert_eq!(lc::diff(&read, &put).into_iter().filter(|c| !matches!(c, RuleChange::Unchanged(_))).count(), 0);
    let views = rules(&read);
    assert_eq!(views.iter().map(|r| r.editable.is_some()).collect::<Vec<_>>(), [true, false, false]);
    let atime = views[0].editable.clone().unwrap();
    assert_eq!((atime.days, atime.storage_class, atime.return_to_std), (30, StorageClass::IA, true));
}

#[test]
fn a_new_rule_is_added_and_every_other_rule_is_kept_exactly() {
    let mut cfg = parse(EVERY_ELEMENT).unwrap();
    let before = cfg.clone();
    let rule = AtimeRule {
        id: "cold-media".into(),
        prefix: "media/".into(),
        tags: vec![],
        enabled: true,
        days: 90,
        storage_class: StorageClass::Archive,
        return_to_std: false,
        allow_small_file: true,
    };
    upsert(&mut cfg, None, &rule).unwrap();
    // A new rule under an ID in use is refused (it would replace that rule).
    assert!(upsert(&mut cfg.clone(), None, &AtimeRule { id: "atime-logs".into(), ..rule.clone() }).is_err());
    let changes = lc::diff(&before, &cfg);
    assert!(
        matches!(
            &changes[..],
            [RuleChange::Unchanged(_), RuleChange::Unchanged(_), RuleChange::Unchanged(_), RuleChange::Added(_)]
        ),
        "{changes:?}"
    );
    let round = parse(&write(&for_put(&cfg))).unwrap();
    assert_eq!(rules(&round).last().unwrap().editable.as_ref(), Some(&rule));
    // Editing the access-time rule changes only it; a rule the editor cannot represent is refused.
    let mut edited = rules(&cfg)[0].editable.clone().unwrap();
    edited.days = 45;
    upsert(&mut cfg, Some("atime-logs"), &edited).unwrap();
    let changes = lc::diff(&before, &cfg);
    assert_eq!(changes.iter().filter(|c| matches!(c, RuleChange::Changed { .. })).count(), 1);
    let mut fake = edited.clone();
    fake.id = "versions".into();
    assert!(upsert(&mut cfg, Some("versions"), &fake).is_err());
    // Renamed: the same rule, not a copy beside the old one.
    let mut renamed = edited.clone();
    renamed.id = "atime-logs-2".into();
    upsert(&mut cfg, Some("atime-logs"), &renamed).unwrap();
    assert!(!rules(&cfg).iter().any(|r| r.id == "atime-logs"));
    upsert(&mut cfg, Some("atime-logs-2"), &edited).unwrap();
    assert!(lc::remove(&mut cfg, "versions").is_err());
    lc::remove(&mut cfg, "cold-media").unwrap();
    assert_eq!(rules(&cfg).len(), 3);
}

#[test]
fn validation_says_what_oss_would_refuse() {
    let cfg = |rules: &str| parse(&format!("<LifecycleConfiguration>{rules}</LifecycleConfiguration>")).unwrap();
    let atime = |id: &str, prefix: &str, extra: &str| {
        format!("<Rule><ID>{id}</ID><Prefix>{prefix}</Prefix><Status>Enabled</Status><Transition>{extra}<StorageClass>Archive</StorageClass><IsAccessTime>true</IsAccessTime></Transition></Rule>")
    };
    let ok = cfg(&atime("a", "logs/", "<Days>30</Days>"));
    assert_eq!(validate(&ok, true), []);
    assert_eq!(validate(&ok, false), [Invalid::TrackingOff]);
    assert!(validate(&cfg(&atime("a", "x/", "<CreatedBeforeDate>2023-01-01T00:00:00.000Z</CreatedBeforeDate>")), true)
        .contains(&Invalid::CreatedBeforeDate("a".into())));
    assert!(validate(&cfg(&atime("a", "x/", "<CreatedBeforeDate>2023-01-01T00:00:00.000Z</CreatedBeforeDate>")), true)
        .contains(&Invalid::NoDays("a".into())));
    let ret = "<Rule><ID>r</ID><Prefix>p/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>Archive</StorageClass><IsAccessTime>true</IsAccessTime><ReturnToStdWhenVisit>true</ReturnToStdWhenVisit></Transition></Rule>";
    assert_eq!(validate(&cfg(ret), true), [Invalid::ReturnNeedsIa("r".into())]);
    let two = format!("{}{}", atime("a", "logs/", "<Days>30</Days>"), atime("b", "logs/2025/", "<Days>60</Days>"));
    assert_eq!(validate(&cfg(&two), true), [Invalid::Overlap("a".into(), "b".into())]);
    // Different actions may overlap: a whole-bucket expiration beside an access-time transition.
    let expire_all =
        "<Rule><ID>e</ID><Prefix></Prefix><Status>Enabled</Status><Expiration><Days>365</Days></Expiration></Rule>";
    assert_eq!(validate(&cfg(&format!("{expire_all}{}", atime("a", "logs/", "<Days>30</Days>"))), true), []);
    // ...but not on the very same prefix (OSS's 0014-00000085).
    let expire_logs =
        "<Rule><ID>e</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>365</Days></Expiration></Rule>";
    assert_eq!(
        validate(&cfg(&format!("{expire_logs}{}", atime("a", "logs/", "<Days>30</Days>"))), true),
        [Invalid::Overlap("e".into(), "a".into())]
    );
    assert_eq!(validate(&cfg(""), true), [Invalid::NoRules]);
    // An empty ID is OSS's to fill in.
    assert_eq!(validate(&cfg(&atime("", "logs/", "<Days>30</Days>")), true), []);
    let dup = format!("{}{}", atime("a", "x/", "<Days>30</Days>"), atime("a", "y/", "<Days>60</Days>"));
    assert_eq!(validate(&cfg(&dup), true), [Invalid::DuplicateId("a".into())]);
    let many: String = (0..1001).map(|i| atime(&format!("r{i}"), &format!("p{i:04}/"), "<Days>30</Days>")).collect();
    assert!(validate(&cfg(&many), true).contains(&Invalid::TooManyRules(1001)));
}

/// A small deterministic generator of element trees: names OSS uses and made-up ones,
/// attributes, text with characters XML must escape, whitespace, nesting.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn text(&mut self) -> String {
        let pieces = ["a", " ", "&", "<", ">", "\"", "'", "日志", "\t", "\n", "]]>", "x-y_z.1", "%20", "&amp;"];
        (0..self.below(5)).map(|_| pieces[self.below(pieces.len() as u64) as usize]).collect()
    }
    fn node(&mut self, depth: u32) -> Node {
        let names = [
            "Rule",
            "ID",
            "Prefix",
            "Status",
            "Transition",
            "Days",
            "Tag",
            "Key",
            "Value",
            "Filter",
            "Not",
            "Future-Thing",
            "x:y",
        ];
        let name = names[self.below(names.len() as u64) as usize].to_string();
        let attrs = (0..self.below(3)).map(|i| (format!("a{i}"), self.text())).collect();
        let mut children = Vec::new();
        for _ in 0..self.below(if depth < 4 { 5 } else { 1 }) {
            if self.below(3) == 0 {
                // Adjacent texts are one text once read: generate one at a time.
                if !matches!(children.last(), Some(Child::Text(_))) {
                    let t = self.text();
                    if !t.is_empty() {
                        children.push(Child::Text(t));
                    }
                }
            } else {
                children.push(Child::Element(self.node(depth + 1)));
            }
        }
        Node { name, attrs, children }
    }
}

#[test]
fn generated_configurations_round_trip() {
    let mut g = Gen(0x5eed_1234_abcd_0001);
    for _ in 0..2000 {
        let mut root = Node { name: "LifecycleConfiguration".into(), attrs: vec![], children: vec![] };
        for _ in 0..g.below(6) {
            root.children.push(Child::Element(g.node(1)));
        }
        let xml = write(&root);
        let back = parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        assert_eq!(back, root, "{xml}");
        assert!(same(&back, &root));
        assert_eq!(write(&back), xml);
    }
}

#[test]
fn hostile_bodies_are_refused_not_panicked_on() {
    for body in [
        "",
        "<Other/>",
        "<LifecycleConfiguration>",
        "<LifecycleConfiguration></LifecycleConfiguration><X/>",
        "<!DOCTYPE x><LifecycleConfiguration/>",
        "<LifecycleConfiguration>&bogus;</LifecycleConfiguration>",
    ] {
        assert!(parse(body).is_err(), "{body}");
    }
    let deep = format!("<LifecycleConfiguration>{}{}</LifecycleConfiguration>", "<a>".repeat(100), "</a>".repeat(100));
    assert!(parse(&deep).is_err());
}

#[test]
fn only_rules_the_form_shows_whole_are_editable_and_leaf_text_counts_exactly() {
    let rule =
        |inner: &str| parse(&format!("<LifecycleConfiguration><Rule>{inner}</Rule></LifecycleConfiguration>")).unwrap();
    let base = "<ID>r</ID><Prefix>p/</Prefix><Status>Enabled</Status>";
    let t = "<Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition>";
    assert!(rules(&rule(&format!("{base}{t}")))[0].editable.is_some());
    for odd in [
        format!("{base}<Tag a=\"1\"><Key>k</Key><Value>v</Value></Tag>{t}"),
        format!("{base}<Tag><Key>k</Key><Value>v</Value><Extra/></Tag>{t}"),
        format!("{base}<Transition x=\"y\"><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition>"),
        format!("{base}<Transition>text<Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition>"),
        format!("{base}<Prefix>q/</Prefix>{t}"),
        format!("{base}{t}{t}"),
        format!("<ID>r</ID><Prefix>p/</Prefix><Status>Maybe</Status>{t}"),
    ] {
        assert!(rules(&rule(&odd))[0].editable.is_none(), "{odd}");
    }
    // A prefix with a trailing space is not the prefix without it.
    let a = rule(&format!("<ID>r</ID><Prefix>logs/ </Prefix><Status>Enabled</Status>{t}"));
    let b = rule(&format!("<ID>r</ID><Prefix>logs/</Prefix><Status>Enabled</Status>{t}"));
    assert!(!same(&a, &b));
    assert!(lc::diff(&a, &b).iter().any(|d| matches!(d, RuleChange::Changed { .. })));
    // Something outside the rules is a change too.
    let c = parse("<LifecycleConfiguration a=\"1\"><Rule><ID>r</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass><IsAccessTime>true</IsAccessTime></Transition></Rule></LifecycleConfiguration>").unwrap();
    assert!(lc::diff(&b, &c).contains(&RuleChange::Outside));
}
