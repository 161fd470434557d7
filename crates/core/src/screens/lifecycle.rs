//! The lifecycle editor's screen: read the bucket's configuration, add or edit a last-access-time
//! rule (or disable, or delete one), review the change rule by rule, confirm, and write it
//! without losing any other rule (`Session::write_lifecycle` re-reads first and reads back after).
//! The shell runs [`Command::Read`] and [`Command::Write`] and feeds back [`Event::Read`] and
//! [`Event::Written`].

use super::{Env, Screen};
use crate::oss::credentials::Credentials;
use crate::oss::lifecycle_config::{self as lc, AtimeRule, Invalid, Node, RuleChange, StorageClass};
use crate::oss::place::{endpoint_origin, BucketPlace};
use crate::oss::request::BucketTarget;
use crate::oss::session::{prepare, Failure, LifecycleWrite};

/// Where the editor is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    Closed,
    Reading,
    /// The configuration is shown; a rule may be in the form.
    Editing,
    /// The change, rule by rule, waiting for the person's go-ahead.
    Reviewing(Vec<RuleChange>),
    Writing,
}

/// How a write ended (`data-reason` of the result).
#[derive(Clone, Debug, PartialEq)]
pub enum Ended {
    /// Written and read back as written.
    Ok,
    /// The configuration changed since it was shown: nothing written; the new one is shown.
    Changed,
    /// Refused before any request (what to fix).
    Invalid(Vec<Invalid>),
    /// Read back, it is not what was written.
    Mismatch,
    /// OSS (or the network) refused: the failure.
    Failed(Failure),
}

impl Ended {
    /// The stable name: `ok`, `changed`, `invalid`, `mismatch`, `denied`, or the error code.
    pub fn reason(&self) -> String {
        match self {
            Ended::Ok => "ok".into(),
            Ended::Changed => "changed".into(),
            Ended::Invalid(_) => "invalid".into(),
            Ended::Mismatch => "mismatch".into(),
            Ended::Failed(f) if f.code() == "AccessDenied" => "denied".into(),
            Ended::Failed(f) => f.code(),
        }
    }
}

/// The editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    pub stage: Stage,
    /// The configuration as read (what a write must find unchanged).
    pub shown: Option<Node>,
    /// The configuration with the person's changes.
    pub draft: Option<Node>,
    /// The rule in the form (new, or a copy of the one being edited).
    pub form: Option<AtimeRule>,
    pub ended: Option<Ended>,
    /// The ID of the rule in the form as it is in the draft (`None`: a new rule).
    pub editing: Option<String>,
    /// The place and call of the read or write in flight (answers to older calls are dropped).
    call: u64,
    place: Option<BucketPlace>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor {
            stage: Stage::Closed,
            shown: None,
            draft: None,
            form: None,
            ended: None,
            editing: None,
            call: 0,
            place: None,
        }
    }
}

/// What happens to the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Open it on the tracking view's bucket (reads the configuration).
    Open {
        place: BucketPlace,
    },
    Read {
        call: u64,
        result: Result<Node, Failure>,
    },
    /// A new rule in the form, with a free ID.
    NewRule,
    /// An editable rule into the form.
    EditRule(String),
    /// The form changed.
    Form(AtimeRule),
    /// The form's rule into the draft.
    SaveRule,
    /// Delete an editable rule from the draft.
    DeleteRule(String),
    /// Review the draft; `tracking_enabled`: as the tracking view last read it.
    Review {
        tracking_enabled: bool,
    },
    /// Back to editing from the review.
    BackToEdit,
    /// Write the draft.
    Confirm,
    Written {
        call: u64,
        result: Result<LifecycleWrite, Failure>,
    },
    Close,
}

/// A call for the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Read { call: u64, target: BucketTarget, credentials: Credentials, offset_ms: i64 },
    Write { call: u64, target: BucketTarget, credentials: Credentials, offset_ms: i64, base: Box<Node>, new: Box<Node> },
}

impl Editor {
    fn prepared(&self, env: Env<'_>) -> Result<(BucketTarget, Credentials, i64), Failure> {
        let place = self.place.clone().unwrap_or_default();
        let (target, credentials) = prepare(&place.form(env.credentials.clone()), &|o| env.endpoints.is_confirmed(o))?;
        let offset_ms = env.endpoints.offset(&endpoint_origin(&target));
        Ok((target, credentials, offset_ms))
    }

    fn read(&mut self, env: Env<'_>) -> Vec<Command> {
        match self.prepared(env) {
            Ok((target, credentials, offset_ms)) => {
                self.call += 1;
                self.stage = Stage::Reading;
                vec![Command::Read { call: self.call, target, credentials, offset_ms }]
            }
            Err(f) => {
                self.stage = Stage::Closed;
                self.ended = Some(Ended::Failed(f));
                vec![]
            }
        }
    }

