//! A Log Service (SLS) query for the trail's logstore, and a link that opens it in the SLS
//! console [SEARCH] [QSTRING] [EMBED] (sources in the module above).

use super::window::{window, TimeNote, Window};
use super::{merged, search_text};
use crate::oss::encode::query_component;
use crate::trail::query::Filter;
use crate::trail::store::{Field, SENSITIVE_EVENTS};
use base64::Engine as _;
use std::collections::HashSet;

/// SLS accepts at most this many conditions in one search statement [LIMIT].
pub const SLS_MAX_CONDITIONS: usize = 30;

/// Rows the errors-only analytic statement asks for: SLS returns 100 rows unless given a LIMIT,
/// and `LIMIT x` takes at most 1,000,000 [SQLLIMIT].
pub const SLS_SQL_MAX_ROWS: u32 = 1_000_000;

/// How closely an SLS path reproduces the explorer's value of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathFidelity {
    /// The explorer's value is this path's value.
    Exact,
    /// The explorer's identity is `userIdentity.userName`, else `principalId`: SLS can only OR the
    /// two paths, so an include also matches a principal ID equal to the value (and an exclude
    /// removes it).
    IdentityFallback,
    /// The explorer's bucket is the first `referencedResources["ACS::OSS::Bucket"]` entry, inside a
    /// JSON array SLS cannot search [JSON]; `event.resourceName` lists every resource of the event.
    ResourceName,
}

/// Where a field lives in the trail logstore: the paths whose values OR together, and how faithful.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlsPath {
    pub paths: &'static [&'static str],
    pub fidelity: PathFidelity,
}

/// The one table from explorer fields to indexed `event.*` paths of the trail logstore [FIELDS].
pub fn sls_path(field: Field) -> SlsPath {
    let exact = |p: &'static [&'static str]| SlsPath { paths: p, fidelity: PathFidelity::Exact };
    match field {
        Field::EventName => exact(&["event.eventName"]),
        Field::ServiceName => exact(&["event.serviceName"]),
        Field::IdentityType => exact(&["event.userIdentity.type"]),
        Field::UserName => SlsPath {
            paths: &["event.userIdentity.userName", "event.userIdentity.principalId"],
            fidelity: PathFidelity::IdentityFallback,
        },
        Field::AccessKeyId => exact(&["event.userIdentity.accessKeyId"]),
        Field::SourceIpAddress => exact(&["event.sourceIpAddress"]),
        Field::AcsRegion => exact(&["event.acsRegion"]),
        Field::Bucket => SlsPath { paths: &["event.resourceName"], fidelity: PathFidelity::ResourceName },
        Field::ErrorCode => exact(&["event.errorCode"]),
        Field::EventRw => exact(&["event.eventRW"]),
        Field::EventType => exact(&["event.eventType"]),
        Field::UserAgent => exact(&["event.userAgent"]),
    }
}

// Paths only "sensitive only" needs (not explorer fields).
const SENSITIVE_ATTRIBUTE_PATH: &str = "event.eventAttributes.SensitiveAction";
const REQUEST_PARAMETERS_PATH: &str = "event.requestParameterJson";

// ---------------------------------------------------------------------------------------------
// SLS: query
// ---------------------------------------------------------------------------------------------

/// Something the SLS query approximates or leaves out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlsNote {
    /// The field's SLS path only approximates the explorer's value (see [`PathFidelity`]).
    FieldApproximated { field: Field, fidelity: PathFidelity },
    /// A value with delimiters, whitespace or non-ASCII text: SLS matches indexed words, so the
    /// condition also holds for values that merely contain those words [INDEX].
    WordMatch { field: Field },
    /// "Absent" (an empty value) on a field read from several paths: not expressible, left out.
    AbsentUnsupported { field: Field, exclude: bool },
    /// Free text became a full-text search: whole words, not substrings, and it needs the
    /// logstore's full-text index.
    TextAsWords,
    /// "Sensitive only" became: the explorer's event list, `eventAttributes.SensitiveAction`, or
    /// PutBucketAcl with a public ACL word in `event.requestParameterJson`.
    SensitiveApproximated,
    /// More conditions than SLS accepts: the query is complete but SLS will refuse it [LIMIT].
    TooManyConditions { count: usize },
    /// "Errors only" is an analytic (SQL) statement after the search: it needs analysis enabled
    /// on `event.errorCode`, shows a table rather than raw logs, and returns at most `limit` rows.
    ErrorsAsSql { limit: u32 },
    /// About the time window.
    Time(TimeNote),
}

/// A filter as an SLS query, with its window and what could not be carried over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlsQuery {
    /// The whole query: the search statement, then ` | ` and the analytic statement if any.
    pub query: String,
    /// The search statement alone (`*` for no condition).
    pub search: String,
    /// The analytic (SQL) statement, when the filter needs one ("errors only").
    pub analytic: Option<String>,
    /// The query window (SLS takes the time range beside the query, not in it).
    pub window: Window,
    /// Number of search conditions, to compare with [`SLS_MAX_CONDITIONS`].
    pub conditions: usize,
    pub notes: Vec<SlsNote>,
}

