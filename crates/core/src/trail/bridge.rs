//! Take the explorer's filter past one tab: a Log Service (SLS) query for the trail's logstore
//! (`actiontrail_<trail>`), a link that opens it in the SLS console, and ActionTrail LookupEvents
//! attributes. Pure functions; whatever cannot be carried over faithfully is reported as a typed
//! note (SLS) or a typed list of dropped filter parts (LookupEvents), never silently.
//!
//! Sources (Alibaba Cloud documentation unless said otherwise):
//! - [SEARCH] SLS "Search syntax", <https://www.alibabacloud.com/help/en/sls/user-guide/search-syntax>
//!   (mirrored in GitHub `AlibabaCloudDocs/sls`, `intl.en-US/Index and query/Query/Search syntax.md`):
//!   `and`/`or`/`not` with precedence `and` > `not` > `or`, parentheses, `\` escapes `"`,
//!   `"and"` is a plain word, `region:"cn*"` matches the literal `cn*`, `key:*` (has the field),
//!   `not key:*` (lacks it), `key:""` (empty value).
//! - [LIMIT] SLS "Search syntax and functions", <https://www.alibabacloud.com/help/en/sls/query-syntax/>:
//!   at most 30 conditions in a search statement; `*` matches everything.
//! - [QUOTES] SLS "How do I use quotation marks in query statements?",
//!   <https://www.alibabacloud.com/help/en/sls/how-do-i-use-quotation-marks-in-query-statements>:
//!   double quotes around names and values with spaces, Chinese characters or keywords.
//! - [QSTRING] SLS "Query string syntax", <https://help.aliyun.com/zh/sls/query-string-syntax>: inside a
//!   quoted value, `"` and `\` are escaped with `\` (`content: "abc\"xy\\z"`).
//! - [INDEX] SLS "Configure indexes" (same mirror, `Index and query/Configure indexes.md`): values are
//!   split into words at delimiters (default `,'";=()[]{}?@&<>/:` and whitespace), case-insensitive
//!   unless configured; [JSON] "Query and analyze JSON logs": JSON paths are `KEY1.KEY2`, and fields
//!   inside JSON arrays cannot be searched.
//! - [GETLOGS] SLS API "GetLogs" (same mirror): `from`/`to` are Unix seconds, `[from, to)`, `from == to`
//!   is invalid.
//! - [FIELDS] SLS "Log fields" of ActionTrail trails, <https://www.alibabacloud.com/help/en/sls/log-fields-25>:
//!   `event.eventName`, `event.userIdentity.userName`, `event.resourceName`, `event.requestParameterJson`….
//! - [ERRTPL] ActionTrail SDK model `CreateAdvancedQueryTemplateRequest` (example
//!   `event.errorCode: * AND event.userIdentity.accessKeyId: *`) and GitHub
//!   `aliyun/alibabacloud-landing-zone`, `…actiontrail-event-alert/cis_at_api_err.tf`
//!   (`__topic__: actiontrail_audit_event and event.errorCode: *`): errors are `event.errorCode: *`.
//! - [SQL] SLS "Query and analyze JSON logs", <https://help.aliyun.com/en/sls/query-and-analyze-json-logs>:
//!   `search | analytic statement`; in a SELECT, field names (JSON leaves as `KEY1.KEY2`) in double
//!   quotes and strings in single quotes; no FROM needed. [CMP] SLS "Comparison operators",
//!   <https://www.alibabacloud.com/help/en/sls/comparison-operators>: `x IS NOT NULL`, `x <> y` in SQL.
//! - [SQLLIMIT] SLS "LIMIT clause", <https://www.alibabacloud.com/help/en/sls/how-to-modify-the-number-of-rows-in-the-output>
//!   (<https://help.aliyun.com/en/sls/limit-clause>): an analytic statement returns 100 rows by
//!   default; `LIMIT x` takes x up to 1,000,000.
//! - [EMBED] SLS "Customize the UI of embedded pages",
//!   <https://www.alibabacloud.com/help/en/log-service/latest/customize-the-ui-of-embedded-pages>
//!   (<https://help.aliyun.com/document_detail/103028.htm>): `…/lognext/project/<project>/logsearch/<logstore>`,
//!   `queryString` (Base64 with `encode=base64`), `queryTimeType=99` with `startTime`/`endTime` timestamps;
//!   [ALERTVARS] SLS "Variables in original alert templates",
//!   <https://help.aliyun.com/zh/sls/variables-in-original-alert-templates> (and the English page): a
//!   `query_url` of exactly that shape on `sls.console.aliyun.com` / `sls.console.alibabacloud.com`.
//! - [LOOKUP] ActionTrail "How do I configure the LookupAttribute parameter…",
//!   <https://www.alibabacloud.com/help/en/actiontrail/support/how-to-set-the-lookupattribute-parameter>
//!   and its Chinese page <https://help.aliyun.com/zh/actiontrail/support/how-to-set-the-lookupattribute-parameter>:
//!   the keys, one or two attributes, exact and case-sensitive, AND, and the supported pairs.
//! - [CLI] Alibaba Cloud CLI "Parameter formats", <https://www.alibabacloud.com/help/en/cli/parameter-format-overview>:
//!   single quotes around values with special characters on Linux/macOS; dates as `YYYY-MM-DDThh:mm:ssZ`.

