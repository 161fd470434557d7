//! The bodies of the fuzz targets (`crates/core/fuzz`), here so the regression tests
//! (`tests/fuzz_regressions.rs`) replay exactly what the fuzzer ran. Each `exercise` decodes its
//! bytes into structured choices (real events, OSS bodies, links, operations) and panics only
//! when a promise to the user breaks: any panic is a bug, wherever it comes from.

pub mod check;
pub mod choices;
pub mod credentials;
pub mod engine;
pub mod event_file;
pub mod events;
pub mod executor;
pub mod fleet;
pub mod lifecycle;
pub mod listing;
pub mod responses;
pub mod session;
pub mod share;
pub mod xml;

pub use choices::Choices;

/// A target's body: any bytes in, a panic only for a broken promise.
pub type Body = fn(&[u8]);

/// Every target of this crate: its name and its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("load", crate::trail::fuzzing::exercise),
    ("events", events::exercise),
    ("engine", engine::exercise),
    ("credentials", credentials::exercise),
    ("responses", responses::exercise),
    ("session", session::exercise),
    ("share", share::exercise),
    ("listing", listing::exercise),
    ("fleet", fleet::exercise),
    ("lifecycle", lifecycle::exercise),
];
