//! Parse one event object, leniently: known fields are taken whatever their JSON type (a number
//! where a string belongs is kept as text), SLS and CloudTrail wrappers (`event` /
//! `CloudTrailEvent` holding the event as a JSON string) are unwrapped, CloudTrail field names are
//! mapped onto ActionTrail's, and every other string value is collected as search text.

use crate::time::parse_iso8601;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The fields the console indexes, borrowed from the input where possible.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EventFields<'a> {
    pub event_id: Option<Cow<'a, str>>,
    pub request_id: Option<Cow<'a, str>>,
    pub event_time: Option<Cow<'a, str>>,
    pub event_name: Option<Cow<'a, str>>,
    pub service_name: Option<Cow<'a, str>>,
    pub event_source: Option<Cow<'a, str>>,
    pub event_type: Option<Cow<'a, str>>,
    pub event_rw: Option<Cow<'a, str>>,
    pub acs_region: Option<Cow<'a, str>>,
    pub source_ip: Option<Cow<'a, str>>,
    pub user_agent: Option<Cow<'a, str>>,
    pub error_code: Option<Cow<'a, str>>,
    pub error_message: Option<Cow<'a, str>>,
    pub identity_type: Option<Cow<'a, str>>,
    pub user_name: Option<Cow<'a, str>>,
    pub principal_id: Option<Cow<'a, str>>,
    pub access_key_id: Option<Cow<'a, str>>,
    pub buckets: Vec<Cow<'a, str>>,
    pub sensitive_attribute: bool,
    /// CloudTrail `readOnly`.
    pub read_only: Option<bool>,
    /// Every other string value of the event, space-separated (for free-text search).
    pub extra: String,
    /// SLS / CloudTrail LookupEvents: the real event, as a JSON string.
    pub wrapped: Option<Cow<'a, str>>,
    /// SLS `__time__` (seconds), a fallback time for wrapped events.
    pub sls_time: Option<Cow<'a, str>>,
    /// Field names seen that only CloudTrail uses.
    pub cloudtrail: bool,
}

/// How the event was wrapped in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapping {
    None,
    /// The event is a JSON string in a field of the object (SLS `event`, CloudTrail
    /// LookupEvents `CloudTrailEvent`).
    JsonString,
}

/// Why an object is not an event.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ParseError {
    #[error("not valid JSON ({0})")]
    Json(String),
    #[error("not an event (it has no eventId, eventName or eventTime)")]
    NotAnEvent,
    #[error("no eventTime")]
    NoTime,
    #[error("eventTime {0:?} is not an ISO 8601 UTC time")]
    BadTime(String),
}

/// A parsed event: the fields, its time, and how it was wrapped.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed<'a> {
    pub fields: EventFields<'a>,
    pub time_ms: i64,
    pub wrapping: Wrapping,
}

/// A string value that borrows when it can.
struct CowStr<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Any scalar as text; objects and arrays are skipped (None), null is None.
struct Lenient<'de>(Option<Cow<'de, str>>);

