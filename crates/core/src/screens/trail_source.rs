//! The "From an OSS bucket" screen: the trail's place, key prefix and UTC date range; the plan a
//! listing made (narrowed by region); how the load is going and how it ended.
//!
//! `Ask(List)` checks the range, the form and the endpoint's trust (an unknown endpoint waits for
//! `Confirm`, then resumes), then asks the shell to list ([`Command::List`]); only the latest
//! listing's answer is taken. `Ask(Load)` hands the chosen plan to the worker
//! ([`Command::Load`]), which fetches the objects itself and reports back. `Cancel` stops either.

use super::{answer_confirmation, Env, Screen};
use crate::oss::credentials::Credentials;
use crate::oss::place::{endpoint_origin, BucketPlace, PlaceEdit};
use crate::oss::request::BucketTarget;
use crate::oss::session::{prepare, Failure};
use crate::time::UtcDateTime;
use crate::trail::bucket::{DateRange, Plan, PlanProgress, PlannedFile, TrailError};
use crate::trail::bucket_load::{FileFailure, LoadEnd, LoadProgress};
use crate::trail::protocol::TrailLoad;
use std::rc::Rc;

const DAY_MS: i64 = 86_400_000;

/// `YYYY-MM-DD` of a Unix-ms instant (UTC).
pub fn utc_day(ms: i64) -> String {
    let t = UtcDateTime::from_unix_millis(ms);
    format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
}

/// How a planned file's region is labelled (with the account for multi-account trails).
pub fn region_label(f: &PlannedFile) -> String {
    match &f.member {
        Some(m) => format!("{}/{}", m.account_id, f.region),
        None => f.region.clone(),
    }
}

/// What the person asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    List,
    Load,
}

/// What is running.
#[derive(Clone, Debug, PartialEq)]
pub enum Busy {
    Listing(PlanProgress),
    Loading,
}

/// The screen.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailSource {
    pub place: BucketPlace,
    pub prefix: String,
    /// `YYYY-MM-DD`, UTC, both included.
    pub from: String,
    pub to: String,
    pub busy: Option<Busy>,
    /// Shared, not copied: a plan can hold thousands of files.
    pub plan: Option<Rc<Plan>>,
    /// Regions (labels) the person left out of the plan.
    pub regions_off: Vec<String>,
    pub progress: Option<LoadProgress>,
    pub failures: Vec<FileFailure>,
    pub end: Option<LoadEnd>,
    pub error: Option<Rc<TrailError>>,
    /// An endpoint origin outside the OSS domains waiting for the go-ahead, and what to do then.
    pub confirm: Option<(String, Intent)>,
    /// The latest listing's id (only its answer is taken) and the endpoint origin of the running work.
    call: u64,
    origin: String,
    /// The latest load's id.
    load: u64,
}

/// What happens to the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Edit(PlaceEdit),
    Prefix(String),
    From(String),
    To(String),
    /// The local emulator's demo trail, with its days ending at `now_ms`.
    UseEmulator {
        now_ms: i64,
    },
    ToggleRegion(String),
    Ask(Intent),
    Confirm(bool),
    Cancel,
    /// How far listing `call` has got.
    Listing {
        call: u64,
        progress: PlanProgress,
    },
    /// Listing `call` ended; `offset_ms` is the clock correction now known.
    Planned {
        call: u64,
        plan: Result<Plan, TrailError>,
        offset_ms: i64,
    },
    /// From the worker: how far the load has got.
    Progress(LoadProgress),
    /// From the worker: the load ended.
    Loaded {
        failures: Vec<FileFailure>,
        end: LoadEnd,
        progress: LoadProgress,
        offset_ms: i64,
    },
    /// The worker stopped during the load (it is restarted with what it handed over).
    WorkerStopped,
    /// The explorer was cleared: a load in flight stops, and its answers are not wanted.
    Cleared,
}

