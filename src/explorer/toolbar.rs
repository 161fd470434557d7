//! Search (applied after a pause in typing), presets, and export.

use super::state::{Action, Preset};
use console_core::trail::protocol::ExportFormat;
use console_core::trail::query::Filter;
use gloo_timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    /// What is typed in the box (the filter's text follows it after a pause).
    pub search_input: String,
    pub on_action: Callback<Action>,
    pub on_export: Callback<ExportFormat>,
    pub exporting: bool,
    pub search_ref: NodeRef,
}

/// Search waits this long after the last keystroke.
const DEBOUNCE_MS: u32 = 40;

#[function_component(Toolbar)]
pub fn toolbar(p: &Props) -> Html {
    // The pending "apply the search" (a timer handle, not a copy of state).
    let timer = use_mut_ref(|| None::<Timeout>);
    let oninput = {
        let (cb, timer) = (p.on_action.clone(), timer.clone());
        Callback::from(move |e: InputEvent| {
            cb.emit(Action::SetSearchInput(e.target_unchecked_into::<HtmlInputElement>().value()));
            let cb = cb.clone();
            // The reducer applies whatever is typed by then to the latest filter.
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || cb.emit(Action::ApplySearch)));
        })
    };
    let preset = |p_: Preset| {
        let cb = p.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::TogglePreset(p_)))
    };
    let export = |fmt: ExportFormat| {
        let cb = p.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(fmt))
    };
    html! {
        <div class="toolbar">
            <label class="search">
                <span class="visually-hidden">{ "Search all fields" }</span>
                <input ref={p.search_ref.clone()} type="search" placeholder="Search every field… ( / )" {oninput} value={p.search_input.clone()}
                       data-testid="search-input" aria-label="Search all fields" spellcheck="false" />
            </label>
            <button type="button" onclick={preset(Preset::ErrorsOnly)} data-testid="preset-errors" aria-pressed={p.filter.errors_only.to_string()}
                    class={classes!(p.filter.errors_only.then_some("primary"))}>{ "Errors only" }</button>
            <button type="button" onclick={preset(Preset::SensitiveOnly)} data-testid="preset-sensitive" aria-pressed={p.filter.sensitive_only.to_string()}
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
