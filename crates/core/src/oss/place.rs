//! Where a bucket is, modelled once for every view that calls OSS (the tracking view, a trail's
//! bucket, and the views to come), and what the tab knows about endpoints: which ones outside the
//! OSS domains the user confirmed, and the clock correction learned from each.

use super::credentials::Credentials;
use super::request::{Addressing, BucketTarget};
use super::session::{Form, MAX_CLOCK_CORRECTION_MS};
use super::validate::InputError;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A bucket's name, region, endpoint override (empty: the region's public endpoint) and
/// addressing style, as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BucketPlace {
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub addressing: Addressing,
}

impl Default for BucketPlace {
    fn default() -> Self {
        BucketPlace {
            bucket: String::new(),
            region: "cn-hangzhou".into(),
            endpoint: String::new(),
            addressing: Addressing::VirtualHosted,
        }
    }
}

/// One change a person makes to a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceEdit {
    Bucket(String),
    Region(String),
    Endpoint(String),
    Addressing(Addressing),
}

impl BucketPlace {
    /// The local emulator's `bucket` (its endpoint and region).
    pub fn emulator(bucket: &str) -> Self {
        BucketPlace {
            bucket: bucket.into(),
            region: super::demo::REGION.into(),
            endpoint: super::demo::ENDPOINT.into(),
            addressing: Addressing::VirtualHosted,
        }
    }

    /// Apply an edit; whether anything changed.
    pub fn edit(&mut self, e: PlaceEdit) -> bool {
        let before = self.clone();
        match e {
            PlaceEdit::Bucket(v) => self.bucket = v,
            PlaceEdit::Region(v) => self.region = v,
            PlaceEdit::Endpoint(v) => self.endpoint = v,
            PlaceEdit::Addressing(a) => self.addressing = a,
        }
        *self != before
    }

    /// The checked target (bucket, region, endpoint, addressing).
    pub fn target(&self) -> Result<BucketTarget, InputError> {
        BucketTarget::new(&self.bucket, &self.region, &self.endpoint, self.addressing)
    }

    /// The endpoint's origin (`https://oss-cn-hangzhou.aliyuncs.com`), when the place is valid: what
    /// a confirmation and a clock correction belong to.
    pub fn endpoint_origin(&self) -> Option<String> {
        self.target().ok().map(|t| endpoint_origin(&t))
    }

    /// When the endpoint is an OSS endpoint of another region than the one typed (a request
    /// signed for one region and sent to another fails): the endpoint's region.
    pub fn mismatched_region(&self) -> Option<String> {
        let endpoint = super::validate::endpoint(&self.endpoint).ok()?;
        let region = oss_host_region(&endpoint.host)?;
        let typed = super::validate::region(&self.region).ok()?;
        (region != typed).then_some(region)
    }

    /// The session's form for this place and these credentials.
    pub fn form(&self, credentials: Credentials) -> Form {
        Form { credentials, place: self.clone() }
    }
}

/// A target's endpoint origin (without the bucket's name in front, whatever the addressing).
pub fn endpoint_origin(target: &BucketTarget) -> String {
    target.endpoint.origin_with_prefix("")
}

/// The region of an OSS regional host (`oss-cn-beijing.aliyuncs.com`,
/// `bucket.oss-cn-hangzhou-internal.aliyuncs.com`); `None` for any other host, and for the
/// global acceleration endpoints.
pub fn oss_host_region(host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    let name = host.strip_suffix(".aliyuncs.com")?.rsplit('.').next()?;
    let region = name.strip_prefix("oss-")?;
    let region = region.strip_suffix("-internal").unwrap_or(region);
    if region.starts_with("accelerate") {
        return None;
    }
    super::validate::region(region).ok()
}

/// What this tab knows about endpoints. One per tab, shared by every view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Endpoints {
    confirmed: BTreeSet<String>,
    offsets: BTreeMap<String, i64>,
}

impl Endpoints {
    /// With these origins confirmed (what the tab remembered).
    pub fn with_confirmed(origins: impl IntoIterator<Item = String>) -> Self {
        Endpoints { confirmed: origins.into_iter().collect(), offsets: BTreeMap::new() }
    }