/// A search value or field name in double quotes: `\` and `"` escaped with `\` [SEARCH][QSTRING], so
/// `*`/`?` stay literal, keywords stay words and spaces, colons and 中文 need nothing more [QUOTES].
pub fn sls_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn term(path: &str, value: &str) -> String {
    format!("{}:{}", sls_quote(path), sls_quote(value))
}

fn present(path: &str) -> String {
    format!("{}:*", sls_quote(path))
}

/// Whether SLS would split the value into several words (default delimiters, whitespace) or
/// tokenize it differently (non-ASCII) [INDEX].
fn splits_into_words(value: &str) -> bool {
    value.chars().any(|c| c.is_whitespace() || !c.is_ascii() || ",'\";=()[]{}?@&<>/:".contains(c))
}

#[derive(Default)]
struct SlsBuilder {
    /// AND'ed conditions (single terms or parenthesized OR groups), with their condition counts.
    positive: Vec<(String, usize)>,
    /// Terms removed with `not`.
    negative: Vec<String>,
    /// Every condition kept, positive or negative, so a repeated one is found at once (a
    /// link may carry thousands of values).
    seen: HashSet<(bool, String)>,
    notes: Vec<SlsNote>,
}

impl SlsBuilder {
    fn note(&mut self, n: SlsNote) {
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }

    fn and(&mut self, cond: String, count: usize) {
        if self.seen.insert((true, cond.clone())) {
            self.positive.push((cond, count));
        }
    }

    fn and_any(&mut self, alternatives: Vec<String>, count: usize) {
        match alternatives.len() {
            0 => {}
            1 => self.and(alternatives.concat(), count),
            _ => self.and(format!("({})", alternatives.join(" or ")), count),
        }
    }

    fn not(&mut self, cond: String) {
        if self.seen.insert((false, cond.clone())) {
            self.negative.push(cond);
        }
    }

    fn fidelity(&mut self, field: Field, sp: SlsPath) {
        if sp.fidelity != PathFidelity::Exact {
            self.note(SlsNote::FieldApproximated { field, fidelity: sp.fidelity });
        }
    }

    fn word_note(&mut self, field: Field, value: &str) {
        if splits_into_words(value) {
            self.note(SlsNote::WordMatch { field });
        }
    }

    /// One of the values (OR); "" means the field is absent or empty.
    fn include(&mut self, field: Field, values: &[&str]) {
        let sp = sls_path(field);
        let mut alternatives = Vec::new();
        if values.contains(&"") {
            if let [p] = sp.paths {
                // `not key:*` lacks the field, `key:""` has it empty [SEARCH]; `not` first, unary.
                alternatives.push(format!("not {}", present(p)));
                alternatives.push(term(p, ""));
            } else {
                self.note(SlsNote::AbsentUnsupported { field, exclude: false });
            }
        }
        for v in values.iter().filter(|v| !v.is_empty()) {
            self.word_note(field, v);
            alternatives.extend(sp.paths.iter().map(|p| term(p, v)));
        }
        if !alternatives.is_empty() {
            self.fidelity(field, sp);
        }
        let count = alternatives.len();
        self.and_any(alternatives, count);
    }

    /// None of the values; excluding "" means the field is present and not empty.
    fn exclude(&mut self, field: Field, values: &[&str]) {
        let sp = sls_path(field);
        let mut emitted = false;
        for v in values {
            if v.is_empty() {
                if let [p] = sp.paths {
                    self.and(present(p), 1);
                    self.not(term(p, ""));
                    emitted = true;
                } else {
                    self.note(SlsNote::AbsentUnsupported { field, exclude: true });
                }
            } else {
                self.word_note(field, v);
                for p in sp.paths {
                    self.not(term(p, v));
                }
                emitted = true;
            }
        }
        if emitted {
            self.fidelity(field, sp);
        }
    }

    /// The explorer's "sensitive": a listed event name, the SensitiveAction attribute, or
    /// PutBucketAcl with a public ACL.
    fn sensitive(&mut self) {
        let name = sls_path(Field::EventName).paths[0];
        let mut alternatives: Vec<String> = SENSITIVE_EVENTS.iter().map(|e| term(name, e)).collect();
        alternatives.push(term(SENSITIVE_ATTRIBUTE_PATH, "true"));
        // The explorer looks for "public-read" anywhere in the event; "public-read-write" is its own word.
        alternatives.push(format!(
            "({} and ({} or {}))",
            term(name, "PutBucketAcl"),
            term(REQUEST_PARAMETERS_PATH, "public-read"),
            term(REQUEST_PARAMETERS_PATH, "public-read-write")
        ));
        let count = SENSITIVE_EVENTS.len() + 4;
        self.and_any(alternatives, count);
        self.note(SlsNote::SensitiveApproximated);
    }

