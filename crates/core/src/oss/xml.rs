//! Reading OSS XML bodies safely: size cap, root-element check, then serde.

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::de::DeserializeOwned;

/// Bodies above this are not parsed (OSS bodies for these calls are tiny).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Why an XML body could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("the response body is empty")]
    Empty,
    #[error("the response body is {0} bytes, too large for an OSS reply to this call")]
    TooLarge(usize),
    #[error("the response body is not XML ({0})")]
    NotXml(String),
    #[error("expected <{expected}> but the body's root element is <{found}>")]
    WrongRoot { expected: String, found: String },
}

/// The name of the first element, skipping the declaration, comments and whitespace.
pub fn root_name(body: &str) -> Result<String, XmlError> {
    if body.trim().is_empty() {
        return Err(XmlError::Empty);
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(XmlError::TooLarge(body.len()));
    }
    let mut reader = Reader::from_str(body);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                return Ok(String::from_utf8_lossy(e.name().as_ref()).into_owned())
            }
            Ok(Event::Eof) => return Err(XmlError::NotXml("no element found".into())),
            Ok(Event::Text(t)) if !t.iter().all(|b| b.is_ascii_whitespace()) => {
                return Err(XmlError::NotXml("text before the first element".into()))
            }
            Ok(Event::DocType(_)) => return Err(XmlError::NotXml("DOCTYPE declarations are not accepted".into())),
            Ok(_) => {}
            Err(e) => return Err(XmlError::NotXml(e.to_string())),
        }
    }
}

/// Parse `body` as `T` after checking its root element is `root`.
pub fn parse<T: DeserializeOwned>(body: &str, root: &str) -> Result<T, XmlError> {
    let found = root_name(body)?;
    if found != root {
        return Err(XmlError::WrongRoot { expected: root.into(), found });
    }
    quick_xml::de::from_str(body).map_err(|e| XmlError::NotXml(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Doc {
        #[serde(rename = "A")]
        a: Option<String>,
    }

    #[test]
    fn hostile_and_broken_bodies_are_errors_not_panics() {
        assert_eq!(root_name("  ").unwrap_err(), XmlError::Empty);
        assert!(matches!(root_name("not xml at all"), Err(XmlError::NotXml(_))));
        assert!(matches!(root_name(&"x".repeat(MAX_BODY_BYTES + 1)), Err(XmlError::TooLarge(_))));
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Doc><A>&x;</A></Doc>"#;
        assert!(matches!(parse::<Doc>(xxe, "Doc"), Err(XmlError::NotXml(_))));
        let deep = format!("<Doc>{}{}</Doc>", "<n>".repeat(5000), "</n>".repeat(5000));
        let _ = parse::<Doc>(&deep, "Doc"); // must return, whatever it returns
        assert!(matches!(parse::<Doc>("<Other><A>1</A></Other>", "Doc"), Err(XmlError::WrongRoot { .. })));
    }

    #[test]
    fn entities_are_resolved() {
        let d: Doc = parse("<?xml version=\"1.0\"?>\n<Doc><A>a &amp; b &lt;c&gt;</A></Doc>", "Doc").unwrap();
        assert_eq!(d.a.as_deref(), Some("a & b <c>"));
    }
}
