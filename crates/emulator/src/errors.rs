//! OSS errors as the emulator renders them: status, `<Error>` XML with `Code`, `Message`,
//! `RequestId`, `HostId`, `EC` and code-specific extras; `x-oss-ec` in a header; and for HEAD
//! (no body) the same XML base64-encoded in `x-oss-err`, as OSS does.

use crate::http::Response;
use crate::sanitize;
use base64::Engine;
use console_core::oss::error::OssCode;

/// The EC for errors whose real EC the OSS documentation does not give: the emulator still sends
/// one so every error has the same shape, but nothing should be read into this value.
pub const UNDOCUMENTED_EC: &str = "0000-00000000";

/// An OSS error to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OssError {
    pub status: u16,
    pub code: OssCode,
    pub message: String,
    pub ec: &'static str,
    pub extras: Vec<(&'static str, String)>,
}

impl OssError {
    /// An error with a documented EC (or [`UNDOCUMENTED_EC`]).
    pub fn new(status: u16, code: OssCode, message: impl Into<String>, ec: &'static str) -> Self {
        OssError { status, code, message: message.into(), ec, extras: vec![] }
    }

    /// Add a code-specific child element.
    pub fn extra(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.extras.push((name, value.into()));
        self
    }

    /// The `<Error>` document.
    pub fn xml(&self, request_id: &str, host: &str) -> String {
        let mut body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{}</Code>\n  <Message>{}</Message>\n  \
             <RequestId>{}</RequestId>\n  <HostId>{}</HostId>\n",
            self.code.as_str(),
            sanitize::xml_text(&self.message),
            sanitize::xml_text(request_id),
            sanitize::xml_text(&sanitize::host(host)),
        );
        for (name, value) in &self.extras {
            body.push_str(&format!("  <{name}>{}</{name}>\n", sanitize::xml_text(value)));
        }
        body.push_str(&format!(
            "  <EC>{0}</EC>\n  <RecommendDoc>https://api.aliyun.com/troubleshoot?q={0}</RecommendDoc>\n</Error>\n",
            self.ec
        ));
        body
    }

    /// The response: XML body (or, for HEAD, the `x-oss-err` header) and `x-oss-ec`.
    pub fn response(&self, request_id: &str, host: &str, head: bool) -> Response {
        let xml = self.xml(request_id, host);
        let r = if head {
            Response::empty(self.status)
                .with("x-oss-err", base64::engine::general_purpose::STANDARD.encode(xml.as_bytes()))
                .with("Content-Type", "application/xml")
        } else {
            Response::new(self.status, "application/xml", xml)
        };
        r.with("x-oss-ec", self.ec)
    }
}

/// `404 NoSuchBucket`.
pub fn no_such_bucket(bucket: &str) -> OssError {
    OssError::new(404, OssCode::NoSuchBucket, "The specified bucket does not exist.", "0015-00000101")
        .extra("BucketName", bucket)
}

/// `404 NoSuchKey`.
pub fn no_such_key(key: &str) -> OssError {
    OssError::new(404, OssCode::NoSuchKey, "The specified key does not exist.", UNDOCUMENTED_EC).extra("Key", key)
}

/// `501 NotImplemented`: a call OSS has but the emulator does not.
pub fn not_implemented(what: &str) -> OssError {
    OssError::new(
        501,
        OssCode::NotImplemented,
        format!("The local emulator does not implement {what}. See crates/emulator/README.md."),
        UNDOCUMENTED_EC,
    )
}

/// `400 InvalidArgument` naming the argument.
pub fn invalid_argument(message: impl Into<String>, name: &str, value: &str) -> OssError {
    OssError::new(400, OssCode::InvalidArgument, message, UNDOCUMENTED_EC)
        .extra("ArgumentName", name)
        .extra("ArgumentValue", value)
}

/// `400 MalformedXML`.
pub fn malformed_xml() -> OssError {
    OssError::new(
        400,
        OssCode::MalformedXml,
        "The XML you provided was not well-formed or did not validate against our published schema.",
        "0036-00000002",
    )
}

/// `405 MethodNotAllowed`.
pub fn method_not_allowed() -> OssError {
    OssError::new(
        405,
        OssCode::MethodNotAllowed,
        "The specified method is not allowed against this resource.",
        UNDOCUMENTED_EC,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflected_text_cannot_break_the_document_or_the_headers() {
        let e = no_such_bucket("a</BucketName><Code>x</Code>\u{1}");
        let xml = e.xml("E1", "host\r\nX-Evil: 1");
        assert!(xml.contains("<BucketName>a&lt;/BucketName&gt;&lt;Code&gt;x&lt;/Code&gt;\u{FFFD}</BucketName>"));
        assert!(xml.contains("<HostId>hostX-Evil:1</HostId>"));
        assert_eq!(xml.matches("<Code>").count(), 1);
    }

    #[test]
    fn head_errors_travel_in_x_oss_err() {
        let r = no_such_key("k").response("E1", "h", true);
        assert!(r.body.is_empty());
        let xml = base64::engine::general_purpose::STANDARD.decode(r.header("x-oss-err").unwrap()).unwrap();
        assert!(String::from_utf8(xml).unwrap().contains("<Code>NoSuchKey</Code>"));
        assert_eq!(r.header("x-oss-ec"), Some(UNDOCUMENTED_EC));
    }
}
