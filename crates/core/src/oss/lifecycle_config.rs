//! A bucket's lifecycle configuration kept exactly as OSS sent it, so that writing it back changes
//! nothing but what the editor changed. `PutBucketLifecycle` replaces the whole configuration: a
//! client that drops an element it does not know (`Filter`/`Not`, `Tag`,
//! `NoncurrentVersionTransition`, `AbortMultipartUpload`, anything added later) silently changes
//! what the other rules delete.
//!
//! The configuration is an element tree with every element, attribute and text in document order
//! (comments and processing instructions are dropped: OSS ignores them). The editor understands
//! one kind of rule, a transition counted from the last access time; every other rule is kept as
//! it is and shown read-only. The one element left out of a write is `AtimeBase`, which OSS
//! returns on reads and refuses on writes.

use super::xml::{resolve_reference, root_name, XmlError};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Elements nested deeper than this are not a lifecycle configuration.
const MAX_DEPTH: usize = 32;
/// More nodes than this are not one either (at most 1,000 rules of a few dozen elements).
const MAX_NODES: usize = 100_000;
/// OSS takes at most this many rules.
pub const MAX_RULES: usize = 1000;

/// An element: its name, its attributes and its children, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
}

/// What an element holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Child {
    Element(Node),
    /// Text, entities resolved (written back escaped).
    Text(String),
}

impl Node {
    fn new(name: &str) -> Self {
        Node { name: name.into(), attrs: vec![], children: vec![] }
    }

    /// An element holding only `text`.
    fn leaf(name: &str, text: &str) -> Self {
        Node { name: name.into(), attrs: vec![], children: vec![Child::Text(text.into())] }
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(n) => Some(n),
            Child::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elements().find(|n| n.name == name)
    }

    /// The element's own text, as written (a prefix may end with a space).
    pub fn text(&self) -> String {
        self.children.iter().filter_map(|c| if let Child::Text(t) = c { Some(t.as_str()) } else { None }).collect()
    }

    /// The text of the first child called `name`, as written.
    pub fn text_of(&self, name: &str) -> Option<String> {
        self.child(name).map(Node::text)
    }

    /// The text of the first child called `name`, trimmed (numbers, flags, classes).
    pub fn value_of(&self, name: &str) -> Option<String> {
        self.child(name).map(|n| n.text().trim().to_string())
    }
}

fn not_xml(e: impl std::fmt::Display) -> XmlError {
    XmlError::NotXml(e.to_string())
}

