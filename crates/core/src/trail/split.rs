//! A streaming splitter: finds the event objects in a JSON byte stream fed in chunks, whatever
//! the container (array, `{"Events":[…]}`, `{"Records":[…]}`, NDJSON, one object), without
//! holding more than one event in memory. It tracks only strings and bracket depth, so one bad
//! event never stops the rest.
//!
//! Where an event starts and the container is known, it first tries to parse the event in place
//! with the fast parser (one read of the bytes instead of two); an event that is cut off by the
//! chunk's end, or is not valid JSON, is collected byte by byte as before and parsed afterwards.
//! The pieces are the same either way.

use super::parse::{ParseError, Parsed};
use super::scan::parse_event_at;
use memchr::memchr2;

/// Objects larger than this are abandoned (a missing `}` would otherwise swallow the file).
pub const MAX_EVENT_BYTES: usize = 16 * 1024 * 1024;

/// The outermost shape of the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// Nothing seen yet.
    Empty,
    /// `[ {…}, {…} ]`
    Array,
    /// `{"Events": […]}` (LookupEvents)
    Events,
    /// `{"Records": […]}` (CloudTrail)
    Records,
    /// One object at the top level.
    Object,
    /// Several objects at the top level (NDJSON / JSON lines).
    Lines,
}

/// What stood where an event object was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    String,
    Array,
    NumberOrLiteral,
}

impl std::fmt::Display for ValueKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ValueKind::String => "a string",
            ValueKind::Array => "an array",
            ValueKind::NumberOrLiteral => "a number or literal",
        })
    }
}

/// Why part of the stream was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SkipReason {
    NotAnObject(ValueKind),
    TopLevelText,
    TooLarge,
    Truncated,
    /// A line of JSON lines that ends before its object does.
    Unfinished,
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::NotAnObject(kind) => write!(f, "{kind} where an event object was expected"),
            SkipReason::TopLevelText => write!(f, "text that is not JSON"),
            SkipReason::TooLarge => {
                write!(f, "an object over {} MB (or a missing closing brace)", MAX_EVENT_BYTES >> 20)
            }
            SkipReason::Truncated => write!(f, "the file ends inside an event (truncated?)"),
            SkipReason::Unfinished => write!(f, "not valid JSON: the line ends before its object does"),
        }
    }
}

/// What the splitter hands on.
// A parsed event is large, but each piece goes straight to the sink: boxing it would cost an
// allocation per event on the hottest path.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A complete object at a candidate position: `offset` is the stream offset of its `{`,
    /// `line` the 1-based line it starts on.
    Object {
        bytes: &'a [u8],
        offset: u64,
        line: u64,
    },
    /// An object already parsed in place (what `parse_event(bytes)` gives).
    Parsed {
        bytes: &'a [u8],
        parsed: Result<Parsed<'a>, ParseError>,
        offset: u64,
        line: u64,
    },
    Skip {
        reason: SkipReason,
        offset: u64,
        line: u64,
    },
}

/// The streaming splitter. Feed chunks in order, then call `finish`.
pub struct Splitter {
    /// Stream offset of the current chunk's first byte.
    base: u64,
    line: u64,
    depth: u32,
    in_string: bool,
    escape: bool,
    /// Depth at which objects are events: 0 top-level, 1 array elements, 2 wrapper elements.
    level: u32,
    container: Container,
    top_objects: u32,
    /// The object being collected: (start offset, start line, bytes from earlier chunks).
    cand: Option<(u64, u64, Vec<u8>)>,
    /// Skipping a non-object value at `level` until depth returns to it.
    skipping_value: bool,
    /// After a top-level error: ignore bytes until the next newline.
    resync: bool,
    // Key tracking inside a top-level object (to spot "Events"/"Records").
    expect_key: bool,
    key: Vec<u8>,
    key_active: bool,
    last_key: Vec<u8>,
    after_colon: bool,
    wrapper_array_depth: Option<u32>,
    /// Inside a number or literal that is being skipped (it may span chunks).
    in_literal: bool,
    /// The previous byte was a newline (outside strings): a `{` now, inside an unfinished
    /// top-level object, means that object's line was cut short.
    at_line_start: bool,
    abandoned: bool,
    /// Parse events in place where possible (off: hand on every object's bytes).
    parse_in_place: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Self::new()
    }
}