    fn finish(mut self, window: Window, time_notes: Vec<TimeNote>, analytic: Option<String>) -> SlsQuery {
        let conditions = self.positive.iter().map(|(_, n)| n).sum::<usize>() + self.negative.len();
        if conditions > SLS_MAX_CONDITIONS {
            self.note(SlsNote::TooManyConditions { count: conditions });
        }
        for t in time_notes {
            self.note(SlsNote::Time(t));
        }
        // `a and b not c not d`: `and` binds tighter than `not` [SEARCH], and every negative is one
        // term, so the statement is (a ∧ b) ∧ ¬c ∧ ¬d. With nothing positive, `*` (everything) leads,
        // as in ActionTrail's own `* and "event.eventRW": Write`.
        let mut search = if self.positive.is_empty() {
            "*".to_string()
        } else {
            self.positive.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(" and ")
        };
        for n in &self.negative {
            search.push_str(" not ");
            search.push_str(n);
        }
        let query = match &analytic {
            Some(sql) => format!("{search} | {sql}"),
            None => search.clone(),
        };
        SlsQuery { query, search, analytic, window, conditions, notes: self.notes }
    }
}

/// The SLS query for a filter over the trail logstore's `event.*` fields.
///
/// Search statement order: includes (filter order; values of a field OR'd), the "present" half of
/// excluded empty values, sensitive only, free text; then every excluded value as `not`.
///
/// Errors only is the analytic form after the search, `select * where "event.errorCode" is not
/// null and "event.errorCode" <> '' limit 1000000` [SQL][CMP]: "has a non-empty error code" in
/// SQL's own terms (a missing field is null, an empty one `''`), rather than through how the search
/// index treats missing and empty values. A SELECT returns 100 rows unless given a LIMIT, so it
/// asks for the most SLS allows [SQLLIMIT] ([`SlsNote::ErrorsAsSql`]).
///
/// SLS matches indexed words, case-insensitively unless the index says otherwise [INDEX], where the
/// explorer compares whole values exactly: a condition may match more events, never fewer (values
/// that split into several words are flagged with [`SlsNote::WordMatch`]).
pub fn sls_query(filter: &Filter) -> SlsQuery {
    let mut b = SlsBuilder::default();
    for (field, values) in merged(&filter.include) {
        b.include(field, &values);
    }
    for (field, values) in merged(&filter.exclude) {
        b.exclude(field, &values);
    }
    if filter.sensitive_only {
        b.sensitive();
    }
    let text = search_text(filter);
    if !text.is_empty() {
        b.and(sls_quote(&text), 1);
        b.note(SlsNote::TextAsWords);
    }
    let analytic = filter.errors_only.then(|| {
        b.note(SlsNote::ErrorsAsSql { limit: SLS_SQL_MAX_ROWS });
        errors_only_sql()
    });
    let (w, time_notes) = window(filter);
    b.finish(w, time_notes, analytic)
}

/// The analytic statement of "errors only": field names in double quotes, strings in single
/// quotes [SQL]; no FROM (the logstore is implied) [SQL].
fn errors_only_sql() -> String {
    let path = sls_path(Field::ErrorCode).paths[0];
    format!(r#"select * where "{path}" is not null and "{path}" <> '' limit {SLS_SQL_MAX_ROWS}"#)
}

// ---------------------------------------------------------------------------------------------
// SLS: console link
// ---------------------------------------------------------------------------------------------

/// Which SLS console: the China site or the international site [ALERTVARS].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleSite {
    /// `sls.console.aliyun.com`.
    China,
    /// `sls.console.alibabacloud.com`.
    International,
}

impl ConsoleSite {
    /// The console's host name.
    pub fn host(self) -> &'static str {
        match self {
            ConsoleSite::China => "sls.console.aliyun.com",
            ConsoleSite::International => "sls.console.alibabacloud.com",
        }
    }
}

/// A link opening the query in the SLS console's Search & Analysis page [EMBED][ALERTVARS]:
/// `https://<host>/lognext/project/<project>/logsearch/<logstore>?encode=base64&queryString=<Base64>`
/// plus `&queryTimeType=99&startTime=<s>&endTime=<s>` when the window is closed and not empty
/// (otherwise the console keeps its default range). Every part is percent-encoded.
pub fn sls_console_url(site: ConsoleSite, project: &str, logstore: &str, query: &SlsQuery) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(query.query.as_bytes());
    let mut url = format!(
        "https://{}/lognext/project/{}/logsearch/{}?encode=base64&queryString={}",
        site.host(),
        query_component(project),
        query_component(logstore),
        query_component(&b64)
    );
    if let (Some(from), Some(to)) = (query.window.from, query.window.to) {
        if from < to {
            url.push_str(&format!("&queryTimeType=99&startTime={from}&endTime={to}"));
        }
    }
    url
}
