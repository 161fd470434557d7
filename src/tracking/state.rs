//! The tracking screen's state and its reducer.

use console_core::oss::access_monitor::AccessMonitorStatus;
use console_core::oss::credentials::Credentials;
use console_core::oss::request::Addressing;
use std::rc::Rc;
use yew::Reducible;

/// One call in the request log. Strings are already redacted.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    pub id: u64,
    pub operation: &'static str,
    pub method: String,
    pub url: String,
    /// `None`: no response (network or CORS failure).
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub error_code: Option<String>,
    pub duration_ms: f64,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signed_headers: Vec<String>,
    pub authorization: String,
    pub note: Option<String>,
}

/// The last failure, as shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorView {
    /// The OSS error code, `NetworkError`, or `InvalidInput`.
    pub code: String,
    pub summary: String,
    pub advice: String,
    pub request_id: Option<String>,
    pub ec: Option<String>,
    /// For a network failure: the CORS rule to add.
    pub cors_rule: Option<String>,
    /// For SignatureDoesNotMatch: (ours, server's) canonical request and string to sign, redacted.
    pub comparison: Option<Comparison>,
}

/// Our signing strings beside the server's.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub ours_canonical: String,
    pub theirs_canonical: Option<String>,
    pub ours_string_to_sign: String,
    pub theirs_string_to_sign: Option<String>,
}

/// Everything on the tracking screen.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TrackingState {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub expiration_ms: Option<i64>,
    pub remember: bool,
    pub paste_feedback: Option<Result<String, String>>,
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub addressing: Addressing,
    pub status: Option<AccessMonitorStatus>,
    /// What is in flight ("Reading…", "Enabling…"), if anything.
    pub busy: Option<String>,
    pub clock_offset_ms: i64,
    pub log: Vec<LogEntry>,
    pub last_error: Option<ErrorView>,
    pub last_request_id: Option<String>,
    next_log_id: u64,
}

/// Which credential field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredField {
    Id,
    Secret,
    Token,
}

/// Which bucket-form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketField {
    Bucket,
    Region,
    Endpoint,
}

pub enum Action {
    SetCred(CredField, String),
    Pasted(Result<(Credentials, String), String>),
    ClearCredentials,
    SetRemember(bool),
    SetBucketField(BucketField, String),
    SetAddressing(Addressing),
    UseEmulator,
    Start(String),
    Log(Box<LogEntry>),
    ClockCorrected(i64),
    Finished { status: Option<AccessMonitorStatus>, error: Option<Box<ErrorView>> },
}

impl TrackingState {
    /// Start-up state: region preset, and credentials if this tab was asked to remember them.
    pub fn initial(remembered: Option<Credentials>) -> Self {
        let mut s = TrackingState { region: "cn-hangzhou".into(), ..Default::default() };
        if let Some(c) = remembered {
            s.set_credentials(c);
            s.remember = true;
        }
        s
    }

    /// The credentials as typed.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.trim().to_string(),
            access_key_secret: self.access_key_secret.trim().to_string(),
            security_token: Some(self.security_token.trim().to_string()).filter(|t| !t.is_empty()),
            expiration_ms: self.expiration_ms,
        }
    }

    fn set_credentials(&mut self, c: Credentials) {
        self.access_key_id = c.access_key_id;
        self.access_key_secret = c.access_key_secret;
        self.security_token = c.security_token.unwrap_or_default();
        self.expiration_ms = c.expiration_ms;
    }

    /// Whether tracking can be read or switched now.
    pub fn idle(&self) -> bool {
        self.busy.is_none()
    }
}

impl Reducible for TrackingState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetCred(field, v) => {
                match field {
                    CredField::Id => s.access_key_id = v,
                    CredField::Secret => s.access_key_secret = v,
                    CredField::Token => s.security_token = v,
                }
                // A hand-edited key no longer matches a pasted expiry.
                s.expiration_ms = None;
                s.paste_feedback = None;
            }
            Action::Pasted(Ok((c, format))) => {
                s.set_credentials(c);
                s.paste_feedback = Some(Ok(format));
            }
            Action::Pasted(Err(msg)) => s.paste_feedback = Some(Err(msg)),
            Action::ClearCredentials => {
                s.access_key_id.clear();
                s.access_key_secret.clear();
                s.security_token.clear();
                s.expiration_ms = None;
                s.remember = false;
                s.paste_feedback = None;
                s.status = None;
            }
            Action::SetRemember(on) => s.remember = on,
            Action::SetBucketField(field, v) => {
                match field {
                    BucketField::Bucket => s.bucket = v,
                    BucketField::Region => s.region = v,
                    BucketField::Endpoint => s.endpoint = v,
                }
                s.status = None;
            }
            Action::SetAddressing(a) => {
                s.addressing = a;
                s.status = None;
            }
            Action::UseEmulator => {
                use console_core::oss::demo;
                s.access_key_id = demo::ACCESS_KEY_ID.into();
                s.access_key_secret = demo::ACCESS_KEY_SECRET.into();
                s.security_token = demo::SECURITY_TOKEN.into();
                s.expiration_ms = None;
                s.bucket = demo::BUCKET.into();
                s.region = demo::REGION.into();
                s.endpoint = demo::ENDPOINT.into();
                s.addressing = Addressing::VirtualHosted;
                s.status = None;
                s.paste_feedback = None;
            }
            Action::Start(what) => {
                s.busy = Some(what);
                s.last_error = None;
            }
            Action::Log(mut entry) => {
                s.next_log_id += 1;
                entry.id = s.next_log_id;
                if entry.request_id.is_some() {
                    s.last_request_id = entry.request_id.clone();
                }
                s.log.insert(0, *entry);
                s.log.truncate(200);
            }
            Action::ClockCorrected(offset) => s.clock_offset_ms = offset,
            Action::Finished { status, error } => {
                s.busy = None;
                if status.is_some() {
                    s.status = status;
                }
                s.last_error = error.map(|e| *e);
            }
        }
        Rc::new(s)
    }
}
