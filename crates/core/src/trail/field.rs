//! The fields the explorer breaks down and filters by, each defined once: its key (URLs, test
//! ids, CSV header), its label in every language, and how its value is taken from a parsed event.
//! Adding a field is one entry in the `fields!` list below.

use super::parse::EventFields;
use crate::lang::Lang;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! fields {
    ($( $(#[$doc:meta])* $variant:ident { key: $key:literal, en: $en:literal, zh: $zh:literal, value: |$f:ident| $get:expr } )*) => {
        /// An indexed field of an event.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $( $(#[$doc])* $variant, )*
        }

        /// Every field, in display order.
        pub const FIELDS: &[Field] = &[$(Field::$variant),*];

        impl Field {
            /// The name used in URLs, test ids and CSV headers.
            pub fn key(self) -> &'static str {
                match self { $(Field::$variant => $key,)* }
            }

            /// A label for people, in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                match (lang, self) {
                    $((Lang::En, Field::$variant) => $en,)*
                    $((Lang::Zh, Field::$variant) => $zh,)*
                }
            }

            /// This field's value in a parsed event (`None`: absent).
            pub fn value<'a>(self, event: &'a EventFields<'_>) -> Option<&'a str> {
                match self { $(Field::$variant => { let $f = event; $get })* }
            }
        }
    };
}

fields! {
    EventName { key: "eventName", en: "Event", zh: "事件名称", value: |e| e.event_name.as_deref() }
    ServiceName { key: "serviceName", en: "Service", zh: "服务名称", value: |e| e.service_name.as_deref() }
    IdentityType { key: "identityType", en: "Identity type", zh: "身份类型", value: |e| e.identity_type.as_deref() }
    /// `userIdentity.userName`, or the principal id when there is no name.
    UserName { key: "userName", en: "Identity", zh: "用户名", value: |e| e.user_name.as_deref().or(e.principal_id.as_deref()) }
    AccessKeyId { key: "accessKeyId", en: "AccessKey ID", zh: "AccessKey ID", value: |e| e.access_key_id.as_deref() }
    SourceIpAddress { key: "sourceIpAddress", en: "Source IP", zh: "源 IP 地址", value: |e| e.source_ip.as_deref() }
    AcsRegion { key: "acsRegion", en: "Region", zh: "地域", value: |e| e.acs_region.as_deref() }
    /// The first bucket the event references.
    Bucket { key: "bucket", en: "Bucket", zh: "存储空间", value: |e| e.buckets.first().map(|b| b.as_ref()) }
    ErrorCode { key: "errorCode", en: "Error code", zh: "错误码", value: |e| e.error_code.as_deref() }
    EventRw { key: "eventRW", en: "Read/Write", zh: "读写类型", value: |e| e.event_rw.as_deref() }
    EventType { key: "eventType", en: "Event type", zh: "事件类型", value: |e| e.event_type.as_deref() }
    UserAgent { key: "userAgent", en: "User agent", zh: "用户代理", value: |e| e.user_agent.as_deref() }
}

impl Field {
    /// The field for a key, if any.
    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.iter().copied().find(|f| f.key() == key)
    }

    /// Position in `FIELDS` (columns are stored in that order).
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Field::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("unknown field {key:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        for (i, f) in FIELDS.iter().enumerate() {
            assert_eq!(f.index(), i);
            assert_eq!(Field::from_key(f.key()), Some(*f));
            let json = serde_json::to_string(f).unwrap();
            assert_eq!(json, format!("\"{}\"", f.key()));
            assert_eq!(serde_json::from_str::<Field>(&json).unwrap(), *f);
        }
        assert!(serde_json::from_str::<Field>("\"nope\"").is_err());
    }

    #[test]
    fn every_field_has_a_label_in_each_language() {
        for f in FIELDS {
            for lang in Lang::ALL {
                assert!(!f.label(lang).trim().is_empty(), "{f:?} {lang:?}");
            }
            // AccessKey ID is written so in the Chinese consoles too; every other label is translated.
            if *f != Field::AccessKeyId {
                assert_ne!(f.label(Lang::En), f.label(Lang::Zh), "{f:?}");
            }
        }
    }

    #[test]
    fn identity_falls_back_to_the_principal() {
        let e = EventFields { principal_id: Some("p-1".into()), ..Default::default() };
        assert_eq!(Field::UserName.value(&e), Some("p-1"));
        let e = EventFields { user_name: Some("alice".into()), principal_id: Some("p-1".into()), ..Default::default() };
        assert_eq!(Field::UserName.value(&e), Some("alice"));
    }
}
