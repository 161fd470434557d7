//! The access-tracking screen: a bucket's place, what OSS last said about it, the request log,
//! and an endpoint waiting for the user's confirmation.
//!
//! `Ask(intent)` checks the form and the endpoint's trust: an unknown endpoint waits for
//! `Confirm`, then the same intent resumes; a valid one becomes a [`Command::Call`] with a fresh
//! call id. Only the answer to the latest call is taken: an edit of the place, new credentials or
//! a newer call make an older answer stale, and it is dropped.

use super::{answer_confirmation, Env, Screen};
use crate::oss::access_monitor::AccessMonitorStatus;
use crate::oss::credentials::Credentials;
use crate::oss::lifecycle::LifecycleRule;
use crate::oss::place::{endpoint_origin, BucketPlace, PlaceEdit};
use crate::oss::request::BucketTarget;
use crate::oss::session::{prepare, Checked, Failed, Failure, Intent, LogEntry};

/// Entries the request log keeps (newest first).
pub const LOG_LIMIT: usize = 200;

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

/// A form field the person must fill before anything can be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    AccessKeyId,
    AccessKeySecret,
    SecurityToken,
    Bucket,
    Region,
}

/// The fields left empty, in form order.
pub fn empty_fields(place: &BucketPlace, credentials: &Credentials) -> Vec<Field> {
    let empty = |s: &str| s.trim().is_empty();
    [
        (Field::AccessKeyId, empty(&credentials.access_key_id)),
        (Field::AccessKeySecret, empty(&credentials.access_key_secret)),
        (Field::SecurityToken, credentials.security_token.as_deref().is_none_or(empty)),
        (Field::Bucket, empty(&place.bucket)),
        (Field::Region, empty(&place.region)),
    ]
    .into_iter()
    .filter_map(|(f, e)| e.then_some(f))
    .collect()
}

/// The screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracking {
    pub place: BucketPlace,
    pub status: Option<AccessMonitorStatus>,
    pub lifecycle: Lifecycle,
    /// What is in flight, if anything.
    pub busy: Option<Intent>,
    /// An endpoint origin outside the OSS domains waiting for the user's go-ahead, and what to do then.
    pub confirm: Option<(String, Intent)>,
    /// Newest first, at most [`LOG_LIMIT`].
    pub log: Vec<Logged>,
    pub last_error: Option<Failed>,
    /// Fields a read or switch found empty (nothing was sent); each leaves as it is filled.
    pub missing: Vec<Field>,
    /// Calls finished so far (each is announced once).
    pub finished: u64,
    /// The latest call's id and endpoint origin: only its answer is taken.
    call: u64,
    call_origin: String,
    next_log_id: u64,
}

impl Default for Tracking {
    fn default() -> Self {
        Tracking {
            place: BucketPlace::default(),
            status: None,
            lifecycle: Lifecycle::Unknown,
            busy: None,
            confirm: None,
            log: Vec::new(),
            last_error: None,
            missing: Vec::new(),
            finished: 0,
            call: 0,
            call_origin: String::new(),
            next_log_id: 0,
        }
    }
}

/// What happens to the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The person edited the place.
    Edit(PlaceEdit),
    /// The local emulator's demo bucket.
    UseEmulator,
    /// A link from the explorer: this bucket, in this region (an endpoint typed for another
    /// bucket is not kept silently: it is cleared when the region changes).
    OpenBucket { bucket: String, region: Option<String> },
    /// Other credentials: what was read with the old ones may not hold.
    CredentialsChanged,
    /// Read the status, or switch it.
    Ask(Intent),
    /// The answer to the endpoint question.
    Confirm(bool),
    /// Empty the request log.
    ClearLog,
    /// Calls another part of the view made with this bucket (the lifecycle editor's), for the log.
    Logged(Vec<LogEntry>),
    /// A call ended.
    Done { call: u64, checked: Checked },
}

/// What the shell does for the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Run [`Session::check`](crate::oss::session::Session::check) for `intent` and send back
    /// `Event::Done { call, .. }`.
    Call { call: u64, intent: Intent, target: BucketTarget, credentials: Credentials, offset_ms: i64 },
    /// Remember for the tab that the user confirmed this endpoint origin.
    RememberConfirmed(String),
    /// Remember the clock correction learned from this endpoint origin.
    LearnOffset { origin: String, offset_ms: i64 },
    /// Say what a finished call found (screen readers).
    Announce(News),
}

/// What is announced when a call ends.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    Status(Option<AccessMonitorStatus>),
    Failed(Failed),
    /// Nothing was sent: these fields are empty.
    Missing(Vec<Field>),
}

impl Tracking {
    /// Whether a call can start now.
    pub fn idle(&self) -> bool {
        self.busy.is_none()
    }