/// Read a `<LifecycleConfiguration>` body into its tree. Never panics: the same refusals as
/// every OSS body (size, DOCTYPE, unknown entities, a second root, deep nesting, an early end).
pub fn parse(body: &str) -> Result<Node, XmlError> {
    let found = root_name(body)?;
    if found != "LifecycleConfiguration" {
        return Err(XmlError::WrongRoot { expected: "LifecycleConfiguration".into(), found });
    }
    let mut reader = Reader::from_str(body);
    let mut open: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut nodes = 0usize;
    let start =
        |e: &quick_xml::events::BytesStart<'_>, open: &Vec<Node>, nodes: &mut usize| -> Result<Node, XmlError> {
            *nodes += 1;
            if open.len() >= MAX_DEPTH || *nodes > MAX_NODES {
                return Err(XmlError::NotXml("nested too deep, or too many elements".into()));
            }
            let mut n = Node::new(&String::from_utf8_lossy(e.name().as_ref()));
            for a in e.attributes() {
                let a = a.map_err(not_xml)?;
                let value = a.unescape_value().map_err(not_xml)?.into_owned();
                n.attrs.push((String::from_utf8_lossy(a.key.as_ref()).into_owned(), value));
            }
            Ok(n)
        };
    let close = |n: Node, open: &mut Vec<Node>, root: &mut Option<Node>| -> Result<(), XmlError> {
        match open.last_mut() {
            Some(parent) => parent.children.push(Child::Element(n)),
            None if root.is_none() => *root = Some(n),
            None => return Err(XmlError::NotXml("more than one root element".into())),
        }
        Ok(())
    };
    let text = |t: &str, open: &mut Vec<Node>, root: &Option<Node>| -> Result<(), XmlError> {
        match open.last_mut() {
            Some(parent) => {
                // Adjacent pieces (text, an entity, more text) are one text.
                if let Some(Child::Text(prev)) = parent.children.last_mut() {
                    prev.push_str(t);
                } else {
                    parent.children.push(Child::Text(t.to_string()));
                }
                Ok(())
            }
            None if t.trim().is_empty() => Ok(()),
            None if root.is_some() => Err(XmlError::NotXml("text after the root element".into())),
            None => Err(XmlError::NotXml("text outside the root element".into())),
        }
    };
    loop {
        match reader.read_event().map_err(not_xml)? {
            Event::Start(e) => {
                if root.is_some() && open.is_empty() {
                    return Err(XmlError::NotXml("more than one root element".into()));
                }
                let n = start(&e, &open, &mut nodes)?;
                open.push(n);
            }
            Event::Empty(e) => {
                let n = start(&e, &open, &mut nodes)?;
                close(n, &mut open, &mut root)?;
            }
            Event::End(_) => match open.pop() {
                Some(n) => close(n, &mut open, &mut root)?,
                None => return Err(XmlError::NotXml("an end tag without a start".into())),
            },
            Event::Text(t) => text(&t.decode().map_err(not_xml)?, &mut open, &root)?,
            Event::CData(t) => text(&t.decode().map_err(not_xml)?, &mut open, &root)?,
            Event::GeneralRef(r) => text(&resolve_reference(&r.decode().map_err(not_xml)?)?, &mut open, &root)?,
            Event::DocType(_) => return Err(XmlError::NotXml("DOCTYPE declarations are not accepted".into())),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !open.is_empty() {
        return Err(XmlError::NotXml("the body ends inside an element".into()));
    }
    root.ok_or_else(|| XmlError::NotXml("no element found".into()))
}

fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

fn write_node(n: &Node, out: &mut String) {
    out.push('<');
    out.push_str(&n.name);
    for (k, v) in &n.attrs {
        out.push_str(&format!(" {k}=\"{}\"", escape(v, true)));
    }
    if n.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &n.children {
        match c {
            Child::Element(e) => write_node(e, out),
            Child::Text(t) => out.push_str(&escape(t, false)),
        }
    }
    out.push_str(&format!("</{}>", n.name));
}

/// The tree as XML, with the declaration OSS sends.
pub fn write(root: &Node) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_node(root, &mut out);
    out
}

/// One element as XML, without the declaration (to show a rule).
pub fn element_xml(n: &Node) -> String {
    let mut out = String::new();
    write_node(n, &mut out);
    out
}

/// The tree as `PutBucketLifecycle` takes it: every `AtimeBase` left out (OSS returns it on reads
/// and refuses it on writes); nothing else changed.
pub fn for_put(root: &Node) -> Node {
    fn strip(n: &Node) -> Node {
        Node {
            name: n.name.clone(),
            attrs: n.attrs.clone(),
            children: n
                .children
                .iter()
                .filter(|c| !matches!(c, Child::Element(e) if e.name == "AtimeBase"))
                .map(|c| match c {
                    Child::Element(e) => Child::Element(strip(e)),
                    t => t.clone(),
                })
                .collect(),
        }
    }
    strip(root)
}

/// Where objects go after the days since their last access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageClass {
    IA,
    Archive,
    ColdArchive,
}

impl StorageClass {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageClass::IA => "IA",
            StorageClass::Archive => "Archive",
            StorageClass::ColdArchive => "ColdArchive",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [StorageClass::IA, StorageClass::Archive, StorageClass::ColdArchive].into_iter().find(|c| c.as_str() == s)
    }
}

/// A rule the editor understands: one transition counted from the last access time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtimeRule {
    pub id: String,
    pub prefix: String,
    pub tags: Vec<(String, String)>,
    pub enabled: bool,
    pub days: u32,
    pub storage_class: StorageClass,
    /// Objects move back to Standard when read (IA only).
    pub return_to_std: bool,
    /// Objects under 64 KB move too.
    pub allow_small_file: bool,
}

impl AtimeRule {
    /// The rule's element as OSS takes it.
    pub fn to_node(&self) -> Node {
        let mut rule = Node::new("Rule");
        let mut push = |n: Node| rule.children.push(Child::Element(n));
        push(Node::leaf("ID", &self.id));
        push(Node::leaf("Prefix", &self.prefix));
        for (k, v) in &self.tags {
            let mut tag = Node::new("Tag");
            tag.children.push(Child::Element(Node::leaf("Key", k)));
            tag.children.push(Child::Element(Node::leaf("Value", v)));
            push(tag);
        }
        push(Node::leaf("Status", if self.enabled { "Enabled" } else { "Disabled" }));
        let mut t = Node::new("Transition");
        for n in [
            Node::leaf("Days", &self.days.to_string()),
            Node::leaf("StorageClass", self.storage_class.as_str()),
            Node::leaf("IsAccessTime", "true"),
            Node::leaf("ReturnToStdWhenVisit", if self.return_to_std { "true" } else { "false" }),
            Node::leaf("AllowSmallFile", if self.allow_small_file { "true" } else { "false" }),
        ] {
            t.children.push(Child::Element(n));
        }
        push(t);
        rule
    }

