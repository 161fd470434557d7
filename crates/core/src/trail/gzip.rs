//! Streaming gunzip (RFC 1952, multi-member) over miniz_oxide, fed chunk by chunk, so a large
//! `.gz` never has to be in memory. It also records checkpoints (a copy of the inflater's state
//! every few MB of output) so a single event can later be re-read without inflating from the
//! start.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// Why a gzip stream could not be read (`Display` is the English; `Lang::text(&Msg::Gzip(..))`
/// gives every language).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum GzError {
    BadMagic,
    /// Near this compressed byte.
    Corrupt(u64),
    Checksum,
    Truncated,
    /// At this byte.
    TrailingData(u64),
    HeaderTooLong,
}

impl std::error::Error for GzError {}

/// A point in the stream from which inflating can resume.
#[derive(Clone)]
pub struct Checkpoint {
    /// Compressed offset of the next byte to feed.
    pub in_pos: u64,
    /// Decompressed offset of the next byte produced.
    pub out_pos: u64,
    state: Box<InflateState>,
}

impl std::fmt::Debug for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Checkpoint {{ in_pos: {}, out_pos: {} }}", self.in_pos, self.out_pos)
    }
}

/// A member header longer than this is refused (a name or comment field that long is no trail
/// file, and reading on would only burn time).
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

enum Phase {
    /// Reading a member header.
    Header(HeaderReader),
    Body,
    /// Collecting the 8-byte trailer.
    Trailer(Vec<u8>),
    /// Between members: another may start, or the stream may end.
    Between,
}

/// Where a member header is being read: each byte is looked at once, whatever the chunking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderStep {
    /// The 10 fixed bytes (magic, method, flags, time, xfl, os); `n` read so far.
    Fixed(usize),
    /// The 2-byte FEXTRA length; `n` read so far.
    ExtraLen(usize),
    /// Skipping FEXTRA bytes (this many left).
    Extra(usize),
    /// The zero-terminated FNAME.
    Name,
    /// The zero-terminated FCOMMENT.
    Comment,
    /// The 2-byte FHCRC; `n` read so far.
    Crc(usize),
}

impl HeaderStep {
    /// Position in the header's field order.
    fn rank(self) -> usize {
        match self {
            HeaderStep::Fixed(_) => 0,
            HeaderStep::ExtraLen(_) | HeaderStep::Extra(_) => 1,
            HeaderStep::Name => 2,
            HeaderStep::Comment => 3,
            HeaderStep::Crc(_) => 4,
        }
    }
}

#[derive(Clone, Debug)]
struct HeaderReader {
    step: HeaderStep,
    flags: u8,
    extra_len: [u8; 2],
    len: usize,
}

/// Why a header could not be read (the caller turns it into a `GzError`).
enum HeaderFault {
    NotGzip,
    TooLong,
}

impl HeaderReader {
    fn new() -> Self {
        HeaderReader { step: HeaderStep::Fixed(0), flags: 0, extra_len: [0; 2], len: 0 }
    }

    /// The optional field after `done` that the flags ask for, or `None` at the header's end.
    fn after(&self, done: HeaderStep) -> Option<HeaderStep> {
        const ORDER: [(HeaderStep, u8); 4] = [
            (HeaderStep::ExtraLen(0), 0x04),
            (HeaderStep::Name, 0x08),
            (HeaderStep::Comment, 0x10),
            (HeaderStep::Crc(0), 0x02),
        ];
        ORDER.iter().skip(done.rank()).find(|(_, bit)| self.flags & bit != 0).map(|(s, _)| *s)
    }

