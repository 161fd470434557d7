//! The OSS console: a Yew shell around `console-core`.
//!
//! Side effects (DOM, storage, fetch, clock) live in `services`; views take data and callbacks.
//! Every word on the page comes from `i18n` (the app's catalog) or `console_core::i18n` (the core's).

pub mod credentials;
pub mod explorer;
pub mod first;
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
use wasm_bindgen::JsCast;
use widgets::announcer::AnnouncerProvider;
use widgets::lang_switch::LangSwitch;
use widgets::theme_toggle::ThemeToggle;
use yew::prelude::*;

/// Mount the app after installing the panic panel: on `<body>`, or, when the page's loader
/// started from the first screen (`first`), in the element it left in `window.ossAppRoot`, which
/// it puts in the first screen's place once the app has drawn in it.
pub fn start() {
    panic_panel::install();
    let handed = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"ossAppRoot".into()).ok())
        .and_then(|root| root.dyn_into::<web_sys::Element>().ok());
    match handed {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
    // Costs of a first use, paid while the page is idle rather than in the first redraws.
    services::js::when_idle(|| {
        let lang = services::lang::current();
        widgets::format::prepare(lang);
        i18n::warm_up(lang, 10);
    });
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
    let place = use_memo((), |_| tracking::SharedPlace::default());
    // A view is mounted the first time it is shown and stays mounted (hidden) after, so the
    // first load renders only the view asked for. The tracking view is always mounted: it holds
    // the credentials form and the place the many-buckets view reads.
    let visited = use_mut_ref(|| vec![Route::Tracking]);
    if !visited.borrow().contains(&route) {
        visited.borrow_mut().push(route);
    }
    let shown = |r: Route| visited.borrow().contains(&r);
    // A view's panel is empty until it is first shown.
    let view = |r: Route, draw: &dyn Fn() -> Html| if shown(r) { draw() } else { Html::default() };

    html! {
        <ContextProvider<tracking::SharedPlace> context={(*place).clone()}>
        <credentials::CredentialsProvider>
        <explorer::ExplorerProvider events_active={route == Route::Events} url_view={url_view.clone()}>
        { frame(lang, route, [
            html! { <tracking::TrackingView link={location.tracking.clone()} /> },
            view(Route::Events, &|| html! {
                <explorer::EventsView active={route == Route::Events} url_view={url_view.clone()} trimmed={location.trimmed.clone()} />
            }),
            view(Route::Insights, &|| html! {
                <insights::InsightsView active={route == Route::Insights} profile={location.profile.clone()} />
            }),
            view(Route::Fleet, &|| html! { <fleet::FleetView active={route == Route::Fleet} /> }),
        ]) }
        </explorer::ExplorerProvider>
        </credentials::CredentialsProvider>
        </ContextProvider<tracking::SharedPlace>>
    }
}

/// The page around the views: the header (name, tabs, language, theme), the four view panels
/// (`views` in the order of [`Route::ALL`], each drawn inside its panel, hidden unless it is
/// `route`) and the footer. The app draws it, and so does the first screen (`first`), which is
/// how the two draw the same page.
pub(crate) fn frame(lang: i18n::Lang, route: Route, views: [Html; 4]) -> Html {
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
    let tabs = Route::ALL.into_iter().map(|r| {
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
    // Views stay mounted once shown (hidden when not), so switching tabs keeps loaded events and
    // typed credentials.
    let panels = Route::ALL.into_iter().zip(views).map(|(r, view)| {
        let slug = r.slug();
        html! {
            <section role="tabpanel" id={format!("view-{slug}")} aria-labelledby={format!("tab-{slug}")}
                     data-testid={format!("view-{slug}")} hidden={route != r}>
                { view }
            </section>
        }
    });
    html! {
        <div class="app">
            <header class="app-header">
                <h1 class="product">{ lang.t(Key::ProductName) }</h1>
                <nav class="tabs" role="tablist" aria-label={lang.t(Key::ViewsNav)}>{ for tabs }</nav>
                <LangSwitch />
                <ThemeToggle />
            </header>
            <main class="view">{ for panels }</main>
            <footer class="app-footer" data-testid="footer">
                { lang.t(Key::FooterVersion(env!("CARGO_PKG_VERSION"))) }
                <span class="sep">{ " · " }</span>
                { lang.t(Key::FooterPrivacy) }
            </footer>
        </div>
    }
}
