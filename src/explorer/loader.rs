//! Getting files in: drop zone, file picker, paste box, sample, and Clear.

use crate::i18n::{use_lang, Key, Tr};
use crate::services::worker_handle;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_sample: Callback<()>,
    pub on_clear: Callback<()>,
    pub has_events: bool,
    pub loading: bool,
}

#[function_component(Loader)]
pub fn loader(p: &Props) -> Html {
    let lang = use_lang();
    let over = use_state(|| false);
    let paste_ref = use_node_ref();
    let input_ref = use_node_ref();
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, cb) = (over.clone(), p.on_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            let files = worker_handle::files_of(e.data_transfer().and_then(|d| d.files()));
            if !files.is_empty() {
                cb.emit(files);
            }
        })
    };
    let onchange = {
        let cb = p.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = worker_handle::files_of(input.files());
            // Reset so picking the same file again fires another change.
            input.set_value("");
            if !files.is_empty() {
                cb.emit(files);
            }
        })
    };
    let browse = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input_ref.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let on_paste = {
        let (paste_ref, cb) = (paste_ref.clone(), p.on_files.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            if let Some(f) = worker_handle::text_file(&text, "pasted.json") {
                area.set_value("");
                cb.emit(vec![f]);
            }
        })
    };
    let sample = {
        let cb = p.on_sample.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let clear = {
        let cb = p.on_clear.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class={classes!("card", "drop-zone", over.then_some("over"))} data-testid="drop-zone"
                 {ondragover} {ondragleave} {ondrop} aria-labelledby="drop-title">
            <div class="drop-row">
                <div class="drop-text">
                    <strong id="drop-title">{ lang.t(if p.has_events { Key::DropMore } else { Key::DropHere }) }</strong>
                    <span class="hint">{ lang.t(Key::DropHint) }</span>
                </div>
                // Out of the tab order: "Choose files…" is its keyboard way in.
                <input ref={input_ref} type="file" multiple=true class="visually-hidden" {onchange} tabindex="-1"
                       data-testid="file-input" aria-label={lang.t(Key::ChooseFilesLabel)} />
                <button type="button" class="primary" onclick={browse} data-testid="choose-files">{ lang.t(Key::ChooseFiles) }</button>
                <button type="button" onclick={sample} data-testid="load-sample" disabled={p.loading}>{ lang.t(Key::LoadSample) }</button>
                <button type="button" onclick={clear} data-testid="clear-events" disabled={!p.has_events && !p.loading}>{ lang.t(Key::ClearEvents) }</button>
            </div>
            <details class="paste">
                <summary>{ lang.t(Key::OrPasteJson) }</summary>
                <textarea ref={paste_ref} rows="4" aria-label={lang.t(Key::PasteEventsLabel)} data-testid="paste-events"
                          placeholder={lang.t(Key::PasteEventsPlaceholder)} spellcheck="false" />
                <button type="button" onclick={on_paste} data-testid="paste-load">{ lang.t(Key::LoadPasted) }</button>
            </details>
        </section>
    }
}
