//! A hand-written, single-pass parser for one event object, with exactly the results of
//! [`parse_event`](super::parse::parse_event) (its serde visitors are the reference) but without
//! serde's per-value machinery: it walks the bytes once, borrows every string that has no escape,
//! and validates only what serde_json validates.
//!
//! serde_json reads a value in one of two ways, and this parser copies both:
//! - *checked* (`deserialize_any`: the visitors that look at a value): strings must be UTF-8 with
//!   paired `\u` surrogates, numbers must be in f64 range, and each array or object takes one level
//!   of the recursion limit (128);
//! - *skipped* (`IgnoredAny`: ignored keys, and what is inside a container where a scalar
//!   belongs): only the syntax is checked, with no depth limit, so invalid UTF-8, a lone surrogate
//!   or `1e999` there are accepted.

use super::parse::{finish, into_owned, read_only, EventFields, ParseError, Parsed, TopKey, Wrapping};
use std::borrow::Cow;

/// serde_json's recursion limit: its `remaining_depth` starts here and an array or object that
/// brings it to 0 is an error, so at most 127 checked containers nest (the event counts).
const RECURSION_LIMIT: u32 = 128;

/// A syntax error; what and where are kept in the scanner, so results stay small.
#[derive(Clone, Copy, Debug)]
struct Bad;

type Res<T> = Result<T, Bad>;

/// Parse one object from a trail file: the same `Ok` (fields, time, wrapping) and the same error
/// kind as `parse_event` for any bytes (a syntax error's message differs).
pub fn parse_event_fast(bytes: &[u8]) -> Result<Parsed<'_>, ParseError> {
    let (outer, _, _) = fields(bytes, std::str::from_utf8(bytes).ok(), 0, true)?;
    unwrap(outer)
}

/// Parse the object that starts at `bytes[start]` (a `{`) and say where it ends: `Ok((result,
/// end, newlines))`, where `result` is what `parse_event_fast(&bytes[start..end])` gives and
/// `newlines` is how many line breaks the object spans (a valid object has them only between its
/// tokens, where the scan reads them anyway: the splitter's line numbers, without a second pass). `Err` (always
/// `ParseError::Json`): the object is not valid JSON up to its end, or is cut off, so where it
/// ends is not known. `text` is `bytes` as a `str` when it is valid UTF-8 (checked once for a
/// whole buffer of events). A prototype for parsing events in place while splitting, so that the
/// splitter does not read them first.
pub fn parse_event_at<'a>(
    bytes: &'a [u8],
    text: Option<&'a str>,
    start: usize,
) -> Result<(Result<Parsed<'a>, ParseError>, usize, u64), ParseError> {
    let (outer, end, newlines) = fields(bytes, text, start, false)?;
    Ok((unwrap(outer), end, newlines))
}

/// Unwrap an SLS or LookupEvents wrapper, as `parse_event` does, and finish.
fn unwrap(mut outer: EventFields<'_>) -> Result<Parsed<'_>, ParseError> {
    if let Some(inner) = outer.wrapped.take() {
        // The event is a JSON string: parse that, owned as `parse_event` has it.
        let parse = |s: &str| fields(s.as_bytes(), Some(s), 0, true).map(|(f, _, _)| into_owned(f));
        let mut f = match inner {
            Cow::Borrowed(s) => parse(s)?,
            Cow::Owned(s) => parse(&s)?,
        };
        if f.event_time.is_none() {
            f.event_time = outer.sls_time.map(|s| Cow::Owned(s.into_owned()));
        }
        return finish(f, Wrapping::JsonString);
    }
    finish(outer, Wrapping::None)
}

/// The fields of the event object at `start` (serde's `fields_of`), where it ends and the line
/// breaks read; `whole`: nothing but whitespace may follow it.
fn fields<'a>(
    bytes: &'a [u8],
    text: Option<&'a str>,
    start: usize,
    whole: bool,
) -> Result<(EventFields<'a>, usize, u64), ParseError> {
    let mut s = Scan::new(bytes, text, start);
    match event(&mut s, whole) {
        Ok(f) => Ok((f, s.i, s.newlines)),
        Err(Bad) => {
            let (what, at) = s.err;
            Err(ParseError::Json(format!("{what} at byte {at}")))
        }
    }
}