/// What the shell does for the screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Discover the trail's folders and plan `range` (`TrailBucket::discover` then `plan`),
    /// sending `Listing` and then `Planned` with this `call`.
    List {
        call: u64,
        target: BucketTarget,
        credentials: Credentials,
        prefix: String,
        range: DateRange,
        offset_ms: i64,
    },
    /// Send the worker `Request::LoadTrail` with this.
    Load(Box<TrailLoad>),
    /// Stop the listing in flight.
    StopListing,
    /// Send the worker `Request::Cancel` (it stops the fetches and the reading).
    StopLoad,
    RememberConfirmed(String),
    LearnOffset {
        origin: String,
        offset_ms: i64,
    },
    Announce(News),
}

/// What is announced.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    /// A listing's plan (its chosen totals are on the screen).
    Planned,
    Error(Rc<TrailError>),
    Ended(LoadEnd),
}

impl TrailSource {
    /// An empty form whose dates cover the last three UTC days before `now_ms`.
    pub fn new(now_ms: i64) -> Self {
        TrailSource {
            place: BucketPlace::default(),
            prefix: String::new(),
            from: utc_day(now_ms - 2 * DAY_MS),
            to: utc_day(now_ms),
            busy: None,
            plan: None,
            regions_off: Vec::new(),
            progress: None,
            failures: Vec::new(),
            end: None,
            error: None,
            confirm: None,
            call: 0,
            origin: String::new(),
            load: 0,
        }
    }

    /// Whether objects are being fetched from the bucket.
    pub fn loading(&self) -> bool {
        self.busy == Some(Busy::Loading)
    }

    /// The plan narrowed to the regions left on.
    pub fn chosen(&self) -> Option<Plan> {
        let plan = self.plan.as_ref()?;
        let keep: Vec<usize> = (0..plan.files.len())
            .filter(|&i| !self.regions_off.iter().any(|r| *r == region_label(&plan.files[i])))
            .collect();
        Some(plan.subset(&keep))
    }

    /// The form changed: the plan was for the old one (a listing in flight too: it stops).
    fn form_changed(&mut self) -> Vec<Command> {
        self.plan = None;
        self.regions_off.clear();
        self.confirm = None;
        if matches!(self.busy, Some(Busy::Listing(_))) {
            self.busy = None;
            self.call += 1;
            return vec![Command::StopListing];
        }
        vec![]
    }

    fn apply(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        match event {
            Event::Edit(e) => {
                if self.place.edit(e) {
                    return self.form_changed();
                }
                vec![]
            }
            Event::Prefix(v) => self.set_text(|s| &mut s.prefix, v),
            Event::From(v) => self.set_text(|s| &mut s.from, v),
            Event::To(v) => self.set_text(|s| &mut s.to, v),
            Event::UseEmulator { now_ms } => {
                use crate::oss::demo;
                self.place = BucketPlace::emulator(demo::TRAIL_BUCKET);
                self.prefix = demo::TRAIL_PREFIX.into();
                self.from = utc_day(now_ms - (demo::TRAIL_DAYS as i64 - 1) * DAY_MS);
                self.to = utc_day(now_ms);
                self.error = None;
                self.form_changed()
            }
            Event::ToggleRegion(r) => {
                if self.busy.is_none() {
                    match self.regions_off.iter().position(|x| *x == r) {
                        Some(i) => {
                            self.regions_off.remove(i);
                        }
                        None => self.regions_off.push(r),
                    }
                }
                vec![]
            }
            Event::Ask(intent) => self.ask(intent, env),
            Event::Confirm(yes) => {
                let pending = self.confirm.take();
                answer_confirmation(pending, yes, env, Command::RememberConfirmed, |then, env| self.ask(then, env))
            }
            Event::Cancel => match self.busy {
                Some(Busy::Listing(_)) => {
                    self.busy = None;
                    self.call += 1;
                    let error = Rc::new(TrailError::Cancelled);
                    self.error = Some(error.clone());
                    vec![Command::StopListing, Command::Announce(News::Error(error))]
                }
                // The worker answers with the load's end (cancelled, with what arrived).
                Some(Busy::Loading) => vec![Command::StopLoad],
                None => vec![],
            },
            Event::Listing { call, progress } => {
                if call == self.call && matches!(self.busy, Some(Busy::Listing(_))) {
                    self.busy = Some(Busy::Listing(progress));
                }
                vec![]
            }
            Event::Planned { call, plan, offset_ms } => {
                if call != self.call || !matches!(self.busy, Some(Busy::Listing(_))) {
                    return vec![];
                }
                self.busy = None;
                self.progress = None;
                self.failures.clear();
                self.end = None;
                let news = match plan {
                    Ok(p) => {
                        self.plan = Some(Rc::new(p));
                        self.regions_off.clear();
                        News::Planned
                    }
                    Err(e) => {
                        self.plan = None;
                        let e = Rc::new(e);
                        self.error = Some(e.clone());
                        News::Error(e)
                    }
                };
                vec![Command::LearnOffset { origin: self.origin.clone(), offset_ms }, Command::Announce(news)]
            }
            Event::Progress(p) => {
                if self.loading() {
                    self.progress = Some(p);
                }
                vec![]
            }
            Event::Loaded { failures, end, progress, offset_ms } => {
                if !self.loading() {
                    return vec![];
                }
                self.busy = None;
                self.failures = failures;
                self.end = Some(end.clone());
                self.progress = Some(progress);
                vec![
                    Command::LearnOffset { origin: self.origin.clone(), offset_ms },
                    Command::Announce(News::Ended(end)),
                ]
            }
            Event::Cleared => {
                if self.loading() {
                    self.busy = None;
                    self.end = Some(LoadEnd::Cancelled);
                }
                vec![]
            }
            Event::WorkerStopped => {
                if !self.loading() {
                    return vec![];
                }
                self.busy = None;
                self.end = Some(LoadEnd::WorkerStopped);
                vec![Command::Announce(News::Ended(LoadEnd::WorkerStopped))]
            }
        }
    }