use super::query::Filter;
use super::store::{Field, SENSITIVE_EVENTS};
use crate::oss::encode::query_component;
use crate::time::UtcDateTime;
use base64::Engine as _;
use serde::Serialize;
use std::collections::HashSet;

/// SLS accepts at most this many conditions in one search statement [LIMIT].
pub const SLS_MAX_CONDITIONS: usize = 30;

/// Rows the errors-only analytic statement asks for: SLS returns 100 rows unless given a LIMIT,
/// and `LIMIT x` takes at most 1,000,000 [SQLLIMIT].
pub const SLS_SQL_MAX_ROWS: u32 = 1_000_000;

/// The latest second the window carries (`9999-12-31T23:59:59Z`), so ISO 8601 keeps four digits.
pub const MAX_UNIX_SECONDS: i64 = 253_402_300_799;

// ---------------------------------------------------------------------------------------------
// Time window
// ---------------------------------------------------------------------------------------------

/// The query window in whole Unix seconds, `[from, to)` as SLS takes it [GETLOGS]; `None` is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// What happened to the filter's time range on the way to whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeNote {
    /// One or both ends are open: SLS needs both and LookupEvents would use its defaults, so the
    /// caller should pick them (the console link keeps the console's own default range).
    Open,
    /// An end was not on a whole second: the window was widened to whole seconds.
    RoundedOutward,
    /// An end lay before 1970 or after 9999 and was clamped to that range.
    Clamped,
    /// The window holds no second (`from >= to`): SLS rejects `from == to` [GETLOGS].
    Empty,
}

/// Unix ms to seconds, rounding down (start) or up (exclusive end); never overflows.
fn to_seconds(ms: i64, round_up: bool) -> (i64, bool, bool) {
    let (q, r) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let s = if round_up && r != 0 { q + 1 } else { q };
    let clamped = s.clamp(0, MAX_UNIX_SECONDS);
    (clamped, r != 0, clamped != s)
}

/// The filter's `[from_ms, to_ms)` as whole seconds, widened so no event the explorer shows is left out.
pub fn window(filter: &Filter) -> (Window, Vec<TimeNote>) {
    let from = filter.from_ms.map(|ms| to_seconds(ms, false));
    let to = filter.to_ms.map(|ms| to_seconds(ms, true));
    let mut notes = Vec::new();
    if from.is_none() || to.is_none() {
        notes.push(TimeNote::Open);
    }
    let ends = [from, to];
    if ends.iter().flatten().any(|e| e.1) {
        notes.push(TimeNote::RoundedOutward);
    }
    if ends.iter().flatten().any(|e| e.2) {
        notes.push(TimeNote::Clamped);
    }
    let w = Window { from: from.map(|e| e.0), to: to.map(|e| e.0) };
    if let (Some(a), Some(b)) = (w.from, w.to) {
        if a >= b {
            notes.push(TimeNote::Empty);
        }
    }
    (w, notes)
}

/// `2024-05-01T08:00:00Z`, the form LookupEvents and the CLI take for dates [CLI].
fn iso8601(seconds: i64) -> String {
    UtcDateTime::from_unix_millis(seconds.clamp(0, MAX_UNIX_SECONDS) * 1000).iso8601_extended()
}