impl Splitter {
    /// A splitter at the start of a stream.
    pub fn new() -> Self {
        Splitter {
            base: 0,
            line: 1,
            depth: 0,
            in_string: false,
            escape: false,
            level: 0,
            container: Container::Empty,
            top_objects: 0,
            cand: None,
            skipping_value: false,
            resync: false,
            expect_key: false,
            key: Vec::new(),
            key_active: false,
            last_key: Vec::new(),
            after_colon: false,
            wrapper_array_depth: None,
            in_literal: false,
            at_line_start: false,
            abandoned: false,
            parse_in_place: true,
        }
    }

    /// A splitter that only finds objects and hands on their bytes, never parsing in place (for
    /// tools that time or check the parser separately).
    pub fn boundaries_only() -> Self {
        Splitter { parse_in_place: false, ..Splitter::new() }
    }

    /// The container seen so far.
    pub fn container(&self) -> Container {
        self.container
    }

    fn start_candidate(&mut self, at: u64) {
        self.cand = Some((at, self.line, Vec::new()));
        self.abandoned = false;
    }

    /// Whether an event object can start at the current position (outside any candidate).
    fn at_event_position(&self) -> bool {
        self.cand.is_none()
            && !self.skipping_value
            && ((self.level >= 1 && self.depth == self.level)
                || (self.level == 0 && self.depth == 0 && self.container == Container::Lines))
    }

