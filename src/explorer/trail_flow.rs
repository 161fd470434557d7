//! The trail panel's runner: the model (`console_core::screens::trail_source`) decides; this
//! performs its commands — listing the trail's folders and planning the range with
//! `console_core::trail::bucket` over the browser's fetch and clock, handing a load to the worker
//! (which fetches the objects itself), Cancel, remembering a confirmed endpoint and a clock
//! correction for the tab, announcing — and feeds the results back as events.

use super::hooks::WorkerBridge;
use super::state::{Action, ExplorerState, Notice};
use crate::credentials::CredentialsHandle;
use crate::i18n::{Key, Tr};
use crate::screen::{use_runner, Runner, Sends};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::tab;
use crate::tracking::flow::page_origin;
use crate::widgets::announcer::Announcer;
use crate::widgets::format::{bytes, count};
use console_core::effects::Clock;
use console_core::i18n::Lang;
use console_core::oss::error::Operation;
use console_core::oss::session::Session;
use console_core::screens::trail_source::{Command, Event, News, TrailSource};
use console_core::tasks::Cancel;
use console_core::trail::bucket::{Totals, TrailBucket};
use console_core::trail::bucket_load::LoadEnd;
use console_core::trail::protocol::Request;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Listing progress goes to the view at most this often.
const PROGRESS_EVERY_MS: f64 = 150.0;

/// "12 files · 3.4 MB · 1,200 events expected".
pub fn totals_line(lang: Lang, t: &Totals) -> String {
    lang.t(Key::PlanTotals {
        files: &count(lang, t.files as u64),
        bytes: &bytes(lang, t.bytes),
        events: &count(lang, t.events),
    })
}

/// How a load ended, in words.
pub fn end_text(lang: Lang, end: &LoadEnd) -> String {
    match end {
        LoadEnd::Complete => lang.t(Key::TrailLoaded),
        LoadEnd::Cancelled => lang.t(Key::TrailCancelled),
        LoadEnd::Stopped(f) => lang.t(Key::TrailStopped {
            summary: &f.summary(lang),
            advice: &f.advice(lang, Operation::GetObject, &page_origin()),
        }),
        LoadEnd::WorkerStopped => lang.t(Key::TrailWorkerStopped),
    }
}

/// The panel's model and what runs its commands. Cloning shares the model.
#[derive(Clone)]
pub struct TrailScreen {
    runner: Runner<TrailSource>,
    /// The listing in flight's Cancel.
    listing: Rc<RefCell<Cancel>>,
    announcer: Announcer,
    lang: Lang,
    bridge: WorkerBridge,
    explorer: UseReducerDispatcher<ExplorerState>,
}

impl PartialEq for TrailScreen {
    fn eq(&self, other: &Self) -> bool {
        self.runner == other.runner
    }
}

impl TrailScreen {
    /// The model as it is now (to render).
    pub fn now(&self) -> std::cell::Ref<'_, TrailSource> {
        self.runner.now()
    }

    /// An event: update the model, redraw, perform the commands.
    pub fn send(&self, event: Event) {
        let was = self.runner.now().loading();
        let commands = self.runner.update(event);
        let is = self.runner.now().loading();
        if was != is {
            // The explorer holds its queries while a trail loads.
            self.explorer.dispatch(Action::TrailLoading(is));
        }
        for c in commands {
            self.perform(c);
        }
    }

    fn perform(&self, c: Command) {
        match c {
            Command::List { call, target, credentials, prefix, range, offset_ms } => {
                let cancel = Cancel::new();
                // One listing at a time: the one before (if any) stops.
                std::mem::replace(&mut *self.listing.borrow_mut(), cancel.clone()).cancel();
                let screen = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let (transport, clock) = (FetchTransport, BrowserClock);
                    let session = Session::new(&transport, &clock, target, credentials, offset_ms);
                    let bucket = TrailBucket::new(&session, &clock, &prefix);
                    let last = Cell::new(0.0);
                    let plan = match bucket.discover(&cancel).await {
                        Ok(found) => {
                            let progress = |p: &_| {
                                if clock.now_ms() - last.get() >= PROGRESS_EVERY_MS {
                                    last.set(clock.now_ms());
                                    screen.send(Event::Listing { call, progress: *p });
                                }
                            };
                            bucket.plan(&found.folders, &range, &cancel, &progress).await
                        }
                        Err(e) => Err(e),
                    };
                    screen.send(Event::Planned { call, plan, offset_ms: session.offset_ms() });
                });
            }
            Command::Load(load) => {
                self.explorer.dispatch(Action::Notice(None::<Notice>));
                self.bridge.load_trail(*load);
            }
            Command::StopListing => self.listing.borrow().cancel(),
            Command::StopLoad => self.bridge.send(&Request::Cancel),
            Command::RememberConfirmed(origin) => tab::confirm(&origin),
            Command::LearnOffset { origin, offset_ms } => tab::learn_offset(&origin, offset_ms),
            Command::Announce(news) => {
                let lang = self.lang;
                let text = match news {
                    News::Planned => {
                        let totals = self.runner.now().chosen().map(|c| c.totals).unwrap_or_default();
                        lang.t(Key::AnnouncePlan(&totals_line(lang, &totals)))
                    }
                    News::Error(e) => e.summary(lang),
                    News::Ended(end) => end_text(lang, &end),
                };
                self.announcer.say(text);
            }
        }
    }
}

impl Sends for TrailScreen {
    type Event = Event;
    fn send(&self, event: Event) {
        TrailScreen::send(self, event);
    }
}

/// The trail panel's screen, kept for the page's life; the worker bridge feeds it the load's
/// progress and end.
#[hook]
pub fn use_trail_screen(
    credentials: CredentialsHandle,
    announcer: Announcer,
    lang: Lang,
    bridge: WorkerBridge,
    explorer: UseReducerDispatcher<ExplorerState>,
) -> TrailScreen {
    let runner = use_runner(credentials, || TrailSource::new(js_sys::Date::now() as i64));
    let listing = (*use_memo((), |_| Rc::new(RefCell::new(Cancel::new())))).clone();
    let screen = TrailScreen { runner, listing, announcer, lang, bridge, explorer };
    {
        // Again after every render: the sink speaks the page's current language.
        let screen = screen.clone();
        use_effect(move || {
            let sink = screen.clone();
            screen.bridge.set_trail_sink(Callback::from(move |e: Event| sink.send(e)));
        });
    }
    screen
}