    /// Read header bytes from `input`: `Ok(Some(n))` when the header ended after `n` bytes,
    /// `Ok(None)` when all of `input` was header and more is needed.
    fn feed(&mut self, input: &[u8]) -> Result<Option<usize>, HeaderFault> {
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            let next = match self.step {
                HeaderStep::Fixed(n) => {
                    const MAGIC: [u8; 3] = [0x1f, 0x8b, 8];
                    if n < 3 && b != MAGIC[n] {
                        return Err(HeaderFault::NotGzip);
                    }
                    if n == 3 {
                        self.flags = b;
                    }
                    i += 1;
                    if n + 1 < 10 {
                        Some(HeaderStep::Fixed(n + 1))
                    } else {
                        self.after(HeaderStep::Fixed(n))
                    }
                }
                HeaderStep::ExtraLen(n) => {
                    self.extra_len[n] = b;
                    i += 1;
                    if n == 0 {
                        Some(HeaderStep::ExtraLen(1))
                    } else {
                        match u16::from_le_bytes(self.extra_len) as usize {
                            0 => self.after(HeaderStep::Extra(0)),
                            len => Some(HeaderStep::Extra(len)),
                        }
                    }
                }
                HeaderStep::Extra(left) => {
                    let take = left.min(input.len() - i);
                    i += take;
                    if take == left {
                        self.after(HeaderStep::Extra(0))
                    } else {
                        Some(HeaderStep::Extra(left - take))
                    }
                }
                HeaderStep::Name | HeaderStep::Comment => match memchr::memchr(0, &input[i..]) {
                    Some(z) => {
                        i += z + 1;
                        self.after(self.step)
                    }
                    None => {
                        i = input.len();
                        Some(self.step)
                    }
                },
                HeaderStep::Crc(n) => {
                    i += 1;
                    (n == 0).then_some(HeaderStep::Crc(1))
                }
            };
            if self.len + i > MAX_HEADER_BYTES {
                return Err(HeaderFault::TooLong);
            }
            match next {
                Some(step) => self.step = step,
                None => {
                    self.len += i;
                    return Ok(Some(i));
                }
            }
        }
        self.len += i;
        Ok(None)
    }
}

/// Whether `bytes` start like gzip.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
}

/// A push-style gzip decoder.
pub struct Gunzip {
    state: Box<InflateState>,
    phase: Phase,
    crc: crc32fast::Hasher,
    verify: bool,
    member_out: u64,
    total_in: u64,
    total_out: u64,
    checkpoint_every: u64,
    next_checkpoint: u64,
    checkpoints: Vec<Checkpoint>,
    out: Vec<u8>,
}

impl Gunzip {
    /// A decoder that records a checkpoint every `checkpoint_every` output bytes (0: never).
    pub fn new(checkpoint_every: u64) -> Self {
        Gunzip {
            state: InflateState::new_boxed(DataFormat::Raw),
            phase: Phase::Header(HeaderReader::new()),
            crc: crc32fast::Hasher::new(),
            verify: true,
            member_out: 0,
            total_in: 0,
            total_out: 0,
            checkpoint_every,
            next_checkpoint: checkpoint_every,
            checkpoints: Vec::new(),
            out: vec![0; 64 * 1024],
        }
    }

    /// Continue from a checkpoint: feed compressed bytes starting at `cp.in_pos`; output starts
    /// at `cp.out_pos`. Checksums are not verified (the member started earlier).
    pub fn resume(cp: &Checkpoint) -> Self {
        let mut g = Gunzip::new(0);
        g.state = cp.state.clone();
        g.phase = Phase::Body;
        g.verify = false;
        g.total_in = cp.in_pos;
        g.total_out = cp.out_pos;
        g
    }

    /// Take the checkpoints (when the file is done).
    pub fn take_checkpoints(&mut self) -> Vec<Checkpoint> {
        std::mem::take(&mut self.checkpoints)
    }

