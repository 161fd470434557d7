//! Search (debounced), presets, and export.

use console_core::trail::protocol::ExportFormat;
use console_core::trail::query::Filter;
use gloo_timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    pub on_change: Callback<Filter>,
    pub on_export: Callback<ExportFormat>,
    pub exporting: bool,
    pub search_ref: NodeRef,
}

/// Search waits this long after the last keystroke.
const DEBOUNCE_MS: u32 = 100;

#[function_component(Toolbar)]
pub fn toolbar(p: &Props) -> Html {
    let timer = use_mut_ref(|| None::<Timeout>);
    // Keep the box in step with the filter when it changes elsewhere (chips, links).
    {
        let (search_ref, text) = (p.search_ref.clone(), p.filter.text.clone());
        use_effect_with(text, move |text| {
            if let Some(i) = search_ref.cast::<HtmlInputElement>() {
                if i.value().trim() != text.trim() {
                    i.set_value(text);
                }
            }
        });
    }
    let oninput = {
        let (cb, filter, timer) = (p.on_change.clone(), p.filter.clone(), timer.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let (cb, filter) = (cb.clone(), filter.clone());
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                // Esc in a search box clears it and fires input even when nothing changes.
                if text.trim() != filter.text {
                    cb.emit(Filter { text: text.trim().to_string(), ..filter })
                }
            }));
        })
    };
    let preset = |errors: bool| {
        let (cb, f) = (p.on_change.clone(), p.filter.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = f.clone();
            if errors {
                next.errors_only = !next.errors_only;
            } else {
                next.sensitive_only = !next.sensitive_only;
            }
            cb.emit(next)
        })
    };
    let export = |fmt: ExportFormat| {
        let cb = p.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(fmt))
    };
    html! {
        <div class="toolbar">
            <label class="search">
                <span class="visually-hidden">{ "Search all fields" }</span>
                <input ref={p.search_ref.clone()} type="search" placeholder="Search every field… ( / )" {oninput}
                       data-testid="search-input" aria-label="Search all fields" spellcheck="false" />
            </label>
            <button type="button" onclick={preset(true)} data-testid="preset-errors" aria-pressed={p.filter.errors_only.to_string()}
                    class={classes!(p.filter.errors_only.then_some("primary"))}>{ "Errors only" }</button>
            <button type="button" onclick={preset(false)} data-testid="preset-sensitive" aria-pressed={p.filter.sensitive_only.to_string()}
                    class={classes!(p.filter.sensitive_only.then_some("primary"))}
                    title="DeleteBucket, public ACLs, bucket policy and access-tracking changes, and events marked SensitiveAction">
                { "Sensitive operations" }
            </button>
            <span class="spacer" />
            <span class="hint">{ "Export filtered:" }</span>
            <button type="button" onclick={export(ExportFormat::Csv)} disabled={p.exporting} data-testid="export-csv">{ "CSV" }</button>
            <button type="button" onclick={export(ExportFormat::Json)} disabled={p.exporting} data-testid="export-json">{ "JSON" }</button>
            <button type="button" onclick={export(ExportFormat::Ndjson)} disabled={p.exporting} data-testid="export-ndjson">{ "NDJSON" }</button>
        </div>
    }
}
