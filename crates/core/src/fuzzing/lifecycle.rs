//! Target `lifecycle`: lifecycle configurations kept as written. A body built from choices (the
//! documented elements and made-up ones, attributes, entities, CDATA, odd text, cuts) or raw text
//! is parsed; what parses must write back to the same tree, leave only `AtimeBase` out of a
//! write, diff as unchanged against itself, and validate and edit without panicking.

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
