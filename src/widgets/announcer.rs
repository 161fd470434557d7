//! One polite live region for the whole page: results that happen out of sight (a request's
//! outcome, a load that finished, how many events a filter keeps) are said here once, instead of
//! every changing number on the page being a live region of its own.

use yew::prelude::*;

/// Say something to screen-reader users (politely: after what they are hearing now).
#[derive(Clone, PartialEq)]
pub struct Announcer(Callback<String>);

impl Announcer {
    /// Announce `text`.
    pub fn say(&self, text: String) {
        self.0.emit(text);
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub children: Html,
}

/// What was last said, and a counter so that saying the same words again is heard again.
#[derive(Clone, Default, PartialEq)]
struct Said {
    text: String,
    seq: u64,
}

impl Reducible for Said {
    type Action = String;

    fn reduce(self: std::rc::Rc<Self>, text: String) -> std::rc::Rc<Self> {
        // From the latest state, so two things said before a render are both counted.
        std::rc::Rc::new(Said { seq: self.seq + 1, text })
    }
}

/// The event the page's loader sends once the app is on the page.
const IN_PLACE: &str = "oss-app-in-place";

#[function_component(AnnouncerProvider)]
pub fn announcer_provider(p: &Props) -> Html {
    let said = use_reducer(Said::default);
    // One callback for the page's life: the context does not change with each announcement.
    let say = {
        let dispatch = said.dispatcher();
        use_memo((), move |_| Callback::from(move |text: String| dispatch.dispatch(text)))
    };
    // Said while the page was not in the document (the app draws off the page while it takes
    // over from the first screen, `crate::first`): a screen reader hears nothing of a live
    // region that joins the page already filled, so it is said again once the page's loader
    // says the app is on the page (`static/first_loader.js`).
    let region = use_node_ref();
    {
        let (region, dispatch, text) = (region.clone(), said.dispatcher(), said.text.clone());
        use_effect_with(said.seq, move |seq| {
            let off_page = *seq > 0 && region.get().is_some_and(|n| !n.is_connected());
            let waiting = off_page.then(|| {
                gloo::events::EventListener::once(&gloo::utils::window(), IN_PLACE, move |_| dispatch.dispatch(text))
            });
            move || drop(waiting)
        });
    }
    html! {
        <ContextProvider<Announcer> context={Announcer((*say).clone())}>
            { p.children.clone() }
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" ref={region}
                 data-testid="announcer" data-seq={said.seq.to_string()}>
                // A new element per message: screen readers announce an inserted node reliably.
                <span key={said.seq}>{ said.text.clone() }</span>
            </div>
        </ContextProvider<Announcer>>
    }
}

/// The page's announcer (a no-op outside the provider, e.g. in component tests).
#[hook]
pub fn use_announcer() -> Announcer {
    use_context::<Announcer>().unwrap_or_else(|| Announcer(Callback::noop()))
}
