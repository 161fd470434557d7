//! Everything OSS: signing (V4; V1 for the emulator), request descriptions, XML bodies, typed
//! errors, credentials, regions and input validation. Time and credentials are always inputs.

pub mod access_monitor;
pub mod cli;
pub mod cold;
pub mod cold_scan;
pub mod cors_rule;
pub mod credentials;
pub mod demo;
pub mod diff;
pub mod encode;
pub mod error;
pub mod lifecycle;
pub mod lifecycle_config;
pub mod list_objects;
pub mod place;
pub mod regions;
pub mod request;
pub mod retry;
pub mod session;
pub mod sign;
pub mod sign_v1;
pub mod transport;
pub mod validate;
pub mod xml;
