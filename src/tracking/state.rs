//! The tracking screen's model and reducer: the bucket form, what OSS last said, the request log,
//! and an endpoint waiting for the user's confirmation. The calls themselves are in
//! `console_core::oss::session`; this only records their outcomes.

use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::error::Operation;
use console_core::oss::lifecycle::LifecycleRule;
use console_core::oss::request::Addressing;
use console_core::oss::session::{Failure, LogEntry};
use std::rc::Rc;
use yew::Reducible;

/// What the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    Read,
    Switch(AccessMonitorStatus),
}

impl Intent {
    /// The call that can fail first.
    pub fn operation(self) -> Operation {
        match self {
            Intent::Read => Operation::GetBucketAccessMonitor,
            Intent::Switch(_) => Operation::PutBucketAccessMonitor,
        }
    }
}

/// One call in the request log.
#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    pub id: u64,
    pub entry: LogEntry,
}

/// The lifecycle rules as last read (or why they could not be).
#[derive(Clone, Debug, PartialEq)]
pub enum Lifecycle {
    Unknown,
    Rules(Vec<LifecycleRule>),
    Failed(Box<Failure>),
}

/// Which bucket-form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketField {
    Bucket,
    Region,
    Endpoint,
}

/// Everything on the tracking screen (the credentials are the page's, in a context).
#[derive(Clone, Debug, PartialEq)]
pub struct TrackingState {
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub addressing: Addressing,
    pub status: Option<AccessMonitorStatus>,
    pub lifecycle: Lifecycle,
    /// What is in flight, if anything.
    pub busy: Option<Intent>,
    /// An endpoint outside the OSS domains waiting for the user's go-ahead, and what to do then.
    pub confirm: Option<(String, Intent)>,
    pub clock_offset_ms: i64,
    pub log: Vec<Logged>,
    pub last_error: Option<(Operation, Failure)>,
    /// Calls finished so far (each is announced once).
    pub finished: u64,
    next_log_id: u64,
}

impl Default for TrackingState {
    fn default() -> Self {
        TrackingState {
            bucket: String::new(),
            region: "cn-hangzhou".into(),
            endpoint: String::new(),
            addressing: Addressing::VirtualHosted,
            status: None,
            lifecycle: Lifecycle::Unknown,
            busy: None,
            confirm: None,
            clock_offset_ms: 0,
            log: Vec::new(),
            last_error: None,
            finished: 0,
            next_log_id: 0,
        }
    }
}

pub enum Action {
    SetField(BucketField, String),
    SetAddressing(Addressing),
    /// The emulator's demo bucket and endpoint.
    UseEmulator,
    /// A link from the explorer: this bucket, in this region.
    OpenBucket {
        bucket: String,
        region: Option<String>,
    },
    Start(Intent),
    NeedsConfirmation {
        origin: String,
        then: Intent,
    },
    CancelConfirmation,
    /// The call ended: its status (if it got one), its failure, the lifecycle rules (if they were
    /// read), its log and clock correction.
    Finished {
        status: Option<AccessMonitorStatus>,
        failure: Option<(Operation, Failure)>,
        lifecycle: Option<Result<Vec<LifecycleRule>, Failure>>,
        log: Vec<LogEntry>,
        offset_ms: i64,
    },
    /// Another form was filled in: forget what was read for the old one.
    Invalidate,
}

impl TrackingState {
    /// Whether a call can start now.
    pub fn idle(&self) -> bool {
        self.busy.is_none()
    }

    fn log(&mut self, entries: Vec<LogEntry>) {
        for entry in entries {
            self.next_log_id += 1;
            self.log.insert(0, Logged { id: self.next_log_id, entry });
        }
        self.log.truncate(200);
    }

    fn forget_bucket(&mut self) {
        self.status = None;
        self.lifecycle = Lifecycle::Unknown;
    }
}

impl Reducible for TrackingState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetField(field, v) => {
                match field {
                    BucketField::Bucket => s.bucket = v,
                    BucketField::Region => s.region = v,
                    BucketField::Endpoint => s.endpoint = v,
                }
                s.forget_bucket();
            }
            Action::SetAddressing(a) => {
                s.addressing = a;
                s.forget_bucket();
            }
            Action::UseEmulator => {
                use console_core::oss::demo;
                s.bucket = demo::BUCKET.into();
                s.region = demo::REGION.into();
                s.endpoint = demo::ENDPOINT.into();
                s.addressing = Addressing::VirtualHosted;
                s.forget_bucket();
            }
            Action::OpenBucket { bucket, region } => {
                if s.bucket != bucket || region.as_ref().is_some_and(|r| *r != s.region) {
                    s.bucket = bucket;
                    if let Some(r) = region {
                        s.region = r;
                    }
                    s.forget_bucket();
                }
            }
            Action::Invalidate => s.forget_bucket(),
            Action::Start(intent) => {
                s.busy = Some(intent);
                s.last_error = None;
                s.confirm = None;
            }
            Action::NeedsConfirmation { origin, then } => {
                s.busy = None;
                s.confirm = Some((origin, then));
            }
            Action::CancelConfirmation => s.confirm = None,
            Action::Finished { status, failure, lifecycle, log, offset_ms } => {
                s.busy = None;
                s.finished += 1;
                if status.is_some() {
                    s.status = status;
                }
                s.last_error = failure;
                s.clock_offset_ms = offset_ms;
                if let Some(result) = lifecycle {
                    s.lifecycle = match result {
                        Ok(rules) => Lifecycle::Rules(rules),
                        Err(f) => Lifecycle::Failed(Box::new(f)),
                    };
                }
                s.log(log);
            }
        }
        Rc::new(s)
    }
}
