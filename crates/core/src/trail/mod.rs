//! ActionTrail events: reading every file format (streaming, gzip or not), a columnar store with
//! interned strings, the queries the explorer shows, and the engine that runs them.

pub mod bucket;
pub mod bucket_load;
pub mod change;
pub mod engine;
pub mod export;
pub mod extract;
pub mod field;
/// The `load` fuzz target's body: host-only, like `crate::fuzzing`.
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzzing;
pub mod gen;
pub mod gzip;
pub mod handoff;
pub mod insights;
pub mod layout;
pub mod load;
pub mod parse;
pub mod protocol;
pub mod query;
pub mod recovery;
pub mod scan;
pub mod search;
pub mod share;
pub mod split;
pub mod store;
