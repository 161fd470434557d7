//! Pure Rust core of the OSS console: no web crates, tested on the host.
//!
//! `oss`: signing, requests, XML, errors, credentials, regions. `time`: UTC formatting.

pub mod effects;
/// The fuzz targets' bodies, shared with the regression tests: host-only, never in the app.
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzzing;
pub mod i18n;
pub mod lang;
pub mod oss;
pub mod screens;
pub mod tasks;
pub mod time;
pub mod trail;
