//! The events screen's model is `console_core::screens::explorer` (plain state, `update(event)
//! -> commands`, host-tested). This wraps it for Yew: the reducer applies each event to the
//! latest state and sends the commands it returns to the worker at once, through the sink the
//! provider installs (before the render the change causes: the worker starts on a query while
//! the page redraws); commands made before there is a sink wait in the outbox for `EventsView`.

pub use console_core::screens::explorer::{
    Command, Detail, Drawn, Event as Action, Explorer, History, Loading, Notice, Preset, Worker, WorkerFailure,
};
use console_core::trail::share::ViewState;
use std::cell::RefCell;
use std::rc::Rc;
use yew::{Callback, Reducible};

/// The model, and the commands its updates returned that are not performed yet.
#[derive(Clone, Debug, Default)]
pub struct ExplorerState {
    model: Explorer,
    /// Shared by every copy: updates queue here, the view drains it after rendering.
    outbox: Rc<RefCell<Vec<Command>>>,
    /// Changes whenever commands were queued (the view's effect keys on it).
    pub queued: u64,
    /// Where commands go as soon as the model returns them (shared by every copy).
    sink: Rc<RefCell<Option<Callback<Command>>>>,
    /// Counts the updates that changed something: the page draws a revision (see
    /// `hooks::use_drawn_revision`).
    pub revision: u64,
}

impl PartialEq for ExplorerState {
    fn eq(&self, other: &Self) -> bool {
        self.model == other.model && self.queued == other.queued
    }
}

impl std::ops::Deref for ExplorerState {
    type Target = Explorer;
    fn deref(&self) -> &Explorer {
        &self.model
    }
}

impl ExplorerState {
    /// Start from what the URL says.
    pub fn from_view(v: ViewState) -> Self {
        ExplorerState { model: Explorer::from_view(v), ..Default::default() }
    }

    /// The commands queued since the last call, in order.
    pub fn take_commands(&self) -> Vec<Command> {
        std::mem::take(&mut *self.outbox.borrow_mut())
    }

    /// Send every command from now on to `sink` as soon as an update returns it.
    pub fn set_sink(&self, sink: Callback<Command>) {
        *self.sink.borrow_mut() = Some(sink);
    }

    /// Whether the page may wait a moment before drawing this state (the model's
    /// `redraw_can_wait`): not while commands wait in the outbox for the view to send them.
    pub fn redraw_can_wait(&self, drawn: Drawn) -> bool {
        self.sink.borrow().is_some() && self.model.redraw_can_wait(drawn)
    }
}

impl Reducible for ExplorerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let commands = s.model.update(action);
        if !commands.is_empty() {
            // Taken out of the cell first: sending may not come back here, but nothing is held.
            let sink = s.sink.borrow().clone();
            match sink {
                Some(sink) => commands.into_iter().for_each(|c| sink.emit(c)),
                None => {
                    s.outbox.borrow_mut().extend(commands);
                    s.queued += 1;
                }
            }
        }
        if s != *self {
            s.revision += 1;
        }
        Rc::new(s)
    }
}
