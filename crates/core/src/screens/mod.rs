//! The screens' models: plain state with `update(event, env) -> commands`, as redbadger/crux keeps
//! its core. The model decides; the shell (the Yew crate) renders it, performs the commands (a
//! signed call, a worker request, remembering a confirmation, an announcement) and feeds the
//! results back as events. So a stale answer, a failed switch or a confirmation then resume is a
//! host test here, not a browser run.
//!
//! `env` is what the shell knows that the model does not own: the credentials (the page's, shared
//! by every view) and the tab's [`Endpoints`](crate::oss::place::Endpoints).

pub mod explorer;
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