fn event<'a>(s: &mut Scan<'a>, whole: bool) -> Res<EventFields<'a>> {
    // Room for a typical event's search text, so that it is not grown a few times.
    let mut f = EventFields { extra: String::with_capacity(256), ..Default::default() };
    if s.ws() != Some(b'{') {
        return s.bad("expected an object");
    }
    s.open()?;
    let mut first = true;
    while let Some(key) = s.next_key(&mut first)? {
        let (what, cloudtrail) = TopKey::of(&key);
        f.cloudtrail |= cloudtrail;
        match what {
            TopKey::Text(slot) => *slot(&mut f) = s.lenient()?,
            TopKey::Wrapped => {
                if let Some(w) = s.lenient()?.filter(|w| w.trim_start().starts_with('{')) {
                    f.wrapped = Some(w);
                }
            }
            TopKey::Identity => s.identity(&mut f)?,
            TopKey::Buckets(keys) => s.resources(&mut f, keys, false)?,
            TopKey::Attributes => s.attributes(&mut f)?,
            TopKey::ReadOnly => f.read_only = read_only(s.lenient()?.as_deref()),
            TopKey::Ignored => s.skip_value()?,
            TopKey::Other => s.collect(&mut f.extra)?,
        }
    }
    if whole && s.ws().is_some() {
        return s.bad("trailing characters");
    }
    Ok(f)
}

/// Append to the search text, space-separated (`Collect::push`).
fn push(extra: &mut String, s: &str) {
    if !s.is_empty() {
        if !extra.is_empty() {
            extra.push(' ');
        }
        extra.push_str(s);
    }
}

/// Index of the first `"`, `\` or control byte (below 0x20) at or after `i`, or `b.len()`.
#[inline(always)]
fn find_special(b: &[u8], i: usize) -> usize {
    let Some(rest) = b.get(i..) else { return b.len() };
    let (found, at) = find_words(rest);
    i + if found { at } else { at + find_bytes(&rest[at..]) }
}

/// `find_special` one byte at a time, for what is left after the words.
#[inline(always)]
fn find_bytes(b: &[u8]) -> usize {
    b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(b.len())
}

/// `find_special` sixteen bytes at a time with wasm SIMD (the worker is built with simd128): the
/// offset found, or how far whole vectors reached.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn find_words(b: &[u8]) -> (bool, usize) {
    use core::arch::wasm32::*;
    let mut at = 0;
    for c in b.chunks_exact(16) {
        let mut lo = [0u8; 8];
        let mut hi = [0u8; 8];
        lo.copy_from_slice(&c[..8]);
        hi.copy_from_slice(&c[8..]);
        let v = u64x2(u64::from_le_bytes(lo), u64::from_le_bytes(hi));
        let m = v128_or(
            v128_or(u8x16_lt(v, u8x16_splat(0x20)), u8x16_eq(v, u8x16_splat(b'"'))),
            u8x16_eq(v, u8x16_splat(b'\\')),
        );
        let bits = u8x16_bitmask(m);
        if bits != 0 {
            return (true, at + bits.trailing_zeros() as usize);
        }
        at += 16;
    }
    (false, at)
}

