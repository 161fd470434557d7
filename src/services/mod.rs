//! The only place with side effects: DOM globals, storage, fetch, files, clock.

pub mod hash;
pub mod storage;
pub mod theme;
