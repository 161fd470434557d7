//! Host tests of the SLS and LookupEvents translations. Expected strings are written by hand from
//! the documented syntax (see the sources in `handoff/mod.rs`), not taken from the code's output.

use super::*;
use crate::oss::encode::percent_decode;
use crate::trail::store::{FIELDS, SENSITIVE_EVENTS};

/// When LookupEvents parameters are made in these tests: 2025-11-20T12:00:00.500Z.
const NOW_MS: i64 = 1_763_640_000_500;

fn inc(list: &[(Field, &[&str])]) -> Filter {
    Filter {
        include: list.iter().map(|(f, vs)| (*f, vs.iter().map(|v| v.to_string()).collect())).collect(),
        ..Default::default()
    }
}

fn exc(list: &[(Field, &[&str])]) -> Filter {
    Filter {
        exclude: list.iter().map(|(f, vs)| (*f, vs.iter().map(|v| v.to_string()).collect())).collect(),
        ..Default::default()
    }
}

fn q(f: &Filter) -> String {
    sls_query(f).query
}

/// The notes other than the time window's.
fn field_notes(s: &SlsQuery) -> Vec<SlsNote> {
    s.notes.iter().filter(|n| !matches!(n, SlsNote::Time(_))).cloned().collect()
}

fn attr(key: LookupKey, value: &str) -> LookupAttribute {
    LookupAttribute { key, value: value.to_string() }
}

fn strings(vs: &[&str]) -> Vec<String> {
    vs.iter().map(|v| v.to_string()).collect()
}

// ----------------------------------------------------------------------------------------------
// SLS query
// ----------------------------------------------------------------------------------------------

#[test]
fn empty_filter_is_star() {
    let s = sls_query(&Filter::default());
    assert_eq!(s.query, "*");
    assert_eq!(s.conditions, 0);
    assert_eq!(s.window, Window { from: None, to: None });
    assert_eq!(s.notes, vec![SlsNote::Time(TimeNote::Open)]);
}

