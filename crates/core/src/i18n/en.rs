//! The core's messages in English.

use super::Lang;
use super::Msg;
use crate::oss::credentials::PasteError;
use crate::oss::error::{Operation, OssCode, ServiceError};
use crate::oss::session::{BodyProblem, Failure, NotOss};
use crate::oss::validate::InputError;
use crate::trail::bucket::{LeftOut, Listed, ListingProblem, RangeError, TrailError, MAX_DAYS};
use crate::trail::gzip::GzError;
use crate::trail::handoff::{DropReason, FilterPart, LookupNote, PathFidelity, SlsNote, TimeNote, SLS_MAX_CONDITIONS};
use crate::trail::protocol::{DetailError, ExportError};
use crate::trail::store::Field;

const LANG: Lang = Lang::En;

/// The English text of `m`.
pub(super) fn text(m: &Msg<'_>) -> String {
    match *m {
        Msg::OssAdvice { error, op } => oss_advice(error, op),
        Msg::FailureSummary(f) => failure_summary(f),
        Msg::FailureAdvice { failure, op, page_origin } => failure_advice(failure, op, page_origin),
        Msg::Input(e) => input(e),
        Msg::Paste(e) => paste(e),
        // The parser's own English (its `Display`); zh.rs matches every variant.
        Msg::FileProblem(p) => p.to_string(),
        Msg::Skip(s) => s.to_string(),
        Msg::BinaryKind(k) => k.to_string(),
        Msg::Gzip(e) => gzip(e),
        Msg::Detail(e) => match e {
            DetailError::NotLoaded => "this event is not loaded (load the file it came from)".into(),
            DetailError::Cleared => "the events were cleared".into(),
            DetailError::Read(why) => format!("the browser could not read its file ({why})"),
            DetailError::FileEnded => "its file ended before the event (was the file changed on disk?)".into(),
            DetailError::Gzip(g) => gzip(g),
        },
        Msg::Export(e) => match e {
            ExportError::Cleared => "the events were cleared during the export".into(),
            ExportError::Read(why) => format!("the browser could not read a file ({why})"),
            ExportError::Gzip(g) => gzip(g),
        },
        Msg::Format(f) => f.to_string(),
        Msg::Range(e) => range(e),
        Msg::TrailSummary(e) => match e {
            TrailError::Range(r) => range(r),
            TrailError::NoFolders => "No region is chosen".into(),
            TrailError::NoTrail { looked_in } => format!("No ActionTrail folders under {looked_in}"),
            TrailError::List { prefix, failure } => format!("Listing {prefix} failed: {}", failure_summary(failure)),
            TrailError::Listing { prefix, problem } => {
                match problem {
                    ListingProblem::TokenRepeated { page } => format!(
                        "The listing of {prefix} goes round in a circle: page {page} gave a continuation token an \
                     earlier page gave"
                    ),
                    ListingProblem::OutOfOrder { page, key } => {
                        format!("The listing of {prefix} goes back on page {page}: {key} does not sort after the key before it")
                    }
                    ListingProblem::TooLong { what, cap } => format!(
                        "The listing of {prefix} holds more than {} {}",
                        super::grouped(*cap),
                        match what {
                            Listed::Pages => "pages",
                            Listed::Keys => "keys",
                        }
                    ),
                }
            }
            TrailError::Cancelled => "Cancelled".into(),
        },
        Msg::TrailAdvice { error, page_origin } => match error {
            TrailError::Range(r) => range(r),
            TrailError::NoFolders => "Choose at least one region (and account) to list.".into(),
            TrailError::NoTrail { .. } => "Check the prefix: it is the trail's OSS key prefix (OssKeyPrefix in the \
                 trail's settings), without /AliyunLogs; leave it empty if the trail has none. Check that the bucket \
                 is the one the trail delivers to, and that the trail has delivered events already."
                .into(),
            TrailError::List { failure, .. } => failure_advice(failure, Operation::ListObjectsV2, page_origin),
            TrailError::Listing { problem: ListingProblem::TooLong { .. }, .. } => "A trail's day folder holds a few \
                 hundred files: this folder is not a trail's, or the server is not listing what was asked. Check \
                 the bucket and prefix, or choose fewer days. Nothing was loaded."
                .into(),
            TrailError::Listing { .. } => "OSS never answers like this: check that the endpoint is OSS (or the \
                 emulator) and not a proxy or another service. The listing stopped there, and nothing was loaded."
                .into(),
            TrailError::Cancelled => "Nothing more is listed. List again to start over.".into(),
        },
        Msg::LeftOut(r) => match r {
            LeftOut::DotSegment => {
                "a . or .. in the key: a browser would change the address, so the console does not request it".into()
            }
            LeftOut::KeyTooLong { bytes } => format!("the key is {bytes} bytes long; OSS allows 1,023"),
            LeftOut::ImplausibleSize { size } => {
                format!("listed at {} bytes: larger than any object OSS can hold in one write", super::grouped(*size))
            }
            LeftOut::ImplausibleEvents { events } => {
                format!("its name says {} events, more than any trail file holds", super::grouped(*events))
            }
        },
        Msg::FileFailureSummary(f) => {
            format!("{}: {}", f.key.rsplit('/').next().unwrap_or(&f.key), failure_summary(&f.failure))
        }
        Msg::SlsNote(n) => sls_note(n),
        Msg::LookupNote(n) => match n {
            LookupNote::UserIsCallerName => "User matches the caller's name; the explorer's identity falls back to \
                 the principal ID when there is no name."
                .into(),
            LookupNote::ResourceNameAnyType => {
                "ResourceName matches a resource of any type with that name, not only buckets.".into()
            }
            LookupNote::SensitiveActionFlag => "SensitiveAction=true is ActionTrail's own flag; the explorer also \
                 counts its list of risky event names and PutBucketAcl with a public ACL."
                .into(),
            LookupNote::Time(t) => time_note(*t),
            LookupNote::EndIsNow => "The filter's range has no end, and LookupEvents needs both: EndTime is now \
                 (when this panel was opened or the filter last changed)."
                .into(),
            LookupNote::StartIsHistoryLimit => "The filter's range has no start, and LookupEvents needs both: \
                 StartTime is 90 days before now, as far back as LookupEvents reads."
                .into(),
        },
        Msg::Dropped(d) => format!("{}: {}", filter_part(&d.part), drop_reason(d.reason)),
        Msg::TimeNote(t) => time_note(t),
    }
}

