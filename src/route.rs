//! The URL hash: which view (`#/tracking`, `#/events`, `#/insights`) and that view's state, parsed in one place
//! and followed by one `hashchange` listener (`use_location`).

use crate::services::hash;
use console_core::oss::encode::{percent_decode, query_component};
use console_core::trail::share::{self, Trimmed, ViewState};
use console_core::trail::store::Field;
use yew::prelude::*;

/// A top-level view of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Tracking,
    Events,
    Insights,
    Fleet,
}

impl Route {
    /// Every view, in the tabs' order.
    pub const ALL: [Route; 4] = [Route::Tracking, Route::Events, Route::Insights, Route::Fleet];

    /// Parse a location hash such as `#/events?f=…`; anything unknown falls back to tracking.
    pub fn from_hash(hash: &str) -> Route {
        match split(hash).0.trim_end_matches('/') {
            "/events" | "events" => Route::Events,
            "/insights" | "insights" => Route::Insights,
            "/fleet" | "fleet" => Route::Fleet,
            _ => Route::Tracking,
        }
    }

    /// Whether `hash` names this route exactly (so an unknown hash can be rewritten).
    pub fn is_known_hash(hash: &str) -> bool {
        matches!(split(hash).0, "/tracking" | "/events" | "/insights" | "/fleet")
    }

    /// The hash path of this view, without `#`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Tracking => "/tracking",
            Route::Events => "/events",
            Route::Insights => "/insights",
            Route::Fleet => "/fleet",
        }
    }

    /// A short stable name for test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Route::Tracking => "tracking",
            Route::Events => "events",
            Route::Insights => "insights",
            Route::Fleet => "fleet",
        }
    }
}

/// A bucket named in a `#/tracking?bucket=…&region=…` link (from the explorer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrackingLink {
    pub bucket: Option<String>,
    pub region: Option<String>,
}

/// Everything the hash says.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub route: Route,
    /// The explorer's filters, order and selection (`#/events?…`).
    pub events: ViewState,
    /// What the events link carried past its caps, left out.
    pub trimmed: Trimmed,
    /// A bucket to open the tracking view on (`#/tracking?…`).
    pub tracking: TrackingLink,
    /// The identity or AccessKey whose activity the insights view shows
    /// (`#/insights?field=userName&value=…`).
    pub profile: Option<(Field, String)>,
}

/// (path, query) of a hash, without `#` and `?`.
fn split(hash: &str) -> (&str, &str) {
    let h = hash.trim_start_matches('#');
    match h.find(['?', '&']) {
        Some(i) => (&h[..i], h[i + 1..].trim_start_matches('?')),
        None => (h, ""),
    }
}

impl Location {
    /// Parse a location hash; malformed parts are ignored.
    pub fn parse(hash: &str) -> Location {
        let route = Route::from_hash(hash);
        let (_, query) = split(hash);
        let (events, trimmed) =
            if route == Route::Events { share::read(query) } else { (ViewState::default(), Trimmed::default()) };
        let mut tracking = TrackingLink::default();
        if route == Route::Tracking {
            for (k, v) in query.split('&').filter_map(|p| p.split_once('=')) {
                let v = Some(percent_decode(v)).filter(|v| !v.is_empty());
                match k {
                    "bucket" => tracking.bucket = v,
                    "region" => tracking.region = v,
                    _ => {}
                }
            }
        }
        let profile = (route == Route::Insights)
            .then(|| {
                let mut field = None;
                let mut value = None;
                for (k, v) in query.split('&').filter_map(|p| p.split_once('=')) {
                    match k {
                        "field" => field = Field::from_key(&percent_decode(v)),
                        "value" => value = Some(percent_decode(v)).filter(|v| !v.is_empty()),
                        _ => {}
                    }
                }
                Some((field?, value?))
            })
            .flatten();
        Location { route, events, trimmed, tracking, profile }
    }

    /// The hash (without `#`) of the insights view, on an identity's or AccessKey's activity.
    pub fn profile_hash(field: Field, value: &str) -> String {
        format!("{}?field={}&value={}", Route::Insights.path(), field.key(), query_component(value))
    }

    /// The hash (without `#`) of the events view in `view`.
    pub fn events_hash(view: &ViewState) -> String {
        let q = share::to_query(view);
        if q.is_empty() {
            Route::Events.path().to_string()
        } else {
            format!("{}?{q}", Route::Events.path())
        }
    }

    /// The hash (without `#`) of the tracking view opened on a bucket.
    pub fn tracking_hash(bucket: &str, region: Option<&str>) -> String {
        let mut h = format!("{}?bucket={}", Route::Tracking.path(), query_component(bucket));
        if let Some(r) = region.filter(|r| !r.is_empty()) {
            h.push_str(&format!("&region={}", query_component(r)));
        }
        h
    }
}

/// The current location, following the hash (links, back/forward). An unknown hash is rewritten
/// to a real view without a history entry. The app's only `hashchange` listener.
#[hook]
pub fn use_location() -> Location {
    let location = use_state(|| Location::parse(&hash::current()));
    {
        let location = location.clone();
        use_effect_with((), move |_| {
            hash::replace_path_if_unknown(Route::from_hash(&hash::current()).path());
            let listener = hash::on_change(move |h| {
                hash::replace_path_if_unknown(Route::from_hash(&h).path());
                location.set(Location::parse(&hash::current()));
            });
            move || drop(listener)
        });
    }
    (*location).clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_core::trail::store::Field;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn one_parser_for_route_and_view_state() {
        let l = Location::parse("#/events?in.eventName=PutBucket&q=deny&sel=E1");
        assert_eq!(l.route, Route::Events);
        assert!(l.events.filter.has(Field::EventName, "PutBucket", false));
        assert_eq!((l.events.filter.text.as_str(), l.events.selected.as_deref()), ("deny", Some("E1")));
        assert_eq!(Location::parse(&Location::events_hash(&l.events)).events, l.events);
        let t = Location::parse(&format!("#{}", Location::tracking_hash("my-bucket", Some("cn-beijing"))));
        assert_eq!(
            (t.route, t.tracking.bucket.as_deref(), t.tracking.region.as_deref()),
            (Route::Tracking, Some("my-bucket"), Some("cn-beijing"))
        );
        assert_eq!(Location::parse("#/nope?x=1").route, Route::Tracking);
        assert_eq!(Location::parse("").events, ViewState::default());
        let p = Location::parse(&format!("#{}", Location::profile_hash(Field::UserName, "oss-role:session 1")));
        assert_eq!((p.route, p.profile), (Route::Insights, Some((Field::UserName, "oss-role:session 1".to_string()))));
        assert_eq!(Location::parse("#/insights?field=nope&value=x").profile, None);
        assert_eq!(Location::parse("#/insights").profile, None);
    }
}
