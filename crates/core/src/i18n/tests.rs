//! Every message exists in both languages, and the Chinese is written, not the English copied.

use super::*;
use crate::oss::credentials::{parse_pasted, PasteError};
use crate::oss::error::{OssCode, KNOWN_CODES};
use crate::oss::session::{NotOss, Sent};
use crate::trail::bucket::{LeftOut, Listed, ListingProblem, RangeError};
use crate::trail::handoff::{DropReason, FilterPart, PathFidelity};
use crate::trail::load::{load_bytes, SkipNote};
use crate::trail::parse::ParseError;
use crate::trail::split::{SkipReason, ValueKind};
use crate::trail::store::{Field, Store};

/// Han characters: the Chinese text is written in Chinese.
fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `m` in both languages: non-empty, the Chinese in Chinese and different from the English.
fn both(m: &Msg<'_>) -> (String, String) {
    let (en, zh) = (Lang::En.text(m), Lang::Zh.text(m));
    assert!(!en.trim().is_empty(), "{m:?}: no English");
    assert!(!zh.trim().is_empty(), "{m:?}: no Chinese");
    assert!(!has_han(&en), "{m:?}: Chinese in the English: {en}");
    assert!(has_han(&zh), "{m:?}: the Chinese is not Chinese: {zh}");
    assert_ne!(en, zh, "{m:?}");
    (en, zh)
}

const OPS: [Operation; 5] = [
    Operation::GetBucketAccessMonitor,
    Operation::PutBucketAccessMonitor,
    Operation::GetBucketLifecycle,
    Operation::ListObjectsV2,
    Operation::GetObject,
];

#[test]
fn every_known_oss_code_has_advice_in_both_languages() {
    for (text, code) in KNOWN_CODES {
        for op in OPS {
            let e = ServiceError {
                status: 403,
                code: text.to_string(),
                message: "m".into(),
                bucket_name: Some("my-bucket".into()),
                ..Default::default()
            };
            let (en, zh) = both(&Msg::OssAdvice { error: &e, op });
            // The advice is the code's own, not the fallback for unknown codes.
            assert!(!en.starts_with("OSS said"), "{text}: {en}");
            assert!(!zh.starts_with("OSS 返回"), "{text}: {zh}");
            if *code == OssCode::AccessDenied {
                for s in [&en, &zh] {
                    assert!(s.contains(op.ram_action()) && s.contains("acs:oss:*:*:my-bucket"), "{s}");
                }
            }
            if *code == OssCode::NoSuchBucket {
                assert!(zh.contains("my-bucket"), "{zh}");
            }
        }
    }
    let other = ServiceError { code: "Weird".into(), ec: "0000-1".into(), message: "m".into(), ..Default::default() };
    let (en, zh) = both(&Msg::OssAdvice { error: &other, op: Operation::GetObject });
    assert!(en.contains("0000-1") && zh.contains("0000-1"));
}

#[test]
fn every_failure_has_a_summary_and_advice_in_both_languages() {
    let oss = Failure::Oss {
        error: Box::new(ServiceError {
            status: 403,
            code: "AccessDenied".into(),
            message: "m".into(),
            ..Default::default()
        }),
        sent: Box::new(Sent { canonical_request: String::new(), string_to_sign: String::new() }),
    };
    let failures = [
        Failure::Input(InputError::BucketEmpty),
        Failure::Unconfirmed { origin: "https://x.example".into() },
        Failure::NoResponse { origin: "https://x.example".into(), detail: "Failed to fetch".into() },
        Failure::Timeout { origin: "https://x.example".into() },
        oss,
        Failure::NotOss(NotOss::Redirect),
        Failure::NotOss(NotOss::Html { status: 502 }),
        Failure::NotOss(NotOss::Unexpected { status: 500, detail: "d".into() }),
        Failure::BadBody { detail: "d".into(), request_id: None },
        Failure::ClockTooFar { offset_ms: -90_000_000, server_time: "2025-01-01T00:00:00Z".into() },
    ];
    for f in &failures {
        both(&Msg::FailureSummary(f));
        let (en, zh) = both(&Msg::FailureAdvice { failure: f, op: Operation::GetObject, page_origin: "http://o" });
        if matches!(f, Failure::NoResponse { .. }) {
            assert!(en.contains("http://o") && zh.contains("http://o"), "the page's origin is named");
        }
        assert_eq!(f.summary(Lang::Zh), Lang::Zh.text(&Msg::FailureSummary(f)));
    }
}