fn oss_advice(e: &ServiceError, op: Operation) -> String {
    match e.oss_code() {
        OssCode::AccessDenied => format!(
            "These credentials are not allowed to do this. Give the RAM user or role behind them the action {} on \
             this bucket (resource {}), and check the bucket policy does not deny it.",
            op.ram_action(),
            e.ram_resource(op)
        ),
        OssCode::AccessMonitorDisableNotAllowed => "Access tracking cannot be turned off while the bucket has \
             lifecycle rules based on last access time (rules with IsAccessTime). Remove or change those lifecycle \
             rules first, or keep access tracking on."
            .into(),
        OssCode::InvalidAccessKeyId => "OSS does not know this AccessKeyId. STS credentials stop working when they \
             expire (usually after an hour): get new ones with AssumeRole and paste them again. If the key is not \
             from STS, check it was copied whole and is not disabled."
            .into(),
        OssCode::SecurityTokenExpired => {
            "The STS credentials have expired. Get new ones with AssumeRole and paste them again.".into()
        }
        OssCode::InvalidSecurityToken => "The SecurityToken is not valid for this AccessKeyId. Paste the \
             AccessKeyId, AccessKeySecret and SecurityToken from the same AssumeRole response."
            .into(),
        OssCode::SignatureDoesNotMatch => "OSS computed a different signature. Usually the AccessKeySecret is wrong \
             (check it was copied whole), or the region does not match the bucket. Compare the strings OSS signed \
             with ours below: the first difference shows what changed."
            .into(),
        OssCode::RequestTimeTooSkewed => "This computer's clock differs from OSS's by more than 15 minutes, even \
             after the console corrected it once. Set the system clock right (turn on automatic time) and try again."
            .into(),
        OssCode::NoSuchBucket => format!(
            "There is no bucket named {} in this region. Check the bucket name and pick the region it was created in.",
            e.bucket_name.as_deref().unwrap_or("that")
        ),
        OssCode::NoSuchKey => "The object is not there any more (deleted, or moved by a lifecycle rule). List again \
             to load what is there now."
            .into(),
        OssCode::NoSuchLifecycle => "The bucket has no lifecycle rules.".into(),
        OssCode::InvalidRange => "OSS refused the byte range asked for. Load the file again.".into(),
        OssCode::MalformedXml | OssCode::InvalidDigest => "OSS could not read the request body. This is a bug in the \
             console: please report it with the request ID."
            .into(),
        OssCode::AccessForbidden => {
            "The bucket's CORS rules do not allow this page. Add the CORS rule shown below to the bucket.".into()
        }
        OssCode::InvalidArgument => format!("OSS rejected an argument: {}", e.message),
        OssCode::MethodNotAllowed | OssCode::NotImplemented => {
            format!("This endpoint does not support {}. Check that the endpoint is an OSS endpoint.", op.name())
        }
        OssCode::InternalError | OssCode::ServiceUnavailable => {
            "OSS had a temporary problem. Try again in a moment.".into()
        }
        OssCode::Other(_) => {
            format!("OSS said: {}. Look up the error code {} in the OSS documentation.", e.message, e.lookup_code())
        }
    }
}

