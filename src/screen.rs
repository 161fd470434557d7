//! Running a screen's model (`console_core::screens`): the model lives here for the page's life;
//! an event updates it with the page's credentials and the tab's endpoints, redraws, and hands
//! back the commands for the screen's own runner to perform.

use crate::credentials::CredentialsHandle;
use crate::services::tab;
use console_core::screens::{Env, Screen};
use std::cell::{Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// What takes a screen's events (its runner, which also performs the commands).
pub trait Sends: Clone + 'static {
    type Event: 'static;
    fn send(&self, event: Self::Event);

    /// A callback sending the event `f` makes of its argument.
    fn callback<A: 'static>(&self, f: impl Fn(A) -> Self::Event + 'static) -> Callback<A> {
        let to = self.clone();
        Callback::from(move |a: A| to.send(f(a)))
    }
}

/// A screen's model and what redraws it. Cloning shares the model.
pub struct Runner<M> {
    model: Rc<RefCell<M>>,
    redraw: UseForceUpdateHandle,
    credentials: CredentialsHandle,
}

impl<M> Clone for Runner<M> {
    fn clone(&self) -> Self {
        Runner { model: self.model.clone(), redraw: self.redraw.clone(), credentials: self.credentials.clone() }
    }
}

impl<M> PartialEq for Runner<M> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.model, &other.model)
    }
}

impl<M: Screen> Runner<M> {
    /// The model as it is now (to render).
    pub fn now(&self) -> Ref<'_, M> {
        self.model.borrow()
    }

    /// Apply an event and redraw; the commands to perform.
    pub fn update(&self, event: M::Event) -> Vec<M::Command> {
        let credentials = self.credentials.credentials();
        let commands = tab::with_endpoints(|endpoints| {
            self.model.borrow_mut().update(event, Env { credentials: &credentials, endpoints })
        });
        self.redraw.force_update();
        commands
    }
}

/// A screen's model kept for the page's life, starting as `init` makes it.
#[hook]
pub fn use_runner<M: Screen + 'static>(credentials: CredentialsHandle, init: impl FnOnce() -> M) -> Runner<M> {
    let model = (*use_memo((), |_| Rc::new(RefCell::new(init())))).clone();
    let redraw = use_force_update();
    Runner { model, redraw, credentials }
}