    /// What was read is about another place (or other credentials) now: forget it, and let no
    /// answer in flight land.
    fn forget(&mut self) {
        self.status = None;
        self.lifecycle = Lifecycle::Unknown;
        self.last_error = None;
        if self.busy.take().is_some() {
            self.call += 1;
        }
    }

    fn log(&mut self, entries: Vec<LogEntry>) {
        for entry in entries {
            self.next_log_id += 1;
            self.log.insert(0, Logged { id: self.next_log_id, entry });
        }
        self.log.truncate(LOG_LIMIT);
    }

    fn apply(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        let out = self.apply_event(event, env);
        // A field named as missing stops being named once it is filled.
        if !self.missing.is_empty() {
            let still = empty_fields(&self.place, env.credentials);
            self.missing.retain(|f| still.contains(f));
        }
        out
    }

    fn apply_event(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        match event {
            Event::Edit(e) => {
                if self.place.edit(e) {
                    self.forget();
                    self.confirm = None;
                }
                vec![]
            }
            Event::UseEmulator => {
                let demo = BucketPlace::emulator(crate::oss::demo::BUCKET);
                if self.place != demo {
                    self.place = demo;
                    self.forget();
                }
                vec![]
            }
            Event::OpenBucket { bucket, region } => {
                let region_changes = region.as_ref().is_some_and(|r| *r != self.place.region);
                if self.place.bucket != bucket || region_changes {
                    self.place.bucket = bucket;
                    if let Some(r) = region.filter(|_| region_changes) {
                        self.place.region = r;
                        // An endpoint chosen for the old region would send this bucket there.
                        self.place.endpoint.clear();
                    }
                    self.forget();
                    self.confirm = None;
                }
                vec![]
            }
            Event::CredentialsChanged => {
                self.forget();
                vec![]
            }
            Event::ClearLog => {
                self.log.clear();
                vec![]
            }
            Event::Logged(entries) => {
                self.log(entries);
                vec![]
            }
            Event::Ask(intent) => self.ask(intent, env),
            Event::Confirm(yes) => {
                let pending = self.confirm.take();
                answer_confirmation(pending, yes, env, Command::RememberConfirmed, |then, env| self.ask(then, env))
            }
            Event::Done { call, checked } if call != self.call || self.busy.is_none() => {
                // About another place or older credentials: what it read is not shown, but the
                // requests it sent are real (a switch may have been written) and stay in the log.
                self.log(checked.log);
                vec![]
            }
            Event::Done { call: _, checked } => {
                self.busy = None;
                self.finished += 1;
                let Checked { status, failed, lifecycle, log, offset_ms } = checked;
                if status.is_some() {
                    self.status = status;
                }
                if let Some(result) = lifecycle {
                    self.lifecycle = match result {
                        Ok(rules) => Lifecycle::Rules(rules),
                        Err(f) => Lifecycle::Failed(Box::new(f)),
                    };
                }
                self.log(log);
                self.last_error = failed.clone();
                let news = match failed {
                    Some(f) => News::Failed(f),
                    None => News::Status(self.status),
                };
                vec![Command::LearnOffset { origin: self.call_origin.clone(), offset_ms }, Command::Announce(news)]
            }
        }
    }

    fn ask(&mut self, intent: Intent, env: Env<'_>) -> Vec<Command> {
        if !self.idle() {
            return vec![];
        }
        self.confirm = None;
        // Empty fields are named all at once, as a form would, not as a failed call.
        let missing = empty_fields(&self.place, env.credentials);
        if !missing.is_empty() {
            self.missing = missing.clone();
            self.last_error = None;
            return vec![Command::Announce(News::Missing(missing))];
        }
        self.missing.clear();
        let form = self.place.form(env.credentials.clone());
        match prepare(&form, &|origin| env.endpoints.is_confirmed(origin)) {
            Ok((target, credentials)) => {
                self.call += 1;
                self.busy = Some(intent);
                self.last_error = None;
                self.call_origin = endpoint_origin(&target);
                let offset_ms = env.endpoints.offset(&self.call_origin);
                vec![Command::Call { call: self.call, intent, target, credentials, offset_ms }]
            }
            Err(Failure::Unconfirmed { origin }) => {
                self.confirm = Some((origin, intent));
                vec![]
            }
            Err(failure) => {
                let failed = Failed { op: intent.operation(), failure };
                self.last_error = Some(failed.clone());
                self.finished += 1;
                vec![Command::Announce(News::Failed(failed))]
            }
        }
    }
}

impl Screen for Tracking {
    type Event = Event;
    type Command = Command;
    fn update(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        self.apply(event, env)
    }
}
