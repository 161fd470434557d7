//! The only place with side effects: DOM globals, storage, fetch, files, clock.

pub mod clipboard;
pub mod clock;
pub mod fetch;
pub mod hash;
pub mod js;
pub mod lang;
pub mod storage;
pub mod tab;
pub mod theme;
pub mod worker_handle;