/// Include and exclude lists with each field once (values OR'd, duplicates and empty lists gone),
/// in the order fields first appear: the explorer ORs repeated entries of a field the same way.
fn merged(list: &[(Field, Vec<String>)]) -> Vec<(Field, Vec<&str>)> {
    let mut out: Vec<(Field, Vec<&str>)> = Vec::new();
    let mut seen: HashSet<(Field, &str)> = HashSet::new();
    for (field, values) in list {
        let slot = match out.iter().position(|(f, _)| f == field) {
            Some(i) => i,
            None => {
                out.push((*field, Vec::new()));
                out.len() - 1
            }
        };
        for v in values {
            if seen.insert((*field, v.as_str())) {
                out[slot].1.push(v);
            }
        }
    }
    out.retain(|(_, vs)| !vs.is_empty());
    out
}

/// The free text as the explorer uses it (trimmed, without NULs).
fn search_text(filter: &Filter) -> String {
    filter.text.trim().replace('\0', "")
}

// ---------------------------------------------------------------------------------------------
// SLS: field paths
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// LookupEvents
// ---------------------------------------------------------------------------------------------

/// A `LookupAttribute.N.Key` of ActionTrail LookupEvents [LOOKUP].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LookupKey {
    ServiceName,
    EventName,
    User,
    EventId,
    ResourceType,
    ResourceName,
    EventRw,
    EventAccessKeyId,
    SensitiveAction,
    SourceIpAddress,
    EventType,
    RoleName,
}

impl LookupKey {
    /// The key as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LookupKey::ServiceName => "ServiceName",
            LookupKey::EventName => "EventName",
            LookupKey::User => "User",
            LookupKey::EventId => "EventId",
            LookupKey::ResourceType => "ResourceType",
            LookupKey::ResourceName => "ResourceName",
            LookupKey::EventRw => "EventRW",
            LookupKey::EventAccessKeyId => "EventAccessKeyId",
            LookupKey::SensitiveAction => "SensitiveAction",
            LookupKey::SourceIpAddress => "SourceIpAddress",
            LookupKey::EventType => "EventType",
            LookupKey::RoleName => "RoleName",
        }
    }
}

/// The one table from explorer fields to LookupEvents keys (`None`: LookupEvents cannot filter on it).
pub fn lookup_key(field: Field) -> Option<LookupKey> {
    match field {
        Field::EventName => Some(LookupKey::EventName),
        Field::ServiceName => Some(LookupKey::ServiceName),
        Field::UserName => Some(LookupKey::User),
        Field::AccessKeyId => Some(LookupKey::EventAccessKeyId),
        Field::SourceIpAddress => Some(LookupKey::SourceIpAddress),
        Field::Bucket => Some(LookupKey::ResourceName),
        Field::EventRw => Some(LookupKey::EventRw),
        Field::EventType => Some(LookupKey::EventType),
        Field::IdentityType | Field::AcsRegion | Field::ErrorCode | Field::UserAgent => None,
    }
}

/// Whether two keys may be combined in one call (the documented pairs [LOOKUP]).
pub fn combinable(a: LookupKey, b: LookupKey) -> bool {
    use LookupKey::*;
    let pair = |x: LookupKey, y: LookupKey| match x {
        ServiceName => {
            matches!(y, EventName | User | RoleName | ResourceName | EventRw | SensitiveAction | EventType)
        }
        ResourceName => matches!(y, ResourceType | EventName | User | RoleName | ServiceName),
        EventType => y == EventName,
        _ => false,
    };
    pair(a, b) || pair(b, a)
}

/// One attribute of the call: exact, case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupAttribute {
    pub key: LookupKey,
    pub value: String,
}

/// A part of the explorer's filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterPart {
    Include { field: Field, values: Vec<String> },
    Exclude { field: Field, values: Vec<String> },
    Text(String),
    ErrorsOnly,
    SensitiveOnly,
}

/// Why a filter part did not become an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// No LookupEvents key for this (identity type, region, error code, user agent).
    NoKey,
    /// Several values of one field: attributes cannot OR.
    SeveralValues,
    /// The empty value ("absent"): attributes match values only.
    Absent,
    /// Attributes only match; they cannot exclude.
    Exclude,
    /// No free-text search in LookupEvents.
    FreeText,
    /// Not one of the documented pairs with the attribute(s) kept.
    NotCombinable,
    /// Two attributes were already kept (the API reads only the first two).
    BeyondTwo,
}

