//! Reading OSS XML bodies safely: size cap, root-element check, then a small tree the callers
//! read by hand (no serde: the few fields OSS sends are read where they are used).

use quick_xml::events::Event;
use quick_xml::Reader;

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

/// Elements nested deeper than this are not an OSS reply.
const MAX_DEPTH: usize = 16;
/// More elements than this are not an OSS reply to these calls (a lifecycle has at most 1,000 rules).
const MAX_ELEMENTS: usize = 20_000;

/// One element of a small XML document: its name, its own text and its child elements.
/// Attributes, comments and processing instructions are dropped (OSS replies carry none that
/// matter).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    /// The element's text (entities resolved, CDATA kept), untrimmed.
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child called `name`, in document order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child called `name`.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim())
    }
}

fn not_xml(e: impl std::fmt::Display) -> XmlError {
    XmlError::NotXml(e.to_string())
}

/// `&name;` or `&#…;` as text.
pub(crate) fn resolve_reference(name: &str) -> Result<String, XmlError> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => num.parse(),
        };
        return code
            .ok()
            .and_then(char::from_u32)
            .filter(|c| *c != '\0')
            .map(String::from)
            .ok_or_else(|| XmlError::NotXml(format!("bad character reference &{num};")));
    }
    quick_xml::escape::resolve_predefined_entity(name)
        .map(str::to_string)
        .ok_or_else(|| XmlError::NotXml(format!("unknown entity &{name};")))
}

/// Read `body` into a tree after checking its root element is `root`. Never panics: a DOCTYPE,
/// unknown entities, a second root, text outside the root, deep nesting, too many elements or an
/// early end are errors.
pub fn parse(body: &str, root: &str) -> Result<Element, XmlError> {
    let found = root_name(body)?;
    if found != root {
        return Err(XmlError::WrongRoot { expected: root.into(), found });
    }
    let mut reader = Reader::from_str(body);
    let mut tree = Tree::default();
    loop {
        match reader.read_event().map_err(not_xml)? {
            Event::Start(e) => {
                let el = tree.start(e.name().as_ref())?;
                tree.open.push(el);
            }
            Event::Empty(e) => {
                let el = tree.start(e.name().as_ref())?;
                tree.close(el);
            }
            Event::End(_) => match tree.open.pop() {
                Some(el) => tree.close(el),
                None => return Err(XmlError::NotXml("an end tag without a start".into())),
            },
            Event::Text(t) => {
                let t = t.decode().map_err(not_xml)?;
                if !(tree.open.is_empty() && t.trim().is_empty()) {
                    tree.text(&t)?;
                }
            }
            Event::CData(t) => tree.text(&t.decode().map_err(not_xml)?)?,
            Event::GeneralRef(r) => tree.text(&resolve_reference(&r.decode().map_err(not_xml)?)?)?,
            Event::DocType(_) => return Err(XmlError::NotXml("DOCTYPE declarations are not accepted".into())),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !tree.open.is_empty() {
        return Err(XmlError::NotXml("the document ends early".into()));
    }
    tree.done.ok_or_else(|| XmlError::NotXml("no element found".into()))
}

/// The elements open while reading, and the root once closed.
#[derive(Default)]
struct Tree {
    open: Vec<Element>,
    done: Option<Element>,
    elements: usize,
}

impl Tree {
    fn start(&mut self, name: &[u8]) -> Result<Element, XmlError> {
        if self.done.is_some() {
            return Err(XmlError::NotXml("a second root element".into()));
        }
        if self.open.len() == MAX_DEPTH {
            return Err(XmlError::NotXml("elements nested too deep".into()));
        }
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(XmlError::NotXml("too many elements".into()));
        }
        Ok(Element { name: String::from_utf8_lossy(name).into_owned(), ..Element::default() })
    }

    fn close(&mut self, el: Element) {
        match self.open.last_mut() {
            Some(parent) => parent.children.push(el),
            None => self.done = Some(el),
        }
    }

    fn text(&mut self, t: &str) -> Result<(), XmlError> {
        match self.open.last_mut() {
            Some(el) => {
                el.text.push_str(t);
                Ok(())
            }
            None => Err(XmlError::NotXml("text outside the root element".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_and_broken_bodies_are_errors_not_panics() {
        assert_eq!(root_name("  ").unwrap_err(), XmlError::Empty);
        assert!(matches!(root_name("not xml at all"), Err(XmlError::NotXml(_))));
        assert!(matches!(root_name(&"x".repeat(MAX_BODY_BYTES + 1)), Err(XmlError::TooLarge(_))));
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Doc><A>&x;</A></Doc>"#;
        assert!(matches!(parse(xxe, "Doc"), Err(XmlError::NotXml(_))));
        assert!(matches!(parse("<Doc><A>&x;</A></Doc>", "Doc"), Err(XmlError::NotXml(_))));
        let deep = format!("<Doc>{}{}</Doc>", "<n>".repeat(5000), "</n>".repeat(5000));
        assert!(matches!(parse(&deep, "Doc"), Err(XmlError::NotXml(_))));
        let many = format!("<Doc>{}</Doc>", "<n/>".repeat(MAX_ELEMENTS + 1));
        assert!(matches!(parse(&many, "Doc"), Err(XmlError::NotXml(_))));
        assert!(matches!(parse("<Other><A>1</A></Other>", "Doc"), Err(XmlError::WrongRoot { .. })));
        for broken in ["<Doc><A>1</A>", "<Doc></Doc><Doc/>", "<Doc/>text", "<Doc><A></B></Doc>", "<Doc>&#0;</Doc>"] {
            assert!(matches!(parse(broken, "Doc"), Err(XmlError::NotXml(_))), "{broken}");
        }
    }

    #[test]
    fn text_children_and_entities() {
        let d = parse(
            "<?xml version=\"1.0\"?>\n<!-- c --><Doc><A>a &amp; b &lt;c&gt; &#x4e2d;</A><B/><A><![CDATA[<x>]]></A></Doc>\n",
            "Doc",
        )
        .unwrap();
        assert_eq!(d.text_of("A"), Some("a & b <c> 中"));
        assert_eq!(d.text_of("B"), Some(""));
        assert_eq!(d.all("A").map(|a| a.text.as_str()).collect::<Vec<_>>(), ["a & b <c> 中", "<x>"]);
        assert_eq!(d.child("C"), None);
    }
}