    /// Feed compressed bytes; decompressed bytes go to `sink`.
    pub fn feed(&mut self, mut input: &[u8], sink: &mut dyn FnMut(&[u8])) -> Result<(), GzError> {
        loop {
            // The body may still hold output with no input left; other phases need input.
            if input.is_empty() && !matches!(self.phase, Phase::Body) {
                return Ok(());
            }
            match &mut self.phase {
                Phase::Between => {
                    if input[0] == 0x1f {
                        self.phase = Phase::Header(HeaderReader::new());
                    } else if input.iter().all(|&b| b == 0) {
                        // Zero padding after the last member is tolerated (tape-style writers).
                        self.total_in += input.len() as u64;
                        return Ok(());
                    } else {
                        return Err(GzError::TrailingData(self.total_in));
                    }
                }
                Phase::Header(reader) => match reader.feed(input) {
                    Err(HeaderFault::NotGzip) => {
                        return Err(if self.total_in == 0 {
                            GzError::BadMagic
                        } else {
                            GzError::TrailingData(self.total_in)
                        })
                    }
                    Err(HeaderFault::TooLong) => return Err(GzError::HeaderTooLong),
                    Ok(None) => {
                        self.total_in += input.len() as u64;
                        return Ok(());
                    }
                    Ok(Some(used)) => {
                        input = &input[used..];
                        self.total_in += used as u64;
                        *self.state = InflateState::new(DataFormat::Raw);
                        self.crc = crc32fast::Hasher::new();
                        self.member_out = 0;
                        self.phase = Phase::Body;
                    }
                },
                Phase::Body => {
                    let r = inflate(&mut self.state, input, &mut self.out, MZFlush::None);
                    let produced = &self.out[..r.bytes_written];
                    if self.verify {
                        self.crc.update(produced);
                    }
                    sink(produced);
                    input = &input[r.bytes_consumed..];
                    self.total_in += r.bytes_consumed as u64;
                    self.total_out += r.bytes_written as u64;
                    self.member_out += r.bytes_written as u64;
                    match r.status {
                        Ok(MZStatus::StreamEnd) => self.phase = Phase::Trailer(Vec::new()),
                        Ok(_) | Err(MZError::Buf) => {
                            if self.checkpoint_every > 0 && self.total_out >= self.next_checkpoint {
                                self.checkpoints.push(Checkpoint {
                                    in_pos: self.total_in,
                                    out_pos: self.total_out,
                                    state: self.state.clone(),
                                });
                                self.next_checkpoint = self.total_out + self.checkpoint_every;
                            }
                            if r.bytes_consumed == 0 && r.bytes_written == 0 {
                                return Ok(());
                            }
                        }
                        Err(_) => return Err(GzError::Corrupt(self.total_in)),
                    }
                }
                Phase::Trailer(buf) => {
                    let take = (8 - buf.len()).min(input.len());
                    buf.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    self.total_in += take as u64;
                    if buf.len() == 8 {
                        let crc = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]);
                        let size = u32::from_le_bytes([buf[4], buf[5], buf[6], buf[7]]);
                        let crc_now = std::mem::replace(&mut self.crc, crc32fast::Hasher::new()).finalize();
                        if self.verify && (crc != crc_now || size != self.member_out as u32) {
                            return Err(GzError::Checksum);
                        }
                        self.verify = true;
                        self.phase = Phase::Between;
                    }
                }
            }
        }
    }

    /// The input has ended: an error if it ended inside a member.
    pub fn finish(&self) -> Result<(), GzError> {
        match &self.phase {
            Phase::Between => Ok(()),
            _ => Err(GzError::Truncated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        // A stored (uncompressed) deflate stream inside a gzip member: enough to test framing.
        let mut out = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
        out.extend_from_slice(b"name.json\0");
        out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
        out.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out
    }

    fn gunzip_in_chunks(data: &[u8], chunk: usize) -> Result<Vec<u8>, GzError> {
        let mut g = Gunzip::new(0);
        let mut out = Vec::new();
        for c in data.chunks(chunk) {
            g.feed(c, &mut |b| out.extend_from_slice(b))?;
        }
        g.finish()?;
        Ok(out)
    }

    #[test]
    fn round_trips_in_any_chunking_and_multiple_members() {
        let text: Vec<u8> = (0..50_000).flat_map(|i| format!("{{\"eventId\":\"{i}\"}}\n").into_bytes()).collect();
        let mut two = gzip(&text[..1000]);
        two.extend(gzip(&text[1000..]));
        for chunk in [1, 7, 4096, 1 << 20] {
            assert_eq!(gunzip_in_chunks(&gzip(&text), chunk).unwrap(), text, "chunk {chunk}");
            assert_eq!(gunzip_in_chunks(&two, chunk).unwrap(), text, "two members, chunk {chunk}");
        }
    }

    #[test]
    fn damage_is_reported() {
        let good = gzip(b"[{\"eventId\":\"a\"}]");
        assert_eq!(gunzip_in_chunks(b"hello", 4096), Err(GzError::BadMagic));
        assert_eq!(gunzip_in_chunks(&good[..good.len() - 3], 4096), Err(GzError::Truncated));
        let mut bad_crc = good.clone();
        let n = bad_crc.len();
        bad_crc[n - 6] ^= 0xff;
        assert_eq!(gunzip_in_chunks(&bad_crc, 4096), Err(GzError::Checksum));
        let mut garbage = good[..12].to_vec();
        garbage.extend(std::iter::repeat_n(0xAB, 200));
        assert!(gunzip_in_chunks(&garbage, 4096).is_err());
        let mut trailing = good.clone();
        trailing.extend_from_slice(b"junk");
        assert!(matches!(gunzip_in_chunks(&trailing, 4096), Err(GzError::TrailingData(_))));
        let mut padded = good;
        padded.extend_from_slice(&[0; 16]);
        assert!(gunzip_in_chunks(&padded, 4096).is_ok());
    }

    #[test]
    fn headers_with_every_optional_field_in_any_chunking() {
        let body = miniz_oxide::deflate::compress_to_vec(b"[1]", 6);
        let mut member = vec![0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3];
        member.extend_from_slice(&[3, 0, 9, 9, 9]);
        member.extend_from_slice(b"name\0comment\0");
        member.extend_from_slice(&[0xAA, 0xBB]);
        member.extend_from_slice(&body);
        member.extend_from_slice(&crc32fast::hash(b"[1]").to_le_bytes());
        member.extend_from_slice(&3u32.to_le_bytes());
        for chunk in [1, 2, 3, 5, 4096] {
            assert_eq!(gunzip_in_chunks(&member, chunk).unwrap(), b"[1]", "chunk {chunk}");
        }
    }

    #[test]
    fn a_huge_name_field_is_refused_at_the_cap_in_linear_time() {
        let mut bomb = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
        bomb.extend(std::iter::repeat_n(b'n', 8 << 20));
        // Refused once the header passes the cap: never more than 64 KB is looked at, however
        // the file is chunked (the old reader re-scanned all of it on every 1 KB chunk).
        let mut g = Gunzip::new(0);
        let mut fed = 0;
        let mut result = Ok(());
        for c in bomb.chunks(1024) {
            fed += c.len();
            result = g.feed(c, &mut |_| {});
            if result.is_err() {
                break;
            }
        }
        assert_eq!(result, Err(GzError::HeaderTooLong));
        assert!(fed <= MAX_HEADER_BYTES + 1024, "{fed}");
        // Just under the cap is fine.
        let mut ok = vec![0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3];
        ok.extend(std::iter::repeat_n(b'n', MAX_HEADER_BYTES - 20));
        ok.push(0);
        ok.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(b"x", 6));
        ok.extend_from_slice(&crc32fast::hash(b"x").to_le_bytes());
        ok.extend_from_slice(&1u32.to_le_bytes());
        assert_eq!(gunzip_in_chunks(&ok, 1000).unwrap(), b"x");
    }

    #[test]
    fn checkpoints_resume_to_the_same_bytes() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("line {} {}\n", i, i.wrapping_mul(2_654_435_761)).into_bytes())
            .collect();
        let gz = gzip(&text);
        let mut g = Gunzip::new(256 * 1024);
        let mut out = Vec::new();
        for c in gz.chunks(10_000) {
            g.feed(c, &mut |b| out.extend_from_slice(b)).unwrap();
        }
        assert_eq!(out, text);
        let cps = g.take_checkpoints();
        assert!(cps.len() >= 4, "{}", cps.len());
        for cp in &cps {
            let mut r = Gunzip::resume(cp);
            let mut tail = Vec::new();
            let _ = r.feed(&gz[cp.in_pos as usize..], &mut |b| tail.extend_from_slice(b));
            assert_eq!(&tail[..], &text[cp.out_pos as usize..], "resume at {}", cp.out_pos);
        }
    }
}
