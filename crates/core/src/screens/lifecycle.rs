//! The lifecycle editor's screen: read the bucket's configuration, add or edit a last-access-time
//! rule (or disable, or delete one), review the change rule by rule, confirm, and write it
//! without losing any other rule (`Session::write_lifecycle` re-reads first and reads back after).
//! The shell runs [`Command::Read`] and [`Command::Write`] and feeds back [`Event::Read`] and
//! [`Event::Written`].

use super::{Env, Screen};
use crate::oss::credentials::Credentials;
use crate::oss::error::Operation;
use crate::oss::lifecycle_config::{self as lc, AtimeRule, Invalid, Node, RuleChange, StorageClass};
use crate::oss::place::BucketPlace;
use crate::oss::request::BucketTarget;
use crate::oss::session::{Failed, Failure, LifecycleWrite};

/// Where the editor is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    Closed,
    Reading,
    /// The configuration is shown; a rule may be in the form.
    Editing,
    /// The change, rule by rule, shown.
    Reviewing(Vec<RuleChange>),
    /// The change shown, and the question "write it?" asked.
    Confirming(Vec<RuleChange>),
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
    /// Written, but the read-back failed (its failure): not verified.
    Unverified(Failed),
    /// OSS (or the network) refused: the call and the failure.
    Failed(Failed),
}

impl Ended {
    /// The stable name: `ok`, `changed`, `invalid`, `mismatch`, `unverified`, `denied`, or the
    /// error code.
    pub fn reason(&self) -> String {
        match self {
            Ended::Ok => "ok".into(),
            Ended::Changed => "changed".into(),
            Ended::Invalid(_) => "invalid".into(),
            Ended::Mismatch => "mismatch".into(),
            Ended::Unverified(_) => "unverified".into(),
            Ended::Failed(f) if f.failure.code() == "AccessDenied" => "denied".into(),
            Ended::Failed(f) => f.failure.code(),
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
    /// Why the form's rule was not taken into the draft.
    pub form_problem: Option<FormProblem>,
    /// A new rule to put in the form once the configuration is read (from the cold-data view).
    prefill: Option<Prefill>,
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
            form_problem: None,
            prefill: None,
            call: 0,
            place: None,
        }
    }
}

/// Why the form's rule cannot go into the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormProblem {
    /// Another rule has this ID.
    IdTaken(String),
    /// The days are not a whole number above 0.
    NoDays,
    /// No ID (OSS would make one up, and the read-back could not be matched to the rule).
    NoId,
}

/// A new rule's starting point: the prefix and days the cold-data view measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefill {
    pub prefix: String,
    pub days: u32,
    pub allow_small_file: bool,
}

