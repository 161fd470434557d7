//! Cold data: how much under a prefix of the tracking view's bucket was last read how long ago,
//! and what a last-access-time rule at N days would move. The model is
//! `console_core::screens::cold` (it decides); this renders it and runs its scan
//! (`cold_scan::scan` over the browser's fetch and clock) with a Cancel. Reads only.

use crate::i18n::{use_lang, Key, Tr};
use crate::screen::{use_runner, Runner, Sends};
use crate::services::clock::BrowserClock;
use crate::services::fetch::FetchTransport;
use crate::services::tab;
use crate::tracking::flow::page_origin;
use crate::widgets::announcer::{use_announcer, Announcer};
use crate::widgets::copy_button::CopyButton;
use crate::widgets::format::{bytes, count};
use console_core::effects::Clock;
use console_core::i18n::Lang;
use console_core::oss::cold::{Estimate, Figure};
use console_core::oss::cold_scan::{scan, ScanProgress};
use console_core::oss::error::Operation;
use console_core::oss::place::{endpoint_origin, BucketPlace};
use console_core::oss::session::Session;
use console_core::screens::cold::{ColdData, Command, Event, ScanFailure};
use console_core::screens::lifecycle::Prefill;
use console_core::tasks::Cancel;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The view's model and what runs its scan. Cloning shares both.
#[derive(Clone)]
struct Screen {
    runner: Runner<ColdData>,
    /// The scan in flight and its cancel flag.
    cancel: Rc<RefCell<Option<(u64, Cancel)>>>,
    announcer: Announcer,
    lang: Lang,
}

impl PartialEq for Screen {
    fn eq(&self, other: &Self) -> bool {
        self.runner == other.runner
    }
}

/// At most this often (ms) the progress is redrawn.
const PROGRESS_EVERY_MS: f64 = 100.0;

impl Sends for Screen {
    type Event = Event;
    fn send(&self, event: Event) {
        for c in self.runner.update(event) {
            match c {
                Command::Scan { call, target, credentials, offset_ms, prefix, options } => {
                    let cancel = Cancel::new();
                    *self.cancel.borrow_mut() = Some((call, cancel.clone()));
                    let screen = self.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let origin = endpoint_origin(&target);
                        let session = Session::new(&FetchTransport, &BrowserClock, target, credentials, offset_ms);
                        let last = Cell::new(f64::MIN);
                        let progress = |progress: ScanProgress| {
                            let now = BrowserClock.now_ms();
                            if now - last.get() >= PROGRESS_EVERY_MS {
                                last.set(now);
                                screen.send(Event::Progress { call, progress });
                            }
                        };
                        let result = scan(&session, &BrowserClock, &prefix, options, &cancel, &progress).await;
                        if session.offset_ms() != offset_ms {
                            tab::learn_offset(&origin, session.offset_ms());
                        }
                        // Ages count from OSS's clock (the correction applied).
                        let now_ms = BrowserClock.now_ms() as i64 + session.offset_ms();
                        screen.send(Event::Finished { call, result, now_ms });
                        let text = {
                            let m = screen.runner.now();
                            m.estimate().zip(m.days()).map(|(e, days)| headline(screen.lang, &e, days))
                        };
                        if let Some(text) = text {
                            screen.announcer.say(text);
                        }
                    });
                }
                Command::Cancel { call } => {
                    if let Some((c, cancel)) = self.cancel.borrow().as_ref() {
                        if *c == call {
                            cancel.cancel();
                        }
                    }
                }
            }
        }
    }
}

fn figure(lang: Lang, f: Figure, exact: bool, as_bytes: bool) -> (String, Option<String>) {
    let show = |v: f64| {
        let v = v.max(0.0).round() as u64;
        if as_bytes {
            bytes(lang, v)
        } else {
            count(lang, v)
        }
    };
    (show(f.value), (!exact).then(|| show(f.margin)))
}

/// "A rule at N days would move about X of Y…" (or that nothing could be read).
fn headline(lang: Lang, e: &Estimate, days: u32) -> String {
    if e.read == 0 {
        return lang.t(Key::ColdNothingRead);
    }
    let (cold, margin) = figure(lang, e.cold_bytes, e.exact, true);
    let (objects, _) = figure(lang, e.cold_objects, e.exact, false);
    lang.t(Key::ColdHeadline {
        days: &count(lang, days as u64),
        cold: &cold,
        standard: &bytes(lang, e.standard_bytes),
        objects: &objects,
        margin: margin.as_deref(),
    })
}