#[test]
fn every_field_include_and_exclude() {
    let table: [(Field, &str, &str); 12] = [
        (Field::EventName, r#""event.eventName":"V1""#, r#"* not "event.eventName":"V1""#),
        (Field::ServiceName, r#""event.serviceName":"V1""#, r#"* not "event.serviceName":"V1""#),
        (Field::IdentityType, r#""event.userIdentity.type":"V1""#, r#"* not "event.userIdentity.type":"V1""#),
        (
            Field::UserName,
            r#"("event.userIdentity.userName":"V1" or "event.userIdentity.principalId":"V1")"#,
            r#"* not "event.userIdentity.userName":"V1" not "event.userIdentity.principalId":"V1""#,
        ),
        (
            Field::AccessKeyId,
            r#""event.userIdentity.accessKeyId":"V1""#,
            r#"* not "event.userIdentity.accessKeyId":"V1""#,
        ),
        (Field::SourceIpAddress, r#""event.sourceIpAddress":"V1""#, r#"* not "event.sourceIpAddress":"V1""#),
        (Field::AcsRegion, r#""event.acsRegion":"V1""#, r#"* not "event.acsRegion":"V1""#),
        (Field::Bucket, r#""event.resourceName":"V1""#, r#"* not "event.resourceName":"V1""#),
        (Field::ErrorCode, r#""event.errorCode":"V1""#, r#"* not "event.errorCode":"V1""#),
        (Field::EventRw, r#""event.eventRW":"V1""#, r#"* not "event.eventRW":"V1""#),
        (Field::EventType, r#""event.eventType":"V1""#, r#"* not "event.eventType":"V1""#),
        (Field::UserAgent, r#""event.userAgent":"V1""#, r#"* not "event.userAgent":"V1""#),
    ];
    assert_eq!(table.len(), FIELDS.len());
    for (field, include, exclude) in table {
        let si = sls_query(&inc(&[(field, &["V1"])]));
        let se = sls_query(&exc(&[(field, &["V1"])]));
        assert_eq!(si.query, include, "{field:?}");
        assert_eq!(se.query, exclude, "{field:?}");
        let approx = match field {
            Field::UserName => vec![SlsNote::FieldApproximated { field, fidelity: PathFidelity::IdentityFallback }],
            Field::Bucket => vec![SlsNote::FieldApproximated { field, fidelity: PathFidelity::ResourceName }],
            _ => vec![],
        };
        assert_eq!(field_notes(&si), approx, "{field:?}");
        assert_eq!(field_notes(&se), approx, "{field:?}");
        let n = if field == Field::UserName { 2 } else { 1 };
        assert_eq!((si.conditions, se.conditions), (n, n), "{field:?}");
    }
}

#[test]
fn values_of_one_field_are_ored() {
    let s = sls_query(&inc(&[(Field::EventName, &["PutBucket", "DeleteBucket"])]));
    assert_eq!(s.query, r#"("event.eventName":"PutBucket" or "event.eventName":"DeleteBucket")"#);
    assert_eq!(s.conditions, 2);
    let s = sls_query(&exc(&[(Field::EventName, &["PutBucket", "DeleteBucket"])]));
    assert_eq!(s.query, r#"* not "event.eventName":"PutBucket" not "event.eventName":"DeleteBucket""#);
}

#[test]
fn fields_are_anded_and_excludes_come_last() {
    let mut f = inc(&[(Field::EventName, &["PutBucket"]), (Field::SourceIpAddress, &["198.51.100.7"])]);
    f.exclude =
        exc(&[(Field::UserAgent, &["AliyunConsole"]), (Field::AcsRegion, &["cn-hangzhou", "cn-beijing"])]).exclude;
    let s = sls_query(&f);
    assert_eq!(
        s.query,
        r#""event.eventName":"PutBucket" and "event.sourceIpAddress":"198.51.100.7" not "event.userAgent":"AliyunConsole" not "event.acsRegion":"cn-hangzhou" not "event.acsRegion":"cn-beijing""#
    );
    assert_eq!(s.conditions, 5);
    assert_eq!(field_notes(&s), vec![]);
}

#[test]
fn repeated_entries_of_a_field_merge() {
    let f = inc(&[(Field::EventName, &["A"]), (Field::EventName, &["B", "A"]), (Field::EventRw, &[])]);
    assert_eq!(q(&f), r#"("event.eventName":"A" or "event.eventName":"B")"#);
}

#[test]
fn free_text_is_a_full_text_term() {
    let f = Filter { text: "  AccessDenied \n".into(), ..Default::default() };
    let s = sls_query(&f);
    assert_eq!(s.query, r#""AccessDenied""#);
    assert_eq!(s.conditions, 1);
    assert_eq!(field_notes(&s), vec![SlsNote::TextAsWords]);
    let f = Filter { text: r#"say "hi" \o/"#.into(), ..Default::default() };
    assert_eq!(q(&f), r#""say \"hi\" \\o/""#);
    let f = Filter { text: " \t ".into(), ..Default::default() };
    assert_eq!(q(&f), "*");
}

/// "Errors only" as SLS's analytic form, written by hand from [SQL][CMP][SQLLIMIT].
const ERRORS_SQL: &str = r#"select * where "event.errorCode" is not null and "event.errorCode" <> '' limit 1000000"#;

#[test]
fn errors_only_is_the_sql_form() {
    let f = Filter { errors_only: true, ..Default::default() };
    let s = sls_query(&f);
    assert_eq!(
        s.query,
        r#"* | select * where "event.errorCode" is not null and "event.errorCode" <> '' limit 1000000"#
    );
    assert_eq!((s.search.as_str(), s.analytic.as_deref()), ("*", Some(ERRORS_SQL)));
    // The analytic statement is not a search condition.
    assert_eq!(s.conditions, 0);
    assert_eq!(field_notes(&s), vec![SlsNote::ErrorsAsSql { limit: 1_000_000 }]);
    // Excluding the empty error code by hand stays in the search statement; the SQL follows it.
    let mut f2 = exc(&[(Field::ErrorCode, &[""])]);
    f2.errors_only = true;
    let s2 = sls_query(&f2);
    assert_eq!(s2.query, format!(r#""event.errorCode":* not "event.errorCode":"" | {ERRORS_SQL}"#));
    assert_eq!(s2.conditions, 2);
    // Without the preset there is no analytic part.
    assert_eq!(sls_query(&Filter::default()).analytic, None);
}

#[test]
fn sensitive_only_lists_the_explorer_rules() {
    let f = Filter { sensitive_only: true, ..Default::default() };
    let s = sls_query(&f);
    // The event names are the explorer's own list; the rest of the statement is written out.
    let names: Vec<String> = SENSITIVE_EVENTS.iter().map(|n| format!(r#""event.eventName":"{n}""#)).collect();
    let expected = format!(
        r#"({} or "event.eventAttributes.SensitiveAction":"true" or ("event.eventName":"PutBucketAcl" and ("event.requestParameterJson":"public-read" or "event.requestParameterJson":"public-read-write")))"#,
        names.join(" or ")
    );
    assert!(expected.starts_with(r#"("event.eventName":"DeleteBucket" or "#));
    assert_eq!(s.query, expected);
    assert_eq!(s.conditions, SENSITIVE_EVENTS.len() + 4);
    assert_eq!(field_notes(&s), vec![SlsNote::SensitiveApproximated]);
}

#[test]
fn everything_together() {
    let mut f = inc(&[(Field::EventName, &["PutBucket", "DeleteBucket"])]);
    f.exclude = exc(&[(Field::SourceIpAddress, &["198.51.100.7"])]).exclude;
    f.errors_only = true;
    f.text = "deny".into();
    f.from_ms = Some(1_700_000_000_000);
    f.to_ms = Some(1_700_000_060_000);
    let s = sls_query(&f);
    assert_eq!(
        s.query,
        r#"("event.eventName":"PutBucket" or "event.eventName":"DeleteBucket") and "deny" not "event.sourceIpAddress":"198.51.100.7" | select * where "event.errorCode" is not null and "event.errorCode" <> '' limit 1000000"#
    );
    assert_eq!(s.conditions, 4);
    assert_eq!(s.window, Window { from: Some(1_700_000_000), to: Some(1_700_000_060) });
    assert_eq!(s.notes, vec![SlsNote::TextAsWords, SlsNote::ErrorsAsSql { limit: 1_000_000 }]);
}

#[test]
fn values_are_quoted_for_any_content() {
    // (value, expected statement, SLS splits it into words)
    let cases: &[(&str, &str, bool)] = &[
        ("PutBucket", r#""event.eventName":"PutBucket""#, false),
        ("my-bucket_1.log", r#""event.eventName":"my-bucket_1.log""#, false),
        (r#"a"b"#, r#""event.eventName":"a\"b""#, true),
        (r"C:\Temp\", r#""event.eventName":"C:\\Temp\\""#, true),
        (r#"\""#, r#""event.eventName":"\\\"""#, true),
        ("acs:ram::123:role/x", r#""event.eventName":"acs:ram::123:role/x""#, true),
        ("two words", r#""event.eventName":"two words""#, true),
        ("Put*", r#""event.eventName":"Put*""#, false),
        ("Get?bject", r#""event.eventName":"Get?bject""#, true),
        ("*", r#""event.eventName":"*""#, false),
        ("and", r#""event.eventName":"and""#, false),
        ("OR", r#""event.eventName":"OR""#, false),
        ("not", r#""event.eventName":"not""#, false),
        ("a and b", r#""event.eventName":"a and b""#, true),
        ("操作审计", r#""event.eventName":"操作审计""#, true),
        ("(x)", r#""event.eventName":"(x)""#, true),
        ("|", r#""event.eventName":"|""#, false),
    ];
    for (value, expected, words) in cases {
        let s = sls_query(&inc(&[(Field::EventName, &[value])]));
        assert_eq!(&s.query, expected, "{value:?}");
        let word = field_notes(&s).contains(&SlsNote::WordMatch { field: Field::EventName });
        assert_eq!(word, *words, "{value:?}");
        assert_eq!(s.conditions, 1);
    }
}

#[test]
fn empty_value_means_absent() {
    let s = sls_query(&inc(&[(Field::ErrorCode, &[""])]));
    assert_eq!(s.query, r#"(not "event.errorCode":* or "event.errorCode":"")"#);
    assert_eq!(s.conditions, 2);
    let s = sls_query(&inc(&[(Field::ErrorCode, &["AccessDenied", ""])]));
    assert_eq!(s.query, r#"(not "event.errorCode":* or "event.errorCode":"" or "event.errorCode":"AccessDenied")"#);
    assert_eq!(s.conditions, 3);
    let s = sls_query(&exc(&[(Field::Bucket, &[""])]));
    assert_eq!(s.query, r#""event.resourceName":* not "event.resourceName":"""#);
    // The identity is read from two paths: "absent" cannot be said, and the note says so.
    let s = sls_query(&inc(&[(Field::UserName, &[""])]));
    assert_eq!(s.query, "*");
    assert_eq!(field_notes(&s), vec![SlsNote::AbsentUnsupported { field: Field::UserName, exclude: false }]);
    let s = sls_query(&exc(&[(Field::UserName, &["", "bob"])]));
    assert_eq!(s.query, r#"* not "event.userIdentity.userName":"bob" not "event.userIdentity.principalId":"bob""#);
    assert_eq!(
        field_notes(&s),
        vec![
            SlsNote::AbsentUnsupported { field: Field::UserName, exclude: true },
            SlsNote::FieldApproximated { field: Field::UserName, fidelity: PathFidelity::IdentityFallback },
        ]
    );
}

#[test]
fn more_than_thirty_conditions_is_flagged_not_cut() {
    let values: Vec<String> = (0..31).map(|i| format!("E{i}")).collect();
    let refs: Vec<&str> = values.iter().map(|v| v.as_str()).collect();
    let s = sls_query(&inc(&[(Field::EventName, &refs)]));
    assert_eq!(s.conditions, 31);
    assert!(s.query.ends_with(r#" or "event.eventName":"E30")"#));
    assert_eq!(field_notes(&s), vec![SlsNote::TooManyConditions { count: 31 }]);
    let s = sls_query(&inc(&[(Field::EventName, &refs[..30])]));
    assert_eq!(s.conditions, 30);
    assert_eq!(field_notes(&s), vec![]);
}

// ----------------------------------------------------------------------------------------------
// Time window
// ----------------------------------------------------------------------------------------------

fn ranged(from: Option<i64>, to: Option<i64>) -> Filter {
    Filter { from_ms: from, to_ms: to, ..Default::default() }
}

#[test]
fn whole_second_range_is_kept() {
    let f = ranged(Some(1_700_000_000_000), Some(1_700_000_060_000));
    assert_eq!(window(&f), (Window { from: Some(1_700_000_000), to: Some(1_700_000_060) }, vec![]));
    let l = lookup_events(&f, NOW_MS);
    assert_eq!((l.start_time.as_str(), l.end_time.as_str()), ("2023-11-14T22:13:20Z", "2023-11-14T22:14:20Z"));
    assert_eq!(l.notes, vec![]);
}

#[test]
fn partial_seconds_widen_the_window() {
    // [..00.500, ..60.001) holds events in seconds 0..=60: SLS [0, 61).
    let f = ranged(Some(1_700_000_000_500), Some(1_700_000_060_001));
    assert_eq!(
        window(&f),
        (Window { from: Some(1_700_000_000), to: Some(1_700_000_061) }, vec![TimeNote::RoundedOutward])
    );
    // A 100 ms range inside one second still covers that second.
    let f = ranged(Some(1500), Some(1600));
    assert_eq!(window(&f), (Window { from: Some(1), to: Some(2) }, vec![TimeNote::RoundedOutward]));
}

#[test]
fn extreme_times_clamp_without_overflow() {
    let f = ranged(Some(i64::MIN), Some(i64::MAX));
    let (w, notes) = window(&f);
    assert_eq!(w, Window { from: Some(0), to: Some(253_402_300_799) });
    assert_eq!(notes, vec![TimeNote::RoundedOutward, TimeNote::Clamped]);
    let l = lookup_events(&f, NOW_MS);
    assert_eq!((l.start_time.as_str(), l.end_time.as_str()), ("1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z"));
    let f = ranged(Some(i64::MAX), Some(i64::MIN));
    let (w, notes) = window(&f);
    assert_eq!(w, Window { from: Some(253_402_300_799), to: Some(0) });
    assert_eq!(notes, vec![TimeNote::RoundedOutward, TimeNote::Clamped, TimeNote::Empty]);
    let f = ranged(Some(-1), Some(0));
    assert_eq!(
        window(&f),
        (Window { from: Some(0), to: Some(0) }, vec![TimeNote::RoundedOutward, TimeNote::Clamped, TimeNote::Empty])
    );
}

#[test]
fn open_and_empty_ranges_are_noted() {
    assert_eq!(window(&ranged(Some(5000), None)), (Window { from: Some(5), to: None }, vec![TimeNote::Open]));
    assert_eq!(window(&ranged(None, Some(5000))), (Window { from: None, to: Some(5) }, vec![TimeNote::Open]));
    assert_eq!(window(&ranged(Some(1000), Some(1000))), (Window { from: Some(1), to: Some(1) }, vec![TimeNote::Empty]));
    // LookupEvents gets both ends always: an open end is now, an open start 90 days before now.
    let l = lookup_events(&ranged(Some(5000), None), NOW_MS);
    assert_eq!((l.start_time.as_str(), l.end_time.as_str()), ("1970-01-01T00:00:05Z", "2025-11-20T12:00:01Z"));
    assert_eq!(l.notes, vec![LookupNote::EndIsNow]);
    let l = lookup_events(&ranged(None, Some(1_763_000_000_000)), NOW_MS);
    assert_eq!((l.start_time.as_str(), l.end_time.as_str()), ("2025-08-15T02:13:20Z", "2025-11-13T02:13:20Z"));
    assert_eq!(l.notes, vec![LookupNote::StartIsHistoryLimit]);
    // A start after now with no end: an empty window, said so.
    let l = lookup_events(&ranged(Some(NOW_MS - 500 + 86_400_000), None), NOW_MS);
    assert_eq!(l.notes, vec![LookupNote::Time(TimeNote::Empty), LookupNote::EndIsNow]);
}

// ----------------------------------------------------------------------------------------------
// Console link
// ----------------------------------------------------------------------------------------------

#[test]
fn console_url_matches_the_documented_example() {
    // The `query_url` example of "Variables in original alert templates", with the parameters in
    // our order: Base64 of `* | select count(1) as cnt`, `=` percent-encoded.
    let query = SlsQuery {
        query: "* | select count(1) as cnt".into(),
        search: "*".into(),
        analytic: Some("select count(1) as cnt".into()),
        window: Window { from: Some(1_617_175_089), to: Some(1_617_175_989) },
        conditions: 0,
        notes: vec![],
    };
    assert_eq!(
        sls_console_url(ConsoleSite::China, "test-xxx", "test-alert-access", &query),
        "https://sls.console.aliyun.com/lognext/project/test-xxx/logsearch/test-alert-access?encode=base64&queryString=KiB8IHNlbGVjdCBjb3VudCgxKSBhcyBjbnQ%3D&queryTimeType=99&startTime=1617175089&endTime=1617175989"
    );
}

#[test]
fn console_url_from_a_filter() {
    let mut f = inc(&[(Field::EventName, &["PutBucket"])]);
    let s = sls_query(&f);
    // Open window: the console keeps its own range.
    assert_eq!(
        sls_console_url(ConsoleSite::International, "my-project", "actiontrail_my-trail", &s),
        "https://sls.console.alibabacloud.com/lognext/project/my-project/logsearch/actiontrail_my-trail?encode=base64&queryString=ImV2ZW50LmV2ZW50TmFtZSI6IlB1dEJ1Y2tldCI%3D"
    );
    f.from_ms = Some(1_700_000_000_000);
    f.to_ms = Some(1_700_000_060_000);
    assert!(sls_console_url(ConsoleSite::China, "p", "l", &sls_query(&f))
        .ends_with("&queryTimeType=99&startTime=1700000000&endTime=1700000060"));
    // An empty window is not sent either.
    f.to_ms = f.from_ms;
    assert!(sls_console_url(ConsoleSite::China, "p", "l", &sls_query(&f)).ends_with("CI%3D"));
}

#[test]
fn console_url_encodes_every_part() {
    let query = SlsQuery {
        query: "???".into(),
        search: "???".into(),
        analytic: None,
        window: Window::default(),
        conditions: 0,
        notes: vec![],
    };
    assert_eq!(
        sls_console_url(ConsoleSite::China, "a/b c", "日志", &query),
        "https://sls.console.aliyun.com/lognext/project/a%2Fb%20c/logsearch/%E6%97%A5%E5%BF%97?encode=base64&queryString=Pz8%2F"
    );
}

// ----------------------------------------------------------------------------------------------
// LookupEvents
// ----------------------------------------------------------------------------------------------

#[test]
fn every_field_has_its_key_or_none() {
    let table: [(Field, Option<(LookupKey, &str)>); 12] = [
        (Field::EventName, Some((LookupKey::EventName, "EventName"))),
        (Field::ServiceName, Some((LookupKey::ServiceName, "ServiceName"))),
        (Field::IdentityType, None),
        (Field::UserName, Some((LookupKey::User, "User"))),
        (Field::AccessKeyId, Some((LookupKey::EventAccessKeyId, "EventAccessKeyId"))),
        (Field::SourceIpAddress, Some((LookupKey::SourceIpAddress, "SourceIpAddress"))),
        (Field::AcsRegion, None),
        (Field::Bucket, Some((LookupKey::ResourceName, "ResourceName"))),
        (Field::ErrorCode, None),
        (Field::EventRw, Some((LookupKey::EventRw, "EventRW"))),
        (Field::EventType, Some((LookupKey::EventType, "EventType"))),
        (Field::UserAgent, None),
    ];
    for (field, expected) in table {
        assert_eq!(lookup_key(field), expected.map(|e| e.0), "{field:?}");
        let l = lookup_events(&inc(&[(field, &["V1"])]), NOW_MS);
        match expected {
            Some((key, name)) => {
                assert_eq!(key.as_str(), name);
                assert_eq!(l.attributes, vec![attr(key, "V1")]);
                assert_eq!(l.dropped, vec![]);
            }
            None => {
                assert_eq!(l.attributes, vec![]);
                assert_eq!(
                    l.dropped,
                    vec![Dropped {
                        part: FilterPart::Include { field, values: strings(&["V1"]) },
                        reason: DropReason::NoKey
                    }]
                );
            }
        }
    }
}

#[test]
fn documented_pairs_are_kept_together() {
    let l = lookup_events(&inc(&[(Field::EventName, &["PutBucket"]), (Field::ServiceName, &["Oss"])]), NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::EventName, "PutBucket"), attr(LookupKey::ServiceName, "Oss")]);
    let l = lookup_events(&inc(&[(Field::EventType, &["ApiCall"]), (Field::EventName, &["PutBucket"])]), NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::EventType, "ApiCall"), attr(LookupKey::EventName, "PutBucket")]);
    let l = lookup_events(&inc(&[(Field::Bucket, &["logs"]), (Field::UserName, &["alice"])]), NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::ResourceName, "logs"), attr(LookupKey::User, "alice")]);
    assert_eq!(
        l.notes,
        vec![
            LookupNote::ResourceNameAnyType,
            LookupNote::UserIsCallerName,
            LookupNote::StartIsHistoryLimit,
            LookupNote::EndIsNow
        ]
    );
    for (a, b, ok) in [
        (LookupKey::ServiceName, LookupKey::EventRw, true),
        (LookupKey::SensitiveAction, LookupKey::ServiceName, true),
        (LookupKey::ResourceName, LookupKey::ResourceType, true),
        (LookupKey::RoleName, LookupKey::ResourceName, true),
        (LookupKey::EventName, LookupKey::EventRw, false),
        (LookupKey::EventAccessKeyId, LookupKey::ServiceName, false),
        (LookupKey::SourceIpAddress, LookupKey::EventName, false),
        (LookupKey::EventName, LookupKey::EventName, false),
    ] {
        assert_eq!(combinable(a, b), ok, "{a:?} {b:?}");
    }
}

#[test]
fn keys_that_do_not_pair_keep_the_first() {
    let l = lookup_events(&inc(&[(Field::EventName, &["PutBucket"]), (Field::AccessKeyId, &["LTAI0001"])]), NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::EventName, "PutBucket")]);
    assert_eq!(
        l.dropped,
        vec![Dropped {
            part: FilterPart::Include { field: Field::AccessKeyId, values: strings(&["LTAI0001"]) },
            reason: DropReason::NotCombinable
        }]
    );
    // A pair later in the filter wins over a lone first attribute.
    let l = lookup_events(
        &inc(&[
            (Field::AccessKeyId, &["LTAI0001"]),
            (Field::ServiceName, &["Oss"]),
            (Field::EventName, &["PutBucket"]),
        ]),
        NOW_MS,
    );
    assert_eq!(l.attributes, vec![attr(LookupKey::ServiceName, "Oss"), attr(LookupKey::EventName, "PutBucket")]);
    assert_eq!(l.dropped[0].reason, DropReason::NotCombinable);
}

#[test]
fn a_third_attribute_is_dropped() {
    let l = lookup_events(
        &inc(&[
            (Field::ServiceName, &["Oss"]),
            (Field::EventName, &["PutBucket"]),
            (Field::EventRw, &["Write"]),
            (Field::SourceIpAddress, &["198.51.100.7"]),
        ]),
        NOW_MS,
    );
    assert_eq!(l.attributes, vec![attr(LookupKey::ServiceName, "Oss"), attr(LookupKey::EventName, "PutBucket")]);
    assert_eq!(
        l.dropped,
        vec![
            Dropped {
                part: FilterPart::Include { field: Field::EventRw, values: strings(&["Write"]) },
                reason: DropReason::BeyondTwo
            },
            Dropped {
                part: FilterPart::Include { field: Field::SourceIpAddress, values: strings(&["198.51.100.7"]) },
                reason: DropReason::NotCombinable
            },
        ]
    );
}

#[test]
fn sensitive_only_is_the_sensitive_action_attribute() {
    let f = Filter { sensitive_only: true, ..Default::default() };
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::SensitiveAction, "true")]);
    assert_eq!(l.notes, vec![LookupNote::SensitiveActionFlag, LookupNote::StartIsHistoryLimit, LookupNote::EndIsNow]);
    let mut f = inc(&[(Field::ServiceName, &["Oss"])]);
    f.sensitive_only = true;
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::ServiceName, "Oss"), attr(LookupKey::SensitiveAction, "true")]);
    let mut f = inc(&[(Field::EventName, &["DeleteBucket"])]);
    f.sensitive_only = true;
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::EventName, "DeleteBucket")]);
    assert_eq!(l.dropped, vec![Dropped { part: FilterPart::SensitiveOnly, reason: DropReason::NotCombinable }]);
}

#[test]
fn every_other_part_is_listed_as_dropped() {
    let mut f = inc(&[
        (Field::EventName, &["PutBucket", "DeleteBucket"]),
        (Field::ErrorCode, &["AccessDenied"]),
        (Field::ServiceName, &[""]),
        (Field::UserName, &["alice"]),
    ]);
    f.exclude = exc(&[(Field::SourceIpAddress, &["198.51.100.7"])]).exclude;
    f.text = " deny ".into();
    f.errors_only = true;
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(l.attributes, vec![attr(LookupKey::User, "alice")]);
    assert_eq!(
        l.dropped,
        vec![
            Dropped {
                part: FilterPart::Include { field: Field::EventName, values: strings(&["PutBucket", "DeleteBucket"]) },
                reason: DropReason::SeveralValues
            },
            Dropped {
                part: FilterPart::Include { field: Field::ErrorCode, values: strings(&["AccessDenied"]) },
                reason: DropReason::NoKey
            },
            Dropped {
                part: FilterPart::Include { field: Field::ServiceName, values: strings(&[""]) },
                reason: DropReason::Absent
            },
            Dropped {
                part: FilterPart::Exclude { field: Field::SourceIpAddress, values: strings(&["198.51.100.7"]) },
                reason: DropReason::Exclude
            },
            Dropped { part: FilterPart::Text("deny".into()), reason: DropReason::FreeText },
            Dropped { part: FilterPart::ErrorsOnly, reason: DropReason::NoKey },
        ]
    );
}

#[test]
fn empty_filter_looks_up_everything() {
    let l = lookup_events(&Filter::default(), NOW_MS);
    assert_eq!(l.attributes, vec![]);
    assert_eq!(l.dropped, vec![]);
    // Both ends always: the API takes both or neither. Now (rounded up to the second), and 90 days before.
    assert_eq!((l.start_time.as_str(), l.end_time.as_str()), ("2025-08-22T12:00:01Z", "2025-11-20T12:00:01Z"));
    assert_eq!(l.notes, vec![LookupNote::StartIsHistoryLimit, LookupNote::EndIsNow]);
    assert_eq!(
        l.to_cli(),
        "aliyun actiontrail LookupEvents --StartTime 2025-08-22T12:00:01Z --EndTime 2025-11-20T12:00:01Z"
    );
    assert_eq!(
        l.to_json(),
        r#"{"StartTime":"2025-08-22T12:00:01Z","EndTime":"2025-11-20T12:00:01Z","LookupAttribute":[]}"#
    );
}

#[test]
fn the_cli_asks_the_filters_one_region() {
    let mut f = inc(&[(Field::AcsRegion, &["cn-shanghai"]), (Field::EventName, &["PutBucket"])]);
    f.from_ms = Some(1_700_000_000_000);
    f.to_ms = Some(1_700_000_060_000);
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(l.region.as_deref(), Some("cn-shanghai"));
    assert_eq!(
        l.to_cli(),
        "aliyun actiontrail LookupEvents --region 'cn-shanghai' --StartTime 2023-11-14T22:13:20Z --EndTime 2023-11-14T22:14:20Z --LookupAttribute.1.Key EventName --LookupAttribute.1.Value 'PutBucket'"
    );
    // Two regions, or none: the CLI's own default region.
    let two = lookup_events(&inc(&[(Field::AcsRegion, &["cn-shanghai", "cn-beijing"])]), NOW_MS);
    assert_eq!(two.region, None);
    assert!(!two.to_cli().contains("--region"));
}

#[test]
fn cli_and_json_forms() {
    let mut f = inc(&[(Field::ServiceName, &["Oss"]), (Field::UserName, &["it's me"])]);
    f.from_ms = Some(1_700_000_000_000);
    f.to_ms = Some(1_700_000_060_000);
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(
        l.to_cli(),
        r"aliyun actiontrail LookupEvents --StartTime 2023-11-14T22:13:20Z --EndTime 2023-11-14T22:14:20Z --LookupAttribute.1.Key ServiceName --LookupAttribute.1.Value 'Oss' --LookupAttribute.2.Key User --LookupAttribute.2.Value 'it'\''s me'"
    );
    assert_eq!(
        l.to_json(),
        r#"{"StartTime":"2023-11-14T22:13:20Z","EndTime":"2023-11-14T22:14:20Z","LookupAttribute":[{"Key":"ServiceName","Value":"Oss"},{"Key":"User","Value":"it's me"}]}"#
    );
    let mut f = inc(&[(Field::EventName, &[r#"a"b\c $HOME `x` 中文"#])]);
    f.from_ms = Some(1_700_000_000_000);
    f.to_ms = Some(1_700_000_060_000);
    let l = lookup_events(&f, NOW_MS);
    assert_eq!(
        l.to_cli(),
        r#"aliyun actiontrail LookupEvents --StartTime 2023-11-14T22:13:20Z --EndTime 2023-11-14T22:14:20Z --LookupAttribute.1.Key EventName --LookupAttribute.1.Value 'a"b\c $HOME `x` 中文'"#
    );
    assert_eq!(
        l.to_json(),
        r#"{"StartTime":"2023-11-14T22:13:20Z","EndTime":"2023-11-14T22:14:20Z","LookupAttribute":[{"Key":"EventName","Value":"a\"b\\c $HOME `x` 中文"}]}"#
    );
    assert_eq!(sh_quote(""), "''");
    assert_eq!(sh_quote("'"), r"''\'''");
}

// ----------------------------------------------------------------------------------------------
// Generated filters: never panic, and every value round-trips through the quoting
// ----------------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "a", "Put", "\"", "\\", ":", " ", "*", "?", "and", "OR", "not", "中文", "", "(", ")", "'", "\n", "é", "-", ".",
    "|", "\\\"", "\0", "$x", "`",
];

fn value(r: &mut Rng) -> String {
    (0..r.below(5)).map(|_| PIECES[r.below(PIECES.len())]).collect()
}

fn time(r: &mut Rng) -> Option<i64> {
    match r.below(6) {
        0 => None,
        1 => Some(i64::MIN),
        2 => Some(i64::MAX),
        3 => Some(-1),
        _ => Some(r.next() as i64 >> r.below(40)),
    }
}

fn random_filter(r: &mut Rng) -> Filter {
    let mut list = || -> Vec<(Field, Vec<String>)> {
        (0..r.below(4)).map(|_| (FIELDS[r.below(FIELDS.len())], (0..r.below(4)).map(|_| value(r)).collect())).collect()
    };
    let (include, exclude) = (list(), list());
    Filter {
        include,
        exclude,
        from_ms: time(r),
        to_ms: time(r),
        text: if r.below(2) == 0 { value(r) } else { String::new() },
        errors_only: r.below(3) == 0,
        sensitive_only: r.below(4) == 0,
    }
}

/// A small reader of what the bridge writes: quoted strings (unescaped) and what lies between.
/// Fails on anything the documented syntax would not accept from us.
fn unquote_all(query: &str) -> Result<Vec<(String, bool)>, String> {
    let mut out = Vec::new();
    let mut chars = query.chars().peekable();
    let mut depth = 0i32;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some('\\') => match chars.next() {
                            Some(e @ ('\\' | '"')) => s.push(e),
                            other => return Err(format!("bad escape {other:?} in {query}")),
                        },
                        Some('"') => break,
                        Some(ch) => s.push(ch),
                        None => return Err(format!("unterminated quote in {query}")),
                    }
                }
                // A field name is followed by `:`.
                out.push((s, chars.peek() == Some(&':')));
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!("unbalanced ) in {query}"));
                }
            }
            ' ' | ':' | '*' | 'a' | 'n' | 'd' | 'o' | 'r' | 't' => {}
            other => return Err(format!("unexpected {other:?} outside quotes in {query}")),
        }
    }
    if depth != 0 {
        return Err(format!("unbalanced ( in {query}"));
    }
    Ok(out)
}

/// Split a POSIX command line the way `sh` does for what `to_cli` writes.
fn sh_split(cmd: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = cmd.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ' ' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

#[test]
fn generated_filters_translate_faithfully() {
    use base64::Engine as _;
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let f = random_filter(&mut r);
        let s = sls_query(&f);
        // Errors only, and nothing else, adds the analytic statement after the search.
        let expected = if f.errors_only { format!("{} | {ERRORS_SQL}", s.search) } else { s.search.clone() };
        assert_eq!(s.query, expected);
        let quoted = unquote_all(&s.search).unwrap_or_else(|e| panic!("{e}"));
        let strings: Vec<&str> = quoted.iter().map(|(v, _)| v.as_str()).collect();
        // Every value and path comes back out of its quotes.
        for (field, values) in f.include.iter().chain(&f.exclude) {
            for v in values.iter().filter(|v| !v.is_empty()) {
                assert!(strings.contains(&v.as_str()), "{v:?} lost in {}", s.query);
                for p in sls_path(*field).paths {
                    assert!(strings.contains(p), "{p} missing in {}", s.query);
                }
            }
        }
        let text = f.text.trim().replace('\0', "");
        if !text.is_empty() {
            assert!(quoted.iter().any(|(v, name)| *v == text && !name), "text lost in {}", s.query);
        }
        // Each condition is one `name:` (a field term, `name:*`) or one full-text term.
        let names = quoted.iter().filter(|(_, name)| *name).count();
        let full_text = usize::from(!text.is_empty());
        assert_eq!(s.conditions, names + full_text, "{}", s.query);
        assert_eq!(s.notes.iter().any(|n| matches!(n, SlsNote::TooManyConditions { .. })), s.conditions > 30);
        if let (Some(a), Some(b)) = (s.window.from, s.window.to) {
            assert!((0..=MAX_UNIX_SECONDS).contains(&a) && (0..=MAX_UNIX_SECONDS).contains(&b));
        }

        // The console link carries the exact query.
        let url = sls_console_url(ConsoleSite::China, "p", "l", &s);
        let qs = url.split("queryString=").nth(1).and_then(|t| t.split('&').next()).unwrap_or_default();
        let decoded = base64::engine::general_purpose::STANDARD.decode(percent_decode(qs)).unwrap_or_default();
        assert_eq!(String::from_utf8(decoded).unwrap_or_default(), s.query);

        // LookupEvents: at most two documented attributes, every other part accounted for.
        let l = lookup_events(&f, NOW_MS);
        assert!(l.attributes.len() <= 2);
        if let [a, b] = l.attributes.as_slice() {
            assert!(combinable(a.key, b.key), "{:?}", l.attributes);
        }
        let parts = super::merged(&f.include).len()
            + super::merged(&f.exclude).len()
            + full_text
            + usize::from(f.errors_only)
            + usize::from(f.sensitive_only);
        assert_eq!(l.attributes.len() + l.dropped.len(), parts);
        for a in &l.attributes {
            let exact = a.key == LookupKey::SensitiveAction
                || f.include.iter().any(|(field, vs)| lookup_key(*field) == Some(a.key) && vs.contains(&a.value));
            assert!(exact, "{a:?}");
        }
        // The command line splits back into the same values; the JSON parses back.
        let words = sh_split(&l.to_cli());
        for (i, a) in l.attributes.iter().enumerate() {
            let at = words.iter().position(|w| *w == format!("--LookupAttribute.{}.Value", i + 1));
            assert_eq!(at.and_then(|k| words.get(k + 1)), Some(&a.value), "{}", l.to_cli());
        }
        let json: serde_json::Value = serde_json::from_str(&l.to_json()).unwrap_or_default();
        for (i, a) in l.attributes.iter().enumerate() {
            assert_eq!(json["LookupAttribute"][i]["Key"], a.key.as_str());
            assert_eq!(json["LookupAttribute"][i]["Value"], a.value.as_str());
        }
    }
}
