//! The tracking screen's runner: the model (`console_core::screens::tracking`) decides; this
//! performs its commands — the signed calls (`Session::check` over the browser's fetch and clock),
//! remembering a confirmed endpoint and a clock correction for the tab, announcing what a call
//! found — and feeds each call's result back as an event. No decision lives here.

use crate::credentials::CredentialsHandle;
use crate::i18n::{Key, Tr};
use crate::screen::{use_runner, Runner, Sends};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::tab;
use crate::widgets::announcer::Announcer;
use console_core::i18n::Lang;
use console_core::oss::session::Session;
use console_core::screens::tracking::{Command, Event, Field, News, Tracking};
use yew::prelude::*;

/// This page's origin, for the CORS rule.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The fields' labels, listed the language's way.
pub fn field_names(lang: Lang, fields: &[Field]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| {
            lang.t(match f {
                Field::AccessKeyId => Key::AccessKeyIdLabel,
                Field::AccessKeySecret => Key::AccessKeySecretLabel,
                Field::SecurityToken => Key::SecurityTokenLabel,
                Field::Bucket => Key::BucketName,
                Field::Region => Key::Region,
            })
        })
        .collect();
    names.join(&lang.t(Key::ListSeparator))
}

/// The screen's model and what runs its commands. Cloning shares the model.
#[derive(Clone, PartialEq)]
pub struct Screen {
    runner: Runner<Tracking>,
    announcer: Announcer,
    lang: Lang,
}

impl Screen {
    /// The model as it is now (to render).
    pub fn now(&self) -> Tracking {
        self.runner.now().clone()
    }

    /// An event: update the model, redraw, perform the commands.
    pub fn send(&self, event: Event) {
        for c in self.runner.update(event) {
            self.perform(c);
        }
    }

    fn perform(&self, c: Command) {
        match c {
            Command::Call { call, intent, target, credentials, offset_ms } => {
                let screen = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let session = Session::new(&FetchTransport, &BrowserClock, target, credentials, offset_ms);
                    let checked = session.check(intent).await;
                    screen.send(Event::Done { call, checked });
                });
            }
            Command::RememberConfirmed(origin) => tab::confirm(&origin),
            Command::LearnOffset { origin, offset_ms } => tab::learn_offset(&origin, offset_ms),
            Command::Announce(news) => {
                let lang = self.lang;
                self.announcer.say(match news {
                    News::Failed(f) => lang.t(Key::AnnounceFailed {
                        op: f.op.name(),
                        code: &f.failure.code(),
                        summary: &f.failure.summary(lang),
                    }),
                    News::Status(status) => lang.t(Key::AnnounceStatus(status)),
                    News::Missing(fields) => lang.t(Key::MissingFields(&field_names(lang, &fields))),
                });
            }
        }
    }
}

impl Sends for Screen {
    type Event = Event;
    fn send(&self, event: Event) {
        Screen::send(self, event);
    }
}

/// The tracking screen, kept for the page's life.
#[hook]
pub fn use_screen(credentials: CredentialsHandle, announcer: Announcer, lang: Lang) -> Screen {
    let runner = use_runner(credentials, Tracking::default);
    Screen { runner, announcer, lang }
}