    fn set_text(&mut self, field: fn(&mut Self) -> &mut String, v: String) -> Vec<Command> {
        if *field(self) != v {
            *field(self) = v;
            return self.form_changed();
        }
        vec![]
    }

    fn ask(&mut self, intent: Intent, env: Env<'_>) -> Vec<Command> {
        if self.busy.is_some() {
            return vec![];
        }
        self.confirm = None;
        let range = match DateRange::parse(&self.from, &self.to) {
            Ok(r) => r,
            Err(e) => return self.refused(TrailError::Range(e)),
        };
        let chosen = match intent {
            Intent::Load => match self.chosen().filter(|p| !p.files.is_empty()) {
                Some(p) => Some(p),
                None => return vec![],
            },
            Intent::List => None,
        };
        let form = self.place.form(env.credentials.clone());
        let (target, credentials) = match prepare(&form, &|origin| env.endpoints.is_confirmed(origin)) {
            Ok(v) => v,
            Err(Failure::Unconfirmed { origin }) => {
                self.confirm = Some((origin, intent));
                return vec![];
            }
            Err(failure) => return self.refused(TrailError::List { prefix: String::new(), failure }),
        };
        self.origin = endpoint_origin(&target);
        let offset_ms = env.endpoints.offset(&self.origin);
        self.error = None;
        match chosen {
            None => {
                self.call += 1;
                self.busy = Some(Busy::Listing(PlanProgress::default()));
                vec![Command::List {
                    call: self.call,
                    target,
                    credentials,
                    prefix: self.prefix.clone(),
                    range,
                    offset_ms,
                }]
            }
            Some(plan) => {
                self.busy = Some(Busy::Loading);
                self.load += 1;
                self.progress = None;
                self.failures.clear();
                self.end = None;
                let confirmed = env.endpoints.is_confirmed(&self.origin).then(|| self.origin.clone());
                vec![Command::Load(Box::new(TrailLoad {
                    id: self.load,
                    form: self.place.form(credentials),
                    confirmed,
                    prefix: self.prefix.clone(),
                    plan,
                    offset_ms,
                }))]
            }
        }
    }

    /// Nothing was sent: say why.
    fn refused(&mut self, e: TrailError) -> Vec<Command> {
        let e = Rc::new(e);
        self.error = Some(e.clone());
        vec![Command::Announce(News::Error(e))]
    }
}

impl Screen for TrailSource {
    type Event = Event;
    type Command = Command;
    fn update(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        self.apply(event, env)
    }
}
