//! The domain types' words: their `Display` (the English) and their `summary`/`advice` in any
//! language. They live here, beside the catalogs, so the domain modules (`oss`, `trail`) never
//! import the catalogs that import them: the messages depend on the domain, not the other way.

use super::{Lang, Msg};
use crate::oss::credentials::PasteError;
use crate::oss::error::{Operation, ServiceError};
use crate::oss::session::Failure;
use crate::oss::validate::InputError;
use crate::trail::bucket::{RangeError, TrailError};
use crate::trail::bucket_load::FileFailure;
use crate::trail::gzip::GzError;
use crate::trail::protocol::{DetailError, ExportError};
use std::fmt;

macro_rules! english {
    ($($ty:ty => $msg:ident),* $(,)?) => {
        $(impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&Lang::En.text(&Msg::$msg(self)))
            }
        })*
    };
}

// Each message's English is its `Display`; `Lang::text(&Msg::…)` gives every language.
english! {
    InputError => Input,
    PasteError => Paste,
    RangeError => Range,
    GzError => Gzip,
    DetailError => Detail,
    ExportError => Export,
}

impl ServiceError {
    /// What the person should do about this error, in `lang`.
    pub fn advice(&self, lang: Lang, op: Operation) -> String {
        lang.text(&Msg::OssAdvice { error: self, op })
    }
}

impl Failure {
    /// One line saying what happened, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        lang.text(&Msg::FailureSummary(self))
    }

    /// What to do about it, in `lang`. `page_origin` is this page's origin (for the CORS advice).
    pub fn advice(&self, lang: Lang, op: Operation, page_origin: &str) -> String {
        lang.text(&Msg::FailureAdvice { failure: self, op, page_origin })
    }
}

impl TrailError {
    /// One line saying what happened, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        lang.text(&Msg::TrailSummary(self))
    }

    /// What to do about it, in `lang`. `page_origin` is this page's origin (for the CORS advice).
    pub fn advice(&self, lang: Lang, page_origin: &str) -> String {
        lang.text(&Msg::TrailAdvice { error: self, page_origin })
    }
}

impl FileFailure {
    /// One line saying what happened, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        lang.text(&Msg::FileFailureSummary(self))
    }

    /// What to do about it, in `lang` (NoSuchKey: deleted since listing; AccessDenied: `oss:GetObject`).
    pub fn advice(&self, lang: Lang, page_origin: &str) -> String {
        self.failure.advice(lang, Operation::GetObject, page_origin)
    }
}
