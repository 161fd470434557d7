//! ActionTrail LookupEvents parameters for a filter: at most two attributes, both time ends
//! [LOOKUP] [CLI] (sources in the module above).

use super::window::{iso8601, to_seconds, window, TimeNote};
use super::{merged, search_text};
use crate::trail::query::Filter;
use crate::trail::store::Field;
use serde::Serialize;

/// A `LookupAttribute.N.Key` of ActionTrail LookupEvents [LOOKUP].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LookupKey {
    ServiceName,
    EventName,
    User,
    EventId,
    ResourceType,
    ResourceName,
    EventRw,
    EventAccessKeyId,
    SensitiveAction,
    SourceIpAddress,
    EventType,
    RoleName,
}

impl LookupKey {
    /// The key as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LookupKey::ServiceName => "ServiceName",
            LookupKey::EventName => "EventName",
            LookupKey::User => "User",
            LookupKey::EventId => "EventId",
            LookupKey::ResourceType => "ResourceType",
            LookupKey::ResourceName => "ResourceName",
            LookupKey::EventRw => "EventRW",
            LookupKey::EventAccessKeyId => "EventAccessKeyId",
            LookupKey::SensitiveAction => "SensitiveAction",
            LookupKey::SourceIpAddress => "SourceIpAddress",
            LookupKey::EventType => "EventType",
            LookupKey::RoleName => "RoleName",
        }
    }
}

/// The one table from explorer fields to LookupEvents keys (`None`: LookupEvents cannot filter on it).
pub fn lookup_key(field: Field) -> Option<LookupKey> {
    match field {
        Field::EventName => Some(LookupKey::EventName),
        Field::ServiceName => Some(LookupKey::ServiceName),
        Field::UserName => Some(LookupKey::User),
        Field::AccessKeyId => Some(LookupKey::EventAccessKeyId),
        Field::SourceIpAddress => Some(LookupKey::SourceIpAddress),
        Field::Bucket => Some(LookupKey::ResourceName),
        Field::EventRw => Some(LookupKey::EventRw),
        Field::EventType => Some(LookupKey::EventType),
        Field::IdentityType | Field::AcsRegion | Field::ErrorCode | Field::UserAgent => None,
    }
}

/// Whether two keys may be combined in one call (the documented pairs [LOOKUP]).
pub fn combinable(a: LookupKey, b: LookupKey) -> bool {
    use LookupKey::*;
    let pair = |x: LookupKey, y: LookupKey| match x {
        ServiceName => {
            matches!(y, EventName | User | RoleName | ResourceName | EventRw | SensitiveAction | EventType)
        }
        ResourceName => matches!(y, ResourceType | EventName | User | RoleName | ServiceName),
        EventType => y == EventName,
        _ => false,
    };
    pair(a, b) || pair(b, a)
}

/// One attribute of the call: exact, case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupAttribute {
    pub key: LookupKey,
    pub value: String,
}

/// A part of the explorer's filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterPart {
    Include { field: Field, values: Vec<String> },
    Exclude { field: Field, values: Vec<String> },
    Text(String),
    ErrorsOnly,
    SensitiveOnly,
}

/// Why a filter part did not become an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// No LookupEvents key for this (identity type, region, error code, user agent).
    NoKey,
    /// Several values of one field: attributes cannot OR.
    SeveralValues,
    /// The empty value ("absent"): attributes match values only.
    Absent,
    /// Attributes only match; they cannot exclude.
    Exclude,
    /// No free-text search in LookupEvents.
    FreeText,
    /// Not one of the documented pairs with the attribute(s) kept.
    NotCombinable,
    /// Two attributes were already kept (the API reads only the first two).
    BeyondTwo,
}

/// A filter part left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub part: FilterPart,
    pub reason: DropReason,
}

/// An attribute kept that means something slightly different from the explorer's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupNote {
    /// `User` is the caller name; the explorer's identity falls back to principalId.
    UserIsCallerName,
    /// `ResourceName` matches a resource of any type with that name, not only buckets.
    ResourceNameAnyType,
    /// `SensitiveAction=true` is ActionTrail's own flag; the explorer also flags a fixed event list
    /// and PutBucketAcl with a public ACL.
    SensitiveActionFlag,
    /// About the time range (StartTime/EndTime are the window's seconds; whether EndTime is
    /// inclusive is not documented, so the last second may be included).
    Time(TimeNote),
    /// The range had no end: EndTime is the moment the parameters were made (the API takes both
    /// ends or neither).
    EndIsNow,
    /// The range had no start: StartTime is 90 days before now, as far back as LookupEvents reads.
    StartIsHistoryLimit,
}

