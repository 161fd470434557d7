//! The two views and their URL hash paths (`#/tracking`, `#/events`).

/// A top-level view of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Tracking,
    Events,
}

impl Route {
    /// Parse a location hash such as `#/events?f=…`; anything unknown falls back to tracking.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = path.split(['?', '&']).next().unwrap_or_default();
        match path.trim_end_matches('/') {
            "/events" | "events" => Route::Events,
            _ => Route::Tracking,
        }
    }

    /// Whether `hash` names this route exactly (so an unknown hash can be rewritten).
    pub fn is_known_hash(hash: &str) -> bool {
        let path = hash.trim_start_matches('#');
        let path = path.split(['?', '&']).next().unwrap_or_default();
        matches!(path, "/tracking" | "/events")
    }

    /// The hash path of this view, without `#`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Tracking => "/tracking",
            Route::Events => "/events",
        }
    }

    /// A short stable name for test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Route::Tracking => "tracking",
            Route::Events => "events",
        }
    }

    /// The tab label.
    pub fn title(self) -> &'static str {
        match self {
            Route::Tracking => "Access tracking",
            Route::Events => "Events",
        }
    }
}
