//! The "From an OSS bucket" panel's model: the form, the plan, and how the load went. Part of
//! the events screen's reducer (`Action::Trail`); the work itself is `console_core::trail::bucket`.

use console_core::oss::demo;
use console_core::oss::request::Addressing;
use console_core::time::UtcDateTime;
use console_core::trail::bucket::{Plan, PlanProgress, TrailError};
use console_core::trail::bucket_load::{FileFailure, LoadEnd, LoadProgress};
use std::rc::Rc;

/// A value shared without copying; equal only to itself (plans can hold thousands of files).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// `YYYY-MM-DD` of a Unix-ms instant (UTC).
pub fn utc_day(ms: i64) -> String {
    let t = UtcDateTime::from_unix_millis(ms);
    format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
}

/// Which form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrailField {
    Bucket,
    Region,
    Endpoint,
    Prefix,
    From,
    To,
}

/// What the user asked for, kept while an endpoint waits for confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrailIntent {
    List,
    Load,
}

/// The form.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailForm {
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub addressing: Addressing,
    pub prefix: String,
    pub from: String,
    pub to: String,
}

/// What is running.
#[derive(Clone, Debug, PartialEq)]
pub enum TrailBusy {
    Listing(PlanProgress),
    Loading,
}

/// Everything the panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailPanel {
    pub form: TrailForm,
    pub busy: Option<TrailBusy>,
    pub plan: Option<Shared<Plan>>,
    /// Regions (labels) the user left out of the plan.
    pub regions_off: Vec<String>,
    pub progress: Option<LoadProgress>,
    pub failures: Vec<FileFailure>,
    pub end: Option<LoadEnd>,
    pub error: Option<Shared<TrailError>>,
    /// An endpoint outside the OSS domains waiting for the user's go-ahead.
    pub confirm: Option<(String, TrailIntent)>,
    /// A clock correction learned from OSS.
    pub offset_ms: i64,
}

impl TrailPanel {
    /// An empty form whose dates cover the last three UTC days.
    pub fn new(now_ms: i64) -> Self {
        TrailPanel {
            form: TrailForm {
                bucket: String::new(),
                region: "cn-hangzhou".into(),
                endpoint: String::new(),
                addressing: Addressing::VirtualHosted,
                prefix: String::new(),
                from: utc_day(now_ms - 2 * 86_400_000),
                to: utc_day(now_ms),
            },
            busy: None,
            plan: None,
            regions_off: Vec::new(),
            progress: None,
            failures: Vec::new(),
            end: None,
            error: None,
            confirm: None,
            offset_ms: 0,
        }
    }

    /// Whether objects are being fetched from the bucket.
    pub fn loading(&self) -> bool {
        self.busy == Some(TrailBusy::Loading)
    }

    /// The plan narrowed to the regions left on.
    pub fn chosen(&self) -> Option<Plan> {
        let plan = &self.plan.as_ref()?.0;
        let keep: Vec<usize> = (0..plan.files.len())
            .filter(|&i| !self.regions_off.iter().any(|r| *r == region_label(&plan.files[i])))
            .collect();
        Some(plan.subset(&keep))
    }
}

impl Default for TrailPanel {
    fn default() -> Self {
        TrailPanel::new(js_sys::Date::now() as i64)
    }
}

/// How a planned file's region is labelled (with the account for multi-account trails).
pub fn region_label(f: &console_core::trail::bucket::PlannedFile) -> String {
    match &f.member {
        Some(m) => format!("{}/{}", m.account_id, f.region),
        None => f.region.clone(),
    }
}

pub enum TrailAction {
    Set(TrailField, String),
    SetAddressing(Addressing),
    /// The local emulator's demo trail (the credentials are set separately).
    UseEmulator {
        now_ms: i64,
    },
    ToggleRegion(String),
    NeedsConfirmation {
        origin: String,
        then: TrailIntent,
    },
    CancelConfirmation,
    Listing(PlanProgress),
    Planned {
        plan: Result<Plan, TrailError>,
        offset_ms: i64,
    },
    Loading,
    Progress(LoadProgress),
    Loaded {
        failures: Vec<FileFailure>,
        end: LoadEnd,
        progress: LoadProgress,
        offset_ms: i64,
    },
    /// The worker fetching the objects stopped (it is restarted with what it handed over).
    WorkerStopped,
}

impl TrailPanel {
    /// Apply one action.
    pub fn reduce(&mut self, a: TrailAction) {
        match a {
            TrailAction::Set(field, v) => {
                let f = &mut self.form;
                match field {
                    TrailField::Bucket => f.bucket = v,
                    TrailField::Region => f.region = v,
                    TrailField::Endpoint => f.endpoint = v,
                    TrailField::Prefix => f.prefix = v,
                    TrailField::From => f.from = v,
                    TrailField::To => f.to = v,
                }
                // The plan was for the old form.
                self.plan = None;
                self.regions_off.clear();
            }
            TrailAction::SetAddressing(a) => {
                self.form.addressing = a;
                self.plan = None;
            }
            TrailAction::UseEmulator { now_ms } => {
                self.form = TrailForm {
                    bucket: demo::TRAIL_BUCKET.into(),
                    region: demo::REGION.into(),
                    endpoint: demo::ENDPOINT.into(),
                    addressing: Addressing::VirtualHosted,
                    prefix: demo::TRAIL_PREFIX.into(),
                    from: utc_day(now_ms - (demo::TRAIL_DAYS as i64 - 1) * 86_400_000),
                    to: utc_day(now_ms),
                };
                self.plan = None;
                self.regions_off.clear();
                self.error = None;
            }
            TrailAction::ToggleRegion(r) => {
                if let Some(i) = self.regions_off.iter().position(|x| *x == r) {
                    self.regions_off.remove(i);
                } else {
                    self.regions_off.push(r);
                }
            }
            TrailAction::NeedsConfirmation { origin, then } => {
                self.busy = None;
                self.confirm = Some((origin, then));
            }
            TrailAction::CancelConfirmation => self.confirm = None,
            TrailAction::Listing(p) => {
                self.busy = Some(TrailBusy::Listing(p));
                self.error = None;
                self.confirm = None;
            }
            TrailAction::Planned { plan, offset_ms } => {
                self.busy = None;
                self.offset_ms = offset_ms;
                self.progress = None;
                self.failures.clear();
                self.end = None;
                match plan {
                    Ok(p) => {
                        self.plan = Some(Shared(Rc::new(p)));
                        self.regions_off.clear();
                    }
                    Err(e) => {
                        self.plan = None;
                        self.error = Some(Shared(Rc::new(e)));
                    }
                }
            }
            TrailAction::Loading => {
                self.busy = Some(TrailBusy::Loading);
                self.progress = None;
                self.failures.clear();
                self.end = None;
                self.error = None;
                self.confirm = None;
            }
            TrailAction::Progress(p) => self.progress = Some(p),
            TrailAction::WorkerStopped => {
                if self.loading() {
                    self.busy = None;
                    self.end = Some(LoadEnd::WorkerStopped);
                }
            }
            TrailAction::Loaded { failures, end, progress, offset_ms } => {
                self.busy = None;
                self.failures = failures;
                self.end = Some(end);
                self.progress = Some(progress);
                self.offset_ms = offset_ms;
            }
        }
    }
}
