//! GetBucketAccessMonitor / PutBucketAccessMonitor: requests and typed results.

use super::credentials::Credentials;
use super::error::{self, ResponseError};
use super::request::{bucket_request, BucketTarget, HttpRequest, HttpResponse};
use super::xml::{self, XmlError};
use serde::{Deserialize, Serialize};

/// Whether access tracking is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessMonitorStatus {
    Enabled,
    Disabled,
}

impl AccessMonitorStatus {
    /// `Enabled` / `Disabled`, as OSS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessMonitorStatus::Enabled => "Enabled",
            AccessMonitorStatus::Disabled => "Disabled",
        }
    }

    /// The other state.
    pub fn toggled(self) -> Self {
        match self {
            AccessMonitorStatus::Enabled => AccessMonitorStatus::Disabled,
            AccessMonitorStatus::Disabled => AccessMonitorStatus::Enabled,
        }
    }
}

/// Read an `AccessMonitorConfiguration` body (both calls' body).
pub fn parse_configuration(body: &str) -> Result<AccessMonitorStatus, XmlError> {
    let config = xml::parse(body, "AccessMonitorConfiguration")?;
    match config.text_of("Status") {
        Some("Enabled") => Ok(AccessMonitorStatus::Enabled),
        Some("Disabled") => Ok(AccessMonitorStatus::Disabled),
        Some(other) => Err(XmlError::NotXml(format!(
            "<Status> is {:?}, not Enabled or Disabled",
            other.chars().take(40).collect::<String>()
        ))),
        None => Err(XmlError::NotXml("no <Status>".into())),
    }
}

/// The query both calls use.
pub const QUERY: &[(&str, Option<&str>)] = &[("accessmonitor", None)];

/// The XML body of a PutBucketAccessMonitor call.
pub fn put_body(status: AccessMonitorStatus) -> String {
    format!("<AccessMonitorConfiguration><Status>{}</Status></AccessMonitorConfiguration>", status.as_str())
}

/// `GET /?accessmonitor`.
pub fn get_request(target: &BucketTarget, creds: &Credentials, now_ms: i64) -> HttpRequest {
    bucket_request(target, "GET", QUERY, None, creds, now_ms)
}

/// `PUT /?accessmonitor` with the new status.
pub fn put_request(
    target: &BucketTarget,
    status: AccessMonitorStatus,
    creds: &Credentials,
    now_ms: i64,
) -> HttpRequest {
    bucket_request(target, "PUT", QUERY, Some(put_body(status)), creds, now_ms)
}

fn check_status(resp: &HttpResponse) -> Result<(), ResponseError> {
    if (200..300).contains(&resp.status) {
        Ok(())
    } else {
        Err(error::from_response(resp.status, &resp.text(), resp.request_id(), resp.header("x-oss-ec")))
    }
}

/// Read a GetBucketAccessMonitor response.
pub fn parse_get_response(resp: &HttpResponse) -> Result<AccessMonitorStatus, ResponseError> {
    check_status(resp)?;
    parse_configuration(&resp.text()).map_err(|e| ResponseError::BadBody(e.to_string()))
}

/// Read a PutBucketAccessMonitor response (success has an empty body).
pub fn parse_put_response(resp: &HttpResponse) -> Result<(), ResponseError> {
    check_status(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_what_oss_documents() {
        assert_eq!(
            put_body(AccessMonitorStatus::Enabled),
            "<AccessMonitorConfiguration><Status>Enabled</Status></AccessMonitorConfiguration>"
        );
    }

    #[test]
    fn get_response_parses_both_states_and_rejects_junk() {
        let ok = |body: &str| HttpResponse { status: 200, headers: vec![], body: body.as_bytes().to_vec() };
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessMonitorConfiguration>\n  <Status>Enabled</Status>\n</AccessMonitorConfiguration>";
        assert_eq!(parse_get_response(&ok(doc)), Ok(AccessMonitorStatus::Enabled));
        assert_eq!(
            parse_get_response(&ok(
                "<AccessMonitorConfiguration><Status>Disabled</Status></AccessMonitorConfiguration>"
            )),
            Ok(AccessMonitorStatus::Disabled)
        );
        for junk in ["", "<AccessMonitorConfiguration><Status>On</Status></AccessMonitorConfiguration>", "<X/>", "{}"] {
            assert!(matches!(parse_get_response(&ok(junk)), Err(ResponseError::BadBody(_))), "{junk}");
        }
    }

    #[test]
    fn error_status_becomes_service_error() {
        let resp = HttpResponse {
            status: 400,
            headers: vec![("x-oss-request-id".into(), "RID".into())],
            body:
                b"<Error><Code>AccessMonitorDisableNotAllowed</Code><Message>m</Message><EC>0036-00000005</EC></Error>"
                    .to_vec(),
        };
        let err = parse_put_response(&resp).unwrap_err();
        assert_eq!(err.code(), Some("AccessMonitorDisableNotAllowed"));
        let ResponseError::Service(e) = err else { panic!() };
        assert_eq!(e.request_id, "RID");
    }
}
