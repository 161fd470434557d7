//! Search (applied after a pause in typing), presets, and export.

use super::state::{Action, Preset};
use crate::i18n::{use_lang, Key, Tr};
use console_core::trail::protocol::ExportFormat;
use console_core::trail::query::Filter;
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

#[function_component(Toolbar)]
pub fn toolbar(p: &Props) -> Html {
    let lang = use_lang();
    // Each keystroke applies the search at once: the explorer model keeps one query in flight and
    // sends the latest text when it is answered, so fast typing costs no queue of queries.
    let oninput = {
        let cb = p.on_action.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(Action::SetSearchInput(e.target_unchecked_into::<HtmlInputElement>().value()));
            cb.emit(Action::ApplySearch);
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
    let export_button = |fmt: ExportFormat, testid: &'static str| {
        html! {
            <button type="button" onclick={export(fmt)} disabled={p.exporting} data-testid={testid}
                    aria-label={lang.t(Key::ExportAs(&fmt.extension().to_uppercase()))}>
                { fmt.extension().to_uppercase() }
            </button>
        }
    };
    html! {
        <div class="toolbar">
            <label class="search">
                <span class="visually-hidden">{ lang.t(Key::SearchLabel) }</span>
                <input ref={p.search_ref.clone()} type="search" placeholder={lang.t(Key::SearchPlaceholder)} {oninput} value={p.search_input.clone()}
                       data-testid="search-input" spellcheck="false" />
            </label>
            <button type="button" onclick={preset(Preset::ErrorsOnly)} data-testid="preset-errors" aria-pressed={p.filter.errors_only.to_string()}
                    class={classes!(p.filter.errors_only.then_some("primary"))}>{ lang.t(Key::ErrorsOnly) }</button>
            <button type="button" onclick={preset(Preset::SensitiveOnly)} data-testid="preset-sensitive" aria-pressed={p.filter.sensitive_only.to_string()}
                    class={classes!(p.filter.sensitive_only.then_some("primary"))}
                    title={lang.t(Key::SensitiveTitle)}>
                { lang.t(Key::SensitiveOnly) }
            </button>
            <span class="spacer" />
            <span class="hint" id="export-label">{ lang.t(Key::ExportFiltered) }</span>
            <span role="group" aria-labelledby="export-label" class="export-group">
                { export_button(ExportFormat::Csv, "export-csv") }
                { export_button(ExportFormat::Json, "export-json") }
                { export_button(ExportFormat::Ndjson, "export-ndjson") }
            </span>
        </div>
    }
}
