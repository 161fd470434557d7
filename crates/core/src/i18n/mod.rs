//! Core's user-facing messages in every language the console speaks: OSS error advice, failure
//! summaries, input and paste errors, load-report problems, trail-bucket errors, and the notes of
//! the Log Service / LookupEvents translation.
//!
//! A message is a [`Msg`] (a key that borrows its data); each language is one function with an
//! exhaustive `match` over the keys and over the typed errors inside them (`en.rs`, `zh.rs`), so a
//! new key, error variant or OSS code that lacks a text in either language fails the build.
//! Field labels live beside each field (`trail::field`), region names beside each region
//! (`oss::regions`): one entry each, every language in it.
//!
//! The English of the load reports (`trail::{load,split,parse}`) stays the `Display` of those
//! types (they are the parser's own); `en.rs` hands them through, `zh.rs` matches every variant.

mod en;
mod words;
mod zh;

use crate::oss::error::{Operation, ServiceError};
use crate::oss::session::Failure;
use crate::oss::validate::InputError;
use crate::trail::bucket::{RangeError, TrailError};
use crate::trail::bucket_load::FileFailure;
use crate::trail::gzip::GzError;
use crate::trail::handoff::{Dropped, LookupNote, SlsNote, TimeNote};
use crate::trail::load::{BinaryKind, FileProblem, Skip};
use crate::trail::protocol::{DetailError, ExportError};

pub use crate::lang::Lang;

impl Lang {
    /// The text of a message in this language.
    pub fn text(self, m: &Msg<'_>) -> String {
        match self {
            Lang::En => en::text(m),
            Lang::Zh => zh::text(m),
        }
    }
}

/// A message of the core, with what it needs to be written.
#[derive(Clone, Copy, Debug)]
pub enum Msg<'a> {
    /// What to do about an OSS error answered to `op`.
    OssAdvice { error: &'a ServiceError, op: Operation },
    /// One line saying what happened to a call.
    FailureSummary(&'a Failure),
    /// What to do about a failed call; `page_origin` is this page's origin (CORS advice).
    FailureAdvice { failure: &'a Failure, op: Operation, page_origin: &'a str },
    /// A form field that is not valid.
    Input(&'a InputError),
    /// Pasted text that is not credentials.
    Paste(&'a crate::oss::credentials::PasteError),
    /// What stopped a file.
    FileProblem(&'a FileProblem),
    /// Why an entry of a file was skipped.
    Skip(&'a Skip),
    /// A kind of binary file, with what to do about it.
    BinaryKind(BinaryKind),
    /// A gzip stream that cannot be read.
    Gzip(&'a GzError),
    /// An event that cannot be shown.
    Detail(&'a DetailError),
    /// An export that stopped.
    Export(&'a ExportError),
    /// The format a file was read as (`FileReport::format`, e.g. `gzip, JSON array`).
    Format(&'a crate::trail::load::FileFormat),
    /// A date range that is refused.
    Range(&'a RangeError),
    /// One line saying what happened to a trail listing.
    TrailSummary(&'a TrailError),
    /// What to do about it.
    TrailAdvice { error: &'a TrailError, page_origin: &'a str },
    /// Why a listed key is not in the plan.
    LeftOut(&'a crate::trail::bucket::LeftOut),
    /// One object of a trail that could not be loaded.
    FileFailureSummary(&'a FileFailure),
    /// Something the SLS query approximates or leaves out.
    SlsNote(&'a SlsNote),
    /// Something a kept LookupEvents attribute means differently.
    LookupNote(&'a LookupNote),
    /// A filter part that did not become a LookupEvents attribute, and why.
    Dropped(&'a Dropped),
    /// About a time window.
    TimeNote(TimeNote),
}

/// `1000000` → `1,000,000` (the core has no locale data; both catalogs group by thousands, as
/// the browser's `Intl.NumberFormat` does for `en` and `zh-CN`).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