    /// Feed the next chunk; complete pieces go to `sink`.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn FnMut(Piece<'_>)) {
        // What of the chunk to parse in place, and as text (see `parse_view`), worked out once.
        let mut utf8: Option<(&[u8], Option<&str>)> = None;
        const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
        let mut i = 0;
        // A UTF-8 byte order mark at the very start (possibly split across chunks) is skipped.
        while self.base + (i as u64) < 3 && i < chunk.len() && chunk[i] == BOM[self.base as usize + i] {
            i += 1;
        }
        // Where the current candidate starts in this chunk (if it started here).
        let mut cand_start_in_chunk: Option<usize> = self.cand.as_ref().map(|_| 0);
        while i < chunk.len() {
            if self.in_string {
                if self.escape {
                    self.escape = false;
                    self.push_key(chunk[i]);
                    i += 1;
                    continue;
                }
                let top_level_object = self.level == 0 && self.cand.is_some();
                // Most JSON strings are short: a plain loop beats memchr's setup for them.
                let stop_at_newline = top_level_object;
                let short_end = (i + 24).min(chunk.len());
                let mut k = i;
                while k < short_end
                    && !(chunk[k] == b'"' || chunk[k] == b'\\' || (stop_at_newline && chunk[k] == b'\n'))
                {
                    k += 1;
                }
                let hit = if k < short_end {
                    Some(k - i)
                } else if stop_at_newline {
                    memchr::memchr3(b'"', b'\\', b'\n', &chunk[short_end..]).map(|x| x + (short_end - i))
                } else {
                    memchr2(b'"', b'\\', &chunk[short_end..]).map(|x| x + (short_end - i))
                };
                if let Some(k) = hit.filter(|&k| chunk[i + k] == b'\n') {
                    // JSON strings cannot hold a raw newline: this line is broken. Drop it and
                    // go on with the next line at the top level.
                    self.broken_line(sink);
                    i += k + 1;
                    self.line += 1;
                    cand_start_in_chunk = None;
                    continue;
                }
                match hit {
                    None => {
                        self.push_key_slice(&chunk[i..]);
                        i = chunk.len();
                    }
                    Some(k) => {
                        self.push_key_slice(&chunk[i..i + k]);
                        i += k;
                        if chunk[i] == b'\\' {
                            self.escape = true;
                        } else {
                            self.in_string = false;
                            if self.key_active {
                                self.key_active = false;
                                self.last_key = std::mem::take(&mut self.key);
                            }
                        }
                        i += 1;
                    }
                }
                continue;
            }
            let b = chunk[i];
            if self.in_literal {
                if !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n') {
                    i += 1;
                    continue;
                }
                self.in_literal = false;
            }
            if self.resync {
                if b == b'\n' {
                    self.resync = false;
                    self.line += 1;
                }
                i += 1;
                continue;
            }
            let at = self.base + i as u64;
            if b == b'{' && self.parse_in_place && self.at_event_position() {
                let (view, text) = *utf8.get_or_insert_with(|| parse_view(chunk));
                if i < view.len() {
                    if let Ok((parsed, end, newlines)) = parse_event_at(view, text, i) {
                        if self.level == 0 {
                            self.top_objects = self.top_objects.saturating_add(1);
                        }
                        sink(Piece::Parsed { bytes: &chunk[i..end], parsed, offset: at, line: self.line });
                        self.line += newlines;
                        self.at_line_start = false;
                        i = end;
                        cand_start_in_chunk = None;
                        continue;
                    }
                }
            }
            if self.at_line_start && b == b'{' && self.level == 0 && self.depth > 0 && self.cand.is_some() {
                // `{` at the start of a line while the previous top-level object is still open:
                // that object's line was cut short (JSON lines). Start over with this one.
                self.broken_line(sink);
                cand_start_in_chunk = None;
            }
            self.at_line_start = b == b'\n';
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                b'"' => {
                    if self.depth == self.level && self.cand.is_none() && !self.skipping_value {
                        self.skip_value_start(at, ValueKind::String, sink);
                    }
                    self.in_string = true;
                    if self.depth == 1 && self.level == 0 && self.expect_key && self.cand.is_some() {
                        self.key_active = true;
                        self.key.clear();
                    }
                }
                b'{' | b'[' => {
                    if self.depth == 0 && self.level == 0 {
                        if b == b'[' {
                            if self.container == Container::Empty {
                                self.container = Container::Array;
                            }
                            self.level = 1;
                        } else {
                            self.top_objects = self.top_objects.saturating_add(1);
                            self.container = if self.top_objects > 1 { Container::Lines } else { Container::Object };
                            self.start_candidate(at);
                            cand_start_in_chunk = Some(i);
                            self.expect_key = true;
                            self.after_colon = false;
                        }
                    } else if self.depth == self.level && self.cand.is_none() && !self.skipping_value {
                        if b == b'{' {
                            self.start_candidate(at);
                            cand_start_in_chunk = Some(i);
                        } else {
                            self.skip_value_start(at, ValueKind::Array, sink);
                        }
                    } else if b == b'[' && self.depth == 1 && self.level == 0 && self.after_colon {
                        // A top-level object's array value: is this the Events/Records wrapper?
                        let wrapper = match self.last_key.as_slice() {
                            b"Events" => Some(Container::Events),
                            b"Records" => Some(Container::Records),
                            _ => None,
                        };
                        if let (Some(kind), true) = (wrapper, self.top_objects == 1) {
                            self.container = kind;
                            self.cand = None;
                            cand_start_in_chunk = None;
                            self.level = 2;
                            self.wrapper_array_depth = Some(2);
                        }
                    }
                    self.after_colon = false;
                    self.depth = self.depth.saturating_add(1);
                }
                b'}' | b']' => {
                    if self.depth == 0 {
                        // Stray closer at the top level (after an earlier error): ignore it.
                        i += 1;
                        continue;
                    }
                    self.depth -= 1;
                    if self.wrapper_array_depth == Some(self.depth + 1) && b == b']' && self.depth == 1 {
                        // The wrapper's array closed: the rest of the wrapper object is metadata.
                        self.wrapper_array_depth = None;
                        self.level = 0;
                        self.skipping_value = true;
                    } else if self.depth == self.level {
                        if self.skipping_value {
                            self.skipping_value = false;
                        } else if let Some((start, line, pending)) = self.cand.take() {
                            if !self.abandoned {
                                let bytes_here = &chunk[cand_start_in_chunk.unwrap_or(0)..=i];
                                if pending.is_empty() {
                                    sink(Piece::Object { bytes: bytes_here, offset: start, line });
                                } else {
                                    let mut all = pending;
                                    all.extend_from_slice(bytes_here);
                                    sink(Piece::Object { bytes: &all, offset: start, line });
                                }
                            }
                            cand_start_in_chunk = None;
                        }
                    } else if self.depth == 0 && self.level == 0 && self.skipping_value {
                        self.skipping_value = false;
                    }
                    if self.depth == 0 && self.level == 1 && b == b']' {
                        self.level = 0;
                    }
                }
                b',' => {
                    if self.depth == 1 && self.level == 0 {
                        self.expect_key = true;
                    }
                }
                b':' => {
                    if self.depth == 1 && self.level == 0 {
                        self.expect_key = false;
                        self.after_colon = true;
                    }
                }
                _ => {
                    if self.depth == 0 && self.level == 0 {
                        sink(Piece::Skip { reason: SkipReason::TopLevelText, offset: at, line: self.line });
                        self.resync = true;
                    } else if self.depth == self.level && self.cand.is_none() && !self.skipping_value {
                        // A number or literal where an event should be; it ends at the next , or ].
                        sink(Piece::Skip {
                            reason: SkipReason::NotAnObject(ValueKind::NumberOrLiteral),
                            offset: at,
                            line: self.line,
                        });
                        self.in_literal = true;
                    }
                    self.after_colon = false;
                }
            }
            i += 1;
        }
        // Keep the unfinished candidate's bytes for the next chunk.
        if let Some((_, _, pending)) = &mut self.cand {
            if !self.abandoned {
                let from = cand_start_in_chunk.unwrap_or(0);
                pending.extend_from_slice(&chunk[from.min(chunk.len())..]);
                if pending.len() > MAX_EVENT_BYTES {
                    let (start, line, _) = self.cand.take().unwrap_or_default();
                    sink(Piece::Skip { reason: SkipReason::TooLarge, offset: start, line });
                    // Start over at the next line, at the top level.
                    self.depth = 0;
                    self.level = 0;
                    self.in_string = false;
                    self.escape = false;
                    self.resync = true;
                }
            }
        }
        self.base += chunk.len() as u64;
    }

    fn broken_line(&mut self, sink: &mut dyn FnMut(Piece<'_>)) {
        if let Some((start, line, _)) = self.cand.take() {
            sink(Piece::Skip { reason: SkipReason::Unfinished, offset: start, line });
        }
        self.depth = 0;
        self.in_string = false;
        self.escape = false;
        self.key_active = false;
        self.skipping_value = false;
    }

    fn skip_value_start(&mut self, at: u64, kind: ValueKind, sink: &mut dyn FnMut(Piece<'_>)) {
        sink(Piece::Skip { reason: SkipReason::NotAnObject(kind), offset: at, line: self.line });
        self.skipping_value = kind == ValueKind::Array;
    }

    fn push_key(&mut self, b: u8) {
        if self.key_active && self.key.len() < 16 {
            self.key.push(b);
        }
    }

    fn push_key_slice(&mut self, s: &[u8]) {
        if self.key_active {
            let room = 16usize.saturating_sub(self.key.len());
            self.key.extend_from_slice(&s[..s.len().min(room)]);
        }
    }

    /// The stream has ended: reports an event cut off by the end of the file.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Piece<'_>)) {
        if let Some((start, line, _)) = self.cand.take() {
            sink(Piece::Skip { reason: SkipReason::Truncated, offset: start, line });
        } else if self.depth > 0 && !self.resync {
            sink(Piece::Skip { reason: SkipReason::Truncated, offset: self.base, line: self.line });
        }
    }
}