#[test]
fn every_input_and_paste_error_in_both_languages() {
    let inputs = [
        InputError::BucketEmpty,
        InputError::BucketLength(2),
        InputError::BucketChars('_'),
        InputError::BucketEdges,
        InputError::RegionEmpty,
        InputError::RegionInvalid("x".into()),
        InputError::EndpointNotUrl,
        InputError::EndpointInsecure,
        InputError::EndpointHasPath,
        InputError::VirtualHostedNeedsName("127.0.0.1".into()),
        InputError::AccessKeyIdEmpty,
        InputError::AccessKeySecretEmpty,
        InputError::TokenMissing,
        InputError::Whitespace("AccessKeySecret".into()),
    ];
    for e in &inputs {
        both(&Msg::Input(e));
    }
    let pastes = [
        PasteError::Empty,
        PasteError::JsonWithoutKeys,
        PasteError::Unrecognized,
        PasteError::Incomplete { found: "AccessKeyId", missing: "AccessKeySecret", lines: false },
        PasteError::Incomplete { found: "AccessKeyId", missing: "AccessKeySecret", lines: true },
    ];
    for e in &pastes {
        let (_, zh) = both(&Msg::Paste(e));
        if let PasteError::Incomplete { found, missing, .. } = e {
            assert!(zh.contains(found) && zh.contains(missing), "{zh}");
        }
    }
    // What the parser returns reads the same way.
    let Err(e) = parse_pasted("OSS_ACCESS_KEY_ID=x") else { panic!() };
    assert_eq!(
        e.to_string(),
        "Found the AccessKeyId line but not the AccessKeySecret line. Paste all of the credentials together."
    );
}

fn skips() -> Vec<Skip> {
    vec![
        Skip::Split(SkipReason::NotAnObject(ValueKind::String)),
        Skip::Split(SkipReason::NotAnObject(ValueKind::Array)),
        Skip::Split(SkipReason::NotAnObject(ValueKind::NumberOrLiteral)),
        Skip::Split(SkipReason::TopLevelText),
        Skip::Split(SkipReason::TooLarge),
        Skip::Split(SkipReason::Truncated),
        Skip::Split(SkipReason::Unfinished),
        Skip::Parse(ParseError::Json("expected value".into())),
        Skip::Parse(ParseError::NotAnEvent),
        Skip::Parse(ParseError::NoTime),
        Skip::Parse(ParseError::BadTime("yesterday".into())),
    ]
}

const BINARY_KINDS: [BinaryKind; 14] = [
    BinaryKind::Zip,
    BinaryKind::Zstd,
    BinaryKind::Snappy,
    BinaryKind::Bzip2,
    BinaryKind::Xz,
    BinaryKind::SevenZip,
    BinaryKind::NestedGzip,
    BinaryKind::Pdf,
    BinaryKind::Png,
    BinaryKind::Jpeg,
    BinaryKind::Parquet,
    BinaryKind::Program,
    BinaryKind::Sqlite,
    BinaryKind::Utf16,
];

const GZ: [GzError; 6] = [
    GzError::BadMagic,
    GzError::Corrupt(7),
    GzError::Checksum,
    GzError::Truncated,
    GzError::TrailingData(9),
    GzError::HeaderTooLong,
];

#[test]
fn every_load_problem_and_skip_reason_in_both_languages() {
    for s in skips() {
        let (en, _) = both(&Msg::Skip(&s));
        assert_eq!(s.to_string(), en);
    }
    for k in BINARY_KINDS {
        both(&Msg::BinaryKind(k));
    }
    for g in &GZ {
        both(&Msg::Gzip(g));
    }
    let first = SkipNote { reason: Skip::Parse(ParseError::NotAnEvent), line: 3, offset: 10 };
    let problems = [
        FileProblem::Empty,
        FileProblem::Binary { signature: None },
        FileProblem::Binary { signature: Some(BinaryKind::Zip) },
        FileProblem::NotEvents { first: None },
        FileProblem::NotEvents { first: Some(first) },
        FileProblem::Gzip(GzError::Checksum),
        FileProblem::Truncated,
        FileProblem::InflatesTooMuch { limit: 16 << 30 },
        FileProblem::InflateRatio { ratio: 200 },
        FileProblem::StoreFull { limit: 4_000_000 },
        FileProblem::Read("NotReadableError".into()),
    ];
    for p in &problems {
        let (en, zh) = both(&Msg::FileProblem(p));
        assert_eq!(p.to_string(), en);
        if let FileProblem::NotEvents { first: Some(s) } = p {
            assert!(zh.contains(&Lang::Zh.text(&Msg::Skip(&s.reason))) && zh.contains('3'), "{zh}");
        }
    }
    for d in [
        DetailError::NotLoaded,
        DetailError::Cleared,
        DetailError::Read("x".into()),
        DetailError::FileEnded,
        DetailError::Gzip(GzError::Truncated),
    ] {
        both(&Msg::Detail(&d));
    }
    for e in [ExportError::Cleared, ExportError::Read("x".into()), ExportError::Gzip(GzError::Checksum)] {
        both(&Msg::Export(&e));
    }
}

