//! The OSS console: a Yew shell around `console-core`.
//!
//! Side effects (DOM, storage, fetch, clock) live in `services`; views take data and callbacks.
//! Every word on the page comes from `i18n` (the app's catalog) or `console_core::i18n` (the core's).

pub mod credentials;
pub mod explorer;
pub mod fleet;
pub mod i18n;
pub mod insights;
pub mod panic_panel;
pub mod route;
pub mod screen;
pub mod services;
pub mod tracking;
pub mod widgets;
pub mod worker;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use i18n::{use_lang, Key, LangProvider, Tr};
use route::Route;
use widgets::announcer::AnnouncerProvider;
use widgets::lang_switch::LangSwitch;
use widgets::theme_toggle::ThemeToggle;
use yew::prelude::*;

/// Mount the app on `<body>` after installing the panic panel.
pub fn start() {
    panic_panel::install();
    yew::Renderer::<App>::new().render();
}

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <LangProvider>
            <AnnouncerProvider>
                <Shell />
            </AnnouncerProvider>
        </LangProvider>
    }
}

/// The header, both views and the footer.
#[function_component(Shell)]
fn shell() -> Html {
    let lang = use_lang();
    let location = route::use_location();
    let route = location.route;
    let url_view = (route == Route::Events).then(|| location.events.clone());
    let title = |r: Route| match r {
        Route::Tracking => lang.t(Key::TabTracking),
        Route::Events => lang.t(Key::TabEvents),
        Route::Insights => lang.t(Key::TabInsights),
        Route::Fleet => lang.t(Key::TabFleet),
    };
    // The insights tab's test hook is named as the checks outside this repository know it.
    let testid = |r: Route| match r {
        Route::Insights | Route::Fleet => format!("{}-tab", r.slug()),
        _ => format!("tab-{}", r.slug()),
    };
    let place = use_memo((), |_| tracking::SharedPlace::default());
    // A view is mounted the first time it is shown and stays mounted (hidden) after, so the
    // first load renders only the view asked for. The tracking view is always mounted: it holds
    // the credentials form and the place the many-buckets view reads.
    let visited = use_mut_ref(|| vec![Route::Tracking]);
    if !visited.borrow().contains(&route) {
        visited.borrow_mut().push(route);
    }
    let shown = |r: Route| visited.borrow().contains(&r);

    let tabs = [Route::Tracking, Route::Events, Route::Insights, Route::Fleet].into_iter().map(|r| {
        let selected = route == r;
        html! {
            <a class={classes!("tab", selected.then_some("selected"))}
               href={format!("#{}", r.path())}
               role="tab"
               aria-selected={selected.to_string()}
               aria-controls={format!("view-{}", r.slug())}
               id={format!("tab-{}", r.slug())}
               data-testid={testid(r)}>
                { title(r) }
            </a>
        }
    });

    html! {
        <ContextProvider<tracking::SharedPlace> context={(*place).clone()}>
        <credentials::CredentialsProvider>
        <explorer::ExplorerProvider events_active={route == Route::Events} url_view={url_view.clone()}>
        <div class="app">
            <header class="app-header">
                <h1 class="product">{ lang.t(Key::ProductName) }</h1>
                <nav class="tabs" role="tablist" aria-label={lang.t(Key::ViewsNav)}>{ for tabs }</nav>
                <LangSwitch />
                <ThemeToggle />
            </header>
            // Views stay mounted once shown (hidden when not), so switching tabs keeps loaded
            // events and typed credentials.
            <main class="view">
                <section role="tabpanel" id="view-tracking" aria-labelledby="tab-tracking" data-testid="view-tracking"
                         hidden={route != Route::Tracking}>
                    <tracking::TrackingView link={location.tracking.clone()} />
                </section>
                <section role="tabpanel" id="view-events" aria-labelledby="tab-events" data-testid="view-events"
                         hidden={route != Route::Events}>
                    if shown(Route::Events) {
                        <explorer::EventsView active={route == Route::Events} {url_view} trimmed={location.trimmed.clone()} />
                    }
                </section>
                <section role="tabpanel" id="view-insights" aria-labelledby="tab-insights" data-testid="view-insights"
                         hidden={route != Route::Insights}>
                    if shown(Route::Insights) {
                        <insights::InsightsView active={route == Route::Insights} profile={location.profile.clone()} />
                    }
                </section>
                <section role="tabpanel" id="view-fleet" aria-labelledby="tab-fleet" data-testid="view-fleet"
                         hidden={route != Route::Fleet}>
                    if shown(Route::Fleet) {
                        <fleet::FleetView active={route == Route::Fleet} />
                    }
                </section>
            </main>
            <footer class="app-footer" data-testid="footer">
                { lang.t(Key::FooterVersion(env!("CARGO_PKG_VERSION"))) }
                <span class="sep">{ " · " }</span>
                { lang.t(Key::FooterPrivacy) }
            </footer>
        </div>
        </explorer::ExplorerProvider>
        </credentials::CredentialsProvider>
        </ContextProvider<tracking::SharedPlace>>
    }
}