    /// Whether the user confirmed sending signed requests to `origin`.
    pub fn is_confirmed(&self, origin: &str) -> bool {
        self.confirmed.contains(origin)
    }

    /// The user confirmed `origin`.
    pub fn confirm(&mut self, origin: &str) {
        self.confirmed.insert(origin.to_string());
    }

    /// The origins confirmed, in order (what the tab remembers).
    pub fn confirmed(&self) -> impl Iterator<Item = &str> {
        self.confirmed.iter().map(String::as_str)
    }

    /// The clock correction learned from `origin` (0 if none).
    pub fn offset(&self, origin: &str) -> i64 {
        self.offsets.get(origin).copied().unwrap_or(0)
    }

    /// Keep the clock correction `origin`'s answers taught; one beyond a day is not kept.
    pub fn learn(&mut self, origin: &str, offset_ms: i64) {
        if offset_ms.abs() <= MAX_CLOCK_CORRECTION_MS {
            self.offsets.insert(origin.to_string(), offset_ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_offset_and_one_confirmation_per_endpoint_origin() {
        let mut e = Endpoints::default();
        let hangzhou = BucketPlace { bucket: "abc".into(), ..Default::default() };
        let other_bucket = BucketPlace { bucket: "bcd".into(), ..Default::default() };
        let origin = hangzhou.endpoint_origin().unwrap();
        assert_eq!(origin, "https://oss-cn-hangzhou.aliyuncs.com");
        assert_eq!(other_bucket.endpoint_origin().as_deref(), Some(origin.as_str()), "the bucket is not part of it");
        e.learn(&origin, 3_600_000);
        assert_eq!(e.offset(&origin), 3_600_000);
        assert_eq!(e.offset("https://oss-cn-beijing.aliyuncs.com"), 0);
        e.learn(&origin, 2 * MAX_CLOCK_CORRECTION_MS);
        assert_eq!(e.offset(&origin), 3_600_000, "a correction past a day is not kept");
        e.confirm("https://gw.example");
        assert!(e.is_confirmed("https://gw.example") && !e.is_confirmed("https://gw.example:444"));
        assert_eq!(e.confirmed().collect::<Vec<_>>(), ["https://gw.example"]);
    }

    #[test]
    fn an_oss_endpoint_of_another_region_is_noticed() {
        let place = |region: &str, endpoint: &str| BucketPlace {
            bucket: "logs".into(),
            region: region.into(),
            endpoint: endpoint.into(),
            ..Default::default()
        };
        let other = place("cn-hangzhou", "https://oss-cn-beijing.aliyuncs.com");
        assert_eq!(other.mismatched_region().as_deref(), Some("cn-beijing"));
        let internal = place("cn-hangzhou", "oss-cn-shanghai-internal.aliyuncs.com");
        assert_eq!(internal.mismatched_region().as_deref(), Some("cn-shanghai"));
        for fine in [
            place("cn-beijing", "https://oss-cn-beijing.aliyuncs.com"),
            place(" oss-cn-beijing ", "https://oss-cn-beijing-internal.aliyuncs.com"),
            place("cn-hangzhou", "https://oss-accelerate.aliyuncs.com"),
            place("cn-hangzhou", ""),
            place("cn-hangzhou", "http://localhost:9000"),
            place("cn-hangzhou", "https://gw.example.com"),
        ] {
            assert_eq!(fine.mismatched_region(), None, "{fine:?}");
        }
    }

    #[test]
    fn edits_say_whether_they_changed_the_place() {
        let mut p = BucketPlace::emulator("demo-bucket");
        assert!(!p.edit(PlaceEdit::Bucket("demo-bucket".into())));
        assert!(p.edit(PlaceEdit::Addressing(Addressing::PathStyle)));
        assert!(p.edit(PlaceEdit::Region("cn-beijing".into())));
        assert_eq!(p.region, "cn-beijing");
        assert_eq!(BucketPlace { bucket: "".into(), ..p }.endpoint_origin(), None);
    }
}
