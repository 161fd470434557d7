//! The screens' models: plain state with `update(event, env) -> commands`, as redbadger/crux keeps
//! its core. The model decides; the shell (the Yew crate) renders it, performs the commands (a
//! signed call, a worker request, remembering a confirmation, an announcement) and feeds the
//! results back as events. So a stale answer, a failed switch or a confirmation then resume is a
//! host test here, not a browser run.
//!
//! `env` is what the shell knows that the model does not own: the credentials (the page's, shared
//! by every view) and the tab's [`Endpoints`](crate::oss::place::Endpoints).

pub mod cold;
pub mod explorer;
pub mod fleet;
pub mod lifecycle;
pub mod tracking;
pub mod trail_source;

use crate::oss::credentials::Credentials;
use crate::oss::place::Endpoints;

/// What an update may read besides its own state.
#[derive(Clone, Copy, Debug)]
pub struct Env<'a> {
    pub credentials: &'a Credentials,
    pub endpoints: &'a Endpoints,
}

/// A call to `place` with the page's credentials: the form checked (and the endpoint's trust),
/// the target, the credentials, and the clock correction the tab knows for that endpoint.
pub(crate) fn prepare_call(
    place: &crate::oss::place::BucketPlace,
    env: Env<'_>,
) -> Result<(crate::oss::request::BucketTarget, Credentials, i64), crate::oss::session::Failure> {
    let (target, credentials) =
        crate::oss::session::prepare(&place.form(env.credentials.clone()), &|o| env.endpoints.is_confirmed(o))?;
    let offset_ms = env.endpoints.offset(&crate::oss::place::endpoint_origin(&target));
    Ok((target, credentials, offset_ms))
}

/// A screen's model, as the shell runs it.
pub trait Screen {
    type Event;
    type Command;
    /// Apply one event; the commands to perform, in order.
    fn update(&mut self, event: Self::Event, env: Env<'_>) -> Vec<Self::Command>;
}

/// The one confirm-then-resume piece: the answer to "send signed requests to this endpoint?"
/// for `pending` (the origin asked about and what to do then). On yes the origin is remembered
/// (`remember`, first) and `resume` runs with it confirmed; on no nothing happens.
pub(crate) fn answer_confirmation<I, C>(
    pending: Option<(String, I)>,
    yes: bool,
    env: Env<'_>,
    remember: fn(String) -> C,
    resume: impl FnOnce(I, Env<'_>) -> Vec<C>,
) -> Vec<C> {
    match pending {
        Some((origin, then)) if yes => {
            let mut endpoints = env.endpoints.clone();
            endpoints.confirm(&origin);
            let mut out = vec![remember(origin)];
            out.extend(resume(then, Env { endpoints: &endpoints, ..env }));
            out
        }
        _ => vec![],
    }
}
