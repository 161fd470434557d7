//! The OSS console: a Yew shell around `console-core`.
//!
//! Side effects (DOM, storage, fetch, clock) live in `services`; views take data and callbacks.

pub mod credentials;
pub mod explorer;
pub mod panic_panel;
pub mod route;
pub mod services;
pub mod tracking;
pub mod widgets;
pub mod worker;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use route::Route;
use widgets::theme_toggle::ThemeToggle;
use yew::prelude::*;

/// Mount the app on `<body>` after installing the panic panel.
pub fn start() {
    panic_panel::install();
    yew::Renderer::<App>::new().render();
}

/// The product name shown in the header and the document title.
pub const PRODUCT_NAME: &str = "OSS Console";

#[function_component(App)]
pub fn app() -> Html {
    let location = route::use_location();
    let route = location.route;
    let url_view = (route == Route::Events).then(|| location.events.clone());

    let tabs = [Route::Tracking, Route::Events].into_iter().map(|r| {
        let selected = route == r;
        html! {
            <a class={classes!("tab", selected.then_some("selected"))}
               href={format!("#{}", r.path())}
               role="tab"
               aria-selected={selected.to_string()}
               data-testid={format!("tab-{}", r.slug())}>
                { r.title() }
            </a>
        }
    });

    html! {
        <credentials::CredentialsProvider>
        <explorer::ExplorerProvider events_active={route == Route::Events} url_view={url_view.clone()}>
        <div class="app">
            <header class="app-header">
                <h1 class="product">{ PRODUCT_NAME }</h1>
                <nav class="tabs" role="tablist" aria-label="Views">{ for tabs }</nav>
                <ThemeToggle />
            </header>
            // Both views stay mounted (hidden when not shown), so switching tabs keeps loaded
            // events and typed credentials.
            <main class="view">
                <section role="tabpanel" aria-label="Access tracking" data-testid="view-tracking"
                         hidden={route != Route::Tracking}>
                    <tracking::TrackingView link={location.tracking.clone()} />
                </section>
                <section role="tabpanel" aria-label="Events" data-testid="view-events" hidden={route != Route::Events}>
                    <explorer::EventsView active={route == Route::Events} {url_view} />
                </section>
            </main>
            <footer class="app-footer" data-testid="footer">
                { format!("{PRODUCT_NAME} v{}", env!("CARGO_PKG_VERSION")) }
                <span class="sep">{ " · " }</span>
                { "Everything runs in this tab; requests go only to the OSS endpoint you choose." }
            </footer>
        </div>
        </explorer::ExplorerProvider>
        </credentials::CredentialsProvider>
    }
}
