//! The page's one credentials state: typed or pasted in the tracking view, used by every view
//! that signs requests (access tracking, loading a trail from its bucket). Held in memory; kept in
//! `sessionStorage` only when the user ticks "remember for this tab".

use crate::services::tab;
use console_core::oss::credentials::{parse_pasted, Credentials, PasteError, PasteFormat};
use console_core::oss::demo;
use std::rc::Rc;
use yew::prelude::*;

/// Which credential field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredField {
    Id,
    Secret,
    Token,
}

/// The credentials as typed, and what the last paste did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CredentialsState {
    pub access_key_id: String,
    pub access_key_secret: String,
    pub security_token: String,
    pub expiration_ms: Option<i64>,
    pub remember: bool,
    pub paste_feedback: Option<Result<PasteFormat, PasteError>>,
}

pub enum CredAction {
    Set(CredField, String),
    Paste(String),
    Clear,
    SetRemember(bool),
    /// The local emulator's demo STS credentials.
    UseDemo,
}

impl CredentialsState {
    /// Start-up state: what this tab remembered, if the user asked it to.
    pub fn initial() -> Self {
        match tab::recall() {
            Some(c) => {
                let mut s = CredentialsState { remember: true, ..Default::default() };
                s.set(c);
                s
            }
            None => CredentialsState::default(),
        }
    }

    /// The credentials as typed (trimmed where whitespace cannot belong).
    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.trim().to_string(),
            access_key_secret: self.access_key_secret.trim().to_string(),
            security_token: Some(self.security_token.trim().to_string()).filter(|t| !t.is_empty()),
            expiration_ms: self.expiration_ms,
        }
    }

    /// Whether anything is filled in.
    pub fn is_empty(&self) -> bool {
        self.access_key_id.trim().is_empty()
    }

    fn set(&mut self, c: Credentials) {
        self.access_key_id = c.access_key_id;
        self.access_key_secret = c.access_key_secret;
        self.security_token = c.security_token.unwrap_or_default();
        self.expiration_ms = c.expiration_ms;
    }
}

impl Reducible for CredentialsState {
    type Action = CredAction;

    fn reduce(self: Rc<Self>, action: CredAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            CredAction::Set(field, v) => {
                match field {
                    CredField::Id => s.access_key_id = v,
                    CredField::Secret => s.access_key_secret = v,
                    CredField::Token => s.security_token = v,
                }
                // A hand-edited key no longer matches a pasted expiry.
                s.expiration_ms = None;
                s.paste_feedback = None;
            }
            CredAction::Paste(text) => match parse_pasted(&text) {
                Ok((c, format)) => {
                    s.set(c);
                    s.paste_feedback = Some(Ok(format));
                }
                Err(e) => s.paste_feedback = Some(Err(e)),
            },
            CredAction::Clear => s = CredentialsState::default(),
            CredAction::SetRemember(on) => s.remember = on,
            CredAction::UseDemo => {
                s.set(Credentials {
                    access_key_id: demo::ACCESS_KEY_ID.into(),
                    access_key_secret: demo::ACCESS_KEY_SECRET.into(),
                    security_token: Some(demo::SECURITY_TOKEN.into()),
                    expiration_ms: None,
                });
                s.paste_feedback = None;
            }
        }
        Rc::new(s)
    }
}

/// The context handle: read the state, dispatch actions.
pub type CredentialsHandle = UseReducerHandle<CredentialsState>;

#[derive(Properties, PartialEq)]
pub struct ProviderProps {
    pub children: Html,
    /// Whether the per-tab memory follows the state. The first screen (`crate::first`) only
    /// reads it: the app it hands over to starts from that memory, and is then given what was
    /// done on the first screen.
    #[prop_or(true)]
    pub keep: bool,
}

/// Holds the credentials for everything inside it, and keeps the per-tab memory in step.
#[function_component(CredentialsProvider)]
pub fn credentials_provider(p: &ProviderProps) -> Html {
    let state = use_reducer(CredentialsState::initial);
    {
        let (creds, remember, keep) = (state.credentials(), state.remember, p.keep);
        use_effect_with((creds, remember), move |(creds, remember)| {
            if !keep {
                return;
            }
            if *remember && !creds.access_key_id.is_empty() {
                tab::remember(creds);
            } else {
                tab::forget();
            }
        });
    }
    html! { <ContextProvider<CredentialsHandle> context={state}>{ p.children.clone() }</ContextProvider<CredentialsHandle>> }
}

/// The page's credentials.
#[hook]
pub fn use_credentials() -> CredentialsHandle {
    use_context::<CredentialsHandle>().expect("CredentialsProvider wraps the app")
}
