//! Pure Rust core of the OSS console: no web crates, tested on the host.
//!
//! `oss`: signing, requests, XML, errors, credentials, regions. `time`: UTC formatting.

pub mod effects;
pub mod fuzzing;
pub mod i18n;
pub mod oss;
pub mod tasks;
pub mod time;
pub mod trail;