/// A filter part left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub part: FilterPart,
    pub reason: DropReason,
}

/// An attribute kept that means something slightly different from the explorer's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupNote {
    /// `User` is the caller name; the explorer's identity falls back to principalId.
    UserIsCallerName,
    /// `ResourceName` matches a resource of any type with that name, not only buckets.
    ResourceNameAnyType,
    /// `SensitiveAction=true` is ActionTrail's own flag; the explorer also flags a fixed event list
    /// and PutBucketAcl with a public ACL.
    SensitiveActionFlag,
    /// About the time range (StartTime/EndTime are the window's seconds; whether EndTime is
    /// inclusive is not documented, so the last second may be included).
    Time(TimeNote),
    /// The range had no end: EndTime is the moment the parameters were made (the API takes both
    /// ends or neither).
    EndIsNow,
    /// The range had no start: StartTime is 90 days before now, as far back as LookupEvents reads.
    StartIsHistoryLimit,
}

/// How far back LookupEvents reads: the last 90 days.
pub const LOOKUP_HISTORY_DAYS: i64 = 90;

/// LookupEvents parameters for a filter: at most two attributes and the time range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupEvents {
    pub attributes: Vec<LookupAttribute>,
    /// ISO 8601 UTC. Always both: an open end is filled (see [`LookupNote::EndIsNow`] and
    /// [`LookupNote::StartIsHistoryLimit`]).
    pub start_time: String,
    pub end_time: String,
    /// Every filter part that did not become an attribute, in filter order.
    pub dropped: Vec<Dropped>,
    pub notes: Vec<LookupNote>,
}

/// Quote for a POSIX shell: single quotes, `'` as `'\''` (nothing inside is special) [CLI].
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[derive(Serialize)]
struct JsonAttribute<'a> {
    #[serde(rename = "Key")]
    key: &'static str,
    #[serde(rename = "Value")]
    value: &'a str,
}

#[derive(Serialize)]
struct JsonRequest<'a> {
    #[serde(rename = "StartTime")]
    start_time: &'a str,
    #[serde(rename = "EndTime")]
    end_time: &'a str,
    #[serde(rename = "LookupAttribute")]
    lookup_attribute: Vec<JsonAttribute<'a>>,
}

impl LookupEvents {
    /// An Alibaba Cloud CLI command line for a POSIX shell (Linux, macOS):
    /// `aliyun actiontrail LookupEvents --StartTime … --EndTime … --LookupAttribute.1.Key EventName
    /// --LookupAttribute.1.Value '…'`. Values are always single-quoted, so any value is safe.
    pub fn to_cli(&self) -> String {
        // ISO 8601 times hold nothing a shell reads specially.
        let mut cmd =
            format!("aliyun actiontrail LookupEvents --StartTime {} --EndTime {}", self.start_time, self.end_time);
        for (i, a) in self.attributes.iter().enumerate() {
            let n = i + 1;
            cmd.push_str(&format!(
                " --LookupAttribute.{n}.Key {} --LookupAttribute.{n}.Value {}",
                a.key.as_str(),
                sh_quote(&a.value)
            ));
        }
        cmd
    }

    /// The request parameters as JSON (`StartTime`, `EndTime`, `LookupAttribute: [{Key, Value}]`), as
    /// the SDKs' LookupEvents request takes them: exact for any value and independent of the shell.
    pub fn to_json(&self) -> String {
        let req = JsonRequest {
            start_time: &self.start_time,
            end_time: &self.end_time,
            lookup_attribute: self
                .attributes
                .iter()
                .map(|a| JsonAttribute { key: a.key.as_str(), value: &a.value })
                .collect(),
        };
        // Serializing plain strings cannot fail; an empty string would only mean a bug here.
        serde_json::to_string(&req).unwrap_or_default()
    }
}

/// A filter part that could be an attribute.
struct Candidate {
    part: FilterPart,
    attribute: LookupAttribute,
}