/// How far back LookupEvents reads: the last 90 days.
pub const LOOKUP_HISTORY_DAYS: i64 = 90;

/// LookupEvents parameters for a filter: at most two attributes and the time range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupEvents {
    pub attributes: Vec<LookupAttribute>,
    /// ISO 8601 UTC. Always both: an open end is filled (see [`LookupNote::EndIsNow`] and
    /// [`LookupNote::StartIsHistoryLimit`]).
    pub start_time: String,
    pub end_time: String,
    /// Every filter part that did not become an attribute, in filter order.
    pub dropped: Vec<Dropped>,
    pub notes: Vec<LookupNote>,
    /// The region to ask (LookupEvents answers for one region): the filter's region, when it
    /// keeps exactly one.
    pub region: Option<String>,
}

/// Quote for a POSIX shell: single quotes, `'` as `'\''` (nothing inside is special) [CLI].
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[derive(Serialize)]
struct JsonAttribute<'a> {
    #[serde(rename = "Key")]
    key: &'static str,
    #[serde(rename = "Value")]
    value: &'a str,
}

#[derive(Serialize)]
struct JsonRequest<'a> {
    #[serde(rename = "StartTime")]
    start_time: &'a str,
    #[serde(rename = "EndTime")]
    end_time: &'a str,
    #[serde(rename = "LookupAttribute")]
    lookup_attribute: Vec<JsonAttribute<'a>>,
}

impl LookupEvents {
    /// An Alibaba Cloud CLI command line for a POSIX shell (Linux, macOS):
    /// `aliyun actiontrail LookupEvents --StartTime … --EndTime … --LookupAttribute.1.Key EventName
    /// --LookupAttribute.1.Value '…'`. Values are always single-quoted, so any value is safe.
    pub fn to_cli(&self) -> String {
        // ISO 8601 times hold nothing a shell reads specially.
        let mut cmd = String::from("aliyun actiontrail LookupEvents");
        if let Some(r) = &self.region {
            cmd.push_str(&format!(" --region {}", sh_quote(r)));
        }
        cmd.push_str(&format!(" --StartTime {} --EndTime {}", self.start_time, self.end_time));
        for (i, a) in self.attributes.iter().enumerate() {
            let n = i + 1;
            cmd.push_str(&format!(
                " --LookupAttribute.{n}.Key {} --LookupAttribute.{n}.Value {}",
                a.key.as_str(),
                sh_quote(&a.value)
            ));
        }
        cmd
    }

    /// The request parameters as JSON (`StartTime`, `EndTime`, `LookupAttribute: [{Key, Value}]`), as
    /// the SDKs' LookupEvents request takes them: exact for any value and independent of the shell.
    pub fn to_json(&self) -> String {
        let req = JsonRequest {
            start_time: &self.start_time,
            end_time: &self.end_time,
            lookup_attribute: self
                .attributes
                .iter()
                .map(|a| JsonAttribute { key: a.key.as_str(), value: &a.value })
                .collect(),
        };
        // Serializing plain strings cannot fail; an empty string would only mean a bug here.
        serde_json::to_string(&req).unwrap_or_default()
    }
}

/// A filter part that could be an attribute.
struct Candidate {
    part: FilterPart,
    attribute: LookupAttribute,
}

