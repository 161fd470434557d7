//! The cold-data view's screen: a prefix of the tracking view's bucket, a scan (the listing, then
//! the sampled objects' last access times: [`cold_scan::scan`](crate::oss::cold_scan::scan)),
//! Cancel keeping what was read, and the estimate for the number of days typed. Reads only.
//! The shell runs [`Command::Scan`] (and [`Command::Cancel`]) and feeds back
//! [`Event::Progress`] and [`Event::Finished`].

use super::{Env, Screen};
use crate::oss::cold::{self, Estimate};
use crate::oss::cold_scan::{ScanError, ScanOptions, ScanProgress, Scanned};
use crate::oss::credentials::Credentials;
use crate::oss::place::BucketPlace;
use crate::oss::request::BucketTarget;
use crate::oss::session::Failure;

/// The most days a rule may count (about 100 years; OSS takes a positive whole number).
pub const MAX_DAYS: u32 = 36_500;

/// Why a scan gave nothing to show.
#[derive(Clone, Debug, PartialEq)]
pub enum ScanFailure {
    /// The request could not be made (a field missing or not valid) or the listing failed.
    Failed(Failure),
    /// The listing came back to a continuation token it had given before.
    Loop,
}

/// The cold-data view.
#[derive(Clone, Debug, PartialEq)]
pub struct ColdData {
    pub prefix: String,
    /// The days as typed (a rule at this many days is estimated).
    pub days_text: String,
    /// Count objects under 64 KB as moved (a rule with `AllowSmallFile`).
    pub allow_small_file: bool,
    /// A scan is running.
    pub scanning: bool,
    /// Cancel was pressed and the scan is winding down.
    pub cancelling: bool,
    pub progress: ScanProgress,
    /// The last scan's bucket and prefix, what it found, and when it ended (for ages).
    pub scanned: Option<(String, String, Scanned, i64)>,
    pub failure: Option<ScanFailure>,
    call: u64,
    /// The bucket and prefix of the scan in flight.
    asked: (String, String),
}

impl Default for ColdData {
    fn default() -> Self {
        ColdData {
            prefix: String::new(),
            days_text: "30".into(),
            allow_small_file: false,
            scanning: false,
            cancelling: false,
            progress: ScanProgress::default(),
            scanned: None,
            failure: None,
            call: 0,
            asked: (String::new(), String::new()),
        }
    }
}

/// What happens to the view.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Prefix(String),
    Days(String),
    AllowSmallFile(bool),
    /// Scan the prefix of this bucket.
    Scan {
        place: BucketPlace,
    },
    Progress {
        call: u64,
        progress: ScanProgress,
    },
    Finished {
        call: u64,
        result: Result<Scanned, ScanError>,
        now_ms: i64,
    },
    Cancel,
}

/// What the shell does for the view (one at a time, performed at once: their size is no cost).
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Run the scan, sending `Progress` and then `Finished` with this call.
    Scan {
        call: u64,
        target: BucketTarget,
        credentials: Credentials,
        offset_ms: i64,
        prefix: String,
        options: ScanOptions,
    },
    /// Stop the scan `call` (what it read is kept).
    Cancel { call: u64 },
}

impl ColdData {
    /// The days typed, when they are a whole number from 1 to [`MAX_DAYS`].
    pub fn days(&self) -> Option<u32> {
        self.days_text.trim().parse::<u32>().ok().filter(|d| (1..=MAX_DAYS).contains(d))
    }

    /// The estimate of the last scan for the days typed (or 0 days when they are not valid).
    pub fn estimate(&self) -> Option<Estimate> {
        let (_, _, s, now_ms) = self.scanned.as_ref()?;
        Some(cold::estimate(&s.listed, &s.sample, &s.read, *now_ms, self.days().unwrap_or(0), self.allow_small_file))
    }
}

impl Screen for ColdData {
    type Event = Event;
    type Command = Command;

    fn update(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        match event {
            Event::Prefix(p) => {
                self.prefix = p;
                vec![]
            }
            Event::Days(d) => {
                self.days_text = d;
                vec![]
            }
            Event::AllowSmallFile(on) => {
                self.allow_small_file = on;
                vec![]
            }
            Event::Scan { place } if !self.scanning => {
                self.failure = None;
                match super::prepare_call(&place, env) {
                    Ok((target, credentials, offset_ms)) => {
                        self.call += 1;
                        self.scanning = true;
                        self.cancelling = false;
                        self.progress = ScanProgress::default();
                        self.asked = (place.bucket.clone(), self.prefix.clone());
                        vec![Command::Scan {
                            call: self.call,
                            target,
                            credentials,
                            offset_ms,
                            prefix: self.prefix.clone(),
                            options: ScanOptions::default(),
                        }]
                    }
                    Err(f) => {
                        self.failure = Some(ScanFailure::Failed(f));
                        vec![]
                    }
                }
            }
            Event::Progress { call, progress } if call == self.call && self.scanning => {
                self.progress = progress;
                vec![]
            }
            Event::Finished { call, result, now_ms } if call == self.call && self.scanning => {
                self.scanning = false;
                self.cancelling = false;
                match result {
                    Ok(s) => {
                        let (bucket, prefix) = std::mem::take(&mut self.asked);
                        self.scanned = Some((bucket, prefix, s, now_ms));
                    }
                    // Cancelled before anything was listed: nothing to show, nothing lost.
                    Err(ScanError::Cancelled) => {}
                    Err(ScanError::List(f)) => self.failure = Some(ScanFailure::Failed(f)),
                    Err(ScanError::Loop) => self.failure = Some(ScanFailure::Loop),
                }
                vec![]
            }
            Event::Cancel if self.scanning && !self.cancelling => {
                self.cancelling = true;
                vec![Command::Cancel { call: self.call }]
            }
            _ => vec![],
        }
    }
}