fn failure_summary(f: &Failure) -> String {
    match f {
        Failure::Input(_) => "Check the form".into(),
        Failure::Unconfirmed { origin } => format!("{origin} is not an OSS endpoint"),
        Failure::NoResponse { origin, .. } => format!("No response from {origin}"),
        Failure::Timeout { origin } => format!("{origin} did not answer in time"),
        Failure::Oss { error, .. } => format!("{} {}: {}", error.status, error.code, error.message),
        Failure::NotOss(NotOss::Redirect) => "The endpoint answered with a redirect, not like OSS".into(),
        Failure::NotOss(NotOss::Html { status }) => {
            format!("The endpoint answered HTTP {status} with a web page, not like OSS")
        }
        Failure::NotOss(NotOss::Unexpected { status, detail }) => {
            format!("The endpoint answered HTTP {status}, not like OSS ({detail})")
        }
        Failure::BadBody { detail, .. } => format!("OSS's answer could not be read: {detail}"),
        Failure::Body(BodyProblem::SizeChanged { listed, sent }) => {
            format!("The object is {} bytes now; it was {} when listed", super::grouped(*sent), super::grouped(*listed))
        }
        Failure::Body(BodyProblem::TooLarge { limit }) => format!(
            "It grew past {} MB as it arrived (the browser decodes Content-Encoding: gzip): stopped (a gzip bomb?)",
            limit >> 20
        ),
        Failure::ClockTooFar { offset_ms, server_time } => format!(
            "The endpoint says the time is {server_time}, {} hours {} this computer's clock: not corrected",
            offset_ms.unsigned_abs() / 3_600_000,
            if *offset_ms > 0 { "ahead of" } else { "behind" }
        ),
    }
}

fn failure_advice(f: &Failure, op: Operation, page_origin: &str) -> String {
    match f {
        Failure::Input(e) => input(e),
        Failure::Unconfirmed { .. } => "Requests to this endpoint carry your AccessKeyId and SecurityToken, and a \
             signature that could be replayed against OSS for 15 minutes. Confirm only if you run this endpoint or \
             trust it (an OSS-compatible gateway, a proxy you control)."
            .into(),
        Failure::NoResponse { detail, .. } => format!(
            "The browser got no answer it may show to this page. Either (1) the bucket's CORS rules do not allow \
             this page's origin {page_origin}: add the rule below to the bucket (OSS console → the bucket → Content \
             Security → CORS, or `ossutil cors --method put`), or (2) the endpoint cannot be reached: check the \
             network, the endpoint and the region. The browser does not say which of the two it was ({detail})."
        ),
        Failure::Timeout { .. } => "Check the network and the endpoint, then try again.".into(),
        Failure::Oss { error, .. } => oss_advice(error, op),
        Failure::NotOss(NotOss::Redirect) => "A signed request never follows a redirect (it would send the token \
             elsewhere). Use the endpoint the redirect points to, or check the endpoint URL and the addressing style."
            .into(),
        Failure::NotOss(_) => {
            "The endpoint answered, but not like OSS. Check the endpoint URL and the addressing style.".into()
        }
        Failure::Body(BodyProblem::SizeChanged { .. }) => "It was written again since the listing: list again \
             to load what the bucket holds now. The other objects are loaded."
            .into(),
        Failure::Body(BodyProblem::TooLarge { .. }) => "No trail file is this large: the object was left out \
             and the others are loaded. If it is a real trail file, download it and drop it on the page (the \
             console reads a dropped gzip file of any size with its own limits)."
            .into(),
        Failure::ClockTooFar { .. } => "The console corrects the clock by at most a day: a larger step would \
             sign requests for another date. Set this computer's date and time (automatic time), or check that the \
             endpoint is OSS: its ServerTime is not believable."
            .into(),
        Failure::BadBody { .. } => {
            "OSS answered, but not with what this call returns. Check the endpoint and try again.".into()
        }
    }
}