    /// The rule a `<Rule>` element is, when it holds nothing the editor does not understand.
    pub fn from_node(rule: &Node) -> Option<AtimeRule> {
        // Only what the form shows: a part it would not write back makes the rule read-only.
        fn plain(e: &Node) -> Option<String> {
            (e.attrs.is_empty() && e.elements().next().is_none()).then(|| e.text())
        }
        fn only_space_between(e: &Node) -> bool {
            e.children.iter().all(|c| !matches!(c, Child::Text(t) if !t.trim().is_empty()))
        }
        fn flag(v: &str) -> Option<bool> {
            match v.trim() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }
        }
        if !rule.attrs.is_empty() || !only_space_between(rule) {
            return None;
        }
        let mut r = AtimeRule {
            id: String::new(),
            prefix: String::new(),
            tags: vec![],
            enabled: false,
            days: 0,
            storage_class: StorageClass::IA,
            return_to_std: false,
            allow_small_file: false,
        };
        let mut seen: Vec<&str> = Vec::new();
        for e in rule.elements() {
            // Each part once, tags aside.
            if e.name != "Tag" {
                if seen.contains(&e.name.as_str()) {
                    return None;
                }
                seen.push(&e.name);
            }
            match e.name.as_str() {
                "ID" => r.id = plain(e)?,
                "Prefix" => r.prefix = plain(e)?,
                "Status" => {
                    r.enabled = match plain(e)?.trim() {
                        "Enabled" => true,
                        "Disabled" => false,
                        _ => return None,
                    }
                }
                "Tag" => {
                    let names: Vec<&str> = e.elements().map(|k| k.name.as_str()).collect();
                    if !e.attrs.is_empty() || !only_space_between(e) || names != ["Key", "Value"] {
                        return None;
                    }
                    r.tags.push((plain(e.child("Key")?)?, plain(e.child("Value")?)?));
                }
                "AtimeBase" => {}
                "Transition" => {
                    if !e.attrs.is_empty() || !only_space_between(e) {
                        return None;
                    }
                    let mut inner: Vec<&str> = Vec::new();
                    let mut atime = false;
                    for t in e.elements() {
                        if inner.contains(&t.name.as_str()) {
                            return None;
                        }
                        inner.push(&t.name);
                        let v = plain(t)?;
                        match t.name.as_str() {
                            "Days" => r.days = v.trim().parse().ok()?,
                            "StorageClass" => r.storage_class = StorageClass::parse(v.trim())?,
                            "IsAccessTime" => atime = flag(&v)?,
                            "ReturnToStdWhenVisit" => r.return_to_std = flag(&v)?,
                            "AllowSmallFile" => r.allow_small_file = flag(&v)?,
                            _ => return None,
                        }
                    }
                    if !atime {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        (seen.contains(&"Transition") && r.days > 0).then_some(r)
    }
}

/// One rule of a configuration: its ID, and the editor's view of it when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleView {
    pub id: String,
    pub node: Node,
    /// `None`: a rule the editor cannot represent (shown read-only, kept as it is).
    pub editable: Option<AtimeRule>,
}

/// Why an edit was refused before anything was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// Two rules share an ID.
    DuplicateId(String),
    /// An access-time rule without a positive number of days (`CreatedBeforeDate` is not allowed
    /// with `IsAccessTime`).
    NoDays(String),
    CreatedBeforeDate(String),
    /// `ReturnToStdWhenVisit` is for IA only.
    ReturnNeedsIa(String),
    /// Two rules' prefixes overlap (one starts with the other) without tags telling them apart.
    Overlap(String, String),
    /// Access-time rules need access tracking on first.
    TrackingOff,
    TooManyRules(usize),
    /// No rule left (PutBucketLifecycle needs one; an empty configuration is deleted instead).
    NoRules,
}

/// The rules of a configuration, in order.
pub fn rules(root: &Node) -> Vec<RuleView> {
    root.elements()
        .filter(|e| e.name == "Rule")
        .map(|e| RuleView {
            id: e.text_of("ID").unwrap_or_default(),
            node: e.clone(),
            editable: AtimeRule::from_node(e),
        })
        .collect()
}

/// Whether a rule counts from the last access time (any of its transitions).
fn is_atime(rule: &Node) -> bool {
    rule.elements()
        .filter(|e| e.name == "Transition" || e.name == "NoncurrentVersionTransition")
        .any(|t| t.value_of("IsAccessTime").as_deref() == Some("true"))
}

/// Whether any rule counts from the last access time (so access tracking cannot be disabled).
pub fn has_access_time(root: &Node) -> bool {
    rules(root).iter().any(|r| is_atime(&r.node))
}

/// The configuration as a read returns it: `AtimeBase` (when tracking was enabled, in seconds)
/// added to each rule that counts from the last access time and has none.
pub fn with_atime_base(root: &Node, atime_base_s: i64) -> Node {
    let mut out = root.clone();
    for c in out.children.iter_mut() {
        if let Child::Element(rule) = c {
            if rule.name == "Rule" && is_atime(rule) && rule.child("AtimeBase").is_none() {
                rule.children.push(Child::Element(Node::leaf("AtimeBase", &atime_base_s.to_string())));
            }
        }
    }
    out
}

/// Check a configuration as OSS would before writing it.
pub fn validate(root: &Node, tracking_enabled: bool) -> Vec<Invalid> {
    let rules = rules(root);
    let mut out = Vec::new();
    if rules.len() > MAX_RULES {
        out.push(Invalid::TooManyRules(rules.len()));
    }
    if rules.is_empty() {
        out.push(Invalid::NoRules);
    }
    let mut seen = std::collections::BTreeSet::new();
    for r in &rules {
        // An empty ID is OSS's to fill in.
        if !r.id.is_empty() && !seen.insert(r.id.clone()) {
            out.push(Invalid::DuplicateId(r.id.clone()));
        }
        if is_atime(&r.node) {
            if !tracking_enabled {
                out.push(Invalid::TrackingOff);
            }
            for t in r.node.elements().filter(|e| e.name == "Transition") {
                if t.child("CreatedBeforeDate").is_some() {
                    out.push(Invalid::CreatedBeforeDate(r.id.clone()));
                }
                if t.value_of("Days").and_then(|d| d.parse::<u32>().ok()).is_none_or(|d| d == 0) {
                    out.push(Invalid::NoDays(r.id.clone()));
                }
                if t.value_of("ReturnToStdWhenVisit").as_deref() == Some("true")
                    && t.value_of("StorageClass").as_deref() != Some("IA")
                {
                    out.push(Invalid::ReturnNeedsIa(r.id.clone()));
                }
            }
        }
    }
    // Overlapping prefixes for the same action (a transition beside a transition, an expiration
    // beside an expiration…) among rules without tags or filters; different actions may overlap.
    const ACTIONS: [&str; 5] = [
        "Transition",
        "Expiration",
        "AbortMultipartUpload",
        "NoncurrentVersionTransition",
        "NoncurrentVersionExpiration",
    ];
    let plain: Vec<(&str, String, Vec<&str>)> = rules
        .iter()
        .filter(|r| r.node.child("Tag").is_none() && r.node.child("Filter").is_none())
        .map(|r| {
            let actions = ACTIONS.iter().copied().filter(|a| r.node.child(a).is_some()).collect();
            (r.id.as_str(), r.node.text_of("Prefix").unwrap_or_default(), actions)
        })
        .collect();
    for (i, (a, pa, xa)) in plain.iter().enumerate() {
        for (b, pb, xb) in &plain[i + 1..] {
            // The same prefix twice is refused whatever the actions (OSS's 0014-00000085).
            let shared = xa.iter().any(|x| xb.contains(x)) || pa == pb;
            if shared && (pa.starts_with(pb.as_str()) || pb.starts_with(pa.as_str())) {
                out.push(Invalid::Overlap(a.to_string(), b.to_string()));
            }
        }
    }
    out.dedup();
    out
}

/// Put `rule` in: a new one (`original` `None`), or in place of the editable rule `original`
/// (which may be renamed). A rule the editor cannot represent is never replaced, and an ID
/// already used by another rule is refused.
pub fn upsert(root: &mut Node, original: Option<&str>, rule: &AtimeRule) -> Result<(), String> {
    let is_rule = |c: &Child, id: &str| matches!(c, Child::Element(e) if e.name == "Rule" && e.text_of("ID").as_deref() == Some(id));
    let taken = |root: &Node| !rule.id.is_empty() && root.children.iter().any(|c| is_rule(c, &rule.id));
    match original {
        None => {
            if taken(root) {
                return Err(format!("a rule {:?} exists already", rule.id));
            }
            root.children.push(Child::Element(rule.to_node()));
            Ok(())
        }
        Some(id) => {
            let Some(at) = root.children.iter().position(|c| is_rule(c, id)) else {
                return Err(format!("no rule {id:?}"));
            };
            if !matches!(&root.children[at], Child::Element(e) if AtimeRule::from_node(e).is_some()) {
                return Err(format!("rule {id:?} is not one this editor can change"));
            }
            if rule.id != id && taken(root) {
                return Err(format!("a rule {:?} exists already", rule.id));
            }
            // Replaced whole, its AtimeBase with it (reads add it back; writes leave it out).
            root.children[at] = Child::Element(rule.to_node());
            Ok(())
        }
    }
}

/// Delete the editable rule with this ID.
pub fn remove(root: &mut Node, id: &str) -> Result<(), String> {
    let at = root
        .children
        .iter()
        .position(|c| matches!(c, Child::Element(e) if e.name == "Rule" && e.text_of("ID").as_deref() == Some(id)));
    match at {
        Some(i) => match &root.children[i] {
            Child::Element(e) if AtimeRule::from_node(e).is_some() => {
                root.children.remove(i);
                Ok(())
            }
            _ => Err(format!("rule {id:?} is not one this editor can change")),
        },
        None => Err(format!("no rule {id:?}")),
    }
}

/// How a rule differs between two configurations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleChange {
    /// Something outside the rules (the root's attributes, another element) differs.
    Outside,
    Unchanged(String),
    Added(Node),
    Removed(Node),
    Changed {
        before: Node,
        after: Node,
    },
}