impl<'de> serde::Deserialize<'de> for Lenient<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lenient<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Lenient((!v.is_empty()).then_some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Lenient((!v.is_empty()).then(|| Cow::Owned(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Lenient((!v.is_empty()).then_some(Cow::Owned(v))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Lenient(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Lenient(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Lenient(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Lenient(Some(Cow::Borrowed(if v { "true" } else { "false" }))))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Appends every string and number in a value to a search text.
struct Collect<'s>(&'s mut String);

impl Collect<'_> {
    fn push(&mut self, s: &str) {
        if !s.is_empty() {
            if !self.0.is_empty() {
                self.0.push(' ');
            }
            self.0.push_str(s);
        }
    }
}

impl<'de> DeserializeSeed<'de> for Collect<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Collect<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(mut self, v: &str) -> Result<(), E> {
        self.push(v);
        Ok(())
    }
    fn visit_i64<E>(mut self, v: i64) -> Result<(), E> {
        self.push(&v.to_string());
        Ok(())
    }
    fn visit_u64<E>(mut self, v: u64) -> Result<(), E> {
        self.push(&v.to_string());
        Ok(())
    }
    fn visit_f64<E>(mut self, v: f64) -> Result<(), E> {
        self.push(&v.to_string());
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        while m.next_key::<IgnoredAny>()?.is_some() {
            m.next_value_seed(Collect(&mut *self.0))?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        while s.next_element_seed(Collect(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// `userIdentity`: the indexed subfields; the rest goes to the search text.
struct Identity<'f, 'de>(&'f mut EventFields<'de>);

impl<'de> DeserializeSeed<'de> for Identity<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Identity<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a userIdentity object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let f = self.0;
        while let Some(CowStr(key)) = m.next_key()? {
            match key.as_ref() {
                "type" => f.identity_type = m.next_value::<Lenient>()?.0,
                "userName" => f.user_name = m.next_value::<Lenient>()?.0,
                "principalId" => f.principal_id = m.next_value::<Lenient>()?.0,
                "accessKeyId" => f.access_key_id = m.next_value::<Lenient>()?.0,
                "arn" if f.user_name.is_none() => f.user_name = m.next_value::<Lenient>()?.0,
                _ => m.next_value_seed(Collect(&mut f.extra))?,
            }
        }
        Ok(())
    }
    // A userIdentity that is not an object: ignore it.
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        while s.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// `referencedResources` (`{"ACS::OSS::Bucket": [...]}`), CloudTrail `resources`
/// (`[{"type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::name"}]`), and `requestParameters` (whose
/// `bucketName` names the bucket in CloudTrail): buckets out, everything into the search text.
struct Resources<'f, 'de> {
    f: &'f mut EventFields<'de>,
    /// Keys whose string values are bucket names.
    bucket_key: &'static [&'static str],
    /// Inside an array under a bucket key.
    in_bucket_list: bool,
}

impl<'de> DeserializeSeed<'de> for Resources<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Resources<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("resources")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        if self.in_bucket_list {
            self.f.buckets.push(Cow::Borrowed(v));
        }
        Collect(&mut self.f.extra).push(v);
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if self.in_bucket_list {
            self.f.buckets.push(Cow::Owned(v.to_string()));
        }
        Collect(&mut self.f.extra).push(v);
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        Collect(&mut self.f.extra).push(&v.to_string());
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        Collect(&mut self.f.extra).push(&v.to_string());
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        Collect(&mut self.f.extra).push(&v.to_string());
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let (f, keys) = (self.f, self.bucket_key);
        let mut arn_is_bucket = false;
        let mut arn: Option<Cow<'de, str>> = None;
        while let Some(CowStr(key)) = m.next_key()? {
            let is_bucket = keys.contains(&key.as_ref());
            if key == "type" {
                let t = m.next_value::<Lenient>()?.0;
                arn_is_bucket = t.as_deref() == Some("AWS::S3::Bucket");
                continue;
            }
            if key == "ARN" {
                arn = m.next_value::<Lenient>()?.0;
                continue;
            }
            m.next_value_seed(Resources { f: &mut *f, bucket_key: keys, in_bucket_list: is_bucket })?;
        }
        if let (true, Some(a)) = (arn_is_bucket, arn) {
            let name = a.rsplit(':').next().unwrap_or_default().to_string();
            f.buckets.push(Cow::Owned(name));
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        let (f, keys, in_list) = (self.f, self.bucket_key, self.in_bucket_list);
        while s.next_element_seed(Resources { f: &mut *f, bucket_key: keys, in_bucket_list: in_list })?.is_some() {}
        Ok(())
    }
}

/// `eventAttributes`: `SensitiveAction` true or "true".
struct Attributes<'f, 'de>(&'f mut EventFields<'de>);

impl<'de> DeserializeSeed<'de> for Attributes<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let Attributes(f) = self;
        let v: serde_json::Value = serde::Deserialize::deserialize(d)?;
        if let Some(s) = v.get("SensitiveAction") {
            f.sensitive_attribute = s == &serde_json::Value::Bool(true) || s.as_str() == Some("true");
        }
        Collect(&mut f.extra).push(&v.to_string());
        Ok(())
    }
}

/// A text field of [`EventFields`], chosen by a top-level key.
pub(crate) type TextSlot = for<'f, 'a> fn(&'f mut EventFields<'a>) -> &'f mut Option<Cow<'a, str>>;

/// What a top-level key of an event holds: one table for both parsers (`scan` and serde's).
pub(crate) enum TopKey {
    /// A string kept as it is.
    Text(TextSlot),
    /// SLS `event` / LookupEvents `CloudTrailEvent`: the real event as a JSON string.
    Wrapped,
    Identity,
    /// Resources naming buckets under these keys, everything into the search text.
    Buckets(&'static [&'static str]),
    Attributes,
    ReadOnly,
    /// Numbers and flags that would only add noise to search.
    Ignored,
    /// Anything else: its strings go to the search text.
    Other,
}

impl TopKey {
    /// The key's meaning, and whether only CloudTrail spells it so.
    pub(crate) fn of(key: &str) -> (TopKey, bool) {
        use TopKey::*;
        let text = |slot: TextSlot| (Text(slot), false);
        match key {
            "eventId" => text(|f| &mut f.event_id),
            "eventID" => (Text(|f| &mut f.event_id), true),
            "requestId" | "requestID" => text(|f| &mut f.request_id),
            "eventTime" => text(|f| &mut f.event_time),
            "eventName" => text(|f| &mut f.event_name),
            "serviceName" => text(|f| &mut f.service_name),
            "eventSource" => text(|f| &mut f.event_source),
            "eventType" => text(|f| &mut f.event_type),
            "eventRW" => text(|f| &mut f.event_rw),
            "acsRegion" => text(|f| &mut f.acs_region),
            "awsRegion" => (Text(|f| &mut f.acs_region), true),
            "sourceIpAddress" | "sourceIPAddress" => text(|f| &mut f.source_ip),
            "userAgent" => text(|f| &mut f.user_agent),
            "errorCode" => text(|f| &mut f.error_code),
            "errorMessage" => text(|f| &mut f.error_message),
            "__time__" => text(|f| &mut f.sls_time),
            "event" | "CloudTrailEvent" => (Wrapped, false),
            "userIdentity" => (Identity, false),
            "referencedResources" => (Buckets(&["ACS::OSS::Bucket"]), false),
            "resources" | "requestParameters" => (Buckets(&["bucketName", "BucketName"]), false),
            "eventAttributes" => (Attributes, false),
            "readOnly" => (ReadOnly, true),
            "eventVersion" | "isGlobal" | "apiVersion" | "eventCategory" | "recipientAccountId" | "__topic__"
            | "__source__" => (Ignored, false),
            _ => (Other, false),
        }
    }
}

/// CloudTrail's `readOnly` as a flag (anything but `true` / `false` is unknown).
pub(crate) fn read_only(v: Option<&str>) -> Option<bool> {
    match v {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

struct Event<'f, 'de>(&'f mut EventFields<'de>);

impl<'de> DeserializeSeed<'de> for Event<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Event<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let f = self.0;
        while let Some(CowStr(key)) = m.next_key()? {
            let (what, cloudtrail) = TopKey::of(&key);
            f.cloudtrail |= cloudtrail;
            match what {
                TopKey::Text(slot) => *slot(f) = m.next_value::<Lenient>()?.0,
                TopKey::Wrapped => {
                    if let Some(s) = m.next_value::<Lenient>()?.0.filter(|s| s.trim_start().starts_with('{')) {
                        f.wrapped = Some(s);
                    }
                }
                TopKey::Identity => m.next_value_seed(Identity(&mut *f))?,
                TopKey::Buckets(bucket_key) => {
                    m.next_value_seed(Resources { f: &mut *f, bucket_key, in_bucket_list: false })?
                }
                TopKey::Attributes => m.next_value_seed(Attributes(&mut *f))?,
                TopKey::ReadOnly => f.read_only = read_only(m.next_value::<Lenient>()?.0.as_deref()),
                TopKey::Ignored => {
                    m.next_value::<IgnoredAny>()?;
                }
                TopKey::Other => m.next_value_seed(Collect(&mut f.extra))?,
            }
        }
        Ok(())
    }
}

fn fields_of(bytes: &[u8]) -> Result<EventFields<'_>, ParseError> {
    let mut f = EventFields::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Event(&mut f).deserialize(&mut de).map_err(|e| ParseError::Json(e.to_string()))?;
    de.end().map_err(|e| ParseError::Json(e.to_string()))?;
    Ok(f)
}

fn cloudtrail_identity_type(t: &str) -> Option<&'static str> {
    Some(match t {
        "Root" => "root-account",
        "IAMUser" => "ram-user",
        "AssumedRole" => "assumed-role",
        "AWSService" => "system",
        _ => return None,
    })
}

/// Map CloudTrail names and values onto ActionTrail's.
fn normalize(f: &mut EventFields<'_>) {
    if f.cloudtrail {
        if f.event_rw.is_none() {
            f.event_rw = f.read_only.map(|r| Cow::Borrowed(if r { "Read" } else { "Write" }));
        }
        if let Some(mapped) = f.identity_type.as_deref().and_then(cloudtrail_identity_type) {
            f.identity_type = Some(Cow::Borrowed(mapped));
        }
        if f.service_name.is_none() {
            f.service_name =
                f.event_source.as_deref().map(|s| Cow::Owned(s.split('.').next().unwrap_or(s).to_string()));
        }
    }
    if f.event_id.is_none() {
        f.event_id = f.request_id.clone();
    }
}

/// Parse one object from a trail file.
pub fn parse_event(bytes: &[u8]) -> Result<Parsed<'_>, ParseError> {
    let outer = fields_of(bytes)?;
    if let Some(inner) = outer.wrapped.clone() {
        // The event is a JSON string: parse that (owned, since it was unescaped).
        let mut f = fields_of(inner.as_bytes()).map(into_owned)?;
        if f.event_time.is_none() {
            f.event_time = outer.sls_time.clone().map(|s| Cow::Owned(s.into_owned()));
        }
        return finish(f, Wrapping::JsonString);
    }
    finish(outer, Wrapping::None)
}