fn input(e: &InputError) -> String {
    match e {
        InputError::BucketEmpty => "Enter a bucket name.".into(),
        InputError::BucketLength(n) => format!("A bucket name has 3 to 63 characters; this one has {n}."),
        InputError::BucketChars(c) => {
            format!("A bucket name uses only lowercase letters, digits and hyphens (found {c:?}).")
        }
        InputError::BucketEdges => "A bucket name starts and ends with a lowercase letter or digit.".into(),
        InputError::RegionEmpty => "Enter a region id such as cn-hangzhou.".into(),
        InputError::RegionInvalid(r) => {
            format!("\"{r}\" is not a region id: use lowercase letters, digits and hyphens, such as cn-hangzhou.")
        }
        InputError::EndpointNotUrl => "The endpoint must be a URL such as https://oss-cn-hangzhou.aliyuncs.com.".into(),
        InputError::EndpointInsecure => "The endpoint must use https; http is allowed only for localhost and \
             127.0.0.1 (the local emulator)."
            .into(),
        InputError::EndpointHasPath => {
            "The endpoint is only scheme, host and port: remove the path, query or user name.".into()
        }
        InputError::VirtualHostedNeedsName(host) => {
            format!("Virtual-hosted addressing needs a host name, not an IP address: choose path-style for {host}.")
        }
        InputError::AccessKeyIdEmpty => "Enter the AccessKeyId.".into(),
        InputError::AccessKeySecretEmpty => "Enter the AccessKeySecret.".into(),
        InputError::TokenMissing => "An AccessKeyId starting with \"STS.\" needs its SecurityToken too.".into(),
        InputError::Whitespace(name) => {
            format!("The {name} has spaces or line breaks inside: paste it again without them.")
        }
    }
}

fn paste(e: &PasteError) -> String {
    match e {
        PasteError::Empty => "Nothing was pasted.".into(),
        PasteError::JsonWithoutKeys => "This JSON has no AccessKeyId/AccessKeySecret. Paste the output of `aliyun \
             sts AssumeRole` (the \"Credentials\" object or the whole response)."
            .into(),
        PasteError::Unrecognized => "This text is not JSON from STS and has no OSS_ACCESS_KEY_ID= / \
             OSS_ACCESS_KEY_SECRET= lines. Paste the AssumeRole output or those environment lines."
            .into(),
        PasteError::Incomplete { found, missing, lines: false } => {
            format!("Found {found} but not {missing}. Paste all of the credentials together.")
        }
        PasteError::Incomplete { found, missing, lines: true } => {
            format!("Found the {found} line but not the {missing} line. Paste all of the credentials together.")
        }
    }
}

fn gzip(e: &GzError) -> String {
    match e {
        GzError::BadMagic => "not gzip: the first bytes are not 1f 8b 08".into(),
        GzError::Corrupt(at) => format!("corrupt gzip data near compressed byte {at}"),
        GzError::Checksum => "gzip checksum mismatch: the file is damaged".into(),
        GzError::Truncated => "the gzip file ends early (truncated download?)".into(),
        GzError::TrailingData(at) => format!("unexpected data after the end of the gzip stream at byte {at}"),
        GzError::HeaderTooLong => {
            "the gzip header is over 64 KB (an embedded file name or comment that long): not a trail file".into()
        }
    }
}