/// What of `chunk` to parse events in place from, and the same as text when it is valid UTF-8
/// (checked once, with SIMD in the worker; the parser then borrows strings from it). A chunk whose
/// end cuts a character is taken up to it (the event there is cut anyway, and collected); one with
/// an invalid byte elsewhere is taken whole without text, and the parser checks each string it
/// keeps.
fn parse_view(chunk: &[u8]) -> (&[u8], Option<&str>) {
    if let Ok(text) = simdutf8::basic::from_utf8(chunk) {
        return (chunk, Some(text));
    }
    match simdutf8::compat::from_utf8(chunk) {
        Err(e) if e.error_len().is_none() => {
            let bytes = &chunk[..e.valid_up_to()];
            (bytes, simdutf8::basic::from_utf8(bytes).ok())
        }
        _ => (chunk, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_is_parsed_in_place_as_text_up_to_a_cut_character_and_without_text_past_a_bad_byte() {
        let long = "{\"eventName\":\"PutObject\",\"note\":\"数据 – ok\"}".repeat(8);
        for text in [long.as_str(), "{\"a\":\"é\"}", ""] {
            assert_eq!(parse_view(text.as_bytes()), (text.as_bytes(), Some(text)));
        }
        let mut cut = long.clone().into_bytes();
        cut.extend_from_slice(&"数".as_bytes()[..2]);
        assert_eq!(parse_view(&cut), (long.as_bytes(), Some(long.as_str())));
        let mut stray = long.clone().into_bytes();
        stray.push(0xff);
        stray.extend_from_slice(long.as_bytes());
        assert_eq!(parse_view(&stray), (stray.as_slice(), None));
    }

    #[test]
    fn a_chunk_with_invalid_utf8_is_still_parsed_in_place_around_it() {
        // A stray byte in one event's ignored value (accepted, as serde_json skips it unread) and
        // in another's kept value (not an event: its object goes to the reference parser, which
        // refuses it too), with events either side: the one after it is still parsed in place.
        let t = r#""eventTime":"2024-01-01T00:00:00Z""#.as_bytes();
        let data = [
            b"[{\"eventId\":\"a\",".as_slice(),
            t,
            b"},{\"eventId\":\"b\",\"apiVersion\":\"\xff\",",
            t,
            b"},{\"eventId\":\"\xff\",",
            t,
            b"},{\"eventId\":\"d\",",
            t,
            b"}]",
        ]
        .concat();
        let data = data.as_slice();
        let mut s = Splitter::new();
        let mut seen = Vec::new();
        let id = |p: Result<crate::trail::parse::Parsed<'_>, _>| {
            p.ok().map(|p| p.fields.event_id.unwrap_or_default().to_string())
        };
        s.feed(data, &mut |p| match p {
            Piece::Parsed { parsed, .. } => seen.push(("in place", id(parsed))),
            Piece::Object { bytes, .. } => seen.push(("collected", id(crate::trail::parse::parse_event(bytes)))),
            Piece::Skip { .. } => seen.push(("skipped", None)),
        });
        s.finish(&mut |_| {});
        let d = Some("d".to_string());
        assert_eq!(
            seen,
            [("in place", Some("a".into())), ("in place", Some("b".into())), ("collected", None), ("in place", d)]
        );
    }

    #[test]
    fn lines_after_a_pretty_printed_event_parsed_in_place_are_counted() {
        // One whole chunk: the events are parsed in place, and the skipped entries say their line.
        let data = "[{\n \"eventId\": \"a\",\n \"eventName\":\n \"X\"\n},\n42,\n{\"eventId\":\"b\"},\n\"text\"]";
        let (objs, skips, _) = split(data, data.len());
        assert_eq!(objs.len(), 2);
        assert_eq!(skips.iter().map(|(_, line)| *line).collect::<Vec<_>>(), [6, 8]);
        // The same in pieces of any size.
        for chunk in [1, 3, 7, 16] {
            assert_eq!(split(data, chunk).1, skips, "chunks of {chunk}");
        }
    }

    /// Split `data` fed in `chunk`-byte pieces; objects as strings, skips as reasons.
    fn split(data: &str, chunk: usize) -> (Vec<String>, Vec<(SkipReason, u64)>, Container) {
        split_with(Splitter::new(), data, chunk)
    }

    fn split_with(mut s: Splitter, data: &str, chunk: usize) -> (Vec<String>, Vec<(SkipReason, u64)>, Container) {
        let (mut objs, mut skips) = (Vec::new(), Vec::new());
        let mut sink = |p: Piece<'_>| match p {
            Piece::Object { bytes, .. } | Piece::Parsed { bytes, .. } => {
                objs.push(String::from_utf8(bytes.to_vec()).unwrap())
            }
            Piece::Skip { reason, line, .. } => skips.push((reason, line)),
        };
        for c in data.as_bytes().chunks(chunk.max(1)) {
            s.feed(c, &mut sink);
        }
        s.finish(&mut sink);
        (objs, skips, s.container())
    }

    fn every_chunking(data: &str) -> (Vec<String>, Vec<(SkipReason, u64)>, Container) {
        let reference = split(data, usize::MAX);
        // Parsing in place (whole objects in a chunk) and collecting byte by byte agree.
        assert_eq!(split_with(Splitter::boundaries_only(), data, usize::MAX), reference, "{data:?}");
        for chunk in [1, 2, 3, 5, 8, 13, 64] {
            assert_eq!(split(data, chunk), reference, "chunk size {chunk} differs on {data:?}");
        }
        reference
    }

    #[test]
    fn containers() {
        let (o, s, c) = every_chunking("[{\"a\":1},\n {\"b\":\"x]}\\\"\"}]");
        assert_eq!((o, s, c), (vec!["{\"a\":1}".into(), "{\"b\":\"x]}\\\"\"}".into()], vec![], Container::Array));
        let (o, _, c) =
            every_chunking("{\"RequestId\":\"r\",\"Events\":[{\"a\":1},{\"b\":{\"c\":[1]}}],\"NextToken\":\"\"}");
        assert_eq!((o.len(), c), (2, Container::Events));
        assert_eq!(o[1], "{\"b\":{\"c\":[1]}}");
        let (o, _, c) = every_chunking("{\"Records\":[{\"eventID\":\"1\"}]}");
        assert_eq!((o, c), (vec!["{\"eventID\":\"1\"}".to_string()], Container::Records));
        let (o, _, c) = every_chunking("{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}\n");
        assert_eq!((o.len(), c), (3, Container::Lines));
        let (o, _, c) = every_chunking("  {\"eventId\":\"x\",\"nested\":{\"Events\":[1]}}  ");
        assert_eq!((o.len(), c), (1, Container::Object));
        let (o, _, c) = every_chunking("\u{feff}[{\"a\":1}]");
        assert_eq!((o.len(), c), (1, Container::Array));
        // An object whose "Events" key is not the first key, still the wrapper.
        let (o, _, c) = every_chunking("{\"NextToken\":\"t\",\"Events\":[{\"a\":1}]}");
        assert_eq!((o.len(), c), (1, Container::Events));
    }

    #[test]
    fn bad_parts_are_skipped_and_the_rest_kept() {
        let (o, s, _) = every_chunking("[{\"a\":1}, 42, \"str\", [1,2], null, {\"b\":2}]");
        assert_eq!(o, vec!["{\"a\":1}", "{\"b\":2}"]);
        assert_eq!(s.len(), 4, "{s:?}");
        let (o, s, _) = every_chunking("{\"a\":1}\nnot json at all\n{\"b\":2}\n");
        assert_eq!(o, vec!["{\"a\":1}", "{\"b\":2}"]);
        assert_eq!(s, vec![(SkipReason::TopLevelText, 2)]);
        let (o, s, _) = every_chunking("[{\"a\":1},{\"b\":");
        assert_eq!(o, vec!["{\"a\":1}"]);
        assert_eq!(s, vec![(SkipReason::Truncated, 1)]);
        let (o, s, _) = every_chunking("");
        assert!(o.is_empty() && s.is_empty());
    }

    #[test]
    fn offsets_point_at_the_objects() {
        let data = "[\n  {\"a\":1},\n  {\"b\":2}\n]";
        let mut s = Splitter::new();
        let mut seen = Vec::new();
        for c in data.as_bytes().chunks(4) {
            s.feed(c, &mut |p| {
                if let Piece::Object { bytes, offset, line } | Piece::Parsed { bytes, offset, line, .. } = p {
                    seen.push((offset, line, bytes.len()));
                }
            });
        }
        for (offset, line, len) in &seen {
            assert_eq!(&data[*offset as usize..*offset as usize + len][..1], "{");
            assert!(*line >= 2);
        }
        assert_eq!(seen.iter().map(|s| s.1).collect::<Vec<_>>(), vec![2, 3]);
    }
}