/// The figures by last access (when something was read) and by storage class.
fn age_tables(lang: Lang, e: &Estimate, any_read: bool) -> Html {
    let total_bytes = e.bands.iter().map(|b| b.bytes.value).sum::<f64>().max(1.0);
    let share = |v: f64| format!("{:.0}%", 100.0 * v / total_bytes);
    html! {
        <>
          if any_read {
            <h4 id="cold-age-title">{ lang.t(Key::ColdAgeTitle) }</h4>
            // The chart repeats the table's bytes column for the eye.
            <div class="cold-chart" aria-hidden="true">
                { for e.bands.iter().map(|b| {
                    let width = format!("width: {:.1}%", 100.0 * b.bytes.value.max(0.0) / total_bytes);
                    html! {
                        <div class="cold-bar-row">
                            <span class="cold-bar-label">{ lang.t(Key::ColdAge(b.age)) }</span>
                            <span class="cold-bar-track"><span class={if b.age.is_none() { "cold-bar none" } else { "cold-bar" }} style={width} /></span>
                            <span class="cold-bar-value">{ share(b.bytes.value) }</span>
                        </div>
                    }
                }) }
            </div>
            <div class="table-scroll">
                <table class="cold-table" aria-labelledby="cold-age-title" data-testid="cold-ages">
                    <thead><tr>
                        <th scope="col">{ lang.t(Key::ColdLastRead) }</th>
                        <th scope="col" class="num">{ lang.t(Key::ColdObjects) }</th>
                        <th scope="col" class="num">{ lang.t(Key::ColdBytes) }</th>
                        <th scope="col" class="num">{ lang.t(Key::ColdShare) }</th>
                    </tr></thead>
                    <tbody>
                        { for e.bands.iter().map(|b| {
                            let (o, om) = figure(lang, b.objects, e.exact, false);
                            let (y, ym) = figure(lang, b.bytes, e.exact, true);
                            let with = |v: String, m: Option<String>| match m {
                                Some(m) => format!("{v} ± {m}"),
                                None => v,
                            };
                            html! {
                                <tr data-age={b.age.map(|(lo, _)| lo.to_string()).unwrap_or_else(|| "none".into())}
                                    data-objects={format!("{:.0}", b.objects.value)} data-bytes={format!("{:.0}", b.bytes.value)}>
                                    <th scope="row">{ lang.t(Key::ColdAge(b.age)) }</th>
                                    <td class="num">{ with(o, om) }</td>
                                    <td class="num">{ with(y, ym) }</td>
                                    <td class="num">{ share(b.bytes.value) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="hint">{ lang.t(Key::ColdNoAccessHint) }</p>
          }
            <h4 id="cold-class-title">{ lang.t(Key::ColdClassTitle) }</h4>
            <div class="table-scroll">
                <table class="cold-table" aria-labelledby="cold-class-title" data-testid="cold-classes">
                    <thead><tr>
                        <th scope="col">{ lang.t(Key::ColdClass) }</th>
                        <th scope="col" class="num">{ lang.t(Key::ColdObjects) }</th>
                        <th scope="col" class="num">{ lang.t(Key::ColdBytes) }</th>
                    </tr></thead>
                    <tbody>
                        { for e.classes.iter().map(|(class, n, size)| html! {
                            <tr data-class={class.clone()} data-objects={n.to_string()} data-bytes={size.to_string()}>
                                <th scope="row">{ class.clone() }</th>
                                <td class="num">{ count(lang, *n) }</td>
                                <td class="num">{ bytes(lang, *size) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The tracking view's bucket place.
    pub place: BucketPlace,
    /// Start a rule in the lifecycle editor with these values.
    pub on_rule: Callback<Prefill>,
}

#[function_component(ColdCard)]
pub fn cold_card(p: &Props) -> Html {
    let lang = use_lang();
    let creds = crate::credentials::use_credentials();
    let announcer = use_announcer();
    let runner = use_runner(creds, ColdData::default);
    let cancel = (*use_memo((), |_| Rc::new(RefCell::new(None)))).clone();
    let screen = Screen { runner, cancel, announcer, lang };
    // Borrowed, not cloned: a report holds up to 200,000 listed keys. Nothing here sends.
    let m = screen.runner.now();
    // Worked out once per render (it goes over the listing), and not while a scan runs (the
    // report is hidden then).
    let estimate = if m.scanning { None } else { m.estimate() };

    let on = Handlers {
        prefix: screen.callback(|e: InputEvent| Event::Prefix(e.target_unchecked_into::<HtmlInputElement>().value())),
        days: screen.callback(|e: InputEvent| Event::Days(e.target_unchecked_into::<HtmlInputElement>().value())),
        small: screen.callback(|e: web_sys::Event| {
            Event::AllowSmallFile(e.target_unchecked_into::<HtmlInputElement>().checked())
        }),
        scan: {
            let (screen, place) = (screen.clone(), p.place.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                screen.send(Event::Scan { place: place.clone() })
            })
        },
        cancel: screen.callback(|_: MouseEvent| Event::Cancel),
        rule: p.on_rule.clone(),
    };
    draw(lang, &m, estimate.as_ref(), &p.place, on)
}

/// What the card's controls do.
struct Handlers {
    prefix: Callback<InputEvent>,
    days: Callback<InputEvent>,
    small: Callback<web_sys::Event>,
    scan: Callback<SubmitEvent>,
    cancel: Callback<MouseEvent>,
    /// "Write a rule for this prefix".
    rule: Callback<Prefill>,
}

/// The card as it is before anything is typed or scanned, for the first screen
/// (`super::FirstTrackingView`): the model's defaults, controls that do nothing yet.
pub fn first_view(lang: Lang, place: &BucketPlace) -> Html {
    let on = Handlers {
        prefix: Callback::noop(),
        days: Callback::noop(),
        small: Callback::noop(),
        scan: Callback::from(|e: SubmitEvent| e.prevent_default()),
        cancel: Callback::noop(),
        rule: Callback::noop(),
    };
    draw(lang, &ColdData::default(), None, place, on)
}

/// The card for the model `m` (with its `estimate`, worked out by the caller) and the place in
/// the tracking view's `form`.
fn draw(lang: Lang, m: &ColdData, estimate: Option<&Estimate>, form: &BucketPlace, on: Handlers) -> Html {
    let Handlers { prefix: on_prefix, days: on_days, small: on_small, scan: on_scan, cancel: on_cancel, rule } = on;
    let n = |x: usize| count(lang, x as u64);

    let progress = if m.scanning {
        let pr = m.progress;
        Some(if pr.to_read == 0 {
            lang.t(Key::ColdListing(&n(pr.listed)))
        } else {
            lang.t(Key::ColdReading {
                listed: &n(pr.listed),
                read: &n(pr.read),
                to_read: &n(pr.to_read),
                failed: &n(pr.failed),
            })
        })
    } else {
        None
    };
    let failure = m.failure.as_ref().map(|f| match f {
        ScanFailure::Failed(failure) => html! {
            <div class="warn-text" data-testid="cold-error" data-code={failure.code()}>
                <p>{ lang.t(Key::LcFailed(&failure.summary(lang))) }</p>
                <p class="hint">{ failure.advice(lang, Operation::ListObjectsV2, &page_origin()) }</p>
            </div>
        },
        ScanFailure::Loop => {
            html! { <p class="warn-text" data-testid="cold-error" data-code="loop">{ lang.t(Key::ColdLoop) }</p> }
        }
    });

    let report = m.scanned.as_ref().zip(estimate).map(|((bucket, prefix, s, _), e)| {
        let place = format!("oss://{bucket}/{prefix}");
        let days = m.days();
        let make_rule = {
            let (cb, prefix, small) = (rule.clone(), prefix.clone(), m.allow_small_file);
            Callback::from(move |_: MouseEvent| {
                if let Some(days) = days {
                    cb.emit(Prefill { prefix: prefix.clone(), days, allow_small_file: small });
                }
            })
        };
        let cors = cors_rule(lang);
        html! {
            <>
                <p data-testid="cold-scope">{ lang.t(Key::ColdScope { place: &place, objects: &n(e.listed), bytes: &bytes(lang, e.listed_bytes) }) }</p>
                if e.read == 0 {
                    <p class="warn-text" data-testid="cold-nothing-read">{ lang.t(Key::ColdNothingRead) }</p>
                } else if let Some(d) = days {
                    <p class="cold-headline" data-testid="cold-headline">{ headline(lang, e, d) }</p>
                }
                <ul class="hint cold-notes">
                    <li>{ if e.exact { lang.t(Key::ColdExact) } else { lang.t(Key::ColdSampled { read: &n(e.read), listed: &n(e.listed) }) } }</li>
                    if s.capped { <li class="warn-text" data-testid="cold-capped">{ lang.t(Key::ColdCapped(&n(e.listed))) }</li> }
                    if s.cancelled { <li data-testid="cold-cancelled">{ lang.t(Key::ColdCancelled) }</li> }
                    if s.failed > 0 { <li class="warn-text" data-testid="cold-failed-reads">{ lang.t(Key::ColdFailedReads(&n(s.failed))) }</li> }
                    if e.unread_strata > 0 && !e.exact { <li class="warn-text">{ lang.t(Key::ColdUnreadStrata(e.unread_strata)) }</li> }
                    if s.no_access_times { <li class="warn-text" data-testid="cold-no-access-times">{ lang.t(Key::ColdNoAccessTimes) }</li> }
                </ul>
                if s.head_blocked {
                    <div class="warn-text" data-testid="cold-head-blocked">
                        <p>{ lang.t(Key::ColdHeadBlocked) }</p>
                        { cors }
                    </div>
                }
                // Only for the bucket in the form (the editor writes to that one).
                if let (Some(d), true) = (days, *bucket == form.bucket && e.read > 0) {
                    <button type="button" onclick={make_rule} data-testid="cold-make-rule">
                        { lang.t(Key::ColdMakeRule(&n(d as usize))) }
                    </button>
                }
                { age_tables(lang, e, e.read > 0) }
            </>
        }
    });
    let (objects, sampled, listed_bytes, cold_bytes, cold_margin, exact) = match (m.scanning, estimate) {
        (false, Some(e)) => {
            let round = |v: f64| v.max(0.0).round() as u64;
            (e.listed, e.read, e.listed_bytes, round(e.cold_bytes.value), round(e.cold_bytes.margin), e.exact)
        }
        _ => (m.progress.listed, m.progress.read, m.progress.listed_bytes, 0, 0, false),
    };

    html! {
        <section class="card" aria-labelledby="cold-title" data-testid="cold-card">
            <h3 id="cold-title">{ lang.t(Key::ColdTitle) }</h3>
            <p class="hint">{ lang.t(Key::ColdIntro) }</p>
            <form class="cold-form" onsubmit={on_scan}>
                <label>{ lang.t(Key::ColdPrefix) }
                    <input type="text" value={m.prefix.clone()} oninput={on_prefix} data-testid="cold-prefix"
                           autocomplete="off" spellcheck="false" />
                </label>
                <label>{ lang.t(Key::ColdDays) }
                    <input type="number" min="1" max="36500" step="1" inputmode="numeric" value={m.days_text.clone()}
                           oninput={on_days} data-testid="cold-days" aria-invalid={m.days().is_none().to_string()}
                           aria-describedby={m.days().is_none().then_some("cold-days-invalid")} />
                </label>
                <label class="inline">
                    <input type="checkbox" checked={m.allow_small_file} onchange={on_small} data-testid="cold-small-files" />
                    { lang.t(Key::ColdSmallFiles) }
                </label>
                <div class="row">
                    <button type="submit" disabled={m.scanning} data-testid="cold-scan">{ lang.t(Key::ColdScan) }</button>
                    if m.scanning {
                        <button type="button" onclick={on_cancel} disabled={m.cancelling} data-testid="cold-cancel">{ lang.t(Key::ColdCancel) }</button>
                    }
                </div>
            </form>
            if m.days().is_none() { <p class="bad-text" id="cold-days-invalid" role="alert" data-testid="cold-days-invalid">{ lang.t(Key::ColdDaysInvalid) }</p> }
            { failure.unwrap_or_default() }
            if m.scanning || m.scanned.is_some() {
                <div class="cold-report" data-testid="cold-report" aria-busy={m.scanning.to_string()}
                     data-done={(!m.scanning).to_string()} data-objects={objects.to_string()} data-sampled={sampled.to_string()}
                     data-bytes={listed_bytes.to_string()} data-cold-bytes={cold_bytes.to_string()} data-cold-margin={cold_margin.to_string()} data-exact={exact.to_string()}>
                    if let Some(text) = progress { <p class="spinner" data-testid="cold-progress">{ text }</p> }
                    if !m.scanning { { report.unwrap_or_default() } }
                </div>
            }
        </section>
    }
}

/// The console's CORS rule for this page (HEAD allowed, the access time exposed).
fn cors_rule(lang: Lang) -> Html {
    let rule = console_core::oss::cors_rule::rule_xml(&page_origin());
    html! {
        <>
            <h4>{ lang.t(Key::CorsRuleTitle) }</h4>
            <pre tabindex="0">{ rule.clone() }</pre>
            <CopyButton text={rule} label={lang.t(Key::CopyRule)} testid="cold-copy-cors-rule" />
        </>
    }
}