#[test]
fn every_format_the_loader_writes_is_named_in_chinese() {
    let event = r#"{"eventId":"e1","eventName":"PutBucket","eventTime":"2024-05-01T08:00:00Z"}"#;
    let wrapped = serde_json::to_string(&serde_json::json!({ "event": event })).unwrap();
    let gz = {
        use std::io::Write;
        let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        w.write_all(format!("[{event}]").as_bytes()).unwrap();
        w.finish().unwrap()
    };
    let samples: Vec<Vec<u8>> = vec![
        format!("[{event}]").into_bytes(),
        format!(r#"{{"RequestId":"r","Events":[{event}]}}"#).into_bytes(),
        format!(r#"{{"Records":[{event}]}}"#).into_bytes(),
        event.as_bytes().to_vec(),
        format!("{event}\n{}\n", event.replace("e1", "e2")).into_bytes(),
        format!("[{wrapped}]").into_bytes(),
        format!("{wrapped}\n{}\n", wrapped.replace("e1", "e3")).into_bytes(),
        wrapped.clone().into_bytes(),
        gz,
        Vec::new(),
        b"\x89PNG\r\n\x1a\n0000".to_vec(),
    ];
    let mut seen = Vec::new();
    for (i, bytes) in samples.iter().enumerate() {
        let mut store = Store::new();
        let report = load_bytes(&mut store, 0, &format!("f{i}"), bytes, 64);
        let (en, zh) = (Lang::En.text(&Msg::Format(&report.format)), Lang::Zh.text(&Msg::Format(&report.format)));
        assert_eq!(en, report.format.to_string());
        assert!(has_han(&zh), "{:?} is not named in Chinese: {zh}", report.format);
        seen.push(report.format);
    }
    seen.sort();
    seen.dedup();
    assert!(seen.len() >= 9, "{seen:?}");
}

#[test]
fn trail_errors_and_bridge_notes_in_both_languages() {
    let ranges = [
        RangeError::BadDate { which: "from", value: "x".into() },
        RangeError::BadDate { which: "to", value: "x".into() },
        RangeError::Reversed { from: "2025-01-02".into(), to: "2025-01-01".into() },
        RangeError::TooLong { days: 400 },
    ];
    for r in &ranges {
        both(&Msg::Range(r));
    }
    let (start, _) = both(&Msg::Range(&ranges[0]));
    let (end, _) = both(&Msg::Range(&ranges[1]));
    assert!(start.contains("start") && end.contains("end"));
    let errors = [
        TrailError::Range(RangeError::TooLong { days: 400 }),
        TrailError::NoFolders,
        TrailError::NoTrail { looked_in: "p/AliyunLogs/Actiontrail/".into() },
        TrailError::List { prefix: "p/".into(), failure: Failure::Timeout { origin: "https://x".into() } },
        TrailError::Listing { prefix: "p/".into(), problem: ListingProblem::TokenRepeated { page: 2 } },
        TrailError::Listing { prefix: "p/".into(), problem: ListingProblem::OutOfOrder { page: 2, key: "k".into() } },
        TrailError::Listing { prefix: "p/".into(), problem: ListingProblem::TooLong { what: Listed::Keys, cap: 9 } },
        TrailError::Listing { prefix: "p/".into(), problem: ListingProblem::TooLong { what: Listed::Pages, cap: 9 } },
        TrailError::Cancelled,
    ];
    for why in [
        LeftOut::DotSegment,
        LeftOut::KeyTooLong { bytes: 2000 },
        LeftOut::ImplausibleSize { size: 1 << 50 },
        LeftOut::ImplausibleEvents { events: 1 << 40 },
    ] {
        both(&Msg::LeftOut(&why));
    }
    for e in &errors {
        both(&Msg::TrailSummary(e));
        both(&Msg::TrailAdvice { error: e, page_origin: "http://o" });
    }
    let f =
        FileFailure { index: 0, key: "a/b/c.gz".into(), tries: 3, failure: Failure::Timeout { origin: "o".into() } };
    let (en, zh) = both(&Msg::FileFailureSummary(&f));
    assert!(en.starts_with("c.gz: ") && zh.starts_with("c.gz："));

    let times = [TimeNote::Open, TimeNote::RoundedOutward, TimeNote::Clamped, TimeNote::Empty];
    let mut notes = vec![
        SlsNote::FieldApproximated { field: Field::UserName, fidelity: PathFidelity::IdentityFallback },
        SlsNote::FieldApproximated { field: Field::Bucket, fidelity: PathFidelity::ResourceName },
        SlsNote::FieldApproximated { field: Field::EventName, fidelity: PathFidelity::Exact },
        SlsNote::WordMatch { field: Field::UserAgent },
        SlsNote::AbsentUnsupported { field: Field::UserName, exclude: true },
        SlsNote::TextAsWords,
        SlsNote::SensitiveApproximated,
        SlsNote::TooManyConditions { count: 31 },
        SlsNote::ErrorsAsSql { limit: 1_000_000 },
    ];
    notes.extend(times.map(SlsNote::Time));
    for n in &notes {
        let (en, zh) = both(&Msg::SlsNote(n));
        if let SlsNote::ErrorsAsSql { .. } = n {
            assert!(en.contains("1,000,000") && zh.contains("1,000,000"), "{en} / {zh}");
        }
        if let SlsNote::WordMatch { field } = n {
            assert!(en.starts_with(field.label(Lang::En)) && zh.starts_with(field.label(Lang::Zh)));
        }
    }
    let mut lookups = vec![
        LookupNote::UserIsCallerName,
        LookupNote::ResourceNameAnyType,
        LookupNote::SensitiveActionFlag,
        LookupNote::EndIsNow,
        LookupNote::StartIsHistoryLimit,
    ];
    lookups.extend(times.map(LookupNote::Time));
    for n in &lookups {
        both(&Msg::LookupNote(n));
    }
    let parts = [
        FilterPart::Include { field: Field::EventName, values: vec!["A".into(), "".into()] },
        FilterPart::Exclude { field: Field::SourceIpAddress, values: vec!["1.2.3.4".into()] },
        FilterPart::Text("deny".into()),
        FilterPart::ErrorsOnly,
        FilterPart::SensitiveOnly,
    ];
    let reasons = [
        DropReason::NoKey,
        DropReason::SeveralValues,
        DropReason::Absent,
        DropReason::Exclude,
        DropReason::FreeText,
        DropReason::NotCombinable,
        DropReason::BeyondTwo,
    ];
    for part in &parts {
        for reason in reasons {
            let d = Dropped { part: part.clone(), reason };
            both(&Msg::Dropped(&d));
        }
    }
    for t in times {
        both(&Msg::TimeNote(t));
    }
}

#[test]
fn the_language_follows_the_browser_tag() {
    for zh in ["zh", "zh-CN", "zh-TW", "zh-Hans-CN", "ZH_cn", " zh-hk"] {
        assert_eq!(Lang::from_tag(zh), Lang::Zh, "{zh}");
    }
    for en in ["en", "en-US", "fr-FR", "", "zhx", "ja"] {
        assert_eq!(Lang::from_tag(en), Lang::En, "{en}");
    }
    for l in Lang::ALL {
        assert_eq!(Lang::from_code(l.code()), Some(l));
        assert_eq!(Lang::from_tag(l.tag()), l);
    }
    assert_eq!(Lang::from_code("fr"), None);
}

/// Where `Display` is the English catalog's text (so logs and the UI agree), it reads as a
/// person should read it: checked against the words, not against the catalog it is made from.
#[test]
fn display_reads_as_written_english() {
    assert_eq!(InputError::BucketLength(2).to_string(), "A bucket name has 3 to 63 characters; this one has 2.");
    assert_eq!(PasteError::Empty.to_string(), "Nothing was pasted.");
    assert_eq!(
        RangeError::Reversed { from: "2025-01-02".into(), to: "2025-01-01".into() }.to_string(),
        "The range ends (2025-01-01) before it starts (2025-01-02): swap the two dates."
    );
    assert_eq!(GzError::Checksum.to_string(), "gzip checksum mismatch: the file is damaged");
    assert_eq!(DetailError::NotLoaded.to_string(), "this event is not loaded (load the file it came from)");
    assert_eq!(ExportError::Cleared.to_string(), "the events were cleared during the export");
}