    /// A rule ID the draft does not use yet.
    fn free_id(&self) -> String {
        let ids: Vec<String> =
            self.draft.as_ref().map(|d| lc::rules(d).into_iter().map(|r| r.id).collect()).unwrap_or_default();
        (1..).map(|n| format!("atime-rule-{n}")).find(|id| !ids.contains(id)).unwrap_or_default()
    }
}

impl Screen for Editor {
    type Event = Event;
    type Command = Command;

    fn update(&mut self, event: Event, env: Env<'_>) -> Vec<Command> {
        match event {
            Event::Open { place } => {
                *self = Editor { call: self.call, place: Some(place), ..Editor::default() };
                self.read(env)
            }
            Event::Read { call, result } if call == self.call && self.stage == Stage::Reading => {
                match result {
                    Ok(node) => {
                        self.shown = Some(node.clone());
                        self.draft = Some(node);
                        self.stage = Stage::Editing;
                    }
                    Err(f) => {
                        self.stage = Stage::Closed;
                        self.ended = Some(Ended::Failed(f));
                    }
                }
                vec![]
            }
            Event::NewRule if self.stage == Stage::Editing => {
                self.editing = None;
                self.form = Some(AtimeRule {
                    id: self.free_id(),
                    prefix: String::new(),
                    tags: vec![],
                    enabled: true,
                    days: 30,
                    storage_class: StorageClass::IA,
                    return_to_std: false,
                    allow_small_file: false,
                });
                vec![]
            }
            Event::EditRule(id) if self.stage == Stage::Editing => {
                self.form = self
                    .draft
                    .as_ref()
                    .and_then(|d| lc::rules(d).into_iter().find(|r| r.id == id))
                    .and_then(|r| r.editable);
                self.editing = self.form.as_ref().map(|_| id);
                vec![]
            }
            Event::Form(rule) if self.stage == Stage::Editing => {
                self.form = Some(rule);
                vec![]
            }
            Event::SaveRule if self.stage == Stage::Editing => {
                if let (Some(draft), Some(rule)) = (self.draft.as_mut(), self.form.take()) {
                    if lc::upsert(draft, self.editing.as_deref(), &rule).is_err() {
                        self.form = Some(rule);
                    } else {
                        self.editing = None;
                    }
                }
                vec![]
            }
            Event::DeleteRule(id) if self.stage == Stage::Editing => {
                if let Some(draft) = self.draft.as_mut() {
                    let _ = lc::remove(draft, &id);
                }
                vec![]
            }
            Event::Review { tracking_enabled } if self.stage == Stage::Editing => {
                let (Some(shown), Some(draft)) = (&self.shown, &self.draft) else { return vec![] };
                let invalid = lc::validate(draft, tracking_enabled);
                if invalid.is_empty() {
                    self.ended = None;
                    self.stage = Stage::Reviewing(lc::diff(shown, draft));
                } else {
                    self.ended = Some(Ended::Invalid(invalid));
                }
                vec![]
            }
            Event::BackToEdit if matches!(self.stage, Stage::Reviewing(_)) => {
                self.stage = Stage::Editing;
                vec![]
            }
            Event::Confirm if matches!(self.stage, Stage::Reviewing(_)) => {
                let (Some(shown), Some(draft)) = (self.shown.clone(), self.draft.clone()) else { return vec![] };
                match self.prepared(env) {
                    Ok((target, credentials, offset_ms)) => {
                        self.call += 1;
                        self.stage = Stage::Writing;
                        vec![Command::Write {
                            call: self.call,
                            target,
                            credentials,
                            offset_ms,
                            base: Box::new(shown),
                            new: Box::new(draft),
                        }]
                    }
                    Err(f) => {
                        self.stage = Stage::Editing;
                        self.ended = Some(Ended::Failed(f));
                        vec![]
                    }
                }
            }
            Event::Written { call, result } if call == self.call && self.stage == Stage::Writing => {
                self.stage = Stage::Editing;
                self.ended = Some(match result {
                    Ok(LifecycleWrite::Written { read_back, matches }) => {
                        // What is there now is the new base, whether or not it matches.
                        self.shown = Some(read_back.clone());
                        self.draft = Some(read_back);
                        if matches {
                            Ended::Ok
                        } else {
                            Ended::Mismatch
                        }
                    }
                    Ok(LifecycleWrite::Changed(now)) => {
                        self.shown = Some(now.clone());
                        self.draft = Some(now);
                        Ended::Changed
                    }
                    Err(f) => Ended::Failed(f),
                });
                vec![]
            }
            Event::Close => {
                *self = Editor { call: self.call, ..Editor::default() };
                vec![]
            }
            _ => vec![],
        }
    }
}
