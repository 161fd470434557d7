//! Take the explorer's filter past one tab (the "hand-off"): a Log Service (SLS) query for the trail's logstore
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

//!
//! Three parts: the time [`window`] both services take, the [`sls`] query and console link, and
//! the [`lookup`] parameters of LookupEvents.

pub mod lookup;
pub mod sls;
pub mod window;

pub use lookup::*;
pub use sls::*;
pub use window::*;

use super::query::Filter;
use super::store::Field;
use std::collections::HashSet;

/// Include and exclude lists with each field once (values OR'd, duplicates and empty lists gone),
/// in the order fields first appear: the explorer ORs repeated entries of a field the same way.
pub(super) fn merged(list: &[(Field, Vec<String>)]) -> Vec<(Field, Vec<&str>)> {
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
pub(super) fn search_text(filter: &Filter) -> String {
    filter.text.trim().replace('\0', "")
}

#[cfg(test)]
mod tests;