/// `find_special` eight bytes at a time in a u64: the offset found, or how far whole words
/// reached.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn find_words(b: &[u8]) -> (bool, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte's high bit is set in a mask when it matches. `x < n` for every byte is
    // `(x - n) & !x` (n <= 0x80), and borrows only carry upwards, so the lowest flagged byte is
    // always a true match. With bit 1 flipped, a quote (0x22) becomes 0x20 and control bytes stay
    // below 0x20: one test finds both.
    let mut at = 0;
    for c in b.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        let x = w ^ (ONES * 0x02);
        let quote_or_ctrl = x.wrapping_sub(ONES * 0x21) & !x;
        let bs = w ^ (ONES * u64::from(b'\\'));
        let bs = bs.wrapping_sub(ONES) & !bs;
        let m = (quote_or_ctrl | bs) & HIGH;
        if m != 0 {
            return (true, at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    (false, at)
}

fn hex(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'a'..=b'f' => Some(u32::from(c - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(c - b'A' + 10)),
        _ => None,
    }
}

/// Whether an integer literal's text is its serde value's `to_string`: true while it fits in u64
/// (positive) or i64 (negative; `-0` becomes the f64 -0.0, which prints as `-0` too).
fn integer_is_its_text(lit: &[u8]) -> bool {
    match lit.split_first() {
        Some((b'-', digits)) => digits.len() < 19 || (digits.len() == 19 && digits <= b"9223372036854775808"),
        _ => lit.len() < 20 || (lit.len() == 20 && lit <= b"18446744073709551615"),
    }
}

/// The cursor over one object's bytes.
struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    /// The whole input, when it is valid UTF-8 (almost always): strings are then sliced from it
    /// instead of validated one by one.
    text: Option<&'a str>,
    /// serde_json's `remaining_depth`.
    depth: u32,
    /// The first syntax error: what, and the byte offset where it was seen.
    err: (&'static str, usize),
    /// Open containers while skipping a value (`{` or `[`), so skipping never recurses.
    frames: Vec<u8>,
    /// Line breaks read so far (all in whitespace: a string cannot hold one).
    newlines: u64,
}

impl<'a> Scan<'a> {
    fn new(b: &'a [u8], text: Option<&'a str>, i: usize) -> Self {
        Scan { b, i, text, depth: RECURSION_LIMIT, err: ("", 0), frames: Vec::new(), newlines: 0 }
    }

    #[cold]
    fn bad<T>(&mut self, what: &'static str) -> Res<T> {
        self.err = (what, self.i);
        Err(Bad)
    }

    /// Skip JSON whitespace, counting its line breaks; the next byte, if any.
    #[inline(always)]
    fn ws(&mut self) -> Option<u8> {
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b' ' | b'\t' | b'\r' => {}
                b'\n' => self.newlines += 1,
                _ => return Some(c),
            }
            self.i += 1;
        }
        None
    }

    /// Enter the checked container whose bracket is at `i` (one level of the recursion limit).
    #[inline]
    fn open(&mut self) -> Res<()> {
        self.depth -= 1;
        if self.depth == 0 {
            return self.bad("recursion limit exceeded");
        }
        self.i += 1;
        Ok(())
    }

    /// Inside a checked object: the next key (checked, its `:` eaten), or None after the `}`.
    #[inline(always)]
    fn next_key(&mut self, first: &mut bool) -> Res<Option<Cow<'a, str>>> {
        match self.ws() {
            Some(b'}') => {
                self.i += 1;
                self.depth += 1;
                return Ok(None);
            }
            Some(b'"') if *first => {}
            Some(b',') if !*first => {
                self.i += 1;
                if self.ws() != Some(b'"') {
                    return self.bad("expected a key");
                }
            }
            _ => return self.bad("expected a key or `}`"),
        }
        *first = false;
        self.i += 1;
        let key = self.string()?;
        if self.ws() != Some(b':') {
            return self.bad("expected `:`");
        }
        self.i += 1;
        Ok(Some(key))
    }

    /// Inside a checked array: whether an element follows (its `,` eaten); false after the `]`.
    #[inline]
    fn next_element(&mut self, first: &mut bool) -> Res<bool> {
        match self.ws() {
            Some(b']') => {
                self.i += 1;
                self.depth += 1;
                Ok(false)
            }
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(b',') => {
                self.i += 1;
                match self.ws() {
                    Some(b']') | None => self.bad("expected a value"),
                    Some(_) => Ok(true),
                }
            }
            _ => self.bad("expected `,` or `]`"),
        }
    }

    /// A checked string, after its opening quote: borrowed unless it has escapes.
    #[inline(always)]
    fn string(&mut self) -> Res<Cow<'a, str>> {
        let start = self.i;
        let end = find_special(self.b, start);
        match self.b.get(end) {
            Some(b'"') => {
                self.i = end + 1;
                // Quotes are ASCII, so both ends are on character boundaries.
                let s = match self.text {
                    Some(t) => t.get(start..end),
                    None => std::str::from_utf8(&self.b[start..end]).ok(),
                };
                match s {
                    Some(s) => Ok(Cow::Borrowed(s)),
                    None => self.bad("invalid UTF-8 in a string"),
                }
            }
            Some(b'\\') => {
                self.i = end;
                self.unescape(start).map(Cow::Owned)
            }
            Some(_) => {
                self.i = end;
                self.bad("control character in a string")
            }
            None => {
                self.i = end;
                self.bad("unterminated string")
            }
        }
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Res<u32> {
        let Some(d) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return self.bad("unterminated string");
        };
        let mut n = 0;
        for &c in d {
            match hex(c) {
                Some(h) => n = n << 4 | h,
                None => return self.bad("invalid \\u escape"),
            }
        }
        self.i += 4;
        Ok(n)
    }

    /// The rest of a checked string with escapes: `i` is at its first backslash.
    #[cold]
    fn unescape(&mut self, start: usize) -> Res<String> {
        let mut out = Vec::with_capacity(self.i - start + 32);
        out.extend_from_slice(&self.b[start..self.i]);
        loop {
            // At a backslash.
            self.i += 1;
            let Some(&e) = self.b.get(self.i) else { return self.bad("unterminated string") };
            self.i += 1;
            match e {
                b'"' | b'\\' | b'/' => out.push(e),
                b'b' => out.push(0x08),
                b'f' => out.push(0x0c),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'u' => {
                    let n = self.hex4()?;
                    let c = match n {
                        0xDC00..=0xDFFF => return self.bad("lone trailing surrogate in \\u escape"),
                        0xD800..=0xDBFF => {
                            if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                return self.bad("unpaired surrogate in \\u escape");
                            }
                            self.i += 2;
                            let n2 = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&n2) {
                                return self.bad("unpaired surrogate in \\u escape");
                            }
                            char::from_u32(0x1_0000 + ((n - 0xD800) << 10 | (n2 - 0xDC00)))
                        }
                        n => char::from_u32(n),
                    };
                    let Some(c) = c else { return self.bad("invalid \\u escape") };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => return self.bad("invalid escape"),
            }
            let seg = self.i;
            let end = find_special(self.b, seg);
            out.extend_from_slice(&self.b[seg..end]);
            self.i = end;
            match self.b.get(end) {
                Some(b'"') => {
                    self.i += 1;
                    break;
                }
                Some(b'\\') => {}
                Some(_) => return self.bad("control character in a string"),
                None => return self.bad("unterminated string"),
            }
        }
        // Escapes decode to whole characters, so this checks exactly the raw parts' UTF-8.
        String::from_utf8(out).or_else(|_| self.bad("invalid UTF-8 in a string"))
    }

    /// Skip a string after its opening quote: escapes and control bytes checked, not UTF-8
    /// (serde_json's `ignore_str`).
    fn skip_string(&mut self) -> Res<()> {
        loop {
            self.i = find_special(self.b, self.i);
            match self.b.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    let Some(&e) = self.b.get(self.i) else { return self.bad("unterminated string") };
                    self.i += 1;
                    match e {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            self.hex4()?;
                        }
                        _ => return self.bad("invalid escape"),
                    }
                }
                Some(_) => return self.bad("control character in a string"),
                None => return self.bad("unterminated string"),
            }
        }
    }

    /// Past a number's grammar (RFC 8259) from `i`, at a `-` or digit; whether it is an integer.
    fn number_span(&mut self) -> Res<bool> {
        let b = self.b;
        let digits = |mut i: usize| {
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            i
        };
        let mut i = self.i + usize::from(b.get(self.i) == Some(&b'-'));
        match b.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(b.get(i), Some(b'0'..=b'9')) {
                    self.i = i;
                    return self.bad("leading zero in a number");
                }
            }
            Some(b'1'..=b'9') => i = digits(i + 1),
            _ => {
                self.i = i;
                return self.bad("invalid number");
            }
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            integer = false;
            let end = digits(i + 1);
            if end == i + 1 {
                self.i = end;
                return self.bad("expected a digit after `.`");
            }
            i = end;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            integer = false;
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(i);
            if end == i {
                self.i = end;
                return self.bad("expected a digit in an exponent");
            }
            i = end;
        }
        self.i = i;
        Ok(integer)
    }

    /// A checked number as the visitors print it: its u64, i64 or f64 `to_string`.
    #[inline]
    fn number(&mut self) -> Res<Cow<'a, str>> {
        let start = self.i;
        let integer = self.number_span()?;
        let lit = &self.b[start..self.i];
        if integer && integer_is_its_text(lit) {
            if let Ok(s) = std::str::from_utf8(lit) {
                return Ok(Cow::Borrowed(s));
            }
        }
        self.number_slow(lit)
    }

    /// Floats, and integers past u64/i64 (which serde_json makes f64): its own conversion (not
    /// correctly rounded in every case, so it is the one to match), then f64's `to_string`.
    #[cold]
    fn number_slow(&mut self, lit: &[u8]) -> Res<Cow<'a, str>> {
        let Ok(n) = serde_json::from_slice::<serde_json::Number>(lit) else {
            return self.bad("number out of range");
        };
        let text = match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (None, Some(i), _) => i.to_string(),
            (None, None, Some(f)) => f.to_string(),
            (None, None, None) => return self.bad("number out of range"),
        };
        Ok(Cow::Owned(text))
    }

    /// `true`, `false` or `null`, at its first byte.
    #[inline]
    fn literal(&mut self, word: &'static [u8]) -> Res<()> {
        if self.b.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(())
        } else {
            self.bad("expected a literal")
        }
    }

    /// Skip one value as serde_json's `ignore_value` does: syntax only, no depth limit.
    fn skip_value(&mut self) -> Res<()> {
        self.frames.clear();
        loop {
            // One value.
            match self.ws() {
                Some(b'"') => {
                    self.i += 1;
                    self.skip_string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number_span()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(open @ (b'[' | b'{')) => {
                    self.i += 1;
                    let close = if open == b'[' { b']' } else { b'}' };
                    if self.ws() == Some(close) {
                        self.i += 1;
                    } else {
                        self.frames.push(open);
                        if open == b'{' {
                            self.skip_key()?;
                        }
                        continue;
                    }
                }
                _ => return self.bad("expected a value"),
            }
            // After a value: close containers until one continues with a comma.
            loop {
                let Some(&frame) = self.frames.last() else { return Ok(()) };
                match self.ws() {
                    Some(b',') => {
                        self.i += 1;
                        if frame == b'{' {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    _ => return self.bad("expected `,` or the end of a container"),
                }
                self.i += 1;
                self.frames.pop();
            }
        }
    }

    /// A skipped object's key and its colon.
    fn skip_key(&mut self) -> Res<()> {
        if self.ws() != Some(b'"') {
            return self.bad("expected a key");
        }
        self.i += 1;
        self.skip_string()?;
        if self.ws() != Some(b':') {
            return self.bad("expected `:`");
        }
        self.i += 1;
        Ok(())
    }

    /// A checked container whose members are skipped (`Lenient`'s and `Identity`'s arrays and
    /// maps): keys are still checked, as serde reads them as strings.
    fn skip_members(&mut self, open: u8) -> Res<()> {
        self.open()?;
        let mut first = true;
        if open == b'{' {
            while self.next_key(&mut first)?.is_some() {
                self.skip_value()?;
            }
        } else {
            while self.next_element(&mut first)? {
                self.skip_value()?;
            }
        }
        Ok(())
    }

    /// Any scalar as text; empty strings, null, arrays and objects are None (`Lenient`).
    #[inline(always)]
    fn lenient(&mut self) -> Res<Option<Cow<'a, str>>> {
        match self.ws() {
            Some(b'"') => {
                self.i += 1;
                let s = self.string()?;
                Ok((!s.is_empty()).then_some(s))
            }
            Some(b'-' | b'0'..=b'9') => self.number().map(Some),
            Some(b't') => self.literal(b"true").map(|()| Some(Cow::Borrowed("true"))),
            Some(b'f') => self.literal(b"false").map(|()| Some(Cow::Borrowed("false"))),
            Some(b'n') => self.literal(b"null").map(|()| None),
            Some(open @ (b'[' | b'{')) => self.skip_members(open).map(|()| None),
            _ => self.bad("expected a value"),
        }
    }

    /// Every string and number of a value into the search text (`Collect`).
    fn collect(&mut self, extra: &mut String) -> Res<()> {
        match self.ws() {
            Some(b'"') => {
                self.i += 1;
                let s = self.string()?;
                push(extra, &s);
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                push(extra, &n);
            }
            Some(b't') => self.literal(b"true")?,
            Some(b'f') => self.literal(b"false")?,
            Some(b'n') => self.literal(b"null")?,
            // Recursion is bounded: each level takes one of serde's 128.
            Some(b'{') => {
                self.open()?;
                let mut first = true;
                while self.next_key(&mut first)?.is_some() {
                    self.collect(extra)?;
                }
            }
            Some(b'[') => {
                self.open()?;
                let mut first = true;
                while self.next_element(&mut first)? {
                    self.collect(extra)?;
                }
            }
            _ => return self.bad("expected a value"),
        }
        Ok(())
    }

    /// `userIdentity` (`Identity`): indexed subfields out, the rest into the search text; a value
    /// that is not an object is read and ignored.
    fn identity(&mut self, f: &mut EventFields<'a>) -> Res<()> {
        if self.ws() != Some(b'{') {
            return self.lenient().map(drop);
        }
        self.open()?;
        let mut first = true;
        while let Some(key) = self.next_key(&mut first)? {
            match key.as_ref() {
                "type" => f.identity_type = self.lenient()?,
                "userName" => f.user_name = self.lenient()?,
                "principalId" => f.principal_id = self.lenient()?,
                "accessKeyId" => f.access_key_id = self.lenient()?,
                "arn" if f.user_name.is_none() => f.user_name = self.lenient()?,
                _ => self.collect(&mut f.extra)?,
            }
        }
        Ok(())
    }

    /// `referencedResources`, `resources`, `requestParameters` (`Resources`): strings under a key
    /// of `bucket_keys` are buckets, as is the last part of an `ARN` beside `"type":
    /// "AWS::S3::Bucket"`; every string and number goes to the search text.
    fn resources(&mut self, f: &mut EventFields<'a>, bucket_keys: &[&str], in_bucket_list: bool) -> Res<()> {
        match self.ws() {
            Some(b'"') => {
                self.i += 1;
                let s = self.string()?;
                push(&mut f.extra, &s);
                if in_bucket_list {
                    f.buckets.push(s);
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                push(&mut f.extra, &n);
            }
            Some(b't') => self.literal(b"true")?,
            Some(b'f') => self.literal(b"false")?,
            Some(b'n') => self.literal(b"null")?,
            // Recursion is bounded: each level takes one of serde's 128.
            Some(b'{') => {
                self.open()?;
                let mut first = true;
                let mut arn_is_bucket = false;
                let mut arn = None;
                while let Some(key) = self.next_key(&mut first)? {
                    match key.as_ref() {
                        "type" => arn_is_bucket = self.lenient()?.as_deref() == Some("AWS::S3::Bucket"),
                        "ARN" => arn = self.lenient()?,
                        k => {
                            let is_bucket = bucket_keys.contains(&k);
                            self.resources(f, bucket_keys, is_bucket)?;
                        }
                    }
                }
                if let (true, Some(a)) = (arn_is_bucket, arn) {
                    f.buckets.push(Cow::Owned(a.rsplit(':').next().unwrap_or_default().to_string()));
                }
            }
            Some(b'[') => {
                self.open()?;
                let mut first = true;
                while self.next_element(&mut first)? {
                    self.resources(f, bucket_keys, in_bucket_list)?;
                }
            }
            _ => return self.bad("expected a value"),
        }
        Ok(())
    }

    /// `eventAttributes` (`Attributes`): checked here, then read as a `serde_json::Value` as the
    /// reference does, since its search text is that value re-serialized (keys sorted, duplicates
    /// merged, floats printed by ryu). Rare, so the second read costs little.
    fn attributes(&mut self, f: &mut EventFields<'a>) -> Res<()> {
        self.ws();
        let start = self.i;
        self.collect(&mut String::new())?;
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&self.b[start..self.i]) else {
            return self.bad("invalid eventAttributes");
        };
        if let Some(s) = v.get("SensitiveAction") {
            f.sensitive_attribute = s == &serde_json::Value::Bool(true) || s.as_str() == Some("true");
        }
        push(&mut f.extra, &v.to_string());
        Ok(())
    }
}

/// Compare [`parse_event_fast`] with [`parse_event`](super::parse::parse_event) on `bytes` (the
/// differential tests and fuzz target): equal results, or errors of the same kind (any two syntax
/// errors match). Err says how they differ.
pub fn differential(bytes: &[u8]) -> Result<(), String> {
    let want = super::parse::parse_event(bytes);
    let got = parse_event_fast(bytes);
    match (&want, &got) {
        (Ok(w), Ok(g)) if w == g => Ok(()),
        (Err(ParseError::Json(_)), Err(ParseError::Json(_))) => Ok(()),
        (Err(w), Err(g)) if w == g => Ok(()),
        _ => Err(format!(
            "parse_event_fast differs on {:?}\n reference: {want:?}\n      fast: {got:?}",
            String::from_utf8_lossy(bytes)
        )),
    }
}

/// Check [`parse_event_at`] on the object at the start of `bytes`: where it says the object ends,
/// the reference gives the same result for the bytes up to there; when it does not know, the
/// reference fails on them too. Err says how they differ.
pub fn prefix_differential(bytes: &[u8]) -> Result<(), String> {
    let at = parse_event_at(bytes, std::str::from_utf8(bytes).ok(), 0);
    let (got, end) = match at {
        Ok((got, end, newlines)) => {
            let counted = memchr::memchr_iter(b'\n', &bytes[..end]).count() as u64;
            if newlines != counted {
                return Err(format!(
                    "parse_event_at counted {newlines} line breaks in {:?}, which has {counted}",
                    String::from_utf8_lossy(&bytes[..end])
                ));
            }
            (got, end)
        }
        Err(_) => {
            // Then no prefix is an object the reference reads (one ends with a `}`; the first few).
            let ends = memchr::memchr_iter(b'}', bytes).take(64).map(|e| e + 1);
            if let Some(end) =
                ends.into_iter().find(|&e| !matches!(super::parse::parse_event(&bytes[..e]), Err(ParseError::Json(_))))
            {
                return Err(format!(
                    "parse_event_at failed on {:?}, valid up to {end}",
                    String::from_utf8_lossy(bytes)
                ));
            }
            return Ok(());
        }
    };
    let want = super::parse::parse_event(&bytes[..end]);
    match (&want, &got) {
        (Ok(w), Ok(g)) if w == g => Ok(()),
        (Err(w), Err(g)) if w == g || matches!((w, g), (ParseError::Json(_), ParseError::Json(_))) => Ok(()),
        _ => Err(format!(
            "parse_event_at differs on {:?} (ends at {end})\n reference: {want:?}\n        at: {got:?}",
            String::from_utf8_lossy(bytes)
        )),
    }
}

/// Keys the fuzz body puts its value under: one of each kind the parser treats differently.
const FUZZ_KEYS: &[&[u8]] = &[
    b"eventId",
    b"eventID",
    b"requestId",
    b"eventTime",
    b"eventName",
    b"awsRegion",
    b"sourceIPAddress",
    b"__time__",
    b"event",
    b"CloudTrailEvent",
    b"userIdentity",
    b"referencedResources",
    b"resources",
    b"requestParameters",
    b"eventAttributes",
    b"readOnly",
    b"eventVersion",
    b"additionalEventData",
];

/// The `parse_diff` fuzz target's body, shared with the test that replays saved inputs: the
/// [`differential`] check on `data` itself; on `data[1..]` as the value of a special key (picked by
/// `data[0]`) in an otherwise valid event, so that mutations reach every visitor; and on `data`,
/// when it is UTF-8, as the JSON string an SLS wrapper holds.
pub fn fuzz_body(data: &[u8]) -> Result<(), String> {
    differential(data)?;
    prefix_differential(data)?;
    if let Some((&pick, value)) = data.split_first() {
        let key = FUZZ_KEYS[pick as usize % FUZZ_KEYS.len()];
        differential(&[br#"{"eventId":"e","eventTime":"2024-01-01T00:00:00Z",""#, key, b"\":", value, b"}"].concat())?;
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let mut sls = String::from(r#"{"__time__":"1700000000","event":""#);
        for c in text.chars() {
            match c {
                '"' => sls.push_str("\\\""),
                '\\' => sls.push_str("\\\\"),
                c if u32::from(c) < 0x20 => sls.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => sls.push(c),
            }
        }
        sls.push_str("\"}");
        differential(sls.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time search finds exactly the first `"`, `\` or control byte, whatever
    /// surrounds it and wherever it falls in a word.
    #[test]
    fn find_special_is_exact() {
        let naive = |b: &[u8], i: usize| {
            i + b[i..].iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20).unwrap_or(b.len() - i)
        };
        for fill in [b'a', b' ', 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff] {
            for len in 0..20 {
                for at in 0..=len {
                    for c in 0..=255u8 {
                        let mut b = vec![fill; len];
                        if at < len {
                            b[at] = c;
                        }
                        // A later special byte must never hide an earlier one.
                        b.push(b'"');
                        for start in 0..=b.len().min(3) {
                            assert_eq!(find_special(&b, start), naive(&b, start), "{b:?} from {start}");
                        }
                    }
                }
            }
        }
        assert_eq!(find_special(b"abc", 3), 3);
        assert_eq!(find_special(b"abc", 9), 3);
    }

    /// Integers are kept as written when serde_json has them as u64 or i64 (and `-0`), and the
    /// text of every number is what its serde value prints.
    #[test]
    fn integer_text_boundaries() {
        for lit in [
            "0",
            "-0",
            "7",
            "-7",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775807",
            "-9223372036854775808",
            "-9223372036854775809",
            "-9999999999999999999",
            "-10000000000000000000",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "100000000000000000000",
        ] {
            let n: serde_json::Number = serde_json::from_str(lit).unwrap();
            let text = match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => u.to_string(),
                (None, Some(i), _) => i.to_string(),
                (None, None, Some(f)) => f.to_string(),
                _ => unreachable!(),
            };
            // Kept as written only when that is right, and always when serde has an integer.
            if integer_is_its_text(lit.as_bytes()) {
                assert_eq!(text, lit);
            }
            assert_eq!(integer_is_its_text(lit.as_bytes()), n.is_u64() || n.is_i64() || lit == "-0", "{lit}");
            let mut s = Scan::new(lit.as_bytes(), None, 0);
            assert_eq!(s.number().ok().as_deref(), Some(text.as_str()), "{lit}");
        }
    }
}