/// LookupEvents attributes for a filter: single-valued includes of fields with a key, and
/// "sensitive only" as `SensitiveAction=true`, keeping the first documented pair in filter order
/// (else the first one alone). Everything else is listed in `dropped` [LOOKUP].
/// `now_ms` is when the parameters are made: an open end becomes now, an open start 90 days
/// before it.
pub fn lookup_events(filter: &Filter, now_ms: i64) -> LookupEvents {
    // Filter parts in order; Ok(candidate) or Err(dropped now).
    let mut parts: Vec<Result<Candidate, Dropped>> = Vec::new();
    for (field, values) in merged(&filter.include) {
        let part = FilterPart::Include { field, values: values.iter().map(|v| v.to_string()).collect() };
        let dropped_for = |reason| Err(Dropped { part: part.clone(), reason });
        parts.push(match (lookup_key(field), values.as_slice()) {
            (None, _) => dropped_for(DropReason::NoKey),
            (Some(_), [""]) => dropped_for(DropReason::Absent),
            (Some(key), [v]) => {
                Ok(Candidate { part: part.clone(), attribute: LookupAttribute { key, value: v.to_string() } })
            }
            (Some(_), _) => dropped_for(DropReason::SeveralValues),
        });
    }
    for (field, values) in merged(&filter.exclude) {
        let part = FilterPart::Exclude { field, values: values.iter().map(|v| v.to_string()).collect() };
        parts.push(Err(Dropped { part, reason: DropReason::Exclude }));
    }
    let text = search_text(filter);
    if !text.is_empty() {
        parts.push(Err(Dropped { part: FilterPart::Text(text), reason: DropReason::FreeText }));
    }
    if filter.errors_only {
        parts.push(Err(Dropped { part: FilterPart::ErrorsOnly, reason: DropReason::NoKey }));
    }
    if filter.sensitive_only {
        let attribute = LookupAttribute { key: LookupKey::SensitiveAction, value: "true".into() };
        parts.push(Ok(Candidate { part: FilterPart::SensitiveOnly, attribute }));
    }

    let keys: Vec<(usize, LookupKey)> =
        parts.iter().enumerate().filter_map(|(i, p)| p.as_ref().ok().map(|c| (i, c.attribute.key))).collect();
    let pair = keys
        .iter()
        .enumerate()
        .find_map(|(n, &(i, a))| keys[n + 1..].iter().find(|&&(_, b)| combinable(a, b)).map(|&(j, _)| vec![i, j]));
    let kept: Vec<usize> = pair.unwrap_or_else(|| keys.first().map(|&(i, _)| vec![i]).unwrap_or_default());

    let mut attributes = Vec::new();
    let mut dropped = Vec::new();
    let mut notes = Vec::new();
    let kept_keys: Vec<LookupKey> = keys.iter().filter(|(i, _)| kept.contains(i)).map(|&(_, k)| k).collect();
    for (i, p) in parts.into_iter().enumerate() {
        match p {
            Err(d) => dropped.push(d),
            Ok(c) if kept.contains(&i) => {
                match c.attribute.key {
                    LookupKey::User => notes.push(LookupNote::UserIsCallerName),
                    LookupKey::ResourceName => notes.push(LookupNote::ResourceNameAnyType),
                    LookupKey::SensitiveAction => notes.push(LookupNote::SensitiveActionFlag),
                    _ => {}
                }
                attributes.push(c.attribute);
            }
            Ok(c) => {
                let pairs = kept_keys.len() == 2 && kept_keys.iter().any(|&k| combinable(k, c.attribute.key));
                let reason = if pairs { DropReason::BeyondTwo } else { DropReason::NotCombinable };
                dropped.push(Dropped { part: c.part, reason });
            }
        }
    }
    let (w, time_notes) = window(filter);
    // The API takes both ends or neither: an open end is filled, and said so.
    let end = w.to.unwrap_or_else(|| to_seconds(now_ms, true).0);
    let start = w.from.unwrap_or_else(|| end.saturating_sub(LOOKUP_HISTORY_DAYS * 86_400).max(0));
    let mut time_notes: Vec<TimeNote> = time_notes.into_iter().filter(|n| *n != TimeNote::Open).collect();
    if start >= end && !time_notes.contains(&TimeNote::Empty) {
        time_notes.push(TimeNote::Empty);
    }
    notes.extend(time_notes.into_iter().map(LookupNote::Time));
    if w.from.is_none() {
        notes.push(LookupNote::StartIsHistoryLimit);
    }
    if w.to.is_none() {
        notes.push(LookupNote::EndIsNow);
    }
    let region = match merged(&filter.include).into_iter().find(|(f, _)| *f == Field::AcsRegion) {
        Some((_, values)) if values.len() == 1 && !values[0].is_empty() => Some(values[0].to_string()),
        _ => None,
    };
    LookupEvents { attributes, start_time: iso8601(start), end_time: iso8601(end), dropped, notes, region }
}