fn range(e: &RangeError) -> String {
    match e {
        RangeError::BadDate { which, value } => {
            let which = match *which {
                "from" => "start",
                _ => "end",
            };
            format!("The {which} date {value:?} is not a date: write it as YYYY-MM-DD (a UTC day), e.g. 2025-11-01.")
        }
        RangeError::Reversed { from, to } => format!("The range ends ({to}) before it starts ({from}): swap the two dates."),
        RangeError::TooLong { days } => format!(
            "{days} days is more than {MAX_DAYS} at once: choose a shorter range (a region writes up to 288 files a day)."
        ),
    }
}

fn label(f: Field) -> &'static str {
    f.label(LANG)
}

fn sls_note(n: &SlsNote) -> String {
    match n {
        SlsNote::FieldApproximated { field, fidelity } => match fidelity {
            PathFidelity::Exact => {
                format!("{}: read from {}.", label(*field), crate::trail::handoff::sls_path(*field).paths.join(", "))
            }
            PathFidelity::IdentityFallback => format!(
                "{}: Log Service reads userIdentity.userName or principalId, so an event whose principal ID equals the \
                 value matches too.",
                label(*field)
            ),
            PathFidelity::ResourceName => format!(
                "{}: Log Service cannot search inside referencedResources (a JSON array); event.resourceName, which \
                 lists every resource of the event, is used instead.",
                label(*field)
            ),
        },
        SlsNote::WordMatch { field } => format!(
            "{}: a value with spaces, punctuation or non-ASCII text matches as indexed words, so values that contain \
             those words match too.",
            label(*field)
        ),
        SlsNote::AbsentUnsupported { field, .. } => {
            format!("{}: “(none)” cannot be written for a field read from two paths; it was left out.", label(*field))
        }
        SlsNote::TextAsWords => "The search text is a full-text search: Log Service matches whole words, not parts \
             of words, and needs the logstore's full-text index."
            .into(),
        SlsNote::SensitiveApproximated => "“Sensitive operations” is written as the explorer's list of risky event \
             names, ActionTrail's SensitiveAction flag, and PutBucketAcl with a public ACL."
            .into(),
        SlsNote::TooManyConditions { count } => format!(
            "{count} conditions: Log Service accepts at most {SLS_MAX_CONDITIONS} in one search statement and will \
             refuse this query. Remove some filters."
        ),
        SlsNote::ErrorsAsSql { limit } => {
            let limit = super::grouped(u64::from(*limit));
            format!(
            "“Errors only” is an SQL analysis after the search: it needs analysis enabled on event.errorCode, shows \
             a table instead of raw logs, and returns at most {limit} rows."
        )
        }
        SlsNote::Time(t) => time_note(*t),
    }
}

fn time_note(t: TimeNote) -> String {
    match t {
        TimeNote::Open => {
            "The time range is open: choose it where you run the query (the service's default applies otherwise)."
                .into()
        }
        TimeNote::RoundedOutward => "The time range was widened to whole seconds.".into(),
        TimeNote::Clamped => "A time before 1970 or after 9999 was clamped.".into(),
        TimeNote::Empty => "The time range holds no whole second, which the service refuses: widen it.".into(),
    }
}

fn values(vs: &[String]) -> String {
    vs.iter().map(|v| if v.is_empty() { "(none)".to_string() } else { v.clone() }).collect::<Vec<_>>().join(" or ")
}

fn filter_part(p: &FilterPart) -> String {
    match p {
        FilterPart::Include { field, values: vs } => format!("{} = {}", label(*field), values(vs)),
        FilterPart::Exclude { field, values: vs } => format!("{} ≠ {}", label(*field), values(vs)),
        FilterPart::Text(t) => format!("text “{t}”"),
        FilterPart::ErrorsOnly => "Errors only".into(),
        FilterPart::SensitiveOnly => "Sensitive operations".into(),
    }
}

fn drop_reason(r: DropReason) -> &'static str {
    match r {
        DropReason::NoKey => "LookupEvents has no attribute for it",
        DropReason::SeveralValues => "an attribute holds one value; it cannot OR several",
        DropReason::Absent => "attributes match values, not a missing value",
        DropReason::Exclude => "attributes can only match, not exclude",
        DropReason::FreeText => "LookupEvents has no text search",
        DropReason::NotCombinable => "LookupEvents does not accept it together with the attribute kept",
        DropReason::BeyondTwo => "LookupEvents reads at most two attributes",
    }
}