/// What happens to the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Open it on the tracking view's bucket (reads the configuration).
    Open {
        place: BucketPlace,
        /// Start a new rule with these values once the configuration is read.
        new_rule: Option<Prefill>,
    },
    Read {
        call: u64,
        result: Result<Node, Failure>,
    },
    /// A new rule in the form, with a free ID.
    NewRule,
    /// A new rule in the form, starting from these values.
    NewRuleFrom(Prefill),
    /// An editable rule into the form.
    EditRule(String),
    /// The form changed.
    Form(AtimeRule),
    /// The form's rule into the draft.
    SaveRule,
    /// Put the form away without keeping it.
    DropForm,
    /// Enable or disable an editable rule in the draft.
    SetEnabled(String, bool),
    /// Delete an editable rule from the draft.
    DeleteRule(String),
    /// Review the draft; `tracking_enabled`: as the tracking view last read it.
    Review {
        tracking_enabled: bool,
    },
    /// Back to editing from the review.
    BackToEdit,
    /// Ask for the go-ahead to write the reviewed change.
    Apply,
    /// The go-ahead: write the draft.
    Confirm,
    Written {
        call: u64,
        /// A failure names its call (the re-read, the PUT or the read-back).
        result: Result<LifecycleWrite, Failed>,
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
        super::prepare_call(&self.place.clone().unwrap_or_default(), env)
    }

    fn read(&mut self, env: Env<'_>) -> Vec<Command> {
        match self.prepared(env) {
            Ok((target, credentials, offset_ms)) => {
                self.call += 1;
                self.stage = Stage::Reading;
                vec![Command::Read { call: self.call, target, credentials, offset_ms }]
            }
            Err(failure) => {
                self.stage = Stage::Closed;
                self.ended = Some(Ended::Failed(Failed { op: Operation::GetBucketLifecycle, failure }));
                vec![]
            }
        }
    }

    fn new_rule(&mut self) {
        self.editing = None;
        self.form_problem = None;
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
    }

    /// The form's rule into the draft; `false` when it cannot go (the form stays, with why).
    fn save_form(&mut self) -> bool {
        let (Some(draft), Some(rule)) = (self.draft.as_mut(), self.form.take()) else { return true };
        let taken = lc::rules(draft)
            .iter()
            .any(|r| !rule.id.is_empty() && r.id == rule.id && self.editing.as_deref() != Some(&r.id));
        // The rule as it is in the draft, when the form is editing one.
        let original = self
            .editing
            .as_deref()
            .and_then(|id| lc::rules(draft).into_iter().find(|r| r.id == id))
            .and_then(|r| r.editable);
        self.form_problem = if rule.id.trim().is_empty() {
            Some(FormProblem::NoId)
        } else if rule.days == 0 {
            Some(FormProblem::NoDays)
        } else if taken {
            Some(FormProblem::IdTaken(rule.id.clone()))
        } else if original.as_ref() == Some(&rule) {
            // Unchanged: left as read (rewriting it could reorder its elements).
            None
        } else {
            lc::upsert(draft, self.editing.as_deref(), &rule).err().map(|_| FormProblem::IdTaken(rule.id.clone()))
        };
        if self.form_problem.is_some() {
            self.form = Some(rule);
            false
        } else {
            self.editing = None;
            self.ended = None;
            true
        }
    }

    fn new_rule_from(&mut self, p: Prefill) {
        self.new_rule();
        if let Some(form) = self.form.as_mut() {
            form.prefix = p.prefix;
            form.days = p.days.max(1);
            form.allow_small_file = p.allow_small_file;
        }
    }

    /// The bucket the editor reads and writes (its place when opened).
    pub fn bucket(&self) -> &str {
        self.place.as_ref().map_or("", |p| p.bucket.as_str())
    }

    /// Whether the editor is showing a configuration (open, not reading).
    pub fn is_open(&self) -> bool {
        !matches!(self.stage, Stage::Closed | Stage::Reading)
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
            Event::Open { place, new_rule } => {
                *self = Editor { call: self.call, place: Some(place), prefill: new_rule, ..Editor::default() };
                self.read(env)
            }
            Event::Read { call, result } if call == self.call && self.stage == Stage::Reading => {
                match result {
                    Ok(node) => {
                        self.shown = Some(node.clone());
                        self.draft = Some(node);
                        self.stage = Stage::Editing;
                        if let Some(p) = self.prefill.take() {
                            self.new_rule_from(p);
                        }
                    }
                    Err(failure) => {
                        self.stage = Stage::Closed;
                        self.ended = Some(Ended::Failed(Failed { op: Operation::GetBucketLifecycle, failure }));
                    }
                }
                vec![]
            }
            Event::NewRule if self.stage == Stage::Editing => {
                self.new_rule();
                vec![]
            }
            Event::NewRuleFrom(p) if self.stage == Stage::Editing => {
                self.new_rule_from(p);
                vec![]
            }
            Event::EditRule(id) if self.stage == Stage::Editing => {
                self.form = self
                    .draft
                    .as_ref()
                    .and_then(|d| lc::rules(d).into_iter().find(|r| r.id == id))
                    .and_then(|r| r.editable);
                self.editing = self.form.as_ref().map(|_| id);
                self.form_problem = None;
                vec![]
            }
            Event::Form(rule) if self.stage == Stage::Editing => {
                self.form = Some(rule);
                vec![]
            }
            Event::SaveRule if self.stage == Stage::Editing => {
                self.save_form();
                vec![]
            }
            Event::DropForm if self.stage == Stage::Editing => {
                self.form = None;
                self.editing = None;
                self.form_problem = None;
                vec![]
            }
            Event::SetEnabled(id, on) if self.stage == Stage::Editing => {
                if let Some(draft) = self.draft.as_mut() {
                    let found = lc::rules(draft).into_iter().find(|r| r.id == id).and_then(|r| r.editable);
                    if let Some(mut rule) = found {
                        rule.enabled = on;
                        let _ = lc::upsert(draft, Some(&id), &rule);
                    }
                }
                // The same rule in the form follows, so keeping the form does not undo it.
                if self.editing.as_deref() == Some(&id) {
                    if let Some(form) = self.form.as_mut() {
                        form.enabled = on;
                    }
                }
                vec![]
            }
            Event::DeleteRule(id) if self.stage == Stage::Editing => {
                if let Some(draft) = self.draft.as_mut() {
                    let _ = lc::remove(draft, &id);
                }
                if self.editing.as_deref() == Some(&id) {
                    self.form = None;
                    self.editing = None;
                }
                vec![]
            }
            Event::Review { tracking_enabled } if self.stage == Stage::Editing => {
                // A rule still in the form is part of the change (kept first, as "Keep" would).
                if !self.save_form() {
                    return vec![];
                }
                let (Some(shown), Some(draft)) = (&self.shown, &self.draft) else { return vec![] };
                let changes = lc::diff(shown, draft);
                // Rules that overlapped before this change (OSS took them) are not this
                // change's to fix: an overlap counts when it involves a rule added or changed.
                let untouched = |id: &str| changes.iter().any(|c| matches!(c, RuleChange::Unchanged(u) if u == id));
                let invalid: Vec<Invalid> = lc::validate(draft, tracking_enabled)
                    .into_iter()
                    .filter(|i| !matches!(i, Invalid::Overlap(a, b) if untouched(a) && untouched(b)))
                    .collect();
                if invalid.is_empty() {
                    self.ended = None;
                    self.stage = Stage::Reviewing(changes);
                } else {
                    self.ended = Some(Ended::Invalid(invalid));
                }
                vec![]
            }
            Event::BackToEdit if matches!(self.stage, Stage::Reviewing(_) | Stage::Confirming(_)) => {
                self.stage = Stage::Editing;
                vec![]
            }
            Event::Apply => {
                // Nothing to write when every rule is unchanged.
                if let Stage::Reviewing(changes) = &self.stage {
                    if changes.iter().any(|c| !matches!(c, RuleChange::Unchanged(_))) {
                        self.stage = Stage::Confirming(changes.clone());
                    }
                }
                vec![]
            }
            Event::Confirm if matches!(self.stage, Stage::Confirming(_)) => {
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
                    Err(failure) => {
                        self.stage = Stage::Editing;
                        self.ended = Some(Ended::Failed(Failed { op: Operation::PutBucketLifecycle, failure }));
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
                    Ok(LifecycleWrite::Unverified(failure)) => {
                        // OSS took the PUT: what is there is the draft, as far as is known (a
                        // later write re-reads first, so a wrong guess here writes nothing).
                        self.shown = self.draft.clone();
                        Ended::Unverified(Failed { op: Operation::GetBucketLifecycle, failure })
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