/// The same fields, owning their text (the wrapped event's fields, whose text was unescaped).
pub(crate) fn into_owned(f: EventFields<'_>) -> EventFields<'static> {
    let own = |c: Option<Cow<'_, str>>| c.map(|c| Cow::Owned(c.into_owned()));
    EventFields {
        event_id: own(f.event_id),
        request_id: own(f.request_id),
        event_time: own(f.event_time),
        event_name: own(f.event_name),
        service_name: own(f.service_name),
        event_source: own(f.event_source),
        event_type: own(f.event_type),
        event_rw: own(f.event_rw),
        acs_region: own(f.acs_region),
        source_ip: own(f.source_ip),
        user_agent: own(f.user_agent),
        error_code: own(f.error_code),
        error_message: own(f.error_message),
        identity_type: own(f.identity_type),
        user_name: own(f.user_name),
        principal_id: own(f.principal_id),
        access_key_id: own(f.access_key_id),
        buckets: f.buckets.into_iter().map(|b| Cow::Owned(b.into_owned())).collect(),
        sensitive_attribute: f.sensitive_attribute,
        read_only: f.read_only,
        extra: f.extra,
        wrapped: None,
        sls_time: None,
        cloudtrail: f.cloudtrail,
    }
}

/// Normalize the fields and check that they make an event with a time (shared with `scan`).
pub(crate) fn finish(mut f: EventFields<'_>, wrapping: Wrapping) -> Result<Parsed<'_>, ParseError> {
    normalize(&mut f);
    if f.event_id.is_none() && f.event_name.is_none() && f.event_time.is_none() {
        return Err(ParseError::NotAnEvent);
    }
    let Some(t) = f.event_time.as_deref() else {
        return Err(ParseError::NoTime);
    };
    let time_ms = match parse_iso8601(t) {
        Some(ms) => ms,
        // SLS `__time__` is Unix seconds.
        None => match t.parse::<i64>() {
            Ok(secs) if (0..=4_102_444_800).contains(&secs) => secs * 1000,
            _ => return Err(ParseError::BadTime(t.chars().take(40).collect())),
        },
    };
    Ok(Parsed { fields: f, time_ms, wrapping })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../tests/data/create-bucket-assumed-role.json");

    #[test]
    fn documented_sample() {
        let p = parse_event(SAMPLE.as_bytes()).unwrap();
        let f = &p.fields;
        assert_eq!(f.event_id.as_deref(), Some("6110EC1086A4803039D44C7A"));
        assert_eq!(f.event_name.as_deref(), Some("PutBucket"));
        assert_eq!(f.identity_type.as_deref(), Some("assumed-role"));
        assert_eq!(f.user_name.as_deref(), Some("oss-role:roleTest123"));
        assert_eq!(f.access_key_id.as_deref(), Some("STS.NTThE5nV7fh3q4fPkQdQH****"));
        assert_eq!(f.buckets, vec!["test-123"]);
        assert_eq!(p.time_ms, parse_iso8601("2021-08-09T08:49:20Z").unwrap());
        assert!(f.extra.contains("26842"), "{}", f.extra);
        assert!(f.extra.contains("189217171671****"));
        assert_eq!(p.wrapping, Wrapping::None);
    }

    #[test]
    fn wrong_types_are_kept_as_text_and_versions_in_both_forms() {
        let p = parse_event(br#"{"eventId":123,"eventVersion":"1","eventName":["x"],"eventTime":"2024-01-01T00:00:00Z","errorCode":null,"userIdentity":"weird"}"#).unwrap();
        assert_eq!(p.fields.event_id.as_deref(), Some("123"));
        assert_eq!(p.fields.event_name, None);
        assert_eq!(p.fields.error_code, None);
    }

    #[test]
    fn sls_and_cloudtrail_wrappers() {
        let inner = SAMPLE.replace('\n', "");
        let sls = serde_json::json!({"__time__": "1628498960", "__topic__": "actiontrail_audit_event", "event": inner})
            .to_string();
        let p = parse_event(sls.as_bytes()).unwrap();
        assert_eq!(p.wrapping, Wrapping::JsonString);
        assert_eq!(p.fields.event_name.as_deref(), Some("PutBucket"));

        let ct = r#"{"eventVersion":"1.08","eventID":"e-1","eventTime":"2023-05-01T10:00:00Z","eventSource":"s3.amazonaws.com",
            "eventName":"PutBucketAcl","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","readOnly":false,
            "userIdentity":{"type":"IAMUser","userName":"alice","accessKeyId":"AKIAEXAMPLE"},
            "requestParameters":{"bucketName":"logs-bucket","acl":""},"errorCode":"AccessDenied"}"#;
        let p = parse_event(ct.as_bytes()).unwrap();
        let f = &p.fields;
        assert_eq!(f.event_id.as_deref(), Some("e-1"));
        assert_eq!(f.acs_region.as_deref(), Some("us-east-1"));
        assert_eq!(f.event_rw.as_deref(), Some("Write"));
        assert_eq!(f.identity_type.as_deref(), Some("ram-user"));
        assert_eq!(f.service_name.as_deref(), Some("s3"));
        assert_eq!(f.buckets, vec!["logs-bucket"]);
        assert_eq!(f.source_ip.as_deref(), Some("198.51.100.7"));
    }

    #[test]
    fn not_events() {
        assert!(matches!(parse_event(b"{\"hello\":1}"), Err(ParseError::NotAnEvent)));
        assert!(matches!(parse_event(b"{\"eventId\":\"a\"}"), Err(ParseError::NoTime)));
        assert!(matches!(parse_event(b"{\"eventId\":\"a\",\"eventTime\":\"yesterday\"}"), Err(ParseError::BadTime(_))));
        assert!(matches!(parse_event(b"{\"eventId\":\"a\",}"), Err(ParseError::Json(_))));
        assert!(matches!(parse_event(b"{\"eventId\":\"a\"} x"), Err(ParseError::Json(_))));
        let deep = format!("{{\"eventId\":\"a\",\"x\":{}1{}}}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse_event(deep.as_bytes()).is_err(), "recursion limit, not a stack overflow");
    }
}