/// LookupEvents attributes for a filter: single-valued includes of fields with a key, and
/// "sensitive only" as `SensitiveAction=true`, keeping the first documented pair in filter order
/// (else the first one alone). Everything else is listed in `dropped` [LOOKUP].
/// `now_ms` is when the parameters are made: an open end becomes now, an open start 90 days
/// before it.
pub fn lookup_events(filter: &Filter, now_ms: i64) -> LookupEvents {
    // Filter parts in order; Ok(candidate) or Err(dropped now).
    let mut parts: Vec<Result<Candidate, Dropped>> = Vec::new();
    for (field, values) in merged(&filter.include) {
        let part = FilterPart::Include { field, values: values.iter().map(|v| v.to_string()).collect() };
        let dropped_for = |reason| Err(Dropped { part: part.clone(), reason });
        parts.push(match (lookup_key(field), values.as_slice()) {
            (None, _) => dropped_for(DropReason::NoKey),
            (Some(_), [""]) => dropped_for(DropReason::Absent),
            (Some(key), [v]) => {
                Ok(Candidate { part: part.clone(), attribute: LookupAttribute { key, value: v.to_string() } })
            }
            (Some(_), _) => dropped_for(DropReason::SeveralValues),
        });
    }
    for (field, values) in merged(&filter.exclude) {
        let part = FilterPart::Exclude { field, values: values.iter().map(|v| v.to_string()).collect() };
        parts.push(Err(Dropped { part, reason: DropReason::Exclude }));
    }
    let text = search_text(filter);
    if !text.is_empty() {
        parts.push(Err(Dropped { part: FilterPart::Text(text), reason: DropReason::FreeText }));
    }
    if filter.errors_only {
        parts.push(Err(Dropped { part: FilterPart::ErrorsOnly, reason: DropReason::NoKey }));
    }
    if filter.sensitive_only {
        let attribute = LookupAttribute { key: LookupKey::SensitiveAction, value: "true".into() };
        parts.push(Ok(Candidate { part: FilterPart::SensitiveOnly, attribute }));
    }

    let keys: Vec<(usize, LookupKey)> =
        parts.iter().enumerate().filter_map(|(i, p)| p.as_ref().ok().map(|c| (i, c.attribute.key))).collect();
    let pair = keys
        .iter()
        .enumerate()
        .find_map(|(n, &(i, a))| keys[n + 1..].iter().find(|&&(_, b)| combinable(a, b)).map(|&(j, _)| vec![i, j]));
    let kept: Vec<usize> = pair.unwrap_or_else(|| keys.first().map(|&(i, _)| vec![i]).unwrap_or_default());

    let mut attributes = Vec::new();
    let mut dropped = Vec::new();
    let mut notes = Vec::new();
    let kept_keys: Vec<LookupKey> = keys.iter().filter(|(i, _)| kept.contains(i)).map(|&(_, k)| k).collect();
    for (i, p) in parts.into_iter().enumerate() {
        match p {
            Err(d) => dropped.push(d),
            Ok(c) if kept.contains(&i) => {
                match c.attribute.key {
                    LookupKey::User => notes.push(LookupNote::UserIsCallerName),
                    LookupKey::ResourceName => notes.push(LookupNote::ResourceNameAnyType),
                    LookupKey::SensitiveAction => notes.push(LookupNote::SensitiveActionFlag),
                    _ => {}
                }
                attributes.push(c.attribute);
            }
            Ok(c) => {
                let pairs = kept_keys.len() == 2 && kept_keys.iter().any(|&k| combinable(k, c.attribute.key));
                let reason = if pairs { DropReason::BeyondTwo } else { DropReason::NotCombinable };
                dropped.push(Dropped { part: c.part, reason });
            }
        }
    }
    let (w, time_notes) = window(filter);
    // The API takes both ends or neither: an open end is filled, and said so.
    let end = w.to.unwrap_or_else(|| to_seconds(now_ms, true).0);
    let start = w.from.unwrap_or_else(|| end.saturating_sub(LOOKUP_HISTORY_DAYS * 86_400).max(0));
    let mut time_notes: Vec<TimeNote> = time_notes.into_iter().filter(|n| *n != TimeNote::Open).collect();
    if start >= end && !time_notes.contains(&TimeNote::Empty) {
        time_notes.push(TimeNote::Empty);
    }
    notes.extend(time_notes.into_iter().map(LookupNote::Time));
    if w.from.is_none() {
        notes.push(LookupNote::StartIsHistoryLimit);
    }
    if w.to.is_none() {
        notes.push(LookupNote::EndIsNow);
    }
    LookupEvents { attributes, start_time: iso8601(start), end_time: iso8601(end), dropped, notes }
}

#[cfg(test)]
#[path = "bridge_tests.rs"]
mod tests;