/// The change from `before` to `after`, rule by rule (by ID, in `after`'s order, removed ones
/// last). `AtimeBase` is not a difference.
pub fn diff(before: &Node, after: &Node) -> Vec<RuleChange> {
    let outside = |n: &Node| Node {
        name: n.name.clone(),
        attrs: n.attrs.clone(),
        children: n.children.iter().filter(|c| !matches!(c, Child::Element(e) if e.name == "Rule")).cloned().collect(),
    };
    let (b, a) = (rules(&for_put(before)), rules(&for_put(after)));
    // The k-th rule with an ID pairs with the k-th of `before` with that ID (IDs should be
    // unique, but a configuration read may repeat one).
    let nth = |list: &[RuleView], upto: usize| list[..upto].iter().filter(|x| x.id == list[upto].id).count();
    let find = |list: &[RuleView], id: &str, k: usize| list.iter().filter(|x| x.id == id).nth(k).cloned();
    let mut out = Vec::new();
    for (i, r) in a.iter().enumerate() {
        match find(&b, &r.id, nth(&a, i)) {
            Some(x) if same(&x.node, &r.node) => out.push(RuleChange::Unchanged(r.id.clone())),
            Some(x) => out.push(RuleChange::Changed { before: x.node, after: r.node.clone() }),
            None => out.push(RuleChange::Added(r.node.clone())),
        }
    }
    for (i, x) in b.iter().enumerate() {
        if find(&a, &x.id, nth(&b, i)).is_none() {
            out.push(RuleChange::Removed(x.node.clone()));
        }
    }
    if !same(&outside(&for_put(before)), &outside(&for_put(after))) {
        out.push(RuleChange::Outside);
    }
    out
}

/// Equal as OSS reads them: whitespace-only text between elements does not count; a leaf's
/// text counts exactly (a prefix may end with a space).
pub fn same(a: &Node, b: &Node) -> bool {
    fn parts(n: &Node) -> Vec<&Child> {
        let has_elements = n.elements().next().is_some();
        n.children.iter().filter(|c| !(has_elements && matches!(c, Child::Text(t) if t.trim().is_empty()))).collect()
    }
    if a.name != b.name || a.attrs != b.attrs {
        return false;
    }
    let (ca, cb) = (parts(a), parts(b));
    if a.elements().next().is_none() && b.elements().next().is_none() {
        return a.text() == b.text();
    }
    ca.len() == cb.len()
        && ca.iter().zip(cb).all(|(x, y)| match (x, y) {
            (Child::Element(x), Child::Element(y)) => same(x, y),
            (Child::Text(x), Child::Text(y)) => x == y,
            _ => false,
        })
}
